/*
 * openapi.c - the OpenAPI 3.1 document, generated from the route table.
 *
 * Everything comes from the route table (route.c) and the schemas
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

#include "auth.h"
#include "body.h"
#include "handler_internal.h"
#include "ops/ops.h"

/*
 * Media type keys in the document: the bare essence, which is what the GPT
 * importer and most OpenAPI tools look up.  The answers' Content-Type adds
 * "; charset=utf-8"; OpenAPI matches it to this key.
 */
#define DOC_JSON	"application/json"

/* ---- pieces of an operation ---- */

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

/*
 * Examples of one media type or parameter: "example" for one value,
 * "examples" {name: {"value": ...}} for several.  values maps names to
 * values (borrowed).
 */
static int
put_examples(json_t *holder, json_t *values)
{
	json_t *named, *v;
	const char *name;
	int rc = 0;

	if (json_object_size(values) == 0)
		return 0;
	if (json_object_size(values) == 1) {
		json_object_foreach(values, name, v)
			rc |= put(holder, "example", json_incref(v));
		return rc;
	}
	named = json_object();
	json_object_foreach(values, name, v)
		rc |= put(named, name, json_pack("{s:O}", "value", v));
	return rc | put(holder, "examples", named);
}

/* {"description": text, "content": {"application/json": {"schema": schema}}}
 * with the answers in `examples` (name -> value, borrowed, may be NULL). */
static json_t *
response(const char *text, json_t *schema, json_t *examples)
{
	json_t *r;

	if (schema == NULL)
		return NULL;
	r = json_pack("{s:s, s:{s:{s:o}}}", "description", text,
	    "content", DOC_JSON, "schema", schema);
	if (r != NULL && put_examples(json_object_get(json_object_get(r,
	    "content"), DOC_JSON), examples) != 0) {
		json_decref(r);
		return NULL;
	}
	return r;
}

/* ---- examples: every one is a real answer of the handler ---- */

/* The examples in route.c write ' for " so they read as JSON on a page. */
static char *
unquote(const char *text)
{
	char *s = strdup(text), *p;

	for (p = s; p != NULL && *p != '\0'; p++)
		if (*p == '\'')
			*p = '"';
	return s;
}

/*
 * Answer one example request of rt (a JSON body for POST, a query string
 * for GET) through the route's own handler, or through the whole
 * dispatcher when `dispatch` (to show its 401 and 405 answers).  Returns
 * the parsed answer and its status, or NULL.
 */
static json_t *
answer(const struct config *cfg, const struct route *rt,
    const char *method, const char *text, bool dispatch, int *status)
{
	struct handler_request req;
	struct handler_response r;
	char clen[24], *request;
	json_t *doc = NULL;
	bool quiet;

	if ((request = unquote(text)) == NULL)
		return NULL;
	memset(&req, 0, sizeof(req));
	memset(&r, 0, sizeof(r));
	req.method = method;
	req.path = rt->path;
	req.host = "localhost";
	if (strcmp(rt->method, "POST") == 0) {
		snprintf(clen, sizeof(clen), "%zu", strlen(request));
		req.content_length = clen;
		/* As the reader (cycle.c) would: Content-Length, then the body. */
		body_expect(&req, cfg->body_limit);
		body_received(&req, (const unsigned char *)request,
		    strlen(request));
	} else {
		req.query = request;
	}
	quiet = ops_quiet(true);	/* an example is not a game played */
	if (dispatch)
		handler_handle(cfg, &req, &r);
	else
		rt->fn(cfg, &req, &r);
	ops_quiet(quiet);
	*status = r.status;
	if (r.body != NULL)
		doc = json_loadb(r.body, r.body_len, 0, NULL);
	handler_response_free(&r);
	free(request);
	return doc;
}

/* The answers to rt's examples, by status: {"200": {name: answer}, ...}. */
static json_t *
answers_by_status(const struct config *cfg, const struct route *rt)
{
	const struct route_example *ex;
	json_t *all = json_object(), *doc;
	char key[8];
	int status, rc = 0;

	for (ex = rt->doc->examples; ex != NULL && ex->name != NULL; ex++) {
		doc = answer(cfg, rt, rt->method, ex->request, false, &status);
		snprintf(key, sizeof(key), "%d", status);
		if (json_object_get(all, key) == NULL)
			rc |= put(all, key, json_object());
		rc |= put(json_object_get(all, key), ex->name, doc);
	}
	if (rc != 0) {
		json_decref(all);
		return NULL;
	}
	return all;
}

/* The request examples a reader sees, by name ("shown" ones only). */
static json_t *
request_examples(const struct route *rt)
{
	const struct route_example *ex;
	json_t *all = json_object();
	char *text;
	int rc = 0;

	for (ex = rt->doc->examples; ex != NULL && ex->name != NULL; ex++) {
		if (!ex->shown)
			continue;
		text = unquote(ex->request);
		rc |= put(all, ex->name, text != NULL ? json_loads(text, 0,
		    NULL) : NULL);
		free(text);
	}
	if (rc != 0) {
		json_decref(all);
		return NULL;
	}
	return all;
}

/* v is the string s (false for NULL or another type). */
static bool
str_is(const json_t *v, const char *s)
{
	return json_is_string(v) && strcmp(json_string_value(v), s) == 0;
}

/* GET: the first shown example's query, one "example" per parameter. */
static int
put_param_examples(json_t *params, const struct route *rt)
{
	const struct route_example *ex;
	struct query q;
	char err[128], *text;
	json_t *p;
	size_t i, k;
	int rc = 0;

	for (ex = rt->doc->examples; ex != NULL && ex->name != NULL; ex++)
		if (ex->shown)
			break;
	if (ex == NULL || ex->name == NULL)
		return 0;
	if ((text = unquote(ex->request)) == NULL)
		return -1;
	if (query_parse(text, &q, err, sizeof(err)) != HANDLER_OK)
		rc = -1;
	for (k = 0; k < q.count; k++)
		json_array_foreach(params, i, p) {
			if (!str_is(json_object_get(p, "name"), q.params[k].name))
				continue;
			/* An example has the parameter's own type. */
			if (str_is(json_object_get(json_object_get(p, "schema"),
			    "type"), "integer"))
				rc |= put(p, "example", json_integer(strtoll(
				    q.params[k].value, NULL, 10)));
			else
				rc |= put(p, "example", json_string(
				    q.params[k].value));
		}
	query_free(&q);
	free(text);
	return rc;
}

/* An error response whose example is what the dispatcher answers to
 * `method` on rt without credentials. */
static json_t *
dispatcher_error(const struct config *cfg, const struct route *rt,
    const char *text, const char *method)
{
	json_t *ex = json_object(), *r;
	int status;

	if (put(ex, method, answer(cfg, rt, method, "", true, &status)) != 0) {
		json_decref(ex);
		return NULL;
	}
	r = response(text, schema_ref("Error"), ex);
	json_decref(ex);
	return r;
}

static json_t *
responses(const struct config *cfg, const struct route *rt)
{
	const struct route_doc *d = rt->doc;
	json_t *resp = json_object(), *by = answers_by_status(cfg, rt);
	int rc = by == NULL ? -1 : 0;

	rc |= put(resp, "200", response(d->ok_text, d->ok(),
	    json_object_get(by, "200")));
	if (d->bad_text != NULL)
		rc |= put(resp, "400", response(d->bad_text, schema_ref("Error"),
		    json_object_get(by, "400")));
	if (d->unprocessable_text != NULL)
		rc |= put(resp, "422", response(d->unprocessable_text,
		    schema_ref("Error"), json_object_get(by, "422")));
	if (rt->needs_auth && cfg->api_key_len > 0)
		rc |= put(resp, "401", dispatcher_error(cfg, rt, "The API key "
		    "is missing or wrong.", rt->method));
	rc |= put(resp, "default", dispatcher_error(cfg, rt, "Any other "
	    "error, from the worker or the front end (404, 405, 411, 413, "
	    "414, 429, 5xx).", "PUT"));
	json_decref(by);
	if (rc != 0) {
		json_decref(resp);
		return NULL;
	}
	return resp;
}

static json_t *
operation(const struct config *cfg, const struct route *rt)
{
	const struct route_doc *d = rt->doc;
	char opid[ROUTE_OPID_MAX];
	json_t *op, *params, *body, *shown;
	int rc = 0;

	op = json_pack("{s:s, s:s, s:s, s:[s], s:b}",
	    "operationId", route_operation_id(cfg, rt, opid, sizeof(opid)),
	    "summary", rt->summary,
	    "description", rt->description,
	    "tags", rt->tag,
	    "x-openai-isConsequential", rt->consequential && cfg->consequential);
	rc |= put(op, "responses", responses(cfg, rt));
	if (d->body != NULL) {
		body = json_pack("{s:b, s:{s:{s:o}}}", "required", 1,
		    "content", DOC_JSON, "schema", d->body());
		shown = request_examples(rt);
		rc |= shown == NULL ? -1 : put_examples(json_object_get(
		    json_object_get(body, "content"), DOC_JSON), shown);
		json_decref(shown);
		rc |= put(op, "requestBody", body);
	}
	if (d->params != NULL) {
		params = d->params();
		rc |= params == NULL ? -1 : put_param_examples(params, rt);
		rc |= put(op, "parameters", params);
	}
	/* Explicit on every operation: the key's scheme where it applies
	 * when one is configured, "none" (an empty list) everywhere else. */
	rc |= put(op, "security", rt->needs_auth && cfg->api_key_len > 0 ?
	    json_pack("[{s:[]}]", auth_scheme_name(cfg)) : json_array());
	if (rc != 0) {
		json_decref(op);
		return NULL;
	}
	return op;
}

static json_t *
components(const struct config *cfg)
{
	json_t *schemas = json_object(), *c = json_object();
	size_t i;
	int rc = 0;

	for (i = 0; i < schema_ncomponents; i++)
		rc |= put(schemas, schema_components[i].name,
		    schema_components[i].build());
	rc |= put(c, "schemas", schemas);
	/* The scheme the worker checks (auth.c), under its own name. */
	if (cfg->api_key_len > 0)
		rc |= put(c, "securitySchemes", json_pack("{s:o}",
		    auth_scheme_name(cfg), auth_security_scheme(cfg)));
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
	{ "game",	"Playing moves and asking for hints." },
};

static json_t *
tag_list(void)
{
	json_t *list = json_array();
	size_t t, i;
	int rc = 0;

	for (t = 0; t < sizeof(tags) / sizeof(tags[0]); t++)
		for (i = 0; i < route_count; i++)
			if (route_table[i].documented &&
			    strcmp(route_table[i].tag, tags[t].name) == 0) {
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
paths(const struct config *cfg)
{
	json_t *all = json_object(), *item;
	char method[8];
	size_t i, k;
	int rc = 0;

	for (i = 0; i < route_count && all != NULL; i++) {
		const struct route *rt = &route_table[i];

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
openapi_document(const struct config *cfg, const char *server_url)
{
	json_t *doc;
	char version[96], *text;
	int rc = 0;

	doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}]}",
	    "openapi", "3.1.0",
	    "info", "title", cfg->title, "version", cfg->api_version,
	    "description", "Play tic-tac-toe against an AI. After each of the "
	    "human's moves, send the board to /human_move and show the "
	    "AI's reply; /hint rates the human's possible moves. The human "
	    "is X and the AI O unless \"ai\" says otherwise.",
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
