/* lua_story_read.c - reading the scene API's arguments: each function
 * checks one Lua value or table field (type, limits, UTF-8, ids, paths)
 * and raises a Lua error naming it, so an error points at the script line
 * (see lua_story_host.h).  Strings handed back stay Lua's.
 */
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "core/utf8.h"
#include "core/suggest.h"
#include "lua/lua_story_host.h"
#include "story/scenario_build.h"

/* Raises when s is too long, holds a NUL or is not UTF-8. */
void lua_story_check_bytes(lua_State *L, const char *s, size_t len, size_t max, const char *what)
{
    if (len > max)
        luaL_error(L, "%s is longer than %d bytes", what, (int)max);
    if (memchr(s, '\0', len))
        luaL_error(L, "%s contains a NUL byte", what);
    if (!utf8_valid(s, len))
        luaL_error(L, "%s is not valid UTF-8", what);
}

/* The value at idx must be an id string; returns it (owned by Lua). */
const char *lua_story_check_id(lua_State *L, int idx, const char *what)
{
    size_t len = 0;
    const char *s = NULL;
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L, "%s must be an id string, got %s", what, luaL_typename(L, idx));
    s = lua_tolstring(L, idx, &len);
    if (!scenario_id_valid(s, len))
        luaL_error(L, "%s '%s' is not a valid id (1 to %d of A-Z a-z 0-9 _ -)", what, s,
                   STORY_MAX_ID);
    return s;
}

/* A path inside the scenario folder: relative, no "..", no empty parts. */
const char *lua_story_check_path(lua_State *L, int idx, const char *what)
{
    size_t len = 0;
    const char *s = NULL;
    const char *p = NULL;
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L, "%s must be a path string, got %s", what, luaL_typename(L, idx));
    s = lua_tolstring(L, idx, &len);
    lua_story_check_bytes(L, s, len, STORY_MAX_PATH, what);
    if (len == 0 || s[0] == '/' || s[0] == '\\' || strchr(s, '\\') || strchr(s, ':'))
        luaL_error(L, "%s '%s' must be a file in the scenario folder", what, s);
    for (p = s; *p;) {
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            luaL_error(L, "%s '%s' must be a file in the scenario folder", what, s);
        p += n;
        if (*p == '/')
            p++;
    }
    return s;
}

/* Pushes t[name] without metamethods; returns its type. */
int lua_story_field(lua_State *L, int t, const char *name)
{
    lua_pushstring(L, name);
    return lua_rawget(L, t);
}

/* Every key of table t must be one of allowed, or (array_ok) 1..#t. */
void lua_story_check_fields(lua_State *L, int t, const char *const *allowed, int array_ok,
                            const char *what)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, t);
    int i = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            const char *k = lua_tostring(L, -1);
            for (i = 0; allowed[i]; i++)
                if (strcmp(allowed[i], k) == 0)
                    break;
            if (!allowed[i]) {
                char hint[SUGGEST_HINT_MAX];
                luaL_error(L, "%s: unknown field '%s'%s", what, k,
                           suggest_hint(k, allowed, i, hint, sizeof hint));
            }
        } else if (lua_isinteger(L, -1) && array_ok && lua_tointeger(L, -1) >= 1 &&
                   lua_tointeger(L, -1) <= n) {
            continue;
        } else {
            luaL_error(L, "%s: unexpected %s key", what, luaL_typename(L, -1));
        }
    }
}

void lua_story_check_table(lua_State *L, const char *fn)
{
    if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TTABLE)
        luaL_error(L, "%s expects one table: %s { ... }", fn, fn);
}

void lua_story_check_nargs(lua_State *L, const char *fn, int min, int max, const char *usage)
{
    int n = lua_gettop(L);
    if (n < min || n > max)
        luaL_error(L, "%s: expected %s", fn, usage);
}

/* Reads the text at idx (nil leaves t empty).  A string means the same in
 * every language; a table maps declared language codes to strings.  The
 * strings stay Lua's: idx must stay reachable (on the stack or in a table
 * there) until the builder call that copies them. */
void lua_story_read_text(lua_State *L, const Scenario *sc, int idx, StoryText *t, StorySrc src,
                         const char *what)
{
    size_t len = 0;
    const char *s = NULL;
    int i = 0;
    char sub[128];
    idx = lua_absindex(L, idx);
    memset(t, 0, sizeof *t);
    t->src = src;
    if (lua_isnil(L, idx))
        return;
    if (lua_type(L, idx) == LUA_TSTRING) {
        s = lua_tolstring(L, idx, &len);
        lua_story_check_bytes(L, s, len, STORY_MAX_TEXT, what);
        for (i = 0; i < sc->n_langs; i++)
            t->s[i] = s;
        return;
    }
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L,
                   "%s must be a text (a string or { da = \"...\", en = \"...\" "
                   "}), got %s",
                   what, luaL_typename(L, idx));
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int lang = -1;
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "%s: language keys must be codes like da, en", what);
        lang = scenario_lang_index(sc, lua_tostring(L, -2));
        if (lang < 0)
            luaL_error(L, "%s: language '%s' is not in scenario.languages", what,
                       lua_tostring(L, -2));
        snprintf(sub, sizeof sub, "%s (%s)", what, lua_tostring(L, -2));
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "%s must be a string, got %s", sub, luaL_typename(L, -1));
        s = lua_tolstring(L, -1, &len);
        lua_story_check_bytes(L, s, len, STORY_MAX_TEXT, sub);
        t->s[lang] = s;
        lua_pop(L, 1);
    }
}

/* Reads field name of table t as a text (borrowed, see read_text). */
void lua_story_text_field(lua_State *L, const Scenario *sc, int t, const char *name, StoryText *out,
                          StorySrc src, const char *what)
{
    char sub[128];
    snprintf(sub, sizeof sub, "%s: field '%s'", what, name);
    lua_story_field(L, t, name);
    lua_story_read_text(L, sc, -1, out, src, sub);
    lua_pop(L, 1);
}

/* Optional boolean field; returns 0/1. */
int lua_story_bool_field(lua_State *L, int t, const char *name, const char *what)
{
    int type = lua_story_field(L, t, name);
    int b = 0;
    if (type != LUA_TNIL && type != LUA_TBOOLEAN)
        luaL_error(L, "%s: field '%s' must be true or false", what, name);
    b = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return b;
}

/* Optional id field of table t (NULL when absent); the string stays in t. */
const char *lua_story_id_field(lua_State *L, int t, const char *name, const char *what)
{
    char sub[128];
    const char *s = NULL;
    if (lua_story_field(L, t, name) != LUA_TNIL) {
        snprintf(sub, sizeof sub, "%s: field '%s'", what, name);
        s = lua_story_check_id(L, -1, sub);
    }
    lua_pop(L, 1);
    return s;
}

/* Optional string field (at most max bytes) of table t; the string stays
 * in t. */
const char *lua_story_str_field(lua_State *L, int t, const char *name, size_t max, const char *what)
{
    char sub[128];
    size_t len = 0;
    const char *s = NULL;
    int type = lua_story_field(L, t, name);
    snprintf(sub, sizeof sub, "%s: field '%s'", what, name);
    if (type != LUA_TNIL) {
        if (type != LUA_TSTRING)
            luaL_error(L, "%s must be a string, got %s", sub, luaL_typename(L, -1));
        s = lua_tolstring(L, -1, &len);
        lua_story_check_bytes(L, s, len, max, sub);
    }
    lua_pop(L, 1);
    return s;
}

/* Reads the value at idx as a variable value (number, boolean, string);
 * a string stays Lua's. */
void lua_story_read_value(lua_State *L, int idx, StoryValue *v, const char *what)
{
    size_t len = 0;
    const char *s = NULL;
    memset(v, 0, sizeof *v);
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        v->type = STORY_VAL_NUMBER;
        v->num = lua_tonumber(L, idx);
        break;
    case LUA_TBOOLEAN:
        v->type = STORY_VAL_BOOL;
        v->b = lua_toboolean(L, idx);
        break;
    case LUA_TSTRING:
        s = lua_tolstring(L, idx, &len);
        lua_story_check_bytes(L, s, len, STORY_MAX_TEXT, what);
        v->type = STORY_VAL_STRING;
        v->str = s;
        break;
    default:
        luaL_error(L, "%s must be a number, boolean or string, got %s", what,
                   luaL_typename(L, idx));
    }
}
