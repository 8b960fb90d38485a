/* scenario.h - the scenario data model: an immutable graph of beats.
 *
 * A Scenario is plain data, filled in once by a loader (engine/lua builds it
 * from a scenario's Lua files) and read-only afterwards; the runtime state of
 * a play-through lives in StoryRun (story.h).  Every string and array belongs
 * to the scenario's arena and is freed by scenario_free().
 *
 * Texts are StoryText: one string per declared language, in the order of
 * Scenario.langs; a missing translation is NULL (the checker reports it; the
 * player falls back to the first language that has the text).
 *
 * Indices (cast, beat, option) are ints; -1 means "none".  Every element
 * carries the 1-based source line (and file index into Scenario.files) it
 * was declared on, so checks and runtime errors read `path:line: message`.
 */
#ifndef STORY_SCENARIO_H
#define STORY_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define STORY_MAX_LANGS 4
#define STORY_MAX_OPTIONS 9 /* digits 1..9 pick options */
#define STORY_MIN_OPTIONS 2
#define STORY_MAX_BEATS 1000
#define STORY_MAX_STEPS 200 /* per beat */
#define STORY_MAX_CAST 16
#define STORY_MAX_VARS 64
#define STORY_MAX_ID 64   /* bytes in an id (beat, cast, var) */
#define STORY_MAX_TEXT 2000 /* bytes in one text */
#define STORY_MAX_FILES 16
#define STORY_MAX_STATEMENTS 6 /* before/after statements of one scenario */

/* Where something was declared. */
typedef struct StorySrc {
    int file; /* index into Scenario.files */
    int line; /* 1-based; 0 when unknown */
} StorySrc;

typedef struct StoryText {
    const char *s[STORY_MAX_LANGS]; /* NULL where a language is missing */
    StorySrc src;
} StoryText;

typedef enum { STORY_VAL_NIL, STORY_VAL_BOOL, STORY_VAL_NUMBER, STORY_VAL_STRING } StoryValType;

typedef struct StoryValue {
    StoryValType type;
    int b;
    double num;
    const char *str; /* in a Scenario: arena-owned; in a StoryRun: run-owned */
} StoryValue;

typedef struct StoryVarDecl {
    const char *name;
    StoryValue init;
} StoryVarDecl;

typedef struct StoryCast {
    const char *id;   /* stable id used in scripts: "sofie" */
    StoryText name;   /* shown name */
    uint32_t color;   /* 0xRRGGBB */
    const char *portrait; /* image path relative to the scenario dir, or NULL */
    StoryText role;   /* short description for the cast list, may be empty */
} StoryCast;

typedef enum {
    STORY_STEP_LINE,      /* speaker says text */
    STORY_STEP_MESSAGE,   /* a phone message: sender -> phone owner, with time */
    STORY_STEP_NARRATION, /* narrator / stage direction shown to the room */
    STORY_STEP_IMAGE      /* an image (path relative to scenario dir) + caption */
} StoryStepKind;

typedef struct StoryStep {
    StoryStepKind kind;
    int speaker;      /* cast index (LINE, MESSAGE sender); -1 for narration */
    int phone;        /* MESSAGE: cast index whose phone shows it; -1 otherwise */
    const char *time; /* MESSAGE: clock text "22:14", may be NULL */
    StoryText text;
    const char *image; /* IMAGE only */
    StorySrc src;
} StoryStep;

typedef enum { STORY_EFFECT_SET, STORY_EFFECT_ADD } StoryEffectOp;

typedef struct StoryEffect {
    const char *var;
    StoryEffectOp op;
    StoryValue value;
} StoryEffect;

typedef struct StoryOption {
    StoryText text;
    int target;        /* beat index after choosing, -1 when unresolved */
    const char *target_id;
    int cond_ref;      /* script handle of a condition function, 0 = always */
    StoryText reason;  /* why the option is unavailable (shown when greyed out) */
    int hide;          /* 1: hidden when the condition fails; 0: greyed out */
    int once;          /* 1: can be chosen once per play-through */
    const StoryEffect *effects;
    int n_effects;
    int effect_ref;    /* script handle of an effect function, 0 = none */
    int uid;           /* unique over the scenario: 0..Scenario.n_options-1 */
    StorySrc src;
} StoryOption;

typedef enum {
    STORY_INT_NONE,    /* beat just continues to next */
    STORY_INT_CHOICE,  /* options lead to beats */
    STORY_INT_SIGNAL,  /* OK / warning sign / stalking, then next */
    STORY_INT_IDEA,    /* open prompt for proposals, then next */
    STORY_INT_DISCUSS  /* question with a timer, then next */
} StoryIntKind;

#define STORY_SIGNAL_OK 0
#define STORY_SIGNAL_WARNING 1
#define STORY_SIGNAL_STALKING 2

typedef struct StoryInteraction {
    StoryIntKind kind;
    StoryText prompt;
    int character;          /* CHOICE: whose action it is (cast index) or -1 */
    const StoryOption *options; /* CHOICE only */
    int n_options;
    int seconds;            /* DISCUSS: timer length, 0 = no timer */
    StorySrc src;
} StoryInteraction;

typedef struct StoryBeat {
    const char *id;
    StoryText title;  /* optional short name for maps and rewind lists */
    StoryText place;  /* caption: "Fest hos Emma" */
    StoryText time;   /* caption: "Fredag 22:10" */
    const StoryStep *steps;
    int n_steps;
    StoryText notes;  /* facilitator-only notes */
    StoryInteraction interaction;
    int next;         /* beat after the steps/interaction; -1 at an ending */
    const char *next_id;
    int ending;       /* 1: an ending beat (advice + help card follow) */
    StoryText ending_text; /* ENDING: the outcome summary */
    StorySrc src;
} StoryBeat;

typedef struct StoryContact {
    StoryText name;   /* "Dansk Stalking Center" */
    const char *phone; /* "38 41 41 41", may be NULL */
    const char *web;   /* may be NULL */
    StoryText text;   /* what they help with, opening hours */
} StoryContact;

/* A statement the room rates (OK / warning sign / stalking) before the
 * play and again at its end: the before/after measure. */
typedef struct StoryStatement {
    const char *id;   /* stable id for the report: "checks_phone" */
    StoryText text;   /* "He checks her phone every day" */
    StorySrc src;
} StoryStatement;

typedef struct Scenario {
    const char *dir;   /* scenario folder */
    const char *files[STORY_MAX_FILES]; /* source files, for StorySrc.file */
    int n_files;
    const char *id;
    StoryText title;
    StoryText subtitle;
    const char *langs[STORY_MAX_LANGS]; /* "da", "en" */
    int n_langs;
    unsigned langs_added; /* bit l: langs[l] comes from a translation file only */
    const StoryCast *cast;
    int n_cast;
    const StoryBeat *beats;
    int n_beats;
    int start;         /* beat index */
    const char *start_id;
    StoryText content_note;
    StoryText help_title;
    const StoryContact *contacts;
    int n_contacts;
    const StoryText *advice; /* key advice shown at every ending */
    int n_advice;
    StoryText stop_question; /* asked when the facilitator presses Stop */
    StoryText notes;   /* facilitator notes for the whole scenario */
    const StoryVarDecl *vars;
    int n_vars;
    const StoryStatement *statements; /* statements { ... }: the before/after measure */
    int n_statements;                 /* 0: none (the measure is not asked) */
    StorySrc statements_src;
    int n_options;     /* total options over all choices (StoryOption.uid) */
    StorySrc src;
    struct ScenarioArena *arena;
} Scenario;

/* Creates an empty scenario with its arena; NULL when out of memory. */
Scenario *scenario_new(void);
/* Frees the scenario and everything in its arena; NULL is fine. */
void scenario_free(Scenario *sc);
/* Arena allocation, zero-filled; lives until scenario_free().  NULL on OOM. */
void *scenario_alloc(Scenario *sc, size_t size);
/* Copies s into the arena; NULL for NULL s or on OOM. */
const char *scenario_strdup(Scenario *sc, const char *s);
/* Adds a source file path, returns its index (or 0 when the table is full). */
int scenario_add_file(Scenario *sc, const char *path);

/* Resolves next_id/target_id/start_id into indices and numbers option uids.
 * Returns 0, or ERR_INVALID with "path:line: unknown beat 'x'" for the
 * first unresolved id (others are left at -1 for the checker to list). */
int scenario_link(Scenario *sc, Err *err);

/* Index of the beat with this id, or -1. */
int scenario_beat_index(const Scenario *sc, const char *id);
/* Index of the cast member with this id, or -1. */
int scenario_cast_index(const Scenario *sc, const char *id);
/* Index of language code in sc->langs, or -1. */
int scenario_lang_index(const Scenario *sc, const char *code);

/* The text in language lang, falling back to the first available language;
 * "" when the text is empty.  Borrowed from the scenario. */
const char *story_text(const StoryText *t, int lang);

/* 1 when t holds a string (even an empty one) in any language, 0 when it
 * is empty or NULL. */
int story_text_given(const StoryText *t);

/* "path:line" for a source location into buf (size n); returns buf. */
const char *scenario_where(const Scenario *sc, StorySrc src, char *buf, size_t n);
/* The line of the field naming `id` in quotes, at or below src's line in
 * its file (a beat's `next = "..."` several lines under `beat {`), or src
 * itself when it cannot be found (the file is read: the fields of a Lua
 * table carry no lines). */
StorySrc scenario_field_src(const Scenario *sc, StorySrc src, const char *id);
/* Length of a leading "path:line: " in msg (a message from a script or a
 * loader), or 0. */
size_t scenario_where_len(const char *msg);
/* The language index for a wanted language code (--lang) in sc: 0 when sc
 * or want is NULL, or sc lacks it (then with a logged warning). */
int scenario_pick_lang(const Scenario *sc, const char *want);
/* 1 when language lang of sc is English: a show's interface follows the
 * scenario's language ("en" gives English, anything else Danish). */
int scenario_lang_en(const Scenario *sc, int lang);

#endif
