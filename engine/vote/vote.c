/* vote.c - polls with hand counts and phone votes (vote.h).
 *
 * Phone tokens live only in this poll's memory: an open-addressing hash of
 * token -> option that grows by doubling and is wiped when the poll is
 * freed.  Tokens are never logged or written anywhere. */
#include "vote/vote.h"

#include "compat/compat.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define VOTE_MIN_SLOTS 64

typedef struct TokenSlot {
    char token[VOTE_MAX_TOKEN + 1]; /* "" = empty slot */
    int opt;
} TokenSlot;

struct Poll {
    VoteKind kind;
    int id;
    int n_options;
    VoteState state;
    int sources; /* VOTE_SRC_* counted */
    int enabled[VOTE_MAX_OPTIONS];
    int hands[VOTE_MAX_OPTIONS];
    int phones[VOTE_MAX_OPTIONS];
    TokenSlot *slots;
    size_t n_slots; /* a power of two, or 0 before the first phone */
    int voters;
};

static uint32_t token_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    size_t i = 0;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* The slot holding token, or the empty slot where it would go. */
static TokenSlot *slot_find(TokenSlot *slots, size_t n_slots, const char *token, size_t len)
{
    size_t i = token_hash(token, len) & (n_slots - 1);
    for (;;) {
        TokenSlot *s = &slots[i];
        if (s->token[0] == '\0' || (strncmp(s->token, token, len) == 0 && s->token[len] == '\0'))
            return s;
        i = (i + 1) & (n_slots - 1);
    }
}

static void wipe_slots(TokenSlot *slots, size_t n_slots)
{
    if (slots)
        compat_wipe(slots, n_slots * sizeof *slots);
    free(slots);
}

/* Makes room for one more token (load kept at most 1/2).  ERR_NOMEM. */
static int slots_reserve(Poll *p)
{
    size_t n = 0;
    size_t i = 0;
    TokenSlot *slots = NULL;
    if (p->n_slots && (size_t)(p->voters + 1) * 2 <= p->n_slots)
        return 0;
    n = p->n_slots ? p->n_slots * 2 : VOTE_MIN_SLOTS;
    slots = calloc(n, sizeof *slots);
    if (!slots)
        return ERR_NOMEM;
    for (i = 0; i < p->n_slots; i++) {
        const TokenSlot *old = &p->slots[i];
        if (old->token[0] != '\0')
            *slot_find(slots, n, old->token, strlen(old->token)) = *old;
    }
    wipe_slots(p->slots, p->n_slots);
    p->slots = slots;
    p->n_slots = n;
    return 0;
}

/* A READY poll (see vote.h).  NULL with err set on bad arguments or OOM. */
Poll *vote_new(VoteKind kind, int id, int n_options, const int *enabled, Err *err)
{
    Poll *p = NULL;
    int i = 0;
    if (kind != VOTE_CHOICE && kind != VOTE_SIGNAL && kind != VOTE_IDEA) {
        err_set(err, ERR_INVALID, "unknown poll kind %d", (int)kind);
        return NULL;
    }
    if (kind == VOTE_SIGNAL && n_options != 3) {
        err_set(err, ERR_INVALID, "a signal poll has 3 options, not %d", n_options);
        return NULL;
    }
    if (n_options < 2 || n_options > VOTE_MAX_OPTIONS) {
        err_set(err, ERR_INVALID, "a poll needs 2 to %d options, not %d", VOTE_MAX_OPTIONS,
                n_options);
        return NULL;
    }
    p = calloc(1, sizeof *p);
    if (!p) {
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    p->kind = kind;
    p->id = id;
    p->n_options = n_options;
    p->state = VOTE_READY;
    p->sources = VOTE_SRC_BOTH;
    for (i = 0; i < n_options; i++)
        p->enabled[i] = enabled ? (enabled[i] != 0) : 1;
    return p;
}

/* Frees the poll, wiping the phone tokens first; NULL is fine. */
void vote_free(Poll *p)
{
    if (!p)
        return;
    wipe_slots(p->slots, p->n_slots);
    free(p);
}

int vote_id(const Poll *p)
{
    return p ? p->id : -1;
}

VoteKind vote_kind(const Poll *p)
{
    return p ? p->kind : VOTE_CHOICE;
}

VoteState vote_state(const Poll *p)
{
    return p ? p->state : VOTE_READY;
}

int vote_n_options(const Poll *p)
{
    return p ? p->n_options : 0;
}

/* 1 if opt exists and may receive votes, else 0. */
int vote_option_enabled(const Poll *p, int opt)
{
    if (!p || opt < 0 || opt >= p->n_options)
        return 0;
    return p->enabled[opt];
}

int vote_set_sources(Poll *p, int sources)
{
    if (!p || sources < VOTE_SRC_HANDS || sources > VOTE_SRC_BOTH)
        return ERR_INVALID;
    p->sources = sources;
    return 0;
}

int vote_sources(const Poll *p)
{
    return p ? p->sources : 0;
}

int vote_open(Poll *p)
{
    if (!p)
        return ERR_INVALID;
    if (p->state != VOTE_READY && p->state != VOTE_CLOSED)
        return ERR_STATE;
    p->state = VOTE_OPEN;
    return 0;
}

int vote_close(Poll *p)
{
    if (!p)
        return ERR_INVALID;
    if (p->state != VOTE_OPEN)
        return ERR_STATE;
    p->state = VOTE_CLOSED;
    return 0;
}

int vote_reveal(Poll *p)
{
    if (!p)
        return ERR_INVALID;
    if (p->state != VOTE_OPEN && p->state != VOTE_CLOSED)
        return ERR_STATE;
    p->state = VOTE_REVEALED;
    return 0;
}

/* Common checks for hand counts: state and an enabled option. */
static int hands_check(const Poll *p, int opt)
{
    if (!p)
        return ERR_INVALID;
    if (p->state == VOTE_READY)
        return ERR_STATE;
    if (!vote_option_enabled(p, opt))
        return ERR_INVALID;
    return 0;
}

/* Replaces the hand count of opt (0..VOTE_MAX_HANDS). */
int vote_hands_set(Poll *p, int opt, int count)
{
    int rc = hands_check(p, opt);
    if (rc < 0)
        return rc;
    if (count < 0 || count > VOTE_MAX_HANDS)
        return ERR_INVALID;
    p->hands[opt] = count;
    return 0;
}

/* Adds delta to the hand count of opt; it stops at 0.  ERR_INVALID (and no
 * change) past VOTE_MAX_HANDS. */
int vote_hands_add(Poll *p, int opt, int delta)
{
    long n = 0;
    int rc = hands_check(p, opt);
    if (rc < 0)
        return rc;
    n = (long)p->hands[opt] + delta;
    if (n < 0)
        n = 0;
    if (n > VOTE_MAX_HANDS)
        return ERR_INVALID;
    p->hands[opt] = (int)n;
    return 0;
}

int vote_hands(const Poll *p, int opt)
{
    if (!p || opt < 0 || opt >= p->n_options)
        return 0;
    return p->hands[opt];
}

/* Records or moves a phone's vote (see vote.h).  The token's length is
 * checked before it is copied. */
int vote_phone(Poll *p, const char *token, int opt)
{
    size_t len = 0;
    TokenSlot *s = NULL;
    int rc = 0;
    if (!p || !token)
        return ERR_INVALID;
    if (p->state != VOTE_OPEN || !(p->sources & VOTE_SRC_PHONES))
        return ERR_STATE;
    len = strnlen(token, VOTE_MAX_TOKEN + 1);
    if (len == 0 || len > VOTE_MAX_TOKEN)
        return ERR_INVALID;
    if (!vote_option_enabled(p, opt))
        return ERR_INVALID;
    if (p->n_slots) {
        s = slot_find(p->slots, p->n_slots, token, len);
        if (s->token[0] != '\0') {
            p->phones[s->opt]--;
            s->opt = opt;
            p->phones[opt]++;
            return 0;
        }
    }
    if (p->voters >= VOTE_MAX_TOKENS)
        return ERR_LIMIT;
    rc = slots_reserve(p);
    if (rc < 0)
        return rc;
    s = slot_find(p->slots, p->n_slots, token, len);
    memcpy(s->token, token, len);
    s->token[len] = '\0';
    s->opt = opt;
    p->phones[opt]++;
    p->voters++;
    return 0;
}

int vote_phones(const Poll *p, int opt)
{
    if (!p || opt < 0 || opt >= p->n_options)
        return 0;
    return p->phones[opt];
}

int vote_phone_voters(const Poll *p)
{
    return p ? p->voters : 0;
}

/* The option this token voted for, or -1. */
int vote_phone_choice(const Poll *p, const char *token)
{
    size_t len = 0;
    const TokenSlot *s = NULL;
    if (!p || !token || !p->n_slots)
        return -1;
    len = strnlen(token, VOTE_MAX_TOKEN + 1);
    if (len == 0 || len > VOTE_MAX_TOKEN)
        return -1;
    s = slot_find(p->slots, p->n_slots, token, len);
    return s->token[0] != '\0' ? s->opt : -1;
}

int vote_total(const Poll *p, int opt)
{
    if (!p || opt < 0 || opt >= p->n_options)
        return 0;
    return ((p->sources & VOTE_SRC_HANDS) ? p->hands[opt] : 0) +
           ((p->sources & VOTE_SRC_PHONES) ? p->phones[opt] : 0);
}

int vote_grand_total(const Poll *p)
{
    int i = 0;
    int n = 0;
    if (!p)
        return 0;
    for (i = 0; i < p->n_options; i++)
        n += vote_total(p, i);
    return n;
}

/* Percentages by the largest-remainder method, so that they add up to
 * exactly 100 whenever anybody voted (ties in remainder go to the lower
 * option number). */
int vote_percent(const Poll *p, int opt)
{
    int pct[VOTE_MAX_OPTIONS];
    long rem[VOTE_MAX_OPTIONS];
    int total = vote_grand_total(p);
    int sum = 0;
    int i = 0;
    if (!p || opt < 0 || opt >= p->n_options || total <= 0)
        return 0;
    for (i = 0; i < p->n_options; i++) {
        long scaled = 100L * vote_total(p, i);
        pct[i] = (int)(scaled / total);
        rem[i] = scaled % total;
        sum += pct[i];
    }
    while (sum < 100) {
        int best = -1;
        for (i = 0; i < p->n_options; i++)
            if (rem[i] > 0 && (best < 0 || rem[i] > rem[best]))
                best = i;
        if (best < 0)
            break;
        pct[best]++;
        rem[best] = 0;
        sum++;
    }
    return pct[opt];
}

/* The option with most votes, -1 when nobody voted, -2 on a tie. */
int vote_winner(const Poll *p, unsigned *tied)
{
    int best = -1;
    int best_n = 0;
    int n_best = 0;
    unsigned bits = 0;
    int i = 0;
    if (tied)
        *tied = 0;
    if (!p)
        return -1;
    for (i = 0; i < p->n_options; i++) {
        int t = vote_total(p, i);
        if (t <= 0)
            continue;
        if (t > best_n) {
            best = i;
            best_n = t;
            n_best = 1;
            bits = 1u << i;
        } else if (t == best_n) {
            n_best++;
            bits |= 1u << i;
        }
    }
    if (best < 0)
        return -1;
    if (n_best > 1) {
        if (tied)
            *tied = bits;
        return -2;
    }
    return best;
}
