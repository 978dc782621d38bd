#!/bin/bash
# cgi.t - the worker as a program: plain CGI mode, the command line, the
# root guard, logging, and FastCGI on its own socket (talked to with
# cgi-fcgi from libfcgi-bin) including a clean stop on SIGTERM.
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
W=${TTT_WORKER:-$PWD/fcgi/ttt-fcgi}
T=$(mktemp -d /tmp/ttt-cgi-t.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT


# cgi METHOD PATH [QUERY] [BODY] [extra env...]: response in $T/out, log in $T/err
cgi() {
	local method=$1 path=$2 query=${3:-} body=${4-}
	shift 4 2>/dev/null || shift $#
	printf '%s' "$body" > "$T/body"
	env -i PATH="$PATH" TTT_ALLOW_ROOT=true REQUEST_METHOD="$method" \
	    DOCUMENT_URI="$path" QUERY_STRING="$query" \
	    CONTENT_LENGTH="$(printf '%s' "$body" | wc -c)" HTTP_HOST=example.com \
	    HTTPS=on "$@" "$W" < "$T/body" > "$T/out" 2> "$T/err"
}
status() { head -1 "$T/out" | tr -d '\r'; }
body() { sed '1,/^\r$/d' "$T/out"; }

BOARD='{"board":[["X","X"," "],["O","O"," "],[" "," "," "]]}'
cgi POST /human_move "" "$BOARD"
tt_ok "CGI POST answers 200" [ "$(status)" = "Status: 200 OK" ]
tt_ok "CGI POST: O completes its row" [ "$(body | jq -r '.winner + " " + (.move.position|tostring)')" = "O 6" ]
tt_ok "CGI answer has an exact Content-Length" [ "$(grep -a '^Content-Length' "$T/out" | tr -dc 0-9)" = "$(body | wc -c)" ]

cgi GET /human_move "position_1=X&position_2=X&position_4=O&position_5=O" ""
tt_ok "CGI GET answers the same move" [ "$(body | jq -r .move.position)" = 6 ]

printf '%s' "$BOARD" > "$T/body"
env -i TTT_ALLOW_ROOT=true REQUEST_METHOD=POST DOCUMENT_URI=/human_move "$W" < "$T/body" > "$T/out" 2>/dev/null
tt_ok "CGI POST without CONTENT_LENGTH is a 411" [ "$(status)" = "Status: 411 Length Required" ]
env -i TTT_ALLOW_ROOT=true REQUEST_METHOD=POST DOCUMENT_URI=/human_move CONTENT_LENGTH=500 "$W" < "$T/body" > "$T/out" 2>/dev/null
tt_ok "a lying CONTENT_LENGTH (more than stdin has) is a 400" bash -c "head -1 '$T/out' | grep -q '400' && sed '1,/^\r\$/d' '$T/out' | jq -e '.error | test(\"500 bytes\")' >/dev/null"
env -i TTT_ALLOW_ROOT=true REQUEST_METHOD=POST DOCUMENT_URI=/human_move CONTENT_LENGTH=12x "$W" < "$T/body" > "$T/out" 2>/dev/null
tt_ok "a malformed CONTENT_LENGTH is a 400" [ "$(status)" = "Status: 400 Bad Request" ]
env -i TTT_ALLOW_ROOT=true REQUEST_METHOD=GET SCRIPT_NAME=/healthz "$W" > "$T/out" 2>/dev/null </dev/null
tt_ok "SCRIPT_NAME works as the path without DOCUMENT_URI" [ "$(body)" = '{"status":"ok"}' ]
env -i TTT_ALLOW_ROOT=true REQUEST_METHOD=HEAD DOCUMENT_URI=/healthz "$W" > "$T/out" 2>/dev/null </dev/null
tt_ok "HEAD sends headers and no body" [ "$(body | wc -c)" = 0 ]

# Logging
cgi POST /human_move "" "$BOARD" REQUEST_ID=abc123 HTTP_OPENAI_CONVERSATION_ID=conv-9 TTT_LOG_OPENAI_IDS=true
tt_ok "the request line logs status, request id and (log_openai_ids) conversation id" \
    grep -q 'info request method="POST" path="/human_move" status=200 .*request_id="abc123" conversation="conv-9"' "$T/err"
cgi POST /human_move "" "$BOARD" TTT_LOG_LEVEL=debug HTTP_AUTHORIZATION="Bearer topsecretkey123456"
tt_ok "debug logging prints headers and body" bash -c "grep -q 'param request_id=- name=\"HTTP_HOST\" value=\"example.com\"' '$T/err' && grep -q 'body request_id=- bytes=' '$T/err'"
tt_ok "debug logging redacts Authorization" bash -c "grep -q 'name=\"HTTP_AUTHORIZATION\" value=\"\[redacted\]\"' '$T/err' && ! grep -q topsecret '$T/err'"
cgi GET /healthz "" "" HTTP_USER_AGENT=$'evil\nline'
tt_ok "client values cannot break a log line" [ "$(grep -c . "$T/err")" = 1 ]

# Command line
tt_ok "--version prints the version" bash -c "'$W' --version | grep -q '^ttt-fcgi [0-9]'"
tt_ok "--help lists every configuration key" bash -c "'$W' --help | grep -q api_key_file && '$W' --help | grep -q trust_forwarded_proto"
printf '[ttt]\nthreads = 2\n' > "$T/good.conf"
tt_ok "--check-config accepts a good file" bash -c "'$W' -c '$T/good.conf' --check-config >/dev/null"
printf '[ttt]\nthreads = 2\nbody_limit = lots\n' > "$T/bad.conf"
"$W" -c "$T/bad.conf" --check-config 2> "$T/err" >/dev/null; rc=$?
tt_ok "--check-config rejects a bad file with file:line and reason" bash -c "[ $rc = 1 ] && grep -q 'bad.conf:3: body_limit must be a whole number' '$T/err'"
TTT_OPERATION_ID=hint "$W" --check-config 2> "$T/err" >/dev/null; rc=$?
tt_ok "an operation_id that would collide with /hint's is refused" bash -c "[ $rc = 1 ] && grep -q 'same operationId (hint)' '$T/err'"
TTT_THREADS=99 "$W" --check-config 2> "$T/err" >/dev/null; rc=$?
tt_ok "a bad environment override stops the worker" bash -c "[ $rc = 1 ] && grep -q TTT_THREADS '$T/err'"
"$W" --bogus >/dev/null 2>&1; rc=$?
tt_ok "an unknown option is a usage error" [ "$rc" = 2 ]

# The root guard
if [ "$(id -u)" = 0 ]; then asroot=(); else asroot=(unshare -r); fi
env -i REQUEST_METHOD=GET DOCUMENT_URI=/healthz "${asroot[@]}" "$W" > /dev/null 2> "$T/err" </dev/null; rc=$?
tt_ok "as root without --allow-root the worker refuses to start" bash -c "[ $rc = 1 ] && grep -q 'refusing to run as root' '$T/err'"

# FastCGI on its own socket
"$W" --allow-root --socket :9000 2> "$T/err" </dev/null; rc=$?
tt_ok "--socket :PORT without an address is refused" bash -c "[ $rc = 1 ] && grep -q 'with a specific address' '$T/err'"
"$W" --allow-root --socket 0.0.0.0:9000 2> "$T/err" </dev/null; rc=$?
tt_ok "--socket 0.0.0.0:PORT (every interface) is refused" bash -c "[ $rc = 1 ] && grep -q 'not every interface' '$T/err'"
"$W" --allow-root --socket "$T/sock" 2> "$T/log" </dev/null &
PIDS+=($!); wpid=$!
for _ in $(seq 50); do [ -S "$T/sock" ] && break; sleep 0.1; done
tt_ok "a unix socket is created with mode 0660" [ "$(stat -c %a "$T/sock" 2>/dev/null)" = 660 ]
env -i REQUEST_METHOD=GET DOCUMENT_URI=/healthz SCRIPT_NAME=/healthz \
    cgi-fcgi -bind -connect "$T/sock" > "$T/out" 2>/dev/null
tt_ok "a FastCGI request over the socket is answered" grep -q '{"status":"ok"}' "$T/out"
printf '%s' "$BOARD" | env -i REQUEST_METHOD=POST DOCUMENT_URI=/human_move CONTENT_LENGTH=${#BOARD} \
    cgi-fcgi -bind -connect "$T/sock" > "$T/out" 2>/dev/null
tt_ok "a FastCGI POST reads the body from the stream" bash -c "sed '1,/^\r\$/d' '$T/out' | jq -e '.move.position == 6' >/dev/null"
kill -TERM "$wpid"
for _ in $(seq 30); do kill -0 "$wpid" 2>/dev/null || break; sleep 0.1; done
wait "$wpid"; rc=$?
tt_ok "SIGTERM stops an idle worker with exit status 0" [ "$rc" = 0 ]
tt_ok "the stop is logged with the count served" grep -q 'stopped served=2' "$T/log"

"$W" --allow-root --threads 4 --socket "$T/sock4" 2> "$T/log4" </dev/null &
PIDS+=($!); wpid=$!
for _ in $(seq 50); do [ -S "$T/sock4" ] && break; sleep 0.1; done
for _ in 1 2 3; do env -i REQUEST_METHOD=GET DOCUMENT_URI=/ cgi-fcgi -bind -connect "$T/sock4" >/dev/null 2>&1; done
kill -INT "$wpid"
for _ in $(seq 30); do kill -0 "$wpid" 2>/dev/null || break; sleep 0.1; done
wait "$wpid"; rc=$?
tt_ok "SIGINT stops a 4-thread worker with exit status 0" bash -c "[ $rc = 0 ] && grep -q 'stopped served=3' '$T/log4'"

tt_done
