/* net.h - the embedded phone server (libmicrohttpd, its own polling thread).
 *
 * Phones join a room by code, read the room's state by long-poll, vote,
 * send ideas and evaluation answers.  The server never touches Lua or story
 * state: it validates requests against a small NetPollInfo published by the
 * main thread, puts accepted input into a locked queue, and calls the wake
 * callback (from the HTTP thread) so the main thread can drain the queue
 * with net_next_msg().  Wakes are coalesced: the callback runs for the
 * first message queued while no wake is pending, and the next one only
 * after net_next_msg() has left the queue empty, so the main thread must
 * drain until net_next_msg() returns 0 on every wake (a wake may also find
 * the queue already empty).  The main thread publishes an immutable state
 * snapshot (a version number plus JSON) with net_publish(); phones waiting
 * on GET /api/state for a newer version are answered at once.
 *
 * Evaluation answers are acknowledged only after the main thread committed
 * them: the HTTP thread suspends the request, queues a NET_MSG_EVAL with a
 * req_id, and the main thread answers it with net_reply().
 *
 * Tokens are issued by the server at POST /api/join (one per join; joins
 * are rate-limited per address and per room); votes, ideas and evaluations
 * need an issued token, and one token is accepted for one evaluation
 * submission (its retries with the same sid pass again).  The token table
 * is full only of tokens that passed the join limit, and a full table
 * forgets the stalest token instead of refusing a join.  Wrong room codes
 * are rate-limited per address and per room.
 *
 * An acknowledged vote is counted: a 200 for a vote means it is in the
 * queue.  Before anything that may close or reveal a poll, the main thread
 * calls net_input_hold(), drains the queue (net_next_msg until 0) and counts
 * every vote, does the action, publishes, and calls net_input_release();
 * see net_input_hold().
 *
 * Privacy: tokens live in memory only; IP addresses, user agents and tokens
 * are never logged or stored.  The HTTP API is documented in docs/http-api.md.
 *
 * Threads: net_start/net_stop/net_publish/net_next_msg/net_reply and the
 * other functions are called from the main thread; the wake callback runs
 * on the HTTP thread and must only signal (e.g. SDL_PushEvent).
 */
#ifndef NET_NET_H
#define NET_NET_H

#include <stddef.h>

#include "core/err.h"
#include "vote/vote.h"

#define NET_ROOM_CODE_LEN 4       /* letters in a room code */
#define NET_MAX_BODY 1024         /* bytes in a vote/join body */
#define NET_MAX_IDEA_BODY 4096    /* bytes in an idea body (280 escaped emoji fit) */
#define NET_MAX_EVAL_BODY 4096    /* bytes in an evaluation body (free text answers) */
#define NET_MAX_IDEA_CHARS 280    /* code points kept of an idea (cut, never mid-sequence) */
#define NET_MAX_IDEA_BYTES (NET_MAX_IDEA_CHARS * 4) /* bytes in a kept idea */
#define NET_MAX_SID 64            /* bytes in an evaluation submission id, with NUL */
#define NET_MAX_STATE (256 * 1024) /* bytes in a published state JSON */
#define NET_MAX_QUEUE 2048        /* messages waiting for the main thread */
#define NET_MAX_PHONES 4096       /* tokens remembered (memory only) */
#define NET_MAX_URL 96            /* bytes in a join URL */
#define NET_MAX_CONNS_DEFAULT 2000 /* connections in all */
#define NET_PER_IP_DEFAULT 1500   /* connections one LAN address may hold: a hall behind one
                                     NAT address fits, one laptop cannot take every slot */
#define NET_IDEA_SLOTS_NONE (-1)  /* NetPollInfo.idea_slots: the main thread keeps no more */

typedef enum { NET_MSG_VOTE, NET_MSG_IDEA, NET_MSG_JOIN, NET_MSG_EVAL } NetMsgKind;

/* One accepted phone input.  option is 0-based (the JSON "option" is the
 * 1-based option number n).  body (EVAL only) is the raw JSON request body,
 * owned by the message: release with net_msg_clear(). */
typedef struct NetMsg {
    NetMsgKind kind;
    int poll_id;                  /* VOTE, IDEA: the poll it was sent for */
    int option;                   /* VOTE: 0-based option index */
    char token[VOTE_MAX_TOKEN];   /* VOTE, IDEA, JOIN, EVAL: the issued token */
    char text[NET_MAX_IDEA_BYTES + 1]; /* IDEA: UTF-8, at most NET_MAX_IDEA_CHARS */
    char sid[NET_MAX_SID];        /* EVAL: the phone's random submission id */
    unsigned long long req_id;    /* EVAL: pass to net_reply() */
    char *body;                   /* EVAL: raw body (NUL-terminated), else NULL */
} NetMsg;

typedef enum { NET_POLL_CHOICE, NET_POLL_SIGNAL, NET_POLL_IDEA } NetPollKind;

/* What the HTTP thread needs to accept or refuse input synchronously. */
typedef struct NetPollInfo {
    int poll_id;       /* the poll phones may answer; <= 0: none */
    NetPollKind kind;
    int open;          /* 1 while phones may vote on poll_id */
    int n_options;     /* options 0..n_options-1 (at most VOTE_MAX_OPTIONS) */
    unsigned enabled;  /* bit i set: option i can receive votes */
    int ideas_open;    /* 1 while POST /api/idea is accepted (for poll_id) */
    int idea_slots;    /* ideas the main thread will still keep, counted from the ideas it
                          has taken with net_next_msg() so far: > 0 that many,
                          NET_IDEA_SLOTS_NONE none (ideas are answered 503 "full"),
                          0 no limit (every idea the queue takes is acknowledged) */
    int eval_open;     /* 1 while POST /api/eval is accepted */
} NetPollInfo;

typedef struct NetConfig {
    int port;               /* 0: an ephemeral port (tests) */
    const char *bind;       /* IPv4 address to listen on; NULL: all */
    const char *address;    /* IPv4 address phones are sent to (the QR code, net_lan_url)
                               when the laptop has several networks; NULL: chosen */
    const char *room_code;  /* NULL: a random one (net_make_room_code); the app passes the
                               event's code so phones stay in the room across restarts */
    void (*wake)(void *ud); /* called on the HTTP thread when a message is queued and
                               no wake is pending (see above); may be NULL */
    void *wake_ud;
    /* Limits; 0 picks the default given in brackets. */
    int max_conns;          /* connection cap [NET_MAX_CONNS_DEFAULT] */
    int per_ip_conns;       /* connections per LAN address [NET_PER_IP_DEFAULT; < 0: unlimited];
                               loopback is not limited; counts kept in memory only */
    int limit_loopback;     /* tests: treat 127.0.0.0/8 as one LAN address (per-address
                               connection cap, join and wrong-code limits) */
    int conn_timeout_s;     /* idle connection timeout [10] */
    int longpoll_ms;        /* how long GET /api/state waits [25000] */
    int eval_timeout_ms;    /* wait for net_reply before answering 503 [15000] */
    double token_rate;      /* per-token requests per second refill [1] */
    double token_burst;     /* per-token bucket size [10] */
    double conn_rate;       /* per-connection POSTs per second refill [10] */
    double conn_burst;      /* per-connection bucket size [30] */
    double join_rate;       /* joins (new tokens) per second per address [1] */
    double join_burst;      /* ... bucket size [300: a hall behind one NAT address] */
    double room_join_rate;  /* joins per second for the whole room [20] */
    double room_join_burst; /* ... bucket size [1000] */
    double guess_rate;      /* wrong room codes per second per address [0.2] */
    double guess_burst;     /* ... bucket size [10] */
    double room_guess_rate; /* wrong room codes per second from all addresses [2] */
    double room_guess_burst; /* ... bucket size [60] */
    int threads;            /* MHD polling threads [1] */
} NetConfig;

typedef struct NetServer NetServer;

/* Starts the server: binds, starts the polling thread, publishes an initial
 * state {"screen":"waiting"} (the first version number is random, so a phone
 * holding a version from an earlier run is answered at once).  Returns NULL and fills err on failure;
 * a port in use gives ERR_IO with a message naming the port and --port.  The
 * config's strings are copied. */
NetServer *net_start(const NetConfig *cfg, Err *err);

/* Stops the server: pending long-polls and evaluations are answered 503,
 * the thread is joined, queued messages are freed.  NULL is fine. */
void net_stop(NetServer *s);

/* The port actually listened on. */
int net_port(const NetServer *s);

/* The room code (4 capital letters); borrowed for the server's lifetime. */
const char *net_room_code(const NetServer *s);

/* Pops the oldest queued message into out (the caller then owns out->body
 * and releases it with net_msg_clear).  Returns 1 if a message was popped,
 * 0 if the queue is empty.  Once it leaves the queue empty the wake is
 * re-armed: the next message queued calls the wake callback again. */
int net_next_msg(NetServer *s, NetMsg *out);

/* Holds phone input: from its return until net_input_release(), votes and
 * ideas are answered 503 {"error":"busy"} (the page retries), so every vote
 * answered 200 before is already in the queue.  The main thread calls it
 * before an action that may close or reveal a poll (the app: before every
 * facilitator action while a poll is open), then drains net_next_msg()
 * until 0 and counts every vote, then does the action and publishes the new
 * state, then releases.  Evaluations and state long-polls are not held.
 * Holds do not nest.  NULL is fine. */
void net_input_hold(NetServer *s);

/* Ends a hold: votes and ideas are judged by the published info again. */
void net_input_release(NetServer *s);

/* Frees out->body and sets it to NULL.  NULL is fine. */
void net_msg_clear(NetMsg *m);

/* Publishes a new state.  state_json must be a JSON object (at most
 * NET_MAX_STATE bytes); the server sets its "v" member to the new version.
 * info (NULL: nothing is open) replaces the validation info.  Phones
 * waiting for a newer version are answered at once.  Returns the new
 * version (> 0), or ERR_INVALID/ERR_LIMIT/ERR_NOMEM (the old state stays). */
int net_publish(NetServer *s, const char *state_json, const NetPollInfo *info, Err *err);

/* Answers a suspended POST /api/eval with http_status and json (copied; a
 * JSON object, NULL gives {}).  Returns 0, or ERR_NOTFOUND when req_id is
 * unknown (already answered, timed out with 503, or the server stopped). */
int net_reply(NetServer *s, unsigned long long req_id, int http_status, const char *json);

/* Phones seen (any request carrying their issued token) in the last 90 seconds. */
int net_joined(NetServer *s);

/* Writes "http://<LAN IPv4>:<port>/?r=<CODE>" into out (n bytes, at least
 * NET_MAX_URL).  The address is NetConfig.address if one was given, then the
 * bind address if one was given, else the
 * first private IPv4 address of an interface that is up (loopback,
 * link-local and container bridges skipped).  Returns 0, or ERR_NOTFOUND
 * when the laptop has no LAN address (show net_no_lan_message()). */
int net_lan_url(const NetServer *s, char *out, size_t n, Err *err);

/* 1 if ip (dotted quad) belongs to one of this computer's interfaces that
 * is up, 0 if not, ERR_INVALID when ip is not an IPv4 address. */
int net_lan_has(const char *ip);

/* The facilitator's message when there is no LAN address, in "da" or "en"
 * (anything else: Danish).  Static string. */
const char *net_no_lan_message(const char *lang);
/* What to do when Windows' firewall keeps the phones out (compat_firewall_blocks),
 * in lang (da or en).  Static. */
const char *net_firewall_message(const char *lang);

/* Writes a random room code: NET_ROOM_CODE_LEN capital letters without the
 * ambiguous I and O, NUL-terminated (out has NET_ROOM_CODE_LEN + 1 bytes).
 * Returns 0 or ERR_IO when no randomness is available. */
int net_make_room_code(char *out, Err *err);

#endif
