#!/bin/bash
# package.t - the .deb itself, without booting anything: lintian finds no
# error and no warning; it holds the files an admin expects; the man pages
# are clean under `man --warnings` and document every configuration key the
# worker knows; the packaged nginx site and snippets are exactly what
# conf/nginx-site makes of nginx.conf.example now (they cannot drift), and
# the site passes nginx -t inside a copy of Debian's nginx.conf.
#
#   TTT_DEB=build/ttt-fcgi_1.0.0_amd64.deb tests/system/package.t   (make test sets it)
set -u
cd "$(dirname "$0")/../.."
n=0 failed=0
ok()   { n=$((n + 1)); echo "ok $n - $1"; }
nok()  { n=$((n + 1)); echo "not ok $n - $1"; failed=$((failed + 1)); }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }
is()   { if [ "$1" = "$2" ]; then ok "$3"; else nok "$3"; diag "got:      '$1'" "expected: '$2'"; fi; }

deb=${TTT_DEB:-$(ls build/ttt-fcgi_*.deb 2>/dev/null | tail -1)}
[ -f "$deb" ] || { echo "not ok 1 - cannot go on: no package: make deb (or set TTT_DEB)"; echo "1..1"; exit 1; }
D=$(mktemp -d /tmp/ttt-package-t.XXXXXX)
trap 'rm -rf "$D"' EXIT

# lintian
lintian --fail-on error,warning --tag-display-limit 0 "$deb" >"$D/lintian.out" 2>&1
rc=$?
out=$(grep -v 'running with root privileges' "$D/lintian.out")
is "$rc" 0 "lintian: no error, no warning"
[ -z "$out" ] || diag "$out"

# Metadata.
ver=$(dpkg-deb -f "$deb" Version)
is "$ver" "$(fcgi/ttt-fcgi --version | awk '{print $2}')" "the package version is the worker's (conf/debian/changelog)"
deps=$(dpkg-deb -f "$deb" Depends)
for d in spawn-fcgi multiwatch libfcgi0ldbl libjansson4 libinih1; do
	[[ $deps == *"$d"* ]] && ok "Depends: $d" || nok "Depends: $d ($deps)"
done
rec=$(dpkg-deb -f "$deb" Recommends)
[[ $rec == *nginx* && $rec == *ssl-cert* ]] && ok "Recommends: nginx, ssl-cert" || nok "Recommends: nginx, ssl-cert ($rec)"

# Contents.
dpkg-deb -x "$deb" "$D/x"
dpkg-deb -e "$deb" "$D/ctl"
for f in usr/sbin/ttt-fcgi usr/bin/ttt-post-board usr/libexec/ttt-fcgi/reload-workers \
	etc/ttt-fcgi/ttt-fcgi.conf etc/nginx/sites-available/ttt-fcgi \
	etc/nginx/snippets/ttt-fcgi-server.conf etc/nginx/snippets/ttt-fcgi-fastcgi.conf \
	lib/systemd/system/ttt-fcgi.service lib/systemd/system/ttt-fcgi.socket \
	lib/systemd/system/ttt-fcgi-spawn.service usr/lib/sysusers.d/ttt-fcgi.conf \
	usr/share/man/man8/ttt-fcgi.8.gz usr/share/man/man5/ttt-fcgi.conf.5.gz \
	usr/share/man/man1/ttt-post-board.1.gz usr/share/doc/ttt-fcgi/README.md.gz \
	usr/share/doc/ttt-fcgi/changelog.gz usr/share/doc/ttt-fcgi/copyright; do
	[ -e "$D/x/$f" ] && ok "ships /$f" || nok "ships /$f"
done
cr=$D/x/usr/share/doc/ttt-fcgi/copyright
is "$(head -n 1 "$cr")" "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" \
	"copyright is in the machine-readable format 1.0"
is "$(sed -n 's/^License: //p' "$cr" | sort -u | tr '\n' ' ')" "MIT " "copyright grants the MIT license"
words() { sed 's/^ \.$//; s/^ //' | tr -s '[:space:]' ' '; }
is "$(awk '/^$/ { p = 0 } /^License: MIT$/ && prev == "" { p = 1; next } p; { prev = $0 }' "$cr" | words)" \
	"$(sed -n '/^Permission/,$p' LICENSE | words)" "copyright carries the text of LICENSE"
is "$(grep -rl '/usr/local' "$D/x/lib/systemd/system" | wc -l)" 0 "no unit names /usr/local"
is "$(grep -c '^ExecStartPre=/usr/sbin/ttt-fcgi --check-config' "$D/x/lib/systemd/system/ttt-fcgi.service")" 1 \
	"the service checks the configuration before it starts"
is "$(grep -c '^User=ttt-fcgi' "$D/x/lib/systemd/system/ttt-fcgi.service")" 1 \
	"... as the service user (User= applies to ExecStartPre and ExecReload)"
grep -q 'systemd-sysusers.*ttt-fcgi.conf' "$D/ctl/postinst" && ok "postinst creates the user with systemd-sysusers" \
	|| nok "postinst creates the user with systemd-sysusers"
grep -q "restart.*'ttt-fcgi.socket'\|restart 'ttt-fcgi.socket'" "$D/ctl/postinst" && nok "postinst never restarts the socket" \
	|| ok "postinst never restarts the socket"

# Man pages.
for m in "$D"/x/usr/share/man/man*/*.gz; do
	w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$m" 2>&1 >/dev/null)
	is "$w" "" "man --warnings: $(basename "$m") is clean"
done
keys=$(fcgi/ttt-fcgi --help | sed -n '/^Configuration keys/,/^$/p' | awk '/^  [a-z_]+ / {print $1}')
[ -n "$keys" ] || nok "ttt-fcgi --help lists configuration keys"
page=$(zcat "$D/x/usr/share/man/man5/ttt-fcgi.conf.5.gz")
missing=""
for k in $keys; do
	grep -q "^\.It Cm $k " <<<"$page" || missing="$missing $k"
done
is "$missing" "" "ttt-fcgi.conf(5) documents every key of ttt-fcgi --help ($(echo $keys | wc -w) keys)"
missing=""
for k in $keys; do
	grep -qE "^;? *$k *=" conf/ttt-fcgi.conf || missing="$missing $k"
done
is "$missing" "" "the shipped ttt-fcgi.conf has every key (set, or commented out to keep its default)"
extra=""
for k in $(grep -o '^\.It Cm [a-z_]*' <<<"$page" | awk '{print $3}'); do
	grep -qx "$k" <<<"$keys" || extra="$extra $k"
done
is "$extra" "" "ttt-fcgi.conf(5) documents no key the worker does not know"

# The site and snippets are what the example gives now.
mkdir -p "$D/fresh"
conf/nginx-site -o "$D/fresh" nginx.conf.example
for f in sites-available/ttt-fcgi snippets/ttt-fcgi-server.conf snippets/ttt-fcgi-fastcgi.conf; do
	if cmp -s "$D/fresh/$(basename "$f")" "$D/x/etc/nginx/$f"; then
		ok "the packaged $f is conf/nginx-site's output for today's nginx.conf.example"
	else
		nok "the packaged $f is conf/nginx-site's output for today's nginx.conf.example"
		diag "$(diff "$D/fresh/$(basename "$f")" "$D/x/etc/nginx/$f" | head -20)"
	fi
done
site=$D/x/etc/nginx/sites-available/ttt-fcgi
is "$(grep -c 'http2' <(grep -v '^ *#' "$site"))" 0 "the site listens without http2 (nginx 1.22 to 1.26 alike)"
is "$(grep -E '^ *ssl_certificate(_key)? ' "$site" | awk '{print $2}' | xargs)" \
	"/etc/ssl/certs/ssl-cert-snakeoil.pem; /etc/ssl/private/ssl-cert-snakeoil.key;" \
	"the site uses Debian's snakeoil certificate"
grep -q 'EDIT these two lines' "$site" && ok "a comment says which lines to change for a real certificate" \
	|| nok "a comment says which lines to change for a real certificate"
for d in fastcgi_pass log_format limit_req_zone upstream; do
	grep -q "^ *$d " "$D/fresh/ttt-fcgi" && ok "the site has $d" || nok "the site has $d"
done
for d in ssl_protocols client_max_body_size default_type access_log; do
	if grep -q "^$d " "$D/fresh/ttt-fcgi"; then nok "$d is not set at the site's top (it would apply to every site)"
	else ok "$d is not set at the site's top (it would apply to every site)"; fi
done

# nginx -t with Debian's nginx.conf layout, in a private prefix.
if command -v nginx >/dev/null && [ -f /etc/nginx/nginx.conf ] && [ -f /etc/nginx/fastcgi_params ]; then
	p=$D/nginx
	mkdir -p "$p/sites-enabled" "$p/snippets" "$p/logs"
	cp "$site" "$p/sites-enabled/ttt-fcgi"
	cp "$D/x/etc/nginx/snippets/"* "$p/snippets/"
	sed -e "s|/etc/nginx/sites-enabled/\*|$p/sites-enabled/*|" -e "s|include /etc/nginx/conf.d/\*.conf;||" \
		-e "s|^pid .*|pid $p/nginx.pid;|" -e "s|^include /etc/nginx/modules-enabled/\*.conf;||" \
		/etc/nginx/nginx.conf >"$p/nginx.conf"
	sed -i -e "s|include snippets/|include $p/snippets/|" -e "s|/var/log/nginx/|$p/logs/|g" \
		"$p/sites-enabled/ttt-fcgi" "$p/snippets/"*
	sed -i -e "s|/var/log/nginx/|$p/logs/|g" "$p/nginx.conf"
	# The snakeoil pair may be missing on a build host: a throwaway one.
	openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
		-keyout "$p/key.pem" -out "$p/cert.pem" >/dev/null 2>&1
	sed -i -e "s|/etc/ssl/certs/ssl-cert-snakeoil.pem|$p/cert.pem|" \
		-e "s|/etc/ssl/private/ssl-cert-snakeoil.key|$p/key.pem|" "$p/sites-enabled/ttt-fcgi"
	out=$(nginx -t -q -p "$p/" -c "$p/nginx.conf" -e "$p/logs/error.log" 2>&1)
	is "$?/$out" "0/" "the site passes nginx -t in Debian's nginx.conf, without warnings"
else
	nok "nginx is installed to check the site (make deps)"
fi

echo "1..$n"
[ "$failed" = 0 ]
