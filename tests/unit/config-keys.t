#!/bin/bash
# config-keys.t - the configuration keys are described once, in the table
# in fcgi/config.c that `ttt-fcgi --help` prints; the README, the example
# file and the man page must list exactly those keys, no more, no fewer.
set -u
cd "$(dirname "$0")/../.." || exit 1
W=${TTT_WORKER:-fcgi/ttt-fcgi}
n=0 failed=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else
	failed=$((failed + 1)); echo "not ok $n - $2"; fi; }
same() {	# same NAME LIST: compare with the table's keys
	local d; d=$(diff <(echo "$table") <(echo "$2" | sort -u))
	ok $? "$1 lists exactly the configuration keys"
	[ -z "$d" ] || sed 's/^/# /' <<<"$d"
}
table=$("$W" --help | sed -n 's/^  \([a-z_][a-z_]*\)  .*/\1/p' | sort -u)
count=$(wc -w <<<"$table")
ok "$([ "$count" -ge 15 ]; echo $?)" "--help lists the keys from the table ($count)"
same "conf/ttt-fcgi.conf" "$(sed -n 's/^;\{0,1\} *\([a-z_][a-z_]*\) *=.*/\1/p' conf/ttt-fcgi.conf)"
same "README.md" "$(sed -n '/^## Configuration/,/^## /s/^| `\([a-z_][a-z_]*\)` |.*/\1/p' README.md)"
for man in conf/man/ttt-fcgi.conf.5; do
	if [ -f "$man" ]; then
		same "$man" "$(sed -n 's/^\.It Cm \([a-z_][a-z_]*\).*/\1/p; s/^\.IP "\{0,1\}\\\{0,1\}f\{0,1\}B\{0,1\}\([a-z_][a-z_]*\).*/\1/p' "$man")"
	fi
done
"$W" -c conf/ttt-fcgi.conf --check-config >/dev/null 2>&1
ok $? "conf/ttt-fcgi.conf passes --check-config"
printed=$("$W" -c conf/ttt-fcgi.conf --check-config | sed -n 's/^\([a-z_][a-z_]*\) = .*/\1/p' | sort -u)
[ "$printed" = "$table" ]; ok $? "--check-config prints every key"
echo "1..$n"
[ "$failed" -eq 0 ]
