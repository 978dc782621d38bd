/*
 * file_read.h - read a small file the worker is configured with (its INI
 * file, the API key file) without ever blocking or reading without end.
 *
 * The file is opened with O_RDONLY | O_NONBLOCK | O_NOFOLLOW: a FIFO does
 * not block the open (a plain open waits for a writer), and a symbolic
 * link is refused instead of followed to a device whose open has effects.
 * It is then fstat'ed and refused unless it is a regular file (a FIFO,
 * a directory, /dev/zero, a socket), and at most `max` bytes are read, so
 * a huge or endless file costs nothing.  See open(2), fstat(2).
 */
#ifndef FCGI_FILE_READ_H
#define FCGI_FILE_READ_H

#include <stddef.h>
#include <sys/stat.h>

enum file_read_err {
	FILE_READ_OK = 0,
	FILE_READ_OPEN,		/* open(2) failed (missing, denied, a link) */
	FILE_READ_TYPE,		/* not a regular file */
	FILE_READ_SIZE,		/* more than max bytes */
	FILE_READ_IO,		/* read(2) failed */
	FILE_READ_NOMEM
};

/*
 * Read all of `path` (at most max bytes) into *data, a malloc'ed buffer of
 * *len bytes plus a terminating NUL (the file itself may hold NULs: callers
 * that want text check); *st gets the file's fstat.  The caller frees
 * *data (explicit_bzero first when it holds a secret: no other copy is
 * made).  On error *data is NULL and err (size errlen) holds one sentence
 * that starts with the path, e.g. "/etc/x is a FIFO (named pipe), not a
 * regular file".
 */
enum file_read_err file_read(const char *path, size_t max, char **data,
    size_t *len, struct stat *st, char *err, size_t errlen);

/* "a directory", "a FIFO (named pipe)", "a character device", ... */
const char *file_read_type_name(mode_t mode);

#endif /* FCGI_FILE_READ_H */
