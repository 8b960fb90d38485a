/* validate.h - pure checks of a loaded scenario, used by `spectactor check`
 * and by the loader before a show.
 *
 * The checks read a Scenario only (no Lua, no fonts): unknown beat targets,
 * beats never reached, beats that cannot reach an ending, the required
 * safety texts (content note, help card, advice), translations missing in a
 * declared language, choice sizes, beat shapes and message steps.  Whether
 * text fits on screen is checked elsewhere (render). */
#ifndef STORY_VALIDATE_H
#define STORY_VALIDATE_H

#include <stddef.h>

#include "story/scenario.h"

/* The kinds of names a scenario declares, for suggestions. */
typedef enum { STORY_NAME_VAR, STORY_NAME_BEAT, STORY_NAME_CAST } StoryNameKind;

/* Receives one finding: where it was declared, 1 for an error or 0 for a
 * warning, and a plain-English message without location, e.g.
 * "beat 'party': option 2 leads to unknown beat 'nowhere'".  msg is borrowed
 * for the duration of the call. */
typedef void (*ValidateReport)(void *ud, StorySrc src, int is_error, const char *msg);

/* Runs every check over sc and reports each finding through fn (fn may be
 * NULL to only count).  Works on a linked or unlinked scenario (ids are
 * resolved by name).  Returns the number of errors (0: the scenario can be
 * played); warnings are reported but not counted.  An allocation failure is
 * reported as one error. */
int story_validate(const Scenario *sc, ValidateReport fn, void *ud);

/* 1 when name is a variable declared in sc's scenario { vars = ... }. */
int story_var_declared(const Scenario *sc, const char *name);

/* Writes " (did you mean `x`?)" into out when one of sc's names of the kind
 * is close to word (core/suggest.h), else ""; returns out (size >= 1).  An
 * allocation failure gives "". */
char *story_suggest(const Scenario *sc, StoryNameKind kind, const char *word, char *out,
                    size_t size);

#endif
