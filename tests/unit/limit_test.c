/*
 * limit_test.c - the per-conversation rate limit's shared table
 * (fcgi/mcp/limit.c, limit_file.c): processes that map one file give a
 * conversation its burst once between them, however their calls
 * interleave; hostile or foreign files are refused and left as they were;
 * a file of another build nobody uses is started afresh.
 */
#define _GNU_SOURCE	/* mkdtemp */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mcp/limit.h"
#include "mcp/limit_file.h"
#include "tap.h"

#define CHILDREN	4
#define CALLS		200	/* each child's calls, all at one instant */

static char dir[64];

static char *
path_in(const char *name)
{
	static char buf[4][128];
	static int n;
	char *p = buf[n++ % 4];

	snprintf(p, sizeof(buf[0]), "%s/%s", dir, name);
	return p;
}

/* A child maps the table and takes `calls` for key at now_ms; it writes
 * how many were allowed (or -1: the file was refused) to fd. */
static pid_t
child(const char *path, const char *key, int calls, uint64_t now_ms, int fd,
    int hold_fd)
{
	char err[256];
	pid_t pid = fork();
	int n = 0, i;

	if (pid != 0)
		return pid;
	if (limit_share(path, err, sizeof(err)) != 0) {
		n = -1;
	} else {
		for (i = 0; i < calls; i++)
			n += limit_take(key, strlen(key), now_ms);
	}
	if (write(fd, &n, sizeof(n)) != (ssize_t)sizeof(n))
		_exit(1);
	if (hold_fd >= 0) {	/* stay alive (holding the file) until told */
		char c;

		if (read(hold_fd, &c, 1) < 0)
			_exit(1);
	}
	_exit(0);
}

static int
reap(int fd)
{
	int n = -2;

	if (read(fd, &n, sizeof(n)) != (ssize_t)sizeof(n))
		return -2;
	return n;
}

static void
test_pool(void)
{
	const char *path = path_in("limits");
	int p[2], i, total = 0, refused = 0, n;
	pid_t pids[CHILDREN];
	struct stat st;

	if (pipe(p) != 0)
		return;
	for (i = 0; i < CHILDREN; i++)
		pids[i] = child(path, "v1/runaway", CALLS, 5000, p[1], -1);
	for (i = 0; i < CHILDREN; i++) {
		n = reap(p[0]);
		if (n < 0)
			refused++;
		else
			total += n;
	}
	for (i = 0; i < CHILDREN; i++)
		waitpid(pids[i], NULL, 0);
	tap_ok(refused == 0, "4 processes map the one table file");
	tap_ok(total == LIMIT_BURST, "between them, one conversation gets "
	    "exactly its burst (30), not one per process");
	tap_ok(stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (st.st_mode & 07777) == 0600 && (size_t)st.st_size == limit_file_size(),
	    "the file is made mode 0600, of the layout's size");
	/* 1/LIMIT_RATE s later: one more call for the whole pool. */
	pids[0] = child(path, "v1/runaway", 5, 5000 + 1000 / LIMIT_RATE, p[1], -1);
	pids[1] = child(path, "v1/runaway", 5, 5000 + 1000 / LIMIT_RATE, p[1], -1);
	total = reap(p[0]) + reap(p[0]);
	waitpid(pids[0], NULL, 0);
	waitpid(pids[1], NULL, 0);
	tap_ok(total == 1, "the pool earns one call back per 1/LIMIT_RATE second, once");
	pids[0] = child(path, "v1/someone-else", 3, 5000, p[1], -1);
	tap_ok(reap(p[0]) == 3, "another conversation is not affected");
	waitpid(pids[0], NULL, 0);
	close(p[0]);
	close(p[1]);
}

/* Write size bytes: a header (magic, and the layout unless `foreign`)
 * then zeros. */
static void
make_file(const char *path, const char *magic, size_t size, mode_t mode,
    bool foreign)
{
	struct limit_header h;
	char *buf = calloc(1, size > sizeof(h) ? size : sizeof(h));
	int fd;

	limit_file_header_init(&h);
	memcpy(h.magic, magic, 8);
	if (foreign)
		h.rate = LIMIT_RATE + 1;
	memcpy(buf, &h, size < sizeof(h) ? size : sizeof(h));
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd >= 0) {
		if (write(fd, buf, size) != (ssize_t)size)
			perror("write");
		fchmod(fd, mode);
		close(fd);
	}
	free(buf);
}

static bool
same_bytes(const char *path, const char *magic, size_t size)
{
	struct stat st;
	char m[8];
	int fd = open(path, O_RDONLY);
	bool same;

	same = fd >= 0 && fstat(fd, &st) == 0 && (size_t)st.st_size == size &&
	    (size < 8 || (read(fd, m, 8) == 8 && memcmp(m, magic, 8) == 0));
	if (fd >= 0)
		close(fd);
	return same;
}

/* The answer of a fresh process mapping path: -1 refused, else allowed calls. */
static int
try_map(const char *path)
{
	int p[2], n;
	pid_t pid;

	if (pipe(p) != 0)
		return -2;
	pid = child(path, "k", 1, 1000, p[1], -1);
	n = reap(p[0]);
	waitpid(pid, NULL, 0);
	close(p[0]);
	close(p[1]);
	return n;
}

static void
test_hostile(void)
{
	const size_t size = limit_file_size();
	char err[256];
	int p[2], q[2];
	pid_t holder;
	bool same;

	make_file(path_in("magic"), "NOTOURS!", size, 0600, false);
	tap_ok(try_map(path_in("magic")) == -1 && same_bytes(path_in("magic"), "NOTOURS!", size),
	    "a file with another magic is refused and left alone");
	make_file(path_in("short"), LIMIT_MAGIC, size - 16, 0600, false);
	tap_ok(try_map(path_in("short")) == -1 && same_bytes(path_in("short"), LIMIT_MAGIC, size - 16),
	    "a truncated file is refused and left alone");
	make_file(path_in("long"), LIMIT_MAGIC, size + 4096, 0600, false);
	tap_ok(try_map(path_in("long")) == -1 && same_bytes(path_in("long"), LIMIT_MAGIC, size + 4096),
	    "a file of the wrong size is refused and left alone");
	make_file(path_in("tiny"), LIMIT_MAGIC, 10, 0600, false);
	tap_ok(try_map(path_in("tiny")) == -1, "a file shorter than its header is refused");
	make_file(path_in("open"), LIMIT_MAGIC, size, 0666, false);
	tap_ok(try_map(path_in("open")) == -1, "a file others may write is refused");
	if (symlink(path_in("limits"), path_in("link")) == 0)
		tap_ok(try_map(path_in("link")) == -1, "a symlink is not followed");
	else
		tap_ok(false, "a symlink can be made for the test");
	tap_ok(limit_share(path_in("no-such-dir/limits"), err, sizeof(err)) == -1 &&
	    strstr(err, "cannot open") != NULL && !limit_shared(),
	    "a path that cannot be opened is refused with a reason, and the process keeps its own table");

	/* Another build's table: replaced when unused, refused while used. */
	make_file(path_in("foreign"), LIMIT_MAGIC, size, 0600, true);
	if (pipe(p) != 0 || pipe(q) != 0)
		return;
	holder = fork();
	if (holder == 0) {
		/* Use it as that build would: hold the read lock. */
		struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET,
		    .l_start = (off_t)1 << 32, .l_len = 1 };
		int fd = open(path_in("foreign"), O_RDWR), c = 0;

		if (fd < 0 || fcntl(fd, F_OFD_SETLK, &fl) != 0)
			c = 1;
		if (write(p[1], &c, sizeof(c)) != (ssize_t)sizeof(c) ||
		    read(q[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	(void)reap(p[0]);
	same = try_map(path_in("foreign")) == -1;
	tap_ok(same, "another build's table is refused while a process of it runs");
	if (write(q[1], "x", 1) != 1)
		perror("write");
	waitpid(holder, NULL, 0);
	tap_ok(try_map(path_in("foreign")) == 1, "... and started afresh once it is gone");
	close(p[0]); close(p[1]); close(q[0]); close(q[1]);
}

struct taker {
	pthread_t	 t;
	int		 allowed;
};

static void *
take_many(void *arg)
{
	struct taker *k = arg;
	int i;

	for (i = 0; i < CALLS; i++)
		k->allowed += limit_take("v1/threads", 10, 7000);
	return NULL;
}

static void
test_own(void)
{
	struct taker k[8];
	int i, total = 0;

	tap_ok(!limit_shared(), "without a file, the process keeps its own table");
	memset(k, 0, sizeof(k));
	for (i = 0; i < 8; i++)
		pthread_create(&k[i].t, NULL, take_many, &k[i]);
	for (i = 0; i < 8; i++) {
		pthread_join(k[i].t, NULL);
		total += k[i].allowed;
	}
	tap_ok(total == LIMIT_BURST, "8 threads calling at once give one "
	    "conversation exactly its burst (no lock, no lost update)");
	limit_reset();
}

int
main(void)
{
	char cmd[128];

	signal(SIGPIPE, SIG_IGN);
	snprintf(dir, sizeof(dir), "/tmp/ttt-limit-test.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	test_own();
	test_pool();
	test_hostile();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", dir);
	return tap_done();
}
