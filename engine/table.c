/*
 * table.c - the exact value of every board, built once per process.
 *
 * A board's index is sum(cell[i] * 3^i).  For each index and each side to
 * move, one 32-bit entry (ttt_private.h) holds which empty cells win, draw
 * or lose for the mover under perfect play afterwards, and the mover's best
 * move as ttt_best_move() defines it.  Best moves, forecasts, hints and the
 * hard level are then a base-3 sum and one load.  The table is written only
 * by build(), under call_once, and only read afterwards, so lookups need no
 * locking.
 *
 * How it is built: placing a mark only ever adds to the index, so walking
 * the indices downwards meets every child before its parent, and one pass
 * computes the minimax value of every board for both sides to move.
 *
 * Values are scored for O (O's line +10, X's -10, a full board 0; O
 * maximises, X minimises).  The definition of the best move scores
 * a candidate by depth (10 - depth) counted from the candidate, not from
 * the board in hand.  We store each value as if the board itself were at
 * depth 0, and shift a child's value one step towards zero when passing it
 * up (a win in k moves = 10 - k, a loss = -10 + k).  That shift is
 * monotone, so max/min commute with it, and it never turns a win or a loss
 * into a draw: after at least one mark at most 8 moves remain, so a win is
 * worth at least 2 at every board that is ever scored.  The scores of X as
 * the maximiser are exactly the negated scores of O (the definition is
 * symmetric in the sides), so X's best move is the first cell with the
 * strictly LOWEST value for O.  The sign of a value is the outcome.
 * The engine tests compare every entry with a naive recursive minimax.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <threads.h>

#include "ttt.h"
#include "ttt_private.h"

/* entry[idx][mover - 1], see ttt_table_entry(). */
static uint32_t		 entry[TTT_BOARDS][2];
static once_flag	 built = ONCE_FLAG_INIT;
/* Set (release) at the end of build(): the cheap test on every lookup. */
static atomic_bool	 ready;

static const uint16_t	 pow3[TTT_CELLS] = {
	1, 3, 9, 27, 81, 243, 729, 2187, 6561
};

/* Pass a child's value up one ply: a win or a loss is one move further. */
static int
one_ply_later(int v)
{
	return v > 0 ? v - 1 : v < 0 ? v + 1 : 0;
}

/* Entry bits for cell i, by the outcome for the mover (v > 0: a win). */
static uint32_t
class_bit(int i, int v)
{
	return (uint32_t)1 << (i + (v > 0 ? 0 : v == 0 ? 9 : 18));
}

/*
 * Fill value[idx] and both entries for one board, given its masks; every
 * child (a larger index) must be done already.  value[i][0] is the value
 * for O with X to move, [1] with O to move.
 */
static void
build_one(int8_t value[][2], const bool *has_line, unsigned idx,
    unsigned xmask, unsigned omask)
{
	unsigned	 empty = ~(xmask | omask) & TTT_ALL_CELLS;
	uint32_t	 ex = 0, eo = 0;
	int		 cx, co, vx = 100, vo = -100, mx = -1, mo = -1;

	if (has_line[omask] || has_line[xmask] || empty == 0) {
		/* Terminal: no moves, and entries stay 0. */
		cx = has_line[omask] ? 10 : has_line[xmask] ? -10 : 0;
		value[idx][0] = value[idx][1] = (int8_t)cx;
		return;
	}
	for (; empty != 0; empty &= empty - 1) {
		int	 i = __builtin_ctz(empty);

		/* X's candidate i, scored with O to move; X minimises. */
		cx = value[idx + pow3[i] * TTT_X][1];
		/* O's candidate i, scored with X to move; O maximises. */
		co = value[idx + pow3[i] * TTT_O][0];
		if (cx < vx) {		/* strictly: the first best cell wins */
			vx = cx;
			mx = i;
		}
		if (co > vo) {
			vo = co;
			mo = i;
		}
		ex |= class_bit(i, -cx);
		eo |= class_bit(i, co);
	}
	value[idx][0] = (int8_t)one_ply_later(vx);
	value[idx][1] = (int8_t)one_ply_later(vo);
	entry[idx][TTT_X - 1] = ex | (uint32_t)(mx + 1) << 27;
	entry[idx][TTT_O - 1] = eo | (uint32_t)(mo + 1) << 27;
}

static void
build(void)
{
	/*
	 * Scratch, used only here.  Static, since 39 KB may not fit the
	 * stack of a small thread.  has_line[m]: the cell mask m holds a
	 * line.  A board index is r0 + 27 r1 + 729 r2 for its three rows,
	 * so the rows' masks come from 27-entry tables.
	 */
	static int8_t	 value[TTT_BOARDS][2];
	static bool	 has_line[1 << TTT_CELLS];
	unsigned	 rx[27], ro[27], m;
	int		 r, r0, r1, r2, i, d;

	for (m = 0; m < 1u << TTT_CELLS; m++)
		has_line[m] = ttt_mask_has_line(m);
	for (r = 0; r < 27; r++) {
		rx[r] = ro[r] = 0;
		for (i = 0, d = r; i < 3; i++, d /= 3) {
			rx[r] |= (unsigned)(d % 3 == TTT_X) << i;
			ro[r] |= (unsigned)(d % 3 == TTT_O) << i;
		}
	}
	/* Downwards: placing a mark only adds to the index. */
	for (r2 = 26; r2 >= 0; r2--)
		for (r1 = 26; r1 >= 0; r1--)
			for (r0 = 26; r0 >= 0; r0--)
				build_one(value, has_line,
				    (unsigned)(r0 + 27 * r1 + 729 * r2),
				    rx[r0] | rx[r1] << 3 | rx[r2] << 6,
				    ro[r0] | ro[r1] << 3 | ro[r2] << 6);
	atomic_store_explicit(&ready, true, memory_order_release);
}

int
ttt_init(void)
{
	/* call_once makes repeated and concurrent calls harmless. */
	call_once(&built, build);
	return 0;
}

uint32_t
ttt_table_entry(unsigned idx, ttt_cell mover)
{
	/*
	 * The acquire load pairs with the release in build(): a thread that
	 * sees `ready` sees the whole table.  Otherwise call_once builds it,
	 * or waits for the thread that is building it.
	 */
	if (!atomic_load_explicit(&ready, memory_order_acquire))
		call_once(&built, build);
	return entry[idx][mover - 1];
}

int
ttt_best_move(const ttt_board *board, ttt_cell ai)
{
	int	 idx = ttt_board_index(board);

	if (idx < 0 || (ai != TTT_X && ai != TTT_O))
		return -1;
	return TTT_ENTRY_BEST(ttt_table_entry((unsigned)idx, ai));
}

ttt_cell
ttt_forecast(const ttt_board *board, ttt_cell to_move)
{
	int		 idx = ttt_board_index(board);
	uint32_t	 e;

	if (idx < 0 || (to_move != TTT_X && to_move != TTT_O))
		return TTT_EMPTY;
	e = ttt_table_entry((unsigned)idx, to_move);
	if (e == 0) {
		/* Finished: its winner, or a full board's draw. */
		if (ttt_mask_has_line(ttt_cell_mask(board, TTT_X)))
			return TTT_X;
		if (ttt_mask_has_line(ttt_cell_mask(board, TTT_O)))
			return TTT_O;
		return TTT_EMPTY;
	}
	if (TTT_ENTRY_WIN(e) != 0)
		return to_move;
	if (TTT_ENTRY_DRAW(e) != 0)
		return TTT_EMPTY;
	return ttt_other(to_move);
}

int
ttt_hint(const ttt_board *board, ttt_cell human,
    struct ttt_hint_move out[TTT_CELLS], int *nbest)
{
	uint32_t	 e;
	unsigned	 cls[3], m;
	ttt_cell	 result[3];
	int		 k, n = 0, idx = ttt_board_index(board);

	if (nbest != NULL)
		*nbest = 0;
	if (idx < 0 || (human != TTT_X && human != TTT_O))
		return 0;
	e = ttt_table_entry((unsigned)idx, human);
	/* Best for the human first: its wins, then draws, then losses. */
	cls[0] = TTT_ENTRY_WIN(e);
	cls[1] = TTT_ENTRY_DRAW(e);
	cls[2] = TTT_ENTRY_LOSS(e);
	result[0] = human;
	result[1] = TTT_EMPTY;
	result[2] = ttt_other(human);
	for (k = 0; k < 3; k++) {
		if (n == 0 && cls[k] != 0 && nbest != NULL)
			*nbest = __builtin_popcount(cls[k]);
		for (m = cls[k]; m != 0; m &= m - 1) {
			out[n].cell = (int8_t)__builtin_ctz(m);
			out[n].forecast = result[k];
			n++;
		}
	}
	return n;
}
