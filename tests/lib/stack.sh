# shellcheck shell=bash
# stack.sh - the real stack for integration tests (TAP from tap.sh).
#
#   source "$(dirname "$0")/../lib/stack.sh"
#   tt_init                       # temp dir + cleanup trap; call first
#   tt_stack_start                # cert, pool, nginx; waits for /healthz
#   tt_request GET /healthz       # sets TT_STATUS TT_CTYPE TT_BODY, records
#   tt_is "$TT_STATUS" 200 "healthz answers 200"
#   tt_done
#
# Everything lives in one temp dir (mktemp -d under /tmp, mode 0755 so the
# unprivileged workers and nginx's workers can reach the socket); ports are
# free 127.0.0.1 ports picked at start.  The EXIT trap stops nginx and the
# pool by pid and removes the dir, whether the test passed, failed or died.
#
# Knobs, set before tt_stack_start:
#   TT_WORKERS=2          workers under multiwatch
#   TT_POOL=unix          unix | tcp (spawn-fcgi -a 127.0.0.1 -p PORT)
#   TT_TLS=1              1: API over HTTPS (+ HTTP redirect server)
#                         0: API over plain HTTP, like `make run`
#   TT_WORKER_CONF=""     extra lines for the worker's [ttt] section
#   TT_WORKER_ENV=()      extra VAR=value for the worker's environment
#   TT_RATE / TT_BURST    limit_req numbers (default: the example's; only
#                         load tests should raise them, e.g. 100000r/s)
#   TT_RENDER_ARGS=()     extra conf/render-nginx options (e.g. --server-name)
#   TT_UPSTREAMS=()       HOST:PORT list: nginx balances across these TCP
#                         pools (multi-host variant) instead of its own pool
#   TT_OPS=1              nginx also runs the example's operators' server
#                         (/metrics, /status) on a free loopback port
#   TT_SCOREBOARD=1       the workers share a scoreboard file,
#                         $TT_DIR/run/scoreboard (TT_SCOREBOARD_FILE)
#   TT_KEEP=1             keep the temp dir (debugging)
#   TTT_WORKER            the binary (default: fcgi/ttt-fcgi of this checkout)
#   TTT_RECORD_DIR        where responses are recorded (default: this
#                         test's temp dir; tests/lib/record-responses sets
#                         it to build/test-responses for the contract tests)
#
# After tt_stack_start:
#   TT_DIR TT_URL (https://127.0.0.1:PORT or http://...) TT_PORT
#   TT_HTTP_URL TT_HTTP_PORT (redirect server, TLS only)  TT_CERT
#   TT_SOCKET (unix) or TT_POOL_ADDR (tcp)  TT_POOL_PID  TT_NGINX_PID
#   TT_OPS_URL (http://127.0.0.1:PORT, with TT_OPS=1)
#
# Recording: every tt_request/tt_burst appends one JSON line
#   {"test","method","path","query","status","content_type","headers","body"}
# to $TT_RECORD ($TTT_RECORD_DIR/<test name>.jsonl, truncated by tt_init):
# the test can look back at its answers, and `make test-responses` keeps
# them for the contract tests, which check each against the OpenAPI
# document.
# TT_NORECORD=1 for one call skips it (for answers that are not the API's,
# e.g. the HTTP->HTTPS redirect).

TT_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TT_NAME=$(basename "$0" .t)
: "${TTT_WORKER:=$TT_REPO/fcgi/ttt-fcgi}"
: "${TT_WORKERS:=2}" "${TT_POOL:=unix}" "${TT_TLS:=1}" "${TT_WORKER_CONF:=}"
: "${TT_RATE:=}" "${TT_BURST:=}" "${TT_KEEP:=}" "${TT_OPS:=}" "${TT_SCOREBOARD:=}"
declare -p TT_WORKER_ENV >/dev/null 2>&1 || TT_WORKER_ENV=()
declare -p TT_UPSTREAMS >/dev/null 2>&1 || TT_UPSTREAMS=()
declare -p TT_RENDER_ARGS >/dev/null 2>&1 || TT_RENDER_ARGS=()

TT_DIR="" TT_POOL_PID="" TT_NGINX_PID="" TT_SOCKET="" TT_POOL_ADDR=""
TT_PORTS_USED=" "

# ---------------------------------------------------------------- TAP

# shellcheck source=tap.sh
source "$TT_REPO/tests/lib/tap.sh"

# After a failed check, the request it was about (see tt_request).
tt_last_request_diag() {
	[ -n "${TT_LAST_REQ:-}" ] || return 0
	tt_diag_err "last request: $TT_LAST_REQ -> $TT_STATUS $TT_CTYPE" \
		"body: $(printf '%.600s' "${TT_BODY:-}")"
}
TT_FAIL_HOOK=tt_last_request_diag

# tt_jq FILTER DESC: passes when jq -e FILTER is true on TT_BODY.
tt_jq() {
	if jq -e "$1" >/dev/null 2>&1 <<<"$TT_BODY"; then tt_pass "$2"; else
		tt_fail "$2"; tt_diag_err "jq -e '$1' was false"; fi
}

# tt_raw REQUEST: send these bytes (printf-style escapes such as \r\n) to
# the stack over TLS on one connection, exactly as written (for requests
# curl will not send: bad framing, odd Transfer-Encodings, over-long
# lines); the whole answer on stdout.  tt_raw REQUEST plain: the same in
# plain HTTP, to the redirect server's port (TT_HTTP_PORT).
tt_raw() {
	local port=$TT_PORT tls=1
	[ "${2:-}" != plain ] || port=$TT_HTTP_PORT tls=0
	python3 - "$port" "$TT_CERT" "$1" "$tls" <<'PY'
import socket, ssl, sys
port, ca = int(sys.argv[1]), sys.argv[2]
req = sys.argv[3].encode().decode('unicode_escape').encode('latin1')
s = socket.create_connection(("127.0.0.1", port), timeout=10)
if sys.argv[4] == "1":
	ctx = ssl.create_default_context(cafile=ca)
	ctx.check_hostname = False
	s = ctx.wrap_socket(s)
s.sendall(req)
data = b""
while True:
	try:
		b = s.recv(65536)
	except ConnectionResetError:	# closed with our bytes unread: what came is the answer
		break
	if not b:
		break
	data += b
sys.stdout.write(data.decode('latin1'))
PY
}

# ---------------------------------------------------------------- setup

tt_init() {
	TT_DIR=$(mktemp -d /tmp/ttt-test.XXXXXX) || tt_bail "mktemp failed"
	chmod 0755 "$TT_DIR"
	trap tt_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	local records=${TTT_RECORD_DIR:-$TT_DIR/records}
	mkdir -p "$records" || tt_bail "cannot create $records"
	TT_RECORD="$records/$TT_NAME.jsonl"
	: >"$TT_RECORD"
}

tt_cleanup() {
	local rc=$?
	# A second signal (run-bounded's, a second Ctrl-C) must not end the
	# clean-up halfway and leave a stack running: ignore it from here on.
	trap '' INT TERM
	trap - EXIT
	tt_nginx_stop
	tt_pool_stop
	local pid
	for pid in ${TT_EXTRA_PIDS:-}; do tt_kill_wait "$pid"; done
	if [ "$rc" -ne 0 ] || [ "$TT_FAILED" -ne 0 ]; then
		local f
		for f in "$TT_DIR"/pool.log "$TT_DIR"/nginx/error.log; do
			[ -s "$f" ] || continue
			tt_diag "--- last lines of ${f#"$TT_DIR"/}:"
			tt_diag "$(tail -n 15 "$f")"
		done
	fi
	if [ -n "$TT_DIR" ] && [ -d "$TT_DIR" ]; then
		if [ -n "$TT_KEEP" ]; then tt_diag "kept $TT_DIR"; else rm -rf "$TT_DIR"; fi
	fi
	exit "$rc"
}

# tt_alive PID: running (a zombie child of ours is not).
tt_alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $s != Z* ]]; }

# tt_kill_wait PID [SECONDS]: TERM, wait, then KILL (with its children).
tt_kill_wait() {
	local pid=$1 t=$((${2:-5} * 10)) kids
	[ -n "$pid" ] || return 0
	kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
	kids=$(pgrep -P "$pid" 2>/dev/null | tr '\n' ' ')
	kill -TERM "$pid" 2>/dev/null
	while [ $t -gt 0 ] && kill -0 "$pid" 2>/dev/null; do
		# A zombie child of ours is gone for every purpose but wait.
		tt_alive "$pid" || break
		sleep 0.1; t=$((t - 1))
	done
	if tt_alive "$pid"; then
		tt_diag "pid $pid ignored SIGTERM; killing it"
		# shellcheck disable=SC2086
		kill -KILL "$pid" $kids 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	return 0
}

# tt_free_port: a 127.0.0.1 TCP port nobody listens on (and not handed out
# before in this test).
tt_free_port() {
	local p i
	for i in $(seq 1 200); do
		p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
		case "$TT_PORTS_USED" in *" $p "*) continue ;; esac
		if [ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]; then
			TT_PORTS_USED+="$p "
			echo "$p"
			return 0
		fi
	done
	tt_bail "no free port found"
}

tt_cert() {
	TT_CERT=$TT_DIR/cert.pem TT_KEY=$TT_DIR/key.pem
	[ -f "$TT_CERT" ] && return 0
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
		-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
		-keyout "$TT_KEY" -out "$TT_CERT" >/dev/null 2>&1 ||
		tt_bail "openssl could not make a test certificate"
	chmod 0644 "$TT_CERT"
}

tt_worker_conf() {
	TT_CONF=$TT_DIR/ttt-fcgi.conf
	{
		echo "# written by tests/lib/stack.sh for $TT_NAME"
		echo "[ttt]"
		echo "log_level = info"
		# As conf/ttt-fcgi.conf ships: what is tested is what is deployed.
		echo "threads = 2"
		if [ -n "$TT_SCOREBOARD" ]; then
			TT_SCOREBOARD_FILE=$TT_DIR/run/scoreboard
			mkdir -p "$TT_DIR/run"
			# The workers' user creates it (a file of another owner is refused).
			[ "$(id -u)" -ne 0 ] || chown nobody:nogroup "$TT_DIR/run"
			echo "scoreboard_file = $TT_SCOREBOARD_FILE"
		fi
		[ -z "$TT_WORKER_CONF" ] || printf '%s\n' "$TT_WORKER_CONF"
	} >"$TT_CONF"
	chmod 0644 "$TT_CONF"
}

# ---------------------------------------------------------------- pool

# tt_worker_copy: TT_WORKER_COPY=TT_DIR/bin/ttt-fcgi, a copy of TTT_WORKER
# (0755, TT_DIR is 0755 under /tmp).  Whatever runs the worker as another
# user (spawn-fcgi -u, runuser) runs this copy: the checkout may sit in a
# folder only its owner can enter (a clone in /root is 0700).
tt_worker_copy() {
	[ -x "$TTT_WORKER" ] || tt_bail "no worker binary at $TTT_WORKER (run make)"
	mkdir -p "$TT_DIR/bin"
	[ -x "$TT_DIR/bin/ttt-fcgi" ] || install -m 0755 "$TTT_WORKER" "$TT_DIR/bin/ttt-fcgi" ||
		tt_bail "cannot copy $TTT_WORKER to $TT_DIR/bin"
	TT_WORKER_COPY=$TT_DIR/bin/ttt-fcgi
}

# tt_pool_start: spawn-fcgi -n + multiwatch -f TT_WORKERS in the background.
# As root the workers run as nobody (the worker refuses root) and the socket
# belongs to group www-data, nginx's worker user, mode 0660.  The binary is
# copied into TT_DIR so nobody can run it whatever the checkout's modes.
tt_pool_start() {
	tt_worker_copy
	[ -n "${TT_CONF:-}" ] || tt_worker_conf
	local creds=() sockcreds=() where=()
	if [ "$(id -u)" -eq 0 ]; then
		creds=(-u nobody -g nogroup)
		sockcreds=(-U nobody -G www-data)
	fi
	if [ "$TT_POOL" = tcp ]; then
		[ -n "$TT_POOL_ADDR" ] || TT_POOL_ADDR=127.0.0.1:$(tt_free_port)
		where=(-a "${TT_POOL_ADDR%:*}" -p "${TT_POOL_ADDR##*:}")
	else
		TT_SOCKET=$TT_DIR/ttt-fcgi.sock
		where=(-s "$TT_SOCKET" -M 0660 "${sockcreds[@]}")
	fi
	# -b: the backlog of the shipped units (ttt-fcgi.socket Backlog=).
	env "${TT_WORKER_ENV[@]}" spawn-fcgi -n -b 4096 "${where[@]}" "${creds[@]}" -- \
		"$(command -v multiwatch)" -f "$TT_WORKERS" -- \
		"$TT_DIR/bin/ttt-fcgi" -c "$TT_CONF" \
		</dev/null >>"$TT_DIR/pool.log" 2>&1 &
	TT_POOL_PID=$!
	# Ready when all workers are forked and the socket is there.
	local t=100
	while [ $t -gt 0 ]; do
		tt_alive "$TT_POOL_PID" || break
		if [ "$(tt_worker_pids | wc -w)" -ge "$TT_WORKERS" ] &&
		   { [ "$TT_POOL" = tcp ] || [ -S "$TT_SOCKET" ]; }; then
			return 0
		fi
		sleep 0.05; t=$((t - 1))
	done
	tt_diag "$(cat "$TT_DIR/pool.log" 2>/dev/null)"
	tt_bail "the worker pool did not start"
}

# tt_pool_stop: SIGTERM to multiwatch (it signals its workers), wait, then
# remove the socket: nothing of the pool is left.
tt_pool_stop() {
	[ -n "$TT_POOL_PID" ] || return 0
	local kids
	kids=$(tt_worker_pids)
	tt_kill_wait "$TT_POOL_PID" 10
	local pid
	for pid in $kids; do
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	done
	TT_POOL_PID=""
	[ -z "$TT_SOCKET" ] || rm -f "$TT_SOCKET"
	return 0
}

# tt_worker_pids: the workers (children of multiwatch), space separated.
tt_worker_pids() {
	[ -n "$TT_POOL_PID" ] || return 0
	pgrep -P "$TT_POOL_PID" 2>/dev/null | tr '\n' ' '
}

# ---------------------------------------------------------------- nginx

tt_nginx_render() {
	local args=(--prefix "$TT_DIR/nginx" -o "$TT_DIR/nginx.conf")
	if [ "$TT_TLS" = 1 ]; then
		tt_cert
		args+=(--https "127.0.0.1:$TT_PORT" --cert "$TT_CERT" --key "$TT_KEY"
			--http "127.0.0.1:$TT_HTTP_PORT")
	else
		args+=(--http "127.0.0.1:$TT_PORT")
	fi
	local u
	if [ ${#TT_UPSTREAMS[@]} -gt 0 ]; then
		for u in "${TT_UPSTREAMS[@]}"; do args+=(--upstream "$u"); done
	elif [ "$TT_POOL" = tcp ]; then
		args+=(--upstream "$TT_POOL_ADDR")
	else
		args+=(--socket "$TT_SOCKET")
	fi
	[ -z "$TT_RATE" ] || args+=(--rate "$TT_RATE")
	[ -z "$TT_BURST" ] || args+=(--burst "$TT_BURST")
	[ -z "$TT_OPS" ] || args+=(--ops "127.0.0.1:$TT_OPS_PORT")
	args+=("${TT_RENDER_ARGS[@]}")
	"$TT_REPO/conf/render-nginx" "${args[@]}" || tt_bail "render-nginx failed"
}

# tt_nginx_start: render, start in the foreground mode (daemon off) in the
# background, retry with new ports if one was taken in the meantime.
tt_nginx_start() {
	mkdir -p "$TT_DIR/nginx"
	local try t
	for _ in 1 2 3 4 5; do
		TT_PORT=$(tt_free_port)
		TT_HTTP_PORT=$(tt_free_port)
		if [ -n "$TT_OPS" ]; then
			TT_OPS_PORT=$(tt_free_port)
			TT_OPS_URL=http://127.0.0.1:$TT_OPS_PORT
		fi
		tt_nginx_render
		: >"$TT_DIR/nginx/error.log"
		nginx -p "$TT_DIR/nginx/" -c "$TT_DIR/nginx.conf" -e "$TT_DIR/nginx/error.log" \
			-g 'daemon off;' </dev/null >>"$TT_DIR/nginx/stdout.log" 2>&1 &
		TT_NGINX_PID=$!
		if [ "$TT_TLS" = 1 ]; then
			TT_URL=https://127.0.0.1:$TT_PORT TT_HTTP_URL=http://127.0.0.1:$TT_HTTP_PORT
		else
			TT_URL=http://127.0.0.1:$TT_PORT TT_HTTP_URL=""
		fi
		t=100
		while [ $t -gt 0 ] && tt_alive "$TT_NGINX_PID"; do
			[ -z "$(ss -Htln "( sport = :$TT_PORT )")" ] || return 0
			sleep 0.05; t=$((t - 1))
		done
		wait "$TT_NGINX_PID" 2>/dev/null
		TT_NGINX_PID=""
		grep -q 'Address already in use' "$TT_DIR/nginx/error.log" || break
	done
	tt_diag "$(cat "$TT_DIR/nginx/error.log" "$TT_DIR/nginx/stdout.log" 2>/dev/null)"
	tt_bail "nginx did not start"
}

tt_nginx_stop() {
	[ -n "$TT_NGINX_PID" ] || return 0
	tt_kill_wait "$TT_NGINX_PID" 10
	TT_NGINX_PID=""
}

# ---------------------------------------------------------------- stack

# tt_wait_healthy [SECONDS]: until GET /healthz answers 200 through nginx.
tt_wait_healthy() {
	local t=$((${1:-10} * 10)) code
	while [ $t -gt 0 ]; do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
			${TT_CERT:+--cacert "$TT_CERT"} "$TT_URL/healthz" 2>/dev/null) || true
		[ "$code" != 200 ] || return 0
		sleep 0.1; t=$((t - 1))
	done
	return 1
}

tt_stack_start() {
	[ -n "$TT_DIR" ] || tt_init
	local c
	for c in nginx spawn-fcgi multiwatch curl jq openssl ss pgrep; do
		command -v "$c" >/dev/null 2>&1 || tt_bail "$c is missing (run make deps)"
	done
	[ ${#TT_UPSTREAMS[@]} -gt 0 ] || tt_pool_start
	tt_nginx_start
	tt_wait_healthy 10 || {
		tt_diag "$(tail -n 20 "$TT_DIR/pool.log" "$TT_DIR/nginx/error.log" 2>/dev/null)"
		tt_bail "GET $TT_URL/healthz never answered 200"
	}
}

tt_stack_stop() { tt_nginx_stop; tt_pool_stop; }

# ---------------------------------------------------------------- requests

# tt_request METHOD PATH [CURL ARGS...]
#   PATH may carry a query ("/human_move?position_1=X").  Extra arguments go
#   to curl (-d @file, -H 'Accept: text/html', ...).  HEAD uses curl -I.
#   Sets TT_STATUS (000: no answer), TT_CTYPE, TT_BODY, TT_HEADERS (the
#   header block, CRs removed); records the exchange.  TT_BASE overrides the
#   base URL for one call (e.g. TT_BASE=$TT_HTTP_URL).
tt_request() {
	local method=$1 path=$2; shift 2
	local base=${TT_BASE:-$TT_URL} out hdr m=()
	out=$(mktemp "$TT_DIR/resp.XXXXXX") hdr=$(mktemp "$TT_DIR/hdr.XXXXXX")
	case "$method" in
	HEAD) m=(-I) ;;
	GET) m=() ;;
	*) m=(-X "$method") ;;
	esac
	local w o=$out
	# curl -I writes the headers as the output: keep them out of the body.
	[ "$method" != HEAD ] || o=/dev/null
	w=$(curl -sS --max-time 20 ${TT_CERT:+--cacert "$TT_CERT"} "${m[@]}" \
		-o "$o" -D "$hdr" -w '%{http_code}\t%{content_type}' \
		"$@" "$base$path" 2>"$TT_DIR/curl.err") || true
	TT_STATUS=${w%%$'\t'*} TT_CTYPE=${w#*$'\t'}
	[ -n "$TT_STATUS" ] || TT_STATUS=000
	TT_BODY=$(cat "$out")
	TT_HEADERS=$(tr -d '\r' <"$hdr")
	TT_LAST_REQ="$method $path"
	[ -n "${TT_NORECORD:-}" ] || tt_record "$method" "$path" "$TT_STATUS" "$TT_CTYPE" "$out" "$hdr"
	rm -f "$out" "$hdr"
}

# tt_header NAME: the value of a response header of the last tt_request.
tt_header() {
	awk -v n="$(tr 'A-Z' 'a-z' <<<"$1")" -F': *' \
		'tolower($1) == n { sub(/^[^:]*: */, ""); print; exit }' <<<"$TT_HEADERS"
}

tt_record() {
	local method=$1 path=$2 status=$3 ctype=$4 bodyf=$5 hdrf=$6 query=""
	case "$path" in *\?*) query=${path#*\?} path=${path%%\?*} ;; esac
	local line
	line=$(jq -nc --arg test "$TT_NAME" --arg method "$method" --arg path "$path" \
		--arg query "$query" --argjson status "$((10#$status))" --arg ct "$ctype" \
		--rawfile body "$bodyf" --rawfile hdrs "$hdrf" '
		{test: $test, method: $method, path: $path, query: $query,
		 status: $status, content_type: $ct,
		 headers: ([$hdrs | split("\n")[] | sub("\r$"; "")
		            | select(test("^[^: ]+:"))
		            | capture("^(?<k>[^:]+):[ \t]*(?<v>.*)$")
		            | {(.k | ascii_downcase): .v}] | add // {}),
		 body: $body}') || return 0
	# One line per call, whole, even when a burst records in parallel.
	{ flock 9; printf "%s\n" "$line" >&9; } 9>>"$TT_RECORD"
}

# tt_stall OUT SOCKET STAGE HOLD: a raw FastCGI peer (tests/lib/fcgi-client)
#   on SOCKET, in the background (its pid joins TT_EXTRA_PIDS), that stops
#   part-way and stays connected HOLD seconds; returns once it has sent.
#   STAGE: silent (connect, send nothing), header (inside the first record
#   header), params (half-way through the params), stdin (half of a 54-byte
#   body), garbage (16 bytes of a record of an unknown version).  OUT gets
#   "stall bytes=N held=S peer=open|closed@T answered=B" when the hold ends
#   or the worker closes the connection: tt_stall_closed OUT tells which.
tt_stall() {
	local out=$1 sock=$2 stage=$3 hold=$4 how=()
	case $stage in
	silent) how=(--stall-after-bytes 0) ;;
	header|params|stdin) how=(--stall-at "$stage") ;;
	garbage)
		printf '\x09%.0s' $(seq 16) >"$out.raw"
		how=(--raw-file "$out.raw" --stall-after-bytes 16) ;;
	*) tt_bail "tt_stall: unknown stage $stage" ;;
	esac
	"$TT_REPO/tests/lib/fcgi-client" --socket "$sock" --method POST --uri /human_move \
		--body '{"board":[["X"," "," "],[" "," "," "],[" "," "," "]]}' \
		"${how[@]}" --hold "$hold" >"$out" 2>&1 &
	TT_EXTRA_PIDS+=" $!"
	local i
	for i in $(seq 50); do grep -q 'stalled after' "$out" 2>/dev/null && return 0; sleep 0.1; done
	return 1
}
# tt_stall_closed OUT [SECONDS]: the worker closed that peer's connection
#   (waits up to SECONDS, default 0).
tt_stall_closed() {
	local i
	for ((i = 0; i <= ${2:-0} * 10; i++)); do
		grep -q 'peer=closed' "$1" 2>/dev/null && return 0
		[ "${2:-0}" = 0 ] || sleep 0.1
	done
	return 1
}

# tt_burst N METHOD PATH [CURL ARGS...]: N requests at once (curl --parallel,
# headers not recorded; "STATUS RETRY-AFTER" lines go to $TT_DIR/last-burst).  Prints "STATUS COUNT" lines; records every answer.
tt_burst() {
	local n=$1 method=$2 path=$3; shift 3
	local d i args=() m=()
	d=$(mktemp -d "$TT_DIR/burst.XXXXXX")
	[ "$method" = GET ] || m=(-X "$method")
	for i in $(seq 1 "$n"); do
		args+=(-o "$d/b$i" "$TT_URL$path")
	done
	curl -sS --parallel --parallel-immediate --parallel-max 100 --max-time 20 \
		${TT_CERT:+--cacert "$TT_CERT"} "${m[@]}" "$@" \
		-w '%{http_code}\t%{content_type}\t%{filename_effective}\t%header{retry-after}\n' \
		"${args[@]}" >"$d/w" 2>"$d/err" || true
	local code ct f retry
	# "STATUS RETRY-AFTER" per answer, for tests that look at the header.
	cut -f1,4 "$d/w" | tr '\t' ' ' >"$TT_DIR/last-burst"
	while IFS=$'\t' read -r code ct f retry; do
		[ -n "${TT_NORECORD:-}" ] || tt_record "$method" "$path" "$code" "$ct" "$f" /dev/null
	done <"$d/w"
	cut -f1 "$d/w" | sort | uniq -c | awk '{print $2, $1}'
	rm -rf "$d"
}
