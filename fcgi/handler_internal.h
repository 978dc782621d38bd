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
#include "ttt.h"


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
 * game_input.c: a game request from a JSON body or a query string.  The
 * names are the same in both forms; an endpoint says which fields it takes (the GAME_* bits of `takes`)
 * (the others are ignored, like any unknown key).
 */
#define GAME_AI		0x1u
#define GAME_HUMAN_MOVE	0x2u
#define GAME_LEVEL	0x4u
#define GAME_SEED	0x8u
#define GAME_SEED_MAX	2147483647u	/* 2^31 - 1 */

struct game_input {
	ttt_board	 board;
	ttt_cell	 ai;		/* TTT_EMPTY: not given (the AI is O, v1 turn rule) */
	int		 human_move;	/* cell 0-8, or -1: not given */
	ttt_level	 level;		/* default perfect */
	uint32_t	 seed;		/* default 0 */
};

/* Return 0 with in filled, or -1 with an error answer (400, 411, 413,
 * 414) in r.  game_input_from_body checks Content-Length against cfg. */
int	game_input_from_body(const struct config *, const struct handler_request *,
	    unsigned takes, struct game_input *, struct handler_response *);
int	game_input_from_query(const struct handler_request *, unsigned takes,
	    struct game_input *, struct handler_response *);

/*
 * A route's handler answers one request; handler.c has already checked the
 * method and the API key.  Each is declared with this macro in the file
 * that defines it and beside the route table (route.c), so an endpoint
 * is added by writing its file and its entry in the table.
 */
#define ROUTE_HANDLER(name) \
	void name(const struct config *, const struct handler_request *, \
	    struct handler_response *)

/* move.c (POST and GET /human_move): the one code path both share once
 * the request is decoded. */
void	move_play(const struct game_input *, struct handler_response *);

/* hint.c (POST and GET /hint): the answer once the request is decoded. */
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


/*
 * route.c: the route table.  Every per-route policy lives in one entry:
 * dispatch reads the first block, the index page the second, the OpenAPI
 * document (openapi.c) the rest.  Adding an endpoint means adding an entry
 * here and writing its handler.
 */
typedef ROUTE_HANDLER((*route_fn));

/* Cache-Control of a route's answers. */
enum route_cache {
	CACHE_NO_STORE,		/* "no-store" on every answer: a per-request result */
	CACHE_REVALIDATE	/* "no-cache" on a 200: may be kept, must be revalidated */
};

/*
 * An example request of a documented operation: a JSON body (POST) or a
 * query string (GET), written with ' for " so it reads well in a table.
 * openapi.c answers it with the route's own handler, so the document's
 * answer examples are real; `shown` ones (valid requests) are also listed
 * as the operation's request example (for GET: the first shown one).
 */
struct route_example {
	const char	*name;		/* NULL ends a list */
	const char	*request;
	bool		 shown;
};

/*
 * How openapi.c documents one operation.  The builders return a new
 * reference (NULL on ENOMEM); schema.c defines them.
 */
struct route_doc {
	json_t		*(*body)(void);		/* JSON request body schema, or NULL */
	json_t		*(*params)(void);	/* query parameters (an array), or NULL */
	json_t		*(*ok)(void);		/* schema of the 200 answer */
	const char	*ok_text;		/* description of the 200 answer */
	const char	*bad_text;		/* description of the 400, or NULL */
	const char	*unprocessable_text;	/* description of the 422, or NULL */
	const struct route_example *examples;
};

struct route {
	/* dispatch */
	const char	*path;
	const char	*method;	/* GET or POST; HEAD follows GET */
	route_fn	 fn;
	bool		 needs_auth;	/* when an API key is configured */
	/* for operators: only addresses in metrics_allow see it at all; any
	 * other client gets an empty 404, whatever the method */
	bool		 operator_only;
	enum route_cache cache;
	/* the index page (GET /) */
	const char	*index_key;	/* name in its "endpoints", or NULL: not listed */
	/* the OpenAPI document */
	bool		 documented;	/* in the document a GPT imports */
	const char	*operation_id;	/* see route_operation_id() */
	bool		 renamable;	/* the configured operation_id replaces ROUTE_OPID_BASE */
	bool		 consequential;	/* x-openai-isConsequential follows the config (else false) */
	const char	*tag;
	const char	*summary;	/* one line (undocumented routes: a note) */
	const char	*description;	/* <= 300 characters (GPT action rule) */
	const struct route_doc *doc;	/* schemas; NULL when not documented */
};

/* The operationId prefix that the `operation_id` setting renames; it is
 * that setting's default. */
#define ROUTE_OPID_BASE	"humanMove"
#define ROUTE_OPID_MAX	80	/* buffer for route_operation_id() */

extern const struct route route_table[];
extern const size_t route_count;

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
/* "GET, HEAD, OPTIONS", "GET, POST, HEAD, OPTIONS", ... for a path's Allow. */
void	 route_allow(const char *path, char *buf, size_t size);

/* schema.c: the JSON Schemas of the API, built from small named helpers. */
struct schema_component {
	const char	*name;		/* key under components.schemas */
	json_t		*(*build)(void);
};
extern const struct schema_component schema_components[];
extern const size_t schema_ncomponents;
json_t	*schema_ref(const char *component);	/* {"$ref": "#/components/schemas/NAME"} */
json_t	*schema_move_body(void);
json_t	*schema_move_params(void);
json_t	*schema_move_result(void);
json_t	*schema_hint_body(void);
json_t	*schema_hint_params(void);
json_t	*schema_hint_result(void);

/* openapi.c: the document, for one server URL. Returns a new reference or NULL. */
json_t	*openapi_document(const struct config *, const char *server_url);

/* public_url.c: the public URL for a request (public_url, else derived).
 * Caller frees; NULL on ENOMEM. */
char	*public_url_for_request(const struct config *, const struct handler_request *);
bool	 public_url_host_is_plain(const char *host);

/* docs.c (GET /docs and GET /openapi.json, cached per server URL). */
void	docs_cache_clear(void);	/* frees the cache (tests, leak checks) */


/* jsonutil.c */
int	 jsonutil_depth_ok(const unsigned char *buf, size_t len, int max_depth);
const char *jsonutil_type_name(const json_t *);

#endif /* FCGI_HANDLER_INTERNAL_H */
