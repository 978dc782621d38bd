# tests/bench/: the HTTP benchmark.  The engine benchmark
# (bench-engine, tests/bench/engine_bench.c) is the engine's own fragment.
#
#   make bench-http                  the whole HTTP run (about 7 minutes)
#   make bench-keep                  kept FastCGI connections against one
#                                    connection per request (about 4 minutes)
#   BENCH_ARGS="--quick" make bench-http   one short round, to try the harness
#   tests/bench/http-bench --help    every option (threads, keep_conn, ...)

BARE_RESPONDER	= $(O)/bench/bare-responder
BENCH_ARGS	?=

$(BARE_RESPONDER): $(O)/tests/bench/bare-responder.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ -lfcgi -ljansson

# Run after the engine benchmark, never beside it: both want the two cores.
.PHONY: bench-http
bench-http: $(WORKER) $(BARE_RESPONDER) | $(filter bench-engine,$(BENCH_TARGETS))
	tests/bench/http-bench --worker $(WORKER) --bare $(BARE_RESPONDER) \
		--out $(O)/bench $(BENCH_ARGS)

# Kept connections (as shipped) against one connection per request, same
# worker and nginx, at 16, 64 and 256 connections, with nginx's static
# answer as the frontier.
.PHONY: bench-keep
bench-keep: $(WORKER) | $(filter bench-http,$(BENCH_TARGETS))
	tests/bench/http-bench --worker $(WORKER) --out $(O)/bench-keep \
		--targets "ttt cpr static" --cases "post-center get-center" \
		--conns "16 64 256" --no-tls $(BENCH_ARGS)

# /docs beside /healthz: the public document must stay cheap to serve.
.PHONY: bench-docs
bench-docs: $(WORKER) | $(filter bench-http bench-keep,$(BENCH_TARGETS))
	tests/bench/docs-bench

# What the metrics cost: the worker as built against the same sources with
# every metrics hook compiled out (-DTTT_OPS_OFF), behind the same nginx.
NOOPS_WORKER	= $(O)/bench/noops/ttt-fcgi
.PHONY: $(NOOPS_WORKER)
$(NOOPS_WORKER):
	$(MAKE) --no-print-directory O=$(O)/bench/noops \
		CFLAGS="$(CFLAGS) -DTTT_OPS_OFF" $@

# tools/call over /mcp beside POST /human_move: the MCP layer's cost.
.PHONY: bench-mcp
bench-mcp: $(WORKER) | $(filter bench-docs,$(BENCH_TARGETS))
	tests/bench/mcp-bench

.PHONY: bench-metrics
bench-metrics: $(WORKER) $(NOOPS_WORKER) $(BARE_RESPONDER) | $(filter bench-mcp,$(BENCH_TARGETS))
	tests/bench/metrics-bench --on $(WORKER) --off $(NOOPS_WORKER) \
		--bare $(BARE_RESPONDER)

BENCH_TARGETS	+= bench-http bench-keep bench-docs bench-mcp bench-metrics
APT_PACKAGES	+= wrk
CLEAN_FILES	+= $(O)/bench
