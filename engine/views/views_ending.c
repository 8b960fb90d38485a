/* views_ending.c - the ending: page 0 (outcome, key advice and the help card
 * as a grid, shrunk together until all fits) and page 1 (the signal
 * timeline, every poll shown). */
#include "views/views_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

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
    assert(level >= 0 && level < N_GRID_LEVELS);
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
    const StoryBeat *b = views_cur_beat(v);
    const Scenario *sc = v->sc;
    const char *text = b ? tx(v, &b->ending_text) : "";
    const char *title = b && b->title.s[0] ? views_beat_label(v, v->beat) : "";
    const char *help = sc ? tx(v, &sc->help_title) : "";
    int gap = gfx_px(g, 60), lw = (a.w - gap) / 2, rw = a.w - lw - gap, rx = a.x + lw + gap;
    int ly = a.y, ry = a.y, i = 0, top = 0, y = 0, grid = 0, bullet = gfx_px(g, 40);
    int adv_gap = gfx_px(g, l->advice == THEME_TEXT_SMALL ? 4 : 8);
    int hh = lh(g, l->head) > views_chip_h(g) ? lh(g, l->head) : views_chip_h(g);
    Rect gr;
    assert(l != NULL && cols >= 1);
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
            views_chip(g, rx + rw - cw, ry + (hh - views_chip_h(g)) / 2, hint, rgb(THEME_PANEL_HI),
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
        views_chip(g, rx + rw - cw, ry, hint, rgb(THEME_PANEL_HI), rgb(THEME_TEXT));
        ry += views_chip_h(g);
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
    a.h -= views_footer_h(g);
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
    views_footer(g, v, UI_KEYS_ENDING);
}

/* ---- ending: timeline page ------------------------------------------------------- */

/* The pass mark of a timeline row: "2. gang" / "2nd time" in full, or
 * "↺2" when compact. */
static void pass_label(const ShowView *v, int pass, int compact, char *buf, size_t n)
{
    UiTextId ord = UI_PASS_ORD_N;
    if (compact) {
        snprintf(buf, n, "↺%d", pass);
        return;
    }
    if (pass % 100 < 11 || pass % 100 > 13)
        ord = pass % 10 == 1 ? UI_PASS_ORD_1
              : pass % 10 == 2 ? UI_PASS_ORD_2
              : pass % 10 == 3 ? UI_PASS_ORD_3
                               : UI_PASS_ORD_N;
    snprintf(buf, n, "%d%s%s", pass, ui(v, ord), ui(v, UI_PASS_TIME));
}

/* Width of the pass chip for label text s in the row's style. */
static int pass_chip_w(Gfx *g, const char *s)
{
    return gfx_measure(g, s, strlen(s), THEME_TEXT_SMALL_BOLD) + 2 * gfx_px(g, 10);
}

/* The widest pass chip of the timeline (0 when every answer is from the
 * first pass: no marks then). */
static int pass_marks_w(Gfx *g, const ShowView *v, int compact)
{
    int i = 0, w = 0, many = 0;
    char lab[48];
    for (i = 0; i < v->n_signals; i++)
        if (v->signals[i].pass > 1)
            many = 1;
    for (i = 0; many && i < v->n_signals; i++) {
        int cw = 0;
        pass_label(v, v->signals[i].pass, compact, lab, sizeof lab);
        cw = pass_chip_w(g, lab);
        if (cw > w)
            w = cw;
    }
    return w;
}

/* One poll of the timeline in r: number, the pass chip (markw > 0: after a
 * rewind, every row says which pass through the scenes it is from), STOP
 * chip for a stop, the beat title, and its bar (or the facilitator's pick
 * as a full bar). */
static void timeline_row(Gfx *g, const ShowView *v, int idx, Rect r, int labw, ThemeText ls,
                         int markw, int compact)
{
    const ShowSignal *s = &v->signals[idx];
    int total = s->counts[0] + s->counts[1] + s->counts[2], k = 0;
    int bx = r.x + labw, bw = r.w - labw, x = bx, lx = r.x, numw = 0;
    int ty = r.y + (r.h - lh(g, ls)) / 2;
    char num[16];
    assert(v->signals != NULL && idx >= 0 && idx < v->n_signals);
    if (bw < 1)
        bw = 1;
    snprintf(num, sizeof num, "%d.", idx + 1);
    numw = gfx_measure(g, "00.", 3, ls) + gfx_px(g, 12);
    gfx_text(g, lx, ty, numw, num, ls, rgb(THEME_FAINT), GFX_ALIGN_LEFT);
    lx += numw;
    if (markw > 0) {
        /* the pass, whole: the title after it is what gets cut */
        char lab[48];
        int ch = views_chip_h(g) < r.h ? views_chip_h(g) : r.h;
        int cy = r.y + (r.h - ch) / 2;
        pass_label(v, s->pass, compact, lab, sizeof lab);
        gfx_round_rect(g, lx, cy, pass_chip_w(g, lab), ch, ch / 2,
                       rgb(s->pass > 1 ? THEME_PANEL_HI : THEME_PANEL));
        gfx_text(g, lx, cy + (ch - lh(g, THEME_TEXT_SMALL_BOLD)) / 2, pass_chip_w(g, lab), lab,
                 THEME_TEXT_SMALL_BOLD, rgb(THEME_TEXT), GFX_ALIGN_CENTER);
        lx += markw + gfx_px(g, 12);
    }
    if (s->stop) {
        /* a chip no higher than the row, so small rows keep it whole */
        int ch = views_chip_h(g) < r.h ? views_chip_h(g) : r.h, pad = gfx_px(g, ch < views_chip_h(g) ? 8 : 16);
        int cw = gfx_measure(g, "STOP", 4, THEME_TEXT_SMALL_BOLD) + 2 * pad;
        int cy = r.y + (r.h - ch) / 2;
        gfx_round_rect(g, lx, cy, cw, ch, ch / 2, rgb(THEME_STALKING));
        gfx_text(g, lx, cy + (ch - lh(g, THEME_TEXT_SMALL_BOLD)) / 2, cw, "STOP",
                 THEME_TEXT_SMALL_BOLD, rgb(THEME_TEXT), GFX_ALIGN_CENTER);
        lx += cw + gfx_px(g, 12);
    }
    /* the chips stay whole (timeline_labels leaves room for them); the title is cut */
    if (bx - lx - gfx_px(g, 20) > 0) {
        clip(g, &(Rect){lx, r.y, bx - lx - gfx_px(g, 20), r.h});
        gfx_text(g, lx, ty, 100000, views_beat_label(v, s->beat), ls, rgb(THEME_TEXT),
                 GFX_ALIGN_LEFT);
        clip(g, NULL);
    }
    if (total <= 0 && s->result >= 0 && s->result <= 2) {
        /* decided by the facilitator's pick without a vote */
        const char *lab = ui(v, views_signal_text(s->result));
        ThemeText bs = lh(g, THEME_TEXT_SMALL_BOLD) <= r.h ? THEME_TEXT_SMALL_BOLD : ls;
        gfx_round_rect(g, bx, r.y, bw, r.h, gfx_px(g, 8), views_signal_color(s->result));
        if (gfx_measure(g, lab, strlen(lab), bs) > bw - gfx_px(g, 8))
            bs = THEME_TEXT_SMALL;
        /* a narrow bar keeps its colour (the legend names it) rather than half a word */
        if (gfx_measure(g, lab, strlen(lab), bs) > bw - gfx_px(g, 8))
            return;
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
        gfx_fill_rect(g, x, r.y, segw, r.h, views_signal_color(k));
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

/* The label column of a timeline laid out as t in columns of width colw:
 * its width, and whether the pass marks are compact ("↺2").  Returns the
 * pass chips' width, 0 without marks.  The column grows (up to half of one
 * column, 70 % of one of several) for the widest title, so that the pass
 * marks stay whole and titles are cut as little as may be. */
static int timeline_labels(Gfx *g, const ShowView *v, const TimelineGeom *t, int colw, int *labw,
                           int *compact)
{
    int numw = gfx_measure(g, "00.", 3, t->ls) + gfx_px(g, 12), stopw = 0, titlew = 0, i = 0;
    int markw = pass_marks_w(g, v, 0), room = colw * (t->cols == 1 ? 50 : 62) / 100, need = 0;
    *labw = colw * (t->cols == 1 ? 36 : 48) / 100;
    *compact = 0;
    for (i = 0; i < v->n_signals; i++) {
        const char *b = views_beat_label(v, v->signals[i].beat);
        int w = gfx_measure(g, b, strlen(b), t->ls) + gfx_px(g, 20);
        if (v->signals[i].stop)
            stopw = gfx_measure(g, "STOP", 4, THEME_TEXT_SMALL_BOLD) + gfx_px(g, 44);
        if (w > titlew)
            titlew = w;
    }
    if (titlew < gfx_px(g, 100))
        titlew = gfx_px(g, 100);
    if (markw > 0 && numw + markw + gfx_px(g, 12) + stopw + gfx_px(g, 100) > room) {
        *compact = 1;
        markw = pass_marks_w(g, v, 1);
    }
    need = numw + (markw > 0 ? markw + gfx_px(g, 12) : 0) + stopw + titlew;
    if (need > *labw)
        *labw = need < room ? need : room;
    /* the number and the chips whole, whatever the title gets */
    need = numw + (markw > 0 ? markw + gfx_px(g, 12) : 0) + stopw + gfx_px(g, 20);
    if (need > *labw)
        *labw = need < colw * 80 / 100 ? need : colw * 80 / 100;
    return markw;
}

/* The second ending page: "when did it become stalking?" full screen.
 * After a rewind every row carries its pass ("2. gang"), explained on the
 * legend's line (or the line below it when that is full). */
static void draw_timeline_page(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g);
    TimelineGeom t;
    int y = a.y, k = 0, i = 0, gapc = gfx_px(g, 60), colw = 0, labw = 0, legend_x = 0;
    int sw = gfx_px(g, 30), n = v->signals ? v->n_signals : 0, bottom = a.y + a.h - views_footer_h(g);
    int markw = 0, compact = 0, note_w = 0;
    char note[128];
    note[0] = '\0';
    gfx_fill_rect(g, a.x, y, gfx_px(g, 140), gfx_px(g, 12), rgb(THEME_ACCENT));
    y += gfx_px(g, 36);
    y += gfx_text(g, a.x, y, a.w, ui(v, UI_WHEN_STALKING), THEME_TEXT_TITLE, rgb(THEME_TEXT),
                  GFX_ALIGN_LEFT);
    y += gfx_px(g, 12);
    /* legend */
    legend_x = a.x;
    for (k = 0; k < 3; k++) {
        const char *s = ui(v, views_signal_text(k));
        gfx_round_rect(g, legend_x, y + (lh(g, THEME_TEXT_CAPTION) - sw) / 2, sw, sw,
                       gfx_px(g, 6), views_signal_color(k));
        gfx_text(g, legend_x + sw + gfx_px(g, 12), y, a.w, s, THEME_TEXT_CAPTION, rgb(THEME_DIM),
                 GFX_ALIGN_LEFT);
        legend_x += sw + gfx_px(g, 12) + gfx_measure(g, s, strlen(s), THEME_TEXT_CAPTION) +
                    gfx_px(g, 48);
    }
    if (n <= 0) {
        y += lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 36);
        gfx_text(g, a.x, y, a.w, ui(v, UI_NO_SIGNALS), THEME_TEXT_BODY, rgb(THEME_FAINT),
                 GFX_ALIGN_LEFT);
        views_footer(g, v, UI_KEYS_TIMELINE);
        return;
    }
    for (k = 0; k < 2; k++) {
        /* the layout below the legend; again once if the pass note needs a line of its own */
        int top = y + lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 36);
        t = timeline_geom(g, n, bottom - top);
        colw = (a.w - gapc * (t.cols - 1)) / t.cols;
        markw = timeline_labels(g, v, &t, colw, &labw, &compact);
        if (markw <= 0)
            break;
        {
            char lab[48];
            pass_label(v, 2, 0, lab, sizeof lab);
            snprintf(note, sizeof note, "%s%s%s", compact ? "↺2 = " : "", lab,
                     ui(v, UI_PASS_LEGEND));
            note_w = gfx_measure(g, note, strlen(note), THEME_TEXT_CAPTION);
        }
        if (k > 0 || legend_x + note_w <= a.x + a.w)
            break;
        y += lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 8);
        legend_x = a.x;
    }
    if (note[0])
        gfx_text(g, legend_x, y, a.x + a.w - legend_x, note, THEME_TEXT_CAPTION, rgb(THEME_DIM),
                 GFX_ALIGN_LEFT);
    y += lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 36);
    for (i = 0; i < n; i++) {
        Rect r;
        r.x = a.x + (i / t.per_col) * (colw + gapc);
        r.y = y + (i % t.per_col) * t.pitch;
        r.w = colw;
        r.h = t.bar_h;
        timeline_row(g, v, i, r, labw, t.ls, markw, compact);
    }
    views_footer(g, v, UI_KEYS_TIMELINE);
}

void views_draw_ending(Gfx *g, const ShowView *v)
{
    if (v->ending_page == 1)
        draw_timeline_page(g, v);
    else
        draw_ending_page0(g, v);
}

