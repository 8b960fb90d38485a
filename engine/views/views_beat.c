/* views_beat.c - a beat on the projector: caption, the dialog column (newest
 * line at the bottom, older ones scroll off the top) and the phone frame
 * with its chat bubbles (every message of the beat so far, whole: smaller,
 * then in two columns of a wider phone before the oldest go). */
#include "views/views_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* Design-pixel constants of the beat layout (scaled by gfx_px). */
#define V_PHONE_W 600   /* phone frame width on a beat */
#define V_PHONE_GAP 70  /* between the dialog column and the phone */
#define V_NAME_MAX 30   /* name column: at most this % of the dialog width */

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

static ThemeColor cast_color(const ShowView *v, int i)
{
    if (!v->sc || i < 0 || i >= v->sc->n_cast)
        return rgb(THEME_ACCENT);
    return readable(v->sc->cast[i].color);
}

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
int views_name_col_w(Gfx *g, const Scenario *sc, int lang, int dialog_w)
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
void views_beat_geom(Gfx *g, int with_phone, Rect *dialog, Rect *phone)
{
    Rect a = safe_area(g);
    Rect body = {a.x, a.y + caption_h(g), a.w, a.h - caption_h(g) - views_footer_h(g)};
    *dialog = body;
    phone->w = gfx_px(g, V_PHONE_W);
    phone->h = body.h;
    phone->x = body.x + body.w - phone->w;
    phone->y = body.y;
    if (with_phone)
        dialog->w = body.w - phone->w - gfx_px(g, V_PHONE_GAP);
}

/* The message area inside a phone frame. */
Rect views_phone_screen(Gfx *g, Rect p, Rect *header)
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
            ThemeColor nc = cast_color(v, st->speaker); /* never dimmed: read from the back */
            snprintf(name, sizeof name, "%s:", views_cast_name(v, st->speaker));
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
                     fg, GFX_ALIGN_LEFT);
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

#define PHONE_FLOOD 4    /* messages on a phone beyond which they are drawn smaller */
#define V_PHONE_W2 800   /* narrowest phone frame with two columns of bubbles */
#define V_PHONE_W2_MAX 1040 /* widest phone frame (the dialog column keeps the rest) */
#define V_PHONE_W2_STEP 80
#define V_COL_GAP 28     /* between two columns of bubbles */

/* How a phone's messages are laid out: every message of the beat shown so
 * far, whole, in the first of these that holds them all: normal bubbles;
 * small ones; small ones with a sender's name only on the first of his
 * bubbles in a row; two columns in a wider phone.  Only when the widest
 * phone cannot hold them do the oldest go, whole bubbles at a time. */
typedef struct PhoneLay {
    int compact; /* small bubbles */
    int group;   /* a name only on the first of a sender's bubbles in a row */
    int cols;    /* 1 or 2 */
    int w;       /* phone frame width, pixels */
    int first;   /* first step drawn */
    int split;   /* first step of the second column (== shown with one column) */
} PhoneLay;

static int is_msg(const StoryStep *st, int owner)
{
    return st->kind == STORY_STEP_MESSAGE && st->phone == owner;
}

/* One bubble at (x, y) in a column cw wide (measured only unless draw).
 * prev: the step of the bubble above it in the column, or -1. */
static int phone_bubble(Gfx *g, const ShowView *v, const StoryBeat *b, int owner, int i,
                        int prev, const PhoneLay *l, int x, int y, int cw, int draw)
{
    const StoryStep *st = &b->steps[i];
    int out = st->speaker == owner, named = !out;
    if (named && l->group && prev >= 0 && b->steps[prev].speaker == st->speaker)
        named = 0;
    return (l->compact ? gfx_bubble_compact : gfx_bubble)(
        g, x, y, cw, named ? views_cast_name(v, st->speaker) : NULL, cast_color(v, st->speaker),
        tx(v, &st->text), st->time, rgb(out ? THEME_BUBBLE_OUT : THEME_BUBBLE_IN),
        rgb(THEME_TEXT), out, draw);
}

static int phone_gap(Gfx *g, const PhoneLay *l) { return gfx_px(g, l->compact ? 10 : 16); }

static int phone_col_w(Gfx *g, const PhoneLay *l, Rect s)
{
    return l->cols == 1 ? s.w : (s.w - gfx_px(g, V_COL_GAP)) / 2;
}

/* Height of the messages from..to-1 as one column (each with its gap). */
static int phone_col_h(Gfx *g, const ShowView *v, const StoryBeat *b, int owner,
                       const PhoneLay *l, int from, int to, int cw)
{
    int i = 0, h = 0, prev = -1;
    for (i = from; i < to; i++) {
        if (!is_msg(&b->steps[i], owner))
            continue;
        h += phone_bubble(g, v, b, owner, i, prev, l, 0, 0, cw, 0) + phone_gap(g, l);
        prev = i;
    }
    return h;
}

/* The phone frame of width w at the right of the body area. */
static Rect phone_rect(Gfx *g, int w)
{
    Rect d, p;
    views_beat_geom(g, 1, &d, &p);
    p.x += p.w - w;
    p.w = w;
    return p;
}

/* Whether l (its compact, group, cols, w, first) holds the messages up to
 * shown; sets l->split. */
static int phone_fits(Gfx *g, const ShowView *v, const StoryBeat *b, int owner, int shown,
                      PhoneLay *l)
{
    Rect hdr, s = views_phone_screen(g, phone_rect(g, l->w), &hdr);
    int cw = phone_col_w(g, l, s), k = 0, room = s.h + phone_gap(g, l);
    l->split = shown;
    if (l->cols == 1)
        return phone_col_h(g, v, b, owner, l, l->first, shown, cw) <= room;
    /* the first column as full as it goes: adding a message never moves
     * the ones the room has read */
    for (k = l->first + 1; k <= shown; k++) {
        if (k < shown && !is_msg(&b->steps[k], owner))
            continue;
        if (phone_col_h(g, v, b, owner, l, l->first, k, cw) > room)
            break;
        l->split = k;
    }
    return phone_col_h(g, v, b, owner, l, l->split, shown, cw) <= room;
}

static PhoneLay phone_layout(Gfx *g, const ShowView *v, const StoryBeat *b, int owner,
                             int shown)
{
    PhoneLay l = {0, 0, 1, 0, 0, 0};
    int i = 0, n = 0, w = 0;
    for (i = 0; i < shown; i++)
        n += is_msg(&b->steps[i], owner);
    l.w = gfx_px(g, V_PHONE_W);
    /* a flood: more than PHONE_FLOOD messages are made smaller */
    l.compact = n > PHONE_FLOOD;
    if (phone_fits(g, v, b, owner, shown, &l))
        return l;
    l.compact = 1;
    if (phone_fits(g, v, b, owner, shown, &l))
        return l;
    l.group = 1;
    if (phone_fits(g, v, b, owner, shown, &l))
        return l;
    l.cols = 2;
    for (w = V_PHONE_W2; w <= V_PHONE_W2_MAX; w += V_PHONE_W2_STEP) {
        l.w = gfx_px(g, w);
        if (phone_fits(g, v, b, owner, shown, &l))
            return l;
    }
    /* even the widest phone cannot hold them: the oldest go, whole */
    for (l.first = 0; l.first < shown; l.first++) {
        if (!is_msg(&b->steps[l.first], owner))
            continue;
        if (phone_fits(g, v, b, owner, shown, &l))
            return l;
    }
    return l;
}

/* Draws one column of bubbles (steps from..to-1) top down from y. */
static void draw_col(Gfx *g, const ShowView *v, const StoryBeat *b, int owner,
                     const PhoneLay *l, int from, int to, int x, int y, int cw)
{
    int i = 0, prev = -1;
    for (i = from; i < to; i++) {
        if (!is_msg(&b->steps[i], owner))
            continue;
        y += phone_bubble(g, v, b, owner, i, prev, l, x, y, cw, 1) + phone_gap(g, l);
        prev = i;
    }
}

static void draw_phone(Gfx *g, const ShowView *v, const StoryBeat *b, int owner,
                       const PhoneLay *l, int shown)
{
    Rect hdr, s, p = phone_rect(g, l->w);
    int bez = gfx_px(g, 16), cw = 0;
    assert(owner >= 0 && shown <= b->n_steps);
    gfx_round_rect(g, p.x, p.y, p.w, p.h, gfx_px(g, 64), rgb(THEME_PHONE));
    gfx_round_rect(g, p.x + bez, p.y + bez, p.w - 2 * bez, p.h - 2 * bez, gfx_px(g, 50),
                   rgb(THEME_PHONE_SCREEN));
    gfx_round_rect(g, p.x + p.w / 2 - gfx_px(g, 70), p.y + bez + gfx_px(g, 12), gfx_px(g, 140),
                   gfx_px(g, 14), gfx_px(g, 7), rgb(THEME_PHONE));
    s = views_phone_screen(g, p, &hdr);
    gfx_text(g, hdr.x, hdr.y, hdr.w, views_cast_name(v, owner), THEME_TEXT_SMALL_BOLD,
             rgb(THEME_TEXT), GFX_ALIGN_CENTER);
    gfx_fill_rect(g, hdr.x, hdr.y + hdr.h, hdr.w, gfx_px(g, 2), rgb(THEME_LINE));
    cw = phone_col_w(g, l, s);
    clip(g, &s);
    draw_col(g, v, b, owner, l, l->first, l->split, s.x, s.y, cw);
    if (l->cols == 2) {
        int gap = gfx_px(g, V_COL_GAP);
        gfx_fill_rect(g, s.x + cw + gap / 2 - gfx_px(g, 1), s.y, gfx_px(g, 2), s.h,
                      rgb(THEME_LINE));
        draw_col(g, v, b, owner, l, l->split, shown, s.x + cw + gap, s.y, cw);
    }
    clip(g, NULL);
}

void views_draw_beat(Gfx *g, const ShowView *v)
{
    const StoryBeat *b = views_cur_beat(v);
    Rect d, p;
    int shown = 0, i = 0, owner = -1, first = 0, total = 0, namew = 0, y = 0, newest = -1;
    if (!b)
        return;
    shown = v->steps_shown < b->n_steps ? v->steps_shown : b->n_steps;
    for (i = 0; i < shown; i++)
        if (b->steps[i].kind == STORY_STEP_MESSAGE)
            owner = b->steps[i].phone >= 0 ? b->steps[i].phone : b->steps[i].speaker;
    draw_caption(g, v, b);
    views_beat_geom(g, owner >= 0, &d, &p);
    if (owner >= 0) {
        PhoneLay l = phone_layout(g, v, b, owner, shown);
        d.w -= l.w - p.w; /* a wider phone takes its room from the dialog */
        draw_phone(g, v, b, owner, &l, shown);
    }
    namew = views_name_col_w(g, v->sc, v->lang, d.w);
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
    views_footer(g, v, UI_KEYS_BEAT);
}
