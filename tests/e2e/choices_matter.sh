#!/bin/sh
# choices_matter.sh BIN ROOT - earlier choices in the bundled scenario change
# what later beats offer and show, and the story holds together along a path.
#
# Plays a base path and one variant per variable (asked_emma, saved_messages,
# friend_support, contact), each differing from the base in ONE earlier choice,
# headless in English, and asserts that the later choice it affects offers an
# option the base does not (hidden or greyed out there), and that taking it
# leads to a beat the base never shows.  Every path must reach an ending.
# Along every path the clock never runs backwards within a day, and the police
# scene with Sofie's mum comes only after she has told her mum.
#
# Keys are built from the scenario itself: a path is a list of beats, each
# "beat" (Next through its steps and on) or "beat:d,d,..." (the digits pressed
# at its signal or choice, in order, then Next; a digit for a hidden or greyed
# option does nothing, the last enabled one is taken).  The number of steps of
# a beat comes from `spectactor strings` (ids beat.1, beat.2, ...; beat.prompt
# or beat.ending when the beat has an interaction or ends), so editing
# a line does not break this test; renaming a beat does.
set -u
BIN=$1 ROOT=$2
SCEN=$ROOT/scenes/stalking
T=${TMPDIR:-/tmp}/spectactor-choices-$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

"$BIN" strings "$SCEN" | cut -f1 >"$T/ids" || { echo "FAIL strings"; exit 1; }

# keys SPEC...: the key names for a path that starts at the welcome screen
keys() {
    printf 'Right S' # S skips the statements before the play
    for tok in "$@"; do
        beat=${tok%%:*}
        n=$(grep -c "^$beat\.[0-9][0-9]*\$" "$T/ids")
        i=0
        while [ "$i" -lt "$n" ]; do printf ' Right'; i=$((i + 1)); done
        # the last step stays on screen: one more Next shows the interaction or ending
        if [ "$n" -gt 0 ] && grep -Eq "^$beat\.(prompt|ending)\$" "$T/ids"; then
            printf ' Right'
        fi
        if grep -q "^$beat\.ending\$" "$T/ids"; then
            continue
        fi
        case $tok in
        *:*) printf ' %s' "$(echo "${tok#*:}" | tr ',' ' ')" ;;
        esac
        printf ' Right'
    done
}

# play NAME SPEC...: plays the path, transcript in $T/NAME.txt
play() {
    name=$1
    shift
    "$BIN" play --headless --no-phones --size 1280x720 --lang en --keys "$(keys "$@")" \
        --transcript "$T/$name.txt" "$SCEN" >/dev/null 2>"$T/$name.err" || {
        bad "$name: spectactor exited $?"
        cat "$T/$name.err"
    }
}

# section NAME BEAT: the transcript of the (last) visit to BEAT's choice, from its
# prompt to the branch taken
section() {
    awk -v b="$2" '$0 ~ ("^choice " b ":") { on = 1; out = "" }
        on { out = out $0 "\n" }
        on && /^branch / { on = 0; last = out }
        END { printf "%s", last }' "$T/$1.txt"
}

has() { grep -qxF -- "$2" "$T/$1.txt"; }
sec_has() { section "$1" "$2" | grep -qxF -- "$3"; }

START="party first_messages:1 where_are_you:1"
MID="isolation:2 breakup flood:3"

# shellcheck disable=SC2086
{
    play base $START unanswered:1 apologises $MID morning_after:2 fake_profile bystander:4,1 threat \
        sofie_decides:6,4,3 adult_help police mads_choice:4,1 end_mixed
    play asked $START unanswered:3 ask_emma $MID morning_after:2 fake_profile bystander:4 emma_names_it threat \
        sofie_decides:3 adult_help police mads_choice:1 end_mixed
    play saved $START unanswered:1 apologises $MID morning_after:3 fake_profile bystander:1 threat \
        sofie_decides:4 police_self mads_choice:1 end_mixed
    play friend $START unanswered:1 apologises $MID morning_after:2 fake_profile bystander:3 emma_supports threat \
        sofie_decides:6 adult_help_emma police mads_choice:1 end_mixed
    play contact $START unanswered:1 apologises $MID morning_after:1 one_more_answer fake_profile bystander:1 threat \
        sofie_decides:3 adult_help police mads_choice:4 end_mixed
    play meeting $START unanswered:2 boundary $MID morning_after:1 one_more_answer fake_profile bystander:2 \
        emma_confronts threat sofie_decides:1 meeting sofie_decides:1,5 counselling adult_help police \
        mads_choice:2 end_good
    play late $START unanswered:3 ask_emma $MID morning_after:3 fake_profile bystander:3 emma_supports threat \
        sofie_decides:1 meeting sofie_decides:2 end_late
}

for p in base asked saved friend contact meeting late; do
    if tail -n 1 "$T/$p.txt" | grep -q '^ending '; then ok "$p: reaches $(tail -n 1 "$T/$p.txt")"; else
        bad "$p: no ending"; tail -n 5 "$T/$p.txt"; fi
done

# 1. asked_emma (unanswered, option 3) -> Emma's option 4 at the bystander choice
if sec_has base bystander "option 4 hidden" && ! sec_has base bystander "pick 4" &&
    sec_has asked bystander "option 4: Says this is stalking – she has seen it coming since the sports hall" &&
    has asked "branch bystander option 4 -> emma_names_it" && has asked "beat emma_names_it" &&
    ! has base "beat emma_names_it"; then
    ok "asked_emma: showing Emma the messages lets her name it as stalking later"
else
    bad "asked_emma changes nothing at the bystander choice"; section base bystander; section asked bystander
fi

# 2. saved_messages (morning_after, option 3) -> the police on her own at Sofie's choice
if sec_has base sofie_decides "option 4 disabled (Sofie didn't save the messages. She can still go to an adult and to the police.): Goes to the police herself with her screenshots and her log" &&
    sec_has saved sofie_decides "option 4: Goes to the police herself with her screenshots and her log" &&
    has saved "branch sofie_decides option 4 -> police_self" && ! has base "beat police_self"; then
    ok "saved_messages: saving the messages opens the police option later"
else
    bad "saved_messages changes nothing at Sofie's choice"; section base sofie_decides; section saved sofie_decides
fi

# 3. friend_support (bystander, option 3) -> taking Emma along to her mum
if sec_has base sofie_decides "option 6 hidden" &&
    sec_has friend sofie_decides "option 6: Takes Emma along and tells her mum everything" &&
    has friend "branch sofie_decides option 6 -> adult_help_emma" && has friend "beat adult_help_emma" &&
    ! has base "beat adult_help_emma"; then
    ok "friend_support: Emma's support lets Sofie take her along later"
else
    bad "friend_support changes nothing at Sofie's choice"; section base sofie_decides; section friend sofie_decides
fi

# 4. contact (morning_after, option 1) -> Mads' excuse at his choice
if sec_has base mads_choice "option 4 hidden" && ! sec_has base mads_choice "pick 4" &&
    sec_has contact mads_choice "option 4: Says Sofie kept in contact with him – so she wanted it too" &&
    has contact "branch mads_choice option 4 -> end_mixed"; then
    ok "contact: answering him gives Mads an excuse later"
else
    bad "contact changes nothing at Mads' choice"; section base mads_choice; section contact mads_choice
fi

# 5. continuity along every path: within one weekday the clock never runs
# backwards (a caption's time may not end before the latest time already shown
# that day; "afternoon" is 12:00-18:00); the police scene with her mum comes
# only after Sofie has told her mum
for p in base asked saved friend contact meeting late; do
    awk '
        /^caption / {
            c = substr($0, 9)
            day = c; sub(/[ ,].*/, "", day)
            if (c ~ /later/) day = day "+later"
            lo = -1; hi = -1
            if (match(c, /[0-9][0-9]:[0-9][0-9]/)) { lo = hi = substr(c, RSTART, 2) * 60 + substr(c, RSTART + 3, 2) }
            else if (c ~ /^[A-Za-z]+ afternoon/) { lo = 12 * 60; hi = 18 * 60 }
            if (lo < 0 || day != pday) { pday = ""; floor = -1 }
            if (lo >= 0 && hi < floor) { print "backwards: " prev " -> " c; bad = 1 }
            if (lo >= 0) { pday = day; if (lo > floor) floor = lo; prev = c }
        }
        /^beat adult_help/ { told = 1 }
        /^narration: Sofie and her mum talk to a police officer\.$/ && !told { print "mum at the police without being told"; bad = 1 }
        END { exit bad }' "$T/$p.txt" >"$T/cont.txt"
    if [ $? -eq 0 ]; then ok "$p: time and people hold together"; else bad "$p: $(cat "$T/cont.txt")"; fi
done

exit $fail
