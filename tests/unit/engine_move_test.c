/*
 * engine_move_test.c - ttt_best_move against the definition, exhaustively.
 *
 * The yardstick is naive_minimax.c, written straight from the definition
 * in ttt.h, independently of libttt.  The positions are enumerated here,
 * also independently of libttt, and their numbers are asserted (4,520 with
 * O to move, 4,520 with X to move).
 */
#include <string.h>

#include "ttt.h"
#include "tap.h"
#include "engine_boards.h"
#include "naive_minimax.h"

#define NBOARDS	TTT_BOARDS

/* Naive answers per board number and side, computed once. */
static int	 naive_o[NBOARDS], naive_x[NBOARDS];
/* Board n has no line and an empty cell: the search is defined on it. */
static bool	 open_board[NBOARDS];

static void
compute_naive(void)
{
	ttt_board	 b;
	char		 s[9];
	int		 n;

	for (n = 0; n < NBOARDS; n++) {
		boards_decode(n, &b, s);
		open_board[n] = !naive_wins(s, 'X') && !naive_wins(s, 'O') &&
		    !naive_full(s);
		naive_o[n] = naive_best_move(s, 'O');
		naive_x[n] = naive_best_move(s, 'X');
	}
}

/*
 * The positions where `ai` is to move in a game: open, and ai has the same
 * number of marks as the opponent or one fewer.
 */
static bool
ai_to_move(int n, char ai)
{
	ttt_board	 b;
	char		 s[9];
	int		 d;

	if (!open_board[n])
		return false;
	boards_decode(n, &b, s);
	d = boards_count(s, ai == 'O' ? 'X' : 'O') - boards_count(s, ai);
	return d == 0 || d == 1;
}

/* Compare with the naive answers; returns how many positions differ. */
static int
compare(char ai, bool all_open, int *positions)
{
	ttt_board	 b;
	char		 s[9];
	int		 n, got, want, bad = 0;

	*positions = 0;
	for (n = 0; n < NBOARDS; n++) {
		if (all_open ? !open_board[n] : !ai_to_move(n, ai))
			continue;
		(*positions)++;
		boards_decode(n, &b, s);
		got = ttt_best_move(&b, ai == 'O' ? TTT_O : TTT_X);
		want = ai == 'O' ? naive_o[n] : naive_x[n];
		if (got != want && bad++ < 3)
			tap_diag("ai %c on \"%.9s\": engine %d, naive %d",
			    ai, s, got, want);
	}
	return bad;
}

static void
test_before_init(void)
{
	int	 positions, bad;

	/* Nothing has called ttt_init() yet in this process. */
	bad = compare('O', false, &positions);
	tap_ok(bad == 0 && positions == 4520, "without ttt_init, "
	    "ttt_best_move builds its table on first use and matches the "
	    "naive minimax on every position where O is to move");
}

static void
test_exhaustive(void)
{
	int	 positions, bad;

	tap_ok(ttt_init() == 0 && ttt_init() == 0,
	    "ttt_init returns 0, and again when called twice");

	bad = compare('O', false, &positions);
	tap_diag("positions with O to move: %d", positions);
	tap_ok(positions == 4520, "there are 4,520 positions where O is to "
	    "move: no line, not full, X - O in {0, 1}");
	tap_ok(bad == 0, "on all 4,520 of them the engine plays the naive "
	    "minimax's move for O");

	bad = compare('X', false, &positions);
	tap_ok(positions == 4520, "there are 4,520 positions where X is to "
	    "move: no line, not full, O - X in {0, 1}");
	tap_ok(bad == 0, "on all 4,520 of them the engine plays the naive "
	    "minimax's move for X");

	bad = compare('O', true, &positions);
	bad += compare('X', true, &positions);
	tap_diag("boards without a line and not full: %d", positions);
	tap_ok(bad == 0, "the engine matches the naive minimax for both "
	    "sides on every open board, even with impossible counts");
}

static void
test_no_move(void)
{
	ttt_board	 b;
	char		 s[9];
	int		 n, bad = 0;

	for (n = 0; n < NBOARDS; n++) {
		if (open_board[n])
			continue;
		boards_decode(n, &b, s);
		if (ttt_best_move(&b, TTT_O) != -1 ||
		    ttt_best_move(&b, TTT_X) != -1)
			bad++;
	}
	tap_ok(bad == 0, "on every board with a line or without an empty "
	    "cell there is no move (-1)");

	ttt_board_from_string(&b, "X        ");
	tap_ok(ttt_best_move(&b, TTT_EMPTY) == -1 &&
	    ttt_best_move(&b, (ttt_cell)3) == -1,
	    "an AI side other than X or O gets -1");
	b.cell[8] = 3;
	tap_ok(ttt_best_move(&b, TTT_O) == -1, "a cell value of 3 gets -1");
	b.cell[8] = 255;
	tap_ok(ttt_best_move(&b, TTT_O) == -1, "a cell value of 255 gets -1");
}

/* One board, one side, the move a person would expect. */
static void
check_move(const char *board, ttt_cell ai, int want, const char *name)
{
	ttt_board	 b;
	int		 got;

	ttt_board_from_string(&b, board);
	got = ttt_best_move(&b, ai);
	if (!tap_ok(got == want, name))
		tap_diag("\"%s\": got %d, want %d", board, got, want);
}

static void
test_examples(void)
{
	check_move("         ", TTT_O, 0, "on the empty board every move "
	    "draws, so the first cell wins the tie");
	check_move("XX OO    ", TTT_O, 5, "O completes its own row rather "
	    "than block X's");
	check_move("XX  O    ", TTT_O, 2, "O blocks X's open row when it "
	    "cannot win at once");
	check_move("OO XX    ", TTT_X, 5, "X, as the AI, completes its own "
	    "row rather than block O's");
	check_move("X        ", TTT_O, 4, "O answers a corner opening in "
	    "the centre, the only move that does not lose");
}

int
main(void)
{
	compute_naive();
	test_before_init();
	test_exhaustive();
	test_no_move();
	test_examples();
	return tap_done();
}
