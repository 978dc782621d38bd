#!/bin/bash
# install.t - `make install` with DESTDIR and PREFIX puts the binary, the
# configuration, the nginx site and snippets, the systemd units (rendered
# with the paths actually used), the man pages and the docs where a sysadmin
# looks for them; a second install never overwrites an edited configuration
# (the new one goes beside it as .dist); `make uninstall` removes everything
# but the configuration.
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
D=$(mktemp -d /tmp/ttt-install-t.XXXXXX)
trap 'rm -rf "$D" "$D.log"' EXIT
minst() { env -u MAKEFLAGS make -s "$@" DESTDIR="$D" PREFIX=/opt/ttt SYSUSERSDIR=/opt/ttt/lib/sysusers.d >"$D.log" 2>&1; }

minst install
rc=$?
tt_ok "make install DESTDIR=... PREFIX=/opt/ttt succeeds" [ "$rc" = 0 ]
[ "$rc" = 0 ] || sed 's/^/# /' "$D.log"
tt_ok "the worker is installed executable in PREFIX/sbin" [ -x "$D/opt/ttt/sbin/ttt-fcgi" ]
tt_ok "post-board is installed as PREFIX/bin/ttt-post-board" [ -x "$D/opt/ttt/bin/ttt-post-board" ]
tt_ok "the reload helper is in PREFIX/libexec/ttt-fcgi" [ -x "$D/opt/ttt/libexec/ttt-fcgi/reload-workers" ]
tt_ok "the example config goes to /etc/ttt-fcgi" [ -f "$D/etc/ttt-fcgi/ttt-fcgi.conf" ]
tt_ok "the nginx site and both snippets go to /etc/nginx" \
	bash -c "[ -f '$D/etc/nginx/sites-available/ttt-fcgi' ] && [ -f '$D/etc/nginx/snippets/ttt-fcgi-server.conf' ] && [ -f '$D/etc/nginx/snippets/ttt-fcgi-fastcgi.conf' ]"
u=$D/lib/systemd/system
tt_ok "the systemd units are installed" \
	bash -c "[ -f '$u/ttt-fcgi.service' ] && [ -f '$u/ttt-fcgi.socket' ] && [ -f '$u/ttt-fcgi-spawn.service' ]"
tt_ok "the units run the installed binary (PREFIX/sbin)" \
	grep -q '^	/opt/ttt/sbin/ttt-fcgi -c /etc/ttt-fcgi/ttt-fcgi.conf$' "$u/ttt-fcgi.service"
tt_ok "no unit names /usr/local or a placeholder" \
	bash -c "! grep -n -E '/usr/local|@[A-Z]+@' '$u'/ttt-fcgi*.service"
tt_ok "the reload helper path in the unit is the installed one" \
	grep -q '^ExecReload=/opt/ttt/libexec/ttt-fcgi/reload-workers \$MAINPID' "$u/ttt-fcgi.service"
tt_ok "sysusers.d entry for the ttt-fcgi user" grep -q '^u ttt-fcgi ' "$D/opt/ttt/lib/sysusers.d/ttt-fcgi.conf"
tt_ok "man pages in sections 1, 5 and 8" \
	bash -c "[ -f '$D/opt/ttt/share/man/man1/ttt-post-board.1' ] && [ -f '$D/opt/ttt/share/man/man5/ttt-fcgi.conf.5' ] && [ -f '$D/opt/ttt/share/man/man8/ttt-fcgi.8' ]"
tt_ok "nginx.conf.example and the READMEs are in the doc dir" \
	bash -c "[ -f '$D/opt/ttt/share/doc/ttt-fcgi/nginx.conf.example' ] && [ -f '$D/opt/ttt/share/doc/ttt-fcgi/README.md' ]"
tt_ok "the installed binary accepts the installed config" \
	bash -c "'$D/opt/ttt/sbin/ttt-fcgi' -c '$D/etc/ttt-fcgi/ttt-fcgi.conf' --check-config >/dev/null"

# An admin edits the configuration and the site; a second install keeps both.
echo 'title = Edited By Admin' >>"$D/etc/ttt-fcgi/ttt-fcgi.conf"
echo '# edited by admin' >>"$D/etc/nginx/sites-available/ttt-fcgi"
minst install
tt_ok "a second make install succeeds" [ $? = 0 ]
tt_ok "the edited configuration is kept" grep -q '^title = Edited By Admin' "$D/etc/ttt-fcgi/ttt-fcgi.conf"
tt_ok "the new configuration goes beside it as .dist" \
	bash -c "cmp -s conf/ttt-fcgi.conf '$D/etc/ttt-fcgi/ttt-fcgi.conf.dist'"
tt_ok "install says so" grep -q 'kept .*ttt-fcgi.conf; the new version is .*ttt-fcgi.conf.dist' "$D.log"
tt_ok "the edited nginx site is kept, the new one is .dist" \
	bash -c "grep -q '# edited by admin' '$D/etc/nginx/sites-available/ttt-fcgi' && [ -f '$D/etc/nginx/sites-available/ttt-fcgi.dist' ]"
tt_ok "an unchanged snippet gets no .dist" [ ! -e "$D/etc/nginx/snippets/ttt-fcgi-server.conf.dist" ]

minst uninstall
tt_ok "make uninstall succeeds" [ $? = 0 ]
left=$(cd "$D" && find . -type f | sort | tr '\n' ' ')
tt_ok "uninstall leaves only the configuration (left: $left)" \
	[ "$left" = "./etc/nginx/sites-available/ttt-fcgi ./etc/nginx/snippets/ttt-fcgi-fastcgi.conf ./etc/nginx/snippets/ttt-fcgi-server.conf ./etc/ttt-fcgi/ttt-fcgi.conf " ]
tt_done
