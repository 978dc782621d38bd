/*
 * body.c - what a request's body should be, decided once from
 * CONTENT_LENGTH by the reader (cycle.c) so the handler never parses it
 * again: the strict parse, the expected state, and what arrived.
 */
#include <stdint.h>
#include <string.h>

#include "body.h"

/*
 * RFC 3875 4.1.2: CONTENT_LENGTH = "" | 1*digit.  Anything else (sign,
 * space, hex, overflow) is malformed; we never guess.
 */
enum handler_err
body_parse_length(const char *raw, size_t limit, size_t *len)
{
	uint64_t n = 0;
	const char *p;

	*len = 0;
	if (raw == NULL || raw[0] == '\0')
		return HANDLER_ERR_LENGTH_REQUIRED;
	for (p = raw; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return HANDLER_ERR_BAD_REQUEST;
		/* Well-formed but beyond any limit: too large, not malformed.
		 * Stop before n could overflow. */
		if (n > limit)
			continue;
		n = n * 10 + (uint64_t)(*p - '0');
	}
	if (n > limit)
		return HANDLER_ERR_TOO_LARGE;
	*len = (size_t)n;
	return HANDLER_OK;
}

void
body_expect(struct handler_request *req, size_t limit)
{
	switch (body_parse_length(req->content_length, limit,
	    &req->body_declared)) {
	case HANDLER_OK:
		req->body_state = HANDLER_BODY_COMPLETE;
		break;
	case HANDLER_ERR_LENGTH_REQUIRED:
		req->body_state = HANDLER_BODY_NO_LENGTH;
		break;
	case HANDLER_ERR_TOO_LARGE:
		req->body_state = HANDLER_BODY_TOO_LARGE;
		break;
	default:
		req->body_state = HANDLER_BODY_MALFORMED;
		break;
	}
}

void
body_received(struct handler_request *req, const unsigned char *buf,
    size_t got)
{
	req->body = buf;
	req->body_len = got;
	if (req->body_state == HANDLER_BODY_COMPLETE && got < req->body_declared)
		req->body_state = HANDLER_BODY_SHORT;
}
