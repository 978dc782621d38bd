#!/bin/bash
# transport.t - the transport's rules and refusals, with curl through nginx
# and the pool (HTTPS, an API key): POST only (GET and DELETE 405), one
# message per POST, 202 for notifications and responses, no session ever,
# both eras' version rules, the 2026-07-28 header checks, the key with a
# challenge naming its scheme, Host and Origin against the service's own
# names, nginx's body limit, and hostile JSON-RPC (ids, depth, bytes) --
# every refusal a JSON-RPC error object, and the workers still serving.
source "$(dirname "$0")/lib.sh"
tt_init

KEY=ttt-mcp-transport-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$KEY" >"$TT_DIR/api.key"
if [ "$(id -u)" -eq 0 ]; then chown root:nogroup "$TT_DIR/api.key"; fi
chmod 0640 "$TT_DIR/api.key"
# shellcheck disable=SC2034 # read by tt_stack_start
TT_WORKER_CONF="api_key_file = $TT_DIR/api.key" TT_RATE=100000r/s TT_BURST=100000
tt_stack_start
pids_before=$(tt_worker_pids)
AUTH=(-H "Authorization: Bearer $KEY")
MODERN=(-H 'MCP-Protocol-Version: 2026-07-28')

post() { mcp_post "$1" "${AUTH[@]}" "${@:2}"; }
# err STATUS CODE DESC: the answer is that status and a JSON-RPC error.
err() {
	tt_is "$TT_STATUS" "$1" "$3: HTTP $1"
	tt_jq ".jsonrpc == \"2.0\" and .error.code == $2 and (.error.message | length) > 0 and has(\"id\")" \
		"$3: a JSON-RPC error $2 with a message"
}
INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}'

# ---- methods other than POST: the worker's 405 (GET, DELETE, PUT, PATCH)
# and nginx's own (TRACE) alike say exactly "Allow: POST" and answer a
# JSON-RPC error object; OPTIONS stays the browsers' CORS preflight.
for m in GET DELETE PUT PATCH TRACE; do
	code=$(curl -s -o "$TT_DIR/b" -D "$TT_DIR/h" -w '%{http_code}' --cacert "$TT_CERT" -X "$m" \
		"${AUTH[@]}" -H 'Accept: text/event-stream' "$TT_URL/mcp")
	TT_STATUS=$code TT_BODY=$(cat "$TT_DIR/b") TT_LAST_REQ="$m /mcp"
	allow=$(tr -d '\r' <"$TT_DIR/h" | sed -n 's/^[Aa]llow: *//p' | tr '\n' '|')
	tt_is "$allow" "POST|" "$m /mcp: exactly one Allow header, and it says POST"
	tt_like "$(tr -d '\r' <"$TT_DIR/h")" $'\n[Cc]ontent-[Tt]ype: application/json' "$m /mcp: JSON"
	err 405 -32600 "$m /mcp"
	tt_jq '.id == null' "$m /mcp: id null"
done
code=$(curl -s -o /dev/null -D "$TT_DIR/h" -w '%{http_code}' --cacert "$TT_CERT" -X OPTIONS \
	-H 'Origin: https://127.0.0.1' -H 'Access-Control-Request-Method: POST' "$TT_URL/mcp")
tt_is "$code" 204 "OPTIONS /mcp: the CORS preflight still answers 204"

# ---- legacy era
post "$INIT"
tt_is "$TT_STATUS" 200 "initialize: 200"
tt_like "$TT_CTYPE" '^application/json' "initialize: answered in JSON"
tt_jq '.id == 1 and .result.protocolVersion == "2025-11-25" and .result.serverInfo.name == "ttt-fcgi"
	and (.result.capabilities | has("tools") and has("resources"))' "initialize: same id, the version asked, tools and resources"
tt_unlike "$TT_HEADERS" $'\n[Mm]cp-[Ss]ession-[Ii]d:' "initialize: no Mcp-Session-Id is issued"
tt_jq '.result.capabilities.extensions["io.modelcontextprotocol/ui"].mimeTypes == ["text/html;profile=mcp-app"]' \
	"initialize: the MCP Apps extension is declared with its mimeType"
for v in 2025-06-18 2025-03-26; do
	post "${INIT/2025-11-25/$v}"
	tt_jq ".result.protocolVersion == \"$v\"" "initialize asking $v gets $v"
done
post "${INIT/2025-11-25/2024-11-05}"
tt_jq '.result.protocolVersion == "2025-11-25"' "initialize asking an unsupported version gets the latest, 2025-11-25"
post '{"jsonrpc":"2.0","method":"notifications/initialized"}' -H 'MCP-Protocol-Version: 2025-11-25' -H 'Mcp-Session-Id: abc'
tt_is "$TT_STATUS" 202 "a notification: 202"
tt_is "$TT_BODY" "" "a notification: no body"
post '{"jsonrpc":"2.0","id":"srv-1","result":{}}'
tt_is "$TT_STATUS" 202 "a response from the client: 202, no body"
post '{"jsonrpc":"2.0","id":"p","method":"ping"}' -H 'MCP-Protocol-Version: 2025-11-25' -H 'Mcp-Session-Id: made-up'
tt_jq '.id == "p" and .result == {}' "ping answers {} (a client's Mcp-Session-Id is ignored)"
post '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' -H 'MCP-Protocol-Version: 2025-06-18'
tt_jq '[.result.tools[].name] == ["human_move","hint"] and (.result | has("resultType") | not)' \
	"legacy tools/list: the two tools, no 2026 fields"
post '{"jsonrpc":"2.0","id":3,"method":"tools/list"}' -H 'MCP-Protocol-Version: 1999-01-01'
err 400 -32022 "an unsupported MCP-Protocol-Version"
tt_jq '.error.data.supported == ["2026-07-28","2025-11-25","2025-06-18","2025-03-26"]' \
	"it lists the supported versions in data.supported"
post '{"jsonrpc":"2.0","id":4,"method":"prompts/list"}'
err 200 -32601 "legacy: an unknown method"
post '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"arguments":{}}}'
err 200 -32602 "tools/call without a name"
post '{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"resign"}}'
err 200 -32602 "tools/call of an unknown tool"

# ---- 2026-07-28
modern() {	# modern ID METHOD PARAMS-MEMBERS [curl args]
	post "{\"jsonrpc\":\"2.0\",\"id\":$1,\"method\":\"$2\",\"params\":{$3\"_meta\":$MCP_META}}" \
		"${MODERN[@]}" -H "Mcp-Method: $2" "${@:4}"
}
modern 10 server/discover ""
tt_is "$TT_STATUS" 200 "server/discover: 200"
tt_jq '.result.resultType == "complete" and (.result.supportedVersions | index("2026-07-28")) != null and
	.result.ttlMs > 0 and .result.cacheScope == "public" and
	.result._meta["io.modelcontextprotocol/serverInfo"].name == "ttt-fcgi"' \
	"server/discover: versions, resultType, ttlMs, cacheScope, serverInfo"
modern 11 tools/list ""
tt_jq '.result.resultType == "complete" and .result.ttlMs > 0 and .result.cacheScope == "public" and
	([.result.tools[].name] == ["human_move","hint"])' "modern tools/list: resultType, ttlMs, cacheScope"
modern 12 tools/call '"name":"hint","arguments":{"board":[["X","O"," "],[" "," "," "],[" "," "," "]]},' -H 'Mcp-Name: hint'
tt_jq '.result.resultType == "complete" and .result.structuredContent.best == [4,5,7]' "modern tools/call: a complete result"
modern 13 tools/call '"name":"hint","arguments":{"board":[["X","O"," "],[" "," "," "],[" "," "," "]]},' \
	-H "Mcp-Name: =?base64?$(printf hint | base64)?="
tt_jq '.result.structuredContent.best == [4,5,7]' "Mcp-Name in the Base64 sentinel form is decoded"
modern 14 tools/call '"name":"hint","arguments":{},' -H 'Mcp-Name: human_move'
err 400 -32020 "Mcp-Name that does not match params.name"
modern 15 tools/call '"name":"hint","arguments":{},'
err 400 -32020 "a modern tools/call without Mcp-Name"
modern 16 resources/read '"uri":"ui://ttt/board.html",' -H 'Mcp-Name: ui://ttt/board.html'
tt_jq '.result.contents[0].mimeType == "text/html;profile=mcp-app" and .result.ttlMs > 0' \
	"modern resources/read: the App, with ttlMs"
post "{\"jsonrpc\":\"2.0\",\"id\":17,\"method\":\"tools/list\",\"params\":{\"_meta\":$MCP_META}}" "${MODERN[@]}" -H 'Mcp-Method: tools/call'
err 400 -32020 "Mcp-Method that does not match the method"
post "{\"jsonrpc\":\"2.0\",\"id\":18,\"method\":\"tools/list\",\"params\":{\"_meta\":$MCP_META}}" "${MODERN[@]}"
err 400 -32020 "a modern request without Mcp-Method"
post "{\"jsonrpc\":\"2.0\",\"id\":19,\"method\":\"tools/list\",\"params\":{\"_meta\":$MCP_META}}" \
	-H 'MCP-Protocol-Version: 2025-11-25' -H 'Mcp-Method: tools/list'
err 400 -32020 "MCP-Protocol-Version that does not match _meta's version"
post "{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"tools/list\",\"params\":{\"_meta\":${MCP_META/2026-07-28/2099-01-01}}}" \
	-H 'MCP-Protocol-Version: 2099-01-01' -H 'Mcp-Method: tools/list'
err 400 -32022 "a _meta version the server does not support"
tt_jq '(.error.data.supported | index("2026-07-28")) != null and .error.data.requested == "2099-01-01"' \
	"it names the supported versions and the one requested"
post '{"jsonrpc":"2.0","id":21,"method":"tools/list","params":{}}' "${MODERN[@]}" -H 'Mcp-Method: tools/list'
err 400 -32602 "a 2026-07-28 request without its _meta"
post '{"jsonrpc":"2.0","id":22,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}' \
	"${MODERN[@]}" -H 'Mcp-Method: tools/list'
err 400 -32602 "a 2026-07-28 request without clientCapabilities"
modern 23 ping ""
err 404 -32601 "modern: ping (removed in 2026-07-28)"
modern 24 prompts/list ""
err 404 -32601 "modern: an unknown method"

# ---- the API key
mcp_post "$INIT"
tt_is "$TT_STATUS" 401 "no key: 401"
tt_like "$TT_HEADERS" $'\n[Ww][Ww][Ww]-[Aa]uthenticate: Bearer' "no key: the challenge names the scheme (Bearer)"
tt_jq '.error.code == -32600 and (.error.message | test("Authorization: Bearer"))' "no key: a JSON-RPC error saying how to send the key"
mcp_post "$INIT" -H "Authorization: Bearer wrong-$KEY"
tt_is "$TT_STATUS" 401 "a wrong key: 401"
mcp_post "$INIT" -H "Authorization: Basic $KEY"
tt_is "$TT_STATUS" 401 "the key in another scheme: 401"

# ---- Host and Origin (DNS rebinding): the service's own names only
post "$INIT" -H "Host: evil.example" -H "Origin: http://evil.example"
err 403 -32600 "a rebinding pair (Host evil.example, Origin http://evil.example)"
post "$INIT" -H "Origin: https://evil.example"
err 403 -32600 "a foreign Origin with our Host"
post "$INIT" -H "Host: evil.example:$TT_PORT"
err 403 -32600 "a foreign Host without Origin"
post "$INIT" -H "Origin: null"
err 403 -32600 "Origin: null"
post "$INIT" -H "Origin: https://127.0.0.1:$TT_PORT"
tt_is "$TT_STATUS" 200 "our own Origin: 200"
post "$INIT" -H "Host: localhost:$TT_PORT" -H "Origin: http://localhost"
tt_is "$TT_STATUS" 200 "localhost as Host and Origin: 200"

# ---- the body
MCP_CTYPE=text/plain post "$INIT"
err 415 -32600 "Content-Type text/plain"
MCP_ACCEPT=text/html post "$INIT"
err 406 -32600 "an Accept without JSON"
big=$(printf '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"%s"}}' "$(head -c 17000 /dev/zero | tr '\0' a)")
post "$big"
tt_is "$TT_STATUS" 413 "a body over 16 KiB: 413 from nginx"
post '[{"jsonrpc":"2.0","id":1,"method":"ping"}]'
err 400 -32600 "a batch"
tt_jq '.id == null' "a batch: id null"
post '{"jsonrpc":"2.0","id":1,"method":'
err 400 -32700 "unparseable JSON"
tt_jq '.id == null' "unparseable JSON: id null"
printf '{"jsonrpc":"2.0","id":1,"method":"p\xffng"}' >"$TT_DIR/bad-utf8"
post "$(cat "$TT_DIR/bad-utf8")"
err 400 -32700 "invalid UTF-8"
deep=$(printf '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"a":%s1%s}}' \
	"$(printf '[%.0s' $(seq 1 40))" "$(printf ']%.0s' $(seq 1 40))")
post "$deep"
err 400 -32700 "nesting 40 levels deep"
post '{"jsonrpc":"2.0","id":1,"id":2,"method":"ping"}'
err 400 -32700 "a duplicate key"
post '{"jsonrpc":"1.0","id":1,"method":"ping"}'
err 400 -32600 "jsonrpc 1.0"
post '{"jsonrpc":"2.0","id":null,"method":"ping"}'
err 400 -32600 "id null"
post '{"jsonrpc":"2.0","id":1.5,"method":"ping"}'
err 400 -32600 "a fractional id"
post '{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}'
err 400 -32600 "an object id"
post "{\"jsonrpc\":\"2.0\",\"id\":\"$(head -c 129 /dev/zero | tr '\0' i)\",\"method\":\"ping\"}"
err 400 -32600 "a 129-byte string id"
post '{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}'
tt_jq '.id == 9007199254740993' "a large integer id comes back as sent"
post '{"jsonrpc":"2.0","id":"\u0001\n\"x","method":"ping"}'
tt_jq '.id == "\u0001\n\"x"' "a string id with control characters comes back escaped"
post '{"jsonrpc":"2.0","id":"\u0000","method":"ping"}'
err 400 -32700 "a NUL in a string"
post '{"jsonrpc":"2.0","id":1,"method":7}'
err 400 -32600 "a method that is not a string"
post "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$(head -c 65 /dev/zero | tr '\0' m)\"}"
err 400 -32600 "a 65-byte method name"
post '{"jsonrpc":"2.0","id":1,"method":"ping","params":[1]}'
err 400 -32600 "params as an array"
post '{"jsonrpc":"2.0","id":1}'
err 400 -32600 "neither request, notification nor response"
post '"ping"'
err 400 -32600 "a JSON string"
for a in '"board"' '[1,2]' 'null' '{"board":[["X"]]}'; do
	tt_request POST /human_move -H "Authorization: Bearer $KEY" --data-binary "$a"
	rest=$(jq -r .error <<<"$TT_BODY")
	post "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"human_move\",\"arguments\":$a}}"
	tt_jq ".result.isError == true and .result.content[0].text == $(jq -Rn --arg s "$rest" '$s')" \
		"tools/call with arguments $a: isError with POST /human_move's sentence"
done

# ---- still serving, same workers
tt_request GET /healthz
tt_is "$TT_STATUS" 200 "after all of it, /healthz answers"
tt_is "$(tt_worker_pids)" "$pids_before" "no worker died"
tt_done
