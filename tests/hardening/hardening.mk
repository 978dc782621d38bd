# tests/hardening: sanitizers, valgrind, the binary's hardening, hostile
# input through nginx, faults under load, scale-out across hosts, security.
# See tests/hardening/README section in the top README ("Hardening").
#
# sanitizers.t re-runs make with O=build/san-clang SANITIZE=1 CC=clang for the targets
# below, so the list of unit/handler test binaries is read from the
# fragments that own them (engine/engine.mk, tests/unit/unit.mk).
HARDENING_SAN_BINS	= $(ENGINE_TESTS) $(HANDLER_TESTS)
HARDENING_VALGRIND_BINS	= $(HANDLER_TESTS)

.PHONY: hardening-san-bins hardening-print-san-bins hardening-print-valgrind-bins
hardening-san-bins: $(HARDENING_SAN_BINS) $(WORKER)
hardening-print-san-bins:
	@echo $(HARDENING_SAN_BINS)
hardening-print-valgrind-bins:
	@echo $(HARDENING_VALGRIND_BINS)

# Cheap and static first, then the stack-based ones, the long ones last.
PROVE_TESTS	+= tests/hardening/static.t \
		   tests/hardening/elf-hardening.t \
		   tests/hardening/valgrind.t \
		   tests/hardening/sanitizers.t \
		   tests/hardening/hostile.t \
		   tests/hardening/security.t \
		   tests/hardening/accept-path.t \
		   tests/hardening/tsan.t \
		   tests/hardening/faults.t \
		   tests/hardening/scale-out.t
APT_PACKAGES	+= clang libclang-rt-14-dev valgrind wrk cppcheck
