#!/bin/bash
# privacy.t - the privacy statement tells the truth about the logs.
#
# Through the shipped stack (nginx.conf.example + a worker pool), a board is
# sent by GET and by POST with ChatGPT's openai-conversation-id and
# openai-gpt-id headers; then neither the board nor the ids may appear in
# any log (the workers' stderr, nginx's access and error logs), and every
# field the worker's request line does hold must be named by /privacy.
# Then again with log_openai_ids = true: the statement names the ids, and
# the worker's log holds them (and still no board).
source "$(dirname "$0")/../lib/stack.sh"
tt_init

board='{"board":[["X"," "," "],[" ","O"," "],[" "," ","X"]]}'
query='position_1=X&position_5=O&position_9=X'

# send_board CONV GPT: the board by GET and by POST, with both ids.
send_board() {
	tt_request GET "/human_move?$query" -H "openai-conversation-id: $1" -H "openai-gpt-id: $2"
	tt_is "$TT_STATUS" 200 "GET /human_move with a board in the query answers 200"
	tt_request POST /human_move -H 'Content-Type: application/json' \
		-H "openai-conversation-id: $1" -H "openai-gpt-id: $2" -d "$board"
	tt_is "$TT_STATUS" 200 "POST /human_move with a board answers 200"
	sleep 0.3	# let nginx and the workers write their lines
}

all_logs() { cat "$TT_DIR/pool.log" "$TT_DIR"/nginx/*.log 2>/dev/null; }

# The worker's per-request line(s) for /human_move, e.g.
#   ... info request method="GET" path="/human_move" status=200 ...
worker_lines() { grep -E ' request .*"/human_move"' "$TT_DIR/pool.log"; }

# Each key=value field of the worker's request lines that holds a value
# must be named by the statement ($1); prints the unnamed ones.
unnamed_fields() {
	local statement=$1 key val want
	while read -r key val; do
		[ "$val" != - ] && [ "$val" != '""' ] || continue
		case "$key" in
		method) want='method' ;;
		path) want='path without the query string' ;;
		status) want='status code' ;;
		us|ms|duration*|dur*|elapsed*|time_*) want='duration' ;;
		request_id|rid|id) want='request id' ;;
		conversation*|gpt*) want='openai-conversation-id and openai-gpt-id headers that ChatGPT sends' ;;
		level|event|pid) want='' ;;
		*) echo "$key (no rule in this test: name it in the statement)"; continue ;;
		esac
		[ -z "$want" ] || [[ $statement == *"$want"* ]] || echo "$key (\"$want\")"
	done < <(worker_lines | grep -oE '[a-z_]+=("[^"]*"|[^ ]*)' | sed 's/=/ /' | sort -u)
}

# ---------------------------------------------------------------- defaults
tt_stack_start
conv=conv-$RANDOM$RANDOM-private gpt=g-$RANDOM$RANDOM-private
send_board "$conv" "$gpt"
logs=$(all_logs)

tt_ok "the workers logged the requests" test -n "$(worker_lines)"
tt_ok "nginx logged the requests" grep -q ' /human_move ' "$TT_DIR/nginx/access.log"
tt_unlike "$logs" 'position_[0-9]' "no log holds the board of the GET query"
tt_unlike "$logs" '\?position|human_move\?' "no log holds a query string"
tt_unlike "$logs" '"board"|\[\[' "no log holds the board of the POST body"
tt_unlike "$logs" "$conv" "no log holds the openai-conversation-id by default"
tt_unlike "$logs" "$gpt" "no log holds the openai-gpt-id by default"

tt_request GET /privacy
statement=$(jq -r .privacy <<<"$TT_BODY")
tt_like "$statement" 'does not record boards, query strings' "the statement says boards are not logged"
tt_like "$statement" 'conversation and GPT ids\.' "the statement says the OpenAI ids are not logged"
tt_unlike "$statement" 'openai-gpt-id headers that ChatGPT sends' "the statement does not claim to keep the ids"
tt_is "$(unnamed_fields "$statement")" "" "the statement names every field of the worker's request line"
tt_like "$statement" 'access log: the client.s IP address' "the statement names the address nginx logs"
tt_ok "nginx's access log holds the address the statement names" grep -q '^127\.0\.0\.1 ' "$TT_DIR/nginx/access.log"
tt_like "$statement" '14 days' "the statement says how long nginx's logs are kept"
tt_like "$statement" 'journal' "the statement says where the worker's lines go"
tt_unlike "$statement" 'Contact:' "no contact line when privacy_contact is empty"

tt_request GET /privacy -H 'Accept: text/html,application/xhtml+xml,*/*;q=0.8'
tt_like "$TT_CTYPE" '^text/html' "a browser gets the statement as a page"
tt_like "$TT_BODY" 'does not record boards' "the page says the same"

# ---------------------------------------------------------------- with the ids
tt_stack_stop
TT_CONF="" TT_WORKER_CONF=$'log_openai_ids = true\nprivacy_contact = privacy@example.com'
: >"$TT_DIR/pool.log"
tt_stack_start
conv=conv-$RANDOM$RANDOM-logged gpt=g-$RANDOM$RANDOM-logged
send_board "$conv" "$gpt"
logs=$(all_logs)

tt_request GET /privacy
statement=$(jq -r .privacy <<<"$TT_BODY")
tt_like "$statement" 'openai-conversation-id and openai-gpt-id headers that ChatGPT sends' \
	"with log_openai_ids the statement names the ids"
tt_like "$(worker_lines)" "$conv" "with log_openai_ids the worker's log holds the conversation id"
tt_like "$(worker_lines)" "$gpt" "with log_openai_ids the worker's log holds the GPT id"
tt_is "$(unnamed_fields "$statement")" "" "the statement still names every logged field"
tt_unlike "$(cat "$TT_DIR"/nginx/*.log)" "$conv" "nginx's logs still hold no conversation id"
tt_unlike "$logs" 'position_[0-9]|"board"|\[\[' "still no log holds a board"
tt_like "$statement" 'Contact: privacy@example\.com$' "privacy_contact adds the contact line"

tt_done
