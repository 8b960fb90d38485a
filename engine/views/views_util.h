/* views_util.h - small drawing helpers shared by the view files (views.c,
 * views_eval.c, views_presenter.c): rectangles in frame pixels, the safe
 * area inside the theme's margins, clipping, palette colours and line
 * heights.  Internal to engine/app; static inline, so nothing to link. */
#ifndef APP_VIEWS_UTIL_H
#define APP_VIEWS_UTIL_H

#include <SDL.h>

#include "show/show.h"
#include "render/render_sdl.h"
#include "render/theme.h"

typedef struct Rect {
    int x, y, w, h;
} Rect;

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

/* Clips drawing to r (NULL: no clip). */
static inline void clip(Gfx *g, const Rect *r)
{
    SDL_Rect rc;
    if (!r) {
        SDL_RenderSetClipRect(gfx_renderer(g), NULL);
        return;
    }
    rc.x = r->x;
    rc.y = r->y;
    rc.w = r->w > 0 ? r->w : 0;
    rc.h = r->h > 0 ? r->h : 0;
    SDL_RenderSetClipRect(gfx_renderer(g), &rc);
}

#endif
