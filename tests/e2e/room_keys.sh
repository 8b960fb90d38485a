#!/bin/sh
# room_keys.sh BIN ROOT - what a facilitator's keys do, read from what is
# drawn (play --headless --frame-text, the projector's and the presenter's
# frames) and from the transcript, on the bundled scenario:
# 1. a stray Back after a reveal keeps the counted result: Next comes back
#    to the same result (the same counts, still correctable), never to a new
#    vote; by hands, by phones and both, at a signal poll and a choice, with
#    double presses; a stray Back on a revealed stop poll records its result.
# 2. the presenter's key line names only keys that work in that state (the
#    count keys during a vote, no V/S/R/E on the welcome screen) and I at an
#    idea prompt, as the projector does.
# 3. with phones switched off (headless, --no-phones) the evaluation screen
#    says nothing about a network.
# 4. at every size from 1024x768 to 3840x2160, both languages, a phone number
#    is never split over two drawn lines and the join address is drawn whole
#    on one line (welcome, open poll, evaluation).
# 5. the presenter's next card lists every branch of a choice, whole; the
#    signal dots leave the digits clear; the phone mock-up keeps the sender's
#    name of a bubble cut at the top.
# 6. without a presenter the notes card shows the scenario overview once.
set -u
BIN=$1 ROOT=$2
SCEN=$ROOT/scenes/stalking
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
NBSP=$(printf '\302\240')

# the keys of the bundled walk: Next to the first signal poll, the first
# choice, the idea prompt, and the whole way to the ending
nexts() { i=0 k=""; while [ $i -lt "$1" ]; do k="$k Right"; i=$((i + 1)); done; echo "$k"; }
P19="Right S$(nexts 18)" # S skips the statements the welcome's Next asks
P43="$P19 2$(nexts 12) 1$(nexts 10)"
P81="$P19 2$(nexts 12) 1$(nexts 11) 2$(nexts 16) 1$(nexts 19)"
WALK="$P19 2$(nexts 12) 1$(nexts 11) 2$(nexts 16) 1$(nexts 20) 2$(nexts 5) 3$(nexts 15) 1$(nexts 12) 2$(nexts 8)"
P98="$P19 2$(nexts 12) 1$(nexts 11) 2$(nexts 16) 1$(nexts 20) 2$(nexts 5) 3$(nexts 9)"

# play NAME [args...]: headless, transcript NAME.tr, frames NAME.ft, log NAME.err
play() {
    name=$1
    shift
    rm -f "$T/db.sqlite"
    "$BIN" play --headless --db "$T/db.sqlite" --transcript "$T/$name.tr" \
        --frame-text "$T/$name.ft" "$@" "$SCEN" >/dev/null 2>"$T/$name.err"
}
# last NAME KIND: the lines drawn in the last KIND (audience|presenter) frame,
# no-break spaces shown as spaces
last() {
    awk -v kind="$2" '/^frame / { if ($4 == kind) { n = 0; on = 1 } else on = 0; next }
        on { line[++n] = $0 } END { for (i = 1; i <= n; i++) print line[i] }' "$T/$1.ft" |
        sed "s/$NBSP/ /g"
}
has() { grep -qF -- "$2" "$T/$1.tr"; }
count() { grep -c -- "$2" "$T/$1.tr"; }

# ---- 1. a revealed result stays decided ------------------------------------------
play hands --no-phones --size 1024x768 --keys "$P19 V 1 4 Right 9 Right 0 Right Right Left Right"
if has hands "vote kept 1" && [ "$(count hands '^vote open')" = 1 ]; then
    ok "hands: Back after the reveal, then Next: the same vote, no new one"
else
    bad "hands: the result was not kept: $(grep -E '^(vote|result|back)' "$T/hands.tr" | tr '\n' '|')"
fi
if last hands audience | grep -q '^text .* Resultat$' &&
    last hands audience | grep -q '^text .* 14$' && last hands audience | grep -q '^text .* 9$'; then
    ok "hands: the result screen is drawn again with 14 and 9"
else
    bad "hands: the result screen is not drawn again:"
    last hands audience | sed 's/^/     /'
fi
last hands audience | grep -q '← tilbage' && ok "hands: the result still offers Back" ||
    bad "hands: no Back offered on the result"

play double --no-phones --size 1024x768 \
    --keys "$P19 V 1 4 Right 9 Right 0 Right Right Left Left Right Right Left Right Left Left Right Right Right"
if [ "$(count double '^vote open')" = 1 ] && [ "$(count double '^vote kept 1$')" = 3 ] &&
    has double "signal first_messages result ok"; then
    ok "double presses of Back and Next around the result: one vote, decided by its counts"
else
    bad "double presses: $(grep -E '^(vote|result|back|signal)' "$T/double.tr" | tr '\n' '|')"
fi

play fix --no-phones --size 1024x768 --keys "$P19 V 1 4 Right 9 Right 0 Right Right Left Right Down 7 Escape Right"
if has fix "result corrected hands 1=7 2=9 3=0 winner 2" && has fix "signal first_messages result warning"; then
    ok "a kept result is corrected as before (↑↓) and decides with the new count"
else
    bad "correction of a kept result: $(grep -E '^(vote|result|hands|signal)' "$T/fix.tr" | tr '\n' '|')"
fi

play both --port 0 --count both --size 1024x768 --keys "$P19 V 1 4 Right 9 Right 0 Right Right Left Right"
if has both "vote open 1 both" && has both "vote kept 1" && [ "$(count both '^vote open')" = 1 ] &&
    last both audience | grep -q '= 14 hænder + 0 telefoner'; then
    ok "both: the result of hands and phones is kept and drawn again"
else
    bad "both: $(grep -E '^(vote|result|back)' "$T/both.tr" | tr '\n' '|')"
fi

play phones --port 0 --count phones --size 1024x768 --keys "$P19 V V J Left Left Right Right Right 3 Right"
if has phones "vote open 1 phones" && has phones "vote kept 1" && [ "$(count phones '^vote open')" = 1 ] &&
    has phones "signal first_messages result stalking"; then
    ok "phones: the revealed phone vote is kept; Next waits for a pick, as before"
else
    bad "phones: $(grep -E '^(vote|result|back|pick|signal)' "$T/phones.tr" | tr '\n' '|')"
fi

play choice --no-phones --size 1024x768 --keys "$P43 Right V 2 Right 1 1 Right 3 Right Right Left Right Right"
if [ "$(count choice '^vote open')" = 1 ] && has choice "vote kept" &&
    grep -q '^branch unanswered option 2 ' "$T/choice.tr"; then
    ok "choice: the kept vote decides the branch (11 hands for option 2)"
else
    bad "choice: $(grep -E '^(vote|result|back|branch)' "$T/choice.tr" | tr '\n' '|')"
fi

play stop --no-phones --size 1024x768 --keys "Right S Right S V 3 Right 2 Right 0 Right Right Left Left Right"
if has stop "stop result ok" && [ "$(count stop '^vote open')" = 1 ] && [ "$(count stop '^stop ')" -ge 2 ]; then
    ok "stop poll: a stray Back after the reveal records the counted result, opens nothing new"
else
    bad "stop poll: $(grep -E '^(vote|result|stop|back)' "$T/stop.tr" | tr '\n' '|')"
fi

# ---- 2. the presenter's key line ------------------------------------------------
# keyline NAME: the presenter's key line (one or two drawn lines ending in Ctrl+Q)
keyline() {
    last "$1" presenter | awk '{ s = $0; sub(/^[a-z]+ -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s)
        y[NR] = $3; h[NR] = $5; t[NR] = s; if (index(s, "Ctrl+Q")) c = NR }
        END { if (!c) exit; for (i = 1; i <= NR; i++) if (y[i] <= y[c] && y[i] >= y[c] - 2 * h[c]) printf "%s ", t[i] }'
}
play pwelcome --no-phones --presenter --size 1024x768 --keys ""
line=$(keyline pwelcome)
case " $line" in
*"V "* | *"S stop"* | *"R spol"* | *"E evaluering"* | "") bad "welcome: the presenter's line names keys that do nothing: $line" ;;
*"→ start"*) ok "welcome: the presenter's line names only what works ($line)" ;;
*) bad "welcome: no start key in the presenter's line: $line" ;;
esac
play pvote --no-phones --presenter --size 1024x768 --keys "$P19 V 1 4"
line=$(keyline pvote)
case "$line" in
*"0–9 hænder for svar 1"*"→ næste svar"*) ok "during a vote the presenter's line has the count keys" ;;
*) bad "during a vote: $line" ;;
esac
play pidea --no-phones --presenter --size 1024x768 --keys "$P98 Right"
line=$(keyline pidea)
if has pidea "idea fake_profile" && echo "$line" | grep -q 'I idéer' &&
    last pidea audience | grep -q 'I idéer'; then
    ok "at the idea prompt I is named on the presenter and on the projector"
else
    bad "idea prompt: presenter \"$line\", projector \"$(last pidea audience | tail -1)\""
fi
play pideaen --lang en --no-phones --size 1024x768 --keys "$P98 Right"
last pideaen audience | grep -q 'I ideas' && ok "the projector's idea prompt names I in English too" ||
    bad "the English idea prompt does not name I"

# ---- 3. the evaluation screen with phones off ----------------------------------------
for mode in "--no-phones" ""; do
    for lang in da en; do
        play eval $mode --lang "$lang" --size 1024x768 --keys "$WALK E"
        if ! has eval "eval open"; then
            bad "evaluation ($lang ${mode:-headless}): not opened"
        elif last eval audience | grep -qiE 'netværksforbindelse|network connection'; then
            bad "evaluation ($lang ${mode:-headless}): speaks of a network for phones that are off"
        else
            ok "evaluation ($lang ${mode:-headless}): nothing about a network"
        fi
    done
done

# ---- 4. phone numbers and the join address, every size -------------------------------
strings_of() { grep -av '^frame ' "$T/$1.ft" | sed 's/^[a-z]* -\{0,1\}[0-9]* -\{0,1\}[0-9]* [0-9]* [0-9]* //'; }
for size in 1024x768 1280x720 1920x1080 3840x2160; do
    for lang in da en; do
        play help --no-phones --lang "$lang" --size "$size" --keys "Right S Right H"
        miss=""
        for num in "25${NBSP}17${NBSP}73${NBSP}74" "27${NBSP}60${NBSP}40${NBSP}16" "116${NBSP}111"; do
            last help audience | sed "s/ /$NBSP/g" | grep -q "^text${NBSP}.*$num" || miss="$miss $num"
        done
        [ -z "$miss" ] && ok "$size $lang help card: every phone number drawn whole in one string" ||
            bad "$size $lang help card: not whole:$miss"
    done
done
for size in 1024x768 1280x720 1280x800 1366x768 1920x1080 2560x1440 3840x2160; do
    for lang in da en; do
        for where in welcome poll eval; do
            case $where in
            welcome) keys="" ;;
            poll) keys="$P19 V" ;;
            eval) keys="$WALK E" ;;
            esac
            play num --port 0 --lang "$lang" --size "$size" --keys "$keys"
            # every drawn 116 is followed by 111 in the same string
            split=$(strings_of num | grep -aE '(^|[^0-9])116([^0-9]|$)' | grep -av "116${NBSP}111" | head -1)
            [ -n "$split" ] && bad "$size $lang $where: a phone number split: $split"
            port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$T/num.err")
            if [ -z "$port" ]; then
                bad "$size $lang $where: no phone server"
                continue
            fi
            if ! grep -aq ":$port" "$T/num.ft"; then
                echo "skip $size $lang $where: no LAN address here, the join address is not drawn"
                continue
            fi
            addr=$(last num audience | grep -a ":$port")
            if [ -z "$addr" ]; then
                bad "$size $lang $where: the join address is not on the last frame"
            elif echo "$addr" | grep -qv '^text '; then
                bad "$size $lang $where: the join address is cut: $addr"
            elif last num audience | grep -aqE '(/\?r=|/\?r|/)$'; then
                bad "$size $lang $where: the join address wraps: $(last num audience | grep -aE '/\?|/$')"
            elif [ -z "$split" ]; then
                ok "$size $lang $where: numbers whole, the address on one line ($(echo "$addr" | awk '{print $NF}'))"
            fi
        done
    done
done

# ---- 5. the presenter's next card, the signal dots, the phone mock-up ----------------
# the choice with five branches, the vote open (the "now" card at its largest)
P117="$WALK" # the first 117 presses after the welcome (+ the S that skips the statements)
P117=$(echo "$P117" | awk '{ for (i = 1; i <= 118; i++) printf "%s ", $i }')
for lang in da en; do
    play pchoice --no-phones --presenter --lang "$lang" --size 1024x768 --keys "$P117 V"
    n=$(awk '/^choice / { n = 0 } /^option [0-9]+ hidden/ { next } /^option / { n++ } END { print n + 0 }' "$T/pchoice.tr")
    drawn=$(last pchoice presenter | grep -cE '^text [0-9]+ [0-9]+ [0-9]+ [0-9]+ [0-9] → ')
    if [ "$n" -ge 5 ] && [ "$drawn" = "$n" ] && ! last pchoice presenter | grep -qE '^(cut|hidden) .* [0-9] → ' &&
        ! last pchoice presenter | grep -qE ' [0-9] → .*…$'; then
        ok "the presenter's next card lists all $n branches whole ($lang)"
    else
        bad "the next card ($lang): $drawn of $n branches drawn whole"
        last pchoice presenter | grep ' → ' | sed 's/^/     /'
    fi
    rows=$(last pchoice presenter | grep -cE '^text [0-9]+ [0-9]+ [0-9]+ [0-9]+ 0$')
    # phones off: one count column (hands) per option
    [ "$rows" -ge "$n" ] && ok "the vote table shows the counts of all $n options ($lang)" ||
        bad "the vote table shows $rows of $n counts ($lang)"
done
play pdots --no-phones --presenter --size 1024x768 --keys "$P19 V"
gapx=$(last pdots presenter | awk '$6 == "1" && $1 == "text" { dx = $2 + $4 } $6 == "OK" && $1 == "text" { print $2 - dx; exit }')
if [ -n "$gapx" ] && [ "$gapx" -ge 12 ]; then
    ok "the signal dot has room between the digit and the option ($gapx px)"
else
    bad "the signal dot has no room between the digit and the option (${gapx:-?} px)"
fi
# the night of 47 messages: the top bubble is cut by the screen's edge
play mock --no-phones --size 1024x768 --keys "$P81"
res=$(last mock audience | awk '
    $1 != "frame" && $2 > 600 { n++; y[n] = $3; t[n] = $1; s = $0; sub(/^[a-z]+ -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s); txt[n] = s }
    END {
        # the phone: its owner header, then the bubbles; the first time stamp
        # drawn must have a sender name drawn whole between header and it
        for (i = 1; i <= n; i++) if (t[i] == "text" && txt[i] ~ /^[0-9][0-9]:[0-9][0-9]$/) { ts = y[i]; break }
        hdr = 1e9; for (i = 1; i <= n; i++) if (y[i] < hdr) { hdr = y[i] }
        for (i = 1; i <= n; i++)
            if (t[i] == "text" && txt[i] ~ /^[A-ZÆØÅ][a-zæøå]+$/ && y[i] > hdr && y[i] < ts) { print txt[i]; exit }
    }')
if [ -n "$res" ]; then
    ok "the phone mock-up's top bubble keeps its sender's name ($res)"
else
    bad "the phone mock-up's top bubble lost its sender's name"
    last mock audience | awk '$2 > 600' | head -8 | sed 's/^/     /'
fi

# ---- 6. the scenario overview once on the notes card ---------------------------------
for lang in da en; do
    over="Om scenariet"
    [ "$lang" = en ] && over="About the scenario"
    play notes --no-phones --lang "$lang" --size 1024x768 --keys "Right S Right N N N Right Right N N N Right N N"
    title="Noter til facilitator"
    [ "$lang" = en ] && title="Facilitator notes"
    # the runs of frames with the notes card up; the runs that show the overview
    runs=$(awk -v o="$over" -v t="$title" '
        function flush() { if (card && !prev) run++; if (card && over) with[run] = 1; prev = card }
        /^frame / { if (started) flush(); started = 1; card = 0; over = 0; next }
        index($0, t) { card = 1 }
        index($0, o) { over = 1 }
        END { if (started) flush(); for (r = 1; r <= run; r++) if (with[r]) printf "%d ", r; print "of " run }' "$T/notes.ft")
    if [ "$runs" = "1 of 3" ]; then
        ok "notes ($lang): the scenario overview is shown the first time only"
    else
        bad "notes ($lang): the overview in the notes card's showings: $runs (want: 1 of 3)"
    fi
done
exit $fail
