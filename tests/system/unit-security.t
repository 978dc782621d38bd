#!/bin/bash
# unit-security.t - the systemd units give the pool no more than it needs:
# `systemd-analyze security` (systemd 252, Debian 12) scores the socket-
# activated ttt-fcgi.service at most 0.8 and the spawn-fcgi variant, which
# must start as root to drop privileges, below 2.0.  Offline, on the units
# `make dist` renders (deb.t asks the booted Debian 12 the same); each score
# line and the settings still exposed are printed.
set -u
cd "$(dirname "$0")/../.." || exit 1
source tests/lib/tap.sh
dist=${TTT_DIST:-build/dist}
command -v systemd-analyze >/dev/null || tt_bail "systemd-analyze is missing (Debian package systemd)"
for u in ttt-fcgi.service ttt-fcgi-spawn.service; do
	[ -f "$dist/$u" ] || tt_bail "$dist/$u is missing: run make dist"
done
T=$(mktemp -d /tmp/ttt-unit-security.XXXXXX)
trap 'rm -rf "$T"' EXIT
# score UNIT: its overall exposure level, e.g. 0.4 (the report in $T/UNIT).
score() {
	(cd "$dist" && systemd-analyze security --offline=true --no-pager "$1" 2>&1) >"$T/$1"
	sed -n "s/^→ Overall exposure level for $1: \([0-9.]*\).*/\1/p" "$T/$1"
}
# below A B: A < B (decimals).
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && a + 0 < b + 0) }'; }
exposed() { grep '^✗' "$T/$1" | awk '{print $2}' | tr '\n' ' '; }
s=$(score ttt-fcgi.service)
tt_diag "ttt-fcgi.service: exposure $s; still exposed: $(exposed ttt-fcgi.service)"
tt_ok "ttt-fcgi.service scores at most 0.8 ($s)" below "$s" 0.85
s=$(score ttt-fcgi-spawn.service)
tt_diag "ttt-fcgi-spawn.service: exposure $s; still exposed: $(exposed ttt-fcgi-spawn.service)"
tt_ok "ttt-fcgi-spawn.service scores below 2.0 ($s)" below "$s" 2.0
tt_ok "ttt-fcgi.service keeps /proc/self/exe for a reload (ProcSubset=pid, not a bare /proc)" \
	grep -q '^ProcSubset=pid' "$dist/ttt-fcgi.service"
tt_done
