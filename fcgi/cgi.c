/*
 * cgi.c - plain CGI mode (RFC 3875): one request from the environment and
 * stdin, the response on stdout.  Lets shell scripts and tests run the
 * worker with no server at all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "params.h"
#include "server.h"
#include "wire.h"

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

int
server_cgi(const struct ttt_config *cfg)
{
	struct ttt_request req;
	struct ttt_response resp;
	char path_buf[PARAMS_PATH_MAX], head[WIRE_HEAD_MAX];
	unsigned char *body;
	size_t want, got = 0, hlen;
	ssize_t n;
	enum ttt_err e;
	struct timespec t0, t1;
	int rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	params_fill(&req, environ, path_buf);
	if ((body = malloc(cfg->body_limit + 1)) == NULL)
		return 1;
	e = ttt_content_length(req.content_length, cfg->body_limit, &want);
	if (e == TTT_OK) {
		/* A lying Content-Length (more than stdin holds) ends at EOF. */
		while (got < want) {
			n = read(STDIN_FILENO, body + got, want - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		req.body = body;
		req.body_len = got;
	} else {
		req.body_too_large = e == TTT_ERR_TOO_LARGE;
	}
	log_request_debug(&req, environ);
	ttt_handle(cfg, &req, &resp);
	hlen = wire_head(&resp, head, sizeof(head));
	if (hlen == 0 || write_all(head, hlen) != 0 ||
	    (!resp.head_only && write_all(resp.body, resp.body_len) != 0))
		rc = 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_request(&req, resp.status, (long)(t1.tv_sec - t0.tv_sec) * 1000000L +
	    (t1.tv_nsec - t0.tv_nsec) / 1000L);
	ttt_response_free(&resp);
	free(body);
	return rc;
}
