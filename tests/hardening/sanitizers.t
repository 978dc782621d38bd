#!/bin/bash
# sanitizers.t - the unit and handler tests built with ASan + UBSan
# (make O=build/san-clang SANITIZE=1 CC=clang: -fsanitize=address,
# undefined,float-cast-overflow -fno-sanitize-recover=all), each run must pass with no report; then the
# hostile-input catalogue (hostile.t) runs against the sanitized worker, and
# its pool log must hold no sanitizer report either.
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
tmp=$(mktemp -d /tmp/ttt-san-t.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Built with clang (float-cast-overflow added to "undefined": a float
# converted to an integer it does not fit), in its own object directory,
# as make does not rebuild when only the compiler changes.
san=(O=build/san-clang SANITIZE=1 CC=clang)

start=$(date +%s)
if ! make -s "${san[@]}" hardening-san-bins >"$tmp/build" 2>&1; then
	tt_plan 1
	tt_fail "the sanitizer build (make ${san[*]}) succeeds"
	tt_diag_err "$(tail -n 40 "$tmp/build")"
	tt_done
fi
bins=$(make -s --no-print-directory "${san[@]}" hardening-print-san-bins)
set -- $bins
tt_plan $(($# + 2))
tt_pass "sanitizer build of $# test programs and the worker ($(($(date +%s) - start))s)"
for b in "$@"; do
	start=$(date +%s)
	"$b" >"$tmp/out" 2>&1
	rc=$?
	if [ $rc = 0 ] && ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/out"; then
		tt_pass "$b under ASan+UBSan: $(grep -c '^ok' "$tmp/out") checks, no report ($(($(date +%s) - start))s)"
	else
		tt_fail "$b under ASan+UBSan (exit $rc)"
		tt_diag_err "$(grep -E -A 25 'ERROR: |runtime error:|^not ok' "$tmp/out" | head -n 50)"
	fi
done

start=$(date +%s)
TTT_WORKER=$PWD/build/san-clang/ttt-fcgi TT_SAN_CHECK=1 tests/hardening/hostile.t >"$tmp/hostile" 2>&1
rc=$?
if [ $rc = 0 ]; then
	tt_pass "hostile-input catalogue against the ASan+UBSan worker: $(grep -c '^ok' "$tmp/hostile") checks, no report ($(($(date +%s) - start))s)"
else
	tt_fail "hostile-input catalogue against the ASan+UBSan worker (exit $rc)"
	tt_diag_err "$(grep -vE '^ok ' "$tmp/hostile" | head -n 60)"
fi
tt_done
