/* story_map_svg.c - the story map as SVG (see story_map_svg.h).
 *
 * Layout: rows by breadth-first distance from the start beat, beats in a
 * row in the order they were found; beats not reachable from the start get
 * a last row of their own.  Arrows go from the bottom of a box to the top
 * of the next; an arrow to the same or an earlier row is a curve on the
 * right. */
#include "story/story_map_svg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BOX_W 170
#define BOX_H 48
#define GAP_X 40
#define GAP_Y 70
#define MARGIN 30
#define LABEL_MAX 26 /* characters of a title in a box */


/* At most max characters of s (UTF-8), with "…" when cut. */
static void esc_cut(Buf *b, const char *s, int max)
{
    const char *p = s ? s : "";
    Buf tmp = BUF_INIT;
    int chars = 0;
    while (*p && chars < max) {
        const char *q = p + 1;
        while ((*q & 0xC0) == 0x80)
            q++;
        buf_append(&tmp, p, (size_t)(q - p));
        chars++;
        p = q;
    }
    buf_xml_text(b, buf_str(&tmp));
    if (*p)
        buf_puts(b, "\xE2\x80\xA6");
    buf_free(&tmp);
}

typedef struct Layout {
    int *row, *col;
    int *row_len;
    int n_rows, max_cols;
    int reach_rows; /* rows of beats reachable from the start */
} Layout;

static int layout(const Scenario *sc, Layout *l)
{
    int n = sc->n_beats, head = 0, tail = 0, i = 0, k = 0;
    int *queue = malloc(((size_t)n + 1) * sizeof *queue);
    l->row = malloc(((size_t)n + 1) * sizeof *l->row);
    l->col = malloc(((size_t)n + 1) * sizeof *l->col);
    l->row_len = calloc((size_t)n + 2, sizeof *l->row_len);
    if (!queue || !l->row || !l->col || !l->row_len) {
        free(queue);
        return ERR_NOMEM;
    }
    for (i = 0; i < n; i++)
        l->row[i] = -1;
    if (sc->start >= 0 && sc->start < n) {
        l->row[sc->start] = 0;
        queue[tail++] = sc->start;
    }
    while (head < tail) {
        int b = queue[head++];
        const StoryBeat *bt = &sc->beats[b];
        int targets[STORY_MAX_OPTIONS + 1];
        int nt = 0;
        if (bt->next >= 0)
            targets[nt++] = bt->next;
        for (k = 0; k < bt->interaction.n_options && nt < STORY_MAX_OPTIONS + 1; k++)
            targets[nt++] = bt->interaction.options[k].target;
        for (k = 0; k < nt; k++) {
            int t = targets[k];
            if (t >= 0 && t < n && l->row[t] < 0) {
                l->row[t] = l->row[b] + 1;
                queue[tail++] = t;
            }
        }
    }
    l->n_rows = 0;
    for (i = 0; i < n; i++)
        if (l->row[i] + 1 > l->n_rows)
            l->n_rows = l->row[i] + 1;
    l->reach_rows = l->n_rows;
    for (i = 0; i < n; i++)
        if (l->row[i] < 0)
            l->row[i] = l->n_rows; /* unreachable beats: a last row */
    for (i = 0; i < n; i++)
        if (l->row[i] == l->n_rows) {
            l->n_rows++;
            break;
        }
    /* columns: reachable beats in the order found, then the others */
    for (i = 0; i < tail; i++)
        l->col[queue[i]] = l->row_len[l->row[queue[i]]]++;
    for (i = 0; i < n; i++) {
        int found = 0;
        for (k = 0; k < tail && !found; k++)
            found = queue[k] == i;
        if (!found)
            l->col[i] = l->row_len[l->row[i]]++;
    }
    l->max_cols = 1;
    for (i = 0; i < l->n_rows; i++)
        if (l->row_len[i] > l->max_cols)
            l->max_cols = l->row_len[i];
    free(queue);
    return 0;
}

static int box_x(const Layout *l, int b)
{
    /* each row is centred */
    int w = l->max_cols * (BOX_W + GAP_X);
    int rw = l->row_len[l->row[b]] * (BOX_W + GAP_X);
    return MARGIN + (w - rw) / 2 + l->col[b] * (BOX_W + GAP_X);
}

static int box_y(const Layout *l, int b)
{
    return MARGIN + 30 + l->row[b] * (BOX_H + GAP_Y);
}

static void arrow(Buf *out, const Layout *l, int from, int to, const char *label, int dashed, int nth)
{
    int sx = box_x(l, from) + BOX_W / 2, sy = box_y(l, from) + BOX_H;
    int tx = box_x(l, to) + BOX_W / 2, ty = box_y(l, to);
    const char *dash = dashed ? " stroke-dasharray=\"6 4\"" : "";
    if (l->row[to] > l->row[from]) {
        int my = (sy + ty) / 2;
        sx += (nth - 1) * 12 - 24;
        if (sx < box_x(l, from) + 8)
            sx = box_x(l, from) + 8;
        buf_printf(out, "<path d=\"M%d,%d C%d,%d %d,%d %d,%d\" class=\"edge\"%s/>\n", sx, sy, sx, my, tx,
                   my, tx, ty - 2, dash);
        if (label)
            buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"lbl\">", (3 * sx + tx) / 4 + 3, sy + 16), buf_xml_text(out, label),
                buf_puts(out, "</text>\n");
    } else if (l->row[to] == l->row[from] && l->col[to] == l->col[from] + 1) { /* next door */
        int ex = box_x(l, from) + BOX_W, ey = box_y(l, from) + BOX_H / 2 + (nth - 2) * 6;
        int fx = box_x(l, to), fy = box_y(l, to) + BOX_H / 2;
        buf_printf(out, "<path d=\"M%d,%d L%d,%d\" class=\"edge\"%s/>\n", ex, ey, fx - 2, fy, dash);
        if (label)
            buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"lbl\">", ex + 4, ey - 3), buf_xml_text(out, label),
                buf_puts(out, "</text>\n");
    } else if (l->row[to] == l->row[from]) { /* the same row: a curve below it */
        int ex = box_x(l, from) + BOX_W / 2 + (nth - 2) * 10, ey = box_y(l, from) + BOX_H;
        int fx = box_x(l, to) + BOX_W / 2 + 14, fy = box_y(l, to) + BOX_H;
        int dip = ey + GAP_Y / 2;
        buf_printf(out, "<path d=\"M%d,%d C%d,%d %d,%d %d,%d\" class=\"edge back\"%s/>\n", ex, ey, ex, dip,
                   fx, dip, fx, fy + 2, dash);
        if (label)
            buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"lbl\">", ex + 3, ey + 14), buf_xml_text(out, label),
                buf_puts(out, "</text>\n");
    } else { /* an earlier row (a loop): from the top up to the bottom of the target */
        int ex = box_x(l, from) + BOX_W - 30 - (nth - 1) * 8, ey = box_y(l, from);
        int fx = box_x(l, to) + BOX_W - 30, fy = box_y(l, to) + BOX_H;
        buf_printf(out, "<path d=\"M%d,%d C%d,%d %d,%d %d,%d\" class=\"edge back\"%s/>\n", ex, ey, ex,
                   ey - GAP_Y, fx, fy + GAP_Y, fx, fy + 2, dash);
        if (label)
            buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"lbl\">", ex + 3, ey - 4), buf_xml_text(out, label),
                buf_puts(out, "</text>\n");
    }
}

static void box(Buf *out, const Scenario *sc, const Layout *l, int b, int lang, int reachable)
{
    const StoryBeat *bt = &sc->beats[b];
    const char *cls = bt->ending ? "end" : !reachable ? "lost" : "";
    static const char *const mark[] = {"", "choice", "stop", "ideas", "discuss"};
    int x = box_x(l, b), y = box_y(l, b);
    const char *title = story_text(&bt->title, lang);
    buf_printf(out, "<g class=\"beat %s\" id=\"beat-", cls);
    buf_xml_text(out, bt->id);
    buf_puts(out, "\"><title>");
    buf_xml_text(out, bt->id);
    if (bt->interaction.kind != STORY_INT_NONE)
        buf_puts(out, ": "), buf_xml_text(out, story_text(&bt->interaction.prompt, lang));
    if (bt->ending)
        buf_puts(out, ": "), buf_xml_text(out, story_text(&bt->ending_text, lang));
    buf_printf(out, "</title>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>\n", x, y, BOX_W,
               BOX_H);
    buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"id\">", x + 8, y + 18);
    esc_cut(out, bt->id, LABEL_MAX);
    buf_puts(out, "</text>\n");
    buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"title\">", x + 8, y + 36);
    if (title[0])
        esc_cut(out, title, LABEL_MAX);
    else if (bt->ending)
        buf_puts(out, "ending");
    buf_puts(out, "</text>\n");
    if (bt->interaction.kind != STORY_INT_NONE)
        buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"mark\">%s</text>\n", x + BOX_W - 6, y + 18,
                   mark[bt->interaction.kind]);
    if (bt->ending)
        buf_printf(out, "<text x=\"%d\" y=\"%d\" class=\"mark\">end</text>\n", x + BOX_W - 6, y + 18);
    buf_puts(out, "</g>\n");
}

/* The map of sc into out (see story_map_svg.h); ERR_NOMEM. */
int story_map_svg(const Scenario *sc, int lang, Buf *out)
{
    Layout l;
    int b = 0, k = 0, w = 0, h = 0;
    memset(&l, 0, sizeof l);
    if (sc->n_beats < 1) {
        buf_puts(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>\n");
        return out->oom ? ERR_NOMEM : 0;
    }
    if (layout(sc, &l) < 0) {
        free(l.row), free(l.col), free(l.row_len);
        return ERR_NOMEM;
    }
    w = 2 * MARGIN + l.max_cols * (BOX_W + GAP_X) + 60;
    h = 2 * MARGIN + 30 + l.n_rows * (BOX_H + GAP_Y);
    buf_printf(out,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
               "font-family=\"DejaVu Sans, sans-serif\">\n",
               w, h, w, h);
    buf_puts(out, "<style>\n"
                  ".beat rect { fill: #ffffff; stroke: #333; stroke-width: 1.5; }\n"
                  ".beat.end rect { fill: #e3f4e1; stroke: #2e7d32; stroke-width: 2.5; }\n"
                  ".beat.lost rect { fill: #fde8e8; stroke: #c62828; stroke-dasharray: 5 3; }\n"
                  ".id { font-size: 13px; font-weight: bold; } .title { font-size: 12px; fill: #333; }\n"
                  ".mark { font-size: 10px; fill: #666; text-anchor: end; }\n"
                  ".edge { fill: none; stroke: #555; stroke-width: 1.3; marker-end: url(#arrow); }\n"
                  ".edge.back { stroke: #8a5; } .lbl { font-size: 11px; fill: #225; }\n"
                  "</style>\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                  "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                  "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
    buf_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"18\" font-weight=\"bold\">", MARGIN, MARGIN + 4);
    buf_xml_text(out, story_text(&sc->title, lang));
    buf_puts(out, "</text>\n");
    for (b = 0; b < sc->n_beats; b++) {
        const StoryBeat *bt = &sc->beats[b];
        char label[40];
        if (bt->next >= 0 && bt->next < sc->n_beats)
            arrow(out, &l, b, bt->next, NULL, 0, 2);
        for (k = 0; k < bt->interaction.n_options; k++) {
            const StoryOption *o = &bt->interaction.options[k];
            if (o->target < 0 || o->target >= sc->n_beats)
                continue;
            snprintf(label, sizeof label, "%d%s%s", k + 1, o->cond_ref ? " if" : "", o->once ? " once" : "");
            arrow(out, &l, b, o->target, label, o->cond_ref != 0, k + 1);
        }
    }
    for (b = 0; b < sc->n_beats; b++)
        box(out, sc, &l, b, lang, l.row[b] < l.reach_rows);
    buf_puts(out, "</svg>\n");
    free(l.row), free(l.col), free(l.row_len);
    return out->oom ? ERR_NOMEM : 0;
}
