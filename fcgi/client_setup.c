/*
 * client_setup.c - the MCP client set-up the home page shows (see
 * client_setup.h).  The snippets follow each client's documented format:
 * VS Code's mcp.json lists "servers" with "type": "http"; Cursor's lists
 * "mcpServers" with a "url"; both take a "headers" object.  Claude Code
 * takes the transport, a name and the URL, and --header for a key.
 */
#define _GNU_SOURCE	/* asprintf */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "auth.h"
#include "client_setup.h"

/* The header a client sends the key in, and its value with the YOUR_KEY
 * placeholder (both static); false without a key. */
static bool
key_header(const struct config *cfg, const char **name, const char **value)
{
	switch (auth_type(cfg)) {
	case AUTH_NONE:
		return false;
	case AUTH_BASIC:
		*name = "Authorization";
		*value = "Basic YOUR_KEY";
		return true;
	case AUTH_CUSTOM:
		*name = cfg->api_key_header;
		*value = "YOUR_KEY";
		return true;
	case AUTH_BEARER:
	default:
		*name = "Authorization";
		*value = "Bearer YOUR_KEY";
		return true;
	}
}

char *
client_setup_mcp_json(const struct config *cfg, const char *mcp_url,
    enum client_setup_editor editor)
{
	const char *hname, *hvalue;
	json_t *server, *doc;
	char *out;

	if (editor == CLIENT_SETUP_VSCODE)
		server = json_pack("{s:s, s:s}", "type", "http", "url", mcp_url);
	else
		server = json_pack("{s:s}", "url", mcp_url);
	if (server == NULL)
		return NULL;
	if (key_header(cfg, &hname, &hvalue) &&
	    json_object_set_new(server, "headers",
	    json_pack("{s:s}", hname, hvalue)) != 0) {
		json_decref(server);
		return NULL;
	}
	doc = json_pack("{s:{s:o}}", editor == CLIENT_SETUP_VSCODE ?
	    "servers" : "mcpServers", CLIENT_SETUP_NAME, server);
	if (doc == NULL)
		return NULL;
	out = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	return out;
}

/* True when `s` needs no quoting for a POSIX shell. */
static bool
shell_plain(const char *s)
{
	return *s != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-._~:/[]@%+,=") == strlen(s);
}

/* `s` in single quotes, each ' written as '\'' (POSIX sh, 2.2.2). */
static char *
shell_quote(const char *s)
{
	size_t n = 3;
	const char *p;
	char *out, *o;

	if (shell_plain(s))
		return strdup(s);
	for (p = s; *p != '\0'; p++)
		n += *p == '\'' ? 4 : 1;
	if ((out = malloc(n)) == NULL)
		return NULL;
	o = out;
	*o++ = '\'';
	for (p = s; *p != '\0'; p++) {
		if (*p == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *p;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return out;
}

char *
client_setup_claude_add(const struct config *cfg, const char *mcp_url)
{
	const char *hname, *hvalue;
	char *url, *out = NULL;
	int n;

	if ((url = shell_quote(mcp_url)) == NULL)
		return NULL;
	/* The header name is a configuration-checked token, the value a
	 * fixed placeholder: double quotes are enough. */
	if (key_header(cfg, &hname, &hvalue))
		n = asprintf(&out, "claude mcp add --transport http %s %s "
		    "--header \"%s: %s\"", CLIENT_SETUP_NAME, url, hname, hvalue);
	else
		n = asprintf(&out, "claude mcp add --transport http %s %s",
		    CLIENT_SETUP_NAME, url);
	free(url);
	return n < 0 ? NULL : out;
}

char *
client_setup_connectors(const struct config *cfg)
{
	if (auth_type(cfg) == AUTH_NONE)
		return strdup("This server needs no key: choose No authentication "
		    "in ChatGPT and leave Claude's OAuth fields empty. Both "
		    "connect from the internet, so the address must be public "
		    "and HTTPS.");
	return strdup("This server requires an API key, which these two forms "
	    "cannot send, so ChatGPT and Claude cannot connect to it. Use a "
	    "client that sends a header (above), or give them a server "
	    "configured without api_key_file.");
}
