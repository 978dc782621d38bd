#!/bin/bash
# config-files.t - the files the worker is configured with: a FIFO, a
# device, a directory, a huge or unreadable file, a NUL byte, a key file
# anyone may write, refused at once with the path and the reason, never
# waited on; and a FIFO put in place of the key file of a running worker
# refused on SIGHUP while the worker keeps serving, cutting stalled peers
# and honouring SIGTERM.  Every command runs under a timeout: a worker that
# blocks in an open or a read fails the test instead of hanging it.
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
W=${TTT_WORKER:-$PWD/fcgi/ttt-fcgi}
T=$(mktemp -d /tmp/ttt-config-files.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT

# check [VAR=VALUE...] -- ARGS...: the worker's --check-config with those
# environment variables and arguments (as the user in AS, an array, when
# set), 5 s at most; sets rc (124: it hung), stdout in $T/out, stderr in
# $T/err.
AS=()
check() {
	local envs=()
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	timeout -k 1 5 env -u TTT_CONFIG "${envs[@]}" "${AS[@]}" "$W" "$@" --check-config \
		>"$T/out" 2>"$T/err" </dev/null
	rc=$?
}
# refused DESC ERE ARGS...: --check-config exits 1 at once, stderr matches.
refused() {
	local desc=$1 ere=$2; shift 2
	check "$@"
	if [ "$rc" = 1 ] && grep -Eq -- "$ere" "$T/err"; then
		tt_pass "$desc"
	else
		tt_fail "$desc"
		tt_diag_err "exit $rc (124: hung), stderr: $(head -c 300 "$T/err")" \
			"stdout: $(head -c 200 "$T/out")"
	fi
}

printf '[ttt]\ntitle = Files\n' >"$T/good.conf"
check -- -c "$T/good.conf"
tt_is "$rc" 0 "--check-config accepts a plain file"

# ---- the configuration file itself
mkfifo "$T/fifo.conf"
refused "a FIFO as the configuration is refused at once, naming it" \
	"$T/fifo.conf is a FIFO \\(named pipe\\), not a regular file" -- -c "$T/fifo.conf"
refused "-c /dev/zero is refused at once (a character device)" \
	'/dev/zero is a character device, not a regular file' -- -c /dev/zero
mkdir "$T/etc"
refused "a directory as the configuration (-c DIR/) is refused" \
	"$T/etc/ is a directory, not a regular file" -- -c "$T/etc/"
refused "a directory in TTT_CONFIG is refused" \
	"$T/etc is a directory" TTT_CONFIG="$T/etc" --
truncate -s 1G "$T/huge.conf"
refused "a 1 GB (sparse) configuration is refused by its size" \
	"$T/huge.conf is larger than 65536 bytes" -- -c "$T/huge.conf"
refused "a path that cannot be opened is refused with the reason" \
	"$T/good.conf/x: Not a directory" -- -c "$T/good.conf/x"
install -m 0600 "$T/good.conf" "$T/private.conf"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	chmod 0711 "$T"
else
	chmod 0000 "$T/private.conf"
fi
refused "an unreadable configuration is refused, naming it" \
	"$T/private.conf: Permission denied" -- -c "$T/private.conf"
AS=()
refused "a read error is refused, naming the file (/proc/self/mem: EIO)" \
	'/proc/self/mem: read error: Input/output error' -- -c /proc/self/mem
ln -s "$T/good.conf" "$T/link.conf"
refused "a symbolic link is not followed" \
	"$T/link.conf is a symbolic link" -- -c "$T/link.conf"

# A NUL byte: inih's reader stops a string there, so the bytes after it on
# a 199-byte line used to escape the line-length check and be read as a
# line of their own: here a hidden "log_level = debug".
{ printf '[ttt]\ntitle = x\0'; printf 'y%.0s' $(seq 188); printf 'log_level = debug\n'; } >"$T/nul.conf"
refused "a NUL byte hiding a second line is refused with FILE:LINE" \
	"$T/nul.conf:2: the line contains a NUL byte" -- -c "$T/nul.conf"
tt_unlike "$(cat "$T/out")" 'log_level = debug' "and the hidden key never takes effect"
printf '[ttt]\ntitle = T\n\n; ok\nthreads = 2\0\n' >"$T/nul2.conf"
refused "a NUL byte anywhere names its line" "$T/nul2.conf:5: the line contains a NUL byte" \
	-- -c "$T/nul2.conf"

# ---- the key file
key=abcdefghijklmnop0123
keyconf() { printf '[ttt]\napi_key_file = %s\n' "$1" >"$T/key.conf"; }
( umask 077; printf '%s\n' "$key" >"$T/key" )
keyconf "$T/key"
check -- -c "$T/key.conf"
tt_like "$rc $(grep api_key_file "$T/out")" '^0 .*\(auth on\)' "a 0600 key file turns authentication on"
mkfifo -m 0600 "$T/key.fifo"
keyconf "$T/key.fifo"
refused "a FIFO as api_key_file is refused at once, naming it" \
	"api_key_file $T/key.fifo is a FIFO \\(named pipe\\), not a regular file" -- -c "$T/key.conf"
mkdir -m 0700 "$T/keydir"
keyconf "$T/keydir"
refused "a directory as api_key_file says it is a directory" \
	"api_key_file $T/keydir is a directory" -- -c "$T/key.conf"
tt_unlike "$(cat "$T/err")" '16 to' "not that the key has the wrong length"
keyconf /dev/zero
refused "/dev/zero as api_key_file is refused" 'api_key_file /dev/zero is a character device' \
	-- -c "$T/key.conf"
cp "$T/key" "$T/key.ww"; chmod 0602 "$T/key.ww"
keyconf "$T/key.ww"
refused "a world-writable key file is refused" \
	"api_key_file $T/key.ww is writable by everyone: chmod o-w" -- -c "$T/key.conf"
truncate -s 1G "$T/key.huge"; chmod 0600 "$T/key.huge"
keyconf "$T/key.huge"
refused "a 1 GB key file is refused by its size" 'the key must be 16 to 256 characters' \
	-- -c "$T/key.conf"

# ---- a running worker: the key file becomes a FIFO, then SIGHUP
keyconf "$T/key"
"$W" --allow-root --threads 2 --socket "$T/sock" -c "$T/key.conf" 2>"$T/log" </dev/null &
wpid=$!
PIDS+=("$wpid")
for _ in $(seq 50); do [ -S "$T/sock" ] && break; sleep 0.1; done
healthz() {
	env -i REQUEST_METHOD=GET DOCUMENT_URI=/healthz SCRIPT_NAME=/healthz \
		timeout 5 cgi-fcgi -bind -connect "$T/sock" 2>/dev/null | tail -n 1
}
tt_is "$(healthz)" '{"status":"ok"}' "the worker serves with its key file"
rm "$T/key"; mkfifo -m 0600 "$T/key"
kill -HUP "$wpid"
for _ in $(seq 30); do grep -q 'reload-refused' "$T/log" && break; sleep 0.1; done
tt_ok "SIGHUP with a FIFO as key file: the reload is refused within 3 s, naming it" \
	grep -q "reload-refused reason=\"api_key_file $T/key is a FIFO" "$T/log"
tt_is "$(healthz)" '{"status":"ok"}' "the worker keeps serving"
# A peer that stalls in its request is still cut at request_timeout (5 s).
tests/lib/fcgi-client --socket "$T/sock" --method GET --uri /healthz --stall-at params \
	--hold 15 >"$T/stall" 2>&1 &
PIDS+=("$!")
for _ in $(seq 150); do grep -q 'peer=closed' "$T/stall" && break; sleep 0.1; done
tt_like "$(cat "$T/stall")" 'peer=closed@[5-9]' "a stalled peer is still cut at request_timeout"
start=$SECONDS
kill -TERM "$wpid"
for _ in $(seq 50); do kill -0 "$wpid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$wpid" 2>/dev/null; then
	tt_fail "SIGTERM ends the worker within 5 s (still alive after $((SECONDS - start)) s)"
else
	wait "$wpid"; rc=$?
	tt_is "$rc" 0 "SIGTERM ends the worker with status 0"
fi

tt_done
