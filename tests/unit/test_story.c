/* test_story.c - unit tests for the scenario model and the story runtime. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "story/scenario.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_text_and_where),
        cmocka_unit_test(test_link),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
