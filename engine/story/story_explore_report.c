/* story_explore_report.c - the findings of a walk over every path
 * (story_explore.c) as `spectactor test` prints them: one line per finding
 * as `path:line: error|warning: message`, then one line per ending with the
 * number of paths that reach it and a summary line. */
#include "story/story_explore.h"

#include <stdio.h>
#include <string.h>

typedef struct Test {
    const Scenario *sc;
    Buf *out;
    int errors;
    int warnings;
} Test;

static void emit(Test *t, StorySrc src, const char *script_msg, int is_error, const char *msg)
{
    char where[512];
    size_t at = script_msg ? scenario_where_len(script_msg) : 0;
    if (at > 2)
        buf_printf(t->out, "%.*s: %s: %s\n", (int)(at - 2), script_msg,
                   is_error ? "error" : "warning", msg);
    else
        buf_printf(t->out, "%s: %s: %s\n", scenario_where(t->sc, src, where, sizeof where),
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
    const char *why = f->msg + scenario_where_len(f->msg);
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

int story_explore_report(const Scenario *sc, const char *dir, const StoryExploreResult *r, Buf *out)
{
    Test tt;
    Test *t = &tt;
    int b = 0, i = 0, n_end = 0, ends_reached = 0, beats_missed = 0, opts_missed = 0;
    char msg[400];
    memset(t, 0, sizeof *t);
    t->sc = sc;
    t->out = out;
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
                if (r->opt_offered[o->uid] == 0 || r->opt_available[o->uid] > 0 ||
                    r->opt_failed[o->uid])
                    continue;
                opts_missed++;
                if (r->opt_offered[o->uid] == 1)
                    snprintf(
                        msg, sizeof msg,
                        "beat '%s' option %d is never available: its condition is false in the "
                        "one state that reaches it",
                        bt->id, i + 1);
                else
                    snprintf(
                        msg, sizeof msg,
                        "beat '%s' option %d is never available: its condition is false in all %d "
                        "states that reach it",
                        bt->id, i + 1, r->opt_offered[o->uid]);
                if (o->once && !o->cond_ref)
                    snprintf(msg, sizeof msg, "beat '%s' option %d is never available", bt->id,
                             i + 1);
                emit(t, o->src, NULL, 0, msg);
            }
            continue;
        }
        beats_missed++;
        if (bt->ending)
            snprintf(msg, sizeof msg, "ending '%s' is never reached on any path", bt->id);
        else
            snprintf(msg, sizeof msg,
                     "beat '%s' is never reached (%d step%s, %d option%s never shown)", bt->id,
                     bt->n_steps, bt->n_steps == 1 ? "" : "s", bt->interaction.n_options,
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
        buf_printf(t->out, "ending '%s': %.0f path%s\n", sc->beats[b].id, r->ending_paths[b],
                   r->ending_paths[b] == 1.0 ? "" : "s");
    }
    buf_printf(
        t->out,
        "%s: %d state%s, %.0f path%s, %d of %d ending%s reached, %d beat%s never reached, %d "
        "option%s never available; %d error%s, %d warning%s\n",
        dir, r->n_states, r->n_states == 1 ? "" : "s", r->paths, r->paths == 1.0 ? "" : "s",
        ends_reached, n_end, n_end == 1 ? "" : "s", beats_missed, beats_missed == 1 ? "" : "s",
        opts_missed, opts_missed == 1 ? "" : "s", t->errors, t->errors == 1 ? "" : "s", t->warnings,
        t->warnings == 1 ? "" : "s");
    return t->errors;
}
