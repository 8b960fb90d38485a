/* netclient.c - the phone server's benchmark client for tools/bench: plain
 * sockets and poll() on 127.0.0.1, no HTTP library.  Not part of the engine.
 *
 *   netclient longpoll PORT ROOM N FIFO KEYS [TIMEOUT_MS]
 *       Reads the current state version, opens N connections that each wait
 *       on GET /api/state?r=ROOM&v=VERSION, checks that none has been answered
 *       after a settling pause (all parked), then writes KEYS (plus a newline)
 *       to the engine's key FIFO itself and times every connection from just
 *       before that write to the end of its response.
 *   netclient burst PORT PATH N
 *       The long-polls' reference: opens N connections, waits a second as
 *       longpoll does, then writes GET PATH on every one of them (keep-alive)
 *       and times every connection from just before the first write to the
 *       end of its response: a server answering N requests that arrive at
 *       once (nginx serving a file with the state's bytes).
 *   netclient join PORT ROOM N
 *       Joins N phones (POST /api/join; the server issues the tokens) and
 *       prints the N tokens, one per line (for wrk.lua's BENCH_TOKEN_FILE).
 *   netclient votelat PORT ROOM POLL N TRANSCRIPT [PAUSE_MS]
 *       N votes, one after the other (PAUSE_MS apart, default 0), each from a
 *       new phone (joined first, not timed) on a new connection; for each,
 *       the time from the end of its 200 response to
 *       the transcript line "phone vote POLL ..." (the engine writes it when
 *       the main thread has counted the vote; the transcript is flushed per
 *       line), found by reading the file in a tight loop; and, as its
 *       reference, the vote's own round trip (connect to the end of its 200).
 *   netclient eval PORT ROOM CONNS SECONDS ANSWERS TAG [keepalive]
 *       CONNS clients submit POST /api/eval back to back for SECONDS, each
 *       with a unique sid (TAG-slot-n) and its own token (one evaluation per
 *       token): POST /api/join first on the same connection, then the
 *       submission, which alone is timed; ANSWERS is the JSON object of answers.
 *       By default every submission uses a new connection (a phone submits
 *       once); with "keepalive" each client keeps its connection.  A client
 *       answered 429 (a join or a submission) waits 100 ms before its next
 *       join, as a phone backs off, instead of hammering the limit.
 *
 * Output: one latency in microseconds per line on stdout (longpoll, burst:
 * per connection; votelat: per vote, "COUNTED_US ROUND_TRIP_US"; eval: per
 * acknowledged submission), and
 * one summary line on stderr:  key=value ...  Exit status 0 when the run
 * could be measured, 1 otherwise.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 4096
#define RESP_MAX 16384
#define REQ_MAX 8192

typedef struct Conn {
    int fd;
    char req[REQ_MAX];
    size_t req_len, req_off;
    char resp[RESP_MAX];
    size_t resp_len;
    long long t0;    /* request start (ns) */
    int status;      /* HTTP status once complete */
    int done;        /* response complete */
    long sent;       /* requests made on this slot */
    int joining;     /* eval: the join before a submission is in flight */
    long long not_before; /* eval: after a 429, no request before this (ns); 0: none */
} Conn;

static int g_port;

static long long now_ns(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what)
{
    fprintf(stderr, "netclient: %s: %s\n", what, strerror(errno));
    exit(1);
}

/* A blocking connect to 127.0.0.1:g_port, then non-blocking. -1 on failure. */
static int open_conn(void)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
    if (fd < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)g_port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return -1;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

/* 1 when c->resp holds a whole response (headers + Content-Length bytes,
 * or headers and the peer closed: eof). Sets c->status. */
static int resp_complete(Conn *c, int eof)
{
    const char *end = NULL, *cl = NULL;
    size_t head = 0;
    long len = -1;
    c->resp[c->resp_len] = '\0';
    end = strstr(c->resp, "\r\n\r\n");
    if (!end)
        return 0;
    head = (size_t)(end - c->resp) + 4;
    if (sscanf(c->resp, "HTTP/1.%*d %d", &c->status) != 1)
        c->status = -1;
    cl = strcasestr(c->resp, "\r\nContent-Length:");
    if (cl && cl < end)
        len = strtol(cl + 17, NULL, 10);
    if (len >= 0)
        return c->resp_len >= head + (size_t)len;
    return eof;
}

/* Reads what is there; returns 1 when the response is complete, 0 when more
 * is needed, -1 on an error or a close before a whole response. */
static int conn_read(Conn *c)
{
    for (;;) {
        ssize_t n = read(c->fd, c->resp + c->resp_len, RESP_MAX - 1 - c->resp_len);
        if (n > 0) {
            c->resp_len += (size_t)n;
            if (resp_complete(c, 0))
                return 1;
            if (c->resp_len >= RESP_MAX - 1)
                return -1;
            continue;
        }
        if (n == 0)
            return resp_complete(c, 1) ? 1 : -1;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        if (errno == EINTR)
            continue;
        return -1;
    }
}

/* Writes the rest of c->req; 1 when all is written, 0 when the socket is
 * full, -1 on an error. */
static int conn_write(Conn *c)
{
    while (c->req_off < c->req_len) {
        ssize_t n = write(c->fd, c->req + c->req_off, c->req_len - c->req_off);
        if (n > 0)
            c->req_off += (size_t)n;
        else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        else if (n < 0 && errno == EINTR)
            continue;
        else
            return -1;
    }
    return 1;
}

static void conn_reset(Conn *c)
{
    c->req_off = 0;
    c->resp_len = 0;
    c->status = 0;
    c->done = 0;
}

/* One blocking request on a new connection; the response is left in c. */
static int simple_request(Conn *c)
{
    long long give_up = now_ns() + 5000000000LL;
    conn_reset(c);
    c->fd = open_conn();
    if (c->fd < 0)
        return -1;
    while (now_ns() < give_up) {
        struct pollfd p = {c->fd, (short)(c->req_off < c->req_len ? POLLOUT : POLLIN), 0};
        int r = 0;
        if (poll(&p, 1, 100) < 0 && errno != EINTR)
            break;
        if (c->req_off < c->req_len) {
            if (conn_write(c) < 0)
                break;
            continue;
        }
        r = conn_read(c);
        if (r != 0) {
            close(c->fd);
            c->fd = -1;
            return r > 0 ? 0 : -1;
        }
    }
    close(c->fd);
    c->fd = -1;
    return -1;
}

static const char *body_of(const Conn *c)
{
    const char *b = strstr(c->resp, "\r\n\r\n");
    return b ? b + 4 : "";
}

static int state_version(const char *room)
{
    Conn *c = calloc(1, sizeof *c);
    const char *v = NULL;
    int version = -1;
    if (!c)
        die("calloc");
    c->req_len = (size_t)snprintf(c->req, sizeof c->req,
                                  "GET /api/state?r=%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Connection: close\r\n\r\n",
                                  room);
    if (simple_request(c) == 0 && c->status == 200 && (v = strstr(body_of(c), "\"v\":")) != NULL)
        version = atoi(v + 4);
    free(c);
    return version;
}

/* Joins the room on a new connection: the issued token into tok (33 bytes).
 * 0, or -1 (the status, if any, in c). */
static int join_token(Conn *c, const char *room, char tok[33])
{
    const char *t = NULL;
    char body[64];
    int blen = snprintf(body, sizeof body, "{\"r\":\"%s\"}", room);
    c->req_len = (size_t)snprintf(c->req, sizeof c->req,
                                  "POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Content-Type: application/json\r\nContent-Length: %d\r\n"
                                  "Connection: close\r\n\r\n%s",
                                  blen, body);
    if (simple_request(c) != 0 || c->status != 200 || !(t = strstr(body_of(c), "\"t\":\"")) ||
        strlen(t + 5) < 33 || t[37] != '"')
        return -1;
    memcpy(tok, t + 5, 32);
    tok[32] = '\0';
    return 0;
}

/* ---- join ---- */

static int cmd_join(int argc, char **argv)
{
    const char *room = argv[3];
    int n = atoi(argv[4]), i = 0, failed = 0;
    char tok[33];
    Conn *c = calloc(1, sizeof *c);
    (void)argc;
    if (!c)
        die("calloc");
    for (i = 0; i < n; i++) {
        if (join_token(c, room, tok) < 0) {
            if (failed++ < 3)
                fprintf(stderr, "netclient: join answered %d: %s\n", c->status, body_of(c));
            continue;
        }
        printf("%s\n", tok);
    }
    fprintf(stderr, "join phones=%d failed=%d\n", n, failed);
    free(c);
    return failed == 0 ? 0 : 1;
}

/* ---- longpoll ---- */

static int cmd_longpoll(int argc, char **argv)
{
    const char *room = argv[3], *fifo = argv[5], *keys = argv[6];
    int n = atoi(argv[4]), timeout_ms = argc > 7 ? atoi(argv[7]) : 10000;
    int version = state_version(room), i = 0, left = 0, early = 0, failed = 0, kfd = -1;
    Conn *cs = NULL;
    struct pollfd *pf = NULL;
    int *idx = NULL; /* pf[i] belongs to cs[idx[i]] */
    long long t0 = 0, give_up = 0, t_parked = 0;
    char key_line[256];
    if (n < 1 || n > MAX_CONNS) {
        fprintf(stderr, "netclient: 1..%d connections\n", MAX_CONNS);
        return 1;
    }
    if (version < 0) {
        fprintf(stderr, "netclient: cannot read the state version\n");
        return 1;
    }
    cs = calloc((size_t)n, sizeof *cs);
    pf = calloc((size_t)n, sizeof *pf);
    idx = calloc((size_t)n, sizeof *idx);
    if (!cs || !pf || !idx)
        die("calloc");
    for (i = 0; i < n; i++) {
        Conn *c = &cs[i];
        c->req_len = (size_t)snprintf(c->req, sizeof c->req,
                                      "GET /api/state?r=%s&v=%d HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                                      room, version);
        c->fd = open_conn();
        if (c->fd < 0)
            die("connect");
        if (conn_write(c) != 1)
            die("write");
    }
    /* Settle: every request read and parked by the server; none may be answered. */
    t_parked = now_ns() + 1000000000LL;
    while (now_ns() < t_parked) {
        for (i = 0; i < n; i++) {
            pf[i].fd = cs[i].fd;
            pf[i].events = POLLIN;
            pf[i].revents = 0;
        }
        if (poll(pf, (nfds_t)n, 100) > 0)
            for (i = 0; i < n; i++)
                if (pf[i].revents)
                    early++;
        if (early)
            break;
    }
    if (early) {
        fprintf(stderr, "netclient: %d long-polls were answered before the state changed\n", early);
        return 1;
    }
    kfd = open(fifo, O_WRONLY | O_CLOEXEC);
    if (kfd < 0)
        die("open the key FIFO");
    snprintf(key_line, sizeof key_line, "%s\n", keys);
    t0 = now_ns();
    if (write(kfd, key_line, strlen(key_line)) != (ssize_t)strlen(key_line))
        die("write the key FIFO");
    close(kfd);
    left = n;
    give_up = t0 + (long long)timeout_ms * 1000000LL;
    while (left > 0 && now_ns() < give_up) {
        int m = 0;
        for (i = 0; i < n; i++)
            if (!cs[i].done) {
                idx[m] = i;
                pf[m].fd = cs[i].fd;
                pf[m].events = POLLIN;
                pf[m].revents = 0;
                m++;
            }
        if (poll(pf, (nfds_t)m, 50) <= 0)
            continue;
        for (i = 0; i < m; i++) {
            int k = idx[i], r = 0;
            if (!pf[i].revents)
                continue;
            r = conn_read(&cs[k]);
            if (r == 0)
                continue;
            cs[k].done = 1;
            cs[k].t0 = now_ns() - t0; /* reused: latency */
            if (r < 0 || cs[k].status != 200)
                failed++;
            left--;
        }
    }
    for (i = 0; i < n; i++) {
        if (cs[i].done && cs[i].status == 200)
            printf("%lld\n", cs[i].t0 / 1000);
        close(cs[i].fd);
    }
    fprintf(stderr, "longpoll conns=%d version=%d answered=%d failed=%d unanswered=%d\n", n, version,
            n - left - failed, failed, left);
    free(cs);
    free(pf);
    free(idx);
    return left == n ? 1 : 0;
}

/* ---- burst ---- */

static int cmd_burst(int argc, char **argv)
{
    const char *path = argv[3];
    int n = atoi(argv[4]), timeout_ms = 10000, i = 0, left = 0, early = 0, failed = 0;
    Conn *cs = NULL;
    struct pollfd *pf = NULL;
    int *idx = NULL;
    long long t0 = 0, give_up = 0, t_settled = 0;
    (void)argc;
    if (n < 1 || n > MAX_CONNS) {
        fprintf(stderr, "netclient: 1..%d connections\n", MAX_CONNS);
        return 1;
    }
    cs = calloc((size_t)n, sizeof *cs);
    pf = calloc((size_t)n, sizeof *pf);
    idx = calloc((size_t)n, sizeof *idx);
    if (!cs || !pf || !idx)
        die("calloc");
    for (i = 0; i < n; i++) {
        Conn *c = &cs[i];
        c->req_len = (size_t)snprintf(c->req, sizeof c->req,
                                      "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", path);
        c->fd = open_conn();
        if (c->fd < 0)
            die("connect");
    }
    /* Settle as longpoll does: every connection accepted, nothing to read. */
    t_settled = now_ns() + 1000000000LL;
    while (now_ns() < t_settled && !early) {
        for (i = 0; i < n; i++) {
            pf[i].fd = cs[i].fd;
            pf[i].events = POLLIN;
            pf[i].revents = 0;
        }
        if (poll(pf, (nfds_t)n, 100) > 0)
            for (i = 0; i < n; i++)
                if (pf[i].revents)
                    early++;
    }
    if (early) {
        fprintf(stderr, "netclient: %d connections were closed or answered before a request\n", early);
        return 1;
    }
    t0 = now_ns();
    for (i = 0; i < n; i++)
        if (conn_write(&cs[i]) != 1)
            die("write");
    left = n;
    give_up = t0 + (long long)timeout_ms * 1000000LL;
    while (left > 0 && now_ns() < give_up) {
        int m = 0;
        for (i = 0; i < n; i++)
            if (!cs[i].done) {
                idx[m] = i;
                pf[m].fd = cs[i].fd;
                pf[m].events = POLLIN;
                pf[m].revents = 0;
                m++;
            }
        if (poll(pf, (nfds_t)m, 50) <= 0)
            continue;
        for (i = 0; i < m; i++) {
            int k = idx[i], r = 0;
            if (!pf[i].revents)
                continue;
            r = conn_read(&cs[k]);
            if (r == 0)
                continue;
            cs[k].done = 1;
            cs[k].t0 = now_ns() - t0; /* reused: latency */
            if (r < 0 || cs[k].status != 200)
                failed++;
            left--;
        }
    }
    for (i = 0; i < n; i++) {
        if (cs[i].done && cs[i].status == 200)
            printf("%lld\n", cs[i].t0 / 1000);
        close(cs[i].fd);
    }
    fprintf(stderr, "burst conns=%d answered=%d failed=%d unanswered=%d\n", n, n - left - failed,
            failed, left);
    free(cs);
    free(pf);
    free(idx);
    return left == n ? 1 : 0;
}

/* ---- votelat ---- */

static int cmd_votelat(int argc, char **argv)
{
    const char *room = argv[3], *path = argv[6];
    long pause_ms = argc > 7 ? atol(argv[7]) : 0;
    int poll_id = atoi(argv[4]), n = atoi(argv[5]), i = 0, ok = 0, refused = 0, missing = 0;
    int tfd = open(path, O_RDONLY | O_CLOEXEC);
    char needle[64], line[4096];
    size_t line_len = 0;
    Conn *c = calloc(1, sizeof *c);
    char tok[33];
    if (tfd < 0)
        die("open the transcript");
    if (!c)
        die("calloc");
    lseek(tfd, 0, SEEK_END);
    snprintf(needle, sizeof needle, "phone vote %d ", poll_id);
    for (i = 0; i < n; i++) {
        char body[256];
        int blen = 0;
        long long t_req = 0, t_resp = 0, give_up = 0;
        int found = 0;
        if (pause_ms > 0 && i > 0) {
            struct timespec ts = {pause_ms / 1000, (pause_ms % 1000) * 1000000L};
            nanosleep(&ts, NULL);
        }
        if (join_token(c, room, tok) < 0) { /* a new phone joins (not timed) */
            refused++;
            continue;
        }
        blen = snprintf(body, sizeof body, "{\"r\":\"%s\",\"t\":\"%s\",\"poll\":%d,\"option\":%d}",
                        room, tok, poll_id, 1 + i % 2);
        c->req_len = (size_t)snprintf(c->req, sizeof c->req,
                                      "POST /api/vote HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                      "Content-Type: application/json\r\nContent-Length: %d\r\n"
                                      "Connection: close\r\n\r\n%s",
                                      blen, body);
        t_req = now_ns();
        if (simple_request(c) != 0 || c->status != 200) {
            refused++;
            continue;
        }
        t_resp = now_ns();
        give_up = t_resp + 2000000000LL;
        /* The transcript from where we last read: complete lines only. */
        while (!found && now_ns() < give_up) {
            ssize_t r = read(tfd, line + line_len, sizeof line - 1 - line_len);
            if (r > 0) {
                char *nl = NULL, *start = line;
                line_len += (size_t)r;
                line[line_len] = '\0';
                while ((nl = memchr(start, '\n', line_len - (size_t)(start - line))) != NULL) {
                    *nl = '\0';
                    if (strncmp(start, needle, strlen(needle)) == 0)
                        found = 1;
                    start = nl + 1;
                }
                line_len -= (size_t)(start - line);
                memmove(line, start, line_len);
                if (line_len >= sizeof line - 1)
                    line_len = 0;
            } else {
                struct timespec ts = {0, 20000}; /* 20 us between reads */
                nanosleep(&ts, NULL);
            }
        }
        if (!found) {
            missing++;
            continue;
        }
        printf("%lld %lld\n", (now_ns() - t_resp) / 1000, (t_resp - t_req) / 1000);
        ok++;
    }
    fprintf(stderr, "votelat votes=%d counted=%d refused=%d missing=%d\n", n, ok, refused, missing);
    free(c);
    close(tfd);
    return ok > 0 ? 0 : 1;
}

/* ---- eval ---- */

/* The join that comes before each submission (the connection stays open). */
static void eval_join(Conn *c, const char *room)
{
    char body[64];
    int blen = snprintf(body, sizeof body, "{\"r\":\"%s\"}", room);
    c->req_len = (size_t)snprintf(c->req, sizeof c->req,
                                  "POST /api/join HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
                                  blen, body);
    c->joining = 1;
    conn_reset(c);
}

static void eval_prepare(Conn *c, const char *room, const char *answers, const char *tag, int slot,
                         int keepalive, const char *tok)
{
    char body[4096];
    int blen = snprintf(body, sizeof body,
                        "{\"r\":\"%s\",\"t\":\"%s\",\"sid\":\"%s-%04d-%08ld\",\"answers\":%s}",
                        room, tok, tag, slot, c->sent, answers);
    c->req_len = (size_t)snprintf(c->req, sizeof c->req,
                                  "POST /api/eval HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Content-Type: application/json\r\nContent-Length: %d\r\n%s\r\n%s",
                                  blen, keepalive ? "" : "Connection: close\r\n", body);
    c->sent++;
    c->joining = 0;
    conn_reset(c);
    c->t0 = now_ns();
}

static int cmd_eval(int argc, char **argv)
{
    const char *room = argv[3], *answers = argv[6], *tag = argv[7];
    int n = atoi(argv[4]), keepalive = argc > 8 && strcmp(argv[8], "keepalive") == 0;
    double secs = atof(argv[5]);
    int i = 0, active = 0;
    long ok = 0, st429 = 0, st503 = 0, other = 0, errors = 0;
    Conn *cs = NULL;
    struct pollfd *pf = NULL;
    long long t_start = 0, t_stop = 0, t_end = 0, give_up = 0;
    if (n < 1 || n > MAX_CONNS || secs <= 0) {
        fprintf(stderr, "netclient: bad eval arguments\n");
        return 1;
    }
    cs = calloc((size_t)n, sizeof *cs);
    pf = calloc((size_t)n, sizeof *pf);
    if (!cs || !pf)
        die("calloc");
    t_start = now_ns();
    t_stop = t_start + (long long)(secs * 1e9);
    give_up = t_stop + 20000000000LL;
    for (i = 0; i < n; i++) {
        cs[i].fd = open_conn();
        if (cs[i].fd < 0)
            die("connect");
        eval_join(&cs[i], room);
        active++;
    }
    while (active > 0 && now_ns() < give_up) {
        long long now = now_ns();
        int waiting = 0;
        for (i = 0; i < n; i++) {
            if (cs[i].fd >= 0 && cs[i].not_before) {
                if (now >= t_stop) { /* no next join: this client stops */
                    close(cs[i].fd);
                    cs[i].fd = -1;
                    cs[i].not_before = 0;
                    active--;
                } else if (now >= cs[i].not_before) {
                    cs[i].not_before = 0;
                    eval_join(&cs[i], room);
                } else
                    waiting = 1;
            }
            pf[i].fd = cs[i].fd;
            pf[i].events = cs[i].fd < 0 || cs[i].not_before ? 0
                           : cs[i].req_off < cs[i].req_len  ? POLLOUT
                                                             : POLLIN;
            pf[i].revents = 0;
        }
        if (poll(pf, (nfds_t)n, waiting ? 5 : 100) <= 0)
            continue;
        for (i = 0; i < n; i++) {
            Conn *c = &cs[i];
            int r = 0;
            if (c->fd < 0 || !pf[i].revents || c->not_before)
                continue;
            if (c->req_off < c->req_len) {
                if (conn_write(c) < 0) {
                    errors++;
                    r = -1;
                } else
                    continue;
            } else {
                r = conn_read(c);
                if (r == 0)
                    continue;
            }
            if (r > 0 && c->joining) {
                const char *t = strstr(body_of(c), "\"t\":\"");
                char tok[33];
                if (c->status == 200 && t && strlen(t + 5) >= 33 && t[37] == '"') {
                    memcpy(tok, t + 5, 32);
                    tok[32] = '\0';
                    eval_prepare(c, room, answers, tag, i, keepalive, tok);
                    continue;
                }
                if (c->status == 429)
                    st429++;
                else {
                    if (other < 3)
                        fprintf(stderr, "netclient: join answered %d: %s\n", c->status, body_of(c));
                    other++;
                }
            } else if (r > 0) {
                long long now = now_ns();
                if (c->status == 200) {
                    ok++;
                    printf("%lld\n", (now - c->t0) / 1000);
                    t_end = now;
                } else if (c->status == 429)
                    st429++;
                else if (c->status == 503)
                    st503++;
                else {
                    if (other < 3)
                        fprintf(stderr, "netclient: eval answered %d: %s\n", c->status, body_of(c));
                    other++;
                }
            } else
                errors++;
            /* next submission, or this client stops */
            if (now_ns() >= t_stop) {
                close(c->fd);
                c->fd = -1;
                active--;
                continue;
            }
            if (!keepalive || r < 0) {
                close(c->fd);
                c->fd = open_conn();
                if (c->fd < 0) {
                    errors++;
                    active--;
                    continue;
                }
            }
            if (r > 0 && c->status == 429) {
                c->not_before = now_ns() + 100000000LL; /* back off, then join */
                conn_reset(c);
                c->req_len = 0;
                continue;
            }
            eval_join(c, room);
        }
    }
    for (i = 0; i < n; i++)
        if (cs[i].fd >= 0)
            close(cs[i].fd);
    if (t_end == 0)
        t_end = now_ns();
    fprintf(stderr,
            "eval clients=%d keepalive=%d ok=%ld s429=%ld s503=%ld other=%ld errors=%ld "
            "unfinished=%d seconds=%.3f rate=%.1f\n",
            n, keepalive, ok, st429, st503, other, errors, active, (double)(t_end - t_start) / 1e9,
            (double)ok / ((double)(t_end - t_start) / 1e9));
    free(cs);
    free(pf);
    return ok > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    if (argc >= 7 && strcmp(argv[1], "longpoll") == 0) {
        g_port = atoi(argv[2]);
        return cmd_longpoll(argc, argv);
    }
    if (argc >= 5 && strcmp(argv[1], "burst") == 0) {
        g_port = atoi(argv[2]);
        return cmd_burst(argc, argv);
    }
    if (argc >= 5 && strcmp(argv[1], "join") == 0) {
        g_port = atoi(argv[2]);
        return cmd_join(argc, argv);
    }
    if (argc >= 7 && strcmp(argv[1], "votelat") == 0) {
        g_port = atoi(argv[2]);
        return cmd_votelat(argc, argv);
    }
    if (argc >= 8 && strcmp(argv[1], "eval") == 0) {
        g_port = atoi(argv[2]);
        return cmd_eval(argc, argv);
    }
    fprintf(stderr, "usage: netclient longpoll PORT ROOM N FIFO KEYS [TIMEOUT_MS]\n"
                    "       netclient burst PORT PATH N\n"
                    "       netclient join PORT ROOM N\n"
                    "       netclient votelat PORT ROOM POLL N TRANSCRIPT [PAUSE_MS]\n"
                    "       netclient eval PORT ROOM CONNS SECONDS ANSWERS TAG [keepalive]\n");
    return 2;
}
