/*
 * ttt.h - libttt: tic-tac-toe rules, position checking, exact minimax play,
 * weaker levels of play, hints and the reasons for a move.
 *
 * Pure C11, no I/O, no allocation.  A board is nine bytes, row-major
 * (index 0 = top-left, 8 = bottom-right).  Every function only reads the
 * board it is given and writes only what it is given to write, so all are
 * safe to call from several threads at once.  The exact answers come from
 * a table built once per process, on the first call that needs it (or by
 * ttt_init(), to pay that cost at start-up instead).
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
 * The levels of play of ttt_level_move(), strongest first.  TTT_LEVEL__MAX
 * counts them (it is no level): the name table and every list of levels a
 * client sees are sized by it, so a level added here cannot drop out of
 * them silently.
 */
typedef enum ttt_level {
	TTT_LEVEL_PERFECT = 0,
	TTT_LEVEL_HARD,
	TTT_LEVEL_MEDIUM,
	TTT_LEVEL_EASY,
	TTT_LEVEL__MAX
} ttt_level;

/* Why a move was made (ttt_move_reason()), in the order they are tested;
 * TTT_REASON__MAX counts them, as TTT_LEVEL__MAX counts the levels. */
typedef enum ttt_reason {
	TTT_REASON_WIN = 0,
	TTT_REASON_BLOCK,
	TTT_REASON_FORK,
	TTT_REASON_BLOCK_FORK,
	TTT_REASON_CENTER,
	TTT_REASON_CORNER,
	TTT_REASON_EDGE,
	TTT_REASON__MAX
} ttt_reason;

/* One answer of ttt_hint(). */
struct ttt_hint_move {
	int8_t		 cell;		/* 0-8 */
	ttt_cell	 forecast;	/* TTT_X, TTT_O, or TTT_EMPTY for a draw */
};

/* Size of ttt_board_text()'s output: 59 characters and a NUL. */
#define TTT_BOARD_TEXT_SIZE 60

/*
 * Build the table of exact values now (160 KB of static storage, plus
 * 40 KB of scratch used only while building; well under a millisecond).  Optional: every function that needs the table
 * builds it on first use (once per process, by call_once), so calling this
 * at start-up only moves that one-time cost out of the first request.
 * Idempotent, safe from several threads at once; returns 0.
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
 * Best move for `ai` (TTT_X or TTT_O), defined as: for each empty cell in
 * row-major order place `ai`, score the result with plain minimax (the
 * opponent moves next, the sides alternate, ai maximises; a position where
 * ai has a line scores 10 - depth, one where the opponent has a line
 * -10 + depth, a full board 0, depth = moves made after the candidate), and
 * choose the FIRST cell with the strictly highest score.  So a win is taken
 * at once, a loss put off as long as possible, and ties go to the lowest
 * cell.
 * Defined on any board without a line (the counts are not checked), so
 * with equal counts either side may open.
 * Returns the cell index 0-8, or -1 if the board is full or has a line,
 * a cell holds no ttt_cell value, or ai is not TTT_X or TTT_O.
 * One table load (the table is built on the first call if ttt_init() has
 * not run).  Thread-safe, no allocation.
 */
int ttt_best_move(const ttt_board *board, ttt_cell ai);

/*
 * The result of the board if both sides play perfectly from here, with
 * `to_move` (TTT_X or TTT_O) to play next: TTT_X or TTT_O for the winner,
 * TTT_EMPTY for a draw.  On a finished board (a line, or full) its winner,
 * or TTT_EMPTY for a draw.
 * Precondition: a possible position (ttt_check_position() OK); the counts
 * are not checked against `to_move`.  A cell that holds no ttt_cell value,
 * or a `to_move` other than TTT_X / TTT_O, gets TTT_EMPTY.
 * One table load.  Thread-safe, no allocation.
 */
ttt_cell ttt_forecast(const ttt_board *board, ttt_cell to_move);

/*
 * The first complete line (of either mark) in this order: rows top to
 * bottom, columns left to right, the diagonal 0-4-8, the diagonal 2-4-6.
 * Writes its three cell indexes (0-8, ascending) into cells and returns 1,
 * or returns 0 (cells untouched) when there is no line.  Thread-safe.
 */
int ttt_winning_line(const ttt_board *board, int cells[3]);

/*
 * The move of an AI playing `ai` (TTT_X or TTT_O) at `level`, as a cell
 * 0-8, or -1 when there is none: the board is full or has a line, a cell
 * holds no ttt_cell value, ai is not TTT_X / TTT_O, or level is not a
 * ttt_level.  Defined on any board without a line, like ttt_best_move().
 *   perfect  exactly ttt_best_move(board, ai);
 *   hard     a move whose outcome for ai under perfect play afterwards
 *            (win, draw or loss) is the best available: a forced win stays
 *            forced, a draw is never thrown away;
 *   medium   a move that wins at once if there is one, else one that takes
 *            the cell where the opponent would complete a line if there is
 *            one, else any empty cell;
 *   easy     any empty cell.
 * Below perfect, the move is chosen among the candidates of the level by
 * `seed` (any value; clients are given 0 .. 2^31 - 1): a deterministic
 * function of (board, ai, level, seed).  Taking the candidates in cell
 * order, seed s picks the ((h + s) mod k)-th of k, where h mixes the board,
 * ai and level; so k consecutive seeds visit every candidate once, and the
 * same seed still varies from one position to the next.
 * Table loads and bit operations, no search.  Thread-safe, no allocation.
 */
int ttt_level_move(const ttt_board *board, ttt_cell ai, ttt_level level,
    uint32_t seed);

/*
 * Why `ai` playing `index` on board (the board BEFORE the move) is a good
 * idea: the first that applies of
 *   win         the move completes a line of ai's;
 *   block       the opponent could complete a line on that cell;
 *   fork        after the move ai has two or more lines each holding two ai
 *               marks and an empty cell (two threats, only one can be
 *               blocked);
 *   block_fork  before the move the opponent had an empty cell where its
 *               mark would make such a double threat, and after the move it
 *               has none;
 * then by the cell: center (4), corner (0, 2, 6, 8), edge (1, 3, 5, 7).
 * Precondition: index 0-8 is an empty cell, ai is TTT_X or TTT_O, every
 * cell holds a ttt_cell value; otherwise TTT_REASON_EDGE is returned (the
 * result is always a valid ttt_reason).  Bit operations only.  Thread-safe.
 */
ttt_reason ttt_move_reason(const ttt_board *board, int index, ttt_cell ai);

/*
 * Every empty cell `human` (TTT_X or TTT_O) could play, with the result of
 * playing it when both sides play perfectly afterwards, the opponent moving
 * next (.forecast: the winner, or TTT_EMPTY for a draw).  Ordered best for
 * human first: human wins, then draws, then opponent wins; ties in cell
 * order.  Returns how many were written to out (0 on a finished board, a
 * cell that holds no ttt_cell value, or a human that is not TTT_X / TTT_O),
 * and sets *nbest (if nbest is not NULL) to how many share the first
 * forecast (0 when nothing was written).
 * One table load.  Thread-safe, no allocation.
 */
int ttt_hint(const ttt_board *board, ttt_cell human,
    struct ttt_hint_move out[TTT_CELLS], int *nbest);

/*
 * The board drawn for a person: three rows " a | b | c " joined by
 * "\n---+---+---\n", an empty cell shown as its position digit 1-9, e.g.
 *   " X | 2 | 3 \n---+---+---\n 4 | O | 6 \n---+---+---\n 7 | 8 | 9 "
 * (a cell that holds no ttt_cell value is shown as '?').  Writes that and a
 * NUL into out; returns the length, always 59.  Thread-safe.
 */
size_t ttt_board_text(const ttt_board *board, char out[TTT_BOARD_TEXT_SIZE]);

/*
 * Lower-case name of a level ("perfect", "hard", "medium", "easy") or of a
 * reason ("win", "block", "fork", "block_fork", "center", "corner",
 * "edge").  Static storage, never NULL: an out-of-range value gets
 * "unknown".
 */
const char *ttt_level_name(ttt_level level);
const char *ttt_reason_name(ttt_reason reason);

/*
 * The level named exactly s (as ttt_level_name() spells it, case matters).
 * Returns 0 and sets *out, or -1 (*out untouched) for any other string or
 * a NULL s.
 */
int ttt_level_from_name(const char *s, ttt_level *out);

/* Apply a move; returns 0, or -1 if the index is out of range or occupied. */
int ttt_play(ttt_board *board, int index, ttt_cell who);

#endif /* TTT_H */
