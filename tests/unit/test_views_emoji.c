/* test_views_emoji.c - pupils' ideas with emoji on the projector (views,
 * render): the bundled scenario is played headless, two ideas with emoji
 * arrive from phones, the facilitator shows the queue to the room, and the
 * frame drawn is read back: every idea is drawn, measured as drawn, and its
 * emoji in colour (Noto Color Emoji from fonts-noto-color-emoji), not as a
 * box.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "unit/frame_pixels.h"
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lua_story.h"
#include "render/render_sdl.h"
#include "show/show.h"
#include "story/story.h"
#include "views/views.h"

#ifndef TEST_OUT_DIR
#define TEST_OUT_DIR "."
#endif

#define PW 1280
#define PH 720

/* Two ideas; the second is drawn unselected (no accent row behind it). */
static const char *IDEA_A = "Sig det til en voksen \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";
static const char *IDEA_B = "Bloker ham og gem beskederne \xF0\x9F\x94\xB4\xE2\x9D\xA4\xEF\xB8\x8F";

typedef struct Fx {
    LuaHost *host;
    Scenario *sc;
} Fx;

typedef struct Logged {
    int n;
    GfxRect box[128];
    ThemeText style[128];
    char text[128][200];
} Logged;

static void on_text(void *ud, const GfxTextDrawn *t)
{
    Logged *l = ud;
    if (l->n < 128) {
        size_t n = t->n < 199 ? t->n : 199;
        l->box[l->n] = t->box;
        l->style[l->n] = t->style;
        memcpy(l->text[l->n], t->s, n);
        l->text[l->n][n] = '\0';
        l->n++;
    }
}

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
    lua_story_release(f->host, f->sc);
    scenario_free(f->sc);
    lua_host_free(f->host);
    free(f);
    SDL_Quit();
    return 0;
}

/* Strongly coloured pixels (one channel 90 above another) in box. */
static long coloured(const SDL_Surface *s, GfxRect b)
{
    long n = 0;
    int x = 0, y = 0;
    for (y = b.y < 0 ? 0 : b.y; y < b.y + b.h && y < s->h; y++) {
        for (x = b.x < 0 ? 0 : b.x; x < b.x + b.w && x < s->w; x++) {
            uint32_t p = frame_px(s, x, y);
            int r = (int)(p >> 16 & 255), g = (int)(p >> 8 & 255), bl = (int)(p & 255);
            int mx = r > g ? (r > bl ? r : bl) : (g > bl ? g : bl);
            int mn = r < g ? (r < bl ? r : bl) : (g < bl ? g : bl);
            if (mx - mn >= 90)
                n++;
        }
    }
    return n;
}

/* Index of the logged line holding needle, or -1. */
static int find(const Logged *l, const char *needle)
{
    int i = 0;
    for (i = 0; i < l->n; i++)
        if (strstr(l->text[i], needle))
            return i;
    return -1;
}

static void test_ideas_with_emoji_on_projector(void **state)
{
    Fx *f = *state;
    Err err;
    Show *s = NULL;
    ShowView v;
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, PW, PH, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    Gfx *g = NULL;
    Logged l;
    int a = -1, b = -1;
    err_clear(&err);
    assert_non_null(r);
    s = show_new(f->sc, lua_story_hooks(f->host), 0, NULL, &err);
    assert_non_null(s);
    show_action(s, SHOW_ACT_NEXT, 0);
    show_action(s, SHOW_ACT_NEXT, 0);
    assert_int_equal(show_phone_idea(s, IDEA_A), 0);
    assert_int_equal(show_phone_idea(s, IDEA_B), 0);
    /* no presenter window: I asks first, I again shows the texts to the room */
    show_action(s, SHOW_ACT_IDEAS, 0);
    show_action(s, SHOW_ACT_IDEAS, 0);
    g = gfx_new(r, PW, PH, NULL, &err);
    assert_non_null(g);
    memset(&l, 0, sizeof l);
    gfx_text_log_set(g, on_text, &l);
    show_view(s, &v);
    views_draw(g, &v);
    SDL_RenderPresent(r);
    assert_int_equal(gfx_save_png(r, PW, PH, TEST_OUT_DIR "/views_emoji_ideas.png", &err), 0);

    a = find(&l, "Sig det til en voksen");
    b = find(&l, "Bloker ham");
    assert_true(a >= 0);
    assert_true(b >= 0);
    /* the whole idea, emoji included, on one line each, measured as drawn */
    assert_string_equal(l.text[a], IDEA_A);
    assert_string_equal(l.text[b], IDEA_B);
    assert_int_equal(l.box[a].w, gfx_measure(g, IDEA_A, strlen(IDEA_A), l.style[a]));
    assert_int_equal(l.box[b].w, gfx_measure(g, IDEA_B, strlen(IDEA_B), l.style[b]));
    /* the red circle and the heart: coloured pixels at the end of the line */
    {
        GfxRect end = l.box[b];
        end.x = end.x + end.w - 3 * end.h;
        end.w = 3 * end.h;
        assert_true(coloured(surf, end) > end.h * end.h / 4);
        end = l.box[b];
        end.w -= 3 * end.h;
        assert_int_equal(coloured(surf, end), 0); /* the words are not */
    }
    gfx_text_log_set(g, NULL, NULL);
    gfx_free(g);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
    show_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ideas_with_emoji_on_projector),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
