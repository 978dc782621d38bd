/*
 * openapi.c - the OpenAPI 3.1 document, generated from the route table.
 *
 * It follows the GPT-action rules in FIELD-NOTES.md: one server, inline
 * parameters with scalar types, object schemas with "properties", no 3.1
 * nullable unions, operationIds from the table, x-openai-isConsequential on
 * the move operations, and an info.version that carries a hash of the rest
 * of the document so every change is visible to the builder.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/*
 * Media type keys in the document: the bare essence, which is what the GPT
 * importer and most OpenAPI tools look up.  The answers' Content-Type adds
 * "; charset=utf-8"; OpenAPI matches it to these keys.
 */
#define DOC_JSON	"application/json"
#define DOC_HTML	"text/html"

/* ---- servers[0].url ---- */

static bool
port_ok(const char *p, size_t len)
{
	unsigned long v = 0;
	size_t i;

	if (len == 0 || len > 5)
		return false;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)p[i]))
			return false;
		v = v * 10 + (unsigned long)(p[i] - '0');
	}
	return v >= 1 && v <= 65535;
}

/*
 * A Host we are willing to echo into the document: a DNS name or IPv4
 * address (letters, digits, '-', '.'), or a bracketed IPv6 literal, and an
 * optional :port.  Anything else (spaces, '@', '/', quotes) could steer a
 * GPT to another server, so it is never reflected.
 */
bool
host_is_plain(const char *host)
{
	size_t len, i, hostlen;
	const char *colon;

	if (host == NULL || (len = strlen(host)) == 0 || len > TTT_HOST_MAX)
		return false;
	if (host[0] == '[') {
		const char *close = strchr(host, ']');

		if (close == NULL || close == host + 1)
			return false;
		for (i = 1; host + i < close; i++)
			if (!isxdigit((unsigned char)host[i]) && host[i] != ':' &&
			    host[i] != '.')
				return false;
		if (close[1] == '\0')
			return true;
		return close[1] == ':' && port_ok(close + 2, strlen(close + 2));
	}
	colon = strchr(host, ':');
	hostlen = colon != NULL ? (size_t)(colon - host) : len;
	if (hostlen == 0 || host[0] == '-' || host[0] == '.')
		return false;
	for (i = 0; i < hostlen; i++)
		if (!isalnum((unsigned char)host[i]) && host[i] != '-' &&
		    host[i] != '.')
			return false;
	return colon == NULL || port_ok(colon + 1, strlen(colon + 1));
}

static bool
host_has_port(const char *host)
{
	const char *close = host[0] == '[' ? strchr(host, ']') : host;

	return close != NULL && strchr(close, ':') != NULL;
}

char *
openapi_server_url(const struct ttt_config *cfg, const struct ttt_request *req)
{
	const char *scheme = "http", *host = "localhost", *port = NULL;
	char *url = NULL;
	int n;

	if (cfg->public_url[0] != '\0')
		return strdup(cfg->public_url);
	bool forwarded = false;

	if (req->https != NULL && strcasecmp(req->https, "on") == 0) {
		scheme = "https";
	} else if (cfg->trust_forwarded_proto && req->forwarded_proto != NULL &&
	    strcasecmp(req->forwarded_proto, "https") == 0) {
		scheme = "https";
		forwarded = true;	/* SERVER_PORT is nginx's, not the client's */
	}
	if (host_is_plain(req->host))
		host = req->host;
	else if (host_is_plain(req->server_name) &&
	    strchr(req->server_name, ':') == NULL)
		host = req->server_name;
	/*
	 * Debian's fastcgi_params sends HTTP_HOST as $host, without the port
	 * (a security workaround), so a port the client used must come back
	 * from SERVER_PORT: nginx on 8443 means https://host:8443.  Behind a
	 * proxy (forwarded scheme) the client's port is unknown: the default.
	 */
	if (!forwarded && !host_has_port(host) && req->server_port != NULL &&
	    port_ok(req->server_port, strlen(req->server_port)) &&
	    strcmp(req->server_port, scheme[4] == 's' ? "443" : "80") != 0)
		port = req->server_port;
	url = malloc(strlen(scheme) + strlen(host) + 16);
	if (url == NULL)
		return NULL;
	n = sprintf(url, "%s://%s%s%s", scheme, host, port ? ":" : "",
	    port ? port : "");
	(void)n;
	return url;
}

/* ---- schemas ---- */

static json_t *
cell_schema(bool request)
{
	return request ?
	    json_pack("{s:s, s:[s,s,s,s], s:s}", "type", "string",
		"enum", "X", "O", " ", "",
		"description", "\"X\" (human), \"O\" (AI), or \" \" / \"\" for empty.") :
	    json_pack("{s:s, s:[s,s,s], s:s}", "type", "string",
		"enum", "X", "O", " ",
		"description", "\"X\" (human), \"O\" (AI), or \" \" for empty.");
}

static json_t *
board_schema(bool request)
{
	return json_pack("{s:s, s:i, s:i, s:s, s:{s:s, s:i, s:i, s:o}}",
	    "type", "array", "minItems", 3, "maxItems", 3,
	    "description", "Three rows, top to bottom, of three cells, left to right.",
	    "items", "type", "array", "minItems", 3, "maxItems", 3,
	    "items", cell_schema(request));
}

static json_t *
components(const struct ttt_config *cfg)
{
	json_t *c;

	c = json_pack("{s:{"
	    "s:o, s:o,"
	    "s:{s:s, s:{s:{s:s}}, s:[s], s:s},"
	    "s:{s:s, s:{s:{s:s, s:i, s:i, s:s}, s:{s:s, s:i, s:i, s:s},"
	    "   s:{s:s, s:i, s:i, s:s}}, s:[s,s,s], s:b},"
	    "s:{s:s, s:{s:{s:s}, s:{s:s, s:[s,s]}, s:{s:s, s:[s,s,s,s]},"
	    "   s:{s:s}}, s:[s,s,s], s:b, s:s},"
	    "s:{s:s, s:{s:{s:s, s:s}}, s:[s], s:b}"
	    "}}",
	    "schemas",
	    "Board", board_schema(true),
	    "BoardState", board_schema(false),
	    "MoveRequest", "type", "object",
		"properties", "board", "$ref", "#/components/schemas/Board",
		"required", "board",
		"description", "The board after the human's move. Other keys are ignored.",
	    "Move", "type", "object", "properties",
		"row", "type", "integer", "minimum", 0, "maximum", 2,
		    "description", "Row of the AI's move, 0 (top) to 2.",
		"col", "type", "integer", "minimum", 0, "maximum", 2,
		    "description", "Column of the AI's move, 0 (left) to 2.",
		"position", "type", "integer", "minimum", 1, "maximum", 9,
		    "description", "The same cell as 1 (top-left) to 9 (bottom-right).",
		"required", "row", "col", "position",
		"additionalProperties", 0,
	    "MoveResult", "type", "object", "properties",
		"board", "$ref", "#/components/schemas/BoardState",
		"status", "type", "string", "enum", "continue", "end",
		"winner", "type", "string", "enum", "X", "O", "Draw", "No winner",
		"move", "$ref", "#/components/schemas/Move",
		"required", "board", "status", "winner",
		"additionalProperties", 0,
		"description", "The board after the AI's move (or as sent, when "
		"the game was already over: then there is no \"move\").",
	    "Error", "type", "object", "properties",
		"error", "type", "string",
		"description", "What is wrong and how to fix it.",
		"required", "error",
		"additionalProperties", 0);
	if (c != NULL && cfg->api_key_len > 0)
		json_object_set_new(c, "securitySchemes", json_pack(
		    "{s:{s:s, s:s, s:s}}", "bearerAuth", "type", "http",
		    "scheme", "bearer",
		    "description", "The API key, sent as \"Authorization: Bearer <key>\"."));
	return c;
}

/* ---- examples: produced by the handler itself, so they are real ---- */

static const char *const example_board[TTT_CELLS] = {
	"X", "X", " ", "O", "O", " ", " ", " ", " "
};

static json_t *
example_answer(void)
{
	struct ttt_response r;
	ttt_board b;
	json_t *doc;
	size_t i;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < TTT_CELLS; i++)
		b.cell[i] = example_board[i][0] == 'X' ? TTT_X :
		    example_board[i][0] == 'O' ? TTT_O : TTT_EMPTY;
	move_respond(&b, &r);
	doc = r.body != NULL ? json_loadb(r.body, r.body_len, 0, NULL) : NULL;
	ttt_response_free(&r);
	return doc;
}

static json_t *
example_request(void)
{
	return json_pack("{s:[[s,s,s],[s,s,s],[s,s,s]]}", "board",
	    example_board[0], example_board[1], example_board[2],
	    example_board[3], example_board[4], example_board[5],
	    example_board[6], example_board[7], example_board[8]);
}

static json_t *
error_response(const char *description, const char *example)
{
	return json_pack("{s:s, s:{s:{s:{s:s}, s:{s:s}}}}",
	    "description", description,
	    "content", DOC_JSON, "schema", "$ref", "#/components/schemas/Error",
	    "example", "error", example);
}

static json_t *
json_content(json_t *schema)
{
	return json_pack("{s:{s:o}}", DOC_JSON, "schema", schema);
}

static json_t *
move_responses(const struct ttt_config *cfg)
{
	json_t *resp;

	resp = json_pack("{s:{s:s, s:{s:{s:{s:s}, s:o}}}, s:o, s:o, s:o}",
	    "200", "description", "The AI's move and the game status.",
	    "content", DOC_JSON,
	    "schema", "$ref", "#/components/schemas/MoveResult",
	    "example", example_answer(),
	    "400", error_response("The board is malformed: wrong shape or a cell "
		"that is not X, O or empty.", "Row 1 (board[1]) must have "
		"exactly 3 cells; it has 4."),
	    "422", error_response("The board cannot happen in a game, or it is "
		"X's turn.", "X has 3 marks and O has 0; players take turns, so "
		"the counts may differ by at most one."),
	    "default", error_response("Any other error, from the worker or the "
		"front end (404, 405, 411, 413, 414, 429, 5xx).",
		"The body is larger than the limit of 16384 bytes; a board needs "
		"fewer than 100."));
	if (resp != NULL && cfg->api_key_len > 0)
		json_object_set_new(resp, "401", error_response("The API key is "
		    "missing or wrong.", "A valid API key is required: send the "
		    "header \"Authorization: Bearer <key>\"."));
	return resp;
}

static json_t *
position_parameters(void)
{
	json_t *params = json_array();
	char name[24], desc[128];
	int i;

	for (i = 0; i < TTT_CELLS && params != NULL; i++) {
		snprintf(name, sizeof(name), "position_%d", i + 1);
		snprintf(desc, sizeof(desc), "Cell at row %d, column %d "
		    "(1 = top-left, 9 = bottom-right): X, O, or empty.",
		    i / 3, i % 3);
		json_array_append_new(params, json_pack(
		    "{s:s, s:s, s:b, s:s, s:{s:s, s:[s,s,s]}, s:s}",
		    "name", name, "in", "query", "required", 0,
		    "description", desc,
		    "schema", "type", "string", "enum", "X", "O", "",
		    "example", example_board[i][0] == ' ' ? "" : example_board[i]));
	}
	return params;
}

static json_t *
simple_get_responses(json_t *ok_schema, const char *ok_description)
{
	return json_pack("{s:{s:s, s:o}, s:o}",
	    "200", "description", ok_description, "content",
	    json_content(ok_schema),
	    "default", error_response("An error from the worker or the front "
		"end.", "There is no endpoint at \"/x\"; the API is described "
		"at /docs."));
}

static json_t *
operation_schema(void)
{
	return json_pack("{s:s, s:{s:{s:s}}}", "type", "object", "properties",
	    "operationId", "type", "string");
}

/* The parts of this document a client relies on (GPT rule: every object
 * schema declares its properties). */
static json_t *
document_schema(void)
{
	return json_pack("{s:s, s:{"
	    "s:{s:s},"
	    "s:{s:s, s:{s:{s:s}, s:{s:s}}, s:[s,s]},"
	    "s:{s:s, s:{s:s, s:{s:{s:s}}, s:[s]}},"
	    "s:{s:s, s:{s:{s:s, s:{s:o, s:o}}}}"
	    "}, s:[s,s,s,s]}",
	    "type", "object", "properties",
	    "openapi", "type", "string",
	    "info", "type", "object", "properties", "title", "type", "string",
		"version", "type", "string", "required", "title", "version",
	    "servers", "type", "array", "items", "type", "object",
		"properties", "url", "type", "string", "required", "url",
	    "paths", "type", "object", "properties", "/human_move",
		"type", "object", "properties", "get", operation_schema(),
		"post", operation_schema(),
	    "required", "openapi", "info", "servers", "paths");
}

static json_t *
operation(const struct ttt_config *cfg, const struct route *rt)
{
	char opid[80];
	json_t *op, *responses = NULL;

	if (rt->op_id != NULL)
		snprintf(opid, sizeof(opid), "%s", rt->op_id);
	else
		snprintf(opid, sizeof(opid), "%s%s", cfg->operation_id, rt->op_suffix);

	switch (rt->doc) {
	case DOC_MOVE_POST:
	case DOC_MOVE_GET:
		responses = move_responses(cfg);
		break;
	case DOC_OPENAPI:
		responses = simple_get_responses(document_schema(),
		    "This OpenAPI document.");
		break;
	case DOC_PRIVACY:
		responses = simple_get_responses(json_pack(
		    "{s:s, s:{s:{s:s}, s:{s:s}}, s:[s,s], s:b}",
		    "type", "object", "properties", "service", "type", "string",
		    "privacy", "type", "string", "required", "service", "privacy",
		    "additionalProperties", 0),
		    "The privacy statement.");
		if (responses != NULL)
			json_object_set_new(json_object_get(json_object_get(
			    responses, "200"), "content"), DOC_HTML,
			    json_pack("{s:{s:s}}", "schema", "type", "string"));
		break;
	case DOC_INDEX:
		responses = simple_get_responses(json_pack(
		    "{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s, s:{"
		    "s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}}, s:[s,s,s]}",
		    "type", "object", "properties",
		    "name", "type", "string", "description", "type", "string",
		    "title", "type", "string",
		    "endpoints", "type", "object", "properties",
		    "move", "type", "string", "docs", "type", "string",
		    "openapi", "type", "string", "privacy", "type", "string",
		    "health", "type", "string",
		    "required", "name", "title", "endpoints"),
		    "The service's name and endpoints.");
		break;
	case DOC_HEALTH:
		responses = simple_get_responses(json_pack(
		    "{s:s, s:{s:{s:s, s:[s]}}, s:[s], s:b}",
		    "type", "object", "properties", "status", "type", "string",
		    "enum", "ok", "required", "status", "additionalProperties", 0),
		    "The worker is serving.");
		break;
	}
	op = json_pack("{s:s, s:s, s:s, s:[s], s:o}",
	    "operationId", opid, "summary", rt->summary,
	    "description", rt->description,
	    "tags", (rt->doc == DOC_MOVE_POST || rt->doc == DOC_MOVE_GET) ?
	    "game" : "service",
	    "responses", responses);
	if (op == NULL)
		return NULL;
	json_object_set_new(op, "x-openai-isConsequential",
	    json_boolean((rt->doc == DOC_MOVE_POST || rt->doc == DOC_MOVE_GET) &&
	    cfg->consequential));
	if (rt->doc == DOC_MOVE_POST)
		json_object_set_new(op, "requestBody", json_pack(
		    "{s:b, s:{s:{s:{s:s}, s:o}}}", "required", 1,
		    "content", DOC_JSON,
		    "schema", "$ref", "#/components/schemas/MoveRequest",
		    "example", example_request()));
	if (rt->doc == DOC_MOVE_GET)
		json_object_set_new(op, "parameters", position_parameters());
	/* Explicit on every operation: the key's scheme on the moves when
	 * configured, "none" (an empty list) everywhere else. */
	json_object_set_new(op, "security", rt->needs_auth && cfg->api_key_len > 0 ?
	    json_pack("[{s:[]}]", "bearerAuth") : json_array());
	return op;
}

/* FNV-1a 64: a stable fingerprint of the document, not a security hash. */
static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

json_t *
openapi_document(const struct ttt_config *cfg, const char *server_url)
{
	json_t *doc, *paths, *item;
	char version[96], *text;
	size_t i;

	paths = json_object();
	for (i = 0; i < ttt_nroutes && paths != NULL; i++) {
		const struct route *rt = &ttt_routes[i];
		char method[8];
		size_t k;

		if ((item = json_object_get(paths, rt->path)) == NULL) {
			item = json_object();
			json_object_set_new(paths, rt->path, item);
		}
		for (k = 0; k < sizeof(method) - 1 && rt->method[k] != '\0'; k++)
			method[k] = (char)tolower((unsigned char)rt->method[k]);
		method[k] = '\0';
		json_object_set_new(item, method, operation(cfg, rt));
	}
	doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:[{s:s, s:s}, {s:s, s:s}],"
	    " s:o, s:o}",
	    "openapi", "3.1.0",
	    "info", "title", cfg->title, "version", cfg->api_version,
	    "description", "Play tic-tac-toe against a perfect AI. The human is "
	    "X, the AI is O: after each human move, send the board to "
	    "/human_move and show the AI's reply.",
	    "servers", "url", server_url,
	    "tags", "name", "game", "description", "Playing moves.",
	    "name", "service", "description", "Documents, policy and health.",
	    "paths", paths,
	    "components", components(cfg));
	if (doc == NULL)
		return NULL;
	/* info.version = configured version + hash of everything else. */
	if ((text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS)) == NULL) {
		json_decref(doc);
		return NULL;
	}
	snprintf(version, sizeof(version), "%s+%08llx", cfg->api_version,
	    (unsigned long long)(fnv1a(text) >> 32));
	free(text);
	json_object_set_new(json_object_get(doc, "info"), "version",
	    json_string(version));
	return doc;
}
