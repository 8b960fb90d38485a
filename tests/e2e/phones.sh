#!/bin/sh
# phones.sh BIN ROOT - the phone server of a running headless engine, driven
# step by step: join, vote (counted once per phone, changeable while open,
# refused when closed), ideas to the moderation queue, and evaluation answers
# acknowledged only after they are stored; then `spectactor report` on the
# database.  Real HTTP on loopback with curl.
set -u
BIN=$1 ROOT=$2
T=${TMPDIR:-/tmp}/spectactor-phones-$$
mkdir -p "$T"
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
wait_for() { # pattern seconds
    i=0
    while [ $i -lt $(($2 * 10)) ]; do
        grep -q "$1" "$T/tr.txt" 2>/dev/null && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
mkfifo "$T/keys"
"$BIN" play --headless --size 640x480 --port 0 --db "$T/eval.sqlite" --keys-from "$T/keys" \
    --transcript "$T/tr.txt" "$ROOT/tests/data/check/ok" 2>"$T/err.txt" &
PID=$!
exec 3>"$T/keys"
if ! wait_for '^phones port' 30; then
    bad "phone server did not start"; cat "$T/err.txt"; exit 1
fi
PORT=$(sed -n 's/^phones port \([0-9]*\) room.*/\1/p' "$T/tr.txt")
ROOM=$(sed -n 's/^phones port [0-9]* room \([A-Z]*\)$/\1/p' "$T/tr.txt")
URL="http://127.0.0.1:$PORT"
post() { # path json -> prints "STATUS BODY"
    curl -s -o "$T/body" -w '%{http_code}' -H 'Content-Type: application/json' -d "$2" "$URL$1"
    printf ' '; cat "$T/body"; echo
}
state() { curl -s "$URL/api/state?r=$ROOM"; }
# wait_state PATTERN: up to 30 s for the state the phones get to match (the
# engine writes the transcript line first and publishes the state after it)
wait_state() {
    i=0
    while [ $i -lt 300 ]; do
        state | grep -q "$1" && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

case "$(curl -s -o /dev/null -w '%{http_code}' "$URL/")" in
200) ok "phone page served" ;;
*) bad "phone page" ;;
esac
r=$(post /api/join "{\"r\":\"ZZZZ\"}")
case "$r" in 403*) ok "wrong room code: 403" ;; *) bad "wrong room code: $r" ;; esac
# the server issues the tokens: one per join
join() { post /api/join "{\"r\":\"$ROOM\"}" | sed -n 's/^200 .*"t":"\([0-9a-f]*\)".*/\1/p'; }
TA=$(join) TB=$(join) TC=$(join)
if [ ${#TA} = 32 ] && [ ${#TB} = 32 ] && [ "$TA" != "$TB" ]; then ok "join issues a token"; else bad "join: '$TA' '$TB'"; fi
r=$(post /api/join "{\"r\":\"$ROOM\",\"t\":\"$TA\"}")
case "$r" in *"\"t\":\"$TA\""*) ok "a phone keeps its token" ;; *) bad "re-join: $r" ;; esac

# reach the choice and open the vote
echo "Right Right Right V" >&3
wait_for '^vote open' 30 || bad "vote did not open"
if wait_state '"open":true'; then ok "state shows the open poll"; else bad "state: $(state)"; fi
POLL=$(state | sed -n 's/.*"poll":{"id":\([0-9]*\).*/\1/p')
r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$TA\",\"poll\":$POLL,\"option\":1}")
case "$r" in 200*) ok "vote" ;; *) bad "vote: $r" ;; esac
r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$TA\",\"poll\":$POLL,\"option\":2}")
case "$r" in 200*) ok "vote changed" ;; *) bad "vote change: $r" ;; esac
r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$TB\",\"poll\":$POLL,\"option\":2}")
r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$TB\",\"poll\":$POLL,\"option\":7}")
case "$r" in 400*) ok "unknown option: 400" ;; *) bad "unknown option: $r" ;; esac
r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$TB\",\"poll\":$((POLL + 5)),\"option\":1}")
case "$r" in 409*) ok "unknown poll: 409" ;; *) bad "unknown poll: $r" ;; esac
r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$TB\",\"poll\":$POLL,")
case "$r" in 400*) ok "malformed body: 400" ;; *) bad "malformed body: $r" ;; esac
r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"0123456789abcdef0123456789abcdef\",\"poll\":$POLL,\"option\":1}")
case "$r" in 401*) ok "a token the server did not issue: 401" ;; *) bad "made-up token: $r" ;; esac
wait_for "^phone vote $POLL 2" 30
# hands too: option 1 gets 3 hands, option 2 none (the fields in turn); then reveal
echo "3 Return 0 Return V" >&3
wait_for '^result' 30 || bad "no result"
if grep -q '^result both 1=3(3 hands+0 phones) 2=2(0 hands+2 phones) winner 1$' "$T/tr.txt"; then
    ok "hands and phones summed, each phone counted once"
else
    bad "result line: $(grep '^result' "$T/tr.txt")"
fi
r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$TC\",\"poll\":$POLL,\"option\":1}")
case "$r" in 409*) ok "vote after the reveal: 409" ;; *) bad "closed poll: $r" ;; esac
if state | grep -q '=3\|winner\|"hands"'; then bad "state leaks results"; else ok "phones never see results"; fi

# to the ending, open the evaluation
echo "Right Right Right Right E" >&3
wait_for '^eval open' 30 || bad "evaluation did not open"
if wait_state '"eval":{"open":true'; then ok "state carries the questionnaire"; else bad "no questionnaire: $(state | head -c 300)"; fi
QIDS=$(state | grep -o '"id":"[a-z_]*","kind":"[a-z]*"' | sed 's/"id":"\([a-z_]*\)","kind":"\([a-z]*\)"/\1:\2/')
answers=""
for qk in $QIDS; do
    q=${qk%%:*} k=${qk#*:}
    case $k in
    single) v=1 ;; yesno) v=true ;; multi) v="[1]" ;; text) continue ;;
    esac
    answers="$answers${answers:+,}\"$q\":$v"
done
for n in 1 2 3 4 5; do
    tok=$(join)
    [ "$n" = 1 ] && T1=$tok
    r=$(post /api/eval "{\"r\":\"$ROOM\",\"t\":\"$tok\",\"sid\":\"sid-000000000000000$n\",\"answers\":{$answers}}")
    case "$r" in 200*) ;; *) bad "eval $n: $r" ;; esac
done
r=$(post /api/eval "{\"r\":\"$ROOM\",\"t\":\"$T1\",\"sid\":\"sid-0000000000000001\",\"answers\":{$answers}}")
case "$r" in 200*) ok "a retried submission is acknowledged again" ;; *) bad "retry: $r" ;; esac
r=$(post /api/eval "{\"r\":\"$ROOM\",\"t\":\"$T1\",\"sid\":\"sid-0000000000000007\",\"answers\":{$answers}}")
case "$r" in 409*already_answered*) ok "a second submission from one token: 409" ;; *) bad "second submission: $r" ;; esac
r=$(post /api/eval "{\"r\":\"$ROOM\",\"sid\":\"sid-0000000000000008\",\"answers\":{$answers}}")
case "$r" in 401*) ok "an evaluation without a token: 401" ;; *) bad "no token: $r" ;; esac
r=$(post /api/eval "{\"r\":\"$ROOM\",\"t\":\"$TC\",\"sid\":\"sid-0000000000000009\",\"answers\":{\"nope\":1}}")
case "$r" in 400*) ok "invalid answers: 400" ;; *) bad "invalid answers: $r" ;; esac
# the engine answers a batch before it writes its transcript lines
i=0
while [ $i -lt 300 ] && [ "$(grep -c '^eval answer saved$' "$T/tr.txt")" -lt 5 ]; do sleep 0.1; i=$((i + 1)); done
n=$(grep -c '^eval answer saved$' "$T/tr.txt")
if [ "$n" = 5 ]; then ok "5 answers saved once each"; else bad "$n answers saved"; fi
exec 3>&-
i=0
while kill -0 "$PID" 2>/dev/null && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$PID" 2>/dev/null; then bad "the engine did not end with its keys"; else wait "$PID"; fi
PID=""
if grep -Eq "127\\.0\\.0\\.1|$TA|$TB|sid-" "$T/tr.txt" "$T/err.txt"; then bad "a token, sid or address was written"; else ok "no token, sid or address in transcript or log"; fi
if "$BIN" report --db "$T/eval.sqlite" > "$T/report.txt" 2>&1 && grep -q '^   n = 5$' "$T/report.txt" && grep -q 'i alt: 5$' "$T/report.txt"; then
    ok "report pools the 5 answers"
else
    bad "report:"; cat "$T/report.txt"
fi
if strings "$T/eval.sqlite"* | grep -Eq "$TA|$TB|$T1|sid-|127\\.0\\.0\\.1"; then bad "identifying data in the database"; else ok "database holds no token, sid or address"; fi
exit $fail
