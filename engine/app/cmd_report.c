/* cmd_report.c - `spectactor report`: the command line of the report over
 * events and database files (written by eval/eval_merge.c), and `--review`,
 * where the facilitator approves, redacts or deletes free texts. */
#include "app/commands.h"

#include "core/buf.h"
#include "core/err.h"
#include "eval/eval.h"
#include "eval/eval_merge.h"
#include "eval/eval_store.h"
#include "eval/eval_store_polls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Args {
    const char *dbs[EVAL_MERGE_MAX_FILES];
    int ndbs;
    const char *filter[EVAL_MERGE_MAX_FILTER];
    int nfilter;
    const char *csv, *html, *xlsx, *group_by;
    char sep;
    EvalLang lang;
    int force, review;
} Args;

static void usage(FILE *f)
{
    fputs("usage: spectactor report [--db FILE]... [--event ID|LABEL]... [--csv FILE] [--csv-sep "
          "';']\n"
          "                         [--xlsx FILE] [--html FILE] [--lang da|en] [--group-by NAME]\n"
          "                         [--force]\n"
          "       spectactor report --review [--db FILE] [--event ID|LABEL]\n"
          "  Without --db the default database is used; several --db pool the files.\n"
          "  --csv FILE also writes NAME-codebook.csv, NAME-events.csv, NAME-stops.csv\n"
          "  and NAME-statements.csv;\n"
          "  the files start with a byte-order mark; --csv-sep ';' for Danish Excel.\n"
          "  --group-by NAME pools the events by their label NAME (play --label NAME=VALUE).\n"
          "  --force reports a questionnaire changed under the same id separately.\n",
          f);
}

typedef struct Review {
    EvalStore *s;
    FILE *in;
    int approved, deleted, redacted, failed;
} Review;

/* Replaces every occurrence of `part` in text by "[...]" (a name, for
 * instance).  Returns a new string (caller frees) or NULL. */
static char *redact(const char *text, const char *part)
{
    Buf b = BUF_INIT;
    size_t n = strlen(part);
    const char *p = text, *hit = NULL;
    while (n && (hit = strstr(p, part)) != NULL) {
        buf_append(&b, p, (size_t)(hit - p));
        buf_puts(&b, "[...]");
        p = hit + n;
    }
    buf_puts(&b, p);
    if (b.oom) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

static int on_text(void *ud, const EvalPendingText *t)
{
    Review *rv = ud;
    char line[EVAL_MAX_TEXT + 8];
    char *text = core_strdup(t->text);
    Err e;
    int rc = 0;
    if (!text)
        return 1;
    for (;;) {
        printf("\n[%s] %s\n", t->question, text);
        printf("a = vis i rapport / show in report, r = fjern en del (et navn) / redact a part, "
               "d = slet / delete, s = spring over / skip, q = stop: ");
        fflush(stdout);
        if (!fgets(line, sizeof line, rv->in) || line[0] == 'q') {
            rc = 1;
            break;
        }
        if (line[0] == 's')
            break;
        if (line[0] == 'r') {
            char *nt = NULL;
            printf("tekst der skal fjernes / text to remove: ");
            fflush(stdout);
            if (!fgets(line, sizeof line, rv->in))
                continue;
            line[strcspn(line, "\r\n")] = '\0';
            if (!line[0] || !strstr(text, line)) {
                printf("(ikke fundet / not found)\n");
                continue;
            }
            nt = redact(text, line);
            if (!nt)
                continue;
            free(text);
            text = nt;
            rv->redacted++;
            continue; /* shown again: approve, redact more or delete */
        }
        if (line[0] == 'a' || line[0] == 'd') {
            err_clear(&e);
            if ((line[0] == 'a' && strcmp(text, t->text) != 0 &&
                 eval_store_redact_text(rv->s, t->key, text, &e) < 0) ||
                eval_store_review_text(rv->s, t->key, line[0] == 'a', &e) < 0) {
                fprintf(stderr, "spectactor report: %s\n", e.msg);
                rv->failed = 1;
                rc = 1;
                break;
            }
            if (line[0] == 'a')
                rv->approved++;
            else
                rv->deleted++;
            break;
        }
    }
    free(text);
    return rc;
}

static int review(const Args *r)
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
    printf("\n%d godkendt / approved (%d med rettelser / redacted), %d slettet / deleted\n",
           rv.approved, rv.redacted, rv.deleted);
    eval_store_close(rv.s);
    return rv.failed ? 1 : 0;
}

static int parse_args(Args *o, int argc, char **argv)
{
    int i = 0;
    for (i = 0; i < argc; i += 2) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--review") == 0 || strcmp(a, "--force") == 0) {
            if (a[2] == 'r')
                o->review = 1;
            else
                o->force = 1;
            i--; /* a flag without a value */
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (!v) {
            usage(stderr);
            return 2;
        }
        if (strcmp(a, "--db") == 0 && o->ndbs < EVAL_MERGE_MAX_FILES)
            o->dbs[o->ndbs++] = v;
        else if (strcmp(a, "--event") == 0 && o->nfilter < EVAL_MERGE_MAX_FILTER)
            o->filter[o->nfilter++] = v;
        else if (strcmp(a, "--csv") == 0)
            o->csv = v;
        else if (strcmp(a, "--csv-sep") == 0 && (strcmp(v, ",") == 0 || strcmp(v, ";") == 0))
            o->sep = v[0];
        else if (strcmp(a, "--html") == 0)
            o->html = v;
        else if (strcmp(a, "--xlsx") == 0)
            o->xlsx = v;
        else if (strcmp(a, "--group-by") == 0)
            o->group_by = v;
        else if (strcmp(a, "--lang") == 0 && (strcmp(v, "da") == 0 || strcmp(v, "en") == 0))
            o->lang = strcmp(v, "en") == 0 ? EVAL_LANG_EN : EVAL_LANG_DA;
        else {
            usage(stderr);
            return 2;
        }
    }
    return -1;
}

/* Prints "spectactor report: MSG" and returns 1. */
static int report_err(const Err *err)
{
    fprintf(stderr, "spectactor report: %s\n", err->msg);
    return 1;
}

int cmd_report(int argc, char **argv)
{
    Args o;
    Err err;
    Buf text = BUF_INIT;
    EvalMerge *m = NULL;
    int i = 0, rc = 0;
    memset(&o, 0, sizeof o);
    err_clear(&err);
    o.sep = ',';
    o.lang = EVAL_LANG_DA;
    rc = parse_args(&o, argc, argv);
    if (rc >= 0)
        return rc;
    if (o.review)
        return review(&o);
    m = eval_merge_new(o.group_by, o.force, &err);
    if (!m)
        return report_err(&err);
    for (i = 0; i < o.nfilter; i++)
        eval_merge_filter(m, o.filter[i], &err);
    /* without --db: the default database (path NULL) */
    for (i = 0; i < (o.ndbs ? o.ndbs : 1); i++)
        if (eval_merge_add_file(m, o.dbs[i], &err) < 0) {
            eval_merge_free(m);
            return report_err(&err);
        }
    if (eval_merge_finish(m, &err) < 0) {
        eval_merge_free(m);
        return report_err(&err);
    }
    rc = eval_merge_text(m, o.lang, &text) < 0;
    fputs(buf_str(&text), stdout);
    buf_free(&text);
    if (o.csv && eval_merge_write_csv(m, o.lang, o.csv, o.sep, &err) < 0)
        rc = report_err(&err);
    if (o.html && eval_merge_write_html(m, o.lang, o.html, &err) < 0)
        rc = report_err(&err);
    if (o.xlsx && eval_merge_write_xlsx(m, o.lang, o.xlsx, &err) < 0)
        rc = report_err(&err);
    eval_merge_free(m);
    return rc;
}
