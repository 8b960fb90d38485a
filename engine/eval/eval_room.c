/* eval_room.c - the live room of an event in the evaluation store: what
 * survives an engine restart (room code, public id, poll sequence, the
 * evaluation event) and the keyed hashes of committed submission ids that
 * store a retried submission once across restarts (see eval_store.h and
 * docs/evaluation.md).  Uses the store's SQLite handle through
 * eval_store_priv.h; everything else about the store is eval_store.c's.
 */
#include "eval/eval_store_priv.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Runs sql once with text parameters ?1..?3 (NULL binds NULL); an SQLite code. */
static int run3(EvalStore *s, const char *sql, const char *p1, const char *p2, const char *p3)
{
    sqlite3_stmt *st = NULL;
    const char *p[3] = {p1, p2, p3};
    int rc = sqlite3_prepare_v2(eval_store_db_(s), sql, -1, &st, NULL), i = 0;
    for (i = 0; i < 3 && rc == SQLITE_OK; i++)
        if (p[i])
            sqlite3_bind_text(st, i + 1, p[i], -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc;
}

/* The keyed hash of a submission id under the live room's secret, in hex. */
static void sid_hash(const EvalRoomKey *k, const char *sid, char out[2 * EVAL_MAC_LEN + 1])
{
    unsigned char mac[EVAL_MAC_LEN];
    int i = 0;
    eval_hmac_sha256(k->secret, sizeof k->secret, sid, strlen(sid), mac);
    for (i = 0; i < EVAL_MAC_LEN; i++)
        snprintf(out + 2 * i, 3, "%02x", mac[i]);
}

int eval_room_hash_stored(EvalStore *s, const char *sid)
{
    const EvalRoomKey *k = eval_store_room_key_(s);
    char key[2 * EVAL_MAC_LEN + 1];
    if (!k->pub[0] || !sid)
        return 0;
    sid_hash(k, sid, key);
    return run3(s, "SELECT 1 FROM retries WHERE key=?1", key, NULL, NULL) == SQLITE_ROW;
}

int eval_room_hash_insert(EvalStore *s, const char *sid, int *fresh)
{
    const EvalRoomKey *k = eval_store_room_key_(s);
    char key[2 * EVAL_MAC_LEN + 1];
    int rc = SQLITE_DONE;
    *fresh = 1;
    if (k->pub[0]) {
        sid_hash(k, sid, key);
        rc = run3(s, "INSERT OR IGNORE INTO retries(key, room) VALUES(?1, ?2)", key, k->pub, NULL);
        *fresh = sqlite3_changes(eval_store_db_(s)) > 0;
    }
    return rc;
}

/* Copies a found or new room's row (pub, code, secret, poll_seq, event) out.
 * SQLITE_ROW when it did, SQLITE_DONE when there was none, else an error. */
static int room_row(EvalStore *s, const char *sql, const char *const p[4], EvalRoom *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(eval_store_db_(s), sql, -1, &st, NULL), i = 0;
    for (i = 0; i < 4 && rc == SQLITE_OK; i++)
        if (p[i])
            sqlite3_bind_text(st, i + 1, p[i], -1, SQLITE_STATIC);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW &&
        (sqlite3_column_bytes(st, 2) != EVAL_MAC_LEN || !sqlite3_column_text(st, 0) ||
         !sqlite3_column_text(st, 1)))
        rc = SQLITE_CORRUPT; /* a damaged room row: refused, the event gets no room */
    else if (rc == SQLITE_ROW) {
        const unsigned char *ev = sqlite3_column_text(st, 4);
        snprintf(out->pub, sizeof out->pub, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(out->code, sizeof out->code, "%s", (const char *)sqlite3_column_text(st, 1));
        memcpy(eval_store_room_key_(s)->secret, sqlite3_column_blob(st, 2), EVAL_MAC_LEN);
        out->poll_seq = sqlite3_column_int(st, 3);
        snprintf(out->event, sizeof out->event, "%s", ev ? (const char *)ev : "");
    }
    sqlite3_finalize(st);
    return rc;
}

int eval_store_room_open(EvalStore *s, const char *scenario_id, const char *label, const char *code,
                         EvalRoom *out, Err *err)
{
    char day[16];
    time_t now = time(NULL);
    struct tm tmv;
    const char *p[4] = {scenario_id ? scenario_id : "none", day, label ? label : "", code};
    int rc = 0;
    memset(out, 0, sizeof *out);
    memset(&tmv, 0, sizeof tmv);
    if (eval_store_readonly_(s) || !code || !code[0] || strlen(code) >= sizeof out->code)
        return err_set(err, ERR_INVALID, "no room for a read-only store or a bad room code");
    if (!localtime_r(&now, &tmv))
        return err_set(err, ERR_IO, "cannot read the date");
    strftime(day, sizeof day, "%Y-%m-%d", &tmv);
    if ((rc = sqlite3_exec(eval_store_db_(s), "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
        return eval_store_db_err_(s, rc, "room", err);
    /* rooms of other days are over: they and their hashes go (secure_delete) */
    rc = run3(s, "DELETE FROM retries WHERE room IN (SELECT pub FROM rooms WHERE day<>?1)", day,
              NULL, NULL);
    if (rc == SQLITE_DONE)
        rc = run3(s, "DELETE FROM rooms WHERE day<>?1", day, NULL, NULL);
    /* a room an engine left without ending it (crash, kill, power loss) continues */
    if (rc == SQLITE_DONE)
        rc = room_row(s,
                      "SELECT pub, code, secret, poll_seq, event FROM rooms "
                      "WHERE scenario=?1 AND day=?2 AND label=?3 AND ?4 IS NOT NULL",
                      p, out);
    out->resumed = rc == SQLITE_ROW;
    if (rc == SQLITE_DONE)
        rc = room_row(s,
                      "INSERT INTO rooms(pub, scenario, day, label, code, secret, poll_seq) "
                      "VALUES(lower(hex(randomblob(8))), ?1, ?2, ?3, ?4, randomblob(32), 0) "
                      "RETURNING pub, code, secret, poll_seq, event",
                      p, out);
    if (rc != SQLITE_ROW ||
        (rc = sqlite3_exec(eval_store_db_(s), "COMMIT", NULL, NULL, NULL)) != SQLITE_OK) {
        eval_store_db_err_(s, rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_ERROR : rc, "room",
                            err);
        sqlite3_exec(eval_store_db_(s), "ROLLBACK", NULL, NULL, NULL);
        memset(out, 0, sizeof *out);
        return ERR_IO;
    }
    snprintf(eval_store_room_key_(s)->pub, EVAL_PUB_LEN + 1, "%s", out->pub);
    return 0;
}

int eval_store_room_save(EvalStore *s, const EvalRoom *room, Err *err)
{
    char seq[16];
    int rc = 0;
    const EvalRoomKey *k = eval_store_room_key_(s);
    if (!k->pub[0] || strcmp(room->pub, k->pub) != 0)
        return err_set(err, ERR_STATE, "no live room");
    snprintf(seq, sizeof seq, "%d", room->poll_seq);
    rc = run3(s,
              "UPDATE rooms SET poll_seq=max(poll_seq, CAST(?1 AS INTEGER)), event=?2 WHERE pub=?3",
              seq, room->event[0] ? room->event : NULL, room->pub);
    return rc == SQLITE_DONE ? 0 : eval_store_db_err_(s, rc, "room", err);
}

int eval_store_room_end(EvalStore *s, Err *err)
{
    EvalRoomKey *k = s ? eval_store_room_key_(s) : NULL;
    sqlite3 *db = s ? eval_store_db_(s) : NULL;
    int rc = 0;
    if (!k || !k->pub[0])
        return 0;
    if ((rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
        return eval_store_db_err_(s, rc, "end room", err);
    rc = run3(s, "DELETE FROM retries WHERE room=?1", k->pub, NULL, NULL);
    if (rc == SQLITE_DONE)
        rc = run3(s, "DELETE FROM rooms WHERE pub=?1", k->pub, NULL, NULL);
    if (rc != SQLITE_DONE || (rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return eval_store_db_err_(s, rc, "end room", err);
    }
    memset(k, 0, sizeof *k);
    return 0;
}
