/* idea.c - the moderation flag for ideas (see idea.h). */
#include "vote/idea.h"

#include <string.h>

/* Whole words (after lowercasing).  Kept short on purpose: the flag is a
 * hint for an adult, not a filter. */
static const char *const idea_words[] = {
    /* Danish */
    "luder", "ludder", "hore", "kælling", "møgkælling", "fisse", "pik", "kusse", "bøsse", "perker",
    "spasser", "mongol", "idiot", "idioter", "lort", "fuck", "fucking", "fucker", "klamme", "nøgen",
    "nøgenbilleder", "nøgenbillede", "dræb", "dø", "voldtægt", "voldtage",
    /* English */
    "slut", "whore", "bitch", "cunt", "dick", "retard", "fag", "faggot", "stupid", "kill", "die",
    "rape", "nude", "nudes", "sexy", "hoe", NULL};

/* Lowercases one UTF-8 letter in place: ASCII and Æ Ø Å. */
static size_t lower_letter(const unsigned char *s, char *out)
{
    if (s[0] >= 'A' && s[0] <= 'Z') {
        out[0] = (char)(s[0] + 32);
        return 1;
    }
    if (s[0] == 0xC3 && (s[1] == 0x86 || s[1] == 0x98 || s[1] == 0x85)) {
        out[0] = (char)0xC3;
        out[1] = (char)(s[1] + 0x20);
        return 2;
    }
    if (s[0] >= 0xC0 && s[1]) {
        size_t n = (s[0] >= 0xF0) ? 4 : (s[0] >= 0xE0) ? 3 : 2;
        size_t i = 0;
        for (i = 0; i < n && s[i]; i++)
            out[i] = (char)s[i];
        return i;
    }
    out[0] = (char)s[0];
    return 1;
}

static int is_letter(const unsigned char *s)
{
    return (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] >= 0xC0;
}

static int listed(const char *w)
{
    int i = 0;
    for (i = 0; idea_words[i]; i++)
        if (strcmp(idea_words[i], w) == 0)
            return 1;
    return 0;
}

int idea_flagged(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    char word[IDEA_MAX_WORD + 4];
    size_t wn = 0;
    int too_long = 0, digits = 0;
    if (!text)
        return 0;
    while (1) {
        if (*p && is_letter(p)) {
            char tmp[4];
            size_t k = lower_letter(p, tmp);
            if (wn + k <= IDEA_MAX_WORD) {
                memcpy(word + wn, tmp, k);
                wn += k;
            } else
                too_long = 1;
            p += k;
            digits = 0;
            continue;
        }
        if (wn > 0) {
            word[wn] = '\0';
            if (!too_long && listed(word))
                return 1;
            wn = 0;
            too_long = 0;
        }
        if (!*p)
            break;
        if (*p >= '0' && *p <= '9') {
            if (++digits >= 8)
                return 1;
        } else if (*p != ' ' && *p != '-')
            digits = 0;
        if (*p == '@' && p[1] && is_letter(p + 1))
            return 1;
        p++;
    }
    return 0;
}
