#!/bin/sh
# authoring_example.sh BIN ROOT - the complete example in docs/authoring.md is
# copied out of the document, must pass `spectactor check`, and plays both
# of its endings headless as the document says.
set -u
BIN=$1 ROOT=$2
T=${TMPDIR:-/tmp}/spectactor-example-$$
mkdir -p "$T/my_first"
trap 'rm -rf "$T"' EXIT
fail=0
# the lua block whose first line names the file
awk '/^```lua$/ { inb = 1; first = 1; next }
     /^```$/ { if (take) exit; inb = 0; next }
     inb && first { first = 0; if ($0 == "-- scenes/my_first/scenario.lua") take = 1 }
     take' "$ROOT/docs/authoring.md" > "$T/my_first/scenario.lua"
if [ "$(wc -l < "$T/my_first/scenario.lua")" -lt 40 ]; then
    echo "FAIL: no example found in docs/authoring.md"; exit 1
fi
if "$BIN" check "$T/my_first" > "$T/check.txt" 2>&1 && ! grep -q ': error: \|: warning: ' "$T/check.txt"; then
    echo "ok   the example passes spectactor check"
else
    echo "FAIL check:"; cat "$T/check.txt"; fail=1
fi
"$BIN" play --headless --size 1280x720 --no-phones --db "$T/e.sqlite" --lang en \
    --keys "Right Right Right Right 2 Right Right Right 2 1 Right Right Right 2 Right Right Right" --transcript "$T/told.txt" "$T/my_first" 2>/dev/null
if grep -q '^signal evening result warning$' "$T/told.txt" &&
    grep -q '^option 2 disabled (She has not saved anything yet): She shows them to her mum$' "$T/told.txt" &&
    grep -q '^branch choice option 1 -> choice$' "$T/told.txt" &&
    grep -q '^option 1 disabled (used): She takes screenshots$' "$T/told.txt" &&
    grep -q '^ending told$' "$T/told.txt"; then
    echo "ok   the example's condition, once-only option and effect lead to 'told'"
else
    echo "FAIL told path:"; cat "$T/told.txt"; fail=1
fi
"$BIN" play --headless --size 1280x720 --no-phones --db "$T/e.sqlite" --lang da \
    --keys "Right Right Right Right 1 Right Right Right 3 Right Right Right Right" --transcript "$T/answered.txt" "$T/my_first" 2>/dev/null
if grep -q '^ending answered$' "$T/answered.txt" && grep -q 'Endelig. Ring til mig NU' "$T/answered.txt"; then
    echo "ok   the other branch ends in 'answered'"
else
    echo "FAIL answered path:"; cat "$T/answered.txt"; fail=1
fi
exit $fail
