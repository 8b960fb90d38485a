/* scenario.c - the scenario arena, linking of ids into indices, lookups and
 * text fallback.  The data model itself is plain structs (scenario.h). */
#include "story/scenario.h"

#include "core/log.h"

#include <assert.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks are chained newest first; an allocation larger than a block gets a
 * block of its own so the arena never wastes more than one block's tail. */
#define ARENA_BLOCK 16384
#define ARENA_ALIGN (alignof(max_align_t))

typedef struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used;
    size_t cap;
    alignas(max_align_t) unsigned char data[];
} ArenaBlock;

typedef struct ScenarioArena {
    ArenaBlock *head;
} ScenarioArena;

static ArenaBlock *arena_block_new(size_t cap)
{
    ArenaBlock *b = NULL;
    if (cap > SIZE_MAX - sizeof(ArenaBlock))
        return NULL;
    b = calloc(1, sizeof(ArenaBlock) + cap);
    if (!b)
        return NULL;
    b->cap = cap;
    return b;
}

/* Creates an empty scenario with its arena; NULL when out of memory. */
Scenario *scenario_new(void)
{
    Scenario *sc = calloc(1, sizeof(*sc));
    if (!sc)
        return NULL;
    sc->arena = calloc(1, sizeof(*sc->arena));
    if (!sc->arena) {
        free(sc);
        return NULL;
    }
    sc->start = -1;
    return sc;
}

/* Frees the scenario and every arena block; NULL is fine. */
void scenario_free(Scenario *sc)
{
    ArenaBlock *b = NULL;
    ArenaBlock *next = NULL;
    if (!sc)
        return;
    if (sc->arena) {
        for (b = sc->arena->head; b; b = next) {
            next = b->next;
            free(b);
        }
        free(sc->arena);
    }
    free(sc);
}

/* Zero-filled arena memory, aligned for any type, living until
 * scenario_free().  NULL on OOM or for a NULL scenario; size 0 gives a valid
 * unique pointer. */
void *scenario_alloc(Scenario *sc, size_t size)
{
    ScenarioArena *a = NULL;
    ArenaBlock *b = NULL;
    size_t need = 0;
    void *p = NULL;
    if (!sc || !sc->arena)
        return NULL;
    a = sc->arena;
    if (size > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    need = (size + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
    if (need == 0)
        need = ARENA_ALIGN;
    b = a->head;
    if (!b || b->cap - b->used < need) {
        if (need > ARENA_BLOCK / 4) {
            /* Big allocation: own block, linked behind the head so the
             * head's free tail stays usable. */
            b = arena_block_new(need);
            if (!b)
                return NULL;
            if (a->head) {
                b->next = a->head->next;
                a->head->next = b;
            } else {
                a->head = b;
            }
        } else {
            b = arena_block_new(ARENA_BLOCK);
            if (!b)
                return NULL;
            b->next = a->head;
            a->head = b;
        }
    }
    assert(b->cap - b->used >= need && need % ARENA_ALIGN == 0);
    p = b->data + b->used;
    b->used += need;
    return p; /* blocks come from calloc and are never reused: already zero */
}

/* Copies s into the arena; NULL for NULL s or on OOM. */
const char *scenario_strdup(Scenario *sc, const char *s)
{
    size_t n = 0;
    char *p = NULL;
    if (!s)
        return NULL;
    n = strlen(s);
    p = scenario_alloc(sc, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n + 1);
    return p;
}

/* Adds a source file path (an already known path returns its index).
 * Returns the index, or 0 when the table is full or on OOM. */
int scenario_add_file(Scenario *sc, const char *path)
{
    int i = 0;
    const char *copy = NULL;
    if (!sc || !path)
        return 0;
    assert(sc->n_files >= 0 && sc->n_files <= STORY_MAX_FILES);
    for (i = 0; i < sc->n_files; i++)
        if (sc->files[i] && strcmp(sc->files[i], path) == 0)
            return i;
    if (sc->n_files >= STORY_MAX_FILES)
        return 0;
    copy = scenario_strdup(sc, path);
    if (!copy)
        return 0;
    sc->files[sc->n_files] = copy;
    return sc->n_files++;
}

#define FIELD_SEARCH_LINES 400 /* how far below its beat a field is looked for */

StorySrc scenario_field_src(const Scenario *sc, StorySrc src, const char *id)
{
    char line[1024], dq[STORY_MAX_ID + 3], sq[STORY_MAX_ID + 3];
    FILE *f = NULL;
    StorySrc at = src;
    int n = 0;
    if (!id || !*id || strlen(id) > STORY_MAX_ID || src.line <= 0 || src.file < 0 ||
        src.file >= sc->n_files || !sc->files[src.file])
        return src;
    f = fopen(sc->files[src.file], "r");
    if (!f)
        return src;
    snprintf(dq, sizeof dq, "\"%s\"", id);
    snprintf(sq, sizeof sq, "'%s'", id);
    while (fgets(line, sizeof line, f)) {
        if (!strchr(line, '\n') && !feof(f))
            continue; /* the rest of an overlong line */
        n++;
        if (n < src.line)
            continue;
        if (n > src.line + FIELD_SEARCH_LINES)
            break;
        if (strstr(line, dq) || strstr(line, sq)) {
            at.line = n;
            break;
        }
    }
    fclose(f);
    return at;
}

/* Resolves one id into *index; reports the first failure into err, at src
 * (field != 0: at the line below src that names the id, read from the file
 * only then). */
static int link_id(Scenario *sc, const char *id, int *index, StorySrc src, int field, int *rc,
                   Err *err)
{
    char where[300];
    where[0] = '\0';
    if (!id) {
        *index = -1;
        return 0;
    }
    *index = scenario_beat_index(sc, id);
    if (*index >= 0)
        return 0;
    if (*rc == 0) {
        scenario_where(sc, field ? scenario_field_src(sc, src, id) : src, where, sizeof where);
        *rc = err_set(err, ERR_INVALID, "%s: unknown beat '%s'", where, id);
    }
    return -1;
}

/* Resolves next_id/target_id/start_id into indices and numbers option uids
 * in declaration order.  A NULL next_id/target_id leaves -1; a NULL start_id
 * means the first beat.  Returns 0, or ERR_INVALID for the first unknown id
 * (every unknown id is left at -1). */
int scenario_link(Scenario *sc, Err *err)
{
    int rc = 0;
    int bi = 0;
    int oi = 0;
    int uid = 0;
    if (!sc)
        return err_set(err, ERR_INVALID, "no scenario");
    assert(sc->n_beats >= 0 && (sc->n_beats == 0 || sc->beats));
    if (sc->start_id)
        link_id(sc, sc->start_id, &sc->start, sc->src, 0, &rc, err);
    else
        sc->start = sc->n_beats > 0 ? 0 : -1;
    for (bi = 0; bi < sc->n_beats; bi++) {
        /* The arena memory is writable; the const in the model is for readers. */
        StoryBeat *b = (StoryBeat *)&sc->beats[bi];
        StoryOption *opts = (StoryOption *)b->interaction.options;
        link_id(sc, b->next_id, &b->next, b->src, 1, &rc, err); /* the line of next = */
        if (b->interaction.kind != STORY_INT_CHOICE || !opts)
            continue;
        for (oi = 0; oi < b->interaction.n_options; oi++) {
            link_id(sc, opts[oi].target_id, &opts[oi].target, opts[oi].src, 0, &rc, err);
            opts[oi].uid = uid++;
        }
    }
    sc->n_options = uid;
    assert(sc->start >= -1 && sc->start < sc->n_beats);
    return rc;
}

/* Index of the beat with this id, or -1. */
int scenario_beat_index(const Scenario *sc, const char *id)
{
    int i = 0;
    if (!sc || !id)
        return -1;
    for (i = 0; i < sc->n_beats; i++)
        if (sc->beats[i].id && strcmp(sc->beats[i].id, id) == 0)
            return i;
    return -1;
}

/* Index of the cast member with this id, or -1. */
int scenario_cast_index(const Scenario *sc, const char *id)
{
    int i = 0;
    if (!sc || !id)
        return -1;
    for (i = 0; i < sc->n_cast; i++)
        if (sc->cast[i].id && strcmp(sc->cast[i].id, id) == 0)
            return i;
    return -1;
}

/* Index of language code in sc->langs, or -1. */
int scenario_lang_index(const Scenario *sc, const char *code)
{
    int i = 0;
    if (!sc || !code)
        return -1;
    for (i = 0; i < sc->n_langs && i < STORY_MAX_LANGS; i++)
        if (sc->langs[i] && strcmp(sc->langs[i], code) == 0)
            return i;
    return -1;
}

/* The text in language lang, else the first language that has it, else "".
 * Borrowed from the scenario. */
const char *story_text(const StoryText *t, int lang)
{
    int i = 0;
    if (!t)
        return "";
    if (lang >= 0 && lang < STORY_MAX_LANGS && t->s[lang])
        return t->s[lang];
    for (i = 0; i < STORY_MAX_LANGS; i++)
        if (t->s[i])
            return t->s[i];
    return "";
}

/* 1 when any language has a string, even "". */
int story_text_given(const StoryText *t)
{
    int i = 0;
    if (!t)
        return 0;
    for (i = 0; i < STORY_MAX_LANGS; i++)
        if (t->s[i])
            return 1;
    return 0;
}

/* "path:line" (or "path" when the line is unknown) into buf; an unknown
 * file reads as the scenario id or "scenario".  Returns buf. */
const char *scenario_where(const Scenario *sc, StorySrc src, char *buf, size_t n)
{
    const char *path = NULL;
    if (!buf || n == 0)
        return buf;
    if (sc && src.file >= 0 && src.file < sc->n_files && sc->files[src.file])
        path = sc->files[src.file];
    else if (sc && sc->id)
        path = sc->id;
    else
        path = "scenario";
    if (src.line > 0)
        snprintf(buf, n, "%s:%d", path, src.line);
    else
        snprintf(buf, n, "%s", path);
    return buf;
}

size_t scenario_where_len(const char *msg)
{
    const char *p = msg;
    const char *colon = NULL;
    while ((colon = strchr(p, ':')) != NULL) {
        const char *d = colon + 1;
        int digits = 0;
        while (*d >= '0' && *d <= '9') {
            d++;
            digits++;
        }
        if (digits > 0 && d[0] == ':' && d[1] == ' ')
            return (size_t)(d + 2 - msg);
        p = colon + 1;
    }
    return 0;
}

int scenario_pick_lang(const Scenario *sc, const char *want)
{
    int i = 0;
    if (!sc || !want)
        return 0;
    i = scenario_lang_index(sc, want);
    if (i < 0) {
        log_warn("the scenario has no language '%s'; using '%s'", want, sc->langs[0]);
        return 0;
    }
    return i;
}

int scenario_lang_en(const Scenario *sc, int lang)
{
    return sc && lang >= 0 && lang < sc->n_langs && strcmp(sc->langs[lang], "en") == 0;
}
