/* err.h - the caller-owned error buffer used by every fallible function.
 *
 * Fallible functions return 0 on success or a negative ERR_* code, and, when
 * the caller passed a non-NULL Err *, write a one-line message into it.  There
 * is no global error slot.
 */
#ifndef CORE_ERR_H
#define CORE_ERR_H

#include <stdarg.h>

#define ERR_MSG_MAX 256

enum {
    ERR_OK = 0,
    ERR_NOMEM = -1,   /* allocation failed */
    ERR_INVALID = -2, /* bad input (scenario, request, argument) */
    ERR_IO = -3,      /* file or socket I/O failed */
    ERR_LIMIT = -4,   /* an input exceeded a *_MAX_* limit */
    ERR_NOTFOUND = -5,
    ERR_STATE = -6, /* call not allowed in the current state */
    ERR_SCRIPT = -7 /* scenario script failed (syntax, runtime, sandbox) */
};

typedef struct Err {
    int code;
    char msg[ERR_MSG_MAX];
} Err;

/* Clears err (NULL is fine). */
void err_clear(Err *err);

/* Writes code and a printf-style message into err (NULL is fine) and
 * returns code, so callers can write `return err_set(err, ERR_IO, ...)`.
 * The message is truncated to ERR_MSG_MAX-1 bytes. */
int err_set(Err *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int err_setv(Err *err, int code, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

/* Prefixes the message already in err with "prefix: " (NULL err is fine). */
void err_prefix(Err *err, const char *prefix);

#endif
