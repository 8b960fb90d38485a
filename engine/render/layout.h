/* layout.h - word wrapping of UTF-8 text with a caller-supplied measure (pure C).
 *
 * No SDL here: the renderer passes a callback that returns the pixel width of
 * a byte span (with the font it is about to draw with), and tests pass a fake
 * monospace one.  Wrapping is greedy, breaks at spaces, honours "\n", and
 * breaks a word that is wider than the line at code point boundaries, never
 * inside a UTF-8 sequence.
 */
#ifndef RENDER_LAYOUT_H
#define RENDER_LAYOUT_H

#include <stddef.h>

#define LAYOUT_MAX_LINES 256 /* lines one wrapped block may produce */

/* Pixel width of s[0..n) (not NUL-terminated). */
typedef int (*LayoutMeasureFn)(void *ud, const char *s, size_t n);

/* One wrapped line: text[start .. start+len), trailing spaces excluded. */
typedef struct LayoutLine {
    size_t start;
    size_t len;
    int width;
} LayoutLine;

/* Wraps text[0..n) to maxw pixels.  Writes at most max_lines lines into
 * lines (which may be NULL when max_lines is 0) and returns the number of
 * lines the whole text needs, which may exceed max_lines (the surplus is
 * counted but not stored).  Empty text gives 0 lines; each "\n" starts a new
 * line, so "a\n" gives two lines, the second empty.  A single code point
 * wider than maxw still gets a line of its own (its width then exceeds
 * maxw).  Returns ERR_INVALID (negative) for a NULL text or measure, or a
 * maxw < 1. */
int layout_wrap(const char *text, size_t n, int maxw, LayoutMeasureFn measure, void *ud,
                LayoutLine *lines, int max_lines);

/* Height of a block of n_lines lines of line_h pixels: n_lines * line_h. */
int layout_block_height(int n_lines, int line_h);

/* Result of layout_fit. */
typedef struct LayoutFit {
    int n_lines;  /* lines the whole text needs */
    int height;   /* n_lines * line_h */
    int width;    /* widest line */
    int overflow; /* 1 when too tall for maxh or a line is wider than maxw */
} LayoutFit;

/* Wraps text[0..n) to maxw and checks that it fits in maxh with lines of
 * line_h pixels.  Fills *out (may be NULL) and returns 1 when it overflows,
 * 0 when it fits, or a negative code on bad arguments (as layout_wrap). */
int layout_fit(const char *text, size_t n, int maxw, int maxh, int line_h,
               LayoutMeasureFn measure, void *ud, LayoutFit *out);

/* Number of whole lines of line_h pixels that fit in maxh (0 when none). */
int layout_lines_fitting(int maxh, int line_h);

/* ---- memoised measuring and wrapping ------------------------------------
 *
 * A LayoutCache remembers the results of a measure callback per (text, key)
 * and of layout_wrap per (text, key, maxw), where key names the measure (the
 * renderer passes the text style).  It holds at most max_entries results and
 * about max_bytes of copied text and lines, evicting the least recently used
 * result first.  The cache trusts that a given key always measures the same
 * way: whoever changes the measure (new fonts, a new scale) must call
 * layout_cache_clear.  Not thread-safe. */

#define LAYOUT_CACHE_MAX_ENTRIES 65536     /* upper bound for max_entries */
#define LAYOUT_CACHE_MAX_BYTES (64L << 20) /* upper bound for max_bytes */

typedef struct LayoutCache LayoutCache;

/* Counters of one cache since it was created (clearing keeps them). */
typedef struct LayoutCacheStats {
    unsigned long hits;      /* lookups answered from the cache */
    unsigned long misses;    /* lookups that called the measure */
    unsigned long evictions; /* results dropped to stay under the caps */
    unsigned long clears;    /* layout_cache_clear calls */
    int count;               /* results held now */
    long bytes;              /* bytes of text and lines held now */
} LayoutCacheStats;

/* Creates an empty cache of at most max_entries results (1 ..
 * LAYOUT_CACHE_MAX_ENTRIES) and max_bytes bytes (1 .. LAYOUT_CACHE_MAX_BYTES;
 * a single result larger than that is returned but not kept).  Returns NULL
 * on bad limits or when out of memory. */
LayoutCache *layout_cache_new(int max_entries, long max_bytes);

/* Frees the cache and everything it holds; NULL is fine. */
void layout_cache_free(LayoutCache *c);

/* Forgets every result (the counters stay, clears is incremented); NULL is
 * fine. */
void layout_cache_clear(LayoutCache *c);

/* measure(ud, s, n), remembered per (s[0..n), key).  A NULL cache just calls
 * measure.  Returns 0 for a NULL s or measure. */
int layout_cache_measure(LayoutCache *c, const char *s, size_t n, int key,
                         LayoutMeasureFn measure, void *ud);

/* layout_wrap(text, n, maxw, measure, ud, lines, max_lines), remembered per
 * (text[0..n), key, maxw): same return value and lines, except that at most
 * LAYOUT_MAX_LINES lines are ever stored (later ones are counted only).  A
 * hit copies the remembered lines without calling measure.  A NULL cache
 * just wraps. */
int layout_cache_wrap(LayoutCache *c, const char *text, size_t n, int key, int maxw,
                      LayoutMeasureFn measure, void *ud, LayoutLine *lines, int max_lines);

/* Fills *out with the counters (zeros for a NULL cache). */
void layout_cache_stats(const LayoutCache *c, LayoutCacheStats *out);

#endif
