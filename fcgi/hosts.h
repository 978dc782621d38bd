/*
 * hosts.h - the service's own names, against which a request's Host and
 * Origin headers are checked (DNS rebinding: a page on another site made
 * to resolve to this server sends its own name in both headers, so the two
 * are checked against the service's names, never against each other).
 *
 * The names: the host of public_url; when public_url is empty, the
 * loopback names localhost, 127.0.0.1 and [::1].  Ports are not compared.
 * Pure functions of the configuration and the header; no allocation.
 */
#ifndef FCGI_HOSTS_H
#define FCGI_HOSTS_H

#include <stdbool.h>

#include "config.h"

/* A Host header value "name" or "name:port" ("[v6]:port").  An absent or
 * empty Host is allowed: there is nothing to check (no browser omits it). */
bool	 hosts_host_allowed(const struct config *, const char *host);
/* An Origin header value "http[s]://name[:port]".  Absent (NULL) is
 * allowed: only browsers send Origin; "null" and anything else is not. */
bool	 hosts_origin_allowed(const struct config *, const char *origin);

#endif /* FCGI_HOSTS_H */
