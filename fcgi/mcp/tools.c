/*
 * tools.c - the game operations as MCP tools (tools.h).
 *
 * The tools are the game operations, declared once in operation.c: each
 * entry gives a tool its name, title, description, inputSchema (the POST
 * body's schema), outputSchema (the 200 answer's) and annotations (MCP
 * 2025-11-25, server/tools: "Tool"); the schemas come without "$ref", a
 * client has no document to resolve them in.
 *
 * tools/call decodes the arguments as POST /<name> decodes its body and
 * answers with the operation's own answer function, in-process: an object
 * goes straight to the body decoder (game_input_from_json(), which the
 * POST route runs on its parsed body), anything else through the POST
 * route itself (route_call()), for its own sentence about it.  A 200
 * becomes structuredContent verbatim (plus a text item for clients without
 * structured output), a 400 or 422 a result with isError and the same
 * sentence (tool errors are results, not protocol errors, so the model can
 * read them and fix its call).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game_input.h"
#include "handler_internal.h"
#include "operation.h"
#include "mcp/tools.h"

/* ---- tools/list ---- */

static json_t *
tool(const struct operation *op)
{
	json_t *t, *annotations = operation_annotations(op);

	/* The title twice: the tool's own, and the annotation's (2025-03-26
	 * clients read only the latter). */
	if (annotations != NULL && json_object_set_new(annotations, "title",
	    json_string(op->title)) != 0) {
		json_decref(annotations);
		annotations = NULL;
	}
	t = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:{s:{s:s}, s:s, s:s}}",
	    "name", op->name,
	    "title", op->title,
	    "description", op->description,
	    "inputSchema", operation_input_schema(op),
	    "outputSchema", operation_output_schema(op),
	    "annotations", annotations,
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

	for (i = 0; i < operation_count && list != NULL; i++) {
		t = tool(&operation_table[i]);
		if (t == NULL || json_array_append_new(list, t) != 0) {
			json_decref(list);
			list = NULL;
		}
	}
	return list != NULL ? json_pack("{s:o}", "tools", list) : NULL;
}

/* ---- tools/call ---- */

/*
 * What POST /<op> answers for a body made of args.  Returns 0 with out
 * filled, -1 on ENOMEM.
 */
static int
tools_invoke(const struct config *cfg, const struct operation *op,
    const json_t *args, struct handler_response *out)
{
	struct game_input in;
	char *text;

	memset(out, 0, sizeof(*out));
	if (json_is_object(args)) {
		if (game_input_from_json(args, op->takes, &in, out) == 0)
			op->answer(&in, out);
		return 0;
	}
	if ((text = json_dumps(args, JSON_COMPACT | JSON_ENCODE_ANY)) == NULL)
		return -1;
	route_call(cfg, route_of_operation(op, "POST"), text, strlen(text), out);
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

/* The tool params.name names; NULL with f set (-32602) when none does. */
static const struct operation *
tool_named(const json_t *params, struct jsonrpc_fault *f)
{
	const json_t *name = json_object_get(params, "name");
	const struct operation *op;

	if (!json_is_string(name)) {
		f->code = JSONRPC_INVALID_PARAMS;
		snprintf(f->message, sizeof(f->message), "tools/call needs "
		    "params.name, the tool's name: human_move or hint.");
		return NULL;
	}
	if ((op = operation_find(json_string_value(name))) == NULL) {
		f->code = JSONRPC_INVALID_PARAMS;
		snprintf(f->message, sizeof(f->message), "There is no tool "
		    "named \"%.64s\"; tools/list names them.",
		    json_string_value(name));
	}
	return op;
}

/*
 * The route's answer rr (200, 400 or 422) as a CallToolResult, with extra
 * at its end: a new buffer, or NULL on ENOMEM.  Every piece written comes
 * from rr's body at most twice (content and structuredContent; "best"
 * with a space after each comma) plus fixed text.
 */
static char *
write_result(const struct handler_response *rr, const char *extra,
    size_t *len)
{
	size_t n, xlen = strlen(extra);
	const char *s;
	struct text t;
	char *text;

	if (rr->body == NULL ||
	    (text = malloc(3 * rr->body_len + xlen + 256)) == NULL)
		return NULL;
	t.p = text;
	PUT(&t, "{\"content\":[{\"type\":\"text\",\"text\":\"");
	if (rr->status == 200) {
		put_summary(&t, rr->body);
		PUT(&t, "\"}],\"structuredContent\":");
		put(&t, rr->body, rr->body_len);
		PUT(&t, ",\"isError\":false");
	} else {
		if (member(rr->body, "error", &s, &n))
			put(&t, s, n);
		PUT(&t, "\"}],\"isError\":true");
	}
	put(&t, extra, xlen);
	*t.p++ = '}';
	*t.p = '\0';
	*len = (size_t)(t.p - text);
	return text;
}

int
tools_call(const struct config *cfg, const json_t *params, const char *extra,
    char **text, size_t *len, struct jsonrpc_fault *f)
{
	struct handler_response rr;
	const struct operation *op;
	const json_t *args;
	json_t *empty = NULL;
	int rc;

	if ((op = tool_named(params, f)) == NULL)
		return -1;
	/* The arguments are the body; none is an empty object, which the
	 * route refuses with its own sentence. */
	if ((args = json_object_get(params, "arguments")) == NULL)
		args = empty = json_object();
	rc = args != NULL ? tools_invoke(cfg, op, args, &rr) : -1;
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
	*text = write_result(&rr, extra, len);
	handler_response_free(&rr);
	if (*text != NULL)
		return 0;
oom:
	f->code = JSONRPC_INTERNAL_ERROR;
	snprintf(f->message, sizeof(f->message), "The server ran out of "
	    "memory; retry.");
	return -1;
}
