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

#endif
