/*
 * fastcgi.c - the FastCGI accept loop (FCGX API: thread-safe, explicit
 * streams; FIELD-NOTES).  Each thread owns one FCGX_Request and one body
 * buffer; the handler never sees libfcgi.
 *
 * Stopping (FIELD-NOTES, fcgiwrap): SIGTERM/SIGINT/SIGUSR1 handlers without
 * SA_RESTART set a flag and call FCGX_ShutdownPending(), so an idle accept()
 * returns.  While a request is being served its thread blocks those signals,
 * so a stop never interrupts a read or write half-way: the request in flight
 * completes, then the loop ends.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "log.h"
#include "params.h"
#include "server.h"
#include "wire.h"

static volatile sig_atomic_t stop_requested;
static pthread_mutex_t accept_lock = PTHREAD_MUTEX_INITIALIZER;

struct worker {
	const struct ttt_config *cfg;
	int		 listen_fd;
	pthread_t	 thread;
	volatile sig_atomic_t done;
	unsigned long	 served;
};

static void
on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
	FCGX_ShutdownPending();
}

/* SIGUSR2 only interrupts a thread's accept(); the flag is already set. */
static void
on_wake(int sig)
{
	(void)sig;
}

static void
stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGUSR2);
}

static long
micros_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (long)(t1.tv_sec - t0->tv_sec) * 1000000L +
	    (t1.tv_nsec - t0->tv_nsec) / 1000L;
}

/*
 * Read exactly the announced body, up to the limit.  A body over the limit
 * is not read at all (the handler answers 413); a short body leaves
 * body_len below Content-Length (the handler answers 400).
 */
static void
read_body(const struct ttt_config *cfg, FCGX_Request *fr,
    struct ttt_request *req, unsigned char *buf)
{
	size_t want, got = 0;
	enum ttt_err e;
	int n;

	e = ttt_content_length(req->content_length, cfg->body_limit, &want);
	if (e != TTT_OK) {
		req->body_too_large = e == TTT_ERR_TOO_LARGE;
		return;
	}
	while (got < want) {
		n = FCGX_GetStr((char *)buf + got, (int)(want - got), fr->in);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	req->body = buf;
	req->body_len = got;
}

static void
serve_one(const struct ttt_config *cfg, FCGX_Request *fr, unsigned char *body)
{
	struct ttt_request req;
	struct ttt_response resp;
	char path_buf[PARAMS_PATH_MAX], head[WIRE_HEAD_MAX];
	struct timespec t0;
	size_t hlen;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	params_fill(&req, fr->envp, path_buf);
	read_body(cfg, fr, &req, body);
	log_request_debug(&req, fr->envp);
	ttt_handle(cfg, &req, &resp);
	hlen = wire_head(&resp, head, sizeof(head));
	if (hlen == 0) {
		static const char fail[] = "Status: 500 Internal Server Error\r\n"
		    "Content-Type: application/json; charset=utf-8\r\n\r\n"
		    "{\"error\":\"The response headers did not fit.\"}";
		FCGX_PutStr(fail, (int)sizeof(fail) - 1, fr->out);
	} else {
		FCGX_PutStr(head, (int)hlen, fr->out);
		if (!resp.head_only && resp.body_len > 0)
			FCGX_PutStr(resp.body, (int)resp.body_len, fr->out);
	}
	/* A client that went away (EPIPE) costs one log line, nothing more. */
	if (FCGX_GetError(fr->out) != 0)
		log_event(TTT_LOG_WARN, "write-failed", "path=%s error=%d",
		    req.path ? req.path : "-", FCGX_GetError(fr->out));
	log_request(&req, resp.status, micros_since(&t0));
	ttt_response_free(&resp);
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	FCGX_Request fr;
	unsigned char *body;
	sigset_t stops, wake;
	int rc;

	stop_signals(&stops);
	sigemptyset(&wake);
	sigaddset(&wake, SIGUSR2);
	if ((body = malloc(w->cfg->body_limit + 1)) == NULL ||
	    FCGX_InitRequest(&fr, w->listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_event(TTT_LOG_ERROR, "thread-failed", "reason=\"out of memory\"");
		free(body);
		w->done = 1;
		return NULL;
	}
	while (!stop_requested) {
		/* Only one thread waits in accept(); the others wait here. */
		pthread_mutex_lock(&accept_lock);
		if (stop_requested) {
			pthread_mutex_unlock(&accept_lock);
			break;
		}
		pthread_sigmask(SIG_UNBLOCK, &wake, NULL);
		rc = FCGX_Accept_r(&fr);
		pthread_sigmask(SIG_BLOCK, &stops, NULL);
		pthread_mutex_unlock(&accept_lock);
		if (rc < 0) {
			if (stop_requested)
				break;
			if (errno == EINTR)
				continue;
			log_event(TTT_LOG_ERROR, "accept-failed", "error=\"%s\"",
			    strerror(errno));
			sleep(1);	/* e.g. EMFILE: do not spin */
			continue;
		}
		serve_one(w->cfg, &fr, body);
		w->served++;
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 0);
	free(body);
	w->done = 1;
	return NULL;
}

static int
install(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;		/* no SA_RESTART: accept() must return */
	return sigaction(sig, &sa, NULL);
}

int
server_fastcgi(const struct ttt_config *cfg, int listen_fd)
{
	struct worker *workers;
	struct timespec nap = { 0, 50L * 1000 * 1000 };
	sigset_t stops, old;
	unsigned i, alive;
	unsigned long served = 0;

	/* Our handlers first: FCGX_Init only fills default dispositions. */
	signal(SIGPIPE, SIG_IGN);
	if (install(SIGTERM, on_stop) || install(SIGINT, on_stop) ||
	    install(SIGUSR1, on_stop) || install(SIGUSR2, on_wake)) {
		log_event(TTT_LOG_ERROR, "signals", "error=\"%s\"", strerror(errno));
		return 1;
	}
	if (FCGX_Init() != 0) {
		log_event(TTT_LOG_ERROR, "fcgx-init", "reason=\"FCGX_Init failed\"");
		return 1;
	}
	if ((workers = calloc(cfg->threads, sizeof(*workers))) == NULL)
		return 1;

	/* Threads start with every stop signal blocked; the main thread
	 * takes them and wakes the threads. */
	stop_signals(&stops);
	pthread_sigmask(SIG_BLOCK, &stops, &old);
	for (i = 0; i < cfg->threads; i++) {
		workers[i].cfg = cfg;
		workers[i].listen_fd = listen_fd;
		if (pthread_create(&workers[i].thread, NULL, worker_main,
		    &workers[i]) != 0) {
			log_event(TTT_LOG_ERROR, "thread-failed", "index=%u", i);
			stop_requested = 1;
			FCGX_ShutdownPending();
			workers[i].done = 1;
			workers[i].thread = pthread_self();
		}
	}
	/* Main thread: wait for a stop signal (SIGUSR2 stays blocked here). */
	sigdelset(&old, SIGTERM);
	sigdelset(&old, SIGINT);
	sigdelset(&old, SIGUSR1);
	sigaddset(&old, SIGUSR2);
	while (!stop_requested)
		sigsuspend(&old);
	log_event(TTT_LOG_INFO, "stopping", "reason=signal");

	/* Wake idle threads until all are gone; a busy one finishes first. */
	do {
		alive = 0;
		for (i = 0; i < cfg->threads; i++)
			if (!workers[i].done) {
				alive++;
				pthread_kill(workers[i].thread, SIGUSR2);
			}
		if (alive > 0)
			nanosleep(&nap, NULL);
	} while (alive > 0);
	for (i = 0; i < cfg->threads; i++) {
		if (!pthread_equal(workers[i].thread, pthread_self()))
			pthread_join(workers[i].thread, NULL);
		served += workers[i].served;
	}
	free(workers);
	log_event(TTT_LOG_INFO, "stopped", "served=%lu", served);
	return 0;
}

int
server_open_socket(const char *spec, char *err, size_t errlen)
{
	const char *colon = strrchr(spec, ':');
	mode_t old;
	int fd;

	if (spec[0] == '/' || spec[0] == '.') {
		/* FCGX_OpenSocket unlinks and binds; it sets no mode, so the
		 * umask decides: 0660, nginx's group connects, others don't. */
		old = umask(0117);
		fd = FCGX_OpenSocket(spec, 128);
		umask(old);
		if (fd >= 0 && chmod(spec, 0660) != 0) {
			snprintf(err, errlen, "chmod %s: %s", spec, strerror(errno));
			close(fd);
			return -1;
		}
	} else {
		/* ":9000" would bind every interface (FIELD-NOTES): refuse. */
		if (colon == NULL || colon == spec || colon[1] == '\0') {
			snprintf(err, errlen, "--socket %s: give a unix socket "
			    "path (/run/ttt/sock) or HOST:PORT with an address "
			    "(127.0.0.1:9000)", spec);
			return -1;
		}
		fd = FCGX_OpenSocket(spec, 128);
	}
	if (fd < 0)
		snprintf(err, errlen, "cannot listen on %s: %s", spec,
		    strerror(errno));
	return fd;
}
