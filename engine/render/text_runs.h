/* text_runs.h - per-glyph font fallback for one line of text (SDL_ttf),
 * internal to render/.
 *
 * The main font (DejaVu) lacks most emoji.  A line is split into runs: code
 * points the main font draws, and emoji drawn with an emoji font (Noto Color
 * Emoji from fonts-noto-color-emoji, else Symbola).  A code point goes to the
 * emoji font when the main font lacks it, when U+FE0F asks for the emoji
 * look, for U+1F000 and up, and inside an emoji sequence (ZWJ, skin tones,
 * tags, keycaps: HarfBuzz turns the sequence into one glyph; a skin tone the
 * font cannot join is left out).  Variation selectors, ZWJ and modifiers
 * outside a sequence, and code points no font has, are left out: never
 * drawn as boxes.  The emoji font is used at one
 * reference size and its pixels scaled to the style's size, since a colour
 * bitmap font has one fixed strike.  Measuring and drawing split the same
 * way, so wrapped lines are as wide as drawn.
 */
#ifndef RENDER_TEXT_RUNS_H
#define RENDER_TEXT_RUNS_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stddef.h>

typedef struct TextRuns TextRuns;

/* Opens the emoji font: $SPECTACTOR_EMOJI_FONT when set (a file; a path
 * that does not open means none), else NotoColorEmoji.ttf in font_dir (may
 * be NULL), the bundled fonts or the system's, then Symbola_hint.ttf in the
 * same places.  A font whose emoji glyphs do not render (a FreeType without
 * PNG for a colour font) is skipped.  Without one, emoji are left out and
 * one warning is logged when the first is met.  Returns NULL when out of
 * memory only.  Needs SDL_ttf initialised. */
TextRuns *text_runs_new(const char *font_dir);

/* Closes the emoji font and frees tf; NULL is fine. */
void text_runs_free(TextRuns *tf);

/* 1 when s[0..n) needs splitting (it has emoji or code points left out),
 * 0 when main draws it whole as it is. */
int text_runs_needed(TextRuns *tf, TTF_Font *main, const char *s, size_t n);

/* Width in pixels of s[0..n) split into runs, main at px pixels per em. */
int text_runs_measure(TextRuns *tf, TTF_Font *main, int px, const char *s, size_t n);

/* A 32-bit ARGB surface of s[0..n) split into runs, as wide as
 * text_runs_measure says and as tall as main's height, in colour c (colour
 * emoji keep their colours, c's alpha applies).  NULL on failure. */
SDL_Surface *text_runs_render(TextRuns *tf, TTF_Font *main, int px, const char *s, size_t n,
                              SDL_Color c);

#endif
