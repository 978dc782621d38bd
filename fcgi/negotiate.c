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

/* One element of the Accept list: a media range and its weight. */
struct media_range {
	const char	*type;		/* "text/html", not NUL-terminated */
	size_t		 len;
	int		 q;		/* 0..1000 */
	bool		 bad;		/* bad syntax or weight: the element is void */
};

/*
 * The parameters after a range, ";name=value" each (RFC 9110 12.5.1):
 * only q is read.  Returns where they stop, or NULL when a quoted string
 * runs to the end of the header.
 */
static const char *
parse_params(const char *p, struct media_range *m)
{
	const char *name, *val;
	size_t nlen;

	for (;;) {
		p = skip_ows(p);
		if (*p != ';')
			return p;
		name = skip_ows(p + 1);
		p = skip_token(name);
		nlen = (size_t)(p - name);
		if (nlen == 0 || *p != '=') {
			m->bad = true;
			return p;
		}
		val = ++p;
		if ((p = *p == '"' ? skip_quoted(p) : skip_token(p)) == NULL)
			return NULL;
		if (nlen == 1 && (*name == 'q' || *name == 'Q') &&
		    (m->q = negotiate_qvalue(val, (size_t)(p - val))) < 0)
			m->bad = true;
	}
}

/* Past the rest of an element, quoted strings included: to its ',' or
 * the end; NULL when a quoted string runs to the end. */
static const char *
skip_element(const char *p)
{
	while (p != NULL && *p != ',' && *p != '\0')
		p = *p == '"' ? skip_quoted(p) : p + 1;
	return p;
}

/* The element at p, into m; returns its end as skip_element() does. */
static const char *
parse_range(const char *p, struct media_range *m)
{
	m->type = p;
	p = skip_token(p);
	m->bad = *p != '/';
	if (!m->bad)
		p = skip_token(p + 1);
	m->len = (size_t)(p - m->type);
	m->q = 1000;
	if ((p = parse_params(p, m)) == NULL)
		return NULL;
	if (*p != ',' && *p != '\0')
		m->bad = true;
	return skip_element(p);
}

int
negotiate_q(const char *media_ranges, const char *type)
{
	const char *p = media_ranges;
	struct media_range m;
	int best_spec = 0, best_q = -1, spec;

	if (p == NULL)
		return -1;
	while (*p != '\0') {
		p = skip_ows(p);
		if (*p == ',') {	/* empty list elements are allowed */
			p++;
			continue;
		}
		if ((p = parse_range(p, &m)) == NULL)
			return best_q;	/* an unclosed quoted string ends it */
		if (!m.bad && (spec = range_match(m.type, m.len, type)) > best_spec) {
			best_spec = spec;
			best_q = m.q;
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
