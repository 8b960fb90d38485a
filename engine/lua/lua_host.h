/* lua_host.h - the sandboxed Lua state every scenario script runs in.
 *
 * One LuaHost owns one lua_State with:
 *   - a memory cap (LUA_HOST_MEM_MAX) on the Lua heap plus what
 *     declarations keep outside it (lua_host_charge_memory): a script that
 *     allocates more fails with "path:line: not enough memory", never the
 *     process;
 *   - only the base, string, table, math and utf8 libraries, without load,
 *     loadfile, dofile, require, collectgarbage, warn, string.dump,
 *     math.random and math.randomseed; print goes to the engine log;
 *   - text chunks only (precompiled bytecode is refused);
 *   - per call into script code (or per batch of calls, see
 *     lua_host_batch_begin) a time limit (LUA_HOST_TIME_MS, monotonic
 *     clock) and an instruction budget (LUA_HOST_INSTR_MAX), checked by a
 *     count hook every LUA_HOST_HOOK_EVERY instructions; exceeding either
 *     stops the call with "path:line: script ran too long (endless loop?)".
 *     Scripts cannot swallow a limit error with pcall/xpcall: the sandbox's
 *     versions re-raise it, and xpcall's message handler is skipped once a
 *     limit was hit.  The hook cannot interrupt a C function, so the library
 *     functions whose C loops could run long are the sandbox's own counted
 *     versions (lua_limits.h): the pattern matcher (find, match, gmatch,
 *     gsub), string.rep, and table.insert/remove/move/concat/unpack/sort
 *     charge their steps to the same budget.  Past the deadline the call
 *     gets no more memory, so a C loop that allocates stops too, and a
 *     watchdog thread flags the deadline at once; a call still running
 *     LUA_HOST_WATCHDOG_MS after its deadline (a C loop nothing counts;
 *     none is known), with the process having used that much CPU time
 *     since (a busy machine only slows the unwinding), ends the process
 *     with a message on stderr.
 *   - script files must be regular files inside the scenario folder (the
 *     folder of the first file a call loads) once symbolic links are
 *     resolved: a FIFO, a device or a link to elsewhere is refused before
 *     it is opened.
 *   - setmetatable refuses __gc metamethods (finalizers would run outside
 *     any limit), and the string metatable is hidden from scripts.
 *
 * Scripts never see the real global table: each script runs in an
 * environment table made by lua_host_new_env() that holds copies of the safe
 * globals (the library tables are copied too, so one scenario cannot patch
 * string.* for the next).  A loader adds its declaration functions to that
 * table and runs its files with lua_host_run_file().
 *
 * Every error message reads "path:line: message", where path is the file
 * path given to lua_host_load_file (chunk name "@path").
 *
 * Threading: the main thread alone touches a LuaHost.
 */
#ifndef LUA_LUA_HOST_H
#define LUA_LUA_HOST_H

#include <stddef.h>

#include "core/err.h"

typedef struct lua_State lua_State;
typedef struct LuaHost LuaHost;

#define LUA_HOST_MEM_MAX ((size_t)64 * 1024 * 1024)
#define LUA_HOST_TIME_MS 1000
#define LUA_HOST_INSTR_MAX 200000000L
#define LUA_HOST_HOOK_EVERY 100
#define LUA_HOST_WATCHDOG_MS 1500 /* past the deadline, on the clock and the CPU: the process ends */
#define LUA_HOST_FILE_MAX (1024 * 1024) /* bytes in one script file */

/* Creates the sandboxed state.  NULL on failure (err says why). */
LuaHost *lua_host_new(Err *err);

/* Closes the state; every registry ref taken from it (StoryOption.cond_ref
 * and effect_ref of scenarios loaded by lua_story_load) becomes invalid.
 * NULL is fine. */
void lua_host_free(LuaHost *h);

/* The raw state, for loaders in engine/lua only.  Borrowed for the host's
 * lifetime. */
lua_State *lua_host_state(LuaHost *h);

/* For declaration functions (C functions called by a script): charges
 * bytes the declaration keeps outside the Lua heap (copies in a Scenario)
 * to the running call's memory cap.  When the cap is exceeded, raises
 * "path:line: not enough memory (...)" at the script line that called the
 * declaration, and the call fails with ERR_NOMEM.  Charges last until the
 * outermost call ends. */
void lua_host_charge_memory(lua_State *L, size_t bytes);

/* Changes the per-call limits (tests use small ones); a value <= 0 restores
 * the default.  Takes effect at the next outermost call. */
void lua_host_set_limits(LuaHost *h, long time_ms, long instructions);

/* A batch: from lua_host_batch_begin to the matching lua_host_batch_end,
 * every outermost call shares the limits of one call (LUA_HOST_TIME_MS from
 * the begin, LUA_HOST_INSTR_MAX in all), so the conditions and effects of
 * one show action together cannot stall the projector for longer than
 * that.  A call that starts once the batch's budget is spent stops at
 * once with "path:line: script ran too long (one key's scripts share
 * 1000 ms)".  Batches nest (the outermost counts); an end without a begin, or
 * on NULL, does nothing.  Not to be called from inside a call. */
void lua_host_batch_begin(LuaHost *h);
void lua_host_batch_end(LuaHost *h);

/* Bytes the state currently holds. */
size_t lua_host_mem_used(const LuaHost *h);

/* Calls the function below nargs arguments on the stack, like lua_pcall,
 * under the sandbox limits and a message handler that prefixes "path:line: "
 * of the script line that failed.  On success leaves nres results (0).  On
 * failure pops the function and arguments, pushes nothing, writes
 * "path:line: message" into err and returns ERR_SCRIPT (ERR_NOMEM for the
 * memory cap).  Nested calls (a C function called from a script calling
 * back) share the limits of the outermost call. */
int lua_host_pcall(LuaHost *h, int nargs, int nres, Err *err);

/* Pushes a fresh environment table holding the safe globals (with _G set
 * to itself).  Returns 0, or a negative code with nothing pushed. */
int lua_host_new_env(LuaHost *h, Err *err);

/* Reads the text script at path (at most LUA_HOST_FILE_MAX bytes), compiles
 * it with chunk name "@path" and sets its _ENV to the table at env_index;
 * pushes the compiled function.  Bytecode is refused.  Returns 0, or
 * ERR_IO / ERR_LIMIT / ERR_SCRIPT with nothing pushed.  Does not run the
 * chunk and may be called from inside a script call (as `include` does). */
int lua_host_load_file(LuaHost *h, const char *path, int env_index, Err *err);

/* lua_host_load_file + lua_host_pcall(h, 0, 0): runs the file in the
 * environment at env_index.  Returns 0 or a negative code (err set). */
int lua_host_run_file(LuaHost *h, const char *path, int env_index, Err *err);

#endif
