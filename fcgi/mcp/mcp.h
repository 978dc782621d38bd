/*
 * mcp.h - POST /mcp: a Model Context Protocol server over the Streamable
 * HTTP transport, stateless, answering in JSON only.  Both eras of the
 * protocol on the one endpoint, as revision 2026-07-28 allows
 * (basic/versioning, "Backward Compatibility"):
 *
 *   legacy   initialize / notifications/initialized / ping, revisions
 *            2025-11-25, 2025-06-18, 2025-03-26; no session is ever issued
 *   modern   2026-07-28: every request carries its version and the client's
 *            capabilities in params._meta; server/discover; the
 *            MCP-Protocol-Version, Mcp-Method and Mcp-Name headers checked
 *            against the body
 *
 * The handler is a route function (handler_internal.h): pure, it fills the
 * response, which the caller frees.  Every refusal is a JSON-RPC error
 * object with the HTTP status the transport specification gives it.
 */
#ifndef FCGI_MCP_MCP_H
#define FCGI_MCP_MCP_H

#include "config.h"
#include "handler.h"

void	 mcp_post(const struct config *, const struct handler_request *,
	    struct handler_response *);
/* Any other method but OPTIONS (the table's CORS preflight): 405 with
 * exactly "Allow: POST" and a JSON-RPC error object. */
void	 mcp_refuse_method(const struct config *,
	    const struct handler_request *, struct handler_response *);

#endif /* FCGI_MCP_MCP_H */
