/*
 * engine_play_test.c - perfect play: the engine never loses.
 *
 * From the empty board, the opponent tries every legal move at each of
 * its turns and the engine answers with ttt_best_move(); every game that
 * results is played to the end.  Four setups: the engine as O or as X,
 * with X or O opening (either side may open a game).
 */
#include <stdio.h>

#include "ttt.h"
#include "tap.h"

struct tally {
	long	 games, wins, draws, losses;
	bool	 illegal;	/* the engine returned an unusable move */
};

static ttt_cell
other(ttt_cell who)
{
	return who == TTT_X ? TTT_O : TTT_X;
}

static void
explore(ttt_board *b, ttt_cell engine, ttt_cell mover, struct tally *t)
{
	ttt_board	 next;
	int		 i;

	switch (ttt_game_state(b)) {
	case TTT_STATE_X_WON:
	case TTT_STATE_O_WON:
		t->games++;
		if (ttt_game_state(b) == (engine == TTT_X ?
		    TTT_STATE_X_WON : TTT_STATE_O_WON))
			t->wins++;
		else
			t->losses++;
		return;
	case TTT_STATE_DRAW:
		t->games++;
		t->draws++;
		return;
	case TTT_STATE_IN_PROGRESS:
		break;
	}
	if (mover == engine) {
		int	 move = ttt_best_move(b, engine);

		next = *b;
		if (ttt_play(&next, move, engine) != 0) {
			t->illegal = true;
			return;
		}
		explore(&next, engine, other(mover), t);
		return;
	}
	for (i = 0; i < TTT_CELLS; i++) {
		next = *b;
		if (ttt_play(&next, i, mover) == 0)
			explore(&next, engine, other(mover), t);
	}
}

static void
check_never_loses(ttt_cell engine, ttt_cell first, const char *name)
{
	ttt_board	 b;
	struct tally	 t = { 0, 0, 0, 0, false };

	ttt_board_from_string(&b, "         ");
	explore(&b, engine, first, &t);
	tap_diag("engine %c, %c first: %ld games, %ld won, %ld drawn, "
	    "%ld lost", engine == TTT_X ? 'X' : 'O', first == TTT_X ? 'X' : 'O',
	    t.games, t.wins, t.draws, t.losses);
	tap_ok(t.games > 0 && t.losses == 0 && !t.illegal, name);
}

int
main(void)
{
	ttt_init();
	check_never_loses(TTT_O, TTT_X, "playing O with X opening, the "
	    "engine loses no game against any sequence of replies");
	check_never_loses(TTT_O, TTT_O, "playing O and opening itself, the "
	    "engine loses no game against any sequence of replies");
	check_never_loses(TTT_X, TTT_X, "playing X and opening itself, the "
	    "engine loses no game against any sequence of replies");
	check_never_loses(TTT_X, TTT_O, "playing X with O opening, the "
	    "engine loses no game against any sequence of replies");
	return tap_done();
}
