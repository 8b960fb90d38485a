/* lua_tablib.c - the sandbox's table.insert, remove, move, concat, unpack
 * and sort: stock Lua's results, every element step charged to the running
 * call's budget (see lua_limits.h).
 *
 * Stock Lua runs these loops in C, where the instruction hook never fires:
 * table.move({}, 1, math.maxinteger - 1, 2), or table.insert over a table
 * whose __len says 2^62, would run for centuries.  Here each element read
 * or written is a step, and the loops stop like an endless loop when the
 * budget or the time is spent.  sort is a merge sort over a copy of the
 * elements (stable, and bounded: n log n comparisons whatever the order
 * function does); stock Lua's quicksort may order equal elements
 * differently, and an order function that is not a strict order gives some
 * order instead of an error.
 */
#include <limits.h>
#include <stddef.h>

#include <lauxlib.h>
#include <lua.h>

#include "lua/lua_limits.h"

enum { TAB_R = 1, TAB_W = 2, TAB_L = 4 };

typedef struct Counter {
    lua_State *L;
    long steps;
} Counter;

static void count(Counter *c, long n)
{
    c->steps += n;
    if (c->steps >= LUA_LIMITS_CHUNK) {
        long s = c->steps;
        c->steps = 0;
        lua_host_charge(c->L, s);
    }
}

static void count_flush(Counter *c)
{
    long s = c->steps + 1;
    c->steps = 0;
    lua_host_charge(c->L, s);
}

/* Pushes metatable[name] (the metatable is n slots down once pushed). */
static int has_meta(lua_State *L, const char *name, int n)
{
    lua_pushstring(L, name);
    return lua_rawget(L, -n) != LUA_TNIL;
}

/* Argument arg must be a table, or have the metamethods that what needs. */
static void check_table(lua_State *L, int arg, int what)
{
    int n = 1; /* values to pop: the metatable and each field looked at */
    if (lua_type(L, arg) == LUA_TTABLE)
        return;
    if (lua_getmetatable(L, arg) && (!(what & TAB_R) || has_meta(L, "__index", ++n)) &&
        (!(what & TAB_W) || has_meta(L, "__newindex", ++n)) &&
        (!(what & TAB_L) || has_meta(L, "__len", ++n))) {
        lua_pop(L, n);
        return;
    }
    luaL_checktype(L, arg, LUA_TTABLE);
}

static lua_Integer length(lua_State *L, int arg, int what)
{
    check_table(L, arg, what | TAB_L);
    return luaL_len(L, arg);
}

static int l_insert(lua_State *L)
{
    Counter c = {L, 0};
    lua_Integer pos = 0;
    lua_Integer e = length(L, 1, TAB_R | TAB_W);
    e = (lua_Integer)((lua_Unsigned)e + 1u); /* the first empty element */
    switch (lua_gettop(L)) {
    case 2:
        pos = e;
        break;
    case 3: {
        lua_Integer i = 0;
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
        for (i = e; i > pos; i--) {
            count(&c, 1);
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
        }
        break;
    }
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    count_flush(&c);
    return 0;
}

static int l_remove(lua_State *L)
{
    Counter c = {L, 0};
    lua_Integer size = length(L, 1, TAB_R | TAB_W);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size)
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    lua_geti(L, 1, pos);
    for (; pos < size; pos++) {
        count(&c, 1);
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    count_flush(&c);
    return 1;
}

static int l_move(lua_State *L)
{
    Counter c = {L, 0};
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    lua_Integer t = luaL_checkinteger(L, 4);
    int tt = !lua_isnoneornil(L, 5) ? 5 : 1;
    check_table(L, 1, TAB_R);
    check_table(L, tt, TAB_W);
    if (e >= f) {
        lua_Integer n = 0, i = 0;
        luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
        n = e - f + 1;
        luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
        if (t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ))) {
            for (i = 0; i < n; i++) {
                count(&c, 1);
                lua_geti(L, 1, f + i);
                lua_seti(L, tt, t + i);
            }
        } else {
            for (i = n - 1; i >= 0; i--) {
                count(&c, 1);
                lua_geti(L, 1, f + i);
                lua_seti(L, tt, t + i);
            }
        }
    }
    count_flush(&c);
    lua_pushvalue(L, tt);
    return 1;
}

static void concat_field(lua_State *L, luaL_Buffer *b, lua_Integer i)
{
    lua_geti(L, 1, i);
    if (!lua_isstring(L, -1))
        luaL_error(L, "invalid value (a %s) at index %I in table for 'concat'",
                   luaL_typename(L, -1), (LUAI_UACINT)i);
    luaL_addvalue(b);
}

static int l_concat(lua_State *L)
{
    Counter c = {L, 0};
    luaL_Buffer b;
    lua_Integer last = length(L, 1, TAB_R);
    size_t lsep = 0;
    const char *sep = luaL_optlstring(L, 2, "", &lsep);
    lua_Integer i = luaL_optinteger(L, 3, 1);
    last = luaL_optinteger(L, 4, last);
    luaL_buffinit(L, &b);
    for (; i < last; i++) {
        count(&c, 1 + (long)(lsep / 64));
        concat_field(L, &b, i);
        luaL_addlstring(&b, sep, lsep);
    }
    if (i == last)
        concat_field(L, &b, i);
    luaL_pushresult(&b);
    count_flush(&c);
    return 1;
}

static int l_unpack(lua_State *L)
{
    Counter c = {L, 0};
    lua_Unsigned n = 0;
    lua_Integer i = luaL_optinteger(L, 2, 1);
    lua_Integer e = luaL_opt(L, luaL_checkinteger, 3, luaL_len(L, 1));
    if (i > e)
        return 0;
    n = (lua_Unsigned)e - (lua_Unsigned)i;
    if (n >= (unsigned int)INT_MAX || !lua_checkstack(L, (int)(++n)))
        return luaL_error(L, "too many results to unpack");
    for (; i < e; i++) {
        count(&c, 1);
        lua_geti(L, 1, i);
    }
    lua_geti(L, 1, e);
    count_flush(&c);
    return (int)n;
}

/* ---- sort --------------------------------------------------------------- */

/* 1 if the value at a sorts before the one at b (absolute indices). */
static int sort_less(lua_State *L, int a, int b)
{
    int r = 0;
    if (lua_isnil(L, 2))
        return lua_compare(L, a, b, LUA_OPLT);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, a);
    lua_pushvalue(L, b);
    lua_call(L, 2, 1);
    r = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return r;
}

/* Merges src[lo..mid-1] and src[mid..hi-1] into dst[lo..hi-1]; src and
 * dst are plain tables at the given stack indices. */
static void sort_merge(Counter *c, int src, int dst, lua_Integer lo, lua_Integer mid,
                       lua_Integer hi)
{
    lua_State *L = c->L;
    lua_Integer i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        int top = 0;
        count(c, 1);
        lua_rawgeti(L, src, i);
        lua_rawgeti(L, src, j);
        top = lua_gettop(L);
        if (sort_less(L, top, top - 1)) { /* right before left: take right */
            lua_rawseti(L, dst, k++);
            lua_pop(L, 1);
            j++;
        } else {
            lua_pop(L, 1);
            lua_rawseti(L, dst, k++);
            i++;
        }
    }
    for (; i < mid; i++) {
        count(c, 1);
        lua_rawgeti(L, src, i);
        lua_rawseti(L, dst, k++);
    }
    for (; j < hi; j++) {
        count(c, 1);
        lua_rawgeti(L, src, j);
        lua_rawseti(L, dst, k++);
    }
}

static int l_sort(lua_State *L)
{
    Counter c = {L, 0};
    lua_Integer n = length(L, 1, TAB_R | TAB_W);
    lua_Integer i = 0, width = 0;
    int a = 0, b = 0;
    if (n > 1) {
        luaL_argcheck(L, n < INT_MAX, 1, "array too big");
        if (!lua_isnoneornil(L, 2))
            luaL_checktype(L, 2, LUA_TFUNCTION);
        lua_settop(L, 2);
        count(&c, (long)n); /* refuse a huge __len before allocating for it */
        lua_createtable(L, (int)n, 0);
        lua_createtable(L, (int)n, 0);
        a = 3;
        b = 4;
        for (i = 1; i <= n; i++) {
            count(&c, 1);
            lua_geti(L, 1, i);
            lua_rawseti(L, a, i);
        }
        for (width = 1; width < n; width *= 2) {
            lua_Integer lo = 0;
            int t = 0;
            for (lo = 1; lo <= n; lo += 2 * width) {
                lua_Integer mid = lo + width <= n + 1 ? lo + width : n + 1;
                lua_Integer hi = lo + 2 * width <= n + 1 ? lo + 2 * width : n + 1;
                sort_merge(&c, a, b, lo, mid, hi);
            }
            t = a;
            a = b;
            b = t;
        }
        for (i = 1; i <= n; i++) {
            count(&c, 1);
            lua_rawgeti(L, a, i);
            lua_seti(L, 1, i);
        }
    }
    count_flush(&c);
    return 0;
}

/* Replaces the table functions at tabtab by the counted ones. */
void lua_tablib_install(lua_State *L, int tabtab)
{
    static const luaL_Reg fns[] = {{"insert", l_insert}, {"remove", l_remove}, {"move", l_move},
                                   {"concat", l_concat}, {"unpack", l_unpack}, {"sort", l_sort},
                                   {NULL, NULL}};
    int i = 0;
    tabtab = lua_absindex(L, tabtab);
    for (i = 0; fns[i].name; i++) {
        lua_pushcfunction(L, fns[i].func);
        lua_setfield(L, tabtab, fns[i].name);
    }
}
