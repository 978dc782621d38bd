/*
 * route.c - the route table, and what is read from it: the route for a path
 * and method, the methods a path allows, operation ids, the index; and
 * running a route, from the dispatcher or in-process (route_call).  Every
 * policy of a route (method, handler, auth, caching, its place in the
 * index and in the OpenAPI document) is one entry of the table, so what
 * is served, listed and documented cannot drift apart.  The game
 * operations' routes are made from their declarations (operation.c), two
 * each; the other routes are written out below.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "game_field.h"
#include "handler_internal.h"
#include "jsonutil.h"
#include "operation.h"

/* The handlers of the fixed routes, each defined in its own file. */
ROUTE_HANDLER(docs_serve);		/* docs.c */
ROUTE_HANDLER(pages_index);		/* pages.c */
ROUTE_HANDLER(pages_health);
ROUTE_HANDLER(pages_privacy);
ROUTE_HANDLER(mcp_post);		/* mcp/mcp.c */
ROUTE_HANDLER(mcp_refuse_method);
ROUTE_HANDLER(metrics_serve);		/* ops/metrics.c */
ROUTE_HANDLER(status_page_serve);	/* ops/status_page.c */

/*
 * The routes that are no game operation.  They are for people, the GPT
 * builder and load balancers, so they are listed on the index page and
 * not in the document a GPT imports (every operation there becomes a
 * tool the model may call).
 */
static const struct route fixed[] = {
	{
		.path = "/docs", .method = "GET", .fn = docs_serve,
		.cache = CACHE_REVALIDATE, .index_key = "docs",
		.summary = "The OpenAPI document to import into the GPT builder",
	}, {
		.path = "/openapi.json", .method = "GET", .fn = docs_serve,
		.cache = CACHE_REVALIDATE, .index_key = "openapi",
		.summary = "The same document, at the path OpenAPI tools look for",
	}, {
		.path = "/privacy", .method = "GET", .fn = pages_privacy,
		.cache = CACHE_REVALIDATE, .index_key = "privacy",
		.summary = "The privacy policy (JSON, or a page for a browser)",
	}, {
		.path = "/", .method = "GET", .fn = pages_index,
		.cache = CACHE_REVALIDATE,
		.summary = "The service name and its endpoints",
	}, {
		.path = "/healthz", .method = "GET", .fn = pages_health,
		.cache = CACHE_REVALIDATE, .index_key = "health",
		.summary = "{\"status\":\"ok\"} while the worker serves",
	}, {
		/* The MCP server: the game operations above as tools.  It
		 * checks the API key itself (the same auth_ok() as the game
		 * routes) so that its 401 is a JSON-RPC error like its other
		 * refusals; so is its 405 for GET, DELETE and the rest. */
		.path = "/mcp", .method = "POST", .fn = mcp_post,
		.refuse_method = mcp_refuse_method,
		.cache = CACHE_NO_STORE, .index_key = "mcp",
		.summary = "The MCP server (Streamable HTTP, JSON answers)",
	}, {
		/* For operators, not in the index, the document or MCP. */
		.path = "/metrics", .method = "GET", .fn = metrics_serve,
		.operator_only = true, .cache = CACHE_NO_STORE,
		.summary = "The pool's numbers for Prometheus (metrics_allow only)",
	}, {
		.path = "/status", .method = "GET", .fn = status_page_serve,
		.operator_only = true, .cache = CACHE_NO_STORE,
		.summary = "The pool at a glance, JSON (metrics_allow only)",
	},
};
#define NFIXED	(sizeof(fixed) / sizeof(fixed[0]))

/* ---- the table: each operation's two routes, then the fixed ones ---- */

/* The texts a route of an operation is given, written once. */
struct op_text {
	char	path[OPERATION_NAME_MAX + 1];
	char	id[2][OPERATION_NAME_MAX + 4];	/* POST, GET ("...Get") */
	char	summary[160];
	char	description[320];
};

static struct route table[2 * OPERATION_MAX + NFIXED];
static size_t ntable;
static struct op_text texts[OPERATION_MAX];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* "human_move" -> "humanMove": the operationId of the POST form. */
static void
camel_case(const char *name, struct strbuf *sb)
{
	for (; *name != '\0'; name++)
		if (*name == '_' && name[1] != '\0')
			strbuf_putc(sb, (char)toupper((unsigned char)*++name));
		else
			strbuf_putc(sb, *name);
}

/* The texts of op's routes; false if one did not fit (route_list then
 * leaves the operation out, and the unit test of the table fails). */
static bool
op_text_write(const struct operation *op, struct op_text *t)
{
	struct strbuf sb[5];

	strbuf_init(&sb[0], t->path, sizeof(t->path));
	strbuf_putc(&sb[0], '/');
	strbuf_put(&sb[0], op->name);
	strbuf_init(&sb[1], t->id[0], sizeof(t->id[0]));
	camel_case(op->name, &sb[1]);
	strbuf_init(&sb[2], t->id[1], sizeof(t->id[1]));
	camel_case(op->name, &sb[2]);
	strbuf_put(&sb[2], "Get");
	strbuf_init(&sb[3], t->summary, sizeof(t->summary));
	strbuf_putf(&sb[3], "%s (query form)", op->title);
	strbuf_init(&sb[4], t->description, sizeof(t->description));
	strbuf_put(&sb[4], "The same as the POST form, with the board as "
	    "position_1 (top-left) to position_9 (bottom-right), each X, O or "
	    "empty, and ");
	game_field_list(op->takes, &sb[4]);
	strbuf_put(&sb[4], " as query parameters.");
	return strbuf_ok(&sb[0]) && strbuf_ok(&sb[1]) && strbuf_ok(&sb[2]) &&
	    strbuf_ok(&sb[3]) && strbuf_ok(&sb[4]);
}

/* The POST (body) or GET (query) route of op. */
static struct route
op_route(const struct operation *op, const struct op_text *t, bool get)
{
	return (struct route){
		.path = t->path, .method = get ? "GET" : "POST", .op = op,
		.needs_auth = true, .cache = CACHE_NO_STORE,
		.index_key = get ? NULL : op->index_key,
		.documented = true, .operation_id = t->id[get],
		.renamable = op->renamable, .consequential = op->consequential,
		.tag = "game",
		.summary = get ? t->summary : op->title,
		.description = get ? t->description : op->description,
	};
}

static void
table_build(void)
{
	size_t i;

	for (i = 0; i < operation_count; i++) {
		if (!op_text_write(&operation_table[i], &texts[i]))
			continue;
		table[ntable++] = op_route(&operation_table[i], &texts[i], false);
		table[ntable++] = op_route(&operation_table[i], &texts[i], true);
	}
	for (i = 0; i < NFIXED; i++)
		table[ntable++] = fixed[i];
}

const struct route *
route_list(size_t *count)
{
	pthread_once(&table_once, table_build);
	*count = ntable;
	return table;
}

/* The i-th distinct path of the table, in table order, or NULL past the
 * last: the metrics' route labels (main.c hands this to them). */
const char *
route_path(size_t i)
{
	const struct route *all;
	size_t n, k, j, seen = 0;

	all = route_list(&n);
	for (k = 0; k < n; k++) {
		for (j = 0; j < k; j++)
			if (strcmp(all[j].path, all[k].path) == 0)
				break;
		if (j < k)
			continue;
		if (seen++ == i)
			return all[k].path;
	}
	return NULL;
}

/* ---- operation ids and the index, from the table ---- */

/* The id a renamable route gets from base (the table's id when not renamable). */
static const char *
renamed(const struct route *rt, const char *base, char *buf, size_t size)
{
	size_t n = strlen(ROUTE_OPID_BASE);

	if (!rt->renamable || strncmp(rt->operation_id, ROUTE_OPID_BASE, n) != 0)
		snprintf(buf, size, "%s", rt->operation_id);
	else
		snprintf(buf, size, "%s%s", base, rt->operation_id + n);
	return buf;
}

const char *
route_opid_conflict(const char *base)
{
	const struct route *all, *rt, *other;
	char id[ROUTE_OPID_MAX];
	size_t n;

	all = route_list(&n);
	for (rt = all; rt < all + n; rt++) {
		if (!rt->documented || !rt->renamable)
			continue;
		renamed(rt, base, id, sizeof(id));
		for (other = all; other < all + n; other++)
			if (other->documented && !other->renamable &&
			    strcmp(other->operation_id, id) == 0)
				return other->operation_id;
	}
	return NULL;
}

const char *
route_operation_id(const struct config *cfg, const struct route *rt,
    char *buf, size_t size)
{
	const char *base = cfg->operation_id;

	if (base == NULL || route_opid_conflict(base) != NULL)
		base = ROUTE_OPID_BASE;
	return renamed(rt, base, buf, size);
}

json_t *
route_index(void)
{
	const struct route *all, *rt;
	json_t *list = json_object();
	size_t n;

	all = route_list(&n);
	for (rt = all; rt < all + n; rt++)
		if (rt->index_key != NULL)
			list = jsonutil_set(list, rt->index_key,
			    json_string(rt->path));
	return list;
}

/* "GET, HEAD, OPTIONS" or "GET, POST, HEAD, OPTIONS" for one path. */
void
route_allow(const char *path, char *buf, size_t size)
{
	const struct route *all, *rt;
	bool get = false, post = false;
	size_t n;

	all = route_list(&n);
	for (rt = all; rt < all + n; rt++) {
		if (strcmp(rt->path, path) != 0)
			continue;
		if (strcmp(rt->method, "GET") == 0)
			get = true;
		else
			post = true;
	}
	snprintf(buf, size, "%s%s%s", get ? "GET, HEAD, " : "",
	    post ? "POST, " : "", "OPTIONS");
}

const struct route *
route_find(const char *path, const char *method, const struct route **first)
{
	const struct route *all, *rt;
	size_t n;

	*first = NULL;
	all = route_list(&n);
	for (rt = all; rt < all + n; rt++) {
		if (strcmp(rt->path, path) != 0)
			continue;
		if (*first == NULL)
			*first = rt;
		if (strcmp(rt->method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0))
			return rt;
	}
	return NULL;
}

const struct route *
route_of_operation(const struct operation *op, const char *method)
{
	const struct route *all, *rt;
	size_t n;

	all = route_list(&n);
	for (rt = all; rt < all + n; rt++)
		if (rt->op == op && strcmp(rt->method, method) == 0)
			return rt;
	return NULL;
}

/* ---- running a route ---- */

void
route_run(const struct config *cfg, const struct route *rt,
    const struct handler_request *req, struct handler_response *r)
{
	struct game_input in;
	int rc;

	if (rt->op == NULL) {
		rt->fn(cfg, req, r);
		return;
	}
	if (strcmp(rt->method, "POST") == 0)
		rc = game_input_from_body(cfg, req, rt->op->takes, &in, r);
	else
		rc = game_input_from_query(req, rt->op->takes, &in, r);
	if (rc == 0)
		rt->op->answer(&in, r);
}

void
route_call(const struct config *cfg, const struct route *rt,
    const char *input, size_t len, struct handler_response *r)
{
	struct handler_request req;
	char clen[24], *query = NULL;

	memset(&req, 0, sizeof(req));
	memset(r, 0, sizeof(*r));
	req.method = rt->method;
	req.path = rt->path;
	req.host = "localhost";
	if (strcmp(rt->method, "POST") == 0) {
		/* As the reader (cycle.c) does: Content-Length, then the body. */
		snprintf(clen, sizeof(clen), "%zu", len);
		req.content_length = clen;
		body_expect(&req, cfg->body_limit);
		body_received(&req, (const unsigned char *)input, len);
	} else if ((req.query = query = strndup(input, len)) == NULL) {
		response_oom(r);
		return;
	}
	route_run(cfg, rt, &req, r);
	free(query);
}
