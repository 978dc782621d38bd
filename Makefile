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
#   make install    PREFIX=/usr/local DESTDIR= (keeps an existing configuration)
#   make uninstall  the same variables; leaves the configuration in place
#   make deb        build/ttt-fcgi_<version>_<arch>.deb (conf/debian.mk)
#
# O= selects the object directory; sanitizer builds are
#   make O=build/san SANITIZE=1 CC=clang <target>      ASan + UBSan
#   make O=build/tsan SANITIZE=thread CC=clang <target> ThreadSanitizer

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
SBINDIR	?= $(PREFIX)/sbin
LIBEXECDIR ?= $(PREFIX)/libexec
SYSCONFDIR ?= /etc
DOCDIR	?= $(PREFIX)/share/doc/ttt-fcgi
MANDIR	?= $(PREFIX)/share/man
UNITDIR	?= /lib/systemd/system
# Empty: no sysusers.d entry (the Debian package installs it its own way).
SYSUSERSDIR ?= /usr/lib/sysusers.d
NGINXDIR ?= $(SYSCONFDIR)/nginx

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

# The version is written in one place, the top entry of the Debian changelog
# (conf/debian/changelog; debian/changelog in the package's build tree): the
# worker's --version, /docs, its pages and the package all come from it.
VERSION_FILE := $(firstword $(wildcard conf/debian/changelog debian/changelog))
VERSION	:= $(shell sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' $(VERSION_FILE) 2>/dev/null)
VERSION_CFLAGS = -DTTT_VERSION='"$(VERSION)"'

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(HARDEN_CFLAGS) \
	  $(OPT) $(SAN) $(CFLAGS) $(VERSION_CFLAGS) -Iengine -Ifcgi
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

.PHONY: all dist deps deps-build deps-run run test check bench fuzz install \
	uninstall clean
all: $(LIBTTT) $(WORKER)

include engine/engine.mk
include fcgi/fcgi.mk
-include tests/unit/unit.mk
-include tests/integration/integration.mk
-include tests/mcp/mcp.mk
-include tests/contract/contract.mk
-include tests/hardening/hardening.mk
-include tests/fuzz/fuzz.mk
-include tests/bench/bench.mk
-include tests/browser/browser.mk
-include conf/debian.mk
-include tests/system/system.mk

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# build/system holds the system tests' Debian tree (its rc?.d are no .d files).
-include $(shell find $(O) -path build/system -prune -o -name '*.d' -type f -print 2>/dev/null)

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
CHECK_TESTS	= $(CHECK_BINS) tests/unit/cgi.t tests/unit/config-keys.t tests/unit/limits.t \
		  tests/unit/config-files.t tests/unit/scoreboard.t \
		  tests/unit/log.t tests/unit/fcgi-client.t tests/mcp/cgi.t
PROVE_TESTS	+= tests/unit/fcgi-client.t

check: export TTT_WORKER := $(abspath $(WORKER))
check:
	@tests/lib/check-prereqs $(CC)
	@$(MAKE) --no-print-directory all $(CHECK_BINS)
	$(PROVE) $(CHECK_TESTS)

bench: deps all $(BENCH_TARGETS)

fuzz: $(FUZZ_TARGETS)

# Files rendered for the paths of this install (units) or cut from
# nginx.conf.example for Debian's nginx layout (site + snippets).
DIST_UNITS = $(O)/dist/ttt-fcgi.service $(O)/dist/ttt-fcgi-spawn.service
DIST_NGINX = $(O)/dist/nginx/ttt-fcgi $(O)/dist/nginx/ttt-fcgi-server.conf \
	     $(O)/dist/nginx/ttt-fcgi-fastcgi.conf
MAN_PAGES  = conf/man/ttt-fcgi.8 conf/man/ttt-fcgi.conf.5 conf/man/ttt-post-board.1

dist: $(DIST_UNITS) $(DIST_NGINX)

# The units name the paths actually installed to; a change of SBINDIR,
# LIBEXECDIR or SYSCONFDIR re-renders them.
$(O)/dist/paths: FORCE
	@mkdir -p $(dir $@)
	@echo '$(SBINDIR) $(LIBEXECDIR) $(SYSCONFDIR)' | cmp -s - $@ || \
		echo '$(SBINDIR) $(LIBEXECDIR) $(SYSCONFDIR)' >$@
$(O)/dist/%.service: conf/%.service.in $(O)/dist/paths
	sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g' \
	    -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' $< >$@.tmp
	@! grep -n '@[A-Z]*@' $@.tmp
	mv $@.tmp $@
$(DIST_NGINX) &: nginx.conf.example conf/nginx-site
	@mkdir -p $(O)/dist/nginx
	conf/nginx-site -o $(O)/dist/nginx nginx.conf.example
.PHONY: FORCE
FORCE:

# install_conf SRC DEST: a configuration the admin may have edited is never
# overwritten; a different new version goes beside it as DEST.dist.
define install_conf
	@if [ ! -e $(2) ]; then \
		echo "install -m 0644 $(1) $(2)"; install -m 0644 $(1) $(2); \
	elif cmp -s $(1) $(2); then \
		echo "$(2) is up to date"; \
	else \
		install -m 0644 $(1) $(2).dist; \
		echo "kept $(2); the new version is $(2).dist (compare, merge, remove)"; \
	fi
endef

install: all dist
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(BINDIR) \
		$(DESTDIR)$(LIBEXECDIR)/ttt-fcgi $(DESTDIR)$(SYSCONFDIR)/ttt-fcgi \
		$(DESTDIR)$(UNITDIR) $(DESTDIR)$(DOCDIR) \
		$(DESTDIR)$(NGINXDIR)/sites-available $(DESTDIR)$(NGINXDIR)/snippets \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8
	install -m 0755 $(WORKER) $(DESTDIR)$(SBINDIR)/ttt-fcgi
	install -m 0755 tests/post-board $(DESTDIR)$(BINDIR)/ttt-post-board
	install -m 0755 conf/reload-workers $(DESTDIR)$(LIBEXECDIR)/ttt-fcgi/reload-workers
	$(call install_conf,conf/ttt-fcgi.conf,$(DESTDIR)$(SYSCONFDIR)/ttt-fcgi/ttt-fcgi.conf)
	$(call install_conf,$(O)/dist/nginx/ttt-fcgi,$(DESTDIR)$(NGINXDIR)/sites-available/ttt-fcgi)
	$(call install_conf,$(O)/dist/nginx/ttt-fcgi-server.conf,$(DESTDIR)$(NGINXDIR)/snippets/ttt-fcgi-server.conf)
	$(call install_conf,$(O)/dist/nginx/ttt-fcgi-fastcgi.conf,$(DESTDIR)$(NGINXDIR)/snippets/ttt-fcgi-fastcgi.conf)
	install -m 0644 $(DIST_UNITS) conf/ttt-fcgi.socket $(DESTDIR)$(UNITDIR)/
	$(if $(SYSUSERSDIR),install -d $(DESTDIR)$(SYSUSERSDIR))
	$(if $(SYSUSERSDIR),install -m 0644 conf/ttt-fcgi.sysusers $(DESTDIR)$(SYSUSERSDIR)/ttt-fcgi.conf)
	install -m 0644 conf/man/ttt-post-board.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 conf/man/ttt-fcgi.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 0644 conf/man/ttt-fcgi.8 $(DESTDIR)$(MANDIR)/man8/
	install -m 0644 nginx.conf.example README.md $(DESTDIR)$(DOCDIR)/
	install -m 0644 conf/README.md $(DESTDIR)$(DOCDIR)/README.conf.md
	@if [ -z "$(DESTDIR)" ]; then \
		echo "next: systemd-sysusers; systemctl daemon-reload;" \
		     "systemctl enable --now ttt-fcgi.socket ttt-fcgi.service"; \
	fi

# Everything install put there but the configuration (and the key file an
# admin may keep beside it), which stays; the .dist copies go.
uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/ttt-fcgi $(DESTDIR)$(BINDIR)/ttt-post-board \
	      $(DESTDIR)$(LIBEXECDIR)/ttt-fcgi/reload-workers \
	      $(DESTDIR)$(UNITDIR)/ttt-fcgi.service $(DESTDIR)$(UNITDIR)/ttt-fcgi.socket \
	      $(DESTDIR)$(UNITDIR)/ttt-fcgi-spawn.service \
	      $(DESTDIR)$(MANDIR)/man1/ttt-post-board.1 $(DESTDIR)$(MANDIR)/man5/ttt-fcgi.conf.5 \
	      $(DESTDIR)$(MANDIR)/man8/ttt-fcgi.8 \
	      $(DESTDIR)$(DOCDIR)/nginx.conf.example $(DESTDIR)$(DOCDIR)/README.md \
	      $(DESTDIR)$(DOCDIR)/README.conf.md \
	      $(DESTDIR)$(SYSCONFDIR)/ttt-fcgi/ttt-fcgi.conf.dist \
	      $(DESTDIR)$(NGINXDIR)/sites-available/ttt-fcgi.dist \
	      $(DESTDIR)$(NGINXDIR)/snippets/ttt-fcgi-server.conf.dist \
	      $(DESTDIR)$(NGINXDIR)/snippets/ttt-fcgi-fastcgi.conf.dist
	$(if $(SYSUSERSDIR),rm -f $(DESTDIR)$(SYSUSERSDIR)/ttt-fcgi.conf)
	-rmdir $(DESTDIR)$(LIBEXECDIR)/ttt-fcgi $(DESTDIR)$(DOCDIR) 2>/dev/null
	@echo "kept the configuration: $(DESTDIR)$(SYSCONFDIR)/ttt-fcgi/," \
	      "$(DESTDIR)$(NGINXDIR)/sites-available/ttt-fcgi," \
	      "$(DESTDIR)$(NGINXDIR)/snippets/ttt-fcgi-*.conf (remove them by hand)"

clean:
	rm -rf build engine/libttt.a fcgi/ttt-fcgi $(CLEAN_FILES)
