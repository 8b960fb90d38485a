/* story.c - the runtime of one play-through: position, variables, visit
 * counts, once-only options, the trail of beat entries (Back, replay) and the
 * decision history (rewind), with snapshots taken as deep copies.
 *
 * The whole mutable state of a pass lives in one StoryState; every snapshot
 * is a deep copy of it, so restoring is "duplicate the snapshot, swap it in".
 * Variable names are interned once per run (an append-only table), so a
 * snapshot holds values indexed by name slot and nothing else. */
#include "story/story.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct StoryState {
    int beat;
    int steps;
    long hist_abs;                     /* decisions taken in this pass before this state */
    unsigned char def[STORY_MAX_VARS]; /* 1 where the name slot holds a variable */
    StoryValue val[STORY_MAX_VARS];    /* strings owned by this state */
    int *visits;                       /* per beat */
    unsigned char *used;               /* bitset over option uids */
} StoryState;

typedef struct TrailEntry {
    StoryState *entry; /* when the beat was entered (0 steps) */
    StoryState *leave; /* just before leaving it; NULL for the current beat */
    long abs;          /* sequence number, stable while older entries drop */
} TrailEntry;

/* One condition's last answer: valid while the run's version is ver. */
typedef struct CondCache {
    unsigned long ver; /* 0: nothing cached */
    int ref;           /* the condition it was asked of */
    int rc;            /* the hook's return code */
    int ok;            /* its answer when rc is 0 */
    char *msg;         /* its message when rc < 0 (malloc'd) */
} CondCache;

typedef struct DecisionRec {
    StoryDecision d;
    StoryState *before;
    long trail_abs; /* trail entry of the beat where it was taken */
} DecisionRec;

struct StoryRun {
    const Scenario *sc;
    StoryHooks hooks;
    int has_hooks;
    char *names[STORY_MAX_VARS];
    int n_names;
    StoryState *cur;
    TrailEntry trail[STORY_MAX_HISTORY];
    int trail_len;
    long trail_next;
    DecisionRec hist[STORY_MAX_HISTORY];
    int hist_len;
    long hist_base;          /* absolute number of hist[0] */
    unsigned char *explored; /* bitset over option uids, all passes */
    unsigned char *seen;     /* per beat, all passes */
    unsigned long ver;       /* changes with every change conditions can see */
    CondCache *cache;        /* per option uid */
    long cond_calls;         /* conditions actually run (not answered by the cache) */
};

/* Something a condition may read (variables, visits, beat, once-used
 * options) changed or may have: cached answers no longer hold. */
static void touch(StoryRun *run)
{
    run->ver++;
    if (run->ver == 0)
        run->ver = 1; /* 0 means "nothing cached" */
}

static size_t bitset_bytes(int n)
{
    return n > 0 ? ((size_t)n + 7) / 8 : 1;
}

static int bit_get(const unsigned char *set, int i)
{
    assert(set && i >= 0);
    return (set[i / 8] >> (i % 8)) & 1;
}

static void bit_set(unsigned char *set, int i)
{
    assert(set && i >= 0);
    set[i / 8] = (unsigned char)(set[i / 8] | (1u << (i % 8)));
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s ? s : "");
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, s ? s : "", n + 1);
    return p;
}

static void value_clear(StoryValue *v)
{
    if (v->type == STORY_VAL_STRING)
        free((char *)v->str);
    memset(v, 0, sizeof *v);
}

/* Deep copy of src into dst (which holds nothing).  ERR_NOMEM. */
static int value_copy(StoryValue *dst, const StoryValue *src)
{
    memset(dst, 0, sizeof *dst);
    switch (src->type) {
    case STORY_VAL_BOOL:
        dst->type = STORY_VAL_BOOL;
        dst->b = src->b ? 1 : 0;
        break;
    case STORY_VAL_NUMBER:
        dst->type = STORY_VAL_NUMBER;
        dst->num = src->num;
        break;
    case STORY_VAL_STRING:
        dst->str = dup_str(src->str);
        if (!dst->str)
            return ERR_NOMEM;
        dst->type = STORY_VAL_STRING;
        break;
    default:
        dst->type = STORY_VAL_NIL;
        break;
    }
    return 0;
}

static void state_free(StoryState *st)
{
    int i = 0;
    if (!st)
        return;
    for (i = 0; i < STORY_MAX_VARS; i++)
        value_clear(&st->val[i]);
    free(st->visits);
    free(st->used);
    free(st);
}

/* A fresh state: no variables, no visits, nothing used.  NULL on OOM. */
static StoryState *state_new(const Scenario *sc)
{
    StoryState *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->visits = calloc(sc->n_beats > 0 ? (size_t)sc->n_beats : 1, sizeof(int));
    st->used = calloc(bitset_bytes(sc->n_options), 1);
    if (!st->visits || !st->used) {
        state_free(st);
        return NULL;
    }
    st->beat = -1;
    return st;
}

/* A deep copy of src.  NULL on OOM. */
static StoryState *state_dup(const Scenario *sc, const StoryState *src)
{
    StoryState *st = state_new(sc);
    int i = 0;
    if (!st)
        return NULL;
    st->beat = src->beat;
    st->steps = src->steps;
    st->hist_abs = src->hist_abs;
    memcpy(st->def, src->def, sizeof st->def);
    for (i = 0; i < STORY_MAX_VARS; i++) {
        if (src->def[i] && value_copy(&st->val[i], &src->val[i]) < 0) {
            state_free(st);
            return NULL;
        }
    }
    memcpy(st->visits, src->visits, (sc->n_beats > 0 ? (size_t)sc->n_beats : 1) * sizeof(int));
    memcpy(st->used, src->used, bitset_bytes(sc->n_options));
    return st;
}

/* Drops decisions so that the pass has made `abs` decisions. */
static void hist_truncate(StoryRun *run, long abs)
{
    long keep = abs - run->hist_base;
    assert(run->hist_len >= 0 && run->hist_len <= STORY_MAX_HISTORY);
    if (keep < 0) {
        keep = 0;
        run->hist_base = abs;
    }
    while (run->hist_len > keep) {
        run->hist_len--;
        state_free(run->hist[run->hist_len].before);
        run->hist[run->hist_len].before = NULL;
    }
}

static void hist_clear(StoryRun *run)
{
    hist_truncate(run, run->hist_base);
    run->hist_base = 0;
}

static void trail_pop(StoryRun *run)
{
    TrailEntry *t = NULL;
    if (run->trail_len == 0)
        return;
    t = &run->trail[--run->trail_len];
    state_free(t->entry);
    state_free(t->leave);
    memset(t, 0, sizeof *t);
}

static void trail_clear(StoryRun *run)
{
    while (run->trail_len > 0)
        trail_pop(run);
}

/* Appends a trail entry owning `entry`, dropping the oldest when full. */
static void trail_push(StoryRun *run, StoryState *entry)
{
    assert(entry && run->trail_len >= 0 && run->trail_len <= STORY_MAX_HISTORY);
    if (run->trail_len == STORY_MAX_HISTORY) {
        state_free(run->trail[0].entry);
        state_free(run->trail[0].leave);
        memmove(&run->trail[0], &run->trail[1], (STORY_MAX_HISTORY - 1) * sizeof run->trail[0]);
        run->trail_len--;
    }
    run->trail[run->trail_len].entry = entry;
    run->trail[run->trail_len].leave = NULL;
    run->trail[run->trail_len].abs = run->trail_next++;
    run->trail_len++;
}

/* Appends a decision owning `before`, dropping the oldest when full. */
static void hist_push(StoryRun *run, const StoryDecision *d, StoryState *before, long trail_abs)
{
    assert(d && before && run->hist_len >= 0 && run->hist_len <= STORY_MAX_HISTORY);
    if (run->hist_len == STORY_MAX_HISTORY) {
        state_free(run->hist[0].before);
        memmove(&run->hist[0], &run->hist[1], (STORY_MAX_HISTORY - 1) * sizeof run->hist[0]);
        run->hist_len--;
        run->hist_base++;
    }
    run->hist[run->hist_len].d = *d;
    run->hist[run->hist_len].before = before;
    run->hist[run->hist_len].trail_abs = trail_abs;
    run->hist_len++;
}

/* Replaces the current state by a copy of snap and drops decisions taken
 * after it.  ERR_NOMEM leaves everything as it was. */
static int restore(StoryRun *run, const StoryState *snap)
{
    StoryState *st = state_dup(run->sc, snap);
    if (!st)
        return ERR_NOMEM;
    state_free(run->cur);
    run->cur = st;
    touch(run);
    hist_truncate(run, st->hist_abs);
    return 0;
}

/* Index of name in the interned table, or -1. */
static int name_slot(const StoryRun *run, const char *name)
{
    int i = 0;
    for (i = 0; i < run->n_names; i++)
        if (strcmp(run->names[i], name) == 0)
            return i;
    return -1;
}

/* Sets a variable in state st (interning the name).  Limits are checked
 * before anything is copied; on failure st is unchanged. */
static int state_var_set(StoryRun *run, StoryState *st, const char *name, const StoryValue *v,
                         Err *err)
{
    StoryValue copy;
    int slot = 0;
    size_t len = 0;
    memset(&copy, 0, sizeof copy);
    if (!name || !*name || !v)
        return err_set(err, ERR_INVALID, "variable name missing");
    len = strlen(name);
    if (len > STORY_MAX_ID)
        return err_set(err, ERR_LIMIT, "variable name longer than %d bytes", STORY_MAX_ID);
    if (v->type == STORY_VAL_STRING && v->str && strlen(v->str) > STORY_MAX_TEXT)
        return err_set(err, ERR_LIMIT, "variable '%s': text longer than %d bytes", name,
                       STORY_MAX_TEXT);
    slot = name_slot(run, name);
    if (slot < 0) {
        if (run->n_names >= STORY_MAX_VARS)
            return err_set(err, ERR_LIMIT, "more than %d variables ('%s')", STORY_MAX_VARS,
                           name);
        run->names[run->n_names] = dup_str(name);
        if (!run->names[run->n_names])
            return err_set(err, ERR_NOMEM, "out of memory");
        slot = run->n_names++;
    }
    assert(slot >= 0 && slot < run->n_names && run->n_names <= STORY_MAX_VARS);
    if (value_copy(&copy, v) < 0)
        return err_set(err, ERR_NOMEM, "out of memory");
    value_clear(&st->val[slot]);
    st->val[slot] = copy;
    st->def[slot] = 1;
    return 0;
}

/* Sets up the initial state of a pass and enters the start beat. */
static int begin_at(StoryRun *run, int beat, Err *err)
{
    const Scenario *sc = run->sc;
    StoryState *st = NULL;
    StoryState *entry = NULL;
    int i = 0;
    int rc = 0;
    if (beat < 0 || beat >= sc->n_beats)
        return err_set(err, ERR_INVALID, "scenario has no start beat");
    st = state_new(sc);
    if (!st)
        return err_set(err, ERR_NOMEM, "out of memory");
    for (i = 0; i < sc->n_vars; i++) {
        rc = state_var_set(run, st, sc->vars[i].name, &sc->vars[i].init, err);
        if (rc < 0) {
            state_free(st);
            return rc;
        }
    }
    assert(sc->n_options >= 0);
    st->beat = beat;
    st->steps = 0;
    st->visits[beat]++;
    entry = state_dup(sc, st);
    if (!entry) {
        state_free(st);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    trail_clear(run);
    hist_clear(run);
    state_free(run->cur);
    run->cur = st;
    touch(run);
    trail_push(run, entry);
    run->seen[beat] = 1;
    return 0;
}

static int begin_pass(StoryRun *run, Err *err)
{
    return begin_at(run, run->sc->start, err);
}

int story_jump(StoryRun *run, int beat, Err *err)
{
    if (!run)
        return err_set(err, ERR_INVALID, "no run");
    if (beat < 0 || beat >= run->sc->n_beats)
        return err_set(err, ERR_NOTFOUND, "no beat %d", beat);
    return begin_at(run, beat, err);
}

/* Creates a run at the start beat.  NULL on OOM or a scenario without a
 * start beat (err says which). */
StoryRun *story_run_new(const Scenario *sc, const StoryHooks *hooks, Err *err)
{
    StoryRun *run = NULL;
    if (!sc) {
        err_set(err, ERR_INVALID, "no scenario");
        return NULL;
    }
    run = calloc(1, sizeof *run);
    if (!run) {
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    run->sc = sc;
    if (hooks) {
        run->hooks = *hooks;
        run->has_hooks = 1;
    }
    run->explored = calloc(bitset_bytes(sc->n_options), 1);
    run->seen = calloc(sc->n_beats > 0 ? (size_t)sc->n_beats : 1, 1);
    run->cache = calloc(sc->n_options > 0 ? (size_t)sc->n_options : 1, sizeof *run->cache);
    run->ver = 1;
    if (!run->explored || !run->seen || !run->cache) {
        err_set(err, ERR_NOMEM, "out of memory");
        story_run_free(run);
        return NULL;
    }
    if (begin_pass(run, err) < 0) {
        story_run_free(run);
        return NULL;
    }
    return run;
}

/* Frees the run and every snapshot; NULL is fine. */
void story_run_free(StoryRun *run)
{
    int i = 0;
    if (!run)
        return;
    trail_clear(run);
    hist_clear(run);
    state_free(run->cur);
    for (i = 0; i < run->n_names; i++)
        free(run->names[i]);
    if (run->cache)
        for (i = 0; i < run->sc->n_options; i++)
            free(run->cache[i].msg);
    free(run->cache);
    free(run->explored);
    free(run->seen);
    free(run);
}

const Scenario *story_scenario(const StoryRun *run)
{
    return run ? run->sc : NULL;
}

int story_current_beat(const StoryRun *run)
{
    return run ? run->cur->beat : -1;
}

int story_steps_shown(const StoryRun *run)
{
    return run ? run->cur->steps : 0;
}

/* A run always stands in a beat of its scenario, with at most all of its
 * steps shown. */
static const StoryBeat *cur_beat(const StoryRun *run)
{
    assert(run->cur && run->cur->beat >= 0 && run->cur->beat < run->sc->n_beats);
    assert(run->cur->steps >= 0 && run->cur->steps <= run->sc->beats[run->cur->beat].n_steps);
    return &run->sc->beats[run->cur->beat];
}

/* STEPS while steps remain or while story_advance would move on to `next`;
 * INTERACTION once all steps of a beat with an interaction are shown; END in
 * an ending beat with all steps shown (and in a broken beat that has no
 * way on, so a player never spins on it). */
StoryPos story_pos(const StoryRun *run)
{
    const StoryBeat *b = NULL;
    if (!run)
        return STORY_AT_END;
    b = cur_beat(run);
    if (run->cur->steps < b->n_steps)
        return STORY_AT_STEPS;
    if (b->ending)
        return STORY_AT_END;
    if (b->interaction.kind != STORY_INT_NONE)
        return STORY_AT_INTERACTION;
    return b->next >= 0 ? STORY_AT_STEPS : STORY_AT_END;
}

/* Leaves the current beat for `target`: takes the leave snapshot (and a
 * decision snapshot when d is not NULL), applies option effects when opt is
 * not NULL, enters target.  On any failure the run is as before. */
static int leave_to(StoryRun *run, int target, const StoryDecision *d, const StoryOption *opt,
                    Err *err);

/* Shows the next step, or moves on to `next` when all are shown in a beat
 * without interaction.  ERR_STATE at an interaction or ending. */
int story_advance(StoryRun *run, Err *err)
{
    const StoryBeat *b = NULL;
    char where[300];
    if (!run)
        return err_set(err, ERR_INVALID, "no run");
    b = cur_beat(run);
    if (run->cur->steps < b->n_steps) {
        run->cur->steps++;
        return 0;
    }
    if (b->ending)
        return err_set(err, ERR_STATE, "at the end of the scenario");
    if (b->interaction.kind != STORY_INT_NONE)
        return err_set(err, ERR_STATE, "the beat's interaction waits");
    if (b->next < 0) {
        scenario_where(run->sc, b->src, where, sizeof where);
        return err_set(err, ERR_STATE, "%s: beat '%s' has no next beat", where,
                       b->id ? b->id : "?");
    }
    return leave_to(run, b->next, NULL, NULL, err);
}

/* Hides the last step, or goes back to the previous beat entry with all its
 * steps shown and the state from just before it was left.  ERR_STATE at the
 * oldest beat entry kept; ERR_NOMEM leaves the run unchanged. */
int story_back(StoryRun *run)
{
    TrailEntry *prev = NULL;
    int rc = 0;
    if (!run)
        return ERR_INVALID;
    touch(run); /* Back is how a facilitator retries a failed condition */
    if (run->cur->steps > 0) {
        run->cur->steps--;
        return 0;
    }
    if (run->trail_len < 2)
        return ERR_STATE;
    prev = &run->trail[run->trail_len - 2];
    assert(!run->trail[run->trail_len - 1].leave); /* the current beat's is taken on leaving */
    if (!prev->leave)
        return ERR_STATE;
    rc = restore(run, prev->leave);
    if (rc < 0)
        return rc;
    trail_pop(run);
    state_free(prev->leave);
    prev->leave = NULL;
    return 0;
}

/* The current CHOICE interaction's option opt, or an error. */
static int choice_option(StoryRun *run, int opt, const StoryOption **out, Err *err)
{
    const StoryBeat *b = cur_beat(run);
    if (story_pos(run) != STORY_AT_INTERACTION || b->interaction.kind != STORY_INT_CHOICE)
        return err_set(err, ERR_STATE, "not at a choice");
    if (opt < 0 || opt >= b->interaction.n_options || !b->interaction.options)
        return err_set(err, ERR_INVALID, "no option %d at beat '%s'", opt + 1,
                       b->id ? b->id : "?");
    *out = &b->interaction.options[opt];
    return 0;
}

/* Condition of option o in the current state: the cached answer when it
 * was asked in this state before, else the hook's (which is then kept,
 * failures too: a failing condition is not run again in the same state). */
static int cond_cached(StoryRun *run, const StoryOption *o, int *ok, Err *err)
{
    CondCache *c = NULL;
    int rc = 0;
    if (o->uid < 0 || o->uid >= run->sc->n_options) { /* not linked: no slot */
        run->cond_calls++;
        return run->hooks.cond(run->hooks.ud, o->cond_ref, run, ok, err);
    }
    c = &run->cache[o->uid];
    if (c->ver == run->ver && c->ref == o->cond_ref) {
        if (c->rc < 0)
            return err_set(err, c->rc, "%s", c->msg ? c->msg : "the condition failed");
        *ok = c->ok;
        return 0;
    }
    run->cond_calls++;
    rc = run->hooks.cond(run->hooks.ud, o->cond_ref, run, ok, err);
    free(c->msg);
    memset(c, 0, sizeof *c);
    if (rc < 0 && err) {
        c->msg = dup_str(err->msg);
        if (!c->msg)
            return rc; /* not cached: asked again next time */
    } else if (rc < 0) {
        return rc;
    }
    c->ver = run->ver;
    c->ref = o->cond_ref;
    c->rc = rc;
    c->ok = rc == 0 ? (*ok ? 1 : 0) : 0;
    return rc;
}

/* Forgets every cached condition answer (see story.h). */
void story_forget_conditions(StoryRun *run)
{
    if (run)
        touch(run);
}

/* Conditions run through the hooks so far (see story.h). */
long story_condition_calls(const StoryRun *run)
{
    return run ? run->cond_calls : 0;
}

/* Availability of option opt at the current choice. */
int story_option_state(StoryRun *run, int opt, StoryOptState *state, StoryWhy *why, Err *err)
{
    const StoryOption *o = NULL;
    int ok = 1;
    int rc = 0;
    char where[300];
    if (!run || !state)
        return err_set(err, ERR_INVALID, "no run");
    rc = choice_option(run, opt, &o, err);
    if (rc < 0)
        return rc;
    if (o->once && o->uid >= 0 && o->uid < run->sc->n_options && bit_get(run->cur->used, o->uid)) {
        *state = o->hide ? STORY_OPT_HIDDEN : STORY_OPT_DISABLED;
        if (why)
            *why = STORY_WHY_USED;
        return 0;
    }
    if (o->cond_ref != 0) {
        if (!run->has_hooks || !run->hooks.cond) {
            scenario_where(run->sc, o->src, where, sizeof where);
            return err_set(err, ERR_STATE, "%s: option has a condition but no script runs it",
                           where);
        }
        rc = cond_cached(run, o, &ok, err);
        if (rc < 0)
            return rc;
    }
    if (!ok) {
        *state = o->hide ? STORY_OPT_HIDDEN : STORY_OPT_DISABLED;
        if (why)
            *why = STORY_WHY_CONDITION;
        return 0;
    }
    *state = STORY_OPT_AVAILABLE;
    if (why)
        *why = STORY_WHY_NONE;
    return 0;
}

/* Applies an option's declared effects and then its script effect to the
 * current state.  The caller restores the state on failure. */
static int apply_effects(StoryRun *run, const StoryOption *o, Err *err)
{
    int i = 0;
    int rc = 0;
    char where[300];
    for (i = 0; i < o->n_effects; i++) {
        const StoryEffect *e = &o->effects[i];
        StoryValue v = e->value;
        if (e->op == STORY_EFFECT_ADD) {
            StoryValue old;
            memset(&old, 0, sizeof old);
            if (story_var_get(run, e->var ? e->var : "", &old) < 0)
                old.type = STORY_VAL_NIL;
            if ((old.type != STORY_VAL_NIL && old.type != STORY_VAL_NUMBER) ||
                e->value.type != STORY_VAL_NUMBER) {
                scenario_where(run->sc, o->src, where, sizeof where);
                return err_set(err, ERR_INVALID, "%s: cannot add to '%s': not a number", where,
                               e->var ? e->var : "?");
            }
            v.type = STORY_VAL_NUMBER;
            v.num = (old.type == STORY_VAL_NUMBER ? old.num : 0.0) + e->value.num;
        }
        rc = story_var_set(run, e->var, &v, err);
        if (rc < 0) {
            scenario_where(run->sc, o->src, where, sizeof where);
            err_prefix(err, where);
            return rc;
        }
    }
    if (o->effect_ref != 0) {
        if (!run->has_hooks || !run->hooks.effect) {
            scenario_where(run->sc, o->src, where, sizeof where);
            return err_set(err, ERR_STATE, "%s: option has an effect but no script runs it",
                           where);
        }
        rc = run->hooks.effect(run->hooks.ud, o->effect_ref, run, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int leave_to(StoryRun *run, int target, const StoryDecision *d, const StoryOption *opt,
                    Err *err)
{
    const Scenario *sc = run->sc;
    StoryState *leave = NULL;
    StoryState *before = NULL;
    StoryState *entry = NULL;
    long trail_abs = 0;
    int rc = 0;
    assert(run->trail_len > 0); /* the current beat's entry is always there */
    trail_abs = run->trail[run->trail_len - 1].abs;
    if (target < 0 || target >= sc->n_beats)
        return err_set(err, ERR_INVALID, "no beat %d to go to", target);
    leave = state_dup(sc, run->cur);
    if (d)
        before = state_dup(sc, run->cur);
    if (!leave || (d && !before)) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto fail;
    }
    if (opt) {
        rc = apply_effects(run, opt, err);
        if (rc < 0)
            goto fail;
        if (opt->once && opt->uid >= 0 && opt->uid < sc->n_options)
            bit_set(run->cur->used, opt->uid);
    }
    touch(run);
    if (d)
        run->cur->hist_abs++;
    run->cur->beat = target;
    run->cur->steps = 0;
    run->cur->visits[target]++;
    entry = state_dup(sc, run->cur);
    if (!entry) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* Commit: nothing below can fail. */
    state_free(run->trail[run->trail_len - 1].leave);
    run->trail[run->trail_len - 1].leave = leave;
    if (d) {
        hist_push(run, d, before, trail_abs);
        if (opt && opt->uid >= 0 && opt->uid < sc->n_options)
            bit_set(run->explored, opt->uid);
    }
    trail_push(run, entry);
    run->seen[target] = 1;
    return 0;

fail:
    /* The pre-call state is `leave` (when we got that far): swap it back. */
    if (leave) {
        state_free(run->cur);
        run->cur = leave;
        touch(run);
    }
    state_free(before);
    return rc;
}

/* Resolves the current choice with option opt (see story.h). */
int story_choose(StoryRun *run, int opt, Err *err)
{
    const StoryOption *o = NULL;
    StoryOptState st = STORY_OPT_HIDDEN;
    StoryDecision d;
    char where[300];
    int rc = 0;
    memset(&d, 0, sizeof d);
    if (!run)
        return err_set(err, ERR_INVALID, "no run");
    rc = story_option_state(run, opt, &st, NULL, err);
    if (rc < 0)
        return rc;
    if (st != STORY_OPT_AVAILABLE)
        return err_set(err, ERR_STATE, "option %d is not available", opt + 1);
    rc = choice_option(run, opt, &o, err);
    if (rc < 0)
        return rc;
    if (o->target < 0) {
        scenario_where(run->sc, o->src, where, sizeof where);
        return err_set(err, ERR_INVALID, "%s: option leads to unknown beat '%s'", where,
                       o->target_id ? o->target_id : "?");
    }
    d.beat = run->cur->beat;
    d.option = opt;
    d.target = o->target;
    return leave_to(run, o->target, &d, o, err);
}

/* Resolves a signal/idea/discuss interaction and moves on to `next`. */
int story_continue(StoryRun *run, int result, Err *err)
{
    const StoryBeat *b = NULL;
    StoryDecision d;
    char where[300];
    memset(&d, 0, sizeof d);
    if (!run)
        return err_set(err, ERR_INVALID, "no run");
    b = cur_beat(run);
    if (story_pos(run) != STORY_AT_INTERACTION || b->interaction.kind == STORY_INT_CHOICE ||
        b->interaction.kind == STORY_INT_NONE)
        return err_set(err, ERR_STATE, "not at a signal, idea or discussion");
    if (b->interaction.kind == STORY_INT_SIGNAL &&
        (result < -1 || result > STORY_SIGNAL_STALKING))
        return err_set(err, ERR_INVALID, "bad signal result %d", result);
    if (b->next < 0) {
        scenario_where(run->sc, b->src, where, sizeof where);
        return err_set(err, ERR_STATE, "%s: beat '%s' has no next beat", where,
                       b->id ? b->id : "?");
    }
    d.beat = run->cur->beat;
    d.option = b->interaction.kind == STORY_INT_SIGNAL ? result : -1;
    d.target = b->next;
    return leave_to(run, b->next, &d, NULL, err);
}

/* The variable's value (strings borrowed until it changes), or ERR_NOTFOUND. */
int story_var_get(const StoryRun *run, const char *name, StoryValue *out)
{
    int slot = 0;
    if (!run || !name)
        return ERR_NOTFOUND;
    slot = name_slot(run, name);
    if (slot < 0 || !run->cur->def[slot])
        return ERR_NOTFOUND;
    if (out)
        *out = run->cur->val[slot];
    return 0;
}

/* Sets (or creates) a variable; a string is copied.  ERR_LIMIT past
 * STORY_MAX_VARS names, STORY_MAX_ID bytes of name or STORY_MAX_TEXT bytes
 * of text; the variable is unchanged on failure. */
int story_var_set(StoryRun *run, const char *name, const StoryValue *v, Err *err)
{
    if (!run)
        return err_set(err, ERR_INVALID, "no run");
    touch(run);
    return state_var_set(run, run->cur, name, v, err);
}

int story_var_count(const StoryRun *run)
{
    int i = 0;
    int n = 0;
    if (!run)
        return 0;
    for (i = 0; i < run->n_names; i++)
        n += run->cur->def[i] ? 1 : 0;
    return n;
}

/* Name of the i-th variable (in order of first creation), or NULL.
 * Borrowed until the run is freed. */
const char *story_var_name(const StoryRun *run, int i)
{
    int k = 0;
    if (!run || i < 0)
        return NULL;
    for (k = 0; k < run->n_names; k++) {
        if (!run->cur->def[k])
            continue;
        if (i-- == 0)
            return run->names[k];
    }
    return NULL;
}

int story_visits(const StoryRun *run, int beat)
{
    if (!run || beat < 0 || beat >= run->sc->n_beats)
        return 0;
    return run->cur->visits[beat];
}

int story_option_used(const StoryRun *run, int uid)
{
    if (!run || uid < 0 || uid >= run->sc->n_options)
        return 0;
    return bit_get(run->cur->used, uid);
}

int story_history_count(const StoryRun *run)
{
    return run ? run->hist_len : 0;
}

int story_history_get(const StoryRun *run, int i, StoryDecision *out)
{
    if (!run || i < 0 || i >= run->hist_len)
        return ERR_NOTFOUND;
    if (out)
        *out = run->hist[i].d;
    return 0;
}

/* Restores the state from just before decision i (see story.h).  The trail
 * is cut back to that beat's entry so Back keeps working from there. */
int story_rewind(StoryRun *run, int i, Err *err)
{
    DecisionRec *rec = NULL;
    StoryState *entry = NULL;
    StoryState *st = NULL;
    int t = 0;
    int found = -1;
    if (!run)
        return err_set(err, ERR_INVALID, "no run");
    if (i < 0 || i >= run->hist_len)
        return err_set(err, ERR_NOTFOUND, "no decision %d", i);
    rec = &run->hist[i];
    assert(rec->before);
    for (t = 0; t < run->trail_len; t++)
        if (run->trail[t].abs == rec->trail_abs)
            found = t;
    st = state_dup(run->sc, rec->before);
    if (found < 0) {
        /* That beat's entry has dropped out of the trail: start a new trail
         * there.  Steps carry no state, so its entry is the decision state
         * with no steps shown. */
        entry = state_dup(run->sc, rec->before);
        if (entry)
            entry->steps = 0;
    }
    if (!st || (found < 0 && !entry)) {
        state_free(st);
        state_free(entry);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    if (found >= 0) {
        while (run->trail_len > found + 1)
            trail_pop(run);
        state_free(run->trail[found].leave);
        run->trail[found].leave = NULL;
    } else {
        trail_clear(run);
        trail_push(run, entry);
        run->trail[0].abs = rec->trail_abs;
    }
    state_free(run->cur);
    run->cur = st;
    touch(run);
    hist_truncate(run, st->hist_abs);
    return 0;
}

/* Restores the state from when the current beat was entered. */
int story_replay_beat(StoryRun *run)
{
    TrailEntry *t = NULL;
    if (!run || run->trail_len == 0)
        return ERR_STATE;
    t = &run->trail[run->trail_len - 1];
    return restore(run, t->entry);
}

/* Starts a new pass at the start beat; explored branches stay. */
int story_restart(StoryRun *run, Err *err)
{
    if (!run)
        return err_set(err, ERR_INVALID, "no run");
    return begin_pass(run, err);
}

int story_explored(const StoryRun *run, int beat, int opt)
{
    const StoryInteraction *in = NULL;
    if (!run || beat < 0 || beat >= run->sc->n_beats)
        return 0;
    in = &run->sc->beats[beat].interaction;
    if (in->kind != STORY_INT_CHOICE || opt < 0 || opt >= in->n_options || !in->options)
        return 0;
    if (in->options[opt].uid < 0 || in->options[opt].uid >= run->sc->n_options)
        return 0;
    return bit_get(run->explored, in->options[opt].uid);
}

int story_beat_seen(const StoryRun *run, int beat)
{
    if (!run || beat < 0 || beat >= run->sc->n_beats)
        return 0;
    return run->seen[beat];
}
