/* play.c - `spectactor play`: loads a scenario and runs the frame loop.
 *
 * One thread owns Lua, SDL and the story.  The loop sleeps in
 * SDL_WaitEventTimeout and redraws only when the show says something changed
 * (a static beat costs no CPU).  Headless mode draws into an SDL_Surface with
 * the software renderer: keys from --keys are fed in order, keys from
 * --keys-from arrive through a reader thread as SDL user events, and the last
 * frame can be written as PNG.
 */
#include "app/app.h"
#include "app/input.h"
#include "app/show.h"
#include "app/views.h"
#include "core/log.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "render/render_sdl.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAY_MAX_KEYNAME 64

typedef struct PlayOpts {
    const char *dir;
    const char *lang;
    int win_w, win_h;
    int fullscreen;
    int display;
    int port;
    int no_phones;
    const char *db;
    int headless;
    int size_w, size_h;
    const char *keys;
    const char *keys_from;
    const char *screenshot;
    const char *transcript;
} PlayOpts;

typedef struct Play {
    PlayOpts o;
    LuaHost *lua;
    Scenario *sc;
    Show *show;
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Surface *surf;
    Gfx *gfx;
    int w, h;
    int dirty;
    FILE *tfile;
    int tfile_owned;
    Uint32 ev_key;  /* user event: a key name from --keys-from (data1 = strdup'd name) */
    Uint32 ev_eof;  /* user event: end of --keys-from input */
    Uint32 ev_wake; /* user event: the phone server queued something */
    int done;
} Play;

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
    o->port = 8080;
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
        } else if (strcmp(a, "--db") == 0) {
            NEEDV();
            o->db = v;
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
    if (!o->headless && (o->keys || o->keys_from || o->screenshot)) {
        fprintf(stderr, "spectactor play: --keys, --keys-from and --screenshot need --headless\n");
        return -1;
    }
    if (!o->dir)
        o->dir = app_default_scenario();
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

/* ---- drawing ------------------------------------------------------------ */

static void draw(Play *p)
{
    ShowView v;
    show_view(p->show, &v);
    views_draw(p->gfx, &v);
    SDL_RenderPresent(p->ren);
    p->dirty = 0;
}

static void apply(Play *p, ShowAction a, int arg)
{
    if (a == SHOW_ACT_FULLSCREEN && p->win) {
        Uint32 f = SDL_GetWindowFlags(p->win);
        SDL_SetWindowFullscreen(p->win, (f & SDL_WINDOW_FULLSCREEN_DESKTOP) ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
        p->dirty = 1;
        return;
    }
    if (show_action(p->show, a, arg))
        p->dirty = 1;
    if (show_quit_requested(p->show))
        p->done = 1;
}

static void feed_key_name(Play *p, const char *name)
{
    SDL_Scancode sc = SDL_SCANCODE_UNKNOWN;
    Uint16 mod = 0;
    int arg = 0;
    ShowAction a = SHOW_ACT_NONE;
    if (input_parse_key(name, &sc, &mod) < 0) {
        log_warn("unknown key name '%s' ignored", name);
        transcript_line(p, "key unknown");
        return;
    }
    a = input_map_key(sc, mod, &arg);
    apply(p, a, arg);
    if (p->o.headless && p->dirty)
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
                        SDL_PushEvent(&ev);
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
                SDL_PushEvent(&ev);
        }
        if (f != stdin)
            fclose(f);
    }
    memset(&ev, 0, sizeof ev);
    ev.type = p->ev_eof;
    SDL_PushEvent(&ev);
    return 0;
}

/* ---- set-up ------------------------------------------------------------- */

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
        p->ren = SDL_CreateRenderer(p->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (!p->ren)
            p->ren = SDL_CreateRenderer(p->win, -1, SDL_RENDERER_SOFTWARE);
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

static void load_scenario(Play *p, char *load_error, size_t n)
{
    Err err;
    err_clear(&err);
    load_error[0] = '\0';
    p->lua = lua_host_new(&err);
    if (!p->lua) {
        snprintf(load_error, n, "%s", err.msg);
        return;
    }
    p->sc = lua_story_load(p->lua, p->o.dir, &err);
    if (!p->sc)
        snprintf(load_error, n, "%s", err.msg[0] ? err.msg : "cannot load scenario");
}

static int pick_lang(const Play *p)
{
    int i = 0;
    if (!p->sc)
        return 0;
    if (!p->o.lang)
        return 0;
    i = scenario_lang_index(p->sc, p->o.lang);
    if (i < 0) {
        log_warn("the scenario has no language '%s'; using '%s'", p->o.lang, p->sc->langs[0]);
        return 0;
    }
    return i;
}

static void cleanup(Play *p)
{
    show_free(p->show);
    gfx_free(p->gfx);
    if (p->ren)
        SDL_DestroyRenderer(p->ren);
    if (p->win)
        SDL_DestroyWindow(p->win);
    if (p->surf)
        SDL_FreeSurface(p->surf);
    scenario_free(p->sc);
    lua_host_free(p->lua);
    if (p->tfile && p->tfile_owned)
        fclose(p->tfile);
    IMG_Quit();
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

/* ---- the loop ------------------------------------------------------------ */

static void handle_event(Play *p, const SDL_Event *ev)
{
    if (ev->type == SDL_KEYDOWN) {
        int arg = 0;
        ShowAction a = input_map_key(ev->key.keysym.scancode, ev->key.keysym.mod, &arg);
        if (ev->key.repeat && a != SHOW_ACT_UP && a != SHOW_ACT_DOWN)
            return; /* a held remote button must not race through the scene */
        apply(p, a, arg);
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT) {
        ShowView v;
        int hit = -2, rx = ev->button.x, ry = ev->button.y;
        int ww = 0, wh = 0;
        if (p->win) {
            SDL_GetWindowSize(p->win, &ww, &wh);
            if (ww > 0 && wh > 0) {
                rx = rx * p->w / ww;
                ry = ry * p->h / wh;
            }
        }
        show_view(p->show, &v);
        hit = views_hit(p->gfx, &v, rx, ry);
        if (hit >= -1)
            apply(p, SHOW_ACT_CLICK, hit);
    } else if (ev->type == SDL_WINDOWEVENT) {
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            Err err;
            int w = 0, h = 0;
            err_clear(&err);
            SDL_GetRendererOutputSize(p->ren, &w, &h);
            if (w > 0 && h > 0 && (w != p->w || h != p->h) && gfx_resize(p->gfx, w, h, &err) == 0) {
                p->w = w;
                p->h = h;
            }
            p->dirty = 1;
        } else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
            p->dirty = 1;
        }
    } else if (ev->type == SDL_RENDER_TARGETS_RESET || ev->type == SDL_RENDER_DEVICE_RESET) {
        p->dirty = 1;
    } else if (ev->type == SDL_QUIT) {
        if (p->o.headless)
            p->done = 1; /* a signal ends a headless run */
        else
            apply(p, SHOW_ACT_QUIT, 0); /* the window's close button asks first */
    } else if (ev->type == p->ev_key) {
        char *name = ev->user.data1;
        if (name) {
            feed_key_name(p, name);
            SDL_free(name);
        }
    } else if (ev->type == p->ev_eof) {
        p->done = 1;
    }
}

static void run_loop(Play *p)
{
    SDL_Thread *reader = NULL;
    if (p->o.keys) {
        char *copy = SDL_strdup(p->o.keys);
        char *save = NULL;
        char *tok = copy ? strtok_r(copy, " \t\n", &save) : NULL;
        while (tok && !p->done) {
            feed_key_name(p, tok);
            tok = strtok_r(NULL, " \t\n", &save);
        }
        SDL_free(copy);
    }
    if (p->o.headless && !p->o.keys_from)
        p->done = 1;
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
        long t = show_next_timer(p->show, (unsigned long)SDL_GetTicks64());
        int got = 0;
        if (p->dirty)
            draw(p);
        got = t < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, (int)(t > 60000 ? 60000 : t));
        if (got) {
            handle_event(p, &ev);
            while (!p->done && SDL_PollEvent(&ev))
                handle_event(p, &ev);
        }
        if (show_tick(p->show, (unsigned long)SDL_GetTicks64()))
            p->dirty = 1;
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
    if (p.o.headless) {
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "0");
    if (SDL_Init(p.o.headless ? (SDL_INIT_EVENTS | SDL_INIT_TIMER) : (SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER)) < 0) {
        fprintf(stderr, "spectactor: SDL: %s\n", SDL_GetError());
        if (p.tfile && p.tfile_owned)
            fclose(p.tfile);
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
    p.show = show_new(p.sc, p.sc ? lua_story_hooks(p.lua) : NULL, pick_lang(&p),
                      load_error[0] ? load_error : NULL, &err);
    if (!p.show) {
        fprintf(stderr, "spectactor: %s\n", err.msg);
        cleanup(&p);
        return 1;
    }
    show_set_transcript(p.show, transcript_line, &p);
    if (p.sc)
        transcript_line(&p, "welcome");

    if (video_setup(&p, &err) < 0) {
        fprintf(stderr, "spectactor: %s\n", err.msg);
        cleanup(&p);
        return 1;
    }
    p.dirty = 1;
    draw(&p);
    run_loop(&p);
    if (p.o.headless) {
        draw(&p);
        if (p.o.screenshot && gfx_save_png(p.ren, p.w, p.h, p.o.screenshot, &err) < 0) {
            fprintf(stderr, "spectactor: %s\n", err.msg);
            rc = 1;
        }
    }
    cleanup(&p);
    return rc;
}
