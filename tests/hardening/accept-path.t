#!/bin/bash
# accept-path.t - the worker's own accept loop, stop and reload, with raw
# FastCGI peers (tt_stall: tests/lib/fcgi-client) on a unix socket:
#   1. a stop signal ends a worker that holds a silent connection, under
#      spawn-fcgi with 2 threads (the race that used to leave a thread
#      spinning in libfcgi's accept path), several times in a row;
#   2. a peer that stalls in a record header, in the params or in the body
#      holds one thread, is dropped after request_timeout, and the other
#      thread keeps answering meanwhile;
#   3. two stalled peers on a 2-thread worker only delay a request until
#      the first is dropped; garbage is dropped at once;
#   4. under request load, with a silent connection held, SIGTERM still
#      ends the worker with status 0;
#   5. SIGHUP applies a changed configuration in the same process, and a
#      broken one is refused while the old one keeps serving.
# Every wait is bounded; nothing here is a timing measurement.
set -u
source "$(dirname "$0")/../lib/stack.sh"
command -v spawn-fcgi >/dev/null || tt_bail "spawn-fcgi is missing (make deps)"
command -v cgi-fcgi >/dev/null || tt_bail "cgi-fcgi is missing (make deps: libfcgi-bin)"
tt_init
# spawn-fcgi -u nobody runs it: a copy nobody can reach (tt_worker_copy).
tt_worker_copy
W=$TT_WORKER_COPY
T=$TT_DIR

# wait_gone PID SECONDS: true once PID has exited (a zombie counts).
wait_gone() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do tt_alive "$1" || return 0; sleep 0.1; done
	return 1
}
# healthz SOCKET: a FastCGI GET /healthz; prints the body.
healthz() {
	env -i REQUEST_METHOD=GET DOCUMENT_URI=/healthz SCRIPT_NAME=/healthz \
		timeout 20 cgi-fcgi -bind -connect "$1" 2>/dev/null | tail -n 1
}
# start_worker NAME [VAR=value...]: a 2-thread worker on $T/NAME.sock.
start_worker() {
	local name=$1; shift
	env "$@" "$W" --allow-root --threads 2 --socket "$T/$name.sock" \
		2>>"$T/$name.log" </dev/null &
	WPID=$!
	TT_EXTRA_PIDS+=" $WPID"
	for _ in $(seq 50); do [ -S "$T/$name.sock" ] && break; sleep 0.1; done
}
# peer NAME SOCKET STAGE HOLD: start a raw peer; waits until it has sent.
peer() { tt_stall "$T/$1.out" "$2" "$3" "$4"; }
peer_closed() { tt_stall_closed "$T/$1.out"; }
wait_peer_closed() { tt_stall_closed "$T/$1.out" "$2"; }

# ---- 1. stop with a silent connection, under spawn-fcgi, repeated
for round in 1 2 3; do
	sock=$T/spawn$round.sock
	spawn-fcgi -s "$sock" -M 0666 -u nobody -g nogroup -F 1 -P "$T/spawn$round.pid" \
		-- "$W" --threads 2 >"$T/spawn$round.log" 2>&1 ||
		tt_bail "spawn-fcgi could not start $W as nobody: $(tail -n 3 "$T/spawn$round.log")"
	pid=$(cat "$T/spawn$round.pid")
	peer silent$round "$sock" silent 30
	kill -TERM "$pid"
	if wait_gone "$pid" 10; then
		tt_pass "round $round: SIGTERM ends a 2-thread worker holding a silent connection"
	else
		tt_fail "round $round: the worker still runs 10 s after SIGTERM ($(ps -o stat=,pcpu= -p "$pid"))"
		kill -KILL "$pid" 2>/dev/null
	fi
	tt_ok "round $round: the silent connection was closed by the worker" wait_peer_closed silent$round 5
done

# ---- 2. a peer stalled at each stage holds one thread, then is dropped
start_worker stall TTT_REQUEST_TIMEOUT=2
for stage in header params stdin; do
	peer "$stage" "$T/stall.sock" "$stage" 30
	body=$(healthz "$T/stall.sock")
	open=yes; peer_closed "$stage" && open=no
	tt_is "$body/$open" '{"status":"ok"}/yes' \
		"a peer stalled in the $stage: the other thread answers while it is held"
	tt_ok "the peer stalled in the $stage is dropped (request_timeout = 2 s)" \
		wait_peer_closed "$stage" 10
done
tt_is "$(grep -c 'peer-timeout' "$T/stall.log")" 3 "each drop is logged as peer-timeout"
tt_ok "the log names the phase: reading and answering" \
	bash -c "grep -q 'phase=reading' '$T/stall.log' && grep -q 'phase=answering' '$T/stall.log'"

# ---- 3. two stalled peers on two threads; garbage
peer two1 "$T/stall.sock" header 30
peer two2 "$T/stall.sock" params 30
tt_is "$(healthz "$T/stall.sock")" '{"status":"ok"}' \
	"with both threads held by stalled peers a request is answered once one is dropped"
tt_ok "both stalled peers are dropped" \
	bash -c "$(declare -f wait_peer_closed tt_stall_closed); T=$T; wait_peer_closed two1 10 && wait_peer_closed two2 10"
peer garbage "$T/stall.sock" garbage 10
tt_ok "a peer sending garbage is dropped at once" wait_peer_closed garbage 2
tt_is "$(healthz "$T/stall.sock")" '{"status":"ok"}' "and the worker keeps serving"
kill -TERM "$WPID"; wait "$WPID"; rc=$?
tt_is "$rc" 0 "the worker exits 0 on SIGTERM after all that"

# ---- 4. SIGTERM under load with a silent connection held
start_worker load TTT_LOG_LEVEL=warn
for i in 1 2 3; do
	( end=$((SECONDS + 4)); while [ $SECONDS -lt $end ]; do
		healthz "$T/load.sock" >>"$T/load$i.out"; done ) &
	TT_EXTRA_PIDS+=" $!"
done
peer loadsilent "$T/load.sock" silent 30
sleep 1.5
kill -TERM "$WPID"
if wait_gone "$WPID" 10; then
	wait "$WPID"; rc=$?
	tt_is "$rc" 0 "under load, with a silent connection held, SIGTERM ends the worker with 0"
else
	tt_fail "under load the worker still runs 10 s after SIGTERM"
fi
served=$(cat "$T"/load?.out 2>/dev/null | grep -o '"ok"' | wc -l)
tt_ok "requests were answered during the load ($served)" test "$served" -gt 50

# ---- 5. SIGHUP: reload in place, refuse a broken configuration
docs_title() {
	env -i REQUEST_METHOD=GET DOCUMENT_URI=/docs SCRIPT_NAME=/docs HTTP_HOST=localhost \
		timeout 20 cgi-fcgi -bind -connect "$1" 2>/dev/null | sed -n '/^{/p' | jq -r .info.title
}
printf '[ttt]\ntitle = First title\n' >"$T/reload.ini"
start_worker reload TTT_CONFIG="$T/reload.ini"
tt_is "$(docs_title "$T/reload.sock")" "First title" "the worker serves its configuration"
printf '[ttt]\ntitle = Second title\n' >"$T/reload.ini"
kill -HUP "$WPID"
for _ in $(seq 50); do grep -q 'reason=reload' "$T/reload.log" && break; sleep 0.1; done
tt_is "$(docs_title "$T/reload.sock")" "Second title" "after SIGHUP it serves the changed configuration"
tt_ok "in the same process (pid $WPID)" tt_alive "$WPID"
printf '[ttt]\ntitle =\n' >"$T/reload.ini"
kill -HUP "$WPID"
for _ in $(seq 50); do grep -q 'reload-refused' "$T/reload.log" && break; sleep 0.1; done
tt_ok "a broken configuration is refused with the reason logged" \
	grep -q 'reload-refused reason=".*title must be' "$T/reload.log"
tt_is "$(docs_title "$T/reload.sock")" "Second title" "and the worker keeps serving the last good one"
kill -TERM "$WPID"; wait "$WPID"; rc=$?
tt_is "$rc" 0 "the reloaded worker exits 0 on SIGTERM"
tt_done
