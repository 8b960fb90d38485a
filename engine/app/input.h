/* input.h - maps keys (by scancode, so layouts do not matter) to show actions.
 *
 * Presenter remotes send PageDown/PageUp, F5/Escape alternately, "." or "b";
 * F5 and Escape never quit.  Quitting needs Ctrl+Q and a confirmation. */
#ifndef APP_INPUT_H
#define APP_INPUT_H

#include <SDL.h>

#include "show/show.h"

/* The action for a key press; *arg receives the digit for SHOW_ACT_DIGIT. */
ShowAction input_map_key(SDL_Scancode sc, Uint16 mod, int *arg);

/* The mapping inside the evaluation kiosk, where students type: only
 * Return/arrows/Escape/Backspace act, digits and Space act unless a text
 * question takes typed text; Ctrl+K leaves the kiosk, Ctrl+Q still quits. */
ShowAction input_map_key_kiosk(SDL_Scancode sc, Uint16 mod, int text, int *arg);

/* Parses one key name as used by --keys ("Right", "PageDown", "1", "Ctrl+Q",
 * "Space", "Return", "."); 0 and the scancode/modifiers, or -1 if unknown. */
int input_parse_key(const char *name, SDL_Scancode *sc, Uint16 *mod);

#endif
