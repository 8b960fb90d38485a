# bench/engine.sh - the engine part of tools/bench (sourced by it, POSIX sh):
# the engine against a minimal SDL2+SDL_ttf program.  Everything runs
# headless at 1920x1080 with SDL's software renderer, in one run, so the
# reference figures are measured on the same machine at the same time.
#   1. cold start to first frame: `spectactor play --headless` vs bench/ref_sdl.c
#      (same hints, same font, one line of text, same PNG writing), hyperfine
#   2. render time p50/p99 of the busiest beat: help card toggled N times over
#      it, frames timed from outside by the LD_PRELOAD shim bench/frametimes.c
#   3. peak memory (max RSS, /usr/bin/time -f %M) vs the reference
#   4. CPU while a static beat is shown for 5 s (keys through a FIFO,
#      utime+stime from /proc/PID/stat before and after)
# Uses from tools/bench: ROOT BUILD ENGINE SCENE FONT SIZE TMP QUICK BENCH_PATH
# BG_PIDS say verdict DATE COMMIT NPROC CPU_MODEL, and bench/stats.sh.
# Leaves: $TMP/engine_table.md, $TMP/engine_section.md (the doc section),
# ENGINE_NOTE (a line printed under the table).

if [ "$QUICK" = 1 ]; then
    ROUNDS=1; RUNS=5; RSS_REPS=2; FRAMES=60; FRAME_REPS=1; CPU_REPS=1; CPU_SECS=2; SCOUT_TOGGLES=4
else
    ROUNDS=5; RUNS=10; RSS_REPS=5; FRAMES=300; FRAME_REPS=3; CPU_REPS=3; CPU_SECS=5; SCOUT_TOGGLES=8
fi

say "building the reference program and the frame-timing shim"
mkdir -p "$BUILD/bench"
REF="$BUILD/bench/ref_sdl"
SHIM="$BUILD/bench/frametimes.so"
CC=${CC:-cc}
# shellcheck disable=SC2046
$CC -O2 -Wall -Wextra -o "$REF" "$ROOT/bench/ref_sdl.c" $(pkg-config --cflags --libs sdl2 SDL2_ttf SDL2_image)
# shellcheck disable=SC2046
$CC -O2 -Wall -Wextra -fPIC -shared -o "$SHIM" "$ROOT/bench/frametimes.c" $(pkg-config --cflags sdl2) -ldl

# The engine as measured: headless, software renderer, no phone server (the
# reference has none either; section 4 says what the server adds, if anything).
eng() { "$ENGINE" play "$SCENE" --headless --size "$SIZE" --no-phones "$@"; }
ref() { "$REF" "$FONT" --size "$SIZE" "$@"; }

# Both programs must work before anything is timed.
eng --screenshot "$TMP/engine.png" >/dev/null 2>"$TMP/engine.err" ||
    { cat "$TMP/engine.err" >&2; echo "tools/bench: the engine does not start" >&2; exit 1; }
ref --screenshot "$TMP/ref.png" || { echo "tools/bench: the reference program fails" >&2; exit 1; }

# ---- 1. cold start to first frame --------------------------------------------
# csv_median FILE NAME: the median (seconds) of the command named NAME.
csv_median() { csv_col "$1" "$2" median; }
# csv_col FILE NAME COLUMN: a column of hyperfine's CSV for the command NAME.
csv_col() {
    awk -F, -v n="$2" -v col="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
                                    $1 == n { print $c }' "$1"
}
# csv_cpu FILE NAME: mean user + system time (seconds) of the command NAME.
csv_cpu() { bench_calc "$(csv_col "$1" "$2" user) + $(csv_col "$1" "$2" system)" "%.6f"; }

cold_start() { # $1: tag; $2: prefix command (may be empty); the rest: extra arguments for both
    tag=$1
    pre=$2
    shift 2
    : >"$TMP/cold_$tag.eng"; : >"$TMP/cold_$tag.ref"; : >"$TMP/cold_$tag.ratio"
    : >"$TMP/cold_$tag.ecpu"; : >"$TMP/cold_$tag.rcpu"; : >"$TMP/cold_$tag.cpuratio"
    r=1
    while [ "$r" -le "$ROUNDS" ]; do
        e_cmd="$pre $ENGINE play $SCENE --headless --size $SIZE --no-phones $*"
        r_cmd="$pre $REF $FONT --size $SIZE $*"
        if [ $((r % 2)) = 1 ]; then
            hyperfine -N -w 3 -r "$RUNS" --style none --export-csv "$TMP/cold.csv" \
                -n engine "$e_cmd" -n ref "$r_cmd" >/dev/null 2>&1
        else
            hyperfine -N -w 3 -r "$RUNS" --style none --export-csv "$TMP/cold.csv" \
                -n ref "$r_cmd" -n engine "$e_cmd" >/dev/null 2>&1
        fi
        e=$(csv_median "$TMP/cold.csv" engine)
        f=$(csv_median "$TMP/cold.csv" ref)
        echo "$e" >>"$TMP/cold_$tag.eng"
        echo "$f" >>"$TMP/cold_$tag.ref"
        bench_div "$e" "$f" "%.4f" >>"$TMP/cold_$tag.ratio"
        e=$(csv_cpu "$TMP/cold.csv" engine)
        f=$(csv_cpu "$TMP/cold.csv" ref)
        echo "$e" >>"$TMP/cold_$tag.ecpu"
        echo "$f" >>"$TMP/cold_$tag.rcpu"
        bench_div "$e" "$f" "%.4f" >>"$TMP/cold_$tag.cpuratio"
        r=$((r + 1))
    done
}

say "1. cold start ($ROUNDS rounds x $RUNS runs per variant, hyperfine)"
# first: both end (via the shim) the moment their first present returns;
# run: both run to their normal exit (the engine redraws its last frame and
# tears down); png: both write the frame as PNG and exit normally.
cold_start first "env LD_PRELOAD=$SHIM BENCH_EXIT_AFTER_FIRST_PRESENT=1"
cold_start run ""
cold_start png "" --screenshot "$TMP/cold.png"
ms() { bench_calc "$1 * 1000" "%.1f"; }
med_ms() { ms "$(bench_median "$1")"; }
med_ratio() { bench_calc "$(bench_median "$1")" "%.2f"; }
COLD_ENG_first=$(med_ms "$TMP/cold_first.eng"); COLD_REF_first=$(med_ms "$TMP/cold_first.ref")
COLD_RATIO_first=$(med_ratio "$TMP/cold_first.ratio")
COLD_CPU_ENG_first=$(med_ms "$TMP/cold_first.ecpu"); COLD_CPU_REF_first=$(med_ms "$TMP/cold_first.rcpu")
COLD_CPU_RATIO_first=$(med_ratio "$TMP/cold_first.cpuratio")
COLD_ENG_run=$(med_ms "$TMP/cold_run.eng"); COLD_REF_run=$(med_ms "$TMP/cold_run.ref")
COLD_RATIO_run=$(med_ratio "$TMP/cold_run.ratio")
COLD_ENG_png=$(med_ms "$TMP/cold_png.eng"); COLD_REF_png=$(med_ms "$TMP/cold_png.ref")
COLD_RATIO_png=$(med_ratio "$TMP/cold_png.ratio")

# ---- 2. render time of the busiest beat --------------------------------------
# frames KEYS OUT: runs the engine with KEYS under the shim; OUT gets one line
# per frame: render_us present_to_present_us.
frames() {
    BENCH_FRAME_TIMES="$2" LD_PRELOAD="$SHIM" eng --keys "$1" >/dev/null 2>>"$TMP/frames.err"
}
toggles() { # N: "h h h ..." (N times)
    i=0; s=""
    while [ "$i" -lt "$1" ]; do s="$s h"; i=$((i + 1)); done
    echo "$s"
}

say "2. render time: scouting the busiest beat along the walk"
SCOUT=$(toggles "$SCOUT_TOGGLES")
: >"$TMP/scout"
prefix=""
k=0
for key in "" $BENCH_PATH; do
    if [ -n "$key" ]; then
        prefix="$prefix $key"
        k=$((k + 1))
        case "$key" in [0-9]) continue ;; esac # only states after a Next
    fi
    frames "$prefix $SCOUT" "$TMP/scout.ft" || true
    n=$(bench_count "$TMP/scout.ft")
    if [ "$n" -gt "$SCOUT_TOGGLES" ]; then
        tail -n "$SCOUT_TOGGLES" "$TMP/scout.ft" >"$TMP/scout.last"
        # by the frames' CPU time: their wall time on a busy machine says
        # more about the other work than about the beat
        echo "$k $(bench_median "$TMP/scout.last" 3)" >>"$TMP/scout"
    fi
done
[ -s "$TMP/scout" ] || { echo "tools/bench: no frame was timed (is the shim loaded?)" >&2; cat "$TMP/frames.err" >&2; exit 1; }
BUSY_K=$(sort -k2,2g "$TMP/scout" | tail -n 1 | awk '{ print $1 }')
BUSY_KEYS=$(echo "$BENCH_PATH" | awk -v k="$BUSY_K" '{ s = ""; for (i = 1; i <= k && i <= NF; i++) s = s " " $i; print s }')
say "   busiest: after $BUSY_K key(s) of the walk"
# What that beat is, from the transcript (the last lines of the walk up to it).
BUSY_WHAT=$(eng --keys "$BUSY_KEYS" --transcript - 2>/dev/null | tail -n 1 | cut -c1-80)

say "2. render time: $FRAME_REPS x $FRAMES frames over the busiest beat"
: >"$TMP/busy.all"
i=1
while [ "$i" -le "$FRAME_REPS" ]; do
    frames "$BUSY_KEYS $(toggles "$FRAMES")" "$TMP/busy.ft"
    tail -n "$FRAMES" "$TMP/busy.ft" >>"$TMP/busy.all"
    i=$((i + 1))
done
us2ms() { bench_calc "$1 / 1000" "%.2f"; }
FRAME_N=$(bench_count "$TMP/busy.all")
FRAME_P50=$(us2ms "$(bench_pct 50 "$TMP/busy.all" 1)")
FRAME_P99=$(us2ms "$(bench_pct 99 "$TMP/busy.all" 1)")
FRAME_MAX=$(us2ms "$(bench_pct 100 "$TMP/busy.all" 1)")
KEY_P50=$(us2ms "$(bench_pct 50 "$TMP/busy.all" 2)")
KEY_P99=$(us2ms "$(bench_pct 99 "$TMP/busy.all" 2)")
FRAME_CPU_P50=$(us2ms "$(bench_pct 50 "$TMP/busy.all" 3)")
FRAME_CPU_P99=$(us2ms "$(bench_pct 99 "$TMP/busy.all" 3)")
# The reference's single frame, for scale (first frame: glyphs are rasterised cold).
: >"$TMP/ref.ftall"
i=1
while [ "$i" -le 5 ]; do
    BENCH_FRAME_TIMES="$TMP/ref.ft" LD_PRELOAD="$SHIM" ref
    cat "$TMP/ref.ft" >>"$TMP/ref.ftall"
    i=$((i + 1))
done
REF_FRAME=$(us2ms "$(bench_median "$TMP/ref.ftall" 1)")
# The reference's warm redraws (its line of text already a texture), the same
# number of frames as the busiest beat's: the floor of a 1920x1080 frame.
: >"$TMP/refwarm.all"
i=1
while [ "$i" -le "$FRAME_REPS" ]; do
    BENCH_FRAME_TIMES="$TMP/refwarm.ft" LD_PRELOAD="$SHIM" ref --frames $((FRAMES + 1))
    tail -n "$FRAMES" "$TMP/refwarm.ft" >>"$TMP/refwarm.all"
    rm -f "$TMP/refwarm.ft"
    i=$((i + 1))
done
REF_P50=$(us2ms "$(bench_pct 50 "$TMP/refwarm.all" 1)")
REF_P99=$(us2ms "$(bench_pct 99 "$TMP/refwarm.all" 1)")
FRAME_RATIO=$(bench_div "$FRAME_P50" "$REF_P50" %.2f)
REF_CPU_P50=$(us2ms "$(bench_pct 50 "$TMP/refwarm.all" 3)")
REF_CPU_P99=$(us2ms "$(bench_pct 99 "$TMP/refwarm.all" 3)")
FRAME_CPU_RATIO=$(bench_div "$FRAME_CPU_P50" "$REF_CPU_P50" %.2f)
: >"$TMP/eng.first"
i=1
while [ "$i" -le 5 ]; do
    frames "" "$TMP/eng.ft"
    head -n 1 "$TMP/eng.ft" >>"$TMP/eng.first"
    i=$((i + 1))
done
ENG_FIRST=$(us2ms "$(bench_median "$TMP/eng.first" 1)")
FIRST_RATIO=$(bench_div "$ENG_FIRST" "$REF_FRAME" %.2f)

# ---- 3. peak memory -------------------------------------------------------------
say "3. peak memory ($RSS_REPS runs each, /usr/bin/time -f %M)"
: >"$TMP/rss.eng"; : >"$TMP/rss.ref"; : >"$TMP/rss.walk"
i=1
while [ "$i" -le "$RSS_REPS" ]; do
    /usr/bin/time -f %M -o "$TMP/t" "$ENGINE" play "$SCENE" --headless --size "$SIZE" --no-phones \
        --screenshot "$TMP/m.png" >/dev/null 2>&1
    cat "$TMP/t" >>"$TMP/rss.eng"
    /usr/bin/time -f %M -o "$TMP/t" "$REF" "$FONT" --size "$SIZE" --screenshot "$TMP/m.png" >/dev/null 2>&1
    cat "$TMP/t" >>"$TMP/rss.ref"
    /usr/bin/time -f %M -o "$TMP/t" "$ENGINE" play "$SCENE" --headless --size "$SIZE" --no-phones \
        --keys "$BENCH_PATH h h" --screenshot "$TMP/m.png" >/dev/null 2>&1
    cat "$TMP/t" >>"$TMP/rss.walk"
    i=$((i + 1))
done
mib() { bench_calc "$1 / 1024" "%.1f"; }
RSS_ENG=$(mib "$(bench_median "$TMP/rss.eng")")
RSS_REF=$(mib "$(bench_median "$TMP/rss.ref")")
RSS_WALK=$(mib "$(bench_median "$TMP/rss.walk")")
RSS_DELTA=$(bench_calc "$RSS_ENG - $RSS_REF" "%+.1f")
RSS_WALK_DELTA=$(bench_calc "$RSS_WALK - $RSS_REF" "%+.1f")

# ---- 4. CPU on a static beat -------------------------------------------------------
# cpu_ticks PID: utime+stime of the whole process, in clock ticks.
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# cpu_ns PID: time on CPU of all its threads, in ns (/proc/PID/task/*/schedstat).
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
HZ=$(getconf CLK_TCK)

say "4. CPU while a static beat is shown ($CPU_REPS x ${CPU_SECS} s, keys through a FIFO)"
: >"$TMP/cpu.pct"; : >"$TMP/cpu.ns"
i=1
while [ "$i" -le "$CPU_REPS" ]; do
    FIFO="$TMP/keys.fifo"
    rm -f "$FIFO"
    mkfifo "$FIFO"
    "$ENGINE" play "$SCENE" --headless --size "$SIZE" --no-phones --keys-from "$FIFO" >/dev/null 2>"$TMP/cpu.err" &
    PID=$!
    BG_PIDS="$BG_PIDS $PID"
    exec 3<>"$FIFO"       # read-write: never blocks, even if the engine fails early
    echo "$BUSY_KEYS" >&3 # reach the busiest beat, then stay there
    sleep 1               # let it draw and settle
    if ! kill -0 "$PID" 2>/dev/null; then
        cat "$TMP/cpu.err" >&2
        echo "tools/bench: the engine ended before the static beat was measured" >&2
        exit 1
    fi
    t0=$(cpu_ticks "$PID"); n0=$(cpu_ns "$PID")
    sleep "$CPU_SECS"
    t1=$(cpu_ticks "$PID"); n1=$(cpu_ns "$PID")
    exec 3>&-             # end of input: the engine exits
    w=0
    while kill -0 "$PID" 2>/dev/null && [ "$w" -lt 50 ]; do sleep 0.1; w=$((w + 1)); done
    if kill -0 "$PID" 2>/dev/null; then
        echo "tools/bench: the engine did not exit at the end of its input" >&2
        kill "$PID" 2>/dev/null || true
    fi
    wait "$PID" 2>/dev/null || true
    BG_PIDS=$(echo "$BG_PIDS" | sed "s/ $PID\$//")
    bench_calc "($t1 - $t0) * 100 / $HZ / $CPU_SECS" "%.3f" >>"$TMP/cpu.pct"
    bench_calc "($n1 - $n0) / 10000000 / $CPU_SECS" "%.4f" >>"$TMP/cpu.ns"
    rm -f "$FIFO"
    i=$((i + 1))
done
CPU_PCT=$(bench_calc "$(bench_median "$TMP/cpu.pct")" "%.2f")
CPU_PCT_NS=$(bench_calc "$(bench_median "$TMP/cpu.ns")" "%.3f")

# The same in a real window (X11 under Xvfb): the projector's case.  Without
# keys (a window takes none from a script) it shows the welcome screen.
# Headless, SDL has no video driver that can block in SDL_WaitEvent and polls
# every millisecond; a window's driver blocks.
CPU_WIN="n/a"
if command -v xvfb-run >/dev/null 2>&1; then
    say "4. CPU in a window under Xvfb, welcome screen ($CPU_REPS x ${CPU_SECS} s)"
    cat >"$TMP/xcpu.sh" <<'XEOF'
# $1 engine, $2 scene, $3 seconds, $4 output file
"$1" play "$2" --no-phones --window 1920x1080 >/dev/null 2>&1 &
pid=$!
sleep 2
if kill -0 "$pid" 2>/dev/null; then
    t0=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')
    sleep "$3"
    t1=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')
    echo "$((t1 - t0))" >>"$4"
    kill "$pid"
fi
wait "$pid" 2>/dev/null || true
XEOF
    : >"$TMP/cpu.win"
    i=1
    while [ "$i" -le "$CPU_REPS" ]; do
        timeout $((CPU_SECS + 20)) xvfb-run -a -s "-screen 0 1920x1080x24" \
            sh "$TMP/xcpu.sh" "$ENGINE" "$SCENE" "$CPU_SECS" "$TMP/cpu.win" >/dev/null 2>&1 || true
        i=$((i + 1))
    done
    if [ -s "$TMP/cpu.win" ]; then
        CPU_WIN=$(bench_calc "$(bench_median "$TMP/cpu.win") * 100 / $HZ / $CPU_SECS" "%.2f")
    fi
fi

# ---- table and doc section ----------------------------------------------------------------
SDLV=$(pkg-config --modversion sdl2 2>/dev/null || echo "?")
TTFV=$(pkg-config --modversion SDL2_ttf 2>/dev/null || echo "?")
TABLE="$TMP/engine_table.md"
cat >"$TABLE" <<EOF
| Measure | Engine | Reference | Engine vs reference | Target | |
| --- | ---: | ---: | ---: | --- | --- |
| Cold start to first frame (ends as the first present returns; median) | $COLD_ENG_first ms | $COLD_REF_first ms | ${COLD_RATIO_first}x | at most 1.15x | $(verdict "$COLD_RATIO_first" "<=" 1.15) |
| Cold start to first frame, CPU time user + system (median) | $COLD_CPU_ENG_first ms | $COLD_CPU_REF_first ms | ${COLD_CPU_RATIO_first}x | | |
| Cold start, whole run to normal exit (median) | $COLD_ENG_run ms | $COLD_REF_run ms | ${COLD_RATIO_run}x | | |
| Cold start, whole run writing the frame as PNG (median) | $COLD_ENG_png ms | $COLD_REF_png ms | ${COLD_RATIO_png}x | at most 1.15x | $(verdict "$COLD_RATIO_png" "<=" 1.15) |
| First frame render (median of 5) | $ENG_FIRST ms | $REF_FRAME ms | ${FIRST_RATIO}x | | |
| Busiest beat render p50 / p99 ($FRAME_N frames; reference: warm redraws of its one line) | $FRAME_P50 / $FRAME_P99 ms | $REF_P50 / $REF_P99 ms | ${FRAME_RATIO}x (p50), max $FRAME_MAX ms | p99 under 4 ms | $(verdict "$FRAME_P99" "<" 4) |
| Busiest beat render, the main thread's CPU time p50 / p99 (the same frames) | $FRAME_CPU_P50 / $FRAME_CPU_P99 ms | $REF_CPU_P50 / $REF_CPU_P99 ms | ${FRAME_CPU_RATIO}x (p50) | p99 under 4 ms | $(verdict "$FRAME_CPU_P99" "<" 4) |
| Busiest beat, one key end to end p50 / p99 | $KEY_P50 / $KEY_P99 ms | $REF_P50 / $REF_P99 ms | $(bench_div "$KEY_P50" "$REF_P50" %.2f)x (p50) | | |
| Peak memory, first frame + PNG (max RSS, median) | $RSS_ENG MiB | $RSS_REF MiB | $RSS_DELTA MiB | under +30 MiB | $(verdict "$RSS_DELTA" "<" 30) |
| Peak memory, whole walk + PNG (max RSS, median) | $RSS_WALK MiB | $RSS_REF MiB | $RSS_WALK_DELTA MiB | under +30 MiB | $(verdict "$RSS_WALK_DELTA" "<" 30) |
| CPU on a static beat, headless, ${CPU_SECS} s (utime+stime, median of $CPU_REPS; no reference: the target is absolute) | $CPU_PCT % of a core | | (schedstat: $CPU_PCT_NS %) | under 1 % | $(verdict "$CPU_PCT" "<" 1) |
| CPU on the static welcome screen, X11 window under Xvfb, ${CPU_SECS} s (no reference: absolute) | $CPU_WIN % of a core | | | under 1 % | $(verdict "$CPU_WIN" "<" 1) |
EOF

ENGINE_NOTE="Busiest beat: after $BUSY_K key(s) of the walk; transcript: $BUSY_WHAT"
cat >"$TMP/engine_section.md" <<EOF2
Measured on $DATE at commit \`$COMMIT\`: $NPROC cores, $CPU_MODEL, shared with other work (load
average at the start of the run $LOAD_BEFORE, at the end of this part $(loadavg)); SDL $SDLV, SDL_ttf $TTFV;
Release build (\`build-bench\`), headless, ${SIZE}, SDL software renderer, phone server off
(\`--no-phones\`). The reference is \`bench/ref_sdl.c\` measured in the same run.
Cold start: $ROUNDS rounds of $RUNS hyperfine runs per program, order swapped each round, ratio =
median of the per-round ratios. Frames: $FRAME_REPS runs of $FRAMES help-card toggles over the busiest
beat (found after $BUSY_K key(s) of the walk), timed by \`bench/frametimes.c\`, next to as many warm
redraws of the reference's frame (\`ref_sdl --frames\`).

$(cat "$TABLE")
EOF2
