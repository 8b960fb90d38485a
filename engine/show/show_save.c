/* show_save.c - saving the show's state and continuing a saved event.
 *
 * The saved state is a small versioned text: the scenario's id and a
 * fingerprint of its beats, where the show stands (beat, steps, whether the
 * last step is held, the ending's page, the pass, the poll ids), the
 * journal of story moves since the start, and the signal timeline.  A
 * restore replays the journal on the fresh run (story_advance, story_choose,
 * story_continue, story_back, story_rewind, story_replay_beat, story_jump),
 * so the variables, visit counts, the rewind history and the explored
 * branches come back exactly as they were, effects included.  Nothing about
 * pupils is kept: no phone tokens, no idea texts, only the room's totals.
 *
 *   spectactor-save 1
 *   scenario <id>
 *   shape <fingerprint of the beats>
 *   at <beat id> <steps> <held> <ending page> <started>
 *   pass <n>
 *   polls <poll seq>
 *   ops a a a c1 a k-1 r0 p b j3 ...      (one or more lines)
 *   signal <beat id> <stop> <ok> <warning> <stalking> <result>
 *   end
 *
 * A scenario whose beats changed since the save continues at the saved beat
 * from the start's variables (story_jump) when that beat still exists, else
 * it starts over; the facilitator is told either way.
 */
#include "show/show_internal.h"
#include "show/ui_text.h"

#include "compat/compat.h"
#include "core/buf.h"
#include "core/log.h"
#include "eval/eval_store.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define SAVE_MAGIC "spectactor-save 1"
#define SAVE_OPS_PER_LINE 32
#define SAVE_MAX_OPS 200000 /* a long course is some thousand moves */
#define SAVE_MAX_TEXT (4 * 1024 * 1024)

/* ---- the journal ------------------------------------------------------------ */

void show_jr(Show *s, char op, int arg)
{
    if (s->jr_full)
        return;
    if (s->jr_ops >= SAVE_MAX_OPS) {
        s->jr_full = 1; /* a restore then continues at the beat (story_jump) */
        return;
    }
    if (op == 'a' || op == 'b' || op == 'p')
        buf_printf(&s->journal, "%s%c", s->jr_ops ? " " : "", op);
    else
        buf_printf(&s->journal, "%s%c%d", s->jr_ops ? " " : "", op, arg);
    s->jr_ops++;
}

/* FNV-1a over the beats' shape: ids, steps, interactions and their targets. */
static unsigned long shape_of(const Scenario *sc)
{
    unsigned long h = 2166136261UL;
    char tmp[64];
    int b = 0, o = 0;
#define MIX(str)                                                                                   \
    do {                                                                                           \
        const char *q_ = (str);                                                                    \
        for (; q_ && *q_; q_++)                                                                    \
            h = ((h ^ (unsigned char)*q_) * 16777619UL) & 0xffffffffUL;                            \
        h = ((h ^ 0xffU) * 16777619UL) & 0xffffffffUL;                                             \
    } while (0)
    snprintf(tmp, sizeof tmp, "%d %d %d", sc->n_beats, sc->start, sc->n_options);
    MIX(tmp);
    for (b = 0; b < sc->n_beats; b++) {
        const StoryBeat *bt = &sc->beats[b];
        MIX(bt->id);
        snprintf(tmp, sizeof tmp, "%d %d %d %d", bt->n_steps, (int)bt->interaction.kind,
                 bt->interaction.n_options, bt->next);
        MIX(tmp);
        for (o = 0; o < bt->interaction.n_options; o++) {
            snprintf(tmp, sizeof tmp, "%d", bt->interaction.options[o].target);
            MIX(tmp);
        }
    }
#undef MIX
    return h;
}

int show_save(const Show *s, Buf *out)
{
    int i = 0;
    const char *p = NULL;
    assert(s && out);
    if (s->offer)
        return -1; /* the saved event waits for an answer: leave it alone */
    if (!s->run || (!s->started && s->jr_ops == 0))
        return 0;
    buf_reset(out);
    buf_printf(out, "%s\nscenario %s\nshape %08lx\n", SAVE_MAGIC, s->sc->id ? s->sc->id : "-",
               shape_of(s->sc));
    buf_printf(out, "at %s %d %d %d %d\n", show_beat_name(s, story_current_beat(s->run)),
               story_steps_shown(s->run), s->held, s->ending_page, s->started);
    buf_printf(out, "pass %d\npolls %d\n", s->pass, s->poll_seq);
    if (s->event_tag[0])
        buf_printf(out, "event %s\n", s->event_tag);
    if (!s->jr_full) {
        int n = 0;
        buf_puts(out, "ops ");
        for (p = buf_str(&s->journal); *p; p++) {
            if (*p == ' ' && ++n % SAVE_OPS_PER_LINE == 0)
                buf_puts(out, "\nops ");
            else
                buf_append(out, p, 1);
        }
        buf_puts(out, "\n");
    }
    for (i = 0; i < s->n_signals; i++) {
        const ShowSignal *g = &s->signals[i];
        buf_printf(out, "signal %s %d %d %d %d %d\n", show_beat_name(s, g->beat), g->stop,
                   g->counts[0], g->counts[1], g->counts[2], g->result);
    }
    /* the statements asked so far (totals only), so a course that asks the
     * before round in its first lesson can ask the after round in its last */
    buf_printf(out, "measure %u\n", s->measure_done);
    for (i = 0; i < s->sc->n_statements && i < STORY_MAX_STATEMENTS; i++) {
        const ShowMeasure *m = &s->measure[i];
        if (m->asked[0] || m->asked[1])
            buf_printf(out, "statement %d %d %d %d %d %d %d %d %d\n", i, m->asked[0],
                       m->asked[1], m->counts[0][0], m->counts[0][1], m->counts[0][2],
                       m->counts[1][0], m->counts[1][1], m->counts[1][2]);
    }
    buf_puts(out, "end\n");
    return out->oom ? ERR_NOMEM : 1;
}

/* ---- reading ------------------------------------------------------------------ */

typedef struct SaveAt {
    char beat[STORY_MAX_ID + 1];
    int steps, held, page, started;
    int pass, polls;
    unsigned long shape;
    int has_shape;
    char scenario[STORY_MAX_ID + 1];
    int complete; /* the "end" line was read */
} SaveAt;

/* Reads the header lines of text into a; 0 or ERR_INVALID. */
static int read_header(const char *text, SaveAt *a, Err *err)
{
    const char *p = text;
    memset(a, 0, sizeof *a);
    if (!text || strncmp(text, SAVE_MAGIC "\n", strlen(SAVE_MAGIC) + 1) != 0)
        return err_set(err, ERR_INVALID, "not a saved event (or a newer version)");
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        char line[512];
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n < sizeof line) {
            memcpy(line, p, n);
            line[n] = '\0';
            if (sscanf(line, "scenario %64s", a->scenario) == 1) {
            } else if (sscanf(line, "shape %lx", &a->shape) == 1) {
                a->has_shape = 1;
            } else if (sscanf(line, "at %64s %d %d %d %d", a->beat, &a->steps, &a->held, &a->page,
                              &a->started) == 5) {
            } else if (sscanf(line, "pass %d", &a->pass) == 1) {
            } else if (sscanf(line, "polls %d", &a->polls) == 1) {
            } else if (strcmp(line, "end") == 0)
                a->complete = 1;
        }
        p = nl ? nl + 1 : NULL;
    }
    if (!a->complete || !a->beat[0] || !a->has_shape || a->steps < 0 || a->pass < 0 ||
        a->polls < 0)
        return err_set(err, ERR_INVALID, "the saved event is incomplete");
    return 0;
}

/* Applies one journal token to the run.  0 or negative. */
static int apply_op(Show *s, const char *tok, Err *err)
{
    int arg = tok[1] ? atoi(tok + 1) : 0;
    switch (tok[0]) {
    case 'a': return story_advance(s->run, err);
    case 'b': return story_back(s->run);
    case 'c': return story_choose(s->run, arg, err);
    case 'k': return story_continue(s->run, arg, err);
    case 'r': return story_rewind(s->run, arg, err);
    case 'p': return story_replay_beat(s->run);
    case 'j': return story_jump(s->run, arg, err);
    default: return err_set(err, ERR_INVALID, "unknown move '%s' in the saved event", tok);
    }
}

/* Replays every "ops" line of text; 0, or negative (the run is then in an
 * unknown state: the caller restarts it). */
static int replay(Show *s, const char *text, Err *err)
{
    const char *p = text;
    int rc = 0;
    while (p && *p && rc == 0) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n >= 3 && strncmp(p, "ops", 3) == 0 && (n == 3 || p[3] == ' ')) {
            const char *q = p + 3, *end = p + n;
            while (q < end && rc == 0) {
                char tok[24];
                size_t k = 0;
                while (q < end && *q == ' ')
                    q++;
                while (q < end && *q != ' ' && k + 1 < sizeof tok)
                    tok[k++] = *q++;
                tok[k] = '\0';
                if (k > 0) {
                    rc = apply_op(s, tok, err);
                    show_jr(s, tok[0], tok[1] ? atoi(tok + 1) : 0);
                }
            }
        }
        p = nl ? nl + 1 : NULL;
    }
    return rc;
}

/* A "measure" or "statement" line: the rounds of statements asked and
 * their totals (a statement the scenario no longer has is left out). */
static void read_measure(Show *s, const char *line)
{
    ShowMeasure m;
    unsigned done = 0;
    int i = 0, k = 0, ok = 1;
    memset(&m, 0, sizeof m);
    if (sscanf(line, "measure %u", &done) == 1) {
        s->measure_done = done & ((1u << SHOW_MEASURE_BEFORE) | (1u << SHOW_MEASURE_AFTER));
        return;
    }
    if (sscanf(line, "statement %d %d %d %d %d %d %d %d %d", &i, &m.asked[0], &m.asked[1],
               &m.counts[0][0], &m.counts[0][1], &m.counts[0][2], &m.counts[1][0],
               &m.counts[1][1], &m.counts[1][2]) != 9 ||
        i < 0 || i >= s->sc->n_statements || i >= STORY_MAX_STATEMENTS)
        return;
    for (k = 0; k < 6; k++)
        ok &= m.counts[k / 3][k % 3] >= 0 && m.counts[k / 3][k % 3] <= 1000000;
    if (ok) {
        m.asked[0] = m.asked[0] != 0;
        m.asked[1] = m.asked[1] != 0;
        s->measure[i] = m;
    }
}

/* The lines of text after the story's: the signals whose beats still
 * exist go to the timeline, the statements' totals and the evaluation
 * event to the show. */
static void read_state_lines(Show *s, const char *text)
{
    const char *p = text;
    s->n_signals = 0;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        char line[256], beat[STORY_MAX_ID + 1];
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        ShowSignal g;
        memset(&g, 0, sizeof g);
        if (n < sizeof line && s->n_signals < SHOW_MAX_SIGNALS) {
            memcpy(line, p, n);
            line[n] = '\0';
            read_measure(s, line);
            if (strncmp(line, "event ", 6) == 0)
                show_set_event_tag(s, line + 6);
            if (sscanf(line, "signal %64s %d %d %d %d %d", beat, &g.stop, &g.counts[0],
                       &g.counts[1], &g.counts[2], &g.result) == 6 &&
                (g.beat = scenario_beat_index(s->sc, beat)) >= 0 && g.result >= -1 &&
                g.result < 3 && g.counts[0] >= 0 && g.counts[1] >= 0 && g.counts[2] >= 0) {
                g.stop = g.stop != 0;
                s->signals[s->n_signals++] = g;
            }
        }
        p = nl ? nl + 1 : NULL;
    }
}

/* After the story stands where the save says: the show's own state. */
static void settle_at(Show *s, const SaveAt *a, int exact)
{
    const StoryBeat *b = NULL;
    s->started = a->started != 0;
    s->pass = a->pass;
    if (a->polls > s->poll_seq)
        s->poll_seq = a->polls;
    s->shown_interaction = -1;
    s->timer_beat = -1;
    s->timer_running = 0;
    s->ending_page = 0;
    s->held = 0;
    show_poll_reset(&s->ictx);
    b = show_cur_beat(s);
    if (exact && a->held && story_pos(s->run) != STORY_AT_STEPS && story_steps_shown(s->run) > 0)
        s->held = 1;
    show_tr(s, "resume %s %d", show_beat_name(s, story_current_beat(s->run)),
            story_steps_shown(s->run));
    if (!s->started)
        return;
    if (!s->held)
        show_announce_position(s);
    if (exact && show_at_end(s) && b)
        s->ending_page = a->page == 1;
}

/* Sets the facilitator's note to a UI text with the beat's id. */
static void note_beat(Show *s, UiTextId id, const char *beat)
{
    snprintf(s->note, sizeof s->note, "%s%s%s", ui_text(s->ui_en, id), beat,
             ui_text(s->ui_en, id + 1));
    show_tr(s, "note %s", s->note);
    log_warn("%s", s->note); /* the terminal too */
}

int show_resume(Show *s, const char *text, Err *err)
{
    SaveAt a;
    Err e;
    int b = -1, i = 0, rc = 0;
    assert(s);
    err_clear(&e);
    if (!s->run)
        return err_set(err, ERR_STATE, "no scenario to continue");
    if (read_header(text, &a, err) < 0)
        return ERR_INVALID;
    if (strcmp(a.scenario, s->sc->id ? s->sc->id : "-") != 0)
        return err_set(err, ERR_INVALID, "the saved event belongs to another scenario (%s)",
                       a.scenario);
    free(s->offer);
    s->offer = NULL;
    buf_reset(&s->journal);
    s->jr_ops = 0;
    s->jr_full = 0;
    if (a.shape == shape_of(s->sc) && strstr(text, "\nops")) {
        rc = replay(s, text, &e);
        if (rc == 0 && strcmp(show_beat_name(s, story_current_beat(s->run)), a.beat) == 0 &&
            story_steps_shown(s->run) == a.steps) {
            read_state_lines(s, text);
            settle_at(s, &a, 1);
            return 0;
        }
    }
    /* the scenario changed (or the journal did not lead to the saved beat):
     * continue at that beat from the start's variables, or start over */
    buf_reset(&s->journal);
    s->jr_ops = 0;
    s->jr_full = 0;
    story_restart(s->run, &e);
    read_state_lines(s, text);
    b = scenario_beat_index(s->sc, a.beat);
    if (b < 0 || story_jump(s->run, b, &e) < 0) {
        story_restart(s->run, &e);
        a.started = 0;
        a.pass = 0;
        settle_at(s, &a, 0);
        note_beat(s, UI_RESUME_GONE_1, a.beat);
        return 1;
    }
    show_jr(s, 'j', b);
    for (i = 0; i < a.steps && story_pos(s->run) == STORY_AT_STEPS &&
                story_steps_shown(s->run) < s->sc->beats[b].n_steps;
         i++) {
        if (story_advance(s->run, &e) < 0)
            break;
        show_jr(s, 'a', 0);
    }
    a.started = 1;
    settle_at(s, &a, 0);
    note_beat(s, UI_RESUME_CHANGED_1, a.beat);
    return 1;
}

/* ---- the offer on the welcome screen ------------------------------------------- */

int show_offer_resume(Show *s, const char *text, long long saved_at, Err *err)
{
    SaveAt a;
    char when[32] = "";
    assert(s);
    if (!s->run || s->started)
        return err_set(err, ERR_STATE, "the event has already started");
    if (read_header(text, &a, err) < 0)
        return ERR_INVALID;
    if (strcmp(a.scenario, s->sc->id ? s->sc->id : "-") != 0)
        return err_set(err, ERR_INVALID, "the saved event belongs to another scenario (%s)",
                       a.scenario);
    free(s->offer);
    s->offer = core_strdup(text);
    if (!s->offer)
        return err_set(err, ERR_NOMEM, "out of memory");
    if (saved_at > 0) {
        time_t t = (time_t)saved_at;
        struct tm tm;
        memset(&tm, 0, sizeof tm);
#ifdef _WIN32
        if (localtime_s(&tm, &t) == 0)
#else
        if (localtime_r(&t, &tm))
#endif
            strftime(when, sizeof when, ", %H:%M", &tm);
    }
    {
        /* the beat's short name when it has one, else its id */
        int b = scenario_beat_index(s->sc, a.beat);
        const char *name = b >= 0 ? show_txt(s, &s->sc->beats[b].title) : "";
        s->offer_beat = b;
        snprintf(s->offer_line, sizeof s->offer_line, "%s (%s%s)  ·  %s",
                 ui_text(s->ui_en, UI_RESUME_YES), name && *name ? name : a.beat, when,
                 ui_text(s->ui_en, UI_RESUME_NO));
    }
    s->offer_answer = 0;
    show_tr(s, "resume offered %s %d", a.beat, a.steps);
    return 0;
}

int show_offer_key(Show *s, ShowAction a)
{
    Err e;
    char *text = NULL;
    int rc = 0;
    assert(s && s->offer);
    err_clear(&e);
    switch (a) {
    case SHOW_ACT_YES:
        text = s->offer;
        s->offer = NULL; /* show_resume frees nothing it does not own */
        rc = show_resume(s, text, &e);
        free(text);
        if (rc < 0) {
            snprintf(s->note, sizeof s->note, "%s", e.msg);
            show_tr(s, "resume failed: %s", e.msg);
        }
        s->offer_answer = 1;
        return 1;
    case SHOW_ACT_CANCEL:
        free(s->offer);
        s->offer = NULL;
        s->offer_answer = -1;
        show_tr(s, "resume declined");
        return 1;
    case SHOW_ACT_NEXT:
    case SHOW_ACT_BACK:
    case SHOW_ACT_DIGIT:
    case SHOW_ACT_CLICK: return 0; /* the choice first: nothing starts by accident */
    default: return -1;            /* help, blank, notes, map, quit: as usual */
    }
}

int show_offer_state(const Show *s)
{
    assert(s);
    return s->offer ? 2 : s->offer_answer;
}

int show_event_over(const Show *s)
{
    assert(s);
    return s->run && s->started && (s->eval_screen != 0 || show_at_end(s));
}

void show_set_event_tag(Show *s, const char *tag)
{
    size_t n = tag ? strlen(tag) : 0;
    assert(s);
    s->event_tag[0] = '\0';
    if (n > 0 && n <= SHOW_MAX_EVENT_TAG &&
        strspn(tag, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") == n)
        memcpy(s->event_tag, tag, n + 1);
}

const char *show_event_tag(const Show *s)
{
    assert(s);
    return s->event_tag;
}

void show_set_note(Show *s, const char *msg)
{
    assert(s);
    snprintf(s->note, sizeof s->note, "%s", msg ? msg : "");
}

const char *show_note(const Show *s)
{
    assert(s);
    return s->note;
}

/* ---- the file ------------------------------------------------------------------ */

int show_save_write(const char *path, const char *text, Err *err)
{
    assert(path && text);
    if (compat_write_atomic(path, text, strlen(text)) != 0)
        return err_set(err, ERR_IO, "cannot save the event in %s: %s", path, strerror(errno));
    return 0;
}

char *show_save_read(const char *path, Err *err)
{
    FILE *f = NULL;
    Buf b = BUF_INIT;
    char chunk[4096];
    size_t n = 0;
    assert(path);
    f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            err_set(err, ERR_NOTFOUND, "no saved event");
        else
            err_set(err, ERR_IO, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < SAVE_MAX_TEXT)
        buf_append(&b, chunk, n);
    fclose(f);
    if (b.oom || b.len >= SAVE_MAX_TEXT || !b.data || memchr(b.data, '\0', b.len)) {
        buf_free(&b);
        err_set(err, ERR_INVALID, "%s is not a saved event", path);
        return NULL;
    }
    return buf_take(&b);
}

/* ---- keeping the file in step with the show -------------------------------------- */

int show_save_path(char *out, size_t n, const char *db_path, const char *scenario_id)
{
    char id[STORY_MAX_ID + 1];
    const char *slash = NULL;
    size_t dir = 0, i = 0, k = 0;
    assert(out && n > 0 && db_path);
    for (i = 0; scenario_id && scenario_id[i] && k + 1 < sizeof id; i++) {
        char c = scenario_id[i];
        id[k++] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_')
                      ? c
                      : '_';
    }
    id[k] = '\0';
    slash = strrchr(db_path, '/');
#ifdef _WIN32
    if (strrchr(db_path, '\\') > slash)
        slash = strrchr(db_path, '\\');
#endif
    dir = slash ? (size_t)(slash - db_path) + 1 : 0;
    if ((int)dir < 0 ||
        snprintf(out, n, "%.*sresume-%s.txt", (int)dir, db_path, k ? id : "scenario") >= (int)n)
        return ERR_LIMIT;
    return 0;
}

int show_save_sync(Show *s, ShowSaveFile *f, Err *err)
{
    Buf b = BUF_INIT;
    int rc = 0;
    assert(s && f);
    if (!f->path[0])
        return 0;
    rc = show_save(s, &b);
    if (rc == 1 && (!f->last || strcmp(f->last, buf_str(&b)) != 0)) {
        rc = show_save_write(f->path, buf_str(&b), err);
        if (rc == 0) {
            free(f->last);
            f->last = buf_take(&b);
        }
    } else if (rc == 0 && !f->cleared) {
        /* a fresh show (or "start over"): no saved event to offer next time */
        remove(f->path);
        free(f->last);
        f->last = NULL;
        f->cleared = 1;
    } else if (rc == ERR_NOMEM)
        err_set(err, ERR_NOMEM, "out of memory");
    if (rc == 1)
        f->cleared = 0;
    buf_free(&b);
    return rc < 0 && rc != -1 ? rc : 0;
}

void show_save_retire(ShowSaveFile *f)
{
    if (!f)
        return;
    if (f->path[0])
        remove(f->path);
    free(f->last);
    f->last = NULL;
    f->cleared = 1;
}

int show_save_start(Show *s, ShowSaveFile *f, const char *db, int mode, Err *err)
{
    char *def = NULL, *text = NULL, bad[sizeof f->path + 8];
    struct stat st;
    int rc = 0;
    assert(s && f);
    f->path[0] = '\0';
    if (!s->run)
        return 0;
    def = db ? NULL : eval_store_default_path(err);
    if (!db && !def)
        return err->code ? err->code : ERR_IO;
    rc = show_save_path(f->path, sizeof f->path, db ? db : def, s->sc->id);
    free(def);
    if (rc < 0) {
        f->path[0] = '\0';
        return err_set(err, rc, "the saved event's path is too long");
    }
    if (mode == SHOW_RESUME_NO)
        return 0;
    text = show_save_read(f->path, err);
    if (!text)
        return err->code == ERR_NOTFOUND ? 0 : err->code;
    if (mode == SHOW_RESUME_YES)
        rc = show_resume(s, text, err);
    else
        rc = show_offer_resume(s, text, stat(f->path, &st) == 0 ? (long long)st.st_mtime : 0, err);
    free(text);
    if (rc < 0) {
        /* not ours to continue, but not ours to delete either */
        char why[ERR_MSG_MAX];
        snprintf(why, sizeof why, "%s", err->msg);
        snprintf(bad, sizeof bad, "%s.bad", f->path);
        rename(f->path, bad);
        return err_set(err, rc, "%s: %s (kept as %s)", f->path, why, bad);
    }
    return 0;
}
