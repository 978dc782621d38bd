/*
 * deadline.c - a thread's connection under a deadline, and the watchdog's
 * check of it (see deadline.h).
 */
#include <sys/socket.h>
#include <time.h>

#include "ops/ops.h"
#include "transport/deadline.h"

const char *
deadline_phase_name(enum conn_phase phase)
{
	static const char *const names[] = {
		[CONN_PHASE_NONE] = "none", [CONN_PHASE_READING] = "reading",
		[CONN_PHASE_ANSWERING] = "answering",
	};

	if ((size_t)phase >= sizeof(names) / sizeof(names[0]))
		return "none";
	return names[phase];
}

long long
deadline_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
deadline_init(struct deadline *d)
{
	d->conn_fd = -1;
	pthread_mutex_init(&d->lock, NULL);
}

void
deadline_destroy(struct deadline *d)
{
	pthread_mutex_destroy(&d->lock);
}

void
deadline_track(struct deadline *d, int fd)
{
	pthread_mutex_lock(&d->lock);
	d->conn_fd = fd;
	d->phase = CONN_PHASE_NONE;
	d->cut = false;
	pthread_mutex_unlock(&d->lock);
	ops_thread_busy(1);
}

void
deadline_phase(struct deadline *d, enum conn_phase phase, long timeout_ms)
{
	pthread_mutex_lock(&d->lock);
	d->phase = phase;
	if (timeout_ms > 0)
		d->deadline_ms = deadline_now_ms() + timeout_ms;
	pthread_mutex_unlock(&d->lock);
}

bool
deadline_untrack(struct deadline *d, enum conn_phase *phase)
{
	bool cut;

	pthread_mutex_lock(&d->lock);
	cut = d->cut;
	*phase = d->cut_phase;
	d->conn_fd = -1;
	d->phase = CONN_PHASE_NONE;
	pthread_mutex_unlock(&d->lock);
	ops_thread_busy(-1);
	if (cut)
		ops_count_peer_timeout();
	return cut;
}

void
deadline_check(struct deadline *d, long long now, long long stop_ms,
    long grace_ms)
{
	long long deadline;

	pthread_mutex_lock(&d->lock);
	deadline = d->deadline_ms;
	if (stop_ms > 0 && d->phase == CONN_PHASE_READING &&
	    stop_ms + grace_ms < deadline)
		deadline = stop_ms + grace_ms;
	if (d->conn_fd >= 0 && !d->cut && d->phase != CONN_PHASE_NONE &&
	    now >= deadline) {
		shutdown(d->conn_fd, SHUT_RDWR);
		d->cut = true;
		d->cut_phase = d->phase;
	}
	pthread_mutex_unlock(&d->lock);
}
