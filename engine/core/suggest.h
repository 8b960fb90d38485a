/* suggest.h - "did you mean ...?" for misspelt names (pure, no allocation).
 *
 * Authors misspell variable names, beat ids, cast ids and field names; a
 * message that names the closest known name turns a hunt into a fix. */
#ifndef CORE_SUGGEST_H
#define CORE_SUGGEST_H

#include <stddef.h>

/* Longest name compared; longer names never match. */
#define SUGGEST_MAX_NAME 64

/* Bytes that always hold suggest_hint()'s text. */
#define SUGGEST_HINT_MAX (SUGGEST_MAX_NAME + 32)

/* The edit distance (insertions, deletions, substitutions, and swaps of two
 * neighbouring bytes) between a and b, or SUGGEST_MAX_NAME + 1 when either
 * is NULL or longer than SUGGEST_MAX_NAME bytes. */
int suggest_distance(const char *a, const char *b);

/* The candidate closest to word, or NULL when none is close enough to be a
 * likely misspelling (at most 1 edit for names of up to 4 bytes, 2 up to 8,
 * 3 beyond; a candidate equal to word is skipped).  cands[i] may be NULL.
 * The result is one of cands (borrowed). */
const char *suggest_closest(const char *word, const char *const *cands, int n);

/* Writes " (did you mean `x`?)" into out when a candidate is close to word,
 * else an empty string; returns out.  out must hold at least 1 byte. */
char *suggest_hint(const char *word, const char *const *cands, int n, char *out, size_t size);

#endif
