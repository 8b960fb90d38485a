/* test_gfx_emoji.c - emoji in text are drawn with the emoji font, never as
 * boxes (render/render_sdl, render/text_runs).
 *
 * Real SDL software renderer on a 1920x1080 surface, real fonts (DejaVu and
 * Noto Color Emoji from fonts-noto-color-emoji, which tools/deps.sh
 * installs): the pixels drawn are read back.  A box ("tofu") is what DejaVu
 * draws for a code point it lacks; the tests render one with SDL_ttf
 * directly to show that it would be seen, then check that the renderer
 * draws none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "render/render_sdl.h"

#define NOTO "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
#define W 1920
#define H 1080

/* The bundled scenario's line (scenes/stalking, beat isolation). */
static const char *LINE = "Tak skat. Det er bare os to \xE2\x9D\xA4\xEF\xB8\x8F";
static const char *LINE_TEXT = "Tak skat. Det er bare os to ";
#define SMILING_HEARTS "\xF0\x9F\xA5\xB0" /* U+1F970: DejaVu lacks it */
#define THINKING "\xF0\x9F\xA4\x94"       /* U+1F914: DejaVu lacks it */
#define NO_GLYPH "\xF4\x8F\xBF\xBD"       /* U+10FFFD: no font has it */
#define MAN "\xF0\x9F\x91\xA8"
#define WOMAN "\xF0\x9F\x91\xA9"
#define GIRL "\xF0\x9F\x91\xA7"
#define ZWJ "\xE2\x80\x8D"
#define THUMB "\xF0\x9F\x91\x8D"
#define TONE "\xF0\x9F\x8F\xBD"
#define VS16 "\xEF\xB8\x8F"
#define LAPTOP "\xF0\x9F\x92\xBB"

typedef struct Ctx {
    SDL_Surface *surf;
    SDL_Renderer *r;
    Gfx *g;
} Ctx;

typedef struct Logged {
    int n;
    GfxRect box[64];
    char text[64][256];
} Logged;

static int warnings_emoji_font = 0;

static void sink(void *ud, LogLevel level, const char *msg)
{
    (void)ud;
    if (level == LOG_WARN && strstr(msg, "emoji font"))
        warnings_emoji_font++;
}

static void on_text(void *ud, const GfxTextDrawn *t)
{
    Logged *l = ud;
    if (l->n < 64) {
        size_t n = t->n < 255 ? t->n : 255;
        l->box[l->n] = t->box;
        memcpy(l->text[l->n], t->s, n);
        l->text[l->n][n] = '\0';
    }
    l->n++;
}

static Ctx *ctx_new(void)
{
    Ctx *c = calloc(1, sizeof *c);
    Err err;
    memset(&err, 0, sizeof err);
    if (!c)
        return NULL;
    c->surf = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    c->r = c->surf ? SDL_CreateSoftwareRenderer(c->surf) : NULL;
    c->g = c->r ? gfx_new(c->r, W, H, NULL, &err) : NULL;
    if (!c->g) {
        fprintf(stderr, "setup: %s %s\n", err.msg, SDL_GetError());
        return NULL;
    }
    return c;
}

static void ctx_free(Ctx *c)
{
    if (!c)
        return;
    gfx_free(c->g);
    if (c->r)
        SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->surf);
    free(c);
}

static int setup(void **state)
{
    if (access(NOTO, R_OK) != 0) {
        fprintf(stderr, "%s is missing: install fonts-noto-color-emoji (tools/deps.sh lists it)\n",
                NOTO);
        return -1;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return -1;
    unsetenv("SPECTACTOR_EMOJI_FONT");
    log_set_sink(sink, NULL);
    *state = ctx_new();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    ctx_free(*state);
    log_set_sink(NULL, NULL);
    SDL_Quit();
    return 0;
}

static uint32_t px_at(const SDL_Surface *s, int x, int y)
{
    return ((const uint32_t *)((const unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
}

/* Pixels of the rectangle that differ from the background / are strongly
 * coloured (one channel at least 90 above another: not grey or white). */
static long count_px(const SDL_Surface *s, int x0, int y0, int w, int h, int coloured)
{
    long n = 0;
    int x = 0, y = 0;
    uint32_t bg = 0xFF000000u | THEME_BG;
    for (y = y0 < 0 ? 0 : y0; y < y0 + h && y < s->h; y++) {
        for (x = x0 < 0 ? 0 : x0; x < x0 + w && x < s->w; x++) {
            uint32_t p = px_at(s, x, y);
            int r = (int)((p >> 16) & 0xFF), g = (int)((p >> 8) & 0xFF), b = (int)(p & 0xFF);
            int mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
            int mn = r < g ? (r < b ? r : b) : (g < b ? g : b);
            if (coloured ? mx - mn >= 90 : (p | 0xFF000000u) != bg)
                n++;
        }
    }
    return n;
}

/* With GFX_EMOJI_SHOTS=DIR, saves the frame as DIR/name.png to look at. */
static void shot(Ctx *c, const char *name)
{
    const char *dir = getenv("GFX_EMOJI_SHOTS");
    char path[512];
    Err err;
    memset(&err, 0, sizeof err);
    if (!dir)
        return;
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    if (gfx_save_png(c->r, W, H, path, &err) != 0)
        fprintf(stderr, "%s\n", err.msg);
}

/* Clears the frame and draws text at (100, 100), logging what is drawn. */
static int draw(Ctx *c, const char *text, int maxw, Logged *l)
{
    int h = 0;
    gfx_clear(c->g, THEME_RGB(THEME_BG));
    if (l) {
        memset(l, 0, sizeof *l);
        gfx_text_log_set(c->g, on_text, l);
    }
    h = gfx_text(c->g, 100, 100, maxw, text, THEME_TEXT_BODY, THEME_RGB(THEME_TEXT),
                 GFX_ALIGN_LEFT);
    gfx_text_log_set(c->g, NULL, NULL);
    return h;
}

static int measure(Ctx *c, const char *s)
{
    return gfx_measure(c->g, s, strlen(s), THEME_TEXT_BODY);
}

/* The scenario line: its text and a coloured heart after it, where the
 * measure says; the text log lists the whole line. */
static void test_scenario_line_heart_in_colour(void **state)
{
    Ctx *c = *state;
    Logged l;
    int wt = measure(c, LINE_TEXT), wa = measure(c, LINE),
        lh = gfx_line_height(c->g, THEME_TEXT_BODY);
    draw(c, LINE, 1600, &l);
    SDL_RenderPresent(c->r);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.text[0], LINE);
    assert_int_equal(l.box[0].w, wa);
    /* the heart is about one em wide: 44 px */
    assert_in_range(wa - wt, 36, 70);
    assert_true(count_px(c->surf, 100, 100, wt, lh, 0) > 500);           /* the words */
    assert_int_equal(count_px(c->surf, 100, 100, wt - 8, lh, 1), 0);     /* in off-white */
    assert_true(count_px(c->surf, 100 + wt, 100, wa - wt, lh, 1) > 600); /* a red heart */
    assert_int_equal(count_px(c->surf, 100 + wa + 2, 90, 400, lh + 20, 0), 0);
    shot(c, "scenario_line");
}

/* A code point DejaVu lacks: SDL_ttf alone draws a box; the renderer draws
 * the colour emoji instead.  One no font has is left out: the line looks
 * and measures as without it. */
static void test_no_tofu(void **state)
{
    Ctx *c = *state;
    SDL_Color white = {255, 255, 255, 255};
    TTF_Font *dv = TTF_OpenFont(SPECTACTOR_FONT_DIR "/DejaVuSans.ttf", 44);
    SDL_Surface *tofu = NULL, *ab = NULL, *before = NULL;
    int tw = 0, th = 0, lh = gfx_line_height(c->g, THEME_TEXT_BODY), w = 0;
    assert_non_null(dv);
    assert_int_equal(TTF_GlyphIsProvided32(dv, 0x1F970), 0);
    /* what a box looks like: SDL_ttf with DejaVu draws one, as wide as a letter */
    assert_int_equal(TTF_SizeUTF8(dv, "a" NO_GLYPH "b", &tw, &th), 0);
    assert_int_equal(TTF_SizeUTF8(dv, "ab", &w, &th), 0);
    assert_true(tw - w >= 20);
    tofu = TTF_RenderUTF8_Blended(dv, SMILING_HEARTS, white);
    assert_non_null(tofu);
    assert_true(tofu->w >= 20);
    SDL_FreeSurface(tofu);
    TTF_CloseFont(dv);

    /* the renderer: the emoji in colour, about one em wide */
    w = measure(c, SMILING_HEARTS);
    assert_in_range(w, 36, 70);
    draw(c, SMILING_HEARTS, 1600, NULL);
    shot(c, "smiling_hearts");
    assert_true(count_px(c->surf, 100, 100, w, lh, 1) > 600);

    /* a code point no font has: nothing drawn, nothing measured */
    assert_int_equal(measure(c, "a" NO_GLYPH "b"), measure(c, "ab"));
    assert_int_equal(measure(c, NO_GLYPH), 0);
    draw(c, "a" NO_GLYPH "b", 1600, NULL);
    before = SDL_DuplicateSurface(c->surf);
    draw(c, "ab", 1600, NULL);
    ab = c->surf;
    assert_non_null(before);
    assert_int_equal(memcmp(before->pixels, ab->pixels, (size_t)ab->pitch * (size_t)ab->h), 0);
    SDL_FreeSurface(before);
    draw(c, NO_GLYPH, 1600, NULL);
    assert_int_equal(count_px(c->surf, 0, 0, W, H, 0), 0);
}

/* Sequences are one glyph: a ZWJ family, a skin tone, a flag; a variation
 * selector after a letter adds nothing. */
static void test_sequences_one_glyph(void **state)
{
    Ctx *c = *state;
    int one = measure(c, MAN), lh = gfx_line_height(c->g, THEME_TEXT_BODY);
    assert_in_range(one, 36, 70);
    assert_int_equal(measure(c, MAN ZWJ WOMAN ZWJ GIRL), one);
    assert_int_equal(measure(c, THUMB TONE), measure(c, THUMB));
    assert_int_equal(measure(c, "\xF0\x9F\x87\xA9\xF0\x9F\x87\xB0"), one); /* DK flag */
    assert_int_equal(measure(c, "a" VS16 "b"), measure(c, "ab"));
    assert_int_equal(measure(c, "a" ZWJ "b"), measure(c, "ab"));
    assert_int_equal(measure(c, WOMAN ZWJ LAPTOP), one);
    /* drawn: ink only within the one glyph's cell (Noto draws families as
     * grey silhouettes, a woman technologist in colour) */
    draw(c, MAN ZWJ WOMAN ZWJ GIRL, 1600, NULL);
    shot(c, "family");
    assert_true(count_px(c->surf, 100, 100, one, lh, 0) > 600);
    assert_int_equal(count_px(c->surf, 100 + one + 1, 80, 400, lh + 40, 0), 0);
    draw(c, WOMAN ZWJ LAPTOP, 1600, NULL);
    shot(c, "technologist");
    assert_true(count_px(c->surf, 100, 100, one, lh, 1) > 300);
    assert_int_equal(count_px(c->surf, 100 + one + 1, 80, 400, lh + 40, 0), 0);
    draw(c, THUMB TONE, 1600, NULL);
    assert_int_equal(count_px(c->surf, 100 + one + 1, 80, 400, lh + 40, 0), 0);
}

static size_t non_space(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s != ' ';
    return n;
}

/* Wrapping text with emoji: every line as wide as measured and drawn
 * within the width; the lines hold the whole text. */
static void test_wrap_consistent(void **state)
{
    Ctx *c = *state;
    const char *text = "Hej \xF0\x9F\x98\x8A hvordan g\xC3\xA5r det \xF0\x9F\x91\x80 i dag "
                       "\xE2\x9D\xA4\xEF\xB8\x8F ok " SMILING_HEARTS
                       " " SMILING_HEARTS SMILING_HEARTS " " MAN ZWJ WOMAN ZWJ GIRL " slut";
    int maxw = 0, lh = gfx_line_height(c->g, THEME_TEXT_BODY);
    for (maxw = 150; maxw <= 1200; maxw += 75) {
        Logged l;
        int i = 0, widest = 0, h = draw(c, text, maxw, &l);
        size_t total = 0;
        assert_true(l.n >= 1 && l.n < 64);
        assert_int_equal(h, l.n * lh);
        assert_int_equal(gfx_text_height(c->g, maxw, text, THEME_TEXT_BODY), h);
        for (i = 0; i < l.n; i++) {
            int mw = measure(c, l.text[i]);
            assert_int_equal(l.box[i].w, mw);
            assert_true(l.box[i].w <= maxw);
            if (l.box[i].w > widest)
                widest = l.box[i].w;
            total += non_space(l.text[i]);
        }
        assert_int_equal(gfx_text_width(c->g, maxw, text, THEME_TEXT_BODY), widest);
        /* nothing drawn right of the box or below the last line */
        assert_int_equal(count_px(c->surf, 100 + maxw + 2, 90, 300, h + 20, 0), 0);
        assert_int_equal(count_px(c->surf, 0, 100 + h + 6, W, 200, 0), 0);
        assert_int_equal(total, non_space(text));
        if (maxw == 375)
            shot(c, "wrapped");
    }
}

/* The same emoji line drawn again comes from the texture cache. */
static void test_cache_effective(void **state)
{
    Ctx *c = *state;
    unsigned long made = 0;
    draw(c, LINE, 1600, NULL);
    made = gfx_textures_created(c->g);
    draw(c, LINE, 1600, NULL);
    draw(c, LINE, 1600, NULL);
    assert_int_equal(gfx_textures_created(c->g), made);
}

/* Without an emoji font: no boxes, the text still drawn, DejaVu's own
 * (monochrome) heart, and one warning however many emoji are met. */
static void test_no_emoji_font(void **state)
{
    Ctx *c = NULL;
    int wt = 0, lh = 0;
    (void)state;
    setenv("SPECTACTOR_EMOJI_FONT", "/nonexistent/NoEmoji.ttf", 1);
    c = ctx_new();
    unsetenv("SPECTACTOR_EMOJI_FONT");
    assert_non_null(c);
    lh = gfx_line_height(c->g, THEME_TEXT_BODY);
    warnings_emoji_font = 0;
    assert_int_equal(measure(c, SMILING_HEARTS), 0);
    draw(c, SMILING_HEARTS " " MAN ZWJ WOMAN, 1600, NULL);
    assert_int_equal(warnings_emoji_font, 1);
    assert_int_equal(measure(c, "x" SMILING_HEARTS "x"), measure(c, "xx"));
    draw(c, THINKING, 1600, NULL);
    assert_int_equal(count_px(c->surf, 0, 0, W, H, 0), 0);
    assert_int_equal(warnings_emoji_font, 1);
    wt = measure(c, LINE_TEXT);
    draw(c, LINE, 1600, NULL);
    shot(c, "no_emoji_font");
    assert_true(count_px(c->surf, 100, 100, wt, lh, 0) > 500);
    assert_true(count_px(c->surf, 100 + wt, 100, 60, lh, 0) > 100); /* DejaVu's heart */
    assert_int_equal(count_px(c->surf, 0, 0, W, H, 1), 0);          /* nothing coloured */
    ctx_free(c);
}

/* The monochrome fallback the Windows package bundles (Symbola, from
 * fonts-symbola): emoji drawn in the text colour, sequences without boxes,
 * measured as drawn. */
static void test_symbola_fallback(void **state)
{
    const char *sym = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf";
    Ctx *c = NULL;
    Logged l;
    int wt = 0, wa = 0, lh = 0;
    (void)state;
    if (access(sym, R_OK) != 0)
        fail_msg("%s is missing: install fonts-symbola (tools/deps.sh lists it)", sym);
    setenv("SPECTACTOR_EMOJI_FONT", sym, 1);
    c = ctx_new();
    unsetenv("SPECTACTOR_EMOJI_FONT");
    assert_non_null(c);
    lh = gfx_line_height(c->g, THEME_TEXT_BODY);
    wt = measure(c, "ok ");
    wa = measure(c, "ok " THINKING);
    assert_in_range(wa - wt, 20, 70);
    draw(c, "ok " THINKING " " THUMB TONE " " MAN ZWJ WOMAN, 1600, &l);
    shot(c, "symbola");
    assert_int_equal(l.n, 1);
    assert_int_equal(l.box[0].w, measure(c, "ok " THINKING " " THUMB TONE " " MAN ZWJ WOMAN));
    assert_true(count_px(c->surf, 100 + wt, 100, wa - wt, lh, 0) > 100);
    assert_int_equal(count_px(c->surf, 100 + l.box[0].w + 2, 80, 400, lh + 40, 0), 0);
    /* Symbola cannot join a skin tone (it would draw a swatch): left out */
    assert_int_equal(measure(c, THUMB TONE), measure(c, THUMB));
    ctx_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scenario_line_heart_in_colour),
        cmocka_unit_test(test_no_tofu),
        cmocka_unit_test(test_sequences_one_glyph),
        cmocka_unit_test(test_wrap_consistent),
        cmocka_unit_test(test_cache_effective),
        cmocka_unit_test(test_no_emoji_font),
        cmocka_unit_test(test_symbola_fallback),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
