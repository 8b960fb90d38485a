/* eval_merge.c - the report over many events and database files: events
 * pooled per questionnaire, side by side in date order, grouped by a label,
 * and the room's answers at the stops; written as text, CSV (+ codebook,
 * events, stops), XLSX and self-contained HTML (see eval_merge.h).
 *
 * Merging is safe: an event met twice (the same file given twice, or a
 * copy) is counted once with a warning naming the files; a questionnaire
 * whose definition changed under the same id (fingerprint) is refused
 * unless force, which reports it separately. */
#include "eval/eval_merge.h"

#include "eval/eval_measure.h"
#include "eval/eval_store.h"
#include "eval/eval_store_polls.h"
#include "eval/eval_xlsx.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MERGE_MAX_QUESTIONNAIRES 16
#define MERGE_MAX_GROUPS 64

typedef struct EvalMergeEvent {
    EvalEventInfo info;
    int file;         /* index into dbs */
    int qk;           /* pooled tally */
    EvalTally *tally; /* this event alone */
    int attendance;
    char labels[256];                    /* "school=X, grade=9" */
    char group[EVAL_MAX_FACT_VALUE + 1]; /* value of --group-by, "" if none */
} EvalMergeEvent;

typedef struct EvalMergeGroup {
    int qk;
    EvalEventInfo info; /* label = the group's value; respondents summed */
    EvalTally *tally;
    int attendance; /* summed; 0 when any event lacks it */
    int missing_att;
} EvalMergeGroup;

struct EvalMerge {
    const char *dbs[EVAL_MERGE_MAX_FILES];
    int ndbs;
    const char *filter[EVAL_MERGE_MAX_FILTER];
    int nfilter;
    int matched[EVAL_MERGE_MAX_FILTER];
    EvalMergeEvent ev[EVAL_MAX_EVENTS];
    int nev;
    EvalQuestionnaire *qs[MERGE_MAX_QUESTIONNAIRES];
    EvalTally *ts[MERGE_MAX_QUESTIONNAIRES];
    char fps[MERGE_MAX_QUESTIONNAIRES][17];
    int changed[MERGE_MAX_QUESTIONNAIRES]; /* same id as an earlier one, other definition */
    int nq;
    EvalMergeGroup groups[MERGE_MAX_GROUPS];
    int ngroups;
    const char *group_by;
    int force;
    int duplicates;
    Buf warnings; /* said in the report too, one per line */
    char title[120];
    EvalStops *stops;
    EvalMeasure *measure; /* the before/after statements */
    EvalStore *cur;
    int curfile;
    EvalMergeEvent *facts_ev; /* the event whose facts are being read */
    Err err;
    int failed;
    EvalEventInfo *infos; /* eval_merge_finish: the events in date order */
    EvalCompareRow *rows; /* room for any table's rows */
    EvalReportMeta meta;
};

static const char *file_name(const EvalMerge *r, int i)
{
    return r->dbs[i] ? r->dbs[i] : "(default database)";
}

static int wanted(EvalMerge *r, const EvalEventInfo *e)
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
    EvalMerge *r = ud;
    EvalMergeEvent *e = r->facts_ev;
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
static int tally_for(EvalMerge *r, EvalQuestionnaire *q, const char *fp, const EvalEventInfo *e)
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
    if (r->nq >= MERGE_MAX_QUESTIONNAIRES) {
        err_set(&r->err, ERR_LIMIT, "more than %d questionnaires", MERGE_MAX_QUESTIONNAIRES);
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

static EvalMergeGroup *group_for(EvalMerge *r, const EvalMergeEvent *e)
{
    int i = 0;
    EvalMergeGroup *g = NULL;
    for (i = 0; i < r->ngroups; i++)
        if (r->groups[i].qk == e->qk &&
            strcmp(r->groups[i].info.label, e->group[0] ? e->group : "-") == 0)
            return &r->groups[i];
    if (r->ngroups >= MERGE_MAX_GROUPS)
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

static int fail(EvalMerge *r)
{
    r->failed = 1;
    return 1;
}

static int on_event(void *ud, const EvalEventInfo *info)
{
    EvalMerge *r = ud;
    EvalQuestionnaire *q = NULL;
    EvalPollRecord *polls = NULL;
    EvalMergeEvent *e = NULL;
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
        EvalMergeGroup *g = group_for(r, e);
        if (!g || eval_store_tally_event(r->cur, info->id, g->tally, &r->err) < 0) {
            if (!g)
                err_set(&r->err, ERR_LIMIT, "more than %d groups", MERGE_MAX_GROUPS);
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
    if (npolls) {
        char name[EVAL_MEASURE_MAX_EVENT];
        /* the day and label name the event; its id's start tells apart two
         * events of one day without a label */
        snprintf(name, sizeof name, "%s%s%.60s #%.8s", info->day, info->label[0] ? " " : "",
                 info->label, info->id);
        if (eval_measure_add_event(r->measure, info->scenario, name, polls, npolls, &r->err) < 0) {
            free(polls);
            return fail(r);
        }
    }
    free(polls);
    return 0;
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

static int write_csv(const char *path, const Buf *b, char sep, Err *err)
{
    Buf o = BUF_INIT;
    int rc = csv_finish(b, sep, &o) < 0 ? err_set(err, ERR_NOMEM, "out of memory")
                                        : buf_write_file(&o, path, err);
    buf_free(&o);
    return rc;
}

static int by_day(const void *a, const void *b)
{
    const EvalMergeEvent *x = a, *y = b;
    int c = strcmp(x->info.day, y->info.day);
    return c ? c : strcmp(x->info.label, y->info.label);
}

/* The rows of questionnaire k for the side-by-side table. */
static int compare_rows(const EvalMerge *r, int k, EvalCompareRow *rows)
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

static int group_rows(const EvalMerge *r, int k, EvalCompareRow *rows)
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

static const char *group_title(EvalMerge *r, EvalLang lang)
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

int eval_merge_text(EvalMerge *r, EvalLang lang, Buf *outp)
{
    Buf out = BUF_INIT;
    const EvalReportMeta *meta = &r->meta;
    EvalCompareRow *rows = r->rows;
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
    if (eval_measure_rooms(r->measure) > 0) {
        buf_puts(&out, "\n");
        rc |= eval_measure_text(r->measure, lang, &out) < 0;
    }
    if (r->warnings.len)
        buf_printf(&out, "\n%s", buf_str(&r->warnings));
    buf_printf(&out, "\n%s\n", footer(lang));
    buf_puts(outp, buf_str(&out));
    rc |= out.oom;
    buf_free(&out);
    return rc ? ERR_NOMEM : 0;
}

int eval_merge_write_csv(EvalMerge *r, EvalLang lang, const char *csv, char sep, Err *err)
{
    EvalCompareRow *rows = r->rows;
    Buf data = BUF_INIT, cb = BUF_INIT, evs = BUF_INIT, stops = BUF_INIT, meas = BUF_INIT;
    char *cbp = side_path(csv, "codebook"), *evp = side_path(csv, "events"),
         *stp = side_path(csv, "stops"), *msp = side_path(csv, "statements");
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
    eval_stops_csv(r->stops, lang, ',', 1, &stops);
    eval_measure_csv(r->measure, ',', 1, &meas);
    if (!cbp || !evp || !stp || !msp || data.oom || cb.oom || evs.oom || stops.oom || meas.oom)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    else if (write_csv(csv, &data, sep, err) < 0 || write_csv(cbp, &cb, sep, err) < 0 ||
             write_csv(evp, &evs, sep, err) < 0 || write_csv(stp, &stops, sep, err) < 0 ||
             write_csv(msp, &meas, sep, err) < 0)
        rc = ERR_IO;
    free(cbp);
    free(evp);
    free(stp);
    free(msp);
    buf_free(&meas);
    buf_free(&data);
    buf_free(&cb);
    buf_free(&evs);
    buf_free(&stops);
    return rc;
}

int eval_merge_write_html(EvalMerge *r, EvalLang lang, const char *path, Err *err)
{
    EvalReportMeta *meta = &r->meta;
    EvalCompareRow *rows = r->rows;
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
    if (eval_measure_rooms(r->measure) > 0)
        eval_measure_html(r->measure, lang, &extra);
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
    if (extra.oom || top.oom || eval_report_html(r->ts, r->nq, meta, lang, &out) < 0)
        rc = err_set(err, ERR_NOMEM, "out of memory");
    else
        rc = buf_write_file(&out, path, err);
    meta->extra_html = NULL;
    meta->top_html = NULL;
    buf_free(&out);
    buf_free(&extra);
    buf_free(&top);
    return rc;
}

EvalMerge *eval_merge_new(const char *group_by, int force, Err *err)
{
    EvalMerge *r = calloc(1, sizeof *r);
    if (!r || !(r->stops = eval_stops_new()) || !(r->measure = eval_measure_new())) {
        if (r)
            eval_stops_free(r->stops);
        free(r);
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    r->group_by = group_by;
    r->force = force;
    return r;
}

int eval_merge_filter(EvalMerge *r, const char *id_or_label, Err *err)
{
    assert(r && id_or_label);
    if (r->nfilter >= EVAL_MERGE_MAX_FILTER)
        return err_set(err, ERR_LIMIT, "at most %d --event", EVAL_MERGE_MAX_FILTER);
    r->filter[r->nfilter++] = id_or_label;
    return 0;
}

int eval_merge_add_file(EvalMerge *r, const char *path, Err *err)
{
    assert(r);
    if (r->ndbs >= EVAL_MERGE_MAX_FILES)
        return err_set(err, ERR_LIMIT, "at most %d database files", EVAL_MERGE_MAX_FILES);
    err_clear(&r->err);
    r->dbs[r->ndbs] = path;
    r->curfile = r->ndbs++;
    r->cur = eval_store_open_existing(path, &r->err);
    if (!r->cur)
        r->failed = 1;
    else if (eval_store_each_event(r->cur, on_event, r, &r->err) < 0)
        r->failed = 1;
    eval_store_close(r->cur);
    r->cur = NULL;
    if (r->failed)
        *err = r->err;
    return r->failed ? (err->code ? err->code : ERR_IO) : 0;
}

int eval_merge_finish(EvalMerge *r, Err *err)
{
    int i = 0;
    assert(r && !r->infos);
    for (i = 0; i < r->nfilter; i++)
        if (!r->matched[i])
            return err_set(err, ERR_NOTFOUND, "no event '%s'", r->filter[i]);
    /* events from several files: in date order */
    qsort(r->ev, (size_t)r->nev, sizeof r->ev[0], by_day);
    r->infos = calloc((size_t)(r->nev ? r->nev : 1), sizeof *r->infos);
    r->rows = calloc((size_t)(r->nev + r->ngroups + 1), sizeof *r->rows);
    if (!r->infos || !r->rows)
        return err_set(err, ERR_NOMEM, "out of memory");
    for (i = 0; i < r->nev; i++)
        r->infos[i] = r->ev[i].info;
    memset(&r->meta, 0, sizeof r->meta);
    r->meta.events = r->infos;
    r->meta.nevents = r->nev;
    r->meta.nfiles = r->ndbs;
    return 0;
}

int eval_merge_write_xlsx(EvalMerge *r, EvalLang lang, const char *path, Err *err)
{
    EvalXlsx x;
    EvalXlsxEvent *xe = calloc((size_t)(r->nev + 1), sizeof *xe);
    int i = 0, rc = 0;
    if (!xe)
        return err_set(err, ERR_NOMEM, "out of memory");
    memset(&x, 0, sizeof x);
    for (i = 0; i < r->nev; i++) {
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
    x.measure = r->measure;
    x.lang = lang;
    x.footer = footer(lang);
    rc = eval_xlsx_write(&x, path, err);
    free(xe);
    return rc;
}

void eval_merge_free(EvalMerge *r)
{
    int i = 0;
    if (!r)
        return;
    free(r->infos);
    free(r->rows);
    for (i = 0; i < r->nev; i++)
        eval_tally_free(r->ev[i].tally);
    for (i = 0; i < r->ngroups; i++)
        eval_tally_free(r->groups[i].tally);
    for (i = 0; i < r->nq; i++) {
        eval_tally_free(r->ts[i]);
        eval_q_free(r->qs[i]);
    }
    eval_stops_free(r->stops);
    eval_measure_free(r->measure);
    buf_free(&r->warnings);
    free(r);
}
