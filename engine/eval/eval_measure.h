/* eval_measure.h - the before/after statements of dialog events, pooled
 * over rooms and per event, and their report (text, CSV, HTML).  Pure C.
 *
 * A scenario's statements ("He checks her phone every day") are rated OK /
 * warning sign / stalking by the room before the play and again at its
 * end; the store keeps each round's totals as poll records of kind BEFORE
 * and AFTER (beat = the statement's id; eval_polls.h).  Only totals exist:
 * a phone's two answers are never linked, so the shift is the change of
 * the room's shares, not of any pupil's answer.  Per statement and round:
 * the rooms that answered, n (hands + phones) and the shares with the
 * usual suppression (eval_stop_shares: fewer than EVAL_MIN_CELL votes shows
 * nothing, a cell under EVAL_MIN_CELL is "<5"); the shift in percentage
 * points only where both shares are shown.
 */
#ifndef EVAL_EVAL_MEASURE_H
#define EVAL_EVAL_MEASURE_H

#include "core/buf.h"
#include "core/err.h"
#include "eval/eval_polls.h"

#define EVAL_MAX_STATEMENT_ROWS 512 /* statement rows in one report (pooled and per event) */
#define EVAL_MEASURE_MAX_EVENT 160 /* bytes of an event's name ("2026-11-29 8a") */

typedef struct EvalMeasureRow {
    char scenario[EVAL_MAX_ID];
    char event[EVAL_MEASURE_MAX_EVENT]; /* "" for the row pooled over every event */
    char id[EVAL_POLL_MAX_BEAT];        /* the statement's id */
    char text[EVAL_POLL_MAX_PROMPT];    /* the statement as asked, or "" */
    int rooms[2];                       /* rooms that answered it: [0] before, [1] after */
    int counts[2][3];                   /* hands + phones per OK / warning / stalking */
} EvalMeasureRow;

typedef struct EvalMeasure EvalMeasure;

EvalMeasure *eval_measure_new(void);
void eval_measure_free(EvalMeasure *m);

/* Adds one event's records (others than BEFORE and AFTER are ignored; a
 * statement asked twice in a round counts its first answer): to the
 * pooled rows and to rows of its own named `event` (borrowed).  Returns
 * 0, ERR_LIMIT (more than EVAL_MAX_STATEMENT_ROWS rows), ERR_INVALID or
 * ERR_NOMEM. */
int eval_measure_add_event(EvalMeasure *m, const char *scenario, const char *event,
                           const EvalPollRecord *recs, int n, Err *err);

/* Rows: the pooled ones first (in the order first met), then each event's. */
int eval_measure_count(const EvalMeasure *m);
const EvalMeasureRow *eval_measure_row(const EvalMeasure *m, int i);
/* Rooms with any statement answered (pooled). */
int eval_measure_rooms(const EvalMeasure *m);

/* The shares of round r (0 before, 1 after) of row, with suppression.
 * Returns 0 when shown, ERR_LIMIT when the round has fewer than
 * EVAL_MIN_CELL votes (nothing shown). */
int eval_measure_shares(const EvalMeasureRow *row, int r, EvalShare out[3]);

/* Writers append to out; 0 or ERR_NOMEM.  CSV: scenario,event,statement,
 * text,round,rooms,n,option,label,count,percent,status,shift (one line per
 * row, round and option; event "all" for the pooled rows). */
int eval_measure_text(const EvalMeasure *m, EvalLang lang, Buf *out);
int eval_measure_csv(const EvalMeasure *m, char sep, int header, Buf *out);
int eval_measure_html(const EvalMeasure *m, EvalLang lang, Buf *out);

#endif
