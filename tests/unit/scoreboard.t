#!/bin/bash
# scoreboard.t - what the worker does with the scoreboard file named by
# scoreboard_file, seen from outside (the worker as a CGI program, one
# process per request): a fresh file is made and shared, the counts of
# processes gone stay in it, and a damaged or foreign file (truncated,
# wrong magic, wrong size, a symlink) is refused with one clear log line,
# left as it was, and the metrics say they cover this process only; the
# MCP conversation table beside it is made, shared, and refused alike.
# MCP calls are counted by method.
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
W=${TTT_WORKER:-$PWD/fcgi/ttt-fcgi}
T=$(mktemp -d /tmp/ttt-sb-t.XXXXXX)
trap 'rm -rf "$T"' EXIT

# metrics FILE: GET /metrics as a CGI request from 127.0.0.1 with
# scoreboard_file = FILE; the answer in $T/out, the log in $T/err.
metrics() {
	env -i PATH="$PATH" TTT_ALLOW_ROOT=true TTT_SCOREBOARD_FILE="$1" \
	    REQUEST_METHOD=GET DOCUMENT_URI=/metrics REMOTE_ADDR=127.0.0.1 \
	    "$W" >"$T/out" 2>"$T/err"
}
val() { awk -v s="$1" '$1 == s { print $2 }' "$T/out"; }
healthz='ttt_requests_total{route="/healthz",code="200"}'

metrics "$T/sb"
tt_is "$(val ttt_scoreboard_shared)" 1 "a new scoreboard file is made and shared"
tt_is "$(stat -c %a "$T/sb")" 600 "... readable by the worker's user only"
for _ in 1 2 3; do
	env -i PATH="$PATH" TTT_ALLOW_ROOT=true TTT_SCOREBOARD_FILE="$T/sb" \
	    REQUEST_METHOD=GET DOCUMENT_URI=/healthz "$W" >/dev/null 2>&1
done
metrics "$T/sb"
tt_is "$(val "$healthz")" 3 "three processes that are gone left their three requests"
tt_is "$(val ttt_processes)" 1 "... and only the live process counts as a process"

# Two MCP calls and an initialize, counted by method where /mcp runs them.
mcp() {
	printf '%s' "$1" >"$T/in"
	env -i PATH="$PATH" TTT_ALLOW_ROOT=true TTT_SCOREBOARD_FILE="$T/sb" \
	    REQUEST_METHOD=POST DOCUMENT_URI=/mcp CONTENT_TYPE=application/json \
	    CONTENT_LENGTH="$(wc -c <"$T/in")" HTTP_HOST=localhost \
	    "$W" <"$T/in" >/dev/null 2>&1
}
mcp '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}'
mcp '{"jsonrpc":"2.0","id":2,"method":"ping"}'
mcp '{"jsonrpc":"2.0","id":3,"method":"ping"}'
metrics "$T/sb"
tt_is "$(val 'ttt_mcp_calls_total{method="initialize"}') $(val 'ttt_mcp_calls_total{method="ping"}')" "1 2" \
	"MCP calls are counted by method"

size=$(stat -c %s "$T/sb")
# hostile NAME REASON DESCRIPTION: the file T/NAME is refused for REASON.
hostile() {
	local before after
	before=$(md5sum <"$T/$1")
	metrics "$T/$1"
	after=$(md5sum <"$T/$1")
	tt_like "$(cat "$T/err")" "error scoreboard-refused file=\"$T/$1\" reason=\"[^\"]*$2" \
		"$3: refused with the reason in one error line"
	tt_is "$(val ttt_scoreboard_shared):$(grep -c '^Status: 200' "$T/out")" "0:1" \
		"$3: /metrics answers for this process only (ttt_scoreboard_shared 0)"
	tt_is "$after" "$before" "$3: the file is left as it was"
}
head -c 100 "$T/sb" >"$T/truncated"
hostile truncated "truncated" "a truncated file"
{ printf 'NOTSCORE'; tail -c +9 "$T/sb"; } >"$T/magic"
hostile magic "wrong magic" "a file with the wrong magic"
{ cat "$T/sb"; head -c 4096 /dev/zero; } >"$T/big"
hostile big "wrong size" "a file of the wrong size"
chmod 0600 "$T"/truncated "$T"/magic "$T"/big
ln -s "$T/sb" "$T/link"
env -i PATH="$PATH" TTT_ALLOW_ROOT=true TTT_SCOREBOARD_FILE="$T/link" \
    REQUEST_METHOD=GET DOCUMENT_URI=/metrics REMOTE_ADDR=127.0.0.1 "$W" >"$T/out" 2>"$T/err"
tt_like "$(cat "$T/err")" 'scoreboard-refused.*cannot open it' "a symlink is not followed"
tt_is "$(stat -c %s "$T/sb")" "$size" "the scoreboard itself never changed size"
# The MCP conversation table next to the scoreboard: made with it, and a
# damaged one refused (that process limits alone) and left as it was.
tt_is "$(stat -c %a "$T/sb.conversations")" 600 "the conversation table is made next to the scoreboard, mode 0600"
metrics "$T/sb"
tt_like "$(cat "$T/err")" 'info mcp-limits shared=1 file="[^"]*/sb.conversations"' "... and shared (one info line)"
mkdir "$T/d" && cp "$T/sb" "$T/d/sb"
{ printf 'NOTOURS!'; tail -c +9 "$T/sb.conversations"; } >"$T/d/sb.conversations"
chmod 0600 "$T/d/sb.conversations"
before=$(md5sum <"$T/d/sb.conversations")
metrics "$T/d/sb"
tt_like "$(cat "$T/err")" "error mcp-limits-refused file=\"$T/d/sb.conversations\" reason=\"[^\"]*wrong magic" \
	"a damaged conversation table is refused with the reason in one error line"
tt_is "$(val ttt_scoreboard_shared):$(grep -c '^Status: 200' "$T/out")" "1:1" \
	"... the worker still serves, its scoreboard still shared"
tt_is "$(md5sum <"$T/d/sb.conversations")" "$before" "... and the table is left as it was"
out=$(env -i PATH="$PATH" TTT_ALLOW_ROOT=true "$W" --check-config 2>&1 <<<'' ; echo "rc=$?")
tt_like "$out" 'scoreboard_file = ' "--check-config prints scoreboard_file"
out=$(env -i PATH="$PATH" TTT_SCOREBOARD_FILE=relative/sb "$W" --check-config 2>&1; echo "rc=$?")
tt_like "$out" 'scoreboard_file must be an absolute path.*rc=1' "a relative path is refused at start"
tt_done
