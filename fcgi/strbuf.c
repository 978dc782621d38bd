/*
 * strbuf.c - the bounded text writer (see strbuf.h for the contract).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "strbuf.h"

void
strbuf_init(struct strbuf *sb, char *buf, size_t size)
{
	sb->buf = buf;
	sb->size = size;
	sb->len = 0;
	sb->truncated = size == 0;
	if (size > 0)
		buf[0] = '\0';
}

void
strbuf_putn(struct strbuf *sb, const char *s, size_t n)
{
	/* Room for n bytes and the NUL; written as a subtraction so that
	 * no sum can wrap. */
	if (sb->truncated || n >= sb->size - sb->len) {
		sb->truncated = true;
		return;
	}
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void
strbuf_put(struct strbuf *sb, const char *s)
{
	strbuf_putn(sb, s, strlen(s));
}

void
strbuf_putc(struct strbuf *sb, char c)
{
	strbuf_putn(sb, &c, 1);
}

void
strbuf_putu(struct strbuf *sb, unsigned long long v)
{
	char digits[24];
	size_t i = sizeof(digits);

	do
		digits[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	strbuf_putn(sb, digits + i, sizeof(digits) - i);
}

void
strbuf_putf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	if (sb->truncated)
		return;
	room = sb->size - sb->len;
	va_start(ap, fmt);
	n = vsnprintf(sb->buf + sb->len, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		sb->buf[sb->len] = '\0';	/* drop the partial piece */
		sb->truncated = true;
		return;
	}
	sb->len += (size_t)n;
}

bool
strbuf_ok(const struct strbuf *sb)
{
	return !sb->truncated;
}
