/*
 * limit_file.h - the layout of the per-conversation rate limit's table
 * (limit.h), and the file that lets every process of a pool share it.
 *
 * The table is a fixed header and LIMIT_SLOTS fixed-size slots, no
 * pointers, so it can live in a file mapped MAP_SHARED by processes that
 * each map it at another address.  Every field a process changes on the
 * request path is a lock-free 64-bit atomic (limit.c); the header is
 * written once, when the file is made, under an exclusive flock(2).
 *
 * The file is refused -- never trusted, rewritten or resized -- when it
 * is not a regular file (a symlink is not followed), belongs to another
 * user, may be written by group or others, has the wrong magic or the
 * wrong size.  A file of ours made by another build (other numbers,
 * another layout) is started afresh only when no live process uses it:
 * each user holds an open-file-description read lock (fcntl F_OFD_SETLK,
 * Linux) on one byte for as long as it lives, which the kernel drops when
 * the process dies or executes itself again (the descriptor is
 * close-on-exec).
 */
#ifndef FCGI_MCP_LIMIT_FILE_H
#define FCGI_MCP_LIMIT_FILE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* The table's numbers (limit.h says what they mean).  The file's header
 * records them, so a file made by a build with other numbers is known as
 * such and started afresh. */
#define LIMIT_RATE	5	/* calls a second, per conversation */
#define LIMIT_BURST	30	/* calls at once */
#define LIMIT_SLOTS	16384	/* conversations remembered (256 KiB) */

#define LIMIT_MAGIC	"TTTLIMIT"	/* 8 bytes, no NUL */
#define LIMIT_VERSION	1u

struct limit_slot {
	_Atomic uint64_t key;	/* the conversation's salted hash; 0: free */
	_Atomic uint64_t state;	/* limit.c's packed bucket; 0: full */
};

struct limit_header {
	char		 magic[8];
	uint32_t	 version;
	uint32_t	 header_size;
	uint64_t	 file_size;
	uint32_t	 slot_size;
	uint32_t	 nslots;
	uint32_t	 rate;		/* LIMIT_RATE of the build that made it */
	uint32_t	 burst;		/* LIMIT_BURST */
	uint64_t	 salt;		/* the pool's hash salt, random, never 0 */
	char		 pad[4096 - 48];
};

/* The file size for the layout this build writes. */
size_t	 limit_file_size(void);

/* Fill a header for this build's layout with a new random salt. */
void	 limit_file_header_init(struct limit_header *);

/*
 * Map `path` (created mode 0600 when absent or empty) and hold its read
 * lock.  Returns the header, the slots following it; or NULL with a
 * sentence in err when the file is refused or cannot be used (nothing in
 * it was changed then).  The mapping and its descriptor are kept until
 * the process ends or executes.
 */
struct limit_header *limit_file_map(const char *path, char *err,
	    size_t errlen);

#endif /* FCGI_MCP_LIMIT_FILE_H */
