#!/bin/sh
# room_sees.sh BIN ROOT - what the room SEES, read from the frames drawn
# (play --headless --frame-text), not from the model:
# 1. every path family of the bundled scenario, in Danish and in English: path
#    p takes the p-th available option at every choice (p = 0..4, wrapping),
#    so every option of every choice is taken on some path.  Each authored
#    step (line, message, narration, image text) must be drawn on the
#    projector, wholly inside the frame, before the frame that first shows
#    the next interaction's prompt, and each prompt after the steps before it.
# 2. the help card: at 1024x768, 1280x800, 1280x720, 1920x1080 and 3840x2160,
#    in both languages, every contact's name and number is drawn wholly inside
#    the window at a height of at least 2.2 % of the window's height.
# Keys are found by playing: "Nokey" (an unknown key name) writes "key unknown"
# to the transcript after each Next, so the Next that reaches an interaction
# is known and the decision keys are added after it.
set -u
BIN=$1 ROOT=$2
SCEN=$ROOT/scenes/stalking
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

play() {
    "$BIN" play --headless --no-phones --db "$T/db.sqlite" "$@" 2>/dev/null
}

# keys_for LANG P: the keys of path P, found decision by decision
keys_for() {
    lang=$1 p=$2 keys="Right S" n=0  # S skips the statements before the play
    while [ $n -lt 60 ]; do
        n=$((n + 1))
        probe="$keys Nokey"
        i=0
        while [ $i -lt 40 ]; do probe="$probe Right Nokey"; i=$((i + 1)); done
        rm -f "$T/db.sqlite"
        play --size 320x240 --lang "$lang" --keys "$probe" --transcript "$T/probe.txt"
        # the known keys end at the first marker; count the Nexts after it up
        # to the first interaction or ending
        step=$(awk '
            !known { known = /^key unknown$/; next }
            /^key unknown$/ { nexts++; next }
            /^(choice|signal|idea|discuss) / { print nexts + 1, $1; found = 1; exit }
            /^ending / { print nexts + 1, "ending"; found = 1; exit }
            END { if (!found) print "0 none" }' "$T/probe.txt")
        count=${step% *}
        kind=${step#* }
        [ "$kind" = none ] && { echo "$keys"; return 1; }
        i=0
        while [ $i -lt "$count" ]; do keys="$keys Right"; i=$((i + 1)); done
        case $kind in
        ending) echo "$keys Right"; return 0 ;;
        choice)
            # the options of the choice just announced: the p-th available one
            d=$(awk -v p="$p" '
                !known { known = /^key unknown$/; next }
                /^choice / { on = 1; n = 0; next }
                on && /^option [0-9]+: / { split($2, a, ":"); avail[n++] = a[1]; next }
                on && /^option / { next }
                on { exit }
                END { print (n ? avail[p % n] : 1) }' "$T/probe.txt")
            keys="$keys $d Right" ;;
        signal) keys="$keys $((p % 3 + 1)) Right" ;;
        *) keys="$keys Right" ;;
        esac
    done
    echo "$keys"
    return 1
}

# help_contacts LANG: the help card's contact names (from the scenario's
# strings) and phone numbers (from its Lua files), tab-separated
help_contacts() {
    "$BIN" strings "$SCEN" --export da,en "$T/strings.csv" >/dev/null 2>&1
    col=2
    [ "$1" = en ] && col=3
    awk -v col="$col" '
        /^help\.[0-9]+\.name,/ {
            n = 0; s = $0; sub(/\r$/, "", s)
            while (s != "") {
                if (substr(s, 1, 1) == "\"") {
                    s = substr(s, 2); v = ""
                    while (1) {
                        i = index(s, "\""); v = v substr(s, 1, i - 1); s = substr(s, i + 1)
                        if (substr(s, 1, 1) == "\"") { v = v "\""; s = substr(s, 2) } else break
                    }
                    s = substr(s, 2)
                } else {
                    i = index(s, ","); if (!i) i = length(s) + 1
                    v = substr(s, 1, i - 1); s = substr(s, i + 1)
                }
                f[++n] = v
            }
            printf "%s\t", f[col]
        }' "$T/strings.csv"
    # numbers may hold no-break spaces, written \u{A0} in Lua
    cat "$SCEN"/*.lua | sed -n 's/.*phone = "\([0-9][^"]*\)".*/\1/p' |
        sed "s/\\\\u{A0}/$(printf '\302\240')/g" | tr '\n' '\t'
}

# check TRANSCRIPT FRAMES: the steps and prompts, in order, in the audience frames
check() {
    awk '
    function norm(s) { gsub(/[ \t]+/, "", s); return s }
    FNR == 1 { file++ }
    file == 1 {
        if ($0 ~ /^(line|message|narration:|image) /) {
            i = index($0, ": ")
            if (!i) next
            t = substr($0, i + 2)
            if (t == "") next
            ev[++ne] = norm(t); evk[ne] = "step"; evs[ne] = $0
        } else if ($0 ~ /^(choice|signal|idea|discuss) [^ ]+: /) {
            t = substr($0, index($0, ": ") + 2); sub(/ \([0-9]+ s\)$/, "", t)
            ev[++ne] = norm(t); evk[ne] = "prompt"; evs[ne] = $0
        }
        next
    }
    /^frame / { aud = ($4 == "audience"); if (aud) nf++; next }
    aud && /^text / {
        s = $0; sub(/^text -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s)
        fr[nf] = fr[nf] norm(s)
    }
    END {
        cur = 1; bad = 0
        for (i = 1; i <= ne; i++) {
            f = evk[i] == "prompt" ? cur + 1 : cur
            while (f <= nf && index(fr[f], ev[i]) == 0) f++
            if (f > nf) {
                print "  never drawn in order (after frame " cur "): " evs[i]
                bad++
                continue
            }
            cur = f
        }
        print "  " ne " steps and prompts, " nf " frames"
        exit bad ? 1 : 0
    }' "$1" "$2"
}

for lang in da en; do
    for p in 0 1 2 3 4; do
        if ! keys=$(keys_for "$lang" "$p"); then
            bad "$lang path $p: no ending reached ($keys)"
            continue
        fi
        rm -f "$T/db.sqlite"
        play --size 1280x720 --lang "$lang" --keys "$keys" --transcript "$T/tr.txt" \
            --frame-text "$T/frames.txt" "$SCEN"
        end=$(sed -n 's/^ending //p' "$T/tr.txt")
        beats=$(grep -c '^beat ' "$T/tr.txt")
        if out=$(check "$T/tr.txt" "$T/frames.txt"); then
            ok "$lang path $p ($beats beats, ending $end): every step seen before the next interaction"
        else
            bad "$lang path $p ($beats beats, ending $end):"
            echo "$out"
            echo "  keys: $keys"
        fi
        grep '^beat ' "$T/tr.txt" >> "$T/beats_$lang.txt"
        echo "${keys% Right}" > "$T/ending_keys_${lang}_$p"
    done
    seen=$(sort -u "$T/beats_$lang.txt" | wc -l)
    echo "     $lang: $seen different beats played"
done

# 2. the help card's contacts at every screen size, in both languages
for lang in da en; do
    # the contacts as the transcript of the help card gives them: from the scenario
    for shot in 1024x768:beat 1280x800:beat 1280x720:beat 1920x1080:beat 3840x2160:beat \
        1280x800:ending 3840x2160:ending \
        1280x720:ending 1920x1080:ending 1024x768:ending; do
        size=${shot%:*} where=${shot#*:}
        w=${size%x*} h=${size#*x}
        keys="Right Right H"
        [ "$where" = ending ] && keys=$(cat "$T/ending_keys_${lang}_0" 2>/dev/null)
        rm -f "$T/db.sqlite"
        play --size "$size" --lang "$lang" --keys "$keys" --frame-text "$T/help.txt" \
            --transcript "$T/htr.txt" "$SCEN"
        if out=$(awk -v W="$w" -v H="$h" -v want="$(help_contacts "$lang")" '
            function norm(s) { gsub(/[ \t]+/, "", s); return s }
            /^frame / { aud = ($4 == "audience"); if (aud) { n = 0; delete line }; next }
            aud { line[++n] = $0 }
            END {
                nw = split(want, items, "\t"); bad = 0
                minh = H * 0.022
                for (k = 1; k <= nw; k++) {
                    if (items[k] == "") continue
                    found = 0
                    # a name may wrap: the lines i..j together hold it
                    for (i = 1; i <= n && !found; i++) {
                        joined = ""
                        for (j = i; j <= n && j < i + 4; j++) {
                            s = line[j]; sub(/^[a-z]+ -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s)
                            joined = joined norm(s)
                            if (index(joined, norm(items[k])) == 0) continue
                            if (j > i) {
                                s = line[i]; sub(/^[a-z]+ -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s)
                                if (index(norm(items[k]), norm(s)) != 1) break
                            }
                            ok = 1
                            for (m = i; m <= j; m++) {
                                split(line[m], f, " ")
                                if (f[1] != "text") { why = "cut off"; ok = 0 }
                                else if (f[2] < 0 || f[3] < 0 || f[2] + f[4] > W || f[3] + f[5] > H) {
                                    why = "outside the window"; ok = 0
                                } else if (f[5] < minh) {
                                    why = "too small (" f[5] " px < " minh ")"; ok = 0
                                }
                            }
                            found = ok
                            break
                        }
                    }
                    if (!found) { print "  " items[k] ": " (why ? why : "not drawn"); bad++ }
                    why = ""
                }
                exit bad ? 1 : 0
            }' "$T/help.txt"); then
            ok "help card $lang $size ($where): every contact drawn inside, at least 2.2 % of the height"
        else
            bad "help card $lang $size ($where):"
            echo "$out"
        fi
    done
done
exit $fail
