#!/bin/bash
# cgi.t - the worker as a plain CGI program (RFC 3875) serves /mcp too: the
# legacy handshake, a 2026-07-28 tools/call equal to the REST answer, 202
# for a notification, the refusals, and GET's 405 (Allow: POST, a JSON-RPC
# error); with a scoreboard, the CGI processes share one per-conversation
# rate limit.  No server, no network: part of `make check`.
source "$(dirname "$0")/../lib/tap.sh"

W=${TTT_WORKER:-$PWD/fcgi/ttt-fcgi}
T=$(mktemp -d /tmp/ttt-mcp-cgi-t.XXXXXX)
trap 'rm -rf "$T"' EXIT

# cgi METHOD PATH BODY [extra env...]: status line in $T/status, body in $T/body
cgi() {
	local method=$1 path=$2 body=$3
	shift 3
	printf '%s' "$body" >"$T/in"
	env -i PATH="$PATH" TTT_ALLOW_ROOT=true REQUEST_METHOD="$method" \
	    DOCUMENT_URI="$path" CONTENT_TYPE=application/json \
	    CONTENT_LENGTH="$(wc -c <"$T/in")" HTTP_HOST=localhost \
	    "$@" "$W" <"$T/in" >"$T/out" 2>"$T/err"
	head -1 "$T/out" | tr -d '\r' >"$T/status"
	sed '1,/^\r$/d' "$T/out" >"$T/body"
}
st() { cat "$T/status"; }
jqb() { jq -e "$1" "$T/body" >/dev/null 2>&1; }

cgi POST /mcp '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"cgi","version":"1"}}}'
tt_is "$(st)" "Status: 200 OK" "CGI initialize: 200"
tt_ok "CGI initialize: the version asked, the server's name" \
	jqb '.id == 1 and .result.protocolVersion == "2025-06-18" and .result.serverInfo.name == "ttt-fcgi"'

ARGS='{"board":[["X"," "," "],[" "," "," "],[" "," "," "]],"level":"hard","seed":3}'
cgi POST /mcp "{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"tools/call\",\"params\":{\"name\":\"human_move\",\"arguments\":$ARGS,\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}" \
	HTTP_MCP_PROTOCOL_VERSION=2026-07-28 HTTP_MCP_METHOD=tools/call HTTP_MCP_NAME=human_move
tt_is "$(st)" "Status: 200 OK" "CGI 2026-07-28 tools/call: 200"
mcp=$(jq -cS .result.structuredContent "$T/body")
tt_ok "CGI tools/call: a complete result" jqb '.id == "c" and .result.resultType == "complete" and .result.isError == false'
cgi POST /human_move "$ARGS"
tt_is "$mcp" "$(jq -cS . "$T/body")" "CGI tools/call: structuredContent is POST /human_move's answer"

cgi POST /mcp '{"jsonrpc":"2.0","method":"notifications/initialized"}'
tt_is "$(st)" "Status: 202 Accepted" "CGI notification: 202"
tt_is "$(wc -c <"$T/body")" 0 "CGI notification: no body"

cgi POST /mcp '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' HTTP_MCP_PROTOCOL_VERSION=2000-01-01
tt_is "$(st)" "Status: 400 Bad Request" "CGI unsupported MCP-Protocol-Version: 400"
tt_ok "CGI unsupported version: -32022 with data.supported" jqb '.error.code == -32022 and (.error.data.supported | length) == 4'

cgi POST /mcp '{"jsonrpc":"2.0","id":3,"method":"tools/list"}' HTTP_HOST=evil.example HTTP_ORIGIN=http://evil.example
tt_is "$(st)" "Status: 403 Forbidden" "CGI foreign Host and Origin: 403"

cgi POST /mcp '{"jsonrpc":' 
tt_is "$(st)" "Status: 400 Bad Request" "CGI unparseable body: 400"
tt_ok "CGI unparseable body: -32700, id null" jqb '.error.code == -32700 and .id == null'

cgi GET /mcp ''
tt_is "$(st)" "Status: 405 Method Not Allowed" "CGI GET /mcp: 405"
tt_is "$(tr -d '\r' <"$T/out" | sed -n 's/^Allow: *//p')" "POST" "CGI GET /mcp: Allow: POST exactly"
tt_ok "CGI GET /mcp: a JSON-RPC error, id null" jqb '.jsonrpc == "2.0" and .id == null and .error.code == -32600'

# Every CGI request is a process of its own: with a scoreboard they share
# one conversation table, so a runaway conversation gets its burst (30)
# and the rate (5 a second) once across all of them; without, none ever
# refuses it.
CALL='{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"hint","arguments":{"board":[[" "," "," "],[" "," "," "],[" "," "," "]]},"_meta":{"openai/session":"v1/cgi-runaway"}}}'
# runaway N [env...]: "answered refused" of N processes, 4 at a time so
# that the calls come close together, as a runaway's do.
runaway() {
	local n=$1 i
	shift
	printf '%s' "$CALL" >"$T/call"
	for i in $(seq 1 "$n"); do echo "$i"; done |
	xargs -P 4 -I{} env -i PATH="$PATH" TTT_ALLOW_ROOT=true REQUEST_METHOD=POST \
	    DOCUMENT_URI=/mcp CONTENT_TYPE=application/json \
	    CONTENT_LENGTH="$(wc -c <"$T/call")" HTTP_HOST=localhost "$@" \
	    sh -c '"$1" <"$2" | head -1' _ "$W" "$T/call" 2>/dev/null | tr -d '\r' |
	awk '/^Status: 200/ { ok++ } /^Status: 429/ { no++ } END { print ok + 0, no + 0 }'
}
start=$(date +%s%N)
read -r ok no < <(runaway 60 TTT_SCOREBOARD_FILE="$T/sb")
secs=$(( ($(date +%s%N) - start) / 1000000000 + 1 ))
tt_diag "60 CGI processes, one conversation, shared table: $ok answered, $no refused in < $secs s"
tt_ok "with a scoreboard, 60 processes give one conversation its burst of 30 ($ok)" test "$ok" -ge 30
tt_ok "... and no more than the burst plus 5 a second ($ok <= $((30 + 5 * secs)))" test "$ok" -le $((30 + 5 * secs))
tt_ok "... the others are refused (429)" test $((ok + no)) -eq 60 -a "$no" -ge 1
tt_is "$(stat -c %a "$T/sb.conversations")" 600 "the table file is next to the scoreboard, mode 0600"
read -r ok no < <(runaway 35 TTT_SCOREBOARD_FILE=none)
tt_is "$ok $no" "35 0" "without a scoreboard each process limits alone: 35 processes, none refused"
tt_done
