/*
 * metrics.c - GET /metrics: the pool's numbers in the Prometheus text
 * format, or OpenMetrics when the Accept header prefers it (Prometheus
 * itself asks for OpenMetrics first).  Names follow the Prometheus naming
 * guide: base units, counters ending in _total; the process_* families
 * are those of the official client libraries, summed over the pool.
 */
#include <stdlib.h>
#include <string.h>

#include "handler_internal.h"
#include "negotiate.h"
#include "ops/exposition.h"
#include "ops/labels.h"
#include "ops/ops_internal.h"
#include "version.h"

ROUTE_HANDLER(metrics_serve);

#define OPENMETRICS	"application/openmetrics-text"
#define BUF_SIZE	(256 * 1024)	/* every series at once takes < 100 KB */

typedef struct exposition_label L;

/* Only a client that names OpenMetrics gets it (curl sends any type). */
static bool
wants_openmetrics(const char *media_ranges)
{
	int om = negotiate_q(media_ranges, OPENMETRICS);

	return media_ranges != NULL && strstr(media_ranges, OPENMETRICS) != NULL &&
	    om > 0 && om >= negotiate_q(media_ranges, "text/plain");
}

static void
gauge(struct exposition *e, const char *name, const char *help, int64_t v)
{
	exposition_family(e, name, EXPOSITION_GAUGE, help);
	exposition_int(e, name, NULL, 0, v);
}

static void
counter(struct exposition *e, const char *name, const char *help, uint64_t v)
{
	exposition_family(e, name, EXPOSITION_COUNTER, help);
	exposition_uint(e, name, NULL, 0, v);
}

static void
pool_state(struct exposition *e, const struct ops_total *t)
{
	L version = { "version", WORKER_VERSION };
	unsigned q, backlog;

	exposition_family(e, "ttt_build_info", EXPOSITION_INFO,
	    "The worker's version.");
	exposition_int(e, "ttt_build_info", &version, 1, 1);
	exposition_family(e, "ttt_start_time_seconds", EXPOSITION_GAUGE,
	    "When the pool's scoreboard was started, in seconds since the epoch.");
	exposition_seconds(e, "ttt_start_time_seconds", NULL, 0, t->created_ns);
	gauge(e, "ttt_scoreboard_shared", "1 when these numbers cover every "
	    "process of the pool (scoreboard_file), 0 when only the answering "
	    "process.", t->shared);
	gauge(e, "ttt_processes", "Worker processes alive.", t->alive);
	gauge(e, "ttt_threads", "Threads serving connections, over the pool.",
	    t->threads_total);
	gauge(e, "ttt_threads_busy", "Threads holding a connection now.",
	    t->threads_busy);
	gauge(e, "ttt_requests_in_flight", "Requests being answered now.",
	    t->in_flight);
	if (ops_listen_queue(&q, &backlog) == 0) {
		gauge(e, "ttt_listen_queue", "Connections waiting in the "
		    "listening socket's accept queue now.", q);
		gauge(e, "ttt_listen_queue_max", "The longest accept queue seen "
		    "since the pool started (sampled ten times a second and at "
		    "each scrape).", (int64_t)(t->listen_queue_max > q ?
		    t->listen_queue_max : q));
		gauge(e, "ttt_listen_queue_length", "How many connections the "
		    "accept queue may hold (the listen backlog).", backlog);
	}
}

static void
requests(struct exposition *e, const struct ops_total *t)
{
	L l[2] = { { "route", NULL }, { "code", NULL } };
	unsigned r, c, b;
	uint64_t n;
	const char *le[OPS_BUCKETS];

	exposition_family(e, "ttt_requests_total", EXPOSITION_COUNTER,
	    "Requests answered, by route (a path of the route table, or other) "
	    "and HTTP status.");
	for (r = 0; r < OPS_ROUTES && labels_route(r) != NULL; r++)
		for (c = 0; c < OPS_CODES; c++)
			if (t->requests[r][c] != 0) {
				l[0].value = labels_route(r);
				l[1].value = labels_code(c);
				exposition_uint(e, "ttt_requests_total", l, 2,
				    t->requests[r][c]);
			}
	for (b = 0; b < OPS_BUCKETS; b++)
		le[b] = labels_bucket(b);
	exposition_family(e, "ttt_request_duration_seconds",
	    EXPOSITION_HISTOGRAM, "Time from the request's parameters read to "
	    "the answer written, by route.");
	for (r = 0; r < OPS_ROUTES && labels_route(r) != NULL; r++) {
		for (n = 0, b = 0; b < OPS_BUCKETS; b++)
			n += t->buckets[r][b];
		if (n == 0)
			continue;
		l[0].value = labels_route(r);
		exposition_histogram(e, "ttt_request_duration_seconds", l, 1,
		    t->buckets[r], le, OPS_BUCKETS, t->duration_ns[r]);
	}
	exposition_family(e, "ttt_slow_requests_total", EXPOSITION_COUNTER,
	    "Requests that took longer than slow_request_ms, by route.");
	for (r = 0; r < OPS_ROUTES && labels_route(r) != NULL; r++) {
		l[0].value = labels_route(r);
		exposition_uint(e, "ttt_slow_requests_total", l, 1, t->slow[r]);
	}
}

static void
events(struct exposition *e, const struct ops_total *t)
{
	L l[2] = { { NULL, NULL }, { NULL, NULL } };
	unsigned i, j;

	counter(e, "ttt_peer_timeouts_total", "Connections the worker shut "
	    "because the web server's side stalled past request_timeout.",
	    t->peer_timeouts);
	counter(e, "ttt_auth_failures_total", "Requests refused for a missing "
	    "or wrong API key (401).", t->auth_failures);
	exposition_family(e, "ttt_rejected_bodies_total", EXPOSITION_COUNTER,
	    "Request bodies refused before parsing, by reason.");
	l[0].name = "reason";
	for (i = 0; i < OPS_BODIES; i++) {
		l[0].value = labels_body(i);
		exposition_uint(e, "ttt_rejected_bodies_total", l, 1, t->bodies[i]);
	}
	exposition_family(e, "ttt_games_total", EXPOSITION_COUNTER, "Games "
	    "that ended on a /human_move answer, by level and result for the AI.");
	l[0].name = "level";
	l[1].name = "result";
	for (i = 0; i < OPS_LEVELS; i++)
		for (j = 0; j < OPS_RESULTS; j++) {
			l[0].value = labels_level(i);
			l[1].value = labels_result(j);
			exposition_uint(e, "ttt_games_total", l, 2, t->games[i][j]);
		}
	exposition_family(e, "ttt_mcp_calls_total", EXPOSITION_COUNTER,
	    "MCP JSON-RPC calls, by method.");
	l[0].name = "method";
	for (i = 0; i < OPS_MCP; i++) {
		l[0].value = labels_mcp(i);
		exposition_uint(e, "ttt_mcp_calls_total", l, 1, t->mcp[i]);
	}
}

static void
process(struct exposition *e, const struct ops_total *t)
{
	exposition_family(e, "process_cpu_seconds_total", EXPOSITION_COUNTER,
	    "User and system CPU time of the pool's processes, the dead ones "
	    "included.");
	exposition_seconds(e, "process_cpu_seconds_total", NULL, 0, t->cpu_ns);
	gauge(e, "process_resident_memory_bytes", "Resident memory of the "
	    "live processes, summed.", t->rss_bytes);
	gauge(e, "process_virtual_memory_bytes", "Virtual memory of the live "
	    "processes, summed.", t->vsize_bytes);
	gauge(e, "process_open_fds", "Open file descriptors of the live "
	    "processes, summed.", t->open_fds);
	gauge(e, "process_max_fds", "The descriptor limits of the live "
	    "processes, summed.", t->max_fds);
	gauge(e, "process_threads", "Threads of the live processes, summed.",
	    t->os_threads);
	exposition_family(e, "process_start_time_seconds", EXPOSITION_GAUGE,
	    "Start of the oldest live process, in seconds since the epoch.");
	exposition_seconds(e, "process_start_time_seconds", NULL, 0,
	    t->oldest_ns);
}

void
metrics_serve(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	struct ops_total *t;
	struct exposition e;
	bool om = wants_openmetrics(req->media_ranges);
	char *buf;
	size_t n;

	(void)cfg;
	t = malloc(sizeof(*t));
	buf = malloc(BUF_SIZE);
	if (t == NULL || buf == NULL) {
		free(t);
		free(buf);
		response_oom(r);
		return;
	}
	ops_sum(t);
	exposition_init(&e, buf, BUF_SIZE, om);
	pool_state(&e, t);
	requests(&e, t);
	events(&e, t);
	process(&e, t);
	if ((n = exposition_finish(&e)) == 0)
		response_error(r, HANDLER_ERR_INTERNAL, "The metrics did not fit "
		    "their buffer.");
	else if (response_raw(r, 200, om ? EXPOSITION_OPENMETRICS :
	    EXPOSITION_TEXT, buf, n) != 0)
		response_oom(r);
	free(buf);
	free(t);
}
