/* lua_limits.h - inside engine/lua only: the budget every long C loop of
 * the sandbox charges, and the counted replacements of the library
 * functions whose C loops the instruction hook cannot interrupt.
 *
 * lua_host.c owns the budget (instructions and time of the outermost call,
 * see lua_host.h); lua_match.c holds the Lua-pattern matcher (find, match,
 * gmatch, gsub) and string.rep; lua_tablib.c the table functions (insert,
 * remove, move, concat, unpack, sort).  Each replacement gives stock Lua's
 * results for ordinary use and charges its work as it goes, so a search or
 * loop that would run for minutes stops like an endless loop.
 */
#ifndef LUA_LUA_LIMITS_H
#define LUA_LUA_LIMITS_H

typedef struct lua_State lua_State;

/* Steps a counted loop makes between two calls of lua_host_charge. */
#define LUA_LIMITS_CHUNK 4096

/* Adds steps to the running call's budget; when the budget or the time
 * limit is spent, raises "path:line: script ran too long (...)" (the
 * sandbox's pcall re-raises it).  Does nothing outside a sandboxed call. */
void lua_host_charge(lua_State *L, long steps);

/* Replaces find, match, gmatch, gsub and rep in the string library table
 * at index strtab by the counted versions. */
void lua_match_install(lua_State *L, int strtab);

/* Replaces insert, remove, move, concat, unpack and sort in the table
 * library table at index tabtab by the counted versions. */
void lua_tablib_install(lua_State *L, int tabtab);

#endif
