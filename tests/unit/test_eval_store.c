/* test_eval_store.c - the SQLite evaluation store on real files: settings
 * read back, file mode, random keys, retried submissions stored once,
 * faults (injected, and a real lock) keeping answers in memory until a
 * retry, group commit, review of free texts, a privacy scan of the raw
 * database bytes, tampered databases refused untouched, and reports that
 * never write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <regex.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "eval/eval_mac.h"
#include "eval/eval_store.h"
#include "eval/eval_store_polls.h"
#include "unit/test_eval_fixture.h"

typedef struct Ctx {
    char dir[64];
    char db[128];
    EvalQuestionnaire *q;
} Ctx;

static int setup(void **state)
{
    Ctx *c = calloc(1, sizeof *c);
    snprintf(c->dir, sizeof c->dir, "/tmp/test_eval_store.XXXXXX");
    if (!mkdtemp(c->dir))
        return -1;
    snprintf(c->db, sizeof c->db, "%s/ev.sqlite", c->dir);
    c->q = fixture_questionnaire();
    *state = c;
    return c->q ? 0 : -1;
}

static int teardown(void **state)
{
    Ctx *c = *state;
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", c->dir);
    if (system(cmd) != 0)
        return -1;
    eval_q_free(c->q);
    free(c);
    return 0;
}

static int count_rows(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    int n = -1;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(h, 2000);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

static EvalAnswers *answers(const EvalQuestionnaire *q, int i)
{
    EvalAnswers *a = eval_answers_new(q);
    fixture_answers(a, i);
    return a;
}

static void test_open_settings(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = NULL;
    struct stat st;
    char ev[EVAL_EVENT_ID_LEN + 1], wal[160], bad[160];
    sqlite3 *h = NULL;
    sqlite3_stmt *q = NULL;
    FILE *f = NULL;
    s = eval_store_open(c->db, &e);
    assert_non_null(s);
    assert_string_equal(eval_store_path(s), c->db);
    assert_int_equal(stat(c->db, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", "8.B", ev, &e), 0);
    assert_int_equal(strlen(ev), EVAL_EVENT_ID_LEN);
    {
        EvalAnswers *a = answers(c->q, 1);
        assert_int_equal(eval_store_submit(s, ev, a, "sid-1", &e), 0);
        eval_answers_free(a);
    }
    /* a rollback journal, emptied after each commit; no write-ahead log */
    snprintf(wal, sizeof wal, "%s-journal", c->db);
    assert_int_equal(stat(wal, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_size, 0);
    snprintf(wal, sizeof wal, "%s-wal", c->db);
    assert_int_equal(access(wal, F_OK), -1);
    assert_int_equal(sqlite3_open(c->db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_not_equal((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    sqlite3_close(h);
    eval_store_close(s);

    /* a too-open file is made 0600 on open */
    assert_int_equal(chmod(c->db, 0644), 0);
    s = eval_store_open(c->db, &e);
    assert_non_null(s);
    assert_int_equal(stat(c->db, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    eval_store_close(s);

    /* not a database: refused with a clear message */
    snprintf(bad, sizeof bad, "%s/bad.sqlite", c->dir);
    f = fopen(bad, "w");
    assert_non_null(f);
    fputs("this is not a database, but it is long enough to look like a file header....", f);
    fclose(f);
    err_clear(&e);
    assert_null(eval_store_open(bad, &e));
    assert_non_null(strstr(e.msg, "not an evaluation database"));
    /* open_existing never creates */
    snprintf(bad, sizeof bad, "%s/missing.sqlite", c->dir);
    assert_null(eval_store_open_existing(bad, &e));
    assert_int_equal(access(bad, F_OK), -1);
    /* the default path follows XDG_DATA_HOME */
    {
        char *p = NULL;
        setenv("XDG_DATA_HOME", c->dir, 1);
        p = eval_store_default_path(&e);
        assert_non_null(p);
        snprintf(bad, sizeof bad, "%s/spectactor/evaluations.sqlite", c->dir);
        assert_string_equal(p, bad);
        free(p);
    }
}

/* A file that is not an SQLite database is refused and left untouched
 * (its mode too): --db pointed at the wrong file must not damage it. */
static void test_not_a_database(void **state)
{
    Ctx *c = *state;
    Err e;
    struct stat st;
    FILE *f = fopen(c->db, "w");
    assert_non_null(f);
    fputs("Klasseliste 8.b\n", f);
    fclose(f);
    assert_int_equal(chmod(c->db, 0644), 0);
    err_clear(&e);
    assert_null(eval_store_open(c->db, &e));
    assert_non_null(strstr(e.msg, "not an evaluation database"));
    assert_int_equal(stat(c->db, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(st.st_size, 16);
    assert_null(eval_store_open_existing(c->db, &e));
}

/* The whole file at path (malloc'd, *n bytes), to prove it unchanged. */
static char *file_bytes(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *b = malloc(1 << 20);
    assert_non_null(f);
    assert_non_null(b);
    *n = fread(b, 1, 1 << 20, f);
    fclose(f);
    return b;
}

/* Makes a good store with one event and one answer at c->db, closed. */
static void make_store(Ctx *c)
{
    Err e;
    char ev[EVAL_EVENT_ID_LEN + 1];
    EvalStore *s = eval_store_open(c->db, &e);
    EvalAnswers *a = answers(c->q, 1);
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", "8.B", ev, &e), 0);
    assert_int_equal(eval_store_submit(s, ev, a, NULL, &e), 0);
    eval_answers_free(a);
    eval_store_close(s);
}

static void raw_exec(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(h));
    sqlite3_close(h);
}

/* Opening (for a show and for a report) must refuse the file with text in
 * the message and leave every byte and the mode as they were. */
static void expect_refused(const char *db, const char *text)
{
    Err e;
    size_t n0 = 0, n1 = 0;
    struct stat st0, st1;
    char *before = file_bytes(db, &n0);
    char *after = NULL;
    assert_int_equal(stat(db, &st0), 0);
    err_clear(&e);
    assert_null(eval_store_open(db, &e));
    if (!strstr(e.msg, text))
        fail_msg("open: expected '%s' in '%s'", text, e.msg);
    err_clear(&e);
    assert_null(eval_store_open_existing(db, &e));
    if (!strstr(e.msg, text))
        fail_msg("open_existing: expected '%s' in '%s'", text, e.msg);
    after = file_bytes(db, &n1);
    assert_int_equal(stat(db, &st1), 0);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    assert_int_equal(st0.st_mode, st1.st_mode);
    free(before);
    free(after);
}

/* Tampered databases: a trigger (one logged every answer with a time,
 * another deleted saved rows), a view, an unknown table, a pre-created
 * table with a timestamp column, a missing index: all refused, untouched. */
static void test_tampered(void **state)
{
    Ctx *c = *state;
    char cmd[600];
    static const char *const cases[][2] = {
        {"CREATE TABLE log(at TEXT); CREATE TRIGGER spy AFTER UPDATE ON counts BEGIN "
         "INSERT INTO log VALUES(strftime('%Y-%m-%d %H:%M:%f','now')); END;",
         "table 'log'"},
        {"CREATE TRIGGER wipe AFTER UPDATE ON texts BEGIN DELETE FROM texts; END;",
         "trigger 'wipe'"},
        {"CREATE VIEW v AS SELECT * FROM texts;", "view 'v'"},
        {"ALTER TABLE texts ADD COLUMN at TEXT DEFAULT 'x';", "table 'texts'"},
        {"DROP TABLE rooms;", "tables of the evaluation database are missing"},
    };
    size_t i = 0;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm' '%s-journal'", c->db, c->db, c->db, c->db);
        assert_int_equal(system(cmd), 0);
        make_store(c);
        raw_exec(c->db, cases[i][0]);
        assert_int_equal(chmod(c->db, 0644), 0);
        expect_refused(c->db, cases[i][1]);
    }
    /* a fresh file whose tables were made in advance, with a timestamp */
    snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm' '%s-journal'", c->db, c->db, c->db, c->db);
    assert_int_equal(system(cmd), 0);
    raw_exec(c->db, "CREATE TABLE answers(key TEXT PRIMARY KEY, event TEXT NOT NULL, question "
                    "TEXT NOT NULL, value INTEGER, text TEXT, reviewed INTEGER NOT NULL DEFAULT 0, "
                    "at TEXT DEFAULT CURRENT_TIMESTAMP) WITHOUT ROWID;");
    expect_refused(c->db, "table 'answers'");
}

/* A report reads and never writes: no database made of an empty file, no
 * chmod through a symbolic link, not a byte changed and no -wal/-shm left;
 * review reopens the file for writing only when asked. */
static void test_report_readonly(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = NULL;
    char other[160], link[160], side[200];
    size_t n0 = 0, n1 = 0;
    char *before = NULL, *after = NULL;
    struct stat st;
    FILE *f = NULL;
    err_clear(&e);
    /* empty file */
    f = fopen(c->db, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(chmod(c->db, 0644), 0);
    assert_null(eval_store_open_existing(c->db, &e));
    assert_non_null(strstr(e.msg, "an empty file"));
    assert_int_equal(stat(c->db, &st), 0);
    assert_int_equal(st.st_size, 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(unlink(c->db), 0);
    /* a symbolic link to a good store: refused, the target's mode kept */
    make_store(c);
    snprintf(other, sizeof other, "%s/other.sqlite", c->dir);
    assert_int_equal(rename(c->db, other), 0);
    assert_int_equal(chmod(other, 0644), 0);
    snprintf(link, sizeof link, "%s/link.sqlite", c->dir);
    assert_int_equal(symlink(other, link), 0);
    assert_null(eval_store_open_existing(link, &e));
    assert_non_null(strstr(e.msg, "symbolic link"));
    assert_null(eval_store_open(link, &e));
    assert_non_null(strstr(e.msg, "symbolic link"));
    assert_int_equal(stat(other, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    /* reading a good store changes nothing */
    before = file_bytes(other, &n0);
    s = eval_store_open_existing(other, &e);
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, c->q, "x", NULL, side, &e) < 0, 1);
    eval_store_close(s);
    after = file_bytes(other, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    snprintf(side, sizeof side, "%s-wal", other);
    assert_int_equal(access(side, F_OK), -1);
    snprintf(side, sizeof side, "%s-shm", other);
    assert_int_equal(access(side, F_OK), -1);
    assert_int_equal(stat(other, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    /* review writes: the store is reopened for it */
    s = eval_store_open_existing(other, &e);
    assert_non_null(s);
    err_clear(&e);
    assert_int_equal(eval_store_review_text(s, "nokey", 1, &e), ERR_NOTFOUND);
    eval_store_close(s);
    free(before);
    free(after);
}

/* CSV injection: reviewed texts that a spreadsheet would run as formulas
 * are exported with a leading ', quoted or not; numbers stay numbers. */
static void test_csv_injection(void **state)
{
    Ctx *c = *state;
    EvalTally *t = eval_tally_new(c->q);
    Buf csv = BUF_INIT, cb = BUF_INIT;
    static const char *const bad[] = {"=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)",
                                      "\tx", "\rx", "=1,2"};
    static const char *const want[] = {
        ",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n", ",'+1+2\r\n", ",'-2+3\r\n", ",'@SUM(A1)\r\n",
        ",'\tx\r\n", ",\"'\rx\"\r\n", ",\"'=1,2\"\r\n"};
    size_t i = 0;
    assert_non_null(t);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(eval_tally_add(t, "comment", 0, bad[i], 1), 0);
    assert_int_equal(eval_tally_add(t, "comment", 0, "-12", 1), 0);
    assert_int_equal(eval_tally_add(t, "comment", 0, "fine - really", 1), 0);
    assert_int_equal(eval_report_csv(t, &csv, &cb, 1), 0);
    for (i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(csv.data, want[i]))
            fail_msg("no '%s' in:\n%s", want[i], csv.data);
    assert_non_null(strstr(csv.data, ",reviewed,-12\r\n"));
    assert_non_null(strstr(csv.data, ",reviewed,fine - really\r\n"));
    buf_free(&csv);
    buf_free(&cb);
    eval_tally_free(t);
}

static void test_keys_and_dedup(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = eval_store_open(c->db, &e);
    char ev[EVAL_EVENT_ID_LEN + 1], ev2[EVAL_EVENT_ID_LEN + 1];
    EvalAnswers *a = answers(c->q, 0);
    EvalEventInfo info;
    int i = 0;
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", NULL, ev, &e), 0);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", "9.A", ev2, &e), 0);
    assert_string_not_equal(ev, ev2);
    for (i = 0; i < 3; i++)
        assert_int_equal(eval_store_submit(s, ev, a, "same-sid", &e), 0);
    assert_true(eval_store_sid_committed(s, "same-sid"));
    assert_int_equal(eval_store_event_count(s, ev, &e), 1);
    assert_int_equal(eval_store_submit(s, ev, a, NULL, &e), 0); /* kiosk: no sid */
    assert_int_equal(eval_store_event_count(s, ev, &e), 2);
    /* bad input is refused, not queued */
    assert_int_equal(eval_store_submit(s, "nope", a, "x", &e), ERR_INVALID);
    assert_int_equal(eval_store_submit(s, "00000000000000000000000000000000", a, "x", &e),
                     ERR_INVALID);
    eval_answers_clear(a);
    assert_int_equal(eval_store_submit(s, ev, a, "y", &e), ERR_INVALID); /* required missing */
    assert_int_equal(eval_store_pending(s), 0);
    /* lookups */
    assert_int_equal(eval_store_find_event(s, "9.A", &info, &e), 0);
    assert_string_equal(info.id, ev2);
    assert_int_equal(eval_store_find_event(s, ev, &info, &e), 0);
    assert_string_equal(info.scenario, "sofie");
    assert_int_equal(info.respondents, 2);
    assert_int_equal(strlen(info.day), 10);
    assert_int_equal(eval_store_find_event(s, "zzz", &info, &e), ERR_NOTFOUND);
    {
        EvalQuestionnaire *q2 = eval_store_event_questionnaire(s, ev2, &e);
        assert_non_null(q2);
        assert_int_equal(eval_q_count(q2), eval_q_count(c->q));
        eval_q_free(q2);
    }
    eval_answers_free(a);
    eval_store_close(s);
    /* only one questionnaire definition stored for both events */
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM questionnaires"), 1);
    /* random keys: 32 lowercase hex, all distinct */
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM texts WHERE length(key)<>32 OR "
                                       "key GLOB '*[^0-9a-f]*'"),
                     0);
    assert_int_equal(count_rows(c->db, "SELECT count(DISTINCT key) - count(*) FROM texts"), 0);
    assert_int_equal(count_rows(c->db, "SELECT CAST(n AS INTEGER) FROM counts WHERE "
                                       "question='' AND value=0 AND event=(SELECT id FROM events "
                                       "WHERE label IS NULL)"), 2);
    /* answers of one person are not linked together: closed answers are
     * counters, texts sit in slots of one size with no submission column */
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM pragma_table_info('texts') "
                                       "WHERE name NOT IN ('id','size','key','event','question',"
                                       "'reviewed','text','pad')"),
                     0);
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                       "('answers','submissions')"), 0);
}

typedef struct Faults {
    int fail_next;
    EvalFault kind;
} Faults;

static EvalFault fault_hook(void *ud, unsigned long nwrite)
{
    Faults *f = ud;
    (void)nwrite;
    if (f->fail_next > 0) {
        f->fail_next--;
        return f->kind;
    }
    return EVAL_FAULT_NONE;
}

static void test_faults(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = eval_store_open(c->db, &e);
    char ev[EVAL_EVENT_ID_LEN + 1];
    EvalAnswers *a = answers(c->q, 3);
    Faults f = {0, EVAL_FAULT_FULL};
    sqlite3 *lock = NULL;
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", NULL, ev, &e), 0);
    eval_store_set_fault_hook(s, fault_hook, &f);
    /* disk full: kept in memory, clear message, nothing committed */
    f.fail_next = 1;
    assert_int_equal(eval_store_submit(s, ev, a, "s1", &e), ERR_IO);
    assert_non_null(strstr(e.msg, "disk is full"));
    assert_non_null(strstr(e.msg, "kept in memory"));
    assert_int_equal(eval_store_pending(s), 1);
    assert_false(eval_store_sid_committed(s, "s1"));
    assert_int_equal(eval_store_event_count(s, ev, &e), 0);
    /* still failing: a second answer joins the queue */
    f.fail_next = 2;
    assert_int_equal(eval_store_submit(s, ev, a, "s2", &e), ERR_IO);
    assert_int_equal(eval_store_retry_pending(s, &e), ERR_IO);
    assert_int_equal(eval_store_pending(s), 2);
    /* the phone retries s1: the queue is flushed, then s1 is acknowledged */
    assert_int_equal(eval_store_submit(s, ev, a, "s1", &e), 0);
    assert_int_equal(eval_store_pending(s), 0);
    assert_int_equal(eval_store_event_count(s, ev, &e), 2);
    assert_int_equal(eval_store_submit(s, ev, a, "s2", &e), 0); /* duplicate */
    assert_int_equal(eval_store_event_count(s, ev, &e), 2);
    /* I/O error kind */
    f.fail_next = 1;
    f.kind = EVAL_FAULT_IOERR;
    assert_int_equal(eval_store_submit(s, ev, a, "s3", &e), ERR_IO);
    assert_non_null(strstr(e.msg, "input/output"));
    assert_int_equal(eval_store_retry_pending(s, &e), 0);
    assert_int_equal(eval_store_event_count(s, ev, &e), 3);

    /* a real lock held by another program */
    eval_store_set_fault_hook(s, NULL, NULL);
    assert_int_equal(sqlite3_open(c->db, &lock), SQLITE_OK);
    assert_int_equal(sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(eval_store_submit(s, ev, a, "s4", &e), ERR_IO);
    assert_non_null(strstr(e.msg, "locked"));
    assert_int_equal(eval_store_pending(s), 1);
    assert_int_equal(sqlite3_exec(lock, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(lock);
    assert_int_equal(eval_store_retry_pending(s, &e), 0);
    assert_int_equal(eval_store_event_count(s, ev, &e), 4);

    /* pending answers are committed on close if the disk recovered */
    eval_store_set_fault_hook(s, fault_hook, &f);
    f.fail_next = 1;
    assert_int_equal(eval_store_submit(s, ev, a, "s5", &e), ERR_IO);
    eval_store_close(s);
    assert_int_equal(count_rows(c->db, "SELECT sum(CAST(n AS INTEGER)) FROM counts WHERE "
                                       "question='' AND value=0"), 5);
    eval_answers_free(a);
}

/* SHA-256 (FIPS 180-2 "abc") and HMAC-SHA-256 (RFC 4231 test case 2). */
static void test_mac(void **state)
{
    unsigned char out[EVAL_MAC_LEN];
    char hex[2 * EVAL_MAC_LEN + 1];
    int i = 0;
    (void)state;
    eval_sha256("abc", 3, out);
    for (i = 0; i < EVAL_MAC_LEN; i++)
        snprintf(hex + 2 * i, 3, "%02x", out[i]);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    eval_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, out);
    for (i = 0; i < EVAL_MAC_LEN; i++)
        snprintf(hex + 2 * i, 3, "%02x", out[i]);
    assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

/* The kiosk's and paper entry's commit: durable or nothing kept, so a
 * retry of the form stores it once. */
static void test_submit_now(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = eval_store_open(c->db, &e);
    char ev[EVAL_EVENT_ID_LEN + 1];
    EvalAnswers *a = answers(c->q, 1);
    Faults f = {0, EVAL_FAULT_FULL};
    int i = 0;
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", NULL, ev, &e), 0);
    eval_store_set_fault_hook(s, fault_hook, &f);
    for (i = 0; i < 3; i++) { /* a full disk, three times: nothing stored, nothing kept */
        f.fail_next = 1;
        assert_int_equal(eval_store_submit_now(s, ev, a, &e), ERR_IO);
        assert_non_null(strstr(e.msg, "disk is full"));
        assert_int_equal(eval_store_pending(s), 0);
        assert_int_equal(eval_store_event_count(s, ev, &e), 0);
    }
    assert_int_equal(eval_store_submit_now(s, ev, a, &e), 0); /* the retry that works */
    assert_int_equal(eval_store_event_count(s, ev, &e), 1);
    eval_store_close(s); /* nothing left to commit at close either */
    assert_int_equal(count_rows(c->db, "SELECT sum(CAST(n AS INTEGER)) FROM counts WHERE "
                                       "question='' AND value=0"), 1);
    eval_answers_free(a);
}

/* The live room: kept across a close without an end (a crash), with its
 * code, public id and poll sequence; a submission id committed before the
 * "crash" is known after it, stored only as a keyed hash; an end removes
 * the room and its hashes. */
static void test_room(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = eval_store_open(c->db, &e);
    char ev[EVAL_EVENT_ID_LEN + 1];
    EvalAnswers *a = answers(c->q, 2);
    EvalRoom r, r2;
    assert_non_null(s);
    assert_int_equal(eval_store_room_open(s, "sofie", NULL, "ABCD", &r, &e), 0);
    assert_int_equal(r.resumed, 0);
    assert_string_equal(r.code, "ABCD");
    assert_int_equal(strlen(r.pub), EVAL_PUB_LEN);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", NULL, ev, &e), 0);
    r.poll_seq = 5;
    snprintf(r.event, sizeof r.event, "%s", ev);
    assert_int_equal(eval_store_room_save(s, &r, &e), 0);
    assert_int_equal(eval_store_submit(s, ev, a, "sid-r1", &e), 0);
    eval_store_close(s); /* no end: as after kill -9 */
    s = eval_store_open(c->db, &e);
    assert_non_null(s);
    assert_false(eval_store_sid_committed(s, "sid-r1")); /* no room yet: nothing known */
    /* another scenario or label is another room */
    assert_int_equal(eval_store_room_open(s, "sofie", "9.A", "WXYZ", &r2, &e), 0);
    assert_int_equal(r2.resumed, 0);
    assert_int_equal(eval_store_room_open(s, "sofie", NULL, "WXYZ", &r2, &e), 0);
    assert_int_equal(r2.resumed, 1);
    assert_string_equal(r2.code, "ABCD");
    assert_string_equal(r2.pub, r.pub);
    assert_string_equal(r2.event, ev);
    assert_int_equal(r2.poll_seq, 5);
    r2.poll_seq = 3; /* never lowered */
    assert_int_equal(eval_store_room_save(s, &r2, &e), 0);
    /* the retry after the restart is stored once */
    assert_true(eval_store_sid_committed(s, "sid-r1"));
    assert_int_equal(eval_store_submit(s, ev, a, "sid-r1", &e), 0);
    {
        const EvalAnswers *both[2] = {a, a};
        const char *sids[2] = {"sid-r1", "sid-r2"};
        int res[2] = {-1, -1};
        assert_int_equal(eval_store_submit_batch(s, ev, both, sids, 2, res, &e), 0);
        assert_int_equal(res[0], 0);
        assert_int_equal(res[1], 0);
    }
    assert_int_equal(eval_store_event_count(s, ev, &e), 2);
    eval_store_close(s);
    assert_int_equal(count_rows(c->db, "SELECT poll_seq FROM rooms WHERE label=''"), 5);
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM retries WHERE length(key)=64"), 2);
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM retries WHERE key LIKE '%sid-%'"), 0);
    /* the end of the event: room and hashes go; the next start is a new room */
    s = eval_store_open(c->db, &e);
    assert_non_null(s);
    assert_int_equal(eval_store_room_open(s, "sofie", NULL, "WXYZ", &r2, &e), 0);
    assert_int_equal(eval_store_room_end(s, &e), 0);
    assert_int_equal(eval_store_room_open(s, "sofie", NULL, "WXYZ", &r2, &e), 0);
    assert_int_equal(r2.resumed, 0);
    assert_string_equal(r2.code, "WXYZ");
    assert_string_not_equal(r2.pub, r.pub);
    eval_store_close(s);
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM retries"), 0);
    eval_answers_free(a);
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fails naming the first line where got and want differ, in any order (the
 * store gives free texts in a random order, never the order they came). */
static void same_text(const char *got, const char *want)
{
    char *g = strdup(got), *w = strdup(want), *lg[4096], *lw[4096], *p = NULL;
    size_t ng = 0, nw = 0, i = 0;
    assert_true(g && w);
    for (p = strtok(g, "\n"); p && ng < 4096; p = strtok(NULL, "\n"))
        lg[ng++] = p;
    for (p = strtok(w, "\n"); p && nw < 4096; p = strtok(NULL, "\n"))
        lw[nw++] = p;
    qsort(lg, ng, sizeof *lg, cmp_line);
    qsort(lw, nw, sizeof *lw, cmp_line);
    for (i = 0; i < ng && i < nw; i++)
        if (strcmp(lg[i], lw[i]) != 0)
            fail_msg("differs:\n  got:  %s\n  want: %s", lg[i], lw[i]);
    assert_int_equal(ng, nw);
    free(g);
    free(w);
}

static void test_batch_and_tally(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = eval_store_open(c->db, &e);
    char ev[EVAL_EVENT_ID_LEN + 1];
    EvalAnswers *as[360];
    const EvalAnswers *cas[360];
    char sidbuf[360][16];
    const char *sids[360];
    int res[360];
    int i = 0;
    EvalTally *t = NULL;
    EvalRow r;
    Faults f = {1, EVAL_FAULT_BUSY};
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", NULL, ev, &e), 0);
    for (i = 0; i < 360; i++) {
        as[i] = answers(c->q, i);
        cas[i] = as[i];
        snprintf(sidbuf[i], sizeof sidbuf[i], "b%d", i);
        sids[i] = sidbuf[i];
    }
    sids[5] = sids[4]; /* a retry inside the batch */
    /* first attempt fails as a whole: every item kept in memory */
    eval_store_set_fault_hook(s, fault_hook, &f);
    assert_int_equal(eval_store_submit_batch(s, ev, cas, sids, 100, res, &e), ERR_IO);
    for (i = 0; i < 100; i++)
        assert_int_equal(res[i], ERR_IO);
    assert_int_equal(eval_store_pending(s), 99);
    /* next batch flushes the queue first */
    assert_int_equal(eval_store_submit_batch(s, ev, cas + 100, sids + 100, 260, res, &e), 0);
    for (i = 0; i < 260; i++)
        assert_int_equal(res[i], 0);
    assert_int_equal(eval_store_pending(s), 0);
    /* the duplicate of b4 is acknowledged without a second row */
    assert_int_equal(eval_store_submit_batch(s, ev, cas, sids, 6, res, &e), 0);
    for (i = 0; i < 6; i++)
        assert_int_equal(res[i], 0);
    assert_int_equal(eval_store_event_count(s, ev, &e), 359);
    /* add the missing one (index 5) under its own sid */
    assert_int_equal(eval_store_submit(s, ev, as[5], "b5", &e), 0);
    t = eval_tally_new(c->q);
    assert_int_equal(eval_store_tally_event(s, ev, t, &e), 0);
    assert_int_equal(eval_tally_respondents(t), 360);
    eval_tally_row(t, 0, &r, NULL);
    assert_int_equal(r.n, 360);
    assert_int_equal(r.cells[5].count, 331);
    assert_int_equal(r.cells[5].percent, 92);
    /* counters give the report exactly the numbers the answers give */
    {
        EvalTally *mem = eval_tally_new(c->q);
        Buf c1 = BUF_INIT, c2 = BUF_INIT, cb = BUF_INIT;
        for (i = 0; i < 360; i++)
            assert_int_equal(eval_tally_add_answers(mem, as[i]), 0);
        for (i = 0; i < 360; i++)
            eval_tally_add_respondent(mem);
        assert_int_equal(eval_report_csv(t, &c1, &cb, 1), 0);
        assert_int_equal(eval_report_csv(mem, &c2, &cb, 1), 0);
        same_text(buf_str(&c1), buf_str(&c2));
        buf_free(&c1);
        buf_free(&c2);
        buf_free(&cb);
        eval_tally_free(mem);
    }
    eval_tally_free(t);
    for (i = 0; i < 360; i++)
        eval_answers_free(as[i]);
    eval_store_close(s);
}

static int one_text_cb(void *ud, const EvalPendingText *pt)
{
    char *out = ud; /* key, then the text */
    snprintf(out, 33, "%s", pt->key);
    snprintf(out + 33, 2100, "%s", pt->text);
    return 0;
}

/* Redacting to a text of the other slot size moves it to a random slot of
 * that size under the same key; every slot keeps its record size. */
static void test_redact_sizes(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = eval_store_open(c->db, &e);
    EvalAnswers *a = answers(c->q, 1);
    char ev[EVAL_EVENT_ID_LEN + 1], got[33 + 2100], key[33], longer[301];
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", NULL, ev, &e), 0);
    eval_answers_set_text(a, "comment", "Mads fra 9.B", NULL);
    assert_int_equal(eval_store_submit(s, ev, a, NULL, &e), 0);
    assert_int_equal(eval_store_each_pending_text(s, ev, one_text_cb, got, &e), 0);
    memcpy(key, got, sizeof key - 1);
    key[sizeof key - 1] = '\0';
    memset(longer, 'x', 300);
    longer[300] = '\0';
    assert_int_equal(eval_store_redact_text(s, key, longer, &e), 0);
    got[0] = '\0';
    assert_int_equal(eval_store_each_pending_text(s, ev, one_text_cb, got, &e), 0);
    assert_string_equal(got, key);
    assert_string_equal(got + 33, longer);
    assert_int_equal(eval_store_redact_text(s, key, "[...] fra 9.B", &e), 0);
    assert_int_equal(eval_store_each_pending_text(s, ev, one_text_cb, got, &e), 0);
    assert_string_equal(got + 33, "[...] fra 9.B");
    assert_int_equal(eval_store_review_text(s, key, 1, &e), 0);
    eval_answers_free(a);
    eval_store_close(s);
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM texts WHERE event<>''"), 1);
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM texts WHERE reviewed=1 AND "
                                       "text='[...] fra 9.B' AND size=400"), 1);
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM texts WHERE size=2160 AND "
                                       "event<>''"), 0);
    /* every slot of a size has the same record: ids under 58 bytes, one sum */
    assert_int_equal(count_rows(c->db, "SELECT count(DISTINCT size - length(pad) - "
                                       "length(CAST(key AS BLOB)) - length(CAST(event AS BLOB)) - "
                                       "length(CAST(question AS BLOB)) - length(CAST(text AS BLOB))"
                                       " - (length(CAST(text AS BLOB)) > 57) - (length(pad) > 57))"
                                       " FROM texts"), 1);
}

/* 1 when at most half of every size's text slots are used (the promise
 * slots_reserve keeps so a random draw finds an empty one quickly). */
static int slots_half_free(const char *db)
{
    return count_rows(db, "SELECT count(*) FROM (SELECT size FROM texts GROUP BY size "
                          "HAVING 2 * total(event<>'') > count(*))") == 0;
}

/* Submits n answer sets with a comment each through s (sids tag0, tag1...). */
static void submit_texts(EvalStore *s, const EvalQuestionnaire *q, const char *ev, const char *tag,
                         int n)
{
    Err e;
    EvalAnswers *a = answers(q, 1);
    char sid[32];
    int i = 0;
    for (i = 0; i < n; i++) {
        snprintf(sid, sizeof sid, "%s%d", tag, i);
        eval_answers_set_text(a, "comment", "en kommentar", NULL);
        assert_int_equal(eval_store_submit(s, ev, a, sid, &e), 0);
    }
    eval_answers_free(a);
}

/* The slot figures the store keeps between submissions follow what is in
 * the file: another program's commits (a second engine on the same file),
 * a batch that failed and was rolled back, a text deleted in review. */
static void test_slot_figures_follow_the_file(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = eval_store_open(c->db, &e), *s2 = NULL;
    char ev[EVAL_EVENT_ID_LEN + 1], got[33 + 2100], key[33];
    EvalAnswers *a = answers(c->q, 1);
    Faults f = {1, EVAL_FAULT_IOERR};
    int i = 0;
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", NULL, ev, &e), 0);
    submit_texts(s, c->q, ev, "a", 8); /* 8 of 32 small slots */
    s2 = eval_store_open(c->db, &e);
    assert_non_null(s2);
    submit_texts(s2, c->q, ev, "b", 8); /* 16 of 32, by the other connection */
    submit_texts(s, c->q, ev, "c", 8);  /* counts them: the slots double */
    assert_true(slots_half_free(c->db));
    eval_store_close(s2);
    /* a failed commit rolls back the slots it filled; the figures too */
    eval_store_set_fault_hook(s, fault_hook, &f);
    eval_answers_set_text(a, "comment", "kun i hukommelsen", NULL);
    assert_int_equal(eval_store_submit(s, ev, a, "d0", &e), ERR_IO);
    eval_store_set_fault_hook(s, NULL, NULL);
    assert_int_equal(eval_store_retry_pending(s, &e), 0);
    for (i = 0; i < 40; i++) {
        char sid[16];
        snprintf(sid, sizeof sid, "e%d", i);
        assert_int_equal(eval_store_submit(s, ev, a, sid, &e), 0);
        assert_true(slots_half_free(c->db));
    }
    /* a text deleted in review frees its slot */
    assert_int_equal(eval_store_each_pending_text(s, ev, one_text_cb, got, &e), 0);
    memcpy(key, got, sizeof key - 1);
    key[sizeof key - 1] = '\0';
    assert_int_equal(eval_store_review_text(s, key, 0, &e), 0);
    submit_texts(s, c->q, ev, "f", 20);
    assert_true(slots_half_free(c->db));
    eval_answers_free(a);
    eval_store_close(s);
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM texts WHERE event<>''"),
                     8 + 8 + 8 + 1 + 40 - 1 + 20);
}

/* The tables of schema 1-3, as Spectactor made them (one row per answer). */
static const char *const legacy_sql =
    "DROP TABLE counts; DROP TABLE texts;"
    "CREATE TABLE IF NOT EXISTS submissions("
    "  key TEXT PRIMARY KEY, event TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS answers("
    "  key TEXT PRIMARY KEY, event TEXT NOT NULL, question TEXT NOT NULL,"
    "  value INTEGER, text TEXT, reviewed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS answers_event ON answers(event);"
    "CREATE INDEX IF NOT EXISTS submissions_event ON submissions(event);"
    "PRAGMA user_version=3; PRAGMA journal_mode=WAL;";

/* Stores a as the store of schema 1-3 did: a submissions row, an answers
 * row per answer. */
static void legacy_insert(sqlite3 *h, const char *ev, const EvalAnswers *a)
{
    sqlite3_stmt *st = NULL;
    int i = 0;
    assert_int_equal(sqlite3_prepare_v2(h, "INSERT INTO submissions VALUES("
                                           "lower(hex(randomblob(16))), ?1)", -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, ev, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    for (i = 0; i < eval_q_count(a->q); i++) {
        if (!a->a[i].present)
            continue;
        assert_int_equal(sqlite3_prepare_v2(h, "INSERT INTO answers(key, event, question, value,"
                                               " text) VALUES(lower(hex(randomblob(16))), ?1, ?2,"
                                               " ?3, ?4)", -1, &st, NULL), SQLITE_OK);
        sqlite3_bind_text(st, 1, ev, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, eval_q_question_id(a->q, i), -1, SQLITE_STATIC);
        if (eval_q_kind(a->q, i) == EVAL_TEXT)
            sqlite3_bind_text(st, 4, a->a[i].text, -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(st, 3, eval_q_kind(a->q, i) == EVAL_MULTI ? (long long)a->a[i].mask
                                                                         : a->a[i].choice);
        assert_int_equal(sqlite3_step(st), SQLITE_DONE);
        sqlite3_finalize(st);
    }
}

/* The report's CSV of the event in the store at db (read-only open). */
static char *report_csv(const char *db, const EvalQuestionnaire *q, const char *ev, int writable)
{
    Err e;
    EvalStore *s = writable ? eval_store_open(db, &e) : eval_store_open_existing(db, &e);
    EvalTally *t = eval_tally_new(q);
    Buf out = BUF_INIT, cb = BUF_INIT;
    if (!s)
        fail_msg("%s", e.msg);
    assert_int_equal(eval_store_tally_event(s, ev, t, &e), 0);
    assert_int_equal(eval_report_csv(t, &out, &cb, 1), 0);
    eval_tally_free(t);
    eval_store_close(s);
    buf_free(&cb);
    return buf_take(&out);
}

/* A file of schema 3 (a row per answer, WAL) reads the same read-only, and
 * opened for writing becomes schema 4 with the same numbers and texts. */
static void test_old_file(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = eval_store_open(c->db, &e);
    EvalTally *mem = eval_tally_new(c->q);
    char ev[EVAL_EVENT_ID_LEN + 1], *ro = NULL, *rw = NULL, *want = NULL;
    Buf out = BUF_INIT, cb = BUF_INIT;
    sqlite3 *h = NULL;
    int i = 0;
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", "old", ev, &e), 0);
    eval_store_close(s);
    assert_int_equal(sqlite3_open(c->db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, legacy_sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    for (i = 0; i < 360; i++) {
        EvalAnswers *a = answers(c->q, i);
        if (i % 60 == 0)
            eval_answers_set_text(a, "comment", i % 120 ? "old text one" : "old text two", NULL);
        legacy_insert(h, ev, a);
        assert_int_equal(eval_tally_add_answers(mem, a), 0);
        eval_tally_add_respondent(mem);
        eval_answers_free(a);
    }
    assert_int_equal(sqlite3_exec(h, "UPDATE answers SET reviewed=1 WHERE text IS NOT NULL",
                                  NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    /* texts in the expected tally are reviewed too (only those are written) */
    eval_tally_free(mem);
    mem = eval_tally_new(c->q);
    for (i = 0; i < 360; i++) {
        EvalAnswers *a = answers(c->q, i);
        int k = eval_q_find(c->q, "comment");
        if (i % 60 == 0)
            eval_answers_set_text(a, "comment", i % 120 ? "old text one" : "old text two", NULL);
        a->a[k].present = 0;
        assert_int_equal(eval_tally_add_answers(mem, a), 0);
        if (i % 60 == 0)
            assert_int_equal(eval_tally_add(mem, "comment", 0, i % 120 ? "old text one"
                                                                       : "old text two", 1), 0);
        eval_tally_add_respondent(mem);
        eval_answers_free(a);
    }
    assert_int_equal(eval_report_csv(mem, &out, &cb, 1), 0);
    want = buf_take(&out);
    ro = report_csv(c->db, c->q, ev, 0);
    same_text(ro, want);
    assert_int_equal(count_rows(c->db, "PRAGMA user_version"), 3);
    rw = report_csv(c->db, c->q, ev, 1); /* converted */
    same_text(rw, want);
    assert_int_equal(count_rows(c->db, "PRAGMA user_version"), 4);
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                       "('answers','submissions')"), 0);
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM texts WHERE text LIKE 'old text%'"),
                     6);
    free(ro);
    free(rw);
    free(want);
    buf_free(&cb);
    eval_tally_free(mem);
}

static int approve_cb(void *ud, const EvalPendingText *pt)
{
    char (*keys)[33] = ud;
    int i = 0;
    for (i = 0; keys[i][0]; i++)
        ;
    snprintf(keys[i], 33, "%s", pt->key);
    assert_string_equal(pt->question, "comment");
    return 0;
}

static void test_review(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = eval_store_open(c->db, &e);
    char ev[EVAL_EVENT_ID_LEN + 1];
    char keys[8][33];
    EvalAnswers *a = answers(c->q, 7);
    EvalTally *t = eval_tally_new(c->q);
    int rev = 0;
    memset(keys, 0, sizeof keys);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", NULL, ev, &e), 0);
    eval_answers_set_text(a, "comment", "first text", NULL);
    assert_int_equal(eval_store_submit(s, ev, a, NULL, &e), 0);
    eval_answers_set_text(a, "comment", "Mads from 9.B is a creep", NULL);
    assert_int_equal(eval_store_submit(s, ev, a, NULL, &e), 0);
    assert_int_equal(eval_store_each_pending_text(s, ev, approve_cb, keys, &e), 0);
    assert_true(keys[0][0] && keys[1][0] && !keys[2][0]);
    /* approve the harmless one, delete the one naming someone */
    {
        EvalTally *probe = eval_tally_new(c->q);
        int k = 0;
        assert_int_equal(eval_store_tally_event(s, ev, probe, &e), 0);
        eval_tally_free(probe);
        for (k = 0; k < 2; k++) {
            sqlite3 *h = NULL;
            sqlite3_stmt *st = NULL;
            const char *txt = NULL;
            int approve = 0;
            sqlite3_open(c->db, &h);
            sqlite3_prepare_v2(h, "SELECT text FROM texts WHERE key=?1", -1, &st, NULL);
            sqlite3_bind_text(st, 1, keys[k], -1, SQLITE_STATIC);
            assert_int_equal(sqlite3_step(st), SQLITE_ROW);
            txt = (const char *)sqlite3_column_text(st, 0);
            approve = strcmp(txt, "first text") == 0;
            sqlite3_finalize(st);
            sqlite3_close(h);
            assert_int_equal(eval_store_review_text(s, keys[k], approve, &e), 0);
        }
    }
    assert_int_equal(eval_store_review_text(s, "nokey", 1, &e), ERR_NOTFOUND);
    assert_int_equal(eval_store_tally_event(s, ev, t, &e), 0);
    assert_int_equal(eval_tally_text_count(t, eval_q_find(c->q, "comment")), 1);
    assert_string_equal(eval_tally_text(t, eval_q_find(c->q, "comment"), 0, &rev), "first text");
    assert_int_equal(rev, 1);
    eval_tally_free(t);
    eval_answers_free(a);
    eval_store_close(s);
}

/* ---- privacy scan ----------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long n = 0;
    *len = 0;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    if (data && fread(data, 1, (size_t)n, f) == (size_t)n) {
        data[n] = '\0';
        *len = (size_t)n;
    }
    fclose(f);
    return data;
}

static int contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle), i = 0;
    for (i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

static void scan_file(const char *path, const char *const *secrets, int nsecrets)
{
    size_t n = 0, i = 0;
    char *data = slurp(path, &n);
    char *text = NULL;
    regex_t ip, hhmm, unix10;
    regmatch_t m;
    time_t now = time(NULL);
    int k = 0;
    if (!data)
        return; /* no such file (e.g. the WAL after close) */
    for (k = 0; k < nsecrets; k++)
        if (contains(data, n, secrets[k]))
            fail_msg("%s contains '%s'", path, secrets[k]);
    /* regexes run over a copy where NUL bytes are line breaks */
    text = malloc(n + 1);
    for (i = 0; i < n; i++)
        text[i] = data[i] ? data[i] : '\n';
    text[n] = '\0';
    assert_int_equal(regcomp(&ip, "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}",
                             REG_EXTENDED | REG_NEWLINE), 0);
    assert_int_equal(regcomp(&hhmm, "(^|[^0-9a-f])[0-2][0-9]:[0-5][0-9]", REG_EXTENDED | REG_NEWLINE), 0);
    assert_int_equal(regcomp(&unix10, "(^|[^0-9a-f])1[6-9][0-9]{8}([^0-9a-f]|$)", REG_EXTENDED | REG_NEWLINE), 0);
    if (regexec(&ip, text, 1, &m, 0) == 0)
        fail_msg("%s: IP-like pattern at %ld", path, (long)m.rm_so);
    if (regexec(&hhmm, text, 1, &m, 0) == 0)
        fail_msg("%s: time-of-day pattern at %ld: %.12s", path, (long)m.rm_so, text + m.rm_so);
    if (regexec(&unix10, text, 1, &m, 0) == 0)
        fail_msg("%s: unix-timestamp-like number at %ld", path, (long)m.rm_so);
    /* binary timestamps: the current time as a 32/64-bit big-endian integer
     * (how SQLite stores integers), in seconds, with a margin of a day */
    for (i = 0; i + 8 <= n; i++) {
        const unsigned char *p = (const unsigned char *)data + i;
        uint64_t v = 0;
        int b = 0;
        for (b = 0; b < 8; b++)
            v = (v << 8) | p[b];
        if (v > (uint64_t)now - 86400 && v < (uint64_t)now + 86400)
            fail_msg("%s: 64-bit timestamp at %zu", path, i);
    }
    regfree(&ip);
    regfree(&hhmm);
    regfree(&unix10);
    free(text);
    free(data);
}

static void test_privacy_scan(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalStore *s = eval_store_open(c->db, &e);
    char ev[EVAL_EVENT_ID_LEN + 1], wal[160], sid[64];
    const char *secrets[] = {"tok-7f3a9c", "sid-secret-", "Mozilla", "AppleWebKit", "192.168.",
                             "127.0.0.1", "User-Agent"};
    int i = 0;
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, c->q, "sofie", "Rosenvaengets Skole", ev, &e), 0);
    {
        EvalRoom r; /* a live room: submission ids go to disk as keyed hashes only */
        assert_int_equal(eval_store_room_open(s, "sofie", "Rosenvaengets Skole", "ABCD", &r, &e), 0);
    }
    for (i = 0; i < 200; i++) {
        EvalAnswers *a = answers(c->q, i);
        snprintf(sid, sizeof sid, "sid-secret-%d-tok-7f3a9c", i);
        assert_int_equal(eval_store_submit(s, ev, a, sid, &e), 0);
        eval_answers_free(a);
    }
    snprintf(wal, sizeof wal, "%s-journal", c->db);
    scan_file(c->db, secrets, 7);
    scan_file(wal, secrets, 7);
    eval_store_close(s);
    scan_file(c->db, secrets, 7);
    scan_file(wal, secrets, 7);
    /* the schema has no place for such things either */
    assert_int_equal(count_rows(c->db, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE "
                                       "'%time%' OR sql LIKE '%ip%' OR sql LIKE '%agent%' OR "
                                       "sql LIKE '%token%' OR sql LIKE '%sid%'"),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tampered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_readonly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_injection, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keys_and_dedup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_faults, setup, teardown),
        cmocka_unit_test(test_mac),
        cmocka_unit_test_setup_teardown(test_submit_now, setup, teardown),
        cmocka_unit_test_setup_teardown(test_room, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_and_tally, setup, teardown),
        cmocka_unit_test_setup_teardown(test_old_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redact_sizes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slot_figures_follow_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_review, setup, teardown),
        cmocka_unit_test_setup_teardown(test_privacy_scan, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
