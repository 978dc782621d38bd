/*
 * engine_level_test.c - the promises of each level of ttt_level_move, on
 * every position where the AI is to move, for NSEEDS seeds each.
 *
 * The candidates of a level are computed here from naive functions: hard
 * may play any cell whose outcome under perfect play (naive_outcome) is
 * the best available, medium a winning cell, else a blocking cell, else
 * any; easy any empty cell.  The engine promises that consecutive seeds
 * visit every candidate, so over NSEEDS >= 9 seeds the moves played must
 * be exactly the candidates: that checks both that no move breaks the
 * level's promise and that the seed varies the play.
 */
#include <stdint.h>
#include <stdio.h>

#include "ttt.h"
#include "tap.h"
#include "engine_boards.h"
#include "naive_minimax.h"

#define NSEEDS	16

/* Rank of an outcome for `ai`: 2 a win, 1 a draw, 0 a loss. */
static int
rank(char outcome, char ai)
{
	return outcome == ai ? 2 : outcome == ' ' ? 1 : 0;
}

/* Mask of the cells the level may play, by the naive definitions. */
static unsigned
candidates(const char s[9], char ai, ttt_level level)
{
	char		 b[9], opp = ai == 'X' ? 'O' : 'X';
	unsigned	 all = 0, best = 0, wins = 0, blocks = 0;
	int		 i, r, top = -1;

	for (i = 0; i < 9; i++) {
		if (s[i] != ' ')
			continue;
		all |= 1u << i;
		if (naive_completes(s, i, ai))
			wins |= 1u << i;
		if (naive_completes(s, i, opp))
			blocks |= 1u << i;
		if (level != TTT_LEVEL_HARD)
			continue;	/* the search is slow: only if needed */
		for (r = 0; r < 9; r++)
			b[r] = s[r];
		b[i] = ai;
		r = rank(naive_outcome(b, opp), ai);
		if (r > top) {
			top = r;
			best = 0;
		}
		if (r == top)
			best |= 1u << i;
	}
	switch (level) {
	case TTT_LEVEL_HARD:
		return best;
	case TTT_LEVEL_MEDIUM:
		return wins ? wins : blocks ? blocks : all;
	default:
		return all;
	}
}

struct result {
	int	 positions;	/* where ai is to move */
	int	 illegal;	/* a move off the board or on a taken cell */
	int	 broken;	/* a legal move outside the candidates */
	int	 missed;	/* a candidate no seed played */
	int	 varied;	/* positions with >= 2 candidates and >= 2 moves */
	int	 several;	/* positions with >= 2 candidates */
	int	 unstable;	/* a second call gave another move */
};

static void
sweep(char ai, ttt_level level, uint32_t seed0, struct result *r)
{
	ttt_board	 b;
	char		 s[9];
	unsigned	 cand, seen;
	uint32_t	 seed;
	int		 n, m, first;
	bool		 differ;
	ttt_cell	 side = ai == 'X' ? TTT_X : TTT_O;
	/* Candidates by board, for X and O, and this level: once each. */
	static unsigned	 cache[2][TTT_LEVEL_EASY + 1][TTT_BOARDS];
	unsigned	*cached = &cache[ai == 'X'][level][0];

	for (n = 0; n < TTT_BOARDS; n++) {
		boards_decode(n, &b, s);
		if (!boards_to_move(s, ai))
			continue;
		r->positions++;
		/* A position always has a candidate: 0 is "not yet". */
		if ((cand = cached[n]) == 0)
			cand = cached[n] = candidates(s, ai, level);
		seen = 0;
		first = -2;
		differ = false;
		for (seed = seed0; seed - seed0 < NSEEDS; seed++) {
			m = ttt_level_move(&b, side, level, seed);
			if (m < 0 || m > 8 || s[m] != ' ') {
				r->illegal++;
				continue;
			}
			if (ttt_level_move(&b, side, level, seed) != m)
				r->unstable++;
			if (!(cand & 1u << m) && r->broken++ < 3)
				tap_diag("%s %c on \"%.9s\" seed %u: %d",
				    ttt_level_name(level), ai, s,
				    (unsigned)seed, m);
			seen |= 1u << m;
			if (first == -2)
				first = m;
			differ |= m != first;
		}
		r->missed += (cand & ~seen) != 0;
		if (__builtin_popcount(cand) >= 2) {
			r->several++;
			r->varied += differ;
		}
	}
}

static void
test_level(ttt_level level, const char *promise)
{
	struct result	 r = { 0 };
	char		 name[256];
	const char	*lname = ttt_level_name(level);

	sweep('X', level, 0, &r);
	sweep('O', level, 0, &r);
	tap_diag("%s: %d positions, %d with several candidates, %d varied",
	    lname, r.positions, r.several, r.varied);
	snprintf(name, sizeof(name), "%s: on all 9,040 positions, for X and "
	    "O and %d seeds, every move is legal", lname, NSEEDS);
	tap_ok(r.positions == 9040 && r.illegal == 0, name);
	snprintf(name, sizeof(name), "%s: every move %s", lname, promise);
	tap_ok(r.broken == 0, name);
	snprintf(name, sizeof(name), "%s: the %d seeds together play every "
	    "cell the level allows", lname, NSEEDS);
	tap_ok(r.missed == 0, name);
	snprintf(name, sizeof(name), "%s: on every position with two or more "
	    "candidates, some seeds give different moves", lname);
	tap_ok(r.several > 0 && r.varied == r.several, name);
	snprintf(name, sizeof(name), "%s: the same board, side, level and "
	    "seed always give the same move", lname);
	tap_ok(r.unstable == 0, name);

	/* The largest seeds a client may send behave the same. */
	r = (struct result){ 0 };
	sweep('X', level, UINT32_C(0x7fffffff) - NSEEDS + 1, &r);
	sweep('O', level, UINT32_MAX - NSEEDS + 1, &r);
	snprintf(name, sizeof(name), "%s: seeds up to 2^31 - 1, and up to "
	    "2^32 - 1, keep every promise", lname);
	tap_ok(r.illegal == 0 && r.broken == 0 && r.missed == 0 &&
	    r.unstable == 0, name);
}

static void
test_perfect(void)
{
	ttt_board	 b;
	char		 s[9];
	int		 n, x, o, bad = 0, positions = 0;
	uint32_t	 seed;

	for (n = 0; n < TTT_BOARDS; n++) {
		boards_decode(n, &b, s);
		if (!boards_to_move(s, 'X') && !boards_to_move(s, 'O'))
			continue;
		positions++;
		x = naive_best_move(s, 'X');
		o = naive_best_move(s, 'O');
		for (seed = 0; seed < NSEEDS; seed++) {
			bad += ttt_level_move(&b, TTT_X, TTT_LEVEL_PERFECT,
			    seed) != x;
			bad += ttt_level_move(&b, TTT_O, TTT_LEVEL_PERFECT,
			    seed) != o;
		}
	}
	tap_ok(bad == 0 && positions > 0, "perfect: for X and O, whatever the "
	    "seed, the move is the naive minimax's best move");
}

static void
test_no_move(void)
{
	ttt_board	 b;
	char		 s[9];
	int		 n, l, bad = 0;

	for (n = 0; n < TTT_BOARDS; n++) {
		boards_decode(n, &b, s);
		if (!naive_wins(s, 'X') && !naive_wins(s, 'O') &&
		    !naive_full(s))
			continue;
		for (l = TTT_LEVEL_PERFECT; l <= TTT_LEVEL_EASY; l++)
			bad += ttt_level_move(&b, TTT_X, (ttt_level)l, 1) != -1 ||
			    ttt_level_move(&b, TTT_O, (ttt_level)l, 1) != -1;
	}
	tap_ok(bad == 0, "on every board with a line or without an empty "
	    "cell, no level has a move (-1)");

	ttt_board_from_string(&b, "X        ");
	tap_ok(ttt_level_move(&b, TTT_O, (ttt_level)4, 0) == -1 &&
	    ttt_level_move(&b, TTT_O, (ttt_level)-1, 0) == -1,
	    "a level outside the enum gets -1");
	tap_ok(ttt_level_move(&b, TTT_EMPTY, TTT_LEVEL_EASY, 0) == -1 &&
	    ttt_level_move(&b, (ttt_cell)3, TTT_LEVEL_HARD, 0) == -1,
	    "an AI side other than X or O gets -1");
	b.cell[8] = 9;
	tap_ok(ttt_level_move(&b, TTT_O, TTT_LEVEL_EASY, 0) == -1,
	    "a cell value of 9 gets -1");
}

/* The seed alone changes the move on the empty board. */
static void
test_example(void)
{
	ttt_board	 b;
	unsigned	 seen = 0;
	uint32_t	 seed;

	ttt_board_from_string(&b, "         ");
	for (seed = 0; seed < 9; seed++)
		seen |= 1u << ttt_level_move(&b, TTT_X, TTT_LEVEL_EASY, seed);
	tap_ok(seen == 0x1ff, "easy: on the empty board, seeds 0 to 8 open "
	    "on nine different cells");
}

int
main(void)
{
	test_perfect();
	test_level(TTT_LEVEL_HARD, "has the best outcome under perfect play "
	    "that the position allows (never worse than perfect)");
	test_level(TTT_LEVEL_MEDIUM, "wins at once when it can, else blocks "
	    "the opponent's line when it must");
	test_level(TTT_LEVEL_EASY, "is an empty cell");
	test_no_move();
	test_example();
	return tap_done();
}
