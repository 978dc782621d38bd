/*
 * params.c - CGI parameters to struct handler_request.  nginx's fastcgi_params
 * sets DOCUMENT_URI (the normalised, decoded path); plain CGI callers set
 * SCRIPT_NAME/PATH_INFO or REQUEST_URI, so those are the fallbacks.
 *
 * One pass over the parameters: FCGX_GetParam per field would rescan all
 * ~26 of them for each of our 17 names, which profiling showed to be the
 * largest cost of a request after libfcgi itself (tests/bench/README.md).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "transport/params.h"

enum { P_SCRIPT_NAME, P_PATH_INFO, P_REQUEST_URI, P_NEXTRA };

#define FIELD(f)	offsetof(struct handler_request, f)
#define EXTRA(i)	((size_t)-1 - (i))	/* not a request field */

static const struct {
	const char	*name;
	size_t		 len;
	size_t		 offset;
} wanted[] = {
	{ "REQUEST_METHOD",	14, FIELD(method) },
	{ "DOCUMENT_URI",	12, FIELD(path) },
	{ "QUERY_STRING",	12, FIELD(query) },
	{ "CONTENT_LENGTH",	14, FIELD(content_length) },
	{ "CONTENT_TYPE",	12, FIELD(content_type) },
	{ "HTTP_HOST",		 9, FIELD(host) },
	{ "SERVER_NAME",	11, FIELD(server_name) },
	{ "SERVER_PORT",	11, FIELD(server_port) },
	{ "HTTPS",		 5, FIELD(https) },
	{ "HTTP_X_FORWARDED_PROTO", 22, FIELD(forwarded_proto) },
	{ "HTTP_AUTHORIZATION",	18, FIELD(authorization) },
	{ "HTTP_ACCEPT",	11, FIELD(media_ranges) },
	{ "HTTP_ORIGIN",	11, FIELD(origin) },
	{ "REQUEST_ID",		10, FIELD(request_id) },
	{ "HTTP_OPENAI_CONVERSATION_ID", 27, FIELD(conversation_id) },
	{ "HTTP_OPENAI_GPT_ID",	18, FIELD(gpt_id) },
	{ "HTTP_ACCESS_CONTROL_REQUEST_METHOD", 34, FIELD(preflight_method) },
	{ "SCRIPT_NAME",	11, EXTRA(P_SCRIPT_NAME) },
	{ "PATH_INFO",		 9, EXTRA(P_PATH_INFO) },
	{ "REQUEST_URI",	11, EXTRA(P_REQUEST_URI) },
};

void
params_fill(struct handler_request *req, char *const *env,
    char path_buf[PARAMS_PATH_MAX])
{
	const char *extra[P_NEXTRA] = { NULL, NULL, NULL }, *eq, *qm, **slot;
	size_t i, k, namelen, n;

	memset(req, 0, sizeof(*req));
	req->params = env;
	for (i = 0; env != NULL && env[i] != NULL; i++) {
		if ((eq = strchr(env[i], '=')) == NULL)
			continue;
		namelen = (size_t)(eq - env[i]);
		for (k = 0; k < sizeof(wanted) / sizeof(wanted[0]); k++) {
			if (wanted[k].len != namelen ||
			    memcmp(wanted[k].name, env[i], namelen) != 0)
				continue;
			if (wanted[k].offset > sizeof(*req))
				slot = &extra[(size_t)-1 - wanted[k].offset];
			else
				slot = (const char **)(void *)((char *)req +
				    wanted[k].offset);
			if (*slot == NULL)	/* the first copy wins */
				*slot = eq + 1;
			break;
		}
	}
	if (req->path != NULL)
		return;
	if (extra[P_SCRIPT_NAME] != NULL || extra[P_PATH_INFO] != NULL) {
		snprintf(path_buf, PARAMS_PATH_MAX, "%s%s",
		    extra[P_SCRIPT_NAME] ? extra[P_SCRIPT_NAME] : "",
		    extra[P_PATH_INFO] ? extra[P_PATH_INFO] : "");
		req->path = path_buf;
	} else if (extra[P_REQUEST_URI] != NULL) {
		qm = strchr(extra[P_REQUEST_URI], '?');
		n = qm != NULL ? (size_t)(qm - extra[P_REQUEST_URI]) :
		    strlen(extra[P_REQUEST_URI]);
		if (n >= PARAMS_PATH_MAX)
			n = PARAMS_PATH_MAX - 1;
		memcpy(path_buf, extra[P_REQUEST_URI], n);
		path_buf[n] = '\0';
		req->path = path_buf;
	}
}
