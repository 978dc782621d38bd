/*
 * fuzz_common.c - the invariants every harness checks on every response.
 * See fuzz_common.h.  The reference for /human_move is the API's order of
 * checks, computed here with the engine's primitives and compared with
 * what the handler answered.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fuzz_common.h"
#include "hosts.h"

struct config fuzz_cfgs[FUZZ_CFG_COUNT];

static void
set_or_die(struct config *cfg, const char *k, const char *v)
{
	char err[256];

	if (config_set(cfg, k, v, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz: config %s=%s refused: %s\n", k, v, err);
		abort();
	}
}

void
fuzz_init(void)
{
	size_t i;

	ttt_init();
	json_object_seed(1);
	for (i = 0; i < FUZZ_CFG_COUNT; i++)
		if (config_defaults(&fuzz_cfgs[i]) != 0)
			abort();
	/* The key is normally read from api_key_file by config_load(). */
	memcpy(fuzz_cfgs[FUZZ_CFG_AUTH].api_key, FUZZ_API_KEY,
	    sizeof(FUZZ_API_KEY));
	fuzz_cfgs[FUZZ_CFG_AUTH].api_key_len = sizeof(FUZZ_API_KEY) - 1;
	set_or_die(&fuzz_cfgs[FUZZ_CFG_TRUST], "trust_forwarded_proto", "true");
	set_or_die(&fuzz_cfgs[FUZZ_CFG_TRUST], "body_limit", "64");
	set_or_die(&fuzz_cfgs[FUZZ_CFG_TRUST], "allowed_hosts",
	    "example.com ttt.example.org [2001:db8::1]");
	set_or_die(&fuzz_cfgs[FUZZ_CFG_PUBLIC], "public_url",
	    "https://ttt.example.org/api");
	set_or_die(&fuzz_cfgs[FUZZ_CFG_PUBLIC], "consequential", "true");
}

static void
print_str(const char *name, const char *s)
{
	if (s != NULL)
		fprintf(stderr, "  %s: \"%s\"\n", name, s);
}

void
fuzz_fail(const struct handler_request *req, const struct handler_response *resp,
    const char *fmt, ...)
{
	va_list ap;
	size_t i;

	fprintf(stderr, "\nINVARIANT VIOLATED: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nrequest:\n");
	print_str("method", req->method);
	print_str("path", req->path);
	print_str("query", req->query);
	print_str("content_length", req->content_length);
	print_str("host", req->host);
	print_str("https", req->https);
	print_str("forwarded_proto", req->forwarded_proto);
	print_str("authorization", req->authorization);
	print_str("media_ranges", req->media_ranges);
	fprintf(stderr, "  body (%zu bytes): \"%.*s\"\n", req->body_len,
	    (int)(req->body_len > 400 ? 400 : req->body_len),
	    req->body != NULL ? (const char *)req->body : "");
	if (resp != NULL) {
		fprintf(stderr, "response: %d %s\n", resp->status,
		    resp->content_type != NULL ? resp->content_type : "(no type)");
		for (i = 0; i < resp->nheaders && i < HANDLER_MAX_HEADERS; i++)
			fprintf(stderr, "  %s: %s\n", resp->headers[i].name,
			    resp->headers[i].value);
		fprintf(stderr, "  body: %.*s\n",
		    (int)(resp->body_len > 1000 ? 1000 : resp->body_len),
		    resp->body != NULL ? resp->body : "(none)");
	}
	abort();
}

static bool
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static bool
status_known(int s)
{
	switch (s) {
	case 200: case 204: case 400: case 401: case 404: case 405:
	case 411: case 413: case 414: case 421: case 422:
		return true;
	/* /mcp's own: a notification accepted (202), an Origin or Host not
	 * ours (403), Accept or Content-Type it cannot serve (406, 415), a
	 * conversation over its rate (429). */
	case 202: case 403: case 406: case 415: case 429:
		return true;
	default:	/* 500 only on ENOMEM, which the fuzzer never causes */
		return false;
	}
}

int
fuzz_json_depth(const unsigned char *p, size_t n)
{
	int depth = 0, max = 0;
	bool instr = false, esc = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (instr) {
			if (esc)
				esc = false;
			else if (p[i] == '\\')
				esc = true;
			else if (p[i] == '"')
				instr = false;
			continue;
		}
		if (p[i] == '"')
			instr = true;
		else if (p[i] == '[' || p[i] == '{') {
			if (++depth > max)
				max = depth;
		} else if ((p[i] == ']' || p[i] == '}') && depth > 0)
			depth--;
	}
	return max;
}

void
fuzz_game_init(struct fuzz_game *g)
{
	memset(g, 0, sizeof(*g));
	g->ai = TTT_EMPTY;
	g->human_move = -1;
	g->level = TTT_LEVEL_PERFECT;
}

/* X's turn when the counts are equal, O's when X has one more. */
static ttt_cell
standard_turn(const ttt_board *b)
{
	int x = ttt_count(b, TTT_X), o = ttt_count(b, TTT_O);

	return x == o ? TTT_X : x == o + 1 ? TTT_O : TTT_EMPTY;
}

/*
 * The API's order: impossible 422; human_move on a finished game, out of
 * turn, or on a taken cell 422; finished 200; the AI's turn (without ai:
 * only "O ahead" is a 422) else 422; 200.
 */
int
fuzz_expected_status(const struct fuzz_game *g)
{
	ttt_board b = g->board;
	ttt_cell human = g->ai == TTT_X ? TTT_O : TTT_X;

	if (ttt_check_position(&b) != TTT_POSITION_OK)
		return 422;
	if (g->human_move >= 0) {
		if (ttt_game_state(&b) != TTT_STATE_IN_PROGRESS ||
		    standard_turn(&b) != human ||
		    b.cell[g->human_move] != TTT_EMPTY)
			return 422;
		b.cell[g->human_move] = (uint8_t)human;
	}
	if (ttt_game_state(&b) != TTT_STATE_IN_PROGRESS)
		return 200;
	if (g->ai == TTT_EMPTY)
		return ttt_count(&b, TTT_O) > ttt_count(&b, TTT_X) ? 422 : 200;
	return standard_turn(&b) == g->ai ? 200 : 422;
}

/* scheme://host[:port][/path] with a plain host, nothing to inject. */
static bool
url_is_plain(const char *url)
{
	const char *p;
	size_t n;

	if (strncmp(url, "https://", 8) == 0)
		p = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		p = url + 7;
	else
		return false;
	if (*p == '[') {		/* IPv6 literal */
		n = strspn(p + 1, "0123456789abcdefABCDEF:.");
		if (n == 0 || p[1 + n] != ']')
			return false;
		p += n + 2;
	} else {
		n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789.-");
		if (n == 0 || n > 253)
			return false;
		p += n;
	}
	if (*p == ':') {
		n = strspn(p + 1, "0123456789");
		if (n == 0 || n > 5)
			return false;
		p += n + 1;
	}
	if (*p == '\0')
		return true;
	if (*p != '/')
		return false;
	return strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-._~/") == strlen(p);
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* What OpenAI's GPT-action importer insists on. */
static void
check_openapi(const struct handler_request *req, const struct handler_response *resp,
    json_t *body)
{
	const char *path, *method, *id, *seen[32];
	json_t *item, *op, *v;
	size_t nseen = 0, i;

	v = json_object_get(json_object_get(body, "info"), "title");
	if (!json_is_string(v) || json_string_length(v) == 0)
		fuzz_fail(req, resp, "info.title missing");
	v = json_object_get(json_object_get(body, "info"), "version");
	if (!json_is_string(v) || json_string_length(v) == 0)
		fuzz_fail(req, resp, "info.version missing");
	json_object_foreach(json_object_get(body, "paths"), path, item) {
		if (path[0] != '/')
			fuzz_fail(req, resp, "path %s does not start with /", path);
		json_object_foreach(item, method, op) {
			if (!json_is_object(op) || json_object_get(op,
			    "responses") == NULL)
				continue;	/* "parameters" and the like */
			id = json_string_value(json_object_get(op, "operationId"));
			if (id == NULL || strlen(id) < 1 || strlen(id) > 64 ||
			    strspn(id, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != strlen(id))
				fuzz_fail(req, resp, "%s %s: bad operationId",
				    method, path);
			for (i = 0; i < nseen; i++)
				if (strcmp(seen[i], id) == 0)
					fuzz_fail(req, resp, "operationId %s "
					    "twice", id);
			if (nseen < 32)
				seen[nseen++] = id;
			v = json_object_get(op, "summary");
			if (!json_is_string(v) || utf8_chars(json_string_value(v)) > 300)
				fuzz_fail(req, resp, "%s %s: summary", method, path);
			v = json_object_get(op, "description");
			if (!json_is_string(v) || utf8_chars(json_string_value(v)) > 300)
				fuzz_fail(req, resp, "%s %s: description",
				    method, path);
			if (!json_is_boolean(json_object_get(op,
			    "x-openai-isConsequential")))
				fuzz_fail(req, resp, "%s %s: no "
				    "x-openai-isConsequential", method, path);
		}
	}
	if (nseen == 0)
		fuzz_fail(req, resp, "the document has no operations");
}

static void
check_docs(const struct config *cfg, const struct handler_request *req,
    const struct handler_response *resp, json_t *body)
{
	json_t *servers, *url;
	const char *u;

	servers = json_object_get(body, "servers");
	if (!json_is_array(servers) || json_array_size(servers) != 1)
		fuzz_fail(req, resp, "the document needs exactly one server");
	url = json_object_get(json_array_get(servers, 0), "url");
	if (!json_is_string(url))
		fuzz_fail(req, resp, "servers[0].url is not a string");
	u = json_string_value(url);
	check_openapi(req, resp, body);
	if (cfg->public_url != NULL && cfg->public_url[0] != '\0') {
		if (strcmp(u, cfg->public_url) != 0)
			fuzz_fail(req, resp, "servers[0].url is not public_url");
		/* http:// is accepted on purpose (local use); GPTs need https */
		if ((strncmp(u, "https://", 8) != 0 &&
		    strncmp(u, "http://", 7) != 0) ||
		    strpbrk(u, " \"'<>\\`{}|^?#") != NULL)
			fuzz_fail(req, resp, "the config accepted public_url "
			    "\"%s\", not a plain URL", u);
		return;
	}
	if (!url_is_plain(u))
		fuzz_fail(req, resp, "servers[0].url \"%s\" is not plain", u);
	if (streq(req->https, "on") && strncmp(u, "https://", 8) != 0)
		fuzz_fail(req, resp, "HTTPS=on but the document says %s", u);
	if ((req->https == NULL || req->https[0] == '\0') &&
	    (!cfg->trust_forwarded_proto || req->forwarded_proto == NULL) &&
	    strncmp(u, "http://", 7) != 0)
		fuzz_fail(req, resp, "plain HTTP (X-Forwarded-Proto %s) but "
		    "the document says %s", cfg->trust_forwarded_proto ?
		    "trusted" : "untrusted", u);
	if (!cfg->trust_forwarded_proto && req->forwarded_proto != NULL &&
	    (req->https == NULL || req->https[0] == '\0') &&
	    strncmp(u, "https://", 8) == 0)
		fuzz_fail(req, resp, "an untrusted X-Forwarded-Proto changed "
		    "the scheme");
	if (cfg->api_key_len > 0 && json_object_size(json_object_get(
	    json_object_get(body, "components"), "securitySchemes")) == 0)
		fuzz_fail(req, resp, "an API key is configured but the "
		    "document has no securitySchemes");
}

static const char *
cell_text(uint8_t c)
{
	return c == TTT_X ? "X" : c == TTT_O ? "O" : " ";
}

static const char *
result_text(ttt_cell c)
{
	return c == TTT_X ? "X" : c == TTT_O ? "O" : "Draw";
}

/* The answer's "board": 3 rows of "X", "O", " ". */
static void
answer_board(const struct handler_request *req, const struct handler_response *resp,
    json_t *body, ttt_board *out)
{
	json_t *rows, *row;
	const char *s;
	size_t i, j;

	if (!json_is_object(body))
		fuzz_fail(req, resp, "200 without a JSON object");
	rows = json_object_get(body, "board");
	if (!json_is_array(rows) || json_array_size(rows) != 3)
		fuzz_fail(req, resp, "answer board is not 3 rows");
	for (i = 0; i < 3; i++) {
		row = json_array_get(rows, i);
		if (!json_is_array(row) || json_array_size(row) != 3)
			fuzz_fail(req, resp, "answer row %zu is not 3 cells", i);
		for (j = 0; j < 3; j++) {
			s = json_string_value(json_array_get(row, j));
			if (s == NULL)
				fuzz_fail(req, resp, "answer cell not a string");
			if (strcmp(s, "X") == 0)
				out->cell[i * 3 + j] = TTT_X;
			else if (strcmp(s, "O") == 0)
				out->cell[i * 3 + j] = TTT_O;
			else if (strcmp(s, " ") == 0)
				out->cell[i * 3 + j] = TTT_EMPTY;
			else
				fuzz_fail(req, resp, "answer cell \"%s\"", s);
		}
	}
	if (ttt_check_position(out) != TTT_POSITION_OK)
		fuzz_fail(req, resp, "answer board is not a possible position");
}

/* board_text, status and winner of an answer describe `out`. */
static void
check_board_words(const struct handler_request *req, const struct handler_response *resp,
    json_t *body, const ttt_board *out)
{
	static const char *const winner_of[] = {
		[TTT_STATE_IN_PROGRESS] = "No winner", [TTT_STATE_X_WON] = "X",
		[TTT_STATE_O_WON] = "O", [TTT_STATE_DRAW] = "Draw" };
	char text[TTT_BOARD_TEXT_SIZE];
	ttt_state state = ttt_game_state(out);

	ttt_board_text(out, text);
	if (!streq(json_string_value(json_object_get(body, "board_text")), text))
		fuzz_fail(req, resp, "board_text does not draw the board");
	if (!streq(json_string_value(json_object_get(body, "status")),
	    state == TTT_STATE_IN_PROGRESS ? "continue" : "end"))
		fuzz_fail(req, resp, "status does not match the board");
	if (!streq(json_string_value(json_object_get(body, "winner")),
	    winner_of[state]))
		fuzz_fail(req, resp, "winner does not match the board");
}

/* {"row","col","position"} of an answer, as a cell 0-8, or -1 if absent. */
static int
answer_cell(const struct handler_request *req, const struct handler_response *resp,
    json_t *body, const char *key)
{
	json_t *m = json_object_get(body, key), *jr, *jc, *jp;
	json_int_t r, c;

	if (m == NULL)
		return -1;
	jr = json_object_get(m, "row");
	jc = json_object_get(m, "col");
	jp = json_object_get(m, "position");
	if (!json_is_integer(jr) || !json_is_integer(jc) || !json_is_integer(jp) ||
	    json_object_size(m) != 3)
		fuzz_fail(req, resp, "%s is not {row, col, position}", key);
	r = json_integer_value(jr);
	c = json_integer_value(jc);
	if (r < 0 || r > 2 || c < 0 || c > 2 || json_integer_value(jp) != r * 3 + c + 1)
		fuzz_fail(req, resp, "%s out of range or inconsistent", key);
	return (int)(r * 3 + c);
}

void
fuzz_check_move(const struct handler_request *req, const struct handler_response *resp,
    json_t *body, const struct fuzz_game *g)
{
	ttt_board out, before_ai, sent;
	ttt_cell ai_mark = TTT_EMPTY, human_mark = TTT_EMPTY, next;
	json_t *wl;
	const char *msg, *reason;
	int pos, hpos, line[3], want;
	size_t i;

	answer_board(req, resp, body, &out);
	check_board_words(req, resp, body, &out);
	pos = answer_cell(req, resp, body, "move");
	hpos = answer_cell(req, resp, body, "human");
	before_ai = out;
	if (pos >= 0) {
		ai_mark = (ttt_cell)out.cell[pos];
		if (ai_mark == TTT_EMPTY)
			fuzz_fail(req, resp, "the move's cell is empty");
		before_ai.cell[pos] = TTT_EMPTY;
		if (ttt_game_state(&before_ai) != TTT_STATE_IN_PROGRESS)
			fuzz_fail(req, resp, "a move on a finished game");
	} else if (ttt_game_state(&out) == TTT_STATE_IN_PROGRESS) {
		fuzz_fail(req, resp, "no move on an unfinished game");
	}
	sent = before_ai;
	if (hpos >= 0) {
		human_mark = (ttt_cell)out.cell[hpos];
		if (human_mark == TTT_EMPTY || hpos == pos ||
		    (ai_mark != TTT_EMPTY && human_mark == ai_mark))
			fuzz_fail(req, resp, "human is not a cell of the other mark");
		sent.cell[hpos] = TTT_EMPTY;
		if (ttt_game_state(&sent) != TTT_STATE_IN_PROGRESS)
			fuzz_fail(req, resp, "a human move on a finished game");
	}

	reason = json_string_value(json_object_get(body, "reason"));
	if (pos >= 0 && !streq(reason, ttt_reason_name(ttt_move_reason(
	    &before_ai, pos, ai_mark))))
		fuzz_fail(req, resp, "reason is not the engine's");
	if (pos < 0 && json_object_get(body, "reason") != NULL)
		fuzz_fail(req, resp, "a reason without a move");
	/* Whoever did not move last plays next (on a finished board the
	 * forecast is the result, whoever is named). */
	next = pos >= 0 ? (ai_mark == TTT_X ? TTT_O : TTT_X) :
	    hpos >= 0 ? (human_mark == TTT_X ? TTT_O : TTT_X) : TTT_X;
	if (!streq(json_string_value(json_object_get(body, "forecast")),
	    result_text(ttt_forecast(&out, next))))
		fuzz_fail(req, resp, "forecast is not the engine's");
	wl = json_object_get(body, "winning_line");
	if (ttt_winning_line(&out, line)) {
		if (json_array_size(wl) != 3)
			fuzz_fail(req, resp, "no winning_line on a won board");
		for (i = 0; i < 3; i++)
			if (json_integer_value(json_array_get(wl, i)) != line[i] + 1)
				fuzz_fail(req, resp, "winning_line is wrong");
	} else if (wl != NULL) {
		fuzz_fail(req, resp, "winning_line without a line");
	}
	msg = json_string_value(json_object_get(body, "message"));
	if (msg == NULL || msg[0] == '\0' || strlen(msg) > 200)
		fuzz_fail(req, resp, "message missing or longer than 200");
	for (i = 0; msg[i] != '\0'; i++)
		if ((unsigned char)msg[i] < 0x20 || (unsigned char)msg[i] > 0x7e)
			fuzz_fail(req, resp, "message has a control character");
	if (pos >= 0) {
		char named[16];

		snprintf(named, sizeof(named), "position %d", pos + 1);
		if (strstr(msg, named) == NULL)
			fuzz_fail(req, resp, "message does not name the move");
	}
	if (g == NULL)
		return;

	/* What was sent: the answer is that, plus the human's and the AI's move. */
	if (memcmp(&sent, &g->board, sizeof(sent)) != 0)
		fuzz_fail(req, resp, "answer is not the sent board plus the "
		    "moves (sent %s%s%s/%s%s%s/%s%s%s)",
		    cell_text(g->board.cell[0]), cell_text(g->board.cell[1]),
		    cell_text(g->board.cell[2]), cell_text(g->board.cell[3]),
		    cell_text(g->board.cell[4]), cell_text(g->board.cell[5]),
		    cell_text(g->board.cell[6]), cell_text(g->board.cell[7]),
		    cell_text(g->board.cell[8]));
	if (hpos != g->human_move)
		fuzz_fail(req, resp, "human is not the sent human_move");
	if (fuzz_expected_status(g) != 200)
		fuzz_fail(req, resp, "200 for a request that must be 422");
	if (pos >= 0) {
		want = ttt_level_move(&before_ai, g->ai == TTT_EMPTY ? TTT_O :
		    g->ai, g->level, g->seed);
		if (pos != want || ai_mark != (g->ai == TTT_EMPTY ? TTT_O : g->ai))
			fuzz_fail(req, resp, "move %d is not the engine's %d",
			    pos, want);
	}
}

void
fuzz_check_hint(const struct handler_request *req, const struct handler_response *resp,
    json_t *body)
{
	struct ttt_hint_move want[TTT_CELLS];
	ttt_board b;
	json_t *moves, *best, *m;
	int n = 0, nbest = 0, i;

	answer_board(req, resp, body, &b);
	check_board_words(req, resp, body, &b);
	if (json_object_size(body) != 6)
		fuzz_fail(req, resp, "hint answer has other keys");
	/* A 200 means it is the human's turn: the human is that side. */
	if (ttt_game_state(&b) == TTT_STATE_IN_PROGRESS) {
		if (standard_turn(&b) == TTT_EMPTY)
			fuzz_fail(req, resp, "hint on a board that is nobody's turn");
		n = ttt_hint(&b, standard_turn(&b), want, &nbest);
	}
	moves = json_object_get(body, "moves");
	best = json_object_get(body, "best");
	if (!json_is_array(moves) || !json_is_array(best) ||
	    json_array_size(moves) != (size_t)n ||
	    json_array_size(best) != (size_t)nbest)
		fuzz_fail(req, resp, "moves/best are not the engine's (%d, %d)",
		    n, nbest);
	for (i = 0; i < n; i++) {
		m = json_array_get(moves, (size_t)i);
		if (json_integer_value(json_object_get(m, "position")) != want[i].cell + 1 ||
		    json_integer_value(json_object_get(m, "row")) != want[i].cell / 3 ||
		    json_integer_value(json_object_get(m, "col")) != want[i].cell % 3 ||
		    !streq(json_string_value(json_object_get(m, "forecast")),
		    result_text(want[i].forecast)))
			fuzz_fail(req, resp, "moves[%d] is not the engine's", i);
		if (i < nbest && json_integer_value(json_array_get(best,
		    (size_t)i)) != want[i].cell + 1)
			fuzz_fail(req, resp, "best[%d] is not the engine's", i);
	}
}

static bool
contains(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle), i;

	for (i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return true;
	return false;
}

/* A client may see its own input echoed; only an unprompted key is a leak. */
static bool
request_mentions_key(const struct handler_request *r)
{
	const char *f[] = { r->method, r->path, r->query, r->content_length,
	    r->content_type, r->host, r->server_name, r->server_port, r->https,
	    r->forwarded_proto, r->authorization, r->media_ranges, r->origin,
	    r->request_id, r->conversation_id, r->gpt_id, r->preflight_method };
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i] != NULL && strstr(f[i], "K3y") != NULL)
			return true;
	return r->body != NULL && contains((const char *)r->body, r->body_len,
	    "K3y");
}

/* The request sends the configured key (Authorization or a header). */
static bool
request_carries_key(const struct config *cfg, const struct handler_request *r)
{
	size_t i;

	if (r->authorization != NULL && strstr(r->authorization, cfg->api_key))
		return true;
	for (i = 0; r->params != NULL && r->params[i] != NULL; i++)
		if (strstr(r->params[i], cfg->api_key) != NULL)
			return true;
	return false;
}

json_t *
fuzz_check(const struct config *cfg, const struct handler_request *req,
    const struct handler_response *resp)
{
	json_error_t jerr;
	json_t *body = NULL, *e;
	const char *path = req->path != NULL ? req->path : "";
	bool is_json, allow = false, mentions, docs_path, ours;
	size_t i;

	mentions = cfg->api_key_len == 0 || request_mentions_key(req);
	if (!status_known(resp->status))
		fuzz_fail(req, resp, "status %d is not in the known set",
		    resp->status);
	if (resp->nheaders > HANDLER_MAX_HEADERS)
		fuzz_fail(req, resp, "nheaders %zu", resp->nheaders);
	for (i = 0; i < resp->nheaders; i++) {
		const char *v = resp->headers[i].value;

		if (resp->headers[i].name == NULL || v == NULL)
			fuzz_fail(req, resp, "header %zu has no name/value", i);
		if (strpbrk(v, "\r\n") != NULL)
			fuzz_fail(req, resp, "header %s has CR/LF: response "
			    "splitting", resp->headers[i].name);
		if (strcasecmp(resp->headers[i].name, "Allow") == 0)
			allow = true;
		if (!mentions && strstr(v, FUZZ_API_KEY) != NULL)
			fuzz_fail(req, resp, "the API key is echoed in a header");
	}
	if (resp->status == 405 && !allow)
		fuzz_fail(req, resp, "405 without Allow");
	if (resp->status == 204 || resp->status == 202) {
		if (resp->body_len != 0)
			fuzz_fail(req, resp, "%d with a body", resp->status);
		return NULL;
	}
	/* The operators' pages show nothing to a client outside metrics_allow,
	 * whatever the method: a 404 without a body or a type.  /metrics
	 * itself answers in the Prometheus text formats, not JSON. */
	if (strcmp(path, "/metrics") == 0 || strcmp(path, "/status") == 0) {
		if (resp->status == 404) {
			if (resp->body_len != 0 || resp->content_type != NULL)
				fuzz_fail(req, resp, "an operators' page shows "
				    "something to a client not allowed");
			return NULL;
		}
		if (resp->status == 200 && strcmp(path, "/metrics") == 0 &&
		    resp->content_type != NULL &&
		    (strncmp(resp->content_type, "text/plain; version=0.0.4", 25) == 0 ||
		    strncmp(resp->content_type, "application/openmetrics-text", 28) == 0))
			return NULL;
	}
	if (resp->content_type == NULL)
		fuzz_fail(req, resp, "no Content-Type");
	if (resp->body == NULL || resp->body_len == 0)
		fuzz_fail(req, resp, "status %d without a body", resp->status);
	if (!mentions && contains(resp->body, resp->body_len, FUZZ_API_KEY))
		fuzz_fail(req, resp, "the API key is echoed in the body");
	is_json = strncmp(resp->content_type, "application/json", 16) == 0;
	if (is_json) {
		body = json_loadb(resp->body, resp->body_len,
		    JSON_REJECT_DUPLICATES, &jerr);
		if (body == NULL)
			fuzz_fail(req, resp, "body is not JSON: %s", jerr.text);
	} else if (strncmp(resp->content_type, "text/html", 9) != 0 ||
	    resp->status != 200)
		fuzz_fail(req, resp, "unexpected Content-Type");

	if (resp->status >= 400) {
		if (!is_json)
			fuzz_fail(req, resp, "error without a JSON body");
		e = json_object_get(body, "error");
		/* /mcp refuses in its own protocol's shape: a JSON-RPC error
		 * object whose message is the sentence. */
		if (strcmp(path, "/mcp") == 0 && json_is_object(e))
			e = json_object_get(e, "message");
		if (!json_is_string(e) || json_string_length(e) == 0)
			fuzz_fail(req, resp, "error body without a string "
			    "\"error\" (or, on /mcp, error.message)");
		if (cfg->api_key_len == 0 && resp->status == 401)
			fuzz_fail(req, resp, "401 with no key configured");
	}
	if (resp->status == 200 && cfg->api_key_len > 0 &&
	    (strcmp(path, "/human_move") == 0 || strcmp(path, "/hint") == 0) &&
	    !request_carries_key(cfg, req))
		fuzz_fail(req, resp, "200 from /human_move without the key");
	/* The document names public_url or one of our hosts, never another
	 * (hosts.h); any other Host gets 421 and nothing else does. */
	docs_path = strcmp(path, "/docs") == 0 || strcmp(path, "/openapi.json") == 0;
	ours = cfg->public_url[0] != '\0' || hosts_host_allowed(cfg,
	    req->host != NULL ? req->host : req->server_name);
	if (resp->status == 421 && (ours || !docs_path))
		fuzz_fail(req, resp, "421 for a host of ours or not for /docs");
	if (resp->status == 200 && docs_path && !ours)
		fuzz_fail(req, resp, "a document for a host that is not ours");
	if (resp->status == 200 && is_json && docs_path)
		check_docs(cfg, req, resp, body);
	if (resp->status == 200 && strcmp(path, "/human_move") == 0) {
		if (!is_json)
			fuzz_fail(req, resp, "200 /human_move not JSON");
		fuzz_check_move(req, resp, body, NULL);
	}
	if (resp->status == 200 && strcmp(path, "/hint") == 0) {
		if (!is_json)
			fuzz_fail(req, resp, "200 /hint not JSON");
		fuzz_check_hint(req, resp, body);
	}
	return body;
}

__attribute__((weak)) int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}
