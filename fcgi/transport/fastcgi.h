/*
 * fastcgi.h - one FastCGI request on a connection a thread of the pool
 * holds.  Private to the FastCGI transport (events.c calls it); the only
 * file that knows libfcgi's request API is fastcgi.c.  Opening the
 * listening socket is in transport.h, for main.c.
 */
#ifndef FCGI_FASTCGI_H
#define FCGI_FASTCGI_H

#include <stdbool.h>

#include "config.h"
#include "transport/deadline.h"
#include "transport/parked.h"

/*
 * Serve one request on c, which the calling thread holds, publishing the
 * connection in *watch for the watchdog while it is read and answered.
 * body is the thread's buffer of cfg->body_limit + 1 bytes; *served
 * counts the requests answered.
 * true: the web server keeps the connection (park it); false: it is over
 * (libfcgi closed c->lib_fd, or the watchdog cut it): free it.
 */
bool	fastcgi_serve(const struct config *cfg, struct deadline *watch,
	    unsigned char *body, struct conn *c, unsigned long *served);
/* FCGI_WEB_SERVER_ADDRS allows this peer (logged when it does not). */
bool	fastcgi_peer_allowed(const char *allowed, int fd);

#endif /* FCGI_FASTCGI_H */
