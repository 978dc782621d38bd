/*
 * route.c - the route table, and what is read from it: the route for a path
 * and method, the methods a path allows, operation ids, the index.  Every
 * policy of a route (method, handler, auth, caching, its place in
 * the index and in the OpenAPI document) is one entry here, so what is
 * served, listed and documented cannot drift apart.
 */
#include <stdio.h>
#include <string.h>

#include "handler_internal.h"

/* The handlers the table names, each defined in its own file. */
ROUTE_HANDLER(move_post);		/* move.c */
ROUTE_HANDLER(move_get);
ROUTE_HANDLER(hint_post);		/* hint.c */
ROUTE_HANDLER(hint_get);
ROUTE_HANDLER(docs_serve);		/* docs.c */
ROUTE_HANDLER(pages_index);		/* pages.c */
ROUTE_HANDLER(pages_health);
ROUTE_HANDLER(pages_privacy);
ROUTE_HANDLER(metrics_serve);		/* ops/metrics.c */
ROUTE_HANDLER(status_page_serve);	/* ops/status_page.c */

/*
 * What the document says about each game operation.  The example requests
 * are answered by the handlers themselves when the document is built, so
 * every answer shown in it is real.
 */
static const struct route_example move_post_examples[] = {
	{ "reply", "{'board': [['X','X',' '],['O','O',' '],[' ',' ',' ']]}", true },
	{ "human_move", "{'board': [['X',' ',' '],[' ','O',' '],[' ',' ',' ']], "
	  "'human_move': 9, 'level': 'hard', 'seed': 7}", true },
	{ "ai_opens", "{'board': [[' ',' ',' '],[' ',' ',' '],[' ',' ',' ']], "
	  "'ai': 'X'}", true },
	{ "bad_row", "{'board': [['X',' ',' '],[' ',' ',' ',' '],[' ',' ',' ']]}", false },
	{ "bad_level", "{'board': [['X',' ',' '],[' ',' ',' '],[' ',' ',' ']], "
	  "'level': 'expert'}", false },
	{ "impossible", "{'board': [['X','X','X'],[' ',' ',' '],[' ',' ',' ']]}", false },
	{ "cell_taken", "{'board': [['X',' ',' '],[' ','O',' '],[' ',' ',' ']], "
	  "'human_move': 5}", false },
	{ NULL, NULL, false }
};

static const struct route_example move_get_examples[] = {
	{ "reply", "position_1=X&position_5=O&human_move=9&level=hard&seed=7", true },
	{ "bad_cell", "position_5=x", false },
	{ "bad_move", "position_1=X&human_move=10", false },
	{ "not_ai_turn", "position_1=X&position_5=O&ai=O", false },
	{ NULL, NULL, false }
};

static const struct route_example hint_post_examples[] = {
	{ "hint", "{'board': [['X','O',' '],[' ',' ',' '],[' ',' ',' ']]}", true },
	{ "bad_ai", "{'board': [['X',' ',' '],[' ',' ',' '],[' ',' ',' ']], "
	  "'ai': 'o'}", false },
	{ "not_human_turn", "{'board': [['X',' ',' '],[' ',' ',' '],[' ',' ',' ']]}", false },
	{ "not_human_turn_ai_x", "{'board': [[' ',' ',' '],[' ',' ',' '],[' ',' ',' ']], "
	  "'ai': 'X'}", false },
	{ NULL, NULL, false }
};

static const struct route_example hint_get_examples[] = {
	{ "hint", "position_1=X&position_2=O", true },
	{ "bad_cell", "position_1=Z", false },
	{ "impossible", "position_1=O&position_2=O", false },
	{ NULL, NULL, false }
};

static const char move_ok[] = "The moves, the new board, how the game "
    "stands, and a sentence to relay.";
static const char move_bad[] = "A field is malformed: the board's shape "
    "or a cell, or ai, human_move, level or seed out of range.";
static const char move_unprocessable[] = "The board cannot happen in a "
    "game, human_move cannot be played (the game is over, it is not the "
    "human's turn, or the cell is taken), or it is not the AI's turn.";

static const struct route_doc move_post_doc = {
	.body = schema_move_body,
	.ok = schema_move_result,
	.ok_text = move_ok,
	.bad_text = move_bad,
	.unprocessable_text = move_unprocessable,
	.examples = move_post_examples,
};

static const struct route_doc move_get_doc = {
	.params = schema_move_params,
	.ok = schema_move_result,
	.ok_text = move_ok,
	.bad_text = move_bad,
	.unprocessable_text = move_unprocessable,
	.examples = move_get_examples,
};

static const char hint_ok[] = "Every move the human could make with its "
    "result under perfect play, best first.";
static const char hint_bad[] = "A field is malformed: the board's shape "
    "or a cell, or ai.";
static const char hint_unprocessable[] = "The board cannot happen in a "
    "game, or it is not the human's turn.";

static const struct route_doc hint_post_doc = {
	.body = schema_hint_body,
	.ok = schema_hint_result,
	.ok_text = hint_ok,
	.bad_text = hint_bad,
	.unprocessable_text = hint_unprocessable,
	.examples = hint_post_examples,
};

static const struct route_doc hint_get_doc = {
	.params = schema_hint_params,
	.ok = schema_hint_result,
	.ok_text = hint_ok,
	.bad_text = hint_bad,
	.unprocessable_text = hint_unprocessable,
	.examples = hint_get_examples,
};

/*
 * The table.  Only the game operations are in the document a GPT
 * imports (every operation there becomes a tool the model may call); the
 * document, privacy, index and health endpoints are for people, the GPT
 * builder and load balancers, and are listed on the index page instead.
 */
const struct route route_table[] = {
	{
		.path = "/human_move", .method = "POST", .fn = move_post,
		.needs_auth = true, .cache = CACHE_NO_STORE,
		.index_key = "move",
		.documented = true, .operation_id = ROUTE_OPID_BASE,
		.renamable = true, .consequential = true, .tag = "game",
		.summary = "Play the AI's reply to the human's move",
		.description = "Send the board after the human's move (or the "
		    "board before it plus human_move); the AI answers with its "
		    "move, the new board, the game status, a forecast and a "
		    "sentence to relay. The human is X unless ai is X. Errors "
		    "(400, 422) say what to fix.",
		.doc = &move_post_doc,
	}, {
		.path = "/human_move", .method = "GET", .fn = move_get,
		.needs_auth = true, .cache = CACHE_NO_STORE,
		.documented = true, .operation_id = ROUTE_OPID_BASE "Get",
		.renamable = true, .consequential = true, .tag = "game",
		.summary = "Play the AI's reply to the human's move (query "
		    "form)",
		.description = "The same as the POST form, with the board as "
		    "position_1 (top-left) to position_9 (bottom-right), each X, "
		    "O or empty, and ai, human_move, level and seed as query "
		    "parameters.",
		.doc = &move_get_doc,
	}, {
		.path = "/hint", .method = "POST", .fn = hint_post,
		.needs_auth = true, .cache = CACHE_NO_STORE,
		.index_key = "hint",
		.documented = true, .operation_id = "hint", .tag = "game",
		.summary = "Rate every move the human could make",
		.description = "For the human to move: each free position with "
		    "the result if both sides then play perfectly, best first, "
		    "and the best positions. Use it when the user asks for "
		    "advice. The human is X unless ai is X.",
		.doc = &hint_post_doc,
	}, {
		.path = "/hint", .method = "GET", .fn = hint_get,
		.needs_auth = true, .cache = CACHE_NO_STORE,
		.documented = true, .operation_id = "hintGet", .tag = "game",
		.summary = "Rate every move the human could make (query form)",
		.description = "The same as the POST form, with the board as "
		    "position_1 (top-left) to position_9 (bottom-right), each X, "
		    "O or empty, and ai as query parameters.",
		.doc = &hint_get_doc,
	}, {
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
const size_t route_count = sizeof(route_table) / sizeof(route_table[0]);

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
	char id[ROUTE_OPID_MAX];
	size_t i, j;

	for (i = 0; i < route_count; i++) {
		if (!route_table[i].documented || !route_table[i].renamable)
			continue;
		renamed(&route_table[i], base, id, sizeof(id));
		for (j = 0; j < route_count; j++)
			if (route_table[j].documented && !route_table[j].renamable &&
			    strcmp(route_table[j].operation_id, id) == 0)
				return route_table[j].operation_id;
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
	json_t *list = json_object();
	size_t i;

	for (i = 0; i < route_count && list != NULL; i++)
		if (route_table[i].index_key != NULL &&
		    json_object_set_new(list, route_table[i].index_key,
		    json_string(route_table[i].path)) != 0) {
			json_decref(list);
			list = NULL;
		}
	return list;
}

/* "GET, HEAD, OPTIONS" or "GET, POST, HEAD, OPTIONS" for one path. */
void
route_allow(const char *path, char *buf, size_t size)
{
	bool get = false, post = false;
	size_t i;

	for (i = 0; i < route_count; i++) {
		if (strcmp(route_table[i].path, path) != 0)
			continue;
		if (strcmp(route_table[i].method, "GET") == 0)
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
	size_t i;

	*first = NULL;
	for (i = 0; i < route_count; i++) {
		if (strcmp(route_table[i].path, path) != 0)
			continue;
		if (*first == NULL)
			*first = &route_table[i];
		if (strcmp(route_table[i].method, method) == 0 ||
		    (strcmp(method, "HEAD") == 0 &&
		    strcmp(route_table[i].method, "GET") == 0))
			return &route_table[i];
	}
	return NULL;
}
