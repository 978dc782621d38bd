/*
 * config.c - defaults, the INI file (parsed by inih), TTT_<KEY> environment
 * overrides, and the API key file.  Every value is validated here, once, so
 * a bad setting stops the worker at start with the place and the reason.
 */
#define _GNU_SOURCE	/* explicit_bzero, asprintf */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <ini.h>
#include <jansson.h>

#include "allow.h"
#include "config.h"
#include "file_read.h"
#include "hosts.h"
#include "version.h"	/* WORKER_VERSION: the default api_version */

#define OPID_MAX	61	/* + "Get" stays within the GPT limit of 64 */

enum key_type { K_STRING, K_BOOL, K_SIZE, K_UINT, K_LEVEL };

/*
 * The one description of every key: --help, --check-config, the defaults
 * and the validation all read this table, and a test checks that the
 * README, the man page and conf/ttt-fcgi.conf list exactly these names.
 */
struct key {
	const char	*name;
	enum key_type	 type;
	size_t		 offset;	/* into struct config */
	/* For strings: a validator (NULL: any valid UTF-8 up to max). */
	const char	*(*check)(const char *value);
	unsigned long	 min, max;	/* numbers: range; strings: length */
	const char	*def;		/* the default, as written in the file */
	const char	*help;		/* one line */
};

static const char *check_url(const char *);
static const char *check_version(const char *);
static const char *check_opid(const char *);
static const char *check_origin(const char *);
static const char *check_title(const char *);
static const char *check_key_type(const char *);
static const char *check_header_name(const char *);
static const char *check_board_path(const char *);

#define OFF(f)	offsetof(struct config, f)

static const struct key keys[] = {
	{ "public_url", K_STRING, OFF(public_url), check_url, 0, 512, "",
	  "https URL for servers[0] in /docs; empty: derived from each request" },
	{ "allowed_hosts", K_STRING, OFF(allowed_hosts), hosts_check_list, 0,
	  1024, "", "more host names (space-separated, any port) a request "
	  "may use for /docs; public_url's host, else localhost, 127.0.0.1 "
	  "and [::1], always count" },
	{ "title", K_STRING, OFF(title), check_title, 1, 100, "Tic-Tac-Toe",
	  "info.title of the document and the name on the pages" },
	{ "api_version", K_STRING, OFF(api_version), check_version, 1, 32,
	  WORKER_VERSION,
	  "info.version prefix (default: the worker's version); a hash of "
	  "the document is appended" },
	{ "operation_id", K_STRING, OFF(operation_id), check_opid, 1, OPID_MAX,
	  "humanMove", "operationId of POST /human_move; GET adds \"Get\"" },
	{ "consequential", K_BOOL, OFF(consequential), NULL, 0, 0, "false",
	  "x-openai-isConsequential on the game operations" },
	{ "cors_origin", K_STRING, OFF(cors_origin), check_origin, 0, 256, "*",
	  "Access-Control-Allow-Origin; empty: no CORS header" },
	{ "privacy_text", K_STRING, OFF(privacy_text), NULL, 0, 4000, "",
	  "the statement /privacy serves (continue long text on indented "
	  "lines); empty: written from this configuration" },
	{ "privacy_contact", K_STRING, OFF(privacy_contact), NULL, 0, 200, "",
	  "who to contact about privacy, added to the statement; empty: none" },
	{ "log_level", K_LEVEL, OFF(log_level), NULL, 0, 0, "info",
	  "error, warn, info (a line per request) or debug (every header, body)" },
	{ "log_openai_ids", K_BOOL, OFF(log_openai_ids), NULL, 0, 0, "false",
	  "add the OpenAI conversation and GPT ids to each request line" },
	{ "body_limit", K_SIZE, OFF(body_limit), NULL, 64, 1048576, "16384",
	  "largest request body in bytes" },
	{ "api_key_file", K_STRING, OFF(api_key_file), NULL, 0, 4096, "",
	  "file holding the API key; empty: no authentication" },
	{ "api_key_type", K_STRING, OFF(api_key_type), check_key_type, 1, 6,
	  "bearer", "how the GPT sends the key: bearer, basic or custom" },
	{ "api_key_header", K_STRING, OFF(api_key_header), check_header_name,
	  1, CONFIG_API_KEY_HEADER_MAX, "X-Api-Key",
	  "the header that carries the key when api_key_type is custom" },
	{ "threads", K_UINT, OFF(threads), NULL, 1, 64, "1",
	  "threads per worker process, each serving one request at a time" },
	{ "request_timeout", K_UINT, OFF(request_timeout), NULL, 1, 300, "5",
	  "seconds a connection may take to send and receive one request" },
	{ "idle_timeout", K_UINT, OFF(idle_timeout), NULL, 1, 3600, "75",
	  "seconds a kept connection may stay idle; above nginx's upstream "
	  "keepalive_timeout" },
	{ "max_idle_connections", K_UINT, OFF(max_idle_connections), NULL, 1,
	  65536, "4096", "kept idle connections per process; past it the "
	  "oldest quiet one is closed" },
	{ "trust_forwarded_proto", K_BOOL, OFF(trust_forwarded_proto), NULL,
	  0, 0, "false", "believe X-Forwarded-Proto: https from the web server" },
	{ "allow_root", K_BOOL, OFF(allow_root), NULL, 0, 0, "false",
	  "permit running as uid 0" },
	{ "scoreboard_file", K_STRING, OFF(scoreboard_file), check_board_path,
	  0, 4000, "", "file the pool's processes share their numbers in; "
	  "empty: $RUNTIME_DIRECTORY/scoreboard under systemd, else none; "
	  "none: each process counts for itself" },
	{ "metrics_allow", K_STRING, OFF(metrics_allow), allow_check, 0, 1000,
	  "127.0.0.1 ::1", "addresses (or address/prefix) that may read "
	  "/metrics and /status; others get an empty 404" },
	{ "slow_request_ms", K_UINT, OFF(slow_request_ms), NULL, 0, 600000,
	  "1000", "a request slower than this is counted and logged with its "
	  "phases; 0: never" },
};
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

const char *const log_level_names[] = {
	[LOG_LEVEL_ERROR] = "error", [LOG_LEVEL_WARN] = "warn",
	[LOG_LEVEL_INFO] = "info", [LOG_LEVEL_DEBUG] = "debug",
};

/* ---- validators: NULL when fine, else the reason ---- */

/* The scoreboard is opened by every worker: an absolute path, or the
 * two words that are not paths. */
static const char *
check_board_path(const char *v)
{
	if (v[0] == '\0' || strcmp(v, "none") == 0)
		return NULL;
	if (v[0] != '/')
		return "must be an absolute path, empty (the service's runtime "
		    "directory) or none";
	for (; *v != '\0'; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return "must not contain control characters";
	return NULL;
}

/* The GPT builder's Auth Types for an API key. */
static const char *
check_key_type(const char *v)
{
	if (strcmp(v, "bearer") == 0 || strcmp(v, "basic") == 0 ||
	    strcmp(v, "custom") == 0)
		return NULL;
	return "must be bearer, basic or custom";
}

/*
 * A header name the worker can see: letters, digits and '-' (nginx drops
 * names with '_' by default, and a CGI name cannot tell '-' from '_'), and
 * not a header that reaches the worker under another name or not at all.
 */
static const char *
check_header_name(const char *v)
{
	static const char *const taken[] = { "Authorization", "Host",
	    "Content-Length", "Content-Type", "Proxy", "X-Forwarded-Proto",
	    "Cookie" };
	size_t i;

	for (i = 0; v[i] != '\0'; i++)
		if (!isalnum((unsigned char)v[i]) && v[i] != '-')
			return "may contain only letters, digits and '-'";
	for (i = 0; i < sizeof(taken) / sizeof(taken[0]); i++)
		if (strcasecmp(v, taken[i]) == 0)
			return "names a header the web server or the worker "
			    "already uses";
	return NULL;
}

static const char *
check_url(const char *v)
{
	const char *host;
	size_t i;

	if (*v == '\0')
		return NULL;
	if (strncmp(v, "https://", 8) == 0)
		host = v + 8;
	else if (strncmp(v, "http://", 7) == 0)
		host = v + 7;
	else
		return "must start with https:// (GPT actions need https; "
		    "http:// is accepted for local tests)";
	if (*host == '\0' || *host == '/')
		return "has no host";
	for (i = 0; v[i] != '\0'; i++)
		if (!isgraph((unsigned char)v[i]) || strchr("\"'<>\\`{}|^", v[i]))
			return "contains a character not allowed in a URL";
	if (strchr(host, '?') != NULL || strchr(host, '#') != NULL)
		return "must not have a query or fragment";
	return NULL;
}

static const char *
check_version(const char *v)
{
	for (; *v != '\0'; v++)
		if (!isalnum((unsigned char)*v) && *v != '.' && *v != '-')
			return "may contain only letters, digits, '.' and '-'";
	return NULL;
}

static const char *
check_opid(const char *v)
{
	size_t i;

	for (i = 0; v[i] != '\0'; i++)
		if (!isalnum((unsigned char)v[i]) && v[i] != '_' && v[i] != '-')
			return "may contain only letters, digits, '_' and '-' "
			    "(GPT actions: ^[a-zA-Z0-9_-]{1,64}$)";
	/* A clash with another route's operationId is checked by main.c
	 * against the route table, which this layer does not know. */
	return NULL;
}

static const char *
check_origin(const char *v)
{
	if (*v == '\0' || strcmp(v, "*") == 0)
		return NULL;
	if (strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0)
		return "must be \"*\", empty (no CORS header), or an origin "
		    "like https://example.com";
	for (; *v != '\0'; v++)
		if (!isgraph((unsigned char)*v))
			return "must not contain spaces or control characters";
	return NULL;
}

static const char *
check_title(const char *v)
{
	for (; *v != '\0'; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return "must not contain control characters";
	return NULL;
}

/* ---- setting one key ---- */

static int
parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static int
parse_ulong(const char *v, unsigned long min, unsigned long max,
    unsigned long *out)
{
	char *end;
	unsigned long n;

	if (!isdigit((unsigned char)v[0]) || strlen(v) > 10)
		return -1;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

/* "X-Api-Key" -> "HTTP_X_API_KEY" (RFC 3875 4.1.18: "HTTP_" + the name in
 * capitals, '-' as '_').  check_header_name bounds the name, so it fits. */
static void
param_name(const char *header, char *buf, size_t size)
{
	size_t i, n = strlen(header);

	if (n + 6 > size)
		n = size - 6;
	memcpy(buf, "HTTP_", 5);
	for (i = 0; i < n; i++)
		buf[5 + i] = header[i] == '-' ? '_' :
		    (char)toupper((unsigned char)header[i]);
	buf[5 + n] = '\0';
}

int
config_set(struct config *cfg, const char *key, const char *value,
    char *err, size_t errlen)
{
	const struct key *k = NULL;
	const char *why;
	unsigned long n;
	char *copy, **slot;
	json_t *utf8;
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, key) == 0)
			k = &keys[i];
	if (k == NULL) {
		snprintf(err, errlen, "unknown key \"%.64s\" (see ttt-fcgi --help "
		    "for the keys)", key);
		return -1;
	}
	switch (k->type) {
	case K_BOOL:
		if (parse_bool(value, (bool *)((char *)cfg + k->offset)) != 0) {
			snprintf(err, errlen, "%s must be true or false, not "
			    "\"%.32s\"", key, value);
			return -1;
		}
		return 0;
	case K_SIZE:
	case K_UINT:
		if (parse_ulong(value, k->min, k->max, &n) != 0) {
			snprintf(err, errlen, "%s must be a whole number from %lu "
			    "to %lu, not \"%.32s\"", key, k->min, k->max, value);
			return -1;
		}
		if (k->type == K_SIZE)
			*(size_t *)((char *)cfg + k->offset) = n;
		else
			*(unsigned *)((char *)cfg + k->offset) = (unsigned)n;
		return 0;
	case K_LEVEL:
		for (n = 0; n <= LOG_LEVEL_DEBUG; n++)
			if (strcmp(value, log_level_names[n]) == 0) {
				cfg->log_level = (enum log_level)n;
				return 0;
			}
		snprintf(err, errlen, "log_level must be error, warn, info or "
		    "debug, not \"%.32s\"", value);
		return -1;
	case K_STRING:
		break;
	}
	if (strlen(value) < k->min || strlen(value) > k->max) {
		snprintf(err, errlen, "%s must be %lu to %lu characters long",
		    key, k->min, k->max);
		return -1;
	}
	/* Strings end up in JSON: jansson refuses invalid UTF-8. */
	if ((utf8 = json_string(value)) == NULL) {
		snprintf(err, errlen, "%s is not valid UTF-8", key);
		return -1;
	}
	json_decref(utf8);
	if (k->check != NULL && (why = k->check(value)) != NULL) {
		snprintf(err, errlen, "%s %s", key, why);
		return -1;
	}
	if ((copy = strdup(value)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* A public URL ends without '/': paths are appended to it. */
	if (k->offset == OFF(public_url))
		for (i = strlen(copy); i > 0 && copy[i - 1] == '/'; i--)
			copy[i - 1] = '\0';
	slot = (char **)((char *)cfg + k->offset);
	free(*slot);
	*slot = copy;
	if (k->offset == OFF(api_key_header))
		param_name(copy, cfg->api_key_param, sizeof(cfg->api_key_param));
	return 0;
}

int
config_defaults(struct config *cfg)
{
	char err[160];
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < NKEYS; i++)
		if (config_set(cfg, keys[i].name, keys[i].def, err,
		    sizeof(err)) != 0)
			return -1;
	return 0;
}

void
config_free(struct config *cfg)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (keys[i].type == K_STRING)
			free(*(char **)(void *)((char *)cfg + keys[i].offset));
	/* The key is a secret: do not leave it in freed memory. */
	explicit_bzero(cfg->api_key, sizeof(cfg->api_key));
	memset(cfg, 0, sizeof(*cfg));
}

static const char *
type_hint(const struct key *k, char *buf, size_t size)
{
	switch (k->type) {
	case K_BOOL:
		return "true|false";
	case K_LEVEL:
		return "error|warn|info|debug";
	case K_SIZE:
	case K_UINT:
		snprintf(buf, size, "%lu-%lu", k->min, k->max);
		return buf;
	case K_STRING:
		break;
	}
	snprintf(buf, size, "text, %lu-%lu chars", k->min, k->max);
	return buf;
}

void
config_usage(FILE *f)
{
	char range[48];
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		fprintf(f, "  %-22s %s\n", keys[i].name, keys[i].help);
		fprintf(f, "  %-22s (%s; default: %.40s%s)\n", "",
		    type_hint(&keys[i], range, sizeof(range)),
		    keys[i].def[0] != '\0' ? keys[i].def : "empty",
		    strlen(keys[i].def) > 40 ? "..." : "");
	}
}

void
config_print(const struct config *cfg, FILE *f)
{
	const char *base;
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		base = (const char *)cfg + keys[i].offset;
		fprintf(f, "%s = ", keys[i].name);
		switch (keys[i].type) {
		case K_BOOL:
			fputs(*(const bool *)base ? "true" : "false", f);
			break;
		case K_SIZE:
			fprintf(f, "%zu", *(const size_t *)(const void *)base);
			break;
		case K_UINT:
			fprintf(f, "%u", *(const unsigned *)(const void *)base);
			break;
		case K_LEVEL:
			fputs(log_level_names[cfg->log_level], f);
			break;
		case K_STRING:
			fputs(*(char *const *)(const void *)base, f);
			break;
		}
		/* The key itself is a secret; say only whether auth is on. */
		if (keys[i].offset == OFF(api_key_file))
			fputs(cfg->api_key_len ? "  (auth on)" : "  (auth off)", f);
		fputc('\n', f);
	}
}

/* ---- the file ---- */

/*
 * inih reads the file through our reader, one line at a time, so we know
 * the line it is on: Debian's libinih has a fixed line buffer (200 bytes)
 * and would silently split a longer line into two, so a longer line is
 * refused here with its number.  A long value (privacy_text) continues on
 * lines that start with a space, which inih hands over one by one under
 * the same name; they are joined with a space.  A key given again on a
 * line of its own replaces the earlier value, as in most INI readers.
 */
#define LINE_LIMIT	200	/* INI_MAX_LINE of Debian's libinih 55 */
/* A configuration is a few kilobytes (privacy_text: 4000 characters). */
#define FILE_LIMIT	65536

struct ini_ctx {
	struct config *cfg;
	const char *text;	/* the whole file, read by file_read() */
	size_t	 len, pos;
	int	 line;
	bool	 indented;	/* the current line starts with whitespace */
	bool	 too_long;
	char	 reason[256];
	char	*joined;	/* the value so far of the key being continued */
	const char *last;	/* that key's name in the table */
};

static char *
read_line(char *str, int num, void *stream)
{
	struct ini_ctx *ctx = stream;
	size_t n = 0;

	if (ctx->pos >= ctx->len)
		return NULL;
	ctx->line++;
	while (ctx->pos < ctx->len && n < (size_t)num - 1) {
		str[n] = ctx->text[ctx->pos++];
		if (str[n++] == '\n')
			break;
	}
	str[n] = '\0';
	if (str[n - 1] != '\n' && ctx->pos < ctx->len) {
		ctx->too_long = true;
		return NULL;
	}
	ctx->indented = str[0] == ' ' || str[0] == '\t';
	return str;
}

static const struct key *
find_key(const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static int
on_ini_pair(void *user, const char *section, const char *name, const char *value)
{
	struct ini_ctx *ctx = user;
	const struct key *k;
	char *more;

	if (section[0] != '\0' && strcmp(section, "ttt") != 0) {
		snprintf(ctx->reason, sizeof(ctx->reason), "unknown section "
		    "[%.64s]: keys go in [ttt] or before any section", section);
		return 0;
	}
	if (value == NULL) {
		snprintf(ctx->reason, sizeof(ctx->reason), "\"%.64s\" has no "
		    "value: write key = value", name);
		return 0;
	}
	if ((k = find_key(name)) == NULL)	/* set() words the error */
		return config_set(ctx->cfg, name, value, ctx->reason,
		    sizeof(ctx->reason)) == 0;
	if (ctx->indented && ctx->last == k->name && ctx->joined != NULL) {
		if (asprintf(&more, "%s %s", ctx->joined, value) < 0) {
			snprintf(ctx->reason, sizeof(ctx->reason), "out of memory");
			return 0;
		}
		free(ctx->joined);
		ctx->joined = more;
		value = more;
	} else {
		free(ctx->joined);
		if ((ctx->joined = strdup(value)) == NULL) {
			snprintf(ctx->reason, sizeof(ctx->reason), "out of memory");
			return 0;
		}
		ctx->last = k->name;
	}
	return config_set(ctx->cfg, name, value, ctx->reason,
	    sizeof(ctx->reason)) == 0;
}

/*
 * Parse the file; 0, or -1 with "path[:line]: reason" in err.  A NUL byte
 * is refused before inih sees the text: its line reader stops a string at
 * a NUL, so the rest of that line would escape the line-length check and
 * be read as a line of its own.
 */
static int
parse_file(struct config *cfg, const char *path, char *err, size_t errlen)
{
	struct ini_ctx ctx;
	struct stat st;
	const char *nul;
	char *text;
	size_t len, i;
	int line;

	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = cfg;
	if (file_read(path, FILE_LIMIT, &text, &len, &st, err, errlen) !=
	    FILE_READ_OK)
		return -1;
	if ((nul = memchr(text, '\0', len)) != NULL) {
		for (line = 1, i = 0; text + i < nul; i++)
			line += text[i] == '\n';
		snprintf(err, errlen, "%s:%d: the line contains a NUL byte; "
		    "the configuration must be text", path, line);
		free(text);
		return -1;
	}
	ctx.text = text;
	ctx.len = len;
	line = ini_parse_stream(read_line, &ctx, on_ini_pair, &ctx);
	free(text);
	free(ctx.joined);
	if (ctx.too_long) {
		snprintf(err, errlen, "%s:%d: the line is longer than %d bytes; "
		    "continue a long value on lines that start with a space",
		    path, ctx.line, LINE_LIMIT - 1);
		return -1;
	}
	if (line != 0) {
		snprintf(err, errlen, "%s:%d: %s", path, line,
		    ctx.reason[0] != '\0' ? ctx.reason : "not a key = value line");
		return -1;
	}
	return 0;
}

/*
 * The key file: a regular file, not readable or writable by everyone (any
 * local user could read the key, or replace it before the next reload).
 */
static int
read_key_file(struct config *cfg, char *err, size_t errlen)
{
	const char *path = cfg->api_key_file;
	char why[384], *buf;
	struct stat st;
	size_t n, i;
	int rc = -1;

	cfg->api_key_len = 0;
	if (path[0] == '\0')
		return 0;
	/* Up to two bytes of line end after the longest key. */
	switch (file_read(path, CONFIG_API_KEY_MAX + 2, &buf, &n, &st, why,
	    sizeof(why))) {
	case FILE_READ_OK:
		break;
	case FILE_READ_SIZE:
		snprintf(err, errlen, "api_key_file %s: the key must be 16 to %d "
		    "characters on one line", path, CONFIG_API_KEY_MAX);
		return -1;
	default:
		snprintf(err, errlen, "api_key_file %s", why);
		return -1;
	}
	if (st.st_mode & S_IROTH) {
		snprintf(err, errlen, "api_key_file %s is readable by everyone: "
		    "chmod o-r it (0640 or 0600)", path);
		goto out;
	}
	if (st.st_mode & S_IWOTH) {
		snprintf(err, errlen, "api_key_file %s is writable by everyone: "
		    "chmod o-w it (0640 or 0600)", path);
		goto out;
	}
	/* One line; a trailing newline (echo > file) is not part of the key. */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	if (n < 16 || n > CONFIG_API_KEY_MAX) {
		snprintf(err, errlen, "api_key_file %s: the key must be 16 to %d "
		    "characters on one line", path, CONFIG_API_KEY_MAX);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (!isgraph((unsigned char)buf[i])) {
			snprintf(err, errlen, "api_key_file %s: the key must be "
			    "printable ASCII without spaces", path);
			goto out;
		}
	memcpy(cfg->api_key, buf, n + 1);
	cfg->api_key_len = n;
	rc = 0;
out:
	explicit_bzero(buf, CONFIG_API_KEY_MAX + 2);
	free(buf);
	return rc;
}

int
config_load(struct config *cfg, const char *path, char *err,
    size_t errlen)
{
	char envname[64], reason[256];
	const char *v;
	size_t i, j;

	if (path != NULL && parse_file(cfg, path, err, errlen) != 0)
		return -1;
	for (i = 0; i < NKEYS; i++) {
		for (j = 0; keys[i].name[j] != '\0'; j++)
			envname[4 + j] = (char)toupper((unsigned char)keys[i].name[j]);
		memcpy(envname, "TTT_", 4);
		envname[4 + j] = '\0';
		if ((v = getenv(envname)) == NULL)
			continue;
		if (config_set(cfg, keys[i].name, v, reason, sizeof(reason)) != 0) {
			snprintf(err, errlen, "environment %s: %s", envname, reason);
			return -1;
		}
	}
	return read_key_file(cfg, err, errlen);
}
