/* reload.c - loading the scenario again (see reload.h). */
#include "app/reload.h"

#include "compat/compat.h"
#include "core/log.h"
#include "story/story_strings.h"
#include "lua/lua_story.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void snapshot(long long *out, const char *dir, const Scenario *sc)
{
    struct stat st;
    char path[1200];
    int i = 0;
    memset(out, 0, sizeof(long long) * (STORY_MAX_FILES + 1));
    if (sc) {
        for (i = 0; i < sc->n_files && i < STORY_MAX_FILES; i++)
            if (stat(sc->files[i], &st) == 0)
                out[i] = compat_mtime_ns(&st);
    }
    snprintf(path, sizeof path, "%s/scenario.lua", dir);
    if (stat(path, &st) == 0)
        out[STORY_MAX_FILES] = compat_mtime_ns(&st);
}

void watch_snapshot(Watch *w, const char *dir, const Scenario *sc)
{
    assert(w && dir);
    snapshot(w->mtimes, dir, sc);
}

int watch_changed(const Watch *w, const char *dir, const Scenario *sc)
{
    long long m[STORY_MAX_FILES + 1];
    assert(w && dir);
    snapshot(m, dir, sc);
    return memcmp(m, w->mtimes, sizeof m) != 0;
}

static void say(const ReloadKeep *keep, const char *line)
{
    if (keep->transcript)
        keep->transcript(keep->transcript_ud, line);
}

int reload_scene(Scene *scene, const ReloadKeep *keep, Watch *w)
{
    Err err;
    LuaHost *h2 = NULL;
    Scenario *sc2 = NULL;
    Show *s2 = NULL;
    char keep_beat[STORY_MAX_ID + 1];
    int steps = 0, lang = 0;
    const char *bid = NULL;
    assert(scene && scene->show && keep && keep->dir && w);
    bid = show_beat_id(scene->show);
    err_clear(&err);
    keep_beat[0] = '\0';
    if (bid)
        snprintf(keep_beat, sizeof keep_beat, "%s", bid);
    if (show_run(scene->show))
        steps = story_steps_shown(show_run(scene->show));
    h2 = lua_host_new(&err);
    if (h2)
        sc2 = lua_story_load_translated(h2, keep->dir, &err);
    if (sc2) {
        /* the same language as before, when the new scenario still has it */
        lang = scene->sc ? scenario_lang_index(sc2, scene->sc->langs[scenario_pick_lang(scene->sc, keep->lang)])
                         : 0;
        s2 = show_new(sc2, lua_story_hooks(h2), lang < 0 ? 0 : lang, NULL, &err);
    }
    if (!s2) {
        char msg[ERR_MSG_MAX + 32];
        snprintf(msg, sizeof msg, "%s", err.msg[0] ? err.msg : "reload failed");
        if (scene->sc)
            show_set_error(scene->show, msg); /* the old scenario stays underneath */
        say(keep, "reload failed");
        fprintf(stderr, "%s\n", msg);
        if (sc2)
            lua_story_release(h2, sc2);
        scenario_free(sc2);
        lua_host_free(h2);
        watch_snapshot(w, keep->dir, scene->sc); /* try again at the next save, not every second */
        return 0;
    }
    show_set_transcript(s2, keep->transcript, keep->transcript_ud);
    show_set_poll_seq(s2, show_poll_seq(scene->show));
    show_keep_counting(s2, scene->show);
    show_keep_measure(s2, scene->show);
    show_set_join(s2, keep->join_url, keep->join_code, keep->join_problem);
    show_set_eval(s2, keep->q);
    show_set_eval_opened(s2, show_eval_open(scene->show)); /* phones keep their questionnaire */
    show_free(scene->show);
    if (scene->sc)
        lua_story_release(scene->lua, scene->sc);
    scenario_free(scene->sc);
    lua_host_free(scene->lua);
    scene->show = s2;
    scene->sc = sc2;
    scene->lua = h2;
    scene->lang = lang < 0 ? 0 : lang;
    say(keep, "reload ok");
    w->waiting = 0;
    if (keep_beat[0] && show_resume_at(scene->show, keep_beat, steps) < 0)
        say(keep, "reload: the beat is gone, back to the start");
    watch_snapshot(w, keep->dir, scene->sc);
    return 1;
}
