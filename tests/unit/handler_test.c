/*
 * handler_test.c - the pure handler, route by route, status by status:
 * every branch a client can reach, without a server (handler.h).
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "auth.h"
#include "body.h"
#include "dispatch.h"
#include "http_status.h"
#include "handler_call.h"
#include "tap.h"
#include "handler.h"
#include "handler_internal.h"
#include "ttt.h"
#include "version.h"

static struct config cfg;
/* The host names the requests below use (run(): Host example.com, server
 * name ttt.example.org); without allowed_hosts only loopback names count. */
#define TEST_HOSTS	"example.com  ttt.example.org"

struct call {
	const char *method, *path, *query, *body, *content_length;
	const char *host, *https, *xfp, *auth, *media_ranges, *server_name, *port;
	bool too_large;
	char *const *params;	/* extra CGI params, "NAME=VALUE", NULL-ended */
};

static struct handler_response resp;
static json_t *json;

/* Run one request; the previous response is freed. */
static int
run(struct call c)
{
	struct handler_request req;
	char cl[32];

	handler_response_free(&resp);
	json_decref(json);
	json = NULL;
	memset(&req, 0, sizeof(req));
	req.method = c.method;
	req.path = c.path;
	req.query = c.query;
	req.host = c.host ? c.host : "example.com";
	req.server_name = c.server_name ? c.server_name : "ttt.example.org";
	req.server_port = c.port ? c.port : c.https ? "443" : "80";
	req.https = c.https;
	req.forwarded_proto = c.xfp;
	req.authorization = c.auth;
	req.media_ranges = c.media_ranges;
	req.params = c.params;
	if (c.body != NULL) {
		snprintf(cl, sizeof(cl), "%zu", strlen(c.body));
		req.content_length = c.content_length ? c.content_length : cl;
	} else {
		req.content_length = c.content_length;
	}
	/* As the reader does: decide from Content-Length, then record. */
	body_expect(&req, c.too_large ? 0 : cfg.body_limit);
	if (c.body != NULL && req.body_state == HANDLER_BODY_COMPLETE)
		body_received(&req, (const unsigned char *)c.body,
		    strlen(c.body) < req.body_declared ? strlen(c.body) :
		    req.body_declared);
	dispatch_request(&cfg, &req, &resp);
	if (resp.body != NULL && resp.content_type != NULL &&
	    strncmp(resp.content_type, "application/json", 16) == 0)
		json = json_loadb(resp.body, resp.body_len, 0, NULL);
	return resp.status;
}

static int
post(const char *body)
{
	return run((struct call){ .method = "POST", .path = "/human_move", .body = body });
}

static int
get_move(const char *query)
{
	return run((struct call){ .method = "GET", .path = "/human_move", .query = query });
}

static const char *
header(const char *name)
{
	return answer_header(&resp, name);
}

static const char *
str(const char *key)
{
	return json_string_value(json_object_get(json, key));
}

/* An error answer: JSON {"error": "..."} only, containing `needle`. */
static bool
is_error(int status, const char *needle)
{
	const char *e = str("error");

	if (resp.status != status || e == NULL || json_object_size(json) != 1) {
		tap_diag("status %d body %.*s", resp.status, (int)resp.body_len,
		    resp.body ? resp.body : "");
		return false;
	}
	if (needle != NULL && strstr(e, needle) == NULL) {
		tap_diag("error \"%s\" lacks \"%s\"", e, needle);
		return false;
	}
	return true;
}

static const char *
board_cell(int r, int c)
{
	return json_string_value(json_array_get(json_array_get(
	    json_object_get(json, "board"), (size_t)r), (size_t)c));
}

static long
move_field(const char *k)
{
	json_t *m = json_object_get(json, "move");

	return m ? (long)json_integer_value(json_object_get(m, k)) : -1;
}

static void
test_original_scenarios(void)
{
	post("{\"board\":[[\"X\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(resp.status == 200 && strcmp(str("status"), "continue") == 0 &&
	    strcmp(str("winner"), "No winner") == 0 && move_field("position") >= 2,
	    "a legal first move gets an AI reply and the game continues");

	post("{\"board\":[[\"X\",\"X\",\" \"],[\"O\",\"O\",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(resp.status == 200 && strcmp(str("status"), "end") == 0 &&
	    strcmp(str("winner"), "O") == 0 && move_field("row") == 1 &&
	    move_field("col") == 2 && move_field("position") == 6 &&
	    strcmp(board_cell(1, 2), "O") == 0,
	    "X X _ / O O _: O completes its row and wins");

	post("{\"board\":[[\"X\",\"O\",\"X\"],[\"X\",\"O\",\"O\"],[\"O\",\"X\",\"X\"]]}");
	tap_ok(resp.status == 200 && strcmp(str("status"), "end") == 0 &&
	    strcmp(str("winner"), "Draw") == 0 &&
	    json_object_get(json, "move") == NULL,
	    "a full board with no line is a draw with no move");

	post("{\"board\":[[\"X\",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(400, "exactly 3 rows"), "a board with two rows is a 400");
	post("{\"board\":[[\" \",\" \",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(400, "exactly 3 cells"), "a row with four columns is a 400");
	post("{\"board\":[[\"Y\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(400, "board[0][0]"), "a \"Y\" cell is a 400 naming the cell");
}

static void
test_move_answer_format(void)
{
	post("{\"board\":[[\" \",\" \",\" \"],[\" \",\"X\",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(resp.status == 200 && strcmp(resp.content_type,
	    "application/json; charset=utf-8") == 0,
	    "a move answer is application/json; charset=utf-8");
	tap_ok(resp.body_len == strlen(resp.body), "the body length is exact");
	tap_ok(header("Cache-Control") && strcmp(header("Cache-Control"), "no-store") == 0,
	    "a move answer carries Cache-Control: no-store");
	tap_ok(json != NULL && move_field("row") * 3 + move_field("col") + 1 ==
	    move_field("position"), "the move's row, col and position agree");
	tap_ok(json_object_size(json) == 8 && str("board_text") != NULL &&
	    str("forecast") != NULL && str("reason") != NULL &&
	    str("message") != NULL && json_object_get(json, "winning_line") == NULL &&
	    json_object_get(json, "human") == NULL,
	    "a v1 request gets the v1 keys plus board_text, forecast, reason "
	    "and message (no winning_line, no human)");
	tap_ok(header("Access-Control-Allow-Origin") &&
	    strcmp(header("Access-Control-Allow-Origin"), "*") == 0,
	    "the default CORS origin is *");
}

static void
test_post_inputs(void)
{
	post("{\"board\":[[\"\",\"\",\"\"],[\"\",\"X\",\"\"],[\"\",\"\",\"\"]]}");
	tap_ok(resp.status == 200 && strcmp(board_cell(0, 0), "O") == 0,
	    "\"\" is accepted as an empty cell");
	post("{\"board\":[[\" \",\" \",\" \"],[\" \",\"X\",\" \"],[\" \",\" \",\" \"]],"
	    "\"player\":\"X\",\"note\":[1,2]}");
	tap_ok(resp.status == 200, "unknown extra keys are ignored");
	post("[1,2,3]");
	tap_ok(is_error(400, "must be a JSON object"), "a top-level array is a 400");
	post("{\"board\":\"X........\"}");
	tap_ok(is_error(400, "array of 3 rows"), "a string board is a 400");
	post("{\"boards\":[]}");
	tap_ok(is_error(400, "no \"board\" key"), "a missing board key is a 400");
	post("{\"board\":[\"XXX\",[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(400, "Row 1 (board[0])"), "a row that is not an array is a 400 "
	    "naming it as people count rows (from 1) and by its JSON index");
	post("{\"board\":[[1,\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(400, "not a number"), "a number cell is a 400");
	post("{\"board\":[[null,\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(400, "not null"), "a null cell is a 400");
	post("{\"board\":[[\"x\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(400, "capital"), "a lowercase cell is a 400");
	post("{\"board\":[[\"XO\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(400, "position 1"), "a two-letter cell is a 400");
	post("{\"board\": [[\"X\"");
	tap_ok(is_error(400, "not valid JSON"), "truncated JSON is a 400");
	post("{\"board\":1,\"board\":2}");
	tap_ok(is_error(400, "duplicate"), "duplicate keys are a 400");
	post("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
	tap_ok(is_error(400, "nested deeper"), "deep nesting is a 400 before parsing");
	post("{\"board\":[[\"X\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]} x");
	tap_ok(is_error(400, "not valid JSON"), "trailing data is a 400");
	post("{\"board\":[[\"\\u0000\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(400, NULL), "a \\u0000 escape is a 400");
	post("{\"board\":[[\"\xff\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(400, "not valid JSON"), "invalid UTF-8 is a 400");
}

static void
test_content_length(void)
{
	run((struct call){ .method = "POST", .path = "/human_move" });
	tap_ok(is_error(411, "Content-Length"), "POST without Content-Length is a 411");
	run((struct call){ .method = "POST", .path = "/human_move", .body = "{}",
	    .content_length = "2a" });
	tap_ok(is_error(400, "decimal"), "a malformed Content-Length is a 400");
	run((struct call){ .method = "POST", .path = "/human_move", .body = "{}",
	    .content_length = "-2" });
	tap_ok(is_error(400, "decimal"), "a negative Content-Length is a 400");
	run((struct call){ .method = "POST", .path = "/human_move", .body = "{}",
	    .content_length = "99999999999999999999999999999999" });
	tap_ok(is_error(413, NULL), "a 32-digit Content-Length is too large (413), not malformed");
	run((struct call){ .method = "POST", .path = "/human_move", .body = "{}",
	    .content_length = "16385" });
	tap_ok(is_error(413, "16384"), "a Content-Length over the limit is a 413");
	run((struct call){ .method = "POST", .path = "/human_move", .body = "{}",
	    .too_large = true });
	tap_ok(is_error(413, NULL), "a body the reader cut at the limit is a 413");
	run((struct call){ .method = "POST", .path = "/human_move", .body = "{}",
	    .content_length = "10" });
	tap_ok(is_error(400, "2 of the 10 bytes"), "a body shorter than Content-Length is a 400");
	run((struct call){ .method = "POST", .path = "/human_move", .body = "",
	    .content_length = "0" });
	tap_ok(is_error(400, "empty"), "an empty body is a 400");
}

static void
test_positions(void)
{
	post("{\"board\":[[\"X\",\"X\",\"X\"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(422, "at most one"), "X with three more marks is a 422");
	post("{\"board\":[[\"X\",\"X\",\"X\"],[\"O\",\"O\",\"O\"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(422, NULL), "both sides with a line is a 422");
	post("{\"board\":[[\"X\",\"X\",\"X\"],[\"O\",\"O\",\" \"],[\"O\",\"O\",\" \"]]}");
	tap_ok(is_error(422, NULL), "an X line with more O marks is a 422");
	post("{\"board\":[[\"O\",\"O\",\"O\"],[\"X\",\"X\",\" \"],[\"X\",\"X\",\" \"]]}");
	tap_ok(is_error(422, NULL), "an O line with more X marks is a 422");
	post("{\"board\":[[\"X\",\"X\",\"X\"],[\"O\",\"O\",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(resp.status == 200 && strcmp(str("winner"), "X") == 0 &&
	    strcmp(str("status"), "end") == 0 && json_object_get(json, "move") == NULL,
	    "a board X has won ends with winner X and no move");
	post("{\"board\":[[\"O\",\"O\",\"O\"],[\"X\",\"X\",\" \"],[\"X\",\" \",\" \"]]}");
	tap_ok(resp.status == 200 && strcmp(str("winner"), "O") == 0 &&
	    json_object_get(json, "move") == NULL,
	    "a board O has won ends with winner O and no move");
	post("{\"board\":[[\"O\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(is_error(422, "X's turn"), "O having more marks means X's turn: 422");
	post("{\"board\":[[\" \",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}");
	tap_ok(resp.status == 200 && move_field("position") == 1,
	    "on an empty board the AI opens, as the original did");
}

static void
test_get(void)
{
	char *post_body;

	post("{\"board\":[[\"X\",\" \",\" \"],[\" \",\"O\",\" \"],[\" \",\" \",\"X\"]]}");
	post_body = strdup(resp.body);
	get_move("position_1=X&position_5=O&position_9=X");
	tap_ok(resp.status == 200 && strcmp(resp.body, post_body) == 0,
	    "GET with the same board answers exactly as POST");
	free(post_body);
	get_move("position_1=X&position_5=O&position_9=X&position_2=");
	tap_ok(resp.status == 200, "an empty position value means an empty cell");
	get_move("position_5=%58");
	tap_ok(resp.status == 200 && strcmp(board_cell(1, 1), "X") == 0,
	    "percent-escapes are decoded");
	get_move("position_5=X&utm_source=gpt");
	tap_ok(resp.status == 200, "unknown query parameters are ignored");
	get_move("position_5=%5");
	tap_ok(is_error(400, "percent-escape"), "a truncated escape is a 400");
	get_move("position_5=%G1");
	tap_ok(is_error(400, "percent-escape"), "a non-hex escape is a 400");
	get_move("position_5=X%00");
	tap_ok(is_error(400, "percent-escape"), "%00 is a 400");
	get_move("position_5=X&position_5=O");
	tap_ok(is_error(400, "more than once"), "a repeated position is a 400");
	get_move("position_5=x");
	tap_ok(is_error(400, "position_5"), "a lowercase value is a 400 naming the parameter");
	get_move("position_5=+");
	tap_ok(resp.status == 200 && strcmp(board_cell(1, 1), " ") == 0 &&
	    move_field("position") == 1, "'+' decodes to a space, an empty cell");
	{
		char *q = malloc(3000);

		memset(q, 'a', 2999);
		q[2999] = '\0';
		get_move(q);
		free(q);
		tap_ok(is_error(414, "limit"), "a query string over 2048 bytes is a 414");
	}
	get_move(NULL);
	tap_ok(resp.status == 200 && move_field("position") == 1,
	    "GET with no parameters is the empty board");
	get_move("position_1=X&position_2=X&position_3=X");
	tap_ok(is_error(422, NULL), "GET shares the position checks (422)");
}

/* ---- game v2 ---- */

static int
post_json(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* POST a body built from fmt, with ' written for ". */
static int
post_json(const char *path, const char *fmt, ...)
{
	char body[512], *p;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	for (p = body; *p != '\0'; p++)
		if (*p == '\'')
			*p = '"';
	return run((struct call){ .method = "POST", .path = path, .body = body });
}

#define EMPTY_BOARD	"[[' ',' ',' '],[' ',' ',' '],[' ',' ',' ']]"
#define X1_BOARD	"[['X',' ',' '],[' ',' ',' '],[' ',' ',' ']]"
#define X1_O5_BOARD	"[['X',' ',' '],[' ','O',' '],[' ',' ',' ']]"

static void
test_v2_bad_requests(void)
{
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'ai':'o'}");
	tap_ok(is_error(400, "\"ai\" must be \"X\" or \"O\" (capital "
	    "letters), the AI's mark, not \"o\"."), "ai \"o\" is a 400");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'ai':1}");
	tap_ok(is_error(400, "\"ai\" must be \"X\" or \"O\" (capital "
	    "letters), the AI's mark, not a number; leave it out for the "
	    "default."), "ai as a number is a 400 naming the type");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'ai':null}");
	tap_ok(is_error(400, "not null"), "ai null is a 400");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'human_move':0}");
	tap_ok(is_error(400, "\"human_move\" must be an integer from 1 to 9, "
	    "the human's position (1 = top-left, 9 = bottom-right), not 0."),
	    "human_move 0 is a 400");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'human_move':10}");
	tap_ok(is_error(400, "not 10."), "human_move 10 is a 400");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'human_move':'5'}");
	tap_ok(is_error(400, "not a string"), "human_move as a string is a 400");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'human_move':5.0}");
	tap_ok(is_error(400, "not a number"), "human_move 5.0 is a 400");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'level':'Hard'}");
	tap_ok(is_error(400, "\"level\" must be \"perfect\", \"hard\", "
	    "\"medium\" or \"easy\", not \"Hard\"."), "level \"Hard\" is a 400");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'level':'%s'}",
	    "perfectperfectperfectperfect");
	tap_ok(is_error(400, "\"level\" must be"), "an over-long level is a 400");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'seed':-1}");
	tap_ok(is_error(400, "\"seed\" must be an integer from 0 to "
	    "2147483647, not -1."), "seed -1 is a 400");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'seed':2147483648}");
	tap_ok(is_error(400, "not 2147483648."), "seed 2^31 is a 400");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'seed':2147483647}");
	tap_ok(resp.status == 200, "seed 2^31 - 1 is accepted");
	post_json("/human_move", "{'board':[['Y',' ',' '],[' ',' ',' '],[' ',' ',' ']],"
	    "'ai':'Z','human_move':0}");
	tap_ok(is_error(400, "board[0][0]"), "the board is checked before the other fields");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'ai':'Z','human_move':0}");
	tap_ok(is_error(400, "\"ai\""), "then the fields, ai before human_move");
	post_json("/human_move", "{'board':[['X','X','X'],[' ',' ',' '],[' ',' ',' ']],"
	    "'human_move':0}");
	tap_ok(is_error(400, "human_move"), "a malformed field is a 400 before "
	    "an impossible board's 422");
	post_json("/hint", "{'board':" X1_O5_BOARD ",'human_move':0,'level':'x','seed':-5}");
	tap_ok(resp.status == 200, "/hint ignores human_move, level and seed like unknown keys");

	get_move("position_1=X&position_5=O&ai=x");
	tap_ok(is_error(400, "ai must be \"X\" or \"O\" (capital letters), "
	    "the AI's mark, not \"x\"."), "GET ai=x is a 400");
	get_move("position_1=X&position_5=O&ai=");
	tap_ok(is_error(400, "ai must be"), "GET ai= (empty) is a 400");
	get_move("position_1=X&position_5=O&human_move=05");
	tap_ok(is_error(400, "human_move must be an integer from 1 to 9"),
	    "GET human_move=05 is a 400");
	get_move("position_1=X&position_5=O&human_move=9&human_move=8");
	tap_ok(is_error(400, "human_move is given more than once"),
	    "GET human_move twice is a 400");
	get_move("position_1=X&position_5=O&seed=%2B1");
	tap_ok(is_error(400, "seed must be an integer from 0 to 2147483647, "
	    "not \"+1\"."), "GET seed=+1 is a 400");
	get_move("position_1=X&position_5=O&seed=99999999999");
	tap_ok(is_error(400, "seed must be"), "GET seed with 11 digits is a 400");
	get_move("level=expert&position_5=q");
	tap_ok(is_error(400, "position_5"), "GET: the board first, whatever the parameter order");
	get_move("position_1=X&position_5=O&level=easy&seed=3&ai=O&human_move=9");
	tap_ok(resp.status == 200, "GET takes every field as a query parameter");
}

static void
test_v2_unprocessable(void)
{
	post_json("/human_move", "{'board':[['X','X','X'],['O',' ',' '],[' ',' ',' ']],"
	    "'human_move':5}");
	tap_ok(is_error(422, "X has 3 marks and O has 1"), "an impossible board is a "
	    "422 before the human_move checks");
	post_json("/human_move", "{'board':[['X','X','X'],['O','O',' '],[' ',' ',' ']],"
	    "'human_move':9}");
	tap_ok(is_error(422, "The game on the posted board is already over (X "
	    "won), so human_move 9 cannot be played; start a new game."),
	    "human_move on a finished game is a 422");
	post_json("/human_move", "{'board':" X1_BOARD ",'human_move':5}");
	tap_ok(is_error(422, "It is O's turn, not the human's (X): X has 1 "
	    "mark and O has 0, and X moves first."), "human_move when it is "
	    "not the human's turn is a 422 naming whose turn");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'human_move':5}");
	tap_ok(is_error(422, "Position 5 (row 2, column 2) is already taken by "
	    "O; human_move must be an empty position."), "human_move on a "
	    "taken cell is a 422 naming the cell and its mark");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'human_move':1,'ai':'X'}");
	tap_ok(is_error(422, "not the human's (O)"), "with ai X the human is O, "
	    "and X to move is not O's turn");
	post_json("/human_move", "{'board':" X1_O5_BOARD ",'ai':'O'}");
	tap_ok(is_error(422, "It is X's turn, not the AI's (O): X has 1 mark "
	    "and O has 1"), "ai O when X and O are equal is a 422 (X moves first)");
	post_json("/human_move", "{'board':" X1_BOARD ",'ai':'X'}");
	tap_ok(is_error(422, "It is O's turn, not the AI's (X)"),
	    "ai X when X has one more mark is a 422");
	post_json("/human_move", "{'board':[['O',' ',' '],[' ',' ',' '],[' ',' ',' ']],"
	    "'ai':'X'}");
	tap_ok(is_error(422, "O has 1 mark and X has 0, but X moves first, so "
	    "it cannot be X's turn"), "O ahead of X with ai given is nobody's turn: 422");
	post_json("/human_move", "{'board':[['O',' ',' '],[' ',' ',' '],[' ',' ',' ']]}");
	tap_ok(is_error(422, "It is X's turn: O already has one more mark"),
	    "without ai the first version's X's-turn 422 is unchanged");
	post_json("/human_move", "{'board':[['X','X','X'],['O','O',' '],[' ',' ',' ']],"
	    "'ai':'O'}");
	tap_ok(resp.status == 200 && strcmp(str("status"), "end") == 0,
	    "a finished game is a 200 end before the turn check");
	post_json("/hint", "{'board':" X1_BOARD "}");
	tap_ok(is_error(422, "It is O's turn, not the human's (X)"),
	    "/hint when it is the AI's turn is a 422");
	post_json("/hint", "{'board':[['X','X','X'],[' ',' ',' '],[' ',' ',' ']]}");
	tap_ok(is_error(422, "at most one"), "/hint on an impossible board is a 422");
}

static long
int_at(const char *key, size_t i)
{
	return (long)json_integer_value(json_array_get(json_object_get(json, key), i));
}

static void
test_v2_answers(void)
{
	json_t *h;

	post_json("/human_move", "{'board':[['X','X',' '],['O','O',' '],[' ',' ',' ']]}");
	tap_ok(strcmp(str("board_text"), " X | X | 3 \n---+---+---\n O | O | O "
	    "\n---+---+---\n 7 | 8 | 9 ") == 0, "board_text draws the returned board");
	tap_ok(strcmp(str("reason"), "win") == 0 && strcmp(str("forecast"), "O") == 0 &&
	    int_at("winning_line", 0) == 4 && int_at("winning_line", 2) == 6,
	    "a winning move: reason win, forecast O, winning_line [4,5,6]");
	tap_ok(strcmp(str("message"), "The AI (O) plays position 6 and wins "
	    "with the line 4-5-6.") == 0, "the message names the move and the result");

	post_json("/human_move", "{'board':" X1_O5_BOARD ",'human_move':2}");
	h = json_object_get(json, "human");
	tap_ok(resp.status == 200 && h != NULL &&
	    json_integer_value(json_object_get(h, "position")) == 2 &&
	    json_integer_value(json_object_get(h, "row")) == 0 &&
	    json_integer_value(json_object_get(h, "col")) == 1 &&
	    strcmp(board_cell(0, 1), "X") == 0 && move_field("position") == 3 &&
	    strcmp(str("reason"), "block") == 0,
	    "human_move 2: X placed and echoed, the AI blocks at 3");
	tap_ok(strcmp(str("message"), "X plays position 2, then the AI (O) "
	    "plays position 3, blocking X's line; X to move.") == 0,
	    "the message names both moves and the reason");

	post_json("/human_move", "{'board':[['X','X',' '],['O','O',' '],[' ',' ',' ']],"
	    "'human_move':3}");
	tap_ok(resp.status == 200 && strcmp(str("status"), "end") == 0 &&
	    strcmp(str("winner"), "X") == 0 && json_object_get(json, "move") == NULL &&
	    json_object_get(json, "reason") == NULL &&
	    strcmp(str("message"), "X plays position 3 and wins with the line "
	    "1-2-3.") == 0, "a human move that wins ends the game with no AI move");

	post_json("/human_move", "{'board':[['X','O','X'],['X','O','O'],['O','X',' ']],"
	    "'human_move':9}");
	tap_ok(resp.status == 200 && strcmp(str("winner"), "Draw") == 0 &&
	    strcmp(str("forecast"), "Draw") == 0 &&
	    strstr(str("message"), "the game is a draw") != NULL,
	    "a human move that fills the board is a draw");

	post_json("/human_move", "{'board':" EMPTY_BOARD ",'ai':'X'}");
	tap_ok(resp.status == 200 && strcmp(board_cell(0, 0), "X") == 0 &&
	    strcmp(str("message"), "The AI (X) plays position 1, a corner; O to "
	    "move.") == 0, "ai X opens the game as X");

	post_json("/human_move", "{'board':[['X','X','X'],['O','O',' '],[' ',' ',' ']]}");
	tap_ok(strcmp(str("message"), "The game is already over: X won with "
	    "the line 1-2-3.") == 0 && int_at("winning_line", 0) == 1,
	    "a finished board: the message says so and names the line");

	post_json("/hint", "{'board':[['X','O',' '],[' ',' ',' '],[' ',' ',' ']]}");
	tap_ok(resp.status == 200 && json_object_size(json) == 6 &&
	    json_array_size(json_object_get(json, "moves")) == 7 &&
	    json_array_size(json_object_get(json, "best")) == 3 &&
	    int_at("best", 0) == 4 && int_at("best", 1) == 5 && int_at("best", 2) == 7,
	    "/hint rates the 7 free cells; best are the winning 4, 5, 7");
	h = json_array_get(json_object_get(json, "moves"), 3);
	tap_ok(json_integer_value(json_object_get(h, "position")) == 3 &&
	    strcmp(json_string_value(json_object_get(h, "forecast")), "Draw") == 0 &&
	    json_integer_value(json_object_get(h, "row")) == 0 &&
	    json_integer_value(json_object_get(h, "col")) == 2,
	    "after the wins come the draws, in position order");
	run((struct call){ .method = "GET", .path = "/hint",
	    .query = "position_1=X&position_2=O" });
	{
		char *get_body = strdup(resp.body);

		post_json("/hint", "{'board':[['X','O',' '],[' ',' ',' '],[' ',' ',' ']]}");
		tap_ok(strcmp(get_body, resp.body) == 0, "GET /hint answers exactly as POST");
		free(get_body);
	}
	post_json("/hint", "{'board':[['X','X','X'],['O','O',' '],[' ',' ',' ']]}");
	tap_ok(resp.status == 200 && strcmp(str("status"), "end") == 0 &&
	    json_array_size(json_object_get(json, "moves")) == 0 &&
	    json_array_size(json_object_get(json, "best")) == 0,
	    "/hint on a finished board: end, no moves");
	post_json("/hint", "{'board':" X1_BOARD ",'ai':'X'}");
	h = json_array_get(json_object_get(json, "moves"), 0);
	tap_ok(resp.status == 200 && json_integer_value(json_object_get(h,
	    "position")) == 5, "/hint with ai X rates O's moves (the centre first)");
	run((struct call){ .method = "GET", .path = "/hint", .query = "position_1=X" });
	tap_ok(header("Cache-Control") && strcmp(header("Cache-Control"), "no-store") == 0,
	    "hint answers carry Cache-Control: no-store");
}

/* Levels and seeds: deterministic, legal, and hard never throws a draw away. */
static void
test_v2_levels(void)
{
	static const char *const levels[] = { "perfect", "hard", "medium", "easy" };
	char first[1024];
	bool same = true, legal = true, varied = false;
	long pos0 = -1;
	int l, seed;

	for (l = 0; l < 4; l++)
		for (seed = 0; seed < 12; seed++) {
			post_json("/human_move", "{'board':" X1_BOARD ",'level':'%s',"
			    "'seed':%d}", levels[l], seed);
			if (resp.status != 200 || move_field("position") < 2)
				legal = false;
			if (l == 1 && strcmp(str("forecast"), "Draw") != 0)
				legal = false;
			if (l == 3 && seed == 0)
				pos0 = move_field("position");
			else if (l == 3 && move_field("position") != pos0)
				varied = true;
			snprintf(first, sizeof(first), "%s", resp.body);
			post_json("/human_move", "{'board':" X1_BOARD ",'level':'%s',"
			    "'seed':%d}", levels[l], seed);
			if (strcmp(first, resp.body) != 0)
				same = false;
		}
	tap_ok(legal, "every level plays a free cell; hard keeps the draw");
	tap_ok(same, "the same request always gets the same move");
	tap_ok(varied, "easy varies its move with the seed");
	post_json("/human_move", "{'board':" X1_BOARD ",'level':'perfect','seed':99}");
	snprintf(first, sizeof(first), "%s", resp.body);
	post_json("/human_move", "{'board':" X1_BOARD "}");
	tap_ok(strcmp(first, resp.body) == 0, "perfect ignores the seed and is the default");
}

static const char *
mark_json(uint8_t c)
{
	return c == TTT_X ? "X" : c == TTT_O ? "O" : " ";
}

/*
 * Every board of 9 cells (3^9), POSTed without and with ai: the handler's
 * status and every field against direct engine calls.  This tests the
 * mapping, not the engine (the engine's own tests check its answers).
 */
static void
test_v2_every_board(void)
{
	static const char *const names[] = { "Draw", "X", "O" };
	char body[256], text[TTT_BOARD_TEXT_SIZE];
	int code, k, i, line[3], cells = 0, bad = 0, checked = 0;
	ttt_board b, after;
	ttt_cell ai;

	for (code = 0; code < 19683; code++) {
		for (i = 0, k = code; i < TTT_CELLS; i++, k /= 3)
			b.cell[i] = (uint8_t)(k % 3);
		for (ai = TTT_EMPTY; ai <= TTT_O; ai++) {
			int want, move = -1;
			ttt_cell turn, mover = ai == TTT_EMPTY ? TTT_O : ai;

			snprintf(body, sizeof(body), "{\"board\":[[\"%s\",\"%s\","
			    "\"%s\"],[\"%s\",\"%s\",\"%s\"],[\"%s\",\"%s\",\"%s\"]]%s%s%s}",
			    mark_json(b.cell[0]), mark_json(b.cell[1]),
			    mark_json(b.cell[2]), mark_json(b.cell[3]),
			    mark_json(b.cell[4]), mark_json(b.cell[5]),
			    mark_json(b.cell[6]), mark_json(b.cell[7]),
			    mark_json(b.cell[8]), ai == TTT_EMPTY ? "" :
			    ",\"ai\":\"", ai == TTT_EMPTY ? "" : mark_json(ai),
			    ai == TTT_EMPTY ? "" : "\"");
			post(body);
			turn = ttt_count(&b, TTT_X) == ttt_count(&b, TTT_O) ?
			    TTT_X : ttt_count(&b, TTT_X) == ttt_count(&b, TTT_O) + 1 ?
			    TTT_O : TTT_EMPTY;
			if (ttt_check_position(&b) != TTT_POSITION_OK)
				want = 422;
			else if (ttt_game_state(&b) != TTT_STATE_IN_PROGRESS)
				want = 200;
			else if (ai == TTT_EMPTY)
				want = ttt_count(&b, TTT_O) > ttt_count(&b, TTT_X) ? 422 : 200;
			else
				want = turn == ai ? 200 : 422;
			checked++;
			if (resp.status != want || json == NULL) {
				bad++;
				continue;
			}
			if (want != 200)
				continue;
			cells++;
			after = b;
			if (ttt_game_state(&b) == TTT_STATE_IN_PROGRESS) {
				move = ttt_best_move(&b, mover);
				ttt_play(&after, move, mover);
			}
			ttt_board_text(&after, text);
			if (move_field("position") != move + (move >= 0 ? 1 : 0) ||
			    strcmp(str("board_text"), text) != 0 ||
			    strcmp(str("forecast"), names[ttt_forecast(&after,
			    mover == TTT_X ? TTT_O : TTT_X)]) != 0 ||
			    (move >= 0 && strcmp(str("reason"), ttt_reason_name(
			    ttt_move_reason(&b, move, mover))) != 0) ||
			    (move < 0 && json_object_get(json, "reason") != NULL) ||
			    strlen(str("message")) > 200 ||
			    (ttt_winning_line(&after, line) ?
			    int_at("winning_line", 0) != line[0] + 1 ||
			    int_at("winning_line", 1) != line[1] + 1 ||
			    int_at("winning_line", 2) != line[2] + 1 :
			    json_object_get(json, "winning_line") != NULL) ||
			    (move >= 0 && strstr(str("message"), "position ") == NULL))
				bad++;
			for (i = 0; i < TTT_CELLS; i++)
				if (strcmp(board_cell(i / 3, i % 3),
				    mark_json(after.cell[i])) != 0)
					bad++;
		}
	}
	snprintf(text, sizeof(text), "%d wrong of %d", bad, checked);
	if (bad != 0)
		tap_diag("%s", text);
	tap_ok(bad == 0 && checked == 3 * 19683 && cells > 5000,
	    "all 3^9 boards x (no ai, ai X, ai O): status, board, move, "
	    "board_text, forecast, reason, winning_line as the engine says");
}

/* Every parameter the document gives the GET operations is one the
 * handler knows: a bad value is a 400 that names it. */
static void
test_documented_params_known(void)
{
	static const char *const paths[] = { "/human_move", "/hint" };
	char query[64];
	json_t *doc, *p;
	const char *name;
	size_t i, k, n = 0;
	bool ok = true;

	run((struct call){ .method = "GET", .path = "/docs" });
	doc = json_incref(json);
	for (k = 0; k < 2; k++)
		json_array_foreach(json_object_get(json_object_get(json_object_get(
		    json_object_get(doc, "paths"), paths[k]), "get"),
		    "parameters"), i, p) {
			name = json_string_value(json_object_get(p, "name"));
			snprintf(query, sizeof(query), "%s=zz%%21", name);
			run((struct call){ .method = "GET", .path = paths[k],
			    .query = query });
			if (!is_error(400, name))
				ok = false;
			n++;
		}
	json_decref(doc);
	tap_ok(ok && n == 9 + 4 + 9 + 1, "each of the 23 documented query "
	    "parameters is validated by the handler");
}

static json_t *
docs(struct call c)
{
	c.method = "GET";
	c.path = c.path ? c.path : "/docs";
	run(c);
	return json;
}

static const char *
server_url(void)
{
	return json_string_value(json_object_get(json_array_get(
	    json_object_get(json, "servers"), 0), "url"));
}

/* The game operations: the only ones in the document a GPT imports. */
static const size_t expected_ops = 4;

static bool
each_operation_ok(json_t *doc)
{
	const char *path, *method;
	json_t *item, *op;
	char seen[16][80];
	size_t nseen = 0, i;
	bool good = true;

	json_object_foreach(json_object_get(doc, "paths"), path, item) {
		json_object_foreach(item, method, op) {
			const char *id = json_string_value(json_object_get(op, "operationId"));
			const char *sum = json_string_value(json_object_get(op, "summary"));
			const char *desc = json_string_value(json_object_get(op, "description"));

			if (strcmp(method, "head") == 0 || strcmp(method, "options") == 0)
				good = false;
			if (!id || strlen(id) > 64 || strspn(id, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != strlen(id))
				good = false;
			for (i = 0; id && i < nseen; i++)
				if (strcmp(seen[i], id) == 0)
					good = false;
			if (id && nseen < 16)
				snprintf(seen[nseen++], sizeof(seen[0]), "%s", id);
			if (!sum || strlen(sum) > 300 || !desc || strlen(desc) > 300)
				good = false;
			if (!json_is_boolean(json_object_get(op, "x-openai-isConsequential")))
				good = false;
			/* Every documented answer shows a real example. */
			{
				const char *code;
				json_t *r, *media;

				json_object_foreach(json_object_get(op, "responses"), code, r) {
					media = json_object_get(json_object_get(r,
					    "content"), "application/json");
					if (json_object_get(media, "example") == NULL &&
					    json_object_get(media, "examples") == NULL) {
						tap_diag("%s %s %s has no example", method, path, code);
						good = false;
					}
				}
			}
		}
	}
	return good && nseen == expected_ops;
}

static void
test_docs(void)
{
	json_t *doc, *post_op;
	char v1[64], v2[64];

	doc = docs((struct call){ .https = "on" });
	tap_ok(resp.status == 200 && doc != NULL &&
	    strcmp(json_string_value(json_object_get(doc, "openapi")), "3.1.0") == 0,
	    "/docs serves an OpenAPI 3.1 document");
	tap_ok(json_array_size(json_object_get(doc, "servers")) == 1 &&
	    strcmp(server_url(), "https://example.com") == 0,
	    "one server, https and the Host when nginx says HTTPS=on");
	tap_ok(each_operation_ok(doc),
	    "operationIds unique and valid, summaries short, no HEAD/OPTIONS, "
	    "an example for every answer");
	tap_ok(json_object_get(json_object_get(doc, "paths"), "/docs") == NULL &&
	    json_object_get(json_object_get(doc, "paths"), "/healthz") == NULL &&
	    json_object_get(json_object_get(doc, "paths"), "/") == NULL &&
	    json_object_get(json_object_get(doc, "paths"), "/privacy") == NULL,
	    "the document lists only the game operations, not the service pages");
	post_op = json_object_get(json_object_get(json_object_get(doc, "paths"),
	    "/human_move"), "post");
	tap_ok(json_is_false(json_object_get(post_op, "x-openai-isConsequential")) &&
	    json_is_false(json_object_get(json_object_get(json_object_get(json_object_get(
	    doc, "paths"), "/human_move"), "get"), "x-openai-isConsequential")),
	    "both move operations are not consequential by default");
	tap_ok(json_object_get(json_object_get(post_op, "responses"), "401") == NULL &&
	    json_object_get(json_object_get(doc, "components"), "securitySchemes") == NULL,
	    "without an API key there is no 401 and no security scheme");
	snprintf(v1, sizeof(v1), "%s", json_string_value(json_object_get(
	    json_object_get(doc, "info"), "version")));
	tap_ok(strncmp(v1, WORKER_VERSION "+", strlen(WORKER_VERSION) + 1) == 0 &&
	    strlen(v1) == strlen(WORKER_VERSION) + 9,
	    "info.version is the worker's version (the default) plus an 8-digit hash");

	docs((struct call){ .https = NULL });
	tap_ok(strcmp(server_url(), "http://example.com") == 0,
	    "without TLS the server URL is http");
	docs((struct call){ .xfp = "https" });
	tap_ok(strcmp(server_url(), "http://example.com") == 0,
	    "X-Forwarded-Proto is ignored unless trusted");
	cfg.trust_forwarded_proto = true;
	docs((struct call){ .xfp = "https" });
	tap_ok(strcmp(server_url(), "https://example.com") == 0,
	    "a trusted X-Forwarded-Proto: https makes it https");
	cfg.trust_forwarded_proto = false;
	docs((struct call){ .https = "on", .host = "evil.example" });
	tap_ok(resp.status == 421 && json_is_string(json_object_get(json,
	    "error")) && strstr(resp.body, "evil") == NULL,
	    "a Host that is not ours gets 421 with a JSON error, never a "
	    "document naming it");
	docs((struct call){ .https = "on", .host = "EXAMPLE.com:8443" });
	tap_ok(resp.status == 200, "an allowed name matches in any case, any port");
	docs((struct call){ .https = "on", .host = "evil.com/path?x" });
	tap_ok(resp.status == 421, "a Host that is not host[:port] is refused");
	run((struct call){ .method = "GET", .path = "/", .https = "on",
	    .host = "evil.example", .media_ranges = "text/html" });
	tap_ok(resp.status == 200 && strstr(resp.body, "evil") == NULL &&
	    strstr(resp.body, "https://ttt.example.org/docs") != NULL,
	    "the home page for a Host not ours names the server's own name, "
	    "never that Host");
	docs((struct call){ .https = "on", .host = "zq zq\"c" });
	tap_ok(strstr(resp.body, "zq") == NULL, "a malformed Host never reaches the document");
	{
		struct handler_request req = { .method = "GET", .path = "/docs",
		    .https = "on", .server_name = "ttt.example.org",
		    .server_port = "443" };

		handler_response_free(&resp);
		dispatch_request(&cfg, &req, &resp);
		tap_ok(resp.status == 200 && strstr(resp.body,
		    "\"https://ttt.example.org\"") != NULL,
		    "without a Host, the server's own name (SERVER_NAME) is used");
	}
	free(cfg.allowed_hosts);
	cfg.allowed_hosts = strdup("");
	docs((struct call){ .https = "on", .host = "example.com" });
	tap_ok(resp.status == 421, "allowed_hosts empty: example.com is refused");
	docs((struct call){ .https = "on", .host = "localhost:8080" });
	tap_ok(resp.status == 200 && strcmp(server_url(), "https://localhost:8080") == 0,
	    "allowed_hosts empty: localhost is served");
	free(cfg.allowed_hosts);
	cfg.allowed_hosts = strdup(TEST_HOSTS);
	docs((struct call){ .https = "on", .host = "127.0.0.1:8443" });
	tap_ok(strcmp(server_url(), "https://127.0.0.1:8443") == 0, "host:port is kept");
	docs((struct call){ .https = "on", .host = "example.com", .port = "8443" });
	tap_ok(strcmp(server_url(), "https://example.com:8443") == 0,
	    "a Host without port gets SERVER_PORT when it is not the default");
	docs((struct call){ .https = "on", .host = "[::1]:8443" });
	tap_ok(strcmp(server_url(), "https://[::1]:8443") == 0, "an IPv6 host is kept");
	free(cfg.public_url);
	cfg.public_url = strdup("https://ttt.example.net");
	docs((struct call){ .https = NULL, .host = "ttt.example.net:8443" });
	tap_ok(strcmp(server_url(), "https://ttt.example.net") == 0,
	    "a configured public_url wins over the request");
	docs((struct call){ .https = NULL, .host = "evil.example" });
	tap_ok(resp.status == 200 && strstr(resp.body, "evil") == NULL,
	    "with public_url set, any Host gets that one document");
	snprintf(v2, sizeof(v2), "%s", json_string_value(json_object_get(
	    json_object_get(json, "info"), "version")));
	tap_ok(strcmp(v1, v2) != 0, "info.version changes when the document changes");
	docs((struct call){ .https = "on" });
	tap_ok(strcmp(v2, json_string_value(json_object_get(json_object_get(json,
	    "info"), "version"))) == 0, "info.version is stable for the same document");
	{
		char *docs_body = strdup(resp.body);

		docs((struct call){ .path = "/openapi.json" });
		tap_ok(resp.status == 200 && strcmp(docs_body, resp.body) == 0,
		    "/openapi.json serves the same document as /docs");
		free(docs_body);
	}
	cfg.consequential = true;
	docs((struct call){ 0 });
	tap_ok(json_is_true(json_object_get(json_object_get(json_object_get(json_object_get(
	    json, "paths"), "/human_move"), "post"), "x-openai-isConsequential")),
	    "consequential = true marks the move operations");
	cfg.consequential = false;
	free(cfg.public_url);
	cfg.public_url = strdup("");
}

/* ---- the document cache ---- */

struct docs_thread {
	const char *host;
	char *body;		/* the last answer */
	bool same;		/* every answer equal to the first */
};

static void *
docs_worker(void *arg)
{
	struct docs_thread *t = arg;
	struct handler_request req;
	struct handler_response r;
	int i;

	t->same = true;
	for (i = 0; i < 40; i++) {
		memset(&req, 0, sizeof(req));
		req.method = "GET";
		req.path = (i & 1) ? "/docs" : "/openapi.json";
		req.host = t->host;
		req.https = "on";
		dispatch_request(&cfg, &req, &r);
		if (r.status != 200)
			t->same = false;
		else if (t->body == NULL)
			t->body = strdup(r.body);
		else if (strcmp(t->body, r.body) != 0)
			t->same = false;
		handler_response_free(&r);
	}
	return NULL;
}

static void
test_docs_cache(void)
{
	enum { NT = 4 };
	static const char *const hosts[NT] = { "a.example.org",
	    "b.example.org", "a.example.org", "c.example.org:8443" };
	struct docs_thread t[NT];
	pthread_t tid[NT];
	char *first, *fresh, *url;
	json_t *doc;
	bool ok = true;
	char allowed[512];
	size_t n;
	int i;

	n = (size_t)snprintf(allowed, sizeof(allowed), "cache.example.org "
	    "a.example.org b.example.org c.example.org");
	for (i = 0; i < 20; i++)
		n += (size_t)snprintf(allowed + n, sizeof(allowed) - n,
		    " h%d.example.org", i);
	free(cfg.allowed_hosts);
	cfg.allowed_hosts = strdup(allowed);
	docs((struct call){ .https = "on", .host = "cache.example.org" });
	first = strdup(resp.body);
	docs((struct call){ .https = "on", .host = "cache.example.org" });
	tap_ok(strcmp(first, resp.body) == 0, "a second /docs is the same bytes");
	/* What the cache holds is what a fresh build gives. */
	doc = openapi_document(&cfg, "https://cache.example.org");
	fresh = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	tap_ok(fresh != NULL && strcmp(first, fresh) == 0,
	    "the cached document equals a freshly built one");
	free(fresh);
	json_decref(doc);
	/* More distinct URLs than slots: old ones are evicted, never wrong. */
	for (i = 0; i < 20; i++) {
		char host[32];

		snprintf(host, sizeof(host), "h%d.example.org", i);
		docs((struct call){ .https = "on", .host = host });
		url = (char *)server_url();
		if (url == NULL || strncmp(url + 8, host, strlen(host)) != 0)
			ok = false;
	}
	docs((struct call){ .https = "on", .host = "cache.example.org" });
	tap_ok(ok && strcmp(first, resp.body) == 0,
	    "20 distinct hosts: each gets its own URL, and the first is rebuilt the same");
	for (i = 0; i < 100; i++) {
		char host[32];

		snprintf(host, sizeof(host), "x%d.example.org", i);
		docs((struct call){ .https = "on", .host = host });
		if (resp.status != 421)
			ok = false;
	}
	tap_ok(ok, "100 hosts that are not ours: 421 each, no document built");
	cfg.consequential = true;
	docs((struct call){ .https = "on", .host = "cache.example.org" });
	tap_ok(strcmp(first, resp.body) != 0,
	    "a configuration change is a different document, not a stale copy");
	cfg.consequential = false;
	free(first);

	for (i = 0; i < NT; i++) {
		t[i] = (struct docs_thread){ hosts[i], NULL, false };
		if (pthread_create(&tid[i], NULL, docs_worker, &t[i]) != 0)
			t[i].host = NULL;
	}
	for (i = 0; i < NT; i++)
		if (t[i].host != NULL)
			pthread_join(tid[i], NULL);
	for (i = 0; i < NT; i++) {
		if (t[i].host == NULL || !t[i].same || t[i].body == NULL ||
		    strstr(t[i].body, t[i].host) == NULL)
			ok = false;
		free(t[i].body);
	}
	tap_ok(ok, "4 threads x 40 requests for 3 URLs: each answer is its own URL's document");
	docs_cache_clear();
	free(cfg.allowed_hosts);
	cfg.allowed_hosts = strdup(TEST_HOSTS);
}

static void
test_pages(void)
{
	run((struct call){ .method = "GET", .path = "/healthz" });
	tap_ok(resp.status == 200 && strcmp(str("status"), "ok") == 0,
	    "/healthz answers {\"status\":\"ok\"}");
	run((struct call){ .method = "HEAD", .path = "/healthz" });
	tap_ok(resp.status == 200 && resp.head_only && resp.body_len == 15,
	    "HEAD answers like GET with the body suppressed");
	run((struct call){ .method = "GET", .path = "/" });
	tap_ok(resp.status == 200 && strcmp(str("name"), "ttt-fcgi") == 0 &&
	    json_object_get(json_object_get(json, "endpoints"), "docs") != NULL,
	    "/ names the service and links the endpoints");
	run((struct call){ .method = "GET", .path = "/privacy" });
	tap_ok(resp.status == 200 && strstr(str("privacy"), "does not record boards") != NULL,
	    "/privacy answers JSON saying no board is logged");
	run((struct call){ .method = "GET", .path = "/privacy",
	    .media_ranges = "text/html,application/xhtml+xml,*/*;q=0.8" });
	tap_ok(resp.status == 200 && strcmp(resp.content_type, "text/html; charset=utf-8") == 0 &&
	    strstr(resp.body, "does not record boards") != NULL,
	    "a browser asking for text/html gets the privacy page");
	run((struct call){ .method = "GET", .path = "/privacy",
	    .media_ranges = "application/json, text/html;q=0.5" });
	tap_ok(strncmp(resp.content_type, "application/json", 16) == 0,
	    "Accept preferring JSON gets JSON");
	run((struct call){ .method = "OPTIONS", .path = "/human_move" });
	tap_ok(resp.status == 204 && header("Access-Control-Allow-Methods") != NULL &&
	    strstr(header("Access-Control-Allow-Headers"), "Authorization") != NULL,
	    "OPTIONS answers a CORS preflight with 204");
	run((struct call){ .method = "PUT", .path = "/healthz" });
	tap_ok(is_error(405, "PUT") && strcmp(header("Allow"), "GET, HEAD, OPTIONS") == 0,
	    "PUT /healthz is a 405 with Allow");
	run((struct call){ .method = "DELETE", .path = "/human_move" });
	tap_ok(is_error(405, NULL) && strstr(header("Allow"), "POST") != NULL,
	    "DELETE /human_move is a 405 whose Allow lists POST");
	run((struct call){ .method = "GET", .path = "/nope" });
	tap_ok(is_error(404, "/docs"), "an unknown path is a JSON 404 pointing at /docs");
	run((struct call){ .method = "GET", .path = "/../etc/passwd" });
	tap_ok(is_error(404, NULL), "a path with .. is a 404");
	run((struct call){ .method = NULL, .path = "/" });
	tap_ok(is_error(400, "method"), "a request without a method is a 400");
	free(cfg.cors_origin);
	cfg.cors_origin = strdup("https://chat.openai.com");
	run((struct call){ .method = "GET", .path = "/healthz" });
	tap_ok(strcmp(header("Access-Control-Allow-Origin"), "https://chat.openai.com") == 0 &&
	    header("Vary") != NULL, "a configured CORS origin is sent with Vary: Origin");
	free(cfg.cors_origin);
	cfg.cors_origin = strdup("*");
}

static void
test_auth(void)
{
	static const char key[] = "s3cret-key-0123456789";
	static const char board[] =
	    "{\"board\":[[\"X\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}";

	memcpy(cfg.api_key, key, sizeof(key));
	cfg.api_key_len = sizeof(key) - 1;
	run((struct call){ .method = "POST", .path = "/human_move", .body = board });
	tap_ok(is_error(401, "Bearer") && header("WWW-Authenticate") != NULL &&
	    strncmp(header("WWW-Authenticate"), "Bearer", 6) == 0,
	    "with a key, a missing Authorization is a 401 with WWW-Authenticate");
	run((struct call){ .method = "POST", .path = "/human_move", .body = board,
	    .auth = "Bearer s3cret-key-0123456780" });
	tap_ok(is_error(401, NULL), "a wrong key is a 401");
	run((struct call){ .method = "POST", .path = "/human_move", .body = board,
	    .auth = "Bearer s3cret-key-012345678" });
	tap_ok(is_error(401, NULL), "a prefix of the key is a 401");
	run((struct call){ .method = "POST", .path = "/human_move", .body = board,
	    .auth = "Basic czNjcmV0" });
	tap_ok(is_error(401, NULL), "another scheme is a 401");
	run((struct call){ .method = "POST", .path = "/human_move", .body = board,
	    .auth = "Bearer s3cret-key-0123456789" });
	tap_ok(resp.status == 200, "the right key plays");
	run((struct call){ .method = "GET", .path = "/human_move",
	    .query = "position_1=X", .auth = "bearer s3cret-key-0123456789" });
	tap_ok(resp.status == 200, "the scheme name is case-insensitive, GET too");
	run((struct call){ .method = "GET", .path = "/human_move", .query = "position_1=X" });
	tap_ok(is_error(401, NULL), "GET /human_move needs the key too");
	docs((struct call){ .https = "on" });
	tap_ok(resp.status == 200 && json_object_get(json_object_get(json_object_get(
	    json, "components"), "securitySchemes"), "bearerAuth") != NULL &&
	    json_object_get(json_object_get(json_object_get(json_object_get(json_object_get(
	    json, "paths"), "/human_move"), "post"), "responses"), "401") != NULL,
	    "docs stay public and document the bearer scheme and 401");
	run((struct call){ .method = "GET", .path = "/healthz" });
	tap_ok(resp.status == 200, "health stays public");

	/* basic: the challenge a browser answers with its own login dialog,
	 * except for the home page's requests, which carry the page's mark. */
	{
		char *mark[] = { AUTH_PAGE_MARK_PARAM "=" AUTH_PAGE_MARK_VALUE, NULL };
		char *other[] = { AUTH_PAGE_MARK_PARAM "=fetch", NULL };
		char *saved = cfg.api_key_type;

		cfg.api_key_type = (char *)"basic";
		run((struct call){ .method = "POST", .path = "/human_move", .body = board,
		    .auth = "Basic wrong" });
		tap_ok(is_error(401, "Basic") && header("WWW-Authenticate") != NULL &&
		    strcmp(header("WWW-Authenticate"), "Basic realm=\"ttt-fcgi\"") == 0,
		    "basic: a wrong key is a 401 with a Basic challenge");
		run((struct call){ .method = "POST", .path = "/human_move", .body = board,
		    .auth = "Basic wrong", .params = mark });
		tap_ok(is_error(401, "Basic") && header("WWW-Authenticate") != NULL &&
		    strncmp(header("WWW-Authenticate"), "ApiKey ", 7) == 0,
		    "basic: the home page's request gets a challenge no browser answers with a dialog");
		run((struct call){ .method = "POST", .path = "/human_move", .body = board,
		    .auth = "Basic wrong", .params = other });
		tap_ok(resp.status == 401 && header("WWW-Authenticate") != NULL &&
		    strncmp(header("WWW-Authenticate"), "Basic ", 6) == 0,
		    "basic: another X-Requested-With value still gets the Basic challenge");
		run((struct call){ .method = "POST", .path = "/human_move", .body = board,
		    .auth = "Basic s3cret-key-0123456789", .params = mark });
		tap_ok(resp.status == 200, "basic: the right key plays, marked or not");
		cfg.api_key_type = saved;
	}
	memset(cfg.api_key, 0, sizeof(cfg.api_key));
	cfg.api_key_len = 0;
}

/* The route table is the one source of ids, the index and the policies. */
static void
test_route_table(void)
{
	char id[ROUTE_OPID_MAX];
	json_t *index;
	size_t i, listed = 0, route_count;
	const struct route *route_table = route_list(&route_count);
	bool ok = true;

	tap_ok(strcmp(cfg.operation_id, ROUTE_OPID_BASE) == 0,
	    "the operation_id default is the table's renamable base");
	for (i = 0; i < route_count; i++)
		if (route_table[i].renamable && strncmp(route_table[i].operation_id,
		    ROUTE_OPID_BASE, strlen(ROUTE_OPID_BASE)) != 0)
			ok = false;
	tap_ok(ok, "every renamable operationId starts with the base");
	free(cfg.operation_id);
	cfg.operation_id = strdup("playMove");
	for (i = 0; i < route_count; i++)
		if (strcmp(route_table[i].path, "/human_move") == 0 &&
		    strcmp(route_table[i].method, "GET") == 0)
			break;
	tap_ok(i < route_count && strcmp(route_operation_id(&cfg,
	    &route_table[i], id, sizeof(id)), "playMoveGet") == 0,
	    "operation_id renames the base of the move operations");
	tap_ok(route_opid_conflict("playMove") == NULL,
	    "a fresh base conflicts with nothing");
	/* Each fixed id, tried as the base: a conflict, and the document
	 * keeps the table's ids for the renamable routes. */
	for (i = 0; i < route_count; i++) {
		const struct route *fixed = &route_table[i];
		size_t j;

		if (!fixed->documented || fixed->renamable)
			continue;
		free(cfg.operation_id);
		cfg.operation_id = strdup(fixed->operation_id);
		if (route_opid_conflict(fixed->operation_id) == NULL)
			ok = false;
		for (j = 0; j < route_count; j++)
			if (route_table[j].renamable && strcmp(route_operation_id(
			    &cfg, &route_table[j], id, sizeof(id)),
			    route_table[j].operation_id) != 0)
				ok = false;
	}
	tap_ok(ok, "a base that would repeat a fixed operationId is a "
	    "conflict, and the document keeps the table's ids");
	free(cfg.operation_id);
	cfg.operation_id = strdup(ROUTE_OPID_BASE);

	index = route_index();
	for (i = 0; i < route_count; i++)
		if (route_table[i].index_key != NULL) {
			listed++;
			if (strcmp(json_string_value(json_object_get(index,
			    route_table[i].index_key)), route_table[i].path) != 0)
				ok = false;
		}
	tap_ok(ok && listed > 0 && json_object_size(index) == listed,
	    "the index lists exactly the table's index entries");
	json_decref(index);
}

static void
test_content_length_parser(void)
{
	size_t n;

	tap_ok(body_parse_length("0", 10, &n) == HANDLER_OK && n == 0, "\"0\" is a length");
	tap_ok(body_parse_length("10", 10, &n) == HANDLER_OK && n == 10,
	    "a length equal to the limit is accepted");
	tap_ok(body_parse_length("11", 10, &n) == HANDLER_ERR_TOO_LARGE,
	    "a length one over the limit is too large");
	tap_ok(body_parse_length(" 1", 10, &n) == HANDLER_ERR_BAD_REQUEST &&
	    body_parse_length("+1", 10, &n) == HANDLER_ERR_BAD_REQUEST &&
	    body_parse_length("0x1", 10, &n) == HANDLER_ERR_BAD_REQUEST,
	    "spaces, signs and hex are malformed");
	tap_ok(body_parse_length(NULL, 10, &n) == HANDLER_ERR_LENGTH_REQUIRED &&
	    body_parse_length("", 10, &n) == HANDLER_ERR_LENGTH_REQUIRED,
	    "an absent or empty length is required");
	tap_ok(http_status_of_err(HANDLER_ERR_UNPROCESSABLE) == 422 &&
	    http_status_of_err(HANDLER_ERR_LENGTH_REQUIRED) == 411,
	    "the error enum maps to statuses in one table");
}

int
main(void)
{
	if (ttt_init() != 0 || config_defaults(&cfg) != 0 ||
	    config_set(&cfg, "allowed_hosts", TEST_HOSTS, NULL, 0) != 0)
		return 1;
	memset(&resp, 0, sizeof(resp));
	test_original_scenarios();
	test_move_answer_format();
	test_post_inputs();
	test_content_length();
	test_positions();
	test_get();
	test_v2_bad_requests();
	test_v2_unprocessable();
	test_v2_answers();
	test_v2_levels();
	test_v2_every_board();
	test_documented_params_known();
	test_docs();
	test_docs_cache();
	test_pages();
	test_auth();
	test_route_table();
	test_content_length_parser();
	handler_response_free(&resp);
	json_decref(json);
	docs_cache_clear();
	config_free(&cfg);
	return tap_done();
}
