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
# shellcheck disable=SC2034 # read by tt_stack_start
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

# ---- the key: from TTT_API_KEY or --api-key-file, never on a command line
out=$("$TT_REPO/tests/post-board" --cacert "$TT_CERT" "$TT_URL" 'X........' 2>&1); rc=$?
tt_is "$rc" 1 "no key: the service's 401, exit 1"
tt_like "$out" 'HTTP 401: ' "no key: the 401's sentence is printed"
rid=$(sed -n 's/.*(X-Request-Id: \([0-9a-f]*\))$/\1/p' <<<"$out")
tt_like "$rid" '^[0-9a-f]{32}$' "an error prints the answer's X-Request-Id"
tt_like "$(grep -c "rid=$rid " "$TT_DIR/nginx/access.log" 2>/dev/null)" '^1$' \
	"the printed request id is the one nginx logged for that request"

out=$(TTT_API_KEY='' "$TT_REPO/tests/post-board" --cacert "$TT_CERT" --api-key-file "$TT_DIR/api.key" \
	--raw "$TT_URL" 'X........' 2>&1); rc=$?
tt_is "$rc" 0 "--api-key-file: the key is read from the file, exit 0"
tt_is "$(jq -r .move.position <<<"$out")" 5 "--api-key-file: the move is played"

out=$(pb --api-key "$KEY" "$TT_URL" 'X........' 2>&1); rc=$?
tt_is "$rc" 2 "--api-key VALUE is refused: exit 2 (usage)"
tt_like "$out" 'TTT_API_KEY.*--api-key-file' "--api-key VALUE: the message names the two ways"
tt_unlike "$out" 'HTTP ' "--api-key VALUE: nothing is sent"
out=$(pb --api-key="$KEY" "$TT_URL" 'X........' 2>&1); rc=$?
tt_is "$rc" 2 "--api-key=VALUE is refused: exit 2 (usage)"
tt_unlike "$out" "$KEY" "--api-key=VALUE: the refusal does not echo the key"

# A curl on PATH that records its command line, then runs the real one.
mkdir -p "$TT_DIR/wrap"
printf '#!/bin/bash\nprintf "%%s\\n" "$*" >>%q\nexec %q "$@"\n' \
	"$TT_DIR/curl-argv" "$(command -v curl)" >"$TT_DIR/wrap/curl"
chmod 0755 "$TT_DIR/wrap/curl"
out=$(PATH=$TT_DIR/wrap:$PATH pb "$TT_URL" 'X........' 2>&1); rc=$?
tt_is "$rc" 0 "through the recording curl: exit 0 (the key reached the service)"
argv=$(cat "$TT_DIR/curl-argv" 2>/dev/null)
tt_like "$argv" '/human_move' "the recording curl saw the request"
tt_unlike "$argv" "$KEY" "the key is not on curl's command line"
tt_like "$argv" '--max-time 10( |$)' "curl always gets a --max-time, 10 s by default"
: >"$TT_DIR/curl-argv"
PATH=$TT_DIR/wrap:$PATH pb --max-time 2.5 "$TT_URL" 'X........' >/dev/null 2>&1
tt_like "$(cat "$TT_DIR/curl-argv")" '--max-time 2\.5( |$)' "--max-time S is passed to curl"

# ---- a recording HTTP server: what post-board sends, byte for byte
cat >"$TT_DIR/recorder.py" <<'PY'
"""One JSON line per request in DIR/requests.jsonl; answers DIR/answer
(200) with an X-Request-Id; sleeps 5 s first while DIR/slow exists."""
import http.server, json, os, sys, time

d = sys.argv[1]

class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode("utf-8", "replace")
        with open(os.path.join(d, "requests.jsonl"), "a") as f:
            f.write(json.dumps({"line": self.requestline,
                                "headers": {k.lower(): v for k, v in self.headers.items()},
                                "body": body}) + "\n")
        if os.path.exists(os.path.join(d, "slow")):
            time.sleep(5)
        with open(os.path.join(d, "answer"), "rb") as f:
            out = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.send_header("X-Request-Id", "recorder-0001")
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = answer

    def log_message(self, *args):
        pass

s = http.server.HTTPServer(("127.0.0.1", 0), H)
with open(os.path.join(d, "port.tmp"), "w") as f:
    f.write(str(s.server_address[1]))
os.rename(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
s.serve_forever()
PY
R=$TT_DIR/recorder
mkdir -p "$R"
# An answer with odd spacing and no final newline: --raw must keep both.
printf '{"board": [["X","",""],["","O",""],["","",""]],  "move":{"row":1,"col":1,"position":5},\n "status":"continue","winner":"none"}' >"$R/answer"
python3 "$TT_DIR/recorder.py" "$R" </dev/null >"$R/log" 2>&1 &
TT_EXTRA_PIDS="${TT_EXTRA_PIDS:-} $!"
for _ in $(seq 50); do [ -s "$R/port" ] && break; sleep 0.1; done
RPORT=$(cat "$R/port" 2>/dev/null)
[ -n "$RPORT" ] || tt_bail "the recording server did not start: $(cat "$R/log")"
last() { tail -n 1 "$R/requests.jsonl"; }

out=$(pb 127.0.0.1:"$RPORT" 'X........' 2>&1); rc=$?
tt_is "$rc" 0 "a bare host:port address: exit 0"
H=127.0.0.1:$RPORT TT_BODY=$(last) tt_jq '.line == "POST /human_move HTTP/1.1" and .headers.host == $ENV.H' \
	"a bare host:port is http://host:port/human_move"

out=$(pb -v --max-time 2 127.0.0.1:443 'X........' 2>&1)
tt_like "$out" 'post-board: POST https://127\.0\.0\.1:443/human_move' "a bare host:443 is https://"

pb --raw "127.0.0.1:$RPORT" 'X........' >"$R/raw.out" 2>"$R/raw.err"; rc=$?
tt_is "$rc" 0 "--raw: exit 0"
tt_ok "--raw prints the body exactly as received (spacing, no final newline)" cmp -s "$R/raw.out" "$R/answer"

out=$(pb --json "127.0.0.1:$RPORT" 'X...O....' 2>&1); rc=$?
tt_is "$rc" 0 "--json: exit 0"
TT_BODY=$(last) tt_jq '.line == "POST /human_move HTTP/1.1"
	and (.headers["content-type"] == "application/json")
	and ((.body | fromjson) == {board: [["X"," "," "],[" ","O"," "],[" "," "," "]]})' \
	"--json sends a POST with the board as a JSON body"
out=$(pb "127.0.0.1:$RPORT" 'X...O....' 2>&1)
TT_BODY=$(last) tt_jq '.line | startswith("POST /human_move ")' "the JSON POST is the default"
out=$(pb --get "127.0.0.1:$RPORT" 'X...O....' 2>&1)
TT_BODY=$(last) tt_jq '.line == "GET /human_move?position_1=X&position_2=&position_3=&position_4=&position_5=O&position_6=&position_7=&position_8=&position_9= HTTP/1.1" and .body == ""' \
	"--get sends a GET with query parameters and no body"
out=$(pb --json --get "127.0.0.1:$RPORT" 'X........' 2>&1); rc=$?
tt_is "$rc" 2 "--json with --get: exit 2 (usage)"

out=$(TTT_API_KEY='' "$TT_REPO/tests/post-board" --api-key-file "$TT_DIR/api.key" "127.0.0.1:$RPORT" 'X........' 2>&1)
K="Bearer $KEY" TT_BODY=$(last) tt_jq '.headers.authorization == $ENV.K' \
	"the key is sent as Authorization: Bearer by default"
out=$(pb --api-key-type custom --api-key-header X-Game-Key "127.0.0.1:$RPORT" 'X........' 2>&1)
K=$KEY TT_BODY=$(last) tt_jq '.headers["x-game-key"] == $ENV.K and (.headers.authorization | not)' \
	"--api-key-type custom sends the key in --api-key-header"

# While a request hangs on the slow server, no command line shows the key.
touch "$R/slow"
pb "127.0.0.1:$RPORT" 'X........' >/dev/null 2>&1 &
pbpid=$!
seen=""
for _ in $(seq 40); do
	# shellcheck disable=SC2009 # the command lines are the point, not pids
	seen=$(ps -eo args | grep "[c]url .*127.0.0.1:$RPORT")
	[ -z "$seen" ] || break
	sleep 0.1
done
snapshot=$(ps -eo args)
wait "$pbpid"
rm -f "$R/slow"
tt_like "$seen" 'curl ' "ps shows curl while the request runs"
tt_unlike "$snapshot" "$KEY" "... and no process's command line holds the key"

touch "$R/slow"
out=$(pb --max-time 1 "127.0.0.1:$RPORT" 'X........' 2>&1); rc=$?
rm -f "$R/slow"
tt_is "$rc" 4 "--max-time 1 on a slow answer: exit 4"
tt_like "$out" 'within 1 s' "--max-time: it says it gave up"

# ---- -v: the exchange on stderr, the key redacted
pb -v "$TT_URL" 'X........' >"$TT_DIR/v.out" 2>"$TT_DIR/v.err"; rc=$?
verr=$(cat "$TT_DIR/v.err")
tt_is "$rc" 0 "-v: exit 0"
tt_like "$verr" $'(^|\n)> POST /human_move HTTP/1\\.1(\n|$)' "-v shows the request line"
tt_like "$verr" $'(^|\n)> Content-Type: application/json(\n|$)' "-v shows the request headers"
tt_like "$verr" $'(^|\n)< HTTP/1\\.1 200 OK(\n|$)' "-v shows the response status"
tt_like "$verr" $'(^|\n)< X-Request-Id: [0-9a-f]{32}(\n|$)' "-v shows the response headers"
tt_like "$verr" $'(^|\n)> Authorization: \\[redacted\\](\n|$)' "-v shows the key's header redacted"
tt_unlike "$verr" "$KEY" "-v: the key is not in the trace"
tt_like "$(cat "$TT_DIR/v.out")" 'Board now:' "-v: the grids still go to stdout"

out=$("$TT_REPO/tests/post-board" --help); rc=$?
tt_is "$rc" 0 "--help exits 0"
tt_like "$out" 'Usage: tests/post-board' "--help prints the usage"

tt_done
