/*
 * resources.h - the MCP resources: one, the MCP App page that draws the
 * game's board in the host (MCP Apps extension, revision 2026-01-26), at
 * TOOLS_APP_URI (tools.h), whose HTML is compiled into the worker
 * (site.h: site_mcp_app_html).
 */
#ifndef FCGI_MCP_RESOURCES_H
#define FCGI_MCP_RESOURCES_H

#include <jansson.h>

#include "mcp/jsonrpc.h"

/* {"resources": [...]} for resources/list.  New reference or NULL. */
json_t	*resources_list(void);
/* {"resourceTemplates": []}: this server has no templates. */
json_t	*resources_templates(void);
/*
 * resources/read with params {"uri"}: {"contents": [...]} as a new
 * reference, or NULL with f set: no uri or an unknown one (-32602, the
 * code revision 2026-07-28 gives a resource that does not exist), ENOMEM
 * (-32603).
 */
json_t	*resources_read(const json_t *params, struct jsonrpc_fault *f);

#endif /* FCGI_MCP_RESOURCES_H */
