#!/bin/bash
# rate-limit.t - the MCP rate limit with the shipped numbers, through nginx
# and the pool, all from 127.0.0.1: 200 distinct conversations (ChatGPT's
# _meta "openai/session") are not throttled, one runaway conversation is,
# and calls that carry no conversation id (Claude's) meet only the generous
# per-address ceiling (rate-limit.mjs); nginx's /mcp ceiling answers in
# JSON-RPC.
source "$(dirname "$0")/lib.sh"
tt_init
mcp_need_npm
tt_stack_start

mcp_node rate-limit.mjs CONVERSATIONS=200 RUNAWAY=100

# nginx's own ceiling for /mcp, made small to be reached: its 429 is a
# JSON-RPC error naming mcp_rate_per_address, with Retry-After.
tt_nginx_stop
TT_RATE=1r/s TT_BURST=1
tt_nginx_start
hit=""
for i in 1 2 3 4 5 6; do
	mcp_post '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
	if [ "$TT_STATUS" = 429 ]; then hit=1; break; fi
done
tt_is "${hit:-}" 1 "past nginx's /mcp ceiling: 429"
tt_jq '.jsonrpc == "2.0" and .id == null and .error.code == -32000 and
	(.error.message | test("mcp_rate_per_address"))' "... a JSON-RPC error naming mcp_rate_per_address"
tt_like "$TT_HEADERS" $'\n[Rr]etry-[Aa]fter: 1' "... with Retry-After: 1"
tt_done
