/*
 * schema.h - the JSON Schemas of the API (OpenAPI 3.1 uses JSON Schema
 * 2020-12): the board, the answers, and each operation's request and
 * query parameters built from the field table (game_field.h).
 *
 * Ownership: every function returns a new reference, or NULL on ENOMEM,
 * and steals the json_t * it is given (the rule of jsonutil.h).
 */
#ifndef FCGI_SCHEMA_H
#define FCGI_SCHEMA_H

#include <jansson.h>

struct operation;

/* {"$ref": "#/components/schemas/NAME"} */
json_t	*schema_ref(const char *component);
/* components.schemas: every schema a $ref of the document names. */
json_t	*schema_components(void);
/* schema with every $ref replaced by (a copy of) its component. */
json_t	*schema_inline(json_t *schema);

/* The POST body of op: {"board": $ref Board, <its fields>}. */
json_t	*schema_request(const struct operation *op);
/* The GET parameters of op (an array): position_1..9, then its fields. */
json_t	*schema_query_params(const struct operation *op);

/* The 200 answers of the operations (operation.c names them). */
json_t	*schema_move_answer(void);
json_t	*schema_hint_answer(void);

#endif /* FCGI_SCHEMA_H */
