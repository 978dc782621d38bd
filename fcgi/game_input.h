/*
 * game_input.h - a game request (/human_move, /hint, their MCP tools)
 * decoded into one struct, from a JSON body (POST), a JSON object (an MCP
 * tool's arguments) or a query string (GET).  The fields, their names,
 * values and error sentences are the table of game_field.h; `takes` says
 * which of them an operation reads (its GAME_* bits): the others are
 * ignored, like any unknown key.
 *
 * Ownership: the decoders borrow what they are given and fill the
 * caller's struct game_input, which holds no pointer.  Errors: each
 * returns 0, or -1 with the error answer (400, or 411, 413, 414 for the
 * body and the query as a whole) already in the response.
 */
#ifndef FCGI_GAME_INPUT_H
#define FCGI_GAME_INPUT_H

#include <stdint.h>

#include <jansson.h>

#include "config.h"
#include "game_field.h"	/* struct game_input: the table's fields */
#include "handler.h"
#include "ttt.h"

/* A POST body; Content-Length is checked against cfg first. */
int	game_input_from_body(const struct config *, const struct handler_request *,
	    unsigned takes, struct game_input *, struct handler_response *);
/* An object already parsed (an MCP tool's arguments, borrowed). */
int	game_input_from_json(const json_t *root, unsigned takes,
	    struct game_input *, struct handler_response *);
/* QUERY_STRING: position_1 .. position_9 and the fields by name. */
int	game_input_from_query(const struct handler_request *, unsigned takes,
	    struct game_input *, struct handler_response *);

#endif /* FCGI_GAME_INPUT_H */
