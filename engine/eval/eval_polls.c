/* eval_polls.c - pooling the room's answers at the stops of many events,
 * and their text, CSV and HTML tables (see eval_polls.h). */
#include "eval/eval_polls.h"

#include "core/utf8.h"
#include "eval/eval_compare.h"
#include "eval/eval_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POLL_MAX_COUNT 100000 /* hands or phones at one option */

typedef struct StopAcc {
    EvalStopRow row;
    double pos_sum; /* sum of positions in the rooms' first passes */
    int pos_n;
    int first_seen; /* order of first appearance, for ties */
} StopAcc;

struct EvalStops {
    StopAcc *stops;
    int n, cap;
    int rooms;
    int never;
    int seen;
    int *order; /* sorted indices, rebuilt after each add */
};

static const char *const kind_names[] = {"choice", "signal", "stop", "before", "after"};
#define N_KINDS 5

const char *eval_poll_kind_name(EvalPollKind k)
{
    return (unsigned)k < N_KINDS ? kind_names[k] : "";
}

int eval_poll_kind_parse(const char *s)
{
    int i = 0;
    for (i = 0; i < N_KINDS && s; i++)
        if (strcmp(s, kind_names[i]) == 0)
            return i;
    return -1;
}

int eval_poll_validate(const EvalPollRecord *r, Err *err)
{
    int i = 0;
    if ((unsigned)r->kind > EVAL_POLL_AFTER)
        return err_set(err, ERR_INVALID, "poll kind out of range");
    if (r->n_options < 1 || r->n_options > EVAL_POLL_MAX_OPTIONS ||
        (r->kind != EVAL_POLL_CHOICE && r->n_options != 3))
        return err_set(err, ERR_INVALID, "poll has %d options", r->n_options);
    if (!memchr(r->beat, '\0', sizeof r->beat) || !r->beat[0])
        return err_set(err, ERR_INVALID, "poll without a beat id");
    if (!memchr(r->prompt, '\0', sizeof r->prompt) || !utf8_valid(r->prompt, strlen(r->prompt)))
        return err_set(err, ERR_INVALID, "poll prompt is not valid UTF-8");
    for (i = 0; i < EVAL_POLL_MAX_OPTIONS; i++)
        if (!memchr(r->labels[i], '\0', sizeof r->labels[i]) ||
            !utf8_valid(r->labels[i], strlen(r->labels[i])))
            return err_set(err, ERR_INVALID, "poll option text is not valid UTF-8");
    if (r->pass < 1 || r->result < -1 || r->result >= r->n_options)
        return err_set(err, ERR_INVALID, "poll pass or result out of range");
    for (i = 0; i < r->n_options; i++)
        if (r->hands[i] < 0 || r->hands[i] > POLL_MAX_COUNT || r->phones[i] < 0 ||
            r->phones[i] > POLL_MAX_COUNT)
            return err_set(err, ERR_INVALID, "poll count out of range");
    if (r->closed >> r->n_options)
        return err_set(err, ERR_INVALID, "poll closes an option it does not have");
    for (i = 0; i < r->n_options; i++)
        if ((r->closed & (1u << i)) && (r->hands[i] || r->phones[i]))
            return err_set(err, ERR_INVALID, "poll has votes for an option not offered");
    return 0;
}

void eval_poll_copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (!cap)
        return;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--; /* never half a character */
    }
    if (n)
        memcpy(dst, src, n);
    dst[n] = '\0';
}

EvalStops *eval_stops_new(void)
{
    return calloc(1, sizeof(EvalStops));
}

void eval_stops_free(EvalStops *st)
{
    if (!st)
        return;
    free(st->stops);
    free(st->order);
    free(st);
}

static int by_seq(const void *a, const void *b)
{
    const EvalPollRecord *x = *(const EvalPollRecord *const *)a;
    const EvalPollRecord *y = *(const EvalPollRecord *const *)b;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static StopAcc *stop_find(EvalStops *st, const char *scenario, const EvalPollRecord *r, Err *err)
{
    int i = 0;
    StopAcc *a = NULL;
    for (i = 0; i < st->n; i++) {
        a = &st->stops[i];
        if (a->row.kind == r->kind && strcmp(a->row.beat, r->beat) == 0 &&
            strcmp(a->row.scenario, scenario) == 0)
            return a;
    }
    if (st->n >= EVAL_MAX_STOPS) {
        err_set(err, ERR_LIMIT, "more than %d stops in one report", EVAL_MAX_STOPS);
        return NULL;
    }
    if (st->n == st->cap) {
        int cap = st->cap ? st->cap * 2 : 16;
        StopAcc *ns = realloc(st->stops, (size_t)cap * sizeof *ns);
        int *no = realloc(st->order, (size_t)cap * sizeof *no);
        if (ns)
            st->stops = ns;
        if (no)
            st->order = no;
        if (!ns || !no) {
            err_set(err, ERR_NOMEM, "out of memory");
            return NULL;
        }
        st->cap = cap;
    }
    a = &st->stops[st->n++];
    memset(a, 0, sizeof *a);
    snprintf(a->row.scenario, sizeof a->row.scenario, "%s", scenario);
    snprintf(a->row.beat, sizeof a->row.beat, "%s", r->beat);
    a->row.kind = r->kind;
    a->row.n_options = r->n_options;
    a->first_seen = st->seen++;
    return a;
}

static double mean_pos(const StopAcc *a)
{
    return a->pos_n ? a->pos_sum / a->pos_n : 1e9;
}

/* a before b: by scenario, then mean position, then first appearance. */
static int stop_before(const StopAcc *a, const StopAcc *b)
{
    int c = strcmp(a->row.scenario, b->row.scenario);
    if (c)
        return c < 0;
    if (mean_pos(a) != mean_pos(b))
        return mean_pos(a) < mean_pos(b);
    return a->first_seen < b->first_seen;
}

/* Insertion sort of st->order (a few dozen stops). */
static void stops_sort(EvalStops *st)
{
    int i = 0, j = 0;
    for (i = 0; i < st->n; i++)
        st->order[i] = i;
    for (i = 1; i < st->n; i++) {
        int v = st->order[i];
        for (j = i; j > 0 && stop_before(&st->stops[v], &st->stops[st->order[j - 1]]); j--)
            st->order[j] = st->order[j - 1];
        st->order[j] = v;
    }
}

int eval_stops_add_event(EvalStops *st, const char *scenario, const EvalPollRecord *recs, int n,
                         Err *err)
{
    const EvalPollRecord **sorted = NULL;
    int i = 0, k = 0, pos = 0, stalked = 0;
    /* each stop counts once per room (its first decision in the first pass) */
    unsigned char *done = NULL;
    if (n < 0)
        return err_set(err, ERR_INVALID, "negative count");
    sorted = calloc((size_t)(n ? n : 1), sizeof *sorted);
    done = calloc(EVAL_MAX_STOPS, 1);
    if (!sorted || !done) {
        free(sorted);
        free(done);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    for (i = 0; i < n; i++)
        sorted[i] = &recs[i];
    qsort(sorted, (size_t)n, sizeof *sorted, by_seq);
    for (i = 0; i < n; i++) {
        const EvalPollRecord *r = sorted[i];
        StopAcc *a = NULL;
        int idx = 0;
        if (eval_poll_validate(r, err) < 0)
            goto fail;
        if (r->kind == EVAL_POLL_BEFORE || r->kind == EVAL_POLL_AFTER)
            continue; /* the statements are not stops (eval_measure.c) */
        a = stop_find(st, scenario, r, err);
        if (!a)
            goto fail;
        idx = (int)(a - st->stops);
        if (!a->row.prompt[0] && r->prompt[0])
            eval_poll_copy_text(a->row.prompt, sizeof a->row.prompt, r->prompt);
        for (k = 0; k < r->n_options; k++)
            if (!a->row.labels[k][0] && r->labels[k][0])
                eval_poll_copy_text(a->row.labels[k], sizeof a->row.labels[k], r->labels[k]);
        if (r->n_options > a->row.n_options)
            a->row.n_options = r->n_options;
        if (r->pass > 1) {
            a->row.replays++;
            continue;
        }
        if (done[idx])
            continue;
        done[idx] = 1;
        a->pos_sum += pos++;
        a->pos_n++;
        a->row.rooms++;
        a->row.rooms_voted += r->voted ? 1 : 0;
        if (r->voted)
            a->row.offered |= ~r->closed & ((1u << r->n_options) - 1u);
        for (k = 0; k < r->n_options; k++) {
            a->row.hands[k] += r->hands[k];
            a->row.phones[k] += r->phones[k];
            a->row.votes += r->hands[k] + r->phones[k];
        }
        if (r->result >= 0)
            a->row.result_rooms[r->result]++;
        if (!stalked && r->kind != EVAL_POLL_CHOICE && r->result == 2) {
            a->row.first_stalking++;
            stalked = 1;
        }
    }
    st->rooms++;
    st->never += stalked ? 0 : 1;
    stops_sort(st);
    free(sorted);
    free(done);
    return 0;
fail:
    free(sorted);
    free(done);
    return err ? err->code : ERR_INVALID;
}

int eval_stops_count(const EvalStops *st)
{
    return st->n;
}
const EvalStopRow *eval_stops_row(const EvalStops *st, int i)
{
    return (i >= 0 && i < st->n) ? &st->stops[st->order[i]].row : NULL;
}
int eval_stops_rooms(const EvalStops *st)
{
    return st->rooms;
}
int eval_stops_never_stalking(const EvalStops *st)
{
    return st->never;
}

int eval_stop_shares(const EvalStopRow *r, EvalShare *out)
{
    int i = 0, nsmall = 0, hide = -1;
    memset(out, 0, (size_t)r->n_options * sizeof *out);
    if (r->votes < EVAL_MIN_CELL)
        return ERR_LIMIT;
    for (i = 0; i < r->n_options; i++) {
        out[i].count = r->hands[i] + r->phones[i];
        if (r->rooms_voted > 0 && !(r->offered & (1u << i))) {
            out[i].closed = 1; /* nobody could choose it: nothing to protect */
            continue;
        }
        out[i].percent = (int)((out[i].count * 100.0) / r->votes + 0.5);
        out[i].shown = out[i].count >= EVAL_MIN_CELL;
        out[i].small = !out[i].shown;
        nsmall += out[i].small;
    }
    if (nsmall == 1) {
        for (i = 0; i < r->n_options; i++)
            if (out[i].shown && (hide < 0 || out[i].count < out[hide].count))
                hide = i;
        if (hide >= 0)
            out[hide].shown = 0;
    }
    return 0;
}

static const char *tr(EvalLang lang, const char *da, const char *en)
{
    return lang == EVAL_LANG_EN ? en : da;
}

const char *eval_stop_option_label(const EvalStopRow *r, int i, EvalLang lang, char *tmp,
                                   size_t cap)
{
    static const char *const da[] = {"OK", "Faresignal", "Stalking"};
    static const char *const en[] = {"OK", "Warning sign", "Stalking"};
    if (r->kind != EVAL_POLL_CHOICE && i >= 0 && i < 3)
        return lang == EVAL_LANG_EN ? en[i] : da[i];
    if (i >= 0 && i < EVAL_POLL_MAX_OPTIONS && r->labels[i][0])
        return r->labels[i];
    snprintf(tmp, cap, "%s %d", tr(lang, "Mulighed", "Option"), i + 1);
    return tmp;
}

static const char *kind_label(EvalPollKind k, EvalLang lang)
{
    switch (k) {
    case EVAL_POLL_CHOICE: return tr(lang, "valg", "choice");
    case EVAL_POLL_SIGNAL: return tr(lang, "signal", "signal");
    default: return tr(lang, "stop", "stop");
    }
}

static void share_text(const EvalShare *s, EvalLang lang, char *out, size_t cap)
{
    if (s->closed)
        snprintf(out, cap, "%s", tr(lang, "ikke tilbudt", "not offered"));
    else if (s->shown)
        snprintf(out, cap, "%d %%", s->percent);
    else
        snprintf(out, cap, "%s", s->small ? "<5" : "-");
}

int eval_stops_text(const EvalStops *st, EvalLang lang, Buf *out)
{
    int i = 0, k = 0;
    char tmp[96], cell[32];
    int width = 14;
    buf_printf(out, "%s\n",
               tr(lang, "Rummets svar ved hvert stop", "The room's answers at every stop"));
    buf_printf(out, "%s: %d\n", tr(lang, "Rum (events)", "Rooms (events)"), st->rooms);
    for (i = 0; i < st->n; i++) {
        const EvalStopRow *r = eval_stops_row(st, i);
        EvalShare sh[EVAL_POLL_MAX_OPTIONS];
        buf_printf(out, "\n  %s / %s (%s): %s %d, %s %d", r->scenario, r->beat,
                   kind_label(r->kind, lang), tr(lang, "rum", "rooms"), r->rooms,
                   tr(lang, "stemmer", "votes"), r->votes);
        if (r->replays)
            buf_printf(out, ", %s %d", tr(lang, "efter spol tilbage", "after a rewind"),
                       r->replays);
        buf_puts(out, "\n");
        if (r->prompt[0])
            buf_printf(out, "    %s\n", r->prompt);
        if (eval_stop_shares(r, sh) < 0)
            buf_printf(out, "    %s\n", tr(lang, "stemmer <5: vises ikke", "votes <5: not shown"));
        width = 14; /* option texts line up by characters */
        for (k = 0; k < r->n_options; k++) {
            int len = (int)utf8_length(eval_stop_option_label(r, k, lang, tmp, sizeof tmp));
            if (len > width)
                width = len;
        }
        for (k = 0; k < r->n_options; k++) {
            const char *lab = eval_stop_option_label(r, k, lang, tmp, sizeof tmp);
            if (r->votes >= EVAL_MIN_CELL)
                share_text(&sh[k], lang, cell, sizeof cell);
            else
                cell[0] = '\0';
            buf_puts(out, "    ");
            eval_pad(out, lab, width, 0);
            buf_printf(out, " %6s   %s %d\n", cell,
                       r->kind == EVAL_POLL_CHOICE ? tr(lang, "rum valgte", "rooms chose")
                                                   : tr(lang, "rum sagde", "rooms said"),
                       r->result_rooms[k]);
        }
    }
    buf_printf(out, "\n%s\n",
               tr(lang, "Hvornår blev det stalking? (første stop hvor flertallet sagde stalking)",
                  "When did it become stalking? (first stop where the majority said stalking)"));
    for (i = 0; i < st->n; i++) {
        const EvalStopRow *r = eval_stops_row(st, i);
        if (r->kind == EVAL_POLL_CHOICE)
            continue;
        snprintf(tmp, sizeof tmp, "%s%s", r->beat, r->kind == EVAL_POLL_STOP ? " (stop)" : "");
        buf_printf(out, "  %-32s %3d %s\n", tmp, r->first_stalking, tr(lang, "rum", "rooms"));
    }
    buf_printf(out, "  %-32s %3d %s\n", tr(lang, "(aldrig)", "(never)"), st->never,
               tr(lang, "rum", "rooms"));
    return out->oom ? ERR_NOMEM : 0;
}

static void csv_put(Buf *b, const char *s, char sep, int last)
{
    const char *p = s ? s : "";
    /* a text starting like a formula is read as text by spreadsheets */
    int guard = *p == '=' || *p == '+' || *p == '-' || *p == '@' || *p == '\t' || *p == '\r';
    if (guard || strchr(p, sep) || strpbrk(p, "\"\r\n")) {
        buf_append(b, "\"", 1);
        if (guard)
            buf_append(b, "'", 1);
        for (; *p; p++)
            buf_append(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
        buf_append(b, "\"", 1);
    } else {
        buf_puts(b, p);
    }
    if (last)
        buf_puts(b, "\r\n");
    else
        buf_append(b, &sep, 1);
}

static void csv_int(Buf *b, int v, char sep)
{
    char t[24];
    snprintf(t, sizeof t, "%d", v);
    csv_put(b, t, sep, 0);
}

int eval_stops_csv(const EvalStops *st, EvalLang lang, char sep, int header, Buf *out)
{
    static const char *const cols[] = {"scenario",    "beat",    "kind",         "rooms",
                                       "rooms_voted", "replays", "votes",        "option",
                                       "label",       "hands",   "phones",       "count",
                                       "percent",     "status",  "rooms_result", "first_stalking"};
    int i = 0, k = 0;
    char tmp[64], num[24];
    if (header)
        for (i = 0; i < 16; i++)
            csv_put(out, cols[i], sep, i == 15);
    for (i = 0; i < st->n; i++) {
        const EvalStopRow *r = eval_stops_row(st, i);
        EvalShare sh[EVAL_POLL_MAX_OPTIONS];
        int rowshown = eval_stop_shares(r, sh) == 0;
        for (k = 0; k < r->n_options; k++) {
            int shown = rowshown && sh[k].shown;
            csv_put(out, r->scenario, sep, 0);
            csv_put(out, r->beat, sep, 0);
            csv_put(out, eval_poll_kind_name(r->kind), sep, 0);
            csv_int(out, r->rooms, sep);
            csv_int(out, r->rooms_voted, sep);
            csv_int(out, r->replays, sep);
            if (r->votes >= EVAL_MIN_CELL)
                csv_int(out, r->votes, sep);
            else
                csv_put(out, "", sep, 0);
            csv_int(out, k + 1, sep);
            csv_put(out, eval_stop_option_label(r, k, lang, tmp, sizeof tmp), sep, 0);
            if (shown) {
                csv_int(out, r->hands[k], sep);
                csv_int(out, r->phones[k], sep);
                csv_int(out, sh[k].count, sep);
                csv_int(out, sh[k].percent, sep);
            } else {
                for (int e = 0; e < 4; e++)
                    csv_put(out, "", sep, 0);
            }
            csv_put(out,
                    sh[k].closed ? "not_offered"
                    : shown      ? "shown"
                    : (rowshown && !sh[k].small) ? "hidden"
                                                 : "lt5",
                    sep, 0);
            csv_int(out, r->result_rooms[k], sep);
            snprintf(num, sizeof num, "%d", r->kind == EVAL_POLL_CHOICE ? 0 : r->first_stalking);
            csv_put(out, r->kind == EVAL_POLL_CHOICE ? "" : num, sep, 1);
        }
    }
    return out->oom ? ERR_NOMEM : 0;
}


int eval_stops_html(const EvalStops *st, EvalLang lang, Buf *out)
{
    static const char *const colours[] = {"#81b29a", "#f2cc8f", "#e07a5f"};
    int i = 0, k = 0, max = 1, nsig = 0;
    char tmp[64], cell[32];
    buf_printf(out, "<section class=\"stops\"><h2>%s</h2>\n<p>%s: %d</p>\n",
               tr(lang, "Rummets svar ved hvert stop", "The room's answers at every stop"),
               tr(lang, "Rum (events)", "Rooms (events)"), st->rooms);
    buf_printf(out,
               "<table class=\"stops\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
               "<th>%s</th><th>%s</th><th>%s</th></tr></thead>\n",
               tr(lang, "Stop", "Stop"), tr(lang, "Rum", "Rooms"), tr(lang, "Stemmer", "Votes"),
               tr(lang, "Svar", "Answer"), tr(lang, "Andel", "Share"),
               tr(lang, "Rum valgte", "Rooms chose"));
    for (i = 0; i < st->n; i++) {
        const EvalStopRow *r = eval_stops_row(st, i);
        EvalShare sh[EVAL_POLL_MAX_OPTIONS];
        int rowshown = eval_stop_shares(r, sh) == 0;
        /* one row per option, so each answer keeps its share and its rooms
         * on its own line however the labels wrap */
        buf_puts(out, "<tbody>");
        for (k = 0; k < r->n_options; k++) {
            buf_puts(out, "<tr>");
            if (k == 0) {
                buf_printf(out, "<th rowspan=\"%d\">", r->n_options);
                buf_xml_text(out, r->beat);
                buf_printf(out, " <small>(%s)</small>", kind_label(r->kind, lang));
                if (r->prompt[0]) {
                    buf_puts(out, "<br><span class=\"prompt\">");
                    buf_xml_text(out, r->prompt);
                    buf_puts(out, "</span>");
                }
                buf_printf(out, "</th><td class=\"v\" rowspan=\"%d\">%d</td>", r->n_options,
                           r->rooms);
                buf_printf(out, "<td class=\"v\" rowspan=\"%d\">", r->n_options);
                if (rowshown)
                    buf_printf(out, "%d", r->votes);
                else
                    buf_puts(out, "&lt;5");
                buf_puts(out, "</td>");
            }
            buf_puts(out, "<td>");
            buf_xml_text(out, eval_stop_option_label(r, k, lang, tmp, sizeof tmp));
            buf_puts(out, "</td><td class=\"v\">");
            if (rowshown) {
                share_text(&sh[k], lang, cell, sizeof cell);
                buf_xml_text(out, cell);
            } else {
                buf_puts(out, "&ndash;");
            }
            buf_printf(out, "</td><td class=\"v\">%d</td></tr>\n", r->result_rooms[k]);
        }
        buf_puts(out, "</tbody>\n");
        if (r->kind != EVAL_POLL_CHOICE) {
            nsig++;
            if (r->first_stalking > max)
                max = r->first_stalking;
        }
    }
    if (st->never > max)
        max = st->never;
    buf_puts(out, "</table>\n");
    buf_printf(out,
               "<h3>%s</h3>\n<svg class=\"timeline\" width=\"640\" height=\"%d\" role=\"img\">\n",
               tr(lang, "Hvornår blev det stalking?", "When did it become stalking?"),
               (nsig + 1) * 22 + 4);
    k = 0;
    for (i = 0; i < st->n; i++) {
        const EvalStopRow *r = eval_stops_row(st, i);
        if (r->kind == EVAL_POLL_CHOICE)
            continue;
        buf_printf(out, "<text x=\"0\" y=\"%d\" font-size=\"12\">", k * 22 + 15);
        buf_xml_text(out, r->beat);
        if (r->kind == EVAL_POLL_STOP)
            buf_puts(out, " (stop)");
        buf_printf(out,
                   "</text><rect x=\"220\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"/>"
                   "<text x=\"%d\" y=\"%d\" font-size=\"12\">%d</text>\n",
                   k * 22 + 3, r->first_stalking * 360 / max, colours[2],
                   226 + r->first_stalking * 360 / max, k * 22 + 15, r->first_stalking);
        k++;
    }
    buf_printf(out,
               "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text><rect x=\"220\" y=\"%d\" "
               "width=\"%d\" height=\"16\" fill=\"#bbb\"/><text x=\"%d\" y=\"%d\" "
               "font-size=\"12\">%d</text>\n</svg>\n",
               k * 22 + 15, tr(lang, "(aldrig)", "(never)"), k * 22 + 3, st->never * 360 / max,
               226 + st->never * 360 / max, k * 22 + 15, st->never);
    buf_printf(out, "<p class=\"note\">%s</p></section>\n",
               tr(lang,
                  "Første gennemspilning i hvert rum; stemmer efter spol tilbage tælles for sig. "
                  "&lt;5: færre end 5 stemmer.",
                  "First pass in each room; votes after a rewind are counted apart. "
                  "&lt;5: fewer than 5 votes."));
    (void)colours[0];
    return out->oom ? ERR_NOMEM : 0;
}
