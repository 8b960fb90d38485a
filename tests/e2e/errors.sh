#!/bin/sh
# errors.sh BIN ROOT - problems are told to the facilitator, not the room:
# a phone port already in use is shown on the presenter screen and on the
# terminal in the event's language (Danish here), never drawn on the
# projector (the audience frames of --frame-text), and the show goes on
# without phones (hands).  --address picks the address the QR code and the
# join line show; an address the laptop does not have is accepted with a
# warning, and one that is not an IPv4 address is refused.
set -u
BIN=$1 ROOT=$2
SCEN=$ROOT/scenes/stalking
T=${TMPDIR:-/tmp}/spectactor-errors-$$
mkdir -p "$T"
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
# wait_for PATTERN FILE: up to 20 s
wait_for() { i=0; while [ $i -lt 200 ]; do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }
# frames WINDOW FILE: the text lines drawn in that window's frames
frames() { awk -v w="$1" '/^frame / { on = ($NF == w); next } on' "$2"; }

# 1. a first engine holds a port
mkfifo "$T/keys"
"$BIN" play --headless --size 640x360 --port 0 --db "$T/a.sqlite" --keys-from "$T/keys" \
    --transcript "$T/a.txt" "$SCEN" 2>"$T/a.err" &
PID=$!
exec 3>"$T/keys"
wait_for '^phones port' "$T/a.txt" || { bad "the first engine did not start its phones"; exit 1; }
PORT=$(sed -n 's/^phones port \([0-9]*\) .*/\1/p' "$T/a.txt")

# 2. a second one on the same port, in Danish, with a presenter screen
"$BIN" play --headless --size 1280x720 --lang da --port "$PORT" --db "$T/b.sqlite" --presenter \
    --presenter-screenshot "$T/pres.png" --screenshot "$T/aud.png" --keys "Right S Right" \
    --frame-text "$T/b.frames" --transcript "$T/b.txt" "$SCEN" 2>"$T/b.err"
rc=$?
frames presenter "$T/b.frames" >"$T/pres.txt"
frames audience "$T/b.frames" >"$T/aud.txt"
if [ $rc -eq 0 ] && grep -q "Port $PORT er optaget" "$T/pres.txt" && grep -q "Port $PORT er optaget" "$T/b.err"; then
    ok "a port in use is told on the presenter screen and the terminal, in Danish"
else
    bad "port in use not told to the facilitator (rc $rc)"; cat "$T/b.err"; grep -i port "$T/pres.txt"
fi
if [ -s "$T/aud.txt" ] && ! grep -q -i "optaget\|in use\|--port\|$PORT" "$T/aud.txt"; then
    ok "the projector never shows it"
else
    bad "the projector shows the port problem"; grep -i "optaget\|in use\|port" "$T/aud.txt"
fi
if grep -q '^beat party' "$T/b.txt" && grep -q '^narration' "$T/b.txt" && ! grep -q '^phones port' "$T/b.txt"; then
    ok "the show goes on without phones"
else
    bad "the show did not go on"; cat "$T/b.txt"
fi
exec 3>&-
wait $PID
PID=""

# 3. --address: the drawn join address is the chosen one (a laptop's own, then a foreign one)
OWN=$(ip -4 -o addr show 2>/dev/null | awk '$2 != "lo" { sub(/\/.*/, "", $4); print $4; exit }')
for A in $OWN 10.213.7.9; do
    "$BIN" play --headless --size 1280x720 --lang en --port 0 --address "$A" --db "$T/c.sqlite" \
        --frame-text "$T/c.frames" --transcript "$T/c.txt" "$SCEN" 2>"$T/c.err"
    rc=$?
    frames audience "$T/c.frames" >"$T/c.txt2"
    if [ $rc -eq 0 ] && grep -q "$A:[0-9]" "$T/c.txt2" && ! grep -q "http://" "$T/c.err"; then
        ok "--address $A: the projector shows that address"
    else
        bad "--address $A not drawn (rc $rc)"; grep -i "http\|[0-9]\.[0-9]" "$T/c.txt2" | head; cat "$T/c.err"
    fi
done
if grep -q "The address 10.213.7.9 is not one of this computer's" "$T/c.err"; then
    ok "an address the laptop does not have is accepted with a warning"
else
    bad "no warning for a foreign address"; cat "$T/c.err"
fi
"$BIN" play --headless --port 0 --address 10.1.2 "$SCEN" >/dev/null 2>"$T/d.err"
rc=$?
if [ $rc -eq 2 ] && grep -q -- '--address wants an IPv4 address' "$T/d.err"; then
    ok "an address that is not IPv4 is refused"
else
    bad "bad --address: exit $rc"; cat "$T/d.err"
fi
exit $fail
