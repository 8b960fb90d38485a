/* lua_story_host.h - private to lua_story.c and lua_story_hooks.c: the
 * per-host state that the scene API's declarations (while a scenario loads)
 * and the condition/effect hooks (while a run plays) share.
 */
#ifndef LUA_LUA_STORY_HOST_H
#define LUA_LUA_STORY_HOST_H

#include <lua.h>

#include "core/err.h"
#include "lua/lua_host.h"
#include "story/scenario.h"
#include "story/story.h"

struct Loader; /* lua_story.c: the load in progress */

/* A userdata anchored in the registry (its address is stable, so &hooks can
 * be handed out); one per LuaHost. */
typedef struct StoryHost {
    StoryHooks hooks;
    LuaHost *h;
    struct Loader *loading; /* the load in progress, or NULL */
    lua_Integer load_id; /* declaration closures carry the id of their load */
    StoryRun *run; /* the run of the condition/effect being evaluated */
    int writable; /* 1 during an effect */
    int v_ro_ref; /* registry refs of the cached proxies */
    int v_rw_ref;
    int visits_ref;
} StoryHost;

/* The StoryHost of h, created with its hooks and proxies on first use.
 * Borrowed until lua_host_free(h); NULL with err when h has no state or
 * on out of memory. */
StoryHost *lua_story_host(LuaHost *h, Err *err);

/* ---- lua_story_read.c: argument readers --------------------------------
 * Each raises a Lua error naming `what` on a bad value.  Strings handed back
 * (also inside a StoryText or StoryValue) are Lua's: the value they came
 * from must stay reachable until the builder call that copies them. */

/* Raises "what is longer than max bytes" / "contains a NUL byte" / "is not
 * valid UTF-8" for the len bytes at s. */
void lua_story_check_bytes(lua_State *L, const char *s, size_t len, size_t max, const char *what);

/* The value at idx must be an id string (scenario_id_valid); returns it,
 * owned by Lua, or raises "what must be an id string" / "is not a valid
 * id". */
const char *lua_story_check_id(lua_State *L, int idx, const char *what);

/* The value at idx must be a path inside the scenario folder (relative, at
 * most STORY_MAX_PATH bytes, no "..", no empty parts); returns it. */
const char *lua_story_check_path(lua_State *L, int idx, const char *what);

/* Pushes t[name] without metamethods; returns its type. */
int lua_story_field(lua_State *L, int t, const char *name);

/* Every key of table t must be one of allowed (NULL-terminated) or, when
 * array_ok, an index 1..#t; raises "what: unknown field 'x'" otherwise. */
void lua_story_check_fields(lua_State *L, int t, const char *const *allowed, int array_ok,
                            const char *what);

/* The arguments must be one table: raises "fn expects one table". */
void lua_story_check_table(lua_State *L, const char *fn);

/* min..max arguments, else raises "fn: expected usage". */
void lua_story_check_nargs(lua_State *L, const char *fn, int min, int max, const char *usage);

/* Reads the text at idx into t (nil leaves it empty, with src): a string
 * means the same in each of sc's languages, a table maps sc's language
 * codes to strings of at most STORY_MAX_TEXT bytes. */
void lua_story_read_text(lua_State *L, const Scenario *sc, int idx, StoryText *t, StorySrc src,
                         const char *what);

/* lua_story_read_text() of field name of table t ("what: field 'name'"). */
void lua_story_text_field(lua_State *L, const Scenario *sc, int t, const char *name, StoryText *out,
                          StorySrc src, const char *what);

/* Optional boolean field of table t: 0 or 1. */
int lua_story_bool_field(lua_State *L, int t, const char *name, const char *what);

/* Optional id field of table t, NULL when absent. */
const char *lua_story_id_field(lua_State *L, int t, const char *name, const char *what);

/* Optional string field of table t (at most max bytes), NULL when absent. */
const char *lua_story_str_field(lua_State *L, int t, const char *name, size_t max,
                                const char *what);

/* Reads the value at idx as a variable value: number, boolean or string
 * (at most STORY_MAX_TEXT bytes). */
void lua_story_read_value(lua_State *L, int idx, StoryValue *v, const char *what);

#endif
