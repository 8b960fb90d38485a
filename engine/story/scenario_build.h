/* scenario_build.h - builds a Scenario one declaration at a time (pure C).
 *
 * A loader (engine/lua's scene API) reads a scenario's declarations and makes
 * one call here per declaration; the builder owns the Scenario until
 * scenario_builder_finish() hands it over, copies every string it is given
 * into the scenario arena (arguments are borrowed for the call only), checks
 * each *_MAX_* limit before storing, and keeps the bookkeeping (which
 * options and interactions are used, where each beat's steps go).
 *
 * The order of a scenario's declarations:
 *   scenario_add_language ... scenario_begin      (scenario { ... })
 *   scenario_add_contact / _advice / _var         (its help, advice, vars)
 *   scenario_add_cast ...                         (cast { ... })
 *   scenario_new_step / _option / _interaction    (say, option, choice, ...)
 *   scenario_add_beat, scenario_beat_add_step, scenario_beat_set_interaction
 *   scenario_builder_finish                       (links the beat graph)
 * Steps, options and interactions are made before the beat that holds them
 * (Lua evaluates `beat "id" { say(...), choice { option { ... } } }` inside
 * out), so they are StoryDecl handles that a beat or choice takes over.
 *
 * Every fallible function returns 0 (or an index >= 0) on success and a
 * negative ERR_* code with a message in err otherwise; the builder is left
 * as it was before the call, except for arena memory.  Messages are short
 * predicates ("at most 16 contacts") that a loader prefixes with the place
 * in the script.
 */
#ifndef STORY_SCENARIO_BUILD_H
#define STORY_SCENARIO_BUILD_H

#include "core/err.h"
#include "story/scenario.h"

#define STORY_MAX_CONTACTS 16
#define STORY_MAX_ADVICE 32
#define STORY_MAX_SECONDS 3600 /* discuss timer */
#define STORY_MAX_EFFECTS                                                                          \
    STORY_MAX_VARS /* per option, set and add together   \
                                          */
#define STORY_MAX_TIME 32 /* bytes in a message's clock text */
#define STORY_MAX_PHONE 64 /* bytes in a contact's phone number */
#define STORY_MAX_WEB 256 /* bytes in a contact's web address */
#define STORY_MAX_PATH 255 /* bytes in an image or portrait path */

typedef struct ScenarioBuilder ScenarioBuilder;

/* A step, option or interaction waiting for its beat or choice. */
typedef struct StoryDecl StoryDecl;

typedef enum {
    STORY_DECL_NONE = 0, /* not a declaration of this builder */
    STORY_DECL_STEP,
    STORY_DECL_OPTION,
    STORY_DECL_INTERACTION
} StoryDeclKind;

/* The scalar fields of scenario { ... }.  Strings are borrowed for the call. */
typedef struct ScenarioInfo {
    const char *id; /* required, a valid id */
    const char *start_id; /* first beat, NULL for the first declared */
    StoryText title;
    StoryText subtitle;
    StoryText content_note;
    StoryText stop_question;
    StoryText notes;
    StoryText help_title;
    StorySrc src;
} ScenarioInfo;

/* 1 when s (len bytes) is an id: 1..STORY_MAX_ID bytes of A-Z a-z 0-9 _ -. */
int scenario_id_valid(const char *s, size_t len);

/* Starts a scenario in folder dir whose entry file is entry (source file 0).
 * Returns the builder (free with scenario_builder_free), or NULL with
 * ERR_NOMEM / ERR_INVALID in err. */
ScenarioBuilder *scenario_builder_new(const char *dir, const char *entry, Err *err);

/* Frees the builder and, unless scenario_builder_finish() handed it over, the
 * scenario being built.  NULL is fine. */
void scenario_builder_free(ScenarioBuilder *b);

/* The scenario being built, for lookups while loading (scenario_lang_index,
 * scenario_cast_index, scenario_beat_index, scenario_where, n_files).
 * Borrowed until scenario_builder_free(); its beats are not final before
 * scenario_builder_finish(). */
const Scenario *scenario_builder_scenario(const ScenarioBuilder *b);

/* Adds a source file path (a known path returns its index); returns the
 * index, or 0 when the table of STORY_MAX_FILES is full or out of memory,
 * so a location falls back to the entry file. */
int scenario_builder_add_file(ScenarioBuilder *b, const char *path);

/* Bytes the builder holds for the scenario (every copy in its arena, the
 * beat arrays), growing with each declaration: a loader charges them to
 * its memory cap so that declarations cannot exhaust memory. */
size_t scenario_builder_bytes(const ScenarioBuilder *b);

/* 1 once scenario_begin() succeeded. */
int scenario_builder_started(const ScenarioBuilder *b);

/* Adds a language code (an id) before scenario_begin().  Returns its index,
 * ERR_LIMIT past STORY_MAX_LANGS, ERR_INVALID for a bad or repeated code
 * ("language 'da' is listed twice"), ERR_STATE after scenario_begin(). */
int scenario_add_language(ScenarioBuilder *b, const char *code, Err *err);

/* Declares the scenario itself; needs at least one language.  Returns 0,
 * ERR_STATE when already begun ("scenario { ... } is declared twice") or
 * without languages, ERR_INVALID for a bad id, ERR_LIMIT for a text over
 * STORY_MAX_TEXT, ERR_NOMEM. */
int scenario_begin(ScenarioBuilder *b, const ScenarioInfo *info, Err *err);

/* Adds a help contact (name, phone, web, text); ERR_LIMIT past
 * STORY_MAX_CONTACTS or for a phone/web over STORY_MAX_PHONE/WEB bytes. */
int scenario_add_contact(ScenarioBuilder *b, const StoryContact *c, Err *err);

/* Adds an advice text shown at every ending; ERR_LIMIT past
 * STORY_MAX_ADVICE. */
int scenario_add_advice(ScenarioBuilder *b, const StoryText *t, Err *err);

/* Declares a variable and its initial value; variables are kept sorted by
 * name.  ERR_LIMIT past STORY_MAX_VARS, ERR_INVALID for a bad or repeated
 * name. */
int scenario_add_var(ScenarioBuilder *b, const char *name, const StoryValue *init, Err *err);

/* Adds a before/after statement (id, text, src) after scenario_begin(); the
 * first one sets Scenario.statements_src.  Returns its index, ERR_LIMIT past
 * STORY_MAX_STATEMENTS, ERR_INVALID for a bad or repeated id ("statement 'x'
 * is declared twice") or a missing text. */
int scenario_add_statement(ScenarioBuilder *b, const StoryStatement *st, Err *err);

/* Adds a cast member (id, name, color, portrait, role) after
 * scenario_begin().  Returns its index, ERR_LIMIT past STORY_MAX_CAST,
 * ERR_INVALID for a bad id, a repeated id ("cast 'x' is declared twice") or
 * a missing name. */
int scenario_add_cast(ScenarioBuilder *b, const StoryCast *c, Err *err);

/* Declares a step (LINE, MESSAGE, NARRATION, IMAGE) for a later beat.
 * speaker/phone are cast indices or -1; LINE needs a speaker, MESSAGE a
 * speaker and a phone, IMAGE an image path, the others a text.  Returns
 * the declaration (arena memory, NULL with err on failure). */
StoryDecl *scenario_new_step(ScenarioBuilder *b, const StoryStep *step, Err *err);

/* Declares an option for a later choice: text and target_id are required;
 * opt->effects (n_effects <= STORY_MAX_EFFECTS) are copied and sorted, SET
 * before ADD and by variable name within each; an ADD value is a number.
 * cond_ref / effect_ref are kept as given (0 = none).  NULL with err on
 * failure. */
StoryDecl *scenario_new_option(ScenarioBuilder *b, const StoryOption *opt, Err *err);

/* Declares an interaction (CHOICE, SIGNAL, IDEA, DISCUSS) for a later beat:
 * kind, prompt, character (cast index or -1), seconds (DISCUSS, 0..
 * STORY_MAX_SECONDS) and src are taken from in; a CHOICE gets its options
 * with scenario_choice_add_option().  NULL with err on failure. */
StoryDecl *scenario_new_interaction(ScenarioBuilder *b, const StoryInteraction *in, Err *err);

/* What p is: a StoryDeclKind, STORY_DECL_NONE when p is not a declaration
 * made by b.  p must be NULL or a pointer this builder (or an earlier one)
 * handed out. */
StoryDeclKind scenario_decl_kind(const ScenarioBuilder *b, const void *p);

/* Moves option into choice (both declarations of b).  Returns 0,
 * ERR_INVALID when choice is not a choice or option not an option,
 * ERR_STATE when the option "is already used in another choice", ERR_LIMIT
 * past STORY_MAX_OPTIONS. */
int scenario_choice_add_option(ScenarioBuilder *b, StoryDecl *choice, StoryDecl *option, Err *err);

/* Adds a beat from beat's id, title, place, time, notes, next_id, ending,
 * ending_text and src (its steps and interaction must be empty: they follow
 * with the calls below).  Returns the beat index, ERR_STATE before
 * scenario_begin(), ERR_LIMIT past STORY_MAX_BEATS ("at most 1000 beats"),
 * ERR_INVALID for a bad id or one already declared ("beat 'x' is declared
 * twice (first at path:line)"; scenario_beat_index() on
 * scenario_builder_scenario() finds the first one). */
int scenario_add_beat(ScenarioBuilder *b, const StoryBeat *beat, Err *err);

/* Appends the step declaration to beat (a step may be used by several
 * beats).  ERR_INVALID when step is not a step or beat is not a beat,
 * ERR_LIMIT past STORY_MAX_STEPS ("at most 200 steps"). */
int scenario_beat_add_step(ScenarioBuilder *b, int beat, const StoryDecl *step, Err *err);

/* Gives beat its interaction.  ERR_INVALID when inter is not an interaction
 * ("not an interaction (choice, signal, idea, discuss)") or a choice has
 * fewer than STORY_MIN_OPTIONS options, ERR_STATE when the beat has one
 * already ("a beat has at most one interaction") or the interaction "is
 * already used in another beat". */
int scenario_beat_set_interaction(ScenarioBuilder *b, int beat, StoryDecl *inter, Err *err);

/* Ends the build: needs scenario_begin() and a beat, then links the beat
 * graph (scenario_link).  Returns the scenario, which the caller now owns
 * (scenario_free; the builder must still be freed), or NULL with
 * "entry: no beat declared" or the first link error in err; the builder
 * keeps the scenario then. */
Scenario *scenario_builder_finish(ScenarioBuilder *b, Err *err);

#endif
