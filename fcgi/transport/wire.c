/*
 * wire.c - CGI response header block.  nginx reads the first three
 * characters of Status (ngx_http_fastcgi_module parses "Status: NNN"), so
 * the status is always three digits.
 * Built with plain copies rather than snprintf: it runs once per request.
 */
#include <string.h>

#include "http_status.h"
#include "transport/wire.h"

struct out {
	char	*buf;
	size_t	 size, at;
	int	 full;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->full || n >= o->size - o->at) {
		o->full = 1;
		return;
	}
	memcpy(o->buf + o->at, s, n);
	o->at += n;
}

static void
puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void
put_number(struct out *o, size_t v)
{
	char digits[24];
	size_t i = sizeof(digits);

	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	put(o, digits + i, sizeof(digits) - i);
}

size_t
wire_head(const struct handler_response *r, char *buf, size_t size)
{
	struct out o = { buf, size, 0, 0 };
	int st = r->status >= 100 && r->status <= 599 ? r->status : 500;
	char code[4] = { (char)('0' + st / 100), (char)('0' + st / 10 % 10),
	    (char)('0' + st % 10), ' ' };
	size_t i;

	puts_(&o, "Status: ");
	put(&o, code, 4);
	puts_(&o, http_status_reason(st));
	puts_(&o, "\r\n");
	if (r->content_type != NULL) {
		puts_(&o, "Content-Type: ");
		puts_(&o, r->content_type);
		puts_(&o, "\r\nContent-Length: ");
		put_number(&o, r->body_len);
		puts_(&o, "\r\n");
	} else if (st != 204) {		/* RFC 9110 8.6: none on a 204 */
		puts_(&o, "Content-Length: 0\r\n");
	}
	for (i = 0; i < r->nheaders; i++) {
		puts_(&o, r->headers[i].name);
		puts_(&o, ": ");
		puts_(&o, r->headers[i].value);
		puts_(&o, "\r\n");
	}
	puts_(&o, "\r\n");
	return o.full ? 0 : o.at;
}
