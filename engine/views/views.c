/* views.c - the projector's screens and overlays, drawn from a ShowView. */
#include "views/views.h"
#include "views/views_util.h"

#include <stdio.h>
#include <string.h>

#include "show/ui_text.h"
#include "views/views_eval.h"
#include "views/views_map.h"
#include "render/layout.h"

/* Design-pixel constants of the layout (scaled by gfx_px). */
#define V_PHONE_W 600   /* phone frame width on a beat */
#define V_PHONE_GAP 70  /* between the dialog column and the phone */
#define V_NAME_MAX 30   /* name column: at most this % of the dialog width */
#define V_BADGE 78      /* option number badge */
#define V_ROW_PAD 18
#define V_RESULT_W 720  /* result column of an option row while a poll is shown */
#define V_MARK_W 180    /* explored marker column without a poll */
#define V_JOIN_W 380    /* join box beside the options of an open poll */
#define V_JOIN_GAP 36

/* A cast colour made readable on the dark background. */
static ThemeColor readable(unsigned hex)
{
    ThemeColor c = THEME_RGB(hex);
    int luma = (2126 * c.r + 7152 * c.g + 722 * c.b) / 10000;
    while (luma < 120) {
        c.r = (unsigned char)(c.r + (255 - c.r) / 4);
        c.g = (unsigned char)(c.g + (255 - c.g) / 4);
        c.b = (unsigned char)(c.b + (255 - c.b) / 4);
        luma = (2126 * c.r + 7152 * c.g + 722 * c.b) / 10000;
    }
    return c;
}

static const char *ui(const ShowView *v, UiTextId id) { return ui_text(v->ui_en, id); }

/* The largest style from `start` down whose wrapped text fits maxh. */
static ThemeText fit_style(Gfx *g, const char *text, int w, int maxh, ThemeText start)
{
    ThemeText s = start;
    for (;;) {
        int next = theme_text_smaller(s);
        if (gfx_text_height(g, w, text, s) <= maxh || next < 0)
            return s;
        s = (ThemeText)next;
    }
}

/* Key hints for the facilitator along the bottom edge. */
static void footer(Gfx *g, const ShowView *v, UiTextId id)
{
    Rect a = safe_area(g);
    int y = a.y + a.h - lh(g, THEME_TEXT_SMALL);
    gfx_text(g, a.x, y, a.w, ui(v, id), THEME_TEXT_SMALL, rgb(THEME_FAINT), GFX_ALIGN_CENTER);
}

static int footer_h(Gfx *g) { return lh(g, THEME_TEXT_SMALL) + gfx_px(g, THEME_GAP); }

/* A rounded label in style st; returns its width. */
static int chip_st(Gfx *g, int x, int y, const char *text, ThemeColor bg, ThemeColor fg,
                   ThemeText st)
{
    int pad = gfx_px(g, st == THEME_TEXT_SMALL_BOLD ? 16 : 28);
    int w = gfx_measure(g, text, strlen(text), st) + 2 * pad;
    int h = lh(g, st) + gfx_px(g, 8);
    gfx_round_rect(g, x, y, w, h, h / 2, bg);
    gfx_text(g, x + pad, y + gfx_px(g, 4), w, text, st, fg, GFX_ALIGN_LEFT);
    return w;
}

static int chip(Gfx *g, int x, int y, const char *text, ThemeColor bg, ThemeColor fg)
{
    return chip_st(g, x, y, text, bg, fg, THEME_TEXT_SMALL_BOLD);
}

static int chip_h(Gfx *g) { return lh(g, THEME_TEXT_SMALL_BOLD) + gfx_px(g, 8); }

static void backdrop(Gfx *g)
{
    gfx_fill_rect(g, 0, 0, gfx_width(g), gfx_height(g), THEME_RGBA(0x000000, 215));
}

/* A centred overlay panel of w% x h% of the safe area; returns its inner rect. */
static Rect panel_at(Gfx *g, int wpct, int hpct, int draw)
{
    Rect a = safe_area(g), r;
    int pad = gfx_px(g, 40);
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

static Rect panel(Gfx *g, int wpct, int hpct) { return panel_at(g, wpct, hpct, 1); }

static const StoryBeat *cur_beat(const ShowView *v)
{
    if (!v->sc || v->beat < 0 || v->beat >= v->sc->n_beats)
        return NULL;
    return &v->sc->beats[v->beat];
}

static const char *cast_name(const ShowView *v, int i)
{
    if (!v->sc || i < 0 || i >= v->sc->n_cast)
        return "";
    return tx(v, &v->sc->cast[i].name);
}

static ThemeColor cast_color(const ShowView *v, int i)
{
    if (!v->sc || i < 0 || i >= v->sc->n_cast)
        return rgb(THEME_ACCENT);
    return readable(v->sc->cast[i].color);
}

static const char *beat_label(const ShowView *v, int beat)
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

static UiTextId signal_text(int i)
{
    return i == STORY_SIGNAL_OK ? UI_SIGNAL_OK
                                : (i == STORY_SIGNAL_WARNING ? UI_SIGNAL_WARNING : UI_SIGNAL_STALKING);
}

static ThemeColor signal_color(int i)
{
    return rgb(i == STORY_SIGNAL_OK ? THEME_OK
                                    : (i == STORY_SIGNAL_WARNING ? THEME_WARNING : THEME_STALKING));
}

/* ---- welcome ------------------------------------------------------------ */

static int welcome_left_w(Gfx *g, int has_join)
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
        const char *u = v->join_url;
        char *cut = NULL;
        if (strncmp(u, "http://", 7) == 0)
            u += 7;
        snprintf(addr, sizeof addr, "%s", u);
        cut = strstr(addr, "/?");
        if (cut)
            *cut = '\0';
        y += gfx_text(g, r.x, y, r.w, addr,
                      fit_style(g, addr, r.w, lh(g, THEME_TEXT_BODY_BOLD), THEME_TEXT_BODY_BOLD),
                      rgb(THEME_TEXT), GFX_ALIGN_CENTER);
    }
    if (v->room_code && *v->room_code) {
        y += gfx_px(g, 12);
        y += gfx_text(g, r.x, y, r.w, ui(v, UI_ROOM_CODE), THEME_TEXT_CAPTION, rgb(THEME_DIM),
                      GFX_ALIGN_CENTER);
        gfx_text(g, r.x, y, r.w, v->room_code, THEME_TEXT_HEADING, rgb(THEME_ACCENT),
                 GFX_ALIGN_CENTER);
    }
}

static void draw_welcome(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g);
    int has_join = v->join_url && *v->join_url;
    int has_lan = !has_join && v->lan_problem && *v->lan_problem;
    int lw = welcome_left_w(g, has_join || has_lan);
    int x = a.x, y = a.y + gfx_px(g, 20), bottom = 0, cta_h = 0, note_h = 0, avail = 0;
    const char *title = v->sc ? tx(v, &v->sc->title) : ui(v, UI_NO_SCENARIO);
    const char *sub = v->sc ? tx(v, &v->sc->subtitle) : "";
    const char *note = v->sc ? tx(v, &v->sc->content_note) : "";
    const char *start = ui(v, UI_PRESS_TO_START);
    ThemeText st;
    int pad = gfx_px(g, 36);

    gfx_fill_rect(g, x, y, gfx_px(g, 140), gfx_px(g, 12), rgb(THEME_ACCENT));
    y += gfx_px(g, 44);
    st = fit_style(g, title, lw, lh(g, THEME_TEXT_TITLE) * 2, THEME_TEXT_TITLE);
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
                 THEME_TEXT_BODY_BOLD, rgb(THEME_ACCENT_TEXT), GFX_ALIGN_LEFT);
    }

    if (*note) {
        Rect nr;
        int label_h = lh(g, THEME_TEXT_SMALL_BOLD) + gfx_px(g, 10);
        avail = bottom - gfx_px(g, 48) - y - 2 * pad - label_h;
        st = fit_style(g, note, lw - 2 * pad - gfx_px(g, 12), avail, THEME_TEXT_BODY);
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
        ls = fit_style(g, v->lan_problem, lr.w - 2 * p2, a.h / 2, THEME_TEXT_CAPTION);
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

/* ---- beat ---------------------------------------------------------------- */

static int caption_h(Gfx *g) { return lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 40); }

static void draw_caption(Gfx *g, const ShowView *v, const StoryBeat *b)
{
    Rect a = safe_area(g);
    char buf[STORY_MAX_TEXT * 2 + 16];
    const char *place = tx(v, &b->place), *time = tx(v, &b->time);
    int dot = gfx_px(g, 14);
    if (*place && *time)
        snprintf(buf, sizeof buf, "%s  ·  %s", time, place);
    else
        snprintf(buf, sizeof buf, "%s", *place ? place : time);
    if (*buf) {
        gfx_circle(g, a.x + dot / 2, a.y + lh(g, THEME_TEXT_CAPTION) / 2, dot / 2,
                   rgb(THEME_ACCENT));
        clip(g, &(Rect){a.x, a.y, a.w, lh(g, THEME_TEXT_CAPTION)});
        gfx_text(g, a.x + dot + gfx_px(g, 18), a.y, a.w - dot - gfx_px(g, 18), buf,
                 THEME_TEXT_CAPTION, rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        clip(g, NULL);
    }
    gfx_fill_rect(g, a.x, a.y + lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 16), a.w, gfx_px(g, 2),
                  rgb(THEME_LINE));
}

/* Width of the speaker-name column for the scenario's cast. */
static int name_col_w(Gfx *g, const Scenario *sc, int lang, int dialog_w)
{
    int i = 0, w = 0, maxw = dialog_w * V_NAME_MAX / 100;
    if (!sc)
        return maxw;
    for (i = 0; i < sc->n_cast; i++) {
        const char *n = story_text(&sc->cast[i].name, lang);
        int nw = gfx_measure(g, n, strlen(n), THEME_TEXT_BODY_BOLD);
        if (nw > w)
            w = nw;
    }
    w += gfx_measure(g, ":", 1, THEME_TEXT_BODY_BOLD) + gfx_px(g, 28);
    return w > maxw ? maxw : w;
}

/* The dialog column and phone frame of a beat's body area. */
static void beat_geom(Gfx *g, int with_phone, Rect *dialog, Rect *phone)
{
    Rect a = safe_area(g);
    Rect body = {a.x, a.y + caption_h(g), a.w, a.h - caption_h(g) - footer_h(g)};
    *dialog = body;
    phone->w = gfx_px(g, V_PHONE_W);
    phone->h = body.h;
    phone->x = body.x + body.w - phone->w;
    phone->y = body.y;
    if (with_phone)
        dialog->w = body.w - phone->w - gfx_px(g, V_PHONE_GAP);
}

/* The message area inside a phone frame. */
static Rect phone_screen(Gfx *g, Rect p, Rect *header)
{
    Rect s;
    int bez = gfx_px(g, 16);
    s.x = p.x + bez;
    s.y = p.y + bez;
    s.w = p.w - 2 * bez;
    s.h = p.h - 2 * bez;
    header->x = s.x;
    header->y = s.y + gfx_px(g, 34);
    header->w = s.w;
    header->h = lh(g, THEME_TEXT_SMALL_BOLD) + gfx_px(g, 20);
    s.y = header->y + header->h + gfx_px(g, 14);
    s.h = p.y + p.h - bez - gfx_px(g, 20) - s.y;
    s.x += gfx_px(g, 18);
    s.w -= gfx_px(g, 36);
    return s;
}

/* Height of a dialog/narration/image step in the dialog column. */
static int step_h(Gfx *g, const ShowView *v, const StoryStep *st, Rect d, int namew, int draw,
                  int y, int newest)
{
    ThemeColor fg = newest ? rgb(THEME_TEXT) : rgb(THEME_DIM);
    int gap = gfx_px(g, 26), h = 0;
    const char *text = tx(v, &st->text);
    if (st->kind == STORY_STEP_LINE) {
        int th = gfx_text_height(g, d.w - namew, text, THEME_TEXT_BODY);
        h = th > lh(g, THEME_TEXT_BODY_BOLD) ? th : lh(g, THEME_TEXT_BODY_BOLD);
        if (draw) {
            char name[STORY_MAX_TEXT + 2];
            ThemeColor nc = cast_color(v, st->speaker);
            if (!newest)
                nc = with_alpha(nc, 200);
            snprintf(name, sizeof name, "%s:", cast_name(v, st->speaker));
            clip(g, &(Rect){d.x, y, namew - gfx_px(g, 20), lh(g, THEME_TEXT_BODY_BOLD)});
            gfx_text(g, d.x, y, namew - gfx_px(g, 20), name, THEME_TEXT_BODY_BOLD, nc,
                     GFX_ALIGN_RIGHT);
            clip(g, &d);
            gfx_text(g, d.x + namew, y, d.w - namew, text, THEME_TEXT_BODY, fg, GFX_ALIGN_LEFT);
        }
    } else if (st->kind == STORY_STEP_NARRATION) {
        h = gfx_text_height(g, d.w - namew, text, THEME_TEXT_ITALIC);
        if (draw)
            gfx_text(g, d.x + namew, y, d.w - namew, text, THEME_TEXT_ITALIC,
                     newest ? rgb(THEME_DIM) : rgb(THEME_FAINT), GFX_ALIGN_LEFT);
    } else if (st->kind == STORY_STEP_IMAGE) {
        int ih = d.h * 45 / 100;
        int ch = *text ? gfx_text_height(g, d.w - namew, text, THEME_TEXT_CAPTION) : 0;
        h = ih + (ch ? ch + gfx_px(g, 8) : 0);
        if (draw) {
            char path[GFX_MAX_PATH];
            const char *dir = v->sc && v->sc->dir ? v->sc->dir : ".";
            if (st->image && st->image[0] == '/')
                snprintf(path, sizeof path, "%s", st->image);
            else
                snprintf(path, sizeof path, "%s/%s", dir, st->image ? st->image : "");
            gfx_image(g, path, d.x + namew, y, (d.w - namew) * 70 / 100, ih);
            if (ch)
                gfx_text(g, d.x + namew, y + ih + gfx_px(g, 8), d.w - namew, text,
                         THEME_TEXT_CAPTION, rgb(THEME_DIM), GFX_ALIGN_LEFT);
        }
    } else {
        return 0;
    }
    return h + gap;
}

static void draw_phone(Gfx *g, const ShowView *v, const StoryBeat *b, int owner, Rect p)
{
    Rect hdr, s;
    int bez = gfx_px(g, 16), i = 0, first = 0, total = 0, y = 0, gap = gfx_px(g, 16);
    int shown = v->steps_shown < b->n_steps ? v->steps_shown : b->n_steps;
    gfx_round_rect(g, p.x, p.y, p.w, p.h, gfx_px(g, 64), rgb(THEME_PHONE));
    gfx_round_rect(g, p.x + bez, p.y + bez, p.w - 2 * bez, p.h - 2 * bez, gfx_px(g, 50),
                   rgb(THEME_PHONE_SCREEN));
    gfx_round_rect(g, p.x + p.w / 2 - gfx_px(g, 70), p.y + bez + gfx_px(g, 12), gfx_px(g, 140),
                   gfx_px(g, 14), gfx_px(g, 7), rgb(THEME_PHONE));
    s = phone_screen(g, p, &hdr);
    gfx_text(g, hdr.x, hdr.y, hdr.w, cast_name(v, owner), THEME_TEXT_SMALL_BOLD,
             rgb(THEME_TEXT), GFX_ALIGN_CENTER);
    gfx_fill_rect(g, hdr.x, hdr.y + hdr.h, hdr.w, gfx_px(g, 2), rgb(THEME_LINE));
    /* Newest messages stay in view; older ones scroll off the top. */
    first = shown;
    for (i = shown - 1; i >= 0; i--) {
        const StoryStep *st = &b->steps[i];
        int h = 0;
        if (st->kind != STORY_STEP_MESSAGE || st->phone != owner)
            continue;
        h = gfx_bubble(g, s.x, 0, s.w, st->speaker == owner ? NULL : cast_name(v, st->speaker),
                       cast_color(v, st->speaker), tx(v, &st->text), st->time, rgb(0), rgb(0), 0,
                       0) +
            gap;
        if (total + h > s.h && first < shown)
            break;
        total += h;
        first = i;
    }
    clip(g, &s);
    y = s.y;
    for (i = first; i < shown; i++) {
        const StoryStep *st = &b->steps[i];
        int out = 0;
        if (st->kind != STORY_STEP_MESSAGE || st->phone != owner)
            continue;
        out = st->speaker == owner;
        y += gfx_bubble(g, s.x, y, s.w, out ? NULL : cast_name(v, st->speaker),
                        cast_color(v, st->speaker), tx(v, &st->text), st->time,
                        rgb(out ? THEME_BUBBLE_OUT : THEME_BUBBLE_IN), rgb(THEME_TEXT), out, 1) +
             gap;
    }
    clip(g, NULL);
}

static void draw_beat(Gfx *g, const ShowView *v)
{
    const StoryBeat *b = cur_beat(v);
    Rect d, p;
    int shown = 0, i = 0, owner = -1, first = 0, total = 0, namew = 0, y = 0, newest = -1;
    if (!b)
        return;
    shown = v->steps_shown < b->n_steps ? v->steps_shown : b->n_steps;
    for (i = 0; i < shown; i++)
        if (b->steps[i].kind == STORY_STEP_MESSAGE)
            owner = b->steps[i].phone >= 0 ? b->steps[i].phone : b->steps[i].speaker;
    draw_caption(g, v, b);
    beat_geom(g, owner >= 0, &d, &p);
    namew = name_col_w(g, v->sc, v->lang, d.w);
    if (owner >= 0)
        draw_phone(g, v, b, owner, p);
    first = shown;
    for (i = shown - 1; i >= 0; i--) {
        int h = step_h(g, v, &b->steps[i], d, namew, 0, 0, 0);
        if (h == 0)
            continue;
        if (newest < 0)
            newest = i;
        if (total + h > d.h && first < shown)
            break;
        total += h;
        first = i;
    }
    clip(g, &d);
    y = d.y;
    for (i = first; i < shown; i++)
        y += step_h(g, v, &b->steps[i], d, namew, 1, y, i == newest);
    clip(g, NULL);
    footer(g, v, UI_KEYS_BEAT);
}

/* ---- interaction ----------------------------------------------------------- */

typedef struct OptGeom {
    int badge, pad, text_x, text_w, res_w;
} OptGeom;

static OptGeom opt_geom(Gfx *g, int width, int with_result)
{
    OptGeom o;
    o.badge = gfx_px(g, V_BADGE);
    o.pad = gfx_px(g, V_ROW_PAD);
    o.res_w = gfx_px(g, with_result ? V_RESULT_W : V_MARK_W);
    o.text_x = o.pad + o.badge + gfx_px(g, 28);
    o.text_w = width - o.text_x - o.res_w - gfx_px(g, 28);
    if (o.text_w < 1)
        o.text_w = 1;
    return o;
}

static const char *opt_text(const ShowView *v, int i)
{
    if (v->ikind == STORY_INT_SIGNAL || (v->overlays & SHOW_OV_STOP))
        return ui(v, signal_text(i));
    return tx(v, v->options[i].text);
}

static const char *opt_reason(const ShowView *v, int i, char *buf, size_t n)
{
    const ShowOption *o = &v->options[i];
    if (o->state != STORY_OPT_DISABLED)
        return "";
    if (o->why == STORY_WHY_USED)
        snprintf(buf, n, "%s", ui(v, UI_USED));
    else if (o->reason && *tx(v, o->reason))
        snprintf(buf, n, "%s", tx(v, o->reason));
    else
        snprintf(buf, n, "%s", ui(v, UI_UNAVAILABLE));
    return buf;
}

static int result_h(Gfx *g) { return lh(g, THEME_TEXT_HEADING) + gfx_px(g, 30); }

static int row_h(Gfx *g, const ShowView *v, int i, OptGeom o, ThemeText st)
{
    char rb[STORY_MAX_TEXT + 1];
    const char *reason = opt_reason(v, i, rb, sizeof rb);
    int h = gfx_text_height(g, o.text_w, opt_text(v, i), st);
    ThemeText rs = st == THEME_TEXT_BODY ? THEME_TEXT_ITALIC : THEME_TEXT_SMALL;
    if (*reason)
        h += gfx_text_height(g, o.text_w, reason, rs);
    if (h < o.badge)
        h = o.badge;
    if (v->poll && vote_state(v->poll) == VOTE_REVEALED && h < result_h(g))
        h = result_h(g);
    return h + 2 * o.pad;
}

static void draw_result(Gfx *g, const ShowView *v, int i, Rect r, ThemeColor bar_c)
{
    const Poll *p = v->poll;
    char buf[160];
    int total = vote_total(p, i), hands = vote_hands(p, i), phones = vote_phones(p, i);
    int pct = vote_percent(p, i), y = r.y, bh = gfx_px(g, 26), numw = 0, pw = 0;
    int hh = lh(g, THEME_TEXT_HEADING);
    snprintf(buf, sizeof buf, "%d", total);
    numw = gfx_measure(g, buf, strlen(buf), THEME_TEXT_HEADING) + gfx_px(g, 20);
    gfx_text(g, r.x, y, r.w, buf, THEME_TEXT_HEADING, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    snprintf(buf, sizeof buf, "%d %%", pct);
    pw = gfx_measure(g, buf, strlen(buf), THEME_TEXT_BODY_BOLD);
    gfx_text(g, r.x, y + (hh - lh(g, THEME_TEXT_BODY_BOLD)) / 2, r.w, buf, THEME_TEXT_BODY_BOLD,
             bar_c, GFX_ALIGN_RIGHT);
    /* hands and phones shown apart, the big number is their sum */
    snprintf(buf, sizeof buf, "= %d %s + %d %s", hands, ui(v, UI_HANDS), phones,
             ui(v, UI_PHONES));
    clip(g, &(Rect){r.x + numw, y, r.w - numw - pw - gfx_px(g, 16), hh});
    gfx_text(g, r.x + numw, y + (hh - lh(g, THEME_TEXT_SMALL)) / 2 + gfx_px(g, 4), 100000, buf,
             THEME_TEXT_SMALL, rgb(THEME_DIM), GFX_ALIGN_LEFT);
    clip(g, NULL);
    y += hh + gfx_px(g, 4);
    gfx_bar(g, r.x, y, r.w, bh, (float)pct / 100.0f, bar_c, rgb(THEME_LINE));
}

static void draw_option_row(Gfx *g, const ShowView *v, int i, Rect r, OptGeom o, ThemeText st)
{
    const ShowOption *opt = &v->options[i];
    int signal = v->ikind == STORY_INT_SIGNAL || (v->overlays & SHOW_OV_STOP);
    int disabled = opt->state == STORY_OPT_DISABLED;
    VoteState vs = v->poll ? vote_state(v->poll) : VOTE_READY;
    int revealed = v->poll && vs == VOTE_REVEALED;
    int open = v->poll && (vs == VOTE_OPEN || vs == VOTE_CLOSED);
    int picked = v->picked == i;
    int winner = revealed && v->winner == i;
    int tied = revealed && v->winner == -2 && (v->tied & (1u << i));
    int selected = open && v->selected == i;
    char num[16], rb[STORY_MAX_TEXT + 1], buf[96];
    const char *reason = opt_reason(v, i, rb, sizeof rb);
    ThemeColor bg = rgb(selected || picked || winner ? THEME_PANEL_HI : THEME_PANEL);
    ThemeColor fg = rgb(disabled ? THEME_FAINT : THEME_TEXT);
    ThemeColor badge_c = signal ? signal_color(i) : rgb(disabled ? THEME_LINE : THEME_ACCENT);
    ThemeColor frame_c = rgb(THEME_ACCENT);
    int th = 0, cy = 0, rad = gfx_px(g, 20);
    ThemeText num_st = THEME_TEXT_HEADING;
    Rect res;

    gfx_round_rect(g, r.x, r.y, r.w, r.h, rad, bg);
    if (picked || winner || selected || tied)
        gfx_round_frame(g, r.x, r.y, r.w, r.h, rad, gfx_px(g, picked ? 6 : 4),
                        picked || winner ? frame_c : with_alpha(frame_c, 150));
    /* Number badge: the key that picks the option (index + 1, hidden ones keep theirs). */
    snprintf(num, sizeof num, "%d", i + 1);
    num_st = o.badge >= lh(g, THEME_TEXT_HEADING) ? THEME_TEXT_HEADING
             : o.badge >= lh(g, THEME_TEXT_BODY_BOLD) ? THEME_TEXT_BODY_BOLD
                                                       : THEME_TEXT_SMALL_BOLD;
    cy = r.y + (r.h - o.badge) / 2;
    gfx_round_rect(g, r.x + o.pad, cy, o.badge, o.badge, gfx_px(g, 16), badge_c);
    gfx_text(g, r.x + o.pad, cy + (o.badge - lh(g, num_st)) / 2 + gfx_px(g, 2), o.badge, num,
             num_st,
             rgb(disabled && !signal ? THEME_FAINT : THEME_ACCENT_TEXT), GFX_ALIGN_CENTER);
    /* Text, centred vertically with its reason. */
    th = gfx_text_height(g, o.text_w, opt_text(v, i), st);
    if (*reason)
        th += gfx_text_height(g, o.text_w, reason,
                              st == THEME_TEXT_BODY ? THEME_TEXT_ITALIC : THEME_TEXT_SMALL);
    cy = r.y + (r.h - th) / 2;
    cy += gfx_text(g, r.x + o.text_x, cy, o.text_w, opt_text(v, i),
                   signal && !disabled ? THEME_TEXT_BODY_BOLD : st, fg, GFX_ALIGN_LEFT);
    if (*reason)
        gfx_text(g, r.x + o.text_x, cy, o.text_w, reason,
                 st == THEME_TEXT_BODY ? THEME_TEXT_ITALIC : THEME_TEXT_SMALL, rgb(THEME_FAINT),
                 GFX_ALIGN_LEFT);
    /* Right column: marker, live count, entry field or result. */
    res.x = r.x + r.w - o.res_w - o.pad;
    res.w = o.res_w;
    res.y = r.y + o.pad;
    res.h = r.h - 2 * o.pad;
    if (revealed) {
        ThemeColor bc = signal ? signal_color(i) : rgb(winner || picked ? THEME_ACCENT : THEME_DIM);
        Rect rr = res;
        rr.y = r.y + (r.h - result_h(g)) / 2;
        if (rr.y < r.y)
            rr.y = r.y;
        rr.h = r.y + r.h - rr.y;
        clip(g, &r);
        if (!disabled)
            draw_result(g, v, i, rr, bc);
        clip(g, NULL);
        if (picked) {
            chip(g, r.x + o.text_x, r.y - chip_h(g) / 2, ui(v, UI_PICKED), rgb(THEME_ACCENT),
                 rgb(THEME_ACCENT_TEXT));
        }
    } else if (open && !disabled) {
        int fh = lh(g, THEME_TEXT_HEADING) + gfx_px(g, 12);
        int fy = r.y + (r.h - fh) / 2, fw = gfx_px(g, 200);
        int fx = res.x + res.w - fw;
        if (selected) {
            gfx_round_rect(g, fx, fy, fw, fh, gfx_px(g, 12), rgb(THEME_BG));
            gfx_round_frame(g, fx, fy, fw, fh, gfx_px(g, 12), gfx_px(g, 4), rgb(THEME_ACCENT));
            if (v->entry >= 0)
                snprintf(buf, sizeof buf, "%d▏", v->entry);
            else
                snprintf(buf, sizeof buf, "%d▏", vote_hands(v->poll, i));
        } else {
            snprintf(buf, sizeof buf, "%d", vote_hands(v->poll, i));
        }
        gfx_text(g, fx, fy + gfx_px(g, 6), fw - gfx_px(g, 20), buf, THEME_TEXT_HEADING,
                 rgb(selected ? THEME_ACCENT : THEME_TEXT), GFX_ALIGN_RIGHT);
        gfx_text(g, res.x, r.y + (r.h - lh(g, THEME_TEXT_SMALL)) / 2, res.w - fw - gfx_px(g, 20),
                 ui(v, UI_HANDS), THEME_TEXT_SMALL, rgb(THEME_DIM), GFX_ALIGN_RIGHT);
    } else if (opt->explored) {
        snprintf(buf, sizeof buf, "✓ %s", ui(v, UI_EXPLORED));
        gfx_text(g, res.x, r.y + (r.h - lh(g, THEME_TEXT_CAPTION)) / 2, res.w, buf,
                 THEME_TEXT_CAPTION, rgb(THEME_DIM), GFX_ALIGN_RIGHT);
    }
}

/* The label chip above the prompt. */
static void interaction_chip(Gfx *g, const ShowView *v, int x, int y)
{
    int stop = (v->overlays & SHOW_OV_STOP) != 0;
    VoteState vs = v->poll ? vote_state(v->poll) : VOTE_READY;
    int cx = x;
    if (stop)
        cx += chip_st(g, cx, y, ui(v, UI_STOP), rgb(THEME_STALKING), rgb(THEME_TEXT),
                      THEME_TEXT_BODY_BOLD) + gfx_px(g, 16);
    if (v->ikind == STORY_INT_DISCUSS)
        chip(g, cx, y, ui(v, UI_DISCUSS), rgb(THEME_PANEL_HI), rgb(THEME_TEXT));
    else if (v->ikind == STORY_INT_IDEA)
        chip(g, cx, y, ui(v, UI_IDEAS), rgb(THEME_PANEL_HI), rgb(THEME_TEXT));
    else if (v->poll && vs == VOTE_REVEALED)
        chip(g, cx, y, ui(v, UI_RESULT), rgb(THEME_ACCENT), rgb(THEME_ACCENT_TEXT));
    else if (v->poll && vs == VOTE_OPEN)
        chip_st(g, cx, y, ui(v, UI_VOTE_NOW), rgb(THEME_ACCENT), rgb(THEME_ACCENT_TEXT),
                THEME_TEXT_BODY_BOLD);
}

static int prompt_max_h(Gfx *g) { return lh(g, THEME_TEXT_HEADING) * 3; }

static void draw_phones_status(Gfx *g, const ShowView *v, Rect s)
{
    char buf[256];
    int phones = v->phones_joined > 0 || (v->join_url && *v->join_url);
    if (!phones)
        return;
    snprintf(buf, sizeof buf, "%s: %d %s  ·  %d %s", ui(v, UI_PHONES_LABEL), v->phones_joined,
             ui(v, UI_JOINED), v->poll ? vote_phone_voters(v->poll) : 0, ui(v, UI_VOTES));
    gfx_text(g, s.x, s.y, s.w / 2, buf, THEME_TEXT_CAPTION, rgb(THEME_PHONES), GFX_ALIGN_LEFT);
    if (v->join_url && *v->join_url) {
        if (v->room_code && *v->room_code)
            snprintf(buf, sizeof buf, "%s  ·  %s %s", v->join_url, ui(v, UI_ROOM_CODE),
                     v->room_code);
        else
            snprintf(buf, sizeof buf, "%s", v->join_url);
        gfx_text(g, s.x + s.w / 2, s.y, s.w / 2, buf, THEME_TEXT_CAPTION, rgb(THEME_DIM),
                 GFX_ALIGN_RIGHT);
    }
}

/* Lays out the option rows in o_area (hidden options get h = 0); draw_options
 * and views_hit share it so a click lands on the row that was drawn. */
static void options_layout(Gfx *g, const ShowView *v, Rect o_area, Rect *rows, OptGeom *og,
                           ThemeText *style)
{
    VoteState vs = v->poll ? vote_state(v->poll) : VOTE_READY;
    int with_result = v->poll != NULL;
    OptGeom o = opt_geom(g, o_area.w, with_result && vs == VOTE_REVEALED);
    ThemeText st = THEME_TEXT_BODY;
    int i = 0, total = 0, gap = gfx_px(g, 16), y = 0, n = v->n_options;
    if (n > STORY_MAX_OPTIONS)
        n = STORY_MAX_OPTIONS;
    if (with_result && vs != VOTE_REVEALED) {
        o.res_w = gfx_px(g, 420);
        o.text_w = o_area.w - o.text_x - o.res_w - gfx_px(g, 28);
    }
    /* Shrink the text until all rows fit, then squeeze the gaps. */
    for (;;) {
        total = 0;
        for (i = 0; i < n; i++)
            if (v->options[i].state != STORY_OPT_HIDDEN)
                total += row_h(g, v, i, o, st) + gap;
        if (total <= o_area.h || theme_text_smaller(st) < 0)
            break;
        st = (ThemeText)theme_text_smaller(st);
        /* smaller text: smaller badges and paddings, wider text column */
        o.pad = gfx_px(g, V_ROW_PAD / 3);
        o.badge = lh(g, st) + gfx_px(g, 10);
        o.text_x = o.pad + o.badge + gfx_px(g, 20);
        o.text_w = o_area.w - o.text_x - o.res_w - gfx_px(g, 20);
    }
    if (total > o_area.h)
        gap = gfx_px(g, 4);
    y = o_area.y;
    for (i = 0; i < STORY_MAX_OPTIONS; i++) {
        rows[i].x = o_area.x;
        rows[i].y = y;
        rows[i].w = o_area.w;
        rows[i].h = 0;
        if (i >= n || v->options[i].state == STORY_OPT_HIDDEN)
            continue;
        rows[i].h = row_h(g, v, i, o, st);
        y += rows[i].h + gap;
    }
    *og = o;
    *style = st;
}

static void draw_options(Gfx *g, const ShowView *v, Rect o_area)
{
    Rect rows[STORY_MAX_OPTIONS];
    OptGeom o;
    ThemeText st = THEME_TEXT_BODY;
    int i = 0;
    options_layout(g, v, o_area, rows, &o, &st);
    clip(g, &o_area);
    for (i = 0; i < STORY_MAX_OPTIONS; i++) {
        if (rows[i].h <= 0)
            continue;
        draw_option_row(g, v, i, rows[i], o, st);
        clip(g, &o_area);
    }
    clip(g, NULL);
}

static void draw_ideas_list(Gfx *g, const ShowView *v, Rect r)
{
    int cols = 2, i = 0, cw = 0, gap = gfx_px(g, 24), pad = gfx_px(g, 24), y = r.y;
    int row_top = r.y, row_max = 0;
    if (v->n_ideas <= 0 || !v->ideas) {
        gfx_text(g, r.x, r.y, r.w, ui(v, UI_NO_IDEAS), THEME_TEXT_CAPTION, rgb(THEME_FAINT),
                 GFX_ALIGN_LEFT);
        return;
    }
    cw = (r.w - gap * (cols - 1)) / cols;
    clip(g, &r);
    for (i = 0; i < v->n_ideas; i++) {
        const char *idea = v->ideas[i] ? v->ideas[i] : "";
        int th = gfx_text_height(g, cw - 2 * pad, idea, THEME_TEXT_BODY);
        int x = r.x + (i % cols) * (cw + gap);
        if (i % cols == 0) {
            row_top = y;
            row_max = 0;
        }
        if (row_top + th + 2 * pad > r.y + r.h)
            break;
        gfx_round_rect(g, x, row_top, cw, th + 2 * pad, gfx_px(g, 18), rgb(THEME_PANEL_HI));
        gfx_fill_rect(g, x, row_top + gfx_px(g, 18), gfx_px(g, 8), th + 2 * pad - gfx_px(g, 36),
                      rgb(THEME_PHONES));
        gfx_text(g, x + pad, row_top + pad, cw - 2 * pad, idea, THEME_TEXT_BODY, rgb(THEME_TEXT),
                 GFX_ALIGN_LEFT);
        if (th + 2 * pad > row_max)
            row_max = th + 2 * pad;
        if (i % cols == cols - 1 || i == v->n_ideas - 1)
            y = row_top + row_max + gap;
    }
    clip(g, NULL);
}

static const char *interaction_prompt(const ShowView *v)
{
    const char *prompt = tx(v, v->prompt);
    int stop = (v->overlays & SHOW_OV_STOP) != 0;
    if (stop && !*prompt && v->sc)
        prompt = tx(v, &v->sc->stop_question);
    if (!*prompt && (stop || v->ikind == STORY_INT_SIGNAL))
        prompt = ui(v, UI_SIGNAL_QUESTION);
    return prompt;
}

/* Where the prompt goes (y and height, with its style) and the status line. */
static void interaction_geom(Gfx *g, const ShowView *v, int *prompt_y, int *prompt_h,
                             ThemeText *prompt_st, Rect *status)
{
    Rect a = safe_area(g);
    const char *prompt = interaction_prompt(v);
    int stop = (v->overlays & SHOW_OV_STOP) != 0;
    VoteState vs = v->poll ? vote_state(v->poll) : VOTE_READY;
    int y = a.y, status_h = lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 24);
    y += (stop || (v->poll && vs == VOTE_OPEN) ? lh(g, THEME_TEXT_BODY_BOLD) + gfx_px(g, 8)
                                                : chip_h(g)) +
         gfx_px(g, 20);
    *prompt_y = y;
    *prompt_st = fit_style(g, prompt, a.w, prompt_max_h(g), THEME_TEXT_HEADING);
    *prompt_h = gfx_text_height(g, a.w, prompt, *prompt_st);
    if (*prompt_h > prompt_max_h(g))
        *prompt_h = prompt_max_h(g);
    status->x = a.x;
    status->w = a.w;
    status->h = lh(g, THEME_TEXT_CAPTION);
    status->y = a.y + a.h - footer_h(g) - status_h;
}

/* The join box shows beside the options while a poll with phones is open. */
static int join_box_shown(const ShowView *v)
{
    return v->join_url && *v->join_url && v->poll && vote_state(v->poll) == VOTE_OPEN;
}

/* The join URL without its scheme, as people type it. */
static const char *short_url(const char *url)
{
    if (strncmp(url, "http://", 7) == 0)
        return url + 7;
    if (strncmp(url, "https://", 8) == 0)
        return url + 8;
    return url;
}

/* A compact join box at the top right of r (x + w is its right edge): QR
 * code, short URL, room code and "joined N · voted M". */
static void draw_join_box(Gfx *g, const ShowView *v, Rect r)
{
    char buf[160];
    const char *url = short_url(v->join_url);
    int pad = gfx_px(g, 22), inner = r.w - 2 * pad, y = r.y + pad, qr = 0, text_h = 0, h = 0;
    ThemeText us = fit_style(g, url, inner, lh(g, THEME_TEXT_CAPTION), THEME_TEXT_CAPTION);
    ThemeText ss = THEME_TEXT_CAPTION;
    snprintf(buf, sizeof buf, "%s %d · %s %d", ui(v, UI_JOINED), v->phones_joined,
             ui(v, UI_VOTED), v->poll ? vote_phone_voters(v->poll) : 0);
    ss = fit_style(g, buf, inner, lh(g, THEME_TEXT_CAPTION), THEME_TEXT_CAPTION);
    text_h = lh(g, us) + (v->room_code && *v->room_code
                              ? lh(g, THEME_TEXT_SMALL) + lh(g, THEME_TEXT_HEADING)
                              : 0) +
             lh(g, ss) + gfx_px(g, 36);
    qr = r.h - 2 * pad - text_h;
    if (qr > inner)
        qr = inner;
    if (qr < gfx_px(g, 120))
        qr = 0;
    h = 2 * pad + text_h + (qr > 0 ? qr + gfx_px(g, 14) : 0);
    if (h > r.h)
        h = r.h;
    gfx_round_rect(g, r.x, r.y, r.w, h, gfx_px(g, 22), rgb(THEME_PANEL));
    gfx_round_frame(g, r.x, r.y, r.w, h, gfx_px(g, 22), gfx_px(g, 3), rgb(THEME_PHONES));
    clip(g, &(Rect){r.x, r.y, r.w, h});
    if (qr > 0 && gfx_qr(g, v->join_url, r.x + (r.w - qr) / 2, y, qr) > 0)
        y += qr + gfx_px(g, 14);
    y += gfx_text(g, r.x + pad, y, inner, url, us, rgb(THEME_TEXT), GFX_ALIGN_CENTER);
    if (v->room_code && *v->room_code) {
        y += gfx_px(g, 8);
        y += gfx_text(g, r.x + pad, y, inner, ui(v, UI_ROOM_CODE), THEME_TEXT_SMALL,
                      rgb(THEME_DIM), GFX_ALIGN_CENTER);
        y += gfx_text(g, r.x + pad, y, inner, v->room_code, THEME_TEXT_HEADING,
                      rgb(THEME_ACCENT), GFX_ALIGN_CENTER);
    }
    y += gfx_px(g, 12);
    gfx_text(g, r.x + pad, y, inner, buf, ss, rgb(THEME_PHONES), GFX_ALIGN_CENTER);
    clip(g, NULL);
}

static Rect options_area(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g), status, o;
    int py = 0, ph = 0;
    ThemeText st = THEME_TEXT_HEADING;
    interaction_geom(g, v, &py, &ph, &st, &status);
    o.x = a.x;
    o.y = py + ph + gfx_px(g, 36);
    o.w = a.w;
    o.h = status.y - o.y - gfx_px(g, 12);
    if (join_box_shown(v))
        o.w -= gfx_px(g, V_JOIN_W) + gfx_px(g, V_JOIN_GAP);
    return o;
}

static void draw_interaction(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g), o_area, status;
    const char *prompt = interaction_prompt(v);
    int stop = (v->overlays & SHOW_OV_STOP) != 0;
    int y = 0, ph = 0;
    VoteState vs = v->poll ? vote_state(v->poll) : VOTE_READY;
    ThemeText st;
    UiTextId keys = UI_KEYS_CHOICE;
    interaction_chip(g, v, a.x, a.y);
    interaction_geom(g, v, &y, &ph, &st, &status);
    clip(g, &(Rect){a.x, y, a.w, ph});
    gfx_text(g, a.x, y, a.w, prompt, st, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    clip(g, NULL);
    y += ph + gfx_px(g, 36);

    if (v->ikind == STORY_INT_DISCUSS && !stop) {
        if (v->seconds_left >= 0) {
            char buf[32];
            int s = v->seconds_left;
            int bh = lh(g, THEME_TEXT_HUGE);
            int by = y + (status.y - y - bh) / 2;
            snprintf(buf, sizeof buf, "%02d:%02d", s / 60 % 100, s % 60);
            gfx_text(g, a.x, by, a.w, buf, THEME_TEXT_HUGE,
                     rgb(s == 0 ? THEME_STALKING : THEME_ACCENT), GFX_ALIGN_CENTER);
            if (s == 0)
                gfx_text(g, a.x, by + bh, a.w, ui(v, UI_TIME_UP), THEME_TEXT_HEADING,
                         rgb(THEME_TEXT), GFX_ALIGN_CENTER);
        }
        footer(g, v, UI_KEYS_BEAT);
        return;
    }
    if (v->ikind == STORY_INT_IDEA && !stop) {
        Rect ir = {a.x, y, a.w, status.y - y - gfx_px(g, 16)};
        draw_ideas_list(g, v, ir);
        draw_phones_status(g, v, status);
        footer(g, v, UI_KEYS_BEAT);
        return;
    }
    o_area = options_area(g, v);
    draw_options(g, v, o_area);
    if (join_box_shown(v)) {
        Rect jb;
        jb.w = gfx_px(g, V_JOIN_W);
        jb.x = a.x + a.w - jb.w;
        jb.y = o_area.y;
        jb.h = o_area.h;
        draw_join_box(g, v, jb);
    }
    if (!v->poll) {
        gfx_text(g, status.x, status.y, status.w, ui(v, UI_OPEN_VOTE_HINT), THEME_TEXT_CAPTION,
                 rgb(THEME_DIM), GFX_ALIGN_LEFT);
    } else if (vs == VOTE_REVEALED) {
        char buf[160];
        if (v->winner == -2 && v->picked < 0) {
            gfx_text(g, status.x, status.y, status.w / 2, ui(v, UI_TIE), THEME_TEXT_CAPTION,
                     rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        }
        snprintf(buf, sizeof buf, "%d %s", vote_grand_total(v->poll), ui(v, UI_VOTES));
        gfx_text(g, status.x + status.w / 2, status.y, status.w / 2, buf, THEME_TEXT_CAPTION,
                 rgb(THEME_DIM), GFX_ALIGN_RIGHT);
        keys = UI_KEYS_RESULT;
    } else {
        if (!join_box_shown(v))
            draw_phones_status(g, v, status);
        if (join_box_shown(v) || !(v->phones_joined > 0 || (v->join_url && *v->join_url)))
            gfx_text(g, status.x, status.y, status.w, ui(v, UI_REVEAL_HINT), THEME_TEXT_CAPTION,
                     rgb(THEME_DIM), GFX_ALIGN_LEFT);
        keys = UI_KEYS_OPEN;
    }
    footer(g, v, keys);
}

/* ---- ending ------------------------------------------------------------------ */

/* Text styles of a help card, from the biggest to the smallest. */
static const ThemeText contact_levels[][3] = {
    /* name, phone number, description */
    {THEME_TEXT_HEADING, THEME_TEXT_HUGE, THEME_TEXT_BODY},
    {THEME_TEXT_HEADING, THEME_TEXT_TITLE, THEME_TEXT_BODY},
    {THEME_TEXT_BODY_BOLD, THEME_TEXT_TITLE, THEME_TEXT_CAPTION},
    {THEME_TEXT_BODY_BOLD, THEME_TEXT_HEADING, THEME_TEXT_CAPTION},
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_BODY_BOLD, THEME_TEXT_SMALL},
};
#define N_CONTACT_LEVELS ((int)(sizeof contact_levels / sizeof contact_levels[0]))

/* Lays out (draw=0: measures) the help card contacts in r in `cols`
 * columns with the styles of `level`; returns the height used. */
static int contacts_at(Gfx *g, const ShowView *v, Rect r, int cols, int level, int draw)
{
    const Scenario *sc = v->sc;
    ThemeText name_s = contact_levels[level][0], phone_s = contact_levels[level][1];
    ThemeText text_s = contact_levels[level][2];
    int i = 0, gap = gfx_px(g, 28), h = 0, col_y[2] = {0, 0};
    int cw = (r.w - gap * (cols - 1)) / cols, pad = gfx_px(g, level < 2 ? 36 : 26);
    for (i = 0; i < sc->n_contacts; i++) {
        const StoryContact *c = &sc->contacts[i];
        int col = i % cols, ch = 2 * pad, x = r.x + col * (cw + gap), y = r.y + col_y[col];
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

/* Help card contacts in r: name, big phone number, web, what they help
 * with.  Starts at level `first` and shrinks until they fit (the smallest
 * level is clipped by the caller's clip rectangle). */
static void draw_contacts(Gfx *g, const ShowView *v, Rect r, int first)
{
    int level = first, cols = 1;
    if (!v->sc || v->sc->n_contacts <= 0)
        return;
    for (; level < N_CONTACT_LEVELS - 1; level++) {
        if (contacts_at(g, v, r, 1, level, 0) <= r.h) {
            cols = 1;
            break;
        }
        if (v->sc->n_contacts > 1 && r.w > gfx_px(g, 1100) &&
            contacts_at(g, v, r, 2, level, 0) <= r.h) {
            cols = 2;
            break;
        }
    }
    contacts_at(g, v, r, cols, level, 1);
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

/* Text styles of a contact card in the ending's compact grid: name, phone
 * number, description.  Phone numbers stay big longest. */
static const ThemeText grid_levels[][3] = {
    {THEME_TEXT_BODY_BOLD, THEME_TEXT_TITLE, THEME_TEXT_CAPTION},
    {THEME_TEXT_BODY_BOLD, THEME_TEXT_HEADING, THEME_TEXT_CAPTION},
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_HEADING, THEME_TEXT_SMALL},
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_BODY_BOLD, THEME_TEXT_SMALL},
};
#define N_GRID_LEVELS ((int)(sizeof grid_levels / sizeof grid_levels[0]))

/* Measures (and with draw, draws at x, y with height ch) one contact card
 * of width cw.  Returns its natural height, or -1 when the phone number
 * does not fit the card on one line (numbers are never wrapped). */
static int contact_card(Gfx *g, const ShowView *v, const StoryContact *c, int x, int y, int cw,
                        int ch, int level, int draw)
{
    ThemeText name_s = grid_levels[level][0], phone_s = grid_levels[level][1];
    ThemeText text_s = grid_levels[level][2];
    int pad = gfx_px(g, level < 2 ? 26 : 18), inner = cw - 2 * pad - gfx_px(g, 6), h = 2 * pad;
    const char *text = tx(v, &c->text);
    if (inner < 1)
        return -1;
    if (c->phone && gfx_measure(g, c->phone, strlen(c->phone), phone_s) > inner)
        return -1;
    h += gfx_text_height(g, inner, tx(v, &c->name), name_s);
    if (c->phone)
        h += lh(g, phone_s);
    if (c->web)
        h += gfx_text_height(g, inner, c->web, text_s);
    if (*text)
        h += gfx_text_height(g, inner, text, text_s);
    if (draw) {
        int tx0 = x + pad + gfx_px(g, 6);
        gfx_round_rect(g, x, y, cw, ch, gfx_px(g, 18), rgb(THEME_PANEL));
        gfx_fill_rect(g, x, y + gfx_px(g, 16), gfx_px(g, 8), ch - gfx_px(g, 32), rgb(THEME_ACCENT));
        y += pad;
        y += gfx_text(g, tx0, y, inner, tx(v, &c->name), name_s, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
        if (c->phone)
            y += gfx_text(g, tx0, y, 100000, c->phone, phone_s, rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        if (c->web)
            y += gfx_text(g, tx0, y, inner, c->web, text_s, rgb(THEME_PHONES), GFX_ALIGN_LEFT);
        if (*text)
            gfx_text(g, tx0, y, inner, text, text_s, rgb(THEME_DIM), GFX_ALIGN_LEFT);
    }
    return h;
}

/* The help card's contacts as a grid of `cols` columns whose rows line up.
 * Returns the height used, or -1 when a phone number does not fit. */
static int contacts_grid(Gfx *g, const ShowView *v, Rect r, int cols, int level, int draw)
{
    const Scenario *sc = v->sc;
    int gap = gfx_px(g, 20), cw = 0, row = 0, k = 0, y = r.y, n = sc ? sc->n_contacts : 0;
    if (n <= 0)
        return 0;
    if (cols < 1)
        cols = 1;
    cw = (r.w - gap * (cols - 1)) / cols;
    for (row = 0; row * cols < n; row++) {
        int rh = 0;
        for (k = 0; k < cols && row * cols + k < n; k++) {
            int h = contact_card(g, v, &sc->contacts[row * cols + k], 0, 0, cw, 0, level, 0);
            if (h < 0)
                return -1;
            if (h > rh)
                rh = h;
        }
        if (draw)
            for (k = 0; k < cols && row * cols + k < n; k++)
                contact_card(g, v, &sc->contacts[row * cols + k], r.x + k * (cw + gap), y, cw, rh,
                             level, 1);
        y += rh + gap;
    }
    return y - gap - r.y;
}

/* Styles of the ending's first page, from the biggest to the smallest:
 * heading, outcome text, advice, contact grid level. */
typedef struct EndLevel {
    ThemeText head, text, advice;
    int grid;
} EndLevel;

static const EndLevel end_levels[] = {
    {THEME_TEXT_HEADING, THEME_TEXT_BODY, THEME_TEXT_BODY, 0},
    {THEME_TEXT_HEADING, THEME_TEXT_BODY, THEME_TEXT_CAPTION, 1},
    {THEME_TEXT_BODY_BOLD, THEME_TEXT_CAPTION, THEME_TEXT_CAPTION, 1},
    {THEME_TEXT_BODY_BOLD, THEME_TEXT_CAPTION, THEME_TEXT_CAPTION, 2},
    {THEME_TEXT_BODY_BOLD, THEME_TEXT_CAPTION, THEME_TEXT_SMALL, 2},
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_SMALL, THEME_TEXT_SMALL, 2},
    {THEME_TEXT_SMALL_BOLD, THEME_TEXT_SMALL, THEME_TEXT_SMALL, 3},
};
#define N_END_LEVELS ((int)(sizeof end_levels / sizeof end_levels[0]))

/* Lays out (draw=0: measures) the ending's first page in the body area a:
 * outcome on the left and key advice on the right, then the help card as a
 * grid across the whole width.  Returns the height needed, or -1 when a
 * phone number does not fit its card at this level and column count. */
static int ending_page0(Gfx *g, const ShowView *v, Rect a, const EndLevel *l, int cols, int draw)
{
    const StoryBeat *b = cur_beat(v);
    const Scenario *sc = v->sc;
    const char *text = b ? tx(v, &b->ending_text) : "";
    const char *title = b && b->title.s[0] ? beat_label(v, v->beat) : "";
    const char *help = sc ? tx(v, &sc->help_title) : "";
    int gap = gfx_px(g, 60), lw = (a.w - gap) / 2, rw = a.w - lw - gap, rx = a.x + lw + gap;
    int ly = a.y, ry = a.y, i = 0, top = 0, y = 0, grid = 0, bullet = gfx_px(g, 40);
    int adv_gap = gfx_px(g, l->advice == THEME_TEXT_SMALL ? 4 : 8);
    int hh = lh(g, l->head) > chip_h(g) ? lh(g, l->head) : chip_h(g);
    Rect gr;
    if (!*help)
        help = ui(v, UI_HELP);
    /* left: the outcome */
    if (*title)
        ly += (draw ? gfx_text(g, a.x, ly, lw, title, l->head, rgb(THEME_TEXT), GFX_ALIGN_LEFT)
                    : gfx_text_height(g, lw, title, l->head)) +
              gfx_px(g, 12);
    if (*text)
        ly += draw ? gfx_text(g, a.x, ly, lw, text, l->text, rgb(THEME_TEXT), GFX_ALIGN_LEFT)
                   : gfx_text_height(g, lw, text, l->text);
    /* right: key advice, with the timeline hint on its heading line */
    if (sc && sc->n_advice > 0) {
        if (draw) {
            const char *hint = ui(v, UI_TO_TIMELINE);
            int cw = gfx_measure(g, hint, strlen(hint), THEME_TEXT_SMALL_BOLD) + gfx_px(g, 32);
            gfx_text(g, rx, ry + (hh - lh(g, l->head)) / 2, rw - cw, ui(v, UI_KEY_ADVICE), l->head,
                     rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
            chip(g, rx + rw - cw, ry + (hh - chip_h(g)) / 2, hint, rgb(THEME_PANEL_HI),
                 rgb(THEME_TEXT));
        }
        ry += hh + gfx_px(g, 8);
        for (i = 0; i < sc->n_advice; i++) {
            const char *s = tx(v, &sc->advice[i]);
            if (draw) {
                int d = gfx_px(g, 12);
                gfx_circle(g, rx + d, ry + lh(g, l->advice) / 2, d / 2, rgb(THEME_ACCENT));
                ry += gfx_text(g, rx + bullet, ry, rw - bullet, s, l->advice, rgb(THEME_TEXT),
                               GFX_ALIGN_LEFT);
            } else {
                ry += gfx_text_height(g, rw - bullet, s, l->advice);
            }
            ry += adv_gap;
        }
    } else if (draw) {
        const char *hint = ui(v, UI_TO_TIMELINE);
        int cw = gfx_measure(g, hint, strlen(hint), THEME_TEXT_SMALL_BOLD) + gfx_px(g, 32);
        chip(g, rx + rw - cw, ry, hint, rgb(THEME_PANEL_HI), rgb(THEME_TEXT));
        ry += chip_h(g);
    }
    top = (ly > ry ? ly : ry) - a.y;
    if (draw)
        gfx_fill_rect(g, a.x + lw + gap / 2, a.y, gfx_px(g, 2), top, rgb(THEME_LINE));
    y = a.y + top;
    if (!sc || sc->n_contacts <= 0)
        return top;
    /* bottom: the help card across the whole width */
    y += gfx_px(g, 24);
    if (draw)
        gfx_fill_rect(g, a.x, y, a.w, gfx_px(g, 2), rgb(THEME_LINE));
    y += gfx_px(g, 20);
    y += draw ? gfx_text(g, a.x, y, a.w, help, l->head, rgb(THEME_TEXT), GFX_ALIGN_LEFT)
              : gfx_text_height(g, a.w, help, l->head);
    y += gfx_px(g, 14);
    gr.x = a.x;
    gr.y = y;
    gr.w = a.w;
    gr.h = a.y + a.h - y;
    grid = contacts_grid(g, v, gr, cols, l->grid, draw);
    if (grid < 0)
        return -1;
    return y + grid - a.y;
}

/* The first ending page: the largest styles with which everything fits. */
static void draw_ending_page0(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g);
    int lvl = 0, n = v->sc ? v->sc->n_contacts : 0, c = 0, best_l = -1, best_c = 1;
    int maxc = n < 3 ? (n > 0 ? n : 1) : 3;
    a.h -= footer_h(g);
    for (lvl = 0; lvl < N_END_LEVELS && best_l < 0; lvl++) {
        for (c = maxc; c >= 1 && c >= maxc - 1; c--) {
            int h = ending_page0(g, v, a, &end_levels[lvl], c, 0);
            if (h >= 0 && h <= a.h) {
                best_l = lvl;
                best_c = c;
                break;
            }
        }
    }
    if (best_l < 0) {
        /* nothing fits: the smallest styles, clipped to the body */
        best_l = N_END_LEVELS - 1;
        best_c = maxc;
        while (best_c > 1 && ending_page0(g, v, a, &end_levels[best_l], best_c, 0) < 0)
            best_c--;
    }
    clip(g, &a);
    ending_page0(g, v, a, &end_levels[best_l], best_c, 1);
    clip(g, NULL);
    footer(g, v, UI_KEYS_ENDING);
}

/* ---- ending: timeline page ------------------------------------------------------- */

/* One poll of the timeline in r: number, STOP chip for a stop, the beat
 * title, and its bar (or the facilitator's pick as a full bar). */
static void timeline_row(Gfx *g, const ShowView *v, int idx, Rect r, int labw, ThemeText ls)
{
    const ShowSignal *s = &v->signals[idx];
    int total = s->counts[0] + s->counts[1] + s->counts[2], k = 0;
    int bx = r.x + labw, bw = r.w - labw, x = bx, lx = r.x, numw = 0;
    int ty = r.y + (r.h - lh(g, ls)) / 2;
    char num[16];
    if (bw < 1)
        bw = 1;
    snprintf(num, sizeof num, "%d.", idx + 1);
    numw = gfx_measure(g, "00.", 3, ls) + gfx_px(g, 12);
    gfx_text(g, lx, ty, numw, num, ls, rgb(THEME_FAINT), GFX_ALIGN_LEFT);
    lx += numw;
    clip(g, &(Rect){lx, r.y, bx - lx - gfx_px(g, 20), r.h});
    if (s->stop) {
        /* a chip no higher than the row, so small rows keep it whole */
        int ch = chip_h(g) < r.h ? chip_h(g) : r.h, pad = gfx_px(g, ch < chip_h(g) ? 8 : 16);
        int cw = gfx_measure(g, "STOP", 4, THEME_TEXT_SMALL_BOLD) + 2 * pad;
        int cy = r.y + (r.h - ch) / 2;
        gfx_round_rect(g, lx, cy, cw, ch, ch / 2, rgb(THEME_STALKING));
        gfx_text(g, lx, cy + (ch - lh(g, THEME_TEXT_SMALL_BOLD)) / 2, cw, "STOP",
                 THEME_TEXT_SMALL_BOLD, rgb(THEME_TEXT), GFX_ALIGN_CENTER);
        lx += cw + gfx_px(g, 12);
    }
    gfx_text(g, lx, ty, 100000, beat_label(v, s->beat), ls, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    clip(g, NULL);
    if (total <= 0 && s->result >= 0 && s->result <= 2) {
        /* decided by the facilitator's pick without a vote */
        const char *lab = ui(v, signal_text(s->result));
        ThemeText bs = lh(g, THEME_TEXT_SMALL_BOLD) <= r.h ? THEME_TEXT_SMALL_BOLD : ls;
        gfx_round_rect(g, bx, r.y, bw, r.h, gfx_px(g, 8), signal_color(s->result));
        clip(g, &(Rect){bx, r.y, bw, r.h});
        gfx_text(g, bx, r.y + (r.h - lh(g, bs)) / 2, bw, lab, bs, rgb(THEME_ACCENT_TEXT),
                 GFX_ALIGN_CENTER);
        clip(g, NULL);
        return;
    }
    if (total <= 0) {
        gfx_round_rect(g, bx, r.y, bw, r.h, gfx_px(g, 8), rgb(THEME_LINE));
        return;
    }
    for (k = 0; k < 3; k++) {
        int segw = bw * s->counts[k] / total;
        char n[16];
        if (s->counts[k] <= 0)
            continue;
        /* the last coloured segment takes the rounding rest */
        if ((k == 1 && s->counts[2] <= 0) || k == 2 || (k == 0 && s->counts[1] <= 0 &&
                                                        s->counts[2] <= 0))
            segw = bx + bw - x;
        if (segw <= 0)
            continue;
        gfx_fill_rect(g, x, r.y, segw, r.h, signal_color(k));
        snprintf(n, sizeof n, "%d", s->counts[k]);
        if (gfx_measure(g, n, strlen(n), THEME_TEXT_SMALL_BOLD) + gfx_px(g, 16) < segw &&
            lh(g, THEME_TEXT_SMALL_BOLD) <= r.h + gfx_px(g, 8))
            gfx_text(g, x, r.y + (r.h - lh(g, THEME_TEXT_SMALL_BOLD)) / 2, segw, n,
                     THEME_TEXT_SMALL_BOLD, rgb(THEME_ACCENT_TEXT), GFX_ALIGN_CENTER);
        x += segw;
    }
}

/* Timeline layout: columns, row pitch, bar height and label style so that
 * every poll is shown in the area of height avail. */
typedef struct TimelineGeom {
    int cols, per_col, pitch, bar_h;
    ThemeText ls;
} TimelineGeom;

static TimelineGeom timeline_geom(Gfx *g, int n, int avail)
{
    TimelineGeom t;
    int min_pitch = lh(g, THEME_TEXT_SMALL) + gfx_px(g, 6);
    int max_pitch = lh(g, THEME_TEXT_BODY) + gfx_px(g, 40);
    t.cols = 1;
    if (n < 1)
        n = 1;
    while (t.cols < 4 && ((n + t.cols - 1) / t.cols) * min_pitch > avail)
        t.cols++;
    t.per_col = (n + t.cols - 1) / t.cols;
    t.pitch = avail / t.per_col;
    if (t.pitch > max_pitch)
        t.pitch = max_pitch;
    if (t.pitch >= lh(g, THEME_TEXT_BODY) + gfx_px(g, 24))
        t.ls = THEME_TEXT_BODY;
    else if (t.pitch >= lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 10))
        t.ls = THEME_TEXT_CAPTION;
    else
        t.ls = THEME_TEXT_SMALL;
    t.bar_h = t.pitch - gfx_px(g, t.pitch > gfx_px(g, 60) ? 18 : 6);
    if (t.bar_h < 2)
        t.bar_h = 2;
    return t;
}

/* The second ending page: "when did it become stalking?" full screen. */
static void draw_timeline_page(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g);
    TimelineGeom t;
    int y = a.y, k = 0, i = 0, gapc = gfx_px(g, 60), colw = 0, labw = 0, legend_x = 0, lw = 0;
    int sw = gfx_px(g, 30), n = v->signals ? v->n_signals : 0, bottom = a.y + a.h - footer_h(g);
    gfx_fill_rect(g, a.x, y, gfx_px(g, 140), gfx_px(g, 12), rgb(THEME_ACCENT));
    y += gfx_px(g, 36);
    y += gfx_text(g, a.x, y, a.w, ui(v, UI_WHEN_STALKING), THEME_TEXT_TITLE, rgb(THEME_TEXT),
                  GFX_ALIGN_LEFT);
    y += gfx_px(g, 12);
    /* legend */
    for (k = 0; k < 3; k++) {
        const char *s = ui(v, signal_text(k));
        lw += sw + gfx_px(g, 12) + gfx_measure(g, s, strlen(s), THEME_TEXT_CAPTION) +
              (k < 2 ? gfx_px(g, 48) : 0);
    }
    legend_x = a.x;
    for (k = 0; k < 3; k++) {
        const char *s = ui(v, signal_text(k));
        gfx_round_rect(g, legend_x, y + (lh(g, THEME_TEXT_CAPTION) - sw) / 2, sw, sw,
                       gfx_px(g, 6), signal_color(k));
        gfx_text(g, legend_x + sw + gfx_px(g, 12), y, a.w, s, THEME_TEXT_CAPTION, rgb(THEME_DIM),
                 GFX_ALIGN_LEFT);
        legend_x += sw + gfx_px(g, 12) + gfx_measure(g, s, strlen(s), THEME_TEXT_CAPTION) +
                    gfx_px(g, 48);
    }
    (void)lw;
    y += lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 36);
    if (n <= 0) {
        gfx_text(g, a.x, y, a.w, ui(v, UI_NO_SIGNALS), THEME_TEXT_BODY, rgb(THEME_FAINT),
                 GFX_ALIGN_LEFT);
        footer(g, v, UI_KEYS_TIMELINE);
        return;
    }
    t = timeline_geom(g, n, bottom - y);
    colw = (a.w - gapc * (t.cols - 1)) / t.cols;
    labw = colw * (t.cols == 1 ? 36 : 48) / 100;
    for (i = 0; i < n; i++) {
        Rect r;
        r.x = a.x + (i / t.per_col) * (colw + gapc);
        r.y = y + (i % t.per_col) * t.pitch;
        r.w = colw;
        r.h = t.bar_h;
        timeline_row(g, v, i, r, labw, t.ls);
    }
    footer(g, v, UI_KEYS_TIMELINE);
}

static void draw_ending(Gfx *g, const ShowView *v)
{
    if (v->ending_page == 1)
        draw_timeline_page(g, v);
    else
        draw_ending_page0(g, v);
}

/* ---- error --------------------------------------------------------------------- */

static void draw_error(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g), tr;
    const char *msg = v->error && *v->error ? v->error : "?";
    int y = a.y + gfx_px(g, 40), pad = gfx_px(g, 40), avail = 0, hint_h = 0;
    ThemeText st;
    gfx_fill_rect(g, a.x, y, gfx_px(g, 140), gfx_px(g, 12), rgb(THEME_ERROR));
    y += gfx_px(g, 44);
    y += gfx_text(g, a.x, y, a.w, ui(v, UI_SCENARIO_ERROR), THEME_TEXT_TITLE, rgb(THEME_ERROR),
                  GFX_ALIGN_LEFT);
    y += gfx_px(g, 40);
    hint_h = lh(g, THEME_TEXT_BODY) + gfx_px(g, 40);
    avail = a.y + a.h - hint_h - y - 2 * pad;
    st = fit_style(g, msg, a.w - 2 * pad, avail, THEME_TEXT_BODY);
    tr.x = a.x;
    tr.y = y;
    tr.w = a.w;
    tr.h = gfx_text_height(g, a.w - 2 * pad, msg, st);
    if (tr.h > avail)
        tr.h = avail;
    tr.h += 2 * pad;
    gfx_round_rect(g, tr.x, tr.y, tr.w, tr.h, gfx_px(g, 22), rgb(THEME_PANEL));
    clip(g, &(Rect){tr.x + pad, tr.y + pad, tr.w - 2 * pad, tr.h - 2 * pad});
    gfx_text(g, tr.x + pad, tr.y + pad, tr.w - 2 * pad, msg, st, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    clip(g, NULL);
    gfx_text(g, a.x, a.y + a.h - lh(g, THEME_TEXT_BODY), a.w, ui(v, UI_ERROR_BACK),
             THEME_TEXT_BODY, rgb(THEME_DIM), GFX_ALIGN_LEFT);
}

/* ---- overlays ------------------------------------------------------------------ */

static void overlay_title_at(Gfx *g, Rect *r, const char *title, const char *keys, int draw)
{
    int h = draw ? gfx_text(g, r->x, r->y, r->w, title, THEME_TEXT_HEADING, rgb(THEME_TEXT),
                            GFX_ALIGN_LEFT)
                 : gfx_text_height(g, r->w, title, THEME_TEXT_HEADING);
    if (keys && draw)
        gfx_text(g, r->x, r->y + r->h - lh(g, THEME_TEXT_SMALL), r->w, keys, THEME_TEXT_SMALL,
                 rgb(THEME_FAINT), GFX_ALIGN_RIGHT);
    r->y += h + gfx_px(g, 24);
    r->h -= h + gfx_px(g, 24) + (keys ? lh(g, THEME_TEXT_SMALL) + gfx_px(g, 12) : 0);
}

static void overlay_title(Gfx *g, Rect *r, const char *title, const char *keys)
{
    overlay_title_at(g, r, title, keys, 1);
}

static void draw_notes(Gfx *g, const ShowView *v)
{
    Rect r;
    const StoryBeat *b = cur_beat(v);
    const char *bn = b ? tx(v, &b->notes) : "";
    const char *sn = v->sc ? tx(v, &v->sc->notes) : "";
    ThemeText st = THEME_TEXT_BODY;
    int level = 0, y = 0;
    backdrop(g);
    r = panel(g, 86, 90);
    overlay_title(g, &r, ui(v, UI_NOTES), ui(v, UI_KEYS_OVERLAY));
    for (level = 0; level < 3; level++) {
        int h = gfx_text_height(g, r.w, *bn ? bn : ui(v, UI_NO_NOTES), st);
        if (*sn)
            h += gfx_px(g, 30) + lh(g, THEME_TEXT_BODY_BOLD) + gfx_text_height(g, r.w, sn, st);
        if (h <= r.h || theme_text_smaller(st) < 0)
            break;
        st = (ThemeText)theme_text_smaller(st);
    }
    clip(g, &r);
    y = r.y;
    y += gfx_text(g, r.x, y, r.w, *bn ? bn : ui(v, UI_NO_NOTES), st,
                  rgb(*bn ? THEME_TEXT : THEME_FAINT), GFX_ALIGN_LEFT);
    if (*sn) {
        y += gfx_px(g, 30);
        y += gfx_text(g, r.x, y, r.w, ui(v, UI_SCENARIO_NOTES), THEME_TEXT_BODY_BOLD,
                      rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        gfx_text(g, r.x, y, r.w, sn, st, rgb(THEME_DIM), GFX_ALIGN_LEFT);
    }
    clip(g, NULL);
}

/* Rows of the moderation list in r with style st: returns the index of the
 * first row shown so that the highlighted one stays in view. */
static int ideas_first(Gfx *g, const ShowView *v, Rect r, int numw, ThemeText st, int sel)
{
    int first = 0, i = 0, h = 0, pad = gfx_px(g, 14), gap = gfx_px(g, 8);
    for (;;) {
        h = 0;
        for (i = first; i <= sel && i < v->n_pending_ideas; i++)
            h += gfx_text_height(g, r.w - numw - 2 * pad, v->pending_ideas[i] ? v->pending_ideas[i] : "", st) +
                 2 * pad + gap;
        if (h - gap <= r.h || first >= sel)
            return first;
        first++;
    }
}

/* The facilitator's moderation overlay: the pending ideas as a numbered
 * list with the highlighted one marked; Enter shows it on the screen. */
static void draw_ideas_overlay(Gfx *g, const ShowView *v)
{
    Rect r;
    char title[128];
    int n = v->pending_ideas ? v->n_pending_ideas : 0, sel = v->idea_sel, i = 0, y = 0, first = 0, level = 0;
    int pad = gfx_px(g, 14), gap = gfx_px(g, 8), numw = 0;
    ThemeText st = THEME_TEXT_BODY, ns = THEME_TEXT_BODY_BOLD;
    backdrop(g);
    r = panel(g, 90, 90);
    if (n > 0)
        snprintf(title, sizeof title, "%s (%d)", ui(v, UI_PENDING_IDEAS), n);
    else
        snprintf(title, sizeof title, "%s", ui(v, UI_PENDING_IDEAS));
    overlay_title(g, &r, title, ui(v, UI_KEYS_IDEAS));
    if (n <= 0) {
        gfx_text(g, r.x, r.y, r.w, ui(v, UI_NO_IDEAS), THEME_TEXT_BODY, rgb(THEME_FAINT),
                 GFX_ALIGN_LEFT);
        return;
    }
    if (sel < 0)
        sel = 0;
    if (sel >= n)
        sel = n - 1;
    /* the largest style with which all ideas fit; beyond that, scroll */
    for (level = 0; level < 2; level++) {
        int h = 0;
        numw = gfx_measure(g, "00.", 3, THEME_TEXT_BODY_BOLD) + gfx_px(g, 20) + lh(g, THEME_TEXT_BODY_BOLD);
        for (i = 0; i < n; i++)
            h += gfx_text_height(g, r.w - numw - 2 * pad, v->pending_ideas[i] ? v->pending_ideas[i] : "", st) +
                 2 * pad + gap;
        if (h - gap <= r.h)
            break;
        st = level == 0 ? THEME_TEXT_CAPTION : THEME_TEXT_SMALL;
    }
    ns = st == THEME_TEXT_BODY ? THEME_TEXT_BODY_BOLD : THEME_TEXT_SMALL_BOLD;
    numw = gfx_measure(g, "00.", 3, ns) + gfx_px(g, 20) + lh(g, ns);
    first = ideas_first(g, v, r, numw, st, sel);
    clip(g, &r);
    y = r.y;
    for (i = first; i < n && y < r.y + r.h; i++) {
        const char *idea = v->pending_ideas[i] ? v->pending_ideas[i] : "";
        int hi = i == sel;
        int th = gfx_text_height(g, r.w - numw - 2 * pad, idea, st);
        char num[16];
        snprintf(num, sizeof num, "%d.", i + 1);
        gfx_round_rect(g, r.x, y, r.w, th + 2 * pad, gfx_px(g, 14),
                       rgb(hi ? THEME_ACCENT : THEME_PANEL_HI));
        gfx_text(g, r.x + pad, y + pad + (lh(g, st) - lh(g, ns)) / 2, numw, num, ns,
                 rgb(hi ? THEME_ACCENT_TEXT : THEME_ACCENT), GFX_ALIGN_LEFT);
        gfx_text(g, r.x + pad + numw, y + pad, r.w - numw - 2 * pad, idea, st,
                 rgb(hi ? THEME_ACCENT_TEXT : THEME_TEXT), GFX_ALIGN_LEFT);
        if (v->idea_flags && v->idea_flags[i]) {
            /* the word list's warning: a red "!" in the number column */
            int d = lh(g, ns);
            int cx = r.x + pad + numw - gfx_px(g, 20) - d / 3;
            gfx_circle(g, cx, y + pad + d / 2, d / 3, rgb(THEME_STALKING));
            gfx_text(g, cx - d / 3, y + pad + d / 2 - lh(g, THEME_TEXT_SMALL_BOLD) / 2, 2 * (d / 3), "!",
                     THEME_TEXT_SMALL_BOLD, rgb(THEME_TEXT), GFX_ALIGN_CENTER);
        }
        y += th + 2 * pad + gap;
    }
    clip(g, NULL);
}

static void decision_text(const ShowView *v, const StoryDecision *d, char *buf, size_t n)
{
    const StoryBeat *b = NULL;
    const char *what = "–";
    if (v->sc && d->beat >= 0 && d->beat < v->sc->n_beats) {
        b = &v->sc->beats[d->beat];
        if (b->interaction.kind == STORY_INT_CHOICE && d->option >= 0 &&
            d->option < b->interaction.n_options)
            what = tx(v, &b->interaction.options[d->option].text);
        else if (b->interaction.kind == STORY_INT_SIGNAL && d->option >= 0 && d->option <= 2)
            what = ui(v, signal_text(d->option));
    }
    snprintf(buf, n, "%s: %s", beat_label(v, d->beat), what);
}

typedef struct RewindGeom {
    Rect r;          /* list area inside the panel */
    ThemeText st;
    int rows, row_h, fit, first, sel;
} RewindGeom;

static RewindGeom rewind_geom(Gfx *g, const ShowView *v, int draw)
{
    RewindGeom k;
    k.rows = v->n_decisions + 1;
    k.sel = v->rewind_sel + 1;
    k.r = panel_at(g, 80, 90, draw);
    overlay_title_at(g, &k.r, ui(v, UI_REWIND), ui(v, UI_KEYS_REWIND), draw);
    k.st = k.rows > 8 ? THEME_TEXT_CAPTION : THEME_TEXT_BODY;
    k.row_h = lh(g, k.st) + 2 * gfx_px(g, 14);
    k.fit = k.r.h / (k.row_h + gfx_px(g, 8));
    if (k.fit < 1)
        k.fit = 1;
    if (k.sel < 0)
        k.sel = 0;
    if (k.sel >= k.rows)
        k.sel = k.rows - 1;
    /* Scroll so the highlighted entry stays in view. */
    k.first = k.sel >= k.fit ? k.sel - k.fit + 1 : 0;
    return k;
}

static void draw_rewind(Gfx *g, const ShowView *v)
{
    RewindGeom k;
    Rect r;
    ThemeText st;
    int rows = 0, row_h = 0, fit = 0, first = 0, sel = 0, i = 0;
    int y = 0, pad = gfx_px(g, 14), numw = gfx_px(g, 80);
    backdrop(g);
    k = rewind_geom(g, v, 1);
    r = k.r;
    st = k.st;
    rows = k.rows;
    row_h = k.row_h;
    fit = k.fit;
    first = k.first;
    sel = k.sel;
    clip(g, &r);
    y = r.y;
    for (i = first; i < rows && i < first + fit; i++) {
        char text[STORY_MAX_TEXT * 2 + 32], num[16];
        int hi = i == sel;
        ThemeColor fg = rgb(hi ? THEME_ACCENT_TEXT : THEME_TEXT);
        if (i == 0)
            snprintf(text, sizeof text, "%s", ui(v, UI_REPLAY_SCENE));
        else
            decision_text(v, &v->decisions[i - 1], text, sizeof text);
        snprintf(num, sizeof num, "%d.", i);
        if (hi)
            gfx_round_rect(g, r.x, y, r.w, row_h, gfx_px(g, 14), rgb(THEME_ACCENT));
        gfx_text(g, r.x + pad, y + pad, numw, num, THEME_TEXT_BODY_BOLD,
                 hi ? fg : rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        clip(g, &(Rect){r.x, y, r.w - pad, row_h});
        gfx_text(g, r.x + pad + numw, y + pad, 100000, text, st, fg, GFX_ALIGN_LEFT);
        clip(g, &r);
        y += row_h + gfx_px(g, 8);
    }
    clip(g, NULL);
}

static void draw_help_overlay(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g);
    gfx_fill_rect(g, a.x, a.y, gfx_px(g, 140), gfx_px(g, 12), rgb(THEME_ACCENT));
    a.y += gfx_px(g, 44);
    a.h -= gfx_px(g, 44) + footer_h(g);
    draw_help_card(g, v, a, THEME_TEXT_TITLE, 0);
    footer(g, v, UI_KEYS_OVERLAY);
}

static void draw_quit(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g), r;
    const char *q = ui(v, UI_QUIT_CONFIRM);
    int pad = gfx_px(g, 50);
    int tw = gfx_text_width(g, a.w - 2 * pad, q, THEME_TEXT_HEADING);
    int th = gfx_text_height(g, a.w - 2 * pad, q, THEME_TEXT_HEADING);
    backdrop(g);
    r.w = tw + 2 * pad;
    r.h = th + 2 * pad;
    r.x = a.x + (a.w - r.w) / 2;
    r.y = a.y + (a.h - r.h) / 2;
    gfx_round_rect(g, r.x, r.y, r.w, r.h, gfx_px(g, 28), rgb(THEME_PANEL));
    gfx_round_frame(g, r.x, r.y, r.w, r.h, gfx_px(g, 28), gfx_px(g, 5), rgb(THEME_ACCENT));
    gfx_text(g, r.x + pad, r.y + pad, r.w - 2 * pad, q, THEME_TEXT_HEADING, rgb(THEME_TEXT),
             GFX_ALIGN_CENTER);
    if (v->eval_unsaved > 0) {
        /* answers the disk refused are lost if the engine stops now */
        char w[256];
        snprintf(w, sizeof w,
                 v->ui_en ? "Warning: %d evaluation answers are not saved yet (the disk refuses them). "
                            "Free disk space before quitting."
                          : "Advarsel: %d evalueringssvar er ikke gemt endnu (disken afviser dem). "
                            "Frigør plads før du afslutter.",
                 v->eval_unsaved);
        gfx_text(g, a.x, r.y + r.h + gfx_px(g, 30), a.w, w, THEME_TEXT_BODY_BOLD, rgb(THEME_ERROR),
                 GFX_ALIGN_CENTER);
    }
}

static void draw_help_overlay(Gfx *g, const ShowView *v);
static void draw_quit(Gfx *g, const ShowView *v);

void views_draw(Gfx *g, const ShowView *v)
{
    if (!g)
        return;
    gfx_clear(g, rgb(THEME_BG));
    clip(g, NULL);
    if (!v)
        return;
    if (v->overlays & SHOW_OV_BLANK) {
        /* Blank hides everything, so nothing else needs drawing. */
        gfx_clear(g, rgb(0x000000));
        return;
    }
    if (v->overlays & SHOW_OV_HELP) {
        /* the help card covers the whole frame: nothing beneath it is drawn */
        draw_help_overlay(g, v);
        if (v->overlays & SHOW_OV_QUIT)
            draw_quit(g, v);
        clip(g, NULL);
        return;
    }
    if (v->overlays & SHOW_OV_STOP) {
        draw_interaction(g, v);
    } else {
        switch (v->screen) {
        case SHOW_SCREEN_WELCOME: draw_welcome(g, v); break;
        case SHOW_SCREEN_BEAT: draw_beat(g, v); break;
        case SHOW_SCREEN_INTERACTION: draw_interaction(g, v); break;
        case SHOW_SCREEN_ENDING: draw_ending(g, v); break;
        case SHOW_SCREEN_ERROR: draw_error(g, v); break;
        case SHOW_SCREEN_EVAL: views_draw_eval(g, v); break;
        case SHOW_SCREEN_KIOSK: views_draw_kiosk(g, v); break;
        case SHOW_SCREEN_RESULTS: views_draw_results(g, v); break;
        default: break;
        }
    }
    clip(g, NULL);
    if (v->overlays & SHOW_OV_MAP)
        views_draw_map(g, v);
    if (v->overlays & SHOW_OV_NOTES)
        draw_notes(g, v);
    if (v->overlays & SHOW_OV_IDEAS)
        draw_ideas_overlay(g, v);
    if (v->overlays & SHOW_OV_REWIND)
        draw_rewind(g, v);
    if (v->overlays & SHOW_OV_QUIT)
        draw_quit(g, v);
    clip(g, NULL);
}

int views_hit(Gfx *g, const ShowView *v, int x, int y)
{
    int i = 0;
    if (!g || !v || (v->overlays & (SHOW_OV_BLANK | SHOW_OV_QUIT | SHOW_OV_HELP)))
        return -2;
    if (v->overlays & SHOW_OV_REWIND) {
        RewindGeom k = rewind_geom(g, v, 0);
        for (i = k.first; i < k.rows && i < k.first + k.fit; i++) {
            int ry = k.r.y + (i - k.first) * (k.row_h + gfx_px(g, 8));
            if (x >= k.r.x && x < k.r.x + k.r.w && y >= ry && y < ry + k.row_h)
                return i - 1;
        }
        return -2;
    }
    if (v->overlays & (SHOW_OV_NOTES | SHOW_OV_IDEAS | SHOW_OV_MAP))
        return -2;
    if (v->screen == SHOW_SCREEN_KIOSK && !(v->overlays & SHOW_OV_STOP))
        return views_hit_kiosk(g, v, x, y);
    if ((v->overlays & SHOW_OV_STOP) ||
        (v->screen == SHOW_SCREEN_INTERACTION &&
         (v->ikind == STORY_INT_CHOICE || v->ikind == STORY_INT_SIGNAL))) {
        Rect rows[STORY_MAX_OPTIONS], area = options_area(g, v);
        OptGeom o;
        ThemeText st = THEME_TEXT_BODY;
        options_layout(g, v, area, rows, &o, &st);
        for (i = 0; i < STORY_MAX_OPTIONS; i++) {
            if (rows[i].h > 0 && x >= rows[i].x && x < rows[i].x + rows[i].w && y >= rows[i].y &&
                y < rows[i].y + rows[i].h && y < area.y + area.h)
                return i;
        }
    }
    return -2;
}

/* ---- fit checks ------------------------------------------------------------------ */

int views_text_fits(Gfx *g, const Scenario *sc, ViewsBox box, const char *text)
{
    Rect a, d, p, hdr, s;
    int namew = 0;
    OptGeom o;
    if (!g || (int)box < 0 || box >= VIEWS_BOX_COUNT)
        return 0;
    if (!text || !*text)
        return 1;
    a = safe_area(g);
    beat_geom(g, 1, &d, &p);
    namew = name_col_w(g, sc, 0, d.w);
    switch (box) {
    case VIEWS_BOX_DIALOG:
        return gfx_text_height(g, d.w - namew, text, THEME_TEXT_BODY) <= d.h / 2;
    case VIEWS_BOX_NARRATION:
        return gfx_text_height(g, d.w - namew, text, THEME_TEXT_ITALIC) <= d.h / 2;
    case VIEWS_BOX_MESSAGE:
        s = phone_screen(g, p, &hdr);
        return gfx_bubble(g, s.x, 0, s.w, "M", rgb(0), text, "00:00", rgb(0), rgb(0), 0, 0) <=
               s.h / 2;
    case VIEWS_BOX_OPTION:
        o = opt_geom(g, a.w, 1);
        return gfx_text_height(g, o.text_w, text, THEME_TEXT_BODY) <= 2 * lh(g, THEME_TEXT_BODY);
    case VIEWS_BOX_PROMPT:
        return gfx_text_height(g, a.w, text, THEME_TEXT_HEADING) <= prompt_max_h(g);
    case VIEWS_BOX_CAPTION:
        return gfx_measure(g, text, strlen(text), THEME_TEXT_CAPTION) <=
               a.w - gfx_px(g, 14) - gfx_px(g, 18);
    case VIEWS_BOX_TITLE:
        return gfx_text_height(g, welcome_left_w(g, 1), text, THEME_TEXT_TITLE) <=
               2 * lh(g, THEME_TEXT_TITLE);
    case VIEWS_BOX_IDEA:
        return gfx_text_height(g, (a.w - gfx_px(g, 24)) / 2 - gfx_px(g, 48), text,
                               THEME_TEXT_BODY) <= 3 * lh(g, THEME_TEXT_BODY);
    default: return 0;
    }
}
