/* views.c - the projector's frame: which screen and overlays views_draw
 * draws for a ShowView (one file per screen: views_welcome.c, views_beat.c,
 * views_poll.c, views_help.c, views_ending.c, views_overlays.c, views_eval.c,
 * views_map.c), what a click hits, and the fit checks of `spectactor check`.
 */
#include "views/views.h"
#include "views/views_internal.h"

#include <stdio.h>
#include <string.h>

#include "views/views_eval.h"
#include "views/views_map.h"

void views_draw(Gfx *g, const ShowView *v)
{
    if (!g)
        return;
    gfx_clear(g, rgb(THEME_BG));
    clip(g, NULL);
    if (!v)
        return;
    if (v->overlays & SHOW_OV_BLANK) {
        /* Blank hides everything, so nothing else needs drawing. */
        gfx_clear(g, rgb(0x000000));
        return;
    }
    if (v->overlays & SHOW_OV_HELP) {
        /* the help card covers the whole frame: nothing beneath it is drawn */
        views_draw_help_overlay(g, v);
        if (v->overlays & SHOW_OV_QUIT)
            views_draw_quit(g, v);
        clip(g, NULL);
        return;
    }
    if (v->overlays & SHOW_OV_STOP) {
        views_draw_interaction(g, v);
    } else {
        switch (v->screen) {
        case SHOW_SCREEN_WELCOME: views_draw_welcome(g, v); break;
        case SHOW_SCREEN_BEAT: views_draw_beat(g, v); break;
        case SHOW_SCREEN_INTERACTION: views_draw_interaction(g, v); break;
        case SHOW_SCREEN_ENDING: views_draw_ending(g, v); break;
        case SHOW_SCREEN_ERROR: views_draw_error(g, v); break;
        case SHOW_SCREEN_EVAL: views_draw_eval(g, v); break;
        case SHOW_SCREEN_KIOSK: views_draw_kiosk(g, v); break;
        case SHOW_SCREEN_RESULTS: views_draw_results(g, v); break;
        case SHOW_SCREEN_MEASURE: views_draw_measure(g, v); break;
        default: break;
        }
    }
    clip(g, NULL);
    if (v->overlays & SHOW_OV_MAP)
        views_draw_map(g, v);
    if (v->overlays & SHOW_OV_NOTES)
        views_draw_notes(g, v);
    if (v->overlays & SHOW_OV_IDEAS)
        views_draw_ideas_overlay(g, v);
    if (v->overlays & SHOW_OV_REWIND)
        views_draw_rewind(g, v);
    if (v->labels_open)
        views_draw_labels(g, v);
    if (v->overlays & SHOW_OV_QUIT)
        views_draw_quit(g, v);
    clip(g, NULL);
}

int views_hit(Gfx *g, const ShowView *v, int x, int y)
{
    if (!g || !v || (v->overlays & (SHOW_OV_BLANK | SHOW_OV_QUIT | SHOW_OV_HELP)))
        return -2;
    if (v->overlays & SHOW_OV_REWIND)
        return views_hit_rewind(g, v, x, y);
    if (v->overlays & (SHOW_OV_NOTES | SHOW_OV_IDEAS | SHOW_OV_MAP))
        return -2;
    if (v->screen == SHOW_SCREEN_KIOSK && !(v->overlays & SHOW_OV_STOP))
        return views_hit_kiosk(g, v, x, y);
    if ((v->overlays & SHOW_OV_STOP) ||
        (v->screen == SHOW_SCREEN_INTERACTION &&
         (v->ikind == STORY_INT_CHOICE || v->ikind == STORY_INT_SIGNAL)))
        return views_hit_options(g, v, x, y);
    return -2;
}

/* ---- fit checks ------------------------------------------------------------------ */

int views_text_fits(Gfx *g, const Scenario *sc, ViewsBox box, const char *text)
{
    Rect a, d, p, hdr, s;
    int namew = 0;
    if (!g || (int)box < 0 || box >= VIEWS_BOX_COUNT)
        return 0;
    if (!text || !*text)
        return 1;
    a = safe_area(g);
    views_beat_geom(g, 1, &d, &p);
    namew = views_name_col_w(g, sc, 0, d.w);
    switch (box) {
    case VIEWS_BOX_DIALOG: return gfx_text_height(g, d.w - namew, text, THEME_TEXT_BODY) <= d.h / 2;
    case VIEWS_BOX_NARRATION:
        return gfx_text_height(g, d.w - namew, text, THEME_TEXT_ITALIC) <= d.h / 2;
    case VIEWS_BOX_MESSAGE:
        s = views_phone_screen(g, p, &hdr);
        return gfx_bubble(g, s.x, 0, s.w, "M", rgb(0), text, "00:00", rgb(0), rgb(0), 0, 0) <=
               s.h / 2;
    case VIEWS_BOX_OPTION:
        return gfx_text_height(g, views_option_text_w(g, a.w), text, THEME_TEXT_BODY) <=
               2 * lh(g, THEME_TEXT_BODY);
    case VIEWS_BOX_PROMPT:
        return gfx_text_height(g, a.w, text, THEME_TEXT_HEADING) <= views_prompt_max_h(g);
    case VIEWS_BOX_CAPTION:
        return gfx_measure(g, text, strlen(text), THEME_TEXT_CAPTION) <=
               a.w - gfx_px(g, 14) - gfx_px(g, 18);
    case VIEWS_BOX_TITLE:
        return gfx_text_height(g, views_welcome_left_w(g, 1), text, THEME_TEXT_TITLE) <=
               2 * lh(g, THEME_TEXT_TITLE);
    case VIEWS_BOX_IDEA:
        return gfx_text_height(g, (a.w - gfx_px(g, 24)) / 2 - gfx_px(g, 48), text,
                               THEME_TEXT_BODY) <= 3 * lh(g, THEME_TEXT_BODY);
    default: return 0;
    }
}

typedef struct Fit {
    const Scenario *sc;
    ValidateReport fn;
    void *ud;
    int n;
} Fit;

static void fit_text(Fit *c, Gfx *g, ViewsBox box, const StoryText *t, const char *what)
{
    int l = 0;
    for (l = 0; l < c->sc->n_langs; l++) {
        char msg[300];
        if (!t->s[l] || !t->s[l][0])
            continue;
        if (!views_text_fits(g, c->sc, box, t->s[l])) {
            snprintf(msg, sizeof msg, "%s (%s) does not fit the frame at %dx%d", what,
                     c->sc->langs[l], gfx_width(g), gfx_height(g));
            c->fn(c->ud, t->src, 1, msg);
            c->n++;
        }
    }
}

int views_check_fit(Gfx *g, const Scenario *sc, ValidateReport fn, void *ud)
{
    Fit fit, *c = &fit;
    int b = 0, i = 0;
    char what[200];
    fit.sc = sc;
    fit.fn = fn;
    fit.ud = ud;
    fit.n = 0;
    fit_text(c, g, VIEWS_BOX_TITLE, &sc->title, "the title");
    fit_text(c, g, VIEWS_BOX_PROMPT, &sc->stop_question, "the stop question");
    for (b = 0; b < sc->n_beats; b++) {
        const StoryBeat *bt = &sc->beats[b];
        snprintf(what, sizeof what, "beat '%s': the caption", bt->id);
        fit_text(c, g, VIEWS_BOX_CAPTION, &bt->place, what);
        for (i = 0; i < bt->n_steps; i++) {
            const StoryStep *st = &bt->steps[i];
            snprintf(what, sizeof what, "beat '%s': step %d", bt->id, i + 1);
            fit_text(c, g,
                     st->kind == STORY_STEP_MESSAGE ? VIEWS_BOX_MESSAGE
                     : st->kind == STORY_STEP_LINE  ? VIEWS_BOX_DIALOG
                                                    : VIEWS_BOX_NARRATION,
                     &st->text, what);
        }
        if (bt->interaction.kind != STORY_INT_NONE) {
            snprintf(what, sizeof what, "beat '%s': the prompt", bt->id);
            fit_text(c, g, VIEWS_BOX_PROMPT, &bt->interaction.prompt, what);
        }
        for (i = 0; i < bt->interaction.n_options; i++) {
            snprintf(what, sizeof what, "beat '%s': option %d", bt->id, i + 1);
            fit_text(c, g, VIEWS_BOX_OPTION, &bt->interaction.options[i].text, what);
        }
    }
    return fit.n;
}
