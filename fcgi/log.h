/*
 * log.h - one line per event on stderr:
 *   2026-11-26T12:00:00.123Z ttt-fcgi[123] info request method=POST ...
 * Values a client controls are quoted and escaped, so a line is always one
 * line and never carries control characters into a terminal or journal.
 */
#ifndef TTT_LOG_H
#define TTT_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "http.h"

void	log_set_level(enum ttt_log_level level);
bool	log_enabled(enum ttt_log_level level);

/* printf-style key=value text after the level and event name. */
void	log_event(enum ttt_log_level level, const char *event, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* The per-request line (info) with the nginx request id and GPT ids. */
void	log_request(const struct ttt_request *req, int status, long micros);

/*
 * Debug: every parameter in env (NAME=VALUE strings, NULL-terminated), with
 * HTTP_AUTHORIZATION redacted, and the body.  No-op below debug level.
 */
void	log_request_debug(const struct ttt_request *req, char *const *env);

/* Write `in` quoted and escaped into out (always NUL-terminated). */
void	log_quote(char *out, size_t outlen, const char *in, size_t inlen);

#endif /* TTT_LOG_H */
