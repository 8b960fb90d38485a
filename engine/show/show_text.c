/* show_text.c - the show's transcript lines and the texts it names (beat
 * ids, cast ids, signal words, the current beat, script errors).  The base
 * of the show module: every other show file uses it; it uses none of them.
 */
#include "show/show_internal.h"

#include "core/log.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- transcript and story text -------------------------------------------- */

void show_tr(Show *s, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    if (!s->tfn)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    s->tfn(s->tud, line);
}

const char *show_txt(const Show *s, const StoryText *t)
{
    return story_text(t, s->lang);
}

const char *show_beat_name(const Show *s, int beat)
{
    if (!s->sc || beat < 0 || beat >= s->sc->n_beats)
        return "?";
    return s->sc->beats[beat].id;
}

const char *show_cast_name(const Show *s, int c)
{
    if (!s->sc || c < 0 || c >= s->sc->n_cast)
        return "-";
    return s->sc->cast[c].id;
}

const char *show_signal_name(int result)
{
    switch (result) {
    case STORY_SIGNAL_OK: return "ok";
    case STORY_SIGNAL_WARNING: return "warning";
    case STORY_SIGNAL_STALKING: return "stalking";
    default: return "undecided";
    }
}

const StoryBeat *show_cur_beat(const Show *s)
{
    int b = -1;
    if (!s->run)
        return NULL;
    assert(s->sc); /* a run only exists for a loaded scenario */
    b = story_current_beat(s->run);
    if (b < 0 || b >= s->sc->n_beats)
        return NULL;
    return &s->sc->beats[b];
}

void show_script_error(Show *s, const Err *e)
{
    snprintf(s->error, sizeof s->error, "%s", e->msg[0] ? e->msg : "scenario error");
    show_tr(s, "error %s", s->error);
    log_warn("%s", s->error);
}
