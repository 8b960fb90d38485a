/* test_show.c - unit tests for the presentation state machine (pure C). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "show/show.h"
#include "show/ui_text.h"

#include "unit/test_show_fixture.h"
#include "unit/test_show_keys.h"

static void test_steps_and_transcript(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 1);
    ShowView v;
    (void)state;
    to_choice(s);
    assert_non_null(strstr(g_tr, "beat a\ncaption Friday 22:10, Party\nline sofie: Hi\n"
                                 "message mads->sofie 22:14: Where are you?\n"
                                 "choice a: What does Sofie do?\noption 1: Answer\n"));
    assert_non_null(strstr(g_tr, "option 3 disabled (Needs trust): Tell"));
    show_view(s, &v);
    assert_int_equal(v.n_options, 3);
    assert_int_equal(v.options[2].state, STORY_OPT_DISABLED);
    assert_int_equal(v.options[0].state, STORY_OPT_AVAILABLE);
    assert_null(v.poll);
    assert_int_equal(v.ui_en, 1);
    show_free(s);
    scenario_free(sc);
}

/* Every step is seen: the last step before a choice has a press of its own,
 * Back from the choice shows it again, and Back once more hides it. */
static void test_last_step_seen(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 1);
    ShowView v;
    (void)state;
    to_choice(s);
    show_action(s, SHOW_ACT_BACK, 0);
    show_view(s, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_BEAT);
    assert_int_equal(v.steps_shown, 2);
    show_action(s, SHOW_ACT_BACK, 0);
    show_view(s, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_BEAT);
    assert_int_equal(v.steps_shown, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_view(s, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_BEAT);
    assert_int_equal(v.steps_shown, 2);
    assert_int_equal(show_action(s, SHOW_ACT_DIGIT, 1), 0); /* no option while the step shows */
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(screen(s), SHOW_SCREEN_INTERACTION);
    show_free(s);
    scenario_free(sc);
}

static void test_hands_vote_and_branch(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    to_choice(s);
    show_action(s, SHOW_ACT_VOTE, 0); /* open: option 1's field has the focus */
    show_view(s, &v);
    assert_non_null(v.poll);
    assert_int_equal(vote_state(v.poll), VOTE_OPEN);
    assert_int_equal(v.selected, 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_DIGIT, 2);
    show_view(s, &v);
    assert_int_equal(v.selected, 0);
    assert_int_equal(v.entry, 12);
    show_action(s, SHOW_ACT_NEXT, 0); /* keeps 12, on to option 2 */
    assert_int_equal(vote_hands(show_current_poll(s), 0), 12);
    show_action(s, SHOW_ACT_DIGIT, 2);
    show_action(s, SHOW_ACT_DIGIT, 9);
    show_action(s, SHOW_ACT_DELETE, 0);
    show_action(s, SHOW_ACT_DIGIT, 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* keeps 20; option 3 is disabled: done */
    assert_int_equal(vote_hands(show_current_poll(s), 1), 20);
    show_view(s, &v);
    assert_int_equal(v.selected, -1);
    assert_int_equal(v.counted, 3u);
    show_action(s, SHOW_ACT_NEXT, 0); /* reveal */
    show_view(s, &v);
    assert_int_equal(vote_state(v.poll), VOTE_REVEALED);
    assert_int_equal(v.winner, 1);
    assert_non_null(strstr(g_tr, "vote open 1 both\nhands 1 12\nhands 2 20\n"
                                 "result both 1=12(12 hands+0 phones) 2=20(20 hands+0 phones) "
                                 "3=0(0 hands+0 phones) winner 2"));
    show_action(s, SHOW_ACT_NEXT, 0); /* branch to c */
    assert_non_null(strstr(g_tr, "branch a option 2 -> c\nbeat c\ndiscuss c: Tal (2 s)"));
    show_free(s);
    scenario_free(sc);
}

static void test_tie_override_and_rewind(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    StoryValue val;
    (void)state;
    to_choice(s);
    show_action(s, SHOW_ACT_NEXT, 0); /* Next opens the vote */
    show_action(s, SHOW_ACT_DIGIT, 4);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_DIGIT, 4);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* reveal: tie */
    show_view(s, &v);
    assert_int_equal(v.winner, -2);
    assert_int_equal(v.tied, 3u);
    assert_int_equal(show_action(s, SHOW_ACT_NEXT, 0), 0); /* a tie needs a pick */
    assert_int_equal(story_current_beat(show_run(s)), 0);
    show_action(s, SHOW_ACT_DIGIT, 2); /* the facilitator picks option 2 */
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(story_current_beat(show_run(s)), 2);
    assert_int_equal(story_option_used(show_run(s), 1), 1);

    /* rewind to the first decision: option 2 is available again */
    show_action(s, SHOW_ACT_REWIND, 0);
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_REWIND);
    assert_int_equal(v.n_decisions, 1);
    assert_int_equal(v.decisions[0].option, 1);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_REWIND);
    assert_int_equal(v.screen, SHOW_SCREEN_INTERACTION);
    assert_int_equal(v.beat, 0);
    assert_int_equal(v.options[1].state, STORY_OPT_AVAILABLE);
    assert_int_equal(v.options[1].explored, 1);
    assert_null(v.poll);
    assert_non_null(strstr(g_tr, "rewind 1 a"));
    /* the same digit at once is a double press, ignored once; the next press picks */
    assert_int_equal(show_action(s, SHOW_ACT_DIGIT, 1), 0);
    assert_non_null(strstr(g_tr, "digit ignored"));
    /* teacher mode: a digit picks, Next decides without a vote */
    show_action(s, SHOW_ACT_DIGIT, 1);
    assert_non_null(strstr(g_tr, "pick 1"));
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(story_current_beat(show_run(s)), 1);
    assert_int_equal(story_var_get(show_run(s), "trust", &val), 0);
    show_free(s);
    scenario_free(sc);
}

static void test_signal_timeline_and_ending(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    to_choice(s);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0); /* -> b */
    show_action(s, SHOW_ACT_NEXT, 0); /* narration */
    show_action(s, SHOW_ACT_NEXT, 0); /* -> signal */
    show_view(s, &v);
    assert_int_equal(v.ikind, STORY_INT_SIGNAL);
    assert_int_equal(v.n_options, 3);
    show_action(s, SHOW_ACT_VOTE, 0);
    assert_int_equal(show_phone_vote(s, vote_id(show_current_poll(s)), "tok-a", 2), 0);
    assert_int_equal(show_phone_vote(s, vote_id(show_current_poll(s)), "tok-a", 1), 0); /* replaces */
    assert_int_equal(show_phone_vote(s, 9999, "tok-b", 1), ERR_STATE);
    show_action(s, SHOW_ACT_DIGIT, 0); /* OK: no hands */
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_DIGIT, 0); /* warning: no hands */
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_DIGIT, 3); /* stalking: 3 hands, typed */
    show_action(s, SHOW_ACT_VOTE, 0); /* V reveals (commits the entry) */
    show_view(s, &v);
    assert_int_equal(v.winner, 2);
    assert_int_equal(vote_phones(v.poll, 1), 1);
    assert_int_equal(vote_phones(v.poll, 2), 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* -> end */
    show_action(s, SHOW_ACT_NEXT, 0); /* ending step: on the beat screen */
    assert_int_equal(screen(s), SHOW_SCREEN_BEAT);
    show_action(s, SHOW_ACT_NEXT, 0); /* the ending page */
    show_view(s, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_ENDING);
    assert_int_equal(v.n_signals, 1);
    assert_int_equal(v.signals[0].result, STORY_SIGNAL_STALKING);
    assert_int_equal(v.signals[0].counts[1], 1);
    assert_int_equal(v.signals[0].counts[2], 3);
    assert_non_null(strstr(g_tr, "signal b result stalking"));
    assert_non_null(strstr(g_tr, "ending end"));
    assert_int_equal(v.ending_page, 0);
    /* Next turns to the timeline page; more Next is harmless; Back returns */
    show_action(s, SHOW_ACT_NEXT, 0);
    show_view(s, &v);
    assert_int_equal(v.ending_page, 1);
    assert_int_equal(show_action(s, SHOW_ACT_NEXT, 0), 0);
    assert_int_equal(screen(s), SHOW_SCREEN_ENDING);
    show_action(s, SHOW_ACT_BACK, 0);
    show_view(s, &v);
    assert_int_equal(v.ending_page, 0);
    assert_int_equal(v.screen, SHOW_SCREEN_ENDING);
    show_free(s);
    scenario_free(sc);
}

static void test_never_quits_by_accident(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_action(s, SHOW_ACT_CANCEL, 0);
    assert_false(show_quit_requested(s));
    show_action(s, SHOW_ACT_QUIT, 0);
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_QUIT);
    show_action(s, SHOW_ACT_NEXT, 0); /* anything but yes cancels */
    assert_false(show_quit_requested(s));
    assert_int_equal(screen(s), SHOW_SCREEN_WELCOME);
    show_action(s, SHOW_ACT_QUIT, 0);
    show_action(s, SHOW_ACT_YES, 0);
    assert_true(show_quit_requested(s));
    show_free(s);
    scenario_free(sc);
}

static void test_overlays(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_BLANK, 0);
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_BLANK);
    assert_int_equal(show_action(s, SHOW_ACT_NEXT, 0), 0); /* ignored while blank */
    assert_int_equal(story_steps_shown(show_run(s)), 0);
    show_action(s, SHOW_ACT_HELP, 0); /* the help card comes straight from a blank screen */
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_BLANK);
    assert_true(v.overlays & SHOW_OV_HELP);
    show_action(s, SHOW_ACT_DIGIT, 1); /* help card stays */
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_HELP);
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_HELP);
    /* stop poll at any moment */
    show_action(s, SHOW_ACT_STOP, 0);
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_STOP);
    assert_int_equal(v.ikind, STORY_INT_SIGNAL);
    assert_string_equal(story_text(v.prompt, 0), "Er det OK?");
    show_action(s, SHOW_ACT_NEXT, 0); /* open */
    show_action(s, SHOW_ACT_NEXT, 0); /* OK: no count typed, on to "warning" */
    show_action(s, SHOW_ACT_DIGIT, 7);
    show_action(s, SHOW_ACT_NEXT, 0); /* commit, on to "stalking" */
    show_action(s, SHOW_ACT_CANCEL, 0); /* done counting */
    show_action(s, SHOW_ACT_NEXT, 0); /* reveal: OK and stalking were not counted */
    show_view(s, &v);
    assert_int_equal(v.ask, SHOW_ASK_UNCOUNTED);
    show_action(s, SHOW_ACT_YES, 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* close */
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_STOP);
    assert_int_equal(v.n_signals, 1);
    assert_int_equal(v.signals[0].stop, 1);
    assert_int_equal(v.signals[0].result, STORY_SIGNAL_WARNING);
    assert_int_equal(v.signals[0].beat, 0);
    assert_int_equal(v.screen, SHOW_SCREEN_BEAT);
    /* a stop answered by a quick pick, without a vote, is on the timeline too */
    show_action(s, SHOW_ACT_STOP, 0);
    show_action(s, SHOW_ACT_DIGIT, 3);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_STOP);
    assert_int_equal(v.n_signals, 2);
    assert_int_equal(v.signals[1].result, STORY_SIGNAL_STALKING);
    /* a stop closed without any answer is not */
    show_action(s, SHOW_ACT_STOP, 0);
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_view(s, &v);
    assert_int_equal(v.n_signals, 2);
    /* the story map toggles with M and closes with Escape */
    show_action(s, SHOW_ACT_MAP, 0);
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_MAP);
    assert_non_null(v.run);
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_MAP);
    /* back from the first step of the first beat returns to the welcome screen */
    show_action(s, SHOW_ACT_BACK, 0);
    assert_int_equal(screen(s), SHOW_SCREEN_WELCOME);
    show_free(s);
    scenario_free(sc);
}

static void test_script_error_and_back(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* the last step: no condition evaluated yet */
    assert_int_equal(screen(s), SHOW_SCREEN_BEAT);
    g_cond_fail = 1;
    show_action(s, SHOW_ACT_NEXT, 0); /* reaching the choice evaluates the condition */
    show_view(s, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_ERROR);
    assert_non_null(strstr(v.error, "scenes/t/scenario.lua:9:"));
    assert_int_equal(show_action(s, SHOW_ACT_NEXT, 0), 0); /* stays on the error */
    g_cond_fail = 0;
    show_action(s, SHOW_ACT_BACK, 0);
    show_view(s, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_BEAT); /* the last step again */
    assert_int_equal(v.steps_shown, 2);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(screen(s), SHOW_SCREEN_INTERACTION);
    show_free(s);
    scenario_free(sc);
}

static void test_discuss_timer(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_tick(s, 1000);
    to_choice(s);
    show_action(s, SHOW_ACT_DIGIT, 2);
    show_action(s, SHOW_ACT_NEXT, 0); /* -> c, discuss 2 s */
    show_view(s, &v);
    assert_int_equal(v.ikind, STORY_INT_DISCUSS);
    assert_int_equal(v.seconds_left, 2);
    assert_true(show_next_timer(s, 1000) > 0);
    assert_int_equal(show_tick(s, 2100), 1);
    show_view(s, &v);
    assert_int_equal(v.seconds_left, 1);
    assert_int_equal(show_tick(s, 3100), 1);
    show_view(s, &v);
    assert_int_equal(v.seconds_left, 0);
    assert_int_equal(show_next_timer(s, 3100), -1);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(story_current_beat(show_run(s)), 3);
    show_free(s);
    scenario_free(sc);
}

static void test_load_error_screen(void **state)
{
    Err e;
    Show *s = show_new(NULL, NULL, 0, "scenes/x/scenario.lua:3: unexpected symbol", &e);
    ShowView v;
    int a = 0;
    (void)state;
    assert_non_null(s);
    for (a = SHOW_ACT_NONE; a <= SHOW_ACT_VOTE; a++)
        if (a != SHOW_ACT_QUIT)
            show_action(s, (ShowAction)a, 1);
    show_view(s, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_ERROR);
    assert_string_equal(v.error, "scenes/x/scenario.lua:3: unexpected symbol");
    show_free(s);
}

static void test_ideas_moderation(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_set_presenter(s, 1);
    show_phone_idea(s, "Sig det til en voksen");
    show_phone_idea(s, "Bloker ham");
    /* the presenter screen sees the queue without the overlay; the projector does not */
    show_view(s, &v);
    assert_int_equal(v.n_pending_ideas, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.n_pending_ideas, 2);
    assert_false(v.overlays & SHOW_OV_IDEAS);
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_view(s, &v); /* with a presenter window, moderation never reaches the projector */
    assert_false(v.overlays & SHOW_OV_IDEAS);
    assert_null(v.pending_ideas);
    show_view_presenter(s, &v);
    assert_true(v.overlays & SHOW_OV_IDEAS);
    assert_int_equal(v.n_pending_ideas, 2);
    assert_int_equal(v.n_ideas, 0); /* nothing approved: nothing for the projector */
    assert_non_null(v.idea_flags);
    assert_int_equal(v.idea_flags[0], 0);
    assert_non_null(strstr(g_tr, "idea received\nidea received\n"));
    assert_null(strstr(g_tr, "Bloker")); /* idea texts never go to the transcript */
    show_action(s, SHOW_ACT_DOWN, 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* approve the second */
    show_action(s, SHOW_ACT_UP, 0);
    show_action(s, SHOW_ACT_DELETE, 0); /* dismiss the first */
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_view(s, &v);
    assert_int_equal(v.n_ideas, 1);
    assert_string_equal(v.ideas[0], "Bloker ham");
    /* a flagged idea is marked, never dropped */
    show_phone_idea(s, "hun er en luder");
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.n_pending_ideas, 1);
    assert_int_equal(v.n_ideas, 1);
    assert_string_equal(v.pending_ideas[0], "hun er en luder");
    assert_int_equal(v.idea_flags[0], 1);
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_view(s, &v);
    assert_int_equal(v.n_pending_ideas, 0);
    assert_null(v.pending_ideas);
    assert_non_null(strstr(g_tr, "idea received (flagged)"));
    show_free(s);
    scenario_free(sc);
}

static void test_resume_after_reload(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    assert_null(show_beat_id(s));
    assert_int_equal(show_resume_at(s, "nope", 0), ERR_NOTFOUND);
    assert_int_equal(screen(s), SHOW_SCREEN_WELCOME);
    assert_int_equal(show_resume_at(s, "a", 1), 0);
    show_view(s, &v);
    assert_int_equal(v.beat, 0);
    assert_int_equal(v.steps_shown, 1);
    assert_string_equal(show_beat_id(s), "a");
    assert_int_equal(show_resume_at(s, "end", 5), 0); /* more steps than the beat has */
    show_view(s, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_BEAT); /* its last step, then the ending */
    assert_int_equal(v.steps_shown, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(screen(s), SHOW_SCREEN_ENDING);
    /* a reload error is dismissed without stepping back */
    show_set_error(s, "scenes/t/scenario.lua:3: unexpected symbol");
    assert_int_equal(screen(s), SHOW_SCREEN_ERROR);
    show_action(s, SHOW_ACT_BACK, 0);
    show_view(s, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_ENDING);
    /* poll ids continue across a reload */
    show_set_poll_seq(s, 41);
    assert_int_equal(show_poll_seq(s), 41);
    show_free(s);
    scenario_free(sc);
}

/* V never decides: after the reveal it does nothing at an interaction and
 * keeps the stop poll on screen; a pick made before the vote still decides. */
static void test_vote_key_never_decides(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 1);
    ShowView v;
    (void)state;
    to_choice(s);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0); /* -> b */
    show_action(s, SHOW_ACT_NEXT, 0); /* narration */
    show_action(s, SHOW_ACT_NEXT, 0); /* -> signal */
    show_action(s, SHOW_ACT_DIGIT, 2); /* pick "warning" before any vote */
    assert_int_equal(show_action(s, SHOW_ACT_VOTE, 0), 1); /* V opens the vote: it decides now */
    show_view(s, &v);
    assert_non_null(v.poll);
    assert_int_equal(vote_state(v.poll), VOTE_OPEN);
    assert_int_equal(v.picked, -1);
    assert_int_equal(show_action(s, SHOW_ACT_VOTE, 0), 1); /* reveal: no votes asks */
    assert_int_equal(show_action(s, SHOW_ACT_YES, 0), 1);
    show_view(s, &v);
    assert_int_equal(vote_state(v.poll), VOTE_REVEALED);
    assert_int_equal(v.winner, -1);
    assert_int_equal(show_action(s, SHOW_ACT_VOTE, 0), 0);
    assert_int_equal(show_action(s, SHOW_ACT_NEXT, 0), 0); /* no decision: Next waits */
    assert_int_equal(story_current_beat(show_run(s)), 1);
    show_action(s, SHOW_ACT_DIGIT, 2);
    assert_int_equal(show_action(s, SHOW_ACT_NEXT, 0), 1); /* the pick decides */
    assert_int_equal(story_current_beat(show_run(s)), 3);
    assert_non_null(strstr(g_tr, "pick 2\nvote open 1 both\nasked no votes: yes\n"
                                 "result both 1=0(0 hands+0 phones) 2=0(0 hands+0 phones) "
                                 "3=0(0 hands+0 phones) no votes\npick 2\n"
                                 "signal b result warning\ncontinue b -> end\n"));

    /* the stop poll: V after the reveal keeps it open, Next closes it */
    show_action(s, SHOW_ACT_STOP, 0);
    assert_int_equal(show_action(s, SHOW_ACT_VOTE, 0), 1); /* opens */
    show_action(s, SHOW_ACT_DIGIT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_DIGIT, 5);
    assert_int_equal(show_action(s, SHOW_ACT_VOTE, 0), 1); /* reveals */
    assert_int_equal(show_action(s, SHOW_ACT_VOTE, 0), 1); /* stays */
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_STOP);
    assert_int_equal(vote_state(v.poll), VOTE_REVEALED);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_STOP);
    assert_int_equal(v.n_signals, 2);
    assert_int_equal(v.signals[1].stop, 1);
    assert_int_equal(v.signals[1].result, STORY_SIGNAL_STALKING);
    assert_non_null(strstr(g_tr, "stop result stalking\nstop end\n"));
    show_free(s);
    scenario_free(sc);
}

/* Up and Down stop at the ends of the rewind menu and of the idea queue. */
static void test_menu_bounds(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    to_choice(s);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0); /* one decision */
    show_action(s, SHOW_ACT_REWIND, 0);
    show_view(s, &v);
    assert_int_equal(v.rewind_sel, 0);
    show_action(s, SHOW_ACT_DOWN, 0);
    show_view(s, &v);
    assert_int_equal(v.rewind_sel, 0);
    show_action(s, SHOW_ACT_UP, 0);
    show_action(s, SHOW_ACT_UP, 0);
    show_view(s, &v);
    assert_int_equal(v.rewind_sel, -1); /* "replay this scene" */
    show_action(s, SHOW_ACT_CANCEL, 0);

    show_set_presenter(s, 1);
    show_phone_idea(s, "en");
    show_phone_idea(s, "to");
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_action(s, SHOW_ACT_UP, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.idea_sel, 0);
    show_action(s, SHOW_ACT_DOWN, 0);
    show_action(s, SHOW_ACT_DOWN, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.idea_sel, 1);
    show_action(s, SHOW_ACT_DELETE, 0); /* the last one goes: the selection follows */
    show_view_presenter(s, &v);
    assert_int_equal(v.n_pending_ideas, 1);
    assert_int_equal(v.idea_sel, 0);
    show_free(s);
    scenario_free(sc);
}

/* The overlay switches say what they did in the transcript (notes do not). */
static void test_overlay_transcript(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    (void)state;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_BLANK, 0);
    show_action(s, SHOW_ACT_HELP, 0);
    show_action(s, SHOW_ACT_HELP, 0);
    show_action(s, SHOW_ACT_NOTES, 0);
    show_action(s, SHOW_ACT_MAP, 0);
    show_action(s, SHOW_ACT_MAP, 0);
    show_action(s, SHOW_ACT_MAP, 0);
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_action(s, SHOW_ACT_BLANK, 0);
    show_action(s, SHOW_ACT_BLANK, 0);
    assert_string_equal(g_tr, "beat a\ncaption Fredag 22:10, Fest\n"
                              "blank on\nblank off\nhelp on\nhelp off\n"
                              "map on\nmap off\nmap on\nmap off\nblank on\nblank off\n");
    assert_int_equal(screen(s), SHOW_SCREEN_BEAT);
    show_free(s);
    scenario_free(sc);
}

/* ---- hand counts: keys at the wrong moment (issue 8, items 3 and 4) -------- */


/* Forgetting Next between options: the digits stay in option 1's field,
 * which shows them; the count larger than the room asks; a double press does
 * not answer; Esc takes the digits away and keeps nothing. */
static void test_digits_without_next(void **state)
{
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_HANDS, 0);
    const Key k[] = {K(VOTE, 0), K(DIGIT, 1), K(DIGIT, 7), K(DIGIT, 2),
                     K(DIGIT, 5), K(DIGIT, 3), K(DIGIT, 2)};
    ShowView v;
    (void)state;
    keys(s, k, 7);
    v = view_of(s);
    assert_int_equal(v.selected, 0);
    assert_int_equal(v.entry, 1725); /* the field shows what was typed; a 5th digit does not fit */
    assert_string_equal(v.poll_keys, "0–9 hænder for svar 1   ⌫ slet   → næste svar   "
                                     "V vis resultat   ↑↓ skift svar   Esc færdig");
    show_action(s, SHOW_ACT_VOTE, 0);
    v = view_of(s);
    assert_int_equal(v.ask, SHOW_ASK_BIG_COUNT);
    assert_string_equal(v.ask_text,
                        "1725 hænder for svar 1 – flere end der er i rummet (30). Er det rigtigt?");
    assert_string_equal(v.poll_keys, "J ja   Esc nej");
    show_action(s, SHOW_ACT_VOTE, 0); /* a double press */
    show_action(s, SHOW_ACT_NEXT, 0);
    v = view_of(s);
    assert_int_equal(v.ask, SHOW_ASK_BIG_COUNT);
    assert_int_equal(vote_state(v.poll), VOTE_OPEN);
    show_action(s, SHOW_ACT_CANCEL, 0);
    v = view_of(s);
    assert_int_equal(v.ask, SHOW_ASK_NONE);
    assert_int_equal(v.selected, 0);
    assert_int_equal(v.entry, -1);
    assert_int_equal(vote_hands(v.poll, 0), 0);
    assert_null(strstr(g_tr, "hands 1"));
    assert_non_null(strstr(g_tr, "asked big count: no"));
    /* the same count confirmed is kept, and the V that asked goes on */
    show_action(s, SHOW_ACT_DIGIT, 4);
    show_action(s, SHOW_ACT_DIGIT, 0);
    show_action(s, SHOW_ACT_VOTE, 0);
    show_action(s, SHOW_ACT_YES, 0);
    v = view_of(s);
    assert_int_equal(vote_hands(v.poll, 0), 40);
    assert_int_equal(v.ask, SHOW_ASK_UNCOUNTED); /* options 2 and 3 were not counted */
    assert_string_equal(v.ask_text, "Hænderne for svar 2 er ikke talt. Vis resultatet alligevel?");
    show_action(s, SHOW_ACT_YES, 0);
    assert_int_equal(vote_state(view_of(s).poll), VOTE_REVEALED);
    show_free(s);
    scenario_free(sc);
}

/* A remote's double press: V V (or Next Next with phones only) asks before
 * revealing an empty vote; after a confirmed empty reveal Next does nothing
 * and the hint does not promise it. */
static void test_double_press_and_empty_reveal(void **state)
{
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_HANDS, 0);
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_VOTE, 0);
    show_action(s, SHOW_ACT_VOTE, 0);
    v = view_of(s);
    assert_int_equal(vote_state(v.poll), VOTE_OPEN);
    assert_int_equal(v.ask, SHOW_ASK_EMPTY);
    assert_string_equal(v.ask_text, "Ingen har stemt endnu. Vis resultatet alligevel?");
    show_action(s, SHOW_ACT_YES, 0);
    v = view_of(s);
    assert_int_equal(vote_state(v.poll), VOTE_REVEALED);
    assert_int_equal(v.winner, -1);
    assert_null(strstr(v.poll_keys, "→"));
    assert_string_equal(v.poll_keys, "1–3 vælg svar   ↑↓ ret antal   ← tilbage");
    assert_int_equal(show_action(s, SHOW_ACT_NEXT, 0), 0);
    assert_int_equal(screen(s), SHOW_SCREEN_INTERACTION);
    show_free(s);

    s = at_signal(sc, 0, SHOW_COUNT_PHONES, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    v = view_of(s);
    assert_int_equal(v.selected, -1); /* phones only: no hand fields */
    assert_int_equal(v.ask, SHOW_ASK_EMPTY);
    show_action(s, SHOW_ACT_CANCEL, 0);
    v = view_of(s);
    assert_int_equal(vote_state(v.poll), VOTE_OPEN);
    assert_string_equal(v.poll_keys, "V / → vis resultat   C tæl: telefoner   Esc luk afstemningen");
    show_action(s, SHOW_ACT_CANCEL, 0); /* closes the empty vote */
    assert_null(view_of(s).poll);
    assert_non_null(strstr(g_tr, "vote closed 1"));
    show_free(s);
    scenario_free(sc);
}

/* A typed count is kept on Esc, R and Next, never lost. */
static void test_typed_count_kept(void **state)
{
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_HANDS, 0);
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_VOTE, 0);
    show_action(s, SHOW_ACT_DIGIT, 7);
    show_action(s, SHOW_ACT_CANCEL, 0); /* Esc mid-count */
    v = view_of(s);
    assert_int_equal(vote_hands(v.poll, 0), 7);
    assert_int_equal(v.selected, -1);
    assert_int_equal(v.counted, 1u);
    /* a digit would go to option 2, the first not counted */
    assert_string_equal(v.poll_keys, "0–9 hænder for svar 2   V / → vis resultat   ↑↓ ret antal");
    show_action(s, SHOW_ACT_DOWN, 0); /* back into the fields after option 1: option 2 */
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_DIGIT, 2);
    show_action(s, SHOW_ACT_REWIND, 0); /* R mid-count */
    v = view_of(s);
    assert_true(v.overlays & SHOW_OV_REWIND);
    assert_int_equal(vote_hands(v.poll, 1), 12);
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_action(s, SHOW_ACT_DIGIT, 3);
    show_action(s, SHOW_ACT_STOP, 0); /* S mid-count: the stop poll goes over it */
    show_action(s, SHOW_ACT_CANCEL, 0);
    v = view_of(s);
    assert_int_equal(vote_hands(v.poll, 1), 3);
    assert_non_null(strstr(g_tr, "hands 1 7\nhands 2 12\nhands 2 3\n"));
    show_free(s);
    scenario_free(sc);
}

/* After the reveal ↑↓ opens the fields again; the result and the decision
 * follow the corrected count. */
static void test_correction_after_reveal(void **state)
{
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_HANDS, 0);
    const Key k[] = {K(VOTE, 0), K(DIGIT, 4), K(NEXT, 0), K(DIGIT, 6), K(NEXT, 0),
                     K(DIGIT, 0), K(NEXT, 0), K(NEXT, 0)};
    ShowView v;
    (void)state;
    keys(s, k, 8);
    v = view_of(s);
    assert_int_equal(vote_state(v.poll), VOTE_REVEALED);
    assert_int_equal(v.winner, 1);
    assert_string_equal(v.poll_keys,
                        "→ fortsæt med svar 2   1–3 vælg et andet svar   ↑↓ ret antal   ← tilbage");
    show_action(s, SHOW_ACT_DOWN, 0);
    v = view_of(s);
    assert_int_equal(v.selected, 0);
    assert_string_equal(v.poll_keys, "0–9 hænder for svar 1   → næste svar   ↑↓ skift svar   "
                                     "Esc færdig");
    show_action(s, SHOW_ACT_DIGIT, 9);
    assert_int_equal(view_of(s).entry, 9);
    show_action(s, SHOW_ACT_CANCEL, 0); /* keeps the 9 */
    v = view_of(s);
    assert_int_equal(v.selected, -1);
    assert_int_equal(v.winner, 0);
    assert_non_null(strstr(g_tr, "hands 1 9\nresult corrected hands 1=9 2=6 3=0 winner 1\n"));
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_non_null(strstr(g_tr, "signal b result ok"));
    show_free(s);
    scenario_free(sc);
}

/* The room's size: above the joined phones plus the class (or above 200) a
 * count asks; below it does not. */
static void test_implausible_count(void **state)
{
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_HANDS, 0);
    ShowView v;
    (void)state;
    show_set_phones_joined(s, 5);
    show_action(s, SHOW_ACT_VOTE, 0);
    show_action(s, SHOW_ACT_DIGIT, 3);
    show_action(s, SHOW_ACT_DIGIT, 5);
    show_action(s, SHOW_ACT_NEXT, 0); /* 35 = 5 phones + 30: fine */
    v = view_of(s);
    assert_int_equal(v.ask, SHOW_ASK_NONE);
    assert_int_equal(vote_hands(v.poll, 0), 35);
    show_action(s, SHOW_ACT_DIGIT, 3);
    show_action(s, SHOW_ACT_DIGIT, 6);
    show_action(s, SHOW_ACT_NEXT, 0);
    v = view_of(s);
    assert_int_equal(v.ask, SHOW_ASK_BIG_COUNT);
    assert_int_equal(v.selected, 1);
    show_action(s, SHOW_ACT_YES, 0); /* yes: kept, and Next goes on */
    v = view_of(s);
    assert_int_equal(vote_hands(v.poll, 1), 36);
    assert_int_equal(v.selected, 2);
    show_free(s);
    s = at_signal(sc, 0, SHOW_COUNT_HANDS, 0);
    show_set_counting(s, SHOW_COUNT_HANDS, 500, 0);
    show_action(s, SHOW_ACT_VOTE, 0);
    show_action(s, SHOW_ACT_DIGIT, 2);
    show_action(s, SHOW_ACT_DIGIT, 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(view_of(s).ask, SHOW_ASK_BIG_COUNT); /* 201: more than any room */
    show_free(s);
    scenario_free(sc);
}

/* Hands, phones or both: C switches the poll; phones are refused while only
 * hands count; the result shows hands and phones apart. */
static void test_count_modes(void **state)
{
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_HANDS, 1);
    ShowView v;
    int id = 0;
    (void)state;
    v = view_of(s);
    assert_int_equal(v.count, SHOW_COUNT_HANDS);
    assert_non_null(strstr(v.poll_keys, "C tæl: hænder"));
    show_action(s, SHOW_ACT_VOTE, 0);
    id = vote_id(show_current_poll(s));
    assert_int_equal(show_phone_vote(s, id, "tok-a", 0), ERR_STATE);
    show_action(s, SHOW_ACT_COUNT, 0); /* phones */
    v = view_of(s);
    assert_int_equal(v.count, SHOW_COUNT_PHONES);
    assert_int_equal(v.selected, -1);
    assert_int_equal(show_phone_vote(s, id, "tok-a", 0), 0);
    show_action(s, SHOW_ACT_COUNT, 0); /* both */
    v = view_of(s);
    assert_int_equal(v.count, SHOW_COUNT_BOTH);
    assert_int_equal(v.selected, 0);
    show_action(s, SHOW_ACT_DIGIT, 2);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_DIGIT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_VOTE, 0);
    assert_non_null(strstr(g_tr, "count phones\nphone vote 1 1\ncount both\nhands 1 2\nhands 3 1\n"
                                 "result both 1=3(2 hands+1 phones) 2=0(0 hands+0 phones) "
                                 "3=1(1 hands+0 phones) winner 1\n"));
    show_free(s);
    /* without phones C is not offered and does nothing */
    s = at_signal(sc, 0, SHOW_COUNT_HANDS, 0);
    assert_null(strstr(view_of(s).poll_keys, "C "));
    show_action(s, SHOW_ACT_COUNT, 0);
    assert_int_equal(view_of(s).count, SHOW_COUNT_HANDS);
    show_free(s);
    scenario_free(sc);
}

/* ---- the hint bar never promises a key that does nothing ------------------ */

/* What a key can change: the view's poll part, the screen and the transcript. */
static void snap(Show *s, char *out, size_t n)
{
    ShowView v;
    show_view(s, &v);
    snprintf(out, n, "%d %d %u %d %d %d %d %d %u %d %d %d %zu", (int)v.screen, v.beat, v.overlays,
             v.poll ? (int)vote_state(v.poll) : -1, v.selected, v.entry, v.picked, (int)v.ask,
             v.counted, (int)v.count, v.poll ? vote_grand_total(v.poll) : -1,
             v.poll ? vote_hands(v.poll, 0) : -1, strlen(g_tr));
}

/* 1 when pressing (a, arg) in the state the prefix reaches changes something. */
static int key_works(Scenario *sc, int stop, ShowCount mode, int phones, const Key *pre, int n,
                     ShowAction a, int arg)
{
    char before[256], after[256];
    Show *s = at_signal(sc, 0, mode, phones);
    if (stop)
        show_action(s, SHOW_ACT_STOP, 0);
    keys(s, pre, n);
    snap(s, before, sizeof before);
    show_action(s, a, arg);
    snap(s, after, sizeof after);
    show_free(s);
    return strcmp(before, after) != 0;
}

static void check_hint(Scenario *sc, int stop, ShowCount mode, int phones, const Key *pre, int n)
{
    Show *s = at_signal(sc, 0, mode, phones);
    char hint[SHOW_MAX_HINT];
    char *piece = NULL, *save = NULL;
    if (stop)
        show_action(s, SHOW_ACT_STOP, 0);
    keys(s, pre, n);
    snprintf(hint, sizeof hint, "%s", view_of(s).poll_keys);
    show_free(s);
    assert_true(hint[0] != '\0');
    for (piece = strtok_r(hint, " ", &save); piece; piece = strtok_r(NULL, " ", &save)) {
        int ok = 1;
        if (strcmp(piece, "→") == 0)
            ok = key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_NEXT, 0);
        else if (strcmp(piece, "←") == 0)
            ok = key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_BACK, 0);
        else if (strcmp(piece, "V") == 0)
            ok = key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_VOTE, 0);
        else if (strcmp(piece, "Esc") == 0)
            ok = key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_CANCEL, 0);
        else if (strcmp(piece, "J") == 0)
            ok = key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_YES, 0);
        else if (strcmp(piece, "C") == 0)
            ok = key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_COUNT, 0);
        else if (strcmp(piece, "⌫") == 0)
            ok = key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_DELETE, 0);
        else if (strcmp(piece, "0–9") == 0)
            ok = key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_DIGIT, 5);
        else if (strncmp(piece, "1–", strlen("1–")) == 0) {
            /* "1–N": the digit N picks, the one above it does nothing */
            int top = atoi(piece + strlen("1–"));
            ok = top >= 1 && key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_DIGIT, top) &&
                 (top >= 9 || !key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_DIGIT, top + 1));
        }
        else if (strcmp(piece, "↑↓") == 0)
            ok = key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_UP, 0) ||
                 key_works(sc, stop, mode, phones, pre, n, SHOW_ACT_DOWN, 0);
        if (!ok)
            fail_msg("state after %d keys (stop %d, mode %d): \"%s\" promised, does nothing", n,
                     stop, (int)mode, piece);
    }
}

static void test_hint_promises_only_working_keys(void **state)
{
    /* key prefixes from the signal poll (3 options) that reach every state */
    static const Key states[][10] = {
        {{SHOW_ACT_NONE, 0}},                                        /* not open */
        {K(DIGIT, 2)},                                               /* picked */
        {K(VOTE, 0)},                                                /* field 1, empty */
        {K(VOTE, 0), K(DIGIT, 4)},                                   /* field 1 typed */
        {K(VOTE, 0), K(NEXT, 0)},                                    /* field 2 */
        {K(VOTE, 0), K(DIGIT, 4), K(NEXT, 0), K(NEXT, 0), K(NEXT, 0)}, /* done counting */
        {K(VOTE, 0), K(CANCEL, 0)},                                  /* done, nothing counted */
        {K(VOTE, 0), K(DIGIT, 9), K(DIGIT, 9), K(VOTE, 0)},          /* ask: big count */
        {K(VOTE, 0), K(VOTE, 0)},                                    /* ask: empty */
        {K(VOTE, 0), K(DIGIT, 4), K(VOTE, 0)},                       /* ask: uncounted */
        {K(VOTE, 0), K(DIGIT, 4), K(VOTE, 0), K(YES, 0)},            /* revealed, winner */
        {K(VOTE, 0), K(VOTE, 0), K(YES, 0)},                         /* revealed, empty */
        {K(VOTE, 0), K(VOTE, 0), K(YES, 0), K(DOWN, 0)},             /* correcting */
        {K(VOTE, 0), K(VOTE, 0), K(YES, 0), K(DOWN, 0), K(DIGIT, 2)}, /* correcting, typed */
        {K(VOTE, 0), K(VOTE, 0), K(YES, 0), K(DIGIT, 1)},            /* revealed, picked */
    };
    static const int lens[] = {0, 1, 1, 2, 2, 5, 2, 4, 2, 3, 4, 3, 4, 5, 4};
    Scenario *sc = make();
    int i = 0, stop = 0, m = 0;
    const ShowCount modes[] = {SHOW_COUNT_HANDS, SHOW_COUNT_PHONES, SHOW_COUNT_BOTH};
    (void)state;
    assert_int_equal(sizeof lens / sizeof lens[0], sizeof states / sizeof states[0]);
    for (stop = 0; stop < 2; stop++)
        for (m = 0; m < 3; m++)
            for (i = 0; i < (int)(sizeof lens / sizeof lens[0]); i++)
                check_hint(sc, stop, modes[m], 1, states[i], lens[i]);
    scenario_free(sc);
}

/* ---- a revealed vote stays decided when Back steps away from it ----------- */

static void test_back_keeps_the_result(void **state)
{
    static const Key count[] = {K(VOTE, 0), K(DIGIT, 1), K(DIGIT, 4), K(NEXT, 0), K(DIGIT, 9),
                                K(NEXT, 0), K(DIGIT, 0), K(NEXT, 0), K(NEXT, 0)};
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_BOTH, 1);
    int id = 0;
    (void)state;
    keys(s, count, 9);
    assert_non_null(show_current_poll(s));
    assert_int_equal(vote_state(show_current_poll(s)), VOTE_REVEALED);
    id = vote_id(show_current_poll(s));
    show_action(s, SHOW_ACT_BACK, 0); /* the step before */
    assert_int_equal(screen(s), SHOW_SCREEN_BEAT);
    assert_null(show_current_poll(s)); /* phones see no poll behind the step */
    show_action(s, SHOW_ACT_BACK, 0); /* and one more */
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* the same result again */
    assert_int_equal(screen(s), SHOW_SCREEN_INTERACTION);
    assert_non_null(show_current_poll(s));
    assert_int_equal(vote_id(show_current_poll(s)), id);
    assert_int_equal(vote_state(show_current_poll(s)), VOTE_REVEALED);
    assert_int_equal(vote_hands(show_current_poll(s), 0), 14);
    assert_int_equal(vote_hands(show_current_poll(s), 1), 9);
    assert_null(strstr(g_tr, "vote open 2"));
    assert_non_null(strstr(g_tr, "vote kept"));
    /* the rewind replays the beat: a new vote from there */
    show_action(s, SHOW_ACT_REWIND, 0);
    show_action(s, SHOW_ACT_DIGIT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(screen(s), SHOW_SCREEN_INTERACTION);
    assert_null(show_current_poll(s));
    show_action(s, SHOW_ACT_VOTE, 0);
    assert_int_not_equal(vote_id(show_current_poll(s)), id);
    show_free(s);
    scenario_free(sc);
}

static int g_polls_emitted;
static void count_poll(void *ud, const ShowPollResult *p)
{
    (void)ud;
    (void)p;
    g_polls_emitted++;
}

static ShowPollResult g_last_poll;
static void keep_poll(void *ud, const ShowPollResult *p)
{
    (void)ud;
    g_last_poll = *p;
    g_polls_emitted++;
}

/* The room's record of a choice marks the option the story greyed out (not
 * offered in the vote), so the report does not count it as a small cell. */
static void test_record_marks_options_not_offered(void **state)
{
    static const Key count[] = {K(VOTE, 0), K(DIGIT, 8), K(NEXT, 0), K(DIGIT, 6),
                                K(NEXT, 0), K(NEXT, 0)};
    Scenario *sc = make();
    Show *s = start(sc, 0);
    EvalPollRecord r;
    (void)state;
    g_polls_emitted = 0;
    show_set_poll_hook(s, keep_poll, NULL);
    to_choice(s);
    keys(s, count, 6);
    assert_int_equal(vote_state(show_current_poll(s)), VOTE_REVEALED);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(g_polls_emitted, 1);
    assert_int_equal(g_last_poll.n_options, 3);
    assert_int_equal(g_last_poll.closed, 1u << 2); /* "Tell" needs trust */
    assert_int_equal(show_poll_record(&g_last_poll, &r), 14);
    assert_int_equal(r.closed, 1u << 2);
    show_free(s);
    scenario_free(sc);
}

/* Back one press too many, from the beat after a decided vote: the result
 * is shown again (not an empty vote), Next takes the same way, and the room's
 * record and the timeline hold the vote once. */
static void test_back_across_keeps_the_result(void **state)
{
    static const Key count[] = {K(VOTE, 0), K(DIGIT, 1), K(DIGIT, 4), K(NEXT, 0), K(DIGIT, 9),
                                K(NEXT, 0), K(DIGIT, 0), K(NEXT, 0), K(NEXT, 0)};
    Scenario *sc = make();
    Show *s = at_signal(sc, 0, SHOW_COUNT_BOTH, 1);
    ShowView v;
    int id = 0;
    (void)state;
    g_polls_emitted = 0;
    show_set_poll_hook(s, count_poll, NULL);
    keys(s, count, 9);
    assert_int_equal(vote_state(show_current_poll(s)), VOTE_REVEALED);
    id = vote_id(show_current_poll(s));
    show_action(s, SHOW_ACT_NEXT, 0); /* decided: on to the ending beat */
    assert_int_equal(g_polls_emitted, 1);
    assert_null(show_current_poll(s));
    assert_int_not_equal(screen(s), SHOW_SCREEN_INTERACTION);
    show_action(s, SHOW_ACT_BACK, 0); /* one press too many */
    assert_int_equal(screen(s), SHOW_SCREEN_INTERACTION);
    assert_non_null(show_current_poll(s));
    assert_int_equal(vote_id(show_current_poll(s)), id);
    assert_int_equal(vote_state(show_current_poll(s)), VOTE_REVEALED);
    assert_int_equal(vote_hands(show_current_poll(s), 0), 14);
    assert_int_equal(vote_hands(show_current_poll(s), 1), 9);
    assert_non_null(strstr(g_tr, "vote kept"));
    /* back once more to the step and forward again: still the same result */
    show_action(s, SHOW_ACT_BACK, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(vote_id(show_current_poll(s)), id);
    show_action(s, SHOW_ACT_NEXT, 0); /* the same way, not a second record */
    assert_int_equal(g_polls_emitted, 1);
    assert_null(show_current_poll(s));
    show_view(s, &v);
    assert_int_equal(v.n_signals, 1);
    show_free(s);
    scenario_free(sc);
}

/* ---- the presenter's key line and the projector's footers: every key
 * promised does something, in every state a facilitator reaches ---------- */

/* What a key can change, the ending's page and the steps shown too. */
static void snap_all(Show *s, char *out, size_t n)
{
    ShowView v;
    char poll[256];
    show_view(s, &v);
    snap(s, poll, sizeof poll);
    snprintf(out, n, "%s %d %d %d %d", poll, v.ending_page, v.steps_shown, v.rewind_sel,
             show_quit_requested(s));
}

/* 1 when (a, arg) after `pre` from the welcome screen changes something. */
static int key_works_from(Scenario *sc, const Key *pre, int n, ShowAction a, int arg)
{
    char before[320], after[320];
    Show *s = start(sc, 0);
    show_set_counting(s, SHOW_COUNT_BOTH, 30, 1);
    keys(s, pre, n);
    snap_all(s, before, sizeof before);
    show_action(s, a, arg);
    snap_all(s, after, sizeof after);
    show_free(s);
    return strcmp(before, after) != 0;
}

/* The action a key name in a hint stands for; SHOW_ACT_NONE for a word. */
static ShowAction key_of(const char *piece, int *arg)
{
    static const struct {
        const char *name;
        ShowAction a;
        int arg;
    } names[] = {{"→", SHOW_ACT_NEXT, 0},   {"←", SHOW_ACT_BACK, 0},   {"V", SHOW_ACT_VOTE, 0},
                 {"Esc", SHOW_ACT_CANCEL, 0}, {"J", SHOW_ACT_YES, 0},  {"C", SHOW_ACT_COUNT, 0},
                 {"⌫", SHOW_ACT_DELETE, 0}, {"0–9", SHOW_ACT_DIGIT, 5},
                 {"S", SHOW_ACT_STOP, 0},   {"R", SHOW_ACT_REWIND, 0}, {"M", SHOW_ACT_MAP, 0},
                 {"H", SHOW_ACT_HELP, 0},   {"B", SHOW_ACT_BLANK, 0},  {"N", SHOW_ACT_NOTES, 0},
                 {"I", SHOW_ACT_IDEAS, 0},  {"E", SHOW_ACT_EVAL, 0},   {"K", SHOW_ACT_KIOSK, 0},
                 {"Ctrl+Q", SHOW_ACT_QUIT, 0}, {"Ctrl+R", SHOW_ACT_RESULTS, 0},
                 {"↑↓", SHOW_ACT_UP, 0}};
    size_t i = 0;
    if (strncmp(piece, "1–", strlen("1–")) == 0) { /* "1–N" (N: check_hint) */
        *arg = 1;
        return SHOW_ACT_DIGIT;
    }
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(piece, names[i].name) == 0) {
            *arg = names[i].arg;
            return names[i].a;
        }
    return SHOW_ACT_NONE;
}

/* Every key named in `line` works after `pre`; returns the number of keys
 * named (so that a line naming nothing is noticed). */
static int check_line(Scenario *sc, const Key *pre, int n, const char *line, const char *what)
{
    char buf[SHOW_MAX_KEYS];
    char *piece = NULL, *save = NULL;
    int named = 0;
    snprintf(buf, sizeof buf, "%s", line);
    for (piece = strtok_r(buf, " ", &save); piece; piece = strtok_r(NULL, " ", &save)) {
        int arg = 0, ok = 0;
        ShowAction a = key_of(piece, &arg);
        if (a == SHOW_ACT_NONE)
            continue;
        named++;
        ok = key_works_from(sc, pre, n, a, arg);
        if (a == SHOW_ACT_UP)
            ok = ok || key_works_from(sc, pre, n, SHOW_ACT_DOWN, 0);
        if (!ok)
            fail_msg("%s after %d keys: \"%s\" promised in \"%s\", does nothing", what, n, piece,
                     line);
    }
    return named;
}

static void test_presenter_keys_all_work(void **state)
{
    /* from the welcome screen: a: line, message, choice; b: narration,
     * signal; c: an idea prompt here (no steps); end: narration, ending */
#define TO_CHOICE K(NEXT, 0), K(NEXT, 0), K(NEXT, 0), K(NEXT, 0)
#define TO_SIGNAL TO_CHOICE, K(DIGIT, 1), K(NEXT, 0), K(NEXT, 0), K(NEXT, 0)
#define TO_IDEA TO_CHOICE, K(DIGIT, 2), K(NEXT, 0)
    static const Key states[][16] = {
        {{SHOW_ACT_NONE, 0}},                            /* welcome */
        {K(NEXT, 0)},                                    /* beat a, no step yet */
        {K(NEXT, 0), K(NEXT, 0)},                        /* a's first step */
        {K(NEXT, 0), K(NEXT, 0), K(NEXT, 0)},            /* a's last step, held */
        {TO_CHOICE},                                     /* the choice, no vote */
        {TO_CHOICE, K(VOTE, 0)},                         /* vote open, field 1 */
        {TO_CHOICE, K(VOTE, 0), K(DIGIT, 4)},            /* typed */
        {TO_CHOICE, K(VOTE, 0), K(DIGIT, 4), K(VOTE, 0), K(YES, 0)}, /* revealed */
        {TO_CHOICE, K(VOTE, 0), K(DIGIT, 4), K(VOTE, 0), K(YES, 0), K(BACK, 0)}, /* back */
        {TO_SIGNAL},                                     /* signal poll */
        {TO_SIGNAL, K(VOTE, 0), K(VOTE, 0)},             /* asks */
        {TO_IDEA},                                       /* idea prompt */
        {TO_IDEA, K(NEXT, 0)},                           /* end beat */
        {TO_IDEA, K(NEXT, 0), K(NEXT, 0), K(NEXT, 0)},   /* ending, page 1 */
        {TO_IDEA, K(NEXT, 0), K(NEXT, 0), K(NEXT, 0), K(NEXT, 0)}, /* the timeline */
        {K(NEXT, 0), K(HELP, 0)},                        /* help card */
        {K(NEXT, 0), K(BLANK, 0)},                       /* blank */
        {K(NEXT, 0), K(QUIT, 0)},                        /* the quit dialog */
        {K(NEXT, 0), K(REWIND, 0)},                      /* the rewind menu, empty */
        {TO_SIGNAL, K(REWIND, 0)},                       /* the rewind menu, a decision */
        {K(NEXT, 0), K(MAP, 0)},                         /* the map */
        {K(NEXT, 0), K(STOP, 0)},                        /* the stop poll */
        {K(NEXT, 0), K(STOP, 0), K(VOTE, 0)},            /* the stop poll, open */
        {K(MAP, 0)},                                     /* the map on the welcome screen */
    };
    static const int lens[] = {0, 1, 2, 3, 4, 5, 6, 8, 9, 8, 10, 6, 7, 9, 10, 2, 2, 2, 2, 9, 2, 2, 3, 1};
    Scenario *sc = make();
    StoryBeat *c = (StoryBeat *)&sc->beats[2];
    int i = 0;
    (void)state;
    assert_int_equal(sizeof lens / sizeof lens[0], sizeof states / sizeof states[0]);
    c->interaction.kind = STORY_INT_IDEA; /* beat c asks for ideas here */
    for (i = 0; i < (int)(sizeof lens / sizeof lens[0]); i++) {
        Show *s = start(sc, 0);
        ShowView v;
        char line[SHOW_MAX_KEYS];
        show_set_counting(s, SHOW_COUNT_BOTH, 30, 1);
        keys(s, states[i], lens[i]);
        show_view_presenter(s, &v);
        snprintf(line, sizeof line, "%s", v.keys);
        show_free(s);
        assert_true(check_line(sc, states[i], lens[i], line, "presenter") > 0);
    }
    /* the welcome screen names only the keys that work there */
    {
        Show *s = start(sc, 0);
        ShowView v;
        show_view_presenter(s, &v);
        assert_null(strstr(v.keys, "V "));
        assert_null(strstr(v.keys, "S stop"));
        assert_non_null(strstr(v.keys, "→ start"));
        show_free(s);
    }
    /* during a vote the line carries the count keys */
    {
        Show *s = start(sc, 0);
        static const Key k[] = {TO_CHOICE, K(VOTE, 0)};
        ShowView v;
        show_set_counting(s, SHOW_COUNT_BOTH, 30, 1);
        keys(s, k, 5);
        show_view_presenter(s, &v);
        assert_non_null(strstr(v.keys, "0–9 hænder for svar 1"));
        show_free(s);
    }
    /* the projector's footers: at the idea prompt I is named, and works */
    {
        static const Key idea[] = {TO_IDEA};
        static const Key beat[] = {K(NEXT, 0), K(NEXT, 0)};
        assert_non_null(strstr(ui_text(0, UI_KEYS_IDEA), "I "));
        assert_non_null(strstr(ui_text(1, UI_KEYS_IDEA), "I "));
        check_line(sc, idea, 6, ui_text(0, UI_KEYS_IDEA), "projector at the idea prompt");
        check_line(sc, beat, 2, ui_text(0, UI_KEYS_BEAT), "projector on a beat");
    }
#undef TO_CHOICE
#undef TO_SIGNAL
#undef TO_IDEA
    scenario_free(sc);
}

/* ---- private content: notes, idea moderation (issue 8, item 5) ------------- */

/* With a presenter window, N opens the notes there: the projector's view
 * never carries them.  Without one, N warns the room first; N again or J
 * shows them; Escape closes; any other key closes the warning and does its job. */
static void test_notes_private(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_set_presenter(s, 1);
    assert_int_equal(show_action(s, SHOW_ACT_NOTES, 0), 1);
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_NOTES);
    assert_int_equal(v.screen, SHOW_SCREEN_BEAT);
    show_view_presenter(s, &v);
    assert_true(v.overlays & SHOW_OV_NOTES);
    assert_int_equal(v.private_hidden, 0);
    show_action(s, SHOW_ACT_NOTES, 0);
    show_view_presenter(s, &v);
    assert_false(v.overlays & SHOW_OV_NOTES);

    show_set_presenter(s, 0);
    show_action(s, SHOW_ACT_NOTES, 0); /* the warning */
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_NOTES);
    assert_int_equal(v.private_hidden, SHOW_OV_NOTES);
    show_action(s, SHOW_ACT_NOTES, 0); /* the same key again: shown */
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_NOTES);
    assert_int_equal(v.private_hidden, 0);
    show_action(s, SHOW_ACT_NOTES, 0); /* and closed */
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_NOTES);
    show_action(s, SHOW_ACT_NOTES, 0);
    show_action(s, SHOW_ACT_YES, 0); /* J confirms too, and never quits */
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_NOTES);
    assert_int_equal(v.private_hidden, 0);
    assert_int_equal(show_quit_requested(s), 0);
    show_action(s, SHOW_ACT_CANCEL, 0);
    /* a new N warns again */
    show_action(s, SHOW_ACT_NOTES, 0);
    show_view(s, &v);
    assert_int_equal(v.private_hidden, SHOW_OV_NOTES);
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_NOTES);
    assert_int_equal(story_steps_shown(show_run(s)), 0);
    /* Next under the warning closes it and shows the next step */
    show_action(s, SHOW_ACT_NOTES, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_NOTES);
    assert_int_equal(story_steps_shown(show_run(s)), 1);
    show_free(s);
    scenario_free(sc);
}

/* Without a presenter window, I shows the room how many ideas wait (and how
 * many are flagged), not their texts, until I again or J. */
static void test_ideas_counts_first(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_phone_idea(s, "Sig det til en voksen");
    show_phone_idea(s, "hun er en luder");
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_IDEAS);
    assert_int_equal(v.private_hidden, SHOW_OV_IDEAS);
    assert_null(v.pending_ideas);
    assert_int_equal(v.n_pending_ideas, 2);
    assert_int_equal(v.n_flagged_ideas, 1);
    show_action(s, SHOW_ACT_NEXT, 0); /* not an approval: closes the counts and goes on */
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_IDEAS);
    assert_int_equal(v.n_ideas, 0);
    assert_int_equal(story_steps_shown(show_run(s)), 1);
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_action(s, SHOW_ACT_YES, 0);
    show_view(s, &v);
    assert_true(v.overlays & SHOW_OV_IDEAS);
    assert_int_equal(v.private_hidden, 0);
    assert_non_null(v.pending_ideas);
    assert_int_equal(show_quit_requested(s), 0);
    show_action(s, SHOW_ACT_IDEAS, 0); /* I now closes */
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_IDEAS);
    show_action(s, SHOW_ACT_IDEAS, 0); /* counts again */
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_view(s, &v);
    assert_int_equal(v.private_hidden, 0);
    assert_non_null(v.pending_ideas);
    show_action(s, SHOW_ACT_CANCEL, 0);
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_action(s, SHOW_ACT_CANCEL, 0); /* Escape on the counts only closes */
    show_view(s, &v);
    assert_false(v.overlays & SHOW_OV_IDEAS);
    assert_int_equal(story_steps_shown(show_run(s)), 1);
    show_free(s);
    scenario_free(sc);
}

/* A flagged idea needs Enter twice; moving away forgets the first Enter. */
static void test_flagged_idea_confirm(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_set_presenter(s, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_phone_idea(s, "hun er en luder");
    show_phone_idea(s, "Bloker ham");
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.n_ideas, 0);
    assert_int_equal(v.idea_confirm, 0);
    assert_int_equal(v.idea_sel, 0);
    show_view(s, &v);
    assert_int_equal(v.idea_confirm, -1); /* never on the projector */
    show_action(s, SHOW_ACT_DOWN, 0);
    show_action(s, SHOW_ACT_UP, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.idea_confirm, -1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.n_ideas, 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* the second confirmation */
    show_view_presenter(s, &v);
    assert_int_equal(v.n_ideas, 1);
    assert_string_equal(v.ideas[0], "hun er en luder");
    assert_int_equal(v.idea_confirm, -1);
    assert_non_null(strstr(g_tr, "idea flagged: confirm\nidea approved\n"));
    /* an unflagged idea goes with one Enter */
    show_action(s, SHOW_ACT_UP, 0);
    show_view_presenter(s, &v);
    assert_string_equal(v.pending_ideas[v.idea_sel], "Bloker ham");
    show_action(s, SHOW_ACT_NEXT, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.n_ideas, 2);
    show_free(s);
    scenario_free(sc);
}

/* Approving keeps the selection on the approved idea (now among the shown
 * ones); a new idea from a phone does not move it; Backspace on a shown idea
 * takes it off the projector. */
static void test_idea_withdraw_and_selection(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_set_presenter(s, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_phone_idea(s, "A");
    show_phone_idea(s, "B");
    show_phone_idea(s, "C");
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_action(s, SHOW_ACT_DOWN, 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* approve B */
    show_view_presenter(s, &v);
    assert_int_equal(v.n_pending_ideas, 2);
    assert_int_equal(v.n_ideas, 1);
    assert_int_equal(v.idea_sel, 2); /* B, first of the shown */
    assert_string_equal(v.ideas[v.idea_sel - v.n_pending_ideas], "B");
    show_action(s, SHOW_ACT_NEXT, 0); /* Enter on a shown idea changes nothing */
    show_view_presenter(s, &v);
    assert_int_equal(v.n_ideas, 1);
    assert_int_equal(v.n_pending_ideas, 2);
    show_phone_idea(s, "D"); /* arrives while B is selected */
    show_view_presenter(s, &v);
    assert_int_equal(v.idea_sel, 3);
    assert_string_equal(v.ideas[v.idea_sel - v.n_pending_ideas], "B");
    show_view(s, &v);
    assert_int_equal(v.n_ideas, 1); /* the projector shows B */
    show_action(s, SHOW_ACT_DELETE, 0); /* withdraw B */
    show_view(s, &v);
    assert_int_equal(v.n_ideas, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.n_pending_ideas, 3);
    assert_int_equal(v.idea_sel, 2);
    assert_non_null(strstr(g_tr, "idea withdrawn"));
    /* approving the last pending idea keeps it selected too */
    show_action(s, SHOW_ACT_NEXT, 0); /* D */
    show_view_presenter(s, &v);
    assert_int_equal(v.n_ideas, 1);
    assert_string_equal(v.ideas[v.idea_sel - v.n_pending_ideas], "D");
    show_free(s);
    scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps_and_transcript),
        cmocka_unit_test(test_last_step_seen),
        cmocka_unit_test(test_hands_vote_and_branch),
        cmocka_unit_test(test_tie_override_and_rewind),
        cmocka_unit_test(test_signal_timeline_and_ending),
        cmocka_unit_test(test_never_quits_by_accident),
        cmocka_unit_test(test_overlays),
        cmocka_unit_test(test_script_error_and_back),
        cmocka_unit_test(test_discuss_timer),
        cmocka_unit_test(test_load_error_screen),
        cmocka_unit_test(test_ideas_moderation),
        cmocka_unit_test(test_resume_after_reload),
        cmocka_unit_test(test_vote_key_never_decides),
        cmocka_unit_test(test_menu_bounds),
        cmocka_unit_test(test_overlay_transcript),
        cmocka_unit_test(test_digits_without_next),
        cmocka_unit_test(test_double_press_and_empty_reveal),
        cmocka_unit_test(test_typed_count_kept),
        cmocka_unit_test(test_back_across_keeps_the_result),
        cmocka_unit_test(test_record_marks_options_not_offered),
        cmocka_unit_test(test_correction_after_reveal),
        cmocka_unit_test(test_implausible_count),
        cmocka_unit_test(test_count_modes),
        cmocka_unit_test(test_hint_promises_only_working_keys),
        cmocka_unit_test(test_presenter_keys_all_work),
        cmocka_unit_test(test_back_keeps_the_result),
        cmocka_unit_test(test_notes_private),
        cmocka_unit_test(test_ideas_counts_first),
        cmocka_unit_test(test_flagged_idea_confirm),
        cmocka_unit_test(test_idea_withdraw_and_selection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
