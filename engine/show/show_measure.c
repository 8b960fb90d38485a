/* show_measure.c - the before/after statements and the labels form (see
 * show_internal.h).
 *
 * A scenario may declare a few statements ("He checks her phone every day")
 * that the room rates OK / warning sign / stalking before the play (Next on
 * the welcome screen asks them) and again at its end (E at the ending, or
 * Next on the timeline page, asks them once the before round was answered);
 * then the MEASURE screen shows how the room's answers moved.  Each
 * statement is an ordinary signal poll (hands, phones or both, keyed like
 * every poll); S skips the rest of a round.  Only the totals are kept and
 * handed to the poll hook: a phone's two answers are never linked.
 *
 * The labels form (L at the ending, the summary and the evaluation) takes
 * the event's school, grade and municipality, typed by the facilitator,
 * and hands them to the label hook when saved.
 */
#include "show/show_internal.h"

#include "core/utf8.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char *const label_names[SHOW_N_LABELS] = {"school", "grade", "municipality"};

const char *show_label_name(int i)
{
    return i >= 0 && i < SHOW_N_LABELS ? label_names[i] : "";
}

void show_set_label_hook(Show *s, ShowLabelFn fn, void *ud)
{
    assert(s);
    s->lfn = fn;
    s->lud = ud;
}

static int n_statements(const Show *s)
{
    return s->sc ? s->sc->n_statements : 0;
}

/* 1 when any statement was answered in round r (SHOW_MEASURE_*). */
static int round_answered(const Show *s, int r)
{
    int i = 0;
    for (i = 0; i < n_statements(s); i++)
        if (s->measure[i].asked[r - 1])
            return 1;
    return 0;
}

static const char *round_name(int r)
{
    return r == SHOW_MEASURE_BEFORE ? "before" : "after";
}

static void announce_statement(Show *s)
{
    const StoryStatement *st = &s->sc->statements[s->measure_i];
    show_poll_reset(&s->mctx);
    show_tr(s, "statement %s %d/%d %s: %s", round_name(s->measure_round), s->measure_i + 1,
            n_statements(s), st->id, show_txt(s, &st->text));
}

int show_measure_start(Show *s, int round)
{
    assert(round == SHOW_MEASURE_BEFORE || round == SHOW_MEASURE_AFTER);
    if (n_statements(s) <= 0 || s->measure_round)
        return 0;
    if (s->measure_done & (1u << round)) {
        if (round == SHOW_MEASURE_AFTER && round_answered(s, SHOW_MEASURE_AFTER)) {
            s->measure_summary = 1; /* asked already: the summary again */
            show_tr(s, "statements summary");
            return 1;
        }
        return 0;
    }
    if (round == SHOW_MEASURE_AFTER && !round_answered(s, SHOW_MEASURE_BEFORE))
        return 0; /* nothing to compare with */
    s->measure_round = round;
    s->measure_i = 0;
    show_tr(s, "statements %s", round_name(round));
    announce_statement(s);
    return 1;
}

int show_measure_ahead(const Show *s)
{
    if (n_statements(s) <= 0 || s->measure_round)
        return 0;
    if (s->measure_done & (1u << SHOW_MEASURE_AFTER))
        return round_answered(s, SHOW_MEASURE_AFTER);
    return round_answered(s, SHOW_MEASURE_BEFORE);
}

/* The round is over (all asked, or S): before the play the first beat
 * follows, at the end the summary. */
static void round_end(Show *s, int skipped)
{
    int r = s->measure_round;
    show_poll_reset(&s->mctx);
    s->measure_done |= 1u << r;
    s->measure_round = 0;
    show_tr(s, "statements %s %s", round_name(r), skipped ? "skipped" : "done");
    if (r == SHOW_MEASURE_BEFORE) {
        s->started = 1;
        show_enter_beat(s);
    } else if (round_answered(s, SHOW_MEASURE_AFTER)) {
        s->measure_summary = 1;
        show_tr(s, "statements summary");
    }
}

/* The statement's vote was revealed (or left without one): its totals are
 * kept for the summary and handed to the poll hook; then the next one. */
static void statement_done(Show *s)
{
    const StoryStatement *st = &s->sc->statements[s->measure_i];
    PollCtx *c = &s->mctx;
    ShowMeasure *m = &s->measure[s->measure_i];
    int r = s->measure_round - 1, i = 0;
    assert(r == 0 || r == 1);
    if (c->poll && vote_state(c->poll) == VOTE_REVEALED) {
        ShowPollResult pr;
        int w = vote_winner(c->poll, NULL);
        memset(&pr, 0, sizeof pr);
        m->asked[r] = 1;
        for (i = 0; i < 3; i++)
            m->counts[r][i] = vote_total(c->poll, i);
        pr.kind = r == 0 ? SHOW_POLL_BEFORE : SHOW_POLL_AFTER;
        pr.beat_id = st->id;
        pr.pass = 1;
        pr.n_options = 3;
        pr.result = w >= 0 ? w : -1;
        pr.voted = 1;
        pr.prompt = show_txt(s, &st->text);
        for (i = 0; i < 3; i++) {
            pr.hands[i] = vote_hands(c->poll, i);
            pr.phones[i] = vote_phones(c->poll, i);
        }
        if (s->pfn)
            s->pfn(s->pud, &pr);
    }
    s->measure_i++;
    if (s->measure_i >= n_statements(s))
        round_end(s, 0);
    else
        announce_statement(s);
}

void show_keep_measure(Show *dst, const Show *src)
{
    int i = 0, j = 0;
    assert(dst && src);
    if (!dst->sc || !src->sc)
        return;
    dst->measure_done = src->measure_done;
    for (i = 0; i < n_statements(dst) && i < STORY_MAX_STATEMENTS; i++)
        for (j = 0; j < n_statements(src) && j < STORY_MAX_STATEMENTS; j++)
            if (strcmp(dst->sc->statements[i].id, src->sc->statements[j].id) == 0)
                dst->measure[i] = src->measure[j];
}

int show_measure_key(Show *s, ShowAction a, int arg)
{
    PollCtx *c = &s->mctx;
    if (s->measure_summary) {
        switch (a) {
        case SHOW_ACT_NEXT:
        case SHOW_ACT_EVAL:
            if (!s->q)
                return 0;
            s->measure_summary = 0;
            show_eval_start(s);
            return 1;
        case SHOW_ACT_CANCEL:
        case SHOW_ACT_BACK:
            s->measure_summary = 0;
            show_tr(s, "statements summary off");
            return 1;
        case SHOW_ACT_LABELS: show_labels_open(s); return 1;
        default: return 0;
        }
    }
    assert(s->measure_round && s->measure_i < n_statements(s));
    if (show_poll_key(s, c, a, arg))
        return 1;
    switch (a) {
    case SHOW_ACT_STOP:
        round_end(s, 1);
        return 1;
    case SHOW_ACT_NEXT:
    case SHOW_ACT_VOTE: {
        int r = show_poll_next(s, c, VOTE_SIGNAL, a == SHOW_ACT_VOTE);
        if (r >= 0)
            return r;
        if (a == SHOW_ACT_NEXT)
            statement_done(s);
        return 1;
    }
    default: return 0; /* the round is modal: nothing else leaves it */
    }
}

void show_measure_view(Show *s, ShowView *v)
{
    v->n_statements = n_statements(s);
    v->measure = s->measure;
    v->measure_eval = s->q != NULL;
    if (s->measure_summary) {
        v->screen = SHOW_SCREEN_MEASURE;
        return;
    }
    assert(s->measure_round && s->measure_i < n_statements(s));
    v->screen = SHOW_SCREEN_INTERACTION;
    v->beat = -1; /* no beat's notes or branches belong to a statement */
    v->measure_round = s->measure_round;
    v->measure_i = s->measure_i;
    v->ikind = STORY_INT_SIGNAL;
    v->prompt = &s->sc->statements[s->measure_i].text;
    v->n_options = 3;
    show_poll_view(s, &s->mctx, v);
}

/* ---- the labels form ---------------------------------------------------------- */

void show_labels_open(Show *s)
{
    s->labels_open = 1;
    s->label_field = 0;
    show_tr(s, "labels form");
}

static void labels_save(Show *s)
{
    int i = 0;
    for (i = 0; i < SHOW_N_LABELS; i++) {
        if (!s->labels[i][0])
            continue;
        show_tr(s, "label %s=%s", label_names[i], s->labels[i]);
        if (s->lfn)
            s->lfn(s->lud, label_names[i], s->labels[i]);
    }
    s->labels_open = 0;
    show_tr(s, "labels saved");
}

int show_labels_key(Show *s, ShowAction a, int arg)
{
    char *f = s->labels[s->label_field];
    size_t n = strlen(f);
    (void)arg;
    assert(s->labels_open && s->label_field >= 0 && s->label_field < SHOW_N_LABELS);
    switch (a) {
    case SHOW_ACT_CANCEL:
        s->labels_open = 0;
        show_tr(s, "labels cancelled");
        return 1;
    case SHOW_ACT_NEXT:
        if (s->label_field + 1 < SHOW_N_LABELS)
            s->label_field++;
        else
            labels_save(s);
        return 1;
    case SHOW_ACT_DOWN:
        if (s->label_field + 1 < SHOW_N_LABELS)
            s->label_field++;
        return 1;
    case SHOW_ACT_UP:
    case SHOW_ACT_BACK:
        if (s->label_field > 0)
            s->label_field--;
        return 1;
    case SHOW_ACT_DELETE:
        while (n > 0 && ((unsigned char)f[n - 1] & 0xC0) == 0x80)
            n--; /* a whole character */
        if (n > 0)
            f[n - 1] = '\0';
        return 1;
    default: return 1; /* the form is modal */
    }
}

int show_labels_text(Show *s, const char *utf8)
{
    char *f = NULL;
    size_t n = 0, add = 0;
    if (!s->labels_open || !utf8)
        return 0;
    f = s->labels[s->label_field];
    n = strlen(f);
    add = strlen(utf8);
    if (!utf8_valid(utf8, add) || n + add >= SHOW_MAX_LABEL)
        return 0; /* too long: the field keeps what it has */
    memcpy(f + n, utf8, add + 1);
    return 1;
}
