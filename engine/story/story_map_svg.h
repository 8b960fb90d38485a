/* story_map_svg.h - the story map of a scenario as an SVG drawing.
 *
 * Pure writer over a Scenario: every beat is a box (id, title, and a mark
 * for its interaction; endings and beats that cannot be reached from the
 * start stand out), in rows by distance from the start beat; every way on
 * is an arrow: `next` plain, choice options numbered, options with a
 * condition dashed and marked "if", once-only options marked "once".
 * Arrows back to an earlier row (loops) curve round the right-hand side.
 * Each box carries an SVG <title> with the beat's prompt, so a viewer shows
 * it on hover.
 */
#ifndef STORY_STORY_MAP_SVG_H
#define STORY_STORY_MAP_SVG_H

#include "core/buf.h"
#include "story/scenario.h"

/* Writes the map of sc (titles in language lang, an index into sc->langs)
 * into out.  0, or ERR_NOMEM. */
int story_map_svg(const Scenario *sc, int lang, Buf *out);

#endif
