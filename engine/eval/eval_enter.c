/* eval_enter.c - one paper form typed in at a terminal (`spectactor
 * enter`): each question of the questionnaire is asked on stdout and
 * answered by a line read from a stream (see eval_enter.h). */
#include "eval/eval_enter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EVAL_ENTER_LINE_MAX (EVAL_MAX_TEXT + 16)

/* Reads one line without its line break.  0 at end of input, -1 for a line
 * too long, else 1. */
static int read_line(FILE *in, char *buf, size_t cap)
{
    size_t n = 0;
    if (!fgets(buf, (int)cap, in))
        return 0;
    n = strlen(buf);
    if (n == cap - 1 && buf[n - 1] != '\n') {
        int c = 0;
        while ((c = fgetc(in)) != EOF && c != '\n')
            ;
        return -1;
    }
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    return 1;
}

/* Parses "1 3 4" / "1,3" into a mask; 0 on a bad token. */
static uint32_t parse_mask(const char *s)
{
    uint32_t mask = 0;
    while (*s) {
        char *end = NULL;
        long v = 0;
        if (*s == ' ' || *s == ',') {
            s++;
            continue;
        }
        v = strtol(s, &end, 10);
        if (end == s || v < 1 || v > EVAL_MAX_OPTIONS)
            return 0;
        mask |= 1u << (v - 1);
        s = end;
    }
    return mask;
}

int eval_enter_form(const EvalQuestionnaire *q, EvalAnswers *a, EvalLang lang, FILE *in)
{
    char line[EVAL_ENTER_LINE_MAX];
    int qi = 0, k = 0;
    eval_answers_clear(a);
    for (qi = 0; qi < eval_q_count(q); qi++) {
        const char *qid = eval_q_question_id(q, qi);
        EvalKind kind = eval_q_kind(q, qi);
        for (;;) {
            Err e;
            int got = 0, rc = 0;
            err_clear(&e);
            printf("\n%d. %s%s\n", qi + 1, eval_q_text(q, qi, lang),
                   eval_q_required(q, qi) ? " *" : "");
            if (kind == EVAL_TEXT)
                printf("   (%s)\n", eval_q_warning(q, qi, lang));
            for (k = 1; k <= eval_q_option_count(q, qi); k++)
                printf("   %d) %s\n", k, eval_q_option(q, qi, k, lang));
            printf(kind == EVAL_MULTI ? "> (fx/e.g. 1 3) " : "> ");
            fflush(stdout);
            got = read_line(in, line, sizeof line);
            if (got == 0)
                return 0;
            if (got < 0) {
                printf("For lang linje / line too long\n");
                continue;
            }
            if (strcmp(line, "q") == 0 || strcmp(line, "Q") == 0)
                return 0;
            if (line[0] == '\0') {
                if (eval_q_required(q, qi)) {
                    printf("Skal besvares / must be answered\n");
                    continue;
                }
                break; /* skipped */
            }
            if (kind == EVAL_TEXT) {
                rc = eval_answers_set_text(a, qid, line, &e);
            } else if (kind == EVAL_MULTI) {
                uint32_t m = parse_mask(line);
                rc = m ? eval_answers_set_multi(a, qid, m, &e)
                       : err_set(&e, ERR_INVALID, "%s", "numbers 1..n");
            } else {
                char *end = NULL;
                long v = strtol(line, &end, 10);
                rc = (*end || end == line) ? err_set(&e, ERR_INVALID, "%s", "a number")
                                           : eval_answers_set_choice(a, qid, (int)v, &e);
            }
            if (rc < 0) {
                printf("Ugyldigt svar / invalid answer: %s\n", e.msg);
                continue;
            }
            break;
        }
    }
    return 1;
}
