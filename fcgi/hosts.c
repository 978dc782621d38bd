/*
 * hosts.c - the host names this service answers for (see hosts.h).
 */
#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "hosts.h"

#define NAME_MAX_LEN	255	/* a DNS name (RFC 1035 2.3.4), or a literal */

static const char *const loopback[] = { "localhost", "127.0.0.1", "[::1]" };

/*
 * The length of the name part of "name[:port]" when the whole is plain: a
 * DNS name or IPv4 address (letters, digits, '-', '.', not starting with
 * '-' or '.'), or a bracketed IPv6 literal, then optionally ':' and 1-5
 * digits.  0 when it is not.
 */
static size_t
name_len(const char *host, size_t len)
{
	size_t i, n;

	if (len == 0)
		return 0;
	if (host[0] == '[') {
		for (n = 1; n < len && host[n] != ']'; n++)
			if (!isxdigit((unsigned char)host[n]) && host[n] != ':' &&
			    host[n] != '.')
				return 0;
		if (n >= len || n == 1)
			return 0;
		n++;			/* the ']' */
	} else {
		if (host[0] == '-' || host[0] == '.')
			return 0;
		for (n = 0; n < len && host[n] != ':'; n++)
			if (!isalnum((unsigned char)host[n]) && host[n] != '-' &&
			    host[n] != '.')
				return 0;
		if (n == 0)
			return 0;
	}
	if (n > NAME_MAX_LEN)
		return 0;
	if (n == len)
		return n;
	if (host[n] != ':' || len - n - 1 < 1 || len - n - 1 > 5)
		return 0;
	for (i = n + 1; i < len; i++)
		if (!isdigit((unsigned char)host[i]))
			return 0;
	return n;
}

static bool
same_name(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && strncasecmp(a, b, alen) == 0;
}

/* Is name (alen bytes) one of the space-separated names in list? */
static bool
in_list(const char *list, const char *name, size_t len)
{
	size_t n;

	while (*list != '\0') {
		list += strspn(list, " ");
		n = strcspn(list, " ");
		if (n > 0 && same_name(list, n, name, len))
			return true;
		list += n;
	}
	return false;
}

/* The name part of public_url ("https://name[:port][/path]"). */
static bool
is_public_name(const char *url, const char *name, size_t len)
{
	const char *h;
	size_t n;

	if ((h = strstr(url, "://")) == NULL)
		return false;
	h += 3;
	n = strcspn(h, "/?#");
	return (n = name_len(h, n)) > 0 && same_name(h, n, name, len);
}

static bool
name_allowed(const struct config *cfg, const char *name, size_t len)
{
	size_t i;

	if (cfg->public_url[0] != '\0') {
		if (is_public_name(cfg->public_url, name, len))
			return true;
	} else {
		for (i = 0; i < sizeof(loopback) / sizeof(loopback[0]); i++)
			if (same_name(loopback[i], strlen(loopback[i]), name, len))
				return true;
	}
	return in_list(cfg->allowed_hosts, name, len);
}

bool
hosts_host_allowed(const struct config *cfg, const char *host)
{
	size_t n;

	if (host == NULL || (n = name_len(host, strlen(host))) == 0)
		return false;
	return name_allowed(cfg, host, n);
}

bool
hosts_origin_allowed(const struct config *cfg, const char *origin)
{
	const char *h;
	size_t len, n;

	if (origin == NULL)
		return false;
	if (strncasecmp(origin, "https://", 8) == 0)
		h = origin + 8;
	else if (strncasecmp(origin, "http://", 7) == 0)
		h = origin + 7;
	else
		return false;		/* "null", other schemes */
	len = strlen(h);
	if ((n = name_len(h, len)) == 0)
		return false;		/* a path, userinfo, spaces... */
	return name_allowed(cfg, h, n);
}

const char *
hosts_check_list(const char *list)
{
	size_t n;

	while (*list != '\0') {
		if (*list == ' ') {
			list++;
			continue;
		}
		n = strcspn(list, " ");
		if (name_len(list, n) != n)
			return "must be host names separated by spaces (letters, "
			    "digits, '-' and '.', or an [IPv6] address; no "
			    "port: a name matches with any port)";
		list += n;
	}
	return NULL;
}
