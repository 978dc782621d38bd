#!/bin/bash
# valgrind.t - the handler tests (HARDENING_VALGRIND_BINS, the default build)
# under valgrind memcheck: zero errors and zero leaks (definite, indirect
# and possible all count; still-reachable memory from libc does not).
set -u
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || { echo "Bail out! valgrind missing (make deps)"; exit 255; }
bins=$(make -s --no-print-directory hardening-print-valgrind-bins) ||
	{ echo "Bail out! cannot list the handler tests"; exit 255; }
tmp=$(mktemp -d /tmp/ttt-valgrind-t.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
set -- $bins
echo "1..$#"
n=0 failed=0
for b in "$@"; do
	n=$((n + 1))
	[ -x "$b" ] || make -s "$b" >/dev/null 2>&1
	start=$(date +%s)
	valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible \
		--track-origins=yes --log-file="$tmp/vg.log" \
		"$b" >"$tmp/out" 2>&1
	rc=$? secs=$(($(date +%s) - start))
	errs=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$tmp/vg.log" | tail -1)
	notok=$(grep -c '^not ok' "$tmp/out")
	if [ "$rc" = 0 ] && [ "${errs:-x}" = 0 ]; then
		echo "ok $n - $b under memcheck: 0 errors, 0 leaks, $(grep -c '^ok' "$tmp/out") checks passed (${secs}s)"
	else
		echo "not ok $n - $b under memcheck (exit $rc, ${errs:-?} errors, $notok failed checks)"
		sed 's/^/# /' "$tmp/vg.log" | grep -v '^# ==[0-9]*== *$' | head -n 60
		grep '^not ok' "$tmp/out" | head -n 10 | sed 's/^/# /'
		failed=$((failed + 1))
	fi
done
[ $failed -eq 0 ]
