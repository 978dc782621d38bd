#!/bin/bash
# rate-limit.t - the MCP rate limit with the shipped numbers, through nginx
# and the pool, all from 127.0.0.1: 200 distinct conversations (ChatGPT's
# _meta "openai/session") are not throttled, one runaway conversation is,
# and calls that carry no conversation id (Claude's) meet only the generous
# per-address ceiling (rate-limit.mjs).
source "$(dirname "$0")/lib.sh"
tt_init
mcp_need_npm
tt_stack_start

mcp_node rate-limit.mjs CONVERSATIONS=200 RUNAWAY=100
tt_done
