/* views_map.c - the story map overlay: every beat of the scenario as a node,
 * the branches between them, what this event has explored and where it is.
 *
 * Layout: columns by breadth-first depth from the start beat (following
 * `next` and the options' targets), so every forward edge joins adjacent
 * columns; rows within a column are ordered by a few barycenter sweeps to
 * reduce crossings.  When the columns do not fit the width at a readable
 * node size they wrap into bands stacked top to bottom (a snake), and the
 * edge from the last column of a band to the first of the next runs through
 * the lane between the bands.  Edges back to an earlier beat (a loop found
 * by a depth-first search from the start) are dashed in their own colour and
 * routed through the column gaps and the lane above their band; edges within
 * one column run along its right side.  Beats not reachable from the start
 * get a column of their own at the end.
 *
 * Look: seen beats bright, unseen dim, the current beat in the accent colour
 * with a ring, endings with a double frame, a chip with the interaction's
 * letter before the title, explored edges thick and bright, others thin and
 * dim, the options of a choice numbered on their edges, and a legend.
 * Everything stays inside the safe area.  The layout is recomputed per frame
 * (a few thousand operations for the bundled scenario; text widths come from
 * the renderer's caches). */
#include "views/views_map.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "views/views_util.h"

#define MAP_LINE_MAX 256    /* bytes of one label line (with the ellipsis) */
#define MAP_LABEL_MAX 200   /* bytes of a title considered for the label */
#define MAP_MAX_LABEL_LINES 3
#define MAP_BARY_SWEEPS 4   /* forward + backward sweeps of the ordering */

/* Design-pixel sizes (scaled by gfx_px). */
#define MAP_COL_MIN_W 130   /* narrowest column worth trying */
#define MAP_MAX_BANDS 4     /* rows of columns the map may wrap into */
#define MAP_SLOT_MAX 150    /* tallest row slot */
#define MAP_LANE_H 24       /* routing lane above each band */
#define MAP_NODE_PAD 4      /* inside a node, vertical */
#define MAP_NODE_PAD_X 10   /* inside a node, horizontal */
#define MAP_EDGE_THICK 5    /* explored edges */
#define MAP_EDGE_THIN 2     /* other edges */
#define MAP_ARROW 13        /* arrowhead length */
#define MAP_DASH 12         /* dash length of loop edges */
#define MAP_RING_GAP 6      /* ring around the current beat */
#define MAP_RING_T 4

/* Colours beyond the theme's palette. */
#define MAP_SEEN_FILL 0x34343F
#define MAP_UNSEEN_FILL 0x1A1A21
#define MAP_EDGE_DIM 0x5A5A68
#define MAP_LOOP 0xFF8FC8     /* loop edges, dashed */
#define MAP_LOOP_DIM 0xA86488
#define MAP_CHOICE 0x5AA9FF
#define MAP_SIGNAL 0xFFA630
#define MAP_IDEA 0x34C76F
#define MAP_DISCUSS 0xC58AF9

typedef struct MapEdge {
    int from, to;
    unsigned opts; /* bit i: option i of the source's choice leads here; 0: `next` */
    int explored;
    int loop;      /* back edge of the depth-first search from the start */
} MapEdge;

typedef struct MapLayout {
    int n;           /* beats */
    int *depth;      /* column of each beat */
    int *pos;        /* row of each beat within its column */
    int *col_start;  /* col_nodes[col_start[c] .. col_start[c+1]) */
    int *col_nodes;
    int n_cols;
    MapEdge *edges;  /* grouped by source beat, in beat order */
    int *first_edge; /* edges of beat b: first_edge[b] .. first_edge[b+1] */
    int n_edges;
    int *in_start;   /* edges into beat b: in_edges[in_start[b] .. in_start[b+1]) */
    int *in_edges;
    /* geometry */
    int bands, cpb;  /* bands and columns per band */
    int col_w, gap, node_w, node_h, slot, lane_h, gutter;
    int *band_y;     /* top of the nodes of each band (below its lane) */
    int *band_rows;  /* rows of each band */
    Rect area;
    ThemeText st;
    int max_lines;
} MapLayout;

static void layout_free(MapLayout *m)
{
    free(m->depth);
    free(m->pos);
    free(m->col_start);
    free(m->col_nodes);
    free(m->edges);
    free(m->first_edge);
    free(m->in_start);
    free(m->in_edges);
    free(m->band_y);
    free(m->band_rows);
    memset(m, 0, sizeof *m);
}

static int beat_seen(const ShowView *v, int b) { return v->run ? story_beat_seen(v->run, b) : 0; }

/* ---- graph ---------------------------------------------------------------------- */

static int add_edge(MapLayout *m, int from, int to, int opt, const ShowView *v)
{
    int i = 0;
    if (to < 0 || to >= m->n)
        return 0;
    for (i = m->first_edge[from]; i < m->n_edges; i++) {
        if (m->edges[i].to == to) {
            if (opt >= 0 && m->edges[i].opts)
                m->edges[i].opts |= 1u << opt;
            if (opt >= 0 && v->run && story_explored(v->run, from, opt))
                m->edges[i].explored = 1;
            return 0;
        }
    }
    m->edges[m->n_edges].from = from;
    m->edges[m->n_edges].to = to;
    m->edges[m->n_edges].opts = opt >= 0 ? 1u << opt : 0;
    m->edges[m->n_edges].loop = 0;
    if (opt >= 0)
        m->edges[m->n_edges].explored = v->run ? story_explored(v->run, from, opt) : 0;
    else /* `next`: taken when both ends were seen */
        m->edges[m->n_edges].explored = beat_seen(v, from) && beat_seen(v, to);
    m->n_edges++;
    return 1;
}

static void build_edges(MapLayout *m, const ShowView *v)
{
    const Scenario *sc = v->sc;
    int b = 0, o = 0;
    for (b = 0; b < sc->n_beats; b++) {
        const StoryBeat *bt = &sc->beats[b];
        m->first_edge[b] = m->n_edges;
        if (bt->interaction.kind == STORY_INT_CHOICE) {
            for (o = 0; o < bt->interaction.n_options && o < STORY_MAX_OPTIONS; o++)
                add_edge(m, b, bt->interaction.options[o].target, o, v);
        }
        add_edge(m, b, bt->next, -1, v);
    }
    m->first_edge[sc->n_beats] = m->n_edges;
}

/* Depths by breadth-first search from start; unreachable beats go to one
 * column after the deepest.  order receives the visiting order. */
static void bfs_depths(MapLayout *m, int start, int *order)
{
    int head = 0, tail = 0, i = 0, e = 0, maxd = 0;
    for (i = 0; i < m->n; i++)
        m->depth[i] = -1;
    m->depth[start] = 0;
    order[tail++] = start;
    while (head < tail) {
        int u = order[head++];
        for (e = m->first_edge[u]; e < m->first_edge[u + 1]; e++) {
            int t = m->edges[e].to;
            if (m->depth[t] < 0) {
                m->depth[t] = m->depth[u] + 1;
                if (m->depth[t] > maxd)
                    maxd = m->depth[t];
                order[tail++] = t;
            }
        }
    }
    for (i = 0; i < m->n; i++) {
        if (m->depth[i] < 0) {
            m->depth[i] = maxd + 1;
            order[tail++] = i;
        }
    }
}

/* Marks loop edges: those reaching a beat still on the depth-first stack. */
static void mark_loops(MapLayout *m, int start, int *stack, int *next_e, unsigned char *state)
{
    int sp = 0, root = 0;
    memset(state, 0, (size_t)m->n);
    for (root = -1; root < m->n; root++) {
        int r = root < 0 ? start : root;
        if (state[r])
            continue;
        sp = 0;
        stack[sp++] = r;
        next_e[r] = m->first_edge[r];
        state[r] = 1;
        while (sp > 0) {
            int u = stack[sp - 1];
            if (next_e[u] < m->first_edge[u + 1]) {
                MapEdge *ed = &m->edges[next_e[u]++];
                if (state[ed->to] == 1) {
                    ed->loop = 1;
                } else if (state[ed->to] == 0) {
                    state[ed->to] = 1;
                    next_e[ed->to] = m->first_edge[ed->to];
                    stack[sp++] = ed->to;
                }
            } else {
                state[u] = 2;
                sp--;
            }
        }
    }
}

/* Centre of a beat's row relative to its column's middle (in rows). */
static double rel_pos(const MapLayout *m, int b)
{
    int c = m->depth[b];
    int k = m->col_start[c + 1] - m->col_start[c];
    return m->pos[b] - (k - 1) / 2.0;
}

/* Reorders column c by the mean position of its neighbours in column nc. */
static void sort_column(MapLayout *m, int c, int nc, double *key)
{
    int s = m->col_start[c], e = m->col_start[c + 1], i = 0, j = 0, k = 0;
    for (i = s; i < e; i++) {
        int b = m->col_nodes[i], cnt = 0;
        double sum = 0.0;
        for (k = m->in_start[b]; k < m->in_start[b + 1]; k++) {
            int from = m->edges[m->in_edges[k]].from;
            if (m->depth[from] == nc) {
                sum += rel_pos(m, from);
                cnt++;
            }
        }
        for (k = m->first_edge[b]; k < m->first_edge[b + 1]; k++) {
            int to = m->edges[k].to;
            if (m->depth[to] == nc) {
                sum += rel_pos(m, to);
                cnt++;
            }
        }
        key[b] = cnt ? sum / cnt : rel_pos(m, b);
    }
    /* stable insertion sort by key */
    for (i = s + 1; i < e; i++) {
        int b = m->col_nodes[i];
        for (j = i; j > s && key[m->col_nodes[j - 1]] > key[b] + 1e-9; j--)
            m->col_nodes[j] = m->col_nodes[j - 1];
        m->col_nodes[j] = b;
    }
    for (i = s; i < e; i++)
        m->pos[m->col_nodes[i]] = i - s;
}

static int build_graph(MapLayout *m, const ShowView *v)
{
    const Scenario *sc = v->sc;
    int n = sc->n_beats, i = 0, c = 0, it = 0, start = sc->start;
    int *order = NULL, *stack = NULL, *next_e = NULL, *fill = NULL;
    unsigned char *state = NULL;
    double *key = NULL;
    int ok = 0;
    memset(m, 0, sizeof *m);
    m->n = n;
    if (start < 0 || start >= n)
        start = 0;
    m->depth = calloc((size_t)n, sizeof *m->depth);
    m->pos = calloc((size_t)n, sizeof *m->pos);
    m->col_nodes = calloc((size_t)n, sizeof *m->col_nodes);
    m->col_start = calloc((size_t)n + 2, sizeof *m->col_start);
    m->edges = calloc((size_t)n * (STORY_MAX_OPTIONS + 1), sizeof *m->edges);
    m->first_edge = calloc((size_t)n + 1, sizeof *m->first_edge);
    m->in_start = calloc((size_t)n + 2, sizeof *m->in_start);
    m->in_edges = calloc((size_t)n * (STORY_MAX_OPTIONS + 1), sizeof *m->in_edges);
    order = calloc((size_t)n, sizeof *order);
    stack = calloc((size_t)n, sizeof *stack);
    next_e = calloc((size_t)n, sizeof *next_e);
    fill = calloc((size_t)n + 2, sizeof *fill);
    state = calloc((size_t)n, 1);
    key = calloc((size_t)n, sizeof *key);
    if (!m->depth || !m->pos || !m->col_nodes || !m->col_start || !m->edges || !m->first_edge ||
        !m->in_start || !m->in_edges || !order || !stack || !next_e || !fill || !state || !key)
        goto done;
    build_edges(m, v);
    /* edges by target, for the ordering sweeps */
    for (i = 0; i < m->n_edges; i++)
        m->in_start[m->edges[i].to + 1]++;
    for (i = 0; i < n; i++)
        m->in_start[i + 1] += m->in_start[i];
    for (i = 0; i < m->n_edges; i++)
        m->in_edges[m->in_start[m->edges[i].to] + fill[m->edges[i].to]++] = i;
    memset(fill, 0, ((size_t)n + 2) * sizeof *fill);
    bfs_depths(m, start, order);
    mark_loops(m, start, stack, next_e, state);
    for (i = 0; i < n; i++)
        if (m->depth[i] + 1 > m->n_cols)
            m->n_cols = m->depth[i] + 1;
    /* columns in visiting order */
    for (i = 0; i < n; i++)
        m->col_start[m->depth[i] + 1]++;
    for (c = 0; c < m->n_cols; c++)
        m->col_start[c + 1] += m->col_start[c];
    for (i = 0; i < n; i++) {
        int b = order[i], d = m->depth[b];
        m->pos[b] = fill[d];
        m->col_nodes[m->col_start[d] + fill[d]++] = b;
    }
    for (it = 0; it < MAP_BARY_SWEEPS; it++) {
        for (c = 1; c < m->n_cols; c++)
            sort_column(m, c, c - 1, key);
        for (c = m->n_cols - 2; c >= 0; c--)
            sort_column(m, c, c + 1, key);
    }
    ok = 1;
done:
    free(order);
    free(stack);
    free(next_e);
    free(fill);
    free(state);
    free(key);
    if (!ok)
        layout_free(m);
    return ok ? 0 : -1;
}

/* ---- labels ---------------------------------------------------------------------- */

static const char *beat_title(const ShowView *v, int b)
{
    const StoryBeat *bt = &v->sc->beats[b];
    const char *s = story_text(&bt->title, v->lang);
    if (!s || !*s)
        s = bt->id ? bt->id : "";
    return s;
}

static size_t cp_back(const char *s, size_t k)
{
    if (k == 0)
        return 0;
    k--;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/* s[0..n) into out, cut at a code point with an ellipsis when wider than maxw. */
static void ellipsize(Gfx *g, const char *s, size_t n, int maxw, ThemeText st, char *out)
{
    size_t k = n;
    if (n > MAP_LINE_MAX - 4)
        n = k = cp_back(s, MAP_LINE_MAX - 3);
    memcpy(out, s, n);
    out[n] = '\0';
    if (gfx_measure(g, out, n, st) <= maxw)
        return;
    while (k > 0) {
        size_t j = 0;
        k = cp_back(s, k);
        j = k;
        while (j > 0 && s[j - 1] == ' ')
            j--;
        memcpy(out, s, j);
        memcpy(out + j, "\xE2\x80\xA6", 4);
        if (gfx_measure(g, out, j + 3, st) <= maxw)
            return;
    }
    memcpy(out, "\xE2\x80\xA6", 4);
}

/* Wraps s into at most max_lines lines of width w0 (first) and w (others),
 * breaking at spaces; a word wider than its line, or text left over after
 * the last line, ends in an ellipsis.  Returns the number of lines. */
static int label_lines(Gfx *g, const char *s, int w0, int w, ThemeText st, int max_lines,
                       char out[][MAP_LINE_MAX], int *truncated)
{
    size_t len = strlen(s), pos = 0, i = 0;
    int n = 0;
    if (len > MAP_LABEL_MAX)
        len = cp_back(s, MAP_LABEL_MAX + 1);
    *truncated = 0;
    while (n < max_lines && pos < len) {
        int mw = n == 0 ? w0 : w, found = 0;
        size_t best = 0, wend = pos;
        while (pos < len && s[pos] == ' ')
            pos++;
        if (pos >= len)
            break;
        if (gfx_measure(g, s + pos, len - pos, st) <= mw) {
            memcpy(out[n], s + pos, len - pos);
            out[n++][len - pos] = '\0';
            break;
        }
        if (n == max_lines - 1) {
            ellipsize(g, s + pos, len - pos, mw, st, out[n++]);
            *truncated = 1;
            break;
        }
        for (i = pos; i < len; i++) {
            if (s[i] != ' ')
                continue;
            if (gfx_measure(g, s + pos, i - pos, st) > mw)
                break;
            best = i;
            found = 1;
        }
        if (!found) {
            /* the first word alone is too wide: cut it */
            while (wend < len && s[wend] != ' ')
                wend++;
            ellipsize(g, s + pos, wend - pos, mw, st, out[n++]);
            *truncated = 1;
            pos = wend;
            continue;
        }
        if (best - pos >= MAP_LINE_MAX)
            best = pos + MAP_LINE_MAX - 1;
        memcpy(out[n], s + pos, best - pos);
        out[n++][best - pos] = '\0';
        pos = best + 1;
    }
    return n;
}

static int kind_index(StoryIntKind k)
{
    switch (k) {
    case STORY_INT_CHOICE: return 0;
    case STORY_INT_SIGNAL: return 1;
    case STORY_INT_IDEA: return 2;
    case STORY_INT_DISCUSS: return 3;
    default: return -1;
    }
}

static ThemeColor kind_color(int k)
{
    static const unsigned c[4] = {MAP_CHOICE, MAP_SIGNAL, MAP_IDEA, MAP_DISCUSS};
    return rgb(k >= 0 && k < 4 ? c[k] : THEME_FAINT);
}

static int chip_d(Gfx *g) { return lh(g, THEME_TEXT_SMALL_BOLD) * 9 / 10; }

/* The interaction chip: a disc in the kind's colour with its letter. */
static void draw_chip(Gfx *g, const ShowView *v, int x, int y, int k, int dim)
{
    int d = chip_d(g);
    char letter[8];
    const char *letters = ui(v, UI_MAP_CHIPS);
    ThemeColor c = kind_color(k);
    if (dim) {
        c.r = (unsigned char)(c.r / 2 + 0x10);
        c.g = (unsigned char)(c.g / 2 + 0x10);
        c.b = (unsigned char)(c.b / 2 + 0x10);
    }
    snprintf(letter, sizeof letter, "%c", k >= 0 && k < 4 && strlen(letters) >= 4 ? letters[k] : '?');
    gfx_circle(g, x + d / 2, y + d / 2, d / 2, c);
    gfx_text(g, x, y + (d - lh(g, THEME_TEXT_SMALL_BOLD)) / 2, d, letter, THEME_TEXT_SMALL_BOLD,
             rgb(THEME_ACCENT_TEXT), GFX_ALIGN_CENTER);
}

/* ---- geometry -------------------------------------------------------------------- */

static int band_of(const MapLayout *m, int b) { return m->depth[b] / m->cpb; }

static Rect node_rect(const MapLayout *m, int b)
{
    Rect r;
    int c = m->depth[b], band = c / m->cpb, k = m->col_start[c + 1] - m->col_start[c];
    r.w = m->node_w;
    r.h = m->node_h;
    r.x = m->area.x + m->gutter + (c % m->cpb) * m->col_w + m->gap / 2;
    r.y = m->band_y[band] + (m->band_rows[band] - k) * m->slot / 2 + m->pos[b] * m->slot +
          (m->slot - m->node_h) / 2;
    return r;
}

/* How many titles do not fit a node in style st with that many lines. */
static int labels_cut(Gfx *g, const MapLayout *m, const ShowView *v, ThemeText st, int lines)
{
    int b = 0, trunc = 0, cut = 0, tw = m->node_w - 2 * gfx_px(g, MAP_NODE_PAD_X);
    char out[MAP_MAX_LABEL_LINES][MAP_LINE_MAX];
    for (b = 0; b < m->n; b++) {
        int chip = kind_index(v->sc->beats[b].interaction.kind) >= 0 && m->node_w >= 3 * chip_d(g)
                       ? chip_d(g) + gfx_px(g, 8)
                       : 0;
        label_lines(g, beat_title(v, b), tw - chip, tw, st, lines, out, &trunc);
        cut += trunc;
    }
    return cut;
}

/* Geometry with the columns wrapped into `bands` bands.  Returns the number
 * of titles cut short in the label style chosen (the largest in which none
 * is, else the smallest), or -1 when out of memory. */
static int geometry_bands(Gfx *g, MapLayout *m, const ShowView *v, Rect area, int bands)
{
    static const ThemeText styles[] = {THEME_TEXT_BODY, THEME_TEXT_CAPTION, THEME_TEXT_SMALL};
    int c = 0, b = 0, rows = 0, total = 0, y = 0, avail_w = 0, i = 0, cut = -1;
    free(m->band_y);
    free(m->band_rows);
    m->area = area;
    m->gutter = gfx_px(g, 26);
    m->lane_h = gfx_px(g, MAP_LANE_H);
    avail_w = area.w - 2 * m->gutter;
    m->cpb = (m->n_cols + bands - 1) / bands;
    m->bands = (m->n_cols + m->cpb - 1) / m->cpb;
    m->band_y = calloc((size_t)m->bands, sizeof *m->band_y);
    m->band_rows = calloc((size_t)m->bands, sizeof *m->band_rows);
    if (!m->band_y || !m->band_rows)
        return -1;
    for (c = 0; c < m->n_cols; c++) {
        int k = m->col_start[c + 1] - m->col_start[c];
        if (k > m->band_rows[c / m->cpb])
            m->band_rows[c / m->cpb] = k;
    }
    for (b = 0; b < m->bands; b++) {
        if (m->band_rows[b] < 1)
            m->band_rows[b] = 1;
        rows += m->band_rows[b];
    }
    m->slot = (area.h - m->bands * m->lane_h) / rows;
    if (m->slot > gfx_px(g, MAP_SLOT_MAX))
        m->slot = gfx_px(g, MAP_SLOT_MAX);
    if (m->slot < 4)
        m->slot = 4;
    m->col_w = avail_w / m->cpb;
    m->gap = m->col_w * 22 / 100;
    if (m->gap > gfx_px(g, 110))
        m->gap = gfx_px(g, 110);
    if (m->gap < gfx_px(g, 36) && m->col_w > 3 * gfx_px(g, 36))
        m->gap = gfx_px(g, 36);
    m->node_w = m->col_w - m->gap;
    /* the largest label style whose lines fit the slot and every title */
    m->st = THEME_TEXT_SMALL;
    m->max_lines = 1;
    for (i = 0; i < (int)(sizeof styles / sizeof styles[0]); i++) {
        ThemeText st = styles[i];
        int lines = (m->slot - gfx_px(g, 8) - 2 * gfx_px(g, MAP_NODE_PAD)) / lh(g, st);
        if (lines > (st == THEME_TEXT_SMALL ? MAP_MAX_LABEL_LINES : 2))
            lines = st == THEME_TEXT_SMALL ? MAP_MAX_LABEL_LINES : 2;
        if (lines < 1)
            continue;
        m->st = st;
        m->max_lines = lines;
        cut = labels_cut(g, m, v, st, lines);
        if (cut == 0)
            break;
    }
    if (cut < 0) /* not even one line fits: count every title as cut */
        cut = m->n;
    m->node_h = m->max_lines * lh(g, m->st) + 2 * gfx_px(g, MAP_NODE_PAD);
    if (m->node_h > m->slot - gfx_px(g, 6))
        m->node_h = m->slot - gfx_px(g, 6);
    /* bands stacked, centred vertically */
    for (b = 0; b < m->bands; b++)
        total += m->lane_h + m->band_rows[b] * m->slot;
    y = area.y + (area.h - total) / 2;
    for (b = 0; b < m->bands; b++) {
        m->band_y[b] = y + m->lane_h;
        y += m->lane_h + m->band_rows[b] * m->slot;
    }
    return cut;
}

/* Tries 1..MAP_MAX_BANDS bands and keeps the one that cuts the fewest titles
 * (then the larger label style, then fewer bands). */
static int geometry(Gfx *g, MapLayout *m, const ShowView *v, Rect area)
{
    int bands = 0, best = 1, best_cut = -1, best_px = 0, cut = 0;
    for (bands = 1; bands <= MAP_MAX_BANDS && bands <= m->n_cols; bands++) {
        /* a column narrower than a chip and a few letters is never better */
        if ((area.w / ((m->n_cols + bands - 1) / bands)) < gfx_px(g, MAP_COL_MIN_W) &&
            bands < m->n_cols && bands < MAP_MAX_BANDS)
            continue;
        cut = geometry_bands(g, m, v, area, bands);
        if (cut < 0)
            return -1;
        if (best_cut < 0 || cut < best_cut ||
            (cut == best_cut && theme_text_px(m->st) > best_px)) {
            best = bands;
            best_cut = cut;
            best_px = theme_text_px(m->st);
        }
    }
    return geometry_bands(g, m, v, area, best) < 0 ? -1 : 0;
}

/* ---- lines ----------------------------------------------------------------------- */

typedef GfxPoint Pt;

/* A filled arrowhead with its tip at `tip`, pointing from `from`. */
static void arrow(Gfx *g, Pt from, Pt tip, int len, ThemeColor c)
{
    double dx = tip.x - from.x, dy = tip.y - from.y, d = sqrt(dx * dx + dy * dy);
    if (d < 1.0)
        return;
    dx /= d;
    dy /= d;
    gfx_triangle(g, (float)tip.x, (float)tip.y, (float)(tip.x - dx * len - dy * len * 0.55),
                 (float)(tip.y - dy * len + dx * len * 0.55),
                 (float)(tip.x - dx * len + dy * len * 0.55),
                 (float)(tip.y - dy * len - dx * len * 0.55), c);
}

/* The route of an edge; returns the number of points (at most 6). */
static int edge_route(const MapLayout *m, const MapEdge *e, Pt *p)
{
    Rect s = node_rect(m, e->from), t = node_rect(m, e->to);
    int ds = m->depth[e->from], dt = m->depth[e->to];
    int bs = band_of(m, e->from), bt = band_of(m, e->to);
    int third = m->gap / 3 > 2 ? m->gap / 3 : 2;
    int lane = 0;
    if (dt == ds + 1 && bs == bt && e->opts) {
        /* a choice's option into the next column: out right, along a bus
         * in the gap, in at the target's height, where its numbers sit (so
         * each pill is beside the beat it leads to, apart from the others) */
        int xm = s.x + s.w + m->gap * 2 / 5;
        p[0] = (Pt){s.x + s.w, s.y + s.h / 2};
        p[1] = (Pt){xm, p[0].y};
        p[2] = (Pt){xm, t.y + t.h / 2};
        p[3] = (Pt){t.x, p[2].y};
        return 4;
    }
    if (dt == ds + 1 && bs == bt) {
        p[0] = (Pt){s.x + s.w, s.y + s.h / 2};
        p[1] = (Pt){t.x, t.y + t.h / 2};
        return 2;
    }
    if (dt > ds) {
        /* forward into a later band: out right, along the lane above the
         * target's band, in from the left */
        lane = m->band_y[bt] - m->lane_h / 2;
        p[0] = (Pt){s.x + s.w, s.y + s.h / 2};
        p[1] = (Pt){s.x + s.w + (m->gap + m->gutter) / 3, p[0].y};
        p[2] = (Pt){p[1].x, lane};
        p[3] = (Pt){t.x - (m->gap + m->gutter) / 3, lane};
        p[4] = (Pt){p[3].x, t.y + t.h / 2};
        p[5] = (Pt){t.x, p[4].y};
        return 6;
    }
    if (dt == ds) {
        /* same column: along its right side */
        p[0] = (Pt){s.x + s.w, s.y + s.h * 3 / 4};
        p[1] = (Pt){s.x + s.w + third, p[0].y};
        p[2] = (Pt){p[1].x, t.y + t.h / 4};
        p[3] = (Pt){t.x + t.w, p[2].y};
        return 4;
    }
    if (dt == ds - 1 && bs == bt && !e->loop) {
        /* back to the previous column: straight through the gap */
        p[0] = (Pt){s.x, s.y + s.h * 3 / 4};
        p[1] = (Pt){s.x - m->gap / 2, p[0].y};
        p[2] = (Pt){p[1].x, t.y + t.h * 3 / 4};
        p[3] = (Pt){t.x + t.w, p[2].y};
        return 4;
    }
    /* loops and edges further back: out left, along the lane above the
     * source's band, down the gap right of the target, in from the right */
    lane = m->band_y[bs] - m->lane_h / 2 - m->lane_h / 6;
    p[0] = (Pt){s.x, s.y + s.h * 3 / 4};
    p[1] = (Pt){s.x - third, p[0].y};
    p[2] = (Pt){p[1].x, lane};
    p[3] = (Pt){t.x + t.w + third, lane};
    p[4] = (Pt){p[3].x, t.y + t.h * 3 / 4};
    p[5] = (Pt){t.x + t.w, p[4].y};
    return 6;
}

static void draw_edge(Gfx *g, const MapLayout *m, const MapEdge *e)
{
    Pt p[6];
    int n = edge_route(m, e, p);
    int t = e->explored ? gfx_px(g, MAP_EDGE_THICK) : gfx_px(g, MAP_EDGE_THIN);
    int back = m->depth[e->to] <= m->depth[e->from];
    unsigned hex = e->loop ? (e->explored ? MAP_LOOP : MAP_LOOP_DIM)
                           : (e->explored ? THEME_TEXT : MAP_EDGE_DIM);
    ThemeColor c = rgb(hex);
    int alen = gfx_px(g, MAP_ARROW);
    Pt stop = p[n - 1];
    /* stop the line at the arrow's base so the tip stays sharp */
    if (p[n - 2].x != stop.x || p[n - 2].y != stop.y) {
        double dx = stop.x - p[n - 2].x, dy = stop.y - p[n - 2].y, d = sqrt(dx * dx + dy * dy);
        if (d > alen) {
            p[n - 1].x = stop.x - (int)lround(dx / d * (alen - 2));
            p[n - 1].y = stop.y - (int)lround(dy / d * (alen - 2));
        }
    }
    gfx_polyline(g, p, n, t, e->loop ? gfx_px(g, MAP_DASH) : 0, c);
    arrow(g, p[n - 2], stop, alen + (e->explored ? gfx_px(g, 3) : 0), c);
    (void)back;
}

/* The option numbers on a choice's edge: a pill near the target (forward)
 * or near the source (back). */
static void draw_edge_label(Gfx *g, const MapLayout *m, const MapEdge *e)
{
    Pt p[6], a, b, at;
    char text[32];
    size_t len = 0;
    int n = 0, i = 0, h = lh(g, THEME_TEXT_SMALL_BOLD), w = 0, pad = gfx_px(g, 7);
    ThemeColor bg, fg;
    if (!e->opts || m->gap < h)
        return; /* no room: a crowded map shows the edges only */
    for (i = 0; i < STORY_MAX_OPTIONS; i++) {
        if (e->opts & (1u << i)) {
            len += (size_t)snprintf(text + len, sizeof text - len, "%s%d", len ? "," : "", i + 1);
            if (len >= sizeof text)
                break;
        }
    }
    w = gfx_measure(g, text, strlen(text), THEME_TEXT_SMALL_BOLD) + 2 * pad;
    if (w < h)
        w = h;
    n = edge_route(m, e, p);
    if (m->depth[e->to] == m->depth[e->from] + 1 && band_of(m, e->to) == band_of(m, e->from)) {
        /* on the bus, at the target's height */
        at = p[2];
        if (at.x + w / 2 > p[3].x - gfx_px(g, 3))
            at.x = p[3].x - gfx_px(g, 3) - w / 2;
        if (at.x - w / 2 < p[0].x + gfx_px(g, 4))
            at.x = p[0].x + gfx_px(g, 4) + w / 2;
    } else if (m->depth[e->to] > m->depth[e->from]) {
        /* on the last segment, just clear of the arrowhead */
        double f = 0.6;
        a = p[n - 2];
        b = p[n - 1];
        if (b.x != a.x) {
            int xc = b.x - (b.x > a.x ? 1 : -1) * (gfx_px(g, MAP_ARROW) + w / 2 + gfx_px(g, 6));
            f = (double)(xc - a.x) / (double)(b.x - a.x);
        }
        if (f < 0.35)
            f = 0.35;
        if (f > 0.8)
            f = 0.8;
        at.x = a.x + (int)lround((b.x - a.x) * f);
        at.y = a.y + (int)lround((b.y - a.y) * f);
    } else {
        a = p[0];
        b = p[1];
        at.x = (a.x + b.x) / 2;
        at.y = (a.y + b.y) / 2;
    }
    bg = rgb(e->explored ? (e->loop ? MAP_LOOP : THEME_TEXT) : THEME_PANEL_HI);
    fg = rgb(e->explored ? THEME_ACCENT_TEXT : THEME_DIM);
    gfx_round_rect(g, at.x - w / 2, at.y - h / 2, w, h, h / 2, bg);
    if (!e->explored)
        gfx_round_frame(g, at.x - w / 2, at.y - h / 2, w, h, h / 2, gfx_px(g, 2), rgb(MAP_EDGE_DIM));
    gfx_text(g, at.x - w / 2, at.y - h / 2, w, text, THEME_TEXT_SMALL_BOLD, fg, GFX_ALIGN_CENTER);
}

/* ---- nodes ----------------------------------------------------------------------- */

static void draw_node(Gfx *g, const MapLayout *m, const ShowView *v, int b)
{
    const StoryBeat *bt = &v->sc->beats[b];
    Rect r = node_rect(m, b);
    int seen = beat_seen(v, b), cur = b == v->beat;
    int k = kind_index(bt->interaction.kind), i = 0, n = 0, trunc = 0;
    int rad = gfx_px(g, 12), padx = gfx_px(g, MAP_NODE_PAD_X), chip = 0, y = 0;
    int tw = r.w - 2 * padx, lhs = lh(g, m->st);
    char lines[MAP_MAX_LABEL_LINES][MAP_LINE_MAX];
    ThemeColor fill = rgb(cur ? THEME_ACCENT : seen ? MAP_SEEN_FILL : MAP_UNSEEN_FILL);
    ThemeColor frame = rgb(cur ? THEME_ACCENT : seen ? THEME_DIM : THEME_LINE);
    ThemeColor fg = rgb(cur ? THEME_ACCENT_TEXT : seen ? THEME_TEXT : THEME_FAINT);
    if (bt->ending) {
        /* an ending: a second frame outside the node */
        int o = gfx_px(g, 5);
        gfx_round_frame(g, r.x - o, r.y - o, r.w + 2 * o, r.h + 2 * o, rad + o, gfx_px(g, 2), frame);
    }
    if (cur) {
        int o = gfx_px(g, MAP_RING_GAP) + (bt->ending ? gfx_px(g, 6) : 0);
        int t = gfx_px(g, MAP_RING_T);
        gfx_round_frame(g, r.x - o - t, r.y - o - t, r.w + 2 * (o + t), r.h + 2 * (o + t),
                        rad + o + t, t, rgb(THEME_ACCENT));
    }
    gfx_round_rect(g, r.x, r.y, r.w, r.h, rad, fill);
    gfx_round_frame(g, r.x, r.y, r.w, r.h, rad, gfx_px(g, seen || cur ? 3 : 2), frame);
    if (r.w < 3 * chip_d(g))
        k = -1; /* a crowded map: no room for chips */
    if (k >= 0)
        chip = chip_d(g) + gfx_px(g, 8);
    n = label_lines(g, beat_title(v, b), tw - chip, tw, m->st, m->max_lines, lines, &trunc);
    if (n < 1)
        n = 1, lines[0][0] = '\0';
    y = r.y + (r.h - n * lhs) / 2;
    for (i = 0; i < n; i++) {
        int lw = gfx_measure(g, lines[i], strlen(lines[i]), m->st) + (i == 0 ? chip : 0);
        int x = r.x + padx + (tw - lw) / 2;
        if (i == 0 && k >= 0) {
            draw_chip(g, v, x, y + (lhs - chip_d(g)) / 2, k, !seen && !cur);
            x += chip;
        }
        gfx_text(g, x, y, tw + 4, lines[i], m->st, fg, GFX_ALIGN_LEFT);
        y += lhs;
    }
}

/* ---- legend ---------------------------------------------------------------------- */

/* One legend entry: a swatch drawn by kind, then the text; returns its width. */
static int legend_item(Gfx *g, int x, int y, int kind, const char *text, int draw)
{
    int h = lh(g, THEME_TEXT_SMALL), sw = gfx_px(g, 46), sh = h * 7 / 10;
    int sy = y + (h - sh) / 2, gap = gfx_px(g, 10), rad = gfx_px(g, 6);
    int w = sw + gap + gfx_measure(g, text, strlen(text), THEME_TEXT_SMALL);
    Pt p[2];
    if (!draw)
        return w;
    switch (kind) {
    case 0: /* seen */
        gfx_round_rect(g, x, sy, sw, sh, rad, rgb(MAP_SEEN_FILL));
        gfx_round_frame(g, x, sy, sw, sh, rad, gfx_px(g, 3), rgb(THEME_DIM));
        break;
    case 1: { /* current */
        int o = gfx_px(g, 4);
        gfx_round_frame(g, x, sy - o, sw, sh + 2 * o, rad + o, gfx_px(g, 3), rgb(THEME_ACCENT));
        gfx_round_rect(g, x + o + gfx_px(g, 2), sy + gfx_px(g, 2), sw - 2 * o - gfx_px(g, 4),
                       sh - gfx_px(g, 4), rad, rgb(THEME_ACCENT));
        break;
    }
    case 2: /* explored */
    case 3: /* not taken */
    case 4: /* loop */
        p[0] = (Pt){x, y + h / 2};
        p[1] = (Pt){x + sw, y + h / 2};
        gfx_polyline(g, p, 2, kind == 3 ? gfx_px(g, MAP_EDGE_THIN) : gfx_px(g, MAP_EDGE_THICK),
                 kind == 4 ? gfx_px(g, 8) : 0,
                 rgb(kind == 2 ? THEME_TEXT : kind == 3 ? MAP_EDGE_DIM : MAP_LOOP));
        break;
    case 5: { /* ending */
        int o = gfx_px(g, 4);
        gfx_round_frame(g, x, sy - o, sw, sh + 2 * o, rad + o, gfx_px(g, 2), rgb(THEME_DIM));
        gfx_round_frame(g, x + o, sy, sw - 2 * o, sh, rad, gfx_px(g, 3), rgb(THEME_DIM));
        break;
    }
    default: break;
    }
    gfx_text(g, x + sw + gap, y, w, text, THEME_TEXT_SMALL, rgb(THEME_DIM), GFX_ALIGN_LEFT);
    return w;
}

static void draw_legend(Gfx *g, const ShowView *v, Rect r)
{
    static const UiTextId items[] = {UI_MAP_SEEN,      UI_MAP_CURRENT, UI_MAP_EXPLORED,
                                     UI_MAP_NOT_TAKEN, UI_MAP_LOOP,    UI_MAP_ENDING};
    int n = (int)(sizeof items / sizeof items[0]), i = 0, total = 0, x = r.x;
    int sep = gfx_px(g, 40);
    const char *keys = ui(v, UI_KEYS_MAP);
    int kw = gfx_measure(g, keys, strlen(keys), THEME_TEXT_SMALL);
    for (i = 0; i < n; i++)
        total += legend_item(g, 0, 0, i, ui(v, items[i]), 0) + (i ? sep : 0);
    while (total + kw + sep > r.w && sep > gfx_px(g, 12)) {
        total -= (n - 1) * (sep - sep * 3 / 4);
        sep = sep * 3 / 4;
    }
    for (i = 0; i < n; i++)
        x += legend_item(g, x, r.y, i, ui(v, items[i]), 1) + sep;
    gfx_text(g, r.x, r.y, r.w, keys, THEME_TEXT_SMALL, rgb(THEME_FAINT), GFX_ALIGN_RIGHT);
}

/* The chips' meaning, right-aligned on the title line. */
static void draw_chip_legend(Gfx *g, const ShowView *v, Rect r)
{
    static const UiTextId names[4] = {UI_MAP_CHOICE, UI_MAP_SIGNAL, UI_MAP_IDEA, UI_MAP_DISCUSS};
    int i = 0, w = 0, d = chip_d(g), gap = gfx_px(g, 8), sep = gfx_px(g, 30), x = 0;
    int h = lh(g, THEME_TEXT_SMALL);
    for (i = 0; i < 4; i++) {
        const char *s = ui(v, names[i]);
        w += d + gap + gfx_measure(g, s, strlen(s), THEME_TEXT_SMALL) + (i ? sep : 0);
    }
    x = r.x + r.w - w;
    for (i = 0; i < 4; i++) {
        const char *s = ui(v, names[i]);
        int tw = gfx_measure(g, s, strlen(s), THEME_TEXT_SMALL);
        draw_chip(g, v, x, r.y + (h - d) / 2, i, 0);
        gfx_text(g, x + d + gap, r.y, tw + 4, s, THEME_TEXT_SMALL, rgb(THEME_DIM), GFX_ALIGN_LEFT);
        x += d + gap + tw + sep;
    }
}

/* ---- the overlay ----------------------------------------------------------------- */

void views_draw_map(Gfx *g, const ShowView *v)
{
    MapLayout m;
    Rect safe, in, graph, leg;
    int w = 0, h = 0, pad = 0, title_h = 0, leg_h = 0, i = 0, pass = 0, b = 0;
    if (!g || !v)
        return;
    w = gfx_width(g);
    h = gfx_height(g);
    safe = safe_area(g);
    /* the map covers the screen beneath it entirely */
    gfx_fill_rect(g, 0, 0, w, h, rgb(THEME_BG));
    clip(g, &safe);
    gfx_round_rect(g, safe.x, safe.y, safe.w, safe.h, gfx_px(g, 28), rgb(THEME_PANEL));
    gfx_round_frame(g, safe.x, safe.y, safe.w, safe.h, gfx_px(g, 28), gfx_px(g, 3), rgb(THEME_LINE));
    pad = gfx_px(g, 30);
    in.x = safe.x + pad;
    in.y = safe.y + pad * 2 / 3;
    in.w = safe.w - 2 * pad;
    in.h = safe.h - pad * 4 / 3;
    title_h = lh(g, THEME_TEXT_HEADING);
    gfx_text(g, in.x, in.y, in.w, ui(v, UI_MAP), THEME_TEXT_HEADING, rgb(THEME_TEXT), GFX_ALIGN_LEFT);
    {
        Rect cl = {in.x, in.y + (title_h - lh(g, THEME_TEXT_SMALL)) / 2, in.w, title_h};
        draw_chip_legend(g, v, cl);
    }
    leg_h = lh(g, THEME_TEXT_SMALL);
    leg.x = in.x;
    leg.y = in.y + in.h - leg_h;
    leg.w = in.w;
    leg.h = leg_h;
    draw_legend(g, v, leg);
    graph.x = in.x;
    graph.y = in.y + title_h + gfx_px(g, 6);
    graph.w = in.w;
    graph.h = leg.y - gfx_px(g, 10) - graph.y;
    if (!v->sc || v->sc->n_beats <= 0) {
        gfx_text(g, graph.x, graph.y + graph.h / 2 - lh(g, THEME_TEXT_BODY) / 2, graph.w,
                 ui(v, UI_NO_SCENARIO), THEME_TEXT_BODY, rgb(THEME_FAINT), GFX_ALIGN_CENTER);
        clip(g, NULL);
        return;
    }
    if (build_graph(&m, v) != 0) {
        clip(g, NULL);
        return;
    }
    if (geometry(g, &m, v, graph) == 0) {
        clip(g, &graph);
        /* dim edges first, explored ones above them, loops on top */
        for (pass = 0; pass < 3; pass++) {
            for (i = 0; i < m.n_edges; i++) {
                const MapEdge *e = &m.edges[i];
                int p = e->loop ? 2 : e->explored ? 1 : 0;
                if (p == pass)
                    draw_edge(g, &m, e);
            }
        }
        /* the current beat last, so its ring stays whole */
        for (b = 0; b < m.n; b++)
            if (b != v->beat)
                draw_node(g, &m, v, b);
        if (v->beat >= 0 && v->beat < m.n)
            draw_node(g, &m, v, v->beat);
        for (i = 0; i < m.n_edges; i++)
            if (!m.edges[i].explored)
                draw_edge_label(g, &m, &m.edges[i]);
        for (i = 0; i < m.n_edges; i++)
            if (m.edges[i].explored)
                draw_edge_label(g, &m, &m.edges[i]);
    }
    layout_free(&m);
    clip(g, NULL);
}
