/*
 * body.h - what a request's body is, decided once from CONTENT_LENGTH by
 * the reader (RFC 3875 4.1.2) so the handler never parses it again.  No
 * allocation; the request is the caller's.
 */
#ifndef FCGI_BODY_H
#define FCGI_BODY_H

#include <stddef.h>

#include "handler.h"

/*
 * Strict CONTENT_LENGTH parse (RFC 3875 4.1.2: 1*digit): digits only,
 * at most `limit`.  Returns HANDLER_OK with *len set, HANDLER_ERR_LENGTH_REQUIRED
 * when absent/empty, HANDLER_ERR_BAD_REQUEST when malformed, HANDLER_ERR_TOO_LARGE
 * over the limit.  Used by the readers before they read a byte.
 */
enum handler_err body_parse_length(const char *raw, size_t limit, size_t *len);

/*
 * Set req->body_state and req->body_declared from req->content_length and
 * the limit: HANDLER_BODY_COMPLETE means "read body_declared bytes"; the reader
 * lowers it to HANDLER_BODY_SHORT when fewer arrive.
 */
void	 body_expect(struct handler_request *req, size_t limit);

/* Record the got bytes read into buf; fewer than announced is SHORT. */
void	 body_received(struct handler_request *req,
	    const unsigned char *buf, size_t got);

#endif /* FCGI_BODY_H */
