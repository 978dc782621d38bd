/*
 * move.c - /human_move.  POST decodes a JSON body, GET the query
 * (game_input.c); both hand a struct game_input to move_play(), the one
 * code path that checks it and lets the engine play.
 *
 * Checks, in order: (400s are game_input.c's), the position is possible
 * (422), then human_move: the posted game is not over, it is the human's
 * turn, the cell is empty (422s); then a finished game is a 200 "end"
 * without a move; then it must be the AI's turn (422); then the AI moves.
 * Without "ai" the AI is O and only "O has more marks" stops it, as in
 * the first version of the API; with "ai", the standard rule (X first).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handler_internal.h"
#include "ops/ops.h"

ROUTE_HANDLER(move_post);
ROUTE_HANDLER(move_get);

/* What the answer reports, gathered before it is written. */
struct outcome {
	ttt_board	 board;		/* after every move */
	ttt_state	 state;
	ttt_cell	 ai, human;
	int		 human_move;	/* cell, or -1 */
	int		 ai_move;	/* cell, or -1 */
	ttt_reason	 reason;	/* when ai_move >= 0 */
	bool		 was_over;	/* the posted board was already finished */
};

/*
 * The answer has a fixed shape and every value comes from a closed set
 * (marks, digits, fixed words), so it is assembled from constant pieces:
 * this is the hot path, and both a jansson tree and snprintf cost more
 * than the engine.  No piece holds a quote, a backslash or a control
 * character, except board_text's newlines, written as \n.
 */
struct out {
	char	*p;
};

static void
put(struct out *o, const char *s)
{
	size_t n = strlen(s);

	memcpy(o->p, s, n);
	o->p += n;
}

static void
put_char(struct out *o, char c)
{
	*o->p++ = c;
}

/* {"row":r,"col":c,"position":p} of a cell 0-8. */
static void
put_cell(struct out *o, int cell)
{
	put(o, "{\"row\":");
	put_char(o, (char)('0' + cell / 3));
	put(o, ",\"col\":");
	put_char(o, (char)('0' + cell % 3));
	put(o, ",\"position\":");
	put_char(o, (char)('1' + cell));
	put_char(o, '}');
}

/* "4-5-6" for the line written by ttt_winning_line(). */
static void
put_line_text(struct out *o, const int line[3])
{
	put_char(o, (char)('1' + line[0]));
	put_char(o, '-');
	put_char(o, (char)('1' + line[1]));
	put_char(o, '-');
	put_char(o, (char)('1' + line[2]));
}

/* Why the AI's move, as words after "plays position N, " (not win). */
static const char *const reason_words[] = {
	[TTT_REASON_WIN]	= "completing its line",
	[TTT_REASON_BLOCK]	= "blocking %'s line",
	[TTT_REASON_FORK]	= "making two threats at once",
	[TTT_REASON_BLOCK_FORK]	= "stopping %'s double threat",
	[TTT_REASON_CENTER]	= "the center",
	[TTT_REASON_CORNER]	= "a corner",
	[TTT_REASON_EDGE]	= "an edge",
};

/* s with each '%' replaced by the human's mark. */
static void
put_words(struct out *o, const char *s, ttt_cell human)
{
	for (; *s != '\0'; s++)
		put_char(o, *s == '%' ? game_mark(human)[0] : *s);
}

/*
 * One sentence a GPT can relay: the human's move if the worker placed it,
 * the AI's move and why, and how the game stands (or how it ended).
 * At most about 110 characters; never a quote or a backslash.
 */
static void
put_message(struct out *o, const struct outcome *g, const int line[3],
    bool has_line)
{
	const char *ai = g->ai == TTT_X ? "the AI (X)" : "the AI (O)";

	if (g->was_over) {
		put(o, "The game is already over: ");
		if (g->state == TTT_STATE_DRAW) {
			put(o, "it is a draw.");
		} else {
			put(o, g->state == TTT_STATE_X_WON ? "X" : "O");
			put(o, " won with the line ");
			put_line_text(o, line);
			put_char(o, '.');
		}
		return;
	}
	if (g->human_move >= 0) {
		put(o, game_mark(g->human));
		put(o, " plays position ");
		put_char(o, (char)('1' + g->human_move));
		if (g->ai_move < 0) {
			if (has_line) {
				put(o, " and wins with the line ");
				put_line_text(o, line);
				put_char(o, '.');
			} else {
				put(o, "; the board is full and the game is a "
				    "draw.");
			}
			return;
		}
		put(o, ", then ");
		put(o, ai);
	} else {
		put_char(o, 'T');
		put(o, ai + 1);		/* "The AI (O)" */
	}
	put(o, " plays position ");
	put_char(o, (char)('1' + g->ai_move));
	if (g->state == TTT_STATE_IN_PROGRESS) {
		put(o, ", ");
		put_words(o, reason_words[g->reason], g->human);
		put(o, "; ");
		put(o, game_mark(g->human));
		put(o, " to move.");
	} else if (has_line) {
		put(o, " and wins with the line ");
		put_line_text(o, line);
		put_char(o, '.');
	} else {
		put(o, "; the board is full and the game is a draw.");
	}
}

static size_t
format_answer(char *buf, const struct outcome *g)
{
	static const char cell_json[3][4] = { "\" \"", "\"X\"", "\"O\"" };
	char text[TTT_BOARD_TEXT_SIZE];
	struct out o = { buf };
	int line[3];
	bool has_line;
	size_t i;

	has_line = ttt_winning_line(&g->board, line) != 0;
	put(&o, "{\"board\":[[");
	for (i = 0; i < TTT_CELLS; i++) {
		put(&o, cell_json[g->board.cell[i]]);
		put(&o, i == 8 ? "]]" : i % 3 == 2 ? "],[" : ",");
	}
	put(&o, ",\"board_text\":\"");
	ttt_board_text(&g->board, text);
	for (i = 0; text[i] != '\0'; i++)
		if (text[i] == '\n')
			put(&o, "\\n");
		else
			put_char(&o, text[i]);
	put(&o, g->state == TTT_STATE_IN_PROGRESS ?
	    "\",\"status\":\"continue\",\"winner\":\"" :
	    "\",\"status\":\"end\",\"winner\":\"");
	put(&o, game_winner(g->state));
	put(&o, "\",\"forecast\":\"");
	put(&o, game_result(ttt_forecast(&g->board, g->human)));
	put_char(&o, '"');
	if (has_line) {
		put(&o, ",\"winning_line\":[");
		put_char(&o, (char)('1' + line[0]));
		put_char(&o, ',');
		put_char(&o, (char)('1' + line[1]));
		put_char(&o, ',');
		put_char(&o, (char)('1' + line[2]));
		put_char(&o, ']');
	}
	if (g->human_move >= 0) {
		put(&o, ",\"human\":");
		put_cell(&o, g->human_move);
	}
	if (g->ai_move >= 0) {
		put(&o, ",\"move\":");
		put_cell(&o, g->ai_move);
		put(&o, ",\"reason\":\"");
		put(&o, ttt_reason_name(g->reason));
		put_char(&o, '"');
	}
	put(&o, ",\"message\":\"");
	put_message(&o, g, line, has_line);
	put(&o, "\"}");
	return (size_t)(o.p - buf);
}

/* The human's move: the game must go on, be the human's turn, the cell free. */
static int
play_human(struct outcome *g, int cell, struct handler_response *r)
{
	uint8_t taken = g->board.cell[cell];

	if (g->state != TTT_STATE_IN_PROGRESS) {
		response_error(r, HANDLER_ERR_UNPROCESSABLE, "The game on the posted "
		    "board is already over (%s), so human_move %d cannot be "
		    "played; start a new game.", g->state == TTT_STATE_DRAW ?
		    "a draw" : g->state == TTT_STATE_X_WON ? "X won" : "O won",
		    cell + 1);
		return -1;
	}
	if (game_turn(&g->board) != g->human) {
		game_turn_error(&g->board, g->human, "the human's", "Send the "
		    "board without human_move to get the AI's move, or check "
		    "\"ai\".", r);
		return -1;
	}
	if (taken != TTT_EMPTY) {
		response_error(r, HANDLER_ERR_UNPROCESSABLE, "Position %d (row %d, "
		    "column %d) is already taken by %s; human_move must be an "
		    "empty position.", cell + 1, cell / 3 + 1, cell % 3 + 1,
		    game_mark(taken));
		return -1;
	}
	ttt_play(&g->board, cell, g->human);
	g->human_move = cell;
	g->state = ttt_game_state(&g->board);
	return 0;
}

/* The AI's turn: the first version's rule without "ai", else the standard one. */
static int
ai_may_move(const struct game_input *in, const struct outcome *g,
    struct handler_response *r)
{
	if (in->ai == TTT_EMPTY) {
		if (ttt_count(&g->board, TTT_O) > ttt_count(&g->board, TTT_X)) {
			response_error(r, HANDLER_ERR_UNPROCESSABLE,
			    "It is X's turn: O already has one more mark than "
			    "X. The human plays X; add X's move and send the "
			    "board again.");
			return -1;
		}
		return 0;
	}
	if (game_turn(&g->board) != g->ai) {
		game_turn_error(&g->board, g->ai, "the AI's", "Add the human's "
		    "move to the board, or send it as human_move.", r);
		return -1;
	}
	return 0;
}

/* A game that ended in this request, seen from the AI (for the metrics). */
static enum ops_result
result_for_ai(const struct outcome *g)
{
	if (g->state == TTT_STATE_DRAW)
		return OPS_DRAW;
	return (g->state == TTT_STATE_X_WON) == (g->ai == TTT_X) ?
	    OPS_AI_WIN : OPS_HUMAN_WIN;
}

void
move_play(const struct game_input *in, struct handler_response *r)
{
	struct outcome g;
	char buf[1024];
	size_t n;

	memset(&g, 0, sizeof(g));
	g.board = in->board;
	g.ai = in->ai != TTT_EMPTY ? in->ai : TTT_O;
	g.human = g.ai == TTT_X ? TTT_O : TTT_X;
	g.human_move = g.ai_move = -1;
	/* The cheap check first: describing formats a sentence. */
	if (ttt_check_position(&g.board) != TTT_POSITION_OK) {
		ttt_position_describe(&g.board, buf, sizeof(buf));
		response_error(r, HANDLER_ERR_UNPROCESSABLE, "%s", buf);
		return;
	}
	g.state = ttt_game_state(&g.board);
	if (in->human_move >= 0 && play_human(&g, in->human_move, r) != 0)
		return;
	g.was_over = g.state != TTT_STATE_IN_PROGRESS && g.human_move < 0;
	if (g.state == TTT_STATE_IN_PROGRESS) {
		if (ai_may_move(in, &g, r) != 0)
			return;
		g.ai_move = ttt_level_move(&g.board, g.ai, in->level, in->seed);
		if (g.ai_move < 0) {
			response_error(r, HANDLER_ERR_INTERNAL, "The engine found no "
			    "move on an unfinished board.");
			return;
		}
		g.reason = ttt_move_reason(&g.board, g.ai_move, g.ai);
		ttt_play(&g.board, g.ai_move, g.ai);
		g.state = ttt_game_state(&g.board);
	}
	if (!g.was_over && g.state != TTT_STATE_IN_PROGRESS)
		ops_count_game(in->level, result_for_ai(&g));
	/* buf holds the longest answer (under 500 bytes) twice over. */
	n = format_answer(buf, &g);
	if (response_raw(r, 200, TYPE_JSON, buf, n) != 0)
		response_oom(r);
}

#define MOVE_FIELDS	(GAME_AI | GAME_HUMAN_MOVE | GAME_LEVEL | GAME_SEED)

void
move_post(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	struct game_input in;

	if (game_input_from_body(cfg, req, MOVE_FIELDS, &in, r) == 0)
		move_play(&in, r);
}

void
move_get(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	struct game_input in;

	(void)cfg;
	if (game_input_from_query(req, MOVE_FIELDS, &in, r) == 0)
		move_play(&in, r);
}
