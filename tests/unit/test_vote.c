/* test_vote.c - unit tests for polls: states, hand counts, phone votes,
 * limits, percentages, winners and ties. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vote/vote.h"

static void test_new(void **state)
{
    Err err;
    Poll *p = NULL;
    int en[3] = {1, 0, 1};
    (void)state;
    err_clear(&err);
    assert_null(vote_new(VOTE_CHOICE, 1, 1, NULL, &err));
    assert_int_equal(err.code, ERR_INVALID);
    assert_null(vote_new(VOTE_CHOICE, 1, VOTE_MAX_OPTIONS + 1, NULL, &err));
    assert_null(vote_new(VOTE_SIGNAL, 1, 4, NULL, &err));
    assert_null(vote_new((VoteKind)7, 1, 3, NULL, &err));
    p = vote_new(VOTE_SIGNAL, 17, 3, en, &err);
    assert_non_null(p);
    assert_int_equal(vote_id(p), 17);
    assert_int_equal(vote_kind(p), VOTE_SIGNAL);
    assert_int_equal(vote_state(p), VOTE_READY);
    assert_int_equal(vote_n_options(p), 3);
    assert_true(vote_option_enabled(p, 0));
    assert_false(vote_option_enabled(p, 1));
    assert_true(vote_option_enabled(p, 2));
    assert_false(vote_option_enabled(p, 3));
    assert_false(vote_option_enabled(p, -1));
    vote_free(p);
    p = vote_new(VOTE_CHOICE, 2, VOTE_MAX_OPTIONS, NULL, &err);
    assert_non_null(p);
    assert_true(vote_option_enabled(p, VOTE_MAX_OPTIONS - 1));
    vote_free(p);
    vote_free(NULL);
}

static void test_states(void **state)
{
    Poll *p = vote_new(VOTE_CHOICE, 1, 2, NULL, NULL);
    (void)state;
    assert_non_null(p);
    assert_int_equal(vote_close(p), ERR_STATE);
    assert_int_equal(vote_reveal(p), ERR_STATE);
    assert_int_equal(vote_phone(p, "tok", 0), ERR_STATE);
    assert_int_equal(vote_hands_set(p, 0, 3), ERR_STATE);
    assert_int_equal(vote_open(p), 0);
    assert_int_equal(vote_open(p), ERR_STATE);
    assert_int_equal(vote_phone(p, "tok", 0), 0);
    assert_int_equal(vote_close(p), 0);
    assert_int_equal(vote_phone(p, "tok2", 1), ERR_STATE);
    assert_int_equal(vote_hands_set(p, 1, 2), 0); /* counting after closing */
    assert_int_equal(vote_open(p), 0);            /* reopen keeps the votes */
    assert_int_equal(vote_phones(p, 0), 1);
    assert_int_equal(vote_phone(p, "tok2", 1), 0);
    assert_int_equal(vote_reveal(p), 0);
    assert_int_equal(vote_state(p), VOTE_REVEALED);
    assert_int_equal(vote_phone(p, "tok3", 1), ERR_STATE);
    assert_int_equal(vote_open(p), ERR_STATE);
    assert_int_equal(vote_close(p), ERR_STATE);
    assert_int_equal(vote_reveal(p), ERR_STATE);
    assert_int_equal(vote_hands_add(p, 1, 1), 0); /* correction after reveal */
    assert_int_equal(vote_total(p, 1), 4);
    vote_free(p);
}

static void test_hands(void **state)
{
    int en[4] = {1, 1, 0, 1};
    Poll *p = vote_new(VOTE_CHOICE, 1, 4, en, NULL);
    (void)state;
    assert_non_null(p);
    assert_int_equal(vote_open(p), 0);
    assert_int_equal(vote_hands_set(p, 0, 12), 0);
    assert_int_equal(vote_hands(p, 0), 12);
    assert_int_equal(vote_hands_set(p, 0, 5), 0); /* replaces */
    assert_int_equal(vote_hands(p, 0), 5);
    assert_int_equal(vote_hands_add(p, 0, 3), 0);
    assert_int_equal(vote_hands(p, 0), 8);
    assert_int_equal(vote_hands_add(p, 0, -20), 0); /* never below 0 */
    assert_int_equal(vote_hands(p, 0), 0);
    assert_int_equal(vote_hands_set(p, 1, VOTE_MAX_HANDS), 0);
    assert_int_equal(vote_hands_set(p, 1, VOTE_MAX_HANDS + 1), ERR_INVALID);
    assert_int_equal(vote_hands_add(p, 1, 1), ERR_INVALID);
    assert_int_equal(vote_hands(p, 1), VOTE_MAX_HANDS);
    assert_int_equal(vote_hands_set(p, 1, -1), ERR_INVALID);
    assert_int_equal(vote_hands_set(p, 2, 1), ERR_INVALID); /* disabled */
    assert_int_equal(vote_hands_set(p, 4, 1), ERR_INVALID);
    assert_int_equal(vote_hands_set(p, -1, 1), ERR_INVALID);
    assert_int_equal(vote_hands(p, 2), 0);
    assert_int_equal(vote_hands_set(NULL, 0, 1), ERR_INVALID);
    vote_free(p);
}

static void test_phones(void **state)
{
    int en[3] = {1, 0, 1};
    Poll *p = vote_new(VOTE_CHOICE, 1, 3, en, NULL);
    char longtok[VOTE_MAX_TOKEN + 2];
    char maxtok[VOTE_MAX_TOKEN + 1];
    (void)state;
    assert_non_null(p);
    assert_int_equal(vote_open(p), 0);
    assert_int_equal(vote_phone(p, "a1", 0), 0);
    assert_int_equal(vote_phone(p, "b2", 0), 0);
    assert_int_equal(vote_phone(p, "c3", 2), 0);
    assert_int_equal(vote_phones(p, 0), 2);
    assert_int_equal(vote_phones(p, 2), 1);
    assert_int_equal(vote_phone_voters(p), 3);
    /* the same phone again: its vote moves, it is not counted twice */
    assert_int_equal(vote_phone(p, "a1", 2), 0);
    assert_int_equal(vote_phones(p, 0), 1);
    assert_int_equal(vote_phones(p, 2), 2);
    assert_int_equal(vote_phone_voters(p), 3);
    assert_int_equal(vote_phone(p, "a1", 2), 0); /* same vote again: no change */
    assert_int_equal(vote_phones(p, 2), 2);
    assert_int_equal(vote_phone_choice(p, "a1"), 2);
    assert_int_equal(vote_phone_choice(p, "b2"), 0);
    assert_int_equal(vote_phone_choice(p, "zz"), -1);
    assert_int_equal(vote_phone_choice(p, "a"), -1); /* prefix is not a match */
    /* disabled and bad options, bad tokens */
    assert_int_equal(vote_phone(p, "d4", 1), ERR_INVALID);
    assert_int_equal(vote_phone(p, "d4", 3), ERR_INVALID);
    assert_int_equal(vote_phone(p, "d4", -1), ERR_INVALID);
    assert_int_equal(vote_phone(p, "", 0), ERR_INVALID);
    assert_int_equal(vote_phone(p, NULL, 0), ERR_INVALID);
    memset(longtok, 'x', sizeof longtok - 1);
    longtok[sizeof longtok - 1] = '\0';
    assert_int_equal(vote_phone(p, longtok, 0), ERR_INVALID);
    memset(maxtok, 'y', sizeof maxtok - 1);
    maxtok[sizeof maxtok - 1] = '\0';
    assert_int_equal(vote_phone(p, maxtok, 0), 0);
    assert_int_equal(vote_phone_choice(p, maxtok), 0);
    assert_int_equal(vote_phone_voters(p), 4);
    assert_int_equal(vote_phone(p, "b2", 1), ERR_INVALID); /* a move to a disabled option */
    assert_int_equal(vote_phone_choice(p, "b2"), 0);
    vote_free(p);
}

static void test_token_limit(void **state)
{
    Poll *p = vote_new(VOTE_CHOICE, 1, 2, NULL, NULL);
    char tok[32];
    int i = 0;
    (void)state;
    assert_non_null(p);
    assert_int_equal(vote_open(p), 0);
    for (i = 0; i < VOTE_MAX_TOKENS; i++) {
        snprintf(tok, sizeof tok, "phone-%d", i);
        assert_int_equal(vote_phone(p, tok, i % 2), 0);
    }
    assert_int_equal(vote_phone_voters(p), VOTE_MAX_TOKENS);
    assert_int_equal(vote_phone(p, "one-more", 0), ERR_LIMIT);
    /* phones already counted can still change their vote */
    assert_int_equal(vote_phone(p, "phone-1", 0), 0);
    assert_int_equal(vote_phones(p, 0), VOTE_MAX_TOKENS / 2 + 1);
    assert_int_equal(vote_phones(p, 1), VOTE_MAX_TOKENS / 2 - 1);
    for (i = 0; i < VOTE_MAX_TOKENS; i += 97) { /* every token survived the growth */
        snprintf(tok, sizeof tok, "phone-%d", i);
        assert_int_equal(vote_phone_choice(p, tok), i == 1 ? 0 : i % 2);
    }
    vote_free(p);
}

static void test_percent_and_winner(void **state)
{
    Poll *p = vote_new(VOTE_CHOICE, 1, 3, NULL, NULL);
    unsigned tied = 99;
    int i = 0;
    int sum = 0;
    (void)state;
    assert_non_null(p);
    assert_int_equal(vote_open(p), 0);
    assert_int_equal(vote_winner(p, &tied), -1);
    assert_int_equal(tied, 0);
    assert_int_equal(vote_percent(p, 0), 0);
    assert_int_equal(vote_grand_total(p), 0);
    /* 1/1/1: 33.3 each; largest remainder gives 34/33/33, summing to 100 */
    assert_int_equal(vote_hands_set(p, 0, 1), 0);
    assert_int_equal(vote_hands_set(p, 1, 1), 0);
    assert_int_equal(vote_phone(p, "t", 2), 0);
    for (i = 0; i < 3; i++)
        sum += vote_percent(p, i);
    assert_int_equal(sum, 100);
    assert_int_equal(vote_percent(p, 0), 34);
    assert_int_equal(vote_percent(p, 1), 33);
    assert_int_equal(vote_percent(p, 2), 33);
    assert_int_equal(vote_winner(p, &tied), -2);
    assert_int_equal(tied, 0x7u);
    assert_int_equal(vote_winner(p, NULL), -2);
    /* hands + phones together decide */
    assert_int_equal(vote_phone(p, "u", 2), 0);
    assert_int_equal(vote_total(p, 2), 2);
    assert_int_equal(vote_grand_total(p), 4);
    assert_int_equal(vote_winner(p, &tied), 2);
    assert_int_equal(tied, 0);
    assert_int_equal(vote_percent(p, 2), 50);
    assert_int_equal(vote_percent(p, 0), 25);
    /* a two-way tie: 2/0/2 */
    assert_int_equal(vote_hands_set(p, 0, 2), 0);
    assert_int_equal(vote_hands_set(p, 1, 0), 0);
    assert_int_equal(vote_winner(p, &tied), -2);
    assert_int_equal(tied, 0x5u);
    /* 2/1/4 of 7: 28.57, 14.29, 57.14 -> 29, 14, 57 */
    assert_int_equal(vote_hands_set(p, 1, 1), 0);
    assert_int_equal(vote_hands_set(p, 2, 2), 0);
    assert_int_equal(vote_percent(p, 0), 29);
    assert_int_equal(vote_percent(p, 1), 14);
    assert_int_equal(vote_percent(p, 2), 57);
    assert_int_equal(vote_winner(p, NULL), 2);
    assert_int_equal(vote_percent(p, 5), 0);
    vote_free(p);
}

static void test_percent_sums(void **state)
{
    Poll *p = vote_new(VOTE_CHOICE, 1, VOTE_MAX_OPTIONS, NULL, NULL);
    int round = 0;
    int i = 0;
    (void)state;
    assert_non_null(p);
    assert_int_equal(vote_open(p), 0);
    srand(7);
    for (round = 0; round < 200; round++) {
        int sum = 0;
        int total = 0;
        for (i = 0; i < VOTE_MAX_OPTIONS; i++) {
            int n = rand() % 40;
            assert_int_equal(vote_hands_set(p, i, n), 0);
            total += n;
        }
        for (i = 0; i < VOTE_MAX_OPTIONS; i++) {
            int pc = vote_percent(p, i);
            /* within one point of the exact share */
            double exact = total ? 100.0 * vote_total(p, i) / total : 0.0;
            assert_true(pc >= (int)exact && pc <= (int)exact + 1);
            sum += pc;
        }
        assert_int_equal(sum, total ? 100 : 0);
    }
    vote_free(p);
}

/* A poll counts hands, phones or both: a source that is off is not counted,
 * refuses phones, and keeps its tally for when it is switched on again. */
static void test_sources(void **state)
{
    Poll *p = vote_new(VOTE_CHOICE, 1, 2, NULL, NULL);
    (void)state;
    assert_non_null(p);
    assert_int_equal(vote_sources(p), VOTE_SRC_BOTH);
    assert_int_equal(vote_set_sources(p, 0), ERR_INVALID);
    assert_int_equal(vote_set_sources(p, 4), ERR_INVALID);
    assert_int_equal(vote_open(p), 0);
    assert_int_equal(vote_phone(p, "tok-a", 1), 0);
    assert_int_equal(vote_hands_set(p, 0, 3), 0);
    assert_int_equal(vote_total(p, 0), 3);
    assert_int_equal(vote_total(p, 1), 1);
    assert_int_equal(vote_set_sources(p, VOTE_SRC_HANDS), 0);
    assert_int_equal(vote_phone(p, "tok-b", 1), ERR_STATE); /* hands only: no phone votes */
    assert_int_equal(vote_total(p, 1), 0);
    assert_int_equal(vote_phones(p, 1), 1); /* kept, not counted */
    assert_int_equal(vote_winner(p, NULL), 0);
    assert_int_equal(vote_set_sources(p, VOTE_SRC_PHONES), 0);
    assert_int_equal(vote_total(p, 0), 0);
    assert_int_equal(vote_grand_total(p), 1);
    assert_int_equal(vote_percent(p, 1), 100);
    assert_int_equal(vote_winner(p, NULL), 1);
    vote_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new),
        cmocka_unit_test(test_states),
        cmocka_unit_test(test_hands),
        cmocka_unit_test(test_phones),
        cmocka_unit_test(test_token_limit),
        cmocka_unit_test(test_percent_and_winner),
        cmocka_unit_test(test_percent_sums),
        cmocka_unit_test(test_sources),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
