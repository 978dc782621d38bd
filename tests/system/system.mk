# tests/system/: the Debian package on a booted Debian 12 with systemd.
#
#   unit-security.t  systemd-analyze security (offline) of the rendered units:
#               ttt-fcgi.service at most 0.8, ttt-fcgi-spawn.service below 2.0
#   package.t   the .deb: lintian clean, contents, man pages, every config
#               key documented, the packaged nginx site is what conf/nginx-site
#               makes of nginx.conf.example today
#   deb.t       a Debian 12 minbase tree (mmdebstrap, cached in build/system/
#               and keyed on its package list) booted with systemd-nspawn:
#               install, nginx site, a game over HTTPS, journal priorities,
#               reload and restart under load with no failed request, an API
#               key kept across a reinstall, a key file the service cannot
#               read, purge.  Needs root.  TT_KEEP=1 keeps its directory.
#   upgrade.t   the same booted tree: 1.0.0 (built from its release commit by
#               tests/system/old-deb, cached in build/system/) installed and
#               edited, then dpkg -i of this package under load: no failed
#               request, the new version serving, the edited conffile kept.
#               Needs root and the commit in the clone's history.

SYSTEM_TESTS = tests/system/unit-security.t tests/system/package.t tests/system/deb.t
SYSTEM_TESTS += tests/system/upgrade.t
PROVE_TESTS	+= $(SYSTEM_TESTS)
TEST_BINS	+= $(DEB_FILE) $(DIST_UNITS)
APT_PACKAGES	+= systemd-container mmdebstrap man-db
CLEAN_FILES	+= build/system

test: export TTT_DEB := $(abspath $(DEB_FILE))
test: export TTT_DIST := $(abspath $(O)/dist)
