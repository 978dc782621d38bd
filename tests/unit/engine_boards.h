/*
 * engine_boards.h - every 3x3 board by number, for the exhaustive tests:
 * board n (0 .. TTT_BOARDS-1) in base 3, digit i the cell i (0 empty,
 * 1 X, 2 O), given both as a libttt board and as nine chars for the naive
 * code ('X', 'O', ' '; no NUL).
 */
#ifndef ENGINE_BOARDS_H
#define ENGINE_BOARDS_H

#include "ttt.h"

#define TTT_BOARDS	19683	/* 3^9 */

void	boards_decode(int n, ttt_board *b, char s[9]);

/* How many of the nine chars are `who`. */
int	boards_count(const char s[9], char who);

#endif /* ENGINE_BOARDS_H */
