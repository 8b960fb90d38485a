/* lua_eval.c - the questionnaire loader: questionnaire { ... } in Lua to an
 * EvalQuestionnaire (C).  The script only declares a table; all checks are
 * done by the eval module's builder. */
#include "lua/lua_eval.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <string.h>

/* questionnaire { ... }: keeps the table in upvalue 1 (a holder table). */
static int l_eval_questionnaire(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_rawgeti(L, lua_upvalueindex(1), 1) != LUA_TNIL)
        return luaL_error(L, "questionnaire { ... } declared twice");
    lua_pop(L, 1);
    lua_pushvalue(L, 1);
    lua_rawseti(L, lua_upvalueindex(1), 1);
    return 0;
}

/* Reads field key of the table at idx as a text: a string, or {da=, en=}.
 * Strings stay on the Lua stack; the caller pops 1 (string) or 3. */
static int get_text(lua_State *L, int idx, const char *key, const char **da, const char **en)
{
    int t = lua_getfield(L, idx, key);
    *da = *en = NULL;
    if (t == LUA_TSTRING) {
        *da = *en = lua_tostring(L, -1);
        lua_pushnil(L);
        lua_pushnil(L);
        return 0;
    }
    if (t == LUA_TTABLE) {
        int top = lua_gettop(L);
        if (lua_getfield(L, top, "da") == LUA_TSTRING)
            *da = lua_tostring(L, -1);
        if (lua_getfield(L, top, "en") == LUA_TSTRING)
            *en = lua_tostring(L, -1);
        return 0;
    }
    lua_pushnil(L);
    lua_pushnil(L);
    return t == LUA_TNIL ? 1 : -1;
}

static const char *get_string(lua_State *L, int idx, const char *key)
{
    const char *s = NULL;
    if (lua_getfield(L, idx, key) == LUA_TSTRING)
        s = lua_tostring(L, -1);
    lua_pop(L, 1); /* the table keeps the string alive */
    return s;
}

static int build_question(lua_State *L, EvalQuestionnaire *q, int qt, int pos, Err *err)
{
    const char *id = get_string(L, qt, "id"), *kind = get_string(L, qt, "kind");
    const char *da = NULL, *en = NULL;
    EvalKind k = EVAL_SINGLE;
    int qi = 0, n = 0, i = 0, required = 0;
    if (eval_kind_parse(kind, &k) < 0)
        return err_set(err, ERR_INVALID, "question %d (%s): kind must be single, yesno, multi "
                       "or text", pos, id ? id : "?");
    lua_getfield(L, qt, "required");
    required = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (get_text(L, qt, "text", &da, &en) != 0) {
        lua_pop(L, 3);
        return err_set(err, ERR_INVALID, "question %d (%s): text missing", pos, id ? id : "?");
    }
    qi = eval_q_add_question(q, id, k, da, en, required, err);
    lua_pop(L, 3);
    if (qi < 0)
        return qi;
    if (k == EVAL_TEXT) {
        int max = 500, rc = 0;
        if (lua_getfield(L, qt, "max_length") == LUA_TNUMBER)
            max = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        get_text(L, qt, "warning", &da, &en);
        rc = eval_q_set_text_rules(q, qi, da, en, max, err);
        lua_pop(L, 3);
        if (rc < 0)
            return rc;
    }
    if (lua_getfield(L, qt, "options") == LUA_TTABLE) {
        int ot = lua_gettop(L);
        n = (int)luaL_len(L, ot);
        for (i = 1; i <= n; i++) {
            int rc = 0;
            lua_rawgeti(L, ot, i);
            if (lua_type(L, -1) == LUA_TSTRING) {
                da = en = lua_tostring(L, -1);
                rc = eval_q_add_option(q, qi, da, en, err);
            } else if (lua_type(L, -1) == LUA_TTABLE) {
                int t = lua_gettop(L);
                lua_getfield(L, t, "da");
                lua_getfield(L, t, "en");
                rc = eval_q_add_option(q, qi, lua_tostring(L, -2), lua_tostring(L, -1), err);
                lua_pop(L, 2);
            } else {
                rc = err_set(err, ERR_INVALID, "option %d must be a text", i);
            }
            lua_pop(L, 1);
            if (rc < 0) {
                lua_pop(L, 1);
                return rc;
            }
        }
    }
    lua_pop(L, 1);
    if (lua_getfield(L, qt, "groups") == LUA_TTABLE) {
        int gt = lua_gettop(L);
        n = (int)luaL_len(L, gt);
        for (i = 1; i <= n; i++) {
            int opts[EVAL_MAX_OPTIONS], no = 0, rc = 0, g = 0, j = 0, m = 0;
            memset(opts, 0, sizeof opts);
            if (lua_rawgeti(L, gt, i) != LUA_TTABLE) {
                lua_pop(L, 2);
                return err_set(err, ERR_INVALID, "group %d must be a table", i);
            }
            g = lua_gettop(L);
            if (lua_getfield(L, g, "options") == LUA_TTABLE) {
                m = (int)luaL_len(L, -1);
                for (j = 1; j <= m && no < EVAL_MAX_OPTIONS; j++) {
                    lua_rawgeti(L, -1, j);
                    opts[no++] = (int)lua_tointeger(L, -1);
                    lua_pop(L, 1);
                }
            }
            lua_pop(L, 1);
            get_text(L, g, "label", &da, &en);
            rc = eval_q_add_group(q, qi, get_string(L, g, "id"), da, en, opts,
                                  m > EVAL_MAX_OPTIONS ? m : no, err);
            lua_pop(L, 4);
            if (rc < 0) {
                lua_pop(L, 1);
                return rc;
            }
        }
    }
    lua_pop(L, 1);
    return 0;
}

static EvalQuestionnaire *build(lua_State *L, int t, Err *err)
{
    const char *da = NULL, *en = NULL;
    EvalQuestionnaire *q = NULL;
    int n = 0, i = 0;
    get_text(L, t, "title", &da, &en);
    q = eval_q_new(get_string(L, t, "id"), da, en, err);
    lua_pop(L, 3);
    if (!q)
        return NULL;
    if (get_text(L, t, "intro", &da, &en) == 0 && eval_q_set_intro(q, da, en, err) < 0) {
        lua_pop(L, 3);
        eval_q_free(q);
        return NULL;
    }
    lua_pop(L, 3);
    if (lua_getfield(L, t, "questions") != LUA_TTABLE) {
        lua_pop(L, 1);
        eval_q_free(q);
        err_set(err, ERR_INVALID, "questionnaire: 'questions' must be a list");
        return NULL;
    }
    n = (int)luaL_len(L, -1);
    for (i = 1; i <= n; i++) {
        int rc = 0;
        if (lua_rawgeti(L, -1, i) != LUA_TTABLE)
            rc = err_set(err, ERR_INVALID, "question %d must be a table", i);
        else
            rc = build_question(L, q, lua_gettop(L), i, err);
        lua_pop(L, 1);
        if (rc < 0) {
            lua_pop(L, 1);
            eval_q_free(q);
            return NULL;
        }
    }
    lua_pop(L, 1);
    if (eval_q_finish(q, err) < 0) {
        eval_q_free(q);
        return NULL;
    }
    return q;
}

/* Runs build() under the sandbox's pcall, so a malformed table (luaL_len on
 * a table with a __len that errors, say) cannot escape as a longjmp. */
static int l_eval_build(lua_State *L)
{
    EvalQuestionnaire **out = lua_touserdata(L, 2);
    Err *err = lua_touserdata(L, 3);
    *out = build(L, 1, err);
    return 0;
}

EvalQuestionnaire *lua_eval_load(LuaHost *h, const char *path, Err *err)
{
    lua_State *L = lua_host_state(h);
    EvalQuestionnaire *q = NULL;
    Err berr;
    int top = lua_gettop(L), env = 0, rc = 0;
    err_clear(&berr);
    if (lua_host_new_env(h, err) < 0)
        return NULL;
    env = lua_gettop(L);
    lua_newtable(L); /* holder */
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, l_eval_questionnaire, 1);
    lua_setfield(L, env, "questionnaire");
    rc = lua_host_run_file(h, path, env, err);
    if (rc < 0)
        goto done;
    if (lua_rawgeti(L, env + 1, 1) != LUA_TTABLE) {
        err_set(err, ERR_INVALID, "%s: questionnaire { ... } is never declared", path);
        goto done;
    }
    lua_pushcfunction(L, l_eval_build);
    lua_insert(L, -2);
    lua_pushlightuserdata(L, &q);
    lua_pushlightuserdata(L, &berr);
    rc = lua_host_pcall(h, 3, 0, err);
    if (rc < 0) {
        eval_q_free(q);
        q = NULL;
        goto done;
    }
    if (!q) {
        err_set(err, berr.code ? berr.code : ERR_INVALID, "%s: %s", path, berr.msg);
    }
done:
    lua_settop(L, top);
    return q;
}
