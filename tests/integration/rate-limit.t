#!/bin/bash
# rate-limit.t - nginx.conf.example's limits for ChatGPT: one conversation
# (openai-conversation-id) cannot hammer the service, while many
# conversations behind one egress address are served; a per-address ceiling
# still holds, and so does the connection limit (its 429 names
# connections_per_address); a health check is never throttled by the
# traffic of its own address, and has a limit of its own; IPv6 clients are
# keyed by their /64; every 429 is JSON with Retry-After.
source "$(dirname "$0")/../lib/stack.sh"
tt_init

# conv_burst N PREFIX [SAME]: N requests at once (100 in flight) to
# GET / (cheap, and under the limits); each with its own conversation id PREFIX-i, or all with
# PREFIX when SAME is given.  Prints "STATUS COUNT" lines; "STATUS
# RETRY-AFTER BODY-FILE" per answer go to $TT_DIR/last-burst.
conv_burst() {
	local n=$1 prefix=$2 same=${3:-} i cfg=$TT_DIR/burst.curl id d
	d=$(mktemp -d "$TT_DIR/burst.XXXXXX")
	{
		echo "parallel"
		echo "parallel-max = 100"
		for i in $(seq 1 "$n"); do
			id=$prefix-$i
			[ -z "$same" ] || id=$prefix
			[ "$i" = 1 ] || echo "next"
			echo "url = \"$TT_URL/\""
			echo "header = \"openai-conversation-id: $id\""
			echo "output = \"$d/b$i\""
			echo "write-out = \"%{http_code} %header{retry-after} %{filename_effective}\\n\""
			echo "max-time = 20"
			echo "cacert = \"$TT_CERT\""
		done
	} >"$cfg"
	curl -sS -K "$cfg" >"$TT_DIR/last-burst" 2>"$TT_DIR/burst.err" || true
	cut -d' ' -f1 "$TT_DIR/last-burst" | sort | uniq -c | awk '{print $2, $1}'
}
# every_429_is_json: each 429 of the last burst has a JSON error body.
every_429_is_json() {
	local code retry f
	while read -r code retry f; do
		[ "$code" = 429 ] || continue
		jq -e '.error | test("wait")' "$f" >/dev/null 2>&1 || return 1
	done <"$TT_DIR/last-burst"
}
count() { awk -v s="$1" '$1 == s {print $2}' <<<"$2"; }

# ---------------------------------------------------------------- production numbers
tt_stack_start

counts=$(conv_burst 200 "many-$RANDOM")
tt_diag "200 conversations from one address: $(tr '\n' ' ' <<<"$counts")"
tt_is "$(count 200 "$counts")" 200 "200 quick requests, each its own conversation, are all served"

counts=$(conv_burst 100 "hammer-$RANDOM" same)
tt_diag "one conversation, 100 at once: $(tr '\n' ' ' <<<"$counts")"
n200=$(count 200 "$counts") n429=$(count 429 "$counts")
tt_ok "one conversation hammering is throttled (429)" test "${n429:-0}" -ge 1
tt_ok "it is served at least its burst allowance (31)" test "${n200:-0}" -ge 31
tt_is "$(awk '$1 == 429 {print $2}' "$TT_DIR/last-burst" | sort -u)" 1 "every 429 says Retry-After: 1"
tt_ok "every 429 is JSON with an error sentence" every_429_is_json

tt_request GET / -H "openai-conversation-id: hammer-$RANDOM-other"
tt_is "$TT_STATUS" 200 "another conversation from the same address is still served"

# Without a usable conversation id the address is the key: ids that are
# too long cannot mint a fresh bucket each.
long=$(head -c 200 /dev/zero | tr '\0' 'a')
counts=$(conv_burst 60 "$long")
tt_diag "60 requests with 200-character ids: $(tr '\n' ' ' <<<"$counts")"
tt_ok "ids over 128 characters share the address's bucket (429 within 60)" \
	test "$(count 429 "$counts")" -ge 1

conf=$TT_DIR/nginx.conf
tt_ok "the shipped server block limits connections per address" \
	grep -Eq '^ *limit_conn ttt_conn_per_client [0-9]+;' "$conf"
tt_ok "a connection over the limit is a 429 too" grep -q 'limit_conn_status 429;' "$conf"

# ---------------------------------------------------------------- connections per address
# The shipped site with limit_conn at 1: a POST whose body trickles in holds
# the one slot, a second request meanwhile gets the 429 that names
# connections_per_address (not the rate limits).
sed -i 's/^\( *limit_conn ttt_conn_per_client\) [0-9]*;/\1 1;/' "$conf"
nginx -p "$TT_DIR/nginx/" -c "$conf" -e "$TT_DIR/nginx/error.log" -s reload
sleep 1	# the new workers take over
head -c 600 /dev/zero | tr '\0' ' ' >"$TT_DIR/slow.body"
curl -s -o /dev/null --max-time 20 --cacert "$TT_CERT" --limit-rate 200 \
	-H 'Content-Type: application/json' --data-binary @"$TT_DIR/slow.body" \
	"$TT_URL/human_move" &
slow_pid=$!
TT_EXTRA_PIDS+=" $slow_pid"
sleep 1
# (GET /, not /healthz: health checks have limits of their own, below.)
tt_request GET / -H "openai-conversation-id: conn-$RANDOM"
tt_is "$TT_STATUS" 429 "a second request while the one connection slot is taken: 429"
tt_jq '.error | test("\\(connections_per_address: ")' "... naming connections_per_address"
tt_kill_wait "$slow_pid" 2

# ---------------------------------------------------------------- the per-address ceiling
# Rendered with both zones at 1r/s, burst 50: distinct conversations pass
# the first limit, the address ceiling stops them.
tt_nginx_stop
TT_RATE=1r/s TT_BURST=50
tt_nginx_start
counts=$(conv_burst 120 "ceiling-$RANDOM")
tt_diag "120 conversations, ceiling 1r/s burst 50: $(tr '\n' ' ' <<<"$counts")"
n200=$(count 200 "$counts") n429=$(count 429 "$counts")
tt_ok "the per-address ceiling throttles many conversations from one address" \
	test "${n429:-0}" -ge 1 -a "${n200:-0}" -ge 51
tt_is "$(awk '$1 != 200 && $1 != 429' <<<"$counts")" "" "the ceiling answers only 200 and 429"

# ---------------------------------------------------------------- health checks
# A monitor polls /healthz from the address that also sends a burst of
# 2,000 requests (production numbers again): it must see 200 each time.
tt_nginx_stop
TT_RATE="" TT_BURST=""
tt_nginx_start
monitor() {	# every 0.2 s until $TT_DIR/monitor.stop exists: "CODE SECONDS"
	while [ ! -e "$TT_DIR/monitor.stop" ]; do
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 5 \
			--cacert "$TT_CERT" "$TT_URL/healthz"
		sleep 0.2
	done >"$TT_DIR/monitor.out"
}
monitor &
mpid=$!
TT_EXTRA_PIDS+=" $mpid"
sleep 0.5
counts=$(conv_burst 2000 "flood-$RANDOM")
sleep 0.5
touch "$TT_DIR/monitor.stop"
wait "$mpid"
tt_diag "2,000 requests from the monitor's address: $(tr '\n' ' ' <<<"$counts")"
tt_ok "the burst was throttled (429), so the address was over its limits" \
	test "$(count 429 "$counts")" -ge 1
polls=$(wc -l <"$TT_DIR/monitor.out")
tt_ok "the monitor polled /healthz throughout ($polls times)" test "$polls" -ge 5
tt_is "$(awk '$1 != 200' "$TT_DIR/monitor.out" | sort | uniq -c | tr -s ' ')" "" \
	"the monitor got 200 every time, never a 429"
# Its own rule: 10 r/s with bursts of 50 per address, so /healthz is no
# way around the limits.
d=$(mktemp -d "$TT_DIR/hburst.XXXXXX")
args=()
for i in $(seq 1 200); do args+=(-o "$d/b$i" "$TT_URL/healthz"); done
counts=$(curl -s --no-progress-meter --parallel --parallel-max 50 --max-time 20 --cacert "$TT_CERT" \
	-w '%{http_code}\n' "${args[@]}" 2>/dev/null | sort | uniq -c | awk '{print $2, $1}')
tt_diag "200 health checks at once: $(tr '\n' ' ' <<<"$counts")"
tt_ok "a flood of health checks is throttled by their own limit" \
	test "$(count 429 "$counts")" -ge 1 -a "$(count 200 "$counts")" -ge 51

# ---------------------------------------------------------------- the keys
# The example's two maps in a small nginx that echoes the keys for an
# address given in a header, so IPv6 keying is checked without IPv6 peers.
keys_conf=$TT_DIR/keys.conf kport=$(tt_free_port)
mkdir -p "$TT_DIR/keys"
{
	echo "pid $TT_DIR/keys/nginx.pid; error_log $TT_DIR/keys/error.log;"
	echo "events {} http { access_log off;"
	for t in client_body fastcgi proxy uwsgi scgi; do echo "${t}_temp_path $TT_DIR/keys/$t;"; done
	sed -n '/^    map \$remote_addr \$ttt_client {/,/^    }/p' "$TT_REPO/nginx.conf.example" |
		sed -e 's/map \$remote_addr /map $http_x_test_addr /' \
		    -e 's/^\( *default  *\)\$remote_addr;/\1$http_x_test_addr;/'
	sed -n '/^    map \$http_openai_conversation_id \$ttt_conversation {/,/^    }/p' "$TT_REPO/nginx.conf.example"
	echo "server { listen 127.0.0.1:$kport; location / { return 200 \"\$ttt_conversation\"; } } }"
} >"$keys_conf"
nginx -p "$TT_DIR/keys/" -c "$keys_conf" -e "$TT_DIR/keys/error.log" -g 'daemon off;' \
	</dev/null >/dev/null 2>&1 &
TT_EXTRA_PIDS="$!"
for _ in $(seq 1 50); do
	[ -z "$(ss -Htln "( sport = :$kport )")" ] || break
	sleep 0.05
done
key() { curl -s --max-time 5 -H "X-Test-Addr: $1" ${2:+-H "openai-conversation-id: $2"} "http://127.0.0.1:$kport/"; }
while read -r addr want; do
	tt_is "$(key "$addr")" "a:$want" "address $addr is keyed as $want"
done <<'EOF_KEYS'
192.0.2.7 192.0.2.7
::ffff:192.0.2.7 192.0.2.7
2001:db8:1:2:3:4:5:6 2001:db8:1:2::/64
2001:db8:1:2::1 2001:db8:1:2::/64
2001:db8:1:2:ffff:ffff:ffff:ffff 2001:db8:1:2::/64
2001:db8:1:3::1 2001:db8:1:3::/64
2001:db8:1::5 2001:db8:1:0::/64
2001:db8::1 2001:db8:0:0::/64
2001:db8::1:2:3:4 2001:db8:0:0::/64
::1 ::/64
EOF_KEYS
tt_is "$(key 2001:db8:1:2::1 g-abc_123)" "c:g-abc_123" "a conversation id is the key when present"
tt_is "$(key 2001:db8:1:2::1 'a b')" "a:2001:db8:1:2::/64" "an id with a space falls back to the address"

tt_done
