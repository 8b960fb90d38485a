/* input.c - key mapping for presenter remotes and keyboards. */
#include "app/input.h"

#include <string.h>
#include <strings.h>

ShowAction input_map_key(SDL_Scancode sc, Uint16 mod, int *arg)
{
    *arg = 0;
    if (sc >= SDL_SCANCODE_1 && sc <= SDL_SCANCODE_9) {
        *arg = (int)(sc - SDL_SCANCODE_1) + 1;
        return SHOW_ACT_DIGIT;
    }
    if (sc >= SDL_SCANCODE_KP_1 && sc <= SDL_SCANCODE_KP_9) {
        *arg = (int)(sc - SDL_SCANCODE_KP_1) + 1;
        return SHOW_ACT_DIGIT;
    }
    if (sc == SDL_SCANCODE_0 || sc == SDL_SCANCODE_KP_0) {
        *arg = 0;
        return SHOW_ACT_DIGIT;
    }
    if ((mod & KMOD_CTRL) && sc == SDL_SCANCODE_Q)
        return SHOW_ACT_QUIT;
    if ((mod & KMOD_CTRL) && sc == SDL_SCANCODE_R)
        return SHOW_ACT_RESULTS;
    if ((mod & KMOD_CTRL) && sc == SDL_SCANCODE_K)
        return SHOW_ACT_KIOSK;
    if ((mod & KMOD_CTRL) && sc == SDL_SCANCODE_L)
        return SHOW_ACT_RELOAD;
    if ((mod & KMOD_CTRL) && (sc == SDL_SCANCODE_DOWN || sc == SDL_SCANCODE_UP)) {
        *arg = sc == SDL_SCANCODE_DOWN ? 1 : -1;
        return SHOW_ACT_NOTES_SCROLL;
    }
    if (mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
        return SHOW_ACT_NONE; /* no accidental actions from shortcuts */
    if (sc == SDL_SCANCODE_RIGHTBRACKET || sc == SDL_SCANCODE_LEFTBRACKET) {
        *arg = sc == SDL_SCANCODE_RIGHTBRACKET ? 1 : -1;
        return SHOW_ACT_NOTES_SCROLL;
    }
    switch (sc) {
    case SDL_SCANCODE_PAGEDOWN:
    case SDL_SCANCODE_RIGHT:
    case SDL_SCANCODE_SPACE:
    case SDL_SCANCODE_RETURN:
    case SDL_SCANCODE_KP_ENTER: return SHOW_ACT_NEXT;
    case SDL_SCANCODE_PAGEUP:
    case SDL_SCANCODE_LEFT: return SHOW_ACT_BACK;
    case SDL_SCANCODE_B:
    case SDL_SCANCODE_PERIOD:
    case SDL_SCANCODE_KP_PERIOD: return SHOW_ACT_BLANK;
    case SDL_SCANCODE_H:
    case SDL_SCANCODE_F1: return SHOW_ACT_HELP;
    case SDL_SCANCODE_S: return SHOW_ACT_STOP;
    case SDL_SCANCODE_R: return SHOW_ACT_REWIND;
    case SDL_SCANCODE_N: return SHOW_ACT_NOTES;
    case SDL_SCANCODE_M: return SHOW_ACT_MAP;
    case SDL_SCANCODE_I: return SHOW_ACT_IDEAS;
    case SDL_SCANCODE_F: return SHOW_ACT_FULLSCREEN;
    case SDL_SCANCODE_V: return SHOW_ACT_VOTE;
    case SDL_SCANCODE_E: return SHOW_ACT_EVAL;
    case SDL_SCANCODE_K: return SHOW_ACT_KIOSK;
    case SDL_SCANCODE_C: return SHOW_ACT_COUNT;
    case SDL_SCANCODE_L: return SHOW_ACT_LABELS;
    case SDL_SCANCODE_Y:
    case SDL_SCANCODE_J: return SHOW_ACT_YES;
    case SDL_SCANCODE_ESCAPE:
    case SDL_SCANCODE_F5: return SHOW_ACT_CANCEL;
    case SDL_SCANCODE_UP:
    case SDL_SCANCODE_KP_PLUS:
    case SDL_SCANCODE_EQUALS: return SHOW_ACT_UP;
    case SDL_SCANCODE_DOWN:
    case SDL_SCANCODE_KP_MINUS:
    case SDL_SCANCODE_MINUS: return SHOW_ACT_DOWN;
    case SDL_SCANCODE_BACKSPACE:
    case SDL_SCANCODE_DELETE: return SHOW_ACT_DELETE;
    default: return SHOW_ACT_NONE;
    }
}

ShowAction input_map_key_kiosk(SDL_Scancode sc, Uint16 mod, int text, int *arg)
{
    *arg = 0;
    if (mod & KMOD_CTRL) {
        if (sc == SDL_SCANCODE_Q)
            return SHOW_ACT_QUIT;
        if (sc == SDL_SCANCODE_K)
            return SHOW_ACT_KIOSK;
        return SHOW_ACT_NONE;
    }
    switch (sc) {
    case SDL_SCANCODE_RETURN:
    case SDL_SCANCODE_KP_ENTER:
    case SDL_SCANCODE_RIGHT:
    case SDL_SCANCODE_PAGEDOWN: return SHOW_ACT_NEXT;
    case SDL_SCANCODE_LEFT:
    case SDL_SCANCODE_PAGEUP: return SHOW_ACT_BACK;
    case SDL_SCANCODE_ESCAPE: return SHOW_ACT_CANCEL;
    case SDL_SCANCODE_BACKSPACE: return SHOW_ACT_DELETE;
    case SDL_SCANCODE_F1: return SHOW_ACT_HELP; /* the help card, also during the kiosk */
    case SDL_SCANCODE_UP: return SHOW_ACT_UP;
    case SDL_SCANCODE_DOWN: return SHOW_ACT_DOWN;
    default: break;
    }
    if (text)
        return SHOW_ACT_NONE; /* letters, digits and spaces arrive as text input */
    if (sc == SDL_SCANCODE_SPACE)
        return SHOW_ACT_SELECT;
    if (sc >= SDL_SCANCODE_1 && sc <= SDL_SCANCODE_9) {
        *arg = (int)(sc - SDL_SCANCODE_1) + 1;
        return SHOW_ACT_DIGIT;
    }
    if (sc >= SDL_SCANCODE_KP_1 && sc <= SDL_SCANCODE_KP_9) {
        *arg = (int)(sc - SDL_SCANCODE_KP_1) + 1;
        return SHOW_ACT_DIGIT;
    }
    if (sc == SDL_SCANCODE_0 || sc == SDL_SCANCODE_KP_0)
        return *arg = 10, SHOW_ACT_DIGIT;
    return SHOW_ACT_NONE;
}

int input_parse_key(const char *name, SDL_Scancode *sc, Uint16 *mod)
{
    char buf[64];
    const char *key = name;
    *mod = KMOD_NONE;
    *sc = SDL_SCANCODE_UNKNOWN;
    if (!name || !*name || strlen(name) >= sizeof buf)
        return -1;
    while (1) {
        const char *plus = strchr(key, '+');
        size_t n = 0;
        if (!plus || plus == key || plus[1] == '\0')
            break;
        n = (size_t)(plus - key);
        memcpy(buf, key, n);
        buf[n] = '\0';
        if (strcasecmp(buf, "ctrl") == 0)
            *mod |= KMOD_LCTRL;
        else if (strcasecmp(buf, "shift") == 0)
            *mod |= KMOD_LSHIFT;
        else if (strcasecmp(buf, "alt") == 0)
            *mod |= KMOD_LALT;
        else
            return -1;
        key = plus + 1;
    }
    *sc = SDL_GetScancodeFromName(key);
    if (*sc == SDL_SCANCODE_UNKNOWN) {
        /* SDL names keys by their US-layout keycode names; accept a few aliases */
        if (strcmp(key, ".") == 0)
            *sc = SDL_SCANCODE_PERIOD;
        else if (strcasecmp(key, "Enter") == 0)
            *sc = SDL_SCANCODE_RETURN;
        else if (strcasecmp(key, "Esc") == 0)
            *sc = SDL_SCANCODE_ESCAPE;
        else if (strcmp(key, "+") == 0)
            *sc = SDL_SCANCODE_KP_PLUS;
        else
            return -1;
    }
    return 0;
}
