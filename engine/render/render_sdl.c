/* render_sdl.c - SDL_ttf text with an LRU texture cache, shapes, images, QR codes. */
#include "render/render_sdl.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef SPECTACTOR_HAVE_QRENCODE
#include <qrencode.h>
#endif

#include "core/log.h"
#include "core/utf8.h"
#include "render/layout.h"
#include "render/text_runs.h"

#ifndef SPECTACTOR_FONT_DIR
#define SPECTACTOR_FONT_DIR "assets/fonts"
#endif

#define QR_MAX_TEXT 1024

/* Where gfx_new looks when the fonts it was asked for do not open. */
#define GFX_SYSTEM_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#define GFX_MAX_FONT_FALLBACKS 4

static const char *const default_fallbacks[] = {SPECTACTOR_FONT_DIR, GFX_SYSTEM_FONT_DIR};
/* The fallback list in force (gfx_font_fallbacks_set, a test hook). */
static const char *fallbacks[GFX_MAX_FONT_FALLBACKS] = {SPECTACTOR_FONT_DIR, GFX_SYSTEM_FONT_DIR};
static int n_fallbacks = 2;

typedef struct TextEntry {
    char *s; /* NULL: free slot */
    size_t n;
    uint32_t hash;
    int style;
    uint32_t color;
    SDL_Texture *tex; /* the inked part of the line, at (ox, oy) in it */
    int w, h;         /* the whole line (for alignment) */
    int ox, oy, tw, th;
    unsigned long used;
} TextEntry;

typedef struct ImageEntry {
    char *path; /* NULL: free slot */
    SDL_Texture *tex; /* NULL: the image failed to load (warned once) */
    int w, h;
    unsigned long used;
} ImageEntry;

struct Gfx {
    SDL_Renderer *r;
    int w, h;
    float scale;
    char font_dir[GFX_MAX_PATH];
    TTF_Font *font[THEME_TEXT_COUNT];
    int line_h[THEME_TEXT_COUNT];
    TextRuns *runs; /* the emoji font for what the main fonts lack */
    TextEntry text[GFX_TEXT_CACHE_MAX];
    int n_text;
    LayoutCache *measures; /* (span, style) -> width */
    LayoutCache *wraps;    /* (text, style, maxw) -> lines */
    ImageEntry img[GFX_IMAGE_CACHE_MAX];
    unsigned long tick;
    unsigned long created;
    char buf[GFX_MAX_TEXT + 1]; /* NUL-terminated copy of a span for SDL_ttf */
    GfxTextLogFn log_fn;        /* the text log (gfx_text_log_set), or NULL */
    void *log_ud;
};

/* ---- fonts ------------------------------------------------------------- */

static const char *font_file(ThemeFont f)
{
    switch (f) {
    case THEME_FONT_BOLD: return "DejaVuSans-Bold.ttf";
    case THEME_FONT_ITALIC: return "DejaVuSans-Oblique.ttf";
    default: return "DejaVuSans.ttf";
    }
}

static void close_fonts(TTF_Font **fonts)
{
    int i = 0;
    for (i = 0; i < THEME_TEXT_COUNT; i++) {
        if (fonts[i])
            TTF_CloseFont(fonts[i]);
        fonts[i] = NULL;
    }
}

/* Pixels per em of style at scale. */
static int style_px(ThemeText style, float scale)
{
    int px = (int)lroundf((float)theme_text_px(style) * scale);
    return px < 6 ? 6 : px;
}

/* Opens every style at scale into fonts/line_h; all or nothing. */
static int open_fonts(const char *dir, float scale, TTF_Font **fonts, int *line_h, Err *err)
{
    char path[GFX_MAX_PATH + 64];
    int i = 0;
    for (i = 0; i < THEME_TEXT_COUNT; i++) {
        ThemeFont kind = theme_text_font((ThemeText)i);
        int px = style_px((ThemeText)i, scale);
        TTF_Font *f = NULL;
        snprintf(path, sizeof path, "%s/%s", dir, font_file(kind));
        f = TTF_OpenFont(path, px);
        if (!f && kind == THEME_FONT_ITALIC) {
            /* No oblique face shipped: slant the regular one. */
            snprintf(path, sizeof path, "%s/%s", dir, font_file(THEME_FONT_REGULAR));
            f = TTF_OpenFont(path, px);
            if (f)
                TTF_SetFontStyle(f, TTF_STYLE_ITALIC);
        }
        if (!f) {
            close_fonts(fonts);
            return err_set(err, ERR_NOTFOUND, "cannot open font %s: %s", path, TTF_GetError());
        }
        TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
        fonts[i] = f;
        line_h[i] = TTF_FontLineSkip(f) * THEME_LINE_SPACING / 100;
    }
    return 0;
}

static void drop_text_cache(Gfx *g)
{
    int i = 0;
    for (i = 0; i < GFX_TEXT_CACHE_MAX; i++) {
        if (g->text[i].tex)
            SDL_DestroyTexture(g->text[i].tex);
        free(g->text[i].s);
        memset(&g->text[i], 0, sizeof g->text[i]);
    }
    g->n_text = 0;
    layout_cache_clear(g->measures);
    layout_cache_clear(g->wraps);
}

void gfx_font_fallbacks_set(const char *const *dirs, int n)
{
    int i = 0;
    if (!dirs) {
        dirs = default_fallbacks;
        n = (int)(sizeof default_fallbacks / sizeof default_fallbacks[0]);
    }
    if (n < 0)
        n = 0;
    if (n > GFX_MAX_FONT_FALLBACKS)
        n = GFX_MAX_FONT_FALLBACKS;
    for (i = 0; i < n; i++)
        fallbacks[i] = dirs[i];
    n_fallbacks = n;
}

/* Opens the fonts of dir into g, else those of the first fallback directory
 * that has them (with a warning), and remembers which one in g->font_dir.
 * On failure err keeps the message about dir. */
static int open_fonts_fallback(Gfx *g, const char *dir, Err *err)
{
    Err first = {0, ""};
    int rc = open_fonts(dir, g->scale, g->font, g->line_h, &first);
    int i = 0;
    if (rc == 0) {
        snprintf(g->font_dir, sizeof g->font_dir, "%s", dir);
        return 0;
    }
    for (i = 0; i < n_fallbacks; i++) {
        const char *alt = fallbacks[i];
        if (!alt || strcmp(alt, dir) == 0 || strlen(alt) >= GFX_MAX_PATH)
            continue;
        if (open_fonts(alt, g->scale, g->font, g->line_h, NULL) == 0) {
            log_warn("%s (using the fonts in %s instead)", first.msg, alt);
            snprintf(g->font_dir, sizeof g->font_dir, "%s", alt);
            return 0;
        }
    }
    if (err)
        *err = first;
    return rc;
}

Gfx *gfx_new(SDL_Renderer *r, int w, int h, const char *font_dir, Err *err)
{
    Gfx *g = NULL;
    if (!r || w < 1 || h < 1) {
        err_set(err, ERR_INVALID, "gfx_new: bad renderer or size %dx%d", w, h);
        return NULL;
    }
    if (!font_dir)
        font_dir = SPECTACTOR_FONT_DIR;
    if (strlen(font_dir) >= GFX_MAX_PATH) {
        err_set(err, ERR_LIMIT, "font directory path too long");
        return NULL;
    }
    if (!TTF_WasInit() && TTF_Init() != 0) {
        err_set(err, ERR_INVALID, "SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
    g = calloc(1, sizeof *g);
    if (!g) {
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    g->r = r;
    g->w = w;
    g->h = h;
    g->scale = theme_scale(w, h);
    g->measures = layout_cache_new(GFX_MEASURE_CACHE_MAX, GFX_MEASURE_CACHE_BYTES);
    g->wraps = layout_cache_new(GFX_WRAP_CACHE_MAX, GFX_WRAP_CACHE_BYTES);
    if (!g->measures || !g->wraps) {
        layout_cache_free(g->measures);
        layout_cache_free(g->wraps);
        free(g);
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (open_fonts_fallback(g, font_dir, err) != 0) {
        layout_cache_free(g->measures);
        layout_cache_free(g->wraps);
        free(g);
        return NULL;
    }
    g->runs = text_runs_new(g->font_dir);
    if (!g->runs) {
        close_fonts(g->font);
        layout_cache_free(g->measures);
        layout_cache_free(g->wraps);
        free(g);
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    return g;
}

int gfx_resize(Gfx *g, int w, int h, Err *err)
{
    TTF_Font *fonts[THEME_TEXT_COUNT];
    int line_h[THEME_TEXT_COUNT];
    float scale = 0.0f;
    int rc = 0;
    if (!g || w < 1 || h < 1)
        return err_set(err, ERR_INVALID, "gfx_resize: bad size %dx%d", w, h);
    if (w == g->w && h == g->h)
        return 0;
    memset(fonts, 0, sizeof fonts);
    memset(line_h, 0, sizeof line_h);
    scale = theme_scale(w, h);
    rc = open_fonts(g->font_dir, scale, fonts, line_h, err);
    if (rc != 0)
        return rc;
    drop_text_cache(g);
    close_fonts(g->font);
    memcpy(g->font, fonts, sizeof fonts);
    memcpy(g->line_h, line_h, sizeof line_h);
    g->w = w;
    g->h = h;
    g->scale = scale;
    return 0;
}

void gfx_free(Gfx *g)
{
    int i = 0;
    if (!g)
        return;
    drop_text_cache(g);
    for (i = 0; i < GFX_IMAGE_CACHE_MAX; i++) {
        if (g->img[i].tex)
            SDL_DestroyTexture(g->img[i].tex);
        free(g->img[i].path);
    }
    close_fonts(g->font);
    text_runs_free(g->runs);
    layout_cache_free(g->measures);
    layout_cache_free(g->wraps);
    free(g);
}

SDL_Renderer *gfx_renderer(const Gfx *g) { return g ? g->r : NULL; }
int gfx_width(const Gfx *g) { return g ? g->w : 0; }
int gfx_height(const Gfx *g) { return g ? g->h : 0; }
float gfx_scale(const Gfx *g) { return g ? g->scale : 1.0f; }
unsigned long gfx_textures_created(const Gfx *g) { return g ? g->created : 0; }
int gfx_text_cache_count(const Gfx *g) { return g ? g->n_text : 0; }

void gfx_cache_stats(const Gfx *g, GfxCacheStats *out)
{
    LayoutCacheStats m, w;
    if (!out)
        return;
    layout_cache_stats(g ? g->measures : NULL, &m);
    layout_cache_stats(g ? g->wraps : NULL, &w);
    out->measure_hits = m.hits;
    out->measure_misses = m.misses;
    out->measure_count = m.count;
    out->wrap_hits = w.hits;
    out->wrap_misses = w.misses;
    out->wrap_count = w.count;
    out->evictions = m.evictions + w.evictions;
    out->clears = w.clears;
}

int gfx_px(const Gfx *g, int design_px)
{
    int v = (int)lroundf((float)design_px * g->scale);
    if (design_px > 0 && v < 1)
        v = 1;
    return v;
}

int gfx_line_height(const Gfx *g, ThemeText style)
{
    if (!g || (int)style < 0 || style >= THEME_TEXT_COUNT)
        return 0;
    return g->line_h[style];
}

/* ---- text -------------------------------------------------------------- */

static ThemeText valid_style(ThemeText s)
{
    return ((int)s < 0 || s >= THEME_TEXT_COUNT) ? THEME_TEXT_BODY : s;
}

/* Copies s[0..n) into g->buf, cut to GFX_MAX_TEXT at a code point boundary. */
static const char *span(Gfx *g, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp = 0;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0 || i + len > GFX_MAX_TEXT)
            break;
        i += len;
    }
    memcpy(g->buf, s, i);
    g->buf[i] = '\0';
    return g->buf;
}

typedef struct MeasureCtx {
    Gfx *g;
    ThemeText style;
} MeasureCtx;

/* The font's width of s[0..n) (uncached). */
static int ttf_measure(void *ud, const char *s, size_t n)
{
    MeasureCtx *m = ud;
    TTF_Font *f = m->g->font[m->style];
    int w = 0, h = 0;
    if (text_runs_needed(m->g->runs, f, s, n))
        return text_runs_measure(m->g->runs, f, style_px(m->style, m->g->scale), s, n);
    if (TTF_SizeUTF8(f, span(m->g, s, n), &w, &h) != 0)
        return 0;
    return w;
}

int gfx_measure(Gfx *g, const char *s, size_t n, ThemeText style)
{
    MeasureCtx m = {g, THEME_TEXT_BODY};
    if (!g || !s || n == 0)
        return 0;
    m.style = valid_style(style);
    return layout_cache_measure(g->measures, s, n, (int)m.style, ttf_measure, &m);
}

static int measure_cb(void *ud, const char *s, size_t n)
{
    MeasureCtx *m = ud;
    return gfx_measure(m->g, s, n, m->style);
}

/* Length of text cut to GFX_MAX_TEXT bytes at a code point boundary. */
static size_t text_len(const char *text)
{
    size_t n = strlen(text), i = 0;
    if (n <= GFX_MAX_TEXT)
        return n;
    while (i < GFX_MAX_TEXT) {
        uint32_t cp = 0;
        size_t len = utf8_decode(text + i, n - i, &cp);
        if (i + len > GFX_MAX_TEXT)
            break;
        i += len;
    }
    return i;
}

static int wrap_text(Gfx *g, int maxw, const char *text, ThemeText style, LayoutLine *lines)
{
    MeasureCtx m = {g, style};
    int count = 0;
    if (maxw < 1)
        maxw = 1;
    count = layout_cache_wrap(g->wraps, text, text_len(text), (int)style, maxw, measure_cb, &m,
                              lines, LAYOUT_MAX_LINES);
    if (count < 0)
        return 0;
    return count > LAYOUT_MAX_LINES ? LAYOUT_MAX_LINES : count;
}

int gfx_text_height(Gfx *g, int maxw, const char *text, ThemeText style)
{
    LayoutLine lines[LAYOUT_MAX_LINES];
    if (!g || !text || !*text)
        return 0;
    style = valid_style(style);
    return wrap_text(g, maxw, text, style, lines) * g->line_h[style];
}

int gfx_text_width(Gfx *g, int maxw, const char *text, ThemeText style)
{
    LayoutLine lines[LAYOUT_MAX_LINES];
    int count = 0, i = 0, w = 0;
    if (!g || !text || !*text)
        return 0;
    style = valid_style(style);
    count = wrap_text(g, maxw, text, style, lines);
    for (i = 0; i < count; i++)
        if (lines[i].width > w)
            w = lines[i].width;
    return w;
}

static uint32_t pack(ThemeColor c)
{
    return ((uint32_t)c.r << 24) | ((uint32_t)c.g << 16) | ((uint32_t)c.b << 8) | c.a;
}

static uint32_t fnv(const char *s, size_t n, uint32_t seed)
{
    uint32_t h = 2166136261u ^ seed;
    size_t i = 0;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* The smallest rectangle of surf (32-bit with alpha) holding every pixel
 * whose alpha is not 0; the whole surface for another format, a 1x1 corner
 * for a fully transparent one.  Blending skips nothing else, so drawing only
 * this part gives the same pixels for less work in the software renderer. */
static SDL_Rect ink_rect(SDL_Surface *surf)
{
    SDL_Rect rc = {0, 0, surf->w, surf->h};
    const SDL_PixelFormat *f = surf->format;
    int top = 0, bottom = 0, left = 0, right = 0, x = 0, y = 0;
    if (f->BytesPerPixel != 4 || f->Amask == 0 || surf->w < 1 || surf->h < 1 ||
        SDL_MUSTLOCK(surf))
        return rc;
    top = surf->h;
    bottom = -1;
    left = surf->w;
    right = -1;
    for (y = 0; y < surf->h; y++) {
        const uint32_t *row =
            (const uint32_t *)((const unsigned char *)surf->pixels + (size_t)y * (size_t)surf->pitch);
        for (x = 0; x < surf->w; x++) {
            if (row[x] & f->Amask) {
                if (y < top)
                    top = y;
                bottom = y;
                if (x < left)
                    left = x;
                if (x > right)
                    right = x;
            }
        }
    }
    if (bottom < 0) {
        rc.w = rc.h = 1;
        return rc;
    }
    rc.x = left;
    rc.y = top;
    rc.w = right - left + 1;
    rc.h = bottom - top + 1;
    return rc;
}

/* A texture of the part rc of surf (NULL on failure). */
static SDL_Texture *texture_of(SDL_Renderer *r, SDL_Surface *surf, SDL_Rect rc)
{
    SDL_Surface *part = NULL;
    SDL_Texture *tex = NULL;
    if (rc.x == 0 && rc.y == 0 && rc.w == surf->w && rc.h == surf->h)
        return SDL_CreateTextureFromSurface(r, surf);
    part = SDL_CreateRGBSurfaceWithFormatFrom(
        (unsigned char *)surf->pixels + (size_t)rc.y * (size_t)surf->pitch + (size_t)rc.x * 4u,
        rc.w, rc.h, 32, surf->pitch, surf->format->format);
    if (!part)
        return NULL;
    tex = SDL_CreateTextureFromSurface(r, part);
    SDL_FreeSurface(part);
    return tex;
}

/* The cached texture of one line, rendering it on a miss (LRU eviction). */
static TextEntry *line_texture(Gfx *g, const char *s, size_t n, ThemeText style, ThemeColor c)
{
    uint32_t color = pack(c);
    uint32_t hash = fnv(s, n, color * 31u + (uint32_t)style);
    TextEntry *e = NULL;
    SDL_Surface *surf = NULL;
    SDL_Texture *tex = NULL;
    SDL_Color sc = {c.r, c.g, c.b, c.a};
    SDL_Rect ink = {0, 0, 0, 0};
    char *copy = NULL;
    int i = 0, slot = -1, full_w = 0, full_h = 0;
    for (i = 0; i < GFX_TEXT_CACHE_MAX; i++) {
        e = &g->text[i];
        if (e->s && e->hash == hash && e->n == n && e->style == (int)style && e->color == color &&
            memcmp(e->s, s, n) == 0) {
            e->used = ++g->tick;
            return e;
        }
    }
    if (text_runs_needed(g->runs, g->font[style], s, n))
        surf = text_runs_render(g->runs, g->font[style], style_px(style, g->scale), s, n, sc);
    else
        surf = TTF_RenderUTF8_Blended(g->font[style], span(g, s, n), sc);
    if (!surf)
        return NULL;
    ink = ink_rect(surf);
    full_w = surf->w;
    full_h = surf->h;
    tex = texture_of(g->r, surf, ink);
    SDL_FreeSurface(surf);
    copy = malloc(n + 1);
    if (!tex || !copy) {
        if (tex)
            SDL_DestroyTexture(tex);
        free(copy);
        return NULL;
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    g->created++;
    for (i = 0; i < GFX_TEXT_CACHE_MAX; i++) {
        if (!g->text[i].s) {
            slot = i;
            break;
        }
        if (slot < 0 || g->text[i].used < g->text[slot].used)
            slot = i;
    }
    e = &g->text[slot];
    if (e->s) {
        SDL_DestroyTexture(e->tex);
        free(e->s);
    } else {
        g->n_text++;
    }
    e->s = copy;
    e->n = n;
    e->hash = hash;
    e->style = (int)style;
    e->color = color;
    e->tex = tex;
    e->w = full_w;
    e->h = full_h;
    e->ox = ink.x;
    e->oy = ink.y;
    e->tw = ink.w;
    e->th = ink.h;
    e->used = ++g->tick;
    return e;
}

/* Reports a drawn line to the text log: its box (x, y, w, h) and how much
 * of its ink (ink) the clip and the frame let through. */
static void log_line(Gfx *g, const char *s, size_t n, int x, int y, int w, int h, SDL_Rect ink,
                     ThemeText style, ThemeColor c)
{
    GfxTextDrawn t;
    GfxRect view = {0, 0, g->w, g->h};
    GfxRect clip = {0, 0, 0, 0};
    GfxRect in = {ink.x, ink.y, ink.w, ink.h};
    GfxRect vis = {0, 0, 0, 0};
    memset(&t, 0, sizeof t);
    t.s = s;
    t.n = n;
    t.box.x = x;
    t.box.y = y;
    t.box.w = w;
    t.box.h = h;
    t.style = style;
    t.color = c;
    if (gfx_clip_get(g, &clip) && !gfx_rect_intersect(&view, &clip, &view))
        view.w = view.h = 0;
    if (!gfx_rect_intersect(&in, &view, &vis))
        t.seen = GFX_SEEN_NONE;
    else
        t.seen = vis.w == in.w && vis.h == in.h ? GFX_SEEN_ALL : GFX_SEEN_CUT;
    g->log_fn(g->log_ud, &t);
}

int gfx_text(Gfx *g, int x, int y, int maxw, const char *text, ThemeText style, ThemeColor c,
             GfxAlign align)
{
    LayoutLine lines[LAYOUT_MAX_LINES];
    int count = 0, i = 0, lh = 0;
    if (!g || !text || !*text)
        return 0;
    style = valid_style(style);
    count = wrap_text(g, maxw, text, style, lines);
    lh = g->line_h[style];
    for (i = 0; i < count; i++) {
        TextEntry *e = NULL;
        SDL_Rect dst;
        int dx = 0;
        if (lines[i].len == 0)
            continue;
        e = line_texture(g, text + lines[i].start, lines[i].len, style, c);
        if (!e)
            continue;
        if (align == GFX_ALIGN_CENTER)
            dx = (maxw - e->w) / 2;
        else if (align == GFX_ALIGN_RIGHT)
            dx = maxw - e->w;
        dst.x = x + dx + e->ox;
        dst.y = y + i * lh + e->oy;
        dst.w = e->tw;
        dst.h = e->th;
        SDL_RenderCopy(g->r, e->tex, NULL, &dst);
        if (g->log_fn)
            log_line(g, text + lines[i].start, lines[i].len, x + dx, y + i * lh, e->w, lh, dst,
                     style, c);
    }
    return count * lh;
}

void gfx_text_log_set(Gfx *g, GfxTextLogFn fn, void *ud)
{
    if (!g)
        return;
    g->log_fn = fn;
    g->log_ud = ud;
}

/* ---- shapes ------------------------------------------------------------ */

static void set_color(Gfx *g, ThemeColor c)
{
    SDL_SetRenderDrawBlendMode(g->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(g->r, c.r, c.g, c.b, c.a);
}

static void hline(Gfx *g, int x, int y, int w)
{
    SDL_Rect rc = {x, y, w, 1};
    if (w > 0)
        SDL_RenderFillRect(g->r, &rc);
}

void gfx_clear(Gfx *g, ThemeColor c)
{
    if (!g)
        return;
    SDL_SetRenderDrawColor(g->r, c.r, c.g, c.b, c.a);
    SDL_RenderClear(g->r);
}

void gfx_fill_rect(Gfx *g, int x, int y, int w, int h, ThemeColor c)
{
    SDL_Rect rc = {x, y, w, h};
    if (!g || w <= 0 || h <= 0)
        return;
    set_color(g, c);
    SDL_RenderFillRect(g->r, &rc);
}

/* Opaque drawing colour for lines and triangles. */
static void set_opaque(Gfx *g, ThemeColor c)
{
    SDL_SetRenderDrawBlendMode(g->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(g->r, c.r, c.g, c.b, 255);
}

/* A segment t pixels thick (parallel lines across its main direction). */
static void thick_line(Gfx *g, GfxPoint a, GfxPoint b, int t)
{
    int i = 0, horiz = abs(b.x - a.x) >= abs(b.y - a.y);
    for (i = 0; i < t; i++) {
        int o = i - t / 2;
        if (horiz)
            SDL_RenderDrawLine(g->r, a.x, a.y + o, b.x, b.y + o);
        else
            SDL_RenderDrawLine(g->r, a.x + o, a.y, b.x + o, b.y);
    }
}

void gfx_polyline(Gfx *g, const GfxPoint *p, int n, int t, int dash, ThemeColor c)
{
    int i = 0;
    double carry = 0.0;
    if (!g || !p)
        return;
    set_opaque(g, c);
    for (i = 0; i + 1 < n; i++) {
        double dx = p[i + 1].x - p[i].x, dy = p[i + 1].y - p[i].y;
        double len = sqrt(dx * dx + dy * dy), s = 0.0;
        if (dash <= 0) {
            thick_line(g, p[i], p[i + 1], t);
        } else if (len > 0.0) {
            /* carry keeps the dash pattern going around corners */
            for (s = -carry; s < len; s += 2.0 * dash) {
                double s0 = s < 0 ? 0 : s, s1 = s + dash > len ? len : s + dash;
                GfxPoint a, b;
                if (s1 <= s0)
                    continue;
                a.x = p[i].x + (int)lround(dx * s0 / len);
                a.y = p[i].y + (int)lround(dy * s0 / len);
                b.x = p[i].x + (int)lround(dx * s1 / len);
                b.y = p[i].y + (int)lround(dy * s1 / len);
                thick_line(g, a, b, t);
            }
            carry = fmod(len + carry, 2.0 * dash);
        }
        if (t > 2 && i > 0) {
            SDL_Rect q = {p[i].x - t / 2, p[i].y - t / 2, t, t};
            SDL_RenderFillRect(g->r, &q);
        }
    }
}

void gfx_triangle(Gfx *g, float x0, float y0, float x1, float y1, float x2, float y2,
                  ThemeColor c)
{
    SDL_Vertex vx[3];
    int i = 0;
    if (!g)
        return;
    vx[0].position.x = x0;
    vx[0].position.y = y0;
    vx[1].position.x = x1;
    vx[1].position.y = y1;
    vx[2].position.x = x2;
    vx[2].position.y = y2;
    for (i = 0; i < 3; i++) {
        vx[i].color.r = c.r;
        vx[i].color.g = c.g;
        vx[i].color.b = c.b;
        vx[i].color.a = 255;
        vx[i].tex_coord.x = 0;
        vx[i].tex_coord.y = 0;
    }
    SDL_SetRenderDrawBlendMode(g->r, SDL_BLENDMODE_NONE);
    SDL_RenderGeometry(g->r, NULL, vx, 3, NULL, 0);
}

void gfx_clip(Gfx *g, const GfxRect *r)
{
    SDL_Rect rc;
    if (!g)
        return;
    if (!r) {
        SDL_RenderSetClipRect(g->r, NULL);
        return;
    }
    rc.x = r->x;
    rc.y = r->y;
    rc.w = r->w > 0 ? r->w : 0;
    rc.h = r->h > 0 ? r->h : 0;
    SDL_RenderSetClipRect(g->r, &rc);
}

int gfx_clip_get(const Gfx *g, GfxRect *out)
{
    SDL_Rect rc = {0, 0, 0, 0};
    int on = 0;
    if (g && SDL_RenderIsClipEnabled(g->r)) {
        SDL_RenderGetClipRect(g->r, &rc);
        on = 1;
    }
    if (out)
        *out = (GfxRect){rc.x, rc.y, rc.w, rc.h};
    return on;
}

int gfx_rect_intersect(const GfxRect *a, const GfxRect *b, GfxRect *out)
{
    SDL_Rect ra = {a->x, a->y, a->w, a->h}, rb = {b->x, b->y, b->w, b->h}, ro = {0, 0, 0, 0};
    int hit = SDL_IntersectRect(&ra, &rb, &ro) == SDL_TRUE;
    *out = (GfxRect){ro.x, ro.y, hit ? ro.w : 0, hit ? ro.h : 0};
    return hit;
}

/* Horizontal inset of row `row` (0..h-1) of a rounded rectangle. */
static int row_inset(int row, int h, int r)
{
    float dy = 0.0f;
    if (r <= 0)
        return 0;
    if (row >= h - r)
        row = h - 1 - row;
    if (row >= r)
        return 0;
    dy = (float)r - (float)row - 0.5f;
    return (int)lroundf((float)r - sqrtf((float)(r * r) - dy * dy));
}

static int clamp_radius(int r, int w, int h)
{
    if (r * 2 > w)
        r = w / 2;
    if (r * 2 > h)
        r = h / 2;
    return r < 0 ? 0 : r;
}

void gfx_round_rect(Gfx *g, int x, int y, int w, int h, int radius, ThemeColor c)
{
    SDL_Rect mid;
    int row = 0;
    if (!g || w <= 0 || h <= 0)
        return;
    radius = clamp_radius(radius, w, h);
    set_color(g, c);
    mid.x = x;
    mid.y = y + radius;
    mid.w = w;
    mid.h = h - 2 * radius;
    if (mid.h > 0)
        SDL_RenderFillRect(g->r, &mid);
    for (row = 0; row < radius; row++) {
        int in = row_inset(row, h, radius);
        hline(g, x + in, y + row, w - 2 * in);
        hline(g, x + in, y + h - 1 - row, w - 2 * in);
    }
}

void gfx_round_frame(Gfx *g, int x, int y, int w, int h, int radius, int t, ThemeColor c)
{
    int row = 0, ri = 0;
    if (!g || w <= 0 || h <= 0 || t <= 0)
        return;
    if (t * 2 >= w || t * 2 >= h) {
        gfx_round_rect(g, x, y, w, h, radius, c);
        return;
    }
    radius = clamp_radius(radius, w, h);
    ri = radius - t > 0 ? radius - t : 0;
    set_color(g, c);
    for (row = 0; row < h; row++) {
        int out = row_inset(row, h, radius);
        if (row < t || row >= h - t) {
            hline(g, x + out, y + row, w - 2 * out);
        } else {
            int in = t + row_inset(row - t, h - 2 * t, ri);
            hline(g, x + out, y + row, in - out);
            hline(g, x + w - in, y + row, in - out);
        }
    }
}

void gfx_circle(Gfx *g, int cx, int cy, int radius, ThemeColor c)
{
    gfx_round_rect(g, cx - radius, cy - radius, 2 * radius, 2 * radius, radius, c);
}

void gfx_bar(Gfx *g, int x, int y, int w, int h, float frac, ThemeColor fill, ThemeColor track)
{
    int fw = 0, r = 0;
    if (!g || w <= 0 || h <= 0)
        return;
    if (frac < 0.0f || frac != frac)
        frac = 0.0f;
    if (frac > 1.0f)
        frac = 1.0f;
    r = h / 4;
    gfx_round_rect(g, x, y, w, h, r, track);
    fw = (int)lroundf((float)w * frac);
    if (fw > 0)
        gfx_round_rect(g, x, y, fw, h, fw < 2 * r ? fw / 2 : r, fill);
}

/* A chat bubble (gfx_bubble); compact: small text and tighter padding. */
static int bubble(Gfx *g, int x, int y, int maxw, const char *header, ThemeColor hc,
                  const char *text, const char *footer, ThemeColor bg, ThemeColor fg, int right,
                  int draw, int compact)
{
    int pad = 0, inner = 0, tw = 0, hw = 0, fw = 0, bw = 0, bh = 0, cy = 0, rad = 0, hh = 0;
    int th = 0, fh = 0, bx = 0;
    ThemeText text_s = compact ? THEME_TEXT_SMALL : THEME_TEXT_CAPTION;
    if (!g)
        return 0;
    pad = gfx_px(g, compact ? 12 : 18);
    rad = gfx_px(g, compact ? 18 : 26);
    inner = maxw * 85 / 100 - 2 * pad;
    if (inner < 1)
        inner = 1;
    if (header && *header) {
        hw = gfx_text_width(g, inner, header, THEME_TEXT_SMALL_BOLD);
        hh = gfx_text_height(g, inner, header, THEME_TEXT_SMALL_BOLD);
    }
    if (text && *text) {
        tw = gfx_text_width(g, inner, text, text_s);
        th = gfx_text_height(g, inner, text, text_s);
    }
    if (footer && *footer) {
        fw = gfx_text_width(g, inner, footer, THEME_TEXT_SMALL);
        fh = gfx_text_height(g, inner, footer, THEME_TEXT_SMALL);
    }
    bw = tw;
    if (hw > bw)
        bw = hw;
    if (fw > bw)
        bw = fw;
    bw += 2 * pad;
    bh = pad + hh + th + fh + pad * 3 / 4;
    if (!draw)
        return bh;
    bx = right ? x + maxw - bw : x;
    gfx_round_rect(g, bx, y, bw, bh, rad, bg);
    /* The tail: square off the lower corner on the sender's side. */
    if (right)
        gfx_fill_rect(g, bx + bw - rad, y + bh - rad, rad, rad, bg);
    else
        gfx_fill_rect(g, bx, y + bh - rad, rad, rad, bg);
    cy = y + pad * 3 / 4;
    if (hh)
        cy += gfx_text(g, bx + pad, cy, inner, header, THEME_TEXT_SMALL_BOLD, hc, GFX_ALIGN_LEFT);
    if (th)
        cy += gfx_text(g, bx + pad, cy, inner, text, text_s, fg, GFX_ALIGN_LEFT);
    if (fh) /* smaller, but as legible as the text: no dimming */
        gfx_text(g, bx + pad, cy, bw - 2 * pad, footer, THEME_TEXT_SMALL, fg, GFX_ALIGN_RIGHT);
    return bh;
}

int gfx_bubble(Gfx *g, int x, int y, int maxw, const char *header, ThemeColor hc,
               const char *text, const char *footer, ThemeColor bg, ThemeColor fg, int right,
               int draw)
{
    return bubble(g, x, y, maxw, header, hc, text, footer, bg, fg, right, draw, 0);
}

int gfx_bubble_compact(Gfx *g, int x, int y, int maxw, const char *header, ThemeColor hc,
                       const char *text, const char *footer, ThemeColor bg, ThemeColor fg,
                       int right, int draw)
{
    return bubble(g, x, y, maxw, header, hc, text, footer, bg, fg, right, draw, 1);
}

/* ---- images ------------------------------------------------------------ */

static ImageEntry *image_entry(Gfx *g, const char *path)
{
    ImageEntry *e = NULL;
    int i = 0, slot = -1;
    for (i = 0; i < GFX_IMAGE_CACHE_MAX; i++) {
        if (g->img[i].path && strcmp(g->img[i].path, path) == 0) {
            g->img[i].used = ++g->tick;
            return &g->img[i];
        }
    }
    for (i = 0; i < GFX_IMAGE_CACHE_MAX; i++) {
        if (!g->img[i].path) {
            slot = i;
            break;
        }
        if (slot < 0 || g->img[i].used < g->img[slot].used)
            slot = i;
    }
    e = &g->img[slot];
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    free(e->path);
    memset(e, 0, sizeof *e);
    e->path = malloc(strlen(path) + 1);
    if (!e->path)
        return NULL;
    strcpy(e->path, path);
    e->used = ++g->tick;
    e->tex = IMG_LoadTexture(g->r, path);
    if (!e->tex) {
        log_warn("image %s: %s (drawing a placeholder)", path, IMG_GetError());
    } else {
        g->created++;
        SDL_QueryTexture(e->tex, NULL, NULL, &e->w, &e->h);
    }
    return e;
}

int gfx_image(Gfx *g, const char *path, int x, int y, int w, int h)
{
    ImageEntry *e = NULL;
    const char *base = NULL;
    if (!g || w <= 0 || h <= 0)
        return 0;
    if (path && strlen(path) < GFX_MAX_PATH)
        e = image_entry(g, path);
    else if (path)
        log_warn("image path too long (drawing a placeholder)");
    if (e && e->tex && e->w > 0 && e->h > 0) {
        SDL_Rect dst;
        float sx = (float)w / (float)e->w, sy = (float)h / (float)e->h;
        float s = sx < sy ? sx : sy;
        dst.w = (int)((float)e->w * s);
        dst.h = (int)((float)e->h * s);
        dst.x = x + (w - dst.w) / 2;
        dst.y = y + (h - dst.h) / 2;
        SDL_RenderCopy(g->r, e->tex, NULL, &dst);
        return 1;
    }
    gfx_round_rect(g, x, y, w, h, gfx_px(g, THEME_RADIUS), THEME_RGB(THEME_PANEL));
    gfx_round_frame(g, x, y, w, h, gfx_px(g, THEME_RADIUS), gfx_px(g, 3), THEME_RGB(THEME_LINE));
    base = path ? strrchr(path, '/') : NULL;
    base = base ? base + 1 : (path ? path : "?");
    if (gfx_line_height(g, THEME_TEXT_SMALL) < h)
        gfx_text(g, x + gfx_px(g, 12), y + (h - gfx_line_height(g, THEME_TEXT_SMALL)) / 2,
                 w - gfx_px(g, 24), base, THEME_TEXT_SMALL, THEME_RGB(THEME_FAINT),
                 GFX_ALIGN_CENTER);
    return 0;
}

/* ---- QR ---------------------------------------------------------------- */

int gfx_qr(Gfx *g, const char *text, int x, int y, int size)
{
#ifdef SPECTACTOR_HAVE_QRENCODE
    QRcode *q = NULL;
    int n = 0, m = 0, side = 0, i = 0, j = 0;
    if (!g || !text || !*text || strlen(text) > QR_MAX_TEXT)
        return 0;
    q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return 0;
    n = q->width + 8; /* 4-module quiet zone on each side */
    m = size / n;
    if (m < 1) {
        QRcode_free(q);
        return 0;
    }
    side = m * n;
    x += (size - side) / 2; /* centred in the square it was given */
    y += (size - side) / 2;
    gfx_fill_rect(g, x, y, side, side, THEME_RGB(THEME_QR_LIGHT));
    set_color(g, THEME_RGB(THEME_QR_DARK));
    for (i = 0; i < q->width; i++) {
        for (j = 0; j < q->width; j++) {
            if (q->data[i * q->width + j] & 1) {
                SDL_Rect rc = {x + (j + 4) * m, y + (i + 4) * m, m, m};
                SDL_RenderFillRect(g->r, &rc);
            }
        }
    }
    QRcode_free(q);
    return side;
#else
    (void)g;
    (void)text;
    (void)x;
    (void)y;
    (void)size;
    return 0;
#endif
}

/* ---- screenshots ------------------------------------------------------- */

int gfx_save_png(SDL_Renderer *r, int w, int h, const char *path, Err *err)
{
    SDL_Surface *s = NULL;
    int y = 0, x = 0, rc = 0;
    if (!r || w < 1 || h < 1 || !path)
        return err_set(err, ERR_INVALID, "gfx_save_png: bad arguments");
    s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return err_set(err, ERR_NOMEM, "cannot create %dx%d surface: %s", w, h, SDL_GetError());
    if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0) {
        rc = err_set(err, ERR_IO, "cannot read pixels: %s", SDL_GetError());
        goto done;
    }
    /* The frame is opaque whatever the target surface did with alpha. */
    for (y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)((unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (x = 0; x < w; x++)
            row[x] |= 0xFF000000u;
    }
    if (IMG_SavePNG(s, path) != 0)
        rc = err_set(err, ERR_IO, "cannot write %s: %s", path, IMG_GetError());
done:
    SDL_FreeSurface(s);
    return rc;
}

/* An offscreen Gfx owns its surface and renderer (gfx_new_offscreen). */
typedef struct Offscreen {
    SDL_Surface *surf;
    SDL_Renderer *ren;
} Offscreen;
static Offscreen offscreen;

Gfx *gfx_new_offscreen(int w, int h, const char *font_dir, Err *err)
{
    Gfx *g = NULL;
    assert(!offscreen.ren);
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        err_set(err, ERR_IO, "SDL: %s", SDL_GetError());
        return NULL;
    }
    offscreen.surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    offscreen.ren = offscreen.surf ? SDL_CreateSoftwareRenderer(offscreen.surf) : NULL;
    if (!offscreen.ren)
        err_set(err, ERR_NOMEM, "SDL: %s", SDL_GetError());
    else
        g = gfx_new(offscreen.ren, w, h, font_dir, err);
    if (!g)
        gfx_free_offscreen(NULL);
    return g;
}

void gfx_free_offscreen(Gfx *g)
{
    gfx_free(g);
    if (offscreen.ren)
        SDL_DestroyRenderer(offscreen.ren);
    if (offscreen.surf)
        SDL_FreeSurface(offscreen.surf);
    memset(&offscreen, 0, sizeof offscreen);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}
