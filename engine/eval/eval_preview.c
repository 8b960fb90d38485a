/* eval_preview.c - a throwaway evaluation store for headless previews (see
 * eval_preview.h). */
#include "eval/eval_preview.h"

#include "compat/compat.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int eval_preview_make(EvalPreview *pv, Err *err)
{
    const char *tmp = getenv("XDG_RUNTIME_DIR");
    memset(pv, 0, sizeof *pv);
    if (!tmp || !tmp[0] || access(tmp, W_OK) != 0)
        tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    if (!tmp || !tmp[0])
        tmp = getenv("TEMP"); /* Windows */
    snprintf(pv->dir, sizeof pv->dir, "%s/spectactor-preview-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!compat_mkdtemp(pv->dir)) {
        pv->dir[0] = '\0';
        return err_set(err, ERR_IO, "cannot make a temporary folder: %s", strerror(errno));
    }
    snprintf(pv->db, sizeof pv->db, "%s/preview.sqlite", pv->dir);
    return 0;
}

void eval_preview_remove(EvalPreview *pv)
{
    static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
    char path[600];
    size_t i = 0;
    if (!pv->dir[0])
        return;
    for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        snprintf(path, sizeof path, "%s%s", pv->db, ext[i]);
        remove(path);
    }
    remove(pv->dir);
    pv->dir[0] = '\0';
}
