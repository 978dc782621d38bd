#!/bin/bash
# config-keys.t - the configuration keys are described once, in the table
# in fcgi/config.c that `ttt-fcgi --help` prints; the README, the example
# file and the man page ttt-fcgi.conf(5) must list exactly those keys, no
# more, no fewer.
set -u
cd "$(dirname "$0")/../.." || exit 1
source tests/lib/tap.sh
W=${TTT_WORKER:-fcgi/ttt-fcgi}
table=$("$W" --help | sed -n 's/^  \([a-z_][a-z_]*\)  .*/\1/p' | sort -u)
# same NAME LIST: LIST (one key a line) holds exactly the table's keys.
same() {
	local d
	d=$(diff <(echo "$table") <(echo "$2" | sort -u))
	tt_is "$d" "" "$1 lists exactly the configuration keys"
}
count=$(wc -w <<<"$table")
tt_ok "--help lists the keys from the table ($count)" test "$count" -ge 15
same "conf/ttt-fcgi.conf" "$(sed -n 's/^;\{0,1\} *\([a-z_][a-z_]*\) *=.*/\1/p' conf/ttt-fcgi.conf)"
same "README.md" "$(sed -n '/^## Configuration/,/^## /s/^| `\([a-z_][a-z_]*\)` |.*/\1/p' README.md)"
same "conf/man/ttt-fcgi.conf.5" "$(sed -n 's/^\.It Cm \([a-z_][a-z_]*\) Ns = .*/\1/p' conf/man/ttt-fcgi.conf.5)"
tt_ok "conf/ttt-fcgi.conf passes --check-config" \
	bash -c "'$W' -c conf/ttt-fcgi.conf --check-config >/dev/null 2>&1"
printed=$("$W" -c conf/ttt-fcgi.conf --check-config | sed -n 's/^\([a-z_][a-z_]*\) = .*/\1/p' | sort -u)
tt_is "$printed" "$table" "--check-config prints every key"
# The version is written once, in the changelog's top entry; the worker
# prints it, and /docs carries it when api_version is not set (the shipped file leaves
# it unset).
want=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' conf/debian/changelog)
tt_is "$("$W" --version)" "ttt-fcgi $want" "--version prints the changelog's version ($want)"
docs=$(env -i TTT_ALLOW_ROOT=true REQUEST_METHOD=GET DOCUMENT_URI=/docs HTTP_HOST=localhost \
	"$W" -c conf/ttt-fcgi.conf 2>/dev/null | sed -n '/^{/,$p' | jq -r .info.version 2>/dev/null)
tt_like "$docs" "^${want//./\\.}\\+[0-9a-f]{8}\$" "/docs: info.version is the version + a document hash"
tt_done
