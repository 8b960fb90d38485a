/* test_kiosk.c - the evaluation kiosk state machine: every question kind,
 * the required check, text limits (æøå, emoji, control characters), the
 * review/saving/thanks/failed pages, cancel and the idle reset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "show/kiosk.h"
#include "core/utf8.h"
#include "test_eval_fixture.h"

/* fixture_questionnaire(): 0 overall (single, 5 options, required),
 * 1 learned_new (yes/no), 2 learned_action (yes/no), 3 word_stalking
 * (single, 3), 4 know_help (yes/no), 5 topics (multi, 3), 6 comment (text, 300). */

static KioskView view(const Kiosk *k)
{
    KioskView v;
    kiosk_view(k, &v);
    return v;
}

static int page(const Kiosk *k) { return (int)view(k).page; }

/* A questionnaire with one text question of max_chars and nothing else. */
static EvalQuestionnaire *text_questionnaire(int max_chars)
{
    Err e;
    EvalQuestionnaire *q = eval_q_new("text-only", "Tekst", "Text", &e);
    int qi = 0;
    assert_non_null(q);
    qi = eval_q_add_question(q, "comment", EVAL_TEXT, "Kommentar", "Comment", 0, &e);
    assert_true(qi >= 0);
    assert_int_equal(eval_q_set_text_rules(q, qi, "Ingen navne her", "No names here", max_chars,
                                           &e), 0);
    assert_int_equal(eval_q_finish(q, &e), 0);
    return q;
}

/* Answers the required first question and walks to the review page. */
static void walk_to_review(Kiosk *k, unsigned long t)
{
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 4, t), 1);
    while (page(k) == KIOSK_PAGE_QUESTION)
        assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, t), 1);
    assert_int_equal(page(k), KIOSK_PAGE_REVIEW);
}

static void test_walk_every_kind(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    Kiosk *k = NULL;
    KioskView v;
    const EvalAnswers *a = NULL;
    Err e;
    (void)state;
    assert_non_null(q);
    k = kiosk_new(q, 0, &e);
    assert_non_null(k);
    kiosk_reset(k, 0);

    /* 0: single, required */
    v = view(k);
    assert_int_equal(v.page, KIOSK_PAGE_QUESTION);
    assert_int_equal(v.question, 0);
    assert_int_equal(v.n_questions, 7);
    assert_int_equal(v.kind, EVAL_SINGLE);
    assert_int_equal(v.n_options, 5);
    assert_string_equal(v.options[4], "Meget godt");
    assert_string_equal(v.title, "Evaluering");
    assert_true(v.required);
    assert_int_equal(v.highlight, -1);
    assert_int_equal(v.chosen, 0);
    assert_string_equal(v.error, "");
    assert_false(kiosk_wants_text(k));
    /* Next refused: stays, says why */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 10), 1);
    v = view(k);
    assert_int_equal(v.question, 0);
    assert_string_equal(v.error, "Vælg et svar");
    /* Back on the first question does nothing */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_BACK, 0, 10), 0);
    /* choose 4, then 5 replaces it */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 4, 20), 1);
    v = view(k);
    assert_int_equal(v.chosen, 1u << 3);
    assert_string_equal(v.error, "");
    assert_int_equal(v.highlight, 3);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 5, 30), 1);
    assert_int_equal(view(k).chosen, 1u << 4);
    /* digits beyond the options are ignored */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 6, 30), 0);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 0, 30), 0);
    assert_int_equal(view(k).chosen, 1u << 4);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 40), 1);

    /* 1: yes/no by click */
    v = view(k);
    assert_int_equal(v.question, 1);
    assert_int_equal(v.kind, EVAL_YESNO);
    assert_int_equal(v.n_options, 2);
    assert_string_equal(v.options[0], "Ja");
    assert_string_equal(v.options[1], "Nej");
    assert_false(v.required);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CLICK, 0, 50), 1);
    assert_int_equal(view(k).chosen, 1u);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CLICK, 2, 50), 0); /* no third option */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CLICK, -10, 60), 1); /* the Next button */

    /* 2: skipped (not required) */
    assert_int_equal(view(k).question, 2);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 70), 1);

    /* 3: single with the keyboard highlight */
    v = view(k);
    assert_int_equal(v.question, 3);
    assert_int_equal(v.highlight, -1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_SELECT, 0, 80), 0); /* nothing highlighted */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DOWN, 0, 80), 1);
    assert_int_equal(view(k).highlight, 0);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DOWN, 0, 80), 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DOWN, 0, 80), 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DOWN, 0, 80), 0); /* stays on the last */
    assert_int_equal(view(k).highlight, 2);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_UP, 0, 80), 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_SELECT, 0, 90), 1);
    assert_int_equal(view(k).chosen, 1u << 1);
    /* Back and forth keeps the answer and puts the highlight on it */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_BACK, 0, 95), 1);
    assert_int_equal(view(k).question, 2);
    assert_int_equal(view(k).highlight, -1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 96), 1);
    assert_int_equal(view(k).chosen, 1u << 1);
    assert_int_equal(view(k).highlight, 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 100), 1);

    /* 4: yes/no "no" */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 2, 110), 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 120), 1);

    /* 5: multi toggles */
    v = view(k);
    assert_int_equal(v.kind, EVAL_MULTI);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 1, 130), 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 3, 130), 1);
    assert_int_equal(view(k).chosen, 0x5u);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 1, 130), 1); /* off again */
    assert_int_equal(view(k).chosen, 0x4u);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CLICK, 1, 130), 1);
    assert_int_equal(view(k).chosen, 0x6u);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_UP, 0, 130), 1); /* highlight 1 -> 0 */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_SELECT, 0, 130), 1);
    assert_int_equal(view(k).chosen, 0x7u);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_SELECT, 0, 130), 1);
    assert_int_equal(view(k).chosen, 0x6u);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 140), 1);

    /* 6: text with the warning */
    v = view(k);
    assert_int_equal(v.kind, EVAL_TEXT);
    assert_string_equal(v.warning, "Skriv ingen navne");
    assert_int_equal(v.max_chars, 300);
    assert_int_equal(v.n_options, 0);
    assert_true(kiosk_wants_text(k));
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 1, 150), 0); /* digits are text here */
    assert_int_equal(kiosk_text(k, "Hej æøå", 150), 1);
    assert_string_equal(view(k).text, "Hej æøå");
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DELETE, 0, 150), 1);
    assert_string_equal(view(k).text, "Hej æø");
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 160), 1);
    assert_false(kiosk_wants_text(k));

    /* review: 6 of 7 answered; Back returns to the text, Next again */
    v = view(k);
    assert_int_equal(v.page, KIOSK_PAGE_REVIEW);
    assert_int_equal(v.answered, 6);
    assert_null(kiosk_submission(k));
    assert_int_equal(kiosk_key(k, KIOSK_KEY_BACK, 0, 170), 1);
    assert_int_equal(view(k).question, 6);
    assert_string_equal(view(k).text, "Hej æø");
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 180), 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 190), 1);

    /* saving: the answers by question id */
    assert_int_equal(page(k), KIOSK_PAGE_SAVING);
    a = kiosk_submission(k);
    assert_non_null(a);
    assert_ptr_equal(a->q, q);
    assert_int_equal(eval_answers_validate(a, &e), 0);
    assert_int_equal(eval_answers_count(a), 6);
    assert_int_equal(a->a[eval_q_find(q, "overall")].choice, 5);
    assert_int_equal(a->a[eval_q_find(q, "learned_new")].choice, 1);
    assert_int_equal(a->a[eval_q_find(q, "learned_action")].present, 0);
    assert_int_equal(a->a[eval_q_find(q, "word_stalking")].choice, 2);
    assert_int_equal(a->a[eval_q_find(q, "know_help")].choice, 2);
    assert_int_equal(a->a[eval_q_find(q, "topics")].mask, 0x6u);
    assert_string_equal(a->a[eval_q_find(q, "comment")].text, "Hej æø");
    /* nothing changes the submission while it is being committed */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CANCEL, 0, 200), 0);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_BACK, 0, 200), 0);
    assert_int_equal(kiosk_text(k, "x", 200), 0);
    assert_int_equal(kiosk_tick(k, 200 + 10 * KIOSK_IDLE_MS), 0);
    assert_int_equal(kiosk_next_timer(k, 200), -1);
    assert_ptr_equal(kiosk_submission(k), a);

    /* saved: thanks for KIOSK_THANKS_MS, then a fresh form */
    kiosk_saved(k, 1, NULL, 1000);
    assert_int_equal(page(k), KIOSK_PAGE_THANKS);
    assert_null(kiosk_submission(k));
    assert_int_equal(kiosk_next_timer(k, 1000), KIOSK_THANKS_MS);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 1100), 0); /* a double tap stays */
    assert_int_equal(kiosk_tick(k, 1000 + KIOSK_THANKS_MS - 1), 0);
    assert_int_equal(kiosk_tick(k, 1000 + KIOSK_THANKS_MS), 1);
    v = view(k);
    assert_int_equal(v.page, KIOSK_PAGE_QUESTION);
    assert_int_equal(v.question, 0);
    assert_int_equal(v.answered, 0);
    assert_int_equal(v.chosen, 0);
    assert_int_equal(kiosk_next_timer(k, 1000 + KIOSK_THANKS_MS), -1);

    kiosk_free(k);
    eval_q_free(q);
}

static void test_english(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    Kiosk *k = kiosk_new(q, 1, NULL);
    KioskView v;
    (void)state;
    assert_non_null(k);
    kiosk_reset(k, 0);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, 1);
    v = view(k);
    assert_true(v.en);
    assert_string_equal(v.title, "Evaluation");
    assert_string_equal(v.options[0], "Very bad");
    assert_string_equal(v.error, "Choose an answer");
    kiosk_free(k);
    eval_q_free(q);
}

static void test_failed_and_retry(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    Kiosk *k = kiosk_new(q, 0, NULL);
    const EvalAnswers *a = NULL;
    (void)state;
    kiosk_reset(k, 0);
    walk_to_review(k, 5);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 10), 1);
    assert_non_null(kiosk_submission(k));
    kiosk_saved(k, 0, "Disken er fuld", 20);
    assert_int_equal(page(k), KIOSK_PAGE_FAILED);
    assert_string_equal(view(k).error, "Disken er fuld");
    assert_null(kiosk_submission(k)); /* not SAVING: nothing to commit */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 1, 30), 0);
    /* Next retries the same answers */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 30), 1);
    assert_int_equal(page(k), KIOSK_PAGE_SAVING);
    a = kiosk_submission(k);
    assert_non_null(a);
    assert_int_equal(a->a[0].choice, 4);
    assert_int_equal(eval_answers_count(a), 1);
    /* a failure without a message gets the kiosk's own */
    kiosk_saved(k, 0, NULL, 40);
    assert_string_equal(view(k).error, "Svarene kunne ikke gemmes");
    /* Back: the review page, the answers still there */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CLICK, -11, 50), 1);
    assert_int_equal(page(k), KIOSK_PAGE_REVIEW);
    assert_int_equal(view(k).answered, 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CLICK, -10, 60), 1);
    assert_int_equal(page(k), KIOSK_PAGE_SAVING);
    assert_int_equal(kiosk_submission(k)->a[0].choice, 4);
    /* kiosk_saved outside SAVING is ignored */
    kiosk_saved(k, 1, NULL, 70);
    assert_int_equal(page(k), KIOSK_PAGE_THANKS);
    kiosk_saved(k, 0, "late", 80);
    assert_int_equal(page(k), KIOSK_PAGE_THANKS);
    assert_string_equal(view(k).error, "");
    kiosk_free(k);
    eval_q_free(q);
}

static void test_text_limits(void **state)
{
    EvalQuestionnaire *q = text_questionnaire(5);
    EvalQuestionnaire *big = text_questionnaire(1000);
    Kiosk *k = kiosk_new(q, 1, NULL);
    Kiosk *kb = kiosk_new(big, 0, NULL);
    const char *emoji = "\xF0\x9F\x98\x80"; /* U+1F600 */
    char buf[64];
    int i = 0;
    (void)state;
    assert_non_null(k);
    kiosk_reset(k, 0);
    assert_true(kiosk_wants_text(k));
    assert_string_equal(view(k).warning, "No names here");
    /* five code points, not five bytes */
    assert_int_equal(kiosk_text(k, "æøåÆØÅ", 1), 1);
    assert_string_equal(view(k).text, "æøåÆØ");
    assert_int_equal(kiosk_text(k, "a", 1), 0); /* full */
    /* Delete removes whole code points */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DELETE, 0, 2), 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DELETE, 0, 2), 1);
    assert_string_equal(view(k).text, "æøå");
    assert_int_equal(kiosk_text(k, emoji, 3), 1);
    snprintf(buf, sizeof buf, "æøå%s", emoji);
    assert_string_equal(view(k).text, buf);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DELETE, 0, 4), 1);
    assert_string_equal(view(k).text, "æøå");
    /* control characters (C0, DEL, C1) and invalid bytes are dropped */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CANCEL, 0, 5), 1);
    assert_string_equal(view(k).text, "");
    assert_int_equal(kiosk_text(k, "\x01" "a\tb\n\x7f" "\xC2\x85" "\xFF" "c\xC3", 6), 1);
    assert_string_equal(view(k).text, "abc");
    assert_int_equal(kiosk_text(k, "\x1b\r", 6), 0);
    snprintf(buf, sizeof buf, "%s%s%s", emoji, emoji, emoji);
    assert_int_equal(kiosk_text(k, buf, 7), 1);
    snprintf(buf, sizeof buf, "abc%s%s", emoji, emoji);
    assert_string_equal(view(k).text, buf);
    assert_int_equal((int)utf8_length(view(k).text), 5);
    /* deleting everything, and once more */
    for (i = 0; i < 5; i++)
        assert_int_equal(kiosk_key(k, KIOSK_KEY_DELETE, 0, 8), 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DELETE, 0, 8), 0);
    assert_string_equal(view(k).text, "");
    /* an empty text skips the question: the submission has no answer */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 9), 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, 9), 1);
    assert_non_null(kiosk_submission(k));
    assert_int_equal(eval_answers_count(kiosk_submission(k)), 0);

    /* 1000 emoji do not fit EVAL_MAX_TEXT bytes: the byte limit stops first,
     * and what was kept is still a valid answer */
    assert_non_null(kb);
    kiosk_reset(kb, 0);
    for (i = 0; i < 1000; i++)
        kiosk_text(kb, emoji, 1);
    assert_true(strlen(view(kb).text) < EVAL_MAX_TEXT);
    assert_int_equal((int)strlen(view(kb).text), (EVAL_MAX_TEXT - 1) / 4 * 4);
    assert_true(utf8_valid(view(kb).text, strlen(view(kb).text)));
    assert_int_equal(kiosk_key(kb, KIOSK_KEY_NEXT, 0, 2), 1);
    assert_int_equal(kiosk_key(kb, KIOSK_KEY_NEXT, 0, 2), 1);
    assert_non_null(kiosk_submission(kb));
    assert_int_equal(eval_answers_count(kiosk_submission(kb)), 1);

    kiosk_free(k);
    kiosk_free(kb);
    eval_q_free(q);
    eval_q_free(big);
}

static void test_cancel(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    Kiosk *k = kiosk_new(q, 0, NULL);
    (void)state;
    kiosk_reset(k, 0);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CANCEL, 0, 1), 0); /* already fresh */
    kiosk_key(k, KIOSK_KEY_DIGIT, 2, 1);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, 1);
    kiosk_key(k, KIOSK_KEY_DIGIT, 1, 1);
    assert_int_equal(view(k).answered, 2);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CANCEL, 0, 2), 1);
    assert_int_equal(view(k).question, 0);
    assert_int_equal(view(k).answered, 0);
    assert_int_equal(view(k).chosen, 0);
    /* from the review page */
    walk_to_review(k, 3);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CANCEL, 0, 4), 1);
    assert_int_equal(page(k), KIOSK_PAGE_QUESTION);
    assert_int_equal(view(k).answered, 0);
    /* from the failed page */
    walk_to_review(k, 5);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, 5);
    kiosk_saved(k, 0, "locked", 6);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CANCEL, 0, 7), 1);
    assert_int_equal(page(k), KIOSK_PAGE_QUESTION);
    assert_int_equal(view(k).answered, 0);
    assert_string_equal(view(k).error, "");
    assert_null(kiosk_submission(k));
    kiosk_free(k);
    eval_q_free(q);
}

static void test_idle_reset(void **state)
{
    EvalQuestionnaire *q = fixture_questionnaire();
    Kiosk *k = kiosk_new(q, 0, NULL);
    const EvalAnswers *a = NULL;
    unsigned long t = 5000;
    (void)state;
    kiosk_reset(k, t);
    /* a fresh form has no timer and never "resets" */
    assert_int_equal(kiosk_next_timer(k, t), -1);
    assert_int_equal(kiosk_tick(k, t + 10 * KIOSK_IDLE_MS), 0);
    /* the idle time counts from the last input */
    kiosk_key(k, KIOSK_KEY_DIGIT, 3, t);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, t + 1000);
    assert_int_equal(kiosk_next_timer(k, t + 1000), KIOSK_IDLE_MS);
    assert_int_equal(kiosk_next_timer(k, t + 31000), KIOSK_IDLE_MS - 30000);
    kiosk_key(k, KIOSK_KEY_DOWN, 0, t + 31000); /* any input counts */
    assert_int_equal(kiosk_tick(k, t + 31000 + KIOSK_IDLE_MS - 1), 0);
    assert_int_equal(view(k).question, 1);
    assert_int_equal(kiosk_tick(k, t + 31000 + KIOSK_IDLE_MS), 1);
    assert_int_equal(view(k).question, 0);
    assert_int_equal(view(k).answered, 0);
    assert_int_equal(view(k).highlight, -1);
    assert_int_equal(kiosk_next_timer(k, t + 31000 + KIOSK_IDLE_MS), -1);

    /* a refused Next (an error shown) on the first question also times out */
    t = 200000;
    kiosk_key(k, KIOSK_KEY_NEXT, 0, t);
    assert_int_equal(kiosk_next_timer(k, t), KIOSK_IDLE_MS);
    assert_int_equal(kiosk_tick(k, t + KIOSK_IDLE_MS), 1);
    assert_string_equal(view(k).error, "");

    /* from the text question: the typed text is gone */
    t = 300000;
    kiosk_key(k, KIOSK_KEY_DIGIT, 1, t);
    while (!kiosk_wants_text(k))
        kiosk_key(k, KIOSK_KEY_NEXT, 0, t);
    kiosk_text(k, "hemmelig", t);
    assert_int_equal(kiosk_tick(k, t + KIOSK_IDLE_MS), 1);
    assert_false(kiosk_wants_text(k));
    while (!kiosk_wants_text(k) && page(k) == KIOSK_PAGE_QUESTION) {
        if (view(k).question == 0)
            kiosk_key(k, KIOSK_KEY_DIGIT, 1, t + KIOSK_IDLE_MS);
        kiosk_key(k, KIOSK_KEY_NEXT, 0, t + KIOSK_IDLE_MS);
    }
    assert_string_equal(view(k).text, "");

    /* from the review page */
    t = 400000;
    kiosk_reset(k, t);
    walk_to_review(k, t);
    assert_int_equal(kiosk_tick(k, t + KIOSK_IDLE_MS), 1);
    assert_int_equal(page(k), KIOSK_PAGE_QUESTION);

    /* never while saving; from the failed page, counted from the failure */
    t = 500000;
    walk_to_review(k, t);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, t);
    assert_int_equal(kiosk_tick(k, t + 2 * KIOSK_IDLE_MS), 0);
    assert_int_equal(page(k), KIOSK_PAGE_SAVING);
    kiosk_saved(k, 0, "locked", t + 2 * KIOSK_IDLE_MS);
    assert_int_equal(kiosk_tick(k, t + 2 * KIOSK_IDLE_MS + 1), 0);
    assert_int_equal(kiosk_next_timer(k, t + 2 * KIOSK_IDLE_MS), KIOSK_IDLE_MS);
    assert_int_equal(kiosk_tick(k, t + 3 * KIOSK_IDLE_MS), 1);
    assert_int_equal(page(k), KIOSK_PAGE_QUESTION);
    assert_null(kiosk_submission(k));

    /* partial answers are discarded: the next submission holds only the new form */
    t = 900000;
    kiosk_key(k, KIOSK_KEY_DIGIT, 1, t);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, t);
    kiosk_key(k, KIOSK_KEY_DIGIT, 1, t); /* learned_new = yes */
    kiosk_key(k, KIOSK_KEY_NEXT, 0, t);
    kiosk_key(k, KIOSK_KEY_DIGIT, 2, t); /* learned_action = no */
    assert_int_equal(kiosk_tick(k, t + KIOSK_IDLE_MS), 1);
    t += KIOSK_IDLE_MS;
    kiosk_key(k, KIOSK_KEY_DIGIT, 5, t);
    while (page(k) == KIOSK_PAGE_QUESTION)
        kiosk_key(k, KIOSK_KEY_NEXT, 0, t);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, t);
    a = kiosk_submission(k);
    assert_non_null(a);
    assert_int_equal(eval_answers_count(a), 1);
    assert_int_equal(a->a[0].choice, 5);
    assert_int_equal(a->a[1].present, 0);
    assert_int_equal(a->a[2].present, 0);

    kiosk_free(k);
    eval_q_free(q);
}

static void test_ten_options_and_edges(void **state)
{
    Err e;
    EvalQuestionnaire *q = eval_q_new("ten", "Ti", "Ten", &e);
    Kiosk *k = NULL;
    char da[8], en[8];
    int qi = 0, i = 0;
    (void)state;
    assert_non_null(q);
    qi = eval_q_add_question(q, "scale", EVAL_SINGLE, "Skala", "Scale", 1, &e);
    for (i = 1; i <= 10; i++) {
        snprintf(da, sizeof da, "%d", i);
        snprintf(en, sizeof en, "%d", i);
        assert_int_equal(eval_q_add_option(q, qi, da, en, &e), i);
    }
    qi = eval_q_add_question(q, "many", EVAL_MULTI, "Flere", "Several", 1, &e);
    for (i = 1; i <= 10; i++) {
        snprintf(da, sizeof da, "m%d", i);
        assert_int_equal(eval_q_add_option(q, qi, da, da, &e), i);
    }
    assert_int_equal(eval_q_finish(q, &e), 0);
    assert_null(kiosk_new(NULL, 0, &e));
    assert_int_equal(e.code, ERR_INVALID);
    kiosk_free(NULL);
    kiosk_reset(NULL, 0);
    assert_int_equal(kiosk_key(NULL, KIOSK_KEY_NEXT, 0, 0), 0);
    assert_null(kiosk_submission(NULL));

    k = kiosk_new(q, 0, &e);
    assert_non_null(k);
    kiosk_reset(k, 0);
    /* 0 is the tenth option */
    assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, 0, 1), 1);
    assert_int_equal(view(k).chosen, 1u << 9);
    /* Up from no highlight goes to the last option */
    kiosk_key(k, KIOSK_KEY_CANCEL, 0, 1);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_UP, 0, 1), 1);
    assert_int_equal(view(k).highlight, 9);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CLICK, 10, 1), 0);
    assert_int_equal(kiosk_key(k, KIOSK_KEY_CLICK, -2, 1), 0);
    kiosk_key(k, KIOSK_KEY_CLICK, 9, 1);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, 1);
    /* a required multi question: Next refused until one is chosen, and
     * refused again when it is toggled off */
    kiosk_key(k, KIOSK_KEY_NEXT, 0, 2);
    assert_string_equal(view(k).error, "Vælg et svar");
    kiosk_key(k, KIOSK_KEY_DIGIT, 0, 2);
    kiosk_key(k, KIOSK_KEY_DIGIT, 0, 2);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, 2);
    assert_int_equal(view(k).question, 1);
    kiosk_key(k, KIOSK_KEY_DIGIT, 1, 2);
    kiosk_key(k, KIOSK_KEY_DIGIT, 0, 2);
    assert_int_equal(view(k).chosen, (1u << 9) | 1u);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, 2);
    assert_int_equal(page(k), KIOSK_PAGE_REVIEW);
    assert_int_equal(view(k).answered, 2);
    kiosk_key(k, KIOSK_KEY_NEXT, 0, 3);
    assert_int_equal(kiosk_submission(k)->a[0].choice, 10);
    assert_int_equal(kiosk_submission(k)->a[1].mask, (1u << 9) | 1u);
    kiosk_free(k);
    eval_q_free(q);
}

/* The kiosk gives the same answer sets as the phones for the seed data set. */
static void test_matches_fixture(void **state)
{
    static const int which[] = {0, 1, 3, 60, 199, 331, 359};
    EvalQuestionnaire *q = fixture_questionnaire();
    Kiosk *k = kiosk_new(q, 0, NULL);
    size_t w = 0;
    (void)state;
    for (w = 0; w < sizeof which / sizeof which[0]; w++) {
        EvalAnswers *want = eval_answers_new(q);
        const EvalAnswers *got = NULL;
        int qi = 0, o = 0;
        unsigned long t = 1000 * (unsigned long)w;
        assert_non_null(want);
        fixture_answers(want, which[w]);
        kiosk_reset(k, t);
        for (qi = 0; qi < eval_q_count(q); qi++) {
            const EvalAnswer *x = &want->a[qi];
            assert_int_equal(view(k).question, qi);
            if (x->present && eval_q_kind(q, qi) == EVAL_MULTI) {
                for (o = 0; o < 10; o++)
                    if (x->mask & (1u << o))
                        assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, o + 1, t), 1);
            } else if (x->present && eval_q_kind(q, qi) == EVAL_TEXT) {
                assert_int_equal(kiosk_text(k, x->text, t), 1);
            } else if (x->present) {
                assert_int_equal(kiosk_key(k, KIOSK_KEY_DIGIT, x->choice, t), 1);
            }
            assert_int_equal(kiosk_key(k, KIOSK_KEY_NEXT, 0, t), 1);
        }
        assert_int_equal(view(k).answered, eval_answers_count(want));
        kiosk_key(k, KIOSK_KEY_NEXT, 0, t);
        got = kiosk_submission(k);
        assert_non_null(got);
        for (qi = 0; qi < eval_q_count(q); qi++) {
            assert_int_equal(got->a[qi].present, want->a[qi].present);
            assert_int_equal(got->a[qi].choice, want->a[qi].choice);
            assert_int_equal(got->a[qi].mask, want->a[qi].mask);
            if (want->a[qi].text)
                assert_string_equal(got->a[qi].text, want->a[qi].text);
            else
                assert_null(got->a[qi].text);
        }
        kiosk_saved(k, 1, NULL, t);
        eval_answers_free(want);
    }
    kiosk_free(k);
    eval_q_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_every_kind),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_failed_and_retry),
        cmocka_unit_test(test_text_limits),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_idle_reset),
        cmocka_unit_test(test_ten_options_and_edges),
        cmocka_unit_test(test_matches_fixture),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
