/*
 * search.c - the reference definition, computed directly.
 *
 * Plain minimax exactly as DESIGN.md states it, used only when
 * ttt_best_move() runs before ttt_init() has built the table (see
 * ttt_private.h).  Works on a stack copy: no allocation, no shared state.
 */
#include "ttt.h"
#include "ttt_private.h"

static ttt_cell
other(ttt_cell who)
{
	return who == TTT_X ? TTT_O : TTT_X;
}

/* Score of board with `mover` to play; `ai` maximises. */
static int
minimax(ttt_board *board, ttt_cell ai, ttt_cell mover, int depth)
{
	int	 i, score, best;

	/* The AI's line is tested first, as in the original. */
	if (ttt_lines(board, ai) != 0)
		return 10 - depth;
	if (ttt_lines(board, other(ai)) != 0)
		return depth - 10;
	if (ttt_is_full(board))
		return 0;
	best = mover == ai ? -100 : 100;
	for (i = 0; i < TTT_CELLS; i++) {
		if (board->cell[i] != TTT_EMPTY)
			continue;
		board->cell[i] = (uint8_t)mover;
		score = minimax(board, ai, other(mover), depth + 1);
		board->cell[i] = TTT_EMPTY;
		if (mover == ai ? score > best : score < best)
			best = score;
	}
	return best;
}

int
ttt_search_best_move(const ttt_board *board, ttt_cell ai)
{
	ttt_board	 b = *board;
	int		 i, score, best = -100, move = -1;

	if (ttt_lines(&b, TTT_X) != 0 || ttt_lines(&b, TTT_O) != 0)
		return -1;
	for (i = 0; i < TTT_CELLS; i++) {
		if (b.cell[i] != TTT_EMPTY)
			continue;
		b.cell[i] = (uint8_t)ai;
		score = minimax(&b, ai, other(ai), 0);
		b.cell[i] = TTT_EMPTY;
		if (score > best) {	/* strictly: the first best wins */
			best = score;
			move = i;
		}
	}
	return move;
}
