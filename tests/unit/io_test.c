/*
 * io_test.c - the two pieces between libfcgi and the handler: parameters
 * to a request (params.c) and a response to CGI header lines (wire.c).
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "handler.h"
#include "transport/params.h"
#include "transport/wire.h"

int
main(void)
{
	char path[PARAMS_PATH_MAX], head[WIRE_HEAD_MAX];
	struct handler_request req;
	struct handler_response r;
	char *env1[] = { "REQUEST_METHOD=POST", "DOCUMENT_URI=/human_move",
	    "HTTP_HOST=a.example", "HTTP_HOST=b.example", "CONTENT_LENGTH=12",
	    "HTTPS=on", "HTTP_OPENAI_GPT_ID=g-1", "JUNK", "HTTP_X=1", NULL };
	char *env2[] = { "REQUEST_METHOD=GET", "SCRIPT_NAME=/human", "PATH_INFO=_move", NULL };
	char *env3[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/healthz?x=1", NULL };
	size_t n;

	params_fill(&req, env1, path);
	tap_ok(strcmp(req.method, "POST") == 0 && strcmp(req.path, "/human_move") == 0 &&
	    strcmp(req.content_length, "12") == 0 && strcmp(req.https, "on") == 0 &&
	    strcmp(req.gpt_id, "g-1") == 0 && req.query == NULL,
	    "parameters fill their fields; absent ones stay NULL");
	tap_ok(strcmp(req.host, "a.example") == 0,
	    "a parameter sent twice keeps its first value, as FCGX_GetParam does");
	params_fill(&req, env2, path);
	tap_ok(strcmp(req.path, "/human_move") == 0,
	    "without DOCUMENT_URI the path is SCRIPT_NAME + PATH_INFO");
	params_fill(&req, env3, path);
	tap_ok(strcmp(req.path, "/healthz") == 0,
	    "else it is REQUEST_URI without the query");

	memset(&r, 0, sizeof(r));
	r.status = 200;
	r.content_type = "application/json; charset=utf-8";
	r.body = "{\"status\":\"ok\"}";
	r.body_len = 15;
	r.headers[0].name = "Cache-Control";
	r.headers[0].value = "no-cache";
	r.nheaders = 1;
	n = wire_head(&r, head, sizeof(head));
	head[n] = '\0';
	tap_ok(strcmp(head, "Status: 200 OK\r\nContent-Type: application/json; "
	    "charset=utf-8\r\nContent-Length: 15\r\nCache-Control: no-cache\r\n\r\n") == 0,
	    "a response becomes Status, Content-Type, Content-Length, headers, blank line");
	r.status = 204;
	r.content_type = NULL;
	r.body_len = 0;
	r.nheaders = 0;
	n = wire_head(&r, head, sizeof(head));
	head[n] = '\0';
	tap_ok(strcmp(head, "Status: 204 No Content\r\n\r\n") == 0,
	    "a 204 carries no Content-Length");
	r.status = 42;
	n = wire_head(&r, head, sizeof(head));
	tap_ok(n > 0 && strncmp(head, "Status: 500 ", 12) == 0,
	    "an out-of-range status is sent as 500, never as a bad Status line");
	r.status = 200;
	tap_ok(wire_head(&r, head, 10) == 0, "a header block that does not fit is refused");
	return tap_done();
}
