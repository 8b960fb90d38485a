/* test_views_map.c - the story map overlay (engine/app/views_map.c) rendered
 * headless into a software renderer at 1920x1080 and 1280x720.
 *
 * The bundled scenario (scenes/stalking) is loaded through the Lua loader and
 * played with the real runtime: a path through the loop back to Sofie's
 * choice to a good ending, then a rewind to the first choice and another
 * option.  PNGs land in the build directory (views_map_*.png) for a human
 * look; the checks cover: something drawn, the current beat in the accent
 * colour, long bright runs where explored edges are, the explored loop in its
 * own colour, more bright ink after a second branch was explored, nothing in
 * the safe margins, and a hand-built scenario with a self loop, a beat
 * unreachable from the start and an overlong title. */
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

#include "views/views_map.h"
#include "lua/lua_story.h"
#include "render/render_sdl.h"
#include "story/story.h"

#ifndef TEST_OUT_DIR
#define TEST_OUT_DIR "."
#endif

#define LOOP_COLOR 0xFF8FC8 /* views_map.c MAP_LOOP: an explored loop edge */

typedef struct Fx {
    LuaHost *host;
    Scenario *sc;
    StoryRun *run;
} Fx;

/* What one rendered frame holds. */
typedef struct Counts {
    long bright;     /* pixels exactly THEME_TEXT */
    long accent;     /* pixels exactly THEME_ACCENT */
    long loop;       /* pixels exactly LOOP_COLOR */
    long ink;        /* pixels that are not the panel or background */
    int edge_rows;   /* rows of the graph with a long THEME_TEXT run */
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
    f->run = story_run_new(f->sc, lua_story_hooks(f->host), &err);
    if (!f->run)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fx *f = *state;
    story_run_free(f->run);
    lua_story_release(f->host, f->sc);
    scenario_free(f->sc);
    lua_host_free(f->host);
    free(f);
    SDL_Quit();
    return 0;
}

/* ---- rendering ------------------------------------------------------------------ */

static void view_of(ShowView *v, const Scenario *sc, const StoryRun *run, int en)
{
    memset(v, 0, sizeof *v);
    v->sc = sc;
    v->lang = sc ? scenario_lang_index(sc, en ? "en" : "da") : 0;
    if (v->lang < 0)
        v->lang = 0;
    v->ui_en = en;
    v->screen = SHOW_SCREEN_BEAT;
    v->overlays = SHOW_OV_MAP;
    v->beat = run ? story_current_beat(run) : -1;
    v->run = run;
    v->selected = v->entry = v->picked = v->winner = -1;
    v->seconds_left = -1;
    v->rewind_sel = -1;
}

/* Renders the map at w x h into TEST_OUT_DIR/views_map_<name>_<w>x<h>.png,
 * checks the margins are untouched and fills *out. */
static void render(const ShowView *v, int w, int h, const char *name, Counts *out)
{
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    Gfx *g = NULL;
    Err err;
    char path[512];
    int mx = theme_margin_x(w), my = theme_margin_y(h), x = 0, y = 0, bad = 0, run = 0, min_run = 0;
    int row_hit = 0;
    SDL_Surface *back = NULL;
    err_clear(&err);
    assert_non_null(r);
    g = gfx_new(r, w, h, NULL, &err);
    assert_non_null(g);
    gfx_clear(g, THEME_RGB(THEME_BG));
    views_draw_map(g, v);
    SDL_RenderPresent(r);
    snprintf(path, sizeof path, "%s/views_map_%s_%dx%d.png", TEST_OUT_DIR, name, w, h);
    assert_int_equal(gfx_save_png(r, w, h, path, &err), 0);
    back = IMG_Load(path);
    assert_non_null(back);
    assert_int_equal(back->w, w);
    assert_int_equal(back->h, h);
    SDL_FreeSurface(back);
    memset(out, 0, sizeof *out);
    min_run = gfx_px(g, 36);
    for (y = 0; y < h; y++) {
        run = 0;
        row_hit = 0;
        for (x = 0; x < w; x++) {
            uint32_t p = frame_px(surf, x, y);
            int inside = x >= mx && x < w - mx && y >= my && y < h - my;
            if (!inside) {
                bad += p != (uint32_t)THEME_BG;
                continue;
            }
            out->bright += p == (uint32_t)THEME_TEXT;
            out->accent += p == (uint32_t)THEME_ACCENT;
            out->loop += p == (uint32_t)LOOP_COLOR;
            out->ink += p != (uint32_t)THEME_BG && p != (uint32_t)THEME_PANEL;
            /* long horizontal runs of the bright colour below the title and
             * above the legend are explored edges (text strokes are short) */
            run = p == (uint32_t)THEME_TEXT ? run + 1 : 0;
            if (run >= min_run && y > h * 16 / 100 && y < h * 88 / 100)
                row_hit = 1;
        }
        out->edge_rows += row_hit;
    }
    if (bad)
        fprintf(stderr, "%s %dx%d: %d pixels drawn in the margins\n", name, w, h, bad);
    assert_int_equal(bad, 0);
    fprintf(stderr, "%s %dx%d: bright %ld accent %ld loop %ld ink %ld edge rows %d\n", name, w, h,
            out->bright, out->accent, out->loop, out->ink, out->edge_rows);
    gfx_free(g);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
}

/* ---- walking the story ----------------------------------------------------------- */

static int beat_id(const Scenario *sc, const char *id)
{
    int b = scenario_beat_index(sc, id);
    assert_true(b >= 0);
    return b;
}

/* Shows steps (and passes plain beats) until an interaction or the end. */
static void play_on(StoryRun *run)
{
    Err err;
    int guard = 0;
    err_clear(&err);
    while (story_pos(run) == STORY_AT_STEPS && guard++ < 1000)
        assert_int_equal(story_advance(run, &err), 0);
}

static void choose_at(Fx *f, const char *beat, int opt)
{
    Err err;
    err_clear(&err);
    play_on(f->run);
    assert_int_equal(story_current_beat(f->run), beat_id(f->sc, beat));
    assert_int_equal(story_choose(f->run, opt, &err), 0);
}

static void continue_at(Fx *f, const char *beat, int result)
{
    Err err;
    err_clear(&err);
    play_on(f->run);
    assert_int_equal(story_current_beat(f->run), beat_id(f->sc, beat));
    assert_int_equal(story_continue(f->run, result, &err), 0);
}

/* ---- tests ---------------------------------------------------------------------- */

static void test_map_explores_and_rewinds(void **state)
{
    Fx *f = *state;
    static const int sizes[2][2] = {{1920, 1080}, {1280, 720}};
    ShowView v;
    Counts fresh[2], walked[2], branched[2], english, legend[2];
    Err err;
    int s = 0, i = 0, at = -1, unanswered = beat_id(f->sc, "unanswered");
    err_clear(&err);

    /* the frame without a scenario: title, legend (with its accent and loop
     * swatches) and a message; the baseline of the colour counts below */
    view_of(&v, NULL, NULL, 0);
    for (s = 0; s < 2; s++)
        render(&v, sizes[s][0], sizes[s][1], "legend", &legend[s]);

    /* at the start: only the first beat seen, nothing explored */
    view_of(&v, f->sc, f->run, 0);
    for (s = 0; s < 2; s++)
        render(&v, sizes[s][0], sizes[s][1], "start", &fresh[s]);

    /* a path through Sofie's once-only meeting, which loops back to her
     * choice, then the police with the saved messages, to a good ending */
    continue_at(f, "first_messages", STORY_SIGNAL_OK);
    continue_at(f, "where_are_you", STORY_SIGNAL_WARNING);
    choose_at(f, "unanswered", 0);
    continue_at(f, "isolation", STORY_SIGNAL_WARNING);
    continue_at(f, "flood", STORY_SIGNAL_STALKING);
    choose_at(f, "morning_after", 2);
    continue_at(f, "fake_profile", -1);
    choose_at(f, "bystander", 2);
    continue_at(f, "threat", -1);
    choose_at(f, "sofie_decides", 0);
    choose_at(f, "sofie_decides", 3);
    choose_at(f, "mads_choice", 1);
    play_on(f->run);
    assert_int_equal(story_pos(f->run), STORY_AT_END);
    assert_int_equal(story_current_beat(f->run), beat_id(f->sc, "end_good"));
    view_of(&v, f->sc, f->run, 0);
    for (s = 0; s < 2; s++)
        render(&v, sizes[s][0], sizes[s][1], "walked", &walked[s]);

    /* rewind to the first choice and take another option */
    for (i = 0; i < story_history_count(f->run); i++) {
        StoryDecision d;
        assert_int_equal(story_history_get(f->run, i, &d), 0);
        if (d.beat == unanswered && at < 0)
            at = i;
    }
    assert_true(at >= 0);
    assert_int_equal(story_rewind(f->run, at, &err), 0);
    choose_at(f, "unanswered", 2);
    play_on(f->run);
    assert_int_equal(story_current_beat(f->run), beat_id(f->sc, "isolation"));
    assert_true(story_explored(f->run, unanswered, 0));
    assert_true(story_explored(f->run, unanswered, 2));
    assert_false(story_explored(f->run, unanswered, 1));
    view_of(&v, f->sc, f->run, 0);
    for (s = 0; s < 2; s++)
        render(&v, sizes[s][0], sizes[s][1], "branched", &branched[s]);
    view_of(&v, f->sc, f->run, 1);
    render(&v, 1920, 1080, "branched_en", &english);
    assert_true(english.bright > english.ink / 20);

    for (s = 0; s < 2; s++) {
        long area = (long)sizes[s][0] * sizes[s][1];
        /* not blank: every beat is a node, the legend and title are drawn */
        assert_true(fresh[s].ink > area / 40);
        assert_true(walked[s].ink > area / 40);
        /* the current beat in the accent colour, with its ring (one node of
         * the bundled scenario's 29: boxes narrow as beats are added) */
        assert_true(fresh[s].accent > legend[s].accent + area / 250);
        assert_true(walked[s].accent > legend[s].accent + area / 250);
        assert_true(branched[s].accent > legend[s].accent + area / 250);
        /* nothing explored at the start; thick bright edges after the walk */
        assert_int_equal(fresh[s].edge_rows, 0);
        assert_true(walked[s].edge_rows >= 3);
        assert_true(walked[s].bright > fresh[s].bright * 2);
        /* the loop back to Sofie's choice was taken: its own colour */
        assert_true(fresh[s].loop == legend[s].loop);
        assert_true(walked[s].loop > legend[s].loop + 50);
        /* a second branch explored adds bright ink */
        assert_true(branched[s].bright > walked[s].bright);
        assert_true(branched[s].edge_rows >= walked[s].edge_rows);
    }
}

static void test_map_without_scenario_or_run(void **state)
{
    Fx *f = *state;
    ShowView v;
    Counts c, none;
    view_of(&v, NULL, NULL, 1);
    render(&v, 1280, 720, "none", &none);
    assert_true(none.ink > 0);
    assert_int_equal(none.edge_rows, 0);
    /* a scenario but no run: every beat unseen, none current, nothing
     * explored, so no accent or bright loop beyond the legend's swatches */
    view_of(&v, f->sc, NULL, 0);
    render(&v, 1280, 720, "norun", &c);
    assert_true(c.ink > 1280 * 720 / 40);
    assert_int_equal(c.accent, none.accent);
    assert_int_equal(c.loop, none.loop);
    assert_int_equal(c.edge_rows, 0);
    views_draw_map(NULL, &v);
}

/* A hand-built scenario: a choice with a self loop, an ending, a beat that
 * cannot be reached from the start (leading back into the graph) and a
 * title far too long for any node. */
static void test_map_odd_graph(void **state)
{
    Scenario *sc = scenario_new();
    StoryBeat *b = NULL;
    StoryOption *o = NULL;
    StoryRun *run = NULL;
    ShowView v;
    Counts c;
    Err err;
    char longt[600];
    (void)state;
    err_clear(&err);
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    assert_non_null(sc);
    memset(longt, 0, sizeof longt);
    memset(longt, 'x', 150);
    strcat(longt, " en meget lang titel som aldrig kan stå i en knude på kortet");
    sc->langs[0] = "da";
    sc->n_langs = 1;
    b = scenario_alloc(sc, 4 * sizeof *b);
    o = scenario_alloc(sc, 2 * sizeof *o);
    assert_non_null(b);
    assert_non_null(o);
    o[0].text.s[0] = "Videre";
    o[0].target_id = "b";
    o[1].text.s[0] = "Igen";
    o[1].target_id = "a";
    b[0].id = "a";
    b[0].title.s[0] = "Start";
    b[0].interaction.kind = STORY_INT_CHOICE;
    b[0].interaction.options = o;
    b[0].interaction.n_options = 2;
    b[0].interaction.character = -1;
    b[1].id = "b";
    b[1].next_id = "c";
    b[1].interaction.kind = STORY_INT_SIGNAL;
    b[2].id = "c";
    b[2].title.s[0] = "Slut";
    b[2].ending = 1;
    b[3].id = "d";
    b[3].title.s[0] = longt;
    b[3].next_id = "b";
    sc->beats = b;
    sc->n_beats = 4;
    sc->start_id = "a";
    assert_int_equal(scenario_link(sc, &err), 0);
    run = story_run_new(sc, NULL, &err);
    assert_non_null(run);
    assert_int_equal(story_choose(run, 1, &err), 0); /* the self loop */
    assert_int_equal(story_current_beat(run), 0);
    view_of(&v, sc, run, 0);
    render(&v, 1280, 720, "odd", &c);
    assert_true(c.ink > 1280 * 720 / 60);
    assert_true(c.accent > 100);
    assert_true(c.loop > 20);
    render(&v, 1920, 1080, "odd", &c);
    story_run_free(run);
    scenario_free(sc);
    SDL_Quit();
}

/* A large generated scenario (300 beats, every beat a choice of the next
 * two and one loop back): the layout stays inside the safe area and takes
 * well under a frame budget per draw. */
static void test_map_large(void **state)
{
    enum { N = 300 };
    Scenario *sc = scenario_new();
    StoryBeat *b = NULL;
    StoryOption *o = NULL;
    StoryRun *run = NULL;
    ShowView v;
    Counts c;
    Err err;
    char id[32];
    int i = 0;
    Uint64 t0 = 0, t1 = 0;
    (void)state;
    err_clear(&err);
    assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
    assert_non_null(sc);
    sc->langs[0] = "da";
    sc->n_langs = 1;
    b = scenario_alloc(sc, N * sizeof *b);
    o = scenario_alloc(sc, 3 * N * sizeof *o);
    assert_non_null(b);
    assert_non_null(o);
    for (i = 0; i < N; i++) {
        snprintf(id, sizeof id, "b%d", i);
        b[i].id = scenario_strdup(sc, id);
        snprintf(id, sizeof id, "Scene %d", i);
        b[i].title.s[0] = scenario_strdup(sc, id);
        if (i >= N - 2) {
            b[i].ending = 1;
            continue;
        }
        b[i].interaction.kind = STORY_INT_CHOICE;
        b[i].interaction.options = &o[3 * i];
        b[i].interaction.n_options = 3;
        b[i].interaction.character = -1;
        o[3 * i].text.s[0] = "a";
        snprintf(id, sizeof id, "b%d", i + 1);
        o[3 * i].target_id = scenario_strdup(sc, id);
        o[3 * i + 1].text.s[0] = "b";
        snprintf(id, sizeof id, "b%d", i + 2);
        o[3 * i + 1].target_id = scenario_strdup(sc, id);
        o[3 * i + 2].text.s[0] = "c";
        snprintf(id, sizeof id, "b%d", i / 2);
        o[3 * i + 2].target_id = scenario_strdup(sc, id);
    }
    sc->beats = b;
    sc->n_beats = N;
    sc->start_id = "b0";
    assert_int_equal(scenario_link(sc, &err), 0);
    run = story_run_new(sc, NULL, &err);
    assert_non_null(run);
    for (i = 0; i < 40; i++)
        assert_int_equal(story_choose(run, i % 2, &err), 0);
    view_of(&v, sc, run, 0);
    t0 = SDL_GetPerformanceCounter();
    render(&v, 1280, 720, "large", &c);
    t1 = SDL_GetPerformanceCounter();
    assert_true(c.accent > 0);
    /* generous: the software renderer, PNG writing and sanitizers included */
    assert_true((double)(t1 - t0) / (double)SDL_GetPerformanceFrequency() < 20.0);
    story_run_free(run);
    scenario_free(sc);
    SDL_Quit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_map_explores_and_rewinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_without_scenario_or_run, setup, teardown),
        cmocka_unit_test(test_map_odd_graph),
        cmocka_unit_test(test_map_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
