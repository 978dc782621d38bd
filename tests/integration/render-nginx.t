#!/bin/bash
# render-nginx.t - conf/render-nginx turns nginx.conf.example into valid
# configs for every shape the tests and `make run` use (nginx -t on each),
# changes nothing but paths, ports, upstreams and TLS, and refuses bad input.
source "$(dirname "$0")/../lib/stack.sh"
tt_init
tt_cert
r="$TT_REPO/conf/render-nginx"
ex="$TT_REPO/nginx.conf.example"
p=$TT_DIR/nginx
mkdir -p "$p"

check() {	# check NAME ARGS...: render and nginx -t
	local name=$1; shift
	if "$r" --prefix "$p" -o "$TT_DIR/$name.conf" "$@" 2>"$TT_DIR/err" &&
	   nginx -t -q -p "$p/" -c "$TT_DIR/$name.conf" -e "$p/error.log" 2>>"$TT_DIR/err"; then
		tt_pass "$name: renders and passes nginx -t"
	else
		tt_fail "$name: renders and passes nginx -t"; tt_diag "$(cat "$TT_DIR/err")"
	fi
}
check tls-unix --https 127.0.0.1:18443 --http 127.0.0.1:18080 --cert "$TT_CERT" \
	--key "$TT_KEY" --socket "$TT_DIR/s.sock"
check tls-only --https 127.0.0.1:18443 --cert "$TT_CERT" --key "$TT_KEY" --socket "$TT_DIR/s.sock"
check plain-unix --http 127.0.0.1:18080 --socket "$TT_DIR/s.sock" --ops 127.0.0.1:19180
check tls-tcp --https 127.0.0.1:18443 --cert "$TT_CERT" --key "$TT_KEY" \
	--upstream 10.200.1.2:9000 --upstream 10.200.2.2:9000
check load --http 127.0.0.1:18080 --socket "$TT_DIR/s.sock" --rate 100000r/s --burst 100000

# What differs from the example, line by line, in the plain (make run) form.
# The plain form has no port-80 servers (it serves HTTP itself): compare
# with the example without them.
sed -e '/^    # ---- Unknown host names get nothing/,/^    }$/d' \
	-e '/^    # ---- HTTP -> HTTPS redirect (port 80)/,/^    }$/d' "$ex" >"$TT_DIR/example-no-80"
changed=$(diff "$TT_DIR/example-no-80" "$TT_DIR/plain-unix.conf" | grep '^[<>]' | grep -v -E \
	'pid |error_log |access_log |_temp_path |server unix:|listen |ssl_certificate|Strict-Transport|^< *$|^< *#')
tt_is "$changed" "" "the plain render differs only in paths, listen, socket and TLS lines"
# Two attempts on kept connections (the socket listed twice), then one on a
# new connection (the second upstream lists it once).
tt_is "$(grep -c 'server unix:' "$TT_DIR/plain-unix.conf")" 3 "the socket appears twice in the kept upstream, once in the fresh one"
tt_is "$(grep -c '^ *server 10\.200\.' "$TT_DIR/tls-tcp.conf")" 4 "--upstream gives one server line per host in each upstream"
tt_is "$(grep -c 'server unix:' "$TT_DIR/tls-tcp.conf")" 0 "--upstream drops the unix socket"
tt_is "$(grep -c 'listen 80\|return 301' "$TT_DIR/tls-only.conf")" 0 "without --http the redirect server goes"
tt_is "$(grep -c 'allow 127.0.0.1' "$TT_DIR/tls-only.conf")" 0 "without --ops the operators' server goes"
tt_is "$(grep -c 'listen 127.0.0.1:19180;' "$TT_DIR/plain-unix.conf")" 1 "--ops moves the operators' server"
tt_like "$(grep 'return 301' "$TT_DIR/tls-unix.conf")" 'https://\$host:18443\$request_uri' \
	"the redirect names the TLS port"
tt_is "$(grep -v -E "^ *#" "$TT_DIR/tls-unix.conf" | grep -o -E "/(etc|var|run)/[^ ;]*" | sort -u)" /etc/nginx/fastcgi_params \
	"no path outside the prefix is left but /etc/nginx/fastcgi_params"

# The example itself keeps its promises.
tt_ok "the example includes fastcgi_params" grep -q 'include /etc/nginx/fastcgi_params;' "$ex"
dups=$(grep -o '^ *fastcgi_param *[A-Z_]*' "$ex" | awk '{print $2}' | while read -r k; do
	grep -q -E "^fastcgi_param +$k " /etc/nginx/fastcgi_params && echo "$k"; done)
tt_is "$dups" "" "the example repeats no parameter of fastcgi_params (HTTPS would be sent twice)"
tt_ok "the example passes REQUEST_ID" grep -q 'fastcgi_param REQUEST_ID \$request_id;' "$ex"
# A request that kills the worker serving it must not be replayed across
# the whole pool: one retry after a failure, no more.
tt_ok "the example retries a failed request once at most" \
	grep -q '^ *fastcgi_next_upstream_tries 2;' "$ex"
tt_ok "the worker is told nginx's scheme (or a listed proxy's), never a client's" \
	grep -q '^ *fastcgi_param HTTP_X_FORWARDED_PROTO \$ttt_forwarded_proto;' "$ex"
tt_ok "limit_req answers 429" grep -q 'limit_req_status 429;' "$ex"
# Kept connections: nginx must always close an idle one first, so its
# upstream keepalive_timeout stays below the worker's idle_timeout.
tt_ok "kept FastCGI connections: fastcgi_keep_conn on and an upstream keepalive" \
	bash -c 'grep -Eq "^ *fastcgi_keep_conn on;" "$1" && grep -Eq "^ *keepalive +[0-9]+;" "$1"' _ "$ex"
nginx_idle=$(sed -n 's/^ *keepalive_timeout \([0-9]*\)s;.*/\1/p' "$ex" | tail -n 1)
worker_idle=$(sed -n 's/^idle_timeout = \([0-9]*\)$/\1/p' conf/ttt-fcgi.conf)
tt_ok "the upstream keepalive_timeout (${nginx_idle}s) is below the worker's idle_timeout (${worker_idle}s)" \
	test -n "$nginx_idle" -a -n "$worker_idle" -a "${nginx_idle:-0}" -lt "${worker_idle:-0}"
# The second chance: nginx's own 502 goes to the fresh-connection location,
# which has the FastCGI settings of location / (its error pages aside) and
# answers its own 502 with the JSON page.
fastcgi_body() {	# fastcgi_body UPSTREAM: the directives of the location passing to it, but comments, error_page
	awk -v pass="            fastcgi_pass $1;" '$0 == pass { on = 1; next } on && /^        }/ { exit } on' "$ex" |
		sed -e 's/#.*//' -e '/^ *$/d' -e 's/^ *//' | grep -v -E '^(fastcgi_pass|error_page) '
}
tt_ok "the server sends nginx's 502 to a retry on a new connection" \
	grep -q -E '^        error_page 502 = @ttt_fcgi_fresh;' "$ex"
tt_ok "... recursive_error_pages on, so the retry's own 502 gets the JSON page" \
	grep -q -E '^        recursive_error_pages on;' "$ex"
tt_is "$(fastcgi_body ttt_fcgi_fresh)" "$(fastcgi_body ttt_fcgi)" \
	"the retry location has the FastCGI settings of location / (parameters, timeouts, retries)"
tt_is "$(awk '/location @ttt_fcgi_fresh/ { on = 1 } on && /error_page/ { print $2, $3 } on && /^        }/ { exit }' "$ex" | tr '\n' ' ')" \
	"500 /_errors/500.json; 502 /_errors/502.json; 504 /_errors/504.json; " \
	"... and JSON pages for the errors it can meet (500, 502, 504)"
tt_ok "client_max_body_size matches the worker's 16384" grep -q 'client_max_body_size 16k;' "$ex"

# Refusals.
tt_ok "refuses an address without a host part" bash -c '! "$1" --prefix /tmp/x --http 8080 2>/dev/null' _ "$r"
tt_ok "refuses --https without a certificate" bash -c '! "$1" --prefix /tmp/x --https 127.0.0.1:1 2>/dev/null' _ "$r"
sed 's/listen 443 ssl backlog=4096;/listen 443 ssl http2 backlog=4096;/' "$ex" >"$TT_DIR/edited.example"
tt_ok "fails loudly when the example no longer matches" bash -c \
	'! "$1" --prefix /tmp/x --http 127.0.0.1:1 "$2" >/dev/null 2>&1' _ "$r" "$TT_DIR/edited.example"

tt_done
