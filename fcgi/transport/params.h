/*
 * params.h - filling a struct handler_request from CGI-style parameters, the
 * same way in FastCGI mode (the request's envp) and in CGI mode (environ).
 */
#ifndef FCGI_PARAMS_H
#define FCGI_PARAMS_H

#include "handler.h"

#define PARAMS_PATH_MAX	4096

/*
 * Fill every field of req but the body from env, a NULL-terminated array
 * of "NAME=VALUE" strings that must outlive req.  Where a name occurs twice
 * the first wins, as with FCGX_GetParam.  path_buf holds the path when it
 * has to be assembled (no DOCUMENT_URI); req may point into it.
 */
void	params_fill(struct handler_request *req, char *const *env,
	    char path_buf[PARAMS_PATH_MAX]);

#endif /* FCGI_PARAMS_H */
