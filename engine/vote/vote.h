/* vote.h - polls: choice, signal and idea polls with hand and phone tallies.
 *
 * Pure C.  A Poll is opened on the main thread when the facilitator opens a
 * vote; hand counts are keyed in by the facilitator, phone votes arrive with
 * an opaque per-phone token (kept in memory only, never written anywhere)
 * and one phone has one vote per poll: a new vote replaces the old one.
 * Results are hidden until vote_reveal(); the winner (or a tie) is computed
 * over hands + phones.
 */
#ifndef VOTE_VOTE_H
#define VOTE_VOTE_H

#include "core/err.h"

#define VOTE_MAX_OPTIONS 9
#define VOTE_MAX_HANDS 9999      /* a hand count larger than a school hall is a typo */
#define VOTE_MAX_TOKENS 4096     /* phones per poll */
#define VOTE_MAX_TOKEN 64        /* bytes in a phone token */

typedef enum { VOTE_CHOICE, VOTE_SIGNAL, VOTE_IDEA } VoteKind;
typedef enum { VOTE_READY, VOTE_OPEN, VOTE_CLOSED, VOTE_REVEALED } VoteState;

typedef struct Poll Poll;

/* Where a poll's votes come from: raised hands keyed in by the facilitator,
 * phones, or both.  A source that is off is not counted (its tally is kept,
 * so switching it back on restores it) and a phone vote is refused. */
enum { VOTE_SRC_HANDS = 1, VOTE_SRC_PHONES = 2, VOTE_SRC_BOTH = 3 };

/* A new poll in state READY with n_options options (2..VOTE_MAX_OPTIONS;
 * a SIGNAL poll always has 3).  enabled (may be NULL = all) marks options
 * that can receive votes.  id is a caller-chosen number (unique per event)
 * so phones can tell polls apart.  NULL on bad arguments or OOM. */
Poll *vote_new(VoteKind kind, int id, int n_options, const int *enabled, Err *err);
void vote_free(Poll *p);

int vote_id(const Poll *p);
VoteKind vote_kind(const Poll *p);
VoteState vote_state(const Poll *p);
int vote_n_options(const Poll *p);
int vote_option_enabled(const Poll *p, int opt);

/* Sets the counted sources (VOTE_SRC_*; a new poll counts both).  Returns 0,
 * or ERR_INVALID for a value that is not 1, 2 or 3. */
int vote_set_sources(Poll *p, int sources);
int vote_sources(const Poll *p);

int vote_open(Poll *p);   /* READY/CLOSED -> OPEN; ERR_STATE otherwise */
int vote_close(Poll *p);  /* OPEN -> CLOSED */
int vote_reveal(Poll *p); /* OPEN/CLOSED -> REVEALED (closes it) */

/* Hand counts keyed in by the facilitator.  set replaces, add adds delta
 * (the count never goes below 0).  Allowed while OPEN or CLOSED or REVEALED
 * (the facilitator may correct a count after the reveal).  ERR_INVALID for a
 * bad option or a count over VOTE_MAX_HANDS. */
int vote_hands_set(Poll *p, int opt, int count);
int vote_hands_add(Poll *p, int opt, int delta);
int vote_hands(const Poll *p, int opt);

/* A phone's vote: only while OPEN and phones are counted (ERR_STATE
 * otherwise), only for an
 * enabled option (ERR_INVALID).  A token that voted before has its vote
 * moved.  ERR_LIMIT past VOTE_MAX_TOKENS distinct tokens. */
int vote_phone(Poll *p, const char *token, int opt);
int vote_phones(const Poll *p, int opt);
int vote_phone_voters(const Poll *p); /* distinct tokens that voted */
/* The option this token voted for, or -1. */
int vote_phone_choice(const Poll *p, const char *token);

/* hands + phones, each only when its source is counted */
int vote_total(const Poll *p, int opt);
int vote_grand_total(const Poll *p);
/* Percentage of the grand total, rounded; 0 when nobody voted. */
int vote_percent(const Poll *p, int opt);

/* The winning option, -1 when nobody voted, or -2 on a tie (then *tied, if
 * not NULL, gets a bit per tied option). */
int vote_winner(const Poll *p, unsigned *tied);

#endif
