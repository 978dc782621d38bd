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
n=0 failed=0
ok() { n=$((n + 1)); if "${@:2}"; then echo "ok $n - $1"; else
	failed=$((failed + 1)); echo "not ok $n - $1"; sed 's/^/#   /' "$T/err"; fi; }
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
ok "GET: the request line is logged" grep -q 'info request method="GET" path="/human_move" status=200' "$T/err"
ok "GET: no board, query or OpenAI id in the log by default" \
	bash -c "! grep -qE 'position_|conv-secret|g-secret|\"X\"' '$T/err'"
post
ok "POST: no board or OpenAI id in the log by default" \
	bash -c "grep -q 'method=\"POST\"' '$T/err' && ! grep -qE 'board|conv-secret' '$T/err'"
cgi TTT_LOG_OPENAI_IDS=true
ok "log_openai_ids = true adds the conversation and GPT ids" \
	grep -q 'conversation="conv-secret-42" gpt="g-secret-7"' "$T/err"
ok "and still no board" bash -c "! grep -q 'position_' '$T/err'"

cgi TTT_LOG_LEVEL=debug HTTP_AUTHORIZATION='Bearer tok-AAAA' HTTP_COOKIE='sid=cookie-BBBB' \
	HTTP_PROXY_AUTHORIZATION='Basic cHgtQ0NDQw==' HTTP_X_API_KEY='key-DDDD' \
	$'HTTP_X_FORGED\n2026-01-01T00:00:00.000Z ttt-fcgi[1] error fake=1'
ok "debug redacts Authorization, Cookie, Proxy-Authorization and X-Api-Key" \
	bash -c "! grep -qE 'tok-AAAA|cookie-BBBB|cHgtQ0NDQw|key-DDDD' '$T/err' &&
		[ \$(grep -c 'redacted' '$T/err') -ge 4 ]"
ok "debug prints other headers" grep -q 'name="HTTP_OPENAI_GPT_ID" value="g-secret-7"' "$T/err"
ok "a parameter name with a newline is escaped, so it cannot forge a line" \
	bash -c "grep -q 'name=\"HTTP_X_FORGED\\\\x0a2026' '$T/err' && ! grep -q '^2026-01-01' '$T/err'"
ok "every log line is one event line" \
	bash -c "! grep -vE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z ttt-fcgi\[[0-9]+\] (error|warn|info|debug) ' '$T/err'"

: >"$T/err"
js=$(stat -c '%d:%i' "$T/err")
env -i PATH="$PATH" JOURNAL_STREAM="$js" REQUEST_METHOD=GET DOCUMENT_URI=/healthz \
	"$W" --allow-root </dev/null >"$T/out" 2>>"$T/err"
ok "under the journal a request line is <6> (info) without time or pid" \
	grep -q '^<6>info request method="GET" path="/healthz"' "$T/err"
env -i PATH="$PATH" JOURNAL_STREAM="$js" TTT_LOG_LEVEL=debug REQUEST_METHOD=GET \
	DOCUMENT_URI=/healthz "$W" --allow-root </dev/null >"$T/out" 2>>"$T/err"
ok "a debug line is <7>" grep -q '^<7>debug param' "$T/err"
env -i PATH="$PATH" JOURNAL_STREAM=1:1 REQUEST_METHOD=GET DOCUMENT_URI=/healthz \
	"$W" --allow-root </dev/null >"$T/out" 2>"$T/err"
ok "a JOURNAL_STREAM that is not stderr keeps the terminal format" \
	grep -qE '^[0-9]{4}-.*ttt-fcgi\[[0-9]+\] info request' "$T/err"
echo "1..$n"
[ "$failed" -eq 0 ]
