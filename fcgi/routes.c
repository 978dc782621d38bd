/*
 * routes.c - the route table and the pure handler that dispatches on it.
 * The OpenAPI document (openapi.c) is generated from this same table, so
 * what is served and what is documented cannot drift apart.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define PATH_MAX_LEN	1024	/* nginx's large_client_header_buffers is 8k */

const struct route ttt_routes[] = {
	{ "/human_move", "POST", move_post, true, "", NULL,
	  "Play the AI's reply to the human's move (board in a JSON body)",
	  "Send the board after the human (X) has moved; the AI (O) answers "
	  "with its best move, the new board, and whether the game is over. "
	  "Cells are \"X\", \"O\" or \" \". Invalid boards get a 400 or 422 "
	  "error saying what to fix.",
	  DOC_MOVE_POST },
	{ "/human_move", "GET", move_get, true, "Get", NULL,
	  "Play the AI's reply to the human's move (board in the query)",
	  "Same as the POST form, with the board as query parameters "
	  "position_1 (top-left) to position_9 (bottom-right), each X, O, or "
	  "empty. The AI (O) answers with its move, the new board and the "
	  "game status.",
	  DOC_MOVE_GET },
	{ "/docs", "GET", page_docs, false, NULL, "getDocs",
	  "Get this OpenAPI document",
	  "The OpenAPI 3.1 description of this API, with the server URL "
	  "already filled in: import it into the GPT builder unedited.",
	  DOC_OPENAPI },
	{ "/openapi.json", "GET", page_docs, false, NULL, "getOpenapiJson",
	  "Get this OpenAPI document (conventional path)",
	  "The same document as /docs, at the path OpenAPI tools look for.",
	  DOC_OPENAPI },
	{ "/privacy", "GET", page_privacy, false, NULL, "getPrivacyPolicy",
	  "Get the privacy policy",
	  "The privacy statement of this service, as JSON or, for a browser "
	  "asking for text/html, as a small web page. Use its URL as the "
	  "GPT's privacy policy URL.",
	  DOC_PRIVACY },
	{ "/", "GET", page_index, false, NULL, "getServiceIndex",
	  "Get the service name and its endpoints",
	  "Names the service and links its endpoints.",
	  DOC_INDEX },
	{ "/healthz", "GET", page_health, false, NULL, "getHealth",
	  "Check that the service is up",
	  "Answers {\"status\":\"ok\"} while the worker serves; meant for "
	  "load balancers.",
	  DOC_HEALTH },
};
const size_t ttt_nroutes = sizeof(ttt_routes) / sizeof(ttt_routes[0]);

static const char cors_methods[] = "GET, POST, HEAD, OPTIONS";
static const char cors_headers[] = "Authorization, Content-Type";

/* "GET, HEAD, OPTIONS" or "GET, POST, HEAD, OPTIONS" for one path. */
static void
allow_list(const char *path, char *buf, size_t size)
{
	bool get = false, post = false;
	size_t i;

	for (i = 0; i < ttt_nroutes; i++) {
		if (strcmp(ttt_routes[i].path, path) != 0)
			continue;
		if (strcmp(ttt_routes[i].method, "GET") == 0)
			get = true;
		else
			post = true;
	}
	snprintf(buf, size, "%s%s%s", get ? "GET, HEAD, " : "",
	    post ? "POST, " : "", "OPTIONS");
}

static void
add_common_headers(const struct ttt_config *cfg, const char *path,
    struct ttt_response *r)
{
	int rc = 0;

	/* The original used flask-cors with "*"; GPT calls are server to
	 * server and ignore CORS, browser tools need it. */
	if (cfg->cors_origin[0] != '\0') {
		rc |= resp_header(r, "Access-Control-Allow-Origin", cfg->cors_origin);
		if (strcmp(cfg->cors_origin, "*") != 0)
			rc |= resp_header(r, "Vary", "Origin");
	}
	if (strcmp(path, "/human_move") == 0)
		rc |= resp_header(r, "Cache-Control", "no-store");
	else if (r->status == 200)
		rc |= resp_header(r, "Cache-Control", "no-cache");
	if (rc != 0)
		resp_oom(r);
}

static void
preflight(const char *allow, struct ttt_response *r)
{
	r->status = 204;
	r->content_type = NULL;
	if (resp_header(r, "Allow", allow) != 0 ||
	    resp_header(r, "Access-Control-Allow-Methods", cors_methods) != 0 ||
	    resp_header(r, "Access-Control-Allow-Headers", cors_headers) != 0 ||
	    resp_header(r, "Access-Control-Max-Age", "86400") != 0)
		resp_oom(r);
}

static void
dispatch(const struct ttt_config *cfg, const struct ttt_request *req,
    const char *method, const char *path, struct ttt_response *r)
{
	const struct route *rt = NULL;
	bool path_known = false;
	char allow[64];
	size_t i;

	if (strlen(path) > PATH_MAX_LEN) {
		resp_error(r, TTT_ERR_URI_TOO_LONG, "The path is longer than "
		    "%d bytes; see /docs for the endpoints.", PATH_MAX_LEN);
		return;
	}
	for (i = 0; i < ttt_nroutes; i++) {
		if (strcmp(ttt_routes[i].path, path) != 0)
			continue;
		path_known = true;
		if (strcmp(ttt_routes[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 &&
		    strcmp(ttt_routes[i].method, "GET") == 0)) {
			rt = &ttt_routes[i];
			break;
		}
	}
	if (!path_known) {
		resp_error(r, TTT_ERR_NOT_FOUND, "There is no endpoint at "
		    "\"%.64s\"; the API is described at /docs.", path);
		return;
	}
	allow_list(path, allow, sizeof(allow));
	if (strcmp(method, "OPTIONS") == 0) {
		preflight(allow, r);
		return;
	}
	if (rt == NULL) {
		resp_error(r, TTT_ERR_METHOD, "%.16s is not allowed on %s; "
		    "use %s.", method, path, allow);
		if (resp_header(r, "Allow", allow) != 0)
			resp_oom(r);
		return;
	}
	if (rt->needs_auth && !auth_ok(cfg, req->authorization)) {
		resp_error(r, TTT_ERR_UNAUTHORIZED, "A valid API key is "
		    "required: send the header \"Authorization: Bearer "
		    "<key>\".");
		if (resp_header(r, "WWW-Authenticate",
		    "Bearer realm=\"ttt-fcgi\"") != 0)
			resp_oom(r);
		return;
	}
	rt->fn(cfg, req, r);
}

void
ttt_handle(const struct ttt_config *cfg, const struct ttt_request *req,
    struct ttt_response *r)
{
	const char *method = req->method, *path = req->path;

	memset(r, 0, sizeof(*r));
	if (path == NULL || path[0] == '\0')
		path = "/";
	if (method == NULL || method[0] == '\0') {
		resp_error(r, TTT_ERR_BAD_REQUEST, "The request has no method.");
	} else {
		dispatch(cfg, req, method, path, r);
		r->head_only = strcmp(method, "HEAD") == 0;
	}
	add_common_headers(cfg, path, r);
}
