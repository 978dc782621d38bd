#!/bin/bash
# hostile.t - the hostile-input catalogue through nginx (nginx.conf.example,
# TLS, a pool of two workers), then the same through the CGI mode for the
# Content-Length cases.  Every item expects one status and a JSON body with
# an "error" sentence (matched against a pattern where it says something
# specific).  Afterwards the same worker pids still answer, and the pool log
# holds no crash or sanitizer report.
#
# TTT_WORKER=build/san-clang/ttt-fcgi runs it against the sanitizer build
# (sanitizers.t does).  The rate limit is raised: the catalogue sends about
# 90 requests in a few seconds from one address.
set -u
source "$(dirname "$0")/../lib/stack.sh"
source "$(dirname "$0")/lib.sh"
TT_RATE=1000r/s TT_BURST=1000
tt_init
tt_stack_start
pids_before=$(tt_worker_pids)

D=$TT_DIR/bodies
mkdir -p "$D"
# body NAME CONTENT: write a body file (printf %b: \xNN escapes work).
body() { printf '%b' "$2" >"$D/$1"; }
E='\" \"'
ROW="[\"X\",\" \",\" \"]" ER="[\" \",\" \",\" \"]"
body ok "{\"board\":[$ROW,$ER,$ER]}"
post() { local d=$1 st=$2 ere=$3 f=$4; shift 4
	hl_expect "$d" "$st" "$ere" POST /human_move -H 'Content-Type: application/json' \
		--data-binary "@$D/$f" "$@"; }

# A lying Content-Length that promises more than it sends: nginx waits
# client_body_timeout (10 s) and drops the connection; started first, in
# the background, checked at the end.
body lying_long "{\"board\":[$ROW,$ER,$ER]}"
curl -sS --http1.1 --max-time 25 --cacert "$TT_CERT" -o /dev/null \
	-w '%{http_code}' -H 'Content-Length: 200' -H 'X-Test: lying-long' \
	--data-binary "@$D/lying_long" "$TT_URL/human_move" >"$TT_DIR/lying_long.code" 2>/dev/null &
lying_pid=$!

# ---- malformed and truncated JSON
body garbage '{board: [[X]]}'
body truncated "{\"board\":[$ROW,$ER"
body trailing "{\"board\":[$ROW,$ER,$ER]} {}"
body onlyws '   \n  '
body bom "\xef\xbb\xbf{\"board\":[$ROW,$ER,$ER]}"
body single_quotes "{'board':[['X',' ',' '],[' ',' ',' '],[' ',' ',' ']]}"
post "malformed JSON (unquoted keys)" 400 'not valid JSON' garbage
post "truncated JSON" 400 'not valid JSON' truncated
post "trailing data after the object" 400 'not valid JSON' trailing
post "whitespace-only body" 400 'not valid JSON' onlyws
post "UTF-8 byte order mark before the JSON" 400 'not valid JSON' bom
post "single-quoted pseudo-JSON" 400 'not valid JSON' single_quotes
hl_expect "empty body (Content-Length: 0)" 400 'empty' POST /human_move \
	-H 'Content-Type: application/json' --data-binary ''

# ---- wrong types at every level
body top_array "[$ROW,$ER,$ER]"
body top_string '"board"'
body top_number '42'
body top_null 'null'
body no_board '{"bord":[]}'
body board_string '{"board":"X........"}'
body board_object '{"board":{"0":["X"," "," "]}}'
body board_null '{"board":null}'
body board_number '{"board":9}'
body row_string "{\"board\":[\"X  \",$ER,$ER]}"
body row_object "{\"board\":[{\"a\":1},$ER,$ER]}"
body row_null "{\"board\":[null,$ER,$ER]}"
body cell_number "{\"board\":[[1,\" \",\" \"],$ER,$ER]}"
body cell_null "{\"board\":[[null,\" \",\" \"],$ER,$ER]}"
body cell_bool "{\"board\":[[true,\" \",\" \"],$ER,$ER]}"
body cell_array "{\"board\":[[[\"X\"],\" \",\" \"],$ER,$ER]}"
body cell_object "{\"board\":[[{\"v\":\"X\"},\" \",\" \"],$ER,$ER]}"
post "top level is an array" 400 'JSON object' top_array
post "top level is a string" 400 '' top_string
post "top level is a number" 400 '' top_number
post "top level is null" 400 '' top_null
post "no \"board\" key" 400 'no "board"' no_board
post "board is a string" 400 'must be an array' board_string
post "board is an object" 400 'must be an array' board_object
post "board is null" 400 'must be an array' board_null
post "board is a number" 400 'must be an array' board_number
post "a row is a string" 400 'Row 1 \(board\[0\]\)' row_string
post "a row is an object" 400 'Row 1 \(board\[0\]\)' row_object
post "a row is null" 400 'Row 1 \(board\[0\]\)' row_null
post "a cell is a number" 400 'board\[0\]\[0\]' cell_number
post "a cell is null" 400 'board\[0\]\[0\]' cell_null
post "a cell is a boolean" 400 'board\[0\]\[0\]' cell_bool
post "a cell is an array" 400 'board\[0\]\[0\]' cell_array
post "a cell is an object" 400 'board\[0\]\[0\]' cell_object

# ---- shapes
body b2x3 "{\"board\":[$ROW,$ER]}"
body b4x3 "{\"board\":[$ROW,$ER,$ER,$ER]}"
body b3x4 "{\"board\":[[\"X\",\" \",\" \",\" \"],$ER,$ER]}"
body b3x2 "{\"board\":[$ROW,[\" \",\" \"],$ER]}"
body b0 '{"board":[]}'
body b9flat '{"board":["X"," "," "," "," "," "," "," "," "]}'
post "2x3 board" 400 'exactly 3 rows; it has 2' b2x3
post "4x3 board" 400 'exactly 3 rows; it has 4' b4x3
post "3x4 board" 400 'Row 1 \(board\[0\]\).*exactly 3 cells; it has 4' b3x4
post "3x2 row in the middle" 400 'Row 2 \(board\[1\]\).*exactly 3 cells; it has 2' b3x2
post "empty board array" 400 'exactly 3 rows; it has 0' b0
post "flat 9-cell array" 400 'exactly 3 rows; it has 9' b9flat

# ---- cell values
body lower_x "{\"board\":[[\"x\",\" \",\" \"],$ER,$ER]}"
body lower_o "{\"board\":[[\"X\",\"o\",\" \"],$ER,$ER]}"
body multi "{\"board\":[[\"XX\",\" \",\" \"],$ER,$ER]}"
body padded "{\"board\":[[\" X\",\" \",\" \"],$ER,$ER]}"
body zero "{\"board\":[[\"0\",\" \",\" \"],$ER,$ER]}"
body unicode_x "{\"board\":[[\"\\\\u0425\",\" \",\" \"],$ER,$ER]}"
body num_1e999 "{\"board\":[[1e999,\" \",\" \"],$ER,$ER]}"
body num_big "{\"board\":[[123456789012345678901234567890,\" \",\" \"],$ER,$ER]}"
post "lowercase x" 400 'capital letters' lower_x
post "lowercase o" 400 'capital letters' lower_o
post "multi-character cell \"XX\"" 400 'board\[0\]\[0\]' multi
post "padded cell \" X\"" 400 'board\[0\]\[0\]' padded
post "digit cell \"0\"" 400 'board\[0\]\[0\]' zero
post "Cyrillic Ha that looks like X" 400 'board\[0\]\[0\]' unicode_x
post "number 1e999 (overflows a double)" 400 'not valid JSON' num_1e999
post "30-digit integer" 400 '' num_big

# ---- NUL, invalid UTF-8, escapes, duplicates, nesting
body nul_escape "{\"board\":[[\"X\\\\u0000\",\" \",\" \"],$ER,$ER]}"
body nul_raw "{\"board\":[[\"X\x00\",\" \",\" \"],$ER,$ER]}"
body nul_after "{\"board\":[$ROW,$ER,$ER]}\x00"
body bad_utf8 "{\"board\":[[\"\xff\xfe\",\" \",\" \"],$ER,$ER]}"
body overlong "{\"board\":[[\"\xc1\x98\",\" \",\" \"],$ER,$ER]}"
body surrogate "{\"board\":[[\"\\\\ud800\",\" \",\" \"],$ER,$ER]}"
body dup_key "{\"board\":[$ROW,$ER,$ER],\"board\":[$ER,$ER,$ER]}"
body dup_inner "{\"board\":[$ROW,$ER,$ER],\"x\":{\"a\":1,\"a\":2}}"
body extra_keys "{\"board\":[$ROW,$ER,$ER],\"note\":\"hi\",\"n\":[1,{}]}"
deep() { local n=$1; printf '{"board":[%s,%s,%s],"x":' "$ROW" "$ER" "$ER"
	printf '%*s' "$n" '' | tr ' ' '['; printf '%*s' "$n" '' | tr ' ' ']'; printf '}'; }
deep 14 >"$D/deep_ok"
deep 17 >"$D/deep_17"
deep 5000 >"$D/deep_5000"
post "\\u0000 escape in a cell" 400 'not valid JSON' nul_escape
post "raw NUL byte in a cell" 400 '' nul_raw
post "NUL byte after the object" 400 '' nul_after
post "invalid UTF-8 bytes" 400 'not valid JSON' bad_utf8
post "overlong UTF-8 encoding" 400 'not valid JSON' overlong
post "lone UTF-16 surrogate escape" 400 'not valid JSON' surrogate
post "duplicate \"board\" key" 400 'not valid JSON|duplicate' dup_key
post "duplicate key in an ignored object" 400 'not valid JSON|duplicate' dup_inner
hl_expect_move "unknown extra keys are ignored" POST /human_move --data-binary "@$D/extra_keys"
hl_expect_move "nesting 16 deep is fine" POST /human_move --data-binary "@$D/deep_ok"
post "nesting 17 deep" 400 'nested deeper' deep_17
post "nesting 5000 deep" 400 'nested deeper' deep_5000

# ---- sizes: the limit is 16384 bytes (nginx client_max_body_size 16k and
# the worker's body_limit)
pad() { local total=$1 base; base=$(cat "$D/ok"); printf '%s%*s' "$base" $((total - ${#base})) ''; }
pad 16384 >"$D/at_limit"
pad 16385 >"$D/over_limit"
head -c 1048576 /dev/zero | tr '\0' ' ' >"$D/mega"
hl_expect_move "body of exactly 16384 bytes" POST /human_move --data-binary "@$D/at_limit"
post "body of 16385 bytes" 413 'larger than' over_limit
post "body of 1 MiB" 413 'larger than' mega

# ---- Content-Length and chunked
hl_expect "POST with no body and no Content-Length" 411 'Content-Length' POST /human_move
post "Content-Length smaller than the body (HTTP/1.1)" 400 'not valid JSON' ok \
	--http1.1 -H 'Content-Length: 10'
hl_expect_move "chunked body (HTTP/1.1)" POST /human_move --http1.1 \
	-H 'Transfer-Encoding: chunked' --data-binary "@$D/ok"
post "chunked body over the limit" 413 'larger than' over_limit --http1.1 \
	-H 'Transfer-Encoding: chunked'
post "chunked malformed JSON" 400 'not valid JSON' truncated --http1.1 \
	-H 'Transfer-Encoding: chunked'

# ---- query strings
g() { local d=$1 st=$2 ere=$3 q=$4; shift 4; hl_expect "$d" "$st" "$ere" GET "/human_move?$q" "$@"; }
g "bad percent escape %G1" 400 'percent-escape' 'position_1=%G1'
g "truncated percent escape at the end" 400 'percent-escape' 'position_1=X%4'
g "lone %" 400 'percent-escape' 'position_1=%'
g "%00 in a value" 400 'percent-escape' 'position_1=X%00'
g "%00 in a name" 400 'percent-escape' 'position%00_1=X'
g "invalid UTF-8 %FF as a value" 400 'position_1' 'position_1=%FF'
g "repeated parameter" 400 'more than once' 'position_1=X&position_1=O'
g "repeated parameter, same value" 400 'more than once' 'position_5=X&position_5=X'
g "lowercase value" 400 'capital letters' 'position_1=x'
g "multi-character value" 400 'position_2' 'position_2=XO'
g "impossible position (two X, no O... three X)" 422 '' 'position_1=X&position_2=X&position_3=X'
hl_expect_move "unknown parameters are ignored" GET '/human_move?foo=bar&position_5=X&position_0=O&position_10=O&x'
hl_expect_move "encoded values %58 and + decode" GET '/human_move?position_1=%58&position_2=+'
long=$(head -c 3000 /dev/zero | tr '\0' 'a')
g "3000-byte query string" 414 'limit is 2048' "q=$long"
long=$(head -c 12000 /dev/zero | tr '\0' 'a')
hl_expect "12000-byte request line (HTTP/1.1)" 414 '' GET "/human_move?q=$long" --http1.1

# ---- headers
big=$(head -c 9000 /dev/zero | tr '\0' 'h')
hl_expect "one 9000-byte header (HTTP/1.1)" 400 'headers' GET /healthz --http1.1 -H "X-Big: $big"
args=()
v=$(head -c 100 /dev/zero | tr '\0' v)
for i in $(seq 1 400); do args+=(-H "X-Many-$i: $v"); done
hl_expect "400 headers of 100 bytes, 40 KB (HTTP/1.1)" 400 'headers' GET /healthz --http1.1 "${args[@]}"
hl_expect "Host with a space" 400 '' GET /docs --http1.1 -H 'Host: a b'
hl_expect "Host with a slash and a quote" 400 '' GET /docs --http1.1 -H 'Host: evil.example/"x'

# ---- methods
hl_expect "PUT" 405 'not allowed' PUT /human_move --data-binary "@$D/ok"
hl_expect "DELETE" 405 'not allowed' DELETE /human_move
hl_expect "PATCH" 405 'not allowed' PATCH /human_move --data-binary "@$D/ok"
hl_expect "unknown method BREW" 405 'not allowed' BREW /human_move
hl_expect "POST to a GET-only path" 405 'not allowed' POST /docs --data-binary '{}'
hl_expect "TRACE (refused by nginx)" 405 '' TRACE /human_move --http1.1
tt_request OPTIONS /human_move -H 'Origin: https://chat.openai.com' \
	-H 'Access-Control-Request-Method: POST'
tt_like "$TT_STATUS" '^20[04]$' "OPTIONS preflight answers 200/204"

# ---- paths
hl_expect "unknown path" 404 '' GET /nope
hl_expect "/../docs (path-as-is)" 400 '' GET /../docs --path-as-is --http1.1
hl_expect "/..%2f..%2fetc/passwd (decodes above the root)" 400 '' GET /..%2f..%2fetc/passwd --path-as-is
hl_expect "%00 in the path" 400 '' GET '/human_move%00.json' --http1.1
hl_expect "%00 at the end of the path" 400 '' GET '/docs%00' --http1.1
hl_expect "/human_move/ (trailing slash)" 404 '' GET /human_move/
hl_expect "//human_moves (unknown path)" 404 '' GET '//human_moves'
tt_request GET /docs/../healthz --path-as-is
tt_is "$TT_STATUS" 200 "/docs/../healthz is normalised by nginx to /healthz"

# ---- the lying long Content-Length, started at the top
wait "$lying_pid"
code=$(cat "$TT_DIR/lying_long.code" 2>/dev/null)
grep -q '"POST /human_move HTTP/1.1" 408 .* up=- ' "$TT_DIR/nginx/access.log"
tt_ok "Content-Length larger than the body: nginx times out (408, connection closed, got '$code'), the worker never sees it" \
	test "${code:-000}" = 000 -a $? = 0

# ---- the CGI mode: the worker reads CONTENT_LENGTH itself
cgi() { hl_expect_cgi "$@"; }
cgi "POST without CONTENT_LENGTH" 411 'Content-Length' "$D/ok"
cgi "CONTENT_LENGTH empty" 411 'Content-Length' "$D/ok" CONTENT_LENGTH=
n=$(wc -c <"$D/ok")
cgi "CONTENT_LENGTH larger than the body (lying)" 400 'body ended after' "$D/ok" CONTENT_LENGTH=$((n + 40))
cgi "CONTENT_LENGTH smaller than the body (lying)" 400 'not valid JSON' "$D/ok" CONTENT_LENGTH=10
cgi "CONTENT_LENGTH not a number" 400 'decimal' "$D/ok" CONTENT_LENGTH=12abc
cgi "CONTENT_LENGTH negative" 400 'decimal' "$D/ok" CONTENT_LENGTH=-1
cgi "CONTENT_LENGTH with a plus sign" 400 'decimal' "$D/ok" CONTENT_LENGTH=+$n
cgi "CONTENT_LENGTH with a leading space" 400 'decimal' "$D/ok" "CONTENT_LENGTH= $n"
cgi "CONTENT_LENGTH in hex" 400 'decimal' "$D/ok" CONTENT_LENGTH=0x40
cgi "CONTENT_LENGTH of 30 digits" 413 'larger than' "$D/ok" CONTENT_LENGTH=999999999999999999999999999999
cgi "CONTENT_LENGTH over the limit" 413 'larger than' "$D/mega" CONTENT_LENGTH=1048576
hl_cgi "$D/ok" CONTENT_LENGTH="$n"
tt_is "$HL_CGI_STATUS" 200 "CGI: an honest CONTENT_LENGTH still gets 200"

# ---- the workers survived all of it
hl_expect_move "a valid POST still answers" POST /human_move --data-binary "@$D/ok"
tt_is "$(tt_worker_pids)" "$pids_before" "the same worker pids answer after the catalogue ($pids_before)"
tt_ok "no crash, abort or sanitizer report in the pool log" \
	bash -c '! grep -qiE "sanitizer|runtime error:|segmentation|abort|core dumped" "$1"' _ "$TT_DIR/pool.log"
if [ -n "${TT_SAN_CHECK:-}" ]; then
	# The sanitizer build reports leaks at exit: stop the pool and look.
	tt_pool_stop
	tt_ok "sanitized workers stopped with no leak report" hl_sanitizer_clean "$TT_DIR/pool.log"
fi
tt_done
