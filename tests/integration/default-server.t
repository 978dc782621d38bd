#!/bin/bash
# default-server.t - nginx.conf.example's default server: a request for any
# host name but the API's gets nothing (444 over HTTP, the TLS handshake
# refused over HTTPS), so no Host header or SNI can steer the server URL
# that /docs derives from the request.  The API's name here is localhost
# (the test certificate covers it); every other name must be dropped, and
# so must a request nginx cannot parse (it has no name yet).
source "$(dirname "$0")/../lib/stack.sh"
tt_init
TT_RENDER_ARGS=(--server-name localhost)
# tt_stack_start, but the API is reached by its name: the address is refused.
tt_pool_start
tt_nginx_start
TT_URL=https://localhost:$TT_PORT
tt_wait_healthy 10 || tt_bail "GET $TT_URL/healthz never answered 200"

port=$TT_PORT hport=$TT_HTTP_PORT
# hit URL [CURL ARGS]: "CODE EXIT" - the HTTP status (000: none) and curl's
# exit code (52: empty reply, 35: TLS handshake failed).
hit() {
	local url=$1 code rc; shift
	code=$(curl -s -o "$TT_DIR/hit.body" -w '%{http_code}' --max-time 10 --cacert "$TT_CERT" \
		"$@" "$url" 2>/dev/null)
	rc=$?
	echo "$code $rc"
}

# The API's own name works, over HTTPS and on the redirect port.
tt_is "$(hit "https://localhost:$port/healthz")" "200 0" "https://localhost (the server_name) is served"
tt_is "$(hit "http://localhost:$hport/healthz")" "301 0" "http://localhost is redirected to HTTPS"
tt_is "$(hit "https://localhost:$port/docs")" "200 0" "the document is served for the API's name"
tt_is "$(jq -r '.servers[0].url' "$TT_DIR/hit.body")" "https://localhost:$port" \
	"its server URL names the API's host"

# Any other name over TLS: the handshake is refused (SNI picks the server).
tt_is "$(hit "https://evil.example:$port/docs" --resolve "evil.example:$port:127.0.0.1" -k)" "000 35" \
	"TLS for another name (SNI evil.example) is refused at the handshake"
tt_is "$(hit "https://127.0.0.1:$port/docs" -k)" "000 35" \
	"TLS without a name (an address, no SNI) is refused at the handshake"

# The right SNI with another Host header: never a document naming it.
r=$(hit "https://localhost:$port/docs" -H 'Host: evil.example' --http1.1)
tt_unlike "$r" '^200 ' "SNI localhost with Host: evil.example gets no document ($r)"
tt_unlike "$(cat "$TT_DIR/hit.body")" 'evil' "and nothing that names evil.example"

# Plain HTTP: unknown Host, no Host, an address: closed without an answer.
tt_is "$(hit "http://127.0.0.1:$hport/docs" -H 'Host: evil.example')" "000 52" \
	"HTTP with Host: evil.example gets no answer (444)"
tt_is "$(hit "http://127.0.0.1:$hport/docs")" "000 52" "HTTP to the bare address gets no answer (444)"
tt_is "$(hit "http://127.0.0.1:$hport/docs" --http1.0 -H 'Host:')" "000 52" \
	"HTTP/1.0 without a Host gets no answer (444)"

# Requests nginx cannot parse have no host name and land on the default
# server: its own errors there get nothing either, never an HTML page.
# nothing_for DESC REQUEST: the plain-HTTP answer to REQUEST is empty.
nothing_for() {
	local out
	out=$(tt_raw "$2" plain 2>&1 | head -c 200)
	if [ -z "$out" ]; then tt_pass "HTTP, $1: no answer"; else
		tt_fail "HTTP, $1: no answer"; tt_diag "got: $out"; fi
}
nothing_for "a request line nginx cannot parse (400)" 'GARBAGE\r\n\r\n'
nothing_for "HTTP/2.0 in the request line (505)" 'GET / HTTP/2.0\r\nHost: evil.example\r\n\r\n'
nothing_for "a request line over 8 KiB (414)" "GET /$(printf '%9000s' '' | tr ' ' a) HTTP/1.1\r\nHost: evil.example\r\n\r\n"
nothing_for "an unknown Transfer-Encoding for another host (501)" \
	'POST / HTTP/1.1\r\nHost: evil.example\r\nTransfer-Encoding: xchunked\r\n\r\n'
# ... while the API's own name still gets the JSON answer.
tt_like "$(tt_raw 'POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: xchunked\r\n\r\n' plain | tr -d '\r' | head -n 1)" \
	'^HTTP/1.1 501 ' "HTTP, an unknown Transfer-Encoding for localhost: nginx's 501 (JSON, nginx-errors.t)"

tt_ok "the example's default server returns 444" grep -q '^ *return 444;' "$TT_REPO/nginx.conf.example"
tt_ok "the example's default server refuses TLS handshakes" \
	grep -q '^ *ssl_reject_handshake on;' "$TT_REPO/nginx.conf.example"

tt_done
