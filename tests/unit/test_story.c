/* test_story.c - unit tests for the scenario model and the story runtime. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story/scenario.h"
#include "story/story.h"
#include "story/story_explore.h"

#include <time.h>

static void test_arena(void **state)
{
    Scenario *sc = scenario_new();
    unsigned char *p = NULL;
    unsigned char *big = NULL;
    const char *s = NULL;
    size_t i = 0;
    int k = 0;
    (void)state;
    assert_non_null(sc);
    for (k = 0; k < 200; k++) {
        p = scenario_alloc(sc, 333);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (i = 0; i < 333; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xAB, 333);
    }
    big = scenario_alloc(sc, 100000);
    assert_non_null(big);
    for (i = 0; i < 100000; i += 997)
        assert_int_equal(big[i], 0);
    p = scenario_alloc(sc, 8); /* the head block is still usable after a big one */
    assert_non_null(p);
    assert_int_equal(p[0], 0);
    s = scenario_strdup(sc, "blåbær");
    assert_string_equal(s, "blåbær");
    assert_null(scenario_strdup(sc, NULL));
    assert_int_equal(scenario_add_file(sc, "a/scenario.lua"), 0);
    assert_int_equal(scenario_add_file(sc, "a/beats.lua"), 1);
    assert_int_equal(scenario_add_file(sc, "a/scenario.lua"), 0);
    assert_int_equal(sc->n_files, 2);
    scenario_free(sc);
    scenario_free(NULL);
}

static void test_text_and_where(void **state)
{
    Scenario *sc = scenario_new();
    StoryText t;
    char buf[64];
    StorySrc src = {0, 12};
    StorySrc unknown = {7, 3};
    (void)state;
    memset(&t, 0, sizeof t);
    assert_string_equal(story_text(&t, 0), "");
    assert_string_equal(story_text(NULL, 0), "");
    t.s[1] = "hello";
    assert_string_equal(story_text(&t, 0), "hello");
    assert_string_equal(story_text(&t, 1), "hello");
    t.s[0] = "hej";
    assert_string_equal(story_text(&t, 0), "hej");
    assert_string_equal(story_text(&t, 3), "hej");
    assert_string_equal(story_text(&t, -1), "hej");
    scenario_add_file(sc, "x/scenario.lua");
    assert_string_equal(scenario_where(sc, src, buf, sizeof buf), "x/scenario.lua:12");
    sc->id = "demo";
    assert_string_equal(scenario_where(sc, unknown, buf, sizeof buf), "demo:3");
    src.line = 0;
    assert_string_equal(scenario_where(sc, src, buf, sizeof buf), "x/scenario.lua");
    sc->langs[0] = "da";
    sc->langs[1] = "en";
    sc->n_langs = 2;
    assert_int_equal(scenario_lang_index(sc, "en"), 1);
    assert_int_equal(scenario_lang_index(sc, "de"), -1);
    scenario_free(sc);
}

static void test_link(void **state)
{
    Scenario *sc = scenario_new();
    StoryBeat *b = NULL;
    StoryOption *o = NULL;
    StoryCast *c = NULL;
    Err err;
    (void)state;
    err_clear(&err);
    sc->n_files = 0;
    scenario_add_file(sc, "s/beats.lua");
    b = scenario_alloc(sc, 3 * sizeof *b);
    b[0].id = "a";
    b[0].interaction.kind = STORY_INT_CHOICE;
    o = scenario_alloc(sc, 2 * sizeof *o);
    o[0].target_id = "b";
    o[1].target_id = "c";
    b[0].interaction.options = o;
    b[0].interaction.n_options = 2;
    b[1].id = "b";
    b[1].next_id = "c";
    b[2].id = "c";
    b[2].ending = 1;
    sc->beats = b;
    sc->n_beats = 3;
    c = scenario_alloc(sc, sizeof *c);
    c->id = "sofie";
    sc->cast = c;
    sc->n_cast = 1;
    assert_int_equal(scenario_link(sc, &err), 0);
    assert_int_equal(sc->start, 0);
    assert_int_equal(o[0].target, 1);
    assert_int_equal(o[1].target, 2);
    assert_int_equal(o[0].uid, 0);
    assert_int_equal(o[1].uid, 1);
    assert_int_equal(sc->n_options, 2);
    assert_int_equal(b[1].next, 2);
    assert_int_equal(b[2].next, -1);
    assert_int_equal(scenario_beat_index(sc, "c"), 2);
    assert_int_equal(scenario_beat_index(sc, "zz"), -1);
    assert_int_equal(scenario_cast_index(sc, "sofie"), 0);
    assert_int_equal(scenario_cast_index(sc, "emma"), -1);

    sc->start_id = "b";
    o[1].target_id = "nowhere";
    o[1].src.line = 17;
    b[1].next_id = "gone";
    b[1].src.line = 30;
    assert_int_equal(scenario_link(sc, &err), ERR_INVALID);
    assert_string_equal(err.msg, "s/beats.lua:17: unknown beat 'nowhere'");
    assert_int_equal(sc->start, 1);
    assert_int_equal(o[1].target, -1);
    assert_int_equal(b[1].next, -1);
    scenario_free(sc);
}

/* ---- story runtime ------------------------------------------------------
 * Fixture:
 *   0 intro   2 steps, next party
 *   1 party   1 step, CHOICE:
 *       0 tell    -> told     set told=true, add trust 1, once
 *       1 ignore  -> ignored  cond 1 (trust >= 1), greyed out
 *       2 secret  -> ignored  cond 2 (var 'secret' exists), hidden
 *       3 script  -> party    effect 10 (count += 1, mood = "sad"), once
 *       4 broken  -> told     set x=1, add trust 5, effect 99 (sets trust, fails)
 *       5 badcond -> told     cond 98 (fails with an error)
 *       6 again   -> party    no effects
 *   2 told    0 steps, SIGNAL, next end
 *   3 ignored 1 step, ending
 *   4 end     1 step, ending
 */
enum { B_INTRO, B_PARTY, B_TOLD, B_IGNORED, B_END };
enum { O_TELL, O_IGNORE, O_SECRET, O_SCRIPT, O_BROKEN, O_BADCOND, O_AGAIN, N_OPTS };

static StoryText txt(const char *da, const char *en)
{
    StoryText t;
    memset(&t, 0, sizeof t);
    t.s[0] = da;
    t.s[1] = en;
    return t;
}

static Scenario *make_fixture(void)
{
    Scenario *sc = scenario_new();
    StoryBeat *b = NULL;
    StoryStep *st = NULL;
    StoryOption *o = NULL;
    StoryEffect *e = NULL;
    StoryVarDecl *v = NULL;
    Err err;
    err_clear(&err);
    assert_non_null(sc);
    sc->langs[0] = "da";
    sc->langs[1] = "en";
    sc->n_langs = 2;
    sc->start_id = "intro";
    b = scenario_alloc(sc, 5 * sizeof *b);
    st = scenario_alloc(sc, 5 * sizeof *st);
    st[0].kind = STORY_STEP_NARRATION;
    st[0].text = txt("Fredag", "Friday");
    st[1].kind = STORY_STEP_LINE;
    st[1].text = txt("Hej", "Hi");
    st[2].kind = STORY_STEP_LINE;
    st[2].text = txt("Kom nu", "Come on");
    st[3].kind = STORY_STEP_NARRATION;
    st[3].text = txt("Slut", "The end");
    st[4].kind = STORY_STEP_NARRATION;
    st[4].text = txt("Slut 2", "The end 2");
    b[0].id = "intro";
    b[0].steps = &st[0];
    b[0].n_steps = 2;
    b[0].next_id = "party";
    b[1].id = "party";
    b[1].steps = &st[2];
    b[1].n_steps = 1;
    b[1].interaction.kind = STORY_INT_CHOICE;
    o = scenario_alloc(sc, N_OPTS * sizeof *o);
    e = scenario_alloc(sc, 4 * sizeof *e);
    e[0].var = "told";
    e[0].op = STORY_EFFECT_SET;
    e[0].value.type = STORY_VAL_BOOL;
    e[0].value.b = 1;
    e[1].var = "trust";
    e[1].op = STORY_EFFECT_ADD;
    e[1].value.type = STORY_VAL_NUMBER;
    e[1].value.num = 1;
    e[2].var = "x";
    e[2].op = STORY_EFFECT_SET;
    e[2].value.type = STORY_VAL_NUMBER;
    e[2].value.num = 1;
    e[3].var = "trust";
    e[3].op = STORY_EFFECT_ADD;
    e[3].value.type = STORY_VAL_NUMBER;
    e[3].value.num = 5;
    o[O_TELL].target_id = "told";
    o[O_TELL].effects = &e[0];
    o[O_TELL].n_effects = 2;
    o[O_TELL].once = 1;
    o[O_IGNORE].target_id = "ignored";
    o[O_IGNORE].cond_ref = 1;
    o[O_SECRET].target_id = "ignored";
    o[O_SECRET].cond_ref = 2;
    o[O_SECRET].hide = 1;
    o[O_SCRIPT].target_id = "party";
    o[O_SCRIPT].effect_ref = 10;
    o[O_SCRIPT].once = 1;
    o[O_BROKEN].target_id = "told";
    o[O_BROKEN].effects = &e[2];
    o[O_BROKEN].n_effects = 2;
    o[O_BROKEN].effect_ref = 99;
    o[O_BADCOND].target_id = "told";
    o[O_BADCOND].cond_ref = 98;
    o[O_AGAIN].target_id = "party";
    b[1].interaction.options = o;
    b[1].interaction.n_options = N_OPTS;
    b[2].id = "told";
    b[2].interaction.kind = STORY_INT_SIGNAL;
    b[2].next_id = "end";
    b[3].id = "ignored";
    b[3].steps = &st[3];
    b[3].n_steps = 1;
    b[3].ending = 1;
    b[4].id = "end";
    b[4].steps = &st[4];
    b[4].n_steps = 1;
    b[4].ending = 1;
    sc->beats = b;
    sc->n_beats = 5;
    v = scenario_alloc(sc, 2 * sizeof *v);
    v[0].name = "trust";
    v[0].init.type = STORY_VAL_NUMBER;
    v[0].init.num = 0;
    v[1].name = "name";
    v[1].init.type = STORY_VAL_STRING;
    v[1].init.str = "Sofie";
    sc->vars = v;
    sc->n_vars = 2;
    assert_int_equal(scenario_link(sc, &err), 0);
    return sc;
}

typedef struct HookLog {
    int cond_calls;
    int effect_calls;
} HookLog;

static double num_var(StoryRun *run, const char *name)
{
    StoryValue v;
    memset(&v, 0, sizeof v);
    if (story_var_get(run, name, &v) < 0 || v.type != STORY_VAL_NUMBER)
        return -12345;
    return v.num;
}

static int test_cond(void *ud, int ref, StoryRun *run, int *ok, Err *err)
{
    HookLog *log = ud;
    log->cond_calls++;
    switch (ref) {
    case 1:
        *ok = num_var(run, "trust") >= 1;
        return 0;
    case 2:
        *ok = story_var_get(run, "secret", NULL) == 0;
        return 0;
    default:
        return err_set(err, ERR_SCRIPT, "beats.lua:40: attempt to compare nil with number");
    }
}

static int test_effect(void *ud, int ref, StoryRun *run, Err *err)
{
    HookLog *log = ud;
    StoryValue v;
    int rc = 0;
    memset(&v, 0, sizeof v);
    log->effect_calls++;
    if (ref == 10) {
        v.type = STORY_VAL_NUMBER;
        v.num = (story_var_get(run, "count", NULL) == 0 ? num_var(run, "count") : 0) + 1;
        rc = story_var_set(run, "count", &v, err);
        if (rc < 0)
            return rc;
        v.type = STORY_VAL_STRING;
        v.str = "sad";
        return story_var_set(run, "mood", &v, err);
    }
    v.type = STORY_VAL_NUMBER;
    v.num = 100;
    story_var_set(run, "trust", &v, NULL);
    v.type = STORY_VAL_STRING;
    v.str = "half-done";
    story_var_set(run, "name", &v, NULL);
    return err_set(err, ERR_SCRIPT, "beats.lua:55: effect failed");
}

typedef struct Fix {
    Scenario *sc;
    StoryRun *run;
    HookLog log;
    StoryHooks hooks;
} Fix;

static int fix_setup(void **state)
{
    Fix *f = calloc(1, sizeof *f);
    Err err;
    err_clear(&err);
    if (!f)
        return -1;
    f->sc = make_fixture();
    f->hooks.ud = &f->log;
    f->hooks.cond = test_cond;
    f->hooks.effect = test_effect;
    f->run = story_run_new(f->sc, &f->hooks, &err);
    if (!f->run)
        return -1;
    *state = f;
    return 0;
}

static int fix_teardown(void **state)
{
    Fix *f = *state;
    story_run_free(f->run);
    scenario_free(f->sc);
    free(f);
    return 0;
}

/* Advances through steps and plain `next` beats until an interaction or
 * the end. */
static void to_interaction(StoryRun *run)
{
    int guard = 0;
    while (story_pos(run) == STORY_AT_STEPS && guard++ < 50)
        assert_int_equal(story_advance(run, NULL), 0);
    assert_true(guard < 50);
}

static void goto_party_choice(StoryRun *run)
{
    to_interaction(run);
    assert_int_equal(story_current_beat(run), B_PARTY);
    assert_int_equal(story_pos(run), STORY_AT_INTERACTION);
}

static void test_linear_and_back(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    Err err;
    err_clear(&err);
    assert_ptr_equal(story_scenario(run), f->sc);
    assert_int_equal(story_current_beat(run), B_INTRO);
    assert_int_equal(story_steps_shown(run), 0);
    assert_int_equal(story_visits(run, B_INTRO), 1);
    assert_int_equal(story_pos(run), STORY_AT_STEPS);
    assert_int_equal(story_advance(run, &err), 0);
    assert_int_equal(story_advance(run, &err), 0);
    assert_int_equal(story_steps_shown(run), 2);
    assert_int_equal(story_current_beat(run), B_INTRO);
    assert_int_equal(story_pos(run), STORY_AT_STEPS); /* next beat follows */
    assert_int_equal(story_advance(run, &err), 0);
    assert_int_equal(story_current_beat(run), B_PARTY);
    assert_int_equal(story_steps_shown(run), 0);
    assert_int_equal(story_visits(run, B_PARTY), 1);
    assert_true(story_beat_seen(run, B_PARTY));
    assert_false(story_beat_seen(run, B_TOLD));
    assert_int_equal(story_advance(run, &err), 0);
    assert_int_equal(story_pos(run), STORY_AT_INTERACTION);
    assert_int_equal(story_advance(run, &err), ERR_STATE);
    assert_int_equal(story_continue(run, -1, &err), ERR_STATE); /* a choice, not a signal */
    assert_int_equal(story_history_count(run), 0); /* no decision for a plain next */

    assert_int_equal(story_back(run), 0);
    assert_int_equal(story_steps_shown(run), 0);
    assert_int_equal(story_back(run), 0); /* into intro, all steps shown */
    assert_int_equal(story_current_beat(run), B_INTRO);
    assert_int_equal(story_steps_shown(run), 2);
    assert_int_equal(story_visits(run, B_PARTY), 0);
    assert_int_equal(story_visits(run, B_INTRO), 1);
    assert_true(story_beat_seen(run, B_PARTY)); /* seen survives */
    assert_int_equal(story_back(run), 0);
    assert_int_equal(story_back(run), 0);
    assert_int_equal(story_steps_shown(run), 0);
    assert_int_equal(story_back(run), ERR_STATE);
    /* and forward again */
    goto_party_choice(run);
    assert_int_equal(story_visits(run, B_PARTY), 1);
}

static void test_conditions(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    StoryOptState st = STORY_OPT_AVAILABLE;
    StoryWhy why = STORY_WHY_NONE;
    StoryValue v;
    Err err;
    err_clear(&err);
    memset(&v, 0, sizeof v);
    assert_int_equal(story_option_state(run, O_TELL, &st, &why, &err), ERR_STATE); /* not yet */
    goto_party_choice(run);
    assert_int_equal(story_option_state(run, O_TELL, &st, &why, &err), 0);
    assert_int_equal(st, STORY_OPT_AVAILABLE);
    assert_int_equal(why, STORY_WHY_NONE);
    assert_int_equal(story_option_state(run, O_IGNORE, &st, &why, &err), 0);
    assert_int_equal(st, STORY_OPT_DISABLED);
    assert_int_equal(why, STORY_WHY_CONDITION);
    assert_int_equal(story_option_state(run, O_SECRET, &st, &why, &err), 0);
    assert_int_equal(st, STORY_OPT_HIDDEN);
    assert_int_equal(why, STORY_WHY_CONDITION);
    assert_int_equal(story_choose(run, O_IGNORE, &err), ERR_STATE);
    assert_int_equal(story_choose(run, O_SECRET, &err), ERR_STATE);
    assert_int_equal(story_current_beat(run), B_PARTY);

    /* a failing condition: error, *state untouched, run untouched */
    st = STORY_OPT_HIDDEN;
    why = STORY_WHY_USED;
    assert_int_equal(story_option_state(run, O_BADCOND, &st, &why, &err), ERR_SCRIPT);
    assert_string_equal(err.msg, "beats.lua:40: attempt to compare nil with number");
    assert_int_equal(st, STORY_OPT_HIDDEN);
    assert_int_equal(why, STORY_WHY_USED);
    assert_int_equal(story_choose(run, O_BADCOND, &err), ERR_SCRIPT);
    assert_int_equal(story_current_beat(run), B_PARTY);
    assert_int_equal(story_option_state(run, 42, &st, NULL, &err), ERR_INVALID);

    /* conditions read live variables */
    v.type = STORY_VAL_NUMBER;
    v.num = 2;
    assert_int_equal(story_var_set(run, "trust", &v, &err), 0);
    v.type = STORY_VAL_BOOL;
    v.b = 1;
    assert_int_equal(story_var_set(run, "secret", &v, &err), 0);
    assert_int_equal(story_option_state(run, O_IGNORE, &st, &why, &err), 0);
    assert_int_equal(st, STORY_OPT_AVAILABLE);
    assert_int_equal(story_option_state(run, O_SECRET, &st, NULL, &err), 0);
    assert_int_equal(st, STORY_OPT_AVAILABLE);
    assert_int_equal(story_choose(run, O_SECRET, &err), 0);
    assert_int_equal(story_current_beat(run), B_IGNORED);
    assert_int_equal(story_advance(run, &err), 0);
    assert_int_equal(story_pos(run), STORY_AT_END);
    assert_int_equal(story_advance(run, &err), ERR_STATE);
    assert_true(f->log.cond_calls >= 4); /* each once per state */
}

static void test_no_hooks(void **state)
{
    Scenario *sc = make_fixture();
    StoryRun *run = story_run_new(sc, NULL, NULL);
    StoryOptState st = STORY_OPT_AVAILABLE;
    Err err;
    (void)state;
    err_clear(&err);
    assert_non_null(run);
    goto_party_choice(run);
    assert_int_equal(story_option_state(run, O_IGNORE, &st, NULL, &err), ERR_STATE);
    assert_non_null(strstr(err.msg, "no script"));
    assert_int_equal(story_choose(run, O_TELL, &err), 0); /* declared effects need no hooks */
    story_run_free(run);
    scenario_free(sc);
}

static void test_choose_and_signal(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    StoryDecision d;
    StoryValue v;
    Err err;
    err_clear(&err);
    memset(&d, 0, sizeof d);
    memset(&v, 0, sizeof v);
    goto_party_choice(run);
    assert_int_equal(story_choose(run, O_TELL, &err), 0);
    assert_int_equal(story_current_beat(run), B_TOLD);
    assert_int_equal(story_pos(run), STORY_AT_INTERACTION); /* 0 steps */
    assert_int_equal(story_var_get(run, "told", &v), 0);
    assert_int_equal(v.type, STORY_VAL_BOOL);
    assert_int_equal(v.b, 1);
    assert_true(num_var(run, "trust") == 1.0);
    assert_true(story_option_used(run, f->sc->beats[B_PARTY].interaction.options[O_TELL].uid));
    assert_true(story_explored(run, B_PARTY, O_TELL));
    assert_false(story_explored(run, B_PARTY, O_AGAIN));
    assert_int_equal(story_history_count(run), 1);
    assert_int_equal(story_history_get(run, 0, &d), 0);
    assert_int_equal(d.beat, B_PARTY);
    assert_int_equal(d.option, O_TELL);
    assert_int_equal(d.target, B_TOLD);
    assert_int_equal(story_history_get(run, 1, &d), ERR_NOTFOUND);
    assert_int_equal(story_choose(run, 0, &err), ERR_STATE);
    assert_int_equal(story_continue(run, 7, &err), ERR_INVALID);
    assert_int_equal(story_continue(run, STORY_SIGNAL_WARNING, &err), 0);
    assert_int_equal(story_current_beat(run), B_END);
    assert_int_equal(story_history_count(run), 2);
    assert_int_equal(story_history_get(run, 1, &d), 0);
    assert_int_equal(d.beat, B_TOLD);
    assert_int_equal(d.option, STORY_SIGNAL_WARNING);
    assert_int_equal(d.target, B_END);
    assert_int_equal(story_pos(run), STORY_AT_STEPS);
    assert_int_equal(story_advance(run, &err), 0);
    assert_int_equal(story_pos(run), STORY_AT_END);
}

static void test_back_across_decision(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    int uid = f->sc->beats[B_PARTY].interaction.options[O_TELL].uid;
    Err err;
    err_clear(&err);
    goto_party_choice(run);
    assert_int_equal(story_choose(run, O_TELL, &err), 0);
    assert_int_equal(story_visits(run, B_TOLD), 1);
    /* told has 0 steps: Back returns to party with its step shown and the
     * state from before the choice (effects not applied). */
    assert_int_equal(story_back(run), 0);
    assert_int_equal(story_current_beat(run), B_PARTY);
    assert_int_equal(story_steps_shown(run), 1);
    assert_int_equal(story_pos(run), STORY_AT_INTERACTION);
    assert_true(num_var(run, "trust") == 0.0);
    assert_int_equal(story_var_get(run, "told", NULL), ERR_NOTFOUND);
    assert_false(story_option_used(run, uid));
    assert_int_equal(story_visits(run, B_TOLD), 0);
    assert_int_equal(story_visits(run, B_PARTY), 1);
    assert_int_equal(story_history_count(run), 0);
    assert_true(story_explored(run, B_PARTY, O_TELL)); /* the map remembers */
    assert_int_equal(story_var_count(run), 2);
    /* the same choice can be made again */
    assert_int_equal(story_choose(run, O_TELL, &err), 0);
    assert_true(num_var(run, "trust") == 1.0);
    assert_int_equal(story_history_count(run), 1);
}

static void test_once_and_script_effect(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    StoryOptState st = STORY_OPT_AVAILABLE;
    StoryWhy why = STORY_WHY_NONE;
    StoryValue v;
    Err err;
    err_clear(&err);
    memset(&v, 0, sizeof v);
    goto_party_choice(run);
    assert_int_equal(story_choose(run, O_SCRIPT, &err), 0);
    assert_int_equal(f->log.effect_calls, 1);
    assert_int_equal(story_current_beat(run), B_PARTY);
    assert_int_equal(story_visits(run, B_PARTY), 2);
    assert_true(num_var(run, "count") == 1.0);
    assert_int_equal(story_var_get(run, "mood", &v), 0);
    assert_int_equal(v.type, STORY_VAL_STRING);
    assert_string_equal(v.str, "sad");
    assert_int_equal(story_var_count(run), 4);
    assert_string_equal(story_var_name(run, 0), "trust");
    assert_string_equal(story_var_name(run, 1), "name");
    assert_string_equal(story_var_name(run, 2), "count");
    assert_string_equal(story_var_name(run, 3), "mood");
    assert_null(story_var_name(run, 4));
    goto_party_choice(run);
    assert_int_equal(story_option_state(run, O_SCRIPT, &st, &why, &err), 0);
    assert_int_equal(st, STORY_OPT_DISABLED);
    assert_int_equal(why, STORY_WHY_USED);
    assert_int_equal(story_choose(run, O_SCRIPT, &err), ERR_STATE);
    assert_int_equal(f->log.effect_calls, 1);
    /* a non-once option loops freely */
    assert_int_equal(story_choose(run, O_AGAIN, &err), 0);
    goto_party_choice(run);
    assert_int_equal(story_choose(run, O_AGAIN, &err), 0);
    assert_int_equal(story_visits(run, B_PARTY), 4);
}

static void test_failing_effect(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    StoryValue v;
    Err err;
    int visits[5];
    int i = 0;
    err_clear(&err);
    memset(&v, 0, sizeof v);
    goto_party_choice(run);
    for (i = 0; i < 5; i++)
        visits[i] = story_visits(run, i);
    assert_int_equal(story_choose(run, O_BROKEN, &err), ERR_SCRIPT);
    assert_string_equal(err.msg, "beats.lua:55: effect failed");
    assert_int_equal(f->log.effect_calls, 1);
    assert_int_equal(story_current_beat(run), B_PARTY);
    assert_int_equal(story_steps_shown(run), 1);
    assert_int_equal(story_pos(run), STORY_AT_INTERACTION);
    assert_true(num_var(run, "trust") == 0.0); /* neither +5 nor 100 */
    assert_int_equal(story_var_get(run, "x", NULL), ERR_NOTFOUND);
    assert_int_equal(story_var_get(run, "name", &v), 0);
    assert_string_equal(v.str, "Sofie");
    assert_int_equal(story_var_count(run), 2);
    for (i = 0; i < 5; i++)
        assert_int_equal(story_visits(run, i), visits[i]);
    assert_int_equal(story_history_count(run), 0);
    assert_false(story_explored(run, B_PARTY, O_BROKEN));
    assert_false(story_beat_seen(run, B_TOLD));
    /* and the run goes on normally */
    assert_int_equal(story_choose(run, O_TELL, &err), 0);
    assert_int_equal(story_current_beat(run), B_TOLD);
}

static void test_rewind(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    int tell = f->sc->beats[B_PARTY].interaction.options[O_TELL].uid;
    int script = f->sc->beats[B_PARTY].interaction.options[O_SCRIPT].uid;
    StoryDecision d;
    StoryValue v;
    Err err;
    err_clear(&err);
    memset(&d, 0, sizeof d);
    memset(&v, 0, sizeof v);
    goto_party_choice(run);
    assert_int_equal(story_choose(run, O_SCRIPT, &err), 0); /* 0: count=1, party again */
    goto_party_choice(run);
    assert_int_equal(story_choose(run, O_TELL, &err), 0); /* 1: told, trust=1 */
    assert_int_equal(story_continue(run, STORY_SIGNAL_STALKING, &err), 0); /* 2 */
    to_interaction(run);
    assert_int_equal(story_pos(run), STORY_AT_END);
    assert_int_equal(story_history_count(run), 3);
    assert_int_equal(story_rewind(run, 3, &err), ERR_NOTFOUND);

    assert_int_equal(story_rewind(run, 1, &err), 0);
    assert_int_equal(story_history_count(run), 1);
    assert_int_equal(story_current_beat(run), B_PARTY);
    assert_int_equal(story_steps_shown(run), 1);
    assert_int_equal(story_pos(run), STORY_AT_INTERACTION);
    assert_true(num_var(run, "count") == 1.0);
    assert_true(num_var(run, "trust") == 0.0);
    assert_int_equal(story_var_get(run, "told", NULL), ERR_NOTFOUND);
    assert_int_equal(story_var_get(run, "mood", &v), 0);
    assert_string_equal(v.str, "sad");
    assert_true(story_option_used(run, script));
    assert_false(story_option_used(run, tell));
    assert_int_equal(story_visits(run, B_PARTY), 2);
    assert_int_equal(story_visits(run, B_TOLD), 0);
    assert_int_equal(story_visits(run, B_END), 0);
    assert_true(story_explored(run, B_PARTY, O_TELL));
    assert_true(story_beat_seen(run, B_END));

    assert_int_equal(story_rewind(run, 0, &err), 0);
    assert_int_equal(story_history_count(run), 0);
    assert_int_equal(story_visits(run, B_PARTY), 1);
    assert_int_equal(story_var_get(run, "count", NULL), ERR_NOTFOUND);
    assert_int_equal(story_var_get(run, "mood", NULL), ERR_NOTFOUND);
    assert_false(story_option_used(run, script));
    assert_true(story_explored(run, B_PARTY, O_SCRIPT));
    assert_int_equal(story_var_count(run), 2);
    /* Back still works from the rewound position */
    assert_int_equal(story_back(run), 0);
    assert_int_equal(story_back(run), 0);
    assert_int_equal(story_current_beat(run), B_INTRO);
    assert_int_equal(story_steps_shown(run), 2);
    /* a different branch this time */
    goto_party_choice(run);
    assert_int_equal(story_choose(run, O_TELL, &err), 0);
    assert_int_equal(story_history_get(run, 0, &d), 0);
    assert_int_equal(d.option, O_TELL);
}

static void test_replay_and_restart(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    StoryValue v;
    Err err;
    err_clear(&err);
    memset(&v, 0, sizeof v);
    goto_party_choice(run);
    assert_int_equal(story_choose(run, O_SCRIPT, &err), 0);
    assert_int_equal(story_advance(run, &err), 0);
    v.type = STORY_VAL_STRING;
    v.str = "changed";
    assert_int_equal(story_var_set(run, "name", &v, &err), 0);
    assert_int_equal(story_replay_beat(run), 0);
    assert_int_equal(story_current_beat(run), B_PARTY);
    assert_int_equal(story_steps_shown(run), 0);
    assert_int_equal(story_visits(run, B_PARTY), 2);
    assert_int_equal(story_var_get(run, "name", &v), 0);
    assert_string_equal(v.str, "Sofie");
    assert_true(num_var(run, "count") == 1.0);
    assert_int_equal(story_history_count(run), 1);

    assert_int_equal(story_restart(run, &err), 0);
    assert_int_equal(story_current_beat(run), B_INTRO);
    assert_int_equal(story_steps_shown(run), 0);
    assert_int_equal(story_visits(run, B_PARTY), 0);
    assert_int_equal(story_visits(run, B_INTRO), 1);
    assert_int_equal(story_history_count(run), 0);
    assert_int_equal(story_var_get(run, "count", NULL), ERR_NOTFOUND);
    assert_int_equal(story_var_count(run), 2);
    assert_true(story_explored(run, B_PARTY, O_SCRIPT));
    assert_true(story_beat_seen(run, B_PARTY));
    assert_int_equal(story_back(run), ERR_STATE);
    goto_party_choice(run);
    assert_int_equal(story_choose(run, O_SCRIPT, &err), 0); /* once-used reset */
}

static void test_history_bound(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    StoryDecision d;
    Err err;
    int i = 0;
    int backs = 0;
    err_clear(&err);
    memset(&d, 0, sizeof d);
    for (i = 0; i < 300; i++) {
        goto_party_choice(run);
        assert_int_equal(story_choose(run, O_AGAIN, &err), 0);
    }
    assert_int_equal(story_visits(run, B_PARTY), 301);
    assert_int_equal(story_history_count(run), STORY_MAX_HISTORY);
    /* The oldest kept decision is number 300 - 256 = 44, taken on the 45th
     * visit of party. */
    assert_int_equal(story_rewind(run, 0, &err), 0);
    assert_int_equal(story_visits(run, B_PARTY), 45);
    assert_int_equal(story_history_count(run), 0);
    assert_int_equal(story_current_beat(run), B_PARTY);
    /* Back runs until the oldest kept beat entry and then stops cleanly. */
    while (story_back(run) == 0 && backs < 10000)
        backs++;
    assert_true(backs > 0 && backs < 10000);
    assert_int_equal(story_back(run), ERR_STATE);
    goto_party_choice(run);
    assert_int_equal(story_choose(run, O_TELL, &err), 0);
    assert_int_equal(story_history_count(run), 1);
}

static void test_vars(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    StoryValue v;
    char name[STORY_MAX_ID + 2];
    char *big = NULL;
    Err err;
    int i = 0;
    int rc = 0;
    err_clear(&err);
    memset(&v, 0, sizeof v);
    assert_int_equal(story_var_get(run, "nope", &v), ERR_NOTFOUND);
    memset(name, 'a', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    v.type = STORY_VAL_NUMBER;
    assert_int_equal(story_var_set(run, name, &v, &err), ERR_LIMIT);
    big = calloc(1, STORY_MAX_TEXT + 2);
    assert_non_null(big);
    memset(big, 'x', STORY_MAX_TEXT + 1);
    v.type = STORY_VAL_STRING;
    v.str = big;
    assert_int_equal(story_var_set(run, "name", &v, &err), ERR_LIMIT);
    free(big);
    assert_int_equal(story_var_get(run, "name", &v), 0);
    assert_string_equal(v.str, "Sofie");
    v.type = STORY_VAL_NUMBER;
    for (i = 0; i < STORY_MAX_VARS; i++) {
        char n[16];
        snprintf(n, sizeof n, "v%d", i);
        v.num = i;
        rc = story_var_set(run, n, &v, &err);
        if (i < STORY_MAX_VARS - 2)
            assert_int_equal(rc, 0);
        else
            assert_int_equal(rc, ERR_LIMIT);
    }
    assert_int_equal(story_var_count(run), STORY_MAX_VARS);
    v.num = 7; /* existing variables can still change */
    assert_int_equal(story_var_set(run, "trust", &v, &err), 0);
    assert_true(num_var(run, "trust") == 7.0);
}

static void test_bad_scenarios(void **state)
{
    Scenario *sc = scenario_new();
    Err err;
    (void)state;
    err_clear(&err);
    assert_null(story_run_new(sc, NULL, &err)); /* no beats */
    assert_int_equal(err.code, ERR_INVALID);
    scenario_free(sc);
    assert_null(story_run_new(NULL, NULL, &err));
    story_run_free(NULL);
}

/* Each option's state in turn, as the show's readers ask them. */
static void ask_all(StoryRun *run)
{
    int i = 0;
    for (i = 0; i < N_OPTS; i++) {
        StoryOptState st = STORY_OPT_AVAILABLE;
        Err err;
        err_clear(&err);
        story_option_state(run, i, &st, NULL, &err);
    }
}

/* A condition runs once per state however often its option is asked
 * (failures too), and again after anything it could read changed. */
static void test_condition_cache(void **state)
{
    Fix *f = *state;
    StoryRun *run = f->run;
    StoryOptState st = STORY_OPT_AVAILABLE;
    StoryValue v;
    Err err;
    int k = 0;
    long calls = 0;
    err_clear(&err);
    memset(&v, 0, sizeof v);
    goto_party_choice(run);
    f->log.cond_calls = 0;
    for (k = 0; k < 4; k++) /* the view, the poll, the phones, the presenter */
        ask_all(run);
    assert_int_equal(f->log.cond_calls, 3); /* O_IGNORE, O_SECRET, O_BADCOND */
    assert_int_equal(story_condition_calls(run), 3);
    assert_int_equal(story_option_state(run, O_BADCOND, &st, NULL, &err), ERR_SCRIPT);
    assert_string_equal(err.msg, "beats.lua:40: attempt to compare nil with number");
    assert_int_equal(f->log.cond_calls, 3); /* the failure was kept too */
    /* Back (even one step) asks again: the facilitator's way to retry */
    assert_int_equal(story_back(run), 0);
    assert_int_equal(story_advance(run, &err), 0);
    ask_all(run);
    assert_int_equal(f->log.cond_calls, 6);
    f->log.cond_calls = 3;
    /* a variable changed: asked again, once */
    v.type = STORY_VAL_NUMBER;
    v.num = 2;
    assert_int_equal(story_var_set(run, "trust", &v, &err), 0);
    ask_all(run);
    ask_all(run);
    assert_int_equal(f->log.cond_calls, 6);
    assert_int_equal(story_option_state(run, O_IGNORE, &st, NULL, &err), 0);
    assert_int_equal(st, STORY_OPT_AVAILABLE);
    /* replay (back to the beat's entry), forget, choose + rewind, restart */
    assert_int_equal(story_replay_beat(run), 0);
    to_interaction(run);
    ask_all(run);
    assert_int_equal(f->log.cond_calls, 9);
    assert_int_equal(story_option_state(run, O_IGNORE, &st, NULL, &err), 0);
    assert_int_equal(st, STORY_OPT_DISABLED); /* trust is 0 again */
    story_forget_conditions(run);
    ask_all(run);
    assert_int_equal(f->log.cond_calls, 12);
    assert_int_equal(story_choose(run, O_TELL, &err), 0); /* asks nothing new: O_TELL has none */
    assert_int_equal(f->log.cond_calls, 12);
    assert_int_equal(story_rewind(run, 0, &err), 0);
    ask_all(run);
    assert_int_equal(f->log.cond_calls, 15);
    assert_int_equal(story_restart(run, &err), 0);
    goto_party_choice(run);
    calls = story_condition_calls(run);
    ask_all(run);
    ask_all(run);
    assert_int_equal(story_condition_calls(run), calls + 3);
}

/* A condition that sleeps: slow_ms of the run's ud. */
static int slow_cond(void *ud, int ref, StoryRun *run, int *ok, Err *err)
{
    struct timespec ts = {0, 12 * 1000 * 1000};
    (void)ud;
    nanosleep(&ts, NULL);
    return test_cond(ud, ref, run, ok, err);
}

/* `spectactor test` finds conditions slower than STORY_EXPLORE_SLOW_MS. */
static void test_explore_slow(void **state)
{
    Fix *f = *state;
    StoryHooks hooks = f->hooks;
    StoryExploreResult *r = NULL;
    Err err;
    int i = 0, slow = 0;
    err_clear(&err);
    hooks.cond = slow_cond;
    r = story_explore(f->sc, &hooks, NULL, &err);
    assert_non_null(r);
    for (i = 0; i < r->n_findings; i++) {
        if (r->findings[i].kind != STORY_FIND_SLOW)
            continue;
        slow++;
        assert_int_equal(r->findings[i].beat, B_PARTY);
        assert_true(r->findings[i].option == O_IGNORE || r->findings[i].option == O_SECRET);
        assert_non_null(strstr(r->findings[i].msg, "keep conditions fast"));
    }
    assert_int_equal(slow, 2); /* once per option (O_BADCOND fails: its own finding) */
    story_explore_free(r);
    hooks.cond = test_cond; /* fast: no such finding */
    r = story_explore(f->sc, &hooks, NULL, &err);
    assert_non_null(r);
    for (i = 0; i < r->n_findings; i++)
        assert_int_not_equal(r->findings[i].kind, STORY_FIND_SLOW);
    story_explore_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_text_and_where),
        cmocka_unit_test(test_link),
        cmocka_unit_test_setup_teardown(test_linear_and_back, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(test_conditions, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(test_condition_cache, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(test_explore_slow, fix_setup, fix_teardown),
        cmocka_unit_test(test_no_hooks),
        cmocka_unit_test_setup_teardown(test_choose_and_signal, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(test_back_across_decision, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(test_once_and_script_effect, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(test_failing_effect, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(test_rewind, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(test_replay_and_restart, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(test_history_bound, fix_setup, fix_teardown),
        cmocka_unit_test_setup_teardown(test_vars, fix_setup, fix_teardown),
        cmocka_unit_test(test_bad_scenarios),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
