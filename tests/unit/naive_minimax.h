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

/*
 * The result under perfect play with `to_move` to play next: the winner
 * ('X' or 'O') or ' ' for a draw; on a finished board its result.
 */
char	naive_outcome(const char board[9], char to_move);

/*
 * The first whole line of either mark, rows top to bottom, then columns
 * left to right, then 0-4-8, then 2-4-6: its cells (ascending) and 1, or 0.
 */
int	naive_winning_line(const char board[9], int cells[3]);

/* Is cell empty, and would `who` playing it complete a line? */
bool	naive_completes(const char board[9], int cell, char who);

/*
 * Why `ai` plays `cell` (empty): "win", "block", "fork", "block_fork",
 * "center", "corner" or "edge", the first that applies.
 */
const char *naive_reason(const char board[9], int cell, char ai);

/*
 * Every empty cell for `human` with the outcome after playing it (the
 * opponent then to move), best for human first (its wins, draws, its
 * losses), ties in cell order.  Returns the count; *nbest = how many share
 * the first outcome (0 if none).
 */
int	naive_hint(const char board[9], char human, int cells[9],
	    char outcome[9], int *nbest);

/* The board for a person, empty cells as digits 1-9; returns strlen. */
int	naive_board_text(const char board[9], char out[64]);

#endif /* NAIVE_MINIMAX_H */
