/* eval_report.c - tallies, small-group suppression and report writers. */
#include "eval/eval_report.h"

#include "eval/eval_compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct TallyText {
    char *text;
    int reviewed;
} TallyText;

typedef struct TallyQ {
    int n;
    int count[EVAL_MAX_OPTIONS];
    TallyText *texts;
    int ntexts, captexts;
} TallyQ;

struct EvalTally {
    const EvalQuestionnaire *q;
    int respondents;
    int skipped;
    TallyQ tq[EVAL_MAX_QUESTIONS];
};

EvalTally *eval_tally_new(const EvalQuestionnaire *q)
{
    EvalTally *t = calloc(1, sizeof *t);
    if (t)
        t->q = q;
    return t;
}

void eval_tally_free(EvalTally *t)
{
    int i = 0, k = 0;
    if (!t)
        return;
    for (i = 0; i < EVAL_MAX_QUESTIONS; i++) {
        for (k = 0; k < t->tq[i].ntexts; k++)
            free(t->tq[i].texts[k].text);
        free(t->tq[i].texts);
    }
    free(t);
}

const EvalQuestionnaire *eval_tally_questionnaire(const EvalTally *t) { return t->q; }

int eval_tally_add(EvalTally *t, const char *qid, long long value, const char *text,
                   int reviewed)
{
    int qi = eval_q_find(t->q, qid);
    int nopt = 0, k = 0;
    TallyQ *tq = NULL;
    if (qi < 0) {
        t->skipped++;
        return 0;
    }
    tq = &t->tq[qi];
    nopt = eval_q_option_count(t->q, qi);
    switch (eval_q_kind(t->q, qi)) {
    case EVAL_SINGLE:
    case EVAL_YESNO:
        if (value < 1 || value > nopt) {
            t->skipped++;
            return 0;
        }
        tq->n++;
        tq->count[value - 1]++;
        return 0;
    case EVAL_MULTI:
        if (value <= 0 || (value & ~(long long)((1u << nopt) - 1))) {
            t->skipped++;
            return 0;
        }
        tq->n++;
        for (k = 0; k < nopt; k++)
            if (value & (1LL << k))
                tq->count[k]++;
        return 0;
    case EVAL_TEXT:
        if (!text || !*text) {
            t->skipped++;
            return 0;
        }
        if (tq->ntexts == tq->captexts) {
            int cap = tq->captexts ? tq->captexts * 2 : 16;
            TallyText *p = realloc(tq->texts, (size_t)cap * sizeof *p);
            if (!p)
                return ERR_NOMEM;
            tq->texts = p;
            tq->captexts = cap;
        }
        tq->texts[tq->ntexts].text = core_strdup(text);
        if (!tq->texts[tq->ntexts].text)
            return ERR_NOMEM;
        tq->texts[tq->ntexts].reviewed = reviewed != 0;
        tq->ntexts++;
        tq->n++;
        return 0;
    }
    return 0;
}

int eval_tally_add_answers(EvalTally *t, const EvalAnswers *a)
{
    int i = 0, rc = 0;
    for (i = 0; i < eval_q_count(t->q) && rc == 0; i++) {
        const EvalAnswer *an = &a->a[i];
        const char *qid = eval_q_question_id(t->q, i);
        if (!an->present)
            continue;
        switch (eval_q_kind(t->q, i)) {
        case EVAL_SINGLE:
        case EVAL_YESNO: rc = eval_tally_add(t, qid, an->choice, NULL, 0); break;
        case EVAL_MULTI: rc = eval_tally_add(t, qid, an->mask, NULL, 0); break;
        case EVAL_TEXT: rc = eval_tally_add(t, qid, 0, an->text, 0); break;
        }
    }
    if (rc == 0)
        t->respondents++;
    return rc;
}

void eval_tally_add_respondent(EvalTally *t) { t->respondents++; }
int eval_tally_respondents(const EvalTally *t) { return t->respondents; }
int eval_tally_skipped(const EvalTally *t) { return t->skipped; }
int eval_tally_n(const EvalTally *t, int qi) { return t->tq[qi].n; }
int eval_tally_count(const EvalTally *t, int qi, int opt)
{
    return (opt >= 1 && opt <= EVAL_MAX_OPTIONS) ? t->tq[qi].count[opt - 1] : 0;
}
int eval_tally_text_count(const EvalTally *t, int qi) { return t->tq[qi].ntexts; }
const char *eval_tally_text(const EvalTally *t, int qi, int k, int *reviewed)
{
    if (k < 0 || k >= t->tq[qi].ntexts)
        return NULL;
    if (reviewed)
        *reviewed = t->tq[qi].texts[k].reviewed;
    return t->tq[qi].texts[k].text;
}

/* ---- suppression -------------------------------------------------------- */

/* Rank of the 0/1 vectors (bit masks over nopt options), by Gaussian
 * elimination over the rationals (doubles are exact enough: entries stay
 * small integers or simple fractions with dimension <= 10). */
static int rank_of(const uint32_t *vecs, int nvec, int nopt)
{
    double m[EVAL_MAX_ROW_CELLS + 2][EVAL_MAX_OPTIONS];
    int r = 0, c = 0, i = 0, j = 0;
    memset(m, 0, sizeof m);
    for (i = 0; i < nvec; i++)
        for (j = 0; j < nopt; j++)
            m[i][j] = (vecs[i] >> j) & 1u ? 1.0 : 0.0;
    for (c = 0; c < nopt && r < nvec; c++) {
        int piv = -1;
        for (i = r; i < nvec; i++)
            if (fabs(m[i][c]) > 1e-9) {
                piv = i;
                break;
            }
        if (piv < 0)
            continue;
        if (piv != r)
            for (j = 0; j < nopt; j++) {
                double tmp = m[r][j];
                m[r][j] = m[piv][j];
                m[piv][j] = tmp;
            }
        for (i = 0; i < nvec; i++) {
            double f = 0;
            if (i == r || fabs(m[i][c]) < 1e-9)
                continue;
            f = m[i][c] / m[r][c];
            for (j = 0; j < nopt; j++)
                m[i][j] -= f * m[r][j];
        }
        r++;
    }
    return r;
}

static uint32_t cell_mask(const EvalQuestionnaire *q, int qi, const EvalCell *c)
{
    return c->is_group ? eval_q_group_mask(q, qi, c->index) : 1u << (c->index - 1);
}

/* 1 if some combination of options with 1..4 answers can be computed from
 * the published cells (n plus every SHOWN cell). */
static int row_discloses(const EvalTally *t, int qi, const EvalRow *row)
{
    uint32_t pub[EVAL_MAX_ROW_CELLS + 2];
    int npub = 0, nopt = eval_q_option_count(t->q, qi), base = 0, k = 0;
    uint32_t all = (uint32_t)((1u << nopt) - 1), s = 0;
    pub[npub++] = all;
    for (k = 0; k < row->ncells; k++)
        if (row->cells[k].state == EVAL_CELL_SHOWN)
            pub[npub++] = cell_mask(t->q, qi, &row->cells[k]);
    base = rank_of(pub, npub, nopt);
    for (s = 1; s < all; s++) {
        int cnt = 0, o = 0;
        for (o = 0; o < nopt; o++)
            if (s & (1u << o))
                cnt += t->tq[qi].count[o];
        if (cnt < 1 || cnt >= EVAL_MIN_CELL)
            continue;
        pub[npub] = s;
        if (rank_of(pub, npub + 1, nopt) == base)
            return 1;
    }
    return 0;
}


/* Exact audit against bounds: "<5" tells a reader that a cell holds 0..4,
 * and together with n that can pin a number down (n = 8, option 1 "<5",
 * options 2+3 "<5": option 1 must be 4).  Enumerates every count vector
 * consistent with what the row publishes and reports whether a
 * combination with 1..4 true answers has the same value in all of them.
 * The search is bounded; beyond AUDIT_MAX_NODES it answers "unsafe" so
 * that more is hidden (never less). */
#define AUDIT_MAX_NODES 2000000L

typedef struct Audit {
    int nopt, nunk;
    int unk[EVAL_MAX_OPTIONS]; /* options whose value is not published */
    int ub[EVAL_MAX_OPTIONS];
    int v[EVAL_MAX_OPTIONS];
    int ncons;
    uint32_t cmask[EVAL_MAX_ROW_CELLS];
    int cval[EVAL_MAX_ROW_CELLS];
    int csmall[EVAL_MAX_ROW_CELLS]; /* 1: value < EVAL_MIN_CELL; 0: == cval */
    int nsens;
    uint32_t smask[1 << 10];
    int sval[1 << 10];
    int svaried[1 << 10];
    int nvaried;
    long nodes;
    int overflow;
} Audit;

static void audit_leaf(Audit *au)
{
    int k = 0, o = 0;
    for (k = 0; k < au->ncons; k++) {
        int sum = 0;
        for (o = 0; o < au->nopt; o++)
            if (au->cmask[k] & (1u << o))
                sum += au->v[o];
        if (au->csmall[k] ? sum >= EVAL_MIN_CELL : sum != au->cval[k])
            return;
    }
    for (k = 0; k < au->nsens; k++) {
        int sum = 0;
        if (au->svaried[k])
            continue;
        for (o = 0; o < au->nopt; o++)
            if (au->smask[k] & (1u << o))
                sum += au->v[o];
        if (sum != au->sval[k]) {
            au->svaried[k] = 1;
            au->nvaried++;
        }
    }
}

static void audit_rec(Audit *au, int i, int rest)
{
    int x = 0, maxrest = 0, k = 0;
    if (au->overflow || au->nvaried == au->nsens)
        return;
    if (++au->nodes > AUDIT_MAX_NODES) {
        au->overflow = 1;
        return;
    }
    if (i == au->nunk - 1) {
        if (rest <= au->ub[au->unk[i]]) {
            au->v[au->unk[i]] = rest;
            audit_leaf(au);
        }
        return;
    }
    for (k = i + 1; k < au->nunk; k++)
        maxrest += au->ub[au->unk[k]];
    for (x = 0; x <= au->ub[au->unk[i]] && x <= rest; x++) {
        if (rest - x > maxrest)
            continue;
        au->v[au->unk[i]] = x;
        audit_rec(au, i + 1, rest - x);
    }
}

/* 1 if the published row pins down a small combination (or the audit is
 * too large to finish). */
static int row_pins_small(const EvalTally *t, int qi, const EvalRow *row)
{
    Audit *au = calloc(1, sizeof *au);
    int nopt = eval_q_option_count(t->q, qi), k = 0, o = 0, rest = row->n, unsafe = 0;
    uint32_t s = 0, all = (uint32_t)((1u << nopt) - 1);
    if (!au)
        return 1;
    au->nopt = nopt;
    for (o = 0; o < nopt; o++)
        au->ub[o] = row->n;
    for (k = 0; k < row->ncells; k++) {
        const EvalCell *c = &row->cells[k];
        if (c->state == EVAL_CELL_HIDDEN)
            continue;
        if (!c->is_group && c->state == EVAL_CELL_SHOWN) {
            au->v[c->index - 1] = c->count;
            au->ub[c->index - 1] = -1; /* marks "known" */
            rest -= c->count;
            continue;
        }
        if (!c->is_group && c->state == EVAL_CELL_SMALL)
            au->ub[c->index - 1] = EVAL_MIN_CELL - 1;
        au->cmask[au->ncons] = cell_mask(t->q, qi, c);
        au->cval[au->ncons] = c->count;
        au->csmall[au->ncons] = c->state == EVAL_CELL_SMALL;
        au->ncons++;
    }
    for (o = 0; o < nopt; o++)
        if (au->ub[o] >= 0)
            au->unk[au->nunk++] = o;
    for (s = 1; s < all; s++) {
        int cnt = 0;
        for (o = 0; o < nopt; o++)
            if (s & (1u << o))
                cnt += t->tq[qi].count[o];
        if (cnt >= 1 && cnt < EVAL_MIN_CELL) {
            au->smask[au->nsens] = s;
            au->sval[au->nsens] = cnt;
            au->nsens++;
        }
    }
    if (au->nsens && au->nunk)
        audit_rec(au, 0, rest);
    unsafe = au->overflow || (au->nsens && au->nvaried < au->nsens);
    free(au);
    return unsafe;
}

static int pct(int count, int n)
{
    return n > 0 ? (int)((count * 200LL + n) / (2LL * n)) : 0;
}

int eval_tally_row(const EvalTally *t, int qi, EvalRow *row, Err *err)
{
    const EvalQuestionnaire *q = t->q;
    int nopt = 0, k = 0;
    EvalKind kind;
    memset(row, 0, sizeof *row);
    if (qi < 0 || qi >= eval_q_count(q))
        return err_set(err, ERR_INVALID, "no question %d", qi);
    kind = eval_q_kind(q, qi);
    if (kind == EVAL_TEXT)
        return err_set(err, ERR_INVALID, "question '%s' is a text question",
                       eval_q_question_id(q, qi));
    nopt = eval_q_option_count(q, qi);
    row->qi = qi;
    row->n = t->tq[qi].n;
    for (k = 0; k < nopt; k++) {
        EvalCell *c = &row->cells[row->ncells++];
        c->is_group = 0;
        c->index = k + 1;
        c->count = t->tq[qi].count[k];
    }
    for (k = 0; k < eval_q_group_count(q, qi); k++) {
        EvalCell *c = &row->cells[row->ncells++];
        uint32_t m = eval_q_group_mask(q, qi, k);
        int o = 0;
        c->is_group = 1;
        c->index = k;
        for (o = 0; o < nopt; o++)
            if (m & (1u << o))
                c->count += t->tq[qi].count[o];
    }
    for (k = 0; k < row->ncells; k++)
        row->cells[k].percent = pct(row->cells[k].count, row->n);
    if (row->n < EVAL_MIN_CELL) {
        row->n_state = EVAL_CELL_SMALL;
        for (k = 0; k < row->ncells; k++)
            row->cells[k].state = EVAL_CELL_SMALL;
        return 0;
    }
    for (k = 0; k < row->ncells; k++)
        if (row->cells[k].count < EVAL_MIN_CELL)
            row->cells[k].state = EVAL_CELL_SMALL;
    if (kind == EVAL_MULTI) {
        /* Each option is its own yes/no: hide it when all but 1..4 chose it. */
        for (k = 0; k < row->ncells; k++) {
            int rest = row->n - row->cells[k].count;
            if (row->cells[k].state == EVAL_CELL_SHOWN && rest >= 1 && rest < EVAL_MIN_CELL)
                row->cells[k].state = EVAL_CELL_HIDDEN;
        }
        return 0;
    }
    /* Complementary suppression: hide the smallest published cell until no
     * small combination can be worked out.  Terminates: each round hides
     * one more cell, and with only n published nothing small is derivable. */
    while (row_discloses(t, qi, row) || row_pins_small(t, qi, row)) {
        int best = -1;
        for (k = 0; k < row->ncells; k++)
            if (row->cells[k].state == EVAL_CELL_SHOWN &&
                (best < 0 || row->cells[k].count < row->cells[best].count))
                best = k;
        if (best < 0) {
            /* Even the "<5" bounds give a number away (tiny n): hide all. */
            for (k = 0; k < row->ncells; k++)
                row->cells[k].state = EVAL_CELL_HIDDEN;
            break;
        }
        row->cells[best].state = EVAL_CELL_HIDDEN;
    }
    return 0;
}

const char *eval_cell_format(const EvalCell *c, char *out, size_t cap)
{
    if (c->state == EVAL_CELL_SMALL)
        snprintf(out, cap, "<%d", EVAL_MIN_CELL);
    else if (c->state == EVAL_CELL_HIDDEN)
        snprintf(out, cap, "-");
    else
        snprintf(out, cap, "%d (%d %%)", c->count, c->percent);
    return out;
}

static const char *cell_label(const EvalQuestionnaire *q, int qi, const EvalCell *c,
                              EvalLang lang)
{
    return c->is_group ? eval_q_group_label(q, qi, c->index, lang)
                       : eval_q_option(q, qi, c->index, lang);
}

/* ---- text --------------------------------------------------------------- */

static const char *tr(EvalLang lang, const char *da, const char *en)
{
    return lang == EVAL_LANG_EN ? en : da;
}

static int report_events(const EvalReportMeta *m, EvalLang lang, Buf *out)
{
    int i = 0;
    if (!m)
        return 0;
    buf_printf(out, "%s: %d, %s: %d\n", tr(lang, "Events", "Events"), m->nevents,
               tr(lang, "databasefiler", "database files"), m->nfiles);
    for (i = 0; i < m->nevents; i++) {
        const EvalEventInfo *e = &m->events[i];
        char n[16];
        /* suppressed per cell: an event with fewer than 5 answers says "<5" */
        if (e->respondents < EVAL_MIN_CELL)
            snprintf(n, sizeof n, "<%d", EVAL_MIN_CELL);
        else
            snprintf(n, sizeof n, "%d", e->respondents);
        buf_printf(out, "  %s  %s  %s%s%s  (%s %s)\n", e->id, e->day, e->scenario,
                   e->label[0] ? "  " : "", e->label, n, tr(lang, "besvarelser", "responses"));
    }
    return out->oom ? ERR_NOMEM : 0;
}

int eval_report_text(const EvalTally *t, const EvalReportMeta *m, EvalLang lang, Buf *out)
{
    const EvalQuestionnaire *q = t->q;
    int qi = 0, k = 0;
    char cell[64];
    buf_printf(out, "%s (%s)\n", eval_q_title(q, lang), eval_q_id(q));
    report_events(m, lang, out);
    buf_printf(out, "%s: %d\n", tr(lang, "Besvarelser i alt", "Responses in total"),
               t->respondents);
    for (qi = 0; qi < eval_q_count(q); qi++) {
        EvalRow row;
        buf_printf(out, "\n%d. %s [%s]\n", qi + 1, eval_q_text(q, qi, lang),
                   eval_q_question_id(q, qi));
        if (eval_q_kind(q, qi) == EVAL_TEXT) {
            int shown = 0, rev = 0;
            for (k = 0; k < t->tq[qi].ntexts; k++) {
                const char *s = eval_tally_text(t, qi, k, &rev);
                if (rev) {
                    buf_printf(out, "   - %s\n", s);
                    shown++;
                }
            }
            buf_printf(out, "   %s: %d, %s: %d\n", tr(lang, "vist", "shown"), shown,
                       tr(lang, "afventer gennemsyn", "awaiting review"),
                       t->tq[qi].ntexts - shown);
            continue;
        }
        eval_tally_row(t, qi, &row, NULL);
        if (row.n_state == EVAL_CELL_SMALL) {
            buf_printf(out, "   n <%d: %s\n", EVAL_MIN_CELL,
                       tr(lang, "for få svar til at vise", "too few answers to show"));
            continue;
        }
        buf_printf(out, "   n = %d\n", row.n);
        for (k = 0; k < row.ncells; k++) {
            const EvalCell *c = &row.cells[k];
            /* padded by characters, not bytes: Danish letters are two bytes */
            buf_puts(out, c->is_group ? "   = " : "     ");
            eval_pad(out, cell_label(q, qi, c, lang), 40, 0);
            buf_printf(out, " %s\n", eval_cell_format(c, cell, sizeof cell));
        }
    }
    buf_printf(out, "\n%s\n",
               tr(lang, "<5: færre end 5 svar. -: skjult, så et lille tal ikke kan regnes ud.",
                  "<5: fewer than 5 answers. -: hidden so that a small number cannot be "
                  "worked out."));
    return out->oom ? ERR_NOMEM : 0;
}

/* ---- CSV ---------------------------------------------------------------- */

/* 1 if a spreadsheet would take the cell for a formula: it begins with
 * =, +, -, @, a tab or a CR.  A plain number ("-12", "-1.5") stays a
 * number. */
static int csv_formula_like(const char *p)
{
    const char *d = p + 1;
    if (!*p || !strchr("=+-@\t\r", *p))
        return 0;
    if (*p != '-' || !(*d >= '0' && *d <= '9'))
        return 1;
    while (*d >= '0' && *d <= '9')
        d++;
    if (*d == '.' && d[1] >= '0' && d[1] <= '9')
        for (d++; *d >= '0' && *d <= '9'; d++)
            ;
    return *d != '\0';
}

/* One cell: quoted when it holds a comma, quote or line break, and with a
 * leading ' when it would be a formula (CSV injection). */
static void csv_field(Buf *b, const char *s, int last)
{
    const char *p = s ? s : "";
    const char *guard = csv_formula_like(p) ? "'" : "";
    if (strpbrk(p, ",\"\r\n")) {
        buf_append(b, "\"", 1);
        buf_puts(b, guard);
        for (; *p; p++) {
            if (*p == '"')
                buf_append(b, "\"\"", 2);
            else
                buf_append(b, p, 1);
        }
        buf_append(b, "\"", 1);
    } else {
        buf_puts(b, guard);
        buf_puts(b, p);
    }
    buf_puts(b, last ? "\r\n" : ",");
}

int eval_report_csv(const EvalTally *t, Buf *data, Buf *cb, int header)
{
    const EvalQuestionnaire *q = t->q;
    int qi = 0, k = 0;
    char num[32], n[32], pc[32];
    if (header) {
        buf_puts(data, "questionnaire,question,kind,cell_type,cell,n,count,percent,status,text\r\n");
        buf_puts(cb, "questionnaire,question,kind,required,code,text_da,text_en\r\n");
    }
    csv_field(cb, eval_q_id(q), 0);
    csv_field(cb, "", 0);
    csv_field(cb, "questionnaire", 0);
    csv_field(cb, "", 0);
    csv_field(cb, "", 0);
    csv_field(cb, eval_q_title(q, EVAL_LANG_DA), 0);
    csv_field(cb, eval_q_title(q, EVAL_LANG_EN), 1);
    for (qi = 0; qi < eval_q_count(q); qi++) {
        const char *qid = eval_q_question_id(q, qi);
        EvalKind kind = eval_q_kind(q, qi);
        EvalRow row;
        /* codebook */
        csv_field(cb, eval_q_id(q), 0);
        csv_field(cb, qid, 0);
        csv_field(cb, eval_kind_name(kind), 0);
        csv_field(cb, eval_q_required(q, qi) ? "1" : "0", 0);
        csv_field(cb, "", 0);
        csv_field(cb, eval_q_text(q, qi, EVAL_LANG_DA), 0);
        csv_field(cb, eval_q_text(q, qi, EVAL_LANG_EN), 1);
        for (k = 1; k <= eval_q_option_count(q, qi); k++) {
            snprintf(num, sizeof num, "%d", k);
            csv_field(cb, eval_q_id(q), 0);
            csv_field(cb, qid, 0);
            csv_field(cb, "option", 0);
            csv_field(cb, "", 0);
            csv_field(cb, num, 0);
            csv_field(cb, eval_q_option(q, qi, k, EVAL_LANG_DA), 0);
            csv_field(cb, eval_q_option(q, qi, k, EVAL_LANG_EN), 1);
        }
        for (k = 0; k < eval_q_group_count(q, qi); k++) {
            Buf members = BUF_INIT;
            int o = 0;
            for (o = 0; o < EVAL_MAX_OPTIONS; o++)
                if (eval_q_group_mask(q, qi, k) & (1u << o))
                    buf_printf(&members, "%s%d", members.len ? "+" : "", o + 1);
            csv_field(cb, eval_q_id(q), 0);
            csv_field(cb, qid, 0);
            csv_field(cb, "group", 0);
            csv_field(cb, buf_str(&members), 0);
            csv_field(cb, eval_q_group_id(q, qi, k), 0);
            csv_field(cb, eval_q_group_label(q, qi, k, EVAL_LANG_DA), 0);
            csv_field(cb, eval_q_group_label(q, qi, k, EVAL_LANG_EN), 1);
            buf_free(&members);
        }
        /* data */
        if (kind == EVAL_TEXT) {
            int rev = 0;
            for (k = 0; k < t->tq[qi].ntexts; k++) {
                const char *s = eval_tally_text(t, qi, k, &rev);
                if (!rev)
                    continue;
                csv_field(data, eval_q_id(q), 0);
                csv_field(data, qid, 0);
                buf_puts(data, "text,text,,,,,reviewed,");
                csv_field(data, s, 1);
            }
            continue;
        }
        eval_tally_row(t, qi, &row, NULL);
        /* n stays numeric: empty for a question answered by fewer than 5
         * (every cell's status then says lt5) */
        if (row.n_state == EVAL_CELL_SMALL)
            n[0] = '\0';
        else
            snprintf(n, sizeof n, "%d", row.n);
        for (k = 0; k < row.ncells; k++) {
            const EvalCell *c = &row.cells[k];
            const char *status = c->state == EVAL_CELL_SHOWN   ? "shown"
                                 : c->state == EVAL_CELL_SMALL ? "lt5"
                                                               : "hidden";
            if (c->is_group)
                snprintf(num, sizeof num, "%s", eval_q_group_id(q, qi, c->index));
            else
                snprintf(num, sizeof num, "%d", c->index);
            csv_field(data, eval_q_id(q), 0);
            csv_field(data, qid, 0);
            csv_field(data, eval_kind_name(kind), 0);
            csv_field(data, c->is_group ? "group" : "option", 0);
            csv_field(data, num, 0);
            csv_field(data, n, 0);
            if (c->state == EVAL_CELL_SHOWN) {
                snprintf(num, sizeof num, "%d", c->count);
                snprintf(pc, sizeof pc, "%d", c->percent);
            } else {
                num[0] = pc[0] = '\0';
            }
            csv_field(data, num, 0);
            csv_field(data, pc, 0);
            csv_field(data, status, 0);
            csv_field(data, "", 1);
        }
    }
    return (data->oom || cb->oom) ? ERR_NOMEM : 0;
}

/* ---- HTML --------------------------------------------------------------- */

static void html_esc(Buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '&': buf_puts(b, "&amp;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        default: buf_append(b, s, 1);
        }
    }
}

static void html_question(Buf *out, const EvalTally *t, int qi, EvalLang lang)
{
    const EvalQuestionnaire *q = t->q;
    EvalRow row;
    int k = 0;
    char cell[64];
    buf_puts(out, "<section class=\"q\"><h3>");
    html_esc(out, eval_q_text(q, qi, lang));
    buf_puts(out, " <small>[");
    html_esc(out, eval_q_question_id(q, qi));
    buf_puts(out, "]</small></h3>\n");
    if (eval_q_kind(q, qi) == EVAL_TEXT) {
        int rev = 0, shown = 0;
        buf_puts(out, "<ul class=\"texts\">\n");
        for (k = 0; k < t->tq[qi].ntexts; k++) {
            const char *s = eval_tally_text(t, qi, k, &rev);
            if (!rev)
                continue;
            buf_puts(out, "<li>");
            html_esc(out, s);
            buf_puts(out, "</li>\n");
            shown++;
        }
        buf_printf(out, "</ul><p class=\"note\">%s: %d, %s: %d</p></section>\n",
                   tr(lang, "Vist", "Shown"), shown,
                   tr(lang, "afventer gennemsyn", "awaiting review"), t->tq[qi].ntexts - shown);
        return;
    }
    eval_tally_row(t, qi, &row, NULL);
    if (row.n_state == EVAL_CELL_SMALL) {
        buf_printf(out, "<p class=\"note\">n &lt;%d: %s</p></section>\n", EVAL_MIN_CELL,
                   tr(lang, "for få svar til at vise", "too few answers to show"));
        return;
    }
    buf_printf(out, "<p class=\"n\">n = %d</p>\n<table>\n", row.n);
    for (k = 0; k < row.ncells; k++) {
        const EvalCell *c = &row.cells[k];
        int w = c->state == EVAL_CELL_SHOWN ? c->percent * 3 : 0;
        buf_printf(out, "<tr class=\"%s\"><th>", c->is_group ? "group" : "option");
        html_esc(out, cell_label(q, qi, c, lang));
        if (c->state != EVAL_CELL_SHOWN) /* never an empty bar that reads as 0 % */
            buf_printf(out, "</th><td class=\"sup\">%s</td><td class=\"v\">",
                       c->state == EVAL_CELL_SMALL ? "&lt;5" : "-");
        else
            buf_printf(out, "</th><td><svg width=\"300\" height=\"16\" role=\"img\">"
                            "<rect x=\"0\" y=\"0\" width=\"300\" height=\"16\" fill=\"#eee\"/>"
                            "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"16\" fill=\"%s\"/></svg></td>"
                            "<td class=\"v\">",
                       w, c->is_group ? "#3d5a80" : "#e07a5f");
        html_esc(out, eval_cell_format(c, cell, sizeof cell));
        buf_puts(out, "</td></tr>\n");
    }
    buf_puts(out, "</table></section>\n");
}

int eval_report_html(EvalTally *const *tallies, int ntallies, const EvalReportMeta *m,
                     EvalLang lang, Buf *out)
{
    int i = 0, qi = 0;
    buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">\n"
                    "<title>%s</title>\n<style>\n"
                    "body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}\n"
                    "table{border-collapse:collapse}th{text-align:left;font-weight:normal;"
                    "padding:2px 1em 2px 0;max-width:24em}td{padding:2px 4px}"
                    "td.v{white-space:nowrap}tr.group th{font-weight:bold}\n"
                    ".note,small{color:#666}section.q{margin-bottom:1.5em}\n"
                    "td.sup{color:#555;font-style:italic;width:300px}"
                    "table.compare td,table.events td{border-top:1px solid #ddd}"
                    "table.stops tbody{border-top:1px solid #ccc}table.stops th{vertical-align:top}"
                    "thead th{font-weight:bold;border-bottom:1px solid #888}\n"
                    "@page{size:A4;margin:15mm}@media print{body{max-width:none;margin:0;"
                    "font-size:10pt}section{break-inside:avoid}}\n"
                    "</style></head><body>\n",
               lang == EVAL_LANG_EN ? "en" : "da",
               tr(lang, "Evaluering", "Evaluation"));
    buf_printf(out, "<h1>%s</h1>\n", tr(lang, "Evaluering", "Evaluation"));
    if (m && m->top_html)
        buf_puts(out, m->top_html);
    if (m) {
        buf_printf(out, "<p>%s: %d, %s: %d</p>\n<table class=\"events\">\n"
                        "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                        "</tr></thead>\n",
                   tr(lang, "Events", "Events"), m->nevents,
                   tr(lang, "databasefiler", "database files"), m->nfiles,
                   tr(lang, "Dato", "Date"), tr(lang, "Scenarie", "Scenario"),
                   tr(lang, "Etiket", "Label"), tr(lang, "Besvarelser", "Responses"), "id");
        for (i = 0; i < m->nevents; i++) {
            const EvalEventInfo *e = &m->events[i];
            buf_puts(out, "<tr><td>");
            html_esc(out, e->day);
            buf_puts(out, "</td><td>");
            html_esc(out, e->scenario);
            buf_puts(out, "</td><td>");
            html_esc(out, e->label);
            if (e->respondents < EVAL_MIN_CELL)
                buf_printf(out, "</td><td>&lt;%d</td><td><small>", EVAL_MIN_CELL);
            else
                buf_printf(out, "</td><td>%d</td><td><small>", e->respondents);
            html_esc(out, e->id);
            buf_puts(out, "</small></td></tr>\n");
        }
        buf_puts(out, "</table>\n");
    }
    for (i = 0; i < ntallies; i++) {
        const EvalTally *t = tallies[i];
        buf_puts(out, "<h2>");
        html_esc(out, eval_q_title(t->q, lang));
        buf_printf(out, "</h2>\n<p>%s: %d</p>\n",
                   tr(lang, "Besvarelser i alt", "Responses in total"), t->respondents);
        for (qi = 0; qi < eval_q_count(t->q); qi++)
            html_question(out, t, qi, lang);
    }
    if (m && m->extra_html)
        buf_puts(out, m->extra_html);
    buf_printf(out, "<p class=\"note\">%s</p>\n</body></html>\n",
               tr(lang, "&lt;5: færre end 5 svar. -: skjult, så et lille tal ikke kan regnes ud.",
                  "&lt;5: fewer than 5 answers. -: hidden so that a small number cannot be "
                  "worked out."));
    return out->oom ? ERR_NOMEM : 0;
}
