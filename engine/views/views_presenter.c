/* views_presenter.c - the facilitator's own screen, drawn from a ShowView.
 *
 * Layout (1920x1080 design, scaled by the theme, inside the 5 % margins):
 *   top bar   scenario title, beat title (id), screen, projector overlays
 *             (BLANK in red: the room sees black), clock mm:ss;
 *   left      "on the projector now" (caption + last step, or the prompt and
 *             options with live hand/phone counts) and "next";
 *   right     facilitator notes: the scenario overview on the welcome
 *             screen, the beat's own notes on every other screen, scrolled
 *             by whole lines (views_draw_presenter_at); then the idea queue
 *             (numbered, highlighted, flagged in red; the ideas already on
 *             the projector below them, marked ✔);
 *   bottom    the keys (moderation's own while the queue is open).
 * The KIOSK screen takes the whole window (the pupil answers here, the
 * projector keeps the invitation).  Every other text box shrinks its style
 * and is finally cut with an ellipsis; lists stop with "+N" when they run
 * out of room.  No state between frames: the caller keeps the scroll. */
#include "views/views_presenter.h"
#include "views/views_eval.h"
#include "views/views_util.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* Design-pixel constants. */
#define P_COL_GAP 40    /* between the columns */
#define P_LEFT_PCT 57   /* left column: % of the safe width */
#define P_NOW_PCT 62    /* "now" card: % of the left column below its label */
#define P_NOW_POLL_PCT 72 /* the same at a poll (more rows, a shorter "next") */
#define P_NOTES_PCT 60
#define P_NOTES_IDLE_PCT 74 /* the same while no idea waits */  /* notes card: % of the right column */
#define P_NUM_W 46      /* option / idea number column */
#define P_COUNT_W 110   /* one count column (hands, phones, total) */
#define P_MAX_LINE 1024 /* bytes of one composed line */

/* Copies into buf (n > 4 bytes) the longest prefix of text, cut at a code
 * point and followed by "…", that fits in st: wrapped to w within maxh, or
 * for maxh < 0 on one line of width w. */
static void cut_to_fit(Gfx *g, const char *text, int w, int maxh, ThemeText st, char *buf,
                       size_t n)
{
    size_t lo = 0, hi = strlen(text);
    assert(n > 4);
    if (hi + 4 > n)
        hi = n - 4; /* room for the ellipsis and the NUL */
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2, cut = mid;
        int fits = 0;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
        memcpy(buf, text, cut);
        memcpy(buf + cut, "…", sizeof "…");
        fits = maxh >= 0 ? gfx_text_height(g, w, buf, st) <= maxh
                         : gfx_measure(g, buf, strlen(buf), st) <= w;
        if (fits)
            lo = mid;
        else
            hi = mid - 1;
    }
    while (lo > 0 && ((unsigned char)text[lo] & 0xC0) == 0x80)
        lo--;
    memcpy(buf, text, lo);
    memcpy(buf + lo, "…", sizeof "…");
}

/* Draws text in the largest style from `start` down to `min` that fits
 * w x maxh; in `min` it is cut with an ellipsis.  Returns the height drawn. */
static int text_fit(Gfx *g, int x, int y, int w, int maxh, const char *text, ThemeText start,
                    ThemeText min, ThemeColor c)
{
    static char buf[GFX_MAX_TEXT];
    ThemeText s = start;
    if (!text || !*text || w <= 0 || maxh < lh(g, min))
        return 0;
    for (;;) {
        int next = theme_text_smaller(s);
        if (gfx_text_height(g, w, text, s) <= maxh)
            return gfx_text(g, x, y, w, text, s, c, GFX_ALIGN_LEFT);
        if (s == min || next < 0)
            break;
        s = (ThemeText)next;
    }
    cut_to_fit(g, text, w, maxh, s, buf, sizeof buf);
    return gfx_text(g, x, y, w, buf, s, c, GFX_ALIGN_LEFT);
}

/* One line, cut with an ellipsis when wider than w.  Returns its width. */
static int line_fit(Gfx *g, int x, int y, int w, const char *text, ThemeText st, ThemeColor c)
{
    static char buf[GFX_MAX_TEXT];
    int tw = 0;
    if (!text || !*text || w <= 0)
        return 0;
    tw = gfx_measure(g, text, strlen(text), st);
    if (tw <= w) {
        gfx_text(g, x, y, w + 1, text, st, c, GFX_ALIGN_LEFT);
        return tw;
    }
    cut_to_fit(g, text, w, -1, st, buf, sizeof buf);
    gfx_text(g, x, y, w + 1, buf, st, c, GFX_ALIGN_LEFT);
    return gfx_measure(g, buf, strlen(buf), st);
}

/* A rounded label; returns its width (0 when it does not fit in maxw). */
static int chip(Gfx *g, int x, int y, int maxw, const char *text, ThemeColor bg, ThemeColor fg)
{
    int pad = gfx_px(g, 14);
    int w = gfx_measure(g, text, strlen(text), THEME_TEXT_SMALL_BOLD) + 2 * pad;
    int h = lh(g, THEME_TEXT_SMALL_BOLD) + gfx_px(g, 8);
    if (w > maxw)
        return 0;
    gfx_round_rect(g, x, y, w, h, h / 2, bg);
    gfx_text(g, x + pad, y + gfx_px(g, 4), w, text, THEME_TEXT_SMALL_BOLD, fg, GFX_ALIGN_LEFT);
    return w;
}

/* A section label (small bold, dim) with an optional right-hand hint;
 * returns the height used. */
static int label(Gfx *g, Rect r, const char *text, const char *hint)
{
    int hw = 0;
    if (hint && *hint) {
        hw = gfx_measure(g, hint, strlen(hint), THEME_TEXT_SMALL);
        if (hw > r.w / 2)
            hw = r.w / 2;
        line_fit(g, r.x + r.w - hw, r.y, hw, hint, THEME_TEXT_SMALL, rgb(THEME_ACCENT));
    }
    line_fit(g, r.x, r.y, r.w - hw - gfx_px(g, 12), text, THEME_TEXT_SMALL_BOLD, rgb(THEME_DIM));
    return lh(g, THEME_TEXT_SMALL_BOLD) + gfx_px(g, 8);
}

/* ---- top bar ------------------------------------------------------------------ */

static UiTextId screen_name(const ShowView *v)
{
    switch (v->screen) {
    case SHOW_SCREEN_WELCOME: return UI_PRES_SCR_WELCOME;
    case SHOW_SCREEN_BEAT: return UI_PRES_SCR_SCENE;
    case SHOW_SCREEN_INTERACTION:
        return v->ikind == STORY_INT_IDEA      ? UI_PRES_SCR_IDEAS
               : v->ikind == STORY_INT_DISCUSS ? UI_PRES_SCR_DISCUSS
                                               : UI_PRES_SCR_VOTE;
    case SHOW_SCREEN_ENDING: return UI_PRES_SCR_ENDING;
    case SHOW_SCREEN_ERROR: return UI_PRES_SCR_ERROR;
    case SHOW_SCREEN_EVAL: return UI_PRES_SCR_EVAL;
    case SHOW_SCREEN_KIOSK: return UI_PRES_SCR_KIOSK;
    case SHOW_SCREEN_RESULTS: return UI_PRES_SCR_RESULTS;
    case SHOW_SCREEN_MEASURE: return UI_PRES_SCR_ENDING;
    default: return UI_PRES_SCR_SCENE;
    }
}

static int topbar_h(Gfx *g)
{
    return gfx_px(g, 2 * 14) + lh(g, THEME_TEXT_BODY_BOLD) + gfx_px(g, 8) + views_chip_h(g);
}

static void draw_topbar(Gfx *g, const ShowView *v, Rect r, long elapsed_s)
{
    static const struct {
        unsigned bit;
        UiTextId text;
    } ovs[] = {{SHOW_OV_QUIT, UI_PRES_OV_QUIT},     {SHOW_OV_STOP, UI_PRES_OV_STOP},
               {SHOW_OV_IDEAS, UI_PRES_OV_IDEAS},   {SHOW_OV_REWIND, UI_PRES_OV_REWIND},
               {SHOW_OV_HELP, UI_PRES_OV_HELP},     {SHOW_OV_NOTES, UI_PRES_OV_NOTES},
               {SHOW_OV_MAP, UI_PRES_OV_MAP}};
    char clock[32];
    char buf[P_MAX_LINE];
    int pad = gfx_px(g, 14), x = r.x + pad, y = r.y + pad, cw = 0, w = 0, right = 0;
    size_t i = 0;
    const StoryBeat *b = views_cur_beat(v);
    gfx_round_rect(g, r.x, r.y, r.w, r.h, gfx_px(g, THEME_RADIUS), rgb(THEME_PANEL));
    clip(g, &r);
    /* clock, right-aligned over both rows */
    clock[0] = '\0';
    if (elapsed_s >= 0) {
        long m = elapsed_s / 60, s = elapsed_s % 60;
        if (m > 999)
            m = 999;
        snprintf(clock, sizeof clock, "%02ld:%02ld", m, s);
        cw = gfx_measure(g, clock, strlen(clock), THEME_TEXT_HEADING);
        gfx_text(g, r.x + r.w - pad - cw, r.y + (r.h - lh(g, THEME_TEXT_HEADING)) / 2, cw + 1, clock,
                 THEME_TEXT_HEADING, rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        cw += gfx_px(g, 24);
    }
    right = r.x + r.w - pad - cw;
    /* row 1: scenario title · beat (id) */
    if (v->sc) {
        w = line_fit(g, x, y, (right - x) / 2, tx(v, &v->sc->title), THEME_TEXT_BODY_BOLD,
                     rgb(THEME_TEXT));
        if (b) {
            const char *t = views_beat_label(v, v->beat);
            if (b->id && strcmp(t, b->id) != 0)
                snprintf(buf, sizeof buf, "·  %s  (%s)", t, b->id);
            else
                snprintf(buf, sizeof buf, "·  %s", t);
            line_fit(g, x + w + gfx_px(g, 16), y + (lh(g, THEME_TEXT_BODY_BOLD) - lh(g, THEME_TEXT_BODY)) / 2,
                     right - x - w - gfx_px(g, 16), buf, THEME_TEXT_BODY, rgb(THEME_DIM));
        }
    } else {
        line_fit(g, x, y, right - x, ui(v, UI_PRES_NO_SCENARIO), THEME_TEXT_BODY_BOLD, rgb(THEME_ERROR));
    }
    /* row 2: screen and overlays; BLANK first and red */
    y += lh(g, THEME_TEXT_BODY_BOLD) + gfx_px(g, 8);
    if (v->overlays & SHOW_OV_BLANK) {
        w = chip(g, x, y, right - x, ui(v, UI_PRES_OV_BLANK), rgb(THEME_STALKING), rgb(THEME_TEXT));
        x += w + gfx_px(g, 10);
    }
    if (v->screen == SHOW_SCREEN_ERROR)
        w = chip(g, x, y, right - x, ui(v, screen_name(v)), rgb(THEME_ERROR), rgb(THEME_ACCENT_TEXT));
    else
        w = chip(g, x, y, right - x, ui(v, screen_name(v)), rgb(THEME_ACCENT),
                 rgb(THEME_ACCENT_TEXT));
    x += w + gfx_px(g, 10);
    for (i = 0; i < sizeof ovs / sizeof ovs[0]; i++) {
        if (!(v->overlays & ovs[i].bit))
            continue;
        if (v->presenter && (ovs[i].bit & (SHOW_OV_NOTES | SHOW_OV_IDEAS)))
            continue; /* not on the projector: framed here instead */
        w = chip(g, x, y, right - x, ui(v, ovs[i].text), rgb(THEME_PANEL_HI), rgb(THEME_TEXT));
        if (w == 0)
            break;
        x += w + gfx_px(g, 10);
    }
    clip(g, NULL);
}

/* ---- left column: now ---------------------------------------------------------- */

/* "Speaker: text" of a step into buf. */
static const char *step_line(const ShowView *v, const StoryStep *st, char *buf, size_t n)
{
    const char *name = views_cast_name(v, st->speaker);
    const char *text = tx(v, &st->text);
    if (st->kind == STORY_STEP_IMAGE && !*text)
        text = st->image ? st->image : "";
    if (st->kind == STORY_STEP_MESSAGE && *name)
        snprintf(buf, n, "%s (sms%s%s): %s", name, st->time ? " " : "", st->time ? st->time : "",
                 text);
    else if (*name)
        snprintf(buf, n, "%s: %s", name, text);
    else
        snprintf(buf, n, "%s", text);
    return buf;
}

static int poll_shown(const ShowView *v)
{
    return v->poll && vote_state(v->poll) != VOTE_READY;
}

static const char *opt_text(const ShowView *v, int i)
{
    if (v->ikind == STORY_INT_SIGNAL || (v->overlays & SHOW_OV_STOP))
        return ui(v, views_signal_text(i));
    return tx(v, v->options[i].text);
}

/* The height of the shown option rows in style st, each up to max_lines
 * lines of textw, with the gaps between them. */
static int rows_need(Gfx *g, const ShowView *v, int textw, ThemeText st, int max_lines,
                     int from, int to)
{
    int i = 0, need = 0;
    for (i = from; i < to; i++)
        if (v->options[i].state != STORY_OPT_HIDDEN) {
            const ShowOption *o = &v->options[i];
            int th = gfx_text_height(g, textw, opt_text(v, i), st);
            int win = v->poll && vote_state(v->poll) == VOTE_REVEALED &&
                      (v->winner == i || (v->winner == -2 && (v->tied & (1u << i))));
            need += (th > max_lines * lh(g, st) ? max_lines * lh(g, st) : th) + gfx_px(g, 6);
            if (o->state == STORY_OPT_DISABLED || o->explored || v->picked == i || win)
                need += lh(g, THEME_TEXT_SMALL); /* its status line */
        }
    return need;
}

/* Phones count in this poll: they are on (a join address, or a LAN problem
 * to report) and the poll does not count hands alone.  Otherwise the
 * presenter shows no phone column and no phone counts. */
static int phones_count(const ShowView *v)
{
    return v->count != SHOW_COUNT_HANDS && (v->join_url || v->lan_problem);
}

/* The count columns of this poll, left to right: 0 hands, 1 phones, 2 the
 * total (only when hands and phones both count).  Returns how many. */
static int count_columns(const ShowView *v, int cols[3])
{
    int n = 0, phones = phones_count(v);
    if (v->count != SHOW_COUNT_PHONES || !phones)
        cols[n++] = 0;
    if (phones)
        cols[n++] = 1;
    if (n == 2)
        cols[n++] = 2;
    return n;
}

/* The option rows from..to-1 with their counts; returns the height used. */
static int draw_options_in(Gfx *g, const ShowView *v, Rect r, int from, int to)
{
    static const UiTextId heads[3] = {UI_PRES_HANDS, UI_PRES_PHONES, UI_PRES_TOTAL};
    char buf[P_MAX_LINE];
    int counts = poll_shown(v) || (v->poll && v->selected >= 0);
    int numw = gfx_px(g, P_NUM_W), cnt = gfx_px(g, P_COUNT_W), colw = 0, ncol = 0, col[3];
    int textw = r.w - numw - gfx_px(g, 12), y = r.y, i = 0, shown = 0;
    int small = lh(g, THEME_TEXT_SMALL), gap = gfx_px(g, 6);
    ThemeText st = THEME_TEXT_CAPTION;
    int n = 0, k = 0, max_lines = 2;
    ncol = count_columns(v, col);
    if (v->ikind == STORY_INT_SIGNAL || (v->overlays & SHOW_OV_STOP)) {
        numw += gfx_px(g, 20); /* room for the signal's colour dot after the digit */
        textw -= gfx_px(g, 20);
    }
    if (counts) {
        for (k = 0; k < ncol; k++) {
            const char *h = ui(v, heads[col[k]]);
            int hw = gfx_measure(g, h, strlen(h), THEME_TEXT_SMALL) + gfx_px(g, 16);
            if (hw > cnt)
                cnt = hw;
        }
        colw = ncol * cnt;
        textw = r.w - numw - colw - gfx_px(g, 12);
    }
    for (i = from; i < to; i++)
        if (v->options[i].state != STORY_OPT_HIDDEN)
            n++;
    /* a smaller style when the rows would not fit (each up to two lines),
     * and one line each when even that is too much: every row counts */
    if (rows_need(g, v, textw, st, 2, from, to) + (counts ? small : 0) > r.h)
        st = THEME_TEXT_SMALL;
    if (rows_need(g, v, textw, st, 2, from, to) + (counts ? small : 0) > r.h)
        max_lines = 1;
    if (counts) {
        const unsigned cols[3] = {THEME_HANDS, THEME_PHONES, THEME_TEXT};
        for (k = 0; k < ncol; k++)
            gfx_text(g, r.x + r.w - colw + k * cnt, y, cnt, ui(v, heads[col[k]]), THEME_TEXT_SMALL,
                     rgb(cols[col[k]]), GFX_ALIGN_RIGHT);
        y += small;
    }
    for (i = from; i < to; i++) {
        const ShowOption *o = &v->options[i];
        int disabled = o->state == STORY_OPT_DISABLED, win = 0, rh = 0, th = 0, maxh = 0;
        ThemeColor fg = rgb(disabled ? THEME_FAINT : THEME_TEXT);
        if (o->state == STORY_OPT_HIDDEN)
            continue;
        win = v->poll && vote_state(v->poll) == VOTE_REVEALED &&
              (v->winner == i || (v->winner == -2 && (v->tied & (1u << i))));
        maxh = r.y + r.h - y;
        th = gfx_text_height(g, textw, opt_text(v, i), st);
        if (th > max_lines * lh(g, st))
            th = max_lines * lh(g, st);
        if (th > maxh)
            th = lh(g, st);
        rh = th;
        if (disabled || o->explored || v->picked == i || win)
            rh += small;
        if (rh > maxh || (shown < n - 1 && rh + small > maxh))
            rh = th;
        if (maxh < th || (shown < n - 1 && maxh < th + small)) {
            /* below the last row drawn, never over it */
            snprintf(buf, sizeof buf, "+%d %s", n - shown, ui(v, UI_PRES_MORE));
            line_fit(g, r.x, y, r.w, buf, THEME_TEXT_SMALL, rgb(THEME_DIM));
            break;
        }
        if (v->selected == i || win || v->picked == i)
            gfx_round_rect(g, r.x - gfx_px(g, 6), y - gfx_px(g, 2), r.w + gfx_px(g, 12),
                           rh + gfx_px(g, 4), gfx_px(g, 8),
                           rgb(win || v->picked == i ? THEME_PANEL_HI : THEME_LINE));
        snprintf(buf, sizeof buf, "%d", i + 1);
        gfx_text(g, r.x, y, numw, buf, st == THEME_TEXT_SMALL ? THEME_TEXT_SMALL_BOLD : THEME_TEXT_BODY_BOLD,
                 rgb(disabled ? THEME_FAINT : THEME_ACCENT), GFX_ALIGN_LEFT);
        if (v->ikind == STORY_INT_SIGNAL || (v->overlays & SHOW_OV_STOP)) {
            /* the signal's colour just after the digit, clear of it and of the text */
            ThemeColor sc = rgb(i == 0 ? THEME_OK : (i == 1 ? THEME_WARNING : THEME_STALKING));
            ThemeText ns = st == THEME_TEXT_SMALL ? THEME_TEXT_SMALL_BOLD : THEME_TEXT_BODY_BOLD;
            int rad = gfx_px(g, 8);
            gfx_circle(g, r.x + gfx_measure(g, buf, strlen(buf), ns) + gfx_px(g, 6) + rad,
                       y + lh(g, st) / 2, rad, sc);
        }
        text_fit(g, r.x + numw, y, textw, th, opt_text(v, i), st, st, fg);
        if (rh > th) {
            buf[0] = '\0';
            if (disabled) {
                const char *why = o->why == STORY_WHY_USED ? ui(v, UI_PRES_USED)
                                  : (o->reason && *tx(v, o->reason))
                                      ? tx(v, o->reason)
                                      : ui(v, UI_UNAVAILABLE);
                snprintf(buf, sizeof buf, "⊘ %s", why);
            }
            if (o->explored)
                snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", *buf ? " · " : "",
                         ui(v, UI_PRES_EXPLORED));
            if (win)
                snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s★ %s", *buf ? " · " : "",
                         ui(v, UI_PRES_WINNER));
            if (v->picked == i)
                snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s✔ %s", *buf ? " · " : "",
                         ui(v, UI_PRES_PICKED));
            line_fit(g, r.x + numw, y + th, textw, buf, THEME_TEXT_SMALL,
                     rgb(win || v->picked == i ? THEME_ACCENT : THEME_FAINT));
        }
        if (counts) {
            int vals[3];
            vals[0] = vote_hands(v->poll, i);
            vals[1] = vote_phones(v->poll, i);
            vals[2] = vote_total(v->poll, i);
            for (k = 0; k < ncol; k++) {
                int c = col[k];
                ThemeText cs = c == 2 ? (st == THEME_TEXT_SMALL ? THEME_TEXT_SMALL_BOLD
                                                                 : THEME_TEXT_BODY_BOLD)
                                      : st;
                ThemeColor cc = rgb(c == 0 ? THEME_HANDS : (c == 1 ? THEME_PHONES : THEME_TEXT));
                if (c == 0 && v->selected == i && v->entry >= 0)
                    snprintf(buf, sizeof buf, "%d_", v->entry);
                else
                    snprintf(buf, sizeof buf, "%d", vals[c]);
                if (!vote_option_enabled(v->poll, i) && c < 2)
                    cc = rgb(THEME_FAINT);
                gfx_text(g, r.x + r.w - colw + k * cnt, y, cnt, buf, cs, cc, GFX_ALIGN_RIGHT);
            }
        }
        y += rh + gap;
        shown++;
    }
    return y - r.y;
}

/* The option rows with their counts, in two columns side by side when one
 * column cannot hold them all on a line each (with their status lines):
 * every count stays in view.  Returns the height used. */
static int draw_options(Gfx *g, const ShowView *v, Rect r)
{
    int counts = poll_shown(v) || (v->poll && v->selected >= 0);
    int small = lh(g, THEME_TEXT_SMALL), gap = gfx_px(g, 28), n = 0, half = 0, i = 0, k = 0;
    int textw = r.w / 2, h1 = 0, h2 = 0;
    Rect left = r, right = r;
    for (i = 0; i < v->n_options; i++)
        n += v->options[i].state != STORY_OPT_HIDDEN;
    if (n < 2 || rows_need(g, v, textw, THEME_TEXT_SMALL, 1, 0, v->n_options) +
                         (counts ? small : 0) <= r.h)
        return draw_options_in(g, v, r, 0, v->n_options);
    /* the first half of the shown options on the left, the rest on the right */
    for (i = 0; i < v->n_options && k < (n + 1) / 2; i++)
        k += v->options[i].state != STORY_OPT_HIDDEN;
    half = i;
    left.w = (r.w - gap) / 2;
    right.w = left.w;
    right.x = r.x + r.w - right.w;
    h1 = draw_options_in(g, v, left, 0, half);
    h2 = draw_options_in(g, v, right, half, v->n_options);
    return h1 > h2 ? h1 : h2;
}

static int draw_interaction_now(Gfx *g, const ShowView *v, Rect r)
{
    char buf[P_MAX_LINE];
    int y = r.y, small = lh(g, THEME_TEXT_SMALL), x = r.x;
    int prompt_max = lh(g, THEME_TEXT_BODY_BOLD) * 2;
    /* status: poll state, joined / voted */
    if (v->poll) {
        VoteState s = vote_state(v->poll);
        UiTextId ps = s == VOTE_OPEN ? UI_PRES_POLL_OPEN
                   : s == VOTE_CLOSED ? UI_PRES_POLL_CLOSED
                   : s == VOTE_REVEALED ? UI_PRES_POLL_REVEALED
                                        : UI_PRES_POLL_READY;
        x += chip(g, x, y, r.w, ui(v, ps), rgb(s == VOTE_OPEN ? THEME_OK : THEME_PANEL_HI),
                  rgb(s == VOTE_OPEN ? THEME_ACCENT_TEXT : THEME_TEXT)) +
             gfx_px(g, 12);
        if (phones_count(v)) {
            snprintf(buf, sizeof buf, "%s %d · %s %d", ui(v, UI_PRES_JOINED), v->phones_joined,
                     ui(v, UI_PRES_VOTED), vote_phone_voters(v->poll));
            line_fit(g, x, y + (views_chip_h(g) - small) / 2, r.x + r.w - x, buf,
                     THEME_TEXT_SMALL, rgb(THEME_PHONES));
        }
        y += views_chip_h(g) + gfx_px(g, 8);
    } else if (v->ikind == STORY_INT_CHOICE || v->ikind == STORY_INT_SIGNAL ||
               (v->overlays & SHOW_OV_STOP)) {
        line_fit(g, x, y, r.w, ui(v, UI_PRES_NOT_OPEN), THEME_TEXT_SMALL, rgb(THEME_DIM));
        y += small + gfx_px(g, 6);
    }
    y += text_fit(g, r.x, y, r.w, prompt_max, views_interaction_prompt(v), THEME_TEXT_BODY_BOLD,
                  THEME_TEXT_SMALL_BOLD, rgb(THEME_TEXT));
    y += gfx_px(g, 10);
    if (v->winner == -2 && v->poll && vote_state(v->poll) == VOTE_REVEALED && v->picked < 0) {
        line_fit(g, r.x, y, r.w, ui(v, UI_PRES_TIE), THEME_TEXT_SMALL_BOLD, rgb(THEME_WARNING));
        y += small + gfx_px(g, 4);
    }
    if (v->n_options > 0) {
        Rect o = {r.x, y, r.w, r.y + r.h - y};
        y += draw_options(g, v, o);
    } else if (v->ikind == STORY_INT_IDEA) {
        snprintf(buf, sizeof buf, "%s %d", ui(v, UI_PRES_APPROVED), v->n_ideas);
        line_fit(g, r.x, y, r.w, buf, THEME_TEXT_CAPTION, rgb(THEME_DIM));
        y += lh(g, THEME_TEXT_CAPTION);
    } else if (v->ikind == STORY_INT_DISCUSS && v->seconds_left >= 0) {
        snprintf(buf, sizeof buf, "%s %d:%02d", ui(v, UI_PRES_TIMER), v->seconds_left / 60,
                 v->seconds_left % 60);
        line_fit(g, r.x, y, r.w, buf, THEME_TEXT_BODY_BOLD, rgb(THEME_ACCENT));
        y += lh(g, THEME_TEXT_BODY_BOLD);
    }
    return y - r.y;
}

static void draw_now(Gfx *g, const ShowView *v, Rect r)
{
    char buf[P_MAX_LINE];
    const StoryBeat *b = views_cur_beat(v);
    int y = r.y, small = lh(g, THEME_TEXT_SMALL);
    clip(g, &r);
    if (v->overlays & SHOW_OV_BLANK) {
        line_fit(g, r.x, y, r.w, ui(v, UI_PRES_BLANK_NOW), THEME_TEXT_SMALL_BOLD, rgb(THEME_STALKING));
        y += small + gfx_px(g, 6);
        r.h -= small + gfx_px(g, 6);
        r.y = y;
    }
    if (v->screen == SHOW_SCREEN_ERROR) {
        const char *e = v->error && *v->error ? v->error : ui(v, UI_SCENARIO_ERROR);
        line_fit(g, r.x, y, r.w, ui(v, UI_SCENARIO_ERROR), THEME_TEXT_BODY_BOLD,
                 rgb(THEME_ERROR));
        y += lh(g, THEME_TEXT_BODY_BOLD) + gfx_px(g, 6);
        y += text_fit(g, r.x, y, r.w, r.y + r.h - y - small - gfx_px(g, 8), e, THEME_TEXT_CAPTION,
                      THEME_TEXT_SMALL, rgb(THEME_ERROR));
        line_fit(g, r.x, r.y + r.h - small, r.w, ui(v, UI_PRES_ERROR_BACK), THEME_TEXT_SMALL,
                 rgb(THEME_DIM));
    } else if ((v->overlays & SHOW_OV_STOP) || v->screen == SHOW_SCREEN_INTERACTION) {
        draw_interaction_now(g, v, r);
    } else if (v->screen == SHOW_SCREEN_WELCOME) {
        if (v->sc) {
            y += text_fit(g, r.x, y, r.w, lh(g, THEME_TEXT_HEADING) * 2, tx(v, &v->sc->title),
                          THEME_TEXT_HEADING, THEME_TEXT_BODY_BOLD, rgb(THEME_TEXT));
            y += text_fit(g, r.x, y, r.w, lh(g, THEME_TEXT_CAPTION) * 2, tx(v, &v->sc->subtitle),
                          THEME_TEXT_CAPTION, THEME_TEXT_SMALL, rgb(THEME_DIM));
        }
        y += gfx_px(g, 10);
        line_fit(g, r.x, y, r.w, ui(v, UI_PRES_WELCOME_NOW), THEME_TEXT_SMALL, rgb(THEME_FAINT));
        y += small + gfx_px(g, 6);
        if (v->join_url) {
            char addr[128];
            views_join_addr(v->join_url, v->room_code != NULL, addr, sizeof addr);
            snprintf(buf, sizeof buf, "%s %s%s%s", ui(v, UI_JOIN_AT), addr,
                     v->room_code ? " · " : "", v->room_code ? v->room_code : "");
            line_fit(g, r.x, y, r.w, buf, THEME_TEXT_CAPTION, rgb(THEME_PHONES));
            y += lh(g, THEME_TEXT_CAPTION);
            snprintf(buf, sizeof buf, "%s: %d", ui(v, UI_JOINED), v->phones_joined);
            line_fit(g, r.x, y, r.w, buf, THEME_TEXT_SMALL, rgb(THEME_DIM));
        } else if (v->lan_problem) {
            text_fit(g, r.x, y, r.w, r.y + r.h - y, v->lan_problem, THEME_TEXT_SMALL,
                     THEME_TEXT_SMALL, rgb(THEME_WARNING));
        }
    } else if (v->screen == SHOW_SCREEN_BEAT && b) {
        const char *place = tx(v, &b->place), *time = tx(v, &b->time);
        snprintf(buf, sizeof buf, "%s%s%s", place, *place && *time ? "  ·  " : "", time);
        if (*buf) {
            line_fit(g, r.x, y, r.w, buf, THEME_TEXT_CAPTION, rgb(THEME_DIM));
            y += lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 8);
        }
        snprintf(buf, sizeof buf, "%d / %d", v->steps_shown, b->n_steps);
        line_fit(g, r.x, y, r.w, buf, THEME_TEXT_SMALL_BOLD, rgb(THEME_ACCENT));
        y += small + gfx_px(g, 6);
        if (v->steps_shown > 0 && v->steps_shown <= b->n_steps) {
            const StoryStep *st = &b->steps[v->steps_shown - 1];
            step_line(v, st, buf, sizeof buf);
            text_fit(g, r.x, y, r.w, r.y + r.h - y, buf,
                     st->kind == STORY_STEP_NARRATION ? THEME_TEXT_ITALIC : THEME_TEXT_BODY,
                     THEME_TEXT_SMALL, rgb(THEME_TEXT));
        } else {
            line_fit(g, r.x, y, r.w, ui(v, UI_PRES_NO_STEP), THEME_TEXT_CAPTION, rgb(THEME_FAINT));
        }
    } else if (v->screen == SHOW_SCREEN_ENDING && b) {
        line_fit(g, r.x, y, r.w, ui(v, v->ending_page ? UI_PRES_ENDING_PAGE1 : UI_PRES_ENDING_PAGE0),
                 THEME_TEXT_SMALL_BOLD, rgb(THEME_ACCENT));
        y += small + gfx_px(g, 8);
        text_fit(g, r.x, y, r.w, r.y + r.h - y, tx(v, &b->ending_text), THEME_TEXT_BODY,
                 THEME_TEXT_SMALL, rgb(THEME_TEXT));
    } else if (v->screen == SHOW_SCREEN_MEASURE && v->sc && v->measure) {
        /* the statements' summary: stalking before -> after, per statement */
        int i = 0;
        line_fit(g, r.x, y, r.w, ui(v, UI_MEASURE_TITLE), THEME_TEXT_BODY_BOLD, rgb(THEME_TEXT));
        y += lh(g, THEME_TEXT_BODY_BOLD) + gfx_px(g, 6);
        for (i = 0; i < v->n_statements && y + small <= r.y + r.h; i++) {
            const ShowMeasure *m = &v->measure[i];
            int tb = m->counts[0][0] + m->counts[0][1] + m->counts[0][2];
            int ta = m->counts[1][0] + m->counts[1][1] + m->counts[1][2];
            char sb[16] = "-", sa[16] = "-";
            if (m->asked[0] && tb)
                snprintf(sb, sizeof sb, "%d %%", (m->counts[0][2] * 100 + tb / 2) / tb);
            if (m->asked[1] && ta)
                snprintf(sa, sizeof sa, "%d %%", (m->counts[1][2] * 100 + ta / 2) / ta);
            /* the numbers first: a long statement is cut, never its shares */
            snprintf(buf, sizeof buf, "%s %s → %s  %s", ui(v, UI_SIGNAL_STALKING), sb, sa,
                     tx(v, &v->sc->statements[i].text));
            line_fit(g, r.x, y, r.w, buf, THEME_TEXT_SMALL, rgb(THEME_TEXT));
            y += small + gfx_px(g, 4);
        }
    } else {
        /* EVAL / KIOSK / RESULTS */
        snprintf(buf, sizeof buf, "%s %d", ui(v, UI_PRES_EVAL_NOW), v->eval_answers);
        line_fit(g, r.x, y, r.w, buf, THEME_TEXT_BODY_BOLD, rgb(THEME_TEXT));
        y += lh(g, THEME_TEXT_BODY_BOLD) + gfx_px(g, 6);
        if (v->eval_error) {
            y += text_fit(g, r.x, y, r.w, r.y + r.h - y, v->eval_error, THEME_TEXT_CAPTION,
                          THEME_TEXT_SMALL, rgb(THEME_ERROR));
        }
    }
    clip(g, NULL);
}

/* ---- left column: next ---------------------------------------------------------- */

static const char *then_text(const ShowView *v, const StoryBeat *b, char *buf, size_t n)
{
    const StoryInteraction *it = &b->interaction;
    const char *p = tx(v, &it->prompt);
    switch (it->kind) {
    case STORY_INT_CHOICE: snprintf(buf, n, "%s %s", ui(v, UI_PRES_THEN_CHOICE), p); return buf;
    case STORY_INT_SIGNAL:
        snprintf(buf, n, "%s %s", ui(v, UI_PRES_THEN_SIGNAL), *p ? p : ui(v, UI_SIGNAL_QUESTION));
        return buf;
    case STORY_INT_IDEA: snprintf(buf, n, "%s %s", ui(v, UI_PRES_THEN_IDEA), p); return buf;
    case STORY_INT_DISCUSS: snprintf(buf, n, "%s %s", ui(v, UI_PRES_THEN_DISCUSS), p); return buf;
    default: break;
    }
    if (b->next >= 0)
        snprintf(buf, n, "%s %s", ui(v, UI_PRES_THEN_BEAT), views_beat_label(v, b->next));
    else
        snprintf(buf, n, "%s", ui(v, UI_PRES_THEN_END));
    return buf;
}

/* One entry of the next list; returns its height or 0 when it no longer fits. */
static int next_entry_st(Gfx *g, int y, Rect r, const char *text, ThemeColor c, ThemeText st)
{
    int maxh = r.y + r.h - y, h = 0;
    if (maxh < lh(g, THEME_TEXT_SMALL))
        return 0;
    if (maxh > lh(g, st) * 2)
        maxh = lh(g, st) * 2;
    h = text_fit(g, r.x, y, r.w, maxh, text, st, THEME_TEXT_SMALL, c);
    return h + gfx_px(g, st == THEME_TEXT_SMALL ? 2 : 8);
}

static int next_entry(Gfx *g, int y, Rect r, const char *text, ThemeColor c)
{
    return next_entry_st(g, y, r, text, c, THEME_TEXT_CAPTION);
}

/* The line of branch i ("2 → beat") into buf. */
static const char *branch_line(const ShowView *v, const StoryBeat *b, int i, char *buf, size_t n)
{
    const StoryOption *o = &b->interaction.options[i];
    snprintf(buf, n, "%d → %s", i + 1,
             o->target >= 0 ? views_beat_label(v, o->target) : (o->target_id ? o->target_id : "?"));
    return buf;
}

/* Height of every shown branch of b wrapped to w in style st, one column. */
static int branches_h(Gfx *g, const ShowView *v, const StoryBeat *b, int w, ThemeText st)
{
    char buf[P_MAX_LINE];
    int i = 0, h = 0;
    for (i = 0; i < v->n_options && i < b->interaction.n_options; i++)
        if (v->options[i].state != STORY_OPT_HIDDEN)
            h += gfx_text_height(g, w, branch_line(v, b, i, buf, sizeof buf), st) + gfx_px(g, 2);
    return h;
}

/* Lays out (and when `draw`, draws) every shown branch of b in r.w, in
 * `cols` columns (1 or 2) of style st, each wrapped, never cut; the second
 * column takes the rest once the first holds about half.  Returns the
 * height used. */
static int branches_at(Gfx *g, const ShowView *v, const StoryBeat *b, Rect r, ThemeText st,
                       int cols, int draw)
{
    char buf[P_MAX_LINE];
    int gap = gfx_px(g, 24), colw = cols > 1 ? (r.w - gap) / 2 : r.w, col = 0, y = r.y, used = 0;
    int half = cols > 1 ? (branches_h(g, v, b, colw, st) + 1) / 2 : 0, i = 0;
    for (i = 0; i < v->n_options && i < b->interaction.n_options; i++) {
        int h = 0;
        if (v->options[i].state == STORY_OPT_HIDDEN)
            continue;
        branch_line(v, b, i, buf, sizeof buf);
        h = gfx_text_height(g, colw, buf, st) + gfx_px(g, 2);
        if (cols > 1 && col == 0 && y > r.y && y - r.y + h / 2 > half) {
            col = 1; /* the rest in the second column */
            y = r.y;
        }
        if (draw)
            gfx_text(g, r.x + col * (colw + gap), y, colw, buf, st,
                     rgb(v->options[i].state == STORY_OPT_DISABLED ? THEME_FAINT : THEME_DIM),
                     GFX_ALIGN_LEFT);
        y += h;
        if (y - r.y > used)
            used = y - r.y;
    }
    return used;
}

/* Every branch of a choice, whole ("2 → beat", wrapped, never cut): one
 * column in the caption style when they fit, else smaller, else two. */
static void draw_next_branches(Gfx *g, const ShowView *v, const StoryBeat *b, Rect r)
{
    ThemeText st = THEME_TEXT_CAPTION;
    int cols = 1;
    if (branches_at(g, v, b, r, st, 1, 0) > r.h)
        st = THEME_TEXT_SMALL;
    if (branches_at(g, v, b, r, st, 1, 0) > r.h)
        cols = 2;
    branches_at(g, v, b, r, st, cols, 1);
}

/* The room the "next" card needs below the "now" card: every branch of a
 * choice, whole, in the small style in two columns (0 when not at a choice). */
static int next_need_h(Gfx *g, const ShowView *v, int w)
{
    const StoryBeat *b = views_cur_beat(v);
    if (v->screen != SHOW_SCREEN_INTERACTION || !b || v->ikind != STORY_INT_CHOICE ||
        (v->overlays & SHOW_OV_STOP))
        return 0;
    return branches_at(g, v, b, (Rect){0, 0, w, 0}, THEME_TEXT_SMALL, 2, 0);
}

static void draw_next(Gfx *g, const ShowView *v, Rect r)
{
    char buf[P_MAX_LINE];
    const StoryBeat *b = views_cur_beat(v);
    int y = r.y, i = 0, h = 0;
    clip(g, &r);
    if (v->measure_round) {
        /* a statement asked: what the keys do there */
        next_entry(g, y, r, v->poll_keys, rgb(THEME_ACCENT));
    } else if (v->screen == SHOW_SCREEN_WELCOME && v->sc && v->sc->start >= 0 &&
               v->sc->start < v->sc->n_beats) {
        /* J continues at the saved beat while a saved event is offered */
        int at = v->resume_offer && v->resume_beat >= 0 && v->resume_beat < v->sc->n_beats
                     ? v->resume_beat
                     : v->sc->start;
        const StoryBeat *s = &v->sc->beats[at];
        snprintf(buf, sizeof buf, "%s %s", ui(v, UI_PRES_THEN_BEAT), views_beat_label(v, at));
        y += next_entry(g, y, r, buf, rgb(THEME_ACCENT));
        if (s->n_steps > 0)
            next_entry(g, y, r, step_line(v, &s->steps[0], buf, sizeof buf), rgb(THEME_TEXT));
    } else if (v->screen == SHOW_SCREEN_BEAT && b && !(v->overlays & SHOW_OV_STOP)) {
        for (i = v->steps_shown; i < b->n_steps && i < v->steps_shown + 3; i++) {
            h = next_entry(g, y, r, step_line(v, &b->steps[i], buf, sizeof buf),
                           rgb(i == v->steps_shown ? THEME_TEXT : THEME_DIM));
            if (!h)
                break;
            y += h;
        }
        if (i >= b->n_steps)
            next_entry(g, y, r, then_text(v, b, buf, sizeof buf), rgb(THEME_ACCENT));
    } else if (v->screen == SHOW_SCREEN_INTERACTION && b && v->ikind == STORY_INT_CHOICE) {
        draw_next_branches(g, v, b, r);
    } else if (v->screen == SHOW_SCREEN_INTERACTION && b) {
        if (b->next >= 0)
            snprintf(buf, sizeof buf, "%s %s", ui(v, UI_PRES_THEN_BEAT), views_beat_label(v, b->next));
        else
            snprintf(buf, sizeof buf, "%s", ui(v, UI_PRES_THEN_END));
        next_entry(g, y, r, buf, rgb(THEME_ACCENT));
    } else if (v->screen == SHOW_SCREEN_ENDING) {
        /* the kiosk's and the results' keys work on the evaluation screen
         * only: the key line below says what E and Next do here */
        next_entry(g, y, r, ui(v, v->ending_page ? UI_PRES_ENDING_PAGE0 : UI_PRES_ENDING_PAGE1),
                   rgb(THEME_DIM));
    } else if (v->screen == SHOW_SCREEN_EVAL || v->screen == SHOW_SCREEN_KIOSK ||
               v->screen == SHOW_SCREEN_RESULTS) {
        next_entry(g, y, r, ui(v, UI_PRES_EVAL_KEYS), rgb(THEME_ACCENT));
    } else if (v->screen == SHOW_SCREEN_MEASURE) {
        next_entry(g, y, r, ui(v, v->measure_eval ? UI_MEASURE_KEYS : UI_MEASURE_KEYS_NO_EVAL),
                   rgb(THEME_ACCENT));
    }
    clip(g, NULL);
}

/* ---- right column ---------------------------------------------------------------- */

/* The notes for what is on screen: the scenario overview on the welcome
 * screen (once), the beat's notes on every other screen. */
static const char *notes_text(const ShowView *v)
{
    const StoryBeat *b = views_cur_beat(v);
    if (v->notes_overview)
        return v->sc ? tx(v, &v->sc->notes) : "";
    return b && v->screen != SHOW_SCREEN_WELCOME ? tx(v, &b->notes) : "";
}

/* The notes, in the largest style from caption down to small that fits;
 * longer notes scroll by whole lines: *scroll (lines, may be NULL) is
 * clamped to what there is to see. */
static void draw_notes(Gfx *g, const ShowView *v, Rect r, int *scroll)
{
    const char *text = notes_text(v);
    ThemeText st = THEME_TEXT_CAPTION;
    int small = lh(g, THEME_TEXT_SMALL), th = 0, lines = 0, max = 0, off = 0, view_h = 0;
    clip(g, &r);
    if (!*text) {
        line_fit(g, r.x, r.y, r.w, ui(v, UI_PRES_NO_NOTES), THEME_TEXT_SMALL, rgb(THEME_FAINT));
        if (scroll)
            *scroll = 0;
        clip(g, NULL);
        return;
    }
    th = gfx_text_height(g, r.w, text, st);
    if (th > r.h) {
        st = THEME_TEXT_SMALL;
        th = gfx_text_height(g, r.w, text, st);
    }
    view_h = th > r.h ? r.h - small : r.h; /* room for the "more" line */
    if (th > view_h) {
        int l = lh(g, st);
        view_h -= view_h % l; /* whole lines only: none cut in half above "more" */
        lines = (th - view_h + l - 1) / l;
        max = lines;
        off = scroll ? *scroll : 0;
        if (off > max)
            off = max;
        if (off < 0)
            off = 0;
        if (scroll)
            *scroll = off;
        clip(g, &(Rect){r.x, r.y, r.w, view_h});
        gfx_text(g, r.x, r.y - off * l, r.w, text, st, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
        clip(g, &r);
        line_fit(g, r.x, r.y + r.h - small, r.w,
                 ui(v, off < max ? UI_PRIV_MORE_BELOW : UI_PRIV_SCROLL), THEME_TEXT_SMALL,
                 rgb(off < max ? THEME_ACCENT : THEME_FAINT));
    } else {
        if (scroll)
            *scroll = 0;
        gfx_text(g, r.x, r.y, r.w, text, st, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    }
    clip(g, NULL);
}

/* Row i of the presenter's idea list: pending ideas, then those shown on the
 * projector (numbered with a check mark). */
static const char *idea_text(const ShowView *v, int i, int *shown)
{
    *shown = i >= v->n_pending_ideas;
    if (*shown) {
        int k = i - v->n_pending_ideas;
        return v->ideas && k < v->n_ideas && v->ideas[k] ? v->ideas[k] : "";
    }
    return v->pending_ideas[i] ? v->pending_ideas[i] : "";
}

static void draw_ideas(Gfx *g, const ShowView *v, Rect r)
{
    char buf[P_MAX_LINE];
    int y = r.y, i = 0, first = 0, numw = 0, small = lh(g, THEME_TEXT_SMALL);
    int flagw = gfx_px(g, 10), textx = 0, textw = 0, rowmax = 2 * small, shown = 0;
    int np = v->pending_ideas ? v->n_pending_ideas : 0;
    int n = np + (v->ideas ? v->n_ideas : 0), sel = v->idea_sel, bottom = r.y + r.h;
    clip(g, &r);
    if (n <= 0) {
        line_fit(g, r.x, y, r.w, ui(v, UI_PRES_NO_IDEAS), THEME_TEXT_SMALL, rgb(THEME_FAINT));
        clip(g, NULL);
        return;
    }
    if (v->idea_confirm >= 0 && v->idea_confirm < np) {
        /* a flagged idea waits for its second Enter: say so above the list */
        int h = text_fit(g, r.x, y, r.w, 2 * small, ui(v, UI_PRIV_FLAG_CONFIRM),
                         THEME_TEXT_SMALL_BOLD, THEME_TEXT_SMALL_BOLD, rgb(THEME_WARNING));
        y += h + gfx_px(g, 6);
        r.h -= h + gfx_px(g, 6);
        r.y = y;
    }
    snprintf(buf, sizeof buf, "%d", n);
    numw = gfx_measure(g, buf, strlen(buf), THEME_TEXT_SMALL_BOLD) + gfx_px(g, 18);
    textx = r.x + numw + flagw + gfx_px(g, 10);
    textw = r.x + r.w - textx;
    if (sel < 0 || sel >= n)
        sel = 0;
    /* scroll so the highlighted idea is in view: walk back from it while the
     * rows above fit (leaving a line to count the ideas hidden above) */
    first = sel;
    {
        int used = gfx_text_height(g, textw, idea_text(v, sel, &shown), THEME_TEXT_SMALL);
        if (used > rowmax)
            used = rowmax;
        while (first > 0) {
            int th = gfx_text_height(g, textw, idea_text(v, first - 1, &shown), THEME_TEXT_SMALL);
            int room = r.h - (first - 1 > 0 ? small : 0);
            if (th > rowmax)
                th = rowmax;
            if (used + gfx_px(g, 6) + th > room)
                break;
            used += gfx_px(g, 6) + th;
            first--;
        }
    }
    for (i = first; i < n; i++) {
        const char *t = idea_text(v, i, &shown);
        int flagged = !shown && v->idea_flags && v->idea_flags[i];
        int th = gfx_text_height(g, textw, t, THEME_TEXT_SMALL);
        int more = n - i;
        if (th > rowmax)
            th = rowmax;
        if (y + th > bottom || (more > 1 && i != sel && y + th + small > bottom)) {
            snprintf(buf, sizeof buf, "↓ %d %s", more, ui(v, UI_PRES_MORE));
            line_fit(g, r.x, bottom - small, r.w, buf, THEME_TEXT_SMALL, rgb(THEME_DIM));
            break;
        }
        if (i == sel)
            gfx_round_rect(g, r.x, y - gfx_px(g, 2), r.w, th + gfx_px(g, 4), gfx_px(g, 8),
                           rgb(THEME_PANEL_HI));
        if (shown)
            snprintf(buf, sizeof buf, "✔");
        else
            snprintf(buf, sizeof buf, "%d", i + 1);
        gfx_text(g, r.x + gfx_px(g, 8), y, numw, buf, THEME_TEXT_SMALL_BOLD,
                 rgb(shown ? THEME_OK : (i == sel ? THEME_ACCENT : THEME_DIM)), GFX_ALIGN_LEFT);
        if (flagged)
            gfx_round_rect(g, r.x + numw, y + gfx_px(g, 3), flagw, th - gfx_px(g, 6), flagw / 2,
                           rgb(THEME_STALKING));
        text_fit(g, textx, y, textw, th, t, THEME_TEXT_SMALL, THEME_TEXT_SMALL,
                 rgb(flagged ? THEME_ERROR : (i == sel ? THEME_TEXT : THEME_DIM)));
        y += th + gfx_px(g, 6);
    }
    clip(g, NULL);
}

/* ---- frame ---------------------------------------------------------------------- */

/* The key line with each piece kept whole: a lone space (inside a piece)
 * becomes a no-break space; the runs between pieces stay breakable. */
static void keys_whole(const char *in, char *out, size_t n)
{
    size_t o = 0;
    assert(n > 0);
    for (; *in && o + 3 < n; in++) {
        if (*in == ' ' && in[1] != ' ' && (o == 0 || out[o - 1] != ' ')) {
            out[o++] = (char)0xC2;
            out[o++] = (char)0xA0;
        } else
            out[o++] = *in;
    }
    out[o] = '\0';
}

void views_draw_presenter(Gfx *g, const ShowView *v, long elapsed_s)
{
    views_draw_presenter_at(g, v, elapsed_s, NULL);
}

void views_draw_presenter_at(Gfx *g, const ShowView *v, long elapsed_s, int *notes_scroll)
{
    char buf[P_MAX_LINE];
    int w = 0, h = 0, mx = 0, my = 0, keys_h = 0, gap = 0, pad = 0, y = 0, lw = 0, col_h = 0;
    int now_h = 0, notes_h = 0;
    Rect safe, top, left, right, card;
    if (!g)
        return;
    gfx_clear(g, rgb(THEME_BG));
    if (!v)
        return;
    if (v->labels_open) {
        /* the event's labels are typed here; the projector keeps its screen */
        views_draw_labels(g, v);
        return;
    }
    if (v->screen == SHOW_SCREEN_KIOSK && v->kiosk) {
        /* the pupil answers at the laptop; the projector keeps the invitation */
        views_draw_kiosk(g, v);
        return;
    }
    w = gfx_width(g);
    h = gfx_height(g);
    mx = theme_margin_x(w);
    my = theme_margin_y(h);
    safe.x = mx;
    safe.y = my;
    safe.w = w - 2 * mx;
    safe.h = h - 2 * my;
    gap = gfx_px(g, THEME_GAP);
    pad = gfx_px(g, THEME_PAD);

    top.x = safe.x;
    top.y = safe.y;
    top.w = safe.w;
    top.h = topbar_h(g);
    draw_topbar(g, v, top, elapsed_s);

    /* keys along the bottom, up to two lines; moderation's own while it is open */
    {
        /* the show's line for this state: only keys that do something now */
        char whole[2 * SHOW_MAX_KEYS];
        const char *keys = v->overlays & SHOW_OV_IDEAS ? ui(v, UI_PRIV_KEYS_IDEAS) : whole;
        keys_whole(v->keys, whole, sizeof whole);
        keys_h = gfx_text_height(g, safe.w, keys, THEME_TEXT_SMALL);
        if (keys_h > 2 * lh(g, THEME_TEXT_SMALL))
            keys_h = 2 * lh(g, THEME_TEXT_SMALL);
        text_fit(g, safe.x, safe.y + safe.h - keys_h, safe.w, keys_h, keys, THEME_TEXT_SMALL,
                 THEME_TEXT_SMALL, rgb(v->overlays & SHOW_OV_IDEAS ? THEME_ACCENT : THEME_FAINT));
    }

    /* for the facilitator only: a problem (the phone port in use...) or the
     * saved event on offer, above the keys */
    {
        const char *msg = v->note && *v->note ? v->note : v->resume_offer;
        if (msg && *msg) {
            int nh = gfx_text_height(g, safe.w, msg, THEME_TEXT_SMALL_BOLD);
            if (nh > 2 * lh(g, THEME_TEXT_SMALL_BOLD))
                nh = 2 * lh(g, THEME_TEXT_SMALL_BOLD);
            keys_h += nh + gap / 2;
            text_fit(g, safe.x, safe.y + safe.h - keys_h, safe.w, nh, msg, THEME_TEXT_SMALL_BOLD,
                     THEME_TEXT_SMALL, rgb(msg == v->note ? THEME_WARNING : THEME_ACCENT));
        }
    }
    y = top.y + top.h + gap;
    col_h = safe.y + safe.h - keys_h - gap - y;
    lw = safe.w * P_LEFT_PCT / 100;
    left.x = safe.x;
    left.y = y;
    left.w = lw;
    left.h = col_h;
    right.x = safe.x + lw + gfx_px(g, P_COL_GAP);
    right.y = y;
    right.w = safe.x + safe.w - right.x;
    right.h = col_h;

    /* left: now, then next */
    y = left.y + label(g, left, ui(v, UI_PRES_NOW), NULL);
    now_h = (left.y + left.h - y) *
            (v->screen == SHOW_SCREEN_INTERACTION || (v->overlays & SHOW_OV_STOP) ? P_NOW_POLL_PCT
                                                                                 : P_NOW_PCT) /
            100;
    {
        /* the "next" card keeps room for every branch of a choice */
        int need = next_need_h(g, v, left.w - 2 * pad);
        if (need > 0)
            need += 2 * pad + lh(g, THEME_TEXT_SMALL_BOLD) + 2 * gap;
        if (need > 0 && left.y + left.h - y - now_h < need)
            now_h = left.y + left.h - y - need;
        if (now_h < (left.y + left.h - y) / 2)
            now_h = (left.y + left.h - y) / 2;
    }
    card.x = left.x;
    card.y = y;
    card.w = left.w;
    card.h = now_h;
    gfx_round_rect(g, card.x, card.y, card.w, card.h, gfx_px(g, THEME_RADIUS),
                   rgb(v->overlays & SHOW_OV_BLANK ? THEME_PHONE_SCREEN : THEME_PANEL));
    if (v->screen == SHOW_SCREEN_ERROR)
        gfx_round_frame(g, card.x, card.y, card.w, card.h, gfx_px(g, THEME_RADIUS), gfx_px(g, 3),
                        rgb(THEME_ERROR));
    {
        Rect in = {card.x + pad, card.y + pad, card.w - 2 * pad, card.h - 2 * pad};
        draw_now(g, v, in);
    }
    y = card.y + card.h + gap;
    {
        Rect nl = {left.x, y, left.w, left.y + left.h - y};
        y += label(g, nl, ui(v, UI_PRES_NEXT), NULL);
        card.y = y;
        card.h = left.y + left.h - y;
        gfx_round_rect(g, card.x, card.y, card.w, card.h, gfx_px(g, THEME_RADIUS),
                       rgb(THEME_PANEL));
        {
            Rect in = {card.x + pad, card.y + pad, card.w - 2 * pad, card.h - 2 * pad};
            draw_next(g, v, in);
        }
    }

    /* right: notes, then the idea queue */
    y = right.y + label(g, right, ui(v, UI_PRES_NOTES),
                        v->presenter && (v->overlays & SHOW_OV_NOTES) ? ui(v, UI_PRIV_ONLY_HERE)
                                                                      : NULL);
    notes_h = (right.y + right.h - y) *
              (v->n_pending_ideas > 0 || v->n_ideas > 0 || (v->overlays & SHOW_OV_IDEAS)
                   ? P_NOTES_PCT
                   : P_NOTES_IDLE_PCT) /
              100;
    card.x = right.x;
    card.y = y;
    card.w = right.w;
    card.h = notes_h;
    gfx_round_rect(g, card.x, card.y, card.w, card.h, gfx_px(g, THEME_RADIUS), rgb(THEME_PANEL));
    {
        Rect in = {card.x + pad, card.y + pad, card.w - 2 * pad, card.h - 2 * pad};
        if (v->overlays & SHOW_OV_NOTES)
            gfx_round_frame(g, card.x, card.y, card.w, card.h, gfx_px(g, THEME_RADIUS),
                            gfx_px(g, 3), rgb(THEME_ACCENT));
        draw_notes(g, v, in, notes_scroll);
    }
    y = card.y + card.h + gap;
    {
        Rect il = {right.x, y, right.w, right.y + right.h - y};
        if (v->n_pending_ideas > 0)
            snprintf(buf, sizeof buf, "%s (%d)", ui(v, UI_PRES_IDEAS), v->n_pending_ideas);
        else
            snprintf(buf, sizeof buf, "%s", ui(v, UI_PRES_IDEAS));
        y += label(g, il, buf,
                   ui(v, v->presenter && (v->overlays & SHOW_OV_IDEAS) ? UI_PRIV_ONLY_HERE
                                                                       : UI_PRES_IDEA_KEYS));
        card.y = y;
        card.h = right.y + right.h - y;
        gfx_round_rect(g, card.x, card.y, card.w, card.h, gfx_px(g, THEME_RADIUS),
                       rgb(THEME_PANEL));
        if (v->overlays & SHOW_OV_IDEAS)
            gfx_round_frame(g, card.x, card.y, card.w, card.h, gfx_px(g, THEME_RADIUS),
                            gfx_px(g, 3), rgb(THEME_ACCENT));
        {
            Rect in = {card.x + pad, card.y + pad, card.w - 2 * pad, card.h - 2 * pad};
            draw_ideas(g, v, in);
        }
    }
}
