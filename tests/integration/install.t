#!/bin/bash
# install.t - `make install` with DESTDIR and PREFIX puts the binary, the
# example configuration, the systemd units and the docs where a sysadmin
# looks for them, and the installed binary runs and accepts the config.
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
D=$(mktemp -d /tmp/ttt-install-t.XXXXXX)
trap 'rm -rf "$D"' EXIT

env -u MAKEFLAGS make -s install DESTDIR="$D" PREFIX=/opt/ttt >"$D.log" 2>&1
rc=$?
tt_ok "make install DESTDIR=... PREFIX=/opt/ttt succeeds" [ "$rc" = 0 ]
tt_ok "the worker is installed executable in PREFIX/bin" [ -x "$D/opt/ttt/bin/ttt-fcgi" ]
tt_ok "the example config goes to /etc/ttt-fcgi" [ -f "$D/etc/ttt-fcgi/ttt-fcgi.conf" ]
tt_ok "the systemd units are installed" \
	bash -c "[ -f '$D/lib/systemd/system/ttt-fcgi.service' ] && [ -f '$D/lib/systemd/system/ttt-fcgi.socket' ] && [ -f '$D/lib/systemd/system/ttt-fcgi-pool.service' ]"
tt_ok "nginx.conf.example and the READMEs are in the doc dir" \
	bash -c "[ -f '$D/opt/ttt/share/doc/ttt-fcgi/nginx.conf.example' ] && [ -f '$D/opt/ttt/share/doc/ttt-fcgi/README.md' ]"
tt_ok "the installed binary accepts the installed config" \
	bash -c "'$D/opt/ttt/bin/ttt-fcgi' -c '$D/etc/ttt-fcgi/ttt-fcgi.conf' --check-config >/dev/null"
rm -f "$D.log"
tt_done
