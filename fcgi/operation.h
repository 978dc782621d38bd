/*
 * operation.h - the game operations (human_move, hint), each declared
 * once.  From one entry of operation_table come:
 *   - its REST routes, POST /<name> (a JSON body) and GET /<name> (a query
 *     string), with operationIds <name in camelCase> and <...>Get (route.c);
 *   - its operations, request and answer schemas and examples in the
 *     OpenAPI document (openapi.c, schema.c);
 *   - its MCP tool: name, title, description, inputSchema (the POST body),
 *     outputSchema (the 200 answer) and annotations.
 * So a third game operation is one entry here and one answer function
 * (plus the schema of its answer in schema.c).
 *
 * Ownership: the table and everything it points at are static.  The
 * operation_*() functions returning json_t * return a new reference (the
 * caller json_decref()s it) or NULL on ENOMEM.
 */
#ifndef FCGI_OPERATION_H
#define FCGI_OPERATION_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "game_input.h"
#include "handler.h"

#define OPERATION_MAX		8	/* entries operation_table may hold */
#define OPERATION_NAME_MAX	32	/* bytes of a name, NUL included */

/*
 * An example request: a JSON body (POST, MCP arguments) or a query string
 * (GET), written with ' for " so it reads well in a table.  The OpenAPI
 * document shows what the operation answers to it, computed when the
 * document is built, so every answer shown is real; `shown` ones (valid
 * requests) are also listed as the request's examples.
 */
struct operation_example {
	const char	*name;		/* NULL ends a list */
	const char	*request;
	bool		 shown;
};

/* The MCP tool annotations (ToolAnnotations of the MCP schema): hints to
 * a client, which the worker makes true. */
struct operation_hints {
	bool	read_only;	/* readOnlyHint: changes nothing anywhere */
	bool	destructive;	/* destructiveHint */
	bool	idempotent;	/* idempotentHint: the same call, the same answer */
	bool	open_world;	/* openWorldHint: reaches outside the worker */
};

struct operation {
	const char	*name;		/* MCP tool name; path "/<name>"; operationId base */
	const char	*title;		/* one line: MCP title, OpenAPI summary */
	const char	*description;	/* <= 300 characters (GPT action rule) */
	unsigned	 takes;		/* GAME_* fields of the request (game_field.h) */
	/* The answer once the request is decoded: 200, or 422 and the like. */
	void		(*answer)(const struct game_input *, struct handler_response *);
	/* schemas: the request's description and component name, the
	 * answer's builder (schema.c, $refs allowed) and component name */
	const char	*request_text;
	const char	*request_component;
	json_t		*(*answer_schema)(void);
	const char	*answer_component;
	/* what the OpenAPI document says of its answers */
	const char	*ok_text;		/* 200 */
	const char	*bad_text;		/* 400 */
	const char	*unprocessable_text;	/* 422 */
	const struct operation_example *body_examples;	/* POST / MCP */
	const struct operation_example *query_examples;	/* GET */
	struct operation_hints hints;
	/* the REST surface */
	const char	*index_key;	/* its name on the index page (GET /) */
	bool		 renamable;	/* the operation_id setting renames it */
	bool		 consequential;	/* x-openai-isConsequential follows the config */
};

extern const struct operation operation_table[];
extern const size_t operation_count;

/* The operation called name, or NULL. */
const struct operation *operation_find(const char *name);

/*
 * The POST body's JSON Schema (the MCP tool's inputSchema), and the 200
 * answer's (its outputSchema): self-contained, no "$ref", so a client
 * without the OpenAPI document can use them.
 */
json_t	*operation_input_schema(const struct operation *);
json_t	*operation_output_schema(const struct operation *);

/* {"readOnlyHint": ..., "destructiveHint": ..., "idempotentHint": ...,
 * "openWorldHint": ...} */
json_t	*operation_annotations(const struct operation *);

/* An example's request, parsed: a JSON object for a body example, or NULL
 * when it is no JSON (a query example). */
json_t	*operation_example_json(const struct operation_example *);

/* The example's request text with its ' written as ", in buf (NULL when it
 * does not fit). */
const char *operation_example_text(const struct operation_example *,
	    char *buf, size_t size);

#endif /* FCGI_OPERATION_H */
