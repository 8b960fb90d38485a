/* lua_story.c - the scene API: the declaration functions a scenario's Lua
 * files call (scenario, cast, beat, say, sms, narrate, image, choice, signal,
 * idea, discuss, option, include; see lua_story.h, docs/authoring.md).
 *
 * Each declaration checks its arguments, so an error points at the script
 * line that made it, and then makes one call into the scenario builder
 * (story/scenario_build.h), which owns the Scenario until the load ends.
 * Steps, options and interactions come back to the script as the builder's
 * StoryDecl handles in light userdata (scripts cannot forge those); beat
 * "id" { ... } hands them to its beat.  The hooks that run conditions and
 * effects live in lua_story_hooks.c.
 */
#include "lua/lua_story.h"
#include "core/log.h"
#include "story/story_strings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "core/suggest.h"
#include "lua/lua_story_host.h"
#include "story/scenario_build.h"
#include "story/validate.h"

typedef struct Loader {
    StoryHost *st;
    ScenarioBuilder *b;
    const char *dir;
    int *refs; /* registry refs taken, released on failure */
    int n_refs;
    int cap_refs;
    int include_depth;
    int entry_rc; /* lua_host_load_file of the entry file: ERR_IO stays ERR_IO */
    LuaStoryReport report; /* lua_story_load_all: mistakes that do not stop the load */
    void *report_ud;
    int n_reported; /* errors given to report */
    size_t charged; /* builder bytes charged to the host's memory cap */
} Loader;

static const char *const no_fields[] = {NULL};

/* ---- small helpers ------------------------------------------------------ */

/* Charges what the builder took since the last charge to the memory cap
 * (raises "path:line: not enough memory (...)" past it); called from the
 * declarations (upvalue 1: the StoryHost) after each builder call. */
static void charge_decls(lua_State *L)
{
    StoryHost *st = lua_touserdata(L, lua_upvalueindex(1));
    Loader *ld = st ? st->loading : NULL;
    size_t now = ld ? scenario_builder_bytes(ld->b) : 0;
    if (!ld || now <= ld->charged)
        return;
    lua_host_charge_memory(L, now - ld->charged);
    ld->charged = now;
}

static Loader *loader_of(lua_State *L, const char *fn)
{
    StoryHost *st = lua_touserdata(L, lua_upvalueindex(1));
    if (!st || !st->loading || lua_tointeger(L, lua_upvalueindex(2)) != st->load_id)
        luaL_error(L, "%s: declarations are only allowed while the scenario loads", fn);
    charge_decls(L);
    return st->loading;
}

/* The scenario being built, for lookups. */
static const Scenario *sc_of(const Loader *ld)
{
    return scenario_builder_scenario(ld->b);
}

/* Raises the builder's message (after "prefix: " unless prefix is NULL)
 * when rc is an error; returns rc otherwise. */
static int built(lua_State *L, int rc, const Err *e, const char *prefix)
{
    charge_decls(L);
    if (rc < 0 && prefix)
        luaL_error(L, "%s: %s", prefix, e->msg);
    if (rc < 0)
        luaL_error(L, "%s", e->msg);
    return rc;
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
            src.file = scenario_builder_add_file(ld->b, ar.source + 1);
    }
    return src;
}

/* A mistake after which the declaration can still be made: reported with
 * the script line when the load collects its findings, raised otherwise. */
static void soft_error(Loader *ld, lua_State *L, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void soft_error(Loader *ld, lua_State *L, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    lua_Debug ar;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    memset(&ar, 0, sizeof ar);
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.source &&
        ar.source[0] == '@' && ar.currentline > 0)
        lua_pushfstring(L, "%s:%d: %s", ar.source + 1, ar.currentline, msg);
    else
        lua_pushstring(L, msg); /* the message handler adds the place */
    if (!ld->report)
        lua_error(L);
    ld->report(ld->report_ud, 1, lua_tostring(L, -1));
    ld->n_reported++;
    lua_pop(L, 1);
}

static void need_scenario(Loader *ld, lua_State *L, const char *fn)
{
    if (!scenario_builder_started(ld->b))
        luaL_error(L, "%s: scenario { ... } must come first", fn);
}

/* The cast index of the id at idx; an unknown id is reported and gives
 * fallback (a speaker: the first character, `who`: nobody). */
static int cast_of(Loader *ld, lua_State *L, int idx, const char *what, int fallback)
{
    const char *id = lua_story_check_id(L, idx, what);
    int i = scenario_cast_index(sc_of(ld), id);
    char hint[SUGGEST_HINT_MAX];
    if (i < 0) {
        soft_error(ld, L, "%s: unknown cast '%s'%s", what, id,
                   story_suggest(sc_of(ld), STORY_NAME_CAST, id, hint, sizeof hint));
        i = fallback < sc_of(ld)->n_cast ? fallback : -1;
    }
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

/* The builder declaration at idx and its kind (STORY_DECL_NONE for any
 * other value). */
static StoryDecl *to_decl(Loader *ld, lua_State *L, int idx, StoryDeclKind *kind)
{
    StoryDecl *d = lua_type(L, idx) == LUA_TLIGHTUSERDATA ? lua_touserdata(L, idx) : NULL;
    *kind = scenario_decl_kind(ld->b, d);
    return *kind == STORY_DECL_NONE ? NULL : d;
}

/* Hands a new declaration (NULL: the builder's error in e) to the script. */
static int push_decl(lua_State *L, StoryDecl *d, const Err *e)
{
    charge_decls(L);
    if (!d)
        return luaL_error(L, "%s", e->msg);
    lua_pushlightuserdata(L, d);
    return 1;
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

/* ---- scenario { ... } --------------------------------------------------- */

static const char *const scenario_fields[] = {
    "id",   "languages", "title",         "subtitle", "start", "content_note",
    "help", "advice",    "stop_question", "notes",    "vars",  NULL};

static void read_languages(Loader *ld, lua_State *L, int t)
{
    Err e;
    lua_Integer n = 0;
    lua_Integer i = 0;
    err_clear(&e);
    if (lua_story_field(L, t, "languages") != LUA_TTABLE)
        luaL_error(L, "scenario: field 'languages' must be a list like { \"da\", \"en\" }");
    n = (lua_Integer)lua_rawlen(L, -1);
    if (n < 1 || n > STORY_MAX_LANGS)
        luaL_error(L, "scenario: field 'languages' needs 1 to %d languages", STORY_MAX_LANGS);
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        built(L, scenario_add_language(ld->b, lua_story_check_id(L, -1, "scenario: language"), &e),
              &e, "scenario");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* Pushes the help table of scenario table t and reads its title; returns
 * its stack index, or 0 (nothing pushed) when there is no help. */
static int read_help(Loader *ld, lua_State *L, int t, StorySrc src, StoryText *title)
{
    static const char *const help_fields[] = {"title", "contacts", NULL};
    int type = lua_story_field(L, t, "help");
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (type != LUA_TTABLE)
        luaL_error(L, "scenario: field 'help' must be a table { title = ..., "
                      "contacts = ... }");
    lua_story_check_fields(L, lua_gettop(L), help_fields, 0, "scenario: help");
    lua_story_text_field(L, sc_of(ld), lua_gettop(L), "title", title, src, "scenario: help");
    return lua_gettop(L);
}

static void read_contacts(Loader *ld, lua_State *L, int h, StorySrc src)
{
    static const char *const contact_fields[] = {"name", "phone", "web", "text", NULL};
    static const char *const what = "scenario: help: contact";
    Err e;
    lua_Integer n = 0;
    lua_Integer i = 0;
    int type = lua_story_field(L, h, "contacts");
    err_clear(&e);
    if (type == LUA_TTABLE) {
        int c = lua_gettop(L);
        n = (lua_Integer)lua_rawlen(L, c);
        if (n > STORY_MAX_CONTACTS)
            luaL_error(L, "scenario: help: at most %d contacts", STORY_MAX_CONTACTS);
        lua_story_check_fields(L, c, no_fields, 1, "scenario: help: contacts");
        for (i = 1; i <= n; i++) {
            StoryContact contact;
            int t = 0;
            memset(&contact, 0, sizeof contact);
            if (lua_rawgeti(L, c, i) != LUA_TTABLE)
                luaL_error(L, "scenario: help: contact %d must be a table", (int)i);
            t = lua_gettop(L);
            lua_story_check_fields(L, t, contact_fields, 0, what);
            lua_story_text_field(L, sc_of(ld), t, "name", &contact.name, src, what);
            lua_story_text_field(L, sc_of(ld), t, "text", &contact.text, src, what);
            contact.phone = lua_story_str_field(L, t, "phone", STORY_MAX_PHONE, what);
            contact.web = lua_story_str_field(L, t, "web", STORY_MAX_WEB, what);
            built(L, scenario_add_contact(ld->b, &contact, &e), &e, what);
            lua_pop(L, 1);
        }
    } else if (type != LUA_TNIL) {
        luaL_error(L, "scenario: help: field 'contacts' must be a list of tables");
    }
    lua_pop(L, 1);
}

static void read_advice(Loader *ld, lua_State *L, int t, StorySrc src)
{
    Err e;
    lua_Integer n = 0;
    lua_Integer i = 0;
    int a = 0;
    int type = lua_story_field(L, t, "advice");
    err_clear(&e);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (type != LUA_TTABLE)
        luaL_error(L, "scenario: field 'advice' must be a list of texts");
    a = lua_gettop(L);
    n = (lua_Integer)lua_rawlen(L, a);
    if (n > STORY_MAX_ADVICE)
        luaL_error(L, "scenario: at most %d advice texts", STORY_MAX_ADVICE);
    lua_story_check_fields(L, a, no_fields, 1, "scenario: advice");
    for (i = 1; i <= n; i++) {
        StoryText text;
        lua_rawgeti(L, a, i);
        lua_story_read_text(L, sc_of(ld), -1, &text, src, "scenario: advice");
        built(L, scenario_add_advice(ld->b, &text, &e), &e, "scenario: advice");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static void read_vars(Loader *ld, lua_State *L, int t)
{
    Err e;
    int v = 0;
    char what[128];
    int type = lua_story_field(L, t, "vars");
    err_clear(&e);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (type != LUA_TTABLE)
        luaL_error(L, "scenario: field 'vars' must be a table { name = value, ... }");
    v = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, v)) {
        const char *name = lua_story_check_id(L, -2, "scenario: variable name");
        StoryValue init;
        if (sc_of(ld)->n_vars >= STORY_MAX_VARS)
            luaL_error(L, "scenario: at most %d variables", STORY_MAX_VARS);
        snprintf(what, sizeof what, "scenario: variable '%s'", name);
        lua_story_read_value(L, -1, &init, what);
        built(L, scenario_add_var(ld->b, name, &init, &e), &e, "scenario");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

static int l_scenario(lua_State *L)
{
    Loader *ld = loader_of(L, "scenario");
    StorySrc src = src_here(ld, L);
    ScenarioInfo info;
    Err e;
    int help = 0;
    memset(&info, 0, sizeof info);
    err_clear(&e);
    lua_story_check_table(L, "scenario");
    if (scenario_builder_started(ld->b))
        return luaL_error(L, "scenario { ... } is declared twice");
    lua_story_check_fields(L, 1, scenario_fields, 0, "scenario");
    read_languages(ld, L, 1);
    info.src = src;
    if (lua_story_field(L, 1, "id") == LUA_TNIL)
        return luaL_error(L, "scenario: field 'id' is required");
    info.id = lua_story_check_id(L, -1, "scenario: field 'id'");
    lua_pop(L, 1);
    lua_story_text_field(L, sc_of(ld), 1, "title", &info.title, src, "scenario");
    lua_story_text_field(L, sc_of(ld), 1, "subtitle", &info.subtitle, src, "scenario");
    info.start_id = lua_story_id_field(L, 1, "start", "scenario");
    lua_story_text_field(L, sc_of(ld), 1, "content_note", &info.content_note, src, "scenario");
    lua_story_text_field(L, sc_of(ld), 1, "stop_question", &info.stop_question, src, "scenario");
    lua_story_text_field(L, sc_of(ld), 1, "notes", &info.notes, src, "scenario");
    help = read_help(ld, L, 1, src, &info.help_title);
    built(L, scenario_begin(ld->b, &info, &e), &e, "scenario");
    if (help) {
        read_contacts(ld, L, help, src);
        lua_pop(L, 1);
    }
    read_advice(ld, L, 1, src);
    read_vars(ld, L, 1);
    return 0;
}

/* ---- cast { ... } ------------------------------------------------------- */

static int l_cast(lua_State *L)
{
    static const char *const cast_fields[] = {"id", "name", "color", "role", "portrait", NULL};
    Loader *ld = loader_of(L, "cast");
    StorySrc src = src_here(ld, L);
    Err e;
    lua_Integer n = 0;
    lua_Integer i = 0;
    char what[128];
    err_clear(&e);
    lua_story_check_table(L, "cast");
    need_scenario(ld, L, "cast");
    if (sc_of(ld)->n_cast > 0)
        return luaL_error(L, "cast { ... } is declared twice");
    n = (lua_Integer)lua_rawlen(L, 1);
    if (n < 1 || n > STORY_MAX_CAST)
        return luaL_error(L, "cast: needs 1 to %d characters, got %d", STORY_MAX_CAST, (int)n);
    lua_story_check_fields(L, 1, no_fields, 1, "cast");
    for (i = 1; i <= n; i++) {
        StoryCast c;
        int t = 0;
        memset(&c, 0, sizeof c);
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE)
            return luaL_error(L, "cast: character %d must be a table { id = ..., name = ... }",
                              (int)i);
        t = lua_gettop(L);
        snprintf(what, sizeof what, "cast: character %d", (int)i);
        lua_story_check_fields(L, t, cast_fields, 0, what);
        c.id = lua_story_id_field(L, t, "id", what);
        if (!c.id)
            return luaL_error(L, "%s: field 'id' is required", what);
        snprintf(what, sizeof what, "cast '%s'", c.id);
        if (scenario_cast_index(sc_of(ld), c.id) >= 0)
            return luaL_error(L, "%s is declared twice", what);
        lua_story_text_field(L, sc_of(ld), t, "name", &c.name, src, what);
        if (!story_text_given(&c.name))
            return luaL_error(L, "%s: field 'name' is required", what);
        lua_story_text_field(L, sc_of(ld), t, "role", &c.role, src, what);
        if (lua_story_field(L, t, "color") != LUA_TSTRING ||
            parse_color(lua_tostring(L, -1), &c.color))
            return luaL_error(L, "%s: field 'color' must be \"#rrggbb\"", what);
        lua_pop(L, 1);
        if (lua_story_field(L, t, "portrait") != LUA_TNIL) {
            char sub[160];
            snprintf(sub, sizeof sub, "%s: field 'portrait'", what);
            c.portrait = lua_story_check_path(L, -1, sub);
        }
        built(L, scenario_add_cast(ld->b, &c, &e), &e, NULL);
        lua_pop(L, 2);
    }
    return 0;
}

/* ---- statements { ... }: the before/after measure ----------------------- */

static int l_statements(lua_State *L)
{
    static const char *const st_fields[] = {"id", "text", NULL};
    Loader *ld = loader_of(L, "statements");
    StorySrc src = src_here(ld, L);
    Err e;
    lua_Integer n = 0;
    lua_Integer i = 0;
    char what[128];
    err_clear(&e);
    lua_story_check_table(L, "statements");
    need_scenario(ld, L, "statements");
    if (sc_of(ld)->n_statements > 0)
        return luaL_error(L, "statements { ... } is declared twice");
    n = (lua_Integer)lua_rawlen(L, 1);
    if (n < 1 || n > STORY_MAX_STATEMENTS)
        return luaL_error(L, "statements: needs 1 to %d statements, got %d", STORY_MAX_STATEMENTS,
                          (int)n);
    lua_story_check_fields(L, 1, no_fields, 1, "statements");
    for (i = 1; i <= n; i++) {
        StoryStatement st;
        int t = 0;
        memset(&st, 0, sizeof st);
        st.src = src;
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE)
            return luaL_error(L, "statements: statement %d must be a table { id = ..., text = ... }",
                              (int)i);
        t = lua_gettop(L);
        snprintf(what, sizeof what, "statements: statement %d", (int)i);
        lua_story_check_fields(L, t, st_fields, 0, what);
        st.id = lua_story_id_field(L, t, "id", what);
        if (!st.id)
            return luaL_error(L, "%s: field 'id' is required", what);
        snprintf(what, sizeof what, "statement '%s'", st.id);
        lua_story_text_field(L, sc_of(ld), t, "text", &st.text, src, what);
        built(L, scenario_add_statement(ld->b, &st, &e), &e, NULL);
        lua_pop(L, 1);
    }
    return 0;
}

/* ---- steps -------------------------------------------------------------- */

/* A step of kind at src, with no speaker and no phone. */
static StoryStep step_at(StoryStepKind kind, StorySrc src)
{
    StoryStep s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.speaker = -1;
    s.phone = -1;
    s.src = src;
    s.text.src = src;
    return s;
}

/* Reads the step's text from argument idx (what names it in errors, e.g.
 * "say: text"; required unless optional), declares the step and returns it
 * to the script. */
static int push_step(Loader *ld, lua_State *L, StoryStep *s, int idx, int optional,
                     const char *what)
{
    Err e;
    err_clear(&e);
    if (idx <= lua_gettop(L))
        lua_story_read_text(L, sc_of(ld), idx, &s->text, s->src, what);
    if (!optional && !story_text_given(&s->text))
        return luaL_error(L, "%s is missing", what);
    return push_decl(L, scenario_new_step(ld->b, s, &e), &e);
}

static int l_say(lua_State *L)
{
    Loader *ld = loader_of(L, "say");
    StoryStep s = step_at(STORY_STEP_LINE, src_here(ld, L));
    lua_story_check_nargs(L, "say", 2, 2, "say(\"cast_id\", text)");
    need_scenario(ld, L, "say");
    s.speaker = cast_of(ld, L, 1, "say: speaker", 0);
    return push_step(ld, L, &s, 2, 0, "say: text");
}

static int l_sms(lua_State *L)
{
    Loader *ld = loader_of(L, "sms");
    StoryStep s = step_at(STORY_STEP_MESSAGE, src_here(ld, L));
    size_t len = 0;
    lua_story_check_nargs(L, "sms", 4, 4, "sms(\"from\", \"to\", \"22:14\", text)");
    need_scenario(ld, L, "sms");
    s.speaker = cast_of(ld, L, 1, "sms: sender", 0);
    s.phone = cast_of(ld, L, 2, "sms: phone owner", 0);
    if (!lua_isnil(L, 3)) {
        if (lua_type(L, 3) != LUA_TSTRING)
            return luaL_error(L, "sms: time must be a string like \"22:14\"");
        s.time = lua_tolstring(L, 3, &len);
        lua_story_check_bytes(L, s.time, len, STORY_MAX_TIME, "sms: time");
    }
    return push_step(ld, L, &s, 4, 0, "sms: text");
}

static int l_narrate(lua_State *L)
{
    Loader *ld = loader_of(L, "narrate");
    StoryStep s = step_at(STORY_STEP_NARRATION, src_here(ld, L));
    lua_story_check_nargs(L, "narrate", 1, 1, "narrate(text)");
    need_scenario(ld, L, "narrate");
    return push_step(ld, L, &s, 1, 0, "narrate: text");
}

static int l_image(lua_State *L)
{
    Loader *ld = loader_of(L, "image");
    StoryStep s = step_at(STORY_STEP_IMAGE, src_here(ld, L));
    lua_story_check_nargs(L, "image", 1, 2, "image(\"img/x.png\", caption)");
    need_scenario(ld, L, "image");
    s.image = lua_story_check_path(L, 1, "image: path");
    return push_step(ld, L, &s, 2, 1, "image: caption");
}

/* ---- options and interactions ------------------------------------------- */

/* Reads set = {...} / add = {...} into effects[*n] (borrowed strings); each
 * variable must be declared in vars. */
static void read_effects(Loader *ld, lua_State *L, int t, const char *name, StoryEffectOp op,
                         StoryEffect *effects, int *n)
{
    char what[128];
    char hint[SUGGEST_HINT_MAX];
    int e = 0;
    int type = lua_story_field(L, t, name);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (type != LUA_TTABLE)
        luaL_error(L, "option: field '%s' must be a table { name = value, ... }", name);
    e = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, e)) {
        const char *var = lua_story_check_id(L, -2, "option: variable name");
        if (!story_var_declared(sc_of(ld), var))
            soft_error(ld, L, "option: %s: variable '%s' is not declared in scenario { vars = ... }%s",
                       name, var, story_suggest(sc_of(ld), STORY_NAME_VAR, var, hint, sizeof hint));
        if (*n >= STORY_MAX_EFFECTS)
            luaL_error(L, "option: at most %d variable effects", STORY_MAX_EFFECTS);
        snprintf(what, sizeof what, "option: %s '%s'", name, var);
        if (op == STORY_EFFECT_ADD && lua_type(L, -1) != LUA_TNUMBER)
            luaL_error(L, "%s must be a number", what);
        effects[*n].var = var;
        effects[*n].op = op;
        lua_story_read_value(L, -1, &effects[*n].value, what);
        (*n)++;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* Optional function field: a registry ref (0 when absent). */
static int func_field(Loader *ld, lua_State *L, int t, const char *name, const char *usage)
{
    int ref = 0;
    int type = lua_story_field(L, t, name);
    if (type == LUA_TFUNCTION)
        ref = keep_ref(ld, L, -1);
    else if (type != LUA_TNIL)
        luaL_error(L, "option: field '%s' must be a function %s", name, usage);
    lua_pop(L, 1);
    return ref;
}

static int l_option(lua_State *L)
{
    static const char *const option_fields[] = {"text", "to",  "when", "reason", "hide",
                                                "once", "set", "add",  "effect", NULL};
    Loader *ld = loader_of(L, "option");
    StorySrc src = src_here(ld, L);
    StoryOption o;
    StoryEffect effects[STORY_MAX_EFFECTS];
    Err e;
    memset(&o, 0, sizeof o);
    memset(effects, 0, sizeof effects);
    err_clear(&e);
    lua_story_check_table(L, "option");
    need_scenario(ld, L, "option");
    lua_story_check_fields(L, 1, option_fields, 0, "option");
    o.src = src;
    lua_story_text_field(L, sc_of(ld), 1, "text", &o.text, src, "option");
    if (!story_text_given(&o.text))
        return luaL_error(L, "option: field 'text' is required");
    o.target_id = lua_story_id_field(L, 1, "to", "option");
    if (!o.target_id)
        return luaL_error(L, "option: field 'to' is required");
    lua_story_text_field(L, sc_of(ld), 1, "reason", &o.reason, src, "option");
    o.hide = lua_story_bool_field(L, 1, "hide", "option");
    o.once = lua_story_bool_field(L, 1, "once", "option");
    read_effects(ld, L, 1, "set", STORY_EFFECT_SET, effects, &o.n_effects);
    read_effects(ld, L, 1, "add", STORY_EFFECT_ADD, effects, &o.n_effects);
    o.effects = effects;
    o.cond_ref = func_field(ld, L, 1, "when", "(v, visits)");
    o.effect_ref = func_field(ld, L, 1, "effect", "(v)");
    return push_decl(L, scenario_new_option(ld->b, &o, &e), &e);
}

/* An interaction of kind at src, for nobody in particular. */
static StoryInteraction interaction_at(StoryIntKind kind, StorySrc src)
{
    StoryInteraction in;
    memset(&in, 0, sizeof in);
    in.kind = kind;
    in.src = src;
    in.character = -1;
    return in;
}

static int l_choice(lua_State *L)
{
    static const char *const choice_fields[] = {"prompt", "who", NULL};
    Loader *ld = loader_of(L, "choice");
    StoryInteraction in = interaction_at(STORY_INT_CHOICE, src_here(ld, L));
    StoryDecl *d = NULL;
    Err e;
    lua_Integer n = 0;
    lua_Integer i = 0;
    err_clear(&e);
    lua_story_check_table(L, "choice");
    need_scenario(ld, L, "choice");
    lua_story_check_fields(L, 1, choice_fields, 1, "choice");
    n = (lua_Integer)lua_rawlen(L, 1);
    if (n < STORY_MIN_OPTIONS || n > STORY_MAX_OPTIONS)
        return luaL_error(L, "choice: needs %d to %d options, got %d", STORY_MIN_OPTIONS,
                          STORY_MAX_OPTIONS, (int)n);
    lua_story_text_field(L, sc_of(ld), 1, "prompt", &in.prompt, in.src, "choice");
    if (lua_story_field(L, 1, "who") != LUA_TNIL)
        in.character = cast_of(ld, L, -1, "choice: field 'who'", -1);
    lua_pop(L, 1);
    d = scenario_new_interaction(ld->b, &in, &e);
    if (!d)
        return luaL_error(L, "%s", e.msg);
    for (i = 1; i <= n; i++) {
        StoryDeclKind kind = STORY_DECL_NONE;
        StoryDecl *od = NULL;
        lua_rawgeti(L, 1, i);
        od = to_decl(ld, L, -1, &kind);
        if (kind != STORY_DECL_OPTION)
            return luaL_error(L, "choice: element %d is not an option { ... }", (int)i);
        if (scenario_choice_add_option(ld->b, d, od, &e) != 0)
            return luaL_error(L, "choice: option %d %s", (int)i, e.msg);
        lua_pop(L, 1);
    }
    return push_decl(L, d, &e);
}

static int simple_interaction(lua_State *L, const char *fn, StoryIntKind kind)
{
    static const char *const prompt_fields[] = {"prompt", NULL};
    static const char *const discuss_fields[] = {"prompt", "seconds", NULL};
    Loader *ld = loader_of(L, fn);
    StoryInteraction in = interaction_at(kind, src_here(ld, L));
    Err e;
    err_clear(&e);
    lua_story_check_table(L, fn);
    need_scenario(ld, L, fn);
    lua_story_check_fields(L, 1, kind == STORY_INT_DISCUSS ? discuss_fields : prompt_fields, 0, fn);
    lua_story_text_field(L, sc_of(ld), 1, "prompt", &in.prompt, in.src, fn);
    if (kind == STORY_INT_DISCUSS) {
        int type = lua_story_field(L, 1, "seconds");
        if (type != LUA_TNIL) {
            lua_Integer s = 0;
            if (!lua_isinteger(L, -1) || (s = lua_tointeger(L, -1)) < 0 || s > STORY_MAX_SECONDS)
                return luaL_error(L, "discuss: field 'seconds' must be a whole number 0..%d",
                                  STORY_MAX_SECONDS);
            in.seconds = (int)s;
        }
        lua_pop(L, 1);
    }
    return push_decl(L, scenario_new_interaction(ld->b, &in, &e), &e);
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

static const char *const beat_fields[] = {"title",  "place",  "time", "notes",   "next", "ending",
                                          "choice", "signal", "idea", "discuss", NULL};

/* The beat fields that hold an interaction, and the kind each must hold. */
static const struct {
    const char *name;
    StoryIntKind kind;
} beat_interactions[] = {{"choice", STORY_INT_CHOICE},
                         {"signal", STORY_INT_SIGNAL},
                         {"idea", STORY_INT_IDEA},
                         {"discuss", STORY_INT_DISCUSS}};

static void check_beat_unique(Loader *ld, lua_State *L, const char *id)
{
    const Scenario *sc = sc_of(ld);
    int i = scenario_beat_index(sc, id);
    char where[300];
    if (i >= 0)
        luaL_error(L, "beat '%s' is declared twice (first at %s)", id,
                   scenario_where(sc, sc->beats[i].src, where, sizeof where));
}

/* Gives the beat the interaction at idx; one per beat. */
static void set_interaction(Loader *ld, lua_State *L, int beat, int idx, const char *what)
{
    StoryDeclKind kind = STORY_DECL_NONE;
    StoryDecl *d = to_decl(ld, L, idx, &kind);
    Err e;
    err_clear(&e);
    built(L, scenario_beat_set_interaction(ld->b, beat, d, &e), &e, what);
}

/* Reads the beat's fields, then declares it with scenario_add_beat(). */
static int add_beat(Loader *ld, lua_State *L, const char *id, StorySrc src, const char *what)
{
    StoryBeat b;
    Err e;
    memset(&b, 0, sizeof b);
    err_clear(&e);
    b.id = id;
    b.src = src;
    lua_story_text_field(L, sc_of(ld), 1, "title", &b.title, src, what);
    lua_story_text_field(L, sc_of(ld), 1, "place", &b.place, src, what);
    lua_story_text_field(L, sc_of(ld), 1, "time", &b.time, src, what);
    lua_story_text_field(L, sc_of(ld), 1, "notes", &b.notes, src, what);
    b.next_id = lua_story_id_field(L, 1, "next", what);
    if (lua_story_field(L, 1, "ending") != LUA_TNIL) {
        b.ending = 1;
        lua_pop(L, 1);
        lua_story_text_field(L, sc_of(ld), 1, "ending", &b.ending_text, src, what);
    } else {
        lua_pop(L, 1);
    }
    return built(L, scenario_add_beat(ld->b, &b, &e), &e, NULL);
}

static int l_beat_body(lua_State *L)
{
    Loader *ld = loader_of(L, "beat");
    const char *id = lua_tostring(L, lua_upvalueindex(3));
    StorySrc src = {(int)lua_tointeger(L, lua_upvalueindex(4)),
                    (int)lua_tointeger(L, lua_upvalueindex(5))};
    Err e;
    lua_Integer n = 0;
    lua_Integer i = 0;
    int beat = 0;
    int inter_in_array = 0;
    char what[128];
    size_t k = 0;
    err_clear(&e);
    snprintf(what, sizeof what, "beat '%s'", id);
    if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TTABLE)
        return luaL_error(L, "%s expects a table: beat \"%s\" { ... }", what, id);
    check_beat_unique(ld, L, id);
    if (sc_of(ld)->n_beats >= STORY_MAX_BEATS)
        return luaL_error(L, "at most %d beats", STORY_MAX_BEATS);
    lua_story_check_fields(L, 1, beat_fields, 1, what);
    beat = add_beat(ld, L, id, src, what);
    for (k = 0; k < sizeof beat_interactions / sizeof beat_interactions[0]; k++) {
        if (lua_story_field(L, 1, beat_interactions[k].name) != LUA_TNIL) {
            char sub[160];
            snprintf(sub, sizeof sub, "%s: field '%s'", what, beat_interactions[k].name);
            set_interaction(ld, L, beat, -1, sub);
            if (sc_of(ld)->beats[beat].interaction.kind != beat_interactions[k].kind)
                return luaL_error(L, "%s holds a different interaction", sub);
        }
        lua_pop(L, 1);
    }
    n = (lua_Integer)lua_rawlen(L, 1);
    if (n > STORY_MAX_STEPS)
        return luaL_error(L, "%s: at most %d steps", what, STORY_MAX_STEPS);
    for (i = 1; i <= n; i++) {
        StoryDeclKind kind = STORY_DECL_NONE;
        StoryDecl *d = NULL;
        lua_rawgeti(L, 1, i);
        d = to_decl(ld, L, -1, &kind);
        if (kind == STORY_DECL_STEP) {
            if (inter_in_array)
                return luaL_error(L, "%s: steps must come before the interaction", what);
            built(L, scenario_beat_add_step(ld->b, beat, d, &e), &e, what);
        } else if (kind == STORY_DECL_INTERACTION) {
            set_interaction(ld, L, beat, -1, what);
            inter_in_array = 1;
        } else {
            return luaL_error(L,
                              "%s: element %d is not a step (say, sms, narrate, image) or an "
                              "interaction (choice, signal, idea, discuss)",
                              what, (int)i);
        }
        lua_pop(L, 1);
    }
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
    id = lua_story_check_id(L, 1, "beat id");
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
    lua_story_check_nargs(L, "include", 1, 1, "include \"file.lua\"");
    name = lua_story_check_path(L, 1, "include");
    len = strlen(name);
    if (len < 5 || strcmp(name + len - 4, ".lua") != 0)
        return luaL_error(L, "include '%s': only .lua files can be included", name);
    if (ld->include_depth >= LUA_STORY_MAX_INCLUDE_DEPTH)
        return luaL_error(L, "include '%s': includes nested deeper than %d", name,
                          LUA_STORY_MAX_INCLUDE_DEPTH);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", ld->dir, name) >= sizeof path)
        return luaL_error(L, "include '%s': path too long", name);
    if (sc_of(ld)->n_files >= STORY_MAX_FILES)
        return luaL_error(L, "include '%s': at most %d files", name, STORY_MAX_FILES);
    scenario_builder_add_file(ld->b, path);
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

static const luaL_Reg decls[] = {{"scenario", l_scenario},
                                 {"cast", l_cast},
                                 {"statements", l_statements},
                                 {"beat", l_beat},
                                 {"say", l_say},
                                 {"sms", l_sms},
                                 {"narrate", l_narrate},
                                 {"image", l_image},
                                 {"choice", l_choice},
                                 {"signal", l_signal},
                                 {"idea", l_idea},
                                 {"discuss", l_discuss},
                                 {"option", l_option},
                                 {NULL, NULL}};

/* Protected: args env, Loader*, path (light userdata).  Installs the
 * declarations and runs the entry file. */
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

/* ---- public ------------------------------------------------------------- */

static void unref_all(lua_State *L, const int *refs, int n)
{
    int i = 0;
    for (i = 0; i < n; i++)
        luaL_unref(L, LUA_REGISTRYINDEX, refs[i]);
}

/* Appends " (did you mean `x`?)" to a link error about an unknown beat. */
static void hint_unknown_beat(const Scenario *sc, Err *err)
{
    static const char key[] = "unknown beat '";
    const char *p = err ? strstr(err->msg, key) : NULL;
    const char *q = NULL;
    char id[STORY_MAX_ID + 1];
    char hint[SUGGEST_HINT_MAX];
    size_t len = 0;
    if (!p)
        return;
    p += sizeof key - 1;
    q = strchr(p, '\'');
    if (!q || (size_t)(q - p) > STORY_MAX_ID)
        return;
    memcpy(id, p, (size_t)(q - p));
    id[q - p] = '\0';
    story_suggest(sc, STORY_NAME_BEAT, id, hint, sizeof hint);
    len = strlen(err->msg);
    if (hint[0] && q[1] == '\0' && len + strlen(hint) < sizeof err->msg)
        memcpy(err->msg + len, hint, strlen(hint) + 1);
}

typedef struct Forward {
    Loader *ld;
    const Scenario *sc;
} Forward;

/* story_validate's findings as "path:line: message" to the loader's report. */
static void forward_finding(void *ud, StorySrc src, int is_error, const char *msg)
{
    Forward *f = ud;
    char where[300];
    char line[ERR_MSG_MAX + 320];
    snprintf(line, sizeof line, "%s: %s", scenario_where(f->sc, src, where, sizeof where), msg);
    f->ld->report(f->ld->report_ud, is_error, line);
    if (is_error)
        f->ld->n_reported++;
}

static Scenario *load(LuaHost *h, const char *dir, LuaStoryReport fn, void *ud, int *n_errors,
                      Err *err)
{
    lua_State *L = lua_host_state(h);
    Loader ld;
    StoryHost *st = NULL;
    Scenario *sc = NULL;
    char path[LUA_STORY_MAX_PATH];
    int rc = 0;
    memset(&ld, 0, sizeof ld);
    ld.report = fn;
    ld.report_ud = ud;
    if (n_errors)
        *n_errors = 0;
    if (!L || !dir) {
        err_set(err, ERR_INVALID, "no Lua host or folder");
        goto report;
    }
    if ((size_t)snprintf(path, sizeof path, "%s/scenario.lua", dir) >= sizeof path) {
        err_set(err, ERR_LIMIT, "%s: path too long", dir);
        goto report;
    }
    st = lua_story_host(h, err);
    if (!st)
        goto report;
    ld.st = st;
    ld.b = scenario_builder_new(dir, path, err);
    if (!ld.b)
        goto report;
    ld.dir = sc_of(&ld)->dir;
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
    lua_pop(L, 1); /* env: kept alive by the chunk's functions only */
    if (rc != 0) {
        if (ld.entry_rc == ERR_IO || ld.entry_rc == ERR_LIMIT)
            rc = ld.entry_rc;
        if (err)
            err->code = rc;
        goto done;
    }
    sc = scenario_builder_finish(ld.b, err);
    if (!sc) {
        hint_unknown_beat(sc_of(&ld), err);
        if (fn && scenario_builder_started(ld.b) && sc_of(&ld)->n_beats > 0) {
            /* every unknown id and every other finding, not only the first */
            Forward f = {&ld, sc_of(&ld)};
            int before = ld.n_reported;
            story_validate(f.sc, forward_finding, &f);
            if (ld.n_reported > before)
                fn = NULL; /* the link error is among them */
        }
    }
done:
    scenario_builder_free(ld.b);
    if (!sc)
        unref_all(L, ld.refs, ld.n_refs);
    free(ld.refs);
report:
    if (!sc && fn) {
        fn(ud, 1, err && err->msg[0] ? err->msg : "the scenario cannot be loaded");
        ld.n_reported++;
    }
    if (n_errors)
        *n_errors = ld.n_reported;
    return sc;
}

/* Loads DIR/scenario.lua; see lua_story.h. */
Scenario *lua_story_load(LuaHost *h, const char *dir, Err *err)
{
    return load(h, dir, NULL, NULL, NULL, err);
}

/* Loads DIR/scenario.lua, reporting every mistake it can; see lua_story.h. */
Scenario *lua_story_load_all(LuaHost *h, const char *dir, LuaStoryReport fn, void *ud,
                             int *n_errors, Err *err)
{
    Err local;
    err_clear(&local);
    if (!fn) {
        err_set(err, ERR_INVALID, "no report function");
        return NULL;
    }
    return load(h, dir, fn, ud, n_errors, err ? err : &local);
}

/* Compiles path and throws the chunk away; see lua_story.h. */
int lua_story_compile(LuaHost *h, const char *path, Err *err)
{
    lua_State *L = lua_host_state(h);
    int rc = 0;
    if (!L || !path)
        return err_set(err, ERR_INVALID, "no Lua host or file");
    rc = lua_host_new_env(h, err);
    if (rc != 0)
        return rc;
    rc = lua_host_load_file(h, path, lua_gettop(L), err);
    lua_pop(L, rc == 0 ? 2 : 1);
    return rc;
}

Scenario *lua_story_load_translated(LuaHost *h, const char *dir, Err *err)
{
    Err terr;
    Scenario *sc = lua_story_load(h, dir, err);
    err_clear(&terr);
    if (sc && story_strings_apply_dir(sc, dir, NULL, NULL, &terr) < 0)
        log_warn("%s", terr.msg); /* the scenario plays in its own texts */
    return sc;
}
