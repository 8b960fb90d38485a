/* test_eval_cmd.c - the Lua questionnaire loader and the `enter` and
 * `report` subcommands end to end: paper forms typed on stdin into a real
 * database file, then text/CSV/HTML reports pooled over two files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/commands.h"
#include "core/buf.h"
#include "eval/eval_store.h"
#include "lua/lua_eval.h"

static char dir[] = "/tmp/test_eval_cmd.XXXXXX";

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *d = NULL;
    long n = 0;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    d = calloc(1, (size_t)n + 1);
    if (fread(d, 1, (size_t)n, f) != (size_t)n) {
        free(d);
        d = NULL;
    }
    fclose(f);
    return d;
}

/* Runs fn(args) with stdin from `input` and stdout captured; returns the
 * exit code and the output in *out (caller frees). */
static int run(int (*fn)(int, char **), const char *const *args, const char *input, char **out)
{
    char in[128], outp[128];
    int saved_in = dup(0), saved_out = dup(1), fd = -1, rc = 0, argc = 0;
    char *argv[32];
    FILE *f = NULL;
    snprintf(in, sizeof in, "%s/stdin.txt", dir);
    snprintf(outp, sizeof outp, "%s/stdout.txt", dir);
    f = fopen(in, "w");
    fputs(input ? input : "", f);
    fclose(f);
    for (argc = 0; args[argc]; argc++)
        argv[argc] = (char *)args[argc];
    argv[argc] = NULL;
    fflush(stdout);
    fd = open(in, O_RDONLY);
    dup2(fd, 0);
    close(fd);
    clearerr(stdin);
    fd = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 1);
    close(fd);
    rc = fn(argc, argv);
    fflush(stdout);
    dup2(saved_in, 0);
    dup2(saved_out, 1);
    close(saved_in);
    close(saved_out);
    clearerr(stdin);
    *out = slurp(outp);
    return rc;
}

static void test_lua_loader(void **state)
{
    Err e;
    LuaHost *h = lua_host_new(&e);
    EvalQuestionnaire *q = NULL;
    char bad[128];
    FILE *f = NULL;
    int qi = 0;
    (void)state;
    assert_non_null(h);
    q = lua_eval_load(h, SPECTACTOR_ROOT "/scenes/questionnaire.lua", &e);
    if (!q)
        fail_msg("%s", e.msg);
    assert_string_equal(eval_q_id(q), "default-v1");
    assert_int_equal(eval_q_count(q), 6);
    qi = eval_q_find(q, "overall");
    assert_int_equal(eval_q_option_count(q, qi), 5);
    assert_true(eval_q_required(q, qi));
    assert_string_equal(eval_q_group_id(q, qi, 0), "positive");
    assert_int_equal(eval_q_group_mask(q, qi, 0), 0x18u);
    assert_int_equal(eval_q_kind(q, eval_q_find(q, "learned_action")), EVAL_YESNO);
    qi = eval_q_find(q, "word_stalking");
    assert_int_equal(eval_q_group_mask(q, qi, 0), 0x6u);
    qi = eval_q_find(q, "comment");
    assert_string_equal(eval_q_warning(q, qi, EVAL_LANG_DA), "Skriv ingen navne");
    assert_string_equal(eval_q_warning(q, qi, EVAL_LANG_EN), "Write no names");
    eval_q_free(q);
    /* errors: bad declaration, no declaration, script error with file:line */
    snprintf(bad, sizeof bad, "%s/bad.lua", dir);
    f = fopen(bad, "w");
    fputs("questionnaire { id = 'x', title = 'X', questions = {\n"
          "  { id = 'a', kind = 'single', text = 'A', options = { 'only one' } } } }\n", f);
    fclose(f);
    assert_null(lua_eval_load(h, bad, &e));
    assert_non_null(strstr(e.msg, "question 'a' needs at least 2 options"));
    f = fopen(bad, "w");
    fputs("local x = 1\n", f);
    fclose(f);
    assert_null(lua_eval_load(h, bad, &e));
    assert_non_null(strstr(e.msg, "never declared"));
    f = fopen(bad, "w");
    fputs("\n\nquestionnaire(nil)\n", f);
    fclose(f);
    assert_null(lua_eval_load(h, bad, &e));
    assert_non_null(strstr(e.msg, "bad.lua:3:"));
    f = fopen(bad, "w");
    fputs("questionnaire { id = 'x', questions = { { id = 'k', kind = 'bogus', text = 'K' } } }\n", f);
    fclose(f);
    assert_null(lua_eval_load(h, bad, &e));
    assert_non_null(strstr(e.msg, "kind must be"));
    lua_host_free(h);
}

/* One paper form for the default questionnaire: overall, learned_new,
 * learned_action, word_stalking, know_help, comment. */
static void form(Buf *b, int overall, int yn, const char *comment)
{
    buf_printf(b, "%d\n%d\n%d\n%d\n\n%s\n", overall, yn, yn, overall % 3 + 1, comment);
}

static void test_enter_and_report(void **state)
{
    char db1[128], db2[128], csv[128], html[128], cbp[128];
    char *out = NULL, *s = NULL;
    Buf in = BUF_INIT;
    int i = 0;
    (void)state;
    snprintf(db1, sizeof db1, "%s/a.sqlite", dir);
    snprintf(db2, sizeof db2, "%s/b.sqlite", dir);
    /* laptop 1: 8 forms, with input errors that are asked again, then q */
    buf_puts(&in, "9\nx\n\n5\n1\n1\n2\n\nGodt\n"); /* 9 invalid, x invalid, blank on required */
    for (i = 0; i < 7; i++)
        form(&in, 4 + (i % 2), 1, "");
    buf_puts(&in, "4\nq\n"); /* a partial form is discarded */
    {
        const char *args[] = {"--db", db1, "--scenario", "sofie", "--label", "8.B", NULL};
        assert_int_equal(run(cmd_enter, args, buf_str(&in), &out), 0);
        assert_non_null(strstr(out, "Gemt / saved (8)"));
        assert_non_null(strstr(out, "invalid answer"));
        assert_non_null(strstr(out, "must be answered"));
        assert_non_null(strstr(out, "Skriv ingen navne"));
        assert_null(strstr(out, "saved (9)"));
        free(out);
    }
    /* continue the same event by label: 2 more */
    buf_reset(&in);
    form(&in, 3, 2, "");
    form(&in, 5, 1, "Tak for i dag");
    {
        const char *args[] = {"--db", db1, "--event", "8.B", NULL};
        assert_int_equal(run(cmd_enter, args, buf_str(&in), &out), 0);
        assert_non_null(strstr(out, "Gemt / saved (2)"));
        free(out);
    }
    /* laptop 2: 5 forms */
    buf_reset(&in);
    for (i = 0; i < 5; i++)
        form(&in, 5, 1, "");
    {
        const char *args[] = {"--db", db2, "--scenario", "sofie", "--lang", "en", NULL};
        assert_int_equal(run(cmd_enter, args, buf_str(&in), &out), 0);
        assert_non_null(strstr(out, "Very good"));
        free(out);
    }
    /* review: approve the one comment, delete "Godt" */
    buf_reset(&in);
    {
        const char *args[] = {"--review", "--db", db1, NULL};
        assert_int_equal(run(cmd_report, args, "s\ns\n", &out), 0);
        assert_non_null(strstr(out, "Tak for i dag"));
        assert_non_null(strstr(out, "Godt"));
        free(out);
    }
    /* report pooled over both files */
    snprintf(csv, sizeof csv, "%s/r.csv", dir);
    snprintf(cbp, sizeof cbp, "%s/r-codebook.csv", dir);
    snprintf(html, sizeof html, "%s/r.html", dir);
    {
        const char *args[] = {"--db", db1, "--db", db2, "--csv", csv, "--html", html,
                              "--lang", "en", NULL};
        assert_int_equal(run(cmd_report, args, "", &out), 0);
        /* 15 answers to overall: 10 positive of 10+5... */
        assert_non_null(strstr(out, "Responses in total: 15"));
        assert_non_null(strstr(out, "n = 15"));
        assert_non_null(strstr(out, "8.B"));
        assert_null(strstr(out, "Tak for i dag")); /* not reviewed */
        assert_non_null(strstr(out, "awaiting review: 2"));
        free(out);
        s = slurp(csv);
        assert_non_null(s);
        assert_non_null(strstr(s, "default-v1,overall,single,option,1,15,,,lt5,"));
        free(s);
        s = slurp(cbp);
        assert_non_null(s);
        assert_non_null(strstr(s, "default-v1,overall,group,4+5,positive,Positiv,Positive"));
        free(s);
        s = slurp(html);
        assert_non_null(s);
        /* every cell of this small pool is suppressed: it says so, and no
         * empty bar reads as 0 % */
        assert_non_null(strstr(s, "<td class=\"sup\">&lt;5</td>"));
        assert_null(strstr(s, "width=\"0\" height=\"16\""));
        assert_null(strstr(s, "http"));
        free(s);
    }
    /* one event only; unknown event fails */
    {
        const char *args[] = {"--db", db1, "--event", "8.B", NULL};
        assert_int_equal(run(cmd_report, args, "", &out), 0);
        assert_non_null(strstr(out, "Besvarelser i alt: 10"));
        free(out);
    }
    {
        const char *args[] = {"--db", db1, "--event", "nope", NULL};
        assert_int_equal(run(cmd_report, args, "", &out), 1);
        free(out);
    }
    {
        const char *args[] = {"--bogus", NULL};
        assert_int_equal(run(cmd_report, args, "", &out), 2);
        free(out);
    }
    buf_free(&in);
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lua_loader),
        cmocka_unit_test(test_enter_and_report),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
