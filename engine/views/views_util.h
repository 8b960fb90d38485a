/* views_util.h - the drawing helpers every view file shares: rectangles in
 * frame pixels, the safe area inside the theme's margins, clipping, palette
 * colours, line heights, the scenario's texts in the view's language, text
 * styles that fit, chips, panels and the key-hint footer.  Internal to
 * engine/views; everything draws through render/gfx.h.
 */
#ifndef VIEWS_VIEWS_UTIL_H
#define VIEWS_VIEWS_UTIL_H

#include "render/gfx.h"
#include "render/theme.h"
#include "show/show.h"
#include "show/ui_text.h"

typedef GfxRect Rect;

static inline ThemeColor rgb(unsigned hex)
{
    return THEME_RGB(hex);
}

static inline ThemeColor with_alpha(ThemeColor c, unsigned char a)
{
    c.a = a;
    return c;
}

static inline int lh(Gfx *g, ThemeText s)
{
    return gfx_line_height(g, s);
}

/* A text of the scenario in the view's language ("" for NULL). */
static inline const char *tx(const ShowView *v, const StoryText *t)
{
    return t ? story_text(t, v->lang) : "";
}

/* An interface string (show/ui_text.h) in the view's language. */
static inline const char *ui(const ShowView *v, UiTextId id)
{
    return ui_text(v->ui_en, id);
}

/* The frame inside the theme's safe margins. */
static inline Rect safe_area(Gfx *g)
{
    Rect r;
    int fw = gfx_width(g), fh = gfx_height(g);
    r.x = theme_margin_x(fw);
    r.y = theme_margin_y(fh);
    r.w = fw - 2 * r.x;
    r.h = fh - 2 * r.y;
    return r;
}

/* Clips drawing to r (NULL: no clip; a negative size clips everything). */
static inline void clip(Gfx *g, const Rect *r)
{
    gfx_clip(g, r);
}

/* The largest style from `start` down whose text wrapped to w fits maxh;
 * `start` itself when w < 1 (nothing can fit a column that narrow). */
ThemeText views_fit_style(Gfx *g, const char *text, int w, int maxh, ThemeText start);

/* Text drawn inside r only (cut at its edges), within any clip already set,
 * which is restored afterwards.  Returns the height drawn, at most r.h;
 * 0 for an empty r. */
int views_text_in(Gfx *g, Rect r, const char *text, ThemeText st, ThemeColor c, GfxAlign al);

/* Key hints (ui id) for the facilitator along the bottom of the safe area,
 * and the height they take with their gap. */
void views_footer(Gfx *g, const ShowView *v, UiTextId id);
int views_footer_h(Gfx *g);

/* A rounded label at (x, y) in style st (padding by style); returns its
 * width.  views_chip: in THEME_TEXT_SMALL_BOLD. */
int views_chip_st(Gfx *g, int x, int y, const char *text, ThemeColor bg, ThemeColor fg,
                  ThemeText st);
int views_chip(Gfx *g, int x, int y, const char *text, ThemeColor bg, ThemeColor fg);
/* Height of a chip in style st; views_chip_h: in THEME_TEXT_SMALL_BOLD. */
int views_chip_h_st(Gfx *g, ThemeText st);
int views_chip_h(Gfx *g);

/* The dark veil under an overlay panel, over the whole frame. */
void views_backdrop(Gfx *g);
/* A centred overlay panel of wpct% x hpct% of the safe area (drawn when
 * draw != 0); returns the rectangle inside its padding. */
Rect views_panel_at(Gfx *g, int wpct, int hpct, int draw);
Rect views_panel(Gfx *g, int wpct, int hpct);

/* The current beat, or NULL (no scenario or an index out of range). */
const StoryBeat *views_cur_beat(const ShowView *v);
/* A beat's title, else its place, else its id; "" out of range. */
const char *views_beat_label(const ShowView *v, int beat);
/* A cast member's name; "" out of range. */
const char *views_cast_name(const ShowView *v, int i);

/* The word and colour of signal option i (OK, warning, stalking). */
UiTextId views_signal_text(int i);
ThemeColor views_signal_color(int i);

/* The prompt of the interaction or stop poll on screen: its own text, else
 * the scenario's stop question (stop poll), else the signal question. */
const char *views_interaction_prompt(const ShowView *v);

/* The join address as a pupil types it into out (n bytes): without the
 * scheme, and without the query when the room code is shown beside it
 * (code_shown). */
void views_join_addr(const char *url, int code_shown, char *out, size_t n);
/* Draws text on one line in r, never wrapped: the largest style from
 * `start` down whose width fits r.w; at the smallest style a longer text
 * keeps its own width, centred on r.  Returns the line height. */
int views_text_line(Gfx *g, Rect r, const char *text, ThemeText start, ThemeColor c, GfxAlign al);
/* The labels form (school, grade, municipality) over the whole frame:
 * views_measure.c draws it for the projector and the presenter's window. */
void views_draw_labels(Gfx *g, const ShowView *v);

#endif
