/* layout.c - greedy word wrapping with a measure callback (pure C). */
#include "render/layout.h"

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
