/* theme.h - colours and sizes of the projector look (pure C, header only).
 *
 * Designed for a 1920x1080 frame seen from the back of a classroom: a
 * near-black background, off-white text, one strong accent, and text sizes
 * in design pixels that the renderer multiplies by theme_scale(w, h) =
 * min(w/1920, h/1080).  Safe margins are 5 % of each side.
 */
#ifndef RENDER_THEME_H
#define RENDER_THEME_H

#define THEME_DESIGN_W 1920
#define THEME_DESIGN_H 1080

typedef struct ThemeColor {
    unsigned char r, g, b, a;
} ThemeColor;

#define THEME_RGB(hex) \
    ((ThemeColor){(unsigned char)(((hex) >> 16) & 0xFF), (unsigned char)(((hex) >> 8) & 0xFF), \
                  (unsigned char)((hex)&0xFF), 255})
#define THEME_RGBA(hex, alpha) \
    ((ThemeColor){(unsigned char)(((hex) >> 16) & 0xFF), (unsigned char)(((hex) >> 8) & 0xFF), \
                  (unsigned char)((hex)&0xFF), (unsigned char)(alpha)})

/* Palette (hex so tests can look for exact pixel values).  Every text
 * colour keeps a WCAG contrast of at least 4.5:1 on the backgrounds it is
 * drawn on (tests/unit/test_render.c computes them): FAINT too, since the
 * room must read hints and greyed options from the back row. */
#define THEME_BG 0x101014        /* background */
#define THEME_TEXT 0xF4F1EA      /* main text */
#define THEME_DIM 0xA9A9B4       /* secondary text, older lines */
#define THEME_FAINT 0x8E8E9A     /* disabled options, hints */
#define THEME_ACCENT 0xFFC23D    /* highlight, numbers, winner */
#define THEME_ACCENT_TEXT 0x101014 /* text on the accent colour */
#define THEME_PANEL 0x1F1F27     /* cards, rows */
#define THEME_PANEL_HI 0x2C2C38  /* selected row, bubbles */
#define THEME_LINE 0x3A3A48      /* thin separators, bar tracks */
#define THEME_OK 0x34C76F        /* signal: OK */
#define THEME_WARNING 0xFFA630   /* signal: warning sign */
#define THEME_STALKING 0xF0454B  /* signal: stalking */
#define THEME_ERROR 0xFF5A5F     /* error titles */
#define THEME_PHONE 0x34343F     /* phone bezel */
#define THEME_PHONE_SCREEN 0x08080B
#define THEME_BUBBLE_IN 0x2E2F3B /* chat bubble from someone else */
#define THEME_BUBBLE_OUT 0x2860CC /* chat bubble sent by the phone's owner */
#define THEME_HANDS 0xFFC23D     /* bar part for hands */
#define THEME_PHONES 0x5AA9FF    /* bar part for phones */
#define THEME_QR_DARK 0x000000
#define THEME_QR_LIGHT 0xFFFFFF

/* Text styles; each one is a font (file + weight) at a design size. */
typedef enum {
    THEME_TEXT_SMALL,     /* hints, key help: 30 */
    THEME_TEXT_CAPTION,   /* place/time, labels: 36 */
    THEME_TEXT_BODY,      /* dialog lines, options: 44 */
    THEME_TEXT_BODY_BOLD, /* speaker names, highlighted rows: 44 bold */
    THEME_TEXT_ITALIC,    /* narration, reasons: 40 oblique */
    THEME_TEXT_HEADING,   /* prompts, overlay titles: 58 bold */
    THEME_TEXT_TITLE,     /* scenario title: 84 bold */
    THEME_TEXT_HUGE,      /* countdown, phone numbers: 180 bold */
    THEME_TEXT_SMALL_BOLD, /* bubble sender names, labels: 30 bold */
    THEME_TEXT_COUNT
} ThemeText;

typedef enum { THEME_FONT_REGULAR, THEME_FONT_BOLD, THEME_FONT_ITALIC } ThemeFont;

/* Design size in pixels of a style at 1920x1080. */
static inline int theme_text_px(ThemeText t)
{
    switch (t) {
    case THEME_TEXT_SMALL: return 30;
    case THEME_TEXT_SMALL_BOLD: return 30;
    case THEME_TEXT_CAPTION: return 36;
    case THEME_TEXT_BODY: return 44;
    case THEME_TEXT_BODY_BOLD: return 44;
    case THEME_TEXT_ITALIC: return 42;
    case THEME_TEXT_HEADING: return 58;
    case THEME_TEXT_TITLE: return 84;
    case THEME_TEXT_HUGE: return 180;
    default: return 44;
    }
}

static inline ThemeFont theme_text_font(ThemeText t)
{
    switch (t) {
    case THEME_TEXT_BODY_BOLD:
    case THEME_TEXT_SMALL_BOLD:
    case THEME_TEXT_HEADING:
    case THEME_TEXT_TITLE:
    case THEME_TEXT_HUGE: return THEME_FONT_BOLD;
    case THEME_TEXT_ITALIC: return THEME_FONT_ITALIC;
    default: return THEME_FONT_REGULAR;
    }
}

/* Scale of a w x h frame relative to the 1920x1080 design. */
static inline float theme_scale(int w, int h)
{
    float sx = (float)w / (float)THEME_DESIGN_W;
    float sy = (float)h / (float)THEME_DESIGN_H;
    return sx < sy ? sx : sy;
}

/* Line spacing as a factor of the font's own line skip, in percent. */
#define THEME_LINE_SPACING 104

/* Safe margin: 5 % of the frame's width or height. */
static inline int theme_margin_x(int w) { return w * 5 / 100; }
static inline int theme_margin_y(int h) { return h * 5 / 100; }

/* Design-pixel paddings and radii (multiply by the scale). */
#define THEME_PAD 24
#define THEME_GAP 18
#define THEME_RADIUS 18

/* The next smaller style of the same weight, or -1 at the smallest: views
 * step down it until a text fits its box. */
static inline int theme_text_smaller(ThemeText s)
{
    switch (s) {
    case THEME_TEXT_HUGE: return THEME_TEXT_TITLE;
    case THEME_TEXT_TITLE: return THEME_TEXT_HEADING;
    case THEME_TEXT_HEADING: return THEME_TEXT_BODY_BOLD;
    case THEME_TEXT_BODY_BOLD: return THEME_TEXT_SMALL_BOLD;
    case THEME_TEXT_BODY: return THEME_TEXT_CAPTION;
    case THEME_TEXT_ITALIC: return THEME_TEXT_CAPTION;
    case THEME_TEXT_CAPTION: return THEME_TEXT_SMALL;
    default: return -1;
    }
}

#endif
