# ttt-fcgi - a FastCGI worker that plays perfect tic-tac-toe for GPT actions.
#
#   make            build engine/libttt.a and fcgi/ttt-fcgi
#   make deps       install what the tests need: missing Debian packages
#                   and the pinned npm test tools (deps-build: only what
#                   building needs; deps-run: building and make run)
#   make run        nginx on 127.0.0.1:8080 + a spawn-fcgi/multiwatch pool
#   make check      fast tier: C unit tests + CGI tests, installs nothing
#   make test       every test, one prove summary at the end
#   make bench      engine and HTTP benchmarks
#   make fuzz       libFuzzer harnesses, FUZZ_SECONDS each (default 600)
#   make install    PREFIX=/usr/local DESTDIR=
#
# O= selects the object directory; sanitizer builds are
#   make O=build/san SANITIZE=1 CC=clang <target>      ASan + UBSan
#   make O=build/tsan SANITIZE=thread CC=clang <target> ThreadSanitizer

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
SYSCONFDIR ?= /etc
DOCDIR	?= $(PREFIX)/share/doc/ttt-fcgi
UNITDIR	?= /lib/systemd/system

O	?= build
CC	?= cc
OPT	?= -O2 -g

WARN	= -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wformat=2 -Wvla -Wpointer-arith -Wundef
# Hardening (checked on the binary by tests/hardening/elf-hardening.t).
HARDEN_CFLAGS = -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE \
	  -fstack-clash-protection -fcf-protection
HARDEN_LDFLAGS = -pie -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack

ifeq ($(SANITIZE),1)
OPT	= -O1 -g -fno-omit-frame-pointer
# float-cast-overflow is not part of "undefined": a float converted to an
# integer it does not fit is undefined behaviour all the same.
SAN	= -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
# FORTIFY and ASan do not mix well; ASan checks more.
HARDEN_CFLAGS = -fstack-protector-strong -fPIE
endif
ifeq ($(SANITIZE),thread)
OPT	= -O1 -g -fno-omit-frame-pointer
SAN	= -fsanitize=thread
HARDEN_CFLAGS = -fPIE
endif

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(HARDEN_CFLAGS) \
	  $(OPT) $(SAN) $(CFLAGS) -Iengine -Ifcgi
ALL_LDFLAGS = $(HARDEN_LDFLAGS) $(SAN) $(LDFLAGS)

# In the default build the products live where users look for them.
ifeq ($(O),build)
LIBTTT	= engine/libttt.a
WORKER	= fcgi/ttt-fcgi
else
LIBTTT	= $(O)/libttt.a
WORKER	= $(O)/ttt-fcgi
endif

# Fragments append to these.
TEST_BINS	=	# built before prove runs
PROVE_TESTS	=	# run by prove, in this order
BENCH_TARGETS	=
FUZZ_TARGETS	=
CLEAN_FILES	=
# Debian packages, in three lists (conf/install-deps installs the missing):
#   APT_BUILD     to build the worker                     make deps-build
#   APT_RUN       to run it as make run does (+ build)    make deps-run
#   APT_PACKAGES  the test tools (fragments append)       make deps (all
#                 three lists, plus the npm test tools)
APT_BUILD	= build-essential pkg-config libfcgi-dev libjansson-dev \
		  libinih-dev
# conf/run-local: nginx, the pool, curl for its health check, ss
# (iproute2), pgrep (procps), setsid/runuser (util-linux).
APT_RUN		= spawn-fcgi multiwatch nginx curl iproute2 procps util-linux
APT_PACKAGES	= jq openssl perl python3 psmisc binutils libfcgi-bin

.PHONY: all deps deps-build deps-run run test check bench fuzz install clean
all: $(LIBTTT) $(WORKER)

include engine/engine.mk
include fcgi/fcgi.mk
-include tests/unit/unit.mk
-include tests/integration/integration.mk
-include tests/contract/contract.mk
-include tests/hardening/hardening.mk
-include tests/fuzz/fuzz.mk
-include tests/bench/bench.mk
-include tests/browser/browser.mk

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

-include $(shell find $(O) -name '*.d' 2>/dev/null)

deps-build:
	@APT_PACKAGES="$(APT_BUILD)" sh conf/install-deps build

deps-run:
	@APT_PACKAGES="$(APT_BUILD) $(APT_RUN)" sh conf/install-deps run

deps:
	@APT_PACKAGES="$(sort $(APT_BUILD) $(APT_RUN) $(APT_PACKAGES))" sh conf/install-deps test

run: deps-run all
	@conf/run-local

# Every test runs under tests/lib/run-bounded: a test that hangs fails with
# "timed out after N s" (limit: tests/lib/time-limits, default 240 s) and
# prove goes on.  TEST_TIME_LIMIT=N overrides the limit for every test.
PROVE	= prove --exec tests/lib/run-bounded --timer

test: deps all $(TEST_BINS) $(RECORD_STAMP)
	$(PROVE) $(PROVE_TESTS)

# The fast tier: the C unit tests and the worker as a CGI program.  No
# package install, no root, no server: it checks what it needs first and
# says what is missing (tests/lib/check-prereqs).
CHECK_BINS	= $(ENGINE_TESTS) $(HANDLER_TESTS) $(IO_TEST)
CHECK_TESTS	= $(CHECK_BINS) tests/unit/cgi.t tests/unit/config-keys.t \
		  tests/unit/log.t tests/unit/fcgi-client.t
PROVE_TESTS	+= tests/unit/fcgi-client.t

check: export TTT_WORKER := $(abspath $(WORKER))
check:
	@tests/lib/check-prereqs $(CC)
	@$(MAKE) --no-print-directory all $(CHECK_BINS)
	$(PROVE) $(CHECK_TESTS)

bench: deps all $(BENCH_TARGETS)

fuzz: $(FUZZ_TARGETS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SYSCONFDIR)/ttt-fcgi \
		$(DESTDIR)$(UNITDIR) $(DESTDIR)$(DOCDIR)
	install -m 0755 $(WORKER) $(DESTDIR)$(BINDIR)/ttt-fcgi
	install -m 0644 conf/ttt-fcgi.conf $(DESTDIR)$(SYSCONFDIR)/ttt-fcgi/ttt-fcgi.conf
	install -m 0644 conf/*.service conf/*.socket $(DESTDIR)$(UNITDIR)/
	install -m 0644 nginx.conf.example README.md $(DESTDIR)$(DOCDIR)/
	install -m 0644 conf/README.md $(DESTDIR)$(DOCDIR)/README.conf.md

clean:
	rm -rf build engine/libttt.a fcgi/ttt-fcgi $(CLEAN_FILES)
