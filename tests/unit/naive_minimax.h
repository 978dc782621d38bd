/*
 * naive_minimax.h - the engine's definitions (ttt.h), written out plainly.
 *
 * Deliberately naive and independent of libttt (its own board form, its
 * own line test), so that the tests compare the engine with the
 * definition rather than with itself.  A board is nine chars 'X', 'O',
 * ' ', row-major; no NUL needed.
 */
#ifndef NAIVE_MINIMAX_H
#define NAIVE_MINIMAX_H

#include <stdbool.h>

/* Does `who` ('X' or 'O') hold a row, column or diagonal? */
bool	naive_wins(const char board[9], char who);

/* No ' ' left? */
bool	naive_full(const char board[9]);

/*
 * The reference best move for `ai` ('X' or 'O'): for each empty cell in
 * row-major order place ai, score with plain minimax (opponent to move,
 * ai maximises, ai win 10 - depth, loss depth - 10, draw 0, depth = moves
 * after the candidate), take the first cell with the strictly highest
 * score.  -1 if the board has a line or is full.
 */
int	naive_best_move(const char board[9], char ai);

#endif /* NAIVE_MINIMAX_H */
