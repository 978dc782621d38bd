#!/bin/bash
# elf-hardening.t - the worker binary carries the hardening the Makefile asks
# for (HARDEN_CFLAGS / HARDEN_LDFLAGS), checked on the ELF file with readelf:
# stack protector, FORTIFY_SOURCE, PIE, full RELRO, non-executable stack.
set -u
cd "$(dirname "$0")/../.."
source tests/lib/tap.sh
bin=${TTT_WORKER:-fcgi/ttt-fcgi}
quiet() { "$@" >/dev/null 2>&1; }
check() { local d=$1; shift; tt_ok "$d" quiet "$@"; }
command -v readelf >/dev/null || tt_bail "readelf is missing (binutils: make deps)"
[ -x "$bin" ] || tt_bail "no $bin (run make)"
tt_plan 7
hdr=$(readelf -hW "$bin") seg=$(readelf -lW "$bin") dyn=$(readelf -dW "$bin")
syms=$(readelf -sW --dyn-syms "$bin")

check "ELF type is DYN: a position-independent executable (-pie)" \
	grep -Eq 'Type:[[:space:]]+DYN' <<<"$hdr"
check "PIE flag set in the dynamic section (FLAGS_1 PIE)" \
	grep -Eq 'FLAGS_1.*PIE' <<<"$dyn"
check "GNU_RELRO segment present (-z relro)" grep -q GNU_RELRO <<<"$seg"
check "bindings resolved at start (BIND_NOW / FLAGS NOW: -z now = full RELRO)" \
	grep -Eq 'BIND_NOW|FLAGS[^_].*NOW|FLAGS_1.*NOW' <<<"$dyn"
stack=$(grep GNU_STACK <<<"$seg")
check "stack is not executable (GNU_STACK RW, not RWE)" \
	bash -c '[[ "$1" == *RW* && "$1" != *RWE* ]]' _ "$stack"
check "stack protector in use (__stack_chk_fail imported)" \
	grep -q '__stack_chk_fail' <<<"$syms"
chk=$(grep -oE '__[a-z_]+_chk\b' <<<"$syms" | grep -v __stack_chk_fail | sort -u | tr '\n' ' ')
check "FORTIFY_SOURCE in use (*_chk functions imported: ${chk:-none})" test -n "$chk"
tt_done
