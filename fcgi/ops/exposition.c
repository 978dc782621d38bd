/*
 * exposition.c - see exposition.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ops/exposition.h"

void
exposition_init(struct exposition *e, char *buf, size_t cap, bool openmetrics)
{
	strbuf_init(&e->out, buf, cap);
	e->openmetrics = openmetrics;
}

static void
put(struct exposition *e, const char *s, size_t n)
{
	strbuf_putn(&e->out, s, n);
}

static void
puts_(struct exposition *e, const char *s)
{
	strbuf_put(&e->out, s);
}

/*
 * Escaped text: in HELP, backslash and newline; in a label value also
 * the double quote (both formats' rules).
 */
static void
put_escaped(struct exposition *e, const char *s, bool quote)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			put(e, "\\\\", 2);
		else if (*s == '\n')
			put(e, "\\n", 2);
		else if (*s == '"' && quote)
			put(e, "\\\"", 2);
		else
			put(e, s, 1);
	}
}

void
exposition_family(struct exposition *e, const char *name,
    enum exposition_type type, const char *help)
{
	static const char *const names[] = { [EXPOSITION_COUNTER] = "counter",
	    [EXPOSITION_GAUGE] = "gauge", [EXPOSITION_HISTOGRAM] = "histogram",
	    [EXPOSITION_INFO] = "info" };
	size_t n = strlen(name);

	/* OpenMetrics names the family, not the sample: no _total, no _info. */
	if (e->openmetrics && type == EXPOSITION_COUNTER && n > 6 &&
	    strcmp(name + n - 6, "_total") == 0)
		n -= 6;
	if (e->openmetrics && type == EXPOSITION_INFO && n > 5 &&
	    strcmp(name + n - 5, "_info") == 0)
		n -= 5;
	if (!e->openmetrics && type == EXPOSITION_INFO)
		type = EXPOSITION_GAUGE;	/* 0.0.4 has no info type */
	puts_(e, "# HELP ");
	put(e, name, n);
	put(e, " ", 1);
	put_escaped(e, help, false);
	puts_(e, "\n# TYPE ");
	put(e, name, n);
	put(e, " ", 1);
	puts_(e, names[type]);
	put(e, "\n", 1);
}

static void
put_labels(struct exposition *e, const struct exposition_label *l, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	put(e, "{", 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			put(e, ",", 1);
		puts_(e, l[i].name);
		put(e, "=\"", 2);
		put_escaped(e, l[i].value, true);
		put(e, "\"", 1);
	}
	put(e, "}", 1);
}

static void
sample(struct exposition *e, const char *name, const char *suffix,
    const struct exposition_label *l, size_t n, const char *value)
{
	puts_(e, name);
	puts_(e, suffix);
	put_labels(e, l, n);
	put(e, " ", 1);
	puts_(e, value);
	put(e, "\n", 1);
}

void
exposition_int(struct exposition *e, const char *name,
    const struct exposition_label *l, size_t n, int64_t value)
{
	char v[24];

	snprintf(v, sizeof(v), "%" PRId64, value);
	sample(e, name, "", l, n, v);
}

void
exposition_uint(struct exposition *e, const char *name,
    const struct exposition_label *l, size_t n, uint64_t value)
{
	char v[24];

	snprintf(v, sizeof(v), "%" PRIu64, value);
	sample(e, name, "", l, n, v);
}

static void
seconds_text(char *v, size_t size, uint64_t ns)
{
	snprintf(v, size, "%" PRIu64 ".%09" PRIu64, ns / UINT64_C(1000000000),
	    ns % UINT64_C(1000000000));
}

void
exposition_seconds(struct exposition *e, const char *name,
    const struct exposition_label *l, size_t n, uint64_t ns)
{
	char v[32];

	seconds_text(v, sizeof(v), ns);
	sample(e, name, "", l, n, v);
}

void
exposition_histogram(struct exposition *e, const char *name,
    const struct exposition_label *l, size_t n, const uint64_t *count,
    const char *const *le, size_t nbuckets, uint64_t sum_ns)
{
	struct exposition_label all[EXPOSITION_LABELS_MAX];
	uint64_t cum = 0;
	char v[32];
	size_t i;

	if (n >= EXPOSITION_LABELS_MAX) {
		e->out.truncated = true;	/* a caller's mistake: fail whole */
		return;
	}
	memcpy(all, l, n * sizeof(*l));
	all[n].name = "le";
	for (i = 0; i < nbuckets; i++) {
		cum += count[i];
		all[n].value = le[i];
		snprintf(v, sizeof(v), "%" PRIu64, cum);
		sample(e, name, "_bucket", all, n + 1, v);
	}
	seconds_text(v, sizeof(v), sum_ns);
	sample(e, name, "_sum", l, n, v);
	snprintf(v, sizeof(v), "%" PRIu64, cum);
	sample(e, name, "_count", l, n, v);
}

size_t
exposition_finish(struct exposition *e)
{
	if (e->openmetrics)
		puts_(e, "# EOF\n");
	return strbuf_ok(&e->out) ? e->out.len : 0;
}

bool
exposition_failed(const struct exposition *e)
{
	return !strbuf_ok(&e->out);
}
