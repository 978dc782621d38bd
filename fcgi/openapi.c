/*
 * openapi.c - the OpenAPI 3.1 document, generated from the route table.
 *
 * Everything comes from the route table (routes.c) and the schemas
 * (schema.c).  It follows what OpenAI's GPT-action importer expects: one
 * server, inline scalar query parameters, object schemas with
 * "properties", no 3.1 nullable unions, unique operationIds, explicit
 * x-openai-isConsequential, and an info.version that carries a hash of
 * the rest of the document so every change is visible to the builder.
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

/* ---- pieces of an operation ---- */

/* {"description": text, "content": {"application/json": {"schema": schema}}} */
static json_t *
response(const char *text, json_t *schema)
{
	if (schema == NULL)
		return NULL;
	return json_pack("{s:s, s:{s:{s:o}}}", "description", text,
	    "content", DOC_JSON, "schema", schema);
}

/* An error response: the Error schema and one real sentence as example. */
static json_t *
error_response(const char *text, const char *example)
{
	return json_pack("{s:s, s:{s:{s:o, s:{s:s}}}}", "description", text,
	    "content", DOC_JSON, "schema", schema_ref("Error"),
	    "example", "error", example);
}

/* Set key on obj, stealing value; a NULL value is an allocation failure. */
static int
put(json_t *obj, const char *key, json_t *value)
{
	if (obj == NULL || value == NULL) {
		json_decref(value);
		return -1;
	}
	return json_object_set_new(obj, key, value);
}

/* ---- examples: produced by the handler itself, so they are real ---- */

static json_t *
example_answer(const struct route_doc *d)
{
	struct ttt_response r;
	json_t *req, *rows, *doc;
	ttt_board b;
	size_t i;
	const char *c;

	if ((req = d->request_example()) == NULL)
		return NULL;
	rows = json_object_get(req, "board");
	for (i = 0; i < TTT_CELLS; i++) {
		c = json_string_value(json_array_get(json_array_get(rows, i / 3),
		    i % 3));
		b.cell[i] = c == NULL ? TTT_EMPTY : c[0] == 'X' ? TTT_X :
		    c[0] == 'O' ? TTT_O : TTT_EMPTY;
	}
	json_decref(req);
	memset(&r, 0, sizeof(r));
	move_respond(&b, &r);
	doc = r.body != NULL ? json_loadb(r.body, r.body_len, 0, NULL) : NULL;
	ttt_response_free(&r);
	return doc;
}

/* The GET form of the request example: one example per position_N. */
static int
add_param_examples(json_t *params, const struct route_doc *d)
{
	json_t *req, *rows, *p;
	const char *c, *name;
	size_t i;
	int rc = 0;

	if ((req = d->request_example()) == NULL)
		return -1;
	rows = json_object_get(req, "board");
	json_array_foreach(params, i, p) {
		name = json_string_value(json_object_get(p, "name"));
		if (name == NULL || strncmp(name, "position_", 9) != 0 ||
		    name[9] < '1' || name[9] > '9')
			continue;
		c = json_string_value(json_array_get(json_array_get(rows,
		    (size_t)(name[9] - '1') / 3), (size_t)(name[9] - '1') % 3));
		rc |= put(p, "example", json_string(c == NULL ||
		    strcmp(c, " ") == 0 ? "" : c));
	}
	json_decref(req);
	return rc;
}

static json_t *
responses(const struct ttt_config *cfg, const struct route *rt)
{
	const struct route_doc *d = rt->doc;
	json_t *resp = json_object(), *ok;
	int rc = 0;

	ok = response(d->ok_text, d->ok());
	if (ok != NULL && d->request_example != NULL)
		rc |= put(json_object_get(json_object_get(ok, "content"),
		    DOC_JSON), "example", example_answer(d));
	if (ok != NULL && d->ok_html)
		rc |= put(json_object_get(ok, "content"), DOC_HTML,
		    json_pack("{s:{s:s}}", "schema", "type", "string"));
	rc |= put(resp, "200", ok);
	if (d->bad_text != NULL)
		rc |= put(resp, "400", error_response(d->bad_text,
		    d->bad_example));
	if (d->unprocessable_text != NULL)
		rc |= put(resp, "422", error_response(d->unprocessable_text,
		    d->unprocessable_example));
	if (rt->needs_auth && cfg->api_key_len > 0)
		rc |= put(resp, "401", error_response("The API key is missing "
		    "or wrong.", "A valid API key is required: send the header "
		    "\"Authorization: Bearer <key>\"."));
	if (d->bad_text != NULL)
		rc |= put(resp, "default", error_response("Any other error, "
		    "from the worker or the front end (404, 405, 411, 413, 414, "
		    "429, 5xx).", "The body is larger than the limit of 16384 "
		    "bytes; a board needs fewer than 100."));
	else
		rc |= put(resp, "default", error_response("An error from the "
		    "worker or the front end.", "There is no endpoint at "
		    "\"/x\"; the API is described at /docs."));
	if (rc != 0) {
		json_decref(resp);
		return NULL;
	}
	return resp;
}

static json_t *
operation(const struct ttt_config *cfg, const struct route *rt)
{
	const struct route_doc *d = rt->doc;
	char opid[ROUTE_OPID_MAX];
	json_t *op, *params;
	int rc = 0;

	op = json_pack("{s:s, s:s, s:s, s:[s], s:b}",
	    "operationId", route_operation_id(cfg, rt, opid, sizeof(opid)),
	    "summary", rt->summary,
	    "description", rt->description,
	    "tags", rt->tag,
	    "x-openai-isConsequential", rt->consequential && cfg->consequential);
	rc |= put(op, "responses", responses(cfg, rt));
	if (d->body != NULL)
		rc |= put(op, "requestBody", json_pack("{s:b, s:{s:{s:o, s:o*}}}",
		    "required", 1, "content", DOC_JSON, "schema", d->body(),
		    "example", d->request_example != NULL ?
		    d->request_example() : NULL));
	if (d->params != NULL) {
		params = d->params();
		if (params != NULL && d->request_example != NULL)
			rc |= add_param_examples(params, d);
		rc |= put(op, "parameters", params);
	}
	/* Explicit on every operation: the key's scheme where it applies
	 * when one is configured, "none" (an empty list) everywhere else. */
	rc |= put(op, "security", rt->needs_auth && cfg->api_key_len > 0 ?
	    json_pack("[{s:[]}]", "bearerAuth") : json_array());
	if (rc != 0) {
		json_decref(op);
		return NULL;
	}
	return op;
}

static json_t *
components(const struct ttt_config *cfg)
{
	json_t *schemas = json_object(), *c = json_object();
	size_t i;
	int rc = 0;

	for (i = 0; i < schema_ncomponents; i++)
		rc |= put(schemas, schema_components[i].name,
		    schema_components[i].build());
	rc |= put(c, "schemas", schemas);
	if (cfg->api_key_len > 0)
		rc |= put(c, "securitySchemes", json_pack("{s:{s:s, s:s, s:s}}",
		    "bearerAuth", "type", "http", "scheme", "bearer",
		    "description", "The API key, sent as \"Authorization: "
		    "Bearer <key>\"."));
	if (rc != 0) {
		json_decref(c);
		return NULL;
	}
	return c;
}

/* The tags used by documented routes, each with its description. */
static const struct {
	const char *name, *description;
} tags[] = {
	{ "game",	"Playing moves." },
	{ "service",	"Documents, policy and health." },
};

static json_t *
tag_list(void)
{
	json_t *list = json_array();
	size_t t, i;
	int rc = 0;

	for (t = 0; t < sizeof(tags) / sizeof(tags[0]); t++)
		for (i = 0; i < ttt_nroutes; i++)
			if (ttt_routes[i].documented &&
			    strcmp(ttt_routes[i].tag, tags[t].name) == 0) {
				rc |= list == NULL ? -1 : json_array_append_new(
				    list, json_pack("{s:s, s:s}", "name",
				    tags[t].name, "description",
				    tags[t].description));
				break;
			}
	if (rc != 0) {
		json_decref(list);
		return NULL;
	}
	return list;
}

static json_t *
paths(const struct ttt_config *cfg)
{
	json_t *all = json_object(), *item;
	char method[8];
	size_t i, k;
	int rc = 0;

	for (i = 0; i < ttt_nroutes && all != NULL; i++) {
		const struct route *rt = &ttt_routes[i];

		if (!rt->documented)
			continue;
		if ((item = json_object_get(all, rt->path)) == NULL) {
			rc |= put(all, rt->path, json_object());
			item = json_object_get(all, rt->path);
		}
		for (k = 0; k < sizeof(method) - 1 && rt->method[k] != '\0'; k++)
			method[k] = (char)tolower((unsigned char)rt->method[k]);
		method[k] = '\0';
		rc |= put(item, method, operation(cfg, rt));
	}
	if (rc != 0) {
		json_decref(all);
		return NULL;
	}
	return all;
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
	json_t *doc;
	char version[96], *text;
	int rc = 0;

	doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}]}",
	    "openapi", "3.1.0",
	    "info", "title", cfg->title, "version", cfg->api_version,
	    "description", "Play tic-tac-toe against a perfect AI. The human is "
	    "X, the AI is O: after each human move, send the board to "
	    "/human_move and show the AI's reply.",
	    "servers", "url", server_url);
	rc |= put(doc, "tags", tag_list());
	rc |= put(doc, "paths", paths(cfg));
	rc |= put(doc, "components", components(cfg));
	if (rc != 0) {
		json_decref(doc);
		return NULL;
	}
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

void
openapi_serve(const struct ttt_config *cfg, const struct ttt_request *req,
    struct ttt_response *r)
{
	char *url;

	if ((url = openapi_server_url(cfg, req)) == NULL) {
		resp_oom(r);
		return;
	}
	if (resp_json(r, 200, openapi_document(cfg, url)) != 0)
		resp_oom(r);
	free(url);
}
