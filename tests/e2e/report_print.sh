#!/bin/sh
# report_print.sh BIN ROOT - the HTML report in a real browser (chromium,
# headless): it prints to A4 pages, the rendered page still says "<5" where
# a cell is suppressed (no empty bar), and a screenshot is a real picture.
# Reports a skip (77) without chromium.
set -u
BIN=$1 ROOT=$2
CHROME=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROME" ] || { echo "skip: chromium is not installed"; exit 77; }
T=${TMPDIR:-/tmp}/spectactor-print-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
i=0
while [ $i -lt 7 ]; do printf '%d\n1\n1\n%d\n\n\n' $((4 + i % 2)) $((i % 3 + 1)); i=$((i + 1)); done |
    "$BIN" enter --db "$T/a.sqlite" --scenario stalking --label "8.Å" > /dev/null || fail "enter"
"$BIN" report --db "$T/a.sqlite" --html "$T/r.html" > /dev/null || fail "report"
run() { timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$T/profile" "$@" 2> "$T/chrome.err"; }
run --no-pdf-header-footer --print-to-pdf="$T/r.pdf" "file://$T/r.html" || fail "print: $(tail -3 "$T/chrome.err")"
# A4 is 595 x 842 points
grep -a -q "MediaBox \[0 0 59[45]\.[0-9]* 84[12]\.[0-9]*\]" "$T/r.pdf" || fail "not A4: $(grep -a -o 'MediaBox[^]]*]' "$T/r.pdf" | head -1)"
run --dump-dom "file://$T/r.html" > "$T/dom.html" || fail "dump-dom"
grep -q '<td class="sup">&lt;5</td>' "$T/dom.html" || fail "the rendered page lacks the <5 labels"
grep -q 'fill="#eee"/><rect x="0" y="0" width="0"' "$T/dom.html" && fail "an empty bar"
run --screenshot="$T/r.png" --window-size=1024,1400 "file://$T/r.html" || fail "screenshot"
if [ -n "${PNG_CHECK:-}" ]; then
    "$PNG_CHECK" "$T/r.png" 1024 1400 || fail "screenshot is not a picture"
fi
echo "ok: report prints to A4 and says <5"
