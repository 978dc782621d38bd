/*
 * wire.c - CGI response header block.  nginx reads the first three
 * characters of Status (ngx_http_fastcgi_module parses "Status: NNN"), so
 * the status is always three digits.
 * Built with plain copies rather than snprintf, through the bounded
 * writer (strbuf.h): it runs once per request, and never past buf.
 */
#include "http_status.h"
#include "strbuf.h"
#include "transport/wire.h"

size_t
wire_head(const struct handler_response *r, char *buf, size_t size)
{
	struct strbuf o;
	int st = r->status >= 100 && r->status <= 599 ? r->status : 500;
	char code[4] = { (char)('0' + st / 100), (char)('0' + st / 10 % 10),
	    (char)('0' + st % 10), ' ' };
	size_t i;

	strbuf_init(&o, buf, size);
	strbuf_put(&o, "Status: ");
	strbuf_putn(&o, code, 4);
	strbuf_put(&o, http_status_reason(st));
	strbuf_put(&o, "\r\n");
	if (r->content_type != NULL) {
		strbuf_put(&o, "Content-Type: ");
		strbuf_put(&o, r->content_type);
		strbuf_put(&o, "\r\nContent-Length: ");
		strbuf_putu(&o, r->body_len);
		strbuf_put(&o, "\r\n");
	} else if (st != 204) {		/* RFC 9110 8.6: none on a 204 */
		strbuf_put(&o, "Content-Length: 0\r\n");
	}
	for (i = 0; i < r->nheaders; i++) {
		strbuf_put(&o, r->headers[i].name);
		strbuf_put(&o, ": ");
		strbuf_put(&o, r->headers[i].value);
		strbuf_put(&o, "\r\n");
	}
	strbuf_put(&o, "\r\n");
	return strbuf_ok(&o) ? o.len : 0;
}
