# tests/integration/: the real stack - nginx rendered from nginx.conf.example
# (conf/render-nginx), a spawn-fcgi + multiwatch pool of the worker, curl over
# HTTPS with a throwaway certificate - driven by tests/lib/stack.sh.  Each
# test uses only its own temp dir and free 127.0.0.1 ports, and records every
# answer (for the contract tests: see RECORDING_TESTS below).
#
#   tests/integration/api.t              one test file by hand (after make)
#   TT_KEEP=1 tests/integration/api.t    keep its temp dir to look at logs

INTEGRATION_TESTS = tests/integration/render-nginx.t \
		    tests/integration/api.t \
		    tests/integration/nginx-errors.t \
		    tests/integration/privacy.t \
		    tests/integration/privacy-facts.t \
		    tests/integration/rate-limit.t \
		    tests/integration/default-server.t \
		    tests/integration/docs-flood.t \
		    tests/integration/post-board.t \
		    tests/integration/post-board-mcp.t \
		    tests/integration/make-run.t \
		    tests/integration/install.t \
		    tests/integration/metrics.t \
		    tests/integration/prometheus.t

PROVE_TESTS	+= $(INTEGRATION_TESTS)
# The privilege-dropping tests again, from a copy in a 0700 folder.
PROVE_TESTS	+= tests/integration/private-folder.t
# ss (iproute2), pgrep (procps), setsid/flock/runuser (util-linux), env
# --default-signal (coreutils) are used by stack.sh, run-local and the tests.
APT_PACKAGES	+= util-linux coreutils
# prometheus: metrics.t lints with its promtool, prometheus.t runs it.
APT_PACKAGES	+= prometheus
CLEAN_FILES	+= build/test-responses

# The answers the contract conformance test checks (tests/contract/
# 50-conformance.t reads build/test-responses/): recorded by a run of these
# tests made for the purpose, whenever the worker or the stack changed, and
# before prove starts, so the conformance test finds them whatever order
# the tests run in.  `make test-responses` makes them by hand.
RECORDING_TESTS	= tests/integration/api.t tests/integration/nginx-errors.t \
		  tests/hardening/hostile.t
RECORD_STAMP	= build/test-responses/.recorded

$(RECORD_STAMP): $(WORKER) $(RECORDING_TESTS) tests/lib/stack.sh \
		tests/hardening/lib.sh nginx.conf.example conf/render-nginx
	TTT_WORKER=$(abspath $(WORKER)) tests/lib/record-responses \
		build/test-responses $(RECORDING_TESTS)

.PHONY: test-responses
test-responses: $(RECORD_STAMP)

# The tests run the binary this make built (O= builds included).
test: export TTT_WORKER := $(abspath $(WORKER))
