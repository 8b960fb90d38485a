/* test_validate.c - unit tests for the scenario checks: one small scenario
 * that passes, and one fixture per kind of finding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story/scenario.h"
#include "story/validate.h"

#define MAX_FOUND 64

typedef struct Found {
    int n;
    int errors;
    int warnings;
    char msg[MAX_FOUND][512];
    int is_error[MAX_FOUND];
    StorySrc src[MAX_FOUND];
} Found;

static void collect(void *ud, StorySrc src, int is_error, const char *msg)
{
    Found *f = ud;
    if (is_error)
        f->errors++;
    else
        f->warnings++;
    if (f->n >= MAX_FOUND)
        return;
    snprintf(f->msg[f->n], sizeof f->msg[f->n], "%s", msg);
    f->is_error[f->n] = is_error;
    f->src[f->n] = src;
    f->n++;
}

/* Index of the finding with exactly this message, or -1. */
static int find(const Found *f, const char *msg)
{
    int i = 0;
    for (i = 0; i < f->n; i++)
        if (strcmp(f->msg[i], msg) == 0)
            return i;
    return -1;
}

static void dump(const Found *f)
{
    int i = 0;
    for (i = 0; i < f->n; i++)
        print_message("  %s: %s\n", f->is_error[i] ? "error" : "warning", f->msg[i]);
}

static StoryText txt(const char *da, const char *en, int line)
{
    StoryText t;
    memset(&t, 0, sizeof t);
    t.s[0] = da;
    t.s[1] = en;
    t.src.line = line;
    return t;
}

/* A valid scenario:
 *   intro (line by sofie, message emma->sofie) next party
 *   party CHOICE: 1 -> good, 2 -> bad
 *   good  ending
 *   bad   SIGNAL next good */
typedef struct Fx {
    Scenario *sc;
    StoryBeat *b;
    StoryStep *steps;
    StoryOption *opts;
    StoryCast *cast;
    StoryContact *contacts;
    StoryText *advice;
} Fx;

static Fx make_valid(void)
{
    Fx x;
    Scenario *sc = scenario_new();
    memset(&x, 0, sizeof x);
    assert_non_null(sc);
    x.sc = sc;
    scenario_add_file(sc, "demo/scenario.lua");
    sc->src.line = 1;
    sc->id = "demo";
    sc->langs[0] = "da";
    sc->langs[1] = "en";
    sc->n_langs = 2;
    sc->title = txt("Festen", "The party", 2);
    sc->content_note = txt("Dette handler om stalking", "This is about stalking", 3);
    x.contacts = scenario_alloc(sc, sizeof *x.contacts);
    x.contacts[0].name = txt("Dansk Stalking Center", "Danish Stalking Centre", 4);
    x.contacts[0].phone = "38 41 41 41";
    sc->contacts = x.contacts;
    sc->n_contacts = 1;
    x.advice = scenario_alloc(sc, sizeof *x.advice);
    x.advice[0] = txt("Tal med en voksen", "Talk to an adult", 5);
    sc->advice = x.advice;
    sc->n_advice = 1;
    x.cast = scenario_alloc(sc, 2 * sizeof *x.cast);
    x.cast[0].id = "sofie";
    x.cast[0].name = txt("Sofie", "Sofie", 6);
    x.cast[1].id = "emma";
    x.cast[1].name = txt("Emma", "Emma", 7);
    sc->cast = x.cast;
    sc->n_cast = 2;
    sc->start_id = "intro";

    x.b = scenario_alloc(sc, 4 * sizeof *x.b);
    x.steps = scenario_alloc(sc, 2 * sizeof *x.steps);
    x.steps[0].kind = STORY_STEP_LINE;
    x.steps[0].speaker = 0;
    x.steps[0].phone = -1;
    x.steps[0].text = txt("Hej", "Hi", 11);
    x.steps[0].src.line = 11;
    x.steps[1].kind = STORY_STEP_MESSAGE;
    x.steps[1].speaker = 1;
    x.steps[1].phone = 0;
    x.steps[1].time = "22:14";
    x.steps[1].text = txt("Hvor er du?", "Where are you?", 12);
    x.steps[1].src.line = 12;
    x.b[0].id = "intro";
    x.b[0].src.line = 10;
    x.b[0].steps = x.steps;
    x.b[0].n_steps = 2;
    x.b[0].next_id = "party";
    x.b[1].id = "party";
    x.b[1].src.line = 20;
    x.b[1].interaction.kind = STORY_INT_CHOICE;
    x.b[1].interaction.character = 0;
    x.b[1].interaction.prompt = txt("Hvad gør Sofie?", "What does Sofie do?", 21);
    x.opts = scenario_alloc(sc, 3 * sizeof *x.opts);
    x.opts[0].text = txt("Går hjem", "Goes home", 22);
    x.opts[0].target_id = "good";
    x.opts[0].src.line = 22;
    x.opts[1].text = txt("Bliver", "Stays", 23);
    x.opts[1].target_id = "bad";
    x.opts[1].src.line = 23;
    x.opts[2].text = txt("Ringer", "Calls", 24);
    x.opts[2].target_id = "good";
    x.opts[2].src.line = 24;
    x.b[1].interaction.options = x.opts;
    x.b[1].interaction.n_options = 2;
    x.b[2].id = "good";
    x.b[2].src.line = 30;
    x.b[2].ending = 1;
    x.b[2].ending_text = txt("Godt", "Good", 31);
    x.b[3].id = "bad";
    x.b[3].src.line = 40;
    x.b[3].interaction.kind = STORY_INT_SIGNAL;
    x.b[3].next_id = "good";
    sc->beats = x.b;
    sc->n_beats = 4;
    assert_int_equal(scenario_link(sc, NULL), 0);
    return x;
}

/* Validates x and checks that `msg` is reported (as an error when is_error)
 * at `line`, with `errors` errors in total. */
static void expect(Fx *x, const char *msg, int is_error, int line, int errors)
{
    Found f;
    int i = 0;
    int rc = 0;
    memset(&f, 0, sizeof f);
    rc = story_validate(x->sc, collect, &f);
    assert_int_equal(rc, f.errors);
    i = find(&f, msg);
    if (i < 0 || f.errors != errors) {
        print_message("expected %s '%s' (%d errors); got:\n", is_error ? "error" : "warning",
                      msg, errors);
        dump(&f);
    }
    assert_true(i >= 0);
    assert_int_equal(f.is_error[i], is_error);
    assert_int_equal(f.src[i].line, line);
    assert_int_equal(f.errors, errors);
    scenario_free(x->sc);
}

static void test_valid(void **state)
{
    Fx x = make_valid();
    Found f;
    (void)state;
    memset(&f, 0, sizeof f);
    assert_int_equal(story_validate(x.sc, collect, &f), 0);
    if (f.n)
        dump(&f);
    assert_int_equal(f.n, 0);
    assert_int_equal(story_validate(x.sc, NULL, NULL), 0);
    scenario_free(x.sc);
}

static void test_unknown_targets(void **state)
{
    Fx x = make_valid();
    (void)state;
    x.opts[1].target_id = "nowhere";
    x.opts[1].target = -1;
    /* the old target 'bad' becomes unreachable: a warning, not an error */
    expect(&x, "beat 'party': option 2 leads to unknown beat 'nowhere'", 1, 23, 1);

    x = make_valid();
    x.b[0].next_id = "partyy";
    /* the one mistake, not a cascade of "no ending" and "never reached"
     * behind it (the paths are checked once every id is known) */
    expect(&x, "beat 'intro': next leads to unknown beat 'partyy' (did you mean `party`?)", 1, 10, 1);
    x = make_valid();
    x.b[0].next_id = "partyy";
    expect(&x, "the paths are checked once every beat id above is known", 0, 1, 1);

    x = make_valid();
    x.sc->start_id = "begin";
    expect(&x, "start beat 'begin' is unknown", 1, 1, 1);

    x = make_valid();
    x.opts[0].target_id = NULL;
    x.opts[0].target = -1;
    expect(&x, "beat 'party': option 1 leads nowhere (no target beat)", 1, 22, 1);
}

static void test_unreachable(void **state)
{
    Fx x = make_valid();
    (void)state;
    x.opts[1].target_id = "good";
    expect(&x, "beat 'bad' can never be reached from the start beat 'intro'", 0, 40, 0);
}

static void test_no_ending(void **state)
{
    Fx x = make_valid();
    (void)state;
    /* bad's signal loops back to party: still fine, good is reachable */
    x.b[3].next_id = "party";
    {
        Found f;
        memset(&f, 0, sizeof f);
        assert_int_equal(story_validate(x.sc, collect, &f), 0);
    }
    /* a loop with no way out */
    x.b[3].next_id = "bad";
    expect(&x, "beat 'bad': no ending can be reached from here", 1, 40, 1);
}

static void test_safety_texts(void **state)
{
    Fx x = make_valid();
    (void)state;
    memset(&x.sc->content_note, 0, sizeof x.sc->content_note);
    expect(&x, "scenario has no content note (shown before the event starts)", 1, 1, 1);

    x = make_valid();
    x.sc->n_contacts = 0;
    expect(&x, "scenario has no help card (no contacts to turn to)", 1, 1, 1);

    x = make_valid();
    x.sc->n_advice = 0;
    x.sc->advice = NULL;
    expect(&x, "scenario has no advice (shown at every ending)", 1, 1, 1);
}

static void test_missing_translation(void **state)
{
    Fx x = make_valid();
    (void)state;
    x.cast[1].name.s[1] = NULL;
    expect(&x, "cast 'emma' name: text missing in language 'en'", 1, 7, 1);

    x = make_valid();
    x.opts[0].text.s[0] = "";
    expect(&x, "beat 'party': option 1: text missing in language 'da'", 1, 22, 1);

    x = make_valid();
    x.steps[1].text.s[1] = NULL;
    expect(&x, "beat 'intro': step 2: text missing in language 'en'", 1, 12, 1);

    x = make_valid();
    x.opts[1].reason = txt("Ikke endnu", NULL, 25);
    expect(&x, "beat 'party': option 2 reason: text missing in language 'en'", 1, 25, 1);

    x = make_valid();
    x.b[1].interaction.prompt.s[1] = NULL;
    expect(&x, "beat 'party': prompt: text missing in language 'en'", 1, 21, 1);

    x = make_valid();
    x.b[2].place = txt(NULL, "Emma's house", 32);
    expect(&x, "beat 'good': place: text missing in language 'da'", 1, 32, 1);

    x = make_valid();
    x.b[0].notes = txt("Pas på", NULL, 13);
    expect(&x, "beat 'intro': notes: text missing in language 'en'", 1, 13, 1);

    x = make_valid();
    x.advice[0].s[0] = NULL;
    expect(&x, "advice 1: text missing in language 'da'", 1, 5, 1);

    x = make_valid();
    x.contacts[0].text = txt("Åben 9-15", NULL, 8);
    expect(&x, "help contact 1 description: text missing in language 'en'", 1, 8, 1);

    x = make_valid();
    x.sc->content_note.s[1] = NULL;
    expect(&x, "content note: text missing in language 'en'", 1, 3, 1);

    x = make_valid();
    memset(&x.opts[0].text, 0, sizeof x.opts[0].text);
    expect(&x, "beat 'party': option 1: text is missing", 1, 22, 1);

    /* a third declared language makes every given text incomplete */
    x = make_valid();
    x.sc->langs[2] = "de";
    x.sc->n_langs = 3;
    {
        Found f;
        memset(&f, 0, sizeof f);
        assert_true(story_validate(x.sc, collect, &f) >= 10);
        assert_true(find(&f, "scenario title: text missing in language 'de'") >= 0);
    }
    scenario_free(x.sc);
}

static void test_option_count(void **state)
{
    Fx x = make_valid();
    StoryOption *many = NULL;
    int i = 0;
    (void)state;
    x.b[1].interaction.n_options = 1;
    /* 'bad' is no longer reached: one warning besides the error */
    expect(&x, "beat 'party': a choice needs 2 to 9 options, it has 1", 1, 20, 1);

    x = make_valid();
    many = scenario_alloc(x.sc, 10 * sizeof *many);
    for (i = 0; i < 10; i++) {
        many[i] = x.opts[i % 2];
        many[i].src.line = 50 + i;
    }
    x.b[1].interaction.options = many;
    x.b[1].interaction.n_options = 10;
    expect(&x, "beat 'party': a choice needs 2 to 9 options, it has 10", 1, 20, 1);

    x = make_valid();
    x.b[1].interaction.n_options = 3; /* 3 is fine */
    {
        Found f;
        memset(&f, 0, sizeof f);
        assert_int_equal(story_validate(x.sc, collect, &f), 0);
    }
    scenario_free(x.sc);
}

static void test_beat_shape(void **state)
{
    Fx x = make_valid();
    (void)state;
    x.b[2].next_id = "intro";
    expect(&x, "beat 'good' is an ending but also has a next beat", 1, 30, 1);

    x = make_valid();
    x.b[0].next_id = NULL;
    x.b[0].next = -1;
    /* intro also cannot reach an ending, and the rest is unreachable */
    expect(&x, "beat 'intro' has no next beat, interaction or ending", 1, 10, 2);

    x = make_valid();
    x.b[3].next_id = NULL;
    x.b[3].next = -1;
    expect(&x, "beat 'bad': the signal poll needs a next beat", 1, 40, 2);

    x = make_valid();
    x.b[2].interaction.kind = STORY_INT_DISCUSS;
    expect(&x, "beat 'good' is an ending but also has an interaction", 1, 30, 1);
}

static void test_message_steps(void **state)
{
    Fx x = make_valid();
    (void)state;
    x.steps[1].phone = -1;
    expect(&x, "beat 'intro': step 2: message has no phone (whose phone shows it)", 1, 12, 1);

    x = make_valid();
    x.steps[0].speaker = -1;
    expect(&x, "beat 'intro': step 1: line has no speaker from the cast", 1, 11, 1);
}

static void test_ids(void **state)
{
    Fx x = make_valid();
    (void)state;
    x.b[3].id = "good";
    x.opts[1].target_id = "good";
    expect(&x, "beat id 'good' is used twice", 1, 40, 1);

    x = make_valid();
    x.cast[1].id = "sofie";
    expect(&x, "cast id 'sofie' is used twice", 1, 1, 1);

    x = make_valid();
    x.sc->n_beats = 0;
    expect(&x, "scenario has no beats", 1, 1, 1);

    x = make_valid();
    x.sc->n_langs = 0;
    expect(&x, "scenario declares no languages", 1, 1, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_unknown_targets),
        cmocka_unit_test(test_unreachable),
        cmocka_unit_test(test_no_ending),
        cmocka_unit_test(test_safety_texts),
        cmocka_unit_test(test_missing_translation),
        cmocka_unit_test(test_option_count),
        cmocka_unit_test(test_beat_shape),
        cmocka_unit_test(test_message_steps),
        cmocka_unit_test(test_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
