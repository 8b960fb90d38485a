/* err.c - caller-owned error buffers. */
#include "core/err.h"

#include <stdio.h>
#include <string.h>

void err_clear(Err *err)
{
    if (err) {
        err->code = 0;
        err->msg[0] = '\0';
    }
}

int err_setv(Err *err, int code, const char *fmt, va_list ap)
{
    if (err) {
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    }
    return code;
}

int err_set(Err *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_setv(err, code, fmt, ap);
    va_end(ap);
    return code;
}

void err_prefix(Err *err, const char *prefix)
{
    char tmp[ERR_MSG_MAX * 2 + 4];
    if (!err || !prefix)
        return;
    snprintf(tmp, sizeof tmp, "%.*s: %s", ERR_MSG_MAX, prefix, err->msg);
    memcpy(err->msg, tmp, ERR_MSG_MAX - 1);
    err->msg[ERR_MSG_MAX - 1] = '\0';
}
