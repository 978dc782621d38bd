#!/bin/bash
# clients.t - the official MCP clients (tests/node_modules, pinned) against
# /mcp through the real stack (nginx over HTTPS + the spawn-fcgi pool), with
# an API key as the REST game routes take it: the v1 SDK client (legacy
# handshake) and the v2 client pinned to 2026-07-28, in auto mode and in
# legacy mode.  Each connects, lists the tools, plays a whole game, asks for
# a hint, reads the App, and checks the errors (sdk-v1.mjs, sdk-v2.mjs).
source "$(dirname "$0")/lib.sh"
tt_init
mcp_need_npm

KEY=ttt-mcp-clients-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$KEY" >"$TT_DIR/api.key"
if [ "$(id -u)" -eq 0 ]; then chown root:nogroup "$TT_DIR/api.key"; fi
chmod 0640 "$TT_DIR/api.key"
# shellcheck disable=SC2034 # read by tt_stack_start
TT_WORKER_CONF="api_key_file = $TT_DIR/api.key"
tt_stack_start

mcp_node sdk-v1.mjs MCP_KEY="$KEY"
mcp_node sdk-v2.mjs MCP_KEY="$KEY"
tt_done
