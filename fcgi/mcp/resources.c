/*
 * resources.c - the MCP App as a resource (resources.h).
 *
 * Its mimeType is the one the MCP Apps extension defines for an App,
 * "text/html;profile=mcp-app".  The page loads nothing and connects nowhere
 * (it calls tools through the host by postMessage), so its _meta.ui.csp
 * lists no domain: the host's default policy for an App without domains
 * is then exactly right.  prefersBorder asks the host to frame the board.
 */
#include <stdio.h>
#include <string.h>

#include "site.h"
#include "mcp/resources.h"
#include "mcp/tools.h"

#define APP_MIME	"text/html;profile=mcp-app"
#define APP_NAME	"board"
#define APP_TITLE	"Tic-tac-toe board"
#define APP_DESCRIPTION	"The game's board, drawn from a human_move or hint " \
			"result; a click on a free cell plays there."

/* The _meta every listing and reading of the App carries. */
static json_t *
app_meta(void)
{
	return json_pack("{s:{s:{s:[], s:[]}, s:b}}",
	    "ui",
		"csp", "connectDomains", "resourceDomains",
		"prefersBorder", 1);
}

json_t *
resources_list(void)
{
	return json_pack("{s:[{s:s, s:s, s:s, s:s, s:s, s:o}]}",
	    "resources",
		"uri", TOOLS_APP_URI,
		"name", APP_NAME,
		"title", APP_TITLE,
		"description", APP_DESCRIPTION,
		"mimeType", APP_MIME,
		"_meta", app_meta());
}

json_t *
resources_templates(void)
{
	return json_pack("{s:[]}", "resourceTemplates");
}

json_t *
resources_read(const json_t *params, struct jsonrpc_fault *f)
{
	const json_t *uri = json_object_get(params, "uri");
	json_t *doc;

	if (!json_is_string(uri) ||
	    strcmp(json_string_value(uri), TOOLS_APP_URI) != 0) {
		f->code = JSONRPC_INVALID_PARAMS;
		snprintf(f->message, sizeof(f->message), "There is no resource "
		    "at \"%.64s\"; resources/list names the one there is (%s).",
		    json_is_string(uri) ? json_string_value(uri) : "",
		    TOOLS_APP_URI);
		return NULL;
	}
	doc = json_pack("{s:[{s:s, s:s, s:s%, s:o}]}",
	    "contents",
		"uri", TOOLS_APP_URI,
		"mimeType", APP_MIME,
		"text", site_mcp_app_html, site_mcp_app_html_len,
		"_meta", app_meta());
	if (doc == NULL) {
		f->code = JSONRPC_INTERNAL_ERROR;
		snprintf(f->message, sizeof(f->message), "The server ran out "
		    "of memory; retry.");
	}
	return doc;
}
