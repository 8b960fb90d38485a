/* lua_story_host.h - private to lua_story.c and lua_story_hooks.c: the
 * per-host state that the scene API's declarations (while a scenario loads)
 * and the condition/effect hooks (while a run plays) share.
 */
#ifndef LUA_LUA_STORY_HOST_H
#define LUA_LUA_STORY_HOST_H

#include <lua.h>

#include "core/err.h"
#include "lua/lua_host.h"
#include "story/story.h"

struct Loader; /* lua_story.c: the load in progress */

/* A userdata anchored in the registry (its address is stable, so &hooks can
 * be handed out); one per LuaHost. */
typedef struct StoryHost {
    StoryHooks hooks;
    LuaHost *h;
    struct Loader *loading; /* the load in progress, or NULL */
    lua_Integer load_id;    /* declaration closures carry the id of their load */
    StoryRun *run;          /* the run of the condition/effect being evaluated */
    int writable;           /* 1 during an effect */
    int v_ro_ref;           /* registry refs of the cached proxies */
    int v_rw_ref;
    int visits_ref;
} StoryHost;

/* The StoryHost of h, created with its hooks and proxies on first use.
 * Borrowed until lua_host_free(h); NULL with err when h has no state or
 * on out of memory. */
StoryHost *lua_story_host(LuaHost *h, Err *err);

/* Raises "what is longer than max bytes" / "contains a NUL byte" / "is not
 * valid UTF-8" for the len bytes at s. */
void lua_story_check_bytes(lua_State *L, const char *s, size_t len, size_t max,
                           const char *what);

/* The value at idx must be an id string (scenario_id_valid); returns it,
 * owned by Lua, or raises "what must be an id string" / "is not a valid
 * id". */
const char *lua_story_check_id(lua_State *L, int idx, const char *what);

#endif
