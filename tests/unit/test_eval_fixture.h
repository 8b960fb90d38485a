/* test_eval_fixture.h - a C copy of the default questionnaire (the real one
 * is scenes/questionnaire.lua, loaded through engine/lua/lua_eval.c) and a
 * synthetic data set of 360 answers that reproduces the seed's figures:
 * 92 % positive / 8 % neutral, 88 % learned something new, 94 % learned
 * what one can do, 39 % widened or new understanding of "stalking". */
#ifndef TEST_EVAL_FIXTURE_H
#define TEST_EVAL_FIXTURE_H

#include <stdlib.h>

#include "eval/eval.h"

static EvalQuestionnaire *fixture_questionnaire(void)
{
    Err e;
    EvalQuestionnaire *q = eval_q_new("default-v1", "Evaluering", "Evaluation", &e);
    int qi = 0;
    static const int pos[] = {4, 5}, neu[] = {3}, neg[] = {1, 2}, wid[] = {2, 3};
    if (!q)
        return NULL;
    qi = eval_q_add_question(q, "overall", EVAL_SINGLE, "Hvad syntes du om eventet?",
                             "What did you think of the event?", 1, &e);
    eval_q_add_option(q, qi, "Meget dårligt", "Very bad", &e);
    eval_q_add_option(q, qi, "Dårligt", "Bad", &e);
    eval_q_add_option(q, qi, "Hverken godt eller dårligt", "Neither good nor bad", &e);
    eval_q_add_option(q, qi, "Godt", "Good", &e);
    eval_q_add_option(q, qi, "Meget godt", "Very good", &e);
    eval_q_add_group(q, qi, "positive", "Positiv", "Positive", pos, 2, &e);
    eval_q_add_group(q, qi, "neutral", "Neutral", "Neutral", neu, 1, &e);
    eval_q_add_group(q, qi, "negative", "Negativ", "Negative", neg, 2, &e);
    eval_q_add_question(q, "learned_new", EVAL_YESNO, "Har du lært noget nyt?",
                        "Did you learn something new?", 0, &e);
    eval_q_add_question(q, "learned_action", EVAL_YESNO,
                        "Ved du nu mere om, hvad man kan gøre, hvis man selv eller nogen man "
                        "kender er udsat for stalking?",
                        "Do you now know more about what one can do if oneself or someone one "
                        "knows is exposed to stalking?",
                        0, &e);
    qi = eval_q_add_question(q, "word_stalking", EVAL_SINGLE,
                             "Hvad betyder ordet 'stalking' for dig nu?",
                             "What does the word 'stalking' mean to you now?", 0, &e);
    eval_q_add_option(q, qi, "Det vidste jeg allerede", "I already knew", &e);
    eval_q_add_option(q, qi, "Min forståelse er blevet udvidet", "My understanding widened", &e);
    eval_q_add_option(q, qi, "Det er helt ny viden for mig", "It is entirely new to me", &e);
    eval_q_add_group(q, qi, "widened_or_new", "Udvidet eller ny", "Widened or new", wid, 2, &e);
    eval_q_add_question(q, "know_help", EVAL_YESNO, "Jeg ved, hvor jeg kan få hjælp",
                        "I know where to get help", 0, &e);
    qi = eval_q_add_question(q, "topics", EVAL_MULTI, "Hvad talte I om bagefter?",
                             "What did you talk about afterwards?", 0, &e);
    eval_q_add_option(q, qi, "Faresignaler", "Warning signs", &e);
    eval_q_add_option(q, qi, "Hjælp", "Help", &e);
    eval_q_add_option(q, qi, "Andet", "Other", &e);
    qi = eval_q_add_question(q, "comment", EVAL_TEXT, "Kommentar", "Comment", 0, &e);
    eval_q_set_text_rules(q, qi, NULL, NULL, 300, &e);
    if (eval_q_finish(q, &e) < 0) {
        eval_q_free(q);
        return NULL;
    }
    return q;
}

/* Answer set i (0..359) of the synthetic seed data set. */
static void fixture_answers(EvalAnswers *a, int i)
{
    /* overall: 200 x 5, 131 x 4, 29 x 3 (331/360 = 92 %, 29/360 = 8 %) */
    eval_answers_set_choice(a, "overall", i < 200 ? 5 : i < 331 ? 4 : 3, NULL);
    /* 317 yes = 88 % */
    eval_answers_set_choice(a, "learned_new", i < 317 ? 1 : 2, NULL);
    /* 338 yes = 94 % (counted from the other end to mix the sets) */
    eval_answers_set_choice(a, "learned_action", (359 - i) < 338 ? 1 : 2, NULL);
    /* 220 knew, 120 widened, 20 new: 140/360 = 39 % */
    eval_answers_set_choice(a, "word_stalking", i % 18 < 11 ? 1 : i % 18 < 17 ? 2 : 3, NULL);
    eval_answers_set_choice(a, "know_help", i % 10 < 9 ? 1 : 2, NULL);
    if (i % 3 == 0)
        eval_answers_set_multi(a, "topics", (i % 2) ? 0x3u : 0x1u, NULL);
    if (i % 60 == 0)
        eval_answers_set_text(a, "comment", "Godt teater, mere af det", NULL);
}

#endif
