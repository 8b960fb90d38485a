#!/bin/sh
# hurried.sh BIN ROOT - the keys a hurried facilitator presses, end to end:
# the real binary plays scenes/stalking headless with the keys given, and the
# transcript and the frames drawn (--frame-text) are read back.
# 1. Esc mid-count, then Down: the next count goes to option 2 and option 1
#    keeps its count ("hands 1 12", then "hands 2 45", never "hands 1 45");
#    after Esc the bottom line names the option a digit goes to.
# 2. Esc mid-count, then a digit: it goes to the first option not counted.
# 3. V then Esc: the empty vote closes at once.
# 4. The pick hint names the digits there are ("1–3 vælg direkte" at a
#    signal), never "1–9"; 5 picks nothing.
# 5. R 1 after a decision, then 1 1: one press swallowed, the next picks.
set -u
BIN=$1 ROOT=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
R() { i=0; while [ $i -lt "$1" ]; do printf 'Right '; i=$((i + 1)); done; }
# run NAME KEYS: a headless play in Danish, hands only
run() {
    "$BIN" play --headless --no-phones --lang da --db "$T/db.sqlite" --keys "$2" \
        --transcript "$T/$1.txt" --frame-text "$T/$1.frames" "$ROOT/scenes/stalking" 2>>"$T/err"
}
# to the first signal poll (the statements skipped with S)
TO_SIG="Right S $(R 18)"

# ---- 1. Esc, then Down ---------------------------------------------------------
run esc_down "$TO_SIG V 1 2 Escape Down 4 5 Right J"
if grep -q '^signal first_messages' "$T/esc_down.txt"; then ok "1: at the first signal"; else bad "1: the keys did not reach the signal"; fi
if grep -qx 'hands 1 12' "$T/esc_down.txt" && grep -qx 'hands 2 45' "$T/esc_down.txt"; then
    ok "1: Esc then Down: option 1 keeps 12, option 2 gets 45"
else bad "1: counts: $(grep '^hands' "$T/esc_down.txt" | tr '\n' ' ')"; fi
if grep -qx 'hands 1 45' "$T/esc_down.txt"; then bad "1: option 1's 12 overwritten"; else ok "1: nothing overwritten"; fi
if grep -q '^text .* 0–9 hænder for svar 2   V / → vis resultat' "$T/esc_down.frames"; then
    ok "1: after Esc the bottom line names option 2"
else bad "1: after Esc the bottom line does not name the next option"; fi
if grep -q '45 hænder for svar 2 – flere end der er i rummet' "$T/esc_down.frames"; then
    ok "1: the count too large for the room is asked about, naming option 2"
else bad "1: no question naming option 2"; fi

# ---- 2. Esc, then a digit --------------------------------------------------------
run esc_digit "$TO_SIG V 1 2 Escape 7 Right"
if grep -qx 'hands 1 12' "$T/esc_digit.txt" && grep -qx 'hands 2 7' "$T/esc_digit.txt"; then
    ok "2: a digit after Esc goes to option 2, the first not counted"
else bad "2: counts: $(grep '^hands' "$T/esc_digit.txt" | tr '\n' ' ')"; fi

# ---- 3. V then Esc ----------------------------------------------------------------
run esc_empty "$TO_SIG V Escape"
if grep -q '^vote closed' "$T/esc_empty.txt"; then ok "3: Esc closes the empty vote at once"; else bad "3: one Esc did not close the empty vote"; fi

# ---- 4. the pick range --------------------------------------------------------------
run range "$TO_SIG 5"
if grep -q '1–3 vælg direkte' "$T/range.frames"; then ok "4: the hint says 1–3"; else bad "4: no \"1–3 vælg direkte\" drawn"; fi
if grep -q '1–9' "$T/range.frames"; then bad "4: \"1–9\" drawn"; else ok "4: no \"1–9\" drawn"; fi
if grep -q '^pick' "$T/range.txt"; then bad "4: 5 picked something"; else ok "4: 5 picks nothing of three"; fi

# ---- 5. the rewind's double press ------------------------------------------------------
run rewind "$TO_SIG 1 Right R 1 1 1"
n=$(grep -c 'digit ignored' "$T/rewind.txt")
if [ "$n" -eq 1 ]; then ok "5: one press swallowed after the rewind pick"; else bad "5: $n presses swallowed"; fi
if sed -n '/^rewind 1/,$p' "$T/rewind.txt" | grep -qx 'pick 1'; then
    ok "5: the next 1 picks option 1"
else bad "5: no pick after the rewind: $(sed -n '/^rewind 1/,$p' "$T/rewind.txt" | tr '\n' '|')"; fi

[ -s "$T/err" ] && { echo "stderr:"; sed 's/^/     /' "$T/err"; }
exit $fail
