/*
 * hosts.h - the host names this service answers for, one list for every
 * place a client's Host or Origin header matters: the server URL of the
 * OpenAPI document and the pages, and the MCP endpoint (DNS rebinding).
 *
 * The names: the host of public_url when it is set, else the loopback
 * names localhost, 127.0.0.1 and [::1]; plus every name in allowed_hosts.
 * A name matches with any port and in any letter case.  A Host that is
 * not a plain host[:port] (RFC 9110 7.2: uri-host [":" port]) never
 * matches.
 */
#ifndef FCGI_HOSTS_H
#define FCGI_HOSTS_H

#include <stdbool.h>

#include "config.h"

/* Is `host` (a Host header value, "name[:port]"; NULL: none) one of ours? */
bool	hosts_host_allowed(const struct config *cfg, const char *host);

/* Is `origin` (an Origin header, "scheme://name[:port]", RFC 6454 7) one
 * of ours?  Only http and https origins can be; "null" never is. */
bool	hosts_origin_allowed(const struct config *cfg, const char *origin);

/* config.c's check of allowed_hosts: NULL when every space-separated
 * entry is a plain host name (no port), else the reason. */
const char *hosts_check_list(const char *list);

#endif /* FCGI_HOSTS_H */
