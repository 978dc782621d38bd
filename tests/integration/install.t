#!/bin/bash
# install.t - `make install` with DESTDIR and PREFIX puts the binary, the
# example configuration, the systemd units and the docs where a sysadmin
# looks for them, and the installed binary runs and accepts the config.
set -u
cd "$(dirname "$0")/../.."
D=$(mktemp -d /tmp/ttt-install-t.XXXXXX)
trap 'rm -rf "$D"' EXIT
n=0 failed=0
check() {
	local d=$1; shift
	n=$((n + 1))
	if "$@"; then echo "ok $n - $d"; else echo "not ok $n - $d"; failed=$((failed + 1)); fi
}

env -u MAKEFLAGS make -s install DESTDIR="$D" PREFIX=/opt/ttt >"$D.log" 2>&1
rc=$?
check "make install DESTDIR=... PREFIX=/opt/ttt succeeds" [ "$rc" = 0 ]
check "the worker is installed executable in PREFIX/bin" [ -x "$D/opt/ttt/bin/ttt-fcgi" ]
check "the example config goes to /etc/ttt-fcgi" [ -f "$D/etc/ttt-fcgi/ttt-fcgi.conf" ]
check "the systemd units are installed" \
	bash -c "[ -f '$D/lib/systemd/system/ttt-fcgi.service' ] && [ -f '$D/lib/systemd/system/ttt-fcgi.socket' ] && [ -f '$D/lib/systemd/system/ttt-fcgi-pool.service' ]"
check "nginx.conf.example and the READMEs are in the doc dir" \
	bash -c "[ -f '$D/opt/ttt/share/doc/ttt-fcgi/nginx.conf.example' ] && [ -f '$D/opt/ttt/share/doc/ttt-fcgi/README.md' ]"
check "the installed binary accepts the installed config" \
	bash -c "'$D/opt/ttt/bin/ttt-fcgi' -c '$D/etc/ttt-fcgi/ttt-fcgi.conf' --check-config >/dev/null"
rm -f "$D.log"
echo "1..$n"
[ "$failed" = 0 ]
