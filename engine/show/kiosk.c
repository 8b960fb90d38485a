/* kiosk.c - the evaluation questionnaire on the laptop: a pure state machine
 * (no SDL, no SQLite).  See kiosk.h for the contract.
 *
 * The form keeps one value per question (a choice, a multi mask or a text
 * buffer).  Only on submit are they turned into an EvalAnswers through the
 * eval_answers_set_* functions, so the same checks apply as for phones.
 * Every reset wipes the values and the submission, so the next student never
 * sees (and the next submission never carries) anything of the last one.
 */
#include "show/kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "show/ui_text.h"

struct Kiosk {
    const EvalQuestionnaire *q;
    int en;
    int n;                  /* questions */
    KioskPage page;
    int question;
    int highlight;
    int choice[EVAL_MAX_QUESTIONS];      /* single / yes-no: 1..n, 0 = none */
    uint32_t mask[EVAL_MAX_QUESTIONS];   /* multi */
    char text[EVAL_MAX_QUESTIONS][EVAL_MAX_TEXT]; /* text: UTF-8, NUL-terminated */
    char error[ERR_MSG_MAX];
    int leave_asked; /* Ctrl+K warned that the unsent answers would go */
    EvalAnswers *sub;       /* built on submit, kept until saved or discarded */
    unsigned long last_input;
    unsigned long thanks_at;
};

static const char *word(const Kiosk *k, UiTextId id) { return ui_text(k->en, id); }

static EvalLang lang(const Kiosk *k) { return k->en ? EVAL_LANG_EN : EVAL_LANG_DA; }

static unsigned long elapsed(unsigned long now, unsigned long since)
{
    return now >= since ? now - since : 0;
}

static int is_answered(const Kiosk *k, int qi)
{
    switch (eval_q_kind(k->q, qi)) {
    case EVAL_SINGLE:
    case EVAL_YESNO: return k->choice[qi] > 0;
    case EVAL_MULTI: return k->mask[qi] != 0;
    case EVAL_TEXT: return k->text[qi][0] != '\0';
    default: return 0;
    }
}

static int answered_count(const Kiosk *k)
{
    int i = 0, n = 0;
    for (i = 0; i < k->n; i++)
        n += is_answered(k, i);
    return n;
}

/* 1 when nothing would change on a reset: the first question, empty form. */
static int pristine(const Kiosk *k)
{
    return k->page == KIOSK_PAGE_QUESTION && k->question == 0 && answered_count(k) == 0 &&
           !k->error[0] && !k->sub && k->highlight < 0;
}

static int is_choice(const Kiosk *k, int qi)
{
    return k->page == KIOSK_PAGE_QUESTION && eval_q_kind(k->q, qi) != EVAL_TEXT;
}

/* The keyboard highlight on entering question qi: the (first) chosen option. */
static int initial_highlight(const Kiosk *k, int qi)
{
    int i = 0;
    EvalKind kind = eval_q_kind(k->q, qi);
    if (kind == EVAL_SINGLE || kind == EVAL_YESNO)
        return k->choice[qi] > 0 ? k->choice[qi] - 1 : -1;
    if (kind == EVAL_MULTI) {
        for (i = 0; i < eval_q_option_count(k->q, qi); i++) {
            if (k->mask[qi] & (1u << i))
                return i;
        }
    }
    return -1;
}

static void go_question(Kiosk *k, int qi)
{
    k->page = KIOSK_PAGE_QUESTION;
    k->question = qi;
    k->highlight = initial_highlight(k, qi);
    k->error[0] = '\0';
}

static void discard(Kiosk *k)
{
    eval_answers_free(k->sub);
    k->sub = NULL;
    memset(k->choice, 0, sizeof k->choice);
    memset(k->mask, 0, sizeof k->mask);
    /* wipe the whole buffers, not just the first byte: a text must not
     * linger in memory for the next student's session */
    memset(k->text, 0, sizeof k->text);
    k->error[0] = '\0';
    k->page = KIOSK_PAGE_QUESTION;
    k->question = 0;
    k->highlight = -1;
}

Kiosk *kiosk_new(const EvalQuestionnaire *q, int en, Err *err)
{
    Kiosk *k = NULL;
    if (!q || eval_q_count(q) < 1) {
        err_set(err, ERR_INVALID, "kiosk: no questionnaire");
        return NULL;
    }
    k = calloc(1, sizeof *k);
    if (!k) {
        err_set(err, ERR_NOMEM, "kiosk: out of memory");
        return NULL;
    }
    k->q = q;
    k->en = en ? 1 : 0;
    k->n = eval_q_count(q);
    if (k->n > EVAL_MAX_QUESTIONS)
        k->n = EVAL_MAX_QUESTIONS;
    discard(k);
    return k;
}

void kiosk_free(Kiosk *k)
{
    if (!k)
        return;
    eval_answers_free(k->sub);
    memset(k->text, 0, sizeof k->text);
    free(k);
}

void kiosk_reset(Kiosk *k, unsigned long now_ms)
{
    if (!k)
        return;
    discard(k);
    k->last_input = now_ms;
}

/* Chooses (single, yes/no) or toggles (multi) option index i of the question. */
static int choose(Kiosk *k, int i)
{
    int qi = k->question;
    if (!is_choice(k, qi) || i < 0 || i >= eval_q_option_count(k->q, qi))
        return 0;
    if (eval_q_kind(k->q, qi) == EVAL_MULTI)
        k->mask[qi] ^= 1u << i;
    else
        k->choice[qi] = i + 1;
    k->highlight = i;
    k->error[0] = '\0';
    return 1;
}

/* Builds the submission from the form; 0, or a negative code with the
 * question to show in *bad_qi (-1 when no question is to blame). */
static int build_submission(Kiosk *k, int *bad_qi, Err *err)
{
    int i = 0, rc = 0;
    EvalAnswers *a = eval_answers_new(k->q);
    *bad_qi = -1;
    if (!a)
        return err_set(err, ERR_NOMEM, "out of memory");
    for (i = 0; i < k->n && rc == 0; i++) {
        const char *id = eval_q_question_id(k->q, i);
        if (eval_q_required(k->q, i) && !is_answered(k, i)) {
            *bad_qi = i;
            rc = err_set(err, ERR_INVALID, "%s", word(k, UI_KIOSK_CHOOSE));
            break;
        }
        if (!is_answered(k, i))
            continue;
        switch (eval_q_kind(k->q, i)) {
        case EVAL_SINGLE:
        case EVAL_YESNO: rc = eval_answers_set_choice(a, id, k->choice[i], err); break;
        case EVAL_MULTI: rc = eval_answers_set_multi(a, id, k->mask[i], err); break;
        case EVAL_TEXT: rc = eval_answers_set_text(a, id, k->text[i], err); break;
        default: break;
        }
        if (rc < 0)
            *bad_qi = i;
    }
    if (rc == 0)
        rc = eval_answers_validate(a, err);
    if (rc < 0) {
        eval_answers_free(a);
        return rc;
    }
    eval_answers_free(k->sub);
    k->sub = a;
    return 0;
}

static int key_question(Kiosk *k, KioskKey key, int arg)
{
    int qi = k->question;
    int nopt = eval_q_option_count(k->q, qi);
    switch (key) {
    case KIOSK_KEY_NEXT:
        if (eval_q_required(k->q, qi) && !is_answered(k, qi)) {
            snprintf(k->error, sizeof k->error, "%s", word(k, UI_KIOSK_CHOOSE));
            return 1;
        }
        if (qi + 1 < k->n) {
            go_question(k, qi + 1);
        } else {
            k->page = KIOSK_PAGE_REVIEW;
            k->highlight = -1;
            k->error[0] = '\0';
        }
        return 1;
    case KIOSK_KEY_BACK:
        if (qi == 0)
            return 0;
        go_question(k, qi - 1);
        return 1;
    case KIOSK_KEY_DIGIT:
        return choose(k, arg == 0 ? 9 : arg - 1);
    case KIOSK_KEY_CLICK:
        return choose(k, arg);
    case KIOSK_KEY_SELECT:
        return choose(k, k->highlight);
    case KIOSK_KEY_UP:
    case KIOSK_KEY_DOWN:
        if (!is_choice(k, qi) || nopt < 1)
            return 0;
        if (k->highlight < 0)
            k->highlight = key == KIOSK_KEY_DOWN ? 0 : nopt - 1;
        else if (key == KIOSK_KEY_DOWN && k->highlight + 1 < nopt)
            k->highlight++;
        else if (key == KIOSK_KEY_UP && k->highlight > 0)
            k->highlight--;
        else
            return 0;
        return 1;
    case KIOSK_KEY_DELETE: {
        char *t = k->text[qi];
        size_t n = strlen(t);
        if (eval_q_kind(k->q, qi) != EVAL_TEXT || n == 0)
            return 0;
        /* back to the start of the last code point */
        do {
            n--;
        } while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80);
        memset(t + n, 0, strlen(t + n));
        return 1;
    }
    default: return 0;
    }
}

int kiosk_key(Kiosk *k, KioskKey key, int arg, unsigned long now_ms)
{
    Err e;
    int bad = -1;
    if (!k)
        return 0;
    err_clear(&e);
    k->last_input = now_ms;
    k->leave_asked = 0;
    /* a click on a button is the key it stands for */
    if (key == KIOSK_KEY_CLICK && arg == -10)
        key = KIOSK_KEY_NEXT;
    else if (key == KIOSK_KEY_CLICK && arg == -11)
        key = KIOSK_KEY_BACK;
    else if (key == KIOSK_KEY_CLICK && arg < 0)
        return 0;
    /* the frame loop is committing the submission: nothing may change it */
    if (k->page == KIOSK_PAGE_SAVING || k->page == KIOSK_PAGE_THANKS)
        return 0;
    if (key == KIOSK_KEY_CANCEL) {
        int was = pristine(k);
        discard(k);
        return !was;
    }
    switch (k->page) {
    case KIOSK_PAGE_QUESTION: return key_question(k, key, arg);
    case KIOSK_PAGE_REVIEW:
        if (key == KIOSK_KEY_BACK) {
            go_question(k, k->n - 1);
            return 1;
        }
        if (key != KIOSK_KEY_NEXT)
            return 0;
        if (build_submission(k, &bad, &e) < 0) {
            if (bad >= 0)
                go_question(k, bad);
            snprintf(k->error, sizeof k->error, "%s", e.msg);
            return 1;
        }
        k->page = KIOSK_PAGE_SAVING;
        k->error[0] = '\0';
        return 1;
    case KIOSK_PAGE_FAILED:
        if (key == KIOSK_KEY_NEXT && k->sub) {
            k->page = KIOSK_PAGE_SAVING;
            k->error[0] = '\0';
            return 1;
        }
        if (key == KIOSK_KEY_BACK) {
            /* back to the review page; the answers stay and are rebuilt on Send */
            eval_answers_free(k->sub);
            k->sub = NULL;
            k->page = KIOSK_PAGE_REVIEW;
            k->error[0] = '\0';
            return 1;
        }
        return 0;
    default: return 0;
    }
}

int kiosk_text(Kiosk *k, const char *utf8, unsigned long now_ms)
{
    char *t = NULL;
    size_t len = 0, in = 0, n = 0;
    int chars = 0, max = 0, changed = 0;
    if (!k || !utf8)
        return 0;
    k->last_input = now_ms;
    if (!kiosk_wants_text(k))
        return 0;
    t = k->text[k->question];
    len = strlen(t);
    chars = (int)utf8_length(t);
    max = eval_q_max_chars(k->q, k->question);
    n = strlen(utf8);
    while (in < n) {
        uint32_t cp = 0;
        size_t l = utf8_decode(utf8 + in, n - in, &cp);
        if (l == 0)
            break;
        /* invalid bytes and control characters (C0, DEL, C1) are dropped */
        if ((l == 1 && cp == 0xFFFD) || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
            in += l;
            continue;
        }
        if (chars >= max || len + l >= EVAL_MAX_TEXT)
            break;
        memcpy(t + len, utf8 + in, l);
        len += l;
        t[len] = '\0';
        chars++;
        in += l;
        changed = 1;
    }
    if (changed)
        k->error[0] = '\0';
    return changed;
}

int kiosk_wants_text(const Kiosk *k)
{
    return k && k->page == KIOSK_PAGE_QUESTION && eval_q_kind(k->q, k->question) == EVAL_TEXT;
}

int kiosk_tick(Kiosk *k, unsigned long now_ms)
{
    if (!k)
        return 0;
    if (k->page == KIOSK_PAGE_SAVING)
        return 0;
    if (k->page == KIOSK_PAGE_THANKS) {
        if (elapsed(now_ms, k->thanks_at) < KIOSK_THANKS_MS)
            return 0;
        kiosk_reset(k, now_ms);
        return 1;
    }
    if (pristine(k) || elapsed(now_ms, k->last_input) < KIOSK_IDLE_MS)
        return 0;
    kiosk_reset(k, now_ms);
    return 1;
}

long kiosk_next_timer(const Kiosk *k, unsigned long now_ms)
{
    unsigned long e = 0;
    if (!k || k->page == KIOSK_PAGE_SAVING)
        return -1;
    if (k->page == KIOSK_PAGE_THANKS) {
        e = elapsed(now_ms, k->thanks_at);
        return e >= KIOSK_THANKS_MS ? 0 : (long)(KIOSK_THANKS_MS - e);
    }
    if (pristine(k))
        return -1;
    e = elapsed(now_ms, k->last_input);
    return e >= KIOSK_IDLE_MS ? 0 : (long)(KIOSK_IDLE_MS - e);
}

const EvalAnswers *kiosk_submission(const Kiosk *k)
{
    return k && k->page == KIOSK_PAGE_SAVING ? k->sub : NULL;
}

void kiosk_saved(Kiosk *k, int ok, const char *msg, unsigned long now_ms)
{
    if (!k || k->page != KIOSK_PAGE_SAVING)
        return;
    if (ok) {
        discard(k);
        k->page = KIOSK_PAGE_THANKS;
        k->thanks_at = now_ms;
        k->last_input = now_ms;
        return;
    }
    k->page = KIOSK_PAGE_FAILED;
    snprintf(k->error, sizeof k->error, "%s", msg && *msg ? msg : word(k, UI_KIOSK_NOT_SAVED));
    /* the student waited for the commit: the idle time starts now */
    k->last_input = now_ms;
}

void kiosk_view(const Kiosk *k, KioskView *out)
{
    int qi = 0, i = 0;
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    out->highlight = -1;
    out->title = out->intro = out->prompt = out->warning = out->text = out->error = "";
    if (!k)
        return;
    qi = k->question;
    out->page = k->page;
    out->en = k->en;
    out->title = eval_q_title(k->q, lang(k));
    out->intro = eval_q_intro(k->q, lang(k));
    out->question = qi;
    out->n_questions = k->n;
    out->kind = eval_q_kind(k->q, qi);
    out->prompt = eval_q_text(k->q, qi, lang(k));
    out->required = eval_q_required(k->q, qi);
    out->highlight = k->highlight;
    out->answered = answered_count(k);
    out->error = k->error;
    if (out->kind == EVAL_TEXT) {
        out->warning = eval_q_warning(k->q, qi, lang(k));
        out->text = k->text[qi];
        out->max_chars = eval_q_max_chars(k->q, qi);
    } else {
        out->n_options = eval_q_option_count(k->q, qi);
        if (out->n_options > EVAL_MAX_OPTIONS)
            out->n_options = EVAL_MAX_OPTIONS;
        for (i = 0; i < out->n_options; i++)
            out->options[i] = eval_q_option(k->q, qi, i + 1, lang(k));
        if (out->kind == EVAL_MULTI)
            out->chosen = k->mask[qi];
        else if (k->choice[qi] > 0)
            out->chosen = 1u << (k->choice[qi] - 1);
    }
    if (!out->title)
        out->title = "";
    if (!out->intro)
        out->intro = "";
    if (!out->prompt)
        out->prompt = "";
    if (!out->warning)
        out->warning = "";
}

int kiosk_leave(Kiosk *k)
{
    if (!k || pristine(k) || k->page == KIOSK_PAGE_THANKS || k->leave_asked)
        return 1;
    if (k->page == KIOSK_PAGE_SAVING)
        return 0; /* the commit decides; then the form is sent or kept */
    k->leave_asked = 1;
    snprintf(k->error, sizeof k->error, "%s", word(k, UI_KIOSK_LEAVE));
    return 0;
}

void kiosk_say(Kiosk *k, int ui_id)
{
    if (k)
        snprintf(k->error, sizeof k->error, "%s", word(k, (UiTextId)ui_id));
}
