/*
 * mcp.c - the MCP endpoint (mcp.h): HTTP checks, the method table, and
 * the answer; the era of a request is era.c's.
 *
 * Order of checks, each answered with a JSON-RPC error object:
 *   1. Host and Origin are the service's own names (403; 2025-11-25
 *      basic/transports: "If the Origin header is present and invalid,
 *      servers MUST respond with HTTP 403 Forbidden"), then the API key
 *      exactly as the REST game routes check it (401 with the challenge);
 *   2. the body: a JSON Content-Type (415), an Accept that takes JSON (406),
 *      a Content-Length within body_limit (413), one JSON-RPC message
 *      (400: -32700, -32600);
 *   3. the era, from the body first (era.h): a modern _meta version must
 *      match the MCP-Protocol-Version header (-32020) and be supported
 *      (-32022), a modern request must carry the Mcp-Method and Mcp-Name
 *      headers that match its body (-32020) and its client capabilities
 *      (-32602); a request without that _meta is legacy, and its header,
 *      when present, must name a supported legacy version (400, -32022);
 *   4. the method: unknown in the request's era is -32601 (404 in the
 *      modern era, where the transport says so); a notification or a
 *      response gets 202 and no body.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "auth.h"
#include "handler_internal.h"
#include "hosts.h"
#include "version.h"
#include "mcp/era.h"
#include "mcp/jsonrpc.h"
#include "mcp/limit.h"
#include "mcp/mcp.h"
#include "mcp/resources.h"
#include "mcp/tools.h"
#include "ops/ops.h"

#define META_SERVER	"io.modelcontextprotocol/serverInfo"
#define TYPE_MCP_JSON	"application/json"
/* How long a client may keep a list or the App (2026-07-28
 * server/utilities/caching): the lists change only with the worker's
 * version, and they are the same for every client. */
#define CACHE_TTL_MS	300000

/* The era fields of a modern tools/call result, written after its own. */
static const char modern_extra[] = ",\"resultType\":\"complete\",\"_meta\":{\""
    META_SERVER "\":{\"name\":\"" WORKER_NAME "\",\"version\":\""
    WORKER_VERSION "\"}}";

static const char instructions[] = "Tic-tac-toe against a perfect (or "
    "weaker) AI. Call human_move with the board after the human's move (or "
    "the board before it and human_move) to get the AI's reply, and hint "
    "to rate the human's possible moves. Show board_text in a code block.";

struct call {
	const struct config		*cfg;
	const struct handler_request	*req;
	const struct jsonrpc_msg	*msg;
	enum era			 era;
};

/* What a method produces: a result (a tree the envelope completes, or
 * finished text), or an error. */
struct reply {
	json_t			*result;
	char			*text;
	size_t			 len;
	bool			 cacheable;	/* ttlMs and cacheScope (modern) */
	struct jsonrpc_fault	 f;		/* f.code != 0: an error */
	int			 status;	/* of an error */
	json_t			*data;		/* of an error, owned */
};

/* ---- the methods ---- */

/* Tools and resources, and the MCP Apps extension (its identifier and
 * the one mimeType of its resources; 2026-07-28 "Extension Negotiation"). */
static json_t *
capabilities(void)
{
	return json_pack("{s:{}, s:{}, s:{s:{s:[s]}}}", "tools", "resources",
	    "extensions", "io.modelcontextprotocol/ui", "mimeTypes",
	    "text/html;profile=mcp-app");
}

static json_t *
server_info(void)
{
	return json_pack("{s:s, s:s, s:s}", "name", WORKER_NAME,
	    "title", "Tic-tac-toe", "version", WORKER_VERSION);
}

/* Legacy handshake: the requested version when supported, else the latest
 * (2025-11-25 basic/lifecycle, "Version Negotiation"). */
static void
m_initialize(const struct call *c, struct reply *rp)
{
	const json_t *v = json_object_get(c->msg->params, "protocolVersion");
	const char *version = ERA_LEGACY_LATEST;

	if (json_is_string(v) && era_legacy_supported(json_string_value(v)))
		version = json_string_value(v);
	rp->result = json_pack("{s:s, s:o, s:o, s:s}",
	    "protocolVersion", version,
	    "capabilities", capabilities(),
	    "serverInfo", server_info(),
	    "instructions", instructions);
}

static void
m_ping(const struct call *c, struct reply *rp)
{
	(void)c;
	rp->result = json_object();
}

static void
m_discover(const struct call *c, struct reply *rp)
{
	(void)c;
	rp->result = json_pack("{s:o, s:o, s:{s:o}, s:s}",
	    "supportedVersions", era_versions(),
	    "capabilities", capabilities(),
	    "_meta", META_SERVER, server_info(),
	    "instructions", instructions);
	rp->cacheable = true;
}

static void
m_tools_list(const struct call *c, struct reply *rp)
{
	(void)c;
	rp->result = tools_list();
	rp->cacheable = true;
}

static void
m_tools_call(const struct call *c, struct reply *rp)
{
	if (tools_call(c->cfg, c->msg->params, c->era == ERA_MODERN ?
	    modern_extra : "", &rp->text, &rp->len, &rp->f) != 0)
		rp->status = 200;	/* a protocol error of the method: in band */
}

static void
m_resources_list(const struct call *c, struct reply *rp)
{
	(void)c;
	rp->result = resources_list();
	rp->cacheable = true;
}

static void
m_resources_templates(const struct call *c, struct reply *rp)
{
	(void)c;
	rp->result = resources_templates();
	rp->cacheable = true;
}

static void
m_resources_read(const struct call *c, struct reply *rp)
{
	if ((rp->result = resources_read(c->msg->params, &rp->f)) == NULL)
		rp->status = 200;
	rp->cacheable = true;
}

static const struct method {
	const char	*name;
	bool		 legacy, modern;	/* the eras it exists in */
	const char	*name_field;		/* params member Mcp-Name mirrors */
	void		(*fn)(const struct call *, struct reply *);
} methods[] = {
	{ "initialize",		  true,  false, NULL,   m_initialize },
	{ "ping",		  true,  false, NULL,   m_ping },
	{ "server/discover",	  false, true,  NULL,   m_discover },
	{ "tools/list",		  true,  true,  NULL,   m_tools_list },
	{ "tools/call",		  true,  true,  "name", m_tools_call },
	{ "resources/list",	  true,  true,  NULL,   m_resources_list },
	{ "resources/templates/list", true, true, NULL, m_resources_templates },
	{ "resources/read",	  true,  true,  "uri",  m_resources_read },
};
#define NMETHODS	(sizeof(methods) / sizeof(methods[0]))

static const struct method *
method_find(const char *name)
{
	size_t i;

	for (i = 0; i < NMETHODS; i++)
		if (strcmp(methods[i].name, name) == 0)
			return &methods[i];
	return NULL;
}

/* ---- HTTP ---- */

/* Take ownership of text as the answer. */
static void
answer(struct handler_response *r, int status, char *text, size_t len)
{
	if (text == NULL) {
		response_oom(r);
		return;
	}
	free(r->body);
	r->body = text;
	r->body_len = len;
	r->status = status;
	r->content_type = TYPE_MCP_JSON;
}

static void
refuse(struct handler_response *r, int status, const json_t *id, int code,
    json_t *data, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void
refuse(struct handler_response *r, int status, const json_t *id, int code,
    json_t *data, const char *fmt, ...)
{
	char message[300];
	size_t len = 0;
	char *text;
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	text = jsonrpc_error(id, code, message, data, &len);
	answer(r, status, text, len);
}

/* "application/json", any case, alone or with parameters. */
static bool
is_json_type(const char *type)
{
	static const char want[] = "application/json";
	size_t n = sizeof(want) - 1;

	return type != NULL && strncasecmp(type, want, n) == 0 &&
	    (type[n] == '\0' || type[n] == ';' || type[n] == ' ');
}

/* Does s contain word, ignoring ASCII case? */
static bool
contains_ci(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, word, n) == 0)
			return true;
	return false;
}

/* Does Accept take JSON?  Absent: yes.  The transport makes clients list
 * application/json and text/event-stream; this server only answers JSON,
 * so only a header that excludes JSON is refused. */
static bool
accepts_json(const char *accept)
{
	return accept == NULL || accept[0] == '\0' ||
	    contains_ci(accept, "application/json") ||
	    contains_ci(accept, "application/*") ||
	    strstr(accept, "*/*") != NULL;
}

/* The 401 of the REST routes (sentence and challenge), as JSON-RPC. */
static void
refuse_key(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	json_t *rest;
	const char *sentence = "A valid API key is required.";

	auth_refuse(cfg, req, r);
	rest = r->body != NULL ? json_loads(r->body, 0, NULL) : NULL;
	if (json_is_string(json_object_get(rest, "error")))
		sentence = json_string_value(json_object_get(rest, "error"));
	refuse(r, 401, NULL, JSONRPC_INVALID_REQUEST, NULL, "%s", sentence);
	json_decref(rest);
}

/* Checks that need no body.  Returns 0, or -1 with the refusal in r. */
static int
check_http(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	/* Only a present header is checked: a browser always sends Host,
	 * and Origin on every cross-origin POST; scripts may send neither. */
	if (req->host != NULL && req->host[0] != '\0' &&
	    !hosts_host_allowed(cfg, req->host)) {
		refuse(r, 403, NULL, JSONRPC_INVALID_REQUEST, NULL, "The Host "
		    "\"%.64s\" is not this service's name.", req->host);
		return -1;
	}
	if (req->origin != NULL && !hosts_origin_allowed(cfg, req->origin)) {
		refuse(r, 403, NULL, JSONRPC_INVALID_REQUEST, NULL, "Requests "
		    "from the origin \"%.64s\" are not allowed.", req->origin);
		return -1;
	}
	if (!auth_ok(cfg, req)) {
		refuse_key(cfg, req, r);
		return -1;
	}
	if (!is_json_type(req->content_type)) {
		refuse(r, 415, NULL, JSONRPC_INVALID_REQUEST, NULL, "The body "
		    "must be JSON: send Content-Type: application/json.");
		return -1;
	}
	if (!accepts_json(req->media_ranges)) {
		refuse(r, 406, NULL, JSONRPC_INVALID_REQUEST, NULL, "This "
		    "server answers in JSON: send Accept: application/json, "
		    "text/event-stream.");
		return -1;
	}
	switch (req->body_state) {
	case HANDLER_BODY_COMPLETE:
		return 0;
	case HANDLER_BODY_TOO_LARGE:
		refuse(r, 413, NULL, JSONRPC_INVALID_REQUEST, NULL, "The body "
		    "is larger than the limit of %zu bytes.", cfg->body_limit);
		return -1;
	case HANDLER_BODY_SHORT:
		refuse(r, 400, NULL, JSONRPC_INVALID_REQUEST, NULL, "The body "
		    "ended before the bytes Content-Length announced.");
		return -1;
	case HANDLER_BODY_NO_LENGTH:
	case HANDLER_BODY_MALFORMED:
	default:
		refuse(r, 400, NULL, JSONRPC_INVALID_REQUEST, NULL, "POST one "
		    "JSON-RPC message with a Content-Length.");
		return -1;
	}
}

/* ---- the era ---- */

/*
 * The era of the message, its headers checked against it (era.h).
 * Returns 0 with c->era set, or -1 with the refusal in r.
 */
static int
check_era(struct call *c, const struct method *m, struct handler_response *r)
{
	struct era_refusal why;

	if (era_classify(c->req, c->msg, m != NULL ? m->name_field : NULL,
	    &c->era, &why) == 0)
		return 0;
	refuse(r, why.status, c->msg->id, why.code, why.data, "%s", why.message);
	return -1;
}

/* ---- the rate limit ---- */

/*
 * What identifies a conversation, to limit each one on its own (limit.h).
 * MCP has no such field; the hosts send their own in params._meta:
 *   - ChatGPT: "openai/session", an anonymized conversation id, and
 *     "openai/subject", an anonymized user id (OpenAI Apps SDK reference,
 *     "_meta fields the client provides",
 *     https://developers.openai.com/apps-sdk/reference); it keeps no MCP
 *     session across tool calls (openai/openai-apps-sdk-examples#165, #201).
 *   - Claude (claude.ai, Desktop, Code): nothing per conversation or user:
 *     only User-Agent "Claude-User", MCP-Protocol-Version and trace headers,
 *     and it does not echo Mcp-Session-Id (anthropics/claude-code#41836).
 * So: the session, else the subject, else a GPT action's
 * openai-conversation-id header; without any, no per-conversation limit,
 * and nginx's per-address ceiling for /mcp (nginx.conf.example) applies.
 * The ids are chosen by the client: a fair-share key, never an identity.
 */
static const char *
conversation(const struct call *c, size_t *len)
{
	static const char *const keys[] = { "openai/session", "openai/subject" };
	const json_t *meta, *v;
	size_t i;

	meta = c->msg->params != NULL ?
	    json_object_get(c->msg->params, "_meta") : NULL;
	for (i = 0; meta != NULL && i < sizeof(keys) / sizeof(keys[0]); i++) {
		v = json_object_get(meta, keys[i]);
		if (json_is_string(v) && json_string_length(v) > 0) {
			*len = json_string_length(v);
			return json_string_value(v);
		}
	}
	if (c->req->conversation_id != NULL && c->req->conversation_id[0]) {
		*len = strlen(c->req->conversation_id);
		return c->req->conversation_id;
	}
	return NULL;
}

/* True when the request's conversation is over its limit. */
static bool
over_limit(const struct call *c)
{
	struct timespec t;
	const char *key;
	size_t len = 0;

	if ((key = conversation(c, &len)) == NULL || len > LIMIT_KEY_MAX)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return !limit_take(key, len, (uint64_t)t.tv_sec * 1000u +
	    (uint64_t)t.tv_nsec / 1000000u);
}

/* ---- the answer ---- */

/* Add the modern era's fields to a result (2026-07-28: resultType on
 * every result, the server's identity, cache hints on lists and reads). */
static int
modern_fields(json_t *result, bool cacheable)
{
	int rc = 0;

	rc |= json_object_set_new(result, "resultType", json_string("complete"));
	if (json_object_get(result, "_meta") == NULL)
		rc |= json_object_set_new(result, "_meta",
		    json_pack("{s:o}", META_SERVER, server_info()));
	if (cacheable) {
		rc |= json_object_set_new(result, "ttlMs",
		    json_integer(CACHE_TTL_MS));
		rc |= json_object_set_new(result, "cacheScope",
		    json_string("public"));
	}
	return rc;
}

static void
reply(const struct call *c, struct reply *rp, struct handler_response *r)
{
	const json_t *id = c->msg->id;
	size_t len = 0;
	char *text;

	if (rp->f.code != 0) {
		refuse(r, rp->status != 0 ? rp->status : 200, id, rp->f.code,
		    rp->data, "%s", rp->f.message);
		rp->data = NULL;
		return;
	}
	if (rp->text != NULL) {
		text = jsonrpc_result_text(id, rp->text, rp->len, &len);
		free(rp->text);
		rp->text = NULL;
	} else if (rp->result == NULL || (c->era == ERA_MODERN &&
	    modern_fields(rp->result, rp->cacheable) != 0)) {
		text = NULL;
	} else {
		text = jsonrpc_result(id, rp->result, &len);
	}
	json_decref(rp->result);
	rp->result = NULL;
	answer(r, 200, text, len);
}

/*
 * This server opens no SSE stream and issues no session, so GET and DELETE
 * are refused with 405, as 2025-11-25 basic/transports allows ("Listening
 * for Messages from the Server": "or else return HTTP 405 Method Not
 * Allowed"; "Session Management": DELETE "MAY respond ... with HTTP 405"),
 * and so is every other method.  Allow names POST alone: OPTIONS is only
 * the browsers' CORS preflight, not a method of the transport.  HEAD gets
 * exactly GET's answer, Content-Length included (RFC 9110, 9.3.2), so the
 * sentence names GET for it.
 */
void
mcp_refuse_method(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	const char *method = req->method;

	(void)cfg;
	if (strcmp(method, "HEAD") == 0)
		method = "GET";
	refuse(r, 405, NULL, JSONRPC_INVALID_REQUEST, NULL, "%.16s is not "
	    "allowed on /mcp: POST one JSON-RPC message (this server opens no "
	    "event stream and keeps no session).", method);
	if (r->body != NULL && response_header(r, "Allow", "POST") != 0)
		response_oom(r);
}

void
mcp_post(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	struct jsonrpc_msg msg;
	struct jsonrpc_fault f;
	struct reply rp;
	struct call c;
	const struct method *m;

	if (check_http(cfg, req, r) != 0)
		return;
	if (jsonrpc_parse(req->body, req->body_len, &msg, &f) != 0) {
		refuse(r, 400, NULL, f.code, NULL, "%s", f.message);
		return;
	}
	c.cfg = cfg;
	c.req = req;
	c.msg = &msg;
	c.era = ERA_LEGACY;
	if (msg.kind == JSONRPC_RESPONSE)
		goto accepted;
	m = method_find(msg.method);
	if (check_era(&c, m, r) != 0)
		goto out;
	if (msg.kind == JSONRPC_NOTIFICATION)
		goto accepted;
	if (m == NULL || !(c.era == ERA_MODERN ? m->modern : m->legacy)) {
		refuse(r, c.era == ERA_MODERN ? 404 : 200, msg.id,
		    JSONRPC_METHOD_NOT_FOUND, NULL, "Method not found: \"%.64s\" "
		    "(this server has initialize, ping, server/discover, "
		    "tools/list, tools/call, resources/list, resources/read).",
		    msg.method);
		goto out;
	}
	if (over_limit(&c)) {
		refuse(r, 429, msg.id, JSONRPC_RATE_LIMITED, NULL, "Too many "
		    "calls in this conversation (mcp_rate_per_conversation: %d "
		    "a second, burst %d); wait a second and retry.", LIMIT_RATE,
		    LIMIT_BURST);
		if (response_header(r, "Retry-After", "1") != 0)
			response_oom(r);
		goto out;
	}
	/* The one place each MCP call is seen, by method. */
	ops_count_mcp(msg.method);
	memset(&rp, 0, sizeof(rp));
	m->fn(&c, &rp);
	reply(&c, &rp, r);
	goto out;
accepted:
	/* A notification or a response: 202 Accepted, no body (2025-11-25
	 * basic/transports, "Sending Messages to the Server"). */
	free(r->body);
	r->body = NULL;
	r->body_len = 0;
	r->status = 202;
	r->content_type = NULL;
out:
	jsonrpc_msg_free(&msg);
}
