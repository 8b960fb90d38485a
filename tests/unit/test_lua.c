/* test_lua.c - unit tests for the sandboxed Lua host and the scene API
 * loader: fixture scenarios build the expected graph, hostile scripts stop
 * with "path:line: message" within 3 s of CPU time and leave the host usable,
 * broken declarations are reported at their line.  The bounds count the CPU
 * time this process used, not the wall clock, so a machine busy with other
 * work does not make them fail (the limits themselves count wall time, which
 * only stops a script sooner). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "lua/lua_syntax.h"
#include "story/scenario.h"
#include "story/story.h"

#define SCENES SPECTACTOR_ROOT "/tests/data/scenes/"
#define HOSTILE SPECTACTOR_ROOT "/tests/data/hostile/"
#define TOO_LONG "script ran too long (endless loop?)"

static double now_s(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The CPU time this process has used, in seconds. */
static double cpu_s(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A hostile case must end within 3 s of CPU time; the wall clock only
 * catches a wait that never ends (a blocking read), generously. */
static void assert_quick(const char *dir, double cpu, double wall)
{
    if (cpu >= 3.0)
        fail_msg("%s took %.2f s of CPU time", dir, cpu);
    if (wall >= 30.0)
        fail_msg("%s took %.2f s", dir, wall);
}

static int setup(void **state)
{
    Err err;
    err_clear(&err);
    *state = lua_host_new(&err);
    if (!*state)
        fprintf(stderr, "lua_host_new: %s\n", err.msg);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    lua_host_free(*state);
    return 0;
}

/* Loads the basic scenario, checks it minimally and frees it: proves the
 * host still works after a hostile case. */
static void assert_host_works(LuaHost *h)
{
    Err err;
    Scenario *sc = NULL;
    err_clear(&err);
    sc = lua_story_load(h, SCENES "basic", &err);
    if (!sc)
        fail_msg("good scenario failed after a hostile one: %s", err.msg);
    assert_int_equal(sc->n_beats, 4);
    lua_story_release(h, sc);
    scenario_free(sc);
}

/* 1 if msg contains one of the '|'-separated texts. */
static int has_text(const char *msg, const char *texts)
{
    char one[256];
    const char *p = texts;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        snprintf(one, sizeof one, "%.*s", (int)n, p);
        if (strstr(msg, one))
            return 1;
        p += n;
        if (*p == '|')
            p++;
    }
    return 0;
}

static void assert_prefix(const char *msg, const char *dir, int line)
{
    char want[512];
    snprintf(want, sizeof want, "%s/scenario.lua:%d: ", dir, line);
    if (strncmp(msg, want, strlen(want)) != 0)
        fail_msg("expected prefix '%s' in '%s'", want, msg);
}

/* Loading dir must fail at line with text in the message, within 3 s of CPU time. */
static void load_fails(LuaHost *h, const char *dir, int line, const char *text)
{
    Err err;
    Scenario *sc = NULL;
    double t0 = now_s(), c0 = cpu_s();
    double dt = 0, dc = 0;
    err_clear(&err);
    sc = lua_story_load(h, dir, &err);
    dt = now_s() - t0;
    dc = cpu_s() - c0;
    if (getenv("TEST_LUA_VERBOSE"))
        fprintf(stderr, "%.3f s (%.3f s CPU)  %s\n", dt, dc, err.msg);
    assert_null(sc);
    assert_true(err.code < 0);
    assert_prefix(err.msg, dir, line);
    if (text && !has_text(err.msg, text))
        fail_msg("expected '%s' in '%s'", text, err.msg);
    assert_quick(dir, dc, dt);
}

/* load_fails, and the host then loads a good scenario. */
static void expect_load_fail(LuaHost *h, const char *dir, int line, const char *text)
{
    load_fails(h, dir, line, text);
    assert_host_works(h);
}

/* expect_load_fail for a case that another limit than time must end (the
 * memory cap, the stack): the time limit is far away meanwhile, so that a
 * slow or busy machine does not stop it first. */
static void expect_load_fail_untimed(LuaHost *h, const char *dir, int line, const char *text)
{
    lua_host_set_limits(h, 60000, 0);
    expect_load_fail(h, dir, line, text);
    lua_host_set_limits(h, 0, 0);
}

/* Loads dir (must succeed), walks to the choice of the start beat. */
static StoryRun *run_to_choice(LuaHost *h, const char *dir, Scenario **out)
{
    Err err;
    Scenario *sc = NULL;
    StoryRun *run = NULL;
    int guard = 0;
    err_clear(&err);
    sc = lua_story_load(h, dir, &err);
    if (!sc)
        fail_msg("%s: %s", dir, err.msg);
    run = story_run_new(sc, lua_story_hooks(h), &err);
    assert_non_null(run);
    while (story_pos(run) == STORY_AT_STEPS && guard++ < 100)
        assert_int_equal(story_advance(run, &err), 0);
    assert_int_equal(story_pos(run), STORY_AT_INTERACTION);
    *out = sc;
    return run;
}

/* ---- the host ------------------------------------------------------------ */

static void test_host_sandbox(void **state)
{
    LuaHost *h = *state;
    lua_State *L = lua_host_state(h);
    Err err;
    assert_non_null(L);
    err_clear(&err);
    assert_int_equal(lua_host_new_env(h, &err), 0);
    lua_host_free(NULL);
    /* A bare environment has no declarations: the first call fails. */
    assert_int_equal(lua_host_load_file(h, HOSTILE "os/scenario.lua", -1, &err), 0);
    assert_int_equal(lua_host_pcall(h, 0, 0, &err), ERR_SCRIPT);
    assert_prefix(err.msg, HOSTILE "os", 1);
    assert_non_null(strstr(err.msg, "global 'scenario'"));
    /* A missing file is an I/O error with nothing pushed. */
    assert_int_equal(lua_host_run_file(h, HOSTILE "nope/scenario.lua", -1, &err), ERR_IO);
    assert_true(lua_host_mem_used(h) > 0);
    assert_true(lua_host_mem_used(h) < LUA_HOST_MEM_MAX);
    lua_pop(L, 1); /* the env */
    /* The instruction budget alone stops a loop (the time limit is far
     * away, so a slow or busy machine cannot be what stopped it). */
    lua_host_set_limits(h, 60000, 100000);
    {
        double c0 = cpu_s();
        load_fails(h, HOSTILE "loop_load", 4, "script ran too long (endless loop?)");
        assert_true(cpu_s() - c0 < 0.5);
    }
    /* And the time limit alone stops it after ~100 ms: long before the
     * billion instructions, which take seconds of CPU time. */
    lua_host_set_limits(h, 100, 1000000000L);
    {
        double c0 = cpu_s();
        load_fails(h, HOSTILE "loop_load", 4, "script ran too long (endless loop?)");
        assert_true(cpu_s() - c0 < 0.5);
    }
    /* the host still works, under its own limits again (a good scenario
     * may take a busy machine longer than those 100 ms) */
    lua_host_set_limits(h, 0, 0);
    assert_host_works(h);
}

/* ---- the loader: the good scenario -------------------------------------- */

static void test_basic_graph(void **state)
{
    LuaHost *h = *state;
    Err err;
    Scenario *sc = NULL;
    const StoryBeat *b = NULL;
    const StoryInteraction *in = NULL;
    char where[300];
    err_clear(&err);
    sc = lua_story_load(h, SCENES "basic", &err);
    if (!sc)
        fail_msg("%s", err.msg);
    assert_string_equal(sc->id, "basic");
    assert_int_equal(sc->n_langs, 2);
    assert_string_equal(sc->langs[0], "da");
    assert_string_equal(sc->langs[1], "en");
    assert_string_equal(story_text(&sc->title, 0), "Grundtest");
    assert_string_equal(story_text(&sc->title, 1), "Basic test");
    assert_int_equal(sc->n_files, 2);
    assert_string_equal(sc->files[0], SCENES "basic/scenario.lua");
    assert_string_equal(sc->files[1], SCENES "basic/more.lua");
    assert_int_equal(sc->n_contacts, 1);
    assert_string_equal(sc->contacts[0].phone, "25 17 73 74");
    assert_string_equal(story_text(&sc->contacts[0].name, 1), "Dansk Stalking Center");
    assert_int_equal(sc->n_advice, 1);
    assert_string_equal(story_text(&sc->advice[0], 1), "Tell an adult.");
    assert_int_equal(sc->n_vars, 4); /* sorted by name */
    assert_string_equal(sc->vars[0].name, "count");
    assert_string_equal(sc->vars[1].name, "mood");
    assert_int_equal(sc->vars[1].init.type, STORY_VAL_STRING);
    assert_string_equal(sc->vars[1].init.str, "ok");
    assert_string_equal(sc->vars[2].name, "told");
    assert_int_equal(sc->vars[2].init.type, STORY_VAL_BOOL);
    assert_string_equal(sc->vars[3].name, "trust");
    assert_true(sc->vars[3].init.num == 1.0);

    assert_int_equal(sc->n_cast, 2);
    assert_string_equal(sc->cast[0].id, "sofie");
    assert_int_equal(sc->cast[0].color, 0xe07a5f);
    assert_int_equal(sc->cast[1].color, 0x3d405b);
    assert_string_equal(sc->cast[1].portrait, "img/mads.png");
    assert_string_equal(story_text(&sc->cast[0].role, 1), "Pupil");

    assert_int_equal(sc->n_beats, 4);
    assert_int_equal(sc->start, 0);
    b = &sc->beats[0];
    assert_string_equal(b->id, "party");
    assert_int_equal(b->src.line, 20);
    assert_string_equal(story_text(&b->place, 0), "Fest hos Emma");
    assert_string_equal(story_text(&b->time, 1), "22:10");
    assert_int_equal(b->n_steps, 4);
    assert_int_equal(b->steps[0].kind, STORY_STEP_NARRATION);
    assert_int_equal(b->steps[0].src.line, 23);
    assert_string_equal(story_text(&b->steps[0].text, 0), "Musikken er høj.");
    assert_string_equal(story_text(&b->steps[0].text, 1), "The music is loud.");
    assert_int_equal(b->steps[1].kind, STORY_STEP_LINE);
    assert_int_equal(b->steps[1].speaker, 1);
    assert_string_equal(story_text(&b->steps[1].text, 1), "Hi!");
    assert_int_equal(b->steps[2].kind, STORY_STEP_MESSAGE);
    assert_int_equal(b->steps[2].speaker, 1);
    assert_int_equal(b->steps[2].phone, 0);
    assert_string_equal(b->steps[2].time, "22:14");
    assert_int_equal(b->steps[3].kind, STORY_STEP_IMAGE);
    assert_string_equal(b->steps[3].image, "img/party.png");
    assert_string_equal(story_text(&b->steps[3].text, 0), "Stuen");
    in = &b->interaction;
    assert_int_equal(in->kind, STORY_INT_CHOICE);
    assert_int_equal(in->character, 0);
    assert_int_equal(in->src.line, 27);
    assert_string_equal(story_text(&in->prompt, 1), "What does Sofie do?");
    assert_int_equal(in->n_options, 4);
    assert_int_equal(in->options[0].src.line, 30);
    assert_int_equal(in->options[0].target, 1);
    assert_int_equal(in->options[0].n_effects, 2);
    assert_string_equal(in->options[0].effects[0].var, "told");
    assert_int_equal(in->options[0].effects[0].op, STORY_EFFECT_SET);
    assert_string_equal(in->options[0].effects[1].var, "trust");
    assert_int_equal(in->options[0].effects[1].op, STORY_EFFECT_ADD);
    assert_int_equal(in->options[0].cond_ref, 0);
    assert_int_equal(in->options[1].target, 0);
    assert_int_equal(in->options[1].once, 1);
    assert_true(in->options[1].effect_ref > 0);
    assert_true(in->options[2].cond_ref > 0);
    assert_string_equal(story_text(&in->options[2].reason, 0), "Tilliden er for lav");
    assert_int_equal(in->options[3].hide, 1);
    assert_int_equal(sc->n_options, 4);

    b = &sc->beats[1];
    assert_string_equal(b->id, "answer");
    assert_int_equal(b->src.file, 1);
    assert_int_equal(b->src.line, 2);
    assert_string_equal(scenario_where(sc, b->steps[0].src, where, sizeof where),
                        SCENES "basic/more.lua:4");
    assert_int_equal(b->interaction.kind, STORY_INT_SIGNAL);
    assert_int_equal(b->next, 2);
    b = &sc->beats[2];
    assert_int_equal(b->interaction.kind, STORY_INT_DISCUSS);
    assert_int_equal(b->interaction.seconds, 90);
    assert_int_equal(b->n_steps, 0);
    b = &sc->beats[3];
    assert_int_equal(b->ending, 1);
    assert_string_equal(story_text(&b->ending_text, 1), "Sofie tells someone.");
    lua_story_release(h, sc);
    scenario_free(sc);
}

static void test_basic_conditions_effects(void **state)
{
    LuaHost *h = *state;
    Err err;
    Scenario *sc = NULL;
    StoryRun *run = run_to_choice(h, SCENES "basic", &sc);
    StoryOptState st = STORY_OPT_AVAILABLE;
    StoryWhy why = STORY_WHY_NONE;
    StoryValue v;
    int guard = 0;
    err_clear(&err);
    memset(&v, 0, sizeof v);
    /* trust = 1: "trusts him" greyed out; visits.party == 1: "again" hidden. */
    assert_int_equal(story_option_state(run, 0, &st, &why, &err), 0);
    assert_int_equal(st, STORY_OPT_AVAILABLE);
    assert_int_equal(story_option_state(run, 2, &st, &why, &err), 0);
    assert_int_equal(st, STORY_OPT_DISABLED);
    assert_int_equal(why, STORY_WHY_CONDITION);
    assert_int_equal(story_option_state(run, 3, &st, &why, &err), 0);
    assert_int_equal(st, STORY_OPT_HIDDEN);
    /* The once-only option runs the script effect and returns to party. */
    if (story_choose(run, 1, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(story_var_get(run, "mood", &v), 0);
    assert_int_equal(v.type, STORY_VAL_STRING);
    assert_string_equal(v.str, "asked");
    assert_int_equal(story_var_get(run, "count", &v), 0);
    assert_true(v.num == 1.0);
    assert_int_equal(story_current_beat(run), 0);
    assert_int_equal(story_visits(run, 0), 2);
    while (story_pos(run) == STORY_AT_STEPS && guard++ < 100)
        assert_int_equal(story_advance(run, &err), 0);
    /* Used once: greyed out; visits.party == 2 now shows "again". */
    assert_int_equal(story_option_state(run, 1, &st, &why, &err), 0);
    assert_int_equal(st, STORY_OPT_DISABLED);
    assert_int_equal(why, STORY_WHY_USED);
    assert_int_equal(story_option_state(run, 3, &st, &why, &err), 0);
    assert_int_equal(st, STORY_OPT_AVAILABLE);
    /* Declared effects: set told, add trust; then the condition holds. */
    assert_int_equal(story_choose(run, 0, &err), 0);
    assert_int_equal(story_var_get(run, "trust", &v), 0);
    assert_true(v.num == 3.0);
    assert_int_equal(story_var_get(run, "told", &v), 0);
    assert_int_equal(v.type, STORY_VAL_BOOL);
    assert_int_equal(v.b, 1);
    assert_int_equal(story_current_beat(run), 1);
    assert_int_equal(story_rewind(run, 1, &err), 0);
    assert_int_equal(story_var_get(run, "trust", &v), 0);
    assert_true(v.num == 1.0);
    story_run_free(run);
    lua_story_release(h, sc);
    scenario_free(sc);
}

/* ---- hostile scripts ---------------------------------------------------- */

static void test_hostile_load(void **state)
{
    LuaHost *h = *state;
    FILE *f = NULL;
    expect_load_fail(h, HOSTILE "os", 3, "'os'");
    f = fopen("/tmp/spectactor_pwned", "r");
    assert_null(f);
    expect_load_fail(h, HOSTILE "io", 3, "'io'");
    expect_load_fail(h, HOSTILE "require", 3, "'require'");
    expect_load_fail(h, HOSTILE "load", 3, "'load'");
    expect_load_fail(h, HOSTILE "dofile", 3, "'dofile'");
    expect_load_fail(h, HOSTILE "bytecode", 1, "bytecode");
    expect_load_fail(h, HOSTILE "loop_load", 4, "script ran too long (endless loop?)");
    expect_load_fail(h, HOSTILE "loop_pcall", 4, "script ran too long (endless loop?)");
    expect_load_fail_untimed(h, HOSTILE "membomb_string", 4, "not enough memory");
    /* memory bombs: the cap, or the time limit on a busy machine */
    expect_load_fail(h, HOSTILE "membomb_table", 5, "not enough memory|" TOO_LONG);
    expect_load_fail_untimed(h, HOSTILE "membomb_pcall", 3, "not enough memory");
    expect_load_fail_untimed(h, HOSTILE "rep_huge", 3, "not enough memory");
    /* C library loops the instruction hook cannot interrupt: counted */
    expect_load_fail(h, HOSTILE "xpcall_loop", 3, TOO_LONG);
    expect_load_fail(h, HOSTILE "table_move", 3, TOO_LONG);
    expect_load_fail(h, HOSTILE "rep_empty", 3, "rep of nothing ended: 0");
    expect_load_fail(h, HOSTILE "len_insert", 3, TOO_LONG);
    expect_load_fail(h, HOSTILE "len_sort", 3, TOO_LONG);
    expect_load_fail(h, HOSTILE "len_concat", 3, TOO_LONG "|not enough memory");
    expect_load_fail(h, HOSTILE "rep_loop", 3, TOO_LONG "|not enough memory");
    expect_load_fail(h, HOSTILE "membomb_decl_table", 3, "not enough memory|" TOO_LONG);
    /* what declarations keep outside the Lua heap counts against the cap */
    expect_load_fail(h, HOSTILE "membomb_decls", 4,
                     "not enough memory (the scenario holds more than 64 MiB)|" TOO_LONG);
    /* the holes of the old pattern estimate */
    expect_load_fail(h, HOSTILE "pattern_dollar", 3, TOO_LONG);
    expect_load_fail(h, HOSTILE "pattern_set", 3, TOO_LONG);
    expect_load_fail(h, HOSTILE "pattern_gsub_amp", 3, TOO_LONG "|not enough memory");
    expect_load_fail(h, HOSTILE "pattern_plain", 3, TOO_LONG);
    /* hostile files: refused before they are opened */
    expect_load_fail(h, HOSTILE "symlink_entry", 1, "outside the scenario folder");
    expect_load_fail(h, HOSTILE "symlink_include", 3, "outside the scenario folder");
    expect_load_fail(h, HOSTILE "device", 1, "a character device, not a regular file");
    expect_load_fail(h, HOSTILE "device_include", 3, "a character device, not a regular file");
    /* the stack ends an endless recursion */
    expect_load_fail_untimed(h, HOSTILE "recursion", 3, "stack overflow");
    expect_load_fail(h, HOSTILE "syntax", 4, "missing comma after the step on line 4?");
    expect_load_fail(h, HOSTILE "include_escape", 3, "must be a file in the scenario folder");
    expect_load_fail(h, HOSTILE "gc", 3, "__gc metamethods are not allowed");
}

/* Loads dir, then evaluates option 0 (or chooses it): must fail at line. */
static void expect_runtime_fail(LuaHost *h, const char *dir, int line, int choose,
                                const char *text)
{
    Err err;
    Scenario *sc = NULL;
    StoryRun *run = run_to_choice(h, dir, &sc);
    StoryOptState st = STORY_OPT_AVAILABLE;
    double t0 = now_s(), c0 = cpu_s();
    double dt = 0, dc = 0;
    int rc = 0;
    err_clear(&err);
    if (choose)
        rc = story_choose(run, 0, &err);
    else
        rc = story_option_state(run, 0, &st, NULL, &err);
    dt = now_s() - t0;
    dc = cpu_s() - c0;
    if (getenv("TEST_LUA_VERBOSE"))
        fprintf(stderr, "%.3f s (%.3f s CPU)  %s\n", dt, dc, err.msg);
    assert_true(rc < 0);
    assert_prefix(err.msg, dir, line);
    if (!has_text(err.msg, text))
        fail_msg("expected '%s' in '%s'", text, err.msg);
    assert_quick(dir, dc, dt);
    /* The run is intact: the other option still works. */
    assert_int_equal(story_current_beat(run), 0);
    assert_int_equal(story_choose(run, 1, &err), 0);
    story_run_free(run);
    lua_story_release(h, sc);
    scenario_free(sc);
    assert_host_works(h);
}

static void test_hostile_runtime(void **state)
{
    LuaHost *h = *state;
    expect_runtime_fail(h, HOSTILE "loop_cond", 7, 0, "script ran too long (endless loop?)");
    expect_runtime_fail(h, HOSTILE "cond_error", 7, 0, "attempt to index a nil value");
    expect_runtime_fail(h, HOSTILE "effect_error", 7, 1, "boom");
    expect_runtime_fail(h, HOSTILE "cond_write", 7, 0, "variables are read-only in a condition");
    /* backtracking patterns would run for minutes or hours inside one C
     * call: the counting matcher stops them at the time limit */
    expect_runtime_fail(h, HOSTILE "pattern", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "pattern_balance", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "pattern_gmatch", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "pattern_loop", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "pattern_gsubfn", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "xpcall_loop_cond", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "table_move_cond", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "rep_empty_cond", 7, 0, "rep of nothing ended: 0");
    expect_runtime_fail(h, HOSTILE "len_insert_cond", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "len_sort_cond", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "len_concat_cond", 7, 0, TOO_LONG "|not enough memory");
    expect_runtime_fail(h, HOSTILE "rep_loop_cond", 7, 0, TOO_LONG "|not enough memory");
    expect_runtime_fail(h, HOSTILE "membomb_decl_table_cond", 7, 0, "not enough memory|" TOO_LONG);
    expect_runtime_fail(h, HOSTILE "pattern_dollar_cond", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "pattern_set_cond", 7, 0, TOO_LONG);
    expect_runtime_fail(h, HOSTILE "pattern_gsub_amp_cond", 7, 0, TOO_LONG "|not enough memory");
    expect_runtime_fail(h, HOSTILE "pattern_plain_cond", 7, 0, TOO_LONG);
    /* an iterator made while loading keeps its search for a condition */
    expect_runtime_fail(h, HOSTILE "gmatch_reuse_cond", 8, 0, TOO_LONG);
}

/* A FIFO as scenario.lua or as an include would block the loader for
 * ever: both are refused before they are opened. */
static void test_hostile_fifo(void **state)
{
    LuaHost *h = *state;
    char dir[] = "/tmp/spectactor_fifo_XXXXXX";
    char path[300];
    FILE *f = NULL;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/scenario.lua", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    expect_load_fail(h, dir, 1, "a FIFO, not a regular file");
    assert_int_equal(unlink(path), 0);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("scenario { id = \"hostile\", languages = { \"da\", \"en\" }, start = \"a\" }\n"
          "cast { { id = \"x\", name = \"X\", color = \"#112233\" } }\n"
          "include \"pipe.lua\"\n",
          f);
    fclose(f);
    snprintf(path, sizeof path, "%s/pipe.lua", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    expect_load_fail(h, dir, 3, "pipe.lua: refused: a FIFO, not a regular file");
    unlink(path);
    snprintf(path, sizeof path, "%s/scenario.lua", dir);
    unlink(path);
    rmdir(dir);
}

/* keep(n): a declaration that keeps n KiB outside the Lua heap. */
static int l_keep(lua_State *L)
{
    lua_host_charge_memory(L, (size_t)luaL_checkinteger(L, 1) * 1024);
    return 0;
}

/* What declarations keep counts against the memory cap, and the error
 * names the script line; the next call starts afresh. */
static void test_declaration_memory(void **state)
{
    LuaHost *h = *state;
    lua_State *L = lua_host_state(h);
    Err err;
    int top = lua_gettop(L);
    static const char code[] = "local n = ...\nfor i = 1, n do keep(1024) end\n";
    err_clear(&err);
    assert_int_equal(lua_host_new_env(h, &err), 0);
    lua_pushcfunction(L, l_keep);
    lua_setfield(L, -2, "keep");
    assert_int_equal(luaL_loadbuffer(L, code, sizeof code - 1, "@decl.lua"), LUA_OK);
    lua_pushvalue(L, -2);
    assert_non_null(lua_setupvalue(L, -2, 1));
    lua_pushvalue(L, -1);
    lua_pushinteger(L, 100); /* 100 MiB */
    assert_int_equal(lua_host_pcall(h, 1, 0, &err), ERR_NOMEM);
    if (strncmp(err.msg, "decl.lua:2: not enough memory", 29) != 0)
        fail_msg("got '%s'", err.msg);
    lua_pushinteger(L, 16); /* 16 MiB: fits */
    assert_int_equal(lua_host_pcall(h, 1, 0, &err), 0);
    lua_settop(L, top);
}

/* The conditions of one key share one budget (a batch): with nine slow
 * conditions and the budget of two, each runs once per state, those past
 * the budget fail at once with their path:line, and asking again in the
 * same state (the next key) runs nothing.  The budget here is counted in
 * instructions, so the test does not depend on the machine's speed. */
static void test_batch_budget(void **state)
{
    LuaHost *h = *state;
    Scenario *sc = NULL;
    StoryRun *run = NULL;
    Err err;
    int i = 0, k = 0, ok = 0, late = 0, failed = 0;
    double t0 = 0, dt = 0;
    err_clear(&err);
    lua_host_set_limits(h, 600000, 50000000L); /* ~2.5 of the conditions */
    run = run_to_choice(h, SPECTACTOR_ROOT "/tests/data/slow_conditions", &sc);
    t0 = now_s();
    for (k = 0; k < 4; k++) { /* four keys in the same state */
        lua_host_batch_begin(h);
        for (i = 0; i < 9; i++) {
            StoryOptState st = STORY_OPT_HIDDEN;
            err_clear(&err);
            if (story_option_state(run, i, &st, NULL, &err) == 0) {
                assert_int_equal(st, STORY_OPT_AVAILABLE);
                ok += k == 0;
                continue;
            }
            /* the line that ran too long, or (stopped before its first
             * line) the line where the condition is defined */
            if (strncmp(err.msg, SPECTACTOR_ROOT "/tests/data/slow_conditions/scenario.lua:",
                        strlen(SPECTACTOR_ROOT "/tests/data/slow_conditions/scenario.lua:")) != 0)
                fail_msg("no path:line in '%s'", err.msg);
            assert_non_null(strstr(err.msg, "script ran too long"));
            failed += k == 0;
            late += k == 0 && strstr(err.msg, "one key's scripts share") != NULL;
        }
        lua_host_batch_end(h);
        assert_int_equal(story_condition_calls(run), 9);
    }
    dt = now_s() - t0;
    if (getenv("TEST_LUA_VERBOSE"))
        fprintf(stderr, "%d ok, %d failed (%d late) in %.3f s\n", ok, failed, late, dt);
    assert_true(ok >= 1 && ok <= 3);
    assert_int_equal(ok + failed, 9);
    assert_true(late >= 5); /* started after the budget was spent */
    /* the next state runs them again, under a new budget */
    story_forget_conditions(run);
    lua_host_batch_begin(h);
    for (i = 0; i < 9; i++) {
        StoryOptState st = STORY_OPT_HIDDEN;
        story_option_state(run, i, &st, NULL, &err);
    }
    lua_host_batch_end(h);
    assert_int_equal(story_condition_calls(run), 18);
    /* without a batch, every call has the whole budget */
    lua_host_set_limits(h, 600000, 25000000L);
    story_forget_conditions(run);
    for (i = 0; i < 3; i++) {
        StoryOptState st = STORY_OPT_HIDDEN;
        err_clear(&err);
        assert_int_equal(story_option_state(run, i, &st, NULL, &err), 0);
    }
    lua_host_set_limits(h, 0, 0);
    story_run_free(run);
    lua_story_release(h, sc);
    scenario_free(sc);
    assert_host_works(h);
}

/* spin(): a C loop that counts nothing, as an unknown hole would be. */
static int l_spin(lua_State *L)
{
    volatile unsigned long n = 0;
    (void)L;
    for (;;)
        n++;
    return 0;
}

/* sleep(): a C call that waits 2.5 s without running, as a call does that a
 * busy machine does not let run. */
static int l_sleep(lua_State *L)
{
    struct timespec ts = {2, 500 * 1000 * 1000};
    (void)L;
    while (nanosleep(&ts, &ts) != 0)
        ;
    return 0;
}

/* A call past its deadline that does not run (here: it waits; on a busy
 * machine: it gets no CPU to unwind) is not ended by the watchdog: it ends
 * the process only once the process has also used LUA_HOST_WATCHDOG_MS of
 * CPU time since.  Runs in a child process, which exits 0 if it got back. */
static void test_watchdog_not_busy_machine(void **state)
{
    pid_t pid = 0;
    int status = 0;
    (void)state;
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        Err err;
        LuaHost *h = NULL;
        lua_State *L = NULL;
        err_clear(&err);
        h = lua_host_new(&err);
        if (!h)
            _exit(1);
        lua_host_set_limits(h, 200, 0);
        L = lua_host_state(h);
        lua_pushcfunction(L, l_sleep);
        lua_host_pcall(h, 0, 0, &err);
        lua_host_free(h);
        _exit(0);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* The last resort: a call stuck in C past its deadline ends the process
 * (exit 70) once LUA_HOST_WATCHDOG_MS have passed, on the clock and in CPU
 * time.  Runs in a child process; the bound is on the CPU time the child
 * used (the clock runs longer on a busy machine), and the clock only shows
 * that it ends. */
static void test_watchdog_last_resort(void **state)
{
    pid_t pid = 0;
    int status = 0, fds[2] = {-1, -1};
    double t0 = 0, dt = 0, cpu = 0;
    struct rusage ru;
    (void)state;
    memset(&ru, 0, sizeof ru);
    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        Err err;
        LuaHost *h = NULL;
        lua_State *L = NULL;
        double start = 0;
        int devnull = open("/dev/null", O_WRONLY);
        close(fds[0]);
        if (devnull >= 0)
            dup2(devnull, 2); /* the message is expected; keep the test output clean */
        err_clear(&err);
        h = lua_host_new(&err);
        if (!h)
            _exit(1);
        lua_host_set_limits(h, 200, 0);
        L = lua_host_state(h);
        lua_pushcfunction(L, l_spin);
        start = now_s();
        if (write(fds[1], &start, sizeof start) != (ssize_t)sizeof start)
            _exit(3);
        lua_host_pcall(h, 0, 0, &err);
        _exit(2); /* not reached */
    }
    close(fds[1]);
    assert_int_equal(read(fds[0], &t0, sizeof t0), (ssize_t)sizeof t0);
    close(fds[0]);
    assert_int_equal(wait4(pid, &status, 0, &ru), pid);
    dt = now_s() - t0;
    cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
          (double)ru.ru_stime.tv_usec / 1e6;
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 70);
    if (dt < LUA_HOST_WATCHDOG_MS / 1000.0)
        fail_msg("the watchdog ended it after %.2f s", dt);
    if (cpu > 0.2 + LUA_HOST_WATCHDOG_MS / 1000.0 + 1.0)
        fail_msg("the watchdog let it run %.2f s of CPU time", cpu);
    if (dt > 30.0)
        fail_msg("the watchdog took %.2f s", dt);
}

/* xpcall's handler still runs for ordinary errors. */
static void test_xpcall_handler(void **state)
{
    LuaHost *h = *state;
    lua_State *L = lua_host_state(h);
    Err err;
    int top = lua_gettop(L);
    static const char code[] =
        "local ok, m = xpcall(function() error('x', 0) end, function(e) return 'handled ' .. e end)\n"
        "return tostring(ok) .. ' ' .. m\n";
    err_clear(&err);
    assert_int_equal(lua_host_new_env(h, &err), 0);
    assert_int_equal(luaL_loadbuffer(L, code, sizeof code - 1, "=x"), LUA_OK);
    lua_pushvalue(L, -2);
    assert_non_null(lua_setupvalue(L, -2, 1));
    assert_int_equal(lua_host_pcall(h, 0, 1, &err), 0);
    assert_string_equal(lua_tostring(L, -1), "false handled x");
    lua_settop(L, top);
}

/* ---- the counting pattern matcher gives stock Lua's results ------------- */

/* Runs find/match/gmatch/gsub on many (subject, pattern, init) cases and
 * returns one line per result: "count[type:value,...]". */
static const char pattern_cases[] =
    "local out = {}\n"
    "local function put(...)\n"
    "  local t = {}\n"
    "  for i = 1, select('#', ...) do\n"
    "    local v = select(i, ...)\n"
    "    t[i] = type(v) .. ':' .. string.format('%q', tostring(v))\n"
    "  end\n"
    "  out[#out + 1] = select('#', ...) .. '[' .. table.concat(t, ',') .. ']'\n"
    "end\n"
    "local text200 = '  ' .. ('ab cd '):rep(33) .. ' \\t'\n"
    "local cases = {\n"
    "  {text200, '^%s*(.-)%s*$'}, {('x'):rep(200), '^%s*(.-)%s*$'},\n"
    "  {('1'):rep(12000), '%d+'}, {'ab ' .. ('1'):rep(12000) .. ' c', '%d+', 2},\n"
    "  {'abc 123 def', '(%a+) (%d+)'}, {'hello world', '()ll()'},\n"
    "  {'THE (quick) fox', '%f[%a]%a+'}, {'THE (quick) fox', '%f[%w]%w+', 5},\n"
    "  {'x = (a(b)c) + (d)', '%b()'}, {'x = (a(b)c) + (d)', '(%b())', 12},\n"
    "  {'hello', '^h'}, {'hello', 'o$'}, {'hello', '^x'}, {'hello', '^(h)(e)'},\n"
    "  {'a.b.c', '.', 1, true}, {'a.b.c', '.b', -3, true}, {'a+b', '+', 1, true},\n"
    "  {'hello world', 'o', -5}, {'hello world', 'l+', -100}, {'hello', '', 10},\n"
    "  {'hello', '', 6}, {'hello', 'l', 0}, {'abcabc', '(a)(b)c%1%2'},\n"
    "  {'key = value', '(%w+)%s*=%s*(%w+)'}, {'[[x]]', '%[(%[?)(.-)%]'},\n"
    "  {'aaa', 'a-', 2}, {'aaab', 'a*b'}, {'ab', 'a?b'}, {'b', 'a+b'}, {'a%b', '%%'},\n"
    "  {'date: 2024-05-01', '(%d+)-(%d+)-(%d+)'}, {'ab\\0cd', '%z'}, {'x', '[^%a]'},\n"
    "  {'fr\\195\\166k', '[\\128-\\255]+'}, {'a]b', '[]]'}, {'a-b', '[a%-]+'},\n"
    "  {'  trim me  ', '^%s*(.-)%s*$'}, {'CamelCase', '%u%l+', 2}, {'x', '()'},\n"
    "}\n"
    "for _, c in ipairs(cases) do\n"
    "  put(string.find(c[1], c[2], c[3], c[4]))\n"
    "  if not c[4] then put(c[1]:match(c[2], c[3])) end\n"
    "end\n"
    "local function gm(s, p, init)\n"
    "  local r = {}\n"
    "  for a, b in string.gmatch(s, p, init) do r[#r + 1] = tostring(a) .. '/' .. tostring(b) end\n"
    "  put(#r, table.concat(r, ' '))\n"
    "end\n"
    "gm(('word '):rep(1200), '%S+') gm(('ord w'):rep(1200), '%S+')\n"
    "gm('k1=v1, k2=v2', '(%w+)=(%w+)') gm('abc', '') gm('hello world from lua', '%a+', 7)\n"
    "gm(('^'):rep(20) .. 'b', '^.-.-b') gm('one two', '()(%a+)') gm('a,b,,c', '([^,]*)')\n"
    "gm('THE (quick) fox', '%f[%a]%a+') gm('abc', '.', -2)\n"
    "put((('a  \\t'):rep(1250)):gsub('%s+', ' '))\n"
    "put(('hello world'):gsub('o', '0', 1)) put(('hello world'):gsub('(%w+)', '<%1>'))\n"
    "put(('hello world'):gsub('%w+', '%0 %0')) put(('hello world'):gsub('(%w+) (%w+)', '%2 %1'))\n"
    "put(('$name is $age'):gsub('%$(%w+)', {name = 'Ida', age = 14}))\n"
    "put(('$name is $x'):gsub('%$(%w+)', {name = 'Ida'}))\n"
    "put(('abc'):gsub('%w', function(c) return c:upper() .. '.' end))\n"
    "put(('abc'):gsub('%w', function(c) if c == 'b' then return nil end return '!' end))\n"
    "put(('abc'):gsub('(a)(b)', function(x, y) return y .. x end))\n"
    "put(('abc'):gsub('', '-')) put(('hello'):gsub('l', 'L', 0)) put(('a,b,,c'):gsub(',', ';', 2))\n"
    "put(('abc'):gsub('()', '%1')) put(('x'):gsub('x', '%%')) put(('abc'):gsub('^a', 'A'))\n"
    "put(('abc'):gsub('c$', 'C')) put(('a b'):gsub(' ', 5)) put(('abc'):gsub('b*', '-'))\n"
    "put(pcall(string.gsub, 'x', 'x', '%2')) put(pcall(string.find, 'x', '(x'))\n"
    "put(pcall(string.find, 'x', 'x%')) put(pcall(string.gsub, 'x', 'x', '%q'))\n"
    "put(pcall(string.match, 'x', '%b')) put(pcall(string.match, 'x', '%f'))\n"
    "put(pcall(string.gsub, 'x', 'x', {x = {}})) put(pcall(string.find, 'x', 'x)'))\n"
    "return table.concat(out, '\\n')\n";

/* More patterns, string.rep and the table functions (the sandbox's
 * counted versions), against stock Lua.  sort only sees orders without
 * ties, where every correct sort agrees. */
static const char more_cases[] =
    "local out = {}\n"
    "local function put(...)\n"
    "  local t = {}\n"
    "  for i = 1, select('#', ...) do\n"
    "    local v = select(i, ...)\n"
    "    t[i] = type(v) .. ':' .. string.format('%q', tostring(v))\n"
    "  end\n"
    "  out[#out + 1] = select('#', ...) .. '[' .. table.concat(t, ',') .. ']'\n"
    "end\n"
    "local cases = {\n"
    "  {'hello world', '%f[%w]%w+$'}, {'[a]', '[%]]'}, {'a^b', 'a^b'}, {'x$y', 'x$y'},\n"
    "  {'aXb', '%u'}, {'a.b', '%.'}, {'  x', '^%s*()'}, {'abab', '(ab)%1'}, {'abba', '(a)(b)%2%1'},\n"
    "  {'', '^$'}, {'abc', '[^]]'}, {'a-z', '[a-]'}, {'--x', '%-+'}, {'x', 'x*$'}, {'abc', 'c-$'},\n"
    "  {'((a)', '%b()'}, {'a(b', '%b()'}, {'THE', '%f[%l]'}, {'end', '%f[%z]'}, {'a1b2', '%d()', 3},\n"
    "  {'abc', '', 4}, {'abc', '', 5}, {'abc', 'c', -1}, {'abc', 'a', -10}, {'a\\0b', '\\0'},\n"
    "  {'a\\0b', '[\\0]'}, {'a\\0b', '.%z', 1, true}, {'x.y', '.', 2, true}, {'abc', '[a-c]+'},\n"
    "  {'AbC', '[%u%d]+'}, {'tab\\there', '%c'}, {'x=1, y=22', '(%w+)=(%d+)', 5},\n"
    "  {'aaa', 'a-b'}, {'aaa', '^a-$'}, {'aaab', 'a+?b'}, {'ab', '(a)(b)()'}, {'ab', '()a()b()'},\n"
    "}\n"
    "for _, c in ipairs(cases) do\n"
    "  put(pcall(string.find, c[1], c[2], c[3], c[4]))\n"
    "  if not c[4] then put(pcall(string.match, c[1], c[2], c[3])) end\n"
    "end\n"
    "local function gm(s, p, init)\n"
    "  local r = {}\n"
    "  for a, b, c in string.gmatch(s, p, init) do r[#r + 1] = tostring(a) .. '/' .. tostring(b) .. '/' .. tostring(c) end\n"
    "  put(#r, table.concat(r, ' '))\n"
    "end\n"
    "gm('a1b22c333', '(%a)(%d+)()') gm('abc', '()', 2) gm('abc', 'x*', 10) gm('', '') gm('ab', '.-')\n"
    "gm('one two', '%a+', -3) put(pcall(gm, 'x', '(x)(()'))\n"
    "put(('abc'):gsub('', '-', 2)) put(('abc'):gsub('.', {a = 1, b = false})) put(('abc'):gsub('%w', '%0%0', 0))\n"
    "put(('hello'):gsub('^h', function() return nil end)) put(('a.b'):gsub('%.', '%%'))\n"
    "put(('abc'):gsub('(b)', '[%1%0]')) put(('x y'):gsub('(%w)', '%1', 1.0)) put(('aaa'):gsub('a*', '-'))\n"
    "put(('a,b'):gsub(',', 2.5)) put(pcall(string.gsub, 'a', 'a', true)) put(pcall(string.gsub, 'a', '(', 'x'))\n"
    "put(pcall(string.gsub, 'abc', '%w', '%9')) put(pcall(string.find, 'a', '[a')) put(pcall(string.find, 'a', '%f'))\n"
    "put(pcall(string.match, 'a', ('(a)'):rep(33))) put(pcall(string.find, ('a'):rep(300), ('a?'):rep(300) .. 'b'))\n"
    "put(string.rep('ab', 3, ',')) put(string.rep('', 5)) put(string.rep('x', 0)) put(string.rep('x', -1, 'y'))\n"
    "put(string.rep('', 3, '-')) put(string.rep('x', 1)) put(pcall(string.rep, 'x', 2^40))\n"
    "put(pcall(string.rep, 'x', 1.5)) put(pcall(string.rep))\n"
    "local t = {1, 2, 3}\n"
    "table.insert(t, 4) table.insert(t, 1, 0) table.insert(t, 3, 'm') put(table.concat(t, ','))\n"
    "put(pcall(table.insert, t, 9, 1)) put(pcall(table.insert, t, 0, 1)) put(pcall(table.insert, t))\n"
    "put(pcall(table.insert, t, 1, 2, 3)) put(pcall(table.insert, 5, 1))\n"
    "put(table.remove(t)) put(table.remove(t, 1)) put(table.concat(t, ',')) put(table.remove({}))\n"
    "put(table.remove({}, 0)) put((pcall(table.remove, {1}, 5))) put(table.remove({1, 2}, 3))\n"
    "put(table.concat(table.move({1, 2, 3, 4, 5}, 2, 4, 1), ','))\n"
    "put(table.concat(table.move({1, 2, 3, 4, 5}, 1, 3, 3), ','))\n"
    "put(table.concat(table.move({1, 2, 3}, 1, 3, 2, {9, 9, 9, 9}), ','))\n"
    "put(#table.move({1, 2}, 3, 1, 1)) put(pcall(table.move, {}, -1, math.maxinteger, 1))\n"
    "put(pcall(table.move, {}, 1, math.maxinteger, 2))\n"
    "put(table.concat({})) put(table.concat({1, 2.5, 'x'}, '-')) put(table.concat({1, 2, 3}, ',', 2))\n"
    "put(table.concat({1, 2, 3}, ',', 2, 3)) put(table.concat({1, 2, 3}, ',', 3, 2))\n"
    "put((pcall(table.concat, {1, {}, 3}))) put((pcall(table.concat, {1, 2}, ',', 1, 3)))\n"
    "put(table.unpack({1, 2, 3})) put(table.unpack({1, 2, 3}, 2)) put(table.unpack({1, 2, 3}, 2, 5))\n"
    "put(table.unpack({}, 3, 1)) put(pcall(table.unpack, {}, 1, 1e8)) put(select('#', table.unpack({}, 1, 3)))\n"
    "local p = setmetatable({}, {__index = function(_, k) return k * 10 end, __len = function() return 4 end})\n"
    "put(table.concat(p, ',')) put(table.unpack(p)) put(table.unpack(p, 3))\n"
    "local s = {5, 3, 9, 1, 7, 2, 8, 6, 4, 0} table.sort(s) put(table.concat(s, ','))\n"
    "table.sort(s, function(a, b) return a > b end) put(table.concat(s, ','))\n"
    "local w = {'pear', 'apple', 'fig', 'kiwi'} table.sort(w) put(table.concat(w, ','))\n"
    "table.sort(w, function(a, b) return #a < #b or (#a == #b and a < b) end) put(table.concat(w, ','))\n"
    "local big = {} for i = 1, 1000 do big[i] = (i * 7919) % 1009 end table.sort(big)\n"
    "local ok = true for i = 2, 1000 do ok = ok and big[i - 1] <= big[i] end put(ok, big[1], big[1000])\n"
    "put(pcall(table.sort, {1, 'x', 2})) put(pcall(table.sort, {3, 2, 1}, 5)) table.sort({}) table.sort({1})\n"
    "return table.concat(out, '\\n')\n";

/* Runs code in a stock Lua state; returns a malloc'd copy of its result. */
static char *stock_results(const char *code, lua_CFunction *stock_find)
{
    lua_State *L = luaL_newstate();
    char *copy = NULL;
    assert_non_null(L);
    luaL_openlibs(L);
    lua_getglobal(L, "string");
    lua_getfield(L, -1, "find");
    *stock_find = lua_tocfunction(L, -1);
    lua_pop(L, 2);
    if (luaL_loadstring(L, code) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK)
        fail_msg("stock Lua: %s", lua_tostring(L, -1));
    copy = strdup(lua_tostring(L, -1));
    lua_close(L);
    assert_non_null(copy);
    return copy;
}

/* Runs code in the sandbox and in stock Lua and fails where the results
 * differ; returns the sandbox's result (malloc'd). */
static char *same_as_stock(LuaHost *h, const char *code)
{
    lua_State *L = lua_host_state(h);
    lua_CFunction stock_find = NULL;
    char *want = stock_results(code, &stock_find);
    char *copy = NULL;
    const char *got = NULL;
    size_t got_len = 0;
    Err err;
    int top = lua_gettop(L);
    double t0 = 0;
    err_clear(&err);
    assert_int_equal(lua_host_new_env(h, &err), 0);
    /* the sandbox's string.find is the counting one, not Lua's */
    lua_getfield(L, -1, "string");
    lua_getfield(L, -1, "find");
    assert_true(lua_tocfunction(L, -1) != NULL);
    assert_true(lua_tocfunction(L, -1) != stock_find);
    lua_pop(L, 2);
    assert_int_equal(luaL_loadstring(L, code), LUA_OK);
    lua_pushvalue(L, -2);
    assert_non_null(lua_setupvalue(L, -2, 1));
    /* ordinary cases are quick: under 1 s of CPU time, with the time limit
     * far away so that a busy machine does not stop them (the instruction
     * budget still counts) */
    lua_host_set_limits(h, 60000, 0);
    t0 = cpu_s();
    if (lua_host_pcall(h, 0, 1, &err) != 0)
        fail_msg("sandbox: %s", err.msg);
    if (getenv("TEST_LUA_VERBOSE"))
        fprintf(stderr, "ordinary cases: %.3f s CPU\n", cpu_s() - t0);
    if (cpu_s() - t0 >= 1.0)
        fail_msg("ordinary cases took %.2f s of CPU time", cpu_s() - t0);
    lua_host_set_limits(h, 0, 0);
    got = lua_tolstring(L, -1, &got_len);
    assert_non_null(got);
    assert_int_equal(strlen(got), got_len); /* no NUL cuts the comparison short */
    if (strcmp(got, want) != 0) {
        const char *a = got, *b = want;
        while (*a && *a == *b)
            a++, b++;
        fail_msg("differs from stock Lua at byte %d: got '%.80s' want '%.80s'", (int)(a - got),
                 a, b);
    }
    copy = strdup(got);
    assert_non_null(copy);
    lua_settop(L, top);
    free(want);
    return copy;
}

static void test_pattern_same_as_stock(void **state)
{
    char *got = same_as_stock(*state, pattern_cases);
    /* spot checks: the comparison is not vacuous */
    assert_non_null(strstr(got, "1[string:\"ab cd ab cd"));
    assert_non_null(strstr(got, "2[number:\"1\",number:\"12000\"]"));
    assert_non_null(strstr(got, "1[string:\"(a(b)c)\"]"));
    assert_non_null(strstr(got, "2[number:\"1200\",string:\"word/nil word/nil"));
    assert_non_null(strstr(got, " a a \",number:\"1250\"]"));
    assert_non_null(strstr(got, "invalid capture index %2"));
    free(got);
}

static void test_more_same_as_stock(void **state)
{
    char *got = same_as_stock(*state, more_cases);
    assert_non_null(strstr(got, "1[string:\"0,1,m,2,3,4\"]"));
    assert_non_null(strstr(got, "position out of bounds"));
    assert_non_null(strstr(got, "1[string:\"0,1,2,3,4,5,6,7,8,9\"]"));
    assert_non_null(strstr(got, "pattern too complex"));
    assert_non_null(strstr(got, "1[string:\"ab,ab,ab\"]"));
    free(got);
}

/* ---- broken declarations ------------------------------------------------ */

static void test_broken(void **state)
{
    LuaHost *h = *state;
    Err err;
    expect_load_fail(h, SCENES "broken_unknown_field", 3, "unknown field 'colour'");
    expect_load_fail(h, SCENES "broken_bad_color", 2, "field 'color' must be \"#rrggbb\"");
    expect_load_fail(h, SCENES "broken_unknown_cast", 5, "unknown cast 'mads'");
    expect_load_fail(h, SCENES "broken_dup_beat", 5, "beat 'a' is declared twice");
    expect_load_fail(h, SCENES "broken_one_option", 4, "needs 2 to 9 options, got 1");
    expect_load_fail(h, SCENES "broken_ten_options", 4, "needs 2 to 9 options, got 10");
    expect_load_fail(h, SCENES "broken_no_scenario", 1, "scenario { ... } must come first");
    expect_load_fail(h, SCENES "broken_utf8", 4, "say: text (en) is not valid UTF-8");
    expect_load_fail(h, SCENES "broken_long_text", 4, "narrate: text is longer than 2000 bytes");
    expect_load_fail(h, SCENES "broken_bad_id", 3, "beat id 'a b' is not a valid id");
    err_clear(&err);
    assert_null(lua_story_load(h, SCENES "broken_empty", &err));
    assert_string_equal(err.msg, SCENES "broken_empty/scenario.lua: no scenario { ... } declaration");
    assert_null(lua_story_load(h, SCENES "does_not_exist", &err));
    assert_int_equal(err.code, ERR_IO);
}

/* ---- syntax errors in story terms ---------------------------------------- */

/* Compiles chunk with stock Lua and returns lua_syntax_hint()'s message, or
 * Lua's own when there is no hint. */
static const char *hint_for(const char *chunk, char *out, size_t size)
{
    lua_State *L = luaL_newstate();
    const char *msg = NULL;
    assert_non_null(L);
    assert_int_equal(luaL_loadbufferx(L, chunk, strlen(chunk), "@t.lua", "t"), LUA_ERRSYNTAX);
    msg = lua_tostring(L, -1);
    if (!lua_syntax_hint(chunk, strlen(chunk), msg, out, size))
        snprintf(out, size, "%s", msg);
    lua_close(L);
    return out;
}

static void test_syntax_hints(void **state)
{
    static const struct {
        const char *chunk;
        const char *want;
    } cases[] = {
        {"beat \"a\" {\n  say(\"x\", \"Hi\")\n  say(\"y\", \"Ho\"),\n}\n",
         "t.lua:2: missing comma after the step on line 2?"},
        {"beat \"a\" {\n  narrate \"x\"\n  narrate \"y\",\n}\n",
         "t.lua:2: missing comma after the step on line 2?"},
        {"x = { da = \"Hej\" en = \"Hi\" }\n", "t.lua:1: missing comma after field `da` on line 1?"},
        {"c = choice {\n  option { to = \"a\" }\n  option { to = \"b\" } }\n",
         "t.lua:2: missing comma after the option on line 2?"},
        {"beat \"a\" {\n  say(\"x\", \"Hi\"),\n\nbeat \"b\" { }\n",
         "t.lua:2: missing `}` to close beat 'a' from line 1? (the next declaration starts on "
         "line 4)"},
        {"beat \"a\" {\n  say(\"x\", \"Hi\"),\n", "t.lua:2: missing `}` to close beat 'a' from line 1?"},
        {"f = function(v) if v.x return true end return false end\n",
         "t.lua:1: missing `then` after the `if` condition on line 1?"},
        {"while true\n  x = 1\nend\n", "t.lua:1: missing `do` after the `while` condition on line 1?"},
        {"o = option { when = function(v) return v.x },\n  to = \"a\" }\n",
         "t.lua:1: missing `end` to close the function from line 1?"},
        {"say(\"x\", \"Hi)\n", "t.lua:1: missing closing quote: the text \"Hi) runs to the end of the line"},
        /* comments and strings do not confuse the tokenizer; the rest keeps Lua's message */
        {"-- a { comment\nx = { [[ } ]], \"}\" \"y\" }\n", "t.lua:2: missing comma after `\"}\"` on line 2?"},
        {"x = = 1\n", "t.lua:1: unexpected symbol near '='"},
    };
    char out[1024];
    size_t i = 0;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hint_for(cases[i].chunk, out, sizeof out);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("case %d: expected '%s', got '%s'", (int)i, cases[i].want, out);
    }
    /* not a syntax message at all */
    assert_int_equal(lua_syntax_hint("x", 1, "no place here", out, sizeof out), 0);
}

typedef struct Names {
    char text[256];
} Names;

static void add_name(void *ud, const char *name, size_t n, int line)
{
    Names *nm = ud;
    size_t len = strlen(nm->text);
    snprintf(nm->text + len, sizeof nm->text - len, "%.*s@%d ", (int)n, name, line);
}

static void test_syntax_fields(void **state)
{
    static const char chunk[] = "when = function(v, seen)\n"
                                "  return v.a and v[\"b\"] or seen.c > 0 -- v.comment\n"
                                "    and x.v.d and \"v.str\" and v:e()\n"
                                "end\n"
                                "other = v.f\n";
    Names nm;
    (void)state;
    memset(&nm, 0, sizeof nm);
    assert_int_equal(lua_syntax_fields(chunk, strlen(chunk), 1, 4, "v", add_name, &nm), 2);
    assert_string_equal(nm.text, "a@2 b@2 ");
    memset(&nm, 0, sizeof nm);
    assert_int_equal(lua_syntax_fields(chunk, strlen(chunk), 1, 4, "seen", add_name, &nm), 1);
    assert_string_equal(nm.text, "c@2 ");
}

typedef struct Findings {
    int errors;
    char first[512];
} Findings;

static void collect_finding(void *ud, int is_error, const char *msg)
{
    Findings *f = ud;
    if (is_error && f->errors++ == 0)
        snprintf(f->first, sizeof f->first, "%s", msg);
}

/* lua_story_load_all goes on after a mistake that leaves the scenario
 * usable; lua_story_load stops at it. */
static void test_load_all(void **state)
{
    LuaHost *h = *state;
    Findings f;
    Err err;
    Scenario *sc = NULL;
    int n = 0;
    memset(&f, 0, sizeof f);
    err_clear(&err);
    sc = lua_story_load_all(h, SPECTACTOR_ROOT "/tests/data/check/var_effect", collect_finding, &f,
                            &n, &err);
    assert_non_null(sc);
    assert_int_equal(n, 2);
    assert_int_equal(f.errors, 2);
    assert_non_null(strstr(f.first, "var_effect/scenario.lua:17: option: set: variable 'chekced' "
                                    "is not declared in scenario { vars = ... } (did you mean "
                                    "`checked`?)"));
    lua_story_release(h, sc);
    scenario_free(sc);
    assert_null(lua_story_load(h, SPECTACTOR_ROOT "/tests/data/check/var_effect", &err));
    assert_non_null(strstr(err.msg, "scenario.lua:17: option: set: variable 'chekced'"));
    /* every unknown beat, not only the first */
    memset(&f, 0, sizeof f);
    assert_null(lua_story_load_all(h, SPECTACTOR_ROOT "/tests/data/check/beat_typo", collect_finding,
                                   &f, &n, &err));
    assert_true(n >= 1);
    assert_non_null(strstr(f.first, "unknown beat 'tow' (did you mean `two`?)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_host_sandbox, setup, teardown),
        cmocka_unit_test_setup_teardown(test_basic_graph, setup, teardown),
        cmocka_unit_test_setup_teardown(test_basic_conditions_effects, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_runtime, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_fifo, setup, teardown),
        cmocka_unit_test_setup_teardown(test_declaration_memory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_budget, setup, teardown),
        cmocka_unit_test_setup_teardown(test_xpcall_handler, setup, teardown),
        cmocka_unit_test(test_watchdog_last_resort),
        cmocka_unit_test(test_watchdog_not_busy_machine),
        cmocka_unit_test_setup_teardown(test_pattern_same_as_stock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_more_same_as_stock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken, setup, teardown),
        cmocka_unit_test(test_syntax_hints),
        cmocka_unit_test(test_syntax_fields),
        cmocka_unit_test_setup_teardown(test_load_all, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
