-- report.lua - loaded by every case script: one machine-readable line per
-- wrk run, read by http-bench.  Latencies are in microseconds.
done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
		"WRK_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d "
		.. "max_us=%d non2xx=%d errors=%d\n",
		summary.requests, summary.duration,
		summary.requests / (summary.duration / 1e6),
		latency:percentile(50), latency:percentile(99), latency.max,
		e.status, e.connect + e.read + e.write + e.timeout))
end
