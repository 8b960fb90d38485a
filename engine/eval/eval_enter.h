/* eval_enter.h - one paper form typed in at a terminal (`spectactor enter`). */
#ifndef EVAL_EVAL_ENTER_H
#define EVAL_EVAL_ENTER_H

#include <stdio.h>

#include "eval/eval.h"

/* Asks every question of q on stdout (in lang), reading each answer as a
 * line from in: a number, numbers for several options ("1 3"), a text,
 * an empty line to skip (refused for a required question), q to stop.  A
 * wrong answer is asked again.  Fills a (cleared first).  Returns 1 for a
 * complete form, 0 when the user typed q or the input ended (the partial
 * form is to be discarded). */
int eval_enter_form(const EvalQuestionnaire *q, EvalAnswers *a, EvalLang lang, FILE *in);

#endif
