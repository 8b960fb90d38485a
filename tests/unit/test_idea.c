/* test_idea.c - the moderation flag for ideas from phones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vote/idea.h"

static void test_clean_ideas(void **state)
{
    (void)state;
    assert_false(idea_flagged("Sofie kunne fortælle det til en voksen"));
    assert_false(idea_flagged("Bloker ham og gem beskederne"));
    assert_false(idea_flagged("Tell a teacher and keep the screenshots"));
    assert_false(idea_flagged("Ring 112 hvis man er i fare"));   /* short numbers are fine */
    assert_false(idea_flagged("Dør ikke åbne, pikant"));          /* words containing listed ones */
    assert_false(idea_flagged(""));
    assert_false(idea_flagged(NULL));
}

static void test_flagged_words(void **state)
{
    (void)state;
    assert_true(idea_flagged("hun er en luder"));
    assert_true(idea_flagged("HUN ER EN LUDER!"));
    assert_true(idea_flagged("Møgkælling"));
    assert_true(idea_flagged("MØGKÆLLING"));
    assert_true(idea_flagged("what a slut."));
    assert_true(idea_flagged("send nudes"));
    assert_true(idea_flagged("fuck,him"));
}

static void test_identifying_patterns(void **state)
{
    (void)state;
    assert_true(idea_flagged("skriv til 12 34 56 78"));
    assert_true(idea_flagged("ring 12345678"));
    assert_true(idea_flagged("følg @mads_2009"));
    assert_false(idea_flagged("mail @ skolen"));
}

static void test_long_words(void **state)
{
    char big[200];
    int i = 0;
    (void)state;
    for (i = 0; i < 150; i++)
        big[i] = 'a';
    big[150] = '\0';
    assert_false(idea_flagged(big));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_ideas),
        cmocka_unit_test(test_flagged_words),
        cmocka_unit_test(test_identifying_patterns),
        cmocka_unit_test(test_long_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
