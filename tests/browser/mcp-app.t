#!/bin/bash
# mcp-app.t - the MCP App (the ui:// board the game tools name) in Debian's
# chromium, inside a test host made of the official AppBridge and MCP
# client, whose client talks to the real /mcp through nginx.conf.example and
# a worker pool: the host delivers a real tool result, a click plays a move
# through tools/call to the server, the board updates, and the host gets
# the model-context update.  The TAP comes from mcp-app.js.
set -u
. "$(dirname "$0")/../lib/stack.sh"

chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || tt_bail "no browser at $chromium (make deps installs Debian's chromium)"
for pkg in puppeteer-core @modelcontextprotocol/ext-apps @modelcontextprotocol/client; do
	[ -d "$TT_REPO/tests/node_modules/$pkg" ] ||
		tt_bail "$pkg is missing (make deps runs npm ci in tests/)"
done

tt_init
tt_stack_start
mkdir -p "$TT_REPO/build/browser"
CHROMIUM=$chromium BASE_URL=$TT_URL SHOT_DIR=$TT_REPO/build/browser \
	PROFILE_DIR=$TT_DIR/chromium-profile \
	node "$TT_REPO/tests/browser/mcp-app.js"
