# tests/hardening: sanitizers, valgrind, the binary's hardening, hostile
# input through nginx, faults under load, scale-out across hosts, security.
# What each covers: tests/README.md ("Hardening evidence").
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
		   tests/hardening/kept-connections.t \
		   tests/hardening/tsan.t \
		   tests/hardening/faults.t \
		   tests/hardening/soak.t \
		   tests/hardening/scale-out.t

# The soak (tests/hardening/soak.t): 20 s in make test; make soak is the
# long run, SOAK_SECONDS or SOAK_REQUESTS, whichever ends first (the .t file
# lists every knob).  Not part of make test.
SOAK_SECONDS	?= 600
SOAK_REQUESTS	?= 1000000
.PHONY: soak
soak: deps all
	SOAK_SECONDS=$(SOAK_SECONDS) SOAK_REQUESTS=$(SOAK_REQUESTS) \
	TTT_WORKER=$(abspath $(WORKER)) \
	TEST_TIME_LIMIT=$$(($(SOAK_SECONDS) + 300)) \
		prove -v --exec tests/lib/run-bounded tests/hardening/soak.t
test: export SOAK_SECONDS := 20
test: export SOAK_REQUESTS := 1000000
APT_PACKAGES	+= clang libclang-rt-14-dev valgrind wrk cppcheck
