#!/bin/bash
# sanitizers.t - the unit and handler tests built with ASan + UBSan
# (make O=build/san-clang SANITIZE=1 CC=clang: -fsanitize=address,
# undefined,float-cast-overflow -fno-sanitize-recover=all), each run must pass with no report; then the
# hostile-input catalogue (hostile.t) runs against the sanitized worker, and
# its pool log must hold no sanitizer report either.
set -u
cd "$(dirname "$0")/../.."
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
	echo "1..1"
	echo "not ok 1 - the sanitizer build (make ${san[*]}) succeeds"
	sed 's/^/# /' "$tmp/build" | tail -n 40
	exit 1
fi
bins=$(make -s --no-print-directory "${san[@]}" hardening-print-san-bins)
set -- $bins
echo "1..$(($# + 2))"
echo "ok 1 - sanitizer build of $# test programs and the worker ($(($(date +%s) - start))s)"
n=1 failed=0
for b in "$@"; do
	n=$((n + 1))
	start=$(date +%s)
	"$b" >"$tmp/out" 2>&1
	rc=$?
	if [ $rc = 0 ] && ! grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$tmp/out"; then
		echo "ok $n - $b under ASan+UBSan: $(grep -c '^ok' "$tmp/out") checks, no report ($(($(date +%s) - start))s)"
	else
		echo "not ok $n - $b under ASan+UBSan (exit $rc)"
		grep -E -A 25 'ERROR: |runtime error:|^not ok' "$tmp/out" | head -n 50 | sed 's/^/# /'
		failed=$((failed + 1))
	fi
done

n=$((n + 1))
start=$(date +%s)
TTT_WORKER=$PWD/build/san-clang/ttt-fcgi TT_SAN_CHECK=1 tests/hardening/hostile.t >"$tmp/hostile" 2>&1
rc=$?
if [ $rc = 0 ]; then
	echo "ok $n - hostile-input catalogue against the ASan+UBSan worker: $(grep -c '^ok' "$tmp/hostile") checks, no report ($(($(date +%s) - start))s)"
else
	echo "not ok $n - hostile-input catalogue against the ASan+UBSan worker (exit $rc)"
	grep -vE '^ok ' "$tmp/hostile" | head -n 60 | sed 's/^/# /'
	failed=$((failed + 1))
fi
[ $failed -eq 0 ]
