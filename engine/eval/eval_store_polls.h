/* eval_store_polls.h - the store's record of the room's answers at every
 * stop (totals only) and of per-event facts (attendance, structured labels).
 *
 * Tables (created with the others, see eval_store.c):
 *   polls(key, event, seq, beat, kind, pass, result, voted, hands, phones)
 *     one row per decided poll: random key, order in the event (seq), the
 *     hands and phones per option as "4,17,2".  Never a phone's vote, a
 *     token or a time.
 *   event_facts(event, name, value)
 *     "attendance" (the class size the facilitator typed) and "label:NAME"
 *     for structured labels (school, grade, municipality).
 * Files written before these tables existed read as having none.  Main
 * thread only, like the rest of the store.
 */
#ifndef EVAL_EVAL_STORE_POLLS_H
#define EVAL_EVAL_STORE_POLLS_H

#include "eval/eval_polls.h"
#include "eval/eval_store.h"

#define EVAL_MAX_FACT_NAME 40   /* bytes of a fact name ("label:school") */
#define EVAL_MAX_FACT_VALUE 120 /* bytes of a fact value */
#define EVAL_MAX_POLLS 4096     /* polls read for one event */

/* Stores the totals of one decided poll of the event (which must exist) in
 * its own transaction; r->seq is set to the next number of the event.
 * Returns 0 once committed, ERR_INVALID for a bad record or unknown event,
 * ERR_STATE when read-only, ERR_IO for database errors. */
int eval_store_add_poll(EvalStore *s, const char *event_id, EvalPollRecord *r, Err *err);

/* Reads the event's polls (ordered by seq) into a new array (*out, caller
 * frees; NULL with *n == 0 when there are none).  Rows that do not
 * validate are skipped with a count in *bad (may be NULL).  Returns 0 or a
 * negative code. */
int eval_store_event_polls(EvalStore *s, const char *event_id, EvalPollRecord **out, int *n,
                           int *bad, Err *err);

/* Sets (or replaces) a fact of the event: name is [a-z0-9_:] up to
 * EVAL_MAX_FACT_NAME bytes, value UTF-8 up to EVAL_MAX_FACT_VALUE bytes.
 * Returns 0, ERR_INVALID, ERR_LIMIT, ERR_STATE or ERR_IO. */
int eval_store_set_fact(EvalStore *s, const char *event_id, const char *name, const char *value,
                        Err *err);

typedef int (*EvalFactFn)(void *ud, const char *name, const char *value);
/* Calls fn for every fact of the event, by name; non-zero stops. */
int eval_store_each_fact(EvalStore *s, const char *event_id, EvalFactFn fn, void *ud, Err *err);

/* Replaces a free text not yet reviewed by a redacted version (a name
 * taken out) before it is approved; secure_delete overwrites the old one.
 * text must be valid UTF-8 of at most EVAL_MAX_TEXT bytes.  Returns 0,
 * ERR_NOTFOUND (no such pending text), ERR_INVALID, ERR_STATE or ERR_IO. */
int eval_store_redact_text(EvalStore *s, const char *key, const char *text, Err *err);

#endif
