/* phones.c - the frame loop's link to the phone server (see phones.h). */
#include "app/phones.h"

#include "compat/compat.h"

#include "core/buf.h"
#include "core/log.h"
#include "show/show_phones.h"
#include "show/ui_text.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PHONES_REFRESH_MS 2000 /* "joined N" refresh while phones are on */

/* an idea the server acknowledged always fits in the show's queue, uncut */
_Static_assert(SHOW_MAX_IDEA >= NET_MAX_IDEA_BYTES + 1, "SHOW_MAX_IDEA must hold a whole idea");

/* Gives the show the server's joined count; 1 if it changed. */
static int update_joined(Phones *ph)
{
    int n = net_joined(ph->net);
    int changed = n != ph->joined;
    show_set_phones_joined(ph->show, n);
    ph->joined = n;
    return changed;
}

static int refresh_due(void *ud, unsigned long now)
{
    Phones *ph = ud;
    assert(ph->net);
    timers_arm(ph->timers, ph->refresh_timer, now + PHONES_REFRESH_MS);
    return update_joined(ph);
}

int phones_start(Phones *ph, Show *show, Evals *ev, Timers *ts, int port, const char *address,
                 const char *lang,
                 const char *room_code, const char *event, void (*wake)(void *ud), void *wake_ud)
{
    NetConfig nc;
    Err err;
    char url[NET_MAX_URL];
    assert(ph && show && ev && ts);
    memset(ph, 0, sizeof *ph);
    memset(&nc, 0, sizeof nc);
    err_clear(&err);
    ph->show = show;
    ph->evals = ev;
    ph->timers = ts;
    ph->refresh_timer = -1;
    nc.port = port;
    nc.address = address;
    nc.room_code = room_code && room_code[0] ? room_code : NULL;
    snprintf(ph->event, sizeof ph->event, "%s", event ? event : "");
    nc.wake = wake;
    nc.wake_ud = wake_ud;
    {
        /* benchmarks only (tools/bench joins thousands of phones from one
         * machine in a few seconds): joins per second for the room and per
         * address, and their bursts; never set for an event */
        const char *bench = getenv("SPECTACTOR_BENCH_JOIN_RATE");
        double rate = bench ? atof(bench) : 0.0;
        if (rate > 0) {
            log_warn("SPECTACTOR_BENCH_JOIN_RATE=%g: join limits raised for a benchmark", rate);
            nc.join_rate = nc.join_burst = nc.room_join_rate = nc.room_join_burst = rate;
        }
    }
    ph->net = net_start(&nc, &err);
    if (!ph->net) {
        /* for the facilitator, in the event's language; the room sees hands only */
        int en = lang && strcmp(lang, "en") == 0;
        struct sockaddr_in sa;
        char msg[ERR_MSG_MAX + 160], why[8];
        memset(&sa, 0, sizeof sa);
        sa.sin_family = AF_INET;
        sa.sin_port = htons((uint16_t)port);
        if (port > 0 && compat_port_probe(&sa, why, sizeof why) == COMPAT_PORT_BUSY)
            snprintf(msg, sizeof msg, "%s%d%s", ui_text(en, UI_PORT_BUSY_1), port, ui_text(en, UI_PORT_BUSY_2));
        else
            snprintf(msg, sizeof msg, "%s%s", ui_text(en, UI_PHONES_OFF), err.msg);
        fprintf(stderr, "spectactor: %s\n", msg);
        show_set_note(show, msg);
        show_set_join(show, NULL, NULL, NULL);
        return -1;
    }
    if (net_lan_url(ph->net, url, sizeof url, &err) != 0)
        ph->join_problem = core_strdup(net_no_lan_message(lang));
    else if (compat_firewall_blocks(net_port(ph->net)))
        ph->join_problem = core_strdup(net_firewall_message(lang));
    else
        ph->join_url = core_strdup(url);
    ph->join_code = core_strdup(net_room_code(ph->net));
    show_set_join(show, ph->join_url, ph->join_code, ph->join_problem);
    if (ph->join_problem) { /* the projector says it where the QR code would be; the facilitator too */
        fprintf(stderr, "spectactor: %s\n", ph->join_problem);
        show_set_note(show, ph->join_problem);
    }
    ph->refresh_timer = timers_add(ts, refresh_due, ph);
    timers_arm(ts, ph->refresh_timer, 0); /* the first loop pass counts */
    return 0;
}

void phones_attach(Phones *ph, Show *show)
{
    assert(ph && show);
    ph->show = show;
    ph->joined = 0; /* a new show starts with none */
}

/* Commits a batch of evaluation answers and releases their bodies. */
static void flush_evals(Phones *ph, NetMsg *evals, int *n)
{
    int i = 0;
    evals_submit(ph->evals, ph->net, evals, *n);
    for (i = 0; i < *n; i++)
        net_msg_clear(&evals[i]);
    *n = 0;
}

int phones_drain(Phones *ph)
{
    NetMsg m;
    NetMsg *evals = NULL;
    int n_evals = 0, drained = 0;
    if (!ph->net)
        return 0;
    assert(ph->show);
    memset(&m, 0, sizeof m);
    while (net_next_msg(ph->net, &m)) {
        drained++;
        switch (m.kind) {
        case NET_MSG_VOTE:
            show_phone_vote(ph->show, m.poll_id, m.token, m.option);
            net_msg_clear(&m);
            break;
        case NET_MSG_IDEA:
            show_phone_idea(ph->show, m.text);
            net_msg_clear(&m);
            break;
        case NET_MSG_EVAL:
            /* the batch buffer (some 300 KB) only when evaluations arrive, not per vote */
            if (!evals)
                evals = calloc(EVALS_MAX_BATCH, sizeof *evals);
            if (evals && n_evals < EVALS_MAX_BATCH) {
                evals[n_evals++] = m; /* takes the body */
                memset(&m, 0, sizeof m);
                if (n_evals == EVALS_MAX_BATCH)
                    flush_evals(ph, evals, &n_evals);
            } else {
                net_reply(ph->net, m.req_id, 503, "{\"error\":\"busy\"}");
                net_msg_clear(&m);
            }
            break;
        default: net_msg_clear(&m); break;
        }
    }
    if (n_evals > 0)
        flush_evals(ph, evals, &n_evals);
    assert(n_evals == 0);
    free(evals);
    return update_joined(ph) || drained > 0;
}

static NetPollKind net_kind(ShowPhonesKind k)
{
    return k == SHOW_PHONES_SIGNAL ? NET_POLL_SIGNAL : k == SHOW_PHONES_IDEA ? NET_POLL_IDEA : NET_POLL_CHOICE;
}

void phones_publish(Phones *ph, const ShowView *v, const char *eval_json)
{
    ShowPhonesInfo si;
    NetPollInfo info;
    Buf b = BUF_INIT;
    Err err;
    int slots = 0;
    if (!ph->net)
        return;
    err_clear(&err);
    if (show_phones_state(v, eval_json, ph->event[0] ? ph->event : NULL, &b, &si) < 0) {
        buf_free(&b);
        return;
    }
    /* ideas the moderation queue still keeps: the server acknowledges no more */
    slots = show_idea_slots(ph->show);
    if (slots <= 0)
        slots = NET_IDEA_SLOTS_NONE;
    if (ph->last_state && strcmp(ph->last_state, buf_str(&b)) == 0 && slots == ph->idea_slots) {
        buf_free(&b);
        return;
    }
    memset(&info, 0, sizeof info);
    info.poll_id = si.poll_id;
    info.kind = net_kind(si.kind);
    info.open = si.open;
    info.n_options = si.n_options;
    info.enabled = si.enabled;
    info.ideas_open = si.ideas_open;
    info.eval_open = si.eval_open;
    info.idea_slots = slots;
    if (net_publish(ph->net, buf_str(&b), &info, &err) < 0) {
        log_warn("phones: %s", err.msg);
        buf_free(&b);
        return;
    }
    free(ph->last_state);
    ph->last_state = buf_take(&b);
    ph->idea_slots = slots;
}

int phones_hold(Phones *ph)
{
    const Poll *p = NULL;
    if (!ph->net || !ph->show)
        return 0;
    p = show_current_poll(ph->show);
    if (!p || vote_state(p) != VOTE_OPEN)
        return 0;
    net_input_hold(ph->net);
    /* every vote answered 200 is in the queue now: count them all */
    phones_drain(ph);
    return 1;
}

void phones_release(Phones *ph, int held)
{
    if (held && ph->net)
        net_input_release(ph->net);
}

void phones_stop(Phones *ph)
{
    if (!ph)
        return;
    net_stop(ph->net); /* first: answers waiting phones before the show goes */
    ph->net = NULL;
    free(ph->last_state);
    free(ph->join_url);
    free(ph->join_code);
    free(ph->join_problem);
    ph->last_state = ph->join_url = ph->join_code = ph->join_problem = NULL;
    if (ph->timers)
        timers_cancel(ph->timers, ph->refresh_timer);
}
