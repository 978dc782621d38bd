/*
 * engine_bench.c - how fast libttt answers, and how fast it starts.
 *
 * Run by `make bench-engine` (part of `make bench`).  It prints figures
 * with the targets of issue 2 next to them; it never fails on time, since
 * timing depends on the machine and its load.
 *
 *   per call   ttt_best_move over all 4,520 positions where O is to move,
 *              ROUNDS rounds; each sample is one position called REPS
 *              times in a row (one clock read is ~20 ns, too coarse for
 *              a single call).  Mean and median over the samples, and a
 *              sweep that changes position every call (no warm branch).
 *   init       ttt_init() in fresh processes (fork before the first
 *              call), so page faults on the table count, as at start-up.
 *   speed-up   naive minimax (tests/unit/naive_minimax.c) on the same
 *              positions, once each, against the mean per call.
 */
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ttt.h"
#include "../unit/naive_minimax.h"

#define NPOS		4520
#define ROUNDS		20
#define REPS		64
#define INIT_RUNS	21

static ttt_board	 pos[NPOS];
static char		 pos_s[NPOS][9];
/* Results go here so the compiler cannot drop the calls. */
static volatile int	 sink;

static double
now_ns(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The positions where O is to move: no line, not full, X - O in {0, 1}. */
static int
enumerate(void)
{
	static const char	 chars[] = " XO";
	ttt_board		 b;
	char			 s[9];
	int			 n, i, m, k = 0;

	for (n = 0; n < 19683; n++) {
		int	 x = 0, o = 0;

		for (i = 0, m = n; i < 9; i++, m /= 3) {
			b.cell[i] = (uint8_t)(m % 3);
			s[i] = chars[m % 3];
			x += m % 3 == 1;
			o += m % 3 == 2;
		}
		if ((x - o != 0 && x - o != 1) || naive_wins(s, 'X') ||
		    naive_wins(s, 'O') || naive_full(s))
			continue;
		if (k < NPOS) {
			pos[k] = b;
			memcpy(pos_s[k], s, sizeof(s));
		}
		k++;
	}
	return k;
}

/* Time ttt_init() in a child that has not called it; -1 on failure. */
static double
init_in_fresh_process(void)
{
	int	 fd[2], status;
	double	 t = -1;
	pid_t	 pid;

	if (pipe(fd) == -1)
		return -1;
	if ((pid = fork()) == -1) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		double	 t0 = now_ns();

		ttt_init();
		t = now_ns() - t0;
		_exit(write(fd[1], &t, sizeof(t)) == sizeof(t) ? 0 : 1);
	}
	close(fd[1]);
	if (read(fd[0], &t, sizeof(t)) != sizeof(t))
		t = -1;
	close(fd[0]);
	waitpid(pid, &status, 0);
	return t;
}

int
main(void)
{
	static double	 samples[ROUNDS * NPOS];
	double		 init[INIT_RUNS + 1], t0, total, mean, sweep, naive;
	int		 npos, i, r, k, s = 0, runs = 0;

	if ((npos = enumerate()) != NPOS) {
		fprintf(stderr, "engine_bench: %d positions, expected %d\n",
		    npos, NPOS);
		return 1;
	}

	/* Start-up first, while this process has never touched the table. */
	for (i = 0; i < INIT_RUNS; i++)
		if ((t0 = init_in_fresh_process()) >= 0)
			init[runs++] = t0;
	t0 = now_ns();
	ttt_init();
	init[runs++] = now_ns() - t0;
	qsort(init, (size_t)runs, sizeof(init[0]), cmp_double);

	/* Warm up caches and branch predictors once. */
	for (k = 0; k < npos; k++)
		sink += ttt_best_move(&pos[k], TTT_O);

	total = 0;
	for (r = 0; r < ROUNDS; r++) {
		for (k = 0; k < npos; k++) {
			t0 = now_ns();
			for (i = 0; i < REPS; i++)
				sink += ttt_best_move(&pos[k], TTT_O);
			samples[s] = (now_ns() - t0) / REPS;
			total += samples[s++];
		}
	}
	mean = total / s;
	qsort(samples, (size_t)s, sizeof(samples[0]), cmp_double);

	t0 = now_ns();
	for (r = 0; r < ROUNDS * REPS; r++)
		for (k = 0; k < npos; k++)
			sink += ttt_best_move(&pos[k], TTT_O);
	sweep = (now_ns() - t0) / ((double)ROUNDS * REPS * npos);

	t0 = now_ns();
	for (k = 0; k < npos; k++)
		sink += naive_best_move(pos_s[k], 'O');
	naive = (now_ns() - t0) / npos;

	printf("libttt benchmark: %d positions with O to move, %d rounds "
	    "x %d calls each, CLOCK_MONOTONIC\n", npos, ROUNDS, REPS);
	printf("  ttt_best_move mean      %8.1f ns/call   (target <= 100 ns)\n",
	    mean);
	printf("  ttt_best_move median    %8.1f ns/call   (target <= 100 ns)\n",
	    samples[s / 2]);
	printf("  ttt_best_move p99       %8.1f ns/call\n",
	    samples[(size_t)s * 99 / 100]);
	printf("  sweep, new board each   %8.1f ns/call\n", sweep);
	printf("  ttt_init, fresh process %8.3f ms median, %.3f ms min, "
	    "%.3f ms max of %d   (target <= 5 ms)\n", init[runs / 2] / 1e6,
	    init[0] / 1e6, init[runs - 1] / 1e6, runs);
	printf("  naive minimax mean      %8.0f ns/call   (each position once)\n",
	    naive);
	printf("  speed-up vs naive       %8.0fx\n", naive / mean);
	return 0;
}
