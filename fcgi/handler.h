/*
 * handler.h - the pure handler's API: the request and response structs,
 * the error enum, and what any file reads from a request or releases of
 * a response (handler.c).  dispatch_request() (dispatch.h) turns one into
 * the other.
 *
 * The handler is one module over several files (dispatch.c dispatches on
 * the route table of route.c; move.c, hint.c, pages.c, docs.c answer;
 * response.c builds answers), which share handler_internal.h.  Every other
 * module has one header named after its file (config.h, log.h, body.h,
 * http_status.h, negotiate.h, auth.h, version.h, ...); the transports'
 * API for main.c is transport.h.  The request cycle (cycle.c, used by
 * FastCGI and CGI), the unit tests and the fuzzers all fill a struct
 * handler_request and call dispatch_request(); nothing here knows about
 * libfcgi.
 */
#ifndef FCGI_HANDLER_H
#define FCGI_HANDLER_H

#include <stddef.h>
#include <stdbool.h>

#include "config.h"

/* The operationId of the route table that `base` (the configured
 * operation_id) would collide with, or NULL: main.c refuses such a name
 * after loading the configuration. */
const char *route_opid_conflict(const char *base);
/* The i-th distinct path of the route table, in table order; NULL past
 * the last.  main.c hands it to the metrics as their route labels. */
const char *route_path(size_t i);

/*
 * What the body reader found, decided once from CONTENT_LENGTH
 * (RFC 3875 4.1.2: "" or 1*digit) so the handler never parses it again.
 */
enum handler_body {
	HANDLER_BODY_NO_LENGTH = 0,		/* absent or empty */
	HANDLER_BODY_MALFORMED,		/* not 1*digit */
	HANDLER_BODY_TOO_LARGE,		/* over the limit: not read at all */
	HANDLER_BODY_SHORT,			/* fewer bytes arrived than announced */
	HANDLER_BODY_COMPLETE		/* body_len == body_declared */
};

/*
 * One request.  Every pointer is borrowed from the caller and may be NULL
 * (absent).  Strings are NUL-terminated; the body is not.
 */
struct handler_request {
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
	const char *media_ranges;	/* HTTP_ACCEPT: the Accept header */
	const char *origin;		/* HTTP_ORIGIN */
	const char *request_id;		/* REQUEST_ID (nginx $request_id) */
	const char *conversation_id;	/* HTTP_OPENAI_CONVERSATION_ID (logged only) */
	const char *gpt_id;		/* HTTP_OPENAI_GPT_ID (logged only) */
	const char *preflight_method;	/* HTTP_ACCESS_CONTROL_REQUEST_METHOD */
	char *const *params;		/* every param "NAME=VALUE", NULL-ended:
					 * for a header named by the config
					 * (api_key_header); may be NULL */
	const unsigned char *body;	/* bytes actually read */
	size_t body_len;
	enum handler_body body_state;	/* what the reader found */
	size_t body_declared;		/* Content-Length, once parsed */
};

/* Every outcome the handler can report; mapped to a status in ONE table. */
enum handler_err {
	HANDLER_OK = 0,
	HANDLER_ERR_BAD_REQUEST,		/* 400: malformed input */
	HANDLER_ERR_UNAUTHORIZED,		/* 401 */
	HANDLER_ERR_NOT_FOUND,		/* 404 */
	HANDLER_ERR_METHOD,			/* 405 */
	HANDLER_ERR_LENGTH_REQUIRED,	/* 411 */
	HANDLER_ERR_TOO_LARGE,		/* 413 */
	HANDLER_ERR_URI_TOO_LONG,		/* 414 */
	HANDLER_ERR_MISDIRECTED,		/* 421: a Host we do not answer for */
	HANDLER_ERR_UNPROCESSABLE,		/* 422: well-formed but impossible */
	HANDLER_ERR_INTERNAL		/* 500 */
};

#define HANDLER_MAX_HEADERS 8

struct handler_header {
	const char *name;	/* static string */
	char *value;		/* owned by the response */
};

/* One response.  handler_response_free() releases everything it owns. */
struct handler_response {
	int status;
	const char *content_type;	/* static string */
	struct handler_header headers[HANDLER_MAX_HEADERS];
	size_t nheaders;
	char *body;			/* owned; NULL for none */
	size_t body_len;
	bool head_only;			/* HEAD: send headers, Content-Length of GET, no body */
};

void handler_response_free(struct handler_response *resp);

/*
 * The value of the CGI parameter `name` ("HTTP_MCP_METHOD") in
 * req->params, the first copy as libfcgi would take it; NULL when absent.
 * Borrowed from the request.
 */
const char *handler_param(const struct handler_request *req, const char *name);

#endif /* FCGI_HANDLER_H */
