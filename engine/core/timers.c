/* timers.c - the frame loop's timer list (see timers.h). */
#include "core/timers.h"

#include <assert.h>
#include <string.h>

void timers_init(Timers *ts)
{
    assert(ts);
    memset(ts, 0, sizeof *ts);
}

int timers_add(Timers *ts, TimerFn fn, void *ud)
{
    assert(ts && fn);
    assert(ts->n < TIMERS_MAX);
    if (ts->n >= TIMERS_MAX)
        return -1;
    ts->t[ts->n].fn = fn;
    ts->t[ts->n].ud = ud;
    ts->t[ts->n].armed = 0;
    return ts->n++;
}

void timers_arm(Timers *ts, int id, unsigned long due)
{
    assert(ts && id >= 0 && id < ts->n);
    ts->t[id].due = due;
    ts->t[id].armed = 1;
}

void timers_cancel(Timers *ts, int id)
{
    assert(ts && id < ts->n);
    if (id >= 0)
        ts->t[id].armed = 0;
}

int timers_armed(const Timers *ts, int id)
{
    assert(ts && id < ts->n);
    return id >= 0 && ts->t[id].armed;
}

long timers_next(const Timers *ts, unsigned long now)
{
    long best = -1;
    int i = 0;
    assert(ts && ts->n <= TIMERS_MAX);
    for (i = 0; i < ts->n; i++) {
        long d = 0;
        if (!ts->t[i].armed)
            continue;
        d = ts->t[i].due > now ? (long)(ts->t[i].due - now) : 0;
        if (best < 0 || d < best)
            best = d;
    }
    return best;
}

int timers_fire(Timers *ts, unsigned long now)
{
    int i = 0, redraw = 0;
    assert(ts && ts->n <= TIMERS_MAX);
    for (i = 0; i < ts->n; i++) {
        Timer *t = &ts->t[i];
        if (!t->armed || t->due > now)
            continue;
        t->armed = 0; /* the callback may arm it again */
        if (t->fn(t->ud, now))
            redraw = 1;
    }
    return redraw;
}
