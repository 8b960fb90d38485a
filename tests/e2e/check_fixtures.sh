#!/bin/sh
# check_fixtures.sh SPECTACTOR FIXTURES_DIR
# Runs `spectactor check` on each fixture folder (one author mistake each): a
# fixture whose `expect` file is empty must pass (exit 0, no errors);
# otherwise check must exit 1 (0 when every expected line is a warning) and
# print, for each line of `expect` (an extended regex, usually the exact
# message with its special characters escaped), a line matching it in the
# form path:line: error|warning: message.  An optional `reject` file lists
# extended regexes no line may match (an error must not bring a cascade).
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
    if printf '%s\n' "$want" | grep -q ': error: '; then want_rc=1; else want_rc=0; fi
    if [ $rc -ne $want_rc ]; then
        echo "FAIL $name: exit $rc, expected $want_rc"; printf '%s\n' "$out"; fail=1
        continue
    fi
    missing=0
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        if ! printf '%s\n' "$out" | grep -Eq "^$d/$line\$"; then
            echo "FAIL $name: no line matching '$d/$line' in:"; printf '%s\n' "$out"
            missing=1
        fi
    done <<EOT
$want
EOT
    if [ -f "$d/reject" ]; then
        while IFS= read -r line; do
            [ -n "$line" ] || continue
            if printf '%s\n' "$out" | grep -Eq "$line"; then
                echo "FAIL $name: a line matches '$line' in:"; printf '%s\n' "$out"
                missing=1
            fi
        done <"$d/reject"
    fi
    [ $missing -eq 0 ] && echo "ok   $name" || fail=1
done
exit $fail
