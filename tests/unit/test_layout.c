/* test_layout.c - unit tests for UTF-8 word wrapping (render/layout). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/err.h"
#include "core/utf8.h"
#include "render/layout.h"

/* Fake monospace font: 10 px per code point (æøå count as one). */
static int mono(void *ud, const char *s, size_t n)
{
    size_t i = 0;
    int w = 0;
    int *calls = ud;
    if (calls)
        (*calls)++;
    while (i < n) {
        uint32_t cp = 0;
        size_t len = utf8_decode(s + i, n - i, &cp);
        i += len ? len : 1;
        w += 10;
    }
    return w;
}

static int wrap(const char *t, int maxw, LayoutLine *lines, int max)
{
    return layout_wrap(t, strlen(t), maxw, mono, NULL, lines, max);
}

static void assert_line(const char *t, const LayoutLine *l, const char *want, int width)
{
    assert_int_equal(l->len, strlen(want));
    assert_memory_equal(t + l->start, want, l->len);
    assert_int_equal(l->width, width);
}

static void test_simple_wrap(void **state)
{
    const char *t = "Hej med dig, hvad laver du?";
    LayoutLine l[8];
    int n = 0;
    (void)state;
    n = wrap(t, 120, l, 8); /* 12 chars per line */
    assert_int_equal(n, 3);
    assert_line(t, &l[0], "Hej med dig,", 120);
    assert_line(t, &l[1], "hvad laver", 100);
    assert_line(t, &l[2], "du?", 30);
}

static void test_danish_letters_one_char(void **state)
{
    const char *t = "blåbærgrød på ø";
    LayoutLine l[4];
    int n = 0;
    (void)state;
    n = wrap(t, 100, l, 4);
    assert_int_equal(n, 2);
    assert_line(t, &l[0], "blåbærgrød", 100); /* exactly 10 code points fit */
    assert_line(t, &l[1], "på ø", 40);
}

static void test_exact_fit(void **state)
{
    const char *t = "abcde fghij";
    LayoutLine l[4];
    (void)state;
    assert_int_equal(wrap(t, 110, l, 4), 1);
    assert_line(t, &l[0], "abcde fghij", 110);
    assert_int_equal(wrap(t, 109, l, 4), 2);
    assert_line(t, &l[0], "abcde", 50);
    assert_line(t, &l[1], "fghij", 50);
}

static void test_long_word_breaks_at_code_points(void **state)
{
    const char *t = "xæøåæøåæøåy ok";
    LayoutLine l[8];
    int n = 0, i = 0;
    (void)state;
    n = wrap(t, 40, l, 8);
    assert_int_equal(n, 4);
    assert_line(t, &l[0], "xæøå", 40);
    assert_line(t, &l[1], "æøåæ", 40);
    assert_line(t, &l[2], "øåy", 30);
    assert_line(t, &l[3], "ok", 20);
    for (i = 0; i < n; i++) {
        assert_true(utf8_valid(t + l[i].start, l[i].len));
        assert_true(l[i].width <= 40);
    }
    /* Narrower than one code point: one code point per line, never split. */
    n = wrap("æø", 5, l, 8);
    assert_int_equal(n, 2);
    assert_int_equal(l[0].len, 2);
    assert_int_equal(l[0].width, 10);
    assert_int_equal(l[1].start, 2);
}

/* A no-break space (U+00A0) joins a phone number: the line breaks before
 * it, never inside; a plain space in the same place is a break. */
static void test_nbsp_never_breaks(void **state)
{
    const char *plain = "ring på 116 111 nu";
    const char *nbsp = "ring på 116\xc2\xa0" "111 nu";
    LayoutLine l[8];
    int n = 0;
    (void)state;
    n = wrap(plain, 110, l, 8); /* 11 code points a line */
    assert_int_equal(n, 2);
    assert_line(plain, &l[0], "ring på 116", 110);
    n = wrap(nbsp, 110, l, 8);
    assert_int_equal(n, 2);
    assert_line(nbsp, &l[0], "ring på", 70);
    assert_line(nbsp, &l[1], "116\xc2\xa0" "111 nu", 100);
}

static void test_empty_and_newlines(void **state)
{
    const char *t = "a\n\nbb cc\n";
    LayoutLine l[8];
    int n = 0;
    (void)state;
    assert_int_equal(wrap("", 100, l, 8), 0);
    n = wrap(t, 100, l, 8);
    assert_int_equal(n, 4);
    assert_line(t, &l[0], "a", 10);
    assert_line(t, &l[1], "", 0);
    assert_line(t, &l[2], "bb cc", 50);
    assert_line(t, &l[3], "", 0);
    n = wrap("   ", 100, l, 8);
    assert_int_equal(n, 1);
    assert_int_equal(l[0].len, 0);
    /* Spaces at a break are dropped, not carried to the next line. */
    t = "aaaa     bbbb";
    n = wrap(t, 60, l, 8);
    assert_int_equal(n, 2);
    assert_line(t, &l[0], "aaaa", 40);
    assert_line(t, &l[1], "bbbb", 40);
}

static void test_counts_beyond_capacity(void **state)
{
    const char *t = "a b c d e f";
    LayoutLine l[2];
    (void)state;
    memset(l, 0, sizeof l);
    assert_int_equal(wrap(t, 10, l, 2), 6);
    assert_line(t, &l[0], "a", 10);
    assert_line(t, &l[1], "b", 10);
    assert_int_equal(layout_wrap(t, strlen(t), 10, mono, NULL, NULL, 0), 6);
}

static void test_bad_arguments(void **state)
{
    LayoutLine l[2];
    (void)state;
    assert_int_equal(layout_wrap(NULL, 0, 10, mono, NULL, l, 2), ERR_INVALID);
    assert_int_equal(layout_wrap("a", 1, 0, mono, NULL, l, 2), ERR_INVALID);
    assert_int_equal(layout_wrap("a", 1, 10, NULL, NULL, l, 2), ERR_INVALID);
}

static void test_fit(void **state)
{
    const char *t = "one two three four";
    LayoutFit f;
    int calls = 0;
    (void)state;
    memset(&f, 0, sizeof f);
    /* 2 lines of 10 chars at 50 px per line: height 100 fits exactly. */
    assert_int_equal(layout_fit(t, strlen(t), 100, 100, 50, mono, &calls, &f), 0);
    assert_int_equal(f.n_lines, 2);
    assert_int_equal(f.height, 100);
    assert_int_equal(f.width, 100); /* "one two" + "three four" */
    assert_int_equal(f.overflow, 0);
    assert_true(calls > 0);
    assert_int_equal(layout_fit(t, strlen(t), 100, 99, 50, mono, NULL, &f), 1);
    assert_int_equal(f.overflow, 1);
    /* A code point wider than the box overflows even in height. */
    assert_int_equal(layout_fit("ø", strlen("ø"), 5, 1000, 50, mono, NULL, &f), 1);
    assert_int_equal(layout_lines_fitting(99, 50), 1);
    assert_int_equal(layout_lines_fitting(100, 50), 2);
    assert_int_equal(layout_lines_fitting(-1, 50), 0);
    assert_int_equal(layout_block_height(3, 20), 60);
    assert_int_equal(layout_block_height(0, 20), 0);
}

/* ---- LayoutCache ---- */

static void test_cache_measure_hits(void **state)
{
    LayoutCache *c = layout_cache_new(8, 4096);
    LayoutCacheStats st;
    int calls = 0;
    (void)state;
    assert_non_null(c);
    assert_int_equal(layout_cache_measure(c, "hello", 5, 1, mono, &calls), 50);
    assert_int_equal(calls, 1);
    assert_int_equal(layout_cache_measure(c, "hello", 5, 1, mono, &calls), 50);
    assert_int_equal(calls, 1); /* answered from the cache */
    /* Another key, another span, a prefix: each is its own result. */
    assert_int_equal(layout_cache_measure(c, "hello", 5, 2, mono, &calls), 50);
    assert_int_equal(layout_cache_measure(c, "hello", 4, 1, mono, &calls), 40);
    assert_int_equal(layout_cache_measure(c, "hellø", strlen("hellø"), 1, mono, &calls), 50);
    assert_int_equal(calls, 4);
    layout_cache_stats(c, &st);
    assert_int_equal(st.hits, 1);
    assert_int_equal(st.misses, 4);
    assert_int_equal(st.count, 4);
    assert_true(st.bytes > 0);
    /* Bad arguments and a NULL cache. */
    assert_int_equal(layout_cache_measure(c, NULL, 1, 1, mono, &calls), 0);
    assert_int_equal(layout_cache_measure(c, "a", 1, 1, NULL, NULL), 0);
    assert_int_equal(layout_cache_measure(NULL, "abc", 3, 1, mono, &calls), 30);
    assert_int_equal(calls, 5);
    layout_cache_free(c);
}

static void test_cache_wrap_same_as_uncached(void **state)
{
    const char *texts[] = {"Hej med dig, hvad laver du?", "xæøåæøåæøåy ok", "a\n\nbb cc\n", "   ",
                           "", "aaaa     bbbb", "one two three four"};
    const int widths[] = {5, 40, 100, 120, 1000};
    LayoutCache *c = layout_cache_new(64, 1 << 16);
    size_t t = 0, k = 0;
    int round = 0;
    (void)state;
    assert_non_null(c);
    for (round = 0; round < 2; round++) { /* the second round is all hits */
        for (t = 0; t < sizeof texts / sizeof texts[0]; t++) {
            for (k = 0; k < sizeof widths / sizeof widths[0]; k++) {
                LayoutLine want[16], got[16];
                int n_want = 0, n_got = 0, calls = 0, i = 0;
                memset(want, 0, sizeof want);
                memset(got, 0, sizeof got);
                n_want = wrap(texts[t], widths[k], want, 16);
                n_got = layout_cache_wrap(c, texts[t], strlen(texts[t]), 7, widths[k], mono,
                                          &calls, got, 16);
                assert_int_equal(n_got, n_want);
                for (i = 0; i < n_want && i < 16; i++) {
                    assert_int_equal(got[i].start, want[i].start);
                    assert_int_equal(got[i].len, want[i].len);
                    assert_int_equal(got[i].width, want[i].width);
                }
                if (round == 1)
                    assert_int_equal(calls, 0);
            }
        }
    }
    {
        LayoutCacheStats st;
        layout_cache_stats(c, &st);
        assert_int_equal(st.misses, 35);
        assert_int_equal(st.hits, 35);
        assert_int_equal(st.count, 35);
        assert_int_equal(st.evictions, 0);
    }
    layout_cache_free(c);
}

static void test_cache_wrap_keys_and_capacity(void **state)
{
    const char *t = "a b c d e f";
    LayoutCache *c = layout_cache_new(4, 4096);
    LayoutLine l[2];
    int calls = 0;
    (void)state;
    memset(l, 0, sizeof l);
    /* Counted beyond max_lines, as layout_wrap; a hit gives the same. */
    assert_int_equal(layout_cache_wrap(c, t, strlen(t), 0, 10, mono, &calls, l, 2), 6);
    memset(l, 0, sizeof l);
    assert_int_equal(layout_cache_wrap(c, t, strlen(t), 0, 10, mono, &calls, l, 2), 6);
    assert_line(t, &l[0], "a", 10);
    assert_line(t, &l[1], "b", 10);
    assert_int_equal(layout_cache_wrap(c, t, strlen(t), 0, 10, mono, &calls, NULL, 0), 6);
    /* Another width or key is a miss; the same text as a measure too. */
    calls = 0;
    assert_int_equal(layout_cache_wrap(c, t, strlen(t), 0, 30, mono, &calls, l, 2), 3);
    assert_true(calls > 0);
    calls = 0;
    assert_int_equal(layout_cache_wrap(c, t, strlen(t), 1, 10, mono, &calls, l, 2), 6);
    assert_true(calls > 0);
    assert_int_equal(layout_cache_measure(c, t, strlen(t), 0, mono, NULL), 110);
    assert_int_equal(layout_cache_wrap(c, t, strlen(t), 0, 0, mono, NULL, l, 2), ERR_INVALID);
    assert_int_equal(layout_cache_wrap(c, NULL, 0, 0, 10, mono, NULL, l, 2), ERR_INVALID);
    /* A NULL cache wraps as layout_wrap does. */
    assert_int_equal(layout_cache_wrap(NULL, t, strlen(t), 0, 10, mono, NULL, l, 2), 6);
    layout_cache_free(c);
    layout_cache_free(NULL);
    assert_null(layout_cache_new(0, 4096));
    assert_null(layout_cache_new(LAYOUT_CACHE_MAX_ENTRIES + 1, 4096));
    assert_null(layout_cache_new(4, 0));
    assert_null(layout_cache_new(4, LAYOUT_CACHE_MAX_BYTES + 1));
}

static void test_cache_lru_eviction(void **state)
{
    LayoutCache *c = layout_cache_new(3, 4096);
    LayoutCacheStats st;
    int calls = 0;
    (void)state;
    layout_cache_measure(c, "a", 1, 0, mono, &calls);
    layout_cache_measure(c, "bb", 2, 0, mono, &calls);
    layout_cache_measure(c, "ccc", 3, 0, mono, &calls);
    layout_cache_measure(c, "a", 1, 0, mono, &calls); /* "a" is now the newest */
    assert_int_equal(calls, 3);
    layout_cache_measure(c, "dddd", 4, 0, mono, &calls); /* evicts "bb", the oldest */
    layout_cache_stats(c, &st);
    assert_int_equal(st.count, 3);
    assert_int_equal(st.evictions, 1);
    calls = 0;
    layout_cache_measure(c, "a", 1, 0, mono, &calls);
    layout_cache_measure(c, "ccc", 3, 0, mono, &calls);
    layout_cache_measure(c, "dddd", 4, 0, mono, &calls);
    assert_int_equal(calls, 0);
    assert_int_equal(layout_cache_measure(c, "bb", 2, 0, mono, &calls), 20);
    assert_int_equal(calls, 1); /* "bb" was gone */
    layout_cache_stats(c, &st);
    assert_int_equal(st.count, 3);
    assert_int_equal(st.evictions, 2);
    /* Clearing forgets everything but keeps the counters. */
    layout_cache_clear(c);
    layout_cache_stats(c, &st);
    assert_int_equal(st.count, 0);
    assert_int_equal(st.bytes, 0);
    assert_int_equal(st.clears, 1);
    assert_int_equal(st.evictions, 2);
    calls = 0;
    layout_cache_measure(c, "a", 1, 0, mono, &calls);
    assert_int_equal(calls, 1);
    layout_cache_free(c);
}

static void test_cache_byte_cap(void **state)
{
    char big[200];
    LayoutCache *c = layout_cache_new(100, 100);
    LayoutCacheStats st;
    LayoutLine l[4];
    int calls = 0, i = 0;
    (void)state;
    memset(big, 'x', sizeof big);
    /* Too big to keep: answered, not remembered. */
    assert_int_equal(layout_cache_measure(c, big, sizeof big, 0, mono, &calls), 2000);
    assert_int_equal(layout_cache_measure(c, big, sizeof big, 0, mono, &calls), 2000);
    assert_int_equal(calls, 2);
    layout_cache_stats(c, &st);
    assert_int_equal(st.count, 0);
    /* Results of 31 bytes each (30 + NUL): at most three fit in 100 bytes. */
    for (i = 0; i < 10; i++) {
        big[0] = (char)('a' + i);
        layout_cache_measure(c, big, 30, 0, mono, NULL);
        layout_cache_stats(c, &st);
        assert_true(st.bytes <= 100);
    }
    assert_int_equal(st.count, 3);
    assert_int_equal(st.evictions, 7);
    /* Wrapped lines count towards the cap too. */
    assert_int_equal(layout_cache_wrap(c, "ab cd", 5, 0, 20, mono, NULL, l, 4), 2);
    layout_cache_stats(c, &st);
    assert_true(st.bytes <= 100);
    assert_true(st.bytes >= (long)(6 + 2 * sizeof(LayoutLine)));
    layout_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_wrap),
        cmocka_unit_test(test_danish_letters_one_char),
        cmocka_unit_test(test_exact_fit),
        cmocka_unit_test(test_long_word_breaks_at_code_points),
        cmocka_unit_test(test_nbsp_never_breaks),
        cmocka_unit_test(test_empty_and_newlines),
        cmocka_unit_test(test_counts_beyond_capacity),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_cache_measure_hits),
        cmocka_unit_test(test_cache_wrap_same_as_uncached),
        cmocka_unit_test(test_cache_wrap_keys_and_capacity),
        cmocka_unit_test(test_cache_lru_eviction),
        cmocka_unit_test(test_cache_byte_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
