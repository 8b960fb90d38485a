/* render_sdl.h - the SDL implementation of the drawing interface (gfx.h):
 * creating a Gfx on an SDL_Renderer, reaching that renderer, and saving a
 * frame as PNG.  The app and the tests include this; screens include gfx.h.
 */
#ifndef RENDER_RENDER_SDL_H
#define RENDER_RENDER_SDL_H

#include <SDL.h>

#include "render/gfx.h"

/* Creates the drawing layer for renderer r (borrowed; must outlive the Gfx)
 * of a w x h frame.  font_dir holds DejaVuSans.ttf and DejaVuSans-Bold.ttf
 * (and optionally DejaVuSans-Oblique.ttf; without it italics are
 * synthesised); NULL means the build's assets/fonts.  When those fonts do
 * not open, it logs a warning and falls back to the bundled DejaVu
 * (SPECTACTOR_FONT_DIR), then the system's (/usr/share/fonts/truetype/dejavu);
 * gfx_resize keeps using the directory that worked.  Initialises SDL_ttf if
 * needed.  Returns NULL with err set (ERR_NOTFOUND naming the path asked
 * for) when no font directory opens, ERR_NOMEM on OOM. */
Gfx *gfx_new(SDL_Renderer *r, int w, int h, const char *font_dir, Err *err);
/* A Gfx drawing into a w x h surface in memory with SDL's software
 * renderer and no display (measuring text, as `spectactor check` does; one
 * at a time).  gfx_free_offscreen() frees it and quits SDL.  NULL with err
 * set on failure. */
Gfx *gfx_new_offscreen(int w, int h, const char *font_dir, Err *err);
void gfx_free_offscreen(Gfx *g);

SDL_Renderer *gfx_renderer(const Gfx *g);

/* Test hook: the directories gfx_new falls back to, in order (at most 4;
 * the strings are borrowed until the next call).  NULL restores the
 * defaults (bundled, then system DejaVu); n = 0 allows no fallback. */
void gfx_font_fallbacks_set(const char *const *dirs, int n);

/* Reads the w x h pixels of renderer r and writes them as a PNG to path.
 * Returns 0, or ERR_IO / ERR_NOMEM with err set. */
int gfx_save_png(SDL_Renderer *r, int w, int h, const char *path, Err *err);

#endif
