#!/bin/sh
# presenter.sh BIN ROOT - what the facilitator keeps to themselves never
# reaches the projector: with --presenter, N (notes) and I (idea moderation)
# open on the presenter window and the projector's screenshot stays
# byte-identical to the one without the key; without a presenter window, N
# and I first show the room a warning, which Escape takes away again.
set -u
BIN=$1 ROOT=$2
T=${TMPDIR:-/tmp}/spectactor-presenter-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
BUNDLED=$ROOT/scenes/stalking

play() { "$BIN" play --headless --no-phones --size 1280x720 "$@" "$BUNDLED"; }
same() { cmp -s "$1" "$2"; }

# the reference: the first beat's first step, projector and presenter
play --keys "Right S Right" --screenshot "$T/base.png" --presenter-screenshot "$T/pbase.png" 2>"$T/err" ||
    { bad "reference run"; cat "$T/err"; }
play --keys "Right S Right" --screenshot "$T/base-alone.png" 2>>"$T/err" || bad "reference run without presenter"

# 1. with a presenter window: N, I, the scroll keys leave the projector as it was
for keys in "N" "I" "N I" "] [" "Ctrl+Down"; do
    name=$(echo "$keys" | tr -c 'A-Za-z0-9\n' '_')
    if play --keys "Right S Right $keys" --screenshot "$T/p-$name.png" \
        --presenter-screenshot "$T/pp-$name.png" --transcript "$T/t-$name" 2>>"$T/err" &&
        same "$T/base.png" "$T/p-$name.png"; then
        ok "with --presenter, '$keys' leaves the projector unchanged"
    else
        bad "with --presenter, '$keys' changed the projector"
    fi
    if grep -q "key unknown" "$T/t-$name"; then
        bad "'$keys' is not a key"
    fi
done
# ... while the presenter window shows that the notes and the queue are open
if ! same "$T/pbase.png" "$T/pp-N.png" && ! same "$T/pbase.png" "$T/pp-I.png"; then
    ok "the presenter window marks the notes and the idea queue"
else
    bad "the presenter window did not change for N or I"
fi
# and the story goes on under them: Next after N shows the next step
play --presenter --keys "Right S Right N Right" --screenshot "$T/p-next.png" --transcript "$T/t-next" 2>>"$T/err"
if grep -q "^line mads: " "$T/t-next"; then
    ok "Next still moves the story while the notes are open on the presenter window"
else
    bad "Next under the notes"; cat "$T/t-next"
fi

# 2. without one: N and I warn first (the projector changes), Escape restores it
for k in N I; do
    play --keys "Right S Right $k" --screenshot "$T/w-$k.png" 2>>"$T/err"
    play --keys "Right S Right $k Escape" --screenshot "$T/w-$k-esc.png" 2>>"$T/err"
    if ! same "$T/base-alone.png" "$T/w-$k.png" && same "$T/base-alone.png" "$T/w-$k-esc.png"; then
        ok "without a presenter window, $k warns the room and Escape takes it away"
    else
        bad "without a presenter window, $k"
    fi
done
# the warning is a card of its own: confirming with the same key changes the frame again
play --keys "Right S Right N N" --screenshot "$T/w-NN.png" 2>>"$T/err"
if ! same "$T/w-N.png" "$T/w-NN.png"; then
    ok "N again shows the notes after the warning"
else
    bad "N N shows the same frame as the warning"
fi
# 3. hands only (--no-phones, or --count hands with phones on): the presenter
# shows no phone column and no "joined · voted" line at an open signal poll,
# until C switches the poll to phones (then both) - read from its frames
R9="Right Right Right Right Right Right Right Right Right"
AT_POLL="Right S $R9 $R9 V" # first_messages' signal, the vote open
# pframe ARGS...: the presenter's last frame, one "kind x y w h text" line each
pframe() {
    rm -f "$T/ph.sqlite"
    "$BIN" play --headless --size 1280x720 --db "$T/ph.sqlite" --presenter "$@" \
        --frame-text "$T/pf.txt" "$BUNDLED" 2>>"$T/err"
    awk '/^frame /{on = ($4 == "presenter"); if (on) buf = ""; next} on {buf = buf $0 "\n"}
         END {printf "%s", buf}' "$T/pf.txt" | sed 's/^[a-z]* -*[0-9]* -*[0-9]* [0-9]* [0-9]* //'
}
# heads LANG: which count columns and phone lines the presenter drew
heads() {
    if [ "$1" = da ]; then h="hænder" p="tlf." t="i alt" j="tilsluttet"; else h="hands" p="phones" t="total" j="joined"; fi
    out=""
    grep -qx "$h" "$T/pl.txt" && out="$out hands"
    grep -qx "$p" "$T/pl.txt" && out="$out phones"
    grep -qx "$t" "$T/pl.txt" && out="$out total"
    grep -q "^$j [0-9]* · " "$T/pl.txt" && out="$out joined"
    echo "${out# }"
}
for lang in da en; do
    pframe --lang $lang --no-phones --keys "$AT_POLL" > "$T/pl.txt"
    got=$(heads $lang)
    [ "$got" = "hands" ] && ok "$lang --no-phones: the presenter counts hands only" ||
        { bad "$lang --no-phones: presenter shows '$got'"; cat "$T/pl.txt"; }
    pframe --lang $lang --port 0 --count hands --keys "$AT_POLL" > "$T/pl.txt"
    got=$(heads $lang)
    [ "$got" = "hands" ] && ok "$lang --count hands: the presenter counts hands only" ||
        { bad "$lang --count hands: presenter shows '$got'"; cat "$T/pl.txt"; }
    pframe --lang $lang --port 0 --count hands --keys "$AT_POLL C" > "$T/pl.txt"
    got=$(heads $lang)
    [ "$got" = "phones joined" ] && ok "$lang --count hands, C: phones counted, their column and line shown" ||
        { bad "$lang --count hands, C: presenter shows '$got'"; cat "$T/pl.txt"; }
    pframe --lang $lang --port 0 --count hands --keys "$AT_POLL C C" > "$T/pl.txt"
    got=$(heads $lang)
    [ "$got" = "hands phones total joined" ] && ok "$lang --count hands, C C: hands, phones and the total" ||
        { bad "$lang --count hands, C C: presenter shows '$got'"; cat "$T/pl.txt"; }
done
[ -s "$T/err" ] && grep -v "info: phone server" "$T/err" | grep -q . && { echo "stderr:"; cat "$T/err"; }
exit $fail
