/*
 * strbuf.h - the worker's one bounded text writer.
 *
 * A strbuf writes into storage of a fixed size that its caller gives it
 * (an array on the stack, usually) and never past it.  A write that does
 * not fit whole writes nothing, marks the strbuf truncated, and makes
 * every later write a no-op, so a caller checks once, at the end, with
 * strbuf_ok() instead of after every piece; a truncated text is never
 * sent as if it were whole.  The text is NUL-terminated after every call.
 *
 * Ownership (the rule for every builder of the worker): a builder never
 * frees what its caller owns.  A strbuf owns nothing: the storage is the
 * caller's and must outlive it.  The JSON builders follow jansson's "_new"
 * convention instead, stated in jsonutil.h: they steal what they are given.
 *
 * No call fails otherwise or allocates; all are safe on distinct strbufs
 * from several threads.
 */
#ifndef FCGI_STRBUF_H
#define FCGI_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char	*buf;		/* the caller's storage */
	size_t	 size;		/* its size in bytes, >= 1 */
	size_t	 len;		/* bytes written, buf[len] == '\0' */
	bool	 truncated;	/* a write did not fit: the text is incomplete */
};

/* Start writing at buf[0]; size must be at least 1 (room for the NUL). */
void	strbuf_init(struct strbuf *, char *buf, size_t size);
void	strbuf_put(struct strbuf *, const char *s);
void	strbuf_putn(struct strbuf *, const char *s, size_t n);
void	strbuf_putc(struct strbuf *, char c);
/* The decimal digits of v. */
void	strbuf_putu(struct strbuf *, unsigned long long v);
void	strbuf_putf(struct strbuf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* true when every write so far fitted whole. */
bool	strbuf_ok(const struct strbuf *);

#endif /* FCGI_STRBUF_H */
