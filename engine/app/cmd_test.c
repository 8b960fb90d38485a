/* cmd_test.c - `spectactor test DIR...`: walks every path of a scenario.
 *
 * Loads the scenario as `play` does, explores it with story/story_explore.c
 * (every option of every choice, the conditions and effects run on the
 * variables actually reached) and prints, like `check`, one finding per line
 * as `path:line: error|warning: message`, then one line per ending with the
 * number of paths that reach it and a summary line.  Exit 1 when there is an
 * error: a condition or effect that fails, a path from which no ending can
 * be reached, an ending never reached.
 */
#include "app/commands.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "story/story_explore.h"
#include "story/story_strings.h"

#include <stdio.h>
#include <string.h>

/* Conditions run under tighter limits than in a show, so a slow one is
 * found quickly and the walk stays fast. */
#define TEST_TIME_MS 250
#define TEST_INSTRUCTIONS 25000000L

/* Tests one scenario folder; 1 when it has errors. */
static int test_dir(const char *dir)
{
    Err err;
    LuaHost *h = NULL;
    Scenario *sc = NULL;
    StoryExploreResult *r = NULL;
    Buf out = BUF_INIT;
    int failed = 1;
    err_clear(&err);
    h = lua_host_new(&err);
    if (!h) {
        fprintf(stderr, "spectactor test: %s\n", err.msg);
        return 1;
    }
    sc = lua_story_load_translated(h, dir, &err);
    if (!sc) {
        size_t at = scenario_where_len(err.msg);
        if (at > 2)
            printf("%.*s: error: %s\n", (int)(at - 2), err.msg, err.msg + at);
        else
            printf("%s/scenario.lua: error: %s\n", dir, err.msg);
        goto done;
    }
    lua_host_set_limits(h, TEST_TIME_MS, TEST_INSTRUCTIONS);
    r = story_explore(sc, lua_story_hooks(h), NULL, &err);
    if (!r) {
        fprintf(stderr, "spectactor test: %s: %s\n", dir, err.msg);
        goto done;
    }
    failed = story_explore_report(sc, dir, r, &out) > 0;
    fputs(buf_str(&out), stdout);
done:
    buf_free(&out);
    story_explore_free(r);
    lua_story_release(h, sc);
    scenario_free(sc);
    lua_host_free(h);
    return failed;
}

/* Tests each DIR in turn; 1 when any has an error, 2 without a DIR. */
int cmd_test(int argc, char **argv)
{
    int i = 0, failed = 0;
    if (argc < 1 || argv[0][0] == '-') {
        fprintf(stderr, "usage: spectactor test DIR...\n");
        return 2;
    }
    for (i = 0; i < argc; i++)
        failed |= test_dir(argv[i]);
    return failed ? 1 : 0;
}
