/* eval_xlsx.h - `spectactor report --xlsx`: the report as a workbook
 * (libxlsxwriter).  Sheets: summary (the headline measures with n), one per
 * measure (every option and group with count, percent and a status column,
 * so numeric columns stay numeric), events (side by side, date order),
 * stops (the room's answers at every stop), statements (before and after,
 * pooled and per event) and codebook (value labels). */
#ifndef EVAL_EVAL_XLSX_H
#define EVAL_EVAL_XLSX_H

#include "core/err.h"
#include "eval/eval_compare.h"
#include "eval/eval_measure.h"
#include "eval/eval_polls.h"
#include "eval/eval_report.h"

typedef struct EvalXlsxEvent {
    int qk; /* index of its questionnaire in tallies */
    EvalCompareRow row;
} EvalXlsxEvent;

typedef struct EvalXlsx {
    EvalTally *const *tallies; /* pooled, one per questionnaire */
    const char (*fps)[17];     /* their fingerprints */
    int nq;
    const EvalXlsxEvent *events; /* date order */
    int nevents;
    const EvalStops *stops;
    const EvalMeasure *measure; /* the before/after statements (NULL: none) */
    EvalLang lang;
    const char *footer;
} EvalXlsx;

/* Writes the workbook to path.  Returns 0, or ERR_IO with a message. */
int eval_xlsx_write(const EvalXlsx *x, const char *path, Err *err);

#endif
