/* eval.h - anonymous evaluation questionnaires and answer sets (pure C).
 *
 * A questionnaire is a list of questions with stable ids.  Kinds:
 *   EVAL_SINGLE  one option of a labelled scale (options numbered 1..n)
 *   EVAL_YESNO   option 1 = yes, option 2 = no
 *   EVAL_MULTI   any subset of the options (a bit mask, bit k-1 = option k)
 *   EVAL_TEXT    optional free text, shown with a "write no names" warning
 * Every text is given in Danish and English.  Single-choice questions may
 * define report groups ("positive" = options 4 and 5 of 5), which the report
 * shows next to the options.
 *
 * An answer set holds the answers of one respondent for one questionnaire;
 * eval_answers_validate() checks it, eval_answers_from_json() decodes what a
 * phone posts.  The questionnaire must outlive the answer sets made for it.
 */
#ifndef EVAL_EVAL_H
#define EVAL_EVAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define EVAL_MAX_QUESTIONS 32
#define EVAL_MAX_OPTIONS 10   /* per question; multi masks fit in 32 bits */
#define EVAL_MAX_GROUPS 6     /* report groups per question */
#define EVAL_MAX_ID 48        /* bytes of a questionnaire/question/group id */
#define EVAL_MAX_LABEL 600    /* bytes of a question, option or group text */
#define EVAL_MAX_TEXT 2000    /* bytes of a free-text answer (hard limit) */
#define EVAL_MAX_SID 64       /* bytes of a client submission id */
#define EVAL_MAX_CODE 16      /* bytes of a room code */
#define EVAL_MAX_JSON 32768   /* bytes of a posted answer document */

typedef enum { EVAL_SINGLE = 0, EVAL_YESNO, EVAL_MULTI, EVAL_TEXT } EvalKind;

#define EVAL_KIND_COUNT 4

/* The one table of question-kind names, as scenario files, the stored and
 * the phones' JSON and the CSV report spell them: "single", "yesno",
 * "multi", "text".  eval_kind_name() returns static storage ("" for a value
 * out of range); eval_kind_parse() returns 0 and sets *out, or -1 for an
 * unknown name or NULL (*out untouched). */
const char *eval_kind_name(EvalKind k);
int eval_kind_parse(const char *name, EvalKind *out);

typedef enum { EVAL_LANG_DA = 0, EVAL_LANG_EN = 1 } EvalLang;

typedef struct EvalQuestionnaire EvalQuestionnaire;

/* ---- building a questionnaire ---------------------------------------- */

/* Creates an empty questionnaire with a stable id ([a-z0-9_.-], at most
 * EVAL_MAX_ID-1 bytes) and a title.  Returns NULL (message in err) on a bad
 * id or no memory.  Free with eval_q_free(). */
EvalQuestionnaire *eval_q_new(const char *id, const char *title_da, const char *title_en,
                              Err *err);
void eval_q_free(EvalQuestionnaire *q);

/* Sets the introduction shown above the questions (optional). */
int eval_q_set_intro(EvalQuestionnaire *q, const char *da, const char *en, Err *err);

/* Adds a question; returns its index (>= 0) or a negative ERR_* code.
 * Yes/no questions get their two options ("Ja"/"Yes", "Nej"/"No")
 * automatically.  Ids must be unique within the questionnaire. */
int eval_q_add_question(EvalQuestionnaire *q, const char *id, EvalKind kind, const char *da,
                        const char *en, int required, Err *err);

/* Adds an option to a single or multi question; returns its number (1..n). */
int eval_q_add_option(EvalQuestionnaire *q, int qi, const char *da, const char *en, Err *err);

/* Adds a report group to a single or yes/no question: the options whose
 * numbers are in `options` (count n).  Returns the group index. */
int eval_q_add_group(EvalQuestionnaire *q, int qi, const char *id, const char *da,
                     const char *en, const int *options, int n, Err *err);

/* Sets the warning shown with a text question (default "Skriv ingen navne" /
 * "Write no names") and its maximum length in characters (1..1000, default
 * 500). */
int eval_q_set_text_rules(EvalQuestionnaire *q, int qi, const char *warn_da, const char *warn_en,
                          int max_chars, Err *err);

/* Checks the whole questionnaire (at least one question, single and multi
 * questions have 2..EVAL_MAX_OPTIONS options, groups reference existing
 * options) and freezes it.  Returns 0 or ERR_INVALID with the question id. */
int eval_q_finish(EvalQuestionnaire *q, Err *err);

/* ---- reading a questionnaire (borrowed strings live as long as q) ------ */

const char *eval_q_id(const EvalQuestionnaire *q);
const char *eval_q_title(const EvalQuestionnaire *q, EvalLang lang);
const char *eval_q_intro(const EvalQuestionnaire *q, EvalLang lang); /* "" if none */
int eval_q_count(const EvalQuestionnaire *q);
/* Index of the question with this id, or -1. */
int eval_q_find(const EvalQuestionnaire *q, const char *qid);
const char *eval_q_question_id(const EvalQuestionnaire *q, int qi);
EvalKind eval_q_kind(const EvalQuestionnaire *q, int qi);
int eval_q_required(const EvalQuestionnaire *q, int qi);
const char *eval_q_text(const EvalQuestionnaire *q, int qi, EvalLang lang);
/* Text-question warning and length limit (characters). */
const char *eval_q_warning(const EvalQuestionnaire *q, int qi, EvalLang lang);
int eval_q_max_chars(const EvalQuestionnaire *q, int qi);
int eval_q_option_count(const EvalQuestionnaire *q, int qi);
/* Option opt is 1-based. */
const char *eval_q_option(const EvalQuestionnaire *q, int qi, int opt, EvalLang lang);
int eval_q_group_count(const EvalQuestionnaire *q, int qi);
const char *eval_q_group_id(const EvalQuestionnaire *q, int qi, int gi);
const char *eval_q_group_label(const EvalQuestionnaire *q, int qi, int gi, EvalLang lang);
/* Bit mask of the options in group gi (bit k-1 = option k). */
uint32_t eval_q_group_mask(const EvalQuestionnaire *q, int qi, int gi);

/* The one JSON encoder of a questionnaire: the phone page reads it (inside
 * the phones' state, docs/http-api.md) and the store keeps it next to the
 * answers.  Shape:
 *   {"id":..,"title":{"da":..,"en":..}[,"intro":{..}],"questions":[
 *     {"id":..,"kind":"single|yesno|multi|text","required":true|false,
 *      "prompt":{"da":..,"en":..}
 *      [,"warning":{..},"max":N]                       text questions
 *      [,"options":[{"value":1,"text":{..}},..]]        single and multi
 *      [,"groups":[{"id":..,"label":{..},"options":[4,5]},..]]}]}
 * Returns a malloc'ed string (caller frees) or NULL on no memory. */
char *eval_q_to_json(const EvalQuestionnaire *q);
/* Parses what eval_q_to_json() writes, and also the older stored shape
 * (question "text" instead of "prompt", "max_length" instead of "max",
 * options as {"da":..,"en":..} or plain strings), so databases written
 * before keep their reports.  Returns a finished questionnaire (caller
 * frees) or NULL with a message. */
EvalQuestionnaire *eval_q_from_json(const char *json, size_t len, Err *err);

/* ---- answer sets ------------------------------------------------------- */

/* One answer; `present` is 0 for a skipped question. */
typedef struct EvalAnswer {
    int present;
    int choice;    /* single / yes-no: option number 1..n */
    uint32_t mask; /* multi: chosen options */
    char *text;    /* text: owned by the answer set */
} EvalAnswer;

typedef struct EvalAnswers {
    const EvalQuestionnaire *q; /* borrowed */
    EvalAnswer a[EVAL_MAX_QUESTIONS];
} EvalAnswers;

/* Creates an empty answer set for q; NULL on no memory. */
EvalAnswers *eval_answers_new(const EvalQuestionnaire *q);
void eval_answers_free(EvalAnswers *a);
/* Forgets every answer (the kiosk reset). */
void eval_answers_clear(EvalAnswers *a);
/* Copies src into a new set; NULL on no memory. */
EvalAnswers *eval_answers_copy(const EvalAnswers *src);

/* Set one answer by question id.  They check the value against the question
 * (unknown question, wrong kind, option out of range, text too long or not
 * UTF-8) and return 0 or ERR_INVALID/ERR_LIMIT with a message naming the
 * question.  An empty text skips the question. */
int eval_answers_set_choice(EvalAnswers *a, const char *qid, int option, Err *err);
int eval_answers_set_multi(EvalAnswers *a, const char *qid, uint32_t mask, Err *err);
int eval_answers_set_text(EvalAnswers *a, const char *qid, const char *text, Err *err);
/* Marks the question skipped. */
int eval_answers_skip(EvalAnswers *a, const char *qid, Err *err);

/* Checks the set as a whole: every value in range and every required
 * question answered.  Returns 0 or ERR_INVALID. */
int eval_answers_validate(const EvalAnswers *a, Err *err);
/* Number of answered questions. */
int eval_answers_count(const EvalAnswers *a);

/* Decodes {"r":"CODE","sid":"...","answers":{"qid": 3 | [1,2] | "text" |
 * true|false}} into a new, validated answer set (*out, caller frees).  code
 * and sid receive the room code and submission id (buffers of
 * EVAL_MAX_CODE and EVAL_MAX_SID bytes; "r" may be absent, "sid" may not).
 * Returns 0, or ERR_LIMIT / ERR_INVALID with a message; *out is NULL then. */
int eval_answers_from_json(const EvalQuestionnaire *q, const char *json, size_t len,
                           EvalAnswers **out, char code[EVAL_MAX_CODE], char sid[EVAL_MAX_SID],
                           Err *err);

/* Checks a stable id: 1..EVAL_MAX_ID-1 bytes of [A-Za-z0-9_.-]. */
int eval_id_valid(const char *id);

#endif
