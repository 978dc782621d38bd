/*
 * transport.h - the transport layer's API for main.c, the ways requests
 * arrive: the FastCGI process (pool.c: threads, signals, watchdog; the
 * accept loop of fastcgi.c is the only code that knows libfcgi) and plain
 * CGI (cgi.c: one request from the environment and stdin).  Both run the
 * one request cycle of cycle.c.
 */
#ifndef FCGI_TRANSPORT_H
#define FCGI_TRANSPORT_H

#include "config.h"

/* What SIGHUP needs to start this program again with a new configuration. */
struct transport_reload {
	char *const *argv;	/* the original arguments, argv[0] first */
	/* Load the configuration as at start: 0, or -1 with a reason. */
	int	(*check)(char *err, size_t errlen);
};

/*
 * The environment variable that carries the listening socket's descriptor
 * across a reload's exec, so a worker that opened it itself (--socket)
 * keeps it instead of binding again.
 */
#define TRANSPORT_LISTEN_FD_ENV	"TTT_LISTEN_FD"

/*
 * Serve FastCGI on listen_fd (0 under spawn-fcgi) with cfg->threads threads
 * until SIGTERM, SIGINT or SIGUSR1 (multiwatch's stop); the requests in
 * flight are finished first, and no connection outlives
 * cfg->request_timeout.  SIGHUP reloads (see pool.c): on success this
 * function does not return.  Returns the process exit status (0 on a
 * requested stop).
 */
int	pool_serve(const struct config *cfg, int listen_fd,
	    const struct transport_reload *reload);

/* Open --socket PATH (unix, mode 0660) or HOST:PORT; -1 with a message. */
int	fastcgi_open_socket(const char *spec, char *err, size_t errlen);

/* One CGI request: environment + stdin in, stdout out.  Exit status. */
int	cgi_serve(const struct config *cfg);

#endif /* FCGI_TRANSPORT_H */
