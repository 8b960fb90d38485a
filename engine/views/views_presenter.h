/* views_presenter.h - the facilitator's own screen (the laptop, while the
 * projector shows the audience view): what the room sees now, in small;
 * the facilitator notes of the beat and of the scenario; the next steps of
 * the beat (what the next press of Next shows); the vote with hands and
 * phones as they come in, even before the reveal; the ideas waiting for
 * moderation with their flags; the keys.  Nothing here is ever drawn on the
 * projector.  Drawn with the same ShowView as the audience view. */
#ifndef VIEWS_VIEWS_PRESENTER_H
#define VIEWS_VIEWS_PRESENTER_H

#include "show/show.h"
#include "render/gfx.h"

/* Draws the whole presenter frame for v (clears it first).  elapsed_s is
 * the time since the event started (shown as a clock for pacing), or < 0. */
void views_draw_presenter(Gfx *g, const ShowView *v, long elapsed_s);
/* The same with the notes scrolled down by *notes_scroll lines (NULL: 0);
 * *notes_scroll is clamped to the lines there are to scroll (0 when the
 * notes fit).  On the KIOSK screen the whole frame is the kiosk: the pupil
 * answers at the laptop while the projector keeps the invitation. */
void views_draw_presenter_at(Gfx *g, const ShowView *v, long elapsed_s, int *notes_scroll);

#endif
