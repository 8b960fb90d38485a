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

typedef struct Loaded {
    LuaHost *h;
    Scenario *sc;
} Loaded;

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

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int write_file(const char *path, const Buf *b)
{
    FILE *f = fopen(path, "wb");
    int ok = 0;
    if (!f) {
        fprintf(stderr, "spectactor strings: cannot write %s\n", path);
        return 1;
    }
    ok = fwrite(buf_str(b), 1, b->len, f) == b->len;
    ok = (fclose(f) == 0) && ok;
    if (!ok)
        fprintf(stderr, "spectactor strings: cannot write %s\n", path);
    return ok ? 0 : 1;
}

/* The previous catalogue of lang in DIR, or NULL. */
static StoryPo *existing_po(const char *dir, const char *lang)
{
    char path[1200];
    size_t len = 0;
    char *data = NULL;
    StoryPo *po = NULL;
    snprintf(path, sizeof path, "%s/strings.%s.po", dir, lang);
    data = story_strings_read_file(path, &len, NULL);
    if (data)
        po = story_po_parse(data, len, path, NULL);
    free(data);
    return po;
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
    char list[200];
    char *codes[STORY_MAX_LANGS + 1];
    StoryPo *pos[STORY_MAX_LANGS];
    int n = 0, k = 0, rc = 1;
    char *save = NULL, *tok = NULL;
    Buf out = BUF_INIT;
    memset(pos, 0, sizeof pos);
    snprintf(list, sizeof list, "%s", langs);
    for (tok = strtok_r(list, ",", &save); tok && n <= STORY_MAX_LANGS; tok = strtok_r(NULL, ",", &save))
        codes[n++] = tok;
    if (n < 2 || n > STORY_MAX_LANGS) {
        fprintf(stderr, "spectactor strings: --export takes SOURCE,LANG[,LANG...], e.g. da,en\n");
        return 2;
    }
    if (strcmp(codes[0], sc->langs[0]) != 0) {
        fprintf(stderr, "spectactor strings: the source language is the scenario's first, '%s'\n",
                sc->langs[0]);
        return 2;
    }
    if (ends_with(file, ".po") && n != 2) {
        fprintf(stderr, "spectactor strings: a PO file holds one language; export one file per "
                        "language or use a .csv\n");
        return 2;
    }
    for (k = 1; k < n; k++) {
        StoryPo *old = existing_po(dir, codes[k]);
        pos[k - 1] = story_strings_catalogue(sc, codes[k], old);
        story_po_free(old);
        if (!pos[k - 1]) {
            fprintf(stderr, "spectactor strings: out of memory\n");
            goto done;
        }
    }
    if (ends_with(file, ".csv"))
        story_csv_write(pos, n - 1, &out);
    else
        story_po_write(pos[0], &out);
    if (out.oom) {
        fprintf(stderr, "spectactor strings: out of memory\n");
        goto done;
    }
    rc = write_file(file, &out);
    if (rc == 0)
        fprintf(stderr, "%s: %d texts\n", file, pos[0]->n);
done:
    for (k = 0; k < STORY_MAX_LANGS; k++)
        story_po_free(pos[k]);
    buf_free(&out);
    return rc;
}

/* Checks one imported catalogue against sc and stores it in DIR. */
static int store_po(Scenario *sc, const char *dir, const StoryPo *po, const char *file)
{
    Counts c;
    Err err;
    StoryPo *norm = NULL;
    Buf out = BUF_INIT;
    char path[1200];
    int applied = 0, rc = 1;
    memset(&c, 0, sizeof c);
    err_clear(&err);
    c.sc = sc;
    applied = story_strings_apply(sc, po, file, report, &c, &err);
    if (applied < 0) {
        fprintf(stderr, "spectactor strings: %s\n", err.msg);
        return 1;
    }
    norm = story_strings_catalogue(sc, po->lang, po);
    if (!norm || story_po_write(norm, &out) < 0) {
        fprintf(stderr, "spectactor strings: out of memory\n");
        goto done;
    }
    snprintf(path, sizeof path, "%s/strings.%s.po", dir, po->lang);
    rc = write_file(path, &out);
    if (rc == 0)
        printf("%s: %d translation%s from %s, %d warning%s\n", path, applied, applied == 1 ? "" : "s",
               file, c.warnings, c.warnings == 1 ? "" : "s");
done:
    story_po_free(norm);
    buf_free(&out);
    return rc;
}

static int do_import(Scenario *sc, const char *dir, const char *file)
{
    Err err;
    size_t len = 0;
    char *data = NULL;
    StoryPo *pos[STORY_MAX_LANGS];
    int n = 0, k = 0, rc = 0;
    memset(pos, 0, sizeof pos);
    err_clear(&err);
    data = story_strings_read_file(file, &len, &err);
    if (!data) {
        fprintf(stderr, "spectactor strings: %s\n", err.msg);
        return 1;
    }
    if (ends_with(file, ".csv")) {
        if (story_csv_parse(data, len, file, pos, &n, &err) < 0)
            rc = 1;
    } else {
        pos[0] = story_po_parse(data, len, file, &err);
        n = pos[0] ? 1 : 0;
        rc = pos[0] ? 0 : 1;
    }
    free(data);
    if (rc) {
        printf("%s\n", err.msg);
        return 1;
    }
    for (k = 0; k < n; k++)
        rc |= store_po(sc, dir, pos[k], file);
    for (k = 0; k < n; k++)
        story_po_free(pos[k]);
    return rc;
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
