/*
 * limit_file.c - the shared table's file: create or check it, map it,
 * hold its read lock (see limit_file.h for the rules).
 */
#define _GNU_SOURCE	/* F_OFD_SETLK (Linux 3.15), getrandom */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mcp/limit_file.h"
#include "shared_file.h"

/* Shared memory between processes needs address-free, lock-free atomics. */
static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "64-bit atomics must be lock-free");
static_assert(sizeof(struct limit_header) == 4096, "the header is one page");
static_assert(sizeof(struct limit_slot) == 16, "a slot is two words");

/* The users' lock byte lies past the end of the file: it locks nothing
 * real, and no other lock of the worker's is there. */
#define LOCK_AT	((off_t)1 << 32)

size_t
limit_file_size(void)
{
	return sizeof(struct limit_header) +
	    (size_t)LIMIT_SLOTS * sizeof(struct limit_slot);
}

void
limit_file_header_init(struct limit_header *h)
{
	struct timespec t;
	uint64_t salt = 0;

	memset(h, 0, sizeof(*h));
	memcpy(h->magic, LIMIT_MAGIC, 8);
	h->version = LIMIT_VERSION;
	h->header_size = sizeof(*h);
	h->file_size = limit_file_size();
	h->slot_size = sizeof(struct limit_slot);
	h->nslots = LIMIT_SLOTS;
	h->rate = LIMIT_RATE;
	h->burst = LIMIT_BURST;
	/* Nobody outside may aim keys at one neighbourhood of slots. */
	if (getrandom(&salt, sizeof(salt), GRND_NONBLOCK) != (ssize_t)sizeof(salt)) {
		clock_gettime(CLOCK_REALTIME, &t);
		salt = ((uint64_t)t.tv_nsec << 20) ^ (uint64_t)t.tv_sec ^
		    ((uint64_t)getpid() << 40);
	}
	h->salt = salt != 0 ? salt : 1;
}

static int
lock_byte(int fd, int cmd, short type)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = LOCK_AT;
	fl.l_len = 1;
	return fcntl(fd, cmd, &fl);
}

/* Does a live process other than us use the file? */
static int
in_use(int fd)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = LOCK_AT;
	fl.l_len = 1;
	if (fcntl(fd, F_OFD_GETLK, &fl) != 0)
		return 1;	/* cannot tell: assume so */
	return fl.l_type != F_UNLCK;
}

/*
 * Decide about an existing file from its header (read, not mapped):
 * 0 to use it, 1 to start it afresh, -1 refused with a reason.
 */
static int
judge(int fd, const struct stat *st, char *err, size_t errlen)
{
	struct limit_header h;

	if (st->st_size == 0)
		return 1;	/* new, or its maker died before sizing it */
	if ((size_t)st->st_size < sizeof(h)) {
		snprintf(err, errlen, "it is truncated (%lld bytes, shorter "
		    "than its header)", (long long)st->st_size);
		return -1;
	}
	if (pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h)) {
		snprintf(err, errlen, "its header cannot be read");
		return -1;
	}
	/* Sized but never written: its maker died between ftruncate() and
	 * the header (both under the flock we now hold). */
	if (memcmp(h.magic, "\0\0\0\0\0\0\0\0", 8) == 0 &&
	    (size_t)st->st_size == limit_file_size())
		return 1;
	if (memcmp(h.magic, LIMIT_MAGIC, 8) != 0) {
		snprintf(err, errlen, "it is not a ttt-fcgi conversation "
		    "table (wrong magic)");
		return -1;
	}
	if (h.version != LIMIT_VERSION || h.header_size != sizeof(h) ||
	    h.slot_size != sizeof(struct limit_slot) ||
	    h.nslots != LIMIT_SLOTS || h.rate != LIMIT_RATE ||
	    h.burst != LIMIT_BURST) {
		/* Ours, from another build: replaced once nobody uses it. */
		if (!in_use(fd))
			return 1;
		snprintf(err, errlen, "it was made by another build of "
		    "ttt-fcgi (version %u, %u slots, %u a second, burst %u) "
		    "that is still running", h.version, h.nslots, h.rate,
		    h.burst);
		return -1;
	}
	if (h.file_size != limit_file_size() ||
	    (size_t)st->st_size != limit_file_size()) {
		snprintf(err, errlen, "it has the wrong size (%lld bytes, its "
		    "header says %llu, expected %zu)", (long long)st->st_size,
		    (unsigned long long)h.file_size, limit_file_size());
		return -1;
	}
	if (h.salt == 0) {
		snprintf(err, errlen, "its header is damaged (no salt)");
		return -1;
	}
	return 0;
}

struct limit_header *
limit_file_map(const char *path, char *err, size_t errlen)
{
	const size_t size = limit_file_size();
	struct limit_header *head;
	void *map;
	int fd, verdict;

	fd = shared_file_map(path, size, judge, &map, &verdict, err, errlen);
	if (fd < 0)
		return NULL;
	head = map;
	if (verdict == 1)
		limit_file_header_init(head);
	if (lock_byte(fd, F_OFD_SETLK, F_RDLCK) != 0) {
		snprintf(err, errlen, "cannot lock it: %s", strerror(errno));
		goto fail;
	}
	flock(fd, LOCK_UN);
	return head;	/* fd stays open: it holds the read lock */
fail:
	if (map != MAP_FAILED)
		munmap(map, size);
	close(fd);
	return NULL;
}
