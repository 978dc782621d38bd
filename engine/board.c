/*
 * board.c - the board model: string form, counts, lines, full test, moves.
 *
 * All functions read or write only the board they are given.
 */
#include <stddef.h>

#include "ttt.h"
#include "ttt_private.h"

/*
 * Bit i is cell i (row-major).  The order is the documented bit order of
 * ttt_lines(): rows top to bottom, columns left to right, then the main
 * diagonal (0,4,8) and the anti-diagonal (2,4,6).
 */
const uint16_t ttt_line_masks[TTT_LINES] = {
	0x007, 0x038, 0x1c0,
	0x049, 0x092, 0x124,
	0x111, 0x054
};

/* Map one character of the string form to a cell, or -1. */
static int
cell_from_char(char c)
{
	switch (c) {
	case 'X':
		return TTT_X;
	case 'O':
		return TTT_O;
	case ' ':
	case '.':
		return TTT_EMPTY;
	default:
		return -1;
	}
}

int
ttt_board_from_string(ttt_board *board, const char *s)
{
	ttt_board	 tmp;
	int		 i;

	if (board == NULL || s == NULL)
		return -1;
	/* Parse into a copy so that a bad string leaves *board untouched. */
	for (i = 0; i < TTT_CELLS; i++) {
		int	 c;

		if ((c = cell_from_char(s[i])) < 0)
			return -1;	/* also stops at an early NUL */
		tmp.cell[i] = (uint8_t)c;
	}
	if (s[TTT_CELLS] != '\0')
		return -1;
	*board = tmp;
	return 0;
}

void
ttt_board_to_string(const ttt_board *board, char out[TTT_CELLS + 1])
{
	static const char	 chars[] = { ' ', 'X', 'O' };
	int			 i;

	for (i = 0; i < TTT_CELLS; i++)
		out[i] = board->cell[i] <= TTT_O ? chars[board->cell[i]] : '?';
	out[TTT_CELLS] = '\0';
}

unsigned
ttt_cell_mask(const ttt_board *board, ttt_cell who)
{
	unsigned	 mask = 0;
	int		 i;

	for (i = 0; i < TTT_CELLS; i++)
		if (board->cell[i] == (uint8_t)who)
			mask |= 1u << i;
	return mask;
}

int
ttt_count(const ttt_board *board, ttt_cell who)
{
	unsigned	 mask = ttt_cell_mask(board, who);
	int		 n = 0;

	for (; mask != 0; mask &= mask - 1)
		n++;
	return n;
}

unsigned
ttt_lines(const ttt_board *board, ttt_cell who)
{
	unsigned	 cells, lines = 0;
	int		 l;

	/* Empty cells "in a row" are no line. */
	if (who != TTT_X && who != TTT_O)
		return 0;
	cells = ttt_cell_mask(board, who);
	for (l = 0; l < TTT_LINES; l++)
		if ((cells & ttt_line_masks[l]) == ttt_line_masks[l])
			lines |= 1u << l;
	return lines;
}

bool
ttt_is_full(const ttt_board *board)
{
	return ttt_cell_mask(board, TTT_EMPTY) == 0;
}

int
ttt_play(ttt_board *board, int index, ttt_cell who)
{
	if (index < 0 || index >= TTT_CELLS)
		return -1;
	if (who != TTT_X && who != TTT_O)
		return -1;
	if (board->cell[index] != TTT_EMPTY)
		return -1;
	board->cell[index] = (uint8_t)who;
	return 0;
}
