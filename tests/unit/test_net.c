/* test_net.c - the phone server against a real libmicrohttpd on 127.0.0.1
 * (ephemeral port) with a plain-socket HTTP client: every endpoint, every
 * bad input, long-poll, suspended evaluation replies, rate limits, slow
 * clients, issued tokens (vote and evaluation stuffing, token floods, wrong
 * room codes), a hall of 200 phones behind one address, votes acknowledged
 * while the poll is closed under fire, and that no log line carries an
 * address or a token.
 *
 * TOKEN and TOKEN2 in a request's path or body stand for the tokens the
 * server issued to two phones that joined when the server started (issued
 * tokens are 32 hex digits, as these are): http() puts them in. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "net/net.h"
#include "net/net_body.h"
#include "core/utf8.h"

#define ROOM "KTRW"
#define TOKEN "a1b2c3d4e5f60718293a4b5c6d7e8f90"
#define LIT(s) s, strlen(s)
#define TOKEN2 "ffeeddccbbaa99887766554433221100"

typedef struct Resp {
    int status;
    char head[4096];
    char body[65536]; /* the phone page's script fits */
    size_t body_len;
} Resp;

typedef struct Fixture {
    NetServer *s;
    int port;
    int wakes;
    pthread_mutex_t mu;
    char tok1[40], tok2[40]; /* issued at start_with() */
} Fixture;

static Fixture g_fx;

static void on_wake(void *ud)
{
    Fixture *f = ud;
    pthread_mutex_lock(&f->mu);
    f->wakes++;
    pthread_mutex_unlock(&f->mu);
}

/* Wake calls so far.  The server calls the callback before it answers the
 * request that queued the message, so a client that has its answer can count. */
static int wakes(void)
{
    int n = 0;
    pthread_mutex_lock(&g_fx.mu);
    n = g_fx.wakes;
    pthread_mutex_unlock(&g_fx.mu);
    return n;
}

static long long ms_now(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- a tiny HTTP/1.1 client ---- */

static int dial(int port)
{
    struct sockaddr_in sa;
    struct timeval tv = {10, 0};
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    assert_true(fd >= 0);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    return fd;
}

static void send_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, buf, n, MSG_NOSIGNAL);
        if (w <= 0)
            return; /* the server may close early (413 before the body) */
        buf += w;
        n -= (size_t)w;
    }
}

static void send_request(int fd, const char *method, const char *path, const char *ctype,
                         const char *body, int keep_alive)
{
    char head[1024];
    size_t blen = body ? strlen(body) : 0;
    int n = snprintf(head, sizeof head,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: TestPhone/1.0\r\n%s%s%s"
                     "Content-Length: %zu\r\n%s\r\n",
                     method, path, ctype ? "Content-Type: " : "", ctype ? ctype : "",
                     ctype ? "\r\n" : "", blen, keep_alive ? "" : "Connection: close\r\n");
    send_all(fd, head, (size_t)n);
    if (blen)
        send_all(fd, body, blen);
}

/* Reads one response (headers, then Content-Length bytes).  status -1 when
 * the connection closed or timed out first. */
static void read_response_ex(int fd, Resp *r, int head_only)
{
    size_t have = 0, need = 0;
    char buf[sizeof r->head + sizeof r->body];
    char *end = NULL, *cl = NULL;
    memset(r, 0, sizeof *r);
    r->status = -1;
    for (;;) {
        ssize_t n = 0;
        buf[have] = '\0';
        end = strstr(buf, "\r\n\r\n");
        if (end)
            break;
        if (have >= sizeof buf - 1)
            return;
        n = recv(fd, buf + have, sizeof buf - 1 - have, 0);
        if (n <= 0)
            return;
        have += (size_t)n;
    }
    memcpy(r->head, buf, (size_t)(end - buf) < sizeof r->head - 1 ? (size_t)(end - buf) : sizeof r->head - 1);
    sscanf(r->head, "HTTP/1.%*d %d", &r->status);
    cl = strcasestr(r->head, "\r\nContent-Length:");
    need = cl && !head_only ? strtoul(cl + 17, NULL, 10) : 0;
    assert_true(need < sizeof r->body);
    have -= (size_t)(end + 4 - buf);
    memmove(buf, end + 4, have);
    while (have < need) {
        ssize_t n = recv(fd, buf + have, need - have, 0);
        if (n <= 0) {
            r->status = -1;
            return;
        }
        have += (size_t)n;
    }
    memcpy(r->body, buf, need);
    r->body[need] = '\0';
    r->body_len = need;
}

static void read_response(int fd, Resp *r)
{
    read_response_ex(fd, r, 0);
}

/* Copies in to out (n bytes) with TOKEN and TOKEN2 replaced by the issued tokens. */
static const char *subst(const char *in, char *out, size_t n)
{
    char *p = out;
    assert_true(strlen(in) < n);
    memcpy(out, in, strlen(in) + 1);
    while ((p = strstr(p, TOKEN)) != NULL) {
        memcpy(p, g_fx.tok1, 32);
        p += 32;
    }
    p = out;
    while ((p = strstr(p, TOKEN2)) != NULL) {
        memcpy(p, g_fx.tok2, 32);
        p += 32;
    }
    return out;
}

static int http(const char *method, const char *path, const char *ctype, const char *body,
                Resp *r)
{
    int fd = dial(g_fx.port);
    char p2[512], b2[8192];
    send_request(fd, method, subst(path, p2, sizeof p2), ctype, body ? subst(body, b2, sizeof b2) : NULL,
                 0);
    read_response_ex(fd, r, strcmp(method, "HEAD") == 0);
    close(fd);
    return r->status;
}

static int post(const char *path, const char *body, Resp *r)
{
    return http("POST", path, "application/json", body, r);
}

static int vote(int poll, int option, const char *token)
{
    char body[256];
    Resp r;
    snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"%s\",\"poll\":%d,\"option\":%d}",
             token, poll, option);
    return post("/api/vote", body, &r);
}

/* Joins as a new phone; the issued token goes to out (40 bytes).  Returns the status. */
static int join_new(char *out)
{
    Resp r;
    const char *t = NULL;
    int st = post("/api/join", "{\"r\":\"" ROOM "\"}", &r);
    out[0] = '\0';
    if (st == 200) {
        t = strstr(r.body, "\"t\":\"");
        assert_non_null(t);
        assert_int_equal((int)strspn(t + 5, "0123456789abcdef"), 32);
        memcpy(out, t + 5, 32);
        out[32] = '\0';
    }
    return st;
}

static void reset_wakes(void)
{
    pthread_mutex_lock(&g_fx.mu);
    g_fx.wakes = 0;
    pthread_mutex_unlock(&g_fx.mu);
}

static int queued(void)
{
    NetMsg m;
    int n = 0;
    while (net_next_msg(g_fx.s, &m)) {
        net_msg_clear(&m);
        n++;
    }
    return n;
}

static NetMsg wait_msg(NetMsgKind kind)
{
    NetMsg m;
    long long until = ms_now() + 10000;
    memset(&m, 0, sizeof m);
    while (ms_now() < until) {
        if (net_next_msg(g_fx.s, &m)) {
            if (m.kind == kind)
                return m;
            net_msg_clear(&m);
        }
        usleep(2000);
    }
    fail_msg("no message of kind %d", (int)kind);
    return m;
}

/* 1 if fd has data (or EOF) within ms. */
static int readable(int fd, int ms)
{
    struct pollfd p = {fd, POLLIN, 0};
    return poll(&p, 1, ms) > 0;
}

/* ---- fixtures ---- */

static int start_with(const NetConfig *extra)
{
    NetConfig cfg;
    Err e;
    memset(&cfg, 0, sizeof cfg);
    if (extra)
        cfg = *extra;
    cfg.port = 0;
    cfg.bind = "127.0.0.1";
    cfg.room_code = "ktrw";
    cfg.wake = on_wake;
    cfg.wake_ud = &g_fx;
    g_fx.wakes = 0;
    g_fx.s = net_start(&cfg, &e);
    if (!g_fx.s) {
        fprintf(stderr, "net_start: %s\n", e.msg);
        return -1;
    }
    g_fx.port = net_port(g_fx.s);
    /* two phones join; their JOIN hints and wakes are not the tests' business */
    if (join_new(g_fx.tok1) != 200 || join_new(g_fx.tok2) != 200)
        return -1;
    queued();
    reset_wakes();
    return 0;
}

/* Stops the fixture's server and starts one with cfg (see start_with). */
static void restart_with(const NetConfig *cfg)
{
    net_stop(g_fx.s);
    g_fx.s = NULL;
    assert_int_equal(start_with(cfg), 0);
}

static int setup(void **state)
{
    (void)state;
    return start_with(NULL);
}

static int teardown(void **state)
{
    (void)state;
    net_stop(g_fx.s);
    g_fx.s = NULL;
    return 0;
}

static NetPollInfo open_poll(int id, int n, unsigned enabled)
{
    NetPollInfo i;
    memset(&i, 0, sizeof i);
    i.poll_id = id;
    i.kind = NET_POLL_CHOICE;
    i.open = 1;
    i.n_options = n;
    i.enabled = enabled;
    return i;
}

static int publish(const char *json, const NetPollInfo *info)
{
    Err e;
    int v = net_publish(g_fx.s, json, info, &e);
    assert_true(v > 0);
    return v;
}

/* ---- tests ---- */

static void test_static_files(void **state)
{
    Resp r;
    (void)state;
    assert_int_equal(http("GET", "/", NULL, NULL, &r), 200);
    assert_non_null(strstr(r.body, "<!doctype html>"));
    assert_non_null(strcasestr(r.head, "Content-Type: text/html"));
    assert_non_null(strcasestr(r.head, "Content-Security-Policy"));
    assert_int_equal(http("GET", "/app.js", NULL, NULL, &r), 200);
    assert_non_null(strcasestr(r.head, "text/javascript"));
    assert_non_null(strstr(r.body, "getRandomValues"));
    assert_int_equal(http("GET", "/style.css", NULL, NULL, &r), 200);
    assert_int_equal(http("GET", "/index.html", NULL, NULL, &r), 200);
    assert_int_equal(http("HEAD", "/", NULL, NULL, &r), 200);
    /* nothing outside the embedded set */
    assert_int_equal(http("GET", "/nope.html", NULL, NULL, &r), 404);
    assert_int_equal(http("GET", "/../CMakeLists.txt", NULL, NULL, &r), 404);
    assert_int_equal(http("GET", "/%2e%2e/%2e%2e/etc/passwd", NULL, NULL, &r), 404);
    assert_int_equal(http("GET", "/..%2fengine/net/net.c", NULL, NULL, &r), 404);
    assert_int_equal(http("GET", "//etc/passwd", NULL, NULL, &r), 404);
    assert_int_equal(http("GET", "/app.js/", NULL, NULL, &r), 404);
    assert_int_equal(http("GET", "/api/", NULL, NULL, &r), 404);
    assert_int_equal(http("GET", "/api/admin", NULL, NULL, &r), 404);
    assert_int_equal(http("POST", "/", "application/json", "{}", &r), 405);
    assert_int_equal(http("DELETE", "/api/state?r=" ROOM, NULL, NULL, &r), 405);
}

static void test_state_and_room_code(void **state)
{
    Resp r;
    int v = 0;
    (void)state;
    assert_int_equal(http("GET", "/api/state?r=" ROOM, NULL, NULL, &r), 200);
    assert_non_null(strstr(r.body, "\"screen\":\"waiting\""));
    assert_non_null(strcasestr(r.head, "Content-Type: application/json"));
    assert_non_null(strcasestr(r.head, "Cache-Control: no-store"));
    assert_int_equal(http("GET", "/api/state?r=ktrw", NULL, NULL, &r), 200);
    v = publish("{\"screen\":\"poll\",\"poll\":{\"id\":3,\"kind\":\"choice\",\"open\":true,"
                "\"prompt\":\"Hvad skal Sofie gøre?\",\"options\":[]},\"v\":\"ignored\"}",
                NULL);
    assert_int_equal(http("GET", "/api/state?r=" ROOM, NULL, NULL, &r), 200);
    {
        char want[32];
        snprintf(want, sizeof want, "\"v\":%d", v);
        assert_non_null(strstr(r.body, want));
        assert_non_null(strstr(r.body, "Sofie"));
        assert_null(strstr(r.body, "ignored"));
    }
    /* a wrong or missing code reveals nothing */
    assert_int_equal(http("GET", "/api/state?r=ABCD", NULL, NULL, &r), 403);
    assert_null(strstr(r.body, "Sofie"));
    assert_string_equal(r.body, "{\"error\":\"forbidden\"}");
    assert_int_equal(http("GET", "/api/state", NULL, NULL, &r), 403);
    assert_int_equal(http("GET", "/api/state?r=KTRWX", NULL, NULL, &r), 403);
    assert_int_equal(http("GET", "/api/state?r=", NULL, NULL, &r), 403);
    /* publish refuses what is not a JSON object and keeps the old state */
    assert_true(net_publish(g_fx.s, "[1,2]", NULL, NULL) < 0);
    assert_true(net_publish(g_fx.s, "{\"a\":", NULL, NULL) < 0);
    assert_int_equal(http("GET", "/api/state?r=" ROOM, NULL, NULL, &r), 200);
    assert_non_null(strstr(r.body, "Sofie"));
}

static void test_longpoll_wakes_on_publish(void **state)
{
    Resp r;
    char path[128];
    int v = publish("{\"screen\":\"waiting\"}", NULL), fd = -1, v2 = 0;
    long long t0 = 0;
    (void)state;
    snprintf(path, sizeof path, "/api/state?r=" ROOM "&v=%d", v);
    fd = dial(g_fx.port);
    send_request(fd, "GET", path, NULL, NULL, 0);
    assert_false(readable(fd, 400)); /* it waits: nothing newer yet */
    t0 = ms_now();
    v2 = publish("{\"screen\":\"poll\",\"marker\":\"new-state\"}", NULL);
    read_response(fd, &r);
    close(fd);
    assert_int_equal(r.status, 200);
    assert_true(ms_now() - t0 < 10000); /* woken, not timed out (25 s) */
    assert_non_null(strstr(r.body, "new-state"));
    snprintf(path, sizeof path, "\"v\":%d", v2);
    assert_non_null(strstr(r.body, path));
    /* an older or unknown version is answered at once */
    snprintf(path, sizeof path, "/api/state?r=" ROOM "&v=%d", v);
    t0 = ms_now();
    assert_int_equal(http("GET", path, NULL, NULL, &r), 200);
    assert_true(ms_now() - t0 < 10000); /* answered, not parked for 25 s */
    assert_int_equal(http("GET", "/api/state?r=" ROOM "&v=abc", NULL, NULL, &r), 200);
}

static void test_longpoll_many_waiters(void **state)
{
    enum { N = 50 };
    int fds[N], i = 0, v = publish("{\"screen\":\"waiting\"}", NULL);
    char path[128];
    Resp r;
    long long t0 = 0;
    (void)state;
    snprintf(path, sizeof path, "/api/state?r=" ROOM "&v=%d", v);
    for (i = 0; i < N; i++) {
        fds[i] = dial(g_fx.port);
        send_request(fds[i], "GET", path, NULL, NULL, 0);
    }
    usleep(200000);
    t0 = ms_now();
    publish("{\"screen\":\"poll\",\"marker\":\"all\"}", NULL);
    for (i = 0; i < N; i++) {
        read_response(fds[i], &r);
        close(fds[i]);
        assert_int_equal(r.status, 200);
        assert_non_null(strstr(r.body, "\"marker\":\"all\""));
    }
    assert_true(ms_now() - t0 < 10000); /* woken, not timed out (25 s) */
}

static void test_longpoll_timeout(void **state)
{
    NetConfig cfg;
    Resp r;
    char path[128];
    int v = 0;
    long long t0 = 0;
    (void)state;
    net_stop(g_fx.s);
    memset(&cfg, 0, sizeof cfg);
    cfg.longpoll_ms = 500;
    assert_int_equal(start_with(&cfg), 0);
    v = publish("{\"screen\":\"waiting\"}", NULL);
    snprintf(path, sizeof path, "/api/state?r=" ROOM "&v=%d", v);
    t0 = ms_now();
    assert_int_equal(http("GET", path, NULL, NULL, &r), 200);
    assert_true(ms_now() - t0 >= 450);
    assert_true(ms_now() - t0 < 10000);
    snprintf(path, sizeof path, "\"v\":%d", v);
    assert_non_null(strstr(r.body, path));
}

static void test_vote_queue(void **state)
{
    NetPollInfo info = open_poll(3, 3, 0x7);
    NetMsg m;
    Resp r;
    (void)state;
    publish("{\"screen\":\"poll\"}", &info);
    assert_int_equal(queued(), 0);
    assert_int_equal(post("/api/vote",
                          "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"poll\":3,\"option\":2}", &r),
                     200);
    assert_non_null(strstr(r.body, "\"ok\":true"));
    assert_int_equal(vote(3, 3, TOKEN), 200); /* changing one's vote */
    assert_int_equal(vote(3, 1, TOKEN2), 200);
    assert_int_equal(net_next_msg(g_fx.s, &m), 1);
    assert_int_equal(m.kind, NET_MSG_VOTE);
    assert_int_equal(m.poll_id, 3);
    assert_int_equal(m.option, 1); /* 0-based */
    assert_string_equal(m.token, g_fx.tok1);
    assert_null(m.body);
    assert_int_equal(net_next_msg(g_fx.s, &m), 1);
    assert_int_equal(m.option, 2);
    assert_string_equal(m.token, g_fx.tok1);
    assert_int_equal(net_next_msg(g_fx.s, &m), 1);
    assert_int_equal(m.option, 0);
    assert_string_equal(m.token, g_fx.tok2);
    assert_int_equal(net_next_msg(g_fx.s, &m), 0);
    assert_int_equal(wakes(), 1); /* three votes before the drain: one wake */
    assert_int_equal(net_joined(g_fx.s), 2);
}

/* The wake callback runs once per batch: from the first message queued
 * after a drain until net_next_msg empties the queue again. */
static void test_wakes_coalesced(void **state)
{
    NetPollInfo info = open_poll(4, 2, 0x3);
    char toks[8][40];
    int i = 0;
    (void)state;
    for (i = 0; i < 8; i++)
        assert_int_equal(join_new(toks[i]), 200);
    assert_int_equal(queued(), 8); /* the joins' hints */
    reset_wakes();
    publish("{\"screen\":\"poll\"}", &info);
    assert_int_equal(wakes(), 0); /* publishing is the main thread's own doing */
    assert_int_equal(vote(9, 1, TOKEN), 409); /* refused input queues nothing, wakes nobody */
    assert_int_equal(wakes(), 0);
    for (i = 0; i < 8; i++)
        assert_int_equal(vote(4, 1 + i % 2, toks[i]), 200);
    assert_int_equal(wakes(), 1);
    assert_int_equal(queued(), 8);
    assert_int_equal(wakes(), 1); /* draining does not wake */
    assert_int_equal(vote(4, 2, TOKEN), 200);
    assert_int_equal(wakes(), 2); /* the first message after the drain */
    assert_int_equal(vote(4, 1, TOKEN2), 200);
    assert_int_equal(wakes(), 2);
    assert_int_equal(queued(), 2);
    assert_int_equal(queued(), 0); /* an empty drain leaves the next push armed */
    assert_int_equal(vote(4, 1, TOKEN), 200);
    assert_int_equal(wakes(), 3);
}

static void test_vote_refused(void **state)
{
    NetPollInfo info = open_poll(3, 3, 0x5); /* option 2 (bit 1) disabled */
    Resp r;
    char big[2100];
    (void)state;
    publish("{}", &info);
    /* wrong room: 403, and nothing about the poll */
    assert_int_equal(post("/api/vote", "{\"r\":\"ZZZZ\",\"t\":\"" TOKEN "\",\"poll\":3,\"option\":1}", &r), 403);
    assert_string_equal(r.body, "{\"error\":\"forbidden\"}");
    assert_int_equal(vote(4, 1, TOKEN), 409);  /* unknown poll */
    assert_int_equal(vote(3, 4, TOKEN), 400);  /* unknown option */
    assert_int_equal(vote(3, 0, TOKEN), 400);  /* options count from 1 */
    assert_int_equal(vote(3, 2, TOKEN), 400);  /* disabled option */
    assert_int_equal(vote(3, -1, TOKEN), 400);
    assert_int_equal(vote(3, 1, "short"), 400); /* malformed token */
    assert_int_equal(post("/api/vote", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"poll\":3,\"option\":1.5}", &r), 400);
    assert_int_equal(post("/api/vote", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"poll\":\"3\",\"option\":1}", &r), 400);
    assert_int_equal(post("/api/vote", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"option\":1}", &r), 400);
    assert_int_equal(post("/api/vote", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"poll\":3,\"option\":1", &r), 400);
    assert_int_equal(post("/api/vote", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"poll\":3,\"option\":1}xx", &r), 400);
    assert_int_equal(post("/api/vote", "[]", &r), 400);
    assert_int_equal(post("/api/vote", "", &r), 400);
    assert_int_equal(post("/api/vote", "null", &r), 400);
    assert_int_equal(post("/api/vote", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"poll\":1e400,\"option\":1}", &r), 400);
    /* oversize: refused from Content-Length before buffering */
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    big[0] = '{';
    big[sizeof big - 2] = '}';
    assert_int_equal(post("/api/vote", big, &r), 413);
    /* form posts (cross-site) and GETs are refused */
    assert_int_equal(http("POST", "/api/vote", "text/plain", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"poll\":3,\"option\":1}", &r), 415);
    assert_int_equal(http("POST", "/api/vote", NULL, "{}", &r), 415);
    assert_int_equal(http("GET", "/api/vote", NULL, NULL, &r), 405);
    /* closed poll */
    info.open = 0;
    publish("{}", &info);
    assert_int_equal(vote(3, 1, TOKEN), 409);
    /* an idea poll takes no votes */
    info = open_poll(5, 0, 0);
    info.kind = NET_POLL_IDEA;
    info.ideas_open = 1;
    publish("{}", &info);
    assert_int_equal(vote(5, 1, TOKEN), 409);
    /* nothing was queued by any of this */
    assert_int_equal(queued(), 0);
}

/* One chunked POST, sent from its own thread (the server may answer, and
 * stop reading, before the client has sent everything, as a browser's
 * upload does): the chunks' sizes, then the terminating chunk. */
typedef struct ChunkedPost {
    int fd;
    const char *path;
    const size_t *sizes;
    int n;
    int keep_alive;
} ChunkedPost;

static void *chunked_sender(void *arg)
{
    const ChunkedPost *p = arg;
    static char data[1 << 20];
    char line[512];
    int i = 0, len = 0;
    memset(data, 'a', sizeof data);
    len = snprintf(line, sizeof line,
                   "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   "Transfer-Encoding: chunked\r\n%s\r\n",
                   p->path, p->keep_alive ? "" : "Connection: close\r\n");
    send_all(p->fd, line, (size_t)len);
    for (i = 0; i < p->n; i++) {
        size_t left = p->sizes[i];
        len = snprintf(line, sizeof line, "%zx\r\n", p->sizes[i]);
        send_all(p->fd, line, (size_t)len);
        while (left > 0) {
            size_t k = left < sizeof data ? left : sizeof data;
            send_all(p->fd, data, k);
            left -= k;
        }
        send_all(p->fd, "\r\n", 2);
    }
    send_all(p->fd, "0\r\n\r\n", 5);
    return NULL;
}

/* Sends a chunked POST whose chunks are sizes[0..n) and reads the answer
 * into r; returns the socket, still open, with the sender finished. */
static int chunked_post(const char *path, const size_t *sizes, int n, int keep_alive, Resp *r)
{
    ChunkedPost p;
    pthread_t th;
    struct timeval snd = {10, 0};
    memset(&p, 0, sizeof p);
    p.fd = dial(g_fx.port);
    p.path = path;
    p.sizes = sizes;
    p.n = n;
    p.keep_alive = keep_alive;
    /* a server that neither reads nor answers must fail the test, not hang it */
    setsockopt(p.fd, SOL_SOCKET, SO_SNDTIMEO, &snd, sizeof snd);
    assert_int_equal(pthread_create(&th, NULL, chunked_sender, &p), 0);
    read_response(p.fd, r);
    shutdown(p.fd, SHUT_WR); /* unblocks a sender still writing */
    pthread_join(th, NULL);
    return p.fd;
}

/* The answer to a chunked POST whose chunks are sizes[0..n): 413 with the
 * documented body, given only after the whole body was read (so no reset
 * can destroy it), then a clean close even on a keep-alive connection. */
static void expect_chunked_413(const char *path, const size_t *sizes, int n, int keep_alive)
{
    Resp r;
    char tail[64];
    ssize_t got = 0;
    int fd = chunked_post(path, sizes, n, keep_alive, &r);
    if (r.status != 413)
        print_message("%s, %d chunk(s), the first of %zu%s: status %d\n", path, n, sizes[0],
                      keep_alive ? ", keep-alive" : "", r.status);
    assert_int_equal(r.status, 413);
    assert_string_equal(r.body, "{\"error\":\"too_large\"}");
    assert_non_null(strcasestr(r.head, "\r\nContent-Type: application/json"));
    assert_non_null(strcasestr(r.head, "\r\nConnection: close"));
    /* EOF right after the answer, not a reset and not a wait */
    got = recv(fd, tail, sizeof tail, 0);
    assert_int_equal(got, 0);
    close(fd);
}

static void test_chunked_oversize(void **state)
{
    /* the limit crossed in the 4th of eight chunks */
    static const size_t eight[] = {300, 300, 300, 300, 300, 300, 300, 300};
    /* ... in the 2nd chunk, in the 3rd chunk, by one byte */
    static const size_t second[] = {600, 600};
    static const size_t third[] = {400, 400, 400};
    static const size_t by_one[] = {1000, 25};
    static const size_t second_eval[] = {3000, 3000};
    static const size_t third_eval[] = {2000, 2000, 2000};
    static const size_t by_one_eval[] = {4000, 97};
    /* one huge chunk: far more than the server would ever discard */
    static const size_t huge[] = {(size_t)4 << 20};
    /* many small chunks after the limit */
    static const size_t after[] = {1000, 100, 100, 100, 100, 100, 100, 100, 100, 100};
    Resp r;
    (void)state;
    expect_chunked_413("/api/vote", eight, 8, 0);
    expect_chunked_413("/api/vote", second, 2, 0);
    expect_chunked_413("/api/vote", third, 3, 0);
    expect_chunked_413("/api/vote", by_one, 2, 0);
    expect_chunked_413("/api/vote", huge, 1, 0);
    expect_chunked_413("/api/vote", after, 10, 1);
    expect_chunked_413("/api/vote", third, 3, 1);
    expect_chunked_413("/api/vote", huge, 1, 1);
    expect_chunked_413("/api/eval", second_eval, 2, 0);
    expect_chunked_413("/api/eval", third_eval, 3, 0);
    expect_chunked_413("/api/eval", by_one_eval, 2, 0);
    expect_chunked_413("/api/eval", huge, 1, 0);
    expect_chunked_413("/api/eval", huge, 1, 1);
    expect_chunked_413("/api/idea", second_eval, 2, 0);
    expect_chunked_413("/api/join", huge, 1, 0);
    assert_int_equal(queued(), 0);
    /* a body that goes on and on (past 16 MiB) is cut off, with no answer */
    {
        static const size_t endless[] = {(size_t)40 << 20};
        long long t0 = ms_now();
        int fd = chunked_post("/api/vote", endless, 1, 0, &r);
        assert_int_equal(r.status, -1);
        assert_true(ms_now() - t0 < 9000); /* cut off, not timed out */
        close(fd);
    }
    /* up to the limit exactly, a chunked body is read and parsed (it is not
     * JSON: 400, not 413) */
    {
        static const size_t at_limit[] = {500, 500, 24};
        static const size_t at_limit_eval[] = {4000, 96};
        int fd = chunked_post("/api/vote", at_limit, 3, 0, &r);
        close(fd);
        assert_int_equal(r.status, 400);
        fd = chunked_post("/api/eval", at_limit_eval, 2, 0, &r);
        close(fd);
        assert_int_equal(r.status, 400);
    }
    /* the server is fine afterwards */
    assert_int_equal(http("GET", "/api/state?r=" ROOM, NULL, NULL, &r), 200);
}

/* n copies of the UTF-8 character ch, into out (n * strlen(ch) + 1 bytes). */
static void repeat(char *out, const char *ch, int n)
{
    size_t k = strlen(ch);
    int i = 0;
    for (i = 0; i < n; i++)
        memcpy(out + (size_t)i * k, ch, k);
    out[(size_t)n * k] = '\0';
}

static void test_ideas(void **state)
{
    NetPollInfo info = open_poll(7, 0, 0);
    NetConfig cfg;
    Resp r;
    NetMsg m;
    char body[4200], text[1400];
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.token_burst = 100; /* the phones' buckets are not what this tests */
    restart_with(&cfg);
    assert_int_equal(post("/api/idea", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"text\":\"Ring til en voksen\"}", &r), 409);
    info.kind = NET_POLL_IDEA;
    info.ideas_open = 1;
    publish("{}", &info);
    assert_int_equal(post("/api/idea", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"text\":\"  Ring til\\nen voksen  \"}", &r), 200);
    assert_string_equal(r.body, "{\"ok\":true}");
    assert_int_equal(net_next_msg(g_fx.s, &m), 1);
    assert_int_equal(m.kind, NET_MSG_IDEA);
    assert_int_equal(m.poll_id, 7);
    assert_string_equal(m.text, "Ring til en voksen");
    assert_string_equal(m.token, g_fx.tok1);
    /* 280 characters of ø (560 bytes) are kept whole */
    repeat(text, "ø", 280);
    snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN2 "\",\"text\":\"%s\"}", text);
    assert_int_equal(post("/api/idea", body, &r), 200);
    assert_string_equal(r.body, "{\"ok\":true}");
    assert_int_equal(net_next_msg(g_fx.s, &m), 1);
    assert_string_equal(m.text, text);
    /* 300 four-byte emoji (1200 bytes, over the old 1024-byte body) are cut
     * after 280 code points, at a sequence boundary, and the phone is told */
    repeat(text, "\xF0\x9F\x98\x80", 300);
    snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN2 "\",\"text\":\"%s\"}", text);
    assert_int_equal(post("/api/idea", body, &r), 200);
    assert_string_equal(r.body, "{\"ok\":true,\"cut\":true}");
    assert_int_equal(net_next_msg(g_fx.s, &m), 1);
    assert_int_equal((int)strlen(m.text), 280 * 4);
    assert_int_equal(memcmp(m.text, text, 280 * 4), 0);
    /* ... and so are escaped ones (\ud83d\ude00: 12 bytes each in the body) */
    {
        char *p = body + snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN2 "\",\"text\":\"");
        int i = 0;
        for (i = 0; i < 290; i++)
            p += sprintf(p, "\\ud83d\\ude00");
        strcpy(p, "\"}");
        assert_true(strlen(body) < NET_MAX_IDEA_BODY);
        assert_int_equal(post("/api/idea", body, &r), 200);
        assert_string_equal(r.body, "{\"ok\":true,\"cut\":true}");
        assert_int_equal(net_next_msg(g_fx.s, &m), 1);
        assert_int_equal((int)strlen(m.text), 280 * 4);
        assert_true(utf8_valid(m.text, strlen(m.text)));
    }
    /* mixed: 279 ASCII letters and then an emoji: the emoji is the 280th, kept whole */
    repeat(text, "x", 279);
    strcat(text, "\xF0\x9F\x98\x80yz");
    snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"text\":\"%s\"}", text);
    assert_int_equal(post("/api/idea", body, &r), 200);
    assert_int_equal(net_next_msg(g_fx.s, &m), 1);
    assert_int_equal((int)strlen(m.text), 279 + 4);
    assert_int_equal(memcmp(m.text + 279, "\xF0\x9F\x98\x80", 4), 0);
    assert_int_equal(post("/api/idea", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"text\":\"   \"}", &r), 400);
    assert_int_equal(post("/api/idea", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"text\":\"\xff\xfe\"}", &r), 400);
    assert_int_equal(post("/api/idea", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"text\":42}", &r), 400);
    assert_int_equal(post("/api/idea", "{\"r\":\"QQQQ\",\"t\":\"" TOKEN "\",\"text\":\"hej\"}", &r), 403);
    assert_int_equal(queued(), 0);
}

/* An idea is acknowledged only when the main thread will keep it: the
 * published idea_slots count from the ideas it has taken so far. */
static void test_idea_slots(void **state)
{
    NetPollInfo info = open_poll(8, 0, 0);
    Resp r;
    char toks[6][40];
    char body[200];
    int i = 0;
    (void)state;
    for (i = 0; i < 6; i++)
        assert_int_equal(join_new(toks[i]), 200);
    queued();
    info.kind = NET_POLL_IDEA;
    info.ideas_open = 1;
    info.idea_slots = 2;
    publish("{}", &info);
    for (i = 0; i < 3; i++) {
        snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"%.32s\",\"text\":\"idé %d\"}", toks[i], i);
        assert_int_equal(post("/api/idea", body, &r), i < 2 ? 200 : 503);
    }
    assert_string_equal(r.body, "{\"error\":\"full\"}");
    /* the main thread takes both; until it publishes again nothing changes */
    assert_int_equal(queued(), 2);
    snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"%s\",\"text\":\"igen\"}", toks[3]);
    assert_int_equal(post("/api/idea", body, &r), 503);
    /* it kept them and has room for one more */
    info.idea_slots = 1;
    publish("{}", &info);
    assert_int_equal(post("/api/idea", body, &r), 200);
    snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"%s\",\"text\":\"og igen\"}", toks[4]);
    assert_int_equal(post("/api/idea", body, &r), 503);
    /* full: none at all */
    info.idea_slots = NET_IDEA_SLOTS_NONE;
    publish("{}", &info);
    assert_int_equal(queued(), 1);
    snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"%s\",\"text\":\"nej\"}", toks[5]);
    assert_int_equal(post("/api/idea", body, &r), 503);
    /* 0: no limit */
    info.idea_slots = 0;
    publish("{}", &info);
    assert_int_equal(post("/api/idea", body, &r), 200);
    assert_int_equal(queued(), 1);
}

static void test_join(void **state)
{
    Resp r;
    NetMsg m;
    char t[40];
    (void)state;
    assert_int_equal(net_joined(g_fx.s), 2); /* the two phones of start_with() */
    /* a join is answered with a new token of 32 hex digits, one per join */
    assert_int_equal(join_new(t), 200);
    assert_string_not_equal(t, g_fx.tok1);
    assert_string_not_equal(t, g_fx.tok2);
    assert_int_equal(net_next_msg(g_fx.s, &m), 1);
    assert_int_equal(m.kind, NET_MSG_JOIN);
    assert_string_equal(m.token, t);
    assert_int_equal(net_next_msg(g_fx.s, &m), 0); /* one JOIN per phone */
    assert_int_equal(net_joined(g_fx.s), 3);
    /* a phone that still holds its token keeps it (lower-case code too) */
    assert_int_equal(post("/api/join", "{\"r\":\"ktrw\",\"t\":\"" TOKEN "\"}", &r), 200);
    assert_non_null(strstr(r.body, g_fx.tok1));
    assert_non_null(strstr(r.body, "\"v\":"));
    assert_int_equal(queued(), 0); /* not a new phone */
    /* a token the server did not issue is not taken: a new one is issued */
    assert_int_equal(post("/api/join", "{\"r\":\"" ROOM "\",\"t\":\"00000000000000000000000000000000\"}", &r), 200);
    assert_null(strstr(r.body, "00000000000000000000000000000000"));
    assert_int_equal(queued(), 1);
    assert_int_equal(post("/api/join", "{\"r\":\"BAAD\"}", &r), 403);
    assert_int_equal(post("/api/join", "{\"r\":\"BAAD\",\"t\":\"" TOKEN2 "\"}", &r), 403);
    assert_int_equal(post("/api/join", "{\"r\":\"" ROOM "\",\"t\":\"has spaces in it, no\"}", &r), 400);
    assert_int_equal(post("/api/join", "{\"t\":\"" TOKEN "\"}", &r), 400);
    assert_int_equal(net_joined(g_fx.s), 4);
    /* a long-poll with an unknown token takes no place in the table */
    assert_int_equal(http("GET", "/api/state?r=" ROOM "&t=11111111111111111111111111111111", NULL, NULL, &r), 200);
    assert_int_equal(net_joined(g_fx.s), 4);
    assert_int_equal(queued(), 0);
}

/* Votes, ideas and evaluations need an issued token; one client cannot
 * stuff a vote with made-up tokens, nor an evaluation with many sids. */
static void test_stuffing(void **state)
{
    NetPollInfo info = open_poll(3, 2, 0x3);
    NetConfig cfg;
    Resp r;
    char body[300];
    int i = 0, ok = 0, refused = 0;
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.token_burst = 200; /* not the rate limits: the tokens themselves */
    restart_with(&cfg);
    info.ideas_open = 1;
    info.eval_open = 1;
    publish("{}", &info);
    for (i = 0; i < 400; i++) {
        snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"%032x\",\"poll\":3,\"option\":1}", 0xbeef00 + i);
        int st = post("/api/vote", body, &r);
        ok += st == 200;
        refused += st == 401;
    }
    assert_int_equal(ok, 0);
    assert_int_equal(refused, 400);
    assert_string_equal(r.body, "{\"error\":\"unknown_token\"}");
    assert_int_equal(post("/api/idea", "{\"r\":\"" ROOM "\",\"t\":\"00000000000000000000000000000000\",\"text\":\"x\"}", &r), 401);
    /* an evaluation needs a token too */
    assert_int_equal(post("/api/eval", "{\"r\":\"" ROOM "\",\"sid\":\"0123456789abcdef0123456789abcdef\",\"answers\":{}}", &r), 401);
    assert_int_equal(queued(), 0);
    /* one token, 55 evaluations with different sids: the first is taken, the rest refused */
    ok = refused = 0;
    for (i = 0; i < 55; i++) {
        snprintf(body, sizeof body,
                 "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"sid\":\"sid%029d\",\"answers\":{}}", i);
        int fd = dial(g_fx.port);
        char b2[300];
        send_request(fd, "POST", "/api/eval", "application/json", subst(body, b2, sizeof b2), 0);
        if (i == 0) {
            NetMsg m = wait_msg(NET_MSG_EVAL);
            assert_int_equal(net_reply(g_fx.s, m.req_id, 200, "{\"ok\":true}"), 0);
            net_msg_clear(&m);
        }
        read_response(fd, &r);
        close(fd);
        ok += r.status == 200;
        refused += r.status == 409 && strcmp(r.body, "{\"error\":\"already_answered\"}") == 0;
    }
    assert_int_equal(ok, 1);
    assert_int_equal(refused, 54);
    assert_int_equal(queued(), 0);
    /* the same submission retried (same sid) passes again: the main thread answers it as stored */
    {
        int fd = dial(g_fx.port);
        char b2[300];
        NetMsg m;
        snprintf(body, sizeof body,
                 "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"sid\":\"sid%029d\",\"answers\":{}}", 0);
        send_request(fd, "POST", "/api/eval", "application/json", subst(body, b2, sizeof b2), 0);
        m = wait_msg(NET_MSG_EVAL);
        assert_string_equal(m.sid, "sid00000000000000000000000000000");
        assert_int_equal(net_reply(g_fx.s, m.req_id, 200, "{\"ok\":true}"), 0);
        net_msg_clear(&m);
        read_response(fd, &r);
        close(fd);
        assert_int_equal(r.status, 200);
    }
}

/* Sends the same request n times on one keep-alive connection (redialling
 * when the server closes it); counts answers by status into by[600]. */
static void burst(const char *method, const char *path, const char *body, int n, int *by)
{
    int fd = dial(g_fx.port), i = 0;
    Resp r;
    for (i = 0; i < n; i++) {
        send_request(fd, method, path, body ? "application/json" : NULL, body, 1);
        read_response(fd, &r);
        if (r.status < 0) {
            close(fd);
            fd = dial(g_fx.port);
            i--;
            continue;
        }
        assert_true(r.status > 0 && r.status < 600);
        by[r.status]++;
    }
    close(fd);
}

/* Only a join takes token-table space, and a full table forgets the
 * stalest token: a flood neither fills the table nor locks anyone out. */
static void test_token_flood(void **state)
{
    NetConfig cfg;
    NetPollInfo info = open_poll(5, 2, 0x3);
    static int by[600];
    char path[128], first[40];
    int i = 0;
    long long t0 = ms_now();
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.conn_burst = 100000; /* one client, one connection: only the tokens matter here */
    cfg.conn_rate = 100000;
    cfg.room_join_burst = 100000;
    cfg.room_join_rate = 100000;
    restart_with(&cfg);
    publish("{}", &info);
    /* 4,200 long-polls, each with a new made-up token: no table space */
    for (i = 0; i < 4200; i++) {
        snprintf(path, sizeof path, "/api/state?r=" ROOM "&t=%032x", 0xf100d + i);
        memset(by, 0, sizeof by);
        burst("GET", path, NULL, 1, by);
        assert_int_equal(by[200], 1);
    }
    assert_int_equal(net_joined(g_fx.s), 2);
    /* 4,200 joins from one client: every one answered 200 with a token */
    assert_int_equal(join_new(first), 200);
    memset(by, 0, sizeof by);
    burst("POST", "/api/join", "{\"r\":\"" ROOM "\"}", NET_MAX_PHONES - 3, by);
    assert_int_equal(by[200], NET_MAX_PHONES - 3); /* the table is full now */
    /* the real phones keep long-polling (and so stay fresh) */
    assert_int_equal(http("GET", "/api/state?r=" ROOM "&t=" TOKEN, NULL, NULL, &(Resp){0}), 200);
    assert_int_equal(http("GET", "/api/state?r=" ROOM "&t=" TOKEN2, NULL, NULL, &(Resp){0}), 200);
    memset(by, 0, sizeof by);
    burst("POST", "/api/join", "{\"r\":\"" ROOM "\"}", 300, by);
    assert_int_equal(by[200], 300); /* a full table never refuses a join */
    queued(); /* the main thread takes the joins' hints */
    /* a new phone joins and votes; the long-polling ones still vote */
    {
        char t[40], body[200];
        Resp r;
        assert_int_equal(join_new(t), 200);
        snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"%s\",\"poll\":5,\"option\":1}", t);
        assert_int_equal(post("/api/vote", body, &r), 200);
    }
    assert_int_equal(vote(5, 1, TOKEN), 200);
    assert_int_equal(vote(5, 2, TOKEN2), 200);
    /* the stalest token (the flood's first, unused since) was forgotten */
    assert_int_equal(vote(5, 1, first), 401);
    queued();
    assert_true(ms_now() - t0 < 60000);
}

/* Joins are limited per address and per room; wrong room codes too, and a
 * spent guess bucket answers 429 whatever the code, so guessing learns
 * nothing faster.  A phone with a token is never held up by either. */
static void test_join_and_guess_limits(void **state)
{
    NetConfig cfg;
    static int by[600];
    char t[40];
    Resp r;
    int i = 0;
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.limit_loopback = 1; /* 127.0.0.1 is one LAN address */
    cfg.join_burst = 12;    /* two joined in start_with() */
    cfg.join_rate = 0.001;
    cfg.guess_burst = 5;
    cfg.guess_rate = 0.001;
    restart_with(&cfg);
    for (i = 0; i < 10; i++)
        assert_int_equal(join_new(t), 200);
    assert_int_equal(join_new(t), 429);
    assert_string_equal(t, "");
    /* the address's phones still re-join with their tokens */
    assert_int_equal(post("/api/join", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\"}", &r), 200);
    /* wrong codes: 5 answered 403, then 429 for any code without a token */
    memset(by, 0, sizeof by);
    burst("GET", "/api/state?r=ZZZZ", NULL, 5, by);
    assert_int_equal(by[403], 5);
    assert_int_equal(http("POST", "/api/join", "application/json", "{\"r\":\"QQQQ\"}", &r), 429);
    assert_int_equal(http("GET", "/api/state?r=" ROOM, NULL, NULL, &r), 429);
    assert_int_equal(http("POST", "/api/vote", "application/json",
                          "{\"r\":\"YYYY\",\"t\":\"00000000000000000000000000000000\",\"poll\":1,\"option\":1}", &r),
                     429);
    /* a phone that joined goes on */
    assert_int_equal(http("GET", "/api/state?r=" ROOM "&t=" TOKEN2, NULL, NULL, &r), 200);
    /* the room as a whole: (loopback not limited per address) 8 wrong codes, then 429 */
    memset(&cfg, 0, sizeof cfg);
    cfg.room_guess_burst = 8;
    cfg.room_guess_rate = 0.001;
    cfg.room_join_burst = 6;
    cfg.room_join_rate = 0.001;
    restart_with(&cfg);
    memset(by, 0, sizeof by);
    burst("GET", "/api/state?r=ZZZZ", NULL, 12, by);
    assert_int_equal(by[403], 8);
    assert_int_equal(by[429], 4);
    for (i = 0; i < 4; i++)
        assert_int_equal(join_new(t), i < 4 ? 429 : 0); /* the guess bucket is spent */
    assert_int_equal(vote(1, 1, TOKEN), 409); /* a known token passes the gate */
}

/* A class behind one NAT address: 200 phones from 127.0.0.1 (treated as one
 * LAN address) join, hold their long-polls and vote at once; every vote is
 * acknowledged and queued.  Bounded in count and time. */
static void test_hall_behind_one_address(void **state)
{
    enum { N = 200 };
    NetConfig cfg;
    NetPollInfo info = open_poll(6, 3, 0x7);
    static char toks[N][40];
    int polls[N], votes[N], i = 0, v = 0, ok = 0, got = 0;
    char path[128], body[200];
    Resp r;
    NetMsg m;
    long long t0 = ms_now(), t1 = 0;
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.limit_loopback = 1; /* and every other limit at its default */
    restart_with(&cfg);
    for (i = 0; i < N; i++)
        assert_int_equal(join_new(toks[i]), 200);
    assert_int_equal(queued(), N);
    v = publish("{\"screen\":\"waiting\"}", NULL);
    /* every phone parks a long-poll */
    snprintf(path, sizeof path, "/api/state?r=" ROOM "&v=%d&t=", v);
    for (i = 0; i < N; i++) {
        char p2[200];
        snprintf(p2, sizeof p2, "%s%.32s", path, toks[i]);
        polls[i] = dial(g_fx.port);
        send_request(polls[i], "GET", p2, NULL, NULL, 1);
    }
    t1 = ms_now(); /* the server takes them in as it gets to them */
    while (net_joined(g_fx.s) < N + 2 && ms_now() - t1 < 10000)
        usleep(20000);
    assert_int_equal(net_joined(g_fx.s), N + 2);
    v = publish("{\"screen\":\"poll\"}", &info);
    for (i = 0; i < N; i++) {
        read_response(polls[i], &r);
        assert_int_equal(r.status, 200);
    }
    /* they poll again (still holding a connection each) and all vote at once */
    snprintf(path, sizeof path, "/api/state?r=" ROOM "&v=%d", v);
    for (i = 0; i < N; i++)
        send_request(polls[i], "GET", path, NULL, NULL, 1);
    for (i = 0; i < N; i++) {
        snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"%.32s\",\"poll\":6,\"option\":%d}",
                 toks[i], 1 + i % 3);
        votes[i] = dial(g_fx.port);
        send_request(votes[i], "POST", "/api/vote", "application/json", body, 0);
    }
    for (i = 0; i < N; i++) {
        read_response(votes[i], &r);
        ok += r.status == 200;
        close(votes[i]);
    }
    assert_int_equal(ok, N);
    while (net_next_msg(g_fx.s, &m)) {
        assert_int_equal(m.kind, NET_MSG_VOTE);
        assert_string_equal(m.token, toks[got]); /* one each, in the order sent */
        got++;
    }
    assert_int_equal(got, N);
    publish("{\"screen\":\"waiting\"}", NULL);
    for (i = 0; i < N; i++) {
        read_response(polls[i], &r);
        assert_int_equal(r.status, 200);
        close(polls[i]);
    }
    assert_true(ms_now() - t0 < 20000);
}

/* An acknowledged vote is counted: phones vote as fast as they can while
 * the main thread holds input, drains, closes the poll and releases.
 * Every vote answered 200 was drained before the close. */
typedef struct FireClient {
    char tok[40];
    int acked, closed, held, other;
    int last_acked_option;
} FireClient;

static int g_fire_stop;

static void *fire_main(void *arg)
{
    FireClient *c = arg;
    char body[200];
    Resp r;
    int fd = dial(g_fx.port), k = 0;
    while (!__atomic_load_n(&g_fire_stop, __ATOMIC_ACQUIRE)) {
        int opt = 1 + k++ % 2;
        snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"%s\",\"poll\":9,\"option\":%d}",
                 c->tok, opt);
        send_request(fd, "POST", "/api/vote", "application/json", body, 1);
        read_response(fd, &r);
        if (r.status < 0) {
            close(fd);
            fd = dial(g_fx.port);
            continue;
        }
        if (r.status == 200) {
            c->acked++;
            c->last_acked_option = opt - 1;
        } else if (r.status == 409) {
            c->closed++;
        } else if (r.status == 503) {
            c->held++;
        } else {
            c->other++;
        }
    }
    close(fd);
    return NULL;
}

static void test_acked_votes_counted_under_fire(void **state)
{
    enum { N = 16 };
    NetConfig cfg;
    NetPollInfo info = open_poll(9, 2, 0x3);
    static FireClient cl[N];
    pthread_t th[N];
    int counted[N], last[N], i = 0, round = 0, total_acked = 0, total_counted = 0;
    NetMsg m;
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.token_rate = 100000; /* phones limited only by the network */
    cfg.token_burst = 100000;
    cfg.conn_rate = 100000;
    cfg.conn_burst = 100000;
    restart_with(&cfg);
    for (round = 0; round < 3; round++) {
        memset(cl, 0, sizeof cl);
        for (i = 0; i < N; i++) {
            assert_int_equal(join_new(cl[i].tok), 200);
            counted[i] = 0;
            last[i] = -1;
        }
        queued();
        publish("{}", &info);
        __atomic_store_n(&g_fire_stop, 0, __ATOMIC_RELEASE);
        for (i = 0; i < N; i++)
            assert_int_equal(pthread_create(&th[i], NULL, fire_main, &cl[i]), 0);
        /* the main thread counts as it would, while votes keep arriving */
        {
            long long until = ms_now() + 300 + 100 * round;
            while (ms_now() < until)
                while (net_next_msg(g_fx.s, &m)) {
                    for (i = 0; i < N && strcmp(cl[i].tok, m.token) != 0; i++)
                        ;
                    assert_true(i < N);
                    counted[i]++;
                    last[i] = m.option;
                }
        }
        /* the reveal: hold, drain everything, close, release */
        net_input_hold(g_fx.s);
        while (net_next_msg(g_fx.s, &m)) {
            for (i = 0; i < N && strcmp(cl[i].tok, m.token) != 0; i++)
                ;
            assert_true(i < N);
            counted[i]++;
            last[i] = m.option;
        }
        info.open = 0;
        publish("{}", &info);
        net_input_release(g_fx.s);
        usleep(100000); /* the phones go on voting into the closed poll */
        __atomic_store_n(&g_fire_stop, 1, __ATOMIC_RELEASE);
        for (i = 0; i < N; i++)
            pthread_join(th[i], NULL);
        /* nothing acknowledged came after the close */
        assert_int_equal(queued(), 0);
        for (i = 0; i < N; i++) {
            assert_int_equal(cl[i].other, 0);
            assert_int_equal(counted[i], cl[i].acked);
            assert_int_equal(last[i], cl[i].acked ? cl[i].last_acked_option : -1);
            assert_true(cl[i].closed > 0); /* it was still voting after the close */
            total_acked += cl[i].acked;
            total_counted += counted[i];
        }
        info.open = 1;
    }
    assert_int_equal(total_counted, total_acked);
    assert_true(total_acked > N * 3);
}

static void test_rate_limits(void **state)
{
    NetPollInfo info = open_poll(3, 2, 0x3);
    int i = 0, ok = 0, limited = 0, fd = -1;
    Resp r;
    char body[200];
    static char toks[45][40];
    (void)state;
    publish("{}", &info);
    /* per token: the bucket holds 10 */
    for (i = 0; i < 20; i++) {
        int st = vote(3, 1 + (i & 1), TOKEN);
        ok += st == 200;
        limited += st == 429;
    }
    assert_true(ok >= 10 && ok <= 12);
    assert_true(limited >= 8);
    assert_int_equal(queued(), ok);
    /* per connection: one keep-alive connection with another phone's token each time */
    for (i = 0; i < 45; i++)
        assert_int_equal(join_new(toks[i]), 200);
    queued();
    fd = dial(g_fx.port);
    ok = limited = 0;
    for (i = 0; i < 45; i++) {
        snprintf(body, sizeof body, "{\"r\":\"" ROOM "\",\"t\":\"%.32s\",\"poll\":3,\"option\":1}",
                 toks[i]);
        send_request(fd, "POST", "/api/vote", "application/json", body, 1);
        read_response(fd, &r);
        if (r.status < 0)
            break;
        ok += r.status == 200;
        limited += r.status == 429;
    }
    close(fd);
    assert_true(ok >= 30 && ok <= 33);
    assert_true(limited >= 10);
    assert_string_equal(r.body, "{\"error\":\"rate_limited\"}");
    assert_int_equal(queued(), ok);
}

typedef struct EvalClient {
    int fd;
} EvalClient;

static void test_eval_suspended_reply(void **state)
{
    NetPollInfo info;
    const char *body0 = "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"sid\":\"0123456789abcdef0123456789abcdef\","
                        "\"answers\":{\"q1\":\"yes\",\"q2\":[1,2],\"q3\":\"Jeg lærte noget\",\"q4\":4}}";
    char body[400];
    Resp r;
    NetMsg m;
    int fd = -1;
    (void)state;
    subst(body0, body, sizeof body);
    /* closed evaluation: 409 */
    assert_int_equal(post("/api/eval", body, &r), 409);
    memset(&info, 0, sizeof info);
    info.eval_open = 1;
    publish("{\"eval\":{\"open\":true}}", &info);
    fd = dial(g_fx.port);
    send_request(fd, "POST", "/api/eval", "application/json", body, 0);
    m = wait_msg(NET_MSG_EVAL);
    assert_non_null(m.body);
    assert_string_equal(m.body, body);
    assert_string_equal(m.sid, "0123456789abcdef0123456789abcdef");
    assert_string_equal(m.token, g_fx.tok1);
    assert_true(m.req_id > 0);
    /* not acknowledged before the main thread answers */
    assert_false(readable(fd, 300));
    assert_int_equal(net_reply(g_fx.s, m.req_id, 200, "{\"ok\":true,\"saved\":1}"), 0);
    read_response(fd, &r);
    close(fd);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "{\"ok\":true,\"saved\":1}");
    assert_int_equal(net_reply(g_fx.s, m.req_id, 200, "{}"), ERR_NOTFOUND);
    net_msg_clear(&m);
    assert_null(m.body);
    /* the main thread may refuse, e.g. the database failed */
    fd = dial(g_fx.port);
    send_request(fd, "POST", "/api/eval", "application/json", body, 0);
    m = wait_msg(NET_MSG_EVAL);
    assert_int_equal(net_reply(g_fx.s, m.req_id, 503, "{\"error\":\"not_saved\"}"), 0);
    net_msg_clear(&m);
    read_response(fd, &r);
    close(fd);
    assert_int_equal(r.status, 503);
    /* malformed evaluations never reach the main thread */
    assert_int_equal(post("/api/eval", "{\"r\":\"" ROOM "\",\"sid\":\"0123456789abcdef0123456789abcdef\",\"answers\":[1]}", &r), 400);
    assert_int_equal(post("/api/eval", "{\"r\":\"" ROOM "\",\"answers\":{}}", &r), 400);
    assert_int_equal(post("/api/eval", "{\"r\":\"" ROOM "\",\"sid\":\"0123456789abcdef0123456789abcdef\",\"answers\":{\"q\":{\"x\":1}}}", &r), 400);
    assert_int_equal(post("/api/eval", "{\"r\":\"NOPE\",\"sid\":\"0123456789abcdef0123456789abcdef\",\"answers\":{}}", &r), 403);
    assert_int_equal(queued(), 0);
}

static void test_eval_timeout_and_stop(void **state)
{
    NetConfig cfg;
    NetPollInfo info;
    const char *body0 = "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"sid\":\"0123456789abcdef0123456789abcdef\",\"answers\":{}}";
    char body[300];
    Resp r;
    NetMsg m;
    int fd = -1, fd2 = -1, v = 0;
    char path[100];
    (void)state;
    net_stop(g_fx.s);
    memset(&cfg, 0, sizeof cfg);
    cfg.eval_timeout_ms = 400;
    assert_int_equal(start_with(&cfg), 0);
    subst(body0, body, sizeof body);
    memset(&info, 0, sizeof info);
    info.eval_open = 1;
    v = publish("{}", &info);
    /* no reply from the main thread: 503, and a late reply is refused */
    assert_int_equal(post("/api/eval", body, &r), 503);
    m = wait_msg(NET_MSG_EVAL);
    assert_string_equal(m.token, g_fx.tok1);
    assert_int_equal(net_reply(g_fx.s, m.req_id, 200, "{}"), ERR_NOTFOUND);
    net_msg_clear(&m);
    /* stopping with a pending evaluation and a waiting long-poll answers both */
    fd = dial(g_fx.port);
    send_request(fd, "POST", "/api/eval", "application/json", body, 0);
    m = wait_msg(NET_MSG_EVAL);
    net_msg_clear(&m);
    snprintf(path, sizeof path, "/api/state?r=" ROOM "&v=%d", v);
    fd2 = dial(g_fx.port);
    send_request(fd2, "GET", path, NULL, NULL, 0);
    usleep(100000);
    net_stop(g_fx.s);
    g_fx.s = NULL;
    read_response(fd, &r);
    assert_true(r.status == 503 || r.status == -1);
    read_response(fd2, &r);
    assert_true(r.status == 200 || r.status == 503 || r.status == -1);
    close(fd);
    close(fd2);
    assert_int_equal(start_with(NULL), 0); /* for teardown */
}

static void test_slow_client_and_cap(void **state)
{
    NetConfig cfg;
    Resp r;
    int slow = -1;
    char buf[16];
    long long t0 = 0;
    (void)state;
    net_stop(g_fx.s);
    memset(&cfg, 0, sizeof cfg);
    cfg.conn_timeout_s = 1;
    assert_int_equal(start_with(&cfg), 0);
    /* a client that sends half a request line and stalls is dropped... */
    slow = dial(g_fx.port);
    send_all(slow, "GET /api/sta", 12);
    t0 = ms_now();
    /* ...and does not stall anyone else */
    assert_int_equal(http("GET", "/api/state?r=" ROOM, NULL, NULL, &r), 200);
    assert_true(readable(slow, 5000));
    assert_true(recv(slow, buf, sizeof buf, 0) <= 0);
    assert_true(ms_now() - t0 < 5000);
    close(slow);
}

static void test_connection_cap(void **state)
{
    NetConfig cfg;
    Resp r;
    int i = 0, fds[4], extra = -1;
    (void)state;
    net_stop(g_fx.s);
    memset(&cfg, 0, sizeof cfg);
    cfg.max_conns = 4;
    assert_int_equal(start_with(&cfg), 0);
    for (i = 0; i < 4; i++)
        fds[i] = dial(g_fx.port);
    usleep(100000);
    /* a fifth connection is not served (libmicrohttpd stops accepting; it
     * waits in the kernel's backlog)... */
    extra = dial(g_fx.port);
    send_request(extra, "GET", "/api/state?r=" ROOM, NULL, NULL, 0);
    assert_false(readable(extra, 500));
    /* ...until one leaves */
    close(fds[0]);
    assert_true(readable(extra, 10000)); /* at once; a loaded machine may take seconds */
    read_response(extra, &r);
    close(extra);
    assert_int_equal(r.status, 200);
    for (i = 1; i < 4; i++)
        close(fds[i]);
}

/* One address holding its share of connections gets no more, so a single
 * laptop on the LAN cannot take every slot from the phones. */
static void test_per_address_cap(void **state)
{
    NetConfig cfg;
    Resp r;
    int i = 0, fds[3], extra = -1;
    char buf[64];
    long long t0 = 0;
    (void)state;
    net_stop(g_fx.s);
    memset(&cfg, 0, sizeof cfg);
    cfg.per_ip_conns = 3;
    cfg.limit_loopback = 1;
    assert_int_equal(start_with(&cfg), 0);
    for (i = 0; i < 3; i++) {
        fds[i] = dial(g_fx.port);
        send_all(fds[i], "GET /api/sta", 12); /* trickling, never finished */
    }
    t0 = ms_now();
    /* refused: the server closes it without an answer. The server counts a
     * connection once its thread has taken it, which a loaded machine may
     * delay: a fourth that got in before the third was counted is let go and
     * the address tries again. */
    for (;;) {
        extra = dial(g_fx.port);
        if (readable(extra, 300))
            break;
        close(extra);
        assert_true(ms_now() - t0 < 10000);
    }
    assert_true(recv(extra, buf, sizeof buf, 0) <= 0);
    close(extra);
    /* when one leaves, the address may connect again, once the server has
     * seen it leave: at once, or, when the server reads the half line and
     * the close in one go (libmicrohttpd's edge-triggered epoll then waits
     * for the idle timeout, 10 s), after the idle timeout */
    close(fds[0]);
    t0 = ms_now();
    while (http("GET", "/api/state?r=" ROOM, NULL, NULL, &r) != 200) {
        assert_true(ms_now() - t0 < 30000);
        usleep(50000);
    }
    for (i = 1; i < 3; i++)
        close(fds[i]);
}

static void test_port_in_use_and_codes(void **state)
{
    NetConfig cfg;
    Err e;
    char code[NET_ROOM_CODE_LEN + 1], url[NET_MAX_URL], msg[64];
    int i = 0, j = 0, seen_other = 0;
    NetServer *s2 = NULL;
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    cfg.port = g_fx.port;
    cfg.bind = "127.0.0.1";
    assert_null(net_start(&cfg, &e));
    snprintf(msg, sizeof msg, "port %d", g_fx.port);
    assert_non_null(strstr(e.msg, msg));
    assert_non_null(strstr(e.msg, "--port"));
    cfg.port = 0;
    cfg.room_code = "AB1D";
    assert_null(net_start(&cfg, &e));
    cfg.room_code = NULL;
    cfg.bind = "not-an-address";
    assert_null(net_start(&cfg, &e));
    for (i = 0; i < 200; i++) {
        assert_int_equal(net_make_room_code(code, NULL), 0);
        assert_int_equal((int)strlen(code), NET_ROOM_CODE_LEN);
        for (j = 0; j < NET_ROOM_CODE_LEN; j++) {
            assert_true(code[j] >= 'A' && code[j] <= 'Z');
            assert_true(code[j] != 'I' && code[j] != 'O');
        }
        seen_other |= strcmp(code, net_room_code(g_fx.s)) != 0;
    }
    assert_true(seen_other);
    assert_string_equal(net_room_code(g_fx.s), ROOM);
    /* bound to loopback: phones cannot reach it, the facilitator is told */
    assert_int_equal(net_lan_url(g_fx.s, url, sizeof url, &e), ERR_NOTFOUND);
    assert_non_null(strstr(e.msg, "hotspot"));
    assert_non_null(strstr(net_no_lan_message("da"), "hotspot"));
    /* all interfaces: a URL with the port and code, or the same clear message */
    cfg.bind = NULL;
    s2 = net_start(&cfg, &e);
    assert_non_null(s2);
    if (net_lan_url(s2, url, sizeof url, &e) == 0) {
        snprintf(msg, sizeof msg, ":%d/?r=%s", net_port(s2), net_room_code(s2));
        assert_int_equal(strncmp(url, "http://", 7), 0);
        assert_non_null(strstr(url, msg));
        assert_null(strstr(url, "127.0.0.1"));
    } else {
        assert_non_null(strstr(e.msg, "hotspot"));
    }
    net_stop(s2);
    net_stop(NULL);
}

/* ---- privacy: nothing logged names the address or the token ---- */

static struct {
    pthread_mutex_t mu;
    char text[65536];
    size_t len;
    int lines;
} g_log = {PTHREAD_MUTEX_INITIALIZER, "", 0, 0};

static void log_sink(void *ud, LogLevel level, const char *msg)
{
    size_t n = strlen(msg);
    (void)ud;
    (void)level;
    pthread_mutex_lock(&g_log.mu);
    if (g_log.len + n + 2 < sizeof g_log.text) {
        memcpy(g_log.text + g_log.len, msg, n);
        g_log.len += n;
        g_log.text[g_log.len++] = '\n';
        g_log.text[g_log.len] = '\0';
    }
    g_log.lines++;
    pthread_mutex_unlock(&g_log.mu);
}

static void test_nothing_identifying_logged(void **state)
{
    NetPollInfo info = open_poll(3, 2, 0x3);
    NetConfig cfg;
    Resp r;
    int i = 0;
    (void)state;
    log_set_sink(log_sink, NULL);
    log_set_level(LOG_DEBUG);
    net_stop(g_fx.s);
    memset(&cfg, 0, sizeof cfg);
    cfg.eval_timeout_ms = 200;
    assert_int_equal(start_with(&cfg), 0);
    info.eval_open = 1;
    info.ideas_open = 1;
    publish("{}", &info);
    post("/api/join", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\"}", &r);
    for (i = 0; i < 14; i++)
        vote(3, 1, TOKEN);
    vote(9, 1, TOKEN);
    vote(3, 7, TOKEN);
    post("/api/vote", "{\"r\":\"WXYZ\",\"t\":\"" TOKEN "\",\"poll\":3,\"option\":1}", &r);
    post("/api/vote", "{\"t\":\"" TOKEN "\"", &r);
    post("/api/idea", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"text\":\"x\"}", &r);
    post("/api/eval", "{\"r\":\"" ROOM "\",\"t\":\"" TOKEN "\",\"sid\":\"0123456789abcdef0123456789abcdef\",\"answers\":{}}", &r);
    http("GET", "/../../etc/passwd", NULL, NULL, &r);
    http("GET", "/api/state?r=NOPE&t=" TOKEN, NULL, NULL, &r);
    http("BREW", "/", NULL, NULL, &r);
    {
        int fd = dial(g_fx.port);
        send_all(fd, "GARBAGE\r\n\r\n", 11);
        read_response(fd, &r);
        close(fd);
    }
    net_stop(g_fx.s);
    g_fx.s = NULL;
    log_set_sink(NULL, NULL);
    log_set_level(LOG_INFO);
    pthread_mutex_lock(&g_log.mu);
    assert_true(g_log.lines >= 5); /* the server does log its refusals */
    assert_non_null(strstr(g_log.text, "phone api vote: 429"));
    assert_null(strstr(g_log.text, "127.0.0.1"));
    assert_null(strstr(g_log.text, TOKEN));
    assert_null(strstr(g_log.text, "a1b2c3d4"));
    assert_null(strstr(g_log.text, "TestPhone"));
    pthread_mutex_unlock(&g_log.mu);
    assert_int_equal(start_with(NULL), 0);
}

static void test_body_decoders(void **state)
{
    NetBodyVote v;
    NetBodyEval ev;
    NetBodyIdea *idea = malloc(sizeof *idea);
    Err e;
    char room[5];
    (void)state;
    assert_non_null(idea);
    assert_int_equal(net_body_vote(LIT("{\"r\":\"abcd\",\"t\":\"" TOKEN "\",\"poll\":2,\"option\":9}"), &v, &e), 0);
    assert_string_equal(v.room, "ABCD");
    assert_int_equal(v.option, 9);
    /* the length is honoured: no NUL needed, nothing read past it */
    assert_true(net_body_vote("{\"r\":\"abcd\",\"t\":\"" TOKEN "\",\"poll\":2,\"option\":9}", 30, &v, &e) < 0);
    assert_int_equal(net_body_vote(LIT("{\"r\":\"abcd\",\"t\":\"" TOKEN "\",\"poll\":2,\"option\":10}"), &v, &e), ERR_INVALID);
    assert_int_equal(net_body_eval(LIT("{\"r\":\"abcd\",\"sid\":\"" TOKEN "\",\"answers\":{\"a\":true,\"b\":[\"x\",2]}}"), &ev, &e), 0);
    assert_int_equal(ev.n_answers, 2);
    assert_int_equal(net_body_eval(LIT("{\"r\":\"abcd\",\"sid\":\"" TOKEN "\",\"answers\":{\"\":1}}"), &ev, &e), ERR_INVALID);
    assert_int_equal(net_body_eval(LIT("{\"r\":\"abcd\",\"sid\":\"" TOKEN "\",\"answers\":{\"a\":[[1]]}}"), &ev, &e), ERR_INVALID);
    assert_int_equal(net_body_idea(LIT("{\"r\":\"abcd\",\"t\":\"" TOKEN "\",\"text\":\"a\\u0000b\"}"), idea, &e), 0);
    assert_string_equal(idea->text, "a"); /* an escaped NUL ends the text */
    assert_int_equal(net_room_parse("abc", room), ERR_INVALID);
    assert_int_equal(net_room_parse("ab1d", room), ERR_INVALID);
    assert_int_equal(net_room_parse("wxyz", room), 0);
    assert_string_equal(room, "WXYZ");
    assert_false(net_token_valid("0123456789abcde"));
    assert_true(net_token_valid("0123456789abcdef"));
    assert_false(net_token_valid("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefX"));
    assert_false(net_token_valid("0123456789abcdef/"));
    free(idea);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_decoders),
        cmocka_unit_test_setup_teardown(test_static_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_state_and_room_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_longpoll_wakes_on_publish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_longpoll_many_waiters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_longpoll_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vote_queue, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wakes_coalesced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vote_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chunked_oversize, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ideas, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idea_slots, setup, teardown),
        cmocka_unit_test_setup_teardown(test_join, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stuffing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_token_flood, setup, teardown),
        cmocka_unit_test_setup_teardown(test_join_and_guess_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hall_behind_one_address, setup, teardown),
        cmocka_unit_test_setup_teardown(test_acked_votes_counted_under_fire, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rate_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_eval_suspended_reply, setup, teardown),
        cmocka_unit_test_setup_teardown(test_eval_timeout_and_stop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_slow_client_and_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_per_address_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_connection_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_port_in_use_and_codes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_identifying_logged, setup, teardown),
    };
    pthread_mutex_init(&g_fx.mu, NULL);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
