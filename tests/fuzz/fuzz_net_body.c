/* fuzz_net_body.c - libFuzzer target for the phone API body decoders
 * (engine/net/net_body.c).  The first byte picks the decoder, the rest is
 * the body.  Besides not crashing, decoded values must respect their
 * limits; a violation aborts so the fuzzer (and the replay) reports it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "net/net_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

static void check_room_token(const char *room, const char *token, int token_optional)
{
    size_t i = 0;
    check(strlen(room) == NET_ROOM_CODE_LEN);
    for (i = 0; i < NET_ROOM_CODE_LEN; i++)
        check(room[i] >= 'A' && room[i] <= 'Z');
    check((token_optional && token[0] == '\0') || net_token_valid(token));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *body = (const char *)data + 1;
    size_t len = size ? size - 1 : 0;
    Err e;
    if (size == 0)
        return 0;
    switch (data[0] % 4) {
    case 0: {
        NetBodyVote v;
        if (net_body_vote(body, len, &v, &e) == 0) {
            check_room_token(v.room, v.token, 0);
            check(v.poll >= 1 && v.option >= 1 && v.option <= VOTE_MAX_OPTIONS);
        }
        break;
    }
    case 1: {
        NetBodyIdea *idea = malloc(sizeof *idea);
        if (!idea)
            return 0;
        if (net_body_idea(body, len, idea, &e) == 0) {
            check_room_token(idea->room, idea->token, 0);
            check(idea->text[0] != '\0' && idea->text[0] != ' ');
            check(utf8_valid(idea->text, strlen(idea->text)));
            check(utf8_length(idea->text) <= NET_MAX_IDEA_CHARS);
        }
        free(idea);
        break;
    }
    case 2: {
        NetBodyJoin j;
        if (net_body_join(body, len, &j, &e) == 0)
            check_room_token(j.room, j.token, 1);
        break;
    }
    default: {
        NetBodyEval ev;
        if (net_body_eval(body, len, &ev, &e) == 0) {
            check_room_token(ev.room, ev.token, 1);
            check(net_token_valid(ev.sid));
            check(ev.n_answers >= 0 && ev.n_answers <= NET_MAX_EVAL_ANSWERS);
        }
        break;
    }
    }
    return 0;
}
