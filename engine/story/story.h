/* story.h - the runtime of one play-through of a Scenario.
 *
 * Pure C and deterministic: the state is the current beat, how many of its
 * steps are shown, the variables, the visit counts and the once-only options
 * already used.  Conditions and effects written as script functions are
 * evaluated through StoryHooks (engine/lua provides them; unit tests provide
 * C ones), and they read and write variables only through story_var_get /
 * story_var_set, so a snapshot of the run is a snapshot of everything.
 *
 * History: every decision point passed (a choice or poll beat where the
 * interaction was resolved) is kept with the exact state from just before the
 * decision; story_rewind() restores it.  The trail of beat entries is kept as
 * well, so story_back() can undo step by step and story_replay_beat() can
 * restart the current beat.  Branches explored in any pass are remembered
 * across rewinds (story_explored) for the story map.
 */
#ifndef STORY_STORY_H
#define STORY_STORY_H

#include "core/err.h"
#include "story/scenario.h"

typedef struct StoryRun StoryRun;

typedef struct StoryHooks {
    void *ud;
    /* Evaluates condition `ref` against the run; writes 1/0 into *ok.
     * Returns 0, or a negative code with a "path:line: message" in err. */
    int (*cond)(void *ud, int ref, StoryRun *run, int *ok, Err *err);
    /* Runs effect `ref`, which may call story_var_set.  0 or negative. */
    int (*effect)(void *ud, int ref, StoryRun *run, Err *err);
} StoryHooks;

/* Where the run stands after a call.  STORY_AT_STEPS also covers a beat
 * without interaction whose steps are all shown: story_advance() then moves
 * on to `next`.  A broken beat with no way on (no next, no interaction, not
 * an ending; `spectactor check` reports it) reads as STORY_AT_END. */
typedef enum {
    STORY_AT_STEPS,       /* steps of the current beat remain to be shown */
    STORY_AT_INTERACTION, /* all steps shown; the beat's interaction waits */
    STORY_AT_END          /* all steps shown in an ending beat */
} StoryPos;

typedef enum { STORY_OPT_AVAILABLE, STORY_OPT_DISABLED, STORY_OPT_HIDDEN } StoryOptState;

/* Why an option is unavailable (for the screen). */
typedef enum { STORY_WHY_NONE, STORY_WHY_CONDITION, STORY_WHY_USED } StoryWhy;

#define STORY_MAX_HISTORY 256

/* Creates a run at the start beat with no steps shown.  The scenario and the
 * hooks' ud must outlive the run.  hooks may be NULL when the scenario has no
 * script conditions.  NULL on OOM (err says so). */
StoryRun *story_run_new(const Scenario *sc, const StoryHooks *hooks, Err *err);
void story_run_free(StoryRun *run);

const Scenario *story_scenario(const StoryRun *run);
int story_current_beat(const StoryRun *run); /* beat index */
int story_steps_shown(const StoryRun *run);  /* 0..n_steps of current beat */
StoryPos story_pos(const StoryRun *run);

/* Shows the next step of the current beat.  When all steps are shown and the
 * beat has no interaction and is not an ending, moves to `next` (entering it
 * with 0 steps shown).  Returns 0 or a negative code (an effect failed, or
 * the run is at an interaction/ending: ERR_STATE). */
int story_advance(StoryRun *run, Err *err);

/* Undo: hides the last shown step; at 0 steps, returns to the previous beat
 * entry with all its steps shown and the state from before leaving it (so
 * before the effects of the choice that left it; a decision undone this way
 * leaves the history).  Returns 0, or ERR_STATE at the very start (or at the
 * oldest of the STORY_MAX_HISTORY beat entries kept). */
int story_back(StoryRun *run);

/* Option availability at the current CHOICE (evaluates conditions through
 * the hooks).  why may be NULL.  A failing condition returns a negative code
 * with err set and *state untouched.
 *
 * Each condition runs once per state: its answer (or its failure) is kept
 * until something it could read changes (a variable, a visit count, the
 * beat, a once-only option used; also back, rewind, replay, restart and
 * jump), so the many readers of one state (the view, the poll, the phones,
 * the presenter) ask the script only once. */
int story_option_state(StoryRun *run, int opt, StoryOptState *state, StoryWhy *why, Err *err);

/* Drops the cached condition answers, so the next story_option_state runs
 * the conditions again (`spectactor test` asks twice to find conditions
 * that answer differently). */
void story_forget_conditions(StoryRun *run);

/* How many times a condition was run through the hooks (cache misses) since
 * the run was created. */
long story_condition_calls(const StoryRun *run);

/* Resolves the current CHOICE with option opt: applies its effects (declared
 * ones, then the script effect), marks it used if once-only, records the
 * decision in the history and enters the target beat.  Fails with
 * ERR_STATE if not at a choice or the option is not available; on a failing
 * effect the run is left exactly as before the call. */
int story_choose(StoryRun *run, int opt, Err *err);

/* Resolves a SIGNAL/IDEA/DISCUSS interaction and moves to `next`.  For a
 * signal, result is STORY_SIGNAL_* (or -1: not decided); it is recorded in
 * the history.  ERR_STATE if not at such an interaction. */
int story_continue(StoryRun *run, int result, Err *err);

/* Variables.  get returns 0 and the value, or ERR_NOTFOUND.  A string value
 * returned is owned by the run and valid until the variable changes.  set
 * creates the variable if needed (up to STORY_MAX_VARS). */
int story_var_get(const StoryRun *run, const char *name, StoryValue *out);
int story_var_set(StoryRun *run, const char *name, const StoryValue *v, Err *err);
int story_var_count(const StoryRun *run);
const char *story_var_name(const StoryRun *run, int i);

/* How many times a beat has been entered in this pass (rewind restores it). */
int story_visits(const StoryRun *run, int beat);
/* 1 if once-only option uid has been used in this pass. */
int story_option_used(const StoryRun *run, int uid);

/* Decision history of the current pass, oldest first. */
typedef struct StoryDecision {
    int beat;    /* the beat whose interaction was resolved */
    int option;  /* CHOICE: option index; SIGNAL: STORY_SIGNAL_* or -1; else -1 */
    int target;  /* beat entered after the decision */
} StoryDecision;

int story_history_count(const StoryRun *run);
/* 0 and the decision, or ERR_NOTFOUND. */
int story_history_get(const StoryRun *run, int i, StoryDecision *out);

/* Restores the exact state from just before decision i (variables, visits,
 * once-used options, beat, all its steps shown) and drops decisions i.. from
 * the current pass.  Explored branches are kept. */
int story_rewind(StoryRun *run, int i, Err *err);

/* Restores the state from when the current beat was entered (0 steps). */
int story_replay_beat(StoryRun *run);

/* Restarts the whole scenario (explored branches are kept). */
int story_restart(StoryRun *run, Err *err);

/* Starts a new pass at beat (0 steps shown) with the initial variables, as
 * if the scenario started there: for authors, so that a reloaded scenario
 * continues where they were.  ERR_NOTFOUND for a bad beat. */
int story_jump(StoryRun *run, int beat, Err *err);

/* 1 if option opt of beat's choice was taken in any pass of this run. */
int story_explored(const StoryRun *run, int beat, int opt);
/* 1 if beat was entered in any pass of this run. */
int story_beat_seen(const StoryRun *run, int beat);

#endif
