# shellcheck shell=bash
# measure.sh - sourced by the HTTP benchmarks (http-bench, mcp-bench,
# metrics-bench): the two figures they all take.

# bench_cpu_ticks PID...: the CPU time (utime + stime, in clock ticks of
# BENCH_CLK_TCK a second) the given processes have spent so far; a process
# gone is counted as 0.  The difference over a run, divided by its
# requests, is a cost per request that other load on the machine disturbs
# far less than requests/s.
BENCH_CLK_TCK=$(getconf CLK_TCK)
bench_cpu_ticks() {
	local pid t=0 f
	for pid in "$@"; do
		f=$(cut -d')' -f2- "/proc/$pid/stat" 2>/dev/null) || continue
		# After "pid (comm)": state is field 1, utime 12, stime 13.
		# shellcheck disable=SC2086
		set -- $f
		t=$(( t + ${12} + ${13} ))
	done
	echo "$t"
}

# bench_median: the median of the numbers on standard input, one a line.
bench_median() {
	sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
