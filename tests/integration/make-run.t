#!/bin/bash
# make-run.t - `make run` starts the stack, prints the URLs (/docs first),
# refuses a taken port, and on Ctrl-C (SIGINT to its process group, as a
# terminal sends it) or SIGTERM stops everything: no process, no socket,
# the port free again.  Runs with TTT_RUN_PORT and TTT_RUN_DIR pointing into
# this test's own temp dir and port.
source "$(dirname "$0")/../lib/stack.sh"
tt_init

# Every process whose command line names our run dir, plus their children
# (nginx's workers are called just "nginx: worker process").
stack_pids() {
	local p
	for p in $(pgrep -f "$1" 2>/dev/null); do
		echo "$p"
		pgrep -P "$p" 2>/dev/null
	done | sort -u | tr '\n' ' '
}
alive_of() { local p; for p in $1; do tt_alive "$p" && echo -n "$p "; done; }

# wait_url URL SECONDS: until GET URL answers 200.
wait_url() {
	local t=$(($2 * 10))
	while [ $t -gt 0 ]; do
		[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$1" 2>/dev/null)" != 200 ] || return 0
		sleep 0.1; t=$((t - 1))
	done
	return 1
}
# wait_exit PID SECONDS: until PID has exited (a zombie counts); 1 on timeout.
wait_exit() {
	local t=$(($2 * 10))
	while [ $t -gt 0 ] && tt_alive "$1"; do sleep 0.1; t=$((t - 1)); done
	! tt_alive "$1"
}

# A make of our own, not a sub-make of the `make test` that runs us.
unset MAKEFLAGS MFLAGS MAKELEVEL

port=$(tt_free_port)
run=$TT_DIR/run
base=http://127.0.0.1:$port
export TTT_RUN_PORT=$port TTT_RUN_DIR=$run

# --- make run, stopped with Ctrl-C
# setsid: make and run-local get their own process group, like a shell's
# foreground job; env --default-signal: a background job of a script starts
# with SIGINT ignored, a terminal's job does not.
setsid env --default-signal=INT,TERM make -s --no-print-directory -C "$TT_REPO" run \
	</dev/null >"$TT_DIR/make-run.out" 2>&1 &
make_pid=$!
TT_EXTRA_PIDS="$make_pid"

if wait_url "$base/healthz" 90; then
	tt_pass "make run serves $base/healthz"
else
	tt_fail "make run serves $base/healthz"
	tt_diag "$(cat "$TT_DIR/make-run.out")"
fi
# The banner comes after healthz answers: give it a moment.
for _ in 1 2 3 4 5 6 7 8 9 10; do grep -q 'Ctrl-C' "$TT_DIR/make-run.out" && break; sleep 0.2; done
first_url=$(grep -o 'http://[^ ]*' "$TT_DIR/make-run.out" | head -n 1)
tt_is "$first_url" "$base/docs" "the first URL printed is the document's (/docs)"
TT_BASE=$base tt_request GET /docs
tt_is "$TT_STATUS" 200 "GET /docs through make run's nginx answers 200"
TT_BASE=$base tt_request POST /human_move -d '{"board":[["X"," "," "],[" "," "," "],[" "," "," "]]}'
tt_is "$TT_STATUS" 200 "a move through make run answers 200"
# The example's catch-all server is on: only localhost and 127.0.0.1 are
# the API's names; another Host is dropped by nginx (444: no answer).
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'Host: evil.example' "$base/docs")
tt_is "$code $?" "000 52" "make run drops a request for another host name (no answer)"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://localhost:${base##*:}/healthz")
tt_is "$code" 200 "... and serves localhost"
sock=$(ls "$run"/*.sock 2>/dev/null | head -n 1)
tt_ok "the socket is in the run directory" test -S "$sock"
pids=$(stack_pids "$run")
tt_diag "make run's processes: $pids"
n_workers=$(pgrep -f "^$run/ttt-fcgi -c" 2>/dev/null | wc -l)
tt_is "$n_workers" 2 "two workers run under multiwatch"

# --- a second make run on the same port refuses clearly
out=$(timeout 20 "$TT_REPO/conf/run-local" </dev/null 2>&1); rc=$?
tt_ok "a second run-local on a taken port exits non-zero" test "$rc" -ne 0 -a "$rc" -ne 124
tt_like "$out" "port $port is already in use" "it says the port is taken"
tt_is "$(alive_of "$pids" | wc -w)" "$(echo "$pids" | wc -w)" "the refusal did not disturb the running stack"

kill -INT -- "-$make_pid" 2>/dev/null
if wait_exit "$make_pid" 20; then tt_pass "Ctrl-C ends make run"; else
	tt_fail "Ctrl-C ends make run"; fi
tt_like "$(cat "$TT_DIR/make-run.out")" 'nothing is left running' "run-local reports a clean stop"
tt_is "$(alive_of "$pids")" "" "no process of make run is left after Ctrl-C"
tt_ok "no socket is left after Ctrl-C" test -z "$(ls "$run"/*.sock 2>/dev/null)"
tt_is "$(ss -Hltn "( sport = :$port )" | wc -l)" 0 "the port is free again"

# --- SIGTERM to run-local directly
env --default-signal=INT,TERM "$TT_REPO/conf/run-local" </dev/null >"$TT_DIR/run2.out" 2>&1 &
rl_pid=$!
TT_EXTRA_PIDS="$rl_pid"
tt_ok "run-local (second start) serves /healthz" wait_url "$base/healthz" 30
pids=$(stack_pids "$run")
kill -TERM "$rl_pid"
if wait_exit "$rl_pid" 20; then
	wait "$rl_pid"; rc=$?
	tt_is "$rc" 0 "SIGTERM: run-local exits 0"
else
	tt_fail "SIGTERM: run-local exits 0"
fi
tt_is "$(alive_of "$pids")" "" "no process is left after SIGTERM"
tt_ok "no socket is left after SIGTERM" test -z "$(ls "$run"/*.sock 2>/dev/null)"

# --- SIGTERM to make run's process group (kill -- -PGID, timeout(1), a
# supervisor): run-local gets it twice, from the kill and from make, which
# passes a SIGTERM on to its child before it dies, and an impatient person
# may press Ctrl-C again.  A signal that arrives during the clean-up must
# not cut it short: here a third one comes while nginx is stopping.
setsid env --default-signal=INT,TERM make -s --no-print-directory -C "$TT_REPO" run \
	</dev/null >"$TT_DIR/make-run3.out" 2>&1 &
make_pid=$!
TT_EXTRA_PIDS="$make_pid"
tt_ok "make run (third start) serves /healthz" wait_url "$base/healthz" 30
pids=$(stack_pids "$run")
rl_pid=$(pgrep -f -P "$make_pid" run-local | head -n 1)
kill -TERM -- "-$make_pid" 2>/dev/null
sleep 0.05
[ -z "$rl_pid" ] || kill -TERM "$rl_pid" 2>/dev/null
wait_exit "$make_pid" 20 || tt_diag "make did not exit within 20 s"
for _ in $(seq 1 60); do [ -z "$(alive_of "$pids")" ] && break; sleep 0.1; done
tt_is "$(alive_of "$pids")" "" "no process of make run is left after SIGTERM to its process group"
tt_like "$(cat "$TT_DIR/make-run3.out")" 'nothing is left running' "... and run-local reports a clean stop"
tt_ok "no socket is left after SIGTERM to the group" test -z "$(ls "$run"/*.sock 2>/dev/null)"
tt_is "$(ss -Hltn "( sport = :$port )" | wc -l)" 0 "the port is free again"
# Whatever a failure above left running is ours to end.
for p in $(alive_of "$pids"); do kill -KILL "$p" 2>/dev/null; done

tt_done
