/* gfx.h - the drawing interface: fonts, cached text, shapes, lines, clipping,
 * images, QR.  Screens (engine/views) draw only through it; it names no SDL
 * type (render_sdl.h creates a Gfx on an SDL_Renderer).
 *
 * A Gfx draws on a renderer of a w x h frame.  Every size passed in is in
 * frame pixels; gfx_px() turns design pixels (1920x1080, theme.h) into frame
 * pixels.  Text is wrapped with render/layout.h and each wrapped line is a
 * texture kept in an LRU cache keyed by (text, style, colour), so redrawing
 * an unchanged frame creates no textures (gfx_textures_created() counts
 * them, for tests).  Widths (text, style) and wrapped lines (text, style,
 * width) are remembered in LRU caches too (render/layout.h LayoutCache), so
 * an unchanged frame shapes no text either (gfx_cache_stats(), for tests);
 * gfx_resize forgets them.  Works with any renderer, including a software renderer
 * on an SDL_Surface for headless screenshots.  Main thread only.
 */
#ifndef RENDER_GFX_H
#define RENDER_GFX_H

#include <stddef.h>

#include "core/err.h"
#include "render/theme.h"

#define GFX_TEXT_CACHE_MAX 256 /* cached line textures */
#define GFX_IMAGE_CACHE_MAX 32 /* cached images (and remembered failures) */
#define GFX_MAX_PATH 1024      /* bytes in a font or image path */
#define GFX_MAX_TEXT 8192      /* bytes of text drawn by one gfx_text call */
#define GFX_MEASURE_CACHE_MAX 4096           /* remembered text widths */
#define GFX_MEASURE_CACHE_BYTES (1L << 20)   /* bytes of text they keep */
#define GFX_WRAP_CACHE_MAX 512               /* remembered wrapped texts */
#define GFX_WRAP_CACHE_BYTES (1L << 20)      /* bytes of text and lines they keep */

typedef struct Gfx Gfx;

typedef enum { GFX_ALIGN_LEFT, GFX_ALIGN_CENTER, GFX_ALIGN_RIGHT } GfxAlign;

/* A rectangle and a point in frame pixels. */
typedef struct GfxRect {
    int x, y, w, h;
} GfxRect;

typedef struct GfxPoint {
    int x, y;
} GfxPoint;

/* Adapts to a new frame size: reopens the fonts at the new scale and drops
 * the text, measure and wrap caches.  Returns 0 or a negative code (the Gfx keeps its old
 * fonts and size on failure). */
int gfx_resize(Gfx *g, int w, int h, Err *err);

/* Frees fonts, cached textures and images; NULL is fine. */
void gfx_free(Gfx *g);

int gfx_width(const Gfx *g);
int gfx_height(const Gfx *g);
float gfx_scale(const Gfx *g);
/* Design pixels (1920x1080) to frame pixels; at least 1 for a positive input. */
int gfx_px(const Gfx *g, int design_px);

/* Line height in frame pixels of a style. */
int gfx_line_height(const Gfx *g, ThemeText style);
/* Width in frame pixels of s[0..n) in a style (one line, no wrapping). */
int gfx_measure(Gfx *g, const char *s, size_t n, ThemeText style);
/* Height of text wrapped to maxw in a style, without drawing it. */
int gfx_text_height(Gfx *g, int maxw, const char *text, ThemeText style);
/* Widest line of text wrapped to maxw. */
int gfx_text_width(Gfx *g, int maxw, const char *text, ThemeText style);

/* Draws text wrapped to maxw with its top-left corner at (x, y), each line
 * aligned inside [x, x+maxw).  Returns the height drawn (lines * line
 * height); 0 for NULL or empty text.  Text longer than GFX_MAX_TEXT is cut
 * at a code point boundary. */
int gfx_text(Gfx *g, int x, int y, int maxw, const char *text, ThemeText style, ThemeColor c,
             GfxAlign align);

/* Shapes.  Colours with alpha < 255 are blended. */
void gfx_clear(Gfx *g, ThemeColor c);
void gfx_fill_rect(Gfx *g, int x, int y, int w, int h, ThemeColor c);
void gfx_round_rect(Gfx *g, int x, int y, int w, int h, int radius, ThemeColor c);
/* An outline of thickness t drawn inside the rectangle, rounded. */
void gfx_round_frame(Gfx *g, int x, int y, int w, int h, int radius, int t, ThemeColor c);
void gfx_circle(Gfx *g, int cx, int cy, int radius, ThemeColor c);
/* A horizontal bar: track of width w, filled frac (0..1) from the left. */
void gfx_bar(Gfx *g, int x, int y, int w, int h, float frac, ThemeColor fill, ThemeColor track);

/* Lines and triangles are drawn opaque (the colour's alpha is ignored). */
/* A polyline through p[0..n) of thickness t: each segment is t parallel
 * one-pixel lines across its main direction, and inner corners of lines
 * thicker than 2 are filled with a t x t square.  dash > 0 draws every other
 * dash of that many pixels, the pattern carried on around corners. */
void gfx_polyline(Gfx *g, const GfxPoint *p, int n, int t, int dash, ThemeColor c);
/* A filled triangle through (x0, y0), (x1, y1), (x2, y2), in frame pixels
 * with sub-pixel precision. */
void gfx_triangle(Gfx *g, float x0, float y0, float x1, float y1, float x2, float y2,
                  ThemeColor c);

/* Clipping: drawing lands only inside r (a width or height below 1 clips
 * everything away); NULL removes the clip. */
void gfx_clip(Gfx *g, const GfxRect *r);
/* The clip now in force into *out; returns 1, or 0 (and *out zeroed) when
 * there is none. */
int gfx_clip_get(const Gfx *g, GfxRect *out);
/* The intersection of a and b into *out; returns 0 (and *out zero-sized)
 * when they do not overlap or either is empty. */
int gfx_rect_intersect(const GfxRect *a, const GfxRect *b, GfxRect *out);

/* A chat bubble of at most maxw wide at (x, y): optional header (sender,
 * small bold in hc), text, optional footer (time, small, right).  right=1
 * aligns the bubble to x+maxw with its tail on the right.  With draw=0 only
 * measures.  Returns its height. */
int gfx_bubble(Gfx *g, int x, int y, int maxw, const char *header, ThemeColor hc,
               const char *text, const char *footer, ThemeColor bg, ThemeColor fg, int right,
               int draw);
/* The same bubble, smaller (small text, tighter padding): for a phone
 * flooded with messages. */
int gfx_bubble_compact(Gfx *g, int x, int y, int maxw, const char *header, ThemeColor hc,
                       const char *text, const char *footer, ThemeColor bg, ThemeColor fg,
                       int right, int draw);

/* Draws the image at path scaled to fit (x, y, w, h), keeping its aspect
 * ratio, centred.  A missing or unreadable image draws a placeholder box
 * with the file name and logs one warning; it is not an error.  Returns 1
 * if the image was drawn, 0 for the placeholder. */
int gfx_image(Gfx *g, const char *path, int x, int y, int w, int h);

/* Draws a QR code of text as black-on-white modules with a 4-module quiet
 * zone, as large as fits in a size x size square at (x, y) and centred in
 * it, with integer module sizes so it stays crisp.  Returns the side drawn, or 0 when the
 * text cannot be encoded or the build has no libqrencode (nothing drawn). */
int gfx_qr(Gfx *g, const char *text, int x, int y, int size);

/* Textures created since gfx_new (text lines and images), for tests. */
unsigned long gfx_textures_created(const Gfx *g);
/* Entries in the text cache now. */
int gfx_text_cache_count(const Gfx *g);

/* The text log, for tests of what is drawn: every line gfx_text draws
 * (after wrapping) is reported with its rectangle (the line's box: its
 * width and the style's line height) and how much of it the clip and the
 * frame let through. */
typedef enum {
    GFX_SEEN_ALL,  /* wholly inside the clip and the frame */
    GFX_SEEN_CUT,  /* partly outside */
    GFX_SEEN_NONE  /* wholly outside: nothing of it reaches the frame */
} GfxSeen;

typedef struct GfxTextDrawn {
    const char *s; /* the line's bytes, not NUL-terminated; valid during the call */
    size_t n;
    GfxRect box;
    ThemeText style;
    ThemeColor color;
    GfxSeen seen;
} GfxTextDrawn;

typedef void (*GfxTextLogFn)(void *ud, const GfxTextDrawn *t);

/* Reports every line drawn from now on to fn(ud, ...); NULL fn stops. */
void gfx_text_log_set(Gfx *g, GfxTextLogFn fn, void *ud);

/* Counters of the measure and wrap caches, for tests. */
typedef struct GfxCacheStats {
    unsigned long measure_hits, measure_misses; /* gfx_measure and wrapping */
    unsigned long wrap_hits, wrap_misses;       /* gfx_text, _height, _width, _bubble */
    int measure_count, wrap_count;              /* results held now */
    unsigned long evictions;                    /* results dropped by either cap */
    unsigned long clears;                       /* times they were emptied (gfx_resize) */
} GfxCacheStats;

/* Fills *out (zeros for a NULL g). */
void gfx_cache_stats(const Gfx *g, GfxCacheStats *out);

#endif
