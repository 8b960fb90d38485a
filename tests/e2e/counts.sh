#!/bin/sh
# counts.sh BIN ROOT - hand counts at the wrong moment, end to end: the real
# binary plays a small scenario headless to its choice, the keys of a
# facilitator who forgets Next, double-presses V or counts both ways are fed
# in, and the last frame is read back with OCR (tesseract, Danish): the
# question, the projector's voting text and the key hint must be drawn.  The
# transcripts are checked too.  Without tesseract (and its Danish data) the
# test reports a skip (77).
set -u
BIN=$1 ROOT=$2
command -v tesseract >/dev/null 2>&1 || { echo "skip: no tesseract"; exit 77; }
tesseract --list-langs 2>/dev/null | grep -qx dan || { echo "skip: no Danish OCR data"; exit 77; }
T=${TMPDIR:-/tmp}/spectactor-counts-$$
mkdir -p "$T"
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
SMALL=$ROOT/tests/data/check/ok

# run NAME KEYS [play args...]: Next until the choice is on screen (however
# many steps come first), then KEYS; the last frame goes to NAME.png, the
# transcript to NAME.txt and the OCR text to NAME.ocr.
run() {
    name=$1 keys=$2
    shift 2
    rm -f "$T/fifo"
    mkfifo "$T/fifo"
    "$BIN" play --headless --size 1920x1080 --lang da "$@" --keys-from "$T/fifo" \
        --transcript "$T/$name.txt" --screenshot "$T/$name.png" "$SMALL" >/dev/null 2>&1 &
    PID=$!
    exec 3>"$T/fifo"
    i=0
    while ! grep -q '^choice ' "$T/$name.txt" 2>/dev/null && [ $i -lt 20 ]; do
        echo "Right" >&3
        sleep 0.3
        i=$((i + 1))
    done
    echo "$keys" >&3
    exec 3>&-
    wait $PID
    PID=""
    mv "$T/$name.txt" "$T/$name.tr"
    tesseract "$T/$name.png" "$T/$name-ocr" -l dan >/dev/null 2>&1
    mv "$T/$name-ocr.txt" "$T/$name.ocr" 2>/dev/null || : >"$T/$name.ocr"
}
# drawn NAME TEXT WHAT: the OCR of NAME's last frame holds TEXT
drawn() {
    if grep -qiF "$2" "$T/$1.ocr"; then ok "$3"; else bad "$3: \"$2\" not drawn"; sed 's/^/     /' "$T/$1.ocr"; fi
}

# 1. digits without Next: "1 7 2 5" goes into option 1's field, and V asks
run digits "V 1 7 2 5 V" --no-phones
drawn digits "1725 hænder for svar 1" "digits without Next: the count is asked about"
drawn digits "flere end der er i rummet" "digits without Next: the room's size is named"
drawn digits "Esc nej" "the key hint offers yes and no"
drawn digits "ræk hånden op" "hands only: the projector says raise your hand"
if grep -q '^hands ' "$T/digits.tr"; then bad "a count was kept without yes"; else ok "nothing kept before yes"; fi

# 2. a double press of V asks before revealing an empty vote
run double "V V" --no-phones
drawn double "Ingen har stemt endnu" "double V: the empty reveal is asked about"
if grep -q '^result' "$T/double.tr"; then bad "double V revealed"; else ok "double V did not reveal"; fi

# 3. Esc mid-count keeps the count; the hint follows the state
run esc "V 4 Escape" --no-phones
if grep -q '^hands 1 4$' "$T/esc.tr"; then ok "Esc mid-count keeps the count"; else bad "Esc lost the count"; fi
drawn esc "vis resultat" "after Esc the hint offers the reveal"

# 4. counting both ways: the projector tells phone voters to keep their hands down
run both "V 3" --port 0 --count both
drawn both "hold hånden nede" "both: phone voters keep their hands down"
run typing "V 3" --no-phones
drawn typing "næste svar" "the marked field's key hint: Next goes to the next option"

# 5. a correction after the reveal changes the result line
run fix "V 2 Return 5 Return V Down 9 Escape" --no-phones
if grep -q '^result corrected hands 1=9 2=5 winner 1$' "$T/fix.tr"; then
    ok "a corrected count changes the result"
else
    bad "correction: $(grep '^result' "$T/fix.tr")"
fi
exit $fail
