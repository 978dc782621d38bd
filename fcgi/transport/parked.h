/*
 * parked.h - the connections of one worker process that no thread holds:
 * kept open by the web server between requests (FastCGI's FCGI_KEEP_CONN),
 * or accepted with no request readable yet.  Private to the FastCGI
 * transport (events.c, fastcgi.c, pool.c).
 *
 * A parked connection sits in the process's epoll set, one-shot: when a
 * request becomes readable exactly one thread is handed the connection
 * (parked_take), serves one request and parks it again (parked_put).  So
 * an idle connection holds no thread, only its descriptors.
 *
 * Closing a parked connection races the thread that epoll may be handing
 * it to at that very moment, so only the thread that took a connection
 * ever frees it.  Everyone else (the idle reaper, the cap, a stop) shuts
 * the socket down instead: that makes it readable, epoll hands it to a
 * thread, and parked_take tells that thread to free it.
 *
 * Each parked connection has a deadline: a kept one idle_ms after it was
 * parked (longer than the web server's own keep-alive timeout, so that the
 * web server, which knows when it is about to send, is the one that
 * closes), a fresh one first_ms after it was accepted.  At most `cap` are
 * parked; one more shuts the oldest down.  All functions are thread-safe.
 */
#ifndef FCGI_PARKED_H
#define FCGI_PARKED_H

#include <pthread.h>
#include <stdbool.h>

enum park_state {
	PARK_BUSY = 0,		/* a thread holds it */
	PARK_IDLE,		/* parked, waiting for a request */
	PARK_CLOSING		/* parked, shut down: the taker frees it */
};

struct conn {
	int		 fd;		/* ours, in the epoll set; -1 once closed */
	int		 lib_fd;	/* a duplicate libfcgi reads, writes and
					 * may close itself; -1 once closed */
	bool		 in_epoll;	/* fd was added to the epoll set */
	bool		 fresh;		/* no request served on it yet */
	enum park_state	 state;		/* guarded by the set's lock */
	long long	 deadline_ms;	/* ... as are these three */
	struct conn	*prev, *next;
	/* Held around the epoll_ctl that arms it: the thread that frees it
	 * takes this first, so its close comes after that call returned. */
	pthread_mutex_t	 arm;
};

struct parked {
	pthread_mutex_t	 lock;
	struct conn	 list;		/* sentinel; oldest first */
	unsigned	 idle;		/* connections in PARK_IDLE */
	unsigned	 cap;		/* most in PARK_IDLE at once */
	long		 idle_ms;	/* a kept connection's idle deadline */
	long		 first_ms;	/* a fresh connection's first request */
	bool		 stopping;	/* parked_stop was called */
};

void	parked_init(struct parked *, unsigned cap, long idle_ms, long first_ms);
/* Free every connection still in the set; threads must be gone. */
void	parked_destroy(struct parked *);

/*
 * A connection for the accepted descriptor fd, which it now owns (closed
 * on failure too).  NULL, logged, when out of memory or descriptors.
 */
struct conn *parked_conn_new(int fd);
/* Close what is still open and free; only the thread holding it. */
void	parked_conn_free(struct conn *, int epoll_fd);

/*
 * Park c (held by the caller) until now + its deadline and arm it, one-shot,
 * in the epoll set (events: what to wait for); past the cap the oldest
 * idle connection is shut down.  true: the caller must not touch c again,
 * another thread may own it already; false (logged): epoll refused it, the
 * caller still holds it and frees it.
 */
bool	parked_put(struct parked *, struct conn *c, long long now_ms,
	    int epoll_fd, unsigned events);
/*
 * epoll handed c to the calling thread: take it out of the set.  true:
 * serve it; false: it was shut down while parked, free it.
 */
bool	parked_take(struct parked *, struct conn *c);

/* Shut down every idle connection past its deadline (the watchdog tick). */
void	parked_reap(struct parked *, long long now_ms);
/* Shut down the oldest idle connection, to free descriptors; false: none. */
bool	parked_evict_oldest(struct parked *);
/*
 * A stop: every idle connection gets at most linger_ms more to bring a
 * request (parked_reap then closes it).  Closing them all at once would
 * hand the web server a cache full of dead connections, and a request can
 * meet several in a row before it notices; this way the busy ones close
 * one by one after their next answer, and only those the web server has
 * left idle for linger_ms close on their own.
 */
void	parked_stop(struct parked *, long long now_ms, long linger_ms);
/* Connections still in the set (idle or closing). */
unsigned parked_count(struct parked *);

#endif /* FCGI_PARKED_H */
