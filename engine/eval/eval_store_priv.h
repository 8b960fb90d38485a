/* eval_store_priv.h - what eval_store.c shares with the store's other
 * files (eval_store_answers.c, eval_store_events.c, eval_store_polls.c,
 * eval_room.c).  Private to engine/eval: the
 * store's files are the only ones that include sqlite3.h. */
#ifndef EVAL_EVAL_STORE_PRIV_H
#define EVAL_EVAL_STORE_PRIV_H

#include <sqlite3.h>

#include "core/err.h"
#include "eval/eval_mac.h"
#include "eval/eval_store.h"

/* The live room's public id ("" when none) and its secret for hashes. */
typedef struct EvalRoomKey {
    char pub[EVAL_PUB_LEN + 1];
    unsigned char secret[EVAL_MAC_LEN];
} EvalRoomKey;

/* eval_store_answers.c's count of the text slots of each size (index 0:
 * small, 1: large), kept between submissions instead of counting the table
 * every time.  A size's figures hold while its bit is in `known`: a
 * rollback on the connection and a commit by another connection (SQLite's
 * data_version) forget them all. */
typedef struct EvalSlotCache {
    sqlite3 *db;       /* the connection the figures are of */
    unsigned known;    /* bit per size */
    long long version; /* PRAGMA data_version when they were counted */
    long long total[2], used[2];
} EvalSlotCache;

/* The slot figures of s; borrowed, for the life of s.  fresh != 0 first
 * forgets them when another connection committed since they were counted
 * (one PRAGMA; needed before reading them, not to adjust them inside the
 * write transaction that read them). */
EvalSlotCache *eval_store_slots_(EvalStore *s, int fresh);

/* The connection (borrowed, for the life of s). */
sqlite3 *eval_store_db_(EvalStore *s);
/* 1 if s was opened read-only (a report from read-only media). */
int eval_store_readonly_(const EvalStore *s);
/* Makes a store opened read-only for a report writable (the review's
 * changes only): 0, or a negative code with err set. */
int eval_store_writable_(EvalStore *s, Err *err);
/* Sets err to "path: what: why" for SQLite result rc; returns ERR_IO. */
int eval_store_db_err_(EvalStore *s, int rc, const char *what, Err *err);
/* 1 if s reads a file of schema 1-3 as it is (one row per answer; opened
 * read-only, or reopened for a review). */
int eval_store_legacy_(const EvalStore *s);
/* The live room's key (borrowed, for the life of s). */
EvalRoomKey *eval_store_room_key_(EvalStore *s);

/* eval_room.c: 1 when the live room has stored sid's keyed hash (0 without
 * a room or on error). */
int eval_room_hash_stored(EvalStore *s, const char *sid);
/* eval_room.c, inside a write transaction: stores sid's keyed hash for the
 * live room; *fresh = 0 when it was there already (the submission is
 * stored: skip it).  Returns an SQLite code, SQLITE_DONE on success. */
int eval_room_hash_insert(EvalStore *s, const char *sid, int *fresh);

/* eval_store_answers.c, inside a write transaction: makes every counter of
 * the event's closed questions (at 0).  An SQLite code, SQLITE_DONE. */
int eval_store_counts_prepare_(EvalStore *s, const char *event, const EvalQuestionnaire *q);
/* eval_store_answers.c, inside a write transaction: adds one validated
 * answer set (counters, text slots).  An SQLite code, SQLITE_DONE. */
int eval_store_put_answers_(EvalStore *s, const char *event, const EvalAnswers *a);
/* eval_store_answers.c, inside a write transaction: converts the answers
 * rows of a schema 1-3 file into counters and slots and drops them.  An
 * SQLite code, SQLITE_DONE. */
int eval_store_convert_(EvalStore *s);
/* eval_store_answers.c: replaces the text of a slot awaiting review.  0,
 * ERR_NOTFOUND or ERR_IO (err set). */
int eval_store_slot_redact_(EvalStore *s, const char *key, const char *text, Err *err);

#endif
