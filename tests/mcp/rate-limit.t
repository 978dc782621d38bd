#!/bin/bash
# rate-limit.t - the MCP rate limit with the shipped numbers, through nginx
# and a pool of two processes sharing the conversation table, all from
# 127.0.0.1: 200 distinct conversations (ChatGPT's _meta "openai/session")
# are not throttled, one runaway conversation is, at the configured rate
# for the whole pool (its burst once, not once per process), and calls that
# carry no conversation id (Claude's) meet only the generous per-address
# ceiling (rate-limit.mjs); nginx's /mcp ceiling answers in JSON-RPC.
source "$(dirname "$0")/lib.sh"
tt_init
mcp_need_npm
# shellcheck disable=SC2034 # read by tt_stack_start
TT_WORKERS=2 TT_SCOREBOARD=1
tt_stack_start

mcp_node rate-limit.mjs CONVERSATIONS=200 RUNAWAY=100 RATE=5 BURST=30 WORKERS=2
# The pool log names each request's process: the runaway's refusals came
# from both, so the one bucket was shared, not two buckets each full.
pids=$(sed -n 's/.*ttt-fcgi\[\([0-9]*\)\] info request method="POST" path="\/mcp" status=429 .*/\1/p' \
	"$TT_DIR/pool.log" | sort -u | wc -l)
tt_ok "both processes of the pool refused the runaway ($pids did)" test "$pids" -ge 2
tt_like "$(cat "$TT_DIR/pool.log")" 'mcp-limits shared=1' "the workers say they share the conversation table"

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
