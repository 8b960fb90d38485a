#!/bin/sh
# headless.sh BIN ROOT - end-to-end checks of `spectactor play --headless`:
# screenshots at several sizes, the blank screen, keys that must never quit,
# the quit confirmation, script errors shown as an error slide while the
# engine keeps running, --lang, and --keys-from driven step by step.
set -u
BIN=$1 ROOT=$2
T=${TMPDIR:-/tmp}/spectactor-headless-$$
mkdir -p "$T"
PIDS=""
trap 'for p in $PIDS; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
PNG=${PNG_CHECK:?PNG_CHECK must point to png_check}
SMALL=$ROOT/tests/data/check/ok
BUNDLED=$ROOT/scenes/stalking

play() { "$BIN" play --headless --no-phones "$@"; }

# 1. screenshots: welcome screen at three sizes has text; the blank key blanks everything
for size in 1280x720 1920x1080 3840x2160; do
    w=${size%x*} h=${size#*x}
    if play --size "$size" --keys "" --screenshot "$T/welcome-$size.png" "$BUNDLED" 2>"$T/err" &&
        "$PNG" "$T/welcome-$size.png" "$w" "$h" --text-region 0.05 0.05 0.95 0.5 >/dev/null; then
        ok "welcome screenshot $size"
    else
        bad "welcome screenshot $size"; cat "$T/err"
    fi
done
if play --size 1280x720 --keys "Right Right B" --screenshot "$T/blank.png" "$BUNDLED" &&
    "$PNG" "$T/blank.png" 1280 720 --blank >/dev/null; then
    ok "blank key gives an all-black frame"
else
    bad "blank key"
fi
if play --size 1280x720 --keys "Right Right Right H" --screenshot "$T/help.png" "$BUNDLED" &&
    "$PNG" "$T/help.png" 1280 720 --text-region 0.1 0.1 0.9 0.9 >/dev/null; then
    ok "help card screenshot"
else
    bad "help card screenshot"
fi

# the facilitator's presenter screen renders beside the audience view
if play --size 1280x720 --keys "Right S Right Right" --screenshot "$T/aud.png" \
    --presenter-screenshot "$T/pres.png" "$BUNDLED" >/dev/null 2>&1 &&
    "$PNG" "$T/pres.png" 1280 720 --text-region 0.55 0.2 0.95 0.7 >/dev/null &&
    "$PNG" "$T/aud.png" 1280 720 >/dev/null; then
    ok "presenter screen (notes, next steps) beside the audience view"
else
    bad "presenter screenshot"
fi

# 2. Escape and F5 never quit; Ctrl+Q asks; Escape cancels; Ctrl+Q J quits
play --size 640x480 --keys "Escape F5 Escape Right Ctrl+Q Escape Right Ctrl+Q J Right Right" \
    --transcript "$T/quit.txt" "$SMALL" >/dev/null 2>&1
if grep -q '^quit asked$' "$T/quit.txt" && grep -q '^quit cancelled$' "$T/quit.txt" &&
    grep -q '^quit$' "$T/quit.txt" && [ "$(grep -c '^line ' "$T/quit.txt")" = 1 ] &&
    [ "$(tail -n 1 "$T/quit.txt")" = "quit" ]; then
    ok "stray keys never quit; Ctrl+Q asks first"
else
    bad "quit handling:"; cat "$T/quit.txt"
fi

# 3. a scenario with a syntax error: error slide, the engine keeps running, exit 0
mkdir -p "$T/broken"
printf 'scenario {\n  id = "x",\n  title = { da = "x" en = "y" },\n}\n' > "$T/broken/scenario.lua"
if play --size 1280x720 --keys "Right Left H Escape Right" --screenshot "$T/broken.png" \
    --transcript "$T/broken.txt" "$T/broken" 2>"$T/broken.err" &&
    grep -q "broken/scenario.lua:3:" "$T/broken.err" &&
    "$PNG" "$T/broken.png" 1280 720 >/dev/null; then
    ok "broken scenario shows an error slide and keeps running"
else
    bad "broken scenario"; cat "$T/broken.err" "$T/broken.txt"
fi

# 4. an endless loop in a condition: error within 2 s, Back returns, play goes on
mkdir -p "$T/loop"
cat "$SMALL/scenario.lua" | sed 's/option { text = { da = "B", en = "B" }, to = "two" }/option { text = { da = "B", en = "B" }, to = "two", when = function(v) while true do end end }/' > "$T/loop/scenario.lua"
start=$(date +%s)
play --size 1280x720 --keys "Right Right Right Left Right" --transcript "$T/loop.txt" "$T/loop" 2>/dev/null
end=$(date +%s)
if grep -q "^error .*loop/scenario.lua:[0-9]*: .*too long" "$T/loop.txt" &&
    grep -q "^error dismissed" "$T/loop.txt" && [ $((end - start)) -le 6 ]; then
    ok "endless loop in a condition ends in an error slide ($((end - start)) s for 2 loops)"
else
    bad "endless loop in a condition"; cat "$T/loop.txt"
fi

# 5. --lang en plays the English text
play --size 640x480 --lang en --keys "Right Right" --transcript "$T/en.txt" "$SMALL" >/dev/null 2>&1
if grep -q '^line sofie: Hi$' "$T/en.txt"; then ok "--lang en"; else bad "--lang en"; cat "$T/en.txt"; fi
play --size 640x480 --lang da --keys "Right Right" --transcript "$T/da.txt" "$SMALL" >/dev/null 2>&1
if grep -q '^line sofie: Hej$' "$T/da.txt"; then ok "--lang da"; else bad "--lang da"; cat "$T/da.txt"; fi

# 6. the evaluation kiosk: answer the default questionnaire on the laptop, typing a comment
play --size 1280x720 --db "$T/kiosk.sqlite" \
    --keys "Right Right Right 1 Right Right Right E K 4 Right 1 Right 1 Right 2 Right 1 Right G o d t Space s h o w Right Right" \
    --transcript "$T/kiosk.txt" --screenshot "$T/kiosk.png" "$SMALL" >/dev/null 2>&1
if grep -q '^kiosk submitted$' "$T/kiosk.txt" && grep -q '^kiosk saved$' "$T/kiosk.txt" &&
    grep -q '^eval answer saved$' "$T/kiosk.txt" && ! grep -q 'Godt' "$T/kiosk.txt" &&
    "$BIN" report --db "$T/kiosk.sqlite" 2>/dev/null | grep -q 'i alt: 1$' &&
    "$PNG" "$T/kiosk.png" 1280 720 --text-region 0.1 0.3 0.9 0.7 >/dev/null; then
    ok "kiosk: one student's answers saved, the comment not in the transcript"
else
    bad "kiosk"; cat "$T/kiosk.txt"
fi
# a half-filled form is not dropped by one Ctrl+K (the form warns; a second one
# deletes it), and a pupil at the kiosk cannot quit the program with Ctrl+Q J
play --size 1280x720 --db "$T/kiosk3.sqlite" \
    --keys "Right Right Right 1 Right Right Right E K 4 Right Ctrl+K Ctrl+Q J Right" \
    --transcript "$T/kiosk3.txt" --frame-text "$T/kiosk3.ft" "$SMALL" >/dev/null 2>&1
if grep -q '^kiosk leave asked$' "$T/kiosk3.txt" && grep -q '^quit refused: kiosk$' "$T/kiosk3.txt" &&
    ! grep -q '^kiosk off$\|^quit$' "$T/kiosk3.txt" &&
    grep -q 'Tryk Ctrl+K igen for at slette dem' "$T/kiosk3.ft" &&
    grep -q 'Luk kiosken først (Ctrl+K)' "$T/kiosk3.ft"; then
    ok "kiosk: one Ctrl+K warns before unsent answers go, Ctrl+Q is refused"
else
    bad "kiosk leave/quit"; cat "$T/kiosk3.txt"
fi
play --size 640x480 --db "$T/kiosk4.sqlite" --keys "Right Right Right 1 Right Right Right E K 4 Right Ctrl+K Ctrl+K" \
    --transcript "$T/kiosk4.txt" "$SMALL" >/dev/null 2>&1
if grep -q '^kiosk off$' "$T/kiosk4.txt"; then ok "kiosk: a second Ctrl+K leaves"; else bad "kiosk second Ctrl+K"; cat "$T/kiosk4.txt"; fi
# a required question cannot be skipped: Next without an answer stays on question 1
play --size 640x480 --db "$T/kiosk2.sqlite" --keys "Right Right Right 1 Right Right Right E K Right Right Right" \
    --transcript "$T/kiosk2.txt" "$SMALL" >/dev/null 2>&1
if grep -q '^kiosk on$' "$T/kiosk2.txt" && ! grep -q '^kiosk submitted' "$T/kiosk2.txt"; then
    ok "kiosk: required questions hold the form"
else
    bad "kiosk required"; cat "$T/kiosk2.txt"
fi

# 7. --keys-from a FIFO: the test drives a running engine step by step
mkfifo "$T/keys"
play --size 640x480 --keys-from "$T/keys" --transcript "$T/live.txt" "$SMALL" >/dev/null 2>&1 &
PID=$!
PIDS="$PID"
exec 3>"$T/keys"
wait_for() { # pattern, seconds
    i=0
    while [ $i -lt $(($2 * 10)) ]; do
        grep -q "$1" "$T/live.txt" 2>/dev/null && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
echo "Right" >&3
if wait_for '^beat one$' 30; then ok "keys-from: first key reached the engine"; else bad "keys-from first key"; fi
if grep -q '^line ' "$T/live.txt"; then bad "keys-from: ran ahead of the input"; fi
echo "Right Right" >&3
if wait_for '^choice one' 30; then ok "keys-from: later keys arrive while running"; else bad "keys-from later keys"; fi
exec 3>&-
i=0
while kill -0 "$PID" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$PID" 2>/dev/null; then
    bad "keys-from: engine still running after end of input"
else
    wait "$PID"; rc=$?
    if [ $rc -eq 0 ]; then ok "keys-from: end of input ends the run"; else bad "keys-from exit $rc"; fi
fi
PIDS=""

# 8. --watch: an author saves the scenario; the engine reloads it and stays at the same beat;
#    a broken save shows path:line on the error slide and the old scenario keeps running
mkdir -p "$T/watch"
cp "$SMALL/scenario.lua" "$T/watch/scenario.lua"
mkfifo "$T/wkeys"
play --size 640x480 --watch --keys-from "$T/wkeys" --transcript "$T/watch.txt" "$T/watch" >/dev/null 2>&1 &
PID=$!
PIDS="$PID"
exec 4>"$T/wkeys"
# wf PATTERN: up to 30 s for a transcript line (the machine may be loaded)
wf() { i=0; while [ $i -lt 300 ]; do grep -q "$1" "$T/watch.txt" 2>/dev/null && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }
echo "Right Right" >&4
wf '^line sofie: Hej$' || bad "--watch: the show did not reach the line"
sleep 1.1
sed -i 's/da = "Hej", en = "Hi" }),$/da = "Hej med dig", en = "Hi there" }),/' "$T/watch/scenario.lua"
if wf '^reload ok$' && wf '^line sofie: Hej med dig$'; then
    ok "--watch: a saved change is reloaded at the same beat and step"
else
    bad "--watch reload"; cat "$T/watch.txt"
fi
sleep 1.1
printf 'beat "broken" {\n  say("sofie" { da = "x" })\n}\n' >> "$T/watch/scenario.lua"
if wf '^reload failed$' && wf "^error .*watch/scenario.lua:[0-9]*:"; then
    ok "--watch: a broken save shows path:line and keeps the old scenario"
else
    bad "--watch broken"; cat "$T/watch.txt"
fi
echo "Left" >&4
if wf '^error dismissed$' && kill -0 "$PID" 2>/dev/null && ! grep -q '^back' "$T/watch.txt"; then
    ok "--watch: Back returns to the running show where it was"
else
    bad "--watch back"; cat "$T/watch.txt"
fi
# a save while a vote is open waits until the vote is revealed
sed -i '/^beat "broken"/,$d' "$T/watch/scenario.lua"
# wf2 PATTERN N [SECONDS]: up to SECONDS (30) for N such lines
wf2() { i=0; while [ $i -lt $((${3:-30} * 10)) ]; do [ "$(grep -c "$1" "$T/watch.txt")" -ge "$2" ] && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }
wf2 '^reload ok$' 2 || bad "--watch: the repaired save was not reloaded"
echo "Right V" >&4
wf '^vote open' || bad "--watch: the vote did not open"
sleep 1.1
sed -i 's/Hej med dig/Hej igen/' "$T/watch/scenario.lua"
if wf '^reload waits' && ! wf2 '^reload ok$' 3 10; then
    ok "--watch: no reload under an open vote"
else
    bad "--watch reloaded under an open vote"; cat "$T/watch.txt"
fi
echo "V J" >&4   # nobody voted: the reveal asks first
if wf2 '^reload ok$' 3; then ok "--watch: the waiting reload happens after the reveal"; else bad "--watch after reveal"; cat "$T/watch.txt"; fi
exec 4>&-
i=0
while kill -0 "$PID" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
PIDS=""
exit $fail
