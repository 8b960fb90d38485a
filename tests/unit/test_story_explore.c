/* test_story_explore.c - unit tests for the path explorer (story_explore.c)
 * on scenarios built in C, with C condition and effect hooks. */
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

/* Condition refs: 1 = never, 2 = "x is true", 3 = fails when x is true,
 * 4 = flips on every call.  Effect ref 5 sets x. */
static int calls_flip = 0;

static int cond(void *ud, int ref, StoryRun *run, int *ok, Err *err)
{
    StoryValue v;
    (void)ud;
    memset(&v, 0, sizeof v);
    if (story_var_get(run, "x", &v) < 0)
        v.type = STORY_VAL_NIL;
    switch (ref) {
    case 1:
        *ok = 0;
        return 0;
    case 2:
        *ok = v.type == STORY_VAL_BOOL && v.b;
        return 0;
    case 3:
        if (v.type == STORY_VAL_BOOL && v.b)
            return err_set(err, ERR_SCRIPT, "s.lua:9: script ran too long (endless loop?)");
        *ok = 1;
        return 0;
    default:
        *ok = calls_flip++ % 2;
        return 0;
    }
}

static int effect(void *ud, int ref, StoryRun *run, Err *err)
{
    StoryValue v;
    (void)ud;
    (void)ref;
    memset(&v, 0, sizeof v);
    v.type = STORY_VAL_BOOL;
    v.b = 1;
    return story_var_set(run, "x", &v, err);
}

static const StoryHooks HOOKS = {NULL, cond, effect};

/* Adds a beat: kind CHOICE with n options (targets by id), or a plain beat
 * going to next_id, or an ending (next_id NULL, n 0). */
static StoryOption *add_beat(Scenario *sc, StoryBeat *b, const char *id, int n, const char *next_id)
{
    b->id = id;
    b->next_id = next_id;
    b->ending = (n == 0 && !next_id);
    if (n > 0) {
        StoryOption *o = scenario_alloc(sc, (size_t)n * sizeof *o);
        b->interaction.kind = STORY_INT_CHOICE;
        b->interaction.options = o;
        b->interaction.n_options = n;
        return o;
    }
    return NULL;
}

/* start: 1 -> mid (sets x), 2 -> mid; mid: 1 (when x) -> good, 2 (never) ->
 * bad, 3 -> loop; loop -> back to mid.  good and bad are endings. */
static Scenario *fixture(int cond_mid1, int cond_mid2)
{
    Scenario *sc = scenario_new();
    StoryBeat *b = scenario_alloc(sc, 5 * sizeof *b);
    StoryOption *o = NULL;
    Err err;
    err_clear(&err);
    scenario_add_file(sc, "t/scenario.lua");
    o = add_beat(sc, &b[0], "start", 2, NULL);
    o[0].target_id = "mid";
    o[0].effect_ref = 5;
    o[1].target_id = "mid";
    o = add_beat(sc, &b[1], "mid", 3, NULL);
    o[0].target_id = "good";
    o[0].cond_ref = cond_mid1;
    o[1].target_id = "bad";
    o[1].cond_ref = cond_mid2;
    o[2].target_id = "loop";
    add_beat(sc, &b[2], "loop", 0, "mid");
    add_beat(sc, &b[3], "good", 0, NULL);
    add_beat(sc, &b[4], "bad", 0, NULL);
    sc->beats = b;
    sc->n_beats = 5;
    assert_int_equal(scenario_link(sc, &err), 0);
    return sc;
}

static void test_counts(void **state)
{
    Scenario *sc = fixture(2, 1);
    Err err;
    StoryExploreResult *r = NULL;
    (void)state;
    err_clear(&err);
    r = story_explore(sc, &HOOKS, NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->beat_reached[3], 1);
    assert_int_equal(r->beat_reached[4], 0);
    /* good is reached only on the path that set x: start#1 > mid#1, and
     * start#1 > mid#3 > (loop) > mid#1 */
    assert_true(r->ending_paths[3] >= 1.0);
    assert_true(r->ending_paths[4] == 0.0);
    assert_true(r->opt_offered[sc->beats[1].interaction.options[1].uid] > 0);
    assert_int_equal(r->opt_available[sc->beats[1].interaction.options[1].uid], 0);
    /* the start#2 branch (x never set) can only loop: one finding */
    assert_int_equal(r->n_findings, 1);
    assert_int_equal(r->findings[0].kind, STORY_FIND_NO_ENDING);
    assert_string_equal(r->findings[0].path, "start#2");
    assert_int_equal(r->findings[0].beat, 1);
    assert_int_equal(r->truncated, 0);
    story_explore_free(r);
    scenario_free(sc);
}

static void test_failing_and_unstable(void **state)
{
    Scenario *sc = fixture(3, 4);
    Err err;
    StoryExploreResult *r = NULL;
    int i = 0, cond_found = 0, unstable = 0;
    (void)state;
    err_clear(&err);
    r = story_explore(sc, &HOOKS, NULL, &err);
    assert_non_null(r);
    for (i = 0; i < r->n_findings; i++) {
        if (r->findings[i].kind == STORY_FIND_COND) {
            cond_found++;
            assert_string_equal(r->findings[i].path, "start#1");
            assert_non_null(strstr(r->findings[i].msg, "too long"));
            assert_int_equal(r->findings[i].option, 0);
        }
        if (r->findings[i].kind == STORY_FIND_UNSTABLE)
            unstable++;
    }
    assert_int_equal(cond_found, 1);
    assert_int_equal(unstable, 1);
    story_explore_free(r);
    scenario_free(sc);
}

static void test_limits_and_errors(void **state)
{
    Scenario *sc = fixture(0, 0);
    StoryExploreLimits lim = {2, 0, 0};
    Err err;
    StoryExploreResult *r = NULL;
    (void)state;
    err_clear(&err);
    r = story_explore(sc, &HOOKS, &lim, &err);
    assert_non_null(r);
    assert_int_equal(r->n_states, 2);
    assert_int_equal(r->truncated, 1);
    story_explore_free(r);
    story_explore_free(NULL);
    assert_null(story_explore(NULL, &HOOKS, NULL, &err));
    assert_int_equal(err.code, ERR_INVALID);
    scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_failing_and_unstable),
        cmocka_unit_test(test_limits_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
