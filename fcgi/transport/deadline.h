/*
 * deadline.h - the connection a thread holds, published with a deadline
 * for the pool's watchdog.  Private to the FastCGI transport: the thread
 * serving a request (fastcgi.c) tracks it; the main thread (pool.c)
 * checks every tick and shuts a late connection down, which makes the
 * thread's blocked read or write return at once.  So a peer that stalls
 * or trickles holds one thread for at most the configured
 * request_timeout, and a stop always ends within a bounded time.
 *
 * A struct deadline is owned by one thread of the pool (inside its
 * struct worker); its lock makes every function here safe between that
 * thread and the main thread.
 */
#ifndef FCGI_DEADLINE_H
#define FCGI_DEADLINE_H

#include <pthread.h>
#include <stdbool.h>

/*
 * Where a thread's connection is.  The log (peer-timeout's phase=) and
 * the metrics use these words, from deadline_phase_name(): the enum names
 * and the logged names are the same.
 */
enum conn_phase {
	CONN_PHASE_NONE = 0,	/* "none": no connection */
	CONN_PHASE_READING,	/* "reading": accepted; the request is being read */
	CONN_PHASE_ANSWERING	/* "answering": the request is being answered */
};
/* Between requests a kept connection is parked (parked.h), held by no
 * thread: it has no phase here. */

struct deadline {
	pthread_mutex_t	 lock;		/* guards the fields below */
	int		 conn_fd;	/* -1: none */
	enum conn_phase	 phase;
	long long	 deadline_ms;	/* CLOCK_MONOTONIC */
	bool		 cut;		/* the watchdog shut it down */
	enum conn_phase	 cut_phase;	/* ... in this phase */
};

/* "none", "reading", "answering": a static string. */
const char *deadline_phase_name(enum conn_phase);

/* Milliseconds on CLOCK_MONOTONIC, the clock of every deadline. */
long long deadline_now_ms(void);

/* No connection yet; deadline_destroy() once the thread is joined. */
void	deadline_init(struct deadline *);
void	deadline_destroy(struct deadline *);

/* Publish the connection fd (owned by the caller until deadline_untrack). */
void	deadline_track(struct deadline *, int fd);
/* Enter a phase; timeout_ms > 0 sets a new deadline from now. */
void	deadline_phase(struct deadline *, enum conn_phase, long timeout_ms);
/* Stop tracking; true when the watchdog cut the connection, in *phase. */
bool	deadline_untrack(struct deadline *, enum conn_phase *phase);

/*
 * The watchdog, on the main thread: shut the connection down when it is
 * past its deadline at `now`.  After a stop (stop_ms > 0) a request still
 * being read gets at most grace_ms more.  shutdown(2), not close(2): the
 * thread still owns the descriptor and closes it itself.
 */
void	deadline_check(struct deadline *, long long now, long long stop_ms,
	    long grace_ms);

#endif /* FCGI_DEADLINE_H */
