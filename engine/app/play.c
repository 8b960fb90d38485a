/* play.c - `spectactor play`: loads a scenario and runs the frame loop.
 *
 * One thread owns Lua, SDL and the story.  The loop sleeps in
 * SDL_WaitEventTimeout and redraws only when the show says something changed
 * (a static beat costs no CPU).  Headless mode draws into an SDL_Surface with
 * the software renderer: keys from --keys are fed in order, keys from
 * --keys-from arrive through a reader thread as SDL user events, and the last
 * frame can be written as PNG.
 */
#include "app/commands.h"
#include "app/paths.h"
#include "app/input.h"
#include "show/show.h"
#include "views/views.h"
#include "views/views_presenter.h"
#include "compat/compat.h"
#include "core/buf.h"
#include "core/log.h"
#include "eval/eval_report.h"
#include "eval/eval_store.h"
#include "lua/lua_eval.h"
#include "lua/lua_host.h"
#include "lua/lua_story.h"
#include "net/net.h"
#include "render/render_sdl.h"
#include "show/ui_text.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLAY_MAX_KEYNAME 64
#define PLAY_NET_REFRESH_MS 2000  /* "joined N" refresh while phones are on */
#define PLAY_RETRY_MS 3000        /* retry of answers kept in memory */
#define PLAY_MAX_BATCH 256        /* evaluation answers committed in one transaction */

typedef struct PlayOpts {
    const char *dir;
    const char *lang;
    int win_w, win_h;
    int fullscreen;
    int display;
    int port;
    int no_phones;
    const char *db;
    const char *label;
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
    SDL_sem *wake_sem;     /* headless: posted after every pushed event */

    /* phones (issue 3) */
    NetServer *net;
    char *last_state;      /* last published state JSON, to publish only changes */
    char *eval_json;       /* the questionnaire as the phone page wants it */
    unsigned long next_net_refresh;

    /* evaluations (issue 4) */
    EvalStore *store;
    EvalQuestionnaire *q;
    char event_id[64];     /* "" until the first answer creates the event */
    EvalTally *tally;
    unsigned long next_retry;
    unsigned long next_count; /* the live count is read at most once a second */
    int count_stale;

    /* authoring: --watch reloads when a scenario file changes */
    long long mtimes[STORY_MAX_FILES + 1];
    unsigned long next_watch;
    int watch_waiting;
    char *join_url, *join_code, *join_problem; /* kept for a reloaded show */

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
            o->label = v;
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

static int pick_lang(const Play *p);
static void drain_net(Play *p);

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

/* ---- drawing ------------------------------------------------------------ */

static long clock_s(const Play *p)
{
    return (long)((SDL_GetTicks64() - p->t0) / 1000);
}

static void draw(Play *p)
{
    ShowView v;
    if (p->dirty) {
        show_view(p->show, &v);
        views_draw(p->gfx, &v);
        SDL_RenderPresent(p->ren);
    }
    if (p->pgfx) {
        show_view_presenter(p->show, &v);
        p->shown_clock = clock_s(p);
        views_draw_presenter(p->pgfx, &v, p->shown_clock);
        SDL_RenderPresent(p->pren);
    }
    p->dirty = 0;
    p->pdirty = 0;
}

static void after_change(Play *p);
static void reload(Play *p);

static void apply(Play *p, ShowAction a, int arg)
{
    if (a == SHOW_ACT_RELOAD) {
        reload(p);
        return;
    }
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
    after_change(p);
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
    a = show_in_kiosk(p->show) ? input_map_key_kiosk(sc, mod, show_wants_text(p->show), &arg)
                               : input_map_key(sc, mod, &arg);
    if (show_wants_text(p->show) && a == SHOW_ACT_NONE) {
        /* headless typing into the kiosk: a one-character key name is text */
        const char *k = strrchr(name, '+');
        k = k && k[1] ? k + 1 : name;
        if (strcmp(k, "Space") == 0)
            k = " ";
        if (strlen(k) == 1 && (mod & KMOD_CTRL) == 0 && show_text(p->show, k))
            p->dirty = 1;
        after_change(p);
    } else
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
    net_stop(p->net); /* first: answers waiting phones before the show goes */
    p->net = NULL;
    free(p->last_state);
    free(p->eval_json);
    free(p->join_url);
    free(p->join_code);
    free(p->join_problem);
    /* the store retries answers kept in memory one last time: it needs the
     * questionnaire, so it closes before anything that owns answer sets */
    eval_store_close(p->store);
    p->store = NULL;
    show_free(p->show);
    eval_tally_free(p->tally);
    eval_q_free(p->q);
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
    scenario_free(p->sc);
    lua_host_free(p->lua);
    if (p->tfile && p->tfile_owned)
        fclose(p->tfile);
    if (p->wake_sem)
        SDL_DestroySemaphore(p->wake_sem);
    IMG_Quit();
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}


/* ---- phones and evaluations ------------------------------------------------- */

static void json_text(Buf *b, const Scenario *sc, const StoryText *t)
{
    int l = 0;
    buf_puts(b, "{");
    for (l = 0; sc && l < sc->n_langs; l++) {
        buf_printf(b, "%s", l ? "," : "");
        buf_json_string(b, sc->langs[l]);
        buf_puts(b, ":");
        buf_json_string(b, story_text(t, l));
    }
    buf_puts(b, "}");
}

static void json_ui(Buf *b, UiTextId id)
{
    buf_puts(b, "{\"da\":");
    buf_json_string(b, ui_text(0, id));
    buf_puts(b, ",\"en\":");
    buf_json_string(b, ui_text(1, id));
    buf_puts(b, "}");
}

/* The questionnaire in the shape of docs/http-api.md (built once). */
static char *build_eval_json(const EvalQuestionnaire *q)
{
    Buf b = BUF_INIT;
    int i = 0, o = 0;
    static const char *kinds[] = {"single", "yesno", "multi", "text"};
    buf_puts(&b, "{\"open\":true,\"id\":");
    buf_json_string(&b, eval_q_id(q));
    buf_puts(&b, ",\"title\":{\"da\":");
    buf_json_string(&b, eval_q_title(q, EVAL_LANG_DA));
    buf_puts(&b, ",\"en\":");
    buf_json_string(&b, eval_q_title(q, EVAL_LANG_EN));
    buf_puts(&b, "},\"questions\":[");
    for (i = 0; i < eval_q_count(q); i++) {
        EvalKind k = eval_q_kind(q, i);
        buf_printf(&b, "%s{\"id\":", i ? "," : "");
        buf_json_string(&b, eval_q_question_id(q, i));
        buf_printf(&b, ",\"kind\":\"%s\",\"required\":%s,\"prompt\":{\"da\":", kinds[k],
                   eval_q_required(q, i) ? "true" : "false");
        buf_json_string(&b, eval_q_text(q, i, EVAL_LANG_DA));
        buf_puts(&b, ",\"en\":");
        buf_json_string(&b, eval_q_text(q, i, EVAL_LANG_EN));
        buf_puts(&b, "}");
        if (k == EVAL_TEXT)
            buf_printf(&b, ",\"max\":%d", eval_q_max_chars(q, i));
        if (k == EVAL_SINGLE || k == EVAL_MULTI) {
            buf_puts(&b, ",\"options\":[");
            for (o = 0; o < eval_q_option_count(q, i); o++) {
                buf_printf(&b, "%s{\"value\":%d,\"text\":{\"da\":", o ? "," : "", o + 1);
                buf_json_string(&b, eval_q_option(q, i, o + 1, EVAL_LANG_DA));
                buf_puts(&b, ",\"en\":");
                buf_json_string(&b, eval_q_option(q, i, o + 1, EVAL_LANG_EN));
                buf_puts(&b, "}}");
            }
            buf_puts(&b, "]");
        }
        buf_puts(&b, "}");
    }
    buf_puts(&b, "]}");
    if (b.oom) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

/* Builds the state phones see and the info the HTTP thread validates with,
 * and publishes them when they changed. */
static void publish_view(Play *p, const ShowView *view)
{
    const ShowView v = *view;
    NetPollInfo info;
    Buf b = BUF_INIT;
    const Scenario *sc = p->sc;
    const char *screen = "waiting";
    int i = 0, first = 1;
    Err err;
    if (!p->net)
        return;
    err_clear(&err);
    memset(&info, 0, sizeof info);
    buf_puts(&b, "{\"title\":");
    if (sc)
        json_text(&b, sc, &sc->title);
    else
        buf_puts(&b, "\"\"");
    buf_puts(&b, ",\"poll\":");
    if (v.poll && (v.ikind == STORY_INT_CHOICE || v.ikind == STORY_INT_SIGNAL) &&
        (v.screen == SHOW_SCREEN_INTERACTION || (v.overlays & SHOW_OV_STOP))) {
        int open = vote_state(v.poll) == VOTE_OPEN;
        int n = vote_n_options(v.poll);
        screen = "poll";
        info.poll_id = vote_id(v.poll);
        info.kind = v.ikind == STORY_INT_SIGNAL ? NET_POLL_SIGNAL : NET_POLL_CHOICE;
        info.open = open;
        info.n_options = n;
        buf_printf(&b, "{\"id\":%d,\"kind\":\"%s\",\"open\":%s,\"prompt\":", vote_id(v.poll),
                   v.ikind == STORY_INT_SIGNAL ? "signal" : "choice", open ? "true" : "false");
        json_text(&b, sc, v.prompt);
        buf_puts(&b, ",\"options\":[");
        for (i = 0; i < n; i++) {
            int en = vote_option_enabled(v.poll, i);
            if (v.ikind == STORY_INT_CHOICE && v.options[i].state == STORY_OPT_HIDDEN)
                continue;
            if (en)
                info.enabled |= 1u << i;
            buf_printf(&b, "%s{\"n\":%d,\"text\":", first ? "" : ",", i + 1);
            first = 0;
            if (v.ikind == STORY_INT_SIGNAL)
                json_ui(&b, i == 0 ? UI_SIGNAL_OK : i == 1 ? UI_SIGNAL_WARNING : UI_SIGNAL_STALKING);
            else
                json_text(&b, sc, v.options[i].text);
            buf_printf(&b, ",\"enabled\":%s}", en ? "true" : "false");
        }
        buf_puts(&b, "]}");
    } else if (v.screen == SHOW_SCREEN_INTERACTION && v.ikind == STORY_INT_IDEA && v.beat >= 0) {
        screen = "idea";
        info.poll_id = 1000000 + v.beat; /* idea prompts never collide with vote polls */
        info.kind = NET_POLL_IDEA;
        info.ideas_open = 1;
        buf_printf(&b, "{\"id\":%d,\"kind\":\"idea\",\"open\":true,\"prompt\":", info.poll_id);
        json_text(&b, sc, v.prompt);
        buf_puts(&b, ",\"options\":[]}");
    } else
        buf_puts(&b, "null");
    buf_puts(&b, ",\"eval\":");
    if (p->eval_json && show_eval_open(p->show)) {
        info.eval_open = 1;
        screen = "eval";
        buf_puts(&b, p->eval_json);
    } else
        buf_puts(&b, "null");
    buf_printf(&b, ",\"screen\":\"%s\"}", v.screen == SHOW_SCREEN_ENDING && !info.eval_open ? "ended" : screen);
    if (b.oom) {
        buf_free(&b);
        return;
    }
    if (p->last_state && strcmp(p->last_state, buf_str(&b)) == 0) {
        buf_free(&b);
        return;
    }
    if (net_publish(p->net, buf_str(&b), &info, &err) < 0) {
        log_warn("phones: %s", err.msg);
        buf_free(&b);
        return;
    }
    free(p->last_state);
    p->last_state = buf_take(&b);
}

static void publish_state(Play *p)
{
    ShowView v;
    if (!p->net)
        return;
    show_view(p->show, &v);
    publish_view(p, &v);
}

/* The event row is created with the first answer, so test runs and
 * rehearsals without answers leave nothing behind. */
static int ensure_event(Play *p, Err *err)
{
    if (p->event_id[0])
        return 0;
    if (!p->store || !p->q)
        return err_set(err, ERR_STATE, "no evaluation store");
    return eval_store_begin_event(p->store, p->q, p->sc ? p->sc->id : "none", p->o.label, p->event_id, err);
}

static void refresh_eval_status(Play *p)
{
    Err err;
    int n = 0;
    char msg[ERR_MSG_MAX + 64];
    unsigned long now = (unsigned long)SDL_GetTicks64();
    /* counting grows with the event: under a burst of phones, count once a
     * second (the loop's timer catches up with the last burst) */
    if (now < p->next_count) {
        p->count_stale = 1;
        return;
    }
    p->next_count = now + 1000;
    p->count_stale = 0;
    err_clear(&err);
    msg[0] = '\0';
    if (p->store && p->event_id[0]) {
        n = eval_store_event_count(p->store, p->event_id, &err);
        if (n < 0) {
            n = 0;
            snprintf(msg, sizeof msg, "%s", err.msg);
        }
    }
    show_set_unsaved(p->show, p->store ? (int)eval_store_pending(p->store) : 0);
    if (p->store && eval_store_pending(p->store) > 0) {
        ShowView v;
        show_view(p->show, &v);
        snprintf(msg, sizeof msg,
                 v.ui_en ? "%zu answers are kept in memory and retried: the database cannot be written"
                         : "%zu svar venter i hukommelsen og prøves igen: databasen kan ikke skrives",
                 eval_store_pending(p->store));
    }
    show_set_eval_status(p->show, n, msg[0] ? msg : NULL);
    p->dirty = 1;
}

static void commit_kiosk(Play *p)
{
    const EvalAnswers *a = show_kiosk_submission(p->show);
    Err err;
    int rc = 0;
    if (!a)
        return;
    err_clear(&err);
    rc = ensure_event(p, &err);
    if (rc == 0)
        rc = eval_store_submit(p->store, p->event_id, a, NULL, &err);
    /* ERR_IO: kept in memory and retried; the student may go, nothing is lost */
    show_kiosk_saved(p->show, rc == 0 || rc == ERR_IO, rc == 0 || rc == ERR_IO ? NULL : err.msg);
    if (rc == 0)
        transcript_line(p, "eval answer saved");
    else
        log_warn("evaluation: %s", err.msg);
    refresh_eval_status(p);
}

static void refresh_results(Play *p, const ShowView *v)
{
    Err err;
    if (v->screen != SHOW_SCREEN_RESULTS || !p->q)
        return;
    err_clear(&err);
    eval_tally_free(p->tally);
    p->tally = eval_tally_new(p->q);
    if (p->tally && p->event_id[0] && eval_store_tally_event(p->store, p->event_id, p->tally, &err) < 0)
        log_warn("results: %s", err.msg);
    show_set_results(p->show, p->tally);
    p->dirty = 1;
}

/* After every action: commit a kiosk answer, refresh the results screen and
 * the phones' state, from one view of the show (building a view evaluates
 * the scenario's conditions). */
static void after_change(Play *p)
{
    ShowView v;
    commit_kiosk(p);
    show_view(p->show, &v);
    refresh_results(p, &v);
    publish_view(p, &v);
}

static void submit_eval_batch(Play *p, NetMsg *msgs, int n)
{
    const EvalAnswers *answers[PLAY_MAX_BATCH];
    EvalAnswers *owned[PLAY_MAX_BATCH];
    const char *sids[PLAY_MAX_BATCH];
    int results[PLAY_MAX_BATCH];
    unsigned long long req[PLAY_MAX_BATCH];
    int dup[PLAY_MAX_BATCH];
    int k = 0, i = 0, saved = 0;
    Err err;
    err_clear(&err);
    for (i = 0; i < n; i++) {
        char code[EVAL_MAX_CODE];
        char sid[EVAL_MAX_SID];
        EvalAnswers *a = NULL;
        if (!p->q || !p->store) {
            net_reply(p->net, msgs[i].req_id, 409, "{\"error\":\"closed\"}");
            continue;
        }
        if (eval_answers_from_json(p->q, msgs[i].body, strlen(msgs[i].body), &a, code, sid, &err) < 0) {
            Buf b = BUF_INIT;
            buf_puts(&b, "{\"error\":\"invalid\",\"message\":");
            buf_json_string(&b, err.msg);
            buf_puts(&b, "}");
            net_reply(p->net, msgs[i].req_id, 400, buf_str(&b));
            buf_free(&b);
            continue;
        }
        owned[k] = a;
        answers[k] = a;
        dup[k] = eval_store_sid_committed(p->store, msgs[i].sid);
        sids[k] = msgs[i].sid;
        req[k] = msgs[i].req_id;
        k++;
    }
    if (k > 0) {
        int rc = ensure_event(p, &err);
        if (rc == 0)
            eval_store_submit_batch(p->store, p->event_id, answers, sids, k, results, &err);
        for (i = 0; i < k; i++) {
            int ok = rc == 0 && results[i] == 0;
            /* acknowledged only after the commit; otherwise the phone retries with its sid */
            net_reply(p->net, req[i], ok ? 200 : 503, ok ? "{\"ok\":true}" : "{\"error\":\"not_saved\"}");
            if (ok && !dup[i])
                saved++;
            eval_answers_free(owned[i]);
        }
        if (rc < 0)
            log_warn("evaluation: %s", err.msg);
    }
    for (i = 0; i < saved; i++)
        transcript_line(p, "eval answer saved");
    if (n > 0)
        refresh_eval_status(p);
}

static void drain_net(Play *p)
{
    NetMsg m;
    NetMsg *evals = NULL;
    int n_evals = 0;
    if (!p->net)
        return;
    memset(&m, 0, sizeof m);
    while (net_next_msg(p->net, &m)) {
        switch (m.kind) {
        case NET_MSG_VOTE:
            if (show_phone_vote(p->show, m.poll_id, m.token, m.option) == 0)
                p->dirty = 1;
            net_msg_clear(&m);
            break;
        case NET_MSG_IDEA:
            if (show_phone_idea(p->show, m.text) == 0)
                p->dirty = 1;
            net_msg_clear(&m);
            break;
        case NET_MSG_EVAL:
            /* the batch buffer (some 300 KB) only when evaluations arrive, not per vote */
            if (!evals)
                evals = calloc(PLAY_MAX_BATCH, sizeof *evals);
            if (evals && n_evals < PLAY_MAX_BATCH) {
                evals[n_evals++] = m; /* takes the body */
                memset(&m, 0, sizeof m);
                if (n_evals == PLAY_MAX_BATCH) {
                    int i = 0;
                    submit_eval_batch(p, evals, n_evals);
                    for (i = 0; i < n_evals; i++)
                        net_msg_clear(&evals[i]);
                    n_evals = 0;
                }
            } else {
                net_reply(p->net, m.req_id, 503, "{\"error\":\"busy\"}");
                net_msg_clear(&m);
            }
            break;
        default: net_msg_clear(&m); break;
        }
    }
    if (n_evals > 0) {
        int i = 0;
        submit_eval_batch(p, evals, n_evals);
        for (i = 0; i < n_evals; i++)
            net_msg_clear(&evals[i]);
    }
    free(evals);
    show_set_phones_joined(p->show, net_joined(p->net));
    p->dirty = 1;
    publish_state(p);
}

static void net_wake(void *ud)
{
    Play *p = ud;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = p->ev_wake;
    push_event(p, &ev);
}

static void phones_setup(Play *p)
{
    NetConfig nc;
    Err err;
    char url[NET_MAX_URL];
    const char *lang = p->sc ? p->sc->langs[pick_lang(p)] : "da";
    memset(&nc, 0, sizeof nc);
    err_clear(&err);
    nc.port = p->o.port;
    nc.wake = net_wake;
    nc.wake_ud = p;
    p->net = net_start(&nc, &err);
    if (!p->net) {
        log_warn("phones are off: %s", err.msg);
        p->join_problem = core_strdup(err.msg);
        show_set_join(p->show, NULL, NULL, err.msg);
        return;
    }
    if (net_lan_url(p->net, url, sizeof url, &err) != 0)
        p->join_problem = core_strdup(net_no_lan_message(lang));
    else if (compat_firewall_blocks(net_port(p->net)))
        p->join_problem = core_strdup(net_firewall_message(lang));
    else
        p->join_url = core_strdup(url);
    p->join_code = core_strdup(net_room_code(p->net));
    show_set_join(p->show, p->join_url, p->join_code, p->join_problem);
    {
        char line[128];
        snprintf(line, sizeof line, "phones port %d room %s", net_port(p->net), net_room_code(p->net));
        transcript_line(p, line);
    }
    publish_state(p);
}

/* Opens the store (refusing to play on a store that cannot be trusted, so
 * the problem shows before the event) and loads the questionnaire. */
static int eval_setup(Play *p, Err *err)
{
    char path[1200];
    Err qerr;
    FILE *f = NULL;
    p->store = eval_store_open(p->o.db, err);
    if (!p->store)
        return err->code ? err->code : ERR_IO;
    if (!p->lua)
        return 0;
    snprintf(path, sizeof path, "%s/questionnaire.lua", p->o.dir);
    f = fopen(path, "r");
    if (f)
        fclose(f);
    else
        snprintf(path, sizeof path, "%s/scenes/questionnaire.lua", app_data_dir());
    err_clear(&qerr);
    p->q = lua_eval_load(p->lua, path, &qerr);
    if (!p->q) {
        log_warn("no evaluation: %s", qerr.msg);
        return 0;
    }
    p->eval_json = build_eval_json(p->q);
    show_set_eval(p->show, p->q);
    return 0;
}


/* ---- authoring: reload ------------------------------------------------------ */

/* Modification times of the scenario's files (or its entry file when it
 * failed to load), to notice an author's save. */
static void watch_snapshot(Play *p, long long *out)
{
    struct stat st;
    char path[1200];
    int i = 0;
    memset(out, 0, sizeof p->mtimes);
    if (p->sc) {
        for (i = 0; i < p->sc->n_files && i < STORY_MAX_FILES; i++)
            if (stat(p->sc->files[i], &st) == 0)
                out[i] = compat_mtime_ns(&st);
    }
    snprintf(path, sizeof path, "%s/scenario.lua", p->o.dir);
    if (stat(path, &st) == 0)
        out[STORY_MAX_FILES] = compat_mtime_ns(&st);
}

/* Loads the scenario again (Ctrl+L, or --watch after a save).  A broken
 * scenario shows its path:line message on the error screen and the old one
 * keeps running underneath (Back returns to it); a good one replaces it and
 * continues at the same beat and step when the beat still exists. */
static void reload(Play *p)
{
    Err err;
    LuaHost *h2 = NULL;
    Scenario *sc2 = NULL;
    Show *s2 = NULL;
    char keep[STORY_MAX_ID + 1];
    int steps = 0, lang = 0;
    const char *bid = show_beat_id(p->show);
    err_clear(&err);
    keep[0] = '\0';
    if (bid)
        snprintf(keep, sizeof keep, "%s", bid);
    if (show_run(p->show))
        steps = story_steps_shown(show_run(p->show));
    h2 = lua_host_new(&err);
    if (h2)
        sc2 = lua_story_load(h2, p->o.dir, &err);
    if (sc2) {
        lang = p->sc ? scenario_lang_index(sc2, p->sc->langs[pick_lang(p)]) : pick_lang(p);
        s2 = show_new(sc2, lua_story_hooks(h2), lang < 0 ? 0 : lang, NULL, &err);
    }
    if (!s2) {
        char msg[ERR_MSG_MAX + 32];
        snprintf(msg, sizeof msg, "%s", err.msg[0] ? err.msg : "reload failed");
        if (p->sc)
            show_set_error(p->show, msg); /* the old scenario stays underneath */
        transcript_line(p, "reload failed");
        fprintf(stderr, "%s\n", msg);
        if (sc2)
            lua_story_release(h2, sc2);
        scenario_free(sc2);
        lua_host_free(h2);
        watch_snapshot(p, p->mtimes); /* try again at the next save, not every second */
        p->dirty = 1;
        return;
    }
    show_set_transcript(s2, transcript_line, p);
    show_set_poll_seq(s2, show_poll_seq(p->show));
    show_set_join(s2, p->join_url, p->join_code, p->join_problem);
    show_set_eval(s2, p->q);
    show_set_eval_opened(s2, show_eval_open(p->show)); /* phones keep their questionnaire */
    show_free(p->show);
    if (p->sc)
        lua_story_release(p->lua, p->sc);
    scenario_free(p->sc);
    lua_host_free(p->lua);
    p->show = s2;
    p->sc = sc2;
    p->lua = h2;
    transcript_line(p, "reload ok");
    p->watch_waiting = 0;
    if (keep[0] && show_resume_at(p->show, keep, steps) < 0)
        transcript_line(p, "reload: the beat is gone, back to the start");
    refresh_eval_status(p);
    watch_snapshot(p, p->mtimes);
    p->dirty = 1;
    after_change(p);
}

/* ---- the loop ------------------------------------------------------------ */

static void handle_event(Play *p, const SDL_Event *ev)
{
    if (ev->type == SDL_KEYDOWN) {
        int arg = 0;
        ShowAction a = show_in_kiosk(p->show)
                           ? input_map_key_kiosk(ev->key.keysym.scancode, ev->key.keysym.mod,
                                                 show_wants_text(p->show), &arg)
                           : input_map_key(ev->key.keysym.scancode, ev->key.keysym.mod, &arg);
        if (ev->key.repeat && a != SHOW_ACT_UP && a != SHOW_ACT_DOWN)
            return; /* a held remote button must not race through the scene */
        apply(p, a, arg);
    } else if (ev->type == SDL_TEXTINPUT) {
        if (show_wants_text(p->show) && show_text(p->show, ev->text.text)) {
            p->dirty = 1;
            after_change(p);
        }
    } else if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_LEFT &&
               !(p->pwin && ev->button.windowID == SDL_GetWindowID(p->pwin))) {
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
    } else if (ev->type == SDL_WINDOWEVENT && p->pwin && ev->window.windowID == SDL_GetWindowID(p->pwin)) {
        /* the presenter window: resize; its close button does nothing (the show goes on) */
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            follow_size(p->pren, p->pgfx, &p->pw, &p->ph);
        p->dirty = 1;
    } else if (ev->type == SDL_WINDOWEVENT) {
        if (ev->window.event == SDL_WINDOWEVENT_CLOSE && p->pwin) {
            apply(p, SHOW_ACT_QUIT, 0); /* with two windows SDL sends no SDL_QUIT: ask first */
        } else if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            follow_size(p->ren, p->gfx, &p->w, &p->h);
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
    } else if (ev->type == p->ev_wake) {
        drain_net(p);
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
        unsigned long now = (unsigned long)SDL_GetTicks64();
        long t = show_next_timer(p->show, now);
        int got = 0;
        if (p->net) {
            long r = (long)(p->next_net_refresh - now);
            if (now >= p->next_net_refresh) {
                int before = 0;
                ShowView v;
                show_view(p->show, &v);
                before = v.phones_joined;
                show_set_phones_joined(p->show, net_joined(p->net));
                show_view(p->show, &v);
                if (v.phones_joined != before)
                    p->dirty = 1;
                p->next_net_refresh = now + PLAY_NET_REFRESH_MS;
                r = PLAY_NET_REFRESH_MS;
            }
            if (t < 0 || r < t)
                t = r;
        }
        if (p->pgfx) {
            /* the presenter clock: one redraw a second */
            long next = (long)(1000 - (long)((now - p->t0) % 1000));
            if (clock_s(p) != p->shown_clock)
                p->pdirty = 1;
            if (t < 0 || next < t)
                t = next;
        }
        if (p->o.watch) {
            if (now >= p->next_watch) {
                long long m[STORY_MAX_FILES + 1];
                watch_snapshot(p, m);
                if (memcmp(m, p->mtimes, sizeof m) != 0) {
                    /* never under an open vote, the evaluation or the kiosk: a
                     * reload there would drop what the room is doing; Ctrl+L can */
                    if (!show_reload_busy(p->show))
                        reload(p);
                    else if (!p->watch_waiting) {
                        p->watch_waiting = 1;
                        transcript_line(p, "reload waits: a vote or the evaluation is open");
                    }
                }
                p->next_watch = now + 1000;
            }
            if (t < 0 || (long)(p->next_watch - now) < t)
                t = (long)(p->next_watch - now);
        }
        if (p->count_stale) {
            if (now >= p->next_count)
                refresh_eval_status(p);
            else if (t < 0 || (long)(p->next_count - now) < t)
                t = (long)(p->next_count - now);
        }
        if (p->store && eval_store_pending(p->store) > 0) {
            if (now >= p->next_retry) {
                Err err;
                err_clear(&err);
                if (eval_store_retry_pending(p->store, &err) < 0)
                    log_warn("evaluation: %s", err.msg);
                refresh_eval_status(p);
                p->next_retry = now + PLAY_RETRY_MS;
            }
            if (t < 0 || (long)(p->next_retry - now) < t)
                t = (long)(p->next_retry - now);
        }
        if (p->dirty || p->pdirty)
            draw(p);
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
            handle_event(p, &ev);
            while (!p->done && SDL_PollEvent(&ev))
                handle_event(p, &ev);
        }
        if (show_tick(p->show, (unsigned long)SDL_GetTicks64())) {
            p->dirty = 1;
            publish_state(p);
        }
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
    if (p.o.headless)
        p.wake_sem = SDL_CreateSemaphore(0);
    if (p.sc)
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
    p.dirty = 1;
    draw(&p);
    if (eval_setup(&p, &err) < 0) {
        fprintf(stderr, "spectactor: the evaluation store cannot be used: %s\n", err.msg);
        fprintf(stderr, "spectactor: choose another file with --db FILE\n");
        cleanup(&p);
        return 1;
    }
    if (!p.o.no_phones)
        phones_setup(&p);
    if (p.o.watch)
        watch_snapshot(&p, p.mtimes);
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
    cleanup(&p);
    return rc;
}
