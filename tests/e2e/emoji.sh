#!/bin/sh
# emoji.sh BIN ROOT - emoji in the bundled scenario's text as the room sees
# them (play --headless, --frame-text and the screenshot's pixels):
# 1. with the emoji font (fonts-noto-color-emoji): Mads's "Tak skat. Det er
#    bare os to ❤️" is drawn, the text log lists the line with its heart,
#    and the heart's place on the frame holds a coloured heart while the
#    words stay off-white; no warning.
# 2. without one (SPECTACTOR_EMOJI_FONT names no file): the line is still
#    drawn and listed, the heart is DejaVu's own (no colour), emoji DejaVu
#    lacks (Emma's 👀) are left out instead of drawn as boxes, and the log
#    warns once.
set -u
BIN=$1 ROOT=$2
PNG=${PNG_CHECK:?PNG_CHECK must point to png_check}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
HEART="❤️"

r() { i=0; while [ "$i" -lt "$1" ]; do printf 'Right '; i=$((i + 1)); done; }
# welcome (S skips the statements), party, first_messages (signal), where_are_you (signal), unanswered
# (option 1), apologises, then the 8 steps of isolation up to Mads's line
# (tests/data/stalking_paths.md)
KEYS="Right S $(r 9)$(r 9)2 Right $(r 11)2 Right $(r 10)1 Right $(r 5)$(r 8)"

play() {
    rm -f "$T/db.sqlite"
    "$BIN" play --headless --no-phones --db "$T/db.sqlite" --size 1280x720 --lang da --keys "$KEYS" \
        --screenshot "$T/$1.png" --frame-text "$T/$1.txt" "$ROOT/scenes/stalking" 2>"$T/$1.err"
}

# last_frame NAME: the text lines of the last frame drawn
last_frame() { awk '/^frame / { n = 0; delete l; next } { l[n++] = $0 } END { for (i = 0; i < n; i++) print l[i] }' "$T/$1.txt"; }

# 1. the emoji font
if play colour; then ok "play to Mads's line"; else bad "play: $(cat "$T/colour.err")"; fi
last_frame colour >"$T/colour.last"
words=$(grep '^text .* bare os to' "$T/colour.last" | tail -n 1)
heart=$(grep "^text .*$HEART" "$T/colour.last" | tail -n 1)
if [ -n "$words" ] && [ -n "$heart" ]; then
    ok "the frame-text log lists the line and its heart: $words / $heart"
else
    bad "line or heart missing from the last frame:"; cat "$T/colour.last"
fi
set -- $heart
hx=$2 hy=$3 hw=$4 hh=$5
# the heart is the last thing on its line: a square of the line's height at its end
if [ -n "$heart" ] && "$PNG" "$T/colour.png" 1280 720 --colour-box $((hx + hw - hh)) "$hy" "$hh" "$hh" >/dev/null; then
    ok "a coloured heart at the end of the line"
else
    bad "no coloured heart at $hx,$hy ${hw}x$hh"
fi
set -- $words
if [ -n "$words" ] && [ "$4" -gt "$((hh + 4))" ] &&
    "$PNG" "$T/colour.png" 1280 720 --grey-box "$2" "$3" $(($4 - hh - 4)) "$5" >/dev/null; then
    ok "the words stay off-white"
else
    bad "the words are coloured or missing: $words"
fi
if grep -qi "emoji" "$T/colour.err"; then bad "warning with the emoji font: $(cat "$T/colour.err")"; else ok "no warning"; fi

# 2. no emoji font
if SPECTACTOR_EMOJI_FONT=/nonexistent/NoEmoji.ttf play mono; then ok "play without an emoji font"; else bad "play: $(cat "$T/mono.err")"; fi
last_frame mono >"$T/mono.last"
heart=$(grep "^text .*$HEART" "$T/mono.last" | tail -n 1)
if grep -q '^text .* bare os to' "$T/mono.last" && [ -n "$heart" ]; then
    ok "without an emoji font the line and its heart are still listed"
else
    bad "line missing without an emoji font:"; cat "$T/mono.last"
fi
set -- $heart
if [ -n "$heart" ] && "$PNG" "$T/mono.png" 1280 720 --grey-box "$2" "$3" "$4" "$5" >/dev/null; then
    ok "DejaVu's own heart, no colour"
else
    bad "coloured pixels without an emoji font at: $heart"
fi
if grep -q "Mads?? 👀 Fortæl" "$T/mono.txt"; then ok "Emma's line with 👀 is listed"; else bad "Emma's 👀 line not drawn"; fi
n=$(grep -c "no emoji font found" "$T/mono.err")
if [ "$n" = 1 ]; then ok "one warning: $(grep "no emoji font" "$T/mono.err")"; else bad "$n warnings: $(cat "$T/mono.err")"; fi

[ "$fail" = 0 ] && echo "all emoji checks passed"
exit "$fail"
