/* views_poll.c - an interaction on the projector: choice and signal polls
 * (option rows, live counts, results), the stop poll, idea cards, the
 * discussion timer and the join box beside an open poll. */
#include "views/views_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* Design-pixel constants of the poll layout (scaled by gfx_px). */
#define V_BADGE 78      /* option number badge */
#define V_ROW_PAD 18
#define V_RESULT_W 720  /* result column of an option row while a poll is shown */
#define V_MARK_W 180    /* explored marker column without a poll */
#define V_JOIN_W 380    /* join box beside the options of an open poll */
#define V_JOIN_GAP 36

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
        return ui(v, views_signal_text(i));
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
    assert(i >= 0 && i < v->n_options && i < STORY_MAX_OPTIONS);
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
    assert(p != NULL && i >= 0 && i < v->n_options);
    snprintf(buf, sizeof buf, "%d", total);
    numw = gfx_measure(g, buf, strlen(buf), THEME_TEXT_HEADING) + gfx_px(g, 20);
    gfx_text(g, r.x, y, r.w, buf, THEME_TEXT_HEADING, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    snprintf(buf, sizeof buf, "%d %%", pct);
    pw = gfx_measure(g, buf, strlen(buf), THEME_TEXT_BODY_BOLD);
    gfx_text(g, r.x, y + (hh - lh(g, THEME_TEXT_BODY_BOLD)) / 2, r.w, buf, THEME_TEXT_BODY_BOLD,
             bar_c, GFX_ALIGN_RIGHT);
    /* hands and phones shown apart, the big number is their sum */
    if (vote_sources(p) == VOTE_SRC_BOTH)
        snprintf(buf, sizeof buf, "= %d %s + %d %s", hands, ui(v, UI_HANDS), phones,
                 ui(v, UI_PHONES));
    else if (vote_sources(p) == VOTE_SRC_HANDS)
        snprintf(buf, sizeof buf, "%s", ui(v, UI_HANDS));
    else
        snprintf(buf, sizeof buf, "%s", ui(v, UI_PHONES));
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
    int selected = (open || revealed) && v->selected == i;
    int hands = v->poll && (vote_sources(v->poll) & VOTE_SRC_HANDS);
    char num[16], rb[STORY_MAX_TEXT + 1], buf[96];
    const char *reason = opt_reason(v, i, rb, sizeof rb);
    ThemeColor bg = rgb(selected || picked || winner ? THEME_PANEL_HI : THEME_PANEL);
    ThemeColor fg = rgb(disabled ? THEME_FAINT : THEME_TEXT);
    ThemeColor badge_c = signal ? views_signal_color(i) : rgb(disabled ? THEME_LINE : THEME_ACCENT);
    ThemeColor frame_c = rgb(THEME_ACCENT);
    int th = 0, cy = 0, rad = gfx_px(g, 20);
    ThemeText num_st = THEME_TEXT_HEADING;
    Rect res;
    assert(i >= 0 && i < v->n_options && i < STORY_MAX_OPTIONS);

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
    if (revealed && !selected) {
        ThemeColor bc = signal ? views_signal_color(i) : rgb(winner || picked ? THEME_ACCENT : THEME_DIM);
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
            views_chip(g, r.x + o.text_x, r.y - views_chip_h(g) / 2, ui(v, UI_PICKED), rgb(THEME_ACCENT),
                 rgb(THEME_ACCENT_TEXT));
        }
    } else if ((open || selected) && hands && !disabled) {
        int fh = lh(g, THEME_TEXT_HEADING) + gfx_px(g, 12);
        int fy = r.y + (r.h - fh) / 2, fw = gfx_px(g, 260); /* 4 digits and the cursor */
        int fx = res.x + res.w - fw;
        if (selected) {
            gfx_round_rect(g, fx, fy, fw, fh, gfx_px(g, 12), rgb(THEME_BG));
            gfx_round_frame(g, fx, fy, fw, fh, gfx_px(g, 12), gfx_px(g, 4), rgb(THEME_ACCENT));
            if (v->entry >= 0)
                snprintf(buf, sizeof buf, "%d▏", v->entry);
            else if (v->counted & (1u << i))
                snprintf(buf, sizeof buf, "%d▏", vote_hands(v->poll, i));
            else
                snprintf(buf, sizeof buf, "▏");
        } else if (v->counted & (1u << i)) {
            snprintf(buf, sizeof buf, "%d", vote_hands(v->poll, i));
        } else {
            snprintf(buf, sizeof buf, "%s", ui(v, UI_NOT_COUNTED));
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
        cx += views_chip_st(g, cx, y, ui(v, UI_STOP), rgb(THEME_STALKING), rgb(THEME_TEXT),
                      THEME_TEXT_BODY_BOLD) + gfx_px(g, 16);
    if (v->measure_round && !stop) {
        /* a statement before / after the play: which one of how many */
        char buf[128];
        snprintf(buf, sizeof buf, "%s · %s%d%s%d",
                 ui(v, v->measure_round == SHOW_MEASURE_BEFORE ? UI_MEASURE_BEFORE : UI_MEASURE_AFTER),
                 ui(v, UI_MEASURE_STATEMENT), v->measure_i + 1, ui(v, UI_MEASURE_OF), v->n_statements);
        cx += views_chip_st(g, cx, y, buf, rgb(THEME_PHONES), rgb(THEME_ACCENT_TEXT),
                            THEME_TEXT_BODY_BOLD) + gfx_px(g, 16);
    }
    if (v->ikind == STORY_INT_DISCUSS)
        views_chip(g, cx, y, ui(v, UI_DISCUSS), rgb(THEME_PANEL_HI), rgb(THEME_TEXT));
    else if (v->ikind == STORY_INT_IDEA)
        views_chip(g, cx, y, ui(v, UI_IDEAS), rgb(THEME_PANEL_HI), rgb(THEME_TEXT));
    else if (v->poll && vs == VOTE_REVEALED)
        views_chip(g, cx, y, ui(v, UI_RESULT), rgb(THEME_ACCENT), rgb(THEME_ACCENT_TEXT));
    else if (v->poll && vs == VOTE_OPEN) {
        /* what the room does: hands, phones, or both without counting twice */
        const char *t = ui(v, v->count == SHOW_COUNT_HANDS    ? UI_VOTE_NOW
                              : v->count == SHOW_COUNT_PHONES ? UI_VOTE_PHONES
                                                              : UI_VOTE_BOTH);
        Rect a = safe_area(g);
        ThemeText st = THEME_TEXT_BODY_BOLD;
        if (gfx_measure(g, t, strlen(t), st) + gfx_px(g, 56) > a.x + a.w - cx)
            st = THEME_TEXT_SMALL_BOLD;
        views_chip_st(g, cx, y, t, rgb(THEME_ACCENT), rgb(THEME_ACCENT_TEXT), st);
    }
}

/* The poll's key hint (built by the show from the state the keys use, the
 * most needed keys first): on one line, the pieces that do not fit the
 * width are left off from the end (a key left off still works; a key shown
 * always does). */
static void poll_footer(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g);
    int y = a.y + a.h - lh(g, THEME_TEXT_SMALL);
    char line[SHOW_MAX_HINT];
    const char *p = v->poll_keys;
    size_t n = 0;
    line[0] = '\0';
    while (*p) {
        const char *end = strstr(p, "   ");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t need = n + (n ? 3 : 0) + len;
        if (need >= sizeof line)
            break;
        if (n && gfx_measure(g, v->poll_keys, (size_t)(p - v->poll_keys) + len, THEME_TEXT_SMALL) > a.w)
            break;
        n = (size_t)(p - v->poll_keys) + len;
        memcpy(line, v->poll_keys, n);
        line[n] = '\0';
        if (!end)
            break;
        p = end + 3;
    }
    gfx_text(g, a.x, y, a.w, line, THEME_TEXT_SMALL, rgb(THEME_FAINT), GFX_ALIGN_CENTER);
}

int views_prompt_max_h(Gfx *g) { return lh(g, THEME_TEXT_HEADING) * 3; }

static void draw_phones_status(Gfx *g, const ShowView *v, Rect s)
{
    char buf[256];
    int phones = v->phones_joined > 0 || (v->join_url && *v->join_url);
    if (!phones)
        return;
    if (v->ikind == STORY_INT_IDEA || v->ikind == STORY_INT_DISCUSS)
        /* no vote here: how many joined, not "0 votes" */
        snprintf(buf, sizeof buf, "%s: %d %s", ui(v, UI_PHONES_LABEL), v->phones_joined,
                 ui(v, UI_JOINED));
    else
        snprintf(buf, sizeof buf, "%s: %d %s  ·  %d %s", ui(v, UI_PHONES_LABEL), v->phones_joined,
                 ui(v, UI_JOINED), v->poll ? vote_phone_voters(v->poll) : 0, ui(v, UI_VOTES));
    gfx_text(g, s.x, s.y, s.w / 2, buf, THEME_TEXT_CAPTION, rgb(THEME_PHONES), GFX_ALIGN_LEFT);
    if (v->join_url && *v->join_url) {
        char addr[128];
        views_join_addr(v->join_url, v->room_code && *v->room_code, addr, sizeof addr);
        if (v->room_code && *v->room_code)
            snprintf(buf, sizeof buf, "%s  ·  %s %s", addr, ui(v, UI_ROOM_CODE), v->room_code);
        else
            snprintf(buf, sizeof buf, "%s", addr);
        views_text_line(g, (Rect){s.x + s.w / 2, s.y, s.w / 2, lh(g, THEME_TEXT_CAPTION)}, buf,
                        THEME_TEXT_CAPTION, rgb(THEME_DIM), GFX_ALIGN_RIGHT);
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
    assert(rows != NULL && og != NULL && style != NULL);
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

/* Where the prompt goes (y and height, with its style) and the status line. */
static void interaction_geom(Gfx *g, const ShowView *v, int *prompt_y, int *prompt_h,
                             ThemeText *prompt_st, Rect *status)
{
    Rect a = safe_area(g);
    const char *prompt = views_interaction_prompt(v);
    int stop = (v->overlays & SHOW_OV_STOP) != 0;
    VoteState vs = v->poll ? vote_state(v->poll) : VOTE_READY;
    int y = a.y, status_h = lh(g, THEME_TEXT_CAPTION) + gfx_px(g, 24);
    y += (stop || v->measure_round || (v->poll && vs == VOTE_OPEN) ? lh(g, THEME_TEXT_BODY_BOLD) + gfx_px(g, 8)
                                                : views_chip_h(g)) +
         gfx_px(g, 20);
    *prompt_y = y;
    *prompt_st = views_fit_style(g, prompt, a.w, views_prompt_max_h(g), THEME_TEXT_HEADING);
    *prompt_h = gfx_text_height(g, a.w, prompt, *prompt_st);
    if (*prompt_h > views_prompt_max_h(g))
        *prompt_h = views_prompt_max_h(g);
    status->x = a.x;
    status->w = a.w;
    status->h = lh(g, THEME_TEXT_CAPTION);
    status->y = a.y + a.h - views_footer_h(g) - status_h;
}

/* The join box shows beside the options while a poll with phones is open. */
static int join_box_shown(const ShowView *v)
{
    return v->join_url && *v->join_url && v->poll && vote_state(v->poll) == VOTE_OPEN;
}

/* A compact join box at the top right of r (x + w is its right edge): QR
 * code, short URL, room code and "joined N · voted M". */
static void draw_join_box(Gfx *g, const ShowView *v, Rect r)
{
    char buf[160], url[128];
    int pad = gfx_px(g, 22), inner = r.w - 2 * pad, y = r.y + pad, qr = 0, text_h = 0, h = 0;
    ThemeText us = THEME_TEXT_CAPTION; /* the address: one line, this size or smaller */
    ThemeText ss = THEME_TEXT_CAPTION;
    views_join_addr(v->join_url, v->room_code && *v->room_code, url, sizeof url);
    snprintf(buf, sizeof buf, "%s %d · %s %d", ui(v, UI_JOINED), v->phones_joined,
             ui(v, UI_VOTED), v->poll ? vote_phone_voters(v->poll) : 0);
    ss = views_fit_style(g, buf, inner, lh(g, THEME_TEXT_CAPTION), THEME_TEXT_CAPTION);
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
    y += views_text_line(g, (Rect){r.x + pad / 2, y, r.w - pad, lh(g, us)}, url, us,
                         rgb(THEME_TEXT), GFX_ALIGN_CENTER);
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

void views_draw_interaction(Gfx *g, const ShowView *v)
{
    Rect a = safe_area(g), o_area, status;
    const char *prompt = views_interaction_prompt(v);
    int stop = (v->overlays & SHOW_OV_STOP) != 0;
    int y = 0, ph = 0;
    VoteState vs = v->poll ? vote_state(v->poll) : VOTE_READY;
    ThemeText st;
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
        views_footer(g, v, UI_KEYS_BEAT);
        return;
    }
    if (v->ikind == STORY_INT_IDEA && !stop) {
        Rect ir = {a.x, y, a.w, status.y - y - gfx_px(g, 16)};
        draw_ideas_list(g, v, ir);
        draw_phones_status(g, v, status);
        views_footer(g, v, UI_KEYS_IDEA);
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
    if (v->ask != SHOW_ASK_NONE) {
        /* the question waits for J or Esc: it stands where the room and the
         * facilitator look, above the key hint */
        ThemeText ast = views_fit_style(g, v->ask_text, status.w, lh(g, THEME_TEXT_BODY_BOLD),
                                       THEME_TEXT_BODY_BOLD);
        int h = lh(g, ast);
        gfx_text(g, status.x, status.y + lh(g, THEME_TEXT_CAPTION) - h, status.w, v->ask_text, ast,
                 rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
    } else if (!v->poll) {
        if (v->picked < 0) /* with a pick, → goes on: the key hint says so */
            gfx_text(g, status.x, status.y, status.w, ui(v, UI_OPEN_VOTE_HINT), THEME_TEXT_CAPTION,
                 rgb(THEME_DIM), GFX_ALIGN_LEFT);
    } else if (vs == VOTE_REVEALED) {
        char buf[160];
        if (v->measure_round)
            ; /* a statement decides nothing: a tie or no votes needs no pick */
        else if (v->winner == -2 && v->picked < 0)
            gfx_text(g, status.x, status.y, status.w / 2, ui(v, UI_TIE), THEME_TEXT_CAPTION,
                     rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        else if (v->winner == -1 && v->picked < 0)
            gfx_text(g, status.x, status.y, status.w / 2, ui(v, UI_NO_VOTES_PICK),
                     THEME_TEXT_CAPTION, rgb(THEME_ACCENT), GFX_ALIGN_LEFT);
        snprintf(buf, sizeof buf, "%d %s", vote_grand_total(v->poll), ui(v, UI_VOTES));
        gfx_text(g, status.x + status.w / 2, status.y, status.w / 2, buf, THEME_TEXT_CAPTION,
                 rgb(THEME_DIM), GFX_ALIGN_RIGHT);
    } else {
        if (!join_box_shown(v))
            draw_phones_status(g, v, status);
        if (v->selected < 0 &&
            (join_box_shown(v) || !(v->phones_joined > 0 || (v->join_url && *v->join_url))))
            gfx_text(g, status.x, status.y, status.w, ui(v, UI_REVEAL_HINT), THEME_TEXT_CAPTION,
                     rgb(THEME_DIM), GFX_ALIGN_LEFT);
    }
    poll_footer(g, v);
}

int views_hit_options(Gfx *g, const ShowView *v, int x, int y)
{
    Rect rows[STORY_MAX_OPTIONS], area = options_area(g, v);
    OptGeom o;
    ThemeText st = THEME_TEXT_BODY;
    int i = 0;
    options_layout(g, v, area, rows, &o, &st);
    for (i = 0; i < STORY_MAX_OPTIONS; i++) {
        if (rows[i].h > 0 && x >= rows[i].x && x < rows[i].x + rows[i].w && y >= rows[i].y &&
            y < rows[i].y + rows[i].h && y < area.y + area.h)
            return i;
    }
    return -2;
}

int views_option_text_w(Gfx *g, int width)
{
    return opt_geom(g, width, 1).text_w;
}
