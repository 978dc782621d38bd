#!/bin/bash
# deb.t - the Debian package on a booted Debian 12 with systemd as init.
#
# A minbase bookworm tree (tests/system/mkrootfs, cached under build/system/)
# is copied and booted with systemd-nspawn on a private network; commands
# run inside through nsenter.  There: dpkg -i the package, enable the nginx
# site, then check what an admin relies on:
#   - the socket and the service run, as the right users, with the right
#     socket owner and mode, in a sandbox systemd-analyze security scores
#     at most 0.8 (ttt-fcgi-spawn.service below 2.0); a full game over
#     HTTPS through Debian's nginx;
#     /docs names an https server;
#   - journal priorities: request lines are info, never warning or worse; a
#     failure is err;
#   - `systemctl reload` applies a changed configuration while a client loop
#     runs, with the same worker processes and no failed request; a broken
#     configuration fails the reload and changes nothing;
#   - `systemctl restart` under the same load: no failed request, the socket
#     unit untouched;
#   - an API key set in the conffile survives a reinstall (401 without, 200
#     with the key);
#   - a key file the service user cannot read: the start fails with a
#     journal line naming the file and the reason, and restarts stop;
#   - /metrics and /status on the site's loopback operators' server: the
#     pool's numbers under socket activation (both workers, the game's
#     moves, the socket's queue through sock_diag), the scoreboard in
#     /run/ttt-fcgi/pool, not public, no counter lower after a restart;
#   - dpkg --purge leaves no configuration and no unit.
#
# The container, the commands inside it and the load loop: tests/system/lib.sh.
#
#   TTT_DEB=build/ttt-fcgi_1.0.0_amd64.deb tests/system/deb.t   (make test sets it)
#   TT_KEEP=1   keep the directory (the container's console log is there)
set -u
cd "$(dirname "$0")/../.."
source tests/system/lib.sh
sys_prereqs
deb=${TTT_DEB:-$(ls build/ttt-fcgi_*.deb 2>/dev/null | tail -1)}
[ -f "$deb" ] || bail "no package: make deb (or set TTT_DEB)"
sys_boot
cp "$deb" "$D/root/root/ttt-fcgi.deb"

# ---- Install.
out=$(ct dpkg -i /root/ttt-fcgi.deb 2>&1)
is "$?" 0 "dpkg -i installs the package"
[ "$(ct dpkg-query -W -f='${Status}' ttt-fcgi)" = "install ok installed" ] || diag "$out"
is "$(ct systemctl is-enabled ttt-fcgi.socket ttt-fcgi.service | tr '\n' ' ')" "enabled enabled " \
	"the socket and the service are enabled"
wait_for 10 systemctl is-active --quiet ttt-fcgi.service
is "$(ct systemctl is-active ttt-fcgi.socket ttt-fcgi.service | tr '\n' ' ')" "active active " \
	"the socket and the service are started"
is "$(ct systemctl is-enabled ttt-fcgi-spawn.service 2>/dev/null)" "disabled" \
	"the spawn-fcgi variant is installed but not enabled"
is "$(ct stat -c '%U:%G %a' /run/ttt-fcgi/ttt-fcgi.sock)" "root:www-data 660" \
	"the socket is root:www-data 0660"
is "$(ct getent passwd ttt-fcgi | cut -d: -f6,7)" "/nonexistent:/usr/sbin/nologin" \
	"sysusers made the system user ttt-fcgi"
# The units' sandbox as this systemd scores it (tests/system/unit-security.t
# checks the same offline): the service at most 0.8, spawn-fcgi below 2.0.
exposure() {
	ct systemd-analyze security --no-pager "$1" 2>&1 |
		sed -n "s/^→ Overall exposure level for $1: \([0-9.]*\).*/\1/p"
}
sec=$(exposure ttt-fcgi.service)
like "$sec" '^0\.[0-8]$' "systemd-analyze security scores ttt-fcgi.service at most 0.8 ($sec)"
sec=$(exposure ttt-fcgi-spawn.service)
like "$sec" '^1\.[0-9]$|^0\.[0-9]$' "... and ttt-fcgi-spawn.service below 2.0 ($sec)"
mainpid=$(ct systemctl show -P MainPID ttt-fcgi.service)
workers=$(ct cat /proc/"$mainpid"/task/"$mainpid"/children 2>/dev/null | xargs)
users=$(for p in $mainpid $workers; do ct ps -o user= -p "$p"; done | sort -u | xargs)
is "$users" "ttt-fcgi" "multiwatch and its workers run as ttt-fcgi"
is "$(echo "$workers" | wc -w)" 2 "two workers (POOL_WORKERS=2)"
is "$(ct stat -c '%a' /etc/ttt-fcgi/ttt-fcgi.conf)" 644 "the configuration is installed"
like "$(ct cat /var/lib/dpkg/info/ttt-fcgi.conffiles | xargs)" \
	'^/etc/nginx/sites-available/ttt-fcgi /etc/nginx/snippets/ttt-fcgi-fastcgi.conf /etc/nginx/snippets/ttt-fcgi-server.conf /etc/ttt-fcgi/ttt-fcgi.conf$' \
	"the configuration, the site and the snippets are conffiles"
like "$(ct man -w ttt-fcgi.conf 2>&1; ct man -w 8 ttt-fcgi 2>&1; ct ls /usr/share/man/man1/)" \
	'ttt-post-board\.1' "the man pages are installed"

# ---- The nginx site: the admin's step.
ct ln -s /etc/nginx/sites-available/ttt-fcgi /etc/nginx/sites-enabled/
out=$(ct nginx -t 2>&1)
is "$?" 0 "nginx -t accepts the enabled site"
if grep -q '\[warn\]' <<<"$out"; then nok "nginx -t warns about nothing"; diag "$out"; else ok "nginx -t warns about nothing"; fi
ct systemctl reload nginx
is "$?" 0 "systemctl reload nginx"
wait_for 10 curl -skf --max-time 2 https://localhost/healthz
is "$(ct curl -sk --max-time 5 https://localhost/healthz)" '{"status":"ok"}' "https://localhost/healthz through Debian's nginx"

out=$(ct play-game https://localhost 2>&1)
rc=$?
is "$rc" 0 "a full game over HTTPS: every move answered 200"
like "$(tail -1 <<<"$out")" '^winner=(O|Draw) moves=[3-5]$' "the game ends, and the service does not lose"
[ "$rc" = 0 ] || diag "$out"
like "$(ct ttt-post-board -k https://localhost 'X........' 2>&1)" 'O' "ttt-post-board plays through the site"
url=$(ct curl -sk --max-time 5 https://localhost/docs | ct jq -r '.servers[0].url')
like "$url" '^https://' "/docs names an https server ($url)"
is "$(ct curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 5 -H 'Host: ttt.example.com' http://localhost/docs)" \
	"301 https://ttt.example.com/docs" "port 80 of the site redirects to https"

# ---- Metrics and status (the site's operators' server on 127.0.0.1:9180).
# val SERIES: one sample of the last scrape ($scrape).
val() { awk -v s="$1" '$1 == s { print $2 }' <<<"$scrape"; }
moves='ttt_requests_total{route="/human_move",code="200"}'
scrape=$(ct curl -s --max-time 5 http://127.0.0.1:9180/metrics)
is "$(val ttt_scoreboard_shared) $(val ttt_processes) $(val ttt_threads)" "1 2 4" \
	"/metrics: the pool's numbers from the shared scoreboard (2 workers x 2 threads)"
like "$(val "$moves")" '^[3-9]$|^[1-9][0-9]+$' "/metrics counted the game's moves ($(val "$moves"))"
backlog=$(ct systemctl show -P Backlog ttt-fcgi.socket)
is "$(val ttt_listen_queue_length)" "$backlog" \
	"the socket's backlog ($backlog, ttt-fcgi.socket) read through sock_diag under socket activation"
is "$(ct stat -c '%U %a' /run/ttt-fcgi/pool/scoreboard)" "ttt-fcgi 600" \
	"the scoreboard is /run/ttt-fcgi/pool/scoreboard, the service user's, 0600"
is "$(ct curl -s --max-time 5 http://127.0.0.1:9180/status | ct jq '.processes | length')" 2 \
	"/status lists the two workers"
is "$(ct curl -sk -o /dev/null -w '%{http_code}' --max-time 5 https://localhost/metrics)" 404 \
	"the public site answers /metrics 404"
moves_before=$(val "$moves")

# ---- Journal priorities.
ct journalctl --sync
info_lines=$(ct journalctl -u ttt-fcgi -p info..info -o cat | grep -c 'request method=' || true)
warn_lines=$(ct journalctl -u ttt-fcgi -p warning -o cat | grep -c 'request method=' || true)
like "$info_lines" '^[1-9]' "request lines are in the journal at priority info ($info_lines)"
is "$warn_lines" 0 "journalctl -u ttt-fcgi -p warning shows no request line"
line=$(ct journalctl -u ttt-fcgi -o cat | grep -m1 'request method=.*path="/healthz"')
if [[ -n $line && ! $line =~ [0-9]{4}-[0-9]{2}-[0-9]{2}T|ttt-fcgi\[[0-9]+\] ]]; then
	ok "a request line carries no timestamp or pid of its own (the journal has them)"
else
	nok "a request line carries no timestamp or pid of its own (the journal has them)"; diag "$line"
fi

# ---- Reload: a changed configuration, under load.
before_main=$(ct systemctl show -P MainPID ttt-fcgi.service)
before_workers=$(ct cat /proc/"$before_main"/task/"$before_main"/children | xargs)
load_start reload
ct sed -i 's/^title = .*/title = Reloaded Tic-Tac-Toe/' /etc/ttt-fcgi/ttt-fcgi.conf
out=$(ct systemctl reload ttt-fcgi 2>&1)
is "$?" 0 "systemctl reload ttt-fcgi succeeds"
[ -z "$out" ] || diag "$out"
load_stop reload
is "$LOAD_BAD" 0 "reload under load: no failed request ($LOAD_TOTAL requests: $LOAD_CODES)"
like "$LOAD_TOTAL" '^([3-9][0-9]|[1-9][0-9][0-9]+)$' "the client loops made requests throughout ($LOAD_TOTAL)"
is "$(ct curl -sk --max-time 5 https://localhost/docs | ct jq -r .info.title)" "Reloaded Tic-Tac-Toe" \
	"the reload applied the new title"
is "$(ct systemctl show -P MainPID ttt-fcgi.service)" "$before_main" "reload keeps multiwatch"
after_workers=$(ct cat /proc/"$before_main"/task/"$before_main"/children | xargs)
is "$after_workers" "$before_workers" "reload keeps the worker processes (they re-execute in place)"

# A broken configuration: the reload fails and the workers keep serving.
ct cp /etc/ttt-fcgi/ttt-fcgi.conf /root/good.conf
ct sh -c 'echo "body_limit = 12" >>/etc/ttt-fcgi/ttt-fcgi.conf'
out=$(ct systemctl reload ttt-fcgi 2>&1)
rc=$?
like "$rc" '^[1-9]' "a broken configuration fails systemctl reload"
is "$(ct systemctl is-active ttt-fcgi.service)" active "the service stays active"
is "$(ct cat /proc/"$before_main"/task/"$before_main"/children | xargs)" "$before_workers" \
	"the workers were left alone"
is "$(ct curl -sk --max-time 5 https://localhost/docs | ct jq -r .info.title)" "Reloaded Tic-Tac-Toe" \
	"they serve the last good configuration"
ct cp /root/good.conf /etc/ttt-fcgi/ttt-fcgi.conf

# ---- Restart, under the same load.
sock_since=$(ct systemctl show -P ActiveEnterTimestampMonotonic ttt-fcgi.socket)
load_start restart
out=$(ct systemctl restart ttt-fcgi 2>&1)
is "$?" 0 "systemctl restart ttt-fcgi succeeds"
load_stop restart
is "$LOAD_BAD" 0 "restart under load: no failed request ($LOAD_TOTAL requests: $LOAD_CODES)"
new_main=$(ct systemctl show -P MainPID ttt-fcgi.service)
if [ "$new_main" != "$before_main" ] && [ "$new_main" != 0 ]; then ok "restart started a new pool"; else nok "restart started a new pool"; fi
is "$(ct systemctl show -P ActiveEnterTimestampMonotonic ttt-fcgi.socket)" "$sock_since" \
	"the socket unit was not touched by the restart"
scrape=$(ct curl -s --max-time 5 http://127.0.0.1:9180/metrics)
if [ -n "$(val "$moves")" ] && [ "$(val "$moves")" -ge "$moves_before" ]; then
	ok "no counter lost across the restart (moves: $moves_before -> $(val "$moves"))"
else
	nok "no counter lost across the restart (moves: $moves_before -> $(val "$moves"))"
fi

# ---- The spawn-fcgi variant, in place of the default (Conflicts= swaps them).
ct systemctl start ttt-fcgi-spawn.service
wait_for 10 curl -skf --max-time 2 https://localhost/healthz
is "$(ct systemctl is-active ttt-fcgi-spawn.service ttt-fcgi.service ttt-fcgi.socket | xargs)" \
	"active inactive inactive" "starting ttt-fcgi-spawn stops the default pair"
is "$(ct stat -c '%U:%G %a' /run/ttt-fcgi/ttt-fcgi.sock)" "ttt-fcgi:www-data 660" \
	"spawn-fcgi's socket is ttt-fcgi:www-data 0660"
is "$(ct curl -sk -o /dev/null -w '%{http_code}' --max-time 5 https://localhost/healthz)" 200 \
	"the spawn-fcgi pool serves through nginx"
spawn_main=$(ct systemctl show -P MainPID ttt-fcgi-spawn.service)
spawn_workers=$(ct cat /proc/"$spawn_main"/task/"$spawn_main"/children | xargs)
ct systemctl reload ttt-fcgi-spawn.service
is "$?/$(ct cat /proc/"$spawn_main"/task/"$spawn_main"/children | xargs)" "0/$spawn_workers" \
	"its reload (config checked as ttt-fcgi via setpriv) keeps the workers"
ct systemctl start ttt-fcgi.socket ttt-fcgi.service
wait_for 10 curl -skf --max-time 2 https://localhost/healthz
is "$(ct systemctl is-active ttt-fcgi-spawn.service ttt-fcgi.service ttt-fcgi.socket | xargs)" \
	"inactive active active" "starting the default pair stops it again"

# ---- An API key in the conffile survives a reinstall.
key=k3y-$(date +%s%N)-abcdefghijkl
ct sh -c "umask 027; printf '%s\n' '$key' >/etc/ttt-fcgi/api_key; chgrp ttt-fcgi /etc/ttt-fcgi/api_key"
ct sed -i 's|^api_key_file *=.*|api_key_file = /etc/ttt-fcgi/api_key|' /etc/ttt-fcgi/ttt-fcgi.conf
ct systemctl reload ttt-fcgi
is "$?" 0 "reload with an API key file"
code() { ct curl -sk -o /dev/null -w '%{http_code}' --max-time 5 "$@" \
	-d '{"board":[["X"," "," "],[" "," "," "],[" "," "," "]]}' https://localhost/human_move; }
is "$(code)" 401 "without the key: 401"
is "$(code -H "Authorization: Bearer $key")" 200 "with the key: 200"
main1=$(ct systemctl show -P MainPID ttt-fcgi.service)
out=$(ct dpkg -i /root/ttt-fcgi.deb 2>&1)
is "$?" 0 "dpkg -i the same package again (an upgrade to the same version)"
like "$(ct grep '^api_key_file' /etc/ttt-fcgi/ttt-fcgi.conf)" 'api_key_file = /etc/ttt-fcgi/api_key' \
	"the edited conffile is kept"
wait_for 10 systemctl is-active --quiet ttt-fcgi.service
main2=$(ct systemctl show -P MainPID ttt-fcgi.service)
if [ "$main2" != "$main1" ] && [ "$main2" != 0 ]; then ok "the upgrade restarted the service"; else nok "the upgrade restarted the service"; fi
wait_for 10 curl -skf --max-time 2 https://localhost/healthz
is "$(code)" 401 "after the reinstall, without the key: 401"
is "$(code -H "Authorization: Bearer $key")" 200 "after the reinstall, with the key: 200"

# ---- A key file the service user cannot read.
ct chown root:root /etc/ttt-fcgi/api_key
ct chmod 0600 /etc/ttt-fcgi/api_key
cursor=$(ct journalctl -n 0 --show-cursor -o cat | sed -n 's/^-- cursor: //p')
ct systemctl restart ttt-fcgi >/dev/null 2>&1
is "$?" 1 "systemctl restart fails when the key file is unreadable for ttt-fcgi"
# RestartSec=2s and 5 starts a minute: the tries stop after about 10 s,
# and the unit settles in "failed" (between tries it is "auto-restart").
for t in $(seq 300); do
	sub=$(ct systemctl show -P SubState ttt-fcgi.service)
	[ "$sub" = failed ] && break
	sleep 0.1
done
r1=$(ct systemctl show -P NRestarts ttt-fcgi.service)
is "$sub" failed "the automatic restarts give up within 30 s (after $r1 restarts)"
like "$r1" '^[1-9]$' "it did retry, a bounded number of times ($r1)"
sleep 3
r2=$(ct systemctl show -P NRestarts ttt-fcgi.service)
is "$(ct systemctl is-active ttt-fcgi.service)/$r2" "failed/$r1" "it stays failed, no more restarts"
ct journalctl --sync
all=$(ct journalctl -u ttt-fcgi --after-cursor="$cursor" -o cat)
like "$all" '/etc/ttt-fcgi/api_key: Permission denied' "the journal names the file and the reason"
diag "$(grep -m1 'api_key' <<<"$all")"
errs=$(ct journalctl -u ttt-fcgi --after-cursor="$cursor" -p err -o cat)
like "$errs" '/etc/ttt-fcgi/api_key: Permission denied' "that line has priority err"
# Fixed, reset, started again.
ct chgrp ttt-fcgi /etc/ttt-fcgi/api_key
ct chmod 0640 /etc/ttt-fcgi/api_key
ct systemctl reset-failed ttt-fcgi.service ttt-fcgi.socket
ct systemctl start ttt-fcgi.socket ttt-fcgi.service
wait_for 10 curl -skf --max-time 2 https://localhost/healthz
is "$(code -H "Authorization: Bearer $key")" 200 "after the fix, reset-failed and start, it serves again"

# ---- Purge.
out=$(ct dpkg --purge ttt-fcgi 2>&1)
is "$?" 0 "dpkg --purge ttt-fcgi"
ct systemctl daemon-reload
left=$(ct sh -c 'ls -d /etc/ttt-fcgi /etc/nginx/sites-available/ttt-fcgi /etc/nginx/sites-enabled/ttt-fcgi \
	/etc/nginx/snippets/ttt-fcgi-* /lib/systemd/system/ttt-fcgi* /usr/lib/systemd/system/ttt-fcgi* \
	/usr/sbin/ttt-fcgi 2>/dev/null; find /etc/systemd -name "ttt-fcgi*"')
is "$left" "" "purge leaves no configuration, no unit, no link"
is "$(ct systemctl list-unit-files --no-legend 'ttt-fcgi*' | wc -l)" 0 "systemd knows no ttt-fcgi unit"
is "$(ct systemctl is-active ttt-fcgi.socket ttt-fcgi.service | tr '\n' ' ')" "inactive inactive " \
	"nothing of it runs"
ct nginx -t >/dev/null 2>&1
is "$?" 0 "nginx's configuration is still valid"

sys_done
