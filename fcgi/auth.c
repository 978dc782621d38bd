/*
 * auth.c - the optional API key, sent the three ways a GPT action's "API
 * Key" authentication can send it (api_key_type):
 *
 *   bearer  "Authorization: Bearer <key>"   (RFC 6750 2.1)
 *   basic   "Authorization: Basic <key>"    (RFC 7617; the builder sends
 *           the pasted value as it is, so the key is compared verbatim)
 *   custom  "<api_key_header>: <key>"       (e.g. X-Api-Key)
 *
 * Only the configured way is accepted.  The comparison takes constant time
 * so response timing tells nothing about how much of a guess was right,
 * and the key never reaches a log or an answer.  The OpenAPI document's
 * security scheme is built here too, so what is checked and what is
 * documented cannot differ.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "handler_internal.h"
#include "ops/ops.h"

enum auth_type
auth_type(const struct config *cfg)
{
	if (cfg->api_key_len == 0)
		return AUTH_NONE;
	if (strcmp(cfg->api_key_type, "basic") == 0)
		return AUTH_BASIC;
	if (strcmp(cfg->api_key_type, "custom") == 0)
		return AUTH_CUSTOM;
	return AUTH_BEARER;
}

/* Time depends only on the key's length, never on the candidate's bytes. */
static bool
equal_const_time(const char *key, size_t keylen, const char *cand, size_t candlen)
{
	volatile unsigned char diff = 0;
	size_t i;

	diff |= (unsigned char)(keylen != candlen);
	for (i = 0; i < keylen; i++)
		diff |= (unsigned char)key[i] ^
		    (unsigned char)(i < candlen ? cand[i] : 0);
	return diff == 0;
}

/* The token after "<scheme> " in Authorization, or NULL. */
static const char *
credentials(const char *authorization, const char *scheme)
{
	size_t n = strlen(scheme);

	if (authorization == NULL || strncasecmp(authorization, scheme, n) != 0 ||
	    authorization[n] != ' ')
		return NULL;
	authorization += n;
	while (*authorization == ' ')
		authorization++;
	return authorization;
}

bool
auth_ok(const struct config *cfg, const struct handler_request *req)
{
	const char *cand = NULL;

	switch (auth_type(cfg)) {
	case AUTH_NONE:
		return true;
	case AUTH_BEARER:
		cand = credentials(req->authorization, "Bearer");
		break;
	case AUTH_BASIC:
		cand = credentials(req->authorization, "Basic");
		break;
	case AUTH_CUSTOM:
		cand = handler_param(req, cfg->api_key_param);
		break;
	}
	if (cand == NULL)
		return false;
	return equal_const_time(cfg->api_key, cfg->api_key_len, cand,
	    strnlen(cand, CONFIG_API_KEY_MAX + 1));
}

void
auth_refuse(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	char challenge[CONFIG_API_KEY_HEADER_MAX + 64];
	const char *mark = handler_param(req, AUTH_PAGE_MARK_PARAM);

	ops_count_auth_failure();
	switch (auth_type(cfg)) {
	case AUTH_BASIC:
		response_error(r, HANDLER_ERR_UNAUTHORIZED, "A valid API key is "
		    "required: send the header \"Authorization: Basic <key>\".");
		/* RFC 9110 11.6.1 wants a challenge on every 401; for the
		 * page's own requests it names a scheme browsers do not answer
		 * with a dialog of their own (the page asks for the key). */
		if (mark != NULL && strcasecmp(mark, AUTH_PAGE_MARK_VALUE) == 0)
			snprintf(challenge, sizeof(challenge),
			    "ApiKey realm=\"ttt-fcgi\", header=\"Authorization\"");
		else
			snprintf(challenge, sizeof(challenge),
			    "Basic realm=\"ttt-fcgi\"");
		break;
	case AUTH_CUSTOM:
		response_error(r, HANDLER_ERR_UNAUTHORIZED, "A valid API key is "
		    "required: send the header \"%s: <key>\".",
		    cfg->api_key_header);
		/* No registered scheme for a key in its own header (RFC 9110
		 * 11.6.1 still wants a challenge): name the header. */
		snprintf(challenge, sizeof(challenge),
		    "ApiKey realm=\"ttt-fcgi\", header=\"%s\"", cfg->api_key_header);
		break;
	case AUTH_NONE:
	case AUTH_BEARER:
	default:
		response_error(r, HANDLER_ERR_UNAUTHORIZED, "A valid API key is "
		    "required: send the header \"Authorization: Bearer <key>\".");
		snprintf(challenge, sizeof(challenge), "Bearer realm=\"ttt-fcgi\"");
		break;
	}
	if (response_header(r, "WWW-Authenticate", challenge) != 0)
		response_oom(r);
}

const char *
auth_scheme_name(const struct config *cfg)
{
	switch (auth_type(cfg)) {
	case AUTH_BASIC:
		return "basicAuth";
	case AUTH_CUSTOM:
		return "customAuth";
	case AUTH_NONE:
	case AUTH_BEARER:
	default:
		return "bearerAuth";
	}
}

json_t *
auth_security_scheme(const struct config *cfg)
{
	switch (auth_type(cfg)) {
	case AUTH_NONE:
		return NULL;
	case AUTH_BASIC:
		return json_pack("{s:s, s:s, s:s}", "type", "http",
		    "scheme", "basic", "description", "The API key, sent as "
		    "\"Authorization: Basic <key>\" (GPT builder: API Key, "
		    "Auth Type Basic).");
	case AUTH_CUSTOM:
		return json_pack("{s:s, s:s, s:s, s:s}", "type", "apiKey",
		    "in", "header", "name", cfg->api_key_header,
		    "description", "The API key, sent in its own header (GPT "
		    "builder: API Key, Auth Type Custom, this header name).");
	case AUTH_BEARER:
	default:
		return json_pack("{s:s, s:s, s:s}", "type", "http",
		    "scheme", "bearer", "description", "The API key, sent as "
		    "\"Authorization: Bearer <key>\".");
	}
}
