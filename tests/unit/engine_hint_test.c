/*
 * engine_hint_test.c - ttt_hint against a naive search of every cell, on
 * every position where the human is to move.
 */
#include "ttt.h"
#include "tap.h"
#include "engine_boards.h"
#include "naive_minimax.h"

static char
char_of(ttt_cell c)
{
	return c == TTT_X ? 'X' : c == TTT_O ? 'O' : c == TTT_EMPTY ? ' ' : '?';
}

/* Positions where the hints differ from the naive ones in any way. */
static int
compare(char human, int *positions)
{
	struct ttt_hint_move	 out[TTT_CELLS];
	ttt_board		 b;
	char			 s[9], outcome[9];
	int			 n, i, got, want, nbest, wbest, cells[9];
	int			 bad = 0;

	*positions = 0;
	for (n = 0; n < TTT_BOARDS; n++) {
		boards_decode(n, &b, s);
		if (!boards_to_move(s, human))
			continue;
		(*positions)++;
		got = ttt_hint(&b, human == 'X' ? TTT_X : TTT_O, out, &nbest);
		want = naive_hint(s, human, cells, outcome, &wbest);
		bool same = got == want && nbest == wbest;

		for (i = 0; same && i < want; i++)
			same = out[i].cell == cells[i] &&
			    char_of(out[i].forecast) == outcome[i];
		if (!same && bad++ < 3)
			tap_diag("%c on \"%.9s\": engine %d hints, %d best; "
			    "naive %d, %d", human, s, got, nbest, want, wbest);
	}
	return bad;
}

static void
test_exhaustive(void)
{
	int	 positions, bad;

	bad = compare('X', &positions);
	tap_ok(bad == 0 && positions == 4520, "for X on all 4,520 positions "
	    "where it is X's turn, the hints are the naive ones: same cells, "
	    "forecasts, order and number of best");
	bad = compare('O', &positions);
	tap_ok(bad == 0 && positions == 4520, "for O on all 4,520 positions "
	    "where it is O's turn, the hints are the naive ones: same cells, "
	    "forecasts, order and number of best");
}

/* The best move of the engine is among the best hints, and they agree. */
static void
test_agrees_with_engine(void)
{
	struct ttt_hint_move	 out[TTT_CELLS];
	ttt_board		 b;
	char			 s[9];
	int			 n, k, i, count, nbest, best, bad = 0;
	bool			 found;

	for (k = 0; k < 2; k++) {
		ttt_cell	 human = k ? TTT_X : TTT_O;

		for (n = 0; n < TTT_BOARDS; n++) {
			boards_decode(n, &b, s);
			if (!boards_to_move(s, k ? 'X' : 'O'))
				continue;
			count = ttt_hint(&b, human, out, &nbest);
			best = ttt_best_move(&b, human);
			found = false;
			for (i = 0; i < nbest; i++)
				found |= out[i].cell == best;
			if (!found || count != ttt_count(&b, TTT_EMPTY) ||
			    out[0].forecast != ttt_forecast(&b, human))
				bad++;
		}
	}
	tap_ok(bad == 0, "on every position the hints cover every empty cell, "
	    "the first forecast is the board's forecast, and the engine's "
	    "best move is among the best hints");
}

static void
test_edges(void)
{
	struct ttt_hint_move	 out[TTT_CELLS];
	ttt_board		 b;
	int			 nbest = 5;

	ttt_board_from_string(&b, "XXXOO    ");
	tap_ok(ttt_hint(&b, TTT_O, out, &nbest) == 0 && nbest == 0,
	    "a board with a line has no hints, and nbest is 0");
	nbest = 5;
	ttt_board_from_string(&b, "XOXXOOOXX");
	tap_ok(ttt_hint(&b, TTT_X, out, &nbest) == 0 && nbest == 0,
	    "a full board has no hints, and nbest is 0");
	ttt_board_from_string(&b, "XX OO    ");
	tap_ok(ttt_hint(&b, TTT_X, out, NULL) == 5 && out[0].cell == 2 &&
	    out[0].forecast == TTT_X, "nbest may be NULL; X to move on two "
	    "open rows is told to complete its own first");
	tap_ok(ttt_hint(&b, TTT_X, out, &nbest) == 5 && nbest == 1 &&
	    out[1].cell == 5 && out[1].forecast == TTT_EMPTY &&
	    out[2].cell == 6 && out[2].forecast == TTT_O,
	    "there, only that cell wins; blocking O's row draws, and each "
	    "other cell, in cell order, loses to O");
	nbest = 5;
	tap_ok(ttt_hint(&b, TTT_EMPTY, out, &nbest) == 0 && nbest == 0,
	    "a human side other than X or O gets no hints");
	b.cell[7] = 3;
	nbest = 5;
	tap_ok(ttt_hint(&b, TTT_X, out, &nbest) == 0 && nbest == 0,
	    "a cell value of 3 gets no hints");
}

int
main(void)
{
	test_exhaustive();
	test_agrees_with_engine();
	test_edges();
	return tap_done();
}
