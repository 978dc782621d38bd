/*
 * shared_file.c - open, check, size and map a file shared by the pool's
 * processes (see shared_file.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>

#include "shared_file.h"

/* A file any other user could have made or may write is not trusted. */
static int
owned_and_private(int fd, struct stat *st, char *err, size_t errlen)
{
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		snprintf(err, errlen, "it is not a regular file");
		return -1;
	}
	if (st->st_uid != geteuid()) {
		snprintf(err, errlen, "it belongs to uid %u, not to this "
		    "process's uid %u", (unsigned)st->st_uid, (unsigned)geteuid());
		return -1;
	}
	if (st->st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(err, errlen, "others may write it (mode %04o): it "
		    "must be 0600 or 0640", (unsigned)(st->st_mode & 07777));
		return -1;
	}
	return 0;
}

int
shared_file_map(const char *path, size_t size, shared_file_judge judge,
    void **map, int *verdict, char *err, size_t errlen)
{
	struct stat st;
	int fd;

	*map = MAP_FAILED;
	/* O_NOFOLLOW: a symlink planted at the path is not followed. */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY,
	    0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open it: %s", strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
		;
	if (owned_and_private(fd, &st, err, errlen) != 0 ||
	    (*verdict = judge(fd, &st, err, errlen)) < 0)
		goto fail;
	if (*verdict == 1 && (ftruncate(fd, 0) != 0 ||
	    ftruncate(fd, (off_t)size) != 0)) {
		snprintf(err, errlen, "cannot size it: %s", strerror(errno));
		goto fail;
	}
	*map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (*map == MAP_FAILED) {
		snprintf(err, errlen, "cannot map it: %s", strerror(errno));
		goto fail;
	}
	return fd;
fail:
	*map = MAP_FAILED;
	close(fd);
	return -1;
}
