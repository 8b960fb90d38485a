/* test_show_measure.c - the before/after statements and the labels form of
 * the show (pure C): the rounds, what the poll hook receives (totals only),
 * S skipping, the after round only after an answered before round, the
 * summary, phone votes on a statement, and the labels typed at the end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "show/show.h"
#include "story/scenario_build.h"

static StoryText text2(const char *da, const char *en)
{
    StoryText t;
    memset(&t, 0, sizeof t);
    t.s[0] = da;
    t.s[1] = en;
    t.src.line = 3;
    return t;
}

/* Two statements; one beat with one step, then an ending beat. */
static Scenario *make(void)
{
    Err e;
    ScenarioInfo info;
    StoryStatement st;
    StoryBeat beat;
    StoryStep step;
    StoryDecl *d = NULL;
    Scenario *sc = NULL;
    ScenarioBuilder *b = scenario_builder_new("dir", "dir/scenario.lua", &e);
    assert_non_null(b);
    memset(&info, 0, sizeof info);
    assert_int_equal(scenario_add_language(b, "da", &e), 0);
    assert_int_equal(scenario_add_language(b, "en", &e), 1);
    info.id = "m";
    info.title = text2("Prøve", "Test");
    assert_int_equal(scenario_begin(b, &info, &e), 0);
    memset(&st, 0, sizeof st);
    st.id = "checks";
    st.text = text2("Han tjekker hendes telefon.", "He checks her phone.");
    assert_int_equal(scenario_add_statement(b, &st, &e), 0);
    assert_true(scenario_add_statement(b, &st, &e) < 0); /* the same id twice */
    assert_non_null(strstr(e.msg, "declared twice"));
    st.id = "follows";
    st.text = text2("Han følger efter hende.", "He follows her.");
    assert_int_equal(scenario_add_statement(b, &st, &e), 1);
    memset(&step, 0, sizeof step);
    step.kind = STORY_STEP_NARRATION;
    step.speaker = step.phone = -1;
    step.text = text2("Fest.", "Party.");
    memset(&beat, 0, sizeof beat);
    beat.id = "a";
    beat.next_id = "end";
    assert_int_equal(scenario_add_beat(b, &beat, &e), 0);
    d = scenario_new_step(b, &step, &e);
    assert_int_equal(scenario_beat_add_step(b, 0, d, &e), 0);
    memset(&beat, 0, sizeof beat);
    beat.id = "end";
    beat.ending = 1;
    beat.ending_text = text2("Slut.", "The end.");
    assert_int_equal(scenario_add_beat(b, &beat, &e), 1);
    sc = scenario_builder_finish(b, &e);
    scenario_builder_free(b);
    assert_non_null(sc);
    return sc;
}

static char g_tr[16384];
static ShowPollResult g_polls[16];
static int g_npolls;
static char g_labels[512];

static void sink(void *ud, const char *line)
{
    (void)ud;
    strncat(g_tr, line, sizeof g_tr - strlen(g_tr) - 2);
    strcat(g_tr, "\n");
}

static void on_poll(void *ud, const ShowPollResult *r)
{
    (void)ud;
    if (g_npolls < 16) {
        g_polls[g_npolls] = *r;
        g_polls[g_npolls].prompt = NULL; /* borrowed for the call only */
        g_npolls++;
    }
}

static void on_label(void *ud, const char *name, const char *value)
{
    (void)ud;
    snprintf(g_labels + strlen(g_labels), sizeof g_labels - strlen(g_labels), "%s=%s;", name,
             value);
}

static Show *start(Scenario *sc, int phones)
{
    Err e;
    Show *s = show_new(sc, NULL, 1, NULL, &e);
    assert_non_null(s);
    g_tr[0] = '\0';
    g_labels[0] = '\0';
    g_npolls = 0;
    show_set_transcript(s, sink, NULL);
    show_set_poll_hook(s, on_poll, NULL);
    show_set_label_hook(s, on_label, NULL);
    show_set_counting(s, phones ? SHOW_COUNT_BOTH : SHOW_COUNT_HANDS, 30, phones);
    return s;
}

static ShowView view(Show *s)
{
    ShowView v;
    show_view(s, &v);
    return v;
}

/* V, the three hand counts (each then Next), V reveals, Next goes on. */
static void hands(Show *s, int ok, int warn, int stalk)
{
    int c[3] = {ok, warn, stalk}, i = 0;
    show_action(s, SHOW_ACT_VOTE, 0);
    for (i = 0; i < 3; i++) {
        if (c[i] >= 10)
            show_action(s, SHOW_ACT_DIGIT, c[i] / 10);
        show_action(s, SHOW_ACT_DIGIT, c[i] % 10);
        show_action(s, SHOW_ACT_NEXT, 0);
    }
    show_action(s, SHOW_ACT_VOTE, 0);
    assert_int_equal(vote_state(show_current_poll(s)), VOTE_REVEALED);
    show_action(s, SHOW_ACT_NEXT, 0);
}

/* Next until the ending (its first page). */
static void to_ending(Show *s)
{
    int i = 0;
    for (i = 0; i < 10 && view(s).screen != SHOW_SCREEN_ENDING; i++)
        show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(view(s).screen, SHOW_SCREEN_ENDING);
}

/* A scenario reloaded after the before round (Ctrl+L while authoring live)
 * keeps that round: the first beat, not the statements again, and the after
 * round at the end compares with the totals from before the reload. */
static void test_reload_keeps_the_before_round(void **state)
{
    Scenario *sc = make(), *sc2 = make();
    Show *s = start(sc, 0), *s2 = NULL;
    Err e;
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_NEXT, 0);
    hands(s, 3, 10, 12);
    hands(s, 20, 5, 0);
    assert_int_equal(view(s).screen, SHOW_SCREEN_BEAT);
    s2 = show_new(sc2, NULL, 1, NULL, &e);
    assert_non_null(s2);
    show_set_transcript(s2, sink, NULL);
    show_keep_measure(s2, s);
    show_free(s);
    g_tr[0] = '\0';
    show_action(s2, SHOW_ACT_NEXT, 0); /* the reloaded show starts at its beat */
    assert_int_equal(view(s2).screen, SHOW_SCREEN_BEAT);
    assert_null(strstr(g_tr, "statements before"));
    to_ending(s2);
    show_action(s2, SHOW_ACT_EVAL, 0);
    v = view(s2);
    assert_int_equal(v.measure_round, SHOW_MEASURE_AFTER);
    hands(s2, 1, 5, 20);
    hands(s2, 10, 10, 6);
    v = view(s2);
    assert_int_equal(v.screen, SHOW_SCREEN_MEASURE);
    assert_int_equal(v.measure[0].counts[0][2], 12); /* from before the reload */
    assert_int_equal(v.measure[0].counts[1][2], 20);
    show_free(s2);
    scenario_free(sc);
    scenario_free(sc2);
}

static void test_rounds_and_summary(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_NEXT, 0);
    v = view(s);
    assert_int_equal(v.screen, SHOW_SCREEN_INTERACTION);
    assert_int_equal(v.measure_round, SHOW_MEASURE_BEFORE);
    assert_int_equal(v.measure_i, 0);
    assert_int_equal(v.n_statements, 2);
    assert_string_equal(v.prompt->s[1], "He checks her phone.");
    /* no pick: a digit before the vote changes nothing, the hint offers none */
    show_action(s, SHOW_ACT_DIGIT, 3);
    assert_int_equal(view(s).picked, -1);
    assert_null(strstr(view(s).poll_keys, "pick"));
    assert_non_null(strstr(view(s).poll_keys, "S skip the rest"));
    hands(s, 3, 10, 12);
    v = view(s);
    assert_int_equal(v.measure_i, 1);
    assert_non_null(strstr(g_tr, "statement before 2/2 follows: He follows her.\n"));
    hands(s, 20, 5, 0);
    assert_non_null(strstr(g_tr, "statements before done\nbeat a\n"));
    assert_int_equal(g_npolls, 2);
    assert_int_equal(g_polls[0].kind, SHOW_POLL_BEFORE);
    assert_string_equal(g_polls[0].beat_id, "checks");
    assert_int_equal(g_polls[0].hands[2], 12);
    assert_int_equal(g_polls[0].n_options, 3);
    assert_int_equal(g_polls[1].result, 0);
    /* Back to the welcome screen and Next again: the round is not asked twice */
    show_action(s, SHOW_ACT_BACK, 0);
    show_action(s, SHOW_ACT_BACK, 0);
    assert_int_equal(view(s).screen, SHOW_SCREEN_WELCOME);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(view(s).screen, SHOW_SCREEN_BEAT);
    to_ending(s);
    /* E asks the statements again (no questionnaire: no evaluation after) */
    show_action(s, SHOW_ACT_EVAL, 0);
    v = view(s);
    assert_int_equal(v.measure_round, SHOW_MEASURE_AFTER);
    hands(s, 1, 5, 20);
    hands(s, 10, 10, 6);
    v = view(s);
    assert_int_equal(v.screen, SHOW_SCREEN_MEASURE);
    assert_int_equal(v.measure[0].counts[0][2], 12);
    assert_int_equal(v.measure[0].counts[1][2], 20);
    assert_int_equal(v.measure[1].asked[1], 1);
    assert_int_equal(v.measure_eval, 0);
    assert_int_equal(g_npolls, 4);
    assert_int_equal(g_polls[3].kind, SHOW_POLL_AFTER);
    /* Esc back to the ending; Next on the timeline page shows the summary again */
    show_action(s, SHOW_ACT_CANCEL, 0);
    assert_int_equal(view(s).screen, SHOW_SCREEN_ENDING);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(view(s).ending_page, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(view(s).screen, SHOW_SCREEN_MEASURE);
    assert_int_equal(g_npolls, 4); /* nothing asked or stored twice */
    show_free(s);
    scenario_free(sc);
}

static void test_skip(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    (void)state;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_STOP, 0);
    assert_int_equal(view(s).screen, SHOW_SCREEN_BEAT);
    assert_non_null(strstr(g_tr, "statements before skipped\n"));
    to_ending(s);
    /* without a before round the end does not ask again */
    show_action(s, SHOW_ACT_EVAL, 0);
    assert_int_equal(view(s).measure_round, 0);
    assert_int_equal(g_npolls, 0);
    show_free(s);
    /* S after the first statement: that one is kept, the after round asks */
    s = start(sc, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    hands(s, 1, 2, 3);
    show_action(s, SHOW_ACT_VOTE, 0); /* an open vote of the second */
    show_action(s, SHOW_ACT_STOP, 0);
    assert_int_equal(view(s).screen, SHOW_SCREEN_BEAT);
    assert_int_equal(g_npolls, 1);
    to_ending(s);
    show_action(s, SHOW_ACT_EVAL, 0);
    assert_int_equal(view(s).measure_round, SHOW_MEASURE_AFTER);
    show_action(s, SHOW_ACT_STOP, 0);
    /* nothing answered after: no summary, the ending again */
    assert_int_equal(view(s).screen, SHOW_SCREEN_ENDING);
    show_free(s);
    scenario_free(sc);
}

static void test_phones(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 1);
    const Poll *p = NULL;
    int id = 0;
    (void)state;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_COUNT, 0); /* both -> hands */
    show_action(s, SHOW_ACT_COUNT, 0); /* -> phones */
    show_action(s, SHOW_ACT_VOTE, 0);
    p = show_current_poll(s);
    assert_non_null(p);
    id = vote_id(p);
    assert_int_equal(show_phone_vote(s, id, "tok-a", 2), 0);
    assert_int_equal(show_phone_vote(s, id, "tok-b", 2), 0);
    assert_int_equal(show_phone_vote(s, id, "tok-a", 1), 0); /* changed, counted once */
    assert_int_equal(show_phone_vote(s, id + 1, "tok-c", 0), ERR_STATE);
    show_action(s, SHOW_ACT_VOTE, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(g_npolls, 1);
    assert_int_equal(g_polls[0].phones[1], 1);
    assert_int_equal(g_polls[0].phones[2], 1);
    assert_int_equal(g_polls[0].hands[1] + g_polls[0].hands[2], 0);
    assert_int_equal(view(s).measure_i, 1);
    show_free(s);
    scenario_free(sc);
}

static void test_labels_form(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_STOP, 0);
    show_action(s, SHOW_ACT_LABELS, 0); /* not during the scenes */
    assert_int_equal(view(s).labels_open, 0);
    to_ending(s);
    show_action(s, SHOW_ACT_LABELS, 0);
    v = view(s);
    assert_int_equal(v.labels_open, 1);
    assert_true(show_in_kiosk(s) && show_wants_text(s));
    assert_int_equal(show_text(s, "Nordskolen"), 1);
    show_action(s, SHOW_ACT_DELETE, 0);
    show_text(s, "n");
    show_action(s, SHOW_ACT_NEXT, 0);
    show_text(s, "9");
    show_action(s, SHOW_ACT_NEXT, 0);
    show_text(s, "Æbeltoft");
    show_action(s, SHOW_ACT_DELETE, 0); /* a whole character */
    show_action(s, SHOW_ACT_DELETE, 0);
    show_text(s, "ft");
    v = view(s);
    assert_string_equal(v.labels[2], "Æbeltoft");
    show_action(s, SHOW_ACT_NEXT, 0); /* the last field: saved */
    assert_string_equal(g_labels, "school=Nordskolen;grade=9;municipality=Æbeltoft;");
    assert_int_equal(view(s).labels_open, 0);
    assert_false(show_in_kiosk(s));
    /* Esc cancels: nothing more is handed over */
    show_action(s, SHOW_ACT_LABELS, 0);
    show_action(s, SHOW_ACT_CANCEL, 0);
    assert_string_equal(g_labels, "school=Nordskolen;grade=9;municipality=Æbeltoft;");
    /* with a presenter window the form is not on the projector */
    show_set_presenter(s, 1);
    show_action(s, SHOW_ACT_LABELS, 0);
    assert_int_equal(view(s).labels_open, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.labels_open, 1);
    show_free(s);
    scenario_free(sc);
}

/* The scenario overview is the presenter's notes on the welcome screen only,
 * not while the statements are asked; the ending's key line says E (and the
 * timeline's Next) asks the statements, and they do. */
static void test_overview_and_ending_keys(void **state)
{
    Scenario *sc = make();
    Show *s = start(sc, 0);
    ShowView v;
    (void)state;
    show_view_presenter(s, &v);
    assert_int_equal(v.screen, SHOW_SCREEN_WELCOME);
    assert_int_equal(v.notes_overview, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.measure_round, SHOW_MEASURE_BEFORE);
    assert_int_equal(v.notes_overview, 0);
    hands(s, 3, 10, 12);
    hands(s, 20, 5, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.notes_overview, 0);
    to_ending(s);
    show_view_presenter(s, &v);
    assert_non_null(strstr(v.keys, "→ timeline   ← back   E the statements"));
    show_action(s, SHOW_ACT_NEXT, 0);
    show_view_presenter(s, &v);
    assert_int_equal(v.ending_page, 1);
    assert_int_equal(v.notes_overview, 0);
    assert_non_null(strstr(v.keys, "→ / E the statements   ← advice"));
    assert_non_null(strstr(v.keys, "H help"));
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(view(s).measure_round, SHOW_MEASURE_AFTER);
    show_free(s);
    scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overview_and_ending_keys),
        cmocka_unit_test(test_rounds_and_summary),
        cmocka_unit_test(test_reload_keeps_the_before_round),
        cmocka_unit_test(test_skip),
        cmocka_unit_test(test_phones),
        cmocka_unit_test(test_labels_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
