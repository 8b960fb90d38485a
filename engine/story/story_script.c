/* story_script.c - the printable HTML manuscript (see story_script.h). */
#include "story/story_script.h"

#include <stdlib.h>
#include <string.h>

/* The manuscript's own words in the language it is printed in: Danish for
 * "da", English otherwise. */
static const char *L(const Scenario *sc, int lang, const char *da, const char *en)
{
    return lang >= 0 && lang < sc->n_langs && sc->langs[lang] && strcmp(sc->langs[lang], "da") == 0
               ? da
               : en;
}

static const char CSS[] =
    "@page { size: A4; margin: 16mm 14mm 16mm 18mm; }\n"
    "body { font-family: 'DejaVu Serif', Georgia, serif; font-size: 11pt; line-height: 1.4;"
    " max-width: 178mm; margin: 0 auto; color: #111; }\n"
    "h1 { font-size: 22pt; margin: 0 0 4mm; } h2 { font-size: 15pt; margin: 8mm 0 2mm; }\n"
    ".sub { font-size: 13pt; font-style: italic; }\n"
    ".box { border: 1px solid #888; padding: 3mm 4mm; margin: 3mm 0; }\n"
    ".scene { display: grid; grid-template-columns: 1fr 48mm; column-gap: 6mm;"
    " break-before: page; }\n"
    ".scene > * { grid-column: 1; } .scene > aside { grid-column: 2; grid-row: 1 / span 200;"
    " font-size: 9pt; color: #333; border-left: 2px solid #aaa; padding-left: 3mm; }\n"
    ".scene h2 { margin-top: 0; } .where { font-variant: small-caps; color: #444; margin: 0 0 3mm; "
    "}\n"
    ".line { margin: 1.5mm 0; } .who { font-weight: bold; text-transform: uppercase;"
    " letter-spacing: .05em; margin-right: 2mm; }\n"
    ".mine { background: #fff3b0; } .cue { color: #666; font-size: 10pt; }\n"
    ".sms { margin: 2mm 0 2mm 10mm; padding: 2mm 3mm; border: 1px solid #999;"
    " border-radius: 3mm; } .sms .time { color: #666; }\n"
    ".narr { font-style: italic; margin: 1.5mm 0; }\n"
    ".stop { border: 2px solid #000; padding: 2mm 3mm; margin: 3mm 0; break-inside: avoid; }\n"
    ".stop b { text-transform: uppercase; } .stop ol { margin: 1mm 0 0; }\n"
    ".cond { color: #555; font-size: 9.5pt; } .next { margin: 3mm 0; font-weight: bold; }\n"
    ".ending { border: 2px double #000; padding: 2mm 3mm; }\n"
    ".swatch { display: inline-block; width: 3mm; height: 3mm; margin-right: 2mm; }\n"
    "table { border-collapse: collapse; } td { padding: 1mm 3mm 1mm 0; vertical-align: top; }\n"
    ".help { break-before: page; }\n"
    "@media screen { .scene { border-top: 1px solid #ccc; padding-top: 4mm; margin-top: 8mm; } }\n";

static void esc(Buf *b, const char *s)
{
    const char *p = s ? s : "";
    for (; *p; p++) {
        switch (*p) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\n': buf_puts(b, "<br>"); break;
        default: buf_append(b, p, 1); break;
        }
    }
}

static void text(Buf *b, const StoryText *t, int lang)
{
    esc(b, story_text(t, lang));
}

static int has(const StoryText *t)
{
    int i = 0;
    for (i = 0; i < STORY_MAX_LANGS; i++)
        if (t->s[i] && t->s[i][0])
            return 1;
    return 0;
}

static const char *cast_name(const Scenario *sc, int c, int lang)
{
    if (c < 0 || c >= sc->n_cast)
        return "";
    return has(&sc->cast[c].name) ? story_text(&sc->cast[c].name, lang) : sc->cast[c].id;
}

static void beat_name(Buf *b, const Scenario *sc, int beat, int lang)
{
    const StoryBeat *bt = NULL;
    if (beat < 0 || beat >= sc->n_beats) {
        buf_puts(b, "?");
        return;
    }
    bt = &sc->beats[beat];
    buf_puts(b, "<a href=\"#b-");
    esc(b, bt->id);
    buf_puts(b, "\">");
    if (has(&bt->title))
        text(b, &bt->title, lang);
    else
        esc(b, bt->id);
    buf_puts(b, "</a>");
}

/* Reading order, depth first from the start (see story_script.h); on OOM
 * the declaration order. */
void story_script_order(const Scenario *sc, int *order)
{
    unsigned char *seen = calloc((size_t)sc->n_beats + 1, 1);
    int *stack = malloc(((size_t)sc->n_beats * (STORY_MAX_OPTIONS + 1) + 1) * sizeof *stack);
    int n = 0, top = 0, i = 0;
    if (!seen || !stack) { /* fall back to declaration order */
        for (i = 0; i < sc->n_beats; i++)
            order[i] = i;
        free(seen);
        free(stack);
        return;
    }
    if (sc->start >= 0 && sc->start < sc->n_beats)
        stack[top++] = sc->start;
    while (top > 0) {
        int b = stack[--top];
        const StoryBeat *bt = NULL;
        if (b < 0 || b >= sc->n_beats || seen[b])
            continue;
        seen[b] = 1;
        order[n++] = b;
        bt = &sc->beats[b];
        for (i = bt->interaction.n_options - 1; i >= 0; i--)
            stack[top++] = bt->interaction.options[i].target;
        if (bt->next >= 0)
            stack[top++] = bt->next;
    }
    for (i = 0; i < sc->n_beats; i++)
        if (!seen[i])
            order[n++] = i;
    free(seen);
    free(stack);
}

static int in_beat(const StoryBeat *bt, int role)
{
    int i = 0;
    if (bt->interaction.kind == STORY_INT_CHOICE && bt->interaction.character == role)
        return 1;
    for (i = 0; i < bt->n_steps; i++) {
        const StoryStep *st = &bt->steps[i];
        if ((st->kind == STORY_STEP_LINE || st->kind == STORY_STEP_MESSAGE) &&
            (st->speaker == role || st->phone == role))
            return 1;
    }
    return 0;
}

static void value(Buf *b, const StoryValue *v)
{
    switch (v->type) {
    case STORY_VAL_BOOL: buf_puts(b, v->b ? "true" : "false"); break;
    case STORY_VAL_NUMBER: buf_printf(b, "%g", v->num); break;
    case STORY_VAL_STRING: buf_puts(b, "\""), esc(b, v->str), buf_puts(b, "\""); break;
    default: buf_puts(b, "nil"); break;
    }
}

static void option(Buf *b, const Scenario *sc, const StoryOption *o, int lang)
{
    int i = 0;
    buf_puts(b, "<li>");
    text(b, &o->text, lang);
    buf_puts(b, " &rarr; ");
    beat_name(b, sc, o->target, lang);
    if (o->cond_ref || o->once || o->n_effects || o->effect_ref || has(&o->reason)) {
        buf_puts(b, "<br><span class=\"cond\">");
        if (o->cond_ref)
            buf_puts(b, o->hide ? L(sc, lang, "kun når betingelsen holder (ellers skjult)",
                                    "only when its condition holds (hidden otherwise)")
                                : L(sc, lang, "kun når betingelsen holder (ellers gråtonet)",
                                    "only when its condition holds (greyed out otherwise)"));
        if (has(&o->reason)) {
            buf_puts(b, ": &ldquo;");
            text(b, &o->reason, lang);
            buf_puts(b, "&rdquo;");
        }
        if (o->once)
            buf_printf(b, "%s%s", o->cond_ref ? "; " : "",
                       L(sc, lang, "én gang pr. gennemspilning", "once per play-through"));
        for (i = 0; i < o->n_effects; i++) {
            buf_puts(b, (i == 0 && (o->cond_ref || o->once)) ? "; " : (i ? ", " : ""));
            esc(b, o->effects[i].var);
            buf_puts(b, o->effects[i].op == STORY_EFFECT_ADD ? " += " : " = ");
            value(b, &o->effects[i].value);
        }
        if (o->effect_ref)
            buf_printf(b, "%s%s", (o->cond_ref || o->once || o->n_effects) ? "; " : "",
                       L(sc, lang, "kører en script-effekt", "runs a script effect"));
        buf_puts(b, "</span>");
    }
    buf_puts(b, "</li>\n");
}

static void interaction(Buf *b, const Scenario *sc, const StoryBeat *bt, int lang)
{
    const StoryInteraction *in = &bt->interaction;
    int i = 0;
    static const char *const kind_en[] = {"", "Stop &ndash; choice", "Stop &ndash; signal",
                                          "Stop &ndash; ideas", "Stop &ndash; discussion"};
    static const char *const kind_da[] = {"", "Stop &ndash; valg", "Stop &ndash; signal",
                                          "Stop &ndash; idéer", "Stop &ndash; samtale"};
    const char *const *kind = L(sc, lang, "d", "e")[0] == 'd' ? kind_da : kind_en;
    if (in->kind == STORY_INT_NONE)
        return;
    buf_printf(b, "<div class=\"stop\"><b>%s</b>", kind[in->kind]);
    if (in->kind == STORY_INT_CHOICE && in->character >= 0)
        buf_puts(b, " (for "), esc(b, cast_name(sc, in->character, lang)), buf_puts(b, ")");
    if (in->kind == STORY_INT_DISCUSS && in->seconds > 0)
        buf_printf(b, " (%d:%02d)", in->seconds / 60, in->seconds % 60);
    buf_puts(b, ": ");
    text(b, &in->prompt, lang);
    if (in->kind == STORY_INT_SIGNAL)
        buf_printf(b, "<br><span class=\"cond\">%s</span>",
                   L(sc, lang, "Rummet svarer: OK, faresignal eller stalking.",
                     "The room answers: OK, warning sign or stalking."));
    if (in->kind == STORY_INT_CHOICE) {
        buf_puts(b, "<ol>\n");
        for (i = 0; i < in->n_options; i++)
            option(b, sc, &in->options[i], lang);
        buf_puts(b, "</ol>");
    }
    buf_puts(b, "</div>\n");
}

static void step(Buf *b, const Scenario *sc, const StoryStep *st, int lang, int role)
{
    int mine =
        role >= 0 && (st->speaker == role || (st->kind == STORY_STEP_MESSAGE && st->phone == role));
    const char *cls = role < 0 ? "" : mine ? " mine" : " cue";
    switch (st->kind) {
    case STORY_STEP_LINE:
        buf_printf(b, "<p class=\"line%s\"><span class=\"who\">", cls);
        esc(b, cast_name(sc, st->speaker, lang));
        buf_puts(b, "</span>");
        text(b, &st->text, lang);
        buf_puts(b, "</p>\n");
        break;
    case STORY_STEP_MESSAGE:
        buf_printf(b, "<div class=\"sms%s\"><span class=\"who\">", cls);
        esc(b, cast_name(sc, st->speaker, lang));
        buf_puts(b, " &rarr; ");
        esc(b, cast_name(sc, st->phone, lang));
        buf_puts(b, "</span>");
        if (st->time)
            buf_puts(b, "<span class=\"time\">"), esc(b, st->time), buf_puts(b, "</span>");
        buf_puts(b, "<br>");
        text(b, &st->text, lang);
        buf_puts(b, "</div>\n");
        break;
    case STORY_STEP_IMAGE:
        buf_printf(b, "<p class=\"narr\">[%s: ", L(sc, lang, "billede", "image"));
        esc(b, st->image);
        buf_puts(b, "] ");
        text(b, &st->text, lang);
        buf_puts(b, "</p>\n");
        break;
    default:
        buf_printf(b, "<p class=\"narr%s\">", role >= 0 ? " cue" : "");
        text(b, &st->text, lang);
        buf_puts(b, "</p>\n");
        break;
    }
}

static void scene(Buf *b, const Scenario *sc, int beat, int lang, int role)
{
    const StoryBeat *bt = &sc->beats[beat];
    int i = 0;
    buf_puts(b, "<section class=\"scene\" id=\"b-");
    esc(b, bt->id);
    buf_puts(b, "\">\n<h2>");
    if (has(&bt->title))
        text(b, &bt->title, lang);
    else
        esc(b, bt->id);
    buf_puts(b, " <small>(");
    esc(b, bt->id);
    buf_puts(b, ")</small></h2>\n");
    if (has(&bt->notes))
        buf_puts(b, "<aside>"), text(b, &bt->notes, lang), buf_puts(b, "</aside>\n");
    if (has(&bt->place) || has(&bt->time)) {
        buf_puts(b, "<p class=\"where\">");
        text(b, &bt->place, lang);
        if (has(&bt->place) && has(&bt->time))
            buf_puts(b, " &middot; ");
        text(b, &bt->time, lang);
        buf_puts(b, "</p>\n");
    }
    for (i = 0; i < bt->n_steps; i++)
        step(b, sc, &bt->steps[i], lang, role);
    interaction(b, sc, bt, lang);
    if (bt->ending) {
        buf_printf(b, "<div class=\"ending\"><b>%s</b> ", L(sc, lang, "Slutning.", "Ending."));
        text(b, &bt->ending_text, lang);
        buf_printf(b, " <i>%s</i></div>\n",
                   L(sc, lang, "Derefter de vigtigste råd og hjælpekortet (se til sidst).",
                     "Then the key advice and the help card (see the end)."));
    } else if (bt->next >= 0) {
        buf_puts(b, "<p class=\"next\">&rarr; ");
        beat_name(b, sc, bt->next, lang);
        buf_puts(b, "</p>\n");
    }
    buf_puts(b, "</section>\n");
}

static void help_card(Buf *b, const Scenario *sc, int lang)
{
    int i = 0;
    buf_puts(b, "<section class=\"help\"><h2>");
    if (has(&sc->help_title))
        text(b, &sc->help_title, lang);
    else
        buf_puts(b, L(sc, lang, "Hjælp", "Help"));
    buf_puts(b, "</h2>\n<table>\n");
    for (i = 0; i < sc->n_contacts; i++) {
        const StoryContact *c = &sc->contacts[i];
        buf_puts(b, "<tr><td><b>");
        text(b, &c->name, lang);
        buf_puts(b, "</b></td><td>");
        if (c->phone)
            esc(b, c->phone);
        if (c->web)
            buf_puts(b, c->phone ? "<br>" : ""), esc(b, c->web);
        buf_puts(b, "</td><td>");
        text(b, &c->text, lang);
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</table>\n");
    if (sc->n_advice > 0) {
        buf_printf(b, "<h2>%s</h2>\n<ul>\n", L(sc, lang, "Vigtigste råd", "Key advice"));
        for (i = 0; i < sc->n_advice; i++)
            buf_puts(b, "<li>"), text(b, &sc->advice[i], lang), buf_puts(b, "</li>\n");
        buf_puts(b, "</ul>\n");
    }
    if (sc->n_statements > 0) {
        buf_puts(b, "<h2>Statements before and after (OK / warning sign / stalking)</h2>\n<ol>\n");
        for (i = 0; i < sc->n_statements; i++)
            buf_puts(b, "<li>"), text(b, &sc->statements[i].text, lang), buf_puts(b, "</li>\n");
        buf_puts(b, "</ol>\n");
    }
    buf_puts(b, "</section>\n");
}

/* The whole manuscript or one role's sides into out; ERR_NOMEM. */
int story_script_html(const Scenario *sc, int lang, int role, Buf *out)
{
    int *order = malloc(((size_t)sc->n_beats + 1) * sizeof *order);
    int i = 0;
    if (!order)
        return ERR_NOMEM;
    story_script_order(sc, order);
    buf_printf(out,
               "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
               sc->n_langs > 0 && lang >= 0 && lang < sc->n_langs ? sc->langs[lang] : "");
    text(out, &sc->title, lang);
    if (role >= 0)
        buf_puts(out, " &ndash; "), esc(out, cast_name(sc, role, lang));
    buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", CSS);
    text(out, &sc->title, lang);
    buf_puts(out, "</h1>\n");
    if (has(&sc->subtitle))
        buf_puts(out, "<p class=\"sub\">"), text(out, &sc->subtitle, lang), buf_puts(out, "</p>\n");
    if (role >= 0) {
        buf_printf(out, "<h2>%s: ", L(sc, lang, "Replikker", "Sides"));
        esc(out, cast_name(sc, role, lang));
        buf_puts(out, "</h2>\n");
        if (has(&sc->cast[role].role))
            buf_puts(out, "<p class=\"box\">"), text(out, &sc->cast[role].role, lang),
                buf_puts(out, "</p>\n");
        buf_printf(out, "<p>%s</p>\n",
                   L(sc, lang, "Dine replikker og beskeder er markeret; de andres er dine stikord.",
                     "Your lines and messages are marked; the others are your cues."));
    }
    if (has(&sc->content_note))
        buf_printf(out, "<p class=\"box\"><b>%s</b> ",
                   L(sc, lang, "Indholdsnote.", "Content note.")),
            text(out, &sc->content_note, lang), buf_puts(out, "</p>\n");
    if (role < 0 && has(&sc->notes))
        buf_printf(out, "<div class=\"box\"><b>%s</b> ",
                   L(sc, lang, "Til facilitatoren.", "For the facilitator.")),
            text(out, &sc->notes, lang), buf_puts(out, "</div>\n");
    if (role < 0 && has(&sc->stop_question))
        buf_printf(
            out, "<p><b>%s</b> ",
            L(sc, lang, "Ved hvert stop spørges rummet:", "At every Stop the room is asked:")),
            text(out, &sc->stop_question, lang), buf_puts(out, "</p>\n");
    buf_printf(out, "<h2>%s</h2>\n<table>\n", L(sc, lang, "Medvirkende", "Cast"));
    for (i = 0; i < sc->n_cast; i++) {
        const StoryCast *c = &sc->cast[i];
        buf_printf(out, "<tr><td><span class=\"swatch\" style=\"background:#%06x\"></span><b>",
                   (unsigned)(c->color & 0xFFFFFFu));
        esc(out, cast_name(sc, i, lang));
        buf_puts(out, "</b></td><td>");
        text(out, &c->role, lang);
        buf_puts(out, "</td></tr>\n");
    }
    buf_puts(out, "</table>\n</header>\n");
    for (i = 0; i < sc->n_beats; i++)
        if (role < 0 || in_beat(&sc->beats[order[i]], role))
            scene(out, sc, order[i], lang, role);
    if (role < 0)
        help_card(out, sc, lang);
    buf_puts(out, "</body>\n</html>\n");
    free(order);
    return out->oom ? ERR_NOMEM : 0;
}
