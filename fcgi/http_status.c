/*
 * http_status.c - the one table from the handler's error enum to an HTTP
 * status, and the reason phrases (RFC 9110 15).
 */
#include <stddef.h>

#include "http_status.h"

static const int err_status[] = {
	[HANDLER_OK]			= 200,
	[HANDLER_ERR_BAD_REQUEST]	= 400,
	[HANDLER_ERR_UNAUTHORIZED]	= 401,
	[HANDLER_ERR_NOT_FOUND]		= 404,
	[HANDLER_ERR_METHOD]		= 405,
	[HANDLER_ERR_LENGTH_REQUIRED]	= 411,
	[HANDLER_ERR_TOO_LARGE]		= 413,
	[HANDLER_ERR_URI_TOO_LONG]	= 414,
	[HANDLER_ERR_MISDIRECTED]	= 421,
	[HANDLER_ERR_UNPROCESSABLE]	= 422,
	[HANDLER_ERR_INTERNAL]		= 500,
};

int
http_status_of_err(enum handler_err err)
{
	if ((size_t)err >= sizeof(err_status) / sizeof(err_status[0]))
		return 500;
	return err_status[err];
}

const char *
http_status_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 404: return "Not Found";
	case 403: return "Forbidden";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 421: return "Misdirected Request";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	default:  return "Internal Server Error";
	}
}
