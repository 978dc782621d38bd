/*
 * mcp_test.c - the MCP server's parts without a server: one JSON-RPC
 * message parsed and answered (jsonrpc.c), Host and Origin against the
 * service's names (hosts.c), the per-conversation token bucket (limit.c,
 * with its clock given), and POST /mcp through dispatch_request(): a
 * tools/call answers exactly what the route answers in-process; any other
 * method but the CORS preflight is a JSON-RPC 405 with Allow: POST.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "dispatch.h"
#include "handler_internal.h"
#include "hosts.h"
#include "mcp/jsonrpc.h"
#include "mcp/limit.h"
#include "handler_call.h"
#include "ttt.h"
#include "tap.h"

static struct config cfg;

static int
parse(const char *s, struct jsonrpc_msg *m, struct jsonrpc_fault *f)
{
	return jsonrpc_parse((const unsigned char *)s, strlen(s), m, f);
}

/* The fault code for s, or 0 when it parses. */
static int
fault_of(const char *s)
{
	struct jsonrpc_msg m;
	struct jsonrpc_fault f;

	if (parse(s, &m, &f) == 0) {
		jsonrpc_msg_free(&m);
		return 0;
	}
	return f.code;
}

static void
test_jsonrpc(void)
{
	struct jsonrpc_msg m;
	struct jsonrpc_fault f;
	char *text, deep[80];
	size_t len = 0;
	json_t *data;

	tap_ok(parse("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}", &m, &f) == 0 &&
	    m.kind == JSONRPC_REQUEST && strcmp(m.method, "ping") == 0 &&
	    json_is_string(m.id) && m.params == NULL, "a request has its method and id");
	text = jsonrpc_result_text(m.id, "{}", 2, &len);
	tap_ok(text != NULL && strcmp(text, "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{}}") == 0 &&
	    len == strlen(text), "its answer carries the same id around the result text");
	free(text);
	jsonrpc_msg_free(&m);
	tap_ok(parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", &m, &f) == 0 &&
	    m.kind == JSONRPC_NOTIFICATION, "a message without id is a notification");
	jsonrpc_msg_free(&m);
	tap_ok(parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":1,\"message\":\"x\"}}", &m, &f) == 0 &&
	    m.kind == JSONRPC_RESPONSE, "a message with result or error and an id is a response");
	jsonrpc_msg_free(&m);
	tap_ok(fault_of("[]") == JSONRPC_INVALID_REQUEST, "a batch is an invalid request");
	tap_ok(fault_of("7") == JSONRPC_INVALID_REQUEST, "a number is an invalid request");
	tap_ok(fault_of("{\"jsonrpc\":\"2.0\",\"id\":1,") == JSONRPC_PARSE_ERROR, "a cut body is a parse error");
	tap_ok(fault_of("") == JSONRPC_INVALID_REQUEST, "an empty body is an invalid request");
	snprintf(deep, sizeof(deep), "{\"a\":%s}", "[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]");
	tap_ok(fault_of(deep) == JSONRPC_PARSE_ERROR, "nesting past 16 levels is refused before parsing");
	tap_ok(fault_of("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}") == JSONRPC_INVALID_REQUEST,
	    "a null id is refused");
	tap_ok(fault_of("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}") == JSONRPC_INVALID_REQUEST,
	    "a boolean id is refused");
	tap_ok(fault_of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":3}") ==
	    JSONRPC_INVALID_REQUEST, "params that are not an object are refused");
	tap_ok(fault_of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\\u0000b\"}") != 0,
	    "a method with a NUL byte is refused");
	data = json_pack("{s:[s]}", "supported", "2026-07-28");
	text = jsonrpc_error(NULL, JSONRPC_UNSUPPORTED_VERSION, "bad \x01 bytes", data, &len);
	tap_ok(text != NULL && strcmp(text, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
	    "-32022,\"message\":\"bad ? bytes\",\"data\":{\"supported\":[\"2026-07-28\"]}}}") == 0,
	    "an error without id has id null, its data, and no control bytes");
	free(text);
}

static void
test_hosts(void)
{
	char err[256];

	tap_ok(hosts_host_allowed(&cfg, "127.0.0.1:8080") && hosts_host_allowed(&cfg, "localhost") &&
	    hosts_host_allowed(&cfg, "[::1]:443") && hosts_host_allowed(&cfg, "LOCALHOST:1"),
	    "without public_url, the loopback names are ours (any port, any case)");
	tap_ok(!hosts_host_allowed(&cfg, "evil.example") && !hosts_host_allowed(&cfg, "localhost.evil.example") &&
	    !hosts_host_allowed(&cfg, "127.0.0.1.nip.io") && !hosts_host_allowed(&cfg, "localhost:80x"),
	    "other names, or a port that is not one, are not");
	tap_ok(hosts_origin_allowed(&cfg, "http://localhost:3000") &&
	    hosts_origin_allowed(&cfg, "https://127.0.0.1"), "a loopback Origin is allowed");
	tap_ok(!hosts_origin_allowed(&cfg, "null") && !hosts_origin_allowed(&cfg, "http://evil.example") &&
	    !hosts_origin_allowed(&cfg, "file://localhost") && !hosts_origin_allowed(&cfg, "http://localhost/x"),
	    "Origin null, another site, another scheme or a path is refused");
	tap_ok(config_set(&cfg, "public_url", "https://ttt.example.com/api", err, sizeof(err)) == 0,
	    "public_url can be set");
	tap_ok(hosts_host_allowed(&cfg, "ttt.example.com") && hosts_origin_allowed(&cfg, "https://TTT.example.com"),
	    "with public_url, its host is ours");
	tap_ok(!hosts_host_allowed(&cfg, "localhost") && !hosts_origin_allowed(&cfg, "http://127.0.0.1"),
	    "with public_url, the loopback names are not");
	config_set(&cfg, "public_url", "", err, sizeof(err));
}

static void
test_limit(void)
{
	int i, passed = 0;

	limit_reset();
	for (i = 0; i < LIMIT_BURST + 10; i++)
		passed += limit_take("conv-a", 6, 1000);
	tap_ok(passed == LIMIT_BURST, "a conversation gets its burst at once, no more");
	tap_ok(limit_take("conv-b", 6, 1000), "another conversation is not affected");
	tap_ok(!limit_take("conv-a", 6, 1000 + 1000 / LIMIT_RATE - 1) &&
	    limit_take("conv-a", 6, 1000 + 1000 / LIMIT_RATE + 1) &&
	    !limit_take("conv-a", 6, 1000 + 1000 / LIMIT_RATE + 2),
	    "it earns one call back per 1/LIMIT_RATE second");
	passed = 0;
	for (i = 0; i < LIMIT_BURST; i++)
		passed += limit_take("conv-a", 6, 1000 + 60000);
	tap_ok(passed == LIMIT_BURST, "after a long pause the whole burst is back");
	for (i = 0; i < 3 * LIMIT_SLOTS; i++) {
		char key[32];

		snprintf(key, sizeof(key), "filler-%d", i);
		(void)limit_take(key, strlen(key), 2000000);
	}
	tap_ok(limit_take("conv-new", 8, 2000001), "a full table still admits a new conversation");
	limit_reset();
}

/* POST /mcp with body and headers (NULL-ended "NAME=VALUE" params). */
static int
post_mcp(struct handler_response *r, const char *body, char **params)
{
	struct handler_request req;
	char clen[24];

	handler_response_free(r);
	memset(&req, 0, sizeof(req));
	snprintf(clen, sizeof(clen), "%zu", strlen(body));
	req.method = "POST";
	req.path = "/mcp";
	req.content_type = "application/json";
	req.content_length = clen;
	req.host = "localhost:8080";
	req.params = params;
	body_expect(&req, cfg.body_limit);
	body_received(&req, (const unsigned char *)body, strlen(body));
	dispatch_request(&cfg, &req, r);
	return r->status;
}

static void
test_endpoint(void)
{
	static const char args[] = "{\"board\":[[\"X\",\" \",\" \"],[\" \",\" \",\" \"],"
	    "[\" \",\" \",\" \"]],\"level\":\"medium\",\"seed\":11}";
	struct handler_response r, rest;
	struct handler_request req;
	char body[512], clen[24];
	json_t *mcp = NULL, *want = NULL;
	char *modern[] = { "HTTP_MCP_PROTOCOL_VERSION=2026-07-28", "HTTP_MCP_METHOD=tools/call",
	    "HTTP_MCP_NAME=human_move", NULL };

	memset(&r, 0, sizeof(r));
	memset(&rest, 0, sizeof(rest));
	snprintf(body, sizeof(body), "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
	    "\"params\":{\"name\":\"human_move\",\"arguments\":%s,\"_meta\":{"
	    "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
	    "\"io.modelcontextprotocol/clientCapabilities\":{}}}}", args);
	tap_ok(post_mcp(&r, body, modern) == 200, "a 2026-07-28 tools/call answers 200");
	mcp = json_loadb(r.body, r.body_len, 0, NULL);
	memset(&req, 0, sizeof(req));
	snprintf(clen, sizeof(clen), "%zu", strlen(args));
	req.method = "POST";
	req.path = "/human_move";
	req.content_length = clen;
	body_expect(&req, cfg.body_limit);
	body_received(&req, (const unsigned char *)args, strlen(args));
	dispatch_request(&cfg, &req, &rest);
	want = json_loadb(rest.body, rest.body_len, 0, NULL);
	tap_ok(rest.status == 200 && want != NULL && json_equal(json_object_get(json_object_get(mcp,
	    "result"), "structuredContent"), want), "its structuredContent is POST /human_move's answer");
	tap_ok(json_is_string(json_object_get(json_object_get(mcp, "result"), "resultType")),
	    "and it carries the modern era's resultType");
	json_decref(mcp);
	json_decref(want);
	tap_ok(post_mcp(&r, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", NULL) == 200 &&
	    strstr(r.body, "$ref") == NULL && strstr(r.body, "\"human_move\"") != NULL,
	    "tools/list names the tools with self-contained schemas");
	tap_ok(post_mcp(&r, "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}", NULL) == 202 && r.body_len == 0,
	    "a notification gets 202 and no body");
	modern[1] = "HTTP_MCP_METHOD=tools/list";
	tap_ok(post_mcp(&r, body, modern) == 400 && strstr(r.body, "-32020") != NULL,
	    "an Mcp-Method header that is not the body's method is -32020");
	handler_response_free(&r);
	handler_response_free(&rest);
}

/*
 * GET, DELETE and any other method but POST and OPTIONS: 405 with exactly
 * "Allow: POST" and a JSON-RPC error object (the transport's, not the
 * REST routes' {"error": ...}); OPTIONS stays the CORS preflight.
 */
static void
test_methods(void)
{
	static const char *const methods[] = { "GET", "DELETE", "PUT", "PATCH", "HEAD" };
	struct handler_response r, head;
	struct handler_request req;
	json_t *doc, *err;
	const char *allow;
	char name[96];
	size_t i;
	bool shaped;

	memset(&r, 0, sizeof(r));
	memset(&head, 0, sizeof(head));
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		memset(&req, 0, sizeof(req));
		req.method = methods[i];
		req.path = "/mcp";
		req.host = "localhost:8080";
		dispatch_request(&cfg, &req, &r);
		allow = answer_header(&r, "Allow");
		snprintf(name, sizeof(name), "%s /mcp: 405 with Allow: POST", methods[i]);
		tap_ok(r.status == 405 && allow != NULL && strcmp(allow, "POST") == 0, name);
		doc = r.body != NULL ? json_loadb(r.body, r.body_len, 0, NULL) : NULL;
		err = json_object_get(doc, "error");
		shaped = r.content_type != NULL &&
		    strncmp(r.content_type, "application/json", 16) == 0 &&
		    json_is_string(json_object_get(doc, "jsonrpc")) &&
		    strcmp(json_string_value(json_object_get(doc, "jsonrpc")), "2.0") == 0 &&
		    json_is_null(json_object_get(doc, "id")) &&
		    json_integer_value(json_object_get(err, "code")) == JSONRPC_INVALID_REQUEST &&
		    json_string_length(json_object_get(err, "message")) > 10;
		snprintf(name, sizeof(name), "%s /mcp: the body is a JSON-RPC error object%s",
		    methods[i], i == 4 ? " (HEAD: sent without it)" : "");
		tap_ok(shaped, name);
		json_decref(doc);
		handler_response_free(&r);
	}
	/* HEAD is answered as GET would be (RFC 9110, 9.3.2): same length. */
	memset(&req, 0, sizeof(req));
	req.method = "GET";
	req.path = "/mcp";
	req.host = "localhost:8080";
	dispatch_request(&cfg, &req, &r);
	req.method = "HEAD";
	dispatch_request(&cfg, &req, &head);
	tap_ok(r.status == head.status && r.body_len == head.body_len &&
	    r.body_len > 0 && memcmp(r.body, head.body, r.body_len) == 0,
	    "HEAD /mcp gets GET's answer, byte for byte (Content-Length included)");
	handler_response_free(&r);
	handler_response_free(&head);

	memset(&req, 0, sizeof(req));
	req.method = "OPTIONS";
	req.path = "/mcp";
	dispatch_request(&cfg, &req, &r);
	tap_ok(r.status == 204 && answer_header(&r, "Access-Control-Allow-Methods") != NULL,
	    "OPTIONS /mcp is still the CORS preflight");
	handler_response_free(&r);
}

int
main(void)
{
	if (ttt_init() != 0 || config_defaults(&cfg) != 0)
		return 1;
	test_jsonrpc();
	test_hosts();
	test_limit();
	test_endpoint();
	test_methods();
	config_free(&cfg);
	return tap_done();
}
