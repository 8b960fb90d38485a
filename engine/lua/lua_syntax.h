/* lua_syntax.h - syntax errors in story terms.
 *
 * Lua's own messages are for programmers: a missing comma between two steps
 * reads "'}' expected (to close '{' at line 79) near 'say'" on the line of
 * the *next* step.  The mistakes authors make most (a missing comma between
 * steps or fields, a missing closing brace, a forgotten `then`/`do`/`end`,
 * an unclosed text) get a message that names the story element and the line
 * to fix instead ("missing comma after the step on line 83?").  Pure text
 * work: a small Lua tokenizer over the chunk, no Lua state.
 */
#ifndef LUA_LUA_SYNTAX_H
#define LUA_LUA_SYNTAX_H

#include <stddef.h>

#include <lua.h>

/* Bytes of the chunk text examined; longer chunks keep Lua's message. */
#define LUA_SYNTAX_MAX_TEXT (1024 * 1024)

/* Explains msg, Lua's syntax error "path:line: message near 'tok'" for the
 * chunk text src[0..len).  Writes "path:line: hint" (the line of the
 * mistake, which may differ from Lua's) into out and returns 1; returns 0
 * and leaves out untouched when it has no better message.  out may be msg
 * itself only when the hint is built first (it is: out is written last). */
int lua_syntax_hint(const char *src, size_t len, const char *msg, char *out, size_t size);

/* Receives one `obj.name` found by lua_syntax_fields(): the name (n bytes,
 * not NUL-terminated) and its line. */
typedef void (*LuaSyntaxField)(void *ud, const char *name, size_t n, int line);

/* Finds every `obj.name` and `obj["name"]` (obj not itself after a `.` or
 * `:`) on lines first..last of the chunk text src[0..len), skipping strings
 * and comments, and passes each to fn.  Returns the number found, or -1
 * when out of memory or the text is longer than LUA_SYNTAX_MAX_TEXT. */
int lua_syntax_fields(const char *src, size_t len, int first, int last, const char *obj,
                      LuaSyntaxField fn, void *ud);

/* For the chunk loader: replaces the syntax error message on top of L's
 * stack with lua_syntax_hint()'s, when there is one.  Never raises (an
 * allocation failure keeps Lua's message). */
void lua_syntax_explain(lua_State *L, const char *src, size_t len);

#endif
