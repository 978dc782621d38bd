# tests/integration/: the real stack - nginx rendered from nginx.conf.example
# (conf/render-nginx), a spawn-fcgi + multiwatch pool of the worker, curl over
# HTTPS with a throwaway certificate - driven by tests/lib/stack.sh.  Each
# test uses only its own temp dir and free 127.0.0.1 ports, and records every
# answer in build/test-responses/ for the contract tests.
#
#   tests/integration/api.t              one test file by hand (after make)
#   TT_KEEP=1 tests/integration/api.t    keep its temp dir to look at logs

INTEGRATION_TESTS = tests/integration/render-nginx.t \
		    tests/integration/api.t \
		    tests/integration/nginx-errors.t \
		    tests/integration/post-board.t \
		    tests/integration/make-run.t \
		    tests/integration/install.t

PROVE_TESTS	+= $(INTEGRATION_TESTS)
# ss (iproute2), pgrep (procps), setsid/flock/runuser (util-linux), env
# --default-signal (coreutils) are used by stack.sh, run-local and the tests.
APT_PACKAGES	+= util-linux coreutils
CLEAN_FILES	+= build/test-responses

# The tests run the binary this make built (O= builds included).
test: export TTT_WORKER := $(abspath $(WORKER))
