/* reload.h - loading the scenario again: Ctrl+L, or --watch after a save.
 *
 * A broken scenario shows its path:line message on the error screen and the
 * old one keeps running underneath (Back returns to it); a good one replaces
 * it and continues at the same beat and step when the beat still exists.
 * The phones keep their join info and questionnaire, and poll ids continue.
 */
#ifndef APP_RELOAD_H
#define APP_RELOAD_H

#include "lua/lua_host.h"
#include "show/show.h"
#include "story/story.h"

/* What plays: the Lua host, the scenario it loaded (NULL when that failed)
 * and the show over it.  Replaced together by a reload. */
typedef struct Scene {
    LuaHost *lua;
    Scenario *sc;
    Show *show;
    int lang;  /* the show's language: index into sc->langs */
} Scene;

/* What a reloaded show takes over from the frame loop (all borrowed). */
typedef struct ReloadKeep {
    const char *dir;     /* the scenario folder */
    const char *lang;    /* --lang, or NULL */
    const char *join_url, *join_code, *join_problem;
    const EvalQuestionnaire *q;
    ShowTranscriptFn transcript;
    void *transcript_ud;
} ReloadKeep;

/* --watch: the scenario files' modification times at the last look. */
typedef struct Watch {
    long long mtimes[STORY_MAX_FILES + 1];
    int waiting; /* "reload waits" was said for the current change */
} Watch;


/* Remembers the modification times of sc's files (or of dir's entry file
 * when sc is NULL). */
void watch_snapshot(Watch *w, const char *dir, const Scenario *sc);

/* 1 when a file changed since the last snapshot (the snapshot stays). */
int watch_changed(const Watch *w, const char *dir, const Scenario *sc);

/* Loads keep->dir again.  On success the scene's host, scenario and show
 * are replaced (the old ones freed) and 1 is returned; on failure the old
 * scene stays with the message on its error screen, and 0 is returned.
 * Either way the transcript says so and w takes a new snapshot. */
int reload_scene(Scene *scene, const ReloadKeep *keep, Watch *w);

#endif
