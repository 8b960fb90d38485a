#!/bin/sh
# views_fit.sh BIN ROOT - what the projector DRAWS when a screen is full, read
# from the frames (play --headless --frame-text), at 1024x768 and 1920x1080,
# in Danish and English:
# 1. a phone shows every message of the beat so far, whole (no line of one
#    cut or hidden), before the vote: the café, the first messages and the
#    flood of the bundled scenario; no two lines drawn on top of each other.
# 2. the rewind menu draws all its rows in one text size.
# 3. the presenter, while counting a six-option choice and at its result:
#    every option's number with its count on its line, nothing overlapping.
# 4. the story map: each option badge beside the beat it leads to, none on
#    top of another.
# 5. the help card's phone numbers grow with the screen: at least 6 % of the
#    window's height from 1280x720 up (5 % before), taller at 1920x1080 than
#    at 1024x768.
# The long key sequences follow one path of the bundled scenario, beat by
# beat (the steps counted from `spectactor strings`).
set -u
BIN=$1 ROOT=$2
SCEN=$ROOT/scenes/stalking
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
R() { i=0; while [ "$i" -lt "$1" ]; do printf 'Right '; i=$((i + 1)); done; }

"$BIN" strings "$SCEN" | cut -f1 >"$T/ids" || { echo "FAIL strings"; exit 1; }
# keys SPEC...: Next through each beat's steps and prompt, then its digits
# ("beat:2", "beat:V,1,0,Right") and Next (as in choices_matter.sh)
keys() {
    for tok in "$@"; do
        beat=${tok%%:*}
        n=$(grep -c "^$beat\.[0-9][0-9]*\$" "$T/ids")
        R "$n"
        if [ "$n" -gt 0 ] && grep -Eq "^$beat\.(prompt|ending)\$" "$T/ids"; then printf 'Right '; fi
        if grep -q "^$beat\.ending\$" "$T/ids"; then continue; fi
        case $tok in *:*) printf '%s ' "$(echo "${tok#*:}" | tr ',' ' ')" ;; esac
        printf 'Right '
    done
}
TO_BREAKUP="Right S $(keys party first_messages:2 where_are_you:3 unanswered:3 ask_emma isolation:2 breakup)"
TO_THREAT="$TO_BREAKUP$(keys flood:3 morning_after:2 fake_profile bystander:4 emma_names_it threat)"
# the flood's last message on screen (every step of the beat shown)
FLOOD_LAST="$TO_BREAKUP$(R "$(grep -c '^flood\.[0-9][0-9]*$' "$T/ids")")"
# the first page of an ending after a dozen decisions (the rewind menu's rows)
ENDING1="$TO_THREAT$(keys sofie_decides:3 adult_help police mads_choice:1 end_mixed)"
# Sofie's six-option choice counted by hand, every field (not yet revealed)
CHOICE_SOFIE_COUNTED="$TO_THREAT$(R "$(grep -c '^sofie_decides\.[0-9][0-9]*$' "$T/ids")")Right V 1 0 Right 1 5 Right 1 0 Right 1 0 Right 5 Right 1 0 Right"


# play NAME SIZE LANG KEYS: a headless play, its frames and transcript
play() {
    rm -f "$T/db.sqlite"
    "$BIN" play --headless --no-phones --class-size 60 --db "$T/db.sqlite" --size "$2" \
        --lang "$3" --keys "$4" --frame-text "$T/$1.frames" --transcript "$T/$1.tr" \
        --screenshot "$T/$1.png" "$SCEN" 2>/dev/null
}

# last_frame NAME: the lines of the last audience frame
last_frame() {
    awk '/^frame / { aud = ($4 == "audience"); if (aud) { n = 0; delete l }; next }
         aud { l[n++] = $0 } END { for (i = 0; i < n; i++) print l[i] }' "$T/$1.frames"
}

# phone_check NAME: every message since the last beat is in the last frame,
# whole; no line of it cut or hidden; no two text lines overlap
phone_check() {
    last_frame "$1" > "$T/$1.last"
    awk '
    function norm(s) { gsub(/[ \t]+/, "", s); return s }
    FNR == 1 { file++ }
    file == 1 && /^beat / { nm = 0; next }
    file == 1 && /^message / { t = substr($0, index($0, ": ") + 2); msg[++nm] = norm(t); next }
    file == 1 { next }
    {
        s = $0; sub(/^[a-z]+ -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s)
        n++; kind[n] = $1; x[n] = $2; y[n] = $3; w[n] = $4; h[n] = $5; txt[n] = norm(s)
        if ($1 == "text") all = all norm(s)
    }
    END {
        bad = 0
        for (m = 1; m <= nm; m++)
            if (index(all, msg[m]) == 0) { print "  not drawn whole: " msg[m]; bad++ }
        for (i = 1; i <= n; i++) {
            if (kind[i] == "text" || txt[i] == "") continue
            for (m = 1; m <= nm; m++)
                if (index(msg[m], txt[i])) { print "  " kind[i] ": " txt[i]; bad++; break }
        }
        for (i = 1; i <= n; i++)
            for (j = i + 1; j <= n; j++) {
                if (kind[i] != "text" || kind[j] != "text") continue
                if (x[i] < x[j] + w[j] && x[j] < x[i] + w[i] && y[i] < y[j] + h[j] && y[j] < y[i] + h[i])
                    { print "  overlap: " txt[i] " / " txt[j]; bad++ }
            }
        print "  " nm " messages"
        exit bad ? 1 : 0
    }' "$T/$1.tr" "$T/$1.last"
}

# 1. the phone
for lang in da en; do
    for size in 1024x768 1920x1080; do
        for shot in "cafe:Right S $(R 18) 2 Right $(R 10)" "first:Right S $(R 17)" "flood:$FLOOD_LAST"; do
            name=${shot%%:*} keys=${shot#*:}
            play "$name" "$size" "$lang" "$keys"
            if out=$(phone_check "$name"); then
                ok "phone $name $lang $size: every message whole, nothing on top of another ($(echo "$out" | tail -n 1 | sed 's/^ *//'))"
            else
                bad "phone $name $lang $size:"
                echo "$out"
            fi
        done
    done
done

# 2. the rewind menu: one text size for every row (the entries are the lines
#    right of the row numbers "N." / "▶ N.")
for lang in da en; do
    for size in 1024x768 1920x1080; do
        play rewind "$size" "$lang" "$ENDING1 R"
        last_frame rewind > "$T/rewind.last"
        if out=$(awk '
            { s = $0; sub(/^text -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s) }
            /^text / && s ~ /^(▶ )?[0-9]+\.$/ { num = 1; next }
            num && /^text / && !ex { ex = $2 }
            ex && /^text / && $2 == ex { h[$5]++; rows++ }
            END {
                n = 0; for (k in h) { n++; sizes = sizes " " k " px (" h[k] " lines)" }
                print " " rows " lines:" sizes
                exit (rows >= 6 && n == 1) ? 0 : 1
            }' "$T/rewind.last"); then
            ok "rewind menu $lang $size: one text size,$out"
        else
            bad "rewind menu $lang $size: sizes differ or rows missing:$out"
        fi
    done
done

# 3. the presenter: a six-option choice counted by hand, while counting and its result
for state in counting result; do
for lang in da en; do
    for size in 1024x768 1920x1080; do
        more=""
        [ "$state" = result ] && more=Right
        rm -f "$T/db.sqlite"
        "$BIN" play --headless --presenter --no-phones --class-size 60 --db "$T/db.sqlite" \
            --size "$size" --lang "$lang" --keys "$CHOICE_SOFIE_COUNTED $more" \
            --frame-text "$T/pres.frames" "$SCEN" 2>/dev/null
        if out=$(awk '
            /^frame / { p = ($4 == "presenter"); if (p) { n = 0; delete l }; next }
            p { l[++n] = $0 }
            END {
                bad = 0; rows = 0
                for (i = 1; i <= n; i++) {
                    split(l[i], f, " "); s = l[i]; sub(/^[a-z]+ -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s)
                    k[i] = f[1]; x[i] = f[2]; y[i] = f[3]; w[i] = f[4]; h[i] = f[5]; t[i] = s
                }
                # an option row: its number, then (same line) a count right of it
                for (i = 1; i <= n; i++) {
                    if (k[i] != "text" || t[i] !~ /^[1-6]$/) continue
                    for (j = 1; j <= n; j++)
                        if (j != i && k[j] == "text" && y[j] == y[i] && x[j] > x[i] + 100 && t[j] ~ /^[0-9]+$/)
                            { cnt[t[i]] = t[j]; break }
                }
                for (o = 1; o <= 6; o++)
                    if (!(o in cnt)) { print "  option " o ": no count drawn"; bad++ } else rows++
                for (i = 1; i <= n; i++) {
                    if (k[i] != "text") { if (t[i] ~ /^[0-9]+$/) { print "  " k[i] ": " t[i]; bad++ }; continue }
                    for (j = i + 1; j <= n; j++)
                        if (k[j] == "text" && x[i] < x[j] + w[j] && x[j] < x[i] + w[i] && y[i] < y[j] + h[j] && y[j] < y[i] + h[i])
                            { print "  overlap: " t[i] " / " t[j]; bad++ }
                }
                print "  " rows " options with counts"
                exit bad ? 1 : 0
            }' "$T/pres.frames"); then
            ok "presenter $state $lang $size: every option's count drawn, nothing on top of another ($(echo "$out" | tail -n 1 | sed 's/^ *//'))"
        else
            bad "presenter $state $lang $size:"
            echo "$out"
        fi
    done
done
done

# 4. the story map at the first ending: every option badge ("1", "2,3") is on
#    its own, beside the beat it leads to (a label to its right at its
#    height), none on top of another; option 1 of Sofie's choice beside
#    "Behind the sports hall"
for lang in da en; do
    for size in 1024x768 1920x1080; do
        w=${size%x*}
        play map "$size" "$lang" "$ENDING1 M"
        last_frame map > "$T/map.last"
        if out=$(awk -v W="$w" -v lang="$lang" '
            { s = $0; sub(/^[a-z]+ -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s) }
            !on { on = (s == "Story map" || s == "Historiens kort"); next }
            {
                n++; split($0, f, " "); k[n] = f[1]; x[n] = f[2]; y[n] = f[3]; w[n] = f[4]; h[n] = f[5]; t[n] = s
                badge[n] = s ~ /^[0-9](,[0-9])*$/
            }
            END {
                bad = 0; nb = 0
                for (i = 1; i <= n; i++) {
                    if (!badge[i]) continue
                    nb++
                    if (k[i] != "text") { print "  badge " t[i] " " k[i]; bad++ }
                    cy = y[i] + h[i] / 2; best = 0
                    for (j = 1; j <= n; j++)
                        if (!badge[j] && k[j] == "text" && x[j] >= x[i] + w[i] && x[j] < x[i] + w[i] + W / 4 &&
                            (y[j] + h[j] / 2 - cy) ^ 2 <= 16 && (!best || x[j] < x[best])) best = j
                    if (!best) { print "  badge " t[i] " at " x[i] "," y[i] ": no beat beside it"; bad++ }
                    else if (t[i] ~ /^1(,|$)/ && t[best] ~ /^(Behind|Bag hallen)/) sports = 1
                    for (j = i + 1; j <= n; j++)
                        if (badge[j] && x[i] < x[j] + w[j] && x[j] < x[i] + w[i] && y[i] < y[j] + h[j] && y[j] < y[i] + h[i])
                            { print "  badges on top of each other: " t[i] " / " t[j]; bad++ }
                }
                if (!sports) { print "  no badge 1 beside the sports hall"; bad++ }
                print "  " nb " badges"
                exit (bad || nb < 10) ? 1 : 0
            }' "$T/map.last"); then
            ok "story map $lang $size: each badge beside its beat, none on another ($(echo "$out" | tail -n 1 | sed 's/^ *//'))"
        else
            bad "story map $lang $size:"
            echo "$out"
        fi
    done
done

# 5. the help card's phone numbers (lines of digits and spaces only)
prev=0
for size in 1024x768 1280x720 1920x1080 3840x2160; do
    w=${size%x*} h=${size#*x}
    play help "$size" da "Right Right H"
    last_frame help > "$T/help.last"
    nh=$(awk '/^text .* [0-9][0-9 ]*[0-9]$/ { s = $0; sub(/^text -?[0-9]+ -?[0-9]+ [0-9]+ [0-9]+ /, "", s)
              if (s ~ /^[0-9 ]+$/ && (min == "" || $5 < min)) min = $5 } END { print min + 0 }' "$T/help.last")
    if [ "$size" = 1024x768 ]; then
        small=$nh
        [ "$nh" -gt 0 ] && ok "help numbers at $size: $nh px" || bad "help numbers at $size: none drawn"
    elif [ "$nh" -ge $((h * 6 / 100)) ]; then
        ok "help numbers at $size: $nh px, at least 6 % of $h"
    else
        bad "help numbers at $size: $nh px, less than 6 % of $h"
    fi
    [ "$size" = 1920x1080 ] && prev=$nh
done
if [ "$prev" -gt "$small" ]; then
    ok "help numbers taller at 1920x1080 ($prev px) than at 1024x768 ($small px)"
else
    bad "help numbers not taller at 1920x1080 ($prev px) than at 1024x768 ($small px)"
fi
exit $fail
