/*
 * engine_threads_test.c - ttt_best_move from several threads at once.
 *
 * The header promises lookups are safe in parallel after ttt_init(), and
 * ttt_init() itself uses call_once.  Threads each sweep every board many
 * times and must all see the answers of a single-threaded sweep.
 */
#include <string.h>
#include <threads.h>

#include "ttt.h"
#include "engine_tap.h"

#define NBOARDS		19683
#define NTHREADS	4
#define ROUNDS		20

static int	 expected[2][NBOARDS];

static void
decode(int n, ttt_board *b)
{
	int	 i;

	for (i = 0; i < TTT_CELLS; i++, n /= 3)
		b->cell[i] = (uint8_t)(n % 3);
}

/* Returns the number of answers that differ from the expected ones. */
static int
sweep(void *arg)
{
	ttt_board	 b;
	int		 r, n, bad = 0;

	(void)arg;
	ttt_init();	/* concurrent calls must be harmless */
	for (r = 0; r < ROUNDS; r++) {
		for (n = 0; n < NBOARDS; n++) {
			decode(n, &b);
			bad += ttt_best_move(&b, TTT_O) != expected[0][n];
			bad += ttt_best_move(&b, TTT_X) != expected[1][n];
		}
	}
	return bad;
}

int
main(void)
{
	thrd_t		 t[NTHREADS];
	ttt_board	 b;
	int		 i, n, res, bad = 0, started = 0;

	ttt_init();
	for (n = 0; n < NBOARDS; n++) {
		decode(n, &b);
		expected[0][n] = ttt_best_move(&b, TTT_O);
		expected[1][n] = ttt_best_move(&b, TTT_X);
	}
	for (i = 0; i < NTHREADS; i++)
		if (thrd_create(&t[i], sweep, NULL) == thrd_success)
			started++;
	for (i = 0; i < started; i++) {
		if (thrd_join(t[i], &res) != thrd_success)
			res = 1;
		bad += res;
	}
	tap_ok(started == NTHREADS, "four threads start");
	tap_ok(bad == 0, "four threads sweeping every board in parallel all "
	    "get the single-threaded answers");
	return tap_done();
}
