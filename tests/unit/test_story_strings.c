/* test_story_strings.c - unit tests for text ids, PO and CSV catalogues and
 * applying translations (story_strings.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story/scenario.h"
#include "story/story_strings.h"

static Scenario *fixture(void)
{
    Scenario *sc = scenario_new();
    StoryBeat *b = scenario_alloc(sc, 2 * sizeof *b);
    StoryStep *st = scenario_alloc(sc, 2 * sizeof *st);
    Err err;
    err_clear(&err);
    scenario_add_file(sc, "s/scenario.lua");
    sc->langs[0] = "da";
    sc->langs[1] = "en";
    sc->n_langs = 2;
    sc->title.s[0] = "Titel";
    sc->title.s[1] = "Title";
    b[0].id = "one";
    b[0].next_id = "two";
    st[0].kind = STORY_STEP_NARRATION;
    st[0].text.s[0] = "Linje \"et\"\nmed tab\there";
    st[1].kind = STORY_STEP_NARRATION;
    st[1].text.s[0] = "To, tre";
    st[1].text.s[1] = "Two, three";
    b[0].steps = st;
    b[0].n_steps = 2;
    b[1].id = "two";
    b[1].ending = 1;
    b[1].ending_text.s[0] = "Slut";
    sc->beats = b;
    sc->n_beats = 2;
    assert_int_equal(scenario_link(sc, &err), 0);
    return sc;
}

static int collect(void *ud, const char *id, StoryText *t, StorySrc src)
{
    Buf *b = ud;
    (void)src;
    if (t->s[0])
        buf_printf(b, "%s;", id);
    return 0;
}

static void test_ids(void **state)
{
    Scenario *sc = fixture();
    Buf b = BUF_INIT;
    (void)state;
    story_strings_each(sc, collect, &b);
    assert_string_equal(buf_str(&b), "title;one.1;one.2;two.ending;");
    buf_free(&b);
    scenario_free(sc);
}

static void test_po_round_trip(void **state)
{
    Scenario *sc = fixture();
    StoryPo *po = story_strings_catalogue(sc, "en", NULL);
    StoryPo *back = NULL;
    Buf out = BUF_INIT, again = BUF_INIT;
    Err err;
    (void)state;
    err_clear(&err);
    assert_non_null(po);
    assert_int_equal(po->n, 4);
    assert_string_equal(po->e[1].id, "one.1");
    assert_string_equal(po->e[1].text, "");
    assert_string_equal(po->e[2].text, "Two, three");
    assert_int_equal(story_po_write(po, &out), 0);
    assert_non_null(strstr(buf_str(&out), "msgid \"Linje \\\"et\\\"\\nmed tab\\there\""));
    back = story_po_parse(buf_str(&out), out.len, "x.po", &err);
    assert_non_null(back);
    assert_string_equal(back->lang, "en");
    assert_string_equal(back->source_lang, "da");
    assert_int_equal(back->n, 4);
    assert_string_equal(back->e[1].source, "Linje \"et\"\nmed tab\there");
    assert_string_equal(back->e[1].where, "s/scenario.lua");
    assert_int_equal(story_po_write(back, &again), 0);
    assert_string_equal(buf_str(&out), buf_str(&again));
    assert_null(story_po_parse("msgid \"x\"\nbogus\n", 16, "bad.po", &err));
    assert_string_equal(err.msg, "bad.po:2: not a PO line (a msgid, msgstr, msgctxt, \"text\" or # comment)");
    story_po_free(po);
    story_po_free(back);
    buf_free(&out);
    buf_free(&again);
    scenario_free(sc);
}

static void report(void *ud, StorySrc src, int is_error, const char *msg)
{
    int *n = ud;
    (void)src;
    (void)is_error;
    (void)msg;
    (*n)++;
}

static void test_apply(void **state)
{
    Scenario *sc = fixture();
    StoryPo *po = story_po_new("en", "da");
    Err err;
    int warnings = 0;
    (void)state;
    err_clear(&err);
    story_po_add(po, "one.1", NULL, "Linje \"et\"\nmed tab\there", "Line one", NULL, 0);
    story_po_add(po, "one.2", NULL, "To, tre (old)", "Stale", NULL, 0);
    story_po_add(po, "two.ending", NULL, "Slut", "End (fuzzy)", NULL, 1);
    story_po_add(po, "gone.1", NULL, "x", "y", NULL, 0);
    assert_int_equal(story_strings_apply(sc, po, "t.po", report, &warnings, &err), 1);
    assert_int_equal(warnings, 3);
    assert_string_equal(sc->beats[0].steps[0].text.s[1], "Line one");
    assert_string_equal(sc->beats[0].steps[1].text.s[1], "Two, three");
    assert_null(sc->beats[1].ending_text.s[1]);
    story_po_free(po);
    /* a new language is added */
    po = story_po_new("de", "da");
    story_po_add(po, "title", NULL, "Titel", "Titel (de)", NULL, 0);
    assert_int_equal(story_strings_apply(sc, po, "t.po", NULL, NULL, &err), 1);
    assert_int_equal(sc->n_langs, 3);
    assert_string_equal(sc->langs[2], "de");
    assert_string_equal(sc->title.s[2], "Titel (de)");
    story_po_free(po);
    scenario_free(sc);
}

static void test_csv(void **state)
{
    const char *csv = "id,da,en,de\r\none.1,\"a, \"\"b\"\"\nc\",A,\r\ntwo.ending,Slut,End,Ende\r\n";
    StoryPo *pos[STORY_MAX_LANGS];
    StoryPo *const *cp = pos;
    int n = 0;
    Buf out = BUF_INIT;
    Err err;
    (void)state;
    err_clear(&err);
    assert_int_equal(story_csv_parse(csv, strlen(csv), "x.csv", pos, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_string_equal(pos[0]->lang, "en");
    assert_string_equal(pos[1]->lang, "de");
    assert_string_equal(pos[0]->e[0].source, "a, \"b\"\nc");
    assert_string_equal(pos[1]->e[1].text, "Ende");
    assert_int_equal(story_csv_write(cp, n, &out), 0);
    assert_string_equal(buf_str(&out), csv);
    buf_free(&out);
    story_po_free(pos[0]);
    story_po_free(pos[1]);
    assert_int_equal(story_csv_parse("id,da,en\r\nx,\"open\r\n", 18, "y.csv", pos, &n, &err), ERR_INVALID);
    assert_string_equal(err.msg, "y.csv:2: a quoted field is not closed");
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_po_round_trip),
        cmocka_unit_test(test_apply),
        cmocka_unit_test(test_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
