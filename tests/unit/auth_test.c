/*
 * auth_test.c - the API key, each way a GPT action can send it
 * (api_key_type bearer, basic, custom): refused without it, accepted with
 * it, refused when sent the other ways; the 401's challenge, the
 * document's security scheme and the home page follow the configuration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "dispatch.h"
#include "handler_call.h"
#include "tap.h"
#include "handler_internal.h"
#include "ttt.h"


static struct config cfg;
static struct handler_response resp;
static const char key[] = "s3cret-key-0123456789";
static const char board[] =
    "{\"board\":[[\"X\",\" \",\" \"],[\" \",\" \",\" \"],[\" \",\" \",\" \"]]}";

/* POST /human_move with an Authorization header and extra params. */
static int
post(const char *authorization, const char *param)
{
	char *params[3] = { NULL, NULL, NULL };
	struct handler_request req;
	char cl[16];

	handler_response_free(&resp);
	memset(&req, 0, sizeof(req));
	req.method = "POST";
	req.path = "/human_move";
	req.authorization = authorization;
	req.body = (const unsigned char *)board;
	req.body_len = strlen(board);
	req.body_declared = req.body_len;
	req.body_state = HANDLER_BODY_COMPLETE;
	snprintf(cl, sizeof(cl), "%zu", req.body_len);
	req.content_length = cl;
	params[0] = (char *)"HTTP_HOST=ttt.example.com";
	params[1] = (char *)param;
	req.params = params;
	dispatch_request(&cfg, &req, &resp);
	return resp.status;
}

static int
get(const char *path, const char *accept)
{
	return call_get(&cfg, &resp, path, accept);
}

static const char *
header(const char *name)
{
	const char *v = answer_header(&resp, name);

	return v != NULL ? v : "";
}

static bool
body_has(const char *s)
{
	return resp.body != NULL && strstr(resp.body, s) != NULL;
}

/* components.securitySchemes of /docs, as compact JSON with sorted keys. */
static char *
schemes(void)
{
	json_t *doc, *s;
	char *out;

	get("/docs", NULL);
	doc = json_loadb(resp.body, resp.body_len, 0, NULL);
	s = json_object_get(json_object_get(doc, "components"), "securitySchemes");
	out = s != NULL ? json_dumps(s, JSON_COMPACT | JSON_SORT_KEYS) : strdup("none");
	json_decref(doc);
	return out;
}

/* security of the POST /human_move operation, compact JSON. */
static char *
op_security(void)
{
	json_t *doc, *s;
	char *out;

	get("/docs", NULL);
	doc = json_loadb(resp.body, resp.body_len, 0, NULL);
	s = json_object_get(json_object_get(json_object_get(json_object_get(doc,
	    "paths"), "/human_move"), "post"), "security");
	out = s != NULL ? json_dumps(s, JSON_COMPACT) : strdup("none");
	json_decref(doc);
	return out;
}

static void
set(const char *k, const char *v)
{
	char err[160];

	if (config_set(&cfg, k, v, err, sizeof(err)) != 0)
		tap_diag("config %s: %s", k, err);
	docs_cache_clear();
}

static void
check_doc(const char *want_schemes, const char *want_security, const char *what)
{
	char *s = schemes(), *o = op_security(), name[160];

	snprintf(name, sizeof(name), "%s: the document's security scheme matches", what);
	if (!tap_ok(strcmp(s, want_schemes) == 0, name))
		tap_diag("got %s", s);
	snprintf(name, sizeof(name), "%s: the move operations name that scheme", what);
	if (!tap_ok(strcmp(o, want_security) == 0, name))
		tap_diag("got %s", o);
	free(s);
	free(o);
}

static void
test_none(void)
{
	tap_ok(post(NULL, NULL) == 200, "without a key configured, no header is needed");
	check_doc("none", "[]", "no key");
	get("/", "text/html");
	tap_ok(body_has("data-auth=\"none\"") && body_has("<em>None</em>"),
	    "no key: the home page says Authentication None");
	tap_ok(!body_has("YOUR_KEY") && body_has("choose No authentication in ChatGPT"),
	    "no key: the MCP snippets send no header and the connector forms need no authentication");
}

static void
test_bearer(void)
{
	set("api_key_type", "bearer");
	tap_ok(post(NULL, NULL) == 401 && strncmp(header("WWW-Authenticate"), "Bearer ", 7) == 0 &&
	    body_has("Authorization: Bearer <key>"),
	    "bearer: no key is a 401 with a Bearer challenge and the header to send");
	tap_ok(post("Bearer s3cret-key-0123456789", NULL) == 200, "bearer: the right key plays");
	tap_ok(post("bearer s3cret-key-0123456789", NULL) == 200,
	    "bearer: the scheme name is case-insensitive");
	tap_ok(post("Bearer s3cret-key-0123456780", NULL) == 401, "bearer: a wrong key is a 401");
	tap_ok(post("Bearer s3cret-key-012345678", NULL) == 401, "bearer: a prefix of the key is a 401");
	tap_ok(post("Basic s3cret-key-0123456789", NULL) == 401,
	    "bearer: the key sent as Basic is refused");
	tap_ok(post(NULL, "HTTP_X_API_KEY=s3cret-key-0123456789") == 401,
	    "bearer: the key in X-Api-Key is refused");
	tap_ok(post("Bearers3cret-key-0123456789", NULL) == 401,
	    "bearer: no space after the scheme is refused");
	check_doc("{\"bearerAuth\":{\"description\":\"The API key, sent as \\\"Authorization: "
	    "Bearer <key>\\\".\",\"scheme\":\"bearer\",\"type\":\"http\"}}",
	    "[{\"bearerAuth\":[]}]", "bearer");
	get("/", "text/html");
	tap_ok(body_has("data-auth=\"bearer\"") && body_has("Auth Type <em>Bearer</em>"),
	    "bearer: the home page says Auth Type Bearer");
	tap_ok(body_has("&quot;headers&quot;: {\n        &quot;Authorization&quot;: "
	    "&quot;Bearer YOUR_KEY&quot;") &&
	    body_has("--header &quot;Authorization: Bearer YOUR_KEY&quot;</code>"),
	    "bearer: the MCP snippets send Authorization: Bearer");
	tap_ok(body_has("cannot send, so ChatGPT and Claude cannot connect"),
	    "bearer: the page says the connector forms cannot send the key");
}

static void
test_basic(void)
{
	set("api_key_type", "basic");
	tap_ok(post(NULL, NULL) == 401 && strncmp(header("WWW-Authenticate"), "Basic ", 6) == 0 &&
	    body_has("Authorization: Basic <key>"),
	    "basic: no key is a 401 with a Basic challenge and the header to send");
	tap_ok(post("Basic s3cret-key-0123456789", NULL) == 200, "basic: the right key plays");
	tap_ok(post("BASIC s3cret-key-0123456789", NULL) == 200,
	    "basic: the scheme name is case-insensitive");
	tap_ok(post("Basic s3cret-key-01234567899", NULL) == 401, "basic: a longer key is a 401");
	tap_ok(post("Bearer s3cret-key-0123456789", NULL) == 401,
	    "basic: the key sent as Bearer is refused");
	tap_ok(post(NULL, "HTTP_X_API_KEY=s3cret-key-0123456789") == 401,
	    "basic: the key in X-Api-Key is refused");
	check_doc("{\"basicAuth\":{\"description\":\"The API key, sent as \\\"Authorization: "
	    "Basic <key>\\\" (GPT builder: API Key, Auth Type Basic).\",\"scheme\":\"basic\","
	    "\"type\":\"http\"}}", "[{\"basicAuth\":[]}]", "basic");
	get("/", "text/html");
	tap_ok(body_has("data-auth=\"basic\"") && body_has("Auth Type <em>Basic</em>"),
	    "basic: the home page says Auth Type Basic");
	tap_ok(body_has("&quot;Authorization&quot;: &quot;Basic YOUR_KEY&quot;") &&
	    body_has("--header &quot;Authorization: Basic YOUR_KEY&quot;"),
	    "basic: the MCP snippets send Authorization: Basic");
}

static void
test_custom(void)
{
	set("api_key_type", "custom");
	set("api_key_header", "X-Ttt-Key");
	tap_ok(post(NULL, NULL) == 401 && strstr(header("WWW-Authenticate"), "X-Ttt-Key") != NULL &&
	    body_has("X-Ttt-Key: <key>"),
	    "custom: no key is a 401 naming the header to send");
	tap_ok(post(NULL, "HTTP_X_TTT_KEY=s3cret-key-0123456789") == 200,
	    "custom: the right key in X-Ttt-Key plays");
	tap_ok(post(NULL, "HTTP_X_TTT_KEY=s3cret-key-012345678") == 401,
	    "custom: a prefix of the key is a 401");
	tap_ok(post(NULL, "HTTP_X_TTT_KEYS=s3cret-key-0123456789") == 401,
	    "custom: a header whose name only starts the same is refused");
	tap_ok(post("Bearer s3cret-key-0123456789", NULL) == 401,
	    "custom: the key sent as Bearer is refused");
	tap_ok(post("Basic s3cret-key-0123456789", NULL) == 401,
	    "custom: the key sent as Basic is refused");
	tap_ok(post(NULL, "HTTP_X_API_KEY=s3cret-key-0123456789") == 401,
	    "custom: the key in another header is refused");
	check_doc("{\"customAuth\":{\"description\":\"The API key, sent in its own header "
	    "(GPT builder: API Key, Auth Type Custom, this header name).\",\"in\":\"header\","
	    "\"name\":\"X-Ttt-Key\",\"type\":\"apiKey\"}}", "[{\"customAuth\":[]}]", "custom");
	get("/", "text/html");
	tap_ok(body_has("data-auth=\"custom\" data-api-key-header=\"X-Ttt-Key\"") &&
	    body_has("Custom Header Name <code>X-Ttt-Key</code>"),
	    "custom: the home page gives the header name for the builder and the board");
	tap_ok(body_has("&quot;X-Ttt-Key&quot;: &quot;YOUR_KEY&quot;") &&
	    body_has("--header &quot;X-Ttt-Key: YOUR_KEY&quot;"),
	    "custom: the MCP snippets send the key in its own header");
	set("api_key_header", "X-Api-Key");
	set("api_key_type", "bearer");
}

static void
test_config(void)
{
	char err[160];
	static const char *const bad_types[] = { "", "Bearer", "digest", "oauth" };
	static const char *const bad_names[] = { "", "X_Api_Key", "X Api", "Authorization",
	    "content-length", "Host", "X-Api-Key:" };
	char name[96];
	size_t i;

	for (i = 0; i < sizeof(bad_types) / sizeof(bad_types[0]); i++) {
		snprintf(name, sizeof(name), "api_key_type \"%s\" is refused", bad_types[i]);
		tap_ok(config_set(&cfg, "api_key_type", bad_types[i], err, sizeof(err)) != 0, name);
	}
	for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
		snprintf(name, sizeof(name), "api_key_header \"%s\" is refused", bad_names[i]);
		tap_ok(config_set(&cfg, "api_key_header", bad_names[i], err, sizeof(err)) != 0, name);
	}
	tap_ok(config_set(&cfg, "api_key_header", "X-GPT-Key-2", err, sizeof(err)) == 0,
	    "a header name of letters, digits and '-' is accepted");
	set("api_key_header", "X-Api-Key");
}

int
main(void)
{
	/* Requests come for ttt.example.com (handler_call.c): one of ours. */
	if (ttt_init() != 0 || config_defaults(&cfg) != 0 ||
	    config_set(&cfg, "allowed_hosts", "ttt.example.com", NULL, 0) != 0)
		return 1;
	test_none();
	memcpy(cfg.api_key, key, sizeof(key));
	cfg.api_key_len = sizeof(key) - 1;
	test_bearer();
	test_basic();
	test_custom();
	test_config();
	handler_response_free(&resp);
	docs_cache_clear();
	config_free(&cfg);
	return tap_done();
}
