/* show_story.c - moving through the story: the announcements of a beat, a
 * step and an interaction, Next, Back and leaving an interaction.  Uses the
 * poll code (show_poll.c) and the texts (show_text.c); the dispatch in
 * show.c and the overlays call it.
 */
#include "show/show_internal.h"

#include "core/log.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int show_at_interaction(const Show *s)
{
    return s->run && s->started && !s->held && story_pos(s->run) == STORY_AT_INTERACTION;
}

int show_at_end(const Show *s)
{
    return s->run && !s->held && story_pos(s->run) == STORY_AT_END;
}

/* ---- announcements -------------------------------------------------------- */

/* Announces what the current position shows (transcript) and sets up the
 * interaction state when a new interaction appears. */
void show_announce_interaction(Show *s)
{
    const StoryBeat *b = show_cur_beat(s);
    int bi = story_current_beat(s->run);
    int kept = 0;
    if (!b || s->shown_interaction == bi)
        return;
    s->shown_interaction = bi;
    /* a result Back stepped away from is shown again, not voted again */
    kept = s->kept_beat == bi && s->ictx.poll;
    s->kept_beat = -1;
    if (!kept)
        show_poll_reset(&s->ictx);
    switch (b->interaction.kind) {
    case STORY_INT_CHOICE: {
        ShowOption opts[STORY_MAX_OPTIONS];
        int n = 0, i = 0;
        show_tr(s, "choice %s: %s", b->id, show_txt(s, &b->interaction.prompt));
        if (show_option_states(s, opts, &n) < 0)
            return;
        for (i = 0; i < n; i++) {
            if (opts[i].state == STORY_OPT_HIDDEN)
                show_tr(s, "option %d hidden", i + 1);
            else if (opts[i].state == STORY_OPT_DISABLED)
                show_tr(s, "option %d disabled (%s): %s", i + 1,
                        opts[i].why == STORY_WHY_USED ? "used" : show_txt(s, opts[i].reason),
                        show_txt(s, opts[i].text));
            else
                show_tr(s, "option %d: %s", i + 1, show_txt(s, opts[i].text));
        }
        break;
    }
    case STORY_INT_SIGNAL:
        show_tr(s, "signal %s: %s", b->id, show_txt(s, &b->interaction.prompt));
        break;
    case STORY_INT_IDEA:
        show_tr(s, "idea %s: %s", b->id, show_txt(s, &b->interaction.prompt));
        break;
    case STORY_INT_DISCUSS:
        show_tr(s, "discuss %s: %s (%d s)", b->id, show_txt(s, &b->interaction.prompt),
                b->interaction.seconds);
        s->timer_beat = bi;
        s->seconds_left = b->interaction.seconds > 0 ? b->interaction.seconds : -1;
        s->timer_running = b->interaction.seconds > 0;
        s->timer_deadline = s->now + (unsigned long)b->interaction.seconds * 1000UL;
        break;
    default: break;
    }
    if (kept)
        show_tr(s, "vote kept %d", vote_id(s->ictx.poll));
}

void show_announce_position(Show *s)
{
    if (!s->run)
        return;
    s->held = 0;
    if (story_pos(s->run) == STORY_AT_INTERACTION)
        show_announce_interaction(s);
    else if (story_pos(s->run) == STORY_AT_END)
        show_tr(s, "ending %s", show_beat_name(s, story_current_beat(s->run)));
}

static void announce_step(Show *s)
{
    const StoryBeat *b = show_cur_beat(s);
    int k = story_steps_shown(s->run);
    const StoryStep *st = NULL;
    if (!b || k <= 0 || k > b->n_steps)
        return;
    st = &b->steps[k - 1];
    switch (st->kind) {
    case STORY_STEP_LINE:
        show_tr(s, "line %s: %s", show_cast_name(s, st->speaker), show_txt(s, &st->text));
        break;
    case STORY_STEP_MESSAGE:
        show_tr(s, "message %s->%s %s: %s", show_cast_name(s, st->speaker), show_cast_name(s, st->phone),
                st->time ? st->time : "", show_txt(s, &st->text));
        break;
    case STORY_STEP_NARRATION: show_tr(s, "narration: %s", show_txt(s, &st->text)); break;
    case STORY_STEP_IMAGE:
        show_tr(s, "image %s: %s", st->image ? st->image : "", show_txt(s, &st->text));
        break;
    }
}

void show_enter_beat(Show *s)
{
    const StoryBeat *b = show_cur_beat(s);
    if (!b)
        return;
    s->shown_interaction = -1;
    s->kept_beat = -1;
    s->held = 0;
    s->timer_beat = -1;
    s->timer_running = 0;
    s->ending_page = 0;
    show_poll_reset(&s->ictx);
    show_poll_reset(&s->left);
    s->left_beat = -1;
    show_tr(s, "beat %s", b->id);
    if (show_txt(s, &b->time)[0] && show_txt(s, &b->place)[0])
        show_tr(s, "caption %s, %s", show_txt(s, &b->time), show_txt(s, &b->place));
    else if (show_txt(s, &b->time)[0] || show_txt(s, &b->place)[0])
        show_tr(s, "caption %s%s", show_txt(s, &b->time), show_txt(s, &b->place));
    show_announce_position(s);
}

/* ---- story movement ------------------------------------------------------- */

int show_next_story(Show *s)
{
    Err e;
    int beat = story_current_beat(s->run);
    int rc = 0;
    err_clear(&e);
    if (s->held) {
        /* the last step was seen: now the interaction or the ending */
        show_announce_position(s);
        return 1;
    }
    if (story_pos(s->run) != STORY_AT_STEPS)
        return 0;
    rc = story_advance(s->run, &e);
    if (rc < 0) {
        show_script_error(s, &e);
        return 1;
    }
    show_jr(s, 'a', 0);
    if (story_current_beat(s->run) != beat)
        show_enter_beat(s);
    else {
        announce_step(s);
        /* the step just shown stays on screen even when it was the last
         * before an interaction or an ending: the next Next shows those */
        if (story_pos(s->run) != STORY_AT_STEPS)
            s->held = 1;
    }
    return 1;
}

/* Leaves the current interaction with decision d (an option, a signal
 * result, or -1 for idea and discuss): a choice takes branch d, a signal
 * records d on the timeline, the others continue.  The error screen when the
 * script fails.  Returns 1 (the view changed). */
static int leave_interaction(Show *s, const StoryBeat *b, int d)
{
    Err e;
    int from = story_current_beat(s->run);
    int choice = b->interaction.kind == STORY_INT_CHOICE;
    /* a vote Back brought back and left the same way is in the record once */
    int again = s->ictx.recorded != -2 && s->ictx.recorded == d;
    int rc = 0;
    PollCtx kept;
    assert(!choice || (d >= 0 && d < b->interaction.n_options));
    if (b->interaction.kind == STORY_INT_SIGNAL) {
        if (!again)
            show_record_signal(s, &s->ictx, from, 0, d);
        show_tr(s, "signal %s result %s", b->id, show_signal_name(d));
    }
    err_clear(&e);
    rc = choice ? story_choose(s->run, d, &e) : story_continue(s->run, d, &e);
    if (rc < 0) {
        show_script_error(s, &e);
        return 1;
    }
    show_jr(s, choice ? 'c' : 'k', d);
    if (choice) {
        /* the room's record: the totals of the vote that decided it */
        if (!again)
            show_emit_poll(s, &s->ictx, SHOW_POLL_CHOICE, from, b->interaction.n_options, d);
        show_tr(s, "branch %s option %d -> %s", show_beat_name(s, from), d + 1,
                show_beat_name(s, story_current_beat(s->run)));
    } else
        show_tr(s, "continue %s -> %s", show_beat_name(s, from),
                show_beat_name(s, story_current_beat(s->run)));
    /* the vote is kept for a Back from the next beat (show_back) */
    kept = s->ictx;
    s->ictx.poll = NULL;
    show_enter_beat(s);
    if (kept.poll) {
        kept.recorded = d;
        kept.ask = SHOW_ASK_NONE;
        kept.selected = -1;
        kept.entry = -1;
        s->left = kept;
        s->left_beat = from;
    } else
        show_poll_reset(&kept);
    return 1;
}

/* Next (vote_key 0) or Vote (1) at the current interaction: a poll opens,
 * reveals and decides; idea and discuss continue on Next. */
int show_interaction_next(Show *s, int vote_key)
{
    const StoryBeat *b = show_cur_beat(s);
    assert(b && show_at_interaction(s));
    switch (b->interaction.kind) {
    case STORY_INT_CHOICE:
    case STORY_INT_SIGNAL: {
        VoteKind vk = b->interaction.kind == STORY_INT_CHOICE ? VOTE_CHOICE : VOTE_SIGNAL;
        int r = show_poll_next(s, &s->ictx, vk, vote_key);
        int d = -1;
        if (r >= 0)
            return r;
        if (vote_key)
            return 0;
        d = show_poll_decision(&s->ictx);
        if (d < 0)
            return 0; /* tie or no votes: the facilitator picks with a digit */
        return leave_interaction(s, b, d);
    }
    case STORY_INT_IDEA:
    case STORY_INT_DISCUSS:
        if (vote_key)
            return 0;
        return leave_interaction(s, b, -1);
    default: return 0;
    }
}

int show_back(Show *s)
{
    int beat = story_current_beat(s->run);
    if (!s->held && story_pos(s->run) != STORY_AT_STEPS && story_steps_shown(s->run) > 0) {
        /* from the interaction or the ending back to the beat's last step;
         * a revealed vote stays decided: Next shows the same result again
         * (a new vote only through the rewind) */
        if (s->ictx.poll && vote_state(s->ictx.poll) == VOTE_REVEALED &&
            s->ictx.ask == SHOW_ASK_NONE && s->ictx.selected < 0)
            s->kept_beat = beat;
        else
            show_poll_reset(&s->ictx);
        s->shown_interaction = -1;
        s->timer_running = 0;
        s->timer_beat = -1;
        s->ending_page = 0;
        s->held = 1;
        show_tr(s, "back %s %d", show_beat_name(s, beat), story_steps_shown(s->run));
        return 1;
    }
    s->held = 0;
    if (story_back(s->run) < 0) {
        /* at the very start: back to the welcome screen */
        s->started = 0;
        show_tr(s, "back welcome");
        return 1;
    }
    show_jr(s, 'b', 0);
    s->shown_interaction = -1;
    if (story_current_beat(s->run) != beat || s->kept_beat != beat) {
        /* another beat: its interaction starts afresh... */
        show_poll_reset(&s->ictx);
        s->kept_beat = -1;
    }
    if (story_current_beat(s->run) != beat && story_current_beat(s->run) == s->left_beat &&
        story_pos(s->run) == STORY_AT_INTERACTION && s->left.poll) {
        /* ...unless it is the vote just left: its result is shown again and
         * Next takes the same way (the room's record keeps it once) */
        s->ictx = s->left;
        s->left.poll = NULL;
        show_poll_reset(&s->left);
        s->left_beat = -1;
        s->kept_beat = story_current_beat(s->run);
    }
    if (story_current_beat(s->run) != beat) {
        s->timer_beat = -1;
        show_tr(s, "back %s", show_beat_name(s, story_current_beat(s->run)));
    } else
        show_tr(s, "back %s %d", show_beat_name(s, beat), story_steps_shown(s->run));
    show_announce_position(s);
    return 1;
}

/* ---- lifecycle and dispatch ------------------------------------------------ */
