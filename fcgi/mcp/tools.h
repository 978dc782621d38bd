/*
 * tools.h - the MCP tools: the game operations (operation.h), one tool
 * each, named as the operation (human_move, hint).  A tool's input is the
 * POST body, its structuredContent is the REST answer itself: tools/call
 * decodes and answers in-process exactly as POST /<name> does, so the two
 * surfaces cannot answer differently.
 */
#ifndef FCGI_MCP_TOOLS_H
#define FCGI_MCP_TOOLS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "config.h"
#include "mcp/jsonrpc.h"

/* The URI of the MCP App resource the tools name (resources.c serves it). */
#define TOOLS_APP_URI	"ui://ttt/board.html"

/* {"tools": [...]} for tools/list, in operation_table order.  New reference, or
 * NULL on ENOMEM. */
json_t	*tools_list(void);

/*
 * tools/call with params {"name", "arguments"}.  Returns 0 with *text a
 * new buffer (malloc, the caller frees) holding the CallToolResult as JSON
 * text, *len its length; `extra` (JSON members starting with ',', or "")
 * is written at the end of the result object, for the era's own fields.
 * A refusal by the route (400, 422) is such a result with isError true
 * and the route's sentence.  Returns -1 with f set: an unknown tool or a
 * missing name (-32602), ENOMEM or an unexpected status (-32603).
 */
int	 tools_call(const struct config *, const json_t *params,
	    const char *extra, char **text, size_t *len,
	    struct jsonrpc_fault *f);

#endif /* FCGI_MCP_TOOLS_H */
