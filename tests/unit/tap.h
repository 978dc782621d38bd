/*
 * tap.h - the few TAP primitives the C test programs need.
 *
 * Each test program calls tap_ok() once per behaviour, with a name that
 * reads as a sentence, then returns tap_done(), which prints the plan
 * (1..N, at the end, as TAP allows) and gives the exit status for prove.
 */
#ifndef ENGINE_TAP_H
#define ENGINE_TAP_H

#include <stdbool.h>

/* Print "ok N - name" or "not ok N - name"; returns cond. */
bool	tap_ok(bool cond, const char *name);

/* Print a "# ..." diagnostic line (printf format). */
void	tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print the plan; returns 0 if every test passed, 1 otherwise. */
int	tap_done(void);

#endif /* ENGINE_TAP_H */
