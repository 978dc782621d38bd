/*
 * config.h - the worker's configuration: defaults, INI file (inih), and
 * TTT_<KEY> environment overrides, validated once at start-up.
 *
 * The keys, their types, ranges, defaults and help live in one table in
 * config.c (printed by ttt-fcgi --help); each key may be set in the file
 * (section [ttt] or none) or as TTT_<KEY in capitals> in the environment,
 * which wins.
 */
#ifndef TTT_CONFIG_H
#define TTT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define TTT_API_KEY_MAX 256

enum ttt_log_level {
	TTT_LOG_ERROR = 0,
	TTT_LOG_WARN,
	TTT_LOG_INFO,
	TTT_LOG_DEBUG
};

struct ttt_config {
	char	*public_url;
	char	*title;
	char	*api_version;
	char	*operation_id;
	bool	 consequential;
	char	*cors_origin;
	char	*privacy_text;
	char	*privacy_contact;
	enum ttt_log_level log_level;
	bool	 log_openai_ids;
	size_t	 body_limit;
	char	*api_key_file;
	char	 api_key[TTT_API_KEY_MAX + 1];	/* read from api_key_file */
	size_t	 api_key_len;			/* 0 = auth off */
	unsigned threads;
	unsigned request_timeout;	/* seconds a connection may take */
	bool	 trust_forwarded_proto;
	bool	 allow_root;
};

/* Fill cfg with defaults.  Strings are heap copies owned by cfg. */
int ttt_config_defaults(struct ttt_config *cfg);

/*
 * Load `path` (may be NULL: defaults only), then environment overrides, then
 * read the API key file.  On error returns -1 and writes one line naming the
 * file, line and reason into err (size errlen); cfg must still be freed.
 */
int ttt_config_load(struct ttt_config *cfg, const char *path,
    char *err, size_t errlen);

/* Apply one key=value (used by the file parser, env and fuzzers). */
int ttt_config_set(struct ttt_config *cfg, const char *key, const char *value,
    char *err, size_t errlen);

void ttt_config_free(struct ttt_config *cfg);

/* "error", "warn", "info", "debug", indexed by enum ttt_log_level. */
extern const char *const ttt_log_level_names[];

/* The keys with their help, type and default, for --help. */
void ttt_config_usage(FILE *f);

/* Every key and its value, for --check-config (never the API key). */
void ttt_config_print(const struct ttt_config *cfg, FILE *f);

#endif /* TTT_CONFIG_H */
