#!/bin/bash
# docs-flood.t - a flood of GET /docs, each with a Host of its own, from 200
# loopback addresses at once (3,000 connections), through the stack as it
# ships without a server name (no catch-all server: every Host reaches the
# worker, as on a Debian site whose server_name is not set yet):
#   - no connection is reset: nginx has connections to spare for the
#     limits it sets (worker_connections), and the worker answers a Host
#     that is not its own with a small 421 instead of building a document;
#   - no answer names a flooding Host;
#   - a monitor polling /healthz meanwhile gets 200 within 1 s every time.
# The flood is bounded: 3,000 requests, 20 s each at most.
source "$(dirname "$0")/../lib/stack.sh"
tt_init
TT_TLS=0
tt_stack_start

# The monitor, its own process: GET /healthz every 0.1 s from 127.0.0.1,
# 1 s at most each ("CODE SECONDS"; 000 for no answer in time).
monitor() {
	while [ ! -e "$TT_DIR/monitor.stop" ]; do
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 1 "$TT_URL/healthz"
		sleep 0.1
	done >"$TT_DIR/monitor.out"
}
monitor &
mpid=$!
TT_EXTRA_PIDS+=" $mpid"
sleep 0.5
out=$(timeout 120 "$TT_REPO/tests/lib/docs-flood" --port "$TT_PORT" --requests 3000 \
	--addresses 200 2>"$TT_DIR/flood.err")
sleep 0.5
touch "$TT_DIR/monitor.stop"
wait "$mpid"
polls=$(wc -l <"$TT_DIR/monitor.out")
slowest=$(sort -k2 -n "$TT_DIR/monitor.out" | tail -1)
tt_diag "flood: $out"
[ -s "$TT_DIR/flood.err" ] && tt_diag "$(head -c 1000 "$TT_DIR/flood.err")"
val() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$out"; }
tt_is "$(val sent)" 3000 "3,000 requests were sent"
tt_is "$(val resets)" 0 "no connection was reset or closed without an answer"
tt_is "$(val timeouts)" 0 "none timed out"
tt_is "$(val answered)" 3000 "every request got an answer"
tt_is "$(val status_421)" 3000 "each is the worker's 421 (a Host that is not the service's)"
tt_ok "the monitor polled /healthz throughout ($polls polls)" test "$polls" -ge 5
tt_is "$(awk '$1 != 200 || $2 >= 1' "$TT_DIR/monitor.out" | tr '\n' ' ')" "" \
	"every poll was answered 200 within 1 s (slowest: $slowest s)"
tt_ok "no worker closed a kept connection nginx was still using (cap)" \
	bash -c "! grep -q 'kept-connection-closed reason=cap' '$TT_DIR/pool.log'"
tt_ok "nginx never ran out of connections" \
	bash -c "! grep -q 'worker_connections are not enough' '$TT_DIR/nginx/error.log'"
tt_request GET /docs -H 'Host: flood1.example'
tt_is "$TT_STATUS" 421 "a flooding Host gets 421 ..."
tt_unlike "$TT_BODY" 'flood' "... naming nothing of it"
tt_request GET /docs
tt_is "$TT_STATUS" 200 "the service's own name still gets the document"
tt_like "$(jq -r '.servers[0].url' <<<"$TT_BODY")" '^http://127\.0\.0\.1:[0-9]+$' \
	"... with its own server URL"
tt_done
