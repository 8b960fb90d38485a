/* fuzz_scenario.c - libFuzzer target for the scenario loader (lua_story_load
 * over the sandboxed Lua host, engine/lua): the input bytes choose a
 * scenario made of Lua declarations (scenario, cast, beat, the steps, choice
 * and option with conditions and effects, signal, discuss, include), with
 * fields and values both valid and not, and strings taken from the input.
 * The generated scenario.lua is written to a folder of this process and
 * loaded; a scenario that loads is played: steps advanced, options asked
 * for and chosen, signals answered, for at most 64 moves.
 *
 * Any outcome is fine except a crash, a sanitizer report, a load that
 * returns neither a scenario nor a message, or an error message without a
 * NUL; those abort so the fuzzer (and the replay) report them. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "story/scenario.h"
#include "story/story.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct Gen {
    const uint8_t *p;
    size_t n;
    Buf *b;
} Gen;

static void check(int ok)
{
    if (!ok)
        abort();
}

static unsigned pick(Gen *g, unsigned n)
{
    unsigned v = 0;
    if (g->n == 0 || n == 0)
        return 0;
    v = *g->p++;
    g->n--;
    return v % n;
}

/* A Lua string literal: a word, or raw input bytes escaped. */
static void str(Gen *g)
{
    static const char *const words[] = {"x", "Sofie", "22:10", "img/a.png", "#112233", "b0", "",
                                        "c0", "da", "en", "æøå 😊", "%d+", "(.-)"};
    unsigned k = pick(g, 16);
    if (k < sizeof words / sizeof words[0]) {
        buf_printf(g->b, "\"%s\"", words[k]);
        return;
    }
    k = pick(g, 24);
    buf_puts(g->b, "\"");
    while (k-- > 0 && g->n > 0) {
        buf_printf(g->b, "\\%u", (unsigned)*g->p);
        g->p++;
        g->n--;
    }
    buf_puts(g->b, "\"");
}

static void num(Gen *g)
{
    static const char *const nums[] = {"0",   "1",         "-1",         "2",    "1e300",
                                       "0/0", "math.huge", "2^53",       "2^63", "-2^63",
                                       "3.5", "90",        "math.maxinteger", "-0.0"};
    buf_puts(g->b, nums[pick(g, sizeof nums / sizeof nums[0])]);
}

/* A text: a string, a {da=, en=} table, or something else. */
static void text(Gen *g)
{
    switch (pick(g, 6)) {
    case 0: str(g); break;
    case 1: num(g); break;
    case 2: buf_puts(g->b, "{ da = "); str(g); buf_puts(g->b, " }"); break;
    default: buf_puts(g->b, "{ da = "); str(g); buf_puts(g->b, ", en = "); str(g); buf_puts(g->b, " }");
    }
}

static void value(Gen *g)
{
    switch (pick(g, 6)) {
    case 0: str(g); break;
    case 1: num(g); break;
    case 2: buf_puts(g->b, pick(g, 2) ? "true" : "false"); break;
    case 3: buf_puts(g->b, "{}"); break;
    case 4: buf_puts(g->b, "function() end"); break;
    default: text(g);
    }
}

static void beat_ref(Gen *g, int nb)
{
    buf_printf(g->b, "\"b%u\"", pick(g, (unsigned)nb + 1));
}

static void expr(Gen *g, int nb)
{
    switch (pick(g, 7)) {
    case 0: buf_puts(g->b, "v.x > "); num(g); break;
    case 1: buf_printf(g->b, "visits.b%u >= ", pick(g, (unsigned)nb)); num(g); break;
    case 2: buf_puts(g->b, "v.y"); break;
    case 3: buf_puts(g->b, "(\"abc 12\"):find("); str(g); buf_puts(g->b, ") ~= nil"); break;
    case 4: buf_puts(g->b, "#tostring(v.s) > 2"); break;
    case 5: buf_puts(g->b, "v.nothing.field"); break;
    default: value(g);
    }
}

static void stmt(Gen *g)
{
    switch (pick(g, 5)) {
    case 0: buf_puts(g->b, "v.x = (v.x or 0) + "); num(g); break;
    case 1: buf_puts(g->b, "v.s = "); str(g); break;
    case 2: buf_puts(g->b, "v.y = not v.y"); break;
    case 3: buf_puts(g->b, "v.t = "); value(g); break;
    default: buf_puts(g->b, "error("); str(g); buf_puts(g->b, ")");
    }
}

static void option(Gen *g, int nb)
{
    unsigned k = pick(g, 4) + 1;
    buf_puts(g->b, "    option { text = ");
    text(g);
    buf_puts(g->b, ", to = ");
    beat_ref(g, nb);
    while (k-- > 0) {
        switch (pick(g, 10)) {
        case 0: buf_puts(g->b, ", when = function(v, visits) return "); expr(g, nb); buf_puts(g->b, " end"); break;
        case 1: buf_puts(g->b, ", effect = function(v) "); stmt(g); buf_puts(g->b, " end"); break;
        case 2: buf_puts(g->b, ", set = { x = "); value(g); buf_puts(g->b, " }"); break;
        case 3: buf_puts(g->b, ", add = { x = "); num(g); buf_puts(g->b, " }"); break;
        case 4: buf_puts(g->b, ", once = true"); break;
        case 5: buf_puts(g->b, ", hide = true"); break;
        case 6: buf_puts(g->b, ", reason = "); text(g); break;
        case 7: buf_puts(g->b, ", colour = "); value(g); break;
        default: break;
        }
    }
    buf_puts(g->b, " },\n");
}

static void step(Gen *g)
{
    buf_puts(g->b, "  ");
    switch (pick(g, 7)) {
    case 0: buf_puts(g->b, "narrate "); text(g); break;
    case 1: buf_printf(g->b, "say(\"c%u\", ", pick(g, 3)); text(g); buf_puts(g->b, ")"); break;
    case 2: buf_puts(g->b, "sms(\"c0\", \"c1\", \"22:14\", "); str(g); buf_puts(g->b, ")"); break;
    case 3: buf_puts(g->b, "image(\"img/a.png\", "); text(g); buf_puts(g->b, ")"); break;
    case 4: buf_puts(g->b, "discuss { prompt = "); text(g); buf_puts(g->b, ", seconds = "); num(g); buf_puts(g->b, " }"); break;
    case 5: buf_puts(g->b, "place = "); text(g); break;
    default: buf_puts(g->b, "time = "); str(g);
    }
    buf_puts(g->b, ",\n");
}

static void beat(Gen *g, int i, int nb)
{
    unsigned k = pick(g, 5);
    buf_printf(g->b, "beat \"b%d\" {\n", i);
    while (k-- > 0)
        step(g);
    switch (pick(g, 5)) {
    case 0: buf_puts(g->b, "  ending = "); text(g); buf_puts(g->b, ",\n"); break;
    case 1: buf_puts(g->b, "  next = "); beat_ref(g, nb); buf_puts(g->b, ",\n"); break;
    case 2:
        buf_puts(g->b, "  signal = signal { prompt = "); text(g);
        buf_puts(g->b, " },\n  next = "); beat_ref(g, nb); buf_puts(g->b, ",\n");
        break;
    default:
        k = pick(g, 5) + 1;
        buf_puts(g->b, "  choice = choice {\n    prompt = ");
        text(g);
        buf_puts(g->b, ",\n");
        while (k-- > 0)
            option(g, nb);
        buf_puts(g->b, "  },\n");
    }
    buf_puts(g->b, "}\n");
}

static void scenario(Gen *g)
{
    int nb = (int)pick(g, 5) + 1, i = 0;
    unsigned k = 0;
    buf_puts(g->b, "scenario {\n  id = \"fuzz\",\n  languages = { \"da\", \"en\" },\n  title = ");
    text(g);
    buf_puts(g->b, ",\n  start = ");
    beat_ref(g, nb);
    buf_puts(g->b, ",\n");
    if (pick(g, 2)) {
        buf_puts(g->b, "  vars = { x = ");
        num(g);
        buf_puts(g->b, ", y = false, s = ");
        str(g);
        buf_puts(g->b, " },\n");
    }
    if (pick(g, 4) == 0) {
        buf_puts(g->b, "  content_note = ");
        text(g);
        buf_puts(g->b, ",\n");
    }
    if (pick(g, 4) == 0) {
        buf_puts(g->b, "  advice = { ");
        text(g);
        buf_puts(g->b, " },\n");
    }
    buf_puts(g->b, "}\ncast {\n");
    for (k = pick(g, 4); k > 0; k--) {
        buf_printf(g->b, "  { id = \"c%u\", name = ", k - 1);
        str(g);
        buf_puts(g->b, ", color = ");
        str(g);
        buf_puts(g->b, " },\n");
    }
    buf_puts(g->b, "}\n");
    for (i = 0; i < nb; i++)
        beat(g, i, nb);
    if (pick(g, 8) == 0)
        buf_puts(g->b, "include \"more.lua\"\n");
}

/* Plays a loaded scenario for at most 64 moves chosen by the input. */
static void play(LuaHost *h, const Scenario *sc, Gen *g)
{
    Err e;
    StoryRun *run = story_run_new(sc, lua_story_hooks(h), &e);
    int move = 0, opt = 0;
    if (!run)
        return;
    for (move = 0; move < 64; move++) {
        StoryPos pos = story_pos(run);
        err_clear(&e);
        if (pos == STORY_AT_END)
            break;
        if (pos == STORY_AT_STEPS) {
            if (story_advance(run, &e) < 0 && pick(g, 2))
                break;
            continue;
        }
        for (opt = 0; opt < 9; opt++) {
            StoryOptState st = STORY_OPT_AVAILABLE;
            if (story_option_state(run, opt, &st, NULL, &e) < 0)
                check(memchr(e.msg, '\0', sizeof e.msg) != NULL);
        }
        if (story_choose(run, (int)pick(g, 10), &e) < 0 &&
            story_continue(run, (int)pick(g, 4) - 1, &e) < 0 && pick(g, 2))
            break;
    }
    story_run_free(run);
}

static char folder_path[64];

static void folder_remove(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/scenario.lua", folder_path);
    unlink(path);
    snprintf(path, sizeof path, "%s/more.lua", folder_path);
    unlink(path);
    rmdir(folder_path);
}

/* This process's folder for the generated files, removed at exit. */
static const char *folder(void)
{
    if (!folder_path[0]) {
        snprintf(folder_path, sizeof folder_path, "/tmp/fuzz_scenario_%ld", (long)getpid());
        check(mkdir(folder_path, 0700) == 0 || access(folder_path, W_OK) == 0);
        atexit(folder_remove);
    }
    return folder_path;
}

static void write_file(const char *dir, const char *name, const char *s)
{
    char path[128];
    FILE *f = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    check(f != NULL);
    fputs(s, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static LuaHost *h;
    Buf src = BUF_INIT, more = BUF_INIT;
    Gen g = {data, size, &src};
    const char *dir = folder();
    Scenario *sc = NULL;
    Err e;
    if (!h) {
        err_clear(&e);
        h = lua_host_new(&e);
        check(h != NULL);
    }
    scenario(&g);
    g.b = &more;
    beat(&g, 9, 10);
    check(!src.oom && !more.oom);
    write_file(dir, "scenario.lua", buf_str(&src));
    write_file(dir, "more.lua", buf_str(&more));
    err_clear(&e);
    sc = lua_story_load(h, dir, &e);
    if (!sc) {
        check(e.code < 0 && e.msg[0] != '\0' && memchr(e.msg, '\0', sizeof e.msg) != NULL);
    } else {
        g.b = &src;
        play(h, sc, &g);
        lua_story_release(h, sc);
        scenario_free(sc);
    }
    buf_free(&src);
    buf_free(&more);
    return 0;
}
