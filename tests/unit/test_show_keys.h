/* test_show_keys.h - key sequences for the show's unit tests that press
 * keys (test_show.c, test_show_keys.c); include after test_show_fixture.h. */
#ifndef TEST_SHOW_KEYS_H
#define TEST_SHOW_KEYS_H

typedef struct Key {
    ShowAction a;
    int arg;
} Key;

#define K(a, n) {SHOW_ACT_##a, n}

static void keys(Show *s, const Key *k, int n)
{
    int i = 0;
    for (i = 0; i < n; i++)
        show_action(s, k[i].a, k[i].arg);
}

static ShowView view_of(Show *s)
{
    ShowView v;
    show_view(s, &v);
    return v;
}

/* A show in language lang at the signal poll of beat b (3 options, all
 * enabled), counting `mode` in a class of 30 with or without phones. */
static Show *at_signal(Scenario *sc, int lang, ShowCount mode, int phones_on)
{
    Show *s = start(sc, lang);
    show_set_counting(s, mode, 30, phones_on);
    to_choice(s);
    show_action(s, SHOW_ACT_DIGIT, 1);
    show_action(s, SHOW_ACT_NEXT, 0); /* -> b */
    show_action(s, SHOW_ACT_NEXT, 0); /* the narration, b's last step */
    show_action(s, SHOW_ACT_NEXT, 0); /* -> signal */
    assert_int_equal(screen(s), SHOW_SCREEN_INTERACTION);
    g_tr[0] = '\0';
    return s;
}

#endif
