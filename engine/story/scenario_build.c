/* scenario_build.c - the scenario builder (scenario_build.h): one call per
 * declaration, limits checked before anything is stored, every string
 * copied into the scenario arena.
 *
 * Beats grow in a malloc'd array that sc->beats points at while building
 * (so lookups see them) and move into the arena at the finish; everything
 * else goes straight into the arena, sized by its limit or, for a beat's
 * steps, grown by doubling. */
#include "story/scenario_build.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

struct StoryDecl {
    StoryDeclKind kind;
    const ScenarioBuilder *owner;
    int used; /* options and interactions belong to one choice / beat */
    StoryStep step;
    StoryOption opt;
    StoryInteraction inter;
};

struct ScenarioBuilder {
    Scenario *sc; /* NULL once handed over by the finish */
    int started; /* scenario_begin() succeeded */
    StoryBeat *beats; /* malloc'd while building; sc->beats points here */
    int cap_beats;
    int *cap_steps; /* per beat: capacity of its arena step array */
    StoryCast *cast; /* arena, STORY_MAX_CAST */
    StoryContact *contacts; /* arena, STORY_MAX_CONTACTS */
    StoryText *advice; /* arena, STORY_MAX_ADVICE */
    StoryVarDecl *vars; /* arena, STORY_MAX_VARS, sorted by name */
    StoryStatement *statements; /* arena, STORY_MAX_STATEMENTS */
    size_t bytes; /* held for the scenario: arena allocations and the beat arrays */
};

/* ---- helpers ------------------------------------------------------------ */

/* 1 when s (len bytes) is an id: 1..STORY_MAX_ID of A-Z a-z 0-9 _ -. */
int scenario_id_valid(const char *s, size_t len)
{
    size_t i = 0;
    if (!s || len == 0 || len > STORY_MAX_ID)
        return 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* Counts n bytes of the arena (rounded as scenario_alloc aligns them). */
static void hold(ScenarioBuilder *b, size_t n)
{
    b->bytes += (n + 15) / 16 * 16;
}

static int check_id(const char *id, const char *what, Err *err)
{
    if (!id || !scenario_id_valid(id, strlen(id)))
        return err_set(err, ERR_INVALID, "%s '%s' is not a valid id", what, id ? id : "");
    return 0;
}

/* Copies s (at most max bytes, NULL stays NULL) into the arena. */
static int copy_str(ScenarioBuilder *b, const char **dst, const char *s, size_t max,
                    const char *what, Err *err)
{
    *dst = NULL;
    if (!s)
        return 0;
    if (strlen(s) > max)
        return err_set(err, ERR_LIMIT, "%s is longer than %d bytes", what, (int)max);
    *dst = scenario_strdup(b->sc, s);
    if (!*dst)
        return err_set(err, ERR_NOMEM, "out of memory");
    hold(b, strlen(s) + 1);
    return 0;
}

/* Copies a text into the arena; a string shared by several languages is
 * copied once. */
static int copy_text(ScenarioBuilder *b, StoryText *dst, const StoryText *src, Err *err)
{
    int i = 0;
    int j = 0;
    int rc = 0;
    memset(dst, 0, sizeof *dst);
    if (!src)
        return 0;
    dst->src = src->src;
    for (i = 0; i < STORY_MAX_LANGS; i++) {
        if (!src->s[i])
            continue;
        assert(i < b->sc->n_langs); /* texts only hold declared languages */
        for (j = 0; j < i; j++)
            if (src->s[j] == src->s[i])
                break;
        if (j < i) {
            dst->s[i] = dst->s[j];
            continue;
        }
        rc = copy_str(b, &dst->s[i], src->s[i], STORY_MAX_TEXT, "a text", err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int copy_value(ScenarioBuilder *b, StoryValue *dst, const StoryValue *src, Err *err)
{
    *dst = *src;
    dst->str = NULL;
    switch (src->type) {
    case STORY_VAL_NIL:
    case STORY_VAL_BOOL:
    case STORY_VAL_NUMBER:
        return 0;
    case STORY_VAL_STRING:
        return copy_str(b, &dst->str, src->str ? src->str : "", STORY_MAX_TEXT, "a value", err);
    }
    return err_set(err, ERR_INVALID, "unknown value type %d", (int)src->type);
}

static void *alloc(ScenarioBuilder *b, size_t size, Err *err)
{
    void *p = scenario_alloc(b->sc, size);
    if (!p)
        err_set(err, ERR_NOMEM, "out of memory");
    else
        hold(b, size);
    return p;
}

static int need_started(const ScenarioBuilder *b, Err *err)
{
    if (!b || !b->sc)
        return err_set(err, ERR_STATE, "no scenario being built");
    if (!b->started)
        return err_set(err, ERR_STATE, "scenario { ... } must come first");
    return 0;
}

static int cast_ok(const ScenarioBuilder *b, int i)
{
    return i >= -1 && i < b->sc->n_cast;
}

static StoryDecl *decl_new(ScenarioBuilder *b, StoryDeclKind kind, Err *err)
{
    StoryDecl *d = NULL;
    if (need_started(b, err) != 0)
        return NULL;
    d = alloc(b, sizeof *d, err);
    if (d) {
        d->kind = kind;
        d->owner = b;
    }
    return d;
}

static StoryDecl *decl_of(const ScenarioBuilder *b, const void *p, StoryDeclKind kind)
{
    return scenario_decl_kind(b, p) == kind ? (StoryDecl *)p : NULL;
}

/* ---- the builder -------------------------------------------------------- */

/* Starts a scenario in dir with entry as source file 0; see the header. */
ScenarioBuilder *scenario_builder_new(const char *dir, const char *entry, Err *err)
{
    ScenarioBuilder *b = NULL;
    if (!dir || !entry) {
        err_set(err, ERR_INVALID, "no folder or entry file");
        return NULL;
    }
    b = calloc(1, sizeof *b);
    if (!b || !(b->sc = scenario_new()))
        goto oom;
    b->sc->dir = scenario_strdup(b->sc, dir);
    if (!b->sc->dir || scenario_add_file(b->sc, entry) != 0 || b->sc->n_files != 1)
        goto oom;
    hold(b, sizeof *b + sizeof *b->sc + strlen(dir) + 1 + strlen(entry) + 1);
    return b;
oom:
    scenario_builder_free(b);
    err_set(err, ERR_NOMEM, "out of memory");
    return NULL;
}

/* Frees the builder and the scenario it still owns; NULL is fine. */
void scenario_builder_free(ScenarioBuilder *b)
{
    if (!b)
        return;
    scenario_free(b->sc);
    free(b->beats);
    free(b->cap_steps);
    free(b);
}

/* The scenario being built; borrowed. */
const Scenario *scenario_builder_scenario(const ScenarioBuilder *b)
{
    return b ? b->sc : NULL;
}

/* Adds a source file; its index, or 0 when full or out of memory. */
int scenario_builder_add_file(ScenarioBuilder *b, const char *path)
{
    int n = b && b->sc ? b->sc->n_files : 0;
    int i = b && b->sc ? scenario_add_file(b->sc, path) : 0;
    if (b && b->sc && b->sc->n_files > n && path)
        hold(b, strlen(path) + 1);
    return i;
}

/* Bytes held for the scenario being built; see the header. */
size_t scenario_builder_bytes(const ScenarioBuilder *b)
{
    return b ? b->bytes : 0;
}

/* 1 once scenario_begin() succeeded. */
int scenario_builder_started(const ScenarioBuilder *b)
{
    return b && b->started;
}

/* ---- scenario { ... } --------------------------------------------------- */

/* Adds a language code before scenario_begin(); returns its index. */
int scenario_add_language(ScenarioBuilder *b, const char *code, Err *err)
{
    Scenario *sc = b ? b->sc : NULL;
    int i = 0;
    if (!sc || b->started)
        return err_set(err, ERR_STATE, "languages come before the scenario begins");
    if (check_id(code, "language", err) != 0)
        return ERR_INVALID;
    for (i = 0; i < sc->n_langs; i++)
        if (strcmp(sc->langs[i], code) == 0)
            return err_set(err, ERR_INVALID, "language '%s' is listed twice", code);
    if (sc->n_langs >= STORY_MAX_LANGS)
        return err_set(err, ERR_LIMIT, "at most %d languages", STORY_MAX_LANGS);
    sc->langs[sc->n_langs] = scenario_strdup(sc, code);
    if (!sc->langs[sc->n_langs])
        return err_set(err, ERR_NOMEM, "out of memory");
    hold(b, strlen(code) + 1);
    return sc->n_langs++;
}

/* Declares the scenario's id, texts and start; see the header. */
int scenario_begin(ScenarioBuilder *b, const ScenarioInfo *info, Err *err)
{
    Scenario *sc = b ? b->sc : NULL;
    ScenarioInfo copy;
    int rc = 0;
    memset(&copy, 0, sizeof copy);
    if (!sc || !info)
        return err_set(err, ERR_INVALID, "no builder or scenario");
    if (b->started)
        return err_set(err, ERR_STATE, "scenario { ... } is declared twice");
    if (sc->n_langs < 1)
        return err_set(err, ERR_STATE, "a scenario needs a language");
    if (check_id(info->id, "scenario id", err) != 0 ||
        (info->start_id && check_id(info->start_id, "start", err) != 0))
        return ERR_INVALID;
    /* Copy into a local first so a failure leaves the scenario untouched. */
    if ((rc = copy_str(b, &copy.id, info->id, STORY_MAX_ID, "id", err)) != 0 ||
        (rc = copy_str(b, &copy.start_id, info->start_id, STORY_MAX_ID, "start", err)) != 0 ||
        (rc = copy_text(b, &copy.title, &info->title, err)) != 0 ||
        (rc = copy_text(b, &copy.subtitle, &info->subtitle, err)) != 0 ||
        (rc = copy_text(b, &copy.content_note, &info->content_note, err)) != 0 ||
        (rc = copy_text(b, &copy.stop_question, &info->stop_question, err)) != 0 ||
        (rc = copy_text(b, &copy.notes, &info->notes, err)) != 0 ||
        (rc = copy_text(b, &copy.help_title, &info->help_title, err)) != 0)
        return rc;
    b->cast = alloc(b, sizeof *b->cast * STORY_MAX_CAST, err);
    b->contacts = alloc(b, sizeof *b->contacts * STORY_MAX_CONTACTS, err);
    b->advice = alloc(b, sizeof *b->advice * STORY_MAX_ADVICE, err);
    b->vars = alloc(b, sizeof *b->vars * STORY_MAX_VARS, err);
    b->statements = alloc(b, sizeof *b->statements * STORY_MAX_STATEMENTS, err);
    if (!b->cast || !b->contacts || !b->advice || !b->vars || !b->statements)
        return ERR_NOMEM;
    sc->id = copy.id;
    sc->start_id = copy.start_id;
    sc->title = copy.title;
    sc->subtitle = copy.subtitle;
    sc->content_note = copy.content_note;
    sc->stop_question = copy.stop_question;
    sc->notes = copy.notes;
    sc->help_title = copy.help_title;
    sc->src = info->src;
    sc->cast = b->cast;
    sc->contacts = b->contacts;
    sc->advice = b->advice;
    sc->vars = b->vars;
    sc->statements = b->statements;
    b->started = 1;
    return 0;
}

/* Adds a help contact; see the header. */
int scenario_add_contact(ScenarioBuilder *b, const StoryContact *c, Err *err)
{
    StoryContact copy;
    int rc = need_started(b, err);
    memset(&copy, 0, sizeof copy);
    if (rc != 0)
        return rc;
    assert(c);
    if (b->sc->n_contacts >= STORY_MAX_CONTACTS)
        return err_set(err, ERR_LIMIT, "at most %d contacts", STORY_MAX_CONTACTS);
    if ((rc = copy_text(b, &copy.name, &c->name, err)) != 0 ||
        (rc = copy_text(b, &copy.text, &c->text, err)) != 0 ||
        (rc = copy_str(b, &copy.phone, c->phone, STORY_MAX_PHONE, "phone", err)) != 0 ||
        (rc = copy_str(b, &copy.web, c->web, STORY_MAX_WEB, "web", err)) != 0)
        return rc;
    b->contacts[b->sc->n_contacts++] = copy;
    return 0;
}

/* Adds an advice text; see the header. */
int scenario_add_advice(ScenarioBuilder *b, const StoryText *t, Err *err)
{
    StoryText copy;
    int rc = need_started(b, err);
    memset(&copy, 0, sizeof copy);
    if (rc != 0)
        return rc;
    assert(t);
    if (b->sc->n_advice >= STORY_MAX_ADVICE)
        return err_set(err, ERR_LIMIT, "at most %d advice texts", STORY_MAX_ADVICE);
    if ((rc = copy_text(b, &copy, t, err)) != 0)
        return rc;
    b->advice[b->sc->n_advice++] = copy;
    return 0;
}

/* Adds a before/after statement; see the header. */
int scenario_add_statement(ScenarioBuilder *b, const StoryStatement *st, Err *err)
{
    StoryStatement copy;
    int rc = need_started(b, err), i = 0;
    memset(&copy, 0, sizeof copy);
    if (rc != 0)
        return rc;
    assert(st);
    if (b->sc->n_statements >= STORY_MAX_STATEMENTS)
        return err_set(err, ERR_LIMIT, "at most %d statements", STORY_MAX_STATEMENTS);
    if (check_id(st->id, "statement id", err) != 0)
        return ERR_INVALID;
    for (i = 0; i < b->sc->n_statements; i++)
        if (strcmp(b->statements[i].id, st->id) == 0)
            return err_set(err, ERR_INVALID, "statement '%s' is declared twice", st->id);
    if (!story_text_given(&st->text))
        return err_set(err, ERR_INVALID, "statement '%s': field 'text' is required", st->id);
    if ((rc = copy_str(b, &copy.id, st->id, STORY_MAX_ID, "id", err)) != 0 ||
        (rc = copy_text(b, &copy.text, &st->text, err)) != 0)
        return rc;
    copy.src = st->src;
    if (b->sc->n_statements == 0)
        b->sc->statements_src = st->src;
    b->statements[b->sc->n_statements] = copy;
    return b->sc->n_statements++;
}

/* Declares a variable, keeping the table sorted by name; see the header. */
int scenario_add_var(ScenarioBuilder *b, const char *name, const StoryValue *init, Err *err)
{
    StoryVarDecl v;
    int n = 0;
    int i = 0;
    int rc = need_started(b, err);
    memset(&v, 0, sizeof v);
    if (rc != 0)
        return rc;
    assert(init);
    n = b->sc->n_vars;
    if (check_id(name, "variable", err) != 0)
        return ERR_INVALID;
    if (n >= STORY_MAX_VARS)
        return err_set(err, ERR_LIMIT, "at most %d variables", STORY_MAX_VARS);
    for (i = 0; i < n && strcmp(b->vars[i].name, name) < 0; i++)
        ;
    if (i < n && strcmp(b->vars[i].name, name) == 0)
        return err_set(err, ERR_INVALID, "variable '%s' is declared twice", name);
    if ((rc = copy_str(b, &v.name, name, STORY_MAX_ID, "variable", err)) != 0 ||
        (rc = copy_value(b, &v.init, init, err)) != 0)
        return rc;
    memmove(&b->vars[i + 1], &b->vars[i], sizeof *b->vars * (size_t)(n - i));
    b->vars[i] = v;
    b->sc->n_vars = n + 1;
    return 0;
}

/* ---- cast { ... } ------------------------------------------------------- */

/* Adds a cast member; returns its index.  See the header. */
int scenario_add_cast(ScenarioBuilder *b, const StoryCast *c, Err *err)
{
    StoryCast copy;
    int rc = need_started(b, err);
    memset(&copy, 0, sizeof copy);
    if (rc != 0)
        return rc;
    assert(c);
    if (check_id(c->id, "cast", err) != 0)
        return ERR_INVALID;
    if (scenario_cast_index(b->sc, c->id) >= 0)
        return err_set(err, ERR_INVALID, "cast '%s' is declared twice", c->id);
    if (b->sc->n_cast >= STORY_MAX_CAST)
        return err_set(err, ERR_LIMIT, "at most %d characters", STORY_MAX_CAST);
    if (!story_text_given(&c->name))
        return err_set(err, ERR_INVALID, "cast '%s': a name is required", c->id);
    copy.color = c->color & 0xFFFFFFu;
    if ((rc = copy_str(b, &copy.id, c->id, STORY_MAX_ID, "cast id", err)) != 0 ||
        (rc = copy_text(b, &copy.name, &c->name, err)) != 0 ||
        (rc = copy_text(b, &copy.role, &c->role, err)) != 0 ||
        (rc = copy_str(b, &copy.portrait, c->portrait, STORY_MAX_PATH, "portrait", err)) != 0)
        return rc;
    b->cast[b->sc->n_cast] = copy;
    return b->sc->n_cast++;
}

/* ---- steps, options, interactions --------------------------------------- */

/* Declares a step for a later beat; see the header. */
StoryDecl *scenario_new_step(ScenarioBuilder *b, const StoryStep *step, Err *err)
{
    StoryDecl *d = NULL;
    StoryStep s;
    memset(&s, 0, sizeof s);
    assert(step);
    if (need_started(b, err) != 0)
        return NULL;
    if (!cast_ok(b, step->speaker) || !cast_ok(b, step->phone)) {
        err_set(err, ERR_INVALID, "speaker or phone is not in the cast");
        return NULL;
    }
    if ((step->kind == STORY_STEP_LINE && step->speaker < 0) ||
        (step->kind == STORY_STEP_MESSAGE && (step->speaker < 0 || step->phone < 0)) ||
        (step->kind == STORY_STEP_IMAGE && !step->image) ||
        (step->kind != STORY_STEP_IMAGE && !story_text_given(&step->text))) {
        err_set(err, ERR_INVALID, "the step is missing its speaker, phone, text or image");
        return NULL;
    }
    s.kind = step->kind;
    s.speaker = step->speaker;
    s.phone = step->phone;
    s.src = step->src;
    if (copy_str(b, &s.time, step->time, STORY_MAX_TIME, "time", err) != 0 ||
        copy_str(b, &s.image, step->image, STORY_MAX_PATH, "image", err) != 0 ||
        copy_text(b, &s.text, &step->text, err) != 0)
        return NULL;
    if ((d = decl_new(b, STORY_DECL_STEP, err)) != NULL)
        d->step = s;
    return d;
}

static int cmp_effect(const void *pa, const void *pb)
{
    const StoryEffect *a = pa;
    const StoryEffect *b = pb;
    if (a->op != b->op)
        return a->op == STORY_EFFECT_SET ? -1 : 1;
    return strcmp(a->var, b->var);
}

/* Declares an option for a later choice; see the header. */
StoryDecl *scenario_new_option(ScenarioBuilder *b, const StoryOption *opt, Err *err)
{
    StoryDecl *d = NULL;
    StoryOption o;
    StoryEffect *effects = NULL;
    int i = 0;
    memset(&o, 0, sizeof o);
    assert(opt);
    if (need_started(b, err) != 0)
        return NULL;
    if (!story_text_given(&opt->text) || check_id(opt->target_id, "target", err) != 0) {
        err_set(err, ERR_INVALID, "an option needs a text and a target beat");
        return NULL;
    }
    if (opt->n_effects < 0 || opt->n_effects > STORY_MAX_EFFECTS) {
        err_set(err, ERR_LIMIT, "at most %d variable effects", STORY_MAX_EFFECTS);
        return NULL;
    }
    effects = alloc(b, sizeof *effects * (size_t)(opt->n_effects ? opt->n_effects : 1), err);
    if (!effects)
        return NULL;
    for (i = 0; i < opt->n_effects; i++) {
        const StoryEffect *e = &opt->effects[i];
        if (check_id(e->var, "variable", err) != 0)
            return NULL;
        if (e->op == STORY_EFFECT_ADD && e->value.type != STORY_VAL_NUMBER) {
            err_set(err, ERR_INVALID, "add '%s' must be a number", e->var);
            return NULL;
        }
        effects[i].op = e->op;
        if (copy_str(b, &effects[i].var, e->var, STORY_MAX_ID, "variable", err) != 0 ||
            copy_value(b, &effects[i].value, &e->value, err) != 0)
            return NULL;
    }
    qsort(effects, (size_t)opt->n_effects, sizeof *effects, cmp_effect);
    o.target = -1;
    o.hide = opt->hide ? 1 : 0;
    o.once = opt->once ? 1 : 0;
    o.cond_ref = opt->cond_ref;
    o.effect_ref = opt->effect_ref;
    o.effects = effects;
    o.n_effects = opt->n_effects;
    o.src = opt->src;
    if (copy_text(b, &o.text, &opt->text, err) != 0 ||
        copy_text(b, &o.reason, &opt->reason, err) != 0 ||
        copy_str(b, &o.target_id, opt->target_id, STORY_MAX_ID, "target", err) != 0)
        return NULL;
    if ((d = decl_new(b, STORY_DECL_OPTION, err)) != NULL)
        d->opt = o;
    return d;
}

/* Declares an interaction for a later beat; see the header. */
StoryDecl *scenario_new_interaction(ScenarioBuilder *b, const StoryInteraction *in, Err *err)
{
    StoryDecl *d = NULL;
    StoryInteraction x;
    memset(&x, 0, sizeof x);
    assert(in);
    if (need_started(b, err) != 0)
        return NULL;
    if (in->kind != STORY_INT_CHOICE && in->kind != STORY_INT_SIGNAL &&
        in->kind != STORY_INT_IDEA && in->kind != STORY_INT_DISCUSS) {
        err_set(err, ERR_INVALID, "unknown interaction kind %d", (int)in->kind);
        return NULL;
    }
    if (!cast_ok(b, in->character)) {
        err_set(err, ERR_INVALID, "character %d is not in the cast", in->character);
        return NULL;
    }
    if (in->seconds < 0 || in->seconds > STORY_MAX_SECONDS) {
        err_set(err, ERR_LIMIT, "seconds must be 0..%d", STORY_MAX_SECONDS);
        return NULL;
    }
    x.kind = in->kind;
    x.character = in->character;
    x.seconds = in->kind == STORY_INT_DISCUSS ? in->seconds : 0;
    x.src = in->src;
    if (copy_text(b, &x.prompt, &in->prompt, err) != 0)
        return NULL;
    if (x.kind == STORY_INT_CHOICE &&
        !(x.options = alloc(b, sizeof *x.options * STORY_MAX_OPTIONS, err)))
        return NULL;
    if ((d = decl_new(b, STORY_DECL_INTERACTION, err)) != NULL)
        d->inter = x;
    return d;
}

/* The kind of declaration p is, STORY_DECL_NONE when not one of b's. */
StoryDeclKind scenario_decl_kind(const ScenarioBuilder *b, const void *p)
{
    const StoryDecl *d = p;
    if (!b || !d || d->owner != b)
        return STORY_DECL_NONE;
    assert(d->kind == STORY_DECL_STEP || d->kind == STORY_DECL_OPTION ||
           d->kind == STORY_DECL_INTERACTION);
    return d->kind;
}

/* Moves an option into a choice; see the header. */
int scenario_choice_add_option(ScenarioBuilder *b, StoryDecl *choice, StoryDecl *option, Err *err)
{
    StoryOption *opts = NULL;
    if (!decl_of(b, choice, STORY_DECL_INTERACTION) || choice->inter.kind != STORY_INT_CHOICE)
        return err_set(err, ERR_INVALID, "not a choice");
    if (!decl_of(b, option, STORY_DECL_OPTION))
        return err_set(err, ERR_INVALID, "not an option");
    if (option->used)
        return err_set(err, ERR_STATE, "is already used in another choice");
    if (choice->inter.n_options >= STORY_MAX_OPTIONS)
        return err_set(err, ERR_LIMIT, "at most %d options", STORY_MAX_OPTIONS);
    assert(choice->inter.options);
    opts = (StoryOption *)choice->inter.options; /* arena memory of this builder */
    opts[choice->inter.n_options++] = option->opt;
    option->used = 1;
    return 0;
}

/* ---- beats -------------------------------------------------------------- */

/* Adds a beat without steps or interaction; returns its index. */
int scenario_add_beat(ScenarioBuilder *b, const StoryBeat *beat, Err *err)
{
    StoryBeat x;
    char where[300];
    int i = 0;
    int rc = need_started(b, err);
    memset(&x, 0, sizeof x);
    if (rc != 0)
        return rc;
    assert(beat && beat->n_steps == 0 && beat->interaction.kind == STORY_INT_NONE);
    if (check_id(beat->id, "beat", err) != 0 ||
        (beat->next_id && check_id(beat->next_id, "next", err) != 0))
        return ERR_INVALID;
    if ((i = scenario_beat_index(b->sc, beat->id)) >= 0)
        return err_set(err, ERR_INVALID, "beat '%s' is declared twice (first at %s)", beat->id,
                       scenario_where(b->sc, b->beats[i].src, where, sizeof where));
    if (b->sc->n_beats >= STORY_MAX_BEATS)
        return err_set(err, ERR_LIMIT, "at most %d beats", STORY_MAX_BEATS);
    if (b->sc->n_beats == b->cap_beats) {
        int cap = b->cap_beats ? b->cap_beats * 2 : 32;
        StoryBeat *p = realloc(b->beats, (size_t)cap * sizeof *p);
        int *q = NULL;
        if (!p)
            return err_set(err, ERR_NOMEM, "out of memory");
        b->beats = p;
        b->sc->beats = p;
        q = realloc(b->cap_steps, (size_t)cap * sizeof *q);
        if (!q)
            return err_set(err, ERR_NOMEM, "out of memory");
        b->cap_steps = q;
        hold(b, (size_t)(cap - b->cap_beats) * (sizeof *p + sizeof *q));
        b->cap_beats = cap;
    }
    x.next = -1;
    x.interaction.character = -1;
    x.ending = beat->ending ? 1 : 0;
    x.src = beat->src;
    if ((rc = copy_str(b, &x.id, beat->id, STORY_MAX_ID, "beat id", err)) != 0 ||
        (rc = copy_str(b, &x.next_id, beat->next_id, STORY_MAX_ID, "next", err)) != 0 ||
        (rc = copy_text(b, &x.title, &beat->title, err)) != 0 ||
        (rc = copy_text(b, &x.place, &beat->place, err)) != 0 ||
        (rc = copy_text(b, &x.time, &beat->time, err)) != 0 ||
        (rc = copy_text(b, &x.notes, &beat->notes, err)) != 0 ||
        (rc = copy_text(b, &x.ending_text, &beat->ending_text, err)) != 0)
        return rc;
    i = b->sc->n_beats;
    b->beats[i] = x;
    b->cap_steps[i] = 0;
    return b->sc->n_beats++;
}

static StoryBeat *beat_at(ScenarioBuilder *b, int beat)
{
    if (!b || !b->sc || beat < 0 || beat >= b->sc->n_beats)
        return NULL;
    assert(b->sc->beats == b->beats);
    return &b->beats[beat];
}

/* Appends a step declaration to a beat; see the header. */
int scenario_beat_add_step(ScenarioBuilder *b, int beat, const StoryDecl *step, Err *err)
{
    StoryBeat *bt = beat_at(b, beat);
    StoryStep *steps = NULL;
    if (!bt)
        return err_set(err, ERR_INVALID, "no beat %d", beat);
    if (!decl_of(b, step, STORY_DECL_STEP))
        return err_set(err, ERR_INVALID, "not a step");
    if (bt->n_steps >= STORY_MAX_STEPS)
        return err_set(err, ERR_LIMIT, "at most %d steps", STORY_MAX_STEPS);
    steps = (StoryStep *)bt->steps; /* arena memory of this builder */
    if (bt->n_steps == b->cap_steps[beat]) {
        int cap = b->cap_steps[beat] ? b->cap_steps[beat] * 2 : 4;
        if (cap > STORY_MAX_STEPS)
            cap = STORY_MAX_STEPS;
        steps = alloc(b, sizeof *steps * (size_t)cap, err);
        if (!steps)
            return ERR_NOMEM;
        if (bt->n_steps > 0)
            memcpy(steps, bt->steps, sizeof *steps * (size_t)bt->n_steps);
        bt->steps = steps;
        b->cap_steps[beat] = cap;
    }
    steps[bt->n_steps++] = step->step;
    return 0;
}

/* Gives a beat its interaction; see the header. */
int scenario_beat_set_interaction(ScenarioBuilder *b, int beat, StoryDecl *inter, Err *err)
{
    StoryBeat *bt = beat_at(b, beat);
    if (!bt)
        return err_set(err, ERR_INVALID, "no beat %d", beat);
    if (!decl_of(b, inter, STORY_DECL_INTERACTION))
        return err_set(err, ERR_INVALID, "not an interaction (choice, signal, idea, discuss)");
    if (bt->interaction.kind != STORY_INT_NONE)
        return err_set(err, ERR_STATE, "a beat has at most one interaction");
    if (inter->used)
        return err_set(err, ERR_STATE, "this interaction is already used in another beat");
    if (inter->inter.kind == STORY_INT_CHOICE && inter->inter.n_options < STORY_MIN_OPTIONS)
        return err_set(err, ERR_INVALID, "a choice needs at least %d options", STORY_MIN_OPTIONS);
    inter->used = 1;
    bt->interaction = inter->inter;
    return 0;
}

/* Moves the beats into the arena and links the graph; see the header. */
Scenario *scenario_builder_finish(ScenarioBuilder *b, Err *err)
{
    Scenario *sc = b ? b->sc : NULL;
    StoryBeat *beats = NULL;
    if (!sc) {
        err_set(err, ERR_STATE, "no scenario being built");
        return NULL;
    }
    if (!b->started) {
        err_set(err, ERR_INVALID, "%s: no scenario { ... } declaration", sc->files[0]);
        return NULL;
    }
    if (sc->n_beats == 0) {
        err_set(err, ERR_INVALID, "%s: no beat declared", sc->files[0]);
        return NULL;
    }
    beats = alloc(b, sizeof *beats * (size_t)sc->n_beats, err);
    if (!beats)
        return NULL;
    memcpy(beats, b->beats, sizeof *beats * (size_t)sc->n_beats);
    sc->beats = beats;
    if (scenario_link(sc, err) != 0) {
        sc->beats = b->beats; /* the builder keeps the scenario, as before the call */
        return NULL;
    }
    b->sc = NULL;
    return sc;
}
