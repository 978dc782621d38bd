/*
 * ops.c - the counting side that the handler's files reach (see ops.h):
 * the state of this process's slot, the event counters, and the pool's
 * sum for the pages (ops_internal.h).  The process and request-cycle
 * hooks, which log, are in ops_io.c.
 *
 * On the request path only relaxed atomic adds and stores touch the slot:
 * each counter is read by the pages as a whole number, and nothing is
 * derived from the order in which two of them change.
 */
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "ops/labels.h"
#include "ops/listen_queue.h"
#include "ops/ops.h"
#include "ops/ops_internal.h"
#include "ops/procstat.h"
#include "ops/scoreboard.h"

/*
 * Until ops_init() (and for good when no scoreboard is used) the counts
 * go to this process's own memory; the unit tests and fuzzers run so.
 */
static struct sb_header own_head;
static struct sb_slot own_slot = { .used = 1 };
struct ops_state ops_state = {
	.board = { .head = &own_head, .slots = &own_slot, .nslots = 1,
	    .fd = -1 },
	.me = &own_slot,
	.listen_fd = -1,
};

#ifndef TTT_OPS_OFF
static _Thread_local bool quiet;
#endif

#define me	(ops_state.me)
#define board	(ops_state.board)

uint64_t
ops_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t
ops_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

const struct scoreboard *
ops_board(void)
{
	return &board;
}

void
ops_use_private(void)
{
	uint64_t now = ops_now_ns();

	atomic_store(&own_head.created_ns, now);
	atomic_store(&own_slot.started_ns, now);
}

int
ops_listen_queue(unsigned *queued, unsigned *backlog)
{
	return listen_queue_read(ops_state.listen_fd, queued, backlog);
}

void
ops_sample_queue(void)
{
	unsigned q, backlog;
	uint64_t max;

	if (listen_queue_read(ops_state.listen_fd, &q, &backlog) != 0)
		return;
	max = OPS_GET(board.head->listen_queue_max);
	while (q > max && !atomic_compare_exchange_weak_explicit(
	    &board.head->listen_queue_max, &max, q, memory_order_relaxed,
	    memory_order_relaxed))
		;
}

void
ops_publish(void)
{
	struct procstat p;

	procstat_read(&p);
	if (p.cpu_ns >= ops_state.cpu_at_claim)
		OPS_PUT(me->cpu_ns, ops_state.cpu_base + (p.cpu_ns -
		    ops_state.cpu_at_claim));
	OPS_PUT(me->rss_bytes, p.rss_bytes);
	OPS_PUT(me->vsize_bytes, p.vsize_bytes);
	OPS_PUT(me->open_fds, p.open_fds);
	OPS_PUT(me->max_fds, p.max_fds);
	OPS_PUT(me->os_threads, p.threads);
	ops_sample_queue();
}

/* ---- events ---- */

#ifndef TTT_OPS_OFF	/* else ops.h makes them no-ops */

bool
ops_quiet(bool on)
{
	bool was = quiet;

	quiet = on;
	return was;
}

void
ops_count_peer_timeout(void)
{
	OPS_ADD(me->peer_timeouts, 1);
}

void
ops_count_auth_failure(void)
{
	if (!quiet)
		OPS_ADD(me->auth_failures, 1);
}

void
ops_count_body_refused(enum ops_body why)
{
	if (!quiet && (unsigned)why < OPS_BODIES)
		OPS_ADD(me->bodies[why], 1);
}

void
ops_count_game(unsigned level, enum ops_result result)
{
	if (!quiet && level < OPS_LEVELS && (unsigned)result < OPS_RESULTS)
		OPS_ADD(me->games[level][result], 1);
}

void
ops_count_mcp(const char *method)
{
	if (!quiet)
		OPS_ADD(me->mcp[labels_mcp_of(method)], 1);
}

#endif

/* ---- the pool's sum ---- */

static void
add_counters(struct ops_total *t, struct sb_slot *s)
{
	unsigned i, j;

	t->cpu_ns += OPS_GET(s->cpu_ns);
	t->peer_timeouts += OPS_GET(s->peer_timeouts);
	t->auth_failures += OPS_GET(s->auth_failures);
	for (i = 0; i < OPS_BODIES; i++)
		t->bodies[i] += OPS_GET(s->bodies[i]);
	for (i = 0; i < OPS_LEVELS; i++)
		for (j = 0; j < OPS_RESULTS; j++)
			t->games[i][j] += OPS_GET(s->games[i][j]);
	for (i = 0; i < OPS_MCP; i++)
		t->mcp[i] += OPS_GET(s->mcp[i]);
	for (i = 0; i < OPS_ROUTES; i++) {
		t->slow[i] += OPS_GET(s->slow[i]);
		t->duration_ns[i] += OPS_GET(s->duration_ns[i]);
		for (j = 0; j < OPS_CODES; j++)
			t->requests[i][j] += OPS_GET(s->requests[i][j]);
		for (j = 0; j < OPS_BUCKETS; j++)
			t->buckets[i][j] += OPS_GET(s->buckets[i][j]);
	}
}

static void
add_gauges(struct ops_total *t, struct sb_slot *s)
{
	uint64_t start = OPS_GET(s->started_ns);

	t->alive++;
	t->in_flight += OPS_GET(s->in_flight);
	t->threads_busy += OPS_GET(s->threads_busy);
	t->threads_total += OPS_GET(s->threads_total);
	t->rss_bytes += OPS_GET(s->rss_bytes);
	t->vsize_bytes += OPS_GET(s->vsize_bytes);
	t->open_fds += OPS_GET(s->open_fds);
	t->max_fds += OPS_GET(s->max_fds);
	t->os_threads += OPS_GET(s->os_threads);
	if (start != 0 && (t->oldest_ns == 0 || start < t->oldest_ns))
		t->oldest_ns = start;
}

void
ops_sum(struct ops_total *t)
{
	unsigned i;

	ops_publish();
	memset(t, 0, sizeof(*t));
	t->shared = ops_state.shared;
	t->created_ns = OPS_GET(board.head->created_ns);
	t->listen_queue_max = OPS_GET(board.head->listen_queue_max);
	for (i = 0; i < board.nslots; i++) {
		if (!OPS_GET(board.slots[i].used))
			continue;
		add_counters(t, &board.slots[i]);
		if (scoreboard_alive(&board, i))
			add_gauges(t, &board.slots[i]);
	}
	if (t->created_ns == 0)
		t->created_ns = t->oldest_ns;
}
