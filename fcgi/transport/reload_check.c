/*
 * reload_check.c - the SIGHUP configuration check on a thread of its own
 * (see reload_check.h).
 *
 * A check is a heap object shared by the check's thread and the signal
 * thread, with a count of two references: whichever side lets go last
 * frees it, so the signal thread can abandon a check that never returns
 * without a use after free.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "transport/reload_check.h"

struct reload_check {
	reload_check_fn	 fn;
	long long	 started_ms;
	atomic_int	 refs;
	atomic_int	 state;		/* RUNNING, then DONE or ABANDONED */
	int		 rc;
	char		 err[512];
};

enum { RUNNING, DONE, ABANDONED };

/* Abandoned checks whose thread has not returned yet. */
static atomic_int abandoned_running;

static void
reload_check_release(struct reload_check *c)
{
	if (atomic_fetch_sub(&c->refs, 1) == 1)
		free(c);
}

static long long
reload_check_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *
reload_check_thread(void *arg)
{
	struct reload_check *c = arg;

	int running = RUNNING;

	c->rc = c->fn(c->err, sizeof(c->err));
	/* rc and err are written before DONE is published. */
	if (!atomic_compare_exchange_strong(&c->state, &running, DONE))
		atomic_fetch_sub(&abandoned_running, 1);
	reload_check_release(c);
	return NULL;
}

int
reload_check_start(struct reload_check **rc, reload_check_fn fn, char *err,
    size_t errlen)
{
	struct reload_check *c;
	pthread_attr_t attr;
	pthread_t t;
	int e;

	if (*rc != NULL || atomic_load(&abandoned_running) > 0) {
		snprintf(err, errlen, "the check of an earlier SIGHUP is still "
		    "running");
		return -1;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	c->fn = fn;
	c->started_ms = reload_check_now_ms();
	atomic_init(&c->refs, 2);
	atomic_init(&c->state, RUNNING);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	e = pthread_create(&t, &attr, reload_check_thread, c);
	pthread_attr_destroy(&attr);
	if (e != 0) {
		free(c);
		snprintf(err, errlen, "cannot start a thread: %s", strerror(e));
		return -1;
	}
	*rc = c;
	return 0;
}

enum reload_check_state
reload_check_poll(struct reload_check **rc, long long now_ms, long limit_ms,
    char *err, size_t errlen)
{
	struct reload_check *c = *rc;
	enum reload_check_state st;

	if (c == NULL)
		return RELOAD_CHECK_IDLE;
	if (atomic_load(&c->state) == DONE) {
		st = c->rc == 0 ? RELOAD_CHECK_OK : RELOAD_CHECK_REFUSED;
		snprintf(err, errlen, "%s", c->err);
	} else if (now_ms - c->started_ms > limit_ms) {
		st = RELOAD_CHECK_TIMED_OUT;
		snprintf(err, errlen, "the configuration check did not finish "
		    "within %ld ms (a file on a hung file system?)", limit_ms);
		reload_check_abandon(rc);
		return st;
	} else {
		return RELOAD_CHECK_RUNNING;
	}
	reload_check_release(c);
	*rc = NULL;
	return st;
}

void
reload_check_abandon(struct reload_check **rc)
{
	struct reload_check *c = *rc;
	int running = RUNNING;

	if (c == NULL)
		return;
	/* Counted first, so the thread's decrement never comes before. */
	atomic_fetch_add(&abandoned_running, 1);
	if (!atomic_compare_exchange_strong(&c->state, &running, ABANDONED))
		atomic_fetch_sub(&abandoned_running, 1);	/* it was done */
	reload_check_release(c);
	*rc = NULL;
}
