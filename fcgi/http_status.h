/*
 * http_status.h - the handler's error enum as an HTTP status, from one
 * table, and the reason phrase of a status.  Static results; no errors.
 */
#ifndef FCGI_HTTP_STATUS_H
#define FCGI_HTTP_STATUS_H

#include "handler.h"

/* The status of an outcome: 200 for HANDLER_OK, 500 for anything unknown. */
int	 http_status_of_err(enum handler_err err);
/* "OK", "Not Found", ...: a static string ("Internal Server Error" for a
 * status this worker never sends). */
const char *http_status_reason(int status);

#endif /* FCGI_HTTP_STATUS_H */
