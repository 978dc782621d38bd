/*
 * move.c - the human_move operation (POST and GET /human_move, its MCP
 * tool).  Each form is decoded by game_input.c (route.c calls it for the
 * operation declared in operation.c) and hands a struct game_input to
 * move_play(), the one code path that checks it and lets the engine play.
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

#include "game_input.h"
#include "handler_internal.h"
#include "ops/ops.h"

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
 * (marks, digits, fixed words), so it is assembled from constant pieces
 * with the bounded writer (strbuf.h): this is the hot path, and both a
 * jansson tree and snprintf cost more than the engine.  No piece holds a
 * quote, a backslash or a control character, except board_text's
 * newlines, written as \n.  The longest answer is under 500 bytes; a
 * buffer twice that size holds it, and one that did not fit would be a
 * 500, never a cut answer.
 */
#define ANSWER_MAX	1024

/* The digit of position 1-9 of a cell 0-8. */
static void
put_position(struct strbuf *o, int cell)
{
	strbuf_putc(o, (char)('1' + cell));
}

/* {"row":r,"col":c,"position":p} of a cell 0-8 (row and col from 0). */
static void
put_cell(struct strbuf *o, int cell)
{
	strbuf_put(o, "{\"row\":");
	strbuf_putu(o, (unsigned)(cell / 3));
	strbuf_put(o, ",\"col\":");
	strbuf_putu(o, (unsigned)(cell % 3));
	strbuf_put(o, ",\"position\":");
	put_position(o, cell);
	strbuf_putc(o, '}');
}

/* The line written by ttt_winning_line() as positions joined by sep:
 * "4-5-6" in a sentence, "4,5,6" in a JSON array. */
static void
put_line(struct strbuf *o, const int line[3], char sep)
{
	put_position(o, line[0]);
	strbuf_putc(o, sep);
	put_position(o, line[1]);
	strbuf_putc(o, sep);
	put_position(o, line[2]);
}

/* Why the AI's move, as words after "plays position N, " (not win). */
static const char *const reason_words[TTT_REASON__MAX] = {
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
put_words(struct strbuf *o, const char *s, ttt_cell human)
{
	for (; *s != '\0'; s++)
		strbuf_putc(o, *s == '%' ? game_mark(human)[0] : *s);
}

/* How a move ended the game: its line, or a full board. */
static void
put_ending(struct strbuf *o, const int line[3], bool has_line)
{
	if (!has_line) {
		strbuf_put(o, "; the board is full and the game is a draw.");
		return;
	}
	strbuf_put(o, " and wins with the line ");
	put_line(o, line, '-');
	strbuf_putc(o, '.');
}

/* The posted board was already over: who won, or a draw. */
static void
put_was_over(struct strbuf *o, const struct outcome *g, const int line[3])
{
	strbuf_put(o, "The game is already over: ");
	if (g->state == TTT_STATE_DRAW) {
		strbuf_put(o, "it is a draw.");
		return;
	}
	strbuf_put(o, g->state == TTT_STATE_X_WON ? "X" : "O");
	strbuf_put(o, " won with the line ");
	put_line(o, line, '-');
	strbuf_putc(o, '.');
}

/*
 * One sentence a GPT can relay: the human's move if the worker placed it,
 * the AI's move and why, and how the game stands (or how it ended).
 * At most about 110 characters; never a quote or a backslash.
 */
static void
put_message(struct strbuf *o, const struct outcome *g, const int line[3],
    bool has_line)
{
	bool ai_x = g->ai == TTT_X;

	if (g->was_over) {
		put_was_over(o, g, line);
		return;
	}
	if (g->human_move >= 0) {
		strbuf_put(o, game_mark(g->human));
		strbuf_put(o, " plays position ");
		put_position(o, g->human_move);
		if (g->ai_move < 0) {
			put_ending(o, line, has_line);
			return;
		}
		strbuf_put(o, ai_x ? ", then the AI (X)" : ", then the AI (O)");
	} else {
		strbuf_put(o, ai_x ? "The AI (X)" : "The AI (O)");
	}
	strbuf_put(o, " plays position ");
	put_position(o, g->ai_move);
	if (g->state != TTT_STATE_IN_PROGRESS) {
		put_ending(o, line, has_line);
		return;
	}
	strbuf_put(o, ", ");
	put_words(o, reason_words[g->reason], g->human);
	strbuf_put(o, "; ");
	strbuf_put(o, game_mark(g->human));
	strbuf_put(o, " to move.");
}

/* "board" as JSON and "board_text" as a JSON string. */
static void
put_board(struct strbuf *o, const ttt_board *b)
{
	static const char cell_json[3][4] = { "\" \"", "\"X\"", "\"O\"" };
	char text[TTT_BOARD_TEXT_SIZE];
	size_t i;

	strbuf_put(o, "\"board\":[[");
	for (i = 0; i < TTT_CELLS; i++) {
		strbuf_put(o, cell_json[b->cell[i] % 3]);
		strbuf_put(o, i == 8 ? "]]" : i % 3 == 2 ? "],[" : ",");
	}
	strbuf_put(o, ",\"board_text\":\"");
	ttt_board_text(b, text);
	for (i = 0; text[i] != '\0'; i++)
		if (text[i] == '\n')
			strbuf_put(o, "\\n");
		else
			strbuf_putc(o, text[i]);
	strbuf_putc(o, '"');
}

/* The answer's JSON object, in the order of the schema. */
static void
format_answer(struct strbuf *o, const struct outcome *g)
{
	int line[3];
	bool has_line = ttt_winning_line(&g->board, line) != 0;

	strbuf_putc(o, '{');
	put_board(o, &g->board);
	strbuf_put(o, g->state == TTT_STATE_IN_PROGRESS ?
	    ",\"status\":\"continue\"" : ",\"status\":\"end\"");
	strbuf_put(o, ",\"winner\":\"");
	strbuf_put(o, game_winner(g->state));
	strbuf_put(o, "\",\"forecast\":\"");
	strbuf_put(o, game_result(ttt_forecast(&g->board, g->human)));
	strbuf_putc(o, '"');
	if (has_line) {
		strbuf_put(o, ",\"winning_line\":[");
		put_line(o, line, ',');
		strbuf_putc(o, ']');
	}
	if (g->human_move >= 0) {
		strbuf_put(o, ",\"human\":");
		put_cell(o, g->human_move);
	}
	if (g->ai_move >= 0) {
		strbuf_put(o, ",\"move\":");
		put_cell(o, g->ai_move);
		strbuf_put(o, ",\"reason\":\"");
		strbuf_put(o, ttt_reason_name(g->reason));
		strbuf_putc(o, '"');
	}
	strbuf_put(o, ",\"message\":\"");
	put_message(o, g, line, has_line);
	strbuf_put(o, "\"}");
}

/* The human's move: the game must go on, be the human's turn, the cell free. */
static int
play_human(struct outcome *g, int cell, struct handler_response *r)
{
	uint8_t taken = g->board.cell[cell];
	struct strbuf words;
	char where[32];

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
		strbuf_init(&words, where, sizeof(where));
		game_cell_words(cell, &words);
		response_error(r, HANDLER_ERR_UNPROCESSABLE, "Position %d (%s) is "
		    "already taken by %s; human_move must be an empty position.",
		    cell + 1, where, game_mark(taken));
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

/* The AI's move, at the requested level, when it is its turn. */
static int
play_ai(const struct game_input *in, struct outcome *g,
    struct handler_response *r)
{
	if (ai_may_move(in, g, r) != 0)
		return -1;
	g->ai_move = ttt_level_move(&g->board, g->ai, in->level, in->seed);
	if (g->ai_move < 0) {
		response_error(r, HANDLER_ERR_INTERNAL, "The engine found no move "
		    "on an unfinished board.");
		return -1;
	}
	g->reason = ttt_move_reason(&g->board, g->ai_move, g->ai);
	ttt_play(&g->board, g->ai_move, g->ai);
	g->state = ttt_game_state(&g->board);
	return 0;
}

void
move_play(const struct game_input *in, struct handler_response *r)
{
	struct outcome g;
	struct strbuf o;
	char buf[ANSWER_MAX];

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
	if (g.state == TTT_STATE_IN_PROGRESS && play_ai(in, &g, r) != 0)
		return;
	if (!g.was_over && g.state != TTT_STATE_IN_PROGRESS)
		ops_count_game(in->level, result_for_ai(&g));
	strbuf_init(&o, buf, sizeof(buf));
	format_answer(&o, &g);
	if (!strbuf_ok(&o))
		response_error(r, HANDLER_ERR_INTERNAL, "The answer did not fit "
		    "its %d-byte buffer.", ANSWER_MAX);
	else if (response_raw(r, 200, TYPE_JSON, buf, o.len) != 0)
		response_oom(r);
}
