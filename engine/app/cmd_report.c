/* cmd_report.c - `spectactor report`: evaluation results pooled over events
 * and database files, as text, CSV (+ codebook) and self-contained HTML;
 * `--review` lets the facilitator approve or delete free texts. */
#include "app/commands.h"

#include "core/buf.h"
#include "core/err.h"
#include "eval/eval.h"
#include "eval/eval_report.h"
#include "eval/eval_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_MAX_DBS 64
#define REPORT_MAX_FILTER 64
#define REPORT_MAX_QUESTIONNAIRES 16

typedef struct Report {
    const char *dbs[REPORT_MAX_DBS];
    int ndbs;
    const char *filter[REPORT_MAX_FILTER];
    int nfilter;
    int matched[REPORT_MAX_FILTER];
    EvalEventInfo events[EVAL_MAX_EVENTS];
    int nevents;
    EvalQuestionnaire *qs[REPORT_MAX_QUESTIONNAIRES];
    EvalTally *ts[REPORT_MAX_QUESTIONNAIRES];
    int nq;
    EvalStore *cur;
    Err err;
    int failed;
} Report;

static void usage(FILE *f)
{
    fputs("usage: spectactor report [--db FILE]... [--event ID|LABEL]... [--csv FILE] "
          "[--html FILE] [--lang da|en]\n"
          "       spectactor report --review [--db FILE] [--event ID|LABEL]\n"
          "  Without --db the default database is used; several --db pool the files.\n"
          "  --csv FILE also writes FILE's codebook next to it (NAME-codebook.csv).\n",
          f);
}

static int write_file(const char *path, const Buf *b)
{
    FILE *f = fopen(path, "wb");
    int ok = 0;
    if (!f) {
        fprintf(stderr, "spectactor report: cannot write %s\n", path);
        return -1;
    }
    ok = fwrite(buf_str(b), 1, b->len, f) == b->len;
    ok = (fclose(f) == 0) && ok;
    if (!ok)
        fprintf(stderr, "spectactor report: cannot write %s\n", path);
    return ok ? 0 : -1;
}

static int wanted(Report *r, const EvalEventInfo *e)
{
    int i = 0, hit = 0;
    if (r->nfilter == 0)
        return 1;
    for (i = 0; i < r->nfilter; i++)
        if (strcmp(r->filter[i], e->id) == 0 || strcmp(r->filter[i], e->label) == 0) {
            r->matched[i] = 1;
            hit = 1;
        }
    return hit;
}

static int on_event(void *ud, const EvalEventInfo *e)
{
    Report *r = ud;
    EvalQuestionnaire *q = NULL;
    int k = 0;
    if (!wanted(r, e))
        return 0;
    if (r->nevents >= EVAL_MAX_EVENTS) {
        err_set(&r->err, ERR_LIMIT, "more than %d events; choose some with --event",
                EVAL_MAX_EVENTS);
        r->failed = 1;
        return 1;
    }
    for (k = 0; k < r->nq; k++)
        if (strcmp(eval_q_id(r->qs[k]), e->questionnaire) == 0)
            break;
    if (k == r->nq) {
        if (r->nq >= REPORT_MAX_QUESTIONNAIRES) {
            err_set(&r->err, ERR_LIMIT, "more than %d questionnaires",
                    REPORT_MAX_QUESTIONNAIRES);
            r->failed = 1;
            return 1;
        }
        q = eval_store_event_questionnaire(r->cur, e->id, &r->err);
        if (!q || !(r->ts[k] = eval_tally_new(q))) {
            eval_q_free(q);
            r->failed = 1;
            return 1;
        }
        r->qs[k] = q;
        r->nq++;
    }
    if (eval_store_tally_event(r->cur, e->id, r->ts[k], &r->err) < 0) {
        r->failed = 1;
        return 1;
    }
    r->events[r->nevents++] = *e;
    return 0;
}

typedef struct Review {
    EvalStore *s;
    FILE *in;
    int approved, deleted, failed;
} Review;

static int on_text(void *ud, const EvalPendingText *t)
{
    Review *rv = ud;
    char line[64];
    Err e;
    for (;;) {
        printf("\n[%s] %s\n", t->question, t->text);
        printf("a = vis i rapport / show in report, d = slet / delete, s = spring over / skip, "
               "q = stop: ");
        fflush(stdout);
        if (!fgets(line, sizeof line, rv->in) || line[0] == 'q')
            return 1;
        if (line[0] == 's')
            return 0;
        if (line[0] == 'a' || line[0] == 'd') {
            err_clear(&e);
            if (eval_store_review_text(rv->s, t->key, line[0] == 'a', &e) < 0) {
                fprintf(stderr, "spectactor report: %s\n", e.msg);
                rv->failed = 1;
                return 1;
            }
            if (line[0] == 'a')
                rv->approved++;
            else
                rv->deleted++;
            return 0;
        }
    }
}

static int review(Report *r)
{
    Review rv;
    Err e;
    const char *event = NULL;
    EvalEventInfo info;
    err_clear(&e);
    memset(&rv, 0, sizeof rv);
    rv.in = stdin;
    if (r->ndbs > 1 || r->nfilter > 1) {
        fprintf(stderr, "spectactor report --review: one --db and at most one --event\n");
        return 2;
    }
    rv.s = eval_store_open_existing(r->ndbs ? r->dbs[0] : NULL, &e);
    if (!rv.s) {
        fprintf(stderr, "spectactor report: %s\n", e.msg);
        return 1;
    }
    if (r->nfilter) {
        if (eval_store_find_event(rv.s, r->filter[0], &info, &e) < 0) {
            fprintf(stderr, "spectactor report: %s\n", e.msg);
            eval_store_close(rv.s);
            return 1;
        }
        event = info.id;
    }
    if (eval_store_each_pending_text(rv.s, event, on_text, &rv, &e) < 0) {
        fprintf(stderr, "spectactor report: %s\n", e.msg);
        rv.failed = 1;
    }
    printf("\n%d godkendt / approved, %d slettet / deleted\n", rv.approved, rv.deleted);
    eval_store_close(rv.s);
    return rv.failed ? 1 : 0;
}

static char *codebook_path(const char *csv)
{
    size_t n = strlen(csv);
    char *p = malloc(n + 32);
    if (!p)
        return NULL;
    if (n > 4 && strcmp(csv + n - 4, ".csv") == 0)
        snprintf(p, n + 32, "%.*s-codebook.csv", (int)(n - 4), csv);
    else
        snprintf(p, n + 32, "%s-codebook.csv", csv);
    return p;
}

int cmd_report(int argc, char **argv)
{
    Report *r = calloc(1, sizeof *r);
    const char *csv = NULL, *html = NULL;
    EvalLang lang = EVAL_LANG_DA;
    int i = 0, rc = 0, do_review = 0;
    EvalReportMeta meta;
    if (!r)
        return 1;
    for (i = 0; i < argc; i += 2) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--review") == 0) {
            do_review = 1;
            i--; /* a flag without a value */
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            free(r);
            return 0;
        }
        if (!v) {
            usage(stderr);
            free(r);
            return 2;
        }
        if (strcmp(a, "--db") == 0 && r->ndbs < REPORT_MAX_DBS)
            r->dbs[r->ndbs++] = v;
        else if (strcmp(a, "--event") == 0 && r->nfilter < REPORT_MAX_FILTER)
            r->filter[r->nfilter++] = v;
        else if (strcmp(a, "--csv") == 0)
            csv = v;
        else if (strcmp(a, "--html") == 0)
            html = v;
        else if (strcmp(a, "--lang") == 0 && (strcmp(v, "da") == 0 || strcmp(v, "en") == 0))
            lang = strcmp(v, "en") == 0 ? EVAL_LANG_EN : EVAL_LANG_DA;
        else {
            usage(stderr);
            free(r);
            return 2;
        }
    }
    if (do_review) {
        rc = review(r);
        free(r);
        return rc;
    }
    if (r->ndbs == 0)
        r->ndbs = 1; /* dbs[0] == NULL: the default path */
    for (i = 0; i < r->ndbs && !r->failed; i++) {
        err_clear(&r->err);
        r->cur = eval_store_open_existing(r->dbs[i], &r->err);
        if (!r->cur) {
            r->failed = 1;
            break;
        }
        if (eval_store_each_event(r->cur, on_event, r, &r->err) < 0)
            r->failed = 1;
        eval_store_close(r->cur);
        r->cur = NULL;
    }
    if (r->failed) {
        fprintf(stderr, "spectactor report: %s\n", r->err.msg);
        rc = 1;
        goto done;
    }
    for (i = 0; i < r->nfilter; i++)
        if (!r->matched[i]) {
            fprintf(stderr, "spectactor report: no event '%s'\n", r->filter[i]);
            rc = 1;
            goto done;
        }
    meta.events = r->events;
    meta.nevents = r->nevents;
    meta.nfiles = r->ndbs;
    if (r->nq == 0)
        printf("%s\n", lang == EVAL_LANG_EN ? "No evaluations yet." : "Ingen evalueringer endnu.");
    for (i = 0; i < r->nq; i++) {
        Buf out = BUF_INIT;
        rc = eval_report_text(r->ts[i], &meta, lang, &out) < 0 ? 1 : 0;
        fputs(buf_str(&out), stdout);
        if (i + 1 < r->nq)
            fputs("\n", stdout);
        buf_free(&out);
    }
    if (csv) {
        Buf data = BUF_INIT, cb = BUF_INIT;
        char *cbp = codebook_path(csv);
        for (i = 0; i < r->nq; i++)
            eval_report_csv(r->ts[i], &data, &cb, i == 0);
        if (r->nq == 0) {
            buf_puts(&data, "questionnaire,question,kind,cell_type,cell,n,count,percent,status,text\r\n");
            buf_puts(&cb, "questionnaire,question,kind,required,code,text_da,text_en\r\n");
        }
        if (!cbp || data.oom || cb.oom || write_file(csv, &data) < 0 || write_file(cbp, &cb) < 0)
            rc = 1;
        free(cbp);
        buf_free(&data);
        buf_free(&cb);
    }
    if (html) {
        Buf out = BUF_INIT;
        if (eval_report_html(r->ts, r->nq, &meta, lang, &out) < 0 || write_file(html, &out) < 0)
            rc = 1;
        buf_free(&out);
    }
done:
    for (i = 0; i < r->nq; i++) {
        eval_tally_free(r->ts[i]);
        eval_q_free(r->qs[i]);
    }
    free(r);
    return rc;
}
