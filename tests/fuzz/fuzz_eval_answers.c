/* fuzz_eval_answers.c - libFuzzer target for the evaluation answer decoder
 * (eval_answers_from_json in engine/eval/eval.c), the one decoder of phone
 * input outside engine/net.  Against a questionnaire of every question kind,
 * a decoded answer set must validate and respect its limits; a violation
 * aborts so the fuzzer (and the replay) reports it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "eval/eval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

static EvalQuestionnaire *questionnaire(void)
{
    static EvalQuestionnaire *q;
    Err e;
    int qi = 0, i = 0;
    static const int top2[] = {4, 5};
    if (q)
        return q;
    q = eval_q_new("fuzz", "Fuzz", "Fuzz", &e);
    check(q != NULL);
    qi = eval_q_add_question(q, "overall", EVAL_SINGLE, "Samlet", "Overall", 1, &e);
    for (i = 0; i < 5; i++)
        check(eval_q_add_option(q, qi, "x", "x", &e) == i + 1);
    check(eval_q_add_group(q, qi, "positive", "Positiv", "Positive", top2, 2, &e) >= 0);
    check(eval_q_add_question(q, "learned", EVAL_YESNO, "Lært", "Learned", 0, &e) >= 0);
    qi = eval_q_add_question(q, "topics", EVAL_MULTI, "Emner", "Topics", 0, &e);
    for (i = 0; i < 10; i++)
        check(eval_q_add_option(q, qi, "t", "t", &e) == i + 1);
    qi = eval_q_add_question(q, "comment", EVAL_TEXT, "Kommentar", "Comment", 0, &e);
    check(eval_q_set_text_rules(q, qi, NULL, NULL, 40, &e) == 0);
    check(eval_q_finish(q, &e) == 0);
    return q;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    EvalQuestionnaire *q = questionnaire();
    EvalAnswers *a = NULL;
    char code[EVAL_MAX_CODE];
    char sid[EVAL_MAX_SID];
    Err e;
    int rc = 0, i = 0;
    memset(code, 'x', sizeof code);
    memset(sid, 'x', sizeof sid);
    rc = eval_answers_from_json(q, (const char *)data, size, &a, code, sid, &e);
    if (rc < 0) {
        check(a == NULL);
        check(memchr(e.msg, '\0', sizeof e.msg) != NULL);
        return 0;
    }
    check(a != NULL);
    check(memchr(code, '\0', sizeof code) != NULL);
    check(memchr(sid, '\0', sizeof sid) != NULL && sid[0] != '\0');
    check(eval_answers_validate(a, &e) == 0);
    for (i = 0; i < eval_q_count(q); i++) {
        const EvalAnswer *an = &a->a[i];
        if (!an->present)
            continue;
        switch (eval_q_kind(q, i)) {
        case EVAL_SINGLE: check(an->choice >= 1 && an->choice <= eval_q_option_count(q, i)); break;
        case EVAL_YESNO: check(an->choice == 1 || an->choice == 2); break;
        case EVAL_MULTI: check(an->mask != 0 && (an->mask >> eval_q_option_count(q, i)) == 0); break;
        case EVAL_TEXT:
            check(an->text != NULL && utf8_valid(an->text, strlen(an->text)));
            check(utf8_length(an->text) <= 40);
            break;
        }
    }
    eval_answers_free(a);
    return 0;
}
