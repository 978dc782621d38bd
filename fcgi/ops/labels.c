/*
 * labels.c - the fixed label sets (see labels.h).  The routes are handed
 * in from the route table itself (labels_route_set), so a new endpoint
 * gets its own series without a list to keep here, and the counting code
 * needs nothing of the handler.
 */
#include <stddef.h>
#include <string.h>

#include "ttt.h"
#include "ops/labels.h"
#include "ops/ops.h"
#include "ops/scoreboard.h"

static const char *routes[OPS_ROUTES] = { "other" };

void
labels_route_set(const char *(*path_of)(size_t i))
{
	unsigned n;

	for (n = 1; n < OPS_ROUTES; n++)
		if ((routes[n] = path_of(n - 1)) == NULL)
			break;
}

const char *
labels_route(unsigned i)
{
	return i < OPS_ROUTES ? routes[i] : NULL;
}

unsigned
labels_route_of(const char *path)
{
	unsigned i;

	if (path == NULL || path[0] == '\0')
		path = "/";	/* as the handler reads an empty path */
	for (i = 1; i < OPS_ROUTES && routes[i] != NULL; i++)
		if (strcmp(routes[i], path) == 0)
			return i;
	return 0;
}

/* What the worker answers, and what nginx or the MCP layer may add. */
static const int codes[OPS_CODES] = { 0, 200, 202, 204, 304, 400, 401, 403,
    404, 405, 406, 408, 411, 413, 414, 415, 422, 429, 500, 503 };
static const char *const code_names[OPS_CODES] = { "other", "200", "202",
    "204", "304", "400", "401", "403", "404", "405", "406", "408", "411",
    "413", "414", "415", "422", "429", "500", "503" };

unsigned
labels_code_of(int status)
{
	unsigned i;

	for (i = 1; i < OPS_CODES; i++)
		if (codes[i] == status)
			return i;
	return 0;
}

const char *
labels_code(unsigned i)
{
	return i < OPS_CODES ? code_names[i] : "other";
}

/* 50 us to 1 s: a cached answer takes tens of microseconds, /docs a
 * millisecond or so, and anything near a second is already an incident. */
static const uint64_t bucket_ns[OPS_BUCKETS] = { 50000, 100000, 250000,
    500000, 1000000, 2500000, 5000000, 10000000, 25000000, 50000000,
    100000000, 250000000, 500000000, 1000000000, UINT64_MAX };
static const char *const bucket_names[OPS_BUCKETS] = { "5e-05", "0.0001",
    "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025",
    "0.05", "0.1", "0.25", "0.5", "1.0", "+Inf" };

unsigned
labels_bucket_of(uint64_t ns)
{
	unsigned i;

	for (i = 0; i < OPS_BUCKETS - 1; i++)
		if (ns <= bucket_ns[i])
			return i;
	return OPS_BUCKETS - 1;
}

const char *
labels_bucket(unsigned i)
{
	return i < OPS_BUCKETS ? bucket_names[i] : "+Inf";
}

uint64_t
labels_bucket_ns(unsigned i)
{
	return i < OPS_BUCKETS ? bucket_ns[i] : UINT64_MAX;
}

/* The methods /mcp serves (mcp/mcp.c's table), in both protocol eras. */
static const char *const mcp_names[OPS_MCP] = { "other", "initialize",
    "ping", "server/discover", "tools/list", "tools/call", "resources/list",
    "resources/templates/list", "resources/read" };

unsigned
labels_mcp_of(const char *method)
{
	unsigned i;

	for (i = 1; method != NULL && i < OPS_MCP; i++)
		if (strcmp(mcp_names[i], method) == 0)
			return i;
	return 0;
}

const char *
labels_mcp(unsigned i)
{
	return i < OPS_MCP ? mcp_names[i] : "other";
}

static const char *const body_names[OPS_BODIES] = { [OPS_BODY_NO_LENGTH] =
    "no_length", [OPS_BODY_MALFORMED] = "malformed_length",
    [OPS_BODY_TOO_LARGE] = "too_large", [OPS_BODY_SHORT] = "short",
    [OPS_BODY_EMPTY] = "empty" };

const char *
labels_body(unsigned i)
{
	return i < OPS_BODIES ? body_names[i] : "other";
}

static const char *const level_names[OPS_LEVELS] = { [TTT_LEVEL_PERFECT] =
    "perfect", [TTT_LEVEL_HARD] = "hard", [TTT_LEVEL_MEDIUM] = "medium",
    [TTT_LEVEL_EASY] = "easy" };

const char *
labels_level(unsigned i)
{
	return i < OPS_LEVELS ? level_names[i] : "other";
}

static const char *const result_names[OPS_RESULTS] = { [OPS_AI_WIN] =
    "ai_win", [OPS_HUMAN_WIN] = "human_win", [OPS_DRAW] = "draw" };

const char *
labels_result(unsigned i)
{
	return i < OPS_RESULTS ? result_names[i] : "other";
}
