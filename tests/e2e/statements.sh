#!/bin/sh
# statements.sh BIN ROOT - the before/after statements of the bundled
# scenario end to end: event A counts hands (every statement before the play
# and again at the end, the summary, the labels form typed at the ending),
# event B counts phones and hands (real HTTP on loopback with curl); what is
# drawn is read from the frame-text log, what is stored from the report
# (text, CSV, XLSX with python3-openpyxl when installed) and the raw bytes
# of the database (no phone token).  Then `report --group-by school`.
set -u
BIN=$1 ROOT=$2
SCEN=$ROOT/scenes/stalking
T=${TMPDIR:-/tmp}/spectactor-statements-$$
mkdir -p "$T"
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

# path 1 of the scenario without the welcome screen's Next
PATHKEYS=$(sed -e 's/#.*//' "$ROOT/tests/e2e/paths/advice_da.keys" | tr '\n' ' ' | sed 's/^ *Right S//')
# a statement counted by hands: OK 3, warning 10, stalking 12 (before); 1, 5, 20 (after)
B="V 3 Return 1 0 Return 1 2 Return V Right"
A="V 1 Return 5 Return 2 0 Return V Right"

# ---- event A: hands, the labels form at the ending -------------------------------
"$BIN" play --headless --no-phones --size 1280x720 --lang en --db "$T/a.sqlite" \
    --keys "Right $B $B $B $B $PATHKEYS L N o r d Space S c h o o l Return 8 a Return E s b j e r g Return E $A $A $A $A" \
    --transcript "$T/a.txt" --frame-text "$T/a.frames" --screenshot "$T/a.png" "$SCEN" 2>"$T/a.err" ||
    bad "event A: play"
for id in checks_phone many_messages shows_up fake_profile; do
    n=$(grep -c "^statement [a-z]* [0-9]/4 $id:" "$T/a.txt")
    [ "$n" = 2 ] && ok "A: $id asked before and after" || bad "A: $id asked $n times"
done
for text in "He checks her phone every day." "He sends 40 messages when she doesn't answer." \
    "After the breakup he shows up where she trains." "He makes a fake profile to keep an eye on her."; do
    grep -qF "$text" "$T/a.frames" && ok "A: drawn: $text" || bad "A: not drawn: $text"
done
grep -q "Before the play · Statement 1 of 4" "$T/a.frames" && ok "A: the before chip is drawn" ||
    bad "A: no before chip"
grep -q "After the play · Statement 4 of 4" "$T/a.frames" && ok "A: the after chip is drawn" ||
    bad "A: no after chip"
grep -q "How the room's answers moved" "$T/a.frames" && ok "A: the summary is drawn" ||
    bad "A: no summary"
# the summary's bars: 48 % stalking before, 77 % after, with n
if grep -q "48 %" "$T/a.frames" && grep -q "77 %" "$T/a.frames" && grep -q "n = 25" "$T/a.frames" &&
    grep -q "n = 26" "$T/a.frames"; then
    ok "A: before -> after shares and n drawn"
else
    bad "A: the summary's shares"
fi
grep -q "^result hands 1=3 2=10 3=12 winner 3$" "$T/a.txt" && ok "A: hands counted before" ||
    bad "A: hands before"
grep -q "^statements after done$" "$T/a.txt" && grep -q "^statements summary$" "$T/a.txt" &&
    ok "A: the after round ends on the summary" || bad "A: after round"
grep -q "About this event" "$T/a.frames" && grep -q "Municipality" "$T/a.frames" &&
    ok "A: the labels form is drawn" || bad "A: labels form not drawn"
grep -q "Nord School|" "$T/a.frames" && ok "A: typed text is drawn in the field" ||
    bad "A: typed label not drawn"
if grep -q "^label school=Nord School$" "$T/a.txt" && grep -q "^label grade=8a$" "$T/a.txt" &&
    grep -q "^label municipality=Esbjerg$" "$T/a.txt"; then
    ok "A: labels saved"
else
    bad "A: labels: $(grep '^label' "$T/a.txt")"
fi

# ---- event B: phones (and hands) -----------------------------------------------------
wait_for() { # pattern seconds
    i=0
    while [ $i -lt $(($2 * 10)) ]; do
        grep -q "$1" "$T/b.txt" 2>/dev/null && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
mkfifo "$T/keys"
"$BIN" play --headless --size 1024x768 --lang da --port 0 --db "$T/b.sqlite" --keys-from "$T/keys" \
    --transcript "$T/b.txt" --frame-text "$T/b.frames" "$SCEN" 2>"$T/b.err" &
PID=$!
exec 3>"$T/keys"
wait_for '^phones port' 30 || { bad "B: phone server did not start"; cat "$T/b.err"; exit 1; }
PORT=$(sed -n 's/^phones port \([0-9]*\) room.*/\1/p' "$T/b.txt")
ROOM=$(sed -n 's/^phones port [0-9]* room \([A-Z]*\)$/\1/p' "$T/b.txt")
URL="http://127.0.0.1:$PORT"
post() {
    curl -s -o "$T/body" -w '%{http_code}' -H 'Content-Type: application/json' -d "$2" "$URL$1"
}
join() {
    curl -s -H 'Content-Type: application/json' -d "{\"r\":\"$ROOM\"}" "$URL/api/join" |
        sed -n 's/.*"t":"\([0-9a-f]*\)".*/\1/p'
}
state() { curl -s "$URL/api/state?r=$ROOM"; }
# wait_state PATTERN: up to 30 s for the state the phones get to match (the
# engine writes the transcript line first and publishes the state after it)
wait_state() {
    n=0
    while [ $n -lt 300 ]; do
        state | grep -q "$1" && return 0
        sleep 0.1; n=$((n + 1))
    done
    return 1
}
T1=$(join) T2=$(join) T3=$(join) T4=$(join) T5=$(join) T6=$(join)
[ ${#T1} = 32 ] && [ ${#T6} = 32 ] && ok "B: six phones joined" || bad "B: join"
# votes OPT1.. for the phones in order, on the poll open now
vote_all() {
    poll=$(state | sed -n 's/.*"poll":{"id":\([0-9]*\).*/\1/p')
    n=0
    for o in "$@"; do
        n=$((n + 1))
        eval "tok=\$T$n"
        [ "$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$tok\",\"poll\":$poll,\"option\":$o}")" = 200 ] ||
            bad "B: vote $n on poll $poll"
    done
    i=0
    while [ $i -lt 50 ] && [ "$(grep -c "^phone vote $poll " "$T/b.txt")" -lt $# ]; do
        sleep 0.1; i=$((i + 1))
    done
}
opened() { grep -c "^vote open" "$T/b.txt"; }
round() { # phone options for the six phones, then the hands typed
    k=1
    while [ $k -le 4 ]; do
        before=$(opened)
        echo "V" >&3
        i=0
        while [ $i -lt 300 ] && [ "$(opened)" -le "$before" ]; do sleep 0.1; i=$((i + 1)); done
        wait_state '"open":true' || bad "B: the open poll is not in the phones' state"
        if [ $k = 1 ]; then
            s=$(state)
            case "$s" in
            *'"kind":"signal"'*'"da":"Han tjekker hendes telefon hver dag."'*) ok "B: phones get the statement as a signal poll ($phase)" ;;
            *) bad "B: phone state: $s" ;;
            esac
        fi
        vote_all "$@"
        echo "0 Return 0 Return 5 Return V Right" >&3
        sleep 0.3
        k=$((k + 1))
    done
}
echo "Right" >&3
wait_for "^statement before 1/4" 30 || bad "B: no before round"
phase=before
round 1 1 2 2 3 3
wait_for "^statements before done" 30 || bad "B: before round did not end"
echo "$PATHKEYS E" >&3
# a whole play-through first: a slow machine may take minutes
wait_for "^statement after 1/4" 120 || bad "B: no after round"
phase=after
round 2 3 3 3 3 3
wait_for "^statements summary" 30 && ok "B: the summary after phone votes" || bad "B: no summary"
sleep 0.5
echo "Ctrl+Q J" >&3
exec 3>&-
wait $PID
PID=""
grep -q "Sådan flyttede rummets svar sig" "$T/b.frames" && ok "B: the Danish summary is drawn" ||
    bad "B: Danish summary not drawn"
for tok in $T1 $T2 $T3 $T4 $T5 $T6; do
    if grep -a -q "$tok" "$T/b.sqlite" "$T/b.sqlite-wal" 2>/dev/null; then bad "B: a phone token is on disk"; fi
done
ok "B: no phone token in the database files"

# ---- the report over both events ---------------------------------------------------
"$BIN" report --db "$T/a.sqlite" --db "$T/b.sqlite" --lang en --csv "$T/r.csv" > "$T/r.txt" 2>"$T/r.err" ||
    bad "report: $(cat "$T/r.err")"
if grep -q "^Statements before and after the play" "$T/r.txt"; then ok "report: the statements section"; else bad "report: no statements section"; fi
awk '/^Statements before and after/{on=1} on' "$T/r.txt" > "$T/st.txt"
grep -q "^Rooms (events): 2$" "$T/st.txt" && ok "report: two rooms pooled" || bad "report: rooms: $(head -3 "$T/st.txt")"
# pooled checks_phone: before 3+0,10+2,12+2+5... (hands + phones) - read the CSV instead
grep -q "^  Before (2 rooms, n=" "$T/st.txt" && grep -q "^  After (2 rooms, n=" "$T/st.txt" &&
    ok "report: pooled before and after with n" || bad "report: pooled rows"
grep -q "^Per event$" "$T/st.txt" && ok "report: per event rows" || bad "report: no per-event rows"
CSV=$T/r-statements.csv
if [ -f "$CSV" ]; then
    # pooled, stalking after: A 20 hands; B 5 hands + 5 phones -> 30 of 26+11
    line=$(grep '^stalking,all,checks_phone,.*,after,2,' "$CSV" | grep ',3,Stalking,')
    case "$line" in
    *',after,2,37,3,Stalking,30,81,shown,'*) ok "report csv: pooled after stalking 30 of 37 (81 %)" ;;
    *) bad "report csv: $line" ;;
    esac
    line=$(grep '^stalking,all,checks_phone,.*,before,2,' "$CSV" | grep ',3,Stalking,')
    case "$line" in
    *',before,2,36,3,Stalking,19,53,shown,'*) ok "report csv: pooled before stalking 19 of 36 (53 %)" ;;
    *) bad "report csv: $line" ;;
    esac
    line=$(grep '^stalking,all,checks_phone,.*,after,2,' "$CSV" | grep ',3,Stalking,' | tr -d '\r')
    case "$line" in *',28') ok "report csv: the shift +28 points" ;; *) bad "report csv shift: $line" ;; esac
    # event B alone before: OK 2 phones of 11 -> "<5" with no count
    grep -q ',before,1,11,1,OK,,,lt5,' "$CSV" && ok "report csv: a small cell is <5, no count" ||
        bad "report csv: no suppressed cell"
else
    bad "report: no statements csv"
fi
"$BIN" report --db "$T/a.sqlite" --db "$T/b.sqlite" --lang da --html "$T/r.html" >/dev/null 2>&1 ||
    bad "report --html"
if grep -q "<h2>Udsagn før og efter stykket</h2>" "$T/r.html" && grep -q "<td>+28</td>" "$T/r.html"; then
    ok "report html: the statements table with the shift"
else
    bad "report html: no statements table"
fi
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if "$PY" -c "import openpyxl" 2>/dev/null; then
    "$BIN" report --db "$T/a.sqlite" --db "$T/b.sqlite" --lang en --xlsx "$T/r.xlsx" >/dev/null 2>&1 ||
        bad "report --xlsx"
    if "$PY" - "$T/r.xlsx" <<'PYEOF'; then ok "report xlsx: the statements sheet"; else bad "report xlsx"; fi
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert "statements" in wb.sheetnames, wb.sheetnames
rows = [[c.value for c in r] for r in wb["statements"].iter_rows()]
assert rows[0][:5] == ["scenario", "event", "statement", "text", "round"], rows[0]
r = [x for x in rows if x[1] == "all" and x[2] == "checks_phone" and x[4] == "after" and x[7] == 3]
assert r and r[0][9] == 30 and r[0][10] == 81 and r[0][12] == 28, r
PYEOF
else
    echo "note: python3-openpyxl missing: the workbook is not read back"
fi
"$BIN" report --db "$T/a.sqlite" --db "$T/b.sqlite" --lang en --group-by school > "$T/g.txt" 2>&1 ||
    bad "report --group-by school"
grep -q "Nord School" "$T/g.txt" && ok "report --group-by school: the typed school is a group" ||
    bad "group-by: $(grep -i school "$T/g.txt" | head -3)"
exit $fail
