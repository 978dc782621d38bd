#!/bin/bash
# tsan.t - the threaded worker built with ThreadSanitizer
# (make O=build/tsan SANITIZE=thread CC=clang), 4 threads in one process
# behind the shipped nginx (kept FastCGI connections): wrk load on the move
# endpoints and /docs while raw peers (tt_stall) stall and are dropped by
# the watchdog, kept connections idle, close, and stall half-way through a
# record, a SIGHUP reload in the middle, then a stop with idle kept
# connections parked; the metrics are on (a shared scoreboard) and scraped
# all along.  The worker's log must hold no ThreadSanitizer report, and it
# must exit 0.
set -u
source "$(dirname "$0")/../lib/stack.sh"
source "$(dirname "$0")/lib.sh"
command -v wrk >/dev/null || tt_bail "wrk is missing (make deps)"
command -v clang >/dev/null || tt_bail "clang is missing (make deps)"
cd "$TT_REPO" || exit 1
if ! make -s O=build/tsan SANITIZE=thread CC=clang build/tsan/ttt-fcgi >/tmp/tsan-build.$$ 2>&1; then
	tt_fail "the ThreadSanitizer build succeeds"
	tt_diag_err "$(tail -n 30 /tmp/tsan-build.$$)"; rm -f /tmp/tsan-build.$$
	tt_done
fi
rm -f /tmp/tsan-build.$$
export TSAN_OPTIONS="halt_on_error=0 exitcode=66 second_deadlock_stack=1"
TTT_WORKER=$TT_REPO/build/tsan/ttt-fcgi TT_WORKERS=1 TT_RATE=1000000r/s TT_BURST=1000000
TT_SCOREBOARD=1 TT_OPS=1
TT_WORKER_CONF="threads = 4
request_timeout = 1
log_level = info"
tt_init
tt_stack_start
wpid=$(tt_worker_pids | awk '{print $1}')
tt_ok "one ThreadSanitizer worker runs (pid $wpid)" test -n "$wpid"

hl_wrk 6 8 "$HL_DIR/move.lua" "$TT_URL" &
wrk_pid=$!
# Scrapes read every thread's counters while they are written.
( for _ in $(seq 40); do
	curl -s -o /dev/null --max-time 2 "$TT_OPS_URL/metrics"
	curl -s -o /dev/null --max-time 2 "$TT_OPS_URL/status"
	sleep 0.1
  done ) &
scrape_pid=$!
for stage in header params stdin silent; do
	tt_stall "$TT_DIR/peer-$stage.out" "$TT_SOCKET" "$stage" 10
done
# Kept connections beside nginx's own: one stalls in a record header, one
# idles, one is closed by the peer after its requests.
C=$TT_REPO/tests/lib/fcgi-client
"$C" --socket "$TT_SOCKET" --keep 3 --stall-at header --hold 10 >"$TT_DIR/kept-half.out" 2>&1 &
TT_EXTRA_PIDS+=" $!"
"$C" --socket "$TT_SOCKET" --keep 20 >"$TT_DIR/kept-closed.out" 2>&1 &
TT_EXTRA_PIDS+=" $!"
sleep 2
kill -HUP "$wpid"
sleep 1
for stage in header params; do
	tt_stall "$TT_DIR/peer2-$stage.out" "$TT_SOCKET" "$stage" 10
done
# After the reload, which closes idle kept connections like a stop does.
"$C" --socket "$TT_SOCKET" --keep 2 --stall-after-bytes 0 --hold 2 --then finish >"$TT_DIR/kept-idle.out" 2>&1 &
TT_EXTRA_PIDS+=" $!"
wait "$wrk_pid"
wait "$scrape_pid"
hl_wrk_parse "$TT_DIR/wrk.out"
tt_ok "wrk completed requests under ThreadSanitizer ($HL_REQS)" test "$HL_REQS" -gt 200
tt_is "$HL_NON2XX" 0 "no failed answer during the load, the stalls and the reload"
tt_is "$(grep -c 'stopping reason=reload' "$TT_DIR/pool.log")/$(tt_alive "$wpid" && echo alive)" \
	"1/alive" "the reload happened once, in the same process"
tt_ok "the stalled peers were dropped" bash -c "[ \$(grep -l 'peer=closed' '$TT_DIR'/peer-*.out | wc -l) -ge 3 ]"
tt_ok "a kept connection stalled half-way through a record header was dropped" \
	grep -q 'peer=closed' "$TT_DIR/kept-half.out"
for _ in $(seq 100); do grep -q '^stall ' "$TT_DIR/kept-idle.out" && break; sleep 0.1; done
for _ in $(seq 50); do grep -q '"status":"ok"' "$TT_DIR/kept-idle.out" && break; sleep 0.1; done
tt_ok "an idle kept connection answered its next request" grep -q '"status":"ok"' "$TT_DIR/kept-idle.out"
tt_is "$(head -n 1 "$TT_DIR/kept-closed.out")" "kept=20 status=200:20" "20 requests on a kept connection the peer then closed"
tt_request GET /docs
tt_is "$TT_STATUS" 200 "/docs answers after the load"
tt_like "$(curl -s --max-time 5 "$TT_OPS_URL/metrics")" 'ttt_requests_total\{route="/human_move",code="200"\} [1-9]' \
	"the metrics counted the load"
"$C" --socket "$TT_SOCKET" --keep 1 --stall-after-bytes 0 --hold 10 >"$TT_DIR/kept-stop.out" 2>&1 &
TT_EXTRA_PIDS+=" $!"
for _ in $(seq 50); do grep -q 'stalled after' "$TT_DIR/kept-stop.out" && break; sleep 0.1; done
kill -TERM "$wpid"
for _ in $(seq 100); do tt_alive "$wpid" || break; sleep 0.1; done
tt_ok "SIGTERM ends the worker" bash -c "! ps -o stat= -p $wpid | grep -qv Z"
reports=$(grep -c 'WARNING: ThreadSanitizer' "$TT_DIR/pool.log")
tt_is "$reports" 0 "no ThreadSanitizer report in the worker's log"
[ "$reports" = 0 ] || tt_diag_err "$(grep -A 30 'WARNING: ThreadSanitizer' "$TT_DIR/pool.log" | head -n 60)"
tt_done
