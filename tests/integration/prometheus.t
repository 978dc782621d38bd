#!/bin/bash
# prometheus.t - a real Prometheus (Debian's binary, its own configuration
# and storage in this test's temp dir, listening on loopback) scrapes the
# pool through the example's operators' server; its HTTP API then returns
# the target as up and exactly the number of moves this test played.  The
# pool listens on TCP here (metrics.t covers the unix socket), so the
# listen queue comes from TCP_INFO.
source "$(dirname "$0")/../lib/stack.sh"

command -v prometheus >/dev/null || tt_bail "prometheus is missing (Debian package prometheus)"
tt_init
TT_WORKERS=2 TT_TLS=0 TT_OPS=1 TT_SCOREBOARD=1 TT_POOL=tcp
TT_RATE=10000r/s TT_BURST=10000
tt_stack_start

PROM_PORT=$(tt_free_port)
PROM=http://127.0.0.1:$PROM_PORT
mkdir -p "$TT_DIR/prometheus/data"
cat >"$TT_DIR/prometheus/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: ttt
    static_configs:
      - targets: ['127.0.0.1:${TT_OPS_URL##*:}']
YML
prometheus --config.file="$TT_DIR/prometheus/prometheus.yml" \
	--storage.tsdb.path="$TT_DIR/prometheus/data" \
	--web.listen-address="127.0.0.1:$PROM_PORT" \
	>"$TT_DIR/prometheus/log" 2>&1 </dev/null &
TT_EXTRA_PIDS+=" $!"

# query EXPR: the first result's value, or empty.
query() {
	curl -s --max-time 5 -G --data-urlencode "query=$1" "$PROM/api/v1/query" |
		jq -r '.data.result[0].value[1] // empty' 2>/dev/null
}
# until_is SECONDS EXPR WANT: poll the API until EXPR gives WANT; prints the last value.
until_is() {
	local t=$(($1 * 4)) v=""
	while [ $t -gt 0 ]; do
		v=$(query "$2")
		[ "$v" != "$3" ] || break
		sleep 0.25; t=$((t - 1))
	done
	echo "$v"
}

up=$(until_is 90 'up{job="ttt"}' 1)
tt_is "$up" 1 "Prometheus scrapes the pool through nginx: up{job=\"ttt\"} is 1"
[ "$up" = 1 ] || tt_diag "$(tail -n 20 "$TT_DIR/prometheus/log")"
tt_is "$(until_is 10 'ttt_processes{job="ttt"}' 2)" 2 "it sees both workers of the pool"
tt_like "$(query 'ttt_listen_queue_length{job="ttt"}')" '^[1-9][0-9]*$' \
	"the TCP socket's backlog (TCP_INFO) is in the scrape"
tt_is "$(query 'count(ttt_requests_total{route="/human_move"})')" "" \
	"no move was played before"

board='{"board":[["X"," "," "],[" "," "," "],[" "," "," "]]}'
tt_burst 25 POST /human_move -d "$board" >/dev/null
tt_burst 7 GET '/human_move?position_1=Z' >/dev/null
tt_is "$(until_is 30 'sum(ttt_requests_total{job="ttt",route="/human_move"})' 32)" 32 \
	"its API sums ttt_requests_total to the 32 moves sent"
tt_is "$(query 'sum(ttt_requests_total{job="ttt",route="/human_move",code="200"})')" 25 \
	"... 25 answered 200"
tt_is "$(query 'sum(ttt_requests_total{job="ttt",route="/human_move",code="400"})')" 7 \
	"... and 7 answered 400"
tt_is "$(query 'sum(ttt_request_duration_seconds_count{job="ttt",route="/human_move"})')" 32 \
	"the duration histogram counted the same 32"
tt_done
