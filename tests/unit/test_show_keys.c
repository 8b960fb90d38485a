/* test_show_keys.c - the keys a hurried facilitator presses, pure C: counts
 * never go to an option the facilitator cannot see, the key line and the
 * poll's hint name only keys that do something (the range of digits, the
 * ending's pages, a saved event offered), the rewind's double press. */
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
#include "eval/eval.h"
#include "show/ui_text.h"

#include "unit/test_show_fixture.h"
#include "unit/test_show_keys.h"

static ShowView pres_of(Show *s)
{
    ShowView v;
    show_view_presenter(s, &v);
    return v;
}


/* V 1 2 Esc Down 4 5 Next: option 1 keeps its 12, the 45 goes to option 2
 * (Down goes on after the field Esc left), never over option 1's count. */
static void test_esc_then_down_goes_on(void **state)
{
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_HANDS, 0);
    const Key k[] = {K(VOTE, 0), K(DIGIT, 1), K(DIGIT, 2), K(CANCEL, 0), K(DOWN, 0),
                     K(DIGIT, 2), K(DIGIT, 5), K(NEXT, 0)};
    ShowView v;
    (void)state;
    keys(s, k, 4);
    v = view_of(s);
    assert_int_equal(v.selected, -1);
    assert_int_equal(vote_hands(v.poll, 0), 12);
    keys(s, k + 4, 1); /* Down */
    v = view_of(s);
    assert_int_equal(v.selected, 1);
    keys(s, k + 5, 3);
    v = view_of(s);
    assert_int_equal(vote_hands(v.poll, 0), 12);
    assert_int_equal(vote_hands(v.poll, 1), 25);
    assert_non_null(strstr(g_tr, "hands 1 12\nhands 2 25\n"));
    assert_null(strstr(g_tr, "hands 1 25"));
    /* Esc again after option 2, then Up: option 2 itself, to correct it */
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_action(s, SHOW_ACT_UP, 0);
    assert_int_equal(view_of(s).selected, 2); /* Next had moved on to option 3 */
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_action(s, SHOW_ACT_UP, 0);
    assert_int_equal(view_of(s).selected, 2);
    show_free(s);
    scenario_free(sc);
}

/* After Esc a digit goes to the first option not counted yet, which the hint
 * names before the key and the field shows after it; with every option
 * counted a digit changes no count and the hint says why. */
static void test_digit_after_esc(void **state)
{
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_HANDS, 0);
    const Key k[] = {K(VOTE, 0), K(DIGIT, 1), K(DIGIT, 2), K(CANCEL, 0)};
    ShowView v;
    (void)state;
    keys(s, k, 4);
    v = view_of(s);
    assert_string_equal(v.poll_keys, "0–9 hænder for svar 2   V / → vis resultat   ↑↓ ret antal");
    show_action(s, SHOW_ACT_DIGIT, 7);
    v = view_of(s);
    assert_int_equal(v.selected, 1);
    assert_int_equal(v.entry, 7);
    assert_int_equal(vote_hands(v.poll, 0), 12);
    show_action(s, SHOW_ACT_NEXT, 0); /* keeps 7 for option 2, on to option 3 */
    show_action(s, SHOW_ACT_DIGIT, 3);
    show_action(s, SHOW_ACT_CANCEL, 0);
    v = view_of(s);
    assert_int_equal(v.counted, 7u);
    assert_null(strstr(v.poll_keys, "0–9"));
    show_action(s, SHOW_ACT_DIGIT, 9); /* every option counted: refused, visibly */
    v = view_of(s);
    assert_int_equal(v.selected, -1);
    assert_int_equal(vote_hands(v.poll, 0), 12);
    assert_int_equal(vote_hands(v.poll, 1), 7);
    assert_int_equal(vote_hands(v.poll, 2), 3);
    assert_non_null(strstr(v.poll_keys, "Alle svar er talt: vælg først med ↑↓"));
    assert_non_null(strstr(g_tr, "digit ignored: every option counted"));
    show_action(s, SHOW_ACT_UP, 0); /* the next key: the hint is the usual one */
    v = view_of(s);
    assert_int_equal(v.selected, 2);
    assert_null(strstr(v.poll_keys, "Alle svar"));
    show_free(s);

    s = at_signal(sc, 1, SHOW_COUNT_HANDS, 0); /* English */
    keys(s, k, 4);
    show_action(s, SHOW_ACT_DOWN, 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    assert_non_null(strstr(view_of(s).poll_keys, "Every option is counted"));
    show_free(s);
    scenario_free(sc);
}

/* Esc on an open vote nobody voted in closes it in one press (the field the
 * vote opened on has nothing typed); with a count typed Esc keeps it. */
static void test_esc_closes_an_empty_vote(void **state)
{
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_HANDS, 0);
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_VOTE, 0);
    v = view_of(s);
    assert_int_equal(v.selected, 0);
    assert_non_null(strstr(v.poll_keys, "Esc luk afstemningen"));
    assert_null(strstr(v.poll_keys, "Esc færdig"));
    show_action(s, SHOW_ACT_CANCEL, 0);
    assert_null(view_of(s).poll);
    assert_non_null(strstr(g_tr, "vote closed 1"));
    show_action(s, SHOW_ACT_VOTE, 0);
    show_action(s, SHOW_ACT_DIGIT, 4);
    assert_non_null(strstr(view_of(s).poll_keys, "Esc færdig"));
    show_action(s, SHOW_ACT_CANCEL, 0);
    v = view_of(s);
    assert_non_null(v.poll);
    assert_int_equal(vote_hands(v.poll, 0), 4);
    show_free(s);
    scenario_free(sc);
}

/* The pick hint names the digits there are: 1–3 for three options; 5 does nothing. */
static void test_pick_range(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    to_choice(s);
    v = view_of(s);
    assert_non_null(strstr(v.poll_keys, "1–3 vælg direkte"));
    assert_null(strstr(v.poll_keys, "1–9"));
    assert_non_null(strstr(v.keys, "1–3 vælg direkte"));
    g_tr[0] = '\0';
    show_action(s, SHOW_ACT_DIGIT, 5);
    assert_int_equal(view_of(s).picked, -1);
    assert_null(strstr(g_tr, "pick"));
    show_free(s);
    s = start(sc, 1);
    to_choice(s);
    assert_non_null(strstr(view_of(s).poll_keys, "1–3 pick directly"));
    show_free(s);
    scenario_free(sc);
}

/* R 1 then 1 1: the press right after the pick is swallowed, the next one
 * picks (no pause needed); another key in between ends the swallowing. */
static void test_rewind_swallows_one_press(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    (void)state;
    to_choice(s);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0); /* -> b */
    show_action(s, SHOW_ACT_REWIND, 0);
    show_action(s, SHOW_ACT_DIGIT, 1); /* back to before the choice */
    assert_int_equal(story_current_beat(show_run(s)), 0);
    g_tr[0] = '\0';
    show_action(s, SHOW_ACT_DIGIT, 1); /* the double press */
    assert_int_equal(view_of(s).picked, -1);
    show_action(s, SHOW_ACT_DIGIT, 1);
    assert_int_equal(view_of(s).picked, 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    assert_string_equal(g_tr, "digit ignored: 1 again right after the rewind pick\npick 1\npick 1\n");
    /* another key between the pick and the digit: nothing swallowed */
    show_action(s, SHOW_ACT_NEXT, 0); /* -> b */
    show_action(s, SHOW_ACT_REWIND, 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    g_tr[0] = '\0';
    show_action(s, SHOW_ACT_HELP, 0);
    show_action(s, SHOW_ACT_HELP, 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    assert_int_equal(view_of(s).picked, 0);
    assert_null(strstr(g_tr, "digit ignored"));
    show_free(s);
    scenario_free(sc);
}

/* To the ending's first page (option 1 -> b -> the signal -> end). */
static void to_ending(Show *s)
{
    int i = 0;
    to_choice(s);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_DIGIT, 2);
    for (i = 0; i < 6 && screen(s) != SHOW_SCREEN_ENDING; i++)
        show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(screen(s), SHOW_SCREEN_ENDING);
}

/* The ending's pages: the key line names → only where Next does something,
 * names H, and says E goes to the evaluation (no statements here); on the
 * timeline Next goes on as E does. */
static void test_ending_keys(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    Err e;
    EvalQuestionnaire *q = eval_q_new("q-v1", "Evaluering", "Evaluation", &e);
    ShowView v;
    (void)state;
    assert_non_null(q);
    assert_true(eval_q_add_question(q, "learned", EVAL_YESNO, "Lærte du noget?", "Did you learn?", 1,
                                    &e) >= 0);
    assert_int_equal(eval_q_finish(q, &e), 0);
    to_ending(s);
    v = pres_of(s);
    assert_int_equal(v.ending_page, 0);
    assert_non_null(strstr(v.keys, "→ tidslinje   ← tilbage"));
    assert_null(strstr(v.keys, "E evaluering")); /* no questionnaire: E does nothing */
    assert_int_equal(show_action(s, SHOW_ACT_EVAL, 0), 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    v = pres_of(s);
    assert_int_equal(v.ending_page, 1);
    assert_null(strstr(v.keys, "→"));
    assert_non_null(strstr(v.keys, "H hjælp"));
    assert_int_equal(show_action(s, SHOW_ACT_NEXT, 0), 0);

    show_set_eval(s, q);
    v = pres_of(s);
    assert_non_null(strstr(v.keys, "→ / E evaluering   ← gode råd"));
    assert_non_null(strstr(v.keys, "H hjælp"));
    show_action(s, SHOW_ACT_NEXT, 0); /* Next does what the line says */
    assert_int_equal(screen(s), SHOW_SCREEN_EVAL);
    show_action(s, SHOW_ACT_CANCEL, 0);
    assert_int_equal(screen(s), SHOW_SCREEN_ENDING);
    show_action(s, SHOW_ACT_BACK, 0);
    v = pres_of(s);
    assert_int_equal(v.ending_page, 0);
    assert_non_null(strstr(v.keys, "→ tidslinje   ← tilbage   E evaluering"));
    /* the projector's footers name the same keys, H included */
    assert_non_null(strstr(ui_text(0, UI_KEYS_TIMELINE), "→ / E videre"));
    assert_non_null(strstr(ui_text(0, UI_KEYS_TIMELINE), "H hjælp"));
    assert_non_null(strstr(ui_text(1, UI_KEYS_TIMELINE), "H help"));
    assert_null(strstr(ui_text(0, UI_KEYS_TIMELINE), "E: evaluering"));
    show_free(s);
    eval_q_free(q);
    scenario_free(sc);
}

/* A saved event offered on the welcome screen: the key line offers J and
 * Esc, not →, which does nothing; the view names the beat J continues at. */
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
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0); /* -> b */
    assert_int_equal(show_save(s, &b), 1);
    s2 = start(sc, 0);
    assert_int_equal(show_offer_resume(s2, buf_str(&b), 0, &e), 0);
    v = pres_of(s2);
    assert_non_null(v.resume_offer);
    assert_int_equal(v.resume_beat, 1);
    assert_null(strstr(v.keys, "→"));
    assert_non_null(strstr(v.keys, "J fortsæt hvor I slap   Esc start forfra"));
    assert_int_equal(show_action(s2, SHOW_ACT_NEXT, 0), 0);
    assert_int_equal(screen(s2), SHOW_SCREEN_WELCOME);
    show_action(s2, SHOW_ACT_CANCEL, 0); /* start over: the usual welcome screen */
    v = pres_of(s2);
    assert_null(v.resume_offer);
    assert_int_equal(v.resume_beat, -1);
    assert_non_null(strstr(v.keys, "→ start"));
    show_free(s2);
    show_free(s);
    buf_free(&b);
    scenario_free(sc);
}

/* The load error screen: the key line promises no ←; its words exist in
 * both languages. */
static void test_load_error_keys(void **state)
{
    Err e;
    Show *s = show_new(NULL, NULL, 0, "scenes/x/scenario.lua:3: unexpected symbol", &e);
    ShowView v;
    (void)state;
    assert_non_null(s);
    v = pres_of(s);
    assert_int_equal(v.screen, SHOW_SCREEN_ERROR);
    assert_null(strstr(v.keys, "←"));
    assert_int_equal(show_action(s, SHOW_ACT_BACK, 0), 0);
    assert_non_null(strstr(ui_text(0, UI_ERROR_NO_BACK), "kunne ikke indlæses"));
    assert_non_null(strstr(ui_text(1, UI_ERROR_NO_BACK), "could not be loaded"));
    show_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_esc_then_down_goes_on),
        cmocka_unit_test(test_digit_after_esc),
        cmocka_unit_test(test_esc_closes_an_empty_vote),
        cmocka_unit_test(test_pick_range),
        cmocka_unit_test(test_rewind_swallows_one_press),
        cmocka_unit_test(test_ending_keys),
        cmocka_unit_test(test_offer_keys),
        cmocka_unit_test(test_load_error_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
