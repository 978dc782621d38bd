/*
 * schema.c - the JSON Schemas of the API (OpenAPI 3.1 uses JSON Schema
 * 2020-12), written with a handful of small helpers so that each schema
 * reads like the document it produces.
 *
 * Ownership: every helper returns a new reference and steals the
 * references it is given.  On ENOMEM a helper returns NULL, and a helper
 * given a NULL returns NULL (after releasing its other arguments), so one
 * check at the top of the tree catches every failure below it.
 *
 * GPT-action rules followed here: every object schema declares its
 * properties; no nullable unions; parameters are inline scalars.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* ---- helpers ---- */

/* Set key on obj (stealing value); on any NULL, release both, return NULL. */
static json_t *
with(json_t *obj, const char *key, json_t *value)
{
	if (obj == NULL || value == NULL) {
		json_decref(obj);
		json_decref(value);
		return NULL;
	}
	if (json_object_set_new(obj, key, value) != 0) {
		json_decref(obj);	/* set_new released value */
		return NULL;
	}
	return obj;
}

/* {"type": type, "description": description} (description may be NULL). */
static json_t *
typed(const char *type, const char *description)
{
	json_t *s = with(json_object(), "type", json_string(type));

	return description != NULL ?
	    with(s, "description", json_string(description)) : s;
}

static json_t *
string(const char *description)
{
	return typed("string", description);
}

/* A string with one of the given values; the list ends with NULL. */
static json_t *
string_enum(const char *description, ...)
{
	json_t *values = json_array();
	const char *v;
	va_list ap;

	va_start(ap, description);
	while ((v = va_arg(ap, const char *)) != NULL)
		if (values != NULL && json_array_append_new(values,
		    json_string(v)) != 0) {
			json_decref(values);
			values = NULL;
		}
	va_end(ap);
	return with(string(description), "enum", values);
}

static json_t *
integer(const char *description, json_int_t min, json_int_t max)
{
	return with(with(typed("integer", description),
	    "minimum", json_integer(min)), "maximum", json_integer(max));
}

/* An array of `items`, with minItems/maxItems when they are >= 0. */
static json_t *
array_of(const char *description, json_t *items, int min, int max)
{
	json_t *s = with(typed("array", description), "items", items);

	if (min >= 0)
		s = with(s, "minItems", json_integer(min));
	if (max >= 0)
		s = with(s, "maxItems", json_integer(max));
	return s;
}

/*
 * An object: name, schema pairs ending with NULL.  Every pair is consumed
 * (its schema released on failure), so the caller never leaks.
 */
static json_t *
object(const char *description, ...)
{
	json_t *props = json_object(), *s;
	const char *name;
	va_list ap;

	va_start(ap, description);
	while ((name = va_arg(ap, const char *)) != NULL) {
		s = va_arg(ap, json_t *);
		if (props == NULL)
			json_decref(s);
		else
			props = with(props, name, s);
	}
	va_end(ap);
	return with(typed("object", description), "properties", props);
}

/* Add "required": [names...] (ending with NULL) to an object schema. */
static json_t *
required(json_t *obj, ...)
{
	json_t *names = json_array();
	const char *n;
	va_list ap;

	va_start(ap, obj);
	while ((n = va_arg(ap, const char *)) != NULL)
		if (names != NULL && json_array_append_new(names,
		    json_string(n)) != 0) {
			json_decref(names);
			names = NULL;
		}
	va_end(ap);
	return with(obj, "required", names);
}

/* No keys beyond the declared properties (answers: we know every key). */
static json_t *
closed(json_t *obj)
{
	return with(obj, "additionalProperties", json_false());
}

json_t *
schema_ref(const char *component)
{
	char ref[96];

	snprintf(ref, sizeof(ref), "#/components/schemas/%s", component);
	return with(json_object(), "$ref", json_string(ref));
}

/* ---- the board ---- */

static json_t *
board_of(json_t *cell)
{
	return array_of("Three rows, top to bottom, of three cells, left to "
	    "right.", array_of(NULL, cell, 3, 3), 3, 3);
}

/* What a client may send: "" is accepted as empty too. */
static json_t *
board_in(void)
{
	return board_of(string_enum("\"X\" (human), \"O\" (AI), or \" \" / "
	    "\"\" for empty.", "X", "O", " ", "", NULL));
}

/* What the worker answers: always one of three values. */
static json_t *
board_out(void)
{
	return board_of(string_enum("\"X\" (human), \"O\" (AI), or \" \" for "
	    "empty.", "X", "O", " ", NULL));
}

static json_t *
move_request(void)
{
	return required(object("The board after the human's move. Other keys "
	    "are ignored.",
	    "board", schema_ref("Board"),
	    NULL), "board", NULL);
}

static json_t *
move(void)
{
	return closed(required(object(NULL,
	    "row", integer("Row of the AI's move, 0 (top) to 2.", 0, 2),
	    "col", integer("Column of the AI's move, 0 (left) to 2.", 0, 2),
	    "position", integer("The same cell as 1 (top-left) to 9 "
		"(bottom-right).", 1, 9),
	    NULL), "row", "col", "position", NULL));
}

static json_t *
move_result(void)
{
	return closed(required(object("The board after the AI's move (or as "
	    "sent, when the game was already over: then there is no \"move\").",
	    "board", schema_ref("BoardState"),
	    "status", string_enum(NULL, "continue", "end", NULL),
	    "winner", string_enum(NULL, "X", "O", "Draw", "No winner", NULL),
	    "move", schema_ref("Move"),
	    NULL), "board", "status", "winner", NULL));
}

static json_t *
error(void)
{
	return closed(required(object(NULL,
	    "error", string("What is wrong and how to fix it."),
	    NULL), "error", NULL));
}

const struct schema_component schema_components[] = {
	{ "Board",	board_in },
	{ "BoardState",	board_out },
	{ "MoveRequest", move_request },
	{ "Move",	move },
	{ "MoveResult",	move_result },
	{ "Error",	error },
};
const size_t schema_ncomponents =
    sizeof(schema_components) / sizeof(schema_components[0]);

/* ---- what the route table points at ---- */

json_t *
schema_move_body(void)
{
	return schema_ref("MoveRequest");
}

json_t *
schema_move_result(void)
{
	return schema_ref("MoveResult");
}

/* The board as query parameters position_1 .. position_9 (inline: the GPT
 * importer drops $ref parameters). */
json_t *
schema_move_params(void)
{
	json_t *params = json_array(), *p;
	char name[16], desc[96];
	int i;

	for (i = 0; i < TTT_CELLS && params != NULL; i++) {
		snprintf(name, sizeof(name), "position_%d", i + 1);
		snprintf(desc, sizeof(desc), "Cell at row %d, column %d "
		    "(1 = top-left, 9 = bottom-right): X, O, or empty.",
		    i / 3, i % 3);
		p = with(with(with(with(json_object(),
		    "name", json_string(name)),
		    "in", json_string("query")),
		    "required", json_false()),
		    "description", json_string(desc));
		p = with(p, "schema", with(string(NULL), "enum",
		    json_pack("[s,s,s]", "X", "O", "")));
		if (p == NULL || json_array_append_new(params, p) != 0) {
			json_decref(params);
			params = NULL;
		}
	}
	return params;
}
