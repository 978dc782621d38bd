#!/bin/bash
# nginx-errors.t - nginx's own errors for /mcp are JSON-RPC error objects
# ({"jsonrpc":"2.0","id":null,"error":{"code","message"}}, a JSON
# Content-Type, a message naming the limit), like the MCP server's own
# refusals, through the real stack: a body over body_limit (413), a request
# line over request_line (414), a header over header_size (400), a
# malformed header (400), an unknown transfer coding (501), plain HTTP on
# the TLS port (400), a method nginx refuses itself (TRACE: 405 with
# exactly Allow: POST), the pool stopped (502), and the same errors for a
# REST path keep the {"error": "..."} shape.  The example itself is checked
# for a JSON-RPC branch on every error page nginx can answer for /mcp.
# (Not recorded: statuses of the front end, not of an operation.)
source "$(dirname "$0")/lib.sh"
tt_init
tt_stack_start

# rpc DESC STATUS CODE REGEX FILE: FILE (status line, headers, body) is that
# status with a JSON Content-Type and a JSON-RPC error object, id null,
# that code, and a message matching REGEX.
rpc() {
	local desc=$1 want=$2 code=$3 re=$4 f=$5 got ctype body
	got=$(head -1 "$f" | tr -d '\r' | cut -d' ' -f2)
	ctype=$(sed -n 's/^[Cc]ontent-[Tt]ype: *//p' "$f" | tr -d '\r' | head -1)
	body=$(sed '1,/^\r\{0,1\}$/d' "$f")
	if [ "$got" = "$want" ] && [[ $ctype == application/json* ]] &&
	   jq -e --argjson c "$code" --arg re "$re" '.jsonrpc == "2.0" and has("id") and .id == null
		and .error.code == $c and (.error.message | test($re))' >/dev/null 2>&1 <<<"$body"; then
		tt_pass "$desc"
	else
		tt_fail "$desc"
		tt_diag_err "want $want, JSON-RPC $code, /$re/; got: $(head -c 600 "$f")"
	fi
}
# rest DESC STATUS FILE: the plain {"error": "..."} shape of the REST paths.
rest() {
	local desc=$1 want=$2 f=$3 got
	got=$(head -1 "$f" | tr -d '\r' | cut -d' ' -f2)
	if [ "$got" = "$want" ] &&
	   sed '1,/^\r\{0,1\}$/d' "$f" | jq -e '(.error | type == "string") and (has("jsonrpc") | not)' >/dev/null 2>&1; then
		tt_pass "$desc"
	else
		tt_fail "$desc"
		tt_diag_err "$(head -c 600 "$f")"
	fi
}
c() { curl -sS -i --max-time 10 --cacert "$TT_CERT" "$@" >"$TT_DIR/out" 2>&1; }
ACCEPT=(-H 'Accept: application/json, text/event-stream' -H 'Content-Type: application/json')
PING='{"jsonrpc":"2.0","id":1,"method":"ping"}'

# --- 413: over client_max_body_size (body_limit)
printf '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"%s"}}' \
	"$(head -c 17000 /dev/zero | tr '\0' a)" >"$TT_DIR/big"
c "${ACCEPT[@]}" --data-binary @"$TT_DIR/big" "$TT_URL/mcp"
rpc "a body over 16 KiB on /mcp: 413, a JSON-RPC error naming body_limit" 413 -32600 '16384 bytes \(body_limit\)' "$TT_DIR/out"
c --data-binary @"$TT_DIR/big" "$TT_URL/human_move"
rest "... and on /human_move the plain shape" 413 "$TT_DIR/out"

# --- 414: a request line over large_client_header_buffers (request_line)
long=$(head -c 9000 /dev/zero | tr '\0' a)
c "$TT_URL/mcp?x=$long"
rpc "a request line over 8 KiB to /mcp: 414, a JSON-RPC error naming request_line" 414 -32600 'request_line' "$TT_DIR/out"
c "$TT_URL/healthz?x=$long"
rest "... and to /healthz the plain shape" 414 "$TT_DIR/out"

# --- 400 (nginx's 494): a header line over 8 KiB (header_size)
c "${ACCEPT[@]}" -H "X-Pad: $long" --data-binary "$PING" "$TT_URL/mcp"
rpc "a header over 8 KiB to /mcp: 400, a JSON-RPC error naming header_size" 400 -32600 'header_size' "$TT_DIR/out"

# --- 400: a malformed header (two Host headers)
tt_raw "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n" >"$TT_DIR/out"
rpc "two Host headers to /mcp: 400, a JSON-RPC error" 400 -32600 'malformed' "$TT_DIR/out"

# --- 501: a transfer coding nginx does not implement
c --http1.1 "${ACCEPT[@]}" -H 'Transfer-Encoding: xchunked' --data-binary "$PING" "$TT_URL/mcp"
rpc "Transfer-Encoding: xchunked to /mcp: 501, a JSON-RPC error" 501 -32600 'transfer coding' "$TT_DIR/out"

# --- 400 (nginx's 497): plain HTTP on the TLS port
curl -sS -i --max-time 10 "${ACCEPT[@]}" --data-binary "$PING" "http://127.0.0.1:$TT_PORT/mcp" >"$TT_DIR/out" 2>&1
rpc "plain HTTP to the TLS port's /mcp: 400, a JSON-RPC error saying https://" 400 -32600 'https://' "$TT_DIR/out"

# --- 405 from nginx itself (TRACE): Allow says POST alone
c -X TRACE "$TT_URL/mcp"
rpc "TRACE /mcp: 405, a JSON-RPC error" 405 -32600 'not allowed on /mcp: POST' "$TT_DIR/out"
tt_is "$(tr -d '\r' <"$TT_DIR/out" | sed -n 's/^[Aa]llow: *//p' | tr '\n' '|')" "POST|" \
	"TRACE /mcp: exactly one Allow header, POST"
c -X TRACE "$TT_URL/human_move"
rest "TRACE /human_move keeps the plain shape" 405 "$TT_DIR/out"
tt_like "$(tr -d '\r' <"$TT_DIR/out")" $'\n[Aa]llow: GET, HEAD, POST, OPTIONS' "... and its Allow"

# --- every error page nginx can answer for /mcp has a JSON-RPC branch.
# Not these: 401, 403, 404, 416, 421 and 495/496 (this configuration has
# no auth_basic, access rules, static files or client certificates, so
# nginx never answers them for /mcp), and 505 (a request line whose
# version nginx refuses is never parsed: no path to tell /mcp by).
missing=""
for code in 400 405 408 411 413 414 429 494 497 500 501 502 503 504 507; do
	awk -v loc="location = /_errors/$code.json {" '
		index($0, loc) { inside = 1; next }
		inside && /^        }/ { exit }
		inside && /if \(\$ttt_mcp_request\)/ { found = 1 }
		inside && found && /"jsonrpc": "2.0", "id": null, "error": \{"code": -32[0-9]+, "message": "/ { ok = 1 }
		END { exit !ok }' "$TT_REPO/nginx.conf.example" || missing+=" $code"
done
tt_is "$missing" "" "every error page nginx can answer for /mcp has a JSON-RPC branch"

# --- 502: the pool is stopped
tt_pool_stop
c "${ACCEPT[@]}" --data-binary "$PING" "$TT_URL/mcp"
rpc "with the pool stopped, POST /mcp: 502, a JSON-RPC error" 502 -32603 'not reachable' "$TT_DIR/out"
c "$TT_URL/healthz"
rest "... and GET /healthz the plain shape" 502 "$TT_DIR/out"
tt_pool_start
tt_ok "service resumes when the pool is back" tt_wait_healthy 10
mcp_post "$PING"
tt_is "$TT_STATUS" 200 "after all of it, /mcp answers ping"
tt_done
