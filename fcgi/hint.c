/*
 * hint.c - /hint: every move the human could make, with its result under
 * perfect play, best first.  The same board and "ai" as /human_move and the
 * same decoding (game_input.c); the human's mark is the one that is not
 * the AI's, and it must be the human's turn by the standard rule.
 *
 * Not the hot path: the answer is built with jansson.
 */
#include <string.h>

#include "handler_internal.h"

ROUTE_HANDLER(hint_post);
ROUTE_HANDLER(hint_get);

static json_t *
board_json(const ttt_board *b)
{
	json_t *rows = json_array(), *row = NULL;
	size_t i;
	int rc = 0;

	for (i = 0; i < TTT_CELLS; i++) {
		if (i % 3 == 0)
			rc |= json_array_append_new(rows, row = json_array());
		rc |= json_array_append_new(row, json_string(game_mark(
		    (ttt_cell)b->cell[i])));
	}
	if (rc != 0) {
		json_decref(rows);
		return NULL;
	}
	return rows;
}

void
hint_answer(const struct game_input *in, struct handler_response *r)
{
	struct ttt_hint_move moves[TTT_CELLS];
	char text[TTT_BOARD_TEXT_SIZE], err[256];
	json_t *list, *best;
	ttt_cell human = in->ai == TTT_X ? TTT_O : TTT_X;
	ttt_state state;
	int n = 0, nbest = 0, i, rc = 0;

	if (ttt_check_position(&in->board) != TTT_POSITION_OK) {
		ttt_position_describe(&in->board, err, sizeof(err));
		response_error(r, HANDLER_ERR_UNPROCESSABLE, "%s", err);
		return;
	}
	state = ttt_game_state(&in->board);
	if (state == TTT_STATE_IN_PROGRESS) {
		if (game_turn(&in->board) != human) {
			game_turn_error(&in->board, human, "the human's", "Ask "
			    "for a hint when the human is to move, or check "
			    "\"ai\".", r);
			return;
		}
		n = ttt_hint(&in->board, human, moves, &nbest);
	}
	list = json_array();
	best = json_array();
	for (i = 0; i < n; i++) {
		rc |= json_array_append_new(list, json_pack("{s:i, s:i, s:i, s:s}",
		    "position", moves[i].cell + 1, "row", moves[i].cell / 3,
		    "col", moves[i].cell % 3,
		    "forecast", game_result(moves[i].forecast)));
		if (i < nbest)
			rc |= json_array_append_new(best,
			    json_integer(moves[i].cell + 1));
	}
	ttt_board_text(&in->board, text);
	if (rc != 0 || list == NULL || best == NULL) {
		json_decref(list);
		json_decref(best);
		response_oom(r);
		return;
	}
	if (response_json(r, 200, json_pack("{s:o, s:s, s:s, s:s, s:o, s:o}",
	    "board", board_json(&in->board),
	    "board_text", text,
	    "status", state == TTT_STATE_IN_PROGRESS ? "continue" : "end",
	    "winner", game_winner(state),
	    "moves", list,
	    "best", best)) != 0)
		response_oom(r);
}

void
hint_post(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	struct game_input in;

	if (game_input_from_body(cfg, req, GAME_AI, &in, r) == 0)
		hint_answer(&in, r);
}

void
hint_get(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	struct game_input in;

	(void)cfg;
	if (game_input_from_query(req, GAME_AI, &in, r) == 0)
		hint_answer(&in, r);
}
