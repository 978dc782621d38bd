-- mcp-call.lua - POST /mcp: tools/call human_move with (b) one X in the
-- centre, the same board as post-center.lua, as a stateless 2026-07-28
-- request (its _meta and the headers the transport requires).
wrk.method = "POST"
wrk.path = "/mcp"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"human_move",'
	.. '"arguments":{"board":[["","",""],["","X",""],["","",""]]},'
	.. '"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",'
	.. '"io.modelcontextprotocol/clientCapabilities":{}}}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2026-07-28"
wrk.headers["Mcp-Method"] = "tools/call"
wrk.headers["Mcp-Name"] = "human_move"
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
