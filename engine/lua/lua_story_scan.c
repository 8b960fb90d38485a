/* lua_story_scan.c - reads the text of a scenario's condition and effect
 * functions for the variables and beats they name (lua_story.h).
 *
 * A condition runs only on the states a check or test reaches, and `and`/
 * `or` skip what they need not read, so `v.tries > 1 and v.chekced` hides
 * its misspelling until tries grows.  Reading the function's lines for
 * `v.name` and `visits.name` (v and visits being whatever the function calls
 * its parameters) finds every such name at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>

#include "core/suggest.h"
#include "lua/lua_story.h"
#include "lua/lua_syntax.h"
#include "story/validate.h"

typedef struct Scan {
    const Scenario *sc;
    const char *path;
    const char *what;
    int visits; /* 1: the names are beat ids */
    LuaStoryReport fn;
    void *ud;
    int found;
} Scan;

static void on_name(void *ud, const char *name, size_t n, int line)
{
    Scan *s = ud;
    char id[STORY_MAX_ID + 1];
    char hint[SUGGEST_HINT_MAX];
    char msg[ERR_MSG_MAX + LUA_STORY_MAX_PATH];
    if (n == 0 || n > STORY_MAX_ID)
        return;
    memcpy(id, name, n);
    id[n] = '\0';
    if (!s->visits && !story_var_declared(s->sc, id))
        snprintf(msg, sizeof msg, "%s:%d: %s: variable '%s' is not declared in scenario { vars = ... }%s",
                 s->path, line, s->what, id,
                 story_suggest(s->sc, STORY_NAME_VAR, id, hint, sizeof hint));
    else if (s->visits && scenario_beat_index(s->sc, id) < 0)
        snprintf(msg, sizeof msg, "%s:%d: %s: visits: unknown beat '%s'%s", s->path, line, s->what,
                 id, story_suggest(s->sc, STORY_NAME_BEAT, id, hint, sizeof hint));
    else
        return;
    s->fn(s->ud, 1, msg);
    s->found++;
}

/* The text of path (malloc'ed, *len bytes), or NULL. */
static char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t n = 0;
    if (!f)
        return NULL;
    text = malloc(LUA_HOST_FILE_MAX + 1);
    if (text)
        n = fread(text, 1, LUA_HOST_FILE_MAX + 1, f);
    fclose(f);
    if (text && n > LUA_HOST_FILE_MAX) {
        free(text);
        return NULL;
    }
    *len = n;
    return text;
}

/* Scans the function of registry ref; returns the names reported. */
static int scan_function(lua_State *L, const Scenario *sc, int ref, const char *what,
                         LuaStoryReport fn, void *ud)
{
    lua_Debug ar;
    char params[2][STORY_MAX_ID + 1];
    char *text = NULL;
    size_t len = 0;
    int k = 0;
    int found = 0;
    memset(&ar, 0, sizeof ar);
    memset(params, 0, sizeof params);
    if (ref <= 0)
        return 0;
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, ref) != LUA_TFUNCTION) {
        lua_pop(L, 1);
        return 0;
    }
    for (k = 0; k < 2; k++) {
        const char *p = lua_getlocal(L, NULL, k + 1);
        if (p && strlen(p) <= STORY_MAX_ID)
            strcpy(params[k], p);
    }
    if (!lua_getinfo(L, ">S", &ar) || !ar.source || ar.source[0] != '@' || ar.linedefined <= 0)
        return 0;
    text = read_text(ar.source + 1, &len);
    for (k = 0; text && k < 2; k++) {
        Scan s = {sc, ar.source + 1, what, k, fn, ud, 0};
        if (params[k][0] &&
            lua_syntax_fields(text, len, ar.linedefined, ar.lastlinedefined, params[k], on_name,
                              &s) > 0)
            found += s.found;
    }
    free(text);
    return found;
}

/* Reports undeclared variables and unknown beats named in an option's
 * condition and effect; see lua_story.h. */
int lua_story_scan_option(LuaHost *h, const Scenario *sc, const StoryOption *o, const char *what,
                          LuaStoryReport fn, void *ud)
{
    lua_State *L = lua_host_state(h);
    int found = 0;
    if (!L || !sc || !o || !fn || !lua_checkstack(L, 2))
        return 0;
    found += scan_function(L, sc, o->cond_ref, what, fn, ud);
    found += scan_function(L, sc, o->effect_ref, what, fn, ud);
    return found;
}
