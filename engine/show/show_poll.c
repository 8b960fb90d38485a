/* show_poll.c - the show's polls: the current beat's choice/signal vote and
 * the stop poll (see show_internal.h).
 *
 * A poll context goes: nothing (a digit picks directly) -> OPEN (each option
 * has a hand-count field: the focused one shows the digits typed, Next keeps
 * the count and moves on; phones vote) -> REVEALED (the winner, or the
 * facilitator's pick; Up/Down reopen the fields to correct a count) -> the
 * caller's decision.  A count larger than the room, and a reveal with no
 * votes or uncounted options, ask first (J yes, Esc no).  What each key does
 * in each state comes from one table (poll_keys), which also writes the key
 * hint, so the hint never promises a key that does nothing.  Each poll
 * counts hands, phones or both (the event's choice, C per poll).
 */
#include "show/show_internal.h"

#include "core/buf.h"
#include "show/ui_text.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* Only PollCtx members of the Show carry a vote. */
static void assert_ctx_of(const Show *s, const PollCtx *c)
{
    assert(c == &s->ictx || c == &s->sctx || c == &s->mctx);
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
    c->mode = 0;
    c->counted = 0;
    c->ask = SHOW_ASK_NONE;
    c->ask_act = SHOW_ACT_NONE;
    c->ask_arg = 0;
    c->act_arg = 0;
    c->asked_ok = 0;
    c->recorded = -2;
    c->last = -1;
    c->refused = 0;
}

void show_poll_check(const PollCtx *c)
{
    assert(c);
    assert(c->selected >= -1 && c->selected < VOTE_MAX_OPTIONS);
    assert(c->picked >= -1 && c->picked < VOTE_MAX_OPTIONS);
    assert(c->entry >= -1 && c->entry <= VOTE_MAX_HANDS);
    assert(c->entry < 0 || c->selected >= 0);
    assert(c->selected < 0 ||
           (c->poll && vote_state(c->poll) != VOTE_READY && c->selected < vote_n_options(c->poll) &&
            (vote_sources(c->poll) & VOTE_SRC_HANDS)));
    assert(c->ask == SHOW_ASK_NONE || c->poll);
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
    if (c != &s->ictx)
        return 3; /* the stop poll and the statements are signal polls */
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
    assert(c != &s->ictx || show_cur_beat(s));
    if (c != &s->ictx || show_cur_beat(s)->interaction.kind != STORY_INT_CHOICE)
        return 1;
    if (show_option_states(s, opts, &n) < 0)
        return 0;
    return opt < n && opts[opt].state == STORY_OPT_AVAILABLE;
}

/* The counting of c: the poll's own once it is open, else c's choice (C
 * before opening), else the event's. */
static ShowCount ctx_mode(const Show *s, const PollCtx *c)
{
    if (c->poll)
        return (ShowCount)vote_sources(c->poll);
    return c->mode ? (ShowCount)c->mode : s->count_mode;
}

static int counts_hands(const Show *s, const PollCtx *c)
{
    return (ctx_mode(s, c) & VOTE_SRC_HANDS) != 0;
}

/* The first enabled option after `from` (-1: from the start), or -1. */
static int next_field(const PollCtx *c, int from)
{
    int i = 0;
    for (i = from + 1; i < vote_n_options(c->poll); i++)
        if (vote_option_enabled(c->poll, i))
            return i;
    return -1;
}

/* The last enabled option before `from` (n: from the end), or -1. */
static int prev_field(const PollCtx *c, int from)
{
    int i = 0;
    for (i = from - 1; i >= 0; i--)
        if (vote_option_enabled(c->poll, i))
            return i;
    return -1;
}

/* The lowest set bit's index, -1 for none. */
static int first_bit(unsigned m)
{
    int i = 0;
    for (i = 0; i < 32; i++)
        if (m & (1u << i))
            return i;
    return -1;
}

static unsigned enabled_mask(const PollCtx *c)
{
    unsigned m = 0;
    int i = 0;
    for (i = 0; i < vote_n_options(c->poll); i++)
        if (vote_option_enabled(c->poll, i))
            m |= 1u << i;
    return m;
}

/* The field a digit types into: the focused one, else the first enabled
 * option whose hands were not counted yet (-1: every one was). */
static int type_field(const PollCtx *c)
{
    if (c->selected >= 0)
        return c->selected;
    return first_bit(enabled_mask(c) & ~c->counted);
}

/* More hands than the room can hold: the count asks before it is kept. */
static int hands_limit(const Show *s)
{
    int room = s->phones_joined + s->class_size;
    return room < SHOW_MAX_HANDS_OK ? room : SHOW_MAX_HANDS_OK;
}

static int poll_open(Show *s, PollCtx *c, VoteKind kind)
{
    int enabled[VOTE_MAX_OPTIONS];
    int n = n_poll_options(s, c), i = 0;
    ShowCount mode = ctx_mode(s, c);
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
    vote_set_sources(c->poll, (int)mode);
    vote_open(c->poll);
    c->picked = -1; /* the vote decides now */
    c->counted = 0;
    c->entry = -1;
    c->last = -1;
    c->selected = (mode & VOTE_SRC_HANDS) ? next_field(c, -1) : -1;
    show_tr(s, "vote open %d %s", vote_id(c->poll),
            mode == SHOW_COUNT_HANDS ? "hands" : mode == SHOW_COUNT_PHONES ? "phones" : "both");
    return 1;
}

/* The "result" transcript line: per option total(hands+phones), the counted
 * sources first, then the winner, the tie or "no votes". */
static void tr_result(Show *s, const PollCtx *c, const char *what)
{
    Buf b = BUF_INIT;
    int i = 0, w = 0, src = vote_sources(c->poll);
    unsigned tied = 0;
    buf_puts(&b, src == VOTE_SRC_HANDS ? "hands" : src == VOTE_SRC_PHONES ? "phones" : "both");
    for (i = 0; i < vote_n_options(c->poll); i++) {
        if (src == VOTE_SRC_BOTH)
            buf_printf(&b, " %d=%d(%d hands+%d phones)", i + 1, vote_total(c->poll, i),
                       vote_hands(c->poll, i), vote_phones(c->poll, i));
        else
            buf_printf(&b, " %d=%d", i + 1, vote_total(c->poll, i));
    }
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
    show_tr(s, "%s %s", what, buf_str(&b));
    buf_free(&b);
}

/* Asks q before `act` goes on (unless the facilitator said yes to q for it
 * already).  Returns 1 when it asked. */
static int ask(PollCtx *c, ShowAsk q, ShowAction act)
{
    if (c->asked_ok & (1u << q))
        return 0;
    c->ask = q;
    c->ask_act = act;
    c->ask_arg = c->act_arg;
    return 1;
}

/* Keeps the typed count of the focused field.  A count larger than the room
 * asks first (for `act`) unless `quiet`; a quiet commit of such a count
 * leaves it typed.  After the reveal the result follows (and a pick made on
 * the old counts is dropped).  Returns 1 when it asked, else 0. */
static int commit_entry(Show *s, PollCtx *c, ShowAction act, int quiet)
{
    int sel = c->selected, v = c->entry;
    if (sel < 0 || v < 0)
        return 0;
    if (v > hands_limit(s)) {
        if (quiet)
            return 0;
        if (ask(c, SHOW_ASK_BIG_COUNT, act))
            return 1;
    }
    c->entry = -1;
    c->counted |= 1u << sel;
    if (vote_hands(c->poll, sel) == v)
        return 0;
    if (vote_hands_set(c->poll, sel, v) == 0)
        show_tr(s, "hands %d %d", sel + 1, v);
    if (vote_state(c->poll) == VOTE_REVEALED) {
        if (c->picked >= 0)
            show_tr(s, "pick %d dropped", c->picked + 1);
        c->picked = -1;
        tr_result(s, c, "result corrected");
    }
    return 0;
}

/* Reveals c's vote after the questions: nobody voted, hands not counted. */
static void poll_reveal(Show *s, PollCtx *c, ShowAction act)
{
    unsigned missing = 0;
    assert(c->poll && vote_state(c->poll) == VOTE_OPEN);
    if (commit_entry(s, c, act, 0))
        return;
    if (vote_grand_total(c->poll) == 0 && ask(c, SHOW_ASK_EMPTY, act))
        return;
    missing = enabled_mask(c) & ~c->counted;
    if (counts_hands(s, c) && missing && vote_grand_total(c->poll) > 0 &&
        ask(c, SHOW_ASK_UNCOUNTED, act))
        return;
    c->selected = -1;
    c->last = -1;
    vote_reveal(c->poll);
    tr_result(s, c, "result");
}

/* ---- what each key does in each state: one table for keys and hint ------- */

enum {
    K_PICK = 1 << 0,       /* 1-9 picks an option */
    K_TYPE = 1 << 1,       /* 0-9 types into the focused field */
    K_OPEN = 1 << 2,       /* V (and Next without a pick) opens the vote */
    K_GO = 1 << 3,         /* Next leaves with the decision */
    K_REVEAL = 1 << 4,     /* V reveals */
    K_NEXT_REVEAL = 1 << 5, /* Next reveals */
    K_NEXT_FIELD = 1 << 6, /* Next keeps the count and goes to the next field */
    K_PREV_FIELD = 1 << 7, /* Back keeps the count and goes to the previous field */
    K_FIELDS = 1 << 8,     /* Up/Down move between the fields */
    K_CORRECT = 1 << 9,    /* Up/Down after the reveal: correct a count */
    K_DELETE = 1 << 10,    /* Backspace deletes a typed digit */
    K_DONE = 1 << 11,      /* Esc keeps the count and leaves the fields */
    K_CANCEL_VOTE = 1 << 12, /* Esc closes a vote nobody voted in */
    K_COUNT = 1 << 13,     /* C switches hands / phones / both */
    K_BACK = 1 << 14,      /* Back (Esc on the stop poll) leaves: the story's or the stop's */
    K_ASK = 1 << 15,       /* J yes, Esc no */
    K_CLOSE = 1 << 16      /* Next closes the stop poll without a result */
};

static unsigned poll_keys(const Show *s, const PollCtx *c)
{
    int stop = c == &s->sctx;
    int hands = counts_hands(s, c);
    unsigned k = 0;
    show_poll_check(c);
    if (c->ask != SHOW_ASK_NONE)
        return K_ASK;
    if (c == &s->mctx && (!c->poll || (vote_state(c->poll) == VOTE_REVEALED && c->selected < 0))) {
        /* a statement: nothing to pick (only the room's answer counts); after
         * the reveal Next goes to the next statement; S skips the rest */
        if (!c->poll)
            return K_OPEN | K_BACK | (s->phones_on ? K_COUNT : 0u);
        return K_CLOSE | K_BACK | (hands ? K_CORRECT : 0u);
    }
    if (!c->poll) {
        k = K_PICK | K_OPEN | K_BACK;
        if (c->picked >= 0)
            k |= K_GO;
        if (s->phones_on)
            k |= K_COUNT;
        return k;
    }
    if (vote_state(c->poll) == VOTE_OPEN) {
        k = K_REVEAL;
        if (s->phones_on)
            k |= K_COUNT;
        if (c->selected >= 0) {
            k |= K_TYPE | K_NEXT_FIELD | K_FIELDS;
            if (c->entry >= 0)
                k |= K_DELETE;
            /* Esc closes a vote nobody voted in at once, else it leaves the fields */
            if (c->entry < 0 && vote_grand_total(c->poll) == 0 && !c->counted)
                k |= K_CANCEL_VOTE;
            else
                k |= K_DONE;
            if (prev_field(c, c->selected) >= 0)
                k |= K_PREV_FIELD;
            return k;
        }
        k |= K_NEXT_REVEAL;
        if (hands)
            k |= K_FIELDS;
        if (hands && type_field(c) >= 0)
            k |= K_TYPE; /* a digit marks the first option not counted yet */
        if (vote_grand_total(c->poll) == 0 && !c->counted)
            k |= K_CANCEL_VOTE;
        return k;
    }
    /* revealed */
    if (c->selected >= 0) {
        k = K_TYPE | K_NEXT_FIELD | K_FIELDS | K_DONE;
        if (c->entry >= 0)
            k |= K_DELETE;
        if (prev_field(c, c->selected) >= 0)
            k |= K_PREV_FIELD;
        return k;
    }
    k = K_PICK | K_BACK;
    if (show_poll_decision(c) >= 0)
        k |= K_GO;
    else if (stop)
        k |= K_CLOSE;
    if (hands)
        k |= K_CORRECT;
    return k;
}

/* C: hands -> phones -> both -> hands for this poll. */
static void switch_count(Show *s, PollCtx *c)
{
    ShowCount m = ctx_mode(s, c);
    m = m == SHOW_COUNT_HANDS ? SHOW_COUNT_PHONES : m == SHOW_COUNT_PHONES ? SHOW_COUNT_BOTH
                                                                          : SHOW_COUNT_HANDS;
    c->mode = (int)m;
    if (c->poll) {
        commit_entry(s, c, SHOW_ACT_COUNT, 1);
        vote_set_sources(c->poll, (int)m);
        c->entry = -1;
        c->selected = (m & VOTE_SRC_HANDS) ? next_field(c, -1) : -1;
    }
    show_tr(s, "count %s",
            m == SHOW_COUNT_HANDS ? "hands" : m == SHOW_COUNT_PHONES ? "phones" : "both");
}

/* Moves the focus to field `to` (-1: off the fields) after keeping the
 * typed count; returns 1 (also when the count asked first). */
static int focus_move(Show *s, PollCtx *c, int to, ShowAction act)
{
    if (commit_entry(s, c, act, 0))
        return 1;
    if (c->selected >= 0)
        c->last = c->selected;
    c->selected = to;
    c->entry = -1;
    return 1;
}

/* Esc on an open vote nobody voted in (and nothing counted): closes it. */
static void close_vote(Show *s, PollCtx *c)
{
    show_tr(s, "vote closed %d", vote_id(c->poll));
    vote_free(c->poll);
    c->poll = NULL;
    c->counted = 0;
    c->selected = -1;
    c->entry = -1;
    c->last = -1;
}

/* The keys of an open or revealed poll with the focus in a field. */
static int field_key(Show *s, PollCtx *c, unsigned k, ShowAction a, int arg)
{
    int sel = c->selected, to = -1;
    switch (a) {
    case SHOW_ACT_DIGIT: {
        int v = c->entry < 0 ? arg : c->entry * 10 + arg;
        if (v <= VOTE_MAX_HANDS)
            c->entry = v;
        return 1;
    }
    case SHOW_ACT_DELETE:
        if (k & K_DELETE)
            c->entry = c->entry >= 10 ? c->entry / 10 : -1;
        return 1;
    case SHOW_ACT_NEXT: return focus_move(s, c, next_field(c, sel), a);
    case SHOW_ACT_BACK:
        if (k & K_PREV_FIELD)
            return focus_move(s, c, prev_field(c, sel), a);
        return 1;
    case SHOW_ACT_UP:
        to = prev_field(c, sel);
        return focus_move(s, c, to >= 0 ? to : sel, a);
    case SHOW_ACT_DOWN: return focus_move(s, c, next_field(c, sel), a);
    case SHOW_ACT_CANCEL:
        if (k & K_CANCEL_VOTE) {
            close_vote(s, c);
            return 1;
        }
        return focus_move(s, c, -1, a);
    case SHOW_ACT_CLICK:
        if (vote_option_enabled(c->poll, arg))
            return focus_move(s, c, arg, a);
        return 1;
    case SHOW_ACT_VOTE:
        if (vote_state(c->poll) == VOTE_OPEN) {
            poll_reveal(s, c, a);
            return 1;
        }
        return focus_move(s, c, -1, a);
    default: return 0;
    }
}

/* J/Y says yes to the pending question (the key that asked goes on),
 * Esc or Back says no (a count too large is typed again). */
static int ask_key(Show *s, PollCtx *c, ShowAction a, int arg);

static int poll_act(Show *s, PollCtx *c, ShowAction a, int arg, VoteKind kind)
{
    unsigned k = poll_keys(s, c);
    if (k & K_ASK)
        return ask_key(s, c, a, arg);
    c->act_arg = arg;
    c->refused = 0;
    if (a == SHOW_ACT_COUNT) {
        if (k & K_COUNT)
            switch_count(s, c);
        return 1;
    }
    if (c->selected >= 0)
        return field_key(s, c, k, a, arg);
    switch (a) {
    case SHOW_ACT_DIGIT:
    case SHOW_ACT_CLICK: {
        int opt = a == SHOW_ACT_DIGIT ? arg - 1 : arg;
        if (!(k & K_PICK)) {
            if (a == SHOW_ACT_CLICK && (k & K_FIELDS) && vote_option_enabled(c->poll, opt))
                c->selected = opt;
            else if (a == SHOW_ACT_DIGIT && (k & K_TYPE)) {
                /* no field marked: the digit goes to the first option not
                 * counted yet, which shows it (never over a kept count) */
                c->selected = type_field(c);
                c->entry = arg;
            } else if (a == SHOW_ACT_DIGIT && (k & K_FIELDS)) {
                c->refused = 1; /* every option counted: the hint says ↑↓ first */
                show_tr(s, "digit ignored: every option counted, no field marked");
            }
            return 1; /* a stray digit changes nothing */
        }
        if (opt < 0 || opt >= n_poll_options(s, c) || !option_enabled(s, c, opt))
            return 1;
        c->picked = opt;
        show_tr(s, "pick %d", opt + 1);
        return 1;
    }
    case SHOW_ACT_UP:
    case SHOW_ACT_DOWN:
        if (k & (K_FIELDS | K_CORRECT)) {
            int to = a == SHOW_ACT_UP ? prev_field(c, vote_n_options(c->poll)) : next_field(c, -1);
            if (c->last >= 0 && vote_state(c->poll) == VOTE_OPEN) {
                /* after Esc: on from the field left: Down the option after it
                 * (it again after the last), Up that field itself to correct it */
                to = a == SHOW_ACT_UP ? c->last : next_field(c, c->last);
                if (to < 0)
                    to = c->last;
            }
            c->selected = to;
            c->entry = -1;
        }
        return 1;
    case SHOW_ACT_CANCEL:
        if (k & K_CANCEL_VOTE) {
            close_vote(s, c);
            return 1;
        }
        return 0;
    case SHOW_ACT_VOTE:
        if (k & K_OPEN)
            return poll_open(s, c, kind);
        if (k & K_REVEAL) {
            poll_reveal(s, c, a);
            return 1;
        }
        return -1; /* after the reveal V has nothing to do (the caller never decides on V) */
    case SHOW_ACT_NEXT:
        if (k & K_NEXT_REVEAL) {
            poll_reveal(s, c, a);
            return 1;
        }
        if ((k & K_OPEN) && c->picked < 0)
            return poll_open(s, c, kind);
        /* a decision to leave with (K_GO), the stop poll closing without one
         * (K_CLOSE), or no decision yet (tie, no votes): the caller decides,
         * and without a decision nothing happens; the hint says pick */
        return -1;
    case SHOW_ACT_BACK:
        if (c->poll && vote_state(c->poll) == VOTE_OPEN)
            return 1; /* an open vote is not left by Back: Esc closes an empty one */
        return 0;
    default: return 0;
    }
}

static int ask_key(Show *s, PollCtx *c, ShowAction a, int arg)
{
    ShowAsk q = c->ask;
    ShowAction act = c->ask_act;
    int act_arg = c->ask_arg;
    VoteKind kind = vote_kind(c->poll);
    (void)arg;
    if (a == SHOW_ACT_YES) {
        show_tr(s, "asked %s: yes",
                q == SHOW_ASK_BIG_COUNT ? "big count" : q == SHOW_ASK_EMPTY ? "no votes" : "uncounted");
        c->ask = SHOW_ASK_NONE;
        c->asked_ok |= 1u << q;
        poll_act(s, c, act, act_arg, kind);
        if (c->ask == SHOW_ASK_NONE)
            c->asked_ok = 0;
        return 1;
    }
    if (a == SHOW_ACT_CANCEL || a == SHOW_ACT_BACK) {
        show_tr(s, "asked %s: no",
                q == SHOW_ASK_BIG_COUNT ? "big count" : q == SHOW_ASK_EMPTY ? "no votes" : "uncounted");
        if (q == SHOW_ASK_BIG_COUNT)
            c->entry = -1;
        c->ask = SHOW_ASK_NONE;
        c->asked_ok = 0;
        return 1;
    }
    return 1; /* the question waits: a double press does not answer it */
}

void show_poll_hold(Show *s, PollCtx *c)
{
    show_poll_check(c);
    if (c->ask == SHOW_ASK_NONE)
        commit_entry(s, c, SHOW_ACT_NONE, 1);
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

void show_emit_poll(Show *s, const PollCtx *c, ShowPollKind kind, int beat, int nopt, int result)
{
    ShowPollResult r;
    int i = 0;
    if (!s->pfn)
        return;
    memset(&r, 0, sizeof r);
    r.kind = kind;
    r.beat_id = show_beat_name(s, beat);
    r.pass = s->pass + 1;
    r.n_options = nopt;
    r.result = result;
    r.voted = c->poll != NULL;
    for (i = 0; i < r.n_options && i < STORY_MAX_OPTIONS && c->poll; i++) {
        r.hands[i] = vote_hands(c->poll, i);
        r.phones[i] = vote_phones(c->poll, i);
        if (!vote_option_enabled(c->poll, i))
            r.closed |= 1u << i;
    }
    if (s->sc && beat >= 0 && beat < s->sc->n_beats && kind != SHOW_POLL_STOP) {
        const StoryBeat *b = &s->sc->beats[beat];
        r.prompt = show_txt(s, &b->interaction.prompt);
        for (i = 0; kind == SHOW_POLL_CHOICE && i < r.n_options && i < b->interaction.n_options; i++)
            r.options[i] = show_txt(s, &b->interaction.options[i].text);
    }
    s->pfn(s->pud, &r);
}

void show_record_signal(Show *s, const PollCtx *c, int beat, int stop, int result)
{
    ShowSignal *sg = NULL;
    int i = 0;
    assert(s->n_signals >= 0 && s->n_signals <= SHOW_MAX_SIGNALS);
    assert(!c->poll || vote_n_options(c->poll) == 3); /* a signal poll */
    assert(result >= -1 && result < 3);
    show_emit_poll(s, c, stop ? SHOW_POLL_STOP : SHOW_POLL_SIGNAL, beat, 3, result);
    if (s->n_signals >= SHOW_MAX_SIGNALS)
        return;
    sg = &s->signals[s->n_signals++];
    memset(sg, 0, sizeof *sg);
    sg->beat = beat;
    sg->stop = stop;
    sg->result = result;
    sg->pass = s->pass + 1;
    for (i = 0; i < 3 && c->poll; i++)
        sg->counts[i] = vote_total(c->poll, i);
}

int show_poll_key(Show *s, PollCtx *c, ShowAction a, int arg)
{
    show_poll_check(c);
    if (a == SHOW_ACT_NEXT || a == SHOW_ACT_VOTE) {
        if (c->ask == SHOW_ASK_NONE)
            return 0; /* show_poll_next */
        return ask_key(s, c, a, arg);
    }
    if (a == SHOW_ACT_STOP || a == SHOW_ACT_REWIND) {
        show_poll_hold(s, c);
        return 0;
    }
    if (a == SHOW_ACT_YES && c->ask == SHOW_ASK_NONE)
        return 0;
    if (a == SHOW_ACT_DIGIT || a == SHOW_ACT_CLICK || a == SHOW_ACT_UP || a == SHOW_ACT_DOWN ||
        a == SHOW_ACT_DELETE || a == SHOW_ACT_CANCEL || a == SHOW_ACT_BACK ||
        a == SHOW_ACT_COUNT || a == SHOW_ACT_YES)
        return poll_act(s, c, a, arg, c != &s->ictx ? VOTE_SIGNAL : VOTE_CHOICE) > 0;
    return 0;
}

int show_poll_next(Show *s, PollCtx *c, VoteKind kind, int vote_key)
{
    show_poll_check(c);
    return poll_act(s, c, vote_key ? SHOW_ACT_VOTE : SHOW_ACT_NEXT, 0, kind);
}

/* ---- the view: fields, question and key hint ------------------------------- */

/* Appends a hint piece with the separator. */
static void hint_add(Buf *b, int en, UiTextId id)
{
    buf_printf(b, "%s%s", b->len ? "   " : "", ui_text(en, id));
}

static UiTextId count_name(ShowCount m)
{
    return m == SHOW_COUNT_HANDS ? UI_POLL_COUNT_HANDS
           : m == SHOW_COUNT_PHONES ? UI_POLL_COUNT_PHONES
                                    : UI_POLL_COUNT_BOTH;
}

void show_poll_view(const Show *s, const PollCtx *c, ShowView *v)
{
    Buf b = BUF_INIT;
    unsigned k = poll_keys(s, c);
    int en = s->ui_en, stop = c == &s->sctx, d = show_poll_decision(c);
    v->poll = c->poll;
    v->selected = c->selected;
    v->entry = c->entry;
    v->picked = c->picked;
    v->counted = c->counted;
    v->count = ctx_mode(s, c);
    v->ask = c->ask;
    if (c->poll && vote_state(c->poll) == VOTE_REVEALED)
        v->winner = vote_winner(c->poll, &v->tied);
    v->ask_text[0] = '\0';
    if (c->ask == SHOW_ASK_BIG_COUNT)
        snprintf(v->ask_text, sizeof v->ask_text, "%d%s%d%s%d%s", c->entry,
                 ui_text(en, UI_ASK_BIG_1), c->selected + 1, ui_text(en, UI_ASK_BIG_2),
                 hands_limit(s), ui_text(en, UI_ASK_BIG_3));
    else if (c->ask == SHOW_ASK_EMPTY)
        snprintf(v->ask_text, sizeof v->ask_text, "%s", ui_text(en, UI_ASK_EMPTY));
    else if (c->ask == SHOW_ASK_UNCOUNTED)
        snprintf(v->ask_text, sizeof v->ask_text, "%s%d%s", ui_text(en, UI_ASK_UNCOUNTED_1),
                 first_bit(enabled_mask(c) & ~c->counted) + 1,
                 ui_text(en, UI_ASK_UNCOUNTED_2));
    /* the hint: every piece is a key poll_keys says works now */
    if (k & K_ASK) {
        hint_add(&b, en, UI_POLL_KEY_YES);
        hint_add(&b, en, UI_POLL_KEY_NO);
    }
    if (c->refused)
        hint_add(&b, en, UI_POLL_ALL_COUNTED);
    if (k & K_TYPE)
        buf_printf(&b, "%s%s%d", b.len ? "   " : "", ui_text(en, UI_POLL_KEY_TYPE),
                   type_field(c) + 1);
    if (k & K_DELETE)
        hint_add(&b, en, UI_POLL_KEY_DELETE);
    if (k & K_NEXT_FIELD)
        hint_add(&b, en, next_field(c, c->selected) >= 0 ? UI_POLL_KEY_NEXT_FIELD
                                                          : UI_POLL_KEY_LAST_FIELD);
    if (k & K_PREV_FIELD)
        hint_add(&b, en, UI_POLL_KEY_PREV_FIELD);
    if (k & K_GO)
        buf_printf(&b, "%s%s%d", b.len ? "   " : "", ui_text(en, UI_POLL_KEY_GO), d + 1);
    if ((k & K_CLOSE) && c == &s->mctx)
        hint_add(&b, en, s->sc && s->measure_i + 1 < s->sc->n_statements ? UI_POLL_KEY_NEXT_STATEMENT
                                                                          : UI_POLL_KEY_LAST_STATEMENT);
    else if (k & K_CLOSE)
        hint_add(&b, en, UI_POLL_KEY_CLOSE_NEXT);
    if ((k & K_OPEN) && c->picked < 0)
        hint_add(&b, en, UI_POLL_KEY_OPEN_BOTH);
    else if (k & K_OPEN)
        hint_add(&b, en, UI_POLL_KEY_OPEN);
    if (k & K_NEXT_REVEAL)
        hint_add(&b, en, UI_POLL_KEY_REVEAL_BOTH);
    else if (k & K_REVEAL)
        hint_add(&b, en, UI_POLL_KEY_REVEAL);
    if (k & K_PICK) /* the digits that pick: 1 up to the number of options */
        buf_printf(&b, "%s1–%d%s", b.len ? "   " : "", n_poll_options(s, c),
                   ui_text(en, !c->poll ? (c->picked >= 0 ? UI_POLL_KEY_PICK_OTHER : UI_POLL_KEY_PICK)
                               : d >= 0 ? UI_POLL_KEY_PICK_OTHER
                                        : UI_POLL_KEY_PICK_NOW));
    if (k & K_FIELDS)
        hint_add(&b, en, c->selected >= 0 ? UI_POLL_KEY_FIELDS : UI_POLL_KEY_CORRECT);
    if (k & K_CORRECT)
        hint_add(&b, en, UI_POLL_KEY_CORRECT);
    if (k & K_COUNT)
        buf_printf(&b, "%s%s%s", b.len ? "   " : "", ui_text(en, UI_POLL_KEY_COUNT),
                   ui_text(en, count_name(ctx_mode(s, c))));
    if (k & K_DONE)
        hint_add(&b, en, UI_POLL_KEY_DONE);
    if (k & K_CANCEL_VOTE)
        hint_add(&b, en, UI_POLL_KEY_CANCEL_VOTE);
    if (k & K_BACK)
        hint_add(&b, en, c == &s->mctx ? UI_POLL_KEY_SKIP_STATEMENTS
                         : stop        ? UI_POLL_KEY_CLOSE
                                       : UI_POLL_KEY_BACK);
    snprintf(v->poll_keys, sizeof v->poll_keys, "%s", buf_str(&b));
    buf_free(&b);
}

/* ---- phones --------------------------------------------------------------- */

/* The poll phones vote in and the projector shows: the stop poll once opened. */
static const PollCtx *open_ctx(const Show *s)
{
    if (s->measure_round)
        return &s->mctx;
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
    if (open_ctx(s) == &s->ictx && !show_at_interaction(s))
        return NULL; /* a kept result waits behind the step Back showed */
    return open_ctx(s)->poll;
}

void show_set_counting(Show *s, ShowCount mode, int class_size, int phones_on)
{
    assert(s);
    assert(mode >= SHOW_COUNT_HANDS && mode <= SHOW_COUNT_BOTH);
    s->count_mode = mode;
    s->class_size = class_size < 1 ? 1 : class_size > VOTE_MAX_HANDS ? VOTE_MAX_HANDS : class_size;
    s->phones_on = phones_on != 0;
}

void show_keep_counting(Show *dst, const Show *src)
{
    assert(dst && src);
    show_set_counting(dst, src->count_mode, src->class_size, src->phones_on);
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
