# fcgi/: the worker.  Every .c file of its folders is built, with no list
# kept by hand, so a new handler, MCP or metrics file needs no line here.
#
#   fcgi/            the handler and the API (pure; main.c is the program)
#   fcgi/transport/  FastCGI and CGI: the pool, the request cycle, the wire
#   fcgi/mcp/        the MCP endpoint
#   fcgi/ops/        metrics and the status page
#
# FCGI_IO_SRCS talk to the outside (logging, the transports, and the
# metrics' process and request-cycle hooks, which log); FCGI_CORE_SRCS is
# every other file but main.c, so the handler tests and fuzzers link the
# same code the worker runs.
FCGI_DIRS      = fcgi fcgi/transport fcgi/mcp fcgi/ops
FCGI_IO_SRCS   = fcgi/log.c fcgi/ops/ops_io.c \
		 $(sort $(wildcard fcgi/transport/*.c))
FCGI_CORE_SRCS = $(filter-out fcgi/main.c $(FCGI_IO_SRCS),\
		 $(sort $(foreach d,$(FCGI_DIRS),$(wildcard $(d)/*.c))))
FCGI_CORE_OBJS = $(FCGI_CORE_SRCS:%.c=$(O)/%.o)
FCGI_IO_OBJS   = $(FCGI_IO_SRCS:%.c=$(O)/%.o)
include fcgi/site/site.mk
FCGI_LIBS      = -ljansson -linih
WORKER_LIBS    = -lfcgi -lpthread $(FCGI_LIBS)

# A new changelog entry is a new version: the worker's objects carry it.
$(O)/fcgi/main.o $(FCGI_IO_OBJS) $(FCGI_CORE_OBJS): $(VERSION_FILE)

$(WORKER): $(O)/fcgi/main.o $(FCGI_IO_OBJS) $(FCGI_CORE_OBJS) $(LIBTTT)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(WORKER_LIBS)
