/*
 * pool.c - the FastCGI worker process (pool_serve, see transport.h): start
 * the threads (each runs events.c's loop), take the signals, enforce
 * connection deadlines (deadline.h), stop, reload.  A thread holds a
 * connection only while it serves one request on it; between requests a
 * kept connection is parked (parked.h) and holds no thread, and the same
 * tick that runs the watchdog closes those idle for too long.
 *
 * Signals are never handled asynchronously: every thread blocks them and
 * the main thread takes them with sigtimedwait(), so a stop cannot land
 * half-way through a read, a write or libfcgi's internals.  The main
 * thread's timeout doubles as the watchdog tick.
 *
 *   SIGTERM, SIGINT, SIGUSR1 (multiwatch's stop): stop accepting, finish
 *     the requests in flight and those already waiting on kept
 *     connections, close the kept connections, exit 0.
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
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "log.h"
#include "ops/ops.h"
#include "transport/deadline.h"
#include "transport/events.h"
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
/*
 * After a stop, a kept connection idle this long is closed; one that
 * brings a request sooner is answered and then closed (parked.h).
 */
#define STOP_LINGER_MS	100
/* Descriptors kept free of kept connections: logs, the listening socket,
 * the epoll set, the pipe, the reload check, and two per thread for the
 * request it serves. */
#define FD_RESERVE	32
/* A reload's configuration check reads two small files: give up after. */
#define RELOAD_CHECK_MS	5000

/* Shut down every connection past its deadline (deadline.h). */
static void
watchdog(struct worker *workers, unsigned n, long long stop_ms)
{
	long long now = deadline_now_ms();
	unsigned i;

	for (i = 0; i < n; i++)
		deadline_check(&workers[i].watch, now, stop_ms, STOP_GRACE_MS);
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
		deadline_init(&workers[i].watch);
		if ((workers[i].body = malloc(p->cfg->body_limit + 1)) == NULL ||
		    pthread_create(&workers[i].thread, NULL, events_thread,
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
	long long stop_ms = 0, now;
	bool reexec = false, woken = false;
	unsigned i, alive;
	char err[512];
	sigset_t set;
	int sig;

	stop_signals(&set);
	for (;;) {
		if (stop_now && stop_ms == 0) {
			/*
			 * No more accepts here (the backlog waits for the next
			 * process); kept connections are closed after their
			 * next answer, or once idle for STOP_LINGER_MS.
			 */
			stop_ms = deadline_now_ms();
			atomic_store(&p->stopping, true);
			events_stop_accepting(p);
			parked_stop(&p->parked, stop_ms, STOP_LINGER_MS);
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
		    &check, deadline_now_ms(), RELOAD_CHECK_MS, err, sizeof(err))) {
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
		now = deadline_now_ms();
		parked_reap(&p->parked, now);
		if (stop_ms == 0)
			continue;
		/* The threads end once no parked connection is left (or the
		 * grace is over): until then they answer what arrives. */
		if (!woken && (parked_count(&p->parked) == 0 ||
		    now >= stop_ms + STOP_GRACE_MS)) {
			woken = true;
			/* Never drained: every epoll_wait returns it at once. */
			if (write(p->wake_wr, "x", 1) != 1)
				log_event(LOG_LEVEL_ERROR, "wake-failed",
				    "error=\"%s\"", strerror(errno));
		}
		for (alive = 0, i = 0; i < n; i++)
			if (workers[i].started && !atomic_load(&workers[i].done))
				alive++;
		if (alive == 0) {
			reload_check_abandon(&check);
			return reexec;
		}
	}
}

/*
 * How many idle kept connections fit: each takes two descriptors (ours and
 * libfcgi's).  The soft RLIMIT_NOFILE is raised toward the hard one when
 * the configured number needs it; what does not fit lowers the cap.
 */
static unsigned
idle_cap(const struct config *cfg)
{
	struct rlimit rl;
	rlim_t need = (rlim_t)cfg->max_idle_connections * 2 + FD_RESERVE +
	    (rlim_t)cfg->threads * 2;
	unsigned cap = cfg->max_idle_connections;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return cap;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ?
		    need : rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
		(void)getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
		need = rl.rlim_cur > FD_RESERVE + (rlim_t)cfg->threads * 2 ?
		    (rl.rlim_cur - FD_RESERVE - (rlim_t)cfg->threads * 2) / 2 : 1;
		cap = need > 0 ? (unsigned)need : 1;
		log_event(LOG_LEVEL_WARN, "idle-cap-lowered", "configured=%u "
		    "cap=%u rlimit_nofile=%llu reason=\"two descriptors per "
		    "kept connection must fit the open-files limit\"",
		    cfg->max_idle_connections, cap,
		    (unsigned long long)rl.rlim_cur);
	}
	return cap;
}

int
pool_serve(const struct config *cfg, int listen_fd,
    const struct transport_reload *reload)
{
	struct pool p = { .cfg = cfg, .listen_fd = listen_fd, .epoll_fd = -1 };
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
	if (events_open(&p) != 0 ||
	    (workers = calloc(cfg->threads, sizeof(*workers))) == NULL)
		return 1;
	parked_init(&p.parked, idle_cap(cfg), (long)cfg->idle_timeout * 1000L,
	    (long)cfg->request_timeout * 1000L);
	ops_listen_fd(listen_fd);
	failed = start_threads(&p, workers, cfg->threads) != 0;
	ops_threads_total(cfg->threads);
	reexec = supervise(&p, workers, cfg->threads, reload, failed);
	for (i = 0; i < cfg->threads; i++) {
		if (workers[i].started)
			pthread_join(workers[i].thread, NULL);
		deadline_destroy(&workers[i].watch);
		free(workers[i].body);
		served += workers[i].served;
	}
	free(workers);
	parked_destroy(&p.parked);	/* what a stop left: closed */
	close(p.epoll_fd);
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
