/* eval_store.c - the SQLite store of anonymous evaluation answers.
 *
 * With the store's other files (eval_store_priv.h) the only ones of the
 * engine that include sqlite3.h.  Every write is one transaction (BEGIN
 * IMMEDIATE ... COMMIT) with a rollback journal (TRUNCATE: emptied after
 * each commit; a write-ahead log would keep every commit in arrival order)
 * and synchronous=FULL, so a 0 return means the answer is on disk.  How the
 * answers lie is eval_store_answers.c's.  A failed
 * write is rolled back and the answers are kept in a memory queue, retried
 * by eval_store_retry_pending() and by later submits.
 */
#include "eval/eval_store.h"

#include "compat/compat.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/utf8.h"
#include "eval/eval_store_priv.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCHEMA_VERSION 4
#define BUSY_TIMEOUT_MS 250
#define BATCH_DUP (-1000) /* internal marker: same sid twice in one batch */

typedef struct Pending {
    char event[EVAL_EVENT_ID_LEN + 1];
    EvalAnswers *a; /* a copy, owned */
    char *sid;      /* may be NULL */
} Pending;

/* In-memory set of committed submission ids (open addressing). */
typedef struct SidSet {
    char **slot;
    size_t cap, n;
} SidSet;

struct EvalStore {
    sqlite3 *db;
    char *path;
    Pending *pending;
    size_t npending, cappending;
    SidSet sids;
    EvalFaultHook fault;
    void *fault_ud;
    unsigned long nwrite;
    int readonly;  /* opened for a report: nothing is written */
    int writable;  /* ... but the file could be, for review_text */
    int reviewing; /* ... and review_text reopened it for writing */
    int legacy;    /* a file of schema 1-3 read as it is: a row per answer */
    EvalRoomKey room; /* the live room (eval_room.c), pub "" when none */
    EvalSlotCache slots; /* eval_store_answers.c's slot figures */
};

/* Schema version 1: answers one row each (read-only today, converted to
 * version 4 when opened for writing). */
static const char *schema_sql =
    "CREATE TABLE IF NOT EXISTS questionnaires("
    "  key TEXT PRIMARY KEY, id TEXT NOT NULL, definition TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS events("
    "  id TEXT PRIMARY KEY, scenario TEXT NOT NULL, day TEXT NOT NULL, label TEXT,"
    "  questionnaire TEXT NOT NULL, qdef TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS submissions("
    "  key TEXT PRIMARY KEY, event TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS answers("
    "  key TEXT PRIMARY KEY, event TEXT NOT NULL, question TEXT NOT NULL,"
    "  value INTEGER, text TEXT, reviewed INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS answers_event ON answers(event);"
    "CREATE INDEX IF NOT EXISTS submissions_event ON submissions(event);";

/* Schema version 2 adds, in this one place: the room's answers at every stop
 * (totals only) and per-event facts (attendance, structured labels); see
 * eval_store_polls.c.  A version 1 file gets them when opened for writing;
 * read-only, it reads as having none. */
static const char *schema_v2_sql =
    "CREATE TABLE IF NOT EXISTS polls("
    "  key TEXT PRIMARY KEY, event TEXT NOT NULL, seq INTEGER NOT NULL, beat TEXT NOT NULL,"
    "  kind TEXT NOT NULL, pass INTEGER NOT NULL, result INTEGER NOT NULL,"
    "  voted INTEGER NOT NULL, hands TEXT NOT NULL, phones TEXT NOT NULL,"
    "  prompt TEXT, labels TEXT) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS polls_event ON polls(event);"
    "CREATE TABLE IF NOT EXISTS event_facts("
    "  event TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,"
    "  PRIMARY KEY(event, name)) WITHOUT ROWID;";

/* Schema version 3 adds the live room (eval_room.c): its code and poll
 * numbers kept across a restart, and keyed hashes of retried submissions. */
static const char *schema_v3_sql =
    "CREATE TABLE IF NOT EXISTS rooms("
    "  pub TEXT PRIMARY KEY, scenario TEXT NOT NULL, day TEXT NOT NULL, label TEXT NOT NULL,"
    "  code TEXT NOT NULL, secret BLOB NOT NULL, poll_seq INTEGER NOT NULL, event TEXT)"
    "  WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS retries(key TEXT PRIMARY KEY, room TEXT NOT NULL) WITHOUT ROWID;";

/* Schema version 4: the questionnaires and events of version 1, without its
 * submissions and answers tables ... */
static const char *schema_base_sql =
    "CREATE TABLE IF NOT EXISTS questionnaires("
    "  key TEXT PRIMARY KEY, id TEXT NOT NULL, definition TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS events("
    "  id TEXT PRIMARY KEY, scenario TEXT NOT NULL, day TEXT NOT NULL, label TEXT,"
    "  questionnaire TEXT NOT NULL, qdef TEXT NOT NULL) WITHOUT ROWID;";

/* ... and instead: closed answers as counters changed in place, free texts
 * in fixed-size slots drawn at random (eval_store_answers.c). */
static const char *schema_v4_sql =
    "CREATE TABLE IF NOT EXISTS counts("
    "  event TEXT NOT NULL, question TEXT NOT NULL, value INTEGER NOT NULL, n BLOB NOT NULL,"
    "  PRIMARY KEY(event, question, value)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS texts("
    "  id INTEGER PRIMARY KEY, size INTEGER NOT NULL, key TEXT NOT NULL, event TEXT NOT NULL,"
    "  question TEXT NOT NULL,"
    "  reviewed INTEGER NOT NULL, text TEXT NOT NULL, pad BLOB NOT NULL);";

/* ---- small helpers ------------------------------------------------------ */

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static int sid_has(const SidSet *set, const char *sid)
{
    size_t i = 0;
    if (!set->cap || !sid)
        return 0;
    for (i = fnv1a(sid) & (set->cap - 1); set->slot[i]; i = (i + 1) & (set->cap - 1))
        if (strcmp(set->slot[i], sid) == 0)
            return 1;
    return 0;
}

static int sid_add(SidSet *set, const char *sid)
{
    size_t i = 0;
    char *copy = NULL;
    if (sid_has(set, sid))
        return 0;
    if ((set->n + 1) * 2 > set->cap) {
        size_t ncap = set->cap ? set->cap * 2 : 256, k = 0;
        char **ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return ERR_NOMEM;
        for (k = 0; k < set->cap; k++) {
            if (!set->slot[k])
                continue;
            for (i = fnv1a(set->slot[k]) & (ncap - 1); ns[i]; i = (i + 1) & (ncap - 1))
                ;
            ns[i] = set->slot[k];
        }
        free(set->slot);
        set->slot = ns;
        set->cap = ncap;
    }
    copy = core_strdup(sid);
    if (!copy)
        return ERR_NOMEM;
    for (i = fnv1a(sid) & (set->cap - 1); set->slot[i]; i = (i + 1) & (set->cap - 1))
        ;
    set->slot[i] = copy;
    set->n++;
    return 0;
}

static void sid_free(SidSet *set)
{
    size_t i = 0;
    for (i = 0; i < set->cap; i++)
        free(set->slot[i]);
    free(set->slot);
    memset(set, 0, sizeof *set);
}

static int db_err(EvalStore *s, int rc, const char *what, Err *err)
{
    const char *why = NULL;
    switch (rc & 0xff) {
    case SQLITE_FULL: why = "the disk is full"; break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: why = "the database file is locked by another program"; break;
    case SQLITE_READONLY: why = "the database file is read-only"; break;
    case SQLITE_IOERR: why = "disk input/output error"; break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: why = "the database file is damaged or not a database"; break;
    default: why = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    }
    return err_set(err, ERR_IO, "%s: %s: %s", s && s->path ? s->path : "evaluation database",
                   what, why);
}

static int exec(EvalStore *s, const char *sql, const char *what, Err *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : db_err(s, rc, what, err);
}

/* Runs a one-row pragma and copies its text result. */
static int pragma_text(EvalStore *s, const char *sql, char *out, size_t cap, Err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    out[0] = '\0';
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(out, cap, "%s", t ? (const char *)t : "");
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK || rc == SQLITE_DONE ? 0 : db_err(s, rc, sql, err);
}

char *eval_store_default_path(Err *err)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    Buf b = BUF_INIT;
    if (compat_appdata_dir())
        buf_printf(&b, "%s/Spectactor", compat_appdata_dir());
    else if (xdg && xdg[0] == '/')
        buf_printf(&b, "%s/spectactor", xdg);
    else if (home && home[0])
        buf_printf(&b, "%s/.local/share/spectactor", home);
    else {
        err_set(err, ERR_IO, "neither XDG_DATA_HOME nor HOME is set; use --db FILE");
        return NULL;
    }
    if (b.oom) {
        buf_free(&b);
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    /* mkdir -p, each component 0700 if we create it */
    {
        char *p = b.data + 1;
        for (;; p++) {
            if (*p == '/' || *p == '\0') {
                char c = *p;
                *p = '\0';
                if (compat_mkdir(b.data, 0700) != 0 && errno != EEXIST) {
                    err_set(err, ERR_IO, "cannot create directory %s: %s", b.data,
                            strerror(errno));
                    buf_free(&b);
                    return NULL;
                }
                *p = c;
                if (c == '\0')
                    break;
            }
        }
    }
    buf_puts(&b, "/evaluations.sqlite");
    if (b.oom) {
        buf_free(&b);
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    return buf_take(&b);
}

/* ---- open / close ------------------------------------------------------- */

/* The statements making schema version v (1-4); NULL-terminated. */
static void schema_parts(int v, const char *out[5])
{
    int i = 0;
    if (v < 4)
        out[i++] = schema_sql;
    else
        out[i++] = schema_base_sql;
    if (v >= 2)
        out[i++] = schema_v2_sql;
    if (v >= 3)
        out[i++] = schema_v3_sql;
    if (v >= 4)
        out[i++] = schema_v4_sql;
    out[i] = NULL;
}

/* An in-memory database with schema version v (1-4), or NULL. */
static sqlite3 *schema_ref(int v)
{
    const char *parts[5];
    sqlite3 *ref = NULL;
    int i = 0;
    schema_parts(v, parts);
    if (sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(ref);
        return NULL;
    }
    for (i = 0; parts[i]; i++)
        if (sqlite3_exec(ref, parts[i], NULL, NULL, NULL) != SQLITE_OK) {
            sqlite3_close(ref);
            return NULL;
        }
    return ref;
}

/* The version (1-4) whose schema s->db has exactly, 0 for an empty file
 * (when empty_ok), or a negative code with err set, naming the first
 * stranger: no triggers, views, or other tables, columns or defaults.
 * Reads only. */
static int schema_check(EvalStore *s, int empty_ok, Err *err)
{
    sqlite3 *ref[5] = {NULL, NULL, NULL, NULL, NULL};
    sqlite3_stmt *all = NULL, *find[5] = {NULL, NULL, NULL, NULL, NULL}, *cnt = NULL;
    int rc = 0, n = 0, nref[5], hits[5], res = 0, i = 0, v = 0, known = 0;
    char what[160];
    what[0] = '\0';
    memset(nref, 0, sizeof nref);
    memset(hits, 0, sizeof hits);
    for (v = 1; v <= 4; v++) {
        if (!(ref[v] = schema_ref(v)) ||
            sqlite3_prepare_v2(ref[v], "SELECT count(*) FROM sqlite_master", -1, &cnt, NULL) !=
                SQLITE_OK ||
            sqlite3_step(cnt) != SQLITE_ROW ||
            sqlite3_prepare_v2(ref[v], "SELECT count(*) FROM sqlite_master WHERE type=?1 AND "
                               "name=?2 AND tbl_name=?3 AND sql IS ?4", -1, &find[v], NULL) !=
                SQLITE_OK) {
            res = err_set(err, ERR_NOMEM, "%s: cannot check the schema (out of memory?)", s->path);
            goto done;
        }
        nref[v] = sqlite3_column_int(cnt, 0);
        sqlite3_finalize(cnt);
        cnt = NULL;
    }
    rc = sqlite3_prepare_v2(s->db, "SELECT type, name, tbl_name, sql FROM sqlite_master", -1, &all,
                            NULL);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(all)) != SQLITE_ROW)
            break;
        n++;
        known = 0;
        for (v = 1; v <= 4; v++) {
            sqlite3_reset(find[v]);
            for (i = 0; i < 4; i++)
                sqlite3_bind_value(find[v], i + 1, sqlite3_column_value(all, i));
            if (sqlite3_step(find[v]) == SQLITE_ROW && sqlite3_column_int(find[v], 0) == 1) {
                hits[v]++;
                known = 1;
            }
        }
        if (!what[0] && !known)
            snprintf(what, sizeof what, "%s '%.80s'", (const char *)sqlite3_column_text(all, 0),
                     (const char *)sqlite3_column_text(all, 1));
    }
    for (v = 4; v >= 1 && rc == SQLITE_DONE && !what[0]; v--)
        if (hits[v] == n && n == nref[v])
            break;
    if (rc != SQLITE_DONE) {
        res = db_err(s, rc, "read the schema", err);
    } else if (what[0]) {
        res = err_set(err, ERR_INVALID, "%s: refused: the file has a %s that is not part of an "
                      "evaluation database as Spectactor makes it (it may have been tampered "
                      "with); the file was left untouched", s->path, what);
    } else if (n == 0 && empty_ok) {
        res = 0;
    } else if (v < 1) {
        res = err_set(err, ERR_INVALID, "%s: refused: %s; the file was left untouched", s->path,
                      n == 0 ? "an SQLite file without evaluations (not an evaluation database)"
                             : "tables of the evaluation database are missing");
    } else {
        res = v;
    }
done:
    sqlite3_finalize(all);
    sqlite3_finalize(cnt);
    for (v = 1; v <= 4; v++) {
        sqlite3_finalize(find[v]);
        sqlite3_close(ref[v]);
    }
    return res;
}

/* Opens path without following a symbolic link or blocking, and checks it
 * is a regular file that is empty (create only) or an SQLite database.
 * Returns the descriptor or -1 (err set). */
static int open_checked(const char *path, int create, Err *err)
{
    static const char magic[16] = "SQLite format 3";
    char head[16];
    struct stat st;
    int flags = (create ? O_RDWR | O_CREAT : O_RDONLY) | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
    int fd = compat_open(path, flags, 0600);
    if (fd < 0) {
        if (errno == ELOOP)
            err_set(err, ERR_IO, "%s: refused: a symbolic link; give the database file itself", path);
        else
            err_set(err, ERR_IO, "%s: cannot open evaluation database: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        err_set(err, ERR_IO, "%s: not a regular file", path);
        return -1;
    }
    memset(head, 0, sizeof head);
    if ((st.st_size > 0 || !create) &&
        (compat_pread(fd, head, sizeof head, 0) != (ssize_t)sizeof head || memcmp(head, magic, sizeof head) != 0)) {
        close(fd);
        err_set(err, ERR_IO, "%s: not an evaluation database (%s); choose another file with --db",
                path, st.st_size == 0 ? "an empty file" : "not an SQLite file");
        return -1;
    }
    return fd;
}

/* Connection settings every handle gets: no schema tricks. */
static void db_harden(EvalStore *s)
{
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
}

/* The rollback journal, emptied (truncated) after every commit, instead of
 * a write-ahead log that keeps every commit in the order it came: 0, or
 * ERR_IO when SQLite will not use it. */
static int journal_truncate(EvalStore *s, Err *err)
{
    char buf[64];
    if (pragma_text(s, "PRAGMA journal_mode=TRUNCATE", buf, sizeof buf, err) < 0)
        return ERR_IO;
    if (strcmp(buf, "truncate") != 0)
        return err_set(err, ERR_IO, "%s: journal_mode is '%s', not 'truncate': refusing to store "
                       "answers (is the file open in another program?)", s->path, buf);
    return 0;
}

static int integrity(EvalStore *s, Err *err)
{
    char buf[64];
    if (pragma_text(s, "PRAGMA integrity_check", buf, sizeof buf, err) < 0)
        return ERR_IO;
    if (strcmp(buf, "ok") != 0)
        return err_set(err, ERR_IO, "%s: the database file is damaged (integrity_check: %s)",
                       s->path, buf);
    return 0;
}

/* Opens an existing database read-only (reports): never created, never
 * written, never chmod'ed; a symbolic link is refused.  review_text
 * reopens it for writing when asked to. */
static EvalStore *store_open_readonly(const char *path, Err *err)
{
    EvalStore *s = calloc(1, sizeof *s);
    char uri[4200];
    size_t n = 0;
    const char *p = NULL;
    int rc = 0, fd = -1;
    if (!s || !(s->path = core_strdup(path))) {
        free(s);
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    fd = open_checked(path, 0, err);
    if (fd < 0)
        goto fail;
    close(fd);
    s->writable = access(path, W_OK) == 0;
    n = (size_t)snprintf(uri, sizeof uri, "file:");
    for (p = path; *p && n + 4 < sizeof uri; p++) {
        if (*p == '?' || *p == '#' || *p == '%')
            n += (size_t)snprintf(uri + n, sizeof uri - n, "%%%02X", (unsigned char)*p);
        else
            uri[n++] = *p;
    }
    /* Without a -wal or -journal file every answer is in the file itself:
     * immutable reads create nothing beside it.  With one (a show running,
     * or one that crashed, or a file of schema 1-3 in WAL mode) SQLite must
     * look at it, and take the locks. */
    {
        char wal[4200], jnl[4200];
        snprintf(wal, sizeof wal, "%s-wal", path);
        snprintf(jnl, sizeof jnl, "%s-journal", path);
        snprintf(uri + n, sizeof uri - n,
                 s->writable && (access(wal, F_OK) == 0 || access(jnl, F_OK) == 0)
                     ? "?mode=ro"
                     : "?mode=ro&immutable=1");
    }
    rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK) {
        db_err(s, rc, "cannot open read-only", err);
        goto fail;
    }
    db_harden(s);
    if ((rc = schema_check(s, 0, err)) < 0 || integrity(s, err) != 0)
        goto fail;
    s->legacy = rc < 4;
    s->readonly = 1;
    return s;
fail:
    sqlite3_close(s->db);
    free(s->path);
    free(s);
    return NULL;
}

/* A report's store about to review texts: the same file again, for
 * writing (checked again; never created or chmod'ed).  0 or negative. */
static int store_reopen_rw(EvalStore *s, Err *err)
{
    sqlite3 *ro = s->db;
    int fd = -1, rc = 0;
    if (!s->writable)
        return err_set(err, ERR_STATE, "%s: read-only: comments can be reviewed only where the "
                       "file can be written", s->path);
    fd = open_checked(s->path, 0, err);
    if (fd < 0)
        return ERR_IO;
    close(fd);
    s->db = NULL;
    rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK) {
        rc = db_err(s, rc, "cannot open for review", err);
    } else {
        db_harden(s);
        rc = schema_check(s, 0, err);
        if (rc > 0 && (rc < 4) != s->legacy)
            rc = err_set(err, ERR_STATE, "%s: the file changed while it was read", s->path);
        /* a file of schema 1-3 keeps its journal mode (and rows) here; the
         * next `spectactor play` on it converts it */
        if (rc >= 0)
            rc = s->legacy ? 0 : journal_truncate(s, err);
        if (rc == 0)
            rc = exec(s, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;", "settings", err);
    }
    if (rc != 0) {
        sqlite3_close(s->db);
        s->db = ro;
        return rc;
    }
    sqlite3_close_v2(ro); /* freed once a statement still reading it (the review loop) is done */
    s->writable = 0;
    s->reviewing = 1;
    return 0;
}

static EvalStore *store_open(const char *path, int create, Err *err)
{
    EvalStore *s = NULL;
    char *defpath = NULL;
    char buf[64];
    int fd = -1, rc = 0, version = 0;
    struct stat st;
    if (!path) {
        defpath = eval_store_default_path(err);
        if (!defpath)
            return NULL;
        path = defpath;
    }
    if (!create) {
        s = store_open_readonly(path, err);
        free(defpath);
        return s;
    }
    s = calloc(1, sizeof *s);
    if (!s || !(s->path = core_strdup(path))) {
        err_set(err, ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* Create the file ourselves so that it is 0600 from the first byte;
     * SQLite gives the -journal the same mode. */
    fd = open_checked(path, 1, err);
    if (fd < 0)
        goto fail;
    rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK) {
        db_err(s, rc, "cannot open", err);
        goto fail;
    }
    /* Database files come from other laptops too: the schema must be ours
     * before anything is written. */
    db_harden(s);
    if (schema_check(s, 1, err) < 0 || integrity(s, err) != 0)
        goto fail;
    /* only now, a file known to be ours: mode 0600 (before the -journal exists) */
    if (fstat(fd, &st) != 0 || ((st.st_mode & 0777) != 0600 && compat_fchmod(fd, 0600) != 0)) {
        err_set(err, ERR_IO, "%s: cannot set file mode 0600: %s", path, strerror(errno));
        goto fail;
    }
    close(fd);
    fd = -1;
    if ((version = schema_check(s, 1, err)) < 0)
        goto fail;
    if (journal_truncate(s, err) < 0)
        goto fail;
    /* temp_store: sorts and the copy VACUUM makes stay in memory, not in /tmp */
    if (exec(s, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; PRAGMA cache_size=-32768; "
             "PRAGMA temp_store=MEMORY;", "settings", err) < 0)
        goto fail;
    if (pragma_text(s, "PRAGMA synchronous", buf, sizeof buf, err) < 0)
        goto fail;
    if (strcmp(buf, "2") != 0) {
        err_set(err, ERR_IO, "%s: synchronous is %s, not FULL (2): refusing to store answers",
                path, buf);
        goto fail;
    }
    if (pragma_text(s, "PRAGMA secure_delete", buf, sizeof buf, err) < 0)
        goto fail;
    if (strcmp(buf, "1") != 0) {
        err_set(err, ERR_IO, "%s: secure_delete could not be turned on", path);
        goto fail;
    }
    if (pragma_text(s, "PRAGMA user_version", buf, sizeof buf, err) < 0)
        goto fail;
    if (atoi(buf) > SCHEMA_VERSION) {
        err_set(err, ERR_IO, "%s: made by a newer Spectactor (schema %s)", path, buf);
        goto fail;
    }
    if (exec(s, "BEGIN IMMEDIATE", "create tables", err) < 0)
        goto fail;
    rc = SQLITE_DONE;
    if (version == 0 && exec(s, schema_base_sql, "create tables", err) < 0)
        rc = SQLITE_ERROR;
    if (rc == SQLITE_DONE && (exec(s, schema_v2_sql, "create tables", err) < 0 ||
                              exec(s, schema_v3_sql, "create tables", err) < 0 ||
                              exec(s, schema_v4_sql, "create tables", err) < 0))
        rc = SQLITE_ERROR;
    if (rc == SQLITE_DONE && version >= 1 && version < 4 &&
        (rc = eval_store_convert_(s)) != SQLITE_DONE)
        db_err(s, rc, "convert the answers of an older file", err);
    if (rc != SQLITE_DONE || exec(s, "PRAGMA user_version=4", "create tables", err) < 0 ||
        exec(s, "COMMIT", "create tables", err) < 0) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        goto fail;
    }
    /* the rows of an older file lay in the order they came: rewrite it all */
    if (version >= 1 && version < 4 && exec(s, "VACUUM", "rewrite the converted file", err) < 0)
        goto fail;
    free(defpath);
    return s;
fail:
    if (fd >= 0)
        close(fd);
    free(defpath);
    if (s) {
        sqlite3_close(s->db);
        free(s->path);
        free(s);
    }
    return NULL;
}

EvalStore *eval_store_open(const char *path, Err *err) { return store_open(path, 1, err); }
EvalStore *eval_store_open_existing(const char *path, Err *err)
{
    return store_open(path, 0, err);
}

const char *eval_store_path(const EvalStore *s) { return s->path; }

static void pending_drop(EvalStore *s, size_t from)
{
    size_t i = 0;
    for (i = from; i < s->npending; i++) {
        eval_answers_free(s->pending[i].a);
        free(s->pending[i].sid);
    }
    s->npending = from;
}

void eval_store_close(EvalStore *s)
{
    Err e;
    if (!s)
        return;
    err_clear(&e);
    if (s->npending && eval_store_retry_pending(s, &e) < 0)
        log_error("%zu evaluation answers could not be saved and are lost: %s", s->npending,
                  e.msg);
    pending_drop(s, 0);
    free(s->pending);
    sid_free(&s->sids);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* ---- events ------------------------------------------------------------- */

int eval_store_begin_event(EvalStore *s, const EvalQuestionnaire *q, const char *scenario_id,
                           const char *label, char id_out[EVAL_EVENT_ID_LEN + 1], Err *err)
{
    char *def = NULL;
    char day[16], qkey[40];
    sqlite3_stmt *st = NULL;
    time_t now = time(NULL);
    struct tm tmv;
    int rc = 0;
    if (s->readonly)
        return err_set(err, ERR_STATE, "%s: opened read-only for a report", s->path);
    id_out[0] = '\0';
    qkey[0] = '\0';
    if (!eval_id_valid(scenario_id))
        return err_set(err, ERR_INVALID, "scenario id '%s' is not valid",
                       scenario_id ? scenario_id : "");
    if (label && strlen(label) > EVAL_MAX_LABEL_BYTES)
        return err_set(err, ERR_LIMIT, "event label longer than %d bytes", EVAL_MAX_LABEL_BYTES);
    if (label && !utf8_valid(label, strlen(label)))
        return err_set(err, ERR_INVALID, "event label is not valid UTF-8");
    memset(&tmv, 0, sizeof tmv);
    if (!localtime_r(&now, &tmv))
        return err_set(err, ERR_IO, "cannot read the date");
    strftime(day, sizeof day, "%Y-%m-%d", &tmv); /* the day only, never the time */
    def = eval_q_to_json(q);
    if (!def)
        return err_set(err, ERR_NOMEM, "out of memory");
    if ((rc = exec(s, "BEGIN IMMEDIATE", "begin event", err)) < 0)
        goto done;
    rc = sqlite3_prepare_v2(s->db, "SELECT key FROM questionnaires WHERE id=?1 AND definition=?2",
                            -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, eval_q_id(q), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, def, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            snprintf(qkey, sizeof qkey, "%s", (const char *)sqlite3_column_text(st, 0));
            rc = SQLITE_DONE;
        }
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rc == SQLITE_DONE && !qkey[0]) {
        rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO questionnaires(key, id, definition) VALUES("
                                "lower(hex(randomblob(16))), ?1, ?2) RETURNING key",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, eval_q_id(q), -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, def, -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
            if (rc == SQLITE_ROW) {
                snprintf(qkey, sizeof qkey, "%s", (const char *)sqlite3_column_text(st, 0));
                rc = sqlite3_step(st);
            }
        }
        sqlite3_finalize(st);
        st = NULL;
    }
    if (rc == SQLITE_DONE) {
        rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO events(id, scenario, day, label, questionnaire, qdef)"
                                " VALUES(lower(hex(randomblob(16))), ?1, ?2, ?3, ?4, ?5)"
                                " RETURNING id",
                                -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, scenario_id, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
            if (label && label[0])
                sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, eval_q_id(q), -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, qkey, -1, SQLITE_STATIC);
            rc = sqlite3_step(st);
            if (rc == SQLITE_ROW) {
                snprintf(id_out, EVAL_EVENT_ID_LEN + 1, "%s",
                         (const char *)sqlite3_column_text(st, 0));
                rc = sqlite3_step(st);
            }
        }
        sqlite3_finalize(st);
    }
    if (rc == SQLITE_DONE)
        rc = eval_store_counts_prepare_(s, id_out, q); /* every counter, before any answer */
    if (rc != SQLITE_DONE) {
        rc = db_err(s, rc, "begin event", err);
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        id_out[0] = '\0';
        goto done;
    }
    rc = exec(s, "COMMIT", "begin event", err);
    if (rc < 0) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        id_out[0] = '\0';
    }
done:
    free(def);
    return rc;
}

/* ---- for eval_room.c (eval_store_priv.h) -------------------------------- */

EvalRoomKey *eval_store_room_key_(EvalStore *s) { return &s->room; }

/* ---- writing answers ---------------------------------------------------- */

static int event_exists(EvalStore *s, const char *event_id)
{
    sqlite3_stmt *st = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM events WHERE id=?1", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

typedef struct Item {
    const char *event;
    const EvalAnswers *a;
    const char *sid;
} Item;

/* One write transaction for n items.  Returns 0 after COMMIT, or ERR_IO
 * after rolling back (nothing of it is stored then). */
static int write_items(EvalStore *s, const Item *items, size_t n, Err *err)
{
    int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    size_t i = 0;
    EvalFault f = EVAL_FAULT_NONE;
    if (rc != SQLITE_OK)
        return db_err(s, rc, "cannot save answers", err);
    for (i = 0; i < n; i++) {
        int fresh = 1;
        if (items[i].sid && (rc = eval_room_hash_insert(s, items[i].sid, &fresh)) != SQLITE_DONE)
            goto fail;
        if (fresh && (rc = eval_store_put_answers_(s, items[i].event, items[i].a)) != SQLITE_DONE)
            goto fail;
    }
    s->nwrite++;
    if (s->fault)
        f = s->fault(s->fault_ud, s->nwrite);
    if (f != EVAL_FAULT_NONE) {
        rc = f == EVAL_FAULT_FULL ? SQLITE_FULL : f == EVAL_FAULT_BUSY ? SQLITE_BUSY : SQLITE_IOERR;
        goto fail;
    }
    rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        goto fail;
    for (i = 0; i < n; i++)
        if (items[i].sid && sid_add(&s->sids, items[i].sid) < 0)
            log_warn("out of memory remembering a submission id; a retry may count twice");
    return 0;
fail:
    db_err(s, rc, "cannot save answers", err);
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return ERR_IO;
}

static int pending_has(const EvalStore *s, const char *sid)
{
    size_t i = 0;
    if (!sid)
        return 0;
    for (i = 0; i < s->npending; i++)
        if (s->pending[i].sid && strcmp(s->pending[i].sid, sid) == 0)
            return 1;
    return 0;
}

static int pending_push(EvalStore *s, const char *event_id, const EvalAnswers *a, const char *sid,
                        Err *err)
{
    Pending *p = NULL;
    if (s->npending >= EVAL_MAX_PENDING)
        return err_set(err, ERR_LIMIT,
                       "%s: cannot save answers and %d are already waiting in memory: "
                       "this answer was NOT kept",
                       s->path, EVAL_MAX_PENDING);
    if (s->npending == s->cappending) {
        size_t cap = s->cappending ? s->cappending * 2 : 64;
        Pending *np = realloc(s->pending, cap * sizeof *np);
        if (!np)
            return err_set(err, ERR_NOMEM, "out of memory: this answer was NOT kept");
        s->pending = np;
        s->cappending = cap;
    }
    p = &s->pending[s->npending];
    memset(p, 0, sizeof *p);
    snprintf(p->event, sizeof p->event, "%s", event_id);
    p->a = eval_answers_copy(a);
    p->sid = sid ? core_strdup(sid) : NULL;
    if (!p->a || (sid && !p->sid)) {
        eval_answers_free(p->a);
        free(p->sid);
        return err_set(err, ERR_NOMEM, "out of memory: this answer was NOT kept");
    }
    s->npending++;
    return 0;
}

static int check_item(EvalStore *s, const char *event_id, const EvalAnswers *a, const char *sid,
                      Err *err)
{
    int ex = 0;
    if (!event_id || strlen(event_id) != EVAL_EVENT_ID_LEN)
        return err_set(err, ERR_INVALID, "no such event");
    if (sid && (strlen(sid) >= EVAL_MAX_SID || !eval_id_valid(sid)))
        return err_set(err, ERR_INVALID, "bad submission id");
    ex = event_exists(s, event_id);
    if (ex == 0)
        return err_set(err, ERR_INVALID, "%s: no event '%s'", s->path, event_id);
    /* ex < 0: the database cannot be read right now; store in memory. */
    return eval_answers_validate(a, err);
}

int eval_store_retry_pending(EvalStore *s, Err *err)
{
    Item *items = NULL;
    size_t i = 0, done = 0;
    int rc = 0;
    if (!s->npending)
        return 0;
    items = calloc(s->npending < EVAL_MAX_BATCH ? s->npending : EVAL_MAX_BATCH, sizeof *items);
    if (!items)
        return err_set(err, ERR_NOMEM, "out of memory");
    while (done < s->npending && rc == 0) {
        size_t n = s->npending - done;
        if (n > EVAL_MAX_BATCH)
            n = EVAL_MAX_BATCH;
        for (i = 0; i < n; i++) {
            items[i].event = s->pending[done + i].event;
            items[i].a = s->pending[done + i].a;
            items[i].sid = s->pending[done + i].sid;
        }
        rc = write_items(s, items, n, err);
        if (rc == 0)
            done += n;
    }
    free(items);
    /* drop the committed head of the queue */
    for (i = 0; i < done; i++) {
        eval_answers_free(s->pending[i].a);
        free(s->pending[i].sid);
    }
    memmove(s->pending, s->pending + done, (s->npending - done) * sizeof *s->pending);
    s->npending -= done;
    if (s->npending) {
        err_prefix(err, "answers kept in memory, will retry");
        return ERR_IO;
    }
    log_info("evaluation answers kept in memory are now saved");
    return 0;
}

int eval_store_submit(EvalStore *s, const char *event_id, const EvalAnswers *a, const char *sid,
                      Err *err)
{
    Item it;
    int rc = 0;
    if (s->readonly)
        return err_set(err, ERR_STATE, "%s: opened read-only for a report", s->path);
    if (sid && (sid_has(&s->sids, sid) || eval_room_hash_stored(s, sid)))
        return 0; /* a retry of a committed submission (also from before a restart) */
    if (sid && pending_has(s, sid))
        return eval_store_retry_pending(s, err);
    if ((rc = check_item(s, event_id, a, sid, err)) < 0)
        return rc;
    if (s->npending) {
        /* Keep the order simple: queue, then try to flush everything. */
        if ((rc = pending_push(s, event_id, a, sid, err)) < 0)
            return rc;
        return eval_store_retry_pending(s, err);
    }
    it.event = event_id;
    it.a = a;
    it.sid = sid;
    rc = write_items(s, &it, 1, err);
    if (rc == 0)
        return 0;
    if (pending_push(s, event_id, a, sid, NULL) < 0) {
        err_prefix(err, "answer NOT kept (memory queue full)");
        return ERR_LIMIT;
    }
    log_error("%s (answer kept in memory, %zu waiting)", err ? err->msg : "cannot save answer",
              s->npending);
    err_prefix(err, "answer kept in memory, will retry");
    return ERR_IO;
}

int eval_store_submit_now(EvalStore *s, const char *event_id, const EvalAnswers *a, Err *err)
{
    Item it;
    int rc = 0;
    if (s->readonly)
        return err_set(err, ERR_STATE, "%s: opened read-only for a report", s->path);
    if ((rc = check_item(s, event_id, a, NULL, err)) < 0)
        return rc;
    it.event = event_id;
    it.a = a;
    it.sid = NULL;
    return write_items(s, &it, 1, err); /* nothing kept in memory: the caller retries */
}

int eval_store_submit_batch(EvalStore *s, const char *event_id, const EvalAnswers *const *a,
                            const char *const *sids, size_t n, int *results, Err *err)
{
    Item items[EVAL_MAX_BATCH];
    size_t idx[EVAL_MAX_BATCH];
    size_t i = 0, j = 0, m = 0;
    int rc = 0;
    if (s->readonly)
        return err_set(err, ERR_STATE, "%s: opened read-only for a report", s->path);
    if (n > EVAL_MAX_BATCH)
        return err_set(err, ERR_LIMIT, "batch larger than %d", EVAL_MAX_BATCH);
    if (s->npending)
        eval_store_retry_pending(s, NULL);
    for (i = 0; i < n; i++) {
        const char *sid = sids ? sids[i] : NULL;
        int dup = 0;
        results[i] = 0;
        if (sid && (sid_has(&s->sids, sid) || eval_room_hash_stored(s, sid)))
            continue;
        if (sid && pending_has(s, sid)) {
            results[i] = ERR_IO; /* still waiting in memory */
            continue;
        }
        for (j = 0; j < m && sid; j++)
            if (items[j].sid && strcmp(items[j].sid, sid) == 0)
                dup = 1;
        if (dup) {
            results[i] = BATCH_DUP;
            continue;
        }
        if ((results[i] = check_item(s, event_id, a[i], sid, NULL)) < 0)
            continue;
        items[m].event = event_id;
        items[m].a = a[i];
        items[m].sid = sid;
        idx[m] = i;
        m++;
    }
    rc = m ? write_items(s, items, m, err) : 0;
    if (rc < 0) {
        for (j = 0; j < m; j++) {
            results[idx[j]] = ERR_IO;
            if (pending_push(s, event_id, items[j].a, items[j].sid, NULL) < 0)
                results[idx[j]] = ERR_LIMIT;
        }
        log_error("%s (%zu answers kept in memory)", err ? err->msg : "cannot save answers",
                  s->npending);
    }
    /* duplicates inside the batch share the fate of their first copy */
    for (i = 0; i < n; i++) {
        if (results[i] != BATCH_DUP)
            continue;
        results[i] = (sids[i] && sid_has(&s->sids, sids[i])) ? 0 : ERR_IO;
    }
    return rc;
}

size_t eval_store_pending(const EvalStore *s) { return s->npending; }
int eval_store_sid_committed(EvalStore *s, const char *sid)
{
    return sid_has(&s->sids, sid) || eval_room_hash_stored(s, sid);
}

void eval_store_set_fault_hook(EvalStore *s, EvalFaultHook hook, void *ud)
{
    s->fault = hook;
    s->fault_ud = ud;
}

/* ---- for the store's other files (eval_store_priv.h) -------------------- */

sqlite3 *eval_store_db_(EvalStore *s) { return s->db; }

static void slots_forget(void *ud)
{
    ((EvalSlotCache *)ud)->known = 0;
}

EvalSlotCache *eval_store_slots_(EvalStore *s, int fresh)
{
    EvalSlotCache *c = &s->slots;
    sqlite3_stmt *st = NULL;
    long long version = -1;
    if (c->db != s->db) {
        /* a new connection (opened, or reopened for a review) */
        memset(c, 0, sizeof *c);
        c->db = s->db;
        sqlite3_rollback_hook(s->db, slots_forget, c);
    }
    if (!fresh)
        return c;
    if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (version < 0 || version != c->version)
        c->known = 0; /* another connection committed: count again */
    c->version = version;
    return c;
}

int eval_store_writable_(EvalStore *s, Err *err)
{
    if (s->readonly && !s->reviewing)
        return store_reopen_rw(s, err);
    return 0;
}
int eval_store_readonly_(const EvalStore *s) { return s->readonly; }
int eval_store_legacy_(const EvalStore *s) { return s->legacy; }
int eval_store_db_err_(EvalStore *s, int rc, const char *what, Err *err)
{
    return db_err(s, rc, what, err);
}
