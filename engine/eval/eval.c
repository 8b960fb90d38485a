/* eval.c - questionnaire model, answer validation and the phone's JSON. */
#include "eval/eval.h"

#include "core/buf.h"
#include "core/utf8.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct EvalTexts {
    char *t[2]; /* da, en */
} EvalTexts;

typedef struct EvalGroup {
    char id[EVAL_MAX_ID];
    EvalTexts label;
    uint32_t mask;
} EvalGroup;

typedef struct EvalQuestion {
    char id[EVAL_MAX_ID];
    EvalKind kind;
    int required;
    EvalTexts text;
    EvalTexts warning;
    int max_chars;
    int nopt;
    EvalTexts opt[EVAL_MAX_OPTIONS];
    int ngroup;
    EvalGroup group[EVAL_MAX_GROUPS];
} EvalQuestion;

struct EvalQuestionnaire {
    char id[EVAL_MAX_ID];
    EvalTexts title;
    EvalTexts intro;
    int finished;
    int n;
    EvalQuestion q[EVAL_MAX_QUESTIONS];
};

/* 1 if d is a whole number in [lo, hi] (never for NaN or huge values), so
 * that (int)d is defined. */
static int whole_in(double d, int lo, int hi)
{
    return d >= (double)lo && d <= (double)hi && d == (double)(long long)d;
}

static const char *const kind_names[EVAL_KIND_COUNT] = {"single", "yesno", "multi", "text"};

const char *eval_kind_name(EvalKind k)
{
    if ((int)k < 0 || (int)k >= EVAL_KIND_COUNT)
        return "";
    return kind_names[k];
}

int eval_kind_parse(const char *name, EvalKind *out)
{
    int k = 0;
    if (!name)
        return -1;
    for (k = 0; k < EVAL_KIND_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (EvalKind)k;
            return 0;
        }
    return -1;
}

int eval_id_valid(const char *id)
{
    size_t i = 0, n = id ? strlen(id) : 0;
    if (n == 0 || n >= EVAL_MAX_ID)
        return 0;
    for (i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

static void texts_free(EvalTexts *t)
{
    free(t->t[0]);
    free(t->t[1]);
    t->t[0] = t->t[1] = NULL;
}

/* Copies a Danish/English pair; a missing language falls back to the other. */
static int texts_set(EvalTexts *t, const char *da, const char *en, const char *what, Err *err)
{
    char *a = NULL, *b = NULL;
    if (!da && !en)
        return err_set(err, ERR_INVALID, "%s: text missing", what);
    if (!da)
        da = en;
    if (!en)
        en = da;
    if (strlen(da) >= EVAL_MAX_LABEL || strlen(en) >= EVAL_MAX_LABEL)
        return err_set(err, ERR_LIMIT, "%s: text longer than %d bytes", what, EVAL_MAX_LABEL - 1);
    if (!utf8_valid(da, strlen(da)) || !utf8_valid(en, strlen(en)))
        return err_set(err, ERR_INVALID, "%s: text is not valid UTF-8", what);
    a = core_strdup(da);
    b = core_strdup(en);
    if (!a || !b) {
        free(a);
        free(b);
        return err_set(err, ERR_NOMEM, "out of memory");
    }
    texts_free(t);
    t->t[0] = a;
    t->t[1] = b;
    return 0;
}

static const char *texts_get(const EvalTexts *t, EvalLang lang)
{
    const char *s = t->t[lang == EVAL_LANG_EN ? 1 : 0];
    return s ? s : "";
}

EvalQuestionnaire *eval_q_new(const char *id, const char *title_da, const char *title_en,
                              Err *err)
{
    EvalQuestionnaire *q = NULL;
    if (!eval_id_valid(id)) {
        err_set(err, ERR_INVALID, "questionnaire id '%s' is not a valid id ([A-Za-z0-9_.-], max %d)",
                id ? id : "", EVAL_MAX_ID - 1);
        return NULL;
    }
    q = calloc(1, sizeof *q);
    if (!q) {
        err_set(err, ERR_NOMEM, "out of memory");
        return NULL;
    }
    snprintf(q->id, sizeof q->id, "%s", id);
    if (texts_set(&q->title, title_da ? title_da : id, title_en, "questionnaire title", err) < 0) {
        eval_q_free(q);
        return NULL;
    }
    return q;
}

void eval_q_free(EvalQuestionnaire *q)
{
    int i = 0, j = 0;
    if (!q)
        return;
    texts_free(&q->title);
    texts_free(&q->intro);
    for (i = 0; i < q->n; i++) {
        EvalQuestion *qq = &q->q[i];
        texts_free(&qq->text);
        texts_free(&qq->warning);
        for (j = 0; j < qq->nopt; j++)
            texts_free(&qq->opt[j]);
        for (j = 0; j < qq->ngroup; j++)
            texts_free(&qq->group[j].label);
    }
    free(q);
}

static int check_open(EvalQuestionnaire *q, Err *err)
{
    if (!q)
        return err_set(err, ERR_INVALID, "no questionnaire");
    if (q->finished)
        return err_set(err, ERR_STATE, "questionnaire '%s' is already finished", q->id);
    return 0;
}

static int check_qi(const EvalQuestionnaire *q, int qi, Err *err)
{
    if (qi < 0 || qi >= q->n)
        return err_set(err, ERR_INVALID, "no question number %d", qi);
    return 0;
}

int eval_q_set_intro(EvalQuestionnaire *q, const char *da, const char *en, Err *err)
{
    int rc = check_open(q, err);
    if (rc < 0)
        return rc;
    return texts_set(&q->intro, da, en, "questionnaire intro", err);
}

int eval_q_add_question(EvalQuestionnaire *q, const char *id, EvalKind kind, const char *da,
                        const char *en, int required, Err *err)
{
    EvalQuestion *qq = NULL;
    int rc = check_open(q, err);
    if (rc < 0)
        return rc;
    if (!eval_id_valid(id))
        return err_set(err, ERR_INVALID, "question id '%s' is not a valid id", id ? id : "");
    if (eval_q_find(q, id) >= 0)
        return err_set(err, ERR_INVALID, "question id '%s' is used twice", id);
    if ((int)kind < 0 || kind > EVAL_TEXT)
        return err_set(err, ERR_INVALID, "question '%s': unknown kind", id);
    if (q->n >= EVAL_MAX_QUESTIONS)
        return err_set(err, ERR_LIMIT, "more than %d questions", EVAL_MAX_QUESTIONS);
    qq = &q->q[q->n];
    memset(qq, 0, sizeof *qq);
    snprintf(qq->id, sizeof qq->id, "%s", id);
    qq->kind = kind;
    qq->required = kind == EVAL_TEXT ? 0 : (required != 0);
    qq->max_chars = 500;
    rc = texts_set(&qq->text, da, en, id, err);
    if (rc == 0 && kind == EVAL_YESNO) {
        rc = texts_set(&qq->opt[0], "Ja", "Yes", id, err);
        if (rc == 0)
            rc = texts_set(&qq->opt[1], "Nej", "No", id, err);
        qq->nopt = 2;
    }
    if (rc == 0 && kind == EVAL_TEXT)
        rc = texts_set(&qq->warning, "Skriv ingen navne", "Write no names", id, err);
    q->n++; /* counted even on failure so that eval_q_free() frees the texts */
    if (rc < 0) {
        EvalQuestion *last = &q->q[--q->n];
        texts_free(&last->text);
        texts_free(&last->warning);
        texts_free(&last->opt[0]);
        texts_free(&last->opt[1]);
        return rc;
    }
    return q->n - 1;
}

int eval_q_add_option(EvalQuestionnaire *q, int qi, const char *da, const char *en, Err *err)
{
    EvalQuestion *qq = NULL;
    int rc = check_open(q, err);
    if (rc < 0 || (rc = check_qi(q, qi, err)) < 0)
        return rc;
    qq = &q->q[qi];
    if (qq->kind != EVAL_SINGLE && qq->kind != EVAL_MULTI)
        return err_set(err, ERR_INVALID, "question '%s': options only for single and multi",
                       qq->id);
    if (qq->nopt >= EVAL_MAX_OPTIONS)
        return err_set(err, ERR_LIMIT, "question '%s': more than %d options", qq->id,
                       EVAL_MAX_OPTIONS);
    rc = texts_set(&qq->opt[qq->nopt], da, en, qq->id, err);
    if (rc < 0)
        return rc;
    return ++qq->nopt;
}

int eval_q_add_group(EvalQuestionnaire *q, int qi, const char *id, const char *da,
                     const char *en, const int *options, int n, Err *err)
{
    EvalQuestion *qq = NULL;
    EvalGroup *g = NULL;
    uint32_t mask = 0;
    int i = 0;
    int rc = check_open(q, err);
    if (rc < 0 || (rc = check_qi(q, qi, err)) < 0)
        return rc;
    qq = &q->q[qi];
    if (qq->kind != EVAL_SINGLE && qq->kind != EVAL_YESNO)
        return err_set(err, ERR_INVALID, "question '%s': groups only for single and yes/no",
                       qq->id);
    if (!eval_id_valid(id))
        return err_set(err, ERR_INVALID, "question '%s': group id '%s' is not valid", qq->id,
                       id ? id : "");
    for (i = 0; i < qq->ngroup; i++)
        if (strcmp(qq->group[i].id, id) == 0)
            return err_set(err, ERR_INVALID, "question '%s': group '%s' used twice", qq->id, id);
    if (qq->ngroup >= EVAL_MAX_GROUPS)
        return err_set(err, ERR_LIMIT, "question '%s': more than %d groups", qq->id,
                       EVAL_MAX_GROUPS);
    if (!options || n < 1 || n > EVAL_MAX_OPTIONS)
        return err_set(err, ERR_INVALID, "question '%s': group '%s' needs 1..%d options", qq->id,
                       id, EVAL_MAX_OPTIONS);
    for (i = 0; i < n; i++) {
        if (options[i] < 1 || options[i] > EVAL_MAX_OPTIONS)
            return err_set(err, ERR_INVALID, "question '%s': group '%s': no option %d", qq->id,
                           id, options[i]);
        mask |= 1u << (options[i] - 1);
    }
    g = &qq->group[qq->ngroup];
    memset(g, 0, sizeof *g);
    rc = texts_set(&g->label, da, en, id, err);
    if (rc < 0)
        return rc;
    snprintf(g->id, sizeof g->id, "%s", id);
    g->mask = mask;
    return qq->ngroup++;
}

int eval_q_set_text_rules(EvalQuestionnaire *q, int qi, const char *warn_da, const char *warn_en,
                          int max_chars, Err *err)
{
    EvalQuestion *qq = NULL;
    int rc = check_open(q, err);
    if (rc < 0 || (rc = check_qi(q, qi, err)) < 0)
        return rc;
    qq = &q->q[qi];
    if (qq->kind != EVAL_TEXT)
        return err_set(err, ERR_INVALID, "question '%s' is not a text question", qq->id);
    if (max_chars < 1 || max_chars > 1000)
        return err_set(err, ERR_INVALID, "question '%s': max length must be 1..1000", qq->id);
    if (warn_da || warn_en) {
        rc = texts_set(&qq->warning, warn_da, warn_en, qq->id, err);
        if (rc < 0)
            return rc;
    }
    qq->max_chars = max_chars;
    return 0;
}

int eval_q_finish(EvalQuestionnaire *q, Err *err)
{
    int i = 0, j = 0;
    int rc = check_open(q, err);
    if (rc < 0)
        return rc;
    if (q->n == 0)
        return err_set(err, ERR_INVALID, "questionnaire '%s' has no questions", q->id);
    for (i = 0; i < q->n; i++) {
        EvalQuestion *qq = &q->q[i];
        uint32_t all = qq->nopt ? (uint32_t)((1u << qq->nopt) - 1) : 0;
        if ((qq->kind == EVAL_SINGLE || qq->kind == EVAL_MULTI) && qq->nopt < 2)
            return err_set(err, ERR_INVALID, "question '%s' needs at least 2 options", qq->id);
        for (j = 0; j < qq->ngroup; j++)
            if (qq->group[j].mask & ~all)
                return err_set(err, ERR_INVALID, "question '%s': group '%s' names an option "
                               "the question does not have", qq->id, qq->group[j].id);
    }
    q->finished = 1;
    return 0;
}

const char *eval_q_id(const EvalQuestionnaire *q) { return q->id; }
const char *eval_q_title(const EvalQuestionnaire *q, EvalLang l) { return texts_get(&q->title, l); }
const char *eval_q_intro(const EvalQuestionnaire *q, EvalLang l) { return texts_get(&q->intro, l); }
int eval_q_count(const EvalQuestionnaire *q) { return q->n; }

int eval_q_find(const EvalQuestionnaire *q, const char *qid)
{
    int i = 0;
    if (!q || !qid)
        return -1;
    for (i = 0; i < q->n; i++)
        if (strcmp(q->q[i].id, qid) == 0)
            return i;
    return -1;
}

const char *eval_q_question_id(const EvalQuestionnaire *q, int qi) { return q->q[qi].id; }
EvalKind eval_q_kind(const EvalQuestionnaire *q, int qi) { return q->q[qi].kind; }
int eval_q_required(const EvalQuestionnaire *q, int qi) { return q->q[qi].required; }
const char *eval_q_text(const EvalQuestionnaire *q, int qi, EvalLang l)
{
    return texts_get(&q->q[qi].text, l);
}
const char *eval_q_warning(const EvalQuestionnaire *q, int qi, EvalLang l)
{
    return texts_get(&q->q[qi].warning, l);
}
int eval_q_max_chars(const EvalQuestionnaire *q, int qi) { return q->q[qi].max_chars; }
int eval_q_option_count(const EvalQuestionnaire *q, int qi) { return q->q[qi].nopt; }
const char *eval_q_option(const EvalQuestionnaire *q, int qi, int opt, EvalLang l)
{
    if (opt < 1 || opt > q->q[qi].nopt)
        return "";
    return texts_get(&q->q[qi].opt[opt - 1], l);
}
int eval_q_group_count(const EvalQuestionnaire *q, int qi) { return q->q[qi].ngroup; }
const char *eval_q_group_id(const EvalQuestionnaire *q, int qi, int gi)
{
    return q->q[qi].group[gi].id;
}
const char *eval_q_group_label(const EvalQuestionnaire *q, int qi, int gi, EvalLang l)
{
    return texts_get(&q->q[qi].group[gi].label, l);
}
uint32_t eval_q_group_mask(const EvalQuestionnaire *q, int qi, int gi)
{
    return q->q[qi].group[gi].mask;
}

/* ---- JSON form of a questionnaire ------------------------------------- */

static void texts_json(Buf *b, const EvalTexts *t)
{
    buf_puts(b, "{\"da\":");
    buf_json_string(b, texts_get(t, EVAL_LANG_DA));
    buf_puts(b, ",\"en\":");
    buf_json_string(b, texts_get(t, EVAL_LANG_EN));
    buf_puts(b, "}");
}

char *eval_q_to_json(const EvalQuestionnaire *q)
{
    Buf b = BUF_INIT;
    int i = 0, j = 0, k = 0;
    buf_puts(&b, "{\"id\":");
    buf_json_string(&b, q->id);
    buf_puts(&b, ",\"title\":");
    texts_json(&b, &q->title);
    if (q->intro.t[0]) {
        buf_puts(&b, ",\"intro\":");
        texts_json(&b, &q->intro);
    }
    buf_puts(&b, ",\"questions\":[");
    for (i = 0; i < q->n; i++) {
        const EvalQuestion *qq = &q->q[i];
        buf_printf(&b, "%s{\"id\":", i ? "," : "");
        buf_json_string(&b, qq->id);
        buf_printf(&b, ",\"kind\":\"%s\",\"required\":%s,\"prompt\":", eval_kind_name(qq->kind),
                   qq->required ? "true" : "false");
        texts_json(&b, &qq->text);
        if (qq->kind == EVAL_TEXT) {
            buf_puts(&b, ",\"warning\":");
            texts_json(&b, &qq->warning);
            buf_printf(&b, ",\"max\":%d", qq->max_chars);
        }
        if (qq->kind == EVAL_SINGLE || qq->kind == EVAL_MULTI) {
            buf_puts(&b, ",\"options\":[");
            for (j = 0; j < qq->nopt; j++) {
                buf_printf(&b, "%s{\"value\":%d,\"text\":", j ? "," : "", j + 1);
                texts_json(&b, &qq->opt[j]);
                buf_puts(&b, "}");
            }
            buf_puts(&b, "]");
        }
        if (qq->ngroup) {
            buf_puts(&b, ",\"groups\":[");
            for (j = 0; j < qq->ngroup; j++) {
                int first = 1;
                buf_printf(&b, "%s{\"id\":", j ? "," : "");
                buf_json_string(&b, qq->group[j].id);
                buf_puts(&b, ",\"label\":");
                texts_json(&b, &qq->group[j].label);
                buf_puts(&b, ",\"options\":[");
                for (k = 0; k < EVAL_MAX_OPTIONS; k++)
                    if (qq->group[j].mask & (1u << k)) {
                        buf_printf(&b, "%s%d", first ? "" : ",", k + 1);
                        first = 0;
                    }
                buf_puts(&b, "]}");
            }
            buf_puts(&b, "]");
        }
        buf_puts(&b, "}");
    }
    buf_puts(&b, "]}");
    if (b.oom) {
        buf_free(&b);
        return NULL;
    }
    return buf_take(&b);
}

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *jlang(const cJSON *o, const char *key, const char *lang)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(v))
        return v->valuestring;
    return jstr(v, lang);
}

EvalQuestionnaire *eval_q_from_json(const char *json, size_t len, Err *err)
{
    cJSON *root = NULL;
    const cJSON *qs = NULL, *qo = NULL;
    EvalQuestionnaire *q = NULL;
    int rc = 0;
    if (len > 1024 * 1024) {
        err_set(err, ERR_LIMIT, "questionnaire JSON too large");
        return NULL;
    }
    root = cJSON_ParseWithLength(json, len);
    if (!root) {
        err_set(err, ERR_INVALID, "questionnaire JSON does not parse");
        return NULL;
    }
    q = eval_q_new(jstr(root, "id"), jlang(root, "title", "da"), jlang(root, "title", "en"), err);
    if (!q)
        goto fail;
    if (cJSON_GetObjectItemCaseSensitive(root, "intro") &&
        eval_q_set_intro(q, jlang(root, "intro", "da"), jlang(root, "intro", "en"), err) < 0)
        goto fail;
    qs = cJSON_GetObjectItemCaseSensitive(root, "questions");
    cJSON_ArrayForEach(qo, qs)
    {
        const cJSON *opt = NULL, *g = NULL;
        /* "prompt" today; "text" in databases written before */
        const char *tkey = cJSON_GetObjectItemCaseSensitive(qo, "prompt") ? "prompt" : "text";
        EvalKind k = EVAL_SINGLE;
        int qi = 0;
        if (eval_kind_parse(jstr(qo, "kind"), &k) < 0) {
            err_set(err, ERR_INVALID, "questionnaire JSON: unknown question kind");
            goto fail;
        }
        qi = eval_q_add_question(q, jstr(qo, "id"), k, jlang(qo, tkey, "da"), jlang(qo, tkey, "en"),
                                 cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(qo, "required")),
                                 err);
        if (qi < 0)
            goto fail;
        if (k == EVAL_TEXT) {
            const cJSON *ml = cJSON_GetObjectItemCaseSensitive(qo, "max");
            if (!ml)
                ml = cJSON_GetObjectItemCaseSensitive(qo, "max_length"); /* the older shape */
            rc = eval_q_set_text_rules(q, qi, jlang(qo, "warning", "da"),
                                       jlang(qo, "warning", "en"),
                                       !cJSON_IsNumber(ml) ? 500
                                       : whole_in(ml->valuedouble, 0, 1000000) ? (int)ml->valuedouble
                                                                               : -1,
                                       err);
            if (rc < 0)
                goto fail;
        }
        if (k == EVAL_SINGLE || k == EVAL_MULTI) {
            cJSON_ArrayForEach(opt, cJSON_GetObjectItemCaseSensitive(qo, "options"))
            {
                /* {"value":n,"text":{..}} today; {"da":..,"en":..} or a plain
                 * string in databases written before */
                const char *da = cJSON_IsString(opt) ? opt->valuestring
                                 : cJSON_GetObjectItemCaseSensitive(opt, "text") ? jlang(opt, "text", "da")
                                                                                 : jstr(opt, "da");
                const char *en = cJSON_IsString(opt) ? opt->valuestring
                                 : cJSON_GetObjectItemCaseSensitive(opt, "text") ? jlang(opt, "text", "en")
                                                                                 : jstr(opt, "en");
                if (eval_q_add_option(q, qi, da, en, err) < 0)
                    goto fail;
            }
        }
        cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(qo, "groups"))
        {
            int opts[EVAL_MAX_OPTIONS];
            int n = 0;
            const cJSON *o = NULL;
            memset(opts, 0, sizeof opts);
            cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(g, "options"))
            {
                if (n >= EVAL_MAX_OPTIONS || !cJSON_IsNumber(o) ||
                    !whole_in(o->valuedouble, 1, EVAL_MAX_OPTIONS)) {
                    err_set(err, ERR_INVALID, "questionnaire JSON: bad group options");
                    goto fail;
                }
                opts[n++] = (int)o->valuedouble;
            }
            if (eval_q_add_group(q, qi, jstr(g, "id"), jlang(g, "label", "da"),
                                 jlang(g, "label", "en"), opts, n, err) < 0)
                goto fail;
        }
    }
    if (eval_q_finish(q, err) < 0)
        goto fail;
    cJSON_Delete(root);
    return q;
fail:
    cJSON_Delete(root);
    eval_q_free(q);
    return NULL;
}

/* ---- answers ------------------------------------------------------------ */

EvalAnswers *eval_answers_new(const EvalQuestionnaire *q)
{
    EvalAnswers *a = calloc(1, sizeof *a);
    if (a)
        a->q = q;
    return a;
}

void eval_answers_clear(EvalAnswers *a)
{
    int i = 0;
    if (!a)
        return;
    for (i = 0; i < EVAL_MAX_QUESTIONS; i++) {
        free(a->a[i].text);
        memset(&a->a[i], 0, sizeof a->a[i]);
    }
}

void eval_answers_free(EvalAnswers *a)
{
    if (!a)
        return;
    eval_answers_clear(a);
    free(a);
}

EvalAnswers *eval_answers_copy(const EvalAnswers *src)
{
    EvalAnswers *a = eval_answers_new(src->q);
    int i = 0;
    if (!a)
        return NULL;
    for (i = 0; i < EVAL_MAX_QUESTIONS; i++) {
        a->a[i] = src->a[i];
        a->a[i].text = NULL;
        if (src->a[i].text && !(a->a[i].text = core_strdup(src->a[i].text))) {
            eval_answers_free(a);
            return NULL;
        }
    }
    return a;
}

static int lookup(const EvalAnswers *a, const char *qid, EvalKind want, int any, Err *err)
{
    int qi = eval_q_find(a->q, qid);
    if (qi < 0)
        return err_set(err, ERR_INVALID, "unknown question '%s'", qid ? qid : "");
    if (!any) {
        EvalKind k = a->q->q[qi].kind;
        int ok = (k == want) || (want == EVAL_SINGLE && k == EVAL_YESNO);
        if (!ok)
            return err_set(err, ERR_INVALID, "question '%s' is a %s question", qid,
                           eval_kind_name(k));
    }
    return qi;
}

int eval_answers_set_choice(EvalAnswers *a, const char *qid, int option, Err *err)
{
    int qi = lookup(a, qid, EVAL_SINGLE, 0, err);
    if (qi < 0)
        return qi;
    if (option < 1 || option > a->q->q[qi].nopt)
        return err_set(err, ERR_INVALID, "question '%s': option %d is out of range 1..%d", qid,
                       option, a->q->q[qi].nopt);
    a->a[qi].present = 1;
    a->a[qi].choice = option;
    return 0;
}

int eval_answers_set_multi(EvalAnswers *a, const char *qid, uint32_t mask, Err *err)
{
    int qi = lookup(a, qid, EVAL_MULTI, 0, err);
    uint32_t all = 0;
    if (qi < 0)
        return qi;
    all = (uint32_t)((1u << a->q->q[qi].nopt) - 1);
    if (mask & ~all)
        return err_set(err, ERR_INVALID, "question '%s': an option is out of range 1..%d", qid,
                       a->q->q[qi].nopt);
    a->a[qi].present = mask != 0;
    a->a[qi].mask = mask;
    return 0;
}

int eval_answers_set_text(EvalAnswers *a, const char *qid, const char *text, Err *err)
{
    int qi = lookup(a, qid, EVAL_TEXT, 0, err);
    size_t n = 0;
    char *copy = NULL;
    if (qi < 0)
        return qi;
    n = text ? strlen(text) : 0;
    if (n >= EVAL_MAX_TEXT)
        return err_set(err, ERR_LIMIT, "question '%s': text is too long (max %d characters)", qid,
                       a->q->q[qi].max_chars);
    if (!utf8_valid(text ? text : "", n))
        return err_set(err, ERR_INVALID, "question '%s': text is not valid UTF-8", qid);
    if (n && (int)utf8_length(text) > a->q->q[qi].max_chars)
        return err_set(err, ERR_LIMIT, "question '%s': text is too long (max %d characters)", qid,
                       a->q->q[qi].max_chars);
    if (n && !(copy = core_strdup(text)))
        return err_set(err, ERR_NOMEM, "out of memory");
    free(a->a[qi].text);
    a->a[qi].text = copy;
    a->a[qi].present = copy != NULL;
    return 0;
}

int eval_answers_skip(EvalAnswers *a, const char *qid, Err *err)
{
    int qi = lookup(a, qid, EVAL_SINGLE, 1, err);
    if (qi < 0)
        return qi;
    free(a->a[qi].text);
    memset(&a->a[qi], 0, sizeof a->a[qi]);
    return 0;
}

int eval_answers_validate(const EvalAnswers *a, Err *err)
{
    int i = 0;
    if (!a || !a->q)
        return err_set(err, ERR_INVALID, "no answers");
    for (i = 0; i < a->q->n; i++) {
        const EvalQuestion *qq = &a->q->q[i];
        const EvalAnswer *an = &a->a[i];
        if (!an->present) {
            if (qq->required)
                return err_set(err, ERR_INVALID, "question '%s' must be answered", qq->id);
            continue;
        }
        switch (qq->kind) {
        case EVAL_SINGLE:
        case EVAL_YESNO:
            if (an->choice < 1 || an->choice > qq->nopt)
                return err_set(err, ERR_INVALID, "question '%s': option %d is out of range",
                               qq->id, an->choice);
            break;
        case EVAL_MULTI:
            if (an->mask == 0 || (an->mask & ~(uint32_t)((1u << qq->nopt) - 1)))
                return err_set(err, ERR_INVALID, "question '%s': options out of range", qq->id);
            break;
        case EVAL_TEXT:
            if (!an->text || !utf8_valid(an->text, strlen(an->text)) ||
                (int)utf8_length(an->text) > qq->max_chars)
                return err_set(err, ERR_INVALID, "question '%s': text is invalid or too long",
                               qq->id);
            break;
        }
    }
    for (; i < EVAL_MAX_QUESTIONS; i++)
        if (a->a[i].present)
            return err_set(err, ERR_INVALID, "answer to a question that does not exist");
    return 0;
}

int eval_answers_count(const EvalAnswers *a)
{
    int i = 0, n = 0;
    for (i = 0; i < EVAL_MAX_QUESTIONS; i++)
        n += a->a[i].present != 0;
    return n;
}

static int copy_field(const cJSON *root, const char *key, char *out, size_t cap, int required,
                      Err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    out[0] = '\0';
    if (!v) {
        if (required)
            return err_set(err, ERR_INVALID, "answer: \"%s\" is missing", key);
        return 0;
    }
    if (!cJSON_IsString(v) || !eval_id_valid(v->valuestring))
        return err_set(err, ERR_INVALID, "answer: \"%s\" must be a short id string", key);
    if (strlen(v->valuestring) >= cap)
        return err_set(err, ERR_LIMIT, "answer: \"%s\" is longer than %zu bytes", key, cap - 1);
    snprintf(out, cap, "%s", v->valuestring);
    return 0;
}

int eval_answers_from_json(const EvalQuestionnaire *q, const char *json, size_t len,
                           EvalAnswers **out, char code[EVAL_MAX_CODE], char sid[EVAL_MAX_SID],
                           Err *err)
{
    cJSON *root = NULL;
    const cJSON *ans = NULL, *it = NULL;
    EvalAnswers *a = NULL;
    int rc = 0;
    *out = NULL;
    code[0] = sid[0] = '\0';
    if (len > EVAL_MAX_JSON)
        return err_set(err, ERR_LIMIT, "answer: document larger than %d bytes", EVAL_MAX_JSON);
    root = cJSON_ParseWithLength(json, len);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return err_set(err, ERR_INVALID, "answer: not a JSON object");
    }
    if ((rc = copy_field(root, "r", code, EVAL_MAX_CODE, 0, err)) < 0 ||
        (rc = copy_field(root, "sid", sid, EVAL_MAX_SID, 1, err)) < 0)
        goto done;
    ans = cJSON_GetObjectItemCaseSensitive(root, "answers");
    if (!cJSON_IsObject(ans)) {
        rc = err_set(err, ERR_INVALID, "answer: \"answers\" must be an object");
        goto done;
    }
    if (!(a = eval_answers_new(q))) {
        rc = err_set(err, ERR_NOMEM, "out of memory");
        goto done;
    }
    cJSON_ArrayForEach(it, ans)
    {
        const char *qid = it->string;
        int qi = eval_q_find(q, qid);
        if (qi < 0) {
            rc = err_set(err, ERR_INVALID, "unknown question '%s'", qid ? qid : "");
            goto done;
        }
        if (cJSON_IsNull(it)) {
            continue;
        } else if (cJSON_IsBool(it) && q->q[qi].kind == EVAL_YESNO) {
            rc = eval_answers_set_choice(a, qid, cJSON_IsTrue(it) ? 1 : 2, err);
        } else if (cJSON_IsNumber(it)) {
            double d = it->valuedouble;
            if (!whole_in(d, 1, EVAL_MAX_OPTIONS)) {
                rc = err_set(err, ERR_INVALID, "question '%s': option is out of range", qid);
                goto done;
            }
            rc = eval_answers_set_choice(a, qid, (int)d, err);
        } else if (cJSON_IsArray(it)) {
            uint32_t mask = 0;
            const cJSON *o = NULL;
            cJSON_ArrayForEach(o, it)
            {
                double d = cJSON_IsNumber(o) ? o->valuedouble : 0;
                if (!whole_in(d, 1, EVAL_MAX_OPTIONS)) {
                    rc = err_set(err, ERR_INVALID, "question '%s': option is out of range", qid);
                    goto done;
                }
                mask |= 1u << ((int)d - 1);
            }
            rc = eval_answers_set_multi(a, qid, mask, err);
        } else if (cJSON_IsString(it)) {
            rc = eval_answers_set_text(a, qid, it->valuestring, err);
        } else {
            rc = err_set(err, ERR_INVALID, "question '%s': unexpected value", qid);
        }
        if (rc < 0)
            goto done;
    }
    rc = eval_answers_validate(a, err);
done:
    cJSON_Delete(root);
    if (rc < 0) {
        eval_answers_free(a);
        code[0] = sid[0] = '\0';
        return rc;
    }
    *out = a;
    return 0;
}
