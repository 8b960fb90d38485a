/* test_views_presenter.c - the facilitator's screen (engine/app/views_presenter.c)
 * rendered headless into a software renderer at 1920x1080 and 1280x720.
 *
 * The bundled scenario (scenes/stalking) is loaded through the Lua loader and
 * played by a real Show driven with show_action: the welcome screen, a beat
 * with steps shown, a choice with an open vote (hands keyed in, a phone
 * vote), pending ideas from phones (one flagged by the word list), blank on,
 * the ending, and the error screen.  PNGs land in the build directory
 * (views_presenter_*.png) for a human look; the checks cover: something
 * drawn, nothing in the safe margins, the accent colour present, the red
 * BLANK marker in the top bar exactly when blank is on, the flag's red in
 * the idea area exactly when an idea is flagged, and the hand count keyed
 * in shown in the phones colour. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "unit/frame_pixels.h"
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/eval.h"
#include "show/show.h"
#include "views/views.h"
#include "views/views_presenter.h"
#include "lua/lua_story.h"
#include "render/render_sdl.h"
#include "story/story.h"

#ifndef TEST_OUT_DIR
#define TEST_OUT_DIR "."
#endif

typedef struct Fx {
    LuaHost *host;
    Scenario *sc;
    Show *show;
} Fx;

/* What one rendered frame holds. */
typedef struct Counts {
    long ink;         /* pixels that are not the background */
    long margin_ink;  /* ink inside the 5 % margins */
    long accent;      /* THEME_ACCENT pixels */
    long top_red;     /* THEME_STALKING or THEME_ERROR pixels in the top bar */
    long idea_red;    /* THEME_STALKING pixels in the idea area (right, lower part) */
    long phones;      /* THEME_PHONES pixels in the left column */
    long error_red;   /* THEME_ERROR pixels in the left column */
} Counts;

static int setup(void **state)
{
    Fx *f = calloc(1, sizeof *f);
    Err err;
    err_clear(&err);
    if (!f || SDL_Init(SDL_INIT_VIDEO) != 0)
        return -1;
    f->host = lua_host_new(&err);
    f->sc = f->host ? lua_story_load(f->host, SPECTACTOR_ROOT "/scenes/stalking", &err) : NULL;
    if (!f->sc) {
        fprintf(stderr, "load: %s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fx *f = *state;
    show_free(f->show);
    lua_story_release(f->host, f->sc);
    scenario_free(f->sc);
    lua_host_free(f->host);
    free(f);
    SDL_Quit();
    return 0;
}

/* A fresh show in Danish (en = 0) or English. */
static Show *new_show(Fx *f, int en)
{
    Err err;
    int lang = scenario_lang_index(f->sc, en ? "en" : "da");
    err_clear(&err);
    show_free(f->show);
    f->show = show_new(f->sc, lua_story_hooks(f->host), lang < 0 ? 0 : lang, NULL, &err);
    assert_non_null(f->show);
    show_set_presenter(f->show, 1);
    return f->show;
}

/* Renders the presenter view of s at w x h into
 * TEST_OUT_DIR/views_presenter_<name>_<w>x<h>.png and fills *out. */
static void render(Show *s, int w, int h, const char *name, long elapsed, Counts *out)
{
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    Gfx *g = NULL;
    Err err;
    char path[512];
    ShowView v;
    int mx = theme_margin_x(w), my = theme_margin_y(h), x = 0, y = 0;
    int top_end = my + h * 17 / 100;
    SDL_Surface *back = NULL;
    err_clear(&err);
    assert_non_null(r);
    g = gfx_new(r, w, h, NULL, &err);
    assert_non_null(g);
    show_view_presenter(s, &v);
    views_draw_presenter(g, &v, elapsed);
    SDL_RenderPresent(r);
    snprintf(path, sizeof path, "%s/views_presenter_%s_%dx%d.png", TEST_OUT_DIR, name, w, h);
    assert_int_equal(gfx_save_png(r, w, h, path, &err), 0);
    back = IMG_Load(path);
    assert_non_null(back);
    assert_int_equal(back->w, w);
    assert_int_equal(back->h, h);
    SDL_FreeSurface(back);
    memset(out, 0, sizeof *out);
    for (y = 0; y < h; y++) {
        for (x = 0; x < w; x++) {
            uint32_t p = frame_px(surf, x, y);
            int in_margin = x < mx || x >= w - mx || y < my || y >= h - my;
            if (p == THEME_BG)
                continue;
            out->ink++;
            if (in_margin)
                out->margin_ink++;
            if (p == THEME_ACCENT)
                out->accent++;
            if (y < top_end && (p == THEME_STALKING || p == THEME_ERROR))
                out->top_red++;
            if (x >= w * 60 / 100 && y >= h * 60 / 100 && p == THEME_STALKING)
                out->idea_red++;
            if (x < w * 55 / 100 && y >= top_end && p == THEME_PHONES)
                out->phones++;
            if (x < w * 55 / 100 && y >= top_end && p == THEME_ERROR)
                out->error_red++;
        }
    }
    gfx_free(g);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
}

/* Renders at both sizes with the common checks; *big gets the 1920x1080 counts. */
static void render_both(Show *s, const char *name, long elapsed, Counts *big, Counts *small)
{
    render(s, 1920, 1080, name, elapsed, big);
    render(s, 1280, 720, name, elapsed, small);
    assert_true(big->ink > 1920L * 1080L / 20);
    assert_true(small->ink > 1280L * 720L / 20);
    assert_int_equal(big->margin_ink, 0);
    assert_int_equal(small->margin_ink, 0);
    assert_true(big->accent > 0);
    assert_true(small->accent > 0);
}

static ShowView view(Show *s)
{
    ShowView v;
    show_view_presenter(s, &v);
    return v;
}

/* Presses Next (picking the first enabled option at polls) until the
 * current screen is `screen` with interaction `kind` (any kind for screens
 * other than INTERACTION). */
static void advance_to(Show *s, ShowScreen screen, StoryIntKind kind)
{
    int i = 0;
    for (i = 0; i < 400; i++) {
        ShowView v = view(s);
        if (v.measure_round) {
            show_action(s, SHOW_ACT_STOP, 0); /* S skips the statements */
            continue;
        }
        if (v.screen == screen && (screen != SHOW_SCREEN_INTERACTION || v.ikind == kind))
            return;
        if (v.screen == SHOW_SCREEN_INTERACTION &&
            (v.ikind == STORY_INT_CHOICE || v.ikind == STORY_INT_SIGNAL)) {
            int d = 0;
            for (d = 0; d < v.n_options; d++) {
                if (v.options[d].state == STORY_OPT_AVAILABLE) {
                    show_action(s, SHOW_ACT_DIGIT, d + 1);
                    break;
                }
            }
        }
        show_action(s, SHOW_ACT_NEXT, 0);
    }
    fail_msg("screen %d not reached", (int)screen);
}

/* ---- tests ------------------------------------------------------------------------ */

static void test_welcome(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Counts a, b;
    ShowView v = view(s);
    assert_int_equal(v.screen, SHOW_SCREEN_WELCOME);
    show_set_join(s, "http://192.168.1.20:8080", "KAT42", NULL);
    show_set_phones_joined(s, 17);
    render_both(s, "welcome", 0, &a, &b);
    assert_int_equal(a.top_red, 0);
    assert_int_equal(b.top_red, 0);
    assert_int_equal(a.idea_red, 0);
}

static void test_beat_steps(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Counts a, b;
    ShowView v;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_STOP, 0); /* S: the statements before the play skipped */
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    v = view(s);
    assert_int_equal(v.screen, SHOW_SCREEN_BEAT);
    assert_true(v.steps_shown >= 2);
    render_both(s, "beat", 125, &a, &b);
    assert_int_equal(a.top_red, 0);
    assert_int_equal(b.top_red, 0);
    assert_int_equal(a.idea_red, 0);
    assert_int_equal(b.idea_red, 0);
    /* the same in English */
    s = new_show(f, 1);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_STOP, 0); /* S: the statements before the play skipped */
    show_action(s, SHOW_ACT_NEXT, 0);
    render_both(s, "beat_en", 3725, &a, &b);
}

static void test_choice_vote_and_ideas(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Counts a, b, c, d;
    ShowView v;
    int pid = 0;
    show_set_join(s, "http://192.168.1.20:8080", "KAT42", NULL);
    advance_to(s, SHOW_SCREEN_INTERACTION, STORY_INT_CHOICE);
    /* the vote before it is opened */
    render_both(s, "choice_ready", 900, &c, &d);
    assert_int_equal(c.phones, 0);
    show_action(s, SHOW_ACT_VOTE, 0);
    v = view(s);
    assert_non_null(v.poll);
    assert_int_equal(vote_state(v.poll), VOTE_OPEN);
    pid = vote_id(v.poll);
    show_set_phones_joined(s, 23);
    /* 12 hands for option 1 (its field has the focus when the vote opens), a
     * phone for option 2, 5 being typed for option 2 (Next moved the focus) */
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_DIGIT, 2);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(vote_hands(view(s).poll, 0), 12);
    assert_int_equal(show_phone_vote(s, pid, "tok-a", 1), 0);
    assert_int_equal(show_phone_vote(s, pid, "tok-b", 0), 0);
    show_action(s, SHOW_ACT_DIGIT, 5);
    v = view(s);
    assert_int_equal(v.selected, 1);
    assert_int_equal(v.entry, 5);
    /* ideas arrive meanwhile; the second is flagged by the word list */
    assert_int_equal(show_phone_idea(s, "Sig det til en voksen du stoler på"), 0);
    assert_int_equal(show_phone_idea(s, "hun er en luder"), 0);
    assert_int_equal(show_phone_idea(s, "Bloker ham, tag skærmbilleder af beskederne og gem "
                                        "dem, så du har dem hvis du skal gå til politiet"),
                     0);
    v = view(s);
    assert_int_equal(v.n_pending_ideas, 3);
    assert_int_equal(v.idea_flags[1], 1);
    render_both(s, "choice_open", 1500, &a, &b);
    assert_int_equal(a.top_red, 0);
    assert_true(a.idea_red > 0);
    assert_true(b.idea_red > 0);
    /* the counts and joined line are drawn (phones colour) once the poll is open */
    assert_true(a.phones > c.phones);
    assert_true(b.phones > 0);
    /* the reveal */
    show_action(s, SHOW_ACT_NEXT, 0); /* commits the 5 */
    show_action(s, SHOW_ACT_VOTE, 0);
    if (view(s).ask == SHOW_ASK_UNCOUNTED)
        show_action(s, SHOW_ACT_YES, 0); /* the options left were not counted: reveal anyway */
    v = view(s);
    assert_int_equal(vote_state(v.poll), VOTE_REVEALED);
    assert_int_equal(v.winner, 0);
    render_both(s, "choice_revealed", 1560, &a, &b);
}

static void test_many_ideas_and_blank(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Counts a, b;
    ShowView v;
    int i = 0;
    char buf[128];
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_STOP, 0); /* S: the statements before the play skipped */
    show_action(s, SHOW_ACT_NEXT, 0);
    for (i = 0; i < 20; i++) {
        snprintf(buf, sizeof buf, "Idé nummer %d: tal med en voksen om det der sker", i + 1);
        assert_int_equal(show_phone_idea(s, buf), 0);
    }
    assert_int_equal(show_phone_idea(s, "hun er en luder"), 0);
    /* the highlight moves to the last idea, which must scroll into view */
    show_action(s, SHOW_ACT_IDEAS, 0);
    for (i = 0; i < 25; i++)
        show_action(s, SHOW_ACT_DOWN, 0);
    show_action(s, SHOW_ACT_IDEAS, 0);
    v = view(s);
    assert_int_equal(v.n_pending_ideas, 21);
    assert_int_equal(v.idea_sel, 20);
    show_action(s, SHOW_ACT_BLANK, 0);
    v = view(s);
    assert_true(v.overlays & SHOW_OV_BLANK);
    render_both(s, "blank_ideas", 2400, &a, &b);
    assert_true(a.top_red > 0);
    assert_true(b.top_red > 0);
    assert_true(a.idea_red > 0); /* the flagged last idea is scrolled into view */
    assert_true(b.idea_red > 0);
    show_action(s, SHOW_ACT_BLANK, 0);
    render_both(s, "unblank_ideas", 2401, &a, &b);
    assert_int_equal(a.top_red, 0);
    assert_int_equal(b.top_red, 0);
}

static void test_ending(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 1);
    Counts a, b;
    advance_to(s, SHOW_SCREEN_ENDING, STORY_INT_NONE);
    render_both(s, "ending", 3599, &a, &b);
    assert_int_equal(a.top_red, 0);
    assert_int_equal(a.idea_red, 0);
}

static void test_error(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Counts a, b;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_STOP, 0); /* S: the statements before the play skipped */
    show_set_error(s, "scenes/stalking/beats_relationship.lua:42: attempt to index a nil value "
                      "(global 'sofie') while running the condition of option 2 in beat "
                      "'unanswered'; check the spelling of the variable and that it is declared "
                      "in scenario.lua");
    assert_int_equal(view(s).screen, SHOW_SCREEN_ERROR);
    render_both(s, "error", -1, &a, &b);
    assert_true(a.error_red > 0);
    assert_true(b.error_red > 0);
}

/* ---- what never reaches the projector (issue 8, item 5) ------------------------
 * A frame's pixels are compared: when private content must not be drawn,
 * the projector's frame is the same whatever that content is, and the same
 * as before the key that opened it on the presenter window. */

#define PW 1280
#define PH 720

/* The projector's (presenter 0) or the presenter's (1) frame for s at PW x
 * PH, saved as TEST_OUT_DIR/views_private_<name>.png; a malloc'd copy of
 * its pixels.  notes_scroll as for views_draw_presenter_at (may be NULL). */
static uint32_t *frame_of(Show *s, int presenter, const char *name, int *notes_scroll)
{
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, PW, PH, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    uint32_t *px = malloc((size_t)PW * PH * sizeof *px);
    Gfx *g = NULL;
    Err err;
    char path[512];
    ShowView v;
    int x = 0, y = 0;
    err_clear(&err);
    assert_non_null(r);
    assert_non_null(px);
    g = gfx_new(r, PW, PH, NULL, &err);
    assert_non_null(g);
    if (presenter) {
        show_view_presenter(s, &v);
        views_draw_presenter_at(g, &v, 60, notes_scroll);
    } else {
        show_view(s, &v);
        views_draw(g, &v);
    }
    SDL_RenderPresent(r);
    snprintf(path, sizeof path, "%s/views_private_%s.png", TEST_OUT_DIR, name);
    assert_int_equal(gfx_save_png(r, PW, PH, path, &err), 0);
    for (y = 0; y < PH; y++)
        for (x = 0; x < PW; x++)
            px[(size_t)y * PW + x] = frame_px(surf, x, y);
    gfx_free(g);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    return px;
}

static int same_frame(const uint32_t *a, const uint32_t *b)
{
    return memcmp(a, b, (size_t)PW * PH * sizeof *a) == 0;
}

/* The beat with the longest notes, reached by playing; its notes' text in
 * the show's language is swapped for `other` when other != NULL (returns
 * the original). */
static const char *swap_notes(Fx *f, Show *s, const char *other)
{
    ShowView v = view(s);
    StoryText *t = NULL;
    const char *old = NULL;
    assert_true(v.beat >= 0 && v.beat < f->sc->n_beats);
    t = (StoryText *)&f->sc->beats[v.beat].notes; /* the test owns the scenario */
    old = t->s[v.lang];
    if (other)
        t->s[v.lang] = other;
    return old;
}

/* N with a presenter window: the projector frame does not change, the
 * presenter's does.  Without one: the projector shows the warning, which
 * does not depend on what the notes say; confirmed, it does. */
static void test_notes_never_on_projector(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    uint32_t *before = NULL, *after = NULL, *pb = NULL, *pa = NULL, *other = NULL;
    const char *orig = NULL;
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_STOP, 0); /* S: the statements before the play skipped */
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_true(strlen(swap_notes(f, s, NULL)) > 0); /* the first beat has notes */
    before = frame_of(s, 0, "beat", NULL);
    pb = frame_of(s, 1, "beat_presenter", NULL);
    show_action(s, SHOW_ACT_NOTES, 0);
    after = frame_of(s, 0, "notes_with_presenter", NULL);
    pa = frame_of(s, 1, "notes_presenter", NULL);
    assert_true(same_frame(before, after));
    assert_false(same_frame(pb, pa)); /* the notes card is framed there */
    free(after);
    show_action(s, SHOW_ACT_NOTES, 0);

    show_set_presenter(s, 0);
    show_action(s, SHOW_ACT_NOTES, 0);
    after = frame_of(s, 0, "notes_warning", NULL);
    assert_false(same_frame(before, after)); /* the room sees the warning */
    orig = swap_notes(f, s, "Helt andre noter, som salen ikke må se: svaret er 3.");
    other = frame_of(s, 0, "notes_warning_other", NULL);
    assert_true(same_frame(after, other)); /* ... and nothing of the notes */
    free(other);
    show_action(s, SHOW_ACT_NOTES, 0); /* confirmed: now the notes are drawn */
    other = frame_of(s, 0, "notes_shown_other", NULL);
    swap_notes(f, s, orig);
    free(after);
    after = frame_of(s, 0, "notes_shown", NULL);
    assert_false(same_frame(after, other));
    free(before);
    free(after);
    free(other);
    free(pb);
    free(pa);
}

/* A show at its first beat with these pending ideas, I pressed once. */
static Show *with_ideas(Fx *f, int presenter, const char *a, const char *b)
{
    Show *s = new_show(f, 0);
    show_set_presenter(s, presenter);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_STOP, 0); /* S: the statements before the play skipped */
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(show_phone_idea(s, a), 0);
    assert_int_equal(show_phone_idea(s, b), 0);
    return s;
}

static void test_ideas_never_on_projector(void **state)
{
    Fx *f = *state;
    Show *s = with_ideas(f, 1, "Sig det til en voksen", "hun er en luder");
    uint32_t *before = frame_of(s, 0, "ideas_before", NULL), *x = NULL, *y = NULL;
    show_action(s, SHOW_ACT_IDEAS, 0);
    x = frame_of(s, 0, "ideas_with_presenter", NULL);
    assert_true(same_frame(before, x)); /* moderation is on the presenter window only */
    free(x);
    show_action(s, SHOW_ACT_DOWN, 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* the flagged one: asks again, shows nothing */
    x = frame_of(s, 0, "ideas_flag_asked", NULL);
    assert_true(same_frame(before, x));
    free(x);
    x = frame_of(s, 1, "ideas_flag_asked_presenter", NULL);
    free(x);
    free(before);

    /* no presenter window: the counts, never the texts */
    s = with_ideas(f, 0, "Sig det til en voksen", "hun er en luder");
    show_action(s, SHOW_ACT_IDEAS, 0);
    x = frame_of(s, 0, "ideas_counts", NULL);
    s = with_ideas(f, 0, "Bloker ham på alle medier", "du er en luder");
    show_action(s, SHOW_ACT_IDEAS, 0);
    y = frame_of(s, 0, "ideas_counts_other", NULL);
    assert_true(same_frame(x, y));
    free(y);
    /* confirmed: the unflagged text is drawn, the flagged one is not */
    show_action(s, SHOW_ACT_IDEAS, 0);
    y = frame_of(s, 0, "ideas_confirmed_other", NULL);
    assert_false(same_frame(x, y));
    free(x);
    s = with_ideas(f, 0, "Bloker ham på alle medier", "hun er en luder");
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_action(s, SHOW_ACT_YES, 0);
    x = frame_of(s, 0, "ideas_confirmed", NULL);
    assert_true(same_frame(x, y)); /* the flagged texts differ, the frames do not */
    show_action(s, SHOW_ACT_DOWN, 0);
    show_action(s, SHOW_ACT_NEXT, 0); /* first Enter on the flagged one: a question */
    free(y);
    y = frame_of(s, 0, "ideas_flag_question", NULL);
    assert_false(same_frame(x, y));
    assert_int_equal(view(s).n_ideas, 0);
    free(x);
    /* the unflagged one shown: it moves below, under "On the projector" */
    show_action(s, SHOW_ACT_UP, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(view(s).n_ideas, 1);
    x = frame_of(s, 0, "ideas_one_shown", NULL);
    assert_false(same_frame(x, y));
    free(x);
    free(y);
}

/* With a presenter window the kiosk is drawn there; the projector keeps the
 * evaluation invitation while a pupil types. */
static void test_kiosk_on_presenter(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    Err e;
    EvalQuestionnaire *q = eval_q_new("text-only", "Tekst", "Text", &e);
    int qi = 0;
    uint32_t *inv = NULL, *x = NULL, *p0 = NULL, *p1 = NULL;
    assert_non_null(q);
    qi = eval_q_add_question(q, "comment", EVAL_TEXT, "Kommentar", "Comment", 0, &e);
    assert_true(qi >= 0);
    assert_int_equal(eval_q_finish(q, &e), 0);
    advance_to(s, SHOW_SCREEN_ENDING, STORY_INT_NONE);
    show_set_eval(s, q);
    show_action(s, SHOW_ACT_EVAL, 0);
    assert_int_equal(view(s).screen, SHOW_SCREEN_EVAL);
    inv = frame_of(s, 0, "eval_invitation", NULL);
    show_action(s, SHOW_ACT_KIOSK, 0);
    assert_true(show_in_kiosk(s));
    x = frame_of(s, 0, "kiosk_projector", NULL);
    assert_true(same_frame(inv, x));
    free(x);
    p0 = frame_of(s, 1, "kiosk_presenter", NULL);
    assert_int_equal(show_text(s, "Min lærer hedder Hansen"), 1);
    x = frame_of(s, 0, "kiosk_projector_typed", NULL);
    assert_true(same_frame(inv, x)); /* the pupil's text is not on the projector */
    p1 = frame_of(s, 1, "kiosk_presenter_typed", NULL);
    assert_false(same_frame(p0, p1)); /* it is on the laptop */
    free(x);
    free(inv);
    free(p0);
    free(p1);
    show_set_eval(s, NULL);
    eval_q_free(q);
}

/* The notes scroll instead of stopping at "…"; the scenario overview is on
 * the welcome screen, not on the beats. */
static void test_notes_scroll_and_overview(void **state)
{
    Fx *f = *state;
    Show *s = new_show(f, 0);
    uint32_t *a = NULL, *b = NULL, *c = NULL;
    int scroll = 0, i = 0;
    char long_notes[4096];
    const char *orig = NULL, *sc_orig = NULL;
    StoryText *sn = (StoryText *)&f->sc->notes; /* the test owns the scenario */
    ShowView v = view(s);
    /* the overview: drawn on the welcome screen ... */
    sc_orig = sn->s[v.lang];
    assert_non_null(sc_orig);
    a = frame_of(s, 1, "welcome_overview", NULL);
    sn->s[v.lang] = "En helt anden oversigt over scenariet.";
    b = frame_of(s, 1, "welcome_overview_other", NULL);
    assert_false(same_frame(a, b));
    free(a);
    free(b);
    /* ... and not on a beat */
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_STOP, 0); /* S: the statements before the play skipped */
    show_action(s, SHOW_ACT_NEXT, 0);
    a = frame_of(s, 1, "beat_overview_other", NULL);
    sn->s[v.lang] = sc_orig;
    b = frame_of(s, 1, "beat_overview", NULL);
    assert_true(same_frame(a, b));
    free(a);
    free(b);

    long_notes[0] = '\0';
    for (i = 0; i < 12; i++)
        strcat(long_notes, "Spørg klassen, hvad Sofie kan gøre nu, og hvem hun kan tale med. ");
    strcat(long_notes, "SIDSTE LINJE.");
    orig = swap_notes(f, s, long_notes);
    a = frame_of(s, 1, "notes_long", &scroll);
    assert_int_equal(scroll, 0);
    scroll = 1000; /* clamped to what there is */
    b = frame_of(s, 1, "notes_long_scrolled", &scroll);
    assert_true(scroll > 0 && scroll < 1000);
    assert_false(same_frame(a, b));
    scroll = -5;
    c = frame_of(s, 1, "notes_long_top", &scroll);
    assert_int_equal(scroll, 0);
    assert_true(same_frame(a, c));
    swap_notes(f, s, orig);
    free(a);
    free(b);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_welcome),
        cmocka_unit_test(test_beat_steps),
        cmocka_unit_test(test_choice_vote_and_ideas),
        cmocka_unit_test(test_many_ideas_and_blank),
        cmocka_unit_test(test_ending),
        cmocka_unit_test(test_error),
        cmocka_unit_test(test_notes_never_on_projector),
        cmocka_unit_test(test_ideas_never_on_projector),
        cmocka_unit_test(test_kiosk_on_presenter),
        cmocka_unit_test(test_notes_scroll_and_overview),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
