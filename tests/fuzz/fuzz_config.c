/*
 * fuzz_config.c - the configuration parser: config_set() over key=value
 * lines, and config_load() over the same bytes written as an INI file
 * (a memfd, read through /proc/self/fd).  The first byte picks the mode.
 *
 * Invariants: a refusal says why (a non-empty one-line err); an accepted
 * config has every value in its documented range; and a worker started with
 * it answers a fixed set of requests within fuzz_check()'s invariants, with
 * a document the GPT importer accepts (operationId, lengths, one server).
 * Inputs that mention "file" are skipped: api_key_file would make the
 * fuzzer read arbitrary paths (or block on a fifo).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "body.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

extern char **environ;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char name[256];
	size_t i, n;

	(void)argc;
	(void)argv;
	fuzz_init();
	/* Environment overrides would make runs irreproducible. */
	for (i = 0; environ[i] != NULL; ) {
		if (strncmp(environ[i], "TTT_", 4) == 0) {
			n = strcspn(environ[i], "=");
			snprintf(name, sizeof(name), "%.*s", (int)n, environ[i]);
			unsetenv(name);
			continue;
		}
		i++;
	}
	return 0;
}

static void
check_err(const char *err, size_t errlen, const char *what)
{
	if (memchr(err, '\0', errlen) == NULL || err[0] == '\0' ||
	    strchr(err, '\n') != NULL) {
		fprintf(stderr, "INVARIANT VIOLATED: %s refused without a "
		    "one-line reason: \"%.*s\"\n", what, (int)errlen, err);
		abort();
	}
}

static void
check_ranges(const struct config *c)
{
	const char *bad = NULL;

	if (c->body_limit < 64 || c->body_limit > 1048576)
		bad = "body_limit";
	else if (c->threads < 1 || c->threads > 64)
		bad = "threads";
	else if ((int)c->log_level < LOG_LEVEL_ERROR || c->log_level > LOG_LEVEL_DEBUG)
		bad = "log_level";
	else if (c->title == NULL || c->api_version == NULL ||
	    c->operation_id == NULL || c->cors_origin == NULL ||
	    c->privacy_text == NULL || c->public_url == NULL)
		bad = "a NULL string";
	else if (strpbrk(c->cors_origin, "\r\n") != NULL)
		bad = "cors_origin with CR/LF";
	if (bad != NULL) {
		fprintf(stderr, "INVARIANT VIOLATED: accepted config has a bad "
		    "%s\n", bad);
		abort();
	}
}

/* A worker with this config must still answer within the invariants. */
static void
serve(const struct config *cfg)
{
	static const unsigned char board[] =
	    "{\"board\":[[\"X\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}";
	struct handler_request reqs[6];
	struct handler_response resp;
	char auth[300], clen[16];
	size_t i;

	snprintf(auth, sizeof(auth), "Bearer %.*s", (int)cfg->api_key_len,
	    cfg->api_key);
	memset(reqs, 0, sizeof(reqs));
	for (i = 0; i < 6; i++) {
		reqs[i].method = "GET";
		reqs[i].host = "ttt.example.org";
		reqs[i].https = "on";
		reqs[i].authorization = auth;
	}
	reqs[0].path = "/docs";
	reqs[1].path = "/privacy";
	reqs[2].path = "/privacy";
	reqs[2].media_ranges = "text/html";
	reqs[3].path = "/";
	reqs[4].method = "OPTIONS";
	reqs[4].path = "/human_move";
	reqs[4].origin = "https://chat.openai.com";
	reqs[4].preflight_method = "POST";
	reqs[5].method = "POST";
	reqs[5].path = "/human_move";
	snprintf(clen, sizeof(clen), "%zu", sizeof(board) - 1);
	reqs[5].content_length = clen;
	body_expect(&reqs[5], cfg->body_limit);
	body_received(&reqs[5], board,
	    sizeof(board) - 1);
	for (i = 0; i < 6; i++) {
		memset(&resp, 0, sizeof(resp));
		handler_handle(cfg, &reqs[i], &resp);
		json_decref(fuzz_check(cfg, &reqs[i], &resp));
		if (i != 4 && resp.status != 200)
			fuzz_fail(&reqs[i], &resp, "status %d with a config "
			    "that was accepted", resp.status);
		handler_response_free(&resp);
	}
}

static void
mode_set(char *text)
{
	struct config cfg;
	char err[256], *line, *save = NULL, *eq;
	bool ok = true;

	if (config_defaults(&cfg) != 0)
		abort();
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		memset(err, 0x55, sizeof(err));
		if (config_set(&cfg, line, eq + 1, err, sizeof(err)) != 0) {
			check_err(err, sizeof(err), "config_set");
			ok = false;
		}
		check_ranges(&cfg);	/* a refused value leaves the old one */
	}
	if (ok)
		serve(&cfg);
	config_free(&cfg);
}

static void
mode_load(const char *text, size_t len)
{
	struct config cfg;
	char path[64], err[256];
	int fd;

	if ((fd = memfd_create("fuzz.ini", 0)) < 0)
		abort();
	if (write(fd, text, len) != (ssize_t)len)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (config_defaults(&cfg) != 0)
		abort();
	memset(err, 0x55, sizeof(err));
	if (config_load(&cfg, path, err, sizeof(err)) != 0) {
		check_err(err, sizeof(err), "config_load");
	} else {
		check_ranges(&cfg);
		serve(&cfg);
	}
	config_free(&cfg);
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1 || size > 8192)
		return 0;
	if ((text = malloc(size)) == NULL)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	if (strcasestr(text, "file") == NULL) {
		if (data[0] & 1)
			mode_load(text, strlen(text));
		else
			mode_set(text);
	}
	free(text);
	return 0;
}
