/*
 * auth.h - the API key: whether a request carries it the way api_key_type
 * says the GPT sends it, the 401 answer, and the security scheme the
 * document declares.
 */
#ifndef FCGI_AUTH_H
#define FCGI_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "config.h"
#include "handler.h"

enum auth_type { AUTH_NONE, AUTH_BEARER, AUTH_BASIC, AUTH_CUSTOM };
enum auth_type auth_type(const struct config *);
/* True when no key is configured or the request carries it the configured
 * way (constant-time compare). */
bool	 auth_ok(const struct config *, const struct handler_request *);
/* The 401 answer with its WWW-Authenticate challenge. */
void	 auth_refuse(const struct config *, struct handler_response *);
/* The document's security scheme (new reference; NULL without a key) and
 * the name it is listed under. */
json_t	*auth_security_scheme(const struct config *);
const char *auth_scheme_name(const struct config *);

#endif /* FCGI_AUTH_H */
