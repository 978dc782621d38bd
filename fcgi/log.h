/*
 * log.h - one line per event on stderr:
 *   2026-11-26T12:00:00.123Z ttt-fcgi[123] info request method=POST ...
 * Values a client controls are quoted and escaped, so a line is always one
 * line and never carries control characters into a terminal or journal.
 */
#ifndef FCGI_LOG_H
#define FCGI_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "handler.h"

/* An error before log_setup (arguments, configuration), printf-style:
 * "ttt-fcgi: <message>", with the journal's error priority under systemd. */
void	log_startup_error(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

/* Level, OpenAI-id logging and the journal check; once at start. */
void	log_setup(const struct config *cfg);
bool	log_enabled(enum log_level level);

/* printf-style key=value text after the level and event name. */
void	log_event(enum log_level level, const char *event, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* The per-request line (info): method, path without the query, status,
 * time, the nginx request id; the OpenAI ids only with log_openai_ids. */
void	log_request(const struct handler_request *req, int status, long micros);

/*
 * Debug: every request parameter in env (NAME=VALUE strings, NULL-
 * terminated), names and values escaped, credential headers redacted, and
 * the body.  No-op below debug level.
 */
void	log_request_debug(const struct handler_request *req, char *const *env);

/* One more header to redact, as its CGI name (e.g. "HTTP_X_TTT_KEY"),
 * copied; NULL for none. */
void	log_set_secret_header(const char *param_name);

/* Write `in` quoted and escaped into out (always NUL-terminated). */
void	log_quote(char *out, size_t outlen, const char *in, size_t inlen);

#endif /* FCGI_LOG_H */
