/* test_eval_measure.c - the before/after statements pooled over events
 * (eval/eval_measure.h): pooled and per-event rows, the first answer of a
 * round, suppression, the shift and the CSV. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "eval/eval_measure.h"

static EvalPollRecord rec(EvalPollKind kind, const char *id, int seq, int ok, int warn, int stalk)
{
    EvalPollRecord r;
    memset(&r, 0, sizeof r);
    r.kind = kind;
    snprintf(r.beat, sizeof r.beat, "%s", id);
    snprintf(r.prompt, sizeof r.prompt, "%s?", id);
    r.seq = seq;
    r.pass = 1;
    r.n_options = 3;
    r.hands[0] = ok;
    r.hands[1] = warn;
    r.phones[2] = stalk;
    r.result = -1;
    r.voted = 1;
    return r;
}

static void test_pool_and_events(void **state)
{
    EvalMeasure *m = eval_measure_new();
    Err e;
    EvalShare sh[3];
    const EvalMeasureRow *w = NULL;
    EvalPollRecord a[] = {
        rec(EVAL_POLL_BEFORE, "checks", 1, 10, 10, 5),
        rec(EVAL_POLL_SIGNAL, "beat1", 2, 1, 2, 3), /* not a statement: ignored */
        rec(EVAL_POLL_AFTER, "checks", 4, 2, 8, 15),
        rec(EVAL_POLL_BEFORE, "checks", 3, 99, 0, 0), /* asked again: the first counts */
    };
    EvalPollRecord b[] = {
        rec(EVAL_POLL_BEFORE, "checks", 1, 5, 5, 10),
    };
    Buf out = BUF_INIT;
    (void)state;
    assert_non_null(m);
    assert_int_equal(eval_measure_add_event(m, "stalking", "2026-11-29 8a #aaaa", a, 4, &e), 0);
    assert_int_equal(eval_measure_add_event(m, "stalking", "2026-11-30 9b #bbbb", b, 1, &e), 0);
    assert_int_equal(eval_measure_rooms(m), 2);
    assert_int_equal(eval_measure_count(m), 3); /* pooled + two events */
    w = eval_measure_row(m, 0);
    assert_string_equal(w->event, "");
    assert_string_equal(w->text, "checks?");
    assert_int_equal(w->rooms[0], 2);
    assert_int_equal(w->rooms[1], 1);
    assert_int_equal(w->counts[0][0], 15);
    assert_int_equal(w->counts[0][2], 15);
    assert_int_equal(eval_measure_shares(w, 0, sh), 0);
    assert_int_equal(sh[0].percent, 33); /* 15 of 45 */
    assert_int_equal(sh[2].percent, 33);
    assert_int_equal(eval_measure_shares(w, 1, sh), 0);
    assert_int_equal(sh[0].small, 1); /* 2 of 25: "<5" */
    assert_int_equal(sh[1].shown, 0); /* the smallest shown one is hidden too */
    assert_int_equal(sh[2].percent, 60);
    w = eval_measure_row(m, 2);
    assert_string_equal(w->event, "2026-11-30 9b #bbbb");
    assert_int_equal(w->rooms[1], 0);
    assert_int_equal(eval_measure_csv(m, ',', 1, &out), 0);
    /* pooled stalking after: 15 of 25 = 60 %, before 30 %: +27 points, a plain number */
    assert_non_null(strstr(buf_str(&out),
                            "stalking,all,checks,checks?,after,1,25,3,Stalking,15,60,shown,27\r\n"));
    assert_non_null(strstr(buf_str(&out), "stalking,all,checks,checks?,after,1,25,1,OK,,,lt5,\r\n"));
    assert_non_null(strstr(buf_str(&out), ",after,0,,1,OK,,,not_asked,\r\n"));
    buf_free(&out);
    assert_int_equal(eval_measure_text(m, EVAL_LANG_EN, &out), 0);
    assert_non_null(strstr(buf_str(&out), "  Shift (percentage points)     OK -  Warning sign -  Stalking +27\n"));
    assert_non_null(strstr(buf_str(&out), "Per event\n2026-11-29 8a #aaaa  checks: \"checks?\"\n"));
    buf_free(&out);
    assert_int_equal(eval_measure_html(m, EVAL_LANG_DA, &out), 0);
    assert_non_null(strstr(buf_str(&out), "<td>+27</td>"));
    buf_free(&out);
    eval_measure_free(m);
}

static void test_small_and_bad(void **state)
{
    EvalMeasure *m = eval_measure_new();
    Err e;
    EvalShare sh[3];
    EvalPollRecord r = rec(EVAL_POLL_BEFORE, "x", 1, 1, 1, 2);
    (void)state;
    assert_int_equal(eval_measure_add_event(m, "s", "ev", &r, 1, &e), 0);
    /* 4 votes: no shares at all */
    assert_int_equal(eval_measure_shares(eval_measure_row(m, 0), 0, sh), ERR_LIMIT);
    r.n_options = 2;
    assert_true(eval_measure_add_event(m, "s", "ev2", &r, 1, &e) < 0);
    eval_measure_free(m);
    eval_measure_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_and_events),
        cmocka_unit_test(test_small_and_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
