/* story_explore.c - every path of a scenario, walked depth first over a
 * StoryRun (see story_explore.h).
 *
 * A node is a distinct state at a beat entry, keyed by a byte string (beat,
 * capped visit counts, once-used options, variables) in an open-addressing
 * hash table.  The walk is iterative: a frame per node on the current path;
 * at an interaction the run is taken back to the decision with story_rewind
 * before the next option is tried.  Every edge between nodes is kept, marked
 * "back" when it returns to a node still on the path; after the walk, paths
 * are counted per ending over the edges that are not back edges (in finish
 * order), and whether an ending can still be reached is found by a backward
 * search from the ending nodes over all edges. */
#include "story/story_explore.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct Node {
    int beat;
    int parent;     /* tree parent node, -1 for the first */
    int via_option; /* option taken at the parent's choice, -1 otherwise */
    int first_edge; /* -1 when none */
    size_t key_off;
    size_t key_len;
    unsigned char on_path;
    unsigned char ending;
    unsigned char unknown; /* a limit stopped the walk here */
} Node;

typedef struct Edge {
    int to;
    int next; /* next edge of the same node, -1 */
    int back;
} Edge;

typedef enum { FRAME_CHAIN, FRAME_INTERACTION } FrameKind;

typedef struct Frame {
    int node;
    FrameKind kind;
    int hist;     /* decisions before this interaction */
    int next_opt; /* next option to try */
} Frame;

typedef struct Explore {
    const Scenario *sc;
    StoryRun *run;
    StoryExploreLimits lim;
    StoryExploreResult *r;
    Node *nodes;
    int n_nodes, cap_nodes;
    Edge *edges;
    int n_edges, cap_edges;
    int *finish; /* nodes in the order their walk finished */
    int n_finish, cap_finish;
    unsigned char *keys;
    size_t keys_len, keys_cap;
    int *table; /* node index + 1, 0 = empty */
    size_t table_cap;
    Frame *frames;
    int n_frames, cap_frames;
    unsigned char *key; /* scratch */
    size_t key_len, key_cap;
    unsigned char *stuck_beat; /* per beat: a no-ending finding was made there */
    int oom;
} Explore;

static int grow(void **p, int *cap, int need, size_t size)
{
    void *np = NULL;
    int nc = *cap > 0 ? *cap : 64;
    if (need <= *cap)
        return 0;
    while (nc < need)
        nc *= 2;
    np = realloc(*p, (size_t)nc * size);
    if (!np)
        return ERR_NOMEM;
    *p = np;
    *cap = nc;
    return 0;
}

static int key_put(Explore *x, const void *data, size_t n)
{
    if (x->key_len + n > x->key_cap) {
        size_t nc = x->key_cap ? x->key_cap * 2 : 256;
        unsigned char *np = NULL;
        while (nc < x->key_len + n)
            nc *= 2;
        np = realloc(x->key, nc);
        if (!np)
            return ERR_NOMEM;
        x->key = np;
        x->key_cap = nc;
    }
    memcpy(x->key + x->key_len, data, n);
    x->key_len += n;
    return 0;
}

/* The key of the run's current state into x->key. */
static int make_key(Explore *x)
{
    const Scenario *sc = x->sc;
    int32_t beat = story_current_beat(x->run);
    int i = 0, rc = 0;
    x->key_len = 0;
    rc |= key_put(x, &beat, sizeof beat);
    for (i = 0; i < sc->n_beats; i++) {
        int v = story_visits(x->run, i);
        unsigned char c = (unsigned char)(v > x->lim.visit_cap ? x->lim.visit_cap : v);
        rc |= key_put(x, &c, 1);
    }
    for (i = 0; i < sc->n_options; i++) {
        unsigned char c = (unsigned char)story_option_used(x->run, i);
        rc |= key_put(x, &c, 1);
    }
    for (i = 0; i < story_var_count(x->run); i++) {
        const char *name = story_var_name(x->run, i);
        StoryValue v;
        unsigned char t = 0;
        memset(&v, 0, sizeof v);
        if (!name || story_var_get(x->run, name, &v) < 0)
            continue;
        rc |= key_put(x, name, strlen(name) + 1);
        t = (unsigned char)v.type;
        rc |= key_put(x, &t, 1);
        if (v.type == STORY_VAL_BOOL) {
            unsigned char b = v.b ? 1 : 0;
            rc |= key_put(x, &b, 1);
        } else if (v.type == STORY_VAL_NUMBER) {
            rc |= key_put(x, &v.num, sizeof v.num);
        } else if (v.type == STORY_VAL_STRING) {
            rc |= key_put(x, v.str ? v.str : "", strlen(v.str ? v.str : "") + 1);
        }
    }
    return rc ? ERR_NOMEM : 0;
}

static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i = 0;
    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Slot of the key in the table: where it is, or the empty slot for it. */
static size_t table_slot(const Explore *x, const unsigned char *key, size_t len)
{
    size_t mask = x->table_cap - 1;
    size_t s = (size_t)hash_bytes(key, len) & mask;
    while (x->table[s] != 0) {
        const Node *n = &x->nodes[x->table[s] - 1];
        if (n->key_len == len && memcmp(x->keys + n->key_off, key, len) == 0)
            return s;
        s = (s + 1) & mask;
    }
    return s;
}

static int table_grow(Explore *x)
{
    size_t nc = x->table_cap ? x->table_cap * 2 : 1024;
    int *old = x->table;
    size_t old_cap = x->table_cap;
    size_t i = 0;
    x->table = calloc(nc, sizeof *x->table);
    if (!x->table) {
        x->table = old;
        return ERR_NOMEM;
    }
    x->table_cap = nc;
    for (i = 0; i < old_cap; i++) {
        if (old[i] != 0) {
            const Node *n = &x->nodes[old[i] - 1];
            x->table[table_slot(x, x->keys + n->key_off, n->key_len)] = old[i];
        }
    }
    free(old);
    return 0;
}

static int add_edge(Explore *x, int from, int to, int back)
{
    Edge *e = NULL;
    if (from < 0)
        return 0;
    if (grow((void **)&x->edges, &x->cap_edges, x->n_edges + 1, sizeof *x->edges) < 0)
        return ERR_NOMEM;
    e = &x->edges[x->n_edges];
    e->to = to;
    e->back = back;
    e->next = x->nodes[from].first_edge;
    x->nodes[from].first_edge = x->n_edges++;
    return 0;
}

/* "one#2 > two#1": the choices on the tree path to node n. */
static void node_path(const Explore *x, int n, char *out, size_t cap)
{
    int chain[STORY_MAX_HISTORY];
    int len = 0, i = 0;
    size_t at = 0;
    out[0] = '\0';
    while (n >= 0 && x->nodes[n].parent >= 0) {
        if (x->nodes[n].via_option >= 0) {
            if (len == STORY_MAX_HISTORY)
                break;
            chain[len++] = n;
        }
        n = x->nodes[n].parent;
    }
    for (i = len - 1; i >= 0; i--) {
        const Node *nd = &x->nodes[chain[i]];
        const char *id = x->sc->beats[x->nodes[nd->parent].beat].id;
        int w = snprintf(out + at, cap - at, "%s%s#%d", i == len - 1 ? "" : " > ", id ? id : "?",
                         nd->via_option + 1);
        if (w < 0 || (size_t)w >= cap - at) {
            if (cap > 4)
                memcpy(out + cap - 4, "...", 4);
            return;
        }
        at += (size_t)w;
    }
}

static void finding(Explore *x, StoryFindKind kind, int node, int beat, int option, const char *msg)
{
    StoryExploreResult *r = x->r;
    StoryFinding *f = NULL;
    if (r->n_findings >= STORY_EXPLORE_MAX_FINDINGS) {
        r->findings_dropped++;
        return;
    }
    f = &r->findings[r->n_findings++];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->beat = beat;
    f->option = option;
    snprintf(f->msg, sizeof f->msg, "%s", msg ? msg : "");
    node_path(x, node, f->path, sizeof f->path);
}

static double now_ms(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* A condition that ran for ms: a finding the first time it is slow. */
static void note_speed(Explore *x, int node, int beat, int option, double ms)
{
    char msg[200];
    int i = 0;
    if (ms <= STORY_EXPLORE_SLOW_MS)
        return;
    for (i = 0; i < x->r->n_findings; i++)
        if (x->r->findings[i].kind == STORY_FIND_SLOW && x->r->findings[i].beat == beat &&
            x->r->findings[i].option == option)
            return;
    snprintf(msg, sizeof msg, "the condition takes %.0f ms; keep conditions fast (the projector waits for them)",
             ms);
    finding(x, STORY_FIND_SLOW, node, beat, option, msg);
}

static void node_finish(Explore *x, int n)
{
    x->nodes[n].on_path = 0;
    x->finish[x->n_finish++] = n;
}

static int push_frame(Explore *x, int node, FrameKind kind)
{
    Frame *f = NULL;
    if (grow((void **)&x->frames, &x->cap_frames, x->n_frames + 1, sizeof *x->frames) < 0)
        return ERR_NOMEM;
    f = &x->frames[x->n_frames++];
    f->node = node;
    f->kind = kind;
    f->hist = story_history_count(x->run);
    f->next_opt = 0;
    return 0;
}

/* The run has just entered a beat, coming from node `from` (by option
 * via_option of its choice, or -1).  Finds or makes the node and, for a new
 * one, shows the beat's steps and pushes its frame.  ERR_NOMEM only. */
static int enter(Explore *x, int from, int via_option)
{
    Node *n = NULL;
    size_t slot = 0;
    int id = 0;
    const StoryBeat *b = NULL;
    Err err;
    StoryPos pos = STORY_AT_STEPS;
    err_clear(&err);
    if (make_key(x) < 0)
        return ERR_NOMEM;
    if ((size_t)(x->n_nodes + 1) * 2 > x->table_cap && table_grow(x) < 0)
        return ERR_NOMEM;
    slot = table_slot(x, x->key, x->key_len);
    if (x->table[slot] != 0) {
        int to = x->table[slot] - 1;
        return add_edge(x, from, to, x->nodes[to].on_path);
    }
    if (x->n_nodes >= x->lim.max_states) {
        x->r->truncated = 1;
        return 0;
    }
    if (grow((void **)&x->nodes, &x->cap_nodes, x->n_nodes + 1, sizeof *x->nodes) < 0 ||
        grow((void **)&x->finish, &x->cap_finish, x->n_nodes + 1, sizeof *x->finish) < 0)
        return ERR_NOMEM;
    if (x->keys_len + x->key_len > x->keys_cap) {
        size_t nc = x->keys_cap ? x->keys_cap * 2 : 4096;
        unsigned char *np = NULL;
        while (nc < x->keys_len + x->key_len)
            nc *= 2;
        np = realloc(x->keys, nc);
        if (!np)
            return ERR_NOMEM;
        x->keys = np;
        x->keys_cap = nc;
    }
    id = x->n_nodes++;
    n = &x->nodes[id];
    memset(n, 0, sizeof *n);
    n->beat = story_current_beat(x->run);
    n->parent = from;
    n->via_option = via_option;
    n->first_edge = -1;
    n->key_off = x->keys_len;
    n->key_len = x->key_len;
    n->on_path = 1;
    memcpy(x->keys + x->keys_len, x->key, x->key_len);
    x->keys_len += x->key_len;
    x->table[slot] = id + 1;
    x->r->beat_reached[n->beat] = 1;
    if (add_edge(x, from, id, 0) < 0)
        return ERR_NOMEM;
    b = &x->sc->beats[n->beat];
    while (story_steps_shown(x->run) < b->n_steps)
        if (story_advance(x->run, &err) < 0)
            break;
    pos = story_pos(x->run);
    if (pos == STORY_AT_END) {
        n->ending = (unsigned char)(b->ending ? 1 : 0);
        node_finish(x, id);
        return 0;
    }
    if (pos == STORY_AT_INTERACTION && story_history_count(x->run) >= x->lim.max_depth) {
        n->unknown = 1;
        x->r->truncated = 1;
        node_finish(x, id);
        return 0;
    }
    return push_frame(x, id, pos == STORY_AT_INTERACTION ? FRAME_INTERACTION : FRAME_CHAIN);
}

/* Tries the next option of the choice in frame f; 1 when a child was
 * entered, 0 when the options are exhausted, ERR_NOMEM. */
static int step_choice(Explore *x, Frame *f)
{
    const StoryBeat *b = &x->sc->beats[x->nodes[f->node].beat];
    while (f->next_opt < b->interaction.n_options) {
        int i = f->next_opt++;
        const StoryOption *o = &b->interaction.options[i];
        StoryOptState st = STORY_OPT_HIDDEN, st2 = STORY_OPT_HIDDEN;
        int node = f->node;
        long calls = story_condition_calls(x->run);
        double t0 = 0.0, took = 0.0;
        Err err;
        err_clear(&err);
        if (o->uid < 0 || o->uid >= x->sc->n_options)
            continue;
        x->r->opt_offered[o->uid]++;
        if (x->r->opt_failed[o->uid] >= STORY_EXPLORE_RETRIES)
            continue; /* a condition that keeps failing may take a second each time */
        t0 = now_ms();
        if (story_option_state(x->run, i, &st, NULL, &err) < 0) {
            if (x->r->opt_failed[o->uid]++ == 0)
                finding(x, STORY_FIND_COND, node, x->nodes[node].beat, i, err.msg);
            continue;
        }
        took = now_ms() - t0;
        /* asked twice (the second time past the run's cache) unless very
         * slow, where asking again would only double the wait */
        if (o->cond_ref != 0 && took <= 20 * STORY_EXPLORE_SLOW_MS) {
            double took2 = 0.0;
            story_forget_conditions(x->run);
            err_clear(&err);
            t0 = now_ms();
            if (story_option_state(x->run, i, &st2, NULL, &err) < 0 || st2 != st) {
                if (x->r->opt_failed[o->uid]++ == 0)
                    finding(x, STORY_FIND_UNSTABLE, node, x->nodes[node].beat, i,
                            err.msg[0] ? err.msg : "it gives a different answer when asked twice");
                continue;
            }
            took2 = now_ms() - t0;
            took = took2 < took ? took2 : took; /* the faster: a busy machine is no finding */
        }
        if (story_condition_calls(x->run) > calls)
            note_speed(x, node, x->nodes[node].beat, i, took);
        if (st != STORY_OPT_AVAILABLE)
            continue;
        x->r->opt_available[o->uid]++;
        err_clear(&err);
        if (story_choose(x->run, i, &err) < 0) {
            if (x->r->opt_failed[o->uid]++ == 0)
                finding(x, STORY_FIND_EFFECT, node, x->nodes[node].beat, i, err.msg);
            continue;
        }
        if (enter(x, node, i) < 0)
            return ERR_NOMEM;
        return 1;
    }
    return 0;
}

/* Works the frame on top of the stack once. */
static int step(Explore *x)
{
    Frame *f = &x->frames[x->n_frames - 1];
    int node = f->node;
    Err err;
    int rc = 0;
    err_clear(&err);
    if (f->next_opt < 0) { /* done */
        x->n_frames--;
        node_finish(x, node);
        return 0;
    }
    if (f->kind == FRAME_INTERACTION && story_history_count(x->run) > f->hist &&
        story_rewind(x->run, f->hist, &err) < 0)
        return ERR_NOMEM;
    if (f->kind == FRAME_CHAIN) {
        f->next_opt = -1;
        if (story_advance(x->run, &err) < 0) {
            finding(x, STORY_FIND_STEP, node, x->nodes[node].beat, -1, err.msg);
            return 0;
        }
        return enter(x, node, -1);
    }
    if (x->sc->beats[x->nodes[node].beat].interaction.kind == STORY_INT_CHOICE) {
        rc = step_choice(x, f);
        if (rc < 0)
            return rc;
        if (rc == 0)
            x->frames[x->n_frames - 1].next_opt = -1;
        return 0;
    }
    f->next_opt = -1;
    if (story_continue(x->run, -1, &err) < 0) {
        finding(x, STORY_FIND_STEP, node, x->nodes[node].beat, -1, err.msg);
        return 0;
    }
    return enter(x, node, -1);
}

/* Paths per ending, in finish order over the edges that are not back edges. */
static int count_paths(Explore *x)
{
    const Scenario *sc = x->sc;
    int *ends = calloc((size_t)sc->n_beats + 1, sizeof *ends);
    int n_end = 0, b = 0, k = 0;
    double *cnt = NULL;
    if (!ends)
        return ERR_NOMEM;
    for (b = 0; b < sc->n_beats; b++)
        ends[b] = sc->beats[b].ending ? n_end++ : -1;
    cnt = calloc((size_t)x->n_nodes * (size_t)(n_end > 0 ? n_end : 1), sizeof *cnt);
    if (!cnt && x->n_nodes > 0) {
        free(ends);
        return ERR_NOMEM;
    }
    for (k = 0; k < x->n_finish; k++) {
        int n = x->finish[k], e = 0, j = 0;
        double *mine = cnt + (size_t)n * (size_t)n_end;
        if (x->nodes[n].ending && ends[x->nodes[n].beat] >= 0)
            mine[ends[x->nodes[n].beat]] = 1;
        for (e = x->nodes[n].first_edge; e >= 0; e = x->edges[e].next) {
            const double *child = cnt + (size_t)x->edges[e].to * (size_t)n_end;
            if (x->edges[e].back)
                continue;
            for (j = 0; j < n_end; j++)
                mine[j] += child[j];
        }
    }
    if (x->n_nodes > 0) {
        for (b = 0; b < sc->n_beats; b++) {
            if (ends[b] >= 0) {
                x->r->ending_paths[b] = cnt[ends[b]];
                x->r->paths += cnt[ends[b]];
            }
        }
    }
    free(cnt);
    free(ends);
    return 0;
}

/* A node without a way on reachable from n (all unable to reach an ending,
 * marked 2 in reach while searched), or -1.  queue is scratch space. */
static int dead_leaf(const Explore *x, int n, int *queue, unsigned char *reach)
{
    int head = 0, tail = 0, found = -1, e = 0, k = 0;
    queue[tail++] = n;
    reach[n] = 2;
    while (head < tail && found < 0) {
        int m = queue[head++];
        if (x->nodes[m].first_edge < 0)
            found = m;
        for (e = x->nodes[m].first_edge; e >= 0; e = x->edges[e].next) {
            if (reach[x->edges[e].to] == 0) {
                reach[x->edges[e].to] = 2;
                queue[tail++] = x->edges[e].to;
            }
        }
    }
    for (k = 0; k < tail; k++)
        reach[queue[k]] = 0;
    return found;
}

/* Reports the first node of each tree path that can no longer reach an
 * ending (once per beat). */
static int find_dead(Explore *x)
{
    int *rev_first = malloc(((size_t)x->n_nodes + 1) * sizeof(int));
    int *rev_next = malloc(((size_t)x->n_edges + 1) * sizeof(int));
    int *rev_from = malloc(((size_t)x->n_edges + 1) * sizeof(int));
    int *queue = malloc(((size_t)x->n_nodes + 1) * sizeof(int));
    unsigned char *reach = calloc((size_t)x->n_nodes + 1, 1);
    int n = 0, e = 0, head = 0, tail = 0;
    if (!rev_first || !rev_next || !rev_from || !queue || !reach) {
        free(rev_first), free(rev_next), free(rev_from), free(queue), free(reach);
        return ERR_NOMEM;
    }
    for (n = 0; n < x->n_nodes; n++)
        rev_first[n] = -1;
    for (n = 0; n < x->n_nodes; n++) {
        for (e = x->nodes[n].first_edge; e >= 0; e = x->edges[e].next) {
            rev_from[e] = n;
            rev_next[e] = rev_first[x->edges[e].to];
            rev_first[x->edges[e].to] = e;
        }
        if (x->nodes[n].ending || x->nodes[n].unknown) {
            reach[n] = 1;
            queue[tail++] = n;
        }
    }
    if (x->r->truncated) { /* a state cut off by the limit may go on anywhere */
        for (n = 0; n < x->n_nodes; n++) {
            if (!reach[n] && x->nodes[n].first_edge < 0 && !x->nodes[n].ending) {
                const StoryBeat *b = &x->sc->beats[x->nodes[n].beat];
                if (b->interaction.kind != STORY_INT_NONE || b->next >= 0) {
                    reach[n] = 1;
                    queue[tail++] = n;
                }
            }
        }
    }
    while (head < tail) {
        int m = queue[head++];
        for (e = rev_first[m]; e >= 0; e = rev_next[e]) {
            if (!reach[rev_from[e]]) {
                reach[rev_from[e]] = 1;
                queue[tail++] = rev_from[e];
            }
        }
    }
    for (n = 0; n < x->n_nodes; n++) {
        const Node *nd = &x->nodes[n];
        const char *id = NULL;
        int leaf = 0;
        char msg[ERR_MSG_MAX];
        if (reach[n] || (nd->parent >= 0 && !reach[nd->parent]) || x->stuck_beat[nd->beat])
            continue;
        x->stuck_beat[nd->beat] = 1;
        id = x->sc->beats[nd->beat].id ? x->sc->beats[nd->beat].id : "?";
        leaf = dead_leaf(x, n, queue, reach);
        if (leaf < 0) {
            snprintf(msg, sizeof msg, "from beat '%s' no path leads to an ending: every way on comes back round", id);
        } else {
            const StoryBeat *lb = &x->sc->beats[x->nodes[leaf].beat];
            snprintf(msg, sizeof msg, "from beat '%s' no path leads to an ending: %s '%s'%s", id,
                     lb->interaction.kind == STORY_INT_CHOICE ? "no option is available at" : "it stops at",
                     lb->id ? lb->id : "?",
                     lb->interaction.kind == STORY_INT_CHOICE ? "" : ", which has no way on and is not an ending");
        }
        finding(x, STORY_FIND_NO_ENDING, n, nd->beat, -1, msg);
    }
    free(rev_first), free(rev_next), free(rev_from), free(queue), free(reach);
    return 0;
}

static void explore_free(Explore *x)
{
    free(x->nodes);
    free(x->edges);
    free(x->finish);
    free(x->keys);
    free(x->table);
    free(x->frames);
    free(x->key);
    free(x->stuck_beat);
    story_run_free(x->run);
}

/* Frees a result and its arrays; NULL is fine. */
void story_explore_free(StoryExploreResult *r)
{
    if (!r)
        return;
    free(r->ending_paths);
    free(r->beat_reached);
    free(r->opt_offered);
    free(r->opt_available);
    free(r->opt_failed);
    free(r->findings);
    free(r);
}

/* Explores every path of sc; see story_explore.h. */
StoryExploreResult *story_explore(const Scenario *sc, const StoryHooks *hooks,
                                  const StoryExploreLimits *lim, Err *err)
{
    Explore x;
    StoryExploreResult *r = NULL;
    size_t nb = 0, no = 0;
    int rc = 0;
    memset(&x, 0, sizeof x);
    if (!sc || sc->n_beats <= 0) {
        err_set(err, ERR_INVALID, "the scenario has no beats");
        return NULL;
    }
    x.sc = sc;
    if (lim)
        x.lim = *lim;
    if (x.lim.max_states <= 0)
        x.lim.max_states = STORY_EXPLORE_STATES;
    if (x.lim.max_depth <= 0 || x.lim.max_depth > STORY_MAX_HISTORY - 1)
        x.lim.max_depth = STORY_MAX_HISTORY - 1;
    if (x.lim.visit_cap <= 0)
        x.lim.visit_cap = STORY_EXPLORE_VISIT_CAP;
    if (x.lim.visit_cap > 255)
        x.lim.visit_cap = 255;
    nb = (size_t)sc->n_beats;
    no = sc->n_options > 0 ? (size_t)sc->n_options : 1;
    r = calloc(1, sizeof *r);
    if (r) {
        r->ending_paths = calloc(nb, sizeof *r->ending_paths);
        r->beat_reached = calloc(nb, 1);
        r->opt_offered = calloc(no, sizeof(int));
        r->opt_available = calloc(no, sizeof(int));
        r->opt_failed = calloc(no, sizeof(int));
        r->findings = calloc(STORY_EXPLORE_MAX_FINDINGS, sizeof *r->findings);
    }
    x.stuck_beat = calloc(nb, 1);
    if (!r || !r->ending_paths || !r->beat_reached || !r->opt_offered || !r->opt_available ||
        !r->opt_failed || !r->findings || !x.stuck_beat) {
        err_set(err, ERR_NOMEM, "out of memory");
        goto fail;
    }
    x.r = r;
    x.run = story_run_new(sc, hooks, err);
    if (!x.run)
        goto fail;
    rc = enter(&x, -1, -1);
    while (rc >= 0 && x.n_frames > 0)
        rc = step(&x);
    if (rc >= 0) {
        int i = 0;
        for (i = 0; i < x.n_frames; i++)
            x.nodes[x.frames[i].node].on_path = 0;
        rc = count_paths(&x);
    }
    if (rc >= 0)
        rc = find_dead(&x);
    if (rc < 0) {
        err_set(err, ERR_NOMEM, "out of memory");
        goto fail;
    }
    r->n_states = x.n_nodes;
    explore_free(&x);
    return r;
fail:
    explore_free(&x);
    story_explore_free(r);
    return NULL;
}
