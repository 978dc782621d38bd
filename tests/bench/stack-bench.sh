# shellcheck shell=bash
# The TT_* variables are read by tests/lib/stack.sh, and tt_nginx_render is
# called by it: shellcheck sees neither.
# shellcheck disable=SC2034,SC2317,SC2153
# stack-bench.sh - sourced by http-bench: copies of the production stack,
# each started by tests/lib/stack.sh exactly as the integration tests start
# theirs (nginx.conf.example rendered by conf/render-nginx, a spawn-fcgi +
# multiwatch pool on a unix socket, workers as nobody):
#
#   ttt     -> pool of fcgi/ttt-fcgi, as shipped: kept FastCGI connections
#              (fastcgi_keep_conn on, upstream keepalive)
#   cpr     -> the same pool and nginx with one connection per request
#              (fastcgi_keep_conn off, no upstream keepalive)
#   bare    -> pool of bare-responder (stands in for the worker binary),
#              one connection per request: a plain FCGX_Accept_r loop
#              cannot serve kept connections
#   static  -> the same nginx with `return 200 <fixed JSON>` in location /
#
# Only the rate limit is raised (TT_RATE/TT_BURST), so that limit_req does
# not answer 429 to the load; access log, limit_req zone, error pages,
# fastcgi params and TLS settings stay as deployed.
#
# stack.sh keeps one stack per shell, so each runs in a background subshell
# that writes its URL and pids to a file and waits for SIGTERM (its EXIT trap
# stops nginx and the pool and removes its temp dir).
#
# Provides: bench_nginx_up PROTO, bench_nginx_down, bench_url TARGET PROTO,
# bench_pool_pids POOL, bench_nginx_pids TARGET, bench_nginx_workers,
# bench_describe.
# Uses: ROOT OUT WORKER BARE POOL THREADS KEEP_CONN TARGETS.

declare -A BENCH_URL BENCH_POOL_PID BENCH_NGINX_PID BENCH_SUB
BENCH_STATIC_BODY='{"board":[["O"," "," "],[" ","X"," "],[" "," "," "]],"status":"continue","winner":"No winner","move":{"row":0,"col":0,"position":1}}'

# Runs in the subshell, after stack.sh is sourced: edit the rendered config
# before tt_nginx_start starts nginx on it.
bench_patch_render() {
	eval "bench_orig_$(declare -f tt_nginx_render)"
	tt_nginx_render() {
		bench_orig_tt_nginx_render
		local conf=$TT_DIR/nginx.conf
		case $BENCH_TARGET in
		static)
			# `return` runs in the rewrite phase: nothing reaches
			# fastcgi_pass (nor limit_req, a later phase).
			grep -q '^        location / {$' "$conf" ||
				tt_bail "no 'location / {' line in the rendered config"
			sed -i "s|^        location / {\$|&\\n            return 200 '$BENCH_STATIC_BODY';|" "$conf"
			;;
		ttt)
			[ -n "$KEEP_CONN" ] || return 0
			grep -q '^        keepalive [0-9]*;$' "$conf" ||
				tt_bail "no upstream keepalive line in the rendered config"
			sed -i "s|^        keepalive [0-9]*;\$|        keepalive $KEEP_CONN;|" "$conf"
			;;
		cpr|bare)
			# One connection per request: what nginx does without
			# fastcgi_keep_conn and an upstream keepalive.
			if ! grep -q '^ *fastcgi_keep_conn on;' "$conf" ||
			   ! grep -q '^        keepalive [0-9]*;$' "$conf"; then
				tt_bail "cannot turn kept connections off in the rendered config"
			fi
			sed -i -e 's|^\( *\)fastcgi_keep_conn on;|\1fastcgi_keep_conn off;|' \
				-e '/^        keepalive [0-9]*;$/d' \
				-e '/^        keepalive_timeout [0-9]*s;$/d' \
				-e '/^        keepalive_requests [0-9]*;$/d' "$conf"
			;;
		esac
	}
}

# bench_start TARGET PROTO: one stack in a background subshell.
bench_start() {
	local target=$1 proto=$2 info=$OUT/stack.$1.info i
	rm -f "$info"
	(
		# stack.sh is written for plain bash, not set -e: its cleanup
		# trap would stop half-way on the first pgrep that finds nothing.
		set +euo pipefail
		BENCH_TARGET=$target
		export TTT_RECORD_DIR=$OUT/records
		TT_TLS=$([ "$proto" = https ] && echo 1 || echo 0)
		TT_WORKERS=$POOL TT_RATE=10000000r/s TT_BURST=1000000
		TT_WORKER_CONF=${THREADS:+threads = $THREADS}
		case $target in
		ttt|cpr) TTT_WORKER=$WORKER ;;
		bare) TTT_WORKER=$BARE ;;
		static) TT_UPSTREAMS=(127.0.0.1:9) ;;	# never contacted
		esac
		# shellcheck source=tests/lib/stack.sh
		. "$ROOT/tests/lib/stack.sh"
		bench_patch_render
		tt_init
		tt_stack_start >&2
		printf '%s %s %s %s\n' "$TT_URL" "${TT_POOL_PID:--}" \
			"$TT_NGINX_PID" "$TT_DIR" >"$info.tmp"
		mv "$info.tmp" "$info"
		sleep 3600 &
		TT_EXTRA_PIDS=$!
		wait $! || true
	) >"$OUT/stack.$target.log" 2>&1 &
	BENCH_SUB[$target]=$!
	for i in $(seq 1 300); do
		[ -s "$info" ] && break
		kill -0 "${BENCH_SUB[$target]}" 2>/dev/null ||
			{ echo "http-bench: the $target stack did not start:" >&2
			  cat "$OUT/stack.$target.log" >&2; return 1; }
		sleep 0.05
	done
	[ -s "$info" ] || { echo "http-bench: the $target stack timed out" >&2; return 1; }
	local url pool nginx
	read -r url pool nginx _ <"$info"
	BENCH_URL[$target.$proto]=$url
	BENCH_POOL_PID[$target]=$pool
	BENCH_NGINX_PID[$target]=$nginx
}

bench_nginx_up() {
	local t
	for t in $TARGETS; do
		bench_start "$t" "$1" || return 1
	done
}

bench_nginx_down() {
	local t pid
	for t in "${!BENCH_SUB[@]}"; do
		kill -TERM "${BENCH_SUB[$t]}" 2>/dev/null || true
	done
	for t in "${!BENCH_SUB[@]}"; do
		pid=${BENCH_SUB[$t]}
		for _ in $(seq 1 300); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.05
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	BENCH_SUB=()
}

bench_url() {
	echo "${BENCH_URL[$1.$2]}"
}

bench_pool_pids() {
	local p=${BENCH_POOL_PID[$1]:-}
	[ -n "$p" ] && [ "$p" != - ] || return 0
	pgrep -P "$p" || true
}

bench_nginx_pids() {
	pgrep -P "${BENCH_NGINX_PID[$1]}" || true
}

bench_nginx_workers() {
	local first=${TARGETS%% *}
	pgrep -P "${BENCH_NGINX_PID[$first]}" | wc -l
}

bench_describe() {
	echo "nginx.conf.example via tests/lib/stack.sh + conf/render-nginx (access log on, limit_req raised to 10000000r/s; ttt: kept connections as shipped; cpr and bare: one connection per request)"
}
