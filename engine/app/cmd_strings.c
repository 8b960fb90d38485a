/* cmd_strings.c - `spectactor strings DIR ...`: the translation workflow.
 *
 *   spectactor strings DIR                       lists every text id and its text
 *   spectactor strings DIR --export da,en FILE   writes FILE.po (one target) or
 *                                                FILE.csv (one column per target)
 *   spectactor strings DIR --import FILE         checks FILE (.po or .csv) against
 *                                                the scenario and stores it as
 *                                                DIR/strings.LANG.po
 *
 * The loaders of the other commands apply DIR/strings.LANG.po over the
 * loaded scenario (story_strings_apply_dir), and `check` warns about stale
 * and unknown entries.  The first language of an export must be the
 * scenario's first language: it is the source text a translation is made
 * from.
 */
#include "app/commands.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "story/story_strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Counts {
    const Scenario *sc;
    int warnings;
} Counts;

static void report(void *ud, StorySrc src, int is_error, const char *msg)
{
    Counts *c = ud;
    char where[512];
    printf("%s: %s: %s\n", scenario_where(c->sc, src, where, sizeof where),
           is_error ? "error" : "warning", msg);
    c->warnings++;
}

static int list_texts(void *ud, const char *id, StoryText *t, StorySrc src)
{
    const Scenario *sc = ud;
    int l = 0;
    (void)src;
    for (l = 0; l < sc->n_langs; l++)
        if (t->s[l] && t->s[l][0])
            break;
    if (l == sc->n_langs)
        return 0;
    printf("%s", id);
    for (l = 0; l < sc->n_langs; l++) {
        const char *p = t->s[l] ? t->s[l] : "";
        printf("\t%s: ", sc->langs[l]);
        for (; *p; p++) {
            if (*p == '\n')
                fputs("\\n", stdout);
            else
                putchar(*p);
        }
    }
    printf("\n");
    return 0;
}

static int do_export(Scenario *sc, const char *dir, const char *langs, const char *file)
{
    Err err;
    Buf out = BUF_INIT;
    int n = 0;
    err_clear(&err);
    n = story_strings_export(sc, dir, langs, file, &out, &err);
    if (n >= 0 && buf_write_file(&out, file, &err) == 0)
        fprintf(stderr, "%s: %d texts\n", file, n);
    else
        fprintf(stderr, "spectactor strings: %s\n", err.msg);
    buf_free(&out);
    return n < 0 ? (n == ERR_INVALID ? 2 : 1) : err.code ? 1 : 0;
}

static int do_import(Scenario *sc, const char *dir, const char *file)
{
    Err err;
    Buf said = BUF_INIT;
    Counts c;
    int rc = 0;
    err_clear(&err);
    memset(&c, 0, sizeof c);
    c.sc = sc;
    rc = story_strings_import(sc, dir, file, report, &c, &said, &err);
    fputs(buf_str(&said), stdout);
    buf_free(&said);
    if (rc < 0)
        fprintf(stderr, "spectactor strings: %s\n", err.msg);
    return rc < 0 ? 1 : 0;
}

/* Lists, exports or imports (see the file header); 0 ok, 1 failure, 2 usage. */
int cmd_strings(int argc, char **argv)
{
    Err err;
    LuaHost *h = NULL;
    Scenario *sc = NULL;
    const char *dir = argc > 0 ? argv[0] : NULL;
    int rc = 1;
    err_clear(&err);
    if (!dir || dir[0] == '-' ||
        !(argc == 1 || (argc == 4 && strcmp(argv[1], "--export") == 0) ||
          (argc == 3 && strcmp(argv[1], "--import") == 0))) {
        fprintf(stderr, "usage: spectactor strings DIR [--export SOURCE,LANG... FILE.po|FILE.csv | "
                        "--import FILE.po|FILE.csv]\n");
        return 2;
    }
    h = lua_host_new(&err);
    sc = h ? lua_story_load(h, dir, &err) : NULL;
    if (!sc) {
        fprintf(stderr, "spectactor strings: %s\n", err.msg);
        goto done;
    }
    if (argc == 3) { /* the import is checked against the Lua texts alone */
        rc = do_import(sc, dir, argv[2]);
        goto done;
    }
    if (story_strings_apply_dir(sc, dir, NULL, NULL, &err) < 0) {
        fprintf(stderr, "spectactor strings: %s\n", err.msg);
        goto done;
    }
    if (argc == 1) {
        story_strings_each(sc, list_texts, sc);
        rc = 0;
    } else {
        rc = do_export(sc, dir, argv[2], argv[3]);
    }
done:
    lua_story_release(h, sc);
    scenario_free(sc);
    lua_host_free(h);
    return rc;
}
