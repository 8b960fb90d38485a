/* kiosk.h - the evaluation questionnaire on the laptop itself (pure C).
 *
 * One student at a time answers the questionnaire with keyboard, mouse or
 * touch; one question per screen.  The form resets after each submit and
 * after KIOSK_IDLE_MS without input; partial answers are discarded.  The
 * kiosk never touches SQLite: when the student submits, kiosk_submission()
 * hands the answers to the frame loop, which commits them and calls
 * kiosk_saved(); only then does the student see "thank you, saved".
 */
#ifndef APP_KIOSK_H
#define APP_KIOSK_H

#include "core/err.h"
#include "eval/eval.h"

#define KIOSK_IDLE_MS 60000   /* idle time before the form resets */
#define KIOSK_THANKS_MS 4000  /* how long "thank you, saved" stays */

typedef enum {
    KIOSK_KEY_NEXT,   /* Return / Right: next question (or submit on the last page) */
    KIOSK_KEY_BACK,   /* Left: previous question */
    KIOSK_KEY_DIGIT,  /* arg 1..9, 0 = 10: choose (single, yes/no) or toggle (multi) */
    KIOSK_KEY_UP,     /* move the highlight */
    KIOSK_KEY_DOWN,
    KIOSK_KEY_SELECT, /* Space on a choice: choose/toggle the highlighted option */
    KIOSK_KEY_DELETE, /* Backspace: delete the last character of a text answer */
    KIOSK_KEY_CANCEL, /* Escape: discard the form, back to the first question */
    KIOSK_KEY_CLICK   /* arg: option index clicked or touched; -10 next, -11 back */
} KioskKey;

typedef enum {
    KIOSK_PAGE_QUESTION, /* answering question `question` */
    KIOSK_PAGE_REVIEW,   /* the last page: "submit?" with the count answered */
    KIOSK_PAGE_SAVING,   /* submitted, waiting for the commit */
    KIOSK_PAGE_THANKS,   /* "thank you, saved" */
    KIOSK_PAGE_FAILED    /* the commit failed: message, the answers kept for a retry */
} KioskPage;

/* What views_eval.c draws (pointers valid until the next kiosk_* call). */
typedef struct KioskView {
    KioskPage page;
    int en;                 /* 1: English */
    const char *title;      /* questionnaire title */
    const char *intro;      /* shown above question 1; may be "" */
    int question;           /* 0-based */
    int n_questions;
    EvalKind kind;
    const char *prompt;
    const char *warning;    /* text questions: "write no names"; "" otherwise */
    int required;
    int n_options;
    const char *options[EVAL_MAX_OPTIONS];
    unsigned chosen;        /* bit i: option i chosen */
    int highlight;          /* option under the keyboard highlight, -1 */
    const char *text;       /* text typed so far (text questions) */
    int max_chars;
    int answered;           /* questions answered so far */
    const char *error;      /* "" or why Next was refused / the commit failed */
} KioskView;

typedef struct Kiosk Kiosk;

/* Leaving the kiosk (Ctrl+K): 1 when it loses nothing (an empty form, a
 * saved one) or when asked already; else 0, and the form says that a second
 * Ctrl+K deletes the unsent answers (any other key takes the warning back). */
int kiosk_leave(Kiosk *k);
/* Shows ui_text string ui_id (a UiText) where the form shows its errors. */
void kiosk_say(Kiosk *k, int ui_id);

/* A kiosk for questionnaire q (which must outlive it), in English if en.
 * NULL on OOM. */
Kiosk *kiosk_new(const EvalQuestionnaire *q, int en, Err *err);
void kiosk_free(Kiosk *k);

/* Discards the answers and returns to the first question. */
void kiosk_reset(Kiosk *k, unsigned long now_ms);

/* Applies a key; returns 1 if the view changed. */
int kiosk_key(Kiosk *k, KioskKey key, int arg, unsigned long now_ms);
/* Typed text (UTF-8, from SDL_TEXTINPUT) on a text question; limited to
 * the question's max characters.  Returns 1 if the view changed. */
int kiosk_text(Kiosk *k, const char *utf8, unsigned long now_ms);
/* 1 while a text question is shown (the frame loop then feeds text input). */
int kiosk_wants_text(const Kiosk *k);

/* Idle reset and the end of the thank-you page.  Returns 1 if changed. */
int kiosk_tick(Kiosk *k, unsigned long now_ms);
/* Milliseconds until kiosk_tick has something to do, or -1. */
long kiosk_next_timer(const Kiosk *k, unsigned long now_ms);

/* The answers submitted and awaiting a commit (page SAVING), or NULL.
 * Borrowed until kiosk_saved(). */
const EvalAnswers *kiosk_submission(const Kiosk *k);
/* The frame loop's answer: ok -> THANKS (then a fresh form); else FAILED
 * with msg, the answers kept so Next retries. */
void kiosk_saved(Kiosk *k, int ok, const char *msg, unsigned long now_ms);

void kiosk_view(const Kiosk *k, KioskView *out);

#endif
