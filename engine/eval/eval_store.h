/* eval_store.h - the durable, anonymous store of evaluation answers (SQLite).
 *
 * One SQLite file (default $XDG_DATA_HOME/spectactor/evaluations.sqlite).
 * Opening refuses a symbolic link, a non-regular file and any schema that
 * is not exactly the store's own (triggers, views, other tables, columns or
 * defaults: a tampered file), before anything is written; then checks that
 * journal_mode=TRUNCATE (a rollback journal cut to 0 bytes after every
 * commit, never a write-ahead log) and synchronous=FULL really are in force,
 * sets secure_delete, makes the file mode 0600 and runs integrity_check;
 * any failure refuses the store, so problems show when `spectactor play`
 * starts, not after the event.  eval_store_open_existing (reports) opens
 * read-only and writes nothing, until eval_store_review_text is called.
 *
 * What is stored: events (random id, scenario id, day YYYY-MM-DD, optional
 * label, questionnaire id), the questionnaire definitions (JSON), closed
 * answers as counters overwritten in place and free texts in fixed-size
 * slots drawn at random (eval_store_answers.c): no byte on disk links the
 * answers of one submission or tells the order of arrival (see "Anonymity
 * on disk" in docs/evaluation.md).  Files of schema 1-3 (a row per answer)
 * are read as they are, and converted when opened for writing.  Never
 * stored: times, IP addresses,
 * user agents, device tokens or submission ids.  Submission ids are kept in
 * memory for the life of the EvalStore only, to store a retried submission
 * once (see docs/evaluation.md).
 *
 * Only the main thread may use an EvalStore.
 */
#ifndef EVAL_EVAL_STORE_H
#define EVAL_EVAL_STORE_H

#include <stddef.h>

#include "core/err.h"
#include "eval/eval.h"
#include "eval/eval_report.h"

#define EVAL_EVENT_ID_LEN 32      /* hex characters of an event id */
#define EVAL_MAX_LABEL_BYTES 120  /* event label typed by the facilitator */
#define EVAL_MAX_PENDING 100000   /* answers kept in memory while the disk fails */
#define EVAL_MAX_BATCH 1024       /* submissions in one group commit */

typedef struct EvalStore EvalStore;

/* Returns the default database path (malloc'ed, caller frees), creating
 * its directory (mode 0700) if needed, or NULL with a message. */
char *eval_store_default_path(Err *err);

/* Opens or creates the store at path (NULL: the default path) and checks it
 * as described above.  Returns NULL with a message on any failure. */
EvalStore *eval_store_open(const char *path, Err *err);
/* Opens an existing store read-only (never creates, writes or chmods it;
 * a symbolic link is refused), e.g. for reports.  eval_store_review_text
 * reopens it for writing; the other writers refuse it. */
EvalStore *eval_store_open_existing(const char *path, Err *err);
/* Tries once more to commit pending answers, then closes.  Answers still
 * pending are lost and reported with log_error (the caller should have
 * emptied the queue with eval_store_retry_pending first).  NULL is fine. */
void eval_store_close(EvalStore *s);
/* The file name the store was opened with (borrowed). */
const char *eval_store_path(const EvalStore *s);

/* Starts an event: stores q (if this exact definition is not there yet)
 * and a new event row with today's date (local time, day only), the
 * scenario id and an optional label (NULL or "").  Writes the new random
 * event id to id_out (EVAL_EVENT_ID_LEN+1 bytes).  Returns 0 or a negative
 * code (ERR_IO for database errors, ERR_INVALID/ERR_LIMIT for bad input). */
int eval_store_begin_event(EvalStore *s, const EvalQuestionnaire *q, const char *scenario_id,
                           const char *label, char id_out[EVAL_EVENT_ID_LEN + 1], Err *err);

/* Looks an event up by id (or by exact label if no id matches; the newest
 * such event).  Fills *info and returns 0, or ERR_NOTFOUND. */
int eval_store_find_event(EvalStore *s, const char *id_or_label, EvalEventInfo *info, Err *err);

/* Loads the questionnaire an event uses (caller frees it), or NULL. */
EvalQuestionnaire *eval_store_event_questionnaire(EvalStore *s, const char *event_id, Err *err);

/* Stores one validated answer set for an event in its own transaction.
 * sid is the client's submission id (may be NULL for kiosk and paper).
 * Returns:
 *   0            committed (durably, fsync'ed), or sid was already
 *                committed before (a retry): tell the student "saved";
 *   ERR_IO       the database failed (disk full, locked, I/O); the answer is
 *                kept in memory and will be committed by
 *                eval_store_retry_pending(); err says so.  Do not tell the
 *                student "saved".  A later submit with the same sid
 *                retries the queue and returns 0 once it is committed;
 *   ERR_LIMIT    the memory queue is full: the answer was not kept;
 *   ERR_INVALID  the answers do not validate, or the event is unknown. */
int eval_store_submit(EvalStore *s, const char *event_id, const EvalAnswers *a, const char *sid,
                      Err *err);

/* Stores one validated answer set in its own durable transaction, or
 * nothing: unlike eval_store_submit, a failure keeps nothing in memory, for
 * callers that hold the answers themselves and retry them (the kiosk form,
 * a paper form), so a retry never stores a form twice.  Returns 0 once
 * committed (fsync'ed), ERR_IO when nothing was stored (err says why),
 * ERR_INVALID for answers that do not validate or an unknown event. */
int eval_store_submit_now(EvalStore *s, const char *event_id, const EvalAnswers *a, Err *err);

/* Group commit: stores up to EVAL_MAX_BATCH answer sets of one event in one
 * transaction.  results[i] gets the per-item code (as eval_store_submit):
 * 0 for items that are durably stored (new or duplicate).  Returns 0 if the
 * transaction committed, ERR_IO if it failed (every valid new item then has
 * ERR_IO and is kept in the memory queue). */
int eval_store_submit_batch(EvalStore *s, const char *event_id, const EvalAnswers *const *a,
                            const char *const *sids, size_t n, int *results, Err *err);

/* Commits the answers kept in memory (one transaction).  Returns 0 when the
 * queue is empty afterwards, ERR_IO (message) when they are still pending. */
int eval_store_retry_pending(EvalStore *s, Err *err);
/* Number of answers kept in memory, not yet committed. */
size_t eval_store_pending(const EvalStore *s);
/* 1 if sid has been durably committed through this EvalStore, or (with a
 * live room) before a restart: its keyed hash is stored. */
int eval_store_sid_committed(EvalStore *s, const char *sid);
/* Number of submissions stored for an event (for the live count), or < 0. */
int eval_store_event_count(EvalStore *s, const char *event_id, Err *err);

/* ---- the live room: what survives an engine restart ---------------------- */

#define EVAL_PUB_LEN 16 /* hex characters of a room's public event id */

typedef struct EvalRoom {
    char code[16];                     /* the room code phones join with */
    char pub[EVAL_PUB_LEN + 1];        /* public id of the event for phones; identifies no one */
    char event[EVAL_EVENT_ID_LEN + 1]; /* its evaluation event, "" until the first answer */
    int poll_seq;                      /* poll ids given so far (never reused) */
    int resumed;                       /* 1: continued a room left without an end */
} EvalRoom;

/* Opens the live room of scenario_id (NULL: "none") and label (NULL: none)
 * for today: the one an engine left without eval_store_room_end (a crash,
 * kill -9, power loss) continues with its code, public id, poll sequence and
 * evaluation event; else a new one with code is stored.  Rooms of other days
 * are deleted.  While a room is open, every committed submission id is also
 * stored as HMAC-SHA-256(room secret, sid), in a table with no link to the
 * answers, so a submission retried after a restart is stored once.
 * Returns 0 or a negative code (ERR_IO). */
int eval_store_room_open(EvalStore *s, const char *scenario_id, const char *label,
                         const char *code, EvalRoom *out, Err *err);
/* Stores room's poll_seq (never lowered) and event (if set). */
int eval_store_room_save(EvalStore *s, const EvalRoom *room, Err *err);
/* The event is over (a clean exit): deletes the live room and its hashes.
 * NULL or no room is fine. */
int eval_store_room_end(EvalStore *s, Err *err);

/* ---- reading (reports) ---------------------------------------------------- */

typedef int (*EvalEventFn)(void *ud, const EvalEventInfo *info);
/* Calls fn for every event, oldest day first; a non-zero return stops. */
int eval_store_each_event(EvalStore *s, EvalEventFn fn, void *ud, Err *err);

/* Adds every answer of the event to t (whose questionnaire must be the
 * event's; question ids are matched).  Returns 0 or a negative code. */
int eval_store_tally_event(EvalStore *s, const char *event_id, EvalTally *t, Err *err);

/* ---- free-text review ------------------------------------------------------ */

typedef struct EvalPendingText {
    char key[33];
    char question[EVAL_MAX_ID];
    char *text; /* owned by the callee; valid during the callback only */
} EvalPendingText;

typedef int (*EvalTextFn)(void *ud, const EvalPendingText *t);
/* Calls fn for every free text not yet reviewed (of the event, or all when
 * event_id is NULL). */
int eval_store_each_pending_text(EvalStore *s, const char *event_id, EvalTextFn fn, void *ud,
                                 Err *err);
/* approve != 0: the text will be shown in reports; 0: the text is deleted
 * (secure_delete overwrites it).  Returns 0 or ERR_NOTFOUND / ERR_IO. */
int eval_store_review_text(EvalStore *s, const char *key, int approve, Err *err);

/* ---- fault injection for tests -------------------------------------------- */

typedef enum { EVAL_FAULT_NONE = 0, EVAL_FAULT_FULL, EVAL_FAULT_BUSY, EVAL_FAULT_IOERR } EvalFault;
/* hook is called before every write transaction is committed, with a
 * counter of write transactions so far; a non-zero EvalFault makes that
 * transaction fail as if SQLite had returned SQLITE_FULL / SQLITE_BUSY /
 * SQLITE_IOERR (it is rolled back).  NULL removes the hook. */
typedef EvalFault (*EvalFaultHook)(void *ud, unsigned long nwrite);
void eval_store_set_fault_hook(EvalStore *s, EvalFaultHook hook, void *ud);

#endif
