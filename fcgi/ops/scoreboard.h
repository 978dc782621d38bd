/*
 * scoreboard.h - the pool's shared numbers: a file mapped MAP_SHARED by
 * every worker process, a fixed header and one fixed-size slot per
 * process, no pointers (the layout php-fpm's scoreboard uses).
 *
 * Each process claims one slot at start and is the only writer of it;
 * whoever answers a scrape sums a pass over all slots.  On the request
 * path a process only makes relaxed atomic adds to its own slot: no lock,
 * no system call.
 *
 * Liveness: a process holds an open-file-description lock (fcntl
 * F_OFD_SETLK, Linux) on one byte per slot for as long as it lives.  The
 * kernel drops the lock when the process dies, by any signal, or executes
 * itself again on a reload (the descriptor is close-on-exec), so a slot is
 * free exactly when its owner is gone, whatever pid the system hands out
 * next.  A new owner keeps the counters it finds in the slot and adds to
 * them, so a dead process's counts stay in the sum and no counter ever
 * goes backwards; only the gauges (in flight, threads, memory) start
 * again, and those of a slot without a live owner are never summed.
 *
 * The file is refused, never trusted or rewritten, when it is not a
 * regular file of ours (owner, mode, symlink), has the wrong magic, or the
 * wrong size; a file of ours made by another build (different layout) is
 * started afresh only when no process holds a slot in it.
 */
#ifndef FCGI_OPS_SCOREBOARD_H
#define FCGI_OPS_SCOREBOARD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SB_MAGIC	"TTTSCORE"	/* 8 bytes, no NUL */
#define SB_VERSION	1u
#define SB_SLOTS	128u	/* processes at once (spawn-fcgi -F, reloads) */

/* The label sets; index 0 of routes, codes and MCP methods is "other". */
#define OPS_ROUTES	24u
#define OPS_CODES	20u
#define OPS_BUCKETS	15u	/* 14 bounds 50 us .. 1 s, then +Inf */
#define OPS_LEVELS	4u	/* perfect, hard, medium, easy (ttt_level) */
#define OPS_RESULTS	3u	/* ai_win, human_win, draw */
#define OPS_MCP		9u	/* the methods /mcp serves, and other */
#define OPS_BODIES	5u	/* why a body was refused */
#define OPS_THREADS	64u	/* the config's largest `threads` */

typedef _Atomic uint64_t sb_counter;
typedef _Atomic int64_t sb_gauge;

/* A thread's request in progress, for GET /status. */
struct sb_thread {
	_Atomic uint64_t started_ns;	/* CLOCK_REALTIME; 0: none */
	_Atomic uint32_t route;
	uint32_t	 pad;
};

struct sb_slot {
	_Atomic uint32_t used;		/* 1 once a process ever owned it */
	_Atomic int32_t	 pid;		/* the last owner */
	sb_counter	 owners;	/* how many processes owned it */
	/* gauges: the live owner's only */
	_Atomic uint64_t started_ns;	/* the owner's start, CLOCK_REALTIME */
	sb_gauge	 in_flight;
	sb_gauge	 threads_busy;
	sb_gauge	 threads_total;
	sb_gauge	 rss_bytes;
	sb_gauge	 vsize_bytes;
	sb_gauge	 open_fds;
	sb_gauge	 max_fds;
	sb_gauge	 os_threads;
	/* counters: every owner's, added up */
	sb_counter	 cpu_ns;	/* process CPU time, user + system */
	sb_counter	 requests_base;	/* requests before this owner */
	sb_counter	 peer_timeouts;
	sb_counter	 auth_failures;
	sb_counter	 bodies[OPS_BODIES];
	sb_counter	 games[OPS_LEVELS][OPS_RESULTS];
	sb_counter	 mcp[OPS_MCP];
	sb_counter	 slow[OPS_ROUTES];
	sb_counter	 requests[OPS_ROUTES][OPS_CODES];
	sb_counter	 buckets[OPS_ROUTES][OPS_BUCKETS];	/* not cumulative */
	sb_counter	 duration_ns[OPS_ROUTES];
	struct sb_thread threads[OPS_THREADS];
};

struct sb_header {
	char		 magic[8];
	uint32_t	 version;
	uint32_t	 header_size;
	uint64_t	 file_size;
	uint32_t	 slot_size;
	uint32_t	 nslots;
	uint64_t	 layout;	/* a hash of the label sets and sizes */
	_Atomic uint64_t created_ns;	/* the pool's start, CLOCK_REALTIME */
	_Atomic uint64_t listen_queue_max;	/* the longest queue seen */
	char		 pad[4096 - 56];
};

struct scoreboard {
	struct sb_header *head;
	struct sb_slot	*slots;		/* head->nslots of them */
	unsigned	 nslots;
	int		 fd;		/* -1: private memory, this process only */
	size_t		 size;		/* mapped bytes */
	int		 self;		/* our slot index */
};

/* The file size for the layout this build writes. */
size_t	scoreboard_file_size(void);

/* The layout hash this build writes: the label sets' names and sizes. */
uint64_t scoreboard_layout(void);

/*
 * Map `path` (created mode 0600 when absent or empty) and claim a slot.
 * Returns 0; or -1 with a sentence in err when the file is refused or
 * cannot be used (nothing in it was changed then).  On success sb owns a
 * descriptor and a mapping until the process ends or execs.
 */
int	scoreboard_open(struct scoreboard *sb, const char *path,
	    char *err, size_t errlen);

/* True when slot i has a live owner (ours included). */
bool	scoreboard_alive(const struct scoreboard *sb, unsigned i);

#endif /* FCGI_OPS_SCOREBOARD_H */
