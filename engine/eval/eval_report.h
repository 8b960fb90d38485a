/* eval_report.h - pooling answers, small-group suppression and the report
 * writers (text, CSV with codebook, self-contained HTML).  Pure C.
 *
 * A tally counts answers to one questionnaire, pooled over any number of
 * events and database files.  eval_tally_row() turns one question into
 * cells with suppression applied:
 *   - a question answered by fewer than EVAL_MIN_CELL people shows only
 *     "<5" (not even n);
 *   - a cell (option or report group) with fewer than EVAL_MIN_CELL answers
 *     is EVAL_CELL_SMALL, shown as "<5";
 *   - further cells are hidden (EVAL_CELL_HIDDEN, shown as "-") until no
 *     count of 1..4 answers can be worked out from the published numbers by
 *     adding and subtracting them (checked exactly by linear algebra over
 *     all combinations of options); for multi-choice questions, where each
 *     option is its own yes/no, an option chosen by all but 1..4 is hidden.
 */
#ifndef EVAL_EVAL_REPORT_H
#define EVAL_EVAL_REPORT_H

#include "core/buf.h"
#include "core/err.h"
#include "eval/eval.h"

#define EVAL_MIN_CELL 5
#define EVAL_MAX_ROW_CELLS (EVAL_MAX_OPTIONS + EVAL_MAX_GROUPS)
#define EVAL_MAX_EVENTS 256 /* events described in one report */

typedef struct EvalTally EvalTally;

/* Creates an empty tally for q (borrowed; must outlive the tally).  NULL on
 * no memory. */
EvalTally *eval_tally_new(const EvalQuestionnaire *q);
void eval_tally_free(EvalTally *t);
const EvalQuestionnaire *eval_tally_questionnaire(const EvalTally *t);

/* Adds one stored answer: for single/yes-no questions `value` is the option
 * number, for multi the option mask, for text questions `text` (with its
 * review flag).  Unknown question ids and out-of-range values are counted
 * in eval_tally_skipped() instead (a newer questionnaire version), never
 * silently merged.  Returns 0 or ERR_NOMEM. */
int eval_tally_add(EvalTally *t, const char *qid, long long value, const char *text,
                   int reviewed);
/* Adds a whole answer set (texts count as not reviewed). */
int eval_tally_add_answers(EvalTally *t, const EvalAnswers *a);
/* Counts one respondent (a submission); reported as "respondents". */
void eval_tally_add_respondent(EvalTally *t);
int eval_tally_respondents(const EvalTally *t);
int eval_tally_skipped(const EvalTally *t);
/* Raw numbers (before suppression), for tests and the projector screen. */
int eval_tally_n(const EvalTally *t, int qi);
int eval_tally_count(const EvalTally *t, int qi, int opt);
/* Free texts of question qi: count, and text k (borrowed) and its flag. */
int eval_tally_text_count(const EvalTally *t, int qi);
const char *eval_tally_text(const EvalTally *t, int qi, int k, int *reviewed);

typedef enum {
    EVAL_CELL_SHOWN = 0,
    EVAL_CELL_SMALL,  /* fewer than EVAL_MIN_CELL: "<5" */
    EVAL_CELL_HIDDEN  /* hidden so that a small cell cannot be worked out: "-" */
} EvalCellState;

typedef struct EvalCell {
    int is_group;     /* 0: option `index` (1-based), 1: report group `index` (0-based) */
    int index;
    int count;        /* the true count; never print it unless state == SHOWN */
    int percent;      /* rounded percentage of n; meaningful only when SHOWN */
    EvalCellState state;
} EvalCell;

typedef struct EvalRow {
    int qi;
    int n;               /* number who answered the question */
    EvalCellState n_state; /* SMALL when n < EVAL_MIN_CELL: the whole row is hidden */
    int ncells;
    EvalCell cells[EVAL_MAX_ROW_CELLS]; /* options in order, then groups */
} EvalRow;

/* Computes the suppressed row of question qi (not for text questions).
 * Returns 0 or ERR_INVALID. */
int eval_tally_row(const EvalTally *t, int qi, EvalRow *row, Err *err);

/* Formats a cell for people: "123 (45 %)", "<5" or "-".  Returns out. */
const char *eval_cell_format(const EvalCell *c, char *out, size_t cap);

/* What a report says about the events it pools (one line each). */
typedef struct EvalEventInfo {
    char id[33];
    char scenario[EVAL_MAX_ID];
    char day[11];
    char label[128];
    char questionnaire[EVAL_MAX_ID];
    int respondents;
} EvalEventInfo;

typedef struct EvalReportMeta {
    const EvalEventInfo *events;
    int nevents;
    int nfiles;     /* database files pooled */
    const char *top_html;   /* HTML sections after the title (a headline), or NULL */
    const char *extra_html; /* HTML sections added before the footnote, or NULL */
} EvalReportMeta;

/* Writers append to out; they return 0 or ERR_NOMEM.  Only reviewed free
 * texts are written.  lang picks the language of question texts. */
int eval_report_text(const EvalTally *t, const EvalReportMeta *m, EvalLang lang, Buf *out);
/* CSV (RFC 4180, UTF-8, comma-separated): one line per cell with columns
 * questionnaire,question,kind,cell_type,cell,n,count,percent,status, where a
 * suppressed count/percent is empty and status says "shown", "lt5" or
 * "hidden".  The codebook (a second CSV) lists every question, option and
 * group with its Danish and English text.  header != 0 writes the header
 * lines (for the first questionnaire of a report). */
int eval_report_csv(const EvalTally *t, Buf *data, Buf *codebook, int header);
/* A complete HTML document (inline CSS, bars as inline SVG, no external
 * resources) for one or more tallies. */
int eval_report_html(EvalTally *const *tallies, int ntallies, const EvalReportMeta *m,
                     EvalLang lang, Buf *out);

#endif
