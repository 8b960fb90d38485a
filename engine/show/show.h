/* show.h - the presentation state machine of a dialog event (pure C).
 *
 * Show turns facilitator actions (already mapped from keys by app/input.c)
 * into story and poll operations, and describes what the projector must show
 * as a ShowView.  It never includes SDL or Lua: the frame loop feeds it
 * actions and time, engine/views draws the ShowView, and transcript lines
 * (one event per line) go to an optional sink.
 *
 * Screens: WELCOME (title, content note, join info) -> BEAT (steps appear
 * one per Next) -> INTERACTION (choice/signal/idea/discuss with voting) ->
 * ... -> ENDING (outcome, key advice, help card, signal timeline).
 * Overlays stack above any screen: blank, quit confirmation, help card,
 * rewind menu, notes, stop poll.  An ERROR screen shows a script error; Back
 * returns to the state before the failing action.
 *
 * Every function takes a Show from show_new (never NULL) except show_free,
 * which accepts NULL.  Not thread-safe: the main thread alone calls it.
 */
#ifndef SHOW_SHOW_H
#define SHOW_SHOW_H

#include "show/kiosk.h"
#include "core/buf.h"
#include "core/err.h"
#include "eval/eval_polls.h"
#include "story/story.h"
#include "vote/vote.h"

typedef struct Show Show;

typedef enum {
    SHOW_ACT_NONE,
    SHOW_ACT_NEXT,       /* PageDown, Right, Space, Return */
    SHOW_ACT_BACK,       /* PageUp, Left */
    SHOW_ACT_BLANK,      /* B, "." : toggles a black screen */
    SHOW_ACT_HELP,       /* H: toggles the help card */
    SHOW_ACT_STOP,       /* S: stop/freeze with the stop question poll */
    SHOW_ACT_REWIND,     /* R: toggles the rewind menu */
    SHOW_ACT_NOTES,      /* N: toggles facilitator notes */
    SHOW_ACT_IDEAS,      /* I: toggles the idea moderation overlay */
    SHOW_ACT_FULLSCREEN, /* F: handled by the frame loop, ignored here */
    SHOW_ACT_QUIT,       /* Ctrl+Q: asks for confirmation */
    SHOW_ACT_YES,        /* Y / J: confirms the quit dialog or a poll's question */
    SHOW_ACT_CANCEL,     /* Escape, F5: closes the topmost overlay, never quits */
    SHOW_ACT_DIGIT,      /* arg 0..9: picks an option, or types into a count field */
    SHOW_ACT_UP,         /* Up / + : the previous count field, or menu up */
    SHOW_ACT_DOWN,       /* Down / - : the next count field, or menu down */
    SHOW_ACT_DELETE,     /* Backspace: deletes a typed digit */
    SHOW_ACT_CLICK,      /* arg: option index clicked with the mouse */
    SHOW_ACT_VOTE,       /* V: open / reveal the vote (never leaves the poll) */
    SHOW_ACT_EVAL,       /* E: evaluation invitation on/off (at the ending) */
    SHOW_ACT_KIOSK,      /* K (Ctrl+K inside the kiosk): kiosk on/off */
    SHOW_ACT_RESULTS,    /* Ctrl+R on the evaluation screen: results on/off */
    SHOW_ACT_SELECT,     /* Space inside the kiosk: choose the highlighted option */
    SHOW_ACT_MAP,        /* M: the story map of explored branches on/off */
    SHOW_ACT_RELOAD,     /* Ctrl+L: reload the scenario from disk (handled by the frame loop) */
    SHOW_ACT_COUNT,      /* C: at a poll, count hands, phones or both (cycles) */
    SHOW_ACT_LABELS,     /* L at the ending or the evaluation: the event's labels form */
    /* ] / [, Ctrl+Down / Ctrl+Up, the wheel: arg +1 / -1 scrolls the presenter's notes
     * (handled by the frame loop, ignored here) */
    SHOW_ACT_NOTES_SCROLL
} ShowAction;

/* What a poll counts (the facilitator's choice per event, switched per poll
 * with C); the values are VOTE_SRC_* bits. */
typedef enum {
    SHOW_COUNT_HANDS = VOTE_SRC_HANDS,
    SHOW_COUNT_PHONES = VOTE_SRC_PHONES,
    SHOW_COUNT_BOTH = VOTE_SRC_BOTH
} ShowCount;

/* A question the poll asks before it goes on (J/Y yes, Esc no). */
typedef enum {
    SHOW_ASK_NONE,
    SHOW_ASK_BIG_COUNT, /* a hand count larger than the room */
    SHOW_ASK_EMPTY,     /* revealing a vote nobody voted in */
    SHOW_ASK_UNCOUNTED  /* revealing before every option's hands were counted */
} ShowAsk;

#define SHOW_MAX_HINT 320  /* bytes of a key hint or question line */
#define SHOW_MAX_KEYS 640  /* bytes of the presenter's key line */
#define SHOW_MAX_HANDS_OK 200 /* a hand count above this always asks */
#define SHOW_CLASS_SIZE 30 /* default --class-size */

typedef enum {
    SHOW_SCREEN_WELCOME,
    SHOW_SCREEN_BEAT,
    SHOW_SCREEN_INTERACTION,
    SHOW_SCREEN_ENDING,
    SHOW_SCREEN_ERROR,
    SHOW_SCREEN_EVAL,    /* after the ending: the evaluation invitation */
    SHOW_SCREEN_KIOSK,   /* the questionnaire on the laptop */
    SHOW_SCREEN_RESULTS, /* evaluation results on the projector */
    SHOW_SCREEN_MEASURE  /* the statements: how the room's answers moved, before -> after */
} ShowScreen;

enum {
    SHOW_OV_BLANK = 1 << 0,
    SHOW_OV_QUIT = 1 << 1,
    SHOW_OV_HELP = 1 << 2,
    SHOW_OV_REWIND = 1 << 3,
    SHOW_OV_NOTES = 1 << 4,
    SHOW_OV_STOP = 1 << 5,  /* the stop poll replaces the screen */
    SHOW_OV_IDEAS = 1 << 6,
    SHOW_OV_MAP = 1 << 7    /* the story map: beats, branches explored, where we are */
};

#define SHOW_MAX_SIGNALS 64
#define SHOW_REWIND_DIGIT_MS 1200 /* rewind menu: the pause that ends a typed number */
#define SHOW_MAX_IDEAS 256 /* ideas waiting for moderation (and approved): a hall's worth */
#define SHOW_MAX_IDEA 1121 /* 280 code points of up to 4 bytes + NUL (net's NET_MAX_IDEA_BYTES + 1) */

typedef struct ShowOption {
    const StoryText *text;
    StoryOptState state;
    StoryWhy why;
    const StoryText *reason; /* when DISABLED by a condition */
    int explored;            /* taken in an earlier pass */
} ShowOption;

/* One poll for the ending's timeline "when did it become stalking?". */
typedef struct ShowSignal {
    int beat;      /* beat where it was asked */
    int stop;      /* 1: asked by the facilitator's Stop, 0: scripted */
    int counts[3]; /* totals (hands + phones) for OK / warning / stalking */
    int result;    /* winner STORY_SIGNAL_* or -1 */
    int pass;      /* 1, then 2.. after each rewind or replay (as ShowPollResult.pass) */
} ShowSignal;

/* The before/after statements (Scenario.statements): the room's totals per
 * round (0 before the play, 1 at its end) for OK / warning / stalking. */
#define SHOW_MEASURE_BEFORE 1
#define SHOW_MEASURE_AFTER 2
typedef struct ShowMeasure {
    int asked[2];     /* 1: the statement's vote was revealed in that round */
    int counts[2][3]; /* totals (hands + phones) */
} ShowMeasure;

/* The labels form (L at the ending): school, grade, municipality. */
#define SHOW_N_LABELS 3
#define SHOW_MAX_LABEL 121 /* bytes of a typed label + NUL (EVAL_MAX_FACT_VALUE + 1) */

typedef struct ShowView {
    const Scenario *sc;   /* NULL when the scenario failed to load */
    int lang;             /* index into sc->langs */
    int ui_en;            /* interface language: 0 Danish, 1 English */
    ShowScreen screen;
    unsigned overlays;    /* SHOW_OV_* */
    int beat;             /* current beat, -1 on WELCOME / no scenario */
    const StoryRun *run;  /* for the story map: story_beat_seen, story_explored */
    int steps_shown;

    /* INTERACTION (and the STOP overlay, which is a signal poll) */
    StoryIntKind ikind;
    const StoryText *prompt;
    int n_options;
    ShowOption options[STORY_MAX_OPTIONS];
    const Poll *poll;     /* NULL before the vote is opened */
    int selected;         /* option whose count field has the focus, -1 */
    int entry;            /* digits typed in that field so far, -1 = none */
    unsigned counted;     /* bit per option whose hand count was entered */
    ShowCount count;      /* what this poll counts */
    ShowAsk ask;          /* a pending question, or SHOW_ASK_NONE */
    char ask_text[SHOW_MAX_HINT];  /* the question, "" when none */
    char poll_keys[SHOW_MAX_HINT]; /* the key hint for this poll state, "" off a poll */
    char keys[SHOW_MAX_KEYS];      /* the presenter's key line: exactly the keys that
                                    * do something now (the poll's hint included) */
    int notes_overview;            /* the scenario overview is the notes to show: on
                                    * the welcome screen (not while the statements
                                    * are asked), and on the notes card opened the
                                    * first time; the presenter shows it then only */
    int picked;           /* facilitator's pick / override, -1 */
    int winner;           /* vote_winner() after reveal; -1 none, -2 tie */
    unsigned tied;
    int seconds_left;     /* DISCUSS timer, -1 when none */
    int phones_joined;    /* phones connected (issue 3), 0 without phones */

    /* ENDING: page 0 = outcome, key advice and help card; page 1 = the
     * signal timeline "when did it become stalking?" (Next turns the page) */
    int ending_page;
    int n_signals;
    const ShowSignal *signals;

    /* the statements: while a round is asked the screen is INTERACTION with a
     * signal poll whose prompt is the statement; the MEASURE screen shows
     * before -> after */
    int measure_round;    /* SHOW_MEASURE_BEFORE / _AFTER while asking, else 0 */
    int measure_i;        /* the statement asked (0-based) */
    int n_statements;
    const ShowMeasure *measure; /* n_statements entries */
    int measure_eval;     /* MEASURE: an evaluation follows (its key hint says so) */

    /* the labels form (facilitator content: on the presenter window if one) */
    int labels_open;
    int label_field;      /* the field being typed in, 0..SHOW_N_LABELS-1 */
    const char *labels[SHOW_N_LABELS];

    /* REWIND overlay: decisions of the current pass, oldest first */
    int n_decisions;
    const StoryDecision *decisions;
    int rewind_sel;       /* highlighted entry: -1 = replay this scene */
    int rewind_typed;     /* number typed that may grow (entries 10+), 0 = none */
    int rewind_bad;       /* number typed without an entry, 0 = none */

    /* IDEAS: approved ideas (projector) and pending ones (facilitator) */
    int n_ideas;
    const char *const *ideas;        /* approved: may be shown on the projector */
    int n_pending_ideas;             /* IDEAS overlay: awaiting moderation */
    const char *const *pending_ideas;
    const unsigned char *idea_flags; /* per pending idea: 1 = flagged by the word list */
    int idea_sel;                    /* highlighted entry of the moderation list: pending
                                      * ideas 0..n_pending_ideas-1, then the shown ones */
    int idea_confirm;                /* pending idea whose flag awaits a second Enter, -1 */
    int n_flagged_ideas;             /* pending ideas flagged by the word list */
    unsigned private_hidden;         /* SHOW_OV_NOTES / SHOW_OV_IDEAS: with no presenter
                                      * window that overlay shows the room a warning (and
                                      * counts) until the facilitator confirms; pending_ideas
                                      * is then NULL */
    int presenter;                   /* a presenter window exists (show_set_presenter) */

    /* ERROR screen */
    const char *error;    /* "path:line: message" */

    /* join info for the welcome screen and open polls; NULL without phones */
    const char *join_url;
    const char *room_code;
    const char *lan_problem; /* set when there is no LAN address */

    /* WELCOME: a saved event offered ("J: Fortsæt ... · Esc: Start forfra"), or NULL */
    const char *resume_offer;
    int resume_beat;      /* the beat J continues at while resume_offer is set, else -1
                           * (the presenter's "next" names it, not the start) */
    /* for the facilitator only (the presenter screen; never the projector):
     * a problem such as the phone port in use, or "" */
    const char *note;

    /* EVAL / KIOSK / RESULTS screens */
    int eval_answers;          /* answers stored for this event */
    int eval_unsaved;          /* answers kept in memory, not yet on disk (quit warns) */
    const char *eval_error;    /* store problem to show, or NULL */
    const KioskView *kiosk;    /* KIOSK screen */
    const struct EvalTally *results; /* RESULTS screen, or NULL (nothing yet) */
} ShowView;

typedef void (*ShowTranscriptFn)(void *ud, const char *line);

/* A decided choice, signal or stop poll, for the anonymous record of the
 * room's answers (totals only, never a phone's vote).  Borrowed during the
 * callback only. */
typedef enum {
    SHOW_POLL_CHOICE = 0,
    SHOW_POLL_SIGNAL,
    SHOW_POLL_STOP,
    SHOW_POLL_BEFORE, /* a statement before the play: beat_id is the statement's id */
    SHOW_POLL_AFTER   /* the same statement at the end */
} ShowPollKind;
typedef struct ShowPollResult {
    ShowPollKind kind;
    const char *beat_id;        /* where it was asked */
    int pass;                   /* 1, then 2.. after each rewind or replay */
    int n_options;              /* 3 for signal and stop polls */
    int hands[STORY_MAX_OPTIONS];
    int phones[STORY_MAX_OPTIONS];
    int result;                 /* option / STORY_SIGNAL_* decided, -1 none */
    int voted;                  /* 1 if a vote was opened, 0: the facilitator picked */
    unsigned closed;            /* bit per option the vote did not offer (hidden or
                                 * disabled by the story) */
    const char *prompt;         /* the question asked (scenario text), NULL for a stop */
    const char *options[STORY_MAX_OPTIONS]; /* choice option texts, NULL for signals */
} ShowPollResult;
typedef void (*ShowPollFn)(void *ud, const ShowPollResult *r);
/* The store's record of a decided poll (texts cut at a character boundary
 * to the record's sizes).  Returns the number of votes (hands + phones). */
int show_poll_record(const ShowPollResult *p, EvalPollRecord *r);
/* A label the facilitator typed into the labels form: name is "school",
 * "grade" or "municipality", value non-empty UTF-8 (borrowed for the call). */
typedef void (*ShowLabelFn)(void *ud, const char *name, const char *value);

/* Creates a show for sc (which must outlive it) in language lang (index into
 * sc->langs; the UI language follows it: "en" gives English, anything else
 * Danish).  sc may be NULL with load_error set: the show then stays on an
 * error screen and never crashes.  hooks as for story_run_new. */
Show *show_new(const Scenario *sc, const StoryHooks *hooks, int lang, const char *load_error,
               Err *err);
void show_free(Show *s);

/* Transcript sink: one event per line, without newline. */
void show_set_transcript(Show *s, ShowTranscriptFn fn, void *ud);
/* Called when a choice, signal or stop poll is decided (NULL: none). */
void show_set_poll_hook(Show *s, ShowPollFn fn, void *ud);

/* Called for each label saved from the labels form (NULL: none). */
void show_set_label_hook(Show *s, ShowLabelFn fn, void *ud);
/* The labels form's names ("school", "grade", "municipality"): i in
 * 0..SHOW_N_LABELS-1, static storage. */
const char *show_label_name(int i);

/* Applies an action.  Returns 1 if the view changed (redraw), 0 if not. */
int show_action(Show *s, ShowAction a, int arg);

/* Advances timers to now_ms (monotonic).  Returns 1 if the view changed. */
int show_tick(Show *s, unsigned long now_ms);
/* Milliseconds until show_tick has something to do, or -1 (no timer). */
long show_next_timer(const Show *s, unsigned long now_ms);

/* Fills v; the pointers in it are valid until the next show_* call. */
void show_view(Show *s, ShowView *v);
/* The same for the facilitator's own screen: also fills the pending ideas
 * (and their flags) whether or not the moderation overlay is open, and
 * keeps the notes, moderation and kiosk that show_view() leaves out while
 * a presenter window exists. */
void show_view_presenter(Show *s, ShowView *v);

/* Says whether the facilitator has a presenter window (1) or only the
 * projector (0, the default).  With one, notes (N), idea moderation (I) and
 * the kiosk (K) open there and show_view() leaves them out: the projector
 * keeps its screen.  Without one, N and I first show the room a warning (I
 * with counts only) until the same key again or J confirms. */
void show_set_presenter(Show *s, int on);

/* 1 after a confirmed quit. */
int show_quit_requested(const Show *s);

/* The story run (for tests and the transcript); borrowed. */
StoryRun *show_run(Show *s);

/* ---- authoring: hot reload ------------------------------------------------ */

/* Shows msg on the error screen (a reload that failed); Back returns to the
 * show as it was. */
void show_set_error(Show *s, const char *msg);
/* Leaves the welcome screen and continues at the beat with this id, steps
 * shown up to `steps` (as far as the beat has them).  0, or ERR_NOTFOUND
 * when the beat no longer exists (the show then stays on the welcome screen). */
int show_resume_at(Show *s, const char *beat_id, int steps);
/* The current beat's id, or NULL on the welcome screen; borrowed. */
const char *show_beat_id(const Show *s);
/* 1 while a reload would lose something the room is doing: an open vote,
 * the evaluation (phones answering) or the kiosk; or a saved event offered
 * on the welcome screen. */
int show_reload_busy(const Show *s);
/* A reloaded show keeps the evaluation open for phones. */
void show_set_eval_opened(Show *s, int opened);
/* Poll ids: a reloaded show continues the numbering so phones never see an id twice. */
int show_poll_seq(const Show *s);
void show_set_poll_seq(Show *s, int seq);

/* How the event counts votes: mode for every new poll (C switches one poll),
 * class_size (1..9999) for the plausibility check (a hand count above
 * SHOW_MAX_HANDS_OK, or above the joined phones plus class_size, asks
 * first), phones_on when phones can join (C then offers every mode).
 * A new show counts SHOW_COUNT_BOTH with SHOW_CLASS_SIZE and no phones. */
void show_set_counting(Show *s, ShowCount mode, int class_size, int phones_on);
/* Copies src's counting settings to dst (a reloaded show keeps them). */
void show_keep_counting(Show *dst, const Show *src);
/* A reloaded scenario keeps the statements the room already answered:
 * the rounds asked or skipped, and the totals of each statement dst still
 * has (matched by id).  A round src was in the middle of is asked again. */
void show_keep_measure(Show *dst, const Show *src);

/* Join info shown on the welcome screen and open polls (copied). */
void show_set_join(Show *s, const char *url, const char *room_code, const char *lan_problem);

/* Phone input delivered by the main thread (issue 3); it never changes the
 * story.  show_phone_vote returns 0, ERR_STATE when poll_id is not the poll
 * shown, or vote_phone()'s code.  show_phone_idea queues text (copied, cut at
 * SHOW_MAX_IDEA - 1 bytes, never inside a UTF-8 sequence) for moderation: 0,
 * or ERR_LIMIT when SHOW_MAX_IDEAS ideas are waiting.  show_idea_slots is
 * how many more ideas the moderation queue keeps (0: full). */
int show_phone_vote(Show *s, int poll_id, const char *token, int opt);
int show_phone_idea(Show *s, const char *text);
int show_idea_slots(const Show *s);
void show_set_phones_joined(Show *s, int n);
/* The poll currently open or shown, or NULL. */
const Poll *show_current_poll(const Show *s);

/* ---- evaluation (issue 4) ---------------------------------------------------
 * With a questionnaire set, E at the ending opens the evaluation invitation
 * (phones may answer from then on), K there starts the kiosk, Ctrl+R shows
 * the results; Escape goes back.  The show never touches SQLite: the frame
 * loop commits kiosk submissions and reports the store's state. */

/* Sets the questionnaire (borrowed; NULL disables the evaluation screens). */
void show_set_eval(Show *s, const EvalQuestionnaire *q);
/* Answers kept in memory because the disk refused them (the quit dialog warns). */
void show_set_unsaved(Show *s, int n);
/* Answers stored for this event and a store problem to show (NULL: none). */
void show_set_eval_status(Show *s, int answers, const char *error);
/* The tally for the results screen (borrowed until the next call). */
void show_set_results(Show *s, const struct EvalTally *t);
/* 1 once the evaluation was opened (phones may then answer). */
int show_eval_open(const Show *s);
/* 1 while a kiosk text question wants typed text. */
int show_wants_text(const Show *s);
/* 1 while the kiosk or the labels form is on screen (keys map as in a
 * form: letters are text, Enter goes on, Escape cancels). */
int show_in_kiosk(const Show *s);
/* Typed text for the kiosk (UTF-8).  Returns 1 if the view changed. */
int show_text(Show *s, const char *utf8);
/* Kiosk answers waiting for a commit, or NULL. */
const EvalAnswers *show_kiosk_submission(const Show *s);
/* The commit's outcome for the kiosk submission. */
void show_kiosk_saved(Show *s, int ok, const char *msg);

/* ---- saving and resuming an event (show_save.c) ---------------------------
 * The saved state is a small versioned text (see show_save.c): where the
 * show stands, the journal of story moves (replayed on resume, so variables,
 * the rewind history and the explored branches come back), the signal
 * timeline and the pass.  Never a phone's token or an idea's text. */

/* Writes the saved state into out (reset first).  Returns 1 with out filled,
 * 0 when there is nothing to keep (not started, no move), -1 while a saved
 * event is offered and unanswered (leave that file alone), or ERR_NOMEM. */
int show_save(const Show *s, Buf *out);
/* Continues the saved event `text` on a show that has not started: the
 * same beat and steps, variables, timeline and explored branches.  0 when
 * exact; 1 when the scenario changed since the save (continued at the saved
 * beat from the start's variables, or started over when that beat is gone;
 * show_note says which); ERR_INVALID (not a save of this scenario, err
 * says why: nothing changed). */
int show_resume(Show *s, const char *text, Err *err);
/* Offers the saved event `text` on the welcome screen: J continues (as
 * show_resume), Escape starts over; saved_at (Unix time, 0: unknown) is
 * shown as HH:MM.  0, or ERR_INVALID / ERR_STATE with err (nothing offered). */
int show_offer_resume(Show *s, const char *text, long long saved_at, Err *err);
/* 2 while the offer waits, 1 after J, -1 after Escape, 0 with no offer. */
int show_offer_state(const Show *s);
/* 1 once the event is over: started and at an ending page or the evaluation. */
int show_event_over(const Show *s);
/* The evaluation event the show's answers go to ([A-Za-z0-9_-], at most
 * SHOW_MAX_EVENT_TAG bytes; anything else clears it): kept in the saved
 * event, so a course continued another day (J) adds to the same event
 * instead of starting a second one.  Opaque to the show. */
#define SHOW_MAX_EVENT_TAG 63
void show_set_event_tag(Show *s, const char *tag);
/* The tag set or resumed, "" when none; borrowed. */
const char *show_event_tag(const Show *s);
/* A message for the facilitator only (presenter screen), "" or NULL: none. */
void show_set_note(Show *s, const char *msg);
/* The facilitator's message ("" when none); borrowed. */
const char *show_note(const Show *s);
/* Writes text to path atomically (temporary file, fsync, rename): a crash
 * leaves the old or the new save.  0, or ERR_IO with err. */
int show_save_write(const char *path, const char *text, Err *err);
/* Reads a saved event (malloc'd, NUL-terminated), or NULL with err:
 * ERR_NOTFOUND when there is none, ERR_IO, ERR_INVALID (not text). */
char *show_save_read(const char *path, Err *err);

/* The file of a saved event: beside the evaluation database, one per
 * scenario.  path "" turns saving off. */
typedef struct ShowSaveFile {
    char path[1100];
    char *last;  /* the text last written, or NULL */
    int cleared; /* the file was removed and nothing written since */
} ShowSaveFile;

/* --resume: continue a saved event at once, start over, or ask on the welcome screen. */
enum { SHOW_RESUME_NO, SHOW_RESUME_YES, SHOW_RESUME_ASK };
/* Finds the saved event of s's scenario beside the evaluation database db
 * (NULL: the default one, eval_store_default_path) and sets f up to keep
 * it: SHOW_RESUME_YES continues it (show_resume), ASK offers it on the
 * welcome screen, NO leaves it to be replaced.  A file that is not a saved
 * event of this scenario is kept aside as <file>.bad.  0, or negative with
 * err (nothing offered; saving still works when f->path is set). */
int show_save_start(Show *s, ShowSaveFile *f, const char *db, int mode, Err *err);
/* "<folder of db_path>/resume-<scenario id>.txt" into out (n bytes); the id
 * keeps letters, digits, '-' and '_'.  0, or ERR_LIMIT when it does not fit. */
int show_save_path(char *out, size_t n, const char *db_path, const char *scenario_id);
/* Brings f in step with s: writes the saved state when it changed since the
 * last write, removes the file when the show is fresh (not started, or
 * started over), leaves it alone while an offer waits.  0, or negative with
 * err (the show goes on; the caller tells the facilitator). */
int show_save_sync(Show *s, ShowSaveFile *f, Err *err);
/* The event is over: removes the file and forgets the last text (NULL ok). */
void show_save_retire(ShowSaveFile *f);

#endif
