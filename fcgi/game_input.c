/*
 * game_input.c - the fields of a game request (/human_move, /hint), from a
 * JSON body (POST) or from query parameters (GET), into one struct
 * game_input.  Both forms use the same names and the same validators, so
 * after decoding the two share one code path.
 *
 * Order of checks: the body as a whole (length, JSON), then the board,
 * then the other fields in the order of the table below; the first
 * malformed one is a 400 naming it.  Unknown keys and parameters are
 * ignored, and so are fields an endpoint does not take.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handler_internal.h"
#include "ops/ops.h"

/* ---- one validator per field, on the field's text ---- */

static int
parse_ai(const char *s, struct game_input *in)
{
	if (strcmp(s, "X") == 0)
		in->ai = TTT_X;
	else if (strcmp(s, "O") == 0)
		in->ai = TTT_O;
	else
		return -1;
	return 0;
}

static int
parse_human_move(const char *s, struct game_input *in)
{
	if (s[0] < '1' || s[0] > '9' || s[1] != '\0')
		return -1;
	in->human_move = s[0] - '1';
	return 0;
}

static int
parse_level(const char *s, struct game_input *in)
{
	return ttt_level_from_name(s, &in->level);
}

/* 0 .. 2^31 - 1, decimal digits only (no sign, no spaces). */
static int
parse_seed(const char *s, struct game_input *in)
{
	unsigned long long v = 0;
	size_t i;

	if (s[0] == '\0' || strlen(s) > 10)
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long long)(s[i] - '0');
	}
	if (v > GAME_SEED_MAX)
		return -1;
	in->seed = (uint32_t)v;
	return 0;
}

static const struct game_field {
	const char	*name;
	unsigned	 flag;
	json_type	 json;		/* the JSON type a body must use */
	int		(*parse)(const char *, struct game_input *);
	const char	*must;		/* completes "<name> must be ..." */
} fields[] = {
	{ "ai", GAME_AI, JSON_STRING, parse_ai,
	  "\"X\" or \"O\" (capital letters), the AI's mark" },
	{ "human_move", GAME_HUMAN_MOVE, JSON_INTEGER, parse_human_move,
	  "an integer from 1 to 9, the human's position (1 = top-left, "
	  "9 = bottom-right)" },
	{ "level", GAME_LEVEL, JSON_STRING, parse_level,
	  "\"perfect\", \"hard\", \"medium\" or \"easy\"" },
	{ "seed", GAME_SEED, JSON_INTEGER, parse_seed,
	  "an integer from 0 to 2147483647" },
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

static void
defaults(struct game_input *in)
{
	memset(in, 0, sizeof(*in));
	in->ai = TTT_EMPTY;
	in->human_move = -1;
	in->level = TTT_LEVEL_PERFECT;
	in->seed = 0;
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

/* ---- POST: {"board": [[c,c,c],[c,c,c],[c,c,c]], "ai": "O", ...} ---- */

static const char shape_hint[] =
    "Send {\"board\": [[\" \",\" \",\" \"],[\" \",\" \",\" \"],"
    "[\" \",\" \",\" \"]]} with each cell \"X\", \"O\" or \" \".";

static int
board_from_json(const json_t *root, ttt_board *b, struct handler_response *r)
{
	const json_t *rows, *row, *cell;
	size_t i, j;

	if (!json_is_object(root)) {
		response_error(r, HANDLER_ERR_BAD_REQUEST, "The body must be a JSON "
		    "object, not %s. %s", jsonutil_type_name(root), shape_hint);
		return -1;
	}
	if ((rows = json_object_get(root, "board")) == NULL) {
		response_error(r, HANDLER_ERR_BAD_REQUEST,
		    "The body has no \"board\" key. %s", shape_hint);
		return -1;
	}
	if (!json_is_array(rows) || json_array_size(rows) != 3) {
		if (json_is_array(rows))
			response_error(r, HANDLER_ERR_BAD_REQUEST, "\"board\" must have "
			    "exactly 3 rows; it has %zu. %s",
			    json_array_size(rows), shape_hint);
		else
			response_error(r, HANDLER_ERR_BAD_REQUEST, "\"board\" must be "
			    "an array of 3 rows, not %s. %s",
			    jsonutil_type_name(rows), shape_hint);
		return -1;
	}
	for (i = 0; i < 3; i++) {
		row = json_array_get(rows, i);
		if (!json_is_array(row) || json_array_size(row) != 3) {
			if (json_is_array(row))
				response_error(r, HANDLER_ERR_BAD_REQUEST, "Row %zu "
				    "(board[%zu]) must have exactly 3 cells; it "
				    "has %zu.", i, i, json_array_size(row));
			else
				response_error(r, HANDLER_ERR_BAD_REQUEST, "Row %zu "
				    "(board[%zu]) must be an array of 3 cells, "
				    "not %s.", i, i, jsonutil_type_name(row));
			return -1;
		}
		for (j = 0; j < 3; j++) {
			cell = json_array_get(row, j);
			if (!json_is_string(cell)) {
				response_error(r, HANDLER_ERR_BAD_REQUEST, "Cell board"
				    "[%zu][%zu] (position %zu) must be \"X\", "
				    "\"O\" or \" \", not %s.", i, j,
				    i * 3 + j + 1, jsonutil_type_name(cell));
				return -1;
			}
			if (cell_from_text(json_string_value(cell),
			    json_string_length(cell), &b->cell[i * 3 + j]) != 0) {
				response_error(r, HANDLER_ERR_BAD_REQUEST, "Cell board"
				    "[%zu][%zu] (position %zu) must be \"X\", "
				    "\"O\" or \" \" (capital letters), not "
				    "\"%.16s\".", i, j, i * 3 + j + 1,
				    json_string_value(cell));
				return -1;
			}
		}
	}
	return 0;
}

/* One field of the body: its JSON type first, then the shared validator. */
static int
field_from_json(const struct game_field *f, const json_t *v,
    struct game_input *in, struct handler_response *r)
{
	char text[24];

	if (json_typeof(v) != f->json) {
		response_error(r, HANDLER_ERR_BAD_REQUEST, "\"%s\" must be %s, not %s; "
		    "leave it out for the default.", f->name, f->must,
		    jsonutil_type_name(v));
		return -1;
	}
	if (f->json == JSON_INTEGER)
		snprintf(text, sizeof(text), "%lld",
		    (long long)json_integer_value(v));
	else if (json_string_length(v) >= sizeof(text) ||
	    strlen(json_string_value(v)) != json_string_length(v))
		text[0] = '\0';		/* too long (or odd) to be valid */
	else
		snprintf(text, sizeof(text), "%s", json_string_value(v));
	if (text[0] == '\0' || f->parse(text, in) != 0) {
		response_error(r, HANDLER_ERR_BAD_REQUEST, "\"%s\" must be %s, not "
		    "%s%.16s%s.", f->name, f->must, f->json == JSON_STRING ?
		    "\"" : "", f->json == JSON_STRING ? json_string_value(v) :
		    text, f->json == JSON_STRING ? "\"" : "");
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
	json_error_t jerr;
	json_t *root, *v;
	size_t i;
	int rc = -1;

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
	if (root == NULL) {
		response_error(r, HANDLER_ERR_BAD_REQUEST, "The body is not valid JSON "
		    "(%s at line %d, column %d). %s", jerr.text, jerr.line,
		    jerr.column, shape_hint);
		return -1;
	}
	if (board_from_json(root, &in->board, r) != 0)
		goto out;
	for (i = 0; i < NFIELDS; i++)
		if ((takes & fields[i].flag) != 0 &&
		    (v = json_object_get(root, fields[i].name)) != NULL &&
		    field_from_json(&fields[i], v, in, r) != 0)
			goto out;
	rc = 0;
out:
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

int
game_input_from_query(const struct handler_request *req, unsigned takes,
    struct game_input *in, struct handler_response *r)
{
	bool seen_cell[TTT_CELLS] = { false }, seen[NFIELDS] = { false };
	const char *name, *value;
	struct query q;
	char err[256];
	enum handler_err e;
	size_t i, k;
	int pos, rc = -1;

	defaults(in);
	if ((e = query_parse(req->query, &q, err, sizeof(err))) != HANDLER_OK) {
		if (e == HANDLER_ERR_INTERNAL)
			response_oom(r);
		else
			response_error(r, e, "%s", err);
		query_free(&q);
		return -1;
	}
	/* The board first, whatever the order of the parameters. */
	for (i = 0; i < q.count; i++) {
		name = q.params[i].name;
		value = q.params[i].value;
		if ((pos = position_of(name)) < 0)
			continue;
		if (seen_cell[pos]) {
			response_error(r, HANDLER_ERR_BAD_REQUEST, "%s is given more "
			    "than once; give each position_N at most once.",
			    name);
			goto out;
		}
		seen_cell[pos] = true;
		if (cell_from_text(value, strlen(value), &in->board.cell[pos]) != 0) {
			response_error(r, HANDLER_ERR_BAD_REQUEST, "%s must be X, O or "
			    "empty (capital letters), not \"%.16s\".", name,
			    value);
			goto out;
		}
	}
	/* Then the fields, in the table's order. */
	for (k = 0; k < NFIELDS; k++) {
		if ((takes & fields[k].flag) == 0)
			continue;
		for (i = 0; i < q.count; i++) {
			if (strcmp(q.params[i].name, fields[k].name) != 0)
				continue;
			if (seen[k]) {
				response_error(r, HANDLER_ERR_BAD_REQUEST, "%s is given "
				    "more than once; give it at most once.",
				    fields[k].name);
				goto out;
			}
			seen[k] = true;
			if (fields[k].parse(q.params[i].value, in) != 0) {
				response_error(r, HANDLER_ERR_BAD_REQUEST, "%s must be "
				    "%s, not \"%.16s\".", fields[k].name,
				    fields[k].must, q.params[i].value);
				goto out;
			}
		}
	}
	rc = 0;
out:
	query_free(&q);
	return rc;
}
