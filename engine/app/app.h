/* app.h - shared declarations of the spectactor binary's subcommands. */
#ifndef APP_APP_H
#define APP_APP_H

/* spectactor play [DIR] [options]: the frame loop (play.c). */
int cmd_play(int argc, char **argv);
/* spectactor check DIR...: scenario validation (check.c). */
int cmd_check(int argc, char **argv);

/* Where the bundled data lives: $SPECTACTOR_DATA, else the source tree the
 * binary was built from.  Borrowed, static. */
const char *app_data_dir(void);
/* The bundled scenario folder. */
const char *app_default_scenario(void);

#endif
