/*
 * ops_io.c - the hooks of the process and of the request cycle (see
 * ops.h): opening the scoreboard at start, the pool's threads and timer,
 * and the timing of each request, with the slow-request log line.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "ops/labels.h"
#include "ops/ops.h"
#include "ops/ops_internal.h"
#include "ops/procstat.h"
#include "ops/scoreboard.h"

#ifndef TTT_OPS_OFF	/* else ops.h makes every hook a no-op */

static uint64_t slow_ns;		/* 0: no slow-request line */
static atomic_uint next_thread;
static _Thread_local int thread_index = -1;
static uint64_t last_publish_ns;
static char board_file[4096];	/* the shared scoreboard, or "" */

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

void
ops_init(const struct config *cfg)
{
	struct scoreboard sb;
	struct procstat p;
	char buf[4096], quoted[4200], err[256];
	const char *path;

	slow_ns = (uint64_t)cfg->slow_request_ms * 1000000ULL;
	if ((path = board_path(cfg, buf, sizeof(buf))) == NULL) {
		log_event(LOG_LEVEL_DEBUG, "scoreboard", "shared=0 reason=\"no "
		    "scoreboard_file: the metrics and the MCP conversation "
		    "limits cover this process only\"");
		ops_use_private();
	} else if (scoreboard_open(&sb, path, err, sizeof(err)) != 0) {
		log_quote(quoted, sizeof(quoted), path, strlen(path));
		log_event(LOG_LEVEL_ERROR, "scoreboard-refused", "file=%s "
		    "reason=\"%s\" action=\"the metrics cover this process only; "
		    "remove the file or set scoreboard_file to another path\"",
		    quoted, err);
		ops_use_private();
	} else {
		ops_state.board = sb;
		ops_state.me = &sb.slots[sb.self];
		ops_state.shared = true;
		log_quote(quoted, sizeof(quoted), path, strlen(path));
		log_event(LOG_LEVEL_INFO, "scoreboard", "shared=1 file=%s slot=%d",
		    quoted, sb.self);
		snprintf(board_file, sizeof(board_file), "%s", path);
	}
	procstat_read(&p);
	ops_state.cpu_at_claim = p.cpu_ns;
	ops_state.cpu_base = OPS_GET(ops_state.me->cpu_ns);
	OPS_PUT(ops_state.me->pid, (int32_t)getpid());
	ops_publish();
}

const char *
ops_board_file(void)
{
	return board_file[0] != '\0' ? board_file : NULL;
}

void
ops_listen_fd(int fd)
{
	ops_state.listen_fd = fd;
}

void
ops_threads_total(unsigned n)
{
	OPS_PUT(ops_state.me->threads_total, (int64_t)n);
}

void
ops_thread_busy(int delta)
{
	OPS_ADD(ops_state.me->threads_busy, delta);
}

void
ops_tick(void)
{
	uint64_t now = ops_mono_ns();

	/* The queue at every tick (one netlink round trip): a burst that
	 * fills it lasts less than a second. */
	ops_sample_queue();
	if (now - last_publish_ns < 1000000000ULL)
		return;
	last_publish_ns = now;
	ops_publish();
}

void
ops_exit(void)
{
	ops_publish();
	OPS_PUT(ops_state.me->threads_total, 0);
}

/* ---- the request cycle ---- */

void
ops_request_begin(struct ops_request *o, const char *path,
    const char *request_id)
{
	struct sb_thread *t;

	o->t0 = ops_mono_ns();
	o->t_read = o->t_answer = o->t0;
	o->route = labels_route_of(path);
	o->request_id = request_id;
	if (thread_index < 0)
		thread_index = (int)(atomic_fetch_add(&next_thread, 1) % OPS_THREADS);
	o->thread = thread_index;
	OPS_ADD(ops_state.me->in_flight, 1);
	t = &ops_state.me->threads[o->thread];
	OPS_PUT(t->route, o->route);
	OPS_PUT(t->started_ns, ops_now_ns());
}

void
ops_request_read(struct ops_request *o)
{
	o->t_read = ops_mono_ns();
}

void
ops_request_answered(struct ops_request *o)
{
	o->t_answer = ops_mono_ns();
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
	struct sb_slot *s = ops_state.me;
	uint64_t end = ops_mono_ns(), ns = end - o->t0;

	OPS_PUT(s->threads[o->thread].started_ns, 0);
	OPS_ADD(s->in_flight, -1);
	OPS_ADD(s->requests[o->route][labels_code_of(status)], 1);
	OPS_ADD(s->buckets[o->route][labels_bucket_of(ns)], 1);
	OPS_ADD(s->duration_ns[o->route], ns);
	if (slow_ns > 0 && ns > slow_ns) {
		OPS_ADD(s->slow[o->route], 1);
		slow_line(o, status, end);
	}
}

#endif /* TTT_OPS_OFF */
