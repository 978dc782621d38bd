# fcgi/: the worker.  FCGI_IO_SRCS talk to the outside (logging, the
# transports); FCGI_CORE_SRCS is every other file but main.c, so the handler
# tests and fuzzers link the same code the worker runs, and a new handler
# file needs no line here.
FCGI_IO_SRCS   = fcgi/log.c fcgi/params.c fcgi/wire.c fcgi/cycle.c \
		 fcgi/fastcgi.c fcgi/pool.c fcgi/cgi.c fcgi/ops/ops_io.c
FCGI_CORE_SRCS = $(filter-out fcgi/main.c $(FCGI_IO_SRCS),$(sort $(wildcard fcgi/*.c fcgi/ops/*.c)))
FCGI_CORE_OBJS = $(FCGI_CORE_SRCS:%.c=$(O)/%.o)
FCGI_IO_OBJS   = $(FCGI_IO_SRCS:%.c=$(O)/%.o)
include fcgi/site/site.mk
FCGI_LIBS      = -ljansson -linih
WORKER_LIBS    = -lfcgi -lpthread $(FCGI_LIBS)

$(WORKER): $(O)/fcgi/main.o $(FCGI_IO_OBJS) $(FCGI_CORE_OBJS) $(LIBTTT)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(WORKER_LIBS)
