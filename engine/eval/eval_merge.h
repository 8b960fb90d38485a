/* eval_merge.h - the report over many events and database files
 * (`spectactor report`): each file's events are read, pooled per
 * questionnaire (an event met twice is counted once; a questionnaire changed
 * under the same id is refused unless force), kept side by side in date
 * order, grouped by one label, with the room's answers at the stops; then
 * written as text, CSV, XLSX or HTML. */
#ifndef EVAL_EVAL_MERGE_H
#define EVAL_EVAL_MERGE_H

#include "core/buf.h"
#include "core/err.h"
#include "eval/eval.h"

#define EVAL_MERGE_MAX_FILES 64
#define EVAL_MERGE_MAX_FILTER 64

typedef struct EvalMerge EvalMerge;

/* A new, empty report.  group_by (borrowed; NULL: none) pools events by
 * their label of that name; force reports a changed questionnaire
 * separately instead of refusing it.  NULL on out of memory (err set). */
EvalMerge *eval_merge_new(const char *group_by, int force, Err *err);
void eval_merge_free(EvalMerge *m);

/* Only events whose id or label is id_or_label (borrowed; called once per
 * --event).  0, or ERR_LIMIT. */
int eval_merge_filter(EvalMerge *m, const char *id_or_label, Err *err);

/* Reads the events of the database at path (borrowed; NULL: the default
 * file), opened read-only.  Warnings (an event counted once, damaged rows)
 * go to stderr and into the report.  0, or a negative code with err set;
 * after an error the report is only good for eval_merge_free. */
int eval_merge_add_file(EvalMerge *m, const char *path, Err *err);

/* After the last file: checks every filter matched an event and puts the
 * events in date order.  0, or a negative code with err set. */
int eval_merge_finish(EvalMerge *m, Err *err);

/* The writers, after eval_merge_finish.  Text is appended to out; the files
 * are written whole (CSV: also NAME-codebook.csv, NAME-events.csv,
 * NAME-stops.csv and NAME-statements.csv, with a byte-order mark and sep
 * between fields; lang for the scale's labels).  0, or a
 * negative code with err set. */
int eval_merge_text(EvalMerge *m, EvalLang lang, Buf *out);
int eval_merge_write_csv(EvalMerge *m, EvalLang lang, const char *path, char sep, Err *err);
int eval_merge_write_html(EvalMerge *m, EvalLang lang, const char *path, Err *err);
/* ERR_IO with a message when built without libxlsxwriter (Windows). */
int eval_merge_write_xlsx(EvalMerge *m, EvalLang lang, const char *path, Err *err);

#endif
