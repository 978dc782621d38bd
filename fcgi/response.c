/*
 * response.c - filling a struct handler_response.  The response owns its body
 * and header values; handler_response_free() (handler.c) is the one place they
 * die.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_status.h"
#include "handler_internal.h"

static const char oom_body[] =
    "{\"error\":\"The server ran out of memory; try again.\"}";

int
response_header(struct handler_response *r, const char *name, const char *value)
{
	char *copy;

	if (r->nheaders >= HANDLER_MAX_HEADERS)
		return -1;
	if ((copy = strdup(value)) == NULL)
		return -1;
	r->headers[r->nheaders].name = name;
	r->headers[r->nheaders].value = copy;
	r->nheaders++;
	return 0;
}

int
response_raw(struct handler_response *r, int status, const char *type,
    const char *body, size_t len)
{
	char *copy;

	if ((copy = malloc(len + 1)) == NULL)
		return -1;
	memcpy(copy, body, len);
	copy[len] = '\0';
	free(r->body);
	r->body = copy;
	r->body_len = len;
	r->status = status;
	r->content_type = type;
	return 0;
}

/* Compact on the wire: no bytes a client does not need; steals doc. */
int
response_json(struct handler_response *r, int status, json_t *doc)
{
	char *text;

	if (doc == NULL)
		return -1;
	text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (text == NULL)
		return -1;
	free(r->body);
	r->body = text;
	r->body_len = strlen(text);
	r->status = status;
	r->content_type = TYPE_JSON;
	return 0;
}

/* A static body: used when we cannot allocate the real one. */
void
response_oom(struct handler_response *r)
{
	free(r->body);
	r->body = NULL;
	r->body_len = 0;
	if ((r->body = strdup(oom_body)) != NULL)
		r->body_len = sizeof(oom_body) - 1;
	r->status = 500;
	r->content_type = TYPE_JSON;
}

/* {"error": "<sentence>"}: the message is encoded by jansson, so any bytes
 * a client sent and we quote back are escaped properly. */
void
response_error(struct handler_response *r, enum handler_err err, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	char *p;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Messages may quote client bytes: keep them printable ASCII so the
	 * encoder never fails on invalid UTF-8 and logs stay one line. */
	for (p = msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			*p = '?';
	if (response_json(r, http_status_of_err(err),
	    json_pack("{s:s}", "error", msg)) != 0)
		response_oom(r);
}
