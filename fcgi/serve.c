/*
 * serve.c - the one request cycle every transport runs (see serve.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "params.h"
#include "serve.h"
#include "wire.h"

/* When the header block cannot be built, the client still gets JSON. */
static const char head_failed[] = "Status: 500 Internal Server Error\r\n"
    "Content-Type: application/json; charset=utf-8\r\n"
    "Content-Length: 46\r\n\r\n"
    "{\"error\":\"The response headers did not fit.\"}";

static long
micros_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (long)(t1.tv_sec - t0->tv_sec) * 1000000L +
	    (t1.tv_nsec - t0->tv_nsec) / 1000L;
}

/*
 * Read exactly the announced body, and nothing when Content-Length is
 * absent, malformed or over the limit: the handler answers those from
 * req->body_state without a second parse.
 */
static void
read_body(const struct ttt_config *cfg, const struct serve_io *io,
    struct ttt_request *req, unsigned char *buf)
{
	size_t got = 0;
	ssize_t n;

	request_body_state(req, cfg->body_limit);
	if (req->body_state != TTT_BODY_COMPLETE)
		return;
	while (got < req->body_declared) {
		n = io->read(io->ctx, buf + got, req->body_declared - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	request_body_received(req, buf, got);
}

int
serve_request(const struct ttt_config *cfg, char *const *env,
    const struct serve_io *io, unsigned char *body_buf)
{
	struct ttt_request req;
	struct ttt_response resp;
	char path_buf[PARAMS_PATH_MAX], head[WIRE_HEAD_MAX], where[160];
	struct timespec t0;
	size_t hlen;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	params_fill(&req, env, path_buf);
	read_body(cfg, io, &req, body_buf);
	log_request_debug(&req, env);
	ttt_handle(cfg, &req, &resp);
	hlen = wire_head(&resp, head, sizeof(head));
	if (hlen == 0) {
		log_event(TTT_LOG_ERROR, "head-too-large", "status=%d",
		    resp.status);
		resp.status = 500;
		rc = io->write(io->ctx, head_failed, sizeof(head_failed) - 1);
	} else {
		rc = io->write(io->ctx, head, hlen);
		if (rc == 0 && !resp.head_only && resp.body_len > 0)
			rc = io->write(io->ctx, resp.body, resp.body_len);
	}
	/* A client that went away costs one log line, nothing more. */
	if (rc != 0) {
		log_quote(where, sizeof(where), req.path ? req.path : "-",
		    req.path ? strlen(req.path) : 1);
		log_event(TTT_LOG_WARN, "write-failed", "path=%s", where);
	}
	log_request(&req, resp.status, micros_since(&t0));
	ttt_response_free(&resp);
	return rc;
}
