# fcgi/: the worker.  FCGI_CORE_OBJS is everything but the entry points, so
# the handler tests and fuzzers link the same code the worker runs.
FCGI_CORE_SRCS = fcgi/status.c fcgi/response.c fcgi/query.c fcgi/move.c \
		 fcgi/jsonutil.c fcgi/auth.c fcgi/routes.c fcgi/pages.c \
		 fcgi/openapi.c fcgi/server_url.c fcgi/schema.c fcgi/docs.c fcgi/config.c \
		 fcgi/game.c fcgi/game_input.c fcgi/hint.c
FCGI_IO_SRCS   = fcgi/log.c fcgi/params.c fcgi/wire.c fcgi/serve.c \
		 fcgi/fastcgi.c fcgi/pool.c fcgi/cgi.c
FCGI_CORE_OBJS = $(FCGI_CORE_SRCS:%.c=$(O)/%.o)
FCGI_IO_OBJS   = $(FCGI_IO_SRCS:%.c=$(O)/%.o)
FCGI_LIBS      = -ljansson -linih
WORKER_LIBS    = -lfcgi -lpthread $(FCGI_LIBS)

$(WORKER): $(O)/fcgi/main.o $(FCGI_IO_OBJS) $(FCGI_CORE_OBJS) $(LIBTTT)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(WORKER_LIBS)
