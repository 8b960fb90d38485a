/* show.c - the presentation state machine of a dialog event (see show.h).
 *
 * Pure C: no SDL, no Lua.  Every facilitator action lands in show_action(),
 * which dispatches to the topmost overlay first (quit dialog, blank screen,
 * rewind menu, idea moderation, stop poll), then to the current screen.
 * Failing script hooks put the show on the ERROR screen; the story runtime
 * guarantees the failing operation changed nothing, so Back simply returns.
 *
 * This file: lifecycle, the dispatch, timers and hot reload: the top of the
 * module.  The texts and transcript (show_text.c), moving through the story
 * (show_story.c), polls, overlays, the evaluation screens and the view live
 * next to it (see show_internal.h); none of them calls back into this file.
 */
#include "show/show_internal.h"

#include "core/buf.h"
#include "core/log.h"
#include "show/ui_text.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Show *show_new(const Scenario *sc, const StoryHooks *hooks, int lang, const char *load_error,
               Err *err)
{
    Show *s = calloc(1, sizeof *s);
    if (!s) {
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    s->sc = sc;
    s->lang = lang;
    s->shown_interaction = -1;
    s->kept_beat = -1;
    s->left_beat = -1;
    s->timer_beat = -1;
    s->seconds_left = -1;
    s->stop_beat = -1;
    s->count_mode = SHOW_COUNT_BOTH;
    s->class_size = SHOW_CLASS_SIZE;
    s->idea_confirm = -1;
    s->offer_beat = -1;
    show_poll_reset(&s->ictx);
    show_poll_reset(&s->sctx);
    show_poll_reset(&s->mctx);
    show_poll_reset(&s->left);
    if (sc && lang >= 0 && lang < sc->n_langs)
        s->ui_en = strcmp(sc->langs[lang], "en") == 0;
    if (!sc) {
        s->load_error = core_strdup(load_error ? load_error : "no scenario");
        if (!s->load_error) {
            free(s);
            err_set(err, ERR_NOMEM, "out of memory");
            return NULL;
        }
        return s;
    }
    s->run = story_run_new(sc, hooks, err);
    if (!s->run) {
        free(s);
        return NULL;
    }
    return s;
}

void show_free(Show *s)
{
    if (!s)
        return;
    show_poll_reset(&s->ictx);
    show_poll_reset(&s->sctx);
    show_poll_reset(&s->mctx);
    show_poll_reset(&s->left);
    story_run_free(s->run);
    free(s->load_error);
    free(s->join_url);
    free(s->room_code);
    free(s->lan_problem);
    kiosk_free(s->kiosk);
    buf_free(&s->journal);
    free(s->offer);
    free(s);
}

void show_set_transcript(Show *s, ShowTranscriptFn fn, void *ud)
{
    assert(s);
    s->tfn = fn;
    s->tud = ud;
}

/* Turns an overlay on or off; with a name, the transcript says "name on|off". */
static void overlay_set(Show *s, unsigned bit, int on, const char *name)
{
    if (on)
        s->overlays |= bit;
    else
        s->overlays &= ~bit;
    if (name)
        show_tr(s, "%s %s", name, on ? "on" : "off");
}

void show_set_poll_hook(Show *s, ShowPollFn fn, void *ud)
{
    assert(s);
    s->pfn = fn;
    s->pud = ud;
}

int show_action(Show *s, ShowAction a, int arg)
{
    assert(s);
    if (a == SHOW_ACT_NONE || a == SHOW_ACT_FULLSCREEN || a == SHOW_ACT_NOTES_SCROLL)
        return 0;
    if (show_rewind_swallow(s, a, arg))
        return 0;

    /* the quit dialog is modal: Y/J quits, anything else cancels */
    if (s->overlays & SHOW_OV_QUIT) {
        s->overlays &= ~(unsigned)SHOW_OV_QUIT;
        if (a == SHOW_ACT_YES) {
            s->quit = 1;
            show_tr(s, "quit");
        } else
            show_tr(s, "quit cancelled");
        return 1;
    }
    if (a == SHOW_ACT_QUIT && s->eval_screen == SHOW_SCREEN_KIOSK) {
        /* a pupil at the kiosk cannot end the program: the facilitator
         * leaves the kiosk first */
        kiosk_say(s->kiosk, UI_KIOSK_QUIT_FIRST);
        show_tr(s, "quit refused: kiosk");
        return 1;
    }
    if (a == SHOW_ACT_QUIT) {
        s->overlays |= SHOW_OV_QUIT;
        show_tr(s, "quit asked");
        return 1;
    }
    if (s->offer && !s->started && !s->overlays) {
        int r = show_offer_key(s, a);
        if (r >= 0)
            return r;
    }
    if (s->labels_open)
        return show_labels_key(s, a, arg);
    if (s->overlays & SHOW_OV_BLANK) {
        if (a == SHOW_ACT_HELP) {
            /* the help card can be shown at any moment, also from a blank screen */
            overlay_set(s, SHOW_OV_BLANK, 0, "blank");
            overlay_set(s, SHOW_OV_HELP, 1, "help");
            return 1;
        }
        if (a == SHOW_ACT_BLANK || a == SHOW_ACT_CANCEL) {
            overlay_set(s, SHOW_OV_BLANK, 0, "blank");
            return 1;
        }
        return 0; /* everything else waits until the screen is back */
    }
    if (a == SHOW_ACT_BLANK) {
        overlay_set(s, SHOW_OV_BLANK, 1, "blank");
        return 1;
    }
    if (a == SHOW_ACT_HELP) {
        overlay_set(s, SHOW_OV_HELP, !(s->overlays & SHOW_OV_HELP), "help");
        return 1;
    }
    if (s->overlays & SHOW_OV_HELP) {
        /* the help card closes with H, Escape or Next; other keys wait */
        if (a == SHOW_ACT_CANCEL || a == SHOW_ACT_NEXT || a == SHOW_ACT_BACK) {
            overlay_set(s, SHOW_OV_HELP, 0, "help");
            return 1;
        }
        return 0;
    }
    if ((s->overlays & SHOW_OV_NOTES) && !s->presenter && !s->notes_ok) {
        /* the room sees the warning: N again or J shows the notes, anything
         * else closes it (Escape only closes; other keys then do their job) */
        if (a == SHOW_ACT_NOTES || a == SHOW_ACT_YES) {
            s->notes_ok = 1;
            s->overview_shown = 1;
            return 1;
        }
        overlay_set(s, SHOW_OV_NOTES, 0, NULL);
        if (a == SHOW_ACT_CANCEL)
            return 1;
    } else if (a == SHOW_ACT_NOTES) {
        overlay_set(s, SHOW_OV_NOTES, !(s->overlays & SHOW_OV_NOTES), NULL);
        s->notes_ok = 0;
        if (s->overlays & SHOW_OV_NOTES) {
            /* the scenario overview once: the first time the notes are seen */
            s->notes_overview = !s->overview_shown;
            s->overview_shown |= s->presenter;
        }
        return 1;
    }
    if (a == SHOW_ACT_MAP && s->run) {
        overlay_set(s, SHOW_OV_MAP, !(s->overlays & SHOW_OV_MAP), "map");
        return 1;
    }
    if ((s->overlays & SHOW_OV_MAP) && a == SHOW_ACT_CANCEL) {
        overlay_set(s, SHOW_OV_MAP, 0, "map");
        return 1;
    }
    if ((s->overlays & SHOW_OV_NOTES) && a == SHOW_ACT_CANCEL) {
        overlay_set(s, SHOW_OV_NOTES, 0, NULL);
        return 1;
    }
    if (s->load_error)
        return 0;
    if (s->eval_screen)
        return show_eval_key(s, a, arg);
    if (s->overlays & SHOW_OV_REWIND)
        return show_rewind_key(s, a, arg);
    if (s->overlays & SHOW_OV_IDEAS) {
        int r = show_ideas_key(s, a, arg);
        if (r >= 0)
            return r;
    }
    if (a == SHOW_ACT_IDEAS) {
        show_ideas_open(s);
        return 1;
    }

    /* the error screen: Back (or Escape) returns to the state before the error */
    if (s->error[0]) {
        if (a == SHOW_ACT_BACK || a == SHOW_ACT_CANCEL) {
            s->error[0] = '\0';
            show_tr(s, "error dismissed");
            if (s->run)
                story_forget_conditions(s->run); /* the next try runs the scripts again */
            if (s->error_external) {
                s->error_external = 0;
                return 1;
            }
            if (show_at_interaction(s)) {
                /* a failing condition: go back one step so the facilitator can continue */
                s->shown_interaction = -1;
                show_back(s);
            }
            return 1;
        }
        if (a == SHOW_ACT_REWIND) {
            s->error[0] = '\0';
        } else
            return 0;
    }

    if (s->measure_round || s->measure_summary)
        return show_measure_key(s, a, arg);
    if (s->overlays & SHOW_OV_STOP) {
        int r = show_stop_key(s, a, arg);
        if (r)
            return r;
    }

    if (!s->started) {
        if (a == SHOW_ACT_NEXT) {
            if (show_measure_start(s, SHOW_MEASURE_BEFORE))
                return 1;
            s->started = 1;
            show_enter_beat(s);
            return 1;
        }
        return 0;
    }

    if (a == SHOW_ACT_STOP || a == SHOW_ACT_REWIND)
        show_poll_hold(s, &s->ictx); /* a typed count is kept, not lost */
    if (a == SHOW_ACT_STOP && !(s->overlays & SHOW_OV_STOP)) {
        show_stop_open(s);
        return 1;
    }
    if (a == SHOW_ACT_REWIND) {
        show_rewind_open(s);
        return 1;
    }

    if (show_at_interaction(s)) {
        const StoryBeat *b = show_cur_beat(s);
        assert(b);
        show_announce_interaction(s);
        if (s->error[0])
            return 1;
        if ((b->interaction.kind == STORY_INT_CHOICE || b->interaction.kind == STORY_INT_SIGNAL) &&
            show_poll_key(s, &s->ictx, a, arg))
            return 1;
        if (a == SHOW_ACT_NEXT || a == SHOW_ACT_VOTE)
            return show_interaction_next(s, a == SHOW_ACT_VOTE);
        if (a == SHOW_ACT_BACK)
            return show_back(s);
        return 0;
    }
    if (show_at_end(s) && (a == SHOW_ACT_EVAL || (a == SHOW_ACT_NEXT && s->ending_page == 1)) &&
        show_measure_start(s, SHOW_MEASURE_AFTER))
        return 1; /* the statements again before the evaluation */
    if (show_at_end(s) && a == SHOW_ACT_LABELS) {
        show_labels_open(s);
        return 1;
    }
    if (show_at_end(s) && (a == SHOW_ACT_EVAL || (a == SHOW_ACT_NEXT && s->ending_page == 1)) &&
        s->q) {
        /* the timeline's Next goes on as E does: the evaluation */
        show_eval_start(s);
        return 1;
    }
    if (show_at_end(s)) {
        /* the ending has two pages: advice + help card, then the timeline */
        if (a == SHOW_ACT_NEXT && s->ending_page == 0) {
            s->ending_page = 1;
            show_tr(s, "timeline");
            return 1;
        }
        if (a == SHOW_ACT_BACK && s->ending_page == 1) {
            s->ending_page = 0;
            return 1;
        }
        if (a == SHOW_ACT_NEXT)
            return 0;
        s->ending_page = 0;
    }
    switch (a) {
    case SHOW_ACT_NEXT: return show_next_story(s);
    case SHOW_ACT_BACK: return show_back(s);
    default: return 0;
    }
}

int show_tick(Show *s, unsigned long now_ms)
{
    assert(s);
    s->now = now_ms;
    if (show_rewind_tick(s, now_ms))
        return 1;
    if (s->kiosk && s->eval_screen == SHOW_SCREEN_KIOSK && kiosk_tick(s->kiosk, now_ms))
        return 1;
    if (s->timer_running && s->run && story_current_beat(s->run) == s->timer_beat) {
        long left_ms = (long)(s->timer_deadline - now_ms);
        int left = left_ms <= 0 ? 0 : (int)((left_ms + 999) / 1000);
        if (left != s->seconds_left) {
            s->seconds_left = left;
            if (left == 0) {
                s->timer_running = 0;
                show_tr(s, "timer done");
            }
            return 1;
        }
    }
    return 0;
}

long show_next_timer(const Show *s, unsigned long now_ms)
{
    long left_ms = 0, r = 0;
    assert(s);
    if (s->kiosk && s->eval_screen == SHOW_SCREEN_KIOSK)
        return kiosk_next_timer(s->kiosk, now_ms);
    r = show_rewind_next_timer(s, now_ms);
    if (!s->timer_running)
        return r;
    left_ms = (long)(s->timer_deadline - now_ms);
    if (left_ms <= 0)
        return 0;
    left_ms = left_ms % 1000 ? left_ms % 1000 : 1000;
    return r >= 0 && r < left_ms ? r : left_ms;
}

int show_quit_requested(const Show *s)
{
    assert(s);
    return s->quit;
}

StoryRun *show_run(Show *s)
{
    assert(s);
    return s->run;
}

/* ---- join info ------------------------------------------------------------ */

static void set_str(char **dst, const char *src)
{
    free(*dst);
    *dst = src ? core_strdup(src) : NULL;
}

void show_set_join(Show *s, const char *url, const char *room_code, const char *lan_problem)
{
    assert(s);
    set_str(&s->join_url, url);
    set_str(&s->room_code, room_code);
    set_str(&s->lan_problem, lan_problem);
}

void show_set_presenter(Show *s, int on)
{
    assert(s);
    s->presenter = on != 0;
}

void show_set_phones_joined(Show *s, int n)
{
    assert(s);
    s->phones_joined = n;
}

/* ---- authoring: hot reload ------------------------------------------------ */

void show_set_error(Show *s, const char *msg)
{
    assert(s);
    snprintf(s->error, sizeof s->error, "%s", msg ? msg : "error");
    s->error_external = 1;
    show_tr(s, "error %s", s->error);
}

int show_resume_at(Show *s, const char *beat_id, int steps)
{
    Err e;
    int b = -1, i = 0;
    assert(s);
    if (!s->run || !beat_id)
        return ERR_NOTFOUND;
    b = scenario_beat_index(s->sc, beat_id);
    if (b < 0)
        return ERR_NOTFOUND;
    assert(b < s->sc->n_beats);
    err_clear(&e);
    if (story_jump(s->run, b, &e) < 0)
        return e.code ? e.code : ERR_STATE;
    show_jr(s, 'j', b);
    s->started = 1;
    show_enter_beat(s);
    for (i = 0; i < steps && story_pos(s->run) == STORY_AT_STEPS &&
                story_steps_shown(s->run) < s->sc->beats[b].n_steps;
         i++)
        show_next_story(s);
    return 0;
}

const char *show_beat_id(const Show *s)
{
    assert(s);
    if (!s->run || !s->started)
        return NULL;
    return show_beat_name(s, story_current_beat(s->run));
}

int show_reload_busy(const Show *s)
{
    const Poll *p = show_current_poll(s);
    if (p && vote_state(p) == VOTE_OPEN)
        return 1;
    return s->eval_screen != 0 || s->eval_opened || s->offer != NULL; /* an offer waits for J/Esc */
}

