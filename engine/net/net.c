/* net.c - the phone server's lifecycle (net_start, net_stop), the message
 * queue the main thread drains, the published state snapshot, the notifier
 * thread, and net_reply for suspended evaluations.  Routing and handlers are
 * in net_routes.c, limits and the token table in net_limits.c.
 *
 * Threads: the MHD polling thread runs net_on_request(); a small notifier
 * thread resumes long-polls when a new state is published or they time out,
 * and evaluations whose reply timed out; the main thread calls the public
 * API.  One mutex (s->mu) guards everything shared.  Lock order: s->mu may be
 * held while calling MHD_suspend_connection/MHD_queue_response, never while
 * calling MHD_resume_connection (which is always done outside it).
 */
#include "net/net.h"

#include "compat/compat.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#ifndef _WIN32
#include <sys/resource.h>
#endif
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "net/net_body.h"
#include "net/net_internal.h"
#include "net/net_lan.h"
#include "net/net_web.h"

/* ---- shared helpers ---- */

long long net_now_ms(void)
{
    return compat_clock_ms();
}

void net_list_append(ReqList *l, Req *r)
{
    assert(!r->prev && !r->next);
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
    assert(l->head && l->tail);
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

void net_list_move_to_batch(ReqList *l, Req *r, Req **batch)
{
    assert(r->phase == PHASE_WAIT);
    list_remove(l, r);
    r->phase = PHASE_RESUMED;
    r->next = *batch;
    *batch = r;
}

void net_resume_batch(Req *batch)
{
    while (batch) {
        Req *next = batch->next;
        batch->next = NULL;
        MHD_resume_connection(batch->conn);
        batch = next;
    }
}

/* ---- queue ---- */

int net_queue_push(NetServer *s, const NetMsg *m, int *wake)
{
    assert(s->q_len <= NET_MAX_QUEUE && s->q_head < NET_MAX_QUEUE);
    assert(s->wake_pending || s->q_len == 0);
    *wake = 0;
    if (s->q_len == NET_MAX_QUEUE)
        return ERR_LIMIT;
    s->queue[(s->q_head + s->q_len) % NET_MAX_QUEUE] = *m;
    s->q_len++;
    if (m->kind == NET_MSG_IDEA)
        s->ideas_pushed++;
    /* One wake until the main thread drains: it reads the whole queue per wake. */
    *wake = !s->wake_pending;
    s->wake_pending = 1;
    return 0;
}

void net_wake_main(NetServer *s)
{
    if (s->wake)
        s->wake(s->wake_ud);
}

struct MHD_Response *net_json_response(const char *json, size_t len,
                                       enum MHD_ResponseMemoryMode mode)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)json, mode);
    if (!resp)
        return NULL;
    MHD_add_response_header(resp, "Content-Type", "application/json");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    return resp;
}

/* ---- the daemon's log ---- */

/* libmicrohttpd's own messages, at debug level, with anything that looks
 * like an address removed (privacy). */
__attribute__((format(printf, 2, 0))) static void on_mhd_log(void *cls, const char *fmt, va_list ap)
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
        long long now = net_now_ms();
        if (s->published) {
            Req *w = s->waiters.head, *next = NULL;
            s->published = 0;
            /* Waiters that arrived after this version was published keep waiting. */
            for (; w; w = next) {
                next = w->next;
                if (w->wait_version != s->version)
                    net_list_move_to_batch(&s->waiters, w, &batch);
            }
        }
        while (s->waiters.head && s->waiters.head->deadline_ms <= now)
            net_list_move_to_batch(&s->waiters, s->waiters.head, &batch);
        while (s->pending.head && s->pending.head->deadline_ms <= now) {
            Req *r = s->pending.head;
            log_warn("an evaluation answer got no reply from the engine in time");
            net_list_move_to_batch(&s->pending, r, &batch);
        }
        if (batch) {
            pthread_mutex_unlock(&s->mu);
            net_resume_batch(batch);
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

/* Raises the soft limit on open files towards want (a hall's connections
 * need more than the usual 1024); the hard limit stays.  Best effort. */
static void raise_fd_limit(long want)
{
#ifdef _WIN32
    (void)want; /* no such limit on sockets there */
#else
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= (rlim_t)want)
        return;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > (rlim_t)want ? (rlim_t)want : rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
        log_warn("cannot raise the open file limit for the phone server");
#endif
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
    int max_conns = 0;
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
    s->per_ip = cfg->per_ip_conns > 0   ? cfg->per_ip_conns
                : cfg->per_ip_conns < 0 ? 0
                                        : NET_PER_IP_DEFAULT;
    compat_cond_init(&s->cond);
    s->queue = calloc(NET_MAX_QUEUE, sizeof *s->queue);
    s->phones = calloc(NET_MAX_PHONES, sizeof *s->phones);
    s->static_resp = calloc(net_web_n_files + 1, sizeof *s->static_resp);
    if (!s->queue || !s->phones || !s->static_resp) {
        err_set(err, ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (compat_random(rnd, sizeof rnd, 1) != 0) {
        rnd[0] = (uint32_t)net_now_ms();
        rnd[1] = 1;
    }
    s->seed = rnd[0];
    /* A random first version: a phone still holding a version from an
     * earlier run of the engine must not wait for a number it already has. */
    s->version = (int)(rnd[1] % 1000000u);
    net_phones_rehash(s);
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
    if (cfg->address)
        snprintf(s->address, sizeof s->address, "%s", cfg->address);
    s->wake = cfg->wake;
    s->wake_ud = cfg->wake_ud;
    s->longpoll_ms = cfg->longpoll_ms > 0 ? cfg->longpoll_ms : 25000;
    s->eval_timeout_ms = cfg->eval_timeout_ms > 0 ? cfg->eval_timeout_ms : 15000;
    s->token_rate = cfg->token_rate > 0 ? cfg->token_rate : 1.0;
    s->token_burst = cfg->token_burst > 0 ? cfg->token_burst : 10.0;
    s->conn_rate = cfg->conn_rate > 0 ? cfg->conn_rate : 10.0;
    s->conn_burst = cfg->conn_burst > 0 ? cfg->conn_burst : 30.0;
    s->join_rate = cfg->join_rate > 0 ? cfg->join_rate : 1.0;
    s->join_burst = cfg->join_burst > 0 ? cfg->join_burst : 300.0;
    s->room_join_rate = cfg->room_join_rate > 0 ? cfg->room_join_rate : 20.0;
    s->room_join_burst = cfg->room_join_burst > 0 ? cfg->room_join_burst : 1000.0;
    s->guess_rate = cfg->guess_rate > 0 ? cfg->guess_rate : 0.2;
    s->guess_burst = cfg->guess_burst > 0 ? cfg->guess_burst : 10.0;
    s->room_guess_rate = cfg->room_guess_rate > 0 ? cfg->room_guess_rate : 2.0;
    s->room_guess_burst = cfg->room_guess_burst > 0 ? cfg->room_guess_burst : 60.0;
    s->idea_limit = LLONG_MAX;
    max_conns = cfg->max_conns > 0 ? cfg->max_conns : NET_MAX_CONNS_DEFAULT;
    raise_fd_limit((long)max_conns + 64);

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
        flags, (uint16_t)cfg->port, net_on_accept, s, net_on_request, s, MHD_OPTION_EXTERNAL_LOGGER,
        on_mhd_log, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)max_conns, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)(cfg->conn_timeout_s > 0 ? cfg->conn_timeout_s : 10),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384, MHD_OPTION_LISTEN_BACKLOG_SIZE,
        (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED, net_on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, net_on_connection, s, MHD_OPTION_THREAD_POOL_SIZE,
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
        net_list_move_to_batch(&s->waiters, s->waiters.head, &batch);
    while (s->pending.head)
        net_list_move_to_batch(&s->pending, s->pending.head, &batch);
    pthread_mutex_unlock(&s->mu);
    net_resume_batch(batch);
    /* libmicrohttpd must not be stopped with suspended connections. */
    give_up = net_now_ms() + 3000;
    for (;;) {
        int n = 0;
        pthread_mutex_lock(&s->mu);
        n = s->n_suspended;
        pthread_mutex_unlock(&s->mu);
        if (n == 0 || net_now_ms() > give_up)
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
    assert(s->wake_pending || s->q_len == 0);
    if (s->q_len > 0) {
        *out = s->queue[s->q_head];
        if (out->kind == NET_MSG_IDEA)
            s->ideas_popped++;
        s->queue[s->q_head].body = NULL;
        s->q_head = (s->q_head + 1) % NET_MAX_QUEUE;
        s->q_len--;
        got = 1;
    }
    /* Drained: the next message queued wakes the main thread again. */
    if (s->q_len == 0)
        s->wake_pending = 0;
    pthread_mutex_unlock(&s->mu);
    return got;
}

void net_input_hold(NetServer *s)
{
    if (!s)
        return;
    /* Votes are checked and queued under s->mu, so once this returns every
     * vote already answered 200 is in the queue. */
    pthread_mutex_lock(&s->mu);
    s->hold = 1;
    pthread_mutex_unlock(&s->mu);
}

void net_input_release(NetServer *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->hold = 0;
    pthread_mutex_unlock(&s->mu);
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
        !(resp = net_json_response(text, strlen(text), MHD_RESPMEM_MUST_COPY))) {
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
    /* The main thread has handled every idea it popped: it keeps idea_slots
     * more from here. */
    if (s->info.idea_slots > 0)
        s->idea_limit = s->ideas_popped + s->info.idea_slots;
    else if (s->info.idea_slots < 0)
        s->idea_limit = s->ideas_popped;
    else
        s->idea_limit = LLONG_MAX;
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
        net_list_move_to_batch(&s->pending, r, &batch);
    }
    pthread_mutex_unlock(&s->mu);
    free(copy);
    if (!batch)
        return ERR_NOTFOUND;
    net_resume_batch(batch);
    return 0;
}

int net_joined(NetServer *s)
{
    int i = 0, n = 0;
    long long now = net_now_ms();
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
    if (s->address[0]) {
        snprintf(addr, sizeof addr, "%s", s->address);
    } else if (s->bind[0] && strcmp(s->bind, "0.0.0.0") != 0) {
        if (strncmp(s->bind, "127.", 4) == 0)
            return err_set(err, ERR_NOTFOUND, "%s", net_no_lan_message("en"));
        snprintf(addr, sizeof addr, "%s", s->bind);
    } else if (net_lan_ipv4(addr, sizeof addr) != 0) {
        return err_set(err, ERR_NOTFOUND, "%s", net_no_lan_message("en"));
    }
    snprintf(out, n, "http://%s:%d/?r=%s", addr, s->port, s->room);
    return 0;
}
