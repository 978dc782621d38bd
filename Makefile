# ttt-fcgi - a FastCGI worker that plays perfect tic-tac-toe for GPT actions.
#
#   make            build engine/libttt.a and fcgi/ttt-fcgi
#   make deps       install missing Debian packages and the test npm packages
#   make run        nginx on 127.0.0.1:8080 + a spawn-fcgi/multiwatch pool
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
APT_PACKAGES	= build-essential pkg-config libfcgi-dev libjansson-dev \
		  libinih-dev spawn-fcgi multiwatch nginx curl jq openssl \
		  perl iproute2 procps psmisc binutils

.PHONY: all deps run test bench fuzz install clean
all: $(LIBTTT) $(WORKER)

include engine/engine.mk
include fcgi/fcgi.mk
-include tests/unit/unit.mk
-include tests/integration/integration.mk
-include tests/contract/contract.mk
-include tests/hardening/hardening.mk
-include tests/fuzz/fuzz.mk
-include tests/bench/bench.mk

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

-include $(shell find $(O) -name '*.d' 2>/dev/null)

deps:
	@APT_PACKAGES="$(APT_PACKAGES)" sh conf/install-deps

run: deps all
	@conf/run-local

test: deps all $(TEST_BINS)
	prove --exec '' --timer $(PROVE_TESTS)

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
