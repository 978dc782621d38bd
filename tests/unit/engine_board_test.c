/*
 * engine_board_test.c - the board model of libttt: string form, counts,
 * lines, the full test and moves.
 */
#include <stdio.h>
#include <string.h>

#include "ttt.h"
#include "tap.h"

/* Board number n (0 .. 3^9 - 1) in base 3, cell 0 the lowest digit. */
static void
board_from_number(ttt_board *b, int n)
{
	int	 i;

	for (i = 0; i < TTT_CELLS; i++, n /= 3)
		b->cell[i] = (uint8_t)(n % 3);
}

static void
test_from_string(void)
{
	ttt_board	 b;
	static const uint8_t want[TTT_CELLS] = {
		TTT_X, TTT_O, TTT_EMPTY, TTT_EMPTY, TTT_X, TTT_EMPTY,
		TTT_O, TTT_EMPTY, TTT_X
	};

	tap_ok(ttt_board_from_string(&b, "XO  X O X") == 0 &&
	    memcmp(b.cell, want, sizeof(want)) == 0,
	    "a nine-character string of X, O and space parses row-major");
	tap_ok(ttt_board_from_string(&b, "XO..X.O.X") == 0 &&
	    memcmp(b.cell, want, sizeof(want)) == 0,
	    "a dot is accepted as an empty cell");
}

static void
test_from_string_rejects(void)
{
	static const char *const bad[] = {
		"", "XO  X O ", "XO  X O X ", "xo  x o x", "XO  X-O X",
		"XO\tX  O X", "000000000"
	};
	ttt_board	 b, before;
	size_t		 i;
	bool		 all = true;

	memset(&before, 0x5a, sizeof(before));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		b = before;
		if (ttt_board_from_string(&b, bad[i]) != -1 ||
		    memcmp(&b, &before, sizeof(b)) != 0) {
			tap_diag("accepted or changed the board: \"%s\"", bad[i]);
			all = false;
		}
	}
	tap_ok(all, "wrong length, lowercase and other characters are "
	    "rejected and leave the board untouched");
	tap_ok(ttt_board_from_string(&b, NULL) == -1,
	    "a NULL string is rejected");
}

static void
test_round_trip(void)
{
	ttt_board	 b, back;
	char		 s[TTT_CELLS + 1];
	int		 n;
	bool		 all = true;

	for (n = 0; n < 19683; n++) {
		board_from_number(&b, n);
		ttt_board_to_string(&b, s);
		if (strlen(s) != TTT_CELLS || strspn(s, "XO ") != TTT_CELLS ||
		    ttt_board_from_string(&back, s) != 0 ||
		    memcmp(&b, &back, sizeof(b)) != 0) {
			tap_diag("board %d does not round-trip: \"%s\"", n, s);
			all = false;
		}
	}
	tap_ok(all, "every one of the 19,683 boards survives "
	    "to_string and from_string unchanged");
}

static void
test_counts(void)
{
	ttt_board	 b;

	ttt_board_from_string(&b, "XXOX O  X");
	tap_ok(ttt_count(&b, TTT_X) == 4 && ttt_count(&b, TTT_O) == 2 &&
	    ttt_count(&b, TTT_EMPTY) == 3,
	    "ttt_count counts X, O and empty cells");
}

static void
test_each_line(void)
{
	/* The documented bit order: rows, columns, main, anti-diagonal. */
	static const int lines[8][3] = {
		{ 0, 1, 2 }, { 3, 4, 5 }, { 6, 7, 8 },
		{ 0, 3, 6 }, { 1, 4, 7 }, { 2, 5, 8 },
		{ 0, 4, 8 }, { 2, 4, 6 }
	};
	ttt_board	 b;
	int		 l, k, who;
	bool		 all = true;

	for (who = TTT_X; who <= TTT_O; who++) {
		for (l = 0; l < 8; l++) {
			memset(&b, 0, sizeof(b));
			for (k = 0; k < 3; k++)
				b.cell[lines[l][k]] = (uint8_t)who;
			if (ttt_lines(&b, (ttt_cell)who) != 1u << l ||
			    ttt_lines(&b, (ttt_cell)(3 - who)) != 0) {
				tap_diag("line %d of %c not reported as bit %d",
				    l, who == TTT_X ? 'X' : 'O', l);
				all = false;
			}
		}
	}
	tap_ok(all, "each of the eight lines is reported as its documented "
	    "bit, for X and for O, and only for its owner");
}

static void
test_double_line(void)
{
	ttt_board	 b;

	/* X completes row 0 and column 0 with the last move in the corner. */
	ttt_board_from_string(&b, "XXXXOOXO ");
	tap_ok(ttt_lines(&b, TTT_X) == ((1u << 0) | (1u << 3)) &&
	    ttt_lines(&b, TTT_O) == 0,
	    "two lines at once are both reported");
	tap_ok(ttt_lines(&b, TTT_EMPTY) == 0,
	    "three empty cells in a row are no line");
}

static void
test_full(void)
{
	ttt_board	 b;
	int		 n, i;
	bool		 all = true;

	for (n = 0; n < 19683; n++) {
		bool	 has_empty = false;

		board_from_number(&b, n);
		for (i = 0; i < TTT_CELLS; i++)
			has_empty |= b.cell[i] == TTT_EMPTY;
		if (ttt_is_full(&b) == has_empty)
			all = false;
	}
	tap_ok(all, "ttt_is_full is true exactly on the boards without "
	    "an empty cell");
}

static void
test_play(void)
{
	ttt_board	 b;
	char		 s[TTT_CELLS + 1];

	ttt_board_from_string(&b, "         ");
	tap_ok(ttt_play(&b, 4, TTT_X) == 0 && ttt_play(&b, 8, TTT_O) == 0 &&
	    (ttt_board_to_string(&b, s), strcmp(s, "    X   O") == 0),
	    "ttt_play places the mark in the given cell");
	tap_ok(ttt_play(&b, 4, TTT_O) == -1 && b.cell[4] == TTT_X,
	    "ttt_play refuses an occupied cell and leaves it as it was");
	tap_ok(ttt_play(&b, -1, TTT_X) == -1 && ttt_play(&b, 9, TTT_X) == -1,
	    "ttt_play refuses indexes outside 0-8");
	tap_ok(ttt_play(&b, 0, TTT_EMPTY) == -1 && b.cell[0] == TTT_EMPTY,
	    "ttt_play refuses to play an empty mark");
}

int
main(void)
{
	test_from_string();
	test_from_string_rejects();
	test_round_trip();
	test_counts();
	test_each_line();
	test_double_line();
	test_full();
	test_play();
	return tap_done();
}
