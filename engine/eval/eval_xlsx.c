/* eval_xlsx.c - the report as an XLSX workbook (see eval_xlsx.h).
 * Numbers are written as numbers; a suppressed cell leaves its number
 * empty and says "<5" or "-" in the status column next to it. */
#include "eval/eval_xlsx.h"

#include <stdio.h>
#include <string.h>

#ifndef SPECTACTOR_HAVE_XLSX
/* A build without libxlsxwriter (the Windows package) says so plainly. */
int eval_xlsx_write(const EvalXlsx *x, const char *path, Err *err)
{
    (void)x;
    return err_set(err, ERR_IO, "%s: this build cannot write workbooks; use --csv FILE --csv-sep ';'",
                   path);
}
#else
#include <xlsxwriter.h>

typedef struct Book {
    lxw_workbook *wb;
    lxw_format *bold;
    const EvalXlsx *x;
} Book;

static const char *tr(EvalLang lang, const char *da, const char *en)
{
    return lang == EVAL_LANG_EN ? en : da;
}

static void put_s(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    /* worksheet_write_string writes text as text: never a formula */
    worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s ? s : "", f);
}

static void put_n(lxw_worksheet *ws, int row, int col, double v)
{
    worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL);
}

static void header(const Book *b, lxw_worksheet *ws, int row, const char *const *cols, int n)
{
    int i = 0;
    for (i = 0; i < n; i++)
        put_s(ws, row, i, cols[i], b->bold);
}

static const char *status_of(EvalCellState s)
{
    return s == EVAL_CELL_SHOWN ? "" : s == EVAL_CELL_SMALL ? "<5" : "-";
}

/* A measure's n, count, percent and status in four columns from col. */
static void put_measure(lxw_worksheet *ws, int row, int col, const EvalTally *t,
                        const EvalMeasure *m)
{
    EvalRow r;
    const EvalCell *c = NULL;
    eval_tally_row(t, m->qi, &r, NULL);
    c = eval_measure_cell(&r, m);
    if (r.n_state == EVAL_CELL_SMALL) {
        put_s(ws, row, col + 3, "<5", NULL);
        return;
    }
    put_n(ws, row, col, r.n);
    if (c && c->state == EVAL_CELL_SHOWN) {
        put_n(ws, row, col + 1, c->count);
        put_n(ws, row, col + 2, c->percent);
    } else
        put_s(ws, row, col + 3, c ? status_of(c->state) : "<5", NULL);
}

static void sheet_summary(const Book *b)
{
    static const char *const cols[] = {"questionnaire", "fingerprint", "measure", "n",
                                       "count",         "percent",     "status"};
    const EvalXlsx *x = b->x;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "summary");
    char lab[700];
    int row = 2, k = 0, i = 0;
    put_s(ws, 0, 0, tr(x->lang, "Evaluering: hovedtal", "Evaluation: headline figures"), b->bold);
    header(b, ws, 1, cols, 7);
    worksheet_set_column(ws, 2, 2, 60, NULL);
    for (k = 0; k < x->nq; k++) {
        const EvalQuestionnaire *q = eval_tally_questionnaire(x->tallies[k]);
        EvalMeasure ms[EVAL_MAX_MEASURES];
        int nm = eval_measures(q, ms);
        put_s(ws, row, 0, eval_q_id(q), NULL);
        put_s(ws, row, 1, x->fps[k], NULL);
        put_s(ws, row, 2, tr(x->lang, "Besvarelser", "Respondents"), NULL);
        put_n(ws, row, 3, eval_tally_respondents(x->tallies[k]));
        row++;
        for (i = 0; i < nm; i++, row++) {
            put_s(ws, row, 0, eval_q_id(q), NULL);
            put_s(ws, row, 1, x->fps[k], NULL);
            put_s(ws, row, 2, eval_measure_label(q, &ms[i], x->lang, lab, sizeof lab), NULL);
            put_measure(ws, row, 3, x->tallies[k], &ms[i]);
        }
    }
    put_s(ws, row + 1, 0, x->footer, NULL);
}

static void sheet_questions(const Book *b, int k, int *sheetno)
{
    static const char *const cols[] = {"cell_type", "code",    "label", "n",
                                       "count",     "percent", "status"};
    const EvalXlsx *x = b->x;
    const EvalTally *t = x->tallies[k];
    const EvalQuestionnaire *q = eval_tally_questionnaire(t);
    int qi = 0, c = 0, row = 0;
    for (qi = 0; qi < eval_q_count(q); qi++) {
        char name[40];
        lxw_worksheet *ws = NULL;
        EvalRow r;
        if (eval_q_kind(q, qi) == EVAL_TEXT)
            continue;
        /* sheet names: at most 31 characters, unique */
        snprintf(name, sizeof name, "%d %.26s", ++*sheetno % 1000, eval_q_question_id(q, qi));
        ws = workbook_add_worksheet(b->wb, name);
        if (!ws)
            continue;
        worksheet_set_column(ws, 2, 2, 40, NULL);
        put_s(ws, 0, 0, eval_q_text(q, qi, x->lang), b->bold);
        put_s(ws, 1, 0, eval_q_id(q), NULL);
        put_s(ws, 1, 1, eval_q_question_id(q, qi), NULL);
        header(b, ws, 2, cols, 7);
        eval_tally_row(t, qi, &r, NULL);
        row = 3;
        if (r.n_state == EVAL_CELL_SMALL) {
            put_s(ws, row, 6, "<5", NULL);
            continue;
        }
        for (c = 0; c < r.ncells; c++, row++) {
            const EvalCell *cell = &r.cells[c];
            put_s(ws, row, 0, cell->is_group ? "group" : "option", NULL);
            if (cell->is_group)
                put_s(ws, row, 1, eval_q_group_id(q, qi, cell->index), NULL);
            else
                put_n(ws, row, 1, cell->index);
            put_s(ws, row, 2,
                  cell->is_group ? eval_q_group_label(q, qi, cell->index, x->lang)
                                 : eval_q_option(q, qi, cell->index, x->lang),
                  NULL);
            put_n(ws, row, 3, r.n);
            if (cell->state == EVAL_CELL_SHOWN) {
                put_n(ws, row, 4, cell->count);
                put_n(ws, row, 5, cell->percent);
            } else
                put_s(ws, row, 6, status_of(cell->state), NULL);
        }
    }
}

static void sheet_events(const Book *b)
{
    static const char *const cols[] = {"day",        "label",         "labels",
                                       "scenario",   "questionnaire", "respondents",
                                       "attendance", "response_rate"};
    const EvalXlsx *x = b->x;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "events");
    int row = 0, k = 0, i = 0, m = 0;
    char lab[700];
    for (k = 0; k < x->nq; k++) {
        const EvalQuestionnaire *q = eval_tally_questionnaire(x->tallies[k]);
        EvalMeasure ms[EVAL_MAX_MEASURES];
        int nm = eval_measures(q, ms);
        header(b, ws, row, cols, 8);
        for (m = 0; m < nm; m++) {
            eval_measure_label(q, &ms[m], x->lang, lab, sizeof lab);
            put_s(ws, row, 8 + m * 4, lab, b->bold);
            put_s(ws, row, 9 + m * 4, "count", b->bold);
            put_s(ws, row, 10 + m * 4, "percent", b->bold);
            put_s(ws, row, 11 + m * 4, "status", b->bold);
        }
        row++;
        for (i = 0; i < x->nevents; i++) {
            const EvalCompareRow *r = &x->events[i].row;
            int small = r->info->respondents < EVAL_MIN_CELL;
            int rate = eval_response_rate(r->info->respondents, r->attendance);
            if (x->events[i].qk != k)
                continue;
            put_s(ws, row, 0, r->info->day, NULL);
            put_s(ws, row, 1, r->info->label, NULL);
            put_s(ws, row, 2, r->labels, NULL);
            put_s(ws, row, 3, r->info->scenario, NULL);
            put_s(ws, row, 4, eval_q_id(q), NULL);
            if (!small)
                put_n(ws, row, 5, r->info->respondents);
            if (r->attendance > 0)
                put_n(ws, row, 6, r->attendance);
            if (rate >= 0 && !small)
                put_n(ws, row, 7, rate);
            for (m = 0; m < nm; m++)
                put_measure(ws, row, 8 + m * 4, r->tally, &ms[m]);
            row++;
        }
        row++;
    }
}

static void sheet_stops(const Book *b)
{
    static const char *const cols[] = {"scenario",    "beat",    "kind",         "rooms",
                                       "rooms_voted", "replays", "votes",        "option",
                                       "label",       "hands",   "phones",       "count",
                                       "percent",     "status",  "rooms_result", "first_stalking"};
    const EvalXlsx *x = b->x;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "stops");
    int row = 1, i = 0, k = 0;
    char tmp[64];
    header(b, ws, 0, cols, 16);
    for (i = 0; i < eval_stops_count(x->stops); i++) {
        const EvalStopRow *r = eval_stops_row(x->stops, i);
        EvalShare sh[EVAL_POLL_MAX_OPTIONS];
        int shown = eval_stop_shares(r, sh) == 0;
        for (k = 0; k < r->n_options; k++, row++) {
            put_s(ws, row, 0, r->scenario, NULL);
            put_s(ws, row, 1, r->beat, NULL);
            put_s(ws, row, 2, eval_poll_kind_name(r->kind), NULL);
            put_n(ws, row, 3, r->rooms);
            put_n(ws, row, 4, r->rooms_voted);
            put_n(ws, row, 5, r->replays);
            if (shown)
                put_n(ws, row, 6, r->votes);
            put_n(ws, row, 7, k + 1);
            put_s(ws, row, 8, eval_stop_option_label(r, k, x->lang, tmp, sizeof tmp), NULL);
            if (shown && sh[k].shown) {
                put_n(ws, row, 9, r->hands[k]);
                put_n(ws, row, 10, r->phones[k]);
                put_n(ws, row, 11, sh[k].count);
                put_n(ws, row, 12, sh[k].percent);
            } else
                put_s(ws, row, 13,
                      sh[k].closed                ? (x->lang == EVAL_LANG_EN ? "not offered" : "ikke tilbudt")
                      : shown && !sh[k].small     ? "-"
                                                  : "<5",
                      NULL);
            put_n(ws, row, 14, r->result_rooms[k]);
            if (r->kind != EVAL_POLL_CHOICE)
                put_n(ws, row, 15, r->first_stalking);
        }
    }
    put_s(ws, row, 1, "(never)", NULL);
    put_n(ws, row, 15, eval_stops_never_stalking(x->stops));
}

static void sheet_statements(const Book *b)
{
    static const char *const cols[] = {"scenario", "event", "statement", "text",    "round",
                                       "rooms",    "n",     "option",    "label",   "count",
                                       "percent",  "status", "shift"};
    static const char *const en[] = {"OK", "Warning sign", "Stalking"};
    static const char *const da[] = {"OK", "Faresignal", "Stalking"};
    const EvalXlsx *x = b->x;
    lxw_worksheet *ws = NULL;
    int row = 1, i = 0, r = 0, k = 0;
    if (!x->measure || eval_measure_count(x->measure) == 0)
        return;
    ws = workbook_add_worksheet(b->wb, "statements");
    header(b, ws, 0, cols, 13);
    for (i = 0; i < eval_measure_count(x->measure); i++) {
        const EvalMeasureRow *w = eval_measure_row(x->measure, i);
        EvalShare sh[2][3];
        int shown[2];
        for (r = 0; r < 2; r++)
            shown[r] = eval_measure_shares(w, r, sh[r]) == 0;
        for (r = 0; r < 2; r++) {
            int n = w->counts[r][0] + w->counts[r][1] + w->counts[r][2];
            for (k = 0; k < 3; k++, row++) {
                int cell = shown[r] && sh[r][k].shown;
                put_s(ws, row, 0, w->scenario, NULL);
                put_s(ws, row, 1, w->event[0] ? w->event : "all", NULL);
                put_s(ws, row, 2, w->id, NULL);
                put_s(ws, row, 3, w->text, NULL);
                put_s(ws, row, 4, r ? "after" : "before", NULL);
                put_n(ws, row, 5, w->rooms[r]);
                if (n >= EVAL_MIN_CELL)
                    put_n(ws, row, 6, n);
                put_n(ws, row, 7, k + 1);
                put_s(ws, row, 8, x->lang == EVAL_LANG_EN ? en[k] : da[k], NULL);
                if (cell) {
                    put_n(ws, row, 9, sh[r][k].count);
                    put_n(ws, row, 10, sh[r][k].percent);
                }
                put_s(ws, row, 11,
                      w->rooms[r] == 0 ? "not asked"
                      : cell           ? "shown"
                      : shown[r] && !sh[r][k].small ? "-"
                                                    : "<5",
                      NULL);
                if (r == 1 && shown[0] && shown[1] && sh[0][k].shown && sh[1][k].shown)
                    put_n(ws, row, 12, sh[1][k].percent - sh[0][k].percent);
            }
        }
    }
}

static void sheet_codebook(const Book *b)
{
    static const char *const cols[] = {"questionnaire", "question", "kind",    "required",
                                       "code",          "label_da", "label_en"};
    const EvalXlsx *x = b->x;
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, "codebook");
    int row = 1, k = 0, qi = 0, o = 0;
    header(b, ws, 0, cols, 7);
    for (k = 0; k < x->nq; k++) {
        const EvalQuestionnaire *q = eval_tally_questionnaire(x->tallies[k]);
        for (qi = 0; qi < eval_q_count(q); qi++, row++) {
            const char *qid = eval_q_question_id(q, qi);
            put_s(ws, row, 0, eval_q_id(q), NULL);
            put_s(ws, row, 1, qid, NULL);
            put_s(ws, row, 2, eval_kind_name(eval_q_kind(q, qi)), NULL);
            put_n(ws, row, 3, eval_q_required(q, qi));
            put_s(ws, row, 5, eval_q_text(q, qi, EVAL_LANG_DA), NULL);
            put_s(ws, row, 6, eval_q_text(q, qi, EVAL_LANG_EN), NULL);
            for (o = 1; o <= eval_q_option_count(q, qi); o++) {
                row++;
                put_s(ws, row, 0, eval_q_id(q), NULL);
                put_s(ws, row, 1, qid, NULL);
                put_s(ws, row, 2, "option", NULL);
                put_n(ws, row, 4, o);
                put_s(ws, row, 5, eval_q_option(q, qi, o, EVAL_LANG_DA), NULL);
                put_s(ws, row, 6, eval_q_option(q, qi, o, EVAL_LANG_EN), NULL);
            }
            for (o = 0; o < eval_q_group_count(q, qi); o++) {
                row++;
                put_s(ws, row, 0, eval_q_id(q), NULL);
                put_s(ws, row, 1, qid, NULL);
                put_s(ws, row, 2, "group", NULL);
                put_s(ws, row, 4, eval_q_group_id(q, qi, o), NULL);
                put_s(ws, row, 5, eval_q_group_label(q, qi, o, EVAL_LANG_DA), NULL);
                put_s(ws, row, 6, eval_q_group_label(q, qi, o, EVAL_LANG_EN), NULL);
            }
        }
    }
}

int eval_xlsx_write(const EvalXlsx *x, const char *path, Err *err)
{
    Book b;
    lxw_error e = LXW_NO_ERROR;
    int k = 0, sheetno = 0;
    memset(&b, 0, sizeof b);
    b.x = x;
    b.wb = workbook_new(path);
    if (!b.wb)
        return err_set(err, ERR_IO, "cannot write %s", path);
    b.bold = workbook_add_format(b.wb);
    format_set_bold(b.bold);
    sheet_summary(&b);
    for (k = 0; k < x->nq; k++)
        sheet_questions(&b, k, &sheetno);
    sheet_events(&b);
    sheet_stops(&b);
    sheet_statements(&b);
    sheet_codebook(&b);
    e = workbook_close(b.wb);
    if (e != LXW_NO_ERROR)
        return err_set(err, ERR_IO, "cannot write %s: %s", path, lxw_strerror(e));
    return 0;
}
#endif
