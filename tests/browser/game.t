#!/bin/bash
# game.t - the home page in Debian's chromium, through nginx.conf.example
# and a worker pool: load it, play whole games by clicking cells, and check
# the result shown, the security headers, that nothing is loaded from
# elsewhere, and that the browser reports no console error and no
# Content-Security-Policy violation.  The TAP comes from game.js.
set -u
. "$(dirname "$0")/../lib/stack.sh"

chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || tt_bail "no browser at $chromium (make deps installs Debian's chromium)"
[ -d "$TT_REPO/tests/node_modules/puppeteer-core" ] ||
	tt_bail "puppeteer-core is missing (make deps runs npm ci in tests/)"

tt_init
tt_stack_start
mkdir -p "$TT_REPO/build/browser"
CHROMIUM=$chromium BASE_URL=$TT_URL SHOT_DIR=$TT_REPO/build/browser \
	PROFILE_DIR=$TT_DIR/chromium-profile \
	node "$TT_REPO/tests/browser/game.js"
