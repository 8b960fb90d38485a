/* views.h - draws a ShowView on the projector.
 *
 * Every screen (welcome, beat, interaction, ending, error) and overlay
 * (stop poll, notes, idea moderation, rewind, help card, quit, blank) is
 * laid out for
 * a 1920x1080 design frame and scaled by the theme (render/theme.h), so the
 * same picture comes out at 1280x720 or 3840x2160.  Nothing overflows the
 * frame: long texts wrap, lists shrink to smaller styles and finally scroll
 * (newest dialog at the bottom, older lines drop off the top).  Main thread
 * only; the views keep no state between frames.
 *
 * The ending has two pages (ShowView.ending_page): 0 = outcome, key advice
 * and the help card as a grid, shrunk together until all of it fits; 1 =
 * the signal timeline, every poll shown (rows shrink, then go to columns).
 * An open poll with phones gets a join box (QR code, URL, room code, joined
 * and voted counts) beside its options.  The evaluation screens (EVAL, KIOSK,
 * RESULTS) are drawn by views_eval.c; overlays still draw above them.
 * Screens draw only through render/gfx.h; one file per screen (views.c
 * keeps the dispatch).
 */
#ifndef VIEWS_VIEWS_H
#define VIEWS_VIEWS_H

#include "show/show.h"
#include "render/gfx.h"
#include "story/validate.h"

/* Draws the whole frame for v (clears it first).  v->sc may be NULL (then
 * only the error screen and overlays that need no scenario are drawn).
 * SHOW_SCREEN_EVAL / _KIOSK / _RESULTS go to views_draw_eval / _kiosk /
 * _results (views/views_eval.h). */
void views_draw(Gfx *g, const ShowView *v);

/* What a mouse click at frame pixel (x, y) hits in the frame views_draw
 * draws for v: on the rewind menu, -1 for "replay this scene" or the
 * decision index; on a choice or signal poll (or the stop poll), the option
 * index of the row under the pointer (whatever its state: the show decides
 * whether it can be picked); on the KIOSK screen, views_hit_kiosk(); -2
 * when nothing is hit (the join box included) or a blank, quit, help, notes
 * or ideas overlay is up. */
int views_hit(Gfx *g, const ShowView *v, int x, int y);

/* Kinds of text box, for views_text_fits. */
typedef enum {
    VIEWS_BOX_DIALOG,    /* a dialog line's text (without the name) */
    VIEWS_BOX_NARRATION, /* a narration step */
    VIEWS_BOX_MESSAGE,   /* a phone message's text */
    VIEWS_BOX_OPTION,    /* one option of a choice */
    VIEWS_BOX_PROMPT,    /* an interaction prompt or the stop question */
    VIEWS_BOX_CAPTION,   /* a beat's caption: place, time, or both joined by "  ·  " */
    VIEWS_BOX_TITLE,     /* the scenario title on the welcome screen */
    VIEWS_BOX_IDEA,      /* an approved idea card */
    VIEWS_BOX_COUNT
} ViewsBox;

/* Says whether text fits its box, in the frame size of g, at the box's
 * normal text style, i.e. without views_draw having to shrink or cut it.
 * The limits, each measured where the box is narrowest:
 *   DIALOG, NARRATION: at most half the height of the dialog column (phone
 *     shown beside it; the name column sized for sc's cast, or its maximum
 *     when sc is NULL), so at least one earlier line stays in view;
 *   MESSAGE: a chat bubble at most half the phone's message area high;
 *   OPTION: at most 2 lines in an option row with the result column shown;
 *   PROMPT: at most 3 lines of the heading style over the content width;
 *   CAPTION: 1 line;  TITLE: at most 2 lines beside the join QR code;
 *   IDEA: at most 3 lines in an idea card.
 * Returns 1 when it fits, 0 when not (also for a bad box or NULL g).
 * NULL or empty text fits.  `spectactor check` calls this on a 1280x720
 * software renderer to warn about texts too long for a small projector. */
int views_text_fits(Gfx *g, const Scenario *sc, ViewsBox box, const char *text);
/* `spectactor check`: every text of sc in every language against its box
 * on g's frame; each one that does not fit is an error to fn ("... does not
 * fit the frame at WxH").  Returns how many did not fit. */
int views_check_fit(Gfx *g, const Scenario *sc, ValidateReport fn, void *ud);

#endif
