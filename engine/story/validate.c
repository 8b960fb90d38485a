/* validate.c - the scenario checks behind `spectactor check` (validate.h).
 *
 * Each check walks the plain scenario data and reports findings as
 * "what: problem" sentences; the caller adds "path:line: error:". */
#include "story/validate.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/suggest.h"

#define WHAT_MAX 200
#define HINT_MAX SUGGEST_HINT_MAX

typedef struct Validator {
    const Scenario *sc;
    ValidateReport fn;
    void *ud;
    int errors;
    int unknown; /* unknown beat ids reported: the paths are not checked */
} Validator;


static void report(Validator *v, StorySrc src, int is_error, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(Validator *v, StorySrc src, int is_error, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    assert(v && fmt);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (is_error)
        v->errors++;
    if (v->fn)
        v->fn(v->ud, src, is_error, msg);
}

static int text_has(const char *s)
{
    return s && s[0] != '\0';
}

static int text_present(const StoryText *t)
{
    int i = 0;
    for (i = 0; i < STORY_MAX_LANGS; i++)
        if (text_has(t->s[i]))
            return 1;
    return 0;
}

/* A text given in any language must be given in every declared language;
 * a required text must be given at all. */
static void check_text(Validator *v, const StoryText *t, StorySrc fallback, int required,
                       const char *what)
{
    const Scenario *sc = v->sc;
    StorySrc src = t->src.line > 0 ? t->src : fallback;
    int i = 0;
    if (!text_present(t)) {
        if (required)
            report(v, src, 1, "%s: text is missing", what);
        return;
    }
    for (i = 0; i < sc->n_langs && i < STORY_MAX_LANGS; i++)
        if (!text_has(t->s[i]))
            report(v, src, 1, "%s: text missing in language '%s'", what,
                   sc->langs[i] ? sc->langs[i] : "?");
}

static const char *beat_name(const StoryBeat *b)
{
    return b->id ? b->id : "?";
}

/* The beat an id (or, without id, an index) points to; -2 when an id was
 * given but is unknown, -1 when nothing was given. */
static int resolve(const Scenario *sc, const char *id, int index)
{
    int i = 0;
    if (id) {
        i = scenario_beat_index(sc, id);
        return i >= 0 ? i : -2;
    }
    return index >= 0 && index < sc->n_beats ? index : -1;
}

static void check_scenario_texts(Validator *v)
{
    const Scenario *sc = v->sc;
    char what[WHAT_MAX];
    int i = 0;
    if (sc->n_langs <= 0)
        report(v, sc->src, 1, "scenario declares no languages");
    check_text(v, &sc->title, sc->src, 1, "scenario title");
    check_text(v, &sc->subtitle, sc->src, 0, "scenario subtitle");
    if (!text_present(&sc->content_note))
        report(v, sc->src, 1, "scenario has no content note (shown before the event starts)");
    else
        check_text(v, &sc->content_note, sc->src, 1, "content note");
    check_text(v, &sc->help_title, sc->src, 0, "help card title");
    if (sc->n_contacts <= 0 || !sc->contacts)
        report(v, sc->src, 1, "scenario has no help card (no contacts to turn to)");
    for (i = 0; sc->contacts && i < sc->n_contacts; i++) {
        snprintf(what, sizeof what, "help contact %d", i + 1);
        check_text(v, &sc->contacts[i].name, sc->src, 1, what);
        snprintf(what, sizeof what, "help contact %d description", i + 1);
        check_text(v, &sc->contacts[i].text, sc->src, 0, what);
    }
    if (sc->n_advice <= 0 || !sc->advice)
        report(v, sc->src, 1, "scenario has no advice (shown at every ending)");
    for (i = 0; sc->advice && i < sc->n_advice; i++) {
        snprintf(what, sizeof what, "advice %d", i + 1);
        check_text(v, &sc->advice[i], sc->src, 1, what);
    }
    check_text(v, &sc->stop_question, sc->src, 0, "stop question");
    check_text(v, &sc->notes, sc->src, 0, "scenario notes");
    for (i = 0; sc->statements && i < sc->n_statements; i++) {
        snprintf(what, sizeof what, "statement '%s'", sc->statements[i].id);
        check_text(v, &sc->statements[i].text, sc->statements[i].src, 1, what);
    }
    for (i = 0; sc->cast && i < sc->n_cast; i++) {
        const StoryCast *c = &sc->cast[i];
        snprintf(what, sizeof what, "cast '%s' name", c->id ? c->id : "?");
        check_text(v, &c->name, sc->src, 1, what);
        snprintf(what, sizeof what, "cast '%s' role", c->id ? c->id : "?");
        check_text(v, &c->role, sc->src, 0, what);
    }
}

static void check_steps(Validator *v, const StoryBeat *b)
{
    const Scenario *sc = v->sc;
    char what[WHAT_MAX];
    int i = 0;
    for (i = 0; b->steps && i < b->n_steps; i++) {
        const StoryStep *s = &b->steps[i];
        StorySrc src = s->src.line > 0 ? s->src : b->src;
        snprintf(what, sizeof what, "beat '%s': step %d", beat_name(b), i + 1);
        if ((s->kind == STORY_STEP_LINE || s->kind == STORY_STEP_MESSAGE) &&
            (s->speaker < 0 || s->speaker >= sc->n_cast))
            report(v, src, 1, "%s: %s has no speaker from the cast", what,
                   s->kind == STORY_STEP_LINE ? "line" : "message");
        if (s->kind == STORY_STEP_MESSAGE && (s->phone < 0 || s->phone >= sc->n_cast))
            report(v, src, 1, "%s: message has no phone (whose phone shows it)", what);
        if (s->kind == STORY_STEP_IMAGE) {
            if (!s->image || !*s->image)
                report(v, src, 1, "%s: image step has no image", what);
            check_text(v, &s->text, src, 0, what);
        } else {
            check_text(v, &s->text, src, 1, what);
        }
    }
}

static void check_interaction(Validator *v, const StoryBeat *b)
{
    const Scenario *sc = v->sc;
    const StoryInteraction *in = &b->interaction;
    char what[WHAT_MAX];
    char hint[HINT_MAX];
    int i = 0;
    int t = 0;
    snprintf(what, sizeof what, "beat '%s': prompt", beat_name(b));
    check_text(v, &in->prompt, b->src, 0, what);
    if (in->kind != STORY_INT_CHOICE)
        return;
    if (in->n_options < STORY_MIN_OPTIONS || in->n_options > STORY_MAX_OPTIONS)
        report(v, in->src.line > 0 ? in->src : b->src, 1,
               "beat '%s': a choice needs %d to %d options, it has %d", beat_name(b),
               STORY_MIN_OPTIONS, STORY_MAX_OPTIONS, in->n_options);
    for (i = 0; in->options && i < in->n_options; i++) {
        const StoryOption *o = &in->options[i];
        StorySrc src = o->src.line > 0 ? o->src : b->src;
        snprintf(what, sizeof what, "beat '%s': option %d", beat_name(b), i + 1);
        check_text(v, &o->text, src, 1, what);
        snprintf(what, sizeof what, "beat '%s': option %d reason", beat_name(b), i + 1);
        check_text(v, &o->reason, src, 0, what);
        t = resolve(sc, o->target_id, o->target);
        if (t == -2 && ++v->unknown)
            report(v, src, 1, "beat '%s': option %d leads to unknown beat '%s'%s", beat_name(b),
                   i + 1, o->target_id,
                   story_suggest(sc, STORY_NAME_BEAT, o->target_id, hint, sizeof hint));
        else if (t == -1)
            report(v, src, 1, "beat '%s': option %d leads nowhere (no target beat)",
                   beat_name(b), i + 1);
    }
}

static void check_beat_shape(Validator *v, const StoryBeat *b)
{
    const Scenario *sc = v->sc;
    int next = resolve(sc, b->next_id, b->next);
    int has_next = next != -1; /* an unknown id still counts as "has next" */
    StoryIntKind kind = b->interaction.kind;
    char what[WHAT_MAX];
    char hint[HINT_MAX];
    if (next == -2 && ++v->unknown)
        report(v, scenario_field_src(sc, b->src, b->next_id), 1,
               "beat '%s': next leads to unknown beat '%s'%s", beat_name(b), b->next_id,
               story_suggest(sc, STORY_NAME_BEAT, b->next_id, hint, sizeof hint));
    if (b->ending) {
        if (has_next)
            report(v, b->src, 1, "beat '%s' is an ending but also has a next beat",
                   beat_name(b));
        if (kind != STORY_INT_NONE)
            report(v, b->src, 1, "beat '%s' is an ending but also has an interaction",
                   beat_name(b));
        snprintf(what, sizeof what, "beat '%s': ending text", beat_name(b));
        check_text(v, &b->ending_text, b->src, 0, what);
        return;
    }
    if (kind == STORY_INT_NONE && !has_next)
        report(v, b->src, 1, "beat '%s' has no next beat, interaction or ending", beat_name(b));
    else if (kind != STORY_INT_NONE && kind != STORY_INT_CHOICE && !has_next)
        report(v, b->src, 1, "beat '%s': the %s needs a next beat", beat_name(b),
               kind == STORY_INT_SIGNAL ? "signal poll"
               : kind == STORY_INT_IDEA ? "idea round"
                                        : "discussion");
    else if (kind == STORY_INT_CHOICE && has_next)
        report(v, b->src, 0, "beat '%s': next is ignored after a choice", beat_name(b));
}

/* Successors of beat i as the runtime follows them (conditions ignored). */
static int successors(const Scenario *sc, int i, int *out, int max)
{
    const StoryBeat *b = &sc->beats[i];
    int n = 0;
    int k = 0;
    int t = 0;
    assert(i >= 0 && i < sc->n_beats && max > 0);
    if (b->ending)
        return 0;
    if (b->interaction.kind == STORY_INT_CHOICE) {
        for (k = 0; b->interaction.options && k < b->interaction.n_options && n < max; k++) {
            t = resolve(sc, b->interaction.options[k].target_id, b->interaction.options[k].target);
            if (t >= 0)
                out[n++] = t;
        }
        assert(n <= max);
        return n;
    }
    t = resolve(sc, b->next_id, b->next);
    if (t >= 0 && n < max)
        out[n++] = t;
    return n;
}

static void check_graph(Validator *v, int start)
{
    const Scenario *sc = v->sc;
    int n = sc->n_beats;
    unsigned char *reach = calloc((size_t)n, 1);
    unsigned char *ends = calloc((size_t)n, 1);
    int *stack = calloc((size_t)n + 1, sizeof(int));
    int succ[STORY_MAX_OPTIONS + 1];
    int top = 0;
    int i = 0;
    int k = 0;
    int m = 0;
    int changed = 1;
    if (!reach || !ends || !stack) {
        report(v, sc->src, 1, "out of memory while checking the beat graph");
        goto done;
    }
    assert(start >= -1 && start < n);
    if (start >= 0) {
        reach[start] = 1;
        stack[top++] = start;
    }
    while (top > 0) {
        i = stack[--top];
        m = successors(sc, i, succ, STORY_MAX_OPTIONS + 1);
        for (k = 0; k < m; k++) {
            assert(succ[k] >= 0 && succ[k] < n);
            if (!reach[succ[k]]) {
                assert(top < n); /* each beat is pushed once */
                reach[succ[k]] = 1;
                stack[top++] = succ[k];
            }
        }
    }
    /* Which beats can reach an ending: iterate to a fixed point (the graph
     * is small, at most STORY_MAX_BEATS beats). */
    for (i = 0; i < n; i++)
        ends[i] = sc->beats[i].ending ? 1 : 0;
    while (changed) {
        changed = 0;
        for (i = 0; i < n; i++) {
            if (ends[i])
                continue;
            m = successors(sc, i, succ, STORY_MAX_OPTIONS + 1);
            for (k = 0; k < m; k++) {
                if (ends[succ[k]]) {
                    ends[i] = 1;
                    changed = 1;
                    break;
                }
            }
        }
    }
    for (i = 0; i < n; i++) {
        const StoryBeat *b = &sc->beats[i];
        if (start >= 0 && !reach[i])
            report(v, b->src, 0, "beat '%s' can never be reached from the start beat '%s'",
                   beat_name(b), beat_name(&sc->beats[start]));
        if (!ends[i])
            report(v, b->src, 1, "beat '%s': no ending can be reached from here", beat_name(b));
    }
done:
    free(reach);
    free(ends);
    free(stack);
}

/* Runs every check (see validate.h); returns the number of errors. */
int story_validate(const Scenario *sc, ValidateReport fn, void *ud)
{
    Validator v;
    StorySrc none = {0, 0};
    int start = -1;
    int i = 0;
    int j = 0;
    memset(&v, 0, sizeof v);
    v.sc = sc;
    v.fn = fn;
    v.ud = ud;
    if (!sc) {
        report(&v, none, 1, "no scenario");
        return v.errors;
    }
    check_scenario_texts(&v);
    if (sc->n_beats <= 0 || !sc->beats) {
        report(&v, sc->src, 1, "scenario has no beats");
        return v.errors;
    }
    for (i = 0; i < sc->n_cast; i++)
        for (j = 0; j < i; j++)
            if (sc->cast[i].id && sc->cast[j].id && strcmp(sc->cast[i].id, sc->cast[j].id) == 0)
                report(&v, sc->src, 1, "cast id '%s' is used twice", sc->cast[i].id);
    for (i = 0; i < sc->n_beats; i++) {
        const StoryBeat *b = &sc->beats[i];
        char what[WHAT_MAX];
        if (!b->id || !*b->id)
            report(&v, b->src, 1, "beat %d has no id", i + 1);
        for (j = 0; b->id && j < i; j++)
            if (sc->beats[j].id && strcmp(sc->beats[j].id, b->id) == 0)
                report(&v, b->src, 1, "beat id '%s' is used twice", b->id);
        snprintf(what, sizeof what, "beat '%s': title", beat_name(b));
        check_text(&v, &b->title, b->src, 0, what);
        snprintf(what, sizeof what, "beat '%s': place", beat_name(b));
        check_text(&v, &b->place, b->src, 0, what);
        snprintf(what, sizeof what, "beat '%s': time", beat_name(b));
        check_text(&v, &b->time, b->src, 0, what);
        snprintf(what, sizeof what, "beat '%s': notes", beat_name(b));
        check_text(&v, &b->notes, b->src, 0, what);
        check_steps(&v, b);
        check_interaction(&v, b);
        check_beat_shape(&v, b);
    }
    start = resolve(sc, sc->start_id, sc->start);
    if (start == -2) {
        char hint[HINT_MAX];
        v.unknown++;
        report(&v, sc->src, 1, "start beat '%s' is unknown%s", sc->start_id,
               story_suggest(sc, STORY_NAME_BEAT, sc->start_id, hint, sizeof hint));
    }
    else if (start == -1)
        start = 0; /* scenario_link's default: the first beat */
    if (start < 0)
        start = -1;
    if (v.unknown)
        /* an unknown id cuts the paths through it: every beat behind it
         * would be "never reached", every one before it "without an ending" */
        report(&v, sc->src, 0, "the paths are checked once every beat id above is known");
    else
        check_graph(&v, start);
    return v.errors;
}

/* 1 when name is declared in vars; see validate.h. */
int story_var_declared(const Scenario *sc, const char *name)
{
    int i = 0;
    if (!sc || !name)
        return 0;
    for (i = 0; sc->vars && i < sc->n_vars; i++)
        if (sc->vars[i].name && strcmp(sc->vars[i].name, name) == 0)
            return 1;
    return 0;
}

/* " (did you mean `x`?)" from sc's names of a kind; see validate.h. */
char *story_suggest(const Scenario *sc, StoryNameKind kind, const char *word, char *out,
                    size_t size)
{
    const char **names = NULL;
    int n = 0;
    int i = 0;
    if (!out || size == 0)
        return out;
    out[0] = '\0';
    if (!sc || !word)
        return out;
    n = kind == STORY_NAME_VAR ? sc->n_vars : kind == STORY_NAME_BEAT ? sc->n_beats : sc->n_cast;
    if (n <= 0 || !(names = calloc((size_t)n, sizeof *names)))
        return out;
    for (i = 0; i < n; i++)
        names[i] = kind == STORY_NAME_VAR    ? (sc->vars ? sc->vars[i].name : NULL)
                   : kind == STORY_NAME_BEAT ? (sc->beats ? sc->beats[i].id : NULL)
                                             : (sc->cast ? sc->cast[i].id : NULL);
    suggest_hint(word, (const char *const *)names, n, out, size);
    free(names);
    return out;
}
