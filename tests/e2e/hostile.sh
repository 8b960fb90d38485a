#!/bin/sh
# hostile.sh BIN ROOT - every hostile scenario folder (tests/data/hostile,
# plus a FIFO made here) ends within 3 s (beyond a good scenario's time)
# with path:line: in `check` (exit 1, an error line) and in `play` (an error
# slide in the transcript, the show goes on, exit 0; the message in the
# transcript or, when the scenario fails to load, on stderr).
set -u
BIN=$1 ROOT=$2
T=${TMPDIR:-/tmp}/spectactor-hostile-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
fail=0
now_ms() { date +%s%3N; }

# The budget is 3 s beyond what a good scenario takes on this machine now,
# measured in the same run (a loaded machine or the sanitizers slow both).
start=$(now_ms)
"$BIN" check "$ROOT/tests/data/check/ok" >/dev/null 2>&1
"$BIN" play --headless --no-phones --size 640x480 --keys "Right Right Right" \
    "$ROOT/tests/data/check/ok" >/dev/null 2>&1
base=$(( $(now_ms) - start ))
LIMIT_MS=$(( 3000 + 2 * base ))
echo "budget ${LIMIT_MS} ms (a good scenario's check and play: ${base} ms)"

mkdir -p "$T/fifo" "$T/fifo_include"
mkfifo "$T/fifo/scenario.lua"
printf 'scenario { id = "hostile", languages = { "da", "en" }, start = "a" }\ninclude "pipe.lua"\n' \
    > "$T/fifo_include/scenario.lua"
mkfifo "$T/fifo_include/pipe.lua"

for d in "$ROOT"/tests/data/hostile/*/ "$T/fifo/" "$T/fifo_include/"; do
    d=${d%/}
    name=$(basename "$d")
    start=$(now_ms)
    out=$(timeout $((LIMIT_MS / 1000 + 20)) "$BIN" check "$d" 2>&1)
    rc=$?
    took=$(( $(now_ms) - start ))
    if [ $rc -ne 1 ] || ! printf '%s\n' "$out" | grep -Eq "^$d/+[a-z_]+\.lua:[0-9]+: error: " ||
        [ $took -gt $LIMIT_MS ]; then
        echo "FAIL check $name: exit $rc after $took ms:"; printf '%s\n' "$out" | head -5; fail=1
    else
        echo "ok   check $name ($took ms)"
    fi
    start=$(now_ms)
    timeout $((LIMIT_MS / 1000 + 20)) "$BIN" play --headless --no-phones --size 640x480 --keys "Right Right Right" \
        --transcript "$T/t.txt" "$d" >/dev/null 2>"$T/err"
    rc=$?
    took=$(( $(now_ms) - start ))
    # an effect runs only when an option is chosen: the unit tests cover it
    if [ $rc -ne 0 ] || [ $took -gt $LIMIT_MS ] || { [ "$name" != effect_error ] &&
        ! cat "$T/t.txt" "$T/err" | grep -Eq "$d/+[a-z_]+\.lua:[0-9]+: "; }; then
        echo "FAIL play $name: exit $rc after $took ms:"; head -5 "$T/t.txt" "$T/err"; fail=1
    else
        echo "ok   play $name ($took ms)"
    fi
done

# a FIFO named questionnaire.lua beside a good scenario: play starts, says
# why there is no evaluation, and never blocks
mkdir -p "$T/fifo_q"
cp "$ROOT"/tests/data/check/ok/*.lua "$T/fifo_q/"
mkfifo "$T/fifo_q/questionnaire.lua"
start=$(now_ms)
timeout $((LIMIT_MS / 1000 + 20)) "$BIN" play --headless --no-phones --size 640x480 --keys "Right" \
    --transcript "$T/t.txt" "$T/fifo_q" >/dev/null 2>"$T/err"
rc=$?
took=$(( $(now_ms) - start ))
if [ $rc -eq 0 ] && [ $took -le $LIMIT_MS ] && grep -q '^beat ' "$T/t.txt" &&
    grep -q "questionnaire.lua:1: refused: a FIFO" "$T/err"; then
    echo "ok   play with a FIFO as questionnaire.lua ($took ms)"
else
    echo "FAIL play with a FIFO as questionnaire.lua: exit $rc after $took ms:"; head -5 "$T/t.txt" "$T/err"; fail=1
fi

# a declaration bomb stops at the memory cap (64 MiB of scenario): the peak
# RSS of `check` stays near a small scenario's plus the cap (not measured
# under the sanitizers, whose allocator keeps freed memory)
if ! grep -q __asan_init "$BIN" 2>/dev/null; then
    base=$(/usr/bin/time -f %M "$BIN" check "$ROOT/tests/data/check/ok" 2>&1 >/dev/null | tail -1)
    peak=$(/usr/bin/time -f %M "$BIN" check "$ROOT/tests/data/hostile/membomb_decls" 2>&1 >/dev/null | tail -1)
    limit=$(( base + 80 * 1024 ))
    if [ -n "$base" ] && [ -n "$peak" ] && [ "$peak" -le "$limit" ]; then
        echo "ok   declaration bomb peak RSS $peak KiB (a small scenario: $base KiB)"
    else
        echo "FAIL declaration bomb peak RSS ${peak:-?} KiB, more than ${limit} KiB"; fail=1
    fi
fi

# nine options whose condition takes a quarter to half a second: one key's
# conditions share one second, so five keys at the choice take a few
# seconds (7 s beyond the budget above, which counts the machine's load),
# not a minute; those past the budget show as an error slide with path:line
S="$ROOT/tests/data/slow_conditions"
start=$(now_ms)
timeout 60 "$BIN" play --headless --no-phones --size 640x480 --keys "Right Right Down Down Right" \
    --transcript "$T/t.txt" "$S" >/dev/null 2>"$T/err"
rc=$?
took=$(( $(now_ms) - start ))
if [ $rc -eq 0 ] && [ $took -le $((7000 + LIMIT_MS)) ] && grep -q "^choice a" "$T/t.txt" &&
    ! grep -Ev "^error $S/+scenario.lua:[0-9]+: script ran too long" "$T/t.txt" | grep -q "^error"; then
    echo "ok   play slow_conditions ($took ms)"
else
    echo "FAIL play slow_conditions: exit $rc after $took ms:"; head -8 "$T/t.txt" "$T/err"; fail=1
fi
# and `check` warns about each of them (on a busy machine, or under the
# sanitizers, some take longer than the 1 s limit: an error then).  The same
# nine with a tenth of the loop (some 25 to 50 ms each, still far above the
# warning's 5 ms): even a machine ten times slower warns about some of them.
mkdir -p "$T/slow"
sed 's/for i = 1, 10000000 do/for i = 1, 1000000 do/' "$S/scenario.lua" > "$T/slow/scenario.lua"
grep -q 'for i = 1, 1000000 do' "$T/slow/scenario.lua" || { echo "FAIL the lighter slow_conditions"; fail=1; }
S=$T/slow
out=$(timeout 60 "$BIN" check "$S" 2>&1)
n=$(printf '%s\n' "$out" | grep -Ec "^$S/+scenario.lua:[0-9]+: warning: .*takes [0-9]+ ms; keep conditions fast \(the projector waits for them\)")
e=$(printf '%s\n' "$out" | grep -Ec "^$S/+scenario.lua:[0-9]+: error: .*script ran too long")
if [ "$n" -ge 1 ] && [ $(( n + e )) -eq 9 ]; then
    echo "ok   check slow_conditions warns ($n warnings, $e too long)"
else
    echo "FAIL check slow_conditions: $n warnings, $e too long:"; printf '%s\n' "$out" | head -5; fail=1
fi
exit $fail
