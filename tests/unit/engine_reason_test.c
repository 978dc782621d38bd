/*
 * engine_reason_test.c - ttt_move_reason against a naive restatement of
 * its rules, for every empty cell of every position, and for the moves
 * the engine actually chooses.
 */
#include <string.h>

#include "ttt.h"
#include "tap.h"
#include "engine_boards.h"
#include "naive_minimax.h"

/* Moves whose reason differs from the naive one; counts the reasons. */
static int
compare(char ai, bool best_only, int *moves, int count[7])
{
	ttt_board	 b;
	char		 s[9];
	int		 n, i, bad = 0;
	ttt_cell	 side = ai == 'X' ? TTT_X : TTT_O;
	ttt_reason	 got;
	const char	*want;

	for (n = 0; n < TTT_BOARDS; n++) {
		boards_decode(n, &b, s);
		if (!boards_to_move(s, ai))
			continue;
		for (i = 0; i < TTT_CELLS; i++) {
			if (s[i] != ' ' ||
			    (best_only && i != ttt_best_move(&b, side)))
				continue;
			(*moves)++;
			got = ttt_move_reason(&b, i, side);
			want = naive_reason(s, i, ai);
			if ((unsigned)got < 7)
				count[got]++;
			if (strcmp(ttt_reason_name(got), want) != 0 &&
			    bad++ < 3)
				tap_diag("%c at %d on \"%.9s\": engine %s, "
				    "naive %s", ai, i, s,
				    ttt_reason_name(got), want);
		}
	}
	return bad;
}

static void
test_exhaustive(void)
{
	int	 count[7] = { 0 }, moves = 0, bad, i, all_seen = 1;

	bad = compare('X', false, &moves, count);
	bad += compare('O', false, &moves, count);
	tap_diag("moves: %d; win %d, block %d, fork %d, block_fork %d, "
	    "center %d, corner %d, edge %d", moves, count[0], count[1],
	    count[2], count[3], count[4], count[5], count[6]);
	for (i = 0; i < 7; i++)
		all_seen &= count[i] > 0;
	tap_ok(bad == 0 && moves > 0, "for X and for O, on every position "
	    "where it is their turn, every empty cell gets the naive reason");
	tap_ok(all_seen, "each of the seven reasons occurs");

	memset(count, 0, sizeof(count));
	moves = 0;
	bad = compare('X', true, &moves, count);
	bad += compare('O', true, &moves, count);
	tap_ok(bad == 0 && moves == 9040, "the best move of X and of O on all "
	    "9,040 positions gets the naive reason");
}

static void
check(const char *board, int index, ttt_cell ai, ttt_reason want,
    const char *name)
{
	ttt_board	 b;
	ttt_reason	 got;

	ttt_board_from_string(&b, board);
	got = ttt_move_reason(&b, index, ai);
	if (!tap_ok(got == want, name))
		tap_diag("\"%s\" %d: got %s", board, index,
		    ttt_reason_name(got));
}

static void
test_examples(void)
{
	check("XX OO    ", 5, TTT_O, TTT_REASON_WIN, "O completing its row "
	    "is a win, though X could also complete one");
	check("XX  O    ", 2, TTT_O, TTT_REASON_BLOCK, "O taking the cell "
	    "that completes X's row is a block");
	check("X   O  X ", 6, TTT_O, TTT_REASON_BLOCK_FORK, "O taking the "
	    "only cell where X would make two threats is a block_fork");
	check("X   O   X", 1, TTT_O, TTT_REASON_EDGE, "O on an edge between "
	    "X's opposite corners is no block_fork: X could still fork, "
	    "were it not forced to block");
	check("X  O    X", 2, TTT_X, TTT_REASON_FORK, "X making two open "
	    "lines at once is a fork");
	check("X        ", 4, TTT_O, TTT_REASON_CENTER, "the centre with "
	    "nothing at stake is the center");
	check("         ", 8, TTT_X, TTT_REASON_CORNER, "an opening in a "
	    "corner is a corner");
	check("         ", 7, TTT_X, TTT_REASON_EDGE, "an opening on an edge "
	    "is an edge");
	check("X        ", 0, TTT_O, TTT_REASON_EDGE, "a taken cell gets "
	    "TTT_REASON_EDGE");
	check("X        ", 9, TTT_O, TTT_REASON_EDGE, "an index past the "
	    "board gets TTT_REASON_EDGE");
	check("X        ", 4, TTT_EMPTY, TTT_REASON_EDGE, "a side other than "
	    "X or O gets TTT_REASON_EDGE");
}

int
main(void)
{
	test_exhaustive();
	test_examples();
	return tap_done();
}
