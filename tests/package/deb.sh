#!/bin/sh
# deb.sh DEB - the Debian package's smoke test: unpacks it into a scratch
# root (dpkg -x, no root needed), checks its metadata and files, and runs
# `spectactor --version` and `check` from there.  Prints "N passed, N failed".
set -u
DEB=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/spectactor-deb-XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; failed=$((failed + 1)); }

dpkg -x "$DEB" "$T/root" && ok "dpkg -x $(basename "$DEB")" || bad "dpkg -x"
deps=$(dpkg-deb -f "$DEB" Depends)
case "$deps" in *libsdl2-2.0-0*libsdl2-ttf*|*libsdl2-ttf*libsdl2-2.0-0*) ok "Depends filled in by dpkg-shlibdeps" ;;
*) bad "Depends: $deps" ;; esac
case "$deps" in *fonts-noto-color-emoji*) ok "Depends on the emoji font" ;; *) bad "no emoji font in Depends: $deps" ;; esac
for f in usr/bin/spectactor usr/share/applications/spectactor.desktop \
    usr/share/icons/hicolor/scalable/apps/spectactor.svg usr/share/spectactor/scenes/stalking/scenario.lua \
    usr/share/spectactor/scenes/questionnaire.lua usr/share/spectactor/assets/fonts/DejaVuSans.ttf \
    usr/share/doc/spectactor/README.md; do
    [ -f "$T/root/$f" ] && ok "has /$f" || bad "missing /$f"
done
grep -q '^Exec=spectactor' "$T/root/usr/share/applications/spectactor.desktop" && ok "desktop launcher runs spectactor" ||
    bad "desktop Exec line"
BIN="$T/root/usr/bin/spectactor"
v=$("$BIN" --version 2>&1)
case "$v" in "spectactor "[0-9]*) ok "--version: $v" ;; *) bad "--version: $v" ;; esac
if strings "$BIN" | grep -qx '/usr/share/spectactor'; then ok "data folder /usr/share/spectactor compiled in"; else bad "data folder not compiled in"; fi
# the scratch root stands in for / : point the data folder at it
if out=$(SPECTACTOR_DATA="$T/root/usr/share/spectactor" SDL_VIDEODRIVER=offscreen "$BIN" check \
    "$T/root/usr/share/spectactor/scenes/stalking" 2>&1) && echo "$out" | grep -q '0 errors'; then
    ok "check of the installed scenario"
else
    bad "check: $out"
fi
if SPECTACTOR_DATA="$T/root/usr/share/spectactor" SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$BIN" play \
    --headless --no-phones --size 640x360 --keys "Right" --screenshot "$T/s.png" \
    "$T/root/usr/share/spectactor/scenes/stalking" >/dev/null 2>&1 && [ -s "$T/s.png" ]; then
    ok "headless play with the installed fonts"
else
    bad "headless play from the scratch root"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
