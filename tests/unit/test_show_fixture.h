/* test_show_fixture.h - the small scenario built in C that the show's unit
 * tests play (test_show.c, test_show_save.c): three beats, a choice, a
 * signal, a condition hook that can be made to fail, and a transcript sink. */
#ifndef TEST_SHOW_FIXTURE_H
#define TEST_SHOW_FIXTURE_H

#include <string.h>

#include "show/show.h"

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

#endif
