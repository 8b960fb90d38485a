/* story_strings.c - text ids, PO and CSV catalogues and applying
 * translations over a Scenario (see story_strings.h). */
#include "story/story_strings.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- text ids ------------------------------------------------------------ */

/* Visits every text; the scenario's arrays are its own arena memory, so the
 * visitor may write through the pointers it gets. */
int story_strings_each(Scenario *sc, StoryTextVisit fn, void *ud)
{
    int i = 0, k = 0, rc = 0;
    char id[STORY_STRINGS_MAX_ID];
    if (!sc || !fn)
        return 0;
#define V(t, ...)                                                                                  \
    do {                                                                                           \
        snprintf(id, sizeof id, __VA_ARGS__);                                                      \
        if ((rc = fn(ud, id, (StoryText *)(t), (t)->src)) != 0)                                    \
            return rc;                                                                             \
    } while (0)
    V(&sc->title, "title");
    V(&sc->subtitle, "subtitle");
    V(&sc->content_note, "content_note");
    V(&sc->stop_question, "stop_question");
    V(&sc->notes, "notes");
    for (i = 0; i < sc->n_cast; i++) {
        V(&sc->cast[i].name, "cast.%s.name", sc->cast[i].id);
        V(&sc->cast[i].role, "cast.%s.role", sc->cast[i].id);
    }
    V(&sc->help_title, "help.title");
    for (i = 0; i < sc->n_contacts; i++) {
        V(&sc->contacts[i].name, "help.%d.name", i + 1);
        V(&sc->contacts[i].text, "help.%d.text", i + 1);
    }
    for (i = 0; i < sc->n_advice; i++)
        V(&sc->advice[i], "advice.%d", i + 1);
    for (i = 0; i < sc->n_statements; i++)
        V(&sc->statements[i].text, "statement.%s", sc->statements[i].id);
    for (i = 0; i < sc->n_beats; i++) {
        const StoryBeat *b = &sc->beats[i];
        const StoryInteraction *in = &b->interaction;
        V(&b->title, "%s.title", b->id);
        V(&b->place, "%s.place", b->id);
        V(&b->time, "%s.time", b->id);
        for (k = 0; k < b->n_steps; k++)
            V(&b->steps[k].text, "%s.%d", b->id, k + 1);
        V(&in->prompt, "%s.prompt", b->id);
        for (k = 0; k < in->n_options; k++) {
            V(&in->options[k].text, "%s.opt%d", b->id, k + 1);
            V(&in->options[k].reason, "%s.opt%d.reason", b->id, k + 1);
        }
        V(&b->ending_text, "%s.ending", b->id);
        V(&b->notes, "%s.notes", b->id);
    }
#undef V
    return 0;
}

/* ---- catalogues ------------------------------------------------------------ */

static char *dup_or_null(const char *s)
{
    return s ? core_strdup(s) : NULL;
}

/* An empty catalogue (codes copied); NULL on OOM. */
StoryPo *story_po_new(const char *lang, const char *source_lang)
{
    StoryPo *po = calloc(1, sizeof *po);
    if (!po)
        return NULL;
    po->lang = core_strdup(lang ? lang : "");
    po->source_lang = core_strdup(source_lang ? source_lang : "");
    if (!po->lang || !po->source_lang) {
        story_po_free(po);
        return NULL;
    }
    return po;
}

/* Frees the catalogue and its entries; NULL is fine. */
void story_po_free(StoryPo *po)
{
    int i = 0;
    if (!po)
        return;
    for (i = 0; i < po->n; i++) {
        free(po->e[i].id);
        free(po->e[i].where);
        free(po->e[i].source);
        free(po->e[i].text);
        free(po->e[i].old_source);
    }
    free(po->e);
    free(po->lang);
    free(po->source_lang);
    free(po);
}

/* Appends a copy of the entry; ERR_NOMEM leaves po as it was. */
int story_po_add(StoryPo *po, const char *id, const char *where, const char *source,
                 const char *text, const char *old_source, int fuzzy)
{
    StoryPoEntry *e = NULL;
    if (po->n == po->cap) {
        int nc = po->cap ? po->cap * 2 : 64;
        StoryPoEntry *ne = realloc(po->e, (size_t)nc * sizeof *ne);
        if (!ne)
            return ERR_NOMEM;
        po->e = ne;
        po->cap = nc;
    }
    e = &po->e[po->n];
    memset(e, 0, sizeof *e);
    e->id = core_strdup(id ? id : "");
    e->where = dup_or_null(where);
    e->source = core_strdup(source ? source : "");
    e->text = core_strdup(text ? text : "");
    e->old_source = dup_or_null(old_source);
    e->fuzzy = fuzzy;
    if (!e->id || !e->source || !e->text || (where && !e->where) ||
        (old_source && !e->old_source)) {
        free(e->id), free(e->where), free(e->source), free(e->text), free(e->old_source);
        return ERR_NOMEM;
    }
    po->n++;
    return 0;
}

/* The first entry with this id (borrowed from po), or NULL. */
const StoryPoEntry *story_po_find(const StoryPo *po, const char *id)
{
    int i = 0;
    if (!po || !id)
        return NULL;
    for (i = 0; i < po->n; i++)
        if (strcmp(po->e[i].id, id) == 0)
            return &po->e[i];
    return NULL;
}

/* ---- PO -------------------------------------------------------------------- */

static void po_string(Buf *out, const char *key, const char *s)
{
    const char *p = s ? s : "";
    buf_printf(out, "%s \"", key);
    for (; *p; p++) {
        switch (*p) {
        case '"': buf_puts(out, "\\\""); break;
        case '\\': buf_puts(out, "\\\\"); break;
        case '\n': buf_puts(out, "\\n"); break;
        case '\t': buf_puts(out, "\\t"); break;
        case '\r': buf_puts(out, "\\r"); break;
        default: buf_append(out, p, 1); break;
        }
    }
    buf_puts(out, "\"\n");
}

/* Header, then one entry per text with its reference, flags and previous
 * source; ERR_NOMEM when out ran out of memory. */
int story_po_write(const StoryPo *po, Buf *out)
{
    int i = 0;
    buf_puts(out, "# Translations of a Spectactor scenario (spectactor strings).\n"
                  "# msgctxt is the text's id, msgid the source text; edit msgstr only.\n");
    buf_puts(out, "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
    buf_printf(out, "\"Language: %s\\n\"\n\"X-Source-Language: %s\\n\"\n", po->lang,
               po->source_lang);
    for (i = 0; i < po->n; i++) {
        const StoryPoEntry *e = &po->e[i];
        buf_puts(out, "\n");
        if (e->where)
            buf_printf(out, "#: %s\n", e->where);
        if (e->fuzzy)
            buf_puts(out, "#, fuzzy\n");
        if (e->old_source) {
            buf_puts(out, "#| ");
            po_string(out, "msgid", e->old_source);
        }
        po_string(out, "msgctxt", e->id);
        po_string(out, "msgid", e->source);
        po_string(out, "msgstr", e->text);
    }
    return out->oom ? ERR_NOMEM : 0;
}

/* Appends the unescaped contents of the quoted string at p to b; returns
 * 0, or -1 when p is not a well-formed quoted string. */
static int po_unquote(const char *p, Buf *b)
{
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p++ != '"')
        return -1;
    while (*p && *p != '"') {
        char c = *p++;
        if (c == '\\') {
            c = *p++;
            if (c == 'n')
                c = '\n';
            else if (c == 't')
                c = '\t';
            else if (c == 'r')
                c = '\r';
            else if (c == '\0')
                return -1;
        }
        buf_append(b, &c, 1);
    }
    if (*p != '"')
        return -1;
    p++;
    while (*p == ' ' || *p == '\t' || *p == '\r')
        p++;
    return *p ? -1 : 0;
}

typedef struct PoParse {
    StoryPo *po;
    Buf id, source, text, old, where;
    int has_id, has_ctxt, fuzzy;
} PoParse;

static void header_field(StoryPo *po, const char *hdr, const char *name, char **dst)
{
    const char *p = strstr(hdr, name);
    size_t n = 0;
    char *v = NULL;
    if (!p)
        return;
    p += strlen(name);
    while (*p == ' ')
        p++;
    while (p[n] && p[n] != '\n')
        n++;
    v = malloc(n + 1);
    if (!v)
        return;
    memcpy(v, p, n);
    v[n] = '\0';
    free(*dst);
    *dst = v;
    (void)po;
}

/* Ends the entry being read. */
static int po_flush(PoParse *ps)
{
    int rc = 0;
    if (ps->has_id && !ps->has_ctxt && !buf_str(&ps->source)[0]) {
        header_field(ps->po, buf_str(&ps->text), "Language:", &ps->po->lang);
        header_field(ps->po, buf_str(&ps->text), "X-Source-Language:", &ps->po->source_lang);
    } else if (ps->has_id && ps->has_ctxt) {
        rc = story_po_add(ps->po, buf_str(&ps->id), ps->where.len ? buf_str(&ps->where) : NULL,
                          buf_str(&ps->source), buf_str(&ps->text),
                          ps->old.len ? buf_str(&ps->old) : NULL, ps->fuzzy);
    }
    buf_reset(&ps->id), buf_reset(&ps->source), buf_reset(&ps->text), buf_reset(&ps->old);
    buf_reset(&ps->where);
    ps->has_id = ps->has_ctxt = ps->fuzzy = 0;
    return rc;
}

/* Reads entries line by line; the header entry (empty msgid, no msgctxt)
 * gives the languages, obsolete (#~) entries are dropped.  NULL with err set
 * on a line that is not PO, a header without Language, or OOM. */
StoryPo *story_po_parse(const char *data, size_t len, const char *name, Err *err)
{
    PoParse ps;
    Buf line = BUF_INIT;
    Buf *cur = NULL;
    size_t at = 0;
    int lineno = 0, bad = 0;
    memset(&ps, 0, sizeof ps);
    ps.po = story_po_new("", "");
    if (!ps.po) {
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    while (at < len && !bad) {
        size_t end = at;
        const char *l = NULL;
        while (end < len && data[end] != '\n')
            end++;
        buf_reset(&line);
        buf_append(&line, data + at, end - at);
        at = end + 1;
        lineno++;
        l = buf_str(&line);
        while (*l == ' ' || *l == '\t')
            l++;
        if (l[0] == '\0' || l[0] == '\r') {
            continue;
        } else if (strncmp(l, "#~", 2) == 0) {
            cur = NULL; /* obsolete entries are dropped */
        } else if (strncmp(l, "#,", 2) == 0) {
            if (ps.has_id && po_flush(&ps) < 0)
                bad = 2;
            if (strstr(l, "fuzzy"))
                ps.fuzzy = 1;
        } else if (strncmp(l, "#:", 2) == 0) {
            if (ps.has_id && po_flush(&ps) < 0)
                bad = 2;
            if (!ps.where.len) {
                const char *w = l + 2;
                size_t n = 0;
                while (*w == ' ')
                    w++;
                while (w[n] && w[n] != ' ' && w[n] != '\r')
                    n++;
                buf_append(&ps.where, w, n);
            }
        } else if (strncmp(l, "#| msgid ", 9) == 0) {
            if (ps.has_id && po_flush(&ps) < 0)
                bad = 2;
            cur = &ps.old;
            if (po_unquote(l + 8, cur) < 0)
                bad = 1;
        } else if (strncmp(l, "#| \"", 4) == 0 && cur == &ps.old) {
            if (po_unquote(l + 3, cur) < 0)
                bad = 1;
        } else if (l[0] == '#') {
            continue;
        } else if (strncmp(l, "msgctxt ", 8) == 0) {
            if (ps.has_id && po_flush(&ps) < 0)
                bad = 2;
            ps.has_ctxt = 1;
            cur = &ps.id;
            if (po_unquote(l + 7, cur) < 0)
                bad = 1;
        } else if (strncmp(l, "msgid ", 6) == 0) {
            if (ps.has_id && po_flush(&ps) < 0)
                bad = 2;
            ps.has_id = 1;
            cur = &ps.source;
            if (po_unquote(l + 5, cur) < 0)
                bad = 1;
        } else if (strncmp(l, "msgstr ", 7) == 0) {
            if (!ps.has_id)
                bad = 1;
            cur = &ps.text;
            if (po_unquote(l + 6, cur) < 0)
                bad = 1;
        } else if (l[0] == '"' && cur) {
            if (po_unquote(l, cur) < 0)
                bad = 1;
        } else {
            bad = 1;
        }
    }
    if (!bad && po_flush(&ps) < 0)
        bad = 2;
    if (ps.id.oom || ps.source.oom || ps.text.oom || ps.old.oom || ps.where.oom || line.oom)
        bad = 2;
    buf_free(&line), buf_free(&ps.id), buf_free(&ps.source), buf_free(&ps.text);
    buf_free(&ps.old), buf_free(&ps.where);
    if (bad) {
        if (bad == 2)
            err_set(err, ERR_NOMEM, "out of memory");
        else
            err_set(err, ERR_INVALID,
                    "%s:%d: not a PO line (a msgid, msgstr, msgctxt, \"text\" or # comment)", name,
                    lineno);
        story_po_free(ps.po);
        return NULL;
    }
    if (!ps.po->lang || !ps.po->lang[0]) {
        err_set(err, ERR_INVALID, "%s: the PO header names no Language", name);
        story_po_free(ps.po);
        return NULL;
    }
    return ps.po;
}

/* ---- CSV ------------------------------------------------------------------- */

static void csv_field(Buf *out, const char *s, int last)
{
    const char *p = s ? s : "";
    if (strpbrk(p, ",\"\n\r")) {
        buf_puts(out, "\"");
        for (; *p; p++) {
            if (*p == '"')
                buf_puts(out, "\"\"");
            else
                buf_append(out, p, 1);
        }
        buf_puts(out, "\"");
    } else {
        buf_puts(out, p);
    }
    buf_puts(out, last ? "\r\n" : ",");
}

/* Header row, then id, source and each catalogue's text per row (CRLF,
 * quoted where needed).  ERR_INVALID without catalogues, ERR_NOMEM. */
int story_csv_write(StoryPo *const *pos, int n, Buf *out)
{
    int i = 0, k = 0;
    if (n < 1)
        return ERR_INVALID;
    csv_field(out, "id", 0);
    csv_field(out, pos[0]->source_lang, 0);
    for (k = 0; k < n; k++)
        csv_field(out, pos[k]->lang, k == n - 1);
    for (i = 0; i < pos[0]->n; i++) {
        csv_field(out, pos[0]->e[i].id, 0);
        csv_field(out, pos[0]->e[i].source, 0);
        for (k = 0; k < n; k++)
            csv_field(out, i < pos[k]->n ? pos[k]->e[i].text : "", k == n - 1);
    }
    return out->oom ? ERR_NOMEM : 0;
}

/* Reads one CSV record's fields into f (up to max); returns the count, or
 * -1 on a malformed quote.  *at moves past the record. */
static int csv_record(const char *d, size_t len, size_t *at, Buf *f, int max)
{
    int n = 0;
    size_t p = *at;
    for (;;) {
        Buf *b = n < max ? &f[n] : NULL;
        if (b)
            buf_reset(b), buf_puts(b, "");
        if (p < len && d[p] == '"') {
            p++;
            for (;;) {
                if (p >= len)
                    return -1;
                if (d[p] == '"') {
                    if (p + 1 < len && d[p + 1] == '"') {
                        if (b)
                            buf_append(b, "\"", 1);
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                if (b)
                    buf_append(b, d + p, 1);
                p++;
            }
        } else {
            while (p < len && d[p] != ',' && d[p] != '\n' && d[p] != '\r') {
                if (b)
                    buf_append(b, d + p, 1);
                p++;
            }
        }
        n++;
        if (p < len && d[p] == ',') {
            p++;
            continue;
        }
        if (p < len && d[p] == '\r')
            p++;
        if (p < len && d[p] == '\n')
            p++;
        break;
    }
    *at = p;
    return n;
}

/* One catalogue per language column; on failure none is left in out. */
int story_csv_parse(const char *data, size_t len, const char *name, StoryPo **out, int *n_out,
                    Err *err)
{
    Buf f[STORY_MAX_LANGS + 2];
    size_t at = 0;
    int n = 0, k = 0, i = 0, rec = 1, rc = 0;
    memset(f, 0, sizeof f);
    *n_out = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        at = 3; /* a spreadsheet's byte order mark */
    n = csv_record(data, len, &at, f, STORY_MAX_LANGS + 2);
    if (n < 3 || strcmp(buf_str(&f[0]), "id") != 0) {
        rc = err_set(err, ERR_INVALID, "%s:1: the first row must read id,SOURCE,LANG...", name);
        goto done;
    }
    if (n > STORY_MAX_LANGS + 1) {
        rc = err_set(err, ERR_LIMIT, "%s:1: more than %d language columns", name, STORY_MAX_LANGS);
        goto done;
    }
    for (k = 0; k + 2 < n; k++) {
        out[k] = story_po_new(buf_str(&f[k + 2]), buf_str(&f[1]));
        if (!out[k]) {
            rc = err_set(err, ERR_NOMEM, "out of memory");
            goto done;
        }
        *n_out = k + 1;
    }
    while (at < len) {
        int m = 0;
        rec++;
        m = csv_record(data, len, &at, f, STORY_MAX_LANGS + 2);
        if (m < 0) {
            rc = err_set(err, ERR_INVALID, "%s:%d: a quoted field is not closed", name, rec);
            goto done;
        }
        if (m == 1 && !buf_str(&f[0])[0])
            continue; /* an empty line */
        if (m != n) {
            rc = err_set(err, ERR_INVALID, "%s:%d: %d fields, the header has %d", name, rec, m, n);
            goto done;
        }
        for (k = 0; k + 2 < n; k++) {
            if (story_po_add(out[k], buf_str(&f[0]), NULL, buf_str(&f[1]), buf_str(&f[k + 2]), NULL,
                             0) < 0) {
                rc = err_set(err, ERR_NOMEM, "out of memory");
                goto done;
            }
        }
    }
done:
    for (i = 0; i < STORY_MAX_LANGS + 2; i++)
        buf_free(&f[i]);
    if (rc < 0) {
        for (k = 0; k < *n_out; k++) {
            story_po_free(out[k]);
            out[k] = NULL;
        }
        *n_out = 0;
    }
    return rc;
}

/* ---- files ------------------------------------------------------------------ */

char *story_strings_read_file(const char *path, size_t *len, Err *err)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t n = 0;
    if (!f) {
        err_set(err, ERR_IO, "%s: cannot open", path);
        return NULL;
    }
    data = malloc(STORY_STRINGS_FILE_MAX + 1);
    if (!data) {
        fclose(f);
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    n = fread(data, 1, STORY_STRINGS_FILE_MAX + 1, f);
    if (ferror(f) || n > STORY_STRINGS_FILE_MAX) {
        err_set(err, ferror(f) ? ERR_IO : ERR_LIMIT, "%s: %s", path,
                ferror(f) ? "cannot read" : "larger than 4 MB");
        fclose(f);
        free(data);
        return NULL;
    }
    fclose(f);
    data[n] = '\0';
    if (len)
        *len = n;
    return data;
}

/* ---- catalogue and apply ------------------------------------------------------ */

typedef struct Cat {
    Scenario *sc;
    StoryPo *po;
    const StoryPo *existing;
    int src, lang;
    int oom;
} Cat;

static int cat_visit(void *ud, const char *id, StoryText *t, StorySrc src)
{
    Cat *c = ud;
    const char *source = t->s[c->src];
    const char *text = c->lang >= 0 ? t->s[c->lang] : NULL;
    const char *old = NULL;
    const StoryPoEntry *prev = story_po_find(c->existing, id);
    char where[300];
    int fuzzy = 0;
    if (!source || !source[0])
        return 0; /* nothing to translate */
    if (text == source && (c->sc->langs_added & (1u << c->lang)))
        text = NULL; /* the source shown in place of a missing translation */
    if (prev && prev->text[0] && strcmp(prev->source, source) != 0) {
        text = prev->text; /* stale: offer the old translation for review */
        old = prev->source;
        fuzzy = 1;
    } else if (prev && prev->fuzzy) {
        text = prev->text;
        old = prev->old_source;
        fuzzy = 1;
    }
    scenario_where(c->sc, src, where, sizeof where);
    if (story_po_add(c->po, id, where, source, text ? text : "", old, fuzzy) < 0) {
        c->oom = 1;
        return 1;
    }
    return 0;
}

/* A new catalogue of sc's texts in lang (caller frees); NULL on OOM or
 * without a scenario language. */
StoryPo *story_strings_catalogue(Scenario *sc, const char *lang, const StoryPo *existing)
{
    Cat c;
    memset(&c, 0, sizeof c);
    if (!sc || sc->n_langs < 1 || !lang)
        return NULL;
    c.sc = sc;
    c.existing = existing;
    c.src = 0;
    c.lang = scenario_lang_index(sc, lang);
    c.po = story_po_new(lang, sc->langs[0]);
    if (!c.po)
        return NULL;
    story_strings_each(sc, cat_visit, &c);
    if (c.oom) {
        story_po_free(c.po);
        return NULL;
    }
    return c.po;
}

typedef struct Apply {
    Scenario *sc;
    const StoryPo *po;
    unsigned char *used;
    int src, lang, applied, oom;
    const char *name;
    ValidateReport fn;
    void *ud;
    int fallbacks; /* texts of a language only the translations add, shown in the source's */
} Apply;

/* A language added by a translation file has no text of its own in the
 * scenario: where its translation is missing or stale, the source text is
 * shown (as gettext does), and check warns once. */
static int fallback_visit(void *ud, const char *id, StoryText *t, StorySrc src)
{
    Apply *a = ud;
    (void)id;
    (void)src;
    if ((t->s[a->lang] && t->s[a->lang][0]) || !t->s[a->src] || !t->s[a->src][0])
        return 0;
    t->s[a->lang] = t->s[a->src]; /* both owned by the scenario's arena */
    a->fallbacks++;
    return 0;
}

static int apply_visit(void *ud, const char *id, StoryText *t, StorySrc src)
{
    Apply *a = ud;
    const char *source = t->s[a->src] ? t->s[a->src] : "";
    int i = 0;
    char msg[STORY_STRINGS_MAX_ID + 200];
    for (i = 0; i < a->po->n; i++) {
        const StoryPoEntry *e = &a->po->e[i];
        if (strcmp(e->id, id) != 0)
            continue;
        a->used[i] = 1;
        if (!e->text[0])
            return 0;
        if (e->fuzzy || strcmp(e->source, source) != 0) {
            snprintf(msg, sizeof msg,
                     "%s: the '%s' translation of %s is stale: %s; not used until it is reviewed",
                     a->name, a->po->lang, id,
                     e->fuzzy ? "it is marked fuzzy" : "the source text changed since it was made");
            if (a->fn)
                a->fn(a->ud, src, 0, msg);
            return 0;
        }
        t->s[a->lang] = scenario_strdup(a->sc, e->text);
        if (!t->s[a->lang]) {
            a->oom = 1;
            return 1;
        }
        a->applied++;
        return 0;
    }
    return 0;
}

/* Applies the usable entries of po over sc (see story_strings.h). */
int story_strings_apply(Scenario *sc, const StoryPo *po, const char *name, ValidateReport fn,
                        void *ud, Err *err)
{
    Apply a;
    int i = 0, added = 0;
    char msg[STORY_STRINGS_MAX_ID + 200];
    memset(&a, 0, sizeof a);
    if (!sc || !po)
        return err_set(err, ERR_INVALID, "nothing to apply");
    a.sc = sc;
    a.po = po;
    a.name = name ? name : "translations";
    a.fn = fn;
    a.ud = ud;
    a.src = scenario_lang_index(sc, po->source_lang);
    if (a.src < 0)
        return err_set(err, ERR_INVALID,
                       "%s: source language '%s' is not a language of the scenario", a.name,
                       po->source_lang);
    a.lang = scenario_lang_index(sc, po->lang);
    added = a.lang < 0;
    if (a.lang < 0) {
        const char *code = NULL;
        if (sc->n_langs >= STORY_MAX_LANGS)
            return err_set(err, ERR_LIMIT, "%s: more than %d languages", a.name, STORY_MAX_LANGS);
        code = scenario_strdup(sc, po->lang);
        if (!code)
            return err_set(err, ERR_NOMEM, "out of memory");
        sc->langs[sc->n_langs] = code;
        sc->langs_added |= 1u << sc->n_langs;
        a.lang = sc->n_langs++;
    }
    if (a.lang == a.src)
        return err_set(err, ERR_INVALID, "%s: translates '%s' into itself", a.name, po->lang);
    a.used = calloc((size_t)po->n + 1, 1);
    if (!a.used)
        return err_set(err, ERR_NOMEM, "out of memory");
    story_strings_each(sc, apply_visit, &a);
    if (added && !a.oom) {
        story_strings_each(sc, fallback_visit, &a);
        if (a.fallbacks > 0 && fn) {
            snprintf(msg, sizeof msg,
                     "%s: %d text%s without a usable '%s' translation %s shown in '%s'", a.name,
                     a.fallbacks, a.fallbacks == 1 ? "" : "s", po->lang,
                     a.fallbacks == 1 ? "is" : "are", po->source_lang);
            fn(ud, sc->src, 0, msg);
        }
    }
    for (i = 0; i < po->n && !a.oom; i++) {
        if (a.used[i] || !fn)
            continue;
        snprintf(msg, sizeof msg,
                 "%s: the '%s' translation of %s has no text in the scenario any more", a.name,
                 po->lang, po->e[i].id);
        fn(ud, sc->src, 0, msg);
    }
    free(a.used);
    if (a.oom)
        return err_set(err, ERR_NOMEM, "out of memory");
    return a.applied;
}

/* Applies DIR/strings.*.po in name order; stops at the first bad file. */
int story_strings_apply_dir(Scenario *sc, const char *dir, ValidateReport fn, void *ud, Err *err)
{
    DIR *d = NULL;
    struct dirent *de = NULL;
    char names[STORY_MAX_LANGS * 2][64];
    int n = 0, i = 0, total = 0, rc = 0;
    if (!sc || !dir)
        return 0;
    d = opendir(dir);
    if (!d)
        return 0;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 12 || len >= sizeof names[0] || strncmp(de->d_name, "strings.", 8) != 0 ||
            strcmp(de->d_name + len - 3, ".po") != 0)
            continue;
        if (n < STORY_MAX_LANGS * 2)
            memcpy(names[n++], de->d_name, len + 1);
    }
    closedir(d);
    /* readdir order is arbitrary: apply in name order so results repeat */
    for (i = 1; i < n; i++) {
        int j = i;
        while (j > 0 && strcmp(names[j - 1], names[j]) > 0) {
            char tmp[64];
            memcpy(tmp, names[j], sizeof tmp);
            memcpy(names[j], names[j - 1], sizeof tmp);
            memcpy(names[j - 1], tmp, sizeof tmp);
            j--;
        }
    }
    for (i = 0; i < n && rc >= 0; i++) {
        char path[1200];
        size_t len = 0;
        char *data = NULL;
        StoryPo *po = NULL;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        data = story_strings_read_file(path, &len, err);
        if (!data)
            return ERR_IO;
        po = story_po_parse(data, len, path, err);
        free(data);
        if (!po)
            return ERR_INVALID;
        rc = story_strings_apply(sc, po, path, fn, ud, err);
        story_po_free(po);
        if (rc > 0)
            total += rc;
    }
    return rc < 0 ? rc : total;
}
