/* eval_compare.c - events side by side and questionnaire fingerprints (see
 * eval_compare.h). */
#include "eval/eval_compare.h"

#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int eval_measures(const EvalQuestionnaire *q, EvalMeasure *out)
{
    int qi = 0, n = 0;
    for (qi = 0; qi < eval_q_count(q) && n < EVAL_MAX_MEASURES; qi++) {
        EvalKind k = eval_q_kind(q, qi);
        if (k != EVAL_SINGLE && k != EVAL_YESNO)
            continue;
        out[n].qi = qi;
        if (eval_q_group_count(q, qi) > 0) {
            out[n].is_group = 1;
            out[n].index = 0;
        } else if (k == EVAL_YESNO) {
            out[n].is_group = 0;
            out[n].index = 1;
        } else {
            continue; /* a scale without a report group has no headline */
        }
        n++;
    }
    return n;
}

const EvalCell *eval_measure_cell(const EvalRow *row, const EvalMeasure *m)
{
    int k = 0;
    if (row->n_state == EVAL_CELL_SMALL)
        return NULL;
    for (k = 0; k < row->ncells; k++)
        if (row->cells[k].is_group == m->is_group && row->cells[k].index == m->index)
            return &row->cells[k];
    return NULL;
}

const char *eval_measure_label(const EvalQuestionnaire *q, const EvalMeasure *m, EvalLang lang,
                               char *out, size_t cap)
{
    snprintf(out, cap, "%s: %s", eval_q_text(q, m->qi, lang),
             m->is_group ? eval_q_group_label(q, m->qi, m->index, lang)
                         : eval_q_option(q, m->qi, m->index, lang));
    return out;
}

int eval_q_fingerprint(const EvalQuestionnaire *q, char out[17])
{
    char *json = eval_q_to_json(q);
    unsigned long long h = 1469598103934665603ULL;
    const char *p = NULL;
    out[0] = '\0';
    if (!json)
        return ERR_NOMEM;
    for (p = json; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 1099511628211ULL;
    }
    free(json);
    snprintf(out, 17, "%016llx", h);
    return 0;
}

int eval_response_rate(int respondents, int attendance)
{
    if (attendance <= 0)
        return -1;
    return (int)((respondents * 100.0) / attendance + 0.5);
}

void eval_pad(Buf *out, const char *s, int width, int right)
{
    int len = (int)utf8_length(s ? s : ""), i = 0;
    if (right)
        for (i = len; i < width; i++)
            buf_puts(out, " ");
    buf_puts(out, s ? s : "");
    if (!right)
        for (i = len; i < width; i++)
            buf_puts(out, " ");
}

static const char *tr(EvalLang lang, const char *da, const char *en)
{
    return lang == EVAL_LANG_EN ? en : da;
}

/* The measure cell of one event as "<5", "-" or "92 %"; n into nout. */
static void measure_text(const EvalTally *t, const EvalMeasure *m, char *out, size_t cap,
                         char *nout, size_t ncap)
{
    EvalRow row;
    const EvalCell *c = NULL;
    eval_tally_row(t, m->qi, &row, NULL);
    c = eval_measure_cell(&row, m);
    if (row.n_state == EVAL_CELL_SMALL) {
        snprintf(nout, ncap, "<%d", EVAL_MIN_CELL);
        snprintf(out, cap, "<%d", EVAL_MIN_CELL);
        return;
    }
    snprintf(nout, ncap, "%d", row.n);
    if (!c || c->state == EVAL_CELL_HIDDEN)
        snprintf(out, cap, "-");
    else if (c->state == EVAL_CELL_SMALL)
        snprintf(out, cap, "<%d", EVAL_MIN_CELL);
    else
        snprintf(out, cap, "%d %%", c->percent);
}

/* "8.A school=X": the free label and the structured ones. */
static void row_label(const EvalCompareRow *r, char *out, size_t cap)
{
    snprintf(out, cap, "%s%s%s", r->info->label, r->info->label[0] && r->labels[0] ? " " : "",
             r->labels);
}

int eval_compare_text(const EvalQuestionnaire *q, const EvalCompareRow *rows, int n,
                      const char *title, EvalLang lang, Buf *out)
{
    EvalMeasure ms[EVAL_MAX_MEASURES];
    int nm = eval_measures(q, ms), i = 0, k = 0, lw = 6;
    char cell[32], nb[16], lab[700], lbl[400];
    for (i = 0; i < n; i++) {
        row_label(&rows[i], lbl, sizeof lbl);
        if ((int)utf8_length(lbl) + 2 > lw)
            lw = (int)utf8_length(lbl) + 2;
    }
    buf_printf(out, "%s\n", title ? title : tr(lang, "Events side om side", "Events side by side"));
    for (k = 0; k < nm; k++)
        buf_printf(out, "  M%d = %s\n", k + 1,
                   eval_measure_label(q, &ms[k], lang, lab, sizeof lab));
    buf_puts(out, "  ");
    eval_pad(out, tr(lang, "Dato", "Date"), 11, 0);
    eval_pad(out, tr(lang, "Etiket", "Label"), lw, 0);
    eval_pad(out, tr(lang, "Svar", "Answers"), 8, 1);
    eval_pad(out, tr(lang, "Klasse", "Class"), 7, 1);
    eval_pad(out, tr(lang, "Rate", "Rate"), 6, 1);
    for (k = 0; k < nm; k++) {
        snprintf(cell, sizeof cell, "M%d", k + 1);
        eval_pad(out, cell, 7, 1);
    }
    buf_puts(out, "\n");
    for (i = 0; i < n; i++) {
        const EvalCompareRow *r = &rows[i];
        int rate = eval_response_rate(r->info->respondents, r->attendance);
        row_label(r, lbl, sizeof lbl);
        buf_puts(out, "  ");
        eval_pad(out, r->info->day, 11, 0);
        eval_pad(out, lbl, lw, 0);
        if (r->info->respondents < EVAL_MIN_CELL)
            snprintf(cell, sizeof cell, "<%d", EVAL_MIN_CELL);
        else
            snprintf(cell, sizeof cell, "%d", r->info->respondents);
        eval_pad(out, cell, 8, 1);
        snprintf(cell, sizeof cell, "%d", r->attendance);
        eval_pad(out, r->attendance > 0 ? cell : "", 7, 1);
        snprintf(cell, sizeof cell, "%d %%", rate);
        eval_pad(out, rate >= 0 && r->info->respondents >= EVAL_MIN_CELL ? cell : "", 6, 1);
        for (k = 0; k < nm; k++) {
            measure_text(r->tally, &ms[k], cell, sizeof cell, nb, sizeof nb);
            eval_pad(out, cell, 7, 1);
        }
        buf_puts(out, "\n");
    }
    return out->oom ? ERR_NOMEM : 0;
}

static void csv_put(Buf *b, const char *s, char sep, int last)
{
    const char *p = s ? s : "";
    /* a text starting like a formula is read as text by spreadsheets */
    int guard = (*p == '=' || *p == '+' || *p == '-' || *p == '@' || *p == '\t' || *p == '\r') &&
                !(p[0] == '-' && p[1] == '\0');
    if (guard || strchr(p, sep) || strpbrk(p, "\"\r\n")) {
        buf_append(b, "\"", 1);
        if (guard)
            buf_append(b, "'", 1);
        for (; *p; p++)
            buf_append(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
        buf_append(b, "\"", 1);
    } else {
        buf_puts(b, p);
    }
    if (last)
        buf_puts(b, "\r\n");
    else
        buf_append(b, &sep, 1);
}

int eval_compare_csv(const EvalQuestionnaire *q, const EvalCompareRow *rows, int n, char sep,
                     int header, Buf *out)
{
    static const char *const cols[] = {
        "questionnaire", "event",         "day",     "label", "labels", "scenario", "respondents",
        "attendance",    "response_rate", "measure", "n",     "count",  "percent",  "status"};
    EvalMeasure ms[EVAL_MAX_MEASURES];
    int nm = eval_measures(q, ms), i = 0, k = 0, c = 0;
    char num[32], mid[120];
    if (header)
        for (c = 0; c < 14; c++)
            csv_put(out, cols[c], sep, c == 13);
    for (i = 0; i < n; i++) {
        const EvalCompareRow *r = &rows[i];
        int rate = eval_response_rate(r->info->respondents, r->attendance);
        int small = r->info->respondents < EVAL_MIN_CELL;
        for (k = 0; k < nm; k++) {
            EvalRow row;
            const EvalCell *cell = NULL;
            eval_tally_row(r->tally, ms[k].qi, &row, NULL);
            cell = eval_measure_cell(&row, &ms[k]);
            csv_put(out, eval_q_id(q), sep, 0);
            csv_put(out, r->info->id, sep, 0);
            csv_put(out, r->info->day, sep, 0);
            csv_put(out, r->info->label, sep, 0);
            csv_put(out, r->labels, sep, 0);
            csv_put(out, r->info->scenario, sep, 0);
            snprintf(num, sizeof num, "%d", r->info->respondents);
            csv_put(out, small ? "" : num, sep, 0);
            snprintf(num, sizeof num, "%d", r->attendance);
            csv_put(out, r->attendance > 0 ? num : "", sep, 0);
            snprintf(num, sizeof num, "%d", rate);
            csv_put(out, rate >= 0 && !small ? num : "", sep, 0);
            snprintf(mid, sizeof mid, "%s:%s", eval_q_question_id(q, ms[k].qi),
                     ms[k].is_group ? eval_q_group_id(q, ms[k].qi, ms[k].index) : "yes");
            csv_put(out, mid, sep, 0);
            snprintf(num, sizeof num, "%d", row.n);
            csv_put(out, row.n_state == EVAL_CELL_SMALL ? "" : num, sep, 0);
            if (cell && cell->state == EVAL_CELL_SHOWN) {
                snprintf(num, sizeof num, "%d", cell->count);
                csv_put(out, num, sep, 0);
                snprintf(num, sizeof num, "%d", cell->percent);
                csv_put(out, num, sep, 0);
                csv_put(out, "shown", sep, 1);
            } else {
                csv_put(out, "", sep, 0);
                csv_put(out, "", sep, 0);
                csv_put(out, !cell || cell->state == EVAL_CELL_SMALL ? "lt5" : "hidden", sep, 1);
            }
        }
    }
    return out->oom ? ERR_NOMEM : 0;
}


int eval_compare_html(const EvalQuestionnaire *q, const EvalCompareRow *rows, int n,
                      const char *title, EvalLang lang, Buf *out)
{
    EvalMeasure ms[EVAL_MAX_MEASURES];
    int nm = eval_measures(q, ms), i = 0, k = 0;
    char cell[32], nb[16], lab[700];
    buf_puts(out, "<section class=\"compare\"><h2>");
    buf_xml_text(out, title ? title : tr(lang, "Events side om side", "Events side by side"));
    buf_printf(out,
               "</h2>%s\n<table class=\"compare\"><thead><tr>"
               "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
               "", tr(lang, "Dato", "Date"), tr(lang, "Etiket", "Label"),
               tr(lang, "Scenarie", "Scenario"), tr(lang, "Svar", "Answers"),
               tr(lang, "Klasse", "Class size"), tr(lang, "Svarprocent", "Response rate"));
    for (k = 0; k < nm; k++) {
        buf_puts(out, "<th>");
        buf_xml_text(out, eval_measure_label(q, &ms[k], lang, lab, sizeof lab));
        buf_puts(out, "</th>");
    }
    buf_puts(out, "</tr></thead><tbody>\n");
    for (i = 0; i < n; i++) {
        const EvalCompareRow *r = &rows[i];
        int rate = eval_response_rate(r->info->respondents, r->attendance);
        int small = r->info->respondents < EVAL_MIN_CELL;
        buf_puts(out, "<tr><td>");
        buf_xml_text(out, r->info->day);
        buf_puts(out, "</td><td>");
        buf_xml_text(out, r->info->label);
        if (r->labels[0]) {
            buf_puts(out, " <small>");
            buf_xml_text(out, r->labels);
            buf_puts(out, "</small>");
        }
        buf_puts(out, "</td><td>");
        buf_xml_text(out, r->info->scenario);
        if (small)
            buf_printf(out, "</td><td class=\"v\">&lt;%d</td><td class=\"v\">", EVAL_MIN_CELL);
        else
            buf_printf(out, "</td><td class=\"v\">%d</td><td class=\"v\">", r->info->respondents);
        if (r->attendance > 0)
            buf_printf(out, "%d", r->attendance);
        buf_puts(out, "</td><td class=\"v\">");
        if (rate >= 0 && !small)
            buf_printf(out, "%d %%", rate);
        buf_puts(out, "</td>");
        for (k = 0; k < nm; k++) {
            measure_text(r->tally, &ms[k], cell, sizeof cell, nb, sizeof nb);
            buf_puts(out, "<td class=\"v\">");
            buf_xml_text(out, cell);
            buf_puts(out, "</td>");
        }
        buf_puts(out, "</tr>\n");
    }
    buf_puts(out, "</tbody></table></section>\n");
    return out->oom ? ERR_NOMEM : 0;
}

int eval_headline_text(const EvalTally *t, EvalLang lang, Buf *out)
{
    const EvalQuestionnaire *q = eval_tally_questionnaire(t);
    EvalMeasure ms[EVAL_MAX_MEASURES];
    int nm = eval_measures(q, ms), k = 0;
    char cell[32], nb[16], lab[700];
    buf_printf(out, "%s (%s, %s %d)\n", tr(lang, "Hovedtal", "Headline"), eval_q_id(q),
               tr(lang, "besvarelser", "respondents"), eval_tally_respondents(t));
    for (k = 0; k < nm; k++) {
        measure_text(t, &ms[k], cell, sizeof cell, nb, sizeof nb);
        buf_puts(out, "  ");
        eval_pad(out, cell, 6, 1);
        buf_printf(out, "  (n %s%s)  %s\n", nb[0] == '<' ? "" : "= ", nb,
                   eval_measure_label(q, &ms[k], lang, lab, sizeof lab));
    }
    return out->oom ? ERR_NOMEM : 0;
}

int eval_headline_html(const EvalTally *t, EvalLang lang, Buf *out)
{
    const EvalQuestionnaire *q = eval_tally_questionnaire(t);
    EvalMeasure ms[EVAL_MAX_MEASURES];
    int nm = eval_measures(q, ms), k = 0;
    char cell[32], nb[16], lab[700];
    buf_printf(out,
               "<section class=\"headline\"><h2>%s</h2>\n<table class=\"compare\">"
               "<thead><tr><th></th><th>%%</th><th>n</th></tr></thead><tbody>\n",
               tr(lang, "Hovedtal", "Headline"));
    for (k = 0; k < nm; k++) {
        measure_text(t, &ms[k], cell, sizeof cell, nb, sizeof nb);
        buf_puts(out, "<tr><th>");
        buf_xml_text(out, eval_measure_label(q, &ms[k], lang, lab, sizeof lab));
        buf_puts(out, "</th><td class=\"v\">");
        buf_xml_text(out, cell);
        buf_puts(out, "</td><td class=\"v\">");
        buf_xml_text(out, nb);
        buf_puts(out, "</td></tr>\n");
    }
    buf_puts(out, "</tbody></table></section>\n");
    return out->oom ? ERR_NOMEM : 0;
}
