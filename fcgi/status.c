/*
 * status.c - the one table from error enum to HTTP status, reason phrases,
 * and the strict CONTENT_LENGTH parser every reader uses.
 */
#include <stdint.h>
#include <string.h>

#include "http.h"

static const int err_status[] = {
	[TTT_OK]			= 200,
	[TTT_ERR_BAD_REQUEST]		= 400,
	[TTT_ERR_UNAUTHORIZED]		= 401,
	[TTT_ERR_NOT_FOUND]		= 404,
	[TTT_ERR_METHOD]		= 405,
	[TTT_ERR_LENGTH_REQUIRED]	= 411,
	[TTT_ERR_TOO_LARGE]		= 413,
	[TTT_ERR_URI_TOO_LONG]		= 414,
	[TTT_ERR_UNPROCESSABLE]		= 422,
	[TTT_ERR_INTERNAL]		= 500,
};

int
ttt_err_status(enum ttt_err err)
{
	if ((size_t)err >= sizeof(err_status) / sizeof(err_status[0]))
		return 500;
	return err_status[err];
}

const char *
ttt_status_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 204: return "No Content";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 422: return "Unprocessable Content";
	default:  return "Internal Server Error";
	}
}

/*
 * RFC 3875 4.1.2: CONTENT_LENGTH = "" | 1*digit.  Anything else (sign,
 * space, hex, overflow) is malformed; we never guess.
 */
enum ttt_err
ttt_content_length(const char *raw, size_t limit, size_t *len)
{
	uint64_t n = 0;
	const char *p;

	*len = 0;
	if (raw == NULL || raw[0] == '\0')
		return TTT_ERR_LENGTH_REQUIRED;
	for (p = raw; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return TTT_ERR_BAD_REQUEST;
		/* Well-formed but beyond any limit: too large, not malformed.
		 * Stop before n could overflow. */
		if (n > limit)
			continue;
		n = n * 10 + (uint64_t)(*p - '0');
	}
	if (n > limit)
		return TTT_ERR_TOO_LARGE;
	*len = (size_t)n;
	return TTT_OK;
}

void
request_body_state(struct ttt_request *req, size_t limit)
{
	switch (ttt_content_length(req->content_length, limit,
	    &req->body_declared)) {
	case TTT_OK:
		req->body_state = TTT_BODY_COMPLETE;
		break;
	case TTT_ERR_LENGTH_REQUIRED:
		req->body_state = TTT_BODY_NO_LENGTH;
		break;
	case TTT_ERR_TOO_LARGE:
		req->body_state = TTT_BODY_TOO_LARGE;
		break;
	default:
		req->body_state = TTT_BODY_MALFORMED;
		break;
	}
}

void
request_body_received(struct ttt_request *req, const unsigned char *buf,
    size_t got)
{
	req->body = buf;
	req->body_len = got;
	if (req->body_state == TTT_BODY_COMPLETE && got < req->body_declared)
		req->body_state = TTT_BODY_SHORT;
}
