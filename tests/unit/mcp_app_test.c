/*
 * mcp_app_test.c - the MCP App's page as fcgi/site/embed compiles it in
 * (site_mcp_app_html), which the MCP server serves as it is: a whole HTML5
 * document with nothing to load from anywhere, nothing left to fill, the
 * board script the home page runs too, and the MCP Apps messages.  The
 * browser test (tests/browser/mcp-app.t) runs it in a host.
 */
#include <string.h>

#include "site.h"
#include "tap.h"

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

int
main(void)
{
	test_page();
	return tap_done();
}
