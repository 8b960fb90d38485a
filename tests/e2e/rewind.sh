#!/bin/sh
# rewind.sh BIN ROOT - after a rewind, what the room and the facilitator SEE,
# read from the frames drawn (play --headless --frame-text) and the transcript:
# 1. the ending's timeline marks the pass each answer belongs to: a signal
#    voted, rewound to and voted again shows "1. gang" and "2. gang" ("1st
#    time", "2nd time") on its two rows, whole, at least 2.2 % of the window
#    high, at a contrast of at least 4.5:1, in Danish and English at 1024x768
#    and 1920x1080; with thirty rewinds (61 rows) every mark is still drawn
#    whole inside the window.
# 2. the rewind menu with 15 entries: "1 2" rewinds to entry 12, "1" shows
#    entry 1 selected ("▶ 1.") and the typed number in the hint bar and waits,
#    "1 Return" rewinds to 1, "1" and a pause rewinds to 1 (keys from a FIFO,
#    in real time), "1 9" picks nothing and says so, "3 3" rewinds to 3 and
#    the second 3 does not pick option 3 of the choice rewound to; the hint
#    bar says how to type 12.
set -u
BIN=$1 ROOT=$2
PNG=${PNG_CHECK:?PNG_CHECK must point to png_check}
T=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

play() { "$BIN" play --headless --no-phones --db "$T/db.sqlite" "$@" 2>>"$T/err"; }
# last_frame FILE WINDOW: the lines of the last frame drawn on that window
last_frame() { awk -v w="$2" '/^frame /{on = ($4 == w); if (on) buf = ""; next} on {buf = buf $0 "\n"} END {printf "%s", buf}' "$1"; }

# ---- 1. the timeline's passes ------------------------------------------------
R9="Right Right Right Right Right Right Right Right Right"
# first_messages voted (2/5/12), where_are_you picked, then a rewind to
# first_messages and a second vote there (9/2/0); then a pick at every poll
keys="Right S $R9 $R9 V 2 Return 5 Return 1 2 Return V Right $R9 Right Right 3 Right R 1 V 9 Return 2 Return 0 Return V Right"
i=0
while [ $i -lt 200 ]; do keys="$keys 3 Right"; i=$((i + 1)); done
for lang in da en; do
    if [ $lang = da ]; then title="De første beskeder" p1="1. gang" p2="2. gang"
    else title="The first messages" p1="1st time" p2="2nd time"; fi
    for size in 1024x768 1920x1080; do
        W=${size%x*} H=${size#*x}
        rm -f "$T/db.sqlite"
        play --size "$size" --lang $lang --keys "$keys" --transcript "$T/t.txt" \
            --frame-text "$T/f.txt" --screenshot "$T/tl.png" "$ROOT/scenes/stalking"
        if ! grep -q "^rewind 1 first_messages" "$T/t.txt" || ! grep -q "^timeline" "$T/t.txt"; then
            bad "$lang $size: the play did not rewind and reach the timeline"; continue
        fi
        last_frame "$T/f.txt" audience > "$T/last.txt"
        # the rows of the rewound signal: the pass mark drawn on the title's line
        marks=$(awk -v t="$title" '
            { kind = $1; y = $3 + $5 / 2; s = $0; sub(/^[a-z]+ -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s)
              n++; K[n] = kind; Y[n] = y; S[n] = s }
            END { for (i = 1; i <= n; i++) if (S[i] == t)
                    for (j = 1; j <= n; j++) if (j != i && Y[j] - Y[i] <= 4 && Y[i] - Y[j] <= 4 &&
                                                 S[j] ~ /(gang|time)$/) print S[j] }' "$T/last.txt")
        if [ "$(echo "$marks" | head -1)" = "$p1" ] && [ "$(echo "$marks" | sed -n 2p)" = "$p2" ]; then
            ok "$lang $size: the two answers at $title read '$p1' and '$p2'"
        else
            bad "$lang $size: marks at $title: $(echo $marks)"; cat "$T/last.txt"
        fi
        # every mark whole, inside, readable and at 4.5:1
        boxes=$(awk -v W="$W" -v H="$H" '
            { s = $0; sub(/^[a-z]+ -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s) }
            s ~ /^[0-9]+(\.|st|nd|rd|th) (gang|time)$/ {
                if ($1 != "text" || $2 < 0 || $3 < 0 || $2 + $4 > W || $3 + $5 > H || $5 < 0.022 * H)
                    print "BAD " $0
                else printf "--contrast %d %d %d %d 4.5 ", $2, $3, $4, $5 }' "$T/last.txt")
        case $boxes in
        *BAD*) bad "$lang $size: a pass mark is cut, outside or small: $boxes" ;;
        *--contrast*)
            # shellcheck disable=SC2086
            if "$PNG" "$T/tl.png" "$W" "$H" $boxes >/dev/null 2>"$T/png.err"; then
                ok "$lang $size: every pass mark whole, at least 2.2 % high, contrast >= 4.5:1"
            else
                bad "$lang $size: $(cat "$T/png.err")"
            fi ;;
        *) bad "$lang $size: no pass marks drawn" ;;
        esac
    done
done

# many passes: a signal and a stop at every one of 31 passes, 61 rows
mkdir -p "$T/many"
cat > "$T/many/scenario.lua" <<'EOF'
scenario {
  id = "passes",
  languages = { "da", "en" },
  title = { da = "Mange gange", en = "Many passes" },
  start = "a",
  content_note = { da = "Det handler om stalking.", en = "This is about stalking." },
  help = { title = { da = "Hjælp", en = "Help" },
           contacts = { { name = { da = "Politiet", en = "The police" }, phone = "114",
                          text = { da = "Ring", en = "Call" } } } },
  advice = { { da = "Sig det til en voksen.", en = "Tell an adult." } },
}
cast { { id = "sofie", name = "Sofie", color = "#e07a5f" } }
beat "a" {
  title = { da = "Beskederne om natten", en = "The messages at night" },
  say("sofie", { da = "Hej", en = "Hi" }),
  signal { prompt = { da = "OK?", en = "OK?" } },
  next = "b",
}
beat "b" { say("sofie", { da = "Slut", en = "Bye" }), ending = { da = "Slut", en = "The end" } }
EOF
keys="Right Right Right 3 Right Right"
i=0
while [ $i -lt 30 ]; do keys="$keys R 1 S 2 Right $((i % 3 + 1)) Right Right"; i=$((i + 1)); done
for lang in da en; do
    for size in 1024x768 1920x1080; do
        W=${size%x*} H=${size#*x}
        rm -f "$T/db.sqlite"
        # to the timeline page (a Right more would go on to the evaluation)
        play --size "$size" --lang $lang --keys "$keys Right Right" --transcript "$T/t.txt" \
            --frame-text "$T/f.txt" --screenshot "$T/many.png" "$T/many"
        last_frame "$T/f.txt" audience > "$T/last.txt"
        res=$(awk -v W="$W" -v H="$H" '
            { s = $0; sub(/^[a-z]+ -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s) }
            s ~ /^↺[0-9]+$/ || s ~ /^[0-9]+(\.|st|nd|rd|th) (gang|time)$/ {
                marks++
                if ($1 != "text" || $2 < 0 || $3 < 0 || $2 + $4 > W || $3 + $5 > H) badm++ }
            s == "STOP" && $1 != "text" { badm++ }
            $1 == "text" && ($2 < 0 || $3 < 0 || $2 + $4 > W || $3 + $5 > H) { out++ }
            s ~ /^↺31$/ || s ~ /^31(\.|st) (gang|time)$/ { last = 1 }
            END { print marks + 0, badm + 0, out + 0, last + 0 }' "$T/last.txt")
        if [ "$res" = "61 0 0 1" ]; then
            ok "$lang $size: 61 rows over 31 passes, every mark and STOP whole inside the window"
        else
            bad "$lang $size: many passes (marks, bad, outside, 31st): $res"
        fi
    done
done

# ---- 2. the rewind menu's numbers ---------------------------------------------
mkdir -p "$T/fifteen"
{
    cat <<'EOF'
scenario {
  id = "fifteen",
  languages = { "da", "en" },
  title = { da = "Femten valg", en = "Fifteen choices" },
  start = "c1",
  content_note = { da = "Det handler om stalking.", en = "This is about stalking." },
  help = { title = { da = "Hjælp", en = "Help" },
           contacts = { { name = { da = "Politiet", en = "The police" }, phone = "114",
                          text = { da = "Ring", en = "Call" } } } },
  advice = { { da = "Sig det til en voksen.", en = "Tell an adult." } },
}
cast { { id = "sofie", name = "Sofie", color = "#e07a5f" } }
EOF
    i=1
    while [ $i -le 15 ]; do
        cat <<EOF
beat "c$i" {
  title = { da = "Scene $i", en = "Scene $i" },
  say("sofie", { da = "Linje $i", en = "Line $i" }),
  choice { prompt = { da = "Valg $i?", en = "Choice $i?" },
    option { text = { da = "Ja $i", en = "Yes $i" }, to = "c$((i + 1))" },
    option { text = { da = "Nej $i", en = "No $i" }, to = "c$((i + 1))" },
    option { text = { da = "Måske $i", en = "Maybe $i" }, to = "c$((i + 1))" } },
}
EOF
        i=$((i + 1))
    done
    echo 'beat "c16" { say("sofie", { da = "Slut", en = "Bye" }), ending = { da = "Slut", en = "The end" } }'
} > "$T/fifteen/scenario.lua"
K15="Right"
i=0
while [ $i -lt 15 ]; do K15="$K15 Right Right 2 Right"; i=$((i + 1)); done
# fifteen decisions taken, option 2 each time; R opens the menu on them
rewind() { # NAME LANG KEYS...
    name=$1 lang=$2
    shift 2
    rm -f "$T/db.sqlite"
    play --size 1024x768 --lang "$lang" --keys "$K15 $*" --transcript "$T/t-$name.txt" \
        --frame-text "$T/f-$name.txt" --screenshot "$T/$name.png" "$T/fifteen"
    last_frame "$T/f-$name.txt" audience > "$T/last-$name.txt"
}
has_line() { grep -q "$2" "$T/last-$1.txt"; }

rewind menu da R
if has_line menu "tast nummeret (12: 1 2)" && has_line menu "▶ 15\.$"; then
    ok "da: with 15 entries the hint bar says how to type 12; the last entry is selected"
else
    bad "da: menu hint"; cat "$T/last-menu.txt"
fi
rewind menu_en en R
if has_line menu_en "type the number (12: 1 2)"; then
    ok "en: the hint bar says how to type 12"
else
    bad "en: menu hint"; cat "$T/last-menu_en.txt"
fi

rewind twelve da R 1 2
if grep -q "^rewind 12 c12$" "$T/t-twelve.txt" && has_line twelve " Valg 12?$"; then
    ok "'1 2' rewinds to entry 12 and the room sees its choice"
else
    bad "'1 2'"; tail -5 "$T/t-twelve.txt"
fi

for lang in da en; do
    rewind one_$lang $lang R 1
    if [ $lang = da ]; then hint="Nr. 1…   tast næste ciffer – eller Enter / vent: nr. 1"
    else hint="No. 1…   type the next digit – or Return / wait: no. 1"; fi
    if ! grep -q "^rewind [0-9]" "$T/t-one_$lang.txt" && has_line one_$lang " ▶ 1\.$" &&
        has_line one_$lang " $hint$" && ! has_line one_$lang " ▶ 1[0-9]\.$"; then
        ok "$lang: '1' selects entry 1 (drawn ▶ 1.), says so in the hint bar and waits"
    else
        bad "$lang: '1' alone"; cat "$T/last-one_$lang.txt"
    fi
done

rewind one_ret da R 1 Return
if grep -q "^rewind 1 c1$" "$T/t-one_ret.txt" && has_line one_ret " Valg 1?$"; then
    ok "'1 Return' rewinds to entry 1"
else
    bad "'1 Return'"; tail -5 "$T/t-one_ret.txt"
fi

rewind nineteen da R 1 9
if ! grep -q "^rewind [0-9]" "$T/t-nineteen.txt" && has_line nineteen " Der er intet nr. 19 – tast igen$"; then
    ok "'1 9' (no entry 19) picks nothing and says so"
else
    bad "'1 9'"; cat "$T/last-nineteen.txt"
fi

rewind three da R 3 3
if grep -q "^rewind 3 c3$" "$T/t-three.txt" && grep -q "^digit ignored" "$T/t-three.txt" &&
    ! sed -n '/^rewind 3/,$p' "$T/t-three.txt" | grep -q "^pick 3"; then
    ok "'3 3' rewinds to entry 3; the second 3 picks no option there"
else
    bad "'3 3'"; sed -n '/^rewind/,$p' "$T/t-three.txt"
fi

rewind three_six da R 3 2 Right
if grep -q "^rewind 3 c3$" "$T/t-three_six.txt" && sed -n '/^rewind 3/,$p' "$T/t-three_six.txt" | grep -q "^pick 2"; then
    ok "another digit right after the pick still picks an option ('3 2': option 2)"
else
    bad "'3 2'"; sed -n '/^rewind/,$p' "$T/t-three_six.txt"
fi

# "1" and a pause, in real time: keys from a FIFO
mkfifo "$T/keys"
rm -f "$T/db.sqlite"
"$BIN" play --headless --no-phones --db "$T/db.sqlite" --size 1024x768 --keys-from "$T/keys" \
    --transcript "$T/live.txt" --frame-text "$T/f-live.txt" "$T/fifteen" >/dev/null 2>&1 &
PID=$!
exec 3>"$T/keys"
echo "$K15 R 1" >&3
wait_for() { # pattern, seconds
    n=0
    while [ $n -lt $(($2 * 10)) ]; do
        grep -q "$1" "$T/live.txt" 2>/dev/null && return 0
        sleep 0.1; n=$((n + 1))
    done
    return 1
}
# the frame drawn for the digit still waits for a second one (the pick did not
# come at once, however late this script looks), and the pause then picks
if wait_for '^rewind 1 c1$' 30 && grep -q '^rewind typed 1$' "$T/live.txt" &&
    grep -q '^text .* Nr\. 1… .*vent: nr\. 1$' "$T/f-live.txt"; then
    ok "'1' and a pause rewinds to entry 1"
else
    bad "'1' and a pause"; tail -5 "$T/live.txt"; grep 'Nr\. ' "$T/f-live.txt"
fi
exec 3>&-
n=0
while kill -0 "$PID" 2>/dev/null && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
PID=

if [ -s "$T/err" ] && grep -v "info:" "$T/err" | grep -q .; then
    echo "stderr:"; cat "$T/err"
fi
exit $fail
