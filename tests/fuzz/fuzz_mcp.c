/*
 * fuzz_mcp.c - POST /mcp with the input as the JSON-RPC body; the input's
 * first byte picks the request's headers (none, a legacy or the
 * 2026-07-28 protocol version with Mcp-Method/Mcp-Name taken from the
 * body, a mismatching one) and whether the API key is configured and sent.
 *
 * Invariants: a status the transport defines; 202 has no body; every other
 * answer is one JSON-RPC response object ("jsonrpc": "2.0", an "id", and
 * exactly one of "result" or an "error" with an integer code and a
 * sentence); a 200 to a well-formed request carries that request's id; the
 * key never appears in an answer; a tools/call result with structuredContent
 * is a legal /human_move or /hint answer (fuzz_check_move, fuzz_check_hint)
 * with isError false, and a result with isError has no structuredContent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "dispatch.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Does the body hold "K3y" (a part of the key) anywhere? */
static int
memmem_k3y(const uint8_t *d, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++)
		if (d[i] == 'K' && d[i + 1] == '3' && d[i + 2] == 'y')
			return 1;
	return 0;
}

static const int statuses[] = { 200, 202, 400, 401, 403, 404, 406, 413, 415, 429 };

/* The request's id when the body is a well-formed request, else NULL. */
static json_t *
request_id(const uint8_t *data, size_t size, json_t **root)
{
	json_t *id;

	*root = NULL;
	if (fuzz_json_depth(data, size) > 16)
		return NULL;
	*root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES |
	    JSON_DECODE_ANY, NULL);
	if (!json_is_object(*root) ||
	    !json_is_string(json_object_get(*root, "method")))
		return NULL;
	id = json_object_get(*root, "id");
	return json_is_integer(id) || (json_is_string(id) &&
	    json_string_length(id) <= 128) ? id : NULL;
}

static void
check_tool_result(const struct handler_request *req,
    const struct handler_response *resp, json_t *root, json_t *result)
{
	json_t *params = json_object_get(root, "params"), *sc, *err;
	const char *name;

	if (!json_is_object(params) || !json_is_string(json_object_get(params, "name")))
		return;
	name = json_string_value(json_object_get(params, "name"));
	sc = json_object_get(result, "structuredContent");
	err = json_object_get(result, "isError");
	if (!json_is_array(json_object_get(result, "content")) || !json_is_boolean(err))
		fuzz_fail(req, resp, "a tools/call result without content or isError");
	if (json_is_true(err)) {
		if (sc != NULL)
			fuzz_fail(req, resp, "isError with structuredContent");
		return;
	}
	if (strcmp(name, "human_move") == 0)
		fuzz_check_move(req, resp, sc, NULL);
	else if (strcmp(name, "hint") == 0)
		fuzz_check_hint(req, resp, sc);
	else
		fuzz_fail(req, resp, "a result from an unknown tool");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const versions[] = { NULL, "2025-11-25",
	    "2026-07-28", "2026-07-28", "1999-01-01", "2025-03-26" };
	const struct config *cfg;
	struct handler_request req;
	struct handler_response resp;
	char clen[32], method_p[96], name_p[160], *env[5];
	char version_p[64];
	json_t *root, *id, *body, *method, *params;
	size_t i, nenv = 0;
	unsigned mode;

	if (size == 0)
		return 0;
	mode = data[0];
	data++;
	size--;
	cfg = &fuzz_cfgs[(mode & 0x40) ? FUZZ_CFG_AUTH : FUZZ_CFG_DEFAULT];
	if (size > cfg->body_limit)
		return 0;
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	snprintf(clen, sizeof(clen), "%zu", size);
	req.method = "POST";
	req.path = "/mcp";
	req.content_length = clen;
	req.content_type = "application/json";
	req.media_ranges = "application/json, text/event-stream";
	req.host = (mode & 0x80) ? "evil.example" : "localhost:8080";
	if (mode & 0x20)
		req.authorization = "Bearer " FUZZ_API_KEY;

	id = request_id(data, size, &root);
	method = json_object_get(root, "method");
	params = json_object_get(root, "params");
	if (versions[mode % 6] != NULL) {
		snprintf(version_p, sizeof(version_p), "HTTP_MCP_PROTOCOL_VERSION=%s",
		    versions[mode % 6]);
		env[nenv++] = version_p;
	}
	/* Headers that mirror the body, unless mode asks for a mismatch. */
	if (json_is_string(method) && (mode & 0x08) == 0) {
		snprintf(method_p, sizeof(method_p), "HTTP_MCP_METHOD=%.80s",
		    json_string_value(method));
		env[nenv++] = method_p;
		if (json_is_string(json_object_get(params, "name")))
			snprintf(name_p, sizeof(name_p), "HTTP_MCP_NAME=%.140s",
			    json_string_value(json_object_get(params, "name")));
		else
			snprintf(name_p, sizeof(name_p), "HTTP_MCP_NAME=%s",
			    (mode & 0x10) ? "human_move" : "hint");
		env[nenv++] = name_p;
	}
	env[nenv] = NULL;
	req.params = env;
	body_expect(&req, cfg->body_limit);
	body_received(&req, data, size);

	dispatch_request(cfg, &req, &resp);

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (resp.status == statuses[i])
			break;
	if (i == sizeof(statuses) / sizeof(statuses[0]))
		fuzz_fail(&req, &resp, "unexpected status %d", resp.status);
	/* The key may only come back if the body itself carried it. */
	if (resp.body != NULL && strstr(resp.body, "K3y") != NULL &&
	    memmem_k3y(data, size) == 0)
		fuzz_fail(&req, &resp, "the API key is in the answer");
	if (resp.status == 202) {
		if (resp.body_len != 0)
			fuzz_fail(&req, &resp, "a 202 with a body");
		goto out;
	}
	body = resp.body != NULL ? json_loadb(resp.body, resp.body_len, 0, NULL) : NULL;
	if (!json_is_object(body) ||
	    !json_is_string(json_object_get(body, "jsonrpc")) ||
	    strcmp(json_string_value(json_object_get(body, "jsonrpc")), "2.0") != 0 ||
	    json_object_get(body, "id") == NULL ||
	    (json_object_get(body, "result") != NULL) ==
	    (json_object_get(body, "error") != NULL))
		fuzz_fail(&req, &resp, "not one JSON-RPC response object");
	if (json_object_get(body, "error") != NULL) {
		json_t *e = json_object_get(body, "error");
		const char *m = json_string_value(json_object_get(e, "message"));

		if (!json_is_integer(json_object_get(e, "code")) || m == NULL ||
		    m[0] == '\0')
			fuzz_fail(&req, &resp, "an error without code or message");
	}
	if (resp.status == 200 && id != NULL &&
	    !json_equal(json_object_get(body, "id"), id))
		fuzz_fail(&req, &resp, "the answer's id is not the request's");
	if (resp.status == 200 && json_object_get(body, "result") != NULL &&
	    json_is_string(method) &&
	    strcmp(json_string_value(method), "tools/call") == 0)
		check_tool_result(&req, &resp, root,
		    json_object_get(body, "result"));
	json_decref(body);
out:
	json_decref(root);
	handler_response_free(&resp);
	return 0;
}
