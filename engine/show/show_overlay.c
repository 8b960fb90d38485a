/* show_overlay.c - the overlays that take over the keys: the stop poll, the
 * rewind menu and idea moderation (see show_internal.h).
 *
 * The stop poll is a signal poll on the stop question that freezes the
 * scene; closing it records its result on the ending's timeline.  The
 * rewind menu lists the current pass's decisions and restores the state
 * from before one of them (or replays the beat).  Idea moderation approves
 * or dismisses the ideas phones sent before the projector may show them, and
 * takes shown ones down again; a flagged idea needs a second Enter.  Without
 * a presenter window the room sees only the counts until I again or J.
 */
#include "show/show_internal.h"

#include "vote/idea.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* Up/Down in a menu: moves *sel one entry within lo..hi. */
static void menu_move(int *sel, ShowAction a, int lo, int hi)
{
    if (a == SHOW_ACT_UP && *sel > lo)
        (*sel)--;
    else if (a == SHOW_ACT_DOWN && *sel < hi)
        (*sel)++;
}

/* ---- stop poll -------------------------------------------------------------- */

void show_stop_open(Show *s)
{
    assert(s->run && s->started);
    show_poll_reset(&s->sctx);
    s->stop_beat = story_current_beat(s->run);
    s->overlays |= SHOW_OV_STOP;
    show_tr(s, "stop %s: %s", show_beat_name(s, s->stop_beat), show_txt(s, &s->sc->stop_question));
}

static void stop_close(Show *s)
{
    PollCtx *c = &s->sctx;
    if (c->picked >= 0 || (c->poll && vote_state(c->poll) == VOTE_REVEALED)) {
        int d = show_poll_decision(c);
        show_record_signal(s, c, s->stop_beat, 1, d);
        show_tr(s, "stop result %s", show_signal_name(d));
    }
    show_tr(s, "stop end");
    show_poll_reset(c);
    s->overlays &= ~(unsigned)SHOW_OV_STOP;
}

int show_stop_key(Show *s, ShowAction a, int arg)
{
    PollCtx *c = &s->sctx;
    assert(s->overlays & SHOW_OV_STOP);
    if (show_poll_key(s, c, a, arg))
        return 1;
    switch (a) {
    case SHOW_ACT_STOP:
    case SHOW_ACT_CANCEL: stop_close(s); return 1;
    case SHOW_ACT_NEXT:
    case SHOW_ACT_VOTE: {
        int r = show_poll_next(s, c, VOTE_SIGNAL, a == SHOW_ACT_VOTE);
        if (r >= 0)
            return r;
        if (a == SHOW_ACT_NEXT)
            stop_close(s);
        return 1;
    }
    case SHOW_ACT_BACK:
        if (c->poll && vote_state(c->poll) == VOTE_OPEN)
            return 1;
        stop_close(s);
        return 1;
    default: return 0; /* help, blank, notes pass through */
    }
}

/* ---- rewind menu ------------------------------------------------------------ */

static void refresh_decisions(Show *s)
{
    int i = 0;
    s->n_decisions = 0;
    if (!s->run)
        return;
    for (i = 0; i < story_history_count(s->run) && i < STORY_MAX_HISTORY; i++)
        if (story_history_get(s->run, i, &s->decisions[s->n_decisions]) == 0)
            s->n_decisions++;
}

/* The typed number's states (Show.rewind_wait). */
enum {
    REWIND_WAIT_NONE = 0,
    REWIND_WAIT_DIGIT, /* a number that may still grow: the next digit, Return or the pause */
    REWIND_WAIT_QUIET  /* just picked by digits: a digit pressed again is ignored */
};

static void rewind_wait(Show *s, int w)
{
    s->rewind_wait = w;
    s->rewind_due_set = 0; /* the pause counts from the next tick: show_tick keeps the time */
    s->rewind_due = 0;
}

static void rewind_untype(Show *s)
{
    s->rewind_typed = 0;
    s->rewind_bad = 0;
    if (s->rewind_wait == REWIND_WAIT_DIGIT)
        rewind_wait(s, REWIND_WAIT_NONE);
}

void show_rewind_open(Show *s)
{
    refresh_decisions(s);
    s->overlays |= SHOW_OV_REWIND;
    s->rewind_sel = s->n_decisions - 1;
    rewind_untype(s);
}

/* Closes the menu and goes back to before decision target (-1: replays the
 * current beat). */
static void rewind_pick(Show *s, int target)
{
    Err e;
    assert(target >= -1 && target < s->n_decisions);
    err_clear(&e);
    rewind_untype(s);
    s->overlays &= ~(unsigned)SHOW_OV_REWIND;
    show_poll_reset(&s->ictx);
    s->shown_interaction = -1;
    s->error[0] = '\0';
    s->pass++; /* what the room answers from here belongs to a new pass */
    if (target == -1) {
        story_replay_beat(s->run);
        show_jr(s, 'p', 0);
        show_tr(s, "replay %s", show_beat_name(s, story_current_beat(s->run)));
        show_enter_beat(s);
        return;
    }
    if (story_rewind(s->run, target, &e) < 0) {
        show_script_error(s, &e);
        return;
    }
    show_jr(s, 'r', target);
    show_tr(s, "rewind %d %s", target + 1, show_beat_name(s, story_current_beat(s->run)));
    s->timer_beat = -1;
    show_announce_position(s);
    refresh_decisions(s);
}

/* A digit in the menu: 0 alone replays the scene; a number that cannot
 * grow into another entry's (12 of 15 entries, or any digit below 10
 * entries) picks at once; one that can (1 of 15) selects its entry and
 * waits; one without an entry picks nothing and says so. */
static void rewind_digit(Show *s, int d)
{
    int t = s->rewind_typed * 10 + d;
    s->rewind_last = d;
    if (t == 0) {
        rewind_pick(s, -1);
        rewind_wait(s, REWIND_WAIT_QUIET);
        return;
    }
    if (t > s->n_decisions) {
        show_tr(s, "rewind: no entry %d", t);
        rewind_untype(s);
        s->rewind_bad = t;
        return;
    }
    s->rewind_bad = 0;
    s->rewind_sel = t - 1;
    if (t * 10 <= s->n_decisions) {
        s->rewind_typed = t;
        rewind_wait(s, REWIND_WAIT_DIGIT);
        show_tr(s, "rewind typed %d", t);
        return;
    }
    rewind_pick(s, t - 1);
    rewind_wait(s, REWIND_WAIT_QUIET);
}

int show_rewind_key(Show *s, ShowAction a, int arg)
{
    assert(s->run && (s->overlays & SHOW_OV_REWIND));
    assert(s->n_decisions >= 0 && s->n_decisions <= STORY_MAX_HISTORY);
    assert(s->rewind_sel >= -1 && s->rewind_sel < s->n_decisions);
    switch (a) {
    case SHOW_ACT_REWIND:
    case SHOW_ACT_CANCEL:
        rewind_untype(s);
        s->overlays &= ~(unsigned)SHOW_OV_REWIND;
        return 1;
    case SHOW_ACT_UP:
    case SHOW_ACT_DOWN:
        rewind_untype(s);
        menu_move(&s->rewind_sel, a, -1, s->n_decisions - 1);
        return 1;
    case SHOW_ACT_DIGIT:
        if (arg >= 0 && arg <= 9)
            rewind_digit(s, arg);
        return 1;
    case SHOW_ACT_CLICK:
        if (arg >= -1 && arg < s->n_decisions)
            rewind_pick(s, arg);
        return 1;
    case SHOW_ACT_NEXT: rewind_pick(s, s->rewind_sel); return 1;
    default: return 1; /* the menu is modal */
    }
}

int show_rewind_swallow(Show *s, ShowAction a, int arg)
{
    if (s->rewind_wait == REWIND_WAIT_DIGIT && a != SHOW_ACT_DIGIT) {
        /* any other key ends the typing: no pick by the pause under another
         * overlay (Return still picks the selected entry) */
        rewind_untype(s);
        return 0;
    }
    if (s->rewind_wait != REWIND_WAIT_QUIET)
        return 0;
    /* one press at most: the double press of the pick's last digit; the
     * next press of it (or any other key) does its job again */
    rewind_wait(s, REWIND_WAIT_NONE);
    if (a == SHOW_ACT_DIGIT && arg == s->rewind_last) {
        show_tr(s, "digit ignored: %d again right after the rewind pick", arg);
        return 1;
    }
    return 0;
}

int show_rewind_tick(Show *s, unsigned long now_ms)
{
    if (s->rewind_wait == REWIND_WAIT_NONE)
        return 0;
    if (!s->rewind_due_set) {
        s->rewind_due = now_ms + SHOW_REWIND_DIGIT_MS;
        s->rewind_due_set = 1;
        return 0;
    }
    if ((long)(s->rewind_due - now_ms) > 0)
        return 0;
    if (s->rewind_wait == REWIND_WAIT_DIGIT && (s->overlays & SHOW_OV_REWIND) &&
        s->rewind_typed > 0 && s->rewind_typed <= s->n_decisions) {
        /* the pause after a number that could have grown: it is the pick */
        rewind_pick(s, s->rewind_typed - 1);
        rewind_wait(s, REWIND_WAIT_QUIET);
        return 1;
    }
    rewind_wait(s, REWIND_WAIT_NONE);
    return 0;
}

long show_rewind_next_timer(const Show *s, unsigned long now_ms)
{
    long left = 0;
    if (s->rewind_wait == REWIND_WAIT_NONE)
        return -1;
    if (!s->rewind_due_set)
        return 0;
    left = (long)(s->rewind_due - now_ms);
    return left > 0 ? left : 0;
}

/* ---- idea moderation ---------------------------------------------------------- */

/* The moderation list is the pending ideas (0..n_pending-1) followed by the
 * ideas shown on the projector; idea_sel walks all of it. */
static int ideas_rows(const Show *s)
{
    return s->n_pending + s->n_ideas;
}

static void ideas_clamp(Show *s)
{
    if (s->idea_sel >= ideas_rows(s))
        s->idea_sel = ideas_rows(s) - 1;
    if (s->idea_sel < 0)
        s->idea_sel = 0;
}

void show_ideas_open(Show *s)
{
    s->overlays |= SHOW_OV_IDEAS;
    s->ideas_ok = 0;
    s->idea_confirm = -1;
    ideas_clamp(s);
    show_tr(s, "ideas on");
}

static void ideas_close(Show *s)
{
    s->overlays &= ~(unsigned)SHOW_OV_IDEAS;
    s->idea_confirm = -1;
    show_tr(s, "ideas off");
}

/* Removes pending idea i (0 <= i < n_pending). */
static void pending_drop(Show *s, int i)
{
    assert(i >= 0 && i < s->n_pending);
    memmove(s->pending[i], s->pending[i + 1], (size_t)(s->n_pending - i - 1) * SHOW_MAX_IDEA);
    memmove(&s->pending_flag[i], &s->pending_flag[i + 1], (size_t)(s->n_pending - i - 1));
    s->n_pending--;
}

/* Enter on a pending idea: shows it on the projector; a flagged one first
 * asks again.  The selection follows the idea into the shown part. */
static void idea_approve(Show *s, int i)
{
    if (s->pending_flag[i] && s->idea_confirm != i) {
        s->idea_confirm = i;
        show_tr(s, "idea flagged: confirm");
        return;
    }
    s->idea_confirm = -1;
    if (s->n_ideas >= SHOW_MAX_IDEAS) {
        show_tr(s, "idea not shown: the screen is full");
        return;
    }
    memcpy(s->ideas[s->n_ideas], s->pending[i], SHOW_MAX_IDEA);
    s->n_ideas++;
    pending_drop(s, i);
    s->idea_sel = s->n_pending + s->n_ideas - 1;
    show_tr(s, "idea approved");
}

/* Backspace: dismisses a pending idea or takes a shown one off the projector. */
static void idea_remove(Show *s, int i)
{
    s->idea_confirm = -1;
    if (i < s->n_pending) {
        pending_drop(s, i);
        show_tr(s, "idea dismissed");
    } else {
        int k = i - s->n_pending;
        assert(k >= 0 && k < s->n_ideas);
        memmove(s->ideas[k], s->ideas[k + 1], (size_t)(s->n_ideas - k - 1) * SHOW_MAX_IDEA);
        s->n_ideas--;
        show_tr(s, "idea withdrawn");
    }
    ideas_clamp(s);
}

int show_ideas_key(Show *s, ShowAction a, int arg)
{
    int rows = ideas_rows(s);
    assert(s->overlays & SHOW_OV_IDEAS);
    assert(s->n_pending >= 0 && s->n_pending <= SHOW_MAX_IDEAS);
    assert(s->n_ideas >= 0 && s->n_ideas <= SHOW_MAX_IDEAS);
    assert(s->idea_sel >= 0 && (s->idea_sel < rows || rows == 0));
    (void)arg;
    if (!s->presenter && !s->ideas_ok) {
        /* the room sees only the counts: I again or J shows the texts */
        if (a == SHOW_ACT_IDEAS || a == SHOW_ACT_YES) {
            s->ideas_ok = 1;
            show_tr(s, "ideas shown to the room");
            return 1;
        }
        ideas_close(s);
        return a == SHOW_ACT_CANCEL ? 1 : -1;
    }
    switch (a) {
    case SHOW_ACT_IDEAS:
    case SHOW_ACT_CANCEL: ideas_close(s); return 1;
    case SHOW_ACT_UP:
    case SHOW_ACT_DOWN:
        s->idea_confirm = -1;
        menu_move(&s->idea_sel, a, 0, rows - 1);
        return 1;
    case SHOW_ACT_NEXT:
        if (s->idea_sel < s->n_pending)
            idea_approve(s, s->idea_sel);
        return 1;
    case SHOW_ACT_DELETE:
        if (s->idea_sel < rows)
            idea_remove(s, s->idea_sel);
        return 1;
    default: return 1;
    }
}

int show_idea_slots(const Show *s)
{
    assert(s && s->n_pending >= 0 && s->n_pending <= SHOW_MAX_IDEAS);
    return SHOW_MAX_IDEAS - s->n_pending;
}

int show_phone_idea(Show *s, const char *text)
{
    assert(s && text);
    if (s->n_pending >= SHOW_MAX_IDEAS)
        return ERR_LIMIT;
    {
        /* cut at a character boundary: never leave half a UTF-8 sequence */
        size_t n = strlen(text);
        char *dst = s->pending[s->n_pending];
        if (n > SHOW_MAX_IDEA - 1) {
            n = SHOW_MAX_IDEA - 1;
            while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
                n--;
        }
        memcpy(dst, text, n);
        dst[n] = '\0';
    }
    s->pending_flag[s->n_pending] = (unsigned char)idea_flagged(s->pending[s->n_pending]);
    show_tr(s, "idea received%s", s->pending_flag[s->n_pending] ? " (flagged)" : "");
    s->n_pending++;
    /* the new idea goes in before the shown ones: a selection there keeps its idea */
    if (s->idea_sel >= s->n_pending - 1 && s->n_ideas > 0 && s->idea_sel < ideas_rows(s) - 1)
        s->idea_sel++;
    return 0;
}
