/* evals.h - the frame loop's link to the evaluation store.
 *
 * Owns the store, the questionnaire (and its JSON for the phones), the
 * event row (created with the first answer, so rehearsals leave nothing
 * behind) and the results tally.  Commits kiosk and phone answers, tells the
 * show how many answers are stored and whether some wait in memory, and
 * retries those on a timer.  Main thread only (the store's SQLite handle).
 */
#ifndef APP_EVALS_H
#define APP_EVALS_H

#include "core/timers.h"
#include "eval/eval_report.h"
#include "eval/eval_store.h"
#include "eval/eval_store_polls.h"
#include "lua/lua_host.h"
#include "net/net.h"
#include "show/show.h"

#define EVALS_MAX_BATCH 256 /* answers committed in one transaction */
#define EVALS_MAX_HELD 64   /* polls decided without votes before the event exists */
#define EVALS_MAX_FACTS 8   /* --label NAME=VALUE */

typedef struct Evals {
    EvalStore *store;
    EvalQuestionnaire *q;     /* NULL: no evaluation */
    char *q_json;             /* eval_q_to_json(q), sent to phones */
    char event_id[64];        /* "" until the first answer creates the event */
    char *scenario_id;        /* for the event row; NULL: "none" */
    const char *label;        /* --label, borrowed */
    EvalTally *tally;         /* the results screen's, borrowed by the show */
    Show *show;               /* borrowed; evals_attach() after a reload */
    int ui_en;                /* the show's interface language */
    ShowTranscriptFn transcript;
    void *transcript_ud;
    Timers *timers;           /* borrowed */
    int count_timer;          /* a throttled count catches up */
    int retry_timer;          /* answers kept in memory are retried */
    unsigned long next_count; /* the live count is read at most once a second */
    unsigned long next_retry;
    /* the room's answers at the stops: polls decided without any vote wait
     * here until the event exists (a rehearsal leaves nothing behind) */
    EvalPollRecord held[EVALS_MAX_HELD];
    int nheld;
    int attendance;                       /* --attendance, 0: not given */
    const char *facts[EVALS_MAX_FACTS];   /* "name=value", borrowed */
    int nfacts;
    EvalRoom room;            /* the live room (phones on); room.pub "" when none */
} Evals;

/* Opens the store at db (NULL: the default file) and adds the timers to ts.
 * A store that cannot be trusted refuses: returns a negative ERR_* with the
 * message in err (the event must not start on it). */
int evals_open(Evals *ev, const char *db, const char *label, Timers *ts, ShowTranscriptFn transcript,
               void *transcript_ud, Err *err);

/* Per-event facts stored with the event when it is created: the class
 * size (0: none) and structured labels "name=value" (borrowed, at most
 * EVALS_MAX_FACTS).  Returns 0 or ERR_INVALID / ERR_LIMIT with a message. */
int evals_set_facts(Evals *ev, int attendance, const char *const *labels, int nlabels, Err *err);

/* Loads the questionnaire: dir/questionnaire.lua, else the bundled one.
 * Failure only logs a warning (the show runs without an evaluation). */
void evals_load(Evals *ev, LuaHost *lua, const char *dir);

/* The show (borrowed) and the scenario id (copied; NULL: none) that answers
 * are reported to and recorded under; again after a reload.  ui_en: the
 * show's interface language (show.h: "en" gives English). */
void evals_attach(Evals *ev, Show *show, const char *scenario_id, int ui_en);

/* The questionnaire JSON while the show has the evaluation open for phones,
 * else NULL; borrowed until evals_close(). */
const char *evals_phone_json(const Evals *ev);

/* Tells the show the stored count and the store's trouble.  Reading the
 * count is throttled to once a second (a timer catches up).  Returns 1 when
 * the show changed (redraw). */
int evals_status(Evals *ev);

/* Commits the kiosk's finished answer set, if any, and tells the kiosk the
 * outcome.  Returns 1 when there was one (redraw). */
int evals_commit_kiosk(Evals *ev);

/* On the results screen, tallies the event again and hands the tally to the
 * show; v (that screen's view) follows.  Returns 1 when it did (redraw). */
int evals_results(Evals *ev, ShowView *v);

/* Validates and commits up to EVALS_MAX_BATCH phone answers (NET_MSG_EVAL
 * messages; their bodies stay the caller's) in one transaction and answers
 * each request: 200 only once committed, 400 invalid, 409 no evaluation,
 * 503 not saved (the phone retries with its submission id). */
void evals_submit(Evals *ev, NetServer *net, const NetMsg *msgs, int n);

/* Opens the live room for phones (eval_store_room_open): after a crash of
 * the same event today the room code, public id, poll sequence and
 * evaluation event continue; else a new room with a random code.  Fills
 * code (NET_ROOM_CODE_LEN + 1 bytes), pub (EVAL_PUB_LEN + 1) and *poll_seq.
 * Returns 0, or a negative code (logged; phones then get a fresh code that
 * a restart does not keep). */
int evals_room(Evals *ev, char *code, char *pub, int *poll_seq);

/* Keeps the show's poll sequence with the room (written when it grew), so
 * poll ids are never reused after a restart.  Call before publishing. */
void evals_save_poll_seq(Evals *ev, int poll_seq);

/* Closes the store (it retries answers kept in memory one last time, so the
 * questionnaire is still needed) and frees the phones' JSON.  end_room: the
 * event is over (a clean exit): the live room is ended, so the next start
 * is a new event.  Call before the show is freed. */
void evals_close(Evals *ev, int end_room);

/* Frees the questionnaire and the tally: after the show that borrows them. */
void evals_free(Evals *ev);

#endif
