#!/bin/bash
# kept-connections.t - connections the web server keeps open between
# requests (FastCGI FCGI_KEEP_CONN, nginx's fastcgi_keep_conn on), with raw
# FastCGI peers (tests/lib/fcgi-client --keep) on a worker's unix socket:
#   1. many requests on one kept connection, and one connection per request
#      still works beside it;
#   2. idle kept connections hold no thread: with more of them than threads
#      a new connection is answered at once, and each idle one still
#      answers its next request;
#   3. a kept connection the peer closes while it is parked is noticed and
#      freed (the worker's descriptors and threads stay flat);
#   4. an idle kept connection is closed after idle_timeout, not before;
#   5. past max_idle_connections the oldest idle one is closed, the newer
#      ones stay;
#   6. a kept connection that sends half a record is dropped at
#      request_timeout while other connections are answered meanwhile;
#   7. a new connection that sends nothing is closed at request_timeout;
#   8. the cap fits RLIMIT_NOFILE: a low hard limit lowers it, logged;
#   9. SIGTERM with idle kept connections ends the worker with 0 at once.
# Every wait is bounded; the only timings asserted are wide windows around
# the configured timeouts.
set -u
source "$(dirname "$0")/../lib/stack.sh"
tt_init
W=$TTT_WORKER
T=$TT_DIR
C=$TT_REPO/tests/lib/fcgi-client
BOARD='{"board":[["X"," "," "],[" "," "," "],[" "," "," "]]}'

# start_worker NAME [VAR=value...]: a 2-thread worker on $T/NAME.sock.
start_worker() {
	local name=$1; shift
	env "$@" "$W" --allow-root --threads 2 --socket "$T/$name.sock" \
		2>>"$T/$name.log" </dev/null &
	WPID=$!
	TT_EXTRA_PIDS+=" $WPID"
	for _ in $(seq 50); do [ -S "$T/$name.sock" ] && break; sleep 0.1; done
}
stop_worker() { kill -TERM "$WPID"; wait "$WPID"; }
# kept_idle OUT SOCKET HOLD [then]: one request on a kept connection, then
# the connection idles HOLD seconds (in the background); returns once the
# first answer is in.  then=finish sends a second request after the hold.
kept_idle() {
	"$C" --socket "$2" --keep 1 --stall-after-bytes 0 --hold "$3" \
		--then "${4:-close}" --uri /healthz >"$1" 2>&1 &
	TT_EXTRA_PIDS+=" $!"
	local i
	for i in $(seq 50); do grep -q 'stalled after' "$1" 2>/dev/null && return 0; sleep 0.1; done
	return 1
}
# closed_at OUT: the second the worker closed that connection, or "open".
closed_at() { sed -n 's/.*peer=closed@\([0-9.]*\).*/\1/p; s/.*peer=open.*/open/p' "$1"; }
# wait_done OUT SECONDS: until the peer's final line is there.
wait_done() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do grep -q '^stall ' "$1" 2>/dev/null && return 0; sleep 0.1; done
	return 1
}
nfds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
nthreads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }
between() { awk -v x="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(x != "open" && x != "" && x >= lo && x <= hi) }'; }

# ---- 1. many requests on one kept connection; one per connection too
start_worker main TTT_LOG_LEVEL=warn
out=$("$C" --socket "$T/main.sock" --keep 200 --method POST --uri /human_move --body "$BOARD")
tt_is "$out" "kept=200 status=200:200" "200 requests on one kept connection are all answered"
out=$("$C" --socket "$T/main.sock" --count 20)
tt_is "$out" "sent=20 status=200:20" "one connection per request (no FCGI_KEEP_CONN) still works"

# ---- 2. idle kept connections hold no thread
for i in 1 2 3 4 5 6; do
	kept_idle "$T/idle$i.out" "$T/main.sock" 2 finish || tt_bail "kept peer $i did not start"
done
out=$(timeout 5 "$C" --socket "$T/main.sock" --timeout 1)
tt_is "$out" "sent=1 status=200:1" "with 6 idle kept connections on 2 threads a new connection is answered at once"
answered=0
for i in 1 2 3 4 5 6; do
	wait_done "$T/idle$i.out" 10 && grep -q '"status":"ok"' "$T/idle$i.out" && answered=$((answered + 1))
done
tt_is "$answered" 6 "each of the 6 idle kept connections answers its next request"

# ---- 3. kept connections the peer closes while parked are freed
sleep 0.5
fds0=$(nfds "$WPID") thr0=$(nthreads "$WPID")
for i in $(seq 1 50); do
	"$C" --socket "$T/main.sock" --keep 2 >/dev/null || break
done
tt_is "$i" 50 "50 kept connections, each closed by the peer after 2 requests"
fds1=$fds0
for _ in $(seq 20); do fds1=$(nfds "$WPID"); [ "$fds1" -le "$fds0" ] && break; sleep 0.1; done
tt_is "$fds1" "$fds0" "the worker freed them: descriptors back to $fds0"
tt_is "$(nthreads "$WPID")" "$thr0" "and its threads stay $thr0"
stop_worker; rc=$?
tt_is "$rc" 0 "the worker exits 0"

# ---- 4. idle_timeout
start_worker idle TTT_IDLE_TIMEOUT=2
kept_idle "$T/t4.out" "$T/idle.sock" 8 || tt_bail "kept peer did not start"
wait_done "$T/t4.out" 10
at=$(closed_at "$T/t4.out")
tt_ok "an idle kept connection is closed after idle_timeout = 2 s (at ${at} s)" between "$at" 1.8 4
tt_ok "logged as kept-connection-closed reason=idle" grep -q 'kept-connection-closed reason=idle' "$T/idle.log"
stop_worker

# ---- 5. max_idle_connections: the oldest goes first
start_worker cap TTT_MAX_IDLE_CONNECTIONS=2
kept_idle "$T/capA.out" "$T/cap.sock" 6 && sleep 0.2 &&
kept_idle "$T/capB.out" "$T/cap.sock" 3 && sleep 0.2 &&
kept_idle "$T/capC.out" "$T/cap.sock" 3 || tt_bail "kept peers did not start"
for f in capA capB capC; do wait_done "$T/$f.out" 10; done
a=$(closed_at "$T/capA.out") b=$(closed_at "$T/capB.out") c=$(closed_at "$T/capC.out")
tt_ok "a third idle connection with max_idle_connections = 2 closes the oldest (at $a s of its 6 s hold; idle_timeout is 75 s)" between "$a" 0 5.5
tt_is "$b/$c" "open/open" "the two newer ones stay open"
tt_ok "logged as kept-connection-closed reason=cap" grep -q 'kept-connection-closed reason=cap' "$T/cap.log"
stop_worker

# ---- 6. half a record on a kept connection
start_worker half TTT_REQUEST_TIMEOUT=2
for stage in header params stdin; do
	"$C" --socket "$T/half.sock" --keep 1 --stall-at "$stage" --hold 8 \
		--method POST --uri /human_move --body "$BOARD" >"$T/half-$stage.out" 2>&1 &
	TT_EXTRA_PIDS+=" $!"
	for _ in $(seq 50); do grep -q 'stalled after' "$T/half-$stage.out" && break; sleep 0.1; done
	out=$(timeout 5 "$C" --socket "$T/half.sock" --timeout 1)
	tt_is "$out" "sent=1 status=200:1" "a kept connection stalled in the $stage: another connection is answered meanwhile"
	wait_done "$T/half-$stage.out" 10
	at=$(closed_at "$T/half-$stage.out")
	tt_ok "... and the stalled one is dropped at request_timeout = 2 s (at $at s)" between "$at" 1.8 4
done
tt_is "$(grep -c 'peer-timeout' "$T/half.log")" 3 "each drop is logged as peer-timeout"

# ---- 7. a new connection that never sends a request
"$C" --socket "$T/half.sock" --stall-after-bytes 0 --hold 8 >"$T/silent.out" 2>&1 &
TT_EXTRA_PIDS+=" $!"
wait_done "$T/silent.out" 10
at=$(closed_at "$T/silent.out")
tt_ok "a silent new connection is closed at request_timeout = 2 s (at $at s)" between "$at" 1.8 4
tt_ok "logged as peer-timeout phase=reading" grep -q "peer-timeout phase=reading count=" "$T/half.log"
stop_worker

# ---- 8. the cap fits the open-files limit
(ulimit -Sn 64 -Hn 64; exec env TTT_MAX_IDLE_CONNECTIONS=1000 "$W" --allow-root \
	--threads 2 --socket "$T/nofile.sock" 2>>"$T/nofile.log" </dev/null) &
WPID=$!
TT_EXTRA_PIDS+=" $WPID"
for _ in $(seq 50); do [ -S "$T/nofile.sock" ] && break; sleep 0.1; done
tt_ok "with 64 open files allowed, max_idle_connections = 1000 is lowered and logged" \
	grep -q 'idle-cap-lowered configured=1000 cap=14 rlimit_nofile=64' "$T/nofile.log"
for i in $(seq 1 20); do kept_idle "$T/nf$i.out" "$T/nofile.sock" 15 || break; done
tt_is "$i" 20 "20 kept idle connections were opened"
open=0
for i in $(seq 1 20); do wait_done "$T/nf$i.out" 20; [ "$(closed_at "$T/nf$i.out")" = open ] && open=$((open + 1)); done
tt_is "$open" 14 "14 stay open, the 6 oldest were closed"
tt_is "$("$C" --socket "$T/nofile.sock" --count 5)" "sent=5 status=200:5" "and the worker keeps answering"
stop_worker

# ---- 9. SIGTERM with idle kept connections
start_worker term
for i in 1 2 3; do kept_idle "$T/term$i.out" "$T/term.sock" 20 || tt_bail "kept peer did not start"; done
t0=$(date +%s%N)
kill -TERM "$WPID"; wait "$WPID"; rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
tt_is "$rc" 0 "SIGTERM with 3 idle kept connections: exit 0"
tt_ok "within 1.5 s ($ms ms)" test "$ms" -lt 1500
closed=0
for i in 1 2 3; do wait_done "$T/term$i.out" 5; [ "$(closed_at "$T/term$i.out")" != open ] && closed=$((closed + 1)); done
tt_is "$closed" 3 "the idle kept connections were closed by the worker"
tt_done
