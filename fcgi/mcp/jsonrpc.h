/*
 * jsonrpc.h - one JSON-RPC 2.0 message (https://www.jsonrpc.org/specification)
 * as MCP's Streamable HTTP transport carries it: one message per POST body,
 * no batches (MCP removed them in revision 2025-06-18).
 *
 * jsonrpc_parse() bounds and checks a body and classifies it; the message it
 * fills owns the parsed tree, and every pointer in it borrows from that tree
 * until jsonrpc_msg_free().  The writers return a new NUL-terminated buffer
 * (malloc; the caller frees it) or NULL on ENOMEM.
 */
#ifndef FCGI_MCP_JSONRPC_H
#define FCGI_MCP_JSONRPC_H

#include <stddef.h>

#include <jansson.h>

/* JSON-RPC 2.0 error codes (section 5.1) and MCP's (2026-07-28 schema). */
#define JSONRPC_PARSE_ERROR		(-32700)
#define JSONRPC_INVALID_REQUEST		(-32600)
#define JSONRPC_METHOD_NOT_FOUND	(-32601)
#define JSONRPC_INVALID_PARAMS		(-32602)
#define JSONRPC_INTERNAL_ERROR		(-32603)
/* -32000 to -32019 are left to implementations (2026-07-28 basic, "Error
 * Codes"): this server's own. */
#define JSONRPC_RATE_LIMITED		(-32000)
#define JSONRPC_HEADER_MISMATCH		(-32020)
#define JSONRPC_UNSUPPORTED_VERSION	(-32022)

/* Bounds on what a client controls, beyond the body limit. */
#define JSONRPC_DEPTH_MAX	16	/* nesting of arrays and objects */
#define JSONRPC_METHOD_MAX	64	/* bytes of a method name */
#define JSONRPC_ID_MAX		128	/* bytes of a string id */

enum jsonrpc_kind {
	JSONRPC_REQUEST,	/* method and id: answered */
	JSONRPC_NOTIFICATION,	/* method, no id: 202, no answer */
	JSONRPC_RESPONSE	/* result or error with an id: 202, no answer */
};

struct jsonrpc_msg {
	json_t		*root;		/* owned */
	enum jsonrpc_kind kind;
	const char	*method;	/* requests and notifications */
	const json_t	*id;		/* requests: a string or an integer */
	json_t		*params;	/* an object, or NULL when absent */
};

/* Why a body is not a message: the code and a sentence for the answer. */
struct jsonrpc_fault {
	int		 code;		/* JSONRPC_PARSE_ERROR or _INVALID_REQUEST */
	char		 message[200];
};

/*
 * Parse and check one message.  Returns 0 with msg filled, or -1 with the
 * fault set (msg is then empty and needs no free).  Refused: nesting beyond
 * JSONRPC_DEPTH_MAX, invalid JSON or UTF-8, duplicate keys (-32700); an
 * array (batch), a jsonrpc member other than "2.0", a method that is not a
 * string of 1..JSONRPC_METHOD_MAX bytes, an id that is not a string of at
 * most JSONRPC_ID_MAX bytes or an integer, params that are not an object,
 * anything that is neither a request, a notification nor a response
 * (-32600).  A request's id is what the answer must carry back.
 */
int	 jsonrpc_parse(const unsigned char *body, size_t len,
	    struct jsonrpc_msg *msg, struct jsonrpc_fault *fault);
void	 jsonrpc_msg_free(struct jsonrpc_msg *msg);

/*
 * {"jsonrpc":"2.0","id":ID,"result":RESULT} with RESULT given as JSON text
 * of result_len bytes (written as it is).  id NULL writes null.
 */
char	*jsonrpc_result_text(const json_t *id, const char *result,
	    size_t result_len, size_t *len);
/* The same with the result as a tree (not stolen). */
char	*jsonrpc_result(const json_t *id, const json_t *result, size_t *len);
/*
 * {"jsonrpc":"2.0","id":ID,"error":{"code":C,"message":M[,"data":D]}}.
 * data is stolen (may be NULL).  The message may quote client bytes: it is
 * encoded by jansson, non-printable bytes first replaced by '?'.
 */
char	*jsonrpc_error(const json_t *id, int code, const char *message,
	    json_t *data, size_t *len);

#endif /* FCGI_MCP_JSONRPC_H */
