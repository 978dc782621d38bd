#!/bin/bash
# post-board.t - the user tool tests/post-board against the real stack over
# HTTPS with an API key: the three ways to give a board, the grids, --raw,
# --json and --get, the game options (--ai, --move, --level, --seed, --hint),
# the key from TTT_API_KEY or --api-key-file and never on a command line,
# -v, --max-time, bare host:port addresses, and a non-zero exit with the
# error and the answer's X-Request-Id printed on an error answer.
# A small recording HTTP server beside the stack shows what post-board
# sends byte for byte, and answers slowly when asked to.
source "$(dirname "$0")/../lib/stack.sh"
tt_init

KEY=ttt-post-board-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$KEY" >"$TT_DIR/api.key"
if [ "$(id -u)" -eq 0 ]; then chown root:nogroup "$TT_DIR/api.key"; fi
chmod 0640 "$TT_DIR/api.key"
TT_WORKER_CONF="api_key_file = $TT_DIR/api.key"
tt_stack_start

pb() { TTT_API_KEY=$KEY "$TT_REPO/tests/post-board" --cacert "$TT_CERT" "$@"; }

out=$(pb "$TT_URL" 'XX.OO....' 2>&1); rc=$?
tt_is "$rc" 0 "a 9-cell board: exit 0"
tt_like "$out" 'Board sent:' "it prints the board sent"
tt_like "$out" 'O \| O \| O' "it prints the board after the AI's move as a grid"
tt_like "$out" 'AI \(O\) plays row 2, column 3 \(position 6\)' "it prints the AI's move"
tt_like "$out" 'Status: end +Winner: O' "it prints status and winner"

out=$(pb --raw "$TT_URL/human_move" 'x........' 2>&1); rc=$?
tt_is "$rc" 0 "--raw with a lower-case board and a /human_move URL: exit 0"
tt_is "$(jq -c .move <<<"$out")" '{"row":1,"col":1,"position":5}' "--raw prints the answer"

out=$(pb --get --raw "$TT_URL" 'XX.OO....' 2>&1)
tt_is "$(jq -r .move.position <<<"$out")" 6 "--get sends the board as query parameters"

printf '{"board":[["X","X","X"],["O","O",""],["","",""]]}' >"$TT_DIR/board.json"
out=$(pb "$TT_URL" "$TT_DIR/board.json" 2>&1); rc=$?
tt_is "$rc" 0 "a JSON file: exit 0"
tt_like "$out" 'does not move' "a finished game: it says the AI does not move"
tt_like "$out" 'Winner: X' "a finished game: winner X"

out=$(echo 'X..O.....' | pb --raw "$TT_URL" - 2>&1); rc=$?
tt_is "$rc" 0 "cells on stdin: exit 0"
TT_BODY=$out tt_jq '.status == "continue"' "cells on stdin are posted"

out=$(pb "$TT_URL" 'XX.OO....' 2>&1)
tt_like "$out" ' X \| X \| 3 ' "it draws the board as the service's board_text"
tt_like "$out" 'The AI \(O\) plays position 6 and wins with the line 4-5-6\.' "it prints the message"

out=$(pb --move 9 "$TT_URL" 'X...O....' 2>&1); rc=$?
tt_is "$rc" 0 "--move: exit 0"
tt_like "$out" 'Human plays row 3, column 3 \(position 9\)' "--move: the human's move is placed and shown"
tt_like "$out" 'X plays position 9, then the AI \(O\) plays position' "--move: the message names both moves"

out=$(pb --raw --ai x --level easy --seed 5 "$TT_URL" '.........' 2>&1); rc=$?
tt_is "$rc" 0 "--ai x (any case), --level, --seed: exit 0"
TT_BODY=$out tt_jq '[.board[][] | select(. == "X")] | length == 1' "--ai X: the AI opens as X"
out2=$(pb --raw --ai X --level easy --seed 5 "$TT_URL" '.........' 2>&1)
tt_is "$out2" "$out" "the same level and seed give the same answer"

out=$(pb --get --raw --move 3 --level medium --seed 2 "$TT_URL" 'XX.OO....' 2>&1)
TT_BODY=$out tt_jq '.human.position == 3 and .winner == "X" and (.move | not)' \
	"--get sends the options as query parameters (X wins with its move)"

out=$(pb --ai X "$TT_URL" 'X........' 2>&1)
tt_like "$out" "HTTP 422: It is O's turn, not the AI's \\(X\\)" "--ai X when it is O's turn: the 422 is printed"

out=$(pb --hint "$TT_URL" 'XO.......' 2>&1); rc=$?
tt_is "$rc" 0 "--hint: exit 0"
tt_like "$out" 'position 4 \(row 2, column 1\): X wins' "--hint lists the moves with their results"
tt_like "$out" 'Best: 4, 5, 7' "--hint prints the best positions"

out=$(pb --hint --get --raw "$TT_URL/human_move" 'XO.......' 2>&1)
TT_BODY=$out tt_jq '.best == [4,5,7]' "--hint --get on a /human_move URL asks /hint"

out=$(pb --move 10 "$TT_URL" 'X........' 2>&1); rc=$?
tt_is "$rc" 2 "--move 10: exit 2 (usage)"
out=$(pb --level expert "$TT_URL" 'X........' 2>&1); rc=$?
tt_is "$rc" 1 "--level expert: the service's 400, exit 1"
tt_like "$out" 'HTTP 400: "level" must be' "--level expert: the error is printed"

out=$(pb "$TT_URL" 'XXXX.....' 2>&1); rc=$?
tt_is "$rc" 1 "an impossible board: exit 1"
tt_like "$out" 'HTTP 422: .+' "the error answer is printed with its status"

out=$(printf '{"board": [' | pb "$TT_URL" - 2>&1); rc=$?
tt_is "$rc" 1 "bad JSON on stdin: exit 1"
tt_like "$out" 'HTTP 400' "bad JSON: the 400 is printed"

out=$(pb "$TT_URL" 'nine?' 2>&1); rc=$?
tt_is "$rc" 2 "a malformed BOARD argument: exit 2 (usage)"

port=$(tt_free_port)
out=$(pb "http://127.0.0.1:$port" 'X........' 2>&1); rc=$?
tt_is "$rc" 3 "no service at the URL: exit 3"
tt_like "$out" 'no answer' "no service: it says so"

out=$("$TT_REPO/tests/post-board" --help); rc=$?
tt_is "$rc" 0 "--help exits 0"
tt_like "$out" 'Usage: tests/post-board' "--help prints the usage"

tt_done
