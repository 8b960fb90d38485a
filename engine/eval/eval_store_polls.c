/* eval_store_polls.c - the polls and event_facts tables of the evaluation
 * store (see eval_store_polls.h).  Shares the connection of eval_store.c
 * through eval_store_priv.h. */
#include "eval/eval_store_polls.h"

#include "core/utf8.h"

#include <cjson/cJSON.h>
#include "eval/eval_store_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 if table exists (an older file opened read-only may lack it), 0 if
 * not, or a negative code. */
static int table_exists(EvalStore *s, const char *table, Err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(eval_store_db_(s),
                                "SELECT 1 FROM sqlite_schema WHERE type='table' AND name=?1", -1,
                                &st, NULL);
    int found = 0;
    if (rc != SQLITE_OK)
        return eval_store_db_err_(s, rc, "read schema", err);
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    found = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return eval_store_db_err_(s, rc, "read schema", err);
    return found;
}

static int event_known(EvalStore *s, const char *event_id)
{
    sqlite3_stmt *st = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(eval_store_db_(s), "SELECT 1 FROM events WHERE id=?1", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* Beat ids as scenarios write them: letters, digits, _ - . */
static int beat_ok(const char *b)
{
    size_t i = 0, n = strlen(b);
    if (n == 0 || n >= EVAL_POLL_MAX_BEAT)
        return 0;
    for (i = 0; i < n; i++) {
        char c = b[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

/* "4,17,-" : the counts, "-" for an option not offered (closed bit). */
static void counts_str(const int *v, int n, unsigned closed, char *out, size_t cap)
{
    size_t len = 0;
    int i = 0;
    out[0] = '\0';
    for (i = 0; i < n && len < cap; i++) {
        if (closed & (1u << i))
            len += (size_t)snprintf(out + len, cap - len, "%s-", i ? "," : "");
        else
            len += (size_t)snprintf(out + len, cap - len, "%s%d", i ? "," : "", v[i]);
    }
}

/* Parses "4,17,-" into v (0 for "-", whose bit goes to *closed); returns
 * the number of values or -1. */
static int counts_parse(const char *s, int *v, unsigned *closed, int max)
{
    int n = 0;
    char *end = NULL;
    *closed = 0;
    if (!s || !*s)
        return -1;
    for (;;) {
        long x = 0;
        if (*s == '-' && (s[1] == ',' || s[1] == '\0') && n < max) {
            *closed |= 1u << n;
            end = (char *)s + 1;
        } else {
            x = strtol(s, &end, 10);
            if (end == s || n >= max || x < 0 || x > 1000000)
                return -1;
        }
        v[n++] = (int)x;
        if (*end == '\0')
            return n;
        if (*end != ',')
            return -1;
        s = end + 1;
    }
}

/* The option texts as a JSON array (caller frees), NULL when there are none. */
static char *labels_json(const EvalPollRecord *r)
{
    cJSON *a = NULL;
    char *out = NULL;
    int i = 0, any = 0;
    for (i = 0; i < r->n_options; i++)
        any |= r->labels[i][0] != '\0';
    if (!any || !(a = cJSON_CreateArray()))
        return NULL;
    for (i = 0; i < r->n_options; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(r->labels[i]));
    out = cJSON_PrintUnformatted(a);
    cJSON_Delete(a);
    return out;
}

static void labels_parse(const char *json, EvalPollRecord *r)
{
    cJSON *a = json ? cJSON_Parse(json) : NULL;
    int i = 0;
    if (cJSON_IsArray(a))
        for (i = 0; i < r->n_options && i < cJSON_GetArraySize(a); i++) {
            const cJSON *v = cJSON_GetArrayItem(a, i);
            if (cJSON_IsString(v) && utf8_valid(v->valuestring, strlen(v->valuestring)))
                eval_poll_copy_text(r->labels[i], sizeof r->labels[i], v->valuestring);
        }
    cJSON_Delete(a);
}

int eval_store_add_poll(EvalStore *s, const char *event_id, EvalPollRecord *r, Err *err)
{
    sqlite3 *db = eval_store_db_(s);
    sqlite3_stmt *st = NULL;
    char hands[128], phones[128];
    char *labels = NULL;
    int rc = 0, seq = 0, known = 0;
    if (eval_store_readonly_(s))
        return err_set(err, ERR_STATE, "%s: opened read-only", eval_store_path(s));
    if (eval_poll_validate(r, err) < 0)
        return ERR_INVALID;
    if (!beat_ok(r->beat))
        return err_set(err, ERR_INVALID, "beat id '%s' is not valid", r->beat);
    known = event_known(s, event_id ? event_id : "");
    if (known <= 0)
        return known < 0 ? err_set(err, ERR_IO, "%s: cannot read events", eval_store_path(s))
                         : err_set(err, ERR_INVALID, "no event '%s'", event_id ? event_id : "");
    counts_str(r->hands, r->n_options, r->closed, hands, sizeof hands);
    counts_str(r->phones, r->n_options, r->closed, phones, sizeof phones);
    rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return eval_store_db_err_(s, rc, "save poll", err);
    rc = sqlite3_prepare_v2(db, "SELECT coalesce(max(seq), 0) + 1 FROM polls WHERE event=?1", -1,
                            &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            seq = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    st = NULL;
    labels = labels_json(r); /* NULL: none (or no memory: stored without texts) */
    if (rc == SQLITE_OK)
        rc =
            sqlite3_prepare_v2(db,
                               "INSERT INTO polls(key, event, seq, beat, kind, pass, result, voted,"
                               " hands, phones, prompt, labels) VALUES(lower(hex(randomblob(16))),"
                               " ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                               -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, seq);
        sqlite3_bind_text(st, 3, r->beat, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, eval_poll_kind_name(r->kind), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 5, r->pass);
        sqlite3_bind_int(st, 6, r->result);
        sqlite3_bind_int(st, 7, r->voted ? 1 : 0);
        sqlite3_bind_text(st, 8, hands, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 9, phones, -1, SQLITE_STATIC);
        if (r->prompt[0])
            sqlite3_bind_text(st, 10, r->prompt, -1, SQLITE_STATIC);
        if (labels)
            sqlite3_bind_text(st, 11, labels, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    free(labels);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        eval_store_db_err_(s, rc, "save poll", err);
        if (!sqlite3_get_autocommit(db))
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return ERR_IO;
    }
    r->seq = seq;
    return 0;
}

int eval_store_event_polls(EvalStore *s, const char *event_id, EvalPollRecord **out, int *n,
                           int *bad, Err *err)
{
    sqlite3_stmt *st = NULL;
    EvalPollRecord *v = NULL;
    int rc = 0, cap = 0, ex = 0, nbad = 0;
    *out = NULL;
    *n = 0;
    if (bad)
        *bad = 0;
    ex = table_exists(s, "polls", err);
    if (ex <= 0)
        return ex;
    rc = sqlite3_prepare_v2(
        eval_store_db_(s),
        "SELECT seq, beat, kind, pass, result, voted, hands, phones, prompt, labels"
        " FROM polls"
        " WHERE event=?1 ORDER BY seq, key",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return eval_store_db_err_(s, rc, "read polls", err);
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        EvalPollRecord r;
        const char *beat = (const char *)sqlite3_column_text(st, 1);
        int nh = 0, np = 0;
        unsigned pclosed = 0;
        memset(&r, 0, sizeof r);
        r.seq = sqlite3_column_int(st, 0);
        snprintf(r.beat, sizeof r.beat, "%s", beat ? beat : "");
        r.kind = (EvalPollKind)eval_poll_kind_parse((const char *)sqlite3_column_text(st, 2));
        r.pass = sqlite3_column_int(st, 3);
        r.result = sqlite3_column_int(st, 4);
        r.voted = sqlite3_column_int(st, 5) != 0;
        nh = counts_parse((const char *)sqlite3_column_text(st, 6), r.hands, &r.closed,
                          EVAL_POLL_MAX_OPTIONS);
        np = counts_parse((const char *)sqlite3_column_text(st, 7), r.phones, &pclosed,
                          EVAL_POLL_MAX_OPTIONS);
        r.n_options = nh;
        {
            const char *pr = (const char *)sqlite3_column_text(st, 8);
            if (pr && utf8_valid(pr, strlen(pr)))
                eval_poll_copy_text(r.prompt, sizeof r.prompt, pr);
            if (nh > 0 && nh <= EVAL_POLL_MAX_OPTIONS)
                labels_parse((const char *)sqlite3_column_text(st, 9), &r);
        }
        if ((int)r.kind < 0 || nh < 1 || nh != np || pclosed != r.closed ||
            eval_poll_validate(&r, NULL) < 0) {
            nbad++; /* a damaged or foreign row is never merged silently */
            continue;
        }
        if (*n >= EVAL_MAX_POLLS) {
            rc = SQLITE_DONE;
            nbad++;
            break;
        }
        if (*n == cap) {
            EvalPollRecord *nv = NULL;
            cap = cap ? cap * 2 : 32;
            nv = realloc(v, (size_t)cap * sizeof *nv);
            if (!nv) {
                sqlite3_finalize(st);
                free(v);
                *n = 0;
                return err_set(err, ERR_NOMEM, "out of memory");
            }
            v = nv;
        }
        v[(*n)++] = r;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(v);
        *n = 0;
        return eval_store_db_err_(s, rc, "read polls", err);
    }
    *out = v;
    if (bad)
        *bad = nbad;
    return 0;
}

static int fact_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0, i = 0;
    if (n == 0 || n > EVAL_MAX_FACT_NAME)
        return 0;
    for (i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == ':'))
            return 0;
    }
    return 1;
}

int eval_store_set_fact(EvalStore *s, const char *event_id, const char *name, const char *value,
                        Err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, known = 0;
    if (eval_store_readonly_(s))
        return err_set(err, ERR_STATE, "%s: opened read-only", eval_store_path(s));
    if (!fact_name_ok(name))
        return err_set(err, ERR_INVALID, "'%s' is not a valid name (a-z, 0-9, _)",
                       name ? name : "");
    if (!value || strlen(value) > EVAL_MAX_FACT_VALUE)
        return err_set(err, ERR_LIMIT, "value longer than %d bytes", EVAL_MAX_FACT_VALUE);
    if (!utf8_valid(value, strlen(value)))
        return err_set(err, ERR_INVALID, "value is not valid UTF-8");
    known = event_known(s, event_id ? event_id : "");
    if (known <= 0)
        return err_set(err, known < 0 ? ERR_IO : ERR_INVALID, "no event '%s'",
                       event_id ? event_id : "");
    rc = sqlite3_prepare_v2(
        eval_store_db_(s),
        "INSERT OR REPLACE INTO event_facts(event, name, value) VALUES(?1, ?2, ?3)", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : eval_store_db_err_(s, rc, "save event fact", err);
}

int eval_store_each_fact(EvalStore *s, const char *event_id, EvalFactFn fn, void *ud, Err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = 0, ex = table_exists(s, "event_facts", err);
    if (ex <= 0)
        return ex;
    rc = sqlite3_prepare_v2(eval_store_db_(s),
                            "SELECT name, value FROM event_facts WHERE event=?1 ORDER BY name", -1,
                            &st, NULL);
    if (rc != SQLITE_OK)
        return eval_store_db_err_(s, rc, "read event facts", err);
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *nm = (const char *)sqlite3_column_text(st, 0);
        const char *v = (const char *)sqlite3_column_text(st, 1);
        if (fn(ud, nm ? nm : "", v ? v : "") != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : eval_store_db_err_(s, rc, "read event facts", err);
}

int eval_store_redact_text(EvalStore *s, const char *key, const char *text, Err *err)
{
    sqlite3 *db = eval_store_db_(s);
    sqlite3_stmt *st = NULL;
    int rc = 0;
    if (!text || strlen(text) > EVAL_MAX_TEXT || !utf8_valid(text, strlen(text)))
        return err_set(err, ERR_INVALID, "the redacted text is too long or not UTF-8");
    if ((rc = eval_store_writable_(s, err)) != 0)
        return rc;
    db = eval_store_db_(s); /* the writable handle */
    if (!eval_store_legacy_(s))
        return eval_store_slot_redact_(s, key, text, err);
    rc = sqlite3_prepare_v2(db,
                            "UPDATE answers SET text=?2 WHERE key=?1 AND text IS NOT NULL"
                            " AND reviewed=0",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key ? key : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return eval_store_db_err_(s, rc, "redact", err);
    if (sqlite3_changes(db) == 0)
        return err_set(err, ERR_NOTFOUND, "no text awaiting review with key '%s'", key ? key : "");
    return 0;
}
