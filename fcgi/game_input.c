/*
 * game_input.c - the fields of a game request (/human_move, /hint and
 * their MCP tools), from a JSON body (POST), a JSON object (MCP
 * arguments) or query parameters (GET), into one struct game_input.
 * Every form reads the one field table (game_field.h) and its one parser,
 * so after decoding they share one code path.
 *
 * Order of checks: the body as a whole (length, JSON), then the board,
 * then the other fields in the table's order; the first malformed one is
 * a 400 naming it.  Unknown keys and parameters are ignored, and so are
 * fields an operation does not take.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game_field.h"
#include "game_input.h"
#include "handler_internal.h"
#include "ops/ops.h"

#define MUST_MAX	160	/* the longest "must be" phrase, with room */

static void
defaults(struct game_input *in)
{
	memset(in, 0, sizeof(*in));
	in->ai = TTT_EMPTY;
	in->human_move = -1;
	in->level = TTT_LEVEL_PERFECT;
	in->seed = 0;
}

/* The field's "must be" phrase in buf (cut short if it ever outgrew it). */
static const char *
must(const struct game_field *f, char *buf, size_t size)
{
	struct strbuf sb;

	strbuf_init(&sb, buf, size);
	game_field_must(f, &sb);
	return buf;
}

/* Cell value as sent by a client: "X", "O", " " or "" (empty). */
static int
cell_from_text(const char *s, size_t len, uint8_t *cell)
{
	if (len == 0 || (len == 1 && s[0] == ' '))
		*cell = TTT_EMPTY;
	else if (len == 1 && s[0] == 'X')
		*cell = TTT_X;
	else if (len == 1 && s[0] == 'O')
		*cell = TTT_O;
	else
		return -1;
	return 0;
}

/* ---- JSON: {"board": [[c,c,c],[c,c,c],[c,c,c]], "ai": "O", ...} ---- */

static const char shape_hint[] =
    "Send {\"board\": [[\" \",\" \",\" \"],[\" \",\" \",\" \"],"
    "[\" \",\" \",\" \"]]} with each cell \"X\", \"O\" or \" \".";

/* "row 2": the prose counts rows from 1, board[1] is JSON's index. */
static int
row_refused(const json_t *row, size_t i, struct handler_response *r)
{
	if (json_is_array(row))
		response_error(r, HANDLER_ERR_BAD_REQUEST, "Row %zu (board[%zu]) "
		    "must have exactly 3 cells; it has %zu.", i + 1, i,
		    json_array_size(row));
	else
		response_error(r, HANDLER_ERR_BAD_REQUEST, "Row %zu (board[%zu]) "
		    "must be an array of 3 cells, not %s.", i + 1, i,
		    jsonutil_type_name(row));
	return -1;
}

/* One cell, board[i][j]. */
static int
cell_from_json(const json_t *cell, size_t i, size_t j, ttt_board *b,
    struct handler_response *r)
{
	if (!json_is_string(cell)) {
		response_error(r, HANDLER_ERR_BAD_REQUEST, "Cell board[%zu][%zu] "
		    "(position %zu) must be \"X\", \"O\" or \" \", not %s.", i, j,
		    i * 3 + j + 1, jsonutil_type_name(cell));
		return -1;
	}
	if (cell_from_text(json_string_value(cell), json_string_length(cell),
	    &b->cell[i * 3 + j]) != 0) {
		response_error(r, HANDLER_ERR_BAD_REQUEST, "Cell board[%zu][%zu] "
		    "(position %zu) must be \"X\", \"O\" or \" \" (capital "
		    "letters), not \"%.16s\".", i, j, i * 3 + j + 1,
		    json_string_value(cell));
		return -1;
	}
	return 0;
}

/* The "board" key: an array of 3 rows. */
static const json_t *
rows_of(const json_t *root, struct handler_response *r)
{
	const json_t *rows;

	if (!json_is_object(root))
		response_error(r, HANDLER_ERR_BAD_REQUEST, "The body must be a JSON "
		    "object, not %s. %s", jsonutil_type_name(root), shape_hint);
	else if ((rows = json_object_get(root, "board")) == NULL)
		response_error(r, HANDLER_ERR_BAD_REQUEST, "The body has no "
		    "\"board\" key. %s", shape_hint);
	else if (!json_is_array(rows))
		response_error(r, HANDLER_ERR_BAD_REQUEST, "\"board\" must be an "
		    "array of 3 rows, not %s. %s", jsonutil_type_name(rows),
		    shape_hint);
	else if (json_array_size(rows) != 3)
		response_error(r, HANDLER_ERR_BAD_REQUEST, "\"board\" must have "
		    "exactly 3 rows; it has %zu. %s", json_array_size(rows),
		    shape_hint);
	else
		return rows;
	return NULL;
}

/* Row i of the board: an array of 3 cells. */
static int
row_from_json(const json_t *row, size_t i, ttt_board *b,
    struct handler_response *r)
{
	size_t j;

	if (!json_is_array(row) || json_array_size(row) != 3)
		return row_refused(row, i, r);
	for (j = 0; j < 3; j++)
		if (cell_from_json(json_array_get(row, j), i, j, b, r) != 0)
			return -1;
	return 0;
}

static int
board_from_json(const json_t *root, ttt_board *b, struct handler_response *r)
{
	const json_t *rows;
	size_t i;

	if ((rows = rows_of(root, r)) == NULL)
		return -1;
	for (i = 0; i < 3; i++)
		if (row_from_json(json_array_get(rows, i), i, b, r) != 0)
			return -1;
	return 0;
}

/* A JSON value as the text the field's parser reads ("" if it cannot be
 * valid: too long, or holding a NUL). */
static void
json_text(const json_t *v, char *text, size_t size)
{
	if (json_is_integer(v))
		snprintf(text, size, "%lld", (long long)json_integer_value(v));
	else if (json_string_length(v) >= size ||
	    strlen(json_string_value(v)) != json_string_length(v))
		text[0] = '\0';
	else
		snprintf(text, size, "%s", json_string_value(v));
}

/* One field of the body: its JSON type first, then the shared parser. */
static int
field_from_json(const struct game_field *f, const json_t *v,
    struct game_input *in, struct handler_response *r)
{
	json_type type = f->kind == GAME_FIELD_NAME ? JSON_STRING : JSON_INTEGER;
	char text[24], m[MUST_MAX];

	if (json_typeof(v) != type) {
		response_error(r, HANDLER_ERR_BAD_REQUEST, "\"%s\" must be %s, not "
		    "%s; leave it out for the default.", f->name,
		    must(f, m, sizeof(m)), jsonutil_type_name(v));
		return -1;
	}
	json_text(v, text, sizeof(text));
	if (text[0] != '\0' && game_field_parse(f, text, in) == 0)
		return 0;
	if (type == JSON_STRING)
		response_error(r, HANDLER_ERR_BAD_REQUEST, "\"%s\" must be %s, not "
		    "\"%.16s\".", f->name, must(f, m, sizeof(m)),
		    json_string_value(v));
	else
		response_error(r, HANDLER_ERR_BAD_REQUEST, "\"%s\" must be %s, not "
		    "%s.", f->name, must(f, m, sizeof(m)), text);
	return -1;
}

int
game_input_from_json(const json_t *root, unsigned takes,
    struct game_input *in, struct handler_response *r)
{
	const struct game_field *f;
	const json_t *v;
	size_t i;

	defaults(in);
	if (board_from_json(root, &in->board, r) != 0)
		return -1;
	for (i = 0; i < game_field_count; i++) {
		f = &game_field_table[i];
		if (f->kind == GAME_FIELD_BOARD || (takes & f->flag) == 0 ||
		    (v = json_object_get(root, f->name)) == NULL)
			continue;
		if (field_from_json(f, v, in, r) != 0)
			return -1;
	}
	return 0;
}

/* What the reader found (cycle.c); 0 when the body is whole and not empty. */
static int
body_complete(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	switch (req->body_state) {
	case HANDLER_BODY_COMPLETE:
		break;
	case HANDLER_BODY_NO_LENGTH:
		ops_count_body_refused(OPS_BODY_NO_LENGTH);
		response_error(r, HANDLER_ERR_LENGTH_REQUIRED, "POST needs a "
		    "Content-Length header and a JSON body. %s", shape_hint);
		return -1;
	case HANDLER_BODY_TOO_LARGE:
		ops_count_body_refused(OPS_BODY_TOO_LARGE);
		response_error(r, HANDLER_ERR_TOO_LARGE, "The body is larger than the "
		    "limit of %zu bytes (body_limit); a board needs fewer than 100.",
		    cfg->body_limit);
		return -1;
	case HANDLER_BODY_SHORT:
		ops_count_body_refused(OPS_BODY_SHORT);
		response_error(r, HANDLER_ERR_BAD_REQUEST, "The body ended after %zu "
		    "of the %zu bytes Content-Length announced; send the "
		    "whole body.", req->body_len, req->body_declared);
		return -1;
	case HANDLER_BODY_MALFORMED:
	default:
		ops_count_body_refused(OPS_BODY_MALFORMED);
		response_error(r, HANDLER_ERR_BAD_REQUEST, "Content-Length must be a "
		    "decimal number of bytes.");
		return -1;
	}
	if (req->body_len == 0) {
		ops_count_body_refused(OPS_BODY_EMPTY);
		response_error(r, HANDLER_ERR_BAD_REQUEST, "The body is empty. %s",
		    shape_hint);
		return -1;
	}
	return 0;
}

int
game_input_from_body(const struct config *cfg, const struct handler_request *req,
    unsigned takes, struct game_input *in, struct handler_response *r)
{
	/* Zeroed: jansson leaves it untouched when it fails before parsing
	 * (out of memory), and the check below reads it. */
	json_error_t jerr = { .line = 0 };
	json_t *root;
	int rc;

	defaults(in);
	if (body_complete(cfg, req, r) != 0)
		return -1;
	/* jansson's parser recurses once per level: bound nesting first. */
	if (!jsonutil_depth_ok(req->body, req->body_len, JSON_DEPTH_MAX)) {
		response_error(r, HANDLER_ERR_BAD_REQUEST, "The JSON is nested deeper "
		    "than %d levels (json_depth). %s", JSON_DEPTH_MAX, shape_hint);
		return -1;
	}
	root = json_loadb((const char *)req->body, req->body_len,
	    JSON_REJECT_DUPLICATES, &jerr);
	/* Out of memory is our failure, not the client's JSON; jansson
	 * says so with its error code, or (when it could not even start)
	 * with no error text at all. */
	if (root == NULL && (json_error_code(&jerr) ==
	    json_error_out_of_memory || jerr.text[0] == '\0')) {
		response_oom(r);
		return -1;
	}
	if (root == NULL) {
		response_error(r, HANDLER_ERR_BAD_REQUEST, "The body is not valid JSON "
		    "(%s at line %d, column %d). %s", jerr.text, jerr.line,
		    jerr.column, shape_hint);
		return -1;
	}
	rc = game_input_from_json(root, takes, in, r);
	json_decref(root);
	return rc;
}

/* ---- GET: ?position_1=X&...&position_9=&ai=O&human_move=5&... ---- */

/* The cell of "position_N", or -1 for another name. */
static int
position_of(const char *name)
{
	if (strncmp(name, "position_", 9) != 0 || name[9] < '1' ||
	    name[9] > '9' || name[10] != '\0')
		return -1;
	return name[9] - '1';
}

/* position_1 .. position_9, each at most once, whatever their order. */
static int
board_from_query(const struct query *q, ttt_board *b,
    struct handler_response *r)
{
	bool seen[TTT_CELLS] = { false };
	const struct query_param *p;
	size_t i;
	int pos;

	/* By index: an empty query has no params array at all. */
	for (i = 0; i < q->count; i++) {
		p = &q->params[i];
		if ((pos = position_of(p->name)) < 0)
			continue;
		if (seen[pos]) {
			response_error(r, HANDLER_ERR_BAD_REQUEST, "%s is given more "
			    "than once; give each position_N at most once.",
			    p->name);
			return -1;
		}
		seen[pos] = true;
		if (cell_from_text(p->value, strlen(p->value), &b->cell[pos]) != 0) {
			response_error(r, HANDLER_ERR_BAD_REQUEST, "%s must be X, O or "
			    "empty (capital letters), not \"%.16s\".", p->name,
			    p->value);
			return -1;
		}
	}
	return 0;
}

/* One field: at most one parameter of its name, and a value it takes. */
static int
field_from_query(const struct game_field *f, const struct query *q,
    struct game_input *in, struct handler_response *r)
{
	const struct query_param *p, *found = NULL;
	char m[MUST_MAX];
	size_t i;

	for (i = 0; i < q->count; i++) {
		p = &q->params[i];
		if (strcmp(p->name, f->name) != 0)
			continue;
		if (found != NULL) {
			response_error(r, HANDLER_ERR_BAD_REQUEST, "%s is given more "
			    "than once; give it at most once.", f->name);
			return -1;
		}
		found = p;
		if (game_field_parse(f, p->value, in) != 0) {
			response_error(r, HANDLER_ERR_BAD_REQUEST, "%s must be %s, "
			    "not \"%.16s\".", f->name, must(f, m, sizeof(m)),
			    p->value);
			return -1;
		}
	}
	return 0;
}

int
game_input_from_query(const struct handler_request *req, unsigned takes,
    struct game_input *in, struct handler_response *r)
{
	const struct game_field *f;
	struct query q;
	char err[256];
	enum handler_err e;
	int rc;

	defaults(in);
	if ((e = query_parse(req->query, &q, err, sizeof(err))) != HANDLER_OK) {
		if (e == HANDLER_ERR_INTERNAL)
			response_oom(r);
		else
			response_error(r, e, "%s", err);
		query_free(&q);
		return -1;
	}
	rc = board_from_query(&q, &in->board, r);
	for (f = game_field_table; rc == 0 &&
	    f < game_field_table + game_field_count; f++)
		if (f->kind != GAME_FIELD_BOARD && (takes & f->flag) != 0)
			rc = field_from_query(f, &q, in, r);
	query_free(&q);
	return rc;
}
