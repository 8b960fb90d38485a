/* net_body.h - decoders for the phone API's JSON request bodies.
 *
 * Pure functions over (data, len): no server state, no I/O, so they can be
 * fuzzed (tests/fuzz/fuzz_net_body.c).  Each returns 0 on success,
 * ERR_INVALID for a malformed body (HTTP 400) or ERR_LIMIT for a text that is
 * too long (HTTP 413), and writes a short reason into err.  The body need
 * not be NUL-terminated.  Callers check the byte limits (NET_MAX_BODY,
 * NET_MAX_EVAL_BODY) before buffering; the decoders check them again.
 */
#ifndef NET_NET_BODY_H
#define NET_NET_BODY_H

#include <stddef.h>

#include "core/err.h"
#include "net/net.h"

#define NET_MAX_EVAL_ANSWERS 64 /* answers in one evaluation */
#define NET_MAX_QID 64          /* bytes in a question id */

typedef struct NetBodyVote {
    char room[NET_ROOM_CODE_LEN + 1]; /* upper-cased */
    char token[VOTE_MAX_TOKEN];
    int poll;
    int option; /* as sent: 1-based */
} NetBodyVote;

typedef struct NetBodyIdea {
    char room[NET_ROOM_CODE_LEN + 1];
    char token[VOTE_MAX_TOKEN];
    char text[NET_MAX_IDEA_BYTES + 1]; /* trimmed, control characters made spaces */
    int cut;                           /* 1: longer than NET_MAX_IDEA_CHARS, cut */
} NetBodyIdea;

typedef struct NetBodyJoin {
    char room[NET_ROOM_CODE_LEN + 1];
    char token[VOTE_MAX_TOKEN]; /* a token issued before (to keep it), or "" */
} NetBodyJoin;

typedef struct NetBodyEval {
    char room[NET_ROOM_CODE_LEN + 1];
    char token[VOTE_MAX_TOKEN]; /* "" when not sent */
    char sid[NET_MAX_SID];
    int n_answers;
} NetBodyEval;

/* {"r":"CODE","t":"token","poll":ID,"option":N}: poll >= 1, 1 <= N <= VOTE_MAX_OPTIONS. */
int net_body_vote(const char *data, size_t len, NetBodyVote *out, Err *err);
/* {"r","t","text"}: valid UTF-8, not empty after trimming; a longer text is
 * cut after NET_MAX_IDEA_CHARS code points (never inside a sequence) and
 * out->cut set.  The body may be up to NET_MAX_IDEA_BODY bytes. */
int net_body_idea(const char *data, size_t len, NetBodyIdea *out, Err *err);
/* {"r","t"?}: "t" is a token issued earlier, kept when the server still knows it. */
int net_body_join(const char *data, size_t len, NetBodyJoin *out, Err *err);
/* {"r","t"?,"sid","answers":{"qid": string | number | true/false | [strings/numbers]}}
 * at most NET_MAX_EVAL_ANSWERS answers, question ids up to NET_MAX_QID-1 bytes.  The
 * server requires "t"; this decoder does not. */
int net_body_eval(const char *data, size_t len, NetBodyEval *out, Err *err);

/* 1 if s is a well-formed token: 16..VOTE_MAX_TOKEN-1 characters of
 * [A-Za-z0-9_-].  Submission ids use the same rule with NET_MAX_SID. */
int net_token_valid(const char *s);

/* Copies a room code (4 letters, any case) upper-cased into out; 0 or ERR_INVALID. */
int net_room_parse(const char *s, char *out);

#endif
