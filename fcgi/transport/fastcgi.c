/*
 * fastcgi.c - one thread's accept loop and the connections it serves, the
 * only file that knows libfcgi's request API.
 *
 * We accept connections ourselves and hand each to libfcgi already open,
 * instead of letting FCGX_Accept_r accept them:
 *  - libfcgi's accept path cannot be stopped reliably: a stop that lands
 *    while it checks a fresh unix-socket connection makes it loop on a
 *    closed descriptor, so a worker could spin forever after SIGTERM;
 *  - FCGX_Accept_r also reads the request's first records, and the mutex
 *    that serialises accept() would be held across those reads, so one
 *    peer that sends a byte and waits would freeze every thread.
 * Here no lock is held while reading; each thread polls the listening
 * socket (non-blocking, so a thread that loses the race to another thread
 * or process just polls again) together with the pool's wake pipe.
 *
 * libfcgi closes the descriptor it serves whenever it decides the
 * connection is over, so it is given a duplicate.  Ours stays open until
 * we are done, which lets the pool's watchdog shut the socket down (the
 * blocked read or write returns at once) without racing a close and the
 * reuse of the descriptor number by another accept.
 */
/* accept4(2): the connection is close-on-exec from the start (Linux). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "log.h"
#include "transport/pool.h"
#include "transport/cycle.h"
#include "transport/transport.h"

/* ---- the cycle_io of a FastCGI request ---- */

static ssize_t
stream_read(void *ctx, unsigned char *buf, size_t len)
{
	FCGX_Request *fr = ctx;

	if (len > INT_MAX)
		len = INT_MAX;
	return FCGX_GetStr((char *)buf, (int)len, fr->in);
}

static int
stream_write(void *ctx, const char *buf, size_t len)
{
	FCGX_Request *fr = ctx;

	if (len > INT_MAX || FCGX_PutStr(buf, (int)len, fr->out) != (int)len)
		return -1;
	return FCGX_GetError(fr->out) == 0 ? 0 : -1;
}

/*
 * FCGI_WEB_SERVER_ADDRS (the FastCGI convention libfcgi honours in its own
 * accept path): a comma-separated list of the web servers' IP addresses
 * allowed to connect over TCP.  Unset: any peer; unix sockets: always.
 */
static bool
peer_allowed(const char *allowed, int fd)
{
	struct sockaddr_storage sa;
	socklen_t len = sizeof(sa);
	char addr[INET6_ADDRSTRLEN];
	const char *p, *comma;
	size_t n;

	if (allowed == NULL || allowed[0] == '\0' ||
	    getpeername(fd, (struct sockaddr *)&sa, &len) != 0)
		return true;
	if (sa.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&sa)->sin_addr,
		    addr, sizeof(addr));
	else if (sa.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&sa)->sin6_addr,
		    addr, sizeof(addr));
	else
		return true;
	n = strlen(addr);
	for (p = allowed; *p != '\0'; p = comma + 1) {
		comma = strchr(p, ',');
		if (comma == NULL)
			comma = p + strlen(p);
		if ((size_t)(comma - p) == n && memcmp(p, addr, n) == 0)
			return true;
		if (*comma == '\0')
			break;
	}
	log_event(LOG_LEVEL_WARN, "peer-refused", "address=%s "
	    "reason=\"not in FCGI_WEB_SERVER_ADDRS\"", addr);
	return false;
}

/* Wait for the web server's next request on a kept connection. */
static bool
next_request_arrives(const struct pool *p, int fd, long timeout_ms)
{
	struct pollfd pfd[2] = {
		{ .fd = fd, .events = POLLIN },
		{ .fd = p->wake_fd, .events = POLLIN },
	};
	int n;

	do
		n = poll(pfd, 2, (int)timeout_ms);
	while (n < 0 && errno == EINTR);
	return n > 0 && pfd[1].revents == 0 && (pfd[0].revents & POLLIN);
}

static void
connection_serve(struct worker *w, int fd)
{
	const struct config *cfg = w->pool->cfg;
	const long timeout_ms = (long)cfg->request_timeout * 1000L;
	FCGX_Request fr;
	struct cycle_io io = { stream_read, stream_write, &fr };
	enum conn_phase cut_in;
	int lib_fd;

	if ((lib_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0) {
		log_event(LOG_LEVEL_ERROR, "dup-failed", "error=\"%s\"",
		    strerror(errno));
		close(fd);
		return;
	}
	/*
	 * listen_sock -1: when libfcgi cannot read a request it closes the
	 * connection and tries to accept another on its listening socket;
	 * with none, FCGX_Accept_r returns instead.  keepConnection 1: its
	 * opening FCGX_Finish_r must not close the connection we just gave
	 * it; the web server's BEGIN_REQUEST record then sets the real value.
	 */
	FCGX_InitRequest(&fr, -1, 0);
	fr.ipcFd = lib_fd;
	fr.keepConnection = 1;
	pool_track(w, fd);
	pool_phase(w, CONN_PHASE_READING, timeout_ms);
	for (;;) {
		if (FCGX_Accept_r(&fr) < 0)
			break;		/* libfcgi has closed lib_fd */
		pool_phase(w, CONN_PHASE_ANSWERING, 0);
		cycle_serve(cfg, fr.envp, &io, w->body);
		w->served++;
		FCGX_Finish_r(&fr);	/* closes lib_fd unless kept */
		if (fr.ipcFd < 0)
			break;
		/* FCGI_KEEP_CONN (FastCGI spec 5.1): the web server closes. */
		pool_phase(w, CONN_PHASE_IDLE, 0);
		if (!next_request_arrives(w->pool, fd, timeout_ms)) {
			close(fr.ipcFd);
			fr.ipcFd = -1;
			break;
		}
		pool_phase(w, CONN_PHASE_READING, timeout_ms);
	}
	if (pool_untrack(w, &cut_in))
		log_event(LOG_LEVEL_WARN, "peer-timeout", "phase=%s "
		    "timeout_s=%u reason=\"the web server side of the "
		    "connection stalled; it was shut down\"",
		    pool_phase_name(cut_in), cfg->request_timeout);
	close(fd);
}

/* Sleep up to ms, or less if the pool stops. */
static void
pause_unless_stopping(const struct pool *p, int ms)
{
	struct pollfd pfd = { .fd = p->wake_fd, .events = POLLIN };

	(void)poll(&pfd, 1, ms);
}

void *
fastcgi_thread(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	struct pollfd pfd[2];
	int fd;

	while (!atomic_load(&p->stopping)) {
		pfd[0] = (struct pollfd){ .fd = p->listen_fd, .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = p->wake_fd, .events = POLLIN };
		if (poll(pfd, 2, -1) < 0) {
			if (errno != EINTR) {
				log_event(LOG_LEVEL_ERROR, "poll-failed",
				    "error=\"%s\"", strerror(errno));
				pause_unless_stopping(p, 1000);
			}
			continue;
		}
		if (pfd[1].revents != 0)
			break;
		if (pfd[0].revents & (POLLERR | POLLNVAL)) {
			log_event(LOG_LEVEL_ERROR, "listen-socket-failed",
			    "revents=%#x", (unsigned)pfd[0].revents);
			pause_unless_stopping(p, 1000);
			continue;
		}
		fd = accept4(p->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			switch (errno) {
			case EAGAIN:	/* another thread or process won */
#if EWOULDBLOCK != EAGAIN
			case EWOULDBLOCK:
#endif
			case EINTR:
			case ECONNABORTED:
				break;
			default:	/* e.g. EMFILE: do not spin */
				log_event(LOG_LEVEL_ERROR, "accept-failed",
				    "error=\"%s\"", strerror(errno));
				pause_unless_stopping(p, 1000);
			}
			continue;
		}
		if (!peer_allowed(p->allowed_peers, fd)) {
			close(fd);
			continue;
		}
		connection_serve(w, fd);
	}
	atomic_store(&w->done, true);
	return NULL;
}

/* A TCP address that would listen on every interface. */
static bool
is_wildcard(const char *spec, size_t hostlen)
{
	return (hostlen == 7 && strncmp(spec, "0.0.0.0", 7) == 0) ||
	    (hostlen == 4 && strncmp(spec, "[::]", 4) == 0) ||
	    (hostlen == 2 && strncmp(spec, "::", 2) == 0);
}

int
fastcgi_open_socket(const char *spec, char *err, size_t errlen)
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
		/* libfcgi binds ":9000" to every interface, and so would
		 * 0.0.0.0: only the web server may reach a worker. */
		if (colon == NULL || colon == spec || colon[1] == '\0' ||
		    is_wildcard(spec, (size_t)(colon - spec))) {
			snprintf(err, errlen, "--socket %s: give a unix socket "
			    "path (/run/ttt/sock) or HOST:PORT with a specific "
			    "address (127.0.0.1:9000, or the private address "
			    "nginx connects to), not every interface", spec);
			return -1;
		}
		fd = FCGX_OpenSocket(spec, 128);
	}
	if (fd < 0)
		snprintf(err, errlen, "cannot listen on %s: %s", spec,
		    strerror(errno));
	return fd;
}
