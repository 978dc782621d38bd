#!/bin/bash
# faults.t - faults under load, all on 127.0.0.1 and bounded in time:
#   1. kill -9 one worker every second for 20 s of wrk load: multiwatch
#      (run with -r 1000: its default gives up, see lib.sh) replaces them;
#      nginx retries the dropped requests on the pool (fastcgi_next_upstream
#      ... non_idempotent): two attempts on kept connections, which a
#      killed worker may have left dead, then one on a new connection
#      (error_page 502 = @ttt_fcgi_fresh); the client sees no error: zero
#      non-2xx, zero socket errors.
#   2. a client trickling its body for 6 s does not hold a worker: with ONE
#      worker, other requests are still answered at once (nginx buffers).
#   3. SIGTERM to the pool: a request in flight inside a worker (a FastCGI
#      client, tests/lib/fcgi-client, paused half-way through its body)
#      completes with 200, then
#      the workers exit 0; and under wrk load no request is cut off
#      ("upstream prematurely closed" never appears in nginx's log).
#   4. the whole pool stopped: a JSON 502; started again: service resumes.
#   5. a request nginx cannot place on a kept connection (here: the kept
#      upstream names a socket nobody listens on) goes once more to the
#      pool on a new connection (error_page 502 = @ttt_fcgi_fresh) with its
#      method, body and headers: POST, GET and an MCP tools/call get their
#      answers, and nginx's log shows the two tries.
set -u
source "$(dirname "$0")/../lib/stack.sh"
source "$(dirname "$0")/lib.sh"
command -v wrk >/dev/null || tt_bail "wrk is missing (make deps)"
TT_WORKERS=3 TT_RATE=1000000r/s TT_BURST=1000000
tt_init
# multiwatch's default (3 retries per 10 s) abandons a worker slot that is
# killed every few seconds; this test kills one per second on purpose.
hl_multiwatch_retries 1000
tt_stack_start
LUA=$HL_DIR/move.lua
BOARD='{"board":[["X"," "," "],[" ","O"," "],[" "," ","X"]]}'
printf '%s' "$BOARD" >"$TT_DIR/board.json"
errlog=$TT_DIR/nginx/error.log

# ---- 1. kill -9 a worker every second during 20 s of load
pids0=$(tt_worker_pids)
hl_wrk 20 8 "$LUA" "$TT_URL" &
wrk_pid=$!
sleep 0.5
kills=0 killed=""
for i in $(seq 1 19); do
	victim=$(tt_worker_pids | tr ' ' '\n' | grep . | shuf -n 1)
	if [ -n "$victim" ] && kill -KILL "$victim" 2>/dev/null; then
		kills=$((kills + 1)) killed+="$victim "
	fi
	sleep 1
done
wait "$wrk_pid"
hl_wrk_parse "$TT_DIR/wrk.out"
retried=$(grep -cE 'upstream prematurely closed|Connection reset by peer|recv\(\) failed|send\(\) failed|writev\(\) failed' "$errlog")
# Requests that met only dead kept connections and were answered on a new
# connection (nginx logs the tries of each location, " : " between them).
fresh=$(grep -c ' up=[^=]* : ' "$TT_DIR/nginx/access.log")
tt_diag "kill -9: $kills workers killed, $HL_REQS requests ($HL_RPS/s), non-2xx $HL_NON2XX, socket errors $HL_SOCKERR, upstream errors nginx retried: $retried, of which $fresh on a new connection"
tt_ok "19 workers killed with kill -9 during the load (killed $kills)" test "$kills" -ge 19
tt_ok "wrk completed requests during the kills ($HL_REQS)" test "$HL_REQS" -gt 1000
tt_is "$HL_NON2XX" 0 "no non-2xx answer while workers were killed ($HL_REQS requests)"
tt_is "$HL_SOCKERR" 0 "no socket error at the client while workers were killed"
sleep 0.5
now=$(tt_worker_pids)
tt_is "$(wc -w <<<"$now")" 3 "multiwatch keeps 3 workers running (now: $now)"
tt_ok "the workers are new ones (none of $pids0 is left)" \
	bash -c 'for p in $1; do [[ " $2 " == *" $p "* ]] && exit 1; done; exit 0' _ "$pids0" "$now"
cp "$TT_DIR/wrk.out" "$TT_DIR/wrk-kill.out"

# ---- 2. a slow client does not hold the only worker
tt_pool_stop
TT_WORKERS=1
tt_pool_start
tt_wait_healthy 10 || tt_bail "pool of one did not answer"
one=$(tt_worker_pids)
{
	printf 'POST /human_move HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n' "${#BOARD}"
	for ((i = 0; i < ${#BOARD}; i++)); do printf '%s' "${BOARD:i:1}"; sleep 0.1; done
	sleep 2
} | timeout 20 openssl s_client -quiet -connect "127.0.0.1:$TT_PORT" \
	>"$TT_DIR/slow.out" 2>/dev/null &
slow_pid=$!
sleep 1
max=0 served=0
for i in $(seq 1 20); do
	t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 5 --cacert "$TT_CERT" \
		-H 'Content-Type: application/json' --data-binary "@$TT_DIR/board.json" "$TT_URL/human_move")
	[ "${t%% *}" = 200 ] && served=$((served + 1))
	max=$(awk -v a="$max" -v b="${t#* }" 'BEGIN { print (b > a) ? b : a }')
	sleep 0.1
done
slow_alive=no
kill -0 "$slow_pid" 2>/dev/null && slow_alive=yes
tt_is "$slow_alive" yes "the slow client was still trickling its body while the others were served"
tt_is "$served" 20 "20 requests answered 200 while the slow client held its connection (one worker)"
tt_ok "each answered promptly (slowest ${max}s < 1s)" awk -v m="$max" 'BEGIN { exit !(m < 1) }'
wait "$slow_pid"
tt_like "$(head -n 1 "$TT_DIR/slow.out")" '^HTTP/1.1 200' "the slow client's own request got 200 in the end"
tt_is "$(tt_worker_pids)" "$one" "the same single worker served all of it"

# ---- 3. SIGTERM: the request in flight completes, the workers exit
tt_pool_stop
TT_WORKERS=2
tt_pool_start
tt_wait_healthy 10 || tt_bail "pool did not answer"
workers=$(tt_worker_pids)
"$TT_REPO/tests/lib/fcgi-client" --socket "$TT_SOCKET" --method POST \
	--uri /human_move --body-file "$TT_DIR/board.json" --param REQUEST_ID=inflight \
	--stall-at stdin --hold 2 --then finish \
	>"$TT_DIR/inflight.out" 2>"$TT_DIR/inflight.err" &
client_pid=$!
for i in $(seq 1 50); do grep -q 'stalled after' "$TT_DIR/inflight.err" && break; sleep 0.05; done
sleep 0.2
kill -TERM "$TT_POOL_PID"
wait "$client_pid"
client_rc=$?
tt_is "$client_rc" 0 "the request in flight at SIGTERM was ended by the worker (FastCGI END_REQUEST)"
tt_ok "... with a 200 and the AI's move" \
	grep -q '"move":{"row"' "$TT_DIR/inflight.out"
gone=yes
for i in $(seq 1 50); do
	gone=yes
	for p in $workers; do tt_alive "$p" && gone=no; done
	[ $gone = yes ] && break
	sleep 0.1
done
tt_is "$gone" yes "all workers exited within 5 s of SIGTERM ($workers)"
wait "$TT_POOL_PID" 2>/dev/null
TT_POOL_PID=""
tt_ok "each worker logged a clean stop" \
	test "$(grep -c 'stopped served=' "$TT_DIR/pool.log")" -ge 2

# ... and under load: no request a worker had accepted is cut off
TT_WORKERS=3
tt_pool_start
tt_wait_healthy 10 || tt_bail "pool did not answer"
: >"$errlog"
workers=$(tt_worker_pids)
hl_wrk 6 8 "$LUA" "$TT_URL" &
wrk_pid=$!
sleep 3
kill -TERM "$TT_POOL_PID"
wait "$wrk_pid"
hl_wrk_parse "$TT_DIR/wrk.out"
gone=yes
for p in $workers; do tt_alive "$p" && gone=no; done
cut=$(grep -c 'upstream prematurely closed' "$errlog")
tt_diag "SIGTERM under load: $HL_REQS requests, $HL_NON2XX non-2xx after the pool went away (502s), $cut cut off"
tt_is "$gone" yes "SIGTERM under load: all workers exited"
tt_is "$cut" 0 "SIGTERM under load: no response cut off mid-way (upstream prematurely closed)"
wait "$TT_POOL_PID" 2>/dev/null
TT_POOL_PID=""

# ---- 4. no pool at all: JSON 502; back: service resumes
rm -f "$TT_SOCKET"
hl_expect "whole pool stopped: nginx answers a JSON 502" 502 'not reachable' \
	POST /human_move --data-binary "@$TT_DIR/board.json"
hl_expect "whole pool stopped: GET /healthz is a JSON 502 too" 502 '' GET /healthz
tt_pool_start
t0=$(date +%s.%N)
tt_wait_healthy 10
t1=$(date +%s.%N)
hl_expect_move "pool started again: service resumes ($(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')s)" \
	POST /human_move --data-binary "@$TT_DIR/board.json"

# ---- 5. the second chance on a new connection
dead=$TT_DIR/nobody.sock
DEAD=$dead perl -0pi -e 's{(upstream ttt_fcgi \{.*?\n    \})}{(my $b = $1) =~ s/server unix:\S+/server unix:$ENV{DEAD}/g; $b}se' \
	"$TT_DIR/nginx.conf"
tt_is "$(grep -c "server unix:$dead " "$TT_DIR/nginx.conf")" 2 \
	"both lines of the kept-connection upstream now name a socket nobody listens on"
kill -HUP "$TT_NGINX_PID"
# last_tries: the upstream addresses and statuses of the last logged request.
last_tries() { tail -n 1 "$TT_DIR/nginx/access.log" | sed -n 's/.* up=\(.*\) urt=.*/\1/p'; }
for i in $(seq 1 50); do	# until nginx's new workers use the new upstream
	tt_request GET /healthz
	[[ $(last_tries) == *"$dead"* ]] && break
	sleep 0.1
done
twice="^unix:$dead, unix:$dead : unix:$TT_SOCKET ust=502, 502 : 200\$"
hl_expect_move "second chance: POST /human_move is answered" \
	POST /human_move -H 'Content-Type: application/json' --data-binary "@$TT_DIR/board.json"
tt_jq '.board[0][0] == "X" and .board[2][2] == "X" and .move.position == 2' \
	"... with the body: the answer is this board's"
tt_like "$(last_tries)" "$twice" "... after two failed attempts on the kept upstream, on a new connection"
hl_expect_move "second chance: GET /human_move is answered" \
	GET '/human_move?position_1=X&position_5=O&position_9=X'
tt_jq '.move.position == 2' "... with the query: the answer is this board's"
tt_like "$(last_tries)" "$twice" "... on a new connection"
tt_request POST /mcp -H 'Content-Type: application/json' \
	-H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-06-18' \
	--data '{"jsonrpc":"2.0","id":41,"method":"tools/call","params":{"name":"human_move","arguments":{"board":[["X"," "," "],[" ","O"," "],[" "," ","X"]]}}}'
tt_is "$TT_STATUS" 200 "second chance: an MCP tools/call is answered"
tt_jq '.id == 41 and .result.structuredContent.move.position == 2' \
	"... with its id and the board's answer"
tt_like "$(last_tries)" "$twice" "... on a new connection"
tt_done
