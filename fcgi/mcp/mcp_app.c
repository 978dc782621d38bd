/*
 * mcp/mcp_app.c - the MCP App as a resource and as tool metadata (mcp_app.h).
 * The page itself is fcgi/site/app.html, compiled in by fcgi/site/embed; it
 * shares its board with the home page.
 */
#include "mcp/mcp_app.h"
#include "site.h"

/*
 * The resource's _meta.ui.  csp: the page loads nothing and calls tools
 * through the host by postMessage, so it asks for no domain at all (the
 * extension's "Restrictive Default" then applies: connect-src 'none').
 * prefersBorder: the board is a small card; hosts' defaults differ, and the
 * extension recommends saying which.
 */
static json_t *
ui_meta(void)
{
	return json_pack("{s:{s:{s:[], s:[]}, s:b}}", "ui",
	    "csp", "connectDomains", "resourceDomains",
	    "prefersBorder", 1);
}

json_t *
mcp_app_resource(void)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}",
	    "uri", MCP_APP_URI,
	    "name", "board",
	    "title", "Tic-tac-toe board",
	    "description", "The board of a human_move or hint result, to play "
	    "on: a click on a free cell calls human_move through the host.",
	    "mimeType", MCP_APP_MIME,
	    "_meta", ui_meta());
}

json_t *
mcp_app_contents(void)
{
	return json_pack("{s:s, s:s, s:s%, s:o}",
	    "uri", MCP_APP_URI,
	    "mimeType", MCP_APP_MIME,
	    "text", site_mcp_app_html, site_mcp_app_html_len,
	    "_meta", ui_meta());
}

json_t *
mcp_app_tool_meta(void)
{
	return json_pack("{s:{s:s}, s:s, s:s}",
	    "ui", "resourceUri", MCP_APP_URI,
	    "ui/resourceUri", MCP_APP_URI,
	    "openai/outputTemplate", MCP_APP_URI);
}
