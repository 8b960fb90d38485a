/* buf.h - a growable byte buffer, always NUL-terminated. */
#ifndef CORE_BUF_H
#define CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
    int oom; /* set once an append failed; later appends are no-ops */
} Buf;

#define BUF_INIT {NULL, 0, 0, 0}

/* Appends; on allocation failure sets b->oom and returns ERR_NOMEM. */
int buf_append(Buf *b, const void *data, size_t len);
int buf_puts(Buf *b, const char *s);
int buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s (NULL: nothing) for HTML or XML text and attribute values:
 * & < > and " as entities. */
int buf_xml_text(Buf *b, const char *s);
/* Appends s as a JSON string literal (with quotes), escaping as needed. */
int buf_json_string(Buf *b, const char *s);
/* Returns the contents ("" when empty); borrowed until the next append. */
const char *buf_str(const Buf *b);
/* Gives the data to the caller (who frees it) and resets b. */
char *buf_take(Buf *b);
void buf_reset(Buf *b);
void buf_free(Buf *b);

/* strdup that returns NULL for NULL input. */
char *core_strdup(const char *s);

struct Err;
/* Writes the whole of b to path (created or truncated).  0, or ERR_NOMEM
 * (b ran out of memory while it was built) or ERR_IO with err set to
 * "cannot write PATH: why". */
int buf_write_file(const Buf *b, const char *path, struct Err *err);

#endif
