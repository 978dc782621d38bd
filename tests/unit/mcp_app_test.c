/*
 * mcp_app_test.c - the MCP App as the MCP server hands it out: the
 * resource's URI, MIME type and _meta.ui, the page served as it is, with
 * nothing to load from anywhere, and the three tool metadata keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "mcp/mcp_app.h"
#include "site.h"
#include "tap.h"

static const char *
str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

static void
check_ui_meta(const json_t *meta, const char *what)
{
	const json_t *ui = json_object_get(meta, "ui");
	const json_t *csp = json_object_get(ui, "csp");
	char name[160];

	snprintf(name, sizeof(name), "%s: _meta.ui.csp asks for no domain", what);
	tap_ok(json_is_object(csp) && json_array_size(json_object_get(csp, "connectDomains")) == 0 &&
	    json_array_size(json_object_get(csp, "resourceDomains")) == 0 &&
	    json_object_get(csp, "frameDomains") == NULL, name);
	snprintf(name, sizeof(name), "%s: _meta.ui.prefersBorder is true", what);
	tap_ok(json_is_true(json_object_get(ui, "prefersBorder")), name);
}

static void
test_page(void)
{
	const char *p = site_mcp_app_html;

	tap_ok(strncmp(p, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0 &&
	    strstr(p, "</html>") != NULL && strlen(p) == site_mcp_app_html_len,
	    "the App is a whole HTML5 document");
	tap_ok(strstr(p, "http:") == NULL && strstr(p, "https:") == NULL && strstr(p, "//cdn") == NULL,
	    "the App names no URL: it loads nothing");
	tap_ok(strstr(p, " src=") == NULL && strstr(p, " href=") == NULL &&
	    strstr(p, "url(") == NULL && strstr(p, "@import") == NULL &&
	    strstr(p, "fetch(") == NULL && strstr(p, "XMLHttpRequest") == NULL &&
	    strstr(p, "WebSocket") == NULL, "the App has no src, href, url(), @import or network call");
	tap_ok(strstr(p, "@STYLE@") == NULL && strstr(p, "@SCRIPT@") == NULL &&
	    strstr(p, "@BOARD@") == NULL, "the App has no placeholder left");
	tap_ok(strstr(p, "<style>") != NULL && strstr(p, "<script>") != NULL &&
	    strstr(p, "id=\"board\"") != NULL, "the App inlines its style, script and board");
	tap_ok(strstr(p, "const tttBoard = ") != NULL && strstr(site_index, "const tttBoard = ") != NULL,
	    "the App and the home page embed the same board script");
	tap_ok(strstr(p, "\"ui/initialize\"") != NULL && strstr(p, "\"2026-01-26\"") != NULL &&
	    strstr(p, "\"ui/notifications/initialized\"") != NULL &&
	    strstr(p, "\"ui/update-model-context\"") != NULL &&
	    strstr(p, "\"ui/notifications/size-changed\"") != NULL &&
	    strstr(p, "\"tools/call\"") != NULL,
	    "the App speaks the MCP Apps messages of revision 2026-01-26");
}

static void
test_resource(void)
{
	json_t *r = mcp_app_resource(), *c = mcp_app_contents(), *m = mcp_app_tool_meta();
	const json_t *ui = json_object_get(m, "ui");

	tap_ok(r != NULL && strcmp(str(r, "uri"), "ui://ttt/board.html") == 0 &&
	    strcmp(str(r, "mimeType"), "text/html;profile=mcp-app") == 0 &&
	    str(r, "name")[0] != '\0' && str(r, "description")[0] != '\0',
	    "resources/list: the App is ui://ttt/board.html, text/html;profile=mcp-app, named");
	check_ui_meta(json_object_get(r, "_meta"), "resources/list");
	tap_ok(c != NULL && strcmp(str(c, "uri"), MCP_APP_URI) == 0 &&
	    strcmp(str(c, "mimeType"), MCP_APP_MIME) == 0 &&
	    json_string_length(json_object_get(c, "text")) == site_mcp_app_html_len &&
	    strcmp(str(c, "text"), site_mcp_app_html) == 0 && json_object_get(c, "blob") == NULL,
	    "resources/read: the page is the text, as it is");
	check_ui_meta(json_object_get(c, "_meta"), "resources/read");
	tap_ok(m != NULL && strcmp(str(ui, "resourceUri"), MCP_APP_URI) == 0 &&
	    strcmp(str(m, "ui/resourceUri"), MCP_APP_URI) == 0 &&
	    strcmp(str(m, "openai/outputTemplate"), MCP_APP_URI) == 0 && json_object_size(m) == 3,
	    "a tool's _meta names the App as ui.resourceUri, ui/resourceUri and openai/outputTemplate");
	tap_ok(json_object_get(ui, "visibility") == NULL,
	    "the tools keep the default visibility (model and app)");
	json_decref(r);
	json_decref(c);
	json_decref(m);
}

int
main(void)
{
	test_page();
	test_resource();
	return tap_done();
}
