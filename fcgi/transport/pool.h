/*
 * pool.h - the FastCGI worker process: its threads, the deadline every
 * connection lives under, stop and reload.  Private to pool.c and
 * fastcgi.c.
 *
 * Each thread serves one connection at a time (fastcgi.c).  While it holds
 * a connection it publishes the descriptor and a deadline here; the main
 * thread checks the deadlines every tick and shuts a late connection down,
 * which makes the thread's blocked read or write return at once.  So a
 * peer that stalls or trickles holds one thread for at most the configured
 * request_timeout, and a stop always ends within a bounded time.
 */
#ifndef FCGI_POOL_H
#define FCGI_POOL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "config.h"

/*
 * Where a thread's connection is.  The log (peer-timeout's phase=) and
 * the metrics use these words, from pool_phase_name(): the enum names and
 * the logged names are the same.
 */
enum conn_phase {
	CONN_PHASE_NONE = 0,	/* "none": no connection */
	CONN_PHASE_READING,	/* "reading": accepted; the request is being read */
	CONN_PHASE_ANSWERING,	/* "answering": the request is being answered */
	CONN_PHASE_IDLE		/* "idle": kept open by the web server between requests */
};

/* "none", "reading", "answering", "idle": a static string. */
const char *pool_phase_name(enum conn_phase);

struct pool {
	const struct config *cfg;
	int		 listen_fd;
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

/* fastcgi.c: a thread's accept loop; returns when the pool stops. */
void	*fastcgi_thread(void *worker);

#endif /* FCGI_POOL_H */
