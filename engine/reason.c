/*
 * reason.c - why a move is good, in the words of the classic strategy
 * (win, block, fork, block a fork, then centre, corner, edge), so that a
 * client can explain the AI's move to a person.
 */
#include "ttt.h"
#include "ttt_private.h"

/* Indexed by ttt_reason, sized by its sentinel. */
static const char *const reason_names[TTT_REASON__MAX] = {
	[TTT_REASON_WIN] = "win",
	[TTT_REASON_BLOCK] = "block",
	[TTT_REASON_FORK] = "fork",
	[TTT_REASON_BLOCK_FORK] = "block_fork",
	[TTT_REASON_CENTER] = "center",
	[TTT_REASON_CORNER] = "corner",
	[TTT_REASON_EDGE] = "edge",
};

const char *
ttt_reason_name(ttt_reason reason)
{
	if ((unsigned)reason >= TTT_REASON__MAX)
		return "unknown";
	return reason_names[reason];
}

/* Has `own` an empty cell where its mark would make two threats or more? */
static bool
can_fork(unsigned own, unsigned opp)
{
	unsigned	 empty = ~(own | opp) & TTT_ALL_CELLS;

	for (; empty != 0; empty &= empty - 1)
		if (ttt_threat_lines(own | (empty & -empty), opp) >= 2)
			return true;
	return false;
}

ttt_reason
ttt_move_reason(const ttt_board *board, int index, ttt_cell ai)
{
	unsigned	 own, opp, bit;

	if (index < 0 || index >= TTT_CELLS || (ai != TTT_X && ai != TTT_O) ||
	    ttt_board_index(board) < 0 || board->cell[index] != TTT_EMPTY)
		return TTT_REASON_EDGE;
	own = ttt_cell_mask(board, ai);
	opp = ttt_cell_mask(board, ttt_other(ai));
	bit = 1u << index;
	if (ttt_threat_cells(own, opp) & bit)
		return TTT_REASON_WIN;
	if (ttt_threat_cells(opp, own) & bit)
		return TTT_REASON_BLOCK;
	if (ttt_threat_lines(own | bit, opp) >= 2)
		return TTT_REASON_FORK;
	if (can_fork(opp, own) && !can_fork(opp, own | bit))
		return TTT_REASON_BLOCK_FORK;
	if (index == 4)
		return TTT_REASON_CENTER;
	/* The corners are the even cells other than the centre. */
	return index % 2 == 0 ? TTT_REASON_CORNER : TTT_REASON_EDGE;
}
