/*
 * query.c - strict decoding of a query string (WHATWG URL "application/
 * x-www-form-urlencoded", minus its leniency): '&'-separated name=value
 * pairs, '+' is a space, '%' must be followed by two hex digits.  A bad
 * escape is an error, not a literal, so a client learns its URL is broken.
 * %00 is refused too: a NUL would cut the value short behind our back.
 * On any return the caller calls query_free().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handler_internal.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode [s, s+len) into a new string; -1 on a bad escape or NUL byte. */
static int
decode(const char *s, size_t len, char **out)
{
	char *d;
	size_t i, j = 0;
	int hi, lo;

	if ((d = malloc(len + 1)) == NULL)
		return -2;
	for (i = 0; i < len; i++) {
		if (s[i] == '+') {
			d[j++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= len ||
			    (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0 ||
			    (hi == 0 && lo == 0)) {
				free(d);
				return -1;
			}
			d[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			d[j++] = s[i];
		}
	}
	d[j] = '\0';
	*out = d;
	return 0;
}

void
query_free(struct query *q)
{
	size_t i;

	for (i = 0; i < q->count; i++) {
		free(q->params[i].name);
		free(q->params[i].value);
	}
	free(q->params);
	q->params = NULL;
	q->count = 0;
}

enum handler_err
query_parse(const char *raw, struct query *q, char *err, size_t errlen)
{
	const char *p, *amp, *eq, *end;
	size_t n = 1, rawlen;
	struct query_param *qp;
	int rc;

	q->params = NULL;
	q->count = 0;
	if (raw == NULL || *raw == '\0')
		return HANDLER_OK;
	rawlen = strlen(raw);
	if (rawlen > QUERY_MAX) {
		snprintf(err, errlen, "The query string is %zu bytes long; "
		    "the limit is %d (query_length).", rawlen, QUERY_MAX);
		return HANDLER_ERR_URI_TOO_LONG;
	}
	for (p = raw; *p != '\0'; p++)
		if (*p == '&')
			n++;
	if ((q->params = calloc(n, sizeof(*q->params))) == NULL)
		return HANDLER_ERR_INTERNAL;

	for (p = raw; ; p = amp + 1) {
		amp = strchr(p, '&');
		end = amp != NULL ? amp : p + strlen(p);
		if (end != p) {		/* "a=1&&b=2": skip empty pieces */
			eq = memchr(p, '=', (size_t)(end - p));
			qp = &q->params[q->count];
			rc = decode(p, (size_t)((eq != NULL ? eq : end) - p), &qp->name);
			if (rc == 0 && eq != NULL)
				rc = decode(eq + 1, (size_t)(end - eq - 1), &qp->value);
			else if (rc == 0 && (qp->value = strdup("")) == NULL)
				rc = -2;
			if (rc != 0) {
				free(qp->name);
				qp->name = NULL;
				if (rc == -2)
					return HANDLER_ERR_INTERNAL;
				snprintf(err, errlen, "The query string has a bad "
				    "percent-escape near \"%.*s\": write %%XX "
				    "with two hex digits (and no %%00).",
				    (int)((end - p) > 40 ? 40 : (end - p)), p);
				return HANDLER_ERR_BAD_REQUEST;
			}
			q->count++;
		}
		if (amp == NULL)
			break;
	}
	return HANDLER_OK;
}
