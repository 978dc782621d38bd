/*
 * reload_check.h - the SIGHUP configuration check, off the thread that
 * takes signals and runs the watchdog.
 *
 * Loading a configuration reads files an operator named.  Those reads
 * cannot block (file_read.h: regular files only, opened non-blocking),
 * but a file system can still stall one (a hung network mount), and the
 * thread that takes signals must never stall: it cuts late connections
 * and honours SIGTERM.  So the check runs on a thread of its own, and the
 * signal thread only polls for its result, giving up after a bound.
 */
#ifndef FCGI_TRANSPORT_RELOAD_CHECK_H
#define FCGI_TRANSPORT_RELOAD_CHECK_H

#include <stddef.h>

/* The check a reload runs: 0 when the new configuration would start,
 * else -1 with the reason in err. */
typedef int (*reload_check_fn)(char *err, size_t errlen);

enum reload_check_state {
	RELOAD_CHECK_IDLE,	/* none started, or its result was taken */
	RELOAD_CHECK_RUNNING,
	RELOAD_CHECK_OK,
	RELOAD_CHECK_REFUSED,	/* the reason is in err */
	RELOAD_CHECK_TIMED_OUT	/* given up on; the reason is in err */
};

/* One per process, owned by the signal thread (not thread-safe). */
struct reload_check;

/*
 * Start fn on a new thread (signals stay blocked in it).  Returns 0, or
 * -1 when a check is already running (also an abandoned one that has not
 * returned yet) or no thread could be made, with the reason in err.
 */
int	reload_check_start(struct reload_check **rc, reload_check_fn fn,
	    char *err, size_t errlen);

/*
 * Where the check is, at now_ms (CLOCK_MONOTONIC); a result (OK, REFUSED,
 * TIMED_OUT) is returned once, then the state is IDLE again.  A check
 * running longer than limit_ms is abandoned: its thread is left to end
 * on its own and frees what it holds.
 */
enum reload_check_state reload_check_poll(struct reload_check **rc,
	    long long now_ms, long limit_ms, char *err, size_t errlen);

/* At stop: forget a running check (its thread frees its own memory). */
void	reload_check_abandon(struct reload_check **rc);

#endif /* FCGI_TRANSPORT_RELOAD_CHECK_H */
