/* net_internal.h - what the phone server's own files share (not for callers
 * outside engine/net: they use net.h).
 *
 * net.c holds the server's lifecycle, the message queue, the published
 * snapshot and the notifier thread; net_routes.c the request routing and the
 * handlers; net_limits.c the rate limits, the connection caps and the token
 * table and the per-address join and wrong-code limits.  Locking is
 * described in net.c: one mutex (s->mu) guards everything shared, a second
 * one (s->ip_mu) only the per-address connection counts.
 */
#ifndef NET_NET_INTERNAL_H
#define NET_NET_INTERNAL_H

#include "compat/compat.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "net/net.h"

#define NET_PHONE_HASH 1024
#define NET_JOINED_WINDOW_MS 90000LL
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
    long long too_big_ms;      /* when the body crossed max */
    unsigned long long req_id; /* EVAL */
    long long deadline_ms;     /* WAIT: when to give up */
    int wait_version;          /* STATE in WAIT: the version the phone has */
    int reply_status;
    char *reply_json;
    struct Req *prev, *next; /* in s->waiters or s->pending while WAIT */
} Req;

/* Join and wrong-code buckets per LAN address (s->mu), in memory only; a
 * full table forgets the address seen longest ago. */
#define NET_ADDR_SLOTS 1024
typedef struct Addr {
    uint32_t ip; /* 0: free */
    long long seen_ms;
    Bucket join, guess;
} Addr;

typedef struct ReqList {
    Req *head, *tail;
} ReqList;

/* An issued token (memory only). */
typedef struct Phone {
    char token[VOTE_MAX_TOKEN];
    long long seen_ms;
    Bucket bucket;
    char eval_sid[NET_MAX_SID]; /* the one evaluation submission it may make, "" before */
    int next;                   /* hash chain, -1 */
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
    char address[INET_ADDRSTRLEN]; /* NetConfig.address, or "" */
    void (*wake)(void *ud);
    void *wake_ud;
    int longpoll_ms, eval_timeout_ms;
    double token_rate, token_burst, conn_rate, conn_burst;
    double join_rate, join_burst, room_join_rate, room_join_burst;
    double guess_rate, guess_burst, room_guess_rate, room_guess_burst;
    Bucket room_join, room_guess; /* the whole room's join and wrong-code buckets */
    Addr addrs[NET_ADDR_SLOTS];
    int hold; /* net_input_hold() until net_input_release() */
    /* Ideas: pushed into and popped from the queue since the start; the
     * HTTP thread takes one while ideas_pushed < idea_limit. */
    long long ideas_pushed, ideas_popped, idea_limit;

    /* the published snapshot */
    int version;
    struct MHD_Response *state_resp;
    NetPollInfo info;
    int published; /* a new version waits for the notifier */

    /* main-thread queue (ring) */
    NetMsg *queue;
    size_t q_head, q_len;
    /* 1 from the push that woke the main thread until net_next_msg leaves
     * the queue empty; while 0 the queue is empty. */
    int wake_pending;

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

/* ---- net.c ---- */

/* Milliseconds on the monotonic clock. */
long long net_now_ms(void);

/* Appends r (on no list) to l (s->mu held). */
void net_list_append(ReqList *l, Req *r);

/* Removes r from l, marks it PHASE_RESUMED and pushes it onto the singly
 * linked batch (via next) that net_resume_batch() resumes (s->mu held). */
void net_list_move_to_batch(ReqList *l, Req *r, Req **batch);

/* Resumes every request of a batch; called without s->mu held. */
void net_resume_batch(Req *batch);

/* Copies m into the queue (s->mu held); the queue then owns m->body.
 * Returns 0, or ERR_LIMIT when the queue is full (nothing taken).  *wake is
 * set to 1 when this push must wake the main thread (no wake was pending
 * since its last drain), else 0; the caller calls net_wake_main() after
 * releasing s->mu. */
int net_queue_push(NetServer *s, const NetMsg *m, int *wake);

/* Calls the configured wake callback, if any (without s->mu held). */
void net_wake_main(NetServer *s);

/* A JSON response (len bytes of json, kept as mode says) with the headers
 * every API answer carries (no caching, no sniffing, no referrer); the
 * caller destroys it.  NULL when out of memory. */
struct MHD_Response *net_json_response(const char *json, size_t len,
                                       enum MHD_ResponseMemoryMode mode);

/* ---- net_routes.c ---- */

/* libmicrohttpd's access handler (MHD_AccessHandlerCallback); cls is the server. */
enum MHD_Result net_on_request(void *cls, struct MHD_Connection *c, const char *url,
                               const char *method, const char *version, const char *upload_data,
                               size_t *upload_data_size, void **con_cls);

/* libmicrohttpd's request-completed callback: frees the request's Req. */
void net_on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe);

/* ---- net_limits.c ---- */

/* libmicrohttpd's accept policy: refuses a new connection from a LAN
 * address that holds per_ip connections already. */
enum MHD_Result net_on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen);

/* libmicrohttpd's connection notifier: gives each connection its rate
 * bucket and counts it against its LAN address while it lives. */
void net_on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                       enum MHD_ConnectionNotificationCode toe);

/* Takes one request from the connection's bucket; 1 if allowed (also when
 * the connection has no bucket).  Takes s->mu. */
int net_conn_charge(NetServer *s, struct MHD_Connection *c);

/* Rebuilds the token hash chains (s->mu held, or before the server runs). */
void net_phones_rehash(NetServer *s);

/* The issued token's entry, marked seen at now, or NULL when token is not
 * one the server issued (or it was forgotten).  s->mu held. */
Phone *net_phone_find(NetServer *s, const char *token, long long now);

/* Issues a new random token (s->mu held): a full table forgets the token
 * seen longest ago.  Returns its entry, or NULL when no randomness is
 * available.  Callers pass the join limits first (net_join_allowed). */
Phone *net_phone_issue(NetServer *s, long long now);

/* Takes cost from the phone's bucket (s->mu held): 0, or 429. */
unsigned net_phone_charge(NetServer *s, Phone *p, double cost, long long now);

/* The client's IPv4 address for per-address limits, or 0 when it is not
 * limited (loopback without limit_loopback, IPv6). */
uint32_t net_client_ip(const NetServer *s, struct MHD_Connection *c);

/* The room-code gate for a request that carries no known token (s->mu
 * held): 0 when code is the room's; 403 for a wrong code (charging the
 * address's and the room's wrong-code buckets); 429 without looking at the
 * code when either bucket is spent, so guessing learns nothing faster. */
unsigned net_room_gate(NetServer *s, uint32_t ip, const char *code, long long now);

/* The join limits (s->mu held): 1 and a join charged to the address and
 * the room, or 0 (429) when either bucket is spent. */
int net_join_allowed(NetServer *s, uint32_t ip, long long now);

#endif
