/* cmd_report.c - `spectactor report`: evaluation results pooled over events
 * and database files, as text, CSV (+ codebook, events, stops), XLSX and
 * self-contained HTML; `--review` lets the facilitator approve, redact or
 * delete free texts.
 *
 * Merging is safe: an event met twice (the same file given twice, or a
 * copy) is counted once with a warning naming the files; a questionnaire
 * whose definition changed under the same id (fingerprint) is refused
 * unless --force, which reports it separately. */
#include "app/commands.h"
#include "app/report_xlsx.h"

#include "core/buf.h"
#include "core/err.h"
#include "eval/eval.h"
#include "eval/eval_compare.h"
#include "eval/eval_polls.h"
#include "eval/eval_report.h"
#include "eval/eval_store.h"
#include "eval/eval_store_polls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_MAX_DBS 64
#define REPORT_MAX_FILTER 64
#define REPORT_MAX_QUESTIONNAIRES 16
#define REPORT_MAX_GROUPS 64

typedef struct REvent {
    EvalEventInfo info;
    int file;         /* index into dbs */
    int qk;           /* pooled tally */
    EvalTally *tally; /* this event alone */
    int attendance;
    char labels[256];                    /* "school=X, grade=9" */
    char group[EVAL_MAX_FACT_VALUE + 1]; /* value of --group-by, "" if none */
} REvent;

typedef struct RGroup {
    int qk;
    EvalEventInfo info; /* label = the group's value; respondents summed */
    EvalTally *tally;
    int attendance; /* summed; 0 when any event lacks it */
    int missing_att;
} RGroup;

typedef struct Report {
    const char *dbs[REPORT_MAX_DBS];
    int ndbs;
    const char *filter[REPORT_MAX_FILTER];
    int nfilter;
    int matched[REPORT_MAX_FILTER];
    REvent ev[EVAL_MAX_EVENTS];
    int nev;
    EvalQuestionnaire *qs[REPORT_MAX_QUESTIONNAIRES];
    EvalTally *ts[REPORT_MAX_QUESTIONNAIRES];
    char fps[REPORT_MAX_QUESTIONNAIRES][17];
    int changed[REPORT_MAX_QUESTIONNAIRES]; /* same id as an earlier one, other definition */
    int nq;
    RGroup groups[REPORT_MAX_GROUPS];
    int ngroups;
    const char *group_by;
    int force;
    int duplicates;
    Buf warnings; /* said in the report too, one per line */
    char title[120];
    EvalStops *stops;
    EvalStore *cur;
    int curfile;
    REvent *facts_ev; /* the event whose facts are being read */
    Err err;
    int failed;
} Report;

static void usage(FILE *f)
{
    fputs("usage: spectactor report [--db FILE]... [--event ID|LABEL]... [--csv FILE] [--csv-sep "
          "';']\n"
          "                         [--xlsx FILE] [--html FILE] [--lang da|en] [--group-by NAME]\n"
          "                         [--force]\n"
          "       spectactor report --review [--db FILE] [--event ID|LABEL]\n"
          "  Without --db the default database is used; several --db pool the files.\n"
          "  --csv FILE also writes NAME-codebook.csv, NAME-events.csv and NAME-stops.csv;\n"
          "  the files start with a byte-order mark; --csv-sep ';' for Danish Excel.\n"
          "  --group-by NAME pools the events by their label NAME (play --label NAME=VALUE).\n"
          "  --force reports a questionnaire changed under the same id separately.\n",
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

static const char *file_name(const Report *r, int i)
{
    return r->dbs[i] ? r->dbs[i] : "(default database)";
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

static int on_fact(void *ud, const char *name, const char *value)
{
    Report *r = ud;
    REvent *e = r->facts_ev;
    if (strcmp(name, "attendance") == 0) {
        e->attendance = atoi(value);
    } else if (strncmp(name, "label:", 6) == 0) {
        size_t len = strlen(e->labels);
        snprintf(e->labels + len, sizeof e->labels - len, "%s%s=%s", len ? ", " : "", name + 6,
                 value);
        if (r->group_by && strcmp(name + 6, r->group_by) == 0)
            snprintf(e->group, sizeof e->group, "%s", value);
    }
    return 0;
}

/* The pooled tally for questionnaire q (fingerprint fp): an existing one,
 * a new one, or -1 (refused: the same id changed; r->err says so). */
static int tally_for(Report *r, EvalQuestionnaire *q, const char *fp, const EvalEventInfo *e)
{
    int k = 0, same_id = -1;
    for (k = 0; k < r->nq; k++) {
        if (strcmp(eval_q_id(r->qs[k]), eval_q_id(q)) != 0)
            continue;
        if (strcmp(r->fps[k], fp) == 0)
            return k;
        same_id = k;
    }
    if (same_id >= 0 && !r->force) {
        int j = 0;
        const char *other = "";
        for (j = 0; j < r->nev; j++)
            if (r->ev[j].qk == same_id)
                other = file_name(r, r->ev[j].file);
        err_set(&r->err, ERR_INVALID,
                "questionnaire '%s' of event %s (%s, %s) differs from the one with the same id in "
                "%s (options or questions changed): not merged; use --force to report it "
                "separately",
                eval_q_id(q), e->label[0] ? e->label : e->id, e->day, file_name(r, r->curfile),
                other);
        return -1;
    }
    if (r->nq >= REPORT_MAX_QUESTIONNAIRES) {
        err_set(&r->err, ERR_LIMIT, "more than %d questionnaires", REPORT_MAX_QUESTIONNAIRES);
        return -1;
    }
    if (!(r->ts[r->nq] = eval_tally_new(q))) {
        err_set(&r->err, ERR_NOMEM, "out of memory");
        return -1;
    }
    if (same_id >= 0)
        buf_printf(&r->warnings,
                   "Changed questionnaire / ændret spørgeskema: %s (%s, %s), "
                   "reported separately\n",
                   eval_q_id(q), e->label[0] ? e->label : e->id, file_name(r, r->curfile));
    if (same_id >= 0)
        fprintf(stderr,
                "spectactor report: warning: questionnaire '%s' changed under the same id "
                "(event %s, %s): reported separately (--force)\n",
                eval_q_id(q), e->label[0] ? e->label : e->id, file_name(r, r->curfile));
    r->qs[r->nq] = q;
    snprintf(r->fps[r->nq], sizeof r->fps[r->nq], "%s", fp);
    r->changed[r->nq] = same_id >= 0;
    return r->nq++;
}

static RGroup *group_for(Report *r, const REvent *e)
{
    int i = 0;
    RGroup *g = NULL;
    for (i = 0; i < r->ngroups; i++)
        if (r->groups[i].qk == e->qk && strcmp(r->groups[i].info.label, e->group) == 0)
            return &r->groups[i];
    if (r->ngroups >= REPORT_MAX_GROUPS)
        return NULL;
    g = &r->groups[r->ngroups];
    memset(g, 0, sizeof *g);
    g->tally = eval_tally_new(r->qs[e->qk]);
    if (!g->tally)
        return NULL;
    g->qk = e->qk;
    g->info = e->info; /* day, scenario, questionnaire of its first event */
    g->info.respondents = 0;
    g->info.id[0] = '\0';
    snprintf(g->info.label, sizeof g->info.label, "%s", e->group[0] ? e->group : "-");
    r->ngroups++;
    return g;
}

static int fail(Report *r)
{
    r->failed = 1;
    return 1;
}

static int on_event(void *ud, const EvalEventInfo *info)
{
    Report *r = ud;
    EvalQuestionnaire *q = NULL;
    EvalPollRecord *polls = NULL;
    REvent *e = NULL;
    char fp[17];
    int k = 0, j = 0, npolls = 0, bad = 0;
    if (!wanted(r, info))
        return 0;
    for (j = 0; j < r->nev; j++)
        if (strcmp(r->ev[j].info.id, info->id) == 0) {
            /* event ids are 128 random bits: the same id is the same event */
            fprintf(stderr,
                    "spectactor report: warning: event %s (%s%s%s) is in %s and in %s: "
                    "counted once\n",
                    info->id, info->day, info->label[0] ? " " : "", info->label,
                    file_name(r, r->ev[j].file), file_name(r, r->curfile));
            buf_printf(&r->warnings, "%s %s (%s %s): %s, %s\n",
                       "Counted once / talt én gang:", info->id, info->day, info->label,
                       file_name(r, r->ev[j].file), file_name(r, r->curfile));
            r->duplicates++;
            return 0;
        }
    if (r->nev >= EVAL_MAX_EVENTS) {
        err_set(&r->err, ERR_LIMIT, "more than %d events; choose some with --event",
                EVAL_MAX_EVENTS);
        return fail(r);
    }
    q = eval_store_event_questionnaire(r->cur, info->id, &r->err);
    if (!q)
        return fail(r);
    if (eval_q_fingerprint(q, fp) < 0) {
        eval_q_free(q);
        err_set(&r->err, ERR_NOMEM, "out of memory");
        return fail(r);
    }
    k = tally_for(r, q, fp, info);
    if (k < 0) {
        eval_q_free(q);
        return fail(r);
    }
    if (r->qs[k] != q)
        eval_q_free(q); /* the same definition is already loaded */
    e = &r->ev[r->nev];
    memset(e, 0, sizeof *e);
    e->info = *info;
    e->file = r->curfile;
    e->qk = k;
    e->tally = eval_tally_new(r->qs[k]);
    if (!e->tally) {
        err_set(&r->err, ERR_NOMEM, "out of memory");
        return fail(r);
    }
    r->nev++; /* from here on freed with the report */
    r->facts_ev = e;
    if (eval_store_each_fact(r->cur, info->id, on_fact, r, &r->err) < 0 ||
        eval_store_tally_event(r->cur, info->id, r->ts[k], &r->err) < 0 ||
        eval_store_tally_event(r->cur, info->id, e->tally, &r->err) < 0)
        return fail(r);
    if (r->group_by) {
        RGroup *g = group_for(r, e);
        if (!g || eval_store_tally_event(r->cur, info->id, g->tally, &r->err) < 0) {
            if (!g)
                err_set(&r->err, ERR_LIMIT, "more than %d groups", REPORT_MAX_GROUPS);
            return fail(r);
        }
        g->info.respondents += info->respondents;
        g->attendance += e->attendance;
        g->missing_att |= e->attendance <= 0;
    }
    if (eval_store_event_polls(r->cur, info->id, &polls, &npolls, &bad, &r->err) < 0)
        return fail(r);
    if (bad)
        fprintf(stderr,
                "spectactor report: warning: %d damaged poll rows of event %s in %s "
                "were skipped\n",
                bad, info->id, file_name(r, r->curfile));
    if (npolls && eval_stops_add_event(r->stops, info->scenario, polls, npolls, &r->err) < 0) {
        free(polls);
        return fail(r);
    }
    free(polls);
    return 0;
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
    printf("\n%d godkendt / approved (%d med rettelser / redacted), %d slettet / deleted\n",
           rv.approved, rv.redacted, rv.deleted);
    eval_store_close(rv.s);
    return rv.failed ? 1 : 0;
}

static char *side_path(const char *csv, const char *suffix)
{
    size_t n = strlen(csv);
    char *p = malloc(n + 32);
    if (!p)
        return NULL;
    if (n > 4 && strcmp(csv + n - 4, ".csv") == 0)
        snprintf(p, n + 32, "%.*s-%s.csv", (int)(n - 4), csv, suffix);
    else
        snprintf(p, n + 32, "%s-%s.csv", csv, suffix);
    return p;
}

/* Re-writes RFC 4180 CSV with sep instead of ',' (quoting fields that hold
 * sep), and puts the UTF-8 byte-order mark first. */
static int csv_finish(const Buf *in, char sep, Buf *out)
{
    const char *p = buf_str(in), *end = p + in->len;
    Buf field = BUF_INIT;
    buf_puts(out, "\xEF\xBB\xBF");
    while (p < end) {
        int quoted = 0;
        buf_reset(&field);
        if (*p == '"') {
            quoted = 1;
            for (p++; p < end; p++) {
                if (*p == '"' && p + 1 < end && p[1] == '"') {
                    buf_append(&field, "\"", 1);
                    p++;
                } else if (*p == '"') {
                    p++;
                    break;
                } else
                    buf_append(&field, p, 1);
            }
        } else {
            const char *s = p;
            while (p < end && *p != ',' && *p != '\r' && *p != '\n')
                p++;
            buf_append(&field, s, (size_t)(p - s));
        }
        if (quoted || strchr(buf_str(&field), sep) || strpbrk(buf_str(&field), "\"\r\n")) {
            const char *f = buf_str(&field);
            buf_append(out, "\"", 1);
            for (; *f; f++)
                buf_append(out, *f == '"' ? "\"\"" : f, *f == '"' ? 2 : 1);
            buf_append(out, "\"", 1);
        } else
            buf_puts(out, buf_str(&field));
        if (p < end && *p == ',') {
            buf_append(out, &sep, 1);
            p++;
        } else {
            while (p < end && (*p == '\r' || *p == '\n'))
                p++;
            buf_puts(out, "\r\n");
        }
    }
    buf_free(&field);
    return out->oom ? ERR_NOMEM : 0;
}

static int write_csv(const char *path, const Buf *b, char sep)
{
    Buf o = BUF_INIT;
    int rc = csv_finish(b, sep, &o) < 0 ? -1 : write_file(path, &o);
    buf_free(&o);
    return rc;
}

static int by_day(const void *a, const void *b)
{
    const REvent *x = a, *y = b;
    int c = strcmp(x->info.day, y->info.day);
    return c ? c : strcmp(x->info.label, y->info.label);
}

/* The rows of questionnaire k for the side-by-side table. */
static int compare_rows(const Report *r, int k, EvalCompareRow *rows)
{
    int i = 0, n = 0;
    for (i = 0; i < r->nev; i++) {
        if (r->ev[i].qk != k)
            continue;
        rows[n].info = &r->ev[i].info;
        rows[n].tally = r->ev[i].tally;
        rows[n].attendance = r->ev[i].attendance;
        rows[n].labels = r->ev[i].labels;
        n++;
    }
    return n;
}

static int group_rows(const Report *r, int k, EvalCompareRow *rows)
{
    int i = 0, n = 0;
    for (i = 0; i < r->ngroups; i++) {
        if (r->groups[i].qk != k)
            continue;
        rows[n].info = &r->groups[i].info;
        rows[n].tally = r->groups[i].tally;
        rows[n].attendance = r->groups[i].missing_att ? 0 : r->groups[i].attendance;
        rows[n].labels = "";
        n++;
    }
    return n;
}

static const char *group_title(Report *r, EvalLang lang)
{
    snprintf(r->title, sizeof r->title, "%s %s",
             lang == EVAL_LANG_EN ? "Grouped by" : "Grupperet efter", r->group_by);
    return r->title;
}

static const char *footer(EvalLang lang)
{
    return lang == EVAL_LANG_EN
               ? "Known limit: differences between separate reports (one event against all "
                 "events, or this report against an earlier one), and between the pooled and the "
                 "per-event tables, are not checked for small numbers; publish pooled reports."
               : "Kendt begrænsning: forskelle mellem separate rapporter (ét event mod alle, eller "
                 "denne rapport mod en tidligere) og mellem de samlede tal og tabellen pr. event "
                 "kontrolleres ikke for små tal; offentliggør samlede rapporter.";
}

typedef struct Outputs {
    const char *csv, *html, *xlsx;
    char sep;
    EvalLang lang;
} Outputs;

static int write_text(Report *r, const EvalReportMeta *meta, EvalLang lang, EvalCompareRow *rows)
{
    Buf out = BUF_INIT;
    int i = 0, n = 0, rc = 0;
    if (r->nq == 0)
        buf_printf(&out, "%s\n",
                   lang == EVAL_LANG_EN ? "No evaluations yet." : "Ingen evalueringer endnu.");
    for (i = 0; i < r->nq; i++) /* the headline first: the measures with n */
        rc |= eval_headline_text(r->ts[i], lang, &out) < 0;
    if (r->nq)
        buf_puts(&out, "\n");
    for (i = 0; i < r->nq; i++) {
        if (i)
            buf_puts(&out, "\n");
        if (r->changed[i])
            buf_printf(&out, "%s (%s %s)\n",
                       lang == EVAL_LANG_EN ? "CHANGED QUESTIONNAIRE" : "ÆNDRET SPØRGESKEMA",
                       lang == EVAL_LANG_EN ? "fingerprint" : "fingeraftryk", r->fps[i]);
        rc |= eval_report_text(r->ts[i], meta, lang, &out) < 0;
        n = compare_rows(r, i, rows);
        buf_puts(&out, "\n");
        rc |= eval_compare_text(r->qs[i], rows, n, NULL, lang, &out) < 0;
        if (r->group_by) {
            n = group_rows(r, i, rows);
            buf_puts(&out, "\n");
            rc |= eval_compare_text(r->qs[i], rows, n, group_title(r, lang), lang, &out) < 0;
        }
    }
    if (eval_stops_rooms(r->stops) > 0) {
        buf_puts(&out, "\n");
        rc |= eval_stops_text(r->stops, lang, &out) < 0;
    }
    if (r->warnings.len)
        buf_printf(&out, "\n%s", buf_str(&r->warnings));
    buf_printf(&out, "\n%s\n", footer(lang));
    fputs(buf_str(&out), stdout);
    buf_free(&out);
    return rc ? 1 : 0;
}

static int write_csvs(Report *r, const char *csv, char sep, EvalCompareRow *rows)
{
    Buf data = BUF_INIT, cb = BUF_INIT, evs = BUF_INIT, stops = BUF_INIT;
    char *cbp = side_path(csv, "codebook"), *evp = side_path(csv, "events"),
         *stp = side_path(csv, "stops");
    int i = 0, rc = 0;
    for (i = 0; i < r->nq; i++) {
        eval_report_csv(r->ts[i], &data, &cb, i == 0);
        eval_compare_csv(r->qs[i], rows, compare_rows(r, i, rows), ',', i == 0, &evs);
    }
    if (r->nq == 0) {
        buf_puts(&data,
                 "questionnaire,question,kind,cell_type,cell,n,count,percent,status,text\r\n");
        buf_puts(&cb, "questionnaire,question,kind,required,code,text_da,text_en\r\n");
        eval_compare_csv(NULL, rows, 0, ',', 1, &evs);
    }
    eval_stops_csv(r->stops, ',', 1, &stops);
    if (!cbp || !evp || !stp || data.oom || cb.oom || evs.oom || stops.oom ||
        write_csv(csv, &data, sep) < 0 || write_csv(cbp, &cb, sep) < 0 ||
        write_csv(evp, &evs, sep) < 0 || write_csv(stp, &stops, sep) < 0)
        rc = 1;
    free(cbp);
    free(evp);
    free(stp);
    buf_free(&data);
    buf_free(&cb);
    buf_free(&evs);
    buf_free(&stops);
    return rc;
}

static int write_html(Report *r, EvalReportMeta *meta, EvalLang lang, const char *path,
                      EvalCompareRow *rows)
{
    Buf out = BUF_INIT, extra = BUF_INIT, top = BUF_INIT;
    int i = 0, rc = 0;
    for (i = 0; i < r->nq; i++)
        eval_headline_html(r->ts[i], lang, &top);
    for (i = 0; i < r->nq; i++) {
        eval_compare_html(r->qs[i], rows, compare_rows(r, i, rows), NULL, lang, &extra);
        if (r->group_by)
            eval_compare_html(r->qs[i], rows, group_rows(r, i, rows), group_title(r, lang), lang,
                              &extra);
    }
    if (eval_stops_rooms(r->stops) > 0)
        eval_stops_html(r->stops, lang, &extra);
    buf_puts(&extra, "<p class=\"note\">");
    if (r->warnings.len) {
        const char *w = buf_str(&r->warnings);
        for (; *w; w++) {
            if (*w == '\n')
                buf_puts(&extra, "<br>");
            else if (*w == '<' || *w == '>' || *w == '&')
                buf_puts(&extra, *w == '<' ? "&lt;" : *w == '>' ? "&gt;" : "&amp;");
            else
                buf_append(&extra, w, 1);
        }
    }
    buf_puts(&extra, footer(lang));
    buf_puts(&extra, "</p>\n");
    meta->extra_html = buf_str(&extra);
    meta->top_html = buf_str(&top);
    if (extra.oom || top.oom || eval_report_html(r->ts, r->nq, meta, lang, &out) < 0 ||
        write_file(path, &out) < 0)
        rc = 1;
    meta->extra_html = NULL;
    meta->top_html = NULL;
    buf_free(&out);
    buf_free(&extra);
    buf_free(&top);
    return rc;
}

static int parse_args(Report *r, int argc, char **argv, Outputs *o, int *do_review)
{
    int i = 0;
    for (i = 0; i < argc; i += 2) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--review") == 0 || strcmp(a, "--force") == 0) {
            if (a[2] == 'r')
                *do_review = 1;
            else
                r->force = 1;
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
        if (strcmp(a, "--db") == 0 && r->ndbs < REPORT_MAX_DBS)
            r->dbs[r->ndbs++] = v;
        else if (strcmp(a, "--event") == 0 && r->nfilter < REPORT_MAX_FILTER)
            r->filter[r->nfilter++] = v;
        else if (strcmp(a, "--csv") == 0)
            o->csv = v;
        else if (strcmp(a, "--csv-sep") == 0 && (strcmp(v, ",") == 0 || strcmp(v, ";") == 0))
            o->sep = v[0];
        else if (strcmp(a, "--html") == 0)
            o->html = v;
        else if (strcmp(a, "--xlsx") == 0)
            o->xlsx = v;
        else if (strcmp(a, "--group-by") == 0)
            r->group_by = v;
        else if (strcmp(a, "--lang") == 0 && (strcmp(v, "da") == 0 || strcmp(v, "en") == 0))
            o->lang = strcmp(v, "en") == 0 ? EVAL_LANG_EN : EVAL_LANG_DA;
        else {
            usage(stderr);
            return 2;
        }
    }
    return -1;
}

static void report_free(Report *r)
{
    int i = 0;
    for (i = 0; i < r->nev; i++)
        eval_tally_free(r->ev[i].tally);
    for (i = 0; i < r->ngroups; i++)
        eval_tally_free(r->groups[i].tally);
    for (i = 0; i < r->nq; i++) {
        eval_tally_free(r->ts[i]);
        eval_q_free(r->qs[i]);
    }
    eval_stops_free(r->stops);
    buf_free(&r->warnings);
    free(r);
}

int cmd_report(int argc, char **argv)
{
    Report *r = calloc(1, sizeof *r);
    Outputs o;
    EvalEventInfo *infos = NULL;
    EvalCompareRow *rows = NULL;
    int i = 0, rc = 0, do_review = 0;
    EvalReportMeta meta;
    memset(&o, 0, sizeof o);
    memset(&meta, 0, sizeof meta);
    o.sep = ',';
    o.lang = EVAL_LANG_DA;
    if (!r || !(r->stops = eval_stops_new())) {
        free(r);
        return 1;
    }
    rc = parse_args(r, argc, argv, &o, &do_review);
    if (rc >= 0) {
        report_free(r);
        return rc;
    }
    rc = 0;
    if (do_review) {
        rc = review(r);
        report_free(r);
        return rc;
    }
    if (r->ndbs == 0)
        r->ndbs = 1; /* dbs[0] == NULL: the default path */
    for (i = 0; i < r->ndbs && !r->failed; i++) {
        err_clear(&r->err);
        r->curfile = i;
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
    /* events from several files: in date order */
    qsort(r->ev, (size_t)r->nev, sizeof r->ev[0], by_day);
    infos = calloc((size_t)(r->nev ? r->nev : 1), sizeof *infos);
    rows = calloc((size_t)(r->nev + r->ngroups + 1), sizeof *rows);
    if (!infos || !rows) {
        rc = 1;
        goto done;
    }
    for (i = 0; i < r->nev; i++)
        infos[i] = r->ev[i].info;
    meta.events = infos;
    meta.nevents = r->nev;
    meta.nfiles = r->ndbs;
    rc = write_text(r, &meta, o.lang, rows);
    if (o.csv && write_csvs(r, o.csv, o.sep, rows))
        rc = 1;
    if (o.html && write_html(r, &meta, o.lang, o.html, rows))
        rc = 1;
    if (o.xlsx) {
        ReportXlsx x;
        ReportXlsxEvent *xe = calloc((size_t)(r->nev + 1), sizeof *xe);
        Err err;
        memset(&x, 0, sizeof x);
        err_clear(&err);
        for (i = 0; i < r->nev && xe; i++) {
            xe[i].qk = r->ev[i].qk;
            xe[i].row.info = &r->ev[i].info;
            xe[i].row.tally = r->ev[i].tally;
            xe[i].row.attendance = r->ev[i].attendance;
            xe[i].row.labels = r->ev[i].labels;
        }
        x.tallies = r->ts;
        x.fps = (const char(*)[17])r->fps;
        x.nq = r->nq;
        x.events = xe;
        x.nevents = r->nev;
        x.stops = r->stops;
        x.lang = o.lang;
        x.footer = footer(o.lang);
        if (!xe)
            err_set(&err, ERR_NOMEM, "out of memory");
        if (!xe || report_xlsx_write(&x, o.xlsx, &err) < 0) {
            fprintf(stderr, "spectactor report: %s\n", err.msg);
            rc = 1;
        }
        free(xe);
    }
done:
    free(infos);
    free(rows);
    report_free(r);
    return rc;
}
