/*
 * engine_text_test.c - what the engine gives a client to show: the winning
 * line, the board drawn as text, the names of levels and reasons.
 */
#include <string.h>

#include "ttt.h"
#include "tap.h"
#include "engine_boards.h"
#include "naive_minimax.h"

static void
test_winning_line(void)
{
	ttt_board	 b;
	char		 s[9];
	int		 n, got, want, cells[3], wcells[3], bad = 0, lines = 0;

	for (n = 0; n < TTT_BOARDS; n++) {
		boards_decode(n, &b, s);
		cells[0] = cells[1] = cells[2] = -1;
		got = ttt_winning_line(&b, cells);
		want = naive_winning_line(s, wcells);
		lines += want;
		if (got != want || (want &&
		    memcmp(cells, wcells, sizeof(cells)) != 0)) {
			if (bad++ < 3)
				tap_diag("\"%.9s\": engine %d (%d %d %d), "
				    "naive %d", s, got, cells[0], cells[1],
				    cells[2], want);
		}
	}
	tap_diag("boards with a line: %d", lines);
	tap_ok(bad == 0 && lines > 0, "on all 19,683 boards the winning line "
	    "is the naive first line in the order rows, columns, diagonals");

	ttt_board_from_string(&b, "OOOXXX   ");
	tap_ok(ttt_winning_line(&b, cells) == 1 && cells[0] == 0 &&
	    cells[1] == 1 && cells[2] == 2, "with two lines, the top row comes "
	    "before the middle row");
	ttt_board_from_string(&b, "X X X X X");
	tap_ok(ttt_winning_line(&b, cells) == 1 && cells[0] == 0 &&
	    cells[1] == 4 && cells[2] == 8, "the diagonal 0-4-8 comes before "
	    "the diagonal 2-4-6");
	ttt_board_from_string(&b, "         ");
	cells[0] = 42;
	tap_ok(ttt_winning_line(&b, cells) == 0 && cells[0] == 42,
	    "three empty cells in a row are no line, and cells stay untouched");
}

static void
test_board_text(void)
{
	ttt_board	 b;
	char		 s[9], got[TTT_BOARD_TEXT_SIZE + 8], want[64];
	int		 n, bad = 0;
	size_t		 len;

	for (n = 0; n < TTT_BOARDS; n++) {
		boards_decode(n, &b, s);
		memset(got, '#', sizeof(got));
		len = ttt_board_text(&b, got);
		naive_board_text(s, want);
		if (len != strlen(want) || strcmp(got, want) != 0 ||
		    got[TTT_BOARD_TEXT_SIZE] != '#') {
			if (bad++ < 3)
				tap_diag("\"%.9s\": got \"%s\"", s, got);
		}
	}
	tap_ok(bad == 0, "on all 19,683 boards the text is the naive drawing, "
	    "and nothing is written past TTT_BOARD_TEXT_SIZE");

	ttt_board_from_string(&b, "X   O    ");
	len = ttt_board_text(&b, got);
	tap_ok(len == 59 && TTT_BOARD_TEXT_SIZE == 60 && strcmp(got,
	    " X | 2 | 3 \n---+---+---\n 4 | O | 6 \n---+---+---\n 7 | 8 | 9 ")
	    == 0, "X in a corner and O in the centre are drawn with the "
	    "other cells as digits, in 59 characters");
	b.cell[8] = 5;
	ttt_board_text(&b, got);
	tap_ok(got[57] == '?', "a cell that holds no ttt_cell value is "
	    "drawn as '?'");
}

static void
test_names(void)
{
	static const char *const levels[] = {
		"perfect", "hard", "medium", "easy"
	};
	static const char *const reasons[] = {
		"win", "block", "fork", "block_fork", "center", "corner", "edge"
	};
	ttt_level	 l;
	int		 i, bad = 0;

	for (i = 0; i < 4; i++) {
		bad += strcmp(ttt_level_name((ttt_level)i), levels[i]) != 0;
		bad += ttt_level_from_name(levels[i], &l) != 0 ||
		    l != (ttt_level)i;
	}
	tap_ok(bad == 0 && TTT_LEVEL_PERFECT == 0 && TTT_LEVEL_EASY == 3 &&
	    TTT_LEVEL__MAX == 4,
	    "each level has its lower-case name, and the name gives the "
	    "level back");
	bad = 0;
	for (i = 0; i < 7; i++)
		bad += strcmp(ttt_reason_name((ttt_reason)i), reasons[i]) != 0;
	tap_ok(bad == 0 && TTT_REASON_EDGE == 6 && TTT_REASON__MAX == 7,
	    "each reason has its lower-case name");
	bad = 0;
	for (i = 0; i < TTT_LEVEL__MAX; i++)
		bad += ttt_level_name((ttt_level)i) == NULL ||
		    strcmp(ttt_level_name((ttt_level)i), "unknown") == 0;
	for (i = 0; i < TTT_REASON__MAX; i++)
		bad += ttt_reason_name((ttt_reason)i) == NULL ||
		    strcmp(ttt_reason_name((ttt_reason)i), "unknown") == 0;
	tap_ok(bad == 0, "every level below TTT_LEVEL__MAX and every reason "
	    "below TTT_REASON__MAX has a name (the sentinels size the tables "
	    "the schemas list)");
	tap_ok(strcmp(ttt_level_name((ttt_level)4), "unknown") == 0 &&
	    strcmp(ttt_reason_name((ttt_reason)7), "unknown") == 0 &&
	    strcmp(ttt_reason_name((ttt_reason)-1), "unknown") == 0,
	    "an out-of-range level or reason is named \"unknown\"");

	l = TTT_LEVEL_HARD;
	tap_ok(ttt_level_from_name("Perfect", &l) == -1 &&
	    ttt_level_from_name("easy ", &l) == -1 &&
	    ttt_level_from_name("", &l) == -1 &&
	    ttt_level_from_name("unknown", &l) == -1 &&
	    ttt_level_from_name(NULL, &l) == -1 && l == TTT_LEVEL_HARD,
	    "another case, a trailing space, an empty string, \"unknown\" "
	    "and NULL are not levels, and leave the output untouched");
}

int
main(void)
{
	test_winning_line();
	test_board_text();
	test_names();
	return tap_done();
}
