/* evals.c - the frame loop's link to the evaluation store (see evals.h). */
#include "app/evals.h"

#include "app/paths.h"
#include "core/buf.h"
#include "core/log.h"
#include "lua/lua_eval.h"
#include "show/ui_text.h"

#include <SDL.h>
#include <assert.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVALS_RETRY_MS 3000 /* retry of answers kept in memory */
#define EVALS_COUNT_MS 1000 /* the live count at most once a second */

static unsigned long now_ms(void)
{
    return (unsigned long)SDL_GetTicks64();
}

static void line(const Evals *ev, const char *s)
{
    if (ev->transcript)
        ev->transcript(ev->transcript_ud, s);
}

/* Arms the retry timer while answers wait in memory (at once, or when the
 * last retry's pause is over). */
static void arm_retry(Evals *ev, unsigned long now)
{
    if (!ev->store || eval_store_pending(ev->store) == 0 ||
        timers_armed(ev->timers, ev->retry_timer))
        return;
    timers_arm(ev->timers, ev->retry_timer, ev->next_retry > now ? ev->next_retry : now);
}

static int count_due(void *ud, unsigned long now)
{
    (void)now;
    return evals_status(ud);
}

static int retry_due(void *ud, unsigned long now)
{
    Evals *ev = ud;
    Err err;
    assert(ev->store);
    err_clear(&err);
    if (eval_store_pending(ev->store) == 0)
        return 0;
    if (eval_store_retry_pending(ev->store, &err) < 0)
        log_warn("evaluation: %s", err.msg);
    ev->next_retry = now + EVALS_RETRY_MS;
    evals_status(ev); /* re-arms the retry while answers still wait */
    return 1;
}

int evals_open(Evals *ev, const char *db, const char *label, Timers *ts,
               ShowTranscriptFn transcript, void *transcript_ud, Err *err)
{
    assert(ev && ts);
    memset(ev, 0, sizeof *ev);
    ev->label = label;
    ev->timers = ts;
    ev->transcript = transcript;
    ev->transcript_ud = transcript_ud;
    ev->count_timer = timers_add(ts, count_due, ev);
    ev->retry_timer = timers_add(ts, retry_due, ev);
    ev->store = eval_store_open(db, err);
    if (!ev->store)
        return err->code ? err->code : ERR_IO;
    arm_retry(ev, now_ms());
    return 0;
}

void evals_load(Evals *ev, LuaHost *lua, const char *dir)
{
    char path[1200];
    Err qerr;
    struct stat st;
    assert(ev && !ev->q);
    if (!lua)
        return;
    /* stat, not open: a FIFO put there must not block the show (the loader
     * refuses anything but a regular file, with a message) */
    snprintf(path, sizeof path, "%s/questionnaire.lua", dir);
    if (stat(path, &st) != 0)
        snprintf(path, sizeof path, "%s/scenes/questionnaire.lua", app_data_dir());
    err_clear(&qerr);
    ev->q = lua_eval_load(lua, path, &qerr);
    if (!ev->q) {
        log_warn("no evaluation: %s", qerr.msg);
        return;
    }
    ev->q_json = eval_q_to_json(ev->q);
}

static void on_poll(void *ud, const ShowPollResult *p);
static void on_label(void *ud, const char *name, const char *value);

void evals_attach(Evals *ev, Show *show, const char *scenario_id, int ui_en)
{
    assert(ev && show);
    ev->show = show;
    ev->ui_en = ui_en;
    show_set_poll_hook(show, on_poll, ev);
    show_set_label_hook(show, on_label, ev);
    if (ev->event_id[0])
        show_set_event_tag(show, ev->event_id); /* a reloaded scenario's show too */
    free(ev->scenario_id);
    ev->scenario_id = core_strdup(scenario_id);
}

const char *evals_phone_json(const Evals *ev)
{
    assert(ev->show);
    return ev->q_json && show_eval_open(ev->show) ? ev->q_json : NULL;
}

int evals_set_facts(Evals *ev, int attendance, const char *const *labels, int nlabels, Err *err)
{
    int i = 0;
    if (attendance < 0 || attendance > 100000)
        return err_set(err, ERR_INVALID, "--attendance wants 1..100000");
    if (nlabels > EVALS_MAX_FACTS)
        return err_set(err, ERR_LIMIT, "at most %d --label NAME=VALUE", EVALS_MAX_FACTS);
    for (i = 0; i < nlabels; i++) {
        const char *eq = strchr(labels[i], '=');
        if (!eq || eq == labels[i] || eq - labels[i] + 6 > EVAL_MAX_FACT_NAME)
            return err_set(err, ERR_INVALID, "--label %s: want NAME=VALUE", labels[i]);
        ev->facts[i] = labels[i];
    }
    ev->nfacts = nlabels;
    ev->attendance = attendance;
    return 0;
}

/* Stores the facts of a new event; a failure only warns (the answers matter more). */
static void store_facts(Evals *ev)
{
    Err err;
    char name[EVAL_MAX_FACT_NAME + 8], num[24];
    int i = 0;
    err_clear(&err);
    if (ev->attendance > 0) {
        snprintf(num, sizeof num, "%d", ev->attendance);
        if (eval_store_set_fact(ev->store, ev->event_id, "attendance", num, &err) < 0)
            log_warn("evaluation: attendance: %s", err.msg);
    }
    for (i = 0; i < ev->nfacts; i++) {
        const char *eq = strchr(ev->facts[i], '=');
        snprintf(name, sizeof name, "label:%.*s", (int)(eq - ev->facts[i]), ev->facts[i]);
        if (eval_store_set_fact(ev->store, ev->event_id, name, eq + 1, &err) < 0)
            log_warn("evaluation: label: %s", err.msg);
    }
}

static void store_poll(Evals *ev, EvalPollRecord *r)
{
    Err err;
    err_clear(&err);
    if (eval_store_add_poll(ev->store, ev->event_id, r, &err) < 0)
        log_warn("evaluation: the room's answers at %s: %s", r->beat, err.msg);
}

/* Takes the stored event id as this show's event when the store has it
 * with the questionnaire asked now (and tells the show, which saves it).
 * 1 when taken. */
static int take_event(Evals *ev, const char *id)
{
    EvalQuestionnaire *q = NULL;
    Err e;
    int same = 0;
    err_clear(&e);
    q = id[0] ? eval_store_event_questionnaire(ev->store, id, &e) : NULL;
    same = q && strcmp(eval_q_id(q), eval_q_id(ev->q)) == 0;
    eval_q_free(q);
    if (!same)
        return 0;
    snprintf(ev->event_id, sizeof ev->event_id, "%s", id);
    if (ev->show)
        show_set_event_tag(ev->show, ev->event_id);
    return 1;
}

/* The event row is created with the first answer (or the first poll with
 * votes), so test runs and rehearsals without answers leave nothing behind.
 * A continued save (J on the welcome screen, --resume yes) names its event:
 * a course taught over several lessons is one event in the report. */
static int ensure_event(Evals *ev, Err *err)
{
    Err rerr;
    int rc = 0, i = 0;
    if (ev->event_id[0])
        return 0;
    if (!ev->store || !ev->q)
        return err_set(err, ERR_STATE, "no evaluation store");
    if (ev->show && take_event(ev, show_event_tag(ev->show)))
        line(ev, "event continued");
    else {
        rc = eval_store_begin_event(ev->store, ev->q, ev->scenario_id ? ev->scenario_id : "none",
                                    ev->label, ev->event_id, err);
        if (rc < 0)
            return rc;
        if (ev->show)
            show_set_event_tag(ev->show, ev->event_id); /* saved with the event */
    }
    if (ev->room.pub[0]) {
        /* a restart of this event goes on counting into the same event row */
        err_clear(&rerr);
        snprintf(ev->room.event, sizeof ev->room.event, "%.32s", ev->event_id);
        if (eval_store_room_save(ev->store, &ev->room, &rerr) < 0)
            log_warn("room: %s", rerr.msg);
    }
    store_facts(ev);
    for (i = 0; i < ev->nheld; i++)
        store_poll(ev, &ev->held[i]);
    ev->nheld = 0;
    return 0;
}

/* The show decided a poll: its totals go to the store (see evals.h). */
static void on_poll(void *ud, const ShowPollResult *p)
{
    Evals *ev = ud;
    EvalPollRecord r;
    Err err;
    int votes = 0;
    if (!ev->store || !ev->q || !p->beat_id)
        return;
    votes = show_poll_record(p, &r);
    if (!ev->event_id[0] && votes == 0) {
        if (ev->nheld < EVALS_MAX_HELD)
            ev->held[ev->nheld++] = r;
        return;
    }
    err_clear(&err);
    if (ensure_event(ev, &err) < 0) {
        log_warn("evaluation: the room's answers at %s: %s", r.beat, err.msg);
        return;
    }
    store_poll(ev, &r);
}

/* The facilitator saved a label at the end (L): stored like --label. */
static void on_label(void *ud, const char *name, const char *value)
{
    Evals *ev = ud;
    char fact[EVAL_MAX_FACT_NAME + 1];
    Err err;
    err_clear(&err);
    snprintf(fact, sizeof fact, "label:%s", name);
    if (!ev->store || !ev->q || ensure_event(ev, &err) < 0 ||
        eval_store_set_fact(ev->store, ev->event_id, fact, value, &err) < 0)
        log_warn("evaluation: label %s not stored%s%s", name, err.msg[0] ? ": " : "", err.msg);
}

int evals_room(Evals *ev, char *code, char *pub, int *poll_seq)
{
    Err err;
    char fresh[NET_ROOM_CODE_LEN + 1];
    assert(ev && code && pub && poll_seq);
    err_clear(&err);
    code[0] = pub[0] = '\0';
    *poll_seq = 0;
    if (!ev->store)
        return ERR_STATE;
    if (net_make_room_code(fresh, &err) < 0 ||
        eval_store_room_open(ev->store, ev->scenario_id, ev->label, fresh, &ev->room, &err) < 0) {
        log_warn("room: %s", err.msg);
        memset(&ev->room, 0, sizeof ev->room);
        return err.code ? err.code : ERR_IO;
    }
    if (ev->q) /* the same event goes on, if it still asks the same questionnaire */
        take_event(ev, ev->room.event);
    if (strlen(ev->room.code) == NET_ROOM_CODE_LEN) /* else phones get a random code */
        memcpy(code, ev->room.code, NET_ROOM_CODE_LEN + 1);
    snprintf(pub, EVAL_PUB_LEN + 1, "%s", ev->room.pub);
    *poll_seq = ev->room.poll_seq;
    if (ev->room.resumed)
        line(ev, "room resumed");
    return 0;
}

void evals_save_poll_seq(Evals *ev, int poll_seq)
{
    Err err;
    if (!ev->store || !ev->room.pub[0] || poll_seq <= ev->room.poll_seq)
        return;
    err_clear(&err);
    ev->room.poll_seq = poll_seq;
    if (eval_store_room_save(ev->store, &ev->room, &err) < 0)
        log_warn("room: %s", err.msg);
}

int evals_status(Evals *ev)
{
    Err err;
    int n = 0;
    char msg[ERR_MSG_MAX + 64];
    unsigned long now = now_ms();
    assert(ev->show);
    arm_retry(ev, now);
    /* counting grows with the event: under a burst of phones, count once a
     * second (the timer catches up with the last burst) */
    if (now < ev->next_count) {
        timers_arm(ev->timers, ev->count_timer, ev->next_count);
        return 0;
    }
    ev->next_count = now + EVALS_COUNT_MS;
    timers_cancel(ev->timers, ev->count_timer);
    err_clear(&err);
    msg[0] = '\0';
    if (ev->store && ev->event_id[0]) {
        n = eval_store_event_count(ev->store, ev->event_id, &err);
        if (n < 0) {
            n = 0;
            snprintf(msg, sizeof msg, "%s", err.msg);
        }
    }
    show_set_unsaved(ev->show, ev->store ? (int)eval_store_pending(ev->store) : 0);
    if (ev->store && eval_store_pending(ev->store) > 0)
        snprintf(msg, sizeof msg, "%zu %s", eval_store_pending(ev->store),
                 ui_text(ev->ui_en, UI_ANSWERS_UNSAVED));
    show_set_eval_status(ev->show, n, msg[0] ? msg : NULL);
    return 1;
}

int evals_commit_kiosk(Evals *ev)
{
    const EvalAnswers *a = NULL;
    Err err;
    int rc = 0;
    assert(ev->show);
    a = show_kiosk_submission(ev->show);
    if (!a)
        return 0;
    err_clear(&err);
    rc = ensure_event(ev, &err);
    /* "saved" only after a durable commit; on failure nothing is kept in the
     * store's memory: the kiosk keeps the form and Next retries it, so a
     * form is never stored twice and never claimed saved when it is not */
    if (rc == 0)
        rc = eval_store_submit_now(ev->store, ev->event_id, a, &err);
    show_kiosk_saved(ev->show, rc == 0, rc == 0 || rc == ERR_IO ? NULL : err.msg);
    if (rc == 0)
        line(ev, "eval answer saved");
    else
        log_warn("evaluation: %s", err.msg);
    evals_status(ev);
    return 1;
}

int evals_results(Evals *ev, ShowView *v)
{
    Err err;
    EvalTally *old = ev->tally;
    assert(ev->show && v);
    if (v->screen != SHOW_SCREEN_RESULTS || !ev->q)
        return 0;
    err_clear(&err);
    ev->tally = eval_tally_new(ev->q);
    if (ev->tally && ev->event_id[0] &&
        eval_store_tally_event(ev->store, ev->event_id, ev->tally, &err) < 0)
        log_warn("results: %s", err.msg);
    show_set_results(ev->show, ev->tally);
    v->results = ev->tally; /* what show_view() would now give on this screen */
    eval_tally_free(old);
    return 1;
}

/* A 400 answer naming what was wrong. */
static void reply_invalid(NetServer *net, unsigned long long req_id, const char *msg)
{
    Buf b = BUF_INIT;
    buf_puts(&b, "{\"error\":\"invalid\",\"message\":");
    buf_json_string(&b, msg);
    buf_puts(&b, "}");
    net_reply(net, req_id, 400, buf_str(&b));
    buf_free(&b);
}

void evals_submit(Evals *ev, NetServer *net, const NetMsg *msgs, int n)
{
    const EvalAnswers *answers[EVALS_MAX_BATCH];
    EvalAnswers *owned[EVALS_MAX_BATCH];
    const char *sids[EVALS_MAX_BATCH];
    int results[EVALS_MAX_BATCH];
    unsigned long long req[EVALS_MAX_BATCH];
    int dup[EVALS_MAX_BATCH];
    int k = 0, i = 0, saved = 0;
    Err err;
    assert(ev && net && n >= 0 && n <= EVALS_MAX_BATCH);
    err_clear(&err);
    for (i = 0; i < n; i++) {
        char code[EVAL_MAX_CODE];
        char sid[EVAL_MAX_SID];
        EvalAnswers *a = NULL;
        assert(msgs[i].kind == NET_MSG_EVAL && msgs[i].body);
        if (!ev->q || !ev->store) {
            net_reply(net, msgs[i].req_id, 409, "{\"error\":\"closed\"}");
            continue;
        }
        if (eval_answers_from_json(ev->q, msgs[i].body, strlen(msgs[i].body), &a, code, sid, &err) <
            0) {
            reply_invalid(net, msgs[i].req_id, err.msg);
            continue;
        }
        owned[k] = a;
        answers[k] = a;
        dup[k] = eval_store_sid_committed(ev->store, msgs[i].sid);
        sids[k] = msgs[i].sid;
        req[k] = msgs[i].req_id;
        k++;
    }
    if (k > 0) {
        int rc = ensure_event(ev, &err);
        if (rc == 0)
            eval_store_submit_batch(ev->store, ev->event_id, answers, sids, k, results, &err);
        for (i = 0; i < k; i++) {
            int ok = rc == 0 && results[i] == 0;
            /* acknowledged only after the commit; otherwise the phone retries with its sid */
            net_reply(net, req[i], ok ? 200 : 503,
                      ok ? "{\"ok\":true}" : "{\"error\":\"not_saved\"}");
            if (ok && !dup[i])
                saved++;
            eval_answers_free(owned[i]);
        }
        if (rc < 0)
            log_warn("evaluation: %s", err.msg);
    }
    for (i = 0; i < saved; i++)
        line(ev, "eval answer saved");
    if (n > 0)
        evals_status(ev);
}

void evals_close(Evals *ev, int end_room)
{
    Err err;
    if (!ev)
        return;
    err_clear(&err);
    if (end_room && ev->store && eval_store_room_end(ev->store, &err) < 0)
        log_warn("room: %s", err.msg);
    eval_store_close(ev->store);
    ev->store = NULL;
    free(ev->q_json);
    ev->q_json = NULL;
    if (ev->timers) { /* NULL: never opened */
        timers_cancel(ev->timers, ev->count_timer);
        timers_cancel(ev->timers, ev->retry_timer);
    }
}

void evals_free(Evals *ev)
{
    if (!ev)
        return;
    assert(!ev->store); /* evals_close() first: the store needs the questionnaire */
    eval_tally_free(ev->tally);
    ev->tally = NULL;
    eval_q_free(ev->q);
    ev->q = NULL;
    free(ev->scenario_id);
    ev->scenario_id = NULL;
}
