#!/bin/bash
# conformance.t - the official MCP conformance runner
# (@modelcontextprotocol/conformance, pinned; tests/lib/conformance starts
# it on Node 20) against /mcp through nginx and the pool, over plain HTTP on
# 127.0.0.1 without an API key: the setting its dns-rebinding scenario is
# written for (a local server without TLS or authentication).
#
# Every server scenario the runner lists is either run here and must pass,
# or named in tests/README.md ("MCP conformance") with the reason it does
# not apply; a scenario in neither list (a new runner version) fails.
source "$(dirname "$0")/lib.sh"
tt_init
mcp_need_npm

# Scenarios that apply to this server: each must pass.
APPLY="server-initialize ping tools-list resources-list dns-rebinding-protection"
# Scenarios that do not apply; tests/README.md says why, one by one.
NOT_APPLY="logging-set-level completion-complete tools-call-simple-text
tools-call-image tools-call-audio tools-call-embedded-resource
tools-call-mixed-content tools-call-with-logging tools-call-error
tools-call-with-progress tools-call-sampling tools-call-elicitation
json-schema-2020-12 elicitation-sep1034-defaults server-sse-polling
server-sse-multiple-streams elicitation-sep1330-enums resources-read-text
resources-read-binary resources-templates-read resources-subscribe
resources-unsubscribe prompts-list prompts-get-simple prompts-get-with-args
prompts-get-embedded-resource prompts-get-with-image"

runner() { (cd "$TT_DIR" && timeout 90 "$TT_REPO/tests/lib/conformance" "$@"); }

listed=$(runner list --server | sed -n 's/^  - \([a-z0-9-]*\).*/\1/p' | sort)
tt_ok "the runner lists its server scenarios" [ -n "$listed" ]
known=$(printf '%s\n' $APPLY $NOT_APPLY | sort)
tt_is "$listed" "$known" "every listed scenario is either run here or named in tests/README.md"
for s in $NOT_APPLY; do
	grep -q -- "\`$s\`" "$TT_REPO/tests/README.md" ||
		tt_fail "tests/README.md gives no reason for skipping $s"
done

TT_TLS=0
tt_stack_start
for s in $APPLY; do
	out=$(runner server --url "$TT_URL/mcp" --scenario "$s" 2>&1); rc=$?
	passed=$(sed -n 's/.*Passed: \([0-9]*\)\/\([0-9]*\), \([0-9]*\) failed.*/\1 \2 \3/p' <<<"$out")
	read -r p total failed <<<"$passed"
	if [ "$rc" -eq 0 ] && [ -n "$total" ] && [ "$total" -gt 0 ] &&
	   [ "$p" = "$total" ] && [ "$failed" = 0 ]; then
		tt_pass "conformance $s: $p/$total checks pass"
	else
		tt_fail "conformance $s (exit $rc)"
		tt_diag_err "$(printf '%s\n' "$out" | tail -n 25)"
	fi
done
tt_done
