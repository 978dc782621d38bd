#!/bin/bash
# limits.t - every limit a client can hit is stated once, in the README's
# Limits table (name, default, where it is set, the answer), and the answer
# it causes names it:
#   - the worker's 413/400/414 (run as a CGI program) carry the limit's
#     name and the number the README gives;
#   - nginx.conf.example's own error pages for 408, 413, 414, 429 (rate,
#     connections, health checks), 494 and 504 each name a limit of the table;
#   - the numbers in the table are the ones nginx.conf.example sets.
set -u
cd "$(dirname "$0")/../.." || exit 1
source tests/lib/tap.sh
W=${TTT_WORKER:-fcgi/ttt-fcgi}
[ -x "$W" ] || tt_bail "no worker binary at $W (run make)"
command -v jq >/dev/null || tt_bail "jq is missing (make deps)"
T=$(mktemp -d /tmp/ttt-limits-t.XXXXXX)
trap 'rm -rf "$T"' EXIT
ex=nginx.conf.example

# The table: "| `name` | default | set in | answer |" rows under "## Limits".
table=$(sed -n '/^## Limits$/,/^## /p' README.md | grep '^| `')
names=$(sed -n 's/^| `\([a-z_]*\)` |.*/\1/p' <<<"$table")
tt_ok "the README has a Limits table" test "$(wc -l <<<"$names")" -ge 10
tt_is "$(sort <<<"$names" | uniq -d)" "" "each limit is listed once"
# row NAME: the row's default column.
row() { awk -F'|' -v n="\`$1\`" '$2 ~ n { print $3 }' <<<"$table"; }
for n in body_limit json_depth query_length path_length request_line header_size \
	client_timeout answer_timeout request_timeout rate_per_conversation \
	rate_per_address connections_per_address health_checks \
	mcp_rate_per_address mcp_rate_per_conversation; do
	tt_ok "the table has $n" grep -qx "$n" <<<"$names"
done

# ---- the worker's answers, as a CGI program
# cgi VAR=value... < body: the error text of the JSON answer, "STATUS: error".
cgi() {
	env -i TTT_ALLOW_ROOT=true "$@" "$W" -c conf/ttt-fcgi.conf >"$T/out" 2>/dev/null
	printf '%s: %s' "$(sed -n 's/^Status: \([0-9]*\).*/\1/p' "$T/out" | tr -d '\r')" \
		"$(sed '1,/^\r$/d' "$T/out" | jq -r .error 2>/dev/null)"
}
board='{"board":[["X"," "," "],[" "," "," "],[" "," "," "]]}'
head -c 16385 /dev/zero | tr '\0' ' ' >"$T/big"
got=$(cgi REQUEST_METHOD=POST DOCUMENT_URI=/human_move CONTENT_LENGTH=16385 <"$T/big")
tt_like "$got" '^413: .*16384 bytes \(body_limit\)' "worker 413 names body_limit"
tt_like "$(row body_limit)" ' 16384 bytes ' "... and the README gives its 16384 bytes"
deep=$(printf '[%.0s' $(seq 17))$(printf ']%.0s' $(seq 17))
got=$(printf '%s' "$deep" | cgi REQUEST_METHOD=POST DOCUMENT_URI=/human_move CONTENT_LENGTH=${#deep})
tt_like "$got" '^400: .*deeper than 16 levels \(json_depth\)' "worker 400 for nesting names json_depth"
tt_like "$(row json_depth)" ' 16 levels ' "... and the README gives its 16 levels"
q=$(head -c 2049 /dev/zero | tr '\0' 'a')
got=$(cgi REQUEST_METHOD=GET DOCUMENT_URI=/human_move QUERY_STRING="$q" </dev/null)
tt_like "$got" '^414: .*limit is 2048 \(query_length\)' "worker 414 for the query names query_length"
tt_like "$(row query_length)" ' 2048 bytes ' "... and the README gives its 2048 bytes"
p=/$(head -c 1024 /dev/zero | tr '\0' 'a')
got=$(cgi REQUEST_METHOD=GET DOCUMENT_URI="$p" </dev/null)
tt_like "$got" '^414: .*longer than 1024 bytes \(path_length\)' "worker 414 for the path names path_length"
tt_like "$(row path_length)" ' 1024 bytes ' "... and the README gives its 1024 bytes"
tt_like "$("$W" --help)" 'request_timeout .*5' "request_timeout is the worker's key (default 5)"
tt_like "$(row request_timeout)" ' 5 s ' "... and the README gives its 5 s"

# ---- nginx's own error pages
# page CODE: the text of the return in location = /_errors/CODE.json.
page() { sed -n "/location = \/_errors\/$1.json {/,/^        }/p" "$ex" | grep 'return '; }
named() {	# named CODE NAME...: every return of that page names one of NAMES
	local line ok=1 n hit
	while IFS= read -r line; do
		hit=0
		for n in "${@:2}"; do [[ $line == *"$n"* ]] && hit=1; done
		[ "$hit" = 1 ] || ok=0
	done <<<"$(page "$1")"
	[ -n "$(page "$1")" ] && [ "$ok" = 1 ]
}
tt_ok "nginx 413 names body_limit" named 413 "(body_limit)"
tt_ok "nginx 414 names request_line" named 414 "(request_line)"
tt_ok "nginx 494 (headers too large) names header_size" named 494 "(header_size"
# The redirect port's pages (one line each) name the same limits.
http_page() { grep -F "location = /_errors/http/$1.json {" "$ex"; }
tt_like "$(http_page 413)" 'return 413 .*\(body_limit\)' "port 80: nginx 413 names body_limit"
tt_like "$(http_page 414)" 'return 414 .*\(request_line\)' "port 80: nginx 414 names request_line"
tt_like "$(http_page 494)" 'return 400 .*\(header_size' "port 80: nginx 494 names header_size"
tt_ok "nginx 408 names client_timeout" named 408 "(client_timeout)"
tt_ok "nginx 504 names answer_timeout" named 504 "(answer_timeout)"
tt_ok "nginx 429 names the limit hit: connections, the rate limits or health_checks" \
	named 429 "connections_per_address" "rate_per_conversation" "health_checks" \
	"mcp_rate_per_address"
tt_like "$(page 429)" 'health_checks: 10 a second, burst 50, 256 at once' "... health_checks with its numbers"
tt_like "$(page 429)" 'limit_conn|connections_per_address: 256' "... connections_per_address with its 256"

# ---- the README's numbers are nginx.conf.example's
set_to() { grep -E "^\s*$1\b" "$ex" | head -n 1; }
tt_like "$(set_to client_max_body_size)" 'client_max_body_size 16k;' "nginx body limit: 16k, the README's 16384 bytes"
tt_like "$(set_to large_client_header_buffers)" ' 4 8k;' "nginx request_line/header_size: 8k"
tt_like "$(row request_line)" ' 8 KiB ' "... as the README says (request_line)"
tt_like "$(row header_size)" ' 8 KiB ' "... as the README says (header_size)"
tt_like "$(set_to client_body_timeout)$(set_to client_header_timeout)" \
	'client_body_timeout 10s;.*client_header_timeout 10s;' "nginx client timeouts: 10s"
tt_like "$(row client_timeout)" ' 10 s ' "... as the README says (client_timeout)"
tt_like "$(set_to fastcgi_read_timeout)" 'fastcgi_read_timeout 3s;' "nginx answer timeout: 3s"
tt_like "$(row answer_timeout)" ' 3 s ' "... as the README says (answer_timeout)"
tt_like "$(grep 'zone=ttt_per_conversation' "$ex" | tr '\n' ' ')" 'rate=5r/s;.*burst=30 ' "nginx per conversation: 5r/s, burst 30"
tt_like "$(row rate_per_conversation)" ' 5 a second, burst 30' "... as the README says"
tt_like "$(grep 'zone=ttt_per_client' "$ex" | tr '\n' ' ')" 'rate=100r/s;.*burst=300 ' "nginx per address: 100r/s, burst 300"
tt_like "$(row rate_per_address)" ' 100 a second, burst 300' "... as the README says"
tt_like "$(set_to 'limit_conn ttt_conn_per_client')" ' 256;' "nginx connections per address: 256"
tt_like "$(row connections_per_address)" ' 256 ' "... as the README says"
tt_like "$(grep -E 'zone=ttt_health[ :]' "$ex" | tr '\n' ' ')$(set_to 'limit_conn ttt_health_conn')" \
	'rate=10r/s;.*burst=50 .*limit_conn ttt_health_conn 256;' "nginx health checks: 10r/s, burst 50, 256 at once"
tt_like "$(row health_checks)" ' 10 a second, burst 50, 256 at once' "... as the README says"
tt_like "$(page 429)" 'mcp_rate_per_address: 300 a second, burst 1000, 256 at once' "nginx 429 for /mcp names mcp_rate_per_address with its numbers"
tt_like "$(grep -E 'zone=ttt_mcp_per_client[ :]' "$ex" | tr '\n' ' ')$(set_to 'limit_conn ttt_mcp_conn')" \
	'rate=300r/s;.*burst=1000 .*limit_conn ttt_mcp_conn 256;' "nginx /mcp per address: 300r/s, burst 1000, 256 at once"
tt_like "$(row mcp_rate_per_address)" ' 300 a second, burst 1000, 256 at once' "... as the README says"
tt_like "$(grep -E '^#define LIMIT_(RATE|BURST)' fcgi/mcp/limit_file.h | tr '\n' ' ')" \
	'LIMIT_RATE[[:space:]]+5[[:space:]].*LIMIT_BURST[[:space:]]+30[[:space:]]' "the worker's MCP limit: 5 a second, burst 30"
tt_like "$(row mcp_rate_per_conversation)" ' 5 a second, burst 30' "... as the README says"
tt_done
