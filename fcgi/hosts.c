/*
 * hosts.c - is a Host or Origin one of the service's own names (hosts.h).
 */
#include <string.h>
#include <strings.h>

#include "hosts.h"

#define NAME_MAX_LEN	255	/* RFC 1035 2.3.4: a domain name's limit */

static const char *const loopback[] = { "localhost", "127.0.0.1", "[::1]" };

/* The length of the name in "name[:port]" ("[v6]" keeps its brackets). */
static size_t
name_len(const char *s, size_t n)
{
	const char *end;

	if (n > 0 && s[0] == '[') {
		end = memchr(s, ']', n);
		return end != NULL ? (size_t)(end - s) + 1 : n;
	}
	end = memchr(s, ':', n);
	return end != NULL ? (size_t)(end - s) : n;
}

/* The host of public_url ("https://name:port/path" -> "name"). */
static size_t
public_name(const char *url, const char **name)
{
	const char *p = strstr(url, "://");
	size_t n;

	if (p == NULL)
		return 0;
	p += 3;
	n = strcspn(p, "/?#");
	*name = p;
	return name_len(p, n);
}

/* Is name (n bytes, no port) one of ours? */
static bool
ours(const struct config *cfg, const char *name, size_t n)
{
	const char *pub = NULL;
	size_t i, k;

	if (n == 0 || n > NAME_MAX_LEN)
		return false;
	if (cfg->public_url != NULL && cfg->public_url[0] != '\0') {
		k = public_name(cfg->public_url, &pub);
		return k == n && strncasecmp(pub, name, n) == 0;
	}
	for (i = 0; i < sizeof(loopback) / sizeof(loopback[0]); i++)
		if (strlen(loopback[i]) == n &&
		    strncasecmp(loopback[i], name, n) == 0)
			return true;
	return false;
}

/* "name" or "name:digits": the port, when there is one, must be a port. */
static bool
port_ok(const char *s, size_t n, size_t name)
{
	size_t i;

	if (name == n)
		return true;
	if (s[name] != ':' || n - name < 2 || n - name > 6)
		return false;
	for (i = name + 1; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool
hosts_host_allowed(const struct config *cfg, const char *host)
{
	size_t n, k;

	if (host == NULL || host[0] == '\0')
		return true;
	n = strlen(host);
	k = name_len(host, n);
	return port_ok(host, n, k) && ours(cfg, host, k);
}

bool
hosts_origin_allowed(const struct config *cfg, const char *origin)
{
	const char *p;
	size_t n, k;

	if (origin == NULL)
		return true;
	if (strncmp(origin, "http://", 7) == 0)
		p = origin + 7;
	else if (strncmp(origin, "https://", 8) == 0)
		p = origin + 8;
	else
		return false;
	n = strlen(p);
	k = name_len(p, n);
	return port_ok(p, n, k) && ours(cfg, p, k);
}
