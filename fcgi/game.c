/*
 * game.c - what /human_move and /hint share once a request is decoded:
 * the words for marks and results, and the standard turn rule (X moves
 * first) with the 422 that names whose turn it is.
 */
#include <stdio.h>

#include "handler_internal.h"

const char *
game_mark(ttt_cell c)
{
	return c == TTT_X ? "X" : c == TTT_O ? "O" : " ";
}

const char *
game_result(ttt_cell winner)
{
	return winner == TTT_X ? "X" : winner == TTT_O ? "O" : "Draw";
}

const char *
game_winner(ttt_state s)
{
	switch (s) {
	case TTT_STATE_X_WON:	return "X";
	case TTT_STATE_O_WON:	return "O";
	case TTT_STATE_DRAW:	return "Draw";
	default:		return "No winner";
	}
}

ttt_cell
game_turn(const ttt_board *b)
{
	int x = ttt_count(b, TTT_X), o = ttt_count(b, TTT_O);

	return x == o ? TTT_X : x == o + 1 ? TTT_O : TTT_EMPTY;
}

/*
 * "It is X's turn, not the AI's (O): ..." for a board where `mover`
 * (`who`: "the AI's", "the human's") may not move; `hint` is a last
 * sentence saying what to send instead.
 */
void
game_turn_error(const ttt_board *b, ttt_cell mover, const char *who,
    const char *hint, struct handler_response *r)
{
	int x = ttt_count(b, TTT_X), o = ttt_count(b, TTT_O);
	ttt_cell turn = game_turn(b);

	if (turn == TTT_EMPTY)
		response_error(r, HANDLER_ERR_UNPROCESSABLE, "O has %d mark%s and X "
		    "has %d, but X moves first, so it cannot be %s's turn: "
		    "X needs as many marks as O (X to move) or one more (O to "
		    "move).", o, o == 1 ? "" : "s", x, game_mark(mover));
	else
		response_error(r, HANDLER_ERR_UNPROCESSABLE, "It is %s's turn, not "
		    "%s (%s): X has %d mark%s and O has %d, and X moves first. "
		    "%s", game_mark(turn), who, game_mark(mover), x,
		    x == 1 ? "" : "s", o, hint);
}

/*
 * "row 2, column 3" for cell 5: people count rows and columns from 1, so
 * every sentence and description does (the JSON "row" and "col" fields
 * stay 0-based, as their schema says).  The one place that says it.
 */
void
game_cell_words(int cell, struct strbuf *sb)
{
	strbuf_put(sb, "row ");
	strbuf_putu(sb, (unsigned)(cell / 3 + 1));
	strbuf_put(sb, ", column ");
	strbuf_putu(sb, (unsigned)(cell % 3 + 1));
}
