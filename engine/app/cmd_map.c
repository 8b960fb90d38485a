/* cmd_map.c - `spectactor map DIR [--lang L] --out FILE.svg`: the story map
 * of a scenario as an SVG drawing (story/story_map_svg.c), for authors. */
#include "app/commands.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "story/story_map_svg.h"
#include "story/story_strings.h"

#include <stdio.h>
#include <string.h>

/* Writes the map to --out; 0 ok, 1 failure, 2 usage. */
int cmd_map(int argc, char **argv)
{
    const char *dir = NULL, *lang = NULL, *out_path = NULL;
    Err err;
    LuaHost *h = NULL;
    Scenario *sc = NULL;
    Buf out = BUF_INIT;
    int i = 0, rc = 1, l = 0;
    err_clear(&err);
    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang = argv[++i];
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out_path = argv[++i];
        else if (argv[i][0] != '-' && !dir)
            dir = argv[i];
        else
            dir = NULL, i = argc;
    }
    if (!dir || !out_path) {
        fprintf(stderr, "usage: spectactor map DIR [--lang CODE] --out FILE.svg\n");
        return 2;
    }
    h = lua_host_new(&err);
    sc = h ? lua_story_load_translated(h, dir, &err) : NULL;
    if (!sc) {
        fprintf(stderr, "spectactor map: %s\n", err.msg);
        goto done;
    }
    l = lang ? scenario_lang_index(sc, lang) : 0;
    if (l < 0) {
        fprintf(stderr, "spectactor map: the scenario has no language '%s'\n", lang);
        goto done;
    }
    if (story_map_svg(sc, l, &out) < 0) {
        fprintf(stderr, "spectactor map: out of memory\n");
        goto done;
    }
    if (buf_write_file(&out, out_path, &err) < 0) {
        fprintf(stderr, "spectactor map: %s\n", err.msg);
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
