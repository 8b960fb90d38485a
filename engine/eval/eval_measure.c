/* eval_measure.c - pooling the before/after statements of many events, and
 * their text, CSV and HTML tables (see eval_measure.h). */
#include "eval/eval_measure.h"

#include "eval/eval_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct EvalMeasure {
    EvalMeasureRow *rows;
    int n, cap;
    int rooms;
};

EvalMeasure *eval_measure_new(void)
{
    return calloc(1, sizeof(EvalMeasure));
}

void eval_measure_free(EvalMeasure *m)
{
    if (!m)
        return;
    free(m->rows);
    free(m);
}

/* The row of (scenario, event, statement id), made when missing; NULL with
 * err when the table is full or out of memory. */
static EvalMeasureRow *row_for(EvalMeasure *m, const char *scenario, const char *event,
                               const EvalPollRecord *r, Err *err)
{
    EvalMeasureRow *w = NULL;
    int i = 0;
    for (i = 0; i < m->n; i++) {
        w = &m->rows[i];
        if (strcmp(w->id, r->beat) == 0 && strcmp(w->event, event) == 0 &&
            strcmp(w->scenario, scenario) == 0)
            return w;
    }
    if (m->n >= EVAL_MAX_STATEMENT_ROWS) {
        err_set(err, ERR_LIMIT, "more than %d statement rows in one report", EVAL_MAX_STATEMENT_ROWS);
        return NULL;
    }
    if (m->n == m->cap) {
        int cap = m->cap ? m->cap * 2 : 16;
        EvalMeasureRow *nr = realloc(m->rows, (size_t)cap * sizeof *nr);
        if (!nr) {
            err_set(err, ERR_NOMEM, "out of memory");
            return NULL;
        }
        m->rows = nr;
        m->cap = cap;
    }
    w = &m->rows[m->n++];
    memset(w, 0, sizeof *w);
    snprintf(w->scenario, sizeof w->scenario, "%s", scenario);
    eval_poll_copy_text(w->event, sizeof w->event, event);
    snprintf(w->id, sizeof w->id, "%s", r->beat);
    return w;
}

static void add_to(EvalMeasureRow *w, const EvalPollRecord *r, int round)
{
    int k = 0;
    if (!w->text[0] && r->prompt[0])
        eval_poll_copy_text(w->text, sizeof w->text, r->prompt);
    w->rooms[round]++;
    for (k = 0; k < 3; k++)
        w->counts[round][k] += r->hands[k] + r->phones[k];
}

/* Pooled rows first: a new pooled row goes before the first per-event row. */
static int sort_rows(const void *a, const void *b)
{
    const EvalMeasureRow *x = a, *y = b;
    return (x->event[0] != '\0') - (y->event[0] != '\0');
}

int eval_measure_add_event(EvalMeasure *m, const char *scenario, const char *event,
                           const EvalPollRecord *recs, int n, Err *err)
{
    int i = 0, j = 0, any = 0;
    const char *name = event && event[0] ? event : "?";
    for (i = 0; i < n; i++) {
        const EvalPollRecord *r = &recs[i];
        int round = r->kind == EVAL_POLL_BEFORE ? 0 : r->kind == EVAL_POLL_AFTER ? 1 : -1;
        int dup = 0;
        EvalMeasureRow *pooled = NULL, *own = NULL;
        if (round < 0)
            continue;
        if (eval_poll_validate(r, err) < 0 || r->n_options != 3)
            return err_set(err, ERR_INVALID, "statement '%s': not a valid record", r->beat);
        for (j = 0; j < i; j++) /* the first answer of a round counts */
            dup |= recs[j].kind == r->kind && strcmp(recs[j].beat, r->beat) == 0 &&
                   recs[j].seq < r->seq;
        for (j = i + 1; j < n; j++)
            dup |= recs[j].kind == r->kind && strcmp(recs[j].beat, r->beat) == 0 &&
                   recs[j].seq < r->seq;
        if (dup)
            continue;
        if (!(pooled = row_for(m, scenario, "", r, err)))
            return err->code;
        add_to(pooled, r, round);
        if (!(own = row_for(m, scenario, name, r, err)))
            return err->code;
        add_to(own, r, round);
        any = 1;
    }
    m->rooms += any;
    /* stable enough: rows are few; keep pooled rows in front */
    for (i = 1; i < m->n; i++)
        for (j = i; j > 0 && sort_rows(&m->rows[j - 1], &m->rows[j]) > 0; j--) {
            EvalMeasureRow t = m->rows[j];
            m->rows[j] = m->rows[j - 1];
            m->rows[j - 1] = t;
        }
    return 0;
}

int eval_measure_count(const EvalMeasure *m)
{
    return m->n;
}

const EvalMeasureRow *eval_measure_row(const EvalMeasure *m, int i)
{
    return i >= 0 && i < m->n ? &m->rows[i] : NULL;
}

int eval_measure_rooms(const EvalMeasure *m)
{
    return m->rooms;
}

int eval_measure_shares(const EvalMeasureRow *row, int r, EvalShare out[3])
{
    EvalStopRow s;
    int k = 0;
    memset(&s, 0, sizeof s);
    s.kind = EVAL_POLL_SIGNAL;
    s.n_options = 3;
    for (k = 0; k < 3; k++) {
        s.hands[k] = row->counts[r][k];
        s.votes += row->counts[r][k];
    }
    return eval_stop_shares(&s, out);
}

static const char *tr(EvalLang lang, const char *da, const char *en)
{
    return lang == EVAL_LANG_EN ? en : da;
}

static const char *option_label(int k, EvalLang lang)
{
    static const char *const da[] = {"OK", "Faresignal", "Stalking"};
    static const char *const en[] = {"OK", "Warning sign", "Stalking"};
    return lang == EVAL_LANG_EN ? en[k] : da[k];
}

static void share_cell(const EvalShare *s, int shown, char *out, size_t cap)
{
    if (shown && s->shown)
        snprintf(out, cap, "%d %%", s->percent);
    else
        snprintf(out, cap, "%s", shown && !s->small ? "-" : "<5");
}

/* The shift of option k in percentage points, or 0 with *ok = 0 when it
 * cannot be shown (either share suppressed). */
static int shift_of(const EvalShare *b, int bshown, const EvalShare *a, int ashown, int k, int *ok)
{
    *ok = bshown && ashown && b[k].shown && a[k].shown;
    return *ok ? a[k].percent - b[k].percent : 0;
}

static void text_row(const EvalMeasureRow *w, EvalLang lang, Buf *out)
{
    EvalShare sh[2][3];
    int shown[2], r = 0, k = 0, ok = 0;
    char cell[32];
    for (r = 0; r < 2; r++)
        shown[r] = eval_measure_shares(w, r, sh[r]) == 0;
    for (r = 0; r < 2; r++) {
        int n = w->counts[r][0] + w->counts[r][1] + w->counts[r][2];
        char head[96];
        snprintf(head, sizeof head, "%s (%d %s, n=%s%d)", r ? tr(lang, "  Efter", "  After")
                                                            : tr(lang, "  Før", "  Before"),
                 w->rooms[r], tr(lang, "rum", "rooms"), n < EVAL_MIN_CELL ? "<" : "",
                 n < EVAL_MIN_CELL ? EVAL_MIN_CELL : n);
        buf_printf(out, "%-30s", head);
        if (w->rooms[r] == 0) {
            buf_printf(out, "%s\n", tr(lang, "ikke spurgt", "not asked"));
            continue;
        }
        for (k = 0; k < 3; k++) {
            share_cell(&sh[r][k], shown[r], cell, sizeof cell);
            buf_printf(out, "  %s %s", option_label(k, lang), cell);
        }
        buf_puts(out, "\n");
    }
    buf_printf(out, "%-30s", tr(lang, "  Ændring (procentpoint)", "  Shift (percentage points)"));
    for (k = 0; k < 3; k++) {
        int d = shift_of(sh[0], shown[0], sh[1], shown[1], k, &ok);
        if (ok)
            buf_printf(out, "  %s %+d", option_label(k, lang), d);
        else
            buf_printf(out, "  %s -", option_label(k, lang));
    }
    buf_puts(out, "\n");
}

int eval_measure_text(const EvalMeasure *m, EvalLang lang, Buf *out)
{
    int i = 0, per_event = 0;
    buf_printf(out, "%s\n", tr(lang, "Udsagn før og efter stykket (rummets svar, kun totaler)",
                               "Statements before and after the play (the room's answers, totals only)"));
    buf_printf(out, "%s: %d\n", tr(lang, "Rum (events)", "Rooms (events)"), m->rooms);
    for (i = 0; i < m->n; i++) {
        const EvalMeasureRow *w = &m->rows[i];
        if (w->event[0] && !per_event) {
            per_event = 1;
            buf_printf(out, "\n%s\n", tr(lang, "Pr. event", "Per event"));
        }
        if (w->event[0])
            buf_printf(out, "%s  ", w->event);
        buf_printf(out, "%s: %s%s%s\n", w->id, w->text[0] ? "\"" : "", w->text,
                   w->text[0] ? "\"" : "");
        text_row(w, lang, out);
    }
    return out->oom ? ERR_NOMEM : 0;
}

/* A CSV field (RFC 4180); a text that starts like a formula gets a quote
 * mark unless it is a number (`num`). */
static void csv_put(Buf *b, const char *s, char sep, int last, int num)
{
    const char *p = s ? s : "";
    int guard = !num && (*p == '=' || *p == '+' || *p == '-' || *p == '@' || *p == '\t' ||
                         *p == '\r');
    if (guard || strchr(p, sep) || strpbrk(p, "\"\r\n")) {
        buf_append(b, "\"", 1);
        if (guard)
            buf_append(b, "'", 1);
        for (; *p; p++)
            buf_append(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
        buf_append(b, "\"", 1);
    } else
        buf_puts(b, p);
    if (last)
        buf_puts(b, "\r\n");
    else
        buf_append(b, &sep, 1);
}

static void csv_int(Buf *b, int v, char sep, int last)
{
    char t[24];
    snprintf(t, sizeof t, "%d", v);
    csv_put(b, t, sep, last, 1);
}

int eval_measure_csv(const EvalMeasure *m, char sep, int header, Buf *out)
{
    static const char *const cols[] = {"scenario", "event", "statement", "text",   "round",
                                       "rooms",    "n",     "option",    "label",  "count",
                                       "percent",  "status", "shift"};
    int i = 0, r = 0, k = 0, c = 0;
    if (header)
        for (c = 0; c < 13; c++)
            csv_put(out, cols[c], sep, c == 12, 0);
    for (i = 0; i < m->n; i++) {
        const EvalMeasureRow *w = &m->rows[i];
        EvalShare sh[2][3];
        int shown[2];
        for (r = 0; r < 2; r++)
            shown[r] = eval_measure_shares(w, r, sh[r]) == 0;
        for (r = 0; r < 2; r++) {
            int n = w->counts[r][0] + w->counts[r][1] + w->counts[r][2];
            for (k = 0; k < 3; k++) {
                int ok = 0, d = shift_of(sh[0], shown[0], sh[1], shown[1], k, &ok);
                int cell = shown[r] && sh[r][k].shown;
                csv_put(out, w->scenario, sep, 0, 0);
                csv_put(out, w->event[0] ? w->event : "all", sep, 0, 0);
                csv_put(out, w->id, sep, 0, 0);
                csv_put(out, w->text, sep, 0, 0);
                csv_put(out, r ? "after" : "before", sep, 0, 0);
                csv_int(out, w->rooms[r], sep, 0);
                if (n >= EVAL_MIN_CELL)
                    csv_int(out, n, sep, 0);
                else
                    csv_put(out, "", sep, 0, 0);
                csv_int(out, k + 1, sep, 0);
                csv_put(out, option_label(k, EVAL_LANG_EN), sep, 0, 0);
                if (cell) {
                    csv_int(out, sh[r][k].count, sep, 0);
                    csv_int(out, sh[r][k].percent, sep, 0);
                } else {
                    csv_put(out, "", sep, 0, 0);
                    csv_put(out, "", sep, 0, 0);
                }
                csv_put(out, w->rooms[r] == 0 ? "not_asked"
                             : cell            ? "shown"
                             : shown[r] && !sh[r][k].small ? "hidden"
                                                           : "lt5",
                        sep, 0, 0);
                if (r == 1 && ok)
                    csv_int(out, d, sep, 1);
                else
                    csv_put(out, "", sep, 1, 0);
            }
        }
    }
    return out->oom ? ERR_NOMEM : 0;
}


int eval_measure_html(const EvalMeasure *m, EvalLang lang, Buf *out)
{
    int i = 0, r = 0, k = 0;
    char cell[32];
    buf_printf(out, "<h2>%s</h2>\n<p class=\"note\">%s: %d. %s</p>\n",
               tr(lang, "Udsagn før og efter stykket", "Statements before and after the play"),
               tr(lang, "Rum (events)", "Rooms (events)"), m->rooms,
               tr(lang, "Kun rummets totaler; en telefons to svar kobles aldrig.",
                  "The room's totals only; a phone's two answers are never linked."));
    buf_printf(out, "<table>\n<tr><th>%s</th><th>%s</th><th></th>", tr(lang, "Event", "Event"),
               tr(lang, "Udsagn", "Statement"));
    for (k = 0; k < 3; k++)
        buf_printf(out, "<th>%s</th>", option_label(k, lang));
    buf_puts(out, "<th>n</th></tr>\n");
    for (i = 0; i < m->n; i++) {
        const EvalMeasureRow *w = &m->rows[i];
        EvalShare sh[2][3];
        int shown[2];
        for (r = 0; r < 2; r++)
            shown[r] = eval_measure_shares(w, r, sh[r]) == 0;
        for (r = 0; r < 3; r++) {
            buf_puts(out, "<tr>");
            if (r == 0) {
                buf_puts(out, "<td rowspan=\"3\">");
                buf_xml_text(out, w->event[0] ? w->event : tr(lang, "alle", "all"));
                buf_puts(out, "</td><td rowspan=\"3\">");
                buf_xml_text(out, w->text[0] ? w->text : w->id);
                buf_puts(out, "</td>");
            }
            buf_printf(out, "<td>%s</td>", r == 0 ? tr(lang, "før", "before")
                                            : r == 1 ? tr(lang, "efter", "after")
                                                     : tr(lang, "ændring (point)", "shift (points)"));
            for (k = 0; k < 3; k++) {
                if (r < 2 && w->rooms[r] == 0)
                    snprintf(cell, sizeof cell, "%s", k ? "" : tr(lang, "ikke spurgt", "not asked"));
                else if (r < 2)
                    share_cell(&sh[r][k], shown[r], cell, sizeof cell);
                else {
                    int ok = 0, d = shift_of(sh[0], shown[0], sh[1], shown[1], k, &ok);
                    if (ok)
                        snprintf(cell, sizeof cell, "%+d", d);
                    else
                        snprintf(cell, sizeof cell, "-");
                }
                buf_printf(out, "<td>%s</td>", cell);
            }
            if (r < 2) {
                int n = w->counts[r][0] + w->counts[r][1] + w->counts[r][2];
                if (n >= EVAL_MIN_CELL)
                    buf_printf(out, "<td>%d</td>", n);
                else
                    buf_puts(out, "<td>&lt;5</td>");
            } else
                buf_puts(out, "<td></td>");
            buf_puts(out, "</tr>\n");
        }
    }
    buf_puts(out, "</table>\n");
    return out->oom ? ERR_NOMEM : 0;
}
