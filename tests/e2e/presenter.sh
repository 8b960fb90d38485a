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
[ -s "$T/err" ] && { echo "stderr:"; cat "$T/err"; }
exit $fail
