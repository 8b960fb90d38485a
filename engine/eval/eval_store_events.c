/* eval_store_events.c - reading the events of the evaluation store: find
 * one by id or label, list them, their questionnaire and answer counts.
 * Shares the connection of eval_store.c through eval_store_priv.h. */
#include "eval/eval_store.h"

#include "eval/eval_store_priv.h"

#include <stdio.h>
#include <string.h>

static void fill_info(sqlite3_stmt *st, EvalEventInfo *info)
{
    const unsigned char *t = NULL;
    memset(info, 0, sizeof *info);
    t = sqlite3_column_text(st, 0);
    snprintf(info->id, sizeof info->id, "%s", t ? (const char *)t : "");
    t = sqlite3_column_text(st, 1);
    snprintf(info->scenario, sizeof info->scenario, "%s", t ? (const char *)t : "");
    t = sqlite3_column_text(st, 2);
    snprintf(info->day, sizeof info->day, "%s", t ? (const char *)t : "");
    t = sqlite3_column_text(st, 3);
    snprintf(info->label, sizeof info->label, "%s", t ? (const char *)t : "");
    t = sqlite3_column_text(st, 4);
    snprintf(info->questionnaire, sizeof info->questionnaire, "%s", t ? (const char *)t : "");
    info->respondents = sqlite3_column_int(st, 5);
}

#define EVENT_COLS_AS(count)                                                                       \
    "SELECT id, scenario, day, label, questionnaire, (" count ") FROM events "
/* respondents: a counter (schema 4), or a row each (1-3) */
#define COUNT_V4 "SELECT CAST(n AS INTEGER) FROM counts WHERE event=events.id AND question='' AND value=0"
#define COUNT_V1 "SELECT count(*) FROM submissions WHERE event=events.id"

#define FIND_WHERE                                                                                 \
    "WHERE id=?1 OR (label=?1 AND NOT EXISTS(SELECT 1 FROM events e WHERE e.id=?1))"             \
    " ORDER BY day DESC LIMIT 1"

int eval_store_find_event(EvalStore *s, const char *id_or_label, EvalEventInfo *info, Err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(eval_store_db_(s),
                                eval_store_legacy_(s)
                                    ? EVENT_COLS_AS(COUNT_V1) FIND_WHERE
                                    : EVENT_COLS_AS(COUNT_V4) FIND_WHERE,
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return eval_store_db_err_(s, rc, "find event", err);
    sqlite3_bind_text(st, 1, id_or_label ? id_or_label : "", -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        fill_info(st, info);
        sqlite3_finalize(st);
        return 0;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return eval_store_db_err_(s, rc, "find event", err);
    return err_set(err, ERR_NOTFOUND, "%s: no event '%s'", eval_store_path(s),
                   id_or_label ? id_or_label : "");
}

int eval_store_each_event(EvalStore *s, EvalEventFn fn, void *ud, Err *err)
{
    sqlite3_stmt *st = NULL;
    EvalEventInfo info;
    int rc = sqlite3_prepare_v2(eval_store_db_(s),
                                eval_store_legacy_(s) ? EVENT_COLS_AS(COUNT_V1) "ORDER BY day, id"
                                                      : EVENT_COLS_AS(COUNT_V4) "ORDER BY day, id",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return eval_store_db_err_(s, rc, "list events", err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fill_info(st, &info);
        if (fn(ud, &info) != 0) {
            rc = SQLITE_DONE;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : eval_store_db_err_(s, rc, "list events", err);
}

EvalQuestionnaire *eval_store_event_questionnaire(EvalStore *s, const char *event_id, Err *err)
{
    sqlite3_stmt *st = NULL;
    EvalQuestionnaire *q = NULL;
    int rc = sqlite3_prepare_v2(eval_store_db_(s),
                                "SELECT q.definition FROM events e JOIN questionnaires q"
                                " ON q.key=e.qdef WHERE e.id=?1",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) {
        eval_store_db_err_(s, rc, "load questionnaire", err);
        return NULL;
    }
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *def = (const char *)sqlite3_column_text(st, 0);
        q = eval_q_from_json(def ? def : "", (size_t)sqlite3_column_bytes(st, 0), err);
        if (!q)
            err_prefix(err, eval_store_path(s));
    } else if (rc == SQLITE_DONE) {
        err_set(err, ERR_NOTFOUND, "%s: no event '%s'", eval_store_path(s), event_id);
    } else {
        eval_store_db_err_(s, rc, "load questionnaire", err);
    }
    sqlite3_finalize(st);
    return q;
}

int eval_store_event_count(EvalStore *s, const char *event_id, Err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(eval_store_db_(s),
                                eval_store_legacy_(s)
                                    ? "SELECT count(*) FROM submissions WHERE event=?1"
                                    : "SELECT coalesce((SELECT CAST(n AS INTEGER) FROM counts"
                                      " WHERE event=?1 AND question='' AND value=0), 0)",
                                -1, &st, NULL);
    int n = 0;
    if (rc != SQLITE_OK)
        return eval_store_db_err_(s, rc, "count", err);
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? n : eval_store_db_err_(s, rc, "count", err);
}
