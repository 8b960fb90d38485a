/* test_eval_polls.c - the room's answers at every stop: pooling over rooms
 * (first pass only, replays apart, the "when did it become stalking?"
 * timeline, suppression of small vote cells), the polls and event_facts
 * tables on a real file (totals only, order by seq, old files), redaction
 * of a free text before approval, questionnaire fingerprints and padding by
 * characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <unistd.h>

#include "eval/eval_compare.h"
#include "eval/eval_polls.h"
#include "eval/eval_store.h"
#include "eval/eval_store_polls.h"
#include "unit/test_eval_fixture.h"

static EvalPollRecord rec(EvalPollKind k, const char *beat, int seq, int pass, int h0, int h1,
                          int h2, int result)
{
    EvalPollRecord r;
    memset(&r, 0, sizeof r);
    r.kind = k;
    snprintf(r.beat, sizeof r.beat, "%s", beat);
    r.seq = seq;
    r.pass = pass;
    r.n_options = 3;
    r.hands[0] = h0;
    r.hands[1] = h1;
    r.hands[2] = h2;
    r.result = result;
    r.voted = h0 + h1 + h2 > 0;
    return r;
}

static void test_stops_pool(void **state)
{
    EvalStops *st = eval_stops_new();
    Err e;
    const EvalStopRow *r = NULL;
    EvalShare sh[EVAL_POLL_MAX_OPTIONS];
    Buf out = BUF_INIT;
    /* room 1: warning, warning, stalking at "flood" */
    EvalPollRecord a[] = {rec(EVAL_POLL_SIGNAL, "first", 1, 1, 4, 17, 2, 1),
                          rec(EVAL_POLL_STOP, "middle", 2, 1, 0, 9, 3, 1),
                          rec(EVAL_POLL_CHOICE, "middle", 3, 1, 5, 5, 20, 2),
                          rec(EVAL_POLL_SIGNAL, "flood", 4, 1, 0, 2, 20, 2)};
    /* room 2, records out of order: stalking at once; a rewind and a replay
     * of "first" that must not count as a second room */
    EvalPollRecord b[] = {rec(EVAL_POLL_SIGNAL, "first", 3, 2, 9, 2, 0, 0),
                          rec(EVAL_POLL_SIGNAL, "first", 1, 1, 2, 5, 12, 2),
                          rec(EVAL_POLL_SIGNAL, "flood", 2, 1, 1, 1, 1, 2)};
    /* room 3: never stalking */
    EvalPollRecord c[] = {rec(EVAL_POLL_SIGNAL, "first", 1, 1, 0, 0, 0, 0)};
    (void)state;
    assert_int_equal(eval_stops_add_event(st, "sc", a, 4, &e), 0);
    assert_int_equal(eval_stops_add_event(st, "sc", b, 3, &e), 0);
    assert_int_equal(eval_stops_add_event(st, "sc", c, 1, &e), 0);
    assert_int_equal(eval_stops_rooms(st), 3);
    assert_int_equal(eval_stops_never_stalking(st), 1);
    assert_int_equal(eval_stops_count(st), 4);
    r = eval_stops_row(st, 0); /* story order: first, middle (stop, choice), flood */
    assert_string_equal(r->beat, "first");
    assert_int_equal(r->rooms, 3);
    assert_int_equal(r->rooms_voted, 2);
    assert_int_equal(r->replays, 1);
    assert_int_equal(r->votes, 42);
    assert_int_equal(r->result_rooms[0], 1);
    assert_int_equal(r->result_rooms[1], 1);
    assert_int_equal(r->result_rooms[2], 1);
    assert_int_equal(r->first_stalking, 1);
    assert_int_equal(eval_stop_shares(r, sh), 0);
    assert_true(sh[0].shown && sh[0].percent == 14);
    assert_true(sh[2].shown && sh[2].count == 14 && sh[2].percent == 33);
    r = eval_stops_row(st, 3);
    assert_string_equal(r->beat, "flood");
    assert_int_equal(r->first_stalking, 1); /* room 1; room 2 said it earlier */
    r = eval_stops_row(st, 1);
    assert_int_equal(r->kind, EVAL_POLL_STOP);
    /* 0 / 9 / 3: two small cells, no complement needed; the 9 stays */
    assert_int_equal(eval_stop_shares(r, sh), 0);
    assert_true(sh[0].small && sh[2].small && sh[1].shown);
    /* one small cell: the smallest shown one is hidden too */
    {
        EvalStopRow x;
        memset(&x, 0, sizeof x);
        x.kind = EVAL_POLL_SIGNAL;
        x.n_options = 3;
        x.hands[0] = 3;
        x.hands[1] = 10;
        x.hands[2] = 20;
        x.votes = 33;
        assert_int_equal(eval_stop_shares(&x, sh), 0);
        assert_true(sh[0].small && !sh[1].shown && !sh[1].small && sh[2].shown);
        x.votes = 4;
        x.hands[1] = x.hands[2] = 0;
        x.hands[0] = 4;
        assert_int_equal(eval_stop_shares(&x, sh), ERR_LIMIT);
    }
    assert_int_equal(eval_stops_text(st, EVAL_LANG_EN, &out), 0);
    assert_non_null(strstr(buf_str(&out), "  first                              1 rooms"));
    assert_non_null(strstr(buf_str(&out), "  (never)                            1 rooms"));
    buf_reset(&out);
    assert_int_equal(eval_stops_csv(st, EVAL_LANG_EN, ';', 1, &out), 0);
    assert_non_null(
        strstr(buf_str(&out), "sc;first;signal;3;2;1;42;3;Stalking;14;0;14;33;shown;1;1\r\n"));
    assert_non_null(strstr(buf_str(&out), "sc;middle;stop;1;1;0;12;1;OK;;;;;lt5;0;0\r\n"));
    buf_reset(&out);
    assert_int_equal(eval_stops_html(st, EVAL_LANG_EN, &out), 0);
    assert_non_null(strstr(buf_str(&out), "When did it become stalking?"));
    buf_free(&out);
    /* bad records are refused */
    a[0].n_options = 4;
    assert_int_equal(eval_stops_add_event(st, "sc", a, 1, &e), ERR_INVALID);
    eval_stops_free(st);
    eval_stops_free(NULL);
}

/* An option the story hid or disabled was not offered: the store keeps that
 * ("-" instead of a count), and the report neither calls it a small cell nor
 * hides a real count beside it to protect it (nobody could choose it). */
static void test_option_not_offered(void **state)
{
    char dir[] = "/tmp/test_eval_closed.XXXXXX", db[128], cmd[200];
    EvalQuestionnaire *q = fixture_questionnaire();
    EvalStore *s = NULL;
    EvalStops *st = eval_stops_new();
    Err e;
    char ev[EVAL_EVENT_ID_LEN + 1];
    EvalPollRecord r = rec(EVAL_POLL_CHOICE, "mads_choice", 0, 1, 10, 30, 20, 1), *got = NULL;
    const EvalStopRow *row = NULL;
    EvalShare sh[EVAL_POLL_MAX_OPTIONS];
    Buf out = BUF_INIT;
    int n = 0, bad = 0;
    (void)state;
    r.n_options = 4; /* option 4 hidden: no count */
    r.closed = 1u << 3;
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/ev.sqlite", dir);
    s = eval_store_open(db, &e);
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, q, "stalking", NULL, ev, &e), 0);
    /* votes for an option not offered are refused */
    r.hands[3] = 2;
    assert_int_equal(eval_store_add_poll(s, ev, &r, &e), ERR_INVALID);
    r.hands[3] = 0;
    assert_int_equal(eval_store_add_poll(s, ev, &r, &e), 0);
    assert_int_equal(eval_store_event_polls(s, ev, &got, &n, &bad, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(bad, 0);
    assert_int_equal(got[0].closed, 1u << 3);
    assert_int_equal(got[0].n_options, 4);
    assert_int_equal(eval_stops_add_event(st, "stalking", got, n, &e), 0);
    row = eval_stops_row(st, 0);
    assert_int_equal(eval_stop_shares(row, sh), 0);
    assert_true(sh[3].closed);
    assert_false(sh[3].small);
    /* option 1's 10 votes (17 %) are shown: no small cell to protect */
    assert_true(sh[0].shown);
    assert_int_equal(sh[0].percent, 17);
    assert_int_equal(eval_stops_csv(st, EVAL_LANG_EN, ',', 0, &out), 0);
    assert_non_null(strstr(buf_str(&out), ",not_offered,"));
    assert_null(strstr(buf_str(&out), ",lt5,"));
    buf_reset(&out);
    assert_int_equal(eval_stops_text(st, EVAL_LANG_EN, &out), 0);
    assert_non_null(strstr(buf_str(&out), "not offered"));
    buf_free(&out);
    free(got);
    eval_stops_free(st);
    eval_store_close(s);
    eval_q_free(q);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static int fact_cb(void *ud, const char *name, const char *value)
{
    Buf *b = ud;
    buf_printf(b, "%s=%s;", name, value);
    return 0;
}

static int pending_cb(void *ud, const EvalPendingText *t)
{
    snprintf(ud, 33, "%s", t->key);
    return 1;
}

static void test_store_polls(void **state)
{
    char dir[] = "/tmp/test_eval_polls.XXXXXX", db[128], cmd[400];
    EvalQuestionnaire *q = fixture_questionnaire();
    EvalStore *s = NULL;
    Err e;
    char ev[EVAL_EVENT_ID_LEN + 1], key[33];
    EvalPollRecord r1 = rec(EVAL_POLL_SIGNAL, "first_messages", 0, 1, 4, 17, 2, 1);
    EvalPollRecord r2 = rec(EVAL_POLL_CHOICE, "unanswered", 0, 2, 5, 5, 20, 2);
    EvalPollRecord *got = NULL;
    EvalAnswers *a = eval_answers_new(q);
    EvalTally *t = eval_tally_new(q);
    Buf b = BUF_INIT;
    int n = 0, bad = 0, rev = 0, i = 0;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/ev.sqlite", dir);
    s = eval_store_open(db, &e);
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, q, "stalking", "8.A", ev, &e), 0);
    r2.phones[0] = 1;
    r2.phones[2] = 3;
    eval_poll_copy_text(r2.prompt, sizeof r2.prompt, "Hvad gør Sofie?");
    eval_poll_copy_text(r2.labels[0], sizeof r2.labels[0], "Hun undskylder");
    eval_poll_copy_text(r2.labels[2], sizeof r2.labels[2], "Hun viser Emma beskederne");
    assert_int_equal(eval_store_add_poll(s, ev, &r1, &e), 0);
    assert_int_equal(eval_store_add_poll(s, ev, &r2, &e), 0);
    assert_int_equal(r1.seq, 1);
    assert_int_equal(r2.seq, 2);
    assert_int_equal(eval_store_add_poll(s, "nope", &r1, &e), ERR_INVALID);
    snprintf(r1.beat, sizeof r1.beat, "bad beat");
    assert_int_equal(eval_store_add_poll(s, ev, &r1, &e), ERR_INVALID);
    assert_int_equal(eval_store_event_polls(s, ev, &got, &n, &bad, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(bad, 0);
    assert_string_equal(got[0].beat, "first_messages");
    assert_int_equal(got[0].hands[1], 17);
    assert_int_equal(got[1].kind, EVAL_POLL_CHOICE);
    assert_int_equal(got[1].pass, 2);
    assert_int_equal(got[1].phones[2], 3);
    assert_int_equal(got[1].result, 2);
    assert_string_equal(got[1].prompt, "Hvad gør Sofie?");
    assert_string_equal(got[1].labels[0], "Hun undskylder");
    assert_string_equal(got[1].labels[1], "");
    assert_string_equal(got[1].labels[2], "Hun viser Emma beskederne");
    assert_string_equal(got[0].prompt, "");
    free(got);
    /* facts */
    assert_int_equal(eval_store_set_fact(s, ev, "attendance", "24", &e), 0);
    assert_int_equal(eval_store_set_fact(s, ev, "label:school", "Nørreskolen", &e), 0);
    assert_int_equal(eval_store_set_fact(s, ev, "label:school", "Sydskolen", &e), 0);
    assert_int_equal(eval_store_set_fact(s, ev, "Bad Name", "x", &e), ERR_INVALID);
    assert_int_equal(eval_store_set_fact(s, "nope", "attendance", "1", &e), ERR_INVALID);
    assert_int_equal(eval_store_each_fact(s, ev, fact_cb, &b, &e), 0);
    assert_string_equal(buf_str(&b), "attendance=24;label:school=Sydskolen;");
    /* redact a name before approving */
    fixture_answers(a, 3);
    eval_answers_set_text(a, "comment", "Mads fra 9.B er led, men stykket var godt", NULL);
    assert_int_equal(eval_store_submit(s, ev, a, NULL, &e), 0);
    key[0] = '\0';
    assert_int_equal(eval_store_each_pending_text(s, ev, pending_cb, key, &e), 0);
    assert_true(key[0] != '\0');
    assert_int_equal(
        eval_store_redact_text(s, key, "[...] fra 9.B er led, men stykket var godt", &e), 0);
    assert_int_equal(eval_store_review_text(s, key, 1, &e), 0);
    assert_int_equal(eval_store_redact_text(s, key, "again", &e), ERR_NOTFOUND); /* reviewed */
    assert_int_equal(eval_store_tally_event(s, ev, t, &e), 0);
    for (i = 0; i < eval_q_count(q); i++)
        if (eval_q_kind(q, i) == EVAL_TEXT && eval_tally_text_count(t, i) > 0) {
            assert_string_equal(eval_tally_text(t, i, 0, &rev),
                                "[...] fra 9.B er led, men stykket var godt");
            assert_int_equal(rev, 1);
        }
    eval_store_close(s);
    /* the raw file holds no trace of the name (secure_delete) */
    snprintf(cmd, sizeof cmd, "grep -c 'Mads fra' '%s' '%s-wal' >/dev/null 2>&1", db, db);
    assert_int_not_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    buf_free(&b);
    eval_tally_free(t);
    eval_answers_free(a);
    eval_q_free(q);
}

/* A file written before the polls existed (schema version 1) gets the new
 * tables when opened for writing, and its events keep their answers. */
/* A file made before schema 2 (the room's polls): opened for writing it
 * gains the new tables.  Made here as Spectactor made it: a store's own
 * file with the schema 2 tables dropped and user_version 1. */
static void test_schema_v1_file(void **state)
{
    static const char *v1 = "DROP TABLE polls; DROP TABLE event_facts; DROP TABLE rooms; "
                            "DROP TABLE retries; DROP TABLE counts; DROP TABLE texts; "
                            "CREATE TABLE submissions(  key TEXT PRIMARY KEY, event TEXT NOT NULL)"
                            " WITHOUT ROWID;CREATE TABLE answers(  key TEXT PRIMARY KEY, event "
                            "TEXT NOT NULL, question TEXT NOT NULL,  value INTEGER, text TEXT, "
                            "reviewed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;CREATE INDEX "
                            "answers_event ON answers(event);CREATE INDEX submissions_event ON "
                            "submissions(event);PRAGMA user_version=1;";
    char dir[] = "/tmp/test_eval_polls1.XXXXXX", db[128], cmd[300];
    EvalQuestionnaire *q = fixture_questionnaire();
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    EvalStore *s = NULL;
    EvalPollRecord r = rec(EVAL_POLL_STOP, "b1", 0, 1, 1, 2, 3, 2);
    EvalPollRecord *got = NULL;
    char ev[EVAL_EVENT_ID_LEN + 1];
    Err e;
    int n = -1;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/v1.sqlite", dir);
    s = eval_store_open(db, &e);
    assert_non_null(s);
    eval_store_close(s);
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, v1, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    s = eval_store_open(db, &e);
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, q, "stalking", NULL, ev, &e), 0);
    assert_int_equal(eval_store_add_poll(s, ev, &r, &e), 0);
    assert_int_equal(eval_store_event_polls(s, ev, &got, &n, NULL, &e), 0);
    assert_int_equal(n, 1);
    free(got);
    eval_store_close(s);
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 4); /* and converted to counters */
    sqlite3_finalize(st);
    sqlite3_close(h);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    eval_q_free(q);
}

static void test_copy_text(void **state)
{
    char small[6];
    (void)state;
    eval_poll_copy_text(small, sizeof small, "abcæø"); /* 7 bytes: cut before the ø */
    assert_string_equal(small, "abcæ");
    eval_poll_copy_text(small, sizeof small, NULL);
    assert_string_equal(small, "");
}

static void test_fingerprint_and_pad(void **state)
{
    EvalQuestionnaire *q1 = fixture_questionnaire(), *q2 = fixture_questionnaire(), *q3 = NULL;
    char f1[17], f2[17], f3[17];
    Err e;
    Buf b = BUF_INIT;
    (void)state;
    assert_int_equal(eval_q_fingerprint(q1, f1), 0);
    assert_int_equal(eval_q_fingerprint(q2, f2), 0);
    assert_string_equal(f1, f2);
    assert_int_equal(strlen(f1), 16);
    q3 = eval_q_new("default-v1", "Evaluering", "Evaluation", &e);
    eval_q_add_question(q3, "overall", EVAL_YESNO, "Godt?", "Good?", 1, &e);
    assert_int_equal(eval_q_fingerprint(q3, f3), 0);
    assert_string_not_equal(f1, f3);
    eval_pad(&b, "Dårligt", 10, 0);
    buf_puts(&b, "|");
    eval_pad(&b, "5", 3, 1);
    assert_string_equal(buf_str(&b), "Dårligt   |  5");
    assert_int_equal(eval_response_rate(12, 24), 50);
    assert_int_equal(eval_response_rate(12, 0), -1);
    buf_free(&b);
    eval_q_free(q1);
    eval_q_free(q2);
    eval_q_free(q3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stops_pool),
        cmocka_unit_test(test_store_polls),
        cmocka_unit_test(test_option_not_offered),
        cmocka_unit_test(test_fingerprint_and_pad),
        cmocka_unit_test(test_copy_text),
        cmocka_unit_test(test_schema_v1_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
