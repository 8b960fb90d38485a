/* test_show_phones.c - the phones' state JSON built from views of the show
 * (engine/show/show_phones.c): waiting, a choice poll with a hidden and a
 * disabled option, a signal poll under the stop overlay, the idea box, the
 * open evaluation and the ending. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "show/show_phones.h"

static StoryText T(Scenario *sc, const char *da, const char *en)
{
    StoryText t;
    memset(&t, 0, sizeof t);
    t.s[0] = scenario_strdup(sc, da);
    t.s[1] = scenario_strdup(sc, en);
    return t;
}

typedef struct Fix {
    Scenario *sc;
    StoryText prompt, opt[3];
    ShowView v;
} Fix;

static int setup(void **state)
{
    Fix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->sc = scenario_new();
    assert_non_null(f->sc);
    f->sc->langs[0] = "da";
    f->sc->langs[1] = "en";
    f->sc->n_langs = 2;
    f->sc->title = T(f->sc, "Sofie og \"Mads\"", "Sofie and \"Mads\"");
    f->prompt = T(f->sc, "Hvad gør Sofie?", "What does Sofie do?");
    f->opt[0] = T(f->sc, "Svar", "Answer");
    f->opt[1] = T(f->sc, "Skjult", "Hidden");
    f->opt[2] = T(f->sc, "Fortæl", "Tell");
    memset(&f->v, 0, sizeof f->v);
    f->v.sc = f->sc;
    f->v.beat = -1;
    f->v.screen = SHOW_SCREEN_WELCOME;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fix *f = *state;
    scenario_free(f->sc);
    free(f);
    return 0;
}

static char *state_of(const ShowView *v, const char *eval_json, ShowPhonesInfo *info)
{
    Buf b = BUF_INIT;
    assert_int_equal(show_phones_state(v, eval_json, NULL, &b, info), 0);
    return buf_take(&b);
}

static void test_waiting(void **state)
{
    Fix *f = *state;
    ShowPhonesInfo info;
    char *s = state_of(&f->v, NULL, &info);
    assert_string_equal(s, "{\"lang\":\"da\",\"title\":{\"da\":\"Sofie og \\\"Mads\\\"\",\"en\":\"Sofie and \\\"Mads\\\"\"},"
                           "\"poll\":null,\"eval\":null,\"screen\":\"waiting\"}");
    assert_int_equal(info.poll_id, 0);
    assert_int_equal(info.open, 0);
    assert_int_equal(info.eval_open, 0);
    free(s);
    /* a scenario that failed to load has no title */
    f->v.sc = NULL;
    s = state_of(&f->v, NULL, &info);
    assert_string_equal(s, "{\"title\":\"\",\"poll\":null,\"eval\":null,\"screen\":\"waiting\"}");
    free(s);
}

static void test_choice(void **state)
{
    Fix *f = *state;
    ShowPhonesInfo info;
    const int enabled[] = {1, 1, 0};
    Err e;
    Poll *p = vote_new(VOTE_CHOICE, 7, 3, enabled, &e);
    char *s = NULL;
    assert_non_null(p);
    f->v.screen = SHOW_SCREEN_INTERACTION;
    f->v.beat = 0;
    f->v.ikind = STORY_INT_CHOICE;
    f->v.prompt = &f->prompt;
    f->v.n_options = 3;
    f->v.options[0].text = &f->opt[0];
    f->v.options[1].text = &f->opt[1];
    f->v.options[1].state = STORY_OPT_HIDDEN;
    f->v.options[2].text = &f->opt[2];
    f->v.options[2].state = STORY_OPT_DISABLED;
    /* before the vote opens there is no poll for phones */
    s = state_of(&f->v, NULL, &info);
    assert_non_null(strstr(s, "\"poll\":null"));
    free(s);
    f->v.poll = p;
    s = state_of(&f->v, NULL, &info);
    assert_non_null(strstr(s, "\"poll\":{\"id\":7,\"kind\":\"choice\",\"open\":false,"
                              "\"prompt\":{\"da\":\"Hvad gør Sofie?\",\"en\":\"What does Sofie do?\"},"
                              "\"options\":[{\"n\":1,\"text\":{\"da\":\"Svar\",\"en\":\"Answer\"},"
                              "\"enabled\":true},{\"n\":3,\"text\":{\"da\":\"Fortæl\",\"en\":\"Tell\"},"
                              "\"enabled\":false,\"reason\":{\"da\":\"ikke muligt\",\"en\":\"not possible\"}}]}"));
    assert_non_null(strstr(s, "\"screen\":\"poll\"}"));
    free(s);
    assert_int_equal(vote_open(p), 0);
    s = state_of(&f->v, NULL, &info);
    assert_non_null(strstr(s, "\"open\":true"));
    assert_int_equal(info.poll_id, 7);
    assert_int_equal(info.kind, SHOW_PHONES_CHOICE);
    assert_int_equal(info.open, 1);
    assert_int_equal(info.n_options, 3);
    assert_int_equal(info.enabled, 0x1u); /* the hidden option is left out, the third is disabled */
    assert_int_equal(info.ideas_open, 0);
    free(s);
    vote_free(p);
}

static void test_signal_under_stop(void **state)
{
    Fix *f = *state;
    ShowPhonesInfo info;
    Err e;
    Poll *p = vote_new(VOTE_SIGNAL, 12, 3, NULL, &e);
    char *s = NULL;
    assert_non_null(p);
    assert_int_equal(vote_open(p), 0);
    f->v.screen = SHOW_SCREEN_BEAT; /* the stop overlay covers a beat */
    f->v.overlays = SHOW_OV_STOP;
    f->v.beat = 1;
    f->v.ikind = STORY_INT_SIGNAL;
    f->v.prompt = &f->prompt;
    f->v.poll = p;
    s = state_of(&f->v, NULL, &info);
    assert_non_null(strstr(s, "\"kind\":\"signal\",\"open\":true"));
    assert_non_null(strstr(s, "{\"n\":2,\"text\":{\"da\":\"Faresignal\",\"en\":\"Warning sign\"},"
                              "\"enabled\":true}"));
    assert_non_null(strstr(s, "{\"n\":3,\"text\":{\"da\":\"Stalking\",\"en\":\"Stalking\"}"));
    assert_int_equal(info.kind, SHOW_PHONES_SIGNAL);
    assert_int_equal(info.enabled, 0x7u);
    free(s);
    /* without the overlay a beat shows no poll */
    f->v.overlays = 0;
    s = state_of(&f->v, NULL, &info);
    assert_non_null(strstr(s, "\"poll\":null"));
    assert_int_equal(info.poll_id, 0);
    free(s);
    vote_free(p);
}

static void test_idea(void **state)
{
    Fix *f = *state;
    ShowPhonesInfo info;
    char *s = NULL;
    f->v.screen = SHOW_SCREEN_INTERACTION;
    f->v.ikind = STORY_INT_IDEA;
    f->v.beat = 4;
    f->v.prompt = &f->prompt;
    s = state_of(&f->v, NULL, &info);
    assert_non_null(strstr(s, "\"poll\":{\"id\":1000004,\"kind\":\"idea\",\"open\":true,\"prompt\":"
                              "{\"da\":\"Hvad gør Sofie?\",\"en\":\"What does Sofie do?\"},"
                              "\"options\":[]}"));
    assert_non_null(strstr(s, "\"screen\":\"idea\"}"));
    assert_int_equal(info.poll_id, SHOW_PHONES_IDEA_ID + 4);
    assert_int_equal(info.kind, SHOW_PHONES_IDEA);
    assert_int_equal(info.ideas_open, 1);
    free(s);
}

static void test_eval_and_ending(void **state)
{
    Fix *f = *state;
    ShowPhonesInfo info;
    Err e;
    EvalQuestionnaire *q = eval_q_new("q-v1", "Evaluering", "Evaluation", &e);
    char *json = NULL, *s = NULL;
    assert_non_null(q);
    assert_true(eval_q_add_question(q, "learned", EVAL_YESNO, "Lærte du noget?", "Did you learn?", 1, &e) >= 0);
    assert_int_equal(eval_q_finish(q, &e), 0);
    json = eval_q_to_json(q);
    assert_non_null(json);
    f->v.screen = SHOW_SCREEN_ENDING;
    s = state_of(&f->v, NULL, &info);
    assert_non_null(strstr(s, "\"eval\":null,\"screen\":\"ended\"}"));
    free(s);
    f->v.screen = SHOW_SCREEN_EVAL;
    s = state_of(&f->v, json, &info);
    assert_non_null(strstr(s, "\"eval\":{\"open\":true,\"id\":\"q-v1\",\"title\":{\"da\":\"Evaluering\","
                              "\"en\":\"Evaluation\"},\"questions\":[{\"id\":\"learned\",\"kind\":"
                              "\"yesno\",\"required\":true,\"prompt\":{\"da\":\"Lærte du noget?\","
                              "\"en\":\"Did you learn?\"}}]},\"screen\":\"eval\"}"));
    assert_int_equal(info.eval_open, 1);
    free(s);
    /* the evaluation stays open for phones on the ending */
    f->v.screen = SHOW_SCREEN_ENDING;
    s = state_of(&f->v, json, &info);
    assert_non_null(strstr(s, "\"screen\":\"eval\"}"));
    free(s);
    free(json);
    eval_q_free(q);
}

/* "lang" follows the show's language, "event" is passed through, "help" is
 * the scenario's help card, and a disabled option says why. */
static void test_lang_event_help_reason(void **state)
{
    Fix *f = *state;
    ShowPhonesInfo info;
    const int enabled[] = {1, 0, 0};
    StoryContact c[2];
    StoryText why = T(f->sc, "Sofie har slettet appen", "Sofie deleted the app");
    Buf b = BUF_INIT;
    Err e;
    Poll *p = vote_new(VOTE_CHOICE, 9, 3, enabled, &e);
    char *s = NULL;
    assert_non_null(p);
    memset(c, 0, sizeof c);
    c[0].name = T(f->sc, "Politiet", "The police");
    c[0].phone = "114";
    c[0].text = T(f->sc, "Ring", "Call");
    c[0].web = "politi.dk";
    c[1].name = T(f->sc, "Børnetelefonen", "Child helpline");
    c[1].web = "https://bornetelefonen.dk";
    f->sc->help_title = T(f->sc, "Hjælp", "Help");
    f->sc->contacts = c;
    f->sc->n_contacts = 2;
    f->v.lang = 1;
    assert_int_equal(show_phones_state(&f->v, NULL, "k3f9q2", &b, &info), 0);
    s = buf_take(&b);
    assert_true(strncmp(s, "{\"lang\":\"en\",\"event\":\"k3f9q2\",\"title\":", 38) == 0);
    assert_non_null(strstr(s, ",\"help\":{\"title\":{\"da\":\"Hjælp\",\"en\":\"Help\"},\"contacts\":["
                              "{\"name\":{\"da\":\"Politiet\",\"en\":\"The police\"},\"phone\":\"114\","
                              "\"text\":{\"da\":\"Ring\",\"en\":\"Call\"},\"url\":\"https://politi.dk\"},"
                              "{\"name\":{\"da\":\"Børnetelefonen\",\"en\":\"Child helpline\"},"
                              "\"text\":{\"da\":\"\",\"en\":\"\"},\"url\":\"https://bornetelefonen.dk\"}]}"));
    free(s);
    /* reasons: the scenario's own, "already used", "not possible" */
    f->v.screen = SHOW_SCREEN_INTERACTION;
    f->v.beat = 0;
    f->v.ikind = STORY_INT_CHOICE;
    f->v.prompt = &f->prompt;
    f->v.n_options = 3;
    f->v.options[0].text = &f->opt[0];
    f->v.options[1].text = &f->opt[1];
    f->v.options[1].state = STORY_OPT_DISABLED;
    f->v.options[1].why = STORY_WHY_CONDITION;
    f->v.options[1].reason = &why;
    f->v.options[2].text = &f->opt[2];
    f->v.options[2].state = STORY_OPT_DISABLED;
    f->v.options[2].why = STORY_WHY_USED;
    f->v.poll = p;
    assert_int_equal(show_phones_state(&f->v, NULL, NULL, &b, &info), 0);
    s = buf_take(&b);
    assert_null(strstr(s, "\"event\""));
    assert_non_null(strstr(s, "{\"n\":1,\"text\":{\"da\":\"Svar\",\"en\":\"Answer\"},\"enabled\":true},"));
    assert_non_null(strstr(s, "\"enabled\":false,\"reason\":{\"da\":\"Sofie har slettet appen\","
                              "\"en\":\"Sofie deleted the app\"}}"));
    assert_non_null(strstr(s, "\"enabled\":false,\"reason\":{\"da\":\"allerede brugt\","
                              "\"en\":\"already used\"}}"));
    free(s);
    f->sc->contacts = NULL; /* the fixture's scenario does not own them */
    f->sc->n_contacts = 0;
    vote_free(p);
}

/* The idea queue a hall fills: SHOW_MAX_IDEAS ideas, the free slots
 * counted down, a long idea cut at a character boundary, never inside a
 * UTF-8 sequence. */
static void test_idea_queue(void **state)
{
    Err e;
    Show *sh = show_new(NULL, NULL, 0, "no scenario", &e);
    ShowView v;
    char *big = malloc(2 + 3 * 400 + 1);
    int i = 0;
    (void)state;
    assert_non_null(sh);
    assert_non_null(big);
    assert_true(SHOW_MAX_IDEAS >= 256);
    assert_true(SHOW_MAX_IDEA >= 280 * 4 + 1);
    assert_int_equal(show_idea_slots(sh), SHOW_MAX_IDEAS);
    /* "ab" and 400 euro signs (3 bytes each): 1202 bytes, cut to 1118, not 1120 */
    memcpy(big, "ab", 2);
    for (i = 0; i < 400; i++)
        memcpy(big + 2 + 3 * i, "\xe2\x82\xac", 3);
    big[2 + 3 * 400] = '\0';
    assert_int_equal(show_phone_idea(sh, big), 0);
    assert_int_equal(show_idea_slots(sh), SHOW_MAX_IDEAS - 1);
    show_view_presenter(sh, &v);
    assert_int_equal(v.n_pending_ideas, 1);
    assert_int_equal(strlen(v.pending_ideas[0]), 2 + 3 * 372);
    assert_memory_equal(v.pending_ideas[0] + 2 + 3 * 371, "\xe2\x82\xac", 3);
    for (i = 1; i < SHOW_MAX_IDEAS; i++)
        assert_int_equal(show_phone_idea(sh, "en idé"), 0);
    assert_int_equal(show_idea_slots(sh), 0);
    assert_int_equal(show_phone_idea(sh, "one too many"), ERR_LIMIT);
    free(big);
    show_free(sh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_waiting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_choice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signal_under_stop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idea, setup, teardown),
        cmocka_unit_test_setup_teardown(test_eval_and_ending, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lang_event_help_reason, setup, teardown),
        cmocka_unit_test(test_idea_queue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
