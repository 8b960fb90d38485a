#!/bin/sh
# play_path.sh BIN SCENARIO_DIR KEYS_FILE EXPECTED_TRANSCRIPT [extra play args...]
# Plays a scenario headless with the keys in KEYS_FILE (SDL key names,
# whitespace separated, '#' comments) and compares the transcript with
# EXPECTED_TRANSCRIPT line by line.  The last frame must be a real picture.
set -u
BIN=$1 SCEN=$2 KEYS=$3 WANT=$4
shift 4
OUT=${TMPDIR:-/tmp}/spectactor-e2e-$$
mkdir -p "$OUT"
trap 'rm -rf "$OUT"' EXIT
keys=$(sed 's/#.*//' "$KEYS" | tr '\n' ' ')
"$BIN" play --headless --size 1280x720 --no-phones "$@" --keys "$keys" \
    --transcript "$OUT/transcript.txt" --screenshot "$OUT/last.png" "$SCEN"
rc=$?
if [ $rc -ne 0 ]; then
    echo "FAIL: spectactor exited $rc"
    exit 1
fi
if ! diff -u "$WANT" "$OUT/transcript.txt"; then
    echo "FAIL: transcript differs from $WANT"
    exit 1
fi
if [ -n "${PNG_CHECK:-}" ]; then
    "$PNG_CHECK" "$OUT/last.png" 1280 720 || exit 1
fi
echo "ok: $(wc -l < "$OUT/transcript.txt") transcript lines match"
