/*
 * allow.c - see allow.h.  Addresses are compared as bytes after
 * inet_pton(3), so "::1" and "0:0::1" are the same address.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allow.h"

#define ENTRY_MAX	64	/* an IPv6 address with a prefix fits */

struct net {
	int		 family;
	unsigned char	 addr[16];
	unsigned	 bits;
};

/* An address with an optional /bits; -1 when malformed. */
static int
parse(const char *text, size_t len, struct net *n)
{
	char buf[ENTRY_MAX], *slash, *end;
	unsigned long bits;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	if ((slash = strchr(buf, '/')) != NULL)
		*slash = '\0';
	memset(n, 0, sizeof(*n));
	if (inet_pton(AF_INET, buf, n->addr) == 1) {
		n->family = AF_INET;
		n->bits = 32;
	} else if (inet_pton(AF_INET6, buf, n->addr) == 1) {
		n->family = AF_INET6;
		n->bits = 128;
	} else {
		return -1;
	}
	if (slash != NULL) {
		if (slash[1] < '0' || slash[1] > '9' || strlen(slash + 1) > 3)
			return -1;
		bits = strtoul(slash + 1, &end, 10);
		if (*end != '\0' || bits > n->bits)
			return -1;
		n->bits = (unsigned)bits;
	}
	return 0;
}

/* The client's address; an IPv4-mapped IPv6 address becomes IPv4. */
static int
client(const char *addr, struct net *n)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0, 0xff, 0xff };

	if (addr == NULL || strchr(addr, '/') != NULL ||
	    parse(addr, strlen(addr), n) != 0)
		return -1;
	if (n->family == AF_INET6 && memcmp(n->addr, mapped, 12) == 0) {
		memmove(n->addr, n->addr + 12, 4);
		memset(n->addr + 4, 0, 12);
		n->family = AF_INET;
		n->bits = 32;
	}
	return 0;
}

static bool
contains(const struct net *net, const struct net *ip)
{
	unsigned full = net->bits / 8, rest = net->bits % 8;
	unsigned char mask;

	if (net->family != ip->family || memcmp(net->addr, ip->addr, full) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (unsigned char)(0xff << (8 - rest));
	return (net->addr[full] & mask) == (ip->addr[full] & mask);
}

/* Calls fn on each entry; stops at the first that returns nonzero. */
static int
each(const char *list, int (*fn)(const char *, size_t, void *), void *arg)
{
	const char *p = list;
	size_t n;
	int rc;

	while (p != NULL && *p != '\0') {
		p += strspn(p, " \t,");
		if ((n = strcspn(p, " \t,")) == 0)
			break;
		if ((rc = fn(p, n, arg)) != 0)
			return rc;
		p += n;
	}
	return 0;
}

static char bad_entry[ENTRY_MAX + 96];

static int
check_one(const char *p, size_t n, void *arg)
{
	struct net net;

	(void)arg;
	if (parse(p, n, &net) == 0)
		return 0;
	snprintf(bad_entry, sizeof(bad_entry), "has \"%.*s\", which is not "
	    "an IP address or address/prefix", (int)(n > ENTRY_MAX ? ENTRY_MAX : n), p);
	return 1;
}

const char *
allow_check(const char *list)
{
	return each(list, check_one, NULL) != 0 ? bad_entry : NULL;
}

static int
match_one(const char *p, size_t n, void *arg)
{
	struct net net;

	return parse(p, n, &net) == 0 && contains(&net, arg);
}

bool
allow_match(const char *list, const char *addr)
{
	struct net ip;

	if (client(addr, &ip) != 0)
		return false;
	return each(list, match_one, &ip) == 1;
}

bool
allow_request(const char *list, char *const *params)
{
	size_t i;

	for (i = 0; params != NULL && params[i] != NULL; i++)
		if (strncmp(params[i], "REMOTE_ADDR=", 12) == 0)
			return allow_match(list, params[i] + 12);
	return false;
}
