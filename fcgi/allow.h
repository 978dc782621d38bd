/*
 * allow.h - the `metrics_allow` list: the client addresses that may read
 * /metrics and /status.  Entries are IPv4 or IPv6 addresses, optionally
 * with a prefix length (10.0.0.0/8, fd00::/8), separated by spaces or
 * commas; an IPv4 client seen as ::ffff:a.b.c.d is matched as a.b.c.d.
 * An empty list lets nobody in.
 */
#ifndef FCGI_ALLOW_H
#define FCGI_ALLOW_H

#include <stdbool.h>

/* NULL when list is well formed, else a sentence naming the bad entry
 * (in a static buffer: configuration checks run on one thread). */
const char *allow_check(const char *list);

/* Does list (well formed) allow addr, a textual IP address (REMOTE_ADDR)? */
bool	allow_match(const char *list, const char *addr);

/* allow_match on the request's REMOTE_ADDR, found in params (CGI
 * "NAME=VALUE" strings, NULL-terminated; NULL: no address, refused). */
bool	allow_request(const char *list, char *const *params);

#endif /* FCGI_ALLOW_H */
