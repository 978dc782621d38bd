/*
 * ops.h - what the rest of the worker calls to be measured: one line at
 * each place where something worth counting happens.  The numbers go to
 * this process's slot of the pool's scoreboard (scoreboard.h) with
 * relaxed atomic adds, and GET /metrics and GET /status (metrics.c,
 * status_page.c) read them back for the whole pool.
 *
 * Every call is safe before ops_init() (the counts then stay in this
 * process, as in the unit tests and fuzzers) and from any thread.
 * Built with -DTTT_OPS_OFF every call compiles to nothing: `make bench`
 * compares that build with the real one.
 */
#ifndef FCGI_OPS_OPS_H
#define FCGI_OPS_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"

/* Why a request body was refused (see body.h). */
enum ops_body {
	OPS_BODY_NO_LENGTH = 0,		/* 411 */
	OPS_BODY_MALFORMED,		/* Content-Length not 1*digit */
	OPS_BODY_TOO_LARGE,		/* over body_limit: 413 */
	OPS_BODY_SHORT,			/* fewer bytes than announced */
	OPS_BODY_EMPTY			/* a POST without a body */
};

/* How a game ended, seen from the AI. */
enum ops_result {
	OPS_AI_WIN = 0,
	OPS_HUMAN_WIN,
	OPS_DRAW
};

/* One request on its way through the cycle (caller's stack). */
struct ops_request {
	uint64_t	 t0, t_read, t_answer;	/* CLOCK_MONOTONIC ns */
	unsigned	 route;
	int		 thread;
	const char	*request_id;	/* borrowed, for the slow-request line */
};

#ifndef TTT_OPS_OFF

/*
 * At start, once: open the scoreboard named by cfg->scoreboard_file (or
 * the default, see README), claim this process's slot, keep cfg's
 * slow_request_ms.  A scoreboard that cannot be used is logged with the
 * reason and the process counts for itself alone.
 */
void	ops_init(const struct config *cfg);
/* The scoreboard's path once ops_init() shares it with the pool, else
 * NULL: main.c keeps the MCP conversation table beside it. */
const char *ops_board_file(void);
/* The listening socket whose queue /metrics reports. */
void	ops_listen_fd(int fd);
/* The pool's threads: how many, and one taking (+1) or leaving (-1) a connection. */
void	ops_threads_total(unsigned n);
void	ops_thread_busy(int delta);
/* The pool's timer (10 a second): samples the listen queue each time,
 * publishes CPU, memory and descriptors at most once a second; ops_exit()
 * a last time. */
void	ops_tick(void);
void	ops_exit(void);

/* The request cycle: begin once the parameters are read, then each phase. */
void	ops_request_begin(struct ops_request *, const char *path,
	    const char *request_id);
void	ops_request_read(struct ops_request *);		/* body read */
void	ops_request_answered(struct ops_request *);	/* handler done */
void	ops_request_end(struct ops_request *, int status);	/* written */

void	ops_count_peer_timeout(void);
void	ops_count_auth_failure(void);
void	ops_count_body_refused(enum ops_body);
void	ops_count_game(unsigned level, enum ops_result);
/* A JSON-RPC method of the MCP endpoint; unknown names count as "other". */
void	ops_count_mcp(const char *method);
/*
 * While on, this thread counts nothing: the answers the document shows as
 * examples are computed by the handlers themselves and are no traffic.
 * Returns the previous setting.
 */
bool	ops_quiet(bool on);

#else	/* metrics compiled out */

static inline void ops_init(const struct config *c) { (void)c; }
static inline const char *ops_board_file(void) { return NULL; }
static inline void ops_listen_fd(int fd) { (void)fd; }
static inline void ops_threads_total(unsigned n) { (void)n; }
static inline void ops_thread_busy(int d) { (void)d; }
static inline void ops_tick(void) { }
static inline void ops_exit(void) { }
static inline void ops_request_begin(struct ops_request *o, const char *p,
    const char *id) { (void)o; (void)p; (void)id; }
static inline void ops_request_read(struct ops_request *o) { (void)o; }
static inline void ops_request_answered(struct ops_request *o) { (void)o; }
static inline void ops_request_end(struct ops_request *o, int s) { (void)o; (void)s; }
static inline void ops_count_peer_timeout(void) { }
static inline void ops_count_auth_failure(void) { }
static inline void ops_count_body_refused(enum ops_body b) { (void)b; }
static inline void ops_count_game(unsigned l, enum ops_result r) { (void)l; (void)r; }
static inline void ops_count_mcp(const char *m) { (void)m; }
static inline bool ops_quiet(bool on) { (void)on; return false; }

#endif

#endif /* FCGI_OPS_OPS_H */
