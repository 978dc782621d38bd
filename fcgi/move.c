/*
 * move.c - /human_move.  POST decodes a JSON body, GET decodes position_1..9
 * from the query; both hand a board to move_respond(), the one code path
 * that checks it (DESIGN.md order: shape 400, impossible 422, over 200,
 * X's turn 422) and lets the engine play O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const state_winner[] = {
	[TTT_STATE_IN_PROGRESS]	= "No winner",
	[TTT_STATE_X_WON]	= "X",
	[TTT_STATE_O_WON]	= "O",
	[TTT_STATE_DRAW]	= "Draw",
};

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

/*
 * The answer has a fixed shape and every value comes from a closed set, so
 * it is assembled from constant pieces: this is the hot path, and both a
 * jansson tree and snprintf cost more than the engine (README, benchmarks).
 */
#define PUT(lit)	(memcpy(o, lit, sizeof(lit) - 1), o += sizeof(lit) - 1)

static size_t
format_answer(char *buf, const ttt_board *b, bool over, const char *winner,
    int move)
{
	static const char cell_json[3][4] = { "\" \"", "\"X\"", "\"O\"" };
	char *o = buf;
	size_t i, wlen = strlen(winner);

	PUT("{\"board\":[[");
	for (i = 0; i < TTT_CELLS; i++) {
		memcpy(o, cell_json[b->cell[i]], 3);
		o += 3;
		if (i == 8)
			PUT("]]");
		else if (i % 3 == 2)
			PUT("],[");
		else
			*o++ = ',';
	}
	if (over)
		PUT(",\"status\":\"end\",\"winner\":\"");
	else
		PUT(",\"status\":\"continue\",\"winner\":\"");
	memcpy(o, winner, wlen);
	o += wlen;
	*o++ = '"';
	if (move >= 0) {
		PUT(",\"move\":{\"row\":");
		*o++ = (char)('0' + move / 3);
		PUT(",\"col\":");
		*o++ = (char)('0' + move % 3);
		PUT(",\"position\":");
		*o++ = (char)('1' + move);
		*o++ = '}';
	}
	*o++ = '}';
	return (size_t)(o - buf);
}

void
move_respond(const ttt_board *in, struct ttt_response *r)
{
	ttt_board board = *in;
	ttt_state state;
	char buf[256];
	int move = -1;
	size_t n;

	if (ttt_position_describe(&board, buf, sizeof(buf)) != TTT_POSITION_OK) {
		resp_error(r, TTT_ERR_UNPROCESSABLE, "%s", buf);
		return;
	}
	state = ttt_game_state(&board);
	if (state == TTT_STATE_IN_PROGRESS) {
		if (ttt_count(&board, TTT_O) > ttt_count(&board, TTT_X)) {
			resp_error(r, TTT_ERR_UNPROCESSABLE,
			    "It is X's turn: O already has one more mark than "
			    "X. The human plays X; add X's move and send the "
			    "board again.");
			return;
		}
		move = ttt_best_move(&board, TTT_O);
		if (move < 0 || ttt_play(&board, move, TTT_O) != 0) {
			resp_error(r, TTT_ERR_INTERNAL,
			    "The engine found no move on an unfinished board.");
			return;
		}
		state = ttt_game_state(&board);
	}
	/* buf (256) holds the longest answer (134 bytes) with room to spare. */
	n = format_answer(buf, &board, state != TTT_STATE_IN_PROGRESS,
	    state_winner[state], move);
	if (resp_raw(r, 200, TTT_JSON_TYPE, buf, n) != 0)
		resp_oom(r);
}

/* ---- POST: {"board": [[c,c,c],[c,c,c],[c,c,c]]} ---- */

static const char shape_hint[] =
    "Send {\"board\": [[\" \",\" \",\" \"],[\" \",\" \",\" \"],"
    "[\" \",\" \",\" \"]]} with each cell \"X\", \"O\" or \" \".";

static int
board_from_json(const json_t *root, ttt_board *b, struct ttt_response *r)
{
	const json_t *rows, *row, *cell;
	size_t i, j;

	if (!json_is_object(root)) {
		resp_error(r, TTT_ERR_BAD_REQUEST, "The body must be a JSON "
		    "object, not %s. %s", json_type_name(root), shape_hint);
		return -1;
	}
	if ((rows = json_object_get(root, "board")) == NULL) {
		resp_error(r, TTT_ERR_BAD_REQUEST,
		    "The body has no \"board\" key. %s", shape_hint);
		return -1;
	}
	if (!json_is_array(rows) || json_array_size(rows) != 3) {
		if (json_is_array(rows))
			resp_error(r, TTT_ERR_BAD_REQUEST, "\"board\" must have "
			    "exactly 3 rows; it has %zu. %s",
			    json_array_size(rows), shape_hint);
		else
			resp_error(r, TTT_ERR_BAD_REQUEST, "\"board\" must be "
			    "an array of 3 rows, not %s. %s",
			    json_type_name(rows), shape_hint);
		return -1;
	}
	for (i = 0; i < 3; i++) {
		row = json_array_get(rows, i);
		if (!json_is_array(row) || json_array_size(row) != 3) {
			if (json_is_array(row))
				resp_error(r, TTT_ERR_BAD_REQUEST, "Row %zu "
				    "(board[%zu]) must have exactly 3 cells; it "
				    "has %zu.", i, i, json_array_size(row));
			else
				resp_error(r, TTT_ERR_BAD_REQUEST, "Row %zu "
				    "(board[%zu]) must be an array of 3 cells, "
				    "not %s.", i, i, json_type_name(row));
			return -1;
		}
		for (j = 0; j < 3; j++) {
			cell = json_array_get(row, j);
			if (!json_is_string(cell)) {
				resp_error(r, TTT_ERR_BAD_REQUEST, "Cell board"
				    "[%zu][%zu] (position %zu) must be \"X\", "
				    "\"O\" or \" \", not %s.", i, j,
				    i * 3 + j + 1, json_type_name(cell));
				return -1;
			}
			if (cell_from_text(json_string_value(cell),
			    json_string_length(cell), &b->cell[i * 3 + j]) != 0) {
				resp_error(r, TTT_ERR_BAD_REQUEST, "Cell board"
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

/* What the reader found (serve.c); 0 when the body is whole and not empty. */
static int
body_complete(const struct ttt_config *cfg, const struct ttt_request *req,
    struct ttt_response *r)
{
	switch (req->body_state) {
	case TTT_BODY_COMPLETE:
		break;
	case TTT_BODY_NO_LENGTH:
		resp_error(r, TTT_ERR_LENGTH_REQUIRED, "POST needs a "
		    "Content-Length header and a JSON body. %s", shape_hint);
		return -1;
	case TTT_BODY_TOO_LARGE:
		resp_error(r, TTT_ERR_TOO_LARGE, "The body is larger than the "
		    "limit of %zu bytes; a board needs fewer than 100.",
		    cfg->body_limit);
		return -1;
	case TTT_BODY_SHORT:
		resp_error(r, TTT_ERR_BAD_REQUEST, "The body ended after %zu "
		    "of the %zu bytes Content-Length announced; send the "
		    "whole body.", req->body_len, req->body_declared);
		return -1;
	case TTT_BODY_MALFORMED:
	default:
		resp_error(r, TTT_ERR_BAD_REQUEST, "Content-Length must be a "
		    "decimal number of bytes.");
		return -1;
	}
	if (req->body_len == 0) {
		resp_error(r, TTT_ERR_BAD_REQUEST, "The body is empty. %s",
		    shape_hint);
		return -1;
	}
	return 0;
}

void
move_post(const struct ttt_config *cfg, const struct ttt_request *req,
    struct ttt_response *r)
{
	json_error_t jerr;
	json_t *root;
	ttt_board board;

	if (body_complete(cfg, req, r) != 0)
		return;
	/* jansson recurses per level (FIELD-NOTES): bound nesting first. */
	if (!json_depth_ok(req->body, req->body_len, TTT_JSON_DEPTH_MAX)) {
		resp_error(r, TTT_ERR_BAD_REQUEST, "The JSON is nested deeper "
		    "than %d levels. %s", TTT_JSON_DEPTH_MAX, shape_hint);
		return;
	}
	root = json_loadb((const char *)req->body, req->body_len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		resp_error(r, TTT_ERR_BAD_REQUEST, "The body is not valid JSON "
		    "(%s at line %d, column %d). %s", jerr.text, jerr.line,
		    jerr.column, shape_hint);
		return;
	}
	if (board_from_json(root, &board, r) == 0)
		move_respond(&board, r);
	json_decref(root);
}

/* ---- GET: ?position_1=X&...&position_9= ---- */

void
move_get(const struct ttt_config *cfg, const struct ttt_request *req,
    struct ttt_response *r)
{
	char err[256];
	struct query q;
	ttt_board board;
	bool seen[TTT_CELLS] = { false };
	enum ttt_err e;
	const char *name, *value;
	size_t i;
	int pos;

	(void)cfg;
	memset(&board, 0, sizeof(board));
	if ((e = query_parse(req->query, &q, err, sizeof(err))) != TTT_OK) {
		if (e == TTT_ERR_INTERNAL)
			resp_oom(r);
		else
			resp_error(r, e, "%s", err);
		query_free(&q);
		return;
	}
	for (i = 0; i < q.count; i++) {
		name = q.params[i].name;
		value = q.params[i].value;
		/* Unknown parameters are ignored, like unknown body keys. */
		if (strncmp(name, "position_", 9) != 0 || name[9] < '1' ||
		    name[9] > '9' || name[10] != '\0')
			continue;
		pos = name[9] - '1';
		if (seen[pos]) {
			resp_error(r, TTT_ERR_BAD_REQUEST, "%s is given more "
			    "than once; give each position_N at most once.",
			    name);
			query_free(&q);
			return;
		}
		seen[pos] = true;
		if (cell_from_text(value, strlen(value), &board.cell[pos]) != 0) {
			resp_error(r, TTT_ERR_BAD_REQUEST, "%s must be X, O or "
			    "empty (capital letters), not \"%.16s\".", name,
			    value);
			query_free(&q);
			return;
		}
	}
	query_free(&q);
	move_respond(&board, r);
}
