#!/bin/bash
# upgrade.t - an upgrade from the last release under load, on a booted
# Debian 12 with systemd as init (the container: tests/system/lib.sh).
#
# The 1.0.0 package is built from its release commit (tests/system/old-deb,
# cached in build/system/).  Inside the container: dpkg -i 1.0.0, enable the
# nginx site, edit the configuration file as an admin would, then dpkg -i
# the new package while client loops post moves through nginx.  Passes only
# if:
#   - no request failed (every answer is a 200, or a 429 from nginx's rate
#     limit, which is an answer too);
#   - the new version serves: dpkg's record, ttt-fcgi --version, the
#     footer of the home page the service sends, a new pool whose workers
#     run the new binary;
#   - the edited configuration file was kept, with no dpkg prompt, and the
#     new worker runs with it (a key the old file lacks has a default).
#
#   TTT_DEB=build/ttt-fcgi_1.1.0_amd64.deb tests/system/upgrade.t   (make test sets it)
#   TTT_OLD_COMMIT=9227b0b      the release to upgrade from (1.0.0)
#   TT_KEEP=1                   keep the container's directory
set -u
cd "$(dirname "$0")/../.."
source tests/system/lib.sh
sys_prereqs
: "${TTT_OLD_COMMIT:=9227b0b}"
deb=${TTT_DEB:-$(ls build/ttt-fcgi_*.deb 2>/dev/null | tail -1)}
[ -f "$deb" ] || bail "no package: make deb (or set TTT_DEB)"
new_version=$(dpkg-deb -f "$deb" Version)
t=$(date +%s)
old=$(tests/system/old-deb "$TTT_OLD_COMMIT" "$repo/build/system") ||
	bail "could not build the package of $TTT_OLD_COMMIT (see above)"
old_version=$(dpkg-deb -f "$old" Version)
diag "upgrade $old_version ($TTT_OLD_COMMIT) -> $new_version; old package ready in $(( $(date +%s) - t )) s"
if dpkg --compare-versions "$new_version" gt "$old_version"; then
	ok "the new package's version $new_version is above $old_version"
else
	nok "the new package's version $new_version is above $old_version"
fi

sys_boot
cp "$old" "$D/root/root/old.deb"
cp "$deb" "$D/root/root/new.deb"

# ---- The last release, installed and set up as the README says.
out=$(ct dpkg -i /root/old.deb 2>&1)
is "$?" 0 "dpkg -i the $old_version package"
[ "$(ct dpkg-query -W -f='${Status}' ttt-fcgi)" = "install ok installed" ] || diag "$out"
ct ln -s /etc/nginx/sites-available/ttt-fcgi /etc/nginx/sites-enabled/
ct systemctl reload nginx
wait_for 10 curl -skf --max-time 2 https://localhost/healthz
footer() { ct curl -sk --max-time 5 -H 'Accept: text/html' https://localhost/ | grep -o 'ttt-fcgi [0-9][0-9.]*' | head -n 1; }
is "$(footer)" "ttt-fcgi $old_version" "$old_version serves through the enabled site"

# The admin's edit: dpkg must keep it.
ct sed -i 's/^title = .*/title = Kept Tic-Tac-Toe/' /etc/ttt-fcgi/ttt-fcgi.conf
ct systemctl reload ttt-fcgi
is "$(ct curl -sk --max-time 5 https://localhost/docs | ct jq -r .info.title)" "Kept Tic-Tac-Toe" \
	"the edited configuration is in use"
conf_before=$(ct sha256sum /etc/ttt-fcgi/ttt-fcgi.conf)
main_before=$(ct systemctl show -P MainPID ttt-fcgi.service)

# ---- The upgrade, under load.  --force-confdef/--force-confold: what an
# unattended upgrade does; a prompt would wait on a terminal nobody watches.
load_start upgrade
out=$(ct dpkg -i --force-confdef --force-confold /root/new.deb 2>&1)
rc=$?
is "$rc" 0 "dpkg -i the new package over $old_version while clients play"
[ "$rc" = 0 ] || diag "$out"
load_stop upgrade
failed_requests=$(ct sh -c "cat /root/upgrade/codes.*" | grep -vcE '^(200|429)$')
is "$failed_requests" 0 "no failed request during the upgrade ($LOAD_TOTAL requests: $LOAD_CODES)"
like "$LOAD_TOTAL" '^([3-9][0-9]|[1-9][0-9][0-9]+)$' "the client loops made requests throughout ($LOAD_TOTAL)"

# ---- The new version serves.
is "$(ct dpkg-query -W -f='${Version} ${Status}' ttt-fcgi)" "$new_version install ok installed" \
	"dpkg records $new_version as installed"
is "$(ct ttt-fcgi --version)" "ttt-fcgi $new_version" "ttt-fcgi --version says $new_version"
wait_for 10 systemctl is-active --quiet ttt-fcgi.service
main_after=$(ct systemctl show -P MainPID ttt-fcgi.service)
if [ "$main_after" != "$main_before" ] && [ "$main_after" != 0 ]; then
	ok "the upgrade started a new pool"
else
	nok "the upgrade started a new pool ($main_before -> $main_after)"
fi
workers=$(ct cat /proc/"$main_after"/task/"$main_after"/children 2>/dev/null | xargs)
exes=$(for p in $workers; do ct readlink /proc/"$p"/exe; done | sort -u | xargs)
is "$exes" "/usr/sbin/ttt-fcgi" "its workers run the installed binary (not a deleted old one)"
wait_for 10 curl -skf --max-time 2 https://localhost/healthz
is "$(footer)" "ttt-fcgi $new_version" "the home page the service sends is $new_version's"

# ---- The edited configuration file was kept and works.
is "$(ct sha256sum /etc/ttt-fcgi/ttt-fcgi.conf)" "$conf_before" "the edited configuration file is kept as it was"
if grep -qE '\(Y/I/N/O/D/Z\)' <<<"$out"; then
	nok "dpkg asked no question about it"; diag "$out"
else
	ok "dpkg asked no question about it"
fi
out=$(ct runuser -u ttt-fcgi -- ttt-fcgi --check-config -c /etc/ttt-fcgi/ttt-fcgi.conf 2>&1)
is "$?" 0 "the new worker accepts the $old_version configuration file (new keys have defaults)"
[ "$failed" = 0 ] || diag "$out"
is "$(ct curl -sk --max-time 5 https://localhost/docs | ct jq -r .info.title)" "Kept Tic-Tac-Toe" \
	"and serves it"
ct test -e /etc/ttt-fcgi/ttt-fcgi.conf.dpkg-dist &&
	diag "the new default file is beside it: /etc/ttt-fcgi/ttt-fcgi.conf.dpkg-dist"
out=$(ct play-game https://localhost 2>&1)
is "$?" 0 "a full game after the upgrade: every move answered 200"
sys_done
