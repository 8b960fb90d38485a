/* net.c - the phone server: libmicrohttpd routes, the message queue, the
 * published state snapshot, long-polls and suspended evaluation replies.
 *
 * Threads: the MHD polling thread runs on_request(); a small notifier thread
 * resumes long-polls when a new state is published or they time out, and
 * evaluations whose reply timed out; the main thread calls the public API.
 * One mutex (s->mu) guards everything shared.  Lock order: s->mu may be held
 * while calling MHD_suspend_connection/MHD_queue_response, never while
 * calling MHD_resume_connection (which is always done outside it).
 */
#include "net/net.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compat/compat.h"
#include "core/buf.h"
#include "core/log.h"
#include "net/net_body.h"
#include "net/net_lan.h"
#include "net/net_web.h"

#define NET_PHONE_HASH 1024
#define NET_JOINED_WINDOW_MS 90000LL
#define NET_PHONE_EXPIRE_MS 600000LL /* forgotten when the table is full */
/* An oversize body is read to its end and thrown away (never buffered) so
 * the client gets its 413: libmicrohttpd 0.9.75 cannot queue an answer
 * while a body is still arriving, and closing a socket with unread data
 * resets it, which can destroy an answer already sent.  A client that goes
 * on past either bound is cut off without an answer. */
#define NET_MAX_DISCARD (16u << 20) /* oversize body bytes read before hanging up */
#define NET_DISCARD_MS 10000LL      /* how long after crossing the limit */
#define NET_COST_VOTE 1.0
#define NET_COST_JOIN 1.0
#define NET_COST_IDEA 5.0
#define NET_COST_EVAL 2.0

typedef enum { ROUTE_STATIC, ROUTE_STATE, ROUTE_JOIN, ROUTE_VOTE, ROUTE_IDEA, ROUTE_EVAL } Route;
typedef enum { PHASE_BODY, PHASE_DONE, PHASE_WAIT, PHASE_RESUMED } Phase;

typedef struct Bucket {
    double tokens;
    long long last_ms;
} Bucket;

/* Per connection (keep-alive spans several requests). */
typedef struct ConnState {
    Bucket bucket;
    uint32_t ip; /* IPv4 of a counted (non-loopback) connection, 0 otherwise */
} ConnState;

/* Live connections per LAN address, in memory only: one laptop on the
 * network must not take every connection slot from the phones (slow
 * clients that trickle headers are closed only when idle). */
#define NET_IP_SLOTS 1024
typedef struct IpCount {
    uint32_t ip;
    int n;
} IpCount;

/* Per request (MHD's con_cls). */
typedef struct Req {
    Route route;
    Phase phase;
    struct MHD_Connection *conn;
    char *body; /* POST: max + 1 bytes */
    size_t len, max, discarded;
    int too_big;
    long long too_big_ms; /* when the body crossed max */
    unsigned long long req_id; /* EVAL */
    long long deadline_ms;     /* WAIT: when to give up */
    int wait_version;          /* STATE in WAIT: the version the phone has */
    int reply_status;
    char *reply_json;
    struct Req *prev, *next; /* in s->waiters or s->pending while WAIT */
} Req;

typedef struct ReqList {
    Req *head, *tail;
} ReqList;

typedef struct Phone {
    char token[VOTE_MAX_TOKEN];
    long long seen_ms;
    Bucket bucket;
    int next; /* hash chain, -1 */
} Phone;

struct NetServer {
    struct MHD_Daemon *d;
    pthread_mutex_t mu;
    pthread_cond_t cond;
    pthread_t notifier;
    int notifier_started, notifier_quit;
    int stopping;
    int port;
    char room[NET_ROOM_CODE_LEN + 1];
    char bind[INET_ADDRSTRLEN];
    void (*wake)(void *ud);
    void *wake_ud;
    int longpoll_ms, eval_timeout_ms;
    double token_rate, token_burst, conn_rate, conn_burst;

    /* the published snapshot */
    int version;
    struct MHD_Response *state_resp;
    NetPollInfo info;
    int published; /* a new version waits for the notifier */

    /* main-thread queue (ring) */
    NetMsg *queue;
    size_t q_head, q_len;

    ReqList waiters; /* long-polls, in deadline order */
    ReqList pending; /* evaluations waiting for net_reply, in deadline order */
    int n_suspended;
    unsigned long long next_req_id;

    Phone *phones;
    int n_phones;
    int heads[NET_PHONE_HASH];
    uint32_t seed;

    struct MHD_Response **static_resp; /* one per embedded file */

    pthread_mutex_t ip_mu;
    IpCount ips[NET_IP_SLOTS];
    int per_ip;
    int limit_loopback;
};

/* The slot of ip (creating it when add), or NULL when the table is full. */
static IpCount *ip_slot(NetServer *s, uint32_t ip, int add)
{
    int i = 0, free_i = -1;
    for (i = 0; i < NET_IP_SLOTS; i++) {
        if (s->ips[i].n > 0 && s->ips[i].ip == ip)
            return &s->ips[i];
        if (free_i < 0 && s->ips[i].n == 0)
            free_i = i;
    }
    if (!add || free_i < 0)
        return NULL;
    s->ips[free_i].ip = ip;
    return &s->ips[free_i];
}

static uint32_t lan_ipv4(const NetServer *s, const struct sockaddr *addr)
{
    uint32_t ip = 0;
    if (!addr || addr->sa_family != AF_INET)
        return 0;
    ip = ntohl(((const struct sockaddr_in *)addr)->sin_addr.s_addr);
    return (ip >> 24) == 127 && !s->limit_loopback ? 0 : ip; /* the laptop itself is not limited */
}

/* Accept policy: refuses a new connection from a LAN address that holds
 * per_ip connections already. */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
    NetServer *s = cls;
    uint32_t ip = lan_ipv4(s, addr);
    IpCount *c = NULL;
    int ok = 1;
    (void)addrlen;
    if (!ip || s->per_ip <= 0)
        return MHD_YES;
    pthread_mutex_lock(&s->ip_mu);
    c = ip_slot(s, ip, 0);
    if (c && c->n >= s->per_ip)
        ok = 0;
    pthread_mutex_unlock(&s->ip_mu);
    return ok ? MHD_YES : MHD_NO;
}

/* ---- small helpers ---- */

static long long now_ms(void)
{
    return compat_clock_ms();
}

/* Token bucket: 1 if cost could be taken. */
static int bucket_take(Bucket *b, double rate, double burst, double cost, long long now)
{
    if (b->last_ms == 0) {
        b->tokens = burst;
        b->last_ms = now;
    }
    b->tokens += (double)(now - b->last_ms) * rate / 1000.0;
    if (b->tokens > burst)
        b->tokens = burst;
    b->last_ms = now;
    if (b->tokens < cost)
        return 0;
    b->tokens -= cost;
    return 1;
}

static void list_append(ReqList *l, Req *r)
{
    r->next = NULL;
    r->prev = l->tail;
    if (l->tail)
        l->tail->next = r;
    else
        l->head = r;
    l->tail = r;
}

static void list_remove(ReqList *l, Req *r)
{
    if (r->prev)
        r->prev->next = r->next;
    else
        l->head = r->next;
    if (r->next)
        r->next->prev = r->prev;
    else
        l->tail = r->prev;
    r->prev = r->next = NULL;
}

/* Removes r from l and pushes it onto the singly linked batch (via next). */
static void list_move_to_batch(ReqList *l, Req *r, Req **batch)
{
    list_remove(l, r);
    r->phase = PHASE_RESUMED;
    r->next = *batch;
    *batch = r;
}

/* Resumes every request of a batch; called without s->mu held. */
static void resume_batch(Req *batch)
{
    while (batch) {
        Req *next = batch->next;
        batch->next = NULL;
        MHD_resume_connection(batch->conn);
        batch = next;
    }
}

/* ---- phones (tokens live in memory only) ---- */

static uint32_t token_hash(const NetServer *s, const char *t)
{
    uint32_t h = 2166136261u ^ s->seed;
    for (; *t; t++)
        h = (h ^ (unsigned char)*t) * 16777619u;
    return h % NET_PHONE_HASH;
}

static void phones_rehash(NetServer *s)
{
    int i = 0;
    for (i = 0; i < NET_PHONE_HASH; i++)
        s->heads[i] = -1;
    for (i = 0; i < s->n_phones; i++) {
        uint32_t h = token_hash(s, s->phones[i].token);
        s->phones[i].next = s->heads[h];
        s->heads[h] = i;
    }
}

/* Finds or adds token (s->mu held).  NULL when the table is full of phones
 * seen in the last NET_PHONE_EXPIRE_MS. */
static Phone *phone_touch(NetServer *s, const char *token, long long now, int *is_new)
{
    uint32_t h = token_hash(s, token);
    int i = s->heads[h];
    Phone *p = NULL;
    *is_new = 0;
    for (; i >= 0; i = s->phones[i].next)
        if (strcmp(s->phones[i].token, token) == 0) {
            s->phones[i].seen_ms = now;
            return &s->phones[i];
        }
    if (s->n_phones == NET_MAX_PHONES) {
        int j = 0, k = 0;
        for (j = 0; j < s->n_phones; j++)
            if (now - s->phones[j].seen_ms < NET_PHONE_EXPIRE_MS)
                s->phones[k++] = s->phones[j];
        s->n_phones = k;
        phones_rehash(s);
        if (s->n_phones == NET_MAX_PHONES)
            return NULL;
        h = token_hash(s, token);
    }
    p = &s->phones[s->n_phones];
    memset(p, 0, sizeof *p);
    memcpy(p->token, token, strlen(token) + 1);
    p->seen_ms = now;
    p->next = s->heads[h];
    s->heads[h] = s->n_phones++;
    *is_new = 1;
    return p;
}

/* ---- queue ---- */

/* Copies m into the queue (s->mu held); ERR_LIMIT when full. */
static int queue_push(NetServer *s, const NetMsg *m)
{
    if (s->q_len == NET_MAX_QUEUE)
        return ERR_LIMIT;
    s->queue[(s->q_head + s->q_len) % NET_MAX_QUEUE] = *m;
    s->q_len++;
    return 0;
}

/* ---- responses ---- */

static void add_common_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, const char *json,
                                 enum MHD_ResponseMemoryMode mode)
{
    enum MHD_Result ret = MHD_NO;
    struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(json), (void *)json, mode);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", "application/json");
    add_common_headers(resp);
    /* a client that sent too much does not keep its connection */
    if (status == MHD_HTTP_CONTENT_TOO_LARGE)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static const char *route_name(Route r)
{
    static const char *const names[] = {"static", "state", "join", "vote", "idea", "eval"};
    return names[r];
}

/* An error answer with a fixed body; logs the route and reason (never the
 * token, the address or the body). */
static enum MHD_Result send_error(Req *r, struct MHD_Connection *c, unsigned status,
                                  const char *reason)
{
    const char *body = "{\"error\":\"bad_request\"}";
    switch (status) {
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

static void wake_main(NetServer *s)
{
    if (s->wake)
        s->wake(s->wake_ud);
}

/* ---- routes ---- */

static int room_ok(const NetServer *s, const char *code)
{
    char up[NET_ROOM_CODE_LEN + 1];
    return code && net_room_parse(code, up) == 0 && memcmp(up, s->room, sizeof up) == 0;
}

static unsigned body_status(int rc)
{
    return rc == ERR_LIMIT ? MHD_HTTP_CONTENT_TOO_LARGE : MHD_HTTP_BAD_REQUEST;
}

/* Touches the token and takes cost from its bucket (s->mu held).  Returns
 * 0, or the HTTP status to answer with. */
static unsigned phone_charge(NetServer *s, const char *token, double cost, long long now,
                             int *is_new)
{
    Phone *p = phone_touch(s, token, now, is_new);
    if (!p)
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    if (!bucket_take(&p->bucket, s->token_rate, s->token_burst, cost, now))
        return MHD_HTTP_TOO_MANY_REQUESTS;
    return 0;
}

static enum MHD_Result do_state(NetServer *s, Req *r, struct MHD_Connection *c)
{
    const char *code = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "r");
    const char *vs = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "v");
    const char *t = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "t");
    long v = -1;
    int is_new = 0;
    if (!room_ok(s, code))
        return send_error(r, c, MHD_HTTP_FORBIDDEN, "room code");
    if (vs && vs[0] >= '0' && vs[0] <= '9' && strlen(vs) < 11) {
        char *end = NULL;
        v = strtol(vs, &end, 10);
        if (*end)
            v = -1;
    }
    pthread_mutex_lock(&s->mu);
    if (t && net_token_valid(t))
        phone_touch(s, t, now_ms(), &is_new);
    if (v == (long)s->version && !s->stopping) {
        r->phase = PHASE_WAIT;
        r->deadline_ms = now_ms() + s->longpoll_ms;
        r->wait_version = s->version;
        list_append(&s->waiters, r);
        s->n_suspended++;
        MHD_suspend_connection(c);
        pthread_mutex_unlock(&s->mu);
        return MHD_YES;
    }
    r->phase = PHASE_DONE;
    {
        enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, s->state_resp);
        pthread_mutex_unlock(&s->mu);
        return ret;
    }
}

static enum MHD_Result do_join(NetServer *s, Req *r, struct MHD_Connection *c)
{
    NetBodyJoin b;
    Err e;
    NetMsg m;
    unsigned st = 0;
    int rc = net_body_join(r->body, r->len, &b, &e), is_new = 0, version = 0;
    char out[64];
    if (rc != 0)
        return send_error(r, c, body_status(rc), e.msg);
    if (!room_ok(s, b.room))
        return send_error(r, c, MHD_HTTP_FORBIDDEN, "room code");
    pthread_mutex_lock(&s->mu);
    st = phone_charge(s, b.token, NET_COST_JOIN, now_ms(), &is_new);
    if (st == 0 && is_new) {
        memset(&m, 0, sizeof m);
        m.kind = NET_MSG_JOIN;
        memcpy(m.token, b.token, sizeof m.token);
        if (queue_push(s, &m) != 0)
            is_new = 0; /* the join message is only a hint; the phone is counted anyway */
    }
    version = s->version;
    pthread_mutex_unlock(&s->mu);
    if (st)
        return send_error(r, c, st, "join refused");
    if (is_new)
        wake_main(s);
    snprintf(out, sizeof out, "{\"ok\":true,\"v\":%d}", version);
    r->phase = PHASE_DONE;
    return send_json(c, MHD_HTTP_OK, out, MHD_RESPMEM_MUST_COPY);
}

static enum MHD_Result do_vote(NetServer *s, Req *r, struct MHD_Connection *c)
{
    NetBodyVote b;
    Err e;
    NetMsg m;
    unsigned st = 0;
    const char *why = "";
    int rc = net_body_vote(r->body, r->len, &b, &e), is_new = 0;
    char out[80];
    if (rc != 0)
        return send_error(r, c, body_status(rc), e.msg);
    if (!room_ok(s, b.room))
        return send_error(r, c, MHD_HTTP_FORBIDDEN, "room code");
    pthread_mutex_lock(&s->mu);
    st = phone_charge(s, b.token, NET_COST_VOTE, now_ms(), &is_new);
    if (st) {
        why = "rate or phone limit";
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
        if (queue_push(s, &m) != 0) {
            st = MHD_HTTP_SERVICE_UNAVAILABLE;
            why = "queue full";
        }
    }
    pthread_mutex_unlock(&s->mu);
    if (st)
        return send_error(r, c, st, why);
    wake_main(s);
    snprintf(out, sizeof out, "{\"ok\":true,\"poll\":%d,\"option\":%d}", b.poll, b.option);
    r->phase = PHASE_DONE;
    return send_json(c, MHD_HTTP_OK, out, MHD_RESPMEM_MUST_COPY);
}

static enum MHD_Result do_idea(NetServer *s, Req *r, struct MHD_Connection *c)
{
    NetBodyIdea *b = NULL;
    Err e;
    NetMsg *m = NULL;
    unsigned st = 0;
    const char *why = "";
    int rc = 0, is_new = 0;
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
    if (!room_ok(s, b->room)) {
        ret = send_error(r, c, MHD_HTTP_FORBIDDEN, "room code");
        goto done;
    }
    pthread_mutex_lock(&s->mu);
    st = phone_charge(s, b->token, NET_COST_IDEA, now_ms(), &is_new);
    if (st) {
        why = "rate or phone limit";
    } else if (!s->info.ideas_open) {
        st = MHD_HTTP_CONFLICT;
        why = "ideas closed";
    } else {
        m->kind = NET_MSG_IDEA;
        m->poll_id = s->info.poll_id;
        memcpy(m->token, b->token, sizeof m->token);
        memcpy(m->text, b->text, sizeof m->text);
        if (queue_push(s, m) != 0) {
            st = MHD_HTTP_SERVICE_UNAVAILABLE;
            why = "queue full";
        }
    }
    pthread_mutex_unlock(&s->mu);
    if (st) {
        ret = send_error(r, c, st, why);
        goto done;
    }
    wake_main(s);
    r->phase = PHASE_DONE;
    ret = send_json(c, MHD_HTTP_OK, "{\"ok\":true}", MHD_RESPMEM_PERSISTENT);
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
    int rc = net_body_eval(r->body, r->len, &b, &e), is_new = 0;
    long long now = now_ms();
    if (rc != 0)
        return send_error(r, c, body_status(rc), e.msg);
    if (!room_ok(s, b.room))
        return send_error(r, c, MHD_HTTP_FORBIDDEN, "room code");
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
    if (b.token[0])
        st = phone_charge(s, b.token, NET_COST_EVAL, now, &is_new);
    if (st) {
        why = "rate or phone limit";
    } else if (!s->info.eval_open || s->stopping) {
        st = MHD_HTTP_CONFLICT;
        why = "evaluation closed";
    } else {
        m->req_id = ++s->next_req_id;
        if (queue_push(s, m) != 0) {
            st = MHD_HTTP_SERVICE_UNAVAILABLE;
            why = "queue full";
        } else {
            m->body = NULL; /* the queue owns it now */
            r->req_id = m->req_id;
            r->phase = PHASE_WAIT;
            r->deadline_ms = now + s->eval_timeout_ms;
            list_append(&s->pending, r);
            s->n_suspended++;
            MHD_suspend_connection(c);
        }
    }
    pthread_mutex_unlock(&s->mu);
    free(m->body);
    free(m);
    if (st)
        return send_error(r, c, st, why);
    wake_main(s);
    return MHD_YES;
}

/* Takes one request from the connection's bucket; 1 if allowed. */
static int conn_charge(NetServer *s, struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    ConnState *cs = ci ? ci->socket_context : NULL;
    int ok = 1;
    if (cs) {
        pthread_mutex_lock(&s->mu);
        ok = bucket_take(&cs->bucket, s->conn_rate, s->conn_burst, 1.0, now_ms());
        pthread_mutex_unlock(&s->mu);
    }
    return ok;
}

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
    r->max = r->route == ROUTE_EVAL ? NET_MAX_EVAL_BODY : NET_MAX_BODY;
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
    s->n_suspended--;
    pthread_mutex_unlock(&s->mu);
    if (r->route == ROUTE_STATE)
        return send_state(s, r, c);
    r->phase = PHASE_DONE;
    if (!r->reply_json)
        return send_error(r, c, MHD_HTTP_SERVICE_UNAVAILABLE, "no reply");
    ret = send_json(c, (unsigned)r->reply_status, r->reply_json, MHD_RESPMEM_MUST_COPY);
    free(r->reply_json);
    r->reply_json = NULL;
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
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
    if (r->phase == PHASE_RESUMED)
        return finish_resumed(s, r, c);
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (r->phase != PHASE_BODY)
            return MHD_YES;
        if (r->too_big || r->len + n > r->max) {
            /* discarded, not buffered; the 413 goes out once the body ends */
            if (!r->too_big) {
                r->too_big = 1;
                r->too_big_ms = now_ms();
            }
            r->discarded += n;
            if (r->discarded > NET_MAX_DISCARD || now_ms() - r->too_big_ms > NET_DISCARD_MS) {
                log_debug("phone api %s: oversize body still arriving, hanging up",
                          route_name(r->route));
                return MHD_NO;
            }
            return MHD_YES;
        }
        memcpy(r->body + r->len, upload_data, n);
        r->len += n;
        return MHD_YES;
    }
    if (r->phase != PHASE_BODY)
        return MHD_YES;
    if (r->too_big)
        return send_error(r, c, MHD_HTTP_CONTENT_TOO_LARGE, "body size");
    /* Charged once the body is read, so the connection can stay open and
     * keep being limited. */
    if (r->route != ROUTE_STATE && !conn_charge(s, c))
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

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    Req *r = *con_cls;
    (void)cls;
    (void)c;
    (void)toe;
    /* A request in WAIT is suspended and cannot complete; nothing to unlink. */
    if (r) {
        free(r->body);
        free(r->reply_json);
        free(r);
        *con_cls = NULL;
    }
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    NetServer *s = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        ConnState *cs = calloc(1, sizeof(ConnState)); /* NULL: no per-connection limit */
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        uint32_t ip = ci ? lan_ipv4(s, ci->client_addr) : 0;
        if (cs && ip && s->per_ip > 0) {
            IpCount *slot = NULL;
            pthread_mutex_lock(&s->ip_mu);
            slot = ip_slot(s, ip, 1);
            if (slot) {
                slot->n++;
                cs->ip = ip;
            }
            pthread_mutex_unlock(&s->ip_mu);
        }
        *socket_context = cs;
    } else {
        ConnState *cs = *socket_context;
        if (cs && cs->ip) {
            IpCount *slot = NULL;
            pthread_mutex_lock(&s->ip_mu);
            slot = ip_slot(s, cs->ip, 0);
            if (slot && slot->n > 0)
                slot->n--;
            pthread_mutex_unlock(&s->ip_mu);
        }
        free(cs);
        *socket_context = NULL;
    }
}

/* libmicrohttpd's own messages, at debug level, with anything that looks
 * like an address removed (privacy). */
__attribute__((format(printf, 2, 0))) static void on_mhd_log(void *cls, const char *fmt,
                                                             va_list ap)
{
    char msg[512];
    size_t i = 0;
    (void)cls;
    vsnprintf(msg, sizeof msg, fmt, ap);
    for (i = 0; msg[i]; i++) {
        size_t j = i, dots = 0;
        while (msg[j] && (strchr("0123456789abcdefABCDEF.:", msg[j]) != NULL)) {
            if (msg[j] == '.' || msg[j] == ':')
                dots++;
            j++;
        }
        if (dots >= 2) {
            memset(msg + i, '*', j - i);
            i = j - 1;
        }
    }
    i = strlen(msg);
    while (i > 0 && msg[i - 1] == '\n')
        msg[--i] = '\0';
    log_debug("http: %s", msg);
}

/* ---- the notifier thread ---- */

static void *notifier_main(void *arg)
{
    NetServer *s = arg;
    pthread_mutex_lock(&s->mu);
    while (!s->notifier_quit) {
        Req *batch = NULL;
        long long now = now_ms();
        if (s->published) {
            Req *w = s->waiters.head, *next = NULL;
            s->published = 0;
            /* Waiters that arrived after this version was published keep waiting. */
            for (; w; w = next) {
                next = w->next;
                if (w->wait_version != s->version)
                    list_move_to_batch(&s->waiters, w, &batch);
            }
        }
        while (s->waiters.head && s->waiters.head->deadline_ms <= now)
            list_move_to_batch(&s->waiters, s->waiters.head, &batch);
        while (s->pending.head && s->pending.head->deadline_ms <= now) {
            Req *r = s->pending.head;
            log_warn("an evaluation answer got no reply from the engine in time");
            list_move_to_batch(&s->pending, r, &batch);
        }
        if (batch) {
            pthread_mutex_unlock(&s->mu);
            resume_batch(batch);
            pthread_mutex_lock(&s->mu);
            continue;
        }
        if (!s->published && !s->notifier_quit)
            compat_cond_wait_ms(&s->cond, &s->mu, 200);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

/* ---- public API ---- */

static struct MHD_Response *make_state_response(const char *json, size_t len)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)json, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return NULL;
    MHD_add_response_header(resp, "Content-Type", "application/json");
    add_common_headers(resp);
    return resp;
}

static int check_port_free(const char *bind_addr, int port, Err *err)
{
    struct sockaddr_in sa;
    char why[256] = "";
    int rc = 0;
    if (port == 0)
        return 0;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind_addr && inet_pton(AF_INET, bind_addr, &sa.sin_addr) != 1)
        return err_set(err, ERR_INVALID, "not an IPv4 address: %s", bind_addr);
    rc = compat_port_probe(&sa, why, sizeof why);
    if (rc != 0) {
        if (rc == COMPAT_PORT_BUSY)
            rc = err_set(err, ERR_IO,
                         "port %d is already in use (is Spectactor already running?); "
                         "choose another with --port N",
                         port);
        else
            rc = err_set(err, ERR_IO, "cannot listen on port %d: %s", port, why);
    }
    return rc;
}

NetServer *net_start(const NetConfig *cfg, Err *err)
{
    NetServer *s = NULL;
    struct sockaddr_in sa;
    const union MHD_DaemonInfo *di = NULL;
    unsigned flags = COMPAT_MHD_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    size_t i = 0;
    uint32_t rnd[2] = {0, 0};
    Err e2;
    if (!cfg || cfg->port < 0 || cfg->port > 65535) {
        err_set(err, ERR_INVALID, "bad phone server configuration");
        return NULL;
    }
    if (check_port_free(cfg->bind, cfg->port, err) != 0)
        return NULL;
    s = calloc(1, sizeof *s);
    if (!s) {
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&s->mu, NULL);
    pthread_mutex_init(&s->ip_mu, NULL);
    s->limit_loopback = cfg->limit_loopback;
    s->per_ip = cfg->per_ip_conns > 0 ? cfg->per_ip_conns : cfg->per_ip_conns < 0 ? 0 : NET_PER_IP_DEFAULT;
    compat_cond_init(&s->cond);
    s->queue = calloc(NET_MAX_QUEUE, sizeof *s->queue);
    s->phones = calloc(NET_MAX_PHONES, sizeof *s->phones);
    s->static_resp = calloc(net_web_n_files + 1, sizeof *s->static_resp);
    if (!s->queue || !s->phones || !s->static_resp) {
        err_set(err, ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (compat_random(rnd, sizeof rnd, 1) != 0) {
        rnd[0] = (uint32_t)now_ms();
        rnd[1] = 1;
    }
    s->seed = rnd[0];
    /* A random first version: a phone still holding a version from an
     * earlier run of the engine must not wait for a number it already has. */
    s->version = (int)(rnd[1] % 1000000u);
    phones_rehash(s);
    if (cfg->room_code) {
        if (net_room_parse(cfg->room_code, s->room) != 0) {
            err_set(err, ERR_INVALID, "room code must be %d letters", NET_ROOM_CODE_LEN);
            goto fail;
        }
    } else if (net_make_room_code(s->room, err) != 0) {
        goto fail;
    }
    if (cfg->bind)
        snprintf(s->bind, sizeof s->bind, "%s", cfg->bind);
    s->wake = cfg->wake;
    s->wake_ud = cfg->wake_ud;
    s->longpoll_ms = cfg->longpoll_ms > 0 ? cfg->longpoll_ms : 25000;
    s->eval_timeout_ms = cfg->eval_timeout_ms > 0 ? cfg->eval_timeout_ms : 15000;
    s->token_rate = cfg->token_rate > 0 ? cfg->token_rate : 1.0;
    s->token_burst = cfg->token_burst > 0 ? cfg->token_burst : 10.0;
    s->conn_rate = cfg->conn_rate > 0 ? cfg->conn_rate : 10.0;
    s->conn_burst = cfg->conn_burst > 0 ? cfg->conn_burst : 30.0;

    for (i = 0; i < net_web_n_files; i++) {
        struct MHD_Response *resp = MHD_create_response_from_buffer(
            net_web_files[i].len, (void *)net_web_files[i].data, MHD_RESPMEM_PERSISTENT);
        if (!resp) {
            err_set(err, ERR_NOMEM, "out of memory");
            goto fail;
        }
        MHD_add_response_header(resp, "Content-Type", net_web_files[i].type);
        MHD_add_response_header(resp, "Cache-Control", "no-cache");
        MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
        MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; base-uri 'none'; "
                                "form-action 'none'; frame-ancestors 'none'");
        s->static_resp[i] = resp;
    }
    if (net_publish(s, "{\"screen\":\"waiting\"}", NULL, &e2) < 0) {
        err_set(err, e2.code, "%s", e2.msg);
        goto fail;
    }
    s->published = 0;

    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)cfg->port);
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if (cfg->bind && inet_pton(AF_INET, cfg->bind, &sa.sin_addr) != 1) {
        err_set(err, ERR_INVALID, "not an IPv4 address: %s", cfg->bind);
        goto fail;
    }
    s->d = MHD_start_daemon(
        flags, (uint16_t)cfg->port, on_accept, s, on_request, s, MHD_OPTION_EXTERNAL_LOGGER,
        on_mhd_log, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)(cfg->max_conns > 0 ? cfg->max_conns : 1200),
        MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)(cfg->conn_timeout_s > 0 ? cfg->conn_timeout_s : 10),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384, MHD_OPTION_LISTEN_BACKLOG_SIZE,
        (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(cfg->threads > 1 ? cfg->threads : 0), MHD_OPTION_END);
    if (!s->d) {
        err_set(err, ERR_IO, "cannot start the phone server on port %d", cfg->port);
        goto fail;
    }
    di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : cfg->port;
    if (pthread_create(&s->notifier, NULL, notifier_main, s) != 0) {
        err_set(err, ERR_IO, "cannot start the phone server's notifier thread");
        goto fail;
    }
    s->notifier_started = 1;
    log_info("phone server listening on port %d", s->port);
    return s;
fail:
    net_stop(s);
    return NULL;
}

void net_stop(NetServer *s)
{
    Req *batch = NULL;
    size_t i = 0;
    long long give_up = 0;
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->stopping = 1;
    while (s->waiters.head)
        list_move_to_batch(&s->waiters, s->waiters.head, &batch);
    while (s->pending.head)
        list_move_to_batch(&s->pending, s->pending.head, &batch);
    pthread_mutex_unlock(&s->mu);
    resume_batch(batch);
    /* libmicrohttpd must not be stopped with suspended connections. */
    give_up = now_ms() + 3000;
    for (;;) {
        int n = 0;
        pthread_mutex_lock(&s->mu);
        n = s->n_suspended;
        pthread_mutex_unlock(&s->mu);
        if (n == 0 || now_ms() > give_up)
            break;
        usleep(2000);
    }
    if (s->notifier_started) {
        pthread_mutex_lock(&s->mu);
        s->notifier_quit = 1;
        pthread_cond_signal(&s->cond);
        pthread_mutex_unlock(&s->mu);
        pthread_join(s->notifier, NULL);
    }
    if (s->d)
        MHD_stop_daemon(s->d);
    if (s->queue)
        for (i = 0; i < s->q_len; i++)
            free(s->queue[(s->q_head + i) % NET_MAX_QUEUE].body);
    if (s->static_resp)
        for (i = 0; i < net_web_n_files; i++)
            if (s->static_resp[i])
                MHD_destroy_response(s->static_resp[i]);
    if (s->state_resp)
        MHD_destroy_response(s->state_resp);
    free(s->static_resp);
    free(s->queue);
    free(s->phones);
    pthread_cond_destroy(&s->cond);
    pthread_mutex_destroy(&s->mu);
    pthread_mutex_destroy(&s->ip_mu);
    free(s);
}

int net_port(const NetServer *s)
{
    return s ? s->port : 0;
}

const char *net_room_code(const NetServer *s)
{
    return s ? s->room : "";
}

int net_next_msg(NetServer *s, NetMsg *out)
{
    int got = 0;
    if (!s || !out)
        return 0;
    pthread_mutex_lock(&s->mu);
    if (s->q_len > 0) {
        *out = s->queue[s->q_head];
        s->queue[s->q_head].body = NULL;
        s->q_head = (s->q_head + 1) % NET_MAX_QUEUE;
        s->q_len--;
        got = 1;
    }
    pthread_mutex_unlock(&s->mu);
    return got;
}

void net_msg_clear(NetMsg *m)
{
    if (m) {
        free(m->body);
        m->body = NULL;
    }
}

int net_publish(NetServer *s, const char *state_json, const NetPollInfo *info, Err *err)
{
    cJSON *root = NULL;
    char *text = NULL;
    struct MHD_Response *resp = NULL, *old = NULL;
    NetPollInfo none;
    int version = 0;
    size_t len = 0;
    if (!s || !state_json)
        return err_set(err, ERR_INVALID, "no state to publish");
    len = strlen(state_json);
    if (len > NET_MAX_STATE)
        return err_set(err, ERR_LIMIT, "state JSON over %d bytes", NET_MAX_STATE);
    if (info && (info->n_options < 0 || info->n_options > VOTE_MAX_OPTIONS))
        return err_set(err, ERR_INVALID, "poll info with %d options", info->n_options);
    root = cJSON_ParseWithLength(state_json, len);
    if (!root || !cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return err_set(err, ERR_INVALID, "state is not a JSON object");
    }
    pthread_mutex_lock(&s->mu);
    version = s->version + 1;
    pthread_mutex_unlock(&s->mu);
    /* Only the main thread publishes, so version cannot move meanwhile. */
    cJSON_DeleteItemFromObjectCaseSensitive(root, "v");
    if (!cJSON_AddNumberToObject(root, "v", version) || !(text = cJSON_PrintUnformatted(root)) ||
        !(resp = make_state_response(text, strlen(text)))) {
        cJSON_free(text);
        cJSON_Delete(root);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    cJSON_free(text);
    cJSON_Delete(root);
    memset(&none, 0, sizeof none);
    pthread_mutex_lock(&s->mu);
    old = s->state_resp;
    s->state_resp = resp;
    s->version = version;
    s->info = info ? *info : none;
    s->published = 1;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->mu);
    if (old)
        MHD_destroy_response(old); /* connections still sending it hold their own reference */
    return version;
}

int net_reply(NetServer *s, unsigned long long req_id, int http_status, const char *json)
{
    Req *r = NULL, *batch = NULL;
    char *copy = NULL;
    if (!s)
        return ERR_NOTFOUND;
    copy = core_strdup(json ? json : "{}");
    if (!copy)
        return ERR_NOMEM;
    pthread_mutex_lock(&s->mu);
    for (r = s->pending.head; r; r = r->next)
        if (r->req_id == req_id)
            break;
    if (r) {
        r->reply_status = http_status >= 200 && http_status < 600 ? http_status : 500;
        r->reply_json = copy;
        copy = NULL;
        list_move_to_batch(&s->pending, r, &batch);
    }
    pthread_mutex_unlock(&s->mu);
    free(copy);
    if (!batch)
        return ERR_NOTFOUND;
    resume_batch(batch);
    return 0;
}

int net_joined(NetServer *s)
{
    int i = 0, n = 0;
    long long now = now_ms();
    if (!s)
        return 0;
    pthread_mutex_lock(&s->mu);
    for (i = 0; i < s->n_phones; i++)
        if (now - s->phones[i].seen_ms < NET_JOINED_WINDOW_MS)
            n++;
    pthread_mutex_unlock(&s->mu);
    return n;
}

int net_lan_url(const NetServer *s, char *out, size_t n, Err *err)
{
    char addr[INET_ADDRSTRLEN] = "";
    if (!s || !out || n < NET_MAX_URL)
        return err_set(err, ERR_INVALID, "bad arguments to net_lan_url");
    out[0] = '\0';
    if (s->bind[0] && strcmp(s->bind, "0.0.0.0") != 0) {
        if (strncmp(s->bind, "127.", 4) == 0)
            return err_set(err, ERR_NOTFOUND, "%s", net_no_lan_message("en"));
        snprintf(addr, sizeof addr, "%s", s->bind);
    } else if (net_lan_ipv4(addr, sizeof addr) != 0) {
        return err_set(err, ERR_NOTFOUND, "%s", net_no_lan_message("en"));
    }
    snprintf(out, n, "http://%s:%d/?r=%s", addr, s->port, s->room);
    return 0;
}
