/* frame_pixels.h - reading back a rendered frame in the render tests: the
 * pixel at (x, y), the distinct colours of a frame, and how many pixels
 * near a colour lie in a region.  The frame is an ARGB8888 SDL_Surface
 * drawn by the software renderer. */
#ifndef TESTS_UNIT_FRAME_PIXELS_H
#define TESTS_UNIT_FRAME_PIXELS_H

#include <SDL.h>
#include <stdint.h>
#include <stdlib.h>

/* The pixel at (x, y) as 0xRRGGBB. */
static inline uint32_t frame_px(const SDL_Surface *s, int x, int y)
{
    const uint32_t *row =
        (const uint32_t *)((const unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch);
    return row[x] & 0xFFFFFFu;
}

/* 1 if p is within tol of hex in every channel. */
static inline int frame_near(uint32_t p, uint32_t hex, int tol)
{
    int dr = (int)(p >> 16 & 255) - (int)(hex >> 16 & 255);
    int dg = (int)(p >> 8 & 255) - (int)(hex >> 8 & 255);
    int db = (int)(p & 255) - (int)(hex & 255);
    return abs(dr) <= tol && abs(dg) <= tol && abs(db) <= tol;
}

/* Distinct colours in a sample (every third pixel) of the frame, up to 4096. */
static inline int frame_distinct_colors(const SDL_Surface *s)
{
    static uint32_t seen[4096];
    int n = 0, x = 0, y = 0, i = 0;
    for (y = 0; y < s->h; y += 3) {
        for (x = 0; x < s->w; x += 3) {
            uint32_t p = frame_px(s, x, y);
            for (i = 0; i < n && seen[i] != p; i++) {
            }
            if (i == n && n < 4096)
                seen[n++] = p;
        }
    }
    return n;
}

/* Pixels within tol of hex in the rect given in fractions of the frame. */
static inline int frame_count_color(const SDL_Surface *s, uint32_t hex, int tol, double fx, double fy,
                                    double fw, double fh)
{
    int x0 = (int)(fx * s->w), y0 = (int)(fy * s->h);
    int x1 = (int)((fx + fw) * s->w), y1 = (int)((fy + fh) * s->h), x = 0, y = 0, n = 0;
    for (y = y0; y < y1 && y < s->h; y++)
        for (x = x0; x < x1 && x < s->w; x++)
            n += frame_near(frame_px(s, x, y), hex, tol);
    return n;
}

#endif
