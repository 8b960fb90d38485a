/* check.c - `spectactor check DIR...`: validates scenarios for authors.
 *
 * Prints one finding per line as `path:line: error|warning: message` and
 * exits 1 when any scenario has an error.  Three passes per scenario: the
 * Lua load (syntax, runtime and declaration errors, sandbox limits; it goes
 * on after a mistake where it can, and when it stops early the folder's
 * other files are still compiled, so one run shows as much as possible), the pure
 * graph and text checks of story/validate.c, and whether every text fits its
 * box on a 1280x720 frame (measured with the real fonts, headless).
 */
#include "app/commands.h"
#include "compat/compat.h"
#include "app/paths.h"
#include "views/views.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "render/render_sdl.h"
#include "story/story_strings.h"
#include "story/validate.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define CHECK_W 1280
#define CHECK_H 720
#define CHECK_SLOW_MS 5.0 /* a condition running longer gets a warning */

typedef struct Check {
    const Scenario *sc;
    const char *dir;
    int errors;
    int warnings;
} Check;

static void report(void *ud, StorySrc src, int is_error, const char *msg)
{
    Check *c = ud;
    char where[512];
    printf("%s: %s: %s\n", scenario_where(c->sc, src, where, sizeof where),
           is_error ? "error" : "warning", msg);
    if (is_error)
        c->errors++;
    else
        c->warnings++;
}

/* A load error already reads "path:line: message"; insert the severity. */
static void print_load_error(const char *dir, const char *msg)
{
    size_t at = scenario_where_len(msg);
    if (at > 2)
        printf("%.*s: error: %s\n", (int)(at - 2), msg, msg + at);
    else
        printf("%s/scenario.lua: error: %s\n", dir, msg);
}

/* lua_story_load_all's findings: "path:line: message" with the severity. */
static void report_load(void *ud, int is_error, const char *msg)
{
    Check *c = ud;
    size_t at = scenario_where_len(msg);
    const char *sev = is_error ? "error" : "warning";
    if (at > 2)
        printf("%.*s: %s: %s\n", (int)(at - 2), msg, sev, msg + at);
    else
        printf("%s/scenario.lua: %s: %s\n", c->dir, sev, msg);
    if (!is_error)
        c->warnings++;
}

/* After a load that stopped early, compiles the folder's other .lua files
 * so that a syntax error in each of them shows in the same run (their
 * declarations are not run: they may depend on the ones that failed).
 * Returns the number of files with errors. */
static int check_other_files(const char *dir, LuaHost *h, const char *failed_msg)
{
    DIR *d = opendir(dir);
    struct dirent *ent = NULL;
    char path[1100];
    Err err;
    int errors = 0;
    err_clear(&err);
    if (!d)
        return 0;
    while ((ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        size_t plen = 0;
        if (len < 5 || strcmp(ent->d_name + len - 4, ".lua") != 0 || ent->d_name[0] == '.')
            continue;
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, ent->d_name) >= sizeof path)
            continue;
        plen = strlen(path);
        if (strncmp(failed_msg, path, plen) == 0 && failed_msg[plen] == ':')
            continue; /* reported already */
        err_clear(&err);
        if (lua_story_compile(h, path, &err) == ERR_SCRIPT) {
            print_load_error(dir, err.msg);
            errors++;
        }
    }
    closedir(d);
    return errors;
}

int cmd_check(int argc, char **argv)
{
    int i = 0, failed = 0;
    Gfx *gfx = NULL;
    Err err;
    char fonts[1100];
    if (argc < 1) {
        fprintf(stderr, "usage: spectactor check DIR...\n");
        return 2;
    }
    err_clear(&err);
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", app_data_dir());
    gfx = gfx_new_offscreen(CHECK_W, CHECK_H, fonts, &err);
    if (!gfx)
        fprintf(stderr, "spectactor check: cannot measure text (%s); skipping the fit check\n",
                err.msg);
    for (i = 0; i < argc; i++) {
        LuaHost *h = lua_host_new(&err);
        Scenario *sc = NULL;
        Check c;
        int n_load = 0;
        memset(&c, 0, sizeof c);
        if (!h) {
            fprintf(stderr, "spectactor check: %s\n", err.msg);
            failed = 1;
            continue;
        }
        c.dir = argv[i];
        sc = lua_story_load_all(h, argv[i], report_load, &c, &n_load, &err);
        if (!sc) {
            n_load += check_other_files(argv[i], h, err.msg);
            fprintf(stderr, "%s: %d error%s (the scenario did not load)\n", argv[i], n_load,
                    n_load == 1 ? "" : "s");
            failed = 1;
            lua_host_free(h);
            continue;
        }
        c.sc = sc;
        c.errors += n_load;
        if (story_strings_apply_dir(sc, argv[i], report, &c, &err) < 0) {
            print_load_error(argv[i], err.msg);
            c.errors++;
        }
        story_validate(sc, report, &c); /* counted by report() */
        c.errors += lua_story_check_conditions(h, sc, CHECK_SLOW_MS, report, report_load, &c);
        if (gfx)
            views_check_fit(gfx, sc, report, &c);
        if (c.errors > 0)
            failed = 1;
        fprintf(stderr, "%s: %d error%s, %d warning%s\n", argv[i], c.errors,
                c.errors == 1 ? "" : "s", c.warnings, c.warnings == 1 ? "" : "s");
        lua_story_release(h, sc);
        scenario_free(sc);
        lua_host_free(h);
    }
    gfx_free_offscreen(gfx);
    return failed ? 1 : 0;
}
