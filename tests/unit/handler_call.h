/*
 * handler_call.h - what the handler tests share: a GET as nginx passes it
 * over TLS, and reading a header of the answer.
 */
#ifndef TESTS_HANDLER_CALL_H
#define TESTS_HANDLER_CALL_H

#include "config.h"
#include "handler.h"

/*
 * GET path with an Accept header (may be NULL), Host ttt.example.com, over
 * TLS on port 443.  resp is freed first, then filled.  Returns the status.
 */
int	call_get(const struct config *cfg, struct handler_response *resp,
	    const char *path, const char *media_ranges);

/* The value of the answer's header `name`, or NULL if it has none. */
const char *answer_header(const struct handler_response *resp,
	    const char *name);

#endif /* TESTS_HANDLER_CALL_H */
