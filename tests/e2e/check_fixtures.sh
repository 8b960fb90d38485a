#!/bin/sh
# check_fixtures.sh SPECTACTOR FIXTURES_DIR
# Runs `spectactor check` on each fixture folder: a fixture whose `expect`
# file is empty must pass (exit 0, no errors); otherwise check must exit 1
# and print a line matching the extended regex in `expect`, in the form
# path:line: error|warning: message.
set -u
BIN=$1
DIR=$2
fail=0
for d in "$DIR"/*/; do
    d=${d%/}
    name=$(basename "$d")
    want=$(cat "$d/expect")
    out=$("$BIN" check "$d" 2>/dev/null)
    rc=$?
    if [ -z "$want" ]; then
        if [ $rc -ne 0 ] || printf '%s\n' "$out" | grep -q ': error: '; then
            echo "FAIL $name: expected a clean check, got exit $rc:"; printf '%s\n' "$out"; fail=1
        else
            echo "ok   $name"
        fi
        continue
    fi
    if printf '%s\n' "$want" | grep -q ': warning: '; then want_rc=0; else want_rc=1; fi
    if [ $rc -ne $want_rc ]; then
        echo "FAIL $name: exit $rc, expected $want_rc"; printf '%s\n' "$out"; fail=1
    elif ! printf '%s\n' "$out" | grep -Eq "^$d/$want"; then
        echo "FAIL $name: no line matching '$d/$want' in:"; printf '%s\n' "$out"; fail=1
    else
        echo "ok   $name"
    fi
done
exit $fail
