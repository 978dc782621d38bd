/*
 * params.h - filling a struct ttt_request from CGI-style parameters, the
 * same way in FastCGI mode (FCGX_GetParam) and in CGI mode (getenv).
 */
#ifndef TTT_PARAMS_H
#define TTT_PARAMS_H

#include "http.h"

#define PARAMS_PATH_MAX	4096

/* Returns the parameter's value or NULL; the pointer must outlive req. */
typedef const char *(*param_get_fn)(const char *name, void *ctx);

/*
 * Fill every field of req but the body.  path_buf holds the path when it
 * has to be assembled (no DOCUMENT_URI); req may point into it.
 */
void	params_fill(struct ttt_request *req, param_get_fn get, void *ctx,
	    char path_buf[PARAMS_PATH_MAX]);

#endif /* TTT_PARAMS_H */
