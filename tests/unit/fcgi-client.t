#!/bin/bash
# fcgi-client.t - tests/lib/fcgi-client, the FastCGI client the hostile and
# fault tests rely on: its requests are answered by the worker on its own
# socket, its stalls stop at the byte asked for, and a hold notices when
# the other side closes.  A broken client would make those tests pass for
# the wrong reason.
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
W=${TTT_WORKER:-$PWD/fcgi/ttt-fcgi}
C=$PWD/tests/lib/fcgi-client
T=$(mktemp -d /tmp/ttt-fcgi-client-t.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT
command -v python3 >/dev/null || tt_bail "python3 is missing"

BOARD='{"board":[["X","X"," "],["O","O"," "],[" "," "," "]]}'
printf '%s' "$BOARD" >"$T/board.json"

"$W" --allow-root --threads 2 --socket "$T/sock" 2>"$T/log" </dev/null &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$T/sock" ] && break; sleep 0.1; done

out=$("$C" --socket "$T/sock" --show); rc=$?
tt_is "$rc" 0 "a GET /healthz is ended by the worker (exit 0)"
tt_like "$out" '\{"status":"ok"\}' "... and answered with status ok"

out=$("$C" --socket "$T/sock" --method POST --uri /human_move --body-file "$T/board.json" --show)
tt_is "$(sed '1,/^\r$/d' <<<"$out" | jq -r .move.position)" 6 "a POST body reaches the worker (the AI wins on 6)"

out=$("$C" "$T/sock" --count 20 --uri '/human_move?position_1=X')
tt_is "$out" "sent=20 status=200:20" "--count 20: twenty answers, all 200"

big=$(head -c 70000 /dev/zero | tr '\0' ' ')
out=$("$C" --socket "$T/sock" --method POST --uri /human_move --body "$big$BOARD" --show)
tt_like "$(head -n 1 <<<"$out")" '^Status: 413' "a 70000-byte body (two STDIN records) gets the worker's 413, not a broken stream"

out=$("$C" --socket "$T/sock" --only-params --param REQUEST_METHOD=GET \
	--param DOCUMENT_URI=/nope --show)
tt_like "$(head -n 1 <<<"$out")" '^Status: 404' "--only-params sends just the given parameters"

"$C" --dump --method POST --uri /human_move --body-file "$T/board.json" >"$T/req.bin"
tt_is "$(od -An -tu1 -N8 "$T/req.bin" | tr -s ' ')" " 1 1 0 1 0 8 0 0" \
	"--dump starts with a BEGIN_REQUEST header (version 1, type 1, id 1, length 8)"
out=$("$C" --socket "$T/sock" --raw-file "$T/req.bin" --show)
tt_is "$(sed '1,/^\r$/d' <<<"$out" | jq -r .move.position)" 6 "--raw-file sends the dumped bytes as they are"

for where in header params stdin; do
	out=$("$C" --socket "$T/sock" --method POST --uri /human_move \
		--body-file "$T/board.json" --stall-at "$where" --hold 0.3 2>"$T/err"); rc=$?
	tt_like "$out" '^stall bytes=[0-9]+ held=0\.[0-9]+ peer=open answered=0$' "--stall-at $where: held 0.3 s, connection open"
	tt_like "$(cat "$T/err")" '^stalled after [0-9]+ bytes' "--stall-at $where: says where it stalled"
done
n_hdr=$("$C" --socket "$T/sock" --stall-at header --hold 0 2>/dev/null | sed 's/.*bytes=\([0-9]*\).*/\1/')
tt_is "$n_hdr" 4 "mid-header stops 4 bytes into the first record header"

out=$("$C" --socket "$T/sock" --method POST --uri /human_move --body-file "$T/board.json" \
	--stall-at stdin --hold 0.3 --then finish 2>/dev/null); rc=$?
tt_is "$rc" 0 "--then finish: the rest is sent after the hold and the request ends"
tt_like "$out" '"position":6' "... with the answer"

out=$("$C" --socket "$T/sock" --stall-after-bytes 0 --hold 0.2 2>/dev/null); rc=$?
tt_like "$out/$rc" '^stall bytes=0 held=0\.2[0-9] peer=open answered=0/0$' "--stall-after-bytes 0 holds a silent connection"

# A listener that accepts and closes after 0.3 s: the hold must see it.
python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)
c, _ = s.accept(); time.sleep(0.3); c.close(); time.sleep(2)' "$T/closer" &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$T/closer" ] && break; sleep 0.05; done
out=$("$C" --socket "$T/closer" --stall-after-bytes 0 --hold 3 2>/dev/null); rc=$?
tt_is "$rc" 3 "a peer that closes during the hold: exit 3"
tt_like "$out" 'peer=closed@0\.[3-9]' "... and the second it closed is reported ($out)"

"$C" --socket "$T/none.sock" >/dev/null 2>&1; rc=$?
tt_is "$rc" 1 "no socket: exit 1"
"$C" --socket "$T/sock" --bogus >/dev/null 2>&1; rc=$?
tt_is "$rc" 2 "an unknown option: exit 2"

tt_done
