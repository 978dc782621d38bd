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
/* The 401 answer with its WWW-Authenticate challenge.  A request the home
 * page made (AUTH_PAGE_MARK) never gets a Basic challenge: a browser that
 * sees one opens its own login dialog over the page, which has its own key
 * field. */
void	 auth_refuse(const struct config *, const struct handler_request *,
	    struct handler_response *);
/* The header the home page's script sends with each request, as the
 * XMLHttpRequest convention goes, and its CGI param (RFC 3875 4.1.18). */
#define AUTH_PAGE_MARK		"X-Requested-With"
#define AUTH_PAGE_MARK_VALUE	"XMLHttpRequest"
#define AUTH_PAGE_MARK_PARAM	"HTTP_X_REQUESTED_WITH"
/* The document's security scheme (new reference; NULL without a key) and
 * the name it is listed under. */
json_t	*auth_security_scheme(const struct config *);
const char *auth_scheme_name(const struct config *);

#endif /* FCGI_AUTH_H */
