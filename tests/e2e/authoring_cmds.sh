#!/bin/sh
# authoring_cmds.sh SPECTACTOR ROOT
# The authoring commands end to end: `test` on every fixture in
# tests/data/authoring (exact output in test.expected, exit 1) and on the
# bundled scenario (exit 0, no errors); `strings` export/import round trip;
# `script` with every text of the scenario in the HTML; `map` with every beat.
set -u
BIN=$1
ROOT=$2
fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
say_fail() { echo "FAIL $*"; fail=1; }

# --- test ---
cd "$ROOT/tests/data/authoring" || exit 1
for d in */; do
    d=${d%/}
    [ -f "$d/test.expected" ] || continue
    "$BIN" test "$d" >"$TMP/out" 2>&1
    rc=$?
    if [ $rc -ne 1 ]; then
        say_fail "test $d: exit $rc, expected 1"; cat "$TMP/out"
    elif ! cmp -s "$TMP/out" "$d/test.expected"; then
        say_fail "test $d: output differs:"; diff "$d/test.expected" "$TMP/out"
    else
        echo "ok   test $d"
    fi
done
cd "$ROOT" || exit 1
if "$BIN" test scenes/stalking >"$TMP/out" 2>&1 && grep -q '^scenes/stalking: .* 3 of 3 endings reached, 0 beats never reached, 0 options never available; 0 errors, 0 warnings$' "$TMP/out"; then
    echo "ok   test scenes/stalking"
else
    say_fail "test scenes/stalking:"; cat "$TMP/out"
fi
"$BIN" test >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok   test usage" || say_fail "test without DIR must exit 2"

# --- strings: export, import, export again gives the same file; a changed
# source makes the translation stale (check warns, the old text is not used) ---
S="$TMP/s"
cp -r "$ROOT/scenes/stalking" "$S"
"$BIN" strings "$S" --export da,en "$TMP/a.po" 2>/dev/null || say_fail "strings --export po"
grep -q '^msgctxt "unanswered.opt1"$' "$TMP/a.po" || say_fail "strings: no id party.opt1 in the PO"
sed 's/^msgstr "It Starts So Sweetly"$/msgstr "It Starts Sweetly"/' "$TMP/a.po" >"$TMP/b.po"
"$BIN" strings "$S" --import "$TMP/b.po" >"$TMP/out" || { say_fail "strings --import"; cat "$TMP/out"; }
grep -q 'strings.en.po: 354 translations from .*, 0 warnings$' "$TMP/out" || { say_fail "strings --import count"; cat "$TMP/out"; }
"$BIN" strings "$S" --export da,en "$TMP/c.po" 2>/dev/null
cmp -s "$TMP/b.po" "$TMP/c.po" && echo "ok   strings po round trip" || { say_fail "strings po round trip"; diff "$TMP/b.po" "$TMP/c.po" | head; }
"$BIN" strings "$S" | grep -q '^title	da: Det starter så sødt	en: It Starts Sweetly$' &&
    echo "ok   strings applied" || say_fail "strings: the imported title is not applied"
sed 's/^msgstr "Party at Emma.s"$/msgstr "Party at Emma'"'"'s house"/' "$TMP/b.po" >"$TMP/b2.po"
"$BIN" strings "$S" --import "$TMP/b2.po" >/dev/null || say_fail "strings --import (caption)"
"$BIN" play --headless --no-phones --lang en --size 640x480 --keys "Right S" --transcript - "$S" 2>/dev/null |
    grep -q "^caption Friday 22:10, Party at Emma's house$" &&
    echo "ok   play applies the imported translation" || say_fail "strings: play ignores the imported translation"
"$BIN" strings "$S" --import "$TMP/b.po" >/dev/null
"$BIN" strings "$S" --export da,en "$TMP/a.csv" 2>/dev/null
"$BIN" strings "$S" --import "$TMP/a.csv" >/dev/null || say_fail "strings --import csv"
"$BIN" strings "$S" --export da,en "$TMP/b.csv" 2>/dev/null
cmp -s "$TMP/a.csv" "$TMP/b.csv" && echo "ok   strings csv round trip" || say_fail "strings csv round trip"
sed -i 's/Det starter så sødt/Det starter sødt/' "$S/scenario.lua"
"$BIN" check "$S" >"$TMP/out" 2>/dev/null
grep -q "scenario.lua:17: warning: .*strings.en.po: the 'en' translation of title is stale" "$TMP/out" &&
    echo "ok   strings stale warning" || { say_fail "strings: no stale warning"; cat "$TMP/out"; }
"$BIN" strings "$S" | grep -q '^title	da: Det starter sødt	en: It Starts So Sweetly$' ||
    say_fail "strings: a stale translation is used"
"$BIN" strings "$S" --export da,en "$TMP/d.po" 2>/dev/null
grep -A2 '^#, fuzzy$' "$TMP/d.po" | grep -q '^#| msgid "Det starter så sødt"$' &&
    echo "ok   strings fuzzy on export" || say_fail "strings: the stale entry is not fuzzy in the export"

# a language only a translation adds (de): a stale or missing text is shown in
# the source language with one warning, never an error; and check's summary
# counts exactly the error lines it printed
sed 's/^msgstr "\(.*\)"$/msgstr "DE \1"/; s/^"Language: en/"Language: de/' "$TMP/d.po" >"$TMP/de.po"
grep -q '^"Language: de' "$TMP/de.po" || say_fail "strings: cannot make a de catalogue from $TMP/d.po"
"$BIN" strings "$S" --import "$TMP/de.po" >/dev/null || say_fail "strings --import de"
"$BIN" check "$S" >"$TMP/out" 2>"$TMP/err"; rc=$?
errs=$(grep -c ': error: ' "$TMP/out")
if [ $rc -eq 0 ] && [ "$errs" = 0 ] && grep -q "0 errors" "$TMP/err" &&
    grep -q "strings.de.po: 1 text without a usable 'de' translation is shown in 'da'" "$TMP/out"; then
    echo "ok   a stale text of an added language falls back to the source, with a warning"
else
    say_fail "added language: rc=$rc, $errs error lines"; cat "$TMP/out" "$TMP/err"
fi
"$BIN" play --headless --no-phones --lang de --size 640x480 --keys "" --transcript - "$S" >"$TMP/out" 2>&1
grep -q "^welcome" "$TMP/out" && ! grep -q "no language 'de'" "$TMP/out" &&
    echo "ok   play --lang de plays the added language" || { say_fail "play --lang de"; cat "$TMP/out"; }
cp "$S/scenario.lua" "$TMP/keep.lua"
sed -i 's/^  title = { da = "Det starter sødt", en = "[^"]*" },/  title = { da = "Det starter sødt" },/' "$S/scenario.lua"
"$BIN" check "$S" >"$TMP/out" 2>"$TMP/err"
n=$(grep -c ': error: ' "$TMP/out")
grep -q "^$S: $n errors\?[ ,]" "$TMP/err" && [ "$n" -ge 1 ] && echo "ok   check counts the errors it prints ($n)" ||
    { say_fail "check summary does not match its $n error lines"; cat "$TMP/out" "$TMP/err"; }
cp "$TMP/keep.lua" "$S/scenario.lua"

# the manuscript's own headings follow its language
"$BIN" script "$ROOT/scenes/stalking" --lang da --out "$TMP/da.html" || say_fail "script --lang da"
if grep -q "Medvirkende" "$TMP/da.html" && ! grep -q "Content note\|<h2>Cast</h2>\|For the facilitator\|At every Stop" "$TMP/da.html"; then
    echo "ok   the Danish manuscript's headings are Danish"
else
    say_fail "English headings in the Danish manuscript"
fi
"$BIN" script "$ROOT/scenes/stalking" --role sofi --out "$TMP/x.html" 2>"$TMP/err"
grep -q "did you mean .sofie.?" "$TMP/err" && echo "ok   script --role suggests the cast member meant" ||
    { say_fail "script --role: no suggestion"; cat "$TMP/err"; }

# --- script: every text of the scenario, in each language, is in the HTML ---
for lang in da en; do
    "$BIN" script "$ROOT/scenes/stalking" --lang $lang --out "$TMP/script.html" || say_fail "script --lang $lang"
    col=2; [ $lang = en ] && col=3
    "$BIN" strings "$ROOT/scenes/stalking" | awk -F'\t' -v c=$col '{ t = $c; sub(/^[a-z][a-z]: /, "", t); if (t != "") print t }' |
        sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' -e 's/\\n/<br>/g' >"$TMP/texts"
    missing=0
    while IFS= read -r t; do
        grep -Fq -- "$t" "$TMP/script.html" || { [ $missing -lt 5 ] && echo "  missing ($lang): $t"; missing=$((missing + 1)); }
    done <"$TMP/texts"
    n=$(wc -l <"$TMP/texts")
    if [ $missing -eq 0 ] && [ "$n" -gt 300 ]; then echo "ok   script $lang: all $n texts"; else say_fail "script $lang: $missing of $n texts missing"; fi
done
"$BIN" script "$ROOT/scenes/stalking" --role mads --out "$TMP/mads.html" || say_fail "script --role"
grep -q 'class="line mine"><span class="who">Mads' "$TMP/mads.html" && ! grep -q 'class="help"' "$TMP/mads.html" &&
    echo "ok   script --role mads" || say_fail "script --role mads: no marked lines, or a help card"
"$BIN" script "$ROOT/scenes/stalking" --role nobody --out "$TMP/x.html" 2>/dev/null && say_fail "script --role nobody must fail"

# --- map: a box for every beat; a beat the start cannot reach stands out ---
"$BIN" map "$ROOT/scenes/stalking" --out "$TMP/map.svg" || say_fail "map"
missing=0
for id in $(grep -ho '^beat "[a-z0-9_-]*"' "$ROOT"/scenes/stalking/*.lua | sed 's/^beat "\(.*\)"$/\1/'); do
    grep -q "id=\"beat-$id\"" "$TMP/map.svg" || { echo "  no box for $id"; missing=$((missing + 1)); }
done
n=$(grep -c '<g class="beat' "$TMP/map.svg")
[ $missing -eq 0 ] && [ "$n" -eq 29 ] && echo "ok   map: all $n beats" || say_fail "map: $missing missing, $n boxes"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout "$TMP/map.svg" && echo "ok   map is well-formed XML" || say_fail "map: not well-formed"
fi
"$BIN" map "$ROOT/tests/data/check/unreachable" --out "$TMP/lost.svg" &&
    grep -q '<g class="beat lost" id="beat-island">' "$TMP/lost.svg" &&
    echo "ok   map marks unreachable beats" || say_fail "map: island is not marked"

exit $fail
