/* frametimes.c - LD_PRELOAD shim used by tools/bench to time frames from
 * outside the engine, without a hook in its code.
 *
 * It wraps SDL_RenderClear and SDL_RenderPresent.  A frame starts at the
 * first SDL_RenderClear after a present (views_draw clears first) and ends
 * when SDL_RenderPresent returns; the software renderer runs its queued
 * commands inside SDL_RenderPresent, so the span holds the layout, the text
 * and the pixel work of the frame.  For each frame one line is appended to
 * $BENCH_FRAME_TIMES:
 *     <render_us> <present_to_present_us> <render_cpu_us>
 * where the second figure is the time since the previous present returned
 * (-1 for the first frame): with keys fed back to back it is the full cost
 * of one key (input, show logic, transcript, drawing); the third is the
 * calling thread's CPU time over the same span as the first
 * (CLOCK_THREAD_CPUTIME_ID): the frame's work without the time the thread
 * waited for a core, which on a busy machine the wall time includes.
 * With BENCH_EXIT_AFTER_FIRST_PRESENT=1 the process ends (_exit(0)) as soon
 * as its first SDL_RenderPresent returns: cold start to first frame, the same
 * cut for the engine and the reference.  Not part of the engine.
 */
#define _GNU_SOURCE
#include <SDL.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int (*real_clear)(SDL_Renderer *);
static void (*real_present)(SDL_Renderer *);
static FILE *out;
static int out_tried;
static long long t_start = -1;
static long long t_last_present = -1;
static long long c_start = -1;

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static long long cpu_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static FILE *outfile(void)
{
    if (!out_tried) {
        const char *p = getenv("BENCH_FRAME_TIMES");
        out_tried = 1;
        out = p ? fopen(p, "w") : NULL;
        if (out)
            setvbuf(out, NULL, _IOLBF, 0);
    }
    return out;
}

int SDL_RenderClear(SDL_Renderer *r)
{
    if (!real_clear)
        *(void **)&real_clear = dlsym(RTLD_NEXT, "SDL_RenderClear");
    if (t_start < 0) {
        t_start = now_us();
        c_start = cpu_us();
    }
    return real_clear ? real_clear(r) : -1;
}

void SDL_RenderPresent(SDL_Renderer *r)
{
    long long t = 0;
    FILE *f = outfile();
    if (!real_present)
        *(void **)&real_present = dlsym(RTLD_NEXT, "SDL_RenderPresent");
    if (real_present)
        real_present(r);
    t = now_us();
    if (f && t_start >= 0)
        fprintf(f, "%lld %lld %lld\n", t - t_start, t_last_present < 0 ? -1LL : t - t_last_present,
                cpu_us() - c_start);
    t_start = -1;
    c_start = -1;
    t_last_present = t;
    if (getenv("BENCH_EXIT_AFTER_FIRST_PRESENT")) {
        if (f)
            fflush(f);
        _exit(0);
    }
}
