/* play.c - `spectactor play`: loads a scenario and runs the frame loop.
 *
 * One thread owns Lua, SDL and the story.  The loop sleeps in
 * SDL_WaitEventTimeout until an event or the nearest timer (timers.h) and
 * redraws only when the show says something changed (a static beat costs no
 * CPU).  After each event one view of the show serves the results screen,
 * the phones' state and the frame.  Headless mode draws into an SDL_Surface
 * with the software renderer: keys from --keys are fed in order, keys from
 * --keys-from arrive through a reader thread as SDL user events, and the
 * last frame can be written as PNG.
 *
 * A headless run is a preview or a test: without --port it starts no phone
 * server, and without --db it keeps evaluation answers in a throwaway store
 * in a temporary folder (removed at exit), so it neither opens a network
 * port nor writes into the event's evaluation database.
 *
 * The phone server link is phones.c, the evaluation store link evals.c,
 * reloading the scenario reload.c.
 */
#include "app/commands.h"
#include "app/evals.h"
#include "app/input.h"
#include "app/paths.h"
#include "app/phones.h"
#include "app/reload.h"
#include "core/timers.h"
#include "compat/compat.h"
#include "core/log.h"
#include "eval/eval_preview.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "render/render_sdl.h"
#include "story/story_strings.h"
#include "show/show.h"
#include "show/ui_text.h"
#include "net/net.h"
#include "views/views.h"
#include "views/views_eval.h"
#include "views/views_presenter.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PLAY_MAX_KEYNAME 64
#define PLAY_WATCH_MS 1000 /* --watch looks at the files once a second */

typedef struct PlayOpts {
    const char *dir;
    const char *lang;
    int win_w, win_h;
    int fullscreen;
    int display;
    int port;                    /* -1: not given */
    int no_phones;
    int count;      /* ShowCount, 0 = both with phones, hands without */
    int class_size; /* pupils in the room: a larger hand count asks first */
    const char *db;
    const char *label;
    int attendance;                         /* --attendance N: class size */
    const char *facts[EVALS_MAX_FACTS + 1]; /* --label NAME=VALUE */
    int nfacts;
    int watch;
    int presenter;               /* the facilitator's own screen */
    int presenter_display;
    const char *presenter_shot;  /* headless: PNG of the presenter screen */
    int headless;
    int size_w, size_h;
    const char *keys;
    const char *keys_from;
    const char *screenshot;
    const char *transcript;
    const char *frame_text;      /* headless: the text drawn in every frame */
    int resume;                  /* --resume: SHOW_RESUME_* (headless: no, else ask) */
    const char *address;         /* --address: the IPv4 address the QR code points to */
} PlayOpts;



typedef struct Play {
    PlayOpts o;
    Scene scene;           /* the Lua host, the scenario and the show */
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Surface *surf;
    Gfx *gfx;
    int w, h;
    int dirty;
    FILE *tfile;
    int tfile_owned;
    FILE *ffile;          /* --frame-text */
    unsigned long frames; /* frames presented, for --frame-text */
    Uint32 ev_key;  /* user event: a key name from --keys-from (data1 = strdup'd name) */
    Uint32 ev_eof;  /* user event: end of --keys-from input */
    Uint32 ev_wake; /* user event: the phone server queued something */
    int done;
    int ended;             /* the facilitator quit or the keys ran out: the event is over */
    SDL_sem *wake_sem;     /* headless: posted after every pushed event */
    EvalPreview preview; /* headless without --db: the throwaway store */

    /* the view of the show built after the last change: valid (fresh) until
     * the next show_* call that may change the show */
    ShowView view;
    int view_fresh;

    ShowSaveFile save; /* the saved event, beside the evaluation database */
    int save_failed;   /* told the facilitator once */

    Timers timers;
    Phones phones;
    Evals evals;
    Watch watch;
    int watch_timer;
    int clock_timer;

    /* the presenter screen (--presenter): a second window, or a second
     * surface when headless */
    SDL_Window *pwin;
    SDL_Renderer *pren;
    SDL_Surface *psurf;
    Gfx *pgfx;
    int pw, ph;
    Uint64 t0;
    long shown_clock;
    int pdirty; /* only the presenter screen needs drawing (its clock) */
    int notes_scroll; /* lines the presenter's notes are scrolled down */
    int notes_beat;   /* the beat (or -1: welcome) they were scrolled on */
} Play;

/* Pushes an event from another thread and wakes the headless loop, which
 * sleeps on a semaphore: without a video driver SDL_WaitEvent would poll
 * every millisecond. */
static void push_event(Play *p, SDL_Event *ev);

static int parse_size(const char *s, int *w, int *h)
{
    char x = 0;
    if (!s || sscanf(s, "%dx%d%c", w, h, &x) != 2 || *w < 320 || *h < 240 || *w > 7680 || *h > 4320)
        return -1;
    return 0;
}

static int parse_opts(int argc, char **argv, PlayOpts *o)
{
    int i = 0;
    memset(o, 0, sizeof *o);
    o->win_w = 1280;
    o->win_h = 720;
    o->size_w = 1920;
    o->size_h = 1080;
    o->port = -1;
    o->resume = -1;
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV()                                                                                    \
    do {                                                                                           \
        if (!v) {                                                                                  \
            fprintf(stderr, "spectactor play: %s needs a value\n", a);                            \
            return -1;                                                                             \
        }                                                                                          \
        i++;                                                                                       \
    } while (0)
        if (strcmp(a, "--lang") == 0) {
            NEEDV();
            o->lang = v;
        } else if (strcmp(a, "--window") == 0) {
            NEEDV();
            if (parse_size(v, &o->win_w, &o->win_h) < 0) {
                fprintf(stderr, "spectactor play: --window wants WxH, e.g. 1280x720\n");
                return -1;
            }
        } else if (strcmp(a, "--size") == 0) {
            NEEDV();
            if (parse_size(v, &o->size_w, &o->size_h) < 0) {
                fprintf(stderr, "spectactor play: --size wants WxH between 320x240 and 7680x4320\n");
                return -1;
            }
        } else if (strcmp(a, "--fullscreen") == 0) {
            o->fullscreen = 1;
        } else if (strcmp(a, "--display") == 0) {
            NEEDV();
            o->display = atoi(v);
        } else if (strcmp(a, "--port") == 0) {
            NEEDV();
            o->port = atoi(v);
            if (o->port < 0 || o->port > 65535) {
                fprintf(stderr, "spectactor play: --port wants 0..65535\n");
                return -1;
            }
        } else if (strcmp(a, "--no-phones") == 0) {
            o->no_phones = 1;
        } else if (strcmp(a, "--count") == 0) {
            NEEDV();
            if (strcmp(v, "hands") == 0)
                o->count = SHOW_COUNT_HANDS;
            else if (strcmp(v, "phones") == 0)
                o->count = SHOW_COUNT_PHONES;
            else if (strcmp(v, "both") == 0)
                o->count = SHOW_COUNT_BOTH;
            else {
                fprintf(stderr, "spectactor play: --count wants hands, phones or both\n");
                return -1;
            }
        } else if (strcmp(a, "--class-size") == 0) {
            NEEDV();
            o->class_size = atoi(v);
            if (o->class_size < 1 || o->class_size > VOTE_MAX_HANDS) {
                fprintf(stderr, "spectactor play: --class-size wants 1..%d\n", VOTE_MAX_HANDS);
                return -1;
            }
        } else if (strcmp(a, "--db") == 0) {
            NEEDV();
            o->db = v;
        } else if (strcmp(a, "--watch") == 0) {
            o->watch = 1;
        } else if (strcmp(a, "--presenter") == 0) {
            o->presenter = 1;
        } else if (strcmp(a, "--presenter-display") == 0) {
            NEEDV();
            o->presenter = 1;
            o->presenter_display = atoi(v);
        } else if (strcmp(a, "--presenter-screenshot") == 0) {
            NEEDV();
            o->presenter = 1;
            o->presenter_shot = v;
        } else if (strcmp(a, "--label") == 0) {
            NEEDV();
            if (strchr(v, '=') && o->nfacts <= EVALS_MAX_FACTS)
                o->facts[o->nfacts++] = v; /* a structured label: school=X */
            else
                o->label = v;
        } else if (strcmp(a, "--attendance") == 0) {
            NEEDV();
            o->attendance = atoi(v);
            if (o->attendance < 1 || o->attendance > 100000) {
                fprintf(stderr, "spectactor play: --attendance wants the class size, 1..100000\n");
                return -1;
            }
        } else if (strcmp(a, "--headless") == 0) {
            o->headless = 1;
        } else if (strcmp(a, "--keys") == 0) {
            NEEDV();
            o->keys = v;
        } else if (strcmp(a, "--keys-from") == 0) {
            NEEDV();
            o->keys_from = v;
        } else if (strcmp(a, "--screenshot") == 0) {
            NEEDV();
            o->screenshot = v;
        } else if (strcmp(a, "--transcript") == 0) {
            NEEDV();
            o->transcript = v;
        } else if (strcmp(a, "--frame-text") == 0) {
            NEEDV();
            o->frame_text = v;
        } else if (strcmp(a, "--resume") == 0) {
            NEEDV();
            o->resume = strcmp(v, "yes") == 0 ? SHOW_RESUME_YES : strcmp(v, "no") == 0 ? SHOW_RESUME_NO
                        : strcmp(v, "ask") == 0 ? SHOW_RESUME_ASK : -1;
            if (o->resume < 0) {
                fprintf(stderr, "spectactor play: --resume wants yes, no or ask\n");
                return -1;
            }
        } else if (strcmp(a, "--address") == 0) {
            NEEDV();
            o->address = v;
            if (net_lan_has(v) < 0) {
                fprintf(stderr, "spectactor play: --address wants an IPv4 address such as 192.168.1.20\n");
                return -1;
            }
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "spectactor play: unknown option %s\n", a);
            return -1;
        } else if (!o->dir) {
            o->dir = a;
        } else {
            fprintf(stderr, "spectactor play: one scenario folder only ('%s'?)\n", a);
            return -1;
        }
#undef NEEDV
    }
    if (!o->headless && (o->keys || o->keys_from || o->screenshot || o->frame_text)) {
        fprintf(stderr, "spectactor play: --keys, --keys-from, --screenshot and --frame-text need --headless\n");
        return -1;
    }
    if (o->resume < 0)
        o->resume = o->headless ? SHOW_RESUME_NO : SHOW_RESUME_ASK;
    if (!o->dir)
        o->dir = app_default_scenario();
    if (o->port < 0 && o->headless)
        o->no_phones = 1; /* a preview opens no port unless asked */
    else if (o->port < 0)
        o->port = 8080;
    return 0;
}

/* Headless without --db: a throwaway store (eval_preview.h). */
static int preview_store(Play *p, Err *err)
{
    if (!p->o.headless || p->o.db)
        return 0;
    if (eval_preview_make(&p->preview, err) < 0)
        return err->code ? err->code : ERR_IO;
    p->o.db = p->preview.db;
    return 0;
}

static void transcript_line(void *ud, const char *line)
{
    Play *p = ud;
    if (p->tfile) {
        fprintf(p->tfile, "%s\n", line);
        fflush(p->tfile);
    }
}

static void push_event(Play *p, SDL_Event *ev)
{
    SDL_PushEvent(ev);
    if (p->wake_sem)
        SDL_SemPost(p->wake_sem);
}

/* ---- the saved event (show_save.c) ------------------------------------------ */

/* Brings the saved event in step with the show; a failure is told to the
 * facilitator once (presenter and terminal), in the event's language. */
static void save_sync(Play *p)
{
    Err err;
    char msg[ERR_MSG_MAX + 128];
    err_clear(&err);
    if (show_save_sync(p->scene.show, &p->save, &err) == 0 || p->save_failed)
        return;
    p->save_failed = 1;
    snprintf(msg, sizeof msg, "%s%s", ui_text(scenario_lang_en(p->scene.sc, p->scene.lang), UI_SAVE_FAILED),
             err.msg);
    fprintf(stderr, "spectactor: %s\n", msg);
    show_set_note(p->scene.show, msg);
    p->view_fresh = 0;
    p->dirty = 1;
}

/* ---- one view per event ---------------------------------------------------- */

/* The show is about to change: the view built before is no longer valid. */
static void stale(Play *p)
{
    p->view_fresh = 0;
}

/* The view of the show as it is now (built once per change). */
static ShowView *view(Play *p)
{
    assert(p->scene.show);
    if (!p->view_fresh) {
        show_view(p->scene.show, &p->view);
        p->view_fresh = 1;
    }
    return &p->view;
}

enum { SETTLE_PUBLISH = 0, SETTLE_ACTION = 1 };

/* After an event changed the show: an action also commits a kiosk answer
 * and refreshes the results screen; then one view serves the phones' state
 * and the next frame.  Building a view evaluates the scenario's conditions,
 * so it is built once here, after the last change. */
static void settle(Play *p, int what)
{
    ShowView *v = NULL;
    if (what == SETTLE_ACTION && evals_commit_kiosk(&p->evals))
        p->dirty = 1;
    stale(p);
    v = view(p);
    if (what == SETTLE_ACTION && evals_results(&p->evals, v))
        p->dirty = 1;
    evals_save_poll_seq(&p->evals, show_poll_seq(p->scene.show));
    phones_publish(&p->phones, v, evals_phone_json(&p->evals));
    assert(p->view_fresh);
    save_sync(p);
}

/* ---- drawing ------------------------------------------------------------ */

/* --frame-text: one line per line of text drawn, "text|cut|hidden x y w h
 * STRING" (cut: partly outside the clip or the frame; hidden: wholly). */
static void frame_text_line(void *ud, const GfxTextDrawn *t)
{
    Play *p = ud;
    static const char *const seen[] = {"text", "cut", "hidden"};
    assert(p->ffile && t->seen >= GFX_SEEN_ALL && t->seen <= GFX_SEEN_NONE);
    fprintf(p->ffile, "%s %d %d %d %d %.*s\n", seen[t->seen], t->box.x, t->box.y, t->box.w,
            t->box.h, (int)t->n, t->s);
}

/* --frame-text: the header of a frame about to be drawn on a window. */
static void frame_text_begin(Play *p, int w, int h, const char *window)
{
    if (p->ffile)
        fprintf(p->ffile, "frame %lu %dx%d %s\n", ++p->frames, w, h, window);
}

static long clock_s(const Play *p)
{
    return (long)((SDL_GetTicks64() - p->t0) / 1000);
}

static void draw(Play *p)
{
    assert(p->gfx && p->ren && p->scene.show);
    if (p->dirty) {
        frame_text_begin(p, p->w, p->h, "audience");
        views_draw(p->gfx, view(p));
        SDL_RenderPresent(p->ren);
    }
    if (p->pgfx) {
        ShowView pv;
        show_view_presenter(p->scene.show, &pv);
        stale(p); /* by show.h's contract, a new view ends the old one */
        p->shown_clock = clock_s(p);
        frame_text_begin(p, p->pw, p->ph, "presenter");
        if (pv.beat != p->notes_beat) {
            p->notes_beat = pv.beat; /* a new beat's notes start at the top */
            p->notes_scroll = 0;
        }
        views_draw_presenter_at(p->pgfx, &pv, p->shown_clock, &p->notes_scroll);
        SDL_RenderPresent(p->pren);
        /* the presenter clock: one redraw a second */
        timers_arm(&p->timers, p->clock_timer, (unsigned long)(p->t0 + (Uint64)(p->shown_clock + 1) * 1000));
    }
    p->dirty = 0;
    p->pdirty = 0;
    if (p->ffile)
        fflush(p->ffile); /* the log survives a crash */
}

static int clock_due(void *ud, unsigned long now)
{
    Play *p = ud;
    (void)now;
    if (clock_s(p) != p->shown_clock)
        p->pdirty = 1;
    else /* early: look again at the second's end */
        timers_arm(&p->timers, p->clock_timer,
                   (unsigned long)(p->t0 + (Uint64)(p->shown_clock + 1) * 1000));
    return 0;
}

/* ---- authoring: reload -------------------------------------------------- */

/* Loads the scenario again (Ctrl+L, or --watch after a save); see reload.h. */
static void reload(Play *p)
{
    ReloadKeep keep;
    memset(&keep, 0, sizeof keep);
    keep.dir = p->o.dir;
    keep.lang = p->o.lang;
    keep.join_url = p->phones.join_url;
    keep.join_code = p->phones.join_code;
    keep.join_problem = p->phones.join_problem;
    keep.q = p->evals.q;
    keep.transcript = transcript_line;
    keep.transcript_ud = p;
    stale(p);
    p->dirty = 1;
    if (!reload_scene(&p->scene, &keep, &p->watch))
        return;
    assert(p->scene.sc && p->scene.show && p->scene.lua); /* a reload that worked replaced all three */
    show_set_presenter(p->scene.show, p->pgfx != NULL);
    phones_attach(&p->phones, p->scene.show);
    evals_attach(&p->evals, p->scene.show, p->scene.sc->id, scenario_lang_en(p->scene.sc, p->scene.lang));
    evals_status(&p->evals);
    settle(p, SETTLE_ACTION);
}

static int watch_due(void *ud, unsigned long now)
{
    Play *p = ud;
    if (watch_changed(&p->watch, p->o.dir, p->scene.sc)) {
        /* never under an open vote, the evaluation or the kiosk: a reload
         * there would drop what the room is doing; Ctrl+L can */
        if (!show_reload_busy(p->scene.show))
            reload(p); /* marks the frame dirty and settles the new show itself */
        else if (!p->watch.waiting) {
            p->watch.waiting = 1;
            transcript_line(p, "reload waits: a vote or the evaluation is open");
        }
    }
    timers_arm(&p->timers, p->watch_timer, now + PLAY_WATCH_MS);
    return 0;
}

/* ---- keys ----------------------------------------------------------------- */

/* A facilitator's action.  While a poll is open, phone input is held and
 * drained first, so a reveal counts every vote the server acknowledged; the
 * hold ends once the new state is published (phones.h). */
static void apply(Play *p, ShowAction a, int arg)
{
    int held = 0;
    if (a == SHOW_ACT_RELOAD) {
        held = phones_hold(&p->phones);
        reload(p);
        phones_release(&p->phones, held);
        return;
    }
    if (a == SHOW_ACT_NOTES_SCROLL) {
        /* the presenter's notes: drawing clamps the offset to the notes' length */
        p->notes_scroll += arg * 2;
        if (p->notes_scroll < 0)
            p->notes_scroll = 0;
        p->pdirty = 1;
        return;
    }
    if (a == SHOW_ACT_FULLSCREEN && p->win) {
        Uint32 f = SDL_GetWindowFlags(p->win);
        SDL_SetWindowFullscreen(p->win, (f & SDL_WINDOW_FULLSCREEN_DESKTOP) ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
        p->dirty = 1;
        return;
    }
    held = phones_hold(&p->phones);
    stale(p);
    if (show_action(p->scene.show, a, arg))
        p->dirty = 1;
    if (show_quit_requested(p->scene.show))
        p->done = p->ended = 1;
    settle(p, SETTLE_ACTION);
    phones_release(&p->phones, held);
}

/* Typed text for the kiosk. */
static void type_text(Play *p, const char *text)
{
    stale(p);
    if (show_text(p->scene.show, text))
        p->dirty = 1;
    settle(p, SETTLE_ACTION);
}

static void feed_key_name(Play *p, const char *name)
{
    SDL_Scancode sc = SDL_SCANCODE_UNKNOWN;
    Uint16 mod = 0;
    int arg = 0;
    ShowAction a = SHOW_ACT_NONE;
    Show *show = p->scene.show;
    if (input_parse_key(name, &sc, &mod) < 0) {
        log_warn("unknown key name '%s' ignored", name);
        transcript_line(p, "key unknown");
        return;
    }
    a = show_in_kiosk(show) ? input_map_key_kiosk(sc, mod, show_wants_text(show), &arg)
                            : input_map_key(sc, mod, &arg);
    if (show_wants_text(show) && a == SHOW_ACT_NONE) {
        /* headless typing into the kiosk: a one-character key name is text */
        const char *k = strrchr(name, '+');
        k = k && k[1] ? k + 1 : name;
        if (strcmp(k, "Space") == 0)
            k = " ";
        if (strlen(k) == 1 && (mod & KMOD_CTRL) == 0)
            type_text(p, k);
        else
            settle(p, SETTLE_ACTION);
    } else
        apply(p, a, arg);
    if (p->o.headless && (p->dirty || p->pdirty))
        draw(p);
}

/* ---- --keys-from reader thread ------------------------------------------ */

static int keys_reader(void *ud)
{
    Play *p = ud;
    FILE *f = strcmp(p->o.keys_from, "-") == 0 ? stdin : fopen(p->o.keys_from, "r");
    char tok[PLAY_MAX_KEYNAME];
    size_t n = 0;
    int c = 0;
    SDL_Event ev;
    if (!f) {
        log_error("cannot read keys from %s: %s", p->o.keys_from, strerror(errno));
    } else {
        while ((c = fgetc(f)) != EOF) {
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                if (n > 0) {
                    tok[n] = '\0';
                    memset(&ev, 0, sizeof ev);
                    ev.type = p->ev_key;
                    ev.user.data1 = SDL_strdup(tok);
                    if (ev.user.data1)
                        push_event(p, &ev);
                    n = 0;
                }
            } else if (n + 1 < sizeof tok) {
                tok[n++] = (char)c;
            }
        }
        if (n > 0) {
            tok[n] = '\0';
            memset(&ev, 0, sizeof ev);
            ev.type = p->ev_key;
            ev.user.data1 = SDL_strdup(tok);
            if (ev.user.data1)
                push_event(p, &ev);
        }
        if (f != stdin)
            fclose(f);
    }
    memset(&ev, 0, sizeof ev);
    ev.type = p->ev_eof;
    push_event(p, &ev);
    return 0;
}

/* ---- set-up ------------------------------------------------------------- */

/* A window's renderer: accelerated with vsync, else the software one. */
static SDL_Renderer *window_renderer(SDL_Window *win)
{
    SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    return r ? r : SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
}

/* After a window resize: the drawing layer follows the renderer's new
 * output size (*w, *h keep the old size if the fonts cannot be reopened). */
static void follow_size(SDL_Renderer *r, Gfx *g, int *w, int *h)
{
    Err err;
    int nw = 0, nh = 0;
    err_clear(&err);
    SDL_GetRendererOutputSize(r, &nw, &nh);
    if (nw > 0 && nh > 0 && (nw != *w || nh != *h) && gfx_resize(g, nw, nh, &err) == 0) {
        *w = nw;
        *h = nh;
    }
}

static int video_setup(Play *p, Err *err)
{
    if (p->o.headless) {
        p->w = p->o.size_w;
        p->h = p->o.size_h;
        p->surf = SDL_CreateRGBSurfaceWithFormat(0, p->w, p->h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!p->surf)
            return err_set(err, ERR_NOMEM, "cannot create a %dx%d frame: %s", p->w, p->h, SDL_GetError());
        p->ren = SDL_CreateSoftwareRenderer(p->surf);
        if (!p->ren)
            return err_set(err, ERR_INVALID, "software renderer: %s", SDL_GetError());
    } else {
        Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
        int x = SDL_WINDOWPOS_CENTERED_DISPLAY(p->o.display);
        if (p->o.display < 0 || p->o.display >= SDL_GetNumVideoDisplays()) {
            log_warn("display %d does not exist; using display 0", p->o.display);
            x = SDL_WINDOWPOS_CENTERED_DISPLAY(0);
        }
        if (p->o.fullscreen)
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        p->win = SDL_CreateWindow("Spectactor", x, x, p->o.win_w, p->o.win_h, flags);
        if (!p->win)
            return err_set(err, ERR_INVALID, "cannot open a window: %s", SDL_GetError());
        p->ren = window_renderer(p->win);
        if (!p->ren)
            return err_set(err, ERR_INVALID, "no renderer: %s", SDL_GetError());
        SDL_GetRendererOutputSize(p->ren, &p->w, &p->h);
        SDL_DisableScreenSaver();
    }
    {
        char fonts[1100];
        snprintf(fonts, sizeof fonts, "%s/assets/fonts", app_data_dir());
        p->gfx = gfx_new(p->ren, p->w, p->h, fonts, err);
    }
    return p->gfx ? 0 : err->code;
}

/* The facilitator's screen: a second window on presenter_display (the
 * laptop, while the projector has the audience window), or, headless, a
 * second 1280x720 surface.  A failure only logs: the show goes on. */
static void presenter_setup(Play *p)
{
    Err err;
    char fonts[1100];
    err_clear(&err);
    if (p->o.headless) {
        p->pw = 1280;
        p->ph = 720;
        p->psurf = SDL_CreateRGBSurfaceWithFormat(0, p->pw, p->ph, 32, SDL_PIXELFORMAT_ARGB8888);
        p->pren = p->psurf ? SDL_CreateSoftwareRenderer(p->psurf) : NULL;
    } else {
        int d = p->o.presenter_display;
        int x = 0;
        if (d < 0 || d >= SDL_GetNumVideoDisplays())
            d = 0;
        x = SDL_WINDOWPOS_CENTERED_DISPLAY(d);
        p->pwin = SDL_CreateWindow("Spectactor – facilitator", x, x, 1280, 720,
                                   SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
        if (p->pwin) {
            p->pren = window_renderer(p->pwin);
            if (p->pren)
                SDL_GetRendererOutputSize(p->pren, &p->pw, &p->ph);
        }
    }
    if (!p->pren) {
        log_warn("no presenter screen: %s", SDL_GetError());
        return;
    }
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", app_data_dir());
    p->pgfx = gfx_new(p->pren, p->pw, p->ph, fonts, &err);
    if (!p->pgfx)
        log_warn("no presenter screen: %s", err.msg);
}

static void load_scenario(Play *p, char *load_error, size_t n)
{
    Err err;
    err_clear(&err);
    load_error[0] = '\0';
    p->scene.lua = lua_host_new(&err);
    if (!p->scene.lua) {
        snprintf(load_error, n, "%s", err.msg);
        return;
    }
    p->scene.sc = lua_story_load_translated(p->scene.lua, p->o.dir, &err);
    if (!p->scene.sc)
        snprintf(load_error, n, "%s", err.msg[0] ? err.msg : "cannot load scenario");
}

static void net_wake(void *ud)
{
    Play *p = ud;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = p->ev_wake;
    push_event(p, &ev);
}

/* Starts the phone server; the welcome screen then shows the join code. */
static void phones_setup(Play *p)
{
    const Scenario *sc = p->scene.sc;
    char line[128], code[NET_ROOM_CODE_LEN + 1], pub[EVAL_PUB_LEN + 1];
    int seq = 0;
    stale(p);
    /* the room survives a crash of the engine: same code, poll ids go on */
    if (evals_room(&p->evals, code, pub, &seq) == 0)
        show_set_poll_seq(p->scene.show, seq);
    if (p->o.address && net_lan_has(p->o.address) == 0) {
        int en = scenario_lang_en(sc, p->scene.lang);
        char msg[320];
        snprintf(msg, sizeof msg, "%s%s%s", ui_text(en, UI_ADDRESS_NOT_HERE_1), p->o.address,
                 ui_text(en, UI_ADDRESS_NOT_HERE_2));
        fprintf(stderr, "spectactor: %s\n", msg);
        show_set_note(p->scene.show, msg);
    }
    if (phones_start(&p->phones, p->scene.show, &p->evals, &p->timers, p->o.port, p->o.address,
                     sc ? sc->langs[scenario_pick_lang(sc, p->o.lang)] : "da", code, pub, net_wake,
                     p) < 0) {
        show_set_counting(p->scene.show, p->o.count ? (ShowCount)p->o.count : SHOW_COUNT_HANDS,
                          p->o.class_size ? p->o.class_size : SHOW_CLASS_SIZE, 0);
        settle(p, SETTLE_PUBLISH);
        return;
    }
    snprintf(line, sizeof line, "phones port %d room %s", net_port(p->phones.net),
             net_room_code(p->phones.net));
    transcript_line(p, line);
    settle(p, SETTLE_PUBLISH);
}

/* Opens the store (refusing to play on a store that cannot be trusted, so
 * the problem shows before the event) and loads the questionnaire. */
static int eval_setup(Play *p, Err *err)
{
    int rc = evals_open(&p->evals, p->o.db, p->o.label, &p->timers, transcript_line, p, err);
    if (rc < 0)
        return rc;
    rc = evals_set_facts(&p->evals, p->o.attendance, p->o.facts, p->o.nfacts, err);
    if (rc < 0)
        return rc;
    stale(p);
    evals_attach(&p->evals, p->scene.show, p->scene.sc ? p->scene.sc->id : NULL,
                 scenario_lang_en(p->scene.sc, p->scene.lang));
    evals_load(&p->evals, p->scene.lua, p->o.dir);
    if (p->evals.q)
        show_set_eval(p->scene.show, p->evals.q);
    return 0;
}

static void cleanup(Play *p)
{
    phones_stop(&p->phones); /* first: answers waiting phones before the show goes */
    /* the store retries answers kept in memory one last time: it needs the
     * questionnaire, so it closes before anything that owns answer sets */
    evals_close(&p->evals, p->ended);
    eval_preview_remove(&p->preview);
    show_free(p->scene.show);
    evals_free(&p->evals);
    gfx_free(p->pgfx);
    if (p->pren)
        SDL_DestroyRenderer(p->pren);
    if (p->pwin)
        SDL_DestroyWindow(p->pwin);
    if (p->psurf)
        SDL_FreeSurface(p->psurf);
    gfx_free(p->gfx);
    if (p->ren)
        SDL_DestroyRenderer(p->ren);
    if (p->win)
        SDL_DestroyWindow(p->win);
    if (p->surf)
        SDL_FreeSurface(p->surf);
    scenario_free(p->scene.sc);
    lua_host_free(p->scene.lua);
    if (p->tfile && p->tfile_owned)
        fclose(p->tfile);
    if (p->ffile)
        fclose(p->ffile);
    if (p->wake_sem)
        SDL_DestroySemaphore(p->wake_sem);
    IMG_Quit();
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

/* ---- the loop ------------------------------------------------------------ */

static void handle_event(Play *p, const SDL_Event *ev)
{
    Show *show = p->scene.show;
    assert(show && ev);
    if (ev->type == SDL_KEYDOWN) {
        int arg = 0;
        ShowAction a = show_in_kiosk(show)
                           ? input_map_key_kiosk(ev->key.keysym.scancode, ev->key.keysym.mod,
                                                 show_wants_text(show), &arg)
                           : input_map_key(ev->key.keysym.scancode, ev->key.keysym.mod, &arg);
        if (ev->key.repeat && a != SHOW_ACT_UP && a != SHOW_ACT_DOWN)
            return; /* a held remote button must not race through the scene */
        apply(p, a, arg);
    } else if (ev->type == SDL_TEXTINPUT) {
        stale(p);
        if (show_wants_text(show) && show_text(show, ev->text.text)) {
            p->dirty = 1;
            settle(p, SETTLE_ACTION);
        }
    } else if (ev->type == SDL_MOUSEWHEEL && p->pwin && ev->wheel.windowID == SDL_GetWindowID(p->pwin)) {
        int dy = ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? ev->wheel.y : -ev->wheel.y;
        if (dy)
            apply(p, SHOW_ACT_NOTES_SCROLL, dy > 0 ? 1 : -1);
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT && p->pwin &&
               ev->button.windowID == SDL_GetWindowID(p->pwin)) {
        /* the presenter window: only the kiosk there takes clicks */
        ShowView pv;
        int hit = -2, rx = ev->button.x, ry = ev->button.y, ww = 0, wh = 0;
        show_view_presenter(show, &pv);
        stale(p);
        SDL_GetWindowSize(p->pwin, &ww, &wh);
        if (ww > 0 && wh > 0) {
            rx = rx * p->pw / ww;
            ry = ry * p->ph / wh;
        }
        if (pv.screen == SHOW_SCREEN_KIOSK && pv.kiosk)
            hit = views_hit_kiosk(p->pgfx, &pv, rx, ry);
        if (hit != -2)
            apply(p, SHOW_ACT_CLICK, hit);
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT &&
               !(p->pwin && ev->button.windowID == SDL_GetWindowID(p->pwin))) {
        int hit = -2, rx = ev->button.x, ry = ev->button.y;
        int ww = 0, wh = 0;
        if (p->win) {
            SDL_GetWindowSize(p->win, &ww, &wh);
            if (ww > 0 && wh > 0) {
                rx = rx * p->w / ww;
                ry = ry * p->h / wh;
            }
        }
        hit = views_hit(p->gfx, view(p), rx, ry);
        if (hit >= -1)
            apply(p, SHOW_ACT_CLICK, hit);
    } else if (ev->type == SDL_WINDOWEVENT && p->pwin && ev->window.windowID == SDL_GetWindowID(p->pwin)) {
        /* the presenter window: resize; its close button does nothing (the show goes on) */
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            follow_size(p->pren, p->pgfx, &p->pw, &p->ph);
        p->dirty = 1;
    } else if (ev->type == SDL_WINDOWEVENT) {
        if (ev->window.event == SDL_WINDOWEVENT_CLOSE) {
            apply(p, SHOW_ACT_QUIT, 0); /* the close button asks first (SDL_QUIT is a signal) */
        } else if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            follow_size(p->ren, p->gfx, &p->w, &p->h);
            p->dirty = 1;
        } else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
            p->dirty = 1;
        }
    } else if (ev->type == SDL_RENDER_TARGETS_RESET || ev->type == SDL_RENDER_DEVICE_RESET) {
        p->dirty = 1;
    } else if (ev->type == SDL_QUIT) {
        /* a signal (SIGTERM: logout, shutdown, timeout; SIGINT) or the system:
         * the event is saved at every step; quit now, no dialog */
        p->done = 1;
        transcript_line(p, "quit signal");
        if (p->save.path[0])
            fprintf(stderr, "spectactor: %s\n", ui_text(scenario_lang_en(p->scene.sc, p->scene.lang), UI_SAVED_TERM));
    } else if (ev->type == p->ev_key) {
        char *name = ev->user.data1;
        if (name) {
            feed_key_name(p, name);
            SDL_free(name);
        }
    } else if (ev->type == p->ev_eof) {
        p->done = p->ended = 1;
    } else if (ev->type == p->ev_wake) {
        /* nothing drained and no phone joined or left: nothing to publish */
        stale(p);
        if (phones_drain(&p->phones)) {
            p->dirty = 1;
            settle(p, SETTLE_PUBLISH);
        }
    }
}

/* One event under one script budget: the conditions and effects all its
 * views and actions run share LUA_HOST_TIME_MS (see lua_host_batch_begin),
 * so slow conditions cannot stall the projector.  (A reload replaces the
 * host: the new one has no batch open and the end does nothing.) */
static void handle_event_batch(Play *p, const SDL_Event *ev)
{
    lua_host_batch_begin(p->scene.lua);
    handle_event(p, ev);
    lua_host_batch_end(p->scene.lua);
}

static void run_loop(Play *p)
{
    SDL_Thread *reader = NULL;
    if (p->o.keys) {
        char *copy = SDL_strdup(p->o.keys);
        char *save = NULL;
        char *tok = copy ? strtok_r(copy, " \t\n", &save) : NULL;
        while (tok && !p->done) {
            lua_host_batch_begin(p->scene.lua);
            feed_key_name(p, tok);
            lua_host_batch_end(p->scene.lua);
            tok = strtok_r(NULL, " \t\n", &save);
        }
        SDL_free(copy);
    }
    if (p->o.headless && !p->o.keys_from)
        p->done = p->ended = 1;
    if (p->o.keys_from && !p->done) {
        reader = SDL_CreateThread(keys_reader, "keys", p);
        if (!reader) {
            log_error("cannot start the key reader: %s", SDL_GetError());
            p->done = 1;
        } else
            SDL_DetachThread(reader);
    }
    while (!p->done) {
        SDL_Event ev;
        unsigned long now = (unsigned long)SDL_GetTicks64();
        long t = 0, tt = 0;
        int got = 0;
        if (timers_fire(&p->timers, now)) {
            stale(p);
            p->dirty = 1;
        }
        t = show_next_timer(p->scene.show, now);
        tt = timers_next(&p->timers, now);
        if (tt >= 0 && (t < 0 || tt < t))
            t = tt;
        if (p->dirty || p->pdirty) {
            lua_host_batch_begin(p->scene.lua);
            draw(p);
            lua_host_batch_end(p->scene.lua);
        }
        if (p->wake_sem) {
            /* headless: sleep until a thread posts (or a timer is due; a
             * 250 ms cap notices signals, which SDL turns into SDL_QUIT) */
            got = SDL_PollEvent(&ev);
            if (!got) {
                SDL_SemWaitTimeout(p->wake_sem, (Uint32)(t < 0 || t > 250 ? 250 : t));
                got = SDL_PollEvent(&ev);
            }
        } else
            got = t < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, (int)(t > 60000 ? 60000 : t));
        if (got) {
            handle_event_batch(p, &ev);
            while (!p->done && SDL_PollEvent(&ev))
                handle_event_batch(p, &ev);
        }
        /* a tick that returns 0 changed nothing a view shows; a due timer
         * may close a poll, so phone input is held and drained first */
        lua_host_batch_begin(p->scene.lua);
        now = (unsigned long)SDL_GetTicks64();
        {
            int held = show_next_timer(p->scene.show, now) == 0 ? phones_hold(&p->phones) : 0;
            if (held)
                stale(p);
            if (show_tick(p->scene.show, now) || held) {
                p->dirty = 1;
                settle(p, SETTLE_PUBLISH);
            }
            phones_release(&p->phones, held);
        }
        lua_host_batch_end(p->scene.lua);
    }
}

int cmd_play(int argc, char **argv)
{
    Play p;
    Err err;
    char load_error[ERR_MSG_MAX + 64];
    int rc = 0;
    memset(&p, 0, sizeof p);
    err_clear(&err);
    timers_init(&p.timers);
    p.clock_timer = p.watch_timer = -1;
    if (parse_opts(argc, argv, &p.o) < 0)
        return 2;
    if (p.o.transcript) {
        if (strcmp(p.o.transcript, "-") == 0)
            p.tfile = stdout;
        else {
            p.tfile = fopen(p.o.transcript, "w");
            if (!p.tfile) {
                fprintf(stderr, "spectactor: cannot write transcript %s: %s\n", p.o.transcript, strerror(errno));
                return 1;
            }
            p.tfile_owned = 1;
        }
    }
    if (p.o.frame_text) {
        p.ffile = fopen(p.o.frame_text, "w");
        if (!p.ffile) {
            fprintf(stderr, "spectactor: cannot write %s: %s\n", p.o.frame_text, strerror(errno));
            if (p.tfile && p.tfile_owned)
                fclose(p.tfile);
            return 1;
        }
    }
    if (p.o.headless) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "0");
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0"); /* SDL_QUIT then means a signal */
    if (SDL_Init(p.o.headless ? (SDL_INIT_EVENTS | SDL_INIT_TIMER) : (SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER)) < 0) {
        fprintf(stderr, "spectactor: SDL: %s\n", SDL_GetError());
        if (p.tfile && p.tfile_owned)
            fclose(p.tfile);
        if (p.ffile)
            fclose(p.ffile);
        return 1;
    }
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
    p.ev_key = SDL_RegisterEvents(3);
    p.ev_eof = p.ev_key + 1;
    p.ev_wake = p.ev_key + 2;

    load_scenario(&p, load_error, sizeof load_error);
    if (load_error[0]) {
        fprintf(stderr, "%s\n", load_error);
        transcript_line(&p, "error scenario failed to load");
    }
    p.scene.lang = scenario_pick_lang(p.scene.sc, p.o.lang);
    p.scene.show = show_new(p.scene.sc, p.scene.sc ? lua_story_hooks(p.scene.lua) : NULL, p.scene.lang,
                            load_error[0] ? load_error : NULL, &err);
    if (!p.scene.show) {
        fprintf(stderr, "spectactor: %s\n", err.msg);
        cleanup(&p);
        return 1;
    }
    show_set_transcript(p.scene.show, transcript_line, &p);
    show_set_counting(p.scene.show,
                      p.o.count ? (ShowCount)p.o.count
                                : (p.o.no_phones ? SHOW_COUNT_HANDS : SHOW_COUNT_BOTH),
                      p.o.class_size ? p.o.class_size : SHOW_CLASS_SIZE, !p.o.no_phones);
    if (p.o.headless)
        p.wake_sem = SDL_CreateSemaphore(0);
    if (p.scene.sc)
        transcript_line(&p, "welcome");
    /* the first frame comes first; the store and the phone server follow and
     * the welcome screen is redrawn with the join code when they are up */
    if (video_setup(&p, &err) < 0) {
        fprintf(stderr, "spectactor: %s\n", err.msg);
        cleanup(&p);
        return 1;
    }
    p.t0 = SDL_GetTicks64();
    if (p.o.presenter)
        presenter_setup(&p);
    if (p.ffile) {
        gfx_text_log_set(p.gfx, frame_text_line, &p);
        gfx_text_log_set(p.pgfx, frame_text_line, &p);
    }
    if (p.pgfx)
        p.clock_timer = timers_add(&p.timers, clock_due, &p);
    show_set_presenter(p.scene.show, p.pgfx != NULL);
    p.notes_beat = -2;
    p.dirty = 1;
    draw(&p);
    if (preview_store(&p, &err) < 0 || eval_setup(&p, &err) < 0) {
        int en = scenario_lang_en(p.scene.sc, p.scene.lang);
        fprintf(stderr, "spectactor: %s%s\nspectactor: %s\n", ui_text(en, UI_DB_PROBLEM), err.msg,
                ui_text(en, UI_DB_OTHER));
        cleanup(&p);
        return 1;
    }
    if (!p.preview.dir[0] && p.scene.sc && show_save_start(p.scene.show, &p.save, p.o.db, p.o.resume, &err) < 0)
        log_warn("%s", err.msg); /* a preview's store goes away at exit: nothing to continue */
    if (!p.o.no_phones)
        phones_setup(&p);
    if (p.o.watch) {
        watch_snapshot(&p.watch, p.o.dir, p.scene.sc);
        p.watch_timer = timers_add(&p.timers, watch_due, &p);
        timers_arm(&p.timers, p.watch_timer, 0); /* the first loop pass looks */
    }
    p.dirty = 1;
    run_loop(&p);
    if (p.o.headless) {
        p.dirty = 1;
        draw(&p);
        if (p.o.screenshot && gfx_save_png(p.ren, p.w, p.h, p.o.screenshot, &err) < 0) {
            fprintf(stderr, "spectactor: %s\n", err.msg);
            rc = 1;
        }
        if (p.o.presenter_shot && p.pren &&
            gfx_save_png(p.pren, p.pw, p.ph, p.o.presenter_shot, &err) < 0) {
            fprintf(stderr, "spectactor: %s\n", err.msg);
            rc = 1;
        }
    }
    if (p.ended && show_event_over(p.scene.show))
        show_save_retire(&p.save); /* the event is over: nothing to continue */
    else
        save_sync(&p);
    free(p.save.last);
    cleanup(&p);
    return rc;
}
