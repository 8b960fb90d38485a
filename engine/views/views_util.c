/* views_util.c - the drawing helpers the view files share (views_util.h). */
#include "views/views_util.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

ThemeText views_fit_style(Gfx *g, const char *text, int w, int maxh, ThemeText start)
{
    ThemeText s = start;
    for (;;) {
        int next = theme_text_smaller(s);
        if (w < 1 || gfx_text_height(g, w, text, s) <= maxh || next < 0)
            return s;
        s = (ThemeText)next;
    }
}

int views_text_in(Gfx *g, Rect r, const char *text, ThemeText st, ThemeColor c, GfxAlign al)
{
    Rect old, both;
    int had = 0, h = 0;
    if (r.w < 1 || r.h < 1)
        return 0;
    had = gfx_clip_get(g, &old);
    if (had && !gfx_rect_intersect(&old, &r, &both)) {
        h = gfx_text_height(g, r.w, text, st); /* nothing visible: measure only */
        return h < r.h ? h : r.h;
    }
    gfx_clip(g, had ? &both : &r);
    h = gfx_text(g, r.x, r.y, r.w, text, st, c, al);
    gfx_clip(g, had ? &old : NULL);
    return h < r.h ? h : r.h;
}

void views_footer(Gfx *g, const ShowView *v, UiTextId id)
{
    Rect a = safe_area(g);
    int y = a.y + a.h - lh(g, THEME_TEXT_SMALL);
    gfx_text(g, a.x, y, a.w, ui(v, id), THEME_TEXT_SMALL, rgb(THEME_FAINT), GFX_ALIGN_CENTER);
}

int views_footer_h(Gfx *g)
{
    return lh(g, THEME_TEXT_SMALL) + gfx_px(g, THEME_GAP);
}

int views_chip_st(Gfx *g, int x, int y, const char *text, ThemeColor bg, ThemeColor fg,
                  ThemeText st)
{
    int pad = gfx_px(g, st == THEME_TEXT_SMALL_BOLD ? 16 : 28);
    int w = gfx_measure(g, text, strlen(text), st) + 2 * pad;
    int h = views_chip_h_st(g, st);
    gfx_round_rect(g, x, y, w, h, h / 2, bg);
    gfx_text(g, x + pad, y + gfx_px(g, 4), w, text, st, fg, GFX_ALIGN_LEFT);
    return w;
}

int views_chip(Gfx *g, int x, int y, const char *text, ThemeColor bg, ThemeColor fg)
{
    return views_chip_st(g, x, y, text, bg, fg, THEME_TEXT_SMALL_BOLD);
}

int views_chip_h_st(Gfx *g, ThemeText st)
{
    return lh(g, st) + gfx_px(g, 8);
}

int views_chip_h(Gfx *g)
{
    return views_chip_h_st(g, THEME_TEXT_SMALL_BOLD);
}

void views_backdrop(Gfx *g)
{
    gfx_fill_rect(g, 0, 0, gfx_width(g), gfx_height(g), THEME_RGBA(0x000000, 215));
}

Rect views_panel_at(Gfx *g, int wpct, int hpct, int draw)
{
    Rect a = safe_area(g), r;
    int pad = gfx_px(g, 40);
    assert(wpct > 0 && wpct <= 100 && hpct > 0 && hpct <= 100);
    r.w = a.w * wpct / 100;
    r.h = a.h * hpct / 100;
    r.x = a.x + (a.w - r.w) / 2;
    r.y = a.y + (a.h - r.h) / 2;
    if (draw) {
        gfx_round_rect(g, r.x, r.y, r.w, r.h, gfx_px(g, 28), rgb(THEME_PANEL));
        gfx_round_frame(g, r.x, r.y, r.w, r.h, gfx_px(g, 28), gfx_px(g, 3), rgb(THEME_LINE));
    }
    r.x += pad;
    r.y += pad;
    r.w -= 2 * pad;
    r.h -= 2 * pad;
    return r;
}

Rect views_panel(Gfx *g, int wpct, int hpct)
{
    return views_panel_at(g, wpct, hpct, 1);
}

const StoryBeat *views_cur_beat(const ShowView *v)
{
    if (!v->sc || v->beat < 0 || v->beat >= v->sc->n_beats)
        return NULL;
    return &v->sc->beats[v->beat];
}

const char *views_beat_label(const ShowView *v, int beat)
{
    const StoryBeat *b = NULL;
    const char *s = NULL;
    if (!v->sc || beat < 0 || beat >= v->sc->n_beats)
        return "";
    b = &v->sc->beats[beat];
    s = tx(v, &b->title);
    if (!*s)
        s = tx(v, &b->place);
    if (!*s)
        s = b->id ? b->id : "";
    return s;
}

const char *views_cast_name(const ShowView *v, int i)
{
    if (!v->sc || i < 0 || i >= v->sc->n_cast)
        return "";
    return tx(v, &v->sc->cast[i].name);
}

UiTextId views_signal_text(int i)
{
    return i == STORY_SIGNAL_OK ? UI_SIGNAL_OK
                                : (i == STORY_SIGNAL_WARNING ? UI_SIGNAL_WARNING : UI_SIGNAL_STALKING);
}

ThemeColor views_signal_color(int i)
{
    return rgb(i == STORY_SIGNAL_OK ? THEME_OK
                                    : (i == STORY_SIGNAL_WARNING ? THEME_WARNING : THEME_STALKING));
}

const char *views_interaction_prompt(const ShowView *v)
{
    const char *prompt = tx(v, v->prompt);
    int stop = (v->overlays & SHOW_OV_STOP) != 0;
    if (stop && !*prompt && v->sc)
        prompt = tx(v, &v->sc->stop_question);
    if (!*prompt && (stop || v->ikind == STORY_INT_SIGNAL))
        prompt = ui(v, UI_SIGNAL_QUESTION);
    return prompt;
}

void views_join_addr(const char *url, int code_shown, char *out, size_t n)
{
    char *cut = NULL;
    assert(out && n > 0);
    if (!url)
        url = "";
    if (strncmp(url, "http://", 7) == 0)
        url += 7;
    else if (strncmp(url, "https://", 8) == 0)
        url += 8;
    snprintf(out, n, "%s", url);
    cut = strstr(out, "/?");
    if (cut && code_shown)
        *cut = '\0';
}

int views_text_line(Gfx *g, Rect r, const char *text, ThemeText start, ThemeColor c, GfxAlign al)
{
    ThemeText st = start;
    int tw = 0;
    for (;;) {
        int next = theme_text_smaller(st);
        tw = gfx_measure(g, text, strlen(text), st);
        if (tw <= r.w || next < 0)
            break;
        st = (ThemeText)next;
    }
    if (tw > r.w) /* still too wide: one line all the same, centred */
        gfx_text(g, r.x - (tw - r.w) / 2, r.y, tw + 1, text, st, c, GFX_ALIGN_LEFT);
    else
        gfx_text(g, r.x, r.y, r.w, text, st, c, al);
    return lh(g, st);
}
