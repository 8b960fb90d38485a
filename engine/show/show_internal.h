/* show_internal.h - the Show struct and the helpers its files share.
 *
 * Private to engine/show: show.h is the contract.  The show is split by job:
 *   show.c          lifecycle, show_action dispatch, navigation, announcements,
 *                   timers, hot reload, join info
 *   show_poll.c     poll contexts: hand-count keying, opening, reveal, the
 *                   decision, the signal timeline, phone votes
 *   show_overlay.c  the stop poll, the rewind menu, idea moderation
 *   show_eval.c     the evaluation invitation, kiosk and results screens
 *   show_view.c     the ShowView for the projector and the presenter
 *   show_measure.c  the before/after statements and the labels form
 * Every function here requires a non-NULL Show.
 */
#ifndef SHOW_SHOW_INTERNAL_H
#define SHOW_SHOW_INTERNAL_H

#include "show/show.h"

#include "core/buf.h"

/* A vote in progress: the scripted interaction's or the stop poll's.
 * Invariants (show_poll_check): entry >= 0 only while selected >= 0;
 * selected >= 0 only while the poll is OPEN or REVEALED and counts hands;
 * ask only with a poll. */
typedef struct PollCtx {
    Poll *poll;     /* NULL until the facilitator opens the vote */
    int selected;   /* option whose count field has the focus, -1 */
    int entry;      /* typed digits, -1 = none */
    int picked;     /* facilitator's pick/override, -1 */
    int mode;       /* ShowCount for this poll, 0 = the event's */
    unsigned counted;  /* bit per option whose hand count was entered */
    ShowAsk ask;       /* pending question */
    ShowAction ask_act; /* the key that asked, done again after yes */
    int ask_arg;       /* and its argument */
    int act_arg;       /* the argument of the key being handled */
    unsigned asked_ok; /* 1 << ShowAsk already answered yes for ask_act */
    int recorded;      /* the decision already in the room's record (a vote
                        * Back brought back from the next beat), -2 none */
    int last;          /* the field the focus last left (Esc, a move), -1: Up/Down
                        * with no field marked go on from it */
    int refused;       /* the last key was a digit with nowhere to go (every
                        * option counted): the hint says so until the next key */
} PollCtx;

struct Show {
    ShowPollFn pfn;   /* decided polls, for the room's record */
    void *pud;
    int pass;         /* rewinds and replays so far */
    const Scenario *sc; /* NULL exactly when load_error is set */
    StoryRun *run;      /* NULL exactly when sc is */
    int lang;
    int ui_en;
    int started;      /* left the welcome screen */
    char *load_error; /* scenario failed to load: permanent error screen */
    char error[ERR_MSG_MAX + 64]; /* script error screen when error[0] */
    int error_external;           /* set by show_set_error: nothing to step back from */
    unsigned overlays;
    int quit;

    PollCtx ictx;  /* the current beat's choice/signal poll */
    PollCtx sctx;  /* the stop poll */
    PollCtx mctx;  /* the statement asked (show_measure.c) */
    int stop_beat;
    int poll_seq;  /* poll ids, unique in the event */
    int shown_interaction; /* beat whose interaction was announced, -1 */
    int held; /* the beat's last step is on screen; its interaction or ending
               * waits for the next Next (the story is already past it) */
    int kept_beat; /* beat whose revealed vote Back kept in ictx: Next comes
                    * back to the same result, -1 */
    PollCtx left;  /* the vote of the interaction just left, for a Back into
                    * it from the next beat (no poll when none) */
    int left_beat; /* its beat, -1 */

    unsigned long now;
    int timer_beat;              /* DISCUSS beat the timer belongs to, -1 */
    unsigned long timer_deadline;
    int timer_running;
    int seconds_left;

    ShowSignal signals[SHOW_MAX_SIGNALS];
    int n_signals;

    StoryDecision decisions[STORY_MAX_HISTORY];
    int n_decisions;
    int rewind_sel;
    int rewind_typed;   /* the number typed in the rewind menu so far, 0 = none */
    int rewind_bad;     /* a typed number without an entry (shown in the hint), 0 = none */
    int rewind_wait;    /* REWIND_WAIT_*: a typed number or a pick's trailing digits */
    int rewind_last;    /* the last digit typed in the rewind menu */
    int rewind_due_set; /* rewind_due counts from the first tick after the key */
    unsigned long rewind_due;

    char ideas[SHOW_MAX_IDEAS][SHOW_MAX_IDEA];   /* approved, shown */
    const char *idea_ptrs[SHOW_MAX_IDEAS];
    const char *pending_ptrs[SHOW_MAX_IDEAS];
    int n_ideas;
    char pending[SHOW_MAX_IDEAS][SHOW_MAX_IDEA]; /* awaiting moderation */
    unsigned char pending_flag[SHOW_MAX_IDEAS];
    int n_pending;
    int idea_sel;       /* pending 0..n_pending-1, then the shown ideas */
    int idea_confirm;   /* flagged pending idea awaiting a second Enter, -1 */

    int presenter;      /* a presenter window exists */
    int notes_ok;       /* no presenter: the room may see the open notes */
    int overview_shown; /* the notes card has shown the scenario overview */
    int notes_overview; /* the open notes card shows it (the first time) */
    int ideas_ok;       /* no presenter: the room may see the idea texts */

    int ending_page;

    /* evaluation */
    const EvalQuestionnaire *q;
    int eval_screen;  /* 0, SHOW_SCREEN_EVAL, SHOW_SCREEN_KIOSK or SHOW_SCREEN_RESULTS */
    int eval_opened;
    int eval_answers;
    int eval_unsaved;
    char eval_error[ERR_MSG_MAX];
    const struct EvalTally *results;
    Kiosk *kiosk;
    KioskView kview;

    int phones_joined;
    ShowCount count_mode; /* the event's counting (show_set_counting) */
    int class_size;
    int phones_on;
    char *join_url;
    char *room_code;
    char *lan_problem;

    /* the before/after statements (show_measure.c) */
    int measure_round;   /* SHOW_MEASURE_BEFORE / _AFTER while a round is asked, else 0 */
    int measure_i;       /* the statement on screen */
    unsigned measure_done; /* bit (1 << round) per round asked or skipped */
    int measure_summary; /* the MEASURE screen (before -> after) is on */
    ShowMeasure measure[STORY_MAX_STATEMENTS];

    /* the labels form (L at the ending and the evaluation) */
    int labels_open;
    int label_field;
    char labels[SHOW_N_LABELS][SHOW_MAX_LABEL];
    ShowLabelFn lfn;
    void *lud;

    ShowTranscriptFn tfn;
    void *tud;

    /* show_save.c: the story moves since the start, replayed by a resume */
    Buf journal;        /* "a c1 k-1 b r0 p j3 ..." */
    int jr_ops;
    int jr_full;        /* too many moves: a resume continues at the beat */
    char *offer;        /* a saved event offered on the welcome screen, or NULL */
    char offer_line[SHOW_MAX_HINT];
    int offer_beat;     /* the offered event's beat, -1 */
    int offer_answer;   /* 1 continued, -1 started over, 0 not asked */
    char note[ERR_MSG_MAX + 64]; /* for the facilitator only (presenter, terminal) */
    char event_tag[SHOW_MAX_EVENT_TAG + 1]; /* the evaluation event, saved and resumed */
};

/* ---- show_text.c: transcript and story text (the module's base) --------- */

/* One transcript line (newlines folded to spaces, cut at 1023 bytes); nothing
 * without a sink. */
void show_tr(Show *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* t in the show's language; borrowed from the scenario. */
const char *show_txt(const Show *s, const StoryText *t);
/* The id of beat index `beat`, or "?" when there is no such beat. */
const char *show_beat_name(const Show *s, int beat);
/* "ok", "warning", "stalking" for a STORY_SIGNAL_* result, else "undecided". */
const char *show_signal_name(int result);
/* The id of cast member `c` (a speaker or a phone owner), or "?" when there
 * is none; borrowed from the scenario. */
const char *show_cast_name(const Show *s, int c);
/* The current beat, or NULL without a scenario. */
const StoryBeat *show_cur_beat(const Show *s);
/* Puts the show on the error screen with e's message (transcript and log). */
void show_script_error(Show *s, const Err *e);

/* ---- show_story.c: moving through the story ------------------------------ */

/* Announces the beat the story has just entered and resets the beat's
 * interaction, timer and ending page. */
void show_enter_beat(Show *s);
/* Announces the interaction or the ending the story is at, if any. */
void show_announce_position(Show *s);
/* 1 when the story waits at the current beat's interaction. */
int show_at_interaction(const Show *s);
/* At the ending page (not while its beat's last step is still on screen). */
int show_at_end(const Show *s);
/* Announces the interaction the story waits at (its transcript lines). */
void show_announce_interaction(Show *s);
/* Next on a beat: the next step, or on to the next beat.  Returns 1 when
 * something changed. */
int show_next_story(Show *s);
/* Next (or the Vote key when vote_key) at an interaction: opens, keys or
 * reveals its poll, or leaves it with its decision.  Returns 1 on change. */
int show_interaction_next(Show *s, int vote_key);
/* Back: hides the last step or returns to the previous beat entry (or the
 * welcome screen at the very start).  Returns 1. */
int show_back(Show *s);

/* ---- show_poll.c: poll contexts ------------------------------------------ */

/* Frees c's poll and clears its keying and pick. */
void show_poll_reset(PollCtx *c);
/* Asserts c's invariants (see PollCtx); nothing in a release build. */
void show_poll_check(const PollCtx *c);
/* Option states of the current choice into out[] (may be NULL), their count
 * into *n_out (0 when the beat is no choice).  Returns 0, or negative when a
 * condition failed: the show is then on the error screen. */
int show_option_states(Show *s, ShowOption *out, int *n_out);
/* Every key but Next and V while c is the active poll (digits, clicks,
 * Up/Down, Delete, Escape, Back, C, J/Y; R and S keep a typed count):
 * picks, moves between the count fields, types a count, answers a pending
 * question (which swallows Next and V too).  Returns 1 if the key was used
 * (also a stray digit), 0 if it falls through to the caller. */
int show_poll_key(Show *s, PollCtx *c, ShowAction a, int arg);
/* Next (vote_key 0) or Vote (1) on c: opens the vote, keeps a typed count and
 * moves to the next field, or reveals (asking first when nobody voted, an
 * option's hands were not counted or a count is larger than the room).
 * Returns what show_action returns, or -1 when c waits for the caller's
 * decision (picked before any vote, or revealed): the caller leaves with
 * show_poll_decision, or does nothing when there is none. */
int show_poll_next(Show *s, PollCtx *c, VoteKind kind, int vote_key);
/* R or S over a poll: the typed count is committed when it is plausible
 * (else it stays typed in its field); nothing asks. */
void show_poll_hold(Show *s, PollCtx *c);
/* The poll part of a view: keying, counting, the question and the key hint
 * (the hint says exactly what the keys do in c's state). */
void show_poll_view(const Show *s, const PollCtx *c, ShowView *v);
/* The decision of a revealed (or never opened) poll: the pick, else the
 * winner; -1 for none (tie, no votes). */
int show_poll_decision(const PollCtx *c);
/* Adds a signal poll's outcome to the ending's timeline (dropped when full). */
void show_record_signal(Show *s, const PollCtx *c, int beat, int stop, int result);
/* Hands a decided poll's totals (hands and phones apart, never a phone's
 * vote) to the poll hook, if any: nopt options, the result index or -1. */
void show_emit_poll(Show *s, const PollCtx *c, ShowPollKind kind, int beat, int nopt, int result);

/* ---- show_overlay.c: stop poll, rewind menu, idea moderation ------------- */

/* S: opens the stop poll for the current beat. */
void show_stop_open(Show *s);
/* Keys while the stop poll is open.  Returns 1 if used, 0 if the key passes
 * through to the screen below (help, blank, notes). */
int show_stop_key(Show *s, ShowAction a, int arg);
/* R: opens the rewind menu on the current pass's decisions. */
void show_rewind_open(Show *s);
/* Keys while the rewind menu is open (modal).  Returns 1.  Digits type the
 * entry's number: one that may still grow (1 of 1x when there are 10+
 * entries) waits for the next digit, Return or a pause of
 * SHOW_REWIND_DIGIT_MS; the pick's last digit pressed once more within as
 * long is swallowed (one press: a second one, or any other key, ends it). */
int show_rewind_key(Show *s, ShowAction a, int arg);
/* Before any other handling of a: 1 if it is the digit that picked a rewind
 * entry, pressed again right after (a double press: ignored, so it cannot
 * pick an option of the scene rewound to), 0 otherwise (and the wait ends). */
int show_rewind_swallow(Show *s, ShowAction a, int arg);
/* show_tick's part for the rewind menu's typed number.  Returns 1 if the view changed. */
int show_rewind_tick(Show *s, unsigned long now_ms);
/* Milliseconds until show_rewind_tick has work, or -1. */
long show_rewind_next_timer(const Show *s, unsigned long now_ms);
/* I: opens the idea moderation overlay (without a presenter window it
 * shows the room only the counts until I again or J confirms). */
void show_ideas_open(Show *s);
/* Keys while the idea moderation overlay is open (modal once its texts may
 * be seen).  Returns 1, or -1 when an unconfirmed overlay closed and the key
 * should do its usual job. */
int show_ideas_key(Show *s, ShowAction a, int arg);

/* ---- show_save.c: the journal and the resume offer ------------------------- */

/* Records a story move that worked ('a' advance, 'b' back, 'c' choose arg,
 * 'k' continue arg, 'r' rewind arg, 'p' replay the beat, 'j' jump to beat
 * arg) for the saved state. */
void show_jr(Show *s, char op, int arg);
/* Keys while a saved event is offered on the welcome screen: J continues,
 * Escape starts over.  Returns 1 if used, 0 if swallowed without change, -1
 * if the key does its usual job (help, blank, quit...). */
int show_offer_key(Show *s, ShowAction a);

/* ---- show_measure.c: the before/after statements, the labels form -------- */

/* Starts a round of statements (SHOW_MEASURE_BEFORE from the welcome
 * screen, SHOW_MEASURE_AFTER at the ending, which needs an answered before
 * round) unless the scenario has none or the round was asked.  At the
 * ending, once the after round was asked, shows its summary again.
 * Returns 1 when something is on screen now, 0 when the caller goes on. */
int show_measure_start(Show *s, int round);
/* 1 when show_measure_start(s, SHOW_MEASURE_AFTER) would put something on
 * screen (the after round, or its summary again). */
int show_measure_ahead(const Show *s);
/* Keys while a round or its summary is on screen (modal).  Returns 1 if
 * the view changed. */
int show_measure_key(Show *s, ShowAction a, int arg);
/* The view of a round (a signal poll on the statement) or the summary. */
void show_measure_view(Show *s, ShowView *v);
/* L: opens the labels form (at the ending and the evaluation screens). */
void show_labels_open(Show *s);
/* Keys while the labels form is open (modal).  Returns 1. */
int show_labels_key(Show *s, ShowAction a, int arg);
/* Typed text for the labels form.  Returns 1 if the view changed. */
int show_labels_text(Show *s, const char *utf8);

/* ---- show_eval.c: evaluation screens ------------------------------------- */

/* E at the ending: the evaluation invitation; phones may answer from now on. */
void show_eval_start(Show *s);
/* Keys on the evaluation, kiosk and results screens.  Returns 1 if the view
 * changed. */
int show_eval_key(Show *s, ShowAction a, int arg);

#endif
