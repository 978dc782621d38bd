/*
 * ops.c - the counting side (see ops.h): this process's slot, the hooks
 * the request cycle, the pool and the handlers call, and the pool's sum
 * for the pages (ops_internal.h).
 *
 * On the request path only relaxed atomic adds and stores touch the slot:
 * each counter is read by the pages as a whole number, and nothing is
 * derived from the order in which two of them change.
 */
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "ops/labels.h"
#include "ops/listen_queue.h"
#include "ops/ops.h"
#include "ops/ops_internal.h"
#include "ops/procstat.h"
#include "ops/scoreboard.h"

#define RELAXED	memory_order_relaxed
#define ADD(c, n)	atomic_fetch_add_explicit(&(c), (n), RELAXED)
#define GET(c)		atomic_load_explicit(&(c), RELAXED)
#define PUT(c, v)	atomic_store_explicit(&(c), (v), RELAXED)

/*
 * Until ops_init() (and for good when no scoreboard is used) the counts
 * go to this process's own memory; the unit tests and fuzzers run so.
 */
static struct sb_header own_head;
static struct sb_slot own_slot = { .used = 1 };
static struct scoreboard board = {
	.head = &own_head, .slots = &own_slot, .nslots = 1, .fd = -1,
};
static struct sb_slot *me = &own_slot;
static bool shared;

static uint64_t slow_ns;		/* 0: no slow-request line */
static int listen_fd = -1;
static atomic_uint next_thread;
static _Thread_local int thread_index = -1;
static _Thread_local bool quiet;

/* What this process had used when it took its slot (a reload's exec
 * keeps the CPU time of the image before it). */
static uint64_t cpu_at_claim, cpu_base;
static uint64_t last_publish_ms;

static uint64_t
mono_ns(void)
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

/* "" means: the service manager's runtime directory, when there is one. */
static const char *
board_path(const struct config *cfg, char *buf, size_t size)
{
	const char *dir = getenv("RUNTIME_DIRECTORY");
	size_t n;

	if (cfg->scoreboard_file == NULL || strcmp(cfg->scoreboard_file, "none") == 0)
		return NULL;
	if (cfg->scoreboard_file[0] != '\0')
		return cfg->scoreboard_file;
	if (dir == NULL || dir[0] != '/')
		return NULL;
	/* systemd lists several directories separated by ':'; take the first. */
	n = strcspn(dir, ":");
	if ((size_t)snprintf(buf, size, "%.*s/scoreboard", (int)n, dir) >= size)
		return NULL;
	return buf;
}

static void
publish(void)
{
	struct procstat p;
	unsigned q, backlog;
	uint64_t max;

	procstat_read(&p);
	if (p.cpu_ns >= cpu_at_claim)
		PUT(me->cpu_ns, cpu_base + (p.cpu_ns - cpu_at_claim));
	PUT(me->rss_bytes, p.rss_bytes);
	PUT(me->vsize_bytes, p.vsize_bytes);
	PUT(me->open_fds, p.open_fds);
	PUT(me->max_fds, p.max_fds);
	PUT(me->os_threads, p.threads);
	if (listen_queue_read(listen_fd, &q, &backlog) != 0)
		return;
	max = GET(board.head->listen_queue_max);
	while (q > max && !atomic_compare_exchange_weak_explicit(
	    &board.head->listen_queue_max, &max, q, RELAXED, RELAXED))
		;
}

void
ops_init(const struct config *cfg)
{
	struct scoreboard sb;
	struct procstat p;
	char buf[4096], err[256];
	const char *path;

	slow_ns = (uint64_t)cfg->slow_request_ms * 1000000ULL;
	if ((path = board_path(cfg, buf, sizeof(buf))) == NULL) {
		log_event(LOG_LEVEL_INFO, "scoreboard", "shared=0 reason=\"no "
		    "scoreboard_file: metrics cover this process only\"");
	} else if (scoreboard_open(&sb, path, err, sizeof(err)) != 0) {
		log_quote(buf, sizeof(buf), path, strlen(path));
		log_event(LOG_LEVEL_ERROR, "scoreboard-refused", "file=%s "
		    "reason=\"%s\" action=\"metrics cover this process only; "
		    "remove the file or set scoreboard_file to another path\"",
		    buf, err);
	} else {
		/* The counts made before this point (none in a server) are
		 * dropped with the private slot. */
		board = sb;
		me = &board.slots[board.self];
		shared = true;
	}
	if (!shared) {
		PUT(own_head.created_ns, ops_now_ns());
		PUT(own_slot.started_ns, ops_now_ns());
		PUT(own_slot.pid, (int32_t)getpid());
	}
	procstat_read(&p);
	cpu_at_claim = p.cpu_ns;
	cpu_base = GET(me->cpu_ns);
	publish();
}

void
ops_listen_fd(int fd)
{
	listen_fd = fd;
}

int
ops_listen_queue(unsigned *queued, unsigned *backlog)
{
	return listen_queue_read(listen_fd, queued, backlog);
}

void
ops_threads_total(unsigned n)
{
	PUT(me->threads_total, (int64_t)n);
}

void
ops_thread_busy(int delta)
{
	ADD(me->threads_busy, delta);
}

void
ops_tick(void)
{
	uint64_t now = mono_ns() / 1000000ULL;

	if (now - last_publish_ms < 1000)
		return;
	last_publish_ms = now;
	publish();
}

void
ops_exit(void)
{
	publish();
	PUT(me->threads_total, 0);
}

/* ---- the request cycle ---- */

void
ops_request_begin(struct ops_request *o, const char *path,
    const char *request_id)
{
	struct sb_thread *t;

	o->t0 = mono_ns();
	o->t_read = o->t_answer = o->t0;
	o->route = labels_route_of(path);
	o->request_id = request_id;
	if (thread_index < 0)
		thread_index = (int)(atomic_fetch_add(&next_thread, 1) % OPS_THREADS);
	o->thread = thread_index;
	ADD(me->in_flight, 1);
	t = &me->threads[o->thread];
	PUT(t->route, o->route);
	PUT(t->started_ns, ops_now_ns());
}

void
ops_request_read(struct ops_request *o)
{
	o->t_read = mono_ns();
}

void
ops_request_answered(struct ops_request *o)
{
	o->t_answer = mono_ns();
}

/* One line a person reads: where the time went. */
static void
slow_line(const struct ops_request *o, int status, uint64_t end)
{
	char rid[80];

	log_quote(rid, sizeof(rid), o->request_id ? o->request_id : "-",
	    o->request_id ? strlen(o->request_id) : 1);
	log_event(LOG_LEVEL_WARN, "slow-request", "route=%s status=%d "
	    "ms=%llu reading_us=%llu engine_us=%llu writing_us=%llu "
	    "request_id=%s", labels_route(o->route), status,
	    (unsigned long long)((end - o->t0) / 1000000ULL),
	    (unsigned long long)((o->t_read - o->t0) / 1000ULL),
	    (unsigned long long)((o->t_answer - o->t_read) / 1000ULL),
	    (unsigned long long)((end - o->t_answer) / 1000ULL), rid);
}

void
ops_request_end(struct ops_request *o, int status)
{
	uint64_t end = mono_ns(), ns = end - o->t0;

	PUT(me->threads[o->thread].started_ns, 0);
	ADD(me->in_flight, -1);
	ADD(me->requests[o->route][labels_code_of(status)], 1);
	ADD(me->buckets[o->route][labels_bucket_of(ns)], 1);
	ADD(me->duration_ns[o->route], ns);
	if (slow_ns > 0 && ns > slow_ns) {
		ADD(me->slow[o->route], 1);
		slow_line(o, status, end);
	}
}

/* ---- events ---- */

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
	ADD(me->peer_timeouts, 1);
}

void
ops_count_auth_failure(void)
{
	if (!quiet)
		ADD(me->auth_failures, 1);
}

void
ops_count_body_refused(enum ops_body why)
{
	if (!quiet && (unsigned)why < OPS_BODIES)
		ADD(me->bodies[why], 1);
}

void
ops_count_game(unsigned level, enum ops_result result)
{
	if (!quiet && level < OPS_LEVELS && (unsigned)result < OPS_RESULTS)
		ADD(me->games[level][result], 1);
}

void
ops_count_mcp(const char *method)
{
	if (!quiet)
		ADD(me->mcp[labels_mcp_of(method)], 1);
}

/* ---- the pool's sum ---- */

static void
add_counters(struct ops_total *t, struct sb_slot *s)
{
	unsigned i, j;

	t->cpu_ns += GET(s->cpu_ns);
	t->peer_timeouts += GET(s->peer_timeouts);
	t->auth_failures += GET(s->auth_failures);
	for (i = 0; i < OPS_BODIES; i++)
		t->bodies[i] += GET(s->bodies[i]);
	for (i = 0; i < OPS_LEVELS; i++)
		for (j = 0; j < OPS_RESULTS; j++)
			t->games[i][j] += GET(s->games[i][j]);
	for (i = 0; i < OPS_MCP; i++)
		t->mcp[i] += GET(s->mcp[i]);
	for (i = 0; i < OPS_ROUTES; i++) {
		t->slow[i] += GET(s->slow[i]);
		t->duration_ns[i] += GET(s->duration_ns[i]);
		for (j = 0; j < OPS_CODES; j++)
			t->requests[i][j] += GET(s->requests[i][j]);
		for (j = 0; j < OPS_BUCKETS; j++)
			t->buckets[i][j] += GET(s->buckets[i][j]);
	}
}

static void
add_gauges(struct ops_total *t, struct sb_slot *s)
{
	uint64_t start = GET(s->started_ns);

	t->alive++;
	t->in_flight += GET(s->in_flight);
	t->threads_busy += GET(s->threads_busy);
	t->threads_total += GET(s->threads_total);
	t->rss_bytes += GET(s->rss_bytes);
	t->vsize_bytes += GET(s->vsize_bytes);
	t->open_fds += GET(s->open_fds);
	t->max_fds += GET(s->max_fds);
	t->os_threads += GET(s->os_threads);
	if (start != 0 && (t->oldest_ns == 0 || start < t->oldest_ns))
		t->oldest_ns = start;
}

void
ops_sum(struct ops_total *t)
{
	unsigned i;

	publish();
	memset(t, 0, sizeof(*t));
	t->shared = shared;
	t->created_ns = GET(board.head->created_ns);
	t->listen_queue_max = GET(board.head->listen_queue_max);
	for (i = 0; i < board.nslots; i++) {
		if (!GET(board.slots[i].used))
			continue;
		add_counters(t, &board.slots[i]);
		if (scoreboard_alive(&board, i))
			add_gauges(t, &board.slots[i]);
	}
	if (t->created_ns == 0)
		t->created_ns = t->oldest_ns;
}
