/* lua_story.c - the scene API: declaration functions that build a Scenario
 * while a scenario's Lua files run, and the StoryHooks that evaluate its
 * script conditions and effects (see lua_story.h, docs/authoring.md).
 *
 * Declarations are validated as they are made, so an error points at the
 * line that made it.  Steps, options and interactions are built straight
 * into the scenario arena and handed back to the script as light userdata
 * (scripts cannot forge those); beat "id" { ... } collects them.
 */
#include "lua/lua_story.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "core/utf8.h"

#define STATE_KEY "spectactor.story"

typedef struct Loader Loader;

/* Per-host state, a userdata anchored in the registry (its address is
 * stable, so &hooks can be handed out). */
typedef struct StoryHost {
    StoryHooks hooks;
    LuaHost *h;
    Loader *loading;  /* the load in progress, or NULL */
    lua_Integer load_id; /* declaration closures carry the id of their load */
    StoryRun *run;    /* the run of the condition/effect being evaluated */
    int writable;     /* 1 during an effect */
    int v_ro_ref;     /* registry refs of the cached proxies */
    int v_rw_ref;
    int visits_ref;
} StoryHost;

struct Loader {
    StoryHost *st;
    Scenario *sc;
    const char *dir;
    int have_scenario;
    int have_cast;
    StoryBeat *beats; /* malloc'd while loading; copied into the arena */
    int n_beats;
    int cap_beats;
    int *refs; /* registry refs taken, released on failure */
    int n_refs;
    int cap_refs;
    int include_depth;
    int entry_rc; /* lua_host_load_file of the entry file: ERR_IO stays ERR_IO */
};

enum { DECL_STEP = 0x5370, DECL_OPTION, DECL_INTER };

typedef struct Decl {
    int kind;
    const Scenario *owner;
    int used; /* options and interactions hold refs: used once only */
    StoryStep step;
    StoryOption opt;
    StoryInteraction inter;
} Decl;

/* ---- small helpers ------------------------------------------------------ */

static Loader *loader_of(lua_State *L, const char *fn)
{
    StoryHost *st = lua_touserdata(L, lua_upvalueindex(1));
    if (!st || !st->loading || lua_tointeger(L, lua_upvalueindex(2)) != st->load_id)
        luaL_error(L, "%s: declarations are only allowed while the scenario loads", fn);
    return st->loading;
}

/* The file and line of the script call site (level 1). */
static StorySrc src_here(Loader *ld, lua_State *L)
{
    StorySrc src = {0, 0};
    lua_Debug ar;
    memset(&ar, 0, sizeof ar);
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
        src.line = ar.currentline > 0 ? ar.currentline : 0;
        if (ar.source && ar.source[0] == '@')
            src.file = scenario_add_file(ld->sc, ar.source + 1);
    }
    return src;
}

static void *arena(Loader *ld, lua_State *L, size_t size)
{
    void *p = scenario_alloc(ld->sc, size);
    if (!p)
        luaL_error(L, "out of memory");
    return p;
}

static const char *arena_str(Loader *ld, lua_State *L, const char *s)
{
    const char *p = scenario_strdup(ld->sc, s);
    if (!p && s)
        luaL_error(L, "out of memory");
    return p;
}

static void check_bytes(lua_State *L, const char *s, size_t len, size_t max, const char *what)
{
    if (len > max)
        luaL_error(L, "%s is longer than %d bytes", what, (int)max);
    if (memchr(s, '\0', len))
        luaL_error(L, "%s contains a NUL byte", what);
    if (!utf8_valid(s, len))
        luaL_error(L, "%s is not valid UTF-8", what);
}

static int is_id(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0 || len > STORY_MAX_ID)
        return 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* The value at idx must be an id string; returns it (owned by Lua). */
static const char *check_id(lua_State *L, int idx, const char *what)
{
    size_t len = 0;
    const char *s = NULL;
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L, "%s must be an id string, got %s", what, luaL_typename(L, idx));
    s = lua_tolstring(L, idx, &len);
    if (!is_id(s, len))
        luaL_error(L, "%s '%s' is not a valid id (1 to %d of A-Z a-z 0-9 _ -)", what, s,
                   STORY_MAX_ID);
    return s;
}

/* A path inside the scenario folder: relative, no "..", no empty parts. */
static const char *check_rel_path(lua_State *L, int idx, const char *what)
{
    size_t len = 0;
    const char *s = NULL;
    const char *p = NULL;
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L, "%s must be a path string, got %s", what, luaL_typename(L, idx));
    s = lua_tolstring(L, idx, &len);
    check_bytes(L, s, len, 255, what);
    if (len == 0 || s[0] == '/' || s[0] == '\\' || strchr(s, '\\') || strchr(s, ':'))
        luaL_error(L, "%s '%s' must be a file in the scenario folder", what, s);
    for (p = s; *p;) {
        const char *end = strchr(p, '/');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
            luaL_error(L, "%s '%s' must be a file in the scenario folder", what, s);
        p += n;
        if (*p == '/')
            p++;
    }
    return s;
}

/* Pushes t[name] without metamethods; returns its type. */
static int field(lua_State *L, int t, const char *name)
{
    lua_pushstring(L, name);
    return lua_rawget(L, t);
}

/* Every key of table t must be one of allowed, or (array_ok) 1..#t. */
static void check_fields(lua_State *L, int t, const char *const *allowed, int array_ok,
                         const char *what)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, t);
    int i = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            const char *k = lua_tostring(L, -1);
            for (i = 0; allowed[i]; i++)
                if (strcmp(allowed[i], k) == 0)
                    break;
            if (!allowed[i])
                luaL_error(L, "%s: unknown field '%s'", what, k);
        } else if (lua_isinteger(L, -1) && array_ok && lua_tointeger(L, -1) >= 1 &&
                   lua_tointeger(L, -1) <= n) {
            continue;
        } else {
            luaL_error(L, "%s: unexpected %s key", what, luaL_typename(L, -1));
        }
    }
}

static void check_table_arg(lua_State *L, const char *fn)
{
    if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TTABLE)
        luaL_error(L, "%s expects one table: %s { ... }", fn, fn);
}

/* Reads the text at idx (nil leaves t empty).  A string means the same in
 * every language; a table maps declared language codes to strings. */
static void read_text(Loader *ld, lua_State *L, int idx, StoryText *t, StorySrc src,
                      const char *what)
{
    Scenario *sc = ld->sc;
    size_t len = 0;
    const char *s = NULL;
    const char *copy = NULL;
    int i = 0;
    char sub[128];
    idx = lua_absindex(L, idx);
    memset(t, 0, sizeof *t);
    t->src = src;
    if (lua_isnil(L, idx))
        return;
    if (lua_type(L, idx) == LUA_TSTRING) {
        s = lua_tolstring(L, idx, &len);
        check_bytes(L, s, len, STORY_MAX_TEXT, what);
        copy = arena_str(ld, L, s);
        for (i = 0; i < sc->n_langs; i++)
            t->s[i] = copy;
        return;
    }
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "%s must be a text (a string or { da = \"...\", en = \"...\" }), got %s",
                   what, luaL_typename(L, idx));
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int lang = -1;
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "%s: language keys must be codes like da, en", what);
        lang = scenario_lang_index(sc, lua_tostring(L, -2));
        if (lang < 0)
            luaL_error(L, "%s: language '%s' is not in scenario.languages", what,
                       lua_tostring(L, -2));
        snprintf(sub, sizeof sub, "%s (%s)", what, lua_tostring(L, -2));
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "%s must be a string, got %s", sub, luaL_typename(L, -1));
        s = lua_tolstring(L, -1, &len);
        check_bytes(L, s, len, STORY_MAX_TEXT, sub);
        t->s[lang] = arena_str(ld, L, s);
        lua_pop(L, 1);
    }
}

/* Reads field name of table t as a text. */
static void text_field(Loader *ld, lua_State *L, int t, const char *name, StoryText *out,
                       StorySrc src, const char *what)
{
    char sub[128];
    snprintf(sub, sizeof sub, "%s: field '%s'", what, name);
    field(L, t, name);
    read_text(ld, L, -1, out, src, sub);
    lua_pop(L, 1);
}

/* Optional boolean field; returns 0/1. */
static int bool_field(lua_State *L, int t, const char *name, const char *what)
{
    int type = field(L, t, name);
    int b = 0;
    if (type != LUA_TNIL && type != LUA_TBOOLEAN)
        luaL_error(L, "%s: field '%s' must be true or false", what, name);
    b = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return b;
}

/* Optional id field copied into the arena (NULL when absent). */
static const char *id_field(Loader *ld, lua_State *L, int t, const char *name, const char *what)
{
    char sub[128];
    const char *s = NULL;
    if (field(L, t, name) != LUA_TNIL) {
        snprintf(sub, sizeof sub, "%s: field '%s'", what, name);
        s = arena_str(ld, L, check_id(L, -1, sub));
    }
    lua_pop(L, 1);
    return s;
}

/* Optional string field (at most max bytes) copied into the arena. */
static const char *str_field(Loader *ld, lua_State *L, int t, const char *name, size_t max,
                             const char *what)
{
    char sub[128];
    size_t len = 0;
    const char *s = NULL;
    int type = field(L, t, name);
    snprintf(sub, sizeof sub, "%s: field '%s'", what, name);
    if (type != LUA_TNIL) {
        if (type != LUA_TSTRING)
            luaL_error(L, "%s must be a string, got %s", sub, luaL_typename(L, -1));
        s = lua_tolstring(L, -1, &len);
        check_bytes(L, s, len, max, sub);
        s = arena_str(ld, L, s);
    }
    lua_pop(L, 1);
    return s;
}

static void need_scenario(Loader *ld, lua_State *L, const char *fn)
{
    if (!ld->have_scenario)
        luaL_error(L, "%s: scenario { ... } must come first", fn);
}

static int cast_of(Loader *ld, lua_State *L, int idx, const char *what)
{
    const char *id = check_id(L, idx, what);
    int i = scenario_cast_index(ld->sc, id);
    if (i < 0)
        luaL_error(L, "%s: unknown cast '%s'", what, id);
    return i;
}

static int keep_ref(Loader *ld, lua_State *L, int idx)
{
    int ref = 0;
    if (ld->n_refs == ld->cap_refs) {
        int cap = ld->cap_refs ? ld->cap_refs * 2 : 32;
        int *p = realloc(ld->refs, (size_t)cap * sizeof *p);
        if (!p)
            luaL_error(L, "out of memory");
        ld->refs = p;
        ld->cap_refs = cap;
    }
    lua_pushvalue(L, idx);
    ref = luaL_ref(L, LUA_REGISTRYINDEX);
    ld->refs[ld->n_refs++] = ref;
    return ref;
}

static Decl *new_decl(Loader *ld, lua_State *L, int kind)
{
    Decl *d = arena(ld, L, sizeof *d);
    d->kind = kind;
    d->owner = ld->sc;
    return d;
}

static Decl *to_decl(Loader *ld, lua_State *L, int idx)
{
    Decl *d = NULL;
    if (lua_type(L, idx) != LUA_TLIGHTUSERDATA)
        return NULL;
    d = lua_touserdata(L, idx);
    if (!d || d->owner != ld->sc)
        return NULL;
    return d;
}

static int parse_color(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    int i = 0;
    if (strlen(s) != 7 || s[0] != '#')
        return -1;
    for (i = 1; i < 7; i++) {
        char c = s[i];
        int d = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
        if (d < 0)
            return -1;
        v = v * 16 + (uint32_t)d;
    }
    *out = v;
    return 0;
}

/* Reads the value at idx as a variable value (number, boolean, string). */
static void read_value(Loader *ld, lua_State *L, int idx, StoryValue *v, const char *what)
{
    size_t len = 0;
    const char *s = NULL;
    memset(v, 0, sizeof *v);
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        v->type = STORY_VAL_NUMBER;
        v->num = lua_tonumber(L, idx);
        break;
    case LUA_TBOOLEAN:
        v->type = STORY_VAL_BOOL;
        v->b = lua_toboolean(L, idx);
        break;
    case LUA_TSTRING:
        s = lua_tolstring(L, idx, &len);
        check_bytes(L, s, len, STORY_MAX_TEXT, what);
        v->type = STORY_VAL_STRING;
        v->str = arena_str(ld, L, s);
        break;
    default:
        luaL_error(L, "%s must be a number, boolean or string, got %s", what,
                   luaL_typename(L, idx));
    }
}

/* ---- scenario { ... } --------------------------------------------------- */

static const char *const scenario_fields[] = {
    "id", "languages", "title", "subtitle", "start", "content_note", "help",
    "advice", "stop_question", "notes", "vars", NULL};

static void read_languages(Loader *ld, lua_State *L, int t)
{
    Scenario *sc = ld->sc;
    lua_Integer n = 0;
    lua_Integer i = 0;
    int j = 0;
    if (field(L, t, "languages") != LUA_TTABLE)
        luaL_error(L, "scenario: field 'languages' must be a list like { \"da\", \"en\" }");
    n = (lua_Integer)lua_rawlen(L, -1);
    if (n < 1 || n > STORY_MAX_LANGS)
        luaL_error(L, "scenario: field 'languages' needs 1 to %d languages", STORY_MAX_LANGS);
    for (i = 1; i <= n; i++) {
        const char *code = NULL;
        lua_rawgeti(L, -1, i);
        code = check_id(L, -1, "scenario: language");
        for (j = 0; j < sc->n_langs; j++)
            if (strcmp(sc->langs[j], code) == 0)
                luaL_error(L, "scenario: language '%s' is listed twice", code);
        sc->langs[sc->n_langs++] = arena_str(ld, L, code);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void read_help(Loader *ld, lua_State *L, int t, StorySrc src)
{
    static const char *const help_fields[] = {"title", "contacts", NULL};
    static const char *const contact_fields[] = {"name", "phone", "web", "text", NULL};
    Scenario *sc = ld->sc;
    StoryContact *contacts = NULL;
    lua_Integer n = 0;
    lua_Integer i = 0;
    int h = 0;
    int type = field(L, t, "help");
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (type != LUA_TTABLE)
        luaL_error(L, "scenario: field 'help' must be a table { title = ..., contacts = ... }");
    h = lua_gettop(L);
    check_fields(L, h, help_fields, 0, "scenario: help");
    text_field(ld, L, h, "title", &sc->help_title, src, "scenario: help");
    type = field(L, h, "contacts");
    if (type == LUA_TTABLE) {
        int c = lua_gettop(L);
        n = (lua_Integer)lua_rawlen(L, c);
        if (n > LUA_STORY_MAX_CONTACTS)
            luaL_error(L, "scenario: help: at most %d contacts", LUA_STORY_MAX_CONTACTS);
        check_fields(L, c, contact_fields + 4, 1, "scenario: help: contacts");
        contacts = arena(ld, L, sizeof *contacts * (size_t)(n ? n : 1));
        for (i = 1; i <= n; i++) {
            int e = 0;
            if (lua_rawgeti(L, c, i) != LUA_TTABLE)
                luaL_error(L, "scenario: help: contact %d must be a table", (int)i);
            e = lua_gettop(L);
            check_fields(L, e, contact_fields, 0, "scenario: help: contact");
            text_field(ld, L, e, "name", &contacts[i - 1].name, src, "scenario: help: contact");
            text_field(ld, L, e, "text", &contacts[i - 1].text, src, "scenario: help: contact");
            contacts[i - 1].phone = str_field(ld, L, e, "phone", 64, "scenario: help: contact");
            contacts[i - 1].web = str_field(ld, L, e, "web", 256, "scenario: help: contact");
            lua_pop(L, 1);
        }
        sc->contacts = contacts;
        sc->n_contacts = (int)n;
    } else if (type != LUA_TNIL) {
        luaL_error(L, "scenario: help: field 'contacts' must be a list of tables");
    }
    lua_pop(L, 2);
}

static void read_advice(Loader *ld, lua_State *L, int t, StorySrc src)
{
    Scenario *sc = ld->sc;
    StoryText *advice = NULL;
    lua_Integer n = 0;
    lua_Integer i = 0;
    int a = 0;
    int type = field(L, t, "advice");
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (type != LUA_TTABLE)
        luaL_error(L, "scenario: field 'advice' must be a list of texts");
    a = lua_gettop(L);
    n = (lua_Integer)lua_rawlen(L, a);
    if (n > LUA_STORY_MAX_ADVICE)
        luaL_error(L, "scenario: at most %d advice texts", LUA_STORY_MAX_ADVICE);
    check_fields(L, a, scenario_fields + 11, 1, "scenario: advice");
    advice = arena(ld, L, sizeof *advice * (size_t)(n ? n : 1));
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, a, i);
        read_text(ld, L, -1, &advice[i - 1], src, "scenario: advice");
        lua_pop(L, 1);
    }
    sc->advice = advice;
    sc->n_advice = (int)n;
    lua_pop(L, 1);
}

static int cmp_var(const void *a, const void *b)
{
    return strcmp(((const StoryVarDecl *)a)->name, ((const StoryVarDecl *)b)->name);
}

static void read_vars(Loader *ld, lua_State *L, int t)
{
    Scenario *sc = ld->sc;
    StoryVarDecl *vars = NULL;
    int n = 0;
    int v = 0;
    char what[128];
    int type = field(L, t, "vars");
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (type != LUA_TTABLE)
        luaL_error(L, "scenario: field 'vars' must be a table { name = value, ... }");
    v = lua_gettop(L);
    vars = arena(ld, L, sizeof *vars * STORY_MAX_VARS);
    lua_pushnil(L);
    while (lua_next(L, v)) {
        const char *name = check_id(L, -2, "scenario: variable name");
        if (n >= STORY_MAX_VARS)
            luaL_error(L, "scenario: at most %d variables", STORY_MAX_VARS);
        snprintf(what, sizeof what, "scenario: variable '%s'", name);
        vars[n].name = arena_str(ld, L, name);
        read_value(ld, L, -1, &vars[n].init, what);
        n++;
        lua_pop(L, 1);
    }
    qsort(vars, (size_t)n, sizeof *vars, cmp_var); /* lua_next order is arbitrary */
    sc->vars = vars;
    sc->n_vars = n;
    lua_pop(L, 1);
}

static int l_scenario(lua_State *L)
{
    Loader *ld = loader_of(L, "scenario");
    Scenario *sc = ld->sc;
    StorySrc src = src_here(ld, L);
    check_table_arg(L, "scenario");
    if (ld->have_scenario)
        return luaL_error(L, "scenario { ... } is declared twice");
    check_fields(L, 1, scenario_fields, 0, "scenario");
    read_languages(ld, L, 1);
    ld->have_scenario = 1;
    sc->src = src;
    if (field(L, 1, "id") == LUA_TNIL)
        return luaL_error(L, "scenario: field 'id' is required");
    sc->id = arena_str(ld, L, check_id(L, -1, "scenario: field 'id'"));
    lua_pop(L, 1);
    text_field(ld, L, 1, "title", &sc->title, src, "scenario");
    text_field(ld, L, 1, "subtitle", &sc->subtitle, src, "scenario");
    sc->start_id = id_field(ld, L, 1, "start", "scenario");
    text_field(ld, L, 1, "content_note", &sc->content_note, src, "scenario");
    text_field(ld, L, 1, "stop_question", &sc->stop_question, src, "scenario");
    text_field(ld, L, 1, "notes", &sc->notes, src, "scenario");
    read_help(ld, L, 1, src);
    read_advice(ld, L, 1, src);
    read_vars(ld, L, 1);
    return 0;
}

/* ---- cast { ... } ------------------------------------------------------- */

static int l_cast(lua_State *L)
{
    static const char *const cast_fields[] = {"id", "name", "color", "role", "portrait", NULL};
    Loader *ld = loader_of(L, "cast");
    Scenario *sc = ld->sc;
    StorySrc src = src_here(ld, L);
    StoryCast *cast = NULL;
    lua_Integer n = 0;
    lua_Integer i = 0;
    int j = 0;
    char what[128];
    check_table_arg(L, "cast");
    need_scenario(ld, L, "cast");
    if (ld->have_cast)
        return luaL_error(L, "cast { ... } is declared twice");
    n = (lua_Integer)lua_rawlen(L, 1);
    if (n < 1 || n > STORY_MAX_CAST)
        return luaL_error(L, "cast: needs 1 to %d characters, got %d", STORY_MAX_CAST, (int)n);
    check_fields(L, 1, cast_fields + 5, 1, "cast");
    cast = arena(ld, L, sizeof *cast * (size_t)n);
    for (i = 1; i <= n; i++) {
        StoryCast *c = &cast[i - 1];
        int e = 0;
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE)
            return luaL_error(L, "cast: character %d must be a table { id = ..., name = ... }",
                              (int)i);
        e = lua_gettop(L);
        snprintf(what, sizeof what, "cast: character %d", (int)i);
        check_fields(L, e, cast_fields, 0, what);
        c->id = id_field(ld, L, e, "id", what);
        if (!c->id)
            return luaL_error(L, "%s: field 'id' is required", what);
        snprintf(what, sizeof what, "cast '%s'", c->id);
        for (j = 0; j < (int)i - 1; j++)
            if (strcmp(cast[j].id, c->id) == 0)
                return luaL_error(L, "%s is declared twice", what);
        text_field(ld, L, e, "name", &c->name, src, what);
        if (!c->name.s[0] && !c->name.s[1] && !c->name.s[2] && !c->name.s[3])
            return luaL_error(L, "%s: field 'name' is required", what);
        text_field(ld, L, e, "role", &c->role, src, what);
        if (field(L, e, "color") != LUA_TSTRING || parse_color(lua_tostring(L, -1), &c->color))
            return luaL_error(L, "%s: field 'color' must be \"#rrggbb\"", what);
        lua_pop(L, 1);
        if (field(L, e, "portrait") != LUA_TNIL) {
            char sub[160];
            snprintf(sub, sizeof sub, "%s: field 'portrait'", what);
            c->portrait = arena_str(ld, L, check_rel_path(L, -1, sub));
        }
        lua_pop(L, 2);
    }
    sc->cast = cast;
    sc->n_cast = (int)n;
    ld->have_cast = 1;
    return 0;
}

/* ---- steps -------------------------------------------------------------- */

static void check_nargs(lua_State *L, const char *fn, int min, int max, const char *usage)
{
    int n = lua_gettop(L);
    if (n < min || n > max)
        luaL_error(L, "%s: expected %s", fn, usage);
}

static int has_text(const StoryText *t)
{
    int i = 0;
    for (i = 0; i < STORY_MAX_LANGS; i++)
        if (t->s[i])
            return 1;
    return 0;
}

/* A new step declaration of kind at src, with no speaker and no phone. */
static Decl *new_step(Loader *ld, lua_State *L, StoryStepKind kind, StorySrc src)
{
    Decl *d = new_decl(ld, L, DECL_STEP);
    d->step.kind = kind;
    d->step.speaker = -1;
    d->step.phone = -1;
    d->step.src = src;
    return d;
}

/* Reads the step's required text from argument idx (what names it in
 * errors, e.g. "say: text") and returns the declaration to the script. */
static int push_step(Loader *ld, lua_State *L, Decl *d, int idx, const char *what)
{
    read_text(ld, L, idx, &d->step.text, d->step.src, what);
    if (!has_text(&d->step.text))
        return luaL_error(L, "%s is missing", what);
    lua_pushlightuserdata(L, d);
    return 1;
}

static int l_say(lua_State *L)
{
    Loader *ld = loader_of(L, "say");
    StorySrc src = src_here(ld, L);
    Decl *d = NULL;
    check_nargs(L, "say", 2, 2, "say(\"cast_id\", text)");
    need_scenario(ld, L, "say");
    d = new_step(ld, L, STORY_STEP_LINE, src);
    d->step.speaker = cast_of(ld, L, 1, "say: speaker");
    return push_step(ld, L, d, 2, "say: text");
}

static int l_sms(lua_State *L)
{
    Loader *ld = loader_of(L, "sms");
    StorySrc src = src_here(ld, L);
    Decl *d = NULL;
    size_t len = 0;
    const char *time = NULL;
    check_nargs(L, "sms", 4, 4, "sms(\"from\", \"to\", \"22:14\", text)");
    need_scenario(ld, L, "sms");
    d = new_step(ld, L, STORY_STEP_MESSAGE, src);
    d->step.speaker = cast_of(ld, L, 1, "sms: sender");
    d->step.phone = cast_of(ld, L, 2, "sms: phone owner");
    if (!lua_isnil(L, 3)) {
        if (lua_type(L, 3) != LUA_TSTRING)
            return luaL_error(L, "sms: time must be a string like \"22:14\"");
        time = lua_tolstring(L, 3, &len);
        check_bytes(L, time, len, 32, "sms: time");
        d->step.time = arena_str(ld, L, time);
    }
    return push_step(ld, L, d, 4, "sms: text");
}

static int l_narrate(lua_State *L)
{
    Loader *ld = loader_of(L, "narrate");
    StorySrc src = src_here(ld, L);
    Decl *d = NULL;
    check_nargs(L, "narrate", 1, 1, "narrate(text)");
    need_scenario(ld, L, "narrate");
    d = new_step(ld, L, STORY_STEP_NARRATION, src);
    return push_step(ld, L, d, 1, "narrate: text");
}

static int l_image(lua_State *L)
{
    Loader *ld = loader_of(L, "image");
    StorySrc src = src_here(ld, L);
    Decl *d = NULL;
    check_nargs(L, "image", 1, 2, "image(\"img/x.png\", caption)");
    need_scenario(ld, L, "image");
    d = new_step(ld, L, STORY_STEP_IMAGE, src);
    d->step.image = arena_str(ld, L, check_rel_path(L, 1, "image: path"));
    if (lua_gettop(L) >= 2)
        read_text(ld, L, 2, &d->step.text, src, "image: caption");
    else
        d->step.text.src = src;
    lua_pushlightuserdata(L, d);
    return 1;
}

/* ---- options and interactions ------------------------------------------- */

static int cmp_effect(const void *a, const void *b)
{
    return strcmp(((const StoryEffect *)a)->var, ((const StoryEffect *)b)->var);
}

/* Reads set = {...} / add = {...} into effects[*n]. */
static void read_effects(Loader *ld, lua_State *L, int t, const char *name, StoryEffectOp op,
                         StoryEffect *effects, int *n)
{
    char what[128];
    int e = 0;
    int type = field(L, t, name);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (type != LUA_TTABLE)
        luaL_error(L, "option: field '%s' must be a table { name = value, ... }", name);
    e = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, e)) {
        const char *var = check_id(L, -2, "option: variable name");
        if (*n >= STORY_MAX_VARS)
            luaL_error(L, "option: at most %d variable effects", STORY_MAX_VARS);
        snprintf(what, sizeof what, "option: %s '%s'", name, var);
        if (op == STORY_EFFECT_ADD && lua_type(L, -1) != LUA_TNUMBER)
            luaL_error(L, "%s must be a number", what);
        effects[*n].var = arena_str(ld, L, var);
        effects[*n].op = op;
        read_value(ld, L, -1, &effects[*n].value, what);
        (*n)++;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static int l_option(lua_State *L)
{
    static const char *const option_fields[] = {"text", "to", "when", "reason", "hide",
                                                "once", "set", "add", "effect", NULL};
    Loader *ld = loader_of(L, "option");
    StorySrc src = src_here(ld, L);
    Decl *d = NULL;
    StoryOption *o = NULL;
    StoryEffect *effects = NULL;
    int n_set = 0;
    int n = 0;
    int type = 0;
    check_table_arg(L, "option");
    need_scenario(ld, L, "option");
    check_fields(L, 1, option_fields, 0, "option");
    d = new_decl(ld, L, DECL_OPTION);
    o = &d->opt;
    o->src = src;
    o->target = -1;
    text_field(ld, L, 1, "text", &o->text, src, "option");
    if (!has_text(&o->text))
        return luaL_error(L, "option: field 'text' is required");
    o->target_id = id_field(ld, L, 1, "to", "option");
    if (!o->target_id)
        return luaL_error(L, "option: field 'to' is required");
    text_field(ld, L, 1, "reason", &o->reason, src, "option");
    o->hide = bool_field(L, 1, "hide", "option");
    o->once = bool_field(L, 1, "once", "option");
    effects = arena(ld, L, sizeof *effects * 2 * STORY_MAX_VARS);
    read_effects(ld, L, 1, "set", STORY_EFFECT_SET, effects, &n);
    n_set = n;
    qsort(effects, (size_t)n_set, sizeof *effects, cmp_effect);
    read_effects(ld, L, 1, "add", STORY_EFFECT_ADD, effects, &n);
    qsort(effects + n_set, (size_t)(n - n_set), sizeof *effects, cmp_effect);
    o->effects = effects;
    o->n_effects = n;
    type = field(L, 1, "when");
    if (type == LUA_TFUNCTION)
        o->cond_ref = keep_ref(ld, L, -1);
    else if (type != LUA_TNIL)
        return luaL_error(L, "option: field 'when' must be a function (v, visits)");
    lua_pop(L, 1);
    type = field(L, 1, "effect");
    if (type == LUA_TFUNCTION)
        o->effect_ref = keep_ref(ld, L, -1);
    else if (type != LUA_TNIL)
        return luaL_error(L, "option: field 'effect' must be a function (v)");
    lua_pop(L, 1);
    lua_pushlightuserdata(L, d);
    return 1;
}

static int l_choice(lua_State *L)
{
    static const char *const choice_fields[] = {"prompt", "who", NULL};
    Loader *ld = loader_of(L, "choice");
    StorySrc src = src_here(ld, L);
    Decl *d = NULL;
    StoryOption *opts = NULL;
    lua_Integer n = 0;
    lua_Integer i = 0;
    check_table_arg(L, "choice");
    need_scenario(ld, L, "choice");
    check_fields(L, 1, choice_fields, 1, "choice");
    n = (lua_Integer)lua_rawlen(L, 1);
    if (n < STORY_MIN_OPTIONS || n > STORY_MAX_OPTIONS)
        return luaL_error(L, "choice: needs %d to %d options, got %d", STORY_MIN_OPTIONS,
                          STORY_MAX_OPTIONS, (int)n);
    d = new_decl(ld, L, DECL_INTER);
    d->inter.kind = STORY_INT_CHOICE;
    d->inter.src = src;
    d->inter.character = -1;
    text_field(ld, L, 1, "prompt", &d->inter.prompt, src, "choice");
    if (field(L, 1, "who") != LUA_TNIL)
        d->inter.character = cast_of(ld, L, -1, "choice: field 'who'");
    lua_pop(L, 1);
    opts = arena(ld, L, sizeof *opts * (size_t)n);
    for (i = 1; i <= n; i++) {
        Decl *od = NULL;
        lua_rawgeti(L, 1, i);
        od = to_decl(ld, L, -1);
        if (!od || od->kind != DECL_OPTION)
            return luaL_error(L, "choice: element %d is not an option { ... }", (int)i);
        if (od->used)
            return luaL_error(L, "choice: option %d is already used in another choice", (int)i);
        od->used = 1;
        opts[i - 1] = od->opt;
        lua_pop(L, 1);
    }
    d->inter.options = opts;
    d->inter.n_options = (int)n;
    lua_pushlightuserdata(L, d);
    return 1;
}

static int simple_interaction(lua_State *L, const char *fn, StoryIntKind kind)
{
    static const char *const prompt_fields[] = {"prompt", NULL};
    static const char *const discuss_fields[] = {"prompt", "seconds", NULL};
    Loader *ld = loader_of(L, fn);
    StorySrc src = src_here(ld, L);
    Decl *d = NULL;
    check_table_arg(L, fn);
    need_scenario(ld, L, fn);
    check_fields(L, 1, kind == STORY_INT_DISCUSS ? discuss_fields : prompt_fields, 0, fn);
    d = new_decl(ld, L, DECL_INTER);
    d->inter.kind = kind;
    d->inter.src = src;
    d->inter.character = -1;
    text_field(ld, L, 1, "prompt", &d->inter.prompt, src, fn);
    if (kind == STORY_INT_DISCUSS) {
        int type = field(L, 1, "seconds");
        if (type != LUA_TNIL) {
            lua_Integer s = 0;
            if (!lua_isinteger(L, -1) ||
                (s = lua_tointeger(L, -1)) < 0 || s > LUA_STORY_MAX_SECONDS)
                return luaL_error(L, "discuss: field 'seconds' must be a whole number 0..%d",
                                  LUA_STORY_MAX_SECONDS);
            d->inter.seconds = (int)s;
        }
        lua_pop(L, 1);
    }
    lua_pushlightuserdata(L, d);
    return 1;
}

static int l_signal(lua_State *L)
{
    return simple_interaction(L, "signal", STORY_INT_SIGNAL);
}

static int l_idea(lua_State *L)
{
    return simple_interaction(L, "idea", STORY_INT_IDEA);
}

static int l_discuss(lua_State *L)
{
    return simple_interaction(L, "discuss", STORY_INT_DISCUSS);
}

/* ---- beat "id" { ... } -------------------------------------------------- */

static const char *const beat_fields[] = {"title", "place", "time", "notes", "next", "ending",
                                          "choice", "signal", "idea", "discuss", NULL};

static void check_beat_unique(Loader *ld, lua_State *L, const char *id)
{
    int i = 0;
    char where[300];
    for (i = 0; i < ld->n_beats; i++)
        if (strcmp(ld->beats[i].id, id) == 0)
            luaL_error(L, "beat '%s' is declared twice (first at %s)", id,
                       scenario_where(ld->sc, ld->beats[i].src, where, sizeof where));
}

/* Sets b's interaction from the Decl at idx; one per beat. */
static void set_interaction(Loader *ld, lua_State *L, StoryBeat *b, int idx, const char *what)
{
    Decl *d = to_decl(ld, L, idx);
    if (!d || d->kind != DECL_INTER)
        luaL_error(L, "%s: not an interaction (choice, signal, idea, discuss)", what);
    if (b->interaction.kind != STORY_INT_NONE)
        luaL_error(L, "%s: a beat has at most one interaction", what);
    if (d->used)
        luaL_error(L, "%s: this interaction is already used in another beat", what);
    d->used = 1;
    b->interaction = d->inter;
}

static int l_beat_body(lua_State *L)
{
    Loader *ld = loader_of(L, "beat");
    const char *id = lua_tostring(L, lua_upvalueindex(3));
    StorySrc src = {(int)lua_tointeger(L, lua_upvalueindex(4)),
                    (int)lua_tointeger(L, lua_upvalueindex(5))};
    StoryBeat b;
    StoryStep *steps = NULL;
    lua_Integer n = 0;
    lua_Integer i = 0;
    int n_steps = 0;
    int inter_in_array = 0;
    char what[128];
    size_t k = 0;
    memset(&b, 0, sizeof b);
    snprintf(what, sizeof what, "beat '%s'", id);
    if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TTABLE)
        return luaL_error(L, "%s expects a table: beat \"%s\" { ... }", what, id);
    check_beat_unique(ld, L, id);
    if (ld->n_beats >= STORY_MAX_BEATS)
        return luaL_error(L, "at most %d beats", STORY_MAX_BEATS);
    check_fields(L, 1, beat_fields, 1, what);
    b.id = arena_str(ld, L, id);
    b.src = src;
    b.next = -1;
    b.interaction.character = -1;
    text_field(ld, L, 1, "title", &b.title, src, what);
    text_field(ld, L, 1, "place", &b.place, src, what);
    text_field(ld, L, 1, "time", &b.time, src, what);
    text_field(ld, L, 1, "notes", &b.notes, src, what);
    b.next_id = id_field(ld, L, 1, "next", what);
    if (field(L, 1, "ending") != LUA_TNIL) {
        b.ending = 1;
        lua_pop(L, 1);
        text_field(ld, L, 1, "ending", &b.ending_text, src, what);
    } else {
        lua_pop(L, 1);
    }
    for (k = 6; beat_fields[k]; k++) {
        if (field(L, 1, beat_fields[k]) != LUA_TNIL) {
            char sub[160];
            Decl *d = to_decl(ld, L, -1);
            snprintf(sub, sizeof sub, "%s: field '%s'", what, beat_fields[k]);
            set_interaction(ld, L, &b, -1, sub);
            if (!d || (int)d->inter.kind != (int)(k - 5)) /* STORY_INT_CHOICE == 1 ... */
                return luaL_error(L, "%s holds a different interaction", sub);
        }
        lua_pop(L, 1);
    }
    n = (lua_Integer)lua_rawlen(L, 1);
    if (n > STORY_MAX_STEPS)
        return luaL_error(L, "%s: at most %d steps", what, STORY_MAX_STEPS);
    steps = arena(ld, L, sizeof *steps * (size_t)(n ? n : 1));
    for (i = 1; i <= n; i++) {
        Decl *d = NULL;
        lua_rawgeti(L, 1, i);
        d = to_decl(ld, L, -1);
        if (d && d->kind == DECL_STEP) {
            if (inter_in_array)
                return luaL_error(L, "%s: steps must come before the interaction", what);
            steps[n_steps++] = d->step;
        } else if (d && d->kind == DECL_INTER) {
            set_interaction(ld, L, &b, -1, what);
            inter_in_array = 1;
        } else {
            return luaL_error(L,
                              "%s: element %d is not a step (say, sms, narrate, image) or an "
                              "interaction (choice, signal, idea, discuss)",
                              what, (int)i);
        }
        lua_pop(L, 1);
    }
    b.steps = steps;
    b.n_steps = n_steps;
    if (ld->n_beats == ld->cap_beats) {
        int cap = ld->cap_beats ? ld->cap_beats * 2 : 32;
        StoryBeat *p = realloc(ld->beats, (size_t)cap * sizeof *p);
        if (!p)
            return luaL_error(L, "out of memory");
        ld->beats = p;
        ld->cap_beats = cap;
    }
    ld->beats[ld->n_beats++] = b;
    return 0;
}

static int l_beat(lua_State *L)
{
    Loader *ld = loader_of(L, "beat");
    StorySrc src = src_here(ld, L);
    const char *id = NULL;
    if (lua_gettop(L) != 1)
        return luaL_error(L, "beat: expected beat \"id\" { ... }");
    need_scenario(ld, L, "beat");
    id = check_id(L, 1, "beat id");
    check_beat_unique(ld, L, id);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, 1);
    lua_pushinteger(L, src.file);
    lua_pushinteger(L, src.line);
    lua_pushcclosure(L, l_beat_body, 5);
    return 1;
}

/* ---- include "file.lua" ------------------------------------------------- */

static int l_include(lua_State *L)
{
    Loader *ld = loader_of(L, "include");
    const char *name = NULL;
    char path[LUA_STORY_MAX_PATH];
    Err e;
    int rc = 0;
    size_t len = 0;
    err_clear(&e);
    check_nargs(L, "include", 1, 1, "include \"file.lua\"");
    name = check_rel_path(L, 1, "include");
    len = strlen(name);
    if (len < 5 || strcmp(name + len - 4, ".lua") != 0)
        return luaL_error(L, "include '%s': only .lua files can be included", name);
    if (ld->include_depth >= LUA_STORY_MAX_INCLUDE_DEPTH)
        return luaL_error(L, "include '%s': includes nested deeper than %d", name,
                          LUA_STORY_MAX_INCLUDE_DEPTH);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", ld->dir, name) >= sizeof path)
        return luaL_error(L, "include '%s': path too long", name);
    if (ld->sc->n_files >= STORY_MAX_FILES)
        return luaL_error(L, "include '%s': at most %d files", name, STORY_MAX_FILES);
    scenario_add_file(ld->sc, path);
    rc = lua_host_load_file(ld->st->h, path, lua_upvalueindex(3), &e);
    if (rc == ERR_IO)
        return luaL_error(L, "include '%s': file not found or unreadable", name);
    if (rc != 0) {
        lua_pushstring(L, e.msg);
        return lua_error(L);
    }
    ld->include_depth++;
    lua_call(L, 0, 0);
    ld->include_depth--;
    return 0;
}

/* ---- the load ----------------------------------------------------------- */

static const luaL_Reg decls[] = {
    {"scenario", l_scenario}, {"cast", l_cast},       {"beat", l_beat},
    {"say", l_say},           {"sms", l_sms},         {"narrate", l_narrate},
    {"image", l_image},       {"choice", l_choice},   {"signal", l_signal},
    {"idea", l_idea},         {"discuss", l_discuss}, {"option", l_option},
    {NULL, NULL}};

/* Protected: args env, Loader*, path (light userdata).  Installs the declarations and runs
 * the entry file. */
static int load_main(lua_State *L)
{
    Loader *ld = lua_touserdata(L, 2);
    const char *path = lua_touserdata(L, 3);
    Err e;
    int i = 0;
    err_clear(&e);
    for (i = 0; decls[i].name; i++) {
        lua_pushlightuserdata(L, ld->st);
        lua_pushinteger(L, ld->st->load_id);
        lua_pushcclosure(L, decls[i].func, 2);
        lua_setfield(L, 1, decls[i].name);
    }
    lua_pushlightuserdata(L, ld->st);
    lua_pushinteger(L, ld->st->load_id);
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, l_include, 3);
    lua_setfield(L, 1, "include");
    if ((ld->entry_rc = lua_host_load_file(ld->st->h, path, 1, &e)) != 0) {
        lua_pushstring(L, e.msg);
        return lua_error(L);
    }
    lua_call(L, 0, 0);
    return 0;
}

/* ---- proxies for conditions and effects --------------------------------- */

static StoryHost *host_up(lua_State *L)
{
    StoryHost *st = lua_touserdata(L, lua_upvalueindex(1));
    if (!st || !st->run)
        luaL_error(L, "variables can only be used inside a condition or effect");
    return st;
}

static int l_v_index(lua_State *L)
{
    StoryHost *st = host_up(L);
    StoryValue v;
    memset(&v, 0, sizeof v);
    if (lua_type(L, 2) != LUA_TSTRING || story_var_get(st->run, lua_tostring(L, 2), &v) != 0) {
        lua_pushnil(L);
        return 1;
    }
    switch (v.type) {
    case STORY_VAL_BOOL:
        lua_pushboolean(L, v.b);
        break;
    case STORY_VAL_NUMBER:
        if (v.num == (double)(lua_Integer)v.num && v.num >= -9.0e15 && v.num <= 9.0e15)
            lua_pushinteger(L, (lua_Integer)v.num);
        else
            lua_pushnumber(L, v.num);
        break;
    case STORY_VAL_STRING:
        lua_pushstring(L, v.str ? v.str : "");
        break;
    default:
        lua_pushnil(L);
    }
    return 1;
}

static int l_v_readonly(lua_State *L)
{
    host_up(L);
    return luaL_error(L, "variables are read-only in a condition");
}

static int l_v_newindex(lua_State *L)
{
    StoryHost *st = host_up(L);
    StoryValue v;
    Err e;
    size_t len = 0;
    const char *name = NULL;
    const char *s = NULL;
    memset(&v, 0, sizeof v);
    err_clear(&e);
    if (!st->writable)
        return luaL_error(L, "variables are read-only in a condition");
    name = check_id(L, 2, "variable name");
    switch (lua_type(L, 3)) {
    case LUA_TNUMBER:
        v.type = STORY_VAL_NUMBER;
        v.num = lua_tonumber(L, 3);
        break;
    case LUA_TBOOLEAN:
        v.type = STORY_VAL_BOOL;
        v.b = lua_toboolean(L, 3);
        break;
    case LUA_TSTRING:
        s = lua_tolstring(L, 3, &len);
        check_bytes(L, s, len, STORY_MAX_TEXT, "variable value");
        v.type = STORY_VAL_STRING;
        v.str = s;
        break;
    default:
        return luaL_error(L, "variable '%s': only numbers, booleans and strings, got %s",
                          name, luaL_typename(L, 3));
    }
    if (story_var_set(st->run, name, &v, &e) != 0)
        return luaL_error(L, "variable '%s': %s", name, e.msg);
    return 0;
}

static int l_visits_index(lua_State *L)
{
    StoryHost *st = host_up(L);
    const char *id = NULL;
    int beat = -1;
    if (lua_type(L, 2) != LUA_TSTRING)
        return luaL_error(L, "visits: index with a beat id");
    id = lua_tostring(L, 2);
    beat = scenario_beat_index(story_scenario(st->run), id);
    if (beat < 0)
        return luaL_error(L, "visits: unknown beat '%s'", id);
    lua_pushinteger(L, story_visits(st->run, beat));
    return 1;
}

/* Pushes a proxy table whose metatable has the given __index/__newindex. */
static void push_proxy(lua_State *L, int st_idx, lua_CFunction index, lua_CFunction newindex)
{
    lua_newtable(L);
    lua_newtable(L);
    lua_pushvalue(L, st_idx);
    lua_pushcclosure(L, index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, st_idx);
    lua_pushcclosure(L, newindex, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
}

static int hook_cond(void *ud, int ref, StoryRun *run, int *ok, Err *err);
static int hook_effect(void *ud, int ref, StoryRun *run, Err *err);

/* Protected: arg 1 = LuaHost*; returns the StoryHost userdata. */
static int state_get(lua_State *L)
{
    StoryHost *st = NULL;
    int idx = 0;
    if (lua_getfield(L, LUA_REGISTRYINDEX, STATE_KEY) == LUA_TUSERDATA)
        return 1;
    lua_pop(L, 1);
    st = lua_newuserdatauv(L, sizeof *st, 0);
    memset(st, 0, sizeof *st);
    idx = lua_gettop(L);
    st->h = lua_touserdata(L, 1);
    st->hooks.ud = st;
    st->hooks.cond = hook_cond;
    st->hooks.effect = hook_effect;
    st->v_ro_ref = st->v_rw_ref = st->visits_ref = LUA_NOREF;
    lua_pushvalue(L, idx);
    lua_setfield(L, LUA_REGISTRYINDEX, STATE_KEY); /* anchors st */
    lua_pushlightuserdata(L, st);
    push_proxy(L, lua_gettop(L), l_v_index, l_v_readonly);
    st->v_ro_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    push_proxy(L, lua_gettop(L), l_v_index, l_v_newindex);
    st->v_rw_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    push_proxy(L, lua_gettop(L), l_visits_index, l_v_readonly);
    st->visits_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pop(L, 1);
    return 1;
}

static StoryHost *story_host(LuaHost *h, Err *err)
{
    lua_State *L = lua_host_state(h);
    StoryHost *st = NULL;
    if (!L) {
        err_set(err, ERR_STATE, "no Lua host");
        return NULL;
    }
    lua_pushcfunction(L, state_get);
    lua_pushlightuserdata(L, h);
    if (lua_host_pcall(h, 1, 1, err) != 0)
        return NULL;
    st = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return st;
}

/* Protected: arg 1 = StoryHost*, 2 = ref, 3 = 1 for an effect. */
static int call_script(lua_State *L)
{
    StoryHost *st = lua_touserdata(L, 1);
    int ref = (int)lua_tointeger(L, 2);
    int effect = lua_toboolean(L, 3);
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, ref) != LUA_TFUNCTION)
        return luaL_error(L, "script function %d is gone (scenario released?)", ref);
    if (effect) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, st->v_rw_ref);
        lua_call(L, 1, 0);
        return 0;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, st->v_ro_ref);
    lua_rawgeti(L, LUA_REGISTRYINDEX, st->visits_ref);
    lua_call(L, 2, 1);
    return 1;
}

static int run_script(StoryHost *st, int ref, StoryRun *run, int effect, int *ok, Err *err)
{
    lua_State *L = lua_host_state(st->h);
    int rc = 0;
    if (!run || ref <= 0)
        return err_set(err, ERR_INVALID, "no run or script function");
    if (st->run)
        return err_set(err, ERR_STATE, "a condition or effect is already running");
    st->run = run;
    st->writable = effect;
    lua_pushcfunction(L, call_script);
    lua_pushlightuserdata(L, st);
    lua_pushinteger(L, ref);
    lua_pushboolean(L, effect);
    rc = lua_host_pcall(st->h, 3, effect ? 0 : 1, err);
    st->run = NULL;
    st->writable = 0;
    if (rc != 0)
        return rc;
    if (!effect) {
        *ok = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    return 0;
}

static int hook_cond(void *ud, int ref, StoryRun *run, int *ok, Err *err)
{
    return run_script(ud, ref, run, 0, ok, err);
}

static int hook_effect(void *ud, int ref, StoryRun *run, Err *err)
{
    return run_script(ud, ref, run, 1, NULL, err);
}

/* ---- public ------------------------------------------------------------- */

/* Hooks for scenarios loaded with h; borrowed until lua_host_free(h). */
const StoryHooks *lua_story_hooks(LuaHost *h)
{
    StoryHost *st = story_host(h, NULL);
    return st ? &st->hooks : NULL;
}

static void unref_all(lua_State *L, const int *refs, int n)
{
    int i = 0;
    for (i = 0; i < n; i++)
        luaL_unref(L, LUA_REGISTRYINDEX, refs[i]);
}

/* Loads DIR/scenario.lua; see lua_story.h. */
Scenario *lua_story_load(LuaHost *h, const char *dir, Err *err)
{
    lua_State *L = lua_host_state(h);
    Loader ld;
    StoryHost *st = NULL;
    StoryBeat *beats = NULL;
    char path[LUA_STORY_MAX_PATH];
    int rc = 0;
    memset(&ld, 0, sizeof ld);
    if (!L || !dir) {
        err_set(err, ERR_INVALID, "no Lua host or folder");
        return NULL;
    }
    if ((size_t)snprintf(path, sizeof path, "%s/scenario.lua", dir) >= sizeof path) {
        err_set(err, ERR_LIMIT, "%s: path too long", dir);
        return NULL;
    }
    st = story_host(h, err);
    if (!st)
        return NULL;
    ld.st = st;
    ld.sc = scenario_new();
    if (!ld.sc) {
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    ld.sc->dir = ld.dir = scenario_strdup(ld.sc, dir);
    if (!ld.dir || scenario_add_file(ld.sc, path) != 0 || ld.sc->n_files != 1) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto done;
    }
    rc = lua_host_new_env(h, err);
    if (rc != 0)
        goto done;
    st->load_id++;
    st->loading = &ld;
    lua_pushcfunction(L, load_main);
    lua_pushvalue(L, -2);
    lua_pushlightuserdata(L, &ld);
    lua_pushlightuserdata(L, path);
    rc = lua_host_pcall(h, 3, 0, err);
    st->loading = NULL;
    st->load_id++; /* declaration closures of this load stop working */
    lua_pop(L, 1);  /* env: kept alive by the chunk's functions only */
    if (rc != 0) {
        if (ld.entry_rc == ERR_IO || ld.entry_rc == ERR_LIMIT)
            rc = ld.entry_rc;
        if (err)
            err->code = rc;
        goto done;
    }
    if (!ld.have_scenario) {
        rc = err_set(err, ERR_INVALID, "%s: no scenario { ... } declaration", path);
        goto done;
    }
    if (ld.n_beats == 0) {
        rc = err_set(err, ERR_INVALID, "%s: no beat declared", path);
        goto done;
    }
    beats = scenario_alloc(ld.sc, sizeof *beats * (size_t)ld.n_beats);
    if (!beats) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto done;
    }
    memcpy(beats, ld.beats, sizeof *beats * (size_t)ld.n_beats);
    ld.sc->beats = beats;
    ld.sc->n_beats = ld.n_beats;
    rc = scenario_link(ld.sc, err);
done:
    free(ld.beats);
    if (rc != 0) {
        unref_all(L, ld.refs, ld.n_refs);
        free(ld.refs);
        scenario_free(ld.sc);
        return NULL;
    }
    free(ld.refs);
    return ld.sc;
}

/* Drops the registry refs of sc's conditions and effects. */
void lua_story_release(LuaHost *h, Scenario *sc)
{
    lua_State *L = lua_host_state(h);
    int b = 0;
    int o = 0;
    if (!L || !sc)
        return;
    for (b = 0; b < sc->n_beats; b++) {
        const StoryInteraction *in = &sc->beats[b].interaction;
        StoryOption *opts = (StoryOption *)in->options; /* arena memory is writable */
        if (in->kind != STORY_INT_CHOICE || !opts)
            continue;
        for (o = 0; o < in->n_options; o++) {
            if (opts[o].cond_ref > 0)
                luaL_unref(L, LUA_REGISTRYINDEX, opts[o].cond_ref);
            if (opts[o].effect_ref > 0)
                luaL_unref(L, LUA_REGISTRYINDEX, opts[o].effect_ref);
            opts[o].cond_ref = 0;
            opts[o].effect_ref = 0;
        }
    }
}
