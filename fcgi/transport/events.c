/*
 * events.c - one epoll set per process, and the loop each thread runs on
 * it (see events.h).
 *
 * Why the threads accept, and libfcgi does not: FCGX_Accept_r accepts
 * only when the request it is given has no descriptor, and it would then
 * read the first records while holding the lock that serialises accept()
 * (a peer that sends one byte and waits would freeze every thread); and a
 * stop that lands while it checks a fresh unix-socket connection makes it
 * loop on a closed descriptor.  So a thread here accepts (the listening
 * socket is non-blocking: a thread or process that loses the race gets
 * EAGAIN) and hands libfcgi a connection that is already open, whose
 * request is already readable: libfcgi's blocking read then returns at
 * once, and when it does not (a stalled peer), the watchdog cuts it.
 */
#define _GNU_SOURCE	/* accept4(2), EPOLLRDHUP */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "transport/deadline.h"
#include "transport/events.h"
#include "transport/fastcgi.h"
#include "transport/parked.h"

/* What epoll_event.data.ptr points at, besides connections. */
static char listen_tag, wake_tag;

#define CONN_EVENTS	(EPOLLIN | EPOLLRDHUP | EPOLLONESHOT)

int
events_open(struct pool *p)
{
	struct epoll_event lev = { .events = EPOLLIN | EPOLLONESHOT,
	    .data.ptr = &listen_tag };
	/* Level-triggered and never drained: once a stop writes to it,
	 * every thread's epoll_wait returns it. */
	struct epoll_event wev = { .events = EPOLLIN, .data.ptr = &wake_tag };

	if ((p->epoll_fd = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
	    epoll_ctl(p->epoll_fd, EPOLL_CTL_ADD, p->listen_fd, &lev) != 0 ||
	    epoll_ctl(p->epoll_fd, EPOLL_CTL_ADD, p->wake_fd, &wev) != 0) {
		log_event(LOG_LEVEL_ERROR, "epoll-failed", "error=\"%s\"",
		    strerror(errno));
		return -1;
	}
	return 0;
}

void
events_stop_accepting(struct pool *p)
{
	(void)epoll_ctl(p->epoll_fd, EPOLL_CTL_DEL, p->listen_fd, NULL);
}

static void
arm_listen(struct pool *p)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT,
	    .data.ptr = &listen_tag };

	/* After a stop began the socket is out of the set: ENOENT, fine. */
	if (!atomic_load(&p->stopping))
		(void)epoll_ctl(p->epoll_fd, EPOLL_CTL_MOD, p->listen_fd, &ev);
}

/* Sleep up to ms, or less if the pool stops. */
static void
pause_unless_stopping(const struct pool *p, int ms)
{
	struct pollfd pfd = { .fd = p->wake_fd, .events = POLLIN };

	(void)poll(&pfd, 1, ms);
}

/* Is a byte of a request waiting?  1 yes, 0 not yet, -1 the peer is gone. */
static int
request_waiting(int fd)
{
	char byte;
	ssize_t n = recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);

	if (n == 1)
		return 1;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return 0;
	return -1;
}

/*
 * Hand the connection back to the set until its next request.  Once it is
 * armed another thread may own it: c is not touched after.
 */
static void
park(struct pool *p, struct conn *c)
{
	if (!parked_put(&p->parked, c, deadline_now_ms(), p->epoll_fd, CONN_EVENTS))
		parked_conn_free(c, p->epoll_fd);
}

static void
serve(struct worker *w, struct conn *c)
{
	struct pool *p = w->pool;

	/* A stop closes kept connections after their answer: the web
	 * server has its answer and opens a new connection elsewhere. */
	if (fastcgi_serve(p->cfg, &w->watch, w->body, c, &w->served) &&
	    !atomic_load(&p->stopping))
		park(p, c);
	else
		parked_conn_free(c, p->epoll_fd);
}

/* The listening socket is readable: accept one connection. */
static void
take_new(struct worker *w)
{
	struct pool *p = w->pool;
	struct conn *c;
	int fd, err;

	fd = accept4(p->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	err = errno;
	if (fd < 0 && (err == EMFILE || err == ENFILE)) {
		/* Out of descriptors: the oldest idle connection goes (its
		 * thread frees it), or, with none, wait instead of spinning. */
		if (!parked_evict_oldest(&p->parked)) {
			log_event(LOG_LEVEL_ERROR, "accept-failed",
			    "error=\"%s\"", strerror(err));
			pause_unless_stopping(p, 1000);
		}
		arm_listen(p);
		return;
	}
	/* At once, so another thread can accept the next connection. */
	arm_listen(p);
	if (fd < 0) {
		switch (err) {
		case EAGAIN:	/* another process won */
#if EWOULDBLOCK != EAGAIN
		case EWOULDBLOCK:
#endif
		case EINTR:
		case ECONNABORTED:
			break;
		default:
			log_event(LOG_LEVEL_ERROR, "accept-failed",
			    "error=\"%s\"", strerror(err));
			pause_unless_stopping(p, 1000);
		}
		return;
	}
	if (!fastcgi_peer_allowed(p->allowed_peers, fd)) {
		close(fd);
		return;
	}
	if ((c = parked_conn_new(fd)) == NULL)
		return;
	/* The web server writes its request right after connecting: serve
	 * it now.  A connection with nothing to read yet holds no thread. */
	if (request_waiting(c->fd) > 0)
		serve(w, c);
	else
		park(p, c);
}

void *
events_thread(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	struct epoll_event ev;
	struct conn *c;
	int n;

	for (;;) {
		n = epoll_wait(p->epoll_fd, &ev, 1, -1);
		if (n < 0) {
			if (errno != EINTR) {
				log_event(LOG_LEVEL_ERROR, "epoll-failed",
				    "error=\"%s\"", strerror(errno));
				pause_unless_stopping(p, 1000);
			}
			continue;
		}
		if (n == 0)
			continue;
		if (ev.data.ptr == &wake_tag)
			break;
		if (ev.data.ptr == &listen_tag) {
			if (ev.events & (EPOLLERR | EPOLLHUP)) {
				log_event(LOG_LEVEL_ERROR, "listen-socket-failed",
				    "events=%#x", (unsigned)ev.events);
				pause_unless_stopping(p, 1000);
				arm_listen(p);
			} else {
				take_new(w);
			}
			continue;
		}
		c = ev.data.ptr;
		if (!parked_take(&p->parked, c)) {
			parked_conn_free(c, p->epoll_fd);	/* shut down while parked */
			continue;
		}
		/* The web server closed a connection it had kept: free it. */
		if ((ev.events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) &&
		    request_waiting(c->fd) <= 0) {
			parked_conn_free(c, p->epoll_fd);
			continue;
		}
		serve(w, c);
	}
	atomic_store(&w->done, true);
	return NULL;
}
