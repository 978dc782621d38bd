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
#include "client_setup.h"
#include "version.h"
#include "negotiate.h"
#include "handler_internal.h"
#include "site.h"
#include "strbuf.h"

ROUTE_HANDLER(pages_index);
ROUTE_HANDLER(pages_health);
ROUTE_HANDLER(pages_privacy);

struct subst {
	const char	*name;		/* placeholder without the @s */
	char		*value;		/* HTML, owned */
};

/* The entity of an HTML-special character, or NULL. */
static const char *
html_entity(char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

/* Escape for HTML text and double- or single-quoted attribute values.
 * Caller frees; NULL on ENOMEM. */
static char *
html_escape(const char *s)
{
	size_t size = strlen(s) * 6 + 1;	/* "&quot;" is the longest */
	struct strbuf sb;
	const char *e;
	char *out;

	if ((out = malloc(size)) == NULL)
		return NULL;
	strbuf_init(&sb, out, size);
	for (; *s != '\0'; s++)
		if ((e = html_entity(*s)) != NULL)
			strbuf_put(&sb, e);
		else
			strbuf_putc(&sb, *s);
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
 * The substitution named by the placeholder "@NAME@" (capitals and '_')
 * that starts at `at`, or NULL; *after is the byte past its closing '@'.
 */
static const struct subst *
placeholder(const char *at, const char *end, const struct subst *subs,
    size_t nsubs, const char **after)
{
	const char *q;
	size_t i, nlen;

	for (q = at + 1; q < end && (isupper((unsigned char)*q) || *q == '_'); q++)
		;
	nlen = (size_t)(q - at - 1);
	if (q == end || *q != '@' || nlen == 0)
		return NULL;
	for (i = 0; i < nsubs; i++)
		if (strlen(subs[i].name) == nlen &&
		    memcmp(subs[i].name, at + 1, nlen) == 0) {
			*after = q + 1;
			return &subs[i];
		}
	return NULL;
}

/* A size the filled page cannot exceed: every '@' replaced by the
 * longest value. */
static size_t
page_bound(const char *tpl, size_t len, const struct subst *subs,
    size_t nsubs)
{
	size_t i, longest = 0, ats = 0;

	for (i = 0; i < nsubs; i++)
		if (strlen(subs[i].value) > longest)
			longest = strlen(subs[i].value);
	for (i = 0; i < len; i++)
		ats += tpl[i] == '@';
	return len + ats * longest + 1;
}

/*
 * Fill `tpl`: every @NAME@ that names one of `subs` is replaced by its
 * value; any other '@' is copied as it is.  Answers 200 with the page, or
 * 500 on allocation failure.
 */
static void
page_fill(struct handler_response *r, const char *tpl, size_t len,
    const struct subst *subs, size_t nsubs)
{
	const char *p = tpl, *end = tpl + len, *at;
	const struct subst *s;
	struct strbuf sb;
	size_t i, size;
	char *buf;

	for (i = 0; i < nsubs; i++)
		if (subs[i].value == NULL) {
			response_oom(r);
			return;
		}
	size = page_bound(tpl, len, subs, nsubs);
	if ((buf = malloc(size)) == NULL) {
		response_oom(r);
		return;
	}
	strbuf_init(&sb, buf, size);
	while (p < end && (at = memchr(p, '@', (size_t)(end - p))) != NULL) {
		strbuf_putn(&sb, p, (size_t)(at - p));
		p = at + 1;
		if ((s = placeholder(at, end, subs, nsubs, &p)) != NULL)
			strbuf_put(&sb, s->value);
		else
			strbuf_putc(&sb, '@');
	}
	strbuf_putn(&sb, p, (size_t)(end - p));
	if (!strbuf_ok(&sb) || response_raw(r, 200, TYPE_HTML, buf, sb.len) != 0 ||
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

/* Plain text `s` (owned, may be NULL) as HTML. */
static char *
text_html(char *s)
{
	char *h = s != NULL ? html_escape(s) : NULL;

	free(s);
	return h;
}

static void
index_html(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	char *url = public_url_for_request(cfg, req), *mcp = NULL;

	if (url != NULL && asprintf(&mcp, "%s/mcp", url) < 0)
		mcp = NULL;
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
		{ "MCP_URL",	 url_html(url, "/mcp") },
		{ "MCP_VSCODE",	 mcp == NULL ? NULL : text_html(client_setup_mcp_json(cfg,
				 mcp, CLIENT_SETUP_VSCODE)) },
		{ "MCP_CURSOR",	 mcp == NULL ? NULL : text_html(client_setup_mcp_json(cfg,
				 mcp, CLIENT_SETUP_CURSOR)) },
		{ "MCP_CLAUDE",	 mcp == NULL ? NULL : text_html(client_setup_claude_add(cfg, mcp)) },
		{ "MCP_CONNECTORS", text_html(client_setup_connectors(cfg)) },
	};
	size_t n = sizeof(subs) / sizeof(subs[0]);

	page_fill(r, site_index, site_index_len, subs, n);
	subst_free(subs, n);
	free(mcp);
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

/* Plain text to HTML paragraphs: a blank line separates them.  Caller
 * frees; NULL on ENOMEM. */
static char *
paragraphs_html(const char *text)
{
	char *esc, *out = NULL, *p, *next;
	size_t size, n = 1;
	struct strbuf sb;

	if ((esc = html_escape(text)) == NULL)
		return NULL;
	for (p = esc; (p = strstr(p, "\n\n")) != NULL; p += 2)
		n++;
	size = strlen(esc) + n * strlen("<p></p>\n") + 1;
	if ((out = malloc(size)) == NULL) {
		free(esc);
		return NULL;
	}
	strbuf_init(&sb, out, size);
	for (p = esc; p != NULL; p = next) {
		if ((next = strstr(p, "\n\n")) != NULL) {
			*next = '\0';
			next += 2;
		}
		if (*p != '\0')
			strbuf_putf(&sb, "<p>%s</p>\n", p);
	}
	free(esc);
	return out;
}

/*
 * The default privacy statement, in three parts: what the service is,
 * what its workers log (from this configuration: log_level,
 * log_openai_ids), and what the front end logs.  The front end's part
 * describes the shipped nginx site and Debian's log rotation;
 * tests/integration/privacy-facts.t reads both and fails when this text
 * no longer matches them.
 */
static const char privacy_service[] = "%s is a tic-tac-toe game service "
    "for people and GPTs. It has no accounts and stores no games: every "
    "request carries the board, the service answers with its move, and "
    "nothing of the game is kept once the answer is sent. It receives only "
    "what the GPT or page sends to it (the board, the move and the game "
    "options); what you type in ChatGPT is handled by OpenAI under its own "
    "privacy policy.\n\n";

static const char privacy_worker_lines[] = "The service's workers write one "
    "line per request to the system journal (systemd-journald), which keeps "
    "it as long as the server's journal settings say (journald.conf). The "
    "line holds the time and process id, the log level, the event "
    "\"request\", the HTTP method, the path without the query string, the "
    "status code, the duration and the front end's request id";

static const char privacy_with_ids[] = ", and the openai-conversation-id "
    "and openai-gpt-id headers that ChatGPT sends (they name a conversation "
    "and a GPT, not a person). It does not record boards, query strings, "
    "request bodies or addresses.";

static const char privacy_without_ids[] = ". It does not record boards, "
    "query strings, request bodies, addresses, or the OpenAI conversation "
    "and GPT ids.";

static const char privacy_quiet[] = "The service's workers log only their "
    "start, stop and errors (log level %s) to the system journal "
    "(systemd-journald), kept as the server's journal settings say; no line "
    "per request.";

static const char privacy_debug[] = " The log level is debug, for "
    "troubleshooting: every request's headers (the API key excepted) and "
    "body, boards included, are logged as well.";

static const char privacy_front_end[] = "\n\nThe web server in front "
    "(nginx) writes one line per request to its access log: the client's IP "
    "address, the time, the method, the path without the query string, the "
    "status code, the bytes sent, the duration, the request id, the "
    "address, status and duration of the worker that answered, and the "
    "User-Agent header. When nginx itself fails to serve a request, its "
    "error log notes the client address and the request line, which for a "
    "GET request includes the board. Debian rotates both logs daily and "
    "deletes them after 14 days. To count requests for its rate limits, "
    "nginx holds the client address and the openai-conversation-id in "
    "memory only, never on disk.\n\nNothing is shared with third parties "
    "or used for tracking or advertising.";

/* What the workers log under this configuration. */
static void
privacy_worker(const struct config *cfg, struct strbuf *sb)
{
	static const char *const level_names[] = { "error", "warn", "info",
	    "debug" };

	if (cfg->log_level < LOG_LEVEL_INFO) {
		strbuf_putf(sb, privacy_quiet, level_names[cfg->log_level]);
		return;
	}
	strbuf_put(sb, privacy_worker_lines);
	strbuf_put(sb, cfg->log_openai_ids ? privacy_with_ids :
	    privacy_without_ids);
	if (cfg->log_level == LOG_LEVEL_DEBUG)
		strbuf_put(sb, privacy_debug);
}

/*
 * The privacy statement: privacy_text when set, else the default above;
 * then the contact line.  Paragraphs are separated by blank lines.
 * Caller frees; NULL on ENOMEM.
 */
static char *
privacy_statement(const struct config *cfg)
{
	size_t size = sizeof(privacy_service) + strlen(cfg->title) +
	    sizeof(privacy_worker_lines) + sizeof(privacy_with_ids) +
	    sizeof(privacy_quiet) + sizeof(privacy_debug) +
	    sizeof(privacy_front_end) + strlen(cfg->privacy_text) +
	    strlen(cfg->privacy_contact) + 32;
	struct strbuf sb;
	char *out;

	if ((out = malloc(size)) == NULL)
		return NULL;
	strbuf_init(&sb, out, size);
	if (cfg->privacy_text[0] != '\0') {
		strbuf_put(&sb, cfg->privacy_text);
	} else {
		strbuf_putf(&sb, privacy_service, cfg->title);
		privacy_worker(cfg, &sb);
		strbuf_put(&sb, privacy_front_end);
	}
	if (cfg->privacy_contact[0] != '\0')
		strbuf_putf(&sb, "\n\nContact: %s", cfg->privacy_contact);
	if (!strbuf_ok(&sb)) {
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
