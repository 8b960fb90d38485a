#!/bin/sh
# restart.sh BIN ROOT - an engine killed mid-event (kill -9) and started
# again with the same --db and scenario: the room code and the event id
# stay, poll ids go on (a phone's receipt for an earlier poll never shows
# on a new one), old tokens are refused until the phone joins again, and an
# evaluation retried with its submission id after the restart is stored
# exactly once.  Then the reveal under fire: phones vote in the background
# while the facilitator reveals, and every vote answered 200 is in the
# revealed count.  Real HTTP on loopback with curl, bounded in count and time.
set -u
BIN=$1 ROOT=$2
T=${TMPDIR:-/tmp}/spectactor-restart-$$
mkdir -p "$T"
PID=""
trap '[ -n "$PID" ] && kill -9 $PID 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
wait_for() { # pattern seconds [file]
    i=0
    while [ $i -lt $(($2 * 10)) ]; do
        grep -q "$1" "${3:-$T/tr.txt}" 2>/dev/null && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
start() { # run number: starts the engine, sets PID PORT ROOM URL
    rm -f "$T/keys"; mkfifo "$T/keys"
    "$BIN" play --headless --size 640x480 --port 0 --db "$T/eval.sqlite" --keys-from "$T/keys" \
        --transcript "$T/tr.txt" "$ROOT/tests/data/check/ok" 2>>"$T/err.txt" &
    PID=$!
    exec 3>"$T/keys"
    if ! wait_for '^phones port' 30; then
        bad "phone server did not start (run $1)"; cat "$T/err.txt"; exit 1
    fi
    PORT=$(sed -n 's/^phones port \([0-9]*\) room.*/\1/p' "$T/tr.txt")
    ROOM=$(sed -n 's/^phones port [0-9]* room \([A-Z]*\)$/\1/p' "$T/tr.txt")
    URL="http://127.0.0.1:$PORT"
    # the transcript line comes first, the state the phones get right after it
    wait_state '"event":"[0-9a-f]' || bad "no state with an event id (run $1): $(state | head -c 200)"
}
# wait_state PATTERN: up to 30 s for the state the phones get to match
wait_state() {
    n=0
    while [ $n -lt 300 ]; do
        state | grep -q "$1" && return 0
        sleep 0.1; n=$((n + 1))
    done
    return 1
}
# wait_saved N: up to 30 s for N "eval answer saved" lines (the engine
# answers a batch of evaluations before it writes their lines)
wait_saved() {
    n=0
    while [ $n -lt 300 ] && [ "$(grep -c '^eval answer saved$' "$T/tr.txt")" -lt "$1" ]; do
        sleep 0.1; n=$((n + 1))
    done
}
# wait_exit: up to 60 s for the engine to end after its keys ended
wait_exit() {
    n=0
    while kill -0 "$PID" 2>/dev/null && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
    if kill -0 "$PID" 2>/dev/null; then bad "the engine did not end with its keys"; else wait "$PID"; fi
    PID=""
}
post() { # path json -> prints "STATUS BODY"
    curl -s -m 20 -o "$T/body.$$" -w '%{http_code}' -H 'Content-Type: application/json' -d "$2" "$URL$1"
    printf ' '; cat "$T/body.$$"; echo
}
state() { curl -s -m 5 "$URL/api/state?r=$ROOM"; }
join() { post /api/join "{\"r\":\"$ROOM\"}" | sed -n 's/^200 .*"t":"\([0-9a-f]*\)".*/\1/p'; }
poll_id() { state | sed -n 's/.*"poll":{"id":\([0-9]*\).*/\1/p'; }
event_id() { state | sed -n 's/.*"event":"\([0-9a-f]*\)".*/\1/p'; }
answers() { # the questionnaire's required answers as JSON members
    a=""
    for qk in $(state | grep -o '"id":"[a-z_]*","kind":"[a-z]*"' | sed 's/"id":"\([a-z_]*\)","kind":"\([a-z]*\)"/\1:\2/'); do
        q=${qk%%:*} k=${qk#*:}
        case $k in single) v=1 ;; yesno) v=true ;; multi) v="[1]" ;; text) continue ;; esac
        a="$a${a:+,}\"$q\":$v"
    done
    echo "$a"
}

# ---- run 1: a vote, an evaluation, then kill -9 ----------------------------
start 1
ROOM1=$ROOM
EVENT1=$(event_id)
[ -n "$EVENT1" ] && ok "state carries an event id" || bad "no event id: $(state | head -c 200)"
state | grep -q '"lang":"' && ok "state carries the room's language" || bad "no lang"
TA=$(join)
echo "Right Right Right V" >&3
wait_for '^vote open' 30 || bad "vote did not open"
wait_state '"open":true' || bad "state: no open poll: $(state | head -c 300)"
P1=$(poll_id)
r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$TA\",\"poll\":$P1,\"option\":1}")
case "$r" in 200*) ok "run 1: vote on poll $P1" ;; *) bad "vote: $r" ;; esac
echo "0 Return 0 Return V" >&3
wait_for '^result' 30 || bad "no result"
echo "Right Right Right Right E" >&3
wait_for '^eval open' 30 || bad "evaluation did not open"
wait_state '"eval":{"open":true' || bad "state: no questionnaire: $(state | head -c 300)"
ANS=$(answers)
r=$(post /api/eval "{\"r\":\"$ROOM\",\"t\":\"$TA\",\"sid\":\"sid-restart-0001\",\"answers\":{$ANS}}")
case "$r" in 200*) ok "run 1: evaluation stored" ;; *) bad "eval: $r" ;; esac
kill -9 $PID; wait $PID 2>/dev/null; PID=""
exec 3>&-
mv "$T/tr.txt" "$T/tr1.txt"

# ---- run 2: the same event goes on -----------------------------------------
start 2
if [ "$ROOM" = "$ROOM1" ]; then ok "the room code survives the restart ($ROOM)"; else bad "room $ROOM1 became $ROOM"; fi
if [ "$(event_id)" = "$EVENT1" ]; then ok "the event id survives the restart"; else bad "event $EVENT1 became $(event_id)"; fi
grep -q '^room resumed$' "$T/tr.txt" && ok "transcript: room resumed" || bad "no 'room resumed'"
r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$TA\",\"poll\":$P1,\"option\":1}")
case "$r" in 401*|409*) ok "a token from before the restart is not counted ($r)" ;; *) bad "old token: $r" ;; esac
echo "Right Right Right V" >&3
wait_for '^vote open' 30 || bad "vote did not open (run 2)"
wait_state '"open":true' || bad "state: no open poll (run 2): $(state | head -c 300)"
P2=$(poll_id)
if [ -n "$P2" ] && [ "$P2" -gt "$P1" ]; then
    ok "poll ids go on after the restart ($P1 -> $P2): the receipt for $P1 is not shown"
else
    bad "poll id after restart: '$P2' (before: $P1)"
fi

# the reveal under fire: 8 phones vote as fast as they can while the facilitator reveals
# (9 hands for option 1 first, so the phones can never tie the vote)
echo "9 Return 0 Return" >&3
wait_for '^hands 2 0' 5 || true
TOKS=""
for i in 1 2 3 4 5 6 7 8; do TOKS="$TOKS $(join)"; done
VOTERS=""
for tok in $TOKS; do
    (
        n=0
        while [ $n -lt 40 ] && [ ! -e "$T/stop" ]; do
            c=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
                -d "{\"r\":\"$ROOM\",\"t\":\"$tok\",\"poll\":$P2,\"option\":$((n % 2 + 1))}" "$URL/api/vote")
            [ "$c" = 200 ] && echo "$tok $((n % 2 + 1))" >> "$T/acked.$tok"
            [ "$c" = 409 ] && break
            n=$((n + 1))
        done
    ) &
    VOTERS="$VOTERS $!"
done
sleep 0.4
echo "V" >&3
wait_for '^result' 30 || bad "no result (run 2)"
sleep 1; touch "$T/stop"; wait $VOTERS
# every phone whose vote was acknowledged is in the count, with its last acknowledged option
acked=0; want1=0; want2=0
for tok in $TOKS; do
    [ -s "$T/acked.$tok" ] || continue
    acked=$((acked + 1))
    case "$(tail -n 1 "$T/acked.$tok")" in *" 1") want1=$((want1 + 1)) ;; *) want2=$((want2 + 1)) ;; esac
done
res=$(grep '^result' "$T/tr.txt" | tail -n 1)
if echo "$res" | grep -q "1=$((want1 + 9))(9 hands+$want1 phones) 2=$want2(0 hands+$want2 phones)"; then
    ok "every acknowledged vote is in the reveal ($acked phones: $res)"
else
    bad "acknowledged 1=$want1 2=$want2, revealed: $res"
fi

# the evaluation retried after the restart (a new token, the same sid) is stored once
echo "Right Right Right Right E" >&3
wait_for '^eval open' 30 || bad "evaluation did not open (run 2)"
wait_state '"eval":{"open":true' || bad "state: no questionnaire (run 2): $(state | head -c 300)"
TA2=$(join)
r=$(post /api/eval "{\"r\":\"$ROOM\",\"t\":\"$TA2\",\"sid\":\"sid-restart-0001\",\"answers\":{$ANS}}")
case "$r" in 200*) ok "the retried evaluation is acknowledged" ;; *) bad "retry: $r" ;; esac
TB=$(join)
r=$(post /api/eval "{\"r\":\"$ROOM\",\"t\":\"$TB\",\"sid\":\"sid-restart-0002\",\"answers\":{$ANS}}")
case "$r" in 200*) ok "a new evaluation after the restart" ;; *) bad "new eval: $r" ;; esac
wait_saved 1
n=$(grep -c '^eval answer saved$' "$T/tr.txt")
[ "$n" = 1 ] && ok "run 2 saved one new answer" || bad "run 2 saved $n answers"
exec 3>&- # the keys end: a clean end of the event
wait_exit
if "$BIN" report --db "$T/eval.sqlite" > "$T/report.txt" 2>&1 && grep -q 'i alt: 2$' "$T/report.txt"; then
    ok "the event holds 2 answers: the retry was stored once"
else
    bad "report:"; cat "$T/report.txt"
fi
if strings "$T/eval.sqlite"* | grep -q "sid-restart"; then bad "a submission id is in the database"; else ok "no submission id in the database"; fi
# a clean end ends the room: the next start is a new event with a new code
start 3
if [ "$(event_id)" != "$EVENT1" ]; then ok "after a clean end the next start is a new event"; else bad "the ended event came back"; fi
exec 3>&-
wait_exit
exit $fail
