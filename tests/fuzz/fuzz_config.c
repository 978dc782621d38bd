/*
 * fuzz_config.c - the configuration parser: config_set() over key=value
 * lines, and config_load() over the same bytes (NULs included) written as
 * an INI file.  The first byte picks the mode.
 *
 * Invariants: a refusal says why (a non-empty one-line err); an accepted
 * config has every value in its documented range; and a worker started with
 * it answers a fixed set of requests within fuzz_check()'s invariants, with
 * a document the GPT importer accepts (operationId, lengths, one server).
 *
 * The harness runs in a directory of its own that holds every kind of key
 * file (KEY_FILES below: a good one, a FIFO, a directory, a symbolic link,
 * world-readable and world-writable ones, a huge one, a NUL in the key),
 * so api_key_file is fuzzed over them; an input whose api_key_file could
 * name a path outside that directory (any '/') is skipped, so the fuzzer
 * never opens a device or a file of the system.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "body.h"
#include "dispatch.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

extern char **environ;

static char dir[] = "/tmp/ttt-fuzz-config.XXXXXX";
static int home = -1;	/* the directory libFuzzer was started in */

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
remove_dir(void)
{
	nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static void
put(const char *name, const char *text, size_t len, mode_t mode)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len || close(fd) != 0 ||
	    chmod(name, mode) != 0)
		abort();
}

/* The key files api_key_file may name (the dictionary lists them). */
static void
make_key_files(void)
{
	static const char key[] = "abcdefghijklmnop0123\n";
	int fd;

	if ((home = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    mkdtemp(dir) == NULL || chdir(dir) != 0)
		abort();
	atexit(remove_dir);
	put("key", key, sizeof(key) - 1, 0600);
	put("key-r", key, sizeof(key) - 1, 0644);
	put("key-w", key, sizeof(key) - 1, 0602);
	put("key-g", key, sizeof(key) - 1, 0640);
	put("key-short", "short\n", 6, 0600);
	put("key-nul", "abcdefgh\0ijklmnop0123\n", 22, 0600);
	put("key-crlf", "abcdefghijklmnop0123\r\n", 22, 0600);
	put("key-empty", "", 0, 0600);
	if (mkfifo("key-fifo", 0600) != 0 || mkdir("key-dir", 0700) != 0 ||
	    symlink("key", "key-link") != 0 ||
	    (fd = open("key-huge", O_WRONLY | O_CREAT, 0600)) < 0 ||
	    ftruncate(fd, 1 << 20) != 0 || close(fd) != 0 || fchdir(home) != 0)
		abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char name[256];
	size_t i, n;

	(void)argc;
	(void)argv;
	fuzz_init();
	make_key_files();
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
	char auth[300], clen[16], custom[400], *params[2] = { NULL, NULL };
	size_t i, n;

	/* The key, sent the way api_key_type says. */
	snprintf(auth, sizeof(auth), "%s %.*s",
	    strcmp(cfg->api_key_type, "basic") == 0 ? "Basic" : "Bearer",
	    (int)cfg->api_key_len, cfg->api_key);
	n = (size_t)snprintf(custom, sizeof(custom), "%s=%.*s",
	    cfg->api_key_param, (int)cfg->api_key_len, cfg->api_key);
	if (n < sizeof(custom))
		params[0] = custom;
	memset(reqs, 0, sizeof(reqs));
	for (i = 0; i < 6; i++) {
		reqs[i].method = "GET";
		reqs[i].host = "ttt.example.org";
		reqs[i].https = "on";
		reqs[i].authorization = auth;
		reqs[i].params = params;
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
		dispatch_request(cfg, &reqs[i], &resp);
		json_decref(fuzz_check(cfg, &reqs[i], &resp));
		/* /docs for ttt.example.org: 421 unless it is one of the
		 * config's hosts (fuzz_check() knows which it must be). */
		if (i != 4 && resp.status != 200 &&
		    !(i == 0 && resp.status == 421))
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
	char err[256];

	put("input.ini", text, len, 0600);
	if (config_defaults(&cfg) != 0)
		abort();
	memset(err, 0x55, sizeof(err));
	if (config_load(&cfg, "input.ini", err, sizeof(err)) != 0) {
		check_err(err, sizeof(err), "config_load");
	} else {
		check_ranges(&cfg);
		serve(&cfg);
	}
	config_free(&cfg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1 || size > 8192)
		return 0;
	/* api_key_file may name only the files of this directory. */
	if (memmem(data, size, "api_key_file", 12) != NULL &&
	    memchr(data, '/', size) != NULL)
		return 0;
	if ((text = malloc(size)) == NULL)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	/* Relative names (api_key_file, input.ini) are in dir; libFuzzer's
	 * own relative paths (corpus, artifacts) are not. */
	if (chdir(dir) != 0)
		abort();
	if (data[0] & 1)
		mode_load(text, size - 1);
	else
		mode_set(text);
	if (fchdir(home) != 0)
		abort();
	free(text);
	return 0;
}
