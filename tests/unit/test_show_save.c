/* test_show_save.c - saving the show and continuing it (show_save.c), pure C. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "show/show.h"
#include "core/buf.h"

/* ---- a small scenario built in C ------------------------------------------ */

static StoryText T(Scenario *sc, const char *da, const char *en)
{
    StoryText t;
    memset(&t, 0, sizeof t);
    t.s[0] = scenario_strdup(sc, da);
    t.s[1] = scenario_strdup(sc, en);
    t.src.line = 1;
    return t;
}

static int g_cond_fail;

/* cond 1: variable trust >= 1 */
static int cond_hook(void *ud, int ref, StoryRun *run, int *ok, Err *err)
{
    StoryValue v;
    (void)ud;
    if (g_cond_fail)
        return err_set(err, ERR_SCRIPT, "scenes/t/scenario.lua:9: attempt to compare nil with number");
    if (ref == 1) {
        *ok = story_var_get(run, "trust", &v) == 0 && v.num >= 1;
        return 0;
    }
    *ok = 1;
    return 0;
}

static const StoryHooks hooks = {NULL, cond_hook, NULL};

/* a: 2 steps + choice (1->b, 2->c once, 3->c if trust>=1 greyed)
 * b: 1 step + signal -> end;  c: discuss 2 s -> end;  end: ending, 1 step */
static Scenario *make(void)
{
    Scenario *sc = scenario_new();
    StoryCast *cast = scenario_alloc(sc, 2 * sizeof *cast);
    StoryBeat *beats = scenario_alloc(sc, 4 * sizeof *beats);
    StoryStep *sa = scenario_alloc(sc, 2 * sizeof *sa);
    StoryStep *sb = scenario_alloc(sc, sizeof *sb);
    StoryStep *se = scenario_alloc(sc, sizeof *se);
    StoryOption *opts = scenario_alloc(sc, 3 * sizeof *opts);
    StoryVarDecl *vars = scenario_alloc(sc, sizeof *vars);
    Err e;
    scenario_add_file(sc, "scenes/t/scenario.lua");
    sc->id = "t";
    sc->langs[0] = "da";
    sc->langs[1] = "en";
    sc->n_langs = 2;
    sc->title = T(sc, "Titel", "Title");
    sc->content_note = T(sc, "Note", "Note");
    sc->stop_question = T(sc, "Er det OK?", "Is this OK?");
    cast[0].id = "sofie";
    cast[0].name = T(sc, "Sofie", "Sofie");
    cast[1].id = "mads";
    cast[1].name = T(sc, "Mads", "Mads");
    sc->cast = cast;
    sc->n_cast = 2;
    vars[0].name = "trust";
    vars[0].init.type = STORY_VAL_NUMBER;
    sc->vars = vars;
    sc->n_vars = 1;

    sa[0].kind = STORY_STEP_LINE;
    sa[0].speaker = 0;
    sa[0].phone = -1;
    sa[0].text = T(sc, "Hej", "Hi");
    sa[1].kind = STORY_STEP_MESSAGE;
    sa[1].speaker = 1;
    sa[1].phone = 0;
    sa[1].time = "22:14";
    sa[1].text = T(sc, "Hvor er du?", "Where are you?");
    opts[0].text = T(sc, "Svar", "Answer");
    opts[0].target_id = "b";
    opts[1].text = T(sc, "Ignorer", "Ignore");
    opts[1].target_id = "c";
    opts[1].once = 1;
    opts[2].text = T(sc, "Fortæl", "Tell");
    opts[2].target_id = "c";
    opts[2].cond_ref = 1;
    opts[2].reason = T(sc, "Kræver tillid", "Needs trust");
    beats[0].id = "a";
    beats[0].place = T(sc, "Fest", "Party");
    beats[0].time = T(sc, "Fredag 22:10", "Friday 22:10");
    beats[0].steps = sa;
    beats[0].n_steps = 2;
    beats[0].interaction.kind = STORY_INT_CHOICE;
    beats[0].interaction.prompt = T(sc, "Hvad gør Sofie?", "What does Sofie do?");
    beats[0].interaction.options = opts;
    beats[0].interaction.n_options = 3;
    beats[0].interaction.character = 0;

    sb[0].kind = STORY_STEP_NARRATION;
    sb[0].speaker = -1;
    sb[0].phone = -1;
    sb[0].text = T(sc, "Senere", "Later");
    beats[1].id = "b";
    beats[1].steps = sb;
    beats[1].n_steps = 1;
    beats[1].interaction.kind = STORY_INT_SIGNAL;
    beats[1].interaction.prompt = T(sc, "OK?", "OK?");
    beats[1].next_id = "end";

    beats[2].id = "c";
    beats[2].interaction.kind = STORY_INT_DISCUSS;
    beats[2].interaction.prompt = T(sc, "Tal", "Talk");
    beats[2].interaction.seconds = 2;
    beats[2].next_id = "end";

    se[0].kind = STORY_STEP_NARRATION;
    se[0].speaker = -1;
    se[0].phone = -1;
    se[0].text = T(sc, "Slut", "The end");
    beats[3].id = "end";
    beats[3].steps = se;
    beats[3].n_steps = 1;
    beats[3].ending = 1;
    beats[3].ending_text = T(sc, "Godt", "Good");
    sc->beats = beats;
    sc->n_beats = 4;
    sc->start_id = "a";
    err_clear(&e);
    assert_int_equal(scenario_link(sc, &e), 0);
    return sc;
}

/* ---- transcript capture ------------------------------------------------------ */

static char g_tr[16384];

static void sink(void *ud, const char *line)
{
    (void)ud;
    strncat(g_tr, line, sizeof g_tr - strlen(g_tr) - 2);
    strcat(g_tr, "\n");
}

static Show *start(Scenario *sc, int lang)
{
    Err e;
    Show *s = show_new(sc, &hooks, lang, NULL, &e);
    assert_non_null(s);
    g_tr[0] = '\0';
    g_cond_fail = 0;
    show_set_transcript(s, sink, NULL);
    return s;
}

static ShowScreen screen(Show *s)
{
    ShowView v;
    show_view(s, &v);
    return v.screen;
}

static void to_choice(Show *s)
{
    assert_int_equal(screen(s), SHOW_SCREEN_WELCOME);
    show_action(s, SHOW_ACT_NEXT, 0); /* enter a */
    show_action(s, SHOW_ACT_NEXT, 0); /* line */
    show_action(s, SHOW_ACT_NEXT, 0); /* message: the last step stays on screen */
    assert_int_equal(screen(s), SHOW_SCREEN_BEAT);
    show_action(s, SHOW_ACT_NEXT, 0); /* -> choice */
    assert_int_equal(screen(s), SHOW_SCREEN_INTERACTION);
}

/* Plays a: the vote picks option 1 (-> b), rewinds, picks option 1 again with
 * trust set by hand, then b's signal (warning) -> end. */
static void play_some(Show *s)
{
    StoryValue one;
    Err e;
    memset(&one, 0, sizeof one);
    one.type = STORY_VAL_NUMBER;
    one.num = 1;
    err_clear(&e);
    to_choice(s);
    show_action(s, SHOW_ACT_DIGIT, 2); /* teacher mode: pick option 2 (once only) */
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(story_current_beat(show_run(s)), 2);
    show_action(s, SHOW_ACT_REWIND, 0);
    show_action(s, SHOW_ACT_DIGIT, 1); /* back to before the choice */
    show_tick(s, 1000);
    show_tick(s, 1000 + SHOW_REWIND_DIGIT_MS); /* the same digit again acts after the pause */
    assert_int_equal(story_var_set(show_run(s), "trust", &one, &e), 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0); /* -> b */
    show_action(s, SHOW_ACT_NEXT, 0); /* b's step */
    show_action(s, SHOW_ACT_NEXT, 0); /* the signal */
    show_action(s, SHOW_ACT_DIGIT, 2);
    show_action(s, SHOW_ACT_NEXT, 0); /* warning -> end */
    assert_int_equal(story_current_beat(show_run(s)), 3);
}

static void test_round_trip(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 1), *s2 = NULL;
    Buf b = BUF_INIT, b2 = BUF_INIT;
    Err e;
    ShowView v;
    (void)state;
    err_clear(&e);
    assert_int_equal(show_save(s, &b), 0); /* nothing yet */
    play_some(s);
    show_phone_idea(s, "my secret idea");
    assert_int_equal(show_save(s, &b), 1);
    assert_null(strstr(buf_str(&b), "secret"));
    s2 = start(sc, 1);
    assert_int_equal(show_resume(s2, buf_str(&b), &e), 0);
    assert_int_equal(story_current_beat(show_run(s2)), 3);
    assert_int_equal(story_steps_shown(show_run(s2)), story_steps_shown(show_run(s)));
    assert_int_equal(story_history_count(show_run(s2)), story_history_count(show_run(s)));
    assert_int_equal(story_explored(show_run(s2), 0, 1), 1); /* the branch before the rewind */
    assert_int_equal(story_option_used(show_run(s2), 1), 0); /* rewound: usable again */
    show_action(s2, SHOW_ACT_NEXT, 0); /* the ending's step */
    show_action(s2, SHOW_ACT_NEXT, 0); /* the ending */
    show_view(s2, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_ENDING);
    assert_int_equal(v.n_signals, 1);
    assert_int_equal(v.signals[0].result, 1);
    assert_null(v.resume_offer);
    /* the resumed show saves the same state */
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(show_save(s, &b), 1);
    assert_int_equal(show_save(s2, &b2), 1);
    assert_string_equal(buf_str(&b), buf_str(&b2));
    assert_int_equal(show_event_over(s2), 1);
    show_free(s2);
    show_free(s);
    buf_free(&b);
    buf_free(&b2);
    scenario_free(sc);
}

static void test_offer_keys(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0), *s2 = NULL;
    Buf b = BUF_INIT;
    Err e;
    ShowView v;
    (void)state;
    err_clear(&e);
    to_choice(s);
    assert_int_equal(show_save(s, &b), 1);
    s2 = start(sc, 0);
    assert_int_equal(show_offer_resume(s2, buf_str(&b), 0, &e), 0);
    show_view(s2, &v);
    assert_non_null(v.resume_offer);
    assert_non_null(strstr(v.resume_offer, "J: Fortsæt hvor I slap (a)"));
    assert_non_null(strstr(v.resume_offer, "Esc: Start forfra"));
    assert_int_equal(show_save(s2, &b), -1); /* the file waits for the answer */
    assert_int_equal(show_action(s2, SHOW_ACT_NEXT, 0), 0); /* nothing starts by accident */
    assert_int_equal(show_offer_state(s2), 2);
    assert_int_equal(show_action(s2, SHOW_ACT_YES, 0), 1);
    assert_int_equal(show_offer_state(s2), 1);
    show_view(s2, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_INTERACTION);
    assert_null(v.resume_offer);
    show_free(s2);
    /* Escape starts over: nothing left to save */
    assert_int_equal(show_save(s, &b), 1);
    s2 = start(sc, 0);
    assert_int_equal(show_offer_resume(s2, buf_str(&b), 0, &e), 0);
    assert_int_equal(show_action(s2, SHOW_ACT_CANCEL, 0), 1);
    assert_int_equal(show_offer_state(s2), -1);
    assert_int_equal(show_save(s2, &b), 0);
    show_view(s2, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_WELCOME);
    show_free(s2);
    show_free(s);
    buf_free(&b);
    scenario_free(sc);
}

static void test_bad_and_changed(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 1), *s2 = NULL;
    Buf b = BUF_INIT;
    Err e;
    char *text = NULL, *p = NULL;
    (void)state;
    err_clear(&e);
    assert_int_equal(show_resume(s, "garbage", &e), ERR_INVALID);
    assert_int_equal(show_resume(s, "spectactor-save 1\nscenario t\n", &e), ERR_INVALID);
    to_choice(s);
    assert_int_equal(show_save(s, &b), 1);
    text = strdup(buf_str(&b));
    /* another scenario's save */
    p = strstr(text, "scenario t\n");
    assert_non_null(p);
    p[9] = 'u';
    s2 = start(sc, 1);
    assert_int_equal(show_resume(s2, text, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "another scenario"));
    p[9] = 't';
    /* changed beats: continued at the beat from the start's variables, with a note */
    p = strstr(text, "shape ");
    assert_non_null(p);
    memcpy(p + 6, "00000000", 8);
    assert_int_equal(show_resume(s2, text, &e), 1);
    assert_int_equal(story_current_beat(show_run(s2)), 0);
    assert_int_equal(story_steps_shown(show_run(s2)), 2);
    assert_non_null(strstr(show_note(s2), "The scenario changed"));
    show_free(s2);
    /* the saved beat is gone: start over, with a note */
    p = strstr(text, "at a ");
    assert_non_null(p);
    p[3] = 'q';
    s2 = start(sc, 1);
    assert_int_equal(show_resume(s2, text, &e), 1);
    assert_null(show_beat_id(s2));
    assert_non_null(strstr(show_note(s2), "is gone"));
    show_free(s2);
    free(text);
    show_free(s);
    buf_free(&b);
    scenario_free(sc);
}

static void test_path(void **state)
{
    char out[256];
    (void)state;
    assert_int_equal(show_save_path(out, sizeof out, "/x/y/evaluations.sqlite", "stalking"), 0);
    assert_string_equal(out, "/x/y/resume-stalking.txt");
    assert_int_equal(show_save_path(out, sizeof out, "db.sqlite", "a/../b c"), 0);
    assert_string_equal(out, "resume-a____b_c.txt");
    assert_int_equal(show_save_path(out, 8, "/x/y/evaluations.sqlite", "stalking"), ERR_LIMIT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_offer_keys),
        cmocka_unit_test(test_bad_and_changed),
        cmocka_unit_test(test_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
