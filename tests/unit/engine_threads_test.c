/*
 * engine_threads_test.c - libttt from several threads at once.
 *
 * The header promises every function is safe in parallel, and that the
 * table is built once, on first use, even when that first use happens in
 * several threads at the same moment.  Threads that race on the very first
 * lookup, then threads sweeping every board many times, must all see the
 * answers of a single-threaded sweep.
 */
#include <stdatomic.h>
#include <string.h>
#include <threads.h>

#include "ttt.h"
#include "tap.h"

#define NBOARDS		19683
#define NTHREADS	4
#define ROUNDS		10
/* Answers recorded per board: best move, forecast, hard move, hint. */
#define NANSWERS	8

static int		 expected[NBOARDS][NANSWERS];
static int		 raced[NTHREADS][NBOARDS][NANSWERS];
static atomic_int	 arrived;

static void
decode(int n, ttt_board *b)
{
	int	 i;

	for (i = 0; i < TTT_CELLS; i++, n /= 3)
		b->cell[i] = (uint8_t)(n % 3);
}

static void
answers(int n, int out[NANSWERS])
{
	struct ttt_hint_move	 h[TTT_CELLS];
	ttt_board		 b;
	int			 k, nbest;

	decode(n, &b);
	for (k = 0; k < 2; k++) {
		ttt_cell	 side = k ? TTT_X : TTT_O;

		out[k * 4] = ttt_best_move(&b, side);
		out[k * 4 + 1] = (int)ttt_forecast(&b, side);
		out[k * 4 + 2] = ttt_level_move(&b, side, TTT_LEVEL_HARD,
		    (uint32_t)n);
		out[k * 4 + 3] = ttt_hint(&b, side, h, &nbest) * 100 +
		    nbest * 10 + (nbest ? h[0].cell : 9);
	}
}

/* Wait for all, then be among the first to touch the table. */
static int
race(void *arg)
{
	int	 (*mine)[NANSWERS] = arg, n;

	atomic_fetch_add(&arrived, 1);
	while (atomic_load(&arrived) < NTHREADS)
		thrd_yield();
	for (n = 0; n < NBOARDS; n++)
		answers(n, mine[n]);
	return 0;
}

/* Returns the number of answers that differ from the expected ones. */
static int
sweep(void *arg)
{
	int	 r, n, k, got[NANSWERS], bad = 0;

	(void)arg;
	ttt_init();	/* concurrent calls must be harmless */
	for (r = 0; r < ROUNDS; r++) {
		for (n = 0; n < NBOARDS; n++) {
			answers(n, got);
			for (k = 0; k < NANSWERS; k++)
				bad += got[k] != expected[n][k];
		}
	}
	return bad;
}

/* Start NTHREADS running fn; returns how many ran, adds their results. */
static int
run(thrd_start_t fn, bool per_thread_arg, int *bad)
{
	thrd_t	 t[NTHREADS];
	int	 i, res, started = 0;

	for (i = 0; i < NTHREADS; i++)
		if (thrd_create(&t[started], fn,
		    per_thread_arg ? raced[i] : NULL) == thrd_success)
			started++;
	/* A thread that did not start must not hold the others back. */
	atomic_fetch_add(&arrived, NTHREADS - started);
	for (i = 0; i < started; i++) {
		if (thrd_join(t[i], &res) != thrd_success)
			res = 1;
		*bad += res;
	}
	return started;
}

int
main(void)
{
	int	 i, n, bad = 0, started;

	/* No ttt_init(): the racing threads make the first lookups. */
	started = run(race, true, &bad);
	for (n = 0; n < NBOARDS; n++)
		answers(n, expected[n]);
	for (i = 0; i < started; i++)
		bad += memcmp(raced[i], expected, sizeof(expected)) != 0;
	tap_ok(started == NTHREADS, "four threads start");
	tap_ok(bad == 0, "four threads that race on the first lookup, with "
	    "no ttt_init, all get the single-threaded answers on every "
	    "board");

	bad = 0;
	started = run(sweep, false, &bad);
	tap_ok(started == NTHREADS && bad == 0, "four threads sweeping every "
	    "board in parallel, calling ttt_init as they start, all get the "
	    "single-threaded answers");
	return tap_done();
}
