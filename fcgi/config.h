/*
 * config.h - the worker's configuration: defaults, INI file (inih), and
 * TTT_<KEY> environment overrides, validated once at start-up.
 *
 * The keys, their types, ranges, defaults and help live in one table in
 * config.c (printed by ttt-fcgi --help); each key may be set in the file
 * (section [ttt] or none) or as TTT_<KEY in capitals> in the environment,
 * which wins.
 */
#ifndef FCGI_CONFIG_H
#define FCGI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CONFIG_API_KEY_MAX 256
#define CONFIG_API_KEY_HEADER_MAX 64	/* api_key_header, characters */

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG
};

struct config {
	char	*public_url;
	char	*allowed_hosts;		/* space-separated names (hosts.h) */
	char	*title;
	char	*api_version;
	char	*operation_id;
	bool	 consequential;
	char	*cors_origin;
	char	*privacy_text;
	char	*privacy_contact;
	enum log_level log_level;
	bool	 log_openai_ids;
	size_t	 body_limit;
	char	*api_key_file;
	char	 api_key[CONFIG_API_KEY_MAX + 1];	/* read from api_key_file */
	size_t	 api_key_len;			/* 0 = auth off */
	char	*api_key_type;		/* "bearer", "basic" or "custom" */
	char	*api_key_header;	/* the header for "custom" */
	/* api_key_header as the CGI parameter nginx passes it ("X-Api-Key" ->
	 * "HTTP_X_API_KEY", RFC 3875 4.1.18), derived whenever it is set. */
	char	 api_key_param[CONFIG_API_KEY_HEADER_MAX + 6];
	unsigned threads;
	unsigned request_timeout;	/* seconds a request may take */
	unsigned idle_timeout;		/* seconds a kept connection may idle */
	unsigned max_idle_connections;	/* kept idle connections per process */
	bool	 trust_forwarded_proto;
	bool	 allow_root;
	char	*scoreboard_file;	/* "", "none" or a path (ops/ops.c) */
	char	*metrics_allow;		/* addresses for /metrics, /status */
	unsigned slow_request_ms;	/* 0: no slow-request count or line */
};

/* Fill cfg with defaults.  Strings are heap copies owned by cfg. */
int config_defaults(struct config *cfg);

/*
 * Load `path` (may be NULL: defaults only), then environment overrides, then
 * read the API key file.  On error returns -1 and writes one line naming the
 * file, line and reason into err (size errlen); cfg must still be freed.
 */
int config_load(struct config *cfg, const char *path,
    char *err, size_t errlen);

/* Apply one key=value (used by the file parser, env and fuzzers). */
int config_set(struct config *cfg, const char *key, const char *value,
    char *err, size_t errlen);

void config_free(struct config *cfg);

/* "error", "warn", "info", "debug", indexed by enum log_level. */
extern const char *const log_level_names[];

/* The keys with their help, type and default, for --help. */
void config_usage(FILE *f);

/* Every key and its value, for --check-config (never the API key). */
void config_print(const struct config *cfg, FILE *f);

#endif /* FCGI_CONFIG_H */
