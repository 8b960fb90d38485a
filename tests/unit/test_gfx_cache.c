/* test_gfx_cache.c - the renderer's measure and wrap caches (render/render_sdl).
 *
 * Real SDL software renderer on a 1920x1080 surface, real fonts: measuring or
 * drawing the same text twice must not shape it again, redrawing a frame must
 * give the same pixels from the caches, and gfx_resize must forget what was
 * measured at the old scale.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_sdl.h"

typedef struct Ctx {
    SDL_Surface *surf;
    SDL_Renderer *r;
    Gfx *g;
} Ctx;

static const char *LONG_TEXT =
    "Hvis nogen følger efter dig, skriver til dig hele tiden eller dukker op, hvor du er, "
    "så tal med en voksen du stoler på. If someone keeps following you, tell an adult.";

static int setup(void **state)
{
    Ctx *c = calloc(1, sizeof *c);
    Err err;
    memset(&err, 0, sizeof err);
    if (!c || SDL_Init(SDL_INIT_VIDEO) != 0)
        return -1;
    c->surf = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
    c->r = c->surf ? SDL_CreateSoftwareRenderer(c->surf) : NULL;
    c->g = c->r ? gfx_new(c->r, 1920, 1080, NULL, &err) : NULL;
    if (!c->g) {
        fprintf(stderr, "setup: %s %s\n", err.msg, SDL_GetError());
        return -1;
    }
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    Ctx *c = *state;
    gfx_free(c->g);
    if (c->r)
        SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->surf);
    free(c);
    SDL_Quit();
    return 0;
}

static GfxCacheStats stats(const Gfx *g)
{
    GfxCacheStats st;
    memset(&st, 0, sizeof st);
    gfx_cache_stats(g, &st);
    return st;
}

static void test_measure_twice_hits(void **state)
{
    Ctx *c = *state;
    const char *s = "Ring 116 111 / Call the helpline";
    GfxCacheStats a, b;
    int w1 = 0, w2 = 0;
    w1 = gfx_measure(c->g, s, strlen(s), THEME_TEXT_BODY);
    a = stats(c->g);
    w2 = gfx_measure(c->g, s, strlen(s), THEME_TEXT_BODY);
    b = stats(c->g);
    assert_true(w1 > 0);
    assert_int_equal(w1, w2);
    assert_int_equal(b.measure_misses, a.measure_misses);
    assert_int_equal(b.measure_hits, a.measure_hits + 1);
    /* Another style is measured on its own, and is wider in bold. */
    assert_true(gfx_measure(c->g, s, strlen(s), THEME_TEXT_BODY_BOLD) > w1);
    assert_int_equal(stats(c->g).measure_misses, b.measure_misses + 1);
}

static void test_wrap_twice_hits(void **state)
{
    Ctx *c = *state;
    GfxCacheStats a, b;
    int h1 = 0, h2 = 0, w1 = 0, w2 = 0, lh = gfx_line_height(c->g, THEME_TEXT_BODY);
    h1 = gfx_text_height(c->g, 600, LONG_TEXT, THEME_TEXT_BODY);
    a = stats(c->g);
    assert_true(a.wrap_misses >= 1);
    assert_true(h1 >= 3 * lh); /* really wrapped */
    h2 = gfx_text_height(c->g, 600, LONG_TEXT, THEME_TEXT_BODY);
    w1 = gfx_text_width(c->g, 600, LONG_TEXT, THEME_TEXT_BODY);
    b = stats(c->g);
    assert_int_equal(h1, h2);
    assert_true(w1 > 0 && w1 <= 600);
    assert_int_equal(b.wrap_misses, a.wrap_misses);
    assert_int_equal(b.wrap_hits, a.wrap_hits + 2);
    assert_int_equal(b.measure_misses, a.measure_misses); /* nothing shaped again */
    /* A different width is its own layout, with more lines when narrower. */
    w2 = gfx_text_height(c->g, 300, LONG_TEXT, THEME_TEXT_BODY);
    assert_true(w2 > h1);
    assert_int_equal(stats(c->g).wrap_misses, b.wrap_misses + 1);
}

/* Draws a little frame: wrapped text, a right-aligned line, two bubbles. */
static void draw_frame(Gfx *g)
{
    gfx_clear(g, THEME_RGB(THEME_BG));
    gfx_text(g, 100, 100, 700, LONG_TEXT, THEME_TEXT_BODY, THEME_RGB(THEME_TEXT), GFX_ALIGN_LEFT);
    gfx_text(g, 100, 500, 700, "Næste / Next", THEME_TEXT_CAPTION, THEME_RGB(THEME_TEXT),
             GFX_ALIGN_RIGHT);
    gfx_bubble(g, 1000, 100, 800, "Emma", THEME_RGB(THEME_ACCENT), "Hvor er du? Jeg kan se dig.",
               "21:14", THEME_RGB(THEME_PANEL), THEME_RGB(THEME_TEXT), 0, 1);
    gfx_bubble(g, 1000, 400, 800, NULL, THEME_RGB(THEME_ACCENT), LONG_TEXT, "21:15",
               THEME_RGB(THEME_ACCENT), THEME_RGB(THEME_TEXT), 1, 1);
}

static uint32_t *read_frame(SDL_Renderer *r)
{
    uint32_t *px = malloc((size_t)1920 * 1080 * 4);
    assert_non_null(px);
    assert_int_equal(SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, px, 1920 * 4), 0);
    return px;
}

static void test_redraw_uses_caches_same_pixels(void **state)
{
    Ctx *c = *state;
    GfxCacheStats a, b;
    unsigned long tex = 0;
    uint32_t *f1 = NULL, *f2 = NULL;
    size_t i = 0, ink = 0;
    draw_frame(c->g);
    f1 = read_frame(c->r);
    a = stats(c->g);
    tex = gfx_textures_created(c->g);
    draw_frame(c->g);
    f2 = read_frame(c->r);
    b = stats(c->g);
    assert_int_equal(b.measure_misses, a.measure_misses);
    assert_int_equal(b.wrap_misses, a.wrap_misses);
    assert_true(b.wrap_hits > a.wrap_hits);
    assert_int_equal(gfx_textures_created(c->g), tex);
    assert_memory_equal(f1, f2, (size_t)1920 * 1080 * 4);
    /* The frame really holds text (not only the background). */
    for (i = 0; i < (size_t)1920 * 1080; i++)
        if (f1[i] != f1[0])
            ink++;
    assert_true(ink > 10000);
    free(f1);
    free(f2);
}

static void test_bubble_measure_then_draw(void **state)
{
    Ctx *c = *state;
    GfxCacheStats a, b, d;
    const char *t = "Jeg venter udenfor din skole i morgen.";
    int h1 = gfx_bubble(c->g, 0, 0, 900, "Ukendt", THEME_RGB(THEME_ACCENT), t, "07:58",
                        THEME_RGB(THEME_PANEL), THEME_RGB(THEME_TEXT), 0, 0);
    int h2 = 0, h3 = 0;
    a = stats(c->g);
    /* Drawing after measuring reuses the header's and the text's layouts
     * (the footer is right-aligned in the bubble's width: one new layout). */
    h2 = gfx_bubble(c->g, 0, 0, 900, "Ukendt", THEME_RGB(THEME_ACCENT), t, "07:58",
                    THEME_RGB(THEME_PANEL), THEME_RGB(THEME_TEXT), 0, 1);
    b = stats(c->g);
    assert_true(h1 > 0);
    assert_int_equal(h1, h2);
    assert_true(b.wrap_misses <= a.wrap_misses + 1);
    assert_true(b.wrap_hits >= a.wrap_hits + 8);
    /* The next frame's bubble is all hits. */
    h3 = gfx_bubble(c->g, 0, 0, 900, "Ukendt", THEME_RGB(THEME_ACCENT), t, "07:58",
                    THEME_RGB(THEME_PANEL), THEME_RGB(THEME_TEXT), 0, 1);
    d = stats(c->g);
    assert_int_equal(h3, h1);
    assert_int_equal(d.wrap_misses, b.wrap_misses);
    assert_int_equal(d.measure_misses, b.measure_misses);
}

static void test_resize_invalidates(void **state)
{
    Ctx *c = *state;
    const char *s = "Skal vi stoppe her? / Shall we stop here?";
    GfxCacheStats a, b;
    Err err;
    int w1080 = 0, w720 = 0, h1080 = 0, h720 = 0;
    memset(&err, 0, sizeof err);
    w1080 = gfx_measure(c->g, s, strlen(s), THEME_TEXT_HEADING);
    h1080 = gfx_text_height(c->g, 500, LONG_TEXT, THEME_TEXT_BODY);
    a = stats(c->g);
    assert_true(a.measure_count > 0);
    assert_true(a.wrap_count > 0);
    assert_int_equal(gfx_resize(c->g, 1280, 720, &err), 0);
    b = stats(c->g);
    assert_int_equal(b.clears, a.clears + 1);
    assert_int_equal(b.measure_count, 0);
    assert_int_equal(b.wrap_count, 0);
    /* Measured again at the new scale: a narrower width, not the old one. */
    w720 = gfx_measure(c->g, s, strlen(s), THEME_TEXT_HEADING);
    h720 = gfx_text_height(c->g, gfx_px(c->g, 500), LONG_TEXT, THEME_TEXT_BODY);
    assert_true(w720 < w1080);
    assert_true(h720 < h1080);
    assert_int_equal(stats(c->g).measure_misses > b.measure_misses, 1);
    /* The same size again keeps the caches; back to 1080p gives the old width. */
    assert_int_equal(gfx_resize(c->g, 1280, 720, &err), 0);
    assert_int_equal(stats(c->g).clears, b.clears);
    assert_int_equal(gfx_resize(c->g, 1920, 1080, &err), 0);
    assert_int_equal(gfx_measure(c->g, s, strlen(s), THEME_TEXT_HEADING), w1080);
    assert_int_equal(gfx_text_height(c->g, 500, LONG_TEXT, THEME_TEXT_BODY), h1080);
}

static void test_many_texts_stay_capped(void **state)
{
    Ctx *c = *state;
    char buf[64];
    GfxCacheStats st;
    int i = 0, first = 0;
    snprintf(buf, sizeof buf, "Linje nummer %d / line %d", 0, 0);
    first = gfx_text_width(c->g, 400, buf, THEME_TEXT_SMALL);
    for (i = 1; i < GFX_WRAP_CACHE_MAX + 200; i++) {
        snprintf(buf, sizeof buf, "Linje nummer %d / line %d", i, i);
        assert_true(gfx_text_width(c->g, 400, buf, THEME_TEXT_SMALL) > 0);
    }
    st = stats(c->g);
    assert_true(st.wrap_count <= GFX_WRAP_CACHE_MAX);
    assert_true(st.measure_count <= GFX_MEASURE_CACHE_MAX);
    assert_true(st.evictions > 0);
    /* An evicted result is measured again, to the same width. */
    snprintf(buf, sizeof buf, "Linje nummer %d / line %d", 0, 0);
    assert_int_equal(gfx_text_width(c->g, 400, buf, THEME_TEXT_SMALL), first);
    gfx_cache_stats(NULL, &st);
    assert_int_equal(st.wrap_hits + st.measure_misses + (unsigned long)st.wrap_count, 0);
}

/* A line drawn from the cache (its texture trimmed to the inked pixels) gives
 * exactly the pixels of SDL_ttf's whole line surface blended at the same
 * place, for each alignment. */
static void test_trimmed_line_same_pixels(void **state)
{
    Ctx *c = *state;
    const char *s = "Spørg en voksen / Ask an adult";
    const GfxAlign aligns[] = {GFX_ALIGN_LEFT, GFX_ALIGN_CENTER, GFX_ALIGN_RIGHT};
    ThemeColor bg = THEME_RGB(THEME_BG), fg = THEME_RGB(THEME_ACCENT);
    SDL_Color sc = {fg.r, fg.g, fg.b, fg.a};
    TTF_Font *font = TTF_OpenFont(SPECTACTOR_FONT_DIR "/DejaVuSans.ttf",
                                  (int)lroundf((float)theme_text_px(THEME_TEXT_BODY) * 1.0f));
    SDL_Surface *line = NULL, *want = NULL;
    uint32_t *got = NULL;
    size_t k = 0;
    int y = 0;
    assert_non_null(font);
    assert_true(gfx_scale(c->g) == 1.0f);
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    line = TTF_RenderUTF8_Blended(font, s, sc);
    assert_non_null(line);
    want = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(want);
    for (k = 0; k < sizeof aligns / sizeof aligns[0]; k++) {
        SDL_Rect dst = {300, 200, line->w, line->h};
        if (aligns[k] == GFX_ALIGN_CENTER)
            dst.x += (1000 - line->w) / 2;
        else if (aligns[k] == GFX_ALIGN_RIGHT)
            dst.x += 1000 - line->w;
        gfx_clear(c->g, bg);
        gfx_text(c->g, 300, 200, 1000, s, THEME_TEXT_BODY, fg, aligns[k]);
        gfx_text(c->g, 300, 200, 1000, s, THEME_TEXT_BODY, fg, aligns[k]); /* cached */
        got = read_frame(c->r);
        SDL_FillRect(want, NULL, SDL_MapRGBA(want->format, bg.r, bg.g, bg.b, bg.a));
        SDL_SetSurfaceBlendMode(line, SDL_BLENDMODE_BLEND);
        /* Twice, as gfx_text above (the second time from the cache). */
        assert_int_equal(SDL_BlitSurface(line, NULL, want, &dst), 0);
        assert_int_equal(SDL_BlitSurface(line, NULL, want, &dst), 0);
        for (y = 0; y < 1080; y++)
            assert_memory_equal(got + (size_t)y * 1920,
                                (const unsigned char *)want->pixels + (size_t)y * (size_t)want->pitch,
                                1920 * 4);
        free(got);
    }
    SDL_FreeSurface(want);
    SDL_FreeSurface(line);
    TTF_CloseFont(font);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_measure_twice_hits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrap_twice_hits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redraw_uses_caches_same_pixels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bubble_measure_then_draw, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resize_invalidates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_texts_stay_capped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trimmed_line_same_pixels, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
