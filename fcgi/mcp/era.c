/*
 * era.c - the era of an MCP message and its headers (era.h).
 *
 * The body decides the era, the headers are checked against it, never the
 * other way round: a proxy may drop a header, but the body is what the
 * client meant (2026-07-28 streamable-http, "Server Validation").
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "handler_internal.h"
#include "mcp/era.h"

#define META_VERSION	"io.modelcontextprotocol/protocolVersion"
#define META_CAPS	"io.modelcontextprotocol/clientCapabilities"
#define HEADER_MAX	256	/* bytes of a header value we compare */

static const char *const legacy_versions[] = {
	ERA_LEGACY_LATEST, "2025-06-18", "2025-03-26"
};
#define NLEGACY	(sizeof(legacy_versions) / sizeof(legacy_versions[0]))

json_t *
era_versions(void)
{
	json_t *list = json_pack("[s]", ERA_MODERN_VERSION);
	size_t i;

	for (i = 0; i < NLEGACY && list != NULL; i++)
		if (json_array_append_new(list,
		    json_string(legacy_versions[i])) != 0) {
			json_decref(list);
			list = NULL;
		}
	return list;
}

bool
era_legacy_supported(const char *v)
{
	size_t i;

	for (i = 0; i < NLEGACY; i++)
		if (strcmp(legacy_versions[i], v) == 0)
			return true;
	return false;
}

static int
refuse(struct era_refusal *why, int code, json_t *data, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Fill why (every refusal here is HTTP 400); returns -1. */
static int
refuse(struct era_refusal *why, int code, json_t *data, const char *fmt, ...)
{
	va_list ap;

	why->status = 400;
	why->code = code;
	why->data = data;
	va_start(ap, fmt);
	(void)vsnprintf(why->message, sizeof(why->message), fmt, ap);
	va_end(ap);
	return -1;
}

static int
refuse_version(struct era_refusal *why, const char *v)
{
	return refuse(why, JSONRPC_UNSUPPORTED_VERSION, json_pack("{s:o, s:s}",
	    "supported", era_versions(), "requested", v),
	    "Unsupported protocol version \"%.32s\".", v);
}

static int
b64_value(char c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

/*
 * A header value as the client meant it: "=?base64?...?=" is decoded
 * (2026-07-28 streamable-http, "Value Encoding").  Writes a NUL-terminated
 * string into out; -1 when the value is malformed or does not fit.
 */
static int
header_value(const char *v, char *out, size_t size)
{
	static const char pre[] = "=?base64?", post[] = "?=";
	size_t n = strlen(v), i, o = 0, m;
	unsigned acc = 0;
	int bits = 0, d;

	if (n < sizeof(pre) - 1 + sizeof(post) - 1 ||
	    strncmp(v, pre, sizeof(pre) - 1) != 0 ||
	    strcmp(v + n - (sizeof(post) - 1), post) != 0) {
		if (n >= size)
			return -1;
		memcpy(out, v, n + 1);
		return 0;
	}
	m = n - (sizeof(post) - 1);
	for (i = sizeof(pre) - 1; i < m; i++) {
		if (v[i] == '=')
			break;
		if ((d = b64_value(v[i])) < 0)
			return -1;
		acc = (acc << 6) | (unsigned)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o + 1 >= size)
				return -1;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	for (; i < m; i++)
		if (v[i] != '=')
			return -1;
	out[o] = '\0';
	return strlen(out) == o ? 0 : -1;
}

/* No version in _meta: the header, when present, names a legacy revision
 * (absent means 2025-03-26: 2025-06-18 basic/transports). */
static int
check_legacy(const char *hdr, bool request, struct era_refusal *why)
{
	if (hdr == NULL)
		return 0;
	if (strcmp(hdr, ERA_MODERN_VERSION) == 0 && request)
		return refuse(why, JSONRPC_INVALID_PARAMS, NULL, "A %s request "
		    "carries params._meta with \"" META_VERSION "\" and \""
		    META_CAPS "\".", hdr);
	if (strcmp(hdr, ERA_MODERN_VERSION) != 0 && !era_legacy_supported(hdr))
		return refuse_version(why, hdr);
	return 0;
}

/* _meta's version: a string, the header's when both are given, and one
 * this server speaks. */
static int
check_version(const json_t *claim, const char *hdr, struct era_refusal *why)
{
	const char *v;

	if (!json_is_string(claim))
		return refuse(why, JSONRPC_INVALID_PARAMS, NULL, "_meta \""
		    META_VERSION "\" must be a string.");
	v = json_string_value(claim);
	if (hdr != NULL && strcmp(hdr, v) != 0)
		return refuse(why, JSONRPC_HEADER_MISMATCH, NULL, "Header "
		    "mismatch: MCP-Protocol-Version \"%.32s\" does not match "
		    "_meta's \"%.32s\".", hdr, v);
	if (strcmp(v, ERA_MODERN_VERSION) != 0)
		return refuse_version(why, v);
	return 0;
}

/* A modern request: its capabilities, and the headers that mirror it
 * (hdr: its MCP-Protocol-Version, or NULL). */
static int
check_request(const struct handler_request *req, const char *hdr,
    const struct jsonrpc_msg *msg, const json_t *meta, const char *name_field,
    struct era_refusal *why)
{
	const char *method = handler_param(req, "HTTP_MCP_METHOD"), *name;
	const json_t *src;
	char decoded[HEADER_MAX];

	if (!json_is_object(json_object_get(meta, META_CAPS)))
		return refuse(why, JSONRPC_INVALID_PARAMS, NULL, "params._meta "
		    "lacks \"" META_CAPS "\" (an object).");
	if (hdr == NULL || method == NULL)
		return refuse(why, JSONRPC_HEADER_MISMATCH, NULL, "Header "
		    "mismatch: a %s request needs the %s header.",
		    ERA_MODERN_VERSION, hdr == NULL ? "MCP-Protocol-Version" :
		    "Mcp-Method");
	if (strcmp(method, msg->method) != 0)
		return refuse(why, JSONRPC_HEADER_MISMATCH, NULL, "Header "
		    "mismatch: Mcp-Method \"%.64s\" does not match the body's "
		    "method \"%.64s\".", method, msg->method);
	if (name_field == NULL ||
	    !json_is_string(src = json_object_get(msg->params, name_field)))
		return 0;
	name = handler_param(req, "HTTP_MCP_NAME");
	if (name == NULL || header_value(name, decoded, sizeof(decoded)) != 0 ||
	    strcmp(decoded, json_string_value(src)) != 0)
		return refuse(why, JSONRPC_HEADER_MISMATCH, NULL, "Header "
		    "mismatch: Mcp-Name must be params.%s (\"%.64s\").",
		    name_field, json_string_value(src));
	return 0;
}

int
era_classify(const struct handler_request *req, const struct jsonrpc_msg *msg,
    const char *name_field, enum era *era, struct era_refusal *why)
{
	const char *hdr = handler_param(req, "HTTP_MCP_PROTOCOL_VERSION");
	const json_t *meta, *claim;
	bool request = msg->kind == JSONRPC_REQUEST;

	*era = ERA_LEGACY;
	meta = msg->params != NULL ? json_object_get(msg->params, "_meta") : NULL;
	if (meta != NULL && !json_is_object(meta))
		return refuse(why, JSONRPC_INVALID_PARAMS, NULL,
		    "params._meta must be an object.");
	claim = meta != NULL ? json_object_get(meta, META_VERSION) : NULL;
	if (claim == NULL)
		return check_legacy(hdr, request, why);
	*era = ERA_MODERN;
	if (check_version(claim, hdr, why) != 0)
		return -1;
	if (!request)	/* a notification carries no capabilities */
		return 0;
	return check_request(req, hdr, msg, meta, name_field, why);
}
