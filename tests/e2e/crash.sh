#!/bin/sh
# crash.sh BIN ROOT - kills the engine with SIGKILL at random moments while
# many phones submit evaluations, restarts it on the same database, and
# checks that every acknowledged submission is stored and that
# PRAGMA integrity_check passes.  Each submission carries a unique marker in
# its free-text comment so it can be found without storing any id.
set -u
BIN=$1 ROOT=$2
T=${TMPDIR:-/tmp}/spectactor-crash-$$
mkdir -p "$T"
PID="" LOOPS=""
cleanup() {
    for l in $LOOPS; do kill "$l" 2>/dev/null; done
    [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
DB=$T/eval.sqlite
ROUNDS=${CRASH_ROUNDS:-5}
CLIENTS=${CRASH_CLIENTS:-12}
fail=0
: > "$T/acked"

start_engine() {
    rm -f "$T/keys" "$T/tr.txt"
    mkfifo "$T/keys"
    "$BIN" play --headless --size 640x480 --port 0 --db "$DB" --keys-from "$T/keys" \
        --transcript "$T/tr.txt" "$ROOT/tests/data/check/ok" 2>>"$T/err.txt" &
    PID=$!
    exec 3>"$T/keys"
    i=0
    until grep -q '^phones port' "$T/tr.txt" 2>/dev/null; do
        sleep 0.05; i=$((i + 1)); [ $i -gt 600 ] && return 1
    done
    echo "Right Right Right 1 Right Right Right E" >&3
    i=0
    until grep -q '^eval open' "$T/tr.txt" 2>/dev/null; do
        sleep 0.05; i=$((i + 1)); [ $i -gt 600 ] && return 1
    done
    PORT=$(sed -n 's/^phones port \([0-9]*\) room.*/\1/p' "$T/tr.txt")
    ROOM=$(sed -n 's/^phones port [0-9]* room \([A-Z]*\)$/\1/p' "$T/tr.txt")
    # the engine writes "eval open" first and publishes the questionnaire right after
    i=0
    until curl -s "http://127.0.0.1:$PORT/api/state?r=$ROOM" | grep -q '"eval":{"open":true'; do
        sleep 0.05; i=$((i + 1)); [ $i -gt 600 ] && return 1
    done
    return 0
}

answers_prefix() { # the required answers, from the state's questionnaire
    curl -s "http://127.0.0.1:$PORT/api/state?r=$ROOM" |
        grep -o '"id":"[a-z_]*","kind":"[a-z]*","required":true' |
        sed 's/"id":"\([a-z_]*\)","kind":"\([a-z]*\)".*/\1 \2/' |
        while read -r q k; do
            case $k in single) printf '"%s":1,' "$q" ;; yesno) printf '"%s":true,' "$q" ;;
            multi) printf '"%s":[1],' "$q" ;; esac
        done
}

client() { # id: submits until killed; appends the marker of each 200 to acked
    n=0
    while :; do
        n=$((n + 1))
        m="crash-$1-$n-$$"
        # one phone per submission: a token from the server (one evaluation per token)
        tok=$(curl -s -m 5 -H 'Content-Type: application/json' -d "{\"r\":\"$ROOM\"}" \
            "http://127.0.0.1:$PORT/api/join" 2>/dev/null | sed -n 's/.*"t":"\([0-9a-f]*\)".*/\1/p')
        code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
            -d "{\"r\":\"$ROOM\",\"t\":\"$tok\",\"sid\":\"sid-$1-$n-$$-0000000000\",\"answers\":{$PREFIX\"comment\":\"$m\"}}" \
            "http://127.0.0.1:$PORT/api/eval" 2>/dev/null)
        [ "$code" = 200 ] && echo "$m" >> "$T/acked.$1"
    done
}

r=0
while [ $r -lt "$ROUNDS" ]; do
    r=$((r + 1))
    if ! start_engine; then echo "FAIL engine did not start (round $r)"; cat "$T/err.txt"; exit 1; fi
    PREFIX=$(answers_prefix)
    LOOPS=""
    c=0
    while [ $c -lt "$CLIENTS" ]; do
        c=$((c + 1))
        client "$r$c" &
        LOOPS="$LOOPS $!"
    done
    # a random moment between 0.3 and 1.5 s after the first two acknowledgements
    # (up to 30 s for them: a loaded machine may take a while to answer)
    i=0
    until [ "$(cat "$T"/acked.* 2>/dev/null | wc -l)" -ge 2 ]; do
        sleep 0.05; i=$((i + 1)); [ $i -gt 600 ] && break
    done
    sleep "$(awk -v s="$$$r" 'BEGIN { srand(s); printf "%.2f", 0.3 + rand() * 1.2 }')"
    kill -9 "$PID"
    wait "$PID" 2>/dev/null
    PID=""
    for l in $LOOPS; do kill "$l" 2>/dev/null; wait "$l" 2>/dev/null; done
    LOOPS=""
    exec 3>&-
    cat "$T"/acked.* >> "$T/acked" 2>/dev/null
    rm -f "$T"/acked.*
done

total=$(wc -l < "$T/acked")
if [ "$total" -lt 10 ]; then echo "FAIL only $total acknowledged submissions: the test did not load the engine"; fail=1; fi
integrity=$(sqlite3 "$DB" 'PRAGMA integrity_check;')
if [ "$integrity" = ok ]; then echo "ok   integrity_check after $ROUNDS kills"; else echo "FAIL integrity_check: $integrity"; fail=1; fi
sqlite3 "$DB" 'SELECT text FROM texts;' 2>/dev/null > "$T/dump" ||
    sqlite3 "$DB" .dump > "$T/dump"
missing=0
while read -r m; do
    grep -q "$m" "$T/dump" || missing=$((missing + 1))
done < "$T/acked"
if [ $missing -eq 0 ]; then
    echo "ok   all $total acknowledged submissions are stored"
else
    echo "FAIL $missing of $total acknowledged submissions are missing"; fail=1
fi
exit $fail
