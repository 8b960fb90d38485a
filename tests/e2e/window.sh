#!/bin/sh
# window.sh BIN ROOT - the real windowed engine under Xvfb, driven by xdotool:
# keys by the window system (remote keys, Escape and F5 never quit), a mouse
# click on an option, Ctrl+Q asking first, SIGTERM saving the event and
# quitting without the dialog (exit code 0), the saved event offered at the
# next start (J in the presenter window continues it), and Ctrl+Q J quitting.  Reports a skip (exit 77, CTest's SKIP_RETURN_CODE) when Xvfb or
# xdotool is missing.
set -u
BIN=$1 ROOT=$2
if ! command -v Xvfb >/dev/null 2>&1 || ! command -v xdotool >/dev/null 2>&1; then
    echo "skip: Xvfb or xdotool missing"; exit 77
fi
T=${TMPDIR:-/tmp}/spectactor-window-$$
mkdir -p "$T"
XPID="" PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; [ -n "$XPID" ] && kill $XPID 2>/dev/null; rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
# Xvfb picks a free display and writes its number when it is ready
Xvfb -displayfd 5 -screen 0 1280x720x24 -nolisten tcp 5>"$T/display" >/dev/null 2>&1 &
XPID=$!
i=0
while ! grep -q '^[0-9]' "$T/display" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if ! grep -q '^[0-9]' "$T/display" 2>/dev/null; then bad "Xvfb did not start"; exit 1; fi
export DISPLAY=:$(head -n 1 "$T/display")
unset SDL_VIDEODRIVER
# the X11/GL/D-Bus system libraries keep allocations until exit; our own code
# is leak-checked by every headless test, so leaks are not reported here
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
"$BIN" play --window 1280x720 --no-phones --db "$T/w.sqlite" --transcript "$T/tr.txt" \
    "$ROOT/tests/data/check/ok" 2>"$T/err.txt" &
PID=$!
i=0 WID=""
while [ -z "$WID" ] && [ $i -lt 300 ]; do
    WID=$(xdotool search --name '^Spectactor$' 2>/dev/null | head -1); sleep 0.1; i=$((i + 1))
done
if [ -z "$WID" ]; then bad "no window"; cat "$T/err.txt"; exit 1; fi
ok "window opened"
key() { xdotool key --window "$WID" "$@" 2>/dev/null; sleep 0.3; }
# wait_for PATTERN [FILE]: up to 30 s for a transcript line (the machine may be loaded)
wait_for() { i=0; while [ $i -lt 300 ]; do grep -q "$1" "${2:-$T/tr.txt}" 2>/dev/null && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }
# wait_exit: up to 30 s for the engine to end; 1 if it still runs
wait_exit() { i=0; while kill -0 $PID 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done; ! kill -0 $PID 2>/dev/null; }
key Escape F5 period period Escape
if kill -0 $PID 2>/dev/null; then ok "Escape, F5 and . keep it running"; else bad "quit on a stray key"; fi
key Next Right Right
if wait_for '^choice one'; then ok "PageDown and Right step through the scene"; else bad "keys"; cat "$T/tr.txt"; fi
# click the second option: rows are laid out from the top; find it by scanning a column
clicked=""
for y in 200 230 260 290 320 350 380 410 440; do
    before=$(grep -c '^pick' "$T/tr.txt")
    xdotool mousemove --window "$WID" 400 $y click 1
    # a click on an option adds a pick line; give a loaded machine up to 1 s
    n=0; while [ $n -lt 10 ] && [ "$(grep -c '^pick' "$T/tr.txt")" = "$before" ]; do sleep 0.1; n=$((n + 1)); done
    if grep -q '^pick 2$' "$T/tr.txt"; then clicked=$y; break; fi
done
# a click the loaded machine took longer than 1 s over still comes, in order
[ -z "$clicked" ] && wait_for '^pick 2$' && clicked=late
if [ -n "$clicked" ]; then ok "a mouse click picks option 2 (y=$clicked)"; else bad "mouse click"; cat "$T/tr.txt"; fi
key Return
if wait_for '^branch one option 2 -> two'; then ok "Return takes the picked branch"; else bad "branch"; fi
key ctrl+q
if wait_for '^quit asked' && kill -0 $PID 2>/dev/null; then
    ok "Ctrl+Q asks first"
    key Escape
else
    bad "Ctrl+Q quit at once"
fi
# SIGTERM (logout, shutdown, timeout): the event is saved, no dialog, exit code 0
kill -TERM $PID
if ! wait_exit; then bad "SIGTERM did not quit (a dialog?)"; kill -9 $PID; PID=""; else
    wait $PID; rc=$?; PID=""
    if [ $rc -eq 0 ] && grep -q '^quit signal$' "$T/tr.txt" && [ "$(grep -c '^quit asked' "$T/tr.txt")" = 1 ] &&
        grep -q '^at two ' "$T/resume-fixture.txt"; then
        ok "SIGTERM saves the event and quits without the dialog, exit code 0"
    else
        bad "SIGTERM: exit code $rc"; cat "$T/err.txt" "$T/tr.txt"
    fi
fi

# --presenter: a second window for the facilitator; keys reach the show from either window
"$BIN" play --window 1280x720 --presenter --no-phones --db "$T/w2.sqlite" --transcript "$T/tr2.txt" \
    "$ROOT/tests/data/check/ok" 2>"$T/err2.txt" &
PID=$!
i=0 PWID=""
while [ -z "$PWID" ] && [ $i -lt 300 ]; do
    PWID=$(xdotool search --name 'facilitator' 2>/dev/null | head -1); sleep 0.1; i=$((i + 1))
done
if [ -n "$PWID" ] && xdotool search --name '^Spectactor$' >/dev/null 2>&1; then
    ok "the presenter window opens beside the audience window"
    # the event saved by SIGTERM above is offered: Right waits, J continues
    xdotool key --window "$PWID" Right 2>/dev/null; sleep 0.3
    xdotool key --window "$PWID" j 2>/dev/null; sleep 0.3
    if wait_for '^resume two ' "$T/tr2.txt" && grep -q '^resume offered two ' "$T/tr2.txt" &&
        ! grep -q '^beat one$' "$T/tr2.txt"; then
        ok "the saved event is offered; J in the presenter window continues it"
    else
        bad "no offer to continue"; cat "$T/tr2.txt"
    fi
    n=$(wc -l <"$T/tr2.txt")
    xdotool key --window "$PWID" Right 2>/dev/null
    i=0
    while ! tail -n +$((n + 1)) "$T/tr2.txt" | grep -q '^line \|^narration' && [ $i -lt 300 ]; do
        sleep 0.1; i=$((i + 1))
    done
    if tail -n +$((n + 1)) "$T/tr2.txt" | grep -q '^line \|^narration'; then
        ok "keys in the presenter window drive the show"; else bad "presenter keys"; fi
else
    bad "no presenter window"; cat "$T/err2.txt"
fi

xdotool key --window "$PWID" ctrl+q 2>/dev/null; sleep 0.2; xdotool key --window "$PWID" j 2>/dev/null
if ! wait_exit; then bad "presenter run did not quit"; kill -9 $PID; else
    wait $PID; rc=$?
    if [ $rc -eq 0 ] && grep -q '^quit$' "$T/tr2.txt"; then ok "Ctrl+Q J quits cleanly"; else
        bad "Ctrl+Q J: exit code $rc"; cat "$T/err2.txt"; fi
fi
PID=""
exit $fail
