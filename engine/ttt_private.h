/*
 * ttt_private.h - what the files of libttt share and nobody else may use.
 *
 * Not installed, not included by the worker.  Everything here assumes a
 * board whose cells are all TTT_EMPTY, TTT_X or TTT_O.
 */
#ifndef TTT_PRIVATE_H
#define TTT_PRIVATE_H

#include <stdint.h>

#include "ttt.h"

#define TTT_LINES	8
/* 3^9: one table slot per assignment of the three values to nine cells. */
#define TTT_BOARDS	19683

/* Cell masks (bit i = cell i) of the lines, in the bit order of ttt_lines(). */
extern const uint16_t ttt_line_masks[TTT_LINES];

/* Mask of the cells that hold `who`. */
unsigned	ttt_cell_mask(const ttt_board *board, ttt_cell who);

/*
 * The reference definition computed directly, by plain recursive minimax
 * on a copy of the board.  Slow (up to ~0.5 M nodes) but needs no table:
 * ttt_best_move() falls back to it when called before ttt_init(), so a
 * caller that forgets the init gets right answers, only late.
 */
int	ttt_search_best_move(const ttt_board *board, ttt_cell ai);

#endif /* TTT_PRIVATE_H */
