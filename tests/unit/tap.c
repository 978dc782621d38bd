/*
 * tap.c - TAP output (Test Anything Protocol) for every C test program.
 */
#include <stdarg.h>
#include <stdio.h>

#include "tap.h"

static int	 tests, failed;

bool
tap_ok(bool cond, const char *name)
{
	tests++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tests, name);
	/* Flush so a crash in the next test cannot swallow this line. */
	fflush(stdout);
	return cond;
}

void
tap_diag(const char *fmt, ...)
{
	va_list	 ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

int
tap_done(void)
{
	printf("1..%d\n", tests);
	if (failed)
		tap_diag("failed %d of %d tests", failed, tests);
	return failed ? 1 : 0;
}
