/*
 * schema.c - the JSON Schemas of the API (OpenAPI 3.1 uses JSON Schema
 * 2020-12), written with a handful of small helpers so that each schema
 * reads like the document it produces.
 *
 * Ownership: the rule of jsonutil.h.  Every helper returns a new
 * reference and steals the references it is given; on ENOMEM it returns
 * NULL, and given a NULL it returns NULL (after releasing its other
 * arguments), so one check at the top of a tree catches every failure
 * below it.
 *
 * GPT-action rules followed here: every object schema declares its
 * properties; no nullable unions; parameters are inline scalars.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "game_field.h"
#include "handler_internal.h"
#include "jsonutil.h"
#include "operation.h"
#include "schema.h"

/*
 * The end of a variadic list: a null pointer of the type va_arg reads.  A
 * bare NULL may be a plain 0 of type int, which va_arg(ap, const char *)
 * must not read (C11 7.16.1.1).
 */
#define END	((const char *)NULL)

#define REF_PREFIX	"#/components/schemas/"

/* ---- helpers ---- */

/* {"type": type, "description": description} (description may be NULL). */
static json_t *
typed(const char *type, const char *description)
{
	json_t *s = jsonutil_set(json_object(), "type", json_string(type));

	return description != NULL ?
	    jsonutil_set(s, "description", json_string(description)) : s;
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
	return jsonutil_set(string(description), "enum", values);
}

static json_t *
integer(const char *description, json_int_t min, json_int_t max)
{
	return jsonutil_set(jsonutil_set(typed("integer", description),
	    "minimum", json_integer(min)), "maximum", json_integer(max));
}

/* An array of `items`, with minItems/maxItems when they are >= 0. */
static json_t *
array_of(const char *description, json_t *items, int min, int max)
{
	json_t *s = jsonutil_set(typed("array", description), "items", items);

	if (min >= 0)
		s = jsonutil_set(s, "minItems", json_integer(min));
	if (max >= 0)
		s = jsonutil_set(s, "maxItems", json_integer(max));
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
			props = jsonutil_set(props, name, s);
	}
	va_end(ap);
	return jsonutil_set(typed("object", description), "properties", props);
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
	return jsonutil_set(obj, "required", names);
}

/* No keys beyond the declared properties (answers: we know every key). */
static json_t *
closed(json_t *obj)
{
	return jsonutil_set(obj, "additionalProperties", json_false());
}

json_t *
schema_ref(const char *component)
{
	char ref[96];

	snprintf(ref, sizeof(ref), REF_PREFIX "%s", component);
	return jsonutil_set(json_object(), "$ref", json_string(ref));
}

/* A string enum of names produced by the engine or the field table, so
 * the schema and the parser cannot differ. */
static json_t *
names_enum(const char *description, const char *(*name)(int), int count)
{
	json_t *values = json_array();
	int i;

	for (i = 0; i < count; i++)
		values = jsonutil_append(values, json_string(name(i)));
	return jsonutil_set(string(description), "enum", values);
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

/* ---- the requests: one schema per field of the table ---- */

/* A string enum of the field's names, or an integer range. */
static json_t *
field_schema(const struct game_field *f)
{
	if (f->kind == GAME_FIELD_BOARD)
		return schema_ref("Board");
	if (f->kind == GAME_FIELD_INTEGER)
		return integer(f->description, f->min, f->max);
	return names_enum(f->description, f->value_name, f->nnames);
}

/* The fields op takes, as properties and the required list. */
json_t *
schema_request(const struct operation *op)
{
	json_t *props = json_object(), *req = json_array();
	const struct game_field *f;

	for (f = game_field_table; f < game_field_table + game_field_count; f++) {
		if ((op->takes & f->flag) == 0)
			continue;
		props = jsonutil_set(props, f->name, field_schema(f));
		if (f->kind == GAME_FIELD_BOARD)
			req = jsonutil_append(req, json_string(f->name));
	}
	return jsonutil_set(jsonutil_set(typed("object", op->request_text),
	    "properties", props), "required", req);
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
	p = jsonutil_set(jsonutil_set(jsonutil_set(json_object(),
	    "name", json_string(name)),
	    "in", json_string("query")),
	    "required", json_false());
	return jsonutil_set(jsonutil_set(p, "description", desc), "schema",
	    schema);
}

/* position_N: "Cell at row 2, column 2 (1 = top-left, ...)". */
static json_t *
position_param(int cell)
{
	char name[24], desc[128];
	struct strbuf sb;

	snprintf(name, sizeof(name), "position_%d", cell + 1);
	strbuf_init(&sb, desc, sizeof(desc));
	strbuf_put(&sb, "Cell at ");
	game_cell_words(cell, &sb);
	strbuf_put(&sb, " (1 = top-left, 9 = bottom-right): X, O, or empty.");
	if (!strbuf_ok(&sb))
		return NULL;
	return query_param(name, string_enum(desc, "X", "O", "", END));
}

json_t *
schema_query_params(const struct operation *op)
{
	json_t *params = json_array();
	const struct game_field *f;
	int i;

	for (i = 0; i < TTT_CELLS; i++)
		params = jsonutil_append(params, position_param(i));
	for (f = game_field_table; f < game_field_table + game_field_count; f++)
		if ((op->takes & f->flag) != 0 && f->kind != GAME_FIELD_BOARD)
			params = jsonutil_append(params, query_param(f->name,
			    field_schema(f)));
	return params;
}

/* ---- the answers ---- */

/*
 * The JSON row and col count from 0, as the first version of the API did;
 * every sentence counts from 1 (game_cell_words()), so the two say which
 * is which.
 */
#define ROW_TEXT	"Row, counted from 0: 0 (top) to 2 (bottom). Sentences " \
			"count rows from 1."
#define COL_TEXT	"Column, counted from 0: 0 (left) to 2 (right). " \
			"Sentences count columns from 1."

static json_t *
move(void)
{
	return closed(required(object("A cell, in both numberings.",
	    "row", integer(ROW_TEXT, 0, 2),
	    "col", integer(COL_TEXT, 0, 2),
	    "position", integer("The same cell as 1 (top-left) to 9 "
		"(bottom-right).", 1, 9),
	    END), "row", "col", "position", END));
}

json_t *
schema_move_answer(void)
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
		TTT_REASON__MAX),
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
	    "row", integer(ROW_TEXT, 0, 2),
	    "col", integer(COL_TEXT, 0, 2),
	    "forecast", result("The result after this move if both sides "
		"then play perfectly."),
	    END), "position", "row", "col", "forecast", END));
}

json_t *
schema_hint_answer(void)
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

/* The schemas named by a $ref: the fixed ones, then each operation's
 * request and answer under the names its declaration gives them. */
static const struct {
	const char	*name;
	json_t		*(*build)(void);
} fixed[] = {
	{ "Board",	board_in },
	{ "BoardState",	board_out },
	{ "Move",	move },
	{ "HintMove",	hint_move },
	{ "Error",	error },
};
#define NFIXED	(sizeof(fixed) / sizeof(fixed[0]))

/* The component called name, or NULL (also for an unknown name). */
static json_t *
component_build(const char *name)
{
	const struct operation *op;
	size_t i;

	for (i = 0; i < NFIXED; i++)
		if (strcmp(fixed[i].name, name) == 0)
			return fixed[i].build();
	for (op = operation_table; op < operation_table + operation_count; op++) {
		if (strcmp(op->request_component, name) == 0)
			return schema_request(op);
		if (strcmp(op->answer_component, name) == 0)
			return op->answer_schema();
	}
	return NULL;
}

json_t *
schema_components(void)
{
	json_t *all = json_object();
	const struct operation *op;
	size_t i;

	for (i = 0; i < NFIXED; i++)
		all = jsonutil_set(all, fixed[i].name, fixed[i].build());
	for (op = operation_table; op < operation_table + operation_count; op++)
		all = jsonutil_set(jsonutil_set(all, op->request_component,
		    schema_request(op)), op->answer_component,
		    op->answer_schema());
	return all;
}

#define INLINE_DEPTH	16	/* our schemas nest 6 deep; a cycle stops here */

static json_t *inline_refs(json_t *, int);

/* The component a {"$ref": ...} object names, inlined in turn. */
static json_t *
inline_ref(json_t *s, const char *ref, int depth)
{
	json_t *c = NULL;

	if (strncmp(ref, REF_PREFIX, strlen(REF_PREFIX)) == 0)
		c = component_build(ref + strlen(REF_PREFIX));
	json_decref(s);
	return inline_refs(c, depth + 1);
}

/* A copy of s (stolen) with each $ref replaced by its component. */
static json_t *
inline_refs(json_t *s, int depth)
{
	json_t *out = NULL, *v, *ref = json_object_get(s, "$ref");
	const char *key;
	size_t i;

	if (s == NULL || depth > INLINE_DEPTH) {
		json_decref(s);
		return NULL;
	}
	if (json_is_string(ref))
		return inline_ref(s, json_string_value(ref), depth);
	if (json_is_object(s)) {
		out = json_object();
		json_object_foreach(s, key, v)
			out = jsonutil_set(out, key, inline_refs(json_incref(v),
			    depth + 1));
	} else if (json_is_array(s)) {
		out = json_array();
		json_array_foreach(s, i, v)
			out = jsonutil_append(out, inline_refs(json_incref(v),
			    depth + 1));
	} else {
		return s;
	}
	json_decref(s);
	return out;
}

json_t *
schema_inline(json_t *schema)
{
	return inline_refs(schema, 0);
}
