# tests/contract/: the published OpenAPI document is valid and every answer
# conforms to it.  Node scripts printing TAP; their tools come from
# tests/package-lock.json (make deps runs npm ci in tests/).
#
# 50-conformance.t checks the answers that make test-responses records (a
# prerequisite of make test) in build/test-responses/, whatever the order.
# Each script starts its own nginx + worker pool via tests/lib/stack.sh
# (TTT_CONTRACT_CGI=1: talk to the worker in CGI mode instead).
#
#   make golden    regenerate tests/golden/openapi.json after an intended
#                  change of the document (commit it with the change)

CONTRACT_TESTS	= tests/contract/10-openapi-valid.t \
		  tests/contract/20-gpt-lint.t \
		  tests/contract/30-golden.t \
		  tests/contract/40-examples.t \
		  tests/contract/50-conformance.t

PROVE_TESTS	+= $(CONTRACT_TESTS)

.PHONY: golden
golden: $(WORKER)
	TTT_WORKER=$(WORKER) node tests/contract/golden.js
