/* story_explore.h - walks every path of a scenario for `spectactor test`.
 *
 * Pure C over a StoryRun and its hooks: from the start beat, every option of
 * every choice (and the way on from every signal, idea and discussion) is
 * tried, with the conditions and effects evaluated on the variables actually
 * reached.  A state is the current beat, the variables, the once-only
 * options used and the visit counts (capped, see StoryExploreLimits); a
 * state seen before is not explored again, so loops end and the walk is
 * bounded by the number of distinct states.
 *
 * The result says which beats and options were reached, how many paths end
 * at each ending (a path that returns to a state already on it is not
 * counted again), how often each option was offered and available, and the
 * findings: conditions or effects that fail (errors, endless loops, limits),
 * conditions that answer differently when asked twice, conditions that take
 * longer than STORY_EXPLORE_SLOW_MS (the projector waits for them), and the
 * points from which no ending can be reached any more.  Each finding carries the path
 * that led to it as "beat#option > beat#option".
 */
#ifndef STORY_STORY_EXPLORE_H
#define STORY_STORY_EXPLORE_H

#include "core/buf.h"
#include "core/err.h"
#include "story/scenario.h"
#include "story/story.h"

#define STORY_EXPLORE_PATH_MAX 400 /* bytes of a finding's path text */
#define STORY_EXPLORE_MAX_FINDINGS 200
#define STORY_EXPLORE_STATES 20000 /* default cap on distinct states */
#define STORY_EXPLORE_VISIT_CAP 3  /* default: visits above this look alike */
#define STORY_EXPLORE_RETRIES 3    /* a condition that failed this often is not run again */
#define STORY_EXPLORE_SLOW_MS 5.0  /* a condition running longer is a finding */

typedef struct StoryExploreLimits {
    int max_states; /* distinct states explored; <= 0: STORY_EXPLORE_STATES */
    int max_depth;  /* decisions on one path; <= 0: STORY_MAX_HISTORY - 1 */
    int visit_cap;  /* visit counts above this count as this; <= 0: default */
} StoryExploreLimits;

typedef enum {
    STORY_FIND_COND,     /* a condition failed (script error, endless loop, limit) */
    STORY_FIND_UNSTABLE, /* a condition answered differently when asked twice */
    STORY_FIND_EFFECT,   /* choosing an option failed (its effect, or its target) */
    STORY_FIND_STEP,     /* moving on from a beat failed */
    STORY_FIND_NO_ENDING, /* from here no path reaches an ending (a loop or dead end) */
    STORY_FIND_SLOW       /* a condition ran longer than STORY_EXPLORE_SLOW_MS (a warning) */
} StoryFindKind;

typedef struct StoryFinding {
    StoryFindKind kind;
    int beat;   /* beat index */
    int option; /* option index at that beat, or -1 */
    char msg[ERR_MSG_MAX];            /* the failure, may start with "path:line: " */
    char path[STORY_EXPLORE_PATH_MAX]; /* choices from the start: "one#2 > two#1"; "" for none */
} StoryFinding;

typedef struct StoryExploreResult {
    int n_states;         /* distinct states reached */
    int truncated;        /* 1: a limit stopped some paths (results are partial) */
    double paths;         /* paths that end at an ending */
    double *ending_paths; /* per beat: paths ending there (0 for other beats) */
    unsigned char *beat_reached; /* per beat: 1 if entered on some path */
    int *opt_offered;     /* per option uid: states where its choice was reached */
    int *opt_available;   /* per option uid: of those, states where it was available */
    int *opt_failed;      /* per option uid: times its condition or effect failed (the
                           * first failure is a finding; after STORY_EXPLORE_RETRIES
                           * the option counts as unavailable without running it) */
    StoryFinding *findings;
    int n_findings;
    int findings_dropped; /* findings beyond STORY_EXPLORE_MAX_FINDINGS */
} StoryExploreResult;

/* Explores every path of sc (linked, with a start beat).  hooks evaluate the
 * script conditions and effects (may be NULL when there are none); lim may
 * be NULL for the defaults.  Returns the result (free it with
 * story_explore_free), or NULL with err set when the run cannot start or
 * memory runs out.  Failures of the scenario itself are findings, not
 * errors of this call. */
StoryExploreResult *story_explore(const Scenario *sc, const StoryHooks *hooks,
                                  const StoryExploreLimits *lim, Err *err);

/* Frees a result; NULL is fine. */
void story_explore_free(StoryExploreResult *r);

/* Writes r's findings, the beats and options never reached, one line per
 * ending and a summary line for dir (as `spectactor test` prints them) to
 * out.  Returns the number of errors among them. */
int story_explore_report(const Scenario *sc, const char *dir, const StoryExploreResult *r,
                         Buf *out);

#endif
