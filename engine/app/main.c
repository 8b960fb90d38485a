/* main.c - the spectactor command line: play, check, test, strings, script, map, report,
 * enter. */
#include "app/commands.h"
#include "compat/compat.h"

#ifdef _WIN32
/* main() becomes SDL_main: SDL's WinMain passes the arguments as UTF-8 */
#include <SDL_main.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SPECTACTOR_VERSION
#define SPECTACTOR_VERSION "0.1.0"
#endif

static void usage(FILE *f)
{
    fprintf(f,
            "usage: spectactor play [DIR] [--lang da|en] [--window WxH | --fullscreen [--display N]]\n"
            "                       [--port N] [--no-phones]\n"
            "                       [--count hands|phones|both] [--class-size N] [--db FILE] [--watch]\n"
            "                       [--label TEXT] [--label NAME=VALUE]... [--attendance N]\n"
            "                       [--presenter [--presenter-display N]] [--address IP]\n"
            "                       [--resume yes|no|ask]\n"
            "       spectactor play --headless --size WxH [--keys \"K1 K2 ...\"] [--keys-from FILE|-]\n"
            "                       [--screenshot FILE.png] [--presenter-screenshot FILE.png]\n"
            "                       [--transcript FILE|-] [--frame-text FILE] [DIR]\n"
            "       spectactor check DIR...\n"
            "       spectactor test DIR...\n"
            "       spectactor strings DIR [--export da,en FILE.po|FILE.csv | --import FILE]\n"
            "       spectactor script DIR [--lang da|en] --out FILE.html [--role ID]\n"
            "       spectactor map DIR [--lang da|en] --out FILE.svg\n"
            "       spectactor report [--db FILE]... [--event ID|LABEL]... [--csv FILE [--csv-sep ';']]\n"
            "                         [--xlsx FILE] [--html FILE] [--lang da|en] [--group-by NAME] [--force]\n"
            "       spectactor report --review [--db FILE] [--event ID|LABEL]\n"
            "       spectactor enter [--db FILE] --event ID|LABEL\n"
            "Keys: Next = PageDown/Right/Space/Return, Back = PageUp/Left, B or . blank,\n"
            "H help card, S stop, R rewind, M story map, N notes, I ideas, F fullscreen, V vote, digits pick/count,\n"
            "E evaluation (at the ending), K kiosk, Ctrl+R results,\n"
            "Ctrl+Q quit (asks first). Escape and F5 never quit.\n");
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "play";
    compat_init();
    if (argc > 1 && (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
        usage(stdout); /* `spectactor play --help` and the like */
        return 0;
    }
    if (argc > 1 && strcmp(cmd, "--version") == 0) {
        printf("spectactor %s\n", SPECTACTOR_VERSION);
        return 0;
    }
    if (strcmp(cmd, "play") == 0)
        return cmd_play(argc > 1 ? argc - 2 : 0, argc > 1 ? argv + 2 : argv + 1);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 2, argv + 2);
    if (strcmp(cmd, "test") == 0)
        return cmd_test(argc - 2, argv + 2);
    if (strcmp(cmd, "strings") == 0)
        return cmd_strings(argc - 2, argv + 2);
    if (strcmp(cmd, "script") == 0)
        return cmd_script(argc - 2, argv + 2);
    if (strcmp(cmd, "map") == 0)
        return cmd_map(argc - 2, argv + 2);
    if (strcmp(cmd, "report") == 0)
        return cmd_report(argc - 2, argv + 2);
    if (strcmp(cmd, "enter") == 0)
        return cmd_enter(argc - 2, argv + 2);
    fprintf(stderr, "spectactor: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}
