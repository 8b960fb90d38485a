#!/bin/sh
# resume.sh BIN ROOT - an event is saved at every step and continued after a
# crash: the bundled scenario is played to its middle (signals voted, a
# choice, a rewind and another choice that sets a variable), the engine is
# killed with SIGKILL, and a restart with --resume yes draws the same beat
# (frame-text), the ending's timeline shows the votes from before the kill,
# and the choice made before the kill still opens a later option.  Then: the
# welcome screen's offer (--resume ask: Escape starts over and removes the
# save, J continues), SIGTERM on a headless play saves and exits 0, the save
# holds no phone token or idea text, a changed scenario does not crash, and
# a clean ending retires the save.
set -u
BIN=$1 ROOT=$2
SCEN=$ROOT/scenes/stalking
T=${TMPDIR:-/tmp}/spectactor-resume-$$
mkdir -p "$T"
PID=""
trap '[ -n "$PID" ] && kill -9 $PID 2>/dev/null; rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
SAVE=$T/resume-stalking.txt

"$BIN" strings "$SCEN" | cut -f1 >"$T/ids" || { echo "FAIL strings"; exit 1; }
# keys SPEC...: as in choices_matter.sh (Next through a beat, digits at its interaction)
keys() {
    for tok in "$@"; do
        beat=${tok%%:*}
        n=$(grep -c "^$beat\.[0-9][0-9]*\$" "$T/ids")
        i=0
        while [ "$i" -lt "$n" ]; do printf ' Right'; i=$((i + 1)); done
        if [ "$n" -gt 0 ] && grep -Eq "^$beat\.(prompt|ending)\$" "$T/ids"; then printf ' Right'; fi
        if grep -q "^$beat\.ending\$" "$T/ids"; then continue; fi
        case $tok in *:*) printf ' %s' "$(echo "${tok#*:}" | tr ',' ' ')" ;; esac
        printf ' Right'
    done
}
# rest BEAT SHOWN DIGITS: the keys for the rest of BEAT after SHOWN steps, then its digits and Next
rest() {
    n=$(grep -c "^$1\.[0-9][0-9]*\$" "$T/ids")
    i=$2
    while [ "$i" -lt "$n" ]; do printf ' Right'; i=$((i + 1)); done
    printf ' Right %s Right' "$3"
}
# wait_for PATTERN FILE: up to 60 s (some follow half a play-through of keys)
wait_for() { i=0; while [ $i -lt 600 ]; do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }
# wait_keys FILE: sends a key name the engine does not know down the fifo (fd 3) and
# waits up to 60 s for its "key unknown" line in the transcript FILE: every key
# sent before it has then been played, drawn and saved (keys go one by one)
wait_keys() {
    s0=$(grep -c '^key unknown$' "$1")
    echo "Sync" >&3
    i=0
    while [ "$(grep -c '^key unknown$' "$1")" -le "$s0" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
    [ $i -lt 600 ] || bad "the engine did not read all its keys in 60 s"
}
play() { "$BIN" play --headless --no-phones --size 1280x720 --lang en --db "$T/db.sqlite" "$@"; }
# bgplay ARGS &: the same in the background, $! being the engine itself
bgplay() { exec "$BIN" play --headless --no-phones --size 1280x720 --lang en --db "$T/db.sqlite" "$@"; }

# 1. play to the middle through a fifo, then SIGKILL
mkfifo "$T/keys"
bgplay --keys-from "$T/keys" --transcript "$T/t1.txt" --frame-text "$T/f1.txt" "$SCEN" 2>"$T/e1.txt" &
PID=$!
exec 3>"$T/keys"
# signals first_messages (warning) and where_are_you (stalking), the choice at
# unanswered (1: apologises), a rewind to before it, then 3 (ask_emma: sets asked_emma)
echo "Right S $(keys party first_messages:2 where_are_you:3 unanswered:1) R 3" >&3
wait_for '^rewind 3 unanswered' "$T/t1.txt" || bad "no rewind"
sleep 1.5 # the digit that picked the rewind is ignored for a moment (a remote's double press)
echo "3 Right $(keys ask_emma isolation:2 breakup flood:3) Right Right" >&3
wait_for '^signal flood result stalking' "$T/t1.txt" || bad "flood not reached"
wait_keys "$T/t1.txt"
BEFORE=$(grep '^beat ' "$T/t1.txt" | tail -n 1 | cut -d' ' -f2)
STEPS=$(sed -n 's/^at \([^ ]*\) \([0-9]*\) .*/\2/p' "$SAVE")
kill -9 $PID
wait $PID 2>/dev/null
PID=""
exec 3>&-
if [ -f "$SAVE" ] && grep -q "^at $BEFORE $STEPS " "$SAVE" && [ "$STEPS" -gt 0 ]; then
    ok "the save after SIGKILL is at $BEFORE, step $STEPS"
else
    bad "no save at $BEFORE"; cat "$SAVE"
fi
# the last audience frame before the kill
awk '/^frame .* audience$/ { f = "" ; on = 1; next } /^frame / { on = 0 } on { f = f $0 "\n" } END { printf "%s", f }' \
    "$T/f1.txt" | sed 's/^[a-z]* [0-9-]* [0-9-]* [0-9-]* [0-9-]* //' >"$T/last1.txt"

# 2. the restart continues: same frame, then the earlier choice still matters
rm -f "$T/keys"
mkfifo "$T/keys"
bgplay --resume yes --keys-from "$T/keys" --transcript "$T/t2.txt" --frame-text "$T/f2.txt" "$SCEN" 2>"$T/e2.txt" &
PID=$!
exec 3>"$T/keys"
wait_for '^resume ' "$T/t2.txt"
sleep 1
echo "$(rest morning_after "$STEPS" 2) $(keys fake_profile bystander:4 emma_names_it threat sofie_decides:3 adult_help police mads_choice:1 end_mixed) Right" >&3
exec 3>&-
wait $PID
rc=$?
PID=""
awk '/^frame .* audience$/ { n++; on = (n == 2); next } /^frame / { on = 0 } on { print }' "$T/f2.txt" |
    sed 's/^[a-z]* [0-9-]* [0-9-]* [0-9-]* [0-9-]* //' >"$T/first2.txt"
if [ $rc -eq 0 ] && grep -q "^resume $BEFORE $STEPS\$" "$T/t2.txt" && [ -s "$T/last1.txt" ] &&
    cmp -s "$T/last1.txt" "$T/first2.txt"; then
    ok "the restart draws the same frame ($BEFORE, step $STEPS)"
else
    bad "the restart draws another frame (rc $rc)"; head -n 3 "$T/t2.txt"; diff "$T/last1.txt" "$T/first2.txt" | head -20
fi
if grep -q '^option 4: Says this is stalking' "$T/t2.txt" &&
    grep -q '^branch bystander option 4 -> emma_names_it' "$T/t2.txt"; then
    ok "the choice made before the kill (asking Emma) still opens Emma's option later"
else
    bad "the variable set before the kill is lost"; grep -A6 '^choice bystander' "$T/t2.txt"
fi
# the ending's timeline page (the last frame) lists the signals voted before the kill
awk '/^frame .* audience$/ { f = ""; on = 1; next } /^frame / { on = 0 } on { f = f $0 "\n" } END { printf "%s", f }' \
    "$T/f2.txt" >"$T/end2.txt"
# rows: "N." then the beat, the room's answer on the same line (y within a few pixels)
row() { # N TITLE ANSWER
    y=$(sed -n "s/^text [0-9]* \([0-9]*\) [0-9]* [0-9]* $1\.\$/\1/p" "$T/end2.txt")
    [ -n "$y" ] && grep -q "^text [0-9]* $y [0-9]* [0-9]* $2\$" "$T/end2.txt" &&
        awk -v y="$y" -v a="$3" '{ t = $0; sub(/^[a-z]* [0-9]* [0-9]* [0-9]* [0-9]* /, "", t) }
            t == a && $3 >= y && $3 <= y + 12 { f = 1 } END { exit !f }' "$T/end2.txt"
}
if grep -q "^ending end_mixed" "$T/t2.txt" && grep -q 'When did it become stalking' "$T/end2.txt" &&
    row 1 'The first messages' 'Warning sign' && row 2 'Where are you?' 'Stalking' &&
    row 3 'Stay home with me' 'Warning sign' && row 4 '47 unread messages' 'Stalking'; then
    ok "the ending's timeline shows the votes from before the kill"
else
    bad "the timeline lost the earlier votes"; head -40 "$T/end2.txt"
fi
if [ ! -f "$SAVE" ]; then
    ok "reaching the ending (the keys' end) retires the save"
else
    bad "the save outlived the ending"
fi

# 3. --resume ask: the offer on the welcome screen; Next does not start by accident
play --keys "Right S Right Right" --transcript "$T/t3.txt" "$SCEN" 2>/dev/null
cp "$SAVE" "$T/save3.txt" 2>/dev/null
play --resume ask --keys "Right" --transcript "$T/t4.txt" --frame-text "$T/f4.txt" "$SCEN" 2>/dev/null
if grep -q '^resume offered party 2$' "$T/t4.txt" && grep -q 'J: Continue where you left off (The party, [0-9][0-9]:[0-9][0-9])' "$T/f4.txt" &&
    grep -q 'Esc: Start over' "$T/f4.txt" && ! grep -q '^beat ' "$T/t4.txt" && [ -f "$SAVE" ]; then
    ok "the welcome screen offers to continue (J) or start over (Esc); Next waits"
else
    bad "no offer on the welcome screen"; cat "$T/t4.txt"
fi
play --resume ask --keys "J Right" --transcript "$T/t5.txt" "$SCEN" 2>/dev/null
if grep -q '^resume party 2$' "$T/t5.txt" && grep -q '^resume offered' "$T/t5.txt" &&
    [ "$(grep -c '^line \|^narration' "$T/t5.txt")" = 1 ]; then
    ok "J continues where they left off"
else
    bad "J did not continue"; cat "$T/t5.txt"
fi
play --resume ask --keys "Escape" --transcript "$T/t6.txt" "$SCEN" 2>/dev/null
if grep -q '^resume declined$' "$T/t6.txt" && [ ! -f "$SAVE" ]; then
    ok "Escape starts over and removes the save"
else
    bad "Escape kept the save"; cat "$T/t6.txt"
fi

# 4. SIGTERM on a headless play: saved, exit 0, no dialog
rm -f "$T/keys"
mkfifo "$T/keys"
bgplay --keys-from "$T/keys" --transcript "$T/t7.txt" "$SCEN" 2>"$T/e7.txt" &
PID=$!
exec 3>"$T/keys"
echo "Right S Right Right Right" >&3
wait_for '^line ' "$T/t7.txt"
wait_keys "$T/t7.txt"
kill -TERM $PID
i=0
while kill -0 $PID 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $PID 2>/dev/null; then bad "SIGTERM did not quit"; kill -9 $PID; fi
wait $PID
rc=$?
PID=""
exec 3>&-
if [ $rc -eq 0 ] && grep -q '^quit signal$' "$T/t7.txt" && ! grep -q '^quit asked' "$T/t7.txt" &&
    grep -q '^at party 3 ' "$SAVE" && grep -q 'the event is saved' "$T/e7.txt"; then
    ok "SIGTERM saves and quits at once with exit code 0"
else
    bad "SIGTERM: exit $rc"; cat "$T/t7.txt" "$T/e7.txt"; cat "$SAVE"
fi

# 5. the save keeps the room's totals and the show's state only: no token, no idea text
if ! grep -q -i -E '[0-9a-f]{16}|idea|token' "$SAVE" && [ "$(stat -c %a "$SAVE")" = 600 ]; then
    ok "the save holds no phone token or idea text, and only the user can read it"
else
    bad "the save holds more than the room's totals"; cat "$SAVE"
fi

# 6. a changed scenario (different beats) does not crash: it continues at the beat, or starts over
cp -r "$SCEN" "$T/scen"
sed 's/^ops .*/ops a a a a a a a a a a a a a a a a a a a a a a a a a a a a/' "$SAVE" |
    sed 's/^shape .*/shape 00000000/' >"$T/changed.txt"
cp "$T/changed.txt" "$SAVE"
play --resume yes --keys "Right" --transcript "$T/t8.txt" "$SCEN" 2>"$T/e8.txt"
rc=$?
if [ $rc -eq 0 ] && grep -q '^resume party 3$' "$T/t8.txt" && grep -q '^note The scenario changed since last time: continuing at party' "$T/t8.txt"; then
    ok "a scenario changed since the save continues at the saved beat, with a message"
else
    bad "changed scenario (rc $rc)"; cat "$T/t8.txt" "$T/e8.txt"
fi
sed 's/^at party /at no_such_beat /' "$T/changed.txt" >"$SAVE"
play --resume yes --keys "Right S" --transcript "$T/t9.txt" "$SCEN" 2>"$T/e9.txt"
rc=$?
if [ $rc -eq 0 ] && grep -q '^note The scenario changed since last time: the scene no_such_beat is gone' "$T/t9.txt" &&
    grep -q '^beat party' "$T/t9.txt"; then
    ok "a saved beat that is gone starts over, with a message"
else
    bad "gone beat (rc $rc)"; cat "$T/t9.txt" "$T/e9.txt"
fi
printf 'garbage\n' >"$SAVE"
play --resume yes --keys "Right S" --transcript "$T/t10.txt" "$SCEN" 2>"$T/e10.txt"
rc=$?
if [ $rc -eq 0 ] && grep -q '^beat party' "$T/t10.txt" && [ -f "$SAVE.bad" ] && grep -q 'not a saved event' "$T/e10.txt"; then
    ok "a damaged save is kept aside as .bad and the event starts"
else
    bad "damaged save (rc $rc)"; cat "$T/t10.txt" "$T/e10.txt"
fi
# 7. the statements asked before the play survive a crash: a course asks the
# before round in its first lesson and the after round at the end of its last
PATHKEYS=$(sed -e 's/#.*//' "$ROOT/tests/e2e/paths/advice_da.keys" | tr '\n' ' ' | sed 's/^ *Right S//')
B="V 3 Return 1 0 Return 1 2 Return V Right"
rm -f "$T/keys" "$T/m.sqlite"*
mkfifo "$T/keys"
"$BIN" play --headless --no-phones --size 640x480 --lang en --db "$T/m.sqlite" --keys-from "$T/keys" \
    --transcript "$T/m1.txt" "$SCEN" 2>/dev/null &
PID=$!
exec 3>"$T/keys"
echo "Right $B $B $B $B Right Right" >&3
wait_for '^line mads' "$T/m1.txt" || bad "the before round did not end in the party"
wait_keys "$T/m1.txt"
kill -9 $PID; wait $PID 2>/dev/null; PID=""
exec 3>&-
REST=$(echo $PATHKEYS | cut -d' ' -f3-)
"$BIN" play --headless --no-phones --size 640x480 --lang en --db "$T/m.sqlite" --resume yes \
    --keys "$REST E $B $B $B $B" --transcript "$T/m2.txt" "$SCEN" 2>/dev/null
if grep -q '^resume party 2$' "$T/m2.txt" && grep -q '^ending ' "$T/m2.txt" &&
    grep -q '^statements after$' "$T/m2.txt"; then
    ok "the before round's answers survive a crash: the ending asks the after round"
else
    bad "after a resume the after round is not asked"; tail -5 "$T/m2.txt"
fi
# ...and the two lessons are one event in the report: the before and after
# rounds side by side, the stops of both lessons in one room
"$BIN" report --db "$T/m.sqlite" --lang en >"$T/m-report.txt" 2>&1
if grep -q '^event continued$' "$T/m2.txt" && grep -q '^Rooms (events): 1$' "$T/m-report.txt"; then
    ok "a course continued in a second lesson is one event in the report"
else
    bad "the continued course split into two events"; grep -i 'rooms\|event' "$T/m-report.txt" | head
fi
exit $fail
