/* test_eval_crash.c - durability under SIGKILL.  A child process submits
 * answers (one by one, or in group commits) and writes an acknowledgement
 * line to a pipe after each successful commit; the parent kills it with
 * SIGKILL at a random moment, then checks that every acknowledged answer
 * is in the database and that PRAGMA integrity_check says ok.  Several
 * rounds on the same file, bounded to about 15 seconds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "eval/eval_store.h"
#include "unit/test_eval_fixture.h"

#define ROUNDS 12
#define BATCH 16

static void child(const char *db, const char *ev, int round, int wfd)
{
    Err e;
    EvalQuestionnaire *q = fixture_questionnaire();
    EvalStore *s = eval_store_open(db, &e);
    EvalAnswers *as[BATCH];
    const EvalAnswers *cas[BATCH];
    char sidb[BATCH][32], text[BATCH][32], line[64];
    const char *sids[BATCH];
    int res[BATCH];
    int i = 0, k = 0;
    if (!s || !q)
        _exit(3);
    if (write(wfd, "ready\n", 6) != 6) /* the store is open: submitting starts */
        _exit(6);
    for (k = 0; k < BATCH; k++) {
        as[k] = eval_answers_new(q);
        cas[k] = as[k];
        sids[k] = sidb[k];
    }
    for (i = 0; i < 1000000; i += BATCH) {
        int n = (round % 2) ? BATCH : 1; /* odd rounds: group commit */
        for (k = 0; k < n; k++) {
            eval_answers_clear(as[k]);
            fixture_answers(as[k], (i + k) % 360);
            snprintf(text[k], sizeof text[k], "r%dn%d", round, i + k);
            eval_answers_set_text(as[k], "comment", text[k], NULL);
            snprintf(sidb[k], sizeof sidb[k], "r%ds%d", round, i + k);
        }
        if (n == 1) {
            if (eval_store_submit(s, ev, as[0], sids[0], &e) != 0)
                _exit(4);
            res[0] = 0;
        } else if (eval_store_submit_batch(s, ev, cas, sids, (size_t)n, res, &e) != 0) {
            _exit(4);
        }
        for (k = 0; k < n; k++) {
            int len = 0;
            if (res[k] != 0)
                _exit(5);
            len = snprintf(line, sizeof line, "%s\n", text[k]);
            if (write(wfd, line, (size_t)len) != len)
                _exit(6);
        }
    }
    _exit(0);
}

static int text_present(sqlite3 *h, const char *text)
{
    sqlite3_stmt *st = NULL;
    int found = 0;
    sqlite3_prepare_v2(h, "SELECT count(*) FROM texts WHERE text=?1", -1, &st, NULL);
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        found = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return found;
}

static void test_sigkill(void **state)
{
    char dir[] = "/tmp/test_eval_crash.XXXXXX", db[128], ev[EVAL_EVENT_ID_LEN + 1], cmd[160];
    EvalQuestionnaire *q = fixture_questionnaire();
    Err e;
    EvalStore *s = NULL;
    int round = 0;
    long total_acked = 0;
    struct timespec t0, t1;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/crash.sqlite", dir);
    s = eval_store_open(db, &e);
    assert_non_null(s);
    assert_int_equal(eval_store_begin_event(s, q, "sofie", NULL, ev, &e), 0);
    eval_store_close(s);
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (round = 0; round < ROUNDS; round++) {
        int fds[2];
        pid_t pid = 0;
        int status = 0, acked = 0, i = 0;
        char *acks = NULL;
        size_t len = 0, cap = 0;
        FILE *r = NULL;
        char line[64];
        sqlite3 *h = NULL;
        sqlite3_stmt *st = NULL;
        assert_int_equal(pipe(fds), 0);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            child(db, ev, round, fds[1]);
        }
        close(fds[1]);
        /* a random moment while it submits: 20..420 ms after its store is
         * open (opening, with its integrity check, may take a loaded
         * machine longer than that) */
        assert_int_equal(read(fds[0], line, 6), 6);
        assert_memory_equal(line, "ready\n", 6);
        usleep((useconds_t)(20000 + rand() % 400000)); /* 20..420 ms */
        kill(pid, SIGKILL);
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status)); /* killed while still submitting */
        r = fdopen(fds[0], "r");
        assert_non_null(r);
        while (fgets(line, sizeof line, r)) {
            size_t n = strlen(line);
            if (n == 0 || line[n - 1] != '\n')
                break; /* a torn last line was never a complete acknowledgement */
            if (len + n + 1 > cap) {
                cap = (cap + n + 1) * 2;
                acks = realloc(acks, cap);
                assert_non_null(acks);
            }
            memcpy(acks + len, line, n + 1);
            len += n;
            acked++;
        }
        fclose(r);
        /* the store must open (it runs integrity_check) and hold every ack */
        s = eval_store_open(db, &e);
        if (!s)
            fail_msg("round %d: store does not open after SIGKILL: %s", round, e.msg);
        eval_store_close(s);
        assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
        sqlite3_finalize(st);
        for (i = 0; acks && i < (int)len;) {
            char *nl = strchr(acks + i, '\n');
            *nl = '\0';
            if (text_present(h, acks + i) != 1)
                fail_msg("round %d: acknowledged answer %s is missing", round, acks + i);
            i = (int)(nl - acks) + 1;
        }
        sqlite3_close(h);
        free(acks);
        total_acked += acked;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (t1.tv_sec - t0.tv_sec > 15)
            break;
    }
    print_message("crash test: %d rounds, %ld acknowledged answers all present\n", round,
                  total_acked);
    assert_true(total_acked > 0);
    eval_q_free(q);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigkill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
