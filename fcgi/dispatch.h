/*
 * dispatch.h - the handler's entry point: one request in, one response
 * out.  The request cycle (transport/cycle.c), the document's examples
 * (openapi.c), the unit tests and the fuzzers call it.
 */
#ifndef FCGI_DISPATCH_H
#define FCGI_DISPATCH_H

#include "config.h"
#include "handler.h"

/*
 * Pure apart from reading cfg: same request, same response.  Always
 * fills resp (allocation failure gives a static 500); the caller frees
 * it with handler_response_free().
 */
void	dispatch_request(const struct config *cfg,
	    const struct handler_request *req, struct handler_response *resp);

#endif /* FCGI_DISPATCH_H */
