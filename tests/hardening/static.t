#!/bin/bash
# static.t - cppcheck over the C sources (engine, worker, tests, bench
# responder).  variableScope is off: we keep locals at the top of a
# function on purpose (OpenBSD style(9)).
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
tt_plan 2
tt_ok "cppcheck is installed (make deps)" command -v cppcheck
[ "$TT_FAILED" = 0 ] || { tt_fail "cppcheck finds nothing (not run)"; tt_done; }
out=$(cppcheck -q --enable=warning,style,performance,portability \
	--suppress=variableScope --error-exitcode=1 --inline-suppr \
	-Iengine -Ifcgi engine fcgi tests/unit tests/fuzz tests/bench/bare-responder.c 2>&1)
rc=$?
if [ "$rc" = 0 ] && [ -z "$out" ]; then
	tt_pass "cppcheck finds nothing in engine/, fcgi/ and the C tests"
else
	tt_fail "cppcheck finds nothing in engine/, fcgi/ and the C tests"
	tt_diag_err "$out"
fi
tt_done
