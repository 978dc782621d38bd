/*
 * handler_test.c - the pure handler, route by route, status by status:
 * every branch a client can reach, without a server (http.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "engine_tap.h"
#include "http.h"
#include "ttt.h"

static struct ttt_config cfg;

struct call {
	const char *method, *path, *query, *body, *content_length;
	const char *host, *https, *xfp, *auth, *accept, *server_name, *port;
	bool too_large;
};

static struct ttt_response resp;
static json_t *json;

/* Run one request; the previous response is freed. */
static int
run(struct call c)
{
	struct ttt_request req;
	char cl[32];

	ttt_response_free(&resp);
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
	req.accept = c.accept;
	if (c.body != NULL) {
		snprintf(cl, sizeof(cl), "%zu", strlen(c.body));
		req.content_length = c.content_length ? c.content_length : cl;
	} else {
		req.content_length = c.content_length;
	}
	/* As the reader does: decide from Content-Length, then record. */
	request_body_state(&req, c.too_large ? 0 : cfg.body_limit);
	if (c.body != NULL && req.body_state == TTT_BODY_COMPLETE)
		request_body_received(&req, (const unsigned char *)c.body,
		    strlen(c.body) < req.body_declared ? strlen(c.body) :
		    req.body_declared);
	ttt_handle(&cfg, &req, &resp);
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
	size_t i;

	for (i = 0; i < resp.nheaders; i++)
		if (strcmp(resp.headers[i].name, name) == 0)
			return resp.headers[i].value;
	return NULL;
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
	tap_ok(json != NULL && json_object_size(json) == 4 &&
	    move_field("row") * 3 + move_field("col") + 1 == move_field("position"),
	    "the move's row, col and position agree");
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
	tap_ok(is_error(400, "Row 0"), "a row that is not an array is a 400");
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
		}
	}
	return good && nseen == 7;
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
	    "operationIds unique and valid, summaries short, no HEAD/OPTIONS");
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
	tap_ok(strncmp(v1, "1.0.0+", 6) == 0 && strlen(v1) == 14,
	    "info.version is the configured version plus an 8-digit hash");

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
	docs((struct call){ .https = "on", .host = "evil.com/path?x" });
	tap_ok(strcmp(server_url(), "https://ttt.example.org") == 0,
	    "a Host that is not host[:port] is replaced by the server name");
	docs((struct call){ .https = "on", .host = "zq zq\"c" });
	tap_ok(strstr(resp.body, "zq") == NULL, "a malformed Host never reaches the document");
	docs((struct call){ .https = "on", .host = "127.0.0.1:8443" });
	tap_ok(strcmp(server_url(), "https://127.0.0.1:8443") == 0, "host:port is kept");
	docs((struct call){ .https = "on", .host = "example.com", .port = "8443" });
	tap_ok(strcmp(server_url(), "https://example.com:8443") == 0,
	    "a Host without port gets SERVER_PORT when it is not the default");
	docs((struct call){ .https = "on", .host = "[::1]:8443" });
	tap_ok(strcmp(server_url(), "https://[::1]:8443") == 0, "an IPv6 host is kept");
	free(cfg.public_url);
	cfg.public_url = strdup("https://ttt.example.net");
	docs((struct call){ .https = NULL, .host = "other" });
	tap_ok(strcmp(server_url(), "https://ttt.example.net") == 0,
	    "a configured public_url wins over the request");
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
	tap_ok(resp.status == 200 && strstr(str("privacy"), "no user data") != NULL,
	    "/privacy answers JSON saying no user data is collected");
	run((struct call){ .method = "GET", .path = "/privacy",
	    .accept = "text/html,application/xhtml+xml,*/*;q=0.8" });
	tap_ok(resp.status == 200 && strcmp(resp.content_type, "text/html; charset=utf-8") == 0 &&
	    strstr(resp.body, "no user data") != NULL,
	    "a browser asking for text/html gets the privacy page");
	run((struct call){ .method = "GET", .path = "/privacy",
	    .accept = "application/json, text/html;q=0.5" });
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
	memset(cfg.api_key, 0, sizeof(cfg.api_key));
	cfg.api_key_len = 0;
}

static void
test_content_length_parser(void)
{
	size_t n;

	tap_ok(ttt_content_length("0", 10, &n) == TTT_OK && n == 0, "\"0\" is a length");
	tap_ok(ttt_content_length("10", 10, &n) == TTT_OK && n == 10,
	    "a length equal to the limit is accepted");
	tap_ok(ttt_content_length("11", 10, &n) == TTT_ERR_TOO_LARGE,
	    "a length one over the limit is too large");
	tap_ok(ttt_content_length(" 1", 10, &n) == TTT_ERR_BAD_REQUEST &&
	    ttt_content_length("+1", 10, &n) == TTT_ERR_BAD_REQUEST &&
	    ttt_content_length("0x1", 10, &n) == TTT_ERR_BAD_REQUEST,
	    "spaces, signs and hex are malformed");
	tap_ok(ttt_content_length(NULL, 10, &n) == TTT_ERR_LENGTH_REQUIRED &&
	    ttt_content_length("", 10, &n) == TTT_ERR_LENGTH_REQUIRED,
	    "an absent or empty length is required");
	tap_ok(ttt_err_status(TTT_ERR_UNPROCESSABLE) == 422 &&
	    ttt_err_status(TTT_ERR_LENGTH_REQUIRED) == 411,
	    "the error enum maps to statuses in one table");
}

int
main(void)
{
	if (ttt_init() != 0 || ttt_config_defaults(&cfg) != 0)
		return 1;
	memset(&resp, 0, sizeof(resp));
	test_original_scenarios();
	test_move_answer_format();
	test_post_inputs();
	test_content_length();
	test_positions();
	test_get();
	test_docs();
	test_pages();
	test_auth();
	test_content_length_parser();
	ttt_response_free(&resp);
	json_decref(json);
	ttt_config_free(&cfg);
	return tap_done();
}
