/* eval_polls.h - the room's answers at every stop of a dialog event, kept
 * anonymously per event, and their report over many events.  Pure C.
 *
 * A poll record holds the totals of one decided poll (a scripted signal
 * poll, the facilitator's stop poll or a choice vote): hands and phones
 * apart, the result (the branch taken) and the pass (1, then 2.. after a
 * rewind).  Never a phone's own vote.  The store keeps them in the `polls`
 * table (eval_store_polls.h); EvalStops pools them over events:
 *   - per stop (scenario, beat, kind): the rooms that reached it in their
 *     first pass and the votes per option, shares with "<5" for fewer than
 *     EVAL_MIN_CELL votes;
 *   - the timeline "when did it become stalking?": per room the first stop
 *     (first pass) whose result was "stalking", counted over rooms;
 *   - choice votes: the share of rooms that chose each option.
 * Later passes (after a rewind) are counted apart ("replays"), so a room
 * that tries another branch is not counted twice.
 */
#ifndef EVAL_EVAL_POLLS_H
#define EVAL_EVAL_POLLS_H

#include "core/buf.h"
#include "core/err.h"
#include "eval/eval.h"

#define EVAL_POLL_MAX_OPTIONS 9  /* as STORY_MAX_OPTIONS */
#define EVAL_POLL_MAX_BEAT 64    /* bytes of a beat id */
#define EVAL_MAX_STOPS 256       /* distinct stops in one report */
#define EVAL_POLL_MAX_PROMPT 200 /* bytes of a stored prompt (longer ones are cut at a character)  \
                                  */
#define EVAL_POLL_MAX_LABEL 120  /* bytes of a stored option text */

/* BEFORE / AFTER: a statement of the before/after measure (beat holds the
 * statement's id); pooled by eval_measure.h, never counted as a stop. */
typedef enum {
    EVAL_POLL_CHOICE = 0,
    EVAL_POLL_SIGNAL,
    EVAL_POLL_STOP,
    EVAL_POLL_BEFORE,
    EVAL_POLL_AFTER
} EvalPollKind;

typedef struct EvalPollRecord {
    EvalPollKind kind;
    char beat[EVAL_POLL_MAX_BEAT];
    int seq;       /* order within the event, from 1 (assigned by the store) */
    int pass;      /* 1, then 2.. after each rewind */
    int n_options; /* 3 for signal and stop polls */
    int hands[EVAL_POLL_MAX_OPTIONS];
    int phones[EVAL_POLL_MAX_OPTIONS];
    int result; /* option decided (0-based; signals: 0 OK, 1 warning, 2 stalking), -1 none */
    int voted;  /* 0: the facilitator picked without a vote */
    unsigned closed; /* bit per option not offered in the vote (hidden or
                      * disabled by the story): its counts are 0; stored as
                      * "-" in hands and phones */
    /* the scenario's texts (authored, never pupils'), in the language played;
     * "" when unknown: the report then says "Option N" */
    char prompt[EVAL_POLL_MAX_PROMPT];
    char labels[EVAL_POLL_MAX_OPTIONS][EVAL_POLL_MAX_LABEL];
} EvalPollRecord;

/* Copies src into dst (cap bytes) cut at a UTF-8 character boundary. */
void eval_poll_copy_text(char *dst, size_t cap, const char *src);

/* "choice", "signal", "stop", "before", "after" (static storage); eval_poll_kind_parse gives
 * the kind or -1. */
const char *eval_poll_kind_name(EvalPollKind k);
int eval_poll_kind_parse(const char *s);

/* Checks a record's ranges (kind, options, counts 0..100000, result).
 * Returns 0 or ERR_INVALID with a message. */
int eval_poll_validate(const EvalPollRecord *r, Err *err);

typedef struct EvalStops EvalStops;

EvalStops *eval_stops_new(void);
void eval_stops_free(EvalStops *st);

/* Pools the records of one event (a room), in any order: they are sorted
 * by seq (statements, BEFORE and AFTER, are left out).  scenario: the
 * event's scenario id.  Returns 0, ERR_LIMIT (more
 * than EVAL_MAX_STOPS stops) or ERR_NOMEM. */
int eval_stops_add_event(EvalStops *st, const char *scenario, const EvalPollRecord *recs, int n,
                         Err *err);

/* One stop pooled over rooms, for writers and tests. */
typedef struct EvalStopRow {
    char scenario[EVAL_MAX_ID];
    char beat[EVAL_POLL_MAX_BEAT];
    EvalPollKind kind;
    int n_options;
    int rooms;       /* rooms that decided it in their first pass */
    int rooms_voted; /* of those, rooms where a vote was opened */
    int replays;     /* decisions in later passes (after a rewind) */
    int hands[EVAL_POLL_MAX_OPTIONS], phones[EVAL_POLL_MAX_OPTIONS];
    int votes;                               /* sum of hands and phones, first passes */
    int result_rooms[EVAL_POLL_MAX_OPTIONS]; /* rooms whose result was option i */
    int first_stalking; /* signal/stop: rooms where the majority first said "stalking" here */
    unsigned offered;   /* bit per option offered in at least one room's vote */
    char prompt[EVAL_POLL_MAX_PROMPT];                       /* from the first room, or "" */
    char labels[EVAL_POLL_MAX_OPTIONS][EVAL_POLL_MAX_LABEL]; /* choices: option texts, or "" */
} EvalStopRow;

/* Number of stops, in the order of the story (mean position in the rooms'
 * first passes). */
int eval_stops_count(const EvalStops *st);
/* Row i (0..count-1), borrowed until the next add or free. */
const EvalStopRow *eval_stops_row(const EvalStops *st, int i);
/* Rooms pooled, and rooms where no signal/stop ever ended on "stalking". */
int eval_stops_rooms(const EvalStops *st);
int eval_stops_never_stalking(const EvalStops *st);

/* A vote share cell with suppression: fewer than EVAL_MIN_CELL votes at
 * the stop shows nothing; a cell with fewer than EVAL_MIN_CELL votes is
 * "<5" (state SMALL); when exactly one cell is small, the smallest shown
 * cell is hidden too ("-"), so the small one cannot be worked out. */
typedef struct EvalShare {
    int closed; /* offered in no room's vote (hidden or disabled): no share,
                 * and not a small cell either (nobody could choose it) */
    int shown; /* 0: "<5" (small) or "-" (hidden) */
    int small; /* 1: "<5", 0 with shown == 0: "-" */
    int count;
    int percent;
} EvalShare;
/* Fills out[0..n_options-1] for row r; returns 0 when the row is shown,
 * ERR_LIMIT when the stop has fewer than EVAL_MIN_CELL votes. */
int eval_stop_shares(const EvalStopRow *r, EvalShare *out);

/* Writers append to out, 0 or ERR_NOMEM.  Option texts: signal polls get
 * "OK / warning sign / stalking", choices "option N". */
int eval_stops_text(const EvalStops *st, EvalLang lang, Buf *out);
/* CSV: scenario,beat,kind,rooms,rooms_voted,replays,votes,option,label,
 * hands,phones,count,percent,status,rooms_result,first_stalking.  sep is
 * ',' or ';'; header != 0 writes the header line. */
int eval_stops_csv(const EvalStops *st, EvalLang lang, char sep, int header, Buf *out);
/* An HTML section (table and a timeline chart as inline SVG). */
int eval_stops_html(const EvalStops *st, EvalLang lang, Buf *out);
/* Label of option i of a stop row (signals: OK / warning sign / stalking). */
const char *eval_stop_option_label(const EvalStopRow *r, int i, EvalLang lang, char *tmp,
                                   size_t cap);

#endif
