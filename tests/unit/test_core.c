/* test_core.c - unit tests for errors, buffers, UTF-8 and suggestions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/suggest.h"
#include "core/timers.h"
#include "core/utf8.h"

static void test_err(void **state)
{
    Err e;
    (void)state;
    err_clear(&e);
    assert_int_equal(err_set(&e, ERR_IO, "disk %s", "full"), ERR_IO);
    assert_string_equal(e.msg, "disk full");
    err_prefix(&e, "db.sqlite");
    assert_string_equal(e.msg, "db.sqlite: disk full");
    assert_int_equal(err_set(NULL, ERR_NOMEM, "x"), ERR_NOMEM);
}

static void test_buf(void **state)
{
    Buf b = BUF_INIT;
    char *s = NULL;
    int i = 0;
    (void)state;
    assert_string_equal(buf_str(&b), "");
    for (i = 0; i < 100; i++)
        buf_printf(&b, "%d,", i);
    assert_int_equal(strncmp(buf_str(&b), "0,1,2,", 6), 0);
    buf_reset(&b);
    buf_json_string(&b, "a\"b\\\n\x01ø");
    assert_string_equal(buf_str(&b), "\"a\\\"b\\\\\\n\\u0001ø\"");
    buf_reset(&b);
    assert_int_equal(buf_xml_text(&b, "<b title=\"x\">Mads & Sofie's</b> ø"), 0);
    assert_int_equal(buf_xml_text(&b, NULL), 0);
    assert_string_equal(buf_str(&b),
                        "&lt;b title=&quot;x&quot;&gt;Mads &amp; Sofie's&lt;/b&gt; ø");
    s = buf_take(&b);
    assert_non_null(s);
    free(s);
    assert_null(b.data);
    buf_free(&b);
    buf_free(NULL);
}

static void test_utf8(void **state)
{
    uint32_t cp = 0;
    (void)state;
    assert_int_equal(utf8_decode("æ", 2, &cp), 2);
    assert_int_equal(cp, 0xE6);
    assert_int_equal(utf8_length("blåbærgrød"), 10);
    assert_true(utf8_valid("Ærø", strlen("Ærø")));
    assert_false(utf8_valid("\xC3", 1));
    assert_false(utf8_valid("\xC0\xAF", 2));      /* overlong */
    assert_false(utf8_valid("\xED\xA0\x80", 3));  /* surrogate */
    assert_true(utf8_valid("\xEF\xBF\xBD", 3));   /* U+FFFD itself is fine */
}

static void test_suggest(void **state)
{
    static const char *const vars[] = {"checked", "tries", NULL, "told_adult", "saved"};
    char hint[64];
    (void)state;
    assert_int_equal(suggest_distance("checked", "checked"), 0);
    assert_int_equal(suggest_distance("checkd", "checked"), 1);
    assert_int_equal(suggest_distance("chekced", "checked"), 1); /* a swap */
    assert_int_equal(suggest_distance("", "abc"), 3);
    assert_int_equal(suggest_distance("kitten", "sitting"), 3);
    assert_string_equal(suggest_closest("chekced", vars, 5), "checked");
    assert_string_equal(suggest_closest("tires", vars, 5), "tries");
    assert_null(suggest_closest("told", vars, 5)); /* too far from told_adult */
    assert_null(suggest_closest("trust", vars, 5));
    assert_null(suggest_closest("checked", vars, 5)); /* itself is no suggestion */
    assert_string_equal(suggest_hint("savd", vars, 5, hint, sizeof hint), " (did you mean `saved`?)");
    assert_string_equal(suggest_hint("zzz", vars, 5, hint, sizeof hint), "");
}

/* The timer list: deadlines in order, a callback may re-arm itself, cancel
 * and overdue timers, a list filled to its size. */
static int fired[4];
static int tick(void *ud, unsigned long now)
{
    int *n = ud;
    (*n)++;
    (void)now;
    return 1;
}
static Timers *rearm_ts;
static int rearm_id;
static int rearm(void *ud, unsigned long now)
{
    tick(ud, now);
    timers_arm(rearm_ts, rearm_id, now + 100);
    return 0;
}

static void test_timers(void **state)
{
    Timers ts;
    int a = 0, b = 0, i = 0;
    (void)state;
    memset(fired, 0, sizeof fired);
    timers_init(&ts);
    assert_int_equal(timers_next(&ts, 0), -1);
    a = timers_add(&ts, tick, &fired[0]);
    b = timers_add(&ts, rearm, &fired[1]);
    rearm_ts = &ts;
    rearm_id = b;
    assert_true(a >= 0 && b >= 0 && a != b);
    timers_arm(&ts, a, 500);
    timers_arm(&ts, b, 200);
    assert_int_equal(timers_next(&ts, 100), 100);
    assert_int_equal(timers_fire(&ts, 199), 0);
    assert_int_equal(fired[1], 0);
    assert_int_equal(timers_fire(&ts, 200), 0); /* rearm asks for no redraw */
    assert_int_equal(fired[1], 1);
    assert_true(timers_armed(&ts, b));
    assert_int_equal(timers_next(&ts, 250), 50);
    timers_arm(&ts, a, 260); /* moved earlier */
    assert_int_equal(timers_fire(&ts, 1000), 1);
    assert_int_equal(fired[0], 1);
    assert_int_equal(fired[1], 2);
    assert_false(timers_armed(&ts, a));
    timers_cancel(&ts, b);
    timers_cancel(&ts, -1);
    assert_int_equal(timers_next(&ts, 1000), -1);
    /* the list holds TIMERS_MAX (one more is a programming error: an assert) */
    for (i = ts.n; i < TIMERS_MAX; i++)
        assert_true(timers_add(&ts, tick, &fired[2]) >= 0);
    assert_int_equal(ts.n, TIMERS_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_err),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_suggest),
        cmocka_unit_test(test_timers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
