/* views_measure.c - the before/after statements' summary (how the room's
 * answers moved: per statement a bar before and a bar after, shares of OK /
 * warning sign / stalking) and the labels form (school, grade,
 * municipality) typed by the facilitator at the end.
 *
 * The statements themselves are signal polls drawn by views_poll.c. */
#include "views/views_internal.h"

#include <stdio.h>
#include <string.h>

static int round_total(const ShowMeasure *m, int r)
{
    return m->counts[r][0] + m->counts[r][1] + m->counts[r][2];
}

static int share(const ShowMeasure *m, int r, int i)
{
    int t = round_total(m, r);
    return t > 0 ? (int)(m->counts[r][i] * 100.0 / t + 0.5) : 0;
}

/* One round's bar in r: the three shares side by side (a share's number
 * inside its part when it fits), "n = N" on the right; "not asked"
 * instead when the round did not ask the statement. */
static void draw_round_bar(Gfx *g, const ShowView *v, const ShowMeasure *m, int round, Rect r)
{
    char buf[48];
    int t = round_total(m, round), i = 0, x = r.x, nw = gfx_px(g, 150), bw = r.w - nw;
    ThemeText st = r.h >= lh(g, THEME_TEXT_CAPTION) ? THEME_TEXT_CAPTION : THEME_TEXT_SMALL;
    int ty = r.y + (r.h - lh(g, st)) / 2;
    if (!m->asked[round]) {
        gfx_text(g, r.x, ty, r.w, ui(v, UI_MEASURE_NOT_ASKED), st, rgb(THEME_FAINT), GFX_ALIGN_LEFT);
        return;
    }
    gfx_round_rect(g, r.x, r.y, bw, r.h, gfx_px(g, 6), rgb(THEME_LINE));
    for (i = 0; i < 3 && t > 0; i++) {
        int cum = 0, k = 0, w = 0;
        for (k = 0; k <= i; k++)
            cum += m->counts[round][k];
        w = r.x + (int)((long)bw * cum / t) - x; /* cumulative: the parts fill the bar exactly */
        if (w <= 0)
            continue;
        gfx_fill_rect(g, x, r.y, w, r.h, views_signal_color(i));
        snprintf(buf, sizeof buf, "%d %%", share(m, round, i));
        if (gfx_measure(g, buf, strlen(buf), st) + gfx_px(g, 12) <= w)
            gfx_text(g, x, ty, w, buf, st, rgb(THEME_ACCENT_TEXT), GFX_ALIGN_CENTER);
        x += w;
    }
    snprintf(buf, sizeof buf, "n = %d", t);
    gfx_text(g, r.x + bw, ty, nw, buf, st, rgb(THEME_DIM), GFX_ALIGN_RIGHT);
}

/* The legend: a coloured square and the word for OK / warning / stalking. */
static int draw_legend(Gfx *g, const ShowView *v, int x, int y, int w)
{
    int i = 0, sq = gfx_px(g, 26), h = lh(g, THEME_TEXT_SMALL);
    for (i = 0; i < 3; i++) {
        const char *t = ui(v, views_signal_text(i));
        int tw = gfx_measure(g, t, strlen(t), THEME_TEXT_SMALL);
        if (x + sq + gfx_px(g, 10) + tw > w)
            break;
        gfx_round_rect(g, x, y + (h - sq) / 2, sq, sq, gfx_px(g, 4), views_signal_color(i));
        x += sq + gfx_px(g, 10);
        gfx_text(g, x, y, tw + 1, t, THEME_TEXT_SMALL, rgb(THEME_DIM), GFX_ALIGN_LEFT);
        x += tw + gfx_px(g, 36);
    }
    return h;
}

void views_draw_measure(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g);
    int y = a.y, i = 0, n = v->n_statements, row = 0, gap = gfx_px(g, 18);
    int left = a.w * 42 / 100, tag = 0, r = 0;
    const char *title = ui(v, UI_MEASURE_TITLE);
    if (!v->sc || !v->measure || n <= 0)
        return;
    for (r = 0; r < 2; r++) {
        const char *t = ui(v, r ? UI_MEASURE_AFTER_SHORT : UI_MEASURE_BEFORE_SHORT);
        int w = gfx_measure(g, t, strlen(t), THEME_TEXT_CAPTION) + gfx_px(g, 24);
        if (w > tag)
            tag = w;
    }
    y += gfx_text(g, a.x, y, a.w, title, views_fit_style(g, title, a.w, lh(g, THEME_TEXT_HEADING),
                                                         THEME_TEXT_HEADING),
                  rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    y += gfx_px(g, 10);
    y += draw_legend(g, v, a.x, y, a.x + a.w) + gfx_px(g, 24);
    row = (a.y + a.h - views_footer_h(g) - y) / n;
    for (i = 0; i < n && i < STORY_MAX_STATEMENTS; i++) {
        const ShowMeasure *m = &v->measure[i];
        const char *text = tx(v, &v->sc->statements[i].text);
        int rh = row - gap, bh = (rh - gfx_px(g, 12)) / 2;
        Rect tr = {a.x, y, left - gfx_px(g, 30), rh};
        ThemeText st = views_fit_style(g, text, tr.w, rh, THEME_TEXT_BODY);
        int th = gfx_text_height(g, tr.w, text, st);
        if (bh > gfx_px(g, 56))
            bh = gfx_px(g, 56);
        gfx_round_rect(g, a.x - gfx_px(g, 12), y - gap / 2, a.w + gfx_px(g, 24), row - gap / 2,
                       gfx_px(g, 14), rgb(THEME_PANEL));
        tr.y += th < rh ? (rh - th) / 2 : 0;
        views_text_in(g, tr, text, st, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
        for (r = 0; r < 2; r++) {
            int by = y + (rh - 2 * bh - gfx_px(g, 12)) / 2 + r * (bh + gfx_px(g, 12));
            ThemeText ts = bh >= lh(g, THEME_TEXT_CAPTION) ? THEME_TEXT_CAPTION : THEME_TEXT_SMALL;
            gfx_text(g, a.x + left, by + (bh - lh(g, ts)) / 2, tag - gfx_px(g, 12),
                     ui(v, r ? UI_MEASURE_AFTER_SHORT : UI_MEASURE_BEFORE_SHORT), ts,
                     rgb(r ? THEME_TEXT : THEME_DIM), GFX_ALIGN_LEFT);
            draw_round_bar(g, v, m, r, (Rect){a.x + left + tag, by, a.w - left - tag, bh});
        }
        y += row;
    }
    views_footer(g, v, v->measure_eval ? UI_MEASURE_KEYS : UI_MEASURE_KEYS_NO_EVAL);
}

void views_draw_labels(Gfx *g, const ShowView *v)
{
    static const UiTextId names[SHOW_N_LABELS] = {UI_LABEL_SCHOOL, UI_LABEL_GRADE,
                                                  UI_LABEL_MUNICIPALITY};
    Rect p;
    int i = 0, y = 0, lw = 0, fh = 0;
    views_backdrop(g);
    p = views_panel(g, 80, 80);
    y = p.y;
    y += gfx_text(g, p.x, y, p.w, ui(v, UI_LABELS_TITLE), THEME_TEXT_HEADING, rgb(THEME_TEXT),
                  GFX_ALIGN_LEFT);
    y += gfx_px(g, 24);
    for (i = 0; i < SHOW_N_LABELS; i++) {
        const char *n = ui(v, names[i]);
        int w = gfx_measure(g, n, strlen(n), THEME_TEXT_BODY_BOLD);
        if (w > lw)
            lw = w;
    }
    lw += gfx_px(g, 30);
    fh = lh(g, THEME_TEXT_BODY) + gfx_px(g, 24);
    for (i = 0; i < SHOW_N_LABELS; i++) {
        int focus = i == v->label_field;
        const char *val = v->labels[i] ? v->labels[i] : "";
        char shown[SHOW_MAX_LABEL + 4];
        Rect box = {p.x + lw, y, p.w - lw, fh};
        gfx_text(g, p.x, y + gfx_px(g, 12), lw, ui(v, names[i]), THEME_TEXT_BODY_BOLD,
                 rgb(focus ? THEME_ACCENT : THEME_DIM), GFX_ALIGN_LEFT);
        gfx_round_rect(g, box.x, box.y, box.w, box.h, gfx_px(g, 10),
                       rgb(focus ? THEME_PANEL_HI : THEME_BG));
        if (focus)
            gfx_round_frame(g, box.x, box.y, box.w, box.h, gfx_px(g, 10), gfx_px(g, 3),
                            rgb(THEME_ACCENT));
        snprintf(shown, sizeof shown, "%s%s", val, focus ? "|" : "");
        views_text_in(g, (Rect){box.x + gfx_px(g, 16), box.y + gfx_px(g, 12), box.w - gfx_px(g, 32),
                                lh(g, THEME_TEXT_BODY)},
                      shown, THEME_TEXT_BODY, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
        y += fh + gfx_px(g, 22);
    }
    y += gfx_px(g, 10);
    views_text_in(g, (Rect){p.x, y, p.w, p.y + p.h - y - lh(g, THEME_TEXT_SMALL)},
                  ui(v, UI_LABELS_NOTE), THEME_TEXT_CAPTION, rgb(THEME_DIM), GFX_ALIGN_LEFT);
    gfx_text(g, p.x, p.y + p.h - lh(g, THEME_TEXT_SMALL), p.w, ui(v, UI_LABELS_KEYS),
             THEME_TEXT_SMALL, rgb(THEME_FAINT), GFX_ALIGN_CENTER);
}
