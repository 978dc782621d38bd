# shellcheck shell=bash
# lib.sh - additions to tests/lib/stack.sh for the hardening tests:
# catalogue assertions, CGI-mode runs, wrk runs and their counts, and
# sanitizer-report checks of the pool log.  Source after stack.sh.

HL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# hl_expect DESC STATUS ERROR_ERE METHOD PATH [CURL ARGS...]
#   One TAP line: the status is STATUS, the type JSON, the body a JSON
#   object whose "error" is a non-empty string matching ERROR_ERE ("" = any).
hl_expect() {
	local desc=$1 want=$2 ere=$3; shift 3
	tt_request "$@"
	local err why=""
	err=$(jq -er 'if type == "object" and (.error | type) == "string"
		and (.error | length) > 0 then .error else empty end' \
		<<<"$TT_BODY" 2>/dev/null) || why="no JSON {\"error\": \"...\"} body"
	[[ $TT_CTYPE == application/json* ]] || why="Content-Type '$TT_CTYPE'"
	[ -z "$ere" ] || [ -n "$why" ] || [[ $err =~ $ere ]] ||
		why="error does not match /$ere/"
	[ "$TT_STATUS" = "$want" ] || why="status $TT_STATUS, not $want"
	TT_LAST_REQ=$(printf '%.120s' "$TT_LAST_REQ")
	if [ -z "$why" ]; then
		tt_pass "$desc: $want $(printf '%.90s' "$err")"
	else
		tt_fail "$desc: $why"
	fi
}

# hl_legal_answer: jq program, true when TT_BODY is a legal /human_move 200.
HL_LEGAL='(.board | length == 3 and all(.[]; length == 3 and
	all(.[]; . == "X" or . == "O" or . == " ")))
	and (.status == "continue" or .status == "end")
	and (.winner | IN("X", "O", "Draw", "No winner"))
	and (if .move then .move.position == .move.row * 3 + .move.col + 1
	     and .board[.move.row][.move.col] == "O" else true end)'

# hl_expect_move DESC METHOD PATH [CURL ARGS...]: a 200 with a legal answer.
hl_expect_move() {
	local desc=$1; shift
	tt_request "$@"
	if [ "$TT_STATUS" = 200 ] && jq -e "$HL_LEGAL" >/dev/null 2>&1 <<<"$TT_BODY"; then
		tt_pass "$desc: 200 $(jq -c '{status, winner, move: .move.position}' <<<"$TT_BODY")"
	else
		tt_fail "$desc: wanted a legal 200 answer"
	fi
}

# hl_cgi ENVFILE-LIKE ARGS: run the worker once in plain CGI mode.
#   hl_cgi BODYFILE VAR=value...  -> HL_CGI_STATUS, HL_CGI_BODY
#   Unset variables are absent (env -i); TTT_ALLOW_ROOT only because the
#   tests may run as root (the guard itself is tested in security.t).
hl_cgi() {
	local body=$1; shift
	local out
	out=$(env -i PATH="$PATH" TTT_ALLOW_ROOT=true REQUEST_METHOD=POST \
		DOCUMENT_URI=/human_move HTTP_HOST=localhost "$@" \
		"$TTT_WORKER" <"$body" 2>"$TT_DIR/cgi.err")
	HL_CGI_STATUS=$(head -n 1 <<<"$out" | tr -d '\r' | sed -n 's/^Status: \([0-9]*\).*/\1/p')
	HL_CGI_BODY=$(sed '1,/^\r\{0,1\}$/d' <<<"$out")
}

# hl_expect_cgi DESC STATUS ERROR_ERE BODYFILE VAR=value...
hl_expect_cgi() {
	local desc=$1 want=$2 ere=$3 body=$4; shift 4
	hl_cgi "$body" "$@"
	local err why=""
	err=$(jq -er '.error | select(type == "string" and length > 0)' \
		<<<"$HL_CGI_BODY" 2>/dev/null) || why="no JSON error body"
	[ -z "$ere" ] || [ -n "$why" ] || [[ $err =~ $ere ]] || why="error does not match /$ere/"
	[ "$HL_CGI_STATUS" = "$want" ] || why="status '$HL_CGI_STATUS', not $want"
	if [ -z "$why" ]; then
		tt_pass "CGI: $desc: $want $(printf '%.80s' "$err")"
	else
		tt_fail "CGI: $desc: $why"
		tt_diag "output: $(printf '%.300s' "$HL_CGI_BODY")"
	fi
}

# hl_sanitizer_clean FILE...: no ASan/UBSan/LSan report in the files.
hl_sanitizer_clean() {
	! grep -qE 'ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:|SUMMARY: (Address|Undefined)' "$@" 2>/dev/null
}

# hl_wrk SECONDS CONNS SCRIPT URL [more wrk args]: bounded wrk run against
#   127.0.0.1; output in $TT_DIR/wrk.out; sets HL_REQS (completed requests),
#   HL_NON2XX, HL_SOCKERR (connect+read+write+timeout), HL_RPS.
hl_wrk() {
	local secs=$1 conns=$2 script=$3 url=$4; shift 4
	case "$url" in https://127.0.0.1:*|http://127.0.0.1:*) ;;
	*) tt_bail "hl_wrk: only 127.0.0.1 may be loaded ($url)" ;; esac
	timeout $((secs + 30)) wrk -t 2 -c "$conns" -d "${secs}s" --timeout 10s \
		-s "$script" "$@" "$url" >"$TT_DIR/wrk.out" 2>&1
	hl_wrk_parse "$TT_DIR/wrk.out"
}
hl_wrk_parse() {
	HL_REQS=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$1")
	HL_NON2XX=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$1")
	HL_RPS=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1")
	HL_SOCKERR=$(sed -n 's/^ *Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$1" |
		awk '{print $1 + $2 + $3 + $4}')
	: "${HL_REQS:=0}" "${HL_NON2XX:=0}" "${HL_SOCKERR:=0}" "${HL_RPS:=0}"
}

# hl_multiwatch_retries N: make tt_pool_start's multiwatch retry a child N
#   times (multiwatch -r N -t 1000) instead of its default 3 per 10 s.  With
#   the default, a worker slot killed 4 times within 10 s is abandoned for
#   good, and when every slot is abandoned multiwatch exits 0 and the pool
#   is gone (tests/README.md, "Hardening evidence").  Done with a wrapper
#   named multiwatch first in PATH (stack.sh runs `command -v multiwatch`);
#   it lives in TT_DIR/bin because spawn-fcgi -u nobody execs it as nobody.
hl_multiwatch_retries() {
	mkdir -p "$TT_DIR/bin"
	local real
	real=$(PATH=/usr/bin:/bin:/usr/sbin:/sbin command -v multiwatch)
	printf '#!/bin/sh\nexec %s -r %d -t 1000 "$@"\n' "$real" "$1" >"$TT_DIR/bin/multiwatch"
	chmod 0755 "$TT_DIR/bin/multiwatch"
	case ":$PATH:" in *":$TT_DIR/bin:"*) ;; *) PATH=$TT_DIR/bin:$PATH ;; esac
}
