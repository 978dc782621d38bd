#!/bin/bash
# post-board-mcp.t - tests/post-board --mcp against the real stack over
# HTTPS with an API key: one stateless tools/call to /mcp (MCP revision
# 2026-07-28) carrying the key as the REST routes take it; the tool's
# structuredContent is the REST answer and is printed the same way; a tool
# error (isError) and an HTTP refusal exit 1 with their sentence; --hint
# calls the hint tool.
source "$(dirname "$0")/../lib/stack.sh"
tt_init

KEY=ttt-post-board-mcp-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$KEY" >"$TT_DIR/api.key"
if [ "$(id -u)" -eq 0 ]; then chown root:nogroup "$TT_DIR/api.key"; fi
chmod 0640 "$TT_DIR/api.key"
# shellcheck disable=SC2034 # read by tt_stack_start
TT_WORKER_CONF="api_key_file = $TT_DIR/api.key"
tt_stack_start

pb() { TTT_API_KEY=$KEY "$TT_REPO/tests/post-board" --cacert "$TT_CERT" "$@"; }

# A curl on PATH that keeps a copy of the request body it is given.
mkdir -p "$TT_DIR/wrap"
cat >"$TT_DIR/wrap/curl" <<SH
#!/bin/bash
prev=""
for a in "\$@"; do
	if [ "\$prev" = --data-binary ] && [ "\${a#@}" != "\$a" ]; then cat "\${a#@}" >"$TT_DIR/sent.json"; fi
	prev=\$a
done
exec $(command -v curl) "\$@"
SH
chmod 0755 "$TT_DIR/wrap/curl"

out=$(PATH=$TT_DIR/wrap:$PATH pb --mcp --raw --move 5 "$TT_URL" '.........' 2>&1); rc=$?
tt_is "$rc" 0 "--mcp --raw --move 5: exit 0"
TT_BODY=$out tt_jq '.jsonrpc == "2.0" and .id == 1 and (.result.isError | not) and
	(.result.content | map(select(.type == "text")) | length) >= 1' \
	"--mcp --raw prints the JSON-RPC response: a result with a text item"
sent=$(cat "$TT_DIR/sent.json" 2>/dev/null)
TT_BODY=$sent tt_jq '.method == "tools/call" and .params.name == "human_move" and
	.params.arguments == {"board":[[" "," "," "],[" "," "," "],[" "," "," "]],"human_move":5} and
	.params._meta["io.modelcontextprotocol/protocolVersion"] == "2026-07-28" and
	(.params._meta["io.modelcontextprotocol/clientCapabilities"] | type) == "object"' \
	"it sends one tools/call with the board as arguments and the revision in _meta"
rest=$(pb --raw --move 5 "$TT_URL" '.........' 2>&1)
tt_is "$(jq -cS .result.structuredContent <<<"$out")" "$(jq -cS . <<<"$rest")" \
	"the tool's structuredContent is the REST answer for the same board"

out=$(pb --mcp --move 5 "$TT_URL/mcp" '.........' 2>&1); rc=$?
tt_is "$rc" 0 "--mcp on an address ending in /mcp: exit 0"
tt_like "$out" 'Human plays row 2, column 2 \(position 5\)' "--mcp prints the human's move"
tt_like "$out" 'AI \(O\) plays row 1, column 1 \(position 1\)' "--mcp prints the AI's move"
tt_like "$out" $'Board now:\n    O \\| 2 \\| 3 ' "--mcp draws the board from board_text"

out=$(pb --mcp --hint "$TT_URL" 'XO.......' 2>&1); rc=$?
tt_is "$rc" 0 "--mcp --hint: exit 0"
tt_like "$out" 'Best: 4, 5, 7' "--mcp --hint calls the hint tool and prints the best positions"

out=$(pb --mcp --move 1 "$TT_URL" 'X........' 2>&1); rc=$?
rest=$(pb --move 1 "$TT_URL" 'X........' 2>&1)
tt_is "$rc" 1 "--mcp, a taken cell: exit 1"
out=${out#*: human_move: } rest=${rest#*: HTTP 422: }
tt_is "${out% (X-Request-Id:*}" "${rest% (X-Request-Id:*}" \
	"--mcp, a taken cell: the tool error (isError) prints the REST 422's sentence"

out=$(pb --mcp --level expert "$TT_URL" 'X........' 2>&1); rc=$?
tt_is "$rc" 1 "--mcp --level expert: exit 1"
tt_like "$out" 'human_move: "level" must be' "--mcp --level expert: the 400's sentence"

pb -v --mcp "$TT_URL" 'X........' >/dev/null 2>"$TT_DIR/v.err"; rc=$?
verr=$(cat "$TT_DIR/v.err")
tt_is "$rc" 0 "-v --mcp: exit 0"
tt_like "$verr" $'(^|\n)> POST /mcp HTTP/1\\.1(\n|$)' "-v --mcp: it posts to /mcp"
tt_like "$verr" $'(^|\n)> MCP-Protocol-Version: 2026-07-28(\n|$)' "-v --mcp: MCP-Protocol-Version header"
tt_like "$verr" $'(^|\n)> Mcp-Method: tools/call(\n|$)' "-v --mcp: Mcp-Method header"
tt_like "$verr" $'(^|\n)> Mcp-Name: human_move(\n|$)' "-v --mcp: Mcp-Name header"
tt_like "$verr" $'(^|\n)> Authorization: \\[redacted\\](\n|$)' "-v --mcp: the key's header, redacted"
tt_unlike "$verr" "$KEY" "-v --mcp: the key is not in the trace"

out=$("$TT_REPO/tests/post-board" --cacert "$TT_CERT" --mcp "$TT_URL" 'X........' 2>&1); rc=$?
tt_is "$rc" 1 "--mcp without the key: exit 1"
tt_like "$out" 'HTTP 401' "--mcp without the key: the 401 is printed"

out=$(pb --mcp --get "$TT_URL" 'X........' 2>&1); rc=$?
tt_is "$rc" 2 "--mcp --get: exit 2 (usage)"
printf '[1,2]' >"$TT_DIR/array.json"
out=$(pb --mcp "$TT_URL" "$TT_DIR/array.json" 2>&1); rc=$?
tt_is "$rc" 2 "--mcp with a JSON body that is not an object: exit 2 (usage)"

tt_done
