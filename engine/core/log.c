/* log.c - leveled logging; no timestamps (privacy, see log.h). */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static LogLevel g_level = LOG_INFO;
static int g_level_init;
static LogSink g_sink;
static void *g_sink_ud;

void log_set_level(LogLevel level)
{
    g_level = level;
    g_level_init = 1;
}

void log_set_sink(LogSink sink, void *ud)
{
    g_sink = sink;
    g_sink_ud = ud;
}

void log_msg(LogLevel level, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warning", "error", ""};
    char buf[1024];
    va_list ap;
    if (!g_level_init) {
        const char *e = getenv("SPECTACTOR_LOG");
        g_level_init = 1;
        if (e && strcmp(e, "debug") == 0)
            g_level = LOG_DEBUG;
        else if (e && strcmp(e, "quiet") == 0)
            g_level = LOG_QUIET;
    }
    if (level < g_level || level >= LOG_QUIET)
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (g_sink)
        g_sink(g_sink_ud, level, buf);
    else
        fprintf(stderr, "spectactor: %s: %s\n", names[level], buf);
}
