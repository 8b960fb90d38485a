/* lua_match.c - the sandbox's Lua-pattern matcher (string.find, match,
 * gmatch, gsub) and string.rep, with a step counter charged to the running
 * call's budget (see lua_limits.h).
 *
 * Patterns mean what the Lua 5.4 manual says (section 6.4.1) and every
 * function returns what stock Lua returns, errors included; only the work
 * is counted: each matcher step, each byte compared by a plain find or a
 * back-reference, each byte a replacement adds.  A backtracking search that
 * would run for hours is stopped by the budget like an endless loop, and a
 * loop of small searches adds up the same way.
 */
#include <ctype.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "lua/lua_limits.h"

#define MATCH_MAX_CAPTURES 32 /* as LUA_MAXCAPTURES */
#define MATCH_MAX_DEPTH 200   /* recursion of one match, as stock MAXCCALLS */
#define CAP_UNFINISHED (-1)
#define CAP_POSITION (-2)
#define ESC '%'
#define SPECIALS "^$*+?.([%-"
#define STR_MAX ((size_t)INT_MAX) /* the longest string rep makes, as stock */

typedef struct Capture {
    const char *init;
    ptrdiff_t len; /* or CAP_UNFINISHED / CAP_POSITION */
} Capture;

typedef struct Matcher {
    lua_State *L;
    const char *src, *src_end; /* the subject */
    const char *pat_end;       /* the pattern ends here (a NUL follows) */
    int depth;                 /* recursion left */
    int level;                 /* captures open or closed */
    long steps;                /* not yet charged */
    Capture cap[MATCH_MAX_CAPTURES];
} Matcher;

static int uc(char c) { return (unsigned char)c; }

static void charge(Matcher *m, long n)
{
    m->steps += n;
    if (m->steps >= LUA_LIMITS_CHUNK) {
        long s = m->steps;
        m->steps = 0;
        lua_host_charge(m->L, s);
    }
}

static void flush(Matcher *m)
{
    long s = m->steps + 1; /* every call costs at least one step */
    m->steps = 0;
    lua_host_charge(m->L, s);
}

static void matcher_init(Matcher *m, lua_State *L, const char *s, size_t ls, const char *p,
                         size_t lp)
{
    m->L = L;
    m->src = s;
    m->src_end = s + ls;
    m->pat_end = p + lp;
    m->depth = MATCH_MAX_DEPTH;
    m->level = 0;
    m->steps = 0;
}

static void matcher_reset(Matcher *m)
{
    m->level = 0;
    m->depth = MATCH_MAX_DEPTH;
}

/* ---- single items ------------------------------------------------------- */

/* The end of the single item at p (a character, %x or a [set]). */
static const char *item_end(Matcher *m, const char *p)
{
    char c = *p++;
    if (c == ESC) {
        if (p >= m->pat_end)
            luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c == '[') {
        const char *start = p;
        if (*p == '^')
            p++;
        do { /* the first character of a set is a member even when ']' */
            if (p >= m->pat_end)
                luaL_error(m->L, "malformed pattern (missing ']')");
            c = *p++;
            if (c == ESC && p < m->pat_end)
                p++;
        } while (*p != ']');
        charge(m, (long)((p - start) / 16));
        return p + 1;
    }
    return p;
}

/* c against the class letter cl (%a, %d, ...; upper case negates). */
static int class_has(int c, int cl)
{
    int r = 0;
    switch (tolower(cl)) {
    case 'a': r = isalpha(c); break;
    case 'c': r = iscntrl(c); break;
    case 'd': r = isdigit(c); break;
    case 'g': r = isgraph(c); break;
    case 'l': r = islower(c); break;
    case 'p': r = ispunct(c); break;
    case 's': r = isspace(c); break;
    case 'u': r = isupper(c); break;
    case 'w': r = isalnum(c); break;
    case 'x': r = isxdigit(c); break;
    case 'z': r = c == 0; break;
    default: return cl == c;
    }
    if (isupper(cl))
        r = !r;
    return r;
}

/* c against the set from p ('[') to last (its ']'). */
static int set_has(int c, const char *p, const char *last)
{
    int yes = 1;
    if (p[1] == '^') {
        yes = 0;
        p++;
    }
    while (++p < last) {
        if (*p == ESC) {
            p++;
            if (class_has(c, uc(*p)))
                return yes;
        } else if (p[1] == '-' && p + 2 < last) {
            p += 2;
            if (uc(p[-2]) <= c && c <= uc(*p))
                return yes;
        } else if (uc(*p) == c) {
            return yes;
        }
    }
    return !yes;
}

/* 1 if the subject byte at s matches the item p..ep. */
static int item_has(Matcher *m, const char *s, const char *p, const char *ep)
{
    int c = 0;
    if (s >= m->src_end)
        return 0;
    c = uc(*s);
    switch (*p) {
    case '.': return 1;
    case ESC: return class_has(c, uc(p[1]));
    case '[':
        charge(m, (long)((ep - p) / 16)); /* a long set costs its length */
        return set_has(c, p, ep - 1);
    default: return uc(*p) == c;
    }
}

/* ---- the matcher -------------------------------------------------------- */

static const char *match_here(Matcher *m, const char *s, const char *p);

static const char *match_balance(Matcher *m, const char *s, const char *p)
{
    int open = 1;
    if (p >= m->pat_end - 1)
        luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->src_end || *s != *p)
        return NULL;
    while (++s < m->src_end) {
        charge(m, 1);
        if (*s == p[1]) {
            if (--open == 0)
                return s + 1;
        } else if (*s == p[0]) {
            open++;
        }
    }
    return NULL;
}

static int capture_index(Matcher *m, int l)
{
    l -= '1';
    if (l < 0 || l >= m->level || m->cap[l].len == CAP_UNFINISHED)
        return luaL_error(m->L, "invalid capture index %%%d", l + 1);
    return l;
}

/* %1..%9: the text of an earlier capture again. */
static const char *match_back(Matcher *m, const char *s, int l)
{
    size_t len = 0;
    l = capture_index(m, l);
    len = (size_t)m->cap[l].len;
    charge(m, (long)(len / 16));
    if ((size_t)(m->src_end - s) >= len && memcmp(m->cap[l].init, s, len) == 0)
        return s + len;
    return NULL;
}

/* As many as possible, then fewer. */
static const char *match_greedy(Matcher *m, const char *s, const char *p, const char *ep)
{
    ptrdiff_t i = 0;
    while (item_has(m, s + i, p, ep)) {
        i++;
        charge(m, 1);
    }
    for (; i >= 0; i--) {
        const char *r = match_here(m, s + i, ep + 1);
        if (r)
            return r;
    }
    return NULL;
}

/* As few as possible, then more. */
static const char *match_lazy(Matcher *m, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *r = match_here(m, s, ep + 1);
        if (r)
            return r;
        if (!item_has(m, s, p, ep))
            return NULL;
        s++;
    }
}

static const char *capture_open(Matcher *m, const char *s, const char *p, ptrdiff_t what)
{
    const char *r = NULL;
    if (m->level >= MATCH_MAX_CAPTURES)
        luaL_error(m->L, "too many captures");
    m->cap[m->level].init = s;
    m->cap[m->level].len = what;
    m->level++;
    r = match_here(m, s, p);
    if (!r)
        m->level--;
    return r;
}

static const char *capture_close(Matcher *m, const char *s, const char *p)
{
    const char *r = NULL;
    int l = m->level - 1;
    while (l >= 0 && m->cap[l].len != CAP_UNFINISHED)
        l--;
    if (l < 0)
        luaL_error(m->L, "invalid pattern capture");
    m->cap[l].len = s - m->cap[l].init;
    r = match_here(m, s, p);
    if (!r)
        m->cap[l].len = CAP_UNFINISHED;
    return r;
}

/* The end of a match of the pattern at p against the subject at s, or NULL. */
static const char *match_here(Matcher *m, const char *s, const char *p)
{
    const char *ep = NULL;
    if (m->depth-- == 0)
        luaL_error(m->L, "pattern too complex");
    for (;;) {
        charge(m, 1);
        if (p == m->pat_end)
            break;
        if (*p == '(') {
            s = p[1] == ')' ? capture_open(m, s, p + 2, CAP_POSITION)
                            : capture_open(m, s, p + 1, CAP_UNFINISHED);
            break;
        }
        if (*p == ')') {
            s = capture_close(m, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == m->pat_end) {
            s = s == m->src_end ? s : NULL;
            break;
        }
        if (*p == ESC && p[1] == 'b') {
            s = match_balance(m, s, p + 2);
            if (!s)
                break;
            p += 4;
            continue;
        }
        if (*p == ESC && p[1] == 'f') {
            int before = 0, here = 0;
            p += 2;
            if (*p != '[')
                luaL_error(m->L, "missing '[' after '%%f' in pattern");
            ep = item_end(m, p);
            before = s == m->src ? 0 : uc(s[-1]);
            charge(m, (long)((ep - p) / 8));
            here = s < m->src_end ? uc(*s) : 0;
            if (!set_has(before, p, ep - 1) && set_has(here, p, ep - 1)) {
                p = ep;
                continue;
            }
            s = NULL;
            break;
        }
        if (*p == ESC && isdigit(uc(p[1]))) {
            s = match_back(m, s, uc(p[1]));
            if (!s)
                break;
            p += 2;
            continue;
        }
        /* a single item, maybe with a quantifier */
        ep = item_end(m, p);
        if (!item_has(m, s, p, ep)) {
            if (*ep == '*' || *ep == '?' || *ep == '-') {
                p = ep + 1;
                continue;
            }
            s = NULL;
            break;
        }
        if (*ep == '?') {
            const char *r = match_here(m, s + 1, ep + 1);
            if (r) {
                s = r;
                break;
            }
            p = ep + 1;
            continue;
        }
        if (*ep == '+') {
            s = match_greedy(m, s + 1, p, ep);
            break;
        }
        if (*ep == '*') {
            s = match_greedy(m, s, p, ep);
            break;
        }
        if (*ep == '-') {
            s = match_lazy(m, s, p, ep);
            break;
        }
        s++;
        p = ep;
    }
    m->depth++;
    return s;
}

/* ---- captures ----------------------------------------------------------- */

/* Capture i of the match s..e: its length and text, or CAP_POSITION with
 * the position pushed.  Without captures, capture 0 is the whole match. */
static ptrdiff_t capture_get(Matcher *m, int i, const char *s, const char *e, const char **text)
{
    ptrdiff_t len = 0;
    if (i >= m->level) {
        if (i != 0)
            luaL_error(m->L, "invalid capture index %%%d", i + 1);
        *text = s;
        return e - s;
    }
    len = m->cap[i].len;
    *text = m->cap[i].init;
    if (len == CAP_UNFINISHED)
        luaL_error(m->L, "unfinished capture");
    else if (len == CAP_POSITION)
        lua_pushinteger(m->L, (m->cap[i].init - m->src) + 1);
    return len;
}

static void capture_push(Matcher *m, int i, const char *s, const char *e)
{
    const char *text = NULL;
    ptrdiff_t len = capture_get(m, i, s, e, &text);
    if (len != CAP_POSITION)
        lua_pushlstring(m->L, text, (size_t)len);
}

/* Pushes every capture (or the whole match s..e when there is none and s
 * is given); returns how many. */
static int captures_push(Matcher *m, const char *s, const char *e)
{
    int n = (m->level == 0 && s) ? 1 : m->level;
    int i = 0;
    luaL_checkstack(m->L, n, "too many captures");
    for (i = 0; i < n; i++)
        capture_push(m, i, s, e);
    return n;
}

/* ---- find, match, gmatch ------------------------------------------------ */

/* A 1-based start position from Lua's relative one, at least 1. */
static lua_Integer start_pos(lua_Integer pos, size_t len)
{
    if (pos > 0)
        return pos;
    if (pos == 0 || pos < -(lua_Integer)len)
        return 1;
    return (lua_Integer)len + pos + 1;
}

static int has_specials(const char *p, size_t lp)
{
    size_t at = 0;
    do { /* strpbrk stops at NUL: look at each NUL-separated piece */
        if (strpbrk(p + at, SPECIALS))
            return 1;
        at += strlen(p + at) + 1;
    } while (at <= lp);
    return 0;
}

/* Plain search of needle in hay, every comparison charged. */
static const char *plain_find(Matcher *m, const char *hay, size_t lh, const char *needle, size_t ln)
{
    const char *at = NULL;
    if (ln == 0)
        return hay;
    if (ln > lh)
        return NULL;
    ln--;
    lh -= ln; /* the start positions left */
    while (lh > 0 && (at = memchr(hay, *needle, lh)) != NULL) {
        at++;
        charge(m, (long)(ln / 16) + 1);
        if (memcmp(at, needle + 1, ln) == 0)
            return at - 1;
        lh -= (size_t)(at - hay);
        hay = at;
    }
    charge(m, (long)(lh / 64));
    return NULL;
}

static int find_or_match(lua_State *L, int find)
{
    size_t ls = 0, lp = 0;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = (size_t)start_pos(luaL_optinteger(L, 3, 1), ls) - 1;
    Matcher m;
    matcher_init(&m, L, s, ls, p, lp);
    if (init > ls) {
        flush(&m);
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        const char *at = plain_find(&m, s + init, ls - init, p, lp);
        flush(&m);
        if (at) {
            lua_pushinteger(L, (at - s) + 1);
            lua_pushinteger(L, (lua_Integer)((size_t)(at - s) + lp));
            return 2;
        }
    } else {
        const char *s1 = s + init;
        int anchor = *p == '^';
        if (anchor) {
            p++;
            lp--;
            m.pat_end = p + lp;
        }
        do {
            const char *e = NULL;
            matcher_reset(&m);
            if ((e = match_here(&m, s1, p)) != NULL) {
                int n = 0;
                if (find) {
                    lua_pushinteger(L, (s1 - s) + 1);
                    lua_pushinteger(L, e - s);
                    n = captures_push(&m, NULL, NULL) + 2;
                } else {
                    n = captures_push(&m, s1, e);
                }
                flush(&m);
                return n;
            }
        } while (s1++ < m.src_end && !anchor);
        flush(&m);
    }
    luaL_pushfail(L);
    return 1;
}

static int l_find(lua_State *L) { return find_or_match(L, 1); }
static int l_match(lua_State *L) { return find_or_match(L, 0); }

typedef struct GMatch {
    const char *src;       /* where the next search starts */
    const char *p;         /* the pattern ('^' is a plain character here) */
    const char *lastmatch; /* end of the last match: no empty match there */
    Matcher m;
} GMatch;

static int gmatch_next(lua_State *L)
{
    GMatch *g = lua_touserdata(L, lua_upvalueindex(3));
    const char *src = NULL;
    g->m.L = L;
    g->m.steps = 0;
    for (src = g->src; src <= g->m.src_end; src++) {
        const char *e = NULL;
        matcher_reset(&g->m);
        if ((e = match_here(&g->m, src, g->p)) != NULL && e != g->lastmatch) {
            int n = 0;
            g->src = g->lastmatch = e;
            n = captures_push(&g->m, src, e);
            flush(&g->m);
            return n;
        }
    }
    g->src = src;
    flush(&g->m);
    return 0;
}

static int l_gmatch(lua_State *L)
{
    size_t ls = 0, lp = 0;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = (size_t)start_pos(luaL_optinteger(L, 3, 1), ls) - 1;
    GMatch *g = NULL;
    lua_settop(L, 2); /* the subject and the pattern stay alive as upvalues */
    g = lua_newuserdatauv(L, sizeof *g, 0);
    if (init > ls)
        init = ls + 1; /* past the end: no match */
    matcher_init(&g->m, L, s, ls, p, lp);
    g->src = s + init;
    g->p = p;
    g->lastmatch = NULL;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

/* ---- gsub --------------------------------------------------------------- */

/* Appends the replacement string (argument 3) for the match s..e. */
static void add_string(Matcher *m, luaL_Buffer *b, const char *s, const char *e)
{
    lua_State *L = m->L;
    size_t l = 0;
    const char *repl = lua_tolstring(L, 3, &l);
    const char *p = NULL;
    charge(m, (long)(l / 16));
    while ((p = memchr(repl, ESC, l)) != NULL) {
        luaL_addlstring(b, repl, (size_t)(p - repl));
        p++;
        if (*p == ESC) {
            luaL_addchar(b, *p);
        } else if (*p == '0') {
            charge(m, (long)((e - s) / 16));
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (isdigit(uc(*p))) {
            const char *text = NULL;
            ptrdiff_t len = capture_get(m, *p - '1', s, e, &text);
            if (len == CAP_POSITION) {
                luaL_addvalue(b);
            } else {
                charge(m, (long)(len / 16));
                luaL_addlstring(b, text, (size_t)len);
            }
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", ESC);
        }
        l -= (size_t)(p + 1 - repl);
        repl = p + 1;
    }
    luaL_addlstring(b, repl, l);
}

/* Appends the replacement of the match s..e; 1 if it changed the text. */
static int add_value(Matcher *m, luaL_Buffer *b, const char *s, const char *e, int type)
{
    lua_State *L = m->L;
    size_t len = 0;
    if (type == LUA_TFUNCTION) {
        int n = 0;
        lua_pushvalue(L, 3);
        n = captures_push(m, s, e);
        lua_call(L, n, 1);
    } else if (type == LUA_TTABLE) {
        capture_push(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_string(m, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) { /* nil or false: keep the original text */
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    lua_tolstring(L, -1, &len);
    charge(m, (long)(len / 16));
    luaL_addvalue(b);
    return 1;
}

static int l_gsub(lua_State *L)
{
    size_t ls = 0, lp = 0;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    const char *lastmatch = NULL;
    int type = lua_type(L, 3);
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    int anchor = *p == '^';
    lua_Integer n = 0;
    int changed = 0;
    Matcher m;
    luaL_Buffer b;
    luaL_argexpected(L, type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION ||
                            type == LUA_TTABLE,
                     3, "string/function/table");
    luaL_buffinit(L, &b);
    if (anchor) {
        p++;
        lp--;
    }
    matcher_init(&m, L, src, ls, p, lp);
    while (n < max_n) {
        const char *e = NULL;
        matcher_reset(&m);
        if ((e = match_here(&m, src, p)) != NULL && e != lastmatch) {
            n++;
            changed = add_value(&m, &b, src, e, type) | changed;
            src = lastmatch = e;
        } else if (src < m.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor)
            break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, (size_t)(m.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    flush(&m);
    return 2;
}

/* ---- rep ---------------------------------------------------------------- */

/* string.rep(s, n [, sep]), its work charged before it starts: an empty
 * string repeated 2^62 times is "" at once, not a loop of 2^62 copies. */
static int l_rep(lua_State *L)
{
    size_t l = 0, lsep = 0, total = 0;
    const char *s = luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *sep = luaL_optlstring(L, 3, "", &lsep);
    luaL_Buffer b;
    char *p = NULL;
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    if (l + lsep < l || l + lsep > STR_MAX / (size_t)n)
        return luaL_error(L, "resulting string too large");
    total = (size_t)n * l + (size_t)(n - 1) * lsep;
    p = luaL_buffinitsize(L, &b, total); /* a string beyond the memory cap fails here */
    lua_host_charge(L, (long)((size_t)n / 4 + total / 64) + 1);
    while (n-- > 1) {
        memcpy(p, s, l);
        p += l;
        if (lsep > 0) {
            memcpy(p, sep, lsep);
            p += lsep;
        }
    }
    memcpy(p, s, l);
    luaL_pushresultsize(&b, total);
    return 1;
}

/* Replaces the string functions at strtab by the counted ones. */
void lua_match_install(lua_State *L, int strtab)
{
    static const luaL_Reg fns[] = {{"find", l_find},   {"match", l_match}, {"gmatch", l_gmatch},
                                   {"gsub", l_gsub},   {"rep", l_rep},     {NULL, NULL}};
    int i = 0;
    strtab = lua_absindex(L, strtab);
    for (i = 0; fns[i].name; i++) {
        lua_pushcfunction(L, fns[i].func);
        lua_setfield(L, strtab, fns[i].name);
    }
}
