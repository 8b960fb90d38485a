/* lua_story_check.c - `spectactor check`'s pass over the scenario's
 * conditions (see lua_story.h): each one read for undeclared names and run
 * once, twice to see that it is stable, under the sandbox's limits. */
#include "lua/lua_story.h"

#include "compat/compat.h"
#include "lua/lua_host.h"

#include <stdio.h>
#include <string.h>

typedef struct Chk {
    const Scenario *sc;
    int errors; /* given to at_script */
} Chk;

static double now_ms(void)
{
    return compat_clock_ms_precise();
}

/* See lua_story.h.  Reads every option's condition and effect for undeclared variables and
 * unknown beats, then runs every option condition once with the scenario's initial variables,
 * under the sandbox limits, so a condition that fails, loops or uses a
 * runaway pattern shows up before the event rather than in front of the
 * class.  Limit breaches are errors; other failures (often a variable read
 * before it is set) are warnings, since later state may avoid them.  A
 * condition that takes longer than slow_ms is a warning too: the
 * projector waits for the conditions of every key. */
int lua_story_check_conditions(LuaHost *h, const Scenario *sc, double slow_ms, ValidateReport fn,
                               LuaStoryReport at_script, void *ud)
{
    Chk cc, *c = &cc;
    const StoryHooks *hooks = lua_story_hooks(h);
    Err err;
    StoryRun *run = NULL;
    int b = 0, i = 0;
    cc.sc = sc;
    cc.errors = 0;
    err_clear(&err);
    run = story_run_new(c->sc, hooks, &err);
    if (!run || !hooks || !hooks->cond)
        goto done;
    for (b = 0; b < c->sc->n_beats; b++) {
        const StoryInteraction *in = &c->sc->beats[b].interaction;
        for (i = 0; i < in->n_options; i++) {
            const StoryOption *o = &in->options[i];
            int ok = 0;
            int named = 0;
            double t0 = 0.0, took = 0.0;
            char msg[ERR_MSG_MAX + 100];
            snprintf(msg, sizeof msg, "beat '%s' option %d", c->sc->beats[b].id, i + 1);
            named = lua_story_scan_option(h, c->sc, o, msg, at_script, ud);
            c->errors += named;
            if (!o->cond_ref)
                continue;
            err_clear(&err);
            t0 = now_ms();
            if (hooks->cond(hooks->ud, o->cond_ref, run, &ok, &err) == 0) {
                /* the show evaluates a condition again in every new state: a
                 * second call must give the same answer */
                int ok2 = 0;
                int stable = 1;
                double took2 = 0.0;
                took = now_ms() - t0;
                if (took <= 20 * slow_ms) { /* else asking again only doubles the wait */
                    err_clear(&err);
                    t0 = now_ms();
                    stable = hooks->cond(hooks->ud, o->cond_ref, run, &ok2, &err) == 0 && ok2 == ok;
                    took2 = now_ms() - t0;
                    took =
                        took2 < took ? took2 : took; /* the faster: a busy machine is no finding */
                }
                if (stable) {
                    if (took > slow_ms) {
                        snprintf(
                            msg, sizeof msg,
                            "beat '%s': the condition of option %d takes %.0f ms; keep conditions "
                            "fast (the projector waits for them)",
                            c->sc->beats[b].id, i + 1, took);
                        fn(ud, o->src, 0, msg);
                    }
                    continue;
                }
                if (!err.msg[0])
                    snprintf(err.msg, sizeof err.msg,
                             "it gives a different answer when asked twice "
                             "(conditions must not change anything or use a counter)");
            }
            {
                /* limits, undeclared variables, unknown beats and conditions
                 * that are not true/false are wrong on every state; other
                 * failures may depend on the variables reached */
                int undeclared = strstr(err.msg, "is not declared in scenario") ||
                                 strstr(err.msg, "visits: unknown beat");
                int always = undeclared || strstr(err.msg, "not true or false");
                int limit = always || strstr(err.msg, "too long") ||
                            strstr(err.msg, "not enough memory") ||
                            strstr(err.msg, "pattern too complex");
                size_t at = scenario_where_len(err.msg);
                if (undeclared && named > 0)
                    continue; /* reading the function's text found it already */
                if (always)
                    snprintf(msg, sizeof msg, "beat '%s' option %d: %s", c->sc->beats[b].id, i + 1,
                             err.msg + at);
                else
                    snprintf(msg, sizeof msg,
                             "beat '%s': the condition of option %d fails with the initial "
                             "variables: %s",
                             c->sc->beats[b].id, i + 1, err.msg + at);
                if (at > 2) { /* the script's own path:line is the most precise place */
                    char full[ERR_MSG_MAX + 300];
                    snprintf(full, sizeof full, "%.*s%s", (int)at, err.msg, msg);
                    at_script(ud, limit, full);
                    c->errors += limit;
                } else {
                    fn(ud, o->src, limit, msg);
                }
            }
        }
    }
done:
    story_run_free(run);
    return c->errors;
}
