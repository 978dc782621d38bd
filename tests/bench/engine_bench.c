/*
 * engine_bench.c - how fast libttt answers, and how fast it starts.
 *
 * Run by `make bench-engine` (part of `make bench`).  It prints figures
 * with the targets (a move well under a microsecond, start-up in
 * milliseconds) next to them; it never fails on time, since timing depends
 * on the machine and its load.
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
 *   game v2    each level's move, a full hint, the forecast, the reason of
 *              the best move and the board text: a sweep that changes
 *              position every call (through a function pointer, which
 *              costs a nanosecond or two), against the naive code of the
 *              tests doing the same job on the same positions.
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
#define NSTEPS		(ROUNDS * REPS)

static ttt_board	 pos[NPOS];
static char		 pos_s[NPOS][9];
/* Results go here so the compiler cannot drop the calls. */
static volatile int	 sink;

/* One job done on position k, by libttt or by the naive code. */
typedef int	(*job_fn)(int k);

static int
ttt_level_job(int k, ttt_level level)
{
	return ttt_level_move(&pos[k], TTT_O, level, (uint32_t)k);
}

static int	lib_perfect(int k) { return ttt_level_job(k, TTT_LEVEL_PERFECT); }
static int	lib_hard(int k) { return ttt_level_job(k, TTT_LEVEL_HARD); }
static int	lib_medium(int k) { return ttt_level_job(k, TTT_LEVEL_MEDIUM); }
static int	lib_easy(int k) { return ttt_level_job(k, TTT_LEVEL_EASY); }

static int
lib_hint(int k)
{
	struct ttt_hint_move	 out[TTT_CELLS];
	int			 nbest;

	return ttt_hint(&pos[k], TTT_O, out, &nbest) + out[0].cell + nbest;
}

static int
lib_forecast(int k)
{
	return (int)ttt_forecast(&pos[k], TTT_O);
}

static int
lib_reason(int k)
{
	return (int)ttt_move_reason(&pos[k], ttt_best_move(&pos[k], TTT_O),
	    TTT_O);
}

static int
lib_text(int k)
{
	char	 out[TTT_BOARD_TEXT_SIZE];

	return (int)ttt_board_text(&pos[k], out) + out[k % 59];
}

static int
naive_perfect(int k)
{
	return naive_best_move(pos_s[k], 'O');
}

/* The outcome class of every cell, then the seed picks among the best. */
static int
naive_hard(int k)
{
	char	 b[9];
	int	 i, r, top = -1, cells[9], n = 0;

	memcpy(b, pos_s[k], sizeof(b));
	for (i = 0; i < 9; i++) {
		if (b[i] != ' ')
			continue;
		b[i] = 'O';
		r = naive_outcome(b, 'X');
		b[i] = ' ';
		r = r == 'O' ? 2 : r == ' ' ? 1 : 0;
		if (r > top) {
			top = r;
			n = 0;
		}
		if (r == top)
			cells[n++] = i;
	}
	return cells[k % n];
}

static int
naive_medium(int k)
{
	int	 i, n = 0, cells[9];

	for (i = 0; i < 9; i++)
		if (naive_completes(pos_s[k], i, 'O'))
			return i;
	for (i = 0; i < 9; i++)
		if (naive_completes(pos_s[k], i, 'X'))
			return i;
	for (i = 0; i < 9; i++)
		if (pos_s[k][i] == ' ')
			cells[n++] = i;
	return cells[k % n];
}

static int
naive_easy(int k)
{
	int	 i, n = 0, cells[9];

	for (i = 0; i < 9; i++)
		if (pos_s[k][i] == ' ')
			cells[n++] = i;
	return cells[k % n];
}

static int
naive_hint_job(int k)
{
	char	 outcome[9];
	int	 cells[9], nbest;

	return naive_hint(pos_s[k], 'O', cells, outcome, &nbest) + nbest;
}

static int
naive_forecast(int k)
{
	return naive_outcome(pos_s[k], 'O');
}

static int
naive_reason_job(int k)
{
	return naive_reason(pos_s[k], naive_best_move(pos_s[k], 'O'),
	    'O')[0];
}

static int
naive_text(int k)
{
	char	 out[64];

	return naive_board_text(pos_s[k], out) + out[k % 59];
}

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

/* Mean ns per call of fn over all positions, `steps` sweeps. */
static double
sweep_ns(job_fn fn, int npos, int steps)
{
	double	 t0 = now_ns();
	int	 r, k;

	for (r = 0; r < steps; r++)
		for (k = 0; k < npos; k++)
			sink += fn(k);
	return (now_ns() - t0) / ((double)steps * npos);
}

static void
compare(const char *what, job_fn lib, job_fn naive, int npos)
{
	double	 t_lib, t_naive;

	sweep_ns(lib, npos, 1);		/* warm up */
	t_lib = sweep_ns(lib, npos, NSTEPS);
	t_naive = sweep_ns(naive, npos, 1);
	printf("  %-22s %8.1f ns/call  %10.0f ns/call  %8.0fx\n", what,
	    t_lib, t_naive, t_naive / t_lib);
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

	printf("\ngame v2, O to move, new position each call, mean of %d "
	    "sweeps (target: well under 1000 ns)\n", NSTEPS);
	printf("  %-22s %8s          %10s          %8s\n", "", "libttt",
	    "naive", "ratio");
	compare("level perfect", lib_perfect, naive_perfect, npos);
	compare("level hard", lib_hard, naive_hard, npos);
	compare("level medium", lib_medium, naive_medium, npos);
	compare("level easy", lib_easy, naive_easy, npos);
	compare("hint, every cell", lib_hint, naive_hint_job, npos);
	compare("forecast", lib_forecast, naive_forecast, npos);
	compare("reason of best move", lib_reason, naive_reason_job, npos);
	compare("board text", lib_text, naive_text, npos);
	return 0;
}
