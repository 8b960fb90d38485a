#!/bin/sh
# report_xlsx.sh BIN ROOT - `report --xlsx` opened with a real reader
# (python3-openpyxl): the sheets, numbers as numbers, "<5" in the status
# column.  Reports a skip (77) without python3-openpyxl.
set -u
BIN=$1 ROOT=$2
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c "import openpyxl" 2>/dev/null || { echo "skip: python3-openpyxl is not installed"; exit 77; }
T=${TMPDIR:-/tmp}/spectactor-xlsx-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
keys=$(sed 's/#.*//' "$ROOT/tests/e2e/paths/advice_da.keys" | tr '\n' ' ')
"$BIN" play --headless --size 640x360 --no-phones --db "$T/a.sqlite" --label 8.A --attendance 24 \
    --keys "$keys" "$ROOT/scenes/stalking" || { echo "FAIL: play"; exit 1; }
i=0
while [ $i -lt 12 ]; do printf '%d\n1\n1\n%d\n\n\n' $((4 + i % 2)) $((i % 3 + 1)); i=$((i + 1)); done |
    "$BIN" enter --db "$T/a.sqlite" --event 8.A > /dev/null || { echo "FAIL: enter"; exit 1; }
"$BIN" report --db "$T/a.sqlite" --lang en --xlsx "$T/r.xlsx" > /dev/null || { echo "FAIL: report"; exit 1; }
"$PY" - "$T/r.xlsx" <<'PYEOF' || exit 1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
names = wb.sheetnames
want = ["summary", "1 overall", "2 learned_new", "3 learned_action", "4 word_stalking",
        "5 know_help", "events", "stops", "codebook"]
assert names == want, names
def rows(ws):
    return [[c.value for c in r] for r in ws.iter_rows()]
s = rows(wb["summary"])
assert s[1][:7] == ["questionnaire", "fingerprint", "measure", "n", "count", "percent", "status"], s[1]
resp = [r for r in s if r[2] == "Respondents"][0]
assert resp[3] == 12, resp
pos = [r for r in s if r[2] and r[2].endswith(": Positive")][0]
assert pos[3:6] == [12, 12, 100] and isinstance(pos[5], (int, float)), pos
o = rows(wb["1 overall"])
bad = [r for r in o if r[2] == "Very bad"][0]
assert bad[4] is None and bad[5] is None and bad[6] == "<5", bad
good = [r for r in o if r[2] == "Good"][0]
assert good[3:6] == [12, 6, 50], good
ev = rows(wb["events"])
assert ev[1][:8] == [ev[1][0], "8.A", None, "stalking", "default-v1", 12, 24, 50], ev[1]
st = rows(wb["stops"])
fm = [r for r in st if r[1] == "first_messages" and r[7] == 2][0]
assert fm[3:7] == [1, 1, 0, 23] and fm[9:13] == [17, 0, 17, 74] and fm[13] is None, fm
fm3 = [r for r in st if r[1] == "first_messages" and r[7] == 3][0]
assert fm3[11] is None and fm3[13] == "<5", fm3
fl = [r for r in st if r[1] == "flood" and r[7] == 3][0]
assert fl[15] == 1, fl
cb = rows(wb["codebook"])
assert ["default-v1", "overall", "option", None, 5, "Meget godt", "Very good"] in cb, cb[:8]
assert ["default-v1", "overall", "group", None, "positive", "Positiv", "Positive"] in cb
print("ok: xlsx")
PYEOF
