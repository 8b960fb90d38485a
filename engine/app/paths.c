/* paths.c - where the bundled data lives.  Its own file so that the
 * subcommands need not include main.c's neighbours. */
#include "app/paths.h"

#include "compat/compat.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef SPECTACTOR_DATA_DIR
#define SPECTACTOR_DATA_DIR "."
#endif

const char *app_data_dir(void)
{
    const char *e = getenv("SPECTACTOR_DATA");
    return e && *e ? e : compat_exe_relative(SPECTACTOR_DATA_DIR);
}

const char *app_default_scenario(void)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/scenes/stalking", app_data_dir());
    return path;
}
