#!/bin/sh
# run.sh BIN ROOT [SCREENSHOT_DIR] - runs phone.test.js with node, or reports
# a skip (exit 77, CTest's SKIP_RETURN_CODE) when node, /usr/bin/chromium or
# playwright-core (`npm ci` in this folder) is missing.
set -u
DIR=$(cd "$(dirname "$0")" && pwd)
NODE=$(command -v node || command -v nodejs) || {
    echo "skip: node not found (apt-get install nodejs npm)"; exit 77
}
if [ ! -x /usr/bin/chromium ]; then
    echo "skip: /usr/bin/chromium not found (apt-get install chromium)"; exit 77
fi
if [ ! -f "$DIR/node_modules/playwright-core/package.json" ]; then
    echo "skip: playwright-core missing (run npm ci in $DIR)"; exit 77
fi
cd "$DIR" || exit 1
exec "$NODE" "$DIR/phone.test.js" "$@"
