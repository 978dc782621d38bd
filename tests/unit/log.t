#!/bin/bash
# log.t - what the worker writes to its log, run in CGI mode (one request
# from the environment): the info line keeps no board and no OpenAI ids
# unless asked; debug escapes parameter names and redacts every credential
# header; under the journal each line carries its sd-daemon priority and no
# time or pid of its own.
set -u
cd "$(dirname "$0")/../.." || exit 1
W=${TTT_WORKER:-fcgi/ttt-fcgi}
T=$(mktemp -d /tmp/ttt-log.XXXXXX); trap 'rm -rf "$T"' EXIT
source tests/lib/tap.sh
# On a failure, show the log the check read.
show_log() { tt_diag_err "log: $(head -c 2000 "$T/err")"; }
TT_FAIL_HOOK=show_log
BOARD='{"board":[["X"," "," "],[" ","O"," "],[" "," ","X"]]}'
QUERY='position_1=X&position_5=O&position_9=X'
# cgi VAR=value...: one GET /human_move with a board in the query, plus
# OpenAI headers; the log in $T/err.
cgi() {
	env -i PATH="$PATH" REQUEST_METHOD=GET DOCUMENT_URI=/human_move \
		QUERY_STRING="$QUERY" HTTP_OPENAI_CONVERSATION_ID=conv-secret-42 \
		HTTP_OPENAI_GPT_ID=g-secret-7 "$@" "$W" --allow-root </dev/null >"$T/out" 2>"$T/err"
}
post() {
	printf '%s' "$BOARD" | env -i PATH="$PATH" REQUEST_METHOD=POST \
		DOCUMENT_URI=/human_move CONTENT_LENGTH=${#BOARD} \
		HTTP_OPENAI_CONVERSATION_ID=conv-secret-42 "$@" "$W" --allow-root >"$T/out" 2>"$T/err"
}

cgi
tt_ok "GET: the request line is logged" grep -q 'info request method="GET" path="/human_move" status=200' "$T/err"
tt_ok "GET: no board, query or OpenAI id in the log by default" \
	bash -c "! grep -qE 'position_|conv-secret|g-secret|\"X\"' '$T/err'"
post
tt_ok "POST: no board or OpenAI id in the log by default" \
	bash -c "grep -q 'method=\"POST\"' '$T/err' && ! grep -qE 'board|conv-secret' '$T/err'"
cgi TTT_LOG_OPENAI_IDS=true
tt_ok "log_openai_ids = true adds the conversation and GPT ids" \
	grep -q 'conversation="conv-secret-42" gpt="g-secret-7"' "$T/err"
tt_ok "and still no board" bash -c "! grep -q 'position_' '$T/err'"

cgi TTT_LOG_LEVEL=debug HTTP_AUTHORIZATION='Bearer tok-AAAA' HTTP_COOKIE='sid=cookie-BBBB' \
	HTTP_PROXY_AUTHORIZATION='Basic cHgtQ0NDQw==' HTTP_X_API_KEY='key-DDDD' \
	$'HTTP_X_FORGED\n2026-01-01T00:00:00.000Z ttt-fcgi[1] error fake=1'
tt_ok "debug redacts Authorization, Cookie, Proxy-Authorization and X-Api-Key" \
	bash -c "! grep -qE 'tok-AAAA|cookie-BBBB|cHgtQ0NDQw|key-DDDD' '$T/err' &&
		[ \$(grep -c 'redacted' '$T/err') -ge 4 ]"
tt_ok "debug prints other headers" grep -q 'name="HTTP_OPENAI_GPT_ID" value="g-secret-7"' "$T/err"
tt_ok "a parameter name with a newline is escaped, so it cannot forge a line" \
	bash -c "grep -q 'name=\"HTTP_X_FORGED\\\\x0a2026' '$T/err' && ! grep -q '^2026-01-01' '$T/err'"
tt_ok "every log line is one event line" \
	bash -c "! grep -vE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z ttt-fcgi\[[0-9]+\] (error|warn|info|debug) ' '$T/err'"

: >"$T/err"
js=$(stat -c '%d:%i' "$T/err")
env -i PATH="$PATH" JOURNAL_STREAM="$js" REQUEST_METHOD=GET DOCUMENT_URI=/healthz \
	"$W" --allow-root </dev/null >"$T/out" 2>>"$T/err"
tt_ok "under the journal a request line is <6> (info) without time or pid" \
	grep -q '^<6>info request method="GET" path="/healthz"' "$T/err"
env -i PATH="$PATH" JOURNAL_STREAM="$js" TTT_LOG_LEVEL=debug REQUEST_METHOD=GET \
	DOCUMENT_URI=/healthz "$W" --allow-root </dev/null >"$T/out" 2>>"$T/err"
tt_ok "a debug line is <7>" grep -q '^<7>debug param' "$T/err"
# A reply that cannot be written (here: stdout is /dev/full) is one warn
# line, with the path a client chose quoted and escaped like everywhere.
env -i PATH="$PATH" REQUEST_METHOD=GET DOCUMENT_URI=$'/x"y\n2026-01-01 forged' \
	"$W" --allow-root </dev/null >/dev/full 2>"$T/err"
tt_ok "a failed write is logged with the path escaped" \
	grep -q '^[0-9-]*T[0-9:.]*Z ttt-fcgi\[[0-9]*\] warn write-failed path="/x\\"y\\x0a2026-01-01 forged"$' "$T/err"
tt_ok "and cannot forge a line" bash -c "! grep -q '^2026-01-01 forged' '$T/err'"
printf '[ttt]\napi_key_file = /nonexistent/key\n' >"$T/bad.ini"
: >"$T/err"; js=$(stat -c '%d:%i' "$T/err")
env -i PATH="$PATH" JOURNAL_STREAM="$js" "$W" --allow-root -c "$T/bad.ini" --check-config \
	</dev/null >"$T/out" 2>>"$T/err"
tt_ok "under the journal a configuration error at start is <3> (err), naming the file" \
	grep -q '^<3>ttt-fcgi: configuration error: api_key_file /nonexistent/key: No such file' "$T/err"
env -i PATH="$PATH" "$W" --allow-root -c "$T/bad.ini" --check-config </dev/null >"$T/out" 2>"$T/err"
tt_ok "on a terminal it is a plain ttt-fcgi: line" grep -q '^ttt-fcgi: configuration error: api_key_file' "$T/err"
env -i PATH="$PATH" JOURNAL_STREAM=1:1 REQUEST_METHOD=GET DOCUMENT_URI=/healthz \
	"$W" --allow-root </dev/null >"$T/out" 2>"$T/err"
tt_ok "a JOURNAL_STREAM that is not stderr keeps the terminal format" \
	grep -qE '^[0-9]{4}-.*ttt-fcgi\[[0-9]+\] info request' "$T/err"
tt_done
