#!/bin/bash
# fuzz.t - every libFuzzer harness: replay its regression inputs, then fuzz
# for FUZZ_TEST_SECONDS (default 30).  Two at a time (the CI has two cores),
# so the four take about a minute.  `make fuzz` runs them for longer.
set -u
cd "$(dirname "$0")/../.."
secs=${FUZZ_TEST_SECONDS:-30}
names=(handler_body handler_query handler_request config)
tmp=$(mktemp -d /tmp/ttt-fuzz-t.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
echo "1..${#names[@]}"
pids=()
run() { tests/fuzz/run-fuzzer "$1" "$secs" >"$tmp/$1.out" 2>&1; echo $? >"$tmp/$1.rc"; }
for n in "${names[@]}"; do
	run "$n" &
	pids+=($!)
	if [ ${#pids[@]} -ge 2 ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
wait
i=0 failed=0
for n in "${names[@]}"; do
	i=$((i + 1))
	summary=$(tail -n 1 "$tmp/$n.out")
	if [ "$(cat "$tmp/$n.rc")" = 0 ]; then
		echo "ok $i - fuzz_$n keeps every invariant: $summary"
	else
		echo "not ok $i - fuzz_$n keeps every invariant"
		sed 's/^/# /' "$tmp/$n.out"
		failed=$((failed + 1))
	fi
done
[ $failed -eq 0 ]
