# shellcheck shell=bash
# lib.sh - what the MCP tests share, on top of tests/lib/stack.sh.
#
#   mcp_node SCRIPT [VAR=value...]   run tests/mcp/SCRIPT with node against
#                                    $TT_URL/mcp; its TAP lines become this
#                                    test's (a node failure or crash fails)
#   mcp_post BODY [curl args...]     POST BODY to $TT_URL/mcp with the
#                                    headers an MCP client sends; sets
#                                    TT_STATUS TT_CTYPE TT_BODY TT_HEADERS
#                                    (MCP_CTYPE, MCP_ACCEPT: other values
#                                    for those two headers)
#   MCP_META                         the 2026-07-28 _meta every modern
#                                    request carries (a JSON object)

# shellcheck source=../lib/stack.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/stack.sh"

MCP_META='{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}'

mcp_need_npm() {
	[ -d "$TT_REPO/tests/node_modules/@modelcontextprotocol/sdk" ] ||
		tt_bail "the pinned npm test tools are missing (run make deps)"
}

mcp_node() {
	local script=$1 line rc n0=$TT_N
	shift
	while IFS= read -r line; do
		case "$line" in
		"ok "*) tt_pass "${line#ok * - }" ;;
		"not ok "*) tt_fail "${line#not ok * - }" ;;
		"#"*) echo "$line" ;;
		"Bail out!"*) tt_fail "$script: ${line#Bail out! }" ;;
		esac
	done < <(env MCP_URL="$TT_URL/mcp" NODE_EXTRA_CA_CERTS="${TT_CERT:-}" "$@" \
		node "$TT_REPO/tests/mcp/$script" 2>"$TT_DIR/node.err"; echo "rc=$?" >"$TT_DIR/node.rc")
	rc=$(sed -n 's/^rc=//p' "$TT_DIR/node.rc")
	if [ "$rc" != 0 ] && [ "$TT_FAILED" -eq 0 ]; then
		tt_fail "$script exited with $rc"
		tt_diag_err "$(tail -n 20 "$TT_DIR/node.err")"
	fi
	[ "$TT_N" -gt "$n0" ] || tt_fail "$script ran no test"
}

mcp_post() {
	local body=$1
	shift
	printf '%s' "$body" >"$TT_DIR/mcp-body"
	local out
	out=$(curl -s -D "$TT_DIR/mcp-headers" -o "$TT_DIR/mcp-out" \
		-w '%{http_code} %{content_type}' --max-time 10 \
		${TT_CERT:+--cacert "$TT_CERT"} -X POST \
		-H "Content-Type: ${MCP_CTYPE:-application/json}" \
		-H "Accept: ${MCP_ACCEPT:-application/json, text/event-stream}" \
		--data-binary @"$TT_DIR/mcp-body" "$@" "$TT_URL/mcp") || true
	TT_STATUS=${out%% *} TT_CTYPE=${out#* }
	TT_BODY=$(cat "$TT_DIR/mcp-out" 2>/dev/null)
	TT_HEADERS=$(tr -d '\r' <"$TT_DIR/mcp-headers" 2>/dev/null)
	TT_LAST_REQ="POST /mcp $(printf '%.200s' "$body")"
}
