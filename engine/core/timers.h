/* timers.h - a timer list for a frame loop: a few one-shot deadlines.
 *
 * The loop sleeps until the nearest deadline (or an event) instead of
 * keeping a hand-rolled "next_*" field per feature.  A timer is a slot with
 * a callback; arming it again moves its deadline, a periodic timer re-arms
 * itself from its callback.  Times are monotonic milliseconds.  Main thread
 * only.
 */
#ifndef CORE_TIMERS_H
#define CORE_TIMERS_H

#define TIMERS_MAX 8

/* Runs when the timer is due (it is disarmed first, so it may re-arm
 * itself).  Returns 1 when the screen needs a redraw, else 0. */
typedef int (*TimerFn)(void *ud, unsigned long now);

typedef struct Timer {
    TimerFn fn;
    void *ud;
    unsigned long due;
    int armed;
} Timer;

typedef struct Timers {
    Timer t[TIMERS_MAX];
    int n;
} Timers;

/* Clears the list. */
void timers_init(Timers *ts);

/* Adds a disarmed timer; returns its id (>= 0), or -1 when the list is full
 * (a programming error: the list is sized for the loop's features). */
int timers_add(Timers *ts, TimerFn fn, void *ud);

/* Arms timer id to fire at `due` (replacing an earlier deadline). */
void timers_arm(Timers *ts, int id, unsigned long due);

/* Disarms timer id; a negative id (never added) is fine. */
void timers_cancel(Timers *ts, int id);

/* 1 while timer id is armed. */
int timers_armed(const Timers *ts, int id);

/* Milliseconds from now to the nearest deadline (0 when one is overdue), or
 * -1 when no timer is armed. */
long timers_next(const Timers *ts, unsigned long now);

/* Runs every timer due at `now`, in id order.  Returns 1 if any callback
 * asked for a redraw. */
int timers_fire(Timers *ts, unsigned long now);

#endif
