/*
 * events.h - the worker process's one epoll set and the loop every thread
 * runs on it, and the state the process's threads share.  Private to the
 * FastCGI transport (pool.c).
 *
 * The set holds the listening socket, the pool's wake pipe and every
 * parked connection (parked.h), the socket and the connections one-shot:
 * each readiness goes to exactly one thread, so threads never herd, and a
 * thread takes a connection only when a request is readable on it.  A
 * thread serves that one request (fastcgi.c) and parks the connection
 * again, so the number of threads follows the cores, not the connections
 * the web server keeps open.
 */
#ifndef FCGI_EVENTS_H
#define FCGI_EVENTS_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "config.h"
#include "transport/deadline.h"
#include "transport/parked.h"

/* What the threads of one worker process share (made by pool.c). */
struct pool {
	const struct config *cfg;
	int		 listen_fd;
	int		 epoll_fd;	/* events_open() */
	struct parked	 parked;	/* connections no thread holds */
	int		 wake_fd;	/* readable once a stop has begun */
	int		 wake_wr;	/* its write end (main thread only) */
	const char	*allowed_peers;	/* FCGI_WEB_SERVER_ADDRS, or NULL */
	atomic_bool	 stopping;
};

/* One thread of the pool (started and joined by pool.c). */
struct worker {
	struct pool	*pool;
	pthread_t	 thread;
	bool		 started;
	atomic_bool	 done;
	unsigned long	 served;	/* read after the thread is joined */
	unsigned char	*body;		/* cfg->body_limit + 1 bytes */
	struct deadline	 watch;		/* the connection it holds, for the
					 * watchdog */
};

/* Create p->epoll_fd with the listening socket and the wake pipe in it;
 * 0, or -1 logged. */
int	events_open(struct pool *p);
/* A stop: no more accepts in this process (the backlog waits for the next). */
void	events_stop_accepting(struct pool *p);
/* The loop of one thread (pthread start routine; arg: struct worker *);
 * returns once the wake pipe is readable. */
void	*events_thread(void *worker);

#endif /* FCGI_EVENTS_H */
