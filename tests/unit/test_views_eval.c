/* test_views_eval.c - the evaluation screens (invitation, kiosk, results)
 * rendered headless into a software renderer at 1920x1080, 1280x720 and
 * 3840x2160.  PNGs land in the build directory (views_eval_*.png) for a
 * human look; the checks cover size, content in the expected regions, the QR
 * modules, nothing drawn outside the safe area, and that views_hit_kiosk
 * hits exactly what is drawn. */
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

#include "show/kiosk.h"
#include "views/views_eval.h"
#include "eval/eval_report.h"
#include "render/render_sdl.h"
#include "test_eval_fixture.h"

#ifndef TEST_OUT_DIR
#define TEST_OUT_DIR "."
#endif

typedef struct Ctx {
    SDL_Surface *surf;
    SDL_Renderer *r;
    Gfx *g;
    int w, h;
    EvalQuestionnaire *q;
} Ctx;

typedef enum { DRAW_EVAL, DRAW_KIOSK, DRAW_RESULTS } DrawWhat;

static int setup_size(void **state, int w, int h)
{
    Ctx *c = calloc(1, sizeof *c);
    Err err;
    err_clear(&err);
    if (!c)
        return -1;
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return -1;
    c->w = w;
    c->h = h;
    c->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    c->r = c->surf ? SDL_CreateSoftwareRenderer(c->surf) : NULL;
    c->g = c->r ? gfx_new(c->r, w, h, NULL, &err) : NULL;
    if (!c->g) {
        fprintf(stderr, "setup: %s %s\n", err.msg, SDL_GetError());
        return -1;
    }
    c->q = fixture_questionnaire();
    if (!c->q)
        return -1;
    *state = c;
    return 0;
}

static int setup_1080(void **state) { return setup_size(state, 1920, 1080); }
static int setup_720(void **state) { return setup_size(state, 1280, 720); }
static int setup_2160(void **state) { return setup_size(state, 3840, 2160); }

static int teardown(void **state)
{
    Ctx *c = *state;
    gfx_free(c->g);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->surf);
    eval_q_free(c->q);
    free(c);
    SDL_Quit();
    return 0;
}

static uint32_t px_at(const Ctx *c, int x, int y) { return frame_px(c->surf, x, y); }
static int distinct_colors(const Ctx *c) { return frame_distinct_colors(c->surf); }
/* Pixels within tol of colour hex in the rect (fractions of the frame). */
static int count_color(const Ctx *c, uint32_t hex, int tol, double fx, double fy, double fw,
                       double fh)
{
    return frame_count_color(c->surf, hex, tol, fx, fy, fw, fh);
}

/* Pixels that are not the background in the rect (fractions). */
static int count_ink(const Ctx *c, double fx, double fy, double fw, double fh)
{
    return (int)((fw * c->w) * (fh * c->h)) - count_color(c, THEME_BG, 0, fx, fy, fw, fh);
}

/* Nothing may be drawn in the 5 % margins (the safe area keeps projector
 * overscan and keystone from eating text). */
static void assert_margins_clean(const Ctx *c)
{
    int mx = theme_margin_x(c->w), my = theme_margin_y(c->h), x = 0, y = 0, bad = 0;
    for (y = 0; y < c->h; y++) {
        for (x = 0; x < c->w; x++) {
            if (x >= mx && x < c->w - mx && y >= my && y < c->h - my)
                continue;
            bad += px_at(c, x, y) != (uint32_t)THEME_BG;
        }
    }
    if (bad)
        fprintf(stderr, "%d pixels drawn in the margins\n", bad);
    assert_int_equal(bad, 0);
}

static void render(Ctx *c, const ShowView *v, DrawWhat what, const char *name)
{
    char path[512];
    Err err;
    SDL_Surface *back = NULL;
    err_clear(&err);
    if (what == DRAW_EVAL)
        views_draw_eval(c->g, v);
    else if (what == DRAW_KIOSK)
        views_draw_kiosk(c->g, v);
    else
        views_draw_results(c->g, v);
    SDL_RenderPresent(c->r);
    snprintf(path, sizeof path, "%s/views_eval_%s_%dx%d.png", TEST_OUT_DIR, name, c->w, c->h);
    assert_int_equal(gfx_save_png(c->r, c->w, c->h, path, &err), 0);
    back = IMG_Load(path);
    assert_non_null(back);
    assert_int_equal(back->w, c->w);
    assert_int_equal(back->h, c->h);
    SDL_FreeSurface(back);
    assert_true(distinct_colors(c) > 8);
    assert_margins_clean(c);
}

static void base_view(ShowView *v, ShowScreen screen, int en)
{
    memset(v, 0, sizeof *v);
    v->screen = screen;
    v->ui_en = en;
    v->beat = -1;
    v->selected = -1;
    v->entry = -1;
    v->picked = -1;
    v->winner = -1;
    v->seconds_left = -1;
    v->rewind_sel = -1;
}

/* ---- EVAL ---------------------------------------------------------------------- */

static void test_eval_screen(void **state)
{
    Ctx *c = *state;
    ShowView v;
    base_view(&v, SHOW_SCREEN_EVAL, 0);
    v.join_url = "http://192.168.1.20:8080/e";
    v.room_code = "K7QM";
    v.eval_answers = 23;
    render(c, &v, DRAW_EVAL, "invite");
    /* title and instructions in the upper left */
    assert_true(count_color(c, THEME_TEXT, 10, 0.05, 0.05, 0.5, 0.35) > 3000);
    /* the live count in big accent digits on the left */
    assert_true(count_color(c, THEME_ACCENT, 10, 0.05, 0.35, 0.3, 0.35) > 4000);
    /* the QR code: pure black and white modules on the right, many of each */
    assert_true(count_color(c, 0xFFFFFF, 0, 0.6, 0.05, 0.35, 0.6) > 40000 * c->w / 1920);
    assert_true(count_color(c, 0x000000, 0, 0.6, 0.05, 0.35, 0.6) > 20000 * c->w / 1920);
    /* the room code in accent below the QR code */
    assert_true(count_color(c, THEME_ACCENT, 10, 0.6, 0.6, 0.35, 0.3) > 1000);
    /* no error: no error colour */
    assert_int_equal(count_color(c, THEME_ERROR, 4, 0, 0, 1, 1), 0);

    /* English, a store problem shown prominently */
    v.ui_en = 1;
    v.eval_answers = 1;
    v.eval_error = "The evaluation database is locked by another program. Answers are kept in "
                   "memory and saved when it is free again.";
    render(c, &v, DRAW_EVAL, "invite_error");
    assert_true(count_color(c, THEME_ERROR, 10, 0.05, 0.5, 0.55, 0.45) > 2000);

    /* no LAN: no QR code, the problem instead; the kiosk is still offered */
    v.ui_en = 0;
    v.eval_error = NULL;
    v.join_url = NULL;
    v.room_code = NULL;
    v.lan_problem = "Ingen netværksadresse fundet (wlan0 er nede)";
    v.eval_answers = 0;
    render(c, &v, DRAW_EVAL, "invite_nolan");
    assert_int_equal(count_color(c, 0xFFFFFF, 0, 0.6, 0.05, 0.35, 0.6), 0);
    assert_true(count_color(c, THEME_WARNING, 10, 0.6, 0.05, 0.35, 0.5) > 500);
    /* the K hint chip (text on the raised panel colour) */
    assert_true(count_color(c, THEME_PANEL_HI, 0, 0.05, 0.3, 0.5, 0.6) > 5000);
}

/* ---- KIOSK --------------------------------------------------------------------- */

typedef struct KCtx {
    Kiosk *k;
    KioskView kv;
    ShowView v;
} KCtx;

static void kview(KCtx *kc, int en)
{
    kiosk_view(kc->k, &kc->kv);
    base_view(&kc->v, SHOW_SCREEN_KIOSK, en);
    kc->v.kiosk = &kc->kv;
}

/* Centres of every hit target of v, from one scan of a grid (the hit test
 * recomputes the layout, so one scan per frame keeps the test fast). */
typedef struct Hits {
    int valid, w;
    ShowView v;
    KioskView kv;
    long sx[EVAL_MAX_OPTIONS + 12], sy[EVAL_MAX_OPTIONS + 12], n[EVAL_MAX_OPTIONS + 12];
} Hits;

static Hits hits_cache;

static void scan_hits(Ctx *c, const ShowView *v)
{
    int x = 0, y = 0, step = c->w / 160;
    if (hits_cache.valid && hits_cache.w == c->w && !memcmp(&hits_cache.v, v, sizeof *v) &&
        (!v->kiosk || !memcmp(&hits_cache.kv, v->kiosk, sizeof hits_cache.kv)))
        return;
    memset(&hits_cache, 0, sizeof hits_cache);
    for (y = step / 2; y < c->h; y += step) {
        for (x = step / 2; x < c->w; x += step) {
            int t = views_hit_kiosk(c->g, v, x, y) + 11; /* -11 .. 9 -> 0 .. 20 */
            if (t == 9)
                continue; /* -2: nothing */
            assert_true(t >= 0 && t < EVAL_MAX_OPTIONS + 12);
            hits_cache.sx[t] += x;
            hits_cache.sy[t] += y;
            hits_cache.n[t]++;
        }
    }
    hits_cache.valid = 1;
    hits_cache.w = c->w;
    hits_cache.v = *v;
    if (v->kiosk)
        hits_cache.kv = *v->kiosk;
}

/* The centre of what views_hit_kiosk reports as `target`. */
static int find_hit(Ctx *c, const ShowView *v, int target, int *cx, int *cy)
{
    int t = target + 11;
    scan_hits(c, v);
    if (t < 0 || t >= EVAL_MAX_OPTIONS + 12 || !hits_cache.n[t])
        return 0;
    *cx = (int)(hits_cache.sx[t] / hits_cache.n[t]);
    *cy = (int)(hits_cache.sy[t] / hits_cache.n[t]);
    return 1;
}

/* Every option the kiosk shows is hit somewhere, where a row is drawn, and
 * hit areas do not overlap the buttons. */
static void check_option_hits(Ctx *c, const ShowView *v)
{
    int i = 0, x = 0, y = 0;
    for (i = 0; i < v->kiosk->n_options; i++) {
        uint32_t p = 0;
        assert_true(find_hit(c, v, i, &x, &y));
        /* just right of the row's left edge: the row's own panel colour */
        {
            int lx = x, guard = 0;
            while (lx > 0 && views_hit_kiosk(c->g, v, lx - 1, y) == i && guard++ < 10000)
                lx--;
            /* the row starts exactly where its hit area starts: drawn
             * inside, background just outside */
            p = px_at(c, lx + 2, y);
            assert_false(frame_near(p, THEME_BG, 0));
            assert_true(frame_near(px_at(c, lx - 2, y), THEME_BG, 0));
        }
    }
    assert_int_equal(views_hit_kiosk(c->g, v, 2, 2), -2);
}

static void click(Ctx *c, KCtx *kc, int target, unsigned long t)
{
    int x = 0, y = 0;
    kview(kc, kc->v.ui_en);
    assert_true(find_hit(c, &kc->v, target, &x, &y));
    assert_int_equal(views_hit_kiosk(c->g, &kc->v, x, y), target);
    assert_int_equal(kiosk_key(kc->k, KIOSK_KEY_CLICK, views_hit_kiosk(c->g, &kc->v, x, y), t),
                     1);
    kview(kc, kc->v.ui_en);
}

static void test_kiosk_pages(void **state)
{
    Ctx *c = *state;
    KCtx kc;
    int x = 0, y = 0;
    memset(&kc, 0, sizeof kc);
    kc.k = kiosk_new(c->q, 0, NULL);
    assert_non_null(kc.k);
    kiosk_reset(kc.k, 0);

    /* question 1 with the intro-less title chip, an error after a refused Next */
    kiosk_key(kc.k, KIOSK_KEY_NEXT, 0, 1);
    kiosk_key(kc.k, KIOSK_KEY_DOWN, 0, 1);
    kview(&kc, 0);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_q1_error");
    check_option_hits(c, &kc.v);
    /* the counter "1/7" in accent at the top right, the error in the error colour */
    assert_true(count_color(c, THEME_ACCENT, 10, 0.8, 0.04, 0.16, 0.08) > 200);
    assert_true(count_color(c, THEME_ERROR, 10, 0.05, 0.6, 0.9, 0.3) > 300);
    /* the Next button (accent) at the bottom right, no Back on the first page */
    assert_true(find_hit(c, &kc.v, -10, &x, &y));
    assert_true(x > c->w * 3 / 4 && y > c->h * 3 / 4);
    assert_true(frame_near(px_at(c, x, y - c->h / 40), THEME_ACCENT, 2));
    assert_false(find_hit(c, &kc.v, -11, &x, &y));
    /* the prompt in big type in the upper part */
    assert_true(count_color(c, THEME_TEXT, 10, 0.05, 0.1, 0.9, 0.15) > 3000);

    /* choose "Godt" by clicking, go on with the Next button */
    click(c, &kc, 3, 2);
    assert_int_equal(kc.kv.chosen, 1u << 3);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_q1_chosen");
    /* the chosen row is framed and checked in accent */
    assert_true(find_hit(c, &kc.v, 3, &x, &y));
    assert_true(count_color(c, THEME_ACCENT, 10, 0.05, (double)(y - c->h / 20) / c->h, 0.9,
                            0.1) > 2000);
    click(c, &kc, -10, 3);
    assert_int_equal(kc.kv.question, 1);

    /* yes/no */
    click(c, &kc, 0, 4);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_q2_yesno");
    check_option_hits(c, &kc.v);
    assert_true(find_hit(c, &kc.v, -11, &x, &y)); /* Back from now on */
    assert_true(x < c->w / 4 && y > c->h * 3 / 4);
    click(c, &kc, -10, 5);
    /* the long yes/no question (English) */
    kview(&kc, 1);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_q3_long_en");
    check_option_hits(c, &kc.v);
    click(c, &kc, -10, 6);
    click(c, &kc, -10, 7);
    click(c, &kc, -10, 8);
    /* multi with two chosen */
    assert_int_equal(kc.kv.kind, EVAL_MULTI);
    click(c, &kc, 0, 9);
    click(c, &kc, 2, 9);
    assert_int_equal(kc.kv.chosen, 0x5u);
    kview(&kc, 0);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_q6_multi");
    check_option_hits(c, &kc.v);
    click(c, &kc, -10, 10);

    /* text with the warning, æøå and an emoji */
    assert_true(kiosk_wants_text(kc.k));
    kview(&kc, 0);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_q7_text_empty");
    assert_true(count_color(c, THEME_WARNING, 10, 0.05, 0.1, 0.9, 0.3) > 300);
    assert_false(find_hit(c, &kc.v, 0, &x, &y)); /* no options on a text page */
    kiosk_text(kc.k, "Det var godt at se hvad man kan gøre. Mere af det på vores skole, især i "
                     "8. og 9. klasse ✓ \xF0\x9F\x98\x80",
               11);
    kview(&kc, 0);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_q7_text");
    /* typed text inside the accent-framed box */
    assert_true(count_color(c, THEME_TEXT, 10, 0.06, 0.3, 0.88, 0.25) > 3000);
    /* a text that fills the box: the end (and the caret) stay in view, inside the box */
    {
        int i = 0;
        for (i = 0; i < 40; i++)
            kiosk_text(kc.k, "lang tekst ", 12);
        kview(&kc, 0);
        render(c, &kc.v, DRAW_KIOSK, "kiosk_q7_text_full");
    }
    click(c, &kc, -10, 13);

    /* review, saving, failed, thanks */
    assert_int_equal(kc.kv.page, KIOSK_PAGE_REVIEW);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_review");
    assert_true(count_color(c, THEME_TEXT, 10, 0.1, 0.3, 0.8, 0.4) > 3000);
    assert_true(find_hit(c, &kc.v, -10, &x, &y));
    assert_true(find_hit(c, &kc.v, -11, &x, &y));
    click(c, &kc, -10, 14);
    assert_int_equal(kc.kv.page, KIOSK_PAGE_SAVING);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_saving");
    assert_false(find_hit(c, &kc.v, -10, &x, &y)); /* nothing to press while saving */
    kiosk_saved(kc.k, 0, "Databasen er låst af et andet program", 15);
    kview(&kc, 0);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_failed");
    assert_true(count_color(c, THEME_ERROR, 10, 0.05, 0.1, 0.9, 0.6) > 3000);
    click(c, &kc, -10, 16);
    assert_int_equal(kc.kv.page, KIOSK_PAGE_SAVING);
    kiosk_saved(kc.k, 1, NULL, 17);
    kview(&kc, 0);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_thanks");
    assert_true(count_color(c, THEME_OK, 10, 0.3, 0.1, 0.4, 0.5) > 5000);
    assert_int_equal(views_hit_kiosk(c->g, &kc.v, c->w / 2, c->h / 2), -2);
    assert_false(find_hit(c, &kc.v, -10, &x, &y));

    /* no kiosk at all: a message, no crash, no hits */
    base_view(&kc.v, SHOW_SCREEN_KIOSK, 1);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_none");
    assert_int_equal(views_hit_kiosk(c->g, &kc.v, c->w / 2, c->h / 2), -2);
    kiosk_free(kc.k);
}

/* Ten long options and a long prompt must still fit, with distinct rows. */
static void test_kiosk_crowded(void **state)
{
    Ctx *c = *state;
    Err e;
    EvalQuestionnaire *q = eval_q_new("crowded", "Et langt spørgeskema om dialog-eventet",
                                      "A long questionnaire", &e);
    KCtx kc;
    int qi = 0, i = 0, x = 0, y = 0;
    char da[200];
    assert_non_null(q);
    assert_int_equal(eval_q_set_intro(q, "Svarene er anonyme. Du kan springe spørgsmål over.",
                                      "Anonymous.", &e), 0);
    qi = eval_q_add_question(q, "many", EVAL_MULTI,
                             "Hvilke af disse ting har du lært noget om i dag, og hvilke vil du "
                             "gerne høre mere om, hvis vi kommer igen på jeres skole næste år?",
                             "Which?", 1, &e);
    for (i = 1; i <= 10; i++) {
        snprintf(da, sizeof da, "Mulighed nummer %d, som er skrevet ret langt for at se om "
                 "rækken kan bære to linjer", i);
        assert_int_equal(eval_q_add_option(q, qi, da, "x", &e), i);
    }
    assert_int_equal(eval_q_finish(q, &e), 0);
    memset(&kc, 0, sizeof kc);
    kc.k = kiosk_new(q, 0, NULL);
    kiosk_reset(kc.k, 0);
    kiosk_key(kc.k, KIOSK_KEY_DIGIT, 0, 1);
    kiosk_key(kc.k, KIOSK_KEY_DIGIT, 3, 1);
    kiosk_key(kc.k, KIOSK_KEY_NEXT, 0, 1); /* allowed: two chosen */
    kiosk_key(kc.k, KIOSK_KEY_BACK, 0, 1);
    kiosk_key(kc.k, KIOSK_KEY_DIGIT, 0, 1);
    kiosk_key(kc.k, KIOSK_KEY_DIGIT, 3, 1);
    kiosk_key(kc.k, KIOSK_KEY_NEXT, 0, 1); /* refused: none chosen */
    kview(&kc, 0);
    render(c, &kc.v, DRAW_KIOSK, "kiosk_crowded");
    check_option_hits(c, &kc.v);
    /* rows end above the error line and the buttons */
    for (i = 0; i < 10; i++) {
        int bx = 0, by = 0;
        assert_true(find_hit(c, &kc.v, i, &x, &y));
        assert_true(find_hit(c, &kc.v, -10, &bx, &by));
        assert_true(y < by - c->h / 20);
    }
    kiosk_free(kc.k);
    eval_q_free(q);
}

/* ---- RESULTS ------------------------------------------------------------------- */

static EvalTally *tally_of(const EvalQuestionnaire *q, int n, int first)
{
    EvalTally *t = eval_tally_new(q);
    EvalAnswers *a = eval_answers_new(q);
    int i = 0;
    assert_non_null(t);
    assert_non_null(a);
    for (i = first; i < first + n; i++) {
        eval_answers_clear(a);
        fixture_answers(a, i);
        assert_int_equal(eval_tally_add_answers(t, a), 0); /* counts the respondent */
    }
    eval_answers_free(a);
    return t;
}

static void test_results(void **state)
{
    Ctx *c = *state;
    ShowView v;
    EvalTally *t = tally_of(c->q, 360, 0);
    EvalTally *few = tally_of(c->q, 3, 0);
    EvalTally *some = tally_of(c->q, 40, 320);
    EvalTally *none = eval_tally_new(c->q);

    base_view(&v, SHOW_SCREEN_RESULTS, 0);
    v.results = t;
    render(c, &v, DRAW_RESULTS, "results");
    /* heading on the left, respondents in accent on the right */
    assert_true(count_color(c, THEME_TEXT, 10, 0.05, 0.04, 0.3, 0.1) > 1000);
    assert_true(count_color(c, THEME_ACCENT, 10, 0.65, 0.04, 0.3, 0.1) > 500);
    /* option bars (phones blue) and report-group bars (accent) */
    assert_true(count_color(c, THEME_PHONES, 4, 0.05, 0.15, 0.9, 0.8) > 5000 * c->w / 1920);
    assert_true(count_color(c, THEME_ACCENT, 4, 0.05, 0.15, 0.9, 0.8) > 2000 * c->w / 1920);
    /* free text is not shown: the fixture's comment text never appears,
     * which we check through the number of cards drawn (ink in the lower right
     * quarter comes from question cards only) */
    assert_true(count_ink(c, 0.05, 0.15, 0.9, 0.75) > 0);

    v.ui_en = 1;
    v.results = some;
    render(c, &v, DRAW_RESULTS, "results_some_en");
    assert_true(count_color(c, THEME_PHONES, 4, 0.05, 0.15, 0.9, 0.8) > 500);

    /* 3 respondents: every question says "fewer than 5", no bars are filled */
    v.ui_en = 0;
    v.results = few;
    render(c, &v, DRAW_RESULTS, "results_few");
    assert_int_equal(count_color(c, THEME_PHONES, 4, 0, 0, 1, 1), 0);
    assert_true(count_color(c, THEME_FAINT, 10, 0.05, 0.15, 0.9, 0.8) > 500);

    /* nothing yet */
    v.results = none;
    render(c, &v, DRAW_RESULTS, "results_none");
    assert_int_equal(count_color(c, THEME_PHONES, 4, 0, 0, 1, 1), 0);
    v.results = NULL;
    render(c, &v, DRAW_RESULTS, "results_null");

    eval_tally_free(t);
    eval_tally_free(few);
    eval_tally_free(some);
    eval_tally_free(none);
}

/* Which cells the projector shows: exactly the formatted cells of the report. */
static void test_results_suppression(void **state)
{
    Ctx *c = *state;
    EvalTally *some = tally_of(c->q, 40, 320);
    EvalRow row;
    Err e;
    char buf[64];
    int qi = eval_q_find(c->q, "overall"), i = 0, small = 0;
    (void)state;
    assert_int_equal(eval_tally_row(some, qi, &row, &e), 0);
    for (i = 0; i < row.ncells; i++) {
        eval_cell_format(&row.cells[i], buf, sizeof buf);
        if (row.cells[i].state != EVAL_CELL_SHOWN) {
            small++;
            assert_null(strchr(buf, '%'));
        }
    }
    /* 11 x 4 and 29 x 3 among 40: options 1, 2, 5 and "negative" are empty */
    assert_true(small > 0);
    eval_tally_free(some);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_eval_screen, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_eval_screen, setup_720, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_pages, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_pages, setup_720, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_crowded, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_crowded, setup_720, teardown),
        cmocka_unit_test_setup_teardown(test_results, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_results, setup_720, teardown),
        cmocka_unit_test_setup_teardown(test_results_suppression, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_eval_screen, setup_2160, teardown),
        cmocka_unit_test_setup_teardown(test_kiosk_crowded, setup_2160, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
