# tests/mcp/: the MCP server at /mcp through the real stack, with the
# official npm packages pinned in tests/package-lock.json (make deps
# installs them).
#
#   tests/mcp/clients.t                one test file by hand (after make)
MCP_TESTS = tests/mcp/clients.t \
	    tests/mcp/equal-rest.t \
	    tests/mcp/conformance.t \
	    tests/mcp/transport.t \
	    tests/mcp/rate-limit.t \
	    tests/mcp/nginx-errors.t \
	    tests/mcp/cgi.t

PROVE_TESTS	+= $(MCP_TESTS)
