/* idea.h - a warning flag for ideas sent from phones (pure C).
 *
 * Ideas go to the facilitator's moderation queue.  A short Danish/English
 * word list of insults, slurs and sexual words, and patterns that may
 * identify somebody (a phone number, an @handle), mark an idea as flagged
 * so the facilitator looks twice.  The flag never publishes or deletes
 * anything by itself.
 */
#ifndef VOTE_IDEA_H
#define VOTE_IDEA_H

#define IDEA_MAX_WORD 32 /* longer words are never on the list */

/* 1 if text (UTF-8) contains a listed word (case-insensitive, also for
 * Æ/Ø/Å), eight or more digits in a row (spaces between them allowed), or
 * an '@' followed by a letter; 0 otherwise, also for NULL. */
int idea_flagged(const char *text);

#endif
