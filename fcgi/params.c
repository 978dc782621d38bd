/*
 * params.c - CGI parameters to struct ttt_request.  nginx's fastcgi_params
 * sets DOCUMENT_URI (the normalised, decoded path); plain CGI callers set
 * SCRIPT_NAME/PATH_INFO or REQUEST_URI, so those are the fallbacks.
 */
#include <stdio.h>
#include <string.h>

#include "params.h"

void
params_fill(struct ttt_request *req, param_get_fn get, void *ctx,
    char path_buf[PARAMS_PATH_MAX])
{
	const char *uri, *script, *info, *qm;
	size_t n;

	memset(req, 0, sizeof(*req));
	req->method = get("REQUEST_METHOD", ctx);
	req->query = get("QUERY_STRING", ctx);
	req->content_length = get("CONTENT_LENGTH", ctx);
	req->content_type = get("CONTENT_TYPE", ctx);
	req->host = get("HTTP_HOST", ctx);
	req->server_name = get("SERVER_NAME", ctx);
	req->server_port = get("SERVER_PORT", ctx);
	req->https = get("HTTPS", ctx);
	req->forwarded_proto = get("HTTP_X_FORWARDED_PROTO", ctx);
	req->authorization = get("HTTP_AUTHORIZATION", ctx);
	req->accept = get("HTTP_ACCEPT", ctx);
	req->origin = get("HTTP_ORIGIN", ctx);
	req->request_id = get("REQUEST_ID", ctx);
	req->conversation_id = get("HTTP_OPENAI_CONVERSATION_ID", ctx);
	req->gpt_id = get("HTTP_OPENAI_GPT_ID", ctx);
	req->preflight_method = get("HTTP_ACCESS_CONTROL_REQUEST_METHOD", ctx);

	if ((req->path = get("DOCUMENT_URI", ctx)) != NULL)
		return;
	script = get("SCRIPT_NAME", ctx);
	info = get("PATH_INFO", ctx);
	if (script != NULL || info != NULL) {
		snprintf(path_buf, PARAMS_PATH_MAX, "%s%s", script ? script : "",
		    info ? info : "");
		req->path = path_buf;
		return;
	}
	if ((uri = get("REQUEST_URI", ctx)) != NULL) {
		qm = strchr(uri, '?');
		n = qm != NULL ? (size_t)(qm - uri) : strlen(uri);
		if (n >= PARAMS_PATH_MAX)
			n = PARAMS_PATH_MAX - 1;
		memcpy(path_buf, uri, n);
		path_buf[n] = '\0';
		req->path = path_buf;
	}
}
