#!/bin/bash
# soak.t - the shipped stack (nginx.conf.example over TLS, a spawn-fcgi +
# multiwatch pool of 3 workers) under a mix of valid, invalid and hostile
# requests (tests/lib/soak-client) for SOAK_SECONDS or SOAK_REQUESTS,
# whichever comes first, while
#   - one worker is killed with kill -9 every SOAK_KILL_EVERY seconds
#     (never the oldest one, so one worker lives through the whole run and
#     its resources can be followed from start to end); nginx must retry
#     the requests a killed worker dropped, so the client loses none;
#   - nginx reloads its configuration every SOAK_RELOAD_EVERY seconds
#     (nginx -s reload on this test's own nginx, by its prefix and pid file).
# Every SOAK_SAMPLE_EVERY seconds the RSS, open fds and threads of each
# worker are read from /proc.  Passes when no answer was lost or malformed
# (every answer has the status and JSON shape its request calls for), the
# kills and reloads happened, and the workers stayed flat: RSS grew by at
# most SOAK_RSS_GROWTH_KB after the warm-up, open fds by at most
# SOAK_FD_GROWTH (both measured on the floor, see below), threads not at
# all.
#
#   make test          runs it for 20 s
#   make soak          SOAK_SECONDS=600 SOAK_REQUESTS=1000000 (the real one)
#   SOAK_SECONDS=60 tests/hardening/soak.t     by hand
#
# SOAK_STALLS=N (default 0) adds hostile FastCGI clients straight on the
# pool's socket: N connections at all times, each stalled mid-header,
# mid-params or mid-stdin and held SOAK_STALL_HOLD seconds (default 5),
# then closed and opened again (tests/lib/fcgi-client).  They hold worker
# threads that nginx's requests then cannot use.
set -u
source "$(dirname "$0")/../lib/stack.sh"
source "$(dirname "$0")/lib.sh"

SECS=${SOAK_SECONDS:-20}
REQS=${SOAK_REQUESTS:-1000000}
CONNS=${SOAK_CONNS:-6}
# Defaults scale with the run: about 4 kills and 3 reloads in 20 s, one
# kill every 30 s and one reload every 45 s in a long run.
d_kill=$((SECS / 5)) d_reload=$((SECS / 4)) d_sample=$((SECS / 40))
[ "$d_kill" -ge 3 ] || d_kill=3
[ "$d_kill" -le 30 ] || d_kill=30
[ "$d_reload" -ge 4 ] || d_reload=4
[ "$d_reload" -le 45 ] || d_reload=45
[ "$d_sample" -ge 1 ] || d_sample=1
[ "$d_sample" -le 5 ] || d_sample=5
KILL_EVERY=${SOAK_KILL_EVERY:-$d_kill}
RELOAD_EVERY=${SOAK_RELOAD_EVERY:-$d_reload}
SAMPLE_EVERY=${SOAK_SAMPLE_EVERY:-$d_sample}
RSS_BOUND=${SOAK_RSS_GROWTH_KB:-1024}
# A worker's descriptors go up and down with its work: every connection it
# holds, in a thread or parked between requests (as many as nginx keeps
# open), is two descriptors on one socket (the accepted one and the
# duplicate libfcgi reads from).  The samples count the descriptors outside
# such pairs (fds) and the pairs (conns) apart: a leaked descriptor raises
# the floor of fds; a connection being opened or closed in a thread at the
# moment of a sample is one of its two alone, so 2 threads (the shipped
# setting) give a bound of 4.
FD_BOUND=${SOAK_FD_GROWTH:-4}
# Seconds of a worker's life not held to the bounds (its first requests
# fill its allocator's arenas): a tenth of the run, 3 to 30.
d_warm=$((SECS / 10))
[ "$d_warm" -ge 3 ] || d_warm=3
[ "$d_warm" -le 30 ] || d_warm=30
WARM=${SOAK_WARMUP:-$d_warm}
STALLS=${SOAK_STALLS:-0} STALL_HOLD=${SOAK_STALL_HOLD:-5}
for v in SECS REQS CONNS KILL_EVERY RELOAD_EVERY SAMPLE_EVERY RSS_BOUND FD_BOUND WARM STALLS STALL_HOLD; do
	case ${!v} in ''|*[!0-9]*) tt_bail "soak: $v must be a whole number, not '${!v}'" ;; esac
done
command -v python3 >/dev/null || tt_bail "python3 is missing (make deps)"

TT_WORKERS=3 TT_RATE=1000000r/s TT_BURST=1000000
tt_init
# multiwatch's default (3 restarts per 10 s) would give up on a slot.
hl_multiwatch_retries 1000
tt_stack_start
tt_diag "soak: ${SECS}s or $REQS requests, $CONNS connections, kill -9 every ${KILL_EVERY}s, reload every ${RELOAD_EVERY}s, sample every ${SAMPLE_EVERY}s"

samples=$TT_DIR/samples events=$TT_DIR/events stop=$TT_DIR/stop
: >"$samples"; : >"$events"
t_start=$(date +%s.%N)
now() { awk -v a="$t_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# sample: one line per worker: T PID RSS_KB FDS THREADS CONNS (FDS: the
# descriptors outside connection pairs, CONNS: the pairs; see FD_BOUND).
sample() {
	local t p rss thr fds conns
	t=$(now)
	for p in $(tt_worker_pids); do
		rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null) || continue
		thr=$(awk '/^Threads:/ {print $2}' "/proc/$p/status" 2>/dev/null) || continue
		fds=$(ls "/proc/$p/fd" 2>/dev/null | wc -l)
		conns=$(find "/proc/$p/fd" -mindepth 1 -maxdepth 1 -printf '%l\n' 2>/dev/null |
			grep '^socket:' | sort | uniq -d | wc -l)
		fds=$((fds - 2 * conns))
		[ -n "$rss" ] && [ -n "$thr" ] && echo "$t $p $rss $fds $thr $conns"
	done >>"$samples"
}
(
	while [ ! -e "$stop" ]; do sample; sleep "$SAMPLE_EVERY"; done
	sample
) &
sampler=$!
TT_EXTRA_PIDS=$sampler

# The stalling FastCGI clients, if asked for: each loop ends with the stop file.
stallers=""
for i in $(seq 1 "$STALLS"); do
	(
		modes=(header params stdin)
		while [ ! -e "$stop" ]; do
			"$TT_REPO/tests/lib/fcgi-client" --socket "$TT_SOCKET" --method POST \
				--uri /human_move --body '{"board":[["X"," "," "],[" "," "," "],[" "," "," "]]}' \
				--stall-at "${modes[RANDOM % 3]}" --hold "$STALL_HOLD" \
				>>"$TT_DIR/stalls.out" 2>/dev/null
		done
	) &
	stallers+="$! "
done
[ "$STALLS" = 0 ] || tt_diag "soak: $STALLS stalled FastCGI connections on the pool's socket at all times, held ${STALL_HOLD}s each"

"$TT_REPO/tests/lib/soak-client" --url "$TT_URL" --cacert "$TT_CERT" \
	--seconds "$SECS" --requests "$REQS" --conns "$CONNS" --epoch "$t_start" \
	>"$TT_DIR/client.json" 2>"$TT_DIR/client.err" &
client=$!
TT_EXTRA_PIDS="$sampler $client $stallers"

# Workers in the order they started (oldest first).
workers_by_age() { local p; for p in $(tt_worker_pids); do ps -o etimes=,pid= -p "$p"; done | sort -rn | awk '{print $2}'; }
oldest=$(workers_by_age | head -n 1)
nginx_workers0=$(pgrep -P "$TT_NGINX_PID" | sort | tr '\n' ' ')
kills=0 reloads=0 reload_failed=0 next_kill=$KILL_EVERY next_reload=$RELOAD_EVERY
tick=0
while tt_alive "$client"; do
	sleep 1
	tick=$((tick + 1))
	if [ "$tick" -ge "$next_kill" ]; then
		next_kill=$((next_kill + KILL_EVERY))
		victim=$(workers_by_age | grep -vx "$oldest" | shuf -n 1)
		if [ -n "$victim" ] && kill -KILL "$victim" 2>/dev/null; then
			kills=$((kills + 1)); echo "$(now) kill $victim" >>"$events"
		fi
	fi
	if [ "$tick" -ge "$next_reload" ]; then
		next_reload=$((next_reload + RELOAD_EVERY))
		if nginx -p "$TT_DIR/nginx/" -c "$TT_DIR/nginx.conf" -e "$TT_DIR/nginx/error.log" \
			-s reload 2>>"$TT_DIR/reload.err"; then
			reloads=$((reloads + 1)); echo "$(now) reload" >>"$events"
		else
			reload_failed=$((reload_failed + 1))
		fi
	fi
done
wait "$client"
client_rc=$?
touch "$stop"
wait "$sampler"
# shellcheck disable=SC2086
[ -z "$stallers" ] || kill $stallers 2>/dev/null
# shellcheck disable=SC2086
[ -z "$stallers" ] || wait $stallers 2>/dev/null
TT_EXTRA_PIDS=""
[ "$STALLS" = 0 ] || tt_diag "stalled connections: $(grep -c . "$TT_DIR/stalls.out") held, $(grep -c 'peer=closed' "$TT_DIR/stalls.out") closed early (by a kill, or by the worker)"

# ---- the answers
r=$TT_DIR/client.json
if ! jq -e .sent "$r" >/dev/null 2>&1; then
	tt_fail "the soak client reported (exit $client_rc)"
	tt_diag_err "$(cat "$TT_DIR/client.err" "$r" 2>/dev/null | tail -n 20)"
	tt_done
fi
sent=$(jq .sent "$r") answered=$(jq .answered "$r") lost=$(jq .lost "$r")
malformed=$(jq .malformed "$r") kac=$(jq .keepalive_closed "$r") secs=$(jq .seconds "$r")
tt_diag "$sent requests in ${secs}s ($(awk -v n="$sent" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')/s), $answered answered"
tt_diag "answers by status: $(jq -r '.by_status | to_entries | map("\(.key): \(.value)") | join(", ")' "$r")"
tt_diag "by kind: $(jq -r '.by_kind | to_entries | map("\(.key) \(.value | to_entries | map("\(.key)=\(.value)") | join("/"))") | join(", ")' "$r")"
tt_ok "the client sent requests ($sent)" test "$sent" -gt 0
tt_is "$lost" 0 "no request lost (no answer) during $kills kills and $reloads reloads"
if [ "$lost" != 0 ]; then
	tt_diag_err "lost at (s): $(jq -c .lost_at "$r")"
	tt_diag_err "events: $(tr '\n' ';' <"$events")"
fi
tt_is "$malformed" 0 "no malformed answer (status and JSON shape as expected for each request)"
[ "$malformed$lost" = 00 ] || tt_diag_err "$(jq -r '.malformed_examples[]' "$r")"
tt_is "$((answered + lost))" "$sent" "every request sent is either answered or counted lost"
# A reload makes nginx's old workers close their idle keep-alive
# connections; a request sent at that moment meets a closed connection and
# is sent again on a new one.  That is the only excuse: each such close
# must follow a reload within 2 s.
stray=$(jq -r '.closed_at[]' "$r" | awk -v ev="$(awk '$2 == "reload" {print $1}' "$events" | tr '\n' ' ')" '
	BEGIN { n = split(ev, r, " ") }
	{ ok = 0; for (i = 1; i <= n; i++) if ($1 >= r[i] - 0.5 && $1 <= r[i] + 2) ok = 1
	  if (!ok) print $1 }' | tr '\n' ' ')
tt_is "$stray" "" "keep-alive connections closed under a request: $kac, each within 2 s of a reload (resent once, not lost)"

# ---- the faults happened
tt_diag "upstream connections cut by the kills, which nginx retried on the pool: $(grep -cE 'upstream prematurely closed|Connection reset by peer|recv\(\) failed' "$TT_DIR/nginx/error.log")"
want_kills=$(((tick - 1) / KILL_EVERY))
tt_ok "workers were killed with kill -9 ($kills, every ${KILL_EVERY}s)" \
	test "$kills" -ge 1 -a "$kills" -ge "$want_kills"
tt_ok "nginx reloaded its configuration ($reloads times, $reload_failed failed)" \
	test "$reloads" -ge 1 -a "$reload_failed" = 0
tt_ok "the nginx master survived the reloads" tt_alive "$TT_NGINX_PID"
nginx_workers1=$(pgrep -P "$TT_NGINX_PID" | sort | tr '\n' ' ')
tt_ok "the reloads replaced nginx's workers" test "$nginx_workers0" != "$nginx_workers1"
tt_is "$(tt_worker_pids | wc -w)" 3 "multiwatch keeps 3 workers after the kills"
tt_ok "the oldest worker ($oldest) was spared and is still there" tt_alive "$oldest"

# ---- resources of the workers, from /proc
# Per worker, over its samples after the warm-up (WARM seconds after its
# first sample): "first" is the lowest of the first three, "last" the lowest
# of the last three, and growth is last - first.  Connections in flight
# come and go (a peak of fds is a busy moment); a leak raises the floor.
stats=$(awk -v warm="$WARM" '
	function lo3(p, from, to,   i, m, k) {
		m = -1; for (i = from; i <= to; i++) { k = w[p, i]
			if (m == -1 || k < m) m = k }
		return m }
	{ t = $1; p = $2
	  if (!(p in t0)) { t0[p] = t; order[++n] = p }
	  last_t[p] = t
	  if (t - t0[p] < warm) next
	  c = ++cnt[p]; if (c == 1) tb[p] = t
	  rss[p, c] = $3; fd[p, c] = $4; thr[p, c] = $5
	  if ($3 > m_rss[p]) m_rss[p] = $3; if ($4 > m_fd[p]) m_fd[p] = $4
	  if ($5 > m_thr[p]) m_thr[p] = $5
	  if (!(p in n_thr) || $5 < n_thr[p]) n_thr[p] = $5 }
	END { for (i = 1; i <= n; i++) { p = order[i]; c = cnt[p]
		if (!c) { printf "%s %.0f -1 0 0 0 0 0 0 0 0 0 0\n", p, last_t[p] - t0[p]; continue }
		e = (c < 3) ? c : 3
		for (j = 1; j <= c; j++) w[p, j] = rss[p, j]; br = lo3(p, 1, e); lr = lo3(p, c - e + 1, c)
		for (j = 1; j <= c; j++) w[p, j] = fd[p, j];  bf = lo3(p, 1, e); lf = lo3(p, c - e + 1, c)
		printf "%s %.0f %.1f %s %s %s %s %s %s %s %s %s %s\n", p, last_t[p] - t0[p],
		  tb[p] - t0[p], br, lr, m_rss[p], bf, lf, m_fd[p],
		  thr[p, 1], thr[p, c], m_thr[p], n_thr[p] } }' "$samples")
tt_diag "per worker (pid, seconds sampled): RSS KB first/last/max, fds outside connections first/last/max, threads first/last/max (after ${WARM}s warm-up; first/last: lowest of the first/last three samples)"
while read -r p life tb br lr mr bf lf mf bt lt mt nt; do
	if [ "$tb" = -1 ]; then
		tt_diag "  $p (${life}s): killed before its warm-up ended"
	else
		tt_diag "  $p (${life}s): RSS $br/$lr/$mr, fds $bf/$lf/$mf, threads $bt/$lt/$mt"
	fi
done <<<"$stats"
line=$(awk -v p="$oldest" '$1 == p' <<<"$stats")
read -r p life tb br lr mr bf lf mf bt lt mt nt <<<"$line"
if [ -z "$line" ] || [ "$tb" = -1 ]; then
	tt_fail "the long-lived worker $oldest was sampled after its warm-up"
else
	# Its curve, at most 12 points, for the record.
	tt_diag "worker $oldest over time (s: RSS KB, fds, threads, kept or busy connections): $(awk -v p="$oldest" '$2 == p' "$samples" |
		awk '{ r[NR] = $0 } END { step = (NR > 12) ? NR / 12 : 1
			for (i = 1; i <= NR; i += step) { split(r[int(i)], f, " "); printf "%s: %s %s %s %s; ", f[1], f[3], f[4], f[5], f[6] } }')"
	tt_ok "worker $oldest: RSS grew by at most ${RSS_BOUND} KB over ${life}s ($br -> $lr KB, max $mr)" \
		test $((lr - br)) -le "$RSS_BOUND"
	tt_ok "worker $oldest: open fds grew by at most $FD_BOUND ($bf -> $lf, max $mf in a busy moment)" \
		test $((lf - bf)) -le "$FD_BOUND"
	tt_ok "worker $oldest: the thread count stayed $bt (min $nt, max $mt)" \
		test "$nt" = "$bt" -a "$mt" = "$bt"
fi
# Every other worker that lived past its warm-up: the same bounds.
bad=$(awk -v o="$oldest" -v rb="$RSS_BOUND" -v fb="$FD_BOUND" \
	'$1 != o && $3 != -1 && ($5 - $4 > rb || $8 - $7 > fb || $12 != $10 || $13 != $10) { print $1 }' <<<"$stats")
tt_is "$bad" "" "every other worker sampled after its warm-up stayed within the same bounds"

tt_ok "no sanitizer report in the pool log" hl_sanitizer_clean "$TT_DIR/pool.log"
tt_ok "no crash report in the pool log" bash -c '! grep -qE "Segmentation|Aborted|stack smashing|double free" "$1"' _ "$TT_DIR/pool.log"
tt_done
