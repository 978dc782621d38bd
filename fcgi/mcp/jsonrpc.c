/*
 * jsonrpc.c - one JSON-RPC 2.0 message in, one answer out (see jsonrpc.h).
 *
 * Parsing checks the nesting before jansson sees the body (its parser
 * recurses once per level) and rejects duplicate keys, so what a client
 * meant is never ambiguous.  Answers are assembled as text around an id
 * and a result that are already JSON: the hot path (tools/call) never
 * builds a tree for its answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handler_internal.h"
#include "mcp/jsonrpc.h"

static int
fault(struct jsonrpc_fault *f, int code, const char *message)
{
	f->code = code;
	snprintf(f->message, sizeof(f->message), "%s", message);
	return -1;
}

/* An id MCP accepts: a string (bounded) or an integer, never null. */
static int
id_ok(const json_t *id)
{
	if (json_is_integer(id))
		return 1;
	return json_is_string(id) && json_string_length(id) <= JSONRPC_ID_MAX;
}

static int
classify(json_t *root, struct jsonrpc_msg *msg, struct jsonrpc_fault *f)
{
	json_t *version, *method, *id, *params;

	if (json_is_array(root))
		return fault(f, JSONRPC_INVALID_REQUEST, "Batches are not "
		    "supported: send one JSON-RPC message per POST.");
	if (!json_is_object(root))
		return fault(f, JSONRPC_INVALID_REQUEST, "The body must be a "
		    "JSON-RPC message, a JSON object.");
	version = json_object_get(root, "jsonrpc");
	if (!json_is_string(version) ||
	    strcmp(json_string_value(version), "2.0") != 0)
		return fault(f, JSONRPC_INVALID_REQUEST, "The message must have "
		    "\"jsonrpc\": \"2.0\".");
	method = json_object_get(root, "method");
	id = json_object_get(root, "id");
	if (method == NULL) {
		/* A response from the client: MCP clients answer server
		 * requests this way; this server sends none, so it is only
		 * acknowledged. */
		if ((json_object_get(root, "result") != NULL) ==
		    (json_object_get(root, "error") != NULL) ||
		    id == NULL || !(id_ok(id) || json_is_null(id)))
			return fault(f, JSONRPC_INVALID_REQUEST, "The message "
			    "has no \"method\": a request needs a method name.");
		msg->kind = JSONRPC_RESPONSE;
		return 0;
	}
	if (!json_is_string(method) || json_string_length(method) == 0 ||
	    json_string_length(method) > JSONRPC_METHOD_MAX ||
	    strlen(json_string_value(method)) != json_string_length(method))
		return fault(f, JSONRPC_INVALID_REQUEST, "\"method\" must be a "
		    "method name, a string of 1 to 64 bytes.");
	if (id != NULL && !id_ok(id))
		return fault(f, JSONRPC_INVALID_REQUEST, "\"id\" must be a "
		    "string of at most 128 bytes or an integer (not null).");
	params = json_object_get(root, "params");
	if (params != NULL && !json_is_object(params))
		return fault(f, JSONRPC_INVALID_REQUEST, "\"params\" must be an "
		    "object when present.");
	msg->kind = id != NULL ? JSONRPC_REQUEST : JSONRPC_NOTIFICATION;
	msg->method = json_string_value(method);
	msg->id = id;
	msg->params = params;
	return 0;
}

int
jsonrpc_parse(const unsigned char *body, size_t len, struct jsonrpc_msg *msg,
    struct jsonrpc_fault *f)
{
	/* Zeroed: jansson leaves it untouched when it fails before parsing. */
	json_error_t jerr = { .line = 0 };
	char what[sizeof(f->message)];
	json_t *root;

	memset(msg, 0, sizeof(*msg));
	if (len == 0 || body == NULL)
		return fault(f, JSONRPC_INVALID_REQUEST, "The body is empty: "
		    "send one JSON-RPC message.");
	if (!jsonutil_depth_ok(body, len, JSONRPC_DEPTH_MAX))
		return fault(f, JSONRPC_PARSE_ERROR, "The JSON is nested deeper "
		    "than 16 levels.");
	/* Any JSON value parses: one that is not an object is then an
	 * invalid request (-32600), not a parse error. */
	root = json_loadb((const char *)body, len, JSON_REJECT_DUPLICATES |
	    JSON_DECODE_ANY, &jerr);
	if (root == NULL) {
		snprintf(what, sizeof(what), "The body is not valid JSON (%.80s "
		    "at line %d, column %d).", jerr.text, jerr.line, jerr.column);
		return fault(f, JSONRPC_PARSE_ERROR, what);
	}
	if (classify(root, msg, f) != 0) {
		json_decref(root);
		memset(msg, 0, sizeof(*msg));
		return -1;
	}
	msg->root = root;
	return 0;
}

void
jsonrpc_msg_free(struct jsonrpc_msg *msg)
{
	json_decref(msg->root);
	memset(msg, 0, sizeof(*msg));
}

/* The id as JSON text into buf (null when absent); its length, 0 if it
 * does not fit (it always does: ids are bounded by jsonrpc_parse). */
static size_t
id_text(const json_t *id, char *buf, size_t size)
{
	size_t n;

	if (id == NULL) {
		snprintf(buf, size, "null");
		return 4;
	}
	n = json_dumpb(id, buf, size - 1, JSON_ENCODE_ANY | JSON_COMPACT);
	if (n == 0 || n >= size)
		return 0;
	buf[n] = '\0';
	return n;
}

char *
jsonrpc_result_text(const json_t *id, const char *result, size_t result_len,
    size_t *len)
{
	static const char head[] = "{\"jsonrpc\":\"2.0\",\"id\":";
	static const char mid[] = ",\"result\":";
	char idbuf[JSONRPC_ID_MAX * 6 + 8], *out, *p;
	size_t idlen, total;

	if ((idlen = id_text(id, idbuf, sizeof(idbuf))) == 0)
		return NULL;
	total = sizeof(head) - 1 + idlen + sizeof(mid) - 1 + result_len + 1;
	if ((out = malloc(total + 1)) == NULL)
		return NULL;
	p = out;
	memcpy(p, head, sizeof(head) - 1);
	p += sizeof(head) - 1;
	memcpy(p, idbuf, idlen);
	p += idlen;
	memcpy(p, mid, sizeof(mid) - 1);
	p += sizeof(mid) - 1;
	memcpy(p, result, result_len);
	p += result_len;
	*p++ = '}';
	*p = '\0';
	*len = total;
	return out;
}

char *
jsonrpc_result(const json_t *id, const json_t *result, size_t *len)
{
	char *text, *out;

	text = json_dumps(result, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (text == NULL)
		return NULL;
	out = jsonrpc_result_text(id, text, strlen(text), len);
	free(text);
	return out;
}

char *
jsonrpc_error(const json_t *id, int code, const char *message, json_t *data,
    size_t *len)
{
	char msg[512], *p, *out;
	json_t *doc, *err;

	snprintf(msg, sizeof(msg), "%s", message);
	for (p = msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			*p = '?';
	err = json_pack("{s:i, s:s}", "code", code, "message", msg);
	if (err != NULL && data != NULL &&
	    json_object_set_new(err, "data", data) != 0) {
		json_decref(err);
		return NULL;
	}
	if (err == NULL) {
		json_decref(data);
		return NULL;
	}
	/* "O?" writes null for a NULL id (no id could be read). */
	doc = json_pack("{s:s, s:O?, s:o}", "jsonrpc", "2.0", "id",
	    (json_t *)id, "error", err);
	if (doc == NULL)
		return NULL;
	out = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (out != NULL)
		*len = strlen(out);
	return out;
}
