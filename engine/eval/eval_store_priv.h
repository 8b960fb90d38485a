/* eval_store_priv.h - what eval_store.c shares with the store's other
 * files (eval_store_polls.c).  Private to engine/eval: the store's files are
 * the only ones that include sqlite3.h. */
#ifndef EVAL_EVAL_STORE_PRIV_H
#define EVAL_EVAL_STORE_PRIV_H

#include <sqlite3.h>

#include "core/err.h"
#include "eval/eval_store.h"

/* The connection (borrowed, for the life of s). */
sqlite3 *eval_store_db_(EvalStore *s);
/* 1 if s was opened read-only (a report from read-only media). */
int eval_store_readonly_(const EvalStore *s);
/* Makes a store opened read-only for a report writable (the review's
 * changes only): 0, or a negative code with err set. */
int eval_store_writable_(EvalStore *s, Err *err);
/* Sets err to "path: what: why" for SQLite result rc; returns ERR_IO. */
int eval_store_db_err_(EvalStore *s, int rc, const char *what, Err *err);

#endif
