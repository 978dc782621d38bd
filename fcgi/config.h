/*
 * config.h - the worker's configuration: defaults, INI file (inih), and
 * TTT_<KEY> environment overrides, validated once at start-up.
 *
 * Keys (section [ttt] or none), each also settable as TTT_<KEY in capitals>:
 *   public_url      https URL put in the document's servers[0] ("" = derive)
 *   title           info.title                       (default "Tic-Tac-Toe")
 *   api_version     info.version prefix              (default "1.0.0")
 *   operation_id    operationId of POST /human_move; the GET one gets "Get"
 *                   appended                        (default "humanMove")
 *   consequential   x-openai-isConsequential on the move operations (false)
 *   cors_origin     Access-Control-Allow-Origin     (default "*")
 *   privacy_text    privacy statement ("" = generated from this configuration)
 *   privacy_contact a contact line for the privacy statement ("" = none)
 *   log_level       error | warn | info | debug     (default info)
 *   body_limit      max request body in bytes, 64..1048576 (default 16384)
 *   api_key_file    file holding the bearer key ("" = no auth)
 *   threads         accept threads, 1..64           (default 1)
 *   trust_forwarded_proto  honour X-Forwarded-Proto (default false)
 *   allow_root      permit running as uid 0         (default false)
 *   log_openai_ids  log the openai-conversation-id and openai-gpt-id
 *                   request headers                 (default false)
 */
#ifndef TTT_CONFIG_H
#define TTT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

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
	enum ttt_log_level log_level;
	size_t	 body_limit;
	char	*api_key_file;
	char	 api_key[TTT_API_KEY_MAX + 1];	/* read from api_key_file */
	size_t	 api_key_len;			/* 0 = auth off */
	unsigned threads;
	bool	 trust_forwarded_proto;
	bool	 allow_root;
	bool	 log_openai_ids;
	char	*privacy_contact;
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

#endif /* TTT_CONFIG_H */
