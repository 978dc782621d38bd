/*
 * fastcgi.c - one FastCGI request on a connection a thread of the pool
 * has taken (events.c), the only file that knows libfcgi's request API.
 *
 * libfcgi is handed the connection's duplicate descriptor (parked.c), its
 * request already readable.  It reads the request, we answer, and its
 * FCGX_Finish_r keeps the descriptor only when the web server asked for
 * that (FCGI_KEEP_CONN); otherwise it closes it.  The watchdog (pool.c,
 * deadline.h) shuts a connection down when the peer stalls, which makes libfcgi's
 * blocked read or write return at once.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "log.h"
#include "transport/cycle.h"
#include "transport/deadline.h"
#include "transport/fastcgi.h"
#include "transport/parked.h"
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
bool
fastcgi_peer_allowed(const char *allowed, int fd)
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

/*
 * After the answer on a kept connection, read what is left of the body up
 * to the end of FCGI_STDIN: libfcgi would take leftover records for the
 * start of the next request and drop the connection.  Bounded, and under
 * the request's deadline like every other read.
 */
#define DRAIN_MAX	(1L << 20)

static bool
drain_stdin(FCGX_Request *fr)
{
	char buf[4096];
	long total = 0;
	int n;

	while ((n = FCGX_GetStr(buf, (int)sizeof(buf), fr->in)) > 0)
		if ((total += n) > DRAIN_MAX)
			return false;
	return FCGX_GetError(fr->in) == 0;
}

bool
fastcgi_serve(const struct config *cfg, struct deadline *watch,
    unsigned char *body, struct conn *c, unsigned long *served)
{
	const long timeout_ms = (long)cfg->request_timeout * 1000L;
	FCGX_Request fr;
	struct cycle_io io = { stream_read, stream_write, &fr };
	enum conn_phase cut_in;
	bool cut;

	/*
	 * listen_sock -1: when libfcgi cannot read a request it closes the
	 * connection and tries to accept another on its listening socket;
	 * with none, FCGX_Accept_r returns instead.  keepConnection 1: its
	 * opening FCGX_Finish_r must not close the connection we give it;
	 * the web server's BEGIN_REQUEST record then sets the real value
	 * (FCGI_KEEP_CONN, FastCGI specification 5.1).
	 */
	FCGX_InitRequest(&fr, -1, 0);
	fr.ipcFd = c->lib_fd;
	fr.keepConnection = 1;
	deadline_track(watch, c->fd);
	deadline_phase(watch, CONN_PHASE_READING, timeout_ms);
	if (FCGX_Accept_r(&fr) == 0) {
		c->fresh = false;
		deadline_phase(watch, CONN_PHASE_ANSWERING, 0);
		cycle_serve(cfg, fr.envp, &io, body);
		(*served)++;
		if (fr.keepConnection && !drain_stdin(&fr))
			fr.keepConnection = 0;
		/* Closes lib_fd unless the web server keeps the connection. */
		FCGX_Finish_r(&fr);
	}
	c->lib_fd = fr.ipcFd;	/* -1: libfcgi closed it */
	if ((cut = deadline_untrack(watch, &cut_in)))
		log_event(LOG_LEVEL_WARN, "peer-timeout", "phase=%s "
		    "timeout_s=%u reason=\"the web server side of the "
		    "connection stalled; it was shut down\"",
		    deadline_phase_name(cut_in), cfg->request_timeout);
	return c->lib_fd >= 0 && !cut;
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
