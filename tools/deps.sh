# tools/deps.sh - sourced by tools/run, tools/test and tools/bench: installs
# what the project needs on Debian/Ubuntu, or lists it on other systems.
# Set SPECTACTOR_NO_INSTALL=1 to skip installing.

SPECTACTOR_DEB_BUILD="build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev
 liblua5.4-dev libcmocka-dev libsqlite3-dev libmicrohttpd-dev libcjson-dev libqrencode-dev
 fonts-dejavu-core fonts-noto-color-emoji libxlsxwriter-dev"
SPECTACTOR_DEB_TEST="xvfb xdotool clang libclang-rt-14-dev chromium sqlite3 curl binutils
 tesseract-ocr tesseract-ocr-dan python3-openpyxl fonts-symbola"
# tools/package and its smoke tests: the Windows cross-build (mingw-w64, the
# source packages' build tools), wine to run it, the .deb's tools, and the
# emoji font the Windows package bundles (Symbola: its FreeType has no PNG
# for Noto Color Emoji).
SPECTACTOR_DEB_PACKAGE="fonts-symbola mingw-w64 wine wine64 zip unzip dpkg-dev fakeroot file tcl make xz-utils
 python3 curl binutils procps"
SPECTACTOR_DEB_BENCH="wrk nginx-light hyperfine valgrind time xvfb curl iproute2 procps"

spectactor_missing() {
    missing=""
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing="$missing $p"
        fi
    done
    echo "$missing"
}

spectactor_install() {
    [ "${SPECTACTOR_NO_INSTALL:-0}" = 1 ] && return 0
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        echo "This is not a Debian/Ubuntu system. Please install the equivalents of:" >&2
        echo "  $*" >&2
        echo "(SDL2, SDL2_ttf, SDL2_image, Lua 5.4, cmocka, SQLite 3, libmicrohttpd, cJSON, libqrencode, CMake, a C compiler)" >&2
        return 0
    fi
    missing=$(spectactor_missing "$@")
    [ -z "$missing" ] && return 0
    echo "Installing:$missing" >&2
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq || true
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2 ||
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >&2 ||
        echo "warning: could not install:$missing (continuing; the build says what is missing)" >&2
}

# Node.js and npm for the browser tests: Debian's packages unless the
# machine already has them (e.g. from another repository, with npm bundled).
spectactor_install_node() {
    [ "${SPECTACTOR_NO_INSTALL:-0}" = 1 ] && return 0
    command -v node >/dev/null 2>&1 || spectactor_install nodejs
    command -v npm >/dev/null 2>&1 || spectactor_install npm
}
