/*
 * pages_test.c - content negotiation (the Accept parser, without floats)
 * and the home and privacy pages: what a browser gets, what a script gets,
 * and the headers that keep the page self-contained.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "negotiate.h"
#include "handler_call.h"
#include "tap.h"
#include "handler.h"
#include "site.h"
#include "ttt.h"

static struct config cfg;
static struct handler_response resp;

static int
get(const char *path, const char *accept)
{
	return call_get(&cfg, &resp, path, accept);
}

static const char *
header(const char *name)
{
	const char *v = answer_header(&resp, name);

	return v != NULL ? v : "";
}

static bool
is_html(void)
{
	return resp.status == 200 && resp.content_type != NULL &&
	    strncmp(resp.content_type, "text/html", 9) == 0;
}

static bool
body_has(const char *needle)
{
	return resp.body != NULL && strstr(resp.body, needle) != NULL;
}

static void
test_qvalues(void)
{
	static const struct { const char *in; int want; } cases[] = {
		{ "0", 0 }, { "1", 1000 }, { "0.5", 500 }, { "0.001", 1 },
		{ "0.999", 999 }, { "1.000", 1000 }, { "1.", 1000 }, { "0.", 0 },
		{ "1.001", -1 }, { "1.5", -1 }, { "2", -1 }, { "0.0001", -1 },
		{ "1e300", -1 }, { "1e-3", -1 }, { "nan", -1 }, { "NaN", -1 },
		{ "inf", -1 }, { "-inf", -1 }, { "-0", -1 }, { "+1", -1 },
		{ " 1", -1 }, { "0x1", -1 }, { ".5", -1 }, { "", -1 },
		{ "99999999999999999999", -1 },
	};
	char name[96];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "q=%s is %s", cases[i].in,
		    cases[i].want < 0 ? "refused" : "accepted");
		tap_ok(negotiate_qvalue(cases[i].in, strlen(cases[i].in)) == cases[i].want, name);
	}
}

static void
test_accept(void)
{
	tap_ok(negotiate_q(NULL, "text/html") == -1,
	    "no Accept header gives no weight");
	tap_ok(negotiate_q("text/html", "text/html") == 1000,
	    "a bare media range weighs 1");
	tap_ok(negotiate_q("TEXT/HTML;Q=0.3", "text/html") == 300,
	    "media ranges and the q parameter are case-insensitive");
	tap_ok(negotiate_q("text/*;q=0.4, */*;q=0.1", "text/html") == 400,
	    "text/* is more specific than */*");
	tap_ok(negotiate_q("*/*;q=0.1, text/html;q=0.7, text/*;q=0.4", "text/html") == 700,
	    "the exact type wins whatever its position");
	tap_ok(negotiate_q("text/html;q=1e300, */*;q=0.2", "text/html") == 200,
	    "q=1e300 voids its range; the wildcard still counts");
	tap_ok(negotiate_q("text/html;q=nan", "text/html") == -1,
	    "q=nan voids its range");
	tap_ok(negotiate_q("text/html;q=-inf", "text/html") == -1,
	    "q=-inf voids its range");
	tap_ok(negotiate_q("text/html;q=0.5555", "text/html") == -1,
	    "four decimals void the range (RFC 9110 allows three)");
	tap_ok(negotiate_q("text/html;level=\"1,2;q=0\";q=0.6", "text/html") == 600,
	    "a quoted parameter value may hold commas and semicolons");
	tap_ok(negotiate_q("text/html;q=\"0.5", "text/html") == -1,
	    "an unclosed quoted string ends the header without a match");
	tap_ok(negotiate_q(",, ,text/html ; q=0.2 ,", "text/html") == 200,
	    "empty list elements and whitespace around ';' are allowed");
	tap_ok(negotiate_q("text/html;q", "text/html") == -1,
	    "a parameter without '=' voids the range");
	tap_ok(negotiate_q("texthtml, application/json", "text/html") == -1,
	    "a range without '/' matches nothing");
	tap_ok(negotiate_q("application/json", "text/html") == -1,
	    "another type gives no weight");
	tap_ok(negotiate_prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
	    "a browser's Accept prefers HTML");
	tap_ok(!negotiate_prefers_html("*/*"), "*/* alone gets JSON (a tie)");
	tap_ok(!negotiate_prefers_html("application/json, text/html;q=0.5"),
	    "JSON weighted higher gets JSON");
	tap_ok(!negotiate_prefers_html("text/html;q=0"), "text/html;q=0 means not HTML");
	tap_ok(!negotiate_prefers_html(NULL), "no Accept gets JSON");
}

static void
test_index(void)
{
	get("/", "text/html,application/xhtml+xml,*/*;q=0.8");
	tap_ok(is_html(), "a browser gets the home page as HTML");
	tap_ok(body_has("<code id=\"import-url\">https://ttt.example.com/docs</code>"),
	    "the page gives the import URL derived like the document's server");
	tap_ok(body_has("https://ttt.example.com/privacy"), "the page gives the privacy URL");
	tap_ok(body_has("board_text") && body_has("human_move") && body_has("/hint"),
	    "the page carries the GPT instructions");
	tap_ok(body_has("data-auth=\"none\"") && body_has("<em>None</em>"),
	    "without an API key the page says to choose no authentication");
	tap_ok(body_has("<code id=\"mcp-url\">https://ttt.example.com/mcp</code>"),
	    "the MCP panel gives the /mcp address derived like the document's server");
	tap_ok(body_has("<pre id=\"mcp-vscode\">{\n  &quot;servers&quot;: {\n    &quot;ttt&quot;: {\n"
	    "      &quot;type&quot;: &quot;http&quot;,\n"
	    "      &quot;url&quot;: &quot;https://ttt.example.com/mcp&quot;\n    }\n  }\n}</pre>"),
	    "the MCP panel has VS Code's mcp.json (servers, type http)");
	tap_ok(body_has("<pre id=\"mcp-cursor\">{\n  &quot;mcpServers&quot;: {\n    &quot;ttt&quot;: {\n"
	    "      &quot;url&quot;: &quot;https://ttt.example.com/mcp&quot;\n    }\n  }\n}</pre>"),
	    "the MCP panel has Cursor's mcp.json (mcpServers, url)");
	tap_ok(body_has("<code id=\"mcp-claude\">claude mcp add --transport http ttt "
	    "https://ttt.example.com/mcp</code>"), "the MCP panel has the claude mcp add line");
	tap_ok(body_has("Their forms take no static\nkey: only no authentication, or OAuth, "
	    "which this service does not offer."),
	    "the MCP panel says plainly that ChatGPT's and Claude's forms take no static key");
	tap_ok(!body_has("@TITLE@") && !body_has("@IMPORT_URL@") && !body_has("@MCP_"),
	    "no placeholder is left unfilled");
	tap_ok(!body_has(" src=") && !body_has("href=\"http") && !body_has("href=\"//"),
	    "the page loads no external resource");
	tap_ok(strcmp(header("Content-Security-Policy"), site_csp) == 0 &&
	    strstr(site_csp, "frame-ancestors 'none'") != NULL &&
	    strstr(site_csp, "default-src 'none'") != NULL &&
	    strstr(site_csp, "script-src 'sha256-") != NULL &&
	    strstr(site_csp, "unsafe-inline") == NULL,
	    "the page has a strict CSP: hashed script, no framing");
	tap_ok(strcmp(header("X-Content-Type-Options"), "nosniff") == 0,
	    "the page is sent with X-Content-Type-Options: nosniff");
	tap_ok(strstr(header("Vary"), "Accept") != NULL, "the page varies on Accept");

	free(cfg.public_url);
	cfg.public_url = strdup("https://play.example.org");
	free(cfg.title);
	cfg.title = strdup("<Tic & \"Tac\">");
	get("/", "text/html");
	tap_ok(body_has("https://play.example.org/docs"),
	    "the configured public_url gives the import URL");
	tap_ok(body_has("<code id=\"mcp-url\">https://play.example.org/mcp</code>") &&
	    body_has("&quot;url&quot;: &quot;https://play.example.org/mcp&quot;"),
	    "the configured public_url gives the /mcp address");
	free(cfg.public_url);
	cfg.public_url = strdup("https://play.example.org/t&t;$(x)");
	get("/", "text/html");
	tap_ok(body_has("claude mcp add --transport http ttt "
	    "&#39;https://play.example.org/t&amp;t;$(x)/mcp&#39;</code>"),
	    "a public_url the shell would read otherwise is single-quoted in the claude line");
	tap_ok(body_has("&lt;Tic &amp; &quot;Tac&quot;&gt;") && !body_has("<Tic"),
	    "configured text is HTML-escaped");
	free(cfg.public_url);
	cfg.public_url = strdup("");
	free(cfg.title);
	cfg.title = strdup("Tic-Tac-Toe");

	get("/", "application/json");
	tap_ok(resp.status == 200 && strncmp(resp.content_type, "application/json", 16) == 0 &&
	    body_has("\"endpoints\""), "a JSON client keeps the JSON index");
	tap_ok(strstr(header("Vary"), "Accept") != NULL, "the JSON index varies on Accept");
	get("/", NULL);
	tap_ok(strncmp(resp.content_type, "application/json", 16) == 0,
	    "no Accept header gets the JSON index");
	get("/", "text/html;q=1e300");
	tap_ok(strncmp(resp.content_type, "application/json", 16) == 0,
	    "an out-of-range q does not select the page");
	get("/", "text/html;q=-inf, application/json;q=nan");
	tap_ok(resp.status == 200 && strncmp(resp.content_type, "application/json", 16) == 0,
	    "q=-inf and q=nan are ignored, not converted");
}

static void
test_privacy_page(void)
{
	get("/privacy", "text/html");
	tap_ok(is_html() && body_has("<p>") &&
	    strcmp(header("Content-Security-Policy"), site_csp) == 0,
	    "the privacy page is HTML with the same CSP");
	get("/privacy", "application/json;q=0.9, text/html;q=0.8");
	tap_ok(strncmp(resp.content_type, "application/json", 16) == 0,
	    "the privacy statement is JSON when JSON weighs more");
}

/* The JSON statement for the current cfg. */
static const char *
statement(void)
{
	static char text[8192];
	json_t *j;

	get("/privacy", "application/json");
	j = json_loadb(resp.body, resp.body_len, 0, NULL);
	snprintf(text, sizeof(text), "%s",
	    j ? json_string_value(json_object_get(j, "privacy")) : "");
	json_decref(j);
	return text;
}

static void
test_privacy_statement(void)
{
	tap_ok(strstr(statement(), "does not record boards, query strings, "
	    "request bodies, addresses, or the OpenAI conversation and GPT "
	    "ids") != NULL, "by default the statement says neither boards nor "
	    "OpenAI ids are logged");
	tap_ok(strstr(statement(), "deletes them after 14 days") != NULL,
	    "the statement says how long nginx keeps its logs");
	tap_ok(strstr(statement(), "Contact:") == NULL,
	    "no contact line without privacy_contact");
	cfg.log_openai_ids = true;
	tap_ok(strstr(statement(), "and the openai-conversation-id and "
	    "openai-gpt-id headers") != NULL && strstr(statement(),
	    "GPT ids.") == NULL, "with log_openai_ids the statement names the ids");
	cfg.log_openai_ids = false;
	cfg.log_level = LOG_LEVEL_DEBUG;
	tap_ok(strstr(statement(), "boards included") != NULL,
	    "at log level debug the statement says bodies are logged");
	cfg.log_level = LOG_LEVEL_WARN;
	tap_ok(strstr(statement(), "no line per request") != NULL,
	    "at log level warn the statement says no request is logged");
	cfg.log_level = LOG_LEVEL_INFO;
	free(cfg.privacy_contact);
	cfg.privacy_contact = strdup("privacy@example.com");
	tap_ok(strstr(statement(), "\n\nContact: privacy@example.com") != NULL,
	    "privacy_contact adds a contact paragraph");
	free(cfg.privacy_text);
	cfg.privacy_text = strdup("We keep nothing.");
	tap_ok(strncmp(statement(), "We keep nothing.\n\nContact:", 26) == 0,
	    "privacy_text replaces the generated statement");
	get("/privacy", "text/html");
	tap_ok(body_has("<p>We keep nothing.</p>") &&
	    body_has("<p>Contact: privacy@example.com</p>"),
	    "the page shows each paragraph");
	free(cfg.privacy_text);
	cfg.privacy_text = strdup("");
	free(cfg.privacy_contact);
	cfg.privacy_contact = strdup("");
}

int
main(void)
{
	/* Requests come for ttt.example.com (handler_call.c): one of ours. */
	if (ttt_init() != 0 || config_defaults(&cfg) != 0 ||
	    config_set(&cfg, "allowed_hosts", "ttt.example.com", NULL, 0) != 0)
		return 1;
	test_qvalues();
	test_accept();
	test_index();
	test_privacy_page();
	test_privacy_statement();
	handler_response_free(&resp);
	config_free(&cfg);
	return tap_done();
}
