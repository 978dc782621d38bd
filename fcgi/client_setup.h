/*
 * client_setup.h - how an MCP client is set up to reach this server's /mcp,
 * for the home page: the configuration snippets of the editors that read an
 * mcp.json, the Claude Code command line, and what the connector forms of
 * ChatGPT and Claude need.  Each depends on the configured API key, which
 * /mcp asks for exactly as the REST game routes do.
 *
 * Every function returns plain text (not HTML: the caller escapes it) in a
 * new string the caller frees, or NULL when memory runs out.
 */
#ifndef FCGI_CLIENT_SETUP_H
#define FCGI_CLIENT_SETUP_H

#include "config.h"

/* The name the snippets give the server in the client's list. */
#define CLIENT_SETUP_NAME "ttt"

enum client_setup_editor {
	CLIENT_SETUP_VSCODE,	/* .vscode/mcp.json: "servers", "type": "http" */
	CLIENT_SETUP_CURSOR,	/* .cursor/mcp.json: "mcpServers" */
};

/* A complete mcp.json for `editor` naming the server at `mcp_url`, with the
 * key's header (a YOUR_KEY placeholder) when one is configured. */
char	*client_setup_mcp_json(const struct config *, const char *mcp_url,
	    enum client_setup_editor editor);
/* `claude mcp add --transport http ...` for `mcp_url`, with --header when a
 * key is configured. */
char	*client_setup_claude_add(const struct config *, const char *mcp_url);
/* What to choose in ChatGPT's and Claude's connector forms, which take no
 * static key (only no authentication, or OAuth, which this service does not
 * offer). */
char	*client_setup_connectors(const struct config *);

#endif /* FCGI_CLIENT_SETUP_H */
