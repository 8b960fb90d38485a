#!/bin/sh
# windows.sh ZIP LINUX_BIN ROOT - the Windows package's smoke test under wine:
# unzips the package into a folder with a Danish name, then runs the exe with
# SDL's offscreen video driver: --version, check of the bundled scenario, a
# headless play whose screenshot is compared with the Linux build's (layout
# equal, small glyph differences tolerated), the phone server answering the
# page, a join, a vote and evaluation answers on loopback, and `report` on
# the resulting database.  Prints "N passed, N failed".
set -u
ZIP=$1 LINUX_BIN=$2 ROOT=$3
T=$(mktemp -d "${TMPDIR:-/tmp}/spectactor-win-XXXXXX")
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }

command -v wine >/dev/null 2>&1 || { echo "FAIL wine is not installed"; echo "0 passed, 1 failed"; exit 1; }
export WINEPREFIX="${SPECTACTOR_WINEPREFIX:-$T/wineprefix}"
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
unset DISPLAY WAYLAND_DISPLAY
timeout 300 wineboot -i >/dev/null 2>&1 || true

DIR="$T/Lærer/Dialog på skolen"
mkdir -p "$DIR"
(cd "$DIR" && unzip -q "$ZIP") || { bad "unzip $ZIP"; echo "$passed passed, $failed failed"; exit 1; }
PKG=$(ls -d "$DIR"/spectactor-*-win64 | head -n1)
EXE="$PKG/spectactor.exe"
win() { (cd "$PKG" && timeout 120 wine "$EXE" "$@"); }

# 1. --version, printed from a GUI-subsystem exe
v=$(win --version 2>/dev/null | tr -d '\r')
case "$v" in "spectactor "[0-9]*) ok "--version: $v" ;; *) bad "--version printed '$v'" ;; esac
if win --version 2>/dev/null | od -c | grep -q '\\r'; then bad "stdout has CR (not binary mode)"; else ok "stdout without CR"; fi

# 2. the bundled scenario passes the checker (data found beside the exe)
if out=$(win check scenes/stalking 2>&1) && echo "$out" | grep -q '0 errors'; then
    ok "check scenes/stalking"
else
    bad "check scenes/stalking: $out"
fi
# found from another working directory too (data folder relative to the exe)
if out=$(cd "$T" && timeout 120 wine "$EXE" check "$(cd "$PKG" && pwd)/scenes/stalking" 2>&1) &&
    echo "$out" | grep -q '0 errors'; then
    ok "check from another folder"
else
    bad "check from another folder: $out"
fi

# the emoji font bundled with its licence
if [ -f "$PKG/assets/fonts/Symbola_hint.ttf" ] && [ -s "$PKG/LICENSES/Symbola/copyright.txt" ]; then
    ok "the emoji font (Symbola) and its licence are bundled"
else
    bad "no assets/fonts/Symbola_hint.ttf or LICENSES/Symbola/copyright.txt"
fi

# 3. a headless play with a screenshot, compared with the Linux build's
KEYS="Right Right Right Right"
win play --headless --no-phones --size 1280x720 --lang da --keys "$KEYS" \
    --screenshot skærm.png --transcript udskrift.txt scenes/stalking >"$T/play.out" 2>&1
if [ -s "$PKG/skærm.png" ] && [ -s "$PKG/udskrift.txt" ]; then
    ok "headless play wrote a screenshot and a transcript into a Danish-named folder"
else
    bad "headless play: $(cat "$T/play.out")"
fi
(cd "$ROOT" && SPECTACTOR_DATA="$ROOT" "$LINUX_BIN" play --headless --no-phones --size 1280x720 --lang da \
    --keys "$KEYS" --screenshot "$T/linux.png" --transcript "$T/linux.txt" scenes/stalking) >/dev/null 2>&1
if cmp -s "$PKG/udskrift.txt" "$T/linux.txt"; then
    ok "transcript byte-identical to the Linux build's (no CR)"
else
    bad "transcript differs from Linux:"; diff "$T/linux.txt" "$PKG/udskrift.txt" | head -n 10
fi
if r=$(python3 "$ROOT/tests/package/png_compare.py" "$T/linux.png" "$PKG/skærm.png" 2>&1); then
    ok "screenshot matches the Linux one ($r)"
else
    bad "screenshot differs from the Linux one: $r"
fi

# 4. the phone server on loopback: page, join, vote, evaluation answers
mkdir -p "$PKG/test-scene"
cp -r "$ROOT/tests/data/check/ok/." "$PKG/test-scene/"
mkfifo "$T/keys"
(cd "$PKG" && exec timeout 180 wine "$EXE" play --headless --size 640x480 --port 0 --count phones --db svar.sqlite \
    --keys-from - --transcript phones.txt test-scene <"$T/keys" >"$T/phones.out" 2>&1) &
PID=$!
exec 3>"$T/keys"
TR="$PKG/phones.txt"
wait_for() { # pattern seconds
    i=0
    while [ $i -lt $(($2 * 10)) ]; do
        tr -d '\r' 2>/dev/null <"$TR" | grep -q "$1" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
if wait_for '^phones port' 60; then
    PORT=$(tr -d '\r' <"$TR" | sed -n 's/^phones port \([0-9]*\) room.*/\1/p')
    ROOM=$(tr -d '\r' <"$TR" | sed -n 's/^phones port [0-9]* room \([A-Z]*\)$/\1/p')
    URL="http://127.0.0.1:$PORT"
    post() {
        curl -s -m 20 -o "$T/body" -w '%{http_code}' -H 'Content-Type: application/json' -d "$2" "$URL$1"
        printf ' '
        cat "$T/body"
        echo
    }
    state() { curl -s -m 20 "$URL/api/state?r=$ROOM"; }
    # an idle engine with the phone server sleeps (the notifier's timed
    # wait once spun half a core in a naive port)
    WP=$(pgrep -f 'spectactor.exe play --headless --size 640x480 --port 0 --count phones --db svar.sqlite' | tail -n1)
    cpu() { awk '{print $14 + $15}' "/proc/$WP/stat" 2>/dev/null || echo 0; }
    if [ -n "$WP" ]; then
        c0=$(cpu)
        sleep 3
        c1=$(cpu)
        hz=$(getconf CLK_TCK)
        if [ $((c1 - c0)) -lt $((hz / 2)) ]; then
            ok "idle with the phone server: $((c1 - c0)) ticks of CPU in 3 s"
        else
            bad "idle engine used $((c1 - c0)) ticks of CPU in 3 s (spinning?)"
        fi
    fi
    case "$(curl -s -m 20 -o /dev/null -w '%{http_code}' "$URL/")" in
    200) ok "phone page served" ;;
    *) bad "phone page" ;;
    esac
    # the server issues the tokens: one per join
    join() { post /api/join "{\"r\":\"$ROOM\"}" | sed -n 's/^200 .*"t":"\([0-9a-f]*\)".*/\1/p'; }
    TOK=$(join)
    if [ ${#TOK} = 32 ]; then ok "join issues a token"; else bad "join: '$TOK'"; fi
    # the beat's last step, then its choice, then the vote
    echo "Right Right Right V" >&3
    wait_for '^vote open' 30 || bad "vote did not open"
    sleep 0.5
    POLL=$(state | sed -n 's/.*"poll":{"id":\([0-9]*\).*/\1/p')
    r=$(post /api/vote "{\"r\":\"$ROOM\",\"t\":\"$TOK\",\"poll\":$POLL,\"option\":2}")
    case "$r" in 200*) ok "vote" ;; *) bad "vote: $r" ;; esac
    wait_for "^phone vote $POLL 2" 10
    echo "V" >&3
    if wait_for '^result phones 1=0 2=1' 30; then ok "the phone's vote is counted"; else bad "result: $(grep '^result' "$TR")"; fi
    # Known under wine: after a vote decided by a phone, the engine stops
    # taking keys from the FIFO (not seen on Linux, nor under wine with hands
    # or --keys).  The evaluation is checked in a second engine on the same
    # database, driven with hands, until that is found.
    exec 3>&-
    kill "$PID" 2>/dev/null
    wait "$PID" 2>/dev/null
    rm -f "$T/keys" "$TR"
    mkfifo "$T/keys"
    (cd "$PKG" && exec timeout 180 wine "$EXE" play --headless --size 640x480 --port 0 --count hands \
        --db svar.sqlite --keys-from - --transcript phones.txt test-scene <"$T/keys" >"$T/phones2.out" 2>&1) &
    PID=$!
    exec 3>"$T/keys"
    wait_for '^phones port' 60 || bad "the second engine did not start"
    PORT=$(tr -d '\r' <"$TR" | sed -n 's/^phones port \([0-9]*\) room.*/\1/p')
    ROOM=$(tr -d '\r' <"$TR" | sed -n 's/^phones port [0-9]* room \([A-Z]*\)$/\1/p')
    URL="http://127.0.0.1:$PORT"
    echo "Right Right Right V 0 Return 1 Return V Right Right Right Right E" >&3
    wait_for '^eval open' 30 || bad "evaluation did not open"
    sleep 0.5
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
        t=$(join) # one evaluation per token
        r=$(post /api/eval "{\"r\":\"$ROOM\",\"t\":\"$t\",\"sid\":\"sid-000000000000000$n\",\"answers\":{$answers}}")
        case "$r" in 200*) ;; *) bad "eval $n: $r" ;; esac
    done
    n=$(tr -d '\r' <"$TR" | grep -c '^eval answer saved$')
    if [ "$n" = 5 ]; then ok "5 evaluation answers stored"; else bad "$n evaluation answers stored"; fi
else
    bad "phone server did not start: $(cat "$T/phones.out")"
fi
exec 3>&-
i=0
while kill -0 "$PID" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
kill "$PID" 2>/dev/null
PID=""

# 5. report on the resulting database
if win report --db svar.sqlite >"$T/report.txt" 2>&1 && tr -d '\r' <"$T/report.txt" | grep -q '^   n = 5$'; then
    ok "report pools the 5 answers"
else
    bad "report: $(head -n 20 "$T/report.txt")"
fi
if grep -q "$(printf '\r')" "$T/report.txt"; then bad "report has CR line ends"; else ok "report without CR"; fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
