/*
 * parked.c - the set of parked connections (see parked.h): a list, oldest
 * first, under one lock, and the rule that whoever is not the thread
 * holding a connection only ever shuts it down.
 */
/* F_DUPFD_CLOEXEC is POSIX 2008; _GNU_SOURCE has it on every libc we
 * build with. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "ops/ops.h"
#include "transport/parked.h"

void
parked_init(struct parked *p, unsigned cap, long idle_ms, long first_ms)
{
	memset(p, 0, sizeof(*p));
	pthread_mutex_init(&p->lock, NULL);
	p->list.prev = p->list.next = &p->list;
	p->cap = cap > 0 ? cap : 1;
	p->idle_ms = idle_ms;
	p->first_ms = first_ms;
}

void
parked_destroy(struct parked *p)
{
	struct conn *c, *next;

	for (c = p->list.next; c != &p->list; c = next) {
		next = c->next;
		parked_conn_free(c, -1);
	}
	p->list.prev = p->list.next = &p->list;
	p->idle = 0;
	pthread_mutex_destroy(&p->lock);
}

struct conn *
parked_conn_new(int fd)
{
	struct conn *c;
	int lib_fd;

	/*
	 * libfcgi closes the descriptor it serves whenever it decides the
	 * connection is over, so it gets a duplicate.  Ours stays open until
	 * the thread holding the connection is done with it, which lets the
	 * watchdog and the reaper shut the socket down without racing a
	 * close and the reuse of the number by another accept.
	 */
	if ((lib_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0) {
		log_event(LOG_LEVEL_ERROR, "dup-failed", "error=\"%s\"",
		    strerror(errno));
		close(fd);
		return NULL;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		log_event(LOG_LEVEL_ERROR, "out-of-memory", "what=connection");
		close(lib_fd);
		close(fd);
		return NULL;
	}
	c->fd = fd;
	c->lib_fd = lib_fd;
	c->fresh = true;
	c->prev = c->next = c;
	pthread_mutex_init(&c->arm, NULL);
	return c;
}

void
parked_conn_free(struct conn *c, int epoll_fd)
{
	/* The thread that armed c may still be inside epoll_ctl: the
	 * descriptor is closed only after it has returned. */
	pthread_mutex_lock(&c->arm);
	pthread_mutex_unlock(&c->arm);
	pthread_mutex_destroy(&c->arm);
	/* Both descriptors name one socket: epoll forgets it only when the
	 * last one is closed, so say it explicitly. */
	if (c->in_epoll && epoll_fd >= 0 && c->fd >= 0)
		(void)epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c->fd, NULL);
	if (c->lib_fd >= 0)
		close(c->lib_fd);
	if (c->fd >= 0)
		close(c->fd);
	free(c);
}

static void
unlink_conn(struct conn *c)
{
	c->prev->next = c->next;
	c->next->prev = c->prev;
	c->prev = c->next = c;
}

/* Under the lock: shut an idle connection down for its taker to free. */
static void
shut(struct parked *p, struct conn *c)
{
	shutdown(c->fd, SHUT_RDWR);
	c->state = PARK_CLOSING;
	p->idle--;
}

/* How many parked connections an eviction looks at, oldest first. */
#define EVICT_SCAN	64

/*
 * Under the lock: the connection to close when the cap is passed, or NULL.
 * A connection the web server has already closed goes first (closing it
 * loses nothing); else the oldest quiet one.  Never one with a request
 * waiting in it (nginx has sent it and waits for the answer) nor a fresh
 * one (its first request is on its way): closing either would fail a
 * request, which the cap exists to prevent, not to cause.
 */
static struct conn *
eviction_victim(struct parked *p, const struct conn *newest)
{
	struct conn *c, *quiet = NULL;
	unsigned looked = 0;
	ssize_t n;
	char byte;

	for (c = p->list.next; c != newest && looked < EVICT_SCAN; c = c->next) {
		if (c->state != PARK_IDLE || c->fresh)
			continue;
		looked++;
		n = recv(c->fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
			return c;		/* closed by the peer, or broken */
		if (n < 0 && quiet == NULL)
			quiet = c;
	}
	return quiet;
}

bool
parked_put(struct parked *p, struct conn *c, long long now_ms, int epoll_fd,
    unsigned events)
{
	struct epoll_event ev = { .events = events, .data.ptr = c };
	struct conn *old;
	bool evicted = false;
	int op, rc, err;

	pthread_mutex_lock(&p->lock);
	c->state = PARK_IDLE;
	c->deadline_ms = now_ms + (c->fresh ? p->first_ms : p->idle_ms);
	c->prev = p->list.prev;
	c->next = &p->list;
	p->list.prev->next = c;
	p->list.prev = c;
	if (++p->idle > p->cap && (old = eviction_victim(p, c)) != NULL) {
		shut(p, old);
		evicted = true;
	}
	op = c->in_epoll ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
	c->in_epoll = true;
	pthread_mutex_unlock(&p->lock);
	if (evicted)
		log_event(LOG_LEVEL_WARN, "kept-connection-closed", "reason=cap "
		    "cap=%u action=\"the oldest idle connection was closed; "
		    "raise max_idle_connections or lower nginx's upstream "
		    "keepalive\"", p->cap);
	/* Armed, another thread may take c at once: not touched after. */
	pthread_mutex_lock(&c->arm);
	rc = epoll_ctl(epoll_fd, op, c->fd, &ev);
	err = errno;
	pthread_mutex_unlock(&c->arm);
	if (rc == 0)
		return true;
	/* Not armed: no other thread can have it. */
	log_event(LOG_LEVEL_ERROR, "epoll-failed", "error=\"%s\"",
	    strerror(err));
	(void)parked_take(p, c);
	return false;
}

bool
parked_take(struct parked *p, struct conn *c)
{
	enum park_state was;

	pthread_mutex_lock(&p->lock);
	was = c->state;
	if (was == PARK_IDLE)
		p->idle--;
	unlink_conn(c);
	c->state = PARK_BUSY;
	pthread_mutex_unlock(&p->lock);
	return was == PARK_IDLE;
}

void
parked_reap(struct parked *p, long long now_ms)
{
	struct conn *c;
	unsigned idle = 0, fresh = 0, i;
	bool stopping;

	pthread_mutex_lock(&p->lock);
	stopping = p->stopping;
	for (c = p->list.next; c != &p->list; c = c->next)
		if (c->state == PARK_IDLE && now_ms >= c->deadline_ms) {
			if (c->fresh)
				fresh++;
			else
				idle++;
			shut(p, c);
		}
	pthread_mutex_unlock(&p->lock);
	if (stopping) {
		if (idle + fresh > 0)
			log_event(LOG_LEVEL_INFO, "kept-connection-closed",
			    "reason=stop count=%u", idle + fresh);
		return;
	}
	if (idle > 0)
		log_event(LOG_LEVEL_INFO, "kept-connection-closed",
		    "reason=idle count=%u idle_timeout_s=%ld", idle,
		    p->idle_ms / 1000);
	for (i = 0; i < fresh; i++)
		ops_count_peer_timeout();
	if (fresh > 0)
		log_event(LOG_LEVEL_WARN, "peer-timeout", "phase=reading "
		    "count=%u timeout_s=%ld reason=\"a connection sent no "
		    "request in time; it was closed\"", fresh, p->first_ms / 1000);
}

bool
parked_evict_oldest(struct parked *p)
{
	struct conn *c;
	bool found = false;

	pthread_mutex_lock(&p->lock);
	for (c = p->list.next; c != &p->list; c = c->next)
		if (c->state == PARK_IDLE) {
			shut(p, c);
			found = true;
			break;
		}
	pthread_mutex_unlock(&p->lock);
	return found;
}

void
parked_stop(struct parked *p, long long now_ms, long linger_ms)
{
	struct conn *c;

	pthread_mutex_lock(&p->lock);
	p->stopping = true;
	for (c = p->list.next; c != &p->list; c = c->next)
		if (c->deadline_ms > now_ms + linger_ms)
			c->deadline_ms = now_ms + linger_ms;
	pthread_mutex_unlock(&p->lock);
}

unsigned
parked_count(struct parked *p)
{
	struct conn *c;
	unsigned n = 0;

	pthread_mutex_lock(&p->lock);
	for (c = p->list.next; c != &p->list; c = c->next)
		n++;
	pthread_mutex_unlock(&p->lock);
	return n;
}
