/* paths.h - where the bundled data lives (fonts, scenes, the questionnaire). */
#ifndef APP_PATHS_H
#define APP_PATHS_H

/* The data folder: $SPECTACTOR_DATA if set and not empty, else the source
 * tree the binary was built from.  Borrowed, static. */
const char *app_data_dir(void);
/* The bundled scenario folder (<data>/scenes/stalking).  Borrowed: a static
 * buffer overwritten by the next call. */
const char *app_default_scenario(void);

#endif
