/* show_poll.c - the show's polls: the current beat's choice/signal vote and
 * the stop poll (see show_internal.h).
 *
 * A poll context goes: nothing (a digit picks directly) -> OPEN (digits
 * select an option and key its hand count, phones vote) -> REVEALED (the
 * winner, or the facilitator's pick on a tie) -> the caller's decision.
 */
#include "show/show_internal.h"

#include "core/buf.h"

#include <assert.h>
#include <string.h>

/* Only PollCtx members of the Show carry a vote. */
static void assert_ctx_of(const Show *s, const PollCtx *c)
{
    assert(c == &s->ictx || c == &s->sctx);
    (void)s;
    (void)c;
}

void show_poll_reset(PollCtx *c)
{
    assert(c);
    vote_free(c->poll);
    c->poll = NULL;
    c->selected = -1;
    c->entry = -1;
    c->picked = -1;
}

void show_poll_check(const PollCtx *c)
{
    assert(c);
    assert(c->selected >= -1 && c->selected < VOTE_MAX_OPTIONS);
    assert(c->picked >= -1 && c->picked < VOTE_MAX_OPTIONS);
    assert(c->entry >= -1 && c->entry <= VOTE_MAX_HANDS);
    assert(c->entry < 0 || c->selected >= 0);
    assert(c->selected < 0 || (c->poll && vote_state(c->poll) == VOTE_OPEN &&
                               c->selected < vote_n_options(c->poll)));
    (void)c;
}

int show_option_states(Show *s, ShowOption *out, int *n_out)
{
    const StoryBeat *b = show_cur_beat(s);
    Err e;
    int i = 0;
    assert(n_out);
    err_clear(&e);
    *n_out = 0;
    if (!b || b->interaction.kind != STORY_INT_CHOICE)
        return 0;
    for (i = 0; i < b->interaction.n_options && i < STORY_MAX_OPTIONS; i++) {
        StoryOptState st = STORY_OPT_AVAILABLE;
        StoryWhy why = STORY_WHY_NONE;
        int rc = story_option_state(s->run, i, &st, &why, &e);
        if (rc < 0) {
            show_script_error(s, &e);
            return rc;
        }
        if (out) {
            out[i].text = &b->interaction.options[i].text;
            out[i].state = st;
            out[i].why = why;
            out[i].reason = &b->interaction.options[i].reason;
            out[i].explored = story_explored(s->run, story_current_beat(s->run), i);
        }
    }
    *n_out = i;
    return 0;
}

static int n_poll_options(const Show *s, const PollCtx *c)
{
    const StoryBeat *b = NULL;
    assert_ctx_of(s, c);
    if (c == &s->sctx)
        return 3;
    b = show_cur_beat(s);
    if (!b)
        return 0;
    if (b->interaction.kind == STORY_INT_SIGNAL)
        return 3;
    if (b->interaction.kind == STORY_INT_CHOICE)
        return b->interaction.n_options;
    return 0;
}

static int option_enabled(Show *s, const PollCtx *c, int opt)
{
    ShowOption opts[STORY_MAX_OPTIONS];
    int n = 0;
    if (opt < 0 || opt >= n_poll_options(s, c))
        return 0;
    /* n_poll_options found a beat for the interaction's poll */
    assert(c == &s->sctx || show_cur_beat(s));
    if (c == &s->sctx || show_cur_beat(s)->interaction.kind != STORY_INT_CHOICE)
        return 1;
    if (show_option_states(s, opts, &n) < 0)
        return 0;
    return opt < n && opts[opt].state == STORY_OPT_AVAILABLE;
}

static int poll_open(Show *s, PollCtx *c, VoteKind kind)
{
    int enabled[VOTE_MAX_OPTIONS];
    int n = n_poll_options(s, c), i = 0;
    Err e;
    err_clear(&e);
    if (n < 2)
        return 0;
    for (i = 0; i < n && i < VOTE_MAX_OPTIONS; i++)
        enabled[i] = option_enabled(s, c, i);
    if (s->error[0])
        return 1;
    vote_free(c->poll);
    c->poll = vote_new(kind, ++s->poll_seq, n, enabled, &e);
    if (!c->poll) {
        show_script_error(s, &e);
        return 1;
    }
    vote_open(c->poll);
    c->selected = -1;
    c->entry = -1;
    show_tr(s, "vote open %d", vote_id(c->poll));
    return 1;
}

static void commit_entry(Show *s, PollCtx *c)
{
    if (c->poll && c->selected >= 0 && c->entry >= 0) {
        if (vote_hands_set(c->poll, c->selected, c->entry) == 0)
            show_tr(s, "hands %d %d", c->selected + 1, c->entry);
    }
    c->selected = -1;
    c->entry = -1;
}

static void poll_reveal(Show *s, PollCtx *c)
{
    Buf b = BUF_INIT;
    int i = 0, w = 0;
    unsigned tied = 0;
    assert(c->poll && vote_state(c->poll) == VOTE_OPEN);
    commit_entry(s, c);
    vote_reveal(c->poll);
    for (i = 0; i < vote_n_options(c->poll); i++)
        buf_printf(&b, "%s%d=%d(%d+%d)", i ? " " : "", i + 1, vote_total(c->poll, i),
                   vote_hands(c->poll, i), vote_phones(c->poll, i));
    w = vote_winner(c->poll, &tied);
    if (w >= 0)
        buf_printf(&b, " winner %d", w + 1);
    else if (w == -2) {
        buf_puts(&b, " tie");
        for (i = 0; i < vote_n_options(c->poll); i++)
            if (tied & (1u << i))
                buf_printf(&b, " %d", i + 1);
    } else
        buf_puts(&b, " no votes");
    show_tr(s, "result %s", buf_str(&b));
    buf_free(&b);
}

int show_poll_decision(const PollCtx *c)
{
    int w = -1;
    show_poll_check(c);
    if (c->picked >= 0)
        return c->picked;
    if (!c->poll || vote_state(c->poll) != VOTE_REVEALED)
        return -1;
    w = vote_winner(c->poll, NULL);
    return w >= 0 ? w : -1;
}

void show_record_signal(Show *s, const PollCtx *c, int beat, int stop, int result)
{
    ShowSignal *sg = NULL;
    int i = 0;
    assert(s->n_signals >= 0 && s->n_signals <= SHOW_MAX_SIGNALS);
    assert(!c->poll || vote_n_options(c->poll) == 3); /* a signal poll */
    assert(result >= -1 && result < 3);
    if (s->n_signals >= SHOW_MAX_SIGNALS)
        return;
    sg = &s->signals[s->n_signals++];
    memset(sg, 0, sizeof *sg);
    sg->beat = beat;
    sg->stop = stop;
    sg->result = result;
    for (i = 0; i < 3 && c->poll; i++)
        sg->counts[i] = vote_total(c->poll, i);
}

int show_poll_key(Show *s, PollCtx *c, ShowAction a, int arg)
{
    int n = n_poll_options(s, c);
    show_poll_check(c);
    if (a == SHOW_ACT_DIGIT || a == SHOW_ACT_CLICK) {
        int opt = a == SHOW_ACT_DIGIT ? arg - 1 : arg;
        if (a == SHOW_ACT_DIGIT && c->poll && vote_state(c->poll) == VOTE_OPEN && c->selected >= 0) {
            /* typing a hand count */
            int v = c->entry < 0 ? arg : c->entry * 10 + arg;
            if (v <= VOTE_MAX_HANDS)
                c->entry = v;
            return 1;
        }
        if (opt < 0 || opt >= n)
            return 1; /* a stray digit changes nothing */
        if (!option_enabled(s, c, opt))
            return 1;
        if (c->poll && vote_state(c->poll) == VOTE_OPEN) {
            c->selected = opt;
            c->entry = -1;
        } else {
            c->picked = opt;
            show_tr(s, "pick %d", opt + 1);
        }
        return 1;
    }
    if (!c->poll || vote_state(c->poll) != VOTE_OPEN)
        return 0;
    switch (a) {
    case SHOW_ACT_UP:
    case SHOW_ACT_DOWN:
        if (c->selected >= 0) {
            int sel = c->selected;
            commit_entry(s, c);
            vote_hands_add(c->poll, sel, a == SHOW_ACT_UP ? 1 : -1);
            show_tr(s, "hands %d %d", sel + 1, vote_hands(c->poll, sel));
            c->selected = sel;
        }
        return 1;
    case SHOW_ACT_DELETE:
        if (c->entry >= 10)
            c->entry /= 10;
        else if (c->entry >= 0)
            c->entry = -1;
        else
            c->selected = -1;
        return 1;
    case SHOW_ACT_CANCEL:
        if (c->selected >= 0) {
            c->selected = -1;
            c->entry = -1;
            return 1;
        }
        return 0;
    default: return 0;
    }
}

int show_poll_next(Show *s, PollCtx *c, VoteKind kind, int vote_key)
{
    show_poll_check(c);
    if (!c->poll) {
        if (c->picked >= 0 && !vote_key)
            return -1;
        return poll_open(s, c, kind);
    }
    if (vote_state(c->poll) == VOTE_OPEN) {
        if (c->selected >= 0 && !vote_key) {
            commit_entry(s, c);
            return 1;
        }
        poll_reveal(s, c);
        return 1;
    }
    return -1;
}

/* ---- phones --------------------------------------------------------------- */

/* The poll phones vote in and the projector shows: the stop poll once opened. */
static const PollCtx *open_ctx(const Show *s)
{
    if ((s->overlays & SHOW_OV_STOP) && s->sctx.poll)
        return &s->sctx;
    return &s->ictx;
}

int show_phone_vote(Show *s, int poll_id, const char *token, int opt)
{
    const PollCtx *c = NULL;
    int rc = 0;
    assert(s);
    c = open_ctx(s);
    if (!c->poll || vote_id(c->poll) != poll_id)
        return ERR_STATE;
    rc = vote_phone(c->poll, token, opt);
    if (rc == 0)
        show_tr(s, "phone vote %d %d", poll_id, opt + 1);
    return rc;
}

const Poll *show_current_poll(const Show *s)
{
    assert(s);
    return open_ctx(s)->poll;
}

int show_poll_seq(const Show *s)
{
    assert(s);
    return s->poll_seq;
}

void show_set_poll_seq(Show *s, int seq)
{
    assert(s);
    if (seq > s->poll_seq)
        s->poll_seq = seq;
}
