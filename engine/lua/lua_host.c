/* lua_host.c - the sandboxed Lua state: memory cap, safe globals, time and
 * instruction limits, and "path:line: message" errors (see lua_host.h). */
#include "lua/lua_host.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "compat/compat.h"
#include "core/log.h"
#include "lua/lua_limits.h"
#include "lua/lua_syntax.h"

#define HOST_PATHS 16 /* recent file paths, to undo Lua's path shortening */
#define HOST_PRINT_MAX 1000
#define WHERE_MAX (ERR_MSG_MAX - 64) /* "path:line: " leaves room for the message */

#define CLOCK_EVERY 8 /* hook calls between two looks at the clock */
#define ALLOC_CLOCK_EVERY 256 /* allocations between two looks at the clock */

enum { ABORT_NONE, ABORT_TIME, ABORT_MEM };

/* The watchdog thread: sets expired when the running call passes its
 * deadline (the hook, the allocator and every counted loop look at it), and
 * ends the process when the call is still running LUA_HOST_WATCHDOG_MS
 * later (a C loop nothing else could stop; none is known) and the process
 * has used as much CPU time since: a machine too busy to let the call
 * unwind in time is not a stuck call. */
typedef struct Watchdog {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int started;
    int quit;
    int armed;          /* an outermost call is running */
    double deadline_ms; /* of that call */
    int past;           /* the watchdog has seen the deadline pass */
    double cpu_past_ms; /* the process's CPU time then */
    char where[256];    /* the file the call runs, for the last-resort message */
} Watchdog;

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
    atomic_int expired; /* the deadline passed (set by the watchdog too) */
    unsigned hooks;     /* hook calls in this call, to look at the clock now and then */
    unsigned allocs;    /* allocations in this call, likewise */
    size_t charged_mem; /* bytes of declarations charged in this call */
    int late;           /* the call started with its batch's time already spent */
    /* A batch (lua_host_batch_begin): outermost calls share one budget. */
    int batch;             /* nesting depth; 0: no batch */
    double batch_deadline; /* of the whole batch */
    long batch_instr;      /* instructions the batch's calls used so far */
    char *root;         /* real path of the scenario folder of this call */
    char abort_msg[ERR_MSG_MAX];
    int oom_pending; /* the allocator refused; oom_msg says where */
    char oom_msg[ERR_MSG_MAX];
    int template_ref; /* registry: table of the safe globals */
    char *paths[HOST_PATHS];
    int next_path;
    Watchdog wd;
};

static double now_ms(void)
{
    return compat_clock_ms_precise();
}

/* The CPU time of the process in milliseconds (clock(); where the C
 * library counts the wall clock there instead, as on Windows, the watchdog
 * simply goes by the clock). */
static double cpu_ms(void)
{
    return (double)clock() * 1000.0 / (double)CLOCKS_PER_SEC;
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

/* 1 once the running call has passed its deadline (the watchdog says so,
 * or the clock when check_clock is set). */
static int out_of_time(LuaHost *h, int check_clock)
{
    if (atomic_load(&h->expired))
        return 1;
    if (check_clock && now_ms() > h->deadline_ms) {
        atomic_store(&h->expired, 1);
        return 1;
    }
    return 0;
}

/* Sets the "ran too long" message at where ("path:line: " or ""). */
static void too_long(LuaHost *h, const char *where)
{
    if (h->late)
        snprintf(h->abort_msg, sizeof h->abort_msg, "%sscript ran too long (one key's scripts share %d ms)",
                 where, (int)(h->time_ms < 1000000 ? h->time_ms : 1000000));
    else
        snprintf(h->abort_msg, sizeof h->abort_msg, "%sscript ran too long (endless loop?)", where);
    h->abort = ABORT_TIME;
}

/* Marks the call as stopped for running too long, with the script line at
 * or above level (unless a limit was hit before). */
static void abort_time(LuaHost *h, lua_State *L, int level)
{
    char where[WHERE_MAX];
    atomic_store(&h->expired, 1);
    if (h->abort != ABORT_NONE)
        return;
    where_at(L, level, where, sizeof where);
    too_long(h, where);
}

static void *host_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    LuaHost *h = ud;
    size_t old = ptr ? osize : 0;
    size_t held = h->used + h->charged_mem;
    size_t room = held < h->mem_max ? h->mem_max - held : 0;
    void *p = NULL;
    if (nsize == 0) {
        free(ptr);
        h->used -= old;
        return NULL;
    }
    /* Past its deadline a call gets no more memory: C loops that allocate
     * (concatenations, buffers) stop there with a memory error, which the
     * call reports as running too long. */
    if (nsize > old && h->depth > 0 && h->L &&
        out_of_time(h, ++h->allocs % ALLOC_CLOCK_EVERY == 0)) {
        abort_time(h, h->L, 0);
        return NULL;
    }
    if (nsize > old && nsize - old > room) {
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
    if (h->instr <= h->instr_max && !out_of_time(h, ++h->hooks % CLOCK_EVERY == 0))
        return;
    atomic_store(&h->expired, 1);
    if (h->abort == ABORT_NONE) {
        where[0] = '\0';
        if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
            snprintf(where, sizeof where, "%s:%d: ", debug_src(ar), ar->currentline);
        else
            where_at(L, 0, where, sizeof where);
        too_long(h, where);
    }
    lua_pushstring(L, h->abort_msg);
    lua_error(L);
}

/* Charges steps of a counted C loop; see lua_limits.h. */
void lua_host_charge(lua_State *L, long steps)
{
    LuaHost *h = host_of(L);
    if (h->depth == 0)
        return;
    h->instr += steps;
    if (h->instr <= h->instr_max && !out_of_time(h, 1))
        return;
    abort_time(h, L, 1);
    lua_pushstring(L, h->abort_msg);
    lua_error(L);
}

/* Charges bytes a declaration keeps outside the Lua heap; see lua_host.h. */
void lua_host_charge_memory(lua_State *L, size_t bytes)
{
    LuaHost *h = host_of(L);
    char where[WHERE_MAX];
    size_t held = h->used + h->charged_mem;
    if (h->depth == 0 || (held <= h->mem_max && bytes <= h->mem_max - held)) {
        h->charged_mem += bytes;
        return;
    }
    if (h->abort == ABORT_NONE) {
        where_at(L, 1, where, sizeof where);
        snprintf(h->abort_msg, sizeof h->abort_msg,
                 "%snot enough memory (the scenario holds more than %d MiB)", where,
                 (int)(h->mem_max >> 20));
        h->abort = ABORT_MEM;
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

/* xpcall's message handler around the script's (upvalue 1): once a limit
 * was hit or the time is up it gives the limit's message at once.  (A limit
 * fires inside the count hook, where Lua runs the handler with the hook
 * off: the script's handler could loop for ever.) */
static int xpcall_handler(lua_State *L)
{
    LuaHost *h = host_of(L);
    if (h->abort != ABORT_NONE || out_of_time(h, 1)) {
        if (h->abort == ABORT_NONE)
            abort_time(h, L, 1);
        lua_pushstring(L, h->abort_msg);
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int l_xpcall(lua_State *L)
{
    int status = 0;
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);
    lua_replace(L, 2);
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
    lua_match_install(L, -1);
    lua_pop(L, 1);
    lua_getglobal(L, LUA_TABLIBNAME);
    lua_tablib_install(L, -1);
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

/* ---- the watchdog ------------------------------------------------------- */

static void wd_deadline(struct timespec *ts, double ms)
{
    ts->tv_sec = (time_t)(ms / 1000.0);
    ts->tv_nsec = (long)((ms - (double)ts->tv_sec * 1000.0) * 1e6);
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
    if (ts->tv_nsec < 0)
        ts->tv_nsec = 0;
}

static void *wd_main(void *arg)
{
    LuaHost *h = arg;
    Watchdog *w = &h->wd;
    struct timespec ts = {0, 0};
    pthread_mutex_lock(&w->mu);
    while (!w->quit) {
        double now = now_ms();
        if (!w->armed) {
            pthread_cond_wait(&w->cv, &w->mu);
        } else if (now < w->deadline_ms) {
            wd_deadline(&ts, w->deadline_ms);
            pthread_cond_timedwait(&w->cv, &w->mu, &ts);
        } else if (!w->past) {
            atomic_store(&h->expired, 1);
            w->past = 1;
            w->cpu_past_ms = cpu_ms();
        } else if (now < w->deadline_ms + LUA_HOST_WATCHDOG_MS) {
            wd_deadline(&ts, w->deadline_ms + LUA_HOST_WATCHDOG_MS);
            pthread_cond_timedwait(&w->cv, &w->mu, &ts);
        } else if (cpu_ms() - w->cpu_past_ms < LUA_HOST_WATCHDOG_MS) {
            /* the process has not run that long since the deadline: the
             * machine is busy, the call may yet unwind; look again when it
             * could have */
            wd_deadline(&ts, now + LUA_HOST_WATCHDOG_MS - (cpu_ms() - w->cpu_past_ms));
            pthread_cond_timedwait(&w->cv, &w->mu, &ts);
        } else {
            /* The main thread is stuck in a C loop nothing counts: the
             * last resort is to end the process. */
            fprintf(stderr,
                    "spectactor: scenario code (%s) ran %d ms past its time limit and could "
                    "not be stopped; exiting\n",
                    w->where[0] ? w->where : "?", LUA_HOST_WATCHDOG_MS);
            log_error("scenario code (%s) could not be stopped; exiting",
                      w->where[0] ? w->where : "?");
            _exit(70);
        }
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static void wd_start(LuaHost *h)
{
    Watchdog *w = &h->wd;
    pthread_condattr_t ca;
    if (pthread_mutex_init(&w->mu, NULL) != 0)
        return;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    if (pthread_cond_init(&w->cv, &ca) != 0) {
        pthread_condattr_destroy(&ca);
        pthread_mutex_destroy(&w->mu);
        return;
    }
    pthread_condattr_destroy(&ca);
    if (pthread_create(&w->thread, NULL, wd_main, h) != 0) {
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        log_warn("lua: no watchdog thread; the hook and the clock alone limit scripts");
        return;
    }
    w->started = 1;
}

static void wd_stop(LuaHost *h)
{
    Watchdog *w = &h->wd;
    if (!w->started)
        return;
    pthread_mutex_lock(&w->mu);
    w->quit = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    w->started = 0;
}

/* Starts (armed) or ends the watch over the outermost call. */
static void wd_arm(LuaHost *h, int armed)
{
    Watchdog *w = &h->wd;
    if (!w->started)
        return;
    pthread_mutex_lock(&w->mu);
    w->armed = armed;
    w->deadline_ms = h->deadline_ms;
    w->past = 0;
    snprintf(w->where, sizeof w->where, "%s",
             h->root ? h->root : (h->paths[(h->next_path + HOST_PATHS - 1) % HOST_PATHS]
                                      ? h->paths[(h->next_path + HOST_PATHS - 1) % HOST_PATHS]
                                      : ""));
    if (armed)
        atomic_store(&h->expired, 0);
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
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
    wd_start(h);
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
    wd_stop(h);
    if (h->L)
        lua_close(h->L);
    for (i = 0; i < HOST_PATHS; i++)
        free(h->paths[i]);
    free(h->root);
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

/* Starts (or nests in) a batch of calls sharing one budget; see lua_host.h. */
void lua_host_batch_begin(LuaHost *h)
{
    if (!h)
        return;
    if (h->batch++ == 0) {
        h->batch_deadline = now_ms() + (double)h->time_ms;
        h->batch_instr = 0;
    }
}

/* Ends the batch begun last; see lua_host.h. */
void lua_host_batch_end(LuaHost *h)
{
    if (h && h->batch > 0)
        h->batch--;
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
    if (!lua_checkstack(L, 4)) {
        lua_pop(L, nargs + 1);
        return err_set(err, ERR_NOMEM, "Lua stack exhausted");
    }
    if (outer) {
        h->abort = ABORT_NONE;
        h->oom_pending = 0;
        h->instr = 0;
        h->hooks = 0;
        h->allocs = 0;
        h->charged_mem = 0;
        h->deadline_ms = now_ms() + (double)h->time_ms;
        if (h->batch > 0) { /* the batch's budget, less what its calls used */
            h->deadline_ms = h->batch_deadline;
            h->instr = h->batch_instr;
        }
        atomic_store(&h->expired, 0);
        wd_arm(h, 1);
        h->late = h->batch > 0 && (now_ms() > h->deadline_ms || h->instr > h->instr_max);
        if (h->late)
            atomic_store(&h->expired, 1); /* stops at its first hook, with its path:line */
    }
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    h->depth++;
    status = lua_pcall(L, nargs, nres, base);
    h->depth--;
    lua_remove(L, base);
    if (outer) {
        wd_arm(h, 0);
        atomic_store(&h->expired, 0);
        if (h->batch > 0)
            h->batch_instr = h->instr;
        free(h->root); /* the next load names its own folder */
        h->root = NULL;
    }
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

static const char *file_kind(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

/* The scenario folder of this call: the folder of the first file it loads
 * (at depth 0: of this file).  Every file loaded must lie inside it once
 * symbolic links are resolved.  0, or ERR_INVALID / ERR_IO / ERR_NOMEM. */
static int check_inside(LuaHost *h, const char *path, const char *line, Err *err)
{
    char real[PATH_MAX];
    size_t n = 0;
    if (h->depth == 0 || !h->root) {
        char dir[PATH_MAX];
        const char *slash = strrchr(path, '/');
        size_t dn = slash ? (size_t)(slash - path) : 1;
        if (dn >= sizeof dir)
            return err_set(err, ERR_LIMIT, "%s: path too long", path);
        if (slash) {
            memcpy(dir, path, dn ? dn : 1);
            dir[dn ? dn : 1] = '\0';
        } else {
            strcpy(dir, ".");
        }
        if (!compat_realpath(dir, real, sizeof real))
            return err_set(err, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        free(h->root);
        h->root = malloc(strlen(real) + 1);
        if (!h->root)
            return err_set(err, ERR_NOMEM, "out of memory");
        strcpy(h->root, real);
    }
    if (!compat_realpath(path, real, sizeof real))
        return err_set(err, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    n = strlen(h->root);
    if (strncmp(real, h->root, n) != 0 || (real[n] != '/' && !(n == 1 && h->root[0] == '/')))
        return err_set(err, ERR_INVALID,
                       "%s%s: refused: it is a symbolic link to %s, outside the scenario folder",
                       path, line, real);
    return 0;
}

/* Reads path into a malloc'd buffer (caller frees); 0 or negative.  Only
 * a regular file inside the scenario folder is opened: a FIFO or a device
 * would block or never end.  A refused entry file is named "path:1: ...";
 * a refused include gets the line of its include from the message handler. */
static int read_file(LuaHost *h, const char *path, char **out, size_t *len, Err *err)
{
    const char *line = h->depth == 0 || !h->root ? ":1" : "";
    struct stat st;
    char *buf = NULL;
    size_t n = 0;
    int fd = -1;
    int rc = 0;
    *out = NULL;
    *len = 0;
    if (stat(path, &st) != 0)
        return err_set(err, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return err_set(err, ERR_INVALID, "%s%s: refused: %s, not a regular file", path, line,
                       file_kind(st.st_mode));
    rc = check_inside(h, path, line, err);
    if (rc != 0)
        return rc;
    fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return err_set(err, ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return err_set(err, ERR_INVALID, "%s%s: refused: not a regular file", path, line);
    }
    buf = malloc(LUA_HOST_FILE_MAX + 1);
    if (!buf) {
        close(fd);
        return err_set(err, ERR_NOMEM, "%s: out of memory", path);
    }
    while (n < LUA_HOST_FILE_MAX + 1) {
        ssize_t got = read(fd, buf + n, LUA_HOST_FILE_MAX + 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            close(fd);
            free(buf);
            return err_set(err, ERR_IO, "%s: read error: %s", path, strerror(errno));
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
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
    rc = read_file(h, path, &text, &len, err);
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
