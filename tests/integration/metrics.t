#!/bin/bash
# metrics.t - /metrics and /status through the example's nginx, for a pool
# of two workers sharing a scoreboard file:
#   - the text format passes `promtool check metrics`; OpenMetrics on request
#   - the numbers are the pool's whichever worker answers a scrape
#   - N known requests grow ttt_requests_total by exactly N, split by route
#     and status, and /status's accepted by N
#   - the pages are not public: the API server answers an empty 404
#   - a stalled peer is a peer timeout, a slow request is counted and logged
#     with its phases, a full pool shows in the listen queue
#   - no counter decreases across a worker killed with SIGKILL, a reload of
#     every worker, and a restart of the whole pool
source "$(dirname "$0")/../lib/stack.sh"

tt_init
TT_WORKERS=2 TT_TLS=0 TT_OPS=1 TT_SCOREBOARD=1
# Exact counts need every request to reach a worker: no 429 from nginx.
TT_RATE=10000r/s TT_BURST=10000
TT_WORKER_CONF="request_timeout = 4
slow_request_ms = 400"
tt_stack_start
command -v promtool >/dev/null || tt_bail "promtool is missing (Debian package prometheus)"

SCRAPES=0
# scrape [ACCEPT]: GET /metrics from the operators' server into $TT_DIR/m.N,
# its name in M; SCRAPE_CT the content type.
scrape() {
	SCRAPES=$((SCRAPES + 1))
	M=$TT_DIR/m.$SCRAPES
	SCRAPE_CT=$(curl -s --max-time 10 -o "$M" -w '%{content_type}' \
		${1:+-H "Accept: $1"} "$TT_OPS_URL/metrics")
}
# val SERIES [FILE]: the value of one sample (empty when absent).
val() { awk -v s="$1" '$1 == s { print $2 }' "${2:-$M}"; }
# api_total [FILE]: requests of every route but the operators' pages.
api_total() {
	awk '/^ttt_requests_total\{/ && !/route="\/(metrics|status)"/ { s += $2 }
	     END { print s + 0 }' "${1:-$M}"
}
# delta ROUTE CODE BEFORE AFTER: growth of one requests series.
delta() {
	local s="ttt_requests_total{route=\"$1\",code=\"$2\"}" a b
	a=$(val "$s" "$3") b=$(val "$s" "$4")
	echo $(( ${b:-0} - ${a:-0} ))
}
# never_less BEFORE AFTER: every counter sample of BEFORE is in AFTER and
# not smaller; prints the offenders.
never_less() {
	awk 'NR == FNR { if ($1 ~ /(_total|_bucket|_sum|_count)(\{|$)/) b[$1] = $2; next }
	     { a[$1] = $2 }
	     END { for (k in b) if (!(k in a) || a[k] + 0 < b[k] + 0)
	           { print k, b[k], "->", (k in a ? a[k] : "missing"); bad = 1 }
	           exit bad }' "$1" "$2"
}
# wait_processes N: until a scrape counts N live workers (10 s).
wait_processes() {
	local i
	for i in $(seq 100); do
		scrape
		[ "$(val ttt_processes)" != "$1" ] || return 0
		sleep 0.1
	done
	return 1
}

# ---- formats
scrape
tt_is "$SCRAPE_CT" "text/plain; version=0.0.4; charset=utf-8" \
	"GET /metrics: the Prometheus text format 0.0.4"
out=$(promtool check metrics <"$M" 2>&1)
tt_is "$?:$out" "0:" "promtool check metrics finds nothing to complain about"
tt_is "$(val ttt_scoreboard_shared)" 1 "the numbers come from the shared scoreboard"
version=$("$TTT_WORKER" --version | awk '{ print $2 }')
tt_is "$(val "ttt_build_info{version=\"$version\"}")" 1 "ttt_build_info carries the version ($version)"
scrape "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"
tt_is "$SCRAPE_CT" "application/openmetrics-text; version=1.0.0; charset=utf-8" \
	"Prometheus's Accept header gets OpenMetrics 1.0"
tt_is "$(tail -n 1 "$M")" "# EOF" "the OpenMetrics text ends with # EOF"

# ---- whichever worker answers
alive=""
for _ in $(seq 8); do scrape; alive+="$(val ttt_processes) "; done
tt_is "$alive" "2 2 2 2 2 2 2 2 " "every scrape counts both workers of the pool"
tt_is "$(val ttt_threads)" 4 "ttt_threads: 2 workers x 2 threads"
tt_like "$(val ttt_listen_queue_length)" '^[1-9][0-9]*$' \
	"the unix socket's backlog is read through sock_diag"

# ---- exactly N requests
board='{"board":[["X"," "," "],[" "," "," "],[" "," "," "]]}'
scrape; before=$M
curl -s -o /dev/null "$TT_OPS_URL/status" >/dev/null
status0=$(curl -s --max-time 10 "$TT_OPS_URL/status")
tt_burst 12 GET /healthz >/dev/null
tt_burst 8 POST /human_move -d "$board" >/dev/null
tt_burst 5 POST /human_move -d '{"board":1}' >/dev/null
tt_burst 4 GET /no-such-page >/dev/null
tt_burst 3 DELETE /hint >/dev/null
scrape; after=$M
status1=$(curl -s --max-time 10 "$TT_OPS_URL/status")
got="$(delta /healthz 200 "$before" "$after") $(delta /human_move 200 "$before" "$after")"
got+=" $(delta /human_move 400 "$before" "$after") $(delta other 404 "$before" "$after")"
got+=" $(delta /hint 405 "$before" "$after")"
tt_is "$got" "12 8 5 4 3" "requests by route and status grow by exactly what was sent"
tt_is $(( $(api_total "$after") - $(api_total "$before") )) 32 \
	"the API's requests grow by exactly 32 in all"
tt_is "$(val 'ttt_request_duration_seconds_count{route="/healthz"}' "$after")" \
	"$(val 'ttt_request_duration_seconds_bucket{route="/healthz",le="+Inf"}' "$after")" \
	"the duration histogram's +Inf bucket equals its count"
a0=$(jq .accepted <<<"$status0") a1=$(jq .accepted <<<"$status1")
# Between the two pages: the 32 requests, the scrape, and the first page.
tt_is $((a1 - a0)) 34 "/status: accepted grew by the 32 requests, a scrape and a page"
TT_BODY=$status1
tt_jq '(.processes | length) == 2 and all(.processes[]; .pid > 0 and
	(.state == "idle" or .state == "busy") and .requests >= 0)' \
	"/status lists both workers with pid, state and requests"
tt_jq '.listen_queue.length > 0 and .threads.total == 4' \
	"/status has the listen queue and the threads"
tt_unlike "$status1" '"board"|\[\[|127\.0\.0\.1|X-Api|conversation' \
	"/status shows no board, address, key or OpenAI id"

# ---- not public
TT_NORECORD=1 tt_request GET /metrics
tt_is "$TT_STATUS" 404 "the API server answers /metrics 404"
tt_unlike "$TT_BODY" ttt_ "... with no metric in it"
TT_NORECORD=1 tt_request GET /status
tt_is "$TT_STATUS" 404 "the API server answers /status 404"
tt_unlike "$TT_BODY" accepted "... with no status in it"
code=$(curl -s -o /dev/null -w '%{http_code}' "$TT_OPS_URL/")
tt_is "$code" 404 "the operators' server serves nothing else"

# ---- peer timeouts, slow requests, the listen queue
scrape; before=$M
# Four stalled peers hold the four threads; five more wait in the queue
# (started together: each fcgi-client takes a while to start).
# A new connection whose request has not arrived yet is parked and holds no
# thread until its bytes come: give each stalled peer a moment to be taken.
for i in 1 2 3 4; do tt_stall "$TT_DIR/stall$i" "$TT_SOCKET" stdin 5 || true; sleep 0.2; done
for i in 5 6 7 8 9; do
	"$TT_REPO/tests/lib/fcgi-client" --socket "$TT_SOCKET" --method GET \
		--uri /healthz --stall-after-bytes 0 --hold 5 >"$TT_DIR/stall$i" 2>&1 &
	TT_EXTRA_PIDS+=" $!"
done
# Once all five are connected, they wait while the four threads are held.
for _ in $(seq 50); do
	[ "$(cat "$TT_DIR"/stall[5-9] 2>/dev/null | grep -c 'stalled after')" -lt 5 ] || break
	sleep 0.1
done
sleep 0.5
# The peers end after their hold (fcgi-client exits); meanwhile the
# workers sample the queue ten times a second.
for pid in $TT_EXTRA_PIDS; do wait "$pid" 2>/dev/null; done
TT_EXTRA_PIDS=""
wait_processes 2 || true
after=$M
tt_like "$(val ttt_listen_queue_max "$after")" '^([3-9]|[1-9][0-9]+)$' \
	"ttt_listen_queue_max saw connections waiting (at least 3 of 5)"
timeouts=$(( $(val ttt_peer_timeouts_total "$after") - $(val ttt_peer_timeouts_total "$before") ))
tt_like "$timeouts" '^[1-9][0-9]?$' "peers that stalled past request_timeout count as peer timeouts"
slow=$(( $(val 'ttt_slow_requests_total{route="/human_move"}' "$after") -
	$(val 'ttt_slow_requests_total{route="/human_move"}' "$before") ))
tt_like "$slow" '^[1-9]$' "requests over slow_request_ms count in ttt_slow_requests_total"
line=$(grep -m1 'warn slow-request route=/human_move' "$TT_DIR/pool.log")
tt_like "$line" 'ms=[0-9]+ reading_us=[0-9]{6,} engine_us=[0-9]+ writing_us=[0-9]+' \
	"a slow request logs one warning with its phases (reading was the slow one)"

# ---- counters never go backwards
tt_burst 10 GET /healthz >/dev/null
scrape; base=$M
victim=$(tt_worker_pids | awk '{ print $1 }')
kill -KILL "$victim"
sleep 0.5
wait_processes 2
tt_ok "multiwatch replaced the killed worker" test "$(val ttt_processes)" = 2
tt_burst 6 GET /healthz >/dev/null
scrape; killed=$M
off=$(never_less "$base" "$killed")
tt_is "$off" "" "no counter decreased after a worker was killed with SIGKILL"
tt_is $(( $(api_total "$killed") - $(api_total "$base") )) 6 \
	"the killed worker's requests stay counted"

"$TT_REPO/conf/reload-workers" "$TT_POOL_PID" >/dev/null 2>&1
tt_ok "every worker reloaded (re-executed itself)" test $? -eq 0
tt_burst 5 GET /healthz >/dev/null
wait_processes 2
scrape; reloaded=$M
tt_is "$(never_less "$killed" "$reloaded")" "" "no counter decreased across a reload"
tt_is $(( $(api_total "$reloaded") - $(api_total "$killed") )) 5 \
	"requests before the reload stay counted"

tt_pool_stop
tt_pool_start
tt_wait_healthy 10 || tt_bail "the pool did not come back"
tt_burst 4 GET /healthz >/dev/null
wait_processes 2
scrape; restarted=$M
tt_is "$(never_less "$reloaded" "$restarted")" "" \
	"no counter decreased across a restart of the whole pool"
tt_is "$(val ttt_processes)" 2 "after the restart only the live workers count as processes"
tt_ok "process_cpu_seconds_total keeps the dead workers' CPU time" awk -v a="$(val process_cpu_seconds_total "$base")" \
	-v b="$(val process_cpu_seconds_total)" 'BEGIN { exit !(b + 0 >= a + 0) }'
tt_done
