/*
 * engine_boards.h - every 3x3 board by number, for the exhaustive tests:
 * board n (0 .. TTT_BOARDS-1) in base 3, digit i the cell i (0 empty,
 * 1 X, 2 O), given both as a libttt board and as nine chars for the naive
 * code ('X', 'O', ' '; no NUL).
 */
#ifndef ENGINE_BOARDS_H
#define ENGINE_BOARDS_H

#include <stdbool.h>

#include "ttt.h"

#define TTT_BOARDS	19683	/* 3^9 */

void	boards_decode(int n, ttt_board *b, char s[9]);

/* How many of the nine chars are `who`. */
int	boards_count(const char s[9], char who);

/*
 * Can the board occur in a game where either side may open: counts differ
 * by at most one, at most one side has a line, and a side with a line has
 * at least as many marks as the other (it moved last).
 */
bool	boards_possible(const char s[9]);

/*
 * Is it `who`'s turn ('X' or 'O') in a game still going: no line, an
 * empty cell, and who has as many marks as the other or one fewer.
 */
bool	boards_to_move(const char s[9], char who);

#endif /* ENGINE_BOARDS_H */
