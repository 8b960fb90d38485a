/* views_overlays.c - the overlays drawn above a screen (facilitator notes, idea
 * moderation, rewind menu, quit confirmation) and the scenario error screen.
 * Notes and moderation reach the projector only without a presenter window,
 * and then first as a warning card (ShowView.private_hidden) that shows no
 * notes and no idea texts, only counts; a flagged idea's text never appears
 * in the projector's list.  Blank needs no drawing beyond views_draw's black
 * frame. */
#include "views/views_internal.h"

#include <stdio.h>
#include <string.h>

void views_draw_error(Gfx *g, const ShowView *v)
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
    st = views_fit_style(g, msg, a.w - 2 * pad, avail, THEME_TEXT_BODY);
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
    /* a scenario that did not load has nothing to go back to */
    gfx_text(g, a.x, a.y + a.h - lh(g, THEME_TEXT_BODY), a.w,
             ui(v, v->sc ? UI_ERROR_BACK : UI_ERROR_NO_BACK),
             THEME_TEXT_BODY, rgb(THEME_DIM), GFX_ALIGN_LEFT);
}

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

/* Without a presenter window, before the facilitator confirms: a calm card
 * on the projector that says what would be shown (never the content), with
 * counts in `extra` (NULL: none). */
static void draw_room_warning(Gfx *g, const ShowView *v, const char *what, const char *extra,
                              UiTextId body)
{
    Rect a = safe_area(g), r;
    int pad = gfx_px(g, 50), w = a.w * 70 / 100, h = 0, y = 0;
    const char *room = ui(v, UI_PRIV_ROOM_SEES), *b = ui(v, body);
    views_backdrop(g);
    h = gfx_text_height(g, w - 2 * pad, what, THEME_TEXT_HEADING) + gfx_px(g, 16) +
        lh(g, THEME_TEXT_BODY_BOLD) + gfx_px(g, 24) +
        (extra ? gfx_text_height(g, w - 2 * pad, extra, THEME_TEXT_BODY) + gfx_px(g, 24) : 0) +
        gfx_text_height(g, w - 2 * pad, b, THEME_TEXT_CAPTION);
    r.w = w;
    r.h = h + 2 * pad;
    if (r.h > a.h)
        r.h = a.h;
    r.x = a.x + (a.w - r.w) / 2;
    r.y = a.y + (a.h - r.h) / 2;
    gfx_round_rect(g, r.x, r.y, r.w, r.h, gfx_px(g, 28), rgb(THEME_PANEL));
    gfx_round_frame(g, r.x, r.y, r.w, r.h, gfx_px(g, 28), gfx_px(g, 5), rgb(THEME_WARNING));
    clip(g, &r);
    y = r.y + pad;
    y += gfx_text(g, r.x + pad, y, r.w - 2 * pad, what, THEME_TEXT_HEADING, rgb(THEME_TEXT),
                  GFX_ALIGN_LEFT) +
         gfx_px(g, 16);
    y += gfx_text(g, r.x + pad, y, r.w - 2 * pad, room, THEME_TEXT_BODY_BOLD, rgb(THEME_WARNING),
                  GFX_ALIGN_LEFT) +
         gfx_px(g, 24);
    if (extra)
        y += gfx_text(g, r.x + pad, y, r.w - 2 * pad, extra, THEME_TEXT_BODY, rgb(THEME_TEXT),
                      GFX_ALIGN_LEFT) +
             gfx_px(g, 24);
    gfx_text(g, r.x + pad, y, r.w - 2 * pad, b, THEME_TEXT_CAPTION, rgb(THEME_DIM), GFX_ALIGN_LEFT);
    clip(g, NULL);
}

void views_draw_notes(Gfx *g, const ShowView *v)
{
    Rect r;
    const StoryBeat *b = views_cur_beat(v);
    const char *bn = b ? tx(v, &b->notes) : "";
    const char *sn = v->sc && v->notes_overview ? tx(v, &v->sc->notes) : "";
    ThemeText st = THEME_TEXT_BODY;
    int level = 0, y = 0;
    if (v->private_hidden & SHOW_OV_NOTES) {
        draw_room_warning(g, v, ui(v, UI_NOTES), NULL, UI_PRIV_WARN_NOTES);
        return;
    }
    views_backdrop(g);
    r = views_panel(g, 86, 90);
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

/* Row i of the moderation list: the pending ideas, then the shown ones.
 * A flagged idea's text never reaches the projector's list. */
static const char *idea_row(const ShowView *v, int i, int *flagged, int *shown)
{
    *flagged = 0;
    *shown = i >= v->n_pending_ideas;
    if (*shown)
        return v->ideas && i - v->n_pending_ideas < v->n_ideas && v->ideas[i - v->n_pending_ideas]
                   ? v->ideas[i - v->n_pending_ideas]
                   : "";
    *flagged = v->idea_flags && v->idea_flags[i];
    if (*flagged)
        return ui(v, v->idea_confirm == i ? UI_PRIV_FLAG_CONFIRM : UI_PRIV_FLAG_HIDDEN);
    return v->pending_ideas[i] ? v->pending_ideas[i] : "";
}

/* Height of row i (with the heading above the first shown idea). */
static int idea_row_h(Gfx *g, const ShowView *v, int i, int tw, ThemeText st)
{
    int flagged = 0, shown = 0, pad = gfx_px(g, 14), gap = gfx_px(g, 8);
    const char *t = idea_row(v, i, &flagged, &shown);
    int h = gfx_text_height(g, tw, t, st) + 2 * pad + gap;
    if (i == v->n_pending_ideas && v->n_ideas > 0)
        h += lh(g, THEME_TEXT_CAPTION) + gap;
    return h;
}

/* The first row shown so that the highlighted one stays in view. */
static int ideas_first(Gfx *g, const ShowView *v, Rect r, int tw, ThemeText st, int sel)
{
    int first = 0, i = 0, h = 0, gap = gfx_px(g, 8);
    for (;;) {
        h = 0;
        for (i = first; i <= sel; i++)
            h += idea_row_h(g, v, i, tw, st);
        if (h - gap <= r.h || first >= sel)
            return first;
        first++;
    }
}

/* The moderation overlay on the projector (no presenter window): before the
 * facilitator confirms, only the counts and a warning; then the pending
 * ideas (flagged ones without their text) and the shown ones, the
 * highlighted one marked.  Enter shows it, Backspace dismisses or takes down. */
void views_draw_ideas_overlay(Gfx *g, const ShowView *v)
{
    Rect r;
    char title[128];
    int np = v->pending_ideas ? v->n_pending_ideas : 0, n = np + (v->ideas ? v->n_ideas : 0);
    int sel = v->idea_sel, i = 0, y = 0, first = 0, level = 0;
    int pad = gfx_px(g, 14), gap = gfx_px(g, 8), numw = 0, tw = 0;
    ThemeText st = THEME_TEXT_BODY, ns = THEME_TEXT_BODY_BOLD;
    if (v->private_hidden & SHOW_OV_IDEAS) {
        char counts[256];
        snprintf(counts, sizeof counts, "%s%d\n%s%d", ui(v, UI_PRIV_WAITING), v->n_pending_ideas,
                 ui(v, UI_PRIV_FLAGGED), v->n_flagged_ideas);
        draw_room_warning(g, v, ui(v, UI_PENDING_IDEAS), counts, UI_PRIV_WARN_IDEAS);
        return;
    }
    views_backdrop(g);
    r = views_panel(g, 90, 90);
    if (np > 0)
        snprintf(title, sizeof title, "%s (%d)", ui(v, UI_PENDING_IDEAS), np);
    else
        snprintf(title, sizeof title, "%s", ui(v, UI_PENDING_IDEAS));
    overlay_title(g, &r, title, ui(v, UI_PRIV_KEYS_IDEAS));
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
    for (level = 0; level < 3; level++) {
        int h = 0;
        ns = st == THEME_TEXT_BODY ? THEME_TEXT_BODY_BOLD : THEME_TEXT_SMALL_BOLD;
        numw = gfx_measure(g, "00.", 3, ns) + gfx_px(g, 20) + lh(g, ns);
        tw = r.w - numw - 2 * pad;
        for (i = 0; i < n; i++)
            h += idea_row_h(g, v, i, tw, st);
        if (h - gap <= r.h || level == 2)
            break;
        st = level == 0 ? THEME_TEXT_CAPTION : THEME_TEXT_SMALL;
    }
    first = ideas_first(g, v, r, tw, st, sel);
    clip(g, &r);
    y = r.y;
    for (i = first; i < n && y < r.y + r.h; i++) {
        int flagged = 0, shown = 0, hi = i == sel;
        const char *idea = idea_row(v, i, &flagged, &shown);
        int th = gfx_text_height(g, tw, idea, st);
        char num[16];
        if (i == np && shown) {
            gfx_text(g, r.x, y, r.w, ui(v, UI_PRIV_SHOWN), THEME_TEXT_CAPTION, rgb(THEME_ACCENT),
                     GFX_ALIGN_LEFT);
            y += lh(g, THEME_TEXT_CAPTION) + gap;
        }
        snprintf(num, sizeof num, shown ? "✔" : "%d.", i + 1);
        gfx_round_rect(g, r.x, y, r.w, th + 2 * pad, gfx_px(g, 14),
                       rgb(hi ? THEME_ACCENT : (shown ? THEME_PANEL : THEME_PANEL_HI)));
        gfx_text(g, r.x + pad, y + pad + (lh(g, st) - lh(g, ns)) / 2, numw, num, ns,
                 rgb(hi ? THEME_ACCENT_TEXT : THEME_ACCENT), GFX_ALIGN_LEFT);
        gfx_text(g, r.x + pad + numw, y + pad, tw, idea, st,
                 rgb(hi ? THEME_ACCENT_TEXT : (flagged ? THEME_WARNING : THEME_TEXT)),
                 GFX_ALIGN_LEFT);
        if (flagged) {
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
            what = ui(v, views_signal_text(d->option));
    }
    snprintf(buf, n, "%s: %s", views_beat_label(v, d->beat), what);
}

typedef struct RewindGeom {
    char keys[256];  /* the hint bar: the keys, the number being typed, or a number without entry */
    Rect r;          /* list area inside the panel */
    ThemeText st;
    int rows, row_h, fit, first, sel;
    int more_y;      /* the "more above / below" line when not all rows fit, else -1 */
} RewindGeom;

static RewindGeom rewind_geom(Gfx *g, const ShowView *v, int draw)
{
    RewindGeom k;
    k.rows = v->n_decisions + 1;
    k.sel = v->rewind_sel + 1;
    k.r = views_panel_at(g, 80, 90, draw);
    if (v->rewind_typed > 0)
        snprintf(k.keys, sizeof k.keys, "%s%d%s%d", ui(v, UI_REWIND_TYPED_1), v->rewind_typed,
                 ui(v, UI_REWIND_TYPED_2), v->rewind_typed);
    else if (v->rewind_bad > 0)
        snprintf(k.keys, sizeof k.keys, "%s%d%s", ui(v, UI_REWIND_NO_ENTRY), v->rewind_bad,
                 ui(v, UI_REWIND_NO_ENTRY_2));
    else
        snprintf(k.keys, sizeof k.keys, "%s",
                 ui(v, v->n_decisions >= 10 ? UI_KEYS_REWIND_MANY : UI_KEYS_REWIND));
    overlay_title_at(g, &k.r, ui(v, UI_REWIND), k.keys, draw);
    k.st = k.rows > 8 ? THEME_TEXT_CAPTION : THEME_TEXT_BODY;
    k.row_h = lh(g, k.st) + 2 * gfx_px(g, 14);
    k.fit = k.r.h / (k.row_h + gfx_px(g, 8));
    k.more_y = -1;
    if (k.fit < k.rows) {
        /* a line below the list tells how many entries are scrolled away */
        int mh = lh(g, THEME_TEXT_SMALL) + gfx_px(g, 8);
        k.more_y = k.r.y + k.r.h - lh(g, THEME_TEXT_SMALL);
        k.fit = (k.r.h - mh) / (k.row_h + gfx_px(g, 8));
    }
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

/* The text of rewind row i (0: replay the scene). */
static void rewind_row_text(const ShowView *v, int i, char *buf, size_t n)
{
    if (i == 0)
        snprintf(buf, n, "%s", ui(v, UI_REPLAY_SCENE));
    else
        decision_text(v, &v->decisions[i - 1], buf, n);
}

/* One text style for every row of the rewind menu (rows do not change size
 * from one to the next): the smallest any entry needs to stay on its row,
 * whole, on one line of st or else on two smaller lines. */
static ThemeText rewind_style(Gfx *g, const ShowView *v, ThemeText st, int tw, int row_h)
{
    ThemeText best = st;
    int i = 0;
    for (i = 0; i <= v->n_decisions; i++) {
        char text[STORY_MAX_TEXT * 2 + 32];
        ThemeText ts;
        rewind_row_text(v, i, text, sizeof text);
        ts = views_fit_style(g, text, tw, lh(g, st), st);
        if (gfx_text_height(g, tw, text, ts) > lh(g, st))
            ts = views_fit_style(g, text, tw, row_h, st); /* two small lines */
        if (theme_text_px(ts) < theme_text_px(best))
            best = ts;
    }
    return best;
}

void views_draw_rewind(Gfx *g, const ShowView *v)
{
    RewindGeom k;
    Rect r;
    ThemeText st, ts;
    int rows = 0, row_h = 0, fit = 0, first = 0, sel = 0, i = 0;
    int y = 0, pad = gfx_px(g, 14), numw = 0;
    views_backdrop(g);
    k = rewind_geom(g, v, 1);
    /* room for "▶ 123.": the selection is marked in words too, not only by colour */
    numw = gfx_measure(g, "▶ 000.", strlen("▶ 000."), THEME_TEXT_BODY_BOLD) + gfx_px(g, 16);
    r = k.r;
    st = k.st;
    rows = k.rows;
    row_h = k.row_h;
    fit = k.fit;
    first = k.first;
    sel = k.sel;
    ts = rewind_style(g, v, st, r.w - 2 * pad - numw, row_h);
    clip(g, &r);
    y = r.y;
    for (i = first; i < rows && i < first + fit; i++) {
        char text[STORY_MAX_TEXT * 2 + 32], num[16];
        int hi = i == sel;
        ThemeColor fg = rgb(hi ? THEME_ACCENT_TEXT : THEME_TEXT);
        rewind_row_text(v, i, text, sizeof text);
        snprintf(num, sizeof num, hi ? "▶ %d." : "%d.", i);
        if (hi)
            gfx_round_rect(g, r.x, y, r.w, row_h, gfx_px(g, 14), rgb(THEME_ACCENT));
        gfx_text(g, r.x + pad, y + pad, numw, num, THEME_TEXT_BODY_BOLD,
                 hi ? fg : rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        {
            int tw = r.w - 2 * pad - numw;
            clip(g, &(Rect){r.x, y, r.w - pad, row_h});
            gfx_text(g, r.x + pad + numw,
                     y + (row_h - gfx_text_height(g, tw, text, ts)) / 2, tw, text, ts, fg,
                     GFX_ALIGN_LEFT);
            clip(g, &r);
        }
        y += row_h + gfx_px(g, 8);
    }
    clip(g, NULL);
    if (k.more_y >= 0) {
        char more[64];
        int below = rows - first - fit;
        snprintf(more, sizeof more, "▲ %d      ▼ %d", first, below > 0 ? below : 0);
        gfx_text(g, r.x, k.more_y, r.w, more, THEME_TEXT_SMALL, rgb(THEME_DIM), GFX_ALIGN_CENTER);
    }
}

void views_draw_quit(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g), r;
    const char *q = ui(v, UI_QUIT_CONFIRM);
    int pad = gfx_px(g, 50);
    int tw = gfx_text_width(g, a.w - 2 * pad, q, THEME_TEXT_HEADING);
    int th = gfx_text_height(g, a.w - 2 * pad, q, THEME_TEXT_HEADING);
    views_backdrop(g);
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
        snprintf(w, sizeof w, "%s%d%s", ui(v, UI_QUIT_UNSAVED_PRE), v->eval_unsaved,
                 ui(v, UI_QUIT_UNSAVED_POST));
        gfx_text(g, a.x, r.y + r.h + gfx_px(g, 30), a.w, w, THEME_TEXT_BODY_BOLD, rgb(THEME_ERROR),
                 GFX_ALIGN_CENTER);
    }
}

int views_hit_rewind(Gfx *g, const ShowView *v, int x, int y)
{
    RewindGeom k = rewind_geom(g, v, 0);
    int i = 0;
    for (i = k.first; i < k.rows && i < k.first + k.fit; i++) {
        int ry = k.r.y + (i - k.first) * (k.row_h + gfx_px(g, 8));
        if (x >= k.r.x && x < k.r.x + k.r.w && y >= ry && y < ry + k.row_h)
            return i - 1;
    }
    return -2;
}
