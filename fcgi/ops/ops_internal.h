/*
 * ops_internal.h - shared by the files of fcgi/ops/ only: the pool's
 * totals as the pages read them.
 */
#ifndef FCGI_OPS_INTERNAL_H
#define FCGI_OPS_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "ops/scoreboard.h"

/* The pool summed over its slots: counters of every slot ever used,
 * gauges of the live ones. */
struct ops_total {
	unsigned	 alive;		/* processes with a live slot */
	bool		 shared;	/* from the scoreboard file */
	uint64_t	 created_ns;	/* the scoreboard's (pool's) start */
	uint64_t	 oldest_ns;	/* the oldest live process's start */
	int64_t		 in_flight, threads_busy, threads_total;
	int64_t		 rss_bytes, vsize_bytes, open_fds, max_fds, os_threads;
	uint64_t	 cpu_ns, peer_timeouts, auth_failures;
	uint64_t	 bodies[OPS_BODIES];
	uint64_t	 games[OPS_LEVELS][OPS_RESULTS];
	uint64_t	 mcp[OPS_MCP];
	uint64_t	 slow[OPS_ROUTES];
	uint64_t	 requests[OPS_ROUTES][OPS_CODES];
	uint64_t	 buckets[OPS_ROUTES][OPS_BUCKETS];
	uint64_t	 duration_ns[OPS_ROUTES];
	uint64_t	 listen_queue_max;
};

/* The module's state: the board in use and this process's slot in it. */
struct ops_state {
	struct scoreboard board;	/* a file, or this process's memory */
	struct sb_slot	*me;
	bool		 shared;
	int		 listen_fd;	/* -1: none (CGI) */
	uint64_t	 cpu_at_claim;	/* our CPU time when we took the slot */
	uint64_t	 cpu_base;	/* the slot's CPU time then */
};
extern struct ops_state ops_state;	/* ops.c */

#define OPS_ADD(c, n)	atomic_fetch_add_explicit(&(c), (n), memory_order_relaxed)
#define OPS_GET(c)	atomic_load_explicit(&(c), memory_order_relaxed)
#define OPS_PUT(c, v)	atomic_store_explicit(&(c), (v), memory_order_relaxed)

/* Copy this process's CPU, memory, descriptors and listen queue to its slot. */
void	ops_publish(void);
/* Raise the pool's longest listen queue seen to the queue now. */
void	ops_sample_queue(void);
/* No file: the private slot starts now. */
void	ops_use_private(void);

/* This process's own numbers brought up to date, then the pool's sum. */
void	ops_sum(struct ops_total *t);

/* The board (file or private) for the per-process view of /status. */
const struct scoreboard *ops_board(void);

/* The listening socket's queue now: 0, or -1 when unknown (CGI, no socket). */
int	ops_listen_queue(unsigned *queued, unsigned *backlog);

/* Nanoseconds on CLOCK_REALTIME, and on CLOCK_MONOTONIC. */
uint64_t ops_now_ns(void);
uint64_t ops_mono_ns(void);

#endif /* FCGI_OPS_INTERNAL_H */
