/*
 * status_page.c - GET /status: the pool at a glance as JSON, in the
 * spirit of php-fpm's status page (start time, accepted, in flight,
 * listen queue, processes), plus each live process: its pid, state,
 * requests served and the age and route of each request in progress.
 * It shows no board, address, key or OpenAI id: routes only.
 */
#include <stdlib.h>

#include "handler_internal.h"
#include "ops/labels.h"
#include "ops/ops_internal.h"
#include "ops/scoreboard.h"
#include "version.h"

ROUTE_HANDLER(status_page_serve);

#define GET(c)	atomic_load_explicit(&(c), memory_order_relaxed)

/* Whole seconds and microseconds, as php-fpm's page gives them. */
static json_int_t
secs(uint64_t ns)
{
	return (json_int_t)(ns / 1000000000ULL);
}

static json_int_t
micros(uint64_t ns)
{
	return (json_int_t)(ns / 1000ULL);
}

static uint64_t
since(uint64_t now, uint64_t then)
{
	return then != 0 && now > then ? now - then : 0;
}

/* The requests of one slot's current owner and those in progress. */
static json_t *
process_entry(struct sb_slot *s, uint64_t now)
{
	json_t *p, *busy;
	uint64_t total = 0, started;
	unsigned r, c, i;
	int64_t flight = GET(s->in_flight);

	for (r = 0; r < OPS_ROUTES; r++)
		for (c = 0; c < OPS_CODES; c++)
			total += GET(s->requests[r][c]);
	busy = json_array();
	for (i = 0; i < OPS_THREADS && busy != NULL; i++) {
		if ((started = GET(s->threads[i].started_ns)) == 0)
			continue;
		json_array_append_new(busy, json_pack("{s:s, s:I}", "route",
		    labels_route(GET(s->threads[i].route)), "age_us",
		    micros(since(now, started))));
	}
	p = json_pack("{s:i, s:s, s:I, s:I, s:I, s:o*}",
	    "pid", (int)GET(s->pid),
	    "state", flight > 0 ? "busy" : "idle",
	    "start_since", secs(since(now, GET(s->started_ns))),
	    "requests", (json_int_t)(total - GET(s->requests_base)),
	    "threads_busy", (json_int_t)GET(s->threads_busy),
	    "in_progress", busy);
	return p;
}

static json_t *
processes(uint64_t now, unsigned *active)
{
	const struct scoreboard *sb = ops_board();
	json_t *list = json_array();
	unsigned i;

	*active = 0;
	for (i = 0; i < sb->nslots && list != NULL; i++) {
		if (!GET(sb->slots[i].used) || !scoreboard_alive(sb, i))
			continue;
		if (GET(sb->slots[i].in_flight) > 0)
			(*active)++;
		if (json_array_append_new(list, process_entry(&sb->slots[i],
		    now)) != 0) {
			json_decref(list);
			list = NULL;
		}
	}
	return list;
}

void
status_page_serve(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	struct ops_total *t;
	json_t *doc, *procs, *queue = NULL;
	uint64_t now = ops_now_ns(), accepted = 0, slow = 0;
	unsigned i, j, active, q, backlog;

	(void)cfg;
	(void)req;
	if ((t = malloc(sizeof(*t))) == NULL) {
		response_oom(r);
		return;
	}
	ops_sum(t);
	for (i = 0; i < OPS_ROUTES; i++) {
		slow += t->slow[i];
		for (j = 0; j < OPS_CODES; j++)
			accepted += t->requests[i][j];
	}
	procs = processes(now, &active);
	if (ops_listen_queue(&q, &backlog) == 0)
		queue = json_pack("{s:i, s:I, s:i}", "now", (int)q, "max",
		    (json_int_t)(t->listen_queue_max > q ? t->listen_queue_max : q),
		    "length", (int)backlog);
	doc = json_pack("{s:s, s:s, s:b, s:I, s:I, s:I, s:I, s:o?, "
	    "s:{s:i, s:i, s:i}, s:{s:I, s:I}, s:I, s:o*}",
	    "pool", WORKER_NAME, "version", WORKER_VERSION,
	    "scoreboard_shared", t->shared,
	    "start_time", secs(t->created_ns),
	    "start_since", secs(since(now, t->created_ns)),
	    "accepted", (json_int_t)accepted,
	    "requests_in_flight", (json_int_t)t->in_flight,
	    "listen_queue", queue,
	    "processes_count", "alive", (int)t->alive, "active", (int)active,
	    "idle", (int)(t->alive - active),
	    "threads", "total", (json_int_t)t->threads_total,
	    "busy", (json_int_t)t->threads_busy,
	    "slow_requests", (json_int_t)slow,
	    "processes", procs);
	free(t);
	if (response_json(r, 200, doc) != 0)
		response_oom(r);
}
