/* show_phones.h - the phones' state JSON, built from a view of the show.
 *
 * What a phone shows (the open poll, the idea box, the questionnaire or
 * "look at the screen") follows from the projector's view alone, so the
 * state is a pure function of a ShowView and the questionnaire JSON.  The
 * shape is docs/http-api.md's.  Pure C: no SDL, no Lua, no network (the frame
 * loop hands the result to the phone server).
 */
#ifndef SHOW_SHOW_PHONES_H
#define SHOW_SHOW_PHONES_H

#include "core/buf.h"
#include "show/show.h"

typedef enum { SHOW_PHONES_CHOICE, SHOW_PHONES_SIGNAL, SHOW_PHONES_IDEA } ShowPhonesKind;

/* What the phone server needs to accept or refuse input at once (the frame
 * loop copies it into the server's own validation info). */
typedef struct ShowPhonesInfo {
    int poll_id;         /* the poll phones may answer; <= 0: none */
    ShowPhonesKind kind;
    int open;            /* 1 while phones may vote on poll_id */
    int n_options;       /* options 0..n_options-1 */
    unsigned enabled;    /* bit i set: option i can receive votes */
    int ideas_open;      /* 1 while ideas are accepted (for poll_id) */
    int eval_open;       /* 1 while evaluation answers are accepted */
} ShowPhonesInfo;

/* Idea prompts get poll ids from here up (beat index added), so they never
 * collide with vote polls. */
#define SHOW_PHONES_IDEA_ID 1000000

/* Appends the state for view v to out, without its version member:
 *   {"lang":"da","event":"..","title":..,"help":{..},"poll":{..}|null,
 *    "eval":{"open":true,..}|null,"screen":".."}
 * "lang" is the show's scenario language (absent without a scenario),
 * "event" the event's public id (absent when event is NULL or ""), "help"
 * the scenario's help card (absent without contacts); a disabled option
 * carries its "reason".  eval_json is the questionnaire as eval_q_to_json()
 * writes it while the evaluation is open for phones, else NULL.  info (not
 * NULL) is filled.  Returns 0, or ERR_NOMEM (out->oom is set; info is still
 * filled). */
int show_phones_state(const ShowView *v, const char *eval_json, const char *event, Buf *out,
                      ShowPhonesInfo *info);

#endif
