/* log.h - minimal leveled logging to stderr.
 *
 * Privacy rule: never log anything that could identify a student (IP
 * address, user agent, device token, time finer than the day).  Log lines
 * carry no timestamps for that reason.
 */
#ifndef CORE_LOG_H
#define CORE_LOG_H

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG_QUIET } LogLevel;

/* Sets the lowest level that is printed (default LOG_INFO; SPECTACTOR_LOG=debug
 * in the environment lowers it at the first call). */
void log_set_level(LogLevel level);

/* Optional sink replacing stderr, e.g. for tests; NULL restores stderr. */
typedef void (*LogSink)(void *ud, LogLevel level, const char *msg);
void log_set_sink(LogSink sink, void *ud);

void log_msg(LogLevel level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
