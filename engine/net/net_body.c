/* net_body.c - JSON body decoders for the phone API (cJSON), fuzzed. */
#include "net/net_body.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>
#include <string.h>

#include "core/utf8.h"

int net_token_valid(const char *s)
{
    size_t n = 0;
    if (!s)
        return 0;
    for (n = 0; s[n]; n++) {
        char c = s[n];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '_' || c == '-';
        if (!ok || n >= VOTE_MAX_TOKEN - 1)
            return 0;
    }
    return n >= 16;
}

int net_room_parse(const char *s, char *out)
{
    int i = 0;
    if (!s)
        return ERR_INVALID;
    for (i = 0; i < NET_ROOM_CODE_LEN; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c < 'A' || c > 'Z')
            return ERR_INVALID;
        out[i] = c;
    }
    if (s[NET_ROOM_CODE_LEN] != '\0')
        return ERR_INVALID;
    out[NET_ROOM_CODE_LEN] = '\0';
    return 0;
}

/* Parses data as a JSON object into *out; 0, or ERR_INVALID/ERR_LIMIT/
 * ERR_NOMEM with *out NULL. */
static int parse_object(const char *data, size_t len, size_t max, cJSON **out, Err *err)
{
    cJSON *root = NULL;
    const char *end = NULL;
    *out = NULL;
    if (!data || len == 0)
        return err_set(err, ERR_INVALID, "empty body");
    if (len > max)
        return err_set(err, ERR_LIMIT, "body over %zu bytes", max);
    root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
    if (!root)
        return err_set(err, ERR_INVALID, "body is not JSON");
    /* Only whitespace may follow the value. */
    while (end && end < data + len && (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
        end++;
    if (!end || end != data + len) {
        cJSON_Delete(root);
        return err_set(err, ERR_INVALID, "trailing bytes after JSON");
    }
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return err_set(err, ERR_INVALID, "body is not a JSON object");
    }
    *out = root;
    return 0;
}

static int get_room(const cJSON *root, char *out, Err *err)
{
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(root, "r");
    if (!cJSON_IsString(r) || net_room_parse(r->valuestring, out) != 0)
        return err_set(err, ERR_INVALID, "missing or malformed room code");
    return 0;
}

/* Copies a token-shaped string member; optional members may be absent. */
static int get_token(const cJSON *root, const char *name, char *out, size_t n, int optional,
                     Err *err)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, name);
    out[0] = '\0';
    if (!t && optional)
        return 0;
    if (!cJSON_IsString(t) || !net_token_valid(t->valuestring) || strlen(t->valuestring) >= n)
        return err_set(err, ERR_INVALID, "missing or malformed %s", name);
    memcpy(out, t->valuestring, strlen(t->valuestring) + 1);
    return 0;
}

/* The opening every body shares: a JSON object of at most max bytes with a
 * room code "r" and a token "t" (optional_token: "t" may be absent; room and
 * token are NET_ROOM_CODE_LEN + 1 and VOTE_MAX_TOKEN bytes).  Returns 0 with
 * *root set (the caller deletes it), or the error with *root NULL. */
static int open_body(const char *data, size_t len, size_t max, int optional_token, cJSON **root,
                     char *room, char *token, Err *err)
{
    int rc = parse_object(data, len, max, root, err);
    if (rc == 0 && (rc = get_room(*root, room, err)) == 0)
        rc = get_token(*root, "t", token, VOTE_MAX_TOKEN, optional_token, err);
    if (rc != 0) {
        cJSON_Delete(*root); /* NULL when parse_object failed */
        *root = NULL;
    }
    return rc;
}

/* An integral number in [lo, hi]. */
static int get_int(const cJSON *root, const char *name, int lo, int hi, int *out, Err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, name);
    double d = 0.0;
    if (!cJSON_IsNumber(v))
        return err_set(err, ERR_INVALID, "missing or malformed %s", name);
    d = v->valuedouble;
    if (!isfinite(d) || d != floor(d) || d < (double)lo || d > (double)hi)
        return err_set(err, ERR_INVALID, "%s out of range", name);
    *out = (int)d;
    return 0;
}

int net_body_vote(const char *data, size_t len, NetBodyVote *out, Err *err)
{
    int rc = 0;
    cJSON *root = NULL;
    memset(out, 0, sizeof *out);
    if ((rc = open_body(data, len, NET_MAX_BODY, 0, &root, out->room, out->token, err)) != 0)
        return rc;
    if ((rc = get_int(root, "poll", 1, INT_MAX, &out->poll, err)) == 0)
        rc = get_int(root, "option", 1, VOTE_MAX_OPTIONS, &out->option, err);
    cJSON_Delete(root);
    return rc;
}

int net_body_join(const char *data, size_t len, NetBodyJoin *out, Err *err)
{
    int rc = 0;
    cJSON *root = NULL;
    memset(out, 0, sizeof *out);
    rc = open_body(data, len, NET_MAX_BODY, 1, &root, out->room, out->token, err);
    cJSON_Delete(root);
    return rc;
}

/* Trims ASCII whitespace and turns control characters into spaces, in place. */
static void clean_text(char *s)
{
    size_t n = strlen(s), i = 0, start = 0;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            s[i] = ' ';
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
    while (start < n && s[start] == ' ')
        start++;
    memmove(s, s + start, n - start + 1);
}

/* Cuts s (valid UTF-8) after max code points, at a sequence boundary;
 * returns 1 if anything was cut. */
static int cut_code_points(char *s, size_t max)
{
    size_t i = 0, n = 0;
    while (s[i]) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (n == max) {
                s[i] = '\0';
                return 1;
            }
            n++;
        }
        i++;
    }
    return 0;
}

int net_body_idea(const char *data, size_t len, NetBodyIdea *out, Err *err)
{
    int rc = 0;
    const cJSON *text = NULL;
    char *t = NULL;
    size_t n = 0;
    cJSON *root = NULL;
    memset(out, 0, sizeof *out);
    if ((rc = open_body(data, len, NET_MAX_IDEA_BODY, 0, &root, out->room, out->token, err)) != 0)
        return rc;
    text = cJSON_GetObjectItemCaseSensitive(root, "text");
    if (!cJSON_IsString(text)) {
        rc = err_set(err, ERR_INVALID, "missing text");
        goto done;
    }
    /* cJSON stops a string at an escaped NUL; the byte count below is what we keep. */
    t = text->valuestring;
    n = strlen(t);
    if (!utf8_valid(t, n)) {
        rc = err_set(err, ERR_INVALID, "text is not UTF-8");
        goto done;
    }
    clean_text(t);
    /* Cut at a code point boundary, then trim what the cut left at the end. */
    if (cut_code_points(t, NET_MAX_IDEA_CHARS)) {
        out->cut = 1;
        clean_text(t);
    }
    if (t[0] == '\0') {
        rc = err_set(err, ERR_INVALID, "empty idea");
        goto done;
    }
    n = strlen(t);
    assert(n <= NET_MAX_IDEA_BYTES && utf8_valid(t, n));
    memcpy(out->text, t, n + 1);
done:
    cJSON_Delete(root);
    return rc;
}

/* A scalar answer: a string (valid UTF-8), a finite number or a boolean. */
static int answer_scalar_ok(const cJSON *v)
{
    if (cJSON_IsString(v))
        return utf8_valid(v->valuestring, strlen(v->valuestring));
    if (cJSON_IsNumber(v))
        return isfinite(v->valuedouble);
    return cJSON_IsBool(v);
}

int net_body_eval(const char *data, size_t len, NetBodyEval *out, Err *err)
{
    int rc = 0;
    const cJSON *answers = NULL, *a = NULL, *e = NULL;
    cJSON *root = NULL;
    memset(out, 0, sizeof *out);
    if ((rc = open_body(data, len, NET_MAX_EVAL_BODY, 1, &root, out->room, out->token, err)) != 0)
        return rc;
    if ((rc = get_token(root, "sid", out->sid, sizeof out->sid, 0, err)) != 0)
        goto done;
    answers = cJSON_GetObjectItemCaseSensitive(root, "answers");
    if (!cJSON_IsObject(answers)) {
        rc = err_set(err, ERR_INVALID, "missing answers");
        goto done;
    }
    cJSON_ArrayForEach(a, answers)
    {
        if (++out->n_answers > NET_MAX_EVAL_ANSWERS) {
            rc = err_set(err, ERR_INVALID, "more than %d answers", NET_MAX_EVAL_ANSWERS);
            goto done;
        }
        if (!a->string || a->string[0] == '\0' || strlen(a->string) >= NET_MAX_QID) {
            rc = err_set(err, ERR_INVALID, "malformed question id");
            goto done;
        }
        if (cJSON_IsArray(a)) {
            cJSON_ArrayForEach(e, a)
            {
                if ((!cJSON_IsString(e) && !cJSON_IsNumber(e)) || !answer_scalar_ok(e)) {
                    rc = err_set(err, ERR_INVALID, "malformed answer");
                    goto done;
                }
            }
        } else if (!answer_scalar_ok(a)) {
            rc = err_set(err, ERR_INVALID, "malformed answer");
            goto done;
        }
    }
done:
    cJSON_Delete(root);
    return rc;
}
