/* story_strings.h - stable text ids, translation files (gettext PO and CSV)
 * and applying translations over a loaded Scenario.
 *
 * Every text of a scenario has an id derived from where it is declared:
 *   title, subtitle, content_note, stop_question, notes, help.title,
 *   help.N.name, help.N.text, advice.N, cast.ID.name, cast.ID.role,
 *   BEAT.title, BEAT.place, BEAT.time, BEAT.notes, BEAT.N (the N-th step,
 *   from 1), BEAT.prompt, BEAT.optN, BEAT.optN.reason, BEAT.ending.
 * An id stays the same while the beat keeps its id and the step its place.
 *
 * A translation file holds, per id, the source text it was made from (the
 * PO msgid: the scenario's first language) and the translation (msgstr).
 * The translations of a scenario live beside it as DIR/strings.LANG.po;
 * story_strings_apply_dir() reads them after the scenario is loaded and
 * overrides the texts of that language where the source text is unchanged.
 * An entry whose source text changed since (stale), that is marked fuzzy,
 * or whose id no longer exists is reported and not applied.
 */
#ifndef STORY_STORY_STRINGS_H
#define STORY_STORY_STRINGS_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"
#include "story/scenario.h"
#include "story/validate.h"

#define STORY_STRINGS_MAX_ID 160
#define STORY_STRINGS_FILE_MAX (4 * 1024 * 1024) /* bytes of a translation file */

/* Called once per text: its id, the text (writable: the scenario's own) and
 * where it was declared.  Return non-zero to stop. */
typedef int (*StoryTextVisit)(void *ud, const char *id, StoryText *text, StorySrc src);

/* Visits every text of sc in declaration order (scenario, cast, help,
 * advice, then beat by beat).  Returns the visitor's non-zero value, or 0. */
int story_strings_each(Scenario *sc, StoryTextVisit fn, void *ud);

typedef struct StoryPoEntry {
    char *id;     /* msgctxt */
    char *where;  /* "path:line" reference comment, may be NULL */
    char *source; /* msgid: the text in the source language */
    char *text;   /* msgstr: the translation, "" when not yet translated */
    char *old_source; /* "#| msgid": the source it was translated from, or NULL */
    int fuzzy;    /* "#, fuzzy": needs review, not applied */
} StoryPoEntry;

typedef struct StoryPo {
    char *lang;        /* "en" (the Language header) */
    char *source_lang; /* "da" (the X-Source-Language header) */
    StoryPoEntry *e;
    int n, cap;
} StoryPo;

/* An empty catalogue for lang translated from source_lang; NULL on OOM. */
StoryPo *story_po_new(const char *lang, const char *source_lang);
void story_po_free(StoryPo *po);
/* Appends an entry (strings copied; where and old_source may be NULL).
 * 0 or ERR_NOMEM. */
int story_po_add(StoryPo *po, const char *id, const char *where, const char *source,
                 const char *text, const char *old_source, int fuzzy);
/* The entry with this id, or NULL. */
const StoryPoEntry *story_po_find(const StoryPo *po, const char *id);

/* Writes po in gettext PO format (UTF-8, one msgctxt per entry). */
int story_po_write(const StoryPo *po, Buf *out);
/* Parses PO text (name is used in messages: "name:line: message").  Returns
 * the catalogue or NULL with err set (ERR_INVALID on a syntax error). */
StoryPo *story_po_parse(const char *data, size_t len, const char *name, Err *err);

/* CSV with a header "id,SRC,LANG1,LANG2..." and one row per text; all the
 * catalogues must share the source language and the ids, in order. */
int story_csv_write(StoryPo *const *pos, int n, Buf *out);
/* Parses such a CSV into one catalogue per target column (at most
 * STORY_MAX_LANGS); *n_out receives how many.  0 or ERR_INVALID. */
int story_csv_parse(const char *data, size_t len, const char *name, StoryPo **out, int *n_out,
                    Err *err);

/* Reads a whole file (at most STORY_STRINGS_FILE_MAX bytes) into a
 * NUL-terminated buffer the caller frees.  NULL with err set. */
char *story_strings_read_file(const char *path, size_t *len, Err *err);

/* The catalogue of sc's texts for language lang (translated from sc's
 * first language); existing, when not NULL, is the previous catalogue of
 * that language: its stale entries come back as fuzzy with the old source,
 * so a translator sees what changed.  NULL on OOM. */
StoryPo *story_strings_catalogue(Scenario *sc, const char *lang, const StoryPo *existing);

/* Applies po over sc: for every entry whose id exists and whose source is
 * the current text in po->source_lang, sets the text in po->lang (adding
 * that language to sc when it is new and there is room).  Stale, fuzzy and
 * unknown entries are reported through fn (warnings; fn may be NULL) and
 * skipped.  Returns the number applied, or a negative code (err set). */
int story_strings_apply(Scenario *sc, const StoryPo *po, const char *name, ValidateReport fn,
                        void *ud, Err *err);

/* Reads every DIR/strings.LANG.po and applies it (above).  Returns the
 * number of translations applied (0 when there is no file), or a negative
 * code with err set for an unreadable or malformed file. */
int story_strings_apply_dir(Scenario *sc, const char *dir, ValidateReport fn, void *ud, Err *err);

/* `spectactor strings --export`: sc's texts for langs "SOURCE,LANG[,LANG...]"
 * (SOURCE is the scenario's first language) as file's kind (.po: one target
 * language; .csv: one column per target) appended to out; translators'
 * earlier work in DIR/strings.LANG.po is kept.  Returns the number of texts,
 * or ERR_INVALID (the languages do not fit; err says how) or ERR_NOMEM. */
int story_strings_export(Scenario *sc, const char *dir, const char *langs, const char *file,
                         Buf *out, Err *err);
/* `spectactor strings --import`: each language of file (.po or .csv) is
 * checked against sc (findings to fn) and stored as DIR/strings.LANG.po;
 * said gets a line per stored file.  0, or a negative code with err set. */
int story_strings_import(Scenario *sc, const char *dir, const char *file, ValidateReport fn,
                         void *ud, Buf *said, Err *err);

#endif
