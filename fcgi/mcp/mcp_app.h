/*
 * mcp/mcp_app.h - the MCP App of the game tools, as the MCP server lists and
 * serves it: the board of fcgi/site/app.html (site_mcp_app_html) as a
 * ui:// resource, and the tool metadata that names it.  The facts follow
 * the MCP Apps extension, revision 2026-01-26 (io.modelcontextprotocol/ui,
 * specification/2026-01-26/apps.mdx in modelcontextprotocol/ext-apps).
 *
 * Each function returns a new JSON reference the caller owns (json_decref),
 * or NULL when memory runs out.
 */
#ifndef FCGI_MCP_MCP_APP_H
#define FCGI_MCP_MCP_APP_H

#include <jansson.h>

/* The resource's URI: the ui:// scheme is the extension's. */
#define MCP_APP_URI	"ui://ttt/board.html"
/* The one MIME type a host renders as an App. */
#define MCP_APP_MIME	"text/html;profile=mcp-app"

/* The resources/list entry: uri, name, title, description, mimeType and the
 * resource's _meta.ui (csp, prefersBorder). */
json_t	*mcp_app_resource(void);
/* The one item of a resources/read result's "contents" for MCP_APP_URI:
 * uri, mimeType, the page as "text", and _meta.ui. */
json_t	*mcp_app_contents(void);
/* A tool's _meta naming the App: "ui": {"resourceUri"}, and the keys older
 * hosts read, "ui/resourceUri" (the extension's deprecated flat key) and
 * "openai/outputTemplate" (ChatGPT's Apps SDK before it read the
 * extension's), all with MCP_APP_URI. */
json_t	*mcp_app_tool_meta(void);

#endif /* FCGI_MCP_MCP_APP_H */
