/* suggest.c - edit distance and closest-name suggestions (suggest.h). */
#include "core/suggest.h"

#include <stdio.h>
#include <string.h>

/* Optimal string alignment distance over bytes, three rows of at most
 * SUGGEST_MAX_NAME + 1 cells on the stack. */
int suggest_distance(const char *a, const char *b)
{
    int rows[3][SUGGEST_MAX_NAME + 1];
    size_t la = 0, lb = 0, i = 0, j = 0;
    if (!a || !b)
        return SUGGEST_MAX_NAME + 1;
    la = strlen(a);
    lb = strlen(b);
    if (la > SUGGEST_MAX_NAME || lb > SUGGEST_MAX_NAME)
        return SUGGEST_MAX_NAME + 1;
    memset(rows, 0, sizeof rows);
    for (j = 0; j <= lb; j++)
        rows[0][j] = (int)j;
    for (i = 1; i <= la; i++) {
        int *pp = rows[(i + 1) % 3]; /* row i - 2 */
        int *prev = rows[(i + 2) % 3]; /* row i - 1 */
        int *cur = rows[i % 3]; /* row i */
        cur[0] = (int)i;
        for (j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (prev[j - 1] + cost < best)
                best = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                pp[j - 2] + 1 < best)
                best = pp[j - 2] + 1;
            cur[j] = best;
        }
    }
    return rows[la % 3][lb];
}

/* The closest candidate within the length-dependent limit; see suggest.h. */
const char *suggest_closest(const char *word, const char *const *cands, int n)
{
    const char *best = NULL;
    int best_d = 0;
    int limit = 0;
    int i = 0;
    size_t len = 0;
    if (!word || !cands)
        return NULL;
    len = strlen(word);
    limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    best_d = limit + 1;
    for (i = 0; i < n; i++) {
        int d = 0;
        if (!cands[i] || strcmp(cands[i], word) == 0)
            continue;
        d = suggest_distance(word, cands[i]);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best;
}

/* " (did you mean `x`?)" or ""; see suggest.h. */
char *suggest_hint(const char *word, const char *const *cands, int n, char *out, size_t size)
{
    const char *best = suggest_closest(word, cands, n);
    if (!out || size == 0)
        return out;
    out[0] = '\0';
    if (best)
        snprintf(out, size, " (did you mean `%s`?)", best);
    return out;
}
