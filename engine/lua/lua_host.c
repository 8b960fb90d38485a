/* lua_host.c - the sandboxed Lua state: memory cap, safe globals, time and
 * instruction limits, and "path:line: message" errors (see lua_host.h). */
#include "lua/lua_host.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "core/log.h"
#include "lua/lua_syntax.h"

#define HOST_PATHS 16 /* recent file paths, to undo Lua's path shortening */
#define HOST_PRINT_MAX 1000
#define WHERE_MAX (ERR_MSG_MAX - 64) /* "path:line: " leaves room for the message */

enum { ABORT_NONE, ABORT_TIME, ABORT_MEM };

struct LuaHost {
    lua_State *L;
    size_t used;
    size_t mem_max;
    long time_ms;
    long instr_max;
    /* Per outermost call. */
    int depth;
    long instr;
    double deadline_ms;
    int abort; /* ABORT_*: a limit was hit; pcall inside scripts re-raises */
    char abort_msg[ERR_MSG_MAX];
    int oom_pending; /* the allocator refused; oom_msg says where */
    char oom_msg[ERR_MSG_MAX];
    int template_ref; /* registry: table of the safe globals */
    char *paths[HOST_PATHS];
    int next_path;
};

static double now_ms(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static LuaHost *host_of(lua_State *L)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

/* The full path of a chunk ("@path" chunk names), else Lua's short form. */
static const char *debug_src(const lua_Debug *ar)
{
    if (ar->source && ar->source[0] == '@')
        return ar->source + 1;
    return ar->short_src;
}

/* "path:line: " of the innermost script function at or above level, or "".
 * Reads only the call-info chain; safe inside the allocator and hooks. */
static void where_at(lua_State *L, int level, char *buf, size_t n)
{
    lua_Debug ar;
    memset(&ar, 0, sizeof ar);
    buf[0] = '\0';
    for (; level < 200 && lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            snprintf(buf, n, "%s:%d: ", debug_src(&ar), ar.currentline);
            return;
        }
    }
}

static void *host_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    LuaHost *h = ud;
    size_t old = ptr ? osize : 0;
    void *p = NULL;
    if (nsize == 0) {
        free(ptr);
        h->used -= old;
        return NULL;
    }
    if (nsize > old && nsize - old > h->mem_max - h->used) {
        /* Lua retries once after an emergency collection; remember where
         * the script stood in case the retry fails too. */
        if (h->depth > 0 && h->L && !h->oom_pending) {
            char where[WHERE_MAX];
            where_at(h->L, 0, where, sizeof where);
            snprintf(h->oom_msg, sizeof h->oom_msg, "%snot enough memory", where);
            h->oom_pending = 1;
        }
        return NULL;
    }
    p = realloc(ptr, nsize);
    if (!p) {
        if (nsize <= old)
            return ptr; /* Lua assumes shrinking never fails */
        return NULL;
    }
    if (nsize > old)
        h->oom_pending = 0; /* the emergency collection made room */
    h->used = h->used - old + nsize;
    return p;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
    LuaHost *h = host_of(L);
    char where[WHERE_MAX];
    if (h->depth == 0)
        return;
    h->instr += LUA_HOST_HOOK_EVERY;
    if (h->instr <= h->instr_max && now_ms() <= h->deadline_ms)
        return;
    if (h->abort == ABORT_NONE) {
        where[0] = '\0';
        if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
            snprintf(where, sizeof where, "%s:%d: ", debug_src(ar), ar->currentline);
        else
            where_at(L, 0, where, sizeof where);
        snprintf(h->abort_msg, sizeof h->abort_msg, "%sscript ran too long (endless loop?)", where);
        h->abort = ABORT_TIME;
    }
    lua_pushstring(L, h->abort_msg);
    lua_error(L);
}

/* 1 if msg starts with "something:digits: ". */
static int has_where(const char *msg)
{
    const char *p = msg;
    const char *nl = strchr(msg, '\n');
    while ((p = strchr(p, ':')) != NULL && (!nl || p < nl)) {
        const char *d = p + 1;
        while (*d >= '0' && *d <= '9')
            d++;
        if (d > p + 1 && d[0] == ':' && d[1] == ' ')
            return 1;
        p++;
    }
    return 0;
}

/* Lua shortens long chunk names to "...tail"; put the full path back when
 * it is one of the files this host loaded. */
static void fix_where(const LuaHost *h, const char *msg, char *out, size_t n)
{
    const char *colon = NULL;
    size_t tail = 0;
    int i = 0;
    if (strncmp(msg, "...", 3) != 0 || !has_where(msg)) {
        snprintf(out, n, "%s", msg);
        return;
    }
    colon = strchr(msg + 3, ':');
    while (colon && !(colon[1] >= '0' && colon[1] <= '9'))
        colon = strchr(colon + 1, ':');
    if (!colon) {
        snprintf(out, n, "%s", msg);
        return;
    }
    tail = (size_t)(colon - (msg + 3));
    for (i = 0; i < HOST_PATHS; i++) {
        const char *p = h->paths[i];
        size_t len = p ? strlen(p) : 0;
        if (p && len > tail && memcmp(p + len - tail, msg + 3, tail) == 0) {
            snprintf(out, n, "%s%s", p, colon);
            return;
        }
    }
    snprintf(out, n, "%s", msg);
}

/* Message handler: the error value as "path:line: message". */
static int msgh(lua_State *L)
{
    char where[WHERE_MAX];
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            msg = lua_tostring(L, -1);
        else
            msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    if (has_where(msg))
        return 1;
    where_at(L, 1, where, sizeof where);
    lua_pushfstring(L, "%s%s", where, msg);
    return 1;
}

/* After a protected call inside a script: a hit limit is raised again so
 * scripts cannot swallow it. */
static int rethrow_if_aborted(lua_State *L, int status)
{
    LuaHost *h = host_of(L);
    if (status == LUA_ERRMEM && h->abort == ABORT_NONE) {
        h->abort = ABORT_MEM;
        snprintf(h->abort_msg, sizeof h->abort_msg, "%s",
                 h->oom_pending ? h->oom_msg : "not enough memory");
    }
    if (h->abort == ABORT_NONE)
        return 0;
    lua_pushstring(L, h->abort_msg);
    return lua_error(L);
}

static int l_pcall(lua_State *L)
{
    int status = 0;
    luaL_checkany(L, 1);
    status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    rethrow_if_aborted(L, status);
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

static int l_xpcall(lua_State *L)
{
    int status = 0;
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);
    status = lua_pcall(L, n - 2, LUA_MULTRET, 2);
    rethrow_if_aborted(L, status);
    if (status != LUA_OK) {
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L) - 2;
}

/* print(...) -> the engine log, one line, at most HOST_PRINT_MAX bytes. */
static int l_print(lua_State *L)
{
    luaL_Buffer b;
    int n = lua_gettop(L);
    int i = 0;
    size_t len = 0;
    const char *s = NULL;
    luaL_buffinit(L, &b);
    for (i = 1; i <= n; i++) {
        s = luaL_tolstring(L, i, &len);
        if (i > 1)
            luaL_addchar(&b, '\t');
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    s = lua_tolstring(L, -1, &len);
    log_info("script: %.*s", (int)(len > HOST_PRINT_MAX ? HOST_PRINT_MAX : len), s);
    return 0;
}

/* setmetatable without __gc: finalizers would run outside any limit. */
static int l_setmetatable(lua_State *L)
{
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE && lua_getfield(L, 2, "__gc") != LUA_TNIL)
        return luaL_error(L, "__gc metamethods are not allowed in scenarios");
    if (t == LUA_TTABLE)
        lua_pop(L, 1);
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

static const char *const safe_base[] = {"assert", "error", "getmetatable", "ipairs", "next",
                                        "pairs", "rawequal", "rawget", "rawlen", "rawset",
                                        "select", "tonumber", "tostring", "type", "_VERSION",
                                        NULL};
static const char *const safe_libs[] = {LUA_STRLIBNAME, LUA_TABLIBNAME, LUA_MATHLIBNAME,
                                        LUA_UTF8LIBNAME, NULL};

/* Lua's pattern matcher backtracks inside one C call that the instruction
 * hook cannot interrupt: ("a"):rep(3000):find(".-.-.-.-b") would freeze the
 * engine.  Before calling the real find/match/gmatch/gsub, the guard
 * estimates the matcher's worst case: with q "expanding" items (the
 * quantifiers * + - ?, a %b balance, a %1..%9 back-reference) on a text of n
 * bytes, each start position tries at most C(n + q, q) ways to split the
 * text between them, so the work is about n * n^q / q! (one start position
 * when anchored; gmatch has no anchors; a quantifier at the very end costs a
 * scan, not a factor).  A call whose estimate exceeds
 * LUA_HOST_PATTERN_WORK is refused, and every allowed call charges its
 * estimate to the call's instruction budget and checks the clock, so a loop
 * of allowed searches ends like an endless loop. */

static int pattern_expanders(const char *p, size_t n)
{
    size_t i = 0;
    int q = 0;
    while (i < n) {
        if (p[i] == '%') {
            if (i + 1 < n && (p[i + 1] == 'b' || (p[i + 1] >= '1' && p[i + 1] <= '9')))
                q++; /* %bxy scans to its match; %1 compares a capture of any length */
            if (i + 1 < n && p[i + 1] == 'b')
                i += 2; /* the two delimiter characters */
            i += 2;
            continue;
        }
        if (p[i] == '[') { /* a set: its characters are literals */
            i++;
            if (i < n && p[i] == '^')
                i++;
            if (i < n && p[i] == ']')
                i++;
            while (i < n && p[i] != ']') {
                if (p[i] == '%')
                    i++;
                i++;
            }
            i++;
            continue;
        }
        if (p[i] == '*' || p[i] == '+' || p[i] == '-' || p[i] == '?') {
            /* a quantifier followed only by capture ends and '$' never
             * backtracks into the rest: it costs one scan, not a factor */
            size_t j = i + 1;
            while (j < n && (p[j] == ')' || (p[j] == '$' && j + 1 == n)))
                j++;
            if (j < n)
                q++;
        }
        i++;
    }
    return q;
}

static int l_pattern_guard(lua_State *L)
{
    LuaHost *h = host_of(L);
    size_t n = 0, pn = 0;
    const char *pat = NULL;
    int kind = (int)lua_tointeger(L, lua_upvalueindex(2)); /* 1 find, 2 gmatch, 0 others */
    int plain = 0;
    luaL_checklstring(L, 1, &n);
    pat = luaL_checklstring(L, 2, &pn);
    plain = kind == 1 && lua_toboolean(L, 4);
    if (!plain) {
        int q = pattern_expanders(pat, pn);
        int anchored = kind != 2 && pn > 0 && pat[0] == '^';
        double work = anchored ? 1.0 : (double)n + 1;
        int k = 0;
        for (k = 1; k <= q && work <= LUA_HOST_PATTERN_WORK; k++)
            work = work * ((double)n + k) / k;
        work += (double)n; /* the plain scan */
        if (work > LUA_HOST_PATTERN_WORK)
            return luaL_error(L, "pattern too complex for a text of %d bytes (it could search "
                                 "for hours); simplify the pattern",
                              (int)n);
        /* charge the search to this call's budget, as instructions would be */
        if (h->depth > 0) {
            h->instr += (long)work;
            if (h->instr > h->instr_max || now_ms() > h->deadline_ms) {
                char where[WHERE_MAX];
                where_at(L, 1, where, sizeof where);
                if (h->abort == ABORT_NONE) {
                    snprintf(h->abort_msg, sizeof h->abort_msg, "%sscript ran too long (endless loop?)", where);
                    h->abort = ABORT_TIME;
                }
                lua_pushstring(L, h->abort_msg);
                return lua_error(L);
            }
        }
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* Replaces string[name] by the guard around the original (upvalue 1);
 * upvalue 2 tells find (1, whose 4th argument can ask for a plain search)
 * and gmatch (2, where '^' is no anchor) from the others (0). */
static void guard_pattern_fn(lua_State *L, int strtab, const char *name, int kind)
{
    lua_getfield(L, strtab, name);
    lua_pushinteger(L, kind);
    lua_pushcclosure(L, l_pattern_guard, 2);
    lua_setfield(L, strtab, name);
}

/* Protected setup: libraries, removals, the template of safe globals. */
static int setup(lua_State *L)
{
    LuaHost *h = host_of(L);
    int i = 0;
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_settop(L, 0);
    /* The library tables are shared with the string metatable: strip them
     * in place, then hide the string metatable from scripts. */
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    guard_pattern_fn(L, lua_gettop(L), "find", 1);
    guard_pattern_fn(L, lua_gettop(L), "match", 0);
    guard_pattern_fn(L, lua_gettop(L), "gmatch", 2);
    guard_pattern_fn(L, lua_gettop(L), "gsub", 0);
    lua_pop(L, 1);
    lua_getglobal(L, LUA_MATHLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "random");
    lua_pushnil(L);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    /* Template of safe globals; lua_host_new_env copies it. */
    lua_newtable(L);
    for (i = 0; safe_base[i]; i++) {
        lua_getglobal(L, safe_base[i]);
        lua_setfield(L, -2, safe_base[i]);
    }
    for (i = 0; safe_libs[i]; i++) {
        lua_getglobal(L, safe_libs[i]);
        lua_setfield(L, -2, safe_libs[i]);
    }
    lua_pushcfunction(L, l_pcall);
    lua_setfield(L, -2, "pcall");
    lua_pushcfunction(L, l_xpcall);
    lua_setfield(L, -2, "xpcall");
    lua_pushcfunction(L, l_print);
    lua_setfield(L, -2, "print");
    lua_pushcfunction(L, l_setmetatable);
    lua_setfield(L, -2, "setmetatable");
    h->template_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    /* The real globals are never a script's _ENV, but empty them of the
     * dangerous functions anyway. */
    lua_pushglobaltable(L);
    lua_pushnil(L);
    lua_setfield(L, -2, "load");
    lua_pushnil(L);
    lua_setfield(L, -2, "loadfile");
    lua_pushnil(L);
    lua_setfield(L, -2, "dofile");
    lua_pushnil(L);
    lua_setfield(L, -2, "collectgarbage");
    lua_pushnil(L);
    lua_setfield(L, -2, "require");
    lua_pop(L, 1);
    return 0;
}

static int panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    log_error("lua: unprotected error: %s", msg ? msg : "?");
    return 0;
}

/* Creates the sandboxed state; NULL on failure (err says why). */
LuaHost *lua_host_new(Err *err)
{
    LuaHost *h = calloc(1, sizeof(*h));
    if (!h) {
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    h->mem_max = LUA_HOST_MEM_MAX;
    h->time_ms = LUA_HOST_TIME_MS;
    h->instr_max = LUA_HOST_INSTR_MAX;
    h->template_ref = LUA_NOREF;
    h->L = lua_newstate(host_alloc, h);
    if (!h->L) {
        free(h);
        err_set(err, ERR_NOMEM, "cannot create the Lua state");
        return NULL;
    }
    lua_atpanic(h->L, panic);
    lua_sethook(h->L, count_hook, LUA_MASKCOUNT, LUA_HOST_HOOK_EVERY);
    lua_pushcfunction(h->L, setup);
    if (lua_host_pcall(h, 0, 0, err) != 0) {
        err_prefix(err, "lua setup");
        lua_host_free(h);
        return NULL;
    }
    return h;
}

/* Closes the state and forgets the paths; NULL is fine. */
void lua_host_free(LuaHost *h)
{
    int i = 0;
    if (!h)
        return;
    if (h->L)
        lua_close(h->L);
    for (i = 0; i < HOST_PATHS; i++)
        free(h->paths[i]);
    free(h);
}

/* The raw state, borrowed for the host's lifetime. */
lua_State *lua_host_state(LuaHost *h)
{
    return h ? h->L : NULL;
}

/* Per-call limits; <= 0 restores the default. */
void lua_host_set_limits(LuaHost *h, long time_ms, long instructions)
{
    if (!h)
        return;
    h->time_ms = time_ms > 0 ? time_ms : LUA_HOST_TIME_MS;
    h->instr_max = instructions > 0 ? instructions : LUA_HOST_INSTR_MAX;
}

/* Bytes held by the state. */
size_t lua_host_mem_used(const LuaHost *h)
{
    return h ? h->used : 0;
}

/* Protected call under the limits; see lua_host.h. */
int lua_host_pcall(LuaHost *h, int nargs, int nres, Err *err)
{
    lua_State *L = NULL;
    int base = 0;
    int status = 0;
    int outer = 0;
    int code = ERR_SCRIPT;
    const char *msg = NULL;
    char fixed[ERR_MSG_MAX];
    if (!h || !h->L)
        return err_set(err, ERR_STATE, "no Lua host");
    L = h->L;
    base = lua_gettop(L) - nargs;
    outer = h->depth == 0;
    if (outer) {
        h->abort = ABORT_NONE;
        h->oom_pending = 0;
        h->instr = 0;
        h->deadline_ms = now_ms() + (double)h->time_ms;
    }
    if (!lua_checkstack(L, 4)) {
        lua_pop(L, nargs + 1);
        return err_set(err, ERR_NOMEM, "Lua stack exhausted");
    }
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    h->depth++;
    status = lua_pcall(L, nargs, nres, base);
    h->depth--;
    lua_remove(L, base);
    if (status == LUA_OK)
        return 0;
    if (h->abort != ABORT_NONE) {
        msg = h->abort_msg;
        code = h->abort == ABORT_MEM ? ERR_NOMEM : ERR_SCRIPT;
    } else if (status == LUA_ERRMEM) {
        msg = h->oom_pending ? h->oom_msg : "not enough memory";
        code = ERR_NOMEM;
    } else {
        msg = lua_tostring(L, -1);
        if (!msg)
            msg = "error in error handling";
    }
    fix_where(h, msg, fixed, sizeof fixed);
    err_set(err, code, "%s", fixed);
    lua_pop(L, 1);
    if (outer) {
        h->abort = ABORT_NONE;
        h->oom_pending = 0;
        lua_gc(L, LUA_GCCOLLECT); /* give back what the failed script held */
    }
    return code;
}

static int new_env(lua_State *L)
{
    LuaHost *h = host_of(L);
    lua_newtable(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->template_ref);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_type(L, -1) == LUA_TTABLE) { /* a library: copy it */
            lua_newtable(L);
            lua_pushnil(L);
            while (lua_next(L, -3)) {
                lua_pushvalue(L, -2);
                lua_insert(L, -2);
                lua_rawset(L, -4);
            }
            lua_remove(L, -2);
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -5);
    }
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "_G");
    return 1;
}

/* Pushes a fresh environment of safe globals; 0 or negative (nothing
 * pushed). */
int lua_host_new_env(LuaHost *h, Err *err)
{
    if (!h || !h->L)
        return err_set(err, ERR_STATE, "no Lua host");
    lua_pushcfunction(h->L, new_env);
    return lua_host_pcall(h, 0, 1, err);
}

static void remember_path(LuaHost *h, const char *path)
{
    int i = 0;
    char *copy = NULL;
    for (i = 0; i < HOST_PATHS; i++)
        if (h->paths[i] && strcmp(h->paths[i], path) == 0)
            return;
    copy = malloc(strlen(path) + 1);
    if (!copy)
        return;
    strcpy(copy, path);
    free(h->paths[h->next_path]);
    h->paths[h->next_path] = copy;
    h->next_path = (h->next_path + 1) % HOST_PATHS;
}

/* Reads path into a malloc'd buffer (caller frees); 0 or negative. */
static int read_file(const char *path, char **out, size_t *len, Err *err)
{
    FILE *f = NULL;
    char *buf = NULL;
    size_t n = 0;
    *out = NULL;
    *len = 0;
    f = fopen(path, "rb");
    if (!f)
        return err_set(err, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    buf = malloc(LUA_HOST_FILE_MAX + 1);
    if (!buf) {
        fclose(f);
        return err_set(err, ERR_NOMEM, "%s: out of memory", path);
    }
    n = fread(buf, 1, LUA_HOST_FILE_MAX + 1, f);
    if (ferror(f)) {
        fclose(f);
        free(buf);
        return err_set(err, ERR_IO, "%s: read error", path);
    }
    fclose(f);
    if (n > LUA_HOST_FILE_MAX) {
        free(buf);
        return err_set(err, ERR_LIMIT, "%s:1: file is larger than %d bytes", path,
                       LUA_HOST_FILE_MAX);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

/* Compiles the text script at path with _ENV = the table at env_index and
 * pushes it; 0 or negative with nothing pushed. */
int lua_host_load_file(LuaHost *h, const char *path, int env_index, Err *err)
{
    lua_State *L = NULL;
    char *text = NULL;
    char *chunkname = NULL;
    size_t len = 0;
    int rc = 0;
    int status = 0;
    char fixed[ERR_MSG_MAX];
    const char *msg = NULL;
    if (!h || !h->L || !path)
        return err_set(err, ERR_STATE, "no Lua host or path");
    L = h->L;
    env_index = lua_absindex(L, env_index);
    if (lua_type(L, env_index) != LUA_TTABLE)
        return err_set(err, ERR_INVALID, "%s: no environment table", path);
    rc = read_file(path, &text, &len, err);
    if (rc != 0)
        return rc;
    if (len > 0 && text[0] == LUA_SIGNATURE[0]) {
        free(text);
        return err_set(err, ERR_SCRIPT, "%s:1: precompiled (bytecode) chunks are refused", path);
    }
    remember_path(h, path);
    if (!lua_checkstack(L, 2)) {
        free(text);
        return err_set(err, ERR_NOMEM, "Lua stack exhausted");
    }
    chunkname = malloc(strlen(path) + 2);
    if (!chunkname) {
        free(text);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    chunkname[0] = '@';
    strcpy(chunkname + 1, path);
    status = luaL_loadbufferx(L, text, len, chunkname, "t");
    if (status == LUA_ERRSYNTAX) lua_syntax_explain(L, text, len); /* errors in story terms */
    free(text);
    free(chunkname);
    if (status != LUA_OK) {
        msg = status == LUA_ERRMEM ? "not enough memory" : lua_tostring(L, -1);
        fix_where(h, msg ? msg : "cannot load", fixed, sizeof fixed);
        rc = err_set(err, status == LUA_ERRMEM ? ERR_NOMEM : ERR_SCRIPT, "%s", fixed);
        if (!has_where(fixed)) {
            err_set(err, rc, "%s:1: %s", path, fixed);
        }
        lua_pop(L, 1);
        return rc;
    }
    lua_pushvalue(L, env_index);
    if (!lua_setupvalue(L, -2, 1))
        lua_pop(L, 1); /* a chunk always has _ENV; be safe anyway */
    return 0;
}

/* Loads and runs path in the environment at env_index. */
int lua_host_run_file(LuaHost *h, const char *path, int env_index, Err *err)
{
    int rc = lua_host_load_file(h, path, env_index, err);
    if (rc != 0)
        return rc;
    return lua_host_pcall(h, 0, 0, err);
}
