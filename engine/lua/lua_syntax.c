/* lua_syntax.c - syntax errors in story terms (lua_syntax.h).
 *
 * Lua stops at the first token it cannot use and names that token; the
 * author's mistake is usually just before it (the comma after the previous
 * step, the `}` before the next beat).  So the chunk is tokenized again and
 * the tokens around the one Lua names decide the message: what the previous
 * item was (a step, an option, a field) and where the missing piece goes.
 * Anything not recognised keeps Lua's own message.
 */
#include "lua/lua_syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HINT_MAX 512
#define SHOW_MAX 24 /* bytes of a token quoted in a message */

typedef enum { T_NAME, T_STRING, T_NUMBER, T_SYM, T_BADSTR, T_EOF } TokKind;

typedef struct Tok {
    TokKind k;
    int line;
    int col; /* 1-based byte column */
    int first; /* the first token on its line */
    const char *s;
    size_t n;
} Tok;

typedef struct Toks {
    Tok *t;
    int n;
    int cap;
} Toks;

/* ---- tokenizer ---------------------------------------------------------- */

static int push(Toks *ts, TokKind k, int line, int col, int first, const char *s, size_t n)
{
    if (ts->n == ts->cap) {
        int cap = ts->cap ? ts->cap * 2 : 256;
        Tok *p = realloc(ts->t, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        ts->t = p;
        ts->cap = cap;
    }
    ts->t[ts->n].k = k;
    ts->t[ts->n].line = line;
    ts->t[ts->n].col = col;
    ts->t[ts->n].first = first;
    ts->t[ts->n].s = s;
    ts->t[ts->n].n = n;
    ts->n++;
    return 0;
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* 1 for Lua's two-byte operators. */
static int is_pair(char a, char b)
{
    static const char *const pairs[] = {"==", "~=", "<=", ">=", "//", "::", "<<", ">>", "..", NULL};
    int i = 0;
    for (i = 0; pairs[i]; i++)
        if (pairs[i][0] == a && pairs[i][1] == b)
            return 1;
    return 0;
}

/* Level of a long bracket "[==[" at p (the number of '='), or -1. */
static int long_open(const char *p, const char *end)
{
    int level = 0;
    if (p >= end || *p != '[')
        return -1;
    p++;
    while (p < end && *p == '=') {
        level++;
        p++;
    }
    return p < end && *p == '[' ? level : -1;
}

/* Skips a long bracket of level at *pp (which points at its first '['),
 * counting lines; leaves *pp after the closing bracket or at end. */
static void skip_long(const char **pp, const char *end, int level, int *line)
{
    const char *p = *pp + level + 2;
    while (p < end) {
        if (*p == '\n') {
            (*line)++;
        } else if (*p == ']') {
            const char *q = p + 1;
            int l = 0;
            while (q < end && *q == '=') {
                l++;
                q++;
            }
            if (l == level && q < end && *q == ']') {
                *pp = q + 1;
                return;
            }
        }
        p++;
    }
    *pp = end;
}

/* Tokenizes src[0..len) into ts (ending with T_EOF); -1 when out of memory. */
static int tokenize(const char *src, size_t len, Toks *ts)
{
    const char *p = src;
    const char *end = src + len;
    const char *bol = src; /* beginning of the current line */
    int line = 1;
    int first = 1;
    while (p < end) {
        const char *s = p;
        int col = (int)(p - bol) + 1;
        int tline = line;
        TokKind k = T_SYM;
        int level = 0;
        char c = *p;
        if (c == '\n' || c == '\r') {
            p += (c == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
            line++;
            bol = p;
            first = 1;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
            p++;
            continue;
        }
        if (c == '-' && p + 1 < end && p[1] == '-') {
            p += 2;
            if ((level = long_open(p, end)) >= 0) {
                skip_long(&p, end, level, &line);
                bol = p; /* columns after a long comment are approximate */
            } else {
                while (p < end && *p != '\n' && *p != '\r')
                    p++;
            }
            continue;
        }
        if ((level = long_open(p, end)) >= 0) {
            skip_long(&p, end, level, &line);
            k = T_STRING;
        } else if (c == '"' || c == '\'') {
            p++;
            k = T_BADSTR;
            while (p < end && *p != '\n' && *p != '\r') {
                if (*p == '\\' && p + 1 < end) {
                    if (p[1] == '\n')
                        line++;
                    p += 2;
                    continue;
                }
                if (*p++ == c) {
                    k = T_STRING;
                    break;
                }
            }
        } else if (is_alpha(c)) {
            while (p < end && (is_alpha(*p) || is_digit(*p)))
                p++;
            k = T_NAME;
        } else if (is_digit(c) || (c == '.' && p + 1 < end && is_digit(p[1]))) {
            while (p < end && (is_alpha(*p) || is_digit(*p) || *p == '.' ||
                               ((*p == '+' || *p == '-') && strchr("eEpP", p[-1]))))
                p++;
            k = T_NUMBER;
        } else if (p + 2 < end && strncmp(p, "...", 3) == 0) {
            p += 3;
        } else if (p + 1 < end && is_pair(c, p[1])) {
            p += 2;
        } else {
            p++;
        }
        if (push(ts, k, tline, col, first, s, (size_t)(p - s)) < 0)
            return -1;
        first = 0;
    }
    return push(ts, T_EOF, line, (int)(p - bol) + 1, first, end, 0);
}

/* ---- reading the token list --------------------------------------------- */

static int is(const Tok *t, const char *text)
{
    size_t n = strlen(text);
    return t->k != T_EOF && t->n == n && memcmp(t->s, text, n) == 0;
}

static int is_one_of(const Tok *t, const char *const *names)
{
    int i = 0;
    for (i = 0; names[i]; i++)
        if (t->k == T_NAME && is(t, names[i]))
            return 1;
    return 0;
}

static const char *const step_names[] = {"say", "sms", "narrate", "image", NULL};
static const char *const decl_names[] = {"option", "choice", "signal", "idea", "discuss",
                                         "cast",   "scenario", NULL};
static const char *const top_names[] = {"beat", "cast", "scenario", "include", "statements", NULL};
static const char *const keywords[] = {"and",   "break", "do",     "else", "elseif", "end",
                                       "for",   "goto",  "if",     "in",   "local",  "or",
                                       "repeat", "return", "then", "until", "while", NULL};

/* A token that can only start a new value: the sign of a missing comma. */
static int starts_value(const Tok *t)
{
    if (t->k == T_STRING || t->k == T_NUMBER || t->k == T_BADSTR)
        return 1;
    if (t->k == T_NAME)
        return !is_one_of(t, keywords);
    return is(t, "{");
}

/* A token that begins a top-level declaration at the start of its line. */
static int starts_declaration(const Tok *t)
{
    return t->first && t->col == 1 && is_one_of(t, top_names);
}

/* The opening bracket of the closing bracket at i, or -1. */
static int match_back(const Toks *ts, int i)
{
    const char *close = is(&ts->t[i], ")") ? ")" : is(&ts->t[i], "}") ? "}" : "]";
    const char *open = close[0] == ')' ? "(" : close[0] == '}' ? "{" : "[";
    int depth = 0;
    for (; i >= 0; i--) {
        if (is(&ts->t[i], close))
            depth++;
        else if (is(&ts->t[i], open) && --depth == 0)
            return i;
    }
    return -1;
}

/* Copies a token's text, cut to SHOW_MAX bytes. */
static void show(const Tok *t, char *out, size_t size)
{
    size_t n = t->n < SHOW_MAX ? t->n : SHOW_MAX;
    snprintf(out, size, "%.*s%s", (int)n, t->s, t->n > n ? "..." : "");
}

/* What the opener at o belongs to, in story terms: "the step", "the
 * option", "beat 'one'", "field `text`", "the function". */
static void describe_opener(const Toks *ts, int o, char *out, size_t size)
{
    const Tok *t = &ts->t[o];
    const Tok *prev = o > 0 ? &ts->t[o - 1] : NULL;
    const Tok *prev2 = o > 1 ? &ts->t[o - 2] : NULL;
    if (t->k == T_NAME) {
        snprintf(out, size, is(t, "function") ? "the function" : "the `%.*s`", (int)t->n, t->s);
    } else if (prev && is_one_of(prev, step_names) && is(t, "(")) {
        snprintf(out, size, "the step");
    } else if (prev && is_one_of(prev, decl_names)) {
        snprintf(out, size, "the %.*s", (int)prev->n, prev->s);
    } else if (prev && prev2 && prev->k == T_STRING && is(prev2, "beat") && prev->n >= 2) {
        snprintf(out, size, "beat '%.*s'", (int)(prev->n - 2), prev->s + 1);
    } else if (prev && prev2 && is(prev, "=") && prev2->k == T_NAME) {
        snprintf(out, size, "field `%.*s`", (int)prev2->n, prev2->s);
    } else if (prev && prev->k == T_NAME && is(t, "(")) {
        snprintf(out, size, "`%.*s(...)`", (int)prev->n, prev->s);
    } else {
        snprintf(out, size, "the `%.*s`", (int)t->n, t->s);
    }
}

/* The item that ends at token p (whose comma is missing), or 0. */
static int describe_item(const Toks *ts, int p, char *out, size_t size)
{
    const Tok *t = &ts->t[p];
    char tok[SHOW_MAX + 8];
    if (is(t, ")") || is(t, "}")) {
        int o = match_back(ts, p);
        if (o < 0)
            return 0;
        describe_opener(ts, o, out, size);
        return 1;
    }
    if (t->k == T_STRING && p > 0 && is_one_of(&ts->t[p - 1], step_names)) {
        snprintf(out, size, "the step"); /* narrate "x" */
        return 1;
    }
    if (t->k == T_STRING || t->k == T_NUMBER || t->k == T_NAME) {
        if (p > 1 && is(&ts->t[p - 1], "=") && ts->t[p - 2].k == T_NAME) {
            snprintf(out, size, "field `%.*s`", (int)ts->t[p - 2].n, ts->t[p - 2].s);
        } else {
            show(t, tok, sizeof tok);
            snprintf(out, size, "`%s`", tok);
        }
        return 1;
    }
    return 0;
}

/* Pushes or pops bracket and block tokens from 0 to upto (exclusive);
 * returns the innermost opener still open there, or -1 (also when the
 * brackets do not pair up). */
static int innermost_open(const Toks *ts, int upto, int *top_decl)
{
    int *stack = NULL;
    int n = 0;
    int i = 0;
    int result = -1;
    *top_decl = -1;
    stack = malloc(sizeof *stack * (size_t)(ts->n + 1));
    if (!stack)
        return -1;
    for (i = 0; i < upto && i < ts->n; i++) {
        const Tok *t = &ts->t[i];
        if (n > 0 && *top_decl < 0 && starts_declaration(t)) {
            /* the next declaration begins while something is still open:
             * the missing closer belongs before it */
            *top_decl = i;
            result = stack[n - 1];
            break;
        }
        if (is(t, "{") || is(t, "(") || is(t, "[") || is(t, "function") || is(t, "if") ||
            is(t, "do") || is(t, "repeat")) {
            stack[n++] = i;
        } else if (is(t, "}") || is(t, ")") || is(t, "]") || is(t, "end") || is(t, "until")) {
            if (n == 0)
                goto done;
            n--;
        }
    }
    if (*top_decl < 0)
        result = n > 0 ? stack[n - 1] : -1;
done:
    free(stack);
    return result;
}

/* The closing token of the opener at o. */
static const char *closer_of(const Tok *t)
{
    return is(t, "{") ? "}" : is(t, "(") ? ")" : is(t, "[") ? "]" : is(t, "repeat") ? "until" : "end";
}

/* ---- the rules ---------------------------------------------------------- */

/* The token Lua names ("near 'x'", or <eof>) on line, or -1. */
static int find_error_token(const Toks *ts, int line, const char *near, size_t near_len, int eof)
{
    int i = 0;
    if (eof)
        return ts->n - 1;
    for (i = 0; i < ts->n; i++) {
        const Tok *t = &ts->t[i];
        if (t->line != line)
            continue;
        if (t->k == T_BADSTR && near_len > 0 && (near[0] == '"' || near[0] == '\''))
            return i;
        if (t->n == near_len && memcmp(t->s, near, near_len) == 0)
            return i;
    }
    return -1;
}

/* A missing closer: the opener still open at token e (or at the next
 * declaration before it). */
static int hint_unclosed(const Toks *ts, int e, char *out, size_t size, int *line)
{
    char what[128];
    int decl = -1;
    int o = innermost_open(ts, e, &decl);
    int at = decl >= 0 ? decl : e;
    if (o < 0 || at < 1)
        return 0;
    describe_opener(ts, o, what, sizeof what);
    *line = ts->t[at - 1].line;
    if (decl >= 0)
        snprintf(out, size, "missing `%s` to close %s from line %d? (the next declaration "
                 "starts on line %d)", closer_of(&ts->t[o]), what, ts->t[o].line,
                 ts->t[decl].line);
    else
        snprintf(out, size, "missing `%s` to close %s from line %d?", closer_of(&ts->t[o]), what,
                 ts->t[o].line);
    return 1;
}

/* Picks the rule for Lua's message rest (after "path:line: ", without the
 * "near ..." part) at error token e. */
static int explain(const Toks *ts, const char *rest, int e, char *out, size_t size, int *line)
{
    const Tok *t = &ts->t[e];
    const Tok *p = e > 0 ? &ts->t[e - 1] : NULL;
    char what[128];
    char tok[SHOW_MAX + 8];
    int i = 0;
    if (strncmp(rest, "unfinished string", 17) == 0 && t->k == T_BADSTR) {
        show(t, tok, sizeof tok);
        *line = t->line;
        snprintf(out, size, "missing closing quote: the text %s runs to the end of the line", tok);
        return 1;
    }
    if (t->k == T_EOF && strstr(rest, "expected"))
        return hint_unclosed(ts, e, out, size, line);
    if (!p)
        return 0;
    if (strncmp(rest, "'}' expected", 12) == 0 || strncmp(rest, "')' expected", 12) == 0) {
        if (starts_declaration(t))
            return hint_unclosed(ts, e + 1, out, size, line);
        if (!starts_value(t))
            return 0;
        *line = p->line;
        if (describe_item(ts, e - 1, what, sizeof what))
            snprintf(out, size, "missing comma after %s on line %d?", what, p->line);
        else
            snprintf(out, size, "missing comma at the end of line %d?", p->line);
        return 1;
    }
    if (strncmp(rest, "'then' expected", 15) == 0 || strncmp(rest, "'do' expected", 13) == 0) {
        int then = rest[1] == 't';
        for (i = e - 1; i >= 0; i--)
            if (then ? (is(&ts->t[i], "if") || is(&ts->t[i], "elseif"))
                     : (is(&ts->t[i], "while") || is(&ts->t[i], "for")))
                break;
        *line = p->line;
        if (i < 0)
            snprintf(out, size, "missing `%s` at the end of line %d?", then ? "then" : "do",
                     p->line);
        else
            snprintf(out, size, "missing `%s` after the `%.*s` condition on line %d?",
                     then ? "then" : "do", (int)ts->t[i].n, ts->t[i].s, p->line);
        return 1;
    }
    if (strncmp(rest, "'end' expected", 14) == 0) {
        int o = -1;
        int decl = -1;
        const char *at = strstr(rest, "at line ");
        o = innermost_open(ts, e, &decl);
        *line = p->line;
        if (o >= 0 && decl < 0 && !strcmp(closer_of(&ts->t[o]), "end")) {
            describe_opener(ts, o, what, sizeof what);
            snprintf(out, size, "missing `end` to close %s from line %d?", what, ts->t[o].line);
        } else if (at) {
            snprintf(out, size, "missing `end` for the block from line %d?", atoi(at + 8));
        } else {
            return 0;
        }
        return 1;
    }
    return 0;
}

/* ---- public ------------------------------------------------------------- */

/* Rewrites a syntax error in story terms; see lua_syntax.h. */
int lua_syntax_hint(const char *src, size_t len, const char *msg, char *out, size_t size)
{
    Toks ts;
    const char *colon = NULL;
    const char *rest = NULL;
    const char *near = NULL;
    const char *near_end = NULL;
    char hint[HINT_MAX];
    char rest_copy[HINT_MAX];
    size_t path_len = 0;
    int line = 0;
    int new_line = 0;
    int eof = 0;
    int e = -1;
    int ok = 0;
    memset(&ts, 0, sizeof ts);
    if (!src || !msg || !out || size == 0 || len > LUA_SYNTAX_MAX_TEXT)
        return 0;
    /* "path:LINE: rest" */
    for (colon = strchr(msg, ':'); colon; colon = strchr(colon + 1, ':')) {
        const char *d = colon + 1;
        line = 0;
        while (*d >= '0' && *d <= '9' && line < 10000000)
            line = line * 10 + (*d++ - '0');
        if (d > colon + 1 && d[0] == ':' && d[1] == ' ') {
            rest = d + 2;
            break;
        }
    }
    if (!rest)
        return 0;
    path_len = (size_t)(colon - msg);
    if ((near = strstr(rest, " near <eof>")) != NULL && near[11] == '\0') {
        eof = 1;
    } else {
        near = strstr(rest, " near '");
        while (near && strstr(near + 1, " near '"))
            near = strstr(near + 1, " near '");
        if (!near || !(near_end = strrchr(near, '\'')) || near_end < near + 7)
            return 0;
    }
    snprintf(rest_copy, sizeof rest_copy, "%.*s", (int)(near - rest), rest);
    if (tokenize(src, len, &ts) < 0)
        goto done;
    e = eof ? ts.n - 1
            : find_error_token(&ts, line, near + 7, (size_t)(near_end - (near + 7)), 0);
    if (e < 0)
        goto done;
    new_line = line;
    ok = explain(&ts, rest_copy, e, hint, sizeof hint, &new_line);
    if (ok)
        snprintf(out, size, "%.*s:%d: %s", (int)path_len, msg, new_line, hint);
done:
    free(ts.t);
    return ok;
}

/* Every obj.name on lines first..last; see lua_syntax.h. */
int lua_syntax_fields(const char *src, size_t len, int first, int last, const char *obj,
                      LuaSyntaxField fn, void *ud)
{
    Toks ts;
    int i = 0;
    int found = 0;
    memset(&ts, 0, sizeof ts);
    if (!src || !obj || !fn || len > LUA_SYNTAX_MAX_TEXT)
        return -1;
    if (tokenize(src, len, &ts) < 0) {
        free(ts.t);
        return -1;
    }
    for (i = 0; i + 2 < ts.n; i++) {
        const Tok *t = &ts.t[i];
        const Tok *name = NULL;
        if (t->line < first || t->line > last || t->k != T_NAME || !is(t, obj))
            continue;
        if (i > 0 && (is(&ts.t[i - 1], ".") || is(&ts.t[i - 1], ":")))
            continue;
        if (is(&ts.t[i + 1], ".") && ts.t[i + 2].k == T_NAME)
            name = &ts.t[i + 2];
        else if (is(&ts.t[i + 1], "[") && ts.t[i + 2].k == T_STRING && i + 3 < ts.n &&
                 is(&ts.t[i + 3], "]") && ts.t[i + 2].n >= 2 && ts.t[i + 2].s[0] != '[')
            name = &ts.t[i + 2];
        if (!name)
            continue;
        if (name->k == T_STRING)
            fn(ud, name->s + 1, name->n - 2, name->line);
        else
            fn(ud, name->s, name->n, name->line);
        found++;
    }
    free(ts.t);
    return found;
}

/* Replaces the message on top of L's stack; see lua_syntax.h. */
void lua_syntax_explain(lua_State *L, const char *src, size_t len)
{
    char out[HINT_MAX + 512];
    const char *msg = lua_tostring(L, -1);
    if (!msg || !lua_checkstack(L, 1))
        return;
    if (lua_syntax_hint(src, len, msg, out, sizeof out)) {
        lua_pushstring(L, out); /* a memory error here would raise: the cap allows this */
        lua_replace(L, -2);
    }
}
