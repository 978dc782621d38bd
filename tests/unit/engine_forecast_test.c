/*
 * engine_forecast_test.c - ttt_forecast against a naive recursive search,
 * on every possible position, with each side to move.
 */
#include "ttt.h"
#include "tap.h"
#include "engine_boards.h"
#include "naive_minimax.h"

static ttt_cell
cell_of(char c)
{
	return c == 'X' ? TTT_X : c == 'O' ? TTT_O : TTT_EMPTY;
}

/* Positions compared, and how many differ from the naive outcome. */
static int
compare(char to_move, bool finished_only, int *positions)
{
	ttt_board	 b;
	char		 s[9];
	int		 n, bad = 0;
	ttt_cell	 got, want;

	*positions = 0;
	for (n = 0; n < TTT_BOARDS; n++) {
		boards_decode(n, &b, s);
		if (!boards_possible(s))
			continue;
		if (finished_only && ttt_game_state(&b) == TTT_STATE_IN_PROGRESS)
			continue;
		(*positions)++;
		got = ttt_forecast(&b, cell_of(to_move));
		want = cell_of(naive_outcome(s, to_move));
		if (got != want && bad++ < 3)
			tap_diag("\"%.9s\", %c to move: engine %d, naive %d",
			    s, to_move, got, want);
	}
	return bad;
}

static void
test_exhaustive(void)
{
	int	 positions, bad;

	bad = compare('X', false, &positions);
	tap_diag("possible positions: %d", positions);
	tap_ok(positions == 8533, "there are 8,533 possible positions when "
	    "either side may open");
	tap_ok(bad == 0, "with X to move, the forecast of every possible "
	    "position is the naive search's outcome");
	bad = compare('O', false, &positions);
	tap_ok(bad == 0, "with O to move, the forecast of every possible "
	    "position is the naive search's outcome");
	bad = compare('X', true, &positions);
	bad += compare('O', true, &positions);
	tap_diag("finished positions: %d", positions);
	tap_ok(bad == 0 && positions > 0, "on every finished position the "
	    "forecast is its winner or a draw, whoever is said to move");
}

/* Playing the best move never changes the forecast. */
static void
test_best_move_keeps_forecast(void)
{
	ttt_board	 b, next;
	char		 s[9];
	int		 n, k, bad = 0, positions = 0;

	for (k = 0; k < 2; k++) {
		ttt_cell	 ai = k ? TTT_X : TTT_O;

		for (n = 0; n < TTT_BOARDS; n++) {
			boards_decode(n, &b, s);
			if (!boards_to_move(s, k ? 'X' : 'O'))
				continue;
			positions++;
			next = b;
			if (ttt_play(&next, ttt_best_move(&b, ai), ai) != 0 ||
			    ttt_forecast(&next, ai == TTT_X ? TTT_O : TTT_X) !=
			    ttt_forecast(&b, ai))
				bad++;
		}
	}
	tap_ok(bad == 0 && positions == 9040, "on all 9,040 positions with "
	    "X or O to move, the forecast after the best move is the "
	    "forecast before it");
}

static void
check(const char *board, ttt_cell to_move, ttt_cell want, const char *name)
{
	ttt_board	 b;

	ttt_board_from_string(&b, board);
	tap_ok(ttt_forecast(&b, to_move) == want, name);
}

static void
test_examples(void)
{
	ttt_board	 b;

	check("         ", TTT_X, TTT_EMPTY, "the empty board is a draw with "
	    "X to move");
	check("         ", TTT_O, TTT_EMPTY, "the empty board is a draw with "
	    "O to move");
	check("XX OO    ", TTT_X, TTT_X, "two open rows: X wins when X moves "
	    "first");
	check("XX OO    ", TTT_O, TTT_O, "two open rows: O wins when O moves "
	    "first");
	check("X   O   X", TTT_O, TTT_EMPTY, "O in the centre between X's "
	    "opposite corners draws by taking an edge");
	check("XXXOO    ", TTT_O, TTT_X, "a board X has won is X's, even with "
	    "O to move");
	check("XOXXOOOXX", TTT_X, TTT_EMPTY, "a full board without a line is "
	    "a draw");

	ttt_board_from_string(&b, "X        ");
	tap_ok(ttt_forecast(&b, TTT_EMPTY) == TTT_EMPTY &&
	    ttt_forecast(&b, (ttt_cell)3) == TTT_EMPTY,
	    "a side to move other than X or O gets TTT_EMPTY");
	b.cell[8] = 7;
	tap_ok(ttt_forecast(&b, TTT_O) == TTT_EMPTY, "a cell value of 7 "
	    "gets TTT_EMPTY");
}

int
main(void)
{
	/* No ttt_init(): the first lookup must build the table. */
	test_exhaustive();
	test_best_move_keeps_forecast();
	test_examples();
	return tap_done();
}
