/* cmd_script.c - `spectactor script DIR [--lang L] --out FILE.html [--role ID]`:
 * writes the printable manuscript of a scenario (story/story_script.c), or
 * with --role one actor's sides.  Translations in DIR/strings.LANG.po are
 * applied first, as on screen. */
#include "app/commands.h"
#include "core/suggest.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "story/story_script.h"
#include "story/story_strings.h"

#include <stdio.h>
#include <string.h>

/* Writes the manuscript to --out; 0 ok, 1 failure, 2 usage. */
int cmd_script(int argc, char **argv)
{
    const char *dir = NULL, *lang = NULL, *out_path = NULL, *role_id = NULL;
    Err err;
    LuaHost *h = NULL;
    Scenario *sc = NULL;
    Buf out = BUF_INIT;
    int i = 0, rc = 1, l = 0, role = -1;
    err_clear(&err);
    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out_path = argv[++i];
        else if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
            role_id = argv[++i];
        else if (argv[i][0] != '-' && !dir)
            dir = argv[i];
        else
            dir = NULL, i = argc;
    }
    if (!dir || !out_path) {
        fprintf(stderr, "usage: spectactor script DIR [--lang CODE] --out FILE.html [--role ID]\n");
        return 2;
    }
    h = lua_host_new(&err);
    sc = h ? lua_story_load_translated(h, dir, &err) : NULL;
    if (!sc) {
        fprintf(stderr, "spectactor script: %s\n", err.msg);
        goto done;
    }
    l = lang ? scenario_lang_index(sc, lang) : 0;
    if (l < 0) {
        fprintf(stderr, "spectactor script: the scenario has no language '%s'\n", lang);
        goto done;
    }
    if (role_id) {
        role = scenario_cast_index(sc, role_id);
        if (role < 0) {
            const char *ids[STORY_MAX_CAST];
            char hint[SUGGEST_HINT_MAX];
            int k = 0;
            for (k = 0; k < sc->n_cast && k < STORY_MAX_CAST; k++)
                ids[k] = sc->cast[k].id;
            fprintf(stderr, "spectactor script: no cast member '%s'%s\n", role_id,
                    suggest_hint(role_id, ids, k, hint, sizeof hint));
            goto done;
        }
    }
    if (story_script_html(sc, l, role, &out) < 0) {
        fprintf(stderr, "spectactor script: out of memory\n");
        goto done;
    }
    if (buf_write_file(&out, out_path, &err) < 0) {
        fprintf(stderr, "spectactor script: %s\n", err.msg);
        goto done;
    }
    rc = 0;
done:
    buf_free(&out);
    lua_story_release(h, sc);
    scenario_free(sc);
    lua_host_free(h);
    return rc;
}
