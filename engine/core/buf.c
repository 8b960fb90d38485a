/* buf.c - growable byte buffer. */
#include "core/buf.h"

#include "core/err.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int buf_append(Buf *b, const void *data, size_t len)
{
    if (b->oom)
        return ERR_NOMEM;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        char *p = NULL;
        while (cap < b->len + len + 1)
            cap *= 2;
        p = realloc(b->data, cap);
        if (!p) {
            b->oom = 1;
            return ERR_NOMEM;
        }
        b->data = p;
        b->cap = cap;
    }
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(Buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_xml_text(Buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        default: buf_append(b, s, 1); break;
        }
    }
    return b->oom ? ERR_NOMEM : 0;
}

int buf_printf(Buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n = 0;
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return ERR_INVALID;
    if ((size_t)n < sizeof small)
        return buf_append(b, small, (size_t)n);
    {
        char *big = malloc((size_t)n + 1);
        int rc = 0;
        if (!big) {
            b->oom = 1;
            return ERR_NOMEM;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        rc = buf_append(b, big, (size_t)n);
        free(big);
        return rc;
    }
}

int buf_json_string(Buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    int rc = buf_append(b, "\"", 1);
    for (; *p && rc == 0; p++) {
        switch (*p) {
        case '"': rc = buf_append(b, "\\\"", 2); break;
        case '\\': rc = buf_append(b, "\\\\", 2); break;
        case '\n': rc = buf_append(b, "\\n", 2); break;
        case '\r': rc = buf_append(b, "\\r", 2); break;
        case '\t': rc = buf_append(b, "\\t", 2); break;
        default:
            if (*p < 0x20)
                rc = buf_printf(b, "\\u%04x", *p);
            else
                rc = buf_append(b, p, 1);
        }
    }
    if (rc == 0)
        rc = buf_append(b, "\"", 1);
    return rc;
}

const char *buf_str(const Buf *b)
{
    return b->data ? b->data : "";
}

char *buf_take(Buf *b)
{
    char *d = b->data;
    if (!d)
        d = core_strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
    return d;
}

void buf_reset(Buf *b)
{
    b->len = 0;
    b->oom = 0;
    if (b->data)
        b->data[0] = '\0';
}

void buf_free(Buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

char *core_strdup(const char *s)
{
    size_t n = 0;
    char *d = NULL;
    if (!s)
        return NULL;
    n = strlen(s) + 1;
    d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int buf_write_file(const Buf *b, const char *path, Err *err)
{
    FILE *f = NULL;
    int ok = 0;
    if (b->oom)
        return err_set(err, ERR_NOMEM, "%s: out of memory", path);
    f = fopen(path, "wb");
    if (!f)
        return err_set(err, ERR_IO, "cannot write %s: %s", path, strerror(errno));
    ok = fwrite(b->data ? b->data : "", 1, b->len, f) == b->len;
    ok = (fclose(f) == 0) && ok;
    return ok ? 0 : err_set(err, ERR_IO, "cannot write %s: %s", path, strerror(errno));
}
