/*
 * ttt.h - libttt: tic-tac-toe rules, position checking and exact minimax play.
 *
 * Pure C11, no I/O, no allocation.  A board is nine bytes, row-major
 * (index 0 = top-left, 8 = bottom-right).  Every function is safe to call
 * from several threads at once after ttt_init() has returned; ttt_init()
 * itself must run once, before any thread calls ttt_best_move().
 */
#ifndef TTT_H
#define TTT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TTT_CELLS 9

typedef enum ttt_cell {
	TTT_EMPTY = 0,
	TTT_X = 1,
	TTT_O = 2
} ttt_cell;

typedef struct ttt_board {
	uint8_t cell[TTT_CELLS];	/* each a ttt_cell */
} ttt_board;

/* Why a board cannot occur in a game (X and O alternate, X need not start). */
typedef enum ttt_position_error {
	TTT_POSITION_OK = 0,
	TTT_POSITION_COUNTS,		/* |X - O| > 1 */
	TTT_POSITION_BOTH_LINES,	/* X and O both have a line */
	TTT_POSITION_X_LINE_O_LAST,	/* X has a line but O > X: O moved after X won */
	TTT_POSITION_O_LINE_X_LAST	/* O has a line but X > O: X moved after O won */
} ttt_position_error;

typedef enum ttt_state {
	TTT_STATE_IN_PROGRESS = 0,
	TTT_STATE_X_WON,
	TTT_STATE_O_WON,
	TTT_STATE_DRAW			/* full, no line */
} ttt_state;

/*
 * Build the internal table of exact values (about 40 KB of static storage,
 * well under a millisecond).  Idempotent; returns 0.  Safe to call from
 * several threads (call_once), but must complete before any thread calls
 * ttt_best_move(), which reads the table without locking.
 */
int ttt_init(void);

/*
 * Parse nine characters: 'X' / 'O' for the players, ' ' or '.' for empty.
 * Returns 0, or -1 (board untouched) if s is not exactly nine such characters
 * followed by NUL.
 */
int ttt_board_from_string(ttt_board *board, const char *s);

/* Write nine characters ('X', 'O', ' ') and a NUL into out. */
void ttt_board_to_string(const ttt_board *board, char out[TTT_CELLS + 1]);

/* Number of cells that hold `who` (TTT_EMPTY counts empty cells). */
int ttt_count(const ttt_board *board, ttt_cell who);

/*
 * Bit mask of the lines `who` (TTT_X or TTT_O) holds: bits 0-2 rows top to
 * bottom, 3-5 columns left to right, 6 main diagonal, 7 anti-diagonal.
 */
unsigned ttt_lines(const ttt_board *board, ttt_cell who);

bool ttt_is_full(const ttt_board *board);

/* First reason the board is impossible, in the order listed in the enum. */
ttt_position_error ttt_check_position(const ttt_board *board);

/*
 * Fixed English sentence for a reason, fit to send to a client unchanged.
 * Static storage, never NULL (an out-of-range value gets a generic one).
 */
const char *ttt_position_message(ttt_position_error err);

/*
 * Optional, more specific form of the above: check the board and write one
 * sentence into buf (NUL-terminated, truncated to size), naming the counts
 * when they are the problem, e.g. "X has 5 marks and O has 2; ...".
 * Returns what ttt_check_position() returns.  buf may be NULL if size is 0.
 */
ttt_position_error ttt_position_describe(const ttt_board *board, char *buf,
    size_t size);

/* Game state.  Meaningful on a possible position (ttt_check_position OK). */
ttt_state ttt_game_state(const ttt_board *board);

/*
 * Whose turn it is on a possible, unfinished position: the side with fewer
 * marks; on equal counts either may move, and TTT_EMPTY is returned.
 * Decided by the counts alone: check the position and the state first.
 */
ttt_cell ttt_side_to_move(const ttt_board *board);

/*
 * Best move for `ai` (TTT_X or TTT_O) by the reference definition in
 * DESIGN.md: for each empty cell in row-major order place `ai`, score it with
 * plain minimax (ai maximises, a win for ai scores 10 - depth, a loss
 * -10 + depth, a draw 0, depth = moves after the candidate), and choose the
 * FIRST cell with the strictly highest score.
 * Defined on any board without a line (the counts are not checked), so
 * with equal counts either side may open.
 * Returns the cell index 0-8, or -1 if the board is full or has a line,
 * a cell holds no ttt_cell value, or ai is not TTT_X or TTT_O.
 * Needs ttt_init() for speed (one table load); before it, the answer is
 * computed by direct search: still exact, but up to milliseconds.
 * No allocation, no shared mutable state.
 */
int ttt_best_move(const ttt_board *board, ttt_cell ai);

/* Apply a move; returns 0, or -1 if the index is out of range or occupied. */
int ttt_play(ttt_board *board, int index, ttt_cell who);

#endif /* TTT_H */
