/* fuzz_eval_qjson.c - libFuzzer target for the questionnaire JSON a report
 * reads from an evaluation database (eval_q_from_json in engine/eval/eval.c,
 * as eval_store_event_questionnaire calls it), with every report writer
 * behind it.
 *
 * The input is the JSON text up to the first NUL byte; the bytes after it
 * are answers for the tally, three at a time: question index, value (a
 * choice, a multi-choice mask or the length of a text taken from the rest),
 * reviewed flag.  A decoded questionnaire must survive the round trip
 * through eval_q_to_json, and the text, CSV and HTML reports in both
 * languages must be written without error; a violation aborts so the fuzzer
 * (and the replay) reports it. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "eval/eval.h"
#include "eval/eval_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

/* Adds answers driven by the bytes p[0..n) to t. */
static void add_answers(EvalTally *t, const EvalQuestionnaire *q, const uint8_t *p, size_t n)
{
    int nq = eval_q_count(q);
    char text[64];
    while (n >= 3 && nq > 0) {
        int qi = p[0] % nq;
        long long value = (long long)(int8_t)p[1];
        int reviewed = p[2] & 1;
        size_t tl = (size_t)(p[1] % sizeof text);
        p += 3;
        n -= 3;
        if (tl > n)
            tl = n;
        memcpy(text, p, tl);
        text[tl] = '\0';
        if (eval_q_kind(q, qi) == EVAL_TEXT) {
            p += tl;
            n -= tl;
        }
        if (p[-1] & 2)
            eval_tally_add_respondent(t);
        check(eval_tally_add(t, eval_q_question_id(q, qi), value, text, reviewed) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, '\0', size);
    size_t jlen = nul ? (size_t)(nul - data) : size;
    EvalQuestionnaire *q = NULL, *q2 = NULL;
    EvalTally *t = NULL;
    EvalTally *ts[1];
    EvalEventInfo ev;
    EvalReportMeta m;
    Buf out = BUF_INIT, cb = BUF_INIT;
    char *json = NULL;
    Err e;
    int lang = 0;
    err_clear(&e);
    q = eval_q_from_json((const char *)data, jlen, &e);
    if (!q) {
        check(memchr(e.msg, '\0', sizeof e.msg) != NULL);
        return 0;
    }
    /* what was read writes back and reads again */
    json = eval_q_to_json(q);
    check(json != NULL);
    q2 = eval_q_from_json(json, strlen(json), &e);
    check(q2 != NULL);
    eval_q_free(q2);
    free(json);
    t = eval_tally_new(q);
    check(t != NULL);
    if (nul)
        add_answers(t, q, nul + 1, size - jlen - 1);
    memset(&ev, 0, sizeof ev);
    memset(&m, 0, sizeof m);
    snprintf(ev.id, sizeof ev.id, "%s", "0123456789abcdef0123456789abcdef");
    snprintf(ev.day, sizeof ev.day, "%s", "2024-03-05");
    snprintf(ev.scenario, sizeof ev.scenario, "%s", "fuzz");
    m.events = &ev;
    m.nevents = 1;
    m.nfiles = 1;
    ts[0] = t;
    for (lang = 0; lang < 2; lang++) {
        EvalLang l = lang ? EVAL_LANG_EN : EVAL_LANG_DA;
        check(eval_report_text(t, &m, l, &out) == 0);
        buf_reset(&out);
        check(eval_report_html(ts, 1, &m, l, &out) == 0);
        buf_reset(&out);
    }
    check(eval_report_csv(t, &out, &cb, 1) == 0);
    buf_free(&out);
    buf_free(&cb);
    eval_tally_free(t);
    eval_q_free(q);
    return 0;
}
