/* ref_sdl.c - the reference program for tools/bench.
 *
 * The smallest honest SDL2 + SDL_ttf program doing what a headless
 * `spectactor play` does for its first frame: it sets the same hints, starts
 * the same SDL subsystems, opens assets/fonts/DejaVuSans.ttf, makes a
 * 1920x1080 ARGB8888 surface with the software renderer, clears it, draws one
 * line of text, presents, and (with --screenshot) writes the frame as PNG the
 * way the engine does (read back, IMG_SavePNG).  Then it exits.  With
 * --frames N it draws the frame N times in all (clear, the cached line of
 * text, present): the warm redraw that the busiest beat's frames are set
 * against.
 *
 * Usage: ref_sdl FONT [--size WxH] [--frames N] [--screenshot FILE.png]
 * Built by tools/bench with cc and pkg-config; not part of the engine.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <string.h>

static int save_png(SDL_Renderer *r, int w, int h, const char *path)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    int rc = 0;
    if (!s)
        return -1;
    if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0 ||
        IMG_SavePNG(s, path) != 0)
        rc = -1;
    SDL_FreeSurface(s);
    return rc;
}

int main(int argc, char **argv)
{
    const char *font_path = NULL;
    const char *shot = NULL;
    int w = 1920, h = 1080;
    int i = 0, rc = 1, frames = 1;
    SDL_Surface *frame = NULL, *text = NULL;
    SDL_Renderer *ren = NULL;
    SDL_Texture *tex = NULL;
    TTF_Font *font = NULL;
    SDL_Color fg = {240, 240, 240, 255};
    SDL_Rect dst = {0, 0, 0, 0};

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--screenshot") == 0 && i + 1 < argc)
            shot = argv[++i];
        else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
            if (sscanf(argv[++i], "%dx%d", &w, &h) != 2 || w < 1 || h < 1) {
                fprintf(stderr, "ref_sdl: --size wants WxH\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
            if (sscanf(argv[++i], "%d", &frames) != 1 || frames < 1) {
                fprintf(stderr, "ref_sdl: --frames wants a number from 1\n");
                return 2;
            }
        } else if (!font_path)
            font_path = argv[i];
        else {
            fprintf(stderr, "usage: ref_sdl FONT [--size WxH] [--frames N] [--screenshot FILE.png]\n");
            return 2;
        }
    }
    if (!font_path) {
        fprintf(stderr, "usage: ref_sdl FONT [--size WxH] [--frames N] [--screenshot FILE.png]\n");
        return 2;
    }

    SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    if (SDL_Init(SDL_INIT_EVENTS | SDL_INIT_TIMER) < 0) {
        fprintf(stderr, "ref_sdl: SDL: %s\n", SDL_GetError());
        return 1;
    }
    if (TTF_Init() < 0) {
        fprintf(stderr, "ref_sdl: TTF: %s\n", TTF_GetError());
        goto out;
    }
    font = TTF_OpenFont(font_path, h / 20);
    if (!font) {
        fprintf(stderr, "ref_sdl: %s\n", TTF_GetError());
        goto out;
    }
    frame = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    ren = frame ? SDL_CreateSoftwareRenderer(frame) : NULL;
    if (!ren) {
        fprintf(stderr, "ref_sdl: %s\n", SDL_GetError());
        goto out;
    }
    SDL_SetRenderDrawColor(ren, 16, 18, 24, 255);
    SDL_RenderClear(ren);
    text = TTF_RenderUTF8_Blended(font, "Spectactor — første billede / first frame", fg);
    tex = text ? SDL_CreateTextureFromSurface(ren, text) : NULL;
    if (!tex) {
        fprintf(stderr, "ref_sdl: %s\n", SDL_GetError());
        goto out;
    }
    dst.w = text->w;
    dst.h = text->h;
    dst.x = (w - dst.w) / 2;
    dst.y = (h - dst.h) / 2;
    SDL_RenderCopy(ren, tex, NULL, &dst);
    SDL_RenderPresent(ren);
    for (i = 1; i < frames; i++) {
        SDL_RenderClear(ren);
        SDL_RenderCopy(ren, tex, NULL, &dst);
        SDL_RenderPresent(ren);
    }
    if (shot && save_png(ren, w, h, shot) < 0) {
        fprintf(stderr, "ref_sdl: cannot write %s: %s\n", shot, SDL_GetError());
        goto out;
    }
    rc = 0;
out:
    if (tex)
        SDL_DestroyTexture(tex);
    if (text)
        SDL_FreeSurface(text);
    if (ren)
        SDL_DestroyRenderer(ren);
    if (frame)
        SDL_FreeSurface(frame);
    if (font)
        TTF_CloseFont(font);
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
    return rc;
}
