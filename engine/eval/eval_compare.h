/* eval_compare.h - events side by side: one row per event (date, label,
 * scenario, answers, attendance and response rate, each measure) with the
 * suppression of eval_tally_row applied per cell, and a questionnaire's
 * fingerprint for safe merging.  Pure C.
 *
 * A "measure" is the headline number of a single or yes/no question: its
 * first report group (e.g. "positive (4-5)") or, for yes/no, "yes".  The
 * default questionnaire gives the seed's four figures (and "I know where to
 * get help").
 */
#ifndef EVAL_EVAL_COMPARE_H
#define EVAL_EVAL_COMPARE_H

#include "core/buf.h"
#include "eval/eval_report.h"

#define EVAL_MAX_MEASURES EVAL_MAX_QUESTIONS

typedef struct EvalMeasure {
    int qi;       /* question */
    int is_group; /* 1: report group `index`, 0: option `index` (1-based) */
    int index;
} EvalMeasure;

/* Fills out (EVAL_MAX_MEASURES) with q's measures; returns their number. */
int eval_measures(const EvalQuestionnaire *q, EvalMeasure *out);
/* The measure's cell in a suppressed row (NULL when the row is hidden). */
const EvalCell *eval_measure_cell(const EvalRow *row, const EvalMeasure *m);
/* "positive (4-5)": question text and cell label, written to out. */
const char *eval_measure_label(const EvalQuestionnaire *q, const EvalMeasure *m, EvalLang lang,
                               char *out, size_t cap);

/* 16 hex digits (FNV-1a 64 of the definition's canonical JSON) into out
 * (17 bytes).  The same id with another fingerprint is another
 * questionnaire (options reordered, a question dropped).  0 or ERR_NOMEM. */
int eval_q_fingerprint(const EvalQuestionnaire *q, char out[17]);

/* One event of the side-by-side table. */
typedef struct EvalCompareRow {
    const EvalEventInfo *info;
    const EvalTally *tally; /* this event's answers alone */
    int attendance;         /* 0: not recorded */
    const char *labels;     /* "school=X, grade=9" or "" */
} EvalCompareRow;

/* Response rate in percent (rounded) or -1 without attendance. */
int eval_response_rate(int respondents, int attendance);

/* Writers for the per-event table of one questionnaire (rows already in
 * date order) under title (NULL: "Events side by side"); append to out, 0
 * or ERR_NOMEM. */
int eval_compare_text(const EvalQuestionnaire *q, const EvalCompareRow *rows, int n,
                      const char *title, EvalLang lang, Buf *out);
/* CSV: questionnaire,event,day,label,labels,scenario,respondents,attendance,
 * response_rate,measure,n,count,percent,status (one line per event and
 * measure; numbers empty when suppressed).  sep ',' or ';'. */
int eval_compare_csv(const EvalQuestionnaire *q, const EvalCompareRow *rows, int n, char sep,
                     int header, Buf *out);
int eval_compare_html(const EvalQuestionnaire *q, const EvalCompareRow *rows, int n,
                      const char *title, EvalLang lang, Buf *out);

/* The headline: each measure of the pooled tally t with n ("92 %
 * (n = 360)", "<5", "-"), as text lines or an HTML table. */
int eval_headline_text(const EvalTally *t, EvalLang lang, Buf *out);
int eval_headline_html(const EvalTally *t, EvalLang lang, Buf *out);

/* Pads s with spaces to width characters (not bytes: Danish letters are
 * two bytes in UTF-8); appends to out. */
void eval_pad(Buf *out, const char *s, int width, int right);

#endif
