/*
 * exposition.h - the text formats Prometheus scrapes, written directly
 * into a caller's buffer:
 *   - Prometheus text format 0.0.4 (prometheus.io/docs/instrumenting/
 *     exposition_formats): "# HELP", "# TYPE", then "name{labels} value";
 *   - OpenMetrics 1.0 (openmetrics.io): the same lines, except that a
 *     counter's family is named without "_total", an info metric has its
 *     own type, and the text ends with "# EOF".
 * Label values are escaped (\\, \", \n) as both formats require.
 *
 * It writes with the worker's bounded writer (strbuf.h): never past the
 * caller's buffer; once a line does not fit, exposition_failed() says so
 * and nothing more is written (the caller answers 500).
 */
#ifndef FCGI_OPS_EXPOSITION_H
#define FCGI_OPS_EXPOSITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define EXPOSITION_TEXT		"text/plain; version=0.0.4; charset=utf-8"
#define EXPOSITION_OPENMETRICS	"application/openmetrics-text; " \
				"version=1.0.0; charset=utf-8"

enum exposition_type {
	EXPOSITION_COUNTER,	/* name ends in _total */
	EXPOSITION_GAUGE,
	EXPOSITION_HISTOGRAM,
	EXPOSITION_INFO		/* name ends in _info, value 1 */
};

struct exposition {
	struct strbuf	 out;	/* over the caller's buffer */
	bool		 openmetrics;
};

/* Up to this many labels on one sample (a histogram adds `le`). */
#define EXPOSITION_LABELS_MAX	4

struct exposition_label {
	const char	*name;
	const char	*value;		/* any bytes; escaped when written */
};

/* Write into buf (cap >= 1 bytes, the caller's; the text is NUL-terminated). */
void	exposition_init(struct exposition *, char *buf, size_t cap,
	    bool openmetrics);

/* "# HELP" and "# TYPE" of a family; help may hold any characters. */
void	exposition_family(struct exposition *, const char *name,
	    enum exposition_type, const char *help);

/* One sample; nlabels <= EXPOSITION_LABELS_MAX - 1. */
void	exposition_int(struct exposition *, const char *name,
	    const struct exposition_label *, size_t nlabels, int64_t value);
void	exposition_uint(struct exposition *, const char *name,
	    const struct exposition_label *, size_t nlabels, uint64_t value);
/* A value in seconds from nanoseconds, exact to the nanosecond. */
void	exposition_seconds(struct exposition *, const char *name,
	    const struct exposition_label *, size_t nlabels, uint64_t ns);

/*
 * A histogram's samples: count[i] observations fell in bucket i (not
 * cumulative; the last bucket is +Inf), le[i] the bucket bounds as
 * written; writes the cumulative _bucket lines, _sum (seconds) and _count.
 */
void	exposition_histogram(struct exposition *, const char *name,
	    const struct exposition_label *, size_t nlabels,
	    const uint64_t *count, const char *const *le, size_t nbuckets,
	    uint64_t sum_ns);

/* Close the text (OpenMetrics: "# EOF").  Returns the length, or 0 when
 * something did not fit. */
size_t	exposition_finish(struct exposition *);

bool	exposition_failed(const struct exposition *);

#endif /* FCGI_OPS_EXPOSITION_H */
