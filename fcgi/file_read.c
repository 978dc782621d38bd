/*
 * file_read.c - a small configured file, read whole, never blocking (see
 * file_read.h).
 */
#define _GNU_SOURCE	/* O_NOFOLLOW, O_CLOEXEC in older headers */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file_read.h"

const char *
file_read_type_name(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:	return "a regular file";
	case S_IFDIR:	return "a directory";
	case S_IFIFO:	return "a FIFO (named pipe)";
	case S_IFCHR:	return "a character device";
	case S_IFBLK:	return "a block device";
	case S_IFSOCK:	return "a socket";
	case S_IFLNK:	return "a symbolic link";
	default:	return "not a regular file";
	}
}

enum file_read_err
file_read(const char *path, size_t max, char **data, size_t *len,
    struct stat *st, char *err, size_t errlen)
{
	enum file_read_err rc = FILE_READ_OK;
	size_t have = 0;
	ssize_t n;
	char *buf = NULL;
	int fd;

	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY)) < 0) {
		if (errno == ELOOP)
			snprintf(err, errlen, "%s is a symbolic link: give the "
			    "path of the file itself", path);
		else
			snprintf(err, errlen, "%s: %s", path,
			    strerror(errno));
		return FILE_READ_OPEN;
	}
	if (fstat(fd, st) != 0) {
		snprintf(err, errlen, "%s: cannot stat: %s", path, strerror(errno));
		rc = FILE_READ_IO;
		goto out;
	}
	if (!S_ISREG(st->st_mode)) {
		snprintf(err, errlen, "%s is %s, not a regular file", path,
		    file_read_type_name(st->st_mode));
		rc = FILE_READ_TYPE;
		goto out;
	}
	if (st->st_size < 0 || (unsigned long long)st->st_size > max) {
		snprintf(err, errlen, "%s is larger than %zu bytes", path, max);
		rc = FILE_READ_SIZE;
		goto out;
	}
	/*
	 * The size fstat reports is only a hint (files in /proc say 0, a file
	 * may grow meanwhile): read up to max + 1 bytes whatever it says, so
	 * one byte more than allowed is seen.  One allocation, never resized,
	 * so a secret leaves no copy behind in freed memory.
	 */
	if ((buf = malloc(max + 2)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		rc = FILE_READ_NOMEM;
		goto out;
	}
	while (have <= max) {
		n = read(fd, buf + have, max + 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "%s: read error: %s", path,
			    strerror(errno));
			rc = FILE_READ_IO;
			goto out;
		}
		if (n == 0)
			break;
		have += (size_t)n;
	}
	if (have > max) {
		snprintf(err, errlen, "%s is larger than %zu bytes", path, max);
		rc = FILE_READ_SIZE;
		goto out;
	}
	buf[have] = '\0';
	*data = buf;
	*len = have;
	buf = NULL;
out:
	if (buf != NULL) {
		explicit_bzero(buf, max + 2);
		free(buf);
	}
	close(fd);
	return rc;
}
