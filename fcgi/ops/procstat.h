/*
 * procstat.h - this process's standard numbers (the process_* metrics of
 * the Prometheus client libraries): CPU, memory, descriptors, threads,
 * from getrusage(2), getrlimit(2) and /proc/self (proc(5)).
 */
#ifndef FCGI_OPS_PROCSTAT_H
#define FCGI_OPS_PROCSTAT_H

#include <stdint.h>

struct procstat {
	uint64_t	 cpu_ns;	/* user + system */
	int64_t		 rss_bytes;
	int64_t		 vsize_bytes;
	int64_t		 open_fds;
	int64_t		 max_fds;	/* RLIMIT_NOFILE, soft */
	int64_t		 threads;
};

/* Fill p; a field that cannot be read is 0.  Always succeeds. */
void	procstat_read(struct procstat *p);

#endif /* FCGI_OPS_PROCSTAT_H */
