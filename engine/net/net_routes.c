/* net_routes.c - the phone server's request handling: routing, body
 * buffering with its size limits, the API handlers (state long-poll, join,
 * vote, idea, evaluation) and the answers they send.
 *
 * Threads: everything here runs on the MHD polling thread(s).  Handlers
 * validate against the published NetPollInfo under s->mu, queue accepted
 * input for the main thread and wake it after releasing s->mu.  Requests
 * that wait (long-polls, evaluations) are suspended under s->mu and resumed
 * by net.c (the notifier, net_reply, net_stop).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/log.h"
#include "net/net_body.h"
#include "net/net_internal.h"
#include "net/net_web.h"

/* ---- answers ---- */

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, const char *json,
                                 enum MHD_ResponseMemoryMode mode)
{
    enum MHD_Result ret = MHD_NO;
    struct MHD_Response *resp = net_json_response(json, strlen(json), mode);
    if (!resp)
        return MHD_NO;
    /* a client that sent too much does not keep its connection */
    if (status == MHD_HTTP_CONTENT_TOO_LARGE)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* A handler's 200 answer; the request is done. */
static enum MHD_Result send_ok(Req *r, struct MHD_Connection *c, const char *json,
                               enum MHD_ResponseMemoryMode mode)
{
    r->phase = PHASE_DONE;
    return send_json(c, MHD_HTTP_OK, json, mode);
}

static const char *route_name(Route r)
{
    static const char *const names[] = {"static", "state", "join", "vote", "idea", "eval"};
    assert((size_t)r < sizeof names / sizeof names[0]);
    return names[r];
}

/* An error answer with a fixed body; logs the route and reason (never the
 * token, the address or the body). */
static enum MHD_Result send_error(Req *r, struct MHD_Connection *c, unsigned status,
                                  const char *reason)
{
    const char *body = "{\"error\":\"bad_request\"}";
    switch (status) {
    case MHD_HTTP_UNAUTHORIZED: body = "{\"error\":\"unknown_token\"}"; break;
    case MHD_HTTP_FORBIDDEN: body = "{\"error\":\"forbidden\"}"; break;
    case MHD_HTTP_NOT_FOUND: body = "{\"error\":\"not_found\"}"; break;
    case MHD_HTTP_METHOD_NOT_ALLOWED: body = "{\"error\":\"method_not_allowed\"}"; break;
    case MHD_HTTP_CONFLICT: body = "{\"error\":\"closed\"}"; break;
    case MHD_HTTP_CONTENT_TOO_LARGE: body = "{\"error\":\"too_large\"}"; break;
    case MHD_HTTP_UNSUPPORTED_MEDIA_TYPE: body = "{\"error\":\"json_required\"}"; break;
    case MHD_HTTP_TOO_MANY_REQUESTS: body = "{\"error\":\"rate_limited\"}"; break;
    case MHD_HTTP_SERVICE_UNAVAILABLE: body = "{\"error\":\"busy\"}"; break;
    default: break;
    }
    log_debug("phone api %s: %u (%s)", route_name(r->route), status, reason);
    r->phase = PHASE_DONE;
    return send_json(c, status, body, MHD_RESPMEM_PERSISTENT);
}

/* Queues the current snapshot (takes s->mu so it cannot be swapped meanwhile). */
static enum MHD_Result send_state(NetServer *s, Req *r, struct MHD_Connection *c)
{
    enum MHD_Result ret = MHD_NO;
    r->phase = PHASE_DONE;
    pthread_mutex_lock(&s->mu);
    ret = MHD_queue_response(c, MHD_HTTP_OK, s->state_resp);
    pthread_mutex_unlock(&s->mu);
    return ret;
}

/* ---- handlers ---- */

static int room_ok(const NetServer *s, const char *code)
{
    char up[NET_ROOM_CODE_LEN + 1];
    return code && net_room_parse(code, up) == 0 && memcmp(up, s->room, sizeof up) == 0;
}

static unsigned body_status(int rc)
{
    return rc == ERR_LIMIT ? MHD_HTTP_CONTENT_TOO_LARGE : MHD_HTTP_BAD_REQUEST;
}

/* The phone that sent the request, by its issued token (s->mu held): 0 with
 * *p set, or the status to answer: for a known token 403 when the room code
 * is wrong; without one the room gate's 403/429, or 401 (join first) when
 * the code is right.  Only a known token is marked seen. */
static unsigned gate_phone(NetServer *s, uint32_t ip, const char *room, const char *token,
                           long long now, Phone **p)
{
    unsigned st = 0;
    *p = token && token[0] ? net_phone_find(s, token, now) : NULL;
    if (*p)
        return room_ok(s, room) ? 0 : MHD_HTTP_FORBIDDEN;
    st = net_room_gate(s, ip, room, now);
    return st ? st : MHD_HTTP_UNAUTHORIZED;
}

/* Queues m (s->mu held).  Returns 0, or 503 with *why set when the queue is full. */
static unsigned queue_or_busy(NetServer *s, const NetMsg *m, int *wake, const char **why)
{
    if (net_queue_push(s, m, wake) == 0)
        return 0;
    *why = "queue full";
    return MHD_HTTP_SERVICE_UNAVAILABLE;
}

/* Suspends r on list until deadline_ms (s->mu held); net.c resumes it. */
static void suspend(NetServer *s, Req *r, struct MHD_Connection *c, ReqList *list,
                    long long deadline_ms)
{
    assert(r->phase == PHASE_BODY);
    r->phase = PHASE_WAIT;
    r->deadline_ms = deadline_ms;
    net_list_append(list, r);
    s->n_suspended++;
    MHD_suspend_connection(c);
}

static enum MHD_Result do_state(NetServer *s, Req *r, struct MHD_Connection *c)
{
    const char *code = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "r");
    const char *vs = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "v");
    const char *t = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "t");
    uint32_t ip = net_client_ip(s, c);
    long long now = net_now_ms();
    long v = -1;
    unsigned st = 0;
    Phone *p = NULL;
    if (vs && vs[0] >= '0' && vs[0] <= '9' && strlen(vs) < 11) {
        char *end = NULL;
        v = strtol(vs, &end, 10);
        if (*end)
            v = -1;
    }
    pthread_mutex_lock(&s->mu);
    /* A token only marks a phone the server issued it to: an unknown one
     * takes no table space. */
    st = gate_phone(s, ip, code, t, now, &p);
    if (st == MHD_HTTP_UNAUTHORIZED)
        st = 0;
    if (st) {
        pthread_mutex_unlock(&s->mu);
        return send_error(r, c, st, "room code");
    }
    if (v == (long)s->version && !s->stopping) {
        r->wait_version = s->version;
        suspend(s, r, c, &s->waiters, now + s->longpoll_ms);
        pthread_mutex_unlock(&s->mu);
        return MHD_YES;
    }
    pthread_mutex_unlock(&s->mu);
    return send_state(s, r, c);
}

static enum MHD_Result do_join(NetServer *s, Req *r, struct MHD_Connection *c)
{
    NetBodyJoin b;
    Err e;
    NetMsg m;
    unsigned st = 0;
    const char *why = "join refused";
    int rc = net_body_join(r->body, r->len, &b, &e), wake = 0;
    uint32_t ip = net_client_ip(s, c);
    long long now = net_now_ms();
    Phone *p = NULL;
    char out[96];
    if (rc != 0)
        return send_error(r, c, body_status(rc), e.msg);
    pthread_mutex_lock(&s->mu);
    p = b.token[0] ? net_phone_find(s, b.token, now) : NULL;
    if (p) {
        /* a phone that still holds its token keeps it */
        st = room_ok(s, b.room) ? net_phone_charge(s, p, NET_COST_JOIN, now) : MHD_HTTP_FORBIDDEN;
    } else if ((st = net_room_gate(s, ip, b.room, now)) != 0) {
        why = "room code";
    } else if (!net_join_allowed(s, ip, now)) {
        st = MHD_HTTP_TOO_MANY_REQUESTS;
        why = "join rate";
    } else if (!(p = net_phone_issue(s, now))) {
        st = MHD_HTTP_SERVICE_UNAVAILABLE;
        why = "no randomness";
    } else {
        memset(&m, 0, sizeof m);
        m.kind = NET_MSG_JOIN;
        memcpy(m.token, p->token, sizeof m.token);
        /* the join message is only a hint; the phone is counted even when the queue is full */
        net_queue_push(s, &m, &wake);
    }
    if (st == 0)
        snprintf(out, sizeof out, "{\"ok\":true,\"t\":\"%s\",\"v\":%d}", p->token, s->version);
    pthread_mutex_unlock(&s->mu);
    if (st)
        return send_error(r, c, st, why);
    if (wake)
        net_wake_main(s);
    return send_ok(r, c, out, MHD_RESPMEM_MUST_COPY);
}

static enum MHD_Result do_vote(NetServer *s, Req *r, struct MHD_Connection *c)
{
    NetBodyVote b;
    Err e;
    NetMsg m;
    unsigned st = 0;
    const char *why = "";
    int rc = net_body_vote(r->body, r->len, &b, &e), wake = 0;
    uint32_t ip = net_client_ip(s, c);
    long long now = net_now_ms();
    Phone *p = NULL;
    char out[80];
    if (rc != 0)
        return send_error(r, c, body_status(rc), e.msg);
    pthread_mutex_lock(&s->mu);
    if ((st = gate_phone(s, ip, b.room, b.token, now, &p)) != 0) {
        why = "room code or token";
    } else if ((st = net_phone_charge(s, p, NET_COST_VOTE, now)) != 0) {
        why = "rate";
    } else if (s->hold) {
        st = MHD_HTTP_SERVICE_UNAVAILABLE;
        why = "held";
    } else if (b.poll != s->info.poll_id || !s->info.open || s->info.kind == NET_POLL_IDEA) {
        st = MHD_HTTP_CONFLICT;
        why = "poll not open";
    } else if (b.option > s->info.n_options || !(s->info.enabled & (1u << (b.option - 1)))) {
        st = MHD_HTTP_BAD_REQUEST;
        why = "unknown or disabled option";
    } else {
        memset(&m, 0, sizeof m);
        m.kind = NET_MSG_VOTE;
        m.poll_id = b.poll;
        m.option = b.option - 1;
        memcpy(m.token, b.token, sizeof m.token);
        /* queued under s->mu: net_input_hold() cannot return in between */
        st = queue_or_busy(s, &m, &wake, &why);
    }
    pthread_mutex_unlock(&s->mu);
    if (st)
        return send_error(r, c, st, why);
    if (wake)
        net_wake_main(s);
    snprintf(out, sizeof out, "{\"ok\":true,\"poll\":%d,\"option\":%d}", b.poll, b.option);
    return send_ok(r, c, out, MHD_RESPMEM_MUST_COPY);
}

static enum MHD_Result do_idea(NetServer *s, Req *r, struct MHD_Connection *c)
{
    NetBodyIdea *b = NULL;
    Err e;
    NetMsg *m = NULL;
    unsigned st = 0;
    const char *why = "";
    int rc = 0, wake = 0, full = 0;
    uint32_t ip = net_client_ip(s, c);
    long long now = net_now_ms();
    Phone *p = NULL;
    enum MHD_Result ret = MHD_NO;
    b = malloc(sizeof *b);
    m = calloc(1, sizeof *m);
    if (!b || !m) {
        free(b);
        free(m);
        return MHD_NO;
    }
    rc = net_body_idea(r->body, r->len, b, &e);
    if (rc != 0) {
        ret = send_error(r, c, body_status(rc), e.msg);
        goto done;
    }
    pthread_mutex_lock(&s->mu);
    if ((st = gate_phone(s, ip, b->room, b->token, now, &p)) != 0) {
        why = "room code or token";
    } else if ((st = net_phone_charge(s, p, NET_COST_IDEA, now)) != 0) {
        why = "rate";
    } else if (s->hold) {
        st = MHD_HTTP_SERVICE_UNAVAILABLE;
        why = "held";
    } else if (!s->info.ideas_open) {
        st = MHD_HTTP_CONFLICT;
        why = "ideas closed";
    } else if (s->ideas_pushed >= s->idea_limit) {
        /* the main thread would not keep it: say so instead of "sent" */
        st = MHD_HTTP_SERVICE_UNAVAILABLE;
        why = "ideas full";
        full = 1;
    } else {
        m->kind = NET_MSG_IDEA;
        m->poll_id = s->info.poll_id;
        memcpy(m->token, b->token, sizeof m->token);
        memcpy(m->text, b->text, sizeof m->text);
        st = queue_or_busy(s, m, &wake, &why);
    }
    pthread_mutex_unlock(&s->mu);
    if (full) {
        log_debug("phone api idea: 503 (%s)", why);
        r->phase = PHASE_DONE;
        ret = send_json(c, st, "{\"error\":\"full\"}", MHD_RESPMEM_PERSISTENT);
        goto done;
    }
    if (st) {
        ret = send_error(r, c, st, why);
        goto done;
    }
    if (wake)
        net_wake_main(s);
    ret = send_ok(r, c, b->cut ? "{\"ok\":true,\"cut\":true}" : "{\"ok\":true}",
                  MHD_RESPMEM_PERSISTENT);
done:
    free(b);
    free(m);
    return ret;
}

static enum MHD_Result do_eval(NetServer *s, Req *r, struct MHD_Connection *c)
{
    NetBodyEval b;
    Err e;
    NetMsg *m = NULL;
    unsigned st = 0;
    const char *why = "";
    int rc = net_body_eval(r->body, r->len, &b, &e), wake = 0, answered = 0;
    uint32_t ip = net_client_ip(s, c);
    long long now = net_now_ms();
    Phone *p = NULL;
    if (rc != 0)
        return send_error(r, c, body_status(rc), e.msg);
    m = calloc(1, sizeof *m);
    if (!m)
        return MHD_NO;
    m->kind = NET_MSG_EVAL;
    memcpy(m->token, b.token, sizeof m->token);
    memcpy(m->sid, b.sid, sizeof m->sid);
    m->body = malloc(r->len + 1);
    if (!m->body) {
        free(m);
        return MHD_NO;
    }
    memcpy(m->body, r->body, r->len);
    m->body[r->len] = '\0';
    pthread_mutex_lock(&s->mu);
    if ((st = gate_phone(s, ip, b.room, b.token, now, &p)) != 0) {
        why = "room code or token";
    } else if ((st = net_phone_charge(s, p, NET_COST_EVAL, now)) != 0) {
        why = "rate";
    } else if (!s->info.eval_open || s->stopping) {
        st = MHD_HTTP_CONFLICT;
        why = "evaluation closed";
    } else if (p->eval_sid[0] && strcmp(p->eval_sid, b.sid) != 0) {
        /* one submission per token; its retries (same sid) pass */
        st = MHD_HTTP_CONFLICT;
        why = "already answered";
        answered = 1;
    } else {
        m->req_id = ++s->next_req_id;
        st = queue_or_busy(s, m, &wake, &why);
        if (st == 0) {
            m->body = NULL; /* the queue owns it now */
            memcpy(p->eval_sid, b.sid, sizeof p->eval_sid);
            r->req_id = m->req_id;
            suspend(s, r, c, &s->pending, now + s->eval_timeout_ms);
        }
    }
    pthread_mutex_unlock(&s->mu);
    free(m->body);
    free(m);
    if (answered) {
        log_debug("phone api eval: 409 (%s)", why);
        r->phase = PHASE_DONE;
        return send_json(c, st, "{\"error\":\"already_answered\"}", MHD_RESPMEM_PERSISTENT);
    }
    if (st)
        return send_error(r, c, st, why);
    if (wake)
        net_wake_main(s);
    return MHD_YES;
}

/* ---- routing ---- */

/* First call for a request: routes it and answers at once what can be
 * answered before the body (method, media type, size, rate). */
static enum MHD_Result begin_request(NetServer *s, Req *r, struct MHD_Connection *c,
                                     const char *url, const char *method)
{
    static const struct {
        const char *path;
        Route route;
    } api[] = {{"/api/state", ROUTE_STATE},
               {"/api/join", ROUTE_JOIN},
               {"/api/vote", ROUTE_VOTE},
               {"/api/idea", ROUTE_IDEA},
               {"/api/eval", ROUTE_EVAL}};
    size_t i = 0;
    const char *ctype = NULL, *clen = NULL;
    int stopping = 0;
    r->route = ROUTE_STATIC;
    for (i = 0; i < sizeof api / sizeof api[0]; i++)
        if (strcmp(url, api[i].path) == 0)
            r->route = api[i].route;
    pthread_mutex_lock(&s->mu);
    stopping = s->stopping;
    pthread_mutex_unlock(&s->mu);
    if (stopping)
        return send_error(r, c, MHD_HTTP_SERVICE_UNAVAILABLE, "stopping");

    if (r->route == ROUTE_STATIC) {
        int is_head = strcmp(method, "HEAD") == 0;
        if (strcmp(method, "GET") != 0 && !is_head)
            return send_error(r, c, MHD_HTTP_METHOD_NOT_ALLOWED, "method");
        if (strcmp(url, "/") == 0)
            url = "/index.html";
        for (i = 0; i < net_web_n_files; i++)
            if (strcmp(url, net_web_files[i].path) == 0) {
                r->phase = PHASE_DONE;
                return MHD_queue_response(c, MHD_HTTP_OK, s->static_resp[i]);
            }
        return send_error(r, c, MHD_HTTP_NOT_FOUND, "no such file");
    }
    if (r->route == ROUTE_STATE) {
        if (strcmp(method, "GET") != 0)
            return send_error(r, c, MHD_HTTP_METHOD_NOT_ALLOWED, "method");
        r->max = 0; /* a body on a GET is read and ignored */
        r->phase = PHASE_BODY;
        return MHD_YES;
    }
    if (strcmp(method, "POST") != 0)
        return send_error(r, c, MHD_HTTP_METHOD_NOT_ALLOWED, "method");
    /* application/json makes a cross-site form post impossible without a
     * CORS preflight, which this server never grants. */
    ctype = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!ctype || strncasecmp(ctype, "application/json", 16) != 0)
        return send_error(r, c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "content type");
    r->max = r->route == ROUTE_EVAL   ? NET_MAX_EVAL_BODY
             : r->route == ROUTE_IDEA ? NET_MAX_IDEA_BODY
                                      : NET_MAX_BODY;
    clen = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (clen && (strlen(clen) > 9 || strtoul(clen, NULL, 10) > r->max))
        return send_error(r, c, MHD_HTTP_CONTENT_TOO_LARGE, "content length");
    r->body = malloc(r->max + 1);
    if (!r->body)
        return MHD_NO;
    r->phase = PHASE_BODY;
    return MHD_YES;
}

static enum MHD_Result finish_resumed(NetServer *s, Req *r, struct MHD_Connection *c)
{
    enum MHD_Result ret = MHD_NO;
    pthread_mutex_lock(&s->mu);
    assert(s->n_suspended > 0);
    s->n_suspended--;
    pthread_mutex_unlock(&s->mu);
    if (r->route == ROUTE_STATE)
        return send_state(s, r, c);
    assert(r->route == ROUTE_EVAL);
    r->phase = PHASE_DONE;
    if (!r->reply_json)
        return send_error(r, c, MHD_HTTP_SERVICE_UNAVAILABLE, "no reply");
    ret = send_json(c, (unsigned)r->reply_status, r->reply_json, MHD_RESPMEM_MUST_COPY);
    free(r->reply_json);
    r->reply_json = NULL;
    return ret;
}

/* Takes n body bytes: buffered up to r->max, past it counted and thrown
 * away.  MHD_NO hangs up on a client that goes on too long. */
static enum MHD_Result take_body(Req *r, const char *data, size_t n)
{
    if (r->too_big || r->len + n > r->max) {
        /* discarded, not buffered; the 413 goes out once the body ends */
        if (!r->too_big) {
            r->too_big = 1;
            r->too_big_ms = net_now_ms();
        }
        r->discarded += n;
        if (r->discarded > NET_MAX_DISCARD || net_now_ms() - r->too_big_ms > NET_DISCARD_MS) {
            log_debug("phone api %s: oversize body still arriving, hanging up",
                      route_name(r->route));
            return MHD_NO;
        }
        return MHD_YES;
    }
    assert(r->body && r->len + n <= r->max);
    memcpy(r->body + r->len, data, n);
    r->len += n;
    return MHD_YES;
}

enum MHD_Result net_on_request(void *cls, struct MHD_Connection *c, const char *url,
                               const char *method, const char *version, const char *upload_data,
                               size_t *upload_data_size, void **con_cls)
{
    NetServer *s = cls;
    Req *r = *con_cls;
    (void)version;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        r->conn = c;
        *con_cls = r;
        return begin_request(s, r, c, url, method);
    }
    assert(r->conn == c);
    if (r->phase == PHASE_RESUMED)
        return finish_resumed(s, r, c);
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (r->phase != PHASE_BODY)
            return MHD_YES;
        return take_body(r, upload_data, n);
    }
    if (r->phase != PHASE_BODY)
        return MHD_YES;
    if (r->too_big)
        return send_error(r, c, MHD_HTTP_CONTENT_TOO_LARGE, "body size");
    /* Charged once the body is read, so the connection can stay open and
     * keep being limited. */
    if (r->route != ROUTE_STATE && !net_conn_charge(s, c))
        return send_error(r, c, MHD_HTTP_TOO_MANY_REQUESTS, "connection rate");
    switch (r->route) {
    case ROUTE_STATE: return do_state(s, r, c);
    case ROUTE_JOIN: return do_join(s, r, c);
    case ROUTE_VOTE: return do_vote(s, r, c);
    case ROUTE_IDEA: return do_idea(s, r, c);
    case ROUTE_EVAL: return do_eval(s, r, c);
    case ROUTE_STATIC: break;
    }
    return MHD_NO;
}

void net_on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    Req *r = *con_cls;
    (void)cls;
    (void)c;
    (void)toe;
    /* A request in WAIT is suspended and cannot complete; nothing to unlink. */
    if (r) {
        assert(r->phase != PHASE_WAIT && !r->prev && !r->next);
        free(r->body);
        free(r->reply_json);
        free(r);
        *con_cls = NULL;
    }
}
