#!/bin/bash
# fuzz.t - every libFuzzer harness: replay its regression inputs, then fuzz
# for FUZZ_TEST_SECONDS (default 20).  Two at a time (the CI has two cores),
# so the five take about a minute.  `make fuzz` runs them for longer.
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
secs=${FUZZ_TEST_SECONDS:-20}
names=(handler_body handler_query handler_request config mcp)
tmp=$(mktemp -d /tmp/ttt-fuzz-t.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
tt_plan ${#names[@]}
pids=()
run() { tests/fuzz/run-fuzzer "$1" "$secs" >"$tmp/$1.out" 2>&1; echo $? >"$tmp/$1.rc"; }
for n in "${names[@]}"; do
	run "$n" &
	pids+=($!)
	if [ ${#pids[@]} -ge 2 ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
wait
for n in "${names[@]}"; do
	if [ "$(cat "$tmp/$n.rc")" = 0 ]; then
		tt_pass "fuzz_$n keeps every invariant: $(tail -n 1 "$tmp/$n.out")"
	else
		tt_fail "fuzz_$n keeps every invariant"
		tt_diag_err "$(cat "$tmp/$n.out")"
	fi
done
tt_done
