/* phones.h - the frame loop's link to the phone server.
 *
 * Starts the server (net/), hands the show the join URL and room code,
 * drains what phones sent (votes and ideas to the show, evaluation answers
 * to the store link) and publishes the phones' state (show/show_phones.c)
 * when it changed.  The server's thread only queues and wakes; everything
 * here runs on the main thread.
 */
#ifndef APP_PHONES_H
#define APP_PHONES_H

#include "app/evals.h"
#include "core/timers.h"
#include "net/net.h"
#include "show/show.h"

typedef struct Phones {
    NetServer *net;      /* NULL: phones are off */
    Show *show;          /* borrowed; phones_attach() after a reload */
    Evals *evals;        /* borrowed: evaluation answers go there */
    Timers *timers;      /* borrowed */
    int refresh_timer;   /* the "joined N" count while phones are on */
    int joined;          /* the count last given to the show */
    char *last_state;    /* last published state, to publish only changes */
    char *join_url;      /* kept for a reloaded show; NULL when unknown */
    char *join_code;
    char *join_problem;  /* why phones cannot join, or NULL */
    int idea_slots;      /* NetPollInfo.idea_slots last published */
    char event[40];      /* the event's public id for the state JSON ("" none) */
} Phones;

/* Starts the phone server on port and gives the show the join info (or the
 * problem, in the scenario language lang: a server that cannot start is told
 * to the facilitator only, show_set_note and the terminal).  address: the
 * IPv4 address the QR code points to (--address), NULL: chosen.  room_code: the event's code
 * (kept with the event across restarts; NULL: a random one); event: its
 * public id for the state JSON (NULL: none).  wake(wake_ud) is called on the
 * server's thread when something is queued.  Returns 0, or -1 when phones
 * are off (logged; the show says why). */
int phones_start(Phones *ph, Show *show, Evals *ev, Timers *ts, int port, const char *address,
                 const char *lang,
                 const char *room_code, const char *event, void (*wake)(void *ud), void *wake_ud);

/* The show after a reload (borrowed); its join info is set by the caller. */
void phones_attach(Phones *ph, Show *show);

/* Hands everything queued to the show and the store link.  Returns 1 when
 * something arrived or the number of joined phones changed (the caller then
 * publishes a new view), 0 when nothing did. */
int phones_drain(Phones *ph);

/* Publishes the state for view v (eval_json: the questionnaire while open
 * for phones, else NULL) when it differs from the last one.  Failure only
 * logs: phones keep the previous state. */
void phones_publish(Phones *ph, const ShowView *v, const char *eval_json);

/* Before an action that may close or reveal a poll: while a poll is open,
 * holds phone input (net_input_hold), then drains the queue so that every
 * vote answered 200 is counted.  Returns 1 when it held (pass it to
 * phones_release after the action and the publish), else 0. */
int phones_hold(Phones *ph);

/* Ends a hold taken by phones_hold (held: its return value; 0 does nothing). */
void phones_release(Phones *ph, int held);

/* Stops the server (waiting phones are answered first) and frees the rest.
 * Fine on a Phones that never started. */
void phones_stop(Phones *ph);

#endif
