/*
 * scoreboard.c - the shared file: create or check it, map it, claim a
 * slot (see scoreboard.h for the layout and the liveness rule).
 */
#define _GNU_SOURCE	/* F_OFD_SETLK, F_OFD_GETLK (Linux 3.15) */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ops/labels.h"
#include "ops/scoreboard.h"
#include "shared_file.h"

/* Shared memory between processes needs address-free, lock-free atomics. */
static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "64-bit atomics must be lock-free");
static_assert(ATOMIC_INT_LOCK_FREE == 2, "32-bit atomics must be lock-free");
static_assert(sizeof(struct sb_header) == 4096, "the header is one page");

/* The lock bytes lie past the end of the file: they lock nothing real. */
#define LOCK_BASE	((off_t)1 << 32)

size_t
scoreboard_file_size(void)
{
	return sizeof(struct sb_header) + (size_t)SB_SLOTS * sizeof(struct sb_slot);
}

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n-- > 0)
		h = (h ^ *c++) * 0x100000001b3ULL;
	return h;
}

uint64_t
scoreboard_layout(void)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	uint32_t n[4] = { SB_VERSION, (uint32_t)sizeof(struct sb_slot),
	    SB_SLOTS, OPS_THREADS };
	const char *name;
	unsigned i;

	h = fnv(h, n, sizeof(n));
	for (i = 0; i < OPS_ROUTES; i++)
		if ((name = labels_route(i)) != NULL)
			h = fnv(h, name, strlen(name) + 1);
	for (i = 0; i < OPS_CODES; i++)
		h = fnv(h, labels_code(i), strlen(labels_code(i)) + 1);
	for (i = 0; i < OPS_MCP; i++)
		h = fnv(h, labels_mcp(i), strlen(labels_mcp(i)) + 1);
	for (i = 0; i < OPS_BODIES; i++)
		h = fnv(h, labels_body(i), strlen(labels_body(i)) + 1);
	for (i = 0; i < OPS_BUCKETS; i++)
		h = fnv(h, labels_bucket(i), strlen(labels_bucket(i)) + 1);
	return h;
}

static uint64_t
realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int
lock_byte(int fd, int cmd, unsigned i, short type, struct flock *fl)
{
	memset(fl, 0, sizeof(*fl));
	fl->l_type = type;
	fl->l_whence = SEEK_SET;
	fl->l_start = LOCK_BASE + (off_t)i;
	fl->l_len = 1;
	return fcntl(fd, cmd, fl);
}

bool
scoreboard_alive(const struct scoreboard *sb, unsigned i)
{
	struct flock fl;

	if (i == (unsigned)sb->self)
		return true;
	if (sb->fd < 0 || i >= sb->nslots)
		return false;
	/* Another description's lock conflicts with ours: F_WRLCK means held. */
	if (lock_byte(sb->fd, F_OFD_GETLK, i, F_WRLCK, &fl) != 0)
		return false;
	return fl.l_type != F_UNLCK;
}

/* Is any slot of the file held by a live process? */
static bool
any_alive(int fd, unsigned nslots)
{
	struct flock fl;
	unsigned i;

	for (i = 0; i < nslots; i++)
		if (lock_byte(fd, F_OFD_GETLK, i, F_WRLCK, &fl) == 0 &&
		    fl.l_type != F_UNLCK)
			return true;
	return false;
}

static void
header_init(struct sb_header *h)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, SB_MAGIC, 8);
	h->version = SB_VERSION;
	h->header_size = sizeof(*h);
	h->file_size = scoreboard_file_size();
	h->slot_size = sizeof(struct sb_slot);
	h->nslots = SB_SLOTS;
	h->layout = scoreboard_layout();
	atomic_store(&h->created_ns, realtime_ns());
}

/*
 * Decide about an existing file from its header (read, not mapped):
 * 0 to use it, 1 to start it afresh, -1 refused with a reason.
 */
static int
judge(int fd, const struct stat *st, char *err, size_t errlen)
{
	struct sb_header h;

	if (st->st_size == 0)
		return 1;	/* new, or created by a process that died at once */
	if ((size_t)st->st_size < sizeof(h)) {
		snprintf(err, errlen, "it is truncated (%lld bytes, shorter than "
		    "its header)", (long long)st->st_size);
		return -1;
	}
	if (pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h)) {
		snprintf(err, errlen, "its header cannot be read");
		return -1;
	}
	/* Sized but never written: its maker died between ftruncate() and
	 * writing the header (both happen under the lock we now hold). */
	if (memcmp(h.magic, "\0\0\0\0\0\0\0\0", 8) == 0 &&
	    (size_t)st->st_size == scoreboard_file_size())
		return 1;
	if (memcmp(h.magic, SB_MAGIC, 8) != 0) {
		snprintf(err, errlen, "it is not a ttt-fcgi scoreboard (wrong "
		    "magic)");
		return -1;
	}
	if (h.version != SB_VERSION || h.layout != scoreboard_layout() ||
	    h.header_size != sizeof(h) ||
	    h.slot_size != sizeof(struct sb_slot) || h.nslots != SB_SLOTS) {
		/* Ours, from another build: safe to replace once unused. */
		if (h.nslots <= 4096 && !any_alive(fd, h.nslots))
			return 1;
		snprintf(err, errlen, "it was made by another build of ttt-fcgi "
		    "(layout %u/%016llx) that is still running", h.version,
		    (unsigned long long)h.layout);
		return -1;
	}
	if (h.file_size != scoreboard_file_size() ||
	    (size_t)st->st_size != scoreboard_file_size()) {
		snprintf(err, errlen, "it has the wrong size (%lld bytes, its "
		    "header says %llu, expected %zu)", (long long)st->st_size,
		    (unsigned long long)h.file_size, scoreboard_file_size());
		return -1;
	}
	return 0;
}

/* The first slot without a live owner becomes ours; -1 when all are taken. */
static int
claim(struct scoreboard *sb)
{
	struct flock fl;
	unsigned i;

	for (i = 0; i < sb->nslots; i++)
		if (lock_byte(sb->fd, F_OFD_SETLK, i, F_WRLCK, &fl) == 0)
			return (int)i;
	return -1;
}

/* A new owner: gauges start again, counters are kept. */
static void
slot_take(struct sb_slot *s)
{
	uint64_t total = 0;
	unsigned r, c, t;

	for (r = 0; r < OPS_ROUTES; r++)
		for (c = 0; c < OPS_CODES; c++)
			total += atomic_load_explicit(&s->requests[r][c],
			    memory_order_relaxed);
	atomic_store(&s->requests_base, total);
	atomic_store(&s->in_flight, 0);
	atomic_store(&s->threads_busy, 0);
	atomic_store(&s->threads_total, 0);
	atomic_store(&s->rss_bytes, 0);
	atomic_store(&s->vsize_bytes, 0);
	atomic_store(&s->open_fds, 0);
	atomic_store(&s->max_fds, 0);
	atomic_store(&s->os_threads, 0);
	for (t = 0; t < OPS_THREADS; t++)
		atomic_store(&s->threads[t].started_ns, 0);
	atomic_store(&s->started_ns, realtime_ns());
	atomic_store(&s->pid, (int32_t)getpid());
	atomic_fetch_add(&s->owners, 1);
	atomic_store(&s->used, 1);
}

int
scoreboard_open(struct scoreboard *sb, const char *path, char *err,
    size_t errlen)
{
	const size_t size = scoreboard_file_size();
	void *map = MAP_FAILED;
	int fd, verdict;

	memset(sb, 0, sizeof(*sb));
	sb->fd = -1;
	fd = shared_file_map(path, size, judge, &map, &verdict, err, errlen);
	if (fd < 0)
		return -1;
	sb->head = map;
	sb->slots = (struct sb_slot *)(void *)((char *)map + sizeof(struct sb_header));
	sb->nslots = SB_SLOTS;
	sb->fd = fd;
	sb->size = size;
	if (verdict == 1)
		header_init(sb->head);
	if ((sb->self = claim(sb)) < 0) {
		snprintf(err, errlen, "all %u slots are held by live processes",
		    SB_SLOTS);
		goto fail;
	}
	slot_take(&sb->slots[sb->self]);
	flock(fd, LOCK_UN);
	return 0;
fail:
	if (map != MAP_FAILED)
		munmap(map, size);
	close(fd);
	memset(sb, 0, sizeof(*sb));
	sb->fd = -1;
	return -1;
}
