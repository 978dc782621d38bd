/*
 * negotiate.c - content negotiation on the Accept header (RFC 9110 12.5.1).
 *
 * Only two questions are ever asked here: how much does the client want
 * text/html, and how much application/json.  The header is client input,
 * so it is parsed strictly and without floating point: a weight is
 * "0" ["." 0*3DIGIT] or "1" ["." 0*3"0"] (RFC 9110 12.4.2), kept as an
 * integer 0..1000.  Anything else (q=1e300, q=nan, q=-inf, q=1.5, four
 * decimals) makes that one media range void; the rest of the header
 * still counts.
 */
#include <string.h>
#include <strings.h>

#include "negotiate.h"

/* RFC 9110 5.6.2 tchar. */
static bool
is_tchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr("!#$%&'*+-.^_`|~", c));
}

static const char *
skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static const char *
skip_token(const char *p)
{
	while (is_tchar(*p))
		p++;
	return p;
}

/* A quoted-string (RFC 9110 5.6.4): returns the end, or NULL if unclosed. */
static const char *
skip_quoted(const char *p)
{
	for (p++; *p != '\0'; p++) {
		if (*p == '\\') {
			if (p[1] == '\0')
				return NULL;
			p++;
		} else if (*p == '"') {
			return p + 1;
		}
	}
	return NULL;
}

int
negotiate_qvalue(const char *s, size_t len)
{
	size_t i;
	int q, scale = 100;

	if (len == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	q = (s[0] - '0') * 1000;
	if (len == 1)
		return q;
	if (s[1] != '.' || len > 5)
		return -1;
	for (i = 2; i < len; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q <= 1000 ? q : -1;
}

/*
 * How specifically the media range [p, p+len) matches `type` ("a/b"):
 * 3 exact, 2 "a/<star>", 1 "<star>/<star>", 0 no match.
 */
static int
range_match(const char *p, size_t len, const char *type)
{
	const char *slash = strchr(type, '/');
	size_t major = (size_t)(slash - type);

	if (len == strlen(type) && strncasecmp(p, type, len) == 0)
		return 3;
	if (len == major + 2 && strncasecmp(p, type, major + 1) == 0 &&
	    p[major + 1] == '*')
		return 2;
	if (len == 3 && strncmp(p, "*/*", 3) == 0)
		return 1;
	return 0;
}

int
negotiate_q(const char *media_ranges, const char *type)
{
	const char *p = media_ranges, *range, *name, *val;
	size_t rlen, nlen;
	int q, best_spec = 0, best_q = -1, spec;
	bool bad;

	if (media_ranges == NULL)
		return -1;
	while (*p != '\0') {
		p = skip_ows(p);
		if (*p == ',') {	/* empty list elements are allowed */
			p++;
			continue;
		}
		range = p;
		p = skip_token(p);
		bad = *p != '/';
		if (!bad)
			p = skip_token(p + 1);
		rlen = (size_t)(p - range);
		q = 1000;
		for (;;) {
			p = skip_ows(p);
			if (*p != ';')
				break;
			p = skip_ows(p + 1);
			name = p;
			p = skip_token(p);
			nlen = (size_t)(p - name);
			if (nlen == 0 || *p != '=') {
				bad = true;
				break;
			}
			val = ++p;
			if (*p == '"') {
				if ((p = skip_quoted(p)) == NULL)
					return best_q;	/* runs to the end */
			} else {
				p = skip_token(p);
			}
			if (nlen == 1 && (*name == 'q' || *name == 'Q') &&
			    (q = negotiate_qvalue(val, (size_t)(p - val))) < 0)
				bad = true;
		}
		if (*p != ',' && *p != '\0')
			bad = true;
		/* Skip the rest of a bad element, quoted strings included. */
		while (*p != ',' && *p != '\0') {
			if (*p == '"') {
				if ((p = skip_quoted(p)) == NULL)
					return best_q;
			} else {
				p++;
			}
		}
		if (!bad && (spec = range_match(range, rlen, type)) > best_spec) {
			best_spec = spec;
			best_q = q;
		}
	}
	return best_q;
}

bool
negotiate_prefers_html(const char *media_ranges)
{
	int html = negotiate_q(media_ranges, "text/html");

	/* Ties go to JSON: scripts and GPTs send no Accept, or any type. */
	return html > 0 && html > negotiate_q(media_ranges, "application/json");
}
