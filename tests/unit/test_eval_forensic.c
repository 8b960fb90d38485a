/* test_eval_forensic.c - anonymity in every byte on disk.
 *
 * A child process writes N evaluations through the real store API, each
 * with two distinctive free texts (random letters, unrelated to each other
 * and to the order) and closed answers under a distinctive question id.
 * The raw bytes of every file in the store's folder (the database, -journal,
 * -wal, -shm, whatever is there) are then read at three moments: during
 * the event (the child holds the store open), after the child was killed
 * with SIGKILL, and after a clean open and close.  Each time the test
 * proves, from the bytes alone:
 *
 *   - the order of arrival cannot be read: the offsets of the texts are not
 *     rank-correlated with the order they were sent (Spearman over the
 *     first and over the last occurrence of each text, so a log of commits
 *     in arrival order fails), and texts that share a 4 KiB page do not lie
 *     in the order they came (Kendall's tau inside pages: cells appended in
 *     arrival order fail);
 *   - the two texts of one submission cannot be linked: the nearest second
 *     text to a first text is its partner no more often than chance, and
 *     the partner's distance ranks like any other text's;
 *   - closed answers leave no record per submission: the question id of the
 *     closed questions occurs a handful of times (counters), not once per
 *     submission;
 *
 * and that every acknowledged answer is there (through the API, and every
 * text in the raw database bytes, so the checks above cannot pass by seeing
 * nothing).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "eval/eval.h"
#include "eval/eval_report.h"
#include "eval/eval_store.h"

#define N 160           /* submissions */
#define MARK 14         /* bytes of a marker */
#define PAGE 4096
#define RHO_MAX 0.35    /* |Spearman| above this: order readable (null sd ~0.08) */
#define TAU_Z 4.0       /* |z| of Kendall's S inside pages (null: standard normal) */
#define TAU_PAIRS 10
#define HITS_MAX 8      /* nearest-is-partner hits (null: Poisson(1), P(>=8) ~ 1e-5) */
#define RANK_MIN 0.38   /* mean normalised partner distance rank (null 0.5, sd ~0.023) */
#define CLOSED_ID "rating_zq7"

static char first[N][MARK + 1], second[N][MARK + 1];
static int failures; /* moments at which some file told too much */
static char seen_raw[N]; /* 1: first text seen in some file, 2: second */

static void make_markers(unsigned seed)
{
    int i = 0, k = 0;
    srand(seed);
    for (i = 0; i < N; i++) {
        first[i][0] = 'K';
        second[i][0] = 'L';
        for (k = 1; k < MARK; k++) {
            first[i][k] = (char)('a' + rand() % 26);
            second[i][k] = (char)('a' + rand() % 26);
        }
        first[i][MARK] = second[i][MARK] = '\0';
    }
}

static EvalQuestionnaire *questionnaire(void)
{
    Err e;
    EvalQuestionnaire *q = eval_q_new("forensic-v1", "Evaluering", "Evaluation", &e);
    int qi = 0, k = 0;
    static const char *const opt[] = {"1", "2", "3", "4", "5"};
    assert_non_null(q);
    qi = eval_q_add_question(q, CLOSED_ID, EVAL_SINGLE, "Karakter", "Rating", 1, &e);
    for (k = 0; k < 5; k++)
        eval_q_add_option(q, qi, opt[k], opt[k], &e);
    qi = eval_q_add_question(q, "topics_zq7", EVAL_MULTI, "Emner", "Topics", 0, &e);
    for (k = 0; k < 3; k++)
        eval_q_add_option(q, qi, opt[k], opt[k], &e);
    eval_q_add_question(q, "first", EVAL_TEXT, "Første", "First", 0, &e);
    eval_q_add_question(q, "second", EVAL_TEXT, "Anden", "Second", 0, &e);
    assert_int_equal(eval_q_finish(q, &e), 0);
    return q;
}

static EvalAnswers *answers(const EvalQuestionnaire *q, int i)
{
    EvalAnswers *a = eval_answers_new(q);
    assert_non_null(a);
    eval_answers_set_choice(a, CLOSED_ID, i % 5 + 1, NULL);
    eval_answers_set_multi(a, "topics_zq7", (uint32_t)(i % 7 + 1), NULL);
    eval_answers_set_text(a, "first", first[i], NULL);
    eval_answers_set_text(a, "second", second[i], NULL);
    return a;
}

/* The child: writes the N submissions through the store (in a live room,
 * as in a show), acknowledges each on fd, says "done", and waits holding
 * the store open until it is killed. */
static void child(const char *db, int fd)
{
    Err e;
    EvalQuestionnaire *q = questionnaire();
    EvalStore *s = eval_store_open(db, &e);
    EvalRoom room;
    char ev[EVAL_EVENT_ID_LEN + 1], line[80], sid[64];
    int i = 0;
    if (!s || eval_store_begin_event(s, q, "forensic", "8.B", ev, &e) < 0 ||
        eval_store_room_open(s, "forensic", "8.B", "ZQZQ", &room, &e) < 0) {
        fprintf(stderr, "child: %s\n", e.msg);
        _exit(2);
    }
    snprintf(line, sizeof line, "event %s\n", ev);
    if (write(fd, line, strlen(line)) < 0)
        _exit(3);
    for (i = 0; i < N; i++) {
        EvalAnswers *a = answers(q, i);
        snprintf(sid, sizeof sid, "sid-forensic-%d", i);
        if (eval_store_submit(s, ev, a, sid, &e) != 0) {
            fprintf(stderr, "child: submission %d: %s\n", i, e.msg);
            _exit(4);
        }
        eval_answers_free(a);
        snprintf(line, sizeof line, "ack %d\n", i);
        if (write(fd, line, strlen(line)) < 0)
            _exit(3);
    }
    if (write(fd, "done\n", 5) < 0)
        _exit(3);
    for (;;)
        pause();
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long len = 0;
    *n = 0;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)len + 1);
    assert_non_null(data);
    *n = fread(data, 1, (size_t)len, f);
    fclose(f);
    return data;
}

/* The first place of needle (m bytes) in hay (n bytes), or NULL. */
static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
    const char *p = hay, *end = hay + n;
    while (m <= (size_t)(end - p) && (p = memchr(p, needle[0], (size_t)(end - p) - m + 1)) != NULL) {
        if (memcmp(p, needle, m) == 0)
            return p;
        p++;
    }
    return NULL;
}

/* First and last offset of m in data (-1 if absent); number of times. */
static int find_all(const char *data, size_t n, const char *m, long *firstoff, long *lastoff)
{
    const char *p = data, *hit = NULL;
    int count = 0;
    *firstoff = *lastoff = -1;
    while (p < data + n && (hit = find(p, (size_t)(data + n - p), m, MARK)) != NULL) {
        if (*firstoff < 0)
            *firstoff = hit - data;
        *lastoff = hit - data;
        count++;
        p = hit + 1;
    }
    return count;
}

typedef struct Pt {
    int who;  /* submission index */
    long off; /* byte offset */
} Pt;

static int by_off(const void *a, const void *b)
{
    long x = ((const Pt *)a)->off, y = ((const Pt *)b)->off;
    return x < y ? -1 : x > y;
}

/* Spearman's rho between who (already in order) and off, over n points. */
static double spearman(Pt *p, int n)
{
    double d2 = 0.0;
    int *rank_of = calloc(N, sizeof *rank_of), i = 0;
    assert_non_null(rank_of);
    qsort(p, (size_t)n, sizeof *p, by_off);
    for (i = 0; i < n; i++)
        rank_of[p[i].who] = i;
    /* the who values present, in increasing order, have ranks 0..n-1 */
    {
        int r = 0, w = 0;
        char *present = calloc(N, 1);
        assert_non_null(present);
        for (i = 0; i < n; i++)
            present[p[i].who] = 1;
        for (w = 0; w < N; w++)
            if (present[w]) {
                double d = (double)(rank_of[w] - r);
                d2 += d * d;
                r++;
            }
        free(present);
    }
    free(rank_of);
    return 1.0 - 6.0 * d2 / ((double)n * ((double)n * n - 1.0));
}

typedef struct Stats {
    int found1, found2, pairs, adj;
    double rho1, rho2, rho_last, tau, tau_z, adj_z, mean_rank;
    int hits, closed_ids;
} Stats;

static void file_stats(const char *data, size_t n, Stats *st)
{
    static Pt p1[N], p2[N], pl[N], all[2 * N];
    long f1[N], f2[N], l = 0;
    int i = 0, j = 0, n1 = 0, n2 = 0, nl = 0, na = 0, conc = 0, disc = 0, both = 0;
    double ranksum = 0.0;
    const char *c = data;
    memset(st, 0, sizeof *st);
    for (i = 0; i < N; i++) {
        if (find_all(data, n, first[i], &f1[i], &l))
            seen_raw[i] |= 1;
        if (f1[i] >= 0) {
            p1[n1].who = i;
            p1[n1++].off = f1[i];
            pl[nl].who = i;
            pl[nl++].off = l;
            all[na].who = i;
            all[na++].off = f1[i];
        }
        if (find_all(data, n, second[i], &f2[i], &l))
            seen_raw[i] |= 2;
        if (f2[i] >= 0) {
            p2[n2].who = i;
            p2[n2++].off = f2[i];
            all[na].who = i;
            all[na++].off = f2[i];
        }
    }
    st->found1 = n1;
    st->found2 = n2;
    st->rho1 = n1 >= 20 ? spearman(p1, n1) : 0.0;
    st->rho2 = n2 >= 20 ? spearman(p2, n2) : 0.0;
    st->rho_last = nl >= 20 ? spearman(pl, nl) : 0.0;
    /* Kendall's tau over texts sharing a page */
    for (i = 0; i < na; i++)
        for (j = i + 1; j < na; j++) {
            long di = all[i].off - all[j].off;
            int dw = all[i].who - all[j].who;
            if (all[i].off / PAGE != all[j].off / PAGE || dw == 0 || di == 0)
                continue;
            if ((di > 0) == (dw > 0))
                conc++;
            else
                disc++;
        }
    st->pairs = conc + disc;
    st->tau = st->pairs ? (double)(conc - disc) / st->pairs : 0.0;
    /* S = conc - disc summed over pages has variance sum n(n-1)(2n+5)/18
     * when the order inside each page is random */
    {
        double var = 0.0;
        qsort(all, (size_t)na, sizeof *all, by_off);
        for (i = 0; i < na; i = j) {
            double k = 0.0;
            for (j = i; j < na && all[j].off / PAGE == all[i].off / PAGE; j++)
                ;
            k = (double)(j - i);
            var += k * (k - 1.0) * (2.0 * k + 5.0) / 18.0;
        }
        st->tau_z = var > 0.0 ? (double)(conc - disc) / sqrt(var) : 0.0;
    }
    /* neighbours: texts next to each other inside a page were sent one
     * after the other in one direction more often than chance (cells
     * appended in arrival order) */
    {
        int up = 0, down = 0;
        for (i = 1; i < na; i++) {
            if (all[i].off / PAGE != all[i - 1].off / PAGE || all[i].who == all[i - 1].who)
                continue;
            if (all[i].who > all[i - 1].who)
                up++;
            else
                down++;
        }
        st->adj = up + down;
        st->adj_z = st->adj ? (double)(up - down) / sqrt((double)st->adj) : 0.0;
    }
    /* linkage: is the nearest second text the partner; where does the
     * partner rank among all second texts by distance */
    for (i = 0; i < N; i++) {
        long dp = 0;
        int closer = 0, ties = 0, others = 0;
        if (f1[i] < 0 || f2[i] < 0)
            continue;
        both++;
        dp = labs(f1[i] - f2[i]);
        for (j = 0; j < N; j++) {
            long d = 0;
            if (f2[j] < 0)
                continue;
            d = labs(f1[i] - f2[j]);
            if (j != i) {
                others++;
                closer += d < dp;
                ties += d == dp;
            }
        }
        st->hits += closer == 0 && ties == 0; /* the partner alone is nearest */
        ranksum += others ? (double)closer / others : 0.5;
    }
    st->mean_rank = both ? ranksum / both : 0.5;
    for (c = data; c < data + n && (c = find(c, (size_t)(data + n - c), CLOSED_ID,
                                               strlen(CLOSED_ID))) != NULL;
         c++)
        st->closed_ids++;
}

/* Reads every file of dir and counts a failure if any of them tells the
 * order of arrival or links two answers of one submission.  Returns the
 * number of submissions whose two texts were found in the raw bytes. */
static int check_dir(const char *dir, const char *db, const char *moment)
{
    DIR *d = opendir(dir);
    struct dirent *de = NULL;
    int failed = 0, seen = 0, i = 0;
    memset(seen_raw, 0, sizeof seen_raw);
    (void)db;
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        char path[512];
        size_t n = 0;
        char *data = NULL;
        Stats st;
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        data = slurp(path, &n);
        if (!data)
            continue;
        file_stats(data, n, &st);
        free(data);
        print_message("%-18s %-13s %8zu bytes: texts %3d+%3d, rho %+.2f %+.2f last %+.2f, "
                      "in-page tau %+.2f (z %+.1f, %d pairs), neighbours z %+.1f (%d), partner alone nearest %d, partner rank %.2f, "
                      "closed question id x%d\n",
                      moment, de->d_name, n, st.found1, st.found2, st.rho1, st.rho2, st.rho_last,
                      st.tau, st.tau_z, st.pairs, st.adj_z, st.adj, st.hits, st.mean_rank, st.closed_ids);

        if (fabs(st.rho1) > RHO_MAX || fabs(st.rho2) > RHO_MAX || fabs(st.rho_last) > RHO_MAX) {
            print_message("FAIL %s, %s: the offsets of the texts follow the order of arrival\n",
                          moment, de->d_name);
            failed = 1;
        }
        if ((st.pairs >= TAU_PAIRS && fabs(st.tau_z) > TAU_Z) ||
            (st.adj >= TAU_PAIRS && fabs(st.adj_z) > TAU_Z)) {
            print_message("FAIL %s, %s: texts inside a page lie in the order of arrival\n",
                          moment, de->d_name);
            failed = 1;
        }
        if (st.hits >= HITS_MAX || st.mean_rank < RANK_MIN) {
            print_message("FAIL %s, %s: the two texts of one submission lie together\n", moment,
                          de->d_name);
            failed = 1;
        }
        if (st.closed_ids >= N / 4) {
            print_message("FAIL %s, %s: a record per closed answer (%d)\n", moment, de->d_name,
                          st.closed_ids);
            failed = 1;
        }
    }
    closedir(d);
    failures += failed;
    for (i = 0; i < N; i++)
        seen += seen_raw[i] == 3;
    return seen;
}

static int collect_text(void *ud, const EvalPendingText *t)
{
    char *seen = ud;
    int i = 0;
    for (i = 0; i < N; i++) {
        if (strcmp(t->text, first[i]) == 0)
            seen[i] |= 1;
        if (strcmp(t->text, second[i]) == 0)
            seen[i] |= 2;
    }
    return 0;
}

static void test_forensic(void **state)
{
    char dir[] = "/tmp/test_eval_forensic.XXXXXX", db[128], cmd[200], line[80];
    char ev[EVAL_EVENT_ID_LEN + 1], seen[N];
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    EvalQuestionnaire *q = NULL;
    EvalStore *s = NULL;
    EvalTally *t = NULL;
    EvalRow r;
    FILE *f = NULL;
    int fds[2], acked = 0, done = 0, status = 0, i = 0;
    pid_t pid = 0;
    Err e;
    (void)state;
    failures = 0;
    print_message("markers seed %u\n", seed);
    make_markers(seed);
    q = questionnaire();
    assert_non_null(mkdtemp(dir));
    snprintf(db, sizeof db, "%s/ev.sqlite", dir);
    ev[0] = '\0';
    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child(db, fds[1]);
    }
    close(fds[1]);
    f = fdopen(fds[0], "r");
    assert_non_null(f);
    while (!done && fgets(line, sizeof line, f)) {
        if (strncmp(line, "event ", 6) == 0)
            snprintf(ev, sizeof ev, "%.*s", EVAL_EVENT_ID_LEN, line + 6);
        else if (strncmp(line, "ack ", 4) == 0)
            acked++;
        else if (strcmp(line, "done\n") == 0)
            done = 1;
    }
    fclose(f);
    if (!done) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        fail_msg("the child stopped after %d submissions", acked);
    }
    assert_int_equal(acked, N);

    /* 1: during the event, the store open in the child */
    i = check_dir(dir, db, "during the event");
    /* 2: after SIGKILL of the process holding the store */
    kill(pid, SIGKILL);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(i, N); /* every text seen in the raw bytes */
    assert_int_equal(check_dir(dir, db, "after SIGKILL"), N);
    /* every acknowledged answer is there, through the store */
    s = eval_store_open(db, &e);
    if (!s)
        fail_msg("%s", e.msg);
    t = eval_tally_new(q);
    assert_int_equal(eval_store_tally_event(s, ev, t, &e), 0);
    assert_int_equal(eval_tally_respondents(t), N);
    eval_tally_row(t, 0, &r, NULL);
    assert_int_equal(r.n, N);
    for (i = 0; i < 5; i++)
        assert_int_equal(r.cells[i].count, N / 5);
    eval_tally_free(t);
    memset(seen, 0, sizeof seen);
    assert_int_equal(eval_store_each_pending_text(s, ev, collect_text, seen, &e), 0);
    for (i = 0; i < N; i++)
        if (seen[i] != 3)
            fail_msg("the texts of acknowledged submission %d are missing", i);
    eval_store_close(s);
    /* 3: after a clean close */
    assert_int_equal(check_dir(dir, db, "after a clean exit"), N);
    if (failures)
        fail_msg("the files on disk reveal the order of arrival or link answers (%d of 3 moments)",
                 failures);

    eval_q_free(q);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forensic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
