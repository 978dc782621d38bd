/*
 * site.h - the home page, the privacy page and the MCP App's page, generated
 * at build time by fcgi/site/embed from the sources in fcgi/site/ (style
 * sheet, script and board inlined).  The home and privacy pages hold @NAME@
 * placeholders that pages.c fills; the MCP App's page is complete.  All are
 * static, NUL-terminated, and owned by nobody (never freed).
 */
#ifndef FCGI_SITE_H
#define FCGI_SITE_H

#include <stddef.h>

extern const char site_index[];		/* GET / for a browser */
extern const size_t site_index_len;
extern const char site_privacy[];	/* GET /privacy for a browser */
extern const size_t site_privacy_len;
/* The MCP App (MCP Apps extension, revision 2026-01-26): a self-contained
 * HTML5 page to serve as it is, with mimeType "text/html;profile=mcp-app",
 * as the text of the ui:// resource that the game tools name in
 * _meta.ui.resourceUri.  It loads nothing and connects nowhere (it calls
 * tools through the host by postMessage), so the resource's _meta.ui.csp
 * needs no domain. */
extern const char site_mcp_app_html[];
extern const size_t site_mcp_app_html_len;
extern const char site_instructions[];	/* the GPT instructions, plain text */
/* Content-Security-Policy for both pages: their inline style and script by
 * hash, fetches to this origin only, no framing. */
extern const char site_csp[];

#endif /* FCGI_SITE_H */
