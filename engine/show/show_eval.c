/* show_eval.c - the evaluation screens after the ending (see show.h, issue 4).
 *
 * E at the ending opens the invitation (phones may answer from then on); K
 * there hands the laptop to the kiosk, which owns the keys until K (Ctrl+K)
 * again; Ctrl+R toggles the results.  The show never touches SQLite: the
 * frame loop commits kiosk submissions and reports the store's state here.
 */
#include "show/show_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static int kiosk_from_action(ShowAction a, KioskKey *k)
{
    switch (a) {
    case SHOW_ACT_NEXT: *k = KIOSK_KEY_NEXT; return 1;
    case SHOW_ACT_BACK: *k = KIOSK_KEY_BACK; return 1;
    case SHOW_ACT_DIGIT: *k = KIOSK_KEY_DIGIT; return 1;
    case SHOW_ACT_UP: *k = KIOSK_KEY_UP; return 1;
    case SHOW_ACT_DOWN: *k = KIOSK_KEY_DOWN; return 1;
    case SHOW_ACT_SELECT: *k = KIOSK_KEY_SELECT; return 1;
    case SHOW_ACT_DELETE: *k = KIOSK_KEY_DELETE; return 1;
    case SHOW_ACT_CANCEL: *k = KIOSK_KEY_CANCEL; return 1;
    case SHOW_ACT_CLICK: *k = KIOSK_KEY_CLICK; return 1;
    default: return 0;
    }
}

void show_eval_start(Show *s)
{
    assert(s->q);
    s->eval_screen = SHOW_SCREEN_EVAL;
    s->eval_opened = 1;
    show_tr(s, "eval open");
}

int show_eval_key(Show *s, ShowAction a, int arg)
{
    assert(s->eval_screen == SHOW_SCREEN_EVAL || s->eval_screen == SHOW_SCREEN_KIOSK ||
           s->eval_screen == SHOW_SCREEN_RESULTS);
    if (s->eval_screen == SHOW_SCREEN_KIOSK) {
        KioskKey k = KIOSK_KEY_NEXT;
        if (a == SHOW_ACT_KIOSK) {
            if (!kiosk_leave(s->kiosk)) {
                show_tr(s, "kiosk leave asked");
                return 1;
            }
            kiosk_reset(s->kiosk, s->now);
            s->eval_screen = SHOW_SCREEN_EVAL;
            show_tr(s, "kiosk off");
            return 1;
        }
        if (kiosk_from_action(a, &k)) {
            int r = kiosk_key(s->kiosk, k, arg, s->now);
            if (kiosk_submission(s->kiosk))
                show_tr(s, "kiosk submitted");
            return r;
        }
        return 0;
    }
    switch (a) {
    case SHOW_ACT_EVAL:
    case SHOW_ACT_CANCEL:
    case SHOW_ACT_BACK:
        if (s->eval_screen == SHOW_SCREEN_RESULTS && a != SHOW_ACT_EVAL) {
            s->eval_screen = SHOW_SCREEN_EVAL;
            return 1;
        }
        s->eval_screen = 0;
        show_tr(s, "eval close");
        return 1;
    case SHOW_ACT_KIOSK:
        if (!s->kiosk) {
            Err e;
            s->kiosk = kiosk_new(s->q, s->ui_en, &e);
            if (!s->kiosk)
                return 0;
        }
        kiosk_reset(s->kiosk, s->now);
        s->eval_screen = SHOW_SCREEN_KIOSK;
        show_tr(s, "kiosk on");
        return 1;
    case SHOW_ACT_LABELS: show_labels_open(s); return 1;
    case SHOW_ACT_RESULTS:
        s->eval_screen =
            s->eval_screen == SHOW_SCREEN_RESULTS ? SHOW_SCREEN_EVAL : SHOW_SCREEN_RESULTS;
        show_tr(s, "results %s", s->eval_screen == SHOW_SCREEN_RESULTS ? "on" : "off");
        return 1;
    default: return 0;
    }
}

/* ---- public API --------------------------------------------------------------- */

void show_set_eval(Show *s, const EvalQuestionnaire *q)
{
    assert(s);
    kiosk_free(s->kiosk);
    s->kiosk = NULL;
    s->q = q;
    if (!q && s->eval_screen)
        s->eval_screen = 0;
}

void show_set_unsaved(Show *s, int n)
{
    assert(s);
    s->eval_unsaved = n;
}

void show_set_eval_status(Show *s, int answers, const char *error)
{
    assert(s);
    s->eval_answers = answers;
    snprintf(s->eval_error, sizeof s->eval_error, "%s", error ? error : "");
}

void show_set_results(Show *s, const struct EvalTally *t)
{
    assert(s);
    s->results = t;
}

int show_eval_open(const Show *s)
{
    assert(s);
    return s->eval_opened;
}

void show_set_eval_opened(Show *s, int opened)
{
    assert(s);
    s->eval_opened = opened != 0;
}

int show_in_kiosk(const Show *s)
{
    assert(s);
    if (s->labels_open && !(s->overlays & SHOW_OV_QUIT))
        return 1; /* typed like the kiosk: letters are text */
    return s->eval_screen == SHOW_SCREEN_KIOSK && s->kiosk && !(s->overlays & SHOW_OV_QUIT);
}

int show_wants_text(const Show *s)
{
    if (s->labels_open)
        return show_in_kiosk(s);
    return show_in_kiosk(s) && kiosk_wants_text(s->kiosk);
}

int show_text(Show *s, const char *utf8)
{
    if (s->labels_open)
        return show_labels_text(s, utf8);
    if (!show_in_kiosk(s))
        return 0;
    return kiosk_text(s->kiosk, utf8, s->now);
}

const EvalAnswers *show_kiosk_submission(const Show *s)
{
    assert(s);
    if (!s->kiosk || s->eval_screen != SHOW_SCREEN_KIOSK)
        return NULL;
    return kiosk_submission(s->kiosk);
}

void show_kiosk_saved(Show *s, int ok, const char *msg)
{
    assert(s);
    if (!s->kiosk)
        return;
    kiosk_saved(s->kiosk, ok, msg, s->now);
    show_tr(s, "kiosk %s", ok ? "saved" : "not saved");
}

int show_poll_record(const ShowPollResult *p, EvalPollRecord *r)
{
    int i = 0, votes = 0;
    memset(r, 0, sizeof *r);
    r->kind = p->kind == SHOW_POLL_CHOICE   ? EVAL_POLL_CHOICE
              : p->kind == SHOW_POLL_SIGNAL ? EVAL_POLL_SIGNAL
              : p->kind == SHOW_POLL_BEFORE ? EVAL_POLL_BEFORE
              : p->kind == SHOW_POLL_AFTER  ? EVAL_POLL_AFTER
                                            : EVAL_POLL_STOP;
    snprintf(r->beat, sizeof r->beat, "%s", p->beat_id);
    r->pass = p->pass;
    r->n_options = p->n_options < EVAL_POLL_MAX_OPTIONS ? p->n_options : EVAL_POLL_MAX_OPTIONS;
    r->result = p->result < r->n_options ? p->result : -1;
    r->voted = p->voted;
    r->closed = p->closed & ((1u << r->n_options) - 1u);
    eval_poll_copy_text(r->prompt, sizeof r->prompt, p->prompt);
    for (i = 0; i < r->n_options; i++)
        eval_poll_copy_text(r->labels[i], sizeof r->labels[i], p->options[i]);
    for (i = 0; i < r->n_options; i++) {
        r->hands[i] = p->hands[i];
        r->phones[i] = p->phones[i];
        votes += p->hands[i] + p->phones[i];
    }
    return votes;
}
