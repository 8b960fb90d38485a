/* eval_preview.h - a throwaway evaluation store for a headless preview
 * (`play --headless` without --db): in a fresh temporary folder, in
 * memory-backed storage where there is some (the store syncs every commit,
 * which would only slow a preview down), removed afterwards. */
#ifndef EVAL_EVAL_PREVIEW_H
#define EVAL_EVAL_PREVIEW_H

#include "core/err.h"

typedef struct EvalPreview {
    char dir[512]; /* "" when none */
    char db[560];
} EvalPreview;

/* Makes the folder and names the database file in it (not created).
 * Returns 0, or ERR_IO with err set. */
int eval_preview_make(EvalPreview *pv, Err *err);

/* Removes the database's files and the folder (after the store is closed);
 * a preview without a folder is fine. */
void eval_preview_remove(EvalPreview *pv);

#endif
