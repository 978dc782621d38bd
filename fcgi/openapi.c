/*
 * openapi.c - the OpenAPI 3.1 document, generated from the route table.
 *
 * Everything comes from the route table (route.c, whose documented
 * routes are the game operations of operation.c) and the schemas
 * (schema.c); the answers shown as examples are computed by calling each
 * route in-process (route_call).  The builders follow the ownership rule
 * of jsonutil.h: each steals what it is given and returns a new
 * reference or NULL.  It follows what OpenAI's GPT-action importer expects: one
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
#include "dispatch.h"
#include "handler_internal.h"
#include "jsonutil.h"
#include "operation.h"
#include "ops/ops.h"
#include "schema.h"

/*
 * Media type keys in the document: the bare essence, which is what the GPT
 * importer and most OpenAPI tools look up.  The answers' Content-Type adds
 * "; charset=utf-8"; OpenAPI matches it to this key.
 */
#define DOC_JSON	"application/json"

/* ---- pieces of an operation ---- */

/* A builder that failed below: release what it holds, carry NULL up. */
static json_t *
failed(json_t *partial)
{
	json_decref(partial);
	return NULL;
}

/*
 * holder with the examples of one media type or parameter: "example" for
 * one value, "examples" {name: {"value": ...}} for several, nothing for
 * none.  values maps names to values.  Steals both (jsonutil.h).
 */
static json_t *
with_examples(json_t *holder, json_t *values)
{
	json_t *named, *v;
	const char *name;

	if (values == NULL || json_object_size(values) == 0) {
		if (values == NULL)
			return failed(holder);
		json_decref(values);
		return holder;
	}
	if (json_object_size(values) == 1) {
		json_object_foreach(values, name, v)
			holder = jsonutil_set(holder, "example", json_incref(v));
		json_decref(values);
		return holder;
	}
	named = json_object();
	json_object_foreach(values, name, v)
		named = jsonutil_set(named, name, jsonutil_set(json_object(),
		    "value", json_incref(v)));
	json_decref(values);
	return jsonutil_set(holder, "examples", named);
}

/* {"description": text, "content": {"application/json": {"schema":
 * schema, examples}}}.  Steals schema and examples. */
static json_t *
response(const char *text, json_t *schema, json_t *examples)
{
	json_t *media = with_examples(jsonutil_set(json_object(), "schema",
	    schema), examples);

	return jsonutil_set(jsonutil_set(json_object(), "description",
	    json_string(text)), "content", jsonutil_set(json_object(),
	    DOC_JSON, media));
}

/* ---- examples: every one is a real answer of the handler ---- */

/* rt's examples: the POST form's bodies or the GET form's queries. */
static const struct operation_example *
examples_of(const struct route *rt)
{
	return strcmp(rt->method, "POST") == 0 ? rt->op->body_examples :
	    rt->op->query_examples;
}

/* What rt answers to ex, called in-process like any other caller (the
 * parsed body, or NULL), and its status. */
static json_t *
example_answer(const struct config *cfg, const struct route *rt,
    const struct operation_example *ex, int *status)
{
	struct handler_response r;
	char text[512];
	json_t *doc = NULL;
	bool quiet;

	*status = 0;
	if (operation_example_text(ex, text, sizeof(text)) == NULL)
		return NULL;
	quiet = ops_quiet(true);	/* an example is not a game played */
	route_call(cfg, rt, text, strlen(text), &r);
	ops_quiet(quiet);
	*status = r.status;
	if (r.body != NULL)
		doc = json_loadb(r.body, r.body_len, 0, NULL);
	handler_response_free(&r);
	return doc;
}

/* The answers to rt's examples, by status: {"200": {name: answer}, ...}. */
static json_t *
answers_by_status(const struct config *cfg, const struct route *rt)
{
	const struct operation_example *ex;
	json_t *all = json_object(), *group, *doc;
	char key[16];
	int status;

	for (ex = examples_of(rt); ex->name != NULL; ex++) {
		doc = example_answer(cfg, rt, ex, &status);
		/* No example is answered 500 but for want of memory: then
		 * the document fails as a whole rather than show (and cache)
		 * that answer. */
		if (status == 500)
			doc = failed(doc);
		snprintf(key, sizeof(key), "%d", status);
		group = json_object_get(all, key);
		group = group != NULL ? json_incref(group) : json_object();
		all = jsonutil_set(all, key, jsonutil_set(group, ex->name, doc));
	}
	return all;
}

/* The answers of one status (a new reference; empty when there are none). */
static json_t *
answers_of(const json_t *by, const char *status)
{
	json_t *group = json_object_get(by, status);

	if (by == NULL)
		return NULL;
	return group != NULL ? json_incref(group) : json_object();
}

/* The request examples a reader sees, by name ("shown" ones only). */
static json_t *
request_examples(const struct route *rt)
{
	const struct operation_example *ex;
	json_t *all = json_object();

	for (ex = examples_of(rt); ex->name != NULL; ex++)
		if (ex->shown)
			all = jsonutil_set(all, ex->name,
			    operation_example_json(ex));
	return all;
}

/* The parameter called name in params (borrowed), or NULL. */
static json_t *
param_named(const json_t *params, const char *name)
{
	json_t *p, *n;
	size_t i;

	json_array_foreach(params, i, p)
		if ((n = json_object_get(p, "name")) != NULL &&
		    strcmp(json_string_value(n), name) == 0)
			return p;
	return NULL;
}

/* value as an example of parameter p, in p's own type. */
static json_t *
param_value(const json_t *p, const char *value)
{
	const char *type = json_string_value(json_object_get(
	    json_object_get(p, "schema"), "type"));

	if (type != NULL && strcmp(type, "integer") == 0)
		return json_integer(strtoll(value, NULL, 10));
	return json_string(value);
}

/* GET: the first shown example's query, one "example" per parameter.
 * Steals params. */
static json_t *
with_param_examples(json_t *params, const struct route *rt)
{
	const struct operation_example *ex = examples_of(rt);
	struct query q = { NULL, 0 };
	char err[128], text[512];
	json_t *p;
	size_t k;

	while (ex->name != NULL && !ex->shown)
		ex++;
	if (ex->name == NULL)
		return params;
	if (operation_example_text(ex, text, sizeof(text)) == NULL ||
	    query_parse(text, &q, err, sizeof(err)) != HANDLER_OK)
		params = failed(params);
	for (k = 0; k < q.count && params != NULL; k++) {
		if ((p = param_named(params, q.params[k].name)) == NULL)
			continue;
		/* p is borrowed from params: set it through a reference of
		 * our own, so that a failure releases only that one. */
		if (jsonutil_set(json_incref(p), "example", param_value(p,
		    q.params[k].value)) == NULL)
			params = failed(params);
		else
			json_decref(p);
	}
	query_free(&q);
	return params;
}

/* ---- an operation ---- */

/* An error response whose example is what the dispatcher answers to
 * `method` on rt without credentials. */
static json_t *
dispatcher_error(const struct config *cfg, const struct route *rt,
    const char *text, const char *method)
{
	struct handler_request req;
	struct handler_response r;
	json_t *doc = NULL;

	memset(&req, 0, sizeof(req));
	req.method = method;
	req.path = rt->path;
	req.host = "localhost";
	dispatch_request(cfg, &req, &r);
	if (r.body != NULL)
		doc = json_loadb(r.body, r.body_len, 0, NULL);
	handler_response_free(&r);
	return response(text, schema_ref("Error"), jsonutil_set(json_object(),
	    method, doc));
}

static json_t *
responses(const struct config *cfg, const struct route *rt)
{
	const struct operation *op = rt->op;
	json_t *by = answers_by_status(cfg, rt), *resp;

	resp = jsonutil_set(json_object(), "200", response(op->ok_text,
	    schema_ref(op->answer_component), answers_of(by, "200")));
	resp = jsonutil_set(resp, "400", response(op->bad_text,
	    schema_ref("Error"), answers_of(by, "400")));
	resp = jsonutil_set(resp, "422", response(op->unprocessable_text,
	    schema_ref("Error"), answers_of(by, "422")));
	if (rt->needs_auth && cfg->api_key_len > 0)
		resp = jsonutil_set(resp, "401", dispatcher_error(cfg, rt,
		    "The API key is missing or wrong.", rt->method));
	resp = jsonutil_set(resp, "default", dispatcher_error(cfg, rt, "Any "
	    "other error, from the worker or the front end (404, 405, 411, "
	    "413, 414, 429, 5xx).", "PUT"));
	json_decref(by);
	return resp;
}

/* A POST route's requestBody: the operation's request schema. */
static json_t *
request_body(const struct route *rt)
{
	json_t *media = with_examples(jsonutil_set(json_object(), "schema",
	    schema_ref(rt->op->request_component)), request_examples(rt));

	return jsonutil_set(jsonutil_set(json_object(), "required",
	    json_true()), "content", jsonutil_set(json_object(), DOC_JSON,
	    media));
}

static json_t *
operation(const struct config *cfg, const struct route *rt)
{
	char opid[ROUTE_OPID_MAX];
	json_t *op;

	op = json_pack("{s:s, s:s, s:s, s:[s], s:b}",
	    "operationId", route_operation_id(cfg, rt, opid, sizeof(opid)),
	    "summary", rt->summary,
	    "description", rt->description,
	    "tags", rt->tag,
	    "x-openai-isConsequential", rt->consequential && cfg->consequential);
	op = jsonutil_set(op, "responses", responses(cfg, rt));
	if (strcmp(rt->method, "POST") == 0)
		op = jsonutil_set(op, "requestBody", request_body(rt));
	else
		op = jsonutil_set(op, "parameters", with_param_examples(
		    schema_query_params(rt->op), rt));
	/* Explicit on every operation: the key's scheme where it applies
	 * when one is configured, "none" (an empty list) everywhere else. */
	return jsonutil_set(op, "security", rt->needs_auth &&
	    cfg->api_key_len > 0 ? json_pack("[{s:[]}]",
	    auth_scheme_name(cfg)) : json_array());
}

static json_t *
components(const struct config *cfg)
{
	json_t *c = jsonutil_set(json_object(), "schemas",
	    schema_components());

	/* The scheme the worker checks (auth.c), under its own name. */
	if (cfg->api_key_len > 0)
		c = jsonutil_set(c, "securitySchemes", jsonutil_set(
		    json_object(), auth_scheme_name(cfg),
		    auth_security_scheme(cfg)));
	return c;
}

/* The tags used by documented routes, each with its description. */
static const struct {
	const char *name, *description;
} tags[] = {
	{ "game",	"Playing moves and asking for hints." },
};

/* Is the tag on a documented route? */
static bool
tag_used(const char *tag)
{
	const struct route *all, *rt;
	size_t n;

	all = route_list(&n);
	for (rt = all; rt < all + n; rt++)
		if (rt->documented && strcmp(rt->tag, tag) == 0)
			return true;
	return false;
}

static json_t *
tag_list(void)
{
	json_t *list = json_array();
	size_t t;

	for (t = 0; t < sizeof(tags) / sizeof(tags[0]); t++)
		if (tag_used(tags[t].name))
			list = jsonutil_append(list, json_pack("{s:s, s:s}",
			    "name", tags[t].name, "description",
			    tags[t].description));
	return list;
}

/* {"/human_move": {"post": ..., "get": ...}, ...}: the documented routes. */
static json_t *
paths(const struct config *cfg)
{
	const struct route *all, *rt;
	json_t *doc = json_object(), *item;
	char method[8];
	size_t n, k;

	all = route_list(&n);
	for (rt = all; rt < all + n; rt++) {
		if (!rt->documented)
			continue;
		for (k = 0; k < sizeof(method) - 1 && rt->method[k] != '\0'; k++)
			method[k] = (char)tolower((unsigned char)rt->method[k]);
		method[k] = '\0';
		item = json_object_get(doc, rt->path);
		item = item != NULL ? json_incref(item) : json_object();
		doc = jsonutil_set(doc, rt->path, jsonutil_set(item, method,
		    operation(cfg, rt)));
	}
	return doc;
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

	doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}]}",
	    "openapi", "3.1.0",
	    "info", "title", cfg->title, "version", cfg->api_version,
	    "description", "Play tic-tac-toe against an AI. After each of the "
	    "human's moves, send the board to /human_move and show the "
	    "AI's reply; /hint rates the human's possible moves. The human "
	    "is X and the AI O unless \"ai\" says otherwise.",
	    "servers", "url", server_url);
	doc = jsonutil_set(doc, "tags", tag_list());
	doc = jsonutil_set(doc, "paths", paths(cfg));
	doc = jsonutil_set(doc, "components", components(cfg));
	/* info.version = configured version + hash of everything else. */
	if (doc == NULL ||
	    (text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)
		return failed(doc);
	snprintf(version, sizeof(version), "%s+%08llx", cfg->api_version,
	    (unsigned long long)(fnv1a(text) >> 32));
	free(text);
	if (json_object_set_new(json_object_get(doc, "info"), "version",
	    json_string(version)) != 0)
		return failed(doc);	/* else it would go out unhashed */
	return doc;
}
