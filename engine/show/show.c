/* show.c - the presentation state machine of a dialog event (see show.h).
 *
 * Pure C: no SDL, no Lua.  Every facilitator action lands in show_action(),
 * which dispatches to the topmost overlay first (quit dialog, blank screen,
 * rewind menu, idea moderation, stop poll), then to the current screen.
 * Failing script hooks put the show on the ERROR screen; the story runtime
 * guarantees the failing operation changed nothing, so Back simply returns.
 */
#include "show/show.h"

#include "core/buf.h"
#include "core/log.h"
#include "vote/idea.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A vote in progress: the scripted interaction's or the stop poll's. */
typedef struct PollCtx {
    Poll *poll;   /* NULL until the facilitator opens the vote */
    int selected; /* option whose hand count is being keyed in */
    int entry;    /* typed digits, -1 = none */
    int picked;   /* facilitator's pick/override */
} PollCtx;

struct Show {
    const Scenario *sc;
    StoryRun *run;
    int lang;
    int ui_en;
    int started;      /* left the welcome screen */
    char *load_error; /* scenario failed to load: permanent error screen */
    char error[ERR_MSG_MAX + 64]; /* script error screen when error[0] */
    int error_external;           /* set by show_set_error: nothing to step back from */
    unsigned overlays;
    int quit;

    PollCtx ictx;  /* the current beat's choice/signal poll */
    PollCtx sctx;  /* the stop poll */
    int stop_beat;
    int poll_seq;  /* poll ids, unique in the event */
    int shown_interaction; /* beat whose interaction was announced, -1 */

    unsigned long now;
    int timer_beat;              /* DISCUSS beat the timer belongs to, -1 */
    unsigned long timer_deadline;
    int timer_running;
    int seconds_left;

    ShowSignal signals[SHOW_MAX_SIGNALS];
    int n_signals;

    StoryDecision decisions[STORY_MAX_HISTORY];
    int n_decisions;
    int rewind_sel;

    char ideas[SHOW_MAX_IDEAS][SHOW_MAX_IDEA];   /* approved, shown */
    const char *idea_ptrs[SHOW_MAX_IDEAS];
    const char *pending_ptrs[SHOW_MAX_IDEAS];
    int n_ideas;
    char pending[SHOW_MAX_IDEAS][SHOW_MAX_IDEA]; /* awaiting moderation */
    unsigned char pending_flag[SHOW_MAX_IDEAS];
    int n_pending;
    int idea_sel;

    int ending_page;

    /* evaluation */
    const EvalQuestionnaire *q;
    int eval_screen;  /* 0, SHOW_SCREEN_EVAL, SHOW_SCREEN_KIOSK or SHOW_SCREEN_RESULTS */
    int eval_opened;
    int eval_answers;
    int eval_unsaved;
    char eval_error[ERR_MSG_MAX];
    const struct EvalTally *results;
    Kiosk *kiosk;
    KioskView kview;

    int phones_joined;
    char *join_url;
    char *room_code;
    char *lan_problem;

    ShowTranscriptFn tfn;
    void *tud;
    ShowPollFn pfn;   /* decided polls, for the room's record */
    void *pud;
    int pass;         /* rewinds and replays so far */
};

/* ---- transcript ---------------------------------------------------------- */

static void tr(Show *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tr(Show *s, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    if (!s->tfn)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    s->tfn(s->tud, line);
}

static const char *txt(const Show *s, const StoryText *t)
{
    return story_text(t, s->lang);
}

static const char *beat_id(const Show *s, int beat)
{
    if (!s->sc || beat < 0 || beat >= s->sc->n_beats)
        return "?";
    return s->sc->beats[beat].id;
}

static const char *cast_id(const Show *s, int c)
{
    if (!s->sc || c < 0 || c >= s->sc->n_cast)
        return "-";
    return s->sc->cast[c].id;
}

static const char *signal_name(int r)
{
    switch (r) {
    case STORY_SIGNAL_OK: return "ok";
    case STORY_SIGNAL_WARNING: return "warning";
    case STORY_SIGNAL_STALKING: return "stalking";
    default: return "undecided";
    }
}

/* ---- helpers ------------------------------------------------------------- */

static void pollctx_reset(PollCtx *c)
{
    vote_free(c->poll);
    c->poll = NULL;
    c->selected = -1;
    c->entry = -1;
    c->picked = -1;
}

static const StoryBeat *cur_beat(const Show *s)
{
    int b = -1;
    if (!s->run)
        return NULL;
    b = story_current_beat(s->run);
    if (b < 0 || b >= s->sc->n_beats)
        return NULL;
    return &s->sc->beats[b];
}

static void set_error(Show *s, const Err *e)
{
    snprintf(s->error, sizeof s->error, "%s", e->msg[0] ? e->msg : "scenario error");
    tr(s, "error %s", s->error);
    log_warn("%s", s->error);
}

static int at_interaction(const Show *s)
{
    return s->run && s->started && story_pos(s->run) == STORY_AT_INTERACTION;
}

/* Option states of the current choice; on a failing condition, the error
 * screen.  Returns 0 or negative. */
static int option_states(Show *s, ShowOption *out, int *n_out)
{
    const StoryBeat *b = cur_beat(s);
    Err e;
    int i = 0;
    err_clear(&e);
    *n_out = 0;
    if (!b || b->interaction.kind != STORY_INT_CHOICE)
        return 0;
    for (i = 0; i < b->interaction.n_options && i < STORY_MAX_OPTIONS; i++) {
        StoryOptState st = STORY_OPT_AVAILABLE;
        StoryWhy why = STORY_WHY_NONE;
        int rc = story_option_state(s->run, i, &st, &why, &e);
        if (rc < 0) {
            set_error(s, &e);
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
    if (c == &s->sctx)
        return 3;
    b = cur_beat(s);
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
    if (c == &s->sctx || cur_beat(s)->interaction.kind != STORY_INT_CHOICE)
        return 1;
    if (option_states(s, opts, &n) < 0)
        return 0;
    return opt < n && opts[opt].state == STORY_OPT_AVAILABLE;
}

/* Announces what the current position shows (transcript) and sets up the
 * interaction state when a new interaction appears. */
static void announce_interaction(Show *s)
{
    const StoryBeat *b = cur_beat(s);
    int bi = story_current_beat(s->run);
    if (!b || s->shown_interaction == bi)
        return;
    s->shown_interaction = bi;
    pollctx_reset(&s->ictx);
    switch (b->interaction.kind) {
    case STORY_INT_CHOICE: {
        ShowOption opts[STORY_MAX_OPTIONS];
        int n = 0, i = 0;
        tr(s, "choice %s: %s", b->id, txt(s, &b->interaction.prompt));
        if (option_states(s, opts, &n) < 0)
            return;
        for (i = 0; i < n; i++) {
            if (opts[i].state == STORY_OPT_HIDDEN)
                tr(s, "option %d hidden", i + 1);
            else if (opts[i].state == STORY_OPT_DISABLED)
                tr(s, "option %d disabled (%s): %s", i + 1,
                   opts[i].why == STORY_WHY_USED ? "used" : txt(s, opts[i].reason),
                   txt(s, opts[i].text));
            else
                tr(s, "option %d: %s", i + 1, txt(s, opts[i].text));
        }
        break;
    }
    case STORY_INT_SIGNAL: tr(s, "signal %s: %s", b->id, txt(s, &b->interaction.prompt)); break;
    case STORY_INT_IDEA: tr(s, "idea %s: %s", b->id, txt(s, &b->interaction.prompt)); break;
    case STORY_INT_DISCUSS:
        tr(s, "discuss %s: %s (%d s)", b->id, txt(s, &b->interaction.prompt), b->interaction.seconds);
        s->timer_beat = bi;
        s->seconds_left = b->interaction.seconds > 0 ? b->interaction.seconds : -1;
        s->timer_running = b->interaction.seconds > 0;
        s->timer_deadline = s->now + (unsigned long)b->interaction.seconds * 1000UL;
        break;
    default: break;
    }
}

static void announce_position(Show *s)
{
    if (!s->run)
        return;
    if (story_pos(s->run) == STORY_AT_INTERACTION)
        announce_interaction(s);
    else if (story_pos(s->run) == STORY_AT_END)
        tr(s, "ending %s", beat_id(s, story_current_beat(s->run)));
}

static void announce_step(Show *s)
{
    const StoryBeat *b = cur_beat(s);
    int k = story_steps_shown(s->run);
    const StoryStep *st = NULL;
    if (!b || k <= 0 || k > b->n_steps)
        return;
    st = &b->steps[k - 1];
    switch (st->kind) {
    case STORY_STEP_LINE: tr(s, "line %s: %s", cast_id(s, st->speaker), txt(s, &st->text)); break;
    case STORY_STEP_MESSAGE:
        tr(s, "message %s->%s %s: %s", cast_id(s, st->speaker), cast_id(s, st->phone),
           st->time ? st->time : "", txt(s, &st->text));
        break;
    case STORY_STEP_NARRATION: tr(s, "narration: %s", txt(s, &st->text)); break;
    case STORY_STEP_IMAGE: tr(s, "image %s: %s", st->image ? st->image : "", txt(s, &st->text)); break;
    }
}

static void enter_beat_announce(Show *s)
{
    const StoryBeat *b = cur_beat(s);
    if (!b)
        return;
    s->shown_interaction = -1;
    s->timer_beat = -1;
    s->timer_running = 0;
    s->ending_page = 0;
    pollctx_reset(&s->ictx);
    tr(s, "beat %s", b->id);
    if (txt(s, &b->time)[0] && txt(s, &b->place)[0])
        tr(s, "caption %s, %s", txt(s, &b->time), txt(s, &b->place));
    else if (txt(s, &b->time)[0] || txt(s, &b->place)[0])
        tr(s, "caption %s%s", txt(s, &b->time), txt(s, &b->place));
    announce_position(s);
}

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

/* ---- polls ---------------------------------------------------------------- */

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
        set_error(s, &e);
        return 1;
    }
    vote_open(c->poll);
    c->selected = -1;
    c->entry = -1;
    tr(s, "vote open %d", vote_id(c->poll));
    return 1;
}

static void commit_entry(Show *s, PollCtx *c)
{
    if (c->poll && c->selected >= 0 && c->entry >= 0) {
        if (vote_hands_set(c->poll, c->selected, c->entry) == 0)
            tr(s, "hands %d %d", c->selected + 1, c->entry);
    }
    c->selected = -1;
    c->entry = -1;
}

static void poll_reveal(Show *s, PollCtx *c)
{
    Buf b = BUF_INIT;
    int i = 0, w = 0;
    unsigned tied = 0;
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
    tr(s, "result %s", buf_str(&b));
    buf_free(&b);
}

/* The decision of a revealed (or never opened) poll: the pick, else the winner. */
static int poll_decision(const PollCtx *c)
{
    int w = -1;
    if (c->picked >= 0)
        return c->picked;
    if (!c->poll || vote_state(c->poll) != VOTE_REVEALED)
        return -1;
    w = vote_winner(c->poll, NULL);
    return w >= 0 ? w : -1;
}

/* Hands the decided poll's totals to the poll hook. */
static void emit_poll(Show *s, const PollCtx *c, ShowPollKind kind, int beat, int nopt, int result)
{
    ShowPollResult r;
    int i = 0;
    if (!s->pfn)
        return;
    memset(&r, 0, sizeof r);
    r.kind = kind;
    r.beat_id = beat_id(s, beat);
    r.pass = s->pass + 1;
    r.n_options = nopt;
    r.result = result;
    r.voted = c->poll != NULL;
    for (i = 0; i < r.n_options && i < STORY_MAX_OPTIONS && c->poll; i++) {
        r.hands[i] = vote_hands(c->poll, i);
        r.phones[i] = vote_phones(c->poll, i);
    }
    if (s->sc && beat >= 0 && beat < s->sc->n_beats && kind != SHOW_POLL_STOP) {
        const StoryBeat *b = &s->sc->beats[beat];
        r.prompt = txt(s, &b->interaction.prompt);
        for (i = 0; kind == SHOW_POLL_CHOICE && i < r.n_options && i < b->interaction.n_options; i++)
            r.options[i] = txt(s, &b->interaction.options[i].text);
    }
    s->pfn(s->pud, &r);
}

static void record_signal(Show *s, const PollCtx *c, int beat, int stop, int result)
{
    ShowSignal *sg = NULL;
    int i = 0;
    emit_poll(s, c, stop ? SHOW_POLL_STOP : SHOW_POLL_SIGNAL, beat, 3, result);
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

/* Keys while a poll is the active target.  Returns 1 if handled. */
static int poll_key(Show *s, PollCtx *c, ShowAction a, int arg)
{
    int n = n_poll_options(s, c);
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
            tr(s, "pick %d", opt + 1);
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
            tr(s, "hands %d %d", sel + 1, vote_hands(c->poll, sel));
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

/* ---- story movement ------------------------------------------------------- */

static int do_next_story(Show *s)
{
    Err e;
    int beat = story_current_beat(s->run);
    int rc = 0;
    err_clear(&e);
    if (story_pos(s->run) != STORY_AT_STEPS)
        return 0;
    rc = story_advance(s->run, &e);
    if (rc < 0) {
        set_error(s, &e);
        return 1;
    }
    if (story_current_beat(s->run) != beat)
        enter_beat_announce(s);
    else {
        announce_step(s);
        announce_position(s);
    }
    return 1;
}

static int decide_choice(Show *s, int opt)
{
    Err e;
    int from = story_current_beat(s->run);
    int nopt = n_poll_options(s, &s->ictx); /* before the story moves on */
    err_clear(&e);
    if (story_choose(s->run, opt, &e) < 0) {
        set_error(s, &e);
        return 1;
    }
    emit_poll(s, &s->ictx, SHOW_POLL_CHOICE, from, nopt, opt);
    tr(s, "branch %s option %d -> %s", beat_id(s, from), opt + 1,
       beat_id(s, story_current_beat(s->run)));
    enter_beat_announce(s);
    return 1;
}

static int continue_interaction(Show *s, int result)
{
    Err e;
    int from = story_current_beat(s->run);
    err_clear(&e);
    if (story_continue(s->run, result, &e) < 0) {
        set_error(s, &e);
        return 1;
    }
    tr(s, "continue %s -> %s", beat_id(s, from), beat_id(s, story_current_beat(s->run)));
    enter_beat_announce(s);
    return 1;
}

static int interaction_next(Show *s, int vote_key)
{
    const StoryBeat *b = cur_beat(s);
    PollCtx *c = &s->ictx;
    switch (b->interaction.kind) {
    case STORY_INT_CHOICE:
    case STORY_INT_SIGNAL: {
        VoteKind vk = b->interaction.kind == STORY_INT_CHOICE ? VOTE_CHOICE : VOTE_SIGNAL;
        if (!c->poll) {
            if (c->picked >= 0 && !vote_key) {
                if (vk == VOTE_CHOICE)
                    return decide_choice(s, c->picked);
                record_signal(s, c, story_current_beat(s->run), 0, c->picked);
                tr(s, "signal %s result %s", b->id, signal_name(c->picked));
                return continue_interaction(s, c->picked);
            }
            return poll_open(s, c, vk);
        }
        if (vote_state(c->poll) == VOTE_OPEN) {
            if (c->selected >= 0 && !vote_key) {
                commit_entry(s, c);
                return 1;
            }
            poll_reveal(s, c);
            return 1;
        }
        if (vote_key)
            return 0;
        {
            int d = poll_decision(c);
            if (d < 0)
                return 0; /* tie or no votes: the facilitator picks with a digit */
            if (vk == VOTE_CHOICE)
                return decide_choice(s, d);
            record_signal(s, c, story_current_beat(s->run), 0, d);
            tr(s, "signal %s result %s", b->id, signal_name(d));
            return continue_interaction(s, d);
        }
    }
    case STORY_INT_IDEA:
    case STORY_INT_DISCUSS:
        if (vote_key)
            return 0;
        return continue_interaction(s, -1);
    default: return 0;
    }
}

static int do_back(Show *s)
{
    int beat = story_current_beat(s->run);
    if (story_back(s->run) < 0) {
        /* at the very start: back to the welcome screen */
        s->started = 0;
        tr(s, "back welcome");
        return 1;
    }
    pollctx_reset(&s->ictx);
    s->shown_interaction = -1;
    if (story_current_beat(s->run) != beat) {
        s->timer_beat = -1;
        tr(s, "back %s", beat_id(s, story_current_beat(s->run)));
    } else
        tr(s, "back %s %d", beat_id(s, beat), story_steps_shown(s->run));
    announce_position(s);
    return 1;
}

/* ---- overlays ----------------------------------------------------------- */

static int rewind_key(Show *s, ShowAction a, int arg)
{
    Err e;
    int target = -2;
    err_clear(&e);
    switch (a) {
    case SHOW_ACT_REWIND:
    case SHOW_ACT_CANCEL: s->overlays &= ~(unsigned)SHOW_OV_REWIND; return 1;
    case SHOW_ACT_UP:
        if (s->rewind_sel > -1)
            s->rewind_sel--;
        return 1;
    case SHOW_ACT_DOWN:
        if (s->rewind_sel < s->n_decisions - 1)
            s->rewind_sel++;
        return 1;
    case SHOW_ACT_DIGIT:
        if (arg == 0)
            target = -1;
        else if (arg - 1 < s->n_decisions)
            target = arg - 1;
        else
            return 1;
        break;
    case SHOW_ACT_CLICK:
        if (arg >= -1 && arg < s->n_decisions)
            target = arg;
        else
            return 1;
        break;
    case SHOW_ACT_NEXT: target = s->rewind_sel; break;
    default: return 1; /* the menu is modal */
    }
    s->overlays &= ~(unsigned)SHOW_OV_REWIND;
    pollctx_reset(&s->ictx);
    s->shown_interaction = -1;
    s->error[0] = '\0';
    s->pass++;
    if (target == -1) {
        story_replay_beat(s->run);
        tr(s, "replay %s", beat_id(s, story_current_beat(s->run)));
        enter_beat_announce(s);
        return 1;
    }
    if (story_rewind(s->run, target, &e) < 0) {
        set_error(s, &e);
        return 1;
    }
    tr(s, "rewind %d %s", target + 1, beat_id(s, story_current_beat(s->run)));
    s->timer_beat = -1;
    announce_position(s);
    refresh_decisions(s);
    return 1;
}

static int ideas_key(Show *s, ShowAction a, int arg)
{
    (void)arg;
    switch (a) {
    case SHOW_ACT_IDEAS:
    case SHOW_ACT_CANCEL: s->overlays &= ~(unsigned)SHOW_OV_IDEAS; return 1;
    case SHOW_ACT_UP:
        if (s->idea_sel > 0)
            s->idea_sel--;
        return 1;
    case SHOW_ACT_DOWN:
        if (s->idea_sel < s->n_pending - 1)
            s->idea_sel++;
        return 1;
    case SHOW_ACT_NEXT:
    case SHOW_ACT_DELETE:
        if (s->idea_sel >= 0 && s->idea_sel < s->n_pending) {
            if (a == SHOW_ACT_NEXT && s->n_ideas < SHOW_MAX_IDEAS) {
                memcpy(s->ideas[s->n_ideas], s->pending[s->idea_sel], SHOW_MAX_IDEA);
                s->n_ideas++;
                tr(s, "idea approved");
            } else
                tr(s, "idea dismissed");
            memmove(s->pending[s->idea_sel], s->pending[s->idea_sel + 1],
                    (size_t)(s->n_pending - s->idea_sel - 1) * SHOW_MAX_IDEA);
            memmove(&s->pending_flag[s->idea_sel], &s->pending_flag[s->idea_sel + 1],
                    (size_t)(s->n_pending - s->idea_sel - 1));
            s->n_pending--;
            if (s->idea_sel >= s->n_pending)
                s->idea_sel = s->n_pending - 1;
            if (s->idea_sel < 0)
                s->idea_sel = 0;
        }
        return 1;
    default: return 1;
    }
}

static void stop_close(Show *s)
{
    PollCtx *c = &s->sctx;
    if (c->picked >= 0 || (c->poll && vote_state(c->poll) == VOTE_REVEALED)) {
        int d = poll_decision(c);
        record_signal(s, c, s->stop_beat, 1, d);
        tr(s, "stop result %s", signal_name(d));
    }
    tr(s, "stop end");
    pollctx_reset(c);
    s->overlays &= ~(unsigned)SHOW_OV_STOP;
}

static int stop_key(Show *s, ShowAction a, int arg)
{
    PollCtx *c = &s->sctx;
    if (poll_key(s, c, a, arg))
        return 1;
    switch (a) {
    case SHOW_ACT_STOP:
    case SHOW_ACT_CANCEL: stop_close(s); return 1;
    case SHOW_ACT_NEXT:
    case SHOW_ACT_VOTE:
        if (!c->poll) {
            if (c->picked >= 0 && a == SHOW_ACT_NEXT) {
                stop_close(s);
                return 1;
            }
            return poll_open(s, c, VOTE_SIGNAL);
        }
        if (vote_state(c->poll) == VOTE_OPEN) {
            if (c->selected >= 0 && a == SHOW_ACT_NEXT) {
                commit_entry(s, c);
                return 1;
            }
            poll_reveal(s, c);
            return 1;
        }
        if (a == SHOW_ACT_NEXT)
            stop_close(s);
        return 1;
    case SHOW_ACT_BACK:
        if (c->poll && vote_state(c->poll) == VOTE_OPEN)
            return 1;
        stop_close(s);
        return 1;
    default: return 0; /* help, blank, notes pass through */
    }
}

/* ---- evaluation screens ------------------------------------------------------ */

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

static int eval_key(Show *s, ShowAction a, int arg)
{
    if (s->eval_screen == SHOW_SCREEN_KIOSK) {
        KioskKey k = KIOSK_KEY_NEXT;
        if (a == SHOW_ACT_KIOSK) {
            kiosk_reset(s->kiosk, s->now);
            s->eval_screen = SHOW_SCREEN_EVAL;
            tr(s, "kiosk off");
            return 1;
        }
        if (kiosk_from_action(a, &k)) {
            int r = kiosk_key(s->kiosk, k, arg, s->now);
            if (kiosk_submission(s->kiosk))
                tr(s, "kiosk submitted");
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
        tr(s, "eval close");
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
        tr(s, "kiosk on");
        return 1;
    case SHOW_ACT_RESULTS:
        s->eval_screen = s->eval_screen == SHOW_SCREEN_RESULTS ? SHOW_SCREEN_EVAL : SHOW_SCREEN_RESULTS;
        tr(s, "results %s", s->eval_screen == SHOW_SCREEN_RESULTS ? "on" : "off");
        return 1;
    default: return 0;
    }
}

/* ---- public API ------------------------------------------------------------- */

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
    s->timer_beat = -1;
    s->seconds_left = -1;
    s->stop_beat = -1;
    pollctx_reset(&s->ictx);
    pollctx_reset(&s->sctx);
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
    pollctx_reset(&s->ictx);
    pollctx_reset(&s->sctx);
    story_run_free(s->run);
    free(s->load_error);
    free(s->join_url);
    free(s->room_code);
    free(s->lan_problem);
    kiosk_free(s->kiosk);
    free(s);
}

void show_set_transcript(Show *s, ShowTranscriptFn fn, void *ud)
{
    s->tfn = fn;
    s->tud = ud;
}

void show_set_poll_hook(Show *s, ShowPollFn fn, void *ud)
{
    s->pfn = fn;
    s->pud = ud;
}

int show_action(Show *s, ShowAction a, int arg)
{
    if (a == SHOW_ACT_NONE || a == SHOW_ACT_FULLSCREEN)
        return 0;

    /* the quit dialog is modal: Y/J quits, anything else cancels */
    if (s->overlays & SHOW_OV_QUIT) {
        s->overlays &= ~(unsigned)SHOW_OV_QUIT;
        if (a == SHOW_ACT_YES) {
            s->quit = 1;
            tr(s, "quit");
        } else
            tr(s, "quit cancelled");
        return 1;
    }
    if (a == SHOW_ACT_QUIT) {
        s->overlays |= SHOW_OV_QUIT;
        tr(s, "quit asked");
        return 1;
    }
    if (s->overlays & SHOW_OV_BLANK) {
        if (a == SHOW_ACT_HELP) {
            /* the help card can be shown at any moment, also from a blank screen */
            s->overlays &= ~(unsigned)SHOW_OV_BLANK;
            s->overlays |= SHOW_OV_HELP;
            tr(s, "blank off");
            tr(s, "help on");
            return 1;
        }
        if (a == SHOW_ACT_BLANK || a == SHOW_ACT_CANCEL) {
            s->overlays &= ~(unsigned)SHOW_OV_BLANK;
            tr(s, "blank off");
            return 1;
        }
        return 0; /* everything else waits until the screen is back */
    }
    if (a == SHOW_ACT_BLANK) {
        s->overlays |= SHOW_OV_BLANK;
        tr(s, "blank on");
        return 1;
    }
    if (a == SHOW_ACT_HELP) {
        s->overlays ^= SHOW_OV_HELP;
        tr(s, "help %s", (s->overlays & SHOW_OV_HELP) ? "on" : "off");
        return 1;
    }
    if (s->overlays & SHOW_OV_HELP) {
        /* the help card closes with H, Escape or Next; other keys wait */
        if (a == SHOW_ACT_CANCEL || a == SHOW_ACT_NEXT || a == SHOW_ACT_BACK) {
            s->overlays &= ~(unsigned)SHOW_OV_HELP;
            tr(s, "help off");
            return 1;
        }
        return 0;
    }
    if (a == SHOW_ACT_NOTES) {
        s->overlays ^= SHOW_OV_NOTES;
        return 1;
    }
    if (a == SHOW_ACT_MAP && s->run) {
        s->overlays ^= SHOW_OV_MAP;
        tr(s, "map %s", (s->overlays & SHOW_OV_MAP) ? "on" : "off");
        return 1;
    }
    if ((s->overlays & SHOW_OV_MAP) && a == SHOW_ACT_CANCEL) {
        s->overlays &= ~(unsigned)SHOW_OV_MAP;
        tr(s, "map off");
        return 1;
    }
    if ((s->overlays & SHOW_OV_NOTES) && a == SHOW_ACT_CANCEL) {
        s->overlays &= ~(unsigned)SHOW_OV_NOTES;
        return 1;
    }
    if (s->load_error)
        return 0;
    if (s->eval_screen)
        return eval_key(s, a, arg);
    if (s->overlays & SHOW_OV_REWIND)
        return rewind_key(s, a, arg);
    if (s->overlays & SHOW_OV_IDEAS)
        return ideas_key(s, a, arg);
    if (a == SHOW_ACT_IDEAS) {
        s->overlays |= SHOW_OV_IDEAS;
        if (s->idea_sel >= s->n_pending)
            s->idea_sel = 0;
        return 1;
    }

    /* the error screen: Back (or Escape) returns to the state before the error */
    if (s->error[0]) {
        if (a == SHOW_ACT_BACK || a == SHOW_ACT_CANCEL) {
            s->error[0] = '\0';
            tr(s, "error dismissed");
            if (s->error_external) {
                s->error_external = 0;
                return 1;
            }
            if (at_interaction(s)) {
                /* a failing condition: go back one step so the facilitator can continue */
                s->shown_interaction = -1;
                do_back(s);
            }
            return 1;
        }
        if (a == SHOW_ACT_REWIND) {
            s->error[0] = '\0';
        } else
            return 0;
    }

    if (s->overlays & SHOW_OV_STOP) {
        int r = stop_key(s, a, arg);
        if (r)
            return r;
    }

    if (!s->started) {
        if (a == SHOW_ACT_NEXT) {
            s->started = 1;
            enter_beat_announce(s);
            return 1;
        }
        return 0;
    }

    if (a == SHOW_ACT_STOP && !(s->overlays & SHOW_OV_STOP)) {
        pollctx_reset(&s->sctx);
        s->stop_beat = story_current_beat(s->run);
        s->overlays |= SHOW_OV_STOP;
        tr(s, "stop %s: %s", beat_id(s, s->stop_beat), txt(s, &s->sc->stop_question));
        return 1;
    }
    if (a == SHOW_ACT_REWIND) {
        refresh_decisions(s);
        s->overlays |= SHOW_OV_REWIND;
        s->rewind_sel = s->n_decisions - 1;
        return 1;
    }

    if (at_interaction(s)) {
        const StoryBeat *b = cur_beat(s);
        PollCtx *c = &s->ictx;
        announce_interaction(s);
        if (s->error[0])
            return 1;
        if ((b->interaction.kind == STORY_INT_CHOICE || b->interaction.kind == STORY_INT_SIGNAL) &&
            poll_key(s, c, a, arg))
            return 1;
        if (a == SHOW_ACT_NEXT || a == SHOW_ACT_VOTE)
            return interaction_next(s, a == SHOW_ACT_VOTE);
        if (a == SHOW_ACT_BACK)
            return do_back(s);
        return 0;
    }
    if (story_pos(s->run) == STORY_AT_END && a == SHOW_ACT_EVAL && s->q) {
        s->eval_screen = SHOW_SCREEN_EVAL;
        s->eval_opened = 1;
        tr(s, "eval open");
        return 1;
    }
    if (story_pos(s->run) == STORY_AT_END) {
        /* the ending has two pages: advice + help card, then the timeline */
        if (a == SHOW_ACT_NEXT && s->ending_page == 0) {
            s->ending_page = 1;
            tr(s, "timeline");
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
    case SHOW_ACT_NEXT: return do_next_story(s);
    case SHOW_ACT_BACK: return do_back(s);
    default: return 0;
    }
}

int show_tick(Show *s, unsigned long now_ms)
{
    s->now = now_ms;
    if (s->kiosk && s->eval_screen == SHOW_SCREEN_KIOSK && kiosk_tick(s->kiosk, now_ms))
        return 1;
    if (s->timer_running && s->run && story_current_beat(s->run) == s->timer_beat) {
        long left_ms = (long)(s->timer_deadline - now_ms);
        int left = left_ms <= 0 ? 0 : (int)((left_ms + 999) / 1000);
        if (left != s->seconds_left) {
            s->seconds_left = left;
            if (left == 0) {
                s->timer_running = 0;
                tr(s, "timer done");
            }
            return 1;
        }
    }
    return 0;
}

long show_next_timer(const Show *s, unsigned long now_ms)
{
    long left_ms = 0;
    if (s->kiosk && s->eval_screen == SHOW_SCREEN_KIOSK)
        return kiosk_next_timer(s->kiosk, now_ms);
    if (!s->timer_running)
        return -1;
    left_ms = (long)(s->timer_deadline - now_ms);
    if (left_ms <= 0)
        return 0;
    return left_ms % 1000 ? left_ms % 1000 : 1000;
}

void show_view(Show *s, ShowView *v)
{
    const StoryBeat *b = NULL;
    int i = 0;
    memset(v, 0, sizeof *v);
    v->sc = s->sc;
    v->lang = s->lang;
    v->ui_en = s->ui_en;
    v->overlays = s->overlays;
    v->beat = -1;
    v->run = s->run;
    v->selected = -1;
    v->entry = -1;
    v->picked = -1;
    v->winner = -1;
    v->seconds_left = -1;
    v->rewind_sel = s->rewind_sel;
    v->phones_joined = s->phones_joined;
    v->join_url = s->join_url;
    v->room_code = s->room_code;
    v->lan_problem = s->lan_problem;
    v->signals = s->signals;
    v->n_signals = s->n_signals;
    for (i = 0; i < s->n_ideas; i++)
        s->idea_ptrs[i] = s->ideas[i];
    v->ideas = s->idea_ptrs;
    v->n_ideas = s->n_ideas;
    if (s->load_error) {
        v->screen = SHOW_SCREEN_ERROR;
        v->error = s->load_error;
        return;
    }
    if (s->overlays & SHOW_OV_REWIND) {
        v->decisions = s->decisions;
        v->n_decisions = s->n_decisions;
    }
    if (s->overlays & SHOW_OV_IDEAS) {
        /* pending ideas exist in the view only while the moderation overlay is open */
        for (i = 0; i < s->n_pending; i++)
            s->pending_ptrs[i] = s->pending[i];
        v->pending_ideas = s->pending_ptrs;
        v->n_pending_ideas = s->n_pending;
        v->idea_flags = s->pending_flag;
        v->idea_sel = s->idea_sel;
    }
    v->eval_answers = s->eval_answers;
    v->eval_unsaved = s->eval_unsaved;
    v->eval_error = s->eval_error[0] ? s->eval_error : NULL;
    if (s->eval_screen) {
        v->screen = (ShowScreen)s->eval_screen;
        v->results = s->results;
        if (s->eval_screen == SHOW_SCREEN_KIOSK) {
            kiosk_view(s->kiosk, &s->kview);
            v->kiosk = &s->kview;
        }
        return;
    }
    if (!s->started) {
        v->screen = SHOW_SCREEN_WELCOME;
        return;
    }
    v->beat = story_current_beat(s->run);
    v->steps_shown = story_steps_shown(s->run);
    b = cur_beat(s);
    if (s->error[0]) {
        v->screen = SHOW_SCREEN_ERROR;
        v->error = s->error;
        return;
    }
    if (s->overlays & SHOW_OV_STOP) {
        const PollCtx *c = &s->sctx;
        v->ikind = STORY_INT_SIGNAL;
        v->prompt = &s->sc->stop_question;
        v->n_options = 3;
        v->poll = c->poll;
        v->selected = c->selected;
        v->entry = c->entry;
        v->picked = c->picked;
        if (c->poll && vote_state(c->poll) == VOTE_REVEALED)
            v->winner = vote_winner(c->poll, &v->tied);
    }
    switch (story_pos(s->run)) {
    case STORY_AT_END:
        v->screen = SHOW_SCREEN_ENDING;
        v->ending_page = s->ending_page;
        return;
    case STORY_AT_STEPS: v->screen = SHOW_SCREEN_BEAT; return;
    case STORY_AT_INTERACTION: break;
    }
    v->screen = SHOW_SCREEN_INTERACTION;
    if (s->overlays & SHOW_OV_STOP)
        return;
    v->ikind = b->interaction.kind;
    v->prompt = &b->interaction.prompt;
    if (b->interaction.kind == STORY_INT_CHOICE) {
        int n = 0;
        if (option_states(s, v->options, &n) < 0) {
            v->screen = SHOW_SCREEN_ERROR;
            v->error = s->error;
            return;
        }
        v->n_options = n;
    } else if (b->interaction.kind == STORY_INT_SIGNAL)
        v->n_options = 3;
    v->poll = s->ictx.poll;
    v->selected = s->ictx.selected;
    v->entry = s->ictx.entry;
    v->picked = s->ictx.picked;
    if (s->ictx.poll && vote_state(s->ictx.poll) == VOTE_REVEALED)
        v->winner = vote_winner(s->ictx.poll, &v->tied);
    if (b->interaction.kind == STORY_INT_DISCUSS)
        v->seconds_left = s->timer_beat == v->beat ? s->seconds_left
                                                   : (b->interaction.seconds > 0 ? b->interaction.seconds : -1);
}

int show_quit_requested(const Show *s)
{
    return s->quit;
}

StoryRun *show_run(Show *s)
{
    return s->run;
}

static void set_str(char **dst, const char *src)
{
    free(*dst);
    *dst = src ? core_strdup(src) : NULL;
}

void show_set_join(Show *s, const char *url, const char *room_code, const char *lan_problem)
{
    set_str(&s->join_url, url);
    set_str(&s->room_code, room_code);
    set_str(&s->lan_problem, lan_problem);
}

static PollCtx *open_ctx(Show *s)
{
    if ((s->overlays & SHOW_OV_STOP) && s->sctx.poll)
        return &s->sctx;
    return &s->ictx;
}

int show_phone_vote(Show *s, int poll_id, const char *token, int opt)
{
    PollCtx *c = open_ctx(s);
    int rc = 0;
    if (!c->poll || vote_id(c->poll) != poll_id)
        return ERR_STATE;
    rc = vote_phone(c->poll, token, opt);
    if (rc == 0)
        tr(s, "phone vote %d %d", poll_id, opt + 1);
    return rc;
}

int show_phone_idea(Show *s, const char *text)
{
    if (s->n_pending >= SHOW_MAX_IDEAS)
        return ERR_LIMIT;
    snprintf(s->pending[s->n_pending], SHOW_MAX_IDEA, "%s", text);
    s->pending_flag[s->n_pending] = (unsigned char)idea_flagged(s->pending[s->n_pending]);
    tr(s, "idea received%s", s->pending_flag[s->n_pending] ? " (flagged)" : "");
    s->n_pending++;
    return 0;
}

void show_set_phones_joined(Show *s, int n)
{
    s->phones_joined = n;
}

const Poll *show_current_poll(const Show *s)
{
    if ((s->overlays & SHOW_OV_STOP) && s->sctx.poll)
        return s->sctx.poll;
    return s->ictx.poll;
}

void show_set_eval(Show *s, const EvalQuestionnaire *q)
{
    kiosk_free(s->kiosk);
    s->kiosk = NULL;
    s->q = q;
    if (!q && s->eval_screen)
        s->eval_screen = 0;
}

void show_set_unsaved(Show *s, int n)
{
    s->eval_unsaved = n;
}

void show_set_eval_status(Show *s, int answers, const char *error)
{
    s->eval_answers = answers;
    snprintf(s->eval_error, sizeof s->eval_error, "%s", error ? error : "");
}

void show_set_results(Show *s, const struct EvalTally *t)
{
    s->results = t;
}

int show_eval_open(const Show *s)
{
    return s->eval_opened;
}

int show_in_kiosk(const Show *s)
{
    return s->eval_screen == SHOW_SCREEN_KIOSK && s->kiosk && !(s->overlays & SHOW_OV_QUIT);
}

int show_wants_text(const Show *s)
{
    return show_in_kiosk(s) && kiosk_wants_text(s->kiosk);
}

int show_text(Show *s, const char *utf8)
{
    if (!show_in_kiosk(s))
        return 0;
    return kiosk_text(s->kiosk, utf8, s->now);
}

const EvalAnswers *show_kiosk_submission(const Show *s)
{
    if (!s->kiosk || s->eval_screen != SHOW_SCREEN_KIOSK)
        return NULL;
    return kiosk_submission(s->kiosk);
}

void show_kiosk_saved(Show *s, int ok, const char *msg)
{
    if (!s->kiosk)
        return;
    kiosk_saved(s->kiosk, ok, msg, s->now);
    tr(s, "kiosk %s", ok ? "saved" : "not saved");
}

void show_set_error(Show *s, const char *msg)
{
    snprintf(s->error, sizeof s->error, "%s", msg ? msg : "error");
    s->error_external = 1;
    tr(s, "error %s", s->error);
}

int show_resume_at(Show *s, const char *beat_id, int steps)
{
    Err e;
    int b = -1, i = 0;
    if (!s->run || !beat_id)
        return ERR_NOTFOUND;
    b = scenario_beat_index(s->sc, beat_id);
    if (b < 0)
        return ERR_NOTFOUND;
    err_clear(&e);
    if (story_jump(s->run, b, &e) < 0)
        return e.code ? e.code : ERR_STATE;
    s->started = 1;
    enter_beat_announce(s);
    for (i = 0; i < steps && story_pos(s->run) == STORY_AT_STEPS &&
                story_steps_shown(s->run) < s->sc->beats[b].n_steps;
         i++)
        do_next_story(s);
    return 0;
}

const char *show_beat_id(const Show *s)
{
    if (!s->run || !s->started)
        return NULL;
    return beat_id(s, story_current_beat(s->run));
}

int show_poll_seq(const Show *s)
{
    return s->poll_seq;
}

void show_set_poll_seq(Show *s, int seq)
{
    if (seq > s->poll_seq)
        s->poll_seq = seq;
}

void show_view_presenter(Show *s, ShowView *v)
{
    int i = 0;
    show_view(s, v);
    for (i = 0; i < s->n_pending; i++)
        s->pending_ptrs[i] = s->pending[i];
    v->pending_ideas = s->pending_ptrs;
    v->n_pending_ideas = s->n_pending;
    v->idea_flags = s->pending_flag;
    v->idea_sel = s->idea_sel;
}

int show_reload_busy(const Show *s)
{
    const Poll *p = show_current_poll(s);
    if (p && vote_state(p) == VOTE_OPEN)
        return 1;
    return s->eval_screen != 0 || s->eval_opened;
}

void show_set_eval_opened(Show *s, int opened)
{
    s->eval_opened = opened != 0;
}
