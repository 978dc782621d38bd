/*
 * game_field.h - the fields of the game operations, declared once.
 *
 * Each field has one entry: its name (the POST body's key and the GET
 * query's parameter), its kind and values, where its value goes in a
 * struct game_input, the end of its error sentence and its description.
 * The decoders (game_input.c), the OpenAPI schemas (schema.c) and so the
 * MCP tools' schemas (operation.c) all read this table: the names a
 * client may send for `level` are the engine's (ttt_level_name(), up to
 * TTT_LEVEL__MAX), the seed's bound is GAME_SEED_MAX, and no list of
 * them is written out as prose anywhere.
 *
 * Ownership: the table is static; nothing here allocates.
 */
#ifndef FCGI_GAME_FIELD_H
#define FCGI_GAME_FIELD_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"
#include "ttt.h"

/* A game request decoded (game_input.h): one member per field below,
 * holding no pointer. */
struct game_input {
	ttt_board	 board;
	ttt_cell	 ai;		/* TTT_EMPTY: not given (the AI is O, v1 turn rule) */
	int		 human_move;	/* cell 0-8, or -1: not given */
	ttt_level	 level;		/* default perfect */
	uint32_t	 seed;		/* default 0 */
};

/* The GAME_* bits of an operation's `takes`: which fields it reads. */
#define GAME_BOARD	0x01u
#define GAME_AI		0x02u
#define GAME_HUMAN_MOVE	0x04u
#define GAME_LEVEL	0x08u
#define GAME_SEED	0x10u

#define GAME_SEED_MAX	2147483647	/* 2^31 - 1: a non-negative int32 everywhere */

enum game_field_kind {
	GAME_FIELD_BOARD,	/* 3 rows of 3 cells in JSON, position_1..9 in a query */
	GAME_FIELD_NAME,	/* a JSON string, one of the field's names */
	GAME_FIELD_INTEGER	/* a JSON integer, decimal digits in a query */
};

struct game_field {
	const char	*name;
	unsigned	 flag;		/* its GAME_* bit */
	enum game_field_kind kind;
	/* GAME_FIELD_NAME: the i-th of nnames names (static strings) */
	const char	*(*value_name)(int i);
	int		 nnames;
	/* GAME_FIELD_INTEGER: the accepted range */
	long long	 min, max;
	/* Stores a valid value: a name's index, or the integer itself. */
	void		(*store)(struct game_input *, long long value);
	const char	*note;		/* ends "<name> must be <values><note>" */
	const char	*description;	/* its schema's (NULL: the board's own) */
};

extern const struct game_field game_field_table[];
extern const size_t game_field_count;

/* The field named name, or NULL. */
const struct game_field *game_field_find(const char *name);

/*
 * Decode text (a query value, or a JSON value written out) as the field's
 * value into in.  Returns 0, or -1 (in untouched) when it is not one.  Not
 * for the board.
 */
int	game_field_parse(const struct game_field *, const char *text,
	    struct game_input *);

/* What the field must be, for its error sentence: "\"X\" or \"O\" (capital
 * letters), the AI's mark", "an integer from 0 to 2147483647". */
void	game_field_must(const struct game_field *, struct strbuf *);

/* "ai, human_move, level and seed": the names of the fields in `takes`
 * beside the board, in the table's order. */
void	game_field_list(unsigned takes, struct strbuf *);

#endif /* FCGI_GAME_FIELD_H */
