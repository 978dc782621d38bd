/*
 * handler.c - the request and the response themselves (see handler.h):
 * what any file of the handler reads from a request or releases of a
 * response.  The dispatcher that turns one into the other is dispatch.c.
 */
#include <stdlib.h>
#include <string.h>

#include "handler.h"

void
handler_response_free(struct handler_response *r)
{
	size_t i;

	for (i = 0; i < r->nheaders; i++)
		free(r->headers[i].value);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

const char *
handler_param(const struct handler_request *req, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; req->params != NULL && req->params[i] != NULL; i++)
		if (strncmp(req->params[i], name, n) == 0 &&
		    req->params[i][n] == '=')
			return req->params[i] + n + 1;
	return NULL;
}
