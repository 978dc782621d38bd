#!/bin/bash
# equal-rest.t - tools/call over /mcp equals the REST endpoint for a few
# hundred random inputs per tool (both through nginx and the pool, with an
# API key), and every structuredContent validates against the tool's
# outputSchema with ajv (equal-rest.mjs).  The rate limits are raised: this
# is a volume test, not a test of the limits.
source "$(dirname "$0")/lib.sh"
tt_init
mcp_need_npm

KEY=ttt-mcp-equal-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$KEY" >"$TT_DIR/api.key"
if [ "$(id -u)" -eq 0 ]; then chown root:nogroup "$TT_DIR/api.key"; fi
chmod 0640 "$TT_DIR/api.key"
# shellcheck disable=SC2034 # read by tt_stack_start
TT_WORKER_CONF="api_key_file = $TT_DIR/api.key" TT_RATE=100000r/s TT_BURST=100000
tt_stack_start

mcp_node equal-rest.mjs MCP_KEY="$KEY" EQUAL_N="${EQUAL_N:-300}" EQUAL_SEED="${EQUAL_SEED:-19}"
tt_done
