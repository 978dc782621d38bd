/*
 * procstat.c - see procstat.h.  /proc/self/stat's fields after the
 * command name (proc(5)): num_threads is field 20, vsize 23, rss 24.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ops/procstat.h"

static void
read_stat(struct procstat *p)
{
	char buf[1024], *s, *field, *save;
	long long v;
	size_t n;
	FILE *f;
	int i;

	if ((f = fopen("/proc/self/stat", "re")) == NULL)
		return;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The command name may hold spaces and ')': skip to the last ')'. */
	if ((s = strrchr(buf, ')')) == NULL)
		return;
	s++;
	for (i = 3, field = strtok_r(s, " ", &save); field != NULL && i <= 24;
	    i++, field = strtok_r(NULL, " ", &save)) {
		v = strtoll(field, NULL, 10);
		if (i == 20)
			p->threads = v;
		else if (i == 23)
			p->vsize_bytes = v;
		else if (i == 24)
			p->rss_bytes = v * sysconf(_SC_PAGESIZE);
	}
}

static int64_t
count_fds(void)
{
	struct dirent *e;
	int64_t n = 0;
	DIR *d;

	if ((d = opendir("/proc/self/fd")) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n > 0 ? n - 1 : 0;	/* not the one opendir holds */
}

void
procstat_read(struct procstat *p)
{
	struct rusage ru;
	struct rlimit rl;

	memset(p, 0, sizeof(*p));
	if (getrusage(RUSAGE_SELF, &ru) == 0)
		p->cpu_ns = ((uint64_t)ru.ru_utime.tv_sec + (uint64_t)ru.ru_stime.tv_sec) *
		    1000000000ULL + ((uint64_t)ru.ru_utime.tv_usec +
		    (uint64_t)ru.ru_stime.tv_usec) * 1000ULL;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		p->max_fds = (int64_t)rl.rlim_cur;
	p->open_fds = count_fds();
	read_stat(p);
}
