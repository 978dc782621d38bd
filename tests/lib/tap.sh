# shellcheck shell=bash
# tap.sh - TAP output for the shell tests, as prove(1) reads it (the Test
# Anything Protocol, testanything.org).  Every shell .t file sources it,
# directly or through stack.sh, and writes no "ok" line of its own.
#
#   source "$(dirname "$0")/../lib/tap.sh"
#   tt_plan 3                 optional: without it, tt_done prints the plan
#   tt_ok   DESC CMD [ARGS]   passes when the command succeeds
#   tt_is   GOT WANT DESC     string equality, got/expected on failure
#   tt_like GOT ERE DESC      bash =~ match (tt_unlike: no match)
#   tt_pass DESC / tt_fail DESC
#   tt_skip DESC REASON       "ok N - DESC # SKIP REASON"
#   tt_diag TEXT...           "# " lines (stdout; tt_fail's details: stderr)
#   tt_skip_all REASON        the whole file does not apply: plan 1..0, exit 0
#   tt_bail REASON            this file cannot go on: one failed test that
#                             says why (and what to do), the plan, exit 1;
#                             prove goes on with the next file (a "Bail
#                             out!" would stop every other file too)
#   tt_done                   plan check, a summary line, the exit status
#
# TT_FAIL_HOOK, when set, names a function tt_fail calls after a failure
# (stack.sh prints the last request there).

TT_N=0 TT_FAILED=0 TT_SKIPPED=0 TT_PLANNED=""

tt_plan() { TT_PLANNED=$1; echo "1..$1"; }

tt_diag() { local l; while IFS= read -r l; do echo "# $l"; done <<<"$*"; }
tt_diag_err() { tt_diag "$@" >&2; }

tt_pass() { TT_N=$((TT_N + 1)); echo "ok $TT_N - $1"; }
tt_fail() {
	TT_N=$((TT_N + 1)) TT_FAILED=$((TT_FAILED + 1))
	echo "not ok $TT_N - $1"
	[ -z "${TT_FAIL_HOOK:-}" ] || "$TT_FAIL_HOOK"
	return 0
}
tt_skip() {
	TT_N=$((TT_N + 1)) TT_SKIPPED=$((TT_SKIPPED + 1))
	echo "ok $TT_N - $1 # SKIP ${2:-}"
}

tt_ok() { local d=$1; shift; if "$@"; then tt_pass "$d"; else tt_fail "$d"; fi; }

tt_is() {
	if [ "$1" == "$2" ]; then tt_pass "$3"; else
		tt_fail "$3"; tt_diag_err "     got: '$1'" "expected: '$2'"; fi
}

tt_like() {
	if [[ $1 =~ $2 ]]; then tt_pass "$3"; else
		tt_fail "$3"
		tt_diag_err "     got: '$(printf '%.400s' "$1")'" "expected to match: $2"
	fi
}
tt_unlike() {
	if [[ $1 =~ $2 ]]; then
		tt_fail "$3"
		tt_diag_err "     got: '$(printf '%.400s' "$1")'" "expected not to match: $2"
	else tt_pass "$3"; fi
}

tt_skip_all() { echo "1..0 # SKIP $*"; exit 0; }
tt_bail() {
	TT_N=$((TT_N + 1)) TT_FAILED=$((TT_FAILED + 1))
	echo "not ok $TT_N - cannot go on: $*"
	[ -n "$TT_PLANNED" ] || echo "1..$TT_N"
	tt_diag_err "$(basename "$0"): stopped after $TT_N tests: $*"
	exit 1
}

# tt_done: the closing plan (when none was given), the plan check, one
# summary line, and exit 0 only when every test passed as planned.
tt_done() {
	[ -n "$TT_PLANNED" ] || echo "1..$TT_N"
	local name
	name=$(basename "$0")
	if [ -n "$TT_PLANNED" ] && [ "$TT_PLANNED" != "$TT_N" ]; then
		tt_diag_err "$name: planned $TT_PLANNED tests but ran $TT_N"
		exit 255
	fi
	if [ "$TT_FAILED" -ne 0 ]; then
		tt_diag_err "$name: $TT_FAILED of $TT_N failed"
		exit 1
	fi
	local skipped=""
	[ "$TT_SKIPPED" -eq 0 ] || skipped=" ($TT_SKIPPED skipped)"
	tt_diag "$name: all $TT_N passed$skipped"
	exit 0
}
