/* png_check.c - asserts properties of a screenshot written by
 * `spectactor play --headless --screenshot`:
 *
 *   png_check FILE.png W H [--blank] [--text-region X0 Y0 X1 Y1]
 *             [--colour-box X Y BW BH] [--grey-box X Y BW BH]
 *             [--contrast X Y W H MIN]...
 *
 * Without --blank: the image must be W x H, not blank (at least 16 distinct
 * colours and 1 % of pixels far from the background), and, with
 * --text-region (fractions 0..1 of the frame), that region must hold
 * bright text-like pixels (luminance > 180) on the dark background.
 * --colour-box (pixels): at least 10 % of the box's pixels are strongly
 * coloured (one channel 90 above another: a colour emoji, not grey text);
 * --grey-box: none is.
 * With --contrast (a box in pixels, e.g. a line of text from --frame-text):
 * the WCAG contrast ratio between the box's lightest and darkest pixel (the
 * text and what it is drawn on) must be at least MIN.
 * With --blank: every pixel must be black.  Exit 0 on success, 1 with a
 * message on failure, 2 on usage errors. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BOXES 64

/* WCAG relative luminance of an sRGB channel triple. */
static double rel_lum(Uint8 r, Uint8 g, Uint8 b)
{
    double c[3];
    int i = 0;
    c[0] = r / 255.0;
    c[1] = g / 255.0;
    c[2] = b / 255.0;
    for (i = 0; i < 3; i++)
        c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : pow((c[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static int lum(Uint8 r, Uint8 g, Uint8 b)
{
    return (r * 299 + g * 587 + b * 114) / 1000;
}

/* Strongly coloured pixels (max - min channel >= 90) in box x, y, w, h. */
static long coloured(const SDL_Surface *s, const int *box)
{
    long n = 0;
    int x = 0, y = 0;
    for (y = box[1] < 0 ? 0 : box[1]; y < box[1] + box[3] && y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (x = box[0] < 0 ? 0 : box[0]; x < box[0] + box[2] && x < s->w; x++) {
            int r = (row[x] >> 16) & 255, g = (row[x] >> 8) & 255, b = row[x] & 255;
            int mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
            int mn = r < g ? (r < b ? r : b) : (g < b ? g : b);
            if (mx - mn >= 90)
                n++;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    SDL_Surface *img = NULL, *s = NULL;
    int w = 0, h = 0, blank = 0, i = 0, x = 0, y = 0, rc = 0;
    double reg[4] = {0, 0, 1, 1};
    int have_region = 0, nbox = 0;
    int cbox[4] = {0, 0, 0, 0}, gbox[4] = {0, 0, 0, 0}, have_cbox = 0, have_gbox = 0;
    int box[MAX_BOXES][4];
    double box_min[MAX_BOXES];
    long far = 0, bright = 0, region_px = 0;
    Uint32 bg = 0;
    unsigned char *seen = NULL;
    int distinct = 0;
    if (argc < 4)
        return fprintf(stderr, "usage: png_check FILE W H [--blank] [--text-region x0 y0 x1 y1]"
                               " [--colour-box x y w h] [--grey-box x y w h]\n"), 2;
    w = atoi(argv[2]);
    h = atoi(argv[3]);
    for (i = 4; i < argc; i++) {
        if (strcmp(argv[i], "--blank") == 0)
            blank = 1;
        else if (strcmp(argv[i], "--text-region") == 0 && i + 4 < argc) {
            for (x = 0; x < 4; x++)
                reg[x] = atof(argv[i + 1 + x]);
            have_region = 1;
            i += 4;
        } else if ((strcmp(argv[i], "--colour-box") == 0 || strcmp(argv[i], "--grey-box") == 0) &&
                   i + 4 < argc) {
            int *b = argv[i][2] == 'c' ? cbox : gbox;
            for (x = 0; x < 4; x++)
                b[x] = atoi(argv[i + 1 + x]);
            *(argv[i][2] == 'c' ? &have_cbox : &have_gbox) = 1;
            i += 4;
        } else if (strcmp(argv[i], "--contrast") == 0 && i + 5 < argc && nbox < MAX_BOXES) {
            for (x = 0; x < 4; x++)
                box[nbox][x] = atoi(argv[i + 1 + x]);
            box_min[nbox++] = atof(argv[i + 5]);
            i += 5;
        } else
            return fprintf(stderr, "png_check: bad argument %s\n", argv[i]), 2;
    }
    img = IMG_Load(argv[1]);
    if (!img)
        return fprintf(stderr, "png_check: cannot load %s: %s\n", argv[1], IMG_GetError()), 1;
    if (img->w != w || img->h != h) {
        fprintf(stderr, "png_check: %s is %dx%d, expected %dx%d\n", argv[1], img->w, img->h, w, h);
        SDL_FreeSurface(img);
        return 1;
    }
    s = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(img);
    if (!s)
        return fprintf(stderr, "png_check: convert: %s\n", SDL_GetError()), 1;
    seen = calloc(1 << 15, 1); /* 15-bit colour histogram */
    bg = ((Uint32 *)s->pixels)[0];
    for (y = 0; y < h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (x = 0; x < w; x++) {
            Uint32 p = row[x];
            Uint8 r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
            unsigned key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
            if (blank && (r | g | b)) {
                fprintf(stderr, "png_check: pixel %d,%d is not black\n", x, y);
                rc = 1;
                goto out;
            }
            if (seen && !seen[key]) {
                seen[key] = 1;
                distinct++;
            }
            if (abs(lum(r, g, b) - lum((bg >> 16) & 255, (bg >> 8) & 255, bg & 255)) > 60)
                far++;
            if (have_region && x >= reg[0] * w && x < reg[2] * w && y >= reg[1] * h && y < reg[3] * h) {
                region_px++;
                if (lum(r, g, b) > 180)
                    bright++;
            }
        }
    }
    if (!blank) {
        if (distinct < 16) {
            fprintf(stderr, "png_check: only %d distinct colours: blank frame?\n", distinct);
            rc = 1;
        } else if (far * 100 < (long)w * h) {
            fprintf(stderr, "png_check: only %ld pixels differ from the background\n", far);
            rc = 1;
        } else if (have_region && bright * 1000 < region_px) {
            fprintf(stderr, "png_check: no text in the region (%ld bright of %ld)\n", bright, region_px);
            rc = 1;
        } else if (have_cbox && coloured(s, cbox) * 10 < (long)cbox[2] * cbox[3]) {
            fprintf(stderr, "png_check: too few coloured pixels in %dx%d+%d+%d (%ld)\n", cbox[2], cbox[3],
                    cbox[0], cbox[1], coloured(s, cbox));
            rc = 1;
        } else if (have_gbox && coloured(s, gbox) > 0) {
            fprintf(stderr, "png_check: %ld coloured pixels in %dx%d+%d+%d\n", coloured(s, gbox), gbox[2],
                    gbox[3], gbox[0], gbox[1]);
            rc = 1;
        }
    }
    for (i = 0; i < nbox && rc == 0; i++) {
        double lo = 2, hi = -1, ratio = 0;
        for (y = box[i][1]; y < box[i][1] + box[i][3] && y < h; y++)
            for (x = box[i][0]; x < box[i][0] + box[i][2] && x < w; x++) {
                Uint32 p = 0;
                double l = 0;
                if (x < 0 || y < 0)
                    continue;
                p = ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
                l = rel_lum((p >> 16) & 255, (p >> 8) & 255, p & 255);
                lo = l < lo ? l : lo;
                hi = l > hi ? l : hi;
            }
        ratio = hi < 0 ? 0 : (hi + 0.05) / (lo + 0.05);
        if (ratio < box_min[i]) {
            fprintf(stderr, "png_check: contrast %.2f:1 in %d,%d %dx%d, below %.2f:1\n", ratio,
                    box[i][0], box[i][1], box[i][2], box[i][3], box_min[i]);
            rc = 1;
        }
    }
out:
    if (rc == 0)
        printf("png_check: %s ok (%dx%d, %d colours)\n", argv[1], w, h, distinct);
    free(seen);
    SDL_FreeSurface(s);
    return rc;
}
