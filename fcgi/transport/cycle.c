/*
 * cycle.c - the one request cycle every transport runs (see cycle.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "body.h"
#include "dispatch.h"
#include "log.h"
#include "ops/ops.h"
#include "transport/params.h"
#include "transport/cycle.h"
#include "transport/wire.h"

/* When the header block cannot be built, the client still gets JSON. */
static char head_failed_body[] = "{\"error\":\"The response headers did not fit.\"}";
static const struct handler_response head_failed = {
	.status = 500,
	.content_type = "application/json; charset=utf-8",
	.body = head_failed_body,
	.body_len = sizeof(head_failed_body) - 1,
};

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
read_body(const struct config *cfg, const struct cycle_io *io,
    struct handler_request *req, unsigned char *buf)
{
	size_t got = 0;
	ssize_t n;

	body_expect(req, cfg->body_limit);
	if (req->body_state != HANDLER_BODY_COMPLETE)
		return;
	while (got < req->body_declared) {
		n = io->read(io->ctx, buf + got, req->body_declared - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	body_received(req, buf, got);
}

int
cycle_serve(const struct config *cfg, char *const *env,
    const struct cycle_io *io, unsigned char *body_buf)
{
	struct handler_request req;
	struct handler_response resp;
	const struct handler_response *out;
	char path_buf[PARAMS_PATH_MAX], head[WIRE_HEAD_MAX], where[160];
	struct ops_request op;
	struct timespec t0;
	size_t hlen;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	params_fill(&req, env, path_buf);
	ops_request_begin(&op, req.path, req.request_id);
	read_body(cfg, io, &req, body_buf);
	ops_request_read(&op);
	log_request_debug(&req, env);
	dispatch_request(cfg, &req, &resp);
	ops_request_answered(&op);
	out = &resp;
	if ((hlen = wire_head(out, head, sizeof(head))) == 0) {
		log_event(LOG_LEVEL_ERROR, "head-too-large", "status=%d",
		    resp.status);
		out = &head_failed;
		hlen = wire_head(out, head, sizeof(head));
	}
	rc = io->write(io->ctx, head, hlen);
	if (rc == 0 && !resp.head_only && out->body_len > 0)
		rc = io->write(io->ctx, out->body, out->body_len);
	/* A client that went away costs one log line, nothing more. */
	if (rc != 0) {
		log_quote(where, sizeof(where), req.path ? req.path : "-",
		    req.path ? strlen(req.path) : 1);
		log_event(LOG_LEVEL_WARN, "write-failed", "path=%s", where);
	}
	ops_request_end(&op, out->status);
	log_request(&req, out->status, micros_since(&t0));
	handler_response_free(&resp);
	return rc;
}
