/*
 * board.c - the board model: string and text forms, counts, lines and
 * threats, full test, moves.
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

bool
ttt_mask_has_line(unsigned cells)
{
	int	 l;

	for (l = 0; l < TTT_LINES; l++)
		if ((cells & ttt_line_masks[l]) == ttt_line_masks[l])
			return true;
	return false;
}

unsigned
ttt_threat_cells(unsigned own, unsigned opp)
{
	unsigned	 cells = 0, gap;
	int		 l;

	for (l = 0; l < TTT_LINES; l++) {
		gap = ttt_line_masks[l] & ~own;
		/* One cell of the line missing, and it is empty. */
		if ((gap & (gap - 1)) == 0 && (gap & opp) == 0)
			cells |= gap;
	}
	return cells;
}

int
ttt_threat_lines(unsigned own, unsigned opp)
{
	unsigned	 gap;
	int		 l, n = 0;

	for (l = 0; l < TTT_LINES; l++) {
		gap = ttt_line_masks[l] & ~own;
		n += gap != 0 && (gap & (gap - 1)) == 0 && (gap & opp) == 0;
	}
	return n;
}

int
ttt_winning_line(const ttt_board *board, int cells[3])
{
	unsigned	 x = ttt_cell_mask(board, TTT_X);
	unsigned	 o = ttt_cell_mask(board, TTT_O), m;
	int		 l, k;

	/* ttt_line_masks is already in the promised order. */
	for (l = 0; l < TTT_LINES; l++) {
		m = ttt_line_masks[l];
		if ((x & m) != m && (o & m) != m)
			continue;
		for (k = 0; k < 3; k++, m &= m - 1)
			cells[k] = __builtin_ctz(m);
		return 1;
	}
	return 0;
}

size_t
ttt_board_text(const ttt_board *board, char out[TTT_BOARD_TEXT_SIZE])
{
	static const char	 sep[] = "\n---+---+---\n";
	size_t			 n = 0;
	int			 r, c, i;

	for (r = 0; r < 3; r++) {
		if (r > 0)
			for (i = 0; sep[i] != '\0'; i++)
				out[n++] = sep[i];
		for (c = 0; c < 3; c++) {
			uint8_t	 v = board->cell[r * 3 + c];

			out[n++] = c == 0 ? ' ' : '|';
			if (c > 0)
				out[n++] = ' ';
			out[n++] = v == TTT_X ? 'X' : v == TTT_O ? 'O' :
			    v == TTT_EMPTY ? (char)('1' + r * 3 + c) : '?';
			out[n++] = ' ';
		}
	}
	out[n] = '\0';
	return n;
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
