/*
 * wire.c - CGI response header block.  nginx reads the first three
 * characters of Status (FIELD-NOTES), so the status is always three digits.
 */
#include <stdio.h>

#include "wire.h"

/* Advance *at by the snprintf result n; -1 once the buffer is full. */
static int
advance(size_t size, size_t *at, int n)
{
	if (n < 0 || (size_t)n >= size - *at)
		return -1;
	*at += (size_t)n;
	return 0;
}

size_t
wire_head(const struct ttt_response *r, char *buf, size_t size)
{
	size_t at = 0, i;
	int st = r->status >= 100 && r->status <= 599 ? r->status : 500;

	if (advance(size, &at, snprintf(buf, size, "Status: %03d %s\r\n", st,
	    ttt_status_reason(st))) != 0)
		return 0;
	if (r->content_type != NULL) {
		if (advance(size, &at, snprintf(buf + at, size - at,
		    "Content-Type: %s\r\nContent-Length: %zu\r\n",
		    r->content_type, r->body_len)) != 0)
			return 0;
	} else if (st != 204) {		/* RFC 9110 8.6: none on a 204 */
		if (advance(size, &at, snprintf(buf + at, size - at,
		    "Content-Length: 0\r\n")) != 0)
			return 0;
	}
	for (i = 0; i < r->nheaders; i++)
		if (advance(size, &at, snprintf(buf + at, size - at,
		    "%s: %s\r\n", r->headers[i].name, r->headers[i].value)) != 0)
			return 0;
	if (advance(size, &at, snprintf(buf + at, size - at, "\r\n")) != 0)
		return 0;
	return at;
}
