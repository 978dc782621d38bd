#!/bin/bash
# nginx-errors.t - what nginx.conf.example does itself: TLS 1.2+, the
# HTTP->HTTPS redirect, and its own errors as JSON on both ports (413 over the body limit,
# 501 for a transfer coding it does not implement, 505 for an HTTP version,
# 400 for plain HTTP on the TLS port, 429 beyond limit_req, 502 with the
# pool stopped), then recovery.
source "$(dirname "$0")/../lib/stack.sh"
tt_init
tt_stack_start

json='application/json; charset=utf-8'
board='{"board":[["X"," "," "],[" "," "," "],[" "," "," "]]}'

# --- TLS
tt_ok "TLS 1.2 is accepted" curl -sS -o /dev/null --cacert "$TT_CERT" \
	--tlsv1.2 --tls-max 1.2 "$TT_URL/healthz"
tt_ok "TLS 1.3 is accepted" curl -sS -o /dev/null --cacert "$TT_CERT" \
	--tlsv1.3 "$TT_URL/healthz"
tt_ok "TLS 1.1 is refused" bash -c '! curl -s -o /dev/null --cacert "$1" --tlsv1 --tls-max 1.1 "$2/healthz"' _ \
	"$TT_CERT" "$TT_URL"
# No HTTP/2 on the listen lines (GPT calls are HTTP/1.1; the example says
# how to enable it): a client that offers h2 gets HTTP/1.1.
tt_like "$(curl -sS -o /dev/null -w '%{http_version}' --http2 --cacert "$TT_CERT" "$TT_URL/healthz")" '^1\.1$' \
	"TLS serves HTTP/1.1, also to a client offering HTTP/2"

# --- redirect server (not the API: not recorded)
TT_NORECORD=1 TT_BASE=$TT_HTTP_URL tt_request GET '/docs?x=1'
tt_is "$TT_STATUS" 301 "plain HTTP is redirected (301)"
tt_is "$(tt_header location)" "https://127.0.0.1:$TT_PORT/docs?x=1" \
	"the redirect keeps path and query and goes to the HTTPS port"
# nginx's own errors on the redirect port are JSON too.
# plain_error DESC STATUS REQUEST: the plain-HTTP answer to REQUEST has
# STATUS, a JSON type and a JSON {"error": "..."} body.
plain_error() {
	local out=$TT_DIR/plain.out status ctype body
	tt_raw "$3" plain >"$out"
	status=$(head -n 1 "$out" | tr -d '\r' | awk '{print $2}')
	ctype=$(tr -d '\r' <"$out" | sed -n 's/^Content-Type: //Ip' | head -n 1)
	body=$(tr -d '\r' <"$out" | sed '1,/^$/d')
	if [ "$status" = "$2" ] && [ "$ctype" = "$json" ] &&
	   jq -e '(.error | type) == "string" and (.error | test("HTTPS"))' >/dev/null 2>&1 <<<"$body"; then
		tt_pass "port 80, $1: a JSON $2 ($(jq -r .error <<<"$body" | cut -c1-60)...)"
	else
		tt_fail "port 80, $1: a JSON $2"; tt_diag "$(head -c 400 "$out")"
	fi
}
plain_error "a request line nginx cannot parse" 400 'GARBAGE\r\n\r\n'
plain_error "a Host with a space" 400 'GET / HTTP/1.1\r\nHost: bad host\r\n\r\n'
plain_error "HTTP/2.0 in the request line" 505 'GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n'
plain_error "an unknown Transfer-Encoding" 501 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: xchunked\r\n\r\n'
plain_error "a request line over 8 KiB" 414 "GET /$(printf '%9000s' '' | tr ' ' a) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
plain_error "a header line over 8 KiB" 400 "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: $(printf '%9000s' '' | tr ' ' a)\r\n\r\n"
plain_error "a body over 16 KiB" 413 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 20000\r\n\r\n'

# --- 413: nginx refuses a body over client_max_body_size (16k) itself
head -c 16384 /dev/zero | tr '\0' ' ' >"$TT_DIR/at-limit"
printf '%s' "$board" | dd of="$TT_DIR/at-limit" conv=notrunc status=none
tt_request POST /human_move --data-binary @"$TT_DIR/at-limit"
tt_is "$TT_STATUS" 200 "a body of exactly 16384 bytes (JSON + spaces) is accepted"
head -c 16385 /dev/zero | tr '\0' ' ' >"$TT_DIR/over-limit"
tt_request POST /human_move --data-binary @"$TT_DIR/over-limit"
tt_is "$TT_STATUS" 413 "a body of 16385 bytes answers 413"
tt_is "$TT_CTYPE" "$json" "nginx's 413 is JSON"
tt_jq '.error | test("16384 bytes \\(body_limit\\)")' "nginx's 413 names the limit"
tt_request POST /human_move --data-binary @"$TT_DIR/over-limit" -H 'Expect:' --http1.1
tt_is "$TT_STATUS" 413 "the 413 also over HTTP/1.1"

# --- nginx's other errors: JSON, never its HTML pages.  (Not recorded:
# statuses of the front end, not of an operation.)
# nginx_error DESC STATUS HEAD-AND-BODY-FILE: the answer has that status, a
# JSON Content-Type and an error sentence.
nginx_error() {
	local desc=$1 want=$2 f=$3 got ctype
	got=$(head -1 "$f" | tr -d '\r' | cut -d' ' -f2)
	ctype=$(sed -n 's/^[Cc]ontent-[Tt]ype: *//p' "$f" | tr -d '\r' | head -1)
	if [ "$got" = "$want" ] && [ "$ctype" = "$json" ] &&
	   sed '1,/^\r\{0,1\}$/d' "$f" | jq -e '.error | type == "string" and length > 10' >/dev/null 2>&1; then
		tt_pass "$desc"
	else
		tt_fail "$desc"
		tt_diag_err "$(head -c 600 "$f")"
	fi
}
for te in 'xchunked' 'chunked, identity' 'identity'; do
	curl -sS -i --max-time 10 --cacert "$TT_CERT" --http1.1 -H "Transfer-Encoding: $te" \
		--data-binary "$board" "$TT_URL/human_move" >"$TT_DIR/te.out" 2>&1
	nginx_error "Transfer-Encoding: $te gets a JSON 501" 501 "$TT_DIR/te.out"
done
tt_raw 'GET /healthz HTTP/2.0\r\nHost: localhost\r\n\r\n' >"$TT_DIR/v2.out"
nginx_error "an HTTP/2.0 request line over HTTP/1 gets a JSON 505" 505 "$TT_DIR/v2.out"
tt_raw 'GET /healthz HTTP/3.1\r\nHost: localhost\r\n\r\n' >"$TT_DIR/v3.out"
nginx_error "HTTP/3.1 gets a JSON 505" 505 "$TT_DIR/v3.out"
curl -sS -i --max-time 10 "http://127.0.0.1:$TT_PORT/healthz" >"$TT_DIR/plain.out" 2>&1
nginx_error "plain HTTP sent to the TLS port gets a JSON 400" 400 "$TT_DIR/plain.out"
tt_like "$(cat "$TT_DIR/plain.out")" 'https://' "... which says to use https://"
# Every status nginx can answer by itself has a JSON page (its list:
# ngx_http_special_response.c, the 4xx and 5xx ones).
missing=""
for code in 400 401 403 404 405 408 411 413 414 416 421 429 494 495 496 497 \
	500 501 502 503 504 505 507; do
	grep -Eq "^ *error_page ([0-9]+ )*$code( [0-9]+)* /_errors/" "$TT_REPO/nginx.conf.example" ||
		missing+=" $code"
done
tt_is "$missing" "" "the example maps every status nginx produces to a JSON page"

# --- 502: the pool is stopped; nginx answers JSON, and recovers with it
old_workers=$(tt_worker_pids)
tt_pool_stop
tt_ok "the socket is gone with the pool" test ! -e "$TT_SOCKET"
tt_request GET /healthz
tt_is "$TT_STATUS" 502 "with the pool stopped, GET /healthz answers 502"
tt_is "$TT_CTYPE" "$json" "nginx's 502 is JSON"
tt_jq '.error | length > 10' "nginx's 502 has an error sentence"
tt_request POST /human_move -d "$board"
tt_is "$TT_STATUS" 502 "with the pool stopped, POST /human_move answers 502"
tt_jq '.error | length > 10' "the POST 502 has an error sentence"
ps_left=$(for p in $old_workers; do tt_alive "$p" && echo "$p"; done)
tt_is "$ps_left" "" "no worker outlives the stopped pool"

tt_pool_start
tt_ok "service resumes when the pool is back" tt_wait_healthy 10
tt_request POST /human_move -d "$board"
tt_is "$TT_STATUS" 200 "a move after the restart answers 200"

# --- 429: a bounded burst beyond limit_req (production numbers: 5r/s and
# burst 30 per conversation, nodelay), in one fresh conversation so that the
# requests above do not count.  Last, because it empties buckets.
# (/, not /healthz: health checks have their own limit, rate-limit.t.)
counts=$(tt_burst 150 GET / -H "openai-conversation-id: burst-$RANDOM$RANDOM")
retry_values=$(awk '$1 == 429 {print $2}' "$TT_DIR/last-burst" | sort -u | tr '\n' ' ')
tt_diag "burst of 150: $(tr '\n' ' ' <<<"$counts")"
n200=$(awk '$1 == 200 {print $2}' <<<"$counts")
n429=$(awk '$1 == 429 {print $2}' <<<"$counts")
other=$(awk '$1 != 200 && $1 != 429' <<<"$counts")
tt_ok "at least the burst allowance (31) is served" test "${n200:-0}" -ge 31
tt_ok "requests beyond the limit get 429" test "${n429:-0}" -ge 1
tt_is "$other" "" "a burst gets only 200 and 429"
n=$(jq -s '[.[] | select(.status == 429)] | length' "$TT_RECORD")
ok=$(jq -s '[.[] | select(.status == 429) | select(.content_type == "application/json; charset=utf-8")
	| select(.body | fromjson? | .error | type == "string")] | length' "$TT_RECORD")
tt_ok "every 429 is JSON with an error" test "$n" -ge 1 -a "$n" = "$ok"
named=$(jq -s '[.[] | select(.status == 429) | select(.body | fromjson? | .error
	| test("rate_per_conversation.*rate_per_address"))] | length' "$TT_RECORD")
tt_is "$named" "$n" "every 429 names the limits it comes from (rate_per_conversation, rate_per_address)"
tt_is "$retry_values" "1 " "every 429 says Retry-After: 1"
sleep 2.5
tt_request GET /
tt_is "$TT_STATUS" 200 "after the burst, the limit lets requests through again"

tt_done
