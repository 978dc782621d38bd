/*
 * ops_test.c - the metrics without a server: the exposition writer
 * (escaping, cumulative buckets, both formats, its bound), the label
 * sets, metrics_allow, the pages through the handler (who may see them,
 * what they never list), what is counted and what is not, and the
 * scoreboard file (claiming, liveness, kept counters, hostile files).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "allow.h"
#include "body.h"
#include "dispatch.h"
#include "handler_call.h"
#include "handler_internal.h"
#include "ops/exposition.h"
#include "ops/labels.h"
#include "ops/ops.h"
#include "ops/scoreboard.h"
#include "tap.h"

static struct config cfg;
static struct handler_response resp;

/* ---- the exposition ---- */

static const char *
expo(bool om, void (*fill)(struct exposition *))
{
	static char buf[4096];
	struct exposition e;
	size_t n;

	exposition_init(&e, buf, sizeof(buf) - 1, om);
	fill(&e);
	n = exposition_finish(&e);
	buf[n] = '\0';
	return buf;
}

static void
fill_escapes(struct exposition *e)
{
	struct exposition_label l[2] = { { "route", "a\"b\\c\nd" },
	    { "code", "200" } };

	exposition_family(e, "t_total", EXPOSITION_COUNTER, "help \\ with\nnewline");
	exposition_uint(e, "t_total", l, 2, 7);
}

static void
fill_histogram(struct exposition *e)
{
	static const char *const le[] = { "0.1", "1.0", "+Inf" };
	uint64_t count[] = { 2, 0, 3 };
	struct exposition_label l = { "route", "/x" };

	exposition_family(e, "h_seconds", EXPOSITION_HISTOGRAM, "h");
	exposition_histogram(e, "h_seconds", &l, 1, count, le, 3, 1500000000ULL);
}

static void
fill_info(struct exposition *e)
{
	struct exposition_label l = { "version", "1.2.3" };

	exposition_family(e, "b_info", EXPOSITION_INFO, "build");
	exposition_int(e, "b_info", &l, 1, 1);
	exposition_family(e, "c_total", EXPOSITION_COUNTER, "c");
	exposition_uint(e, "c_total", NULL, 0, 18446744073709551615ULL);
}

static void
test_exposition(void)
{
	char small[64];
	struct exposition e;
	const char *t;

	t = expo(false, fill_escapes);
	tap_ok(strstr(t, "t_total{route=\"a\\\"b\\\\c\\nd\",code=\"200\"} 7\n")
	    != NULL, "a label value's quote, backslash and newline are escaped");
	tap_ok(strstr(t, "# HELP t_total help \\\\ with\\nnewline\n") != NULL,
	    "HELP text escapes backslash and newline");
	tap_ok(strstr(t, "# TYPE t_total counter\n") != NULL,
	    "text 0.0.4 names a counter's family with _total");
	t = expo(false, fill_histogram);
	tap_ok(strstr(t, "h_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n"
	    "h_seconds_bucket{route=\"/x\",le=\"1.0\"} 2\n"
	    "h_seconds_bucket{route=\"/x\",le=\"+Inf\"} 5\n"
	    "h_seconds_sum{route=\"/x\"} 1.500000000\n"
	    "h_seconds_count{route=\"/x\"} 5\n") != NULL,
	    "histogram buckets are cumulative, +Inf equals _count, _sum in seconds");
	t = expo(false, fill_info);
	tap_ok(strstr(t, "# TYPE b_info gauge\n") != NULL &&
	    strstr(t, "# EOF") == NULL,
	    "text 0.0.4: an info metric is a gauge, no # EOF");
	tap_ok(strstr(t, "c_total 18446744073709551615\n") != NULL,
	    "a counter prints every digit of a 64-bit value");
	t = expo(true, fill_info);
	tap_ok(strstr(t, "# TYPE b info\nb_info{version=\"1.2.3\"} 1\n") != NULL,
	    "OpenMetrics: an info family is named without _info");
	tap_ok(strstr(t, "# TYPE c counter\nc_total 18446744073709551615\n") != NULL,
	    "OpenMetrics: a counter family is named without _total");
	tap_ok(strlen(t) > 6 && strcmp(t + strlen(t) - 6, "# EOF\n") == 0,
	    "OpenMetrics ends with # EOF");
	memset(small, 'Z', sizeof(small));
	exposition_init(&e, small, 32, false);
	fill_escapes(&e);
	tap_ok(exposition_finish(&e) == 0 && exposition_failed(&e) &&
	    small[32] == 'Z' && small[63] == 'Z',
	    "a text that does not fit fails and never writes past the buffer");
}

/* ---- labels and metrics_allow ---- */

static void
test_labels(void)
{
	tap_ok(strcmp(labels_route(labels_route_of("/human_move")),
	    "/human_move") == 0, "a table path is its own route label");
	tap_ok(labels_route_of("/wp-login.php") == 0 &&
	    strcmp(labels_route(0), "other") == 0,
	    "a path outside the table is route \"other\"");
	tap_ok(labels_route_of("") == labels_route_of("/"),
	    "an empty path counts as /, as the handler reads it");
	tap_ok(strcmp(labels_code(labels_code_of(422)), "422") == 0 &&
	    strcmp(labels_code(labels_code_of(299)), "other") == 0,
	    "statuses map to a fixed set plus \"other\"");
	tap_ok(labels_bucket_of(50000) == 0 && labels_bucket_of(50001) == 1 &&
	    strcmp(labels_bucket(labels_bucket_of(2000000000ULL)), "+Inf") == 0,
	    "a duration falls in the first bucket whose bound it does not pass");
	tap_ok(strcmp(labels_mcp(labels_mcp_of("tools/call")), "tools/call") == 0 &&
	    labels_mcp_of("x/evil\"method") == 0 && labels_mcp_of(NULL) == 0,
	    "MCP methods map to a fixed set plus \"other\"");
}

static void
test_allow(void)
{
	tap_ok(allow_check("127.0.0.1 ::1") == NULL &&
	    allow_check("10.0.0.0/8, fd00::/8") == NULL && allow_check("") == NULL,
	    "addresses and prefixes, by space or comma, are accepted");
	tap_ok(allow_check("localhost") != NULL && allow_check("10.0.0.0/33") != NULL &&
	    allow_check("1.2.3.4/") != NULL,
	    "a name, an oversized prefix or an empty prefix is refused");
	tap_ok(allow_match("127.0.0.1 ::1", "127.0.0.1") &&
	    allow_match("127.0.0.1 ::1", "::1") &&
	    allow_match("127.0.0.1 ::1", "::ffff:127.0.0.1"),
	    "the default allows loopback, IPv4-mapped included");
	tap_ok(allow_match("10.0.0.0/8", "10.200.3.4") &&
	    !allow_match("10.0.0.0/8", "11.0.0.1") &&
	    allow_match("fd00::/8", "fd12::1") && !allow_match("fd00::/8", "fe80::1"),
	    "a prefix allows exactly its network");
	tap_ok(!allow_match("", "127.0.0.1") &&
	    !allow_match("127.0.0.1", "127.0.0.1/8") &&
	    !allow_match("127.0.0.1", NULL) && !allow_match("127.0.0.1", "garbage"),
	    "an empty list, a prefix as address or no address allows nobody");
}

/* ---- the pages through the handler ---- */

static int
call(const char *method, const char *path, const char *remote,
    const char *media_ranges)
{
	char addr[80], *params[2] = { addr, NULL };
	struct handler_request req;

	handler_response_free(&resp);
	memset(&req, 0, sizeof(req));
	req.method = method;
	req.path = path;
	req.host = "localhost";	/* a name the default allowed_hosts lists */
	req.media_ranges = media_ranges;
	snprintf(addr, sizeof(addr), "REMOTE_ADDR=%s", remote != NULL ? remote : "");
	req.params = remote != NULL ? params : NULL;
	dispatch_request(&cfg, &req, &resp);
	return resp.status;
}

static bool
body_has(const char *s)
{
	return resp.body != NULL && strstr(resp.body, s) != NULL;
}

static void
test_pages(void)
{
	static const char *const methods[] = { "GET", "HEAD", "POST", "OPTIONS",
	    "DELETE" };
	json_t *doc = NULL;
	size_t i;
	bool hidden = true;

	tap_ok(call("GET", "/metrics", "127.0.0.1", NULL) == 200 &&
	    strcmp(resp.content_type, EXPOSITION_TEXT) == 0 &&
	    body_has("# TYPE ttt_requests_total counter"),
	    "GET /metrics from loopback: Prometheus text 0.0.4");
	tap_ok(call("GET", "/metrics", "::1", "application/openmetrics-text;"
	    "version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1") == 200 &&
	    strcmp(resp.content_type, EXPOSITION_OPENMETRICS) == 0 &&
	    strcmp(resp.body + resp.body_len - 6, "# EOF\n") == 0,
	    "Prometheus's Accept header gets OpenMetrics, ending in # EOF");
	tap_ok(call("GET", "/status", "127.0.0.1", NULL) == 200 &&
	    (doc = json_loadb(resp.body, resp.body_len, 0, NULL)) != NULL &&
	    json_is_array(json_object_get(doc, "processes")) &&
	    json_is_integer(json_object_get(doc, "accepted")),
	    "GET /status from loopback: JSON with accepted and processes");
	json_decref(doc);
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		if (call(methods[i], "/metrics", "192.0.2.7", NULL) != 404 ||
		    resp.body_len != 0 || resp.content_type != NULL)
			hidden = false;
		if (call(methods[i], "/status", "2001:db8::1", NULL) != 404 ||
		    resp.body_len != 0)
			hidden = false;
		if (call(methods[i], "/metrics", NULL, NULL) != 404)
			hidden = false;
	}
	tap_ok(hidden, "any method from an address not allowed: 404, empty body");
	free(cfg.metrics_allow);
	cfg.metrics_allow = strdup("");
	tap_ok(call("GET", "/metrics", "127.0.0.1", NULL) == 404,
	    "an empty metrics_allow lets nobody in");
	free(cfg.metrics_allow);
	cfg.metrics_allow = strdup("127.0.0.1 ::1");
	call("GET", "/docs", "127.0.0.1", NULL);
	tap_ok(resp.status == 200 && !body_has("/metrics") && !body_has("/status"),
	    "the OpenAPI document lists neither page");
	call("GET", "/", "127.0.0.1", NULL);
	tap_ok(resp.status == 200 && !body_has("/metrics") && !body_has("/status"),
	    "the home page lists neither page");
}

/* ---- what is counted ---- */

/* The value of one sample line of GET /metrics, or -1. */
static long long
sample(const char *line)
{
	const char *p;
	size_t n = strlen(line);

	call("GET", "/metrics", "127.0.0.1", NULL);
	for (p = resp.body; p != NULL && (p = strstr(p, line)) != NULL; p++)
		if ((p == resp.body || p[-1] == '\n') && p[n] == ' ')
			return atoll(p + n + 1);
	return -1;
}

static int
post(const char *path, const char *body, const char *content_length)
{
	struct handler_request req;

	handler_response_free(&resp);
	memset(&req, 0, sizeof(req));
	req.method = "POST";
	req.path = path;
	req.content_length = content_length;
	body_expect(&req, cfg.body_limit);
	body_received(&req, (const unsigned char *)body, strlen(body));
	dispatch_request(&cfg, &req, &resp);
	return resp.status;
}

static void
test_counting(void)
{
	const char *won = "ttt_games_total{level=\"perfect\",result=\"ai_win\"}";
	const char *draw = "ttt_games_total{level=\"perfect\",result=\"draw\"}";
	const char *big = "ttt_rejected_bodies_total{reason=\"too_large\"}";
	const char *empty = "ttt_rejected_bodies_total{reason=\"no_length\"}";
	const char *win = "{\"board\":[[\"X\",\"X\",\" \"],[\"O\",\"O\",\" \"],"
	    "[\"X\",\" \",\" \"]]}";
	long long w0, d0, b0, e0;
	char cl[16];

	w0 = sample(won);
	d0 = sample(draw);
	call("GET", "/docs", "127.0.0.1", NULL);
	tap_ok(sample(won) == w0 && sample(draw) == d0,
	    "the document's example games are not counted as games");
	snprintf(cl, sizeof(cl), "%zu", strlen(win));
	post("/human_move", win, cl);
	tap_ok(resp.status == 200 && sample(won) == w0 + 1,
	    "a /human_move that ends in the AI's line counts one ai_win");
	post("/human_move", "{\"board\":[[\"X\",\"O\",\"X\"],[\"X\",\"O\",\"O\"],"
	    "[\"O\",\"X\",\"X\"]]}", "65");
	tap_ok(sample(draw) == d0,
	    "posting a board that is already over counts no game");
	b0 = sample(big);
	e0 = sample(empty);
	post("/human_move", "", "99999999");
	post("/hint", "", NULL);
	tap_ok(sample(big) == b0 + 1 && sample(empty) == e0 + 1,
	    "refused bodies are counted by reason (too large, no length)");
}

/* ---- the scoreboard file ---- */

static char dir[] = "/tmp/ops_test.XXXXXX";

static char *
path_of(const char *name)
{
	static char p[128];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

static void
write_file(const char *name, const void *data, size_t n, mode_t mode)
{
	int fd = open(path_of(name), O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, data, n) != (ssize_t)n)
		tap_diag("cannot write %s", name);
	if (fd >= 0) {
		fchmod(fd, mode);
		close(fd);
	}
}

static void
board_close(struct scoreboard *sb)
{
	munmap(sb->head, sb->size);
	close(sb->fd);
}

/* Refused, with a reason containing `why`, and the file left as it was. */
static bool
refused(const char *name, const char *why)
{
	struct scoreboard sb;
	struct stat before, after;
	char err[256];
	bool ok;

	stat(path_of(name), &before);
	ok = scoreboard_open(&sb, path_of(name), err, sizeof(err)) != 0 &&
	    strstr(err, why) != NULL;
	stat(path_of(name), &after);
	if (!ok)
		tap_diag("%s: \"%s\"", name, err);
	return ok && before.st_size == after.st_size &&
	    before.st_mtime == after.st_mtime;
}

static void
test_scoreboard(void)
{
	struct scoreboard a, b, c;
	struct sb_header h;
	char err[256], target[128], *junk;
	size_t size = scoreboard_file_size();

	if (mkdtemp(dir) == NULL) {
		tap_ok(false, "a temporary directory");
		return;
	}
	tap_ok(scoreboard_open(&a, path_of("sb"), err, sizeof(err)) == 0 &&
	    a.self == 0 && scoreboard_open(&b, path_of("sb"), err,
	    sizeof(err)) == 0 && b.self == 1,
	    "two openers of one file claim two slots");
	tap_ok(scoreboard_alive(&b, 0) && scoreboard_alive(&a, 1) &&
	    !scoreboard_alive(&a, 2), "each sees the other's slot alive, "
	    "and an unused one not");
	atomic_fetch_add(&a.slots[0].requests[1][1], 5);
	atomic_store(&a.slots[0].in_flight, 3);
	board_close(&a);
	tap_ok(!scoreboard_alive(&b, 0) &&
	    atomic_load(&b.slots[0].requests[1][1]) == 5,
	    "a gone owner's slot is free and its counts stay");
	tap_ok(scoreboard_open(&c, path_of("sb"), err, sizeof(err)) == 0 &&
	    c.self == 0 && atomic_load(&c.slots[0].requests[1][1]) == 5 &&
	    atomic_load(&c.slots[0].requests_base) == 5 &&
	    atomic_load(&c.slots[0].in_flight) == 0 &&
	    atomic_load(&c.slots[0].owners) == 2,
	    "the next owner keeps the counters and starts the gauges afresh");
	board_close(&b);
	board_close(&c);

	junk = calloc(1, size + 4096);
	memset(junk, 'x', 100);
	write_file("truncated", junk, 100, 0600);
	tap_ok(refused("truncated", "truncated"), "a truncated file is refused "
	    "and left alone");
	write_file("magic", junk, size, 0600);
	tap_ok(refused("magic", "wrong magic"), "a file with the wrong magic "
	    "is refused and left alone");
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, SB_MAGIC, 8);
	h.version = SB_VERSION;
	h.header_size = sizeof(h);
	h.file_size = size;
	h.slot_size = sizeof(struct sb_slot);
	h.nslots = SB_SLOTS;
	h.layout = scoreboard_layout();
	memset(junk, 0, size + 4096);
	memcpy(junk, &h, sizeof(h));
	write_file("size", junk, size + 4096, 0600);
	tap_ok(refused("size", "wrong size"), "a file of the wrong size is "
	    "refused and left alone");
	h.file_size = size + 4096;
	memcpy(junk, &h, sizeof(h));
	write_file("size2", junk, size + 4096, 0600);
	tap_ok(refused("size2", "wrong size"), "a header that claims the "
	    "wrong size is refused too");
	write_file("open", junk, 0, 0666);
	tap_ok(refused("open", "others may write"), "a file others may write "
	    "is refused");
	snprintf(target, sizeof(target), "%s", path_of("sb"));
	if (symlink(target, path_of("link")) == 0)
		tap_ok(refused("link", "cannot open"), "a symlink is not followed");
	else
		tap_ok(false, "a symlink could be made");
	memset(junk, 0, size + 4096);
	write_file("zeros", junk, size, 0600);
	tap_ok(scoreboard_open(&a, path_of("zeros"), err, sizeof(err)) == 0 &&
	    memcmp(a.head->magic, SB_MAGIC, 8) == 0,
	    "a file sized but never written (its maker died) is started afresh");
	board_close(&a);
	h.layout ^= 1;
	memcpy(junk, &h, sizeof(h));
	write_file("old", junk, size, 0600);
	tap_ok(scoreboard_open(&a, path_of("old"), err, sizeof(err)) == 0 &&
	    a.head->layout == scoreboard_layout(),
	    "a file of another build that nobody uses is started afresh");
	board_close(&a);
	free(junk);
	unlink(path_of("truncated"));
	unlink(path_of("magic"));
	unlink(path_of("size"));
	unlink(path_of("size2"));
	unlink(path_of("open"));
	unlink(path_of("link"));
	unlink(path_of("old"));
	unlink(path_of("zeros"));
	unlink(path_of("sb"));
	rmdir(dir);
}

int
main(void)
{
	if (config_defaults(&cfg) != 0)
		return 1;
	test_exposition();
	labels_route_set(route_path);	/* as main.c does at start */
	test_labels();
	test_allow();
	test_pages();
	test_counting();
	test_scoreboard();
	handler_response_free(&resp);
	docs_cache_clear();
	config_free(&cfg);
	return tap_done();
}
