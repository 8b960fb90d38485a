/* views_eval.h - the evaluation screens on the projector: the invitation
 * (QR code to the questionnaire on phones, live count of answers), the
 * kiosk form, and the results screen.  Drawn by views_draw() when the
 * ShowView's screen is SHOW_SCREEN_EVAL / _KIOSK / _RESULTS. */
#ifndef VIEWS_VIEWS_EVAL_H
#define VIEWS_VIEWS_EVAL_H

#include "show/show.h"
#include "render/gfx.h"

/* SHOW_SCREEN_EVAL: title, "scan to answer" with v->join_url's QR code (or
 * v->lan_problem), v->eval_answers received, the kiosk hint (K), and
 * v->eval_error (store problems) prominently when set. */
void views_draw_eval(Gfx *g, const ShowView *v);

/* SHOW_SCREEN_KIOSK: v->kiosk, one question per screen, big touch targets. */
void views_draw_kiosk(Gfx *g, const ShowView *v);

/* SHOW_SCREEN_RESULTS: v->results (an EvalTally) as bars per question with
 * counts and percentages, "<5" for suppressed cells, n per question. */
void views_draw_results(Gfx *g, const ShowView *v);

/* Hit test for the kiosk: option index, -10 for the Next button, -11 for
 * Back, or -2 for nothing. */
int views_hit_kiosk(Gfx *g, const ShowView *v, int x, int y);

#endif
