/* cmd_enter.c - `spectactor enter`: the facilitator types in paper forms
 * one by one on the terminal.  Reads stdin (so it is scriptable and
 * testable): one prompt per question, a blank line skips, "q" stops.  Each
 * form is durably committed before the next one starts; a form that cannot
 * be stored is retried on Enter and never stored twice. */
#include "app/commands.h"
#include "app/paths.h"

#include "core/err.h"
#include "eval/eval.h"
#include "eval/eval_store.h"
#include "lua/lua_eval.h"
#include "lua/lua_host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define ENTER_LINE_MAX (EVAL_MAX_TEXT + 16)

static void usage(FILE *f)
{
    fputs("usage: spectactor enter [--db FILE] --event ID|LABEL\n"
          "       spectactor enter [--db FILE] --scenario ID [--label L] "
          "[--questionnaire FILE.lua] [--lang da|en]\n"
          "  Type in paper forms: a number per question, Enter to skip, q to stop.\n",
          f);
}

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

/* Asks every question of q into a.  Returns 1 for a complete form, 0 when
 * the user typed q or input ended (the partial form is discarded). */
static int ask_form(const EvalQuestionnaire *q, EvalAnswers *a, EvalLang lang, FILE *in)
{
    char line[ENTER_LINE_MAX];
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

static EvalQuestionnaire *load_questionnaire(const char *path, Err *err)
{
    LuaHost *h = lua_host_new(err);
    EvalQuestionnaire *q = NULL;
    if (!h)
        return NULL;
    q = lua_eval_load(h, path, err);
    lua_host_free(h);
    return q;
}

int cmd_enter(int argc, char **argv)
{
    const char *db = NULL, *event = NULL, *scenario = NULL, *label = NULL, *qpath = NULL;
    char qbuf[1024], ev[EVAL_EVENT_ID_LEN + 1];
    EvalLang lang = EVAL_LANG_DA;
    EvalStore *s = NULL;
    EvalQuestionnaire *q = NULL;
    EvalAnswers *a = NULL;
    EvalEventInfo info;
    Err e;
    int i = 0, rc = 0, saved = 0;
    err_clear(&e);
    for (i = 0; i < argc; i += 2) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (!v) {
            usage(stderr);
            return 2;
        }
        if (strcmp(argv[i], "--db") == 0)
            db = v;
        else if (strcmp(argv[i], "--event") == 0)
            event = v;
        else if (strcmp(argv[i], "--scenario") == 0)
            scenario = v;
        else if (strcmp(argv[i], "--label") == 0)
            label = v;
        else if (strcmp(argv[i], "--questionnaire") == 0)
            qpath = v;
        else if (strcmp(argv[i], "--lang") == 0 && (!strcmp(v, "da") || !strcmp(v, "en")))
            lang = strcmp(v, "en") == 0 ? EVAL_LANG_EN : EVAL_LANG_DA;
        else {
            usage(stderr);
            return 2;
        }
    }
    if ((event && scenario) || (!event && !scenario)) {
        usage(stderr);
        return 2;
    }
    s = eval_store_open(db, &e);
    if (!s)
        goto fail;
    if (event) {
        if (eval_store_find_event(s, event, &info, &e) < 0)
            goto fail;
        snprintf(ev, sizeof ev, "%s", info.id);
        if (!(q = eval_store_event_questionnaire(s, ev, &e)))
            goto fail;
    } else {
        if (!qpath) {
            snprintf(qbuf, sizeof qbuf, "%s/scenes/questionnaire.lua", app_data_dir());
            qpath = qbuf;
        }
        if (!(q = load_questionnaire(qpath, &e)))
            goto fail;
        if (eval_store_begin_event(s, q, scenario, label, ev, &e) < 0)
            goto fail;
        printf("Nyt event / new event: %s\n", ev);
    }
    if (!(a = eval_answers_new(q))) {
        err_set(&e, ERR_NOMEM, "out of memory");
        goto fail;
    }
    printf("%s - %s\nTal = svar, Enter = spring over, q = stop / number = answer, Enter = "
           "skip, q = stop\n",
           eval_q_title(q, lang), ev);
    for (;;) {
        printf("\n=== Skema / form %d ===\n", saved + 1);
        if (!ask_form(q, a, lang, stdin))
            break;
        if (eval_answers_count(a) == 0) {
            printf("Tomt skema, ikke gemt / empty form, not saved\n");
            continue;
        }
        /* the form is committed durably or not at all (nothing is kept in the
         * store's memory), so retrying it can never store it twice */
        while ((rc = eval_store_submit_now(s, ev, a, &e)) < 0) {
            char line[16];
            if (rc != ERR_IO)
                goto fail;
            fprintf(stderr, "IKKE GEMT / NOT SAVED: %s\n", e.msg);
            printf("Enter = prøv igen / retry\n");
            fflush(stdout);
            if (!fgets(line, sizeof line, stdin)) {
                err_set(&e, ERR_IO, "form %d was NOT saved: input ended before it could be stored",
                        saved + 1);
                goto fail;
            }
        }
        saved++;
        printf("Gemt / saved (%d)\n", saved);
    }
    printf("\n%d skemaer gemt / forms saved\n", saved);
    eval_answers_free(a);
    eval_q_free(q);
    eval_store_close(s);
    return 0;
fail:
    fprintf(stderr, "spectactor enter: %s\n", e.msg);
    eval_answers_free(a);
    eval_q_free(q);
    eval_store_close(s);
    return 1;
}
