#!/bin/bash
# valgrind.t - the handler tests (HARDENING_VALGRIND_BINS, the default build)
# under valgrind memcheck: zero errors and zero leaks (definite, indirect
# and possible all count; still-reachable memory from libc does not).
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
command -v valgrind >/dev/null || tt_bail "valgrind missing (make deps)"
bins=$(make -s --no-print-directory hardening-print-valgrind-bins) ||
	tt_bail "cannot list the handler tests"
tmp=$(mktemp -d /tmp/ttt-valgrind-t.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
set -- $bins
tt_plan $#
# TTT_OOM_STEP: operation_test fails every 7th allocation of the document
# in turn instead of each (make check and sanitizers.t run every one);
# under memcheck each of them costs a whole document.
export TTT_OOM_STEP=7
for b in "$@"; do
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
		tt_pass "$b under memcheck: 0 errors, 0 leaks, $(grep -c '^ok' "$tmp/out") checks passed (${secs}s)"
	else
		tt_fail "$b under memcheck (exit $rc, ${errs:-?} errors, $notok failed checks)"
		tt_diag_err "$(grep -v '^==[0-9]*== *$' "$tmp/vg.log" | head -n 60)"
		tt_diag_err "$(grep '^not ok' "$tmp/out" | head -n 10)"
	fi
done
tt_done
