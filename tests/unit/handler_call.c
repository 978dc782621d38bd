/*
 * handler_call.c - see handler_call.h.
 */
#include <string.h>

#include "dispatch.h"
#include "handler_call.h"

int
call_get(const struct config *cfg, struct handler_response *resp,
    const char *path, const char *media_ranges)
{
	struct handler_request req;

	handler_response_free(resp);
	memset(&req, 0, sizeof(req));
	req.method = "GET";
	req.path = path;
	req.media_ranges = media_ranges;
	req.host = "ttt.example.com";
	req.https = "on";
	req.server_port = "443";
	dispatch_request(cfg, &req, resp);
	return resp->status;
}

const char *
answer_header(const struct handler_response *resp, const char *name)
{
	size_t i;

	for (i = 0; i < resp->nheaders; i++)
		if (strcmp(resp->headers[i].name, name) == 0)
			return resp->headers[i].value;
	return NULL;
}
