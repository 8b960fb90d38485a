/* eval_store_answers.c - how the evaluation store keeps answers so that no
 * byte of its files links the answers of one submission or tells the order
 * in which they arrived (schema version 4; see docs/evaluation.md).
 *
 * Closed answers (single, yes/no, multi) are counters, one row per event,
 * question and option, made when the event begins and incremented in place:
 * a count is an 8-byte REAL in a column without affinity, so its row never
 * changes size and SQLite overwrites it where it lies.  There is no row per
 * submission at all.
 *
 * Free texts go to slots: rows of a fixed record size (the text padded with
 * a zero blob; one size for short texts, one for long ones), made in bulk
 * in the order of random row ids.  A text is
 * written into an empty slot drawn at random, in place (same
 * size), so where it lies depends on the dice, not on when it came.  When
 * half the slots of a size are used, they are all rebuilt twice as many,
 * every text moved to a new random slot.
 *
 * Older files (schema 1-3: one row per answer) are read as they are when
 * opened read-only, and converted (then VACUUMed) when opened for writing.
 */
#include "eval/eval_store_priv.h"

#include "core/buf.h"
#include "core/log.h"
#include "core/utf8.h"

#include <assert.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two sizes of slot (the record size is also the value of column size), so
 * that the usual short comment does not take a 4 KiB page: */
#define SLOT_SMALL 400 /* texts of at most SMALL_TEXT bytes */
#define SMALL_TEXT 240
#define SLOT_LARGE 2160 /* the others (at most EVAL_MAX_TEXT bytes) */
#define SLOT_MIN 32     /* slots of one size made at first */
#define KEY_HEX 32

/* ---- counters ------------------------------------------------------------ */

/* Adds d to counter (event, question, value), making it if missing.  An
 * SQLite code, SQLITE_DONE on success. */
static int count_add(sqlite3 *db, const char *event, const char *question, long long value,
                     double d)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "UPDATE counts SET n=n+?4 WHERE event=?1 AND question=?2"
                                " AND value=?3",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, question, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, value);
    sqlite3_bind_double(st, 4, d);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE || sqlite3_changes(db) > 0)
        return rc;
    rc = sqlite3_prepare_v2(db,
                            "INSERT INTO counts(event, question, value, n) VALUES(?1, ?2, ?3,"
                            " ?4 + 0.0)",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, question, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, value);
    sqlite3_bind_double(st, 4, d);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc;
}

int eval_store_counts_prepare_(EvalStore *s, const char *event, const EvalQuestionnaire *q)
{
    sqlite3 *db = eval_store_db_(s);
    int rc = count_add(db, event, "", 0, 0.0), i = 0, k = 0;
    for (i = 0; i < eval_q_count(q) && rc == SQLITE_DONE; i++) {
        if (eval_q_kind(q, i) == EVAL_TEXT)
            continue;
        for (k = 0; k <= eval_q_option_count(q, i) && rc == SQLITE_DONE; k++)
            rc = count_add(db, event, eval_q_question_id(q, i), k, 0.0);
    }
    return rc;
}

/* ---- text slots ---------------------------------------------------------- */

static int varint_len(long long v)
{
    return v < 128 ? 1 : v < 16384 ? 2 : 3;
}

/* The slot size for a text of len bytes. */
static int slot_size(size_t len)
{
    return len <= SMALL_TEXT ? SLOT_SMALL : SLOT_LARGE;
}

/* Bytes of zero padding that make a texts record (id, size, key, event,
 * question, reviewed, text, pad) size bytes long, or -1 if it cannot.  The
 * header: its length, id (NULL), size (2-byte integer), reviewed (0 or 1:
 * no body) one byte each, the texts and pad one or two. */
static int pad_len(int size, size_t key, size_t event, size_t question, size_t text)
{
    long long used =
        1 + 1 + 1 + 1 + 2 + varint_len(2 * (long long)key + 13) +
        varint_len(2 * (long long)event + 13) + varint_len(2 * (long long)question + 13) +
        varint_len(2 * (long long)text + 13) + (long long)(key + event + question + text);
    int vl = 0;
    for (vl = 1; vl <= 2; vl++) {
        long long p = size - used - vl;
        if (p >= 0 && varint_len(2 * p + 12) == vl)
            return (int)p;
    }
    return -1;
}

static void random_key(char out[KEY_HEX + 1])
{
    unsigned char r[KEY_HEX / 2];
    int i = 0;
    sqlite3_randomness((int)sizeof r, r);
    for (i = 0; i < KEY_HEX / 2; i++)
        snprintf(out + 2 * i, 3, "%02x", r[i]);
}

/* Writes slot id of size (UPDATE, or INSERT when insert): empty when event
 * is NULL.  SQLITE_DONE, SQLITE_TOOBIG for a text that does not fit. */
static int slot_write(sqlite3 *db, int insert, sqlite3_int64 id, int size, const char *key,
                      const char *event, const char *question, int reviewed, const char *text)
{
    sqlite3_stmt *st = NULL;
    int pad = 0, rc = 0;
    if (!event)
        event = question = text = "";
    pad = pad_len(size, strlen(key), strlen(event), strlen(question), strlen(text));
    if (pad < 0)
        return SQLITE_TOOBIG;
    rc = sqlite3_prepare_v2(db,
                            insert ? "INSERT INTO texts(id, size, key, event, question,"
                                     " reviewed, text, pad) VALUES(?1, ?8, ?2, ?3, ?4, ?5, ?6,"
                                     " zeroblob(?7))"
                                   : "UPDATE texts SET key=?2, event=?3, question=?4,"
                                     " reviewed=?5, text=?6, pad=zeroblob(?7) WHERE id=?1"
                                     " AND size=?8",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, event, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, question, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, reviewed ? 1 : 0);
    sqlite3_bind_text(st, 6, text, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, pad);
    sqlite3_bind_int(st, 8, size);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc;
}

typedef struct SlotText {
    char key[KEY_HEX + 1];
    char event[EVAL_EVENT_ID_LEN + 1];
    char question[EVAL_MAX_ID];
    int reviewed;
    char *text;
} SlotText;

static void slot_texts_free(SlotText *t, size_t n)
{
    size_t i = 0;
    for (i = 0; t && i < n; i++)
        free(t[i].text);
    free(t);
}

/* Room for one more text at the end of *t (n used, cap allocated): the
 * entry t[n], zeroed, or NULL out of memory.  The caller counts it in n. */
static SlotText *slot_texts_grow(SlotText **t, size_t n, size_t *cap)
{
    if (n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        SlotText *nt = realloc(*t, nc * sizeof *nt);
        if (!nt)
            return NULL;
        *t = nt;
        *cap = nc;
    }
    memset(&(*t)[n], 0, sizeof(*t)[n]);
    return &(*t)[n];
}

static int cmp_i64(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return x < y ? -1 : x > y;
}

/* Appends the used slots of size to *t (n, cap).  An SQLite code
 * (SQLITE_DONE). */
static int slots_read(sqlite3 *db, int size, SlotText **t, size_t *n, size_t *cap)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT key, event, question, reviewed, text FROM texts"
                                " WHERE event<>'' AND size=?1",
                                -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int(st, 1, size);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        SlotText *x = NULL;
        const char *v[5];
        int i = 0;
        if ((rc = sqlite3_step(st)) != SQLITE_ROW)
            break;
        if (!(x = slot_texts_grow(t, *n, cap))) {
            rc = SQLITE_NOMEM;
            break;
        }
        for (i = 0; i < 5; i++)
            v[i] = (const char *)sqlite3_column_text(st, i);
        snprintf(x->key, sizeof x->key, "%s", v[0] ? v[0] : "");
        snprintf(x->event, sizeof x->event, "%s", v[1] ? v[1] : "");
        snprintf(x->question, sizeof x->question, "%s", v[2] ? v[2] : "");
        x->reviewed = sqlite3_column_int(st, 3);
        if (!(x->text = core_strdup(v[4] ? v[4] : ""))) {
            rc = SQLITE_NOMEM;
            break;
        }
        (*n)++;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Replaces the slots of size by cap slots with fresh random ids, written in
 * id order, the n texts of t each in a slot drawn at random.  An SQLite
 * code (SQLITE_DONE). */
static int slots_rebuild(sqlite3 *db, int size, const SlotText *t, size_t n, size_t cap)
{
    sqlite3_int64 *ids = calloc(cap, sizeof *ids);
    size_t *who = calloc(cap, sizeof *who), i = 0, j = 0;
    int rc = SQLITE_DONE;
    if (!ids || !who) {
        free(ids);
        free(who);
        return SQLITE_NOMEM;
    }
    for (i = 0; i < cap; i++) {
        do {
            sqlite3_randomness((int)sizeof ids[i], &ids[i]);
            ids[i] &= INT64_MAX;
        } while (ids[i] == 0);
    }
    qsort(ids, cap, sizeof *ids, cmp_i64);
    for (i = 1; i < cap; i++)
        if (ids[i] == ids[i - 1])
            ids[i] = ids[i - 1] + 1; /* 2^-63: keep them distinct, still sorted */
    /* who[i] = 1 + index of the text in slot i (0: empty), by a shuffle */
    for (i = 0; i < cap; i++)
        who[i] = i < n ? i + 1 : 0;
    for (i = cap - 1; i > 0; i--) {
        unsigned long long r = 0;
        size_t tmp = 0;
        sqlite3_randomness((int)sizeof r, &r);
        j = (size_t)(r % (i + 1));
        tmp = who[i];
        who[i] = who[j];
        who[j] = tmp;
    }
    {
        char sql[64];
        snprintf(sql, sizeof sql, "DELETE FROM texts WHERE size=%d", size);
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? SQLITE_DONE
                                                                  : sqlite3_errcode(db);
    }
    for (i = 0; i < cap && rc == SQLITE_DONE; i++) {
        char key[KEY_HEX + 1];
        if (who[i]) {
            const SlotText *x = &t[who[i] - 1];
            rc = slot_write(db, 1, ids[i], size, x->key, x->event, x->question, x->reviewed,
                            x->text);
        } else {
            random_key(key);
            rc = slot_write(db, 1, ids[i], size, key, NULL, NULL, 0, NULL);
        }
    }
    free(ids);
    free(who);
    return rc;
}

static int slot_index(int size)
{
    assert(size == SLOT_SMALL || size == SLOT_LARGE);
    return size == SLOT_SMALL ? 0 : 1;
}

/* Slots of size and slots of size used: an SQLite code (SQLITE_DONE).
 * Counted once, then kept in the store's slot figures (EvalSlotCache). */
static int slots_count(EvalStore *s, int size, long long *total, long long *used)
{
    EvalSlotCache *c = eval_store_slots_(s, 1);
    sqlite3_stmt *st = NULL;
    int k = slot_index(size), rc = SQLITE_OK;
    *total = *used = 0;
    if (c->known & (1u << k)) {
        *total = c->total[k];
        *used = c->used[k];
        return SQLITE_DONE;
    }
    rc = sqlite3_prepare_v2(eval_store_db_(s),
                            "SELECT count(*), total(event<>'') FROM texts WHERE size=?1", -1, &st,
                            NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int(st, 1, size);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *total = sqlite3_column_int64(st, 0);
        *used = (long long)sqlite3_column_double(st, 1);
        rc = SQLITE_DONE;
        c->total[k] = *total;
        c->used[k] = *used;
        c->known |= 1u << k;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Makes room in the slots of size for need more texts (at most half of them
 * used), adding the extra texts (of that size) first; an SQLite code
 * (SQLITE_DONE). */
static int slots_reserve(EvalStore *s, int size, size_t need, const SlotText *extra,
                         size_t nextra)
{
    sqlite3 *db = eval_store_db_(s);
    long long total = 0, used = 0;
    SlotText *t = NULL;
    size_t n = 0, cap = 0, slots = 0, i = 0;
    int rc = slots_count(s, size, &total, &used);
    if (rc != SQLITE_DONE)
        return rc;
    if (!nextra && (size_t)(used + (long long)need) * 2 <= (size_t)total)
        return SQLITE_DONE;
    rc = slots_read(db, size, &t, &n, &cap);
    for (i = 0; i < nextra && rc == SQLITE_DONE; i++) {
        if (!slot_texts_grow(&t, n, &cap)) {
            rc = SQLITE_NOMEM;
            break;
        }
        t[n] = extra[i];
        if (!(t[n].text = core_strdup(extra[i].text))) {
            rc = SQLITE_NOMEM;
            break;
        }
        n++;
    }
    for (slots = total > SLOT_MIN ? (size_t)total : SLOT_MIN; (n + need) * 2 > slots; slots *= 2)
        ;
    if (rc == SQLITE_DONE)
        rc = slots_rebuild(db, size, t, n, slots);
    eval_store_slots_(s, 0)->known &= ~(1u << slot_index(size)); /* counted again when needed */
    slot_texts_free(t, n);
    return rc;
}

/* Writes one text into an empty slot of its size drawn at random
 * (slots_reserve first, so at most half the slots of a size are used),
 * under key (NULL: a new random one).  A draw is the first row at or after
 * a random row id (wrapping around), taken when it is an empty slot of the
 * size and drawn again otherwise: a few b-tree lookups where skipping to a
 * random one of the empty slots would read the whole table for every text.
 * A row's chance is the width of the id gap before it, fixed when the slots
 * were made (the ids are random), so where a text lands depends on the draw
 * and never on which slots were filled before it (taking "the next empty
 * slot" instead would put a submission's texts side by side). */
static int slot_put(EvalStore *s, const char *key, const char *event, const char *question,
                    const char *text)
{
    sqlite3 *db = eval_store_db_(s);
    sqlite3_stmt *at = NULL, *first = NULL, *st = NULL;
    sqlite3_int64 r = 0, id = 0;
    char fresh[KEY_HEX + 1];
    int size = slot_size(strlen(text)), rc = SQLITE_OK, tries = 0, found = 0;
    rc = sqlite3_prepare_v2(db,
                            "SELECT id, event='' AND size=?2 FROM texts WHERE id>=?1 "
                            "ORDER BY id LIMIT 1",
                            -1, &at, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(
            db, "SELECT id, event='' AND size=?1 FROM texts ORDER BY id LIMIT 1", -1, &first, NULL);
    for (tries = 0; rc == SQLITE_OK && tries < 100000 && !found; tries++) {
        sqlite3_randomness((int)sizeof r, &r);
        sqlite3_reset(at);
        sqlite3_bind_int64(at, 1, r);
        sqlite3_bind_int(at, 2, size);
        st = at;
        rc = sqlite3_step(at);
        if (rc == SQLITE_DONE) { /* past the last row: the first one */
            sqlite3_reset(first);
            sqlite3_bind_int(first, 1, size);
            st = first;
            rc = sqlite3_step(first);
        }
        if (rc != SQLITE_ROW)
            break;
        found = sqlite3_column_int(st, 1);
        id = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(at);
    sqlite3_finalize(first);
    if (!found)
        return rc == SQLITE_OK || rc == SQLITE_DONE ? SQLITE_INTERNAL : rc;
    if (!key) {
        random_key(fresh);
        key = fresh;
    }
    rc = slot_write(db, 0, id, size, key, event, question, 0, text);
    if (rc == SQLITE_DONE)
        eval_store_slots_(s, 0)->used[slot_index(size)]++; /* a rollback forgets it */
    return rc;
}

/* ---- writing a submission ------------------------------------------------ */

int eval_store_put_answers_(EvalStore *s, const char *event, const EvalAnswers *a)
{
    sqlite3 *db = eval_store_db_(s);
    int rc = SQLITE_DONE, i = 0, k = 0;
    size_t nsmall = 0, nlarge = 0;
    for (i = 0; i < eval_q_count(a->q); i++)
        if (a->a[i].present && eval_q_kind(a->q, i) == EVAL_TEXT) {
            if (slot_size(strlen(a->a[i].text)) == SLOT_SMALL)
                nsmall++;
            else
                nlarge++;
        }
    if (nsmall && (rc = slots_reserve(s, SLOT_SMALL, nsmall, NULL, 0)) != SQLITE_DONE)
        return rc;
    if (nlarge && (rc = slots_reserve(s, SLOT_LARGE, nlarge, NULL, 0)) != SQLITE_DONE)
        return rc;
    rc = count_add(db, event, "", 0, 1.0);
    for (i = 0; i < eval_q_count(a->q) && rc == SQLITE_DONE; i++) {
        const EvalAnswer *an = &a->a[i];
        const char *qid = eval_q_question_id(a->q, i);
        if (!an->present)
            continue;
        switch (eval_q_kind(a->q, i)) {
        case EVAL_SINGLE:
        case EVAL_YESNO:
            rc = count_add(db, event, qid, 0, 1.0);
            if (rc == SQLITE_DONE)
                rc = count_add(db, event, qid, an->choice, 1.0);
            break;
        case EVAL_MULTI:
            rc = count_add(db, event, qid, 0, 1.0);
            for (k = 0; k < EVAL_MAX_OPTIONS && rc == SQLITE_DONE; k++)
                if (an->mask & (1u << k))
                    rc = count_add(db, event, qid, k + 1, 1.0);
            break;
        case EVAL_TEXT: rc = slot_put(s, NULL, event, qid, an->text); break;
        }
    }
    return rc;
}

/* ---- reading -------------------------------------------------------------- */

/* Feeds the multi counters of one question to t: answered masks, option k
 * in c[k] of them.  Each option goes to the next c[k] answers in turn, so
 * every answer gets at least one option and the per-option counts are
 * exactly the stored ones (which masks went together is not stored). */
static int tally_multi(EvalTally *t, const char *qid, long long answered, const long long *c)
{
    long long *mask = NULL, pos = 0, j = 0;
    int k = 0, rc = 0;
    if (answered <= 0)
        return 0;
    if (!(mask = calloc((size_t)answered, sizeof *mask)))
        return ERR_NOMEM;
    for (k = 0; k < EVAL_MAX_OPTIONS; k++)
        for (j = 0; j < c[k] && j < answered; j++, pos++)
            mask[pos % answered] |= 1LL << k;
    for (j = 0; j < answered && rc == 0; j++)
        rc = eval_tally_add(t, qid, mask[j], NULL, 0);
    free(mask);
    return rc;
}

static int tally_counts(EvalStore *s, const char *event_id, EvalTally *t, Err *err)
{
    EvalQuestionnaire *q = eval_store_event_questionnaire(s, event_id, err);
    sqlite3_stmt *st = NULL;
    char cur[EVAL_MAX_ID];
    long long answered = 0, c[EVAL_MAX_OPTIONS], j = 0;
    int rc = 0, res = 0, multi = 0;
    if (!q)
        return ERR_IO;
    cur[0] = '\0';
    memset(c, 0, sizeof c);
    rc = sqlite3_prepare_v2(eval_store_db_(s),
                            "SELECT question, value, CAST(n AS INTEGER) FROM"
                            " counts WHERE event=?1 AND question<>'' ORDER BY question, value",
                            -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    while (res == 0 && rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *qid = (const char *)sqlite3_column_text(st, 0);
        long long v = sqlite3_column_int64(st, 1), n = sqlite3_column_int64(st, 2);
        int qi = 0;
        rc = SQLITE_OK;
        if (!qid)
            continue;
        if (strcmp(qid, cur) != 0) {
            if (multi)
                res = tally_multi(t, cur, answered, c);
            snprintf(cur, sizeof cur, "%s", qid);
            qi = eval_q_find(q, qid);
            multi = qi >= 0 && eval_q_kind(q, qi) == EVAL_MULTI;
            answered = 0;
            memset(c, 0, sizeof c);
        }
        if (multi && v == 0)
            answered = n;
        else if (multi && v >= 1 && v <= EVAL_MAX_OPTIONS)
            c[v - 1] = n;
        else if (v != 0)
            for (j = 0; j < n && res == 0; j++)
                res = eval_tally_add(t, qid, v, NULL, 0);
    }
    if (res == 0 && multi)
        res = tally_multi(t, cur, answered, c);
    sqlite3_finalize(st);
    eval_q_free(q);
    if (res < 0)
        return err_set(err, ERR_NOMEM, "out of memory");
    if (rc != SQLITE_DONE && rc != SQLITE_OK)
        return eval_store_db_err_(s, rc, "read answers", err);
    rc = sqlite3_prepare_v2(eval_store_db_(s),
                            "SELECT question, text, reviewed FROM texts"
                            " WHERE event=?1 ORDER BY key",
                            -1, &st, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    while (res == 0 && rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *qid = (const char *)sqlite3_column_text(st, 0);
        res = eval_tally_add(t, qid ? qid : "", 0, (const char *)sqlite3_column_text(st, 1),
                             sqlite3_column_int(st, 2));
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (res < 0)
        return err_set(err, ERR_NOMEM, "out of memory");
    return rc == SQLITE_DONE || rc == SQLITE_OK ? 0 : eval_store_db_err_(s, rc, "read texts", err);
}

/* A file of schema 1-3 opened read-only: one row per answer. */
static int tally_rows(EvalStore *s, const char *event_id, EvalTally *t, Err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(eval_store_db_(s),
                                "SELECT question, value, text, reviewed FROM answers"
                                " WHERE event=?1 ORDER BY key",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return eval_store_db_err_(s, rc, "read answers", err);
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *qid = (const char *)sqlite3_column_text(st, 0);
        const char *text = (const char *)sqlite3_column_text(st, 2);
        if (eval_tally_add(t, qid ? qid : "", sqlite3_column_int64(st, 1), text,
                           sqlite3_column_int(st, 3)) < 0) {
            sqlite3_finalize(st);
            return err_set(err, ERR_NOMEM, "out of memory");
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : eval_store_db_err_(s, rc, "read answers", err);
}

int eval_store_tally_event(EvalStore *s, const char *event_id, EvalTally *t, Err *err)
{
    int rc =
        eval_store_legacy_(s) ? tally_rows(s, event_id, t, err) : tally_counts(s, event_id, t, err);
    int n = 0, i = 0;
    if (rc < 0)
        return rc;
    n = eval_store_event_count(s, event_id, err);
    if (n < 0)
        return n;
    for (i = 0; i < n; i++)
        eval_tally_add_respondent(t);
    return 0;
}

int eval_store_each_pending_text(EvalStore *s, const char *event_id, EvalTextFn fn, void *ud,
                                 Err *err)
{
    sqlite3_stmt *st = NULL;
    EvalPendingText pt;
    SlotText *t = NULL;
    size_t n = 0, cap = 0, i = 0;
    int rc = sqlite3_prepare_v2(
        eval_store_db_(s),
        eval_store_legacy_(s) ? "SELECT key, question, text FROM answers WHERE text IS NOT"
                                " NULL AND reviewed=0 AND (?1 IS NULL OR event=?1) ORDER BY key"
                              : "SELECT key, question, text FROM texts WHERE event<>''"
                                " AND reviewed=0 AND (?1 IS NULL OR event=?1) ORDER BY key",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return eval_store_db_err_(s, rc, "read texts", err);
    if (event_id)
        sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    /* read them all first: the callback may review them, and with a
     * rollback journal a statement still reading would lock its writes out */
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        const char *q = (const char *)sqlite3_column_text(st, 1);
        const char *x = (const char *)sqlite3_column_text(st, 2);
        if (!slot_texts_grow(&t, n, &cap)) {
            rc = SQLITE_NOMEM;
            break;
        }
        snprintf(t[n].key, sizeof t[n].key, "%s", k ? k : "");
        snprintf(t[n].question, sizeof t[n].question, "%s", q ? q : "");
        if (!(t[n].text = core_strdup(x ? x : ""))) {
            rc = SQLITE_NOMEM;
            break;
        }
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        slot_texts_free(t, n);
        return rc == SQLITE_NOMEM ? err_set(err, ERR_NOMEM, "out of memory")
                                  : eval_store_db_err_(s, rc, "read texts", err);
    }
    for (i = 0; i < n; i++) {
        memset(&pt, 0, sizeof pt);
        snprintf(pt.key, sizeof pt.key, "%s", t[i].key);
        snprintf(pt.question, sizeof pt.question, "%s", t[i].question);
        pt.text = t[i].text;
        if (fn(ud, &pt) != 0)
            break;
    }
    slot_texts_free(t, n);
    return 0;
}

/* The slot of the text with key (used, and not yet reviewed when pending):
 * SQLITE_ROW with *id and *t filled, SQLITE_DONE when none, else an error. */
static int slot_find(sqlite3 *db, const char *key, int pending, sqlite3_int64 *id, int *size,
                     SlotText *t)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT id, event, question, reviewed, size FROM texts WHERE"
                                " key=?1 AND event<>'' AND (?2=0 OR reviewed=0)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, key ? key : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, pending);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memset(t, 0, sizeof *t);
        *id = sqlite3_column_int64(st, 0);
        snprintf(t->key, sizeof t->key, "%s", key);
        snprintf(t->event, sizeof t->event, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(t->question, sizeof t->question, "%s", (const char *)sqlite3_column_text(st, 2));
        t->reviewed = sqlite3_column_int(st, 3);
        *size = sqlite3_column_int(st, 4);
    }
    sqlite3_finalize(st);
    return rc;
}

int eval_store_review_text(EvalStore *s, const char *key, int approve, Err *err)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    sqlite3_int64 id = 0;
    SlotText t;
    int size = 0, rc = eval_store_writable_(s, err);
    if (rc != 0)
        return rc;
    db = eval_store_db_(s);
    if (eval_store_legacy_(s)) {
        rc = sqlite3_prepare_v2(db,
                                approve ? "UPDATE answers SET reviewed=1 WHERE key=?1 AND text"
                                          " IS NOT NULL"
                                        : "DELETE FROM answers WHERE key=?1 AND text IS NOT NULL",
                                -1, &st, NULL);
        if (rc != SQLITE_OK)
            return eval_store_db_err_(s, rc, "review", err);
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            return eval_store_db_err_(s, rc, "review", err);
        if (sqlite3_changes(db) == 0)
            return err_set(err, ERR_NOTFOUND, "no text with key '%s'", key);
        return 0;
    }
    rc = slot_find(db, key, 0, &id, &size, &t);
    if (rc == SQLITE_DONE)
        return err_set(err, ERR_NOTFOUND, "no text with key '%s'", key);
    if (rc != SQLITE_ROW)
        return eval_store_db_err_(s, rc, "review", err);
    /* approving changes one flag in place; deleting empties the slot in place */
    if (approve)
        rc = sqlite3_prepare_v2(db, "UPDATE texts SET reviewed=1 WHERE id=?1", -1, &st, NULL) ==
                     SQLITE_OK
                 ? (sqlite3_bind_int64(st, 1, id), sqlite3_step(st))
                 : sqlite3_errcode(db);
    else if ((rc = slot_write(db, 0, id, size, t.key, NULL, NULL, 0, NULL)) == SQLITE_DONE)
        eval_store_slots_(s, 0)->used[slot_index(size)]--;
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : eval_store_db_err_(s, rc, "review", err);
}

int eval_store_slot_redact_(EvalStore *s, const char *key, const char *text, Err *err)
{
    sqlite3 *db = eval_store_db_(s);
    sqlite3_int64 id = 0;
    SlotText t;
    int size = 0, rc = slot_find(db, key, 1, &id, &size, &t);
    if (rc == SQLITE_DONE)
        return err_set(err, ERR_NOTFOUND, "no text awaiting review with key '%s'", key ? key : "");
    if (rc == SQLITE_ROW && slot_size(strlen(text)) == size) {
        rc = slot_write(db, 0, id, size, t.key, t.event, t.question, 0, text); /* in place */
    } else if (rc == SQLITE_ROW) {
        /* another size: to a random slot of that size, the old one emptied,
         * in one transaction */
        int nsize = slot_size(strlen(text));
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK
                 ? slots_reserve(s, nsize, 1, NULL, 0)
                 : sqlite3_errcode(db);
        if (rc == SQLITE_DONE &&
            (rc = slot_write(db, 0, id, size, t.key, NULL, NULL, 0, NULL)) == SQLITE_DONE)
            eval_store_slots_(s, 0)->used[slot_index(size)]--;
        if (rc == SQLITE_DONE)
            rc = slot_put(s, t.key, t.event, t.question, text);
        if (rc == SQLITE_DONE)
            rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? SQLITE_DONE
                                                                           : sqlite3_errcode(db);
        if (rc != SQLITE_DONE && !sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    return rc == SQLITE_DONE ? 0 : eval_store_db_err_(s, rc, "redact", err);
}

/* ---- converting a file of schema 1-3 ----------------------------------- */

/* Inside the caller's transaction: the counters and texts of every event
 * from the answers and submissions tables, which are then dropped.  An
 * SQLite code (SQLITE_DONE). */
int eval_store_convert_(EvalStore *s)
{
    sqlite3 *db = eval_store_db_(s);
    sqlite3_stmt *ev = NULL, *st = NULL;
    SlotText *t = NULL;
    size_t n = 0, cap = 0;
    int rc = sqlite3_prepare_v2(db, "SELECT id FROM events", -1, &ev, NULL);
    while (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) {
        char id[EVAL_EVENT_ID_LEN + 1];
        EvalQuestionnaire *q = NULL;
        Err e;
        if ((rc = sqlite3_step(ev)) != SQLITE_ROW)
            break;
        snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(ev, 0));
        err_clear(&e);
        if ((q = eval_store_event_questionnaire(s, id, &e)) != NULL)
            rc = eval_store_counts_prepare_(s, id, q);
        else
            rc = count_add(db, id, "", 0, 0.0);
        if (rc == SQLITE_DONE)
            rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM submissions WHERE event=?1", -1, &st,
                                    NULL);
        if (rc == SQLITE_DONE || rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
            rc = sqlite3_step(st) == SQLITE_ROW
                     ? count_add(db, id, "", 0, (double)sqlite3_column_int64(st, 0))
                     : sqlite3_errcode(db);
        }
        sqlite3_finalize(st);
        st = NULL;
        if (rc == SQLITE_DONE)
            rc = sqlite3_prepare_v2(db,
                                    "SELECT key, question, value, text, reviewed FROM answers"
                                    " WHERE event=?1",
                                    -1, &st, NULL);
        if (rc == SQLITE_OK)
            sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *k = (const char *)sqlite3_column_text(st, 0);
            const char *qid = (const char *)sqlite3_column_text(st, 1);
            const char *text = (const char *)sqlite3_column_text(st, 3);
            long long v = sqlite3_column_int64(st, 2);
            int qi = q && qid ? eval_q_find(q, qid) : -1, b = 0;
            rc = SQLITE_OK;
            if (!qid)
                continue;
            if (text) {
                if (!slot_texts_grow(&t, n, &cap)) {
                    rc = SQLITE_NOMEM;
                    break;
                }
                snprintf(t[n].key, sizeof t[n].key, "%s", k ? k : "");
                snprintf(t[n].event, sizeof t[n].event, "%s", id);
                snprintf(t[n].question, sizeof t[n].question, "%s", qid);
                t[n].reviewed = sqlite3_column_int(st, 4) != 0;
                if (!(t[n].text = core_strdup(text))) {
                    rc = SQLITE_NOMEM;
                    break;
                }
                n++;
                continue;
            }
            if ((rc = count_add(db, id, qid, 0, 1.0)) != SQLITE_DONE)
                break;
            rc = SQLITE_OK;
            if (qi >= 0 && eval_q_kind(q, qi) == EVAL_MULTI) {
                for (b = 0; b < EVAL_MAX_OPTIONS && rc == SQLITE_OK; b++)
                    if (v & (1LL << b))
                        rc = count_add(db, id, qid, b + 1, 1.0) == SQLITE_DONE ? SQLITE_OK
                                                                               : SQLITE_ERROR;
            } else {
                rc = count_add(db, id, qid, v, 1.0) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
            }
        }
        sqlite3_finalize(st);
        st = NULL;
        eval_q_free(q);
        if (rc != SQLITE_DONE)
            break;
    }
    sqlite3_finalize(ev);
    /* the texts, by size, each to a slot drawn at random */
    if (rc == SQLITE_DONE) {
        size_t i = 0, nl = 0;
        SlotText tmp;
        for (i = 0; i < n; i++)
            if (slot_size(strlen(t[i].text)) == SLOT_LARGE) {
                tmp = t[nl];
                t[nl++] = t[i];
                t[i] = tmp;
            }
        rc = slots_reserve(s, SLOT_LARGE, 0, t, nl);
        if (rc == SQLITE_DONE)
            rc = slots_reserve(s, SLOT_SMALL, 0, t + nl, n - nl);
    }
    slot_texts_free(t, n);
    if (rc == SQLITE_DONE)
        rc = sqlite3_exec(db, "DROP TABLE answers; DROP TABLE submissions;", NULL, NULL, NULL) ==
                     SQLITE_OK
                 ? SQLITE_DONE
                 : sqlite3_errcode(db);
    if (rc == SQLITE_DONE)
        log_info("%s: evaluation answers converted to counts and shuffled text slots",
                 eval_store_path(s));
    return rc;
}
