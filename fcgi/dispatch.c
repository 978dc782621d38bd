/*
 * dispatch.c - the pure handler: a request in, a response out (see
 * dispatch.h).  It finds
 * the route in the table (route.c), answers what the table alone decides
 * (404, 405 with Allow or the route's own refusal, an OPTIONS preflight, HEAD as GET without a body,
 * the API key), calls the route's function, and adds the headers every
 * answer carries (CORS, Cache-Control).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allow.h"
#include "auth.h"
#include "dispatch.h"
#include "handler_internal.h"

#define PATH_MAX_LEN	1024	/* path_length; nginx's large_client_header_buffers is 8k */

static const char cors_methods[] = "GET, POST, HEAD, OPTIONS";
/* The MCP transport's request headers too (Streamable HTTP), so that a
 * browser-based MCP client may call /mcp when cors_origin allows it. */
static const char cors_headers[] = "Authorization, Content-Type, "
    "MCP-Protocol-Version, Mcp-Method, Mcp-Name";

/* policy: the route whose Cache-Control applies (NULL: unknown path). */
static void
add_common_headers(const struct config *cfg, const struct route *policy,
    struct handler_response *r)
{
	int rc = 0;

	/* The original used flask-cors with "*"; GPT calls are server to
	 * server and ignore CORS, browser tools need it. */
	if (cfg->cors_origin[0] != '\0') {
		rc |= response_header(r, "Access-Control-Allow-Origin", cfg->cors_origin);
		if (strcmp(cfg->cors_origin, "*") != 0)
			rc |= response_header(r, "Vary", "Origin");
	}
	if (policy != NULL && policy->cache == CACHE_NO_STORE)
		rc |= response_header(r, "Cache-Control", "no-store");
	else if (policy != NULL && r->status == 200)
		rc |= response_header(r, "Cache-Control", "no-cache");
	if (rc != 0)
		response_oom(r);
}

static void
preflight(const char *allow, struct handler_response *r)
{
	r->status = 204;
	r->content_type = NULL;
	if (response_header(r, "Allow", allow) != 0 ||
	    response_header(r, "Access-Control-Allow-Methods", cors_methods) != 0 ||
	    response_header(r, "Access-Control-Allow-Headers", cors_headers) != 0 ||
	    response_header(r, "Access-Control-Max-Age", "86400") != 0)
		response_oom(r);
}

/* Answers the request; returns the route whose policies apply, or NULL. */
static const struct route *
dispatch(const struct config *cfg, const struct handler_request *req,
    const char *method, const char *path, struct handler_response *r)
{
	const struct route *rt, *first;
	char allow[64];

	if (strlen(path) > PATH_MAX_LEN) {
		response_error(r, HANDLER_ERR_URI_TOO_LONG, "The path is longer than "
		    "%d bytes (path_length); see /docs for the endpoints.", PATH_MAX_LEN);
		return NULL;
	}
	rt = route_find(path, method, &first);
	if (first == NULL) {
		response_error(r, HANDLER_ERR_NOT_FOUND, "There is no endpoint at "
		    "\"%.64s\"; the API is described at /docs.", path);
		return NULL;
	}
	if (first->operator_only &&
	    !allow_request(cfg->metrics_allow, req->params)) {
		r->status = 404;	/* as if there were nothing: no body */
		return NULL;
	}
	/* Allow is only needed off the hot path: preflights and 405s. */
	if (strcmp(method, "OPTIONS") == 0) {
		route_allow(path, allow, sizeof(allow));
		preflight(allow, r);
		return first;
	}
	if (rt == NULL && first->refuse_method != NULL) {
		first->refuse_method(cfg, req, r);
		return first;
	}
	if (rt == NULL) {
		route_allow(path, allow, sizeof(allow));
		response_error(r, HANDLER_ERR_METHOD, "%.16s is not allowed on %s; "
		    "use %s.", method, path, allow);
		if (response_header(r, "Allow", allow) != 0)
			response_oom(r);
		return first;
	}
	if (rt->needs_auth && !auth_ok(cfg, req)) {
		auth_refuse(cfg, req, r);
		return rt;
	}
	route_run(cfg, rt, req, r);
	return rt;
}

void
dispatch_request(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	const char *method = req->method, *path = req->path;
	const struct route *policy = NULL;

	memset(r, 0, sizeof(*r));
	if (path == NULL || path[0] == '\0')
		path = "/";
	if (method == NULL || method[0] == '\0') {
		response_error(r, HANDLER_ERR_BAD_REQUEST, "The request has no method.");
	} else {
		policy = dispatch(cfg, req, method, path, r);
		r->head_only = strcmp(method, "HEAD") == 0;
	}
	add_common_headers(cfg, policy, r);
}
