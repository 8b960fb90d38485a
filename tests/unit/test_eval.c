/* test_eval.c - unit tests for the pure part of the eval module:
 * questionnaire model, answer validation, the phone's JSON, aggregation,
 * small-group suppression and the report writers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "eval/eval.h"
#include "eval/eval_report.h"
#include "unit/test_eval_fixture.h"

static void test_model(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire(), *q2 = NULL;
    Err e;
    char *json = NULL, *json2 = NULL;
    int qi = 0;
    (void)state;
    assert_non_null(q);
    assert_string_equal(eval_q_id(q), "default-v1");
    assert_int_equal(eval_q_count(q), 7);
    qi = eval_q_find(q, "overall");
    assert_int_equal(qi, 0);
    assert_int_equal(eval_q_option_count(q, qi), 5);
    assert_string_equal(eval_q_option(q, qi, 5, EVAL_LANG_EN), "Very good");
    assert_int_equal(eval_q_group_mask(q, qi, 0), 0x18);
    qi = eval_q_find(q, "learned_new");
    assert_int_equal(eval_q_kind(q, qi), EVAL_YESNO);
    assert_string_equal(eval_q_option(q, qi, 1, EVAL_LANG_DA), "Ja");
    assert_string_equal(eval_q_option(q, qi, 2, EVAL_LANG_EN), "No");
    qi = eval_q_find(q, "comment");
    assert_string_equal(eval_q_warning(q, qi, EVAL_LANG_DA), "Skriv ingen navne");
    assert_string_equal(eval_q_warning(q, qi, EVAL_LANG_EN), "Write no names");
    assert_int_equal(eval_q_max_chars(q, qi), 300);
    assert_int_equal(eval_q_find(q, "nope"), -1);
    /* finished: no more changes */
    assert_int_equal(eval_q_add_question(q, "x", EVAL_YESNO, "x", "x", 0, &e), ERR_STATE);
    /* JSON round trip */
    json = eval_q_to_json(q);
    assert_non_null(json);
    q2 = eval_q_from_json(json, strlen(json), &e);
    assert_non_null(q2);
    json2 = eval_q_to_json(q2);
    assert_string_equal(json, json2);
    free(json);
    free(json2);
    eval_q_free(q2);
    eval_q_free(q);
    eval_q_free(NULL);
}

/* Databases written before the one encoder hold the older shape ("text",
 * "max_length", options as {"da","en"} or strings): they must still load. */
static void test_json_older_shape(void **state)
{
    static const char old[] =
        "{\"id\":\"old-v1\",\"title\":{\"da\":\"Evaluering\",\"en\":\"Evaluation\"},"
        "\"intro\":{\"da\":\"Hej\",\"en\":\"Hi\"},\"questions\":["
        "{\"id\":\"overall\",\"kind\":\"single\",\"required\":true,"
        "\"text\":{\"da\":\"Samlet\",\"en\":\"Overall\"},\"options\":["
        "{\"da\":\"Dårlig\",\"en\":\"Bad\"},{\"da\":\"OK\",\"en\":\"OK\"},\"God\"],"
        "\"groups\":[{\"id\":\"positive\",\"label\":{\"da\":\"Positiv\",\"en\":\"Positive\"},"
        "\"options\":[3]}]},"
        "{\"id\":\"learned\",\"kind\":\"yesno\",\"required\":false,"
        "\"text\":{\"da\":\"Lærte du noget?\",\"en\":\"Did you learn?\"}},"
        "{\"id\":\"comment\",\"kind\":\"text\",\"required\":false,"
        "\"text\":{\"da\":\"Kommentar\",\"en\":\"Comment\"},"
        "\"warning\":{\"da\":\"Ingen navne\",\"en\":\"No names\"},\"max_length\":200}]}";
    Err e;
    EvalQuestionnaire *q = NULL, *q2 = NULL;
    char *json = NULL, *json2 = NULL;
    EvalKind k = EVAL_TEXT;
    (void)state;
    err_clear(&e);
    q = eval_q_from_json(old, strlen(old), &e);
    assert_non_null(q);
    assert_string_equal(eval_q_intro(q, EVAL_LANG_EN), "Hi");
    assert_string_equal(eval_q_text(q, 0, EVAL_LANG_EN), "Overall");
    assert_int_equal(eval_q_option_count(q, 0), 3);
    assert_string_equal(eval_q_option(q, 0, 1, EVAL_LANG_DA), "Dårlig");
    assert_string_equal(eval_q_option(q, 0, 3, EVAL_LANG_EN), "God");
    assert_int_equal(eval_q_group_mask(q, 0, 0), 0x4);
    assert_int_equal(eval_q_kind(q, 1), EVAL_YESNO);
    assert_string_equal(eval_q_warning(q, 2, EVAL_LANG_DA), "Ingen navne");
    assert_int_equal(eval_q_max_chars(q, 2), 200);
    /* the one encoder writes the phones' shape and reads it back */
    json = eval_q_to_json(q);
    assert_non_null(json);
    assert_non_null(strstr(json, "\"prompt\":{\"da\":\"Samlet\",\"en\":\"Overall\"}"));
    assert_non_null(strstr(json, "{\"value\":3,\"text\":{\"da\":\"God\",\"en\":\"God\"}}"));
    assert_non_null(strstr(json, "\"max\":200"));
    q2 = eval_q_from_json(json, strlen(json), &e);
    assert_non_null(q2);
    json2 = eval_q_to_json(q2);
    assert_string_equal(json, json2);
    /* the one table of kind names */
    assert_string_equal(eval_kind_name(EVAL_MULTI), "multi");
    assert_string_equal(eval_kind_name((EvalKind)99), "");
    assert_int_equal(eval_kind_parse("yesno", &k), 0);
    assert_int_equal(k, EVAL_YESNO);
    assert_int_equal(eval_kind_parse("scale", &k), -1);
    assert_int_equal(eval_kind_parse(NULL, &k), -1);
    assert_int_equal(k, EVAL_YESNO);
    free(json);
    free(json2);
    eval_q_free(q2);
    eval_q_free(q);
}

static void test_model_errors(void **state)
{
    Err e;
    EvalQuestionnaire *q = NULL;
    int qi = 0;
    const int bad[] = {7};
    (void)state;
    assert_null(eval_q_new("bad id!", "a", "b", &e));
    assert_non_null(strstr(e.msg, "bad id!"));
    q = eval_q_new("q1", "T", NULL, &e);
    assert_non_null(q);
    assert_string_equal(eval_q_title(q, EVAL_LANG_EN), "T"); /* falls back */
    assert_int_equal(eval_q_finish(q, &e), ERR_INVALID);      /* no questions */
    qi = eval_q_add_question(q, "a", EVAL_SINGLE, "A", "A", 1, &e);
    assert_int_equal(qi, 0);
    assert_int_equal(eval_q_add_question(q, "a", EVAL_YESNO, "A", "A", 1, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "twice"));
    assert_int_equal(eval_q_add_option(q, qi, "x", "x", &e), 1);
    assert_int_equal(eval_q_finish(q, &e), ERR_INVALID); /* one option only */
    assert_non_null(strstr(e.msg, "'a'"));
    assert_int_equal(eval_q_add_option(q, qi, "y", "y", &e), 2);
    assert_int_equal(eval_q_add_group(q, qi, "g", "G", "G", bad, 1, &e), 0);
    assert_int_equal(eval_q_finish(q, &e), ERR_INVALID); /* group names option 7 */
    assert_int_equal(eval_q_add_question(q, "t", EVAL_TEXT, "\xC3", "x", 0, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "UTF-8"));
    eval_q_free(q);
}

static void test_validation(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    EvalAnswers *a = eval_answers_new(q), *c = NULL;
    Err e;
    char longtext[400];
    (void)state;
    assert_int_equal(eval_answers_validate(a, &e), ERR_INVALID); /* required missing */
    assert_non_null(strstr(e.msg, "'overall' must be answered"));
    assert_int_equal(eval_answers_set_choice(a, "overall", 6, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "out of range 1..5"));
    assert_int_equal(eval_answers_set_choice(a, "overall", 0, &e), ERR_INVALID);
    assert_int_equal(eval_answers_set_choice(a, "nope", 1, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "unknown question 'nope'"));
    assert_int_equal(eval_answers_set_choice(a, "comment", 1, &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "text question"));
    assert_int_equal(eval_answers_set_multi(a, "topics", 0x8, &e), ERR_INVALID);
    assert_int_equal(eval_answers_set_text(a, "comment", "bad \xFF utf8", &e), ERR_INVALID);
    assert_non_null(strstr(e.msg, "UTF-8"));
    memset(longtext, 'x', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    assert_int_equal(eval_answers_set_text(a, "comment", longtext, &e), ERR_LIMIT);
    assert_non_null(strstr(e.msg, "too long"));
    /* 300 characters of two bytes each are fine (characters, not bytes) */
    {
        char dk[601];
        int i = 0;
        for (i = 0; i < 300; i++)
            memcpy(dk + 2 * i, "\xC3\xA6", 2);
        dk[600] = '\0';
        assert_int_equal(eval_answers_set_text(a, "comment", dk, &e), 0);
    }
    assert_int_equal(eval_answers_set_choice(a, "overall", 4, &e), 0);
    assert_int_equal(eval_answers_set_choice(a, "learned_new", 2, &e), 0);
    assert_int_equal(eval_answers_set_multi(a, "topics", 0x5, &e), 0);
    assert_int_equal(eval_answers_validate(a, &e), 0);
    assert_int_equal(eval_answers_count(a), 4);
    c = eval_answers_copy(a);
    assert_non_null(c);
    assert_int_equal(eval_answers_count(c), 4);
    assert_int_equal(eval_answers_skip(a, "comment", &e), 0);
    assert_int_equal(eval_answers_count(a), 3);
    assert_int_equal(eval_answers_set_text(c, "comment", "", &e), 0); /* empty = skipped */
    assert_int_equal(eval_answers_count(c), 3);
    eval_answers_clear(a);
    assert_int_equal(eval_answers_count(a), 0);
    eval_answers_free(c);
    eval_answers_free(a);
    eval_answers_free(NULL);
    eval_q_free(q);
}

static void test_json(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    EvalAnswers *a = NULL;
    Err e;
    char code[EVAL_MAX_CODE], sid[EVAL_MAX_SID];
    const char *ok = "{\"r\":\"K7QX\",\"sid\":\"a1b2c3d4\",\"answers\":{\"overall\":5,"
                     "\"learned_new\":true,\"word_stalking\":2,\"topics\":[1,3],"
                     "\"comment\":\"fint\",\"know_help\":null}}";
    struct {
        const char *json;
        const char *msg;
    } bad[] = {
        {"[1]", "not a JSON object"},
        {"{\"answers\":{\"overall\":5}}", "\"sid\" is missing"},
        {"{\"sid\":\"x\"}", "\"answers\" must be an object"},
        {"{\"sid\":\"x y\",\"answers\":{}}", "\"sid\" must be"},
        {"{\"sid\":\"x\",\"answers\":{\"overall\":9}}", "out of range"},
        {"{\"sid\":\"x\",\"answers\":{\"overall\":2.5}}", "out of range"},
        {"{\"sid\":\"x\",\"answers\":{\"overall\":3,\"zzz\":1}}", "unknown question 'zzz'"},
        {"{\"sid\":\"x\",\"answers\":{\"learned_new\":1}}", "'overall' must be answered"},
        {"{\"sid\":\"x\",\"answers\":{\"overall\":true}}", "unexpected value"},
        {"{\"sid\":\"x\",\"answers\":{\"overall\":3,\"topics\":[1,\"a\"]}}", "out of range"},
        {"{\"sid\":\"x\",\"answers\":{\"overall\":3,\"comment\":\"\xff\"}}", "UTF-8"},
        {"{\"sid\":", "not a JSON object"},
    };
    size_t i = 0;
    char *big = NULL;
    (void)state;
    assert_int_equal(eval_answers_from_json(q, ok, strlen(ok), &a, code, sid, &e), 0);
    assert_string_equal(code, "K7QX");
    assert_string_equal(sid, "a1b2c3d4");
    assert_int_equal(a->a[0].choice, 5);
    assert_int_equal(a->a[1].choice, 1);
    assert_int_equal(a->a[eval_q_find(q, "topics")].mask, 0x5u);
    assert_string_equal(a->a[eval_q_find(q, "comment")].text, "fint");
    assert_false(a->a[eval_q_find(q, "know_help")].present);
    eval_answers_free(a);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        a = (EvalAnswers *)1;
        err_clear(&e);
        assert_true(eval_answers_from_json(q, bad[i].json, strlen(bad[i].json), &a, code, sid,
                                           &e) < 0);
        assert_null(a);
        if (!strstr(e.msg, bad[i].msg))
            fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, bad[i].msg);
    }
    big = malloc(EVAL_MAX_JSON + 2);
    assert_non_null(big);
    memset(big, ' ', EVAL_MAX_JSON + 1);
    big[EVAL_MAX_JSON + 1] = '\0';
    assert_int_equal(eval_answers_from_json(q, big, strlen(big), &a, code, sid, &e), ERR_LIMIT);
    free(big);
    eval_q_free(q);
}

static EvalTally *seed_tally(EvalQuestionnaire *q)
{
    EvalTally *t = eval_tally_new(q);
    EvalAnswers *a = eval_answers_new(q);
    int i = 0;
    for (i = 0; i < 360; i++) {
        eval_answers_clear(a);
        fixture_answers(a, i);
        assert_int_equal(eval_answers_validate(a, NULL), 0);
        assert_int_equal(eval_tally_add_answers(t, a), 0);
    }
    eval_answers_free(a);
    return t;
}

static const EvalCell *group_cell(const EvalRow *r, int gi)
{
    int k = 0;
    for (k = 0; k < r->ncells; k++)
        if (r->cells[k].is_group && r->cells[k].index == gi)
            return &r->cells[k];
    return NULL;
}

static void test_seed_figures(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    EvalTally *t = seed_tally(q);
    EvalRow r;
    Err e;
    (void)state;
    assert_int_equal(eval_tally_respondents(t), 360);
    assert_int_equal(eval_tally_row(t, eval_q_find(q, "overall"), &r, &e), 0);
    assert_int_equal(r.n, 360);
    assert_int_equal(r.n_state, EVAL_CELL_SHOWN);
    assert_int_equal(group_cell(&r, 0)->percent, 92); /* positive */
    assert_int_equal(group_cell(&r, 0)->state, EVAL_CELL_SHOWN);
    assert_int_equal(group_cell(&r, 1)->percent, 8); /* neutral */
    assert_int_equal(group_cell(&r, 1)->state, EVAL_CELL_SHOWN);
    assert_int_equal(group_cell(&r, 2)->state, EVAL_CELL_SMALL); /* negative: 0 */
    assert_int_equal(r.cells[0].state, EVAL_CELL_SMALL);
    assert_int_equal(r.cells[4].count, 200);
    assert_int_equal(r.cells[4].state, EVAL_CELL_SHOWN);
    eval_tally_row(t, eval_q_find(q, "learned_new"), &r, &e);
    assert_int_equal(r.cells[0].percent, 88);
    assert_int_equal(r.cells[0].state, EVAL_CELL_SHOWN);
    eval_tally_row(t, eval_q_find(q, "learned_action"), &r, &e);
    assert_int_equal(r.cells[0].percent, 94);
    eval_tally_row(t, eval_q_find(q, "word_stalking"), &r, &e);
    assert_int_equal(group_cell(&r, 0)->percent, 39);
    assert_int_equal(group_cell(&r, 0)->count, 140);
    eval_tally_row(t, eval_q_find(q, "topics"), &r, &e);
    assert_int_equal(r.n, 120);
    assert_int_equal(eval_tally_row(t, eval_q_find(q, "comment"), &r, &e), ERR_INVALID);
    assert_int_equal(eval_tally_text_count(t, eval_q_find(q, "comment")), 6);
    eval_tally_free(t);
    eval_q_free(q);
}

/* Feeds counts[k] answers of option k+1 to question qid. */
static void feed(EvalTally *t, const char *qid, const int *counts, int nopt)
{
    int k = 0, i = 0;
    for (k = 0; k < nopt; k++)
        for (i = 0; i < counts[k]; i++)
            assert_int_equal(eval_tally_add(t, qid, k + 1, NULL, 0), 0);
}

static void test_suppression(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    EvalTally *t = NULL;
    EvalRow r;
    char s[64];
    int k = 0;
    (void)state;
    /* n < 5: the whole question, n included */
    t = eval_tally_new(q);
    {
        const int c[] = {0, 0, 0, 1, 3};
        feed(t, "overall", c, 5);
    }
    eval_tally_row(t, 0, &r, NULL);
    assert_int_equal(r.n_state, EVAL_CELL_SMALL);
    for (k = 0; k < r.ncells; k++)
        assert_int_equal(r.cells[k].state, EVAL_CELL_SMALL);
    eval_tally_free(t);

    /* yes/no with 3 "no": yes would give no away by subtraction */
    t = eval_tally_new(q);
    {
        const int c[] = {40, 3};
        feed(t, "learned_new", c, 2);
    }
    eval_tally_row(t, eval_q_find(q, "learned_new"), &r, NULL);
    assert_int_equal(r.n, 43);
    assert_int_equal(r.cells[1].state, EVAL_CELL_SMALL);
    assert_int_equal(r.cells[0].state, EVAL_CELL_HIDDEN);
    assert_string_equal(eval_cell_format(&r.cells[1], s, sizeof s), "<5");
    assert_string_equal(eval_cell_format(&r.cells[0], s, sizeof s), "-");
    eval_tally_free(t);

    /* one small option in a plain scale: the next smallest is hidden too */
    t = eval_tally_new(q);
    {
        const int c[] = {12, 2, 30};
        feed(t, "word_stalking", c, 3);
    }
    eval_tally_row(t, eval_q_find(q, "word_stalking"), &r, NULL);
    assert_int_equal(r.cells[1].state, EVAL_CELL_SMALL);  /* 2 */
    assert_int_equal(r.cells[0].state, EVAL_CELL_HIDDEN); /* 12: next smallest */
    /* group {2,3} = 32 and option 3 = 30 would give option 2 = 2 away:
     * exactly one of them is hidden as well */
    assert_int_equal((r.cells[2].state == EVAL_CELL_HIDDEN) +
                         (group_cell(&r, 0)->state == EVAL_CELL_HIDDEN),
                     1);
    eval_tally_free(t);

    /* subtraction through a report group: negative(1+2) = 13, option 2 = 10 */
    t = eval_tally_new(q);
    {
        const int c[] = {3, 10, 12, 20, 30};
        feed(t, "overall", c, 5);
    }
    eval_tally_row(t, 0, &r, NULL);
    assert_int_equal(r.cells[0].state, EVAL_CELL_SMALL);
    assert_true(r.cells[1].state != EVAL_CELL_SHOWN || group_cell(&r, 2)->state != EVAL_CELL_SHOWN);
    assert_int_equal(group_cell(&r, 0)->state, EVAL_CELL_SHOWN); /* positive 50 */
    assert_int_equal(group_cell(&r, 0)->percent, 67);
    eval_tally_free(t);

    /* two small cells whose sum (1+2 = 3) would be derivable */
    t = eval_tally_new(q);
    {
        const int c[] = {1, 2, 20, 20, 30};
        feed(t, "overall", c, 5);
    }
    eval_tally_row(t, 0, &r, NULL);
    assert_int_equal(group_cell(&r, 2)->state, EVAL_CELL_SMALL); /* negative = 3 */
    /* neutral (20) or an option of 3..5 must be hidden so 1+2 is not n - rest */
    {
        int hidden = 0;
        for (k = 2; k < 5; k++)
            hidden += r.cells[k].state == EVAL_CELL_HIDDEN;
        assert_true(hidden >= 1);
        assert_true(group_cell(&r, 0)->state != EVAL_CELL_SHOWN ||
                    group_cell(&r, 1)->state != EVAL_CELL_SHOWN);
    }
    eval_tally_free(t);

    /* no small cell: nothing hidden */
    t = eval_tally_new(q);
    {
        const int c[] = {5, 6, 7, 8, 9};
        feed(t, "overall", c, 5);
    }
    eval_tally_row(t, 0, &r, NULL);
    for (k = 0; k < r.ncells; k++)
        assert_int_equal(r.cells[k].state, EVAL_CELL_SHOWN);
    eval_tally_free(t);

    /* multi: an option chosen by all but 2 is hidden; one chosen by 3 is <5 */
    t = eval_tally_new(q);
    for (k = 0; k < 20; k++)
        eval_tally_add(t, "topics", k < 18 ? (k < 3 ? 0x7 : 0x3) : 0x2, NULL, 0);
    eval_tally_row(t, eval_q_find(q, "topics"), &r, NULL);
    assert_int_equal(r.n, 20);
    assert_int_equal(r.cells[0].count, 18);
    assert_int_equal(r.cells[0].state, EVAL_CELL_HIDDEN);
    assert_int_equal(r.cells[1].count, 20);
    assert_int_equal(r.cells[1].state, EVAL_CELL_SHOWN);
    assert_int_equal(r.cells[2].state, EVAL_CELL_SMALL);
    /* unknown questions and values are counted apart, not merged */
    eval_tally_add(t, "gone", 1, NULL, 0);
    eval_tally_add(t, "overall", 9, NULL, 0);
    assert_int_equal(eval_tally_skipped(t), 2);
    eval_tally_free(t);
    eval_q_free(q);
}

/* Brute force: for every way of choosing counts that agrees with the
 * published cells, no combination of options of 1..4 answers may have the
 * same value in all of them.  Small counts keep the search cheap. */
static void test_suppression_bruteforce(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    unsigned seed = 12345;
    int round = 0;
    (void)state;
    for (round = 0; round < 300; round++) {
        EvalTally *t = eval_tally_new(q);
        EvalRow r;
        int c[3] = {0, 0, 0}, k = 0, x = 0, y = 0, z = 0;
        int seen_val[8], seen_var[8];
        for (k = 0; k < 3; k++) {
            seed = seed * 1103515245u + 12345u;
            c[k] = (int)((seed >> 16) % 16);
        }
        feed(t, "word_stalking", c, 3);
        eval_tally_row(t, eval_q_find(q, "word_stalking"), &r, NULL);
        for (k = 0; k < 8; k++) {
            seen_val[k] = -1;
            seen_var[k] = 0;
        }
        if (r.n_state == EVAL_CELL_SMALL) {
            eval_tally_free(t);
            continue;
        }
        for (x = 0; x <= r.n; x++)
            for (y = 0; x + y <= r.n; y++) {
                int v[3];
                unsigned s = 0;
                z = r.n - x - y;
                v[0] = x;
                v[1] = y;
                v[2] = z;
                /* consistent with every published cell? */
                for (k = 0; k < r.ncells; k++) {
                    const EvalCell *cl = &r.cells[k];
                    int val = cl->is_group ? v[1] + v[2] : v[cl->index - 1];
                    if (cl->state == EVAL_CELL_SHOWN && val != cl->count)
                        break;
                    if (cl->state == EVAL_CELL_SMALL && val >= EVAL_MIN_CELL)
                        break;
                }
                if (k < r.ncells)
                    continue;
                for (s = 1; s < 7; s++) {
                    int sum = (s & 1 ? v[0] : 0) + (s & 2 ? v[1] : 0) + (s & 4 ? v[2] : 0);
                    if (seen_val[s] < 0)
                        seen_val[s] = sum;
                    else if (seen_val[s] != sum)
                        seen_var[s] = 1;
                }
            }
        for (k = 1; k < 7; k++) {
            int truth = (k & 1 ? c[0] : 0) + (k & 2 ? c[1] : 0) + (k & 4 ? c[2] : 0);
            if (!seen_var[k] && truth >= 1 && truth < EVAL_MIN_CELL)
                fail_msg("counts %d %d %d: subset %d = %d can be worked out", c[0], c[1], c[2],
                         k, truth);
        }
        eval_tally_free(t);
    }
    eval_q_free(q);
}

static void test_writers(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    EvalTally *t = seed_tally(q);
    Buf text = BUF_INIT, csv = BUF_INIT, cb = BUF_INIT, html = BUF_INIT;
    EvalEventInfo ev;
    EvalReportMeta m;
    EvalTally *ts[1];
    (void)state;
    memset(&ev, 0, sizeof ev);
    memset(&m, 0, sizeof m);
    snprintf(ev.id, sizeof ev.id, "%s", "0123456789abcdef0123456789abcdef");
    snprintf(ev.day, sizeof ev.day, "%s", "2024-03-05");
    snprintf(ev.scenario, sizeof ev.scenario, "%s", "sofie");
    snprintf(ev.label, sizeof ev.label, "%s", "8.B <Rosenvæng>");
    ev.respondents = 360;
    m.events = &ev;
    m.nevents = 1;
    m.nfiles = 1;
    /* one reviewed text, one awaiting review */
    eval_tally_add(t, "comment", 0, "Tak \"for\" det, <b>", 1);
    eval_tally_add(t, "comment", 0, "PENDING SECRET", 0);

    assert_int_equal(eval_report_text(t, &m, EVAL_LANG_EN, &text), 0);
    assert_non_null(strstr(text.data, "n = 360"));
    assert_non_null(strstr(text.data, "331 (92 %)"));
    assert_non_null(strstr(text.data, "29 (8 %)"));
    assert_non_null(strstr(text.data, "317 (88 %)"));
    assert_non_null(strstr(text.data, "338 (94 %)"));
    assert_non_null(strstr(text.data, "140 (39 %)"));
    assert_non_null(strstr(text.data, "<5"));
    assert_non_null(strstr(text.data, "Tak \"for\" det"));
    assert_null(strstr(text.data, "PENDING SECRET"));
    assert_null(strstr(text.data, "Godt teater")); /* never reviewed */

    assert_int_equal(eval_report_csv(t, &csv, &cb, 1), 0);
    assert_int_equal(strncmp(csv.data, "questionnaire,question,kind,cell_type,cell,n,count,"
                                       "percent,status,text\r\n", 68), 0);
    assert_non_null(strstr(csv.data, "default-v1,overall,single,group,positive,360,331,92,shown,\r\n"));
    assert_non_null(strstr(csv.data, "default-v1,overall,single,group,negative,360,,,lt5,\r\n"));
    assert_non_null(strstr(csv.data, "default-v1,learned_new,yesno,option,1,360,317,88,shown,\r\n"));
    assert_non_null(strstr(csv.data, "default-v1,comment,text,text,,,,,reviewed,\"Tak \"\"for\"\" det, <b>\"\r\n"));
    assert_null(strstr(csv.data, "PENDING"));
    assert_non_null(strstr(cb.data, "default-v1,overall,option,,5,Meget godt,Very good\r\n"));
    assert_non_null(strstr(cb.data, "default-v1,overall,group,4+5,positive,Positiv,Positive\r\n"));
    assert_non_null(strstr(cb.data, "default-v1,learned_new,yesno,0,,"));

    ts[0] = t;
    assert_int_equal(eval_report_html(ts, 1, &m, EVAL_LANG_DA, &html), 0);
    assert_int_equal(strncmp(html.data, "<!DOCTYPE html>", 15), 0);
    assert_non_null(strstr(html.data, "<svg"));
    assert_non_null(strstr(html.data, "331 (92 %)"));
    assert_non_null(strstr(html.data, "&lt;5"));
    assert_non_null(strstr(html.data, "8.B &lt;Rosenvæng&gt;"));
    assert_non_null(strstr(html.data, "&lt;b&gt;"));
    assert_null(strstr(html.data, "<b>"));
    assert_null(strstr(html.data, "PENDING"));
    /* self-contained: no external resources, no scripts */
    assert_null(strstr(html.data, "http:"));
    assert_null(strstr(html.data, "https:"));
    assert_null(strstr(html.data, "src="));
    assert_null(strstr(html.data, "<script"));
    assert_null(strstr(html.data, "<link"));
    assert_non_null(strstr(html.data, "</html>"));
    buf_free(&text);
    buf_free(&csv);
    buf_free(&cb);
    buf_free(&html);
    eval_tally_free(t);
    eval_q_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model),
        cmocka_unit_test(test_json_older_shape),
        cmocka_unit_test(test_model_errors),
        cmocka_unit_test(test_validation),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_seed_figures),
        cmocka_unit_test(test_suppression),
        cmocka_unit_test(test_suppression_bruteforce),
        cmocka_unit_test(test_writers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
