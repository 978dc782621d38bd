# conf/debian.mk: `make deb` builds the Debian package with dpkg-buildpackage
# and debhelper (dh, compat 13) from conf/debian/, in a copy of the sources
# under build/deb/, then checks it with lintian (no error, no warning).
#
#   make deb          -> build/ttt-fcgi_<version>_<arch>.deb
#
# The version is the one in conf/debian/changelog.

DEB_VERSION := $(shell dpkg-parsechangelog -l conf/debian/changelog -S Version 2>/dev/null)
DEB_ARCH    := $(shell dpkg --print-architecture 2>/dev/null)
DEB_FILE     = build/ttt-fcgi_$(DEB_VERSION)_$(DEB_ARCH).deb
DEB_TREE     = build/deb/ttt-fcgi-$(DEB_VERSION)
# What the package is built from; build products are left behind.
DEB_SOURCES  = Makefile README.md LICENSE nginx.conf.example engine fcgi conf tests/post-board
DEB_INPUTS  := $(shell find $(DEB_SOURCES) -type f ! -name '*.o' ! -name '*.d' \
		 ! -path fcgi/ttt-fcgi ! -path engine/libttt.a 2>/dev/null)

APT_PACKAGES += debhelper dpkg-dev lintian

.PHONY: deb
deb: $(DEB_FILE)

# dpkg-buildpackage runs make again inside the copy: the outer make's flags
# and command-line variables must not leak in.
$(DEB_FILE): $(DEB_INPUTS)
	@[ -n "$(DEB_VERSION)" ] || { echo "deb: dpkg-parsechangelog is missing (make deps)" >&2; exit 1; }
	rm -rf build/deb
	mkdir -p $(DEB_TREE)
	tar -cf - --exclude='*.o' --exclude='*.d' --exclude=fcgi/ttt-fcgi \
		--exclude=engine/libttt.a --exclude=conf/debian $(DEB_SOURCES) | \
		tar -xf - -C $(DEB_TREE)
	cp -R conf/debian $(DEB_TREE)/debian
	cp conf/ttt-fcgi.sysusers $(DEB_TREE)/debian/ttt-fcgi.sysusers
	cd $(DEB_TREE) && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
		dpkg-buildpackage -b -us -uc >../build.log 2>&1 || \
		{ tail -40 ../build.log; echo "deb: dpkg-buildpackage failed, see build/deb/build.log" >&2; exit 1; }
	lintian --fail-on error,warning --info --tag-display-limit 0 \
		build/deb/ttt-fcgi_$(DEB_VERSION)_$(DEB_ARCH).deb
	cp build/deb/ttt-fcgi_$(DEB_VERSION)_$(DEB_ARCH).deb $@
