/*
 * hint.c - /hint: every move the human could make, with its result under
 * perfect play, best first.  The same board and "ai" as /human_move and the
 * same decoding (game_input.c, called by route.c for the operation
 * declared in operation.c); the human's mark is the one that is not the
 * AI's, and it must be the human's turn by the standard rule.
 *
 * Not the hot path: the answer is built with jansson, under the
 * ownership rule of jsonutil.h.
 */
#include <string.h>

#include "game_input.h"
#include "handler_internal.h"

/* The board as rows of marks, as the POST body sends it. */
static json_t *
board_json(const ttt_board *b)
{
	json_t *rows = json_array(), *row;
	size_t i, j;

	for (i = 0; i < 3; i++) {
		row = json_array();
		for (j = 0; j < 3; j++)
			row = jsonutil_append(row, json_string(game_mark(
			    (ttt_cell)b->cell[i * 3 + j])));
		rows = jsonutil_append(rows, row);
	}
	return rows;
}

/* One rated move: position, row and col (from 0), forecast. */
static json_t *
move_json(const struct ttt_hint_move *m)
{
	return json_pack("{s:i, s:i, s:i, s:s}", "position", m->cell + 1,
	    "row", m->cell / 3, "col", m->cell % 3,
	    "forecast", game_result(m->forecast));
}

/* The answer for a board where it is the human's turn (or none: over). */
static json_t *
hint_json(const ttt_board *b, ttt_cell human, ttt_state state)
{
	struct ttt_hint_move moves[TTT_CELLS];
	char text[TTT_BOARD_TEXT_SIZE];
	json_t *list = json_array(), *best = json_array(), *doc;
	int n = 0, nbest = 0, i;

	if (state == TTT_STATE_IN_PROGRESS)
		n = ttt_hint(b, human, moves, &nbest);
	for (i = 0; i < n; i++) {
		list = jsonutil_append(list, move_json(&moves[i]));
		if (i < nbest)
			best = jsonutil_append(best, json_integer(moves[i].cell + 1));
	}
	ttt_board_text(b, text);
	doc = jsonutil_set(json_object(), "board", board_json(b));
	doc = jsonutil_set(doc, "board_text", json_string(text));
	doc = jsonutil_set(doc, "status", json_string(state ==
	    TTT_STATE_IN_PROGRESS ? "continue" : "end"));
	doc = jsonutil_set(doc, "winner", json_string(game_winner(state)));
	return jsonutil_set(jsonutil_set(doc, "moves", list), "best", best);
}

void
hint_answer(const struct game_input *in, struct handler_response *r)
{
	ttt_cell human = in->ai == TTT_X ? TTT_O : TTT_X;
	ttt_state state;
	char err[256];

	if (ttt_check_position(&in->board) != TTT_POSITION_OK) {
		ttt_position_describe(&in->board, err, sizeof(err));
		response_error(r, HANDLER_ERR_UNPROCESSABLE, "%s", err);
		return;
	}
	state = ttt_game_state(&in->board);
	if (state == TTT_STATE_IN_PROGRESS && game_turn(&in->board) != human) {
		game_turn_error(&in->board, human, "the human's", "Ask for a hint "
		    "when the human is to move, or check \"ai\".", r);
		return;
	}
	/* response_json() takes doc, NULL (ENOMEM below) included. */
	if (response_json(r, 200, hint_json(&in->board, human, state)) != 0)
		response_oom(r);
}
