/*
 * era.h - which revision of MCP a message speaks, and whether the request's
 * headers agree with its body.  One endpoint serves both eras, as revision
 * 2026-07-28 allows (basic/versioning, "Backward Compatibility"):
 *
 *   legacy   no version in params._meta: revisions 2025-11-25, 2025-06-18
 *            and 2025-03-26, whose MCP-Protocol-Version header, when sent,
 *            must name one of them (2025-06-18 basic/transports);
 *   modern   params._meta carries "io.modelcontextprotocol/protocolVersion"
 *            2026-07-28, and a request also its client capabilities and
 *            the MCP-Protocol-Version, Mcp-Method and Mcp-Name headers that
 *            match its body (2026-07-28 streamable-http, "Server
 *            Validation").
 */
#ifndef FCGI_MCP_ERA_H
#define FCGI_MCP_ERA_H

#include <stdbool.h>

#include <jansson.h>

#include "handler.h"
#include "mcp/jsonrpc.h"

#define ERA_MODERN_VERSION	"2026-07-28"
#define ERA_LEGACY_LATEST	"2025-11-25"

enum era { ERA_LEGACY, ERA_MODERN };

/* Why a message was refused: the HTTP status, the JSON-RPC error. */
struct era_refusal {
	int		 status;
	int		 code;
	json_t		*data;		/* the error's data, or NULL; the caller owns it */
	char		 message[300];
};

/* Every version this server speaks, newest first: a new array, or NULL on
 * ENOMEM. */
json_t	*era_versions(void);

/* Is v one of the legacy revisions this server speaks? */
bool	 era_legacy_supported(const char *v);

/*
 * The era of msg (a request or a notification), with its headers checked
 * against it.  name_field names the params member the Mcp-Name header
 * mirrors for msg's method (tools/call: "name"), or is NULL.  Returns 0
 * with *era set, or -1 with *why filled: _meta malformed or a request
 * without its client capabilities (-32602), a version this server does not
 * speak (-32022, data.supported), headers that disagree with the body or
 * are missing (-32020); all with HTTP 400.
 */
int	 era_classify(const struct handler_request *req,
	    const struct jsonrpc_msg *msg, const char *name_field,
	    enum era *era, struct era_refusal *why);

#endif /* FCGI_MCP_ERA_H */
