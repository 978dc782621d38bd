#!/bin/bash
# static.t - cppcheck over the C sources (engine, worker, tests, bench
# responder).  variableScope is off: we keep locals at the top of a
# function on purpose (OpenBSD style(9)).
set -u
cd "$(dirname "$0")/../.."
echo "1..2"
command -v cppcheck >/dev/null && echo "ok 1 - cppcheck is installed" || { echo "not ok 1 - cppcheck is installed (make deps)"; exit 1; }
out=$(cppcheck -q --enable=warning,style,performance,portability \
	--suppress=variableScope --error-exitcode=1 --inline-suppr \
	-Iengine -Ifcgi engine fcgi tests/unit tests/fuzz tests/bench/bare-responder.c 2>&1)
rc=$?
if [ "$rc" = 0 ] && [ -z "$out" ]; then
	echo "ok 2 - cppcheck finds nothing in engine/, fcgi/ and the C tests"
else
	echo "not ok 2 - cppcheck finds nothing in engine/, fcgi/ and the C tests"
	printf '%s\n' "$out" | sed 's/^/# /' >&2
fi
[ "$rc" = 0 ] && [ -z "$out" ]
