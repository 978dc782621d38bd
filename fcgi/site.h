/*
 * site.h - the home page and the privacy page, generated at build time by
 * fcgi/site/embed from the sources in fcgi/site/ (style sheet and script
 * inlined).  The pages hold @NAME@ placeholders that pages.c fills.
 */
#ifndef FCGI_SITE_H
#define FCGI_SITE_H

#include <stddef.h>

extern const char site_index[];		/* GET / for a browser */
extern const size_t site_index_len;
extern const char site_privacy[];	/* GET /privacy for a browser */
extern const size_t site_privacy_len;
extern const char site_instructions[];	/* the GPT instructions, plain text */
/* Content-Security-Policy for both pages: their inline style and script by
 * hash, fetches to this origin only, no framing. */
extern const char site_csp[];

#endif /* FCGI_SITE_H */
