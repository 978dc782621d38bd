/*
 * http.h - the request and response structs, the error enum, and the pure
 * handler that turns one into the other.
 *
 * The one request cycle (serve.c, used by FastCGI and CGI), the unit tests
 * and the fuzzers all fill a struct ttt_request and call ttt_handle();
 * nothing here knows about libfcgi.
 */
#ifndef TTT_HTTP_H
#define TTT_HTTP_H

#include <stddef.h>
#include <stdbool.h>

#include "config.h"

/*
 * What the body reader found, decided once from CONTENT_LENGTH
 * (RFC 3875 4.1.2: "" or 1*digit) so the handler never parses it again.
 */
enum ttt_body_state {
	TTT_BODY_NO_LENGTH = 0,		/* absent or empty */
	TTT_BODY_MALFORMED,		/* not 1*digit */
	TTT_BODY_TOO_LARGE,		/* over the limit: not read at all */
	TTT_BODY_SHORT,			/* fewer bytes arrived than announced */
	TTT_BODY_COMPLETE		/* body_len == body_declared */
};

/*
 * One request.  Every pointer is borrowed from the caller and may be NULL
 * (absent).  Strings are NUL-terminated; the body is not.
 */
struct ttt_request {
	const char *method;		/* REQUEST_METHOD */
	const char *path;		/* DOCUMENT_URI, else SCRIPT_NAME+PATH_INFO, no query */
	const char *query;		/* QUERY_STRING, raw */
	const char *content_length;	/* CONTENT_LENGTH, raw */
	const char *content_type;	/* CONTENT_TYPE */
	const char *host;		/* HTTP_HOST */
	const char *server_name;	/* SERVER_NAME */
	const char *server_port;	/* SERVER_PORT */
	const char *https;		/* HTTPS ("on" over TLS) */
	const char *forwarded_proto;	/* HTTP_X_FORWARDED_PROTO */
	const char *authorization;	/* HTTP_AUTHORIZATION */
	const char *accept;		/* HTTP_ACCEPT */
	const char *origin;		/* HTTP_ORIGIN */
	const char *request_id;		/* REQUEST_ID (nginx $request_id) */
	const char *conversation_id;	/* HTTP_OPENAI_CONVERSATION_ID (logged only) */
	const char *gpt_id;		/* HTTP_OPENAI_GPT_ID (logged only) */
	const char *preflight_method;	/* HTTP_ACCESS_CONTROL_REQUEST_METHOD */
	const unsigned char *body;	/* bytes actually read */
	size_t body_len;
	enum ttt_body_state body_state;	/* what the reader found */
	size_t body_declared;		/* Content-Length, once parsed */
};

/* Every outcome the handler can report; mapped to a status in ONE table. */
enum ttt_err {
	TTT_OK = 0,
	TTT_ERR_BAD_REQUEST,		/* 400: malformed input */
	TTT_ERR_UNAUTHORIZED,		/* 401 */
	TTT_ERR_NOT_FOUND,		/* 404 */
	TTT_ERR_METHOD,			/* 405 */
	TTT_ERR_LENGTH_REQUIRED,	/* 411 */
	TTT_ERR_TOO_LARGE,		/* 413 */
	TTT_ERR_URI_TOO_LONG,		/* 414 */
	TTT_ERR_UNPROCESSABLE,		/* 422: well-formed but impossible */
	TTT_ERR_INTERNAL		/* 500 */
};

int ttt_err_status(enum ttt_err err);
const char *ttt_status_reason(int status);	/* "OK", "Not Found", ... */

#define TTT_MAX_HEADERS 8

struct ttt_header {
	const char *name;	/* static string */
	char *value;		/* owned by the response */
};

/* One response.  ttt_response_free() releases everything it owns. */
struct ttt_response {
	int status;
	const char *content_type;	/* static string */
	struct ttt_header headers[TTT_MAX_HEADERS];
	size_t nheaders;
	char *body;			/* owned; NULL for none */
	size_t body_len;
	bool head_only;			/* HEAD: send headers, Content-Length of GET, no body */
};

/*
 * The handler.  Pure apart from reading cfg: same request, same response.
 * Always fills resp (allocation failure gives a static 500); the caller
 * frees it with ttt_response_free().
 */
void ttt_handle(const struct ttt_config *cfg, const struct ttt_request *req,
    struct ttt_response *resp);

void ttt_response_free(struct ttt_response *resp);

/*
 * Strict CONTENT_LENGTH parse (RFC 3875 4.1.2: 1*digit): digits only,
 * at most `limit`.  Returns TTT_OK with *len set, TTT_ERR_LENGTH_REQUIRED
 * when absent/empty, TTT_ERR_BAD_REQUEST when malformed, TTT_ERR_TOO_LARGE
 * over the limit.  Used by the readers before they read a byte.
 */
enum ttt_err ttt_content_length(const char *raw, size_t limit, size_t *len);

/*
 * Set req->body_state and req->body_declared from req->content_length and
 * the limit: TTT_BODY_COMPLETE means "read body_declared bytes"; the reader
 * lowers it to TTT_BODY_SHORT when fewer arrive.
 */
void request_body_state(struct ttt_request *req, size_t limit);

/* Record the got bytes read into buf; fewer than announced is SHORT. */
void request_body_received(struct ttt_request *req,
    const unsigned char *buf, size_t got);

#endif /* TTT_HTTP_H */
