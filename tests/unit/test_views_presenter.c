/* test_views_presenter.c - the facilitator's screen (engine/app/views_presenter.c)
 * rendered headless into a software renderer at 1920x1080 and 1280x720.
 *
 * The bundled scenario (scenes/stalking) is loaded through the Lua loader and
 * played by a real Show driven with show_action: the welcome screen, a beat
 * with steps shown, a choice with an open vote (hands keyed in, a phone
 * vote), pending ideas from phones (one flagged by the word list), blank on,
 * the ending, and the error screen.  PNGs land in the build directory
 * (views_presenter_*.png) for a human look; the checks cover: something
 * drawn, nothing in the safe margins, the accent colour present, the red
 * BLANK marker in the top bar exactly when blank is on, the flag's red in
 * the idea area exactly when an idea is flagged, and the hand count keyed
 * in shown in the phones colour. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "unit/frame_pixels.h"
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "show/show.h"
#include "views/views_presenter.h"
#include "lua/lua_story.h"
#include "render/render_sdl.h"
#include "story/story.h"

#ifndef TEST_OUT_DIR
#define TEST_OUT_DIR "."
#endif

typedef struct Fx {
    LuaHost *host;
    Scenario *sc;
    Show *show;
} Fx;

/* What one rendered frame holds. */
typedef struct Counts {
    long ink;         /* pixels that are not the background */
    long margin_ink;  /* ink inside the 5 % margins */
    long accent;      /* THEME_ACCENT pixels */
    long top_red;     /* THEME_STALKING or THEME_ERROR pixels in the top bar */
    long idea_red;    /* THEME_STALKING pixels in the idea area (right, lower part) */
    long phones;      /* THEME_PHONES pixels in the left column */
    long error_red;   /* THEME_ERROR pixels in the left column */
} Counts;

static int setup(void **state)
{
    Fx *f = calloc(1, sizeof *f);
    Err err;
    err_clear(&err);
    if (!f || SDL_Init(SDL_INIT_VIDEO) != 0)
        return -1;
    f->host = lua_host_new(&err);
    f->sc = f->host ? lua_story_load(f->host, SPECTACTOR_ROOT "/scenes/stalking", &err) : NULL;
    if (!f->sc) {
        fprintf(stderr, "load: %s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fx *f = *state;
    show_free(f->show);
    lua_story_release(f->host, f->sc);
    scenario_free(f->sc);
    lua_host_free(f->host);
    free(f);
    SDL_Quit();
    return 0;
}

/* A fresh show in Danish (en = 0) or English. */
static Show *new_show(Fx *f, int en)
{
    Err err;
    int lang = scenario_lang_index(f->sc, en ? "en" : "da");
    err_clear(&err);
    show_free(f->show);
    f->show = show_new(f->sc, lua_story_hooks(f->host), lang < 0 ? 0 : lang, NULL, &err);
    assert_non_null(f->show);
    return f->show;
}

/* Renders the presenter view of s at w x h into
 * TEST_OUT_DIR/views_presenter_<name>_<w>x<h>.png and fills *out. */
static void render(Show *s, int w, int h, const char *name, long elapsed, Counts *out)
{
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    Gfx *g = NULL;
    Err err;
    char path[512];
    ShowView v;
    int mx = theme_margin_x(w), my = theme_margin_y(h), x = 0, y = 0;
    int top_end = my + h * 17 / 100;
    SDL_Surface *back = NULL;
    err_clear(&err);
    assert_non_null(r);
    g = gfx_new(r, w, h, NULL, &err);
    assert_non_null(g);
    show_view_presenter(s, &v);
    views_draw_presenter(g, &v, elapsed);
    SDL_RenderPresent(r);
    snprintf(path, sizeof path, "%s/views_presenter_%s_%dx%d.png", TEST_OUT_DIR, name, w, h);
    assert_int_equal(gfx_save_png(r, w, h, path, &err), 0);
    back = IMG_Load(path);
    assert_non_null(back);
    assert_int_equal(back->w, w);
    assert_int_equal(back->h, h);
    SDL_FreeSurface(back);
    memset(out, 0, sizeof *out);
    for (y = 0; y < h; y++) {
        for (x = 0; x < w; x++) {
            uint32_t p = frame_px(surf, x, y);
            int in_margin = x < mx || x >= w - mx || y < my || y >= h - my;
            if (p == THEME_BG)
                continue;
            out->ink++;
            if (in_margin)
                out->margin_ink++;
            if (p == THEME_ACCENT)
                out->accent++;
            if (y < top_end && (p == THEME_STALKING || p == THEME_ERROR))
                out->top_red++;
            if (x >= w * 60 / 100 && y >= h * 60 / 100 && p == THEME_STALKING)
                out->idea_red++;
            if (x < w * 55 / 100 && y >= top_end && p == THEME_PHONES)
                out->phones++;
            if (x < w * 55 / 100 && y >= top_end && p == THEME_ERROR)
                out->error_red++;
        }
    }
    gfx_free(g);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
}

/* Renders at both sizes with the common checks; *big gets the 1920x1080 counts. */
static void render_both(Show *s, const char *name, long elapsed, Counts *big, Counts *small)
{
    render(s, 1920, 1080, name, elapsed, big);
    render(s, 1280, 720, name, elapsed, small);
    assert_true(big->ink > 1920L * 1080L / 20);
    assert_true(small->ink > 1280L * 720L / 20);
    assert_int_equal(big->margin_ink, 0);
    assert_int_equal(small->margin_ink, 0);
    assert_true(big->accent > 0);
    assert_true(small->accent > 0);
}

static ShowView view(Show *s)
{
    ShowView v;
    show_view_presenter(s, &v);
    return v;
}

/* Presses Next (picking the first enabled option at polls) until the
 * current screen is `screen` with interaction `kind` (any kind for screens
 * other than INTERACTION). */
static void advance_to(Show *s, ShowScreen screen, StoryIntKind kind)
{
    int i = 0;
    for (i = 0; i < 400; i++) {
        ShowView v = view(s);
        if (v.screen == screen && (screen != SHOW_SCREEN_INTERACTION || v.ikind == kind))
            return;
        if (v.screen == SHOW_SCREEN_INTERACTION &&
            (v.ikind == STORY_INT_CHOICE || v.ikind == STORY_INT_SIGNAL)) {
            int d = 0;
            for (d = 0; d < v.n_options; d++) {
                if (v.options[d].state == STORY_OPT_AVAILABLE) {
                    show_action(s, SHOW_ACT_DIGIT, d + 1);
                    break;
                }
            }
        }
        show_action(s, SHOW_ACT_NEXT, 0);
    }
    fail_msg("screen %d not reached", (int)screen);
}

/* ---- tests ------------------------------------------------------------------------ */

static void test_welcome(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Counts a, b;
    ShowView v = view(s);
    assert_int_equal(v.screen, SHOW_SCREEN_WELCOME);
    show_set_join(s, "http://192.168.1.20:8080", "KAT42", NULL);
    show_set_phones_joined(s, 17);
    render_both(s, "welcome", 0, &a, &b);
    assert_int_equal(a.top_red, 0);
    assert_int_equal(b.top_red, 0);
    assert_int_equal(a.idea_red, 0);
}

static void test_beat_steps(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Counts a, b;
    ShowView v;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    v = view(s);
    assert_int_equal(v.screen, SHOW_SCREEN_BEAT);
    assert_true(v.steps_shown >= 2);
    render_both(s, "beat", 125, &a, &b);
    assert_int_equal(a.top_red, 0);
    assert_int_equal(b.top_red, 0);
    assert_int_equal(a.idea_red, 0);
    assert_int_equal(b.idea_red, 0);
    /* the same in English */
    s = new_show(f, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    render_both(s, "beat_en", 3725, &a, &b);
}

static void test_choice_vote_and_ideas(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Counts a, b, c, d;
    ShowView v;
    int pid = 0;
    show_set_join(s, "http://192.168.1.20:8080", "KAT42", NULL);
    advance_to(s, SHOW_SCREEN_INTERACTION, STORY_INT_CHOICE);
    /* the vote before it is opened */
    render_both(s, "choice_ready", 900, &c, &d);
    assert_int_equal(c.phones, 0);
    show_action(s, SHOW_ACT_VOTE, 0);
    v = view(s);
    assert_non_null(v.poll);
    assert_int_equal(vote_state(v.poll), VOTE_OPEN);
    pid = vote_id(v.poll);
    show_set_phones_joined(s, 23);
    /* 12 hands for option 1 (its field has the focus when the vote opens), a
     * phone for option 2, 5 being typed for option 2 (Next moved the focus) */
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_DIGIT, 2);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(vote_hands(view(s).poll, 0), 12);
    assert_int_equal(show_phone_vote(s, pid, "tok-a", 1), 0);
    assert_int_equal(show_phone_vote(s, pid, "tok-b", 0), 0);
    show_action(s, SHOW_ACT_DIGIT, 5);
    v = view(s);
    assert_int_equal(v.selected, 1);
    assert_int_equal(v.entry, 5);
    /* ideas arrive meanwhile; the second is flagged by the word list */
    assert_int_equal(show_phone_idea(s, "Sig det til en voksen du stoler på"), 0);
    assert_int_equal(show_phone_idea(s, "hun er en luder"), 0);
    assert_int_equal(show_phone_idea(s, "Bloker ham, tag skærmbilleder af beskederne og gem "
                                        "dem, så du har dem hvis du skal gå til politiet"),
                     0);
    v = view(s);
    assert_int_equal(v.n_pending_ideas, 3);
    assert_int_equal(v.idea_flags[1], 1);
    render_both(s, "choice_open", 1500, &a, &b);
    assert_int_equal(a.top_red, 0);
    assert_true(a.idea_red > 0);
    assert_true(b.idea_red > 0);
    /* the counts and joined line are drawn (phones colour) once the poll is open */
    assert_true(a.phones > c.phones);
    assert_true(b.phones > 0);
    /* the reveal */
    show_action(s, SHOW_ACT_NEXT, 0); /* commits the 5 */
    show_action(s, SHOW_ACT_VOTE, 0);
    if (view(s).ask == SHOW_ASK_UNCOUNTED)
        show_action(s, SHOW_ACT_YES, 0); /* the options left were not counted: reveal anyway */
    v = view(s);
    assert_int_equal(vote_state(v.poll), VOTE_REVEALED);
    assert_int_equal(v.winner, 0);
    render_both(s, "choice_revealed", 1560, &a, &b);
}

static void test_many_ideas_and_blank(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Counts a, b;
    ShowView v;
    int i = 0;
    char buf[128];
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    for (i = 0; i < 20; i++) {
        snprintf(buf, sizeof buf, "Idé nummer %d: tal med en voksen om det der sker", i + 1);
        assert_int_equal(show_phone_idea(s, buf), 0);
    }
    assert_int_equal(show_phone_idea(s, "hun er en luder"), 0);
    /* the highlight moves to the last idea, which must scroll into view */
    show_action(s, SHOW_ACT_IDEAS, 0);
    for (i = 0; i < 25; i++)
        show_action(s, SHOW_ACT_DOWN, 0);
    show_action(s, SHOW_ACT_IDEAS, 0);
    v = view(s);
    assert_int_equal(v.n_pending_ideas, 21);
    assert_int_equal(v.idea_sel, 20);
    show_action(s, SHOW_ACT_BLANK, 0);
    v = view(s);
    assert_true(v.overlays & SHOW_OV_BLANK);
    render_both(s, "blank_ideas", 2400, &a, &b);
    assert_true(a.top_red > 0);
    assert_true(b.top_red > 0);
    assert_true(a.idea_red > 0); /* the flagged last idea is scrolled into view */
    assert_true(b.idea_red > 0);
    show_action(s, SHOW_ACT_BLANK, 0);
    render_both(s, "unblank_ideas", 2401, &a, &b);
    assert_int_equal(a.top_red, 0);
    assert_int_equal(b.top_red, 0);
}

static void test_ending(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 1);
    Counts a, b;
    advance_to(s, SHOW_SCREEN_ENDING, STORY_INT_NONE);
    render_both(s, "ending", 3599, &a, &b);
    assert_int_equal(a.top_red, 0);
    assert_int_equal(a.idea_red, 0);
}

static void test_error(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Counts a, b;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_set_error(s, "scenes/stalking/beats_relationship.lua:42: attempt to index a nil value "
                      "(global 'sofie') while running the condition of option 2 in beat "
                      "'unanswered'; check the spelling of the variable and that it is declared "
                      "in scenario.lua");
    assert_int_equal(view(s).screen, SHOW_SCREEN_ERROR);
    render_both(s, "error", -1, &a, &b);
    assert_true(a.error_red > 0);
    assert_true(b.error_red > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_welcome),
        cmocka_unit_test(test_beat_steps),
        cmocka_unit_test(test_choice_vote_and_ideas),
        cmocka_unit_test(test_many_ideas_and_blank),
        cmocka_unit_test(test_ending),
        cmocka_unit_test(test_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
