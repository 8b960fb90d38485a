/* text_runs.c - per-glyph font fallback: a line split into runs of the main
 * font and of an emoji font, measured and drawn the same way (SDL_ttf). */
#include "render/text_runs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/utf8.h"
#include "render/gfx.h"

#ifndef SPECTACTOR_FONT_DIR
#define SPECTACTOR_FONT_DIR "assets/fonts"
#endif

/* Pixels per em the emoji font is opened at: Noto Color Emoji's one strike. */
#define EMOJI_REF_PX 109
#define EMOJI_PATH_MAX 1200

#define SYSTEM_NOTO_DIR "/usr/share/fonts/truetype/noto"
#define SYSTEM_SYMBOLA_DIR "/usr/share/fonts/truetype/ancient-scripts"

struct TextRuns {
    TTF_Font *emoji; /* NULL: none found */
    int emoji_ascent;
    int combines; /* the emoji font joins a skin tone to its emoji */
    char path[EMOJI_PATH_MAX];
    char buf[GFX_MAX_TEXT + 8]; /* the current run, NUL-terminated */
};

/* Warned once per process: no emoji font; a code point no font has. */
static int warned_no_emoji = 0;
static int warned_missing = 0;

enum { CL_MAIN, CL_EMOJI, CL_DROP };

/* ---- opening ------------------------------------------------------------ */

/* Opens path as an emoji font if it renders an emoji glyph (NULL if not). */
static TTF_Font *try_emoji_font(const char *path)
{
    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *probe = NULL;
    TTF_Font *f = TTF_OpenFont(path, EMOJI_REF_PX);
    if (!f)
        return NULL;
    if (TTF_GlyphIsProvided32(f, 0x1F600))
        probe = TTF_RenderGlyph32_Blended(f, 0x1F600, white);
    if (!probe || probe->w < 2 || probe->h < 2) {
        if (probe)
            SDL_FreeSurface(probe);
        TTF_CloseFont(f);
        return NULL;
    }
    SDL_FreeSurface(probe);
    return f;
}

TextRuns *text_runs_new(const char *font_dir)
{
    static const char *const files[] = {"NotoColorEmoji.ttf", "Symbola_hint.ttf"};
    const char *dirs[4] = {NULL, SPECTACTOR_FONT_DIR, SYSTEM_NOTO_DIR, SYSTEM_SYMBOLA_DIR};
    const char *env = getenv("SPECTACTOR_EMOJI_FONT");
    TextRuns *tf = calloc(1, sizeof *tf);
    size_t i = 0, j = 0;
    if (!tf)
        return NULL;
    dirs[0] = font_dir;
    if (env && *env) {
        tf->emoji = try_emoji_font(env);
        if (tf->emoji)
            snprintf(tf->path, sizeof tf->path, "%s", env);
    }
    for (i = 0; !tf->emoji && !(env && *env) && i < sizeof files / sizeof files[0]; i++) {
        for (j = 0; !tf->emoji && j < sizeof dirs / sizeof dirs[0]; j++) {
            size_t dn = dirs[j] ? strlen(dirs[j]) : 0, fn = strlen(files[i]);
            if (!dirs[j] || dn + fn + 2 > sizeof tf->path)
                continue;
            memcpy(tf->path, dirs[j], dn);
            tf->path[dn] = '/';
            memcpy(tf->path + dn + 1, files[i], fn + 1);
            tf->emoji = try_emoji_font(tf->path);
        }
    }
    if (!tf->emoji) {
        tf->path[0] = '\0';
    } else {
        /* a thumb with a skin tone as wide as the thumb alone: one glyph */
        int w1 = 0, w2 = 0, h = 0;
        tf->emoji_ascent = TTF_FontAscent(tf->emoji);
        log_debug("emoji font: %s", tf->path);
        tf->combines = TTF_SizeUTF8(tf->emoji, "\xF0\x9F\x91\x8D", &w1, &h) == 0 &&
                       TTF_SizeUTF8(tf->emoji, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", &w2, &h) == 0 &&
                       w1 == w2;
    }
    return tf;
}

void text_runs_free(TextRuns *tf)
{
    if (!tf)
        return;
    if (tf->emoji)
        TTF_CloseFont(tf->emoji);
    free(tf);
}

/* ---- splitting ---------------------------------------------------------- */

/* Code points that only modify or join the emoji before them. */
static int is_joiner(uint32_t cp)
{
    return cp == 0x200D || cp == 0xFE0E || cp == 0xFE0F || cp == 0x20E3 ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
}

/* Invisible code points a font need not have (the shaper hides them). */
static int is_ignorable(uint32_t cp)
{
    return cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0020 && cp <= 0xE007F) ||
           (cp >= 0xE0100 && cp <= 0xE01EF);
}

static int emoji_has(const TextRuns *tf, uint32_t cp)
{
    return tf->emoji && TTF_GlyphIsProvided32(tf->emoji, cp) != 0;
}

static void warn_left_out(const TextRuns *tf, uint32_t cp)
{
    if (!tf->emoji && cp >= 0x2000) {
        if (!warned_no_emoji)
            log_warn("no emoji font found (install fonts-noto-color-emoji): emoji such as U+%04X "
                     "are left out of the text",
                     (unsigned)cp);
        warned_no_emoji = 1;
        return;
    }
    if (!warned_missing)
        log_warn("no font has a glyph for U+%04X: it is left out of the text", (unsigned)cp);
    warned_missing = 1;
}

/* Which font draws cp, after prev (drawn as prev_cl) and before next. */
static int classify(const TextRuns *tf, TTF_Font *main, uint32_t cp, uint32_t prev, int prev_cl,
                    uint32_t next)
{
    int has_main = 0, has_emoji = 0;
    if (cp < 0x80 && next != 0xFE0F)
        return CL_MAIN;
    if (is_joiner(cp)) {
        int tone = cp >= 0x1F3FB && cp <= 0x1F3FF;
        if (prev_cl == CL_EMOJI &&
            (is_ignorable(cp) || (emoji_has(tf, cp) && (tf->combines || !tone))))
            return CL_EMOJI;
        return CL_DROP;
    }
    if (is_ignorable(cp))
        return CL_DROP;
    has_main = TTF_GlyphIsProvided32(main, cp) != 0;
    has_emoji = emoji_has(tf, cp);
    if (has_emoji && (!has_main || next == 0xFE0F || (cp >= 0x1F000 && next != 0xFE0E) ||
                      (prev == 0x200D && prev_cl == CL_EMOJI)))
        return CL_EMOJI;
    if (has_main)
        return CL_MAIN;
    if (has_emoji)
        return CL_EMOJI;
    warn_left_out(tf, cp);
    return CL_DROP;
}

typedef struct Runs {
    TextRuns *tf;
    TTF_Font *main;
    const char *s;
    size_t n, pos;
    uint32_t prev;
    int prev_cl;
} Runs;

static Runs runs_start(TextRuns *tf, TTF_Font *main, const char *s, size_t n)
{
    Runs r = {NULL, NULL, NULL, 0, 0, 0, CL_MAIN};
    r.tf = tf;
    r.main = main;
    r.s = s;
    r.n = n > GFX_MAX_TEXT ? GFX_MAX_TEXT : n;
    r.pos = 0;
    r.prev = 0;
    r.prev_cl = CL_MAIN;
    return r;
}

/* The next run, copied into tf->buf without the code points left out:
 * returns 1 and its font (CL_MAIN or CL_EMOJI), or 0 after the last. */
static int runs_next(Runs *r, int *font)
{
    char *buf = r->tf->buf;
    size_t out = 0;
    int cur = -1;
    while (r->pos < r->n) {
        uint32_t cp = 0, next = 0;
        size_t len = utf8_decode(r->s + r->pos, r->n - r->pos, &cp);
        int cl = CL_DROP;
        if (len == 0)
            break;
        if (r->pos + len < r->n)
            utf8_decode(r->s + r->pos + len, r->n - r->pos - len, &next);
        cl = classify(r->tf, r->main, cp, r->prev, r->prev_cl, next);
        if (cl != CL_DROP && cur >= 0 && cl != cur)
            break; /* the next run starts here (classified the same again) */
        if (cl != CL_DROP && out + len > GFX_MAX_TEXT)
            break;
        r->prev = cp;
        r->prev_cl = cl;
        if (cl != CL_DROP) {
            memcpy(buf + out, r->s + r->pos, len);
            out += len;
            cur = cl;
        }
        r->pos += len;
    }
    if (cur < 0)
        return 0;
    buf[out] = '\0';
    *font = cur;
    return 1;
}

/* v emoji-font pixels at px pixels per em. */
static int scaled(int v, int px)
{
    return (int)(((long)v * px + EMOJI_REF_PX / 2) / EMOJI_REF_PX);
}

/* Width of the run in tf->buf. */
static int run_width(TextRuns *tf, TTF_Font *main, int px, int font)
{
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font == CL_EMOJI ? tf->emoji : main, tf->buf, &w, &h) != 0)
        return 0;
    return font == CL_EMOJI ? scaled(w, px) : w;
}

int text_runs_needed(TextRuns *tf, TTF_Font *main, const char *s, size_t n)
{
    Runs r = {NULL, NULL, NULL, 0, 0, 0, CL_MAIN};
    int font = CL_MAIN;
    size_t i = 0;
    if (!tf || !main || !s)
        return 0;
    for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++) {
    }
    if (i == n)
        return 0;
    r = runs_start(tf, main, s, n);
    if (!runs_next(&r, &font))
        return 1; /* everything is left out */
    return font != CL_MAIN || r.pos < r.n || strlen(tf->buf) != r.n;
}

int text_runs_measure(TextRuns *tf, TTF_Font *main, int px, const char *s, size_t n)
{
    Runs r = {NULL, NULL, NULL, 0, 0, 0, CL_MAIN};
    int font = CL_MAIN, w = 0;
    if (!tf || !main || !s)
        return 0;
    r = runs_start(tf, main, s, n);
    while (runs_next(&r, &font))
        w += run_width(tf, main, px, font);
    return w;
}

/* Draws src (32-bit) shrunk to dw x dh over dst (ARGB8888) at (x0, y0),
 * averaging the source pixels each target pixel covers, alpha times
 * alpha/255. */
static void shrink_over(SDL_Surface *src, SDL_Surface *dst, int x0, int y0, int dw, int dh,
                        Uint8 alpha)
{
    SDL_Surface *s = src;
    int i = 0, j = 0;
    if (dw < 1 || dh < 1)
        return;
    if (src->format->format != SDL_PIXELFORMAT_ARGB8888) {
        s = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!s)
            return;
    }
    for (j = 0; j < dh; j++) {
        int sy0 = j * s->h / dh, sy1 = (j + 1) * s->h / dh;
        int y = y0 + j;
        if (sy1 <= sy0)
            sy1 = sy0 + 1;
        if (y < 0 || y >= dst->h)
            continue;
        for (i = 0; i < dw; i++) {
            int sx0 = i * s->w / dw, sx1 = (i + 1) * s->w / dw, x = x0 + i, u = 0, v = 0;
            unsigned long sa = 0, sr = 0, sg = 0, sb = 0, cnt = 0;
            uint32_t *d = NULL;
            unsigned a = 0, da = 0, oa = 0;
            if (sx1 <= sx0)
                sx1 = sx0 + 1;
            if (x < 0 || x >= dst->w)
                continue;
            for (v = sy0; v < sy1 && v < s->h; v++) {
                const uint32_t *row = (const uint32_t *)((const unsigned char *)s->pixels +
                                                         (size_t)v * (size_t)s->pitch);
                for (u = sx0; u < sx1 && u < s->w; u++) {
                    uint32_t p = row[u];
                    unsigned pa = p >> 24;
                    sa += pa;
                    sr += ((p >> 16) & 0xFF) * pa;
                    sg += ((p >> 8) & 0xFF) * pa;
                    sb += (p & 0xFF) * pa;
                    cnt++;
                }
            }
            if (cnt == 0 || sa == 0)
                continue;
            a = (unsigned)(sa / cnt) * alpha / 255u;
            if (a == 0)
                continue;
            d = (uint32_t *)((unsigned char *)dst->pixels + (size_t)y * (size_t)dst->pitch) + x;
            da = *d >> 24;
            oa = a + da * (255u - a) / 255u;
            {
                unsigned r = (unsigned)(sr / sa), g = (unsigned)(sg / sa), b = (unsigned)(sb / sa);
                unsigned dr = (*d >> 16) & 0xFF, dg = (*d >> 8) & 0xFF, db = *d & 0xFF;
                unsigned keep = da * (255u - a) / 255u;
                r = (r * a + dr * keep) / oa;
                g = (g * a + dg * keep) / oa;
                b = (b * a + db * keep) / oa;
                *d = ((uint32_t)oa << 24) | ((uint32_t)r << 16) | ((uint32_t)g << 8) | (uint32_t)b;
            }
        }
    }
    if (s != src)
        SDL_FreeSurface(s);
}

SDL_Surface *text_runs_render(TextRuns *tf, TTF_Font *main, int px, const char *s, size_t n,
                              SDL_Color c)
{
    SDL_Surface *line = NULL;
    Runs r = {NULL, NULL, NULL, 0, 0, 0, CL_MAIN};
    int font = CL_MAIN, w = 0, h = 0, x = 0, asc = 0;
    if (!tf || !main || !s)
        return NULL;
    w = text_runs_measure(tf, main, px, s, n);
    h = TTF_FontHeight(main);
    asc = TTF_FontAscent(main);
    line = SDL_CreateRGBSurfaceWithFormat(0, w > 0 ? w : 1, h > 0 ? h : 1, 32,
                                          SDL_PIXELFORMAT_ARGB8888);
    if (!line)
        return NULL;
    SDL_FillRect(line, NULL, 0);
    r = runs_start(tf, main, s, n);
    while (runs_next(&r, &font)) {
        int rw = run_width(tf, main, px, font);
        SDL_Surface *part = TTF_RenderUTF8_Blended(font == CL_EMOJI ? tf->emoji : main, tf->buf, c);
        if (part && font == CL_MAIN) {
            SDL_Rect at = {x, 0, part->w, part->h};
            SDL_SetSurfaceBlendMode(part, SDL_BLENDMODE_NONE);
            SDL_BlitSurface(part, NULL, line, &at);
        } else if (part) {
            shrink_over(part, line, x, asc - scaled(tf->emoji_ascent, px), rw, scaled(part->h, px),
                        c.a);
        }
        if (part)
            SDL_FreeSurface(part);
        x += rw;
    }
    return line;
}
