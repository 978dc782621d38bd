/*
 * hosts_test.c - the host names the service answers for (fcgi/hosts.h):
 * loopback names by default, public_url's host instead when it is set,
 * allowed_hosts on top; any port, any case; Origin headers the same way;
 * anything that is not a plain host[:port] never matches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hosts.h"
#include "tap.h"

static struct config cfg;

static void
set(const char *key, const char *value)
{
	char err[256];

	if (config_set(&cfg, key, value, err, sizeof(err)) != 0) {
		tap_diag("config_set %s: %s", key, err);
		exit(1);
	}
}

int
main(void)
{
	static const char *const hostile[] = { "", "evil.example",
	    "localhost.evil.example", "evil.example#localhost", "localhost@evil",
	    "local host", "localhost:", "localhost:123456", "localhost:80x",
	    "[::1", "[]", "[::1]x", "-localhost", ".localhost", "localhost/x",
	    "127.0.0.1.evil.example", "[::1]:80:80" };
	char err[256];
	size_t i;
	bool ok;

	if (config_defaults(&cfg) != 0)
		return 1;
	tap_ok(hosts_host_allowed(&cfg, "localhost") &&
	    hosts_host_allowed(&cfg, "127.0.0.1:8080") &&
	    hosts_host_allowed(&cfg, "[::1]:443") &&
	    hosts_host_allowed(&cfg, "LocalHost"),
	    "by default the loopback names are ours, with any port and case");
	for (ok = true, i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		if (hosts_host_allowed(&cfg, hostile[i])) {
			tap_diag("allowed: \"%s\"", hostile[i]);
			ok = false;
		}
	tap_ok(ok && !hosts_host_allowed(&cfg, NULL),
	    "other names, look-alikes and malformed Hosts are not");

	set("allowed_hosts", "ttt.example.com  api.example.org [2001:db8::1]");
	tap_ok(hosts_host_allowed(&cfg, "ttt.example.com") &&
	    hosts_host_allowed(&cfg, "API.example.org:8443") &&
	    hosts_host_allowed(&cfg, "[2001:db8::1]:443") &&
	    hosts_host_allowed(&cfg, "localhost"),
	    "allowed_hosts adds names to the loopback ones");
	tap_ok(!hosts_host_allowed(&cfg, "example.com") &&
	    !hosts_host_allowed(&cfg, "ttt.example.com.evil") &&
	    !hosts_host_allowed(&cfg, "xttt.example.com"),
	    "a name matches whole, never a part of it");

	set("public_url", "https://ttt.example.net:8443/");
	tap_ok(hosts_host_allowed(&cfg, "ttt.example.net") &&
	    hosts_host_allowed(&cfg, "ttt.example.net:443") &&
	    hosts_host_allowed(&cfg, "api.example.org"),
	    "public_url's host is ours, and allowed_hosts still counts");
	tap_ok(!hosts_host_allowed(&cfg, "localhost") &&
	    !hosts_host_allowed(&cfg, "127.0.0.1"),
	    "with public_url set, the loopback names no longer are");

	tap_ok(hosts_origin_allowed(&cfg, "https://ttt.example.net") &&
	    hosts_origin_allowed(&cfg, "http://api.example.org:8080"),
	    "an Origin is ours when its host is");
	tap_ok(!hosts_origin_allowed(&cfg, "null") &&
	    !hosts_origin_allowed(&cfg, NULL) &&
	    !hosts_origin_allowed(&cfg, "https://evil.example") &&
	    !hosts_origin_allowed(&cfg, "ftp://ttt.example.net") &&
	    !hosts_origin_allowed(&cfg, "https://ttt.example.net/path") &&
	    !hosts_origin_allowed(&cfg, "https://user@ttt.example.net") &&
	    !hosts_origin_allowed(&cfg, "https://localhost"),
	    "null, other hosts and schemes, paths and userinfo are not");

	tap_ok(config_set(&cfg, "allowed_hosts", "ttt.example.com:8443", err,
	    sizeof(err)) != 0 && strstr(err, "allowed_hosts") != NULL,
	    "allowed_hosts refuses a port (names match any port)");
	tap_ok(config_set(&cfg, "allowed_hosts", "a.example,b.example", err,
	    sizeof(err)) != 0 && config_set(&cfg, "allowed_hosts",
	    "evil/x", err, sizeof(err)) != 0,
	    "allowed_hosts refuses commas and slashes");
	tap_ok(config_set(&cfg, "allowed_hosts", "", err, sizeof(err)) == 0 &&
	    !hosts_host_allowed(&cfg, "api.example.org"),
	    "allowed_hosts may be empty (the default)");
	config_free(&cfg);
	return tap_done();
}
