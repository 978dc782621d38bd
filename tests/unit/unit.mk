# tests/unit: the worker's handler and configuration, without a server.
HANDLER_TEST_NAMES = handler_test config_test pages_test auth_test operation_test \
		     hosts_test mcp_test mcp_app_test limit_test ops_test
HANDLER_TESTS = $(HANDLER_TEST_NAMES:%=$(O)/tests/unit/%)

$(HANDLER_TESTS): $(O)/tests/unit/%: $(O)/tests/unit/%.o \
		$(O)/tests/unit/tap.o $(O)/tests/unit/handler_call.o \
		$(FCGI_CORE_OBJS) $(LIBTTT)
	$(CC) -o $@ $(filter %.o %.a,$^) $(ALL_LDFLAGS) $(FCGI_LIBS)

IO_TEST = $(O)/tests/unit/io_test
$(IO_TEST): $(O)/tests/unit/io_test.o $(O)/tests/unit/tap.o \
		$(O)/fcgi/transport/params.o $(O)/fcgi/transport/wire.o $(O)/fcgi/http_status.o $(O)/fcgi/body.o \
		$(O)/fcgi/strbuf.o
	$(CC) -o $@ $^ $(ALL_LDFLAGS)

TEST_BINS += $(HANDLER_TESTS) $(IO_TEST)
PROVE_TESTS += $(HANDLER_TESTS) $(IO_TEST) tests/unit/cgi.t tests/unit/config-keys.t tests/unit/log.t
PROVE_TESTS += tests/unit/limits.t tests/unit/config-files.t
PROVE_TESTS += tests/unit/scoreboard.t
APT_PACKAGES += libfcgi-bin jq util-linux
