/*
 * rules.c - which boards can occur in a game, who won, whose turn it is.
 *
 * X and O alternate and either may start (the AI may open a game), so
 * a board is possible iff the counts differ by at most one, at most one
 * side has a line, and the side with a line made the last move (it has at
 * least as many marks as the other).  tests/unit/engine_rules_test.c shows
 * these conditions select exactly the boards reachable by play.
 */
#include <stdio.h>

#include "ttt.h"
#include "ttt_private.h"

/* Indexed by ttt_position_error; each is sent to clients unchanged. */
static const char *const messages[] = {
	[TTT_POSITION_OK] =
	    "The position is possible.",
	[TTT_POSITION_COUNTS] =
	    "The numbers of X and O marks differ by more than one; players "
	    "take turns, so the counts may differ by at most one.",
	[TTT_POSITION_BOTH_LINES] =
	    "Both X and O have three in a row; the game ends at the first "
	    "line, so at most one side can have one.",
	[TTT_POSITION_X_LINE_O_LAST] =
	    "X has three in a row but O has more marks than X; the game ended "
	    "when X completed the line, so O cannot have moved after it.",
	[TTT_POSITION_O_LINE_X_LAST] =
	    "O has three in a row but X has more marks than O; the game ended "
	    "when O completed the line, so X cannot have moved after it.",
};

ttt_position_error
ttt_check_position(const ttt_board *board)
{
	int	 x = ttt_count(board, TTT_X), o = ttt_count(board, TTT_O);
	bool	 xline = ttt_lines(board, TTT_X) != 0;
	bool	 oline = ttt_lines(board, TTT_O) != 0;

	/* Same order as the enum, which is the order the header promises. */
	if (x - o > 1 || o - x > 1)
		return TTT_POSITION_COUNTS;
	if (xline && oline)
		return TTT_POSITION_BOTH_LINES;
	if (xline && o > x)
		return TTT_POSITION_X_LINE_O_LAST;
	if (oline && x > o)
		return TTT_POSITION_O_LINE_X_LAST;
	return TTT_POSITION_OK;
}

const char *
ttt_position_message(ttt_position_error err)
{
	/* A value outside the enum still yields a sentence, never NULL. */
	if ((unsigned)err >= sizeof(messages) / sizeof(messages[0]))
		return "The position cannot occur in a game.";
	return messages[err];
}

ttt_position_error
ttt_position_describe(const ttt_board *board, char *buf, size_t size)
{
	ttt_position_error	 err = ttt_check_position(board);
	int			 x, o;

	if (buf == NULL || size == 0)
		return err;
	if (err != TTT_POSITION_COUNTS) {
		snprintf(buf, size, "%s", ttt_position_message(err));
		return err;
	}
	/* The counts are what the client got wrong: name them. */
	x = ttt_count(board, TTT_X);
	o = ttt_count(board, TTT_O);
	snprintf(buf, size, "X has %d mark%s and O has %d; players take "
	    "turns, so the counts may differ by at most one.",
	    x, x == 1 ? "" : "s", o);
	return err;
}

ttt_state
ttt_game_state(const ttt_board *board)
{
	if (ttt_lines(board, TTT_X) != 0)
		return TTT_STATE_X_WON;
	if (ttt_lines(board, TTT_O) != 0)
		return TTT_STATE_O_WON;
	if (ttt_is_full(board))
		return TTT_STATE_DRAW;
	return TTT_STATE_IN_PROGRESS;
}

ttt_cell
ttt_side_to_move(const ttt_board *board)
{
	int	 x = ttt_count(board, TTT_X), o = ttt_count(board, TTT_O);

	if (x < o)
		return TTT_X;
	if (o < x)
		return TTT_O;
	return TTT_EMPTY;
}
