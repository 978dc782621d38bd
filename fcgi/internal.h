/*
 * internal.h - prototypes shared between the worker's own files.
 * Nothing here is a public interface; http.h and config.h are.
 */
#ifndef TTT_INTERNAL_H
#define TTT_INTERNAL_H

#include <stddef.h>
#include <stdbool.h>

#include <jansson.h>

#include "http.h"
#include "ttt.h"

#define TTT_NAME	"ttt-fcgi"
#define TTT_VERSION	"1.0.0"

/* Limits on what a client controls; each cited where it is enforced. */
#define TTT_QUERY_MAX		2048	/* bytes of QUERY_STRING (414 above) */
#define TTT_JSON_DEPTH_MAX	16	/* nesting of arrays/objects in a body */
#define TTT_HOST_MAX		255	/* a Host header we would echo */

#define TTT_JSON_TYPE	"application/json; charset=utf-8"
#define TTT_HTML_TYPE	"text/html; charset=utf-8"

/* response.c: building responses.  All return 0, or -1 on ENOMEM. */
int	resp_header(struct ttt_response *, const char *name, const char *value);
int	resp_json(struct ttt_response *, int status, json_t *doc);	/* steals doc */
int	resp_raw(struct ttt_response *, int status, const char *type,
	    const char *body, size_t len);
void	resp_error(struct ttt_response *, enum ttt_err, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	resp_oom(struct ttt_response *);

/* query.c: strict application/x-www-form-urlencoded decoding. */
struct query_param {
	char	*name;
	char	*value;
};
struct query {
	struct query_param *params;
	size_t	 count;
};
/* Returns TTT_OK, or an error with a sentence in err. Free with query_free. */
enum ttt_err query_parse(const char *raw, struct query *q, char *err, size_t errlen);
void	query_free(struct query *q);

/* move.c: POST and GET /human_move. */
void	move_post(const struct ttt_config *, const struct ttt_request *, struct ttt_response *);
void	move_get(const struct ttt_config *, const struct ttt_request *, struct ttt_response *);
/* The one code path both share once a board is decoded. */
void	move_respond(const ttt_board *, struct ttt_response *);

/* pages.c: the small endpoints. */
void	page_index(const struct ttt_config *, const struct ttt_request *, struct ttt_response *);
void	page_health(const struct ttt_config *, const struct ttt_request *, struct ttt_response *);
void	page_privacy(const struct ttt_config *, const struct ttt_request *, struct ttt_response *);
void	page_docs(const struct ttt_config *, const struct ttt_request *, struct ttt_response *);

/* routes.c: the table that both dispatch and the document read. */
typedef void (*route_fn)(const struct ttt_config *, const struct ttt_request *,
    struct ttt_response *);

enum route_doc {
	DOC_MOVE_POST,
	DOC_MOVE_GET,
	DOC_OPENAPI,
	DOC_PRIVACY,
	DOC_INDEX,
	DOC_HEALTH
};

struct route {
	const char	*path;
	const char	*method;	/* GET or POST; HEAD follows GET */
	route_fn	 fn;
	bool		 needs_auth;	/* when an API key is configured */
	const char	*op_suffix;	/* appended to the operationId base ("" or "Get") */
	const char	*op_id;		/* fixed operationId, or NULL: use config base + suffix */
	const char	*summary;
	const char	*description;	/* <= 300 characters (GPT action rule) */
	enum route_doc	 doc;		/* selects schemas in openapi.c */
};

extern const struct route ttt_routes[];
extern const size_t ttt_nroutes;

/* openapi.c: the document, for one server URL. Returns a new reference or NULL. */
json_t	*openapi_document(const struct ttt_config *, const char *server_url);
/* The server URL for a request (public_url, else derived).  Caller frees. */
char	*openapi_server_url(const struct ttt_config *, const struct ttt_request *);
bool	 host_is_plain(const char *host);

/* auth.c */
bool	 auth_ok(const struct ttt_config *, const char *authorization);

/* jsonutil.c */
int	 json_depth_ok(const unsigned char *buf, size_t len, int max_depth);
const char *json_type_name(const json_t *);

#endif /* TTT_INTERNAL_H */
