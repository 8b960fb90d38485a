/* story_script.h - the printable manuscript of a scenario (HTML for A4).
 *
 * Pure writer over a Scenario: a title page (title, content note, notes for
 * the facilitator, the stop question), the cast list, every beat as a scene
 * with its place and time, lines by speaker, phone messages, narration and
 * images, the stops and choices with their options (where each leads, its
 * condition and effects), branches as separate scenes in reading order
 * (the main line first), facilitator notes in the page margin, and the
 * help card with the key advice at the end.  Every text of the scenario is
 * in the manuscript.  For one role, only the scenes the role is in are
 * written (the actor's sides), with the role's own lines marked and the
 * others as cues.
 */
#ifndef STORY_STORY_SCRIPT_H
#define STORY_STORY_SCRIPT_H

#include "core/buf.h"
#include "story/scenario.h"

/* Writes the manuscript of sc in language lang (an index into sc->langs;
 * missing texts fall back as on screen) into out; role is a cast index for
 * one actor's sides, or -1 for the whole script.  0, or ERR_NOMEM. */
int story_script_html(const Scenario *sc, int lang, int role, Buf *out);

/* Beat indices in reading order: depth first from the start beat, `next`
 * and option 1 before the later options, then the beats not reached from
 * the start in declaration order.  order holds sc->n_beats ints. */
void story_script_order(const Scenario *sc, int *order);

#endif
