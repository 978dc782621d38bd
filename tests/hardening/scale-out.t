#!/bin/bash
# scale-out.t - two worker "hosts", each a network namespace made by this
# test (a veth pair, 10.213.N.0/30: .1 on our side, .2 in the namespace),
# each running a spawn-fcgi + multiwatch pool on TCP 10.213.N.2:9000; nginx
# balances across both with nginx.conf.example's multi-host variant
# (conf/render-nginx --upstream, max_fails=2 fail_timeout=5s,
# fastcgi_next_upstream ... non_idempotent).  Under 35 s of wrk load:
#   t=5  host 1's pool is killed (kill -9)   t=10 it is started again
#   t=15 host 2's link goes down (its side of the veth: packets to it are
#        dropped, nginx's connect times out), but not before host 1
#        has served again   5 s later back up, and 10 s more of load
# The client must see zero failed requests, the survivor must carry the
# load while the other is down, and each host must take traffic again once
# it is back (counted from $upstream_addr in nginx's access log and from
# the hosts' own worker logs).  No namespaces: the test fails and says so.
set -u
source "$(dirname "$0")/../lib/stack.sh"
source "$(dirname "$0")/lib.sh"
command -v wrk >/dev/null || tt_bail "wrk is missing (make deps)"
TT_RATE=1000000r/s TT_BURST=1000000
tt_init

tag=$$
oct=$((200 + tag % 25 * 2))	# 10.213.200-249.x: this run's own pair of /30s
NS=() HOSTVETH=() ADDR=() POOLPID=()
so_cleanup() {
	local i p
	for i in 1 2; do
		p=${POOLPID[$i]:-}
		[ -z "$p" ] || kill_host "$i"
		[ -z "${HOSTVETH[$i]:-}" ] || ip link del "${HOSTVETH[$i]}" 2>/dev/null
		[ -z "${NS[$i]:-}" ] ||
			ip route del unreachable "10.213.$((oct + i - 1)).0/30" metric 4000 2>/dev/null
		[ -z "${NS[$i]:-}" ] || ip netns del "${NS[$i]}" 2>/dev/null
	done
	return 0
}
trap 'rc=$?; so_cleanup; (exit $rc); tt_cleanup' EXIT

# ---- the hosts
if ! err=$(ip netns add "ttt-so-$tag-probe" 2>&1); then
	tt_fail "network namespaces are unavailable here (ip netns add: $err); this test needs root and CAP_SYS_ADMIN and does not pass without them"
	tt_done
fi
ip netns del "ttt-so-$tag-probe"
tt_worker_conf
tt_worker_copy	# spawn-fcgi -u nobody runs $TT_DIR/bin/ttt-fcgi
hl_multiwatch_retries 1000
for i in 1 2; do
	NS[$i]=ttt-so-$tag-$i HOSTVETH[$i]=tso${tag}h$i
	ADDR[$i]=10.213.$((oct + i - 1)).2
	ip netns add "${NS[$i]}" || tt_bail "ip netns add ${NS[$i]} failed"
	ip link add "${HOSTVETH[$i]}" type veth peer name "tso${tag}n$i" || tt_bail "veth failed"
	ip link set "tso${tag}n$i" netns "${NS[$i]}"
	ip addr add "10.213.$((oct + i - 1)).1/30" dev "${HOSTVETH[$i]}"
	# Should the veth route ever vanish, the host's address must fail here
	# rather than follow the default route out of this machine.
	ip route add unreachable "10.213.$((oct + i - 1)).0/30" metric 4000
	ip link set "${HOSTVETH[$i]}" up
	ip netns exec "${NS[$i]}" ip link set lo up
	ip netns exec "${NS[$i]}" ip addr add "${ADDR[$i]}/30" dev "tso${tag}n$i"
	ip netns exec "${NS[$i]}" ip link set "tso${tag}n$i" up
done

# start_host I: the pool of host I, on its namespace's address only
start_host() {
	local i=$1 creds=()
	[ "$(id -u)" -ne 0 ] || creds=(-u nobody -g nogroup)
	# Started from a subshell: not a job of this shell, so its kill -9 is
	# not announced on stderr ("Killed ...").
	( ip netns exec "${NS[$i]}" spawn-fcgi -n -a "${ADDR[$i]}" -p 9000 "${creds[@]}" -- \
		"$(command -v multiwatch)" -f 2 -- "$TT_DIR/bin/ttt-fcgi" -c "$TT_CONF" \
		</dev/null >>"$TT_DIR/host$i.log" 2>&1 &
	  echo $! >"$TT_DIR/host$i.pid" )
	POOLPID[$i]=$(cat "$TT_DIR/host$i.pid")
	local t=100
	while [ $t -gt 0 ]; do
		[ "$(pgrep -P "${POOLPID[$i]}" | wc -l)" -ge 2 ] &&
			ip netns exec "${NS[$i]}" ss -Htln "( sport = :9000 )" | grep -q . && return 0
		sleep 0.05; t=$((t - 1))
	done
	tt_bail "host $i's pool did not start: $(tail -n 5 "$TT_DIR/host$i.log")"
}
# kill_host I: kill -9 the whole pool.  multiwatch first, or it forks a
# replacement for a killed worker that outlives it and keeps the port.
kill_host() {
	local p=${POOLPID[$1]} kids
	kids=$(pgrep -P "$p")
	kill -KILL "$p" 2>/dev/null
	# shellcheck disable=SC2086
	kill -KILL $kids $(pgrep -P "$p") 2>/dev/null
	local t=50
	while [ $t -gt 0 ] && kill -0 "$p" 2>/dev/null; do sleep 0.05; t=$((t - 1)); done
	POOLPID[$1]=""
}
start_host 1
start_host 2
TT_UPSTREAMS=("${ADDR[1]}:9000" "${ADDR[2]}:9000")
tt_stack_start
access=$TT_DIR/nginx/access.log
tt_ok "nginx balances across both hosts (rendered upstream lists ${ADDR[1]} and ${ADDR[2]})" \
	grep -q "server ${ADDR[2]}:9000 max_fails" "$TT_DIR/nginx.conf"

# ---- the load and the timeline
# final upstream of each proxied request line in [from, to): the last
# address in $upstream_addr (earlier ones were tried and failed)
served_by() {
	sed -n "$(($1 + 1)),$2p" "$access" | grep -a 'human_move' |
		sed -n 's/.* up=\(.*\) ust=.*/\1/p' | awk -F', ' '{print $NF}' | grep -cxF "$3:9000"
}
mark() { wc -l <"$access"; }
hl_wrk 35 8 "$HL_DIR/move.lua" "$TT_URL" &
wrk_pid=$!
sleep 5;  m1=$(mark); kill_host 1;         t_kill=$(date +%s)
sleep 5;  m2=$(mark); start_host 1;        t_back=$(date +%s)
# nginx takes host 1 back only when its fail_timeout (5 s) runs out and a
# probe succeeds; host 2 goes down 5 s after host 1's restart, but not
# before host 1 has served again, or a busy machine could leave nginx for
# a moment with no host it trusts.
for _ in $(seq 1 80); do
	[ "$(served_by "$m2" "$(mark)" "${ADDR[1]}")" -gt 0 ] && break
	sleep 0.1
done
while [ "$(date +%s)" -lt $((t_back + 5)) ]; do sleep 0.1; done
m3=$(mark); ip netns exec "${NS[2]}" ip link set "tso${tag}n2" down; t_down=$(date +%s)
sleep 5;  m4=$(mark); ip netns exec "${NS[2]}" ip link set "tso${tag}n2" up;   t_up=$(date +%s)
wait "$wrk_pid"
m5=$(mark)
hl_wrk_parse "$TT_DIR/wrk.out"

# served_during FROM TO ADDR: requests whose final upstream was ADDR and
# that nginx logged in the whole seconds strictly between FROM and TO.
served_during() {
	local t pats=$TT_DIR/secs
	: >"$pats"
	for ((t = $1 + 1; t < $2; t++)); do
		LC_ALL=C date -d "@$t" '+[%d/%b/%Y:%H:%M:%S ' >>"$pats"
	done
	[ -s "$pats" ] || { echo 0; return; }
	grep -aF -f "$pats" "$access" | grep -a human_move |
		sed -n 's/.* up=\(.*\) ust=.*/\1/p' | awk -F', ' '{print $NF}' | grep -cxF "$3:9000"
}
total() { sed -n "$(($1 + 1)),$2p" "$access" | grep -c 'human_move'; }
h1a=$(served_by 0 "$m1" "${ADDR[1]}") h2a=$(served_by 0 "$m1" "${ADDR[2]}")
h1b=$(served_by "$((m1 + 0))" "$m2" "${ADDR[1]}") h2b=$(served_by "$m1" "$m2" "${ADDR[2]}")
h1c=$(served_by "$m2" "$m3" "${ADDR[1]}") h2c=$(served_by "$m2" "$m3" "${ADDR[2]}")
h1d=$(served_by "$m3" "$m4" "${ADDR[1]}") h2d=$(served_by "$m3" "$m4" "${ADDR[2]}")
h1e=$(served_by "$m4" "$m5" "${ADDR[1]}") h2e=$(served_by "$m4" "$m5" "${ADDR[2]}")
retried=$(grep -c 'human_move.* up=[^ ]*, ' "$access")
tt_diag "requests served by host1/host2:" \
	"  0-5 s  both up:        $h1a / $h2a" \
	"  5-10 s host 1 killed:  $h1b / $h2b" \
	" 10-15 s host 1 back:    $h1c / $h2c" \
	" 15-20 s host 2 link down: $h1d / $h2d" \
	" 20-35 s host 2 link up: $h1e / $h2e" \
	"wrk: $HL_REQS requests ($HL_RPS/s), non-2xx $HL_NON2XX, socket errors $HL_SOCKERR; nginx retried $retried on the other host"

# On failure, say which statuses nginx gave (stderr: visible without -v).
if [ "$HL_NON2XX" != 0 ]; then
	grep -a human_move "$access" | awk '{for (i = 1; i <= NF; i++) if ($i ~ /^HTTP\//) {print $(i + 1); break}}' |
		sort | uniq -c | sed 's/^/# scale-out statuses: /' >&2
	grep -a human_move "$access" | grep -av '" 200 ' | head -5 | sed 's/^/# /' >&2
fi
tt_ok "wrk completed requests ($HL_REQS)" test "$HL_REQS" -gt 1000
tt_is "$HL_NON2XX" 0 "zero failed (non-2xx) requests while hosts went down and came back"
tt_is "$HL_SOCKERR" 0 "zero socket errors at the client"
tt_ok "both hosts served while both were up ($h1a / $h2a)" test "$h1a" -gt 0 -a "$h2a" -gt 0
tt_ok "host 2 carried the load while host 1's pool was dead ($h2b requests)" test "$h2b" -gt 0
tt_is "$(served_during "$t_kill" "$t_back" "${ADDR[1]}")" 0 \
	"host 1 served nothing once its pool was dead"
tt_ok "host 1 took traffic again after its pool restarted ($h1c, then $h1e)" \
	test "$((h1c + h1e))" -gt 0
tt_ok "host 1 carried the load while host 2's link was down ($h1d requests)" test "$h1d" -gt 0
tt_is "$(served_during "$t_down" "$t_up" "${ADDR[2]}")" 0 \
	"host 2 served nothing while its link was down"
tt_ok "host 2 took traffic again after its link came back ($h2e requests)" test "$h2e" -gt 0
n1=$(grep -c 'start version' "$TT_DIR/host1.log")
tt_ok "host 1's own log shows a second generation of workers ($n1 worker starts)" test "$n1" -ge 4
since=$(date -u -d "@$((t_kill + 1))" +%Y-%m-%dT%H:%M:%S)
after=$(grep 'path="/human_move"' "$TT_DIR/host1.log" | awk -v t="$since" '$1 > t { n++ } END { print n + 0 }')
tt_ok "host 1's restarted workers logged requests ($after)" test "$after" -gt 0
[ -z "${SO_DEBUG:-}" ] || { echo "# marks $m1 $m2 $m3 $m4 $m5"; cp "$access" /tmp/so-access.log; }
tt_done
