/* lua_eval.h - loads an evaluation questionnaire written in Lua
 * (scenes/questionnaire.lua, or questionnaire.lua next to a scenario) into
 * an EvalQuestionnaire.  The format is described in docs/evaluation.md. */
#ifndef LUA_LUA_EVAL_H
#define LUA_LUA_EVAL_H

#include "core/err.h"
#include "eval/eval.h"
#include "lua/lua_host.h"

/* Runs the file at path in a fresh sandbox environment of h that holds one
 * declaration function, questionnaire { ... }, which must be called exactly
 * once.  Returns a finished questionnaire (caller frees it with
 * eval_q_free), or NULL with "path:line: message" for script errors and
 * "path: question 'id': message" for a bad declaration. */
EvalQuestionnaire *lua_eval_load(LuaHost *h, const char *path, Err *err);

#endif
