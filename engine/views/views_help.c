/* views_help.c - the help card: contacts (name, big phone number, web,
 * what they help with) shrunk until they fit, alone or as the full-screen
 * help overlay. */
#include "views/views_internal.h"

#include <assert.h>
#include <string.h>

/* Text styles of a help card, from the biggest to the smallest. */
static const ThemeText contact_levels[][3] = {
    /* name, phone number, description */
    {THEME_TEXT_HEADING, THEME_TEXT_HUGE, THEME_TEXT_BODY},
    {THEME_TEXT_HEADING, THEME_TEXT_TITLE, THEME_TEXT_BODY},
    {THEME_TEXT_BODY_BOLD, THEME_TEXT_TITLE, THEME_TEXT_CAPTION},
    /* the numbers shrink last: the words around them go small first */
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_TITLE, THEME_TEXT_SMALL},
    {THEME_TEXT_BODY_BOLD, THEME_TEXT_HEADING, THEME_TEXT_CAPTION},
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_HEADING, THEME_TEXT_SMALL},
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_BODY_BOLD, THEME_TEXT_SMALL},
};
#define N_CONTACT_LEVELS ((int)(sizeof contact_levels / sizeof contact_levels[0]))

#define HELP_MAX_COLS 3

/* Lays out (draw=0: measures) the help card contacts in r in `cols`
 * columns with the styles of `level`, each contact in the column that is
 * shortest so far (in order, so they read top to bottom, left to right in
 * turn); returns the height used. */
static int contacts_at(Gfx *g, const ShowView *v, Rect r, int cols, int level, int draw)
{
    const Scenario *sc = v->sc;
    ThemeText name_s = contact_levels[level][0], phone_s = contact_levels[level][1];
    ThemeText text_s = contact_levels[level][2];
    int i = 0, k = 0, gap = gfx_px(g, 28), h = 0, col_y[HELP_MAX_COLS] = {0, 0, 0};
    int cw = (r.w - gap * (cols - 1)) / cols, pad = gfx_px(g, level < 2 ? 36 : 26);
    assert(sc != NULL && cols >= 1 && cols <= HELP_MAX_COLS);
    assert(level >= 0 && level < N_CONTACT_LEVELS);
    for (i = 0; i < sc->n_contacts; i++) {
        const StoryContact *c = &sc->contacts[i];
        int col = 0, ch = 2 * pad, x = 0, y = 0;
        for (k = 1; k < cols; k++)
            if (col_y[k] < col_y[col])
                col = k;
        x = r.x + col * (cw + gap);
        y = r.y + col_y[col];
        const char *text = tx(v, &c->text);
        ch += gfx_text_height(g, cw - 2 * pad, tx(v, &c->name), name_s);
        if (c->phone) {
            /* a phone number is read as one piece: never wrapped */
            if (!draw && level < N_CONTACT_LEVELS - 1 &&
                gfx_measure(g, c->phone, strlen(c->phone), phone_s) > cw - 2 * pad)
                return 1 << 29;
            ch += gfx_text_height(g, cw - 2 * pad, c->phone, phone_s);
        }
        if (c->web)
            ch += gfx_text_height(g, cw - 2 * pad, c->web, text_s);
        if (*text)
            ch += gfx_text_height(g, cw - 2 * pad, text, text_s);
        if (draw) {
            gfx_round_rect(g, x, y, cw, ch, gfx_px(g, 22), rgb(THEME_PANEL));
            gfx_fill_rect(g, x, y + gfx_px(g, 22), gfx_px(g, 10), ch - gfx_px(g, 44),
                          rgb(THEME_ACCENT));
            y += pad;
            y += gfx_text(g, x + pad, y, cw - 2 * pad, tx(v, &c->name), name_s, rgb(THEME_TEXT),
                          GFX_ALIGN_LEFT);
            if (c->phone)
                y += gfx_text(g, x + pad, y, cw - 2 * pad, c->phone, phone_s, rgb(THEME_ACCENT),
                              GFX_ALIGN_LEFT);
            if (c->web)
                y += gfx_text(g, x + pad, y, cw - 2 * pad, c->web, text_s, rgb(THEME_PHONES),
                              GFX_ALIGN_LEFT);
            if (*text)
                gfx_text(g, x + pad, y, cw - 2 * pad, text, text_s, rgb(THEME_DIM),
                         GFX_ALIGN_LEFT);
        }
        col_y[col] += ch + gap;
        if (col_y[col] - gap > h)
            h = col_y[col] - gap;
    }
    return h;
}

/* The most columns of contacts that r is wide enough for. */
static int max_cols(Gfx *g, const ShowView *v, Rect r)
{
    int cols = 1;
    while (cols < HELP_MAX_COLS && cols < v->sc->n_contacts &&
           r.w >= (cols + 1) * gfx_px(g, 520))
        cols++;
    return cols;
}

/* Help card contacts in r: name, big phone number, web, what they help
 * with.  Starts at level `first` with one column, then more columns as r's
 * width allows, then smaller levels, until they fit; when none fits, the
 * layout of the smallest level that is least tall (clipped by the caller's
 * clip rectangle). */
static void draw_contacts(Gfx *g, const ShowView *v, Rect r, int first)
{
    int level = first, cols = 1, most = 0, best_cols = 1, best_h = 1 << 30, h = 0;
    if (!v->sc || v->sc->n_contacts <= 0)
        return;
    most = max_cols(g, v, r);
    for (; level < N_CONTACT_LEVELS; level++) {
        for (cols = 1; cols <= most; cols++) {
            h = contacts_at(g, v, r, cols, level, 0);
            if (h <= r.h) {
                contacts_at(g, v, r, cols, level, 1);
                return;
            }
            if (level == N_CONTACT_LEVELS - 1 && h < best_h) {
                best_h = h;
                best_cols = cols;
            }
        }
    }
    contacts_at(g, v, r, best_cols, N_CONTACT_LEVELS - 1, 1);
}

static void draw_help_card(Gfx *g, const ShowView *v, Rect r, int title_style, int first_level)
{
    const char *title = v->sc ? tx(v, &v->sc->help_title) : "";
    int y = r.y;
    Rect cr;
    if (!*title)
        title = ui(v, UI_HELP);
    y += gfx_text(g, r.x, y, r.w, title, (ThemeText)title_style, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    y += gfx_px(g, 24);
    cr.x = r.x;
    cr.y = y;
    cr.w = r.w;
    cr.h = r.y + r.h - y;
    clip(g, &cr);
    draw_contacts(g, v, cr, first_level);
    clip(g, NULL);
}

void views_draw_help_overlay(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g);
    gfx_fill_rect(g, a.x, a.y, gfx_px(g, 140), gfx_px(g, 12), rgb(THEME_ACCENT));
    a.y += gfx_px(g, 44);
    a.h -= gfx_px(g, 44) + views_footer_h(g);
    draw_help_card(g, v, a, THEME_TEXT_TITLE, 0);
    views_footer(g, v, UI_KEYS_OVERLAY);
}

