# tests/fuzz: libFuzzer harnesses for the handler and the config parser.
#
#   make fuzz                      every harness, FUZZ_SECONDS each (600)
#   make fuzz-handler_body FUZZ_SECONDS=60     one harness
#   make test                      tests/fuzz/fuzz.t: replays the regression
#                                  inputs, then FUZZ_TEST_SECONDS (30) each
#
# The harnesses are built with clang (-fsanitize=fuzzer,address,undefined)
# from the same sources as the worker's core (FCGI_CORE_SRCS, ENGINE_SRCS),
# instrumented, into build/fuzz whatever O= says.  Crashes land in
# build/fuzz/artifacts/<name>/; copy a reproducer into tests/fuzz/regress/
# <name>/ so every later run replays it.
FUZZ_CC		?= clang
FUZZ_DIR	= build/fuzz
FUZZ_SECONDS	?= 600
FUZZ_NAMES	= handler_body handler_query handler_request config mcp
FUZZ_BINS	= $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_CFLAGS	= -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 \
		  -fno-omit-frame-pointer -fsanitize=address,undefined \
		  -fno-sanitize-recover=all -Wall -Wextra \
		  $(VERSION_CFLAGS) -Iengine -Ifcgi -Itests/fuzz
FUZZ_LIB_SRCS	= $(ENGINE_SRCS) $(FCGI_CORE_SRCS) tests/fuzz/fuzz_common.c
FUZZ_LIB_OBJS	= $(FUZZ_LIB_SRCS:%.c=$(FUZZ_DIR)/obj/%.o)

$(FUZZ_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BINS): $(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h \
		$(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJS) \
		$(FCGI_LIBS)

FUZZ_RUNS = $(FUZZ_NAMES:%=fuzz-%)
.PHONY: $(FUZZ_RUNS)
$(FUZZ_RUNS): fuzz-%: $(FUZZ_DIR)/fuzz_%
	tests/fuzz/run-fuzzer $* $(FUZZ_SECONDS)

FUZZ_TARGETS	+= $(FUZZ_RUNS)
TEST_BINS	+= $(FUZZ_BINS)
PROVE_TESTS	+= tests/fuzz/fuzz.t
APT_PACKAGES	+= clang libclang-rt-14-dev
