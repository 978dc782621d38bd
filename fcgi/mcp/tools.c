/*
 * tools.c - the game operations as MCP tools (tools.h).
 *
 * The tools come from the route table: every documented POST route is a
 * tool named after its path, with the route's summary as its title, its
 * description, its body schema as inputSchema and its 200 answer's schema
 * as outputSchema (MCP 2025-11-25, server/tools: "Tool").  The schemas are
 * the OpenAPI document's, with every "$ref" replaced by the component it
 * names: a tool's schemas must stand alone, the client has no document to
 * resolve them in.
 *
 * tools/call hands the arguments to the route's handler as a POST body
 * and wraps its answer: a 200 becomes structuredContent verbatim (plus a
 * text item for clients without structured output), a 400 or 422 a result
 * with isError and the same sentence (tool errors are results, not
 * protocol errors, so the model can read them and fix its call).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handler_internal.h"
#include "mcp/tools.h"

#define SCHEMA_DEPTH_MAX	8	/* components referring to components */

/* ---- the declaration: where a tool comes from ---- */

/*
 * The one place that says which routes are tools and what their schemas
 * are: the documented POST routes and their route_doc builders.
 */
static bool
is_tool(const struct route *rt)
{
	return rt->documented && rt->doc != NULL && rt->doc->body != NULL &&
	    strcmp(rt->method, "POST") == 0;
}

static const struct route *
tool_route(const char *name)
{
	size_t i;

	for (i = 0; i < route_count; i++)
		if (is_tool(&route_table[i]) &&
		    strcmp(route_table[i].path + 1, name) == 0)
			return &route_table[i];
	return NULL;
}

/* The component a "$ref" names, built; NULL if it is not one of ours. */
static json_t *
component(const char *ref)
{
	static const char prefix[] = "#/components/schemas/";
	size_t i;

	if (strncmp(ref, prefix, sizeof(prefix) - 1) != 0)
		return NULL;
	ref += sizeof(prefix) - 1;
	for (i = 0; i < schema_ncomponents; i++)
		if (strcmp(schema_components[i].name, ref) == 0)
			return schema_components[i].build();
	return NULL;
}

/* schema with every $ref replaced by its component (in place; schema may
 * be replaced: the new reference is returned, NULL on failure). */
static json_t *
inline_refs(json_t *schema, int depth)
{
	const char *key;
	json_t *v, *ref, *c;
	size_t i;

	if (schema == NULL || depth > SCHEMA_DEPTH_MAX) {
		json_decref(schema);
		return NULL;
	}
	if (json_is_object(schema) &&
	    json_is_string(ref = json_object_get(schema, "$ref"))) {
		c = component(json_string_value(ref));
		json_decref(schema);
		return inline_refs(c, depth + 1);
	}
	if (json_is_object(schema)) {
		json_object_foreach(schema, key, v) {
			if (!json_is_object(v) && !json_is_array(v))
				continue;
			c = inline_refs(json_incref(v), depth + 1);
			if (c == NULL || json_object_set_new(schema, key, c) != 0) {
				json_decref(schema);
				return NULL;
			}
		}
	} else if (json_is_array(schema)) {
		json_array_foreach(schema, i, v) {
			if (!json_is_object(v) && !json_is_array(v))
				continue;
			c = inline_refs(json_incref(v), depth + 1);
			if (c == NULL || json_array_set_new(schema, i, c) != 0) {
				json_decref(schema);
				return NULL;
			}
		}
	}
	return schema;
}

/* A tool's schema from a route_doc builder: self-contained. */
static json_t *
tool_schema(json_t *(*build)(void))
{
	return inline_refs(build(), 0);
}

/* ---- tools/list ---- */

static json_t *
tool(const struct route *rt)
{
	json_t *t;

	/* Every game operation only computes an answer from its input:
	 * nothing is stored, changed or fetched (MCP tool annotations). */
	t = json_pack("{s:s, s:s, s:s, s:o, s:o, s:{s:s, s:b, s:b, s:b, s:b}, "
	    "s:{s:{s:s}, s:s, s:s}}",
	    "name", rt->path + 1,
	    "title", rt->summary,
	    "description", rt->description,
	    "inputSchema", tool_schema(rt->doc->body),
	    "outputSchema", tool_schema(rt->doc->ok),
	    "annotations",
		"title", rt->summary,
		"readOnlyHint", 1, "destructiveHint", 0,
		"idempotentHint", 1, "openWorldHint", 0,
	    /* The MCP App that draws the answer (MCP Apps 2026-01-26:
	     * _meta.ui.resourceUri); hosts built before it read the flat
	     * "ui/resourceUri" or, in ChatGPT, "openai/outputTemplate". */
	    "_meta",
		"ui", "resourceUri", TOOLS_APP_URI,
		"ui/resourceUri", TOOLS_APP_URI,
		"openai/outputTemplate", TOOLS_APP_URI);
	return t;
}

json_t *
tools_list(void)
{
	json_t *list = json_array(), *t;
	size_t i;

	for (i = 0; i < route_count && list != NULL; i++) {
		if (!is_tool(&route_table[i]))
			continue;
		t = tool(&route_table[i]);
		if (t == NULL || json_array_append_new(list, t) != 0) {
			json_decref(list);
			list = NULL;
		}
	}
	return list != NULL ? json_pack("{s:o}", "tools", list) : NULL;
}

/* ---- tools/call ---- */

/*
 * Run the route's handler on the arguments as a POST of them would.  An
 * object goes in as the already parsed body (handler.h: json_body), which
 * the route decodes exactly as it decodes that body's text; anything else
 * goes in as text, for the route's own sentence about it.  The one
 * function to point at the route table's in-process call when there is
 * one.
 */
static int
tools_invoke(const struct config *cfg, const struct route *rt,
    const json_t *args, struct handler_response *out)
{
	struct handler_request sub;
	char *text = NULL;

	memset(&sub, 0, sizeof(sub));
	memset(out, 0, sizeof(*out));
	sub.method = "POST";
	sub.path = rt->path;
	sub.content_type = "application/json";
	sub.body_state = HANDLER_BODY_COMPLETE;
	if (json_is_object(args)) {
		sub.json_body = args;
	} else {
		text = json_dumps(args, JSON_COMPACT | JSON_ENCODE_ANY);
		if (text == NULL)
			return -1;
		sub.body = (const unsigned char *)text;
		sub.body_len = sub.body_declared = strlen(text);
	}
	rt->fn(cfg, &sub, out);
	free(text);
	return 0;
}

/*
 * The span of a top-level member's value in an answer the worker wrote
 * (compact JSON; the keys looked up occur once, at the top): for a string
 * its escaped contents without the quotes, for an array its text.
 */
static bool
member(const char *body, const char *key, const char **start, size_t *n)
{
	char pattern[32];
	const char *p, *q;

	snprintf(pattern, sizeof(pattern), "\"%s\":", key);
	if ((p = strstr(body, pattern)) == NULL)
		return false;
	p += strlen(pattern);
	if (*p == '"') {
		for (q = ++p; *q != '\0' && *q != '"'; q++)
			if (*q == '\\' && q[1] != '\0')
				q++;
	} else if (*p == '[') {
		q = strchr(p, ']');
		if (q != NULL)
			q++;
	} else {
		return false;
	}
	if (q == NULL || *q == '\0')
		return false;
	*start = p;
	*n = (size_t)(q - p);
	return true;
}

struct text {
	char	*p;
};

static void
put(struct text *t, const char *s, size_t n)
{
	memcpy(t->p, s, n);
	t->p += n;
}

#define PUT(t, lit)	put((t), (lit), sizeof(lit) - 1)

/*
 * The text item for a 200: the sentence to relay (move) or the best
 * positions (hint), then the board for a person.  Every piece is copied
 * from the answer still escaped, so the item is valid JSON text.
 */
static void
put_summary(struct text *t, const char *body)
{
	const char *s;
	size_t n, i;
	bool any = false;

	if (member(body, "message", &s, &n)) {
		put(t, s, n);
		any = true;
	} else if (member(body, "best", &s, &n)) {
		if (n > 2) {
			PUT(t, "Best positions for the human: ");
			for (i = 1; i + 1 < n; i++) {
				*t->p++ = s[i];
				if (s[i] == ',')
					*t->p++ = ' ';
			}
			PUT(t, " (1 = top-left, 9 = bottom-right).");
		} else {
			PUT(t, "The game is over: there is no move to rate.");
		}
		any = true;
	}
	if (member(body, "board_text", &s, &n)) {
		if (any)
			PUT(t, "\\n\\n");
		put(t, s, n);
	}
}

int
tools_call(const struct config *cfg, const json_t *params, const char *extra,
    char **text, size_t *len, struct jsonrpc_fault *f)
{
	struct handler_response rr;
	const struct route *rt;
	const json_t *name, *args;
	json_t *empty = NULL;
	const char *s;
	size_t n, cap, xlen = strlen(extra);
	struct text t;
	int rc;

	name = json_object_get(params, "name");
	if (!json_is_string(name)) {
		f->code = JSONRPC_INVALID_PARAMS;
		snprintf(f->message, sizeof(f->message), "tools/call needs "
		    "params.name, the tool's name: human_move or hint.");
		return -1;
	}
	if ((rt = tool_route(json_string_value(name))) == NULL) {
		f->code = JSONRPC_INVALID_PARAMS;
		snprintf(f->message, sizeof(f->message), "There is no tool "
		    "named \"%.64s\"; tools/list names them.",
		    json_string_value(name));
		return -1;
	}
	/* The arguments are the body; none is an empty object, which the
	 * route refuses with its own sentence. */
	if ((args = json_object_get(params, "arguments")) == NULL)
		args = empty = json_object();
	rc = args != NULL ? tools_invoke(cfg, rt, args, &rr) : -1;
	json_decref(empty);
	if (rc != 0)
		goto oom;
	if (rr.status != 200 && rr.status != 400 && rr.status != 422) {
		f->code = JSONRPC_INTERNAL_ERROR;
		snprintf(f->message, sizeof(f->message), "The tool failed "
		    "(status %d); retry.", rr.status);
		handler_response_free(&rr);
		return -1;
	}
	/* Every piece written comes from rr.body at most twice (content and
	 * structuredContent; "best" with a space after each comma) plus
	 * fixed text. */
	cap = 3 * rr.body_len + xlen + 256;
	if (rr.body == NULL || (*text = malloc(cap)) == NULL) {
		handler_response_free(&rr);
		goto oom;
	}
	t.p = *text;
	PUT(&t, "{\"content\":[{\"type\":\"text\",\"text\":\"");
	if (rr.status == 200) {
		put_summary(&t, rr.body);
		PUT(&t, "\"}],\"structuredContent\":");
		put(&t, rr.body, rr.body_len);
		PUT(&t, ",\"isError\":false");
	} else {
		if (member(rr.body, "error", &s, &n))
			put(&t, s, n);
		PUT(&t, "\"}],\"isError\":true");
	}
	put(&t, extra, xlen);
	*t.p++ = '}';
	*t.p = '\0';
	*len = (size_t)(t.p - *text);
	handler_response_free(&rr);
	return 0;
oom:
	f->code = JSONRPC_INTERNAL_ERROR;
	snprintf(f->message, sizeof(f->message), "The server ran out of "
	    "memory; retry.");
	return -1;
}
