# shellcheck shell=bash
# lib.sh - what the booted-container tests (deb.t, upgrade.t) share: TAP
# lines, the prerequisites, a Debian 12 tree booted with systemd-nspawn on a
# private network, commands inside it, and the client load loop.
#
#   cd to the top of the checkout; source tests/system/lib.sh
#   sys_prereqs                 root, systemd-nspawn, nsenter, mmdebstrap
#   sys_boot                    copy the cached tree (tests/system/mkrootfs)
#                               to $D/root, boot it, wait for systemd; the
#                               EXIT trap powers it off and removes $D
#   ct CMD...                   run CMD inside (60 s at most, clean env)
#   wait_for SECONDS CMD...     until CMD succeeds inside
#   load_start NAME [curl opts] 4 client loops inside (tests/system/guest/load)
#   load_stop NAME              stop them; sets LOAD_TOTAL LOAD_CODES and
#                               LOAD_BAD (every answer but 200)
#   sys_done                    the plan, the time taken, the exit status
#
# Every wait has a timeout; the container is powered off (then killed by
# pid if it must be) and its directory removed whatever happens.
# TT_KEEP=1 keeps the directory (the container's console log is there).

repo=$PWD
T0=$(date +%s)

n=0 failed=0
ok()   { n=$((n + 1)); echo "ok $n - $1"; }
nok()  { n=$((n + 1)); echo "not ok $n - $1"; failed=$((failed + 1)); }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }
is()   { if [ "$1" = "$2" ]; then ok "$3"; else nok "$3"; diag "got:      '$1'" "expected: '$2'"; fi; }
like() { if [[ $1 =~ $2 ]]; then ok "$3"; else nok "$3"; diag "got: '$1'" "expected to match: $2"; fi; }
# A missing prerequisite fails this file alone, saying what to do; a "Bail
# out!" would stop every test prove has still to run.
bail() { nok "cannot go on: $*"; echo "1..$n"; exit 1; }

sys_prereqs() {
	local c
	[ "$(id -u)" = 0 ] || bail "$(basename "$0") boots a container: it must run as root"
	for c in systemd-nspawn nsenter mmdebstrap; do
		command -v "$c" >/dev/null || bail "$c is missing (make deps)"
	done
}

D="" nspawn_pid="" init_pid=""

sys_cleanup() {
	local t c0
	c0=$(date +%s)
	if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
		[ -n "$init_pid" ] && timeout 10 nsenter -t "$init_pid" -a systemctl poweroff >/dev/null 2>&1
		for t in $(seq 100); do
			kill -0 "$nspawn_pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$nspawn_pid" 2>/dev/null; then
			echo "# the container did not power off in 10 s; killing systemd-nspawn ($nspawn_pid)"
			kill -KILL "$nspawn_pid" 2>/dev/null
		fi
		wait "$nspawn_pid" 2>/dev/null
		echo "# the container powered off in $(( $(date +%s) - c0 )) s"
	fi
	[ -n "$D" ] || return 0
	if [ -n "${TT_KEEP:-}" ]; then
		echo "# kept $D"
	else
		rm -rf --one-file-system "$D"
	fi
	echo "# stopped the container and removed its tree in $(( $(date +%s) - c0 )) s"
}

sys_boot() {
	local rootfs t state machine=ttt-$(basename "$0" .t)-$$
	rootfs=$(timeout 900 tests/system/mkrootfs "$repo/build/system") || bail "could not build the Debian tree"
	D=$(mktemp -d "$repo/build/system/run.XXXXXX")
	trap sys_cleanup EXIT
	trap 'exit 1' INT TERM

	t=$(date +%s)
	cp -a "$rootfs" "$D/root" || bail "could not copy the tree"
	cp tests/system/guest/* "$D/root/usr/local/bin/"
	diag "copied the tree in $(( $(date +%s) - t )) s"

	systemd-nspawn -q -D "$D/root" --boot --register=no --keep-unit --private-network \
		--machine="$machine" </dev/null >"$D/console.log" 2>&1 &
	nspawn_pid=$!

	# Its init is the only child of systemd-nspawn.
	for t in $(seq 100); do
		init_pid=$(cat /proc/"$nspawn_pid"/task/*/children 2>/dev/null | awk '{print $1}')
		[ -n "$init_pid" ] && break
		kill -0 "$nspawn_pid" 2>/dev/null || break
		sleep 0.1
	done
	[ -n "$init_pid" ] || { cat "$D/console.log"; bail "systemd-nspawn started no init"; }

	state=""
	for t in $(seq 300); do
		state=$(ct systemctl is-system-running 2>/dev/null)
		case "$state" in running|degraded) break ;; esac
		sleep 0.1
	done
	like "$state" '^(running|degraded)$' "the container boots with systemd as init ($state)"
	[ "$state" = degraded ] && diag "$(ct systemctl --failed --no-legend)"
	return 0
}

# ct CMD...: run CMD inside the container (60 s at most), clean environment.
ct() {
	timeout 60 nsenter -t "$init_pid" -a env -i PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		LANG=C.UTF-8 HOME=/root "$@"
}
# wait_for SECONDS CMD...: until CMD succeeds inside, at most SECONDS.
wait_for() {
	local s=$1 i; shift
	for i in $(seq $((s * 10))); do
		ct "$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

# ---- Load: the loops run inside, in the background of the test script.
load_pid=""
load_start() {	# load_start NAME [curl options]
	local name=$1; shift
	ct rm -rf "/root/$name"
	timeout 120 nsenter -t "$init_pid" -a env -i PATH=/usr/local/bin:/usr/bin:/bin \
		load "/root/$name" 4 "$@" &
	load_pid=$!
	sleep 1.5	# some requests before the change, too
}
load_stop() {	# load_stop NAME: stop the loop; sets LOAD_TOTAL LOAD_BAD LOAD_CODES
	local name=$1
	sleep 1.5	# and some after it
	ct touch "/root/$name/stop"
	wait "$load_pid"
	LOAD_CODES=$(ct sh -c "cat /root/$name/codes.*" | sort | uniq -c | xargs)
	LOAD_TOTAL=$(ct sh -c "cat /root/$name/codes.*" | wc -l)
	LOAD_BAD=$(ct sh -c "cat /root/$name/codes.*" | grep -vc '^200$')
}

sys_done() {
	diag "$(basename "$0") took $(( $(date +%s) - T0 )) s"
	echo "1..$n"
	[ "$failed" = 0 ]
}
