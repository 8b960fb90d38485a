/* views_internal.h - what the projector's screen files (views_*.c) offer
 * each other and views.c's dispatch.  Internal to engine/views: app/ uses
 * views.h.  Every function draws for the frame size of g and a non-NULL
 * ShowView, keeps no state between frames, and leaves no clip behind.
 */
#ifndef VIEWS_VIEWS_INTERNAL_H
#define VIEWS_VIEWS_INTERNAL_H

#include "views/views.h"
#include "views/views_util.h"

/* Screens (views_welcome.c, views_beat.c, views_poll.c, views_ending.c,
 * views_overlays.c). */
void views_draw_welcome(Gfx *g, const ShowView *v);
void views_draw_beat(Gfx *g, const ShowView *v);
/* A choice, signal, idea or discussion interaction, or the stop poll. */
void views_draw_interaction(Gfx *g, const ShowView *v);
void views_draw_ending(Gfx *g, const ShowView *v);
void views_draw_error(Gfx *g, const ShowView *v);
/* The statements' summary, before -> after (views_measure.c). */
void views_draw_measure(Gfx *g, const ShowView *v);

/* Overlays (views_help.c, views_overlays.c). */
void views_draw_help_overlay(Gfx *g, const ShowView *v);
void views_draw_notes(Gfx *g, const ShowView *v);
void views_draw_ideas_overlay(Gfx *g, const ShowView *v);
void views_draw_rewind(Gfx *g, const ShowView *v);
void views_draw_quit(Gfx *g, const ShowView *v);

/* Hit tests, laid out exactly as drawn.  views_hit_rewind: -1 for "replay
 * this scene", a decision index, or -2.  views_hit_options: the option row
 * under (x, y) of a choice, signal or stop poll, or -2. */
int views_hit_rewind(Gfx *g, const ShowView *v, int x, int y);
int views_hit_options(Gfx *g, const ShowView *v, int x, int y);

/* Geometry for views_text_fits. */
/* Width of the welcome screen's left column, beside the join block or not. */
int views_welcome_left_w(Gfx *g, int has_join);
/* The dialog column and phone frame of a beat's body area. */
void views_beat_geom(Gfx *g, int with_phone, Rect *dialog, Rect *phone);
/* Width of the speaker-name column for sc's cast (its maximum for NULL). */
int views_name_col_w(Gfx *g, const Scenario *sc, int lang, int dialog_w);
/* The message area inside phone frame p; *header gets the name bar. */
Rect views_phone_screen(Gfx *g, Rect p, Rect *header);
/* Width of an option's text in a row of `width` with the result column. */
int views_option_text_w(Gfx *g, int width);
/* Most height a prompt may take in the heading style. */
int views_prompt_max_h(Gfx *g);

#endif
