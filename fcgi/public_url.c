/*
 * public_url.c - the service's public URL, servers[0].url of the OpenAPI document: the configured
 * public_url, else derived from the request (scheme from nginx's HTTPS
 * param or a trusted X-Forwarded-Proto, host from a plain Host header), so
 * a GPT builder can import the document unedited and no client can steer
 * it to another server.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "handler_internal.h"
#include "hosts.h"

static bool
port_ok(const char *p, size_t len)
{
	unsigned long v = 0;
	size_t i;

	if (len == 0 || len > 5)
		return false;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)p[i]))
			return false;
		v = v * 10 + (unsigned long)(p[i] - '0');
	}
	return v >= 1 && v <= 65535;
}

/*
 * A Host we are willing to echo into the document: a DNS name or IPv4
 * address (letters, digits, '-', '.'), or a bracketed IPv6 literal, and an
 * optional :port.  Anything else (spaces, '@', '/', quotes) could steer a
 * GPT to another server, so it is never reflected.
 */
bool
public_url_host_is_plain(const char *host)
{
	size_t len, i, hostlen;
	const char *colon;

	if (host == NULL || (len = strlen(host)) == 0 || len > HOST_MAX)
		return false;
	if (host[0] == '[') {
		const char *close = strchr(host, ']');

		if (close == NULL || close == host + 1)
			return false;
		for (i = 1; host + i < close; i++)
			if (!isxdigit((unsigned char)host[i]) && host[i] != ':' &&
			    host[i] != '.')
				return false;
		if (close[1] == '\0')
			return true;
		return close[1] == ':' && port_ok(close + 2, strlen(close + 2));
	}
	colon = strchr(host, ':');
	hostlen = colon != NULL ? (size_t)(colon - host) : len;
	if (hostlen == 0 || host[0] == '-' || host[0] == '.')
		return false;
	for (i = 0; i < hostlen; i++)
		if (!isalnum((unsigned char)host[i]) && host[i] != '-' &&
		    host[i] != '.')
			return false;
	return colon == NULL || port_ok(colon + 1, strlen(colon + 1));
}

static bool
host_has_port(const char *host)
{
	const char *close = host[0] == '[' ? strchr(host, ']') : host;

	return close != NULL && strchr(close, ':') != NULL;
}

bool
public_url_known(const struct config *cfg, const struct handler_request *req)
{
	return cfg->public_url[0] != '\0' || hosts_host_allowed(cfg,
	    req->host != NULL ? req->host : req->server_name);
}

char *
public_url_for_request(const struct config *cfg, const struct handler_request *req)
{
	const char *scheme = "http", *host = "localhost", *port = NULL;
	struct strbuf sb;
	size_t size;
	char *url;

	if (cfg->public_url[0] != '\0')
		return strdup(cfg->public_url);
	bool forwarded = false;

	if (req->https != NULL && strcasecmp(req->https, "on") == 0) {
		scheme = "https";
	} else if (cfg->trust_forwarded_proto && req->forwarded_proto != NULL &&
	    strcasecmp(req->forwarded_proto, "https") == 0) {
		scheme = "https";
		forwarded = true;	/* SERVER_PORT is nginx's, not the client's */
	}
	/* Only a name of ours (hosts.h): a client's Host never steers it. */
	if (public_url_host_is_plain(req->host) &&
	    hosts_host_allowed(cfg, req->host))
		host = req->host;
	else if (public_url_host_is_plain(req->server_name) &&
	    strchr(req->server_name, ':') == NULL &&
	    hosts_host_allowed(cfg, req->server_name))
		host = req->server_name;
	/*
	 * Debian's fastcgi_params sends HTTP_HOST as $host, without the port
	 * (a security workaround), so a port the client used must come back
	 * from SERVER_PORT: nginx on 8443 means https://host:8443.  Behind a
	 * proxy (forwarded scheme) the client's port is unknown: the default.
	 */
	if (!forwarded && !host_has_port(host) && req->server_port != NULL &&
	    port_ok(req->server_port, strlen(req->server_port)) &&
	    strcmp(req->server_port, scheme[4] == 's' ? "443" : "80") != 0)
		port = req->server_port;
	/* "://", ":" and a port of at most 5 digits (port_ok), and the NUL. */
	size = strlen(scheme) + strlen(host) + 16;
	if ((url = malloc(size)) == NULL)
		return NULL;
	strbuf_init(&sb, url, size);
	strbuf_put(&sb, scheme);
	strbuf_put(&sb, "://");
	strbuf_put(&sb, host);
	if (port != NULL) {
		strbuf_putc(&sb, ':');
		strbuf_put(&sb, port);
	}
	if (!strbuf_ok(&sb)) {		/* cannot happen: size counts every piece */
		free(url);
		return NULL;
	}
	return url;
}
