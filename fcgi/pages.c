/*
 * pages.c - the small endpoints: index, health, privacy (JSON or HTML by
 * content negotiation).  The OpenAPI document is served by openapi.c.
 */
#define _GNU_SOURCE	/* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

void
page_index(const struct ttt_config *cfg, const struct ttt_request *req,
    struct ttt_response *r)
{
	(void)req;
	if (resp_json(r, 200, json_pack("{s:s, s:s, s:s, s:o}",
	    "name", TTT_NAME,
	    "description", "A perfect-play tic-tac-toe opponent for GPT actions.",
	    "title", cfg->title,
	    "endpoints", routes_index())) != 0)
		resp_oom(r);
}

void
page_health(const struct ttt_config *cfg, const struct ttt_request *req,
    struct ttt_response *r)
{
	static const char ok[] = "{\"status\":\"ok\"}";

	(void)cfg;
	(void)req;
	if (resp_raw(r, 200, TTT_JSON_TYPE, ok, sizeof(ok) - 1) != 0)
		resp_oom(r);
}

/* The q-value (RFC 9110 12.5.1) the Accept header gives `type`, 0-1000. */
static int
accept_q(const char *accept, const char *type)
{
	const char *p = accept, *end, *semi, *qp;
	size_t tlen = strlen(type), mlen;
	int best = -1, q;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		semi = memchr(p, ';', (size_t)(end - p));
		mlen = (size_t)((semi != NULL ? semi : end) - p);
		while (mlen > 0 && p[mlen - 1] == ' ')
			mlen--;
		q = 1000;
		if (semi != NULL && (qp = strstr(semi, "q=")) != NULL && qp < end)
			q = (int)(strtod(qp + 2, NULL) * 1000);
		if (mlen == tlen && strncasecmp(p, type, tlen) == 0)
			return q;
		if ((mlen == 3 && strncmp(p, "*/*", 3) == 0) && best < 0)
			best = q / 2;	/* a wildcard ranks below an exact match */
		p = *end != '\0' ? end + 1 : NULL;
	}
	return best < 0 ? 0 : best;
}

static bool
prefers_html(const char *accept)
{
	if (accept == NULL)
		return false;
	return accept_q(accept, "text/html") > accept_q(accept, "application/json");
}

/* Escape for HTML text content. */
static char *
html_escape(const char *s)
{
	size_t n = 1;
	const char *p;
	char *out, *o;

	for (p = s; *p != '\0'; p++)
		n += (*p == '&') ? 5 : (*p == '<' || *p == '>') ? 4 :
		    (*p == '"') ? 6 : 1;
	if ((out = malloc(n)) == NULL)
		return NULL;
	for (p = s, o = out; *p != '\0'; p++) {
		switch (*p) {
		case '&': memcpy(o, "&amp;", 5); o += 5; break;
		case '<': memcpy(o, "&lt;", 4); o += 4; break;
		case '>': memcpy(o, "&gt;", 4); o += 4; break;
		case '"': memcpy(o, "&quot;", 6); o += 6; break;
		default: *o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

void
page_privacy(const struct ttt_config *cfg, const struct ttt_request *req,
    struct ttt_response *r)
{
	char *text, *html;
	int n;

	if (!prefers_html(req->accept)) {
		if (resp_json(r, 200, json_pack("{s:s, s:s}",
		    "service", cfg->title,
		    "privacy", cfg->privacy_text)) != 0)
			resp_oom(r);
		return;
	}
	if ((text = html_escape(cfg->privacy_text)) == NULL) {
		resp_oom(r);
		return;
	}
	html = NULL;
	n = asprintf(&html, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\"><title>Privacy policy</title></head>\n"
	    "<body><h1>Privacy policy</h1>\n<p>%s</p>\n</body></html>\n", text);
	free(text);
	if (n < 0 || resp_raw(r, 200, TTT_HTML_TYPE, html, (size_t)n) != 0)
		resp_oom(r);
	free(html);
}
