/*
 * handler_internal.h - what the handler's own files share (see handler.h).
 * Nothing here is an interface to the rest of the worker: handler.h is.
 */
#ifndef FCGI_HANDLER_INTERNAL_H
#define FCGI_HANDLER_INTERNAL_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "handler.h"
#include "jsonutil.h"
#include "strbuf.h"
#include "ttt.h"

struct game_input;
struct operation;


/* Limits on what a client controls; each cited where it is enforced. */
/* Limits a client can hit: each is named in its error answer and in the
 * README's Limits table (tests/unit/limits.t holds them to it). */
#define QUERY_MAX		2048	/* query_length: bytes of QUERY_STRING (414 above) */
#define JSON_DEPTH_MAX	16	/* json_depth: nesting of arrays/objects in a body */
#define HOST_MAX		255	/* a Host header we would echo */

#define TYPE_JSON	"application/json; charset=utf-8"
#define TYPE_HTML	"text/html; charset=utf-8"

/* response.c: building responses.  All return 0, or -1 on ENOMEM. */
int	response_header(struct handler_response *, const char *name, const char *value);
int	response_json(struct handler_response *, int status, json_t *doc);	/* steals doc */
int	response_raw(struct handler_response *, int status, const char *type,
	    const char *body, size_t len);
void	response_error(struct handler_response *, enum handler_err, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	response_oom(struct handler_response *);

/* query.c: strict application/x-www-form-urlencoded decoding. */
struct query_param {
	char	*name;
	char	*value;
};
struct query {
	struct query_param *params;
	size_t	 count;
};
/* Returns HANDLER_OK, or an error with a sentence in err. Free with query_free. */
enum handler_err query_parse(const char *raw, struct query *q, char *err, size_t errlen);
void	query_free(struct query *q);

/*
 * A route's handler answers one request; dispatch.c has already checked the
 * method and the API key.  Each is declared with this macro in the file
 * that defines it and beside the route table (route.c), so an endpoint
 * is added by writing its file and its entry in the table.
 */
#define ROUTE_HANDLER(name) \
	void name(const struct config *, const struct handler_request *, \
	    struct handler_response *)

/* move.c: the answer of the human_move operation (POST and GET
 * /human_move, its MCP tool) once the request is decoded. */
void	move_play(const struct game_input *, struct handler_response *);

/* hint.c: the answer of the hint operation, once decoded. */
void	hint_answer(const struct game_input *, struct handler_response *);

/* game.c: what /human_move and /hint share after decoding. */
const char *game_mark(ttt_cell);		/* "X", "O", " " */
const char *game_result(ttt_cell winner);	/* "X", "O", "Draw" (TTT_EMPTY) */
const char *game_winner(ttt_state);		/* "X", "O", "Draw", "No winner" */
/* The side whose turn it is by the standard rule (X first): TTT_X when
 * X == O, TTT_O when X == O + 1, else TTT_EMPTY (nobody's). */
ttt_cell game_turn(const ttt_board *);
/* Answer a 422 saying whose turn it is, when it is not `mover`'s. */
void	game_turn_error(const ttt_board *, ttt_cell mover, const char *who,
	    const char *hint, struct handler_response *);
/* "row 2, column 3" for cell 5: every sentence counts from 1. */
void	game_cell_words(int cell, struct strbuf *);


/*
 * route.c: the route table.  Every per-route policy lives in one entry:
 * dispatch reads the first block, the index page the second, the OpenAPI
 * document (openapi.c) the rest.  A game operation's two routes (POST and
 * GET) are made from its declaration (operation.h); another endpoint is
 * an entry of route.c's fixed list and its handler.
 */
typedef ROUTE_HANDLER((*route_fn));

/* Cache-Control of a route's answers. */
enum route_cache {
	CACHE_NO_STORE,		/* "no-store" on every answer: a per-request result */
	CACHE_REVALIDATE	/* "no-cache" on a 200: may be kept, must be revalidated */
};

struct route {
	/* dispatch */
	const char	*path;
	const char	*method;	/* GET or POST; HEAD follows GET */
	route_fn	 fn;		/* the handler, when op is NULL */
	const struct operation *op;	/* the game operation served, or NULL:
					 * POST decodes a body, GET a query */
	bool		 needs_auth;	/* when an API key is configured */
	route_fn	 refuse_method;	/* on a path's first route: answers a
					 * method the path has no route for
					 * (never OPTIONS, the CORS preflight)
					 * in the path's own protocol; NULL:
					 * the table's 405 with Allow */
	/* for operators: only addresses in metrics_allow see it at all; any
	 * other client gets an empty 404, whatever the method */
	bool		 operator_only;
	enum route_cache cache;
	/* the index page (GET /) */
	const char	*index_key;	/* name in its "endpoints", or NULL: not listed */
	/* the OpenAPI document: the game operations only */
	bool		 documented;	/* in the document a GPT imports */
	const char	*operation_id;	/* see route_operation_id() */
	bool		 renamable;	/* the configured operation_id replaces ROUTE_OPID_BASE */
	bool		 consequential;	/* x-openai-isConsequential follows the config (else false) */
	const char	*tag;
	const char	*summary;	/* one line (undocumented routes: a note) */
	const char	*description;	/* <= 300 characters (GPT action rule) */
};

/* The operationId prefix that the `operation_id` setting renames; it is
 * that setting's default. */
#define ROUTE_OPID_BASE	"humanMove"
#define ROUTE_OPID_MAX	80	/* buffer for route_operation_id() */

/* The table (static, built on first use, thread-safe), and its size. */
const struct route *route_list(size_t *count);

/*
 * The operationId of a route under cfg: the table's, with ROUTE_OPID_BASE
 * replaced by cfg->operation_id on renamable routes -- unless that would
 * collide with another route's id, in which case the table's id is kept
 * (ids must stay unique; route_opid_conflict() lets a config check refuse
 * such a name up front).  Writes at most size bytes into buf; returns buf.
 */
const char *route_operation_id(const struct config *, const struct route *,
	    char *buf, size_t size);
/* {"<index_key>": "<path>", ...} for the index page.  New reference or NULL. */
json_t	*route_index(void);
/*
 * The route for path and method (HEAD finds GET), or NULL; *first is the
 * path's first route whatever its method (NULL: no such path).  Static.
 */
const struct route *route_find(const char *path, const char *method,
	    const struct route **first);
/* The route of op for "POST" or "GET", or NULL.  Static. */
const struct route *route_of_operation(const struct operation *,
	    const char *method);
/* "GET, HEAD, OPTIONS", "GET, POST, HEAD, OPTIONS", ... for a path's Allow. */
void	 route_allow(const char *path, char *buf, size_t size);

/* Answer req with rt: its handler, or its operation's decoder and answer.
 * The dispatcher (dispatch.c) has checked the method and the API key. */
void	 route_run(const struct config *, const struct route *,
	    const struct handler_request *, struct handler_response *);

/*
 * Call rt in-process, as if its request came through the front end:
 * input is a POST route's JSON body or a GET route's query string (len
 * bytes, no NUL needed).  No API key is checked and no common header
 * (CORS, Cache-Control) added: the caller is the worker itself (the
 * OpenAPI document's examples, an MCP tools/call).  Always fills r
 * (memset first); the caller frees it with handler_response_free().
 */
void	 route_call(const struct config *, const struct route *,
	    const char *input, size_t len, struct handler_response *);

/* openapi.c: the document, for one server URL. Returns a new reference or NULL. */
json_t	*openapi_document(const struct config *, const char *server_url);

/* public_url.c: the public URL for a request (public_url, else derived).
 * Caller frees; NULL on ENOMEM. */
char	*public_url_for_request(const struct config *, const struct handler_request *);
/* public_url is set, or the request names one of our hosts (hosts.h):
 * only then may a document name a server URL. */
bool	 public_url_known(const struct config *, const struct handler_request *);
bool	 public_url_host_is_plain(const char *host);

/* docs.c (GET /docs and GET /openapi.json, cached per server URL). */
void	docs_cache_clear(void);	/* frees the cache (tests, leak checks) */

#endif /* FCGI_HANDLER_INTERNAL_H */
