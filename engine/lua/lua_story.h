/* lua_story.h - loads a scenario folder's Lua files into a Scenario and
 * evaluates its script conditions and effects (the scene API of
 * docs/authoring.md).
 *
 * Lifetime: a Scenario loaded here keeps registry refs into the LuaHost
 * (StoryOption.cond_ref / effect_ref).  The LuaHost must outlive every use
 * of those refs, i.e. every StoryRun playing the scenario with
 * lua_story_hooks(); call lua_story_release() before scenario_free() when
 * the host lives on (hot reload), so the functions can be collected.
 */
#ifndef LUA_LUA_STORY_H
#define LUA_LUA_STORY_H

#include "core/err.h"
#include "lua/lua_host.h"
#include "story/scenario.h"
#include "story/story.h"
#include "story/validate.h"

/* The limits of the declarations themselves are the builder's
 * (story/scenario_build.h: STORY_MAX_CONTACTS, STORY_MAX_ADVICE, ...). */
#define LUA_STORY_MAX_INCLUDE_DEPTH 8
#define LUA_STORY_MAX_PATH 1024

/* Runs DIR/scenario.lua (chunk name "@DIR/scenario.lua") in a fresh sandbox
 * environment holding the declaration functions (scenario, cast, beat, say,
 * sms, narrate, image, choice, signal, idea, discuss, option, include),
 * validates every declaration as it is made and links the graph.  Every
 * element records its file and line.  Returns the scenario (the caller
 * frees it with lua_story_release + scenario_free), or NULL with
 * "path:line: message" in err (ERR_SCRIPT for script failures, ERR_INVALID
 * for bad declarations, ERR_IO for an unreadable file).  A set/add of a
 * variable not declared in vars is an error; unknown names come with the
 * closest known one ("did you mean `checked`?").  Missing translations are
 * not errors here (the checker reports them). */
Scenario *lua_story_load(LuaHost *h, const char *dir, Err *err);

/* lua_story_load(), then the translation files DIR/strings.LANG.po laid
 * over it; a translation file that cannot be used is a warning (logged) and
 * the scenario keeps its own texts.  What play, test, script and map load. */
Scenario *lua_story_load_translated(LuaHost *h, const char *dir, Err *err);

/* Receives one finding of lua_story_load_all(): 1 for an error, 0 for a
 * warning, and "path:line: message" (borrowed for the call). */
typedef void (*LuaStoryReport)(void *ud, int is_error, const char *msg);

/* lua_story_load() for checkers, reporting as many mistakes as one run can
 * find through fn (which must not be NULL): a mistake that leaves the
 * declaration usable (set/add of a variable not declared in vars, an unknown
 * cast id) is reported and the load goes on; when the beat graph cannot be
 * linked (unknown beat ids), every problem story_validate() finds is
 * reported; an error that stops the load is reported last.  *n_errors
 * counts the errors given to fn.  Returns the scenario when it loaded, even
 * with *n_errors > 0 (the caller treats it as failed then, but may check it
 * further); otherwise NULL, with the error that stopped the load in err as
 * well. */
Scenario *lua_story_load_all(LuaHost *h, const char *dir, LuaStoryReport fn, void *ud,
                             int *n_errors, Err *err);

/* Reads the lines of o's condition and effect functions (o from a scenario
 * loaded with h) for `v.name` and `visits.name`, v and visits being the
 * function's parameters, and reports each variable not declared in vars
 * and each unknown beat as an error "path:line: what: message" through fn,
 * even where the function would never read it (`a and v.chekced`).
 * Returns the number reported; 0 when the source cannot be read. */
int lua_story_scan_option(LuaHost *h, const Scenario *sc, const StoryOption *o, const char *what,
                          LuaStoryReport fn, void *ud);

/* `spectactor check`: reads every option's condition and effect for
 * undeclared variables and unknown beats (lua_story_scan_option), then runs
 * every condition once with the initial variables under the sandbox's
 * limits, and a second time to see it gives the same answer.  Limit
 * breaches, undeclared names and answers that are not true/false are
 * errors; other failures (a variable read before it is set) and
 * conditions slower than slow_ms are warnings.  Findings at a place of the
 * scenario go to fn, findings at the script's own "path:line: " to
 * at_script.  Returns the number of errors given to at_script (fn counts
 * its own). */
int lua_story_check_conditions(LuaHost *h, const Scenario *sc, double slow_ms, ValidateReport fn,
                               LuaStoryReport at_script, void *ud);

/* Compiles the Lua file at path without running it, to find its syntax
 * errors ("path:line: message", with a hint in story terms).  Returns 0, or
 * ERR_IO / ERR_LIMIT / ERR_SCRIPT with the message in err. */
int lua_story_compile(LuaHost *h, const char *path, Err *err);

/* Hooks evaluating cond_ref / effect_ref of scenarios loaded with h: a
 * condition is called as f(v, visits) with read-only variables and visit
 * counts by beat id; an effect as f(v) with writable variables (numbers,
 * booleans and strings only).  Both run under the host's limits; failures
 * read "path:line: message" of the script line.  The pointer is borrowed
 * until lua_host_free(h); NULL only when out of memory. */
const StoryHooks *lua_story_hooks(LuaHost *h);

/* Drops the registry refs sc holds in h (sc must come from
 * lua_story_load(h, ...)); sc itself stays valid but its script conditions
 * and effects must no longer be called.  NULL arguments are fine. */
void lua_story_release(LuaHost *h, Scenario *sc);

#endif
