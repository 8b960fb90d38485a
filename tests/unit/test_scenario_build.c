/* test_scenario_build.c - the scenario builder (story/scenario_build.h):
 * a whole scenario built call by call, and each limit and misuse error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "story/scenario_build.h"

/* A text in every language of a two-language scenario. */
static StoryText text2(const char *s)
{
    StoryText t;
    memset(&t, 0, sizeof t);
    t.s[0] = s;
    t.s[1] = s;
    return t;
}

/* A builder with languages da, en and the scenario begun. */
static ScenarioBuilder *begun(void)
{
    Err e;
    ScenarioInfo info;
    ScenarioBuilder *b = scenario_builder_new("dir", "dir/scenario.lua", &e);
    memset(&info, 0, sizeof info);
    assert_non_null(b);
    assert_int_equal(scenario_add_language(b, "da", &e), 0);
    assert_int_equal(scenario_add_language(b, "en", &e), 1);
    info.id = "demo";
    info.title = text2("Demo");
    info.src.line = 1;
    assert_int_equal(scenario_begin(b, &info, &e), 0);
    return b;
}

static int add_cast(ScenarioBuilder *b, const char *id, Err *e)
{
    StoryCast c;
    memset(&c, 0, sizeof c);
    c.id = id;
    c.name = text2(id);
    c.color = 0x112233;
    return scenario_add_cast(b, &c, e);
}

static int add_beat(ScenarioBuilder *b, const char *id, const char *next, Err *e)
{
    StoryBeat beat;
    memset(&beat, 0, sizeof beat);
    beat.id = id;
    beat.next_id = next;
    beat.src.line = 10;
    return scenario_add_beat(b, &beat, e);
}

static StoryDecl *narration(ScenarioBuilder *b, const char *s, Err *e)
{
    StoryStep st;
    memset(&st, 0, sizeof st);
    st.kind = STORY_STEP_NARRATION;
    st.speaker = -1;
    st.phone = -1;
    st.text = text2(s);
    return scenario_new_step(b, &st, e);
}

static StoryDecl *option_to(ScenarioBuilder *b, const char *text, const char *to, Err *e)
{
    StoryOption o;
    memset(&o, 0, sizeof o);
    o.text = text2(text);
    o.target_id = to;
    return scenario_new_option(b, &o, e);
}

static StoryDecl *interaction(ScenarioBuilder *b, StoryIntKind kind, Err *e)
{
    StoryInteraction in;
    memset(&in, 0, sizeof in);
    in.kind = kind;
    in.character = -1;
    return scenario_new_interaction(b, &in, e);
}

static void test_whole_scenario(void **state)
{
    Err e;
    char buf[64];
    ScenarioBuilder *b = begun();
    StoryDecl *choice = NULL;
    StoryDecl *opt = NULL;
    StoryEffect effects[3];
    StoryOption o;
    StoryValue v;
    StoryContact c;
    StoryText advice = text2("Tell an adult");
    Scenario *sc = NULL;
    int beat = 0;
    (void)state;
    memset(effects, 0, sizeof effects);
    memset(&o, 0, sizeof o);
    memset(&v, 0, sizeof v);
    memset(&c, 0, sizeof c);
    assert_int_equal(add_cast(b, "sofie", &e), 0);
    assert_int_equal(add_cast(b, "mads", &e), 1);
    c.name = text2("Helpline");
    c.phone = "12 34";
    assert_int_equal(scenario_add_contact(b, &c, &e), 0);
    assert_int_equal(scenario_add_advice(b, &advice, &e), 0);
    v.type = STORY_VAL_NUMBER;
    v.num = 1;
    assert_int_equal(scenario_add_var(b, "zeta", &v, &e), 0);
    v.type = STORY_VAL_STRING;
    strcpy(buf, "mood");
    v.str = buf;
    assert_int_equal(scenario_add_var(b, "alpha", &v, &e), 0);
    buf[0] = 'X'; /* the builder copied the string */

    beat = add_beat(b, "party", NULL, &e);
    assert_int_equal(beat, 0);
    assert_int_equal(scenario_beat_add_step(b, beat, narration(b, "Loud music", &e), &e), 0);
    choice = interaction(b, STORY_INT_CHOICE, &e);
    assert_non_null(choice);
    effects[0].var = "zeta";
    effects[0].op = STORY_EFFECT_ADD;
    effects[0].value.type = STORY_VAL_NUMBER;
    effects[0].value.num = 2;
    effects[1].var = "beta";
    effects[1].op = STORY_EFFECT_SET;
    effects[1].value.type = STORY_VAL_BOOL;
    effects[1].value.b = 1;
    effects[2].var = "alpha";
    effects[2].op = STORY_EFFECT_SET;
    effects[2].value.type = STORY_VAL_NUMBER;
    o.text = text2("Answer");
    o.target_id = "end";
    o.effects = effects;
    o.n_effects = 3;
    o.cond_ref = 7;
    opt = scenario_new_option(b, &o, &e);
    assert_non_null(opt);
    assert_int_equal(scenario_decl_kind(b, opt), STORY_DECL_OPTION);
    assert_int_equal(scenario_choice_add_option(b, choice, opt, &e), 0);
    assert_int_equal(scenario_choice_add_option(b, choice, option_to(b, "Again", "party", &e), &e),
                     0);
    assert_int_equal(scenario_beat_set_interaction(b, beat, choice, &e), 0);
    assert_int_equal(add_beat(b, "end", NULL, &e), 1);

    sc = scenario_builder_finish(b, &e);
    assert_non_null(sc);
    scenario_builder_free(b); /* the scenario is the caller's now */
    assert_string_equal(sc->id, "demo");
    assert_string_equal(sc->dir, "dir");
    assert_int_equal(sc->n_langs, 2);
    assert_int_equal(sc->n_cast, 2);
    assert_int_equal(sc->cast[1].color, 0x112233);
    assert_int_equal(sc->n_contacts, 1);
    assert_string_equal(sc->contacts[0].phone, "12 34");
    assert_int_equal(sc->n_advice, 1);
    assert_int_equal(sc->n_vars, 2);
    assert_string_equal(sc->vars[0].name, "alpha"); /* sorted */
    assert_string_equal(sc->vars[0].init.str, "mood");
    assert_int_equal(sc->n_beats, 2);
    assert_int_equal(sc->start, 0);
    assert_int_equal(sc->beats[0].n_steps, 1);
    assert_string_equal(story_text(&sc->beats[0].steps[0].text, 1), "Loud music");
    assert_int_equal(sc->beats[0].interaction.kind, STORY_INT_CHOICE);
    assert_int_equal(sc->beats[0].interaction.n_options, 2);
    assert_int_equal(sc->beats[0].interaction.options[0].target, 1);
    assert_int_equal(sc->beats[0].interaction.options[1].target, 0);
    assert_int_equal(sc->beats[0].interaction.options[1].uid, 1);
    assert_int_equal(sc->beats[0].interaction.options[0].cond_ref, 7);
    /* effects: SET before ADD, by name within each */
    assert_int_equal(sc->beats[0].interaction.options[0].n_effects, 3);
    assert_string_equal(sc->beats[0].interaction.options[0].effects[0].var, "alpha");
    assert_string_equal(sc->beats[0].interaction.options[0].effects[1].var, "beta");
    assert_string_equal(sc->beats[0].interaction.options[0].effects[2].var, "zeta");
    assert_int_equal(sc->n_options, 2);
    scenario_free(sc);
}

static void test_many_steps_grow(void **state)
{
    Err e;
    ScenarioBuilder *b = begun();
    Scenario *sc = NULL;
    char text[16];
    int i = 0;
    (void)state;
    assert_int_equal(add_beat(b, "a", NULL, &e), 0);
    assert_int_equal(add_beat(b, "b", NULL, &e), 1);
    for (i = 0; i < STORY_MAX_STEPS; i++) {
        snprintf(text, sizeof text, "a%d", i);
        assert_int_equal(scenario_beat_add_step(b, 0, narration(b, text, &e), &e), 0);
        snprintf(text, sizeof text, "b%d", i);
        assert_int_equal(scenario_beat_add_step(b, 1, narration(b, text, &e), &e), 0);
    }
    assert_int_equal(scenario_beat_add_step(b, 0, narration(b, "x", &e), &e), ERR_LIMIT);
    assert_string_equal(e.msg, "at most 200 steps");
    sc = scenario_builder_finish(b, &e);
    assert_non_null(sc);
    assert_int_equal(sc->beats[0].n_steps, STORY_MAX_STEPS);
    assert_string_equal(story_text(&sc->beats[0].steps[137].text, 0), "a137");
    assert_string_equal(story_text(&sc->beats[1].steps[199].text, 0), "b199");
    scenario_builder_free(b);
    scenario_free(sc);
}

static void test_limits(void **state)
{
    Err e;
    ScenarioBuilder *b = NULL;
    StoryContact c;
    StoryText t = text2("x");
    StoryValue v;
    StoryDecl *choice = NULL;
    char id[32];
    int i = 0;
    (void)state;
    memset(&c, 0, sizeof c);
    memset(&v, 0, sizeof v);

    b = scenario_builder_new("d", "d/scenario.lua", &e);
    for (i = 0; i < STORY_MAX_LANGS; i++) {
        snprintf(id, sizeof id, "l%d", i);
        assert_int_equal(scenario_add_language(b, id, &e), i);
    }
    assert_int_equal(scenario_add_language(b, "more", &e), ERR_LIMIT);
    assert_int_equal(scenario_add_language(b, "l1", &e), ERR_INVALID);
    assert_string_equal(e.msg, "language 'l1' is listed twice");
    scenario_builder_free(b);

    b = begun();
    c.phone = "123456789012345678901234567890123456789012345678901234567890123456789";
    assert_int_equal(scenario_add_contact(b, &c, &e), ERR_LIMIT);
    assert_string_equal(e.msg, "phone is longer than 64 bytes");
    c.phone = NULL;
    for (i = 0; i < STORY_MAX_CONTACTS; i++)
        assert_int_equal(scenario_add_contact(b, &c, &e), 0);
    assert_int_equal(scenario_add_contact(b, &c, &e), ERR_LIMIT);
    assert_string_equal(e.msg, "at most 16 contacts");

    for (i = 0; i < STORY_MAX_ADVICE; i++)
        assert_int_equal(scenario_add_advice(b, &t, &e), 0);
    assert_int_equal(scenario_add_advice(b, &t, &e), ERR_LIMIT);
    assert_string_equal(e.msg, "at most 32 advice texts");

    v.type = STORY_VAL_BOOL;
    for (i = 0; i < STORY_MAX_VARS; i++) {
        snprintf(id, sizeof id, "v%02d", STORY_MAX_VARS - i);
        assert_int_equal(scenario_add_var(b, id, &v, &e), 0);
    }
    assert_int_equal(scenario_add_var(b, "w", &v, &e), ERR_LIMIT);
    assert_string_equal(e.msg, "at most 64 variables");
    assert_string_equal(scenario_builder_scenario(b)->vars[0].name, "v01");

    for (i = 0; i < STORY_MAX_CAST; i++) {
        snprintf(id, sizeof id, "c%d", i);
        assert_int_equal(add_cast(b, id, &e), i);
    }
    assert_int_equal(add_cast(b, "c99", &e), ERR_LIMIT);
    assert_string_equal(e.msg, "at most 16 characters");

    choice = interaction(b, STORY_INT_CHOICE, &e);
    for (i = 0; i < STORY_MAX_OPTIONS; i++)
        assert_int_equal(scenario_choice_add_option(b, choice, option_to(b, "o", "x", &e), &e), 0);
    assert_int_equal(scenario_choice_add_option(b, choice, option_to(b, "o", "x", &e), &e),
                     ERR_LIMIT);
    assert_string_equal(e.msg, "at most 9 options");

    for (i = 0; i < STORY_MAX_BEATS; i++) {
        snprintf(id, sizeof id, "b%d", i);
        assert_int_equal(add_beat(b, id, NULL, &e), i);
    }
    assert_int_equal(add_beat(b, "last", NULL, &e), ERR_LIMIT);
    assert_string_equal(e.msg, "at most 1000 beats");
    scenario_builder_free(b);
}

static void test_option_and_interaction_limits(void **state)
{
    Err e;
    ScenarioBuilder *b = begun();
    StoryEffect effects[STORY_MAX_EFFECTS + 1];
    StoryOption o;
    StoryInteraction in;
    char names[STORY_MAX_EFFECTS + 1][8];
    int i = 0;
    (void)state;
    memset(effects, 0, sizeof effects);
    memset(&o, 0, sizeof o);
    memset(&in, 0, sizeof in);
    for (i = 0; i <= STORY_MAX_EFFECTS; i++) {
        snprintf(names[i], sizeof names[i], "v%d", i);
        effects[i].var = names[i];
        effects[i].op = STORY_EFFECT_SET;
        effects[i].value.type = STORY_VAL_NUMBER;
    }
    o.text = text2("o");
    o.target_id = "t";
    o.effects = effects;
    o.n_effects = STORY_MAX_EFFECTS;
    assert_non_null(scenario_new_option(b, &o, &e));
    o.n_effects = STORY_MAX_EFFECTS + 1;
    assert_null(scenario_new_option(b, &o, &e));
    assert_int_equal(e.code, ERR_LIMIT);
    assert_string_equal(e.msg, "at most 64 variable effects");
    o.n_effects = 1;
    effects[0].op = STORY_EFFECT_ADD;
    effects[0].value.type = STORY_VAL_STRING;
    effects[0].value.str = "no";
    assert_null(scenario_new_option(b, &o, &e));
    assert_int_equal(e.code, ERR_INVALID);
    o.n_effects = 0;
    o.target_id = NULL;
    assert_null(scenario_new_option(b, &o, &e)); /* no target */

    in.kind = STORY_INT_DISCUSS;
    in.character = -1;
    in.seconds = STORY_MAX_SECONDS;
    assert_non_null(scenario_new_interaction(b, &in, &e));
    in.seconds = STORY_MAX_SECONDS + 1;
    assert_null(scenario_new_interaction(b, &in, &e));
    assert_int_equal(e.code, ERR_LIMIT);
    in.seconds = 0;
    in.character = 3; /* no cast yet */
    assert_null(scenario_new_interaction(b, &in, &e));
    assert_int_equal(e.code, ERR_INVALID);
    scenario_builder_free(b);
}

static void test_texts_and_ids(void **state)
{
    Err e;
    ScenarioBuilder *b = begun();
    static char big[STORY_MAX_TEXT + 2];
    StoryStep st;
    StoryCast c;
    (void)state;
    memset(&st, 0, sizeof st);
    memset(&c, 0, sizeof c);
    assert_true(scenario_id_valid("a-b_C9", 6));
    assert_false(scenario_id_valid("a b", 3));
    assert_false(scenario_id_valid("", 0));
    assert_false(scenario_id_valid(big, STORY_MAX_ID + 1));
    memset(big, 'x', STORY_MAX_TEXT + 1);
    st.kind = STORY_STEP_NARRATION;
    st.speaker = -1;
    st.phone = -1;
    st.text = text2(big);
    assert_null(scenario_new_step(b, &st, &e));
    assert_int_equal(e.code, ERR_LIMIT);
    st.text = text2("ok");
    st.kind = STORY_STEP_LINE; /* a line needs a speaker */
    assert_null(scenario_new_step(b, &st, &e));
    assert_int_equal(e.code, ERR_INVALID);
    st.speaker = 0; /* not in the cast */
    assert_null(scenario_new_step(b, &st, &e));
    st.kind = STORY_STEP_IMAGE; /* an image needs a path */
    st.speaker = -1;
    assert_null(scenario_new_step(b, &st, &e));
    st.image = "img/a.png";
    assert_non_null(scenario_new_step(b, &st, &e));

    assert_int_equal(add_cast(b, "a", &e), 0);
    assert_int_equal(add_cast(b, "a", &e), ERR_INVALID);
    assert_string_equal(e.msg, "cast 'a' is declared twice");
    assert_int_equal(add_cast(b, "b c", &e), ERR_INVALID);
    c.id = "nameless";
    assert_int_equal(scenario_add_cast(b, &c, &e), ERR_INVALID);
    assert_int_equal(add_beat(b, "x", NULL, &e), 0);
    assert_int_equal(add_beat(b, "x", NULL, &e), ERR_INVALID);
    assert_string_equal(e.msg, "beat 'x' is declared twice (first at dir/scenario.lua:10)");
    assert_int_equal(add_beat(b, "y", "bad id", &e), ERR_INVALID);
    scenario_builder_free(b);
}

static void test_misuse(void **state)
{
    Err e;
    ScenarioBuilder *b = scenario_builder_new("d", "d/scenario.lua", &e);
    ScenarioBuilder *other = NULL;
    ScenarioInfo info;
    StoryDecl *step = NULL;
    StoryDecl *opt = NULL;
    StoryDecl *sig = NULL;
    StoryDecl *choice = NULL;
    StoryValue v;
    (void)state;
    memset(&info, 0, sizeof info);
    memset(&v, 0, sizeof v);
    info.id = "s";
    /* order: languages, then the scenario, then the rest */
    assert_int_equal(scenario_begin(b, &info, &e), ERR_STATE);
    assert_int_equal(add_cast(b, "a", &e), ERR_STATE);
    assert_string_equal(e.msg, "scenario { ... } must come first");
    assert_null(narration(b, "x", &e));
    assert_int_equal(add_beat(b, "a", NULL, &e), ERR_STATE);
    assert_int_equal(scenario_add_language(b, "da", &e), 0);
    assert_int_equal(scenario_add_language(b, "en", &e), 1);
    info.id = "bad id";
    assert_int_equal(scenario_begin(b, &info, &e), ERR_INVALID);
    assert_false(scenario_builder_started(b));
    info.id = "s";
    assert_int_equal(scenario_begin(b, &info, &e), 0);
    assert_true(scenario_builder_started(b));
    assert_int_equal(scenario_begin(b, &info, &e), ERR_STATE);
    assert_string_equal(e.msg, "scenario { ... } is declared twice");
    assert_int_equal(scenario_add_language(b, "fr", &e), ERR_STATE);
    v.type = STORY_VAL_NUMBER;
    assert_int_equal(scenario_add_var(b, "n", &v, &e), 0);
    assert_int_equal(scenario_add_var(b, "n", &v, &e), ERR_INVALID);

    /* nothing declared yet: no beat */
    assert_null(scenario_builder_finish(b, &e));
    assert_string_equal(e.msg, "d/scenario.lua: no beat declared");

    step = narration(b, "x", &e);
    opt = option_to(b, "o", "a", &e);
    sig = interaction(b, STORY_INT_SIGNAL, &e);
    choice = interaction(b, STORY_INT_CHOICE, &e);
    assert_int_equal(scenario_decl_kind(b, step), STORY_DECL_STEP);
    assert_int_equal(scenario_decl_kind(b, sig), STORY_DECL_INTERACTION);
    assert_int_equal(scenario_decl_kind(b, NULL), STORY_DECL_NONE);
    other = scenario_builder_new("o", "o/scenario.lua", &e);
    assert_int_equal(scenario_decl_kind(other, step), STORY_DECL_NONE);
    scenario_builder_free(other);

    assert_int_equal(scenario_choice_add_option(b, sig, opt, &e), ERR_INVALID);
    assert_int_equal(scenario_choice_add_option(b, choice, step, &e), ERR_INVALID);
    assert_string_equal(e.msg, "not an option");
    assert_int_equal(scenario_choice_add_option(b, choice, opt, &e), 0);
    assert_int_equal(scenario_choice_add_option(b, choice, opt, &e), ERR_STATE);
    assert_string_equal(e.msg, "is already used in another choice");

    assert_int_equal(add_beat(b, "a", NULL, &e), 0);
    assert_int_equal(scenario_beat_add_step(b, 0, sig, &e), ERR_INVALID);
    assert_int_equal(scenario_beat_add_step(b, 5, step, &e), ERR_INVALID);
    assert_int_equal(scenario_beat_set_interaction(b, 0, step, &e), ERR_INVALID);
    assert_string_equal(e.msg, "not an interaction (choice, signal, idea, discuss)");
    assert_int_equal(scenario_beat_set_interaction(b, 0, choice, &e), ERR_INVALID);
    assert_string_equal(e.msg, "a choice needs at least 2 options");
    assert_int_equal(scenario_beat_set_interaction(b, 0, sig, &e), 0);
    assert_int_equal(scenario_beat_set_interaction(b, 0, sig, &e), ERR_STATE);
    assert_string_equal(e.msg, "a beat has at most one interaction");
    assert_int_equal(add_beat(b, "b", "nowhere", &e), 1);
    assert_int_equal(scenario_beat_set_interaction(b, 1, sig, &e), ERR_STATE);
    assert_string_equal(e.msg, "this interaction is already used in another beat");
    assert_int_equal(scenario_beat_add_step(b, 1, step, &e), 0);

    /* a link error leaves the scenario with the builder */
    assert_null(scenario_builder_finish(b, &e));
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.msg, "d/scenario.lua:10: unknown beat 'nowhere'");
    assert_non_null(scenario_builder_scenario(b));
    scenario_builder_free(b);
    scenario_builder_free(NULL);
}

static void test_no_scenario(void **state)
{
    Err e;
    ScenarioBuilder *b = scenario_builder_new("d", "d/scenario.lua", &e);
    (void)state;
    assert_null(scenario_builder_new(NULL, "x", &e));
    assert_int_equal(e.code, ERR_INVALID);
    assert_null(scenario_builder_finish(b, &e));
    assert_string_equal(e.msg, "d/scenario.lua: no scenario { ... } declaration");
    assert_int_equal(scenario_builder_add_file(b, "d/more.lua"), 1);
    assert_int_equal(scenario_builder_add_file(b, "d/scenario.lua"), 0);
    assert_int_equal(scenario_builder_scenario(b)->n_files, 2);
    scenario_builder_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_scenario),
        cmocka_unit_test(test_many_steps_grow),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_option_and_interaction_limits),
        cmocka_unit_test(test_texts_and_ids),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_no_scenario),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
