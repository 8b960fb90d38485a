/* show_phones.c - the phones' state JSON, built from a view of the show. */
#include "show/show_phones.h"

#include "core/err.h"
#include "show/ui_text.h"

#include <assert.h>
#include <string.h>

/* A scenario text in every language of the scenario: {"da":..,"en":..}. */
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

/* One of the engine's own strings, in both interface languages. */
static void json_ui(Buf *b, UiTextId id)
{
    buf_puts(b, "{\"da\":");
    buf_json_string(b, ui_text(0, id));
    buf_puts(b, ",\"en\":");
    buf_json_string(b, ui_text(1, id));
    buf_puts(b, "}");
}

/* A choice or signal poll on screen (or under the stop overlay). */
static void json_vote(Buf *b, const ShowView *v, ShowPhonesInfo *info)
{
    const Scenario *sc = v->sc;
    /* phones vote only while the poll counts them */
    int open = vote_state(v->poll) == VOTE_OPEN && (vote_sources(v->poll) & VOTE_SRC_PHONES);
    int n = vote_n_options(v->poll);
    int i = 0, first = 1;
    assert(n >= 0 && n <= VOTE_MAX_OPTIONS);
    info->poll_id = vote_id(v->poll);
    info->kind = v->ikind == STORY_INT_SIGNAL ? SHOW_PHONES_SIGNAL : SHOW_PHONES_CHOICE;
    info->open = open;
    info->n_options = n;
    buf_printf(b, "{\"id\":%d,\"kind\":\"%s\",\"open\":%s,\"prompt\":", vote_id(v->poll),
               v->ikind == STORY_INT_SIGNAL ? "signal" : "choice", open ? "true" : "false");
    json_text(b, sc, v->prompt);
    buf_puts(b, ",\"options\":[");
    for (i = 0; i < n; i++) {
        int en = vote_option_enabled(v->poll, i);
        if (v->ikind == STORY_INT_CHOICE && v->options[i].state == STORY_OPT_HIDDEN)
            continue;
        if (en)
            info->enabled |= 1u << i;
        buf_printf(b, "%s{\"n\":%d,\"text\":", first ? "" : ",", i + 1);
        first = 0;
        if (v->ikind == STORY_INT_SIGNAL)
            json_ui(b, i == 0 ? UI_SIGNAL_OK : i == 1 ? UI_SIGNAL_WARNING : UI_SIGNAL_STALKING);
        else
            json_text(b, sc, v->options[i].text);
        buf_printf(b, ",\"enabled\":%s", en ? "true" : "false");
        if (!en) {
            /* why it cannot be chosen: the scenario's reason, else used / not possible */
            buf_puts(b, ",\"reason\":");
            if (v->ikind == STORY_INT_CHOICE && v->options[i].reason)
                json_text(b, sc, v->options[i].reason);
            else
                json_ui(b, v->ikind == STORY_INT_CHOICE && v->options[i].why == STORY_WHY_USED
                               ? UI_USED : UI_UNAVAILABLE);
        }
        buf_puts(b, "}");
    }
    buf_puts(b, "]}");
}

/* The scenario's help card: {"title":..,"contacts":[{name, phone, text, url}]}. */
static void json_help(Buf *b, const Scenario *sc)
{
    int i = 0;
    buf_puts(b, ",\"help\":{\"title\":");
    json_text(b, sc, &sc->help_title);
    buf_puts(b, ",\"contacts\":[");
    for (i = 0; i < sc->n_contacts; i++) {
        const StoryContact *c = &sc->contacts[i];
        buf_puts(b, i ? ",{\"name\":" : "{\"name\":");
        json_text(b, sc, &c->name);
        if (c->phone) {
            buf_puts(b, ",\"phone\":");
            buf_json_string(b, c->phone);
        }
        buf_puts(b, ",\"text\":");
        json_text(b, sc, &c->text);
        if (c->web) {
            /* the page links only http(s) addresses; a bare host gets https:// */
            buf_puts(b, ",\"url\":");
            if (strncmp(c->web, "http://", 7) == 0 || strncmp(c->web, "https://", 8) == 0)
                buf_json_string(b, c->web);
            else {
                Buf u = BUF_INIT;
                buf_printf(&u, "https://%s", c->web);
                buf_json_string(b, buf_str(&u));
                b->oom |= u.oom;
                buf_free(&u);
            }
        }
        buf_puts(b, "}");
    }
    buf_puts(b, "]}");
}

int show_phones_state(const ShowView *v, const char *eval_json, const char *event, Buf *out,
                      ShowPhonesInfo *info)
{
    const char *screen = "waiting";
    assert(v && out && info);
    memset(info, 0, sizeof *info);
    buf_puts(out, "{");
    if (v->sc && v->lang >= 0 && v->lang < v->sc->n_langs) {
        buf_puts(out, "\"lang\":");
        buf_json_string(out, v->sc->langs[v->lang]);
        buf_puts(out, ",");
    }
    if (event && event[0]) {
        buf_puts(out, "\"event\":");
        buf_json_string(out, event);
        buf_puts(out, ",");
    }
    buf_puts(out, "\"title\":");
    if (v->sc)
        json_text(out, v->sc, &v->sc->title);
    else
        buf_puts(out, "\"\"");
    if (v->sc && v->sc->n_contacts > 0)
        json_help(out, v->sc);
    buf_puts(out, ",\"poll\":");
    if (v->poll && (v->ikind == STORY_INT_CHOICE || v->ikind == STORY_INT_SIGNAL) &&
        (v->screen == SHOW_SCREEN_INTERACTION || (v->overlays & SHOW_OV_STOP))) {
        screen = "poll";
        json_vote(out, v, info);
    } else if (v->screen == SHOW_SCREEN_INTERACTION && v->ikind == STORY_INT_IDEA && v->beat >= 0) {
        screen = "idea";
        info->poll_id = SHOW_PHONES_IDEA_ID + v->beat;
        info->kind = SHOW_PHONES_IDEA;
        info->ideas_open = 1;
        buf_printf(out, "{\"id\":%d,\"kind\":\"idea\",\"open\":true,\"prompt\":", info->poll_id);
        json_text(out, v->sc, v->prompt);
        buf_puts(out, ",\"options\":[]}");
    } else
        buf_puts(out, "null");
    buf_puts(out, ",\"eval\":");
    if (eval_json) {
        /* the questionnaire object with "open" first: {"open":true,"id":..} */
        assert(eval_json[0] == '{');
        info->eval_open = 1;
        screen = "eval";
        buf_puts(out, "{\"open\":true");
        if (eval_json[1] != '}')
            buf_puts(out, ",");
        buf_puts(out, eval_json + 1);
    } else
        buf_puts(out, "null");
    buf_printf(out, ",\"screen\":\"%s\"}",
               v->screen == SHOW_SCREEN_ENDING && !info->eval_open ? "ended" : screen);
    return out->oom ? ERR_NOMEM : 0;
}
