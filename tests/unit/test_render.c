/* test_render.c - the SDL drawing layer and the projector views, rendered
 * headless into a software renderer at 1920x1080 and 1280x720.  PNGs of
 * every screen and overlay land in the build directory for a human look. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "unit/frame_pixels.h"
#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "show/show.h"
#include "show/ui_text.h"
#include "views/views.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "render/render_sdl.h"
#include "story/scenario.h"
#include "vote/vote.h"

#ifndef TEST_OUT_DIR
#define TEST_OUT_DIR "."
#endif

typedef struct Ctx {
    SDL_Surface *surf;
    SDL_Renderer *r;
    Gfx *g;
    int w, h;
    Scenario *sc;
} Ctx;

/* ---- a small scenario built in C ----------------------------------------- */

static StoryText txt(Scenario *sc, const char *da, const char *en)
{
    StoryText t;
    memset(&t, 0, sizeof t);
    t.s[0] = scenario_strdup(sc, da);
    t.s[1] = scenario_strdup(sc, en);
    return t;
}

static Scenario *make_scenario(void)
{
    Scenario *sc = scenario_new();
    StoryCast *cast = NULL;
    StoryBeat *beats = NULL;
    StoryStep *st = NULL;
    StoryOption *opt = NULL;
    StoryContact *con = NULL;
    StoryText *adv = NULL;
    assert_non_null(sc);
    sc->dir = scenario_strdup(sc, "/nonexistent-scenario-dir");
    sc->id = "test";
    sc->langs[0] = "da";
    sc->langs[1] = "en";
    sc->n_langs = 2;
    sc->title = txt(sc, "Når grænsen flytter sig", "When the line moves");
    sc->subtitle = txt(sc, "Et dialogevent om stalking", "A dialog event about stalking");
    sc->content_note = txt(sc,
        "Dette stykke handler om stalking. Hvis noget af det rører dig, så tal med en voksen du "
        "stoler på, eller ring til Dansk Stalking Center. Du kan altid gå ud af lokalet.",
        "This play is about stalking. If any of it touches you, talk to an adult you trust, or "
        "call the Danish Stalking Centre. You can always leave the room.");
    cast = scenario_alloc(sc, 3 * sizeof *cast);
    cast[0].id = "sofie";
    cast[0].name = txt(sc, "Sofie", "Sofie");
    cast[0].color = 0xFF6FB5;
    cast[1].id = "mads";
    cast[1].name = txt(sc, "Mads", "Mads");
    cast[1].color = 0x5AA9FF;
    cast[2].id = "emma";
    cast[2].name = txt(sc, "Emma", "Emma");
    cast[2].color = 0x202060; /* too dark for the background: must be lightened */
    sc->cast = cast;
    sc->n_cast = 3;

    beats = scenario_alloc(sc, 3 * sizeof *beats);
    st = scenario_alloc(sc, 10 * sizeof *st);
    st[0] = (StoryStep){STORY_STEP_NARRATION, -1, -1, NULL, txt(sc,
        "Musikken er høj. Sofie står ved vinduet med sin telefon.",
        "The music is loud. Sofie stands by the window with her phone."), NULL, {0, 0}};
    st[1] = (StoryStep){STORY_STEP_LINE, 1, -1, NULL, txt(sc,
        "Hej Sofie! Jeg har ledt efter dig hele aftenen.",
        "Hi Sofie! I've been looking for you all evening."), NULL, {0, 0}};
    st[2] = (StoryStep){STORY_STEP_LINE, 0, -1, NULL, txt(sc,
        "Okay… jeg var bare lige ude at få luft.", "Okay… I just went out for some air."),
        NULL, {0, 0}};
    st[3] = (StoryStep){STORY_STEP_MESSAGE, 1, 0, "22:14", txt(sc,
        "hvor er du??", "where are you??"), NULL, {0, 0}};
    st[4] = (StoryStep){STORY_STEP_MESSAGE, 1, 0, "22:15", txt(sc,
        "jeg kan se du er online. svar nu", "I can see you're online. answer me"), NULL, {0, 0}};
    st[5] = (StoryStep){STORY_STEP_MESSAGE, 0, 0, "22:17", txt(sc,
        "jeg er sammen med Emma", "I'm with Emma"), NULL, {0, 0}};
    st[6] = (StoryStep){STORY_STEP_LINE, 2, -1, NULL, txt(sc,
        "Er det ham igen? Han har skrevet til dig tyve gange i dag. Det er altså ikke normalt, "
        "Sofie.",
        "Is that him again? He's texted you twenty times today. That's not normal, Sofie."),
        NULL, {0, 0}};
    st[7] = (StoryStep){STORY_STEP_MESSAGE, 1, 0, "22:18", txt(sc,
        "hvem er Emma? send et billede", "who is Emma? send a photo"), NULL, {0, 0}};
    st[8] = (StoryStep){STORY_STEP_IMAGE, -1, -1, NULL, txt(sc, "Skærmbillede", "Screenshot"),
                        "missing.png", {0, 0}};
    beats[0].id = "fest";
    beats[0].title = txt(sc, "Festen", "The party");
    beats[0].place = txt(sc, "Fest hos Emma", "Party at Emma's");
    beats[0].time = txt(sc, "Fredag 22:10", "Friday 22:10");
    beats[0].steps = st;
    beats[0].n_steps = 9;
    beats[0].notes = txt(sc, "Spørg salen: hvad lægger I mærke til i Mads' beskeder?",
                         "Ask the room: what do you notice in Mads' messages?");
    opt = scenario_alloc(sc, 5 * sizeof *opt);
    opt[0].text = txt(sc, "Sofie svarer ikke og slukker telefonen", "Sofie doesn't answer");
    opt[1].text = txt(sc, "Sofie fortæller Emma hvad der sker", "Sofie tells Emma");
    opt[2].text = txt(sc, "Sofie blokerer Mads", "Sofie blocks Mads");
    opt[2].reason = txt(sc, "Sofie tør ikke endnu", "Sofie doesn't dare yet");
    opt[3].text = txt(sc, "Skjult mulighed", "Hidden option");
    opt[4].text = txt(sc, "Sofie ringer til sin mor", "Sofie calls her mum");
    beats[0].interaction.kind = STORY_INT_CHOICE;
    beats[0].interaction.prompt = txt(sc, "Hvad skal Sofie gøre nu?", "What should Sofie do now?");
    beats[0].interaction.options = opt;
    beats[0].interaction.n_options = 5;
    beats[0].next = 1;
    beats[1].id = "signal";
    beats[1].title = txt(sc, "Beskederne", "The messages");
    beats[1].interaction.kind = STORY_INT_SIGNAL;
    beats[1].interaction.prompt = txt(sc, "Er det OK, et faresignal eller stalking?",
                                      "Is this OK, a warning sign, or stalking?");
    beats[1].next = 2;
    beats[2].id = "slut";
    beats[2].title = txt(sc, "Sofie får hjælp", "Sofie gets help");
    beats[2].ending = 1;
    beats[2].next = -1;
    beats[2].ending_text = txt(sc,
        "Sofie fortalte Emma det hele. Sammen gemte de beskederne og talte med en lærer.",
        "Sofie told Emma everything. Together they saved the messages and talked to a teacher.");
    sc->beats = beats;
    sc->n_beats = 3;
    sc->start = 0;
    con = scenario_alloc(sc, 2 * sizeof *con);
    con[0].name = txt(sc, "Dansk Stalking Center", "Danish Stalking Centre");
    con[0].phone = "38 41 41 41";
    con[0].web = "stalkingcenter.dk";
    con[0].text = txt(sc, "Rådgivning for udsatte og pårørende", "Advice for victims and families");
    con[1].name = txt(sc, "Børnetelefonen", "Children's helpline");
    con[1].phone = "116 111";
    con[1].text = txt(sc, "Døgnåben, anonym", "Open day and night, anonymous");
    sc->contacts = con;
    sc->n_contacts = 2;
    sc->help_title = txt(sc, "Her kan du få hjælp", "Where to get help");
    adv = scenario_alloc(sc, 3 * sizeof *adv);
    adv[0] = txt(sc, "Gem beskederne – de kan bruges som bevis.", "Keep the messages.");
    adv[1] = txt(sc, "Fortæl det til en voksen du stoler på.", "Tell an adult you trust.");
    adv[2] = txt(sc, "Det er aldrig din skyld.", "It is never your fault.");
    sc->advice = adv;
    sc->n_advice = 3;
    sc->stop_question = txt(sc, "Stop! Er det her OK, et faresignal eller stalking?",
                            "Stop! Is this OK, a warning sign, or stalking?");
    sc->notes = txt(sc, "Scenariet varer ca. 45 minutter.", "The scenario takes about 45 minutes.");
    return sc;
}

/* ---- harness --------------------------------------------------------------------- */

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
    c->sc = make_scenario();
    *state = c;
    return 0;
}

static int setup_1080(void **state) { return setup_size(state, 1920, 1080); }

static int teardown(void **state)
{
    Ctx *c = *state;
    gfx_free(c->g);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->surf);
    scenario_free(c->sc);
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

/* Draws v, saves NAME_WxH.png and checks the file reads back at the right size. */
static void render(Ctx *c, const ShowView *v, const char *name)
{
    char path[512];
    Err err;
    SDL_Surface *back = NULL;
    err_clear(&err);
    views_draw(c->g, v);
    SDL_RenderPresent(c->r);
    snprintf(path, sizeof path, "%s/render_%s_%dx%d.png", TEST_OUT_DIR, name, c->w, c->h);
    assert_int_equal(gfx_save_png(c->r, c->w, c->h, path, &err), 0);
    back = IMG_Load(path);
    assert_non_null(back);
    assert_int_equal(back->w, c->w);
    assert_int_equal(back->h, c->h);
    SDL_FreeSurface(back);
}

static void base_view(Ctx *c, ShowView *v, ShowScreen screen)
{
    memset(v, 0, sizeof *v);
    v->sc = c->sc;
    v->lang = 0;
    v->ui_en = 0;
    v->screen = screen;
    v->beat = -1;
    v->selected = -1;
    v->entry = -1;
    v->picked = -1;
    v->winner = -1;
    v->seconds_left = -1;
    v->rewind_sel = -1;
}

static void choice_view(Ctx *c, ShowView *v)
{
    const StoryBeat *b = &c->sc->beats[0];
    int i = 0;
    base_view(c, v, SHOW_SCREEN_INTERACTION);
    v->beat = 0;
    v->steps_shown = b->n_steps;
    v->ikind = STORY_INT_CHOICE;
    v->prompt = &b->interaction.prompt;
    v->n_options = b->interaction.n_options;
    for (i = 0; i < v->n_options; i++) {
        v->options[i].text = &b->interaction.options[i].text;
        v->options[i].state = STORY_OPT_AVAILABLE;
    }
    v->options[2].state = STORY_OPT_DISABLED;
    v->options[2].why = STORY_WHY_CONDITION;
    v->options[2].reason = &b->interaction.options[2].reason;
    v->options[3].state = STORY_OPT_HIDDEN;
    v->options[1].explored = 1;
}

/* ---- tests ----------------------------------------------------------------------- */

static void test_welcome(void **state)
{
    Ctx *c = *state;
    ShowView v;
    base_view(c, &v, SHOW_SCREEN_WELCOME);
    v.join_url = "http://192.168.1.20:8080";
    v.room_code = "K7QM";
    render(c, &v, "welcome");
    assert_true(distinct_colors(c) > 20);
    /* title text in the upper left, accent call to action at the bottom left */
    assert_true(count_color(c, THEME_TEXT, 10, 0.05, 0.05, 0.5, 0.25) > 2000);
    assert_true(count_color(c, THEME_ACCENT, 10, 0.05, 0.82, 0.3, 0.13) > 5000);
    /* the QR code: pure black and white modules on the right */
    assert_true(count_color(c, 0xFFFFFF, 0, 0.65, 0.05, 0.3, 0.5) > 20000);
    assert_true(count_color(c, 0x000000, 0, 0.65, 0.05, 0.3, 0.5) > 20000);
    /* without phones: no QR code, the LAN problem instead */
    v.join_url = NULL;
    v.room_code = NULL;
    v.lan_problem = "no network address found";
    v.ui_en = 1;
    render(c, &v, "welcome_nolan");
    assert_int_equal(count_color(c, 0xFFFFFF, 0, 0.65, 0.05, 0.3, 0.5), 0);
}

static void test_beat(void **state)
{
    Ctx *c = *state;
    ShowView v;
    base_view(c, &v, SHOW_SCREEN_BEAT);
    v.beat = 0;
    v.steps_shown = 3;
    render(c, &v, "beat_dialog");
    assert_true(distinct_colors(c) > 20);
    assert_true(count_color(c, THEME_TEXT, 10, 0.05, 0.1, 0.9, 0.8) > 1000); /* newest line */
    assert_true(count_color(c, 0xFF6FB5, 10, 0.05, 0.1, 0.3, 0.8) > 300);    /* Sofie's name */
    assert_int_equal(count_color(c, THEME_PHONE, 0, 0.6, 0.1, 0.35, 0.8), 0); /* no phone yet */
    v.steps_shown = 9;
    render(c, &v, "beat_phone");
    assert_true(count_color(c, THEME_PHONE, 0, 0.6, 0.1, 0.35, 0.8) > 20000);
    assert_true(count_color(c, THEME_BUBBLE_OUT, 0, 0.6, 0.1, 0.35, 0.8) > 2000);
    assert_true(count_color(c, THEME_BUBBLE_IN, 0, 0.6, 0.1, 0.35, 0.8) > 5000);
}

static void test_interaction(void **state)
{
    Ctx *c = *state;
    ShowView v;
    Poll *p = NULL;
    int en[5] = {1, 1, 0, 0, 1};
    int base = 0;
    choice_view(c, &v);
    render(c, &v, "choice");
    base = count_color(c, THEME_ACCENT, 10, 0.0, 0.0, 1.0, 1.0);
    assert_true(base > 5000); /* number badges */
    p = vote_new(VOTE_CHOICE, 1, 5, en, NULL);
    assert_non_null(p);
    assert_int_equal(vote_open(p), 0);
    assert_int_equal(vote_hands_set(p, 0, 7), 0);
    assert_int_equal(vote_phone(p, "tok-a", 1), 0);
    assert_int_equal(vote_phone(p, "tok-b", 4), 0);
    v.poll = p;
    v.selected = 1;
    v.entry = 12;
    v.phones_joined = 23;
    v.join_url = "http://192.168.1.20:8080";
    v.room_code = "K7QM";
    render(c, &v, "choice_open");
    /* joined / voted in the join box on the right (see test_join_box) */
    assert_true(count_color(c, THEME_PHONES, 10, 0.75, 0.1, 0.22, 0.8) > 300);
    assert_int_equal(vote_hands_set(p, 1, 12), 0);
    assert_int_equal(vote_hands_set(p, 4, 3), 0);
    assert_int_equal(vote_reveal(p), 0);
    v.winner = vote_winner(p, &v.tied);
    assert_int_equal(v.winner, 1);
    v.selected = -1;
    v.entry = -1;
    render(c, &v, "choice_result");
    /* the winner's bar is in the accent colour on the right */
    assert_true(count_color(c, THEME_ACCENT, 10, 0.6, 0.2, 0.36, 0.7) > 3000);
    v.picked = 4;
    v.ui_en = 1;
    render(c, &v, "choice_picked");
    vote_free(p);
}

static void test_signal_discuss_idea(void **state)
{
    Ctx *c = *state;
    ShowView v;
    Poll *p = vote_new(VOTE_SIGNAL, 2, 3, NULL, NULL);
    const char *ideas[] = {"Sofie kan gemme beskederne og vise dem til en voksen",
                           "Emma kan tilbyde at gå med hende hjem", "Blokere ham på alt",
                           "Tale med sin mor"};
    int i = 0;
    assert_non_null(p);
    base_view(c, &v, SHOW_SCREEN_INTERACTION);
    v.beat = 1;
    v.ikind = STORY_INT_SIGNAL;
    v.prompt = &c->sc->beats[1].interaction.prompt;
    v.n_options = 3;
    for (i = 0; i < 3; i++)
        v.options[i].state = STORY_OPT_AVAILABLE;
    assert_int_equal(vote_open(p), 0);
    vote_hands_set(p, 0, 4);
    vote_hands_set(p, 1, 15);
    vote_hands_set(p, 2, 15);
    assert_int_equal(vote_reveal(p), 0);
    v.poll = p;
    v.winner = vote_winner(p, &v.tied);
    assert_int_equal(v.winner, -2);
    render(c, &v, "signal_tie");
    assert_true(count_color(c, THEME_OK, 10, 0.0, 0.0, 1.0, 1.0) > 2000);
    assert_true(count_color(c, THEME_WARNING, 10, 0.0, 0.0, 1.0, 1.0) > 2000);
    assert_true(count_color(c, THEME_STALKING, 10, 0.0, 0.0, 1.0, 1.0) > 2000);
    /* the stop overlay replaces the screen with the stop question */
    base_view(c, &v, SHOW_SCREEN_BEAT);
    v.beat = 0;
    v.steps_shown = 2;
    v.overlays = SHOW_OV_STOP;
    v.ikind = STORY_INT_SIGNAL;
    v.n_options = 3;
    render(c, &v, "stop");
    assert_true(count_color(c, THEME_STALKING, 10, 0.0, 0.0, 1.0, 0.15) > 500); /* STOP chip */
    base_view(c, &v, SHOW_SCREEN_INTERACTION);
    v.ikind = STORY_INT_DISCUSS;
    v.prompt = &c->sc->beats[0].interaction.prompt;
    v.seconds_left = 95;
    render(c, &v, "discuss");
    assert_true(count_color(c, THEME_ACCENT, 10, 0.2, 0.3, 0.6, 0.5) > 10000); /* 01:35 */
    v.ikind = STORY_INT_IDEA;
    v.ideas = ideas;
    v.n_ideas = 4;
    v.phones_joined = 5;
    render(c, &v, "idea");
    assert_true(count_color(c, THEME_PANEL_HI, 0, 0.05, 0.15, 0.9, 0.6) > 50000);
    vote_free(p);
}

static void test_ending_error(void **state)
{
    Ctx *c = *state;
    ShowView v;
    ShowSignal sig[3] = {{0, 0, {20, 8, 2}, 0, 1}, {1, 1, {3, 14, 13}, 1, 1}, {1, 0, {0, 5, 25}, 2, 1}};
    base_view(c, &v, SHOW_SCREEN_ENDING);
    v.beat = 2;
    v.signals = sig;
    v.n_signals = 3;
    render(c, &v, "ending");
    assert_true(count_color(c, THEME_ACCENT, 10, 0.05, 0.4, 0.9, 0.5) > 3000); /* phone no. */
    assert_int_equal(count_color(c, THEME_OK, 10, 0.0, 0.0, 1.0, 1.0), 0); /* on page 1 */
    v.ending_page = 1;
    render(c, &v, "ending_timeline");
    assert_true(count_color(c, THEME_OK, 10, 0.3, 0.2, 0.7, 0.7) > 3000);
    assert_true(count_color(c, THEME_STALKING, 10, 0.3, 0.2, 0.7, 0.7) > 3000);
    base_view(c, &v, SHOW_SCREEN_ERROR);
    v.sc = NULL;
    v.error = "scenes/x/scenario.lua:42: attempt to index a nil value (global 'beat')";
    render(c, &v, "error");
    assert_true(count_color(c, THEME_ERROR, 10, 0.05, 0.05, 0.9, 0.3) > 2000);
    assert_true(count_color(c, THEME_TEXT, 10, 0.05, 0.3, 0.9, 0.4) > 2000);
}

static void test_overlays(void **state)
{
    Ctx *c = *state;
    ShowView v;
    StoryDecision dec[2] = {{0, 1, 1}, {1, 2, 2}};
    const char *ideas[] = {"Gem beskederne", "Sig det til en voksen"};
    int x = 0, y = 0, nonblack = 0;
    base_view(c, &v, SHOW_SCREEN_BEAT);
    v.beat = 0;
    v.steps_shown = 5;
    v.overlays = SHOW_OV_HELP;
    render(c, &v, "help");
    assert_true(count_color(c, THEME_ACCENT, 10, 0.0, 0.0, 1.0, 1.0) > 5000);
    assert_int_equal(count_color(c, THEME_PHONE, 0, 0.0, 0.0, 1.0, 1.0), 0); /* covers it */
    v.overlays = SHOW_OV_NOTES;
    render(c, &v, "notes");
    v.overlays = SHOW_OV_REWIND;
    v.decisions = dec;
    v.n_decisions = 2;
    v.rewind_sel = 0;
    render(c, &v, "rewind");
    assert_true(count_color(c, THEME_ACCENT, 10, 0.1, 0.2, 0.8, 0.4) > 10000);
    v.overlays = SHOW_OV_QUIT;
    render(c, &v, "quit");
    v.overlays = SHOW_OV_IDEAS;
    v.pending_ideas = ideas;
    v.n_pending_ideas = 2;
    render(c, &v, "ideas");
    v.overlays = SHOW_OV_BLANK | SHOW_OV_HELP | SHOW_OV_QUIT;
    render(c, &v, "blank");
    for (y = 0; y < c->h; y++)
        for (x = 0; x < c->w; x++)
            nonblack += px_at(c, x, y) != 0;
    assert_int_equal(nonblack, 0);
}

/* Which hits a vertical sweep through the middle of the frame finds. */
static unsigned sweep_hits(Ctx *c, const ShowView *v, int *saw_minus1)
{
    unsigned seen = 0;
    int y = 0, h = 0;
    *saw_minus1 = 0;
    for (y = 0; y < c->h; y += 2) {
        h = views_hit(c->g, v, c->w / 2, y);
        assert_true(h >= -2 && h < STORY_MAX_OPTIONS);
        if (h >= 0)
            seen |= 1u << h;
        if (h == -1)
            (*saw_minus1)++;
    }
    return seen;
}

static void test_hit(void **state)
{
    Ctx *c = *state;
    ShowView v;
    StoryDecision dec[2] = {{0, 1, 1}, {1, 2, 2}};
    int minus1 = 0;
    choice_view(c, &v);
    /* the hidden option 4 (index 3) has no row; the others keep their index */
    assert_int_equal(sweep_hits(c, &v, &minus1), (1u << 0) | (1u << 1) | (1u << 2) | (1u << 4));
    assert_int_equal(minus1, 0);
    assert_int_equal(views_hit(c->g, &v, 2, 2), -2); /* the margin */
    v.overlays = SHOW_OV_HELP;
    assert_int_equal(sweep_hits(c, &v, &minus1), 0);
    base_view(c, &v, SHOW_SCREEN_BEAT);
    v.beat = 0;
    v.steps_shown = 2;
    assert_int_equal(sweep_hits(c, &v, &minus1), 0);
    v.overlays = SHOW_OV_REWIND;
    v.decisions = dec;
    v.n_decisions = 2;
    assert_int_equal(sweep_hits(c, &v, &minus1), (1u << 0) | (1u << 1));
    assert_true(minus1 > 0); /* "replay this scene" */
}

static void test_cache(void **state)
{
    Ctx *c = *state;
    ShowView v;
    unsigned long before = 0;
    base_view(c, &v, SHOW_SCREEN_BEAT);
    v.beat = 0;
    v.steps_shown = 9;
    views_draw(c->g, &v);
    before = gfx_textures_created(c->g);
    assert_true(before > 0);
    views_draw(c->g, &v);
    assert_int_equal(gfx_textures_created(c->g), before);
    assert_true(gfx_text_cache_count(c->g) <= GFX_TEXT_CACHE_MAX);
    /* More distinct lines than the cache holds: evicted, never above the cap. */
    {
        int i = 0;
        char buf[32];
        for (i = 0; i < GFX_TEXT_CACHE_MAX + 40; i++) {
            snprintf(buf, sizeof buf, "linje %d", i);
            gfx_text(c->g, 0, 0, 500, buf, THEME_TEXT_SMALL, THEME_RGB(THEME_TEXT), GFX_ALIGN_LEFT);
        }
        assert_int_equal(gfx_text_cache_count(c->g), GFX_TEXT_CACHE_MAX);
    }
}

static void test_resize_and_fits(void **state)
{
    Ctx *c = *state;
    ShowView v;
    char longtext[3000];
    SDL_Surface *small = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = small ? SDL_CreateSoftwareRenderer(small) : NULL;
    Gfx *g = NULL;
    Ctx c2;
    int i = 0;
    assert_non_null(r);
    g = gfx_new(r, 1280, 720, NULL, NULL);
    assert_non_null(g);
    memset(&c2, 0, sizeof c2);
    c2.surf = small;
    c2.r = r;
    c2.g = g;
    c2.w = 1280;
    c2.h = 720;
    c2.sc = c->sc;
    assert_true(gfx_line_height(g, THEME_TEXT_BODY) < gfx_line_height(c->g, THEME_TEXT_BODY));
    /* every screen also renders at 1280x720 */
    base_view(c, &v, SHOW_SCREEN_WELCOME);
    v.join_url = "http://10.0.0.5:8080";
    v.room_code = "K7QM";
    render(&c2, &v, "welcome");
    assert_true(distinct_colors(&c2) > 20);
    base_view(c, &v, SHOW_SCREEN_BEAT);
    v.beat = 0;
    v.steps_shown = 9;
    render(&c2, &v, "beat_phone");
    choice_view(c, &v);
    render(&c2, &v, "choice");
    /* nine long options shrink to fit: no row spills into the bottom margin */
    {
        StoryText *long_opts = scenario_alloc(c->sc, 9 * sizeof *long_opts);
        assert_non_null(long_opts);
        v.n_options = 9;
        for (i = 0; i < 9; i++) {
            long_opts[i] = txt(c->sc,
                               "Sofie siger til Mads at hun har brug for tid alene og beder ham "
                               "stoppe med at skrive hele tiden",
                               "Sofie tells Mads she needs time alone");
            v.options[i].text = &long_opts[i];
            v.options[i].state = STORY_OPT_AVAILABLE;
        }
        render(&c2, &v, "choice_nine");
        assert_int_equal(count_color(&c2, THEME_PANEL, 0, 0.0, 0.955, 1.0, 0.045), 0);
        assert_true(count_color(&c2, THEME_PANEL, 0, 0.05, 0.2, 0.9, 0.6) > 10000);
        { /* every one of the nine rows is on screen and clickable */
            int m1 = 0;
            assert_int_equal(sweep_hits(&c2, &v, &m1), 0x1FFu);
        }
    }
    base_view(c, &v, SHOW_SCREEN_ENDING);
    v.beat = 2;
    render(&c2, &v, "ending");
    v.overlays = SHOW_OV_HELP;
    render(&c2, &v, "help");

    for (i = 0; i < (int)sizeof longtext - 1; i++)
        longtext[i] = (i % 7 == 6) ? ' ' : 'a';
    longtext[sizeof longtext - 1] = '\0';
    assert_int_equal(views_text_fits(g, c->sc, VIEWS_BOX_DIALOG, "Hej Sofie, hvor er du?"), 1);
    assert_int_equal(views_text_fits(g, c->sc, VIEWS_BOX_DIALOG, longtext), 0);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_OPTION, "Sofie blokerer Mads"), 1);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_OPTION, longtext + 2700), 0);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_PROMPT, "Hvad skal Sofie gøre?"), 1);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_PROMPT, longtext + 2500), 0);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_CAPTION, "Fredag 22:10  ·  Fest hos Emma"),
                     1);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_CAPTION, longtext + 2800), 0);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_MESSAGE, "hvor er du??"), 1);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_MESSAGE, longtext + 2600), 0);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_TITLE, longtext + 2800), 0);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_IDEA, "Gem beskederne"), 1);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_NARRATION, NULL), 1);
    assert_int_equal(views_text_fits(g, NULL, VIEWS_BOX_COUNT, "x"), 0);
    /* the layout scales as a whole: the verdict does not depend on the frame size */
    assert_int_equal(views_text_fits(c->g, NULL, VIEWS_BOX_OPTION, "Sofie blokerer Mads"), 1);
    assert_int_equal(views_text_fits(c->g, NULL, VIEWS_BOX_OPTION, longtext + 2700), 0);

    /* gfx_resize reopens fonts at the new scale */
    assert_int_equal(gfx_resize(g, 3840, 2160, NULL), 0);
    assert_true(gfx_line_height(g, THEME_TEXT_BODY) > gfx_line_height(c->g, THEME_TEXT_BODY));
    assert_int_equal(gfx_px(g, 100), 200);
    gfx_free(g);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(small);
}

/* ---- connected regions of one colour ------------------------------------------- */

typedef struct Blob {
    int x0, y0, x1, y1, area;
} Blob;

/* Connected regions (4-neighbourhood) of pixels within tol of hex, inside the
 * rect given in fractions of the frame, with at least min_area pixels; fills
 * up to max of them into out and returns how many there are. */
static int blobs(const Ctx *c, uint32_t hex, int tol, double fx, double fy, double fw, double fh,
                 int min_area, Blob *out, int max)
{
    int x0 = (int)(fx * c->w), y0 = (int)(fy * c->h);
    int x1 = (int)((fx + fw) * c->w), y1 = (int)((fy + fh) * c->h), n = 0, x = 0, y = 0;
    int r = (int)(hex >> 16) & 255, g = (int)(hex >> 8) & 255, b = (int)hex & 255;
    unsigned char *seen = calloc((size_t)c->w * (size_t)c->h, 1);
    int *stack = malloc(sizeof(int) * (size_t)c->w * (size_t)c->h);
    assert_non_null(seen);
    assert_non_null(stack);
    if (x1 > c->w)
        x1 = c->w;
    if (y1 > c->h)
        y1 = c->h;
#define MATCH(px, py)                                                                          \
    (abs((int)(px_at(c, px, py) >> 16 & 255) - r) <= tol &&                                   \
     abs((int)(px_at(c, px, py) >> 8 & 255) - g) <= tol && abs((int)(px_at(c, px, py) & 255) - b) <= tol)
    for (y = y0; y < y1; y++) {
        for (x = x0; x < x1; x++) {
            Blob bl = {x, y, x, y, 0};
            int sp = 0;
            if (seen[y * c->w + x] || !MATCH(x, y))
                continue;
            seen[y * c->w + x] = 1;
            stack[sp++] = y * c->w + x;
            while (sp > 0) {
                int p = stack[--sp], px = p % c->w, py = p / c->w, k = 0;
                static const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
                bl.area++;
                if (px < bl.x0) bl.x0 = px;
                if (px > bl.x1) bl.x1 = px;
                if (py < bl.y0) bl.y0 = py;
                if (py > bl.y1) bl.y1 = py;
                for (k = 0; k < 4; k++) {
                    int nx = px + dx[k], ny = py + dy[k];
                    if (nx < x0 || nx >= x1 || ny < y0 || ny >= y1 || seen[ny * c->w + nx])
                        continue;
                    if (!MATCH(nx, ny))
                        continue;
                    seen[ny * c->w + nx] = 1;
                    stack[sp++] = ny * c->w + nx;
                }
            }
            if (bl.area >= min_area) {
                if (n < max)
                    out[n] = bl;
                n++;
            }
        }
    }
#undef MATCH
    free(stack);
    free(seen);
    return n;
}

/* A Ctx for a second frame size, sharing c's scenario. */
static void ctx_open(Ctx *c2, const Ctx *c, int w, int h)
{
    memset(c2, 0, sizeof *c2);
    c2->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(c2->surf);
    c2->r = SDL_CreateSoftwareRenderer(c2->surf);
    assert_non_null(c2->r);
    c2->g = gfx_new(c2->r, w, h, NULL, NULL);
    assert_non_null(c2->g);
    c2->w = w;
    c2->h = h;
    c2->sc = c->sc;
}

static void ctx_close(Ctx *c2)
{
    gfx_free(c2->g);
    SDL_DestroyRenderer(c2->r);
    SDL_FreeSurface(c2->surf);
}

/* The bottom of the body above the footer key hints, in pixels. */
static int body_bottom(const Ctx *c)
{
    return c->h - c->h * 5 / 100 - gfx_line_height(c->g, THEME_TEXT_SMALL) -
           gfx_px(c->g, THEME_GAP);
}

/* Filled accent dots of diameter about d: the advice bullets. */
static int count_dots(const Ctx *c, int d, double fx, double fy, double fw, double fh)
{
    Blob b[64];
    int n = blobs(c, THEME_ACCENT, 40, fx, fy, fw, fh, d * d / 3, b, 64), i = 0, dots = 0;
    for (i = 0; i < n && i < 64; i++) {
        int w = b[i].x1 - b[i].x0 + 1, h = b[i].y1 - b[i].y0 + 1;
        if (w >= d - 3 && w <= d + 3 && h >= d - 3 && h <= d + 3 && b[i].area * 10 >= w * h * 6)
            dots++;
    }
    return dots;
}

/* ---- the ending with the bundled scenario ---------------------------------------- */

static void ending_page0_checks(Ctx *c, Scenario *sc, int ending_beat, int en, const char *name)
{
    ShowView v;
    Blob cards[16];
    int n = 0, i = 0, dot = gfx_px(c->g, 12);
    base_view(c, &v, SHOW_SCREEN_ENDING);
    v.sc = sc;
    v.beat = ending_beat;
    v.ui_en = en;
    v.lang = en;
    v.ending_page = 0;
    render(c, &v, name);
    /* every contact card is drawn whole above the footer */
    n = blobs(c, THEME_PANEL, 0, 0.0, 0.0, 1.0, 1.0, c->w * c->h / 400, cards, 16);
    assert_int_equal(n, sc->n_contacts);
    for (i = 0; i < n; i++) {
        assert_true(cards[i].y1 < body_bottom(c) - 1);
        assert_true(cards[i].y0 > c->h * 5 / 100);
    }
    /* every advice bullet is there */
    assert_int_equal(count_dots(c, dot, 0.45, 0.0, 0.55, 1.0), sc->n_advice);
    /* the timeline hint chip sits at the top right */
    assert_true(count_color(c, THEME_PANEL_HI, 0, 0.75, 0.03, 0.22, 0.12) > 200);
    /* phone numbers in the accent colour inside the cards */
    assert_true(count_color(c, THEME_ACCENT, 10, 0.0, 0.35, 1.0, 0.6) > 1500 * c->w / 1920);
}

static void test_ending_bundled(void **state)
{
    Ctx *c = *state, c2;
    Err err;
    LuaHost *h = NULL;
    Scenario *sc = NULL;
    int i = 0, ending = -1, checked = 0;
    err_clear(&err);
    h = lua_host_new(&err);
    assert_non_null(h);
    sc = lua_story_load(h, SPECTACTOR_ROOT "/scenes/stalking", &err);
    if (!sc)
        fprintf(stderr, "load: %s\n", err.msg);
    assert_non_null(sc);
    assert_int_equal(sc->n_contacts, 6);
    ctx_open(&c2, c, 1280, 720);
    for (i = 0; i < sc->n_beats; i++) {
        char name[64];
        if (!sc->beats[i].ending)
            continue;
        if (ending < 0)
            ending = i;
        snprintf(name, sizeof name, "ending_bundled_%d", checked);
        ending_page0_checks(&c2, sc, i, 0, name);
        ending_page0_checks(c, sc, i, 0, name);
        snprintf(name, sizeof name, "ending_bundled_%d_en", checked);
        ending_page0_checks(&c2, sc, i, 1, name);
        ending_page0_checks(c, sc, i, 1, name);
        checked++;
    }
    assert_true(checked >= 2);
    ctx_close(&c2);
    lua_story_release(h, sc);
    scenario_free(sc);
    lua_host_free(h);
}

/* The OK-coloured segments of the timeline bars (one per row that has
 * OK votes) plus the legend's OK square. */
static int ok_blobs(const Ctx *c)
{
    Blob b[1];
    return blobs(c, THEME_OK, 0, 0.0, 0.0, 1.0, 1.0, 200, b, 0);
}

static void test_timeline_page(void **state)
{
    Ctx *c = *state, c2;
    ShowView v;
    ShowSignal sig[SHOW_MAX_SIGNALS];
    Ctx *both[2];
    int k = 0, i = 0;
    memset(sig, 0, sizeof sig);
    ctx_open(&c2, c, 1280, 720);
    both[0] = &c2;
    both[1] = c;
    for (k = 0; k < 2; k++) {
        Ctx *cc = both[k];
        int stop_chip = 0, no_stop = 0, ok_before = 0;
        /* 4 scripted polls and a stop; the third decided by a pick, no votes */
        ShowSignal five[5] = {{0, 0, {20, 8, 2}, 0, 1}, {1, 0, {6, 14, 3}, 1, 1},
                              {1, 0, {0, 0, 0}, 2, 1}, {0, 1, {2, 10, 13}, 2, 1},
                              {2, 0, {3, 5, 25}, 2, 1}};
        base_view(cc, &v, SHOW_SCREEN_ENDING);
        v.beat = 2;
        v.ending_page = 1;
        v.signals = five;
        v.n_signals = 5;
        render(cc, &v, "timeline");
        /* every row with OK votes shows (4 of them) plus the legend square */
        assert_int_equal(ok_blobs(cc), 5);
        /* the pick: a full bar in the stalking colour, wider than half the frame */
        {
            Blob b[16];
            int n = blobs(cc, THEME_STALKING, 0, 0.3, 0.0, 0.7, 1.0, 50, b, 16), wide = 0;
            for (i = 0; i < n && i < 16; i++)
                if (b[i].x1 - b[i].x0 > cc->w / 2)
                    wide++;
            assert_int_equal(wide, 1);
        }
        /* the STOP chip beside the stop's beat title */
        stop_chip = count_color(cc, THEME_STALKING, 0, 0.0, 0.26, 0.3, 0.7);
        assert_true(stop_chip > 100);
        five[3].stop = 0;
        render(cc, &v, "timeline_nostop");
        no_stop = count_color(cc, THEME_STALKING, 0, 0.0, 0.26, 0.3, 0.7);
        assert_int_equal(no_stop, 0);
        /* no picks, no votes: an empty track, no colour */
        five[2].result = -1;
        ok_before = count_color(cc, THEME_STALKING, 0, 0.3, 0.0, 0.7, 1.0);
        render(cc, &v, "timeline_nopick");
        assert_true(count_color(cc, THEME_STALKING, 0, 0.3, 0.0, 0.7, 1.0) < ok_before);
        /* many polls: every one is still drawn (rows shrink, then columns) */
        for (i = 0; i < 40; i++) {
            sig[i].beat = i % 3;
            sig[i].stop = i % 4 == 0;
            sig[i].counts[0] = 1 + i % 5;
            sig[i].counts[1] = 2;
            sig[i].counts[2] = 3;
            sig[i].result = 2;
        }
        v.signals = sig;
        v.n_signals = 40;
        render(cc, &v, "timeline_many");
        assert_int_equal(ok_blobs(cc), 41);
        v.n_signals = SHOW_MAX_SIGNALS;
        for (i = 40; i < SHOW_MAX_SIGNALS; i++)
            sig[i] = sig[i - 40];
        render(cc, &v, "timeline_max");
        assert_int_equal(ok_blobs(cc), SHOW_MAX_SIGNALS + 1);
        /* none at all: the heading and a note */
        v.n_signals = 0;
        render(cc, &v, "timeline_empty");
        assert_true(count_color(cc, THEME_TEXT, 10, 0.0, 0.0, 1.0, 0.3) > 1000);
    }
    ctx_close(&c2);
}

static void test_ending_footer(void **state)
{
    Ctx *c = *state;
    ShowView v;
    int beat_hint = 0, end_hint = 0;
    assert_non_null(strstr(ui_text(0, UI_KEYS_ENDING), "E videre"));
    assert_non_null(strstr(ui_text(1, UI_KEYS_ENDING), "E go on"));
    assert_non_null(strstr(ui_text(0, UI_KEYS_ENDING), "→ tidslinje"));
    assert_string_equal(ui_text(0, UI_TO_TIMELINE), "→ tidslinje");
    base_view(c, &v, SHOW_SCREEN_BEAT);
    v.beat = 0;
    v.steps_shown = 1;
    views_draw(c->g, &v);
    beat_hint = count_color(c, THEME_FAINT, 10, 0.0, 0.9, 1.0, 0.1);
    base_view(c, &v, SHOW_SCREEN_ENDING);
    v.beat = 2;
    views_draw(c->g, &v);
    end_hint = count_color(c, THEME_FAINT, 10, 0.0, 0.9, 1.0, 0.1);
    assert_true(end_hint > 0);
    assert_true(end_hint != beat_hint); /* another line of hints */
}

/* ---- ideas moderation ------------------------------------------------------------ */

static double accent_center_y(const Ctx *c)
{
    Blob b[8];
    int n = blobs(c, THEME_ACCENT, 0, 0.0, 0.0, 1.0, 1.0, 2000, b, 8), i = 0, best = 0;
    assert_true(n >= 1);
    for (i = 1; i < n && i < 8; i++)
        if (b[i].area > b[best].area)
            best = i;
    return (b[best].y0 + b[best].y1) / 2.0;
}

static void ideas_checks(Ctx *c)
{
    ShowView v;
    const char *pending[30];
    char texts[30][64];
    int i = 0;
    double y1 = 0, y2 = 0;
    for (i = 0; i < 30; i++) {
        snprintf(texts[i], sizeof texts[i], "Idé nummer %d: Sofie kan gemme beskederne", i + 1);
        pending[i] = texts[i];
    }
    assert_string_equal(ui_text(0, UI_KEYS_IDEAS),
                        "↑↓ vælg · Enter vis på skærmen · Backspace afvis · I luk");
    base_view(c, &v, SHOW_SCREEN_INTERACTION);
    v.ikind = STORY_INT_IDEA;
    v.overlays = SHOW_OV_IDEAS;
    v.pending_ideas = pending;
    v.n_pending_ideas = 3;
    v.idea_sel = 1;
    {
        static const unsigned char flags[30] = {0, 1, 0};
        v.idea_flags = flags;
    }
    render(c, &v, "ideas_moderation");
    /* the flagged idea gets a red mark */
    assert_true(count_color(c, THEME_STALKING, 10, 0.0, 0.0, 1.0, 1.0) > 100);
    /* one highlighted row in the accent colour, the others as panels */
    assert_true(count_color(c, THEME_ACCENT, 0, 0.0, 0.0, 1.0, 1.0) > 20000);
    assert_true(count_color(c, THEME_PANEL_HI, 0, 0.0, 0.0, 1.0, 1.0) > 40000);
    y1 = accent_center_y(c);
    v.idea_sel = 2;
    render(c, &v, "ideas_moderation_sel2");
    y2 = accent_center_y(c);
    assert_true(y2 > y1 + 20);
    /* a long list scrolls so that the highlighted (last) one is in view */
    v.n_pending_ideas = 30;
    v.idea_sel = 29;
    render(c, &v, "ideas_moderation_scroll");
    assert_true(count_color(c, THEME_ACCENT, 0, 0.0, 0.0, 1.0, 1.0) > 10000);
    assert_true(accent_center_y(c) < c->h * 0.93);
    /* nothing pending */
    v.n_pending_ideas = 0;
    v.ui_en = 1;
    render(c, &v, "ideas_moderation_empty");
    assert_int_equal(count_color(c, THEME_ACCENT, 0, 0.0, 0.0, 1.0, 1.0), 0);
    /* on the interaction itself the approved ideas are cards */
    v.overlays = 0;
    v.ideas = pending;
    v.n_ideas = 4;
    render(c, &v, "idea_cards");
    assert_true(count_color(c, THEME_PANEL_HI, 0, 0.05, 0.15, 0.9, 0.6) > 50000);
    assert_int_equal(count_color(c, THEME_ACCENT, 0, 0.0, 0.2, 1.0, 0.7), 0);
}

static void test_ideas_moderation(void **state)
{
    Ctx *c = *state, c2;
    ideas_checks(c);
    ctx_open(&c2, c, 1280, 720);
    ideas_checks(&c2);
    ctx_close(&c2);
}

/* ---- join box on open polls ------------------------------------------------------ */

static void join_box_checks(Ctx *c)
{
    ShowView v;
    Poll *p = NULL;
    int en[5] = {1, 1, 0, 0, 1}, y = 0, m1 = 0;
    choice_view(c, &v);
    p = vote_new(VOTE_CHOICE, 1, 5, en, NULL);
    assert_non_null(p);
    assert_int_equal(vote_open(p), 0);
    assert_int_equal(vote_phone(p, "tok-a", 1), 0);
    assert_int_equal(vote_phone(p, "tok-b", 4), 0);
    v.poll = p;
    v.phones_joined = 23;
    v.join_url = "http://192.168.1.20:8080";
    v.room_code = "K7QM";
    render(c, &v, "choice_open_join");
#ifdef SPECTACTOR_HAVE_QRENCODE
    /* a small QR code on the right */
    assert_true(count_color(c, 0xFFFFFF, 0, 0.75, 0.15, 0.2, 0.5) > 2000 * c->w / 1920);
    assert_true(count_color(c, 0x000000, 0, 0.75, 0.15, 0.2, 0.5) > 2000 * c->w / 1920);
#endif
    /* joined / voted in the phones colour inside the box */
    assert_true(count_color(c, THEME_PHONES, 10, 0.75, 0.15, 0.2, 0.8) > 200 * c->w / 1920);
    /* the options stay clickable and none lies under the box */
    assert_int_equal(sweep_hits(c, &v, &m1), (1u << 0) | (1u << 1) | (1u << 2) | (1u << 4));
    for (y = 0; y < c->h; y += 2)
        assert_int_equal(views_hit(c->g, &v, c->w * 88 / 100, y), -2);
    /* once revealed the box goes away */
    assert_int_equal(vote_reveal(p), 0);
    v.winner = vote_winner(p, &v.tied);
    render(c, &v, "choice_result_join");
    assert_int_equal(count_color(c, 0xFFFFFF, 0, 0.75, 0.15, 0.2, 0.5), 0);
    vote_free(p);
    /* an open poll without phones: no box, the options keep the width */
    p = vote_new(VOTE_CHOICE, 2, 5, en, NULL);
    assert_non_null(p);
    assert_int_equal(vote_open(p), 0);
    v.poll = p;
    v.winner = -1;
    v.join_url = NULL;
    v.room_code = NULL;
    v.phones_joined = 0;
    render(c, &v, "choice_open_nophones");
    assert_int_equal(count_color(c, 0xFFFFFF, 0, 0.75, 0.15, 0.2, 0.5), 0);
    {
        int hits = 0;
        for (y = 0; y < c->h; y += 2)
            hits += views_hit(c->g, &v, c->w * 88 / 100, y) >= 0;
        assert_true(hits > 0);
    }
    vote_free(p);
}

static void test_join_box(void **state)
{
    Ctx *c = *state, c2;
    join_box_checks(c);
    ctx_open(&c2, c, 1280, 720);
    join_box_checks(&c2);
    ctx_close(&c2);
}

static void test_welcome_lan_problem(void **state)
{
    Ctx *c = *state, c2;
    ShowView v;
    Ctx *both[2];
    int k = 0;
    ctx_open(&c2, c, 1280, 720);
    both[0] = c;
    both[1] = &c2;
    for (k = 0; k < 2; k++) {
        base_view(both[k], &v, SHOW_SCREEN_WELCOME);
        v.lan_problem = "no network address: connect the laptop to the school Wi-Fi";
        render(both[k], &v, "welcome_lan_problem");
        /* a framed note where the join block would be, with the reason in it */
        assert_true(count_color(both[k], THEME_WARNING, 10, 0.65, 0.03, 0.32, 0.5) >
                    1000 * both[k]->w / 1920);
        assert_true(count_color(both[k], THEME_TEXT, 10, 0.65, 0.1, 0.32, 0.4) >
                    800 * both[k]->w / 1920);
        /* with a join URL the QR code shows instead */
        v.join_url = "http://10.0.0.5:8080";
        render(both[k], &v, "welcome_join_and_problem");
        assert_int_equal(count_color(both[k], THEME_WARNING, 10, 0.65, 0.03, 0.32, 0.5), 0);
    }
    ctx_close(&c2);
}

/* ---- evaluation screens ----------------------------------------------------------- */

static void test_eval_screens(void **state)
{
    Ctx *c = *state;
    ShowView v;
    int help_px = 0;
    base_view(c, &v, SHOW_SCREEN_BEAT);
    v.beat = 0;
    v.steps_shown = 2;
    v.overlays = SHOW_OV_HELP;
    views_draw(c->g, &v);
    help_px = count_color(c, THEME_ACCENT, 10, 0.0, 0.0, 1.0, 1.0);
    /* overlays draw above the evaluation screens, and take the clicks */
    base_view(c, &v, SHOW_SCREEN_KIOSK);
    v.overlays = SHOW_OV_HELP;
    assert_int_equal(views_hit(c->g, &v, c->w / 2, c->h / 2), -2);
    base_view(c, &v, SHOW_SCREEN_EVAL);
    v.overlays = SHOW_OV_HELP;
    v.join_url = "http://192.168.1.20:8080/e";
    render(c, &v, "eval_help");
    assert_int_equal(count_color(c, THEME_ACCENT, 10, 0.0, 0.0, 1.0, 1.0), help_px);
    v.overlays = SHOW_OV_BLANK;
    render(c, &v, "eval_blank");
    assert_int_equal(distinct_colors(c), 1);
    /* the screens themselves come from views_eval.c */
    v.overlays = 0;
    v.eval_answers = 12;
    render(c, &v, "eval");
    assert_true(distinct_colors(c) > 10);
    base_view(c, &v, SHOW_SCREEN_RESULTS);
    render(c, &v, "results_none");
    assert_true(distinct_colors(c) > 2);
    v.overlays = SHOW_OV_QUIT;
    render(c, &v, "results_quit");
    assert_true(count_color(c, THEME_ACCENT, 10, 0.0, 0.0, 1.0, 1.0) > 1000); /* quit frame */
}

static void test_gfx_basics(void **state)
{
    Ctx *c = *state;
    Err err;
    int side = 0, h = 0;
    err_clear(&err);
    gfx_free(NULL);
    gfx_clear(c->g, THEME_RGB(THEME_BG));
    side = gfx_qr(c->g, "http://192.168.1.20:8080/?r=K7QM", 10, 10, 400);
#ifdef SPECTACTOR_HAVE_QRENCODE
    assert_true(side > 0 && side <= 400);
#else
    (void)side;
#endif
    /* a missing image is a placeholder, not a failure */
    assert_int_equal(gfx_image(c->g, "/nonexistent/x.png", 500, 10, 300, 200), 0);
    assert_true(count_color(c, THEME_PANEL, 0, 500.0 / 1920, 10.0 / 1080, 300.0 / 1920,
                            200.0 / 1080) > 10000);
    h = gfx_text(c->g, 900, 10, 400, "Hej med dig, hvad laver du i aften?", THEME_TEXT_BODY,
                 THEME_RGB(THEME_TEXT), GFX_ALIGN_LEFT);
    assert_int_equal(h % gfx_line_height(c->g, THEME_TEXT_BODY), 0);
    assert_true(h >= 2 * gfx_line_height(c->g, THEME_TEXT_BODY));
    assert_int_equal(h, gfx_text_height(c->g, 400, "Hej med dig, hvad laver du i aften?",
                                        THEME_TEXT_BODY));
    assert_true(gfx_text_width(c->g, 400, "Hej med dig, hvad laver du i aften?",
                               THEME_TEXT_BODY) <= 400);
    assert_int_equal(gfx_text(c->g, 0, 0, 100, "", THEME_TEXT_BODY, THEME_RGB(0), 0), 0);
    assert_true(gfx_measure(c->g, "æøå", strlen("æøå"), THEME_TEXT_BODY) > 0);
    assert_string_equal(ui_text(0, UI_VOTE_NOW), "Stem nu – ræk hånden op");
    assert_string_equal(ui_text(1, UI_TIE), "Tie – pick with a digit");
    assert_string_equal(ui_text(1, UI_COUNT), "");
    assert_int_equal(gfx_save_png(c->r, c->w, c->h, "/nonexistent/dir/x.png", &err), ERR_IO);
}

/* ---- legibility: WCAG contrast of the projector's text colours ------------ */

/* WCAG relative luminance of a 0xRRGGBB colour. */
static double luminance(unsigned hex)
{
    double c[3];
    int i = 0;
    for (i = 0; i < 3; i++) {
        double v = (double)((hex >> (16 - 8 * i)) & 0xFF) / 255.0;
        c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double contrast(unsigned a, unsigned b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Every text colour the room reads, on every background the views draw it
 * on, has a contrast of at least 4.5:1 (WCAG AA for normal text). */
static void test_theme_contrast(void **state)
{
    static const struct {
        unsigned fg, bg;
        const char *what;
    } pairs[] = {
        {THEME_TEXT, THEME_BG, "text"},
        {THEME_DIM, THEME_BG, "older lines, narration, advice"},
        {THEME_FAINT, THEME_BG, "hints, greyed options"},
        {THEME_ACCENT, THEME_BG, "numbers, captions"},
        {THEME_OK, THEME_BG, "signal OK"},
        {THEME_WARNING, THEME_BG, "signal warning"},
        {THEME_STALKING, THEME_BG, "signal stalking"},
        {THEME_ERROR, THEME_BG, "error titles"},
        {THEME_PHONES, THEME_BG, "phones"},
        {THEME_TEXT, THEME_PANEL, "text on cards and rows"},
        {THEME_DIM, THEME_PANEL, "descriptions on the help card"},
        {THEME_FAINT, THEME_PANEL, "greyed options on rows"},
        {THEME_ACCENT, THEME_PANEL, "phone numbers on the help card"},
        {THEME_PHONES, THEME_PANEL, "web addresses on the help card"},
        {THEME_TEXT, THEME_PANEL_HI, "selected rows"},
        {THEME_DIM, THEME_PANEL_HI, "selected rows, second line"},
        {THEME_TEXT, THEME_BUBBLE_IN, "messages received"},
        {THEME_TEXT, THEME_BUBBLE_OUT, "messages sent"},
        {THEME_TEXT, THEME_PHONE_SCREEN, "phone header"},
        {THEME_ACCENT_TEXT, THEME_ACCENT, "option numbers"},
        {THEME_ACCENT_TEXT, THEME_OK, "signal buttons"},
        {THEME_ACCENT_TEXT, THEME_WARNING, "signal buttons"},
        {THEME_ACCENT_TEXT, THEME_STALKING, "signal buttons"},
    };
    size_t i = 0;
    (void)state;
    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double c = contrast(pairs[i].fg, pairs[i].bg);
        if (c < 4.5)
            fail_msg("%06X on %06X (%s): %.2f:1 < 4.5:1", pairs[i].fg, pairs[i].bg, pairs[i].what,
                     c);
    }
    assert_true(contrast(0xFFFFFF, 0x000000) > 20.9); /* the formula's known extreme */
}

/* The text log reports every drawn line with its box, and whether the clip
 * and the frame let it through. */
typedef struct LogSeen {
    int n;
    char s[8][64];
    GfxRect box[8];
    GfxSeen seen[8];
} LogSeen;

static void log_seen(void *ud, const GfxTextDrawn *t)
{
    LogSeen *l = ud;
    if (l->n >= 8)
        return;
    snprintf(l->s[l->n], sizeof l->s[0], "%.*s", (int)t->n, t->s);
    l->box[l->n] = t->box;
    l->seen[l->n] = t->seen;
    l->n++;
}

static void test_gfx_text_log(void **state)
{
    Ctx *c = *state;
    LogSeen l;
    GfxRect half = {0, 0, 1920, 500};
    memset(&l, 0, sizeof l);
    gfx_text_log_set(c->g, log_seen, &l);
    gfx_text(c->g, 100, 100, 300, "Hej med dig, hvad laver du i aften?", THEME_TEXT_BODY,
             THEME_RGB(THEME_TEXT), GFX_ALIGN_LEFT);
    assert_true(l.n >= 2); /* wrapped: one entry per line */
    assert_int_equal(l.box[0].x, 100);
    assert_int_equal(l.box[0].y, 100);
    assert_int_equal(l.box[1].y, 100 + gfx_line_height(c->g, THEME_TEXT_BODY));
    assert_int_equal(l.box[0].h, gfx_line_height(c->g, THEME_TEXT_BODY));
    assert_true(l.box[0].w > 0 && l.box[0].w <= 300);
    assert_int_equal(strncmp(l.s[0], "Hej", 3), 0);
    assert_int_equal(l.seen[0], GFX_SEEN_ALL);
    memset(&l, 0, sizeof l);
    gfx_clip(c->g, &half);
    gfx_text(c->g, 100, 480, 1000, "cut", THEME_TEXT_BODY, THEME_RGB(THEME_TEXT), GFX_ALIGN_LEFT);
    gfx_text(c->g, 100, 900, 1000, "gone", THEME_TEXT_BODY, THEME_RGB(THEME_TEXT), GFX_ALIGN_LEFT);
    gfx_clip(c->g, NULL);
    gfx_text(c->g, 100, 1070, 1000, "below", THEME_TEXT_BODY, THEME_RGB(THEME_TEXT),
             GFX_ALIGN_LEFT);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.seen[0], GFX_SEEN_CUT);
    assert_int_equal(l.seen[1], GFX_SEEN_NONE);
    assert_int_equal(l.seen[2], GFX_SEEN_CUT); /* partly below the frame */
    gfx_text_log_set(c->g, NULL, NULL);
    gfx_text(c->g, 100, 100, 300, "unlogged", THEME_TEXT_BODY, THEME_RGB(THEME_TEXT),
             GFX_ALIGN_LEFT);
    assert_int_equal(l.n, 3);
}

/* The primitives the views draw with: polylines (solid and dashed),
 * triangles and clip rectangles. */
static void test_gfx_lines_and_clip(void **state)
{
    Ctx *c = *state;
    GfxPoint path[3] = {{100, 100}, {500, 100}, {500, 400}};
    GfxPoint dash[2] = {{100, 600}, {900, 600}};
    GfxRect r = {0, 0, 0, 0}, a = {10, 10, 100, 100}, b = {60, 60, 100, 100};
    GfxRect far = {500, 500, 10, 10}, box = {1200, 100, 200, 200};
    int solid = 0, dashed = 0;
    gfx_clear(c->g, THEME_RGB(0x000000));
    gfx_polyline(c->g, path, 3, 6, 0, THEME_RGB(0xFF0000));
    solid = count_color(c, 0xFF0000, 0, 0.0, 0.0, 1.0, 1.0);
    /* two segments of about 400 and 300 pixels, 6 thick */
    assert_true(solid >= 6 * 690 && solid <= 6 * 720);
    gfx_polyline(c->g, dash, 2, 2, 20, THEME_RGB(0x00FF00));
    dashed = count_color(c, 0x00FF00, 0, 0.0, 0.0, 1.0, 1.0);
    assert_true(dashed >= 2 * 380 && dashed <= 2 * 430); /* every other 20 px dash */
    gfx_triangle(c->g, 1000.0f, 500.0f, 1200.0f, 500.0f, 1000.0f, 700.0f, THEME_RGB(0x0000FF));
    assert_true(count_color(c, 0x0000FF, 0, 0.0, 0.0, 1.0, 1.0) > 19000);
    /* a clip keeps drawing inside it, and reads back */
    assert_int_equal(gfx_clip_get(c->g, &r), 0);
    gfx_clip(c->g, &box);
    assert_int_equal(gfx_clip_get(c->g, &r), 1);
    assert_int_equal(r.x, 1200);
    assert_int_equal(r.w, 200);
    gfx_fill_rect(c->g, 1100, 0, 600, 600, THEME_RGB(0xFFFF00));
    gfx_clip(c->g, NULL);
    assert_int_equal(gfx_clip_get(c->g, &r), 0);
    assert_int_equal(count_color(c, 0xFFFF00, 0, 0.0, 0.0, 1.0, 1.0), 200 * 200);
    assert_int_equal(gfx_rect_intersect(&a, &b, &r), 1);
    assert_int_equal(r.x, 60);
    assert_int_equal(r.w, 50);
    assert_int_equal(gfx_rect_intersect(&a, &far, &r), 0);
    assert_int_equal(r.w, 0);
}

/* Warnings logged while a test runs. */
typedef struct Warnings {
    int n;
    char last[512];
} Warnings;

static void warn_sink(void *ud, LogLevel level, const char *msg)
{
    Warnings *w = ud;
    if (level != LOG_WARN)
        return;
    w->n++;
    snprintf(w->last, sizeof w->last, "%s", msg);
}

/* A Gfx that must draw text: its fonts measure and have a height. */
static void assert_draws_text(Gfx *g)
{
    assert_non_null(g);
    assert_true(gfx_line_height(g, THEME_TEXT_BODY) > 0);
    assert_true(gfx_measure(g, "æøå", strlen("æøå"), THEME_TEXT_BODY) > 0);
}

static void test_gfx_font_fallback(void **state)
{
    Ctx *c = *state;
    Err err;
    Warnings w;
    Gfx *g = NULL;
    const char *none[] = {"/nonexistent/bundled"};
    const char *sys[] = {"/nonexistent/bundled", "/usr/share/fonts/truetype/dejavu"};
    FILE *f = NULL;
    memset(&w, 0, sizeof w);
    err_clear(&err);
    log_set_sink(warn_sink, &w);

    /* a missing font directory falls back to the bundled DejaVu, with a warning */
    g = gfx_new(c->r, 100, 100, "/nonexistent/fonts", &err);
    assert_draws_text(g);
    assert_int_equal(w.n, 1);
    assert_non_null(strstr(w.last, "/nonexistent/fonts/DejaVuSans"));
    assert_non_null(strstr(w.last, SPECTACTOR_FONT_DIR));
    /* a resize reopens the fonts that worked, silently */
    assert_int_equal(gfx_resize(g, 200, 120, &err), 0);
    assert_draws_text(g);
    assert_int_equal(w.n, 1);
    gfx_free(g);

    /* then the system's DejaVu, when it is installed */
    f = fopen("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "rb");
    if (f) {
        fclose(f);
        gfx_font_fallbacks_set(sys, 2);
        w.n = 0;
        g = gfx_new(c->r, 100, 100, "/nonexistent/fonts", &err);
        assert_draws_text(g);
        assert_int_equal(w.n, 1);
        assert_non_null(strstr(w.last, "/usr/share/fonts/truetype/dejavu"));
        gfx_free(g);
    }

    /* nothing loads: gfx_new fails and names the directory asked for */
    gfx_font_fallbacks_set(none, 1);
    w.n = 0;
    assert_null(gfx_new(c->r, 100, 100, "/nonexistent/fonts", &err));
    assert_int_equal(err.code, ERR_NOTFOUND);
    assert_non_null(strstr(err.msg, "/nonexistent/fonts/DejaVuSans"));
    assert_int_equal(w.n, 0);
    gfx_font_fallbacks_set(none, 0);
    assert_null(gfx_new(c->r, 100, 100, "/nonexistent/fonts", &err));

    /* the defaults are back: the fonts asked for open without a warning */
    gfx_font_fallbacks_set(NULL, 0);
    g = gfx_new(c->r, 100, 100, NULL, &err);
    assert_draws_text(g);
    assert_int_equal(w.n, 0);
    gfx_free(g);
    log_set_sink(NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_theme_contrast),
        cmocka_unit_test_setup_teardown(test_gfx_text_log, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_gfx_basics, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_gfx_font_fallback, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_gfx_lines_and_clip, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_welcome, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_beat, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_interaction, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_signal_discuss_idea, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_ending_error, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_overlays, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_cache, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_hit, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_resize_and_fits, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_ending_bundled, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_timeline_page, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_ending_footer, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_ideas_moderation, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_join_box, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_welcome_lan_problem, setup_1080, teardown),
        cmocka_unit_test_setup_teardown(test_eval_screens, setup_1080, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
