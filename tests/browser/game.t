#!/bin/bash
# game.t - the home page in Debian's chromium, through nginx.conf.example
# and a worker pool: load it, play whole games by clicking cells, and check
# the result shown, the security headers, that nothing is loaded from
# elsewhere, and that the browser reports no console error and no
# Content-Security-Policy violation; the Copy button's place at 1280 and
# 390 px (screenshots in build/browser/layout-*.png).  Then the pool again
# with an API key and api_key_type = basic: a wrong key typed on the page
# never opens the browser's login dialog.  The TAP comes from game.js.
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
	PROFILE_DIR=$TT_DIR/chromium-profile TAP_NO_PLAN=1 \
	node "$TT_REPO/tests/browser/game.js" | tee "$TT_DIR/first.tap"
rc1=${PIPESTATUS[0]}

# The same nginx, a pool that wants a key sent as "Authorization: Basic".
KEY=browser-$(date +%s%N)
printf '%s\n' "$KEY" >"$TT_DIR/api.key"
[ "$(id -u)" -ne 0 ] || chown root:nogroup "$TT_DIR/api.key"
chmod 0640 "$TT_DIR/api.key"
tt_pool_stop
TT_CONF="" TT_WORKER_CONF="api_key_file = $TT_DIR/api.key
api_key_type = basic"
tt_pool_start
CHROMIUM=$chromium BASE_URL=$TT_URL SHOT_DIR=$TT_REPO/build/browser \
	PROFILE_DIR=$TT_DIR/chromium-profile-auth AUTH_KEY=$KEY \
	TAP_OFFSET=$(grep -cE '^(not )?ok ' "$TT_DIR/first.tap") \
	node "$TT_REPO/tests/browser/game.js"
rc2=$?
[ "$rc1" = 0 ] && [ "$rc2" = 0 ]
