#!/bin/bash
# private-folder.t - the tests that run the worker as another user pass from
# a checkout only its owner can enter, as a clone in root's home (mode 0700)
# is; and a missing prerequisite fails one test file, not the whole run.
#
#   1. a copy of this checkout (the files git knows, as they are on disk,
#      plus the built objects and worker) in a mktemp -d folder, mode 0700,
#      which nobody and www-data cannot enter;
#   2. from there, each test in PRIVATE_TESTS passes: they drop privileges
#      (spawn-fcgi -u nobody, nginx's www-data workers, make run as root),
#      so each must run a copy of the worker the service user can reach;
#   3. prove over a test whose prerequisite is missing (no worker binary)
#      and a second test: the first fails with a sentence saying what to
#      do, no "Bail out!" is printed, and prove still runs the second.
#
# Needs root: only root can switch to nobody, which is what is tested.
#   PRIVATE_TESTS="tests/hardening/accept-path.t ..."   the list to run
set -u
source "$(dirname "$0")/../lib/stack.sh"
tt_init

[ "$(id -u)" = 0 ] ||
	tt_bail "this test switches to the user nobody, so it must run as root (sudo make test)"
for c in git runuser prove; do
	command -v "$c" >/dev/null || tt_bail "$c is missing (make deps)"
done
[ -x "$TTT_WORKER" ] || tt_bail "no worker binary at $TTT_WORKER (run make)"
git -C "$TT_REPO" rev-parse --git-dir >/dev/null 2>&1 ||
	tt_bail "this test copies the files git knows: run it from a git clone"

: "${PRIVATE_TESTS:=tests/hardening/accept-path.t tests/hardening/security.t tests/integration/make-run.t tests/hardening/scale-out.t}"

# ---- 1. the private copy
P=$(mktemp -d /tmp/ttt-private.XXXXXX)	# mktemp -d makes it 0700
TT_EXTRA_CLEAN=$P
trap 'rc=$?; rm -rf --one-file-system "$TT_EXTRA_CLEAN"; (exit $rc); tt_cleanup' EXIT
R=$P/ttt-fcgi
mkdir "$R"
(cd "$TT_REPO" && git ls-files -z --cached --others --exclude-standard |
	xargs -0 -r tar --no-recursion -cf - 2>/dev/null) | tar -xf - -C "$R" ||
	tt_bail "could not copy the checkout to $R"
# The build as it is, so make run finds nothing to rebuild (the test is
# about where the files are, not about compiling).
(cd "$TT_REPO" && tar -cf - --exclude=build/system --exclude=build/deb \
	--exclude='build/san*' --exclude=build/tsan --exclude=build/test-responses \
	build engine/libttt.a 2>/dev/null) | tar -xf - -C "$R"
install -m 0755 "$TTT_WORKER" "$R/fcgi/ttt-fcgi"
[ -e "$TT_REPO/tests/node_modules" ] && ln -s "$TT_REPO/tests/node_modules" "$R/tests/node_modules"

tt_is "$(stat -c %a "$P")" 700 "the copy sits in a folder of mode 0700 ($P)"
tt_ok "nobody cannot enter it" bash -c '! runuser -u nobody -- test -x "$1"' _ "$R"
tt_ok "www-data cannot enter it" bash -c '! runuser -u www-data -- test -x "$1" 2>/dev/null' _ "$R"

# ---- 2. the privilege-dropping tests, from the private copy
for t in $PRIVATE_TESTS; do
	[ -f "$R/$t" ] || { tt_fail "$t exists"; continue; }
	(cd "$R" && env TTT_WORKER="$R/fcgi/ttt-fcgi" tests/lib/run-bounded "$t") \
		>"$TT_DIR/$(basename "$t").out" 2>&1
	rc=$?
	out=$(cat "$TT_DIR/$(basename "$t").out")
	if [ "$rc" = 0 ] && ! grep -q '^not ok' <<<"$out"; then
		tt_pass "$t passes from the 0700 folder"
	else
		tt_fail "$t passes from the 0700 folder (exit $rc)"
		tt_diag_err "$(grep -E '^not ok|Bail|^#' <<<"$out" | tail -n 25)"
	fi
	tt_unlike "$out" 'Bail out!' "$t prints no \"Bail out!\""
done

# ---- 3. a missing prerequisite fails that one file; prove goes on
printf '#!/bin/sh\necho 1..1\necho "ok 1 - the next file ran"\n' >"$R/tests/next.t"
chmod 0755 "$R/tests/next.t"
out=$(cd "$R" && env TTT_WORKER="$P/no-such-worker" \
	prove --exec tests/lib/run-bounded tests/hardening/accept-path.t tests/next.t 2>&1)
tt_like "$out" 'accept-path\.t \(Wstat: [1-9]' "without a worker binary accept-path.t fails"
tt_like "$out" "no worker binary at $P/no-such-worker \\(run make\\)" \
	"... with a sentence saying what to do"
tt_unlike "$out" 'Bail out!|Further testing stopped' "... and stops no other test"
tt_like "$out" 'next\.t \.+ ok' "prove runs the next test file"
[ "$TT_FAILED" = 0 ] || tt_diag_err "prove said: $(tail -n 20 <<<"$out")"
tt_done
