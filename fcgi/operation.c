/*
 * operation.c - the table of game operations (see operation.h) and the
 * schemas and annotations an MCP tool takes from an entry.
 */
#include <stdlib.h>
#include <string.h>

#include "game_field.h"
#include "handler_internal.h"
#include "operation.h"
#include "schema.h"

/* ---- /human_move ---- */

static const struct operation_example move_body_examples[] = {
	{ "reply", "{'board': [['X','X',' '],['O','O',' '],[' ',' ',' ']]}", true },
	{ "human_move", "{'board': [['X',' ',' '],[' ','O',' '],[' ',' ',' ']], "
	  "'human_move': 9, 'level': 'hard', 'seed': 7}", true },
	{ "ai_opens", "{'board': [[' ',' ',' '],[' ',' ',' '],[' ',' ',' ']], "
	  "'ai': 'X'}", true },
	{ "bad_row", "{'board': [['X',' ',' '],[' ',' ',' ',' '],[' ',' ',' ']]}", false },
	{ "bad_level", "{'board': [['X',' ',' '],[' ',' ',' '],[' ',' ',' ']], "
	  "'level': 'expert'}", false },
	{ "impossible", "{'board': [['X','X','X'],[' ',' ',' '],[' ',' ',' ']]}", false },
	{ "cell_taken", "{'board': [['X',' ',' '],[' ','O',' '],[' ',' ',' ']], "
	  "'human_move': 5}", false },
	{ NULL, NULL, false }
};

static const struct operation_example move_query_examples[] = {
	{ "reply", "position_1=X&position_5=O&human_move=9&level=hard&seed=7", true },
	{ "bad_cell", "position_5=x", false },
	{ "bad_move", "position_1=X&human_move=10", false },
	{ "not_ai_turn", "position_1=X&position_5=O&ai=O", false },
	{ NULL, NULL, false }
};

/* ---- /hint ---- */

static const struct operation_example hint_body_examples[] = {
	{ "hint", "{'board': [['X','O',' '],[' ',' ',' '],[' ',' ',' ']]}", true },
	{ "bad_ai", "{'board': [['X',' ',' '],[' ',' ',' '],[' ',' ',' ']], "
	  "'ai': 'o'}", false },
	{ "not_human_turn", "{'board': [['X',' ',' '],[' ',' ',' '],[' ',' ',' ']]}", false },
	{ "not_human_turn_ai_x", "{'board': [[' ',' ',' '],[' ',' ',' '],[' ',' ',' ']], "
	  "'ai': 'X'}", false },
	{ NULL, NULL, false }
};

static const struct operation_example hint_query_examples[] = {
	{ "hint", "position_1=X&position_2=O", true },
	{ "bad_cell", "position_1=Z", false },
	{ "impossible", "position_1=O&position_2=O", false },
	{ NULL, NULL, false }
};

/*
 * The table.  Both operations only compute an answer from the request:
 * nothing is stored, the same request always gets the same answer, and
 * nothing outside the worker is reached; their MCP hints say so.
 */
const struct operation operation_table[] = {
	{
		.name = "human_move",
		.title = "Play the AI's reply to the human's move",
		.description = "Send the board after the human's move (or the "
		    "board before it plus human_move); the AI answers with its "
		    "move, the new board, the game status, a forecast and a "
		    "sentence to relay. The human is X unless ai is X. Errors "
		    "(400, 422) say what to fix.",
		.takes = GAME_BOARD | GAME_AI | GAME_HUMAN_MOVE | GAME_LEVEL |
		    GAME_SEED,
		.answer = move_play,
		.request_text = "The board, and optionally the human's move and "
		    "how the AI plays. Other keys are ignored.",
		.request_component = "MoveRequest",
		.answer_schema = schema_move_answer,
		.answer_component = "MoveResult",
		.ok_text = "The moves, the new board, how the game stands, and "
		    "a sentence to relay.",
		.bad_text = "A field is malformed: the board's shape or a cell, "
		    "or ai, human_move, level or seed out of range.",
		.unprocessable_text = "The board cannot happen in a game, "
		    "human_move cannot be played (the game is over, it is not "
		    "the human's turn, or the cell is taken), or it is not the "
		    "AI's turn.",
		.body_examples = move_body_examples,
		.query_examples = move_query_examples,
		.hints = { .read_only = true, .idempotent = true },
		.index_key = "move",
		.renamable = true,
		.consequential = true,
	}, {
		.name = "hint",
		.title = "Rate every move the human could make",
		.description = "For the human to move: each free position with "
		    "the result if both sides then play perfectly, best first, "
		    "and the best positions. Use it when the user asks for "
		    "advice. The human is X unless ai is X.",
		.takes = GAME_BOARD | GAME_AI,
		.answer = hint_answer,
		.request_text = "The board with the human to move. Other keys "
		    "are ignored.",
		.request_component = "HintRequest",
		.answer_schema = schema_hint_answer,
		.answer_component = "HintResult",
		.ok_text = "Every move the human could make with its result "
		    "under perfect play, best first.",
		.bad_text = "A field is malformed: the board's shape or a cell, "
		    "or ai.",
		.unprocessable_text = "The board cannot happen in a game, or it "
		    "is not the human's turn.",
		.body_examples = hint_body_examples,
		.query_examples = hint_query_examples,
		.hints = { .read_only = true, .idempotent = true },
		.index_key = "hint",
	},
};
const size_t operation_count =
    sizeof(operation_table) / sizeof(operation_table[0]);

_Static_assert(sizeof(operation_table) / sizeof(operation_table[0]) <=
    OPERATION_MAX, "route.c keeps the routes of OPERATION_MAX operations");

const struct operation *
operation_find(const char *name)
{
	size_t i;

	for (i = 0; i < operation_count; i++)
		if (strcmp(operation_table[i].name, name) == 0)
			return &operation_table[i];
	return NULL;
}

json_t *
operation_input_schema(const struct operation *op)
{
	return schema_inline(schema_request(op));
}

json_t *
operation_output_schema(const struct operation *op)
{
	return schema_inline(op->answer_schema());
}

json_t *
operation_annotations(const struct operation *op)
{
	return json_pack("{s:b, s:b, s:b, s:b}",
	    "readOnlyHint", op->hints.read_only,
	    "destructiveHint", op->hints.destructive,
	    "idempotentHint", op->hints.idempotent,
	    "openWorldHint", op->hints.open_world);
}

const char *
operation_example_text(const struct operation_example *ex, char *buf,
    size_t size)
{
	size_t i, n = strlen(ex->request);

	if (n >= size)
		return NULL;
	for (i = 0; i <= n; i++)
		buf[i] = ex->request[i] == '\'' ? '"' : ex->request[i];
	return buf;
}

json_t *
operation_example_json(const struct operation_example *ex)
{
	char buf[512];

	if (operation_example_text(ex, buf, sizeof(buf)) == NULL)
		return NULL;
	return json_loads(buf, 0, NULL);
}
