#!/bin/bash
# api.t - every endpoint and every error class of the worker, over HTTPS
# through nginx rendered from nginx.conf.example, with a spawn-fcgi +
# multiwatch pool behind it.
source "$(dirname "$0")/../lib/stack.sh"
tt_init
tt_stack_start

json='application/json; charset=utf-8'
E=' '
board_json() {	# 9 cells ('.' empty) -> {"board": [[...],[...],[...]]}
	local s=$1 i out="" row c
	for i in 0 3 6; do
		row=""
		for c in "${s:$i:1}" "${s:$((i + 1)):1}" "${s:$((i + 2)):1}"; do
			[ "$c" != . ] || c=$E
			row+="${row:+,}\"$c\""
		done
		out+="${out:+,}[$row]"
	done
	printf '{"board":[%s]}' "$out"
}

# --- health and index
tt_request GET /healthz
tt_is "$TT_STATUS" 200 "GET /healthz answers 200"
tt_is "$TT_CTYPE" "$json" "GET /healthz is JSON in UTF-8"
tt_jq '.status == "ok"' "GET /healthz says status ok"
tt_like "$(tt_header x-request-id)" '^[0-9a-f]{32}$' "nginx adds X-Request-Id to answers"

tt_request HEAD /healthz
tt_is "$TT_STATUS" 200 "HEAD /healthz answers 200"
tt_is "$TT_BODY" "" "HEAD /healthz has no body"

tt_request GET /
tt_is "$TT_STATUS" 200 "GET / answers 200"
tt_is "$TT_CTYPE" "$json" "GET / is JSON"
tt_like "$TT_BODY" '/docs' "GET / links the document"
tt_like "$TT_BODY" '/human_move' "GET / links the move endpoint"

# --- the OpenAPI document
tt_request GET /docs
tt_is "$TT_STATUS" 200 "GET /docs answers 200"
tt_is "$TT_CTYPE" "$json" "GET /docs is JSON"
tt_jq '.openapi | startswith("3.1")' "the document is OpenAPI 3.1"
tt_jq '.servers | length == 1' "the document has exactly one server"
tt_is "$(jq -r '.servers[0].url' <<<"$TT_BODY")" "https://127.0.0.1:$TT_PORT" \
	"servers[0].url is https://127.0.0.1:PORT when reached over TLS"
docs=$TT_BODY

tt_request GET /openapi.json
tt_is "$TT_STATUS" 200 "GET /openapi.json answers 200"
tt_is "$TT_BODY" "$docs" "GET /openapi.json is the same document as /docs"

tt_request GET /docs -H 'X-Forwarded-Proto: http'
tt_like "$(jq -r ".servers[0].url" <<<"$TT_BODY")" "^https://127\\.0\\.0\\.1" \
	"a client's X-Forwarded-Proto does not change the document's scheme"

# --- moves
tt_request POST /human_move -d "$(board_json .........)"
tt_is "$TT_STATUS" 200 "POST /human_move on the empty board answers 200 (form Content-Type from curl -d)"
tt_is "$TT_CTYPE" "$json" "the move answer is JSON"
tt_jq '.status == "continue" and .winner == "No winner"' "empty board: the game continues"
tt_jq '.move == {"row": 0, "col": 0, "position": 1}' "empty board: the AI opens in the first cell (all draws, first best)"
tt_jq '.board[0][0] == "O" and ([.board[][] | select(. == "O")] | length) == 1' \
	"empty board: the answer board has the AI's one O"

tt_request POST /human_move -H 'Content-Type: application/json' -d "$(board_json XX.OO....)"
tt_is "$TT_STATUS" 200 "POST /human_move with a win for O available answers 200"
tt_jq '.move.position == 6 and .move.row == 1 and .move.col == 2' "the AI takes the winning cell"
tt_jq '.status == "end" and .winner == "O"' "after the AI's win: status end, winner O"
post_win=$TT_BODY

tt_request GET '/human_move?position_1=X&position_2=X&position_4=O&position_5=O'
tt_is "$TT_STATUS" 200 "GET /human_move with query positions answers 200"
tt_is "$(jq -cS . <<<"$TT_BODY")" "$(jq -cS . <<<"$post_win")" "GET and POST give the same answer for the same board"

tt_request GET '/human_move?position_1=X&position_2=&position_3=&position_4=&position_5=&position_6=&position_7=&position_8=&position_9='
tt_is "$TT_STATUS" 200 "GET /human_move with empty positions answers 200"
tt_jq '.move.position == 5' "X in a corner: the AI takes the centre"

tt_request POST /human_move -d "$(board_json XXXOO....)"
tt_is "$TT_STATUS" 200 "a board where X already won answers 200"
tt_jq '.status == "end" and .winner == "X" and (has("move") | not)' "game over (X line): end, winner X, no move"

tt_request POST /human_move -d "$(board_json XOXXOOOXX)"
tt_is "$TT_STATUS" 200 "a full board answers 200"
tt_jq '.status == "end" and .winner == "Draw" and (has("move") | not)' "full board: end, Draw, no move"

tt_request POST /human_move -d '{"board":[["X","",""],["","",""],["","",""]],"note":"extra keys are ignored"}'
tt_is "$TT_STATUS" 200 "empty strings as cells and unknown keys are accepted"

# --- client errors from the worker, all JSON with an error sentence
tt_request POST /human_move -d '{"board": [["X"'
tt_is "$TT_STATUS" 400 "truncated JSON answers 400"
tt_is "$TT_CTYPE" "$json" "the 400 is JSON"
tt_jq '.error | type == "string" and length > 10' "the 400 carries an error sentence"

tt_request POST /human_move -d '{"board":[["X"," "," "],[" "," "," "]]}'
tt_is "$TT_STATUS" 400 "a 2x3 board answers 400"
tt_jq '.error | length > 0' "the 2x3 400 has an error"

tt_request POST /human_move -d '{"board":[["x"," "," "],[" "," "," "],[" "," "," "]]}'
tt_is "$TT_STATUS" 400 "a lower-case cell answers 400"

tt_request POST /human_move -d "$(board_json XXXX.....)"
tt_is "$TT_STATUS" 422 "an impossible board (4 X, 0 O) answers 422"
tt_is "$TT_CTYPE" "$json" "the 422 is JSON"
tt_jq '.error | test("X"; "i")' "the 422 names what is impossible"

tt_request POST /human_move -d "$(board_json O........)"
tt_is "$TT_STATUS" 422 "O ahead of X (X's turn) answers 422"

tt_request POST /human_move
tt_is "$TT_STATUS" 411 "POST without a body answers 411"
tt_jq '.error | length > 0' "the 411 has an error"

tt_request GET /no-such-path
tt_is "$TT_STATUS" 404 "an unknown path answers 404"
tt_is "$TT_CTYPE" "$json" "the 404 is JSON"
tt_jq '.error | length > 0' "the 404 has an error"

tt_request DELETE /human_move
tt_is "$TT_STATUS" 405 "DELETE /human_move answers 405"
tt_like "$(tt_header allow)" 'POST' "the 405 lists the allowed methods in Allow"
tt_jq '.error | length > 0' "the 405 has an error"

tt_request PUT /healthz -d x
tt_is "$TT_STATUS" 405 "PUT /healthz answers 405"
tt_like "$(tt_header allow)" 'GET' "Allow for /healthz has GET"

# --- CORS preflight
tt_request OPTIONS /human_move -H 'Origin: https://example.org' \
	-H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type'
tt_like "$TT_STATUS" '^20[04]$' "an OPTIONS preflight answers 200/204"
tt_like "$(tt_header access-control-allow-origin)" '.' "the preflight has Access-Control-Allow-Origin"
tt_like "$(tt_header access-control-allow-methods)" 'POST' "the preflight allows POST"

# --- privacy
tt_request GET /privacy
tt_is "$TT_STATUS" 200 "GET /privacy answers 200"
tt_is "$TT_CTYPE" "$json" "GET /privacy is JSON by default"
tt_jq '[.. | strings] | join(" ") | length > 10' "the privacy answer has a statement"

tt_request GET /privacy -H 'Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8'
tt_is "$TT_STATUS" 200 "GET /privacy for a browser answers 200"
tt_like "$TT_CTYPE" '^text/html' "a browser gets the privacy statement as HTML"
tt_like "$TT_BODY" '<html|<!DOCTYPE|<!doctype' "the HTML privacy page is a page"

# --- every recorded answer is well-formed
bad=$(jq -r 'select(.method != "HEAD" and (.content_type | startswith("application/json")))
	| select((.body | fromjson? | type) != "object") | "\(.method) \(.path) \(.status)"' "$TT_RECORD")
tt_is "$bad" "" "every JSON answer so far is a JSON object"
# /hint through the stack: an answer, a malformed board, an impossible one.
tt_request GET '/hint?position_1=X&position_2=O'
tt_is "$TT_STATUS" 200 "GET /hint answers 200"
tt_jq '(.moves | length) == 7 and (.best | length) >= 1' "it lists the 7 empty cells and the best ones"
tt_request GET '/hint?position_1=Z'
tt_is "$TT_STATUS" 400 "GET /hint with a bad cell is a 400"
tt_request GET '/hint?position_1=O&position_2=O'
tt_is "$TT_STATUS" 422 "GET /hint on an impossible board is a 422"
tt_request POST /hint -H 'Content-Type: application/json' \
	--data '{"board":[["X","O"," "],[" "," "," "],[" "," "," "]]}'
tt_is "$TT_STATUS" 200 "POST /hint answers 200"
tt_request POST /hint -H 'Content-Type: application/json' \
	--data '{"board":[["X","O"," "]]}'
tt_is "$TT_STATUS" 400 "POST /hint with a malformed board is a 400"
tt_request POST /hint -H 'Content-Type: application/json' \
	--data '{"board":[["X","X"," "],[" "," "," "],[" "," "," "]]}'
tt_is "$TT_STATUS" 422 "POST /hint when it is not the human's turn is a 422"

bad=$(jq -r 'select(.status >= 400 and .method != "HEAD")
	| select((.body | fromjson? | .error | type) != "string") | "\(.method) \(.path) \(.status)"' "$TT_RECORD")
tt_is "$bad" "" "every error answer so far has an error string"

tt_done
