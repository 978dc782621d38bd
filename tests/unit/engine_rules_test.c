/*
 * engine_rules_test.c - position checking, game state and side to move,
 * over all 3^9 boards and against the boards reachable by actual play.
 */
#include <stdlib.h>
#include <string.h>

#include "ttt.h"
#include "tap.h"
#include "engine_boards.h"
#include "naive_minimax.h"

#define NBOARDS	TTT_BOARDS

/* The possibility rules of ttt_check_position(), restated without libttt. */
static ttt_position_error
naive_check(const char s[9])
{
	int	 x = boards_count(s, 'X'), o = boards_count(s, 'O');
	bool	 xw = naive_wins(s, 'X'), ow = naive_wins(s, 'O');

	if (abs(x - o) > 1)
		return TTT_POSITION_COUNTS;
	if (xw && ow)
		return TTT_POSITION_BOTH_LINES;
	if (xw && x < o)
		return TTT_POSITION_X_LINE_O_LAST;
	if (ow && o < x)
		return TTT_POSITION_O_LINE_X_LAST;
	return TTT_POSITION_OK;
}

static ttt_state
naive_state(const char s[9])
{
	if (naive_wins(s, 'X'))
		return TTT_STATE_X_WON;
	if (naive_wins(s, 'O'))
		return TTT_STATE_O_WON;
	return naive_full(s) ? TTT_STATE_DRAW : TTT_STATE_IN_PROGRESS;
}

/* The side with fewer marks; nobody on equal counts. */
static ttt_cell
naive_side(const char s[9])
{
	int	 x = boards_count(s, 'X'), o = boards_count(s, 'O');

	return x < o ? TTT_X : o < x ? TTT_O : TTT_EMPTY;
}

/*
 * Mark every board reachable from the empty one by alternate moves, the
 * side `first` opening, stopping at a line or a full board.  Breadth-first
 * over a queue of board numbers; returns how many boards were reached.
 */
static int
reachable(char first, bool seen[NBOARDS])
{
	static int	 queue[NBOARDS];
	static const int pow3[9] = { 1, 3, 9, 27, 81, 243, 729, 2187, 6561 };
	ttt_board	 b;
	char		 s[9], mover;
	int		 head = 0, tail = 0, i, next;

	memset(seen, 0, NBOARDS * sizeof(seen[0]));
	seen[0] = true;
	queue[tail++] = 0;
	while (head < tail) {
		int	 n = queue[head++];

		boards_decode(n, &b, s);
		if (naive_wins(s, 'X') || naive_wins(s, 'O') || naive_full(s))
			continue;
		/* Equal counts: the opener's turn. */
		if (boards_count(s, 'X') == boards_count(s, 'O'))
			mover = first;
		else
			mover = first == 'X' ? 'O' : 'X';
		for (i = 0; i < 9; i++) {
			if (s[i] != ' ')
				continue;
			next = n + pow3[i] * (mover == 'X' ? 1 : 2);
			if (!seen[next]) {
				seen[next] = true;
				queue[tail++] = next;
			}
		}
	}
	return tail;
}

static void
test_exhaustive_rules(void)
{
	ttt_board	 b;
	char		 s[9];
	int		 n, bad_check = 0, bad_state = 0, bad_side = 0;

	for (n = 0; n < NBOARDS; n++) {
		boards_decode(n, &b, s);
		if (ttt_check_position(&b) != naive_check(s)) {
			if (bad_check++ == 0)
				tap_diag("check differs on \"%.9s\"", s);
		}
		if (naive_check(s) == TTT_POSITION_OK &&
		    ttt_game_state(&b) != naive_state(s)) {
			if (bad_state++ == 0)
				tap_diag("state differs on \"%.9s\"", s);
		}
		if (ttt_side_to_move(&b) != naive_side(s))
			bad_side++;
	}
	tap_ok(bad_check == 0, "ttt_check_position agrees with a naive "
	    "restatement of the rules on all 19,683 boards");
	tap_ok(bad_state == 0, "ttt_game_state agrees with a naive "
	    "classification on every possible board");
	tap_ok(bad_side == 0, "ttt_side_to_move names the side with fewer "
	    "marks, and nobody on equal counts, on all 19,683 boards");
}

static void
test_reachable(void)
{
	static bool	 by_x[NBOARDS], by_o[NBOARDS];
	ttt_board	 b;
	char		 s[9];
	int		 n, nx, no, possible = 0, mismatches = 0;

	nx = reachable('X', by_x);
	no = reachable('O', by_o);
	tap_diag("reachable with X first: %d, with O first: %d", nx, no);
	tap_ok(nx == 5478, "exactly 5,478 positions are reachable from the "
	    "empty board with X moving first");
	tap_ok(no == 5478, "exactly 5,478 positions are reachable with O "
	    "moving first, by symmetry");

	for (n = 0; n < NBOARDS; n++) {
		boards_decode(n, &b, s);
		if (ttt_check_position(&b) == TTT_POSITION_OK)
			possible++;
		if ((ttt_check_position(&b) == TTT_POSITION_OK) !=
		    (by_x[n] || by_o[n])) {
			if (mismatches++ == 0)
				tap_diag("check and play disagree on \"%.9s\"",
				    s);
		}
	}
	tap_diag("possible boards (either side may open): %d", possible);
	tap_ok(mismatches == 0, "ttt_check_position accepts exactly the "
	    "boards reachable by play with either side opening");

	mismatches = 0;
	for (n = 0; n < NBOARDS; n++) {
		boards_decode(n, &b, s);
		if (by_x[n] && ttt_game_state(&b) == TTT_STATE_IN_PROGRESS &&
		    ttt_side_to_move(&b) != (boards_count(s, 'X') == boards_count(s, 'O') ?
		    TTT_EMPTY : TTT_O))
			mismatches++;
	}
	tap_ok(mismatches == 0, "on unfinished X-first positions the side "
	    "to move is O after X's move, and open on equal counts");
}

/* One hand-made board, its expected reason and the exact sentence. */
static void
check_reason(const char *board, ttt_position_error want, const char *msg,
    const char *name)
{
	ttt_board	 b;

	if (ttt_board_from_string(&b, board) != 0) {
		tap_ok(false, name);
		return;
	}
	if (!tap_ok(ttt_check_position(&b) == want &&
	    strcmp(ttt_position_message(ttt_check_position(&b)), msg) == 0,
	    name))
		tap_diag("got %d: %s", (int)ttt_check_position(&b),
		    ttt_position_message(ttt_check_position(&b)));
}

static void
test_reasons(void)
{
	check_reason("XXX      ", TTT_POSITION_COUNTS,
	    "The numbers of X and O marks differ by more than one; players "
	    "take turns, so the counts may differ by at most one.",
	    "three X and no O is impossible because of the counts");
	check_reason("OO       ", TTT_POSITION_COUNTS,
	    "The numbers of X and O marks differ by more than one; players "
	    "take turns, so the counts may differ by at most one.",
	    "two O and no X is impossible because of the counts");
	check_reason("XXXOOO   ", TTT_POSITION_BOTH_LINES,
	    "Both X and O have three in a row; the game ends at the first "
	    "line, so at most one side can have one.",
	    "a line for each side is impossible");
	check_reason("XXXOO O O", TTT_POSITION_X_LINE_O_LAST,
	    "X has three in a row but O has more marks than X; the game ended "
	    "when X completed the line, so O cannot have moved after it.",
	    "an X line with O having moved last is impossible");
	check_reason("OOOXX X X", TTT_POSITION_O_LINE_X_LAST,
	    "O has three in a row but X has more marks than O; the game ended "
	    "when O completed the line, so X cannot have moved after it.",
	    "an O line with X having moved last is impossible");
	check_reason("XXXOO    ", TTT_POSITION_OK,
	    "The position is possible.",
	    "an X line made by X's last move is possible");
	check_reason("XXXOO O  ", TTT_POSITION_OK,
	    "The position is possible.",
	    "an X line on equal counts is possible, as O may have opened");
	check_reason("XXXXXXOOO", TTT_POSITION_COUNTS,
	    "The numbers of X and O marks differ by more than one; players "
	    "take turns, so the counts may differ by at most one.",
	    "the counts are reported before the lines");
	check_reason("XXXOOOO  ", TTT_POSITION_BOTH_LINES,
	    "Both X and O have three in a row; the game ends at the first "
	    "line, so at most one side can have one.",
	    "both lines are reported before who moved last");
}

/* A sentence: capital first, one full stop at the end, no newline. */
static bool
is_sentence(const char *s)
{
	size_t	 len = s != NULL ? strlen(s) : 0;

	return len > 10 && s[0] >= 'A' && s[0] <= 'Z' && s[len - 1] == '.' &&
	    strchr(s, '\n') == NULL && strchr(s, '.') == s + len - 1;
}

static void
test_messages(void)
{
	ttt_board	 b;
	char		 buf[200], small[12];
	int		 e;
	bool		 all = true;

	for (e = TTT_POSITION_OK; e <= TTT_POSITION_O_LINE_X_LAST; e++)
		all &= is_sentence(ttt_position_message((ttt_position_error)e));
	tap_ok(all, "every reason's message is one sentence");
	tap_ok(is_sentence(ttt_position_message((ttt_position_error)99)),
	    "an unknown reason still gets a sentence, not NULL");

	ttt_board_from_string(&b, "XXXXX  O ");
	tap_ok(ttt_position_describe(&b, buf, sizeof(buf)) ==
	    TTT_POSITION_COUNTS && strcmp(buf, "X has 5 marks and O has 1; "
	    "players take turns, so the counts may differ by at most one.") ==
	    0, "ttt_position_describe names the counts when they are wrong");
	ttt_board_from_string(&b, "OOO X    ");
	tap_ok(ttt_position_describe(&b, buf, sizeof(buf)) ==
	    TTT_POSITION_COUNTS && strcmp(buf, "X has 1 mark and O has 3; "
	    "players take turns, so the counts may differ by at most one.") ==
	    0, "ttt_position_describe says mark, not marks, for one");
	ttt_board_from_string(&b, "XXXOOO   ");
	tap_ok(ttt_position_describe(&b, buf, sizeof(buf)) ==
	    TTT_POSITION_BOTH_LINES && strcmp(buf,
	    ttt_position_message(TTT_POSITION_BOTH_LINES)) == 0,
	    "ttt_position_describe gives the fixed sentence otherwise");
	tap_ok(ttt_position_describe(&b, small, sizeof(small)) ==
	    TTT_POSITION_BOTH_LINES && strlen(small) == sizeof(small) - 1,
	    "ttt_position_describe truncates to the buffer and terminates");
}

static void
test_states(void)
{
	ttt_board	 b;

	ttt_board_from_string(&b, "XXXOO    ");
	tap_ok(ttt_game_state(&b) == TTT_STATE_X_WON, "a row of X is won by X");
	ttt_board_from_string(&b, "XXOXO O  ");
	tap_ok(ttt_game_state(&b) == TTT_STATE_O_WON,
	    "an anti-diagonal of O is won by O");
	ttt_board_from_string(&b, "XOXXOOOXX");
	tap_ok(ttt_game_state(&b) == TTT_STATE_DRAW,
	    "a full board without a line is a draw");
	ttt_board_from_string(&b, "XOXXOOOX ");
	tap_ok(ttt_game_state(&b) == TTT_STATE_IN_PROGRESS,
	    "a board with an empty cell and no line is in progress");
	ttt_board_from_string(&b, "XOXOXOOXX");
	tap_ok(ttt_game_state(&b) == TTT_STATE_X_WON,
	    "a full board with a line is won, not drawn");
}

int
main(void)
{
	test_exhaustive_rules();
	test_reachable();
	test_reasons();
	test_messages();
	test_states();
	return tap_done();
}
