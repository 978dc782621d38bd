/*
 * config_test.c - the configuration: defaults, the INI file, environment
 * overrides, the key file, and a clear error for every bad value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "tap.h"

static char dir[] = "/tmp/ttt-config-test-XXXXXX";

static const char *
write_file(const char *name, const char *text, mode_t mode)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return NULL;
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
	return path;
}

/* Load text as a config file; returns 0/-1 and leaves the error in err. */
static int
load(const char *text, struct config *cfg, char *err, size_t errlen)
{
	const char *path = write_file("ttt.conf", text, 0644);

	config_free(cfg);
	if (config_defaults(cfg) != 0)
		return -2;
	err[0] = '\0';
	return config_load(cfg, path, err, errlen);
}

int
main(void)
{
	struct config cfg;
	char err[512], keyline[128], longline[240];
	const char *keypath;

	if (mkdtemp(dir) == NULL)
		return 1;
	memset(&cfg, 0, sizeof(cfg));
	config_defaults(&cfg);
	tap_ok(cfg.body_limit == 16384 && cfg.threads == 1 &&
	    cfg.request_timeout == 5 && !cfg.log_openai_ids &&
	    cfg.privacy_contact[0] == '\0' &&
	    strcmp(cfg.cors_origin, "*") == 0 && !cfg.consequential &&
	    cfg.api_key_len == 0 && cfg.log_level == LOG_LEVEL_INFO &&
	    strcmp(cfg.operation_id, "humanMove") == 0,
	    "the defaults are the documented ones");

	tap_ok(load("[ttt]\npublic_url = https://ttt.example.com/\nbody_limit = 4096\n"
	    "consequential = yes\nlog_level = debug\nthreads = 4\n", &cfg, err,
	    sizeof(err)) == 0 && cfg.body_limit == 4096 && cfg.consequential &&
	    cfg.threads == 4 && cfg.log_level == LOG_LEVEL_DEBUG &&
	    strcmp(cfg.public_url, "https://ttt.example.com") == 0,
	    "a valid file sets its keys (trailing / of the URL dropped)");
	tap_ok(load("body_limit = 1024\n", &cfg, err, sizeof(err)) == 0 &&
	    cfg.body_limit == 1024, "keys before any section are accepted");

	tap_ok(load("[ttt]\ncolour = blue\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "ttt.conf:2:") != NULL && strstr(err, "unknown key \"colour\""),
	    "an unknown key names the file, line and key");
	tap_ok(load("[other]\nthreads = 2\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "unknown section"), "an unknown section is rejected");
	tap_ok(load("threads = 0\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, ":1: threads must be a whole number from 1 to 64"),
	    "threads out of range is rejected with the range");
	tap_ok(load("body_limit = 16k\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "body_limit"), "a non-numeric body_limit is rejected");
	tap_ok(load("consequential = maybe\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "true or false"), "a bad boolean is rejected");
	tap_ok(load("log_level = loud\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "error, warn, info or debug"), "a bad log level is rejected");
	tap_ok(load("public_url = ftp://x\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "https://"), "a non-http(s) public_url is rejected");
	tap_ok(load("operation_id = play move\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "operation_id"), "an operation_id with a space is rejected");
	tap_ok(load("cors_origin = evil origin\n", &cfg, err, sizeof(err)) != 0,
	    "a malformed CORS origin is rejected");
	tap_ok(load("title = \xff\xfe\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "UTF-8"), "invalid UTF-8 in a string is rejected");
	tap_ok(load("just words\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, ":1:"), "a line that is not key = value is rejected");

	memset(longline, 'a', sizeof(longline));
	memcpy(longline, "[ttt]\nprivacy_text = ", 21);
	longline[21 + 200] = '\n';
	longline[21 + 201] = '\0';
	tap_ok(load(longline, &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "ttt.conf:2: the line is longer than 199 bytes") != NULL,
	    "a line over 199 bytes is refused with its number, never split");
	tap_ok(load("[ttt]\nprivacy_text = We keep\n  nothing but\n\tthe logs.\n"
	    "title = T\n", &cfg, err, sizeof(err)) == 0 &&
	    strcmp(cfg.privacy_text, "We keep nothing but the logs.") == 0 &&
	    strcmp(cfg.title, "T") == 0,
	    "indented lines continue a value, joined with a space");
	tap_ok(load("[ttt]\ntitle = A\nthreads = 2\ntitle = B\n", &cfg, err,
	    sizeof(err)) == 0 && strcmp(cfg.title, "B") == 0,
	    "a key set again on its own line replaces the earlier value");
	tap_ok(load("[ttt]\nrequest_timeout = 0\n", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "request_timeout must be a whole number from 1 to 300"),
	    "request_timeout out of range is rejected with the range");
	tap_ok(load("[ttt]\nlog_openai_ids = true\nprivacy_contact = privacy@"
	    "example.com\nrequest_timeout = 9\n", &cfg, err, sizeof(err)) == 0 &&
	    cfg.log_openai_ids && cfg.request_timeout == 9 &&
	    strcmp(cfg.privacy_contact, "privacy@example.com") == 0,
	    "log_openai_ids, privacy_contact and request_timeout are read");

	config_free(&cfg);
	config_defaults(&cfg);
	tap_ok(config_load(&cfg, "/nonexistent/ttt.conf", err, sizeof(err)) != 0 &&
	    strstr(err, "/nonexistent/ttt.conf: No such file") != NULL,
	    "a missing file is an error naming it");

	setenv("TTT_BODY_LIMIT", "2048", 1);
	tap_ok(load("body_limit = 4096\n", &cfg, err, sizeof(err)) == 0 &&
	    cfg.body_limit == 2048, "TTT_BODY_LIMIT overrides the file");
	setenv("TTT_BODY_LIMIT", "10", 1);
	tap_ok(load("", &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "environment TTT_BODY_LIMIT"),
	    "a bad environment value names the variable");
	unsetenv("TTT_BODY_LIMIT");

	keypath = write_file("key", "abcdefghijklmnop0123\n", 0600);
	snprintf(keyline, sizeof(keyline), "api_key_file = %s\n", keypath);
	tap_ok(load(keyline, &cfg, err, sizeof(err)) == 0 && cfg.api_key_len == 20 &&
	    strcmp(cfg.api_key, "abcdefghijklmnop0123") == 0,
	    "the API key is read from its file, newline stripped");
	write_file("key", "abcdefghijklmnop0123\n", 0644);
	tap_ok(load(keyline, &cfg, err, sizeof(err)) != 0 &&
	    strstr(err, "readable by everyone"), "a world-readable key file is refused");
	write_file("key", "short\n", 0600);
	tap_ok(load(keyline, &cfg, err, sizeof(err)) != 0 && strstr(err, "16 to"),
	    "a key shorter than 16 characters is refused");
	tap_ok(strstr(err, "short") == NULL, "the error never contains the key");
	write_file("key", "abcdefgh ijklmnop0123\n", 0600);
	tap_ok(load(keyline, &cfg, err, sizeof(err)) != 0 && strstr(err, "printable"),
	    "a key with a space is refused");

	config_free(&cfg);
	unlink(write_file("key", "", 0600));
	unlink(write_file("ttt.conf", "", 0600));
	rmdir(dir);
	return tap_done();
}
