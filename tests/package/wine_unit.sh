#!/bin/sh
# wine_unit.sh ROOT - the unit tests that can run on Windows, cross-built
# with the package's dependencies (tools/package deps) and run under wine.
# Not ported, and why:
#   eval_store, eval_crash  fork() a child and kill it mid-write (crash safety)
#   eval_cmd                mkdtemp(), setenv() and file modes (0600) of POSIX
#   net                     raw POSIX sockets as the test's own HTTP client
#   lua                     fork() to prove the watchdog ends a stuck process
# Prints "N passed, N failed".
set -u
ROOT=$1
JOBS=${JOBS:-$(nproc)}
TESTS="core story validate vote idea eval layout show kiosk gfx_cache render views_eval views_map views_presenter"
PREFIX=$(cat "$ROOT/build-win/deps-prefix.txt" 2>/dev/null) || PREFIX=""
[ -n "$PREFIX" ] && [ -d "$PREFIX/bin" ] || { echo "FAIL no Windows dependencies (run tools/package deps)"; echo "0 passed, 1 failed"; exit 1; }
B="$ROOT/build-win/unit"
# a build configured against another dependency cache starts afresh
if [ "$(cat "$B/deps-prefix.txt" 2>/dev/null)" != "$PREFIX" ]; then rm -rf "$B"; fi
mkdir -p "$B"
echo "$PREFIX" >"$B/deps-prefix.txt"
# console programs with their own main(): SDL without SDL2main
mkdir -p "$B/pkgconfig"
cp "$PREFIX"/lib/pkgconfig/*.pc "$B/pkgconfig/"
sed -i 's/-Dmain=SDL_main//; s/-lSDL2main//; s/-mwindows//' "$B/pkgconfig/sdl2.pc"
cmake -S "$ROOT" -B "$B" -DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/mingw-w64-x86_64.cmake" \
    -DSPECTACTOR_WIN_PREFIX="$PREFIX" -DSPECTACTOR_WIN_PKG_CONFIG_DIR="$B/pkgconfig" \
    -DCMAKE_C_FLAGS=-DSDL_MAIN_HANDLED -DCMAKE_BUILD_TYPE=Release -DSPECTACTOR_WERROR=ON \
    "-DSPECTACTOR_ONLY=compat;core;story;vote;eval;render;lua;net;show;views;app" >"$B.log" 2>&1 ||
    { tail -n 20 "$B.log"; echo "0 passed, 1 failed"; exit 1; }
targets=""
for t in $TESTS; do targets="$targets --target test_$t"; done
# shellcheck disable=SC2086
cmake --build "$B" -j"$JOBS" $targets >>"$B.log" 2>&1 || { grep -E 'error|Error' "$B.log" | head -n 20; echo "0 passed, 1 failed"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/spectactor-wine-unit-XXXXXX")
trap 'rm -rf "$T"' EXIT
export WINEPREFIX="${SPECTACTOR_WINEPREFIX:-$T/wineprefix}"
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
unset DISPLAY WAYLAND_DISPLAY
timeout 300 wineboot -i >/dev/null 2>&1 || true
WINEPATH=""
for d in "$PREFIX/bin" "$PREFIX/lib" /usr/lib/gcc/x86_64-w64-mingw32/*-posix /usr/x86_64-w64-mingw32/lib; do
    [ -d "$d" ] && WINEPATH="$WINEPATH${WINEPATH:+;}$(winepath -w "$d" 2>/dev/null)"
done
export WINEPATH
passed=0 failed=0
for t in $TESTS; do
    exe=$(find "$B" -name "test_$t.exe" | head -n1)
    if [ -z "$exe" ]; then
        echo "FAIL unit_$t (not built)"
        failed=$((failed + 1))
        continue
    fi
    if (cd "$(dirname "$exe")" && timeout 300 wine "$exe" >"$T/$t.out" 2>&1); then
        echo "ok   unit_$t under wine"
        passed=$((passed + 1))
    else
        echo "FAIL unit_$t under wine:"
        tail -n 15 "$T/$t.out"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
