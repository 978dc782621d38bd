/*
 * pool.c - the FastCGI worker process (see pool.h): start the threads,
 * take the signals, enforce connection deadlines, stop, reload.
 *
 * Signals are never handled asynchronously: every thread blocks them and
 * the main thread takes them with sigtimedwait(), so a stop cannot land
 * half-way through a read, a write or libfcgi's internals.  The main
 * thread's timeout doubles as the watchdog tick.
 *
 *   SIGTERM, SIGINT, SIGUSR1 (multiwatch's stop): stop accepting, finish
 *     the requests in flight, exit 0.
 *   SIGHUP: load the configuration afresh; if it is valid, stop as above
 *     and execute this program again with the same arguments (same pid,
 *     the listening socket inherited), so it runs with the new settings;
 *     if not, log why and keep serving with the old ones.
 */
/* pipe2(2) with O_CLOEXEC (Linux): a reload must not leak the pipe. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "log.h"
#include "ops/ops.h"
#include "transport/pool.h"
#include "transport/reload_check.h"
#include "transport/transport.h"

#define TICK_MS		100	/* watchdog resolution while serving */
#define STOP_TICK_MS	10	/* ... while waiting for threads to end */
/*
 * After a stop, a connection whose request has not fully arrived gets this
 * long to deliver it: the web server sends a request at once, so only a
 * silent or stalled peer is cut, and a stop never waits a whole timeout.
 */
#define STOP_GRACE_MS	1000
/* A reload's configuration check reads two small files: give up after. */
#define RELOAD_CHECK_MS	5000

const char *
pool_phase_name(enum conn_phase phase)
{
	static const char *const names[] = {
		[CONN_PHASE_NONE] = "none", [CONN_PHASE_READING] = "reading",
		[CONN_PHASE_ANSWERING] = "answering", [CONN_PHASE_IDLE] = "idle",
	};

	if ((size_t)phase >= sizeof(names) / sizeof(names[0]))
		return "none";
	return names[phase];
}

long long
pool_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
pool_track(struct worker *w, int fd)
{
	pthread_mutex_lock(&w->lock);
	w->conn_fd = fd;
	w->phase = CONN_PHASE_NONE;
	w->cut = false;
	pthread_mutex_unlock(&w->lock);
	ops_thread_busy(1);
}

void
pool_phase(struct worker *w, enum conn_phase phase, long timeout_ms)
{
	pthread_mutex_lock(&w->lock);
	w->phase = phase;
	if (timeout_ms > 0)
		w->deadline_ms = pool_now_ms() + timeout_ms;
	pthread_mutex_unlock(&w->lock);
}

bool
pool_untrack(struct worker *w, enum conn_phase *phase)
{
	bool cut;

	pthread_mutex_lock(&w->lock);
	cut = w->cut;
	*phase = w->cut_phase;
	w->conn_fd = -1;
	w->phase = CONN_PHASE_NONE;
	pthread_mutex_unlock(&w->lock);
	ops_thread_busy(-1);
	if (cut)
		ops_count_peer_timeout();
	return cut;
}

/*
 * Shut down every connection past its deadline.  shutdown(2), not
 * close(2): the thread still owns the descriptor and closes it itself.
 */
static void
watchdog(struct worker *workers, unsigned n, long long stop_ms)
{
	long long now = pool_now_ms(), deadline;
	unsigned i;

	for (i = 0; i < n; i++) {
		pthread_mutex_lock(&workers[i].lock);
		deadline = workers[i].deadline_ms;
		if (stop_ms > 0 && workers[i].phase == CONN_PHASE_READING &&
		    stop_ms + STOP_GRACE_MS < deadline)
			deadline = stop_ms + STOP_GRACE_MS;
		if (workers[i].conn_fd >= 0 && !workers[i].cut &&
		    workers[i].phase != CONN_PHASE_NONE && now >= deadline) {
			shutdown(workers[i].conn_fd, SHUT_RDWR);
			workers[i].cut = true;
			workers[i].cut_phase = workers[i].phase;
		}
		pthread_mutex_unlock(&workers[i].lock);
	}
}

static void
stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGHUP);
}

static int
start_threads(struct pool *p, struct worker *workers, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		workers[i].pool = p;
		workers[i].conn_fd = -1;
		pthread_mutex_init(&workers[i].lock, NULL);
		if ((workers[i].body = malloc(p->cfg->body_limit + 1)) == NULL ||
		    pthread_create(&workers[i].thread, NULL, fastcgi_thread,
		    &workers[i]) != 0) {
			log_event(LOG_LEVEL_ERROR, "thread-failed", "index=%u", i);
			return -1;
		}
		workers[i].started = true;
	}
	return 0;
}

/*
 * Take signals and run the watchdog until a stop; then wake the threads
 * and keep the watchdog going until all are done.  Returns true when the
 * stop is a reload.
 */
static bool
supervise(struct pool *p, struct worker *workers, unsigned n,
    const struct transport_reload *reload, bool stop_now)
{
	struct timespec tick = { 0, TICK_MS * 1000L * 1000L };
	struct reload_check *check = NULL;
	long long stop_ms = 0;
	bool reexec = false;
	unsigned i, alive;
	char err[512];
	sigset_t set;
	int sig;

	stop_signals(&set);
	for (;;) {
		if (stop_now && stop_ms == 0) {
			stop_ms = pool_now_ms();
			atomic_store(&p->stopping, true);
			/* Never drained: every poll on it returns at once. */
			if (write(p->wake_wr, "x", 1) != 1)
				log_event(LOG_LEVEL_ERROR, "wake-failed",
				    "error=\"%s\"", strerror(errno));
			log_event(LOG_LEVEL_INFO, "stopping", "reason=%s",
			    reexec ? "reload" : "signal");
			tick.tv_nsec = STOP_TICK_MS * 1000L * 1000L;
		}
		sig = sigtimedwait(&set, NULL, &tick);
		ops_tick();
		/* The check runs on its own thread: this one keeps ticking. */
		if (sig == SIGHUP && stop_ms == 0 &&
		    reload_check_start(&check, reload->check, err,
		    sizeof(err)) != 0)
			log_event(LOG_LEVEL_ERROR, "reload-refused",
			    "reason=\"%s\" action=\"serving with the "
			    "configuration already loaded\"", err);
		switch (stop_ms != 0 ? RELOAD_CHECK_IDLE : reload_check_poll(
		    &check, pool_now_ms(), RELOAD_CHECK_MS, err, sizeof(err))) {
		case RELOAD_CHECK_OK:
			reexec = stop_now = true;
			break;
		case RELOAD_CHECK_REFUSED:
		case RELOAD_CHECK_TIMED_OUT:
			log_event(LOG_LEVEL_ERROR, "reload-refused",
			    "reason=\"%s\" action=\"serving with the "
			    "configuration already loaded\"", err);
			break;
		default:
			break;
		}
		if (sig > 0 && sig != SIGHUP) {
			reexec = false;	/* a stop wins over a reload */
			stop_now = true;
		}
		watchdog(workers, n, stop_ms);
		if (stop_ms == 0)
			continue;
		for (alive = 0, i = 0; i < n; i++)
			if (workers[i].started && !atomic_load(&workers[i].done))
				alive++;
		if (alive == 0) {
			reload_check_abandon(&check);
			return reexec;
		}
	}
}

int
pool_serve(const struct config *cfg, int listen_fd,
    const struct transport_reload *reload)
{
	struct pool p = { .cfg = cfg, .listen_fd = listen_fd };
	struct worker *workers;
	unsigned long served = 0;
	sigset_t set;
	int pipefd[2], flags, rc = 0;
	char fdtext[16];
	bool reexec, failed;
	unsigned i;

	/* A client that went away must cost a write error, not the process. */
	signal(SIGPIPE, SIG_IGN);
	stop_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, NULL);	/* threads inherit it */
	if (FCGX_Init() != 0) {
		log_event(LOG_LEVEL_ERROR, "fcgx-init", "reason=\"FCGX_Init failed\"");
		return 1;
	}
	/* Non-blocking: several threads and processes poll this socket, and
	 * a thread that loses the race must not sleep in accept(). */
	if ((flags = fcntl(listen_fd, F_GETFL)) < 0 ||
	    fcntl(listen_fd, F_SETFL, flags | O_NONBLOCK) < 0 ||
	    pipe2(pipefd, O_CLOEXEC) != 0) {
		log_event(LOG_LEVEL_ERROR, "listen-socket", "error=\"%s\"",
		    strerror(errno));
		return 1;
	}
	p.wake_fd = pipefd[0];
	p.wake_wr = pipefd[1];
	p.allowed_peers = getenv("FCGI_WEB_SERVER_ADDRS");
	if ((workers = calloc(cfg->threads, sizeof(*workers))) == NULL)
		return 1;
	ops_listen_fd(listen_fd);
	failed = start_threads(&p, workers, cfg->threads) != 0;
	ops_threads_total(cfg->threads);
	reexec = supervise(&p, workers, cfg->threads, reload, failed);
	for (i = 0; i < cfg->threads; i++) {
		if (workers[i].started)
			pthread_join(workers[i].thread, NULL);
		pthread_mutex_destroy(&workers[i].lock);
		free(workers[i].body);
		served += workers[i].served;
	}
	free(workers);
	ops_exit();
	close(pipefd[0]);
	close(pipefd[1]);
	log_event(LOG_LEVEL_INFO, "stopped", "served=%lu", served);
	if (failed)
		return 1;
	if (reexec) {
		/* The signal mask survives exec: the new image blocks these
		 * signals too, so one that arrives in between stays pending. */
		snprintf(fdtext, sizeof(fdtext), "%d", listen_fd);
		if ((flags = fcntl(listen_fd, F_GETFD)) >= 0)
			(void)fcntl(listen_fd, F_SETFD, flags & ~FD_CLOEXEC);
		if (setenv(TRANSPORT_LISTEN_FD_ENV, fdtext, 1) == 0)
			execv("/proc/self/exe", reload->argv);
		log_event(LOG_LEVEL_ERROR, "reload-failed", "error=\"%s\"",
		    strerror(errno));
		rc = 1;
	}
	return rc;
}
