#!/bin/sh
# report.sh BIN ROOT - the coordinator's report end to end: two events played
# headless with hands-up votes at the signal stops (one with a rewind), paper
# forms typed in, then the merged stop table and timeline, the per-event table
# with attendance and labels, safe merging (the same file twice, a copy, a
# questionnaire changed under the same id), the Danish-Excel CSV and the HTML.
set -u
BIN=$1 ROOT=$2
SCEN=$ROOT/scenes/stalking
T=${TMPDIR:-/tmp}/spectactor-report-$$
mkdir -p "$T"
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
has() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }

R9="Right Right Right Right Right Right Right Right Right"
# event 1: first_messages warning (4/17/2), stop at unanswered, ... flood: stalking
keys1=$(sed 's/#.*//' "$ROOT/tests/e2e/paths/advice_da.keys" | tr '\n' ' ')
"$BIN" play --headless --size 640x360 --no-phones --db "$T/a.sqlite" --label 8.A \
    --label school=Nordskolen --attendance 24 --keys "$keys1" --transcript "$T/t1.txt" "$SCEN" ||
    fail "play 1"
# event 2: first_messages stalking (2/5/12), where_are_you picked stalking, then a
# rewind to first_messages and a second vote there (a replay, counted apart)
# (a field per option in turn; a beat's last step and then its poll take a Next each)
keys2="Right S $R9 $R9 V 2 Return 5 Return 1 2 Return V Right $R9 Right Right 3 Right R 1 V 9 Return 2 Return 0 Return V Right"
"$BIN" play --headless --size 640x360 --no-phones --db "$T/b.sqlite" --label 9.B \
    --label school=Sydskolen --attendance 20 --keys "$keys2" --transcript "$T/t2.txt" "$SCEN" ||
    fail "play 2"
has "$T/t2.txt" "rewind 1 first_messages"

# paper forms: 12 for 8.A, 6 for 9.B (overall, learned_new, learned_action, word, know_help, comment)
forms() { i=0; while [ $i -lt "$1" ]; do printf '%d\n1\n1\n%d\n\n\n' $((4 + i % 2)) $((i % 3 + 1)); i=$((i + 1)); done; }
forms 12 | "$BIN" enter --db "$T/a.sqlite" --event 8.A > /dev/null || fail "enter 1"
forms 6 | "$BIN" enter --db "$T/b.sqlite" --event 9.B > /dev/null || fail "enter 2"

# merged report over both files
"$BIN" report --db "$T/a.sqlite" --db "$T/b.sqlite" --lang en --csv "$T/r.csv" --csv-sep ';' \
    --html "$T/r.html" --group-by school > "$T/r.txt" 2> "$T/r.err" || fail "report: $(cat "$T/r.err")"
has "$T/r.txt" "Headline (default-v1, respondents 18)"
has "$T/r.txt" "Rooms (events): 2"
has "$T/r.txt" "stalking / first_messages (signal): rooms 2, votes 42, after a rewind 1"
has "$T/r.txt" "    OK               14 %   rooms said 0"
has "$T/r.txt" "    Warning sign     52 %   rooms said 1"
has "$T/r.txt" "    Stalking         33 %   rooms said 1"
# the scenario's own texts, not only ids: the prompt and the options of a choice
has "$T/r.txt" "    Hvad gør Sofie?"
has "$T/r.txt" "    Hun viser Emma beskederne                       67 %   rooms chose 1"
# the timeline: 9.B said stalking at once, 8.A only at flood
has "$T/r.txt" "  first_messages                     1 rooms"
has "$T/r.txt" "  flood                              1 rooms"
has "$T/r.txt" "  (never)                            0 rooms"
# events side by side, date order, attendance and response rate
has "$T/r.txt" "8.A school=Nordskolen        12     24  50 %"
has "$T/r.txt" "9.B school=Sydskolen          6     20  30 %"
has "$T/r.txt" "Grouped by school"
has "$T/r.txt" "Known limit: differences between separate reports"

# events without the label are one group "-", not a row each
"$BIN" report --db "$T/a.sqlite" --db "$T/b.sqlite" --lang en --group-by grade > "$T/g.txt" 2>&1 ||
    fail "report --group-by grade"
[ "$(sed -n '/^Grouped by grade/,/^$/p' "$T/g.txt" | grep -c '^  [0-9-]* -  ')" = 1 ] ||
    fail "unlabelled events are not one group: $(cat "$T/g.txt")"
has "$T/g.txt" "-           18     44  41 %"

# Danish Excel: byte-order mark, ';' separators, counts and markers apart
head -c 3 "$T/r.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "no byte-order mark"
has "$T/r-stops.csv" "scenario;beat;kind;rooms;rooms_voted;replays;votes;option;label;hands;phones;count;percent;status;rooms_result;first_stalking"
has "$T/r-stops.csv" "stalking;first_messages;signal;2;2;1;42;3;Stalking;14;0;14;33;shown;1;1"
has "$T/r-events.csv" ";school=Nordskolen;stalking;12;24;50;overall:positive;12;12;100;shown"
has "$T/r.csv" "default-v1;overall;single;option;1;18;;;lt5;"
has "$T/r-codebook.csv" "default-v1;overall;group;4+5;positive;Positiv;Positive"

# HTML: suppressed cells say "<5", never an empty bar; the stops and the events
has "$T/r.html" '<td class="sup">&lt;5</td>'
has "$T/r.html" "When did it become stalking?"
has "$T/r.html" "Events side by side"
has "$T/r.html" "@page{size:A4"
grep -q 'fill="#eee"/><rect x="0" y="0" width="0"' "$T/r.html" && fail "an empty bar in the HTML"

# the same event twice (the same file, a copy): counted once, with a warning naming the files
cp "$T/a.sqlite" "$T/copy.sqlite"
"$BIN" report --db "$T/a.sqlite" --db "$T/copy.sqlite" --db "$T/a.sqlite" --lang en > "$T/d.txt" 2> "$T/d.err" ||
    fail "double merge"
has "$T/d.err" "is in $T/a.sqlite and in $T/copy.sqlite: counted once"
has "$T/d.txt" "Responses in total: 12"
has "$T/d.txt" "Rooms (events): 1"
has "$T/d.txt" "Counted once / talt én gang:"

# a questionnaire changed under the same id: refused, or reported apart with --force
sed 's/options = { 4, 5 }/options = { 3, 4, 5 }/' "$ROOT/scenes/questionnaire.lua" > "$T/q.lua"
forms 5 | "$BIN" enter --db "$T/c.sqlite" --scenario stalking --label 10.C --questionnaire "$T/q.lua" > /dev/null ||
    fail "enter 3"
"$BIN" report --db "$T/a.sqlite" --db "$T/c.sqlite" --lang en > "$T/c.txt" 2> "$T/c.err" &&
    fail "a changed questionnaire was merged"
has "$T/c.err" "questionnaire 'default-v1' of event 10.C"
has "$T/c.err" "use --force"
"$BIN" report --db "$T/a.sqlite" --db "$T/c.sqlite" --lang en --force > "$T/f.txt" 2> "$T/f.err" ||
    fail "--force"
has "$T/f.txt" "CHANGED QUESTIONNAIRE"
has "$T/f.txt" "Responses in total: 5"
has "$T/f.txt" "Responses in total: 12"
# free-text review: a name redacted before approval
printf '5\n1\n1\n2\n\nMads fra 9.B er led, men stykket var godt\n' |
    "$BIN" enter --db "$T/e.sqlite" --scenario stalking --label 7.D > /dev/null || fail "enter 4"
printf 'r\nMads\na\n' | "$BIN" report --review --db "$T/e.sqlite" > "$T/rv.txt" || fail "review"
has "$T/rv.txt" "[...] fra 9.B er led, men stykket var godt"
has "$T/rv.txt" "1 godkendt / approved (1 med rettelser / redacted)"
"$BIN" report --db "$T/e.sqlite" --lang en > "$T/e.txt" || fail "report e"
has "$T/e.txt" "   - [...] fra 9.B er led, men stykket var godt"
grep -q "Mads fra" "$T/e.txt" && fail "the name is still in the report"
echo "ok: report"
