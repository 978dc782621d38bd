/*
 * operation_test.c - the game operations are declared once (operation.h)
 * and everything that shows them derives from that declaration: the
 * routes, the schemas an MCP tool takes (self-contained, no $ref), the
 * field table's names and bounds, and route_call(), which answers as the
 * dispatcher does.  Also the bounded writer (strbuf.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "game_field.h"
#include "handler_internal.h"
#include "operation.h"
#include "schema.h"
#include "tap.h"

static struct config cfg;

/* Does the dump of v mention "$ref"? */
static bool
has_ref(const json_t *v)
{
	char *text = json_dumps(v, JSON_COMPACT);
	bool found = text == NULL || strstr(text, "\"$ref\"") != NULL;

	free(text);
	return found;
}

static bool
tool_name_ok(const char *name)
{
	size_t n = strlen(name);

	return n >= 1 && n < OPERATION_NAME_MAX &&
	    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_.-") == n;
}

static void
test_declarations(void)
{
	const struct operation *op;
	bool names = true, texts = true, found = true;

	for (op = operation_table; op < operation_table + operation_count; op++) {
		names &= tool_name_ok(op->name);
		texts &= op->title != NULL && strlen(op->description) <= 300 &&
		    op->answer != NULL && op->answer_schema != NULL &&
		    (op->takes & GAME_BOARD) != 0;
		found &= operation_find(op->name) == op;
	}
	tap_ok(operation_count == 2 && operation_find("human_move") != NULL &&
	    operation_find("hint") != NULL && operation_find("nope") == NULL,
	    "the operations are human_move and hint");
	tap_ok(names, "every name is a valid MCP tool name (1-128 of "
	    "A-Za-z0-9_.-) and fits OPERATION_NAME_MAX");
	tap_ok(texts && found, "every operation has a title, a description "
	    "of at most 300 characters, an answer, an answer schema and the "
	    "board");
}

/* Each operation has exactly a POST and a GET route, made from it. */
static void
test_routes(void)
{
	const struct operation *op;
	const struct route *post, *get, *first;
	size_t n, with_op = 0, i;
	const struct route *all = route_list(&n);
	char path[64];
	bool ok = true;

	for (i = 0; i < n; i++)
		with_op += all[i].op != NULL;
	for (op = operation_table; op < operation_table + operation_count; op++) {
		post = route_of_operation(op, "POST");
		get = route_of_operation(op, "GET");
		snprintf(path, sizeof(path), "/%s", op->name);
		ok &= post != NULL && get != NULL &&
		    route_find(path, "POST", &first) == post &&
		    route_find(path, "GET", &first) == get &&
		    post->documented && get->documented && post->needs_auth &&
		    strcmp(post->summary, op->title) == 0 &&
		    strcmp(post->description, op->description) == 0;
	}
	tap_ok(ok && with_op == 2 * operation_count, "every operation has its "
	    "POST and GET route at /<name>, documented, behind the key");
	post = route_of_operation(operation_find("human_move"), "POST");
	get = route_of_operation(operation_find("human_move"), "GET");
	tap_ok(strcmp(post->operation_id, "humanMove") == 0 &&
	    strcmp(get->operation_id, "humanMoveGet") == 0 &&
	    strcmp(route_of_operation(operation_find("hint"), "GET")->
	    operation_id, "hintGet") == 0,
	    "operationIds are the name in camelCase, plus Get for the query form");
	tap_ok(strstr(get->description, "and ai, human_move, level and seed "
	    "as query parameters.") != NULL && strcmp(get->summary,
	    "Play the AI's reply to the human's move (query form)") == 0,
	    "the GET form's summary and description are derived, its "
	    "parameters listed from the field table");
}

static void
test_schemas(void)
{
	const struct operation *op = operation_find("human_move");
	json_t *in = operation_input_schema(op), *out = operation_output_schema(op);
	json_t *level, *seed, *board, *expect;
	int i;
	bool ok = true;

	tap_ok(in != NULL && !has_ref(in) && out != NULL && !has_ref(out),
	    "the input and output schemas are self-contained (no $ref)");
	tap_ok(json_is_object(in) && strcmp(json_string_value(json_object_get(in,
	    "type")), "object") == 0 && strcmp(json_string_value(json_array_get(
	    json_object_get(in, "required"), 0)), "board") == 0,
	    "the input schema is an object that requires the board");
	level = json_object_get(json_object_get(json_object_get(in,
	    "properties"), "level"), "enum");
	for (i = 0; i < TTT_LEVEL__MAX; i++)
		ok &= strcmp(json_string_value(json_array_get(level, (size_t)i)),
		    ttt_level_name((ttt_level)i)) == 0;
	tap_ok(ok && json_array_size(level) == TTT_LEVEL__MAX,
	    "level's enum is the engine's names, TTT_LEVEL__MAX of them");
	seed = json_object_get(json_object_get(in, "properties"), "seed");
	tap_ok(json_integer_value(json_object_get(seed, "maximum")) ==
	    GAME_SEED_MAX, "seed's maximum is GAME_SEED_MAX");
	board = json_object_get(json_object_get(in, "properties"), "board");
	expect = schema_inline(schema_ref("Board"));
	tap_ok(json_equal(board, expect), "the board is inlined from the "
	    "document's Board component");
	json_decref(expect);
	tap_ok(json_array_size(json_object_get(json_object_get(json_object_get(
	    out, "properties"), "reason"), "enum")) == TTT_REASON__MAX,
	    "reason's enum has TTT_REASON__MAX names");
	json_decref(in);
	json_decref(out);
	in = operation_input_schema(operation_find("hint"));
	tap_ok(json_object_size(json_object_get(in, "properties")) == 2,
	    "hint's input takes the board and ai only");
	json_decref(in);
}

static void
test_annotations(void)
{
	json_t *a = operation_annotations(operation_find("hint"));

	tap_ok(json_is_true(json_object_get(a, "readOnlyHint")) &&
	    json_is_false(json_object_get(a, "destructiveHint")) &&
	    json_is_true(json_object_get(a, "idempotentHint")) &&
	    json_is_false(json_object_get(a, "openWorldHint")),
	    "annotations: read-only, not destructive, idempotent, closed world");
	json_decref(a);
}

/* What the dispatcher answers to a POST of body. */
static void
dispatch_post(const char *path, const char *body, struct handler_response *r)
{
	struct handler_request req;
	char clen[24];

	memset(&req, 0, sizeof(req));
	snprintf(clen, sizeof(clen), "%zu", strlen(body));
	req.method = "POST";
	req.path = path;
	req.content_length = clen;
	req.body = (const unsigned char *)body;
	req.body_len = strlen(body);
	req.body_state = HANDLER_BODY_COMPLETE;
	req.body_declared = strlen(body);
	dispatch_request(&cfg, &req, r);
}

static bool
same_answer(const struct handler_response *a, const struct handler_response *b)
{
	return a->status == b->status && a->body_len == b->body_len &&
	    a->body != NULL && memcmp(a->body, b->body, a->body_len) == 0;
}

/* route_call answers exactly as the dispatcher, for every example. */
static void
test_route_call(void)
{
	const struct operation *op;
	const struct operation_example *ex;
	struct handler_response a, b;
	char text[512];
	bool ok = true, json = true;
	int n = 0;

	for (op = operation_table; op < operation_table + operation_count; op++)
		for (ex = op->body_examples; ex->name != NULL; ex++, n++) {
			json &= operation_example_text(ex, text, sizeof(text)) != NULL;
			route_call(&cfg, route_of_operation(op, "POST"), text,
			    strlen(text), &a);
			snprintf(text + 256, 64, "/%s", op->name);
			operation_example_text(ex, text, 256);
			dispatch_post(text + 256, text, &b);
			ok &= same_answer(&a, &b);
			handler_response_free(&a);
			handler_response_free(&b);
		}
	tap_ok(ok && json && n >= 8, "route_call() answers every body example "
	    "exactly as the dispatcher does");
	route_call(&cfg, route_of_operation(operation_find("hint"), "GET"),
	    "position_1=X&position_2=O&junk", 25, &a);
	tap_ok(a.status == 200 && strstr(a.body, "\"best\"") != NULL,
	    "route_call() takes a GET route's query by length (no NUL needed)");
	handler_response_free(&a);
}

static void
test_fields(void)
{
	char buf[160];
	struct strbuf sb;
	struct game_input in;

	strbuf_init(&sb, buf, sizeof(buf));
	game_field_must(game_field_find("level"), &sb);
	tap_ok(strcmp(buf, "\"perfect\", \"hard\", \"medium\" or \"easy\"") == 0,
	    "level's error names the engine's levels");
	strbuf_init(&sb, buf, sizeof(buf));
	game_field_must(game_field_find("seed"), &sb);
	tap_ok(strcmp(buf, "an integer from 0 to 2147483647") == 0,
	    "seed's error gives its bounds");
	memset(&in, 0, sizeof(in));
	tap_ok(game_field_parse(game_field_find("human_move"), "09", &in) != 0 &&
	    game_field_parse(game_field_find("human_move"), "0", &in) != 0 &&
	    game_field_parse(game_field_find("seed"), "007", &in) == 0 &&
	    in.seed == 7 &&
	    game_field_parse(game_field_find("seed"), "2147483648", &in) != 0 &&
	    game_field_parse(game_field_find("seed"), "-1", &in) != 0 &&
	    game_field_parse(game_field_find("level"), "Hard", &in) != 0 &&
	    game_field_parse(game_field_find("human_move"), "9", &in) == 0 &&
	    in.human_move == 8,
	    "the parser: digits only, no more than the maximum has, in range; "
	    "names exactly");
}

static void
test_strbuf(void)
{
	char buf[8];
	struct strbuf sb;

	strbuf_init(&sb, buf, sizeof(buf));
	strbuf_put(&sb, "abc");
	strbuf_putu(&sb, 1234);
	tap_ok(strbuf_ok(&sb) && strcmp(buf, "abc1234") == 0 && sb.len == 7,
	    "a strbuf fills its storage up to the NUL");
	strbuf_putc(&sb, 'x');
	strbuf_put(&sb, "");
	tap_ok(!strbuf_ok(&sb) && strcmp(buf, "abc1234") == 0,
	    "a write that does not fit writes nothing and marks it truncated");
	strbuf_init(&sb, buf, sizeof(buf));
	strbuf_putf(&sb, "%s", "too long here");
	strbuf_put(&sb, "a");
	tap_ok(!strbuf_ok(&sb) && buf[0] == '\0',
	    "a formatted piece that does not fit leaves nothing of itself, "
	    "and later writes are ignored");
	strbuf_init(&sb, buf, sizeof(buf));
	game_cell_words(5, &sb);
	tap_ok(!strbuf_ok(&sb), "a phrase longer than its buffer is reported");
}

/*
 * A jansson allocator that fails: the allocation after alloc_left more,
 * and then either every later one too (memory exhausted), or none (a
 * passing shortage: alloc_once).  The parser itself is only tested with
 * the first: jansson 2.14's lexer asserts when a single allocation of a
 * string's text fails and the next succeed.
 */
static long alloc_left = -1;	/* -1: no allocation fails */
static long alloc_count;	/* allocations asked for */
static bool alloc_once;

static void *
failing_malloc(size_t n)
{
	alloc_count++;
	if (alloc_left == 0) {
		if (alloc_once)
			alloc_left = -1;
		return NULL;
	}
	if (alloc_left > 0)
		alloc_left--;
	return malloc(n);
}

/*
 * The ownership rule under failure: whichever allocation fails, a
 * builder returns NULL or the whole result, never a part of it (and
 * leaks nothing: the sanitizer build runs this test with LeakSanitizer).
 */
static void
test_out_of_memory(void)
{
	const struct operation *op = operation_find("human_move");
	json_t *in_full = operation_input_schema(op), *out_full =
	    operation_output_schema(op), *doc_full = openapi_document(&cfg,
	    "https://example.org"), *in, *out, *doc;
	long n, total, step = 1;
	int nulls = 0, partial = 0;
	const char *env = getenv("TTT_OOM_STEP");

	/* Every allocation fails in turn; under valgrind (valgrind.t sets a
	 * step) every step-th one, which keeps the run to seconds. */
	if (env != NULL && atol(env) > 0)
		step = atol(env);
	json_set_alloc_funcs(failing_malloc, free);
	alloc_once = true;
	for (n = 0; n < 600; n++) {
		alloc_left = n;
		in = operation_input_schema(op);
		alloc_left = n;
		out = operation_output_schema(op);
		alloc_left = -1;
		nulls += in == NULL || out == NULL;
		partial += (in != NULL && !json_equal(in, in_full)) ||
		    (out != NULL && !json_equal(out, out_full));
		json_decref(in);
		json_decref(out);
	}
	tap_ok(nulls > 0 && partial == 0, "a failed allocation anywhere in a "
	    "tool's schemas gives NULL, never a partial schema, even when the "
	    "next ones succeed");
	/* Memory running out at each allocation of a whole document in turn
	 * (the examples' answers are parsed: see failing_malloc). */
	alloc_once = false;
	alloc_count = 0;
	json_decref(openapi_document(&cfg, "https://example.org"));
	nulls = partial = 0;
	for (n = 0, total = alloc_count; n < total; n += step) {
		alloc_left = n;
		doc = openapi_document(&cfg, "https://example.org");
		alloc_left = -1;
		nulls += doc == NULL;
		if (doc != NULL && !json_equal(doc, doc_full) && partial++ == 0)
			tap_diag("a partial document when allocation %ld fails", n);
		json_decref(doc);
	}
	json_set_alloc_funcs(malloc, free);
	tap_diag("the document failed %d times of %ld", nulls, total);
	tap_ok(nulls > 100 / step && partial == 0, "the same for the OpenAPI "
	    "document, its example answers included (a 500 for want of memory "
	    "is no example)");
	json_decref(in_full);
	json_decref(out_full);
	json_decref(doc_full);
}

int
main(void)
{
	char words[32];
	struct strbuf sb;

	if (config_defaults(&cfg) != 0)
		return 1;
	test_declarations();
	test_routes();
	test_schemas();
	test_annotations();
	test_route_call();
	test_fields();
	test_strbuf();
	test_out_of_memory();
	strbuf_init(&sb, words, sizeof(words));
	game_cell_words(5, &sb);
	tap_ok(strcmp(words, "row 2, column 3") == 0,
	    "cell 5 is \"row 2, column 3\": sentences count from 1");
	config_free(&cfg);
	return tap_done();
}
