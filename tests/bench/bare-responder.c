/*
 * bare-responder.c - the smallest useful libfcgi responder: the ceiling that
 * tests/bench/http-bench holds ttt-fcgi against (the ceiling of the stack).
 *
 * For each request it does only what any JSON endpoint on this stack must
 * do: an FCGX accept loop, read CONTENT_LENGTH bytes of body, parse them with
 * json_loadb(), and write a fixed JSON reply of the size of a typical
 * /human_move answer.  No routing, no validation, no engine.
 *
 *   bare-responder                 serve on fd 0 (spawn-fcgi, multiwatch)
 *   bare-responder PATH|HOST:PORT  bind the socket itself (start-up timing)
 *
 * `-c FILE` and other options are accepted and ignored, so that it can stand
 * in for ttt-fcgi in tests/lib/stack.sh (which runs `WORKER -c CONF`).
 *
 * Built by the bench (tests/bench/bench.mk), never installed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>
#include <jansson.h>

#define BODY_MAX	(64 * 1024)	/* same order as the worker's default limit */

static const char reply[] =
	"Status: 200 OK\r\n"
	"Content-Type: application/json; charset=utf-8\r\n"
	"\r\n"
	"{\"board\":[[\"\",\"\",\"\"],[\"\",\"X\",\"\"],[\"O\",\"\",\"\"]],"
	"\"status\":\"continue\",\"winner\":\"No winner\","
	"\"move\":{\"row\":2,\"col\":0,\"position\":7}}";

static const char bad[] =
	"Status: 400 Bad Request\r\n"
	"Content-Type: application/json; charset=utf-8\r\n"
	"\r\n"
	"{\"error\":\"The body is not valid JSON.\"}";

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

/* Digits only, at most BODY_MAX; -1 otherwise (RFC 3875 4.1.2). */
static long
content_length(const char *s)
{
	long n = 0;

	if (s == NULL || *s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
		if (n > BODY_MAX)
			return -1;
	}
	return n;
}

int
main(int argc, char **argv)
{
	static char body[BODY_MAX];
	FCGX_Request req;
	struct sigaction sa;
	json_error_t jerr;
	json_t *root;
	const char *spec = NULL;
	long len;
	int fd = 0, got, ok, i;

	if (FCGX_Init() != 0) {
		fprintf(stderr, "bare-responder: FCGX_Init failed\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			i++;
		else if (argv[i][0] != '-')
			spec = argv[i];
	}
	if (spec != NULL) {
		fd = FCGX_OpenSocket(spec, 128);
		if (fd < 0) {
			fprintf(stderr, "bare-responder: cannot listen on %s\n",
			    spec);
			return 1;
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: accept() returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (FCGX_InitRequest(&req, fd, 0) != 0)
		return 1;
	while (!stopping && FCGX_Accept_r(&req) >= 0) {
		ok = 1;
		len = content_length(FCGX_GetParam("CONTENT_LENGTH", req.envp));
		if (len < 0) {
			ok = 0;
		} else if (len > 0) {
			got = FCGX_GetStr(body, (int)len, req.in);
			root = json_loadb(body, (size_t)got,
			    JSON_REJECT_DUPLICATES, &jerr);
			if (root == NULL)
				ok = 0;
			json_decref(root);
		}
		if (ok)
			FCGX_PutStr(reply, (int)sizeof(reply) - 1, req.out);
		else
			FCGX_PutStr(bad, (int)sizeof(bad) - 1, req.out);
		FCGX_Finish_r(&req);
	}
	return 0;
}
