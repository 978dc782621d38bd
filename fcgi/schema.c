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

#include "handler_internal.h"

/*
 * The end of a variadic list: a null pointer of the type va_arg reads.  A
 * bare NULL may be a plain 0 of type int, which va_arg(ap, const char *)
 * must not read (C11 7.16.1.1).
 */
#define END	((const char *)NULL)

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

/* A string enum of names produced by the engine, so the two cannot differ. */
static json_t *
names_enum(const char *description, const char *(*name)(int), int count)
{
	json_t *values = json_array();
	int i;

	for (i = 0; i < count && values != NULL; i++)
		if (json_array_append_new(values, json_string(name(i))) != 0) {
			json_decref(values);
			values = NULL;
		}
	return with(string(description), "enum", values);
}

static const char *
level_name(int i)
{
	return ttt_level_name((ttt_level)i);
}

static const char *
reason_name(int i)
{
	return ttt_reason_name((ttt_reason)i);
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
	return board_of(string_enum("\"X\", \"O\", or \" \" / \"\" for "
	    "empty.", "X", "O", " ", "", END));
}

/* What the worker answers: always one of three values. */
static json_t *
board_out(void)
{
	return board_of(string_enum("\"X\", \"O\", or \" \" for empty.",
	    "X", "O", " ", END));
}

static json_t *
board_text(void)
{
	return string("The board for a person: three rows \" a | b | c \" "
	    "joined by \"\\n---+---+---\\n\", an empty cell shown as its "
	    "position 1-9. Show it in a code block.");
}

static json_t *
status(void)
{
	return string_enum("\"end\" once the game is over.", "continue",
	    "end", END);
}

static json_t *
winner(void)
{
	return string_enum("The winner, \"Draw\", or \"No winner\" while "
	    "the game goes on.", "X", "O", "Draw", "No winner", END);
}

static json_t *
result(const char *description)
{
	return string_enum(description, "X", "O", "Draw", END);
}

/* ---- the request fields: one description for the body and the query ---- */

static json_t *
ai_field(void)
{
	return string_enum("The AI's mark. Leave it out for the classic game: "
	    "the AI is O and may also open. Given, X always moves first and "
	    "it must be the AI's turn.", "X", "O", END);
}

static json_t *
human_move_field(void)
{
	return integer("The human's move, a position 1 (top-left) to 9 "
	    "(bottom-right) on the posted board, which is then the board "
	    "before that move. The worker places it, then the AI replies.",
	    1, 9);
}

static json_t *
level_field(void)
{
	return names_enum("How well the AI plays: perfect (default) never "
	    "loses; hard keeps the best result but varies its moves; medium "
	    "wins or blocks when it can, else plays anywhere; easy plays any "
	    "free cell.", level_name, TTT_LEVEL_EASY + 1);
}

static json_t *
seed_field(void)
{
	return integer("Varies the AI's choice below perfect: the same board, "
	    "level and seed always give the same move. Default 0.",
	    0, GAME_SEED_MAX);
}

struct field {
	const char	*name;
	json_t		*(*schema)(void);
};

static const struct field move_fields[] = {
	{ "ai",		ai_field },
	{ "human_move",	human_move_field },
	{ "level",	level_field },
	{ "seed",	seed_field },
	{ NULL,		NULL }
};

static const struct field hint_fields[] = {
	{ "ai",		ai_field },
	{ NULL,		NULL }
};

/* {"board": Board, fields...}, board required. */
static json_t *
request(const char *description, const struct field *f)
{
	json_t *obj = required(object(description,
	    "board", schema_ref("Board"),
	    END), "board", END);
	json_t *props = json_object_get(obj, "properties");

	for (; f->name != NULL && obj != NULL; f++)
		if (json_object_set_new(props, f->name, f->schema()) != 0) {
			json_decref(obj);
			obj = NULL;
		}
	return obj;
}

static json_t *
move_request(void)
{
	return request("The board, and optionally the human's move and how "
	    "the AI plays. Other keys are ignored.", move_fields);
}

static json_t *
hint_request(void)
{
	return request("The board with the human to move. Other keys are "
	    "ignored.", hint_fields);
}

/*
 * Inline query parameters (the GPT importer drops $ref parameters, and
 * wants scalars): position_1 .. position_9, then the fields, each with the
 * description of its body property.
 */
static json_t *
query_param(const char *name, json_t *schema)
{
	json_t *desc = json_incref(json_object_get(schema, "description")), *p;

	if (schema != NULL)
		json_object_del(schema, "description");
	p = with(with(with(json_object(),
	    "name", json_string(name)),
	    "in", json_string("query")),
	    "required", json_false());
	return with(with(p, "description", desc), "schema", schema);
}

static json_t *
query_params(const struct field *f)
{
	json_t *params = json_array(), *p;
	char name[24], desc[128];	/* wide enough for -O1 range analysis */
	int i;

	for (i = 0; i < TTT_CELLS + 8 && params != NULL; i++) {
		if (i < TTT_CELLS) {
			snprintf(name, sizeof(name), "position_%d", i + 1);
			snprintf(desc, sizeof(desc), "Cell at row %d, column "
			    "%d (1 = top-left, 9 = bottom-right): X, O, or "
			    "empty.", i / 3, i % 3);
			p = query_param(name, string_enum(desc, "X", "O", "",
			    END));
		} else if (f->name != NULL) {
			p = query_param(f->name, f->schema());
			f++;
		} else {
			break;
		}
		if (p == NULL || json_array_append_new(params, p) != 0) {
			json_decref(params);
			params = NULL;
		}
	}
	return params;
}

/* ---- the answers ---- */

static json_t *
move(void)
{
	return closed(required(object("A cell, in both numberings.",
	    "row", integer("Row, 0 (top) to 2.", 0, 2),
	    "col", integer("Column, 0 (left) to 2.", 0, 2),
	    "position", integer("The same cell as 1 (top-left) to 9 "
		"(bottom-right).", 1, 9),
	    END), "row", "col", "position", END));
}

static json_t *
move_result(void)
{
	return closed(required(object("The board after the moves (as sent, "
	    "when the game was already over: then there is no \"move\").",
	    "board", schema_ref("BoardState"),
	    "board_text", board_text(),
	    "status", status(),
	    "winner", winner(),
	    "forecast", result("The result of the returned board if both "
		"sides play perfectly from here."),
	    "winning_line", array_of("The positions of the completed line, "
		"when there is one.", integer(NULL, 1, 9), 3, 3),
	    "human", schema_ref("Move"),
	    "move", schema_ref("Move"),
	    "reason", names_enum("Why the AI chose its move: the first of "
		"win, block (a line of the human's), fork (two threats), "
		"block_fork, then the kind of cell.", reason_name,
		TTT_REASON_EDGE + 1),
	    "message", string("One sentence to relay to the user: the moves "
		"and, once the game is over, the result."),
	    END), "board", "board_text", "status", "winner", "forecast",
	    "message", END));
}

static json_t *
hint_move(void)
{
	return closed(required(object("A move the human could make.",
	    "position", integer("1 (top-left) to 9 (bottom-right).", 1, 9),
	    "row", integer("Row, 0 (top) to 2.", 0, 2),
	    "col", integer("Column, 0 (left) to 2.", 0, 2),
	    "forecast", result("The result after this move if both sides "
		"then play perfectly."),
	    END), "position", "row", "col", "forecast", END));
}

static json_t *
hint_result(void)
{
	return closed(required(object("The human's possible moves, best "
	    "first.",
	    "board", schema_ref("BoardState"),
	    "board_text", board_text(),
	    "status", status(),
	    "winner", winner(),
	    "moves", array_of("Every free cell with its result: the human's "
		"wins first, then draws, then losses; ties in position "
		"order. Empty when the game is over.", schema_ref("HintMove"),
		0, 9),
	    "best", array_of("The positions that share the best result.",
		integer(NULL, 1, 9), 0, 9),
	    END), "board", "board_text", "status", "winner", "moves", "best",
	    END));
}

static json_t *
error(void)
{
	return closed(required(object(NULL,
	    "error", string("What is wrong and how to fix it."),
	    END), "error", END));
}

const struct schema_component schema_components[] = {
	{ "Board",	 board_in },
	{ "BoardState",	 board_out },
	{ "MoveRequest", move_request },
	{ "HintRequest", hint_request },
	{ "Move",	 move },
	{ "MoveResult",	 move_result },
	{ "HintMove",	 hint_move },
	{ "HintResult",	 hint_result },
	{ "Error",	 error },
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
schema_move_params(void)
{
	return query_params(move_fields);
}

json_t *
schema_move_result(void)
{
	return schema_ref("MoveResult");
}

json_t *
schema_hint_body(void)
{
	return schema_ref("HintRequest");
}

json_t *
schema_hint_params(void)
{
	return query_params(hint_fields);
}

json_t *
schema_hint_result(void)
{
	return schema_ref("HintResult");
}
