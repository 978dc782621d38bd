/*
 * shared_file.h - a file that several processes of the pool map
 * MAP_SHARED (the metrics scoreboard, the MCP conversation table): opened
 * without following a link, refused unless it is a regular file of this
 * process's user that nobody else may write, checked by the caller, sized
 * when new or replaced, mapped.
 *
 * The caller's judge() reads the file as it is and says what to do:
 * -1 refuse (with a sentence in err), 0 use it as it is, 1 (re)make it.
 */
#ifndef FCGI_SHARED_FILE_H
#define FCGI_SHARED_FILE_H

#include <stddef.h>
#include <sys/stat.h>

typedef int (*shared_file_judge)(int fd, const struct stat *st, char *err,
    size_t errlen);

/*
 * Open or create (mode 0600) path, take an exclusive flock(2) on it so
 * two processes starting together never both initialise it, judge it,
 * size it to `size` bytes when judge() says 1, and map it read-write
 * MAP_SHARED.  Returns the descriptor, still holding the flock, with
 * *map and *verdict (0: as found, 1: made anew: the caller initialises
 * it) set; the caller releases the flock once its header is in place and
 * owns both the descriptor and the mapping.  On any refusal or error
 * returns -1 with one sentence in err (what is wrong with the file) and
 * nothing left open or mapped.
 */
int	shared_file_map(const char *path, size_t size, shared_file_judge judge,
	    void **map, int *verdict, char *err, size_t errlen);

#endif /* FCGI_SHARED_FILE_H */
