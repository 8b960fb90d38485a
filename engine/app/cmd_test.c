/* cmd_test.c - `spectactor test DIR...`: walks every path of a scenario.
 *
 * Loads the scenario as `play` does, explores it with story/story_explore.c
 * (every option of every choice, the conditions and effects run on the
 * variables actually reached) and prints, like `check`, one finding per line
 * as `path:line: error|warning: message`, then one line per ending with the
 * number of paths that reach it and a summary line.  Exit 1 when there is an
 * error: a condition or effect that fails, a path from which no ending can
 * be reached, an ending never reached.
 */
#include "app/commands.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "story/story_explore.h"
#include "story/story_strings.h"

#include <stdio.h>
#include <string.h>

/* Conditions run under tighter limits than in a show, so a slow one is
 * found quickly and the walk stays fast. */
#define TEST_TIME_MS 250
#define TEST_INSTRUCTIONS 25000000L

typedef struct Test {
    const Scenario *sc;
    int errors;
    int warnings;
} Test;

/* Length of a leading "path:line: " in msg, or 0. */
static size_t where_len(const char *msg)
{
    const char *p = msg;
    const char *colon = NULL;
    while ((colon = strchr(p, ':')) != NULL) {
        const char *d = colon + 1;
        int digits = 0;
        while (*d >= '0' && *d <= '9') {
            d++;
            digits++;
        }
        if (digits > 0 && d[0] == ':' && d[1] == ' ')
            return (size_t)(d + 2 - msg);
        p = colon + 1;
    }
    return 0;
}

static void emit(Test *t, StorySrc src, const char *script_msg, int is_error, const char *msg)
{
    char where[512];
    size_t at = script_msg ? where_len(script_msg) : 0;
    if (at > 2)
        printf("%.*s: %s: %s\n", (int)(at - 2), script_msg, is_error ? "error" : "warning", msg);
    else
        printf("%s: %s: %s\n", scenario_where(t->sc, src, where, sizeof where),
               is_error ? "error" : "warning", msg);
    if (is_error)
        t->errors++;
    else
        t->warnings++;
}

static void print_finding(Test *t, const StoryFinding *f)
{
    const StoryBeat *b = &t->sc->beats[f->beat];
    const StoryOption *o = f->option >= 0 ? &b->interaction.options[f->option] : NULL;
    char msg[ERR_MSG_MAX + STORY_EXPLORE_PATH_MAX + 200];
    const char *why = f->msg + where_len(f->msg);
    char after[STORY_EXPLORE_PATH_MAX + 20];
    if (f->path[0])
        snprintf(after, sizeof after, "after %s", f->path);
    else
        snprintf(after, sizeof after, "at the start");
    switch (f->kind) {
    case STORY_FIND_COND:
        snprintf(msg, sizeof msg, "beat '%s' option %d: the condition fails %s: %s", b->id,
                 f->option + 1, after, why);
        emit(t, o ? o->src : b->src, f->msg, 1, msg);
        break;
    case STORY_FIND_UNSTABLE:
        snprintf(msg, sizeof msg,
                 "beat '%s' option %d: the condition gives a different answer when asked twice "
                 "%s (conditions must not change anything)",
                 b->id, f->option + 1, after);
        emit(t, o ? o->src : b->src, f->msg, 1, msg);
        break;
    case STORY_FIND_EFFECT:
        snprintf(msg, sizeof msg, "beat '%s' option %d: choosing it fails %s: %s", b->id,
                 f->option + 1, after, why);
        emit(t, o ? o->src : b->src, f->msg, 1, msg);
        break;
    case STORY_FIND_STEP:
        snprintf(msg, sizeof msg, "beat '%s': moving on fails %s: %s", b->id, after, why);
        emit(t, b->src, f->msg, 1, msg);
        break;
    case STORY_FIND_NO_ENDING:
        snprintf(msg, sizeof msg, "%s (%s)", f->msg, after);
        emit(t, b->src, NULL, 1, msg);
        break;
    case STORY_FIND_SLOW:
        snprintf(msg, sizeof msg, "beat '%s' option %d: %s", b->id, f->option + 1, f->msg);
        emit(t, o ? o->src : b->src, NULL, 0, msg);
        break;
    }
}

/* Findings, unreached beats and options, endings and the summary. */
static void report(Test *t, const char *dir, const StoryExploreResult *r)
{
    const Scenario *sc = t->sc;
    int b = 0, i = 0, n_end = 0, ends_reached = 0, beats_missed = 0, opts_missed = 0;
    char msg[400];
    for (i = 0; i < r->n_findings; i++)
        print_finding(t, &r->findings[i]);
    if (r->findings_dropped > 0) {
        snprintf(msg, sizeof msg, "%d more problems like the ones above are not listed",
                 r->findings_dropped);
        emit(t, sc->src, NULL, 1, msg);
    }
    for (b = 0; b < sc->n_beats; b++) {
        const StoryBeat *bt = &sc->beats[b];
        if (r->beat_reached[b]) {
            for (i = 0; i < bt->interaction.n_options; i++) {
                const StoryOption *o = &bt->interaction.options[i];
                if (r->opt_offered[o->uid] == 0 || r->opt_available[o->uid] > 0 || r->opt_failed[o->uid])
                    continue;
                opts_missed++;
                if (r->opt_offered[o->uid] == 1)
                    snprintf(msg, sizeof msg,
                             "beat '%s' option %d is never available: its condition is false in the "
                             "one state that reaches it",
                             bt->id, i + 1);
                else
                    snprintf(msg, sizeof msg,
                             "beat '%s' option %d is never available: its condition is false in all %d "
                             "states that reach it",
                             bt->id, i + 1, r->opt_offered[o->uid]);
                if (o->once && !o->cond_ref)
                    snprintf(msg, sizeof msg, "beat '%s' option %d is never available", bt->id, i + 1);
                emit(t, o->src, NULL, 0, msg);
            }
            continue;
        }
        beats_missed++;
        if (bt->ending)
            snprintf(msg, sizeof msg, "ending '%s' is never reached on any path", bt->id);
        else
            snprintf(msg, sizeof msg, "beat '%s' is never reached (%d step%s, %d option%s never shown)",
                     bt->id, bt->n_steps, bt->n_steps == 1 ? "" : "s", bt->interaction.n_options,
                     bt->interaction.n_options == 1 ? "" : "s");
        emit(t, bt->src, NULL, bt->ending, msg);
    }
    if (r->truncated) {
        snprintf(msg, sizeof msg,
                 "the walk stopped at a limit (%d states or %d decisions in a row): the results "
                 "are partial",
                 STORY_EXPLORE_STATES, STORY_MAX_HISTORY - 1);
        emit(t, sc->src, NULL, 0, msg);
    }
    for (b = 0; b < sc->n_beats; b++) {
        if (!sc->beats[b].ending)
            continue;
        n_end++;
        if (r->beat_reached[b])
            ends_reached++;
        printf("ending '%s': %.0f path%s\n", sc->beats[b].id, r->ending_paths[b],
               r->ending_paths[b] == 1.0 ? "" : "s");
    }
    printf("%s: %d state%s, %.0f path%s, %d of %d ending%s reached, %d beat%s never reached, %d "
           "option%s never available; %d error%s, %d warning%s\n",
           dir, r->n_states, r->n_states == 1 ? "" : "s", r->paths, r->paths == 1.0 ? "" : "s",
           ends_reached, n_end, n_end == 1 ? "" : "s", beats_missed, beats_missed == 1 ? "" : "s",
           opts_missed, opts_missed == 1 ? "" : "s", t->errors, t->errors == 1 ? "" : "s", t->warnings,
           t->warnings == 1 ? "" : "s");
}

/* Tests one scenario folder; 1 when it has errors. */
static int test_dir(const char *dir)
{
    Err err;
    LuaHost *h = NULL;
    Scenario *sc = NULL;
    StoryExploreResult *r = NULL;
    Test t;
    int failed = 1;
    memset(&t, 0, sizeof t);
    err_clear(&err);
    h = lua_host_new(&err);
    if (!h) {
        fprintf(stderr, "spectactor test: %s\n", err.msg);
        return 1;
    }
    sc = lua_story_load(h, dir, &err);
    if (!sc) {
        size_t at = where_len(err.msg);
        if (at > 2)
            printf("%.*s: error: %s\n", (int)(at - 2), err.msg, err.msg + at);
        else
            printf("%s/scenario.lua: error: %s\n", dir, err.msg);
        goto done;
    }
    if (story_strings_apply_dir(sc, dir, NULL, NULL, &err) < 0)
        fprintf(stderr, "spectactor test: %s\n", err.msg);
    lua_host_set_limits(h, TEST_TIME_MS, TEST_INSTRUCTIONS);
    t.sc = sc;
    r = story_explore(sc, lua_story_hooks(h), NULL, &err);
    if (!r) {
        fprintf(stderr, "spectactor test: %s: %s\n", dir, err.msg);
        goto done;
    }
    report(&t, dir, r);
    failed = t.errors > 0;
done:
    story_explore_free(r);
    lua_story_release(h, sc);
    scenario_free(sc);
    lua_host_free(h);
    return failed;
}

/* Tests each DIR in turn; 1 when any has an error, 2 without a DIR. */
int cmd_test(int argc, char **argv)
{
    int i = 0, failed = 0;
    if (argc < 1 || argv[0][0] == '-') {
        fprintf(stderr, "usage: spectactor test DIR...\n");
        return 2;
    }
    for (i = 0; i < argc; i++)
        failed |= test_dir(argv[i]);
    return failed ? 1 : 0;
}
