/*
 * wire.h - a response as CGI header lines (RFC 3875 6.3): what both the
 * FastCGI loop and CGI mode write before the body.
 */
#ifndef FCGI_WIRE_H
#define FCGI_WIRE_H

#include <stddef.h>

#include "handler.h"

#define WIRE_HEAD_MAX	2048

/*
 * Write "Status: NNN Reason\r\n", Content-Type, Content-Length, the
 * response's headers and the blank line into buf.  Returns the length, or
 * 0 if it does not fit (cannot happen with our bounded header values).
 */
size_t	wire_head(const struct handler_response *resp, char *buf, size_t size);

#endif /* FCGI_WIRE_H */
