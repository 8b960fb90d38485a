/* views_welcome.c - the welcome screen: title, content note, call to action and the
 * join block (QR code, address, room code) or why phones cannot join. */
#include "views/views_internal.h"

#include <stdio.h>
#include <string.h>

int views_welcome_left_w(Gfx *g, int has_join)
{
    Rect a = safe_area(g);
    return has_join ? a.w - gfx_px(g, 560) - gfx_px(g, 90) : a.w;
}

static void draw_join_block(Gfx *g, const ShowView *v, Rect r)
{
    int y = r.y, qr = 0, side = 0;
    int text_h = lh(g, THEME_TEXT_CAPTION) * 2 + lh(g, THEME_TEXT_BODY_BOLD) * 2 +
                 lh(g, THEME_TEXT_HEADING) + gfx_px(g, 60);
    qr = r.h - text_h;
    if (qr > r.w)
        qr = r.w;
    if (qr < 0)
        qr = 0;
    if (qr > 0) {
        side = gfx_qr(g, v->join_url, r.x + (r.w - qr) / 2, y, qr);
        if (side > 0)
            y += qr + gfx_px(g, 28);
    }
    y += gfx_text(g, r.x, y, r.w, ui(v, UI_JOIN_AT), THEME_TEXT_CAPTION, rgb(THEME_DIM),
                  GFX_ALIGN_CENTER);
    {
        /* what a pupil types: the address alone; the room code follows below */
        char addr[128];
        views_join_addr(v->join_url, v->room_code && *v->room_code, addr, sizeof addr);
        y += views_text_line(g, (Rect){r.x, y, r.w, lh(g, THEME_TEXT_BODY_BOLD)}, addr,
                             THEME_TEXT_BODY_BOLD, rgb(THEME_TEXT), GFX_ALIGN_CENTER);
    }
    if (v->room_code && *v->room_code) {
        y += gfx_px(g, 12);
        y += gfx_text(g, r.x, y, r.w, ui(v, UI_ROOM_CODE), THEME_TEXT_CAPTION, rgb(THEME_DIM),
                      GFX_ALIGN_CENTER);
        gfx_text(g, r.x, y, r.w, v->room_code, THEME_TEXT_HEADING, rgb(THEME_ACCENT),
                 GFX_ALIGN_CENTER);
    }
}

void views_draw_welcome(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g);
    int has_join = v->join_url && *v->join_url;
    int has_lan = !has_join && v->lan_problem && *v->lan_problem;
    int lw = views_welcome_left_w(g, has_join || has_lan);
    int x = a.x, y = a.y + gfx_px(g, 20), bottom = 0, cta_h = 0, note_h = 0, avail = 0;
    const char *title = v->sc ? tx(v, &v->sc->title) : ui(v, UI_NO_SCENARIO);
    const char *sub = v->sc ? tx(v, &v->sc->subtitle) : "";
    const char *note = v->sc ? tx(v, &v->sc->content_note) : "";
    const char *start = v->resume_offer ? v->resume_offer : ui(v, UI_PRESS_TO_START);
    ThemeText st;
    int pad = gfx_px(g, 36);

    gfx_fill_rect(g, x, y, gfx_px(g, 140), gfx_px(g, 12), rgb(THEME_ACCENT));
    y += gfx_px(g, 44);
    st = views_fit_style(g, title, lw, lh(g, THEME_TEXT_TITLE) * 2, THEME_TEXT_TITLE);
    y += gfx_text(g, x, y, lw, title, st, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    if (*sub) {
        y += gfx_px(g, 8);
        y += gfx_text(g, x, y, lw, sub, THEME_TEXT_BODY, rgb(THEME_DIM), GFX_ALIGN_LEFT);
    }
    y += gfx_px(g, 48);

    /* Call to action at the bottom of the left column. */
    cta_h = lh(g, THEME_TEXT_BODY_BOLD) + gfx_px(g, 36);
    bottom = a.y + a.h - cta_h;
    {
        int cw = gfx_measure(g, start, strlen(start), THEME_TEXT_BODY_BOLD) + gfx_px(g, 72);
        if (cw > lw)
            cw = lw;
        gfx_round_rect(g, x, bottom, cw, cta_h, cta_h / 2, rgb(THEME_ACCENT));
        gfx_text(g, x + gfx_px(g, 36), bottom + gfx_px(g, 18), cw - gfx_px(g, 72), start,
                 views_fit_style(g, start, cw - gfx_px(g, 72), lh(g, THEME_TEXT_BODY_BOLD),
                                 THEME_TEXT_BODY_BOLD),
                 rgb(THEME_ACCENT_TEXT), GFX_ALIGN_LEFT);
    }

    if (*note) {
        Rect nr;
        int label_h = lh(g, THEME_TEXT_SMALL_BOLD) + gfx_px(g, 10);
        avail = bottom - gfx_px(g, 48) - y - 2 * pad - label_h;
        st = views_fit_style(g, note, lw - 2 * pad - gfx_px(g, 12), avail, THEME_TEXT_BODY);
        note_h = gfx_text_height(g, lw - 2 * pad - gfx_px(g, 12), note, st);
        if (note_h > avail)
            note_h = avail;
        nr.x = x;
        nr.y = y;
        nr.w = lw;
        nr.h = note_h + 2 * pad + label_h;
        if (nr.h > 0) {
            gfx_round_rect(g, nr.x, nr.y, nr.w, nr.h, gfx_px(g, 22), rgb(THEME_PANEL));
            gfx_fill_rect(g, nr.x, nr.y + gfx_px(g, 22), gfx_px(g, 12), nr.h - gfx_px(g, 44),
                          rgb(THEME_ACCENT));
            gfx_text(g, x + pad + gfx_px(g, 12), y + pad, lw, ui(v, UI_CONTENT_NOTE),
                     THEME_TEXT_SMALL_BOLD, rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
            nr.y = y + pad + label_h;
            nr.h = note_h;
            clip(g, &nr);
            gfx_text(g, x + pad + gfx_px(g, 12), y + pad + label_h, lw - 2 * pad - gfx_px(g, 12),
                     note, st, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
            clip(g, NULL);
        }
    }

    if (has_join) {
        Rect jr;
        jr.w = gfx_px(g, 560);
        jr.x = a.x + a.w - jr.w;
        jr.y = a.y + gfx_px(g, 20);
        jr.h = a.h - gfx_px(g, 20);
        draw_join_block(g, v, jr);
    } else if (has_lan) {
        /* no phones today: say why where the join block would be */
        Rect lr;
        int p2 = gfx_px(g, 32), th = 0, hh = 0;
        ThemeText ls;
        lr.w = gfx_px(g, 560);
        lr.x = a.x + a.w - lr.w;
        lr.y = a.y + gfx_px(g, 20);
        hh = gfx_text_height(g, lr.w - 2 * p2, ui(v, UI_NO_LAN), THEME_TEXT_BODY_BOLD);
        ls = views_fit_style(g, v->lan_problem, lr.w - 2 * p2, a.h / 2, THEME_TEXT_CAPTION);
        th = gfx_text_height(g, lr.w - 2 * p2, v->lan_problem, ls);
        if (th > a.h / 2)
            th = a.h / 2;
        lr.h = 2 * p2 + hh + gfx_px(g, 12) + th;
        gfx_round_rect(g, lr.x, lr.y, lr.w, lr.h, gfx_px(g, 22), rgb(THEME_PANEL));
        gfx_round_frame(g, lr.x, lr.y, lr.w, lr.h, gfx_px(g, 22), gfx_px(g, 3),
                        rgb(THEME_WARNING));
        gfx_text(g, lr.x + p2, lr.y + p2, lr.w - 2 * p2, ui(v, UI_NO_LAN), THEME_TEXT_BODY_BOLD,
                 rgb(THEME_WARNING), GFX_ALIGN_LEFT);
        clip(g, &(Rect){lr.x, lr.y, lr.w, lr.h - p2});
        gfx_text(g, lr.x + p2, lr.y + p2 + hh + gfx_px(g, 12), lr.w - 2 * p2, v->lan_problem, ls,
                 rgb(THEME_TEXT), GFX_ALIGN_LEFT);
        clip(g, NULL);
    }
}

