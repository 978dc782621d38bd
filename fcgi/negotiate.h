/*
 * negotiate.h - content negotiation on the Accept header (RFC 9110 12.5.1),
 * without floating point.  No allocation; the header may be NULL.
 */
#ifndef FCGI_NEGOTIATE_H
#define FCGI_NEGOTIATE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A weight (RFC 9110 12.4.2) as an integer 0..1000: "0", "0.5", "1.000".
 * Returns -1 for anything else: "1e300", "nan", "-inf", "1.5", "0.0001".
 */
int	negotiate_qvalue(const char *s, size_t len);

/*
 * The weight, 0..1000, that the Accept header gives the media type `type`
 * ("text/html"), taken from its most specific matching range (exact, then
 * "text/" + "*", then any); -1 when no valid range matches or media_ranges is
 * NULL.  A range with an invalid weight or syntax is ignored.
 */
int	negotiate_q(const char *media_ranges, const char *type);

/* True when the client weighs text/html above 0 and above JSON. */
bool	negotiate_prefers_html(const char *media_ranges);

#endif /* FCGI_NEGOTIATE_H */
