/*
 * table.c - the exact best move of every board, built once by ttt_init().
 *
 * A board's index is sum(cell[i] * 3^i).  For each index and each AI side
 * the table holds the reference best move (DESIGN.md), so ttt_best_move()
 * is a base-3 sum and one load.  The table is written only inside
 * ttt_init() and only read afterwards, so lookups need no locking.
 *
 * How it is built: placing a mark only ever adds to the index, so walking
 * the indices downwards meets every child before its parent, and one pass
 * computes the minimax value of every board for both sides to move.
 *
 * The reference scores depend on depth (10 - depth) counted from the
 * candidate, not from the board in hand.  We store each value as if the
 * board itself were at depth 0, and shift a child's value one step towards
 * zero when passing it up (a win in k moves = 10 - k, a loss = -10 + k).
 * That shift is monotone, so max/min commute with it, and it never turns a
 * win or a loss into a draw: after at least one mark at most 8 moves
 * remain, so a win is worth at least 2 at every board that is ever scored.
 * tests/unit/engine_move_test.c checks all boards against naive minimax.
 */
#include <stdbool.h>
#include <threads.h>

#include "ttt.h"
#include "ttt_private.h"

/*
 * best[ai - 1][index] = move + 2: 1 means "no move" (-1), 2..10 a cell,
 * and 0, the value before ttt_init(), means "not built yet".
 */
static uint8_t		 best[2][TTT_BOARDS];
static once_flag	 built = ONCE_FLAG_INIT;

static const uint16_t	 pow3[TTT_CELLS] = {
	1, 3, 9, 27, 81, 243, 729, 2187, 6561
};

/* Pass a child's value up one ply: a win or a loss is one move further. */
static int
one_ply_later(int v)
{
	return v > 0 ? v - 1 : v < 0 ? v + 1 : 0;
}

/* Written so the compiler emits a conditional move, not a branch. */
static int
min_int(int a, int b)
{
	return a < b ? a : b;
}

/*
 * Fill value[idx] and both best-move entries for one board, given its
 * masks; every child (a larger index) must be done already.
 */
static void
build_one(int8_t value[][2], const bool *has_line, int idx, int swapped,
    unsigned xmask, unsigned omask)
{
	unsigned	 empty = ~(xmask | omask) & ((1u << TTT_CELLS) - 1);
	int		 v, vx = 100, vo = -100, move = -1;

	/* Terminal boards: O's line first, as the reference tests. */
	if (has_line[omask] || has_line[xmask] || empty == 0) {
		v = has_line[omask] ? 10 : has_line[xmask] ? -10 : 0;
		value[idx][0] = value[idx][1] = (int8_t)v;
		best[TTT_O - 1][idx] = 1;
		best[TTT_X - 1][swapped] = 1;
		return;
	}
	for (; empty != 0; empty &= empty - 1) {
		int	 i = __builtin_ctz(empty);

		/* X to move: the minimum over X's replies. */
		vx = min_int(vx, value[idx + pow3[i] * TTT_X][1]);
		/* O's candidate is scored with X to move, at depth 0. */
		v = value[idx + pow3[i] * TTT_O][0];
		if (v > vo) {		/* strictly: the first best cell wins */
			vo = v;
			move = i;
		}
	}
	value[idx][0] = (int8_t)one_ply_later(vx);
	value[idx][1] = (int8_t)one_ply_later(vo);
	best[TTT_O - 1][idx] = (uint8_t)(move + 2);
	/*
	 * X's best move on a board is O's best move on the board with the
	 * marks exchanged: the definition is symmetric in the sides.
	 */
	best[TTT_X - 1][swapped] = (uint8_t)(move + 2);
}

static void
build(void)
{
	/*
	 * Scratch, used only here: value[i][0] with X to move, [1] with O
	 * to move; O maximises.  Static, since 39 KB may not fit the stack
	 * of a small thread.  has_line[m]: the cell mask m holds a line.
	 * A board index is r0 + 27 r1 + 729 r2 for its three rows, so the
	 * rows' masks and exchanged indexes come from 27-entry tables.
	 */
	static int8_t	 value[TTT_BOARDS][2];
	static bool	 has_line[1 << TTT_CELLS];
	unsigned	 rx[27], ro[27], m;
	int		 rs[27], r, r0, r1, r2, i, d, l;

	for (m = 0; m < 1u << TTT_CELLS; m++)
		for (l = 0; l < TTT_LINES; l++)
			if ((m & ttt_line_masks[l]) == ttt_line_masks[l])
				has_line[m] = true;
	for (r = 0; r < 27; r++) {
		rx[r] = ro[r] = 0;
		rs[r] = 0;
		for (i = 0, d = r; i < 3; i++, d /= 3) {
			rx[r] |= (unsigned)(d % 3 == TTT_X) << i;
			ro[r] |= (unsigned)(d % 3 == TTT_O) << i;
			rs[r] += pow3[i] * (d % 3 ? 3 - d % 3 : 0);
		}
	}
	/* Downwards: placing a mark only adds to the index. */
	for (r2 = 26; r2 >= 0; r2--)
		for (r1 = 26; r1 >= 0; r1--)
			for (r0 = 26; r0 >= 0; r0--)
				build_one(value, has_line,
				    r0 + 27 * r1 + 729 * r2,
				    rs[r0] + 27 * rs[r1] + 729 * rs[r2],
				    rx[r0] | rx[r1] << 3 | rx[r2] << 6,
				    ro[r0] | ro[r1] << 3 | ro[r2] << 6);
}

int
ttt_init(void)
{
	/* call_once makes repeated and concurrent calls harmless. */
	call_once(&built, build);
	return 0;
}

int
ttt_best_move(const ttt_board *board, ttt_cell ai)
{
	unsigned	 idx = 0, bad = 0, c;
	int		 i;

	for (i = TTT_CELLS - 1; i >= 0; i--) {
		c = board->cell[i];
		bad |= c > TTT_O;
		idx = idx * 3 + c;
	}
	if (bad || (ai != TTT_X && ai != TTT_O))
		return -1;
	c = best[ai - 1][idx];
	if (c == 0)		/* ttt_init() has not run: slow but exact */
		return ttt_search_best_move(board, ai);
	return (int)c - 2;
}
