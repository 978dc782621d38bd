#!/bin/bash
# privacy-facts.t - the default privacy statement (/privacy) says what the
# shipped front end keeps, and for how long.  The statement is written in
# the worker (fcgi/pages.c); what it describes is configured elsewhere:
#   - the access log's fields: the log_format of the nginx site that
#     conf/nginx-site cuts from nginx.conf.example (what make install and
#     the Debian package install);
#   - the logs' lifetime: Debian's nginx rotation, /etc/logrotate.d/nginx
#     of the nginx-common package (logrotate(8): "daily", "rotate N").
# Each fact is read from its source and looked up in the statement, so a
# change on either side fails here until the other follows.
# No server is started: the worker answers /privacy as a CGI program.
source "$(dirname "$0")/../lib/tap.sh"

W=${TTT_WORKER:-$PWD/fcgi/ttt-fcgi}
T=$(mktemp -d /tmp/ttt-privacy-facts.XXXXXX)
trap 'rm -rf "$T"' EXIT
# Other sources, to show that a change fails here: TTT_NGINX_EXAMPLE (an
# edited nginx.conf.example), TTT_NGINX_LOGROTATE (another rotation).
EXAMPLE=${TTT_NGINX_EXAMPLE:-nginx.conf.example}
LOGROTATE=${TTT_NGINX_LOGROTATE:-/etc/logrotate.d/nginx}

[ -x "$W" ] || tt_bail "$W is missing: run make first"
[ -r "$LOGROTATE" ] || tt_bail "$LOGROTATE is missing: install nginx (make deps)"

statement=$(env -i PATH="$PATH" TTT_ALLOW_ROOT=true REQUEST_METHOD=GET \
	DOCUMENT_URI=/privacy "$W" 2>/dev/null | sed '1,/^\r\?$/d' | jq -r .privacy)
tt_like "$statement" 'access log' "the worker answers /privacy with its default statement"

conf/nginx-site -o "$T" "$EXAMPLE" >/dev/null
site="$T/ttt-fcgi" server="$T/ttt-fcgi-server.conf"
tt_ok "conf/nginx-site cuts the site and its server snippet" test -s "$site" -a -s "$server"

# The format named by the site's access_log, as one string.
format=$(awk '$1 == "access_log" { print $3 }' "$server" | tr -d ';' | head -n1)
tt_like "$format" '^[a-z_]+$' "the site's access_log names a log_format ($format)"
fields=$(perl -0ne 'print $1 if /log_format\s+\Q'"$format"'\E\s+((?:\x27[^\x27]*\x27\s*)+);/' "$site" |
	grep -oE '\$[a-z_]+' | sort -u)
tt_like "$fields" 'remote_addr' "the log_format's variables are found"

# Each variable nginx logs, and the words that name it in the statement.
phrase_of() {
	case "$1" in
	'$remote_addr') echo "the client's IP address" ;;
	'$time_local') echo 'the time' ;;
	'$request_method') echo 'the method' ;;
	'$uri') echo 'the path without the query string' ;;
	'$status') echo 'the status code' ;;
	'$body_bytes_sent') echo 'the bytes sent' ;;
	'$request_time') echo 'the duration' ;;
	'$request_id') echo 'the request id' ;;
	'$upstream_addr') echo 'the address, status and duration of the worker that answered' ;;
	'$upstream_status') echo 'the address, status and duration of the worker that answered' ;;
	'$upstream_response_time') echo 'the address, status and duration of the worker that answered' ;;
	'$http_user_agent') echo 'the User-Agent header' ;;
	# The protocol version (HTTP/1.1, HTTP/2.0) is the client software's,
	# like a part of the request line; it tells nothing of a person.
	'$server_protocol') echo '' ;;
	*) echo '?' ;;
	esac
}
unnamed=""
for f in $fields; do
	p=$(phrase_of "$f")
	if [ "$p" = '?' ]; then
		unnamed+="$f (unknown to this test: name it in the statement and here) "
	elif [ -n "$p" ] && [[ $statement != *"$p"* ]]; then
		unnamed+="$f (\"$p\") "
	fi
done
tt_is "$unnamed" "" "the statement names every field of the shipped access log"
tt_unlike "$fields" 'request_uri|\$request\b|\$args|query_string|arg_' \
	"the access log holds no query string (a GET board), as the statement says"

# Where the logs go, and the rotation that covers them.
access=$(awk '$1 == "access_log" { print $2 }' "$server" | head -n1)
error=$(awk '$1 == "error_log" { print $2 }' "$EXAMPLE" | head -n1)
covered() {
	local path=$1 glob
	# Each stanza's path patterns, read as text (never expanded here).
	while read -r glob; do
		# shellcheck disable=SC2053
		[[ $path == $glob ]] && return 0
	done < <(grep -oE '^[^ {#]*/[^ {]*' "$LOGROTATE")
	return 1
}
tt_ok "Debian's rotation covers the access log ($access)" covered "$access"
tt_ok "Debian's rotation covers the error log ($error)" covered "$error"
period=$(grep -oE '^\s*(daily|weekly|monthly|yearly)\b' "$LOGROTATE" | tr -d '[:space:]' | head -n1)
keep=$(awk '$1 == "rotate" { print $2 }' "$LOGROTATE" | head -n1)
tt_like "$keep" '^[0-9]+$' "the rotation keeps a number of old logs ($keep)"
tt_like "$statement" "rotates both logs $period and deletes them after $keep days" \
	"the statement gives the rotation's period and lifetime ($period, $keep)"
tt_like "$statement" 'error log notes the client address and the request line' \
	"the statement names what nginx's error log keeps"

tt_done
