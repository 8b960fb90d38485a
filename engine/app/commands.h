/* commands.h - the subcommands of the spectactor binary.
 * Each takes the arguments after the subcommand name and returns the
 * process exit code (0 ok, 1 failure, 2 usage error). */
#ifndef APP_COMMANDS_H
#define APP_COMMANDS_H

/* spectactor play [DIR] [options]: the frame loop (play.c). */
int cmd_play(int argc, char **argv);
/* spectactor check DIR...: scenario validation (check.c). */
int cmd_check(int argc, char **argv);
/* spectactor report [--db FILE]... [--event ID]... [--csv FILE] [--html FILE] */
int cmd_report(int argc, char **argv);
/* spectactor enter [--db FILE] [--event ID] : type in paper forms */
int cmd_enter(int argc, char **argv);
/* spectactor test DIR...: walks every path of a scenario (cmd_test.c). */
int cmd_test(int argc, char **argv);
/* spectactor strings DIR [--export SRC,LANG.. FILE | --import FILE] (cmd_strings.c). */
int cmd_strings(int argc, char **argv);
/* spectactor script DIR [--lang L] --out FILE.html [--role ID] (cmd_script.c). */
int cmd_script(int argc, char **argv);
/* spectactor map DIR [--lang L] --out FILE.svg (cmd_map.c). */
int cmd_map(int argc, char **argv);

#endif
