/* eval_store_priv.h - private to the eval module: what eval_room.c needs of
 * an EvalStore, and what eval_store.c needs of eval_room.c.  Not for other
 * modules (they use eval_store.h).
 */
#ifndef EVAL_EVAL_STORE_PRIV_H
#define EVAL_EVAL_STORE_PRIV_H

#include "eval/eval_mac.h"
#include "eval/eval_store.h"

struct sqlite3;

/* The live room's public id ("" when none) and its secret for hashes. */
typedef struct EvalRoomKey {
    char pub[EVAL_PUB_LEN + 1];
    unsigned char secret[EVAL_MAC_LEN];
} EvalRoomKey;

/* eval_store.c: the store's SQLite handle, its live room key, whether it
 * was opened read-only, and its error message for an SQLite code (returns
 * ERR_IO with err filled). */
struct sqlite3 *eval_store_sqlite(EvalStore *s);
EvalRoomKey *eval_store_room_key(EvalStore *s);
int eval_store_is_readonly(const EvalStore *s);
int eval_store_db_error(EvalStore *s, int rc, const char *what, Err *err);

/* eval_room.c: 1 when the live room has stored sid's keyed hash (0 without
 * a room or on error). */
int eval_room_hash_stored(EvalStore *s, const char *sid);
/* eval_room.c, inside a write transaction: stores sid's keyed hash for the
 * live room; *fresh = 0 when it was there already (the submission is
 * stored: skip it).  Returns an SQLite code, SQLITE_DONE on success. */
int eval_room_hash_insert(EvalStore *s, const char *sid, int *fresh);

#endif
