/*
 * pool.h - the FastCGI worker process: its threads, the deadline every
 * request lives under, stop and reload.  Private to the FastCGI transport
 * (pool.c, events.c, fastcgi.c).
 *
 * A thread holds a connection only while it serves one request on it
 * (events.c).  Meanwhile it publishes the descriptor and a deadline here;
 * the main thread checks the deadlines every tick and shuts a late
 * connection down, which makes the thread's blocked read or write return
 * at once.  So a peer that stalls or trickles holds one thread for at most
 * the configured request_timeout, and a stop always ends within a bounded
 * time.  Between requests a kept connection is parked (parked.h) and holds
 * no thread; the same tick closes those idle for too long.
 */
#ifndef FCGI_POOL_H
#define FCGI_POOL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "config.h"
#include "transport/parked.h"

/*
 * Where a thread's connection is.  The log (peer-timeout's phase=) and
 * the metrics use these words, from pool_phase_name(): the enum names and
 * the logged names are the same.
 */
enum conn_phase {
	CONN_PHASE_NONE = 0,	/* "none": no connection */
	CONN_PHASE_READING,	/* "reading": accepted; the request is being read */
	CONN_PHASE_ANSWERING	/* "answering": the request is being answered */
};
/* Between requests a kept connection is parked (parked.h), held by no
 * thread: it has no phase here. */

/* "none", "reading", "answering": a static string. */
const char *pool_phase_name(enum conn_phase);

struct pool {
	const struct config *cfg;
	int		 listen_fd;
	int		 epoll_fd;	/* events.c */
	struct parked	 parked;	/* connections no thread holds */
	int		 wake_fd;	/* readable once a stop has begun */
	int		 wake_wr;	/* its write end (main thread only) */
	const char	*allowed_peers;	/* FCGI_WEB_SERVER_ADDRS, or NULL */
	atomic_bool	 stopping;
};

struct worker {
	struct pool	*pool;
	pthread_t	 thread;
	bool		 started;
	atomic_bool	 done;
	unsigned long	 served;	/* read after the thread is joined */
	unsigned char	*body;		/* cfg->body_limit + 1 bytes */

	pthread_mutex_t	 lock;		/* guards the four fields below */
	int		 conn_fd;	/* -1: none */
	enum conn_phase	 phase;
	long long	 deadline_ms;	/* CLOCK_MONOTONIC */
	bool		 cut;		/* the watchdog shut it down */
	enum conn_phase	 cut_phase;	/* ... in this phase */
};

/* Milliseconds on CLOCK_MONOTONIC. */
long long pool_now_ms(void);

/* Publish the connection fd (owned by the caller until pool_untrack). */
void	pool_track(struct worker *, int fd);
/* Enter a phase; timeout_ms > 0 sets a new deadline from now. */
void	pool_phase(struct worker *, enum conn_phase, long timeout_ms);
/* Stop tracking; true when the watchdog cut the connection, in *phase. */
bool	pool_untrack(struct worker *, enum conn_phase *phase);

/*
 * fastcgi.c: serve one request on c, which the calling thread holds.
 * true: the web server keeps the connection (park it); false: it is over
 * (libfcgi closed c->lib_fd, or the watchdog cut it): free it.
 */
bool	fastcgi_serve(struct worker *, struct conn *c);
/* FCGI_WEB_SERVER_ADDRS allows this peer (logged when it does not). */
bool	fastcgi_peer_allowed(const char *allowed, int fd);

#endif /* FCGI_POOL_H */
