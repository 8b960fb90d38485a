# bench/test.sh - the `spectactor test` part of tools/bench (sourced by it,
# POSIX sh): walking every path of the engine part's scenario, against
# `spectactor check` of the same scenario in the same run.
#
# Why check is the reference: it is the same binary (same shared libraries,
# same start-up), it loads the same scenario with the same Lua sandbox, and it
# is the other command an author runs on a scenario; it then checks the graph
# and measures every text with the real fonts (SDL_ttf, headless), where test
# walks every path instead.  So the ratio test/check says what the walk costs
# next to the load and checks every author already waits for, on this
# machine at this moment; a walk that grows with the scenario's paths shows
# up in it, start-up noise mostly cancels.  `spectactor --version` (process
# start and dynamic linking only) is measured too, as the floor of both.
#
#   hyperfine, T_ROUNDS rounds of T_RUNS runs of each command, the order
#   rotated each round; per round the medians and the ratio test/check of the
#   medians; the figures are the medians over the rounds.  CPU time is
#   hyperfine's mean user+system per round (less sensitive to a busy machine
#   than wall time), median over the rounds.  Peak memory: max RSS
#   (/usr/bin/time -f %M), median of 5 runs each.
# Uses from tools/bench: ENGINE SCENE TMP QUICK say verdict, bench/stats.sh.
# Leaves: $TMP/test_table.md, $TMP/test_section.md, TEST_NOTE.

if [ "$QUICK" = 1 ]; then
    T_ROUNDS=1; T_RUNS=5; T_RSS=2
else
    T_ROUNDS=5; T_RUNS=4; T_RSS=5
fi
T_NAME=$(basename "$SCENE")

# Both commands must run before anything is timed; their exit statuses and
# test's summary line go into the note.
T_TEST_RC=0
"$ENGINE" test "$SCENE" >"$TMP/test_out.txt" 2>&1 || T_TEST_RC=$?
T_CHECK_RC=0
"$ENGINE" check "$SCENE" >"$TMP/check_out.txt" 2>&1 || T_CHECK_RC=$?
T_SUMMARY=$(tail -n 1 "$TMP/test_out.txt" | sed "s|^.*/$T_NAME: |$T_NAME: |")
if [ "$T_TEST_RC" -gt 1 ] || [ "$T_CHECK_RC" -gt 1 ]; then
    cat "$TMP/test_out.txt" "$TMP/check_out.txt" >&2
    echo "tools/bench: spectactor test or check cannot run on $SCENE" >&2
    exit 1
fi

say "spectactor test vs check on $T_NAME ($T_ROUNDS rounds x $T_RUNS runs each, hyperfine)"
: >"$TMP/t_test"; : >"$TMP/t_check"; : >"$TMP/t_ver"; : >"$TMP/t_ratio"
: >"$TMP/t_cpu_test"; : >"$TMP/t_cpu_check"; : >"$TMP/t_cpu_ratio"
T_CMD_TEST="$ENGINE test $SCENE"
T_CMD_CHECK="$ENGINE check $SCENE"
T_CMD_VER="$ENGINE --version"
# t_col CSV NAME COLUMN: a column of hyperfine's CSV for the command NAME.
t_col() {
    awk -F, -v n="$2" -v col="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
                                    $1 == n { print $c }' "$1"
}
r=1
while [ "$r" -le "$T_ROUNDS" ]; do
    # -i: a scenario with errors still walks (test exits 1); checked above.
    case $((r % 3)) in
    1) set -- -n test "$T_CMD_TEST" -n check "$T_CMD_CHECK" -n version "$T_CMD_VER" ;;
    2) set -- -n check "$T_CMD_CHECK" -n version "$T_CMD_VER" -n test "$T_CMD_TEST" ;;
    *) set -- -n version "$T_CMD_VER" -n test "$T_CMD_TEST" -n check "$T_CMD_CHECK" ;;
    esac
    hyperfine -N -i -w 1 -r "$T_RUNS" --style none --export-csv "$TMP/t.csv" "$@" >/dev/null 2>&1 ||
        { echo "tools/bench: hyperfine failed on spectactor test/check" >&2; exit 1; }
    a=$(t_col "$TMP/t.csv" test median)
    b=$(t_col "$TMP/t.csv" check median)
    echo "$a" >>"$TMP/t_test"
    echo "$b" >>"$TMP/t_check"
    t_col "$TMP/t.csv" version median >>"$TMP/t_ver"
    bench_div "$a" "$b" "%.4f" >>"$TMP/t_ratio"
    ca=$(bench_calc "$(t_col "$TMP/t.csv" test user) + $(t_col "$TMP/t.csv" test system)" "%.6f")
    cb=$(bench_calc "$(t_col "$TMP/t.csv" check user) + $(t_col "$TMP/t.csv" check system)" "%.6f")
    echo "$ca" >>"$TMP/t_cpu_test"
    echo "$cb" >>"$TMP/t_cpu_check"
    bench_div "$ca" "$cb" "%.4f" >>"$TMP/t_cpu_ratio"
    r=$((r + 1))
done
t_ms() { bench_calc "$(bench_median "$1") * 1000" "%.1f"; }
TEST_MS=$(t_ms "$TMP/t_test")
CHECK_MS=$(t_ms "$TMP/t_check")
VER_MS=$(t_ms "$TMP/t_ver")
TEST_RATIO=$(bench_calc "$(bench_median "$TMP/t_ratio")" "%.2f")
TEST_CPU=$(t_ms "$TMP/t_cpu_test")
CHECK_CPU=$(t_ms "$TMP/t_cpu_check")
TEST_CPU_RATIO=$(bench_calc "$(bench_median "$TMP/t_cpu_ratio")" "%.2f")
# Above the floor: what each command does after start-up.
TEST_ABOVE=$(bench_calc "$TEST_MS - $VER_MS" "%.1f")
CHECK_ABOVE=$(bench_calc "$CHECK_MS - $VER_MS" "%.1f")
ABOVE_RATIO=$(bench_div "$TEST_ABOVE" "$CHECK_ABOVE" "%.2f")

say "spectactor test vs check: peak memory ($T_RSS runs each)"
: >"$TMP/t_rss_test"; : >"$TMP/t_rss_check"
i=1
while [ "$i" -le "$T_RSS" ]; do
    /usr/bin/time -f %M -o "$TMP/t" "$ENGINE" test "$SCENE" >/dev/null 2>&1 || true
    cat "$TMP/t" >>"$TMP/t_rss_test"
    /usr/bin/time -f %M -o "$TMP/t" "$ENGINE" check "$SCENE" >/dev/null 2>&1 || true
    cat "$TMP/t" >>"$TMP/t_rss_check"
    i=$((i + 1))
done
TEST_RSS=$(bench_calc "$(bench_median "$TMP/t_rss_test") / 1024" "%.1f")
CHECK_RSS=$(bench_calc "$(bench_median "$TMP/t_rss_check") / 1024" "%.1f")
TEST_RSS_DELTA=$(bench_calc "$TEST_RSS - $CHECK_RSS" "%+.1f")

cat >"$TMP/test_table.md" <<EOF
| Measure | \`spectactor test\` | Reference: \`spectactor check\` | test vs check | Target | |
| --- | ---: | ---: | ---: | --- | --- |
| Wall time on $T_NAME, every path (median) | $TEST_MS ms | $CHECK_MS ms | ${TEST_RATIO}x | under 500 ms | $(verdict "$TEST_MS" "<" 500) |
| CPU time, user + system (median) | $TEST_CPU ms | $CHECK_CPU ms | ${TEST_CPU_RATIO}x | | |
| Peak memory (max RSS, median of $T_RSS) | $TEST_RSS MiB | $CHECK_RSS MiB | $TEST_RSS_DELTA MiB | | |
| Wall time above the floor, \`spectactor --version\` ($VER_MS ms, start-up only) | $TEST_ABOVE ms | $CHECK_ABOVE ms | ${ABOVE_RATIO}x | | |
EOF
TEST_NOTE="spectactor test exit $T_TEST_RC, check exit $T_CHECK_RC; $T_SUMMARY"
cat >"$TMP/test_section.md" <<EOF
Measured on $DATE at commit \`$COMMIT\`: $NPROC cores, $CPU_MODEL, shared with other work (load
average at the start of the run $LOAD_BEFORE, at the end of this part $(loadavg)).
Release build (\`build-bench\`). $T_ROUNDS rounds of $T_RUNS hyperfine runs of each command,
order rotated each round; wall times are the medians over the rounds of each round's median, the
ratio the median of the per-round ratios; CPU time is hyperfine's mean user + system per round,
median over the rounds. What \`spectactor test\` said: "$T_SUMMARY"

$(cat "$TMP/test_table.md")
EOF
