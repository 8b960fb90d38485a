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

#include "unit/test_show_fixture.h"

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
