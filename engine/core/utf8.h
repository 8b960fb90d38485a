/* utf8.h - UTF-8 helpers for wrapping and validation (pure, no allocation). */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (at most n bytes).  Returns its byte length
 * (1..4) and writes the code point, or returns 1 and writes U+FFFD for an
 * invalid sequence, 0 at n == 0. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* 1 if s[0..n) is valid UTF-8 without overlongs or surrogates, else 0. */
int utf8_valid(const char *s, size_t n);

/* Number of code points in a NUL-terminated string. */
size_t utf8_length(const char *s);

#endif
