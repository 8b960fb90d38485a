/* show_view.c - what the projector and the presenter's screen show: the
 * ShowView built from the show's state (see show.h).
 *
 * The view borrows from the show (ideas, decisions, the kiosk's view): its
 * pointers stay valid until the next show_* call.
 */
#include "show/show_internal.h"

#include "core/buf.h"
#include "show/ui_text.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

/* The error screen with msg (borrowed from the show). */
static void view_error(ShowView *v, const char *msg)
{
    v->screen = SHOW_SCREEN_ERROR;
    v->error = msg;
}

/* The ideas awaiting moderation: their number and flags always; with texts
 * (and the highlighted one) when `texts`. */
static void view_pending(Show *s, ShowView *v, int texts)
{
    int i = 0;
    assert(s->n_pending >= 0 && s->n_pending <= SHOW_MAX_IDEAS);
    v->n_pending_ideas = s->n_pending;
    v->n_flagged_ideas = 0;
    for (i = 0; i < s->n_pending; i++) {
        s->pending_ptrs[i] = s->pending[i];
        v->n_flagged_ideas += s->pending_flag[i] != 0;
    }
    v->idea_flags = s->pending_flag;
    if (!texts)
        return;
    v->pending_ideas = s->pending_ptrs;
    v->idea_sel = s->idea_sel;
    v->idea_confirm = s->idea_confirm;
}

/* What is private to the facilitator (notes, idea moderation, the kiosk):
 * the presenter's view shows all of it; the projector's none of it while a
 * presenter window exists, and otherwise only what the facilitator has
 * confirmed the room may see (else a warning, with counts for the ideas). */
static void view_private(Show *s, ShowView *v, int presenter_side)
{
    if (presenter_side) {
        view_pending(s, v, 1);
        return;
    }
    if (s->presenter) {
        v->overlays &= ~(unsigned)(SHOW_OV_NOTES | SHOW_OV_IDEAS);
        return;
    }
    if ((s->overlays & SHOW_OV_NOTES) && !s->notes_ok)
        v->private_hidden |= SHOW_OV_NOTES;
    if (s->overlays & SHOW_OV_IDEAS) {
        /* pending ideas reach the projector's view only while moderating */
        view_pending(s, v, s->ideas_ok);
        if (!s->ideas_ok)
            v->private_hidden |= SHOW_OV_IDEAS;
    }
}

static void view_state(Show *s, ShowView *v, int presenter_side)
{
    const StoryBeat *b = NULL;
    int i = 0;
    assert(s && v);
    assert(s->n_ideas >= 0 && s->n_ideas <= SHOW_MAX_IDEAS);
    assert(s->n_signals >= 0 && s->n_signals <= SHOW_MAX_SIGNALS);
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
    v->count = s->count_mode;
    v->seconds_left = -1;
    v->rewind_sel = s->rewind_sel;
    v->rewind_typed = s->rewind_typed;
    v->rewind_bad = s->rewind_bad;
    v->idea_confirm = -1;
    v->presenter = s->presenter;
    /* the overview: on the welcome screen itself (not during the statements
     * asked before the play), and on the notes card the first time */
    v->notes_overview = (s->notes_overview && (s->overlays & SHOW_OV_NOTES)) ||
                        (!s->started && !s->measure_round && !s->measure_summary && !s->eval_screen);
    v->phones_joined = s->phones_joined;
    v->join_url = s->join_url;
    v->room_code = s->room_code;
    v->lan_problem = s->lan_problem;
    v->resume_offer = s->offer && !s->started ? s->offer_line : NULL;
    v->resume_beat = v->resume_offer ? s->offer_beat : -1;
    v->note = s->note;
    v->signals = s->signals;
    v->n_signals = s->n_signals;
    for (i = 0; i < s->n_ideas; i++)
        s->idea_ptrs[i] = s->ideas[i];
    v->ideas = s->idea_ptrs;
    v->n_ideas = s->n_ideas;
    view_private(s, v, presenter_side);
    if (s->load_error) {
        view_error(v, s->load_error);
        return;
    }
    if (s->overlays & SHOW_OV_REWIND) {
        v->decisions = s->decisions;
        v->n_decisions = s->n_decisions;
    }
    v->eval_answers = s->eval_answers;
    v->eval_unsaved = s->eval_unsaved;
    v->eval_error = s->eval_error[0] ? s->eval_error : NULL;
    v->labels_open = s->labels_open && (presenter_side || !s->presenter);
    v->label_field = s->label_field;
    for (i = 0; i < SHOW_N_LABELS; i++)
        v->labels[i] = s->labels[i];
    if (s->measure_round || s->measure_summary) {
        show_measure_view(s, v);
        return;
    }
    if (s->eval_screen) {
        v->screen = (ShowScreen)s->eval_screen;
        v->results = s->results;
        if (s->eval_screen == SHOW_SCREEN_KIOSK && s->presenter && !presenter_side) {
            /* the kiosk is on the presenter window: the room keeps the invitation */
            v->screen = SHOW_SCREEN_EVAL;
        } else if (s->eval_screen == SHOW_SCREEN_KIOSK) {
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
    b = show_cur_beat(s);
    if (s->error[0]) {
        view_error(v, s->error);
        return;
    }
    if (s->overlays & SHOW_OV_STOP) {
        v->ikind = STORY_INT_SIGNAL;
        v->prompt = &s->sc->stop_question;
        v->n_options = 3;
        show_poll_view(s, &s->sctx, v);
    }
    switch (s->held ? STORY_AT_STEPS : story_pos(s->run)) {
    case STORY_AT_END:
        assert(s->ending_page == 0 || s->ending_page == 1);
        v->screen = SHOW_SCREEN_ENDING;
        v->ending_page = s->ending_page;
        return;
    case STORY_AT_STEPS: v->screen = SHOW_SCREEN_BEAT; return;
    case STORY_AT_INTERACTION: break;
    }
    v->screen = SHOW_SCREEN_INTERACTION;
    if (s->overlays & SHOW_OV_STOP)
        return;
    assert(b); /* the story is at this beat's interaction */
    v->ikind = b->interaction.kind;
    v->prompt = &b->interaction.prompt;
    if (b->interaction.kind == STORY_INT_CHOICE) {
        int n = 0;
        if (show_option_states(s, v->options, &n) < 0) {
            view_error(v, s->error);
            return;
        }
        v->n_options = n;
    } else if (b->interaction.kind == STORY_INT_SIGNAL)
        v->n_options = 3;
    if (b->interaction.kind == STORY_INT_CHOICE || b->interaction.kind == STORY_INT_SIGNAL)
        show_poll_view(s, &s->ictx, v);
    if (b->interaction.kind == STORY_INT_DISCUSS)
        v->seconds_left = s->timer_beat == v->beat ? s->seconds_left
                                                   : (b->interaction.seconds > 0 ? b->interaction.seconds : -1);
}

/* ---- the presenter's key line ------------------------------------------------- */

/* Appends a piece of the key line ("" adds nothing). */
static void key_add(Buf *b, const char *piece)
{
    if (piece && *piece)
        buf_printf(b, "%s%s", b->len ? "   " : "", piece);
}

/* The keys of the screen itself (Next, Back, the poll's) in v's state:
 * what show_action does with them (see the dispatch in show.c). */
static void keys_screen(const Show *s, const ShowView *v, Buf *b)
{
    int en = s->ui_en;
    if (s->eval_screen) {
        key_add(b, ui_text(en, UI_EVAL_KEYS_EVAL));
        return;
    }
    if (s->overlays & SHOW_OV_REWIND) {
        if (s->n_decisions > 0)
            key_add(b, ui_text(en, UI_KEYS_REWIND));
        else { /* only the replay of the beat to choose: ↑↓ do nothing */
            key_add(b, ui_text(en, UI_KEY_REWIND_GO));
            key_add(b, ui_text(en, UI_POLL_KEY_CLOSE));
        }
        return;
    }
    if (v->screen == SHOW_SCREEN_ERROR) {
        if (!s->load_error)
            key_add(b, ui_text(en, UI_POLL_KEY_BACK));
        return;
    }
    if (v->poll_keys[0]) {
        key_add(b, v->poll_keys); /* the poll's own hint (a statement's too), from its key table */
        return;
    }
    if (v->screen == SHOW_SCREEN_MEASURE) {
        key_add(b, ui_text(en, v->measure_eval ? UI_MEASURE_KEYS : UI_MEASURE_KEYS_NO_EVAL));
        return;
    }
    if (!s->started) {
        /* a saved event offered: J or Esc first, Next does nothing yet */
        key_add(b, ui_text(en, s->offer ? UI_KEY_RESUME : UI_KEY_START));
        return;
    }
    if (v->screen == SHOW_SCREEN_ENDING) {
        /* E (and the timeline's Next): the statements again if the room
         * answers them now, else the evaluation (see show_action) */
        int st = show_measure_ahead(s);
        UiTextId on = st && s->q ? UI_KEY_ENDING_ON : st ? UI_KEY_ENDING_STATEMENTS
                                                         : UI_KEY_ENDING_EVAL;
        if (v->ending_page == 0) {
            key_add(b, ui_text(en, UI_TO_TIMELINE));
            key_add(b, ui_text(en, UI_POLL_KEY_BACK));
        }
        if (st || s->q)
            buf_printf(b, "%s%s%s", b->len ? "   " : "", v->ending_page ? "→ / E " : "E ",
                       ui_text(en, on));
        if (v->ending_page == 1)
            key_add(b, ui_text(en, UI_KEY_TO_ADVICE));
        return;
    }
    key_add(b, ui_text(en, UI_KEY_NEXT));
    key_add(b, ui_text(en, UI_POLL_KEY_BACK));
}

/* v->keys: exactly the keys that do something now, in the order the
 * facilitator needs them: the screen's, then S, R, I, M, H, B, N, Ctrl+Q. */
static void view_keys(const Show *s, ShowView *v)
{
    Buf b = BUF_INIT;
    int en = s->ui_en;
    /* S and R act on the story: not while the statements are asked or summed up */
    int story = s->started && !s->load_error && !s->eval_screen && !s->measure_round &&
                !s->measure_summary;
    if (s->overlays & SHOW_OV_QUIT) {
        key_add(&b, ui_text(en, UI_POLL_KEY_YES));
        key_add(&b, ui_text(en, UI_POLL_KEY_NO));
    } else if (s->overlays & SHOW_OV_BLANK) {
        key_add(&b, ui_text(en, UI_KEY_UNBLANK));
        key_add(&b, ui_text(en, UI_KEY_HELP));
    } else if (s->overlays & SHOW_OV_HELP) {
        key_add(&b, ui_text(en, UI_KEY_HELP_CLOSE));
    } else {
        keys_screen(s, v, &b);
        if (!(s->overlays & SHOW_OV_REWIND)) {
            if (story && !s->error[0] && !(s->overlays & SHOW_OV_STOP))
                key_add(&b, ui_text(en, UI_KEY_STOP));
            if (story)
                key_add(&b, ui_text(en, UI_KEY_REWIND));
            if (!s->load_error && !s->eval_screen &&
                (v->ikind == STORY_INT_IDEA || s->n_pending > 0 || s->n_ideas > 0))
                key_add(&b, ui_text(en, UI_KEY_IDEAS));
        }
        if (s->run)
            key_add(&b, ui_text(en, UI_KEY_MAP));
        key_add(&b, ui_text(en, UI_KEY_HELP));
        key_add(&b, ui_text(en, UI_KEY_BLANK));
        key_add(&b, ui_text(en, UI_KEY_NOTES));
    }
    if (!(s->overlays & SHOW_OV_QUIT))
        key_add(&b, ui_text(en, UI_KEY_QUIT));
    snprintf(v->keys, sizeof v->keys, "%s", buf_str(&b));
    buf_free(&b);
}

static void view_build(Show *s, ShowView *v, int presenter_side)
{
    view_state(s, v, presenter_side);
    view_keys(s, v);
}

void show_view(Show *s, ShowView *v)
{
    view_build(s, v, 0);
}

void show_view_presenter(Show *s, ShowView *v)
{
    view_build(s, v, 1);
}
