/*
 * log.c - the worker's only way to speak: stderr, one line per event,
 * written with a single write(2) so lines from several threads or workers
 * sharing the stream do not interleave.
 *
 * When stderr is the systemd journal ($JOURNAL_STREAM names its device and
 * inode, systemd.exec(5)), each line starts with the sd-daemon(3) priority
 * prefix ("<3>" error ... "<7>" debug) so `journalctl -p warning` filters
 * on it, and leaves out the time and pid the journal records itself.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define LINE_MAX_LEN	8192

static enum log_level current = LOG_LEVEL_INFO;
static bool openai_ids;	/* log_openai_ids */
static bool journal;	/* stderr is the journal */
static long pid;	/* getpid() is a system call; the worker never forks */
/* sd-daemon(3) priorities: LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG. */
static const char *const journal_prefix[] = { "<3>", "<4>", "<6>", "<7>" };

static bool
stderr_is_journal(void)
{
	const char *v = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	return v != NULL && sscanf(v, "%llu:%llu", &dev, &ino) == 2 &&
	    fstat(STDERR_FILENO, &st) == 0 &&
	    (unsigned long long)st.st_dev == dev &&
	    (unsigned long long)st.st_ino == ino;
}

/*
 * Before log_setup: a message for the person starting the worker.  Plain
 * "ttt-fcgi: ..." on a terminal; under the journal it carries the error
 * priority, so `journalctl -p err` shows why a start failed.
 */
void
log_startup_error(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	n = snprintf(buf, sizeof(buf), "%sttt-fcgi: ",
	    stderr_is_journal() ? journal_prefix[LOG_LEVEL_ERROR] : "");
	va_start(ap, fmt);
	if (n > 0)
		(void)vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", buf);
}

void
log_setup(const struct config *cfg)
{
	current = cfg->log_level;
	openai_ids = cfg->log_openai_ids;
	journal = stderr_is_journal();
	pid = (long)getpid();
	/* The API key's own header (api_key_type = custom) is a credential. */
	if (cfg->api_key_len > 0 && strcmp(cfg->api_key_type, "custom") == 0)
		log_set_secret_header(cfg->api_key_param);
	else
		log_set_secret_header(NULL);
}

bool
log_enabled(enum log_level level)
{
	return level <= current;
}

void
log_quote(char *out, size_t outlen, const char *in, size_t inlen)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0, i;

	if (outlen < 3) {
		if (outlen > 0)
			out[0] = '\0';
		return;
	}
	out[o++] = '"';
	for (i = 0; i < inlen && o + 6 < outlen; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c < 0x20 || c >= 0x7f) {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		} else {
			out[o++] = (char)c;
		}
	}
	if (i < inlen && o + 4 < outlen) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o++] = '"';
	out[o] = '\0';
}

static size_t
prefix(char *buf, size_t size, enum log_level level, const char *event)
{
	struct timespec ts;
	struct tm tm;
	int n;

	if (journal) {
		n = snprintf(buf, size, "%s%s %s ", journal_prefix[level],
		    log_level_names[level], event);
		return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ "
	    "ttt-fcgi[%ld] %s %s ", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    ts.tv_nsec / 1000000, pid != 0 ? pid : (long)getpid(),
	    log_level_names[level], event);
	return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

static void
emit(char *buf, size_t len, size_t size)
{
	ssize_t w;

	if (len >= size - 1)
		len = size - 2;
	buf[len++] = '\n';
	/* Nothing useful to do if stderr is gone; never crash for it. */
	w = write(STDERR_FILENO, buf, len);
	(void)w;
}

void
log_event(enum log_level level, const char *event, const char *fmt, ...)
{
	char buf[LINE_MAX_LEN];
	size_t n;
	va_list ap;
	int m;

	if (!log_enabled(level))
		return;
	n = prefix(buf, sizeof(buf), level, event);
	va_start(ap, fmt);
	m = vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	if (m > 0)
		n += (size_t)m;
	emit(buf, n, sizeof(buf));
}

static const char *
q(char *out, size_t size, const char *s)
{
	if (s == NULL)
		return "-";
	log_quote(out, size, s, strlen(s));
	return out;
}

/*
 * The info line: what the privacy statement says is kept, nothing more.
 * The path has no query string (a GET board lives there); the OpenAI ids
 * only with log_openai_ids.
 */
void
log_request(const struct handler_request *req, int status, long micros)
{
	char path[160], rid[80], conv[120], gpt[120], m[40];

	if (!log_enabled(LOG_LEVEL_INFO))
		return;
	if (!openai_ids) {
		log_event(LOG_LEVEL_INFO, "request", "method=%s path=%s status=%d "
		    "us=%ld request_id=%s", q(m, sizeof(m), req->method),
		    q(path, sizeof(path), req->path), status, micros,
		    q(rid, sizeof(rid), req->request_id));
		return;
	}
	log_event(LOG_LEVEL_INFO, "request", "method=%s path=%s status=%d us=%ld "
	    "request_id=%s conversation=%s gpt=%s",
	    q(m, sizeof(m), req->method), q(path, sizeof(path), req->path),
	    status, micros, q(rid, sizeof(rid), req->request_id),
	    q(conv, sizeof(conv), req->conversation_id),
	    q(gpt, sizeof(gpt), req->gpt_id));
}

/* CGI variables (RFC 3875 4.1) and nginx extras worth seeing; plus HTTP_*. */
static bool
is_request_param(const char *name, size_t len)
{
	static const char *const names[] = { "REQUEST_METHOD", "REQUEST_URI",
	    "DOCUMENT_URI", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING",
	    "CONTENT_LENGTH", "CONTENT_TYPE", "SERVER_NAME", "SERVER_PORT",
	    "SERVER_PROTOCOL", "HTTPS", "REMOTE_ADDR", "REMOTE_PORT",
	    "REQUEST_ID", "REQUEST_SCHEME" };
	size_t i;

	if (len > 5 && strncmp(name, "HTTP_", 5) == 0)
		return true;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && strncmp(name, names[i], len) == 0)
			return true;
	return false;
}

/*
 * Headers that carry credentials never reach a log, at any level: the
 * standard ones (RFC 9110 11.6.2, 11.7.2; RFC 6265 cookies), the common
 * API-key header, and the one the configuration names.
 */
static char secret_buf[CONFIG_API_KEY_HEADER_MAX + 6];
static const char *secret_header;	/* secret_buf (HTTP_X_...), or NULL */

void
log_set_secret_header(const char *param_name)
{
	secret_header = NULL;
	if (param_name != NULL &&
	    strlen(param_name) < sizeof(secret_buf)) {
		memcpy(secret_buf, param_name, strlen(param_name) + 1);
		secret_header = secret_buf;
	}
}

static bool
is_secret(const char *name, size_t len)
{
	static const char *const names[] = { "HTTP_AUTHORIZATION",
	    "HTTP_PROXY_AUTHORIZATION", "HTTP_COOKIE", "HTTP_X_API_KEY" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && strncmp(name, names[i], len) == 0)
			return true;
	return secret_header != NULL && strlen(secret_header) == len &&
	    strncmp(name, secret_header, len) == 0;
}

void
log_request_debug(const struct handler_request *req, char *const *env)
{
	char value[2048], name[160], ridbuf[80], body[LINE_MAX_LEN - 256];
	const char *eq, *rid;
	size_t i, len;

	if (!log_enabled(LOG_LEVEL_DEBUG))
		return;
	rid = q(ridbuf, sizeof(ridbuf), req->request_id);
	for (i = 0; env != NULL && env[i] != NULL; i++) {
		eq = strchr(env[i], '=');
		if (eq == NULL)
			continue;
		len = (size_t)(eq - env[i]);
		if (!is_request_param(env[i], len))
			continue;
		/* A name is client bytes too (a header name): escape it. */
		log_quote(name, sizeof(name), env[i], len);
		if (is_secret(env[i], len))
			snprintf(value, sizeof(value), "\"[redacted]\"");
		else
			log_quote(value, sizeof(value), eq + 1, strlen(eq + 1));
		log_event(LOG_LEVEL_DEBUG, "param", "request_id=%s name=%s value=%s",
		    rid, name, value);
	}
	log_quote(body, sizeof(body), (const char *)req->body, req->body_len);
	log_event(LOG_LEVEL_DEBUG, "body", "request_id=%s bytes=%zu body=%s", rid,
	    req->body_len, body);
}
