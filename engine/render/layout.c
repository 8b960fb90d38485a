/* layout.c - greedy word wrapping with a measure callback, and an LRU cache of
 * measures and wrapped lines (pure C). */
#include "render/layout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/utf8.h"

typedef struct Wrap {
    const char *text;
    int maxw;
    LayoutMeasureFn measure;
    void *ud;
    LayoutLine *lines;
    int max_lines;
    int count;
} Wrap;

static void emit(Wrap *w, size_t start, size_t len, int width)
{
    if (w->count < w->max_lines && w->lines) {
        w->lines[w->count].start = start;
        w->lines[w->count].len = len;
        w->lines[w->count].width = width;
    }
    w->count++;
}

/* Bytes of the code point at s (1 for an invalid byte, so a broken sequence
 * still advances and a valid one is never split). */
static size_t cp_bytes(const char *s, size_t n)
{
    uint32_t cp = 0;
    size_t len = utf8_decode(s, n, &cp);
    return len ? len : 1;
}

/* Wraps the paragraph text[a..b), which holds no '\n'. */
static void wrap_para(Wrap *w, size_t a, size_t b)
{
    const char *t = w->text;
    size_t s = a;
    int emitted = 0;
    while (s < b) {
        size_t line_end = s, i = s, j = 0, k = 0, e = 0;
        int line_w = 0;
        for (j = s; j < b && t[j] == ' '; j++) {
        }
        if (j == b) /* only spaces remain */
            break;
        while (i < b) {
            int ww = 0;
            for (j = i; j < b && t[j] == ' '; j++) {
            }
            for (k = j; k < b && t[k] != ' '; k++) {
            }
            if (k == j)
                break;
            ww = w->measure(w->ud, t + s, k - s);
            if (ww > w->maxw)
                break;
            line_end = k;
            line_w = ww;
            i = k;
        }
        if (line_end == s) {
            /* The first word alone is too wide: break it between code points,
             * taking at least one so that wrapping always advances. */
            e = s;
            line_w = 0;
            while (e < b && t[e] != ' ') {
                size_t c = cp_bytes(t + e, b - e);
                int ww = w->measure(w->ud, t + s, e + c - s);
                if (ww > w->maxw && e > s)
                    break;
                e += c;
                line_w = ww;
            }
            if (e == s) { /* leading spaces of a first line wider than maxw */
                while (e < b && t[e] == ' ')
                    e++;
                s = e;
                continue;
            }
            line_end = e;
        }
        emit(w, s, line_end - s, line_w);
        emitted = 1;
        s = line_end;
        while (s < b && t[s] == ' ')
            s++;
    }
    if (!emitted)
        emit(w, a, 0, 0);
}

int layout_wrap(const char *text, size_t n, int maxw, LayoutMeasureFn measure, void *ud,
                LayoutLine *lines, int max_lines)
{
    Wrap w = {text, maxw, measure, ud, lines, max_lines < 0 ? 0 : max_lines, 0};
    size_t pos = 0;
    if (!text || !measure || maxw < 1)
        return ERR_INVALID;
    if (n == 0)
        return 0;
    for (;;) {
        size_t end = pos;
        while (end < n && text[end] != '\n')
            end++;
        wrap_para(&w, pos, end);
        if (end >= n)
            break;
        pos = end + 1;
    }
    return w.count;
}

int layout_block_height(int n_lines, int line_h)
{
    if (n_lines <= 0 || line_h <= 0)
        return 0;
    return n_lines * line_h;
}

int layout_fit(const char *text, size_t n, int maxw, int maxh, int line_h,
               LayoutMeasureFn measure, void *ud, LayoutFit *out)
{
    LayoutLine lines[LAYOUT_MAX_LINES];
    LayoutFit f = {0, 0, 0, 0};
    int count = layout_wrap(text, n, maxw, measure, ud, lines, LAYOUT_MAX_LINES);
    int i = 0;
    if (count < 0)
        return count;
    f.n_lines = count;
    f.height = layout_block_height(count, line_h);
    for (i = 0; i < count && i < LAYOUT_MAX_LINES; i++)
        if (lines[i].width > f.width)
            f.width = lines[i].width;
    f.overflow = f.height > maxh || f.width > maxw || count > LAYOUT_MAX_LINES;
    if (out)
        *out = f;
    return f.overflow;
}

int layout_lines_fitting(int maxh, int line_h)
{
    if (maxh <= 0 || line_h <= 0)
        return 0;
    return maxh / line_h;
}

/* ---- LayoutCache ------------------------------------------------------- */

#define NONE (-1)

/* One remembered result.  maxw 0 marks a measure (wraps have maxw >= 1). */
typedef struct CacheEntry {
    char *text; /* NULL: free slot */
    size_t n;
    uint32_t hash;
    int key;
    int maxw;
    int value;         /* the width, or the wrap's line count */
    LayoutLine *lines; /* wraps only: min(value, LAYOUT_MAX_LINES) lines */
    int n_lines;
    long bytes;
    int prev, next; /* LRU list, most recent first */
    int chain;      /* next in the bucket, or next free slot */
} CacheEntry;

struct LayoutCache {
    CacheEntry *e;
    int cap;
    long max_bytes;
    int *bucket;
    uint32_t mask; /* buckets - 1 (a power of two) */
    int head, tail;
    int free_slot; /* first free slot (linked through chain) */
    LayoutCacheStats st;
    LayoutLine scratch[LAYOUT_MAX_LINES];
};

static uint32_t cache_hash(const char *s, size_t n, int key, int maxw)
{
    uint32_t h = 2166136261u;
    size_t i = 0;
    h ^= (uint32_t)key * 0x9E3779B1u;
    h *= 16777619u;
    h ^= (uint32_t)maxw * 0x85EBCA77u;
    h *= 16777619u;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ^ (h >> 15);
}

static void cache_reset(LayoutCache *c)
{
    int i = 0;
    for (i = 0; i <= (int)c->mask; i++)
        c->bucket[i] = NONE;
    for (i = 0; i < c->cap; i++) {
        free(c->e[i].text);
        free(c->e[i].lines);
        memset(&c->e[i], 0, sizeof c->e[i]);
        c->e[i].prev = c->e[i].next = NONE;
        c->e[i].chain = i + 1 < c->cap ? i + 1 : NONE;
    }
    c->free_slot = 0;
    c->head = c->tail = NONE;
    c->st.count = 0;
    c->st.bytes = 0;
}

LayoutCache *layout_cache_new(int max_entries, long max_bytes)
{
    LayoutCache *c = NULL;
    uint32_t buckets = 1;
    if (max_entries < 1 || max_entries > LAYOUT_CACHE_MAX_ENTRIES || max_bytes < 1 ||
        max_bytes > LAYOUT_CACHE_MAX_BYTES)
        return NULL;
    while (buckets < (uint32_t)max_entries * 2u)
        buckets <<= 1;
    c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->e = calloc((size_t)max_entries, sizeof *c->e);
    c->bucket = calloc(buckets, sizeof *c->bucket);
    if (!c->e || !c->bucket) {
        free(c->e);
        free(c->bucket);
        free(c);
        return NULL;
    }
    c->cap = max_entries;
    c->max_bytes = max_bytes;
    c->mask = buckets - 1;
    cache_reset(c);
    return c;
}

void layout_cache_free(LayoutCache *c)
{
    int i = 0;
    if (!c)
        return;
    for (i = 0; i < c->cap; i++) {
        free(c->e[i].text);
        free(c->e[i].lines);
    }
    free(c->e);
    free(c->bucket);
    free(c);
}

void layout_cache_clear(LayoutCache *c)
{
    if (!c)
        return;
    cache_reset(c);
    c->st.clears++;
}

void layout_cache_stats(const LayoutCache *c, LayoutCacheStats *out)
{
    LayoutCacheStats zero = {0, 0, 0, 0, 0, 0};
    if (!out)
        return;
    *out = c ? c->st : zero;
}

static void lru_unlink(LayoutCache *c, int i)
{
    CacheEntry *e = &c->e[i];
    if (e->prev != NONE)
        c->e[e->prev].next = e->next;
    else
        c->head = e->next;
    if (e->next != NONE)
        c->e[e->next].prev = e->prev;
    else
        c->tail = e->prev;
    e->prev = e->next = NONE;
}

static void lru_push_front(LayoutCache *c, int i)
{
    CacheEntry *e = &c->e[i];
    e->prev = NONE;
    e->next = c->head;
    if (c->head != NONE)
        c->e[c->head].prev = i;
    c->head = i;
    if (c->tail == NONE)
        c->tail = i;
}

/* The slot holding (s, key, maxw), moved to the front of the LRU, or NONE. */
static int cache_find(LayoutCache *c, const char *s, size_t n, uint32_t hash, int key, int maxw)
{
    int i = c->bucket[hash & c->mask];
    while (i != NONE) {
        CacheEntry *e = &c->e[i];
        if (e->hash == hash && e->n == n && e->key == key && e->maxw == maxw &&
            memcmp(e->text, s, n) == 0) {
            if (c->head != i) {
                lru_unlink(c, i);
                lru_push_front(c, i);
            }
            return i;
        }
        i = e->chain;
    }
    return NONE;
}

/* Drops slot i (in use) and puts it on the free list. */
static void cache_drop(LayoutCache *c, int i)
{
    CacheEntry *e = &c->e[i];
    int *link = &c->bucket[e->hash & c->mask];
    while (*link != i)
        link = &c->e[*link].chain;
    *link = e->chain;
    lru_unlink(c, i);
    c->st.count--;
    c->st.bytes -= e->bytes;
    free(e->text);
    free(e->lines);
    memset(e, 0, sizeof *e);
    e->prev = e->next = NONE;
    e->chain = c->free_slot;
    c->free_slot = i;
}

/* Remembers a result (a copy of s and of lines[0..n_lines)); keeps nothing
 * when it alone exceeds the byte cap or memory is short. */
static void cache_put(LayoutCache *c, const char *s, size_t n, uint32_t hash, int key, int maxw,
                      int value, const LayoutLine *lines, int n_lines)
{
    long bytes = (long)n + 1 + (long)((size_t)n_lines * sizeof(LayoutLine));
    char *copy = NULL;
    LayoutLine *lc = NULL;
    CacheEntry *e = NULL;
    int i = 0;
    if (n > (size_t)c->max_bytes || bytes > c->max_bytes)
        return;
    while (c->tail != NONE && (c->free_slot == NONE || c->st.bytes + bytes > c->max_bytes)) {
        cache_drop(c, c->tail);
        c->st.evictions++;
    }
    copy = malloc(n + 1);
    if (n_lines > 0)
        lc = malloc((size_t)n_lines * sizeof *lc);
    if (!copy || (n_lines > 0 && !lc)) {
        free(copy);
        free(lc);
        return;
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    if (n_lines > 0)
        memcpy(lc, lines, (size_t)n_lines * sizeof *lc);
    i = c->free_slot;
    e = &c->e[i];
    c->free_slot = e->chain;
    e->text = copy;
    e->n = n;
    e->hash = hash;
    e->key = key;
    e->maxw = maxw;
    e->value = value;
    e->lines = lc;
    e->n_lines = n_lines;
    e->bytes = bytes;
    e->chain = c->bucket[hash & c->mask];
    c->bucket[hash & c->mask] = i;
    lru_push_front(c, i);
    c->st.count++;
    c->st.bytes += bytes;
}

int layout_cache_measure(LayoutCache *c, const char *s, size_t n, int key,
                         LayoutMeasureFn measure, void *ud)
{
    uint32_t hash = 0;
    int i = 0, w = 0;
    if (!s || !measure)
        return 0;
    if (!c)
        return measure(ud, s, n);
    hash = cache_hash(s, n, key, 0);
    i = cache_find(c, s, n, hash, key, 0);
    if (i != NONE) {
        c->st.hits++;
        return c->e[i].value;
    }
    c->st.misses++;
    w = measure(ud, s, n);
    cache_put(c, s, n, hash, key, 0, w, NULL, 0);
    return w;
}

/* Copies the first min(count, stored, max_lines) lines to the caller. */
static void copy_lines(LayoutLine *dst, int max_lines, const LayoutLine *src, int stored)
{
    int k = stored < max_lines ? stored : max_lines;
    if (dst && k > 0)
        memcpy(dst, src, (size_t)k * sizeof *dst);
}

int layout_cache_wrap(LayoutCache *c, const char *text, size_t n, int key, int maxw,
                      LayoutMeasureFn measure, void *ud, LayoutLine *lines, int max_lines)
{
    uint32_t hash = 0;
    int i = 0, count = 0, stored = 0;
    if (!c)
        return layout_wrap(text, n, maxw, measure, ud, lines, max_lines);
    if (!text || !measure || maxw < 1)
        return ERR_INVALID;
    if (max_lines < 0)
        max_lines = 0;
    hash = cache_hash(text, n, key, maxw);
    i = cache_find(c, text, n, hash, key, maxw);
    if (i != NONE) {
        c->st.hits++;
        copy_lines(lines, max_lines, c->e[i].lines, c->e[i].n_lines);
        return c->e[i].value;
    }
    c->st.misses++;
    count = layout_wrap(text, n, maxw, measure, ud, c->scratch, LAYOUT_MAX_LINES);
    if (count < 0)
        return count;
    stored = count < LAYOUT_MAX_LINES ? count : LAYOUT_MAX_LINES;
    copy_lines(lines, max_lines, c->scratch, stored);
    cache_put(c, text, n, hash, key, maxw, count, c->scratch, stored);
    return count;
}
