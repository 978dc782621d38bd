/*
 * fuzz_handler_request.c - every field of the request at once: method,
 * path, query, the headers the handler reads, the body, and the config.
 *
 * Input: one flags byte, then fields separated by NUL bytes in the order of
 * `fields` below; a field that is the single byte 0x7f is absent (NULL),
 * missing trailing fields are absent; what follows the last field is the
 * body.  Flags: bits 0-1 the config (fuzz_common.h), bit 2 a body limit of 0,
 * bit 3 Content-Length computed from the body instead of the field.
 *
 * Checks beyond fuzz_check(): unknown paths are 404 (or 400/414); the handler is pure
 * (a second call gives the same bytes); HEAD answers like GET.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "dispatch.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);


#define NFIELDS 14

static const char *const known_paths[] = {
	"", "/", "/healthz",	/* absent or "" is "/" (no PATH_INFO) */
	 "/docs", "/openapi.json", "/privacy", "/human_move", "/hint", "/mcp",
	 "/metrics", "/status"
};

static bool
same_response(const struct handler_response *a, const struct handler_response *b,
    bool body_too)
{
	size_t i;

	if (a->status != b->status || a->nheaders != b->nheaders ||
	    a->body_len != b->body_len)
		return false;
	if ((a->content_type == NULL) != (b->content_type == NULL) ||
	    (a->content_type != NULL && strcmp(a->content_type, b->content_type)))
		return false;
	for (i = 0; i < a->nheaders; i++)
		if (strcmp(a->headers[i].name, b->headers[i].name) != 0 ||
		    strcmp(a->headers[i].value, b->headers[i].value) != 0)
			return false;
	return !body_too || a->body_len == 0 ||
	    memcmp(a->body, b->body, a->body_len) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *f[NFIELDS] = { NULL };
	const struct config *cfg;
	struct handler_request req, get;
	struct handler_response resp, again;
	char *copy, *p, *end, clen[32];
	unsigned flags;
	size_t i, k;
	json_t *body;
	bool known = false;

	if (size < 1)
		return 0;
	flags = data[0];
	cfg = &fuzz_cfgs[flags & 3];
	/* A copy with a NUL after it, so every field is a C string. */
	if ((copy = malloc(size)) == NULL)
		return 0;
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	p = copy;
	end = copy + size - 1;
	for (k = 0; k < NFIELDS && p < end; k++) {
		char *nul = memchr(p, '\0', (size_t)(end - p));

		if (nul == NULL)
			break;		/* no terminator: this is the body */
		f[k] = strcmp(p, "\x7f") == 0 ? NULL : p;
		p = nul + 1;
	}

	memset(&req, 0, sizeof(req));
	req.method = f[0];
	req.path = f[1];
	req.query = f[2];
	req.content_length = f[3];
	req.content_type = f[4];
	req.host = f[5];
	req.server_name = f[6];
	req.server_port = f[7];
	req.https = f[8];
	req.forwarded_proto = f[9];
	req.authorization = f[10];
	req.media_ranges = f[11];
	req.origin = f[12];
	req.preflight_method = f[13];
	if (flags & 8) {
		snprintf(clen, sizeof(clen), "%zu", (size_t)(end - p));
		req.content_length = clen;
	}
	/* As serve.c's reader: decide from Content-Length, read at most it. */
	body_expect(&req, (flags & 4) ? 0 : cfg->body_limit);
	if (req.body_state == HANDLER_BODY_COMPLETE)
		body_received(&req, (const unsigned char *)p,
		    (size_t)(end - p) < req.body_declared ?
		    (size_t)(end - p) : req.body_declared);

	memset(&resp, 0, sizeof(resp));
	dispatch_request(cfg, &req, &resp);
	body = fuzz_check(cfg, &req, &resp);
	json_decref(body);

	for (i = 0; i < sizeof(known_paths) / sizeof(known_paths[0]); i++)
		if (strcmp(req.path != NULL ? req.path : "", known_paths[i]) == 0)
			known = true;
	/* 400 when there is no method or path at all, 414 for a long query */
	if (!known && resp.status != 404 && resp.status != 400 &&
	    resp.status != 414)
		fuzz_fail(&req, &resp, "unknown path gave %d, not 404",
		    resp.status);

	memset(&again, 0, sizeof(again));
	dispatch_request(cfg, &req, &again);
	if (!same_response(&resp, &again, true))
		fuzz_fail(&req, &again, "a second call answered differently");
	handler_response_free(&again);

	if (req.method != NULL && strcmp(req.method, "HEAD") == 0) {
		if (resp.status == 200 && !resp.head_only)
			fuzz_fail(&req, &resp, "HEAD without head_only");
		get = req;
		get.method = "GET";
		memset(&again, 0, sizeof(again));
		dispatch_request(cfg, &get, &again);
		if (!same_response(&resp, &again, true))
			fuzz_fail(&get, &again, "HEAD and GET differ");
		handler_response_free(&again);
	}
	handler_response_free(&resp);
	free(copy);
	return 0;
}
