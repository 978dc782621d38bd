# engine/: libttt (owned by the engine work; see engine/ttt.h)
#
#   make engine/libttt.a       the library
#   make bench-engine          engine benchmark (part of make bench)
#   make valgrind-engine       engine unit tests under valgrind
ENGINE_SRCS = engine/board.c engine/level.c engine/reason.c engine/rules.c \
	      engine/table.c
ENGINE_OBJS = $(ENGINE_SRCS:%.c=$(O)/%.o)

$(LIBTTT): $(ENGINE_OBJS)
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

# Unit tests: each a TAP program (prove --exec '').
ENGINE_TEST_NAMES = engine_board_test engine_rules_test engine_move_test \
		    engine_play_test engine_threads_test engine_forecast_test \
		    engine_text_test engine_reason_test engine_hint_test \
		    engine_level_test
ENGINE_TESTS = $(ENGINE_TEST_NAMES:%=$(O)/tests/unit/%)
ENGINE_TEST_LIBS = $(O)/tests/unit/tap.o $(O)/tests/unit/naive_minimax.o \
		   $(O)/tests/unit/engine_boards.o

$(ENGINE_TESTS): $(O)/tests/unit/%: $(O)/tests/unit/%.o $(ENGINE_TEST_LIBS) $(LIBTTT)
	$(CC) -o $@ $(filter %.o %.a,$^) $(ALL_LDFLAGS)

TEST_BINS += $(ENGINE_TESTS)
PROVE_TESTS += $(ENGINE_TESTS)

# Benchmark: prints figures, asserts nothing about time.
ENGINE_BENCH = $(O)/tests/bench/engine_bench

$(ENGINE_BENCH): $(O)/tests/bench/engine_bench.o $(O)/tests/unit/naive_minimax.o $(LIBTTT)
	$(CC) -o $@ $(filter %.o %.a,$^) $(ALL_LDFLAGS)

.PHONY: bench-engine valgrind-engine
bench-engine: $(ENGINE_BENCH)
	$(ENGINE_BENCH)

valgrind-engine: $(ENGINE_TESTS)
	@for t in $(ENGINE_TESTS); do \
		valgrind -q --error-exitcode=99 --leak-check=full $$t >/dev/null || \
		{ echo "valgrind: $$t failed"; exit 1; }; \
		echo "valgrind: $$t clean"; \
	done

BENCH_TARGETS += bench-engine
