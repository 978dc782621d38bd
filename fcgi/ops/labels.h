/*
 * labels.h - the bounded label sets of the metrics: each value a request
 * can bring is mapped to an index into a fixed list, with "other" for
 * anything else, so no client can grow the number of series.
 */
#ifndef FCGI_OPS_LABELS_H
#define FCGI_OPS_LABELS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The route label set: "other", then path_of(0), path_of(1), ... until
 * NULL or the set is full.  Called once at start, before any thread and
 * before ops_init() (the scoreboard's layout is hashed over the names),
 * with route_path() of the route table; the strings are borrowed for the
 * life of the process.  Until then every path is "other".
 */
void	labels_route_set(const char *(*path_of)(size_t i));
/* Route index of a request path: a path of the set, or 0 ("other"). */
unsigned labels_route_of(const char *path);
/* The route of index i: "other" for 0, a table path, or NULL (unused). */
const char *labels_route(unsigned i);

/* Index of an HTTP status in the known set, 0 ("other") when not in it. */
unsigned labels_code_of(int status);
const char *labels_code(unsigned i);	/* "200", ..., "other" */

/* The bucket a duration falls in (the last one is +Inf). */
unsigned labels_bucket_of(uint64_t ns);
const char *labels_bucket(unsigned i);	/* the `le` value: "5e-05" .. "+Inf" */
uint64_t labels_bucket_ns(unsigned i);	/* its bound; UINT64_MAX for +Inf */

/* MCP methods: index of a JSON-RPC method name, 0 ("other") when unknown. */
unsigned labels_mcp_of(const char *method);
const char *labels_mcp(unsigned i);

const char *labels_body(unsigned i);	/* no_length, malformed, ... */
const char *labels_level(unsigned i);	/* perfect, hard, medium, easy */
const char *labels_result(unsigned i);	/* ai_win, human_win, draw */

#endif /* FCGI_OPS_LABELS_H */
