#!/bin/bash
# security.t - who gets in and what leaks:
#   - the worker refuses uid 0 unless --allow-root; under spawn-fcgi -u the
#     workers run unprivileged;
#   - the pool's socket and the worker's own --socket are mode 0660;
#   - with api_key_file set: a missing or wrong key gets 401, the right one
#     200; the key appears in no log even at log_level = debug;
#   - a client's X-Forwarded-Proto does not change the document's scheme
#     (nginx replaces the header), even with trust_forwarded_proto = true;
#   - a malformed Host, or a plain one that is not the service's (not in
#     allowed_hosts), never reaches the document: nginx's 400 or a JSON 421.
set -u
source "$(dirname "$0")/../lib/stack.sh"
source "$(dirname "$0")/lib.sh"
TT_RATE=1000r/s TT_BURST=1000
tt_init
B='{"board":[["X"," "," "],[" "," "," "],[" "," "," "]]}'

# ---- root
if [ "$(id -u)" -eq 0 ]; then
	env -i PATH="$PATH" timeout 5 "$TTT_WORKER" --socket "$TT_DIR/root.sock" \
		>"$TT_DIR/root.out" 2>&1
	rc=$?
	tt_ok "as root without --allow-root the worker refuses to start (exit $rc)" \
		test "$rc" -ne 0 -a "$rc" -ne 124
	tt_like "$(cat "$TT_DIR/root.out")" 'root' "... and says why: $(head -c 100 "$TT_DIR/root.out")"
	tt_ok "... and creates no socket" test ! -e "$TT_DIR/root.sock"
	(umask 000; exec env -i PATH="$PATH" "$TTT_WORKER" --allow-root \
		--socket "$TT_DIR/own.sock" >"$TT_DIR/own.log" 2>&1) &
	own=$!
	for i in $(seq 1 50); do [ -S "$TT_DIR/own.sock" ] && break; sleep 0.05; done
	tt_is "$(stat -c %a "$TT_DIR/own.sock" 2>/dev/null)" 660 \
		"with --allow-root it serves; its own --socket is 0660 even under umask 000"
	kill -TERM "$own"; wait "$own"
	tt_is "$?" 0 "... and SIGTERM stops it with exit 0"
else
	tt_skip "the worker refuses to start as root" "not root: the root guard is not exercised here"
fi

# ---- the stack with an API key and debug logging
KEY=ttt-hardening-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$KEY" >"$TT_DIR/api.key"
if [ "$(id -u)" -eq 0 ]; then chown root:nogroup "$TT_DIR/api.key"; fi
chmod 0640 "$TT_DIR/api.key"
TT_WORKER_CONF="log_level = debug
api_key_file = $TT_DIR/api.key
trust_forwarded_proto = true
allowed_hosts = ttt.example.org"
tt_stack_start

tt_is "$(stat -c %a "$TT_SOCKET")" 660 "the pool's unix socket is mode 0660"
users=$(for p in $(tt_worker_pids); do ps -o user= -p "$p"; done | sort -u | tr '\n' ' ')
if [ "$(id -u)" -eq 0 ]; then
	tt_is "$users" "nobody " "spawn-fcgi -u dropped the workers' privileges (they run as: $users)"
fi

hl_expect "no Authorization header: 401" 401 '' POST /human_move --data-binary "$B"
tt_like "$(tt_header WWW-Authenticate)" '^Bearer' "... with WWW-Authenticate: Bearer"
hl_expect "wrong key: 401" 401 '' POST /human_move --data-binary "$B" \
	-H "Authorization: Bearer wrong-$KEY"
hl_expect "the key with one character less: 401" 401 '' POST /human_move --data-binary "$B" \
	-H "Authorization: Bearer ${KEY%?}"
hl_expect "the key with one character more: 401" 401 '' POST /human_move --data-binary "$B" \
	-H "Authorization: Bearer ${KEY}x"
hl_expect "the key as Basic credentials: 401" 401 '' POST /human_move --data-binary "$B" \
	-H "Authorization: Basic $(printf '%s' "$KEY" | base64 -w0)"
hl_expect "GET /human_move without the key: 401" 401 '' GET '/human_move?position_1=X'
hl_expect_move "the right key: 200 (POST)" POST /human_move --data-binary "$B" \
	-H "Authorization: Bearer $KEY"
hl_expect_move "the right key: 200 (GET)" GET '/human_move?position_1=X' \
	-H "Authorization: Bearer $KEY"
tt_request GET /docs
tt_is "$TT_STATUS" 200 "/docs stays readable without the key (the GPT builder imports it)"
tt_jq '[.components.securitySchemes[]? | select(.type == "http" and .scheme == "bearer")] | length == 1' \
	"the document declares one bearer securityScheme"
tt_request GET /healthz
tt_is "$TT_STATUS" 200 "/healthz answers load balancers without the key"

# ---- X-Forwarded-Proto and Host
url() { jq -r '.servers[0].url' <<<"$TT_BODY"; }
tt_request GET /docs -H 'X-Forwarded-Proto: http'
tt_like "$(url)" '^https://' "over HTTPS a forged X-Forwarded-Proto: http leaves the scheme https ($(url))"
tt_request GET /docs -H 'Host: ttt.example.org:8443'
tt_like "$(url)" '^https://ttt\.example\.org(:[0-9]+)?$' "a Host in allowed_hosts is used for the server URL ($(url))"
tt_request GET /docs -H 'Host: evil.example'
tt_is "$TT_STATUS $(jq -r '.error | type' <<<"$TT_BODY")" "421 string" \
	"a plain Host that is not the service's gets a JSON 421"
tt_unlike "$TT_BODY" 'evil' "... which does not name it"
for h in 'evil.example@attacker.example' 'evil.example:80:80' 'evil.example:port' \
	'evil_example.com' '[::1' 'evil.example.' "$(head -c 300 /dev/zero | tr '\0' a).example"; do
	tt_request GET /docs --http1.1 -H "Host: $h"
	if [ "$TT_STATUS" = 421 ]; then
		tt_unlike "$TT_BODY" 'evil|attacker|aaaaaaaaaa' \
			"malformed Host '$(printf '%.40s' "$h")' gets the worker's 421, naming nothing"
	elif [ "$TT_STATUS" = 200 ]; then
		# nginx may reduce it to its plain host part (evil.example:80:80 ->
		# evil.example); what the document shows must be plain, never the
		# malformed value itself.
		u=$(url)
		if [[ $u =~ ^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?$ ]] && [ "$u" != "https://$h" ] &&
		   [[ $u != *attacker* && $u != *aaaaaaaaaa* && $u != *'[::1'* ]]; then
			tt_pass "malformed Host '$(printf '%.40s' "$h")' does not reach the document ($u)"
		else
			tt_fail "malformed Host '$(printf '%.40s' "$h")' reached the document ($u)"
		fi
	else
		tt_like "$TT_STATUS" '^400$' "malformed Host '$(printf '%.40s' "$h")' is refused by nginx (400)"
	fi
done
logs=("$TT_DIR/pool.log" "$TT_DIR/nginx/error.log" "$TT_DIR/nginx/access.log")
tt_ok "the worker really logged at debug level (request headers are in the log)" \
	grep -qi 'authorization' "$TT_DIR/pool.log"
tt_ok "the API key appears in no log (pool, nginx error and access logs)" \
	bash -c '! grep -qF -- "$1" "${@:2}"' _ "$KEY" "${logs[@]}"

# ---- plain HTTP, trust_forwarded_proto = true: nginx overwrites the header
tt_stack_stop
TT_TLS=0 TT_CONF=""
TT_WORKER_CONF="trust_forwarded_proto = true"
tt_stack_start
tt_request GET /docs -H 'X-Forwarded-Proto: https'
tt_like "$(url)" '^http://' "over plain HTTP a forged X-Forwarded-Proto: https does not make the scheme https ($(url))"
tt_request GET /docs -H 'X-Forwarded-Proto: https' -H 'X-Forwarded-Proto: https'
tt_like "$(url)" '^http://' "... nor does sending it twice"
tt_done
