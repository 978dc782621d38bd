/*
 * cycle.h - one request cycle, the same for every transport: parameters
 * to a request, the body read up to the limit, the pure handler, the
 * response written as CGI header lines and body, one log line.
 *
 * A transport (FastCGI in fastcgi.c, plain CGI in cgi.c) supplies only a
 * way to read body bytes and a way to write response bytes.
 */
#ifndef FCGI_CYCLE_H
#define FCGI_CYCLE_H

#include <stddef.h>
#include <sys/types.h>

#include "config.h"

struct cycle_io {
	/* Read up to len body bytes: the count, 0 at the end, -1 on error. */
	ssize_t	(*read)(void *ctx, unsigned char *buf, size_t len);
	/* Write all len bytes: 0, or -1 when the peer is gone. */
	int	(*write)(void *ctx, const char *buf, size_t len);
	void	*ctx;
};

/*
 * Serve one request whose CGI parameters are env (NULL-terminated
 * "NAME=VALUE" strings, borrowed).  body_buf is the caller's buffer of
 * cfg->body_limit + 1 bytes, reused across requests.  Returns 0 when the
 * whole response was written, -1 when the transport failed (logged here).
 */
int	cycle_serve(const struct config *cfg, char *const *env,
	    const struct cycle_io *io, unsigned char *body_buf);

#endif /* FCGI_CYCLE_H */
