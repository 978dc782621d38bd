/*
 * pages.c - the small endpoints: index, health and privacy (the OpenAPI
 * document is served by openapi.c).  The index and the privacy statement
 * are JSON for scripts and GPTs, and pages for a browser that prefers
 * text/html (negotiate.c); the pages come from fcgi/site/ (compiled in by
 * fcgi/site/embed) with their @NAME@ placeholders filled here, every value
 * HTML-escaped.
 */
#define _GNU_SOURCE	/* asprintf */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "version.h"
#include "negotiate.h"
#include "handler_internal.h"
#include "site.h"

ROUTE_HANDLER(pages_index);
ROUTE_HANDLER(pages_health);
ROUTE_HANDLER(pages_privacy);

struct subst {
	const char	*name;		/* placeholder without the @s */
	char		*value;		/* HTML, owned */
};

/* Escape for HTML text and double- or single-quoted attribute values. */
static char *
html_escape(const char *s)
{
	size_t n = 1;
	const char *p;
	char *out, *o;

	for (p = s; *p != '\0'; p++)
		n += (*p == '&') ? 5 : (*p == '<' || *p == '>') ? 4 :
		    (*p == '"') ? 6 : (*p == '\'') ? 5 : 1;
	if ((out = malloc(n)) == NULL)
		return NULL;
	for (p = s, o = out; *p != '\0'; p++) {
		switch (*p) {
		case '&': memcpy(o, "&amp;", 5); o += 5; break;
		case '<': memcpy(o, "&lt;", 4); o += 4; break;
		case '>': memcpy(o, "&gt;", 4); o += 4; break;
		case '"': memcpy(o, "&quot;", 6); o += 6; break;
		case '\'': memcpy(o, "&#39;", 5); o += 5; break;
		default: *o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

/* Security headers of every page (a browser renders them, a script does
 * not care): the hashed CSP, no MIME sniffing, no referrer leaving. */
static int
page_headers(struct handler_response *r)
{
	return response_header(r, "Content-Security-Policy", site_csp) |
	    response_header(r, "X-Content-Type-Options", "nosniff") |
	    response_header(r, "Referrer-Policy", "no-referrer") |
	    response_header(r, "Vary", "Accept");
}

/* Headers of the JSON variant of a negotiated resource. */
static int
negotiated_json_headers(struct handler_response *r)
{
	return response_header(r, "X-Content-Type-Options", "nosniff") |
	    response_header(r, "Vary", "Accept");
}

/*
 * Fill `tpl`: every @NAME@ (capitals and '_') that names one of `subs` is
 * replaced by its value; any other '@' is copied as it is.  Answers 200
 * with the page, or 500 on allocation failure.
 */
static void
page_fill(struct handler_response *r, const char *tpl, size_t len,
    const struct subst *subs, size_t nsubs)
{
	const char *p = tpl, *end = tpl + len, *at, *q;
	char *buf = NULL;
	size_t size = 0, i, nlen;
	FILE *f;
	int err;

	for (i = 0; i < nsubs; i++)
		if (subs[i].value == NULL) {
			response_oom(r);
			return;
		}
	if ((f = open_memstream(&buf, &size)) == NULL) {
		response_oom(r);
		return;
	}
	while (p < end) {
		if ((at = memchr(p, '@', (size_t)(end - p))) == NULL) {
			fwrite(p, 1, (size_t)(end - p), f);
			break;
		}
		fwrite(p, 1, (size_t)(at - p), f);
		for (q = at + 1; q < end && (isupper((unsigned char)*q) || *q == '_'); q++)
			;
		nlen = (size_t)(q - at - 1);
		for (i = 0; q < end && *q == '@' && nlen > 0 && i < nsubs; i++)
			if (strlen(subs[i].name) == nlen &&
			    memcmp(subs[i].name, at + 1, nlen) == 0)
				break;
		if (q < end && *q == '@' && nlen > 0 && i < nsubs) {
			fputs(subs[i].value, f);
			p = q + 1;
		} else {
			fputc('@', f);
			p = at + 1;
		}
	}
	err = ferror(f);
	if (fclose(f) != 0 || err != 0 || buf == NULL ||
	    response_raw(r, 200, TYPE_HTML, buf, size) != 0 ||
	    page_headers(r) != 0)
		response_oom(r);
	free(buf);
}

static void
subst_free(struct subst *subs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(subs[i].value);
}

/* "<url><path>", HTML-escaped; NULL on allocation failure. */
static char *
url_html(const char *base, const char *path)
{
	char *s = NULL, *h;

	if (base == NULL || asprintf(&s, "%s%s", base, path) < 0)
		return NULL;
	h = html_escape(s);
	free(s);
	return h;
}

/* How the GPT builder's Authentication dialog must be filled in, as HTML. */
static char *
auth_help(const struct config *cfg)
{
	char *h, *out = NULL;

	switch (auth_type(cfg)) {
	case AUTH_NONE:
		return strdup("<em>None</em>. This server is configured without "
		    "an API key, so anyone who knows its address can call it.");
	case AUTH_BASIC:
		return strdup("<em>API Key</em>, Auth Type <em>Basic</em>; paste "
		    "the key kept in the server's <code>api_key_file</code>. The "
		    "GPT then sends <code>Authorization: Basic &lt;key&gt;</code>.");
	case AUTH_CUSTOM:
		if ((h = html_escape(cfg->api_key_header)) == NULL ||
		    asprintf(&out, "<em>API Key</em>, Auth Type <em>Custom</em>, "
		    "Custom Header Name <code>%s</code>; paste the key kept in "
		    "the server's <code>api_key_file</code>. The GPT then sends "
		    "<code>%s: &lt;key&gt;</code>.", h, h) < 0)
			out = NULL;
		free(h);
		return out;
	case AUTH_BEARER:
	default:
		return strdup("<em>API Key</em>, Auth Type <em>Bearer</em>; paste "
		    "the key kept in the server's <code>api_key_file</code>. The "
		    "GPT then sends <code>Authorization: Bearer &lt;key&gt;</code>.");
	}
}

/* For the page's script (data-auth): how it sends the key a user types. */
static const char *
auth_kind(const struct config *cfg)
{
	static const char *const names[] = { [AUTH_NONE] = "none",
	    [AUTH_BEARER] = "bearer", [AUTH_BASIC] = "basic",
	    [AUTH_CUSTOM] = "custom" };

	return names[auth_type(cfg)];
}

/* The header option of the page's curl example, HTML-escaped. */
static char *
curl_auth(const struct config *cfg)
{
	char *h, *out = NULL;

	switch (auth_type(cfg)) {
	case AUTH_NONE:
		return strdup("");
	case AUTH_BASIC:
		return strdup(" -H &#39;Authorization: Basic YOUR_KEY&#39;");
	case AUTH_CUSTOM:
		if ((h = html_escape(cfg->api_key_header)) == NULL ||
		    asprintf(&out, " -H &#39;%s: YOUR_KEY&#39;", h) < 0)
			out = NULL;
		free(h);
		return out;
	case AUTH_BEARER:
	default:
		return strdup(" -H &#39;Authorization: Bearer YOUR_KEY&#39;");
	}
}

static void
index_html(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	char *url = public_url_for_request(cfg, req);
	struct subst subs[] = {
		{ "TITLE",	 html_escape(cfg->title) },
		{ "SERVICE",	 strdup(WORKER_NAME " " WORKER_VERSION) },
		{ "SERVER_URL",	 url_html(url, "") },
		{ "IMPORT_URL",	 url_html(url, "/docs") },
		{ "PRIVACY_URL", url_html(url, "/privacy") },
		{ "AUTH",	 strdup(auth_kind(cfg)) },
		{ "API_KEY_HEADER", html_escape(auth_type(cfg) == AUTH_CUSTOM ?
				 cfg->api_key_header : "") },
		{ "AUTH_HELP",	 auth_help(cfg) },
		{ "CURL_AUTH",	 curl_auth(cfg) },
	};
	size_t n = sizeof(subs) / sizeof(subs[0]);

	page_fill(r, site_index, site_index_len, subs, n);
	subst_free(subs, n);
	free(url);
}

void
pages_index(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	if (negotiate_prefers_html(req->media_ranges)) {
		index_html(cfg, req, r);
		return;
	}
	if (response_json(r, 200, json_pack("{s:s, s:s, s:s, s:o}",
	    "name", WORKER_NAME,
	    "description", "A perfect-play tic-tac-toe opponent for GPT actions.",
	    "title", cfg->title,
	    "endpoints", route_index())) != 0 || negotiated_json_headers(r) != 0)
		response_oom(r);
}

void
pages_health(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	static const char ok[] = "{\"status\":\"ok\"}";

	(void)cfg;
	(void)req;
	if (response_raw(r, 200, TYPE_JSON, ok, sizeof(ok) - 1) != 0)
		response_oom(r);
}

/* Plain text to HTML paragraphs: a blank line separates them. */
static char *
paragraphs_html(const char *text)
{
	char *esc, *out = NULL, *p, *next;
	size_t size = 0;
	FILE *f;

	if ((esc = html_escape(text)) == NULL)
		return NULL;
	if ((f = open_memstream(&out, &size)) == NULL) {
		free(esc);
		return NULL;
	}
	for (p = esc; p != NULL; p = next) {
		if ((next = strstr(p, "\n\n")) != NULL) {
			*next = '\0';
			next += 2;
		}
		if (*p != '\0')
			fprintf(f, "<p>%s</p>\n", p);
	}
	free(esc);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/*
 * The privacy statement.  privacy_text, when set, is the statement; by
 * default it is written here from what this configuration and the shipped
 * nginx.conf.example actually log, so the two cannot disagree: each field
 * kept, where, and for how long.  Paragraphs are separated by blank lines.
 */
static char *
privacy_statement(const struct config *cfg)
{
	static const char *const level_names[] = { "error", "warn", "info", "debug" };
	char *out = NULL;
	size_t size = 0;
	FILE *f;

	if ((f = open_memstream(&out, &size)) == NULL)
		return NULL;
	if (cfg->privacy_text[0] != '\0') {
		fputs(cfg->privacy_text, f);
	} else {
		fprintf(f, "%s is a tic-tac-toe game service for people and "
		    "GPTs. It has no accounts and stores no games: every "
		    "request carries the board, the service answers with its "
		    "move, and nothing of the game is kept once the answer is "
		    "sent. It receives only what the GPT or page sends to it "
		    "(the board, the move and the game options); what you type "
		    "in ChatGPT is handled by OpenAI under its own privacy "
		    "policy.\n\n", cfg->title);
		if (cfg->log_level >= LOG_LEVEL_INFO) {
			fputs("The service's workers write one line per request "
			    "to the system journal (systemd-journald), which "
			    "keeps it as long as the server's journal settings "
			    "say (journald.conf). The line holds the time and "
			    "process id, the log level, the event \"request\", "
			    "the HTTP method, the path without the query string, "
			    "the status code, the duration and the front end's "
			    "request id", f);
			if (cfg->log_openai_ids)
				fputs(", and the openai-conversation-id and "
				    "openai-gpt-id headers that ChatGPT sends "
				    "(they name a conversation and a GPT, not a "
				    "person). It does not record boards, query "
				    "strings, request bodies or addresses.", f);
			else
				fputs(". It does not record boards, query "
				    "strings, request bodies, addresses, or the "
				    "OpenAI conversation and GPT ids.", f);
		} else {
			fprintf(f, "The service's workers log only their start, "
			    "stop and errors (log level %s) to the system "
			    "journal (systemd-journald), kept as the server's "
			    "journal settings say; no line per request.",
			    level_names[cfg->log_level]);
		}
		if (cfg->log_level == LOG_LEVEL_DEBUG)
			fputs(" The log level is debug, for troubleshooting: "
			    "every request's headers (the API key excepted) and "
			    "body, boards included, are logged as well.", f);
		fputs("\n\nThe web server in front (nginx) writes one line per "
		    "request to its access log: the client's IP address, the "
		    "time, the method, the path without the query string, the "
		    "status code, the bytes sent, the duration, the request id, "
		    "the address, status and duration of the worker that "
		    "answered, and the User-Agent header. When nginx itself "
		    "fails to serve a request, its error log notes the client "
		    "address and the request line, which for a GET request "
		    "includes the board. Debian rotates both logs daily and "
		    "deletes them after 14 days. To count requests for its rate "
		    "limits, nginx holds the client address and the "
		    "openai-conversation-id in memory only, never on disk."
		    "\n\nNothing is shared with third parties or used for "
		    "tracking or advertising.", f);
	}
	if (cfg->privacy_contact[0] != '\0')
		fprintf(f, "\n\nContact: %s", cfg->privacy_contact);
	if (fclose(f) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

void
pages_privacy(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	char *text;

	if ((text = privacy_statement(cfg)) == NULL) {
		response_oom(r);
		return;
	}
	if (!negotiate_prefers_html(req->media_ranges)) {
		if (response_json(r, 200, json_pack("{s:s, s:s}",
		    "service", cfg->title, "privacy", text)) != 0 ||
		    negotiated_json_headers(r) != 0)
			response_oom(r);
		free(text);
		return;
	}
	struct subst subs[] = {
		{ "TITLE",	html_escape(cfg->title) },
		{ "SERVICE",	strdup(WORKER_NAME " " WORKER_VERSION) },
		{ "STATEMENT",	paragraphs_html(text) },
	};
	size_t n = sizeof(subs) / sizeof(subs[0]);

	page_fill(r, site_privacy, site_privacy_len, subs, n);
	subst_free(subs, n);
	free(text);
}
