/*
 * cgi.c - plain CGI mode (RFC 3875): one request from the environment and
 * stdin, the response on stdout.  Lets shell scripts and tests run the
 * worker with no server at all.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "transport/cycle.h"
#include "transport/transport.h"

extern char **environ;

static int
write_all(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(STDOUT_FILENO, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static ssize_t
stdin_read(void *ctx, unsigned char *buf, size_t len)
{
	ssize_t n;

	(void)ctx;
	do
		n = read(STDIN_FILENO, buf, len);
	while (n < 0 && errno == EINTR);
	return n;
}

static int
stdout_write(void *ctx, const char *buf, size_t len)
{
	(void)ctx;
	return write_all(buf, len);
}

int
cgi_serve(const struct config *cfg)
{
	static const struct cycle_io io = { stdin_read, stdout_write, NULL };
	unsigned char *body;
	int rc;

	if ((body = malloc(cfg->body_limit + 1)) == NULL)
		return 1;
	rc = cycle_serve(cfg, environ, &io, body) == 0 ? 0 : 1;
	free(body);
	return rc;
}
