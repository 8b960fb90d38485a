/* lua_story_hooks.c - the StoryHooks of the scene API: a scenario's script
 * conditions (option { when = function (v, visits) ... }) and effects
 * (option { effect = function (v) ... }) run under the host's limits, with
 * proxies that read and write the run's variables (see lua_story.h).  The
 * run keeps each condition's answer per state (story.h); a failure always
 * names a script line (the function's own when it stopped before its first).
 */
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "lua/lua_story.h"
#include "core/suggest.h"
#include "lua/lua_story_host.h"
#include "story/validate.h"

#define STATE_KEY "spectactor.story"

/* ---- proxies for conditions and effects --------------------------------- */

static StoryHost *host_up(lua_State *L)
{
    StoryHost *st = lua_touserdata(L, lua_upvalueindex(1));
    if (!st || !st->run)
        luaL_error(L, "variables can only be used inside a condition or effect");
    return st;
}

/* The variable name at idx; raises (at the script line) unless it is a
 * string declared in the scenario's vars, with the closest declared name. */
static const char *declared_name(lua_State *L, StoryHost *st, int idx)
{
    const Scenario *sc = story_scenario(st->run);
    const char *name = NULL;
    char hint[SUGGEST_HINT_MAX];
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L, "variables are named by strings like v.trust, not by a %s",
                   luaL_typename(L, idx));
    name = lua_tostring(L, idx);
    if (!story_var_declared(sc, name))
        luaL_error(L, "variable '%s' is not declared in scenario { vars = ... }%s", name,
                   story_suggest(sc, STORY_NAME_VAR, name, hint, sizeof hint));
    return name;
}

static int l_v_index(lua_State *L)
{
    StoryHost *st = host_up(L);
    StoryValue v;
    memset(&v, 0, sizeof v);
    if (story_var_get(st->run, declared_name(L, st, 2), &v) != 0) {
        lua_pushnil(L);
        return 1;
    }
    switch (v.type) {
    case STORY_VAL_BOOL:
        lua_pushboolean(L, v.b);
        break;
    case STORY_VAL_NUMBER:
        if (v.num >= -9.0e15 && v.num <= 9.0e15 && v.num == (double)(lua_Integer)v.num)
            lua_pushinteger(L, (lua_Integer)v.num);
        else
            lua_pushnumber(L, v.num);
        break;
    case STORY_VAL_STRING:
        lua_pushstring(L, v.str ? v.str : "");
        break;
    default:
        lua_pushnil(L);
    }
    return 1;
}

static int l_v_readonly(lua_State *L)
{
    host_up(L);
    return luaL_error(L, "variables are read-only in a condition");
}

static int l_v_newindex(lua_State *L)
{
    StoryHost *st = host_up(L);
    StoryValue v;
    Err e;
    size_t len = 0;
    const char *name = NULL;
    const char *s = NULL;
    memset(&v, 0, sizeof v);
    err_clear(&e);
    if (!st->writable)
        return luaL_error(L, "variables are read-only in a condition");
    name = declared_name(L, st, 2);
    switch (lua_type(L, 3)) {
    case LUA_TNUMBER:
        v.type = STORY_VAL_NUMBER;
        v.num = lua_tonumber(L, 3);
        break;
    case LUA_TBOOLEAN:
        v.type = STORY_VAL_BOOL;
        v.b = lua_toboolean(L, 3);
        break;
    case LUA_TSTRING:
        s = lua_tolstring(L, 3, &len);
        lua_story_check_bytes(L, s, len, STORY_MAX_TEXT, "variable value");
        v.type = STORY_VAL_STRING;
        v.str = s;
        break;
    default:
        return luaL_error(L, "variable '%s': only numbers, booleans and strings, got %s",
                          name, luaL_typename(L, 3));
    }
    if (story_var_set(st->run, name, &v, &e) != 0)
        return luaL_error(L, "variable '%s': %s", name, e.msg);
    return 0;
}

static int l_visits_index(lua_State *L)
{
    StoryHost *st = host_up(L);
    const char *id = NULL;
    int beat = -1;
    char hint[SUGGEST_HINT_MAX];
    if (lua_type(L, 2) != LUA_TSTRING)
        return luaL_error(L, "visits: index with a beat id");
    id = lua_tostring(L, 2);
    beat = scenario_beat_index(story_scenario(st->run), id);
    if (beat < 0)
        return luaL_error(L, "visits: unknown beat '%s'%s", id,
                          story_suggest(story_scenario(st->run), STORY_NAME_BEAT, id, hint,
                                        sizeof hint));
    lua_pushinteger(L, story_visits(st->run, beat));
    return 1;
}

/* Pushes a proxy table whose metatable has the given __index/__newindex. */
static void push_proxy(lua_State *L, int st_idx, lua_CFunction index, lua_CFunction newindex)
{
    lua_newtable(L);
    lua_newtable(L);
    lua_pushvalue(L, st_idx);
    lua_pushcclosure(L, index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, st_idx);
    lua_pushcclosure(L, newindex, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
}

static int hook_cond(void *ud, int ref, StoryRun *run, int *ok, Err *err);
static int hook_effect(void *ud, int ref, StoryRun *run, Err *err);

/* Protected: arg 1 = LuaHost*; returns the StoryHost userdata. */
static int state_get(lua_State *L)
{
    StoryHost *st = NULL;
    int idx = 0;
    if (lua_getfield(L, LUA_REGISTRYINDEX, STATE_KEY) == LUA_TUSERDATA)
        return 1;
    lua_pop(L, 1);
    st = lua_newuserdatauv(L, sizeof *st, 0);
    memset(st, 0, sizeof *st);
    idx = lua_gettop(L);
    st->h = lua_touserdata(L, 1);
    st->hooks.ud = st;
    st->hooks.cond = hook_cond;
    st->hooks.effect = hook_effect;
    st->v_ro_ref = st->v_rw_ref = st->visits_ref = LUA_NOREF;
    lua_pushvalue(L, idx);
    lua_setfield(L, LUA_REGISTRYINDEX, STATE_KEY); /* anchors st */
    lua_pushlightuserdata(L, st);
    push_proxy(L, lua_gettop(L), l_v_index, l_v_readonly);
    st->v_ro_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    push_proxy(L, lua_gettop(L), l_v_index, l_v_newindex);
    st->v_rw_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    push_proxy(L, lua_gettop(L), l_visits_index, l_v_readonly);
    st->visits_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pop(L, 1);
    return 1;
}

/* The StoryHost of h, made on first use; see lua_story_host.h. */
StoryHost *lua_story_host(LuaHost *h, Err *err)
{
    lua_State *L = lua_host_state(h);
    StoryHost *st = NULL;
    if (!L) {
        err_set(err, ERR_STATE, "no Lua host");
        return NULL;
    }
    lua_pushcfunction(L, state_get);
    lua_pushlightuserdata(L, h);
    if (lua_host_pcall(h, 1, 1, err) != 0)
        return NULL;
    st = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return st;
}

/* Protected: arg 1 = StoryHost*, 2 = ref, 3 = 1 for an effect. */
static int call_script(lua_State *L)
{
    StoryHost *st = lua_touserdata(L, 1);
    int ref = (int)lua_tointeger(L, 2);
    int effect = lua_toboolean(L, 3);
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, ref) != LUA_TFUNCTION)
        return luaL_error(L, "script function %d is gone (scenario released?)", ref);
    if (effect) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, st->v_rw_ref);
        lua_call(L, 1, 0);
        return 0;
    }
    lua_pushvalue(L, -1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, st->v_ro_ref);
    lua_rawgeti(L, LUA_REGISTRYINDEX, st->visits_ref);
    lua_call(L, 2, 1);
    if (lua_type(L, -1) != LUA_TBOOLEAN) {
        /* `return v.count` or a forgotten `return` would silently count as
         * true or false; name the function's first line instead */
        lua_Debug ar;
        const char *got = lua_isnil(L, -1)                  ? "nothing (nil)"
                          : lua_type(L, -1) == LUA_TNUMBER  ? "a number"
                          : lua_type(L, -1) == LUA_TSTRING  ? "a string"
                          : lua_type(L, -1) == LUA_TTABLE   ? "a table"
                                                            : "a function or other value";
        memset(&ar, 0, sizeof ar);
        lua_pushvalue(L, -2);
        if (lua_getinfo(L, ">S", &ar) && ar.source && ar.source[0] == '@' && ar.linedefined > 0)
            return luaL_error(L, "%s:%d: the condition returned %s, not true or false",
                              ar.source + 1, ar.linedefined, got);
        return luaL_error(L, "the condition returned %s, not true or false", got);
    }
    return 1;
}

/* 1 if msg starts with "something:digits: ". */
static int has_where(const char *msg)
{
    const char *p = msg;
    while ((p = strchr(p, ':')) != NULL) {
        const char *d = p + 1;
        while (*d >= '0' && *d <= '9')
            d++;
        if (d > p + 1 && d[0] == ':' && d[1] == ' ')
            return 1;
        p++;
    }
    return 0;
}

/* A failure that names no script line (one stopped before its first line
 * ran, e.g. when the scripts before it spent the key's time) gets the line
 * where the function is defined. */
static void name_function(lua_State *L, int ref, Err *err)
{
    lua_Debug ar;
    char msg[ERR_MSG_MAX];
    memset(&ar, 0, sizeof ar);
    if (!err || has_where(err->msg))
        return;
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, ref) != LUA_TFUNCTION) {
        lua_pop(L, 1);
        return;
    }
    if (!lua_getinfo(L, ">S", &ar) || !ar.source || ar.source[0] != '@' || ar.linedefined <= 0)
        return;
    snprintf(msg, sizeof msg, "%s", err->msg);
    err_set(err, err->code, "%s:%d: %s", ar.source + 1, ar.linedefined, msg);
}

static int run_script(StoryHost *st, int ref, StoryRun *run, int effect, int *ok, Err *err)
{
    lua_State *L = lua_host_state(st->h);
    int rc = 0;
    if (!run || ref <= 0)
        return err_set(err, ERR_INVALID, "no run or script function");
    if (st->run)
        return err_set(err, ERR_STATE, "a condition or effect is already running");
    st->run = run;
    st->writable = effect;
    lua_pushcfunction(L, call_script);
    lua_pushlightuserdata(L, st);
    lua_pushinteger(L, ref);
    lua_pushboolean(L, effect);
    rc = lua_host_pcall(st->h, 3, effect ? 0 : 1, err);
    st->run = NULL;
    st->writable = 0;
    if (rc != 0) {
        name_function(L, ref, err);
        return rc;
    }
    if (!effect) {
        *ok = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    return 0;
}

static int hook_cond(void *ud, int ref, StoryRun *run, int *ok, Err *err)
{
    return run_script(ud, ref, run, 0, ok, err);
}

static int hook_effect(void *ud, int ref, StoryRun *run, Err *err)
{
    return run_script(ud, ref, run, 1, NULL, err);
}

/* ---- public ------------------------------------------------------------- */

/* Hooks for scenarios loaded with h; borrowed until lua_host_free(h). */
const StoryHooks *lua_story_hooks(LuaHost *h)
{
    StoryHost *st = lua_story_host(h, NULL);
    return st ? &st->hooks : NULL;
}

/* Drops the registry refs of sc's conditions and effects. */
void lua_story_release(LuaHost *h, Scenario *sc)
{
    lua_State *L = lua_host_state(h);
    int b = 0;
    int o = 0;
    if (!L || !sc)
        return;
    for (b = 0; b < sc->n_beats; b++) {
        const StoryInteraction *in = &sc->beats[b].interaction;
        StoryOption *opts = (StoryOption *)in->options; /* arena memory is writable */
        if (in->kind != STORY_INT_CHOICE || !opts)
            continue;
        for (o = 0; o < in->n_options; o++) {
            if (opts[o].cond_ref > 0)
                luaL_unref(L, LUA_REGISTRYINDEX, opts[o].cond_ref);
            if (opts[o].effect_ref > 0)
                luaL_unref(L, LUA_REGISTRYINDEX, opts[o].effect_ref);
            opts[o].cond_ref = 0;
            opts[o].effect_ref = 0;
        }
    }
}
