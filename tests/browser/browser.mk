# tests/browser/: the home page and the MCP App in a real browser - Debian's
# chromium, headless, driven by puppeteer-core (tests/package-lock.json; it
# never downloads a browser) - through the shipped nginx and a worker pool
# (tests/lib/stack.sh).  The MCP App runs in a test host made of the
# official AppBridge and MCP client (mcp-host.*).  Screenshots land in
# build/browser/.
#
#   tests/browser/game.t                     after make and make deps
#   tests/browser/mcp-app.t
#   CHROMIUM=/path/to/chrome tests/browser/game.t

BROWSER_TESTS	= tests/browser/game.t tests/browser/mcp-app.t

PROVE_TESTS	+= $(BROWSER_TESTS)
APT_PACKAGES	+= chromium
CLEAN_FILES	+= build/browser
