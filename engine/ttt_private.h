/*
 * ttt_private.h - what the files of libttt share and nobody else may use.
 *
 * Not installed, not included by the worker.
 */
#ifndef TTT_PRIVATE_H
#define TTT_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "ttt.h"

#define TTT_LINES	8
/* 3^9: one table slot per assignment of the three values to nine cells. */
#define TTT_BOARDS	19683
#define TTT_ALL_CELLS	0x1ffu

/* Cell masks (bit i = cell i) of the lines, in the bit order of ttt_lines(). */
extern const uint16_t ttt_line_masks[TTT_LINES];

/*
 * Only the table index of board (the hot path of every lookup, inlined):
 * sum(cell[i] * 3^i), or -1 if a cell holds no ttt_cell value.
 */
static inline int
ttt_board_index(const ttt_board *board)
{
	unsigned	 idx = 0, bad = 0, c;
	int		 i;

	for (i = TTT_CELLS - 1; i >= 0; i--) {
		c = board->cell[i];
		bad |= c > TTT_O;
		idx = idx * 3 + c;
	}
	return bad ? -1 : (int)idx;
}

/* Mask of the cells that hold `who` (any value, compared as is). */
unsigned	ttt_cell_mask(const ttt_board *board, ttt_cell who);

/* Does the cell mask contain a whole line? */
bool		ttt_mask_has_line(unsigned cells);

/*
 * The empty cells (not in own or opp) where one more `own` mark would
 * complete a line of own's.
 */
unsigned	ttt_threat_cells(unsigned own, unsigned opp);

/* How many lines hold two `own` marks and an empty cell (none of opp). */
int		ttt_threat_lines(unsigned own, unsigned opp);

/*
 * The table entry of board index idx with `mover` (TTT_X or TTT_O, not
 * checked) to play, built on first use.  Bits 0-8: the empty cells where
 * mover's mark leads to a win for mover under perfect play afterwards;
 * 9-17: to a draw; 18-26: to a loss; 27-30: ttt_best_move() + 1 (0 when
 * there is no move).  On a board with a line or no empty cell: 0.
 */
#define TTT_ENTRY_WIN(e)	((e) & TTT_ALL_CELLS)
#define TTT_ENTRY_DRAW(e)	((e) >> 9 & TTT_ALL_CELLS)
#define TTT_ENTRY_LOSS(e)	((e) >> 18 & TTT_ALL_CELLS)
#define TTT_ENTRY_BEST(e)	((int)((e) >> 27) - 1)
uint32_t	ttt_table_entry(unsigned idx, ttt_cell mover);

static inline ttt_cell
ttt_other(ttt_cell who)
{
	return who == TTT_X ? TTT_O : TTT_X;
}

#endif /* TTT_PRIVATE_H */
