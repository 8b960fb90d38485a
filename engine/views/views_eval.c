/* views_eval.c - the evaluation screens on the projector: the invitation
 * (QR code, live count), the kiosk form, and the results with suppression.
 *
 * Laid out for the 1920x1080 design frame like views.c and scaled by the
 * theme; the kiosk's geometry is computed once by kiosk_geom() and shared by
 * drawing and hit testing, so a touch lands on what is drawn.  Its words
 * are the UI_EVAL_* block of show/ui_text.h.
 */
#include "views/views_eval.h"
#include "views/views_util.h"

#include <stdio.h>
#include <string.h>

#include "eval/eval_report.h"

/* ---- words ------------------------------------------------------------------ */

static const char *w(const ShowView *v, UiTextId id) { return ui_text(v && v->ui_en, id); }

/* ---- drawing helpers (the shared ones are in views_util.h) ---------------- */

/* A rounded label cut to maxw (its text clipped inside); returns its width. */
static int chip_in(Gfx *g, int x, int y, int maxw, const char *text, ThemeColor bg, ThemeColor fg,
                ThemeText st)
{
    int pad = gfx_px(g, st == THEME_TEXT_SMALL_BOLD ? 16 : 28);
    int cw = gfx_measure(g, text, strlen(text), st) + 2 * pad;
    int ch = views_chip_h_st(g, st);
    if (cw > maxw)
        cw = maxw;
    gfx_round_rect(g, x, y, cw, ch, ch / 2, bg);
    views_text_in(g, (Rect){x + pad, y + gfx_px(g, 4), cw - 2 * pad, ch}, text, st, fg, GFX_ALIGN_LEFT);
    return cw;
}

/* Key hints along the bottom, clipped to their line. */
static void footer_in(Gfx *g, const char *keys)
{
    Rect a = safe_area(g);
    views_text_in(g, (Rect){a.x, a.y + a.h - lh(g, THEME_TEXT_SMALL), a.w, lh(g, THEME_TEXT_SMALL)},
            keys, THEME_TEXT_SMALL, rgb(THEME_FAINT), GFX_ALIGN_CENTER);
}

/* The accent stroke above a screen title, as on the welcome screen. */
static int title_block(Gfx *g, int x, int y, int maxw, const char *title, ThemeText st)
{
    gfx_fill_rect(g, x, y, gfx_px(g, 140), gfx_px(g, 12), rgb(THEME_ACCENT));
    y += gfx_px(g, 40);
    return gfx_px(g, 40) + views_text_in(g, (Rect){x, y, maxw, lh(g, st) * 2}, title, st,
                                   rgb(THEME_TEXT), GFX_ALIGN_LEFT);
}

/* ---- EVAL: the invitation ----------------------------------------------------- */

#define VE_QR_COL 640 /* design px of the QR column */

void views_draw_eval(Gfx *g, const ShowView *v)
{
    Rect a, left, right;
    int has_url = 0, y = 0, bottom = 0, gap = 0;
    char num[32];
    const char *label = NULL;
    ThemeText st;
    if (!g || !v)
        return;
    gfx_clear(g, rgb(THEME_BG));
    a = safe_area(g);
    has_url = v->join_url && *v->join_url;
    gap = gfx_px(g, 90);
    right.w = gfx_px(g, VE_QR_COL);
    right.x = a.x + a.w - right.w;
    right.y = a.y + gfx_px(g, 10);
    right.h = a.h - views_footer_h(g) - gfx_px(g, 10);
    left.x = a.x;
    left.y = a.y + gfx_px(g, 20);
    left.w = a.w - right.w - gap;
    left.h = a.h - views_footer_h(g) - gfx_px(g, 20);
    bottom = left.y + left.h;

    /* left column: title, what to do, the live count, the kiosk hint, errors */
    y = left.y;
    y += title_block(g, left.x, y, left.w, w(v, UI_EVAL_TITLE), THEME_TEXT_TITLE);
    y += gfx_px(g, 24);
    {
        const char *scan = w(v, has_url ? UI_EVAL_SCAN : UI_EVAL_ANSWER_HERE);
        st = views_fit_style(g, scan, left.w, lh(g, THEME_TEXT_HEADING) * 3, THEME_TEXT_HEADING);
        y += views_text_in(g, (Rect){left.x, y, left.w, bottom - y}, scan, st, rgb(THEME_TEXT),
                     GFX_ALIGN_LEFT);
    }
    y += gfx_px(g, 40);
    snprintf(num, sizeof num, "%d", v->eval_answers > 0 ? v->eval_answers : 0);
    label = w(v, v->eval_answers == 1 ? UI_EVAL_RECEIVED_ONE : UI_EVAL_RECEIVED);
    if (y + lh(g, THEME_TEXT_HUGE) <= bottom) {
        int nw = gfx_measure(g, num, strlen(num), THEME_TEXT_HUGE);
        int hh = lh(g, THEME_TEXT_HUGE), bh = lh(g, THEME_TEXT_HEADING);
        gfx_text(g, left.x, y, left.w, num, THEME_TEXT_HUGE, rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        views_text_in(g, (Rect){left.x + nw + gfx_px(g, 30), y + hh - bh - hh / 6,
                          left.w - nw - gfx_px(g, 30), bh},
                label, THEME_TEXT_HEADING, rgb(THEME_DIM), GFX_ALIGN_LEFT);
        y += hh + gfx_px(g, 20);
    } else {
        char buf[96];
        snprintf(buf, sizeof buf, "%s %s", num, label);
        y += views_text_in(g, (Rect){left.x, y, left.w, bottom - y}, buf, THEME_TEXT_HEADING,
                     rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        y += gfx_px(g, 20);
    }
    if (y + views_chip_h_st(g, THEME_TEXT_BODY_BOLD) <= bottom) {
        chip_in(g, left.x, y, left.w, w(v, UI_EVAL_KIOSK_HINT), rgb(THEME_PANEL_HI), rgb(THEME_TEXT),
             THEME_TEXT_BODY_BOLD);
        y += views_chip_h_st(g, THEME_TEXT_BODY_BOLD) + gfx_px(g, 36);
    }
    if (v->eval_error && *v->eval_error && bottom - y > lh(g, THEME_TEXT_SMALL)) {
        int pad = gfx_px(g, 24), eh = 0;
        Rect er;
        st = views_fit_style(g, v->eval_error, left.w - 2 * pad - gfx_px(g, 12), bottom - y - 2 * pad,
                       THEME_TEXT_BODY_BOLD);
        eh = gfx_text_height(g, left.w - 2 * pad - gfx_px(g, 12), v->eval_error, st);
        er = (Rect){left.x, y, left.w, eh + 2 * pad};
        if (er.y + er.h > bottom)
            er.h = bottom - er.y;
        gfx_round_rect(g, er.x, er.y, er.w, er.h, gfx_px(g, 18), rgb(THEME_PANEL));
        gfx_fill_rect(g, er.x, er.y + gfx_px(g, 12), gfx_px(g, 12), er.h - gfx_px(g, 24),
                      rgb(THEME_ERROR));
        views_text_in(g, (Rect){er.x + pad + gfx_px(g, 12), er.y + pad, er.w - 2 * pad - gfx_px(g, 12),
                          er.h - 2 * pad},
                v->eval_error, st, rgb(THEME_ERROR), GFX_ALIGN_LEFT);
    }

    /* right column: the QR code, the address and the room code */
    if (has_url) {
        int text_h = lh(g, THEME_TEXT_CAPTION) * 2 + lh(g, THEME_TEXT_BODY_BOLD) * 2 +
                     lh(g, THEME_TEXT_TITLE) + gfx_px(g, 60);
        int qr = right.h - text_h, ry = right.y;
        const char *room = v->room_code && *v->room_code ? v->room_code : NULL;
        if (!room)
            qr += lh(g, THEME_TEXT_CAPTION) + lh(g, THEME_TEXT_TITLE);
        if (qr > right.w)
            qr = right.w;
        if (qr > 0 && gfx_qr(g, v->join_url, right.x + (right.w - qr) / 2, ry, qr) > 0)
            ry += qr + gfx_px(g, 20);
        ry += views_text_in(g, (Rect){right.x, ry, right.w, lh(g, THEME_TEXT_CAPTION)},
                      w(v, UI_EVAL_OR_GO_TO), THEME_TEXT_CAPTION, rgb(THEME_DIM), GFX_ALIGN_CENTER);
        {
            char addr[160]; /* one line: what a pupil types, the room code below */
            views_join_addr(v->join_url, room != NULL, addr, sizeof addr);
            ry += views_text_line(g, (Rect){right.x, ry, right.w, lh(g, THEME_TEXT_HEADING)}, addr,
                                  THEME_TEXT_HEADING, rgb(THEME_TEXT), GFX_ALIGN_CENTER);
        }
        if (room) {
            ry += gfx_px(g, 16);
            ry += views_text_in(g, (Rect){right.x, ry, right.w, lh(g, THEME_TEXT_CAPTION)},
                          w(v, UI_EVAL_ROOM), THEME_TEXT_CAPTION, rgb(THEME_DIM), GFX_ALIGN_CENTER);
            views_text_in(g, (Rect){right.x, ry, right.w, lh(g, THEME_TEXT_TITLE)}, room,
                    THEME_TEXT_TITLE, rgb(THEME_ACCENT), GFX_ALIGN_CENTER);
        }
    } else if (v->lan_problem && *v->lan_problem) {
        /* phones cannot join: say why, the kiosk still works (phones
         * switched off on purpose leave no problem: nothing is said) */
        int pad = gfx_px(g, 36), ry = right.y + gfx_px(g, 60);
        const char *why = v->lan_problem && *v->lan_problem ? v->lan_problem : "";
        int th = gfx_text_height(g, right.w - 2 * pad, w(v, UI_EVAL_NO_LAN), THEME_TEXT_BODY_BOLD) +
                 gfx_px(g, 16) + gfx_text_height(g, right.w - 2 * pad, why, THEME_TEXT_CAPTION);
        int ph = th + 2 * pad;
        if (ph > right.h - gfx_px(g, 60))
            ph = right.h - gfx_px(g, 60);
        gfx_round_rect(g, right.x, ry, right.w, ph, gfx_px(g, 24), rgb(THEME_PANEL));
        gfx_round_frame(g, right.x, ry, right.w, ph, gfx_px(g, 24), gfx_px(g, 3),
                        rgb(THEME_LINE));
        ry += pad;
        ry += views_text_in(g, (Rect){right.x + pad, ry, right.w - 2 * pad, ph - 2 * pad},
                      w(v, UI_EVAL_NO_LAN), THEME_TEXT_BODY_BOLD, rgb(THEME_WARNING),
                      GFX_ALIGN_LEFT);
        ry += gfx_px(g, 16);
        views_text_in(g, (Rect){right.x + pad, ry, right.w - 2 * pad, right.y + gfx_px(g, 60) + ph - pad - ry},
                why, THEME_TEXT_CAPTION, rgb(THEME_DIM), GFX_ALIGN_LEFT);
    }
    footer_in(g, w(v, UI_EVAL_KEYS_EVAL));
}

/* ---- KIOSK: one question per screen ------------------------------------------ */

#define VE_BTN_H 110     /* design px: touch buttons */
#define VE_BACK_W 380
#define VE_NEXT_W 440
#define VE_ROW_MIN 96    /* design px: the smallest option row (a finger) */

typedef struct KGeom {
    Rect top;            /* title chip and counter */
    Rect prompt;         /* prompt text */
    ThemeText prompt_st;
    Rect hint;           /* "choose one" / the warning */
    Rect content;        /* options or the text box */
    Rect err;            /* error line */
    Rect back, next;     /* buttons (w = 0 when not shown) */
    Rect keys;           /* keyboard hint between the buttons */
    int n_opt;
    Rect opt[EVAL_MAX_OPTIONS];
    ThemeText opt_st;
    int badge, pad, mark;
} KGeom;

static int kiosk_has_back(const KioskView *k)
{
    return (k->page == KIOSK_PAGE_QUESTION && k->question > 0) || k->page == KIOSK_PAGE_REVIEW ||
           k->page == KIOSK_PAGE_FAILED;
}

static int kiosk_has_next(const KioskView *k)
{
    return k->page == KIOSK_PAGE_QUESTION || k->page == KIOSK_PAGE_REVIEW ||
           k->page == KIOSK_PAGE_FAILED;
}

static int hint_lines_h(Gfx *g, const ShowView *v, int width)
{
    const KioskView *k = v->kiosk;
    if (k->kind == EVAL_TEXT)
        return *k->warning ? gfx_text_height(g, width, k->warning, THEME_TEXT_BODY_BOLD) : 0;
    return lh(g, THEME_TEXT_CAPTION);
}

/* Lays the options out in rows (one or two columns, shrinking the style)
 * inside c; fills gm->opt.  Rows share one height so they read as a list,
 * and are finger-sized (VE_ROW_MIN) when there is room.  Returns 1 if the
 * texts fit; with force, a layout is made anyway (texts cut in their rows). */
static int layout_options(Gfx *g, const KioskView *k, Rect c, KGeom *gm, int force)
{
    static const struct {
        ThemeText st;
        int badge, pad;
    } lv[] = {{THEME_TEXT_BODY, 72, 12},
              {THEME_TEXT_CAPTION, 60, 10},
              {THEME_TEXT_SMALL, 50, 8},
              {THEME_TEXT_SMALL, 44, 4}};
    int nl = (int)(sizeof lv / sizeof lv[0]);
    int attempt = 0, n = k->n_options, gap = gfx_px(g, 10), cgap = gfx_px(g, 24);
    gm->n_opt = n;
    if (n < 1)
        return 1;
    for (attempt = 0; attempt < 2 * nl; attempt++) {
        int l = attempt / 2, cols = attempt % 2 + 1, last = attempt == 2 * nl - 1;
        int rows = (n + cols - 1) / cols;
        int colw = (c.w - (cols - 1) * cgap) / cols;
        int badge = gfx_px(g, lv[l].badge), pad = gfx_px(g, lv[l].pad);
        int text_w = colw - 2 * pad - 2 * badge - 2 * gfx_px(g, 20);
        int need = badge + 2 * pad, avail = 0, rh = 0, i = 0;
        if (cols == 2 && n < 3 && !last)
            continue;
        if (text_w < 1)
            text_w = 1;
        for (i = 0; i < n; i++) {
            int th = gfx_text_height(g, text_w, k->options[i], lv[l].st) + 2 * pad;
            if (th > need)
                need = th;
        }
        avail = (c.h - gap * (rows - 1)) / rows;
        if (need > avail && !(force && last))
            continue;
        rh = need > gfx_px(g, VE_ROW_MIN) ? need : gfx_px(g, VE_ROW_MIN);
        if (rh > avail)
            rh = avail;
        gm->opt_st = lv[l].st;
        gm->badge = badge < rh ? badge : rh;
        gm->pad = pad;
        gm->mark = gm->badge;
        for (i = 0; i < n; i++) {
            int col = cols == 2 ? i / rows : 0, row = cols == 2 ? i % rows : i;
            gm->opt[i] = (Rect){c.x + col * (colw + cgap), c.y + row * (rh + gap), colw, rh};
        }
        return need <= avail;
    }
    return 0;
}

static void kiosk_geom(Gfx *g, const ShowView *v, KGeom *gm)
{
    static const struct {
        ThemeText st;
        int lines;
    } prompts[] = {{THEME_TEXT_HEADING, 3}, {THEME_TEXT_HEADING, 2}, {THEME_TEXT_BODY_BOLD, 2}};
    const KioskView *k = v->kiosk;
    Rect a = safe_area(g);
    int top_y = 0, bottom = 0, btn_h = gfx_px(g, VE_BTN_H), pass = 0, npass = 3;
    int kx0 = 0, kx1 = 0;
    memset(gm, 0, sizeof *gm);
    gm->top = (Rect){a.x, a.y, a.w, lh(g, THEME_TEXT_HEADING)};
    top_y = a.y + gm->top.h + gfx_px(g, 36);
    /* buttons along the bottom edge, the key hint between them */
    bottom = a.y + a.h;
    kx0 = a.x;
    kx1 = a.x + a.w;
    if (kiosk_has_back(k)) {
        gm->back = (Rect){a.x, bottom - btn_h, gfx_px(g, VE_BACK_W), btn_h};
        kx0 = gm->back.x + gm->back.w + gfx_px(g, 24);
    }
    if (kiosk_has_next(k)) {
        gm->next = (Rect){a.x + a.w - gfx_px(g, VE_NEXT_W), bottom - btn_h, gfx_px(g, VE_NEXT_W),
                          btn_h};
        kx1 = gm->next.x - gfx_px(g, 24);
    }
    gm->keys = (Rect){kx0, bottom - btn_h, kx1 - kx0, btn_h};
    bottom -= btn_h + gfx_px(g, 12);
    gm->err = (Rect){a.x, bottom - lh(g, THEME_TEXT_BODY_BOLD), a.w, lh(g, THEME_TEXT_BODY_BOLD)};
    bottom = gm->err.y - gfx_px(g, 8);
    if (k->page != KIOSK_PAGE_QUESTION) {
        gm->content = (Rect){a.x, top_y, a.w, bottom - top_y};
        return;
    }
    if (k->kind == EVAL_TEXT)
        npass = 1;
    /* the prompt shrinks (3 heading lines, 2, then a smaller style) until the
     * options fit */
    for (pass = 0; pass < npass; pass++) {
        int y = top_y, max_prompt = lh(g, prompts[pass].st) * prompts[pass].lines, hint_h = 0;
        if (k->question == 0 && k->intro && *k->intro)
            y += gfx_text_height(g, a.w, k->intro, THEME_TEXT_CAPTION) + gfx_px(g, 12);
        gm->prompt_st = views_fit_style(g, k->prompt, a.w, max_prompt, prompts[pass].st);
        gm->prompt = (Rect){a.x, y, a.w, gfx_text_height(g, a.w, k->prompt, gm->prompt_st)};
        if (gm->prompt.h > max_prompt)
            gm->prompt.h = max_prompt;
        y += gm->prompt.h + gfx_px(g, 10);
        hint_h = hint_lines_h(g, v, a.w);
        gm->hint = (Rect){a.x, y, a.w, hint_h};
        y += hint_h + gfx_px(g, 24);
        gm->content = (Rect){a.x, y, a.w, bottom - y};
        if (k->kind == EVAL_TEXT || layout_options(g, k, gm->content, gm, pass == npass - 1))
            return;
    }
}

static void button(Gfx *g, Rect r, const char *text, int primary)
{
    ThemeColor bg = rgb(primary ? THEME_ACCENT : THEME_PANEL_HI);
    ThemeColor fg = rgb(primary ? THEME_ACCENT_TEXT : THEME_TEXT);
    ThemeText st = THEME_TEXT_HEADING;
    if (r.w < 1)
        return;
    gfx_round_rect(g, r.x, r.y, r.w, r.h, r.h / 2, bg);
    if (gfx_measure(g, text, strlen(text), st) > r.w - gfx_px(g, 40))
        st = THEME_TEXT_BODY_BOLD;
    views_text_in(g, (Rect){r.x + gfx_px(g, 20), r.y + (r.h - lh(g, st)) / 2, r.w - gfx_px(g, 40),
                      lh(g, st)},
            text, st, fg, GFX_ALIGN_CENTER);
}

static void draw_check(Gfx *g, int x, int y, int side, int multi, int on)
{
    int rad = multi ? gfx_px(g, 12) : side / 2;
    if (on) {
        gfx_round_rect(g, x, y, side, side, rad, rgb(THEME_ACCENT));
        gfx_text(g, x, y + (side - lh(g, THEME_TEXT_HEADING)) / 2 + gfx_px(g, 2), side, "✓",
                 side >= lh(g, THEME_TEXT_HEADING) ? THEME_TEXT_HEADING : THEME_TEXT_BODY_BOLD,
                 rgb(THEME_ACCENT_TEXT), GFX_ALIGN_CENTER);
    } else {
        gfx_round_frame(g, x, y, side, side, rad, gfx_px(g, 4), rgb(THEME_FAINT));
    }
}

static void draw_option(Gfx *g, const KioskView *k, const KGeom *gm, int i)
{
    Rect r = gm->opt[i];
    int on = (k->chosen >> i) & 1u, hi = k->highlight == i, rad = gfx_px(g, 20);
    int cy = 0, tx = 0, tw = 0, th = 0;
    char num[8];
    ThemeText num_st = gm->badge >= lh(g, THEME_TEXT_HEADING) ? THEME_TEXT_HEADING
                       : gm->badge >= lh(g, THEME_TEXT_BODY_BOLD) ? THEME_TEXT_BODY_BOLD
                                                                  : THEME_TEXT_SMALL_BOLD;
    gfx_round_rect(g, r.x, r.y, r.w, r.h, rad, rgb(on ? THEME_PANEL_HI : THEME_PANEL));
    if (on)
        gfx_round_frame(g, r.x, r.y, r.w, r.h, rad, gfx_px(g, 6), rgb(THEME_ACCENT));
    else if (hi)
        gfx_round_frame(g, r.x, r.y, r.w, r.h, rad, gfx_px(g, 4),
                        with_alpha(rgb(THEME_ACCENT), 150));
    /* number badge: the key that chooses the option */
    snprintf(num, sizeof num, "%d", i == 9 ? 0 : i + 1);
    cy = r.y + (r.h - gm->badge) / 2;
    gfx_round_rect(g, r.x + gm->pad, cy, gm->badge, gm->badge, gfx_px(g, 16),
                   rgb(on ? THEME_ACCENT : THEME_LINE));
    gfx_text(g, r.x + gm->pad, cy + (gm->badge - lh(g, num_st)) / 2 + gfx_px(g, 2), gm->badge, num,
             num_st, rgb(on ? THEME_ACCENT_TEXT : THEME_TEXT), GFX_ALIGN_CENTER);
    /* the option text, centred vertically */
    tx = r.x + gm->pad + gm->badge + gfx_px(g, 20);
    tw = r.w - 2 * gm->pad - gm->badge - gm->mark - 2 * gfx_px(g, 20);
    th = gfx_text_height(g, tw, k->options[i], gm->opt_st);
    if (th > r.h - 2 * gfx_px(g, 4))
        th = r.h - 2 * gfx_px(g, 4);
    views_text_in(g, (Rect){tx, r.y + (r.h - th) / 2, tw, th}, k->options[i], gm->opt_st,
            rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    /* check mark on the right */
    draw_check(g, r.x + r.w - gm->pad - gm->mark, r.y + (r.h - gm->mark) / 2, gm->mark,
               k->kind == EVAL_MULTI, on);
}

static void draw_text_box(Gfx *g, const ShowView *v, const KGeom *gm)
{
    const KioskView *k = v->kiosk;
    Rect c = gm->content, in;
    int pad = gfx_px(g, 30), rad = gfx_px(g, 24), count_h = lh(g, THEME_TEXT_SMALL);
    int th = 0;
    char buf[EVAL_MAX_TEXT + 8], cnt[64];
    size_t len = strlen(k->text);
    if (c.h < 3 * lh(g, THEME_TEXT_BODY))
        c.h = 3 * lh(g, THEME_TEXT_BODY);
    gfx_round_rect(g, c.x, c.y, c.w, c.h, rad, rgb(THEME_PANEL));
    gfx_round_frame(g, c.x, c.y, c.w, c.h, rad, gfx_px(g, 5), rgb(THEME_ACCENT));
    in = (Rect){c.x + pad, c.y + pad, c.w - 2 * pad, c.h - 2 * pad - count_h - gfx_px(g, 8)};
    if (len == 0) {
        gfx_text(g, in.x, in.y, in.w, "▏", THEME_TEXT_BODY, rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        views_text_in(g, (Rect){in.x + gfx_px(g, 24), in.y, in.w - gfx_px(g, 24), in.h},
                w(v, UI_EVAL_TYPE_HERE), THEME_TEXT_BODY, rgb(THEME_FAINT), GFX_ALIGN_LEFT);
    } else {
        /* the caret follows the text; when the text is taller than the box,
         * its end stays in view */
        snprintf(buf, sizeof buf, "%s▏", k->text);
        th = gfx_text_height(g, in.w, buf, THEME_TEXT_BODY);
        clip(g, &in);
        gfx_text(g, in.x, th > in.h ? in.y + in.h - th : in.y, in.w, buf, THEME_TEXT_BODY,
                 rgb(THEME_TEXT), GFX_ALIGN_LEFT);
        clip(g, NULL);
    }
    {
        size_t i = 0;
        int chars = 0;
        for (i = 0; i < len; i++)
            chars += ((unsigned char)k->text[i] & 0xC0) != 0x80;
        snprintf(cnt, sizeof cnt, "%d / %d %s", chars, k->max_chars, w(v, UI_EVAL_CHARS));
    }
    views_text_in(g, (Rect){in.x, c.y + c.h - pad - count_h, in.w, count_h}, cnt, THEME_TEXT_SMALL,
            rgb(THEME_DIM), GFX_ALIGN_RIGHT);
}

/* A big centred message for the review, saving, thanks and failed pages. */
static void draw_message(Gfx *g, Rect c, const char *icon, ThemeColor icon_c, const char *title,
                         ThemeColor title_c, const char *sub, const char *sub2)
{
    int side = gfx_px(g, 200), h = 0, y = 0;
    ThemeText tst = views_fit_style(g, title, c.w, lh(g, THEME_TEXT_TITLE) * 2, THEME_TEXT_TITLE);
    int th = gfx_text_height(g, c.w, title, tst);
    int sh = sub && *sub ? gfx_text_height(g, c.w, sub, THEME_TEXT_BODY) + gfx_px(g, 24) : 0;
    int s2 = sub2 && *sub2 ? gfx_text_height(g, c.w, sub2, THEME_TEXT_CAPTION) + gfx_px(g, 16) : 0;
    if (!icon || c.h < side + th + sh + s2 + gfx_px(g, 40))
        side = 0;
    h = (side ? side + gfx_px(g, 40) : 0) + th + sh + s2;
    y = c.y + (c.h - h) / 2;
    if (y < c.y)
        y = c.y;
    if (side) {
        gfx_circle(g, c.x + c.w / 2, y + side / 2, side / 2, icon_c);
        gfx_text(g, c.x, y + (side - lh(g, THEME_TEXT_HUGE)) / 2, c.w, icon, THEME_TEXT_HUGE,
                 rgb(THEME_BG), GFX_ALIGN_CENTER);
        y += side + gfx_px(g, 40);
    }
    y += views_text_in(g, (Rect){c.x, y, c.w, c.y + c.h - y}, title, tst, title_c, GFX_ALIGN_CENTER);
    if (sh) {
        y += gfx_px(g, 24);
        y += views_text_in(g, (Rect){c.x, y, c.w, c.y + c.h - y}, sub, THEME_TEXT_BODY, rgb(THEME_TEXT),
                     GFX_ALIGN_CENTER);
    }
    if (s2) {
        y += gfx_px(g, 16);
        views_text_in(g, (Rect){c.x, y, c.w, c.y + c.h - y}, sub2, THEME_TEXT_CAPTION, rgb(THEME_DIM),
                GFX_ALIGN_CENTER);
    }
}

void views_draw_kiosk(Gfx *g, const ShowView *v)
{
    const KioskView *k = NULL;
    KGeom gm;
    Rect a;
    char buf[ERR_MSG_MAX + 64];
    int i = 0;
    if (!g || !v)
        return;
    gfx_clear(g, rgb(THEME_BG));
    a = safe_area(g);
    k = v->kiosk;
    if (!k) {
        draw_message(g, a, NULL, rgb(THEME_DIM), w(v, UI_EVAL_NO_KIOSK), rgb(THEME_DIM), NULL, NULL);
        return;
    }
    kiosk_geom(g, v, &gm);

    /* top: the questionnaire's title and the question counter */
    {
        int cw = 0;
        ThemeText st = THEME_TEXT_HEADING;
        if (k->page == KIOSK_PAGE_QUESTION) {
            snprintf(buf, sizeof buf, "%d/%d", k->question + 1, k->n_questions);
            cw = gfx_measure(g, buf, strlen(buf), st);
            gfx_text(g, gm.top.x, gm.top.y, gm.top.w, buf, st, rgb(THEME_ACCENT),
                     GFX_ALIGN_RIGHT);
        }
        chip_in(g, gm.top.x, gm.top.y + (gm.top.h - views_chip_h_st(g, THEME_TEXT_BODY_BOLD)) / 2,
             gm.top.w - cw - gfx_px(g, 40), k->title, rgb(THEME_PANEL_HI), rgb(THEME_TEXT),
             THEME_TEXT_BODY_BOLD);
        /* progress: one segment per question */
        if (k->n_questions > 0) {
            int py = gm.top.y + gm.top.h + gfx_px(g, 14), ph = gfx_px(g, 8);
            float frac = k->page == KIOSK_PAGE_QUESTION
                             ? (float)(k->question + 1) / (float)k->n_questions
                             : 1.0f;
            gfx_bar(g, gm.top.x, py, gm.top.w, ph, frac, rgb(THEME_ACCENT), rgb(THEME_LINE));
        }
    }

    switch (k->page) {
    case KIOSK_PAGE_QUESTION: {
        int y = gm.prompt.y;
        if (k->question == 0 && k->intro && *k->intro)
            views_text_in(g, (Rect){a.x, gm.prompt.y - gfx_text_height(g, a.w, k->intro,
                                                                 THEME_TEXT_CAPTION) -
                                       gfx_px(g, 16),
                              a.w, gfx_text_height(g, a.w, k->intro, THEME_TEXT_CAPTION)},
                    k->intro, THEME_TEXT_CAPTION, rgb(THEME_DIM), GFX_ALIGN_LEFT);
        views_text_in(g, gm.prompt, k->prompt, gm.prompt_st, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
        y = gm.hint.y;
        if (k->kind == EVAL_TEXT) {
            if (*k->warning) {
                snprintf(buf, sizeof buf, "⚠  %s", k->warning);
                views_text_in(g, gm.hint, buf, THEME_TEXT_BODY_BOLD, rgb(THEME_WARNING),
                        GFX_ALIGN_LEFT);
            }
            draw_text_box(g, v, &gm);
        } else {
            snprintf(buf, sizeof buf, "%s%s%s",
                     w(v, k->kind == EVAL_MULTI ? UI_EVAL_CHOOSE_ANY : UI_EVAL_CHOOSE_ONE),
                     k->required ? "" : "  ·  ", k->required ? "" : w(v, UI_EVAL_OPTIONAL));
            views_text_in(g, (Rect){a.x, y, a.w, gm.hint.h}, buf, THEME_TEXT_CAPTION, rgb(THEME_DIM),
                    GFX_ALIGN_LEFT);
            for (i = 0; i < gm.n_opt; i++)
                draw_option(g, k, &gm, i);
        }
        button(g, gm.back, w(v, UI_EVAL_BACK), 0);
        button(g, gm.next, w(v, UI_EVAL_NEXT), 1);
        break;
    }
    case KIOSK_PAGE_REVIEW:
        snprintf(buf, sizeof buf, "%s%d%s%d%s", w(v, UI_EVAL_ANSWERED_PRE), k->answered,
                 w(v, UI_EVAL_ANSWERED_MID), k->n_questions, w(v, UI_EVAL_ANSWERED_POST));
        draw_message(g, gm.content, "?", rgb(THEME_ACCENT), w(v, UI_EVAL_REVIEW_TITLE),
                     rgb(THEME_TEXT), buf, w(v, UI_EVAL_REVIEW_HINT));
        button(g, gm.back, w(v, UI_EVAL_BACK), 0);
        button(g, gm.next, w(v, UI_EVAL_SEND), 1);
        break;
    case KIOSK_PAGE_SAVING:
        draw_message(g, gm.content, "…", rgb(THEME_DIM), w(v, UI_EVAL_SAVING), rgb(THEME_TEXT), NULL,
                     NULL);
        break;
    case KIOSK_PAGE_THANKS:
        draw_message(g, gm.content, "✓", rgb(THEME_OK), w(v, UI_EVAL_THANKS), rgb(THEME_TEXT),
                     w(v, UI_EVAL_THANKS_SUB), NULL);
        break;
    case KIOSK_PAGE_FAILED:
        draw_message(g, gm.content, "!", rgb(THEME_ERROR), w(v, UI_EVAL_FAILED), rgb(THEME_ERROR),
                     k->error, w(v, UI_EVAL_RETRY_HINT));
        button(g, gm.back, w(v, UI_EVAL_BACK), 0);
        button(g, gm.next, w(v, UI_EVAL_RETRY), 1);
        break;
    default: break;
    }
    if (k->page != KIOSK_PAGE_FAILED && k->error && *k->error)
        views_text_in(g, gm.err, k->error, THEME_TEXT_BODY_BOLD, rgb(THEME_ERROR), GFX_ALIGN_CENTER);
    if (k->page == KIOSK_PAGE_QUESTION)
        views_text_in(g, (Rect){gm.keys.x, gm.keys.y + (gm.keys.h - lh(g, THEME_TEXT_SMALL)) / 2,
                          gm.keys.w, lh(g, THEME_TEXT_SMALL)},
                w(v, k->page == KIOSK_PAGE_QUESTION && k->kind == EVAL_TEXT ? UI_EVAL_KEYS_TEXT
                                                                           : UI_EVAL_KEYS_KIOSK),
                THEME_TEXT_SMALL, rgb(THEME_FAINT), GFX_ALIGN_CENTER);
}

static int in_rect(Rect r, int x, int y)
{
    return r.w > 0 && r.h > 0 && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

int views_hit_kiosk(Gfx *g, const ShowView *v, int x, int y)
{
    KGeom gm;
    int i = 0;
    if (!g || !v || !v->kiosk || v->screen != SHOW_SCREEN_KIOSK || v->overlays)
        return -2;
    kiosk_geom(g, v, &gm);
    if (kiosk_has_next(v->kiosk) && in_rect(gm.next, x, y))
        return -10;
    if (kiosk_has_back(v->kiosk) && in_rect(gm.back, x, y))
        return -11;
    if (v->kiosk->page == KIOSK_PAGE_QUESTION && v->kiosk->kind != EVAL_TEXT) {
        for (i = 0; i < gm.n_opt; i++) {
            if (in_rect(gm.opt[i], x, y))
                return i;
        }
    }
    return -2;
}

/* ---- RESULTS: bars per question, suppressed cells as "<5" / "-" -------------- */

typedef struct RLevel {
    ThemeText prompt, row, group;
    int bar_h;       /* the solid strip along the bottom of a bar */
    int pad, vpad, gap; /* card padding, padding in a bar, gap between bars */
} RLevel;

/* From the largest to the most compact (design px). */
static const RLevel r_levels[] = {
    {THEME_TEXT_BODY_BOLD, THEME_TEXT_CAPTION, THEME_TEXT_CAPTION, 6, 22, 4, 6},
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_CAPTION, THEME_TEXT_CAPTION, 5, 20, 4, 6},
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_SMALL, THEME_TEXT_SMALL, 4, 18, 3, 5},
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_SMALL, THEME_TEXT_SMALL, 4, 14, 2, 3},
};

#define VE_MAX_COLS 3

static const char *cell_label(const EvalQuestionnaire *q, int qi, const EvalCell *c, EvalLang l)
{
    const char *s = c->is_group ? eval_q_group_label(q, qi, c->index, l)
                                : eval_q_option(q, qi, c->index, l);
    return s ? s : "";
}

/* Draws (or with draw=0 measures) the card of question qi at (x, y), width
 * cw: the prompt with n, then per option and report group a line with the
 * label and the formatted cell, and a bar across the card below it.
 * Returns its height. */
static int result_card(Gfx *g, const ShowView *v, const EvalTally *t, int qi, int x, int y,
                       int cw, const RLevel *lv, int draw)
{
    const EvalQuestionnaire *q = eval_tally_questionnaire(t);
    EvalLang l = v->ui_en ? EVAL_LANG_EN : EVAL_LANG_DA;
    EvalRow row;
    Err e;
    int pad = gfx_px(g, lv->pad), inner = cw - 2 * pad, h = pad, i = 0, valw = 0, nw = 0;
    int ph = 0, gap = gfx_px(g, lv->gap);
    const char *prompt = eval_q_text(q, qi, l);
    char nbuf[64], cell[64];
    memset(&row, 0, sizeof row);
    if (!prompt)
        prompt = "";
    if (eval_tally_row(t, qi, &row, &e) < 0)
        return 0;
    /* prompt and n (n itself is "<5" when the whole question is suppressed) */
    if (row.n_state == EVAL_CELL_SHOWN)
        snprintf(nbuf, sizeof nbuf, "n = %d", row.n);
    else
        snprintf(nbuf, sizeof nbuf, "n = <5");
    nw = gfx_measure(g, nbuf, strlen(nbuf), THEME_TEXT_SMALL) + gfx_px(g, 16);
    ph = gfx_text_height(g, inner - nw, prompt, lv->prompt);
    if (ph > lh(g, lv->prompt) * 2) {
        /* a long prompt takes the whole width, n goes below it */
        int below = 0;
        ph = gfx_text_height(g, inner, prompt, lv->prompt);
        if (ph > lh(g, lv->prompt) * 5)
            ph = lh(g, lv->prompt) * 5;
        if (draw) {
            views_text_in(g, (Rect){x + pad, y + h, inner, ph}, prompt, lv->prompt, rgb(THEME_TEXT),
                    GFX_ALIGN_LEFT);
            views_text_in(g, (Rect){x + pad, y + h + ph, inner, lh(g, THEME_TEXT_SMALL)}, nbuf,
                    THEME_TEXT_SMALL, rgb(THEME_DIM), GFX_ALIGN_RIGHT);
        }
        below = lh(g, THEME_TEXT_SMALL);
        ph += below;
    } else if (draw) {
        views_text_in(g, (Rect){x + pad, y + h, inner - nw, ph}, prompt, lv->prompt, rgb(THEME_TEXT),
                GFX_ALIGN_LEFT);
        views_text_in(g, (Rect){x + pad, y + h + gfx_px(g, 4), inner, lh(g, THEME_TEXT_SMALL)}, nbuf,
                THEME_TEXT_SMALL, rgb(THEME_DIM), GFX_ALIGN_RIGHT);
    }
    h += ph + gfx_px(g, lv->pad / 2);
    if (row.n_state != EVAL_CELL_SHOWN) {
        int th = gfx_text_height(g, inner, w(v, UI_EVAL_TOO_FEW), lv->row);
        if (draw)
            views_text_in(g, (Rect){x + pad, y + h, inner, th}, w(v, UI_EVAL_TOO_FEW), lv->row,
                    rgb(THEME_FAINT), GFX_ALIGN_LEFT);
        h += th + pad;
    } else {
        /* one row per cell: a bar as wide as the card behind the label and
         * the number, so long labels keep a long bar and rows stay one line */
        int vpad = gfx_px(g, lv->vpad), tpad = gfx_px(g, 12), rad = gfx_px(g, 8);
        valw = gfx_measure(g, "0000 (100 %)", 12, lv->row);
        for (i = 0; i < row.ncells; i++) {
            const EvalCell *c = &row.cells[i];
            const char *lab = cell_label(q, qi, c, l);
            ThemeText st = lv->group;
            int lab_w = inner - valw - 3 * tpad;
            int lab_h = 0, rh = 0, shown = c->state == EVAL_CELL_SHOWN;
            if (!c->is_group)
                st = lv->row;
            lab_h = gfx_text_height(g, lab_w, lab, st);
            if (lab_h > lh(g, st) * 2)
                lab_h = lh(g, st) * 2;
            rh = lab_h + 2 * vpad;
            if (c->is_group && (i == 0 || !row.cells[i - 1].is_group)) {
                /* a thin rule between the options and the report groups */
                if (draw)
                    gfx_fill_rect(g, x + pad, y + h + gfx_px(g, 2), inner, gfx_px(g, 2),
                                  rgb(THEME_LINE));
                h += gfx_px(g, 10);
            }
            if (draw) {
                unsigned hex = c->is_group ? THEME_ACCENT : THEME_PHONES;
                int fw = shown ? inner * c->percent / 100 : 0;
                int sh = gfx_px(g, lv->bar_h);
                gfx_round_rect(g, x + pad, y + h, inner, rh, rad, rgb(THEME_PANEL));
                if (fw > 0) {
                    gfx_round_rect(g, x + pad, y + h, fw, rh, rad, THEME_RGBA(hex, 70));
                    gfx_fill_rect(g, x + pad, y + h + rh - sh, fw, sh, rgb(hex));
                }
                views_text_in(g, (Rect){x + pad + tpad, y + h + vpad, lab_w, lab_h}, lab, st,
                        rgb(c->is_group ? THEME_ACCENT : THEME_TEXT), GFX_ALIGN_LEFT);
                eval_cell_format(c, cell, sizeof cell);
                views_text_in(g, (Rect){x + cw - pad - tpad - valw, y + h + vpad, valw, lh(g, st)},
                        cell, st, rgb(shown ? THEME_TEXT : THEME_FAINT), GFX_ALIGN_RIGHT);
            }
            h += rh + gap;
        }
        h += pad - gap;
    }
    if (draw)
        gfx_round_frame(g, x, y, cw, h, gfx_px(g, 18), gfx_px(g, 2), rgb(THEME_LINE));
    return h;
}

/* Places the cards in `cols` columns, each card in the shortest column so
 * far (reading order stays roughly left to right, top to bottom).  Returns 1
 * if all fit in area; with draw, draws them (cut at the area's bottom). */
static int results_layout(Gfx *g, const ShowView *v, const EvalTally *t, Rect area, int cols,
                          const RLevel *lv, int draw)
{
    const EvalQuestionnaire *q = eval_tally_questionnaire(t);
    int gap = gfx_px(g, 24), cw = (area.w - (cols - 1) * gap) / cols;
    int col_y[VE_MAX_COLS], qi = 0, fits = 1, c = 0;
    for (c = 0; c < cols; c++)
        col_y[c] = area.y;
    for (qi = 0; qi < eval_q_count(q); qi++) {
        int ch = 0, best = 0;
        if (eval_q_kind(q, qi) == EVAL_TEXT)
            continue; /* free texts belong to the written report, after review */
        for (c = 1; c < cols; c++) {
            if (col_y[c] < col_y[best])
                best = c;
        }
        ch = result_card(g, v, t, qi, 0, 0, cw, lv, 0);
        if (col_y[best] + ch > area.y + area.h)
            fits = 0;
        if (draw) {
            Rect cr = {area.x + best * (cw + gap), area.y, cw, area.h};
            clip(g, &cr);
            result_card(g, v, t, qi, cr.x, col_y[best], cw, lv, 1);
            clip(g, NULL);
        }
        col_y[best] += ch + gap;
    }
    return fits;
}

void views_draw_results(Gfx *g, const ShowView *v)
{
    Rect a, area;
    const EvalTally *t = NULL;
    char buf[96];
    int y = 0, hh = 0, fit = 0, n = 0, cols = 0;
    size_t li = 0;
    if (!g || !v)
        return;
    gfx_clear(g, rgb(THEME_BG));
    a = safe_area(g);
    t = v->results;
    hh = lh(g, THEME_TEXT_HEADING);
    gfx_fill_rect(g, a.x, a.y, gfx_px(g, 140), gfx_px(g, 10), rgb(THEME_ACCENT));
    y = a.y + gfx_px(g, 26);
    views_text_in(g, (Rect){a.x, y, a.w / 2, hh}, w(v, UI_EVAL_RESULTS), THEME_TEXT_HEADING,
            rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    if (t) {
        const char *title = eval_q_title(eval_tally_questionnaire(t),
                                         v->ui_en ? EVAL_LANG_EN : EVAL_LANG_DA);
        snprintf(buf, sizeof buf, "%d %s", eval_tally_respondents(t), w(v, UI_EVAL_RESPONDENTS));
        views_text_in(g, (Rect){a.x + a.w / 2, y, a.w / 2, hh}, buf, THEME_TEXT_HEADING,
                rgb(THEME_ACCENT), GFX_ALIGN_RIGHT);
        {
            int tw = gfx_measure(g, w(v, UI_EVAL_RESULTS), strlen(w(v, UI_EVAL_RESULTS)),
                                 THEME_TEXT_HEADING) + gfx_px(g, 30);
            int bw = gfx_measure(g, buf, strlen(buf), THEME_TEXT_HEADING) + gfx_px(g, 30);
            views_text_in(g, (Rect){a.x + tw, y + (hh - lh(g, THEME_TEXT_CAPTION)) / 2,
                              a.w - tw - bw, lh(g, THEME_TEXT_CAPTION)},
                    title ? title : "", THEME_TEXT_CAPTION, rgb(THEME_DIM), GFX_ALIGN_LEFT);
        }
    }
    y += hh + gfx_px(g, 24);
    footer_in(g, w(v, UI_EVAL_RESULTS_NOTE));
    area = (Rect){a.x, y, a.w, a.y + a.h - views_footer_h(g) - y};
    if (!t || eval_tally_respondents(t) == 0) {
        draw_message(g, area, NULL, rgb(THEME_DIM), w(v, UI_EVAL_NO_RESULTS), rgb(THEME_DIM), NULL,
                     NULL);
        return;
    }
    /* the largest text that fits, in as few columns as possible; the
     * smaller text only when three columns of the larger do not fit */
    for (n = 0; n < eval_q_count(eval_tally_questionnaire(t)); n++)
        fit += eval_q_kind(eval_tally_questionnaire(t), n) != EVAL_TEXT;
    for (li = 0; li < sizeof r_levels / sizeof r_levels[0]; li++) {
        for (cols = 1; cols <= VE_MAX_COLS; cols++) {
            if (cols > 1 && cols > fit)
                break;
            if (results_layout(g, v, t, area, cols, &r_levels[li], 0)) {
                results_layout(g, v, t, area, cols, &r_levels[li], 1);
                return;
            }
        }
    }
    /* nothing fits: the smaller text in three columns, cut at the bottom */
    results_layout(g, v, t, area, fit >= VE_MAX_COLS ? VE_MAX_COLS : (fit > 0 ? fit : 1),
                   &r_levels[sizeof r_levels / sizeof r_levels[0] - 1], 1);
}
