/* cmd_enter.c - `spectactor enter`: the facilitator types in paper forms
 * one by one on the terminal.  Reads stdin (so it is scriptable and
 * testable): one prompt per question, a blank line skips, "q" stops.  Each
 * form is durably committed before the next one starts; a form that cannot
 * be stored is retried on Enter and never stored twice. */
#include "app/commands.h"
#include "app/paths.h"

#include "core/err.h"
#include "eval/eval.h"
#include "eval/eval_enter.h"
#include "eval/eval_store.h"
#include "lua/lua_eval.h"
#include "lua/lua_host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fputs("usage: spectactor enter [--db FILE] --event ID|LABEL\n"
          "       spectactor enter [--db FILE] --scenario ID [--label L] "
          "[--questionnaire FILE.lua] [--lang da|en]\n"
          "  Type in paper forms: a number per question, Enter to skip, q to stop.\n",
          f);
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
        if (!eval_enter_form(q, a, lang, stdin))
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
