/* story_strings_io.c - the translation workflow of `spectactor strings`:
 * exporting a scenario's texts for translators (PO: one target language;
 * CSV: one column per target) and importing a translated file, checked
 * against the scenario and stored as DIR/strings.LANG.po (see
 * story_strings.h). */
#include "story/story_strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
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

int story_strings_export(Scenario *sc, const char *dir, const char *langs, const char *file,
                         Buf *out, Err *err)
{
    char list[200];
    char *codes[STORY_MAX_LANGS + 1];
    StoryPo *pos[STORY_MAX_LANGS];
    int n = 0, k = 0, rc = 0;
    char *save = NULL, *tok = NULL;
    memset(pos, 0, sizeof pos);
    snprintf(list, sizeof list, "%s", langs);
    for (tok = strtok_r(list, ",", &save); tok && n <= STORY_MAX_LANGS;
         tok = strtok_r(NULL, ",", &save))
        codes[n++] = tok;
    if (n < 2 || n > STORY_MAX_LANGS)
        return err_set(err, ERR_INVALID, "--export takes SOURCE,LANG[,LANG...], e.g. da,en");
    if (strcmp(codes[0], sc->langs[0]) != 0)
        return err_set(err, ERR_INVALID, "the source language is the scenario's first, '%s'",
                       sc->langs[0]);
    if (ends_with(file, ".po") && n != 2)
        return err_set(err, ERR_INVALID,
                       "a PO file holds one language; export one file per "
                       "language or use a .csv");
    for (k = 1; k < n && rc == 0; k++) {
        StoryPo *old = existing_po(dir, codes[k]);
        pos[k - 1] = story_strings_catalogue(sc, codes[k], old);
        story_po_free(old);
        if (!pos[k - 1])
            rc = err_set(err, ERR_NOMEM, "out of memory");
    }
    if (rc == 0) {
        if (ends_with(file, ".csv"))
            story_csv_write(pos, n - 1, out);
        else
            story_po_write(pos[0], out);
        rc = out->oom ? err_set(err, ERR_NOMEM, "out of memory") : pos[0]->n;
    }
    for (k = 0; k < STORY_MAX_LANGS; k++)
        story_po_free(pos[k]);
    return rc;
}

/* Counts the findings it passes on. */
typedef struct Count {
    ValidateReport fn;
    void *ud;
    int n;
} Count;

static void count_report(void *ud, StorySrc src, int is_error, const char *msg)
{
    Count *c = ud;
    c->n++;
    if (c->fn)
        c->fn(c->ud, src, is_error, msg);
}

/* Checks one imported catalogue against sc and stores it in DIR. */
static int store_po(Scenario *sc, const char *dir, const StoryPo *po, const char *file,
                    ValidateReport report, void *ud, Buf *said, Err *err)
{
    StoryPo *norm = NULL;
    Buf out = BUF_INIT;
    char path[1200];
    int applied = 0, rc = 0;
    Count c;
    c.fn = report;
    c.ud = ud;
    c.n = 0;
    applied = story_strings_apply(sc, po, file, count_report, &c, err);
    if (applied < 0)
        return applied;
    norm = story_strings_catalogue(sc, po->lang, po);
    if (!norm || story_po_write(norm, &out) < 0) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
    } else {
        snprintf(path, sizeof path, "%s/strings.%s.po", dir, po->lang);
        rc = buf_write_file(&out, path, err);
        if (rc == 0)
            buf_printf(said, "%s: %d translation%s from %s, %d warning%s\n", path, applied,
                       applied == 1 ? "" : "s", file, c.n, c.n == 1 ? "" : "s");
    }
    story_po_free(norm);
    buf_free(&out);
    return rc;
}

int story_strings_import(Scenario *sc, const char *dir, const char *file, ValidateReport report,
                         void *ud, Buf *said, Err *err)
{
    size_t len = 0;
    char *data = NULL;
    StoryPo *pos[STORY_MAX_LANGS];
    int n = 0, k = 0, rc = 0;
    memset(pos, 0, sizeof pos);
    data = story_strings_read_file(file, &len, err);
    if (!data)
        return err->code ? err->code : ERR_IO;
    if (ends_with(file, ".csv")) {
        rc = story_csv_parse(data, len, file, pos, &n, err) < 0 ? ERR_INVALID : 0;
    } else {
        pos[0] = story_po_parse(data, len, file, err);
        n = pos[0] ? 1 : 0;
        rc = pos[0] ? 0 : ERR_INVALID;
    }
    free(data);
    for (k = 0; k < n && rc == 0; k++)
        rc = store_po(sc, dir, pos[k], file, report, ud, said, err);
    for (k = 0; k < n; k++)
        story_po_free(pos[k]);
    return rc;
}
